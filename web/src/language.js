// copil's highlighting: a small stream tokenizer over the keywords that
// the compiler itself lists (copil.keywords()), so the two never differ.
import { StreamLanguage } from "@codemirror/language";

export function copilLanguage(keywords) {
  const declarations = new Set(keywords.filter((k) => k.declaration).map((k) => k.mot));
  const others = new Set(keywords.filter((k) => !k.declaration).map((k) => k.mot));
  return StreamLanguage.define({
    name: "copil",
    startState: () => ({ afterDeclaration: 0 }),
    token(stream, state) {
      if (stream.eatSpace()) return null;
      if (stream.match("#")) {
        stream.skipToEnd();
        return "comment";
      }
      if (stream.match('"')) {
        while (!stream.eol()) {
          const c = stream.next();
          if (c === "\\") stream.next();
          else if (c === '"') break;
        }
        return "string";
      }
      if (stream.match("«")) {
        while (!stream.eol() && stream.next() !== "»");
        return "string";
      }
      if (stream.match(/^\d[\d\s\u00a0\u202f.,]*(?:€|%)?/u)) return "number";
      if (stream.match(/^[\p{L}_][\p{L}\p{N}_-]*/u)) {
        const word = stream.current();
        if (declarations.has(word)) {
          state.afterDeclaration = 1;
          return "keyword";
        }
        if (state.afterDeclaration === 1) {
          state.afterDeclaration = 0;
          return "def";
        }
        return others.has(word) ? "atom" : "variable";
      }
      stream.next();
      return /[{}]/.test(stream.current()) ? "bracket" : "punctuation";
    },
    blankLine: (state) => {
      state.afterDeclaration = 0;
    },
    languageData: { commentTokens: { line: "#" } },
  });
}

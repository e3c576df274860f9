//! Where the cursor is, read from the text alone so that it works in a
//! file that does not parse: the blocks it is in (by their opening
//! keyword) and the words of the statement it is in, before it.
//!
//! A statement starts at the start of a block, after a `{` or a `}`, or on
//! a new line unless the line before ends with a comma (a list goes on).

/// A token of the text before the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A word: keyword, identifier, code, rule id.
    Word(&'a str),
    /// A number or an amount.
    Number,
    /// A string.
    Str,
    /// `,`
    Comma,
    /// Anything else (`€`, `..`).
    Other,
}

/// The context of a cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Context<'a> {
    /// The opening keyword of each enclosing block, outermost first
    /// (`feuille_de_route`, `action`).
    pub blocks: Vec<&'a str>,
    /// The tokens of the statement before the cursor's word.
    pub statement: Vec<Token<'a>>,
    /// False inside a string or a comment: nothing to complete there.
    pub code: bool,
}

/// The context of byte `offset` of `src`, whose word starts at `word_start`.
pub(super) fn context(src: &str, word_start: usize) -> Context<'_> {
    let text = &src[..word_start];
    let bytes = text.as_bytes();
    let mut blocks: Vec<&str> = Vec::new();
    let mut statement: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("inside the text");
        match c {
            '\n' => {
                if statement.last() != Some(&Token::Comma) {
                    statement.clear();
                }
                i += 1;
            }
            '#' => match text[i..].find('\n') {
                Some(n) => i += n,
                None => return Context::default(),
            },
            '{' => {
                blocks.push(match statement.first() {
                    Some(Token::Word(w)) => w,
                    _ => "",
                });
                statement.clear();
                i += 1;
            }
            '}' => {
                blocks.pop();
                statement.clear();
                i += 1;
            }
            ',' => {
                statement.push(Token::Comma);
                i += 1;
            }
            '"' | '«' | '“' => {
                let (close, open_len) = if text[i..].starts_with("\"\"\"") {
                    ("\"\"\"", 3)
                } else if c == '"' {
                    ("\"", 1)
                } else if c == '«' {
                    ("»", c.len_utf8())
                } else {
                    ("”", c.len_utf8())
                };
                let mut j = i + open_len;
                let mut closed = None;
                while j < text.len() {
                    let rest = &text[j..];
                    if close == "\"" && rest.starts_with('\\') {
                        j += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                        continue;
                    }
                    if rest.starts_with(close) {
                        closed = Some(j + close.len());
                        break;
                    }
                    if rest.starts_with('\n') && open_len == 1 && close == "\"" {
                        break;
                    }
                    j += rest.chars().next().map_or(1, char::len_utf8);
                }
                match closed {
                    Some(end) => {
                        statement.push(Token::Str);
                        i = end;
                    }
                    // An open string: the cursor is inside it, unless the
                    // line ended first.
                    None if j >= text.len() => return Context::default(),
                    None => i = j,
                }
            }
            c if c.is_ascii_digit() => {
                let mut j = i;
                while j < text.len() {
                    let b = bytes[j];
                    let next_digit = bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
                    if b.is_ascii_alphanumeric() || (matches!(b, b'_' | b'.' | b',') && next_digit)
                    {
                        // `2024..2026` is two numbers and `..`.
                        if b == b'.' && bytes.get(j + 1) == Some(&b'.') {
                            break;
                        }
                        j += 1;
                    } else if b == b' ' && next_digit && group_follows(&bytes[j + 1..]) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let word = &text[i..j];
                // A code (`38`, `2A`, a SIREN) is a word; `0,5` or
                // `300 000` a number.
                let code = word
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_alphabetic());
                statement.push(if code {
                    Token::Word(word)
                } else {
                    Token::Number
                });
                i = j;
            }
            c if c.is_alphabetic() => {
                let end = text[i..]
                    .char_indices()
                    .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
                    .map_or(text.len(), |(n, _)| i + n);
                statement.push(Token::Word(&text[i..end]));
                i = end;
            }
            c if c.is_whitespace() => i += c.len_utf8(),
            c => {
                if statement.last() != Some(&Token::Other) {
                    statement.push(Token::Other);
                }
                i += c.len_utf8();
            }
        }
    }
    Context {
        blocks,
        statement,
        code: true,
    }
}

/// True when `rest` starts with exactly three digits: `300 000`.
fn group_follows(rest: &[u8]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(u8::is_ascii_digit)
        && !rest.get(3).is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(c: &Context<'a>) -> Vec<&'a str> {
        c.statement
            .iter()
            .map(|t| match t {
                Token::Word(w) => w,
                Token::Number => "N",
                Token::Str => "S",
                Token::Comma => ",",
                Token::Other => "?",
            })
            .collect()
    }

    #[test]
    fn blocks_and_statements() {
        let src = "comite c technique \"Comité { x\" {\n  membres a,\n    b, ";
        let c = context(src, src.len());
        assert_eq!(c.blocks, ["comite"]);
        assert_eq!(words(&c), ["membres", "a", ",", "b", ","]);
        let src =
            "feuille_de_route f \"F\" {\n action \"A\" {\n  budget 300 000 € # ok\n  financement ";
        let c = context(src, src.len());
        assert_eq!(c.blocks, ["feuille_de_route", "action"]);
        assert_eq!(words(&c), ["financement"]);
        let src = "besoins {\n a etp 0,5 priorite 1 }\nderogation ";
        let c = context(src, src.len());
        assert!(c.blocks.is_empty());
        assert_eq!(words(&c), ["derogation"]);
        let src = "besoins {\n a etp 0,5 ";
        assert_eq!(words(&context(src, src.len())), ["a", "etp", "N"]);
    }

    #[test]
    fn nothing_inside_strings_and_comments() {
        for src in ["mission \"abc", "# membre ", "mission « abc"] {
            assert!(!context(src, src.len()).code, "{src}");
        }
        assert!(context("mission \"a\" ", 12).code);
    }
}

#!/usr/bin/env bash
# Builds the seed corpus of each fuzz target in fuzz/corpus/TARGET from the
# repository's own files (fuzz/corpus is not committed; libFuzzer adds the
# inputs it finds there):
# - parse, compile, fmt: every .copil of examples/, tests/ and rules/tests/;
# - ruleset: the shipped and test rulesets (.toml);
# - expr: every for_each, when, check and message of the shipped rules,
#   behind the byte that chooses the mode of the target (0 expression,
#   1 binding, 2 template).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{parse,compile,fmt,expr,ruleset}

n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$corpus/parse/seed-$n.copil"
  cp "$file" "$corpus/compile/seed-$n.copil"
  cp "$file" "$corpus/fmt/seed-$n.copil"
done < <(find "$root/examples" "$root/tests" "$root/rules/tests" -name '*.copil' -print0 | sort -z)

m=0
while IFS= read -r -d '' file; do
  m=$((m + 1))
  cp "$file" "$corpus/ruleset/seed-$m.toml"
done < <(find "$root/rules" "$root/tests/rulesets" -name '*.toml' -print0 | sort -z)

e=0
for file in "$root"/rules/*.toml; do
  while IFS= read -r line; do
    key="${line%% =*}"
    value="${line#*= \"}"
    value="${value%\"}"
    case "$key" in
      for_each) mode='\x01' ;;
      message) mode='\x02' ;;
      *) mode='\x00' ;;
    esac
    e=$((e + 1))
    { printf "$mode"; printf '%s' "$value"; } > "$corpus/expr/seed-$e"
  done < <(grep -E '^(for_each|when|check|message) = "' "$file")
done

echo "corpus de départ : $n fichiers .copil (parse, compile, fmt), $m jeux de règles, $e expressions"

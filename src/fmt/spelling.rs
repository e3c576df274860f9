//! The one canonical spelling of each literal: numbers the French way
//! (`120 000 €`, `0,5`), strings between `"` (`"""` when the text holds a
//! line break), ranges and dates as read.

use crate::syntax::ast::{Number, Range, Str};

/// A number (or an amount): the digits grouped by three with a space when
/// the integer part has four digits or more (`1 500`, `120 000`), leading
/// zeros dropped, the decimals kept as written after a comma (`0,5`,
/// `1 234,50`), and ` €` when the source had a `€`.
pub(super) fn number(n: &Number) -> String {
    let mut out = digits(&n.raw, true);
    if n.euro {
        out.push_str(" €");
    }
    out
}

/// The width of a number as written by [`number`], without its ` €`.
pub(super) fn integer_part_width(n: &Number) -> usize {
    digits(&n.raw, true).chars().count()
}

/// An integer that the grammar reads without separators (`priorite N`):
/// its digits only, leading zeros dropped.
pub(super) fn integer(n: &Number) -> String {
    digits(&n.raw, false)
}

fn digits(raw: &str, group: bool) -> String {
    let (int, frac) = match raw.find(['.', ',']) {
        Some(i) => (&raw[..i], Some(&raw[i + 1..])),
        None => (raw, None),
    };
    let all: String = int.chars().filter(char::is_ascii_digit).collect();
    let trimmed = all.trim_start_matches('0');
    let int = if trimmed.is_empty() { "0" } else { trimmed };
    let mut out = String::with_capacity(raw.len() + 4);
    if group && int.len() >= 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if let Some(frac) = frac {
        out.push(',');
        out.extend(frac.chars().filter(char::is_ascii_digit));
    }
    out
}

/// A string: `"…"` with `\"` and `\\` escaped, or `"""…"""` over several
/// lines when the text holds a line break (the same escapes; the line
/// breaks written as such).
pub(super) fn string(s: &Str) -> String {
    let escaped = s.value.replace('\\', "\\\\").replace('"', "\\\"");
    if s.value.contains('\n') {
        format!("\"\"\"{escaped}\"\"\"")
    } else {
        format!("\"{escaped}\"")
    }
}

/// A range of years `A..B`.
pub(super) fn range(r: &Range) -> String {
    format!("{}..{}", r.start, r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn n(raw: &str, euro: bool) -> Number {
        Number {
            raw: raw.to_string(),
            value: 0.0,
            euro,
            span: Span::default(),
        }
    }

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(number(&n("120_000", true)), "120 000 €");
        assert_eq!(
            number(&n("1\u{a0}234\u{202f}567,50", true)),
            "1 234 567,50 €"
        );
        assert_eq!(number(&n("0.5", false)), "0,5");
        assert_eq!(number(&n("1500", false)), "1 500");
        assert_eq!(number(&n("999", true)), "999 €");
        assert_eq!(number(&n("007", false)), "7");
        assert_eq!(number(&n("0", false)), "0");
        assert_eq!(number(&n("00,25", false)), "0,25");
        assert_eq!(integer(&n("0012", false)), "12");
        assert_eq!(integer(&n("1000", false)), "1000");
    }

    #[test]
    fn strings_are_written_between_straight_quotes() {
        let s = |value: &str, triple| Str {
            value: value.to_string(),
            triple,
            span: Span::default(),
        };
        assert_eq!(string(&s("Comité \"Nord\"", false)), r#""Comité \"Nord\"""#);
        assert_eq!(string(&s("a\\b", true)), r#""a\\b""#);
        assert_eq!(
            string(&s("ligne 1\nligne 2", false)),
            "\"\"\"ligne 1\nligne 2\"\"\""
        );
    }
}

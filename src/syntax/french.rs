//! French writing habits in the source (DESIGN §3, version 2): numbers
//! with spaces between groups of three digits and a decimal comma,
//! `« … »` strings, and the diagnostics for curly quotes and for a `"`
//! left unescaped inside a string. Pure functions of the text, shared by
//! the parsers.

use crate::diagnostic::{Code, Diagnostic, Fix};
use crate::span::Span;

/// The thousands separators a number may hold besides `_`: a space, a
/// no-break space (U+00A0), a narrow no-break space (U+202F).
pub(crate) const GROUP_SEPARATORS: [char; 4] = ['_', ' ', '\u{a0}', '\u{202f}'];

/// The value of a number as written (`300 000`, `0,5`, `1_234.50`); the
/// grammar has already checked its shape.
pub(crate) fn number_value(raw: &str) -> Option<f64> {
    let plain: String = raw
        .chars()
        .filter(|c| !GROUP_SEPARATORS.contains(c))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    plain.parse().ok()
}

/// The number of digits before the decimal separator, leading zeros
/// excluded.
pub(crate) fn integer_digits(raw: &str) -> usize {
    raw.split(['.', ','])
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| c == '0' || GROUP_SEPARATORS.contains(&c))
        .chars()
        .filter(char::is_ascii_digit)
        .count()
}

/// The text of a `« … »` string: the spaces (also no-break ones) just
/// inside the guillemets are not part of it.
pub(crate) fn guillemets_value(inner: &str) -> String {
    inner
        .trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t')
        .to_string()
}

/// A `“ … ”` string: reported with the two ways to write it.
pub(crate) fn curly_quotes(span: Span, inner: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Guillemets,
        span,
        "guillemets typographiques `“ ”` : une chaîne s'écrit entre `\"` ou entre `« »`",
    )
    .label("guillemets non reconnus")
    .help(format!(
        "écrivez {} ou « {} »",
        escaped(inner),
        inner.trim()
    ))
    .fix(Fix::replace(span, format!("« {} »", inner.trim())))
}

/// `text` as a `"…"` string, its quotes and backslashes escaped.
fn escaped(text: &str) -> String {
    format!("`\"{}\"`", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A syntax error at `at` met on a word glued to the `"` before it, on a
/// line that holds another `"` further on: a `"` inside a string closed it
/// early (`"Comité "Nord""`). Returns the diagnostic with the fix.
pub(crate) fn unescaped_quote(src: &str, at: usize) -> Option<Diagnostic> {
    let before = &src[..at];
    if !before.ends_with('"') || before.ends_with("\"\"\"") {
        return None;
    }
    let first = src[at..].chars().next()?;
    if !(first.is_alphanumeric() || first == '\'' || first == '’') {
        return None;
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let line = &src[line_start..line_end];
    // The string as meant: from the line's first `"` to its last one.
    let open = line_start + line.find('"')?;
    let close = line_start + line.rfind('"')?;
    if close <= at || open + 1 >= at {
        return None;
    }
    let inner = &src[open + 1..close];
    let quote = at - 1;
    Some(
        Diagnostic::error(
            Code::Guillemets,
            Span::new(quote, at),
            "un `\"` à l'intérieur d'une chaîne la ferme trop tôt",
        )
        .label("la chaîne se ferme ici")
        .related(Span::new(open, close + 1), "la chaîne voulue")
        .help(format!(
            "échappez les `\"` intérieurs : {}, ou écrivez la chaîne entre guillemets français : « {} »",
            escaped(inner),
            inner
        ))
        .fix(Fix::replace(Span::new(open, close + 1), format!("« {inner} »"))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_the_french_way() {
        assert_eq!(number_value("300 000"), Some(300_000.0));
        assert_eq!(number_value("1\u{a0}234\u{202f}567"), Some(1_234_567.0));
        assert_eq!(number_value("0,5"), Some(0.5));
        assert_eq!(number_value("1 234,50"), Some(1234.5));
        assert_eq!(number_value("120_000"), Some(120_000.0));
        assert_eq!(integer_digits("1 000 000,25"), 7);
        assert_eq!(integer_digits("000_12.5"), 2);
    }

    #[test]
    fn spaces_inside_guillemets_are_not_text() {
        assert_eq!(guillemets_value(" Comité\u{a0}"), "Comité");
        assert_eq!(
            guillemets_value("\u{202f}CAF de l'Isère\u{202f}"),
            "CAF de l'Isère"
        );
    }

    #[test]
    fn an_unescaped_quote_shows_the_fix() {
        let src = "comite c strategique \"Comité \"Nord\"\" {\n}";
        let at = src.find("Nord").unwrap();
        let d = unescaped_quote(src, at).expect("detected");
        let help = d.help.unwrap();
        assert!(help.contains(r#"`"Comité \"Nord\""`"#), "{help}");
        assert!(help.contains(r#"« Comité "Nord" »"#), "{help}");
        assert!(unescaped_quote("membre a caf \"x\" b", 14).is_none());
    }
}

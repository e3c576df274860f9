//! Text that misleads a reviewer (Unicode TR39 and the "Trojan Source"
//! attack): identifiers that mix scripts (a Cyrillic `с` in `сd38` reads as
//! the Latin `cd38`), and bidirectional controls that reorder what a
//! string shows.

use unicode_script::{Script, UnicodeScript};
use unicode_security::MixedScript;

/// The characters of `identifier` that do not belong to its main script,
/// when it mixes scripts (digits, `_` and combining marks belong to every
/// script); `None` when it is written in one script.
pub fn odd_characters(identifier: &str) -> Option<Vec<(char, Script)>> {
    // ASCII is Latin and common characters only: nearly every identifier.
    if identifier.is_ascii() || identifier.is_single_script() {
        return None;
    }
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in identifier.chars() {
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    // The main script: the most frequent, Latin on a tie (the language's
    // keywords are Latin).
    let main = counts
        .iter()
        .max_by_key(|&&(s, n)| (n, s == Script::Latin))
        .map(|&(s, _)| s)?;
    let odd: Vec<(char, Script)> = identifier
        .chars()
        .map(|c| (c, c.script()))
        .filter(|&(_, s)| {
            !matches!(s, Script::Common | Script::Inherited | Script::Unknown) && s != main
        })
        .collect();
    (!odd.is_empty()).then_some(odd)
}

/// The name of a script, in French for the usual ones.
pub fn script_name(script: Script) -> String {
    match script {
        Script::Latin => "latin".to_string(),
        Script::Cyrillic => "cyrillique".to_string(),
        Script::Greek => "grec".to_string(),
        Script::Arabic => "arabe".to_string(),
        Script::Hebrew => "hébreu".to_string(),
        Script::Armenian => "arménien".to_string(),
        Script::Cherokee => "cherokee".to_string(),
        other => other.full_name().to_string(),
    }
}

/// The bidirectional controls of `text` (embeddings, overrides and
/// isolates, U+202A–U+202E and U+2066–U+2069), with their byte offsets.
pub fn bidi_controls(text: &str) -> Vec<(usize, char)> {
    // Each of them is encoded from the byte 0xE2: a text without it (most
    // of them) has none, and is not decoded.
    if memchr::memchr(0xe2, text.as_bytes()).is_none() {
        return Vec::new();
    }
    text.char_indices()
        .filter(|&(_, c)| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_letter_in_a_latin_identifier_is_odd() {
        let odd = odd_characters("\u{441}d38").expect("mixed");
        assert_eq!(odd, [('\u{441}', Script::Cyrillic)]);
        assert_eq!(script_name(odd[0].1), "cyrillique");
        assert_eq!(odd_characters("cd38"), None);
        assert_eq!(odd_characters("métropole_2"), None);
        assert_eq!(
            odd_characters("мэрия"),
            None,
            "one script, even if not Latin"
        );
    }

    #[test]
    fn bidi_controls_are_found() {
        assert_eq!(bidi_controls("CAF \u{202e}erèsI"), [(4, '\u{202e}')]);
        assert!(bidi_controls("CAF de l'Isère").is_empty());
    }
}

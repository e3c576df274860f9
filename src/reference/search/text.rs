//! The words of a name or a query.
//!
//! **In**: text as written (`Grenoble-Alpes-Métropole`, `cc pays de gex`).
//! **Out**: [`Analysed`] words: folded to lowercase ASCII (accents, case and
//! punctuation ignored: `Côte-d'Or` is `cote`, `or`), usual abbreviations
//! expanded (`st` → `saint`), small words dropped (`de`, `la`, `et`…), and
//! the words that name a legal form or a nature (`cc`, `communauté
//! d'agglomération`, `métropole`, `commune`, `hub`…) set apart as
//! [`Forms`]. [`mod@super::score`] compares them, [`super::ident`] shortens
//! them.

use std::ops::Range;

/// The legal forms and natures that words of a name or a query may name,
/// as a set: `cc`, `communauté de communes`, `métropole`, `département`…
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forms(u16);

impl Forms {
    /// No form named.
    pub const NONE: Forms = Forms(0);
    /// Communauté de communes (`CC`).
    pub const CC: Forms = Forms(1);
    /// Communauté d'agglomération (`CA`).
    pub const CA: Forms = Forms(1 << 1);
    /// Communauté urbaine (`CU`).
    pub const CU: Forms = Forms(1 << 2);
    /// Métropole (`METRO`, and the Métropole de Lyon, `MET69`).
    pub const METROPOLE: Forms = Forms(1 << 3);
    /// Établissement public territorial of the Grand Paris (`EPT`).
    pub const EPT: Forms = Forms(1 << 4);
    /// A département.
    pub const DEPARTEMENT: Forms = Forms(1 << 5);
    /// A région.
    pub const REGION: Forms = Forms(1 << 6);
    /// A commune.
    pub const COMMUNE: Forms = Forms(1 << 7);
    /// A Hub territorial pour un numérique inclusif.
    pub const HUB: Forms = Forms(1 << 8);
    /// Any communauté: `communauté` alone in a query.
    pub const COMMUNAUTE: Forms = Forms(Self::CC.0 | Self::CA.0 | Self::CU.0);
    /// Any EPCI: `epci` in a query.
    pub const EPCI: Forms = Forms(Self::COMMUNAUTE.0 | Self::METROPOLE.0 | Self::EPT.0);

    /// The form of an EPCI of legal form `kind` (`CC`, `CA`, `CU`, `METRO`,
    /// `MET69`, `EPT`), as the data writes it.
    pub fn of_epci_kind(kind: &str) -> Forms {
        match kind {
            "CC" => Forms::CC,
            "CA" => Forms::CA,
            "CU" => Forms::CU,
            "METRO" | "MET69" => Forms::METROPOLE,
            "EPT" => Forms::EPT,
            _ => Forms::EPCI,
        }
    }

    /// Both sets together.
    pub const fn union(self, other: Forms) -> Forms {
        Forms(self.0 | other.0)
    }

    /// Whether no form is named.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every form of `other` is one of `self`.
    pub const fn contains(self, other: Forms) -> bool {
        other.0 & !self.0 == 0
    }

    /// Whether a candidate of forms `self` is what a query naming `wanted`
    /// asks for: always when the query names no form.
    pub const fn satisfies(self, wanted: Forms) -> bool {
        wanted.0 == 0 || self.0 & wanted.0 != 0
    }
}

/// Whether `word` is a small word that tells nothing about a name: an
/// article, `de`, `et`…
pub(super) fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "au" | "aux" | "d" | "de" | "des" | "du" | "en" | "et" | "l" | "la" | "le" | "les"
    )
}

/// A usual abbreviation, written out: `st` → `saint`.
pub(super) fn expand(word: &str) -> Option<&'static str> {
    Some(match word {
        "gd" => "grand",
        "gde" => "grande",
        "mt" => "mont",
        "st" => "saint",
        "ste" => "sainte",
        "stes" => "saintes",
        "sts" => "saints",
        _ => return None,
    })
}

/// Appends `text` folded to `out`: lowercase, French accents removed,
/// `œ` and `æ` written out, every character that is not a letter or a digit
/// replaced by a space.
pub fn fold_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // The fast path: names are mostly ASCII.
            out.push(if b.is_ascii_alphanumeric() {
                char::from(b.to_ascii_lowercase())
            } else {
                ' '
            });
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                out.push('a')
            }
            'ç' | 'Ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => out.push('y'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
}

/// Turns text into words, reusing its buffers from one text to the next (a
/// search analyses some 36 000 names).
#[derive(Debug, Default)]
pub struct Analyser {
    text: String,
    words: Vec<Range<usize>>,
    raw: Vec<Range<usize>>,
}

/// The words of a text, as [`Analyser::analyse`] leaves them.
#[derive(Debug, Clone, Copy)]
pub struct Analysed<'a> {
    text: &'a str,
    words: &'a [Range<usize>],
    /// The forms its words name.
    pub forms: Forms,
}

impl<'a> Analysed<'a> {
    /// Its significant words, in order.
    pub fn words(&self) -> impl ExactSizeIterator<Item = &'a str> + Clone + 'a {
        let text = self.text;
        self.words.iter().map(move |r| &text[r.clone()])
    }

    /// How many significant words it has.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it has no significant word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Analyser {
    /// The significant words and the forms of `text`.
    pub fn analyse(&mut self, text: &str) -> Analysed<'_> {
        self.fold(text);
        self.words()
    }

    /// Folds `text` into the buffer and splits it into words; returns the
    /// initials of its words, small words aside, for [`super::score::may_match`]. Then
    /// [`Analyser::words`] gives the words.
    pub fn fold(&mut self, text: &str) -> u32 {
        self.text.clear();
        self.words.clear();
        self.raw.clear();
        fold_into(text, &mut self.text);
        let mut initials = 0;
        let mut start = None;
        let mut end_word = |raw: &mut Vec<Range<usize>>, range: Range<usize>| {
            let word = &self.text[range.clone()];
            if !is_stop_word(word) {
                initials |= initial(word);
                raw.push(range);
            }
        };
        for (i, b) in self.text.bytes().enumerate() {
            match (b == b' ', start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    end_word(&mut self.raw, s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            end_word(&mut self.raw, s..self.text.len());
        }
        initials
    }

    /// The words of the text last given to [`Analyser::fold`].
    pub fn words(&mut self) -> Analysed<'_> {
        // Abbreviations are written out at the end of the buffer.
        for i in 0..self.raw.len() {
            let word = &self.text[self.raw[i].clone()];
            match expand(word) {
                Some(long) => {
                    let at = self.text.len();
                    self.text.push_str(long);
                    self.words.push(at..self.text.len());
                }
                None => self.words.push(self.raw[i].clone()),
            }
        }
        let forms = take_forms(&self.text, &mut self.words);
        Analysed {
            text: &self.text,
            words: &self.words,
            forms,
        }
    }
}

/// The bit of a word's first letter in a set of initials (every digit
/// shares one bit, every other character another).
pub(super) fn initial(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(b @ b'a'..=b'z') => 1 << (b - b'a'),
        Some(b'0'..=b'9') => 1 << 26,
        _ => 1 << 27,
    }
}

/// Removes from `words` those that name a form, and returns the forms.
fn take_forms(text: &str, words: &mut Vec<Range<usize>>) -> Forms {
    let mut forms = Forms::NONE;
    let mut kept = 0;
    let mut i = 0;
    while i < words.len() {
        let word = &text[words[i].clone()];
        let next = words.get(i + 1).map(|r| &text[r.clone()]);
        let (form, taken) = match word {
            "cc" => (Forms::CC, 1),
            "ca" | "agglo" | "agglomeration" => (Forms::CA, 1),
            "cu" => (Forms::CU, 1),
            "metropole" | "metro" => (Forms::METROPOLE, 1),
            "ept" => (Forms::EPT, 1),
            "epci" => (Forms::EPCI, 1),
            "departement" => (Forms::DEPARTEMENT, 1),
            "region" => (Forms::REGION, 1),
            "commune" => (Forms::COMMUNE, 1),
            "hub" => (Forms::HUB, 1),
            "communaute" => match next {
                Some("communes") => (Forms::CC, 2),
                Some("agglomeration" | "agglo") => (Forms::CA, 2),
                Some("urbaine") => (Forms::CU, 2),
                _ => (Forms::COMMUNAUTE, 1),
            },
            _ => (Forms::NONE, 0),
        };
        if taken == 0 {
            words[kept] = words[i].clone();
            kept += 1;
            i += 1;
        } else {
            forms = forms.union(form);
            i += taken;
        }
    }
    words.truncate(kept);
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> (Vec<String>, Forms) {
        let mut analyser = Analyser::default();
        let analysed = analyser.analyse(text);
        (
            analysed.words().map(str::to_string).collect(),
            analysed.forms,
        )
    }

    #[test]
    fn folding_ignores_accents_case_and_punctuation() {
        assert_eq!(
            words("Grenoble-Alpes-Métropole"),
            (vec!["grenoble".into(), "alpes".into()], Forms::METROPOLE)
        );
        assert_eq!(words("CÔTE-D'OR").0, ["cote", "or"]);
        assert_eq!(words("Cœuvres-et-Valsery").0, ["coeuvres", "valsery"]);
        assert_eq!(
            words("CA de Blois ''Agglopolys''").0,
            ["blois", "agglopolys"]
        );
        assert_eq!(words("  ").0, Vec::<String>::new());
    }

    #[test]
    fn abbreviations_are_written_out() {
        assert_eq!(
            words("CC du Pays de Pontchâteau St-Gildas-des-Bois").0,
            ["pays", "pontchateau", "saint", "gildas", "bois"]
        );
        assert_eq!(words("ste marie").0, ["sainte", "marie"]);
    }

    #[test]
    fn legal_forms_and_natures_are_set_apart() {
        assert_eq!(
            words("cc pays de gex"),
            (vec!["pays".into(), "gex".into()], Forms::CC)
        );
        assert_eq!(words("Communauté de communes du Pays de Gex").1, Forms::CC);
        assert_eq!(words("communauté d'agglomération").1, Forms::CA);
        assert_eq!(words("Lorient Agglomération").1, Forms::CA);
        assert_eq!(words("communauté urbaine").1, Forms::CU);
        assert_eq!(
            words("CA Vitré Communauté").1,
            Forms::CA.union(Forms::COMMUNAUTE)
        );
        assert_eq!(words("hub du sud"), (vec!["sud".into()], Forms::HUB));
        assert_eq!(words("département isère").1, Forms::DEPARTEMENT);
    }
}

//! How well a query matches a name: a pure function of their words, with
//! its scale ([`EXACT`] down to [`MISSING_WORD`]), and the quick test that
//! skips most names before they are analysed.

use super::text::{Analysed, Forms, initial};

/// How a word of the query is found among the words of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    /// A word of the name is that word.
    Whole,
    /// A word of the name begins with it (three letters at least).
    Prefix,
    /// A word of the name is one typo away (four letters at least, and
    /// the same first letter: a typo rarely changes it, and `lille` is not
    /// `ville`).
    Typo,
    /// Not found.
    Absent,
}

fn find_word<'a>(word: &str, mut name: impl Iterator<Item = &'a str>) -> Found {
    let mut best = Found::Absent;
    for candidate in name.by_ref() {
        let found = if candidate == word {
            return Found::Whole;
        } else if word.len() >= 3 && candidate.starts_with(word) {
            Found::Prefix
        } else if word.len() >= 4
            && word.as_bytes()[0] == candidate.as_bytes()[0]
            && one_edit(word.as_bytes(), candidate.as_bytes())
        {
            Found::Typo
        } else {
            Found::Absent
        };
        best = best.min(found);
    }
    best
}

/// Whether `a` and `b` differ by exactly one edit: a letter replaced,
/// added or removed, or two neighbours swapped.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => a[p..] == b[p + 1..],
        std::cmp::Ordering::Greater => a[p + 1..] == b[p..],
        std::cmp::Ordering::Equal => {
            a[p + 1..] == b[p + 1..]
                || (p + 1 < a.len()
                    && a[p] == b[p + 1]
                    && a[p + 1] == b[p]
                    && a[p + 2..] == b[p + 2..])
        }
    }
}

/// The score of the exact name: the query's words are the name's, in
/// order, and it names the legal form that the name spells
/// (`Saint-Étienne` is the commune's exact name, not the métropole's).
pub const EXACT: u8 = 100;
/// Every word of the query is a word of the name.
pub const ALL_WORDS: u8 = 80;
/// Every word of the query is a word of the name or begins one.
pub const PREFIXES: u8 = 60;
/// As [`PREFIXES`], with one typo.
pub const TYPO: u8 = 40;
/// All but one word of the query (three words at least) found whole or as
/// a prefix.
pub const MISSING_WORD: u8 = 20;
/// Whether `score` is that of an approximate match: [`TYPO`] or
/// [`MISSING_WORD`], whatever the form.
pub const fn is_approximate(score: u8) -> bool {
    score <= TYPO
}

/// Taken off when the query names a form (`cc`, `métropole`, `commune`…)
/// that the candidate does not have.
pub const OTHER_FORM: u8 = 5;

/// How well `query` matches a name whose words are `name` and whose forms
/// (its legal form or nature, and those its words name) are `forms`; `None`
/// when it does not. A pure function: see the constants for the scale.
///
/// A query of form words only (`métropole`, `cc`) matches every candidate
/// of that form.
pub fn score(query: &Analysed<'_>, name: &Analysed<'_>, forms: Forms) -> Option<u8> {
    let form_ok = forms.satisfies(query.forms);
    if query.is_empty() {
        return (!query.forms.is_empty() && form_ok).then_some(ALL_WORDS);
    }
    let (mut prefixes, mut typos, mut absent) = (0, 0, 0);
    for word in query.words() {
        match find_word(word, name.words()) {
            Found::Whole => {}
            Found::Prefix => prefixes += 1,
            Found::Typo => typos += 1,
            Found::Absent => absent += 1,
        }
    }
    let n = query.len();
    let score = match (prefixes, typos, absent) {
        (0, 0, 0)
            if form_ok && query.forms.contains(name.forms) && query.words().eq(name.words()) =>
        {
            EXACT
        }
        (0, 0, 0) => ALL_WORDS,
        (_, 0, 0) => PREFIXES,
        (_, 1, 0) => TYPO,
        (_, 0, 1) if n >= 3 => MISSING_WORD,
        _ => return None,
    };
    Some(if form_ok { score } else { score - OTHER_FORM })
}

/// Whether a name whose words start with `initials` (from
/// [`super::text::Analyser::fold`]) may match `query`: a word of the query is found only
/// in a word of the same first letter (whole, prefix or typo), so a name
/// lacking the initials [`score`] needs is skipped before it is analysed.
pub fn may_match(query: &Analysed<'_>, initials: u32) -> bool {
    let n = query.len();
    let found = query.words().filter(|w| initials & initial(w) != 0).count();
    found == n || (n >= 3 && found + 1 == n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::search::text::Analyser;

    fn score_of(query: &str, name: &str, forms: Forms) -> Option<u8> {
        let (mut q, mut n) = (Analyser::default(), Analyser::default());
        let name = n.analyse(name);
        let forms = forms.union(name.forms);
        score(&q.analyse(query), &name, forms)
    }

    #[test]
    fn one_edit_is_a_typo() {
        assert!(one_edit(b"grenobel", b"grenoble"));
        assert!(one_edit(b"grenble", b"grenoble"));
        assert!(one_edit(b"grenooble", b"grenoble"));
        assert!(one_edit(b"grenovle", b"grenoble"));
        assert!(!one_edit(b"grenoble", b"grenoble"));
        assert!(!one_edit(b"gernobel", b"grenoble"));
        assert!(!one_edit(b"lyon", b"lyonnais"));
    }

    #[test]
    fn the_exact_name_scores_highest() {
        assert_eq!(score_of("Lille", "Lille", Forms::COMMUNE), Some(EXACT));
        assert_eq!(
            score_of(
                "grenoble alpes metropole",
                "Grenoble-Alpes-Métropole",
                Forms::METROPOLE
            ),
            Some(EXACT)
        );
        // A name that spells its legal form is exact only with it.
        assert_eq!(
            score_of(
                "grenoble alpes",
                "Grenoble-Alpes-Métropole",
                Forms::METROPOLE
            ),
            Some(ALL_WORDS)
        );
        assert_eq!(
            score_of("saint etienne", "Saint-Étienne Métropole", Forms::METROPOLE),
            Some(ALL_WORDS)
        );
        assert_eq!(
            score_of("saint etienne", "Saint-Étienne", Forms::COMMUNE),
            Some(EXACT)
        );
        assert_eq!(
            score_of(
                "metropole europeenne de lille",
                "Métropole Européenne de Lille",
                Forms::METROPOLE
            ),
            Some(EXACT)
        );
        // The words, but not in that order: every word, not the name.
        assert_eq!(
            score_of(
                "alpes grenoble",
                "Grenoble-Alpes-Métropole",
                Forms::METROPOLE
            ),
            Some(ALL_WORDS)
        );
    }

    #[test]
    fn every_word_then_prefixes_then_a_typo() {
        let mel = ("Métropole Européenne de Lille", Forms::METROPOLE);
        assert_eq!(score_of("metropole lille", mel.0, mel.1), Some(ALL_WORDS));
        assert_eq!(score_of("lille", mel.0, mel.1), Some(ALL_WORDS));
        assert_eq!(score_of("metropole lil", mel.0, mel.1), Some(PREFIXES));
        assert_eq!(
            score_of("metropole europenne lille", mel.0, mel.1),
            Some(TYPO)
        );
        assert_eq!(score_of("grenobel", "Grenoble", Forms::COMMUNE), Some(TYPO));
        // Two typos, or a typo in a short word, are not a match.
        assert_eq!(
            score_of(
                "grenobel alpse",
                "Grenoble-Alpes-Métropole",
                Forms::METROPOLE
            ),
            None
        );
        assert_eq!(score_of("lile", "Lille", Forms::COMMUNE), Some(TYPO));
        assert_eq!(score_of("lyo", "Lille", Forms::COMMUNE), None);
        assert_eq!(score_of("lille", "Mantes-la-Ville", Forms::COMMUNE), None);
        assert_eq!(
            score_of("lille", "Ille-et-Vilaine", Forms::DEPARTEMENT),
            None
        );
        // A prefix needs three letters.
        assert_eq!(score_of("gr", "Grenoble", Forms::COMMUNE), None);
    }

    #[test]
    fn one_word_may_be_missing_from_three() {
        let gex = ("CA du Pays de Gex", Forms::CA);
        assert_eq!(
            score_of("pays de gex nord", gex.0, gex.1),
            Some(MISSING_WORD)
        );
        assert_eq!(score_of("gex nord", gex.0, gex.1), None);
    }

    #[test]
    fn another_legal_form_costs_a_little() {
        let gex = ("CA du Pays de Gex", Forms::CA);
        assert_eq!(score_of("ca pays de gex", gex.0, gex.1), Some(EXACT));
        assert_eq!(score_of("pays de gex", gex.0, gex.1), Some(ALL_WORDS));
        // The data says CA: a CC asked for is still found, a little lower.
        assert_eq!(
            score_of("cc pays de gex", gex.0, gex.1),
            Some(ALL_WORDS - OTHER_FORM)
        );
        assert_eq!(
            score_of("metropole lille", "Lille", Forms::COMMUNE),
            Some(ALL_WORDS - OTHER_FORM)
        );
        assert_eq!(
            score_of("commune lille", "Lille", Forms::COMMUNE),
            Some(EXACT)
        );
        // `communauté` alone is any communauté.
        assert_eq!(score_of("communaute gex", gex.0, gex.1), Some(ALL_WORDS));
    }

    #[test]
    fn a_query_of_forms_only_lists_that_form() {
        assert_eq!(
            score_of("métropole", "Métropole de Lyon", Forms::METROPOLE),
            Some(ALL_WORDS)
        );
        assert_eq!(score_of("métropole", "Lyon", Forms::COMMUNE), None);
        assert_eq!(score_of("de la", "Lyon", Forms::COMMUNE), None);
    }

    /// `may_match` never skips a name that `score` would match.
    #[test]
    fn the_quick_test_keeps_every_match() {
        let names = [
            "Grenoble-Alpes-Métropole",
            "Grenoble",
            "Saint-Martin-d'Hères",
            "Le Pont-de-Claix",
            "Métropole Européenne de Lille",
            "CA du Pays de Gex",
            "St-Gildas-des-Bois",
            "L'Île-d'Yeu",
            "Lille",
            "Lillebonne",
            "Hub du Sud",
        ];
        let queries = [
            "grenobel",
            "gernoble",
            "rgenoble",
            "grenoble alpes",
            "saint martin",
            "st martin heres",
            "pont claix",
            "metropole lille",
            "lile",
            "cc pays de gex",
            "pays gex nord",
            "gildas bois",
            "ile yeu",
            "hub",
            "sud",
            "le",
            "lil",
            "metropole",
        ];
        let (mut q, mut n) = (Analyser::default(), Analyser::default());
        for query in queries {
            let query = q.analyse(query);
            for name in names {
                let initials = n.fold(name);
                let words = n.words();
                let matched = score(&query, &words, words.forms).is_some();
                assert!(!matched || may_match(&query, initials), "{name}");
            }
        }
    }
}

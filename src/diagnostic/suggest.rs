//! The one "vouliez-vous dire" of the compiler: the nearest candidate to a
//! misspelt word by edit distance, and the help line that names it.
//!
//! A word and a candidate are compared folded (lowercase, French accents
//! removed), so `fréquence` finds `frequence`. A candidate is near enough
//! when the Damerau-Levenshtein distance is at most a third of the longer
//! word (at least 1), and, beyond one edit, when both start with the same
//! letter: a typo rarely changes the first letter (`bimestrielle` is not
//! `semestrielle`). When nothing is that near, a candidate that the word
//! begins (`$seuil` for `$seuil_doublon`, three letters at least) is taken.
//! Ties go to the first candidate in alphabetical order.
//!
//! [`Suggester`] indexes the candidates by length once, for the stages that
//! look up thousands of unknown names against the same candidates.

use std::collections::BTreeMap;

/// The closest candidate to `word`, if close enough to be a plausible typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let index = Suggester::new(candidates.iter().copied());
    let found = index.suggest(word)?;
    candidates.into_iter().find(|c| *c == found)
}

/// The help line that proposes `suggestion` for `word`, naming the accent
/// case explicitly: "les mots-clés et valeurs s'écrivent sans accent".
pub fn did_you_mean(word: &str, suggestion: &str) -> String {
    let accented = !word.is_ascii();
    if accented && fold(word) == suggestion {
        format!("les mots-clés et valeurs s'écrivent sans accent : `{suggestion}`")
    } else {
        format!("vouliez-vous dire `{suggestion}` ?")
    }
}

/// The "did you mean" help for `word` among `candidates`, if one is near.
pub fn suggestion_help<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    suggest(word, candidates).map(|s| did_you_mean(word, s))
}

/// Lowercase ASCII folding of French accented letters.
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'ç' | 'Ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ÿ' | 'Ÿ' => 'y',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// A candidate folded to characters, beside its spelling.
type Entry = (Vec<char>, Box<str>);

/// Candidates indexed by their length in characters, folded once.
#[derive(Debug, Default)]
pub struct Suggester {
    /// Length → (folded, candidate), sorted by candidate.
    by_length: BTreeMap<usize, Vec<Entry>>,
}

impl Suggester {
    /// Indexes `candidates` (duplicates are kept once).
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_length: BTreeMap<usize, Vec<Entry>> = BTreeMap::new();
        for candidate in candidates {
            let folded: Vec<char> = fold(candidate).chars().collect();
            by_length
                .entry(folded.len())
                .or_default()
                .push((folded, candidate.into()));
        }
        for bucket in by_length.values_mut() {
            bucket.sort_unstable_by(|a, b| a.1.cmp(&b.1));
            bucket.dedup_by(|a, b| a.1 == b.1);
        }
        Suggester { by_length }
    }

    /// The candidate nearest to `word`, if near enough (see the module doc).
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let folded: Vec<char> = fold(word).chars().collect();
        let length = folded.len();
        let mut best: Option<(usize, &str)> = None;
        // A candidate of length `n` is at least |n - length| edits away,
        // and may be at most max(n, length) / 3 away: n ≤ 3·length / 2 + 1.
        let longest = length + length / 2 + 1;
        let shortest = length.saturating_sub((length / 3).max(1));
        for (&n, bucket) in self.by_length.range(shortest..=longest) {
            let limit = (n.max(length) / 3).max(1);
            if n.abs_diff(length) > limit {
                continue;
            }
            for (candidate_folded, candidate) in bucket {
                let same_start = folded.first() == candidate_folded.first();
                let bound = if same_start { limit } else { 1 };
                if best.is_some_and(|(d, _)| d < n.abs_diff(length)) {
                    continue;
                }
                let Some(d) = bounded_distance(&folded, candidate_folded, bound) else {
                    continue;
                };
                if length > 0 && d >= length {
                    // Every letter replaced: not a typo of this word.
                    continue;
                }
                if best.is_none_or(|(bd, bc)| d < bd || (d == bd && **candidate < *bc)) {
                    best = Some((d, candidate));
                }
            }
        }
        if best.is_some() {
            return best.map(|(_, c)| c);
        }
        if length >= 3 {
            return self
                .by_length
                .range(length + 1..)
                .flat_map(|(_, bucket)| bucket)
                .filter(|(f, _)| f.starts_with(&folded))
                .map(|(_, c)| &**c)
                .min();
        }
        None
    }
}

/// The Damerau-Levenshtein distance (optimal string alignment) between `a`
/// and `b` when it is at most `bound`, computed in a band of the matrix.
fn bounded_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let width = b.len() + 1;
    let big = bound + 1;
    let mut prev2 = vec![big; width];
    let mut prev: Vec<usize> = (0..width).map(|j| j.min(big)).collect();
    let mut row = vec![big; width];
    for i in 1..=a.len() {
        row.fill(big);
        row[0] = i.min(big);
        let from = i.saturating_sub(bound).max(1);
        let to = (i + bound).min(b.len());
        let mut smallest = row[0];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d.min(big);
            smallest = smallest.min(row[j]);
        }
        if smallest > bound {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[b.len()];
    (d <= bound).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_ignore_accents_and_reject_far_words() {
        let kws = ["frequence", "membres", "presidence"];
        assert_eq!(suggest("fréquence", kws), Some("frequence"));
        assert_eq!(suggest("membre", kws), Some("membres"));
        assert_eq!(suggest("présidense", kws), Some("presidence"));
        assert_eq!(suggest("budget", kws), None);
        assert!(did_you_mean("fréquence", "frequence").contains("sans accent"));
        assert_eq!(
            did_you_mean("membre", "membres"),
            "vouliez-vous dire `membres` ?"
        );
    }

    #[test]
    fn a_capital_letter_is_not_an_accent() {
        assert_eq!(
            did_you_mean("Membre", "membre"),
            "vouliez-vous dire `membre` ?"
        );
    }

    #[test]
    fn a_changed_first_letter_is_one_edit_at_most() {
        let values = ["semestrielle", "trimestrielle"];
        assert_eq!(suggest("bimestrielle", values), None);
        assert_eq!(suggest("trimestriele", values), Some("trimestrielle"));
    }

    #[test]
    fn a_word_cut_short_finds_its_end() {
        assert_eq!(
            suggest("seuil", ["seuil_doublon", "couverture_epci_min"]),
            Some("seuil_doublon")
        );
        assert_eq!(suggest("se", ["seuil_doublon"]), None);
    }

    #[test]
    fn ties_go_to_the_first_in_alphabetical_order() {
        assert_eq!(suggest("cotec", ["cotech", "cotecb"]), Some("cotecb"));
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "comite",
            "comtie",
            "cotech",
            "copil",
            "membres",
            "mebmres",
            "frequence",
            "frequense",
            "perimetre",
        ];
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                let a: Vec<char> = a.chars().collect();
                let b: Vec<char> = b.chars().collect();
                for bound in 0..5 {
                    let expected = (full <= bound).then_some(full);
                    assert_eq!(
                        bounded_distance(&a, &b, bound),
                        expected,
                        "{a:?} {b:?} {bound}"
                    );
                }
            }
        }
    }
}

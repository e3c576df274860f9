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

use rapidfuzz::distance::osa;

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
    } else if word != suggestion && word.to_lowercase() == suggestion {
        format!("les mots-clés et valeurs s'écrivent en minuscules : `{suggestion}`")
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

/// The "did you mean" help for `word`, or, when no candidate is near,
/// `heading` followed by every candidate in backticks: « profils
/// disponibles : `national`, `outre-mer` ».
pub fn suggestion_or_list(word: &str, candidates: &[&str], heading: &str) -> String {
    suggestion_help(word, candidates.iter().copied()).unwrap_or_else(|| {
        let listed: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        format!("{heading} : {}", listed.join(", "))
    })
}

/// Lowercase ASCII folding of French accented letters.
pub fn fold(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

/// One character folded as [`fold`] does.
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
        'ç' | 'Ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ÿ' | 'Ÿ' => 'y',
        other => other.to_ascii_lowercase(),
    }
}

/// A candidate folded to characters, beside its spelling.
type Entry = (Vec<char>, Box<str>);

/// Candidates indexed twice, folded once: by their one-deletion variants
/// (as SymSpell does), which finds every candidate one edit away without
/// comparing the word with each; and by first letter and length, for the
/// candidates further away, which must start with the word's letter.
#[derive(Debug, Default)]
pub struct Suggester {
    /// The candidates, sorted by spelling, without duplicates.
    entries: Vec<Entry>,
    /// (hash of the folded candidate or of one of its one-deletion
    /// variants, entry), sorted.
    near: Vec<(u64, u32)>,
    /// (first letter, length) → entries, in order.
    by_start: BTreeMap<(char, usize), Vec<u32>>,
}

/// The hashes of `word` and of each word made by deleting one letter.
fn variants(word: &[char]) -> impl Iterator<Item = u64> + '_ {
    use std::hash::{Hash, Hasher};
    let hash = |skip: Option<usize>| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (i, c) in word.iter().enumerate() {
            if Some(i) != skip {
                c.hash(&mut h);
            }
        }
        h.finish()
    };
    std::iter::once(hash(None)).chain((0..word.len()).map(move |i| hash(Some(i))))
}

impl Suggester {
    /// Indexes `candidates` (duplicates are kept once).
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut entries: Vec<Entry> = candidates
            .into_iter()
            .map(|c| (fold(c).chars().collect(), c.into()))
            .collect();
        entries.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        entries.dedup_by(|a, b| a.1 == b.1);
        let mut near = Vec::new();
        let mut by_start: BTreeMap<(char, usize), Vec<u32>> = BTreeMap::new();
        for (i, (folded, _)) in entries.iter().enumerate() {
            let i = i as u32;
            near.extend(variants(folded).map(|h| (h, i)));
            if let Some(&first) = folded.first() {
                by_start.entry((first, folded.len())).or_default().push(i);
            }
        }
        near.sort_unstable();
        near.dedup();
        Suggester {
            entries,
            near,
            by_start,
        }
    }

    /// The candidate nearest to `word`, if near enough (see the module doc).
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let folded: Vec<char> = fold(word).chars().collect();
        let length = folded.len();
        // The optimal string alignment distance, bit-parallel (rapidfuzz),
        // with a cut-off: `None` beyond it.
        let comparator = osa::BatchComparator::new(folded.iter().copied());
        let distance = |candidate: &[char], cutoff: usize| {
            comparator.distance_with_args(
                candidate.iter().copied(),
                &osa::Args::default().score_cutoff(cutoff),
            )
        };
        // Every candidate at most one edit away shares a variant with the
        // word; nothing further can beat it.
        let mut best: Option<(usize, &str)> = None;
        for h in variants(&folded) {
            let from = self.near.partition_point(|&(k, _)| k < h);
            for &(_, i) in self.near[from..].iter().take_while(|&&(k, _)| k == h) {
                let (candidate_folded, candidate) = &self.entries[i as usize];
                let Some(d) = distance(candidate_folded, 1) else {
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
        if let Some((_, candidate)) = best {
            return Some(candidate);
        }
        // Two edits or more: only candidates with the same first letter, of
        // a length near enough. A candidate of length `n` is at least
        // |n - length| edits away, and at most max(n, length) / 3.
        let first = *folded.first()?;
        let longest = length + length / 2 + 1;
        let shortest = length.saturating_sub((length / 3).max(1));
        // Nearest lengths first: a near candidate found early bounds the
        // work on the others.
        let mut buckets: Vec<(usize, &Vec<u32>)> = self
            .by_start
            .range((first, shortest)..=(first, longest))
            .map(|(&(_, n), bucket)| (n, bucket))
            .collect();
        buckets.sort_by_key(|&(n, _)| (n.abs_diff(length), n));
        for (n, bucket) in buckets {
            let limit = (n.max(length) / 3).max(1);
            if n.abs_diff(length) > limit || limit < 2 {
                continue;
            }
            if best.is_some_and(|(d, _)| d < n.abs_diff(length)) {
                break;
            }
            for &i in bucket {
                let (candidate_folded, candidate) = &self.entries[i as usize];
                if best.is_some_and(|(d, _)| d < n.abs_diff(length)) {
                    continue;
                }
                // Nothing further than the best so far can win (ties may,
                // by alphabetical order).
                let bound = best.map_or(limit, |(bd, _)| bd.min(limit));
                let Some(d) = distance(candidate_folded, bound) else {
                    continue;
                };
                if d >= length {
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
                .entries
                .iter()
                .filter(|(f, _)| f.len() > length && f.starts_with(&folded))
                .map(|(_, c)| &**c)
                .min();
        }
        None
    }
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
            "les mots-clés et valeurs s'écrivent en minuscules : `membre`"
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

    /// The index gives what comparing with every candidate gives.
    #[test]
    fn the_index_agrees_with_a_full_scan() {
        fn full<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
            let folded: Vec<char> = fold(word).chars().collect();
            let length = folded.len();
            let mut best: Option<(usize, &str)> = None;
            for &c in candidates {
                let cf: Vec<char> = fold(c).chars().collect();
                let d = strsim::osa_distance(&fold(word), &fold(c));
                let limit = (cf.len().max(length) / 3).max(1);
                let same_start = folded.first() == cf.first();
                if d <= limit
                    && (d <= 1 || same_start)
                    && !(length > 0 && d >= length)
                    && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc))
                {
                    best = Some((d, c));
                }
            }
            best.map(|(_, c)| c).or_else(|| {
                (length >= 3)
                    .then(|| {
                        candidates
                            .iter()
                            .copied()
                            .filter(|c| {
                                let f = fold(c);
                                f.chars().count() > length && f.starts_with(&fold(word))
                            })
                            .min()
                    })
                    .flatten()
            })
        }
        let candidates = [
            "cotech",
            "copil",
            "cd38",
            "caf38",
            "metro",
            "metropole",
            "membres",
            "frequence",
            "presidence",
            "perimetre",
            "trimestrielle",
            "semestrielle",
            "hinaura",
            "agglo",
            "nord",
            "sdaasp",
            "amri",
            "ami",
            "ft38",
            "fs38",
        ];
        let index = Suggester::new(candidates);
        let words = [
            "cotec",
            "cotehc",
            "copli",
            "cd83",
            "caf",
            "metrpole",
            "metropoel",
            "membre",
            "frequense",
            "fréquence",
            "presidense",
            "perimetr",
            "trimestriele",
            "bimestrielle",
            "hinora",
            "aglo",
            "nrod",
            "sdaasap",
            "amir",
            "am",
            "x",
            "",
            "ft",
            "fs3",
            "zzz",
            "semestriel",
            "metropolitain",
        ];
        for word in words {
            assert_eq!(index.suggest(word), full(word, &candidates), "{word:?}");
        }
    }
}

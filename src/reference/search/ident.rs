//! The short identifier a name suggests for its `membre` line.

use super::text::{Analyser, expand, fold_into, is_stop_word};

/// Words that do not tell one EPCI from another: skipped when an
/// identifier is taken from the first distinctive word of a name.
const GENERIC_WORDS: &[&str] = &[
    "canton",
    "coeur",
    "communaute",
    "communes",
    "eurometropole",
    "grand",
    "grande",
    "ile",
    "iles",
    "pays",
    "porte",
    "portes",
    "region",
    "terre",
    "terres",
    "val",
    "vallee",
    "vallees",
    "vallon",
    "vallons",
];

/// Words left out of a commune's or a Hub's identifier, besides the small
/// words: `Saint-André-lez-Lille` is `saint_andre_lille`.
const LINK_WORDS: &[&str] = &["les", "lez", "sous", "sur"];

/// The folded words of `text`, small words included (`de`, `d`…).
fn raw_words(text: &str) -> Vec<String> {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
        .filter(|w: &String| !w.is_empty())
        .collect()
}

/// What kind of name [`identifiant`] shortens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// An EPCI.
    Epci,
    /// A commune.
    Commune,
    /// A région.
    Region,
    /// A Hub.
    Hub,
}

/// A short lowercase ASCII identifier for a `membre` named `nom`, to paste
/// in a file (the user may rename it):
///
/// - an EPCI: the acronym it gives in brackets (`CA Porte de l'Isère
///   (CAPI)` → `capi`); for a « Métropole X Y » of three words or more, the
///   initials (`Métropole Européenne de Lille` → `mel`); else its first
///   distinctive word, past the legal form and words like `pays`
///   (`Grenoble-Alpes-Métropole` → `grenoble`, `CA du Pays de Gex` →
///   `gex`);
/// - a région of three words or more: the initials, `de` included
///   (`Hauts-de-France` → `hdf`); else its words (`grand_est`);
/// - a commune or a Hub: its significant words, three at most, without
///   `sur`, `lez`… (`saint_martin_heres`, `roche_yon`, `hub_sud`).
///
/// An identifier starts with a letter: one that would start with a digit
/// gets a prefix (`epci_3cm`).
pub fn identifiant(kind: IdKind, nom: &str) -> String {
    let words = raw_words(nom);
    let significant: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !is_stop_word(w))
        .map(|w| expand(w).unwrap_or(w))
        .collect();
    let initials = |words: &[&str]| -> String {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    };
    let joined = |words: &[&str]| words.iter().take(3).copied().collect::<Vec<_>>().join("_");
    let id = match kind {
        IdKind::Epci => {
            let acronym = nom
                .rsplit_once('(')
                .and_then(|(_, rest)| rest.strip_suffix(')'))
                .filter(|a| {
                    (2..=8).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if let Some(acronym) = acronym {
                acronym.to_ascii_lowercase()
            } else if significant.first() == Some(&"metropole") && significant.len() >= 3 {
                initials(&significant)
            } else {
                let is_form = |w: &&str| {
                    let mut probe = Analyser::default();
                    probe.analyse(w).is_empty()
                };
                significant
                    .iter()
                    .find(|w| !is_form(w) && !GENERIC_WORDS.contains(w))
                    .or_else(|| significant.iter().find(|w| !is_form(w)))
                    .or(significant.first())
                    .map(|w| w.to_string())
                    .unwrap_or_default()
            }
        }
        IdKind::Region => {
            let words: Vec<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| !matches!(*w, "d" | "l" | "la" | "le" | "les" | "et"))
                .collect();
            if words.len() >= 3 {
                initials(&words)
            } else {
                joined(&words)
            }
        }
        IdKind::Commune | IdKind::Hub => {
            let words: Vec<&str> = significant
                .iter()
                .copied()
                .filter(|w| !LINK_WORDS.contains(w))
                .collect();
            joined(&words)
        }
    };
    let prefix = match kind {
        IdKind::Epci => "epci",
        IdKind::Commune => "commune",
        IdKind::Region => "region",
        IdKind::Hub => "hub",
    };
    match id.chars().next() {
        None => prefix.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}_{id}"),
        Some(_) => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_short_and_pastable() {
        use IdKind::*;
        assert_eq!(identifiant(Epci, "Métropole Européenne de Lille"), "mel");
        assert_eq!(identifiant(Epci, "Métropole du Grand Paris"), "mgp");
        assert_eq!(identifiant(Epci, "Métropole de Lyon"), "lyon");
        assert_eq!(identifiant(Epci, "Grenoble-Alpes-Métropole"), "grenoble");
        assert_eq!(
            identifiant(Epci, "Eurométropole de Strasbourg"),
            "strasbourg"
        );
        assert_eq!(identifiant(Epci, "CA du Pays de Gex"), "gex");
        assert_eq!(identifiant(Epci, "CA Porte de l'Isère (CAPI)"), "capi");
        assert_eq!(
            identifiant(Epci, "CC de l'Ile de Noirmoutier"),
            "noirmoutier"
        );
        assert_eq!(identifiant(Epci, "CA Vitré Communauté"), "vitre");
        assert_eq!(
            identifiant(Commune, "Saint-Martin-d'Hères"),
            "saint_martin_heres"
        );
        assert_eq!(identifiant(Commune, "Roubaix"), "roubaix");
        assert_eq!(
            identifiant(Commune, "Saint-André-lez-Lille"),
            "saint_andre_lille"
        );
        assert_eq!(identifiant(Commune, "La Roche-sur-Yon"), "roche_yon");
        assert_eq!(identifiant(Commune, "L'Île-d'Yeu"), "ile_yeu");
        assert_eq!(identifiant(Region, "Hauts-de-France"), "hdf");
        assert_eq!(identifiant(Region, "Provence-Alpes-Côte d'Azur"), "paca");
        assert_eq!(identifiant(Region, "Grand Est"), "grand_est");
        assert_eq!(identifiant(Region, "La Réunion"), "reunion");
        assert_eq!(identifiant(Hub, "Hub du Sud"), "hub_sud");
        assert_eq!(identifiant(Hub, "Hinaura"), "hinaura");
        assert_eq!(identifiant(Epci, "CC 3CM"), "epci_3cm");
        assert_eq!(identifiant(Commune, "—"), "commune");
    }
}

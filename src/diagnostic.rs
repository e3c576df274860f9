//! Diagnostics: what every stage reports, with a stable code, a severity, a
//! French message, a help line and the span it points at.

use serde::Serialize;

use crate::span::Span;

/// The stable codes of the compiler's own diagnostics. Tests, SARIF and
/// `copil explain` share them; never rename one.
pub mod codes {
    /// A file that cannot be read.
    pub const LECTURE: &str = "copil::fichier::lecture";
    /// A file that is not UTF-8.
    pub const UTF8: &str = "copil::fichier::utf8";
    /// A syntax error.
    pub const SYNTAXE: &str = "copil::syntaxe";
    /// An unknown or misplaced keyword.
    pub const MOT_CLE: &str = "copil::syntaxe::mot_cle";
    /// An unknown escape in a string.
    pub const ECHAPPEMENT: &str = "copil::syntaxe::echappement";
    /// A number that cannot be read.
    pub const NOMBRE: &str = "copil::syntaxe::nombre";
    /// An unknown enumeration value.
    pub const VALEUR: &str = "copil::valeur_inconnue";
    /// An identifier declared twice.
    pub const DOUBLON: &str = "copil::identifiant::double";
    /// A reference to an undeclared identifier.
    pub const INCONNU: &str = "copil::identifiant::inconnu";
    /// A code absent from the reference data.
    pub const REFERENCE: &str = "copil::reference::inconnue";
    /// A malformed official code (wrong length, not digits).
    pub const CODE_INVALIDE: &str = "copil::reference::code_invalide";
    /// A SIRET whose checksum fails.
    pub const SIRET: &str = "copil::reference::siret";
    /// A libellé that differs from the official name (warning).
    pub const LIBELLE: &str = "copil::reference::libelle";
    /// A member of the wrong nature where another is required.
    pub const NATURE: &str = "copil::nature";
    /// A cycle of `rend_compte`.
    pub const CYCLE: &str = "copil::cycle";
    /// A reversed `periode` or `annees`.
    pub const INTERVALLE: &str = "copil::intervalle";
    /// A derogation of an unknown rule.
    pub const DEROGATION: &str = "copil::derogation::regle_inconnue";
    /// No `territoire`, or more than one.
    pub const TERRITOIRE: &str = "copil::territoire";
    /// An attribute or declaration given twice where one is allowed.
    pub const REPETITION: &str = "copil::repetition";
    /// A required part is missing (a structure's libellé, a collectivité's code…).
    pub const MANQUANT: &str = "copil::manquant";
    /// A part that has no meaning here (a code on a structure, `pilote` with `copilotes`…).
    pub const INCOMPATIBLE: &str = "copil::incompatible";

    /// Every code above with a short French description, for SARIF and
    /// JUnit rule lists.
    pub const ALL: &[(&str, &str)] = &[
        (LECTURE, "fichier illisible"),
        (UTF8, "fichier qui n'est pas en UTF-8"),
        (SYNTAXE, "syntaxe invalide"),
        (MOT_CLE, "mot-clé inconnu, accentué ou mal placé"),
        (
            ECHAPPEMENT,
            "séquence d'échappement inconnue dans une chaîne",
        ),
        (NOMBRE, "nombre ou année illisible"),
        (
            VALEUR,
            "valeur d'énumération inconnue (nature, type, fréquence, contrat, besoin)",
        ),
        (DOUBLON, "identifiant déclaré deux fois"),
        (INCONNU, "identifiant jamais déclaré"),
        (REFERENCE, "code absent des données de référence"),
        (CODE_INVALIDE, "code officiel mal formé"),
        (SIRET, "SIRET invalide"),
        (LIBELLE, "libellé différent du nom officiel"),
        (NATURE, "élément d'une autre nature que celle attendue"),
        (CYCLE, "cycle de `rend_compte`"),
        (INTERVALLE, "période ou années inversées"),
        (DEROGATION, "dérogation à une règle inconnue"),
        (TERRITOIRE, "territoire absent ou répété"),
        (REPETITION, "attribut ou déclaration répété"),
        (MANQUANT, "partie obligatoire absente"),
        (INCOMPATIBLE, "parties incompatibles"),
    ];
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks compliance (exit code 1), or compilation for `copil::…` codes.
    Error,
    /// Reported, does not fail unless `--deny warnings`.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The JSON name: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The French word shown to people.
    pub fn libelle(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "info",
        }
    }
}

/// A secondary location shown with a diagnostic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it shows there.
    pub text: String,
}

/// One problem found in a file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// `copil::…` for the compiler's own errors, the rule id for rules.
    pub code: String,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, in French, lowercase, no final period.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The exact span it points at.
    pub span: Span,
    /// The text shown under the span.
    pub label: String,
    /// Other places worth showing.
    pub related: Vec<Label>,
    /// The reason given by the `derogation` that waives it, if any.
    pub waived: Option<String>,
}

impl Diagnostic {
    /// An error with the compiler code `code`.
    pub fn error(code: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, span, message)
    }

    /// A warning with the compiler code `code`.
    pub fn warning(code: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Warning, span, message)
    }

    /// A diagnostic of any severity.
    pub fn new(code: &str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
            message: message.into(),
            help: None,
            span,
            label: String::new(),
            related: Vec::new(),
            waived: None,
        }
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the label under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a secondary location.
    pub fn related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// True for a compiler error (the file could not be compiled).
    pub fn is_compile_error(&self) -> bool {
        self.severity == Severity::Error && self.code.starts_with("copil::")
    }
}

#[cfg(test)]
mod code_tests {
    #[test]
    fn every_code_is_described() {
        let source = include_str!("diagnostic.rs");
        let start = source.find("pub mod codes").expect("codes module");
        let end = source[start..].find("pub const ALL").expect("ALL") + start;
        let constants = source[start..end].matches("pub const ").count();
        assert_eq!(constants, super::codes::ALL.len());
        let mut codes: Vec<&str> = super::codes::ALL.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), constants, "a code is listed twice");
    }
}

/// Sorts diagnostics in source order, then by code and message, so that
/// every output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.code,
            &b.message,
        ))
    });
}

/// Joins `a`, `b` and `c` the French way: "a, b ou c".
pub fn join_ou(items: &[String]) -> String {
    join(items, "ou")
}

/// Joins `a`, `b` and `c` the French way: "a, b et c".
pub fn join_et(items: &[String]) -> String {
    join(items, "et")
}

fn join(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// The closest candidate to `word` by edit distance, if close enough to be
/// a plausible typo. Accents are ignored in the comparison, so `fréquence`
/// suggests `frequence`.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(word);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let d = strsim::damerau_levenshtein(&folded, &fold(candidate));
        let limit = (candidate.chars().count().max(word.chars().count()) / 3).max(1);
        // A typo rarely changes the first letter: beyond one edit, a word
        // that starts differently is another word (`bimestrielle` is not
        // `semestrielle`).
        let same_start = folded.chars().next() == fold(candidate).chars().next();
        if d <= limit
            && (d <= 1 || same_start)
            && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc))
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
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

/// The help line for an unknown word: "did you mean", with the accent case
/// named explicitly.
pub fn did_you_mean(word: &str, suggestion: &str) -> String {
    if fold(word) == suggestion && word != suggestion {
        format!("les mots-clés et valeurs s'écrivent sans accent : `{suggestion}`")
    } else {
        format!("vouliez-vous dire `{suggestion}` ?")
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
}

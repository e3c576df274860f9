//! The one table of the compiler's own diagnostic codes (`copil::…`).
//!
//! Each code carries its stable string, a one-line French description, its
//! default severity and the stage that raises it. SARIF, JUnit, `copil
//! explain`, the fixtures test and the README's table all read this table:
//! adding a code means one line here and one fixture that raises it
//! (`tests/fixtures/` for a governance file, `tests/rulesets/fail/` for a
//! ruleset). Never rename a code: ANCT's CI configurations name them.

use std::fmt;

use serde::Serialize;

use super::Severity;

/// Which stage raises a code, and so what it means for the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Reading and compiling a governance file: an error means the file
    /// does not compile (exit code 2).
    Fichier,
    /// Applying the rules to a compiled file (derogations, a rule that
    /// cannot be evaluated): reported like a rule.
    Regles,
    /// Loading a ruleset (`rules/*.toml`, `--rules`): an error stops the
    /// check before any file is read (exit code 2).
    JeuDeRegles,
}

macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $severity:ident, $stage:ident, $description:literal;
    )*) => {
        /// A diagnostic code of the compiler itself.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string: `copil::…`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// One line of French saying what the code reports.
            pub const fn description(self) -> &'static str {
                match self { $(Code::$variant => $description,)* }
            }

            /// The severity its diagnostics have unless said otherwise.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The stage that raises it.
            pub const fn stage(self) -> Stage {
                match self { $(Code::$variant => Stage::$stage,)* }
            }
        }
    };
}

codes! {
    /// A file that cannot be read.
    Lecture = "copil::fichier::lecture", Error, Fichier, "fichier illisible";
    /// A file that is not UTF-8.
    Utf8 = "copil::fichier::utf8", Error, Fichier, "fichier qui n'est pas en UTF-8";
    /// A file larger than the documented limit (16 Mio).
    Taille = "copil::fichier::taille", Error, Fichier, "fichier trop gros (plus de 16 Mio)";
    /// A syntax error.
    Syntaxe = "copil::syntaxe", Error, Fichier, "syntaxe invalide";
    /// An unknown, accented or misplaced keyword.
    MotCle = "copil::syntaxe::mot_cle", Error, Fichier, "mot-clé inconnu, accentué ou mal placé";
    /// A bidirectional control in a string, which reorders what it shows.
    Bidi = "copil::chaine::bidi", Warning, Fichier, "caractère de contrôle bidirectionnel dans une chaîne";
    /// An unknown escape in a string.
    Echappement = "copil::syntaxe::echappement", Error, Fichier, "séquence d'échappement inconnue dans une chaîne";
    /// A number or a year that cannot be read.
    Nombre = "copil::syntaxe::nombre", Error, Fichier, "nombre ou année illisible";
    /// Curly quotes, or a `"` left unescaped inside a string.
    Guillemets = "copil::chaine::guillemets", Error, Fichier, "guillemets typographiques `“ ”`, ou `\"` non échappé dans une chaîne";
    /// A date that does not exist (`2025-02-30`).
    Date = "copil::date", Error, Fichier, "date inexistante ou mal écrite";
    /// An unknown enumeration value.
    Valeur = "copil::valeur_inconnue", Error, Fichier, "valeur d'énumération inconnue (nature, type, fréquence, contrat, besoin)";
    /// An identifier declared twice.
    IdentifiantDouble = "copil::identifiant::double", Error, Fichier, "identifiant déclaré deux fois";
    /// An identifier that mixes scripts (a Cyrillic `с` in `сd38`).
    Confusable = "copil::identifiant::confusable", Warning, Fichier, "identifiant qui mêle des écritures (un `с` cyrillique dans `сd38`)";
    /// A reference to an undeclared identifier.
    IdentifiantInconnu = "copil::identifiant::inconnu", Error, Fichier, "identifiant jamais déclaré";
    /// A code absent from the reference data.
    Reference = "copil::reference::inconnue", Error, Fichier, "code absent des données de référence";
    /// A malformed official code (wrong length, not digits, bad check digit).
    CodeInvalide = "copil::reference::code_invalide", Error, Fichier, "code officiel mal formé";
    /// A SIRET whose checksum fails.
    Siret = "copil::reference::siret", Error, Fichier, "SIRET invalide";
    /// A libellé that differs from the official name.
    Libelle = "copil::reference::libelle", Warning, Fichier, "libellé différent du nom officiel";
    /// A commune code that is also a postal code of the territoire.
    CodePostal = "copil::reference::code_postal", Warning, Fichier, "code INSEE de commune qui est aussi un code postal du territoire";
    /// A member of the wrong nature where another is required.
    Nature = "copil::nature", Error, Fichier, "élément d'une autre nature que celle attendue";
    /// A cycle of `rend_compte`.
    Cycle = "copil::cycle", Error, Fichier, "cycle de `rend_compte`";
    /// A reversed `periode` or `annees`.
    Intervalle = "copil::intervalle", Error, Fichier, "période ou années inversées";
    /// A derogation of an unknown rule.
    DerogationRegleInconnue = "copil::derogation::regle_inconnue", Error, Fichier, "dérogation à une règle inconnue";
    /// No `territoire`, or more than one.
    Territoire = "copil::territoire", Error, Fichier, "territoire absent ou répété";
    /// An attribute or declaration given twice where one is allowed.
    Repetition = "copil::repetition", Error, Fichier, "attribut ou déclaration répété";
    /// A required part is missing (a structure's libellé, a collectivité's code…).
    Manquant = "copil::manquant", Error, Fichier, "partie obligatoire absente";
    /// A part that has no meaning here (a code on a structure, `pilote` with `copilotes`…).
    Incompatible = "copil::incompatible", Error, Fichier, "parties incompatibles";

    /// A derogation of a rule that cannot be waived.
    DerogationInterdite = "copil::derogation::interdite", Warning, Regles, "dérogation à une règle qui n'en admet pas";
    /// A derogation that waives nothing.
    DerogationInutile = "copil::derogation::inutile", Info, Regles, "dérogation qui ne lève aucun diagnostic";
    /// A rule that could not be evaluated (division by zero…).
    Evaluation = "copil::regles::evaluation", Error, Regles, "règle qui n'a pas pu être évaluée";

    /// A ruleset file that is not valid TOML.
    Toml = "copil::regles::toml", Error, JeuDeRegles, "fichier de règles qui n'est pas du TOML valide";
    /// A key the ruleset format does not have, a missing key, a value of the wrong kind.
    Champ = "copil::regles::champ", Error, JeuDeRegles, "clé inconnue, absente ou de mauvais type dans un jeu de règles";
    /// `extends` names an unknown ruleset, or extends form a cycle.
    Extends = "copil::regles::extends", Error, JeuDeRegles, "`extends` vers un jeu de règles inconnu, ou en cycle";
    /// The same rule id twice in one ruleset, or a ruleset defined twice.
    RegleDouble = "copil::regles::doublon", Error, JeuDeRegles, "règle ou jeu de règles défini deux fois";
    /// `--profile` names no loaded ruleset.
    Profil = "copil::regles::profil", Error, JeuDeRegles, "profil de règles inconnu";
    /// A rule expression that cannot be read.
    ExpressionSyntaxe = "copil::expression::syntaxe", Error, JeuDeRegles, "expression de règle illisible";
    /// A bare name that is neither a variable nor a field of the fact model.
    ExpressionNomInconnu = "copil::expression::nom_inconnu", Error, JeuDeRegles, "nom inconnu dans une expression";
    /// A field that the record it is read from does not have.
    ExpressionChampInconnu = "copil::expression::champ_inconnu", Error, JeuDeRegles, "champ inconnu dans une expression";
    /// A `$param` that the ruleset does not declare.
    ExpressionParametreInconnu = "copil::expression::parametre_inconnu", Error, JeuDeRegles, "paramètre `$…` non déclaré";
    /// A call to a function the expression language does not have.
    ExpressionFonctionInconnue = "copil::expression::fonction_inconnue", Error, JeuDeRegles, "fonction inconnue dans une expression";
    /// A known function called with the wrong arguments.
    ExpressionArguments = "copil::expression::arguments", Error, JeuDeRegles, "fonction appelée avec de mauvais arguments";
    /// An operand or a result of the wrong type.
    ExpressionType = "copil::expression::type", Error, JeuDeRegles, "expression d'un type inattendu";
}

impl Code {
    /// The code whose string is `text`, if any.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// True when an error with this code means the governance file does
    /// not compile.
    pub const fn is_compile_error(self) -> bool {
        matches!(self.stage(), Stage::Fichier) && matches!(self.severity(), Severity::Error)
    }
}

/// The table of every code in Markdown (code, severity, what it reports),
/// as the README and the language reference show it; a test keeps them
/// equal.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | sévérité | cas |\n|---|---|---|\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{code}` | {} | {} |\n",
            code.severity().libelle(),
            code.description().replace('|', "\\|")
        ));
    }
    out
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a diagnostic's `code` names: one of the compiler's own codes, or
/// the id of a rule of a ruleset (`FNE-COM-02`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticCode {
    /// A code of the table above.
    Copil(Code),
    /// A rule id.
    Regle(String),
}

impl DiagnosticCode {
    /// The code as written in every output.
    pub fn as_str(&self) -> &str {
        match self {
            DiagnosticCode::Copil(c) => c.as_str(),
            DiagnosticCode::Regle(id) => id,
        }
    }

    /// The compiler's code, when it is one.
    pub fn copil(&self) -> Option<Code> {
        match self {
            DiagnosticCode::Copil(c) => Some(*c),
            DiagnosticCode::Regle(_) => None,
        }
    }
}

impl From<Code> for DiagnosticCode {
    fn from(code: Code) -> Self {
        DiagnosticCode::Copil(code)
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DiagnosticCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialOrd for DiagnosticCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the written code, so that outputs sort as the text reads.
impl Ord for DiagnosticCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for DiagnosticCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for DiagnosticCode {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Code> for DiagnosticCode {
    fn eq(&self, other: &Code) -> bool {
        *self == DiagnosticCode::Copil(*other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(code.as_str().starts_with("copil::"), "{code}");
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            let d = code.description();
            assert!(!d.is_empty() && !d.ends_with('.'), "{code}: {d}");
        }
    }

    #[test]
    fn only_file_errors_stop_compilation() {
        assert!(Code::Syntaxe.is_compile_error());
        assert!(!Code::Libelle.is_compile_error());
        assert!(!Code::Evaluation.is_compile_error());
        assert!(!Code::Toml.is_compile_error());
    }
}

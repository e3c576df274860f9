//! Syntax errors in French: pest's expectations named for humans, and the
//! unknown keyword case with its "did you mean".

use std::collections::BTreeSet;

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parser::{Rule, TOP_KEYWORDS};
use crate::diagnostic::{self, Code, Diagnostic, join_ou};
use crate::span::Span;

/// What the parser was waiting for, as shown to people.
enum Expected {
    /// A keyword, shown as `mot`.
    Keyword(&'static str),
    /// Anything else, already phrased (`un identifiant`, `` `}` ``).
    Other(&'static str),
}

/// Names every grammar rule for humans. No wildcard: a new rule forces a
/// decision here.
fn expected(rule: Rule) -> Option<Expected> {
    use Expected::{Keyword, Other};
    Some(match rule {
        Rule::k_territoire => Keyword("territoire"),
        Rule::k_periode => Keyword("periode"),
        Rule::k_membre => Keyword("membre"),
        Rule::k_pilotage => Keyword("pilotage"),
        Rule::k_comite => Keyword("comite"),
        Rule::k_existant => Keyword("existant"),
        Rule::k_sans_chevauchement => Keyword("sans_chevauchement"),
        Rule::k_crsn => Keyword("crsn"),
        Rule::k_feuille_de_route => Keyword("feuille_de_route"),
        Rule::k_besoins => Keyword("besoins"),
        Rule::k_derogation => Keyword("derogation"),
        Rule::k_siret => Keyword("siret"),
        Rule::k_region => Keyword("region"),
        Rule::k_tags => Keyword("tags"),
        Rule::k_prefet => Keyword("prefet"),
        Rule::k_pilote => Keyword("pilote"),
        Rule::k_copilotes => Keyword("copilotes"),
        Rule::k_coordination => Keyword("coordination"),
        Rule::k_presidence => Keyword("presidence"),
        Rule::k_membres => Keyword("membres"),
        Rule::k_frequence => Keyword("frequence"),
        Rule::k_perimetre => Keyword("perimetre"),
        Rule::k_rend_compte => Keyword("rend_compte"),
        Rule::k_adosse => Keyword("adosse"),
        Rule::k_mission => Keyword("mission"),
        Rule::k_porteur => Keyword("porteur"),
        Rule::k_porteurs => Keyword("porteurs"),
        Rule::k_contrat => Keyword("contrat"),
        Rule::k_diagnostic => Keyword("diagnostic"),
        Rule::k_action => Keyword("action"),
        Rule::k_annees => Keyword("annees"),
        Rule::k_budget => Keyword("budget"),
        Rule::k_financement => Keyword("financement"),
        Rule::k_etp => Keyword("etp"),
        Rule::k_prestation => Keyword("prestation"),
        Rule::k_priorite => Keyword("priorite"),
        Rule::ident | Rule::ident_list => Other("un identifiant"),
        Rule::code | Rule::code_list => Other("un code officiel (par exemple `38`)"),
        Rule::siret_code => Other("un SIRET de 14 chiffres"),
        Rule::rule_id => Other("un identifiant de règle (par exemple `FNE-COM-05`)"),
        Rule::integer => Other("une année (par exemple `2024`)"),
        Rule::range => Other("un intervalle d'années (par exemple `2024..2026`)"),
        Rule::number => Other("un nombre"),
        Rule::amount => Other("un montant (par exemple `120_000 €`)"),
        Rule::euro => Other("`€`"),
        Rule::string | Rule::simple_string | Rule::triple_string => {
            Other("une chaîne entre guillemets")
        }
        Rule::comma => Other("`,`"),
        Rule::lbrace | Rule::membre_block | Rule::existant_block => Other("`{`"),
        Rule::rbrace => Other("`}`"),
        Rule::EOI | Rule::rest => Other("la fin du fichier"),
        Rule::territoire => Keyword("territoire"),
        Rule::periode => Keyword("periode"),
        Rule::membre => Keyword("membre"),
        Rule::pilotage => Keyword("pilotage"),
        Rule::comite => Keyword("comite"),
        Rule::existant => Keyword("existant"),
        Rule::sans_chevauchement => Keyword("sans_chevauchement"),
        Rule::crsn => Keyword("crsn"),
        Rule::feuille_de_route => Keyword("feuille_de_route"),
        Rule::besoins => Keyword("besoins"),
        Rule::derogation => Keyword("derogation"),
        Rule::item | Rule::file | Rule::next_item => {
            Other("une déclaration (`membre`, `comite`, …)")
        }
        Rule::attr_siret => Keyword("siret"),
        Rule::attr_region => Keyword("region"),
        Rule::attr_tags => Keyword("tags"),
        Rule::pil_prefet => Keyword("prefet"),
        Rule::pil_pilote => Keyword("pilote"),
        Rule::pil_copilotes => Keyword("copilotes"),
        Rule::pil_coordination => Keyword("coordination"),
        Rule::com_presidence => Keyword("presidence"),
        Rule::com_membres => Keyword("membres"),
        Rule::com_frequence => Keyword("frequence"),
        Rule::com_perimetre => Keyword("perimetre"),
        Rule::com_rend_compte => Keyword("rend_compte"),
        Rule::com_adosse => Keyword("adosse"),
        Rule::com_mission => Keyword("mission"),
        Rule::fdr_porteur => Keyword("porteur"),
        Rule::fdr_contrat => Keyword("contrat"),
        Rule::fdr_diagnostic => Keyword("diagnostic"),
        Rule::action => Keyword("action"),
        Rule::act_porteurs => Keyword("porteurs"),
        Rule::act_besoins => Keyword("besoins"),
        Rule::act_annees => Keyword("annees"),
        Rule::act_budget => Keyword("budget"),
        Rule::act_financement => Keyword("financement"),
        Rule::besoin => Other("un besoin d'ingénierie"),
        Rule::bes_etp => Keyword("etp"),
        Rule::bes_prestation => Keyword("prestation"),
        Rule::bes_priorite => Keyword("priorite"),
        Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::simple_inner
        | Rule::triple_inner
        | Rule::escape
        | Rule::ident_start
        | Rule::ident_cont
        | Rule::membre_attr
        | Rule::pilotage_attr
        | Rule::comite_attr
        | Rule::fdr_attr
        | Rule::action_attr
        | Rule::besoin_option
        | Rule::opt_string => {
            return None;
        }
    })
}

/// The keywords of the language that do not start a declaration; with
/// [`TOP_KEYWORDS`], every keyword, for "not allowed here" messages.
const INNER_KEYWORDS: &[&str] = &[
    "siret",
    "region",
    "tags",
    "prefet",
    "pilote",
    "copilotes",
    "coordination",
    "presidence",
    "membres",
    "frequence",
    "perimetre",
    "rend_compte",
    "adosse",
    "mission",
    "porteur",
    "porteurs",
    "contrat",
    "diagnostic",
    "action",
    "annees",
    "budget",
    "financement",
    "etp",
    "prestation",
    "priorite",
];

/// Turns a pest error met while parsing `src[offset..]` into a diagnostic;
/// also returns the absolute offset of the error.
pub(crate) fn syntax_error(src: &str, offset: usize, error: &Error<Rule>) -> (Diagnostic, usize) {
    let at = offset
        + match error.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let rules: Vec<Rule> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut keywords = BTreeSet::new();
    let mut others = BTreeSet::new();
    // At the start of a declaration, pest names the declaration rule: the
    // keywords that may stand there are the declaration keywords.
    let mut declaration = false;
    for rule in rules {
        if matches!(rule, Rule::item | Rule::file | Rule::next_item) {
            declaration = true;
        }
        match expected(rule) {
            Some(Expected::Keyword(k)) => {
                keywords.insert(k);
            }
            Some(Expected::Other(o)) => {
                others.insert(o);
            }
            None => {}
        }
    }
    let mut wanted: Vec<String> = keywords.iter().map(|k| format!("`{k}`")).collect();
    wanted.extend(others.iter().map(|o| o.to_string()));
    let wanted = join_ou(&wanted);

    let rest = &src[at..];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let starts_with_letter = word.chars().next().is_some_and(char::is_alphabetic);
    if let Some(d) = unclosed_string(rest, at) {
        return (d, at);
    }
    if let Some(d) = comma_before_keyword(src, at) {
        return (d, at);
    }

    if starts_with_letter
        && (declaration || !keywords.is_empty())
        && !others.contains("un identifiant")
    {
        let span = Span::new(at, at + word.len());
        let candidates: Vec<&str> = if declaration {
            TOP_KEYWORDS.to_vec()
        } else {
            keywords.iter().copied().collect()
        };
        let suggestion = diagnostic::suggest(&word, candidates);
        let help = match suggestion {
            Some(s) => diagnostic::did_you_mean(&word, s),
            None => format!("attendu ici : {wanted}"),
        };
        let message = if is_keyword(&word) {
            format!("le mot-clé `{word}` n'est pas permis ici")
        } else {
            format!("mot-clé inconnu `{word}`")
        };
        let label = if is_keyword(&word) {
            "mot-clé mal placé"
        } else {
            "mot-clé inconnu"
        };
        let d = Diagnostic::error(Code::MotCle, span, message)
            .label(label)
            .help(help);
        return (d, at);
    }

    let (found, span) = if rest.is_empty() {
        ("la fin du fichier".to_string(), Span::new(at, at))
    } else if !word.is_empty() {
        (format!("`{word}`"), Span::new(at, at + word.len()))
    } else {
        let c = rest.chars().next().expect("rest is not empty");
        let shown = match c {
            '\n' | '\r' => "fin de ligne".to_string(),
            '"' => "une chaîne".to_string(),
            c => format!("`{c}`"),
        };
        (shown, Span::new(at, at + c.len_utf8()))
    };
    let message = if rest.is_empty() {
        "fin du fichier inattendue".to_string()
    } else if found.starts_with('`') {
        format!("{found} inattendu ici")
    } else {
        format!("{found} inattendue ici")
    };
    let after_comma = src[..at].trim_end().ends_with(',');
    let help = if after_comma && others.contains("un identifiant") {
        "une liste ne se termine pas par une virgule : retirez la `,` finale".to_string()
    } else if wanted.is_empty() {
        "vérifiez la forme de cette déclaration (voir le README)".to_string()
    } else {
        format!("attendu ici : {wanted}")
    };
    let label = if rest.is_empty() {
        "le fichier s'arrête ici".to_string()
    } else {
        "ici".to_string()
    };
    let mut d = Diagnostic::error(Code::Syntaxe, span, message)
        .label(label)
        .help(help);
    if after_comma && others.contains("un identifiant") {
        let comma = src[..at].trim_end().len() - 1;
        d = d.related(Span::new(comma, comma + 1), "virgule finale");
    }
    (d, at)
}

/// An error at a `"` that no quote closes (on its line, or anywhere for a
/// `"""` string).
fn unclosed_string(rest: &str, at: usize) -> Option<Diagnostic> {
    let (open, closed, help) = if let Some(after) = rest.strip_prefix("\"\"\"") {
        (3, after.contains("\"\"\""), "fermez le texte par `\"\"\"`")
    } else if let Some(after) = rest.strip_prefix('"') {
        let line = after.split('\n').next().unwrap_or_default();
        let mut escaped = false;
        let closed = line.chars().any(|c| {
            let close = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            close
        });
        (
            1,
            closed,
            "fermez la chaîne par `\"` sur la même ligne ; pour un texte sur plusieurs lignes, écrivez-le entre `\"\"\"` et `\"\"\"`",
        )
    } else {
        return None;
    };
    if closed {
        return None;
    }
    Some(
        Diagnostic::error(Code::Syntaxe, Span::new(at, at + open), "chaîne non fermée")
            .label("cette chaîne n'est jamais fermée")
            .help(help),
    )
}

/// A list ended by a comma on the line before an attribute: the
/// attribute's keyword was read as one more element, and the error is met
/// on the word after it. Point at the comma.
fn comma_before_keyword(src: &str, at: usize) -> Option<Diagnostic> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = src[line_start..at].trim();
    if before.is_empty() || !is_keyword(before) {
        return None;
    }
    let previous = src[..line_start].trim_end();
    if !previous.ends_with(',') {
        return None;
    }
    let comma = previous.len() - 1;
    Some(
        Diagnostic::error(
            Code::Syntaxe,
            Span::new(comma, comma + 1),
            format!("virgule en trop à la fin de la liste, avant `{before}`"),
        )
        .label("virgule finale")
        .help(format!(
            "retirez cette `,` : une liste ne se termine pas par une virgule, et `{before}` commence l'attribut suivant"
        )),
    )
}

/// True for any keyword of the language.
fn is_keyword(word: &str) -> bool {
    TOP_KEYWORDS.contains(&word) || INNER_KEYWORDS.contains(&word)
}

//! Syntax errors in French: pest's expectations named for humans, and the
//! unknown keyword case with its "did you mean".

use std::collections::BTreeSet;

use pest::error::{Error, ErrorVariant, InputLocation};

use super::grammar::Rule;
use super::keyword::{Keyword, word_at};
use crate::diagnostic::{self, Code, Diagnostic, Fix, join_ou};
use crate::span::Span;

/// What the parser was waiting for, as shown to people.
enum Expected {
    /// A keyword, shown as `mot`.
    Kw(Keyword),
    /// Anything else, already phrased (`un identifiant`, `` `}` ``).
    Other(&'static str),
}

/// Names every grammar rule for humans. No wildcard: a new rule forces a
/// decision here.
fn expected(rule: Rule) -> Option<Expected> {
    use Expected::{Kw, Other};
    Some(match rule {
        Rule::k_territoire => Kw(Keyword::Territoire),
        Rule::k_periode => Kw(Keyword::Periode),
        Rule::k_membre => Kw(Keyword::Membre),
        Rule::k_pilotage => Kw(Keyword::Pilotage),
        Rule::k_comite => Kw(Keyword::Comite),
        Rule::k_existant => Kw(Keyword::Existant),
        Rule::k_sans_chevauchement => Kw(Keyword::SansChevauchement),
        Rule::k_crsn => Kw(Keyword::Crsn),
        Rule::k_feuille_de_route => Kw(Keyword::FeuilleDeRoute),
        Rule::k_besoins => Kw(Keyword::Besoins),
        Rule::k_derogation => Kw(Keyword::Derogation),
        Rule::k_siret => Kw(Keyword::Siret),
        Rule::k_region => Kw(Keyword::Region),
        Rule::k_tags => Kw(Keyword::Tags),
        Rule::k_prefet => Kw(Keyword::Prefet),
        Rule::k_pilote => Kw(Keyword::Pilote),
        Rule::k_copilotes => Kw(Keyword::Copilotes),
        Rule::k_coordination => Kw(Keyword::Coordination),
        Rule::k_presidence => Kw(Keyword::Presidence),
        Rule::k_membres => Kw(Keyword::Membres),
        Rule::k_frequence => Kw(Keyword::Frequence),
        Rule::k_perimetre => Kw(Keyword::Perimetre),
        Rule::k_rend_compte => Kw(Keyword::RendCompte),
        Rule::k_adosse => Kw(Keyword::Adosse),
        Rule::k_mission => Kw(Keyword::Mission),
        Rule::k_porteur => Kw(Keyword::Porteur),
        Rule::k_porteurs => Kw(Keyword::Porteurs),
        Rule::k_contrat => Kw(Keyword::Contrat),
        Rule::k_diagnostic => Kw(Keyword::Diagnostic),
        Rule::k_action => Kw(Keyword::Action),
        Rule::k_annees => Kw(Keyword::Annees),
        Rule::k_budget => Kw(Keyword::Budget),
        Rule::k_financement => Kw(Keyword::Financement),
        Rule::k_etp => Kw(Keyword::Etp),
        Rule::k_prestation => Kw(Keyword::Prestation),
        Rule::k_priorite => Kw(Keyword::Priorite),
        Rule::k_referent => Kw(Keyword::Referent),
        Rule::k_prochaine_reunion => Kw(Keyword::ProchaineReunion),
        Rule::k_subvention => Kw(Keyword::Subvention),
        Rule::k_enveloppe => Kw(Keyword::Enveloppe),
        Rule::k_beneficiaire => Kw(Keyword::Beneficiaire),
        Rule::k_statut => Kw(Keyword::Statut),
        Rule::k_nombre => Kw(Keyword::Nombre),
        Rule::k_total_etp => Kw(Keyword::TotalEtp),
        Rule::date => Other("une date `AAAA-MM-JJ` (par exemple `2025-03-12`)"),
        Rule::ident | Rule::ident_list => Other("un identifiant"),
        Rule::code | Rule::code_list => Other("un code officiel (par exemple `38`)"),
        Rule::siret_code => Other("un SIRET de 14 chiffres"),
        Rule::rule_id => Other("un identifiant de règle (par exemple `FNE-COM-05`)"),
        Rule::integer => Other("une année (par exemple `2024`)"),
        Rule::range => Other("un intervalle d'années (par exemple `2024..2026`)"),
        Rule::number => Other("un nombre"),
        Rule::amount => Other("un montant (par exemple `120 000 €`)"),
        Rule::euro => Other("`€`"),
        Rule::string
        | Rule::simple_string
        | Rule::triple_string
        | Rule::french_string
        | Rule::curly_string => Other("une chaîne entre guillemets"),
        Rule::comma => Other("`,`"),
        Rule::lbrace | Rule::membre_block | Rule::existant_block => Other("`{`"),
        Rule::rbrace => Other("`}`"),
        Rule::EOI => Other("la fin du fichier"),
        Rule::territoire => Kw(Keyword::Territoire),
        Rule::periode => Kw(Keyword::Periode),
        Rule::membre => Kw(Keyword::Membre),
        Rule::pilotage => Kw(Keyword::Pilotage),
        Rule::comite => Kw(Keyword::Comite),
        Rule::existant => Kw(Keyword::Existant),
        Rule::sans_chevauchement => Kw(Keyword::SansChevauchement),
        Rule::crsn => Kw(Keyword::Crsn),
        Rule::feuille_de_route => Kw(Keyword::FeuilleDeRoute),
        Rule::besoins => Kw(Keyword::Besoins),
        Rule::derogation => Kw(Keyword::Derogation),
        Rule::item | Rule::file | Rule::next_item => {
            Other("une déclaration (`membre`, `comite`, …)")
        }
        Rule::attr_siret => Kw(Keyword::Siret),
        Rule::attr_region => Kw(Keyword::Region),
        Rule::attr_tags => Kw(Keyword::Tags),
        Rule::pil_prefet => Kw(Keyword::Prefet),
        Rule::pil_pilote => Kw(Keyword::Pilote),
        Rule::pil_copilotes => Kw(Keyword::Copilotes),
        Rule::pil_coordination => Kw(Keyword::Coordination),
        Rule::pil_referent => Kw(Keyword::Referent),
        Rule::com_prochaine_reunion => Kw(Keyword::ProchaineReunion),
        Rule::subvention => Kw(Keyword::Subvention),
        Rule::sub_enveloppe => Kw(Keyword::Enveloppe),
        Rule::sub_etp => Kw(Keyword::Etp),
        Rule::sub_prestation => Kw(Keyword::Prestation),
        Rule::sub_beneficiaire => Kw(Keyword::Beneficiaire),
        Rule::sub_statut => Kw(Keyword::Statut),
        Rule::bes_nombre => Kw(Keyword::Nombre),
        Rule::total_etp => Kw(Keyword::TotalEtp),
        Rule::com_presidence => Kw(Keyword::Presidence),
        Rule::com_membres => Kw(Keyword::Membres),
        Rule::com_frequence => Kw(Keyword::Frequence),
        Rule::com_perimetre => Kw(Keyword::Perimetre),
        Rule::com_rend_compte => Kw(Keyword::RendCompte),
        Rule::com_adosse => Kw(Keyword::Adosse),
        Rule::com_mission => Kw(Keyword::Mission),
        Rule::fdr_porteur => Kw(Keyword::Porteur),
        Rule::fdr_contrat => Kw(Keyword::Contrat),
        Rule::fdr_diagnostic => Kw(Keyword::Diagnostic),
        Rule::action => Kw(Keyword::Action),
        Rule::act_porteurs => Kw(Keyword::Porteurs),
        Rule::act_besoins => Kw(Keyword::Besoins),
        Rule::act_annees => Kw(Keyword::Annees),
        Rule::act_budget => Kw(Keyword::Budget),
        Rule::act_financement => Kw(Keyword::Financement),
        Rule::besoin => Other("un besoin d'ingénierie"),
        Rule::bes_etp => Kw(Keyword::Etp),
        Rule::bes_prestation => Kw(Keyword::Prestation),
        Rule::bes_priorite => Kw(Keyword::Priorite),
        Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::simple_inner
        | Rule::triple_inner
        | Rule::french_inner
        | Rule::curly_inner
        | Rule::number_int
        | Rule::group_sep
        | Rule::subvention_attr
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
            Some(Expected::Kw(k)) => {
                keywords.insert(k.as_str());
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
    let word = word_at(rest);
    let starts_with_letter = word.chars().next().is_some_and(char::is_alphabetic);
    if let Some(d) = unclosed_string(rest, at) {
        return (d, at);
    }
    if let Some(d) = super::french::unescaped_quote(src, at) {
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
            Keyword::declarations().map(Keyword::as_str).collect()
        } else {
            keywords.iter().copied().collect()
        };
        let suggestion = diagnostic::suggest(word, candidates);
        let help = suggestion
            .map(|s| diagnostic::did_you_mean(word, s))
            .unwrap_or_else(|| format!("attendu ici : {wanted}"));
        let message = if is_keyword(word) {
            format!("le mot-clé `{word}` n'est pas permis ici")
        } else {
            format!("mot-clé inconnu `{word}`")
        };
        let label = if is_keyword(word) {
            "mot-clé mal placé"
        } else {
            "mot-clé inconnu"
        };
        let mut d = Diagnostic::error(Code::MotCle, span, message)
            .label(label)
            .help(help);
        if let Some(s) = suggestion {
            d = d.fix(Fix::replace(span, s));
        }
        return (d, at);
    }

    if let Some(d) = negative_number(rest, at, &others) {
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
        d = d
            .related(Span::new(comma, comma + 1), "virgule finale")
            .fix(Fix::replace(Span::new(comma, comma + 1), "").titled("retirer la virgule finale"));
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
        ))
        .fix(Fix::replace(Span::new(comma, comma + 1), "").titled("retirer la virgule finale")),
    )
}

/// True for any keyword of the language.
fn is_keyword(word: &str) -> bool {
    Keyword::parse(word).is_some()
}

/// "`}` manquante", pointing at the `{` left open.
pub(super) fn missing_brace(src: &str, brace: usize, at: usize, at_end: bool) -> Diagnostic {
    let mut d = Diagnostic::error(
        Code::Syntaxe,
        Span::new(brace, brace + 1),
        "accolade `}` manquante : ce bloc n'est jamais fermé",
    )
    .label("bloc ouvert ici");
    if at_end {
        d = d.help("ajoutez `}` à la fin du bloc : le fichier se termine avant");
    } else {
        let word: String = src[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        d = d
            .related(
                Span::new(at, at + word.len()),
                "la déclaration suivante commence ici",
            )
            .help(format!("ajoutez `}}` à la fin du bloc, avant `{word}`"));
    }
    d
}

/// A date that does not exist, or a month or a day out of range.
pub(super) fn invalid_date(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Date,
        span,
        format!("la date `{raw}` n'existe pas"),
    )
    .label("date inexistante")
    .help("une date s'écrit `AAAA-MM-JJ` et existe au calendrier : par exemple `2025-03-12` pour le 12 mars 2025")
}

/// A number with more digits than any amount can have.
pub(super) fn number_too_large(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Nombre,
        span,
        format!("le nombre `{raw}` est trop grand"),
    )
    .label("trop de chiffres")
    .help("un montant ou un nombre s'écrit avec 15 chiffres au plus avant la virgule : vérifiez les zéros")
}

/// A `-` where a number or an amount was expected: amounts and numbers of
/// a governance file are never negative.
fn negative_number(rest: &str, at: usize, others: &BTreeSet<&str>) -> Option<Diagnostic> {
    let after = rest.strip_prefix('-')?;
    if !after.starts_with(|c: char| c.is_ascii_digit())
        || !others
            .iter()
            .any(|o| o.starts_with("un nombre") || o.starts_with("un montant"))
    {
        return None;
    }
    let digits = after
        .find(|c: char| !(c.is_ascii_digit() || c == '_' || c == '.'))
        .unwrap_or(after.len());
    Some(
        Diagnostic::error(
            Code::Syntaxe,
            Span::new(at, at + 1 + digits),
            format!("nombre négatif `-{}`", &after[..digits]),
        )
        .label("signe moins")
        .help("un montant, un budget ou un nombre d'ETP est positif : retirez le `-`")
        .fix(Fix::replace(Span::new(at, at + 1), "").titled("retirer le `-`")),
    )
}

/// A bidirectional control in a string: it reorders what the string shows
/// (the "Trojan Source" attack), so a reviewer reads another text.
pub(super) fn bidi_control(at: usize, c: char) -> Diagnostic {
    Diagnostic::warning(
        Code::Bidi,
        Span::new(at, at + c.len_utf8()),
        format!(
            "caractère de contrôle bidirectionnel U+{:04X} dans une chaîne",
            u32::from(c)
        ),
    )
    .label("invisible, il change l'ordre d'affichage")
    .help("retirez ce caractère : il fait lire au relecteur un autre texte que celui du fichier")
}

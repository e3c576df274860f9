//! Hover: what is behind the word under the cursor, in Markdown. A code:
//! the official name, type and population (and an EPCI's number of
//! communes); a member's id: its nature, roles and comités; a comité's id:
//! its type and members; a rule id: its title, severity, source and
//! rationale; a keyword: its line of the language reference.

use super::index::SymbolKind;
use super::{Analysis, word_around};
use crate::escape::markdown;
use crate::model::Nature;
use crate::reference::{Reference, epci_kind_label};
use crate::span::Span;
use crate::syntax::Keyword;
use crate::syntax::ast::{Code, Item, MembreAttr};

/// A hover: Markdown text, and the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// Markdown.
    pub markdown: String,
    /// The word it describes.
    pub span: Span,
}

/// The hover at byte `offset`, if the word there means something.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    if !analysis
        .source
        .is_char_boundary(offset.min(analysis.source.len()))
    {
        return None;
    }
    let word = word_around(&analysis.source, offset);
    if word.is_empty() {
        return None;
    }
    let markdown = code_hover(analysis, word)
        .or_else(|| id_hover(analysis, word))
        .or_else(|| rule_hover(analysis, word))
        .or_else(|| keyword_hover(analysis, word))?;
    Some(Hover {
        markdown,
        span: word,
    })
}

/// The kind of code at `span`, from where it is written.
enum CodeOf {
    Departement,
    Region,
    Epci,
    Commune,
}

fn code_at(analysis: &Analysis, span: Span) -> Option<(&Code, CodeOf)> {
    let hit = |c: &Code| c.span == span;
    for item in &analysis.file.items {
        match item {
            Item::Territoire(t) => {
                if let Some(c) = t.codes.iter().find(|c| hit(c)) {
                    return Some((c, CodeOf::Departement));
                }
            }
            Item::Crsn(c) if hit(&c.region) => return Some((&c.region, CodeOf::Region)),
            Item::Membre(m) => {
                if let Some(c) = m.code.as_ref().filter(|c| hit(c)) {
                    let kind = match Nature::parse(&m.nature.name)? {
                        Nature::Region => CodeOf::Region,
                        Nature::Departement => CodeOf::Departement,
                        Nature::Epci => CodeOf::Epci,
                        Nature::Commune => CodeOf::Commune,
                        _ => return None,
                    };
                    return Some((c, kind));
                }
                for attr in &m.attrs {
                    if let MembreAttr::Region(a) = attr
                        && hit(&a.value)
                    {
                        return Some((&a.value, CodeOf::Region));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) use crate::model::grouped;

fn code_hover(analysis: &Analysis, span: Span) -> Option<String> {
    let (code, kind) = code_at(analysis, span)?;
    let reference = Reference::get();
    let value = code.value.as_str();
    Some(match kind {
        CodeOf::Departement => match reference.departement(value) {
            Some(d) => format!(
                "**{}** — département `{}`\n\nRégion : {}\n\nPopulation : {} habitants",
                markdown(d.nom),
                d.code,
                reference
                    .region(d.region)
                    .map_or(d.region.to_owned(), |r| markdown(&r.nom)),
                grouped(d.population)
            ),
            None => format!("le département `{}` n'existe pas", markdown(value)),
        },
        CodeOf::Region => match reference.region(value) {
            Some(r) => {
                let population: u64 = reference
                    .departements_of_region(&r.code)
                    .iter()
                    .map(|d| d.population)
                    .sum();
                format!(
                    "**{}** — région `{}`\n\nPopulation : {} habitants",
                    markdown(&r.nom),
                    r.code,
                    grouped(population)
                )
            }
            None => format!("la région `{}` n'existe pas", markdown(value)),
        },
        CodeOf::Epci => match reference.epci(value) {
            Some(e) => format!(
                "**{}** — {}, SIREN `{}`\n\n{} communes, {} habitants",
                markdown(e.nom),
                epci_kind_label(e.kind),
                e.siren,
                e.communes.len(),
                grouped(e.population)
            ),
            None => format!("aucun EPCI n'a le SIREN `{}`", markdown(value)),
        },
        CodeOf::Commune => match reference.commune(value) {
            Some(c) => {
                let epci = c
                    .epci
                    .and_then(|s| reference.epci(s))
                    .map_or(String::new(), |e| format!("\n\nEPCI : {}", markdown(e.nom)));
                format!(
                    "**{}** — commune, code INSEE `{}`\n\nPopulation : {} habitants{epci}",
                    markdown(c.nom),
                    c.insee,
                    grouped(c.population)
                )
            }
            None => format!("aucune commune n'a le code INSEE `{}`", markdown(value)),
        },
    })
}

fn id_hover(analysis: &Analysis, span: Span) -> Option<String> {
    let name = analysis.text(span);
    let occurrence = analysis.occurrences.iter().find(|o| o.span == span)?;
    let kind = analysis
        .occurrences
        .iter()
        .find(|o| o.name == occurrence.name && o.declares.is_some())
        .and_then(|o| o.declares);
    let g = analysis.report.gouvernance.as_ref();
    match kind {
        Some(SymbolKind::Membre) => {
            let Some(m) = g.and_then(|g| g.membre(name)) else {
                return Some(format!("`{}` : un membre", markdown(name)));
            };
            let g = g.expect("the member comes from it");
            let mut out = format!("**{}** — membre `{}`, {}", markdown(&m.nom), m.id, m.nature);
            if let Some(code) = &m.code {
                out.push_str(&format!(" `{code}`"));
            }
            if let Some(p) = m.population {
                out.push_str(&format!("\n\nPopulation : {} habitants", grouped(p)));
            }
            let roles: Vec<&str> = m.roles.iter().map(|r| r.as_str()).collect();
            out.push_str(&format!("\n\nRôles : {}", roles.join(", ")));
            let comites: Vec<String> = g
                .comites
                .iter()
                .filter(|c| c.membres.contains(&m.id) || c.presidence.contains(&m.id))
                .map(|c| {
                    let chair = if c.presidence.contains(&m.id) {
                        " (présidence)"
                    } else {
                        ""
                    };
                    format!("`{}`{chair}", c.id)
                })
                .collect();
            out.push_str(&format!(
                "\n\nComités : {}",
                if comites.is_empty() {
                    "aucun".to_string()
                } else {
                    comites.join(", ")
                }
            ));
            Some(out)
        }
        Some(SymbolKind::Comite) => {
            let Some(c) = g.and_then(|g| g.comite(name)) else {
                return Some(format!("`{}` : un comité", markdown(name)));
            };
            let mut out = format!("**{}** — comité `{}`, {}", markdown(&c.nom), c.id, c.kind);
            if let Some(f) = c.frequence {
                out.push_str(&format!(", réunion {f}"));
            }
            out.push_str(&format!(
                "\n\n{} membres ; présidence : {}",
                c.membres.len(),
                if c.presidence.is_empty() {
                    "aucune".to_string()
                } else {
                    c.presidence.join(", ")
                }
            ));
            if let Some(r) = &c.rend_compte {
                out.push_str(&format!("\n\nRend compte à `{r}`"));
            }
            Some(out)
        }
        Some(kind) => Some(format!("`{}` : {}", markdown(name), kind.article())),
        None => Some(format!("`{}` n'est pas déclaré", markdown(name))),
    }
}

fn rule_hover(analysis: &Analysis, span: Span) -> Option<String> {
    let id = analysis.text(span);
    let on_derogation = analysis
        .file
        .items
        .iter()
        .any(|item| matches!(item, Item::Derogation(d) if d.rule.span == span));
    if !on_derogation {
        return None;
    }
    let Some(r) = analysis.rule(id) else {
        return Some(format!("la règle `{}` n'existe pas", markdown(id)));
    };
    Some(format!(
        "**{}** — {}\n\nSévérité : {}{}\n\nSource : {}\n\n{}",
        r.id,
        markdown(&r.title),
        r.severity.libelle(),
        if r.derogeable {
            ""
        } else {
            " (aucune dérogation possible)"
        },
        markdown(&r.source),
        markdown(&r.rationale)
    ))
}

fn keyword_hover(analysis: &Analysis, span: Span) -> Option<String> {
    let k = Keyword::parse(analysis.text(span))?;
    Some(format!("`{k}` — {}", k.reference()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, isere, rules};

    fn on(src: &str) -> String {
        let (analysis, offset) = at(src);
        hover(&analysis, offset)
            .unwrap_or_else(|| panic!("no hover at {offset}"))
            .markdown
    }

    /// The hover on the first `needle` of the Isère example.
    fn on_isere(needle: &str) -> String {
        let src = isere();
        let offset = src.find(needle).expect("in the example") + 1;
        let analysis = Analysis::new(&src, rules());
        hover(&analysis, offset).expect("a hover").markdown
    }

    #[test]
    fn codes_show_their_official_names() {
        let epci = on_isere("200040715");
        assert!(epci.contains("Grenoble-Alpes-Métropole"), "{epci}");
        assert!(epci.contains("49 communes"), "{epci}");
        let territoire = on("territoire 3|8\n");
        assert!(
            territoire.contains("**Isère** — département `38`"),
            "{territoire}"
        );
        assert!(territoire.contains("Auvergne-Rhône-Alpes"), "{territoire}");
        let commune = on("territoire 38\nmembre g commune 38|185\n");
        assert!(commune.contains("**Grenoble** — commune"), "{commune}");
    }

    #[test]
    fn members_show_nature_roles_and_comites() {
        let src = isere();
        let start = src.find("pilote       cd38").expect("a pilote") + "pilote       ".len();
        let analysis = Analysis::new(&src, rules());
        let text = hover(&analysis, start + 1).expect("a hover").markdown;
        assert!(text.contains("Rôles : "), "{text}");
        assert!(text.contains("coporteur"), "{text}");
        assert!(text.contains("Comités : `"), "{text}");
    }

    #[test]
    fn rules_and_keywords_explain_themselves() {
        let rule = on("derogation FNE-|COM-05 \"motif\"\n");
        assert!(rule.starts_with("**FNE-COM-05** — "), "{rule}");
        assert!(rule.contains("Source : "), "{rule}");
        let keyword = on("comite c technique \"C\" { freq|uence annuelle }\n");
        assert!(
            keyword.starts_with("`frequence` — la fréquence des réunions"),
            "{keyword}"
        );
    }
}

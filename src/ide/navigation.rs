//! Navigation: definition, references and rename of an id (identifiers
//! share one namespace), the outline of a file and its folding ranges.

use super::index::{Occurrence, SymbolKind};
use super::{Analysis, word_around};
use crate::span::Span;
use crate::syntax::ast::{FeuilleAttr, Item};

/// The identifier written at `offset`.
fn occurrence_at(analysis: &Analysis, offset: usize) -> Option<&Occurrence> {
    let word = word_around(&analysis.source, offset);
    analysis.occurrences.iter().find(|o| o.span == word)
}

/// Where the id at `offset` is declared.
pub fn definition(analysis: &Analysis, offset: usize) -> Option<Span> {
    let name = &occurrence_at(analysis, offset)?.name;
    analysis
        .occurrences
        .iter()
        .find(|o| &o.name == name && o.declares.is_some())
        .map(|o| o.span)
}

/// Every place the id at `offset` is written, its declaration included
/// when `declaration` is true.
pub fn references(analysis: &Analysis, offset: usize, declaration: bool) -> Vec<Span> {
    let Some(name) = occurrence_at(analysis, offset).map(|o| &o.name) else {
        return Vec::new();
    };
    analysis
        .occurrences
        .iter()
        .filter(|o| &o.name == name && (declaration || o.declares.is_none()))
        .map(|o| o.span)
        .collect()
}

/// The edits that rename the id at `offset` to `new_name` everywhere, or
/// why not (in French).
pub fn rename(
    analysis: &Analysis,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(Span, String)>, String> {
    let Some(occurrence) = occurrence_at(analysis, offset) else {
        return Err(
            "seul un identifiant (membre, comité, instance, feuille de route) se renomme".into(),
        );
    };
    let mut chars = new_name.chars();
    let valid = chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(format!(
            "`{new_name}` n'est pas un identifiant : une lettre, puis des lettres, chiffres ou `_`"
        ));
    }
    if new_name != occurrence.name
        && analysis
            .occurrences
            .iter()
            .any(|o| o.name == new_name && o.declares.is_some())
    {
        return Err(format!("`{new_name}` est déjà déclaré"));
    }
    Ok(references(analysis, offset, true)
        .into_iter()
        .map(|span| (span, new_name.to_string()))
        .collect())
}

/// An entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSymbol {
    /// Its name (an id, or the declaration's keyword).
    pub name: String,
    /// A short description (a nature, a comité's name).
    pub detail: Option<String>,
    /// What it is.
    pub kind: Option<SymbolKind>,
    /// The whole declaration.
    pub span: Span,
    /// Its name's span.
    pub selection: Span,
    /// Nested entries (a roadmap's actions).
    pub children: Vec<DocumentSymbol>,
}

/// The outline: members, pilotage, comités, existing bodies, roadmaps and
/// their actions, needs, derogations.
pub fn document_symbols(analysis: &Analysis) -> Vec<DocumentSymbol> {
    let entry = |name: &str, detail: Option<String>, kind, span, selection| DocumentSymbol {
        name: name.to_string(),
        detail,
        kind,
        span,
        selection,
        children: Vec::new(),
    };
    let mut out = Vec::new();
    for item in &analysis.file.items {
        let span = item.span();
        let keyword = Span::new(span.start, span.start);
        out.push(match item {
            Item::Territoire(t) => entry(
                "territoire",
                Some(
                    t.codes
                        .iter()
                        .map(|c| c.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                None,
                span,
                keyword,
            ),
            Item::Periode(p) => entry(
                "periode",
                Some(format!("{}..{}", p.range.start, p.range.end)),
                None,
                span,
                keyword,
            ),
            Item::Membre(m) => entry(
                &m.id.name,
                Some(match &m.libelle {
                    Some(l) => format!("{} — {}", m.nature.name, l.value),
                    None => m.nature.name.clone(),
                }),
                Some(SymbolKind::Membre),
                span,
                m.id.span,
            ),
            Item::Pilotage(_) => entry("pilotage", None, None, span, keyword),
            Item::Comite(c) => entry(
                &c.id.name,
                Some(c.nom.value.clone()),
                Some(SymbolKind::Comite),
                span,
                c.id.span,
            ),
            Item::Existant(e) => entry(
                &e.id.name,
                Some(e.nom.value.clone()),
                Some(SymbolKind::Existant),
                span,
                e.id.span,
            ),
            Item::SansChevauchement(_) => entry("sans_chevauchement", None, None, span, keyword),
            Item::Crsn(c) => entry("crsn", Some(c.region.value.clone()), None, span, keyword),
            Item::FeuilleDeRoute(f) => {
                let mut e = entry(
                    &f.id.name,
                    Some(f.nom.value.clone()),
                    Some(SymbolKind::FeuilleDeRoute),
                    span,
                    f.id.span,
                );
                e.children = f
                    .attrs
                    .iter()
                    .filter_map(|a| match a {
                        FeuilleAttr::Action(a) => {
                            Some(entry(&a.nom.value, None, None, a.span, a.nom.span))
                        }
                        _ => None,
                    })
                    .collect();
                e
            }
            Item::Besoins(_) => entry("besoins", None, None, span, keyword),
            Item::Derogation(d) => entry(
                "derogation",
                Some(d.rule.value.clone()),
                None,
                span,
                d.rule.span,
            ),
        });
    }
    out
}

/// A foldable range of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Folding {
    /// First line (0-based).
    pub start_line: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// True for a block of comments.
    pub comment: bool,
}

/// The blocks over several lines (declarations, actions, grants) and the
/// runs of comment lines.
pub fn folding_ranges(analysis: &Analysis) -> Vec<Folding> {
    let src = &analysis.source;
    let line = |offset: usize| analysis.lines.position(src, offset).line;
    let mut spans: Vec<Span> = Vec::new();
    for item in &analysis.file.items {
        spans.push(item.span());
        if let Item::FeuilleDeRoute(f) = item {
            for attr in &f.attrs {
                if let FeuilleAttr::Action(a) = attr {
                    spans.push(a.span);
                    for attr in &a.attrs {
                        if let crate::syntax::ast::ActionAttr::Subvention(s) = attr {
                            spans.push(s.span);
                        }
                    }
                }
            }
        }
    }
    let mut out: Vec<Folding> = spans
        .into_iter()
        .filter_map(|s| {
            let (a, b) = (line(s.start), line(s.end.saturating_sub(1).max(s.start)));
            (b > a).then_some(Folding {
                start_line: a,
                end_line: b,
                comment: false,
            })
        })
        .collect();
    // Runs of whole-line comments.
    let mut run: Option<(u32, u32)> = None;
    for c in &analysis.file.comments {
        let l = line(c.span.start);
        let line_start = src[..c.span.start].rfind('\n').map_or(0, |i| i + 1);
        if !src[line_start..c.span.start].trim().is_empty() {
            continue;
        }
        run = match run {
            Some((a, b)) if b + 1 == l => Some((a, l)),
            Some((a, b)) => {
                if b > a {
                    out.push(Folding {
                        start_line: a,
                        end_line: b,
                        comment: true,
                    });
                }
                Some((l, l))
            }
            None => Some((l, l)),
        };
    }
    if let Some((a, b)) = run
        && b > a
    {
        out.push(Folding {
            start_line: a,
            end_line: b,
            comment: true,
        });
    }
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, isere, rules};

    #[test]
    fn definition_and_references_of_a_member() {
        let (analysis, offset) = at(
            "membre cd38 departement 38\ncomite c technique \"C\" { membres c|d38 presidence cd38 }\n",
        );
        let def = definition(&analysis, offset).expect("declared");
        assert_eq!(analysis.text(def), "cd38");
        assert_eq!(def.start, 7);
        assert_eq!(references(&analysis, offset, true).len(), 3);
        assert_eq!(references(&analysis, offset, false).len(), 2);
    }

    #[test]
    fn rename_everywhere_or_refuse() {
        let (analysis, offset) = at("membre |a caf \"A\"\npilotage { pilote a }\n");
        let edits = rename(&analysis, offset, "caf38").expect("renames");
        assert_eq!(edits.len(), 2);
        assert!(rename(&analysis, offset, "38x").is_err());
        let (analysis, offset) = at("membre |a caf \"A\"\nmembre b caf \"B\"\n");
        assert_eq!(
            rename(&analysis, offset, "b"),
            Err("`b` est déjà déclaré".to_string())
        );
    }

    #[test]
    fn the_outline_and_folds_of_isere() {
        let src = isere();
        let analysis = Analysis::new(&src, rules());
        let symbols = document_symbols(&analysis);
        assert!(
            symbols
                .iter()
                .any(|s| s.name == "copil" && s.kind == Some(SymbolKind::Comite))
        );
        let fdr = symbols
            .iter()
            .find(|s| s.kind == Some(SymbolKind::FeuilleDeRoute))
            .expect("a roadmap");
        assert!(!fdr.children.is_empty());
        let folds = folding_ranges(&analysis);
        assert!(folds.iter().filter(|f| !f.comment).count() >= 5);
        let (analysis, _) = at("# a\n# b\n|membre x caf \"X\" {\n  tags a\n}\n");
        assert_eq!(
            folding_ranges(&analysis),
            [
                Folding {
                    start_line: 0,
                    end_line: 1,
                    comment: true
                },
                Folding {
                    start_line: 2,
                    end_line: 4,
                    comment: false
                }
            ]
        );
    }

    #[test]
    fn works_in_a_broken_file() {
        let (analysis, offset) =
            at("membre a caf \"A\"\ncomite c technique {\npilotage { pilote |a }\n");
        assert_eq!(references(&analysis, offset, true).len(), 2);
    }
}

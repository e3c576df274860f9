//! Every identifier of a file, declared or referenced, read from the
//! syntax tree: what definition, references, rename and hover look up.
//! Identifiers share one namespace (an id is declared once, whatever its
//! kind), so a reference is found by name.

use crate::span::Span;
use crate::syntax::ast::{
    ActionAttr, BodyAttr, FeuilleAttr, File, Ident, Item, PilotageAttr, SubventionAttr,
};

/// What an identifier names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SymbolKind {
    /// A `membre`.
    Membre,
    /// A `comite`.
    Comite,
    /// An `existant`.
    Existant,
    /// A `feuille_de_route`.
    FeuilleDeRoute,
}

impl SymbolKind {
    /// The French noun, with its article: « un membre ».
    pub fn article(self) -> &'static str {
        match self {
            SymbolKind::Membre => "un membre",
            SymbolKind::Comite => "un comité",
            SymbolKind::Existant => "une instance existante",
            SymbolKind::FeuilleDeRoute => "une feuille de route",
        }
    }
}

/// One identifier written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
    /// What it declares, for a declaration; `None` for a reference.
    pub declares: Option<SymbolKind>,
}

/// Every identifier of `file`, declarations and references, in source order.
pub(super) fn occurrences(file: &File, src: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let decl = |out: &mut Vec<Occurrence>, id: &Ident, kind: SymbolKind| {
        out.push(Occurrence {
            name: id.name.clone(),
            span: id.span,
            declares: Some(kind),
        });
    };
    let refs = |out: &mut Vec<Occurrence>, ids: &[Ident]| {
        out.extend(ids.iter().map(|id| Occurrence {
            name: id.name.clone(),
            span: id.span,
            declares: None,
        }));
    };
    for item in &file.items {
        match item {
            Item::Membre(m) => decl(&mut out, &m.id, SymbolKind::Membre),
            Item::Pilotage(p) => {
                for attr in &p.attrs {
                    match attr {
                        PilotageAttr::Prefet(a) | PilotageAttr::Pilote(a) => {
                            refs(&mut out, std::slice::from_ref(&a.value))
                        }
                        PilotageAttr::Copilotes(a) | PilotageAttr::Coordination(a) => {
                            refs(&mut out, &a.value)
                        }
                        PilotageAttr::Referent(_) => {}
                    }
                }
            }
            Item::Comite(c) => {
                decl(&mut out, &c.id, SymbolKind::Comite);
                body_refs(&mut out, &c.attrs, &refs);
            }
            Item::Existant(e) => {
                decl(&mut out, &e.id, SymbolKind::Existant);
                body_refs(&mut out, &e.attrs, &refs);
            }
            Item::SansChevauchement(s) => refs(&mut out, &s.ids),
            Item::Crsn(c) => {
                for m in &c.membres {
                    refs(&mut out, &m.value);
                }
            }
            Item::FeuilleDeRoute(f) => {
                decl(&mut out, &f.id, SymbolKind::FeuilleDeRoute);
                for attr in &f.attrs {
                    match attr {
                        FeuilleAttr::Porteur(a) => refs(&mut out, std::slice::from_ref(&a.value)),
                        FeuilleAttr::Perimetre(a) => refs(&mut out, perimetre_ids(&a.value)),
                        FeuilleAttr::Action(action) => {
                            for attr in &action.attrs {
                                match attr {
                                    ActionAttr::Porteurs(a) => refs(&mut out, &a.value),
                                    ActionAttr::Financement(a) => {
                                        refs(&mut out, std::slice::from_ref(&a.value.0))
                                    }
                                    ActionAttr::Subvention(s) => {
                                        for attr in &s.attrs {
                                            if let SubventionAttr::Beneficiaire(a) = attr {
                                                refs(&mut out, std::slice::from_ref(&a.value.0));
                                            }
                                        }
                                    }
                                    ActionAttr::Besoins(_)
                                    | ActionAttr::Annees(_)
                                    | ActionAttr::Budget(_) => {}
                                }
                            }
                        }
                        FeuilleAttr::Contrat(_) | FeuilleAttr::Diagnostic(_) => {}
                    }
                }
            }
            Item::Territoire(_) | Item::Periode(_) | Item::Besoins(_) | Item::Derogation(_) => {}
        }
    }
    // A declaration skipped after a syntax error still declares its name.
    for skipped in &file.skipped {
        if let Some(id) = &skipped.declares {
            let text = src.get(skipped.span.start..).unwrap_or_default();
            let kind = match crate::syntax::keyword::word_at(text.trim_start()) {
                "comite" => SymbolKind::Comite,
                "existant" => SymbolKind::Existant,
                "feuille_de_route" => SymbolKind::FeuilleDeRoute,
                _ => SymbolKind::Membre,
            };
            decl(&mut out, id, kind);
        }
    }
    out.sort_by_key(|o| (o.span.start, o.span.end));
    out
}

fn body_refs(
    out: &mut Vec<Occurrence>,
    attrs: &[BodyAttr],
    refs: &impl Fn(&mut Vec<Occurrence>, &[Ident]),
) {
    for attr in attrs {
        match attr {
            BodyAttr::Presidence(a) | BodyAttr::Membres(a) => refs(out, &a.value),
            BodyAttr::Perimetre(a) => refs(out, perimetre_ids(&a.value)),
            BodyAttr::RendCompte(a) | BodyAttr::Adosse(a) => {
                refs(out, std::slice::from_ref(&a.value))
            }
            BodyAttr::Frequence(_) | BodyAttr::Mission(_) | BodyAttr::ProchaineReunion(_) => {}
        }
    }
}

/// The ids of a `perimetre`: none for `perimetre departement` or `region`.
fn perimetre_ids(ids: &[Ident]) -> &[Ident] {
    match ids {
        [one] if one.name == "departement" || one.name == "region" => &[],
        _ => ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn declarations_and_references_in_source_order() {
        let src = "membre a caf \"A\"\ncomite c technique \"C\" { membres a rend_compte c }\nfeuille_de_route f \"F\" { porteur a perimetre departement action \"x\" { financement a 1 € } }\nsans_chevauchement c, f\n";
        let occ = occurrences(&parse(src).file, src);
        let names: Vec<(&str, bool)> = occ
            .iter()
            .map(|o| (o.name.as_str(), o.declares.is_some()))
            .collect();
        assert_eq!(
            names,
            [
                ("a", true),
                ("c", true),
                ("a", false),
                ("c", false),
                ("f", true),
                ("a", false),
                ("a", false),
                ("c", false),
                ("f", false)
            ]
        );
        assert!(occ.iter().all(|o| src[o.span.start..o.span.end] == o.name));
    }
}

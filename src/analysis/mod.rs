//! Stage 3, analyses (DESIGN §5): computed once per compiled file and
//! exposed to the rules as facts — the governance graph, duplicates
//! (`doublons`), overlaps (`chevauchements`) and coverage (`couverture`).
//!
//! - `graph`: petgraph over members, bodies, roadmaps, pilotage and CRSN.
//! - `doublons`: bodies whose perimeters intersect (a whole-territory
//!   perimeter intersects every other) and whose members and chairs have a
//!   Jaccard similarity ≥ `seuil_doublon`; pairs where one body is `adosse`
//!   to the other are listed with `adosse: true` (the rule exempts them).
//! - `chevauchements`: pairs whose perimeters share EPCI or communes; an
//!   EPCI listed covers its communes.
//! - `couverture`: EPCI of the territory represented in a comité (as a
//!   member, chair, or through one of its communes) or in an explicit
//!   perimeter.
//!
//! Pairs are found through indexes (member → bodies, EPCI → perimeters),
//! never by comparing all pairs, so that a national run stays fast.

mod chevauchements;
mod couverture;
mod doublons;
mod graph;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Gouvernance, Nature, Perimetre, PerimetreKind};
use crate::reference::Reference;
use crate::span::Span;

/// Everything the analyses find in one governance.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Analyses {
    /// What the governance graph yields.
    pub graphe: Graphe,
    /// Pairs of bodies that duplicate each other.
    pub doublons: Vec<Doublon>,
    /// Pairs of bodies or roadmaps whose perimeters share EPCI or communes.
    pub chevauchements: Vec<Chevauchement>,
    /// How much of the territoire is represented.
    pub couverture: Couverture,
}

/// What the governance graph yields.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Graphe {
    /// Non-strategic comités that reach no strategic comité through
    /// `rend_compte`, in declaration order.
    pub non_rattaches: Vec<String>,
    /// Members used nowhere, in declaration order.
    pub inutilises: Vec<String>,
    /// The level of each comité in the org chart: 0 for a strategic comité,
    /// one more than its parent for a comité that reports; absent when it
    /// reaches no strategic comité.
    pub niveaux: BTreeMap<String, u32>,
}

/// Two bodies whose memberships are close enough to duplicate each other.
#[derive(Clone, Debug, Serialize)]
pub struct Doublon {
    /// The first body's id (declared first).
    pub a: String,
    /// The second body's id.
    pub b: String,
    /// The first body's name.
    pub a_nom: String,
    /// The second body's name.
    pub b_nom: String,
    /// Jaccard similarity of members and chairs, 0 to 1.
    pub similarite: f64,
    /// The similarity in percent, rounded.
    pub pourcentage: u32,
    /// The shared members' ids, in declaration order.
    pub communs: Vec<String>,
    /// The shared members' names.
    pub communs_noms: Vec<String>,
    /// True when one body is `adosse` to the other.
    pub adosse: bool,
    /// Where to point: the second body's declaration.
    pub span: Span,
}

/// Two bodies or roadmaps whose perimeters share EPCI or communes.
#[derive(Clone, Debug, Serialize)]
pub struct Chevauchement {
    /// The first id (declared first).
    pub a: String,
    /// The second id.
    pub b: String,
    /// The first one's name.
    pub a_nom: String,
    /// The second one's name.
    pub b_nom: String,
    /// `comite`, `existant` or `feuille`.
    pub a_genre: &'static str,
    /// `comite`, `existant` or `feuille`.
    pub b_genre: &'static str,
    /// SIREN of the shared EPCI.
    pub epci: Vec<String>,
    /// Names of the shared EPCI.
    pub epci_noms: Vec<String>,
    /// INSEE codes of the shared communes.
    pub communes: Vec<String>,
    /// Names of the shared communes.
    pub communes_noms: Vec<String>,
    /// True when a `sans_chevauchement` names both.
    pub contraint: bool,
    /// True when both are infra-départementale roadmaps.
    pub feuilles_infra: bool,
    /// Where to point: the constraint when `contraint`, else the second
    /// one's perimeter line (or declaration).
    pub span: Span,
}

/// How much of the territoire's EPCI are represented.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Couverture {
    /// EPCI of the territoire.
    pub epci_total: usize,
    /// EPCI represented.
    pub epci_couverts: usize,
    /// `epci_couverts / epci_total` (1 when there is no EPCI).
    pub part_epci: f64,
    /// `part_epci` in percent, rounded down (so that 79.9 % is not shown as 80 %).
    pub pourcentage_epci: u32,
    /// Population of the territoire's EPCI.
    pub population_totale: u64,
    /// Population of the represented EPCI.
    pub population_couverte: u64,
    /// `population_couverte / population_totale` (1 when 0).
    pub part_population: f64,
    /// `part_population` in percent, rounded down.
    pub pourcentage_population: u32,
    /// SIREN of the EPCI left out, in SIREN order.
    pub manquants: Vec<String>,
    /// Names of the EPCI left out.
    pub manquants_noms: Vec<String>,
}

/// Runs every analysis. `seuil_doublon` is the Jaccard similarity from
/// which two bodies duplicate each other.
pub fn analyse(g: &Gouvernance, seuil_doublon: f64) -> Analyses {
    let perimetres = Perimetres::new(g);
    Analyses {
        graphe: graph::graphe(g),
        doublons: doublons::doublons(g, &perimetres, seuil_doublon),
        chevauchements: chevauchements::chevauchements(g, &perimetres),
        couverture: couverture::couverture(g),
    }
}

/// A body or roadmap that has a perimeter.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Holder<'g> {
    pub id: &'g str,
    pub nom: &'g str,
    pub genre: &'static str,
    pub perimetre: &'g Perimetre,
    pub span: Span,
    pub infra: bool,
}

/// What a perimeter covers: EPCI wholly (listed, or the whole territory),
/// and communes listed one by one.
#[derive(Clone, Debug, Default)]
pub(crate) struct Couvert {
    pub epci: BTreeSet<String>,
    pub communes: BTreeSet<String>,
}

/// The perimeters of every comité, existing body and roadmap, in
/// declaration order.
pub(crate) struct Perimetres<'g> {
    pub holders: Vec<Holder<'g>>,
    pub couverts: Vec<Couvert>,
}

impl<'g> Perimetres<'g> {
    fn new(g: &'g Gouvernance) -> Perimetres<'g> {
        let mut holders: Vec<Holder<'g>> = Vec::new();
        for c in &g.comites {
            holders.push(Holder {
                id: &c.id,
                nom: &c.nom,
                genre: "comite",
                perimetre: &c.perimetre,
                span: c.span,
                infra: false,
            });
        }
        for e in &g.existants {
            holders.push(Holder {
                id: &e.id,
                nom: &e.nom,
                genre: "existant",
                perimetre: &e.perimetre,
                span: e.span,
                infra: false,
            });
        }
        for f in &g.feuilles {
            holders.push(Holder {
                id: &f.id,
                nom: &f.nom,
                genre: "feuille",
                perimetre: &f.perimetre,
                span: f.span,
                infra: f.niveau == "infra_departementale",
            });
        }
        holders.sort_by_key(|h| h.span.start);
        let couverts = holders.iter().map(|h| couvert(g, h.perimetre)).collect();
        Perimetres { holders, couverts }
    }

    /// The index of the holder `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.holders.iter().position(|h| h.id == id)
    }

    /// What perimeters `i` and `j` share: EPCI covered wholly by both, and
    /// communes in one that the other covers (listed, or through their EPCI).
    pub fn partage(&self, i: usize, j: usize) -> (Vec<String>, Vec<String>) {
        let (a, b) = (&self.couverts[i], &self.couverts[j]);
        let epci: Vec<String> = a.epci.intersection(&b.epci).cloned().collect();
        let reference = Reference::get();
        let epci_of = |code: &str| reference.commune(code).and_then(|c| c.epci);
        let mut communes: BTreeSet<String> =
            a.communes.intersection(&b.communes).cloned().collect();
        for (x, y) in [(a, b), (b, a)] {
            for c in &x.communes {
                if epci_of(c).is_some_and(|e| y.epci.contains(e)) {
                    communes.insert(c.clone());
                }
            }
        }
        (epci, communes.into_iter().collect())
    }
}

fn couvert(g: &Gouvernance, p: &Perimetre) -> Couvert {
    match p.kind {
        PerimetreKind::Membres => {
            let mut out = Couvert::default();
            for id in &p.membres {
                let Some(m) = g.membre(id) else { continue };
                let Some(code) = &m.code else { continue };
                match m.nature {
                    Nature::Epci => {
                        out.epci.insert(code.clone());
                    }
                    Nature::Commune => {
                        out.communes.insert(code.clone());
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Couvert {
            epci: p.epci.iter().cloned().collect(),
            communes: BTreeSet::new(),
        },
    }
}

/// The names of EPCI, from the reference data.
pub(crate) fn noms_epci(sirens: &[String]) -> Vec<String> {
    let reference = Reference::get();
    sirens
        .iter()
        .map(|s| {
            reference
                .epci(s)
                .map_or_else(|| s.clone(), |e| e.nom.to_string())
        })
        .collect()
}

/// The names of communes, from the reference data.
pub(crate) fn noms_communes(codes: &[String]) -> Vec<String> {
    let reference = Reference::get();
    codes
        .iter()
        .map(|c| {
            reference
                .commune(c)
                .map_or_else(|| c.clone(), |x| x.nom.to_string())
        })
        .collect()
}

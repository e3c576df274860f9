//! Stage 3, analyses (DESIGN §5): computed once per compiled file and
//! exposed to the rules as facts — the governance graph, duplicates
//! (`doublons`), overlaps (`chevauchements`) and coverage (`couverture`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Gouvernance;
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
    /// Cycles of `rend_compte`, each as comité ids in order.
    pub cycles: Vec<Vec<String>>,
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
    /// Population of the territoire's EPCI.
    pub population_totale: u64,
    /// Population of the represented EPCI.
    pub population_couverte: u64,
    /// `population_couverte / population_totale` (1 when 0).
    pub part_population: f64,
    /// SIREN of the EPCI left out, in SIREN order.
    pub manquants: Vec<String>,
    /// Names of the EPCI left out.
    pub manquants_noms: Vec<String>,
}

/// Runs every analysis. `seuil_doublon` is the Jaccard similarity from
/// which two bodies duplicate each other.
pub fn analyse(g: &Gouvernance, seuil_doublon: f64) -> Analyses {
    let _ = (g, seuil_doublon);
    Analyses::default()
}

//! What an alternative arrangement changes (`copil diff A B`): two checked
//! files in, a [`Diff`] out, rendered for a terminal ([`human`]), as the
//! Markdown page a Hub attaches to its proposal ([`markdown`]) or as JSON
//! (serde; schema in `docs/diff.md`). Pure: no I/O, so that the web editor
//! and the language server can call it.
//!
//! Identity ([`identity`]): by id, and by content where an id was renamed;
//! a comité that disappears is merged into the one that holds most of its
//! members. Every change is given with the names of whom it concerns.

mod compare;
pub mod human;
mod identity;
pub mod markdown;
mod values;

use serde::Serialize;

use crate::analysis::Analyses;
use crate::check::FileReport;
use crate::diagnostic::Diagnostic;
use crate::model::Gouvernance;

pub use identity::{SEUIL_FUSION, SEUIL_RENOMMAGE};

/// The version of the JSON form of a [`Diff`].
pub const VERSION: u32 = 1;

/// One compiled file, as [`diff`] reads it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The path as shown.
    pub path: &'a str,
    /// Its governance.
    pub gouvernance: &'a Gouvernance,
    /// Its analyses.
    pub analyses: &'a Analyses,
    /// Its diagnostics (compiler warnings and rules).
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> Side<'a> {
    /// The side of a checked file, when it compiled.
    pub fn of(report: &'a FileReport) -> Option<Side<'a>> {
        Some(Side {
            path: &report.path,
            gouvernance: report.gouvernance.as_ref()?,
            analyses: report.analyses.as_ref()?,
            diagnostics: &report.diagnostics,
        })
    }
}

/// Everything B changes from A.
#[derive(Debug, Serialize)]
pub struct Diff {
    /// [`VERSION`].
    pub version: u32,
    /// The file compared against.
    pub a: Fichier,
    /// The alternative.
    pub b: Fichier,
    /// The figures side by side.
    pub chiffres: Vec<Chiffre>,
    /// Members.
    pub membres: Ensemble,
    /// The pilotage's changes.
    pub pilotage: Vec<Changement>,
    /// Comités, with merges.
    pub comites: Comites,
    /// Existing bodies.
    pub existants: Ensemble,
    /// `sans_chevauchement` constraints added and removed.
    pub sans_chevauchement: Contraintes,
    /// The CRSN's changes.
    pub crsn: Vec<Changement>,
    /// Roadmaps and their actions.
    pub feuilles: Feuilles,
    /// Needs in engineering.
    pub besoins: Ensemble,
    /// Derogations.
    pub derogations: Ensemble,
    /// The diagnostics B fixes and those it introduces.
    pub diagnostics: Diagnostics,
}

impl Diff {
    /// True when B changes nothing but positions and comments.
    pub fn est_vide(&self) -> bool {
        self.membres.est_vide()
            && self.pilotage.is_empty()
            && self.comites.est_vide()
            && self.existants.est_vide()
            && self.sans_chevauchement.ajoutees.is_empty()
            && self.sans_chevauchement.retirees.is_empty()
            && self.crsn.is_empty()
            && self.feuilles.est_vide()
            && self.besoins.est_vide()
            && self.derogations.est_vide()
    }
}

/// One of the two files.
#[derive(Debug, Serialize)]
pub struct Fichier {
    /// Its path as shown.
    pub chemin: String,
    /// Its territory's codes.
    pub territoire: Vec<String>,
    /// Its territory's name.
    pub nom: String,
}

/// Something named: an id and its name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ref {
    /// The id in the file (for an action, its name; for a need, its value).
    pub id: String,
    /// The name shown to a reader.
    pub nom: String,
}

/// A figure of both files.
#[derive(Debug, Serialize)]
pub struct Chiffre {
    /// A stable key (`instances`, `doublons`, `couverture_epci`…).
    pub cle: &'static str,
    /// Its French label.
    pub libelle: &'static str,
    /// Its value in A.
    pub a: f64,
    /// Its value in B.
    pub b: f64,
    /// Its value in A, as shown (`12 / 18 EPCI`, `67 %`, `120 000 €`).
    pub a_texte: String,
    /// Its value in B, as shown.
    pub b_texte: String,
}

/// One change of a field.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "genre", rename_all = "snake_case")]
pub enum Changement {
    /// A value changed, appeared (`avant` null) or disappeared (`apres`
    /// null).
    Valeur {
        /// The field (`frequence`, `budget`, `financement`…).
        champ: &'static str,
        /// Whom it concerns inside the element (a co-funder, a
        /// beneficiary), if anyone.
        sujet: Option<Ref>,
        /// Before, as shown.
        avant: Option<String>,
        /// After, as shown.
        apres: Option<String>,
    },
    /// A list gained or lost elements (`membres`, `copilotes`…).
    Liste {
        /// The field.
        champ: &'static str,
        /// What B adds (B's ids and names).
        ajoutes: Vec<Ref>,
        /// What B removes (A's ids and names).
        retires: Vec<Ref>,
    },
}

/// A renamed element: the same thing under another id.
#[derive(Debug, Serialize)]
pub struct Renomme {
    /// Its id in A.
    pub avant: String,
    /// Its id in B.
    pub apres: String,
    /// Its name in B.
    pub nom: String,
}

/// An element present in both files, changed.
#[derive(Debug, Serialize)]
pub struct Modifie {
    /// Its id (in B) and name.
    pub element: Ref,
    /// What changed.
    pub changements: Vec<Changement>,
}

/// Elements added, removed, renamed and changed.
#[derive(Debug, Default, Serialize)]
pub struct Ensemble {
    /// In B only.
    pub ajoutes: Vec<Ref>,
    /// In A only.
    pub retires: Vec<Ref>,
    /// The same element under another id.
    pub renommes: Vec<Renomme>,
    /// In both, changed.
    pub modifies: Vec<Modifie>,
}

impl Ensemble {
    /// True when nothing changed.
    pub fn est_vide(&self) -> bool {
        self.ajoutes.is_empty()
            && self.retires.is_empty()
            && self.renommes.is_empty()
            && self.modifies.is_empty()
    }
}

/// Comités: an [`Ensemble`], and the merges.
#[derive(Debug, Default, Serialize)]
pub struct Comites {
    /// Added, removed (but not merged), renamed, changed.
    #[serde(flatten)]
    pub ensemble: Ensemble,
    /// Comités of A merged into one of B.
    pub fusionnes: Vec<Fusion>,
}

impl Comites {
    /// True when nothing changed.
    pub fn est_vide(&self) -> bool {
        self.ensemble.est_vide() && self.fusionnes.is_empty()
    }
}

/// Comités of A whose members went mostly to one comité of B.
#[derive(Debug, Serialize)]
pub struct Fusion {
    /// The comité of B that takes them in.
    pub dans: Ref,
    /// The comités of A merged, with the share of their members (and
    /// chairs) that sit in `dans`, in percent.
    pub comites: Vec<Part>,
}

/// A merged comité and the share of its members kept.
#[derive(Debug, Serialize)]
pub struct Part {
    /// The comité of A.
    pub comite: Ref,
    /// The share of its members and chairs found in the merged comité, in
    /// percent.
    pub pourcentage: u32,
}

/// Non-overlap constraints.
#[derive(Debug, Default, Serialize)]
pub struct Contraintes {
    /// In B only.
    pub ajoutees: Vec<Vec<Ref>>,
    /// In A only.
    pub retirees: Vec<Vec<Ref>>,
}

/// Roadmaps.
#[derive(Debug, Default, Serialize)]
pub struct Feuilles {
    /// In B only.
    pub ajoutees: Vec<Ref>,
    /// In A only.
    pub retirees: Vec<Ref>,
    /// In both, changed (their fields or their actions).
    pub modifiees: Vec<FeuilleModifiee>,
}

impl Feuilles {
    /// True when nothing changed.
    pub fn est_vide(&self) -> bool {
        self.ajoutees.is_empty() && self.retirees.is_empty() && self.modifiees.is_empty()
    }
}

/// A roadmap present in both files, changed.
#[derive(Debug, Serialize)]
pub struct FeuilleModifiee {
    /// Its id (in B) and name.
    pub feuille: Ref,
    /// Its fields' changes.
    pub changements: Vec<Changement>,
    /// Its actions (identified by their name).
    pub actions: Ensemble,
}

/// Diagnostics B fixes and introduces (compared by code and message).
#[derive(Debug, Default, Serialize)]
pub struct Diagnostics {
    /// In A, not in B.
    pub corriges: Vec<Diag>,
    /// In B, not in A.
    pub introduits: Vec<Diag>,
}

/// A diagnostic, as compared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diag {
    /// The rule id or `copil::…` code.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severite: &'static str,
    /// The message.
    pub message: String,
    /// True when a derogation waives it.
    pub deroge: bool,
}

/// What B changes from A. Both must have compiled ([`Side::of`]).
pub fn diff(a: Side<'_>, b: Side<'_>) -> Diff {
    compare::diff(a, b)
}

#[cfg(test)]
mod tests;

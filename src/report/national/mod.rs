//! The national report (`copil report DIR`): one row per territoire —
//! pilotage, bodies, duplicates, coverage, errors, warnings, derogations —
//! sorted by département code, with national totals; as Markdown, CSV,
//! JSON and a static, self-contained, sortable HTML page.

mod html;
mod text;

use serde::Serialize;

use crate::check::FileReport;
use crate::diagnostic::Severity;
use crate::reference::Reference;

pub use html::html;
pub use text::{csv, markdown};

/// One territoire.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ligne {
    /// The file.
    pub fichier: String,
    /// Département codes, joined by `,` (empty when unreadable).
    pub code: String,
    /// Names of the départements.
    pub nom: String,
    /// True when the file compiled.
    pub compile: bool,
    /// `etat_seul`, `pilote` or `copilotage` (when compiled).
    pub mode: Option<String>,
    /// The pilot or the copilotes, by name.
    pub porteurs: Vec<String>,
    /// Comités and existing bodies.
    pub instances: usize,
    /// Duplicate pairs (not adossées).
    pub doublons: usize,
    /// EPCI represented / EPCI of the territoire.
    pub epci_couverts: usize,
    /// EPCI of the territoire.
    pub epci_total: usize,
    /// Share of the EPCI represented, 0 to 1.
    pub part_epci: Option<f64>,
    /// Share of the EPCI population represented, 0 to 1.
    pub part_population: Option<f64>,
    /// Errors not waived.
    pub erreurs: usize,
    /// Warnings not waived.
    pub avertissements: usize,
    /// Diagnostics waived by a derogation.
    pub derogations: usize,
}

/// The national totals. The territorial figures (pilotage modes, bodies,
/// duplicates, EPCI) count each département once, from one file chosen
/// among those that cover it ([`METHODE`]); the diagnostics count every
/// file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totaux {
    /// Files.
    pub fichiers: usize,
    /// Files that compiled.
    pub compiles: usize,
    /// Distinct territoires (département codes), each counted once.
    pub territoires: usize,
    /// The file counted for each territoire, by département code order.
    pub retenus: Vec<String>,
    /// How the file of a territoire with several files was chosen.
    pub methode: &'static str,
    /// Territoires piloted by the State alone.
    pub etat_seul: usize,
    /// Territoires with one pilot collectivité.
    pub pilote: usize,
    /// Territoires with a copilotage.
    pub copilotage: usize,
    /// Bodies.
    pub instances: usize,
    /// Duplicate pairs.
    pub doublons: usize,
    /// EPCI represented, over every territoire.
    pub epci_couverts: usize,
    /// EPCI, over every territoire.
    pub epci_total: usize,
    /// `epci_couverts / epci_total`.
    pub part_epci: Option<f64>,
    /// Errors not waived.
    pub erreurs: usize,
    /// Warnings not waived.
    pub avertissements: usize,
    /// Diagnostics waived.
    pub derogations: usize,
}

/// The national view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct National {
    /// Version of the JSON form.
    pub version: u32,
    /// One row per file, by département code.
    pub territoires: Vec<Ligne>,
    /// Totals.
    pub totaux: Totaux,
}

/// Builds the national view of checked files.
pub fn national(reports: &[FileReport]) -> National {
    let reference = Reference::get();
    let mut territoires: Vec<Ligne> = reports
        .iter()
        .map(|r| {
            let count = |severity: Severity| {
                r.diagnostics
                    .iter()
                    .filter(|d| d.severity == severity && d.waived.is_none())
                    .count()
            };
            let code = r.territoire.clone().unwrap_or_default();
            let nom = match &r.gouvernance {
                Some(g) => g.territoire.nom.clone(),
                None => code
                    .split(',')
                    .filter_map(|c| reference.departement(c.trim()).map(|d| d.nom))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let g = r.gouvernance.as_ref();
            let a = r.analyses.as_ref();
            Ligne {
                fichier: r.path.clone(),
                code,
                nom,
                compile: r.compiled,
                mode: g.map(|g| g.pilotage.mode.as_str().to_string()),
                porteurs: g
                    .map(|g| {
                        g.pilotage
                            .porteurs
                            .iter()
                            .map(|id| {
                                g.membre(id)
                                    .map_or_else(|| id.clone(), crate::model::Membre::nom_distinct)
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                instances: g.map_or(0, |g| g.comites.len() + g.existants.len()),
                doublons: a.map_or(0, |a| a.doublons.iter().filter(|d| !d.adosse).count()),
                epci_couverts: a.map_or(0, |a| a.couverture.epci_couverts),
                epci_total: a.map_or(0, |a| a.couverture.epci_total),
                part_epci: a.map(|a| a.couverture.part_epci),
                part_population: a.map(|a| a.couverture.part_population),
                erreurs: count(Severity::Error),
                avertissements: count(Severity::Warning),
                derogations: r.diagnostics.iter().filter(|d| d.waived.is_some()).count(),
            }
        })
        .collect();
    territoires.sort_by(|a, b| {
        sort_key(&a.code)
            .cmp(&sort_key(&b.code))
            .then_with(|| a.fichier.cmp(&b.fichier))
    });
    let mut totaux = Totaux {
        fichiers: territoires.len(),
        methode: METHODE,
        ..Totaux::default()
    };
    for t in &territoires {
        totaux.compiles += usize::from(t.compile);
        totaux.erreurs += t.erreurs;
        totaux.avertissements += t.avertissements;
        totaux.derogations += t.derogations;
    }
    for t in retenus(&territoires) {
        totaux.territoires += 1;
        totaux.retenus.push(t.fichier.clone());
        match t.mode.as_deref() {
            Some("etat_seul") => totaux.etat_seul += 1,
            Some("pilote") => totaux.pilote += 1,
            Some("copilotage") => totaux.copilotage += 1,
            _ => {}
        }
        totaux.instances += t.instances;
        totaux.doublons += t.doublons;
        totaux.epci_couverts += t.epci_couverts;
        totaux.epci_total += t.epci_total;
    }
    totaux.part_epci =
        (totaux.epci_total > 0).then(|| totaux.epci_couverts as f64 / totaux.epci_total as f64);
    National {
        version: 1,
        territoires,
        totaux,
    }
}

/// How the totals choose among several files of one territoire.
pub const METHODE: &str = "un seul fichier par territoire : celui qui compile, avec le moins d'erreurs, puis le moins d'avertissements, puis le premier par son chemin";

/// One row per territoire (département codes), the one [`METHODE`] picks;
/// files without a territory are each their own.
fn retenus(rows: &[Ligne]) -> Vec<&Ligne> {
    let mut by_code: Vec<(&str, &Ligne)> = Vec::new();
    for row in rows {
        if row.code.is_empty() {
            continue;
        }
        let better = |a: &Ligne, b: &Ligne| {
            (!a.compile, a.erreurs, a.avertissements, &a.fichier)
                < (!b.compile, b.erreurs, b.avertissements, &b.fichier)
        };
        match by_code.iter_mut().find(|(code, _)| *code == row.code) {
            Some(entry) => {
                if better(row, entry.1) {
                    entry.1 = row;
                }
            }
            None => by_code.push((&row.code, row)),
        }
    }
    by_code.into_iter().map(|(_, row)| row).collect()
}

/// `n` followed by the word, plural from 2: « 3 copilotages », « 1 État
/// seul ».
pub(crate) fn nombre(n: usize, singulier: &str, pluriel: &str) -> String {
    format!("{n} {}", if n >= 2 { pluriel } else { singulier })
}

/// The pilotage modes of the totals: « 1 État seul, 1 collectivité pilote,
/// 3 copilotages ».
pub(crate) fn modes(s: &Totaux) -> String {
    format!(
        "{}, {}, {}",
        nombre(s.etat_seul, "État seul", "États seuls"),
        nombre(s.pilote, "collectivité pilote", "collectivités pilotes"),
        nombre(s.copilotage, "copilotage", "copilotages")
    )
}

/// The totals' second cell: « 5 territoires (7 fichiers, 6 compilés) ».
pub(crate) fn compte(s: &Totaux) -> String {
    format!(
        "{} ({}, {})",
        nombre(s.territoires, "territoire", "territoires"),
        nombre(s.fichiers, "fichier", "fichiers"),
        nombre(s.compiles, "compilé", "compilés")
    )
}

/// The note under the table that says how the totals counted.
pub(crate) fn note(s: &Totaux) -> String {
    format!(
        "Totaux : pilotage, instances, doublons et EPCI comptent chaque territoire une fois ({METHODE}) ; erreurs, avertissements et dérogations comptent tous les fichiers. Fichiers retenus : {}.",
        s.retenus.join(", ")
    )
}

/// Départements in COG order: `01` … `19`, `2A`, `2B`, `21` … `95`,
/// `971` …; files without a territory last.
fn sort_key(code: &str) -> (bool, String) {
    let first = code.split(',').next().unwrap_or_default().trim();
    let key = match first {
        "2A" => "20A".to_string(),
        "2B" => "20B".to_string(),
        c if c.len() == 2 => format!("{c}0"),
        c => c.to_string(),
    };
    (first.is_empty(), key)
}

/// The JSON form, pretty-printed, ending with a newline.
pub fn json(national: &National) -> String {
    let mut out = serde_json::to_string_pretty(national).expect("the report serialises");
    out.push('\n');
    out
}

/// A share as a French percentage: `53 %` (rounded down), `—` when unknown.
pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(
        || "—".to_string(),
        |s| format!("{}\u{a0}%", (s * 100.0 + 1e-9).floor() as u32),
    )
}

/// The pilotage mode in words.
pub(crate) fn mode(mode: Option<&str>) -> &'static str {
    match mode {
        Some("etat_seul") => "État seul",
        Some("pilote") => "collectivité pilote",
        Some("copilotage") => "copilotage",
        _ => "—",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departements_sort_in_cog_order() {
        let mut codes = vec!["971", "2B", "38", "01", "2A", "", "85", "20"];
        codes.sort_by_key(|c| sort_key(c));
        assert_eq!(codes, ["01", "20", "2A", "2B", "38", "85", "971", ""]);
    }
}

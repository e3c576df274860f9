//! A match made a [`Resultat`]: its details, its `membre` line and its
//! notes.

use super::ident::{IdKind, identifiant};
use super::{Filter, Hit, Item, Resultat};
use crate::reference::Reference;

/// The result of a hit: its details and its `membre` line.
pub(super) fn resultat(reference: &Reference, hit: Hit<'_>, filter: &Filter<'_>) -> Resultat {
    let item = hit.item;
    let region_of = |d: &str| reference.departement(d).map(|d| d.region.to_owned());
    let departements_of = |regions: &[String]| -> Vec<String> {
        reference
            .departements()
            .filter(|d| regions.iter().any(|r| r == d.region))
            .map(|d| d.code.to_owned())
            .collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let comment = |id: String, nature: &str, code: &str, nom: &str| {
        format!("membre {id} {nature} {code}   # {nom}")
    };
    let mut note = hit.note;
    let (code, kind, departements, regions, ligne) = match item {
        Item::Epci(e) => {
            let departements: Vec<String> = e.departements.split(',').map(str::to_string).collect();
            let regions = sorted(departements.iter().filter_map(|d| region_of(d)).collect());
            let id = identifiant(IdKind::Epci, e.nom);
            (
                Some(e.siren.to_string()),
                Some(e.kind.to_string()),
                departements,
                regions,
                comment(id, "epci", e.siren, e.nom),
            )
        }
        Item::Commune(c) => {
            let id = identifiant(IdKind::Commune, c.nom);
            (
                Some(c.insee.to_string()),
                None,
                vec![c.departement.to_string()],
                region_of(c.departement).into_iter().collect(),
                comment(id, "commune", c.insee, c.nom),
            )
        }
        Item::Departement(d) => (
            Some(d.code.to_owned()),
            None,
            vec![d.code.to_owned()],
            vec![d.region.to_owned()],
            comment(
                format!("cd{}", d.code.to_ascii_lowercase()),
                "departement",
                d.code,
                d.nom,
            ),
        ),
        Item::Region(r) => {
            let regions = vec![r.code.clone()];
            (
                Some(r.code.clone()),
                None,
                departements_of(&regions),
                regions,
                comment(
                    identifiant(IdKind::Region, &r.nom),
                    "region",
                    &r.code,
                    &r.nom,
                ),
            )
        }
        Item::Hub(h) => {
            let regions = sorted(h.regions.clone());
            // The région of the département searched in, else the first.
            let region = filter
                .departement
                .map(|d| d.region)
                .filter(|r| h.regions.iter().any(|h| h == r))
                .unwrap_or(&h.regions[0]);
            if h.regions.len() > 1 {
                note = Some(format!(
                    "ce Hub couvre plusieurs régions ({}) : la ligne nomme la région {region}, \
                     mettez celle de votre territoire",
                    h.regions.join(", ")
                ));
            }
            let id = identifiant(IdKind::Hub, &h.nom);
            let nom = h.nom.replace('\\', "\\\\").replace('"', "\\\"");
            (
                None,
                None,
                departements_of(&regions),
                regions,
                format!("membre {id} hub \"{nom}\" {{ region {region} }}"),
            )
        }
    };
    Resultat {
        nature: item.nature(),
        code,
        nom: item.nom().to_string(),
        kind,
        population: item.population(reference),
        departements,
        regions,
        ligne,
        score: hit.score,
        note,
    }
}

//! Coverage: how many of the territoire's EPCI (and EPT of the Grand
//! Paris), and what share of their population, are represented. An EPCI is
//! represented when it (or one of its communes) is a member or chair of
//! some comité, the pilote, a copilote, in the coordination, the porteur of
//! a roadmap or of an action, or is listed (or one of its communes is) in
//! an explicit perimeter of a comité or roadmap. Whole-territory perimeters
//! do not count: they name nobody.

use std::collections::BTreeSet;

use super::{Couverture, noms_epci};
use crate::model::{Gouvernance, Nature, PerimetreKind};
use crate::reference::Reference;

pub(crate) fn couverture(g: &Gouvernance) -> Couverture {
    let reference = Reference::get();
    let membres: rustc_hash::FxHashMap<&str, &crate::model::Membre> =
        g.membres.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut represented: BTreeSet<String> = BTreeSet::new();
    let add_member = |id: &str, represented: &mut BTreeSet<String>| {
        let Some(m) = membres.get(id) else { return };
        let Some(code) = &m.code else { return };
        match m.nature {
            Nature::Epci => {
                represented.insert(code.clone());
            }
            Nature::Commune => {
                if let Some(c) = reference.commune(code) {
                    represented.extend(c.epci.iter().chain(&c.ept).map(|e| e.to_string()));
                }
            }
            _ => {}
        }
    };
    for c in &g.comites {
        for id in c.membres.iter().chain(&c.presidence) {
            add_member(id, &mut represented);
        }
    }
    let p = &g.pilotage;
    for id in p.porteurs.iter().chain(&p.coordination) {
        add_member(id, &mut represented);
    }
    for f in &g.feuilles {
        if let Some(id) = &f.porteur {
            add_member(id, &mut represented);
        }
    }
    for a in &g.actions {
        for id in &a.porteurs {
            add_member(id, &mut represented);
        }
    }
    let perimetres = g
        .comites
        .iter()
        .map(|c| &c.perimetre)
        .chain(g.feuilles.iter().map(|f| &f.perimetre));
    for p in perimetres.filter(|p| p.kind == PerimetreKind::Membres) {
        represented.extend(p.epci.iter().cloned());
    }
    let total: Vec<&String> = g.territoire.epci.iter().collect();
    let population = |siren: &str| reference.epci(siren).map_or(0, |e| e.population);
    let mut couverts = 0;
    let mut population_totale = 0;
    let mut population_couverte = 0;
    let mut manquants = Vec::new();
    for siren in &total {
        let pop = population(siren);
        population_totale += pop;
        if represented.contains(*siren) {
            couverts += 1;
            population_couverte += pop;
        } else {
            manquants.push((*siren).clone());
        }
    }
    manquants.sort();
    let share = |part: f64, whole: f64| if whole == 0.0 { 1.0 } else { part / whole };
    let part_epci = share(couverts as f64, total.len() as f64);
    let part_population = share(population_couverte as f64, population_totale as f64);
    let percent = |x: f64| (x * 100.0 + 1e-9).floor() as u32;
    Couverture {
        epci_total: total.len(),
        epci_couverts: couverts,
        part_epci,
        pourcentage_epci: percent(part_epci),
        population_totale,
        population_couverte,
        part_population,
        pourcentage_population: percent(part_population),
        manquants_noms: noms_epci(&manquants),
        manquants,
    }
}

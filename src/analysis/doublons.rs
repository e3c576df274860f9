//! Duplicates: two bodies (comités, or a comité and an existing body)
//! whose perimeters intersect and whose memberships (members and chairs)
//! have a Jaccard similarity of at least the threshold. Candidate pairs
//! come from an index member → bodies: only bodies that share a member are
//! ever compared.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::{Doublon, Perimetres};
use crate::model::{Gouvernance, PerimetreKind};

pub(crate) fn doublons(g: &Gouvernance, perimetres: &Perimetres<'_>, seuil: f64) -> Vec<Doublon> {
    let comites: FxHashMap<&str, &crate::model::Comite> =
        g.comites.iter().map(|c| (c.id.as_str(), c)).collect();
    // Bodies in declaration order, with their memberships.
    let bodies: Vec<(usize, BTreeSet<&str>)> = perimetres
        .holders
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let members: BTreeSet<&str> = match h.genre {
                "comite" => {
                    let c = comites.get(h.id)?;
                    c.membres
                        .iter()
                        .chain(&c.presidence)
                        .map(String::as_str)
                        .collect()
                }
                "existant" => {
                    let e = g.existants.iter().find(|e| e.id == h.id)?;
                    e.membres.iter().map(String::as_str).collect()
                }
                _ => return None,
            };
            Some((i, members))
        })
        .collect();
    // Hashed: only looked up, never walked in order.
    let mut index: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (b, (_, members)) in bodies.iter().enumerate() {
        for m in members {
            index.entry(m).or_default().push(b);
        }
    }
    // Shared members per candidate pair (a < b), counted body by body in a
    // dense array: only bodies that share a member with `a` are touched.
    let mut shared: Vec<((usize, usize), usize)> = Vec::new();
    let mut counts = vec![0usize; bodies.len()];
    let mut touched = Vec::new();
    for (a, (_, members)) in bodies.iter().enumerate() {
        for m in members {
            for &b in &index[m] {
                if b > a {
                    if counts[b] == 0 {
                        touched.push(b);
                    }
                    counts[b] += 1;
                }
            }
        }
        touched.sort_unstable();
        for &b in &touched {
            shared.push(((a, b), counts[b]));
            counts[b] = 0;
        }
        touched.clear();
    }
    // Members in declaration order, indexed when the first duplicate is
    // found (most files have none).
    let mut order: Option<FxHashMap<&str, usize>> = None;
    let mut out = Vec::new();
    for ((a, b), common) in shared {
        let (ia, ma) = &bodies[a];
        let (ib, mb) = &bodies[b];
        let union = ma.len() + mb.len() - common;
        let similarite = common as f64 / union as f64;
        if similarite < seuil {
            continue;
        }
        let (ha, hb) = (&perimetres.holders[*ia], &perimetres.holders[*ib]);
        let wide = |k: PerimetreKind| k != PerimetreKind::Membres;
        let intersect = wide(ha.perimetre.kind) || wide(hb.perimetre.kind) || {
            let (epci, communes) = perimetres.partage(*ia, *ib);
            !epci.is_empty() || !communes.is_empty()
        };
        if !intersect {
            continue;
        }
        let adosse = [(ha.id, hb.id), (hb.id, ha.id)].iter().any(|(x, y)| {
            comites
                .get(x)
                .is_some_and(|c| c.adosse.as_deref() == Some(y))
        });
        let mut communs: Vec<&str> = ma.intersection(mb).copied().collect();
        let order = order.get_or_insert_with(|| {
            g.membres
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.as_str(), i))
                .collect()
        });
        communs.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
        out.push(Doublon {
            a: ha.id.to_string(),
            b: hb.id.to_string(),
            a_nom: ha.nom.to_string(),
            b_nom: hb.nom.to_string(),
            similarite,
            pourcentage: (similarite * 100.0).round() as u32,
            communs_noms: communs
                .iter()
                .map(|id| {
                    g.membre(id)
                        .map_or_else(|| id.to_string(), |m| m.nom.clone())
                })
                .collect(),
            communs: communs.iter().map(|s| s.to_string()).collect(),
            adosse,
            span: hb.span,
        });
    }
    out
}

//! Overlaps: pairs of bodies or roadmaps whose perimeters share EPCI or
//! communes, with the shared ones named. Only pairs whose perimeters are
//! both explicit lists are listed, plus every pair that a
//! `sans_chevauchement` names together (whatever their perimeters: a
//! whole-territory perimeter shares every EPCI of the territory). Candidate
//! pairs come from an index EPCI → perimeters, not from all pairs.

use std::collections::{BTreeMap, BTreeSet};

use super::{Chevauchement, Perimetres, noms_communes, noms_epci};
use crate::model::{Gouvernance, PerimetreKind};
use crate::reference::Reference;
use crate::span::Span;

pub(crate) fn chevauchements(g: &Gouvernance, p: &Perimetres<'_>) -> Vec<Chevauchement> {
    let reference = Reference::get();
    // Pairs named together by a constraint, with the constraint's span.
    let mut constrained: BTreeMap<(usize, usize), Span> = BTreeMap::new();
    for s in &g.sans_chevauchement {
        let members: Vec<usize> = s.ids.iter().filter_map(|id| p.position(id)).collect();
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                constrained.entry((a.min(b), a.max(b))).or_insert(s.span);
            }
        }
    }
    // Index: EPCI → explicit perimeters that touch it (wholly or by a commune).
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, h) in p.holders.iter().enumerate() {
        if h.perimetre.kind != PerimetreKind::Membres {
            continue;
        }
        let mut touched: BTreeSet<String> = p.couverts[i].epci.clone();
        for c in &p.couverts[i].communes {
            if let Some(e) = reference.commune(c).and_then(|c| c.epci) {
                touched.insert(e.to_string());
            }
        }
        for e in touched {
            index.entry(e).or_default().push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = constrained.keys().copied().collect();
    for holders in index.values() {
        for (k, &a) in holders.iter().enumerate() {
            for &b in &holders[k + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut out = Vec::new();
    for (a, b) in pairs {
        let (epci, communes) = p.partage(a, b);
        if epci.is_empty() && communes.is_empty() {
            continue;
        }
        let (ha, hb) = (&p.holders[a], &p.holders[b]);
        let contraint = constrained.get(&(a, b));
        out.push(Chevauchement {
            a: ha.id.to_string(),
            b: hb.id.to_string(),
            a_nom: ha.nom.to_string(),
            b_nom: hb.nom.to_string(),
            a_genre: ha.genre,
            b_genre: hb.genre,
            epci_noms: noms_epci(&epci),
            epci,
            communes_noms: noms_communes(&communes),
            communes,
            contraint: contraint.is_some(),
            feuilles_infra: ha.infra && hb.infra,
            span: contraint.copied().or(hb.perimetre.span).unwrap_or(hb.span),
        });
    }
    out
}

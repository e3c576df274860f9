//! Members' roles, derived from the compiled governance, never written
//! (DESIGN §3): `coporteur` (pilote or copilote), `cofinanceur` (a
//! `financement`), `beneficiaire` (of a grant whose envelope is not
//! `formation`), `recipiendaire` (of a `formation` grant), `porteur` (of a
//! roadmap or an action), and `observateur` when none applies.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{Enveloppe, Gouvernance, RoleMembre};

/// Fills every member's `roles`, in the order of [`RoleMembre`].
pub(super) fn derive(g: &mut Gouvernance) {
    let g_ref = &*g;
    let mut roles: BTreeMap<&str, BTreeSet<RoleMembre>> = BTreeMap::new();
    for id in &g_ref.pilotage.porteurs {
        give(&mut roles, id, RoleMembre::Coporteur);
    }
    for f in &g_ref.feuilles {
        if let Some(p) = &f.porteur {
            give(&mut roles, p, RoleMembre::Porteur);
        }
    }
    for a in &g_ref.actions {
        for p in &a.porteurs {
            give(&mut roles, p, RoleMembre::Porteur);
        }
        for f in &a.financements {
            give(&mut roles, &f.membre, RoleMembre::Cofinanceur);
        }
        if let Some(s) = &a.subvention {
            let role = if s.enveloppe == Some(Enveloppe::Formation) {
                RoleMembre::Recipiendaire
            } else {
                RoleMembre::Beneficiaire
            };
            for b in &s.beneficiaires {
                give(&mut roles, &b.membre, role);
            }
        }
    }
    let derived: Vec<Vec<RoleMembre>> = g_ref
        .membres
        .iter()
        .map(|m| match roles.get(m.id.as_str()) {
            Some(set) => set.iter().copied().collect(),
            None => vec![RoleMembre::Observateur],
        })
        .collect();
    for (m, r) in g.membres.iter_mut().zip(derived) {
        m.roles = r;
    }
}

fn give<'a>(roles: &mut BTreeMap<&'a str, BTreeSet<RoleMembre>>, id: &'a str, role: RoleMembre) {
    roles.entry(id).or_default().insert(role);
}

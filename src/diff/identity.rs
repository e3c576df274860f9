//! Who is who between two files: members, comités and existing bodies are
//! the same when they have the same id; an id that disappears on one side
//! and appears on the other is a renaming when the content says so (same
//! nature and code, or same nature and name, for a member; a membership at
//! least half shared, and the same type, for a comité or an existing
//! body). A comité that disappears is **merged** into the one of B that
//! holds most (more than half) of its members.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Comite, Existant, Gouvernance, Membre};

/// The smallest Jaccard similarity of two memberships for a renamed body.
pub const SEUIL_RENOMMAGE: f64 = 0.5;

/// The share of a removed comité's members that must sit in another for
/// the comité to count as merged into it (strictly more than).
pub const SEUIL_FUSION: f64 = 0.5;

/// The pairing of A's ids with B's.
#[derive(Debug, Default)]
pub(super) struct Pairing {
    /// A id → B id, for every paired member (same id or renamed).
    pub membres: BTreeMap<String, String>,
    /// A id → B id, for every paired comité.
    pub comites: BTreeMap<String, String>,
    /// A id → B id, for every paired existing body.
    pub existants: BTreeMap<String, String>,
}

impl Pairing {
    /// The B id of A's member `id` (itself when unpaired).
    pub fn membre(&self, id: &str) -> String {
        self.membres
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The B id of A's comité or existing body `id` (itself when unpaired).
    pub fn instance(&self, id: &str) -> String {
        self.comites
            .get(id)
            .or_else(|| self.existants.get(id))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// Pairs members: by id, then by nature and code (or nature and name when
/// neither has a code).
pub(super) fn membres(a: &Gouvernance, b: &Gouvernance) -> BTreeMap<String, String> {
    let b_ids: BTreeSet<&str> = b.membres.iter().map(|m| m.id.as_str()).collect();
    let a_ids: BTreeSet<&str> = a.membres.iter().map(|m| m.id.as_str()).collect();
    let mut map = BTreeMap::new();
    for m in &a.membres {
        if b_ids.contains(m.id.as_str()) {
            map.insert(m.id.clone(), m.id.clone());
        }
    }
    let mut free: Vec<&Membre> = b
        .membres
        .iter()
        .filter(|m| !a_ids.contains(m.id.as_str()))
        .collect();
    for m in a.membres.iter().filter(|m| !b_ids.contains(m.id.as_str())) {
        let same = |o: &&Membre| {
            o.nature == m.nature
                && match (&m.code, &o.code) {
                    (Some(x), Some(y)) => x == y,
                    (None, None) => o.nom == m.nom,
                    _ => false,
                }
        };
        if let Some(i) = free.iter().position(same) {
            map.insert(m.id.clone(), free.remove(i).id.clone());
        }
    }
    map
}

/// Everyone who sits in a comité (members and chairs), as B ids.
pub(super) fn siege_a(c: &Comite, pairing: &Pairing) -> BTreeSet<String> {
    c.membres
        .iter()
        .chain(&c.presidence)
        .map(|id| pairing.membre(id))
        .collect()
}

/// Everyone who sits in a comité of B.
pub(super) fn siege_b(c: &Comite) -> BTreeSet<String> {
    c.membres.iter().chain(&c.presidence).cloned().collect()
}

/// The Jaccard similarity of two sets (0 when both are empty).
pub(super) fn jaccard(x: &BTreeSet<String>, y: &BTreeSet<String>) -> f64 {
    let union = x.union(y).count();
    if union == 0 {
        0.0
    } else {
        x.intersection(y).count() as f64 / union as f64
    }
}

/// Pairs bodies by id, then the rest by membership (same `kind`, the most
/// similar first, at least [`SEUIL_RENOMMAGE`]).
pub(super) fn bodies<T>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &str,
    kind: impl Fn(&T) -> String,
    seats_a: impl Fn(&T) -> BTreeSet<String>,
    seats_b: impl Fn(&T) -> BTreeSet<String>,
) -> BTreeMap<String, String> {
    let b_ids: BTreeSet<&str> = b.iter().map(&id).collect();
    let a_ids: BTreeSet<&str> = a.iter().map(&id).collect();
    let mut map = BTreeMap::new();
    for x in a {
        if b_ids.contains(id(x)) {
            map.insert(id(x).to_string(), id(x).to_string());
        }
    }
    let mut free: Vec<&T> = b.iter().filter(|y| !a_ids.contains(id(y))).collect();
    for x in a.iter().filter(|x| !b_ids.contains(id(x))) {
        let seats = seats_a(x);
        let best = free
            .iter()
            .enumerate()
            .filter(|(_, y)| kind(y) == kind(x))
            .map(|(i, y)| (i, jaccard(&seats, &seats_b(y))))
            .filter(|&(_, s)| s >= SEUIL_RENOMMAGE)
            .max_by(|p, q| p.1.total_cmp(&q.1).then(q.0.cmp(&p.0)));
        if let Some((i, _)) = best {
            map.insert(id(x).to_string(), id(free.remove(i)).to_string());
        }
    }
    map
}

/// Pairs comités.
pub(super) fn comites(
    a: &Gouvernance,
    b: &Gouvernance,
    pairing: &Pairing,
) -> BTreeMap<String, String> {
    let mut map = bodies(
        &a.comites,
        &b.comites,
        |c: &Comite| c.id.as_str(),
        |c| c.kind.as_str().to_string(),
        |c| siege_a(c, pairing),
        siege_b,
    );
    // A comité of B that takes in most of two removed comités merges
    // them: neither is renamed into it.
    let renamed: Vec<(String, String)> = map
        .iter()
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.clone(), y.clone()))
        .collect();
    for (x, y) in renamed {
        let Some(target) = b.comite(&y) else { continue };
        let theirs = siege_b(target);
        let other = a.comites.iter().any(|z| {
            z.id != x
                && !map.contains_key(&z.id)
                && share(&siege_a(z, pairing), &theirs) > SEUIL_FUSION
        });
        if other {
            map.remove(&x);
        }
    }
    map
}

/// The share of `seats` found in `theirs`.
fn share(seats: &BTreeSet<String>, theirs: &BTreeSet<String>) -> f64 {
    if seats.is_empty() {
        0.0
    } else {
        seats.intersection(theirs).count() as f64 / seats.len() as f64
    }
}

/// Pairs existing bodies.
pub(super) fn existants(
    a: &Gouvernance,
    b: &Gouvernance,
    pairing: &Pairing,
) -> BTreeMap<String, String> {
    bodies(
        &a.existants,
        &b.existants,
        |e: &Existant| e.id.as_str(),
        |e| e.contrat.as_str().to_string(),
        |e| e.membres.iter().map(|m| pairing.membre(m)).collect(),
        |e| e.membres.iter().cloned().collect(),
    )
}

/// A removed comité of A merged into a comité of B, with the share of its
/// seats found there.
#[derive(Debug)]
pub(super) struct Merge<'g> {
    pub removed: &'g Comite,
    pub into: &'g Comite,
    pub share: f64,
}

/// The removed comités of A whose seats went mostly (more than
/// [`SEUIL_FUSION`]) to one comité of B that is new, or that gained some
/// of these seats (a comité that already held them all takes nobody in):
/// the one that holds the largest share, a comité new in B first, then
/// one of the same type, then the smallest.
pub(super) fn merges<'g>(
    a: &'g Gouvernance,
    b: &'g Gouvernance,
    pairing: &Pairing,
) -> Vec<Merge<'g>> {
    let paired_b: BTreeSet<&str> = pairing.comites.values().map(String::as_str).collect();
    // What each paired comité of B held in A.
    let before: BTreeMap<&str, BTreeSet<String>> = pairing
        .comites
        .iter()
        .filter_map(|(x, y)| Some((y.as_str(), siege_a(a.comite(x)?, pairing))))
        .collect();
    let mut merges = Vec::new();
    for removed in a
        .comites
        .iter()
        .filter(|c| !pairing.comites.contains_key(&c.id))
    {
        let seats = siege_a(removed, pairing);
        if seats.is_empty() {
            continue;
        }
        let best = b
            .comites
            .iter()
            .filter(|c| match before.get(c.id.as_str()) {
                None => true,
                Some(held) => seats.iter().any(|s| {
                    !held.contains(s) && c.membres.iter().chain(&c.presidence).any(|m| m == s)
                }),
            })
            .map(|c| {
                let theirs = siege_b(c);
                (c, share(&seats, &theirs), theirs.len())
            })
            .filter(|(_, share, _)| *share > SEUIL_FUSION)
            .max_by(|x, y| {
                x.1.total_cmp(&y.1)
                    .then(
                        (!paired_b.contains(x.0.id.as_str()))
                            .cmp(&!paired_b.contains(y.0.id.as_str())),
                    )
                    .then((x.0.kind == removed.kind).cmp(&(y.0.kind == removed.kind)))
                    .then(y.2.cmp(&x.2))
            });
        if let Some((into, share, _)) = best {
            merges.push(Merge {
                removed,
                into,
                share,
            });
        }
    }
    merges
}

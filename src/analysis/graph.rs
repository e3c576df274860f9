//! The governance graph (petgraph): members, comités, existing bodies,
//! roadmaps and the CRSN as nodes; membership, chairing, `rend_compte`,
//! `adosse`, porteur, financement, pilotage roles, perimeter members and
//! CRSN seats as edges. It yields the comités that reach no strategic
//! comité, the members used nowhere and the levels of the org chart. (A
//! cycle of `rend_compte` is a compile error, `copil::cycle`: a governance
//! that reaches this stage has none, and the walk up stops at a comité it
//! has seen all the same.)

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::Graphe;
use crate::model::{ComiteType, Gouvernance};

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    Membre,
    Comite,
    Existant,
    Feuille,
    Crsn,
    Pilotage,
}

/// What an edge means (from the body or role to the member, from a comité
/// to the comité it reports to or the body it meets within).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    Membre,
    Preside,
    RendCompte,
    Adosse,
    Porteur,
    Finance,
    Pilotage,
    Perimetre,
    Siege,
}

/// The node of the CRSN (not an identifier a file can write).
const CRSN: &str = "\u{0}crsn";
/// The node of the pilotage.
const PILOTAGE: &str = "\u{0}pilotage";

/// The governance graph and the index of its nodes by identifier.
pub(crate) struct Graph {
    pub graph: DiGraph<(Node, String), Edge>,
    pub index: HashMap<String, NodeIndex>,
}

impl Graph {
    /// Builds the graph of `g`.
    pub fn new(g: &Gouvernance) -> Graph {
        let mut graph = DiGraph::new();
        let mut index = HashMap::default();
        let mut add = |graph: &mut DiGraph<(Node, String), Edge>, kind, id: &str| {
            let n = graph.add_node((kind, id.to_string()));
            index.insert(id.to_string(), n);
        };
        for m in &g.membres {
            add(&mut graph, Node::Membre, &m.id);
        }
        for c in &g.comites {
            add(&mut graph, Node::Comite, &c.id);
        }
        for e in &g.existants {
            add(&mut graph, Node::Existant, &e.id);
        }
        for f in &g.feuilles {
            add(&mut graph, Node::Feuille, &f.id);
        }
        if g.crsn.is_some() {
            add(&mut graph, Node::Crsn, CRSN);
        }
        add(&mut graph, Node::Pilotage, PILOTAGE);
        let mut out = Graph { graph, index };
        let p = &g.pilotage;
        for id in p
            .prefet
            .iter()
            .chain(&p.pilote)
            .chain(&p.copilotes)
            .chain(&p.coordination)
        {
            out.edge(PILOTAGE, id, Edge::Pilotage);
        }
        for c in &g.comites {
            for id in &c.membres {
                out.edge(&c.id, id, Edge::Membre);
            }
            for id in &c.presidence {
                out.edge(&c.id, id, Edge::Preside);
            }
            for id in &c.perimetre.membres {
                out.edge(&c.id, id, Edge::Perimetre);
            }
            if let Some(parent) = &c.rend_compte {
                out.edge(&c.id, parent, Edge::RendCompte);
            }
            if let Some(body) = &c.adosse {
                out.edge(&c.id, body, Edge::Adosse);
            }
        }
        for e in &g.existants {
            for id in e.membres.iter() {
                out.edge(&e.id, id, Edge::Membre);
            }
            for id in &e.perimetre.membres {
                out.edge(&e.id, id, Edge::Perimetre);
            }
        }
        for f in &g.feuilles {
            if let Some(id) = &f.porteur {
                out.edge(&f.id, id, Edge::Porteur);
            }
            for id in &f.perimetre.membres {
                out.edge(&f.id, id, Edge::Perimetre);
            }
        }
        for a in &g.actions {
            for id in &a.porteurs {
                out.edge(&a.feuille, id, Edge::Porteur);
            }
            for x in &a.financements {
                out.edge(&a.feuille, &x.membre, Edge::Finance);
            }
            for b in a.subvention.iter().flat_map(|s| &s.beneficiaires) {
                out.edge(&a.feuille, &b.membre, Edge::Finance);
            }
        }
        if let Some(crsn) = &g.crsn {
            for id in &crsn.membres {
                out.edge(CRSN, id, Edge::Siege);
            }
        }
        out
    }

    fn edge(&mut self, from: &str, to: &str, edge: Edge) {
        if let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) {
            self.graph.add_edge(a, b, edge);
        }
    }
}

/// The facts of the graph.
pub(crate) fn graphe(g: &Gouvernance) -> Graphe {
    let graph = Graph::new(g);
    let node = |id: &str| graph.index[id];

    // Members used nowhere: no edge at all.
    let inutilises = g
        .membres
        .iter()
        .filter(|m| {
            let n = node(&m.id);
            graph
                .graph
                .neighbors_directed(n, Direction::Incoming)
                .next()
                .is_none()
                && graph
                    .graph
                    .neighbors_directed(n, Direction::Outgoing)
                    .next()
                    .is_none()
        })
        .map(|m| m.id.clone())
        .collect();

    // The `rend_compte` graph among comités: levels.
    let mut reports: DiGraph<usize, ()> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..g.comites.len()).map(|i| reports.add_node(i)).collect();
    let position: HashMap<&str, usize> = g
        .comites
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (i, c) in g.comites.iter().enumerate() {
        if let Some(&j) = c.rend_compte.as_deref().and_then(|p| position.get(p)) {
            reports.add_edge(nodes[i], nodes[j], ());
        }
    }
    let mut niveaux = BTreeMap::new();
    let mut non_rattaches = Vec::new();
    for (i, c) in g.comites.iter().enumerate() {
        // Walk up `rend_compte` until a strategic comité, at most once per comité.
        let mut at = i;
        let mut level = 0u32;
        let mut seen = vec![false; g.comites.len()];
        let found = loop {
            if g.comites[at].kind == ComiteType::Strategique {
                break true;
            }
            seen[at] = true;
            let parent = reports
                .neighbors_directed(nodes[at], Direction::Outgoing)
                .next()
                .map(|n| reports[n]);
            match parent {
                Some(p) if !seen[p] => {
                    at = p;
                    level += 1;
                }
                _ => break false,
            }
        };
        if found {
            niveaux.insert(c.id.clone(), level);
        } else {
            non_rattaches.push(c.id.clone());
        }
    }
    Graphe {
        non_rattaches,
        inutilises,
        niveaux,
    }
}

//! The org chart's content, built once from the governance and shared by
//! the three chart formats (DOT, Mermaid, SVG): boxes in layers (pilotage
//! and the région's CRSN on top, then the strategic comités, the comités
//! that report to them by level, the roadmaps), grouped in clusters, with
//! their members summarised, and the links between them.

use std::collections::BTreeMap;

use crate::analysis::Analyses;
use crate::model::{ComiteType, FeuilleDeRoute, Gouvernance, Membre, Mode, Nature, PerimetreKind};
use crate::reference::Reference;

/// What a box is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The pilotage (préfet, pilote or copilotes, coordination).
    Pilotage,
    /// A strategic comité.
    Strategique,
    /// Another comité.
    Comite,
    /// An existing body (drawn dashed).
    Existant,
    /// A roadmap.
    Feuille,
    /// The région's CRSN.
    Crsn,
}

/// A group of boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cluster {
    /// The pilotage.
    Pilotage,
    /// The comités.
    Instances,
    /// The existing bodies.
    Existants,
    /// The roadmaps.
    Feuilles,
    /// The région (CRSN, Hub).
    Region,
}

impl Cluster {
    /// The cluster's title.
    pub fn title(self) -> &'static str {
        match self {
            Cluster::Pilotage => "Pilotage",
            Cluster::Instances => "Instances de gouvernance",
            Cluster::Existants => "Instances existantes",
            Cluster::Feuilles => "Feuilles de route",
            Cluster::Region => "Région",
        }
    }

    /// A stable identifier, for formats that need one.
    pub fn key(self) -> &'static str {
        match self {
            Cluster::Pilotage => "pilotage",
            Cluster::Instances => "instances",
            Cluster::Existants => "existants",
            Cluster::Feuilles => "feuilles",
            Cluster::Region => "region",
        }
    }
}

/// A box.
#[derive(Clone, Debug, PartialEq)]
pub struct Boite {
    /// A safe identifier (`n0`, `n1`…), never user text.
    pub key: String,
    /// What it is.
    pub kind: Kind,
    /// Its group.
    pub cluster: Cluster,
    /// Its layer, 0 at the top.
    pub layer: usize,
    /// Its title (user text, not escaped).
    pub title: String,
    /// Its lines: kind, chairs, members (user text, not escaped).
    pub lines: Vec<String>,
}

/// What a link means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// The pilotage chairs a strategic comité.
    Preside,
    /// A comité reports to another (drawn from the parent to the child).
    RendCompte,
    /// A comité meets within an existing body (dashed).
    Adosse,
    /// A strategic comité (or the pilotage) follows a roadmap.
    Suit,
    /// The territory sits at the CRSN (dashed).
    Siege,
}

impl LinkKind {
    /// The link's label.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Preside => "préside",
            LinkKind::RendCompte => "rend compte",
            LinkKind::Adosse => "adossé à",
            LinkKind::Suit => "suit",
            LinkKind::Siege => "siège à",
        }
    }

    /// Whether it is drawn dashed.
    pub fn dashed(self) -> bool {
        matches!(self, LinkKind::Adosse | LinkKind::Siege)
    }
}

/// A link, from the upper box to the lower one (or left to right).
#[derive(Clone, Debug, PartialEq)]
pub struct Lien {
    /// Index of the first box.
    pub from: usize,
    /// Index of the second box.
    pub to: usize,
    /// What it means.
    pub kind: LinkKind,
}

/// The whole chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Organigramme {
    /// « Gouvernance France Numérique Ensemble — Isère ».
    pub title: String,
    /// The boxes, by layer then declaration order.
    pub boites: Vec<Boite>,
    /// The links.
    pub liens: Vec<Lien>,
}

impl Organigramme {
    /// The groups that have boxes, in drawing order, with their boxes.
    pub fn groupes(&self) -> Vec<(Cluster, Vec<&Boite>)> {
        [
            Cluster::Pilotage,
            Cluster::Region,
            Cluster::Instances,
            Cluster::Existants,
            Cluster::Feuilles,
        ]
        .into_iter()
        .map(|c| {
            (
                c,
                self.boites
                    .iter()
                    .filter(|b| b.cluster == c)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, boites)| !boites.is_empty())
        .collect()
    }
}

/// The width, in characters, lines are wrapped to in every format.
pub const WRAP: usize = 44;

/// How many names a box lists before summarising.
const MAX_NAMES: usize = 6;

impl Organigramme {
    /// The chart of a governance: the pilotage, the région's CRSN, the
    /// comités and their links, the existing bodies, the roadmaps; then
    /// the boxes sorted by layer.
    pub fn new(g: &Gouvernance, analyses: &Analyses) -> Organigramme {
        let mut chart = Builder {
            g,
            boites: Vec::new(),
            liens: Vec::new(),
        };
        let pilotage = chart.pilotage();
        chart.crsn(pilotage);
        let index = chart.comites(analyses);
        chart.comite_links(pilotage, &index);
        chart.existants(&index);
        chart.feuilles(pilotage, &index);
        chart.finish()
    }
}

/// The chart being built: boxes in creation order, links between their
/// indexes.
struct Builder<'g> {
    g: &'g Gouvernance,
    boites: Vec<Boite>,
    liens: Vec<Lien>,
}

impl<'g> Builder<'g> {
    /// Adds a box; returns its index.
    fn push(
        &mut self,
        kind: Kind,
        cluster: Cluster,
        layer: usize,
        title: String,
        lines: Vec<String>,
    ) -> usize {
        self.boites.push(Boite {
            key: format!("n{}", self.boites.len()),
            kind,
            cluster,
            layer,
            title,
            lines,
        });
        self.boites.len() - 1
    }

    fn link(&mut self, from: usize, to: usize, kind: LinkKind) {
        self.liens.push(Lien { from, to, kind });
    }

    /// The pilotage's box, on top.
    fn pilotage(&mut self) -> usize {
        let lines = pilotage_lines(self.g);
        self.push(
            Kind::Pilotage,
            Cluster::Pilotage,
            0,
            "Pilotage".to_string(),
            lines,
        )
    }

    /// The région's CRSN, beside the pilotage, where the territory sits.
    fn crsn(&mut self, pilotage: usize) {
        let g = self.g;
        let Some(crsn) = &g.crsn else { return };
        let region = Reference::get()
            .region(&crsn.region)
            .map_or_else(|| crsn.region.clone(), |r| r.nom.clone());
        let mut lines = vec!["Commission régionale de stratégie numérique".to_string()];
        lines.extend(members_lines(g, &crsn.membres, &[]));
        let i = self.push(
            Kind::Crsn,
            Cluster::Region,
            0,
            format!("CRSN {region}"),
            lines,
        );
        self.link(pilotage, i, LinkKind::Siege);
    }

    /// The comités by level; those that reach no strategic comité at the
    /// bottom. Returns each comité's box by identifier.
    fn comites(&mut self, analyses: &Analyses) -> BTreeMap<&'g str, usize> {
        let g = self.g;
        let niveaux = &analyses.graphe.niveaux;
        let max_level = niveaux.values().copied().max().unwrap_or(0) as usize;
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &g.comites {
            let layer = match niveaux.get(&c.id) {
                Some(&n) => 1 + n as usize,
                None => 2 + max_level,
            };
            let kind = if c.kind == ComiteType::Strategique {
                Kind::Strategique
            } else {
                Kind::Comite
            };
            let mut lines = vec![comite_kind(c.kind, c.precision.as_deref(), c.frequence)];
            lines.extend(members_lines(g, &c.membres, &c.presidence));
            if c.perimetre.kind == PerimetreKind::Membres {
                lines.push(format!("Périmètre : {}", summary(g, &c.perimetre.membres)));
            }
            let i = self.push(kind, Cluster::Instances, layer, c.nom.clone(), lines);
            index.insert(&c.id, i);
        }
        index
    }

    /// The pilotage chairs the strategic comités; each comité hangs from
    /// the one it reports to.
    fn comite_links(&mut self, pilotage: usize, index: &BTreeMap<&str, usize>) {
        for c in &self.g.comites {
            let i = index[c.id.as_str()];
            if c.kind == ComiteType::Strategique {
                self.link(pilotage, i, LinkKind::Preside);
            }
            if let Some(&parent) = c.rend_compte.as_deref().and_then(|p| index.get(p)) {
                self.link(parent, i, LinkKind::RendCompte);
            }
        }
    }

    /// Existing bodies beside the comité adossé to them.
    fn existants(&mut self, index: &BTreeMap<&str, usize>) {
        let g = self.g;
        for e in &g.existants {
            let adosses: Vec<usize> = g
                .comites
                .iter()
                .filter(|c| c.adosse.as_deref() == Some(&e.id))
                .map(|c| index[c.id.as_str()])
                .collect();
            let layer = adosses
                .iter()
                .map(|&i| self.boites[i].layer)
                .min()
                .unwrap_or(1);
            let contrat = match (&e.precision, e.contrat) {
                (Some(p), _) => format!("Instance existante ({p})"),
                (None, c) => format!("Instance existante ({})", contrat_nom(c)),
            };
            let mut lines = vec![contrat];
            lines.extend(members_lines(g, &e.membres, &[]));
            let i = self.push(
                Kind::Existant,
                Cluster::Existants,
                layer,
                e.nom.clone(),
                lines,
            );
            for from in adosses {
                self.link(from, i, LinkKind::Adosse);
            }
        }
    }

    /// Roadmaps at the bottom, followed by the strategic comité (or the
    /// pilotage when there is none).
    fn feuilles(&mut self, pilotage: usize, index: &BTreeMap<&str, usize>) {
        let g = self.g;
        let bottom = self.boites.iter().map(|b| b.layer).max().unwrap_or(0) + 1;
        let strategique = g
            .comites
            .iter()
            .find(|c| c.kind == ComiteType::Strategique)
            .map(|c| index[c.id.as_str()]);
        for f in &g.feuilles {
            let lines = feuille_lines(g, f);
            let i = self.push(
                Kind::Feuille,
                Cluster::Feuilles,
                bottom,
                f.nom.clone(),
                lines,
            );
            self.link(strategique.unwrap_or(pilotage), i, LinkKind::Suit);
        }
    }

    /// Boxes by layer (declaration order within a layer); keys and links
    /// follow.
    fn finish(self) -> Organigramme {
        let Builder {
            g,
            boites,
            mut liens,
        } = self;
        let mut order: Vec<usize> = (0..boites.len()).collect();
        order.sort_by_key(|&i| boites[i].layer);
        let mut new_of_old = vec![0; boites.len()];
        for (new, &old) in order.iter().enumerate() {
            new_of_old[old] = new;
        }
        let mut boites: Vec<Boite> = order.iter().map(|&i| boites[i].clone()).collect();
        for (i, b) in boites.iter_mut().enumerate() {
            b.key = format!("n{i}");
        }
        for l in &mut liens {
            l.from = new_of_old[l.from];
            l.to = new_of_old[l.to];
        }
        Organigramme {
            title: format!(
                "Gouvernance France Numérique Ensemble — {}",
                g.territoire.nom
            ),
            boites,
            liens,
        }
    }
}

/// A member's distinct name, or the identifier itself when unknown.
fn nom(g: &Gouvernance, id: &str) -> String {
    g.membre(id)
        .map_or_else(|| id.to_string(), Membre::nom_distinct)
}

/// The pilotage's lines: préfet, mode and carriers, coordination.
fn pilotage_lines(g: &Gouvernance) -> Vec<String> {
    let p = &g.pilotage;
    let porteurs = || {
        p.porteurs
            .iter()
            .map(|i| nom(g, i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = Vec::new();
    if let Some(prefet) = &p.prefet {
        lines.push(format!("Préfet : {}", nom(g, prefet)));
    }
    lines.push(match p.mode {
        Mode::EtatSeul => "L'État pilote seul".to_string(),
        Mode::Pilote => format!("Pilote : {}", porteurs()),
        Mode::Copilotage => format!("Copilotes : {}", porteurs()),
    });
    if !p.coordination.is_empty() {
        let noms: Vec<String> = p.coordination.iter().map(|c| nom(g, c)).collect();
        lines.push(format!("Coordination : {}", noms.join(", ")));
    }
    lines
}

/// A roadmap's lines: level, carrier, perimeter, number of actions.
fn feuille_lines(g: &Gouvernance, f: &FeuilleDeRoute) -> Vec<String> {
    let mut lines = vec![match f.niveau {
        "infra_departementale" => "Feuille infra-départementale".to_string(),
        "regionale" => "Feuille régionale".to_string(),
        _ => "Feuille départementale".to_string(),
    }];
    if let Some(porteur) = &f.porteur {
        lines.push(format!("Porteur : {}", nom(g, porteur)));
    }
    lines.push(format!(
        "Périmètre : {}",
        match f.perimetre.kind {
            PerimetreKind::Membres => summary(g, &f.perimetre.membres),
            PerimetreKind::Region => "la région".to_string(),
            _ => "le département".to_string(),
        }
    ));
    lines.push(match f.actions.len() {
        0 => "Aucune action".to_string(),
        1 => "1 action".to_string(),
        n => format!("{n} actions"),
    });
    lines
}

fn comite_kind(
    kind: ComiteType,
    precision: Option<&str>,
    frequence: Option<crate::model::Frequence>,
) -> String {
    let kind = match (kind, precision) {
        (ComiteType::Strategique, _) => "Comité stratégique".to_string(),
        (ComiteType::Technique, _) => "Comité technique".to_string(),
        (ComiteType::Consultatif, _) => "Comité consultatif".to_string(),
        (ComiteType::Autre, Some(p)) => format!("Autre ({p})"),
        (ComiteType::Autre, None) => "Autre".to_string(),
    };
    match frequence {
        Some(f) => format!("{kind}, réunion {}", f.as_str()),
        None => format!("{kind}, fréquence non fixée"),
    }
}

/// A contract's usual name (« CRTE », « SDAASaP »…).
pub(crate) fn contrat_nom(c: crate::model::Contrat) -> &'static str {
    use crate::model::Contrat;
    match c {
        Contrat::Crte => "CRTE",
        Contrat::Sdaasap => "SDAASaP",
        Contrat::Sdin => "SDIN",
        Contrat::Sdun => "SDUN",
        Contrat::Ctg => "CTG",
        Contrat::Autre => "autre",
    }
}

/// The lines of a body's members: chairs marked ★, then the members,
/// summarised by nature when long (« 18 EPCI »).
fn members_lines(g: &Gouvernance, membres: &[String], presidence: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    if !presidence.is_empty() {
        let chairs: Vec<String> = presidence
            .iter()
            .map(|id| {
                format!(
                    "★\u{a0}{}",
                    g.membre(id)
                        .map_or_else(|| id.clone(), Membre::nom_distinct)
                )
            })
            .collect();
        lines.push(format!("Présidence : {}", chairs.join(", ")));
    }
    let others: Vec<String> = membres
        .iter()
        .filter(|m| !presidence.contains(m))
        .cloned()
        .collect();
    if !others.is_empty() {
        lines.push(format!("Membres : {}", summary(g, &others)));
    }
    lines
}

/// Names of members, or a summary by nature when there are many: « 18
/// EPCI, 3 communes, CAF de l'Isère, … ».
pub(crate) fn summary(g: &Gouvernance, ids: &[String]) -> String {
    if ids.len() <= MAX_NAMES {
        return ids
            .iter()
            .map(|id| {
                g.membre(id)
                    .map_or_else(|| id.clone(), Membre::nom_distinct)
            })
            .collect::<Vec<_>>()
            .join(", ");
    }
    let mut by_nature: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut named = Vec::new();
    for id in ids {
        match g.membre(id).map(|m| m.nature) {
            Some(Nature::Epci) => *by_nature.entry("EPCI").or_default() += 1,
            Some(Nature::Commune) => *by_nature.entry("communes").or_default() += 1,
            Some(Nature::Association) | Some(Nature::AssociationElus) => {
                *by_nature.entry("associations").or_default() += 1
            }
            _ => named.push(
                g.membre(id)
                    .map_or_else(|| id.clone(), Membre::nom_distinct),
            ),
        }
    }
    let mut parts: Vec<String> = by_nature
        .into_iter()
        .map(|(what, n)| match (what, n) {
            ("communes", 1) => "1 commune".to_string(),
            ("associations", 1) => "1 association".to_string(),
            (what, n) => format!("{n} {what}"),
        })
        .collect();
    if named.len() > MAX_NAMES - parts.len().min(MAX_NAMES) {
        let keep = MAX_NAMES.saturating_sub(parts.len()).max(1);
        let rest = named.len() - keep;
        named.truncate(keep);
        named.push(if rest == 1 {
            "et\u{a0}1\u{a0}autre".to_string()
        } else {
            format!("et\u{a0}{rest}\u{a0}autres")
        });
    }
    parts.extend(named);
    parts.join(", ")
}

/// Wraps text to `width` columns at spaces, first fit; a word longer than
/// the width is cut. Only ordinary spaces break: a no-break space keeps
/// its words on one line.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

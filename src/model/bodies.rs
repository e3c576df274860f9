//! Resolution of the pilotage, the comités, the existing bodies, their
//! perimeters, the `rend_compte` chains, the CRSN and the non-overlap
//! constraints.

use std::collections::{BTreeMap, BTreeSet};

use crate::span::Span;
use crate::syntax::ast::{self, Attr, BodyAttr, Ident, Item, PilotageAttr};

use super::resolve::{DeclKind, Resolver};
use super::types::*;
use super::wording::{self, Autre, Repeated, Role, ValueOf};

/// The attributes of a comité or an existing body, once read.
#[derive(Default)]
struct BodyParts {
    presidence: Vec<String>,
    membres: Vec<String>,
    frequence: Option<Frequence>,
    perimetre: Option<Perimetre>,
    rend_compte: Option<(String, Span)>,
    adosse: Option<String>,
    mission: Option<String>,
    prochaine_reunion: Option<String>,
}

/// What a member of a perimeter list covers.
struct Covered {
    /// An EPCI's SIREN, or a commune's EPCI and EPT when it has them.
    epci: Vec<String>,
    /// A commune's INSEE code.
    commune: Option<String>,
}

impl<'a> Resolver<'a> {
    /// The first block `pick` recognises among the items, with its span;
    /// each later one is reported as a repetition of the block `name`.
    pub(super) fn single_block<T>(
        &mut self,
        name: &'static str,
        pick: impl Fn(&'a Item) -> Option<(&'a T, Span)>,
    ) -> Option<&'a T> {
        let file = self.file;
        let mut found: Option<(&'a T, Span)> = None;
        for (block, span) in file.items.iter().filter_map(pick) {
            match found {
                Some((_, first)) => self.repeated(Repeated::Block(name), span, first),
                None => found = Some((block, span)),
            }
        }
        found.map(|(block, _)| block)
    }

    /// The `pilotage` block: who steers (a pilot, copilots, or the État
    /// alone), the préfet and the coordination.
    pub(super) fn pilotage(&mut self) -> Pilotage {
        let found = self.single_block("pilotage", |item| match item {
            Item::Pilotage(p) => Some((p, p.span)),
            _ => None,
        });
        let mut pilotage = Pilotage {
            prefet: None,
            pilote: None,
            copilotes: Vec::new(),
            porteurs: Vec::new(),
            mode: Mode::EtatSeul,
            coordination: Vec::new(),
            referent: None,
            span: found.map(|p| p.span),
        };
        let Some(decl) = found else {
            return pilotage;
        };
        let (pilote_span, copilotes_span) = self.pilotage_attrs(decl, &mut pilotage);
        if let (Some(p), Some(c)) = (pilote_span, copilotes_span) {
            let (first, second) = if p.start < c.start { (p, c) } else { (c, p) };
            self.error(wording::pilote_and_copilotes(second, first));
        }
        pilotage.porteurs = match &pilotage.pilote {
            Some(p) => vec![p.clone()],
            None => pilotage.copilotes.clone(),
        };
        pilotage.mode = if pilotage.pilote.is_some() {
            Mode::Pilote
        } else if copilotes_span.is_some() {
            Mode::Copilotage
        } else {
            Mode::EtatSeul
        };
        pilotage
    }

    /// Reads the block's attributes into `pilotage`, each once. Returns
    /// where `pilote` and `copilotes` are written.
    fn pilotage_attrs(
        &mut self,
        decl: &ast::PilotageDecl,
        pilotage: &mut Pilotage,
    ) -> (Option<Span>, Option<Span>) {
        let mut seen: [Option<Span>; 5] = [None; 5];
        for attr in &decl.attrs {
            let (slot, name, span) = match attr {
                PilotageAttr::Prefet(a) => (0, "prefet", a.span),
                PilotageAttr::Pilote(a) => (1, "pilote", a.span),
                PilotageAttr::Copilotes(a) => (2, "copilotes", a.span),
                PilotageAttr::Coordination(a) => (3, "coordination", a.span),
                PilotageAttr::Referent(a) => (4, "referent", a.span),
            };
            if let Some(first) = seen[slot] {
                self.repeated(Repeated::Keyword(name), span, first);
                continue;
            }
            seen[slot] = Some(span);
            match attr {
                PilotageAttr::Prefet(a) => pilotage.prefet = self.member(&a.value, Role::Prefet),
                PilotageAttr::Pilote(a) => pilotage.pilote = self.member(&a.value, Role::Pilote),
                PilotageAttr::Copilotes(a) => {
                    pilotage.copilotes = self.members(&a.value, Role::Copilotes)
                }
                PilotageAttr::Coordination(a) => {
                    pilotage.coordination = self.members(&a.value, Role::Coordination)
                }
                PilotageAttr::Referent(a) => {
                    let (nom, email) = &a.value;
                    pilotage.referent = Some(Referent {
                        nom: nom.value.clone(),
                        email: email.value.clone(),
                        email_valide: email_address::EmailAddress::is_valid(email.value.trim()),
                        span: a.span,
                    });
                }
            }
        }
        (seen[1], seen[2])
    }

    /// Looks up one member.
    fn member(&mut self, id: &Ident, role: Role) -> Option<String> {
        self.lookup(id, &[DeclKind::Membre], role)
            .map(|_| id.name.clone())
    }

    pub(super) fn comites(&mut self) -> Vec<Comite> {
        let file = self.file;
        let mut out = Vec::new();
        for item in &file.items {
            let Item::Comite(decl) = item else { continue };
            let kind = self.enumeration(
                &decl.kind,
                ValueOf::TypeComite,
                ComiteType::ALL,
                ComiteType::parse,
            );
            self.precision(
                kind == Some(ComiteType::Autre),
                &decl.kind,
                decl.precision.as_ref(),
                Autre::Comite {
                    id: &decl.id.name,
                    nom: &decl.nom.value,
                },
            );
            let parts = self.body_parts(&decl.attrs, true);
            let Some(kind) = kind else { continue };
            out.push(Comite {
                id: decl.id.name.clone(),
                kind,
                precision: decl.precision.as_ref().map(|s| s.value.clone()),
                nom: decl.nom.value.clone(),
                presidence: parts.presidence,
                membres: parts.membres,
                frequence: parts.frequence,
                perimetre: parts.perimetre.unwrap_or_else(|| self.default_perimetre()),
                rend_compte: parts.rend_compte.map(|(id, _)| id),
                adosse: parts.adosse,
                mission: parts.mission,
                prochaine_reunion: parts.prochaine_reunion,
                span: decl.span,
            });
        }
        out
    }

    pub(super) fn existants(&mut self) -> Vec<Existant> {
        let file = self.file;
        let mut out = Vec::new();
        for item in &file.items {
            let Item::Existant(decl) = item else { continue };
            let contrat = self.enumeration(
                &decl.contrat,
                ValueOf::Contrat,
                Contrat::ALL,
                Contrat::parse,
            );
            self.precision(
                contrat == Some(Contrat::Autre),
                &decl.contrat,
                decl.precision.as_ref(),
                Autre::Existant {
                    id: &decl.id.name,
                    nom: &decl.nom.value,
                },
            );
            let parts = self.body_parts(&decl.attrs, false);
            let Some(contrat) = contrat else { continue };
            out.push(Existant {
                id: decl.id.name.clone(),
                contrat,
                precision: decl.precision.as_ref().map(|s| s.value.clone()),
                nom: decl.nom.value.clone(),
                membres: parts.membres,
                perimetre: parts.perimetre.unwrap_or_else(|| self.default_perimetre()),
                span: decl.span,
            });
        }
        out
    }

    /// `autre "précision"`: required for `autre`, meaningless otherwise.
    pub(super) fn precision(
        &mut self,
        autre: bool,
        value: &Ident,
        precision: Option<&ast::Str>,
        what: Autre,
    ) {
        match (autre, precision) {
            (true, None) => self.error(wording::precision_missing(value, what)),
            (false, Some(p)) => self.error(wording::precision_unexpected(p, what)),
            _ => {}
        }
    }

    fn body_parts(&mut self, attrs: &[BodyAttr], comite: bool) -> BodyParts {
        let mut parts = BodyParts::default();
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        for attr in attrs {
            let (name, span) = match attr {
                BodyAttr::Presidence(a) => ("presidence", a.span),
                BodyAttr::Membres(a) => ("membres", a.span),
                BodyAttr::Frequence(a) => ("frequence", a.span),
                BodyAttr::Perimetre(a) => ("perimetre", a.span),
                BodyAttr::RendCompte(a) => ("rend_compte", a.span),
                BodyAttr::Adosse(a) => ("adosse", a.span),
                BodyAttr::Mission(a) => ("mission", a.span),
                BodyAttr::ProchaineReunion(a) => ("prochaine_reunion", a.span),
            };
            if let Some(first) = seen.insert(name, span) {
                self.repeated(Repeated::Keyword(name), span, first);
                continue;
            }
            match attr {
                BodyAttr::Presidence(a) => {
                    parts.presidence = self.members(&a.value, Role::Presidence)
                }
                BodyAttr::Membres(a) => parts.membres = self.members(&a.value, Role::Membres),
                BodyAttr::Frequence(a) => {
                    parts.frequence = self.enumeration(
                        &a.value,
                        ValueOf::Frequence,
                        Frequence::ALL,
                        Frequence::parse,
                    )
                }
                BodyAttr::Perimetre(a) => parts.perimetre = Some(self.perimetre(a)),
                BodyAttr::RendCompte(a) => {
                    if self
                        .lookup(&a.value, &[DeclKind::Comite], Role::RendCompte)
                        .is_some()
                    {
                        parts.rend_compte = Some((a.value.name.clone(), a.span));
                    }
                }
                BodyAttr::Adosse(a) => {
                    if self
                        .lookup(&a.value, &[DeclKind::Existant], Role::Adosse)
                        .is_some()
                    {
                        parts.adosse = Some(a.value.name.clone());
                    }
                }
                BodyAttr::Mission(a) => parts.mission = Some(a.value.value.clone()),
                BodyAttr::ProchaineReunion(a) => {
                    if a.value.valid {
                        parts.prochaine_reunion = Some(a.value.raw.clone());
                    }
                }
            }
        }
        debug_assert!(comite || (parts.frequence.is_none() && parts.rend_compte.is_none()));
        parts
    }

    /// The territory's perimeter, when none is written.
    pub(super) fn default_perimetre(&self) -> Perimetre {
        Perimetre {
            kind: PerimetreKind::Territoire,
            membres: Vec::new(),
            epci: self
                .territoire
                .as_ref()
                .map(|t| t.epci.clone())
                .unwrap_or_default(),
            communes: Vec::new(),
            span: None,
        }
    }

    /// `perimetre departement`, `perimetre region`, or a list of EPCI and
    /// commune members.
    pub(super) fn perimetre(&mut self, attr: &Attr<Vec<Ident>>) -> Perimetre {
        if let [only] = attr.value.as_slice()
            && self.is_perimetre_keyword(only)
        {
            return self.perimetre_keyword(only, attr.span);
        }
        let mut membres = Vec::new();
        let mut epci = BTreeSet::new();
        let mut communes = BTreeSet::new();
        for id in &attr.value {
            let Some(covered) = self.perimetre_member(id) else {
                continue;
            };
            epci.extend(covered.epci);
            communes.extend(covered.commune);
            membres.push(id.name.clone());
        }
        Perimetre {
            kind: PerimetreKind::Membres,
            membres,
            epci: epci.into_iter().collect(),
            communes: communes.into_iter().collect(),
            span: Some(attr.span),
        }
    }

    /// Whether `id` is the keyword `departement` or `region` (and not a
    /// declared name).
    fn is_perimetre_keyword(&self, id: &Ident) -> bool {
        !self.symbols.contains_key(&id.name) && matches!(id.name.as_str(), "departement" | "region")
    }

    /// `perimetre departement` (the territory's EPCI) or `perimetre region`
    /// (every EPCI of the région's départements).
    fn perimetre_keyword(&self, keyword: &Ident, span: Span) -> Perimetre {
        let territoire = self.territoire.as_ref();
        let (kind, epci) = if keyword.name == "departement" {
            let epci = territoire.map(|t| t.epci.clone()).unwrap_or_default();
            (PerimetreKind::Departement, epci)
        } else {
            let region = territoire.map(|t| t.region.clone()).unwrap_or_default();
            (PerimetreKind::Region, self.region_epcis(&region))
        };
        Perimetre {
            kind,
            membres: Vec::new(),
            epci,
            communes: Vec::new(),
            span: Some(span),
        }
    }

    /// The SIREN of every EPCI of the départements of `region`, sorted.
    fn region_epcis(&self, region: &str) -> Vec<String> {
        let mut all = BTreeSet::new();
        for d in self.reference.departements().filter(|d| d.region == region) {
            for e in self.reference.epcis_of_departement(d.code) {
                all.insert(e.siren.to_string());
            }
        }
        all.into_iter().collect()
    }

    /// What one name of a perimeter list covers. `None` when it is
    /// reported (a keyword in a list, a member neither EPCI nor commune) or
    /// not a resolved member.
    fn perimetre_member(&mut self, id: &Ident) -> Option<Covered> {
        if self.is_perimetre_keyword(id) {
            self.error(wording::perimetre_not_alone(id));
            return None;
        }
        self.lookup(id, &[DeclKind::Membre], Role::Perimetre)?;
        let m = self.membres.get(&id.name)?;
        match m.nature {
            Nature::Epci => Some(Covered {
                epci: m.code.iter().cloned().collect(),
                commune: None,
            }),
            Nature::Commune => {
                let code = m.code.clone().unwrap_or_default();
                Some(Covered {
                    epci: self
                        .reference
                        .commune(&code)
                        .map(|c| c.epci.iter().chain(&c.ept).map(|e| e.to_string()).collect())
                        .unwrap_or_default(),
                    commune: Some(code),
                })
            }
            nature => {
                let span = self.symbols.get(&id.name).map_or(m.span, |d| d.span);
                self.error(wording::perimetre_nature(id, nature, span));
                None
            }
        }
    }

    /// Reports every cycle of `rend_compte`, once, as `a → b → a`.
    pub(super) fn check_cycles(&mut self, comites: &[Comite]) {
        let file = self.file;
        let mut target: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for item in &file.items {
            let Item::Comite(decl) = item else { continue };
            order.push(&decl.id.name);
            for attr in &decl.attrs {
                if let BodyAttr::RendCompte(a) = attr
                    && comites.iter().any(|c| {
                        c.id == decl.id.name && c.rend_compte.as_deref() == Some(&a.value.name)
                    })
                {
                    target.insert(&decl.id.name, (&a.value.name, a.span));
                }
            }
        }
        let mut reported: BTreeSet<&str> = BTreeSet::new();
        for &start in &order {
            if reported.contains(start) {
                continue;
            }
            let mut path: Vec<&str> = vec![start];
            let mut current = start;
            while let Some(&(next, _)) = target.get(current) {
                if let Some(pos) = path.iter().position(|&p| p == next) {
                    let cycle: Vec<&str> = path[pos..].to_vec();
                    if cycle.iter().any(|c| reported.contains(c)) {
                        break;
                    }
                    reported.extend(cycle.iter().copied());
                    // Start the cycle at the comité declared first.
                    let first_idx = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, c)| order.iter().position(|o| o == *c))
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    let mut rotated: Vec<&str> = cycle[first_idx..].to_vec();
                    rotated.extend_from_slice(&cycle[..first_idx]);
                    let links: Vec<(&str, &str, Span)> = rotated
                        .iter()
                        .map(|&c| (c, target[c].0, target[c].1))
                        .collect();
                    self.error(wording::cycle(&links));
                    break;
                }
                path.push(next);
                current = next;
            }
        }
    }

    pub(super) fn sans_chevauchement(&mut self) -> Vec<SansChevauchement> {
        let file = self.file;
        let mut out = Vec::new();
        for item in &file.items {
            let Item::SansChevauchement(decl) = item else {
                continue;
            };
            let mut ids = Vec::new();
            let mut seen: Vec<&Ident> = Vec::new();
            for id in &decl.ids {
                // `sans_chevauchement a, a` constrains nothing: one
                // instance named twice is one instance.
                if let Some(first) = seen.iter().find(|s| s.name == id.name) {
                    self.error(wording::cited_twice(id, first.span));
                    continue;
                }
                seen.push(id);
                if self
                    .lookup(
                        id,
                        &[DeclKind::Comite, DeclKind::Feuille],
                        Role::SansChevauchement,
                    )
                    .is_some()
                    && !ids.contains(&id.name)
                {
                    ids.push(id.name.clone());
                }
            }
            if seen.len() < 2 {
                self.error(wording::sans_chevauchement_alone(decl.span));
            }
            out.push(SansChevauchement {
                ids,
                span: decl.span,
            });
        }
        out
    }

    pub(super) fn crsn(&mut self) -> Option<Crsn> {
        let decl = self.single_block("crsn", |item| match item {
            Item::Crsn(c) => Some((c, c.span)),
            _ => None,
        })?;
        let region = match self.reference.normalize_region_code(&decl.region.value) {
            Some(r) => r,
            None => {
                self.error(wording::unknown_crsn_region(&decl.region));
                return None;
            }
        };
        let mut membres = Vec::new();
        let mut first: Option<Span> = None;
        for line in &decl.membres {
            if let Some(f) = first {
                self.repeated(Repeated::Keyword("membres"), line.span, f);
                continue;
            }
            first = Some(line.span);
            membres = self.members(&line.value, Role::CrsnMembres);
        }
        Some(Crsn {
            region,
            membres,
            span: decl.span,
        })
    }
}

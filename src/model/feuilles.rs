//! Resolution of the roadmaps and their actions, the needs in engineering
//! and the derogations.

use std::collections::BTreeMap;

use crate::span::Span;
use crate::syntax::ast::{self, ActionAttr, Attr, BesoinOption, FeuilleAttr, Item, SubventionAttr};

use super::resolve::{DeclKind, Resolver};
use super::types::*;
use super::wording::{self, Autre, Repeated, Role, ValueOf, Years};

/// The attributes of a roadmap, once read.
#[derive(Default)]
struct FeuilleParts {
    porteur: Option<String>,
    perimetre: Option<Perimetre>,
    contrat: Option<Contrat>,
    contrat_precision: Option<String>,
    diagnostic: Option<String>,
    /// Its actions' indexes in the list of every action.
    actions: Vec<usize>,
}

impl Resolver<'_> {
    /// Every roadmap, and every action of every roadmap (each roadmap
    /// holds its actions' indexes).
    pub(super) fn feuilles(&mut self, periode: &Periode) -> (Vec<FeuilleDeRoute>, Vec<Action>) {
        let _ = periode;
        let file = self.file;
        let mut feuilles = Vec::new();
        let mut actions = Vec::new();
        for item in &file.items {
            let Item::FeuilleDeRoute(decl) = item else {
                continue;
            };
            feuilles.push(self.feuille(decl, &mut actions));
        }
        (feuilles, actions)
    }

    /// One roadmap; its actions are added to `actions`.
    fn feuille(
        &mut self,
        decl: &ast::FeuilleDeRouteDecl,
        actions: &mut Vec<Action>,
    ) -> FeuilleDeRoute {
        let parts = self.feuille_parts(decl, actions);
        let perimetre = parts.perimetre.unwrap_or_else(|| self.default_perimetre());
        let niveau = match perimetre.kind {
            PerimetreKind::Region => "regionale",
            PerimetreKind::Membres => "infra_departementale",
            PerimetreKind::Territoire | PerimetreKind::Departement => "departementale",
        };
        FeuilleDeRoute {
            id: decl.id.name.clone(),
            nom: decl.nom.value.clone(),
            porteur: parts.porteur,
            perimetre,
            niveau,
            contrat: parts.contrat,
            contrat_precision: parts.contrat_precision,
            diagnostic: parts.diagnostic,
            actions: parts.actions,
            span: decl.span,
        }
    }

    /// Reads a roadmap's attributes, each once, and its actions, added to
    /// `actions`.
    fn feuille_parts(
        &mut self,
        decl: &ast::FeuilleDeRouteDecl,
        actions: &mut Vec<Action>,
    ) -> FeuilleParts {
        let mut parts = FeuilleParts::default();
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        for attr in &decl.attrs {
            let once = match attr {
                FeuilleAttr::Porteur(a) => Some(("porteur", a.span)),
                FeuilleAttr::Perimetre(a) => Some(("perimetre", a.span)),
                FeuilleAttr::Contrat(a) => Some(("contrat", a.span)),
                FeuilleAttr::Diagnostic(a) => Some(("diagnostic", a.span)),
                FeuilleAttr::Action(_) => None,
            };
            if let Some((name, span)) = once
                && !self.first_time(&mut seen, name, span)
            {
                continue;
            }
            match attr {
                FeuilleAttr::Porteur(a) => {
                    parts.porteur = self
                        .lookup(&a.value, &[DeclKind::Membre], Role::Porteur)
                        .map(|_| a.value.name.clone())
                }
                FeuilleAttr::Perimetre(a) => parts.perimetre = Some(self.perimetre(a)),
                FeuilleAttr::Contrat(a) => {
                    parts.contrat = self.feuille_contrat(a);
                    parts.contrat_precision = a.value.1.as_ref().map(|p| p.value.clone());
                }
                FeuilleAttr::Diagnostic(a) => parts.diagnostic = Some(a.value.value.clone()),
                FeuilleAttr::Action(action) => {
                    if let Some(a) = self.action(&decl.id.name, action) {
                        parts.actions.push(actions.len());
                        actions.push(a);
                    }
                }
            }
        }
        parts
    }

    /// Whether the attribute `name`, written at most once, is met for the
    /// first time (`seen`: those met, with their first span); reports the
    /// repetition otherwise.
    fn first_time(
        &mut self,
        seen: &mut BTreeMap<&'static str, Span>,
        name: &'static str,
        span: Span,
    ) -> bool {
        match seen.insert(name, span) {
            Some(first) => {
                self.repeated(Repeated::Keyword(name), span, first);
                false
            }
            None => true,
        }
    }

    /// A roadmap's `contrat VALEUR ["précision"]`.
    fn feuille_contrat(&mut self, attr: &Attr<(ast::Ident, Option<ast::Str>)>) -> Option<Contrat> {
        let (value, precision) = &attr.value;
        let contrat = self.enumeration(value, ValueOf::Contrat, Contrat::ALL, Contrat::parse);
        self.precision(
            contrat == Some(Contrat::Autre),
            value,
            precision.as_ref(),
            Autre::Contrat,
        );
        contrat
    }

    /// One action of the roadmap `feuille`.
    fn action(&mut self, feuille: &str, decl: &ast::ActionDecl) -> Option<Action> {
        let mut action = Action {
            feuille: feuille.to_string(),
            nom: decl.nom.value.clone(),
            porteurs: Vec::new(),
            besoins: Vec::new(),
            debut: None,
            fin: None,
            budget: None,
            financements: Vec::new(),
            total_financements: 0.0,
            subvention: None,
            total_prevu: 0.0,
            span: decl.span,
        };
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        for attr in &decl.attrs {
            let once = match attr {
                ActionAttr::Porteurs(a) => Some(("porteurs", a.span)),
                ActionAttr::Besoins(a) => Some(("besoins", a.span)),
                ActionAttr::Annees(a) => Some(("annees", a.span)),
                ActionAttr::Budget(a) => Some(("budget", a.span)),
                ActionAttr::Subvention(a) => Some(("subvention", a.span)),
                ActionAttr::Financement(_) => None,
            };
            if let Some((name, span)) = once
                && !self.first_time(&mut seen, name, span)
            {
                continue;
            }
            match attr {
                ActionAttr::Porteurs(a) => action.porteurs = self.members(&a.value, Role::Porteurs),
                ActionAttr::Besoins(a) => action.besoins = self.action_besoins(&a.value),
                ActionAttr::Annees(a) => {
                    if self.check_range(&a.value, Years::Annees) {
                        action.debut = Some(a.value.start);
                        action.fin = Some(a.value.end);
                    }
                }
                ActionAttr::Budget(a) => action.budget = Some(a.value.value),
                ActionAttr::Financement(a) => {
                    if let Some(f) = self.financement(a) {
                        action.financements.push(f);
                    }
                }
                ActionAttr::Subvention(a) => action.subvention = Some(self.subvention(a)),
            }
        }
        action.total_financements = action.financements.iter().map(|f| f.montant).sum();
        action.total_prevu =
            action.total_financements + action.subvention.as_ref().map_or(0.0, |s| s.montant);
        Some(action)
    }

    /// An action's `besoins`: the known values, each once.
    fn action_besoins(&mut self, values: &[ast::Ident]) -> Vec<BesoinKind> {
        let mut besoins = Vec::new();
        for b in values {
            if let Some(kind) =
                self.enumeration(b, ValueOf::Besoin, BesoinKind::ALL, BesoinKind::parse)
                && !besoins.contains(&kind)
            {
                besoins.push(kind);
            }
        }
        besoins
    }

    /// `financement ID MONTANT`: one budget line of a member (a member
    /// may have several, which add up).
    fn financement(&mut self, attr: &Attr<(ast::Ident, ast::Number)>) -> Option<Financement> {
        let (who, amount) = &attr.value;
        self.lookup(who, &[DeclKind::Membre], Role::Financement)?;
        Some(Financement {
            membre: who.name.clone(),
            montant: amount.value,
            span: attr.span,
        })
    }

    /// An action's `subvention MONTANT {…}` block.
    fn subvention(&mut self, decl: &ast::SubventionDecl) -> Subvention {
        let mut subvention = Subvention {
            montant: decl.montant.value,
            enveloppe: None,
            enveloppe_precision: None,
            etp: None,
            prestation: None,
            beneficiaires: Vec::new(),
            total_beneficiaires: 0.0,
            statut: None,
            span: decl.span,
        };
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        let mut beneficiaires: BTreeMap<&str, Span> = BTreeMap::new();
        for attr in &decl.attrs {
            let once = match attr {
                SubventionAttr::Enveloppe(a) => Some(("enveloppe", a.span)),
                SubventionAttr::Etp(a) => Some(("etp", a.span)),
                SubventionAttr::Prestation(a) => Some(("prestation", a.span)),
                SubventionAttr::Statut(a) => Some(("statut", a.span)),
                SubventionAttr::Beneficiaire(_) => None,
            };
            if let Some((name, span)) = once
                && !self.first_time(&mut seen, name, span)
            {
                continue;
            }
            match attr {
                SubventionAttr::Enveloppe(a) => {
                    let (value, precision) = &a.value;
                    let enveloppe = self.enumeration(
                        value,
                        ValueOf::Enveloppe,
                        Enveloppe::ALL,
                        Enveloppe::parse,
                    );
                    self.precision(
                        enveloppe == Some(Enveloppe::Autre),
                        value,
                        precision.as_ref(),
                        Autre::Enveloppe,
                    );
                    subvention.enveloppe = enveloppe;
                    subvention.enveloppe_precision = precision.as_ref().map(|p| p.value.clone());
                }
                SubventionAttr::Etp(a) => subvention.etp = Some(a.value.value),
                SubventionAttr::Prestation(a) => subvention.prestation = Some(a.value.value),
                SubventionAttr::Statut(a) => {
                    subvention.statut =
                        self.enumeration(&a.value, ValueOf::Statut, Statut::ALL, Statut::parse)
                }
                SubventionAttr::Beneficiaire(a) => {
                    let (who, amount) = &a.value;
                    if let Some(first) = beneficiaires.insert(&who.name, a.span) {
                        self.repeated(Repeated::Beneficiaire(&who.name), a.span, first);
                        continue;
                    }
                    if self
                        .lookup(who, &[DeclKind::Membre], Role::Beneficiaire)
                        .is_some()
                    {
                        subvention.beneficiaires.push(BeneficiaireSubvention {
                            membre: who.name.clone(),
                            montant: amount.value,
                            span: a.span,
                        });
                    }
                }
            }
        }
        if !seen.contains_key("enveloppe") {
            self.error(wording::enveloppe_missing(decl.keyword));
        }
        subvention.total_beneficiaires = subvention.beneficiaires.iter().map(|b| b.montant).sum();
        subvention
    }

    /// The `besoins` block: one line per need, and the `total_etp` line.
    pub(super) fn besoins(&mut self) -> (Vec<Besoin>, Option<BesoinsTotal>) {
        let found = self.single_block("besoins", |item| match item {
            Item::Besoins(b) => Some((b, b.span)),
            _ => None,
        });
        let Some(decl) = found else {
            return (Vec::new(), None);
        };
        let mut out: Vec<Besoin> = Vec::new();
        let mut lines: BTreeMap<BesoinKind, Span> = BTreeMap::new();
        for line in &decl.besoins {
            out.extend(self.besoin(line, &mut lines));
        }
        let mut total: Option<BesoinsTotal> = None;
        for line in &decl.total_etp {
            if let Some(first) = &total {
                self.repeated(Repeated::Keyword("total_etp"), line.span, first.span);
                continue;
            }
            total = Some(BesoinsTotal {
                etp: line.etp.value,
                priorite: line.priorite.as_ref().and_then(|p| self.priorite(&p.value)),
                span: line.span,
            });
        }
        (out, total)
    }

    /// One line of the `besoins` block, once per need (`lines`: the needs
    /// met, with their first line).
    fn besoin(
        &mut self,
        line: &ast::BesoinDecl,
        lines: &mut BTreeMap<BesoinKind, Span>,
    ) -> Option<Besoin> {
        let kind = self.enumeration(
            &line.besoin,
            ValueOf::Besoin,
            BesoinKind::ALL,
            BesoinKind::parse,
        )?;
        if let Some(first) = lines.insert(kind, line.span) {
            self.repeated(Repeated::Besoin(kind), line.span, first);
            return None;
        }
        if let Some(precision) = &line.precision
            && !kind.autre()
        {
            self.error(wording::precision_unexpected(precision, Autre::Besoin));
        }
        let mut besoin = Besoin {
            besoin: kind,
            groupe: kind.groupe(),
            formation: kind.compte_des_personnes(),
            autre: kind.autre(),
            precision: line.precision.as_ref().map(|p| p.value.clone()),
            etp: None,
            prestation: false,
            nombre: None,
            priorite: None,
            span: line.span,
        };
        self.besoin_options(&line.options, &mut besoin);
        Some(besoin)
    }

    /// A need's options, each once.
    fn besoin_options(&mut self, options: &[BesoinOption], besoin: &mut Besoin) {
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        for option in options {
            let (name, span) = match option {
                BesoinOption::Etp(a) => ("etp", a.span),
                BesoinOption::Prestation(a) => ("prestation", a.span),
                BesoinOption::Nombre(a) => ("nombre", a.span),
                BesoinOption::Priorite(a) => ("priorite", a.span),
            };
            if !self.first_time(&mut seen, name, span) {
                continue;
            }
            match option {
                BesoinOption::Etp(a) => besoin.etp = Some(a.value.value),
                BesoinOption::Prestation(_) => besoin.prestation = true,
                BesoinOption::Nombre(a) => {
                    if besoin.formation {
                        besoin.nombre = Some(a.value.value);
                    } else {
                        self.error(wording::nombre_unexpected(a.span, besoin.besoin));
                    }
                }
                BesoinOption::Priorite(a) => besoin.priorite = self.priorite(&a.value),
            }
        }
    }

    /// A need's `priorite`: a whole rank from 1 to 99.
    fn priorite(&mut self, value: &ast::Number) -> Option<u32> {
        let v = value.value;
        if v >= 1.0 && v.fract() == 0.0 && v <= 99.0 {
            Some(v as u32)
        } else {
            self.error(wording::priorite_not_rank(value));
            None
        }
    }

    pub(super) fn derogations(&mut self) -> Vec<Derogation> {
        let file = self.file;
        let mut out: Vec<Derogation> = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for item in &file.items {
            let Item::Derogation(decl) = item else {
                continue;
            };
            let rule = &decl.rule;
            if !self.known_rules.contains(&rule.value.as_str()) {
                let d = wording::unknown_rule(rule, self.known_rules.iter().copied());
                self.error(d);
                continue;
            }
            if let Some(first) = seen.insert(rule.value.clone(), decl.span) {
                self.repeated(Repeated::Derogation(&rule.value), decl.span, first);
                continue;
            }
            if decl.motif.value.trim().is_empty() {
                self.error(wording::derogation_without_motif(&decl.motif, &rule.value));
                continue;
            }
            out.push(Derogation {
                regle: rule.value.clone(),
                motif: decl.motif.value.clone(),
                span: decl.span,
            });
        }
        out
    }
}

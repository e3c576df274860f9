//! Resolution of the roadmaps and their actions, the needs in engineering
//! and the derogations.

use std::collections::BTreeMap;

use crate::span::Span;
use crate::syntax::ast::{self, ActionAttr, BesoinOption, FeuilleAttr, Item};

use super::resolve::{DeclKind, Resolver};
use super::types::*;
use super::wording::{self, Autre, Repeated, Role, ValueOf, Years};

impl Resolver<'_> {
    pub(super) fn feuilles(&mut self, periode: &Periode) -> (Vec<FeuilleDeRoute>, Vec<Action>) {
        let _ = periode;
        let file = self.file;
        let mut feuilles = Vec::new();
        let mut actions = Vec::new();
        for item in &file.items {
            let Item::FeuilleDeRoute(decl) = item else {
                continue;
            };
            let mut porteur = None;
            let mut perimetre = None;
            let mut contrat = None;
            let mut contrat_precision = None;
            let mut diagnostic = None;
            let mut indexes = Vec::new();
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
                    && let Some(first) = seen.insert(name, span)
                {
                    self.repeated(Repeated::Keyword(name), span, first);
                    continue;
                }
                match attr {
                    FeuilleAttr::Porteur(a) => {
                        porteur = self
                            .lookup(&a.value, &[DeclKind::Membre], Role::Porteur)
                            .map(|_| a.value.name.clone())
                    }
                    FeuilleAttr::Perimetre(a) => perimetre = Some(self.perimetre(a)),
                    FeuilleAttr::Contrat(a) => {
                        let (value, precision) = &a.value;
                        contrat =
                            self.enumeration(value, ValueOf::Contrat, Contrat::ALL, Contrat::parse);
                        self.precision(
                            contrat == Some(Contrat::Autre),
                            value,
                            precision.as_ref(),
                            Autre::Contrat,
                        );
                        contrat_precision = precision.as_ref().map(|p| p.value.clone());
                    }
                    FeuilleAttr::Diagnostic(a) => diagnostic = Some(a.value.value.clone()),
                    FeuilleAttr::Action(action) => {
                        if let Some(a) = self.action(&decl.id.name, action) {
                            indexes.push(actions.len());
                            actions.push(a);
                        }
                    }
                }
            }
            let perimetre = perimetre.unwrap_or_else(|| self.default_perimetre());
            let niveau = match perimetre.kind {
                PerimetreKind::Region => "regionale",
                PerimetreKind::Membres => "infra_departementale",
                PerimetreKind::Territoire | PerimetreKind::Departement => "departementale",
            };
            feuilles.push(FeuilleDeRoute {
                id: decl.id.name.clone(),
                nom: decl.nom.value.clone(),
                porteur,
                perimetre,
                niveau,
                contrat,
                contrat_precision,
                diagnostic,
                actions: indexes,
                span: decl.span,
            });
        }
        (feuilles, actions)
    }

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
            span: decl.span,
        };
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        let mut financeurs: BTreeMap<String, Span> = BTreeMap::new();
        for attr in &decl.attrs {
            let once = match attr {
                ActionAttr::Porteurs(a) => Some(("porteurs", a.span)),
                ActionAttr::Besoins(a) => Some(("besoins", a.span)),
                ActionAttr::Annees(a) => Some(("annees", a.span)),
                ActionAttr::Budget(a) => Some(("budget", a.span)),
                ActionAttr::Financement(_) => None,
            };
            if let Some((name, span)) = once
                && let Some(first) = seen.insert(name, span)
            {
                self.repeated(Repeated::Keyword(name), span, first);
                continue;
            }
            match attr {
                ActionAttr::Porteurs(a) => action.porteurs = self.members(&a.value, Role::Porteurs),
                ActionAttr::Besoins(a) => {
                    for b in &a.value {
                        if let Some(kind) =
                            self.enumeration(b, ValueOf::Besoin, BesoinKind::ALL, BesoinKind::parse)
                            && !action.besoins.contains(&kind)
                        {
                            action.besoins.push(kind);
                        }
                    }
                }
                ActionAttr::Annees(a) => {
                    if self.check_range(&a.value, Years::Annees) {
                        action.debut = Some(a.value.start);
                        action.fin = Some(a.value.end);
                    }
                }
                ActionAttr::Budget(a) => action.budget = Some(a.value.value),
                ActionAttr::Financement(a) => {
                    let (who, amount) = &a.value;
                    if let Some(first) = financeurs.insert(who.name.clone(), a.span) {
                        self.repeated(Repeated::Financement(&who.name), a.span, first);
                        continue;
                    }
                    if self
                        .lookup(who, &[DeclKind::Membre], Role::Financement)
                        .is_some()
                    {
                        action.financements.push(Financement {
                            membre: who.name.clone(),
                            montant: amount.value,
                            span: a.span,
                        });
                    }
                }
            }
        }
        action.total_financements = action.financements.iter().map(|f| f.montant).sum();
        Some(action)
    }

    pub(super) fn besoins(&mut self) -> Vec<Besoin> {
        let file = self.file;
        let mut found: Option<&ast::BesoinsDecl> = None;
        for item in &file.items {
            if let Item::Besoins(b) = item {
                match found {
                    Some(first) => self.repeated(Repeated::Block("besoins"), b.span, first.span),
                    None => found = Some(b),
                }
            }
        }
        let Some(decl) = found else { return Vec::new() };
        let mut out: Vec<Besoin> = Vec::new();
        let mut lines: BTreeMap<BesoinKind, Span> = BTreeMap::new();
        for line in &decl.besoins {
            let Some(kind) = self.enumeration(
                &line.besoin,
                ValueOf::Besoin,
                BesoinKind::ALL,
                BesoinKind::parse,
            ) else {
                continue;
            };
            if let Some(first) = lines.insert(kind, line.span) {
                self.repeated(Repeated::Besoin(kind), line.span, first);
                continue;
            }
            let mut besoin = Besoin {
                besoin: kind,
                groupe: kind.groupe(),
                etp: None,
                prestation: false,
                priorite: None,
                span: line.span,
            };
            let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
            for option in &line.options {
                let (name, span) = match option {
                    BesoinOption::Etp(a) => ("etp", a.span),
                    BesoinOption::Prestation(a) => ("prestation", a.span),
                    BesoinOption::Priorite(a) => ("priorite", a.span),
                };
                if let Some(first) = seen.insert(name, span) {
                    self.repeated(Repeated::Keyword(name), span, first);
                    continue;
                }
                match option {
                    BesoinOption::Etp(a) => besoin.etp = Some(a.value.value),
                    BesoinOption::Prestation(_) => besoin.prestation = true,
                    BesoinOption::Priorite(a) => {
                        let v = a.value.value;
                        if v >= 1.0 && v.fract() == 0.0 && v <= 99.0 {
                            besoin.priorite = Some(v as u32);
                        } else {
                            self.error(wording::priorite_not_rank(&a.value));
                        }
                    }
                }
            }
            out.push(besoin);
        }
        out
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

//! Resolution of the roadmaps and their actions, the needs in engineering
//! and the derogations.

use std::collections::BTreeMap;

use crate::span::Span;
use crate::syntax::ast::{self, ActionAttr, Attr, BesoinOption, FeuilleAttr, Item};

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
                    if let Some(f) = self.financement(a, &mut financeurs) {
                        action.financements.push(f);
                    }
                }
            }
        }
        action.total_financements = action.financements.iter().map(|f| f.montant).sum();
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

    /// `financement ID MONTANT`: a member's financing, once per member
    /// (`financeurs`: the members met, with their first line).
    fn financement(
        &mut self,
        attr: &Attr<(ast::Ident, ast::Number)>,
        financeurs: &mut BTreeMap<String, Span>,
    ) -> Option<Financement> {
        let (who, amount) = &attr.value;
        if let Some(first) = financeurs.insert(who.name.clone(), attr.span) {
            self.repeated(Repeated::Financement(&who.name), attr.span, first);
            return None;
        }
        self.lookup(who, &[DeclKind::Membre], Role::Financement)?;
        Some(Financement {
            membre: who.name.clone(),
            montant: amount.value,
            span: attr.span,
        })
    }

    /// The `besoins` block: one line per need.
    pub(super) fn besoins(&mut self) -> Vec<Besoin> {
        let found = self.single_block("besoins", |item| match item {
            Item::Besoins(b) => Some((b, b.span)),
            _ => None,
        });
        let Some(decl) = found else { return Vec::new() };
        let mut out: Vec<Besoin> = Vec::new();
        let mut lines: BTreeMap<BesoinKind, Span> = BTreeMap::new();
        for line in &decl.besoins {
            out.extend(self.besoin(line, &mut lines));
        }
        out
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
        let mut besoin = Besoin {
            besoin: kind,
            groupe: kind.groupe(),
            etp: None,
            prestation: false,
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
                BesoinOption::Priorite(a) => ("priorite", a.span),
            };
            if !self.first_time(&mut seen, name, span) {
                continue;
            }
            match option {
                BesoinOption::Etp(a) => besoin.etp = Some(a.value.value),
                BesoinOption::Prestation(_) => besoin.prestation = true,
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

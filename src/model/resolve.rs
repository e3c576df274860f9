//! Stage 2, resolution: syntax tree in, compiled governance out. Every
//! identifier is looked up, every enumeration value and official code
//! checked; every problem is collected, none stops the stage.

use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

use crate::diagnostic::{self, Diagnostic};
use crate::reference::Reference;
use crate::span::Span;
use crate::syntax::Keyword;
use crate::syntax::ast::{self, Ident, Item};

use super::types::*;
use super::wording::{self, Repeated, Role, ValueOf, Years};

/// What an identifier names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DeclKind {
    Membre,
    Comite,
    Existant,
    Feuille,
}

impl DeclKind {
    /// The declaration keyword.
    pub(super) fn keyword(self) -> Keyword {
        match self {
            DeclKind::Membre => Keyword::Membre,
            DeclKind::Comite => Keyword::Comite,
            DeclKind::Existant => Keyword::Existant,
            DeclKind::Feuille => Keyword::FeuilleDeRoute,
        }
    }
}

/// A declared identifier.
#[derive(Clone, Copy, Debug)]
pub(super) struct Decl {
    pub(super) kind: DeclKind,
    /// The identifier's span in its declaration.
    pub(super) span: Span,
}

/// The state of the resolution of one file.
pub(super) struct Resolver<'a> {
    pub(super) file: &'a ast::File,
    pub(super) reference: &'static Reference,
    pub(super) known_rules: &'a [&'a str],
    /// Declared names (hashed: looked up for every reference; never
    /// iterated in an order that shows).
    pub(super) symbols: FxHashMap<String, Decl>,
    /// Names declared in parts skipped after a syntax error.
    pub(super) skipped: BTreeSet<String>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Resolved members by identifier, filled before anything refers to them.
    pub(super) membres: FxHashMap<String, Membre>,
    pub(super) territoire: Option<TerritoireInfo>,
    /// The "did you mean" index of the declared names, by the kinds looked
    /// for, built on the first unknown name: a file with thousands of
    /// unknown names indexes its declarations once.
    pub(super) suggesters: Vec<(Vec<DeclKind>, diagnostic::Suggester)>,
}

/// Resolves a parsed file. `known_rules` are the rule ids a `derogation`
/// may name. Returns the governance when the file compiles (no compiler
/// error), and every diagnostic met.
pub fn resolve(file: &ast::File, known_rules: &[&str]) -> (Option<Gouvernance>, Vec<Diagnostic>) {
    let mut r = Resolver {
        file,
        reference: Reference::get(),
        known_rules,
        symbols: FxHashMap::default(),
        skipped: file
            .skipped
            .iter()
            .filter_map(|s| s.declares.as_ref().map(|i| i.name.clone()))
            .collect(),
        diagnostics: Vec::new(),
        membres: FxHashMap::default(),
        territoire: None,
        suggesters: Vec::new(),
    };
    r.declare();
    let territoire = r.territoire();
    r.territoire = territoire.clone();
    let periode = r.periode();
    r.membres();
    let pilotage = r.pilotage();
    let comites = r.comites();
    let existants = r.existants();
    r.check_cycles(&comites);
    let (feuilles, actions) = r.feuilles(&periode);
    let sans_chevauchement = r.sans_chevauchement();
    let crsn = r.crsn();
    let (besoins, besoins_total) = r.besoins();
    let derogations = r.derogations();

    let failed = r.diagnostics.iter().any(Diagnostic::is_compile_error);
    let mut diagnostics = r.diagnostics;
    diagnostic::sort(&mut diagnostics);
    if failed {
        return (None, diagnostics);
    }
    let Some(territoire) = territoire else {
        return (None, diagnostics);
    };
    let mut membres = Vec::with_capacity(r.membres.len());
    for item in &file.items {
        if let Item::Membre(m) = item
            && r.membres
                .get(&m.id.name)
                .is_some_and(|membre| membre.span == m.span)
            && let Some(membre) = r.membres.remove(&m.id.name)
        {
            membres.push(membre);
        }
    }
    let mut gouvernance = Gouvernance {
        territoire,
        periode,
        membres,
        pilotage,
        comites,
        existants,
        sans_chevauchement,
        crsn,
        feuilles,
        actions,
        besoins,
        besoins_total,
        derogations,
        lookup: Default::default(),
    };
    super::roles::derive(&mut gouvernance);
    (Some(gouvernance), diagnostics)
}

impl<'a> Resolver<'a> {
    pub(super) fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Fills the symbol table; reports identifiers declared twice.
    fn declare(&mut self) {
        for item in &self.file.items {
            let (kind, id) = match item {
                Item::Membre(d) => (DeclKind::Membre, &d.id),
                Item::Comite(d) => (DeclKind::Comite, &d.id),
                Item::Existant(d) => (DeclKind::Existant, &d.id),
                Item::FeuilleDeRoute(d) => (DeclKind::Feuille, &d.id),
                _ => continue,
            };
            if let Some(first) = self.symbols.get(&id.name) {
                let first = first.span;
                self.error(wording::declared_twice(id, first));
                continue;
            }
            if let Some(odd) = crate::unicode::odd_characters(&id.name) {
                self.error(wording::confusable(id, &odd));
            }
            self.symbols.insert(
                id.name.clone(),
                Decl {
                    kind,
                    span: id.span,
                },
            );
        }
    }

    /// Looks up a reference that must name one of `want`. Reports an
    /// undeclared name (with the nearest declared one) or a declaration of
    /// the wrong kind; `role` says what the reference is for.
    pub(super) fn lookup(&mut self, id: &Ident, want: &[DeclKind], role: Role) -> Option<Decl> {
        match self.symbols.get(&id.name).copied() {
            Some(decl) if want.contains(&decl.kind) => Some(decl),
            Some(decl) => {
                self.error(wording::wrong_kind(id, decl, want, role));
                None
            }
            None if self.skipped.contains(&id.name) => None,
            None => {
                let index = match self.suggesters.iter().position(|(k, _)| k == want) {
                    Some(i) => i,
                    None => {
                        let suggester = diagnostic::Suggester::new(
                            self.symbols
                                .iter()
                                .filter(|(_, d)| want.contains(&d.kind))
                                .map(|(n, _)| n.as_str()),
                        );
                        self.suggesters.push((want.to_vec(), suggester));
                        self.suggesters.len() - 1
                    }
                };
                let suggestion = self.suggesters[index].1.suggest(&id.name);
                let d = wording::undeclared(id, want[0], suggestion);
                self.error(d);
                None
            }
        }
    }

    /// Looks up members; returns the identifiers that resolved.
    pub(super) fn members(&mut self, ids: &[Ident], role: Role) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
        for id in ids {
            if let Some(first) = seen.insert(&id.name, id.span) {
                self.error(wording::cited_twice(id, first));
                continue;
            }
            if self.lookup(id, &[DeclKind::Membre], role).is_some() {
                out.push(id.name.clone());
            }
        }
        out
    }

    /// Reads an enumeration value, reporting an unknown one with a suggestion.
    pub(super) fn enumeration<T>(
        &mut self,
        id: &Ident,
        what: ValueOf,
        all: &[&'static str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        if let Some(v) = parse(&id.name) {
            return Some(v);
        }
        self.error(wording::unknown_value(id, what, all));
        None
    }

    /// Reports the second occurrence of an attribute that may appear once.
    pub(super) fn repeated(&mut self, what: Repeated, span: Span, first: Span) {
        self.error(wording::repeated(what, span, first));
    }

    /// Whether a range of years is valid and in order; reports a reversed
    /// one.
    pub(super) fn check_range(&mut self, range: &ast::Range, what: Years) -> bool {
        if !range.valid {
            return false;
        }
        if range.start <= range.end {
            return true;
        }
        self.error(wording::reversed(range, what));
        false
    }

    fn periode(&mut self) -> Periode {
        let mut found: Option<&ast::Periode> = None;
        for item in &self.file.items {
            if let Item::Periode(p) = item {
                match found {
                    Some(first) => self.repeated(Repeated::Keyword("periode"), p.span, first.span),
                    None => found = Some(p),
                }
            }
        }
        match found {
            Some(p) if self.check_range(&p.range, Years::Periode) => Periode {
                debut: p.range.start,
                fin: p.range.end,
                span: Some(p.span),
            },
            Some(p) => Periode {
                debut: p.range.end,
                fin: p.range.start,
                span: Some(p.span),
            },
            None => Periode {
                debut: 2023,
                fin: 2027,
                span: None,
            },
        }
    }

    fn territoire(&mut self) -> Option<TerritoireInfo> {
        let mut found: Option<&ast::Territoire> = None;
        for item in &self.file.items {
            if let Item::Territoire(t) = item {
                match found {
                    Some(first) => self.error(wording::second_territoire(t, first)),
                    None => found = Some(t),
                }
            }
        }
        let Some(t) = found else {
            if self.file.skipped.is_empty() {
                self.error(wording::no_territoire());
            }
            return None;
        };
        let mut deps = Vec::new();
        for code in &t.codes {
            match self.reference.departement(&code.value) {
                Some(d) => {
                    if deps
                        .iter()
                        .any(|x: &&crate::reference::Departement| x.code == d.code)
                    {
                        self.error(wording::departement_cited_twice(code));
                    } else {
                        deps.push(d);
                    }
                }
                None => self.unknown_departement(code),
            }
        }
        let first = deps.first()?;
        let region = self.reference.region(first.region);
        let mut epci = BTreeSet::new();
        for d in &deps {
            for e in self.reference.epcis_of_departement(d.code) {
                epci.insert(e.siren.to_string());
            }
        }
        Some(TerritoireInfo {
            codes: deps.iter().map(|d| d.code.to_owned()).collect(),
            nom: deps.iter().map(|d| d.nom).collect::<Vec<_>>().join(", "),
            de_nom: {
                let names: Vec<String> = deps.iter().map(|d| d.de_nom()).collect();
                diagnostic::join_et(&names)
            },
            region: first.region.to_owned(),
            region_nom: region.map(|r| r.nom.clone()).unwrap_or_default(),
            zone: first.zone,
            population: deps.iter().map(|d| d.population).sum(),
            epci: epci.into_iter().collect(),
            span: t.span,
        })
    }

    /// Reports a département code absent from the reference data.
    pub(super) fn unknown_departement(&mut self, code: &ast::Code) {
        self.error(wording::unknown_departement(code));
    }
}

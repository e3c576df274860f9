//! Completion, from one table of the grammar: which statements each block
//! holds, and what each position of a statement takes (an enumeration, a
//! declared id of some kind, a code of the territory, a rule id). A test
//! keeps the table equal to `grammar/copil.pest`.
//!
//! The cursor's place is read from the text ([`super::context`]), so that
//! completion works in a file that does not parse.

use super::context::{Token, context};
use super::index::SymbolKind;
use super::{Analysis, word_around};
use crate::diagnostic::fold;
use crate::model::{BesoinKind, ComiteType, Contrat, Enveloppe, Frequence, Nature, Statut};
use crate::reference::{Reference, epci_kind_label};
use crate::span::Span;
use crate::syntax::Keyword;

/// A block of the language, named by the keyword that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Block {
    /// The top level of the file.
    Fichier,
    /// `membre … { }`
    Membre,
    /// `pilotage { }`
    Pilotage,
    /// `comite … { }`
    Comite,
    /// `existant … { }`
    Existant,
    /// `crsn … { }`
    Crsn,
    /// `feuille_de_route … { }`
    FeuilleDeRoute,
    /// `action "…" { }`
    Action,
    /// `subvention MONTANT { }`
    Subvention,
    /// `besoins { }`
    Besoins,
}

impl Block {
    /// The block that `keyword` opens.
    fn opened_by(keyword: &str) -> Option<Block> {
        Some(match keyword {
            "membre" => Block::Membre,
            "pilotage" => Block::Pilotage,
            "comite" => Block::Comite,
            "existant" => Block::Existant,
            "crsn" => Block::Crsn,
            "feuille_de_route" => Block::FeuilleDeRoute,
            "action" => Block::Action,
            "subvention" => Block::Subvention,
            "besoins" => Block::Besoins,
            _ => return None,
        })
    }
}

/// What a position of a statement takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Something new (an id being declared, a string, a number): nothing
    /// to propose.
    Libre,
    /// A value of an enumeration.
    Valeur(&'static [&'static str]),
    /// The nature of a member.
    NatureDuMembre,
    /// The official code of a member, after its nature.
    CodeDuMembre,
    /// A declared member.
    Membres,
    /// A declared comité.
    Comites,
    /// A declared existing body.
    Existants,
    /// A declared comité or roadmap.
    ComitesOuFeuilles,
    /// `departement`, `region`, or EPCI and commune members.
    Perimetre,
    /// A région code.
    Regions,
    /// A département code.
    Departements,
    /// A rule id.
    Regles,
    /// A need (the besoins of an action).
    BesoinsAction,
}

/// A statement: its keyword, what each position after it takes, and
/// whether the last position is a list (`a, b, c`).
#[derive(Clone, Copy, Debug)]
pub struct Statement {
    /// The keyword that starts it.
    pub keyword: Keyword,
    /// What each following position takes.
    pub slots: &'static [Slot],
    /// True when the last position is a comma-separated list.
    pub list: bool,
}

const fn st(keyword: Keyword, slots: &'static [Slot], list: bool) -> Statement {
    Statement {
        keyword,
        slots,
        list,
    }
}

use Slot::*;

/// The table: the statements of each block, in the order of the language
/// reference. In `besoins { }`, a line starts with a need (or
/// `total_etp`) and goes on with options: [`BESOIN_OPTIONS`].
const TABLE: &[(Block, &[Statement])] = &[
    (
        Block::Fichier,
        &[
            st(Keyword::Territoire, &[Departements], true),
            st(Keyword::Periode, &[Libre], false),
            st(
                Keyword::Membre,
                &[Libre, NatureDuMembre, CodeDuMembre],
                false,
            ),
            st(Keyword::Pilotage, &[], false),
            st(Keyword::Comite, &[Libre, Valeur(ComiteType::ALL)], false),
            st(Keyword::Existant, &[Libre, Valeur(Contrat::ALL)], false),
            st(Keyword::SansChevauchement, &[ComitesOuFeuilles], true),
            st(Keyword::Crsn, &[Regions], false),
            st(Keyword::FeuilleDeRoute, &[Libre], false),
            st(Keyword::Besoins, &[], false),
            st(Keyword::Derogation, &[Regles], false),
        ],
    ),
    (
        Block::Membre,
        &[
            st(Keyword::Siret, &[Libre], false),
            st(Keyword::Region, &[Regions], false),
            st(Keyword::Tags, &[Libre], true),
        ],
    ),
    (
        Block::Pilotage,
        &[
            st(Keyword::Prefet, &[Membres], false),
            st(Keyword::Pilote, &[Membres], false),
            st(Keyword::Copilotes, &[Membres], true),
            st(Keyword::Coordination, &[Membres], true),
            st(Keyword::Referent, &[Libre, Libre], false),
        ],
    ),
    (
        Block::Comite,
        &[
            st(Keyword::Presidence, &[Membres], true),
            st(Keyword::Membres, &[Membres], true),
            st(Keyword::Frequence, &[Valeur(Frequence::ALL)], false),
            st(Keyword::Perimetre, &[Perimetre], true),
            st(Keyword::RendCompte, &[Comites], false),
            st(Keyword::Adosse, &[Existants], false),
            st(Keyword::Mission, &[Libre], false),
            st(Keyword::ProchaineReunion, &[Libre], false),
        ],
    ),
    (
        Block::Existant,
        &[
            st(Keyword::Membres, &[Membres], true),
            st(Keyword::Perimetre, &[Perimetre], true),
        ],
    ),
    (Block::Crsn, &[st(Keyword::Membres, &[Membres], true)]),
    (
        Block::FeuilleDeRoute,
        &[
            st(Keyword::Porteur, &[Membres], false),
            st(Keyword::Perimetre, &[Perimetre], true),
            st(Keyword::Contrat, &[Valeur(Contrat::ALL)], false),
            st(Keyword::Diagnostic, &[Libre], false),
            st(Keyword::Action, &[Libre], false),
        ],
    ),
    (
        Block::Action,
        &[
            st(Keyword::Porteurs, &[Membres], true),
            st(Keyword::Besoins, &[BesoinsAction], true),
            st(Keyword::Annees, &[Libre], false),
            st(Keyword::Budget, &[Libre], false),
            st(Keyword::Financement, &[Membres, Libre], false),
            st(Keyword::Subvention, &[Libre], false),
        ],
    ),
    (
        Block::Subvention,
        &[
            st(Keyword::Enveloppe, &[Valeur(Enveloppe::ALL)], false),
            st(Keyword::Etp, &[Libre], false),
            st(Keyword::Prestation, &[Libre], false),
            st(Keyword::Beneficiaire, &[Membres, Libre], false),
            st(Keyword::Statut, &[Valeur(Statut::ALL)], false),
        ],
    ),
    (Block::Besoins, &[st(Keyword::TotalEtp, &[Libre], false)]),
];

/// The options of a need, after its value: `etp N`, `prestation`,
/// `nombre N`, `priorite N` (also after `total_etp N`: `priorite`).
pub const BESOIN_OPTIONS: &[Keyword] = &[
    Keyword::Etp,
    Keyword::Prestation,
    Keyword::Nombre,
    Keyword::Priorite,
];

/// The statements of `block`, from the table.
pub fn statement_keywords(block: Block) -> Vec<Keyword> {
    statements(block).iter().map(|s| s.keyword).collect()
}

fn statements(block: Block) -> &'static [Statement] {
    TABLE
        .iter()
        .find(|(b, _)| *b == block)
        .map_or(&[], |(_, s)| *s)
}

/// What kind of thing a completion proposes (the editor shows an icon).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword.
    Keyword,
    /// A value of an enumeration.
    Valeur,
    /// A declared id.
    Identifiant(SymbolKind),
    /// An official code (with its name).
    Code,
    /// A rule id.
    Regle,
}

/// One proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct CompletionItem {
    /// What the list shows.
    pub label: String,
    /// Its kind.
    pub kind: CompletionKind,
    /// A short line beside it (a nature, a population, a title).
    pub detail: Option<String>,
    /// What it means, in a sentence.
    pub documentation: Option<String>,
    /// The text written.
    pub insert: String,
    /// What it replaces: the word being typed.
    pub replace: Span,
    /// What the editor matches the typed word against, when not the label.
    pub filter: Option<String>,
}

/// The completions at byte `offset` of the analysed text.
pub fn completion(analysis: &Analysis, offset: usize) -> Vec<CompletionItem> {
    let src = analysis.source.as_str();
    let offset = offset.min(src.len());
    if !src.is_char_boundary(offset) {
        return Vec::new();
    }
    let word = word_around(src, offset);
    let replace = Span::new(word.start, offset.max(word.start)).to(word);
    let typed = &src[word.start..offset];
    let cx = context(src, word.start);
    if !cx.code {
        return Vec::new();
    }
    let block = cx
        .blocks
        .last()
        .map_or(Some(Block::Fichier), |b| Block::opened_by(b));
    let Some(block) = block else {
        return Vec::new();
    };
    let ctx = Ctx {
        analysis,
        replace,
        typed,
        line_rest: src[word.end..].split('\n').next().unwrap_or_default(),
    };
    let Some(Token::Word(head)) = cx.statement.first() else {
        return match cx.statement.is_empty() {
            true => ctx.starts(block),
            false => Vec::new(),
        };
    };
    if block == Block::Besoins {
        return ctx.besoin_options(head, &cx.statement);
    }
    let Some(statement) = statements(block)
        .iter()
        .find(|s| s.keyword.as_str() == *head)
    else {
        return Vec::new();
    };
    // Which position: each element not after a comma moves on by one.
    let rest = &cx.statement[1..];
    let after_comma = rest.last() == Some(&Token::Comma);
    let elements = rest
        .iter()
        .enumerate()
        .filter(|(i, t)| **t != Token::Comma && (*i == 0 || rest[i - 1] != Token::Comma))
        .count();
    let position = if after_comma {
        elements.saturating_sub(1)
    } else {
        elements
    };
    let slot = match statement.slots.get(position) {
        Some(slot) => *slot,
        None if statement.list && after_comma => *statement.slots.last().expect("a list slot"),
        // The statement is complete: the next word on the line starts
        // another one.
        None if block != Block::Fichier => return ctx.starts(block),
        None => return Vec::new(),
    };
    let nature = match rest.get(1) {
        Some(Token::Word(n)) if statement.keyword == Keyword::Membre => Nature::parse(n),
        _ => None,
    };
    ctx.slot(slot, nature)
}

struct Ctx<'a> {
    analysis: &'a Analysis,
    replace: Span,
    typed: &'a str,
    /// The rest of the line after the word: a comment may be added only
    /// where nothing follows.
    line_rest: &'a str,
}

impl Ctx<'_> {
    fn item(&self, label: &str, kind: CompletionKind, detail: Option<String>) -> CompletionItem {
        CompletionItem {
            label: label.to_string(),
            kind,
            detail,
            documentation: None,
            insert: label.to_string(),
            replace: self.replace,
            filter: None,
        }
    }

    fn keyword(&self, k: Keyword) -> CompletionItem {
        let mut item = self.item(k.as_str(), CompletionKind::Keyword, None);
        item.documentation = Some(k.reference().to_string());
        item
    }

    /// What may start a statement of `block`.
    fn starts(&self, block: Block) -> Vec<CompletionItem> {
        let mut out: Vec<CompletionItem> = statements(block)
            .iter()
            .map(|s| self.keyword(s.keyword))
            .collect();
        if block == Block::Besoins {
            out.extend(self.values(BesoinKind::ALL));
        }
        out
    }

    /// The options of a need line whose first word is `head`.
    fn besoin_options(&self, head: &str, statement: &[Token]) -> Vec<CompletionItem> {
        if matches!(
            statement.last(),
            Some(Token::Word("etp" | "nombre" | "priorite"))
        ) {
            return Vec::new();
        }
        let written: Vec<&str> = statement
            .iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(*w),
                _ => None,
            })
            .collect();
        let options: &[Keyword] = if head == "total_etp" {
            &[Keyword::Priorite]
        } else {
            BESOIN_OPTIONS
        };
        options
            .iter()
            .filter(|k| !written.contains(&k.as_str()))
            .map(|k| self.keyword(*k))
            .collect()
    }

    fn values(&self, all: &[&str]) -> Vec<CompletionItem> {
        all.iter()
            .map(|v| self.item(v, CompletionKind::Valeur, None))
            .collect()
    }

    /// The declared ids of `kinds`, once each, in source order, with the
    /// nature or name of their declaration: linear in the file.
    fn declared(&self, kinds: &[SymbolKind]) -> Vec<CompletionItem> {
        use crate::syntax::ast::Item;
        let mut details: std::collections::HashMap<Span, String> = Default::default();
        for item in &self.analysis.file.items {
            let (span, detail) = match item {
                Item::Membre(m) => (
                    m.id.span,
                    match &m.libelle {
                        Some(l) => format!("{} — {}", m.nature.name, l.value),
                        None => m.nature.name.clone(),
                    },
                ),
                Item::Comite(c) => (c.id.span, c.nom.value.clone()),
                Item::Existant(e) => (e.id.span, e.nom.value.clone()),
                Item::FeuilleDeRoute(f) => (f.id.span, f.nom.value.clone()),
                _ => continue,
            };
            details.insert(span, detail);
        }
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<CompletionItem> = Vec::new();
        for o in &self.analysis.occurrences {
            let Some(kind) = o.declares else { continue };
            if !kinds.contains(&kind) || !seen.insert(o.name.as_str()) {
                continue;
            }
            let detail = details.remove(&o.span);
            out.push(self.item(&o.name, CompletionKind::Identifiant(kind), detail));
        }
        out
    }

    /// Members of the nature `natures`, for a `perimetre`.
    fn members_of(&self, natures: &[&str]) -> Vec<CompletionItem> {
        use crate::syntax::ast::Item;
        self.analysis
            .file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Membre(m) if natures.contains(&m.nature.name.as_str()) => Some(self.item(
                    &m.id.name,
                    CompletionKind::Identifiant(SymbolKind::Membre),
                    Some(m.nature.name.clone()),
                )),
                _ => None,
            })
            .collect()
    }

    fn slot(&self, slot: Slot, nature: Option<Nature>) -> Vec<CompletionItem> {
        let reference = Reference::get();
        match slot {
            Libre => Vec::new(),
            Valeur(all) => self.values(all),
            NatureDuMembre => self.values(Nature::ALL),
            BesoinsAction => self.values(BesoinKind::ALL),
            Membres => self.declared(&[SymbolKind::Membre]),
            Comites => self.declared(&[SymbolKind::Comite]),
            Existants => self.declared(&[SymbolKind::Existant]),
            ComitesOuFeuilles => self.declared(&[SymbolKind::Comite, SymbolKind::FeuilleDeRoute]),
            Perimetre => {
                let mut out = self.values(&["departement", "region"]);
                out.extend(self.members_of(&["epci", "commune"]));
                out
            }
            Regions => reference
                .regions()
                .map(|r| self.code(&r.code, &r.nom, format!("région — {}", r.nom)))
                .collect(),
            Departements => reference
                .departements()
                .map(|d| self.code(d.code, d.nom, format!("département — {}", d.nom)))
                .collect(),
            Regles => self
                .analysis
                .rule_ids
                .iter()
                .map(|id| {
                    let mut item = self.item(id, CompletionKind::Regle, None);
                    item.detail = self.analysis.rule(id).map(|r| r.title.clone());
                    if self.line_rest.trim().is_empty() {
                        item.insert = format!("{id} \"{}\"", super::fixes::MOTIF_A_ECRIRE);
                    }
                    item
                })
                .collect(),
            CodeDuMembre => match nature {
                Some(Nature::Epci) => self.epci(),
                Some(Nature::Commune) => self.communes(),
                Some(Nature::Departement) => self.slot(Departements, None),
                Some(Nature::Region) => self.slot(Regions, None),
                _ => Vec::new(),
            },
        }
    }

    /// A code, labelled by its name, matched by name or code, inserted
    /// with the name as a comment when nothing follows on the line.
    fn code(&self, code: &str, nom: &str, detail: String) -> CompletionItem {
        let mut item = self.item(
            &format!("{nom} ({code})"),
            CompletionKind::Code,
            Some(detail),
        );
        item.insert = if self.line_rest.trim().is_empty() {
            format!("{code} # {nom}")
        } else {
            code.to_string()
        };
        item.filter = Some(format!("{code} {nom}"));
        item
    }

    /// True when `nom` (or `code`) matches what is typed: accent- and
    /// case-insensitive, anywhere in the name.
    fn matches(&self, code: &str, nom: &str) -> bool {
        let typed = fold(self.typed);
        typed.is_empty() || code.starts_with(self.typed) || fold(nom).contains(&typed)
    }

    /// The EPCI of the territoire.
    fn epci(&self) -> Vec<CompletionItem> {
        let reference = Reference::get();
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for dep in self.analysis.territoire() {
            for e in reference.epcis_of_departement(dep) {
                if seen.insert(e.siren) && self.matches(e.siren, e.nom) {
                    out.push(self.code(
                        e.siren,
                        e.nom,
                        format!(
                            "{} — {} communes, {} habitants",
                            epci_kind_label(e.kind),
                            e.communes.len(),
                            super::hover::grouped(e.population)
                        ),
                    ));
                }
            }
        }
        out
    }

    /// The communes of the territoire matched by name (at most 100, the
    /// most populous first).
    fn communes(&self) -> Vec<CompletionItem> {
        let reference = Reference::get();
        let deps = self.analysis.territoire();
        let mut found: Vec<_> = reference
            .communes()
            .filter(|c| deps.contains(&c.departement) && self.matches(c.insee, c.nom))
            .collect();
        found.sort_by(|a, b| b.population.cmp(&a.population).then(a.insee.cmp(b.insee)));
        found
            .into_iter()
            .take(100)
            .map(|c| {
                self.code(
                    c.insee,
                    c.nom,
                    format!(
                        "commune — {} habitants",
                        super::hover::grouped(c.population)
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;

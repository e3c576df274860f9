//! From source text to syntax tree, item by item, so that a syntax error
//! does not hide the rest of the file.

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::error::syntax_error;
use super::grammar::{CopilParser, Rule};
use super::recovery::{
    block_end, declared_name, leading_trivia, open_braces, resume_point, starts_declaration_line,
};
use crate::diagnostic::{self, Diagnostic};
use crate::span::Span;

/// The result of parsing: the tree of everything that could be read, and
/// the syntax errors met on the way.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The syntax tree.
    pub file: File,
    /// Syntax errors, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The most digits before the decimal point of a number: a trillion euros
/// has 13; an `f64` holds integers exactly up to 15 digits.
const MAX_DIGITS: usize = 15;

/// The first year a file may name.
const YEAR_MIN: i64 = 2000;
/// The last year a file may name.
const YEAR_MAX: i64 = 2100;

/// Parses a whole file. Never fails: syntax errors are diagnostics, and the
/// parser resumes at the next top-level declaration.
///
/// Each declaration is read by the hand-written fast path
/// ([`super::fast`]); one it does not accept is read again by the pest
/// parser, which reports the error.
pub fn parse(src: &str) -> Parsed {
    parse_with(src, true)
}

/// Parses a whole file with the pest parser only: the reference that the
/// fast path must agree with, for tests and fuzzing.
#[doc(hidden)]
pub fn parse_with_pest(src: &str) -> Parsed {
    parse_with(src, false)
}

fn parse_with(src: &str, fast: bool) -> Parsed {
    let mut parsed = Parsed::default();
    let mut offset = 0;
    loop {
        // Whitespace and comments first, so that both parsers start each
        // declaration on its first token: pest's expectations, and so its
        // error message, depend on where it starts. (Asking pest at the
        // end of the file would also build an error, with a scan for its
        // line, before every declaration: quadratic.)
        let (comments, len) = leading_comments(&src[offset..], offset);
        parsed.file.comments.extend(comments);
        offset += len;
        if offset == src.len() {
            break;
        }
        let rest = &src[offset..];
        if fast && let Some(read) = super::fast::item(src, offset) {
            parsed.file.items.push(read.item);
            parsed.file.comments.extend(read.comments);
            parsed.diagnostics.extend(read.diagnostics);
            offset = read.end;
            continue;
        }
        match CopilParser::parse(Rule::next_item, rest) {
            Ok(mut pairs) => {
                let next = pairs.next().expect("next_item always yields its pair");
                let end = offset + next.as_span().end();
                collect_comments(next.clone().into_inner(), offset, &mut parsed.file.comments);
                let mut lower = Lower {
                    src,
                    offset,
                    diagnostics: &mut parsed.diagnostics,
                };
                for pair in next.into_inner() {
                    match pair.as_rule() {
                        Rule::COMMENT | Rule::EOI => {}
                        _ => parsed.file.items.push(lower.item(pair)),
                    }
                }
                offset = end;
            }
            Err(error) => {
                let (mut diagnostic, at) = syntax_error(src, offset, &error);
                let item_start = offset + leading_trivia(rest);
                let open = open_braces(src, item_start, at);
                let at_end = src[at..].trim().is_empty();
                let resume = match open.last() {
                    Some(&brace) if at_end || starts_declaration_line(src, at) => {
                        diagnostic = super::error::missing_brace(src, brace, at, at_end);
                        if at_end { src.len() } else { at }
                    }
                    Some(_) => block_end(src, at, open.len()),
                    None => resume_point(src, at.max(item_start)),
                };
                parsed.diagnostics.push(diagnostic);
                parsed.file.skipped.push(Skipped {
                    span: Span::new(item_start, resume),
                    declares: declared_name(src, item_start),
                });
                if resume >= src.len() {
                    break;
                }
                offset = resume;
            }
        }
    }
    parsed
}

/// The comments in the grammar's whitespace and comments at the start of
/// `text` (at `offset` in the file), and the length of that trivia.
pub(super) fn leading_comments(text: &str, offset: usize) -> (Vec<Comment>, usize) {
    let mut comments = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => {
                let end = text[i..].find(['\r', '\n']).map_or(text.len(), |j| i + j);
                comments.push(Comment {
                    text: text[i + 1..end].to_string(),
                    span: Span::new(offset + i, offset + end),
                });
                i = end;
            }
            _ if text[i..].starts_with('\u{feff}') => i += '\u{feff}'.len_utf8(),
            _ => break,
        }
    }
    (comments, i)
}

fn collect_comments(
    pairs: pest::iterators::Pairs<'_, Rule>,
    offset: usize,
    out: &mut Vec<Comment>,
) {
    for pair in pairs.flatten() {
        if pair.as_rule() == Rule::COMMENT {
            out.push(Comment {
                text: pair.as_str()[1..].to_string(),
                span: Span::from(pair.as_span()).shift(offset),
            });
        }
    }
}

/// Turns pest pairs into the syntax tree, shifting spans by `offset`.
struct Lower<'a> {
    src: &'a str,
    offset: usize,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// The meaningful children of a pair: no comments, no punctuation.
fn kids<'i>(pair: &Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.clone().into_inner().filter(|p| {
        !matches!(
            p.as_rule(),
            Rule::COMMENT | Rule::comma | Rule::lbrace | Rule::rbrace
        )
    })
}

impl Lower<'_> {
    /// The pair's span without the whitespace and comments pest may leave
    /// after its last token.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let raw = Span::from(pair.as_span()).shift(self.offset);
        let last = pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() != Rule::COMMENT)
            .map(|p| self.span(&p).end)
            .max();
        match last {
            Some(last) if leading_trivia(&self.src[last..raw.end]) == raw.end - last => {
                Span::new(raw.start, last)
            }
            _ => raw,
        }
    }

    fn item(&mut self, pair: Pair<'_, Rule>) -> Item {
        let span = self.span(&pair);
        let mut k = kids(&pair).peekable();
        let _keyword = k.next();
        match pair.as_rule() {
            Rule::territoire => Item::Territoire(Territoire {
                codes: self.codes(k.next().expect("territoire has codes")),
                span,
            }),
            Rule::periode => Item::Periode(Periode {
                range: self.range(k.next().expect("periode has a range")),
                span,
            }),
            Rule::membre => self.membre(k, span),
            Rule::pilotage => Item::Pilotage(PilotageDecl {
                attrs: k.map(|p| self.pilotage_attr(p)).collect(),
                span,
            }),
            Rule::comite => {
                let id = self.ident(k.next().expect("comite id"));
                let kind = self.ident(k.next().expect("comite type"));
                let (precision, nom) = self.precision_and_name(&mut k);
                let attrs = k.map(|p| self.body_attr(p)).collect();
                Item::Comite(ComiteDecl {
                    id,
                    kind,
                    precision,
                    nom,
                    attrs,
                    span,
                })
            }
            Rule::existant => {
                let id = self.ident(k.next().expect("existant id"));
                let contrat = self.ident(k.next().expect("existant contrat"));
                let (precision, nom) = self.precision_and_name(&mut k);
                let attrs = match k.next() {
                    Some(block) => kids(&block).map(|p| self.body_attr(p)).collect(),
                    None => Vec::new(),
                };
                Item::Existant(ExistantDecl {
                    id,
                    contrat,
                    precision,
                    nom,
                    attrs,
                    span,
                })
            }
            Rule::sans_chevauchement => Item::SansChevauchement(SansChevauchementDecl {
                ids: self.idents(k.next().expect("sans_chevauchement list")),
                span,
            }),
            Rule::crsn => {
                let region = self.code(k.next().expect("crsn region"));
                let membres = k
                    .map(|p| {
                        let span = self.span(&p);
                        let mut a = kids(&p);
                        let keyword = self.span(&a.next().expect("membres keyword"));
                        let value = self.idents(a.next().expect("membres list"));
                        Attr {
                            keyword,
                            value,
                            span,
                        }
                    })
                    .collect();
                Item::Crsn(CrsnDecl {
                    region,
                    membres,
                    span,
                })
            }
            Rule::feuille_de_route => {
                let id = self.ident(k.next().expect("feuille id"));
                let nom = self.string(k.next().expect("feuille nom"));
                let attrs = k.map(|p| self.feuille_attr(p)).collect();
                Item::FeuilleDeRoute(FeuilleDeRouteDecl {
                    id,
                    nom,
                    attrs,
                    span,
                })
            }
            Rule::besoins => self.besoins(k, span),
            Rule::derogation => Item::Derogation(DerogationDecl {
                rule: self.code(k.next().expect("derogation rule")),
                motif: self.string(k.next().expect("derogation motif")),
                span,
            }),
            other => unreachable!("not an item: {other:?}"),
        }
    }

    fn membre<'i>(&mut self, mut k: impl Iterator<Item = Pair<'i, Rule>>, span: Span) -> Item {
        let id = self.ident(k.next().expect("membre id"));
        let nature = self.ident(k.next().expect("membre nature"));
        let mut code = None;
        let mut libelle = None;
        let mut attrs = Vec::new();
        for p in k {
            match p.as_rule() {
                Rule::code => code = Some(self.code(p)),
                Rule::string => libelle = Some(self.string(p)),
                Rule::membre_block => {
                    for a in kids(&p) {
                        let (keyword, value, span) = self.attr_parts(&a);
                        attrs.push(match a.as_rule() {
                            Rule::attr_siret => MembreAttr::Siret(Attr {
                                keyword,
                                value: self.code(value),
                                span,
                            }),
                            Rule::attr_region => MembreAttr::Region(Attr {
                                keyword,
                                value: self.code(value),
                                span,
                            }),
                            Rule::attr_tags => MembreAttr::Tags(Attr {
                                keyword,
                                value: self.idents(value),
                                span,
                            }),
                            other => unreachable!("not a member attribute: {other:?}"),
                        });
                    }
                }
                other => unreachable!("not in a member: {other:?}"),
            }
        }
        Item::Membre(MembreDecl {
            id,
            nature,
            code,
            libelle,
            attrs,
            span,
        })
    }

    /// `"nom"` or `"précision" "nom"` (for the `autre` type or contract).
    fn precision_and_name<'i>(
        &mut self,
        k: &mut std::iter::Peekable<impl Iterator<Item = Pair<'i, Rule>>>,
    ) -> (Option<Str>, Str) {
        let first = self.string(k.next().expect("a name"));
        if k.peek().is_some_and(|p| p.as_rule() == Rule::string) {
            let nom = self.string(k.next().expect("peeked"));
            (Some(first), nom)
        } else {
            (None, first)
        }
    }

    /// The keyword span, the value pair and the whole span of an attribute.
    fn attr_parts<'i>(&self, pair: &Pair<'i, Rule>) -> (Span, Pair<'i, Rule>, Span) {
        let mut a = kids(pair);
        let keyword = self.span(&a.next().expect("attribute keyword"));
        let value = a.next().expect("attribute value");
        (keyword, value, self.span(pair))
    }

    fn pilotage_attr(&mut self, pair: Pair<'_, Rule>) -> PilotageAttr {
        let (keyword, value, span) = self.attr_parts(&pair);
        match pair.as_rule() {
            Rule::pil_prefet => PilotageAttr::Prefet(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::pil_pilote => PilotageAttr::Pilote(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::pil_copilotes => PilotageAttr::Copilotes(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::pil_coordination => PilotageAttr::Coordination(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::pil_referent => {
                let nom = self.string(value);
                let email = self.string(kids(&pair).nth(2).expect("referent e-mail"));
                PilotageAttr::Referent(Attr {
                    keyword,
                    value: (nom, email),
                    span,
                })
            }
            other => unreachable!("not a pilotage attribute: {other:?}"),
        }
    }

    fn body_attr(&mut self, pair: Pair<'_, Rule>) -> BodyAttr {
        let (keyword, value, span) = self.attr_parts(&pair);
        match pair.as_rule() {
            Rule::com_presidence => BodyAttr::Presidence(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::com_membres => BodyAttr::Membres(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::com_frequence => BodyAttr::Frequence(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::com_perimetre => BodyAttr::Perimetre(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::com_rend_compte => BodyAttr::RendCompte(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::com_adosse => BodyAttr::Adosse(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::com_mission => BodyAttr::Mission(Attr {
                keyword,
                value: self.string(value),
                span,
            }),
            Rule::com_prochaine_reunion => BodyAttr::ProchaineReunion(Attr {
                keyword,
                value: self.date(value),
                span,
            }),
            other => unreachable!("not a body attribute: {other:?}"),
        }
    }

    fn feuille_attr(&mut self, pair: Pair<'_, Rule>) -> FeuilleAttr {
        if pair.as_rule() == Rule::action {
            return FeuilleAttr::Action(self.action(pair));
        }
        let span = self.span(&pair);
        let mut a = kids(&pair);
        let keyword = self.span(&a.next().expect("attribute keyword"));
        let value = a.next().expect("attribute value");
        match pair.as_rule() {
            Rule::fdr_porteur => FeuilleAttr::Porteur(Attr {
                keyword,
                value: self.ident(value),
                span,
            }),
            Rule::com_perimetre => FeuilleAttr::Perimetre(Attr {
                keyword,
                value: self.idents(value),
                span,
            }),
            Rule::fdr_contrat => {
                let contrat = self.ident(value);
                let precision = a.next().map(|p| self.string(p));
                FeuilleAttr::Contrat(Attr {
                    keyword,
                    value: (contrat, precision),
                    span,
                })
            }
            Rule::fdr_diagnostic => FeuilleAttr::Diagnostic(Attr {
                keyword,
                value: self.string(value),
                span,
            }),
            other => unreachable!("not a roadmap attribute: {other:?}"),
        }
    }

    fn action(&mut self, pair: Pair<'_, Rule>) -> ActionDecl {
        let span = self.span(&pair);
        let mut k = kids(&pair);
        let keyword = self.span(&k.next().expect("action keyword"));
        let nom = self.string(k.next().expect("action name"));
        let mut attrs = Vec::new();
        for p in k {
            if p.as_rule() == Rule::subvention {
                attrs.push(ActionAttr::Subvention(self.subvention(p)));
                continue;
            }
            let span = self.span(&p);
            let mut a = kids(&p);
            let keyword = self.span(&a.next().expect("attribute keyword"));
            let value = a.next().expect("attribute value");
            attrs.push(match p.as_rule() {
                Rule::act_porteurs => ActionAttr::Porteurs(Attr {
                    keyword,
                    value: self.idents(value),
                    span,
                }),
                Rule::act_besoins => ActionAttr::Besoins(Attr {
                    keyword,
                    value: self.idents(value),
                    span,
                }),
                Rule::act_annees => ActionAttr::Annees(Attr {
                    keyword,
                    value: self.range(value),
                    span,
                }),
                Rule::act_budget => ActionAttr::Budget(Attr {
                    keyword,
                    value: self.amount(value),
                    span,
                }),
                Rule::act_financement => {
                    let who = self.ident(value);
                    let amount = self.amount(a.next().expect("financement amount"));
                    ActionAttr::Financement(Attr {
                        keyword,
                        value: (who, amount),
                        span,
                    })
                }
                other => unreachable!("not an action attribute: {other:?}"),
            });
        }
        ActionDecl {
            keyword,
            nom,
            attrs,
            span,
        }
    }

    /// A `subvention MONTANT {…}` block.
    fn subvention(&mut self, pair: Pair<'_, Rule>) -> SubventionDecl {
        let span = self.span(&pair);
        let mut k = kids(&pair);
        let keyword = self.span(&k.next().expect("subvention keyword"));
        let montant = self.amount(k.next().expect("subvention amount"));
        let attrs = k
            .map(|p| {
                let span = self.span(&p);
                let mut a = kids(&p);
                let keyword = self.span(&a.next().expect("attribute keyword"));
                let value = a.next().expect("attribute value");
                match p.as_rule() {
                    Rule::sub_enveloppe => {
                        let enveloppe = self.ident(value);
                        let precision = a.next().map(|p| self.string(p));
                        SubventionAttr::Enveloppe(Attr {
                            keyword,
                            value: (enveloppe, precision),
                            span,
                        })
                    }
                    Rule::sub_etp => SubventionAttr::Etp(Attr {
                        keyword,
                        value: self.amount(value),
                        span,
                    }),
                    Rule::sub_prestation => SubventionAttr::Prestation(Attr {
                        keyword,
                        value: self.amount(value),
                        span,
                    }),
                    Rule::sub_beneficiaire => {
                        let who = self.ident(value);
                        let amount = self.amount(a.next().expect("beneficiaire amount"));
                        SubventionAttr::Beneficiaire(Attr {
                            keyword,
                            value: (who, amount),
                            span,
                        })
                    }
                    Rule::sub_statut => SubventionAttr::Statut(Attr {
                        keyword,
                        value: self.ident(value),
                        span,
                    }),
                    other => unreachable!("not a grant attribute: {other:?}"),
                }
            })
            .collect();
        SubventionDecl {
            keyword,
            montant,
            attrs,
            span,
        }
    }

    /// The lines of a `besoins` block: the needs, and `total_etp`.
    fn besoins<'i>(&mut self, pairs: impl Iterator<Item = Pair<'i, Rule>>, span: Span) -> Item {
        let mut besoins = Vec::new();
        let mut total_etp = Vec::new();
        for p in pairs {
            if p.as_rule() != Rule::total_etp {
                besoins.push(self.besoin(p));
                continue;
            }
            let span = self.span(&p);
            let mut a = kids(&p).skip(1);
            let etp = self.number(a.next().expect("total_etp value"), false);
            let priorite = a.next().map(|p| {
                let span = self.span(&p);
                let mut o = kids(&p);
                let keyword = self.span(&o.next().expect("priorite keyword"));
                Attr {
                    keyword,
                    value: self.number(o.next().expect("priorite value"), false),
                    span,
                }
            });
            total_etp.push(TotalEtpDecl {
                etp,
                priorite,
                span,
            });
        }
        Item::Besoins(BesoinsDecl {
            besoins,
            total_etp,
            span,
        })
    }

    fn besoin(&mut self, pair: Pair<'_, Rule>) -> BesoinDecl {
        let span = self.span(&pair);
        let mut k = kids(&pair).peekable();
        let besoin = self.ident(k.next().expect("besoin value"));
        let precision = match k.peek() {
            Some(p) if p.as_rule() == Rule::string => Some(self.string(k.next().expect("peeked"))),
            _ => None,
        };
        let options = k
            .map(|p| {
                let span = self.span(&p);
                let mut a = kids(&p);
                let keyword = self.span(&a.next().expect("option keyword"));
                match p.as_rule() {
                    Rule::bes_etp => BesoinOption::Etp(Attr {
                        keyword,
                        value: self.number(a.next().expect("etp value"), false),
                        span,
                    }),
                    Rule::bes_prestation => BesoinOption::Prestation(Attr {
                        keyword,
                        value: (),
                        span,
                    }),
                    Rule::bes_nombre => BesoinOption::Nombre(Attr {
                        keyword,
                        value: self.number(a.next().expect("nombre value"), false),
                        span,
                    }),
                    Rule::bes_priorite => BesoinOption::Priorite(Attr {
                        keyword,
                        value: self.number(a.next().expect("priorite value"), false),
                        span,
                    }),
                    other => unreachable!("not a need option: {other:?}"),
                }
            })
            .collect();
        BesoinDecl {
            besoin,
            precision,
            options,
            span,
        }
    }

    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn idents(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        kids(&pair).map(|p| self.ident(p)).collect()
    }

    fn code(&self, pair: Pair<'_, Rule>) -> Code {
        Code {
            value: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn codes(&self, pair: Pair<'_, Rule>) -> Vec<Code> {
        kids(&pair).map(|p| self.code(p)).collect()
    }

    fn range(&mut self, pair: Pair<'_, Rule>) -> Range {
        let span = self.span(&pair);
        let mut years = kids(&pair).map(|p| (p.as_str(), self.span(&p)));
        let start = years.next().expect("range start");
        let end = years.next().expect("range end");
        range_value(start, end, span, self.diagnostics)
    }

    /// A date `AAAA-MM-JJ`; one that does not exist is reported.
    fn date(&mut self, pair: Pair<'_, Rule>) -> Date {
        date_value(pair.as_str(), self.span(&pair), self.diagnostics)
    }

    fn amount(&mut self, pair: Pair<'_, Rule>) -> Number {
        let mut k = kids(&pair);
        let number = k.next().expect("amount number");
        let euro = k.next();
        let mut n = self.number(number, euro.is_some());
        if let Some(euro) = euro {
            n.span = n.span.to(self.span(&euro));
        }
        n
    }

    fn number(&mut self, pair: Pair<'_, Rule>, euro: bool) -> Number {
        number_value(pair.as_str(), self.span(&pair), euro, self.diagnostics)
    }

    fn string(&mut self, pair: Pair<'_, Rule>) -> Str {
        let span = self.span(&pair);
        let inner = pair.clone().into_inner().next().expect("string has a body");
        let kind = inner.as_rule();
        let triple = kind == Rule::triple_string;
        let body = inner.into_inner().next().expect("string body");
        let body_start = self.offset + body.as_span().start();
        let raw = body.as_str();
        if matches!(kind, Rule::french_string | Rule::curly_string) {
            for (at, c) in crate::unicode::bidi_controls(raw) {
                self.diagnostics
                    .push(super::error::bidi_control(body_start + at, c));
            }
            if kind == Rule::curly_string {
                self.diagnostics
                    .push(super::french::curly_quotes(span, raw));
            }
            return Str {
                value: super::french::guillemets_value(raw),
                triple,
                span,
            };
        }
        string_value(raw, body_start, triple, span, self.diagnostics)
    }
}

/// The range `start..end` of years, each given as its text and span; a year
/// outside [`YEAR_MIN`]..=[`YEAR_MAX`] is an error, and the range is then
/// marked invalid.
pub(super) fn range_value(
    start: (&str, Span),
    end: (&str, Span),
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Range {
    let mut valid = true;
    let mut year = |(text, span): (&str, Span)| match text.parse::<i64>() {
        Ok(year) if (YEAR_MIN..=YEAR_MAX).contains(&year) => year,
        read => {
            valid = false;
            diagnostics.push(
                Diagnostic::error(
                    diagnostic::Code::Nombre,
                    span,
                    format!(
                        "l'année `{text}` est hors des années possibles ({YEAR_MIN} à {YEAR_MAX})"
                    ),
                )
                .label("année invalide")
                .help(if read.is_err() || text.len() > 4 {
                    "une année s'écrit sur quatre chiffres, par exemple `2024`"
                } else {
                    "la feuille de route couvre 2023-2027 : vérifiez une faute de frappe"
                }),
            );
            0
        }
    };
    let start = year(start);
    let end = year(end);
    Range {
        start,
        end,
        span,
        valid,
    }
}

/// The number written `raw` at `span`; too many digits or an unreadable
/// number is an error, and the value is then 0.
pub(super) fn number_value(
    raw: &str,
    span: Span,
    euro: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Number {
    let raw = raw.to_string();
    if super::french::integer_digits(&raw) > MAX_DIGITS {
        // Beyond what a budget can be, and beyond what a floating-point
        // number holds exactly: never rounded silently.
        diagnostics.push(super::error::number_too_large(&raw, span));
        return Number {
            raw,
            value: 0.0,
            euro,
            span,
        };
    }
    let value = super::french::number_value(&raw).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error(
                diagnostic::Code::Nombre,
                span,
                format!("le nombre `{raw}` est illisible"),
            )
            .label("nombre invalide")
            .help("écrivez un nombre comme `120 000` ou `0,5`"),
        );
        0.0
    });
    Number {
        raw,
        value,
        euro,
        span,
    }
}

/// The string whose body (between its quotes) is `raw`, starting at
/// `body_start` in the file: escapes decoded, CRLF made LF, unknown escapes
/// and bidirectional controls reported.
pub(super) fn string_value(
    raw: &str,
    body_start: usize,
    triple: bool,
    span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Str {
    for (at, c) in crate::unicode::bidi_controls(raw) {
        diagnostics.push(super::error::bidi_control(body_start + at, c));
    }
    // Most texts have neither escape nor CRLF: copied whole.
    if memchr::memchr2(b'\\', b'\r', raw.as_bytes()).is_none() {
        return Str {
            value: raw.to_owned(),
            triple,
            span,
        };
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        // A text over several lines keeps `\n` line ends, whatever the
        // file's (CRLF from Windows editors).
        if c == '\r' && raw[i + 1..].starts_with('\n') {
            continue;
        }
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 'n')) => value.push('\n'),
            Some((_, '"')) => value.push('"'),
            Some((_, '\\')) => value.push('\\'),
            Some((j, other)) => {
                let at = Span::new(body_start + i, body_start + j + other.len_utf8());
                diagnostics.push(
                    Diagnostic::error(
                        diagnostic::Code::Echappement,
                        at,
                        format!("séquence d'échappement inconnue `\\{other}`"),
                    )
                    .label("échappement inconnu")
                    .help("dans une chaîne, seuls `\\\"`, `\\\\` et `\\n` sont reconnus"),
                );
                value.push(other);
            }
            None => value.push('\\'),
        }
    }
    Str {
        value,
        triple,
        span,
    }
}

/// The date written `raw` (`AAAA-MM-JJ`, shape checked by the grammar) at
/// `span`; one that does not exist (`2025-02-30`) is reported.
pub(super) fn date_value(raw: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Date {
    let valid = raw.parse::<jiff::civil::Date>().is_ok();
    if !valid {
        diagnostics.push(super::error::invalid_date(raw, span));
    }
    Date {
        raw: raw.to_string(),
        valid,
        span,
    }
}

//! The layout of each node of the syntax tree. Every `match` over the
//! tree is exhaustive: a new node or attribute does not compile until its
//! layout is written here.
//!
//! - One declaration or attribute per line; a block's content indented by
//!   [`INDENT`]; the values of a block's attributes aligned one column
//!   after its longest keyword.
//! - One blank line around a declaration printed over several lines;
//!   between one-line declarations, the blank line as written (at most
//!   one), so that groups of members stay together. In a run of `membre`
//!   lines with no blank line, the natures are aligned.
//! - `financement` and `beneficiaire` lines of one block: identifiers
//!   padded, amounts right-aligned. In `besoins`, the options aligned
//!   after the longest need.
//! - A `membre` or `crsn` block with one attribute stays on the
//!   declaration's line (`{ tags rural }`); an empty block is `{}` (none
//!   for a `membre` or an `existant`, whose block is optional).

use super::INDENT;
use super::printer::Printer;
use super::spelling;
use crate::span::Span;
use crate::syntax::ast::*;

/// One element of the file's top level: an item or an own-line comment,
/// with whether a blank line comes before it.
struct Event {
    item: Option<usize>,
    blank: bool,
    /// An item printed over several lines.
    block: bool,
}

/// The whole file.
pub(super) fn file(p: &mut Printer, items: &[Item]) {
    let events = events(p, items);
    let widths = membre_widths(items, &events);
    let mut after_block = false;
    for event in &events {
        if event.blank {
            p.blank();
        }
        match event.item {
            None => {
                p.own_line_comment(0);
                after_block = false;
            }
            Some(k) => {
                item(p, &items[k], widths[k]);
                after_block = event.block;
            }
        }
    }
    p.rest(after_block);
}

/// The top-level elements in order, with the blank lines between them:
/// one when the source has one, around every declaration printed over
/// several lines, never at the start.
fn events(p: &Printer, items: &[Item]) -> Vec<Event> {
    let comments = p.comment_spans();
    let mut events = Vec::new();
    let mut ci = 0;
    let mut last = 0;
    let mut started = false;
    // None: a comment; Some(block): an item.
    let mut prev: Option<bool> = None;
    for (k, it) in items.iter().enumerate() {
        let span = it.span();
        while ci < comments.len() && comments[ci].start < span.start {
            let c = comments[ci];
            let blank = started && (p.blank_between(last, c.start) || prev == Some(true));
            events.push(Event {
                item: None,
                blank,
                block: false,
            });
            started = true;
            prev = None;
            last = c.end;
            ci += 1;
        }
        let block = is_block(p, it);
        let blank = started
            && (p.blank_between(last, span.start)
                || prev == Some(true)
                || (block && prev.is_some()));
        events.push(Event {
            item: Some(k),
            blank,
            block,
        });
        started = true;
        prev = Some(block);
        last = span.end;
        // Its comments, and the one at the end of its last line.
        while ci < comments.len() && comments[ci].start < span.end {
            ci += 1;
        }
        if ci < comments.len() && p.on_same_line(span.end, comments[ci].start) {
            last = comments[ci].end;
            ci += 1;
        }
    }
    events
}

/// The width of each member's identifier in its run of `membre` lines.
fn membre_widths(items: &[Item], events: &[Event]) -> Vec<usize> {
    let mut widths = vec![0; items.len()];
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, widths: &mut Vec<usize>| {
        let w = run
            .iter()
            .map(|&k| match &items[k] {
                Item::Membre(m) => m.id.name.chars().count(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        for &k in run.iter() {
            widths[k] = w;
        }
        run.clear();
    };
    for event in events {
        if event.blank {
            flush(&mut run, &mut widths);
        }
        if let Some(k) = event.item {
            if matches!(items[k], Item::Membre(_)) {
                run.push(k);
            } else {
                flush(&mut run, &mut widths);
            }
        }
    }
    flush(&mut run, &mut widths);
    widths
}

/// True when the item is printed over several lines, as a block.
fn is_block(p: &Printer, it: &Item) -> bool {
    match it {
        Item::Pilotage(_) | Item::Comite(_) | Item::FeuilleDeRoute(_) | Item::Besoins(_) => true,
        Item::Territoire(_)
        | Item::Periode(_)
        | Item::SansChevauchement(_)
        | Item::Derogation(_) => false,
        Item::Existant(d) => {
            p.brace_after(d.nom.span.end, d.span.end).is_some()
                && (!d.attrs.is_empty() || p.comments_inside(inside(p, d.nom.span.end, d.span)))
        }
        Item::Membre(m) => {
            let end = m
                .libelle
                .as_ref()
                .map(|l| l.span.end)
                .or(m.code.as_ref().map(|c| c.span.end))
                .unwrap_or(m.nature.span.end);
            p.brace_after(end, m.span.end).is_some()
                && (m.attrs.len() > 1 || p.comments_inside(inside(p, end, m.span)))
        }
        Item::Crsn(d) => {
            d.membres.len() > 1 || p.comments_inside(inside(p, d.region.span.end, d.span))
        }
    }
}

/// The span from a block's header (ending at `header_end`) to its `}`:
/// a comment there (before or after `{`) keeps the block over several
/// lines.
fn inside(p: &Printer, header_end: usize, span: Span) -> Span {
    Span::new(header_end, close_of(p, span))
}

/// Where the `}` that ends `span` is.
fn close_of(p: &Printer, span: Span) -> usize {
    p.src[..span.end]
        .rfind('}')
        .unwrap_or(span.end.saturating_sub(1))
}

fn item(p: &mut Printer, it: &Item, membre_width: usize) {
    match it {
        Item::Territoire(d) => {
            p.line(
                d.span.start,
                0,
                "territoire",
                d.span.start + "territoire".len(),
            );
            let codes: Vec<_> = d.codes.iter().map(|c| (c.value.clone(), c.span)).collect();
            p.list(&codes, "territoire ".len());
            p.finish();
        }
        Item::Periode(d) => {
            p.line(d.span.start, 0, "periode", d.span.start + "periode".len());
            p.word(&spelling::range(&d.range), d.range.span, INDENT);
            p.finish();
        }
        Item::Membre(m) => membre(p, m, membre_width),
        Item::Pilotage(d) => {
            p.line(d.span.start, 0, "pilotage", d.span.start + "pilotage".len());
            let width = key_width(d.attrs.iter().map(pilotage_key));
            if let Some(close) = open_block(p, d.span, d.attrs.is_empty()) {
                for a in &d.attrs {
                    pilotage_attr(
                        p,
                        a,
                        At::Line {
                            indent: INDENT,
                            width,
                        },
                    );
                    p.finish();
                }
                p.close(close, 0);
            }
        }
        Item::Comite(d) => {
            p.line(d.span.start, 0, "comite", d.span.start + "comite".len());
            p.word(&d.id.name, d.id.span, INDENT);
            p.word(&d.kind.name, d.kind.span, INDENT);
            if let Some(precision) = &d.precision {
                p.word(&spelling::string(precision), precision.span, INDENT);
            }
            p.word(&spelling::string(&d.nom), d.nom.span, INDENT);
            body_block(p, &d.attrs, d.span, 0, false);
        }
        Item::Existant(d) => {
            p.line(d.span.start, 0, "existant", d.span.start + "existant".len());
            p.word(&d.id.name, d.id.span, INDENT);
            p.word(&d.contrat.name, d.contrat.span, INDENT);
            if let Some(precision) = &d.precision {
                p.word(&spelling::string(precision), precision.span, INDENT);
            }
            p.word(&spelling::string(&d.nom), d.nom.span, INDENT);
            body_block(p, &d.attrs, d.span, 0, true);
        }
        Item::SansChevauchement(d) => {
            let key = "sans_chevauchement";
            p.line(d.span.start, 0, key, d.span.start + key.len());
            p.list(&idents(&d.ids), key.len() + 1);
            p.finish();
        }
        Item::Crsn(d) => crsn(p, d),
        Item::FeuilleDeRoute(d) => feuille(p, d),
        Item::Besoins(d) => besoins(p, d),
        Item::Derogation(d) => {
            p.line(
                d.span.start,
                0,
                "derogation",
                d.span.start + "derogation".len(),
            );
            p.word(&d.rule.value, d.rule.span, INDENT);
            p.word(&spelling::string(&d.motif), d.motif.span, INDENT);
            p.finish();
        }
    }
}

/// Where an attribute goes: on its own line (its keyword padded to
/// `width`), or inline after what precedes it.
#[derive(Clone, Copy)]
enum At {
    Line { indent: usize, width: usize },
    Inline { cont: usize },
}

/// Writes an attribute's keyword; gives the column of its continuation
/// lines.
fn key(p: &mut Printer, at: At, key: &str, keyword: Span, start: usize) -> usize {
    match at {
        At::Line { indent, width } => {
            p.line(start, indent, &format!("{key:<width$}"), keyword.end);
            indent + width + 1
        }
        At::Inline { cont } => {
            p.word(key, keyword, cont);
            cont
        }
    }
}

fn key_width<'k>(keys: impl Iterator<Item = &'k str>) -> usize {
    keys.map(str::len).max().unwrap_or(0)
}

fn idents(ids: &[Ident]) -> Vec<(String, Span)> {
    ids.iter().map(|i| (i.name.clone(), i.span)).collect()
}

/// Opens the block of a declaration whose header is written: `{}` for an
/// empty one (no attribute, no comment), else ` {` and the position of its
/// `}`.
fn open_block(p: &mut Printer, span: Span, empty: bool) -> Option<usize> {
    let brace = p.brace_after(p.last, span.end).unwrap_or(p.last);
    let close = close_of(p, span);
    if empty && !p.comments_inside(Span::new(p.last, close)) {
        p.append("{}");
        p.last = p.last.max(close + 1);
        p.finish();
        return None;
    }
    p.open(brace);
    Some(close)
}

fn membre(p: &mut Printer, m: &MembreDecl, id_width: usize) {
    p.line(m.span.start, 0, "membre", m.span.start + "membre".len());
    p.word(&format!("{:<id_width$}", m.id.name), m.id.span, INDENT);
    p.word(&m.nature.name, m.nature.span, INDENT);
    if let Some(code) = &m.code {
        p.word(&code.value, code.span, INDENT);
    }
    if let Some(libelle) = &m.libelle {
        p.word(&spelling::string(libelle), libelle.span, INDENT);
    }
    let Some(brace) = p.brace_after(p.last, m.span.end) else {
        p.finish();
        return;
    };
    let close = close_of(p, m.span);
    let comments = p.comments_inside(Span::new(p.last, close));
    if m.attrs.is_empty() && !comments {
        // An empty block says nothing: not written.
        p.last = p.last.max(close + 1);
        p.finish();
    } else if m.attrs.len() == 1 && !comments {
        p.append("{");
        p.last = p.last.max(brace + 1);
        membre_attr(p, &m.attrs[0], At::Inline { cont: INDENT });
        p.append("}");
        p.last = p.last.max(close + 1);
        p.finish();
    } else {
        p.open(brace);
        let width = key_width(m.attrs.iter().map(|a| match a {
            MembreAttr::Siret(_) => "siret",
            MembreAttr::Region(_) => "region",
            MembreAttr::Tags(_) => "tags",
        }));
        for a in &m.attrs {
            membre_attr(
                p,
                a,
                At::Line {
                    indent: INDENT,
                    width,
                },
            );
            p.finish();
        }
        p.close(close, 0);
    }
}

fn membre_attr(p: &mut Printer, a: &MembreAttr, at: At) {
    match a {
        MembreAttr::Siret(a) => {
            let cont = key(p, at, "siret", a.keyword, a.span.start);
            p.word(&a.value.value, a.value.span, cont);
        }
        MembreAttr::Region(a) => {
            let cont = key(p, at, "region", a.keyword, a.span.start);
            p.word(&a.value.value, a.value.span, cont);
        }
        MembreAttr::Tags(a) => {
            let cont = key(p, at, "tags", a.keyword, a.span.start);
            p.list(&idents(&a.value), cont);
        }
    }
}

fn pilotage_key(a: &PilotageAttr) -> &'static str {
    match a {
        PilotageAttr::Prefet(_) => "prefet",
        PilotageAttr::Pilote(_) => "pilote",
        PilotageAttr::Copilotes(_) => "copilotes",
        PilotageAttr::Coordination(_) => "coordination",
        PilotageAttr::Referent(_) => "referent",
    }
}

fn pilotage_attr(p: &mut Printer, a: &PilotageAttr, at: At) {
    let k = pilotage_key(a);
    match a {
        PilotageAttr::Prefet(a) | PilotageAttr::Pilote(a) => {
            let cont = key(p, at, k, a.keyword, a.span.start);
            p.word(&a.value.name, a.value.span, cont);
        }
        PilotageAttr::Copilotes(a) | PilotageAttr::Coordination(a) => {
            let cont = key(p, at, k, a.keyword, a.span.start);
            p.list(&idents(&a.value), cont);
        }
        PilotageAttr::Referent(a) => {
            let cont = key(p, at, k, a.keyword, a.span.start);
            let (nom, adresse) = &a.value;
            p.word(&spelling::string(nom), nom.span, cont);
            p.word(&spelling::string(adresse), adresse.span, cont);
        }
    }
}

fn body_key(a: &BodyAttr) -> &'static str {
    match a {
        BodyAttr::Presidence(_) => "presidence",
        BodyAttr::Membres(_) => "membres",
        BodyAttr::Frequence(_) => "frequence",
        BodyAttr::Perimetre(_) => "perimetre",
        BodyAttr::RendCompte(_) => "rend_compte",
        BodyAttr::Adosse(_) => "adosse",
        BodyAttr::Mission(_) => "mission",
        BodyAttr::ProchaineReunion(_) => "prochaine_reunion",
    }
}

/// The block of a comité or an existing body (`optional`: an existing
/// body may have none).
fn body_block(p: &mut Printer, attrs: &[BodyAttr], span: Span, indent: usize, optional: bool) {
    if optional && p.brace_after(p.last, span.end).is_none() {
        p.finish();
        return;
    }
    if optional && attrs.is_empty() {
        let close = close_of(p, span);
        if !p.comments_inside(Span::new(p.last, close)) {
            p.last = p.last.max(close + 1);
            p.finish();
            return;
        }
    }
    let Some(close) = open_block(p, span, attrs.is_empty()) else {
        return;
    };
    let width = key_width(attrs.iter().map(body_key));
    let at = At::Line {
        indent: indent + INDENT,
        width,
    };
    for a in attrs {
        let k = body_key(a);
        match a {
            BodyAttr::Presidence(a) | BodyAttr::Membres(a) | BodyAttr::Perimetre(a) => {
                let cont = key(p, at, k, a.keyword, a.span.start);
                p.list(&idents(&a.value), cont);
            }
            BodyAttr::Frequence(a) | BodyAttr::RendCompte(a) | BodyAttr::Adosse(a) => {
                let cont = key(p, at, k, a.keyword, a.span.start);
                p.word(&a.value.name, a.value.span, cont);
            }
            BodyAttr::Mission(a) => {
                let cont = key(p, at, k, a.keyword, a.span.start);
                p.word(&spelling::string(&a.value), a.value.span, cont);
            }
            BodyAttr::ProchaineReunion(a) => {
                let cont = key(p, at, k, a.keyword, a.span.start);
                p.word(&a.value.raw, a.value.span, cont);
            }
        }
        p.finish();
    }
    p.close(close, indent);
}

fn crsn(p: &mut Printer, d: &CrsnDecl) {
    p.line(d.span.start, 0, "crsn", d.span.start + "crsn".len());
    p.word(&d.region.value, d.region.span, INDENT);
    let brace = p.brace_after(p.last, d.span.end).unwrap_or(p.last);
    let close = close_of(p, d.span);
    if d.membres.len() == 1 && !p.comments_inside(Span::new(p.last, close)) {
        let a = &d.membres[0];
        p.append("{");
        p.last = p.last.max(brace + 1);
        let cont = key(
            p,
            At::Inline { cont: INDENT },
            "membres",
            a.keyword,
            a.span.start,
        );
        p.list(&idents(&a.value), cont);
        p.append("}");
        p.last = p.last.max(close + 1);
        p.finish();
        return;
    }
    let Some(close) = open_block(p, d.span, d.membres.is_empty()) else {
        return;
    };
    let at = At::Line {
        indent: INDENT,
        width: "membres".len(),
    };
    for a in &d.membres {
        let cont = key(p, at, "membres", a.keyword, a.span.start);
        p.list(&idents(&a.value), cont);
        p.finish();
    }
    p.close(close, 0);
}

fn feuille(p: &mut Printer, d: &FeuilleDeRouteDecl) {
    let k = "feuille_de_route";
    p.line(d.span.start, 0, k, d.span.start + k.len());
    p.word(&d.id.name, d.id.span, INDENT);
    p.word(&spelling::string(&d.nom), d.nom.span, INDENT);
    let Some(close) = open_block(p, d.span, d.attrs.is_empty()) else {
        return;
    };
    let width = key_width(d.attrs.iter().filter_map(|a| match a {
        FeuilleAttr::Porteur(_) => Some("porteur"),
        FeuilleAttr::Perimetre(_) => Some("perimetre"),
        FeuilleAttr::Contrat(_) => Some("contrat"),
        FeuilleAttr::Diagnostic(_) => Some("diagnostic"),
        FeuilleAttr::Action(_) => None,
    }));
    let at = At::Line {
        indent: INDENT,
        width,
    };
    for a in &d.attrs {
        match a {
            FeuilleAttr::Porteur(a) => {
                let cont = key(p, at, "porteur", a.keyword, a.span.start);
                p.word(&a.value.name, a.value.span, cont);
                p.finish();
            }
            FeuilleAttr::Perimetre(a) => {
                let cont = key(p, at, "perimetre", a.keyword, a.span.start);
                p.list(&idents(&a.value), cont);
                p.finish();
            }
            FeuilleAttr::Contrat(a) => {
                let cont = key(p, at, "contrat", a.keyword, a.span.start);
                value_with_precision(p, &a.value, cont);
                p.finish();
            }
            FeuilleAttr::Diagnostic(a) => {
                let cont = key(p, at, "diagnostic", a.keyword, a.span.start);
                p.word(&spelling::string(&a.value), a.value.span, cont);
                p.finish();
            }
            FeuilleAttr::Action(action) => action_block(p, action, INDENT),
        }
    }
    p.close(close, 0);
}

/// `VALEUR ["précision"]` (a contract, an envelope).
fn value_with_precision(p: &mut Printer, (value, precision): &(Ident, Option<Str>), cont: usize) {
    p.word(&value.name, value.span, cont);
    if let Some(precision) = precision {
        p.word(&spelling::string(precision), precision.span, cont);
    }
}

/// `id amount` lines of one block (`financement`, `beneficiaire`): the
/// width of their identifiers and of their numbers (without `€`).
fn pairs_width<'a>(pairs: impl Iterator<Item = &'a (Ident, Number)> + Clone) -> (usize, usize) {
    let ids = pairs
        .clone()
        .map(|(id, _)| id.name.chars().count())
        .max()
        .unwrap_or(0);
    let numbers = pairs
        .map(|(_, n)| spelling::integer_part_width(n))
        .max()
        .unwrap_or(0);
    (ids, numbers)
}

/// `id amount`, the identifier padded, the number right-aligned (its
/// `€` after it).
fn pair(p: &mut Printer, (id, n): &(Ident, Number), (iw, nw): (usize, usize), cont: usize) {
    p.word(&format!("{:<iw$}", id.name), id.span, cont);
    let amount = spelling::number(n);
    let pad = nw.saturating_sub(spelling::integer_part_width(n));
    p.word(&format!("{}{amount}", " ".repeat(pad)), n.span, cont);
}

fn action_block(p: &mut Printer, d: &ActionDecl, indent: usize) {
    p.line(d.span.start, indent, "action", d.keyword.end);
    p.word(&spelling::string(&d.nom), d.nom.span, indent + INDENT);
    let Some(close) = open_block(p, d.span, d.attrs.is_empty()) else {
        return;
    };
    let width = key_width(d.attrs.iter().filter_map(|a| match a {
        ActionAttr::Porteurs(_) => Some("porteurs"),
        ActionAttr::Besoins(_) => Some("besoins"),
        ActionAttr::Annees(_) => Some("annees"),
        ActionAttr::Budget(_) => Some("budget"),
        ActionAttr::Financement(_) => Some("financement"),
        ActionAttr::Subvention(_) => None,
    }));
    let financements = pairs_width(d.attrs.iter().filter_map(|a| match a {
        ActionAttr::Financement(a) => Some(&a.value),
        _ => None,
    }));
    let at = At::Line {
        indent: indent + INDENT,
        width,
    };
    for a in &d.attrs {
        match a {
            ActionAttr::Porteurs(a) => {
                let cont = key(p, at, "porteurs", a.keyword, a.span.start);
                p.list(&idents(&a.value), cont);
                p.finish();
            }
            ActionAttr::Besoins(a) => {
                let cont = key(p, at, "besoins", a.keyword, a.span.start);
                p.list(&idents(&a.value), cont);
                p.finish();
            }
            ActionAttr::Annees(a) => {
                let cont = key(p, at, "annees", a.keyword, a.span.start);
                p.word(&spelling::range(&a.value), a.value.span, cont);
                p.finish();
            }
            ActionAttr::Budget(a) => {
                let cont = key(p, at, "budget", a.keyword, a.span.start);
                p.word(&spelling::number(&a.value), a.value.span, cont);
                p.finish();
            }
            ActionAttr::Financement(a) => {
                let cont = key(p, at, "financement", a.keyword, a.span.start);
                pair(p, &a.value, financements, cont);
                p.finish();
            }
            ActionAttr::Subvention(s) => subvention(p, s, indent + INDENT),
        }
    }
    p.close(close, indent);
}

fn subvention(p: &mut Printer, d: &SubventionDecl, indent: usize) {
    p.line(d.span.start, indent, "subvention", d.keyword.end);
    p.word(
        &spelling::number(&d.montant),
        d.montant.span,
        indent + INDENT,
    );
    let Some(close) = open_block(p, d.span, d.attrs.is_empty()) else {
        return;
    };
    let width = key_width(d.attrs.iter().map(|a| match a {
        SubventionAttr::Enveloppe(_) => "enveloppe",
        SubventionAttr::Etp(_) => "etp",
        SubventionAttr::Prestation(_) => "prestation",
        SubventionAttr::Beneficiaire(_) => "beneficiaire",
        SubventionAttr::Statut(_) => "statut",
    }));
    let beneficiaires = pairs_width(d.attrs.iter().filter_map(|a| match a {
        SubventionAttr::Beneficiaire(a) => Some(&a.value),
        _ => None,
    }));
    let at = At::Line {
        indent: indent + INDENT,
        width,
    };
    for a in &d.attrs {
        match a {
            SubventionAttr::Enveloppe(a) => {
                let cont = key(p, at, "enveloppe", a.keyword, a.span.start);
                value_with_precision(p, &a.value, cont);
            }
            SubventionAttr::Etp(a) => {
                let cont = key(p, at, "etp", a.keyword, a.span.start);
                p.word(&spelling::number(&a.value), a.value.span, cont);
            }
            SubventionAttr::Prestation(a) => {
                let cont = key(p, at, "prestation", a.keyword, a.span.start);
                p.word(&spelling::number(&a.value), a.value.span, cont);
            }
            SubventionAttr::Beneficiaire(a) => {
                let cont = key(p, at, "beneficiaire", a.keyword, a.span.start);
                pair(p, &a.value, beneficiaires, cont);
            }
            SubventionAttr::Statut(a) => {
                let cont = key(p, at, "statut", a.keyword, a.span.start);
                p.word(&a.value.name, a.value.span, cont);
            }
        }
        p.finish();
    }
    p.close(close, indent);
}

/// A line of the `besoins` block, in source order.
enum BesoinLine<'a> {
    Besoin(&'a BesoinDecl),
    Total(&'a TotalEtpDecl),
}

fn besoins(p: &mut Printer, d: &BesoinsDecl) {
    p.line(d.span.start, 0, "besoins", d.span.start + "besoins".len());
    let mut lines: Vec<(usize, BesoinLine)> = d
        .besoins
        .iter()
        .map(|b| (b.span.start, BesoinLine::Besoin(b)))
        .chain(
            d.total_etp
                .iter()
                .map(|t| (t.span.start, BesoinLine::Total(t))),
        )
        .collect();
    lines.sort_by_key(|(start, _)| *start);
    let Some(close) = open_block(p, d.span, lines.is_empty()) else {
        return;
    };
    let width = d
        .besoins
        .iter()
        .map(|b| b.besoin.name.chars().count())
        .max()
        .unwrap_or(0);
    for (_, line) in &lines {
        match line {
            BesoinLine::Besoin(b) => {
                let head = if b.precision.is_none() && !b.options.is_empty() {
                    format!("{:<width$}", b.besoin.name)
                } else {
                    b.besoin.name.clone()
                };
                p.line(b.span.start, INDENT, &head, b.besoin.span.end);
                let cont = INDENT + width + 1;
                if let Some(precision) = &b.precision {
                    p.word(&spelling::string(precision), precision.span, cont);
                }
                for option in &b.options {
                    match option {
                        BesoinOption::Etp(a) => {
                            p.word("etp", a.keyword, cont);
                            p.word(&spelling::number(&a.value), a.value.span, cont);
                        }
                        BesoinOption::Prestation(a) => p.word("prestation", a.keyword, cont),
                        BesoinOption::Nombre(a) => {
                            p.word("nombre", a.keyword, cont);
                            p.word(&spelling::number(&a.value), a.value.span, cont);
                        }
                        BesoinOption::Priorite(a) => {
                            p.word("priorite", a.keyword, cont);
                            p.word(&spelling::integer(&a.value), a.value.span, cont);
                        }
                    }
                }
            }
            BesoinLine::Total(t) => {
                let k = "total_etp";
                p.line(t.span.start, INDENT, k, t.span.start + k.len());
                let cont = INDENT + k.len() + 1;
                p.word(&spelling::number(&t.etp), t.etp.span, cont);
                if let Some(a) = &t.priorite {
                    p.word("priorite", a.keyword, cont);
                    p.word(&spelling::integer(&a.value), a.value.span, cont);
                }
            }
        }
        p.finish();
    }
    p.close(close, 0);
}

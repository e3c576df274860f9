//! copil for the web editor (`web/`): the library compiled to WebAssembly
//! behind a few functions that take text and give text (JSON, SVG,
//! Markdown, a `.copil` file). No I/O: the page reads and writes files,
//! this crate only compiles.
//!
//! Positions given to the page are in UTF-16 code units (what a JavaScript
//! string and CodeMirror count), beside the byte offsets of the JSON
//! contract. A function that cannot answer returns `Err` with a French
//! message, which the page shows (in JavaScript: an exception).
//!
//! Every function is also a plain Rust function: the tests below call them
//! natively in `cargo test`.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use copil::check::{FileReport, check_source};
use copil::diff::{self, Side};
use copil::ide::{self, Analysis, CompletionKind};
use copil::reference::Reference;
use copil::reference::search::{self, Nature, Recherche, Resultat};
use copil::report::Summary;
use copil::rules::Rules;
use copil::span::LineIndex;
use copil::span::Span;
use copil::syntax::keyword::Keyword;
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// The version of this JSON (the page checks it).
pub const VERSION: u32 = 1;

/// The name the page gives to the file it edits, in reports.
const SHOWN_PATH: &str = "gouvernance.copil";

thread_local! {
    /// The shipped rulesets, loaded once.
    static RULES: OnceCell<Result<Rules, String>> = const { OnceCell::new() };
}

thread_local! {
    /// The analysis of the last text the editor sent: completion and hover
    /// at the next keystroke reuse it while the text is the same.
    static LAST: RefCell<Option<Rc<Analysis>>> = const { RefCell::new(None) };
}

/// Runs `f` with the shipped rules (one thread: the page's).
fn with_rules<T>(f: impl FnOnce(&Rules) -> T) -> Result<T, String> {
    RULES.with(|cell| {
        let rules = cell.get_or_init(|| {
            Rules::embedded().map_err(|e| format!("les règles livrées ne se chargent pas : {e:?}"))
        });
        match rules {
            Ok(rules) => Ok(f(rules)),
            Err(e) => Err(e.clone()),
        }
    })
}

/// Checks `source` with the shipped rules.
fn checked(source: &str) -> Result<FileReport, String> {
    with_rules(|rules| check_source(SHOWN_PATH.to_string(), source.to_string(), rules))
}

/// The editor services' analysis of `source`, kept for the next call.
fn analysis(source: &str) -> Result<Rc<Analysis>, String> {
    if let Some(last) = LAST.with_borrow(|last| last.clone())
        && last.source == source
    {
        return Ok(last);
    }
    let mut fresh = with_rules(|rules| Analysis::new(source, rules))?;
    // The roadmap names its source file.
    fresh.report.path = SHOWN_PATH.to_string();
    let fresh = Rc::new(fresh);
    LAST.set(Some(fresh.clone()));
    Ok(fresh)
}

/// The version of the binding (the library's: both move together).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `copil check --format json` on one text: the public JSON contract of
/// DESIGN §6 (version 1), byte offsets.
#[wasm_bindgen]
pub fn check(source: &str) -> Result<String, String> {
    Ok(copil::report::json(&[checked(source)?]))
}

/// What the editor needs after each keystroke, from one compilation: the
/// diagnostics with UTF-16 positions, the counts, the org chart (SVG) and
/// the roadmap skeleton (Markdown) when the file compiles.
#[wasm_bindgen]
pub fn analyse(source: &str) -> Result<String, String> {
    let analysis = analysis(source)?;
    let report = &analysis.report;
    let positions = Utf16::new(source);
    let index = LineIndex::new(source);
    let actions = ide::code_actions(&analysis, Span::new(0, source.len()));
    let diagnostics = report
        .diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (line, column) = index.line_col(source, d.span.start);
            Diag {
                code: d.code.as_str(),
                severity: d.severity.as_str(),
                severity_label: d.severity.libelle(),
                message: &d.message,
                help: d.help.as_deref(),
                label: &d.label,
                line,
                column,
                from: positions.of(d.span.start),
                to: positions.of(d.span.end),
                related: d
                    .related
                    .iter()
                    .map(|l| Related {
                        text: &l.text,
                        from: positions.of(l.span.start),
                        to: positions.of(l.span.end),
                    })
                    .collect(),
                waived: d.waived.as_deref(),
                fixes: actions
                    .iter()
                    .filter(|a| a.diagnostic == i)
                    .map(|a| FixJson {
                        title: &a.title,
                        preferred: a.preferred,
                        edits: a
                            .edits
                            .iter()
                            .map(|(span, insert)| EditJson {
                                from: positions.of(span.start),
                                to: positions.of(span.end),
                                insert,
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let analysed = Analysed {
        version: VERSION,
        territoire: report.territoire.as_deref(),
        compiled: report.compiled,
        summary: Summary::of(std::slice::from_ref(report)),
        diagnostics,
        svg: copil::render::organigramme(report, copil::render::ChartFormat::Svg),
        markdown: copil::render::feuille_de_route(report),
    };
    Ok(serde_json::to_string(&analysed).expect("the analysis serialises"))
}

#[derive(Serialize)]
struct Analysed<'a> {
    version: u32,
    territoire: Option<&'a str>,
    compiled: bool,
    summary: Summary,
    diagnostics: Vec<Diag<'a>>,
    svg: Option<String>,
    markdown: Option<String>,
}

#[derive(Serialize)]
struct Diag<'a> {
    code: &'a str,
    severity: &'static str,
    severity_label: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    label: &'a str,
    /// 1-based, where the span starts.
    line: usize,
    column: usize,
    /// UTF-16 offsets of the span.
    from: usize,
    to: usize,
    related: Vec<Related<'a>>,
    /// The derogation's reason when one waives it.
    waived: Option<&'a str>,
    /// The quick fixes (`copil::ide::code_actions`).
    fixes: Vec<FixJson<'a>>,
}

#[derive(Serialize)]
struct FixJson<'a> {
    title: &'a str,
    preferred: bool,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    from: usize,
    to: usize,
    insert: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    text: &'a str,
    from: usize,
    to: usize,
}

/// Byte offsets to UTF-16 offsets in one text.
struct Utf16 {
    /// `at[b]`: the UTF-16 offset of byte `b` (of the character holding it).
    at: Vec<u32>,
}

impl Utf16 {
    fn new(text: &str) -> Utf16 {
        let mut at = Vec::with_capacity(text.len() + 1);
        let mut units = 0u32;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                at.push(units);
            }
            units += c.len_utf16() as u32;
        }
        at.push(units);
        Utf16 { at }
    }

    /// The UTF-16 offset of byte `b`; past the end, the end.
    fn of(&self, b: usize) -> usize {
        self.at[b.min(self.at.len() - 1)] as usize
    }
}

/// The byte offset of UTF-16 offset `units` in `text` (inside a
/// character: its start; past the end: the end).
fn byte_offset(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen + c.len_utf16() > units {
            return i;
        }
        seen += c.len_utf16();
    }
    text.len()
}

/// The completions at UTF-16 offset `position` (`copil::ide::completion`):
/// `[{"label", "kind", "detail", "documentation", "insert", "from", "to",
/// "filter"}]`, `from`..`to` the word the proposal replaces.
#[wasm_bindgen]
pub fn completion(source: &str, position: u32) -> Result<String, String> {
    let analysis = analysis(source)?;
    let positions = Utf16::new(source);
    let offset = byte_offset(source, position as usize);
    #[derive(Serialize)]
    struct Item<'a> {
        label: &'a str,
        kind: &'static str,
        detail: Option<&'a str>,
        documentation: Option<&'a str>,
        insert: &'a str,
        from: usize,
        to: usize,
        filter: Option<&'a str>,
    }
    let items = ide::completion(&analysis, offset);
    let out: Vec<Item<'_>> = items
        .iter()
        .map(|c| Item {
            label: &c.label,
            kind: match c.kind {
                CompletionKind::Keyword => "keyword",
                CompletionKind::Valeur => "enum",
                CompletionKind::Identifiant(_) => "variable",
                CompletionKind::Code => "constant",
                CompletionKind::Regle => "property",
            },
            detail: c.detail.as_deref(),
            documentation: c.documentation.as_deref(),
            insert: &c.insert,
            from: positions.of(c.replace.start),
            to: positions.of(c.replace.end),
            filter: c.filter.as_deref(),
        })
        .collect();
    Ok(serde_json::to_string(&out).expect("the completions serialise"))
}

/// What the cursor is on, at UTF-16 offset `position` (`copil::ide::hover`):
/// `{"markdown", "from", "to"}`, or `null`.
#[wasm_bindgen]
pub fn hover(source: &str, position: u32) -> Result<String, String> {
    let analysis = analysis(source)?;
    let offset = byte_offset(source, position as usize);
    let Some(h) = ide::hover(&analysis, offset) else {
        return Ok("null".to_string());
    };
    let positions = Utf16::new(source);
    Ok(serde_json::json!({
        "markdown": h.markdown,
        "from": positions.of(h.span.start),
        "to": positions.of(h.span.end),
    })
    .to_string())
}

/// The file in its canonical layout (`copil fmt`), or why it cannot be
/// formatted (a syntax error: nothing is changed).
#[wasm_bindgen]
pub fn fmt(source: &str) -> Result<String, String> {
    copil::fmt::format(source).map_err(|errors| {
        let first = errors
            .first()
            .map(|d| format!(" : {}", d.message))
            .unwrap_or_default();
        format!(
            "le fichier a {} : corrigez la syntaxe avant de le mettre en forme{first}",
            if errors.len() == 1 {
                "une erreur de syntaxe".to_string()
            } else {
                format!("{} erreurs de syntaxe", errors.len())
            }
        )
    })
}

/// What `proposition` changes from `reference` (`copil diff A B`), as
/// Markdown (`format` = `markdown`) or JSON (`json`). Both must compile.
#[wasm_bindgen]
pub fn diff(reference: &str, proposition: &str, format: &str) -> Result<String, String> {
    let (a, b) = with_rules(|rules| {
        (
            check_source("reference.copil".to_string(), reference.to_string(), rules),
            check_source(
                "proposition.copil".to_string(),
                proposition.to_string(),
                rules,
            ),
        )
    })?;
    let side = |report, name: &str| {
        Side::of(report).ok_or_else(|| {
            format!("{name} ne compile pas : la comparaison demande deux fichiers qui compilent")
        })
    };
    let d = diff::diff(
        side(&a, "la version de référence")?,
        side(&b, "la proposition")?,
    );
    match format {
        "json" => Ok(serde_json::to_string_pretty(&d).expect("a diff serialises")),
        "markdown" => Ok(diff::markdown::render(&d)),
        other => Err(format!(
            "le format `{other}` n'existe pas ; choisissez markdown ou json"
        )),
    }
}

/// The org chart as SVG (`copil render --organigramme --format svg`).
#[wasm_bindgen]
pub fn organigramme(source: &str) -> Result<String, String> {
    let report = checked(source)?;
    copil::render::organigramme(&report, copil::render::ChartFormat::Svg).ok_or_else(not_compiled)
}

/// The roadmap skeleton in Markdown (`copil render --feuille-de-route`).
#[wasm_bindgen]
pub fn feuille_de_route(source: &str) -> Result<String, String> {
    let report = checked(source)?;
    copil::render::feuille_de_route(&report).ok_or_else(not_compiled)
}

/// The org chart as SVG at its own size in pixels: what the page draws
/// into a PNG for the `.odt` ([`feuille_de_route_odt`]).
#[wasm_bindgen]
pub fn organigramme_fixe(source: &str) -> Result<String, String> {
    let report = checked(source)?;
    copil::render::organigramme_fixe(&report).ok_or_else(not_compiled)
}

/// The roadmap skeleton as OpenDocument text (`copil render
/// --feuille-de-route --format odt`), with `image`, the PNG the browser
/// drew from [`organigramme_fixe`], as its org chart: copil's own
/// rasteriser and fonts would triple the size of the module.
#[wasm_bindgen]
pub fn feuille_de_route_odt(source: &str, image: Vec<u8>) -> Result<Vec<u8>, String> {
    let report = checked(source)?;
    copil::render::feuille_de_route_odt_avec_image(&report, image).ok_or_else(not_compiled)?
}

/// The fact model (`copil export --format json`).
#[wasm_bindgen]
pub fn export(source: &str) -> Result<String, String> {
    let report = checked(source)?;
    match (&report.gouvernance, &report.analyses) {
        (Some(g), Some(a)) => Ok(copil::rules::facts::export(g, a)),
        _ => Err(not_compiled()),
    }
}

fn not_compiled() -> String {
    "le fichier ne compile pas : corrigez d'abord les erreurs listées".to_string()
}

/// A starting file for a département (`copil init`), by code or name.
#[wasm_bindgen]
pub fn init(departement: &str) -> Result<String, String> {
    let reference = Reference::get();
    let d = copil::init::departement(reference, departement)
        .map_err(|e| format!("{} ; {}", e.message, e.help))?;
    Ok(copil::init::init(reference, d))
}

/// Every département for the picker, in the order of their codes:
/// `[{"code": "01", "nom": "Ain"}, …]`.
#[wasm_bindgen]
pub fn departements() -> String {
    #[derive(Serialize)]
    struct Item<'a> {
        code: &'a str,
        nom: &'a str,
    }
    let mut items: Vec<Item<'_>> = Reference::get()
        .departements()
        .map(|d| Item {
            code: d.code,
            nom: d.nom,
        })
        .collect();
    items.sort_by(|a, b| a.code.cmp(b.code));
    serde_json::to_string(&items).expect("the list serialises")
}

/// The language's keywords, for highlighting: `[{"mot": "membre",
/// "declaration": true, "reference": "…"}, …]`.
#[wasm_bindgen]
pub fn keywords() -> String {
    #[derive(Serialize)]
    struct Item {
        mot: &'static str,
        declaration: bool,
        reference: &'static str,
    }
    let items: Vec<Item> = Keyword::ALL
        .iter()
        .map(|k| Item {
            mot: k.as_str(),
            declaration: k.starts_declaration(),
            reference: k.reference(),
        })
        .collect();
    serde_json::to_string(&items).expect("the list serialises")
}

/// The reference search (`copil search --format json`): `nature` is empty
/// or one of `epci`, `commune`, `departement`, `region`, `hub`;
/// `departement` is empty or a code.
#[wasm_bindgen]
pub fn search(texte: &str, departement: &str, nature: &str, limite: u32) -> Result<String, String> {
    let nature = match nature.trim() {
        "" => None,
        "epci" => Some(Nature::Epci),
        "commune" => Some(Nature::Commune),
        "departement" => Some(Nature::Departement),
        "region" => Some(Nature::Region),
        "hub" => Some(Nature::Hub),
        other => {
            return Err(format!(
                "la nature `{other}` n'existe pas ; choisissez epci, commune, departement, region ou hub"
            ));
        }
    };
    let departement = Some(departement.trim()).filter(|d| !d.is_empty());
    let recherche = Recherche {
        texte,
        departement,
        nature,
        limite: limite.clamp(1, 200) as usize,
    };
    let resultats =
        search::search(Reference::get(), &recherche).map_err(|e| format!("{e} ; {}", e.help()))?;
    #[derive(Serialize)]
    struct Found<'a> {
        version: u32,
        total: usize,
        resultats: &'a [Resultat],
    }
    Ok(serde_json::to_string(&Found {
        version: VERSION,
        total: resultats.total,
        resultats: &resultats.resultats,
    })
    .expect("the results serialise"))
}

#[cfg(test)]
mod tests;

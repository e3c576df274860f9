//! The `check` pipeline: paths in, one [`FileReport`] per `.copil` file out
//! (read → parse → resolve), in sorted order. A file that cannot be read is
//! a diagnostic in its report, never a crash.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::analysis;
use crate::analysis::Analyses;
use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::{self, Gouvernance};
use crate::rules::{RuleInfo, Rules, engine, facts};
use crate::span::Span;
use crate::syntax;

/// The outcome of compiling one source text.
#[derive(Debug)]
pub struct Compiled {
    /// The governance, when the text compiles.
    pub gouvernance: Option<Gouvernance>,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The territory's codes as written in the first `territoire` line,
    /// joined by `,`, even when the file does not compile.
    pub territoire: Option<String>,
}

/// Compiles a source text: parse, then resolve. `known_rules` are the rule
/// ids a `derogation` may name.
pub fn compile(src: &str, known_rules: &[&str]) -> Compiled {
    let parsed = syntax::parse(src);
    let (gouvernance, mut diagnostics) = model::resolve(&parsed.file, known_rules);
    diagnostics.extend(parsed.diagnostics);
    diagnostic::sort(&mut diagnostics);
    let gouvernance = gouvernance.filter(|_| !diagnostics.iter().any(Diagnostic::is_compile_error));
    let territoire = parsed.file.items.iter().find_map(|item| match item {
        syntax::ast::Item::Territoire(t) => Some(
            t.codes
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => None,
    });
    Compiled {
        gouvernance,
        diagnostics,
        territoire,
    }
}

/// The check of one file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown (relative to where copil runs, `/` separators).
    pub path: String,
    /// The source text, when it could be read.
    pub source: Option<String>,
    /// The territory's codes, joined by `,`, when known.
    pub territoire: Option<String>,
    /// True when the file compiled (no compiler error).
    pub compiled: bool,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The compiled governance.
    pub gouvernance: Option<Gouvernance>,
    /// The analyses of the compiled governance.
    pub analyses: Option<Analyses>,
    /// The rules active for this file (its territory's profile).
    pub regles: Arc<[RuleInfo]>,
}

/// Checks one source text already read: compiles it, then, when it
/// compiles, runs the analyses and the rules of its territory's profile.
pub fn check_source(path: String, source: String, rules: &Rules) -> FileReport {
    let compiled = compile(&source, &rules.ids());
    let mut report = FileReport {
        path,
        territoire: compiled
            .gouvernance
            .as_ref()
            .map(|g| g.territoire.codes.join(","))
            .or(compiled.territoire),
        compiled: compiled.gouvernance.is_some(),
        diagnostics: compiled.diagnostics,
        gouvernance: compiled.gouvernance,
        analyses: None,
        regles: Arc::from(Vec::new()),
        source: Some(source),
    };
    if let Some(g) = &report.gouvernance {
        let active = rules.active(g.territoire.zone);
        let seuil = active
            .params
            .get("seuil_doublon")
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(DEFAULT_SEUIL_DOUBLON);
        let analyses = analysis::analyse(g, seuil);
        let facts = facts::facts(g, &analyses);
        report
            .diagnostics
            .extend(engine::evaluate(&active, g, &facts));
        diagnostic::sort(&mut report.diagnostics);
        report.analyses = Some(analyses);
        report.regles = active.infos.clone();
    }
    report
}

/// The duplicate threshold when no ruleset sets `seuil_doublon`.
pub const DEFAULT_SEUIL_DOUBLON: f64 = 0.75;

/// Reads and checks one file.
pub fn check_file(path: &Path, rules: &Rules) -> FileReport {
    let shown = display_path(path);
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => check_source(shown, text, rules),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                // Each invalid byte becomes one `?`: byte offsets stay those
                // of the file, so the report can show the line.
                let mut shown_text = String::with_capacity(bytes.len());
                for chunk in bytes.utf8_chunks() {
                    shown_text.push_str(chunk.valid());
                    shown_text.extend(chunk.invalid().iter().map(|_| '?'));
                }
                let mut report = failed(
                    shown,
                    Diagnostic::error(
                        Code::Utf8,
                        Span::new(at, at + 1),
                        format!("le fichier n'est pas en UTF-8 (octet invalide ligne {line})"),
                    )
                    .label("octet invalide")
                    .help("le fichier semble enregistré en Latin-1 ou Windows-1252 : enregistrez-le en UTF-8"),
                );
                report.source = Some(shown_text);
                report
            }
        },
        Err(e) => failed(
            shown,
            Diagnostic::error(
                Code::Lecture,
                Span::new(0, 0),
                format!("le fichier ne peut pas être lu : {}", io_message(&e)),
            )
            .label("illisible")
            .help("vérifiez le chemin et les droits de lecture"),
        ),
    }
}

fn failed(path: String, diagnostic: Diagnostic) -> FileReport {
    failed_report(path, vec![diagnostic])
}

/// The report of a file that could not be compiled (or read).
pub fn failed_report(path: String, diagnostics: Vec<Diagnostic>) -> FileReport {
    FileReport {
        path,
        source: None,
        territoire: None,
        compiled: false,
        diagnostics,
        gouvernance: None,
        analyses: None,
        regles: Arc::from(Vec::new()),
    }
}

/// The reason of an I/O error, in French.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "il n'existe pas".to_string(),
        ErrorKind::PermissionDenied => "permission refusée".to_string(),
        ErrorKind::IsADirectory => "c'est un dossier".to_string(),
        _ => format!("erreur d'entrée-sortie ({e})"),
    }
}

/// The `.copil` files named by `paths`: files as given, folders walked for
/// every `*.copil` below them. Sorted and without duplicates, so that the
/// order of the arguments does not change the output. A path that does not
/// exist is kept: checking it reports the error.
pub fn collect_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else {
            out.push(path.clone());
        }
    }
    out.sort_by_key(|p| display_path(p));
    out.dedup_by_key(|p| display_path(p));
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, out);
        } else if entry.extension().is_some_and(|e| e == "copil") {
            out.push(entry);
        }
    }
}

/// A path as shown in reports: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_string()
}

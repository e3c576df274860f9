//! The pipeline of one file, in order: parse ([`syntax`]) → resolve
//! ([`model`]) → analyse ([`analysis`]) → rules ([`crate::rules`]), into
//! one [`FileReport`]. A file that cannot be read is a diagnostic in its
//! report, never a crash.

use std::path::Path;

use crate::analysis;
use crate::diagnostic::{self, Diagnostic};
use crate::files::{self, Source, display_path};
use crate::model::{self, Gouvernance};
use crate::rules::{Rules, engine, view};
use crate::syntax;

pub use crate::file_report::FileReport;

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
        nom_territoire: compiled
            .gouvernance
            .as_ref()
            .map(|g| g.territoire.nom.clone()),
        compiled: compiled.gouvernance.is_some(),
        diagnostics: compiled.diagnostics,
        gouvernance: compiled.gouvernance,
        analyses: None,
        regles: Default::default(),
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
        let facts = view::Facts::new(g, &analyses);
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

/// Reads and checks every file, on every core (rayon). The reports come
/// in the order of `paths`, whatever the order in which files finish: the
/// output is the same, byte for byte, as a run on one core.
#[cfg(feature = "cli")]
pub fn check_files(paths: &[std::path::PathBuf], rules: &Rules) -> Vec<FileReport> {
    each_file(paths, |p| check_file(p, rules))
}

/// [`check_files`] for the outputs of `copil check`, which read no model:
/// each report drops its model and analyses as soon as its file is
/// checked ([`FileReport::sans_modele`]).
#[cfg(feature = "cli")]
pub fn check_files_sans_modele(paths: &[std::path::PathBuf], rules: &Rules) -> Vec<FileReport> {
    each_file(paths, |p| check_file(p, rules).sans_modele())
}

/// `one` on every path, in parallel, results in the order of `paths`. One
/// file runs on this thread: starting the workers would cost more than it
/// saves (a préfecture checking its own file).
#[cfg(feature = "cli")]
fn each_file(
    paths: &[std::path::PathBuf],
    one: impl Fn(&std::path::PathBuf) -> FileReport + Sync + Send,
) -> Vec<FileReport> {
    use rayon::prelude::*;
    if paths.len() < 2 {
        return paths.iter().map(one).collect();
    }
    paths.par_iter().map(one).collect()
}

/// Reads and checks one file.
pub fn check_file(path: &Path, rules: &Rules) -> FileReport {
    let shown = display_path(path);
    match files::read_source(path) {
        Source::Text(text) => check_source(shown, text, rules),
        Source::Unusable {
            diagnostic,
            shown: text,
        } => {
            let mut report = FileReport::failed(shown, vec![diagnostic]);
            report.source = text;
            report
        }
    }
}

//! `copil report DIR [--format markdown|csv|json|html] [-o OUT]`

use std::path::{Path, PathBuf};

use super::{RulesOptions, load_rules, write_output};
use crate::check::check_file;
use crate::files::collect_paths;
use crate::report::national;

/// The formats of `copil report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Un tableau Markdown.
    Markdown,
    /// CSV (séparateur virgule, UTF-8).
    Csv,
    /// JSON.
    Json,
    /// Une page HTML autonome, triable.
    Html,
}

/// Checks every `.copil` file below `dirs` and writes the national table.
/// Exit code 0 when written (whatever the files' verdicts: the table
/// reports them), 2 when nothing could be read or written.
pub fn run(
    dirs: &[PathBuf],
    format: ReportFormat,
    out: Option<&Path>,
    options: &RulesOptions,
) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let files = collect_paths(dirs);
    if files.is_empty() {
        eprintln!("copil : aucun fichier .copil sous les chemins donnés");
        return 2;
    }
    let reports: Vec<_> = files.iter().map(|p| check_file(p, &rules)).collect();
    let view = national::national(&reports);
    let text = match format {
        ReportFormat::Markdown => national::markdown(&view),
        ReportFormat::Csv => national::csv(&view),
        ReportFormat::Json => national::json(&view),
        ReportFormat::Html => national::html(&view),
    };
    match write_output(out, &text) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

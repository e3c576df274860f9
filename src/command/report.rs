//! `copil report DOSSIERS… [--format markdown|csv|json|html] [-o SORTIE]`:
//! the national table, one row per territoire.

use std::path::PathBuf;

use super::{Exit, RulesOptions, copil_files, load_rules, write_output};
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

/// The arguments of `copil report`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Dossiers (ou fichiers) à parcourir.
    #[arg(required = true, value_name = "DOSSIERS")]
    pub paths: Vec<PathBuf>,
    /// Format du tableau : markdown (par défaut), csv, json ou html.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown, hide_default_value = true, hide_possible_values = true)]
    pub format: ReportFormat,
    /// Fichier à écrire (écrit d'un bloc) ; par défaut, la sortie standard.
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Checks every `.copil` file below the paths and writes the national
/// table, whatever the files' verdicts (the table reports them); then
/// exits as `copil check` does: [`Exit::Invalid`] when a file does not
/// compile (or nothing could be read or written), [`Exit::Failure`] when a
/// rule error remains, else [`Exit::Success`].
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let files = match copil_files(&args.paths) {
        Ok(files) => files,
        Err(exit) => return exit,
    };
    let reports = crate::check::check_files(&files, &rules);
    let view = national::national(&reports);
    let text = match args.format {
        ReportFormat::Markdown => national::markdown(&view),
        ReportFormat::Csv => national::csv(&view),
        ReportFormat::Json => national::json(&view),
        ReportFormat::Html => national::html(&view),
    };
    match write_output(args.output.as_deref(), &text) {
        Ok(()) => crate::report::exit_code(&reports, false),
        Err(exit) => exit,
    }
}

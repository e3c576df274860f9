//! `copil export FICHIER [--format json]`: the fact model of §4, as the
//! rules see it.

use std::path::PathBuf;

use super::{Exit, RulesOptions, human_options, load_rules, print_exit};
use crate::check::check_file;
use crate::report;
use crate::rules::facts;

/// The formats of `copil export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Le modèle de faits en JSON.
    Json,
}

/// The arguments of `copil export`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Le fichier .copil.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// Format de sortie : json (par défaut, le seul pour l'instant).
    #[arg(long, value_enum, default_value_t = ExportFormat::Json, hide_default_value = true, hide_possible_values = true)]
    pub format: ExportFormat,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Prints the fact model of the file; a file that does not compile gets
/// its diagnostics on standard error and [`Exit::Invalid`].
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let report = check_file(&args.file, &rules);
    let (Some(g), Some(analyses)) = (&report.gouvernance, &report.analyses) else {
        eprint!(
            "{}",
            report::human(std::slice::from_ref(&report), human_options(false))
        );
        return Exit::Invalid;
    };
    let text = match args.format {
        ExportFormat::Json => facts::export(g, analyses),
    };
    print_exit(&text)
}

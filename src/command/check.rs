//! `copil check [PATHS…] [--format …] [--rules PATH]… [--profile NAME] [--deny warnings]`

use std::path::PathBuf;

use super::{RulesOptions, human_options, load_rules, print};
use crate::check::check_file;
use crate::files::collect_paths;
use crate::report;

/// The formats of `copil check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Rapport lisible, avec les extraits du fichier.
    Human,
    /// Contrat JSON versionné (DESIGN §6).
    Json,
    /// SARIF 2.1.0, pour les plateformes d'analyse de code.
    Sarif,
    /// JUnit XML, pour les tableaux de bord de tests de la CI.
    Junit,
    /// Annotations GitHub Actions (`::error file=…`).
    Github,
}

/// Runs the check; returns the exit code.
pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    options: &RulesOptions,
    deny_warnings: bool,
) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let files = collect_paths(&paths);
    if files.is_empty() {
        eprintln!("copil : aucun fichier .copil sous les chemins donnés");
        return 2;
    }
    let reports: Vec<_> = files.iter().map(|p| check_file(p, &rules)).collect();
    let text = match format {
        CheckFormat::Human => report::human(&reports, human_options(true)),
        CheckFormat::Json => report::json(&reports),
        CheckFormat::Sarif => report::sarif(&reports),
        CheckFormat::Junit => report::junit(&reports),
        CheckFormat::Github => report::github(&reports),
    };
    if let Err(code) = print(&text) {
        return code;
    }
    report::exit_code(&reports, deny_warnings) as u8
}

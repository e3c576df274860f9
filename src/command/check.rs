//! `copil check [CHEMINS…] [--format …] [--rules CHEMIN]… [--profile NOM]
//! [--select ID,…] [--deny warnings]`

use std::path::PathBuf;

use super::{Exit, RulesOptions, copil_files, human_options, load_rules, print_bytes};
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

/// `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Les avertissements non couverts par une dérogation font échouer.
    Warnings,
}

/// The arguments of `copil check`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Fichiers ou dossiers à vérifier (par défaut : le dossier courant).
    #[arg(value_name = "CHEMINS")]
    pub paths: Vec<PathBuf>,
    /// Format du rapport : human (par défaut), json, sarif, junit ou github.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human, hide_default_value = true, hide_possible_values = true)]
    pub format: CheckFormat,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
    /// N'applique que ces règles, par exemple `--select FNE-COM-01,FNE-COM-02`.
    #[arg(long, value_name = "REGLES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// `--deny warnings` : les avertissements font aussi échouer (code 1).
    #[arg(long, value_enum, value_name = "warnings", hide_possible_values = true)]
    pub deny: Option<Deny>,
}

/// Runs the check.
pub fn run(args: &Args) -> Exit {
    let mut rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    if !args.select.is_empty()
        && let Err(message) = rules.select(&args.select)
    {
        eprintln!("copil : {message}");
        return Exit::Invalid;
    }
    let files = match copil_files(&args.paths) {
        Ok(files) => files,
        Err(exit) => return exit,
    };
    let reports = crate::check::check_files_sans_modele(&files, &rules);
    let text = match args.format {
        CheckFormat::Human => report::human(&reports, human_options(true)).into_bytes(),
        CheckFormat::Json => report::json_bytes(&reports),
        CheckFormat::Sarif => report::sarif(&reports).into_bytes(),
        CheckFormat::Junit => report::junit(&reports).into_bytes(),
        CheckFormat::Github => report::github(&reports).into_bytes(),
    };
    if let Err(exit) = print_bytes(&text) {
        return exit;
    }
    report::exit_code(&reports, args.deny.is_some())
}

//! The `copil` command line: parses the arguments and calls the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use copil::check::{check_file, collect_paths};
use copil::report::{self, HumanOptions};

/// copil — compilateur des fichiers de gouvernance France Numérique Ensemble.
#[derive(Parser)]
#[command(name = "copil", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Vérifie des fichiers .copil (un dossier : tous les *.copil en dessous).
    Check {
        /// Fichiers ou dossiers à vérifier (par défaut : le dossier courant).
        paths: Vec<PathBuf>,
        /// Format du rapport.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Rapport lisible, avec les extraits du fichier.
    Human,
    /// Contrat JSON versionné (DESIGN §6).
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { paths, format } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths
            };
            let files = collect_paths(&paths);
            if files.is_empty() {
                eprintln!("copil : aucun fichier .copil sous les chemins donnés");
                return ExitCode::from(2);
            }
            let reports: Vec<_> = files
                .iter()
                .map(|p| check_file(p, copil::rules::NATIONAL_RULE_IDS))
                .collect();
            let text = match format {
                Format::Human => {
                    let stdout = std::io::stdout();
                    let color = stdout.is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                    report::human(
                        &reports,
                        HumanOptions {
                            color,
                            ..HumanOptions::default()
                        },
                    )
                }
                Format::Json => report::json(&reports),
            };
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
            ExitCode::from(report::exit_code(&reports, false) as u8)
        }
    }
}

//! The `copil` command line: parses the arguments and calls the library
//! (`copil::command`, one module per subcommand).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use copil::command::national::ReportFormat;
use copil::command::render::What;
use copil::command::{self, CheckFormat, ListFormat, RulesOptions};
use copil::render::ChartFormat;

/// copil — compilateur des fichiers de gouvernance France Numérique Ensemble.
#[derive(Parser)]
#[command(name = "copil", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that apply rules.
#[derive(clap::Args)]
struct RuleArgs {
    /// Jeu de règles à ajouter ou à substituer (fichier .toml ou dossier) ; répétable.
    #[arg(long = "rules", value_name = "CHEMIN")]
    rules: Vec<PathBuf>,
    /// Profil de règles imposé à tous les fichiers (par défaut : `national`,
    /// ou `outre-mer` pour un territoire d'outre-mer).
    #[arg(long, value_name = "NOM")]
    profile: Option<String>,
}

impl RuleArgs {
    fn options(&self) -> RulesOptions {
        RulesOptions {
            paths: self.rules.clone(),
            profile: self.profile.clone(),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Vérifie des fichiers .copil (un dossier : tous les *.copil en dessous).
    Check {
        /// Fichiers ou dossiers à vérifier (par défaut : le dossier courant).
        #[arg(value_name = "CHEMINS")]
        paths: Vec<PathBuf>,
        /// Format du rapport : human (par défaut), json, sarif, junit ou github.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human, hide_default_value = true, hide_possible_values = true)]
        format: CheckFormat,
        #[command(flatten)]
        rules: RuleArgs,
        /// `--deny warnings` : les avertissements font aussi échouer (code 1).
        #[arg(long, value_enum, value_name = "warnings", hide_possible_values = true)]
        deny: Option<Deny>,
    },
    /// Dessine l'organigramme ou produit le squelette de feuille de route.
    #[command(group(clap::ArgGroup::new("quoi").required(true).args(["organigramme", "feuille_de_route"])))]
    Render {
        /// Le fichier .copil.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// L'organigramme de la gouvernance.
        #[arg(long)]
        organigramme: bool,
        /// Le squelette de feuille de route (Markdown).
        #[arg(long = "feuille-de-route")]
        feuille_de_route: bool,
        /// Format de l'organigramme : svg (par défaut), dot ou mermaid.
        #[arg(
            long,
            value_enum,
            conflicts_with = "feuille_de_route",
            hide_possible_values = true
        )]
        format: Option<ChartFormat>,
        /// Fichier à écrire (écrit d'un bloc) ; par défaut, la sortie standard.
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Affiche le modèle de faits d'un fichier (ce que voient les règles).
    Export {
        /// Le fichier .copil.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Format de sortie : json (par défaut, le seul pour l'instant).
        #[arg(long, value_enum, default_value_t = ExportFormat::Json, hide_default_value = true, hide_possible_values = true)]
        format: ExportFormat,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Liste les règles actives.
    Rules {
        /// Format de la liste : human (par défaut) ou json.
        #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_default_value = true, hide_possible_values = true)]
        format: ListFormat,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Explique une règle : titre, sévérité, source, justification, condition, exemples.
    Explain {
        /// Identifiant de la règle, par exemple FNE-HUB-01.
        #[arg(value_name = "REGLE")]
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Tableau national : une ligne par territoire (pilotage, instances, doublons, couverture, diagnostics).
    Report {
        /// Dossiers (ou fichiers) à parcourir.
        #[arg(required = true, value_name = "DOSSIERS")]
        paths: Vec<PathBuf>,
        /// Format du tableau : markdown (par défaut), csv, json ou html.
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown, hide_default_value = true, hide_possible_values = true)]
        format: ReportFormat,
        /// Fichier à écrire (écrit d'un bloc) ; par défaut, la sortie standard.
        #[arg(short = 'o', long = "output", value_name = "FICHIER")]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Vérifie chaque règle sur ses exemples (tests/ID/ok*.copil et ko*.copil).
    TestRules {
        /// Fichier ou dossier de règles à tester (par défaut : les règles livrées).
        #[arg(value_name = "CHEMIN")]
        path: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Deny {
    /// Les avertissements non couverts par une dérogation font échouer.
    Warnings,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// Le modèle de faits en JSON.
    Json,
}

fn main() -> ExitCode {
    let command = copil::command::clap_fr::franciser(Cli::command());
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let (text, code) = copil::command::clap_fr::erreur(&e);
            if code == 0 {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            return ExitCode::from(code as u8);
        }
    };
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            rules,
            deny,
        } => command::check::run(&paths, format, &rules.options(), deny.is_some()),
        Command::Export {
            file,
            format,
            rules,
        } => match format {
            ExportFormat::Json => command::export::run(&file, &rules.options()),
        },
        Command::Render {
            file,
            organigramme,
            format,
            output,
            rules,
            ..
        } => {
            let what = if organigramme {
                What::Organigramme(format.unwrap_or(ChartFormat::Svg))
            } else {
                What::FeuilleDeRoute
            };
            command::render::run(&file, what, output.as_deref(), &rules.options())
        }
        Command::Rules { format, rules } => command::rules::list(format, &rules.options()),
        Command::Explain { id, rules } => command::rules::explain(&id, &rules.options()),
        Command::TestRules { path } => command::test_rules::run(path.as_deref()),
        Command::Report {
            paths,
            format,
            output,
            rules,
        } => command::national::run(&paths, format, output.as_deref(), &rules.options()),
    };
    ExitCode::from(code)
}

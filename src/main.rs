//! The `copil` command line: parses the arguments and calls the library
//! (`copil::command`, one module per subcommand).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        paths: Vec<PathBuf>,
        /// Format du rapport.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        #[command(flatten)]
        rules: RuleArgs,
        /// `--deny warnings` : les avertissements font aussi échouer (code 1).
        #[arg(long, value_enum, value_name = "warnings")]
        deny: Option<Deny>,
    },
    /// Dessine l'organigramme ou produit le squelette de feuille de route.
    #[command(group(clap::ArgGroup::new("quoi").required(true).args(["organigramme", "feuille_de_route"])))]
    Render {
        /// Le fichier .copil.
        file: PathBuf,
        /// L'organigramme de la gouvernance.
        #[arg(long)]
        organigramme: bool,
        /// Le squelette de feuille de route (Markdown).
        #[arg(long = "feuille-de-route")]
        feuille_de_route: bool,
        /// Format de l'organigramme (par défaut : svg).
        #[arg(long, value_enum, conflicts_with = "feuille_de_route")]
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
        file: PathBuf,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Liste les règles actives.
    Rules {
        /// Format de la liste.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Explique une règle : titre, sévérité, source, justification, condition, exemples.
    Explain {
        /// Identifiant de la règle, par exemple FNE-HUB-01.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Tableau national : une ligne par territoire (pilotage, instances, doublons, couverture, diagnostics).
    Report {
        /// Dossiers (ou fichiers) à parcourir.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Format du tableau.
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
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
    let cli = Cli::parse();
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

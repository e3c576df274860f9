//! `copil render FICHIER (--organigramme [--format svg|dot|mermaid] |
//! --feuille-de-route) [-o SORTIE]`

use std::path::PathBuf;

use super::{Exit, RulesOptions, human_options, load_rules, write_output};
use crate::check::check_file;
use crate::render::{self, ChartFormat};
use crate::report;

/// The arguments of `copil render`.
#[derive(Clone, Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("quoi").required(true).args(["organigramme", "feuille_de_route"])))]
pub struct Args {
    /// Le fichier .copil.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// L'organigramme de la gouvernance.
    #[arg(long)]
    pub organigramme: bool,
    /// Le squelette de feuille de route (Markdown).
    #[arg(long = "feuille-de-route")]
    pub feuille_de_route: bool,
    /// Format de l'organigramme : svg (par défaut), dot ou mermaid.
    #[arg(
        long,
        value_enum,
        conflicts_with = "feuille_de_route",
        hide_possible_values = true
    )]
    pub format: Option<ChartFormat>,
    /// Fichier à écrire (écrit d'un bloc) ; par défaut, la sortie standard.
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// What to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The org chart, in a format.
    Organigramme(ChartFormat),
    /// The roadmap skeleton (Markdown).
    FeuilleDeRoute,
}

/// Renders the file. A file that does not compile gets its diagnostics on
/// standard error, [`Exit::Invalid`], and no output file.
pub fn run(args: &Args) -> Exit {
    let what = if args.organigramme {
        What::Organigramme(args.format.unwrap_or(ChartFormat::Svg))
    } else {
        What::FeuilleDeRoute
    };
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let checked = check_file(&args.file, &rules);
    let text = match what {
        What::Organigramme(format) => render::organigramme(&checked, format),
        What::FeuilleDeRoute => render::feuille_de_route(&checked),
    };
    let Some(text) = text else {
        eprint!(
            "{}",
            report::human(std::slice::from_ref(&checked), human_options(false))
        );
        eprintln!("copil : le fichier ne compile pas : rien n'a été produit");
        return Exit::Invalid;
    };
    match write_output(args.output.as_deref(), &text) {
        Ok(()) => Exit::Success,
        Err(exit) => exit,
    }
}

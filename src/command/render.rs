//! `copil render FICHIER (--organigramme [--format svg|png|dot|mermaid] |
//! --feuille-de-route [--format markdown|odt]) [-o SORTIE]`

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{Exit, RulesOptions, human_options, load_rules, write_output_bytes};
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
    /// Le squelette de feuille de route.
    #[arg(long = "feuille-de-route")]
    pub feuille_de_route: bool,
    /// Format : svg (par défaut), png, dot ou mermaid pour l'organigramme ;
    /// markdown (par défaut) ou odt (OpenDocument, pour LibreOffice ou Word)
    /// pour la feuille de route.
    #[arg(long, value_enum, hide_possible_values = true)]
    pub format: Option<Format>,
    /// Fichier à écrire (écrit d'un bloc) ; par défaut, la sortie standard.
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// The formats of `copil render`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// SVG dessiné par copil.
    Svg,
    /// Image PNG, dessinée par copil depuis le SVG.
    Png,
    /// DOT, pour Graphviz.
    Dot,
    /// Mermaid.
    Mermaid,
    /// Markdown.
    Markdown,
    /// OpenDocument texte (.odt).
    Odt,
}

/// What to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The org chart, in a text format.
    Organigramme(ChartFormat),
    /// The org chart as a PNG image.
    OrganigrammePng,
    /// The roadmap skeleton (Markdown).
    FeuilleDeRoute,
    /// The roadmap skeleton (OpenDocument text).
    FeuilleDeRouteOdt,
}

impl What {
    fn binary(self) -> bool {
        matches!(self, What::OrganigrammePng | What::FeuilleDeRouteOdt)
    }
}

/// What the arguments ask for, or the French message of a format that
/// does not fit the document.
fn what(args: &Args) -> Result<What, String> {
    if args.organigramme {
        match args.format.unwrap_or(Format::Svg) {
            Format::Svg => Ok(What::Organigramme(ChartFormat::Svg)),
            Format::Dot => Ok(What::Organigramme(ChartFormat::Dot)),
            Format::Mermaid => Ok(What::Organigramme(ChartFormat::Mermaid)),
            Format::Png => Ok(What::OrganigrammePng),
            Format::Markdown | Format::Odt => Err(
                "l'organigramme s'écrit en svg, png, dot ou mermaid (markdown et odt sont les formats de --feuille-de-route)".to_string(),
            ),
        }
    } else {
        match args.format.unwrap_or(Format::Markdown) {
            Format::Markdown => Ok(What::FeuilleDeRoute),
            Format::Odt => Ok(What::FeuilleDeRouteOdt),
            _ => Err(
                "la feuille de route s'écrit en markdown ou odt (svg, png, dot et mermaid sont les formats de --organigramme)".to_string(),
            ),
        }
    }
}

/// Renders the file. A file that does not compile gets its diagnostics on
/// standard error, [`Exit::Invalid`], and no output file.
pub fn run(args: &Args) -> Exit {
    let what = match what(args) {
        Ok(what) => what,
        Err(message) => {
            eprintln!("copil : {message}");
            return Exit::Invalid;
        }
    };
    if what.binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "copil : ce format est binaire : indiquez le fichier à écrire avec -o (par exemple -o {})",
            if what == What::OrganigrammePng {
                "organigramme.png"
            } else {
                "feuille-de-route.odt"
            }
        );
        return Exit::Invalid;
    }
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let checked = check_file(&args.file, &rules);
    let bytes: Option<Result<Vec<u8>, String>> = match what {
        What::Organigramme(format) => {
            render::organigramme(&checked, format).map(|t| Ok(t.into_bytes()))
        }
        What::OrganigrammePng => render::organigramme_png(&checked),
        What::FeuilleDeRoute => render::feuille_de_route(&checked).map(|t| Ok(t.into_bytes())),
        What::FeuilleDeRouteOdt => render::feuille_de_route_odt(&checked),
    };
    let Some(bytes) = bytes else {
        eprint!(
            "{}",
            report::human(std::slice::from_ref(&checked), human_options(false))
        );
        eprintln!("copil : le fichier ne compile pas : rien n'a été produit");
        return Exit::Invalid;
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("copil : {message} : rien n'a été produit");
            return Exit::Invalid;
        }
    };
    match write_output_bytes(args.output.as_deref(), &bytes) {
        Ok(()) => Exit::Success,
        Err(exit) => exit,
    }
}

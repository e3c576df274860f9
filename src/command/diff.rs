//! `copil diff A B [--format human|markdown|json]`: what the alternative
//! B changes from A ([`crate::diff`]).

use std::path::PathBuf;

use super::{Exit, RulesOptions, human_options, load_rules, print_exit};
use crate::check::check_files;
use crate::diff::{self, Side};
use crate::report;

/// The formats of `copil diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Lisible dans un terminal.
    Human,
    /// La page Markdown à joindre à une proposition.
    Markdown,
    /// JSON versionné (docs/diff.md).
    Json,
}

/// The arguments of `copil diff`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Le fichier de référence (A).
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// La proposition à comparer (B).
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Format : human (par défaut), markdown ou json.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human, hide_default_value = true, hide_possible_values = true)]
    pub format: DiffFormat,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Prints what B changes: 0 when both compile, 2 (with the diagnostics of
/// the one that does not) otherwise.
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let reports = check_files(&[args.a.clone(), args.b.clone()], &rules);
    let (Some(a), Some(b)) = (Side::of(&reports[0]), Side::of(&reports[1])) else {
        let failed: Vec<_> = reports.into_iter().filter(|r| !r.compiled).collect();
        eprint!("{}", report::human(&failed, human_options(false)));
        eprintln!("copil : la comparaison demande deux fichiers qui compilent");
        return Exit::Invalid;
    };
    let d = diff::diff(a, b);
    let text = match args.format {
        DiffFormat::Human => diff::human::render(&d),
        DiffFormat::Markdown => diff::markdown::render(&d),
        DiffFormat::Json => {
            let mut text = serde_json::to_string_pretty(&d).expect("a diff serialises");
            text.push('\n');
            text
        }
    };
    print_exit(&text)
}

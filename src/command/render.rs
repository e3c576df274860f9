//! `copil render FILE (--organigramme [--format svg|dot|mermaid] | --feuille-de-route) [-o OUT]`

use std::path::Path;

use super::{RulesOptions, human_options, load_rules, write_output};
use crate::check::check_file;
use crate::render::{self, ChartFormat};
use crate::report;

/// What to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The org chart, in a format.
    Organigramme(ChartFormat),
    /// The roadmap skeleton (Markdown).
    FeuilleDeRoute,
}

/// Renders `file`. A file that does not compile gets its diagnostics on
/// standard error, exit code 2, and no output file.
pub fn run(file: &Path, what: What, out: Option<&Path>, options: &RulesOptions) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let checked = check_file(file, &rules);
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
        return 2;
    };
    match write_output(out, &text) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

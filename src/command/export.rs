//! `copil export FILE [--format json]`: the fact model of §4, as the rules
//! see it.

use std::path::Path;

use super::{RulesOptions, human_options, load_rules, print};
use crate::check::check_file;
use crate::report;
use crate::rules::facts;

/// Prints the fact model of `file`; a file that does not compile gets its
/// diagnostics on standard error and exit code 2.
pub fn run(file: &Path, options: &RulesOptions) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    let report = check_file(file, &rules);
    let (Some(g), Some(analyses)) = (&report.gouvernance, &report.analyses) else {
        eprint!(
            "{}",
            report::human(std::slice::from_ref(&report), human_options(false))
        );
        return 2;
    };
    let mut text =
        serde_json::to_string_pretty(&facts::facts(g, analyses)).expect("the facts serialise");
    text.push('\n');
    match print(&text) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

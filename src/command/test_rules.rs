//! `copil test-rules [CHEMIN]`: every rule proves itself on its examples.

use std::path::{Path, PathBuf};

use super::{Exit, RulesOptions, load_rules, print};
use crate::report::count;
use crate::rule_tests::{self, Outcome};

/// The arguments of `copil test-rules`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Fichier ou dossier de règles à tester (par défaut : les règles livrées).
    #[arg(value_name = "CHEMIN")]
    pub path: Option<PathBuf>,
}

/// Tests the shipped rules on their embedded examples, or the rulesets at
/// the path on the examples beside them (falling back to the shipped
/// examples for a rule they only adjust). [`Exit::Failure`] on any failure.
pub fn run(args: &Args) -> Exit {
    let path: Option<&Path> = args.path.as_deref();
    let options = RulesOptions {
        paths: path.map(Path::to_path_buf).into_iter().collect(),
        profile: None,
    };
    let rules = match load_rules(&options) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let mut examples = rule_tests::embedded_examples();
    let ids: Vec<String> = match path {
        Some(path) => {
            for (id, list) in rule_tests::examples_in(&rule_tests::examples_dir(path)) {
                examples.insert(id, list);
            }
            rules.user_rule_ids().into_iter().collect()
        }
        None => rules.ids().into_iter().map(str::to_string).collect(),
    };
    let outcomes = rule_tests::run(&rules, &ids, &examples);
    let text = render(&outcomes);
    if let Err(exit) = print(&text) {
        return exit;
    }
    if outcomes.iter().any(|o| !o.failures.is_empty()) || outcomes.is_empty() {
        Exit::Failure
    } else {
        Exit::Success
    }
}

fn render(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let width = outcomes.iter().map(|o| o.id.len()).max().unwrap_or(0);
    for o in outcomes {
        if o.failures.is_empty() {
            out.push_str(&format!(
                "{:width$}  ok      ({})\n",
                o.id,
                count(o.examples, "exemple", "exemples")
            ));
        } else {
            out.push_str(&format!("{:width$}  ÉCHEC\n", o.id));
            for f in &o.failures {
                out.push_str(&format!("{:width$}    - {f}\n", ""));
            }
        }
    }
    let failed = outcomes.iter().filter(|o| !o.failures.is_empty()).count();
    if outcomes.is_empty() {
        out.push_str("aucune règle à tester\n");
    } else {
        out.push_str(&format!(
            "{} : {}, {}\n",
            count(outcomes.len(), "règle testée", "règles testées"),
            count(outcomes.len() - failed, "réussie", "réussies"),
            count(failed, "en échec", "en échec"),
        ));
    }
    out
}

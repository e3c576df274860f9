//! `copil rules [--format human|json]`: the active rules.

use serde::Serialize;
use serde_json::Value;

use super::{Exit, RulesOptions, load_rules, print_exit};
use crate::diagnostic::Severity;
use crate::report::count;
use crate::rules::expr::format_value;
use crate::rules::{ActiveRules, RuleInfo};

/// The formats of `copil rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Un tableau lisible.
    Human,
    /// JSON.
    Json,
}

#[derive(Serialize)]
struct Listing<'a> {
    profil: &'a str,
    chaine: &'a [String],
    params: &'a std::collections::BTreeMap<String, Value>,
    regles: &'a [RuleInfo],
}

/// The arguments of `copil rules`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Format de la liste : human (par défaut) ou json.
    #[arg(long, value_enum, default_value_t = ListFormat::Human, hide_default_value = true, hide_possible_values = true)]
    pub format: ListFormat,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Lists the rules of the profile (`--profile`, else `national`).
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let format = args.format;
    let active = rules.default_profile();
    let profil = active.chain.last().map(String::as_str).unwrap_or_default();
    let text = match format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&Listing {
                profil,
                chaine: &active.chain,
                params: &active.params,
                regles: &active.infos,
            })
            .expect("the listing serialises");
            text.push('\n');
            text
        }
        ListFormat::Human => human_list(&active, &rules.rulesets()),
    };
    print_exit(&text)
}

pub(super) fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "erreur",
        Severity::Warning => "avertissement",
        Severity::Info => "information",
    }
}

fn human_list(active: &ActiveRules, sets: &[(&str, &str, &str, &str)]) -> String {
    let mut out = String::new();
    let chain: Vec<String> = active
        .chain
        .iter()
        .map(|id| match sets.iter().find(|s| s.0 == id) {
            Some((id, title, version, path)) => {
                format!("{id} — {title}, version {version} ({path})")
            }
            None => id.clone(),
        })
        .collect();
    out.push_str(&format!("Profil : {}\n", chain.join("\n  étendu par ")));
    let params: Vec<String> = active
        .params
        .iter()
        .map(|(k, v)| format!("{k} = {}", format_value(v)))
        .collect();
    out.push_str(&format!("Paramètres : {}\n\n", params.join(" ; ")));
    let width = active.infos.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for rule in active.infos.iter() {
        out.push_str(&format!(
            "{:width$}  {:13}  {}{}\n",
            rule.id,
            severity(rule.severity),
            rule.title,
            if rule.derogeable {
                ""
            } else {
                " (sans dérogation)"
            }
        ));
    }
    out.push_str(&format!(
        "\n{}\n",
        count(active.infos.len(), "règle", "règles")
    ));
    out
}

//! `copil export FICHIER [--format json]`: the fact model of §4, as the
//! rules see it.

use std::path::PathBuf;

use super::{Exit, RulesOptions, human_options, load_rules, print_exit};
use crate::check::check_file;
use crate::report;
use crate::rules::facts;

/// The formats of `copil export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Le modèle de faits en JSON.
    Json,
}

/// The arguments of `copil export`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Le fichier .copil.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,
    /// Format de sortie : json (par défaut, le seul pour l'instant).
    #[arg(long, value_enum, default_value_t = ExportFormat::Json, hide_default_value = true, hide_possible_values = true)]
    pub format: ExportFormat,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Prints the fact model of the file; a file that does not compile gets
/// its diagnostics on standard error and [`Exit::Invalid`].
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    let report = check_file(&args.file, &rules);
    let (Some(g), Some(analyses)) = (&report.gouvernance, &report.analyses) else {
        eprint!(
            "{}",
            report::human(std::slice::from_ref(&report), human_options(false))
        );
        return Exit::Invalid;
    };
    let text = match args.format {
        ExportFormat::Json => {
            let mut value = facts::facts(g, analyses);
            no_negative_zero(&mut value);
            let mut text = serde_json::to_string_pretty(&value).expect("the facts serialise");
            text.push('\n');
            text
        }
    };
    print_exit(&text)
}

/// Replaces every `-0.0` by `0.0`: a French reader sees no signed zero in
/// an amount or a share (and rules compare them equal anyway).
fn no_negative_zero(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n)
            if n.as_f64() == Some(0.0) && n.to_string().starts_with('-') =>
        {
            *value = serde_json::json!(0.0);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(no_negative_zero),
        serde_json::Value::Object(map) => map.values_mut().for_each(no_negative_zero),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_negative_zero_is_printed_as_zero() {
        let mut value = serde_json::json!({"a": [-0.0, 1.5], "b": {"c": -0.0}});
        super::no_negative_zero(&mut value);
        assert_eq!(value.to_string(), r#"{"a":[0.0,1.5],"b":{"c":0.0}}"#);
    }
}

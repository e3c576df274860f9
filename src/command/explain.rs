//! `copil explain REGLE`: a rule's title, severity, source, rationale,
//! check and examples; or what a code of the compiler means.

use super::rules::severity;
use super::{Exit, RulesOptions, load_rules, print_exit};
use crate::check::check_source;
use crate::diagnostic::{Code, Stage, suggest};
use crate::rule_tests::{self, Example};
use crate::rules::Rule;

/// The arguments of `copil explain`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// Identifiant de la règle (par exemple FNE-HUB-01) ou code du
    /// compilateur (par exemple copil::cycle).
    #[arg(value_name = "REGLE")]
    pub id: String,
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// Explains one rule, with its examples and what the failing one raises.
pub fn run(args: &Args) -> Exit {
    let (id, options) = (&args.id, &args.rules);
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(exit) => return exit,
    };
    if let Some(code) = Code::parse(id.trim()) {
        return print_exit(&code_explanation(code));
    }
    let active = rules.default_profile();
    let wanted = id.trim().to_uppercase();
    let Some(rule) = active.rules.iter().find(|r| r.info.id == wanted) else {
        let ids: Vec<&str> = active.rules.iter().map(|r| r.info.id.as_str()).collect();
        let help = match suggest(&wanted, ids.iter().copied()) {
            Some(s) => format!("vouliez-vous dire `{s}` ? (`copil rules` les liste toutes)"),
            None => "`copil rules` liste les règles".to_string(),
        };
        eprintln!("copil : la règle `{id}` n'existe pas\n  aide : {help}");
        return Exit::Invalid;
    };
    let mut examples = rule_tests::embedded_examples();
    for path in &options.paths {
        for (rid, list) in rule_tests::examples_in(&rule_tests::examples_dir(path)) {
            examples.insert(rid, list);
        }
    }
    let list = examples.get(&rule.info.id).cloned().unwrap_or_default();
    print_exit(&explanation(rule, &list, &rules))
}

/// What `copil explain ID` prints for a rule of `rules` (its default
/// profile) or a code of the compiler, without the examples given by
/// `--rules` folders: the page the language server links each diagnostic
/// to.
pub fn explanation_of(id: &str, rules: &crate::rules::Rules) -> Option<String> {
    if let Some(code) = Code::parse(id) {
        return Some(code_explanation(code));
    }
    let active = rules.default_profile();
    let rule = active.rules.iter().find(|r| r.info.id == id)?;
    let examples = rule_tests::embedded_examples();
    let list = examples.get(&rule.info.id).cloned().unwrap_or_default();
    Some(explanation(rule, &list, rules))
}

/// What a code of the compiler itself means (`copil explain copil::cycle`).
fn code_explanation(code: Code) -> String {
    let stage = match code.stage() {
        Stage::Fichier if code.is_compile_error() => {
            "le fichier ne compile pas tant qu'elle demeure (code de sortie 2)"
        }
        Stage::Fichier => "signalé à la compilation, sans l'empêcher",
        Stage::Regles => "signalé avec les règles, sur un fichier qui compile",
        Stage::JeuDeRegles => {
            "erreur d'un jeu de règles : aucun fichier n'est vérifié (code de sortie 2)"
        }
    };
    format!(
        "{code} — {}\n\nSévérité : {}\nEffet : {stage}\nCode du compilateur : aucune dérogation ne le lève\n",
        code.description(),
        severity(code.severity()),
    )
}

fn explanation(rule: &Rule, examples: &[Example], rules: &crate::rules::Rules) -> String {
    let info = &rule.info;
    let mut out = format!("{} — {}\n\n", info.id, info.title);
    out.push_str(&format!(
        "Sévérité : {}{}\n",
        severity(info.severity),
        if info.derogeable {
            " (une dérogation peut la lever)"
        } else {
            " (aucune dérogation possible)"
        }
    ));
    out.push_str(&format!("Jeu de règles : {}\n", info.ruleset));
    out.push_str(&format!("Source : {}\n\n", info.source));
    out.push_str(&format!("Pourquoi :\n  {}\n\n", info.rationale));
    out.push_str("Ce qui est vérifié :\n");
    if let Some(for_each) = &rule.texts.for_each {
        out.push_str(&format!("  pour chaque  {for_each}\n"));
    }
    if let Some(when) = &rule.texts.when {
        out.push_str(&format!("  quand        {when}\n"));
    }
    out.push_str(&format!("  il faut      {}\n", info.check));
    out.push_str(&format!("  sinon        {}\n", rule.texts.message));
    if let Some(help) = &info.help {
        out.push_str(&format!("  aide         {help}\n"));
    }
    out.push('\n');
    if examples.is_empty() {
        out.push_str("Exemples : aucun (ajoutez tests/");
        out.push_str(&info.id);
        out.push_str("/ok.copil et ko.copil à côté du jeu de règles)\n");
        return out;
    }
    for example in examples {
        let kind = if example.must_fire {
            "Exemple non conforme"
        } else {
            "Exemple conforme"
        };
        out.push_str(&format!("{kind} ({}) :\n", example.path));
        for line in example.text.lines() {
            out.push_str(&format!("  │ {line}\n"));
        }
        if example.must_fire {
            let report = check_source(example.path.clone(), example.text.clone(), rules);
            for d in report.diagnostics.iter().filter(|d| d.code == info.id) {
                out.push_str(&format!("  → {} : {}\n", severity(d.severity), d.message));
            }
        }
        out.push('\n');
    }
    out
}

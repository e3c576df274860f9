//! `copil rules [--format human|json]` and `copil explain RULE-ID`.

use serde::Serialize;
use serde_json::Value;

use super::{RulesOptions, load_rules, print};
use crate::check::check_source;
use crate::diagnostic::{Code, Severity, Stage, suggest};
use crate::report::count;
use crate::rules::expr::format_value;
use crate::rule_tests::{self, Example};
use crate::rules::{ActiveRules, Rule, RuleInfo};

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

/// Lists the rules of the profile (`--profile`, else `national`).
pub fn list(format: ListFormat, options: &RulesOptions) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
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
    match print(&text) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

fn severity(s: Severity) -> &'static str {
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

/// Explains one rule, with its examples and what the failing one raises.
pub fn explain(id: &str, options: &RulesOptions) -> u8 {
    let rules = match load_rules(options) {
        Ok(rules) => rules,
        Err(code) => return code,
    };
    if let Some(code) = Code::parse(id.trim()) {
        return match print(&code_explanation(code)) {
            Ok(()) => 0,
            Err(code) => code,
        };
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
        return 2;
    };
    let mut examples = rule_tests::embedded_examples();
    for path in &options.paths {
        for (rid, list) in rule_tests::examples_in(&rule_tests::examples_dir(path)) {
            examples.insert(rid, list);
        }
    }
    let list = examples.get(&rule.info.id).cloned().unwrap_or_default();
    let text = explanation(rule, &list, &rules);
    match print(&text) {
        Ok(()) => 0,
        Err(code) => code,
    }
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

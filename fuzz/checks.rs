//! What each fuzz target checks on one input, shared by the targets
//! (`fuzz/fuzz_targets/`) and by `cargo test` (`tests/fuzz_regressions.rs`,
//! which runs them on every input a fuzzer once found, and on the seed
//! corpus). A failed check panics, which libFuzzer reports as a crash.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use copil::render::{self, ChartFormat};
use copil::report::{self, HumanOptions};
use copil::rules::expr::{self, Type, TypeEnv, ValueEnv};
use copil::rules::{Rules, facts};

/// The shipped rules, loaded once.
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("les règles livrées se chargent"))
}

const ISERE: &str = include_str!("../examples/isere.copil");

/// The facts of examples/isere.copil, computed once.
fn isere() -> &'static serde_json::Value {
    static FACTS: OnceLock<serde_json::Value> = OnceLock::new();
    FACTS.get_or_init(|| {
        let report = copil::check::check_source("isere.copil".into(), ISERE.into(), rules());
        let (g, a) = (
            report.gouvernance.expect("compile"),
            report.analyses.expect("analyses"),
        );
        facts::facts(&g, &a)
    })
}

fn in_text(start: usize, end: usize, text: &str) {
    assert!(
        start <= end && end <= text.len(),
        "portée {start}..{end} hors du texte"
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "portée {start}..{end} au milieu d'un caractère"
    );
}

/// The parser: never a panic, spans inside the text on character
/// boundaries, and the fast path gives what pest gives.
pub fn parse(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = copil::syntax::parse(src);
    for d in &parsed.diagnostics {
        in_text(d.span.start, d.span.end, src);
        for r in &d.related {
            in_text(r.span.start, r.span.end, src);
        }
    }
    let reference = copil::syntax::parse_with_pest(src);
    assert_eq!(
        format!("{parsed:?}"),
        format!("{reference:?}"),
        "chemin rapide ≠ pest"
    );
}

fn json(text: &str) {
    serde_json::from_str::<serde_json::Value>(text).expect("sortie JSON valide");
}

fn xml(text: &str) {
    roxmltree::Document::parse(text).expect("sortie XML bien formée");
}

/// The whole compile and every output of it: the JSON outputs read back
/// as JSON, the XML outputs (SVG, JUnit) are well-formed.
pub fn compile(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let report = copil::check::check_source("f.copil".into(), src.to_string(), rules());
    for d in &report.diagnostics {
        in_text(d.span.start, d.span.end, src);
    }
    let reports = std::slice::from_ref(&report);
    report::human(reports, HumanOptions::default());
    json(&report::json(reports));
    json(&report::sarif(reports));
    xml(&report::junit(reports));
    report::github(reports);
    if let (Some(g), Some(a)) = (&report.gouvernance, &report.analyses) {
        json(&serde_json::to_string(&facts::facts(g, a)).expect("faits sérialisables"));
        xml(&render::organigramme(&report, ChartFormat::Svg).expect("compilé"));
        render::organigramme(&report, ChartFormat::Dot).expect("compilé");
        render::organigramme(&report, ChartFormat::Mermaid).expect("compilé");
        render::feuille_de_route(&report).expect("compilé");
    }
}

/// The rule-expression language: parse, type check against the fact model
/// (as the rules loader does), evaluate what type-checks over the facts of
/// examples/isere.copil. The first byte chooses an expression (0), a
/// `for_each` binding (1) or a message template (2).
pub fn expr(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(src) = std::str::from_utf8(rest) else {
        return;
    };
    let types = TypeEnv::new(
        facts::types(),
        BTreeMap::from([("seuil".to_string(), Type::Number)]),
    );
    let params = BTreeMap::from([("seuil".to_string(), serde_json::json!(0.5))]);
    let values = ValueEnv::new(isere(), &params);
    let error = match mode % 3 {
        0 => expr::parse(src).and_then(|e| {
            expr::check(&e, &types)?;
            let _ = expr::eval(&e, &values);
            Ok(())
        }),
        1 => expr::parse_binding(src).and_then(|b| {
            expr::check_binding(&b, &types)?;
            let _ = expr::eval_binding(&b, &values);
            Ok(())
        }),
        _ => expr::parse_template(src).and_then(|t| {
            expr::check_template(&t, &types)?;
            let _ = expr::render_template(&t, &values);
            Ok(())
        }),
    };
    if let Err(error) = error {
        in_text(error.span.start, error.span.end, src);
        assert!(!error.message.is_empty(), "une erreur sans message");
    }
}

/// Removes every `span` (byte offsets) from a JSON value.
pub fn without_spans(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(without_spans);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_spans),
        _ => {}
    }
}

/// What a file means: its JSON export without spans when it compiles,
/// else the null value; what its diagnostics say (code and message); its
/// comments, in order.
pub type Meaning = (serde_json::Value, Vec<(String, String)>, Vec<String>);

pub fn meaning(src: &str, rules: &Rules) -> Meaning {
    let report = copil::check::check_source("f.copil".into(), src.to_string(), rules);
    let export = match (&report.gouvernance, &report.analyses) {
        (Some(g), Some(a)) => {
            let mut value = facts::facts(g, a);
            without_spans(&mut value);
            value
        }
        _ => serde_json::Value::Null,
    };
    let said = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.message.clone()))
        .collect();
    let comments = copil::syntax::parse(src)
        .file
        .comments
        .iter()
        .map(|c| c.text.trim_end().to_string())
        .collect();
    (export, said, comments)
}

/// Where two JSON values first differ (a path like `.comites[2].nom`).
pub fn difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<_> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(u), Some(v)) => difference(u, v, format!("{at}.{k}")),
                _ => Some(format!("{at}.{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| difference(u, v, format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: {a} ≠ {b}")),
    }
}

/// The formatter's round trip on what it accepts: the result is formatted
/// (idempotence), means the same (export without spans, diagnostics,
/// comments), and a text it refuses has a syntax error.
pub fn fmt(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(out) = copil::fmt::format(src) else {
        assert!(
            copil::syntax::parse(src)
                .diagnostics
                .iter()
                .any(|d| d.severity == copil::diagnostic::Severity::Error),
            "fmt refuse un texte sans erreur de syntaxe"
        );
        return;
    };
    let again = copil::fmt::format(&out).expect("le texte formaté se relit");
    assert!(
        again == out,
        "fmt n'est pas idempotent :\n{out}\n---\n{again}"
    );
    let (export, said, comments) = meaning(src, rules());
    let (export2, said2, comments2) = meaning(&out, rules());
    assert_eq!(comments2, comments, "fmt change les commentaires");
    assert_eq!(said2, said, "fmt change les diagnostics");
    if let Some(at) = difference(&export, &export2, String::new()) {
        panic!("fmt change l'export en {at}\n--- source :\n{src}\n--- formaté :\n{out}");
    }
}

/// The TOML ruleset loader: loaded, then run on examples/isere.copil, or
/// refused with diagnostics whose spans lie in the text.
pub fn ruleset(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Rules::load_text("regles.toml", text) {
        Ok(rules) => {
            copil::check::check_source("isere.copil".into(), ISERE.into(), &rules);
        }
        Err(error) => {
            for file in &error.files {
                for d in &file.diagnostics {
                    in_text(d.span.start, d.span.end, &file.text);
                }
            }
        }
    }
}

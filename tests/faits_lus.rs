//! The fact model built with only the fields the rules read
//! (`facts::facts_reading`, `ActiveRules::reads`): the same verdicts as
//! with the whole model on every file of the repository, for the shipped
//! profiles and for `--select`; the same JSON for the fields kept; and
//! every field kept when a rule compares whole records.

use std::path::{Path, PathBuf};

use copil::check::check_source;
use copil::reference::Zone;
use copil::rules::{Rules, engine, facts};
use serde_json::Value;

fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

fn copil_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = copil::files::collect_paths(&[
        root.join("examples"),
        root.join("tests/fixtures"),
        root.join("rules/tests"),
    ]);
    assert!(files.len() > 100, "only {} files", files.len());
    files
}

/// Every object key of `value`, at any depth.
fn keys(value: &Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// Whether `small` is `big` with some object fields left out.
fn is_part_of(small: &Value, big: &Value) -> bool {
    match (small, big) {
        (Value::Object(s), Value::Object(b)) => s
            .iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| is_part_of(v, w))),
        (Value::Array(s), Value::Array(b)) => {
            s.len() == b.len() && s.iter().zip(b).all(|(v, w)| is_part_of(v, w))
        }
        _ => small == big,
    }
}

#[test]
fn the_shipped_rules_read_some_fields_only() {
    for zone in [Zone::Metro, Zone::Drom] {
        let active = rules().active(zone);
        let reads = active
            .reads
            .as_ref()
            .expect("no shipped rule compares whole records");
        for field in ["membres", "comites", "id", "span", "nature"] {
            assert!(reads.contains(field), "{field}");
        }
        // Fields of the model that no shipped rule reads are left out.
        assert!(!reads.contains("siret"), "{reads:?}");
    }
}

#[test]
fn with_only_the_fields_read_every_file_gets_the_same_verdicts() {
    let mut selected = Rules::embedded().expect("shipped");
    selected
        .select(&[
            "FNE-PIL-01".into(),
            "FNE-COM-01".into(),
            "FNE-MEM-01".into(),
        ])
        .expect("known rules");
    let mut compared = 0;
    for path in copil_files() {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let report = check_source(path.display().to_string(), src, rules());
        let (Some(g), Some(a)) = (&report.gouvernance, &report.analyses) else {
            continue;
        };
        let whole = facts::facts(g, a);
        for set in [rules(), &selected] {
            let active = set.active(g.territoire.zone);
            let reads = active.reads.as_deref().expect("fields read");
            let part = facts::facts_reading(g, a, Some(reads));
            assert!(is_part_of(&part, &whole), "{}", path.display());
            assert_eq!(
                format!("{:?}", engine::evaluate(&active, g, &part)),
                format!("{:?}", engine::evaluate(&active, g, &whole)),
                "{}",
                path.display()
            );
        }
        // Keeping every field gives the whole model, exactly.
        let mut all = std::collections::BTreeSet::new();
        keys(&whole, &mut all);
        assert_eq!(
            facts::facts_reading(g, a, Some(&all)),
            whole,
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert!(compared > 50, "only {compared} files compiled");
}

#[test]
fn a_rule_that_compares_whole_records_gets_every_field() {
    let ruleset = r#"
[ruleset]
id = "comparaison"
title = "Comparaison de comités"
version = "1"
extends = "national"

[[rule]]
id = "X-COM-01"
severity = "warning"
title = "Deux comités identiques"
source = "essai"
rationale = "essai"
for_each = "c in comites"
check = "count(d in comites, d == c) == 1"
message = "le comité {c.nom} a un jumeau"
"#;
    let rules = Rules::load_text("comparaison.toml", ruleset).expect("loads");
    // A ruleset given with `--rules` comes on top of every profile it fits.
    for name in ["comparaison", "national"] {
        let profile = rules.profile(name).expect("profile");
        assert!(profile.reads.is_none(), "{name}: every field is kept");
    }
}

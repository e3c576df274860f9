//! Rules as data: faulty rulesets are refused with errors that point into
//! the TOML file; thresholds and severities change verdicts without
//! recompiling; `copil rules`, `explain`, `test-rules`, `export`,
//! `--profile` and `--deny warnings` through the binary.

mod common;
use common::copil;

use std::path::{Path, PathBuf};
use std::process::Output;

use copil::report::HumanOptions;
use copil::rules::Rules;
use serde_json::Value;

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn codes(out: &Output) -> Vec<(String, String, bool)> {
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").clone())
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_string(),
                d["severity"].as_str().expect("severity").to_string(),
                d["waived"].as_bool().expect("waived"),
            )
        })
        .collect()
}

fn scratch(name: &str, content: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rules");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("scratch file");
    path
}

#[test]
fn faulty_rulesets_are_refused_with_located_errors() {
    insta::glob!("rulesets/fail/*.toml", |path| {
        let relative = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("under the crate");
        let error = Rules::load(&[relative.to_path_buf()], None)
            .expect_err("a faulty ruleset must be refused");
        assert!(!error.files.is_empty());
        insta::assert_snapshot!(copil::command::rules_error(&error, HumanOptions::default()));
    });
}

#[test]
fn a_faulty_ruleset_stops_the_check_with_exit_code_2() {
    let out = copil(&[
        "check",
        "examples/isere.copil",
        "--rules",
        "tests/rulesets/fail/champ-inconnu.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        err.contains("tests/rulesets/fail/champ-inconnu.toml:12:12"),
        "{err}"
    );
    assert!(err.contains("vouliez-vous dire `frequence`"), "{err}");
    assert!(out.stdout.is_empty(), "no partial report");
}

#[test]
fn the_shipped_rulesets_cover_the_national_table() {
    let rules = Rules::embedded().expect("the shipped rules load");
    let national = rules.profile("national").expect("national profile");
    let ids: Vec<&str> = national.infos.iter().map(|r| r.id.as_str()).collect();
    let table = [
        ("FNE-PIL-01", "error"),
        ("FNE-PIL-02", "warning"),
        ("FNE-PIL-03", "error"),
        ("FNE-PIL-04", "error"),
        ("FNE-PIL-05", "warning"),
        ("FNE-COM-01", "error"),
        ("FNE-COM-02", "error"),
        ("FNE-COM-03", "warning"),
        ("FNE-COM-04", "warning"),
        ("FNE-COM-05", "info"),
        ("FNE-HUB-01", "warning"),
        ("FNE-HUB-02", "error"),
        ("FNE-HUB-03", "warning"),
        ("FNE-CRSN-01", "error"),
        ("FNE-DUP-01", "warning"),
        ("FNE-DUP-02", "error"),
        ("FNE-FDR-01", "error"),
        ("FNE-FDR-02", "error"),
        ("FNE-FDR-03", "warning"),
        ("FNE-FDR-04", "warning"),
        ("FNE-FDR-05", "warning"),
        ("FNE-FDR-06", "error"),
        ("FNE-FDR-07", "error"),
        ("FNE-FDR-08", "info"),
        ("FNE-ING-01", "warning"),
        ("FNE-PIL-06", "warning"),
        ("FNE-SUB-01", "error"),
        ("FNE-SUB-02", "error"),
        ("FNE-SUB-03", "warning"),
        ("FNE-ING-02", "error"),
        ("FNE-TER-01", "warning"),
        ("FNE-TER-02", "warning"),
        ("FNE-MEM-01", "info"),
    ];
    let mut expected: Vec<&str> = table.iter().map(|(id, _)| *id).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    for (id, severity) in table {
        let rule = national.infos.iter().find(|r| r.id == id).expect("rule");
        assert_eq!(rule.severity.as_str(), severity, "{id}");
        assert!(
            !rule.source.is_empty() && !rule.rationale.is_empty(),
            "{id}"
        );
        assert!(!rule.title.is_empty() && rule.help.is_some(), "{id}");
    }
    // The overseas profile extends the national one and relaxes FNE-HUB-01.
    let outre_mer = rules.profile("outre-mer").expect("overseas profile");
    assert_eq!(outre_mer.chain, ["national", "outre-mer"]);
    let hub = outre_mer
        .infos
        .iter()
        .find(|r| r.id == "FNE-HUB-01")
        .expect("rule");
    assert_eq!(hub.severity.as_str(), "info");
}

#[test]
fn every_shipped_rule_passes_its_examples() {
    let out = copil(&["test-rules"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("33 règles testées : 33 réussies, 0 en échec"),
        "{text}"
    );
}

#[test]
fn user_rulesets_are_tested_on_their_own_examples() {
    let out = copil(&["test-rules", "tests/rulesets/user"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("ISERE-01  ok      (2 exemples)"));

    let out = copil(&["test-rules", "tests/rulesets/sans-exemple"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("test_rules_sans_exemple", stdout(&out));
}

#[test]
fn a_rule_that_does_not_fire_on_its_failing_example_fails_the_test() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rules-muette");
    std::fs::create_dir_all(dir.join("tests/MUETTE-01")).expect("dir");
    std::fs::write(
        dir.join("regles.toml"),
        "[ruleset]\nid = \"muette\"\ntitle = \"Muette\"\nversion = \"1\"\n\n[[rule]]\nid = \"MUETTE-01\"\nseverity = \"error\"\ntitle = \"Toujours vraie\"\ncheck = \"true\"\nmessage = \"jamais\"\n",
    )
    .expect("write");
    let example = std::fs::read_to_string("rules/tests/FNE-COM-02/ok.copil").expect("example");
    std::fs::write(dir.join("tests/MUETTE-01/ok.copil"), &example).expect("write");
    std::fs::write(dir.join("tests/MUETTE-01/ko.copil"), &example).expect("write");
    let out = copil(&["test-rules", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("la règle ne s'est pas déclenchée sur cet exemple non conforme"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn changing_a_threshold_changes_the_verdict_without_recompiling() {
    // Isère: the comité technique shares 4 of the 14 members and chairs of
    // the comité de pilotage (29 %), below the national threshold of 0.75
    // and above the 0.25 of tests/rulesets/ok/seuils.toml (as are two other
    // pairs).
    let file = "examples/isere.copil";
    let national = copil(&["check", file, "--format", "json"]);
    let strict = copil(&[
        "check",
        file,
        "--format",
        "json",
        "--rules",
        "tests/rulesets/ok/seuils.toml",
    ]);
    let count = |out: &Output, code: &str| codes(out).iter().filter(|d| d.0 == code).count();
    assert_eq!(count(&national, "FNE-DUP-01"), 0);
    assert_eq!(count(&strict, "FNE-DUP-01"), 3);
    // The TOML file is read at run time: write a threshold, check, rewrite it.
    let low = scratch(
        "seuil.toml",
        "[ruleset]\nid = \"seuil\"\ntitle = \"Seuil\"\nversion = \"1\"\nextends = \"national\"\n[params]\ncouverture_epci_min = 0.0\n",
    );
    let out = copil(&[
        "check",
        file,
        "--format",
        "json",
        "--rules",
        low.to_str().expect("path"),
    ]);
    assert_eq!(count(&out, "FNE-TER-01"), 0);
    std::fs::write(
        &low,
        "[ruleset]\nid = \"seuil\"\ntitle = \"Seuil\"\nversion = \"1\"\nextends = \"national\"\n[params]\ncouverture_epci_min = 1.0\n",
    )
    .expect("rewrite");
    let out = copil(&[
        "check",
        file,
        "--format",
        "json",
        "--rules",
        low.to_str().expect("path"),
    ]);
    assert_eq!(count(&out, "FNE-TER-01"), 1);
}

#[test]
fn changing_a_severity_changes_the_exit_code() {
    let file = "rules/tests/FNE-PIL-05/ko.copil";
    let out = copil(&["check", file, "--format", "json"]);
    assert!(codes(&out).contains(&("FNE-PIL-05".into(), "warning".into(), false)));
    let before = out.status.code();
    let out = copil(&[
        "check",
        file,
        "--format",
        "json",
        "--rules",
        "tests/rulesets/ok/severite.toml",
    ]);
    assert!(codes(&out).contains(&("FNE-PIL-05".into(), "error".into(), false)));
    assert_eq!(out.status.code(), Some(1));
    assert_ne!(before, Some(1));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let file = "rules/tests/FNE-PIL-05/ko.copil";
    let plain = copil(&["check", file]);
    let denied = copil(&["check", file, "--deny", "warnings"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(plain.stdout, denied.stdout);
}

#[test]
fn overseas_territories_get_the_overseas_profile() {
    let out = copil(&["check", "examples/guadeloupe.copil", "--format", "json"]);
    let found = codes(&out);
    assert!(
        found.iter().all(|d| d.0 != "FNE-HUB-01" || d.1 == "info"),
        "{found:?}"
    );
    let forced = copil(&[
        "check",
        "rules/tests/FNE-HUB-01/ko.copil",
        "--format",
        "json",
        "--profile",
        "outre-mer",
    ]);
    assert!(codes(&forced).contains(&("FNE-HUB-01".into(), "info".into(), false)));
    let unknown = copil(&["check", "examples/isere.copil", "--profile", "outremer"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8(unknown.stderr).expect("UTF-8");
    assert!(err.contains("le profil `outremer` n'existe pas"), "{err}");
    assert!(err.contains("vouliez-vous dire `outre-mer` ?"), "{err}");
}

#[test]
fn rules_lists_the_active_rules() {
    let out = copil(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("rules_human", stdout(&out));
    let out = copil(&["rules", "--format", "json"]);
    let listing: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(listing["profil"], "national");
    assert_eq!(listing["regles"].as_array().expect("rules").len(), 33);
    assert_eq!(listing["params"]["seuil_doublon"], 0.75);
    let hub = &listing["regles"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "FNE-HUB-01")
        .expect("FNE-HUB-01")
        .clone();
    assert_eq!(hub["severity"], "warning");
    assert_eq!(hub["derogeable"], true);
}

#[test]
fn explain_explains_a_rule() {
    let out = copil(&["explain", "FNE-HUB-01"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("explain_fne_hub_01", stdout(&out));
    let out = copil(&["explain", "FNE-HUB-1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("vouliez-vous dire `FNE-HUB-01`"), "{err}");
}

#[test]
fn export_prints_the_fact_model() {
    let out = copil(&["export", "examples/isere.copil"]);
    assert_eq!(out.status.code(), Some(0));
    let facts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "territoire",
        "periode",
        "membres",
        "pilotage",
        "comites",
        "existants",
        "crsn",
        "feuilles",
        "actions",
        "besoins",
        "derogations",
        "doublons",
        "chevauchements",
        "couverture",
        "graphe",
    ] {
        assert!(facts.get(key).is_some(), "{key} missing");
    }
    assert_eq!(facts["territoire"]["zone"], "metro");
    assert_eq!(facts["territoire"]["hubs"][0], "Hinaura");
    assert_eq!(facts["pilotage"]["mode"], "pilote");
    // A préfecture without libellé is named from the COG, with its article.
    assert_eq!(facts["membres"][0]["nom"], "Préfecture de l'Isère");
    let out = copil(&["export", "tests/fixtures/fail/territoire-manquant.copil"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_rule_that_fails_at_run_time_is_reported_not_fatal() {
    let rules = scratch(
        "division.toml",
        "[ruleset]\nid = \"division\"\ntitle = \"Division\"\nversion = \"1\"\nextends = \"national\"\n\n[[rule]]\nid = \"DIV-01\"\nseverity = \"warning\"\ntitle = \"Division\"\ncheck = \"len(comites) / (len(comites) - len(comites)) > 1\"\nmessage = \"jamais\"\n",
    );
    let out = copil(&[
        "check",
        "examples/isere.copil",
        "--format",
        "json",
        "--rules",
        rules.to_str().expect("path"),
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diagnostics = report["files"][0]["diagnostics"].as_array().expect("list");
    let failed = diagnostics
        .iter()
        .find(|d| d["code"] == "copil::regles::evaluation")
        .expect("the evaluation error is reported");
    assert!(
        failed["message"]
            .as_str()
            .expect("message")
            .starts_with("la règle DIV-01 n'a pas pu être évaluée"),
        "{failed}"
    );
    // The other rules still ran.
    assert!(diagnostics.iter().any(|d| d["code"] == "FNE-COM-05"));
}

//! The `copil` binary: exit codes, the JSON contract read back, output
//! independent of the order of the paths, colour rules.

mod common;
use common::copil;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("scratch file");
    path
}

#[test]
fn json_report_follows_the_contract() {
    let out = copil(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/fail/identifiant-inconnu.copil",
        "examples/isere.copil",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "examples/isere.copil");
    assert_eq!(files[0]["territoire"], "38");
    assert_eq!(files[0]["compiled"], true);
    let failing = &files[1];
    assert_eq!(failing["compiled"], false);
    // The territory as written, even though the file does not compile.
    assert_eq!(failing["territoire"], "38");
    let d = &failing["diagnostics"][0];
    let keys: Vec<&str> = d
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["code", "help", "message", "severity", "span", "waived"]
    );
    let span_keys: Vec<&str> = d["span"]
        .as_object()
        .expect("span")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(span_keys, ["column", "end", "line", "start"]);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["waived"], false);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 2);
    assert!(summary["errors"].as_u64().expect("count") >= 1);
    // Isère waives FNE-COM-05 by a derogation: the diagnostic stays, waived.
    assert_eq!(summary["waived"], 1);
    let waived: Vec<&Value> = files[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["waived"] == true)
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["code"], "FNE-COM-05");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unreadable_file_has_no_territory() {
    let out = copil(&["check", "--format", "json", "tests/fixtures/absent.copil"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(report["files"][0]["territoire"], Value::Null);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exit_codes() {
    assert_eq!(
        copil(&["check", "examples/isere.copil"]).status.code(),
        Some(0)
    );
    assert_eq!(
        copil(&["check", "tests/fixtures/fail"]).status.code(),
        Some(2)
    );
    assert_eq!(copil(&["check", "nulle-part.copil"]).status.code(), Some(2));
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vide");
    std::fs::create_dir_all(&empty).expect("empty dir");
    let out = copil(&["check", empty.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("aucun fichier .copil"));
}

#[test]
fn output_does_not_depend_on_path_order() {
    let a = copil(&[
        "check",
        "--format",
        "json",
        "examples/vendee.copil",
        "examples/aisne.copil",
        "examples/",
    ]);
    let b = copil(&[
        "check",
        "--format",
        "json",
        "examples/aisne.copil",
        "examples",
        "examples/vendee.copil",
    ]);
    assert_eq!(a.stdout, b.stdout);
    let report: Value = serde_json::from_slice(&a.stdout).expect("valid JSON");
    let paths: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(
        paths, sorted,
        "files are reported in sorted order, once each"
    );
    sorted.dedup();
    assert_eq!(paths.len(), sorted.len());
}

#[test]
fn non_utf8_file_is_reported_not_a_crash() {
    let path = scratch("latin1.copil", b"territoire 38\n# pr\xe9fecture\n");
    let out = copil(&[
        "check",
        "--format",
        "json",
        path.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let d = &report["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "copil::fichier::utf8");
    assert_eq!(d["span"]["start"], 18);
}

#[test]
fn human_report_has_no_colour_when_piped() {
    let out = copil(&["check", "tests/fixtures/fail"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("aide : "));
    assert!(text.contains("ne compile"));
}

#[test]
fn unknown_format_is_refused_by_the_command_line() {
    let out = copil(&["check", "--format", "yaml", "examples/"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_command_line_speaks_french() {
    let help = copil(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).expect("UTF-8");
    assert!(text.contains("Utilisation : copil <COMMANDE>"), "{text}");
    assert!(text.contains("Affiche l'aide"), "{text}");
    assert!(text.contains("Commandes :\n"), "{text}");
    assert!(
        !text.contains("Print help") && !text.contains("Usage:"),
        "{text}"
    );
    let sub = String::from_utf8(copil(&["check", "--help"]).stdout).expect("UTF-8");
    assert!(
        sub.contains("Utilisation : copil check") && sub.contains("Affiche l'aide"),
        "{sub}"
    );
    assert!(
        !sub.contains("[default") && !sub.contains("Possible values"),
        "{sub}"
    );

    let typo = copil(&["chek"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = String::from_utf8(typo.stderr).expect("UTF-8");
    assert!(
        err.starts_with("copil : sous-commande inconnue `chek`"),
        "{err}"
    );
    assert!(err.contains("vouliez-vous dire `check` ?"), "{err}");

    let bad = copil(&["check", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).expect("UTF-8");
    assert!(
        err.contains("valeur `xml` invalide pour `--format <FORMAT>`"),
        "{err}"
    );
    assert!(
        err.contains("`human`, `json`, `sarif`, `junit`, `github`"),
        "{err}"
    );

    let missing = copil(&["explain"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("argument obligatoire manquant : `<REGLE>`")
    );
    let version = copil(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("copil "));
}

/// The rule ids of a JSON report's diagnostics, sorted and deduplicated.
fn rule_codes(out: &std::process::Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let mut codes: Vec<String> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").clone())
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn select_runs_only_the_rules_named() {
    let all = copil(&["check", "examples/", "--format", "json"]);
    let every = rule_codes(&all);
    assert!(every.len() > 2, "{every:?}");
    let out = copil(&[
        "check",
        "examples/",
        "--format",
        "json",
        "--select",
        "fne-ter-01,FNE-MEM-01",
    ]);
    let selected = rule_codes(&out);
    assert!(!selected.is_empty());
    assert!(
        selected
            .iter()
            .all(|c| c == "FNE-TER-01" || c == "FNE-MEM-01"),
        "{selected:?}"
    );
    // Selecting works in every profile (Guadeloupe is overseas), and the
    // derogations of other rules are neither applied nor judged.
    let sarif = copil(&[
        "check",
        "examples/guadeloupe.copil",
        "--format",
        "sarif",
        "--select",
        "FNE-TER-01",
    ]);
    let sarif: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .filter(|id| id.starts_with("FNE-"))
        .collect();
    assert_eq!(rules, ["FNE-TER-01"]);
    let unknown = copil(&["check", "examples/", "--select", "FNE-COM-99"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8(unknown.stderr).expect("UTF-8");
    assert!(err.contains("`FNE-COM-99`"), "{err}");
    assert!(err.contains("vouliez-vous dire"), "{err}");
}

#[test]
fn help_is_a_command_too() {
    let all = copil(&["help"]);
    assert_eq!(all.status.code(), Some(0));
    let text = String::from_utf8(all.stdout).expect("UTF-8");
    assert!(text.contains("Commandes :"), "{text}");
    let check = copil(&["help", "check"]);
    assert_eq!(check.status.code(), Some(0));
    let text = String::from_utf8(check.stdout).expect("UTF-8");
    assert!(text.contains("Utilisation : copil check"), "{text}");
    assert!(text.contains("--select"), "{text}");
    let unknown = copil(&["help", "chek"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8(unknown.stderr).expect("UTF-8");
    assert!(err.contains("vouliez-vous dire `check` ?"), "{err}");
}

#[test]
fn explain_says_what_a_compiler_code_means() {
    let out = copil(&["explain", "copil::cycle"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.starts_with("copil::cycle — cycle de `rend_compte`"),
        "{text}"
    );
    assert!(text.contains("le fichier ne compile pas"), "{text}");
}

/// Files are checked in parallel; the output is the same, byte for byte,
/// as on one core, whatever the order in which files finish.
#[test]
fn parallel_output_is_the_sequential_output() {
    let run = |threads: &str, format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_copil"))
            .args([
                "check",
                "examples",
                "tests/fixtures/ok",
                "tests/fixtures/fail",
                "rules/tests",
                "--format",
                format,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("the binary runs");
        (out.status.code(), out.stdout)
    };
    for format in ["json", "human", "sarif"] {
        let sequential = run("1", format);
        assert!(sequential.1.len() > 1000, "{format}: a real report");
        for threads in ["2", "8"] {
            assert!(
                run(threads, format) == sequential,
                "{format} on {threads} threads differs from one thread"
            );
        }
    }
}

/// `copil check` drops each file's model once it is checked
/// (`check_files_sans_modele`): its outputs stay those of the reports
/// that keep it, the territory's name included.
#[test]
fn check_outputs_do_not_need_the_model() {
    let out = copil(&[
        "check",
        "examples/val-de-marne.copil",
        "examples/isere.copil",
    ]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("✓ examples/val-de-marne.copil (Val-de-Marne) : aucun problème"),
        "{text}"
    );
    let rules = copil::rules::Rules::embedded().expect("shipped rules");
    let paths = [
        Path::new("examples/val-de-marne.copil").to_path_buf(),
        Path::new("examples/isere.copil").to_path_buf(),
    ];
    let with = copil::check::check_files(&paths, &rules);
    let without = copil::check::check_files_sans_modele(&paths, &rules);
    assert!(
        without
            .iter()
            .all(|r| r.gouvernance.is_none() && r.analyses.is_none())
    );
    assert_eq!(copil::report::json(&with), copil::report::json(&without));
    assert_eq!(copil::report::sarif(&with), copil::report::sarif(&without));
    assert_eq!(copil::report::junit(&with), copil::report::junit(&without));
    let options = copil::report::HumanOptions::default;
    assert_eq!(
        copil::report::human(&with, options()),
        copil::report::human(&without, options())
    );
}

//! The CI formats read back by real consumers: SARIF by Microsoft's
//! validator (installed by `scripts/install-test-tools.sh`), JUnit by an XML
//! parser with its counts checked, GitHub workflow commands against their
//! escaping rules; and the national report in its four formats.

mod common;
use common::copil;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use copil::check::FileReport;
use copil::diagnostic::{Diagnostic, Severity};
use copil::report::national::{self, Ligne, National, Totaux};
use copil::rules::RuleInfo;
use copil::span::Span;
use serde_json::Value;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ci").join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Files that exercise every kind of result: compliant, failing rules,
/// waived diagnostics, compile errors, an unreadable file.
const MIXED: &[&str] = &[
    "examples/",
    "tests/fixtures/ok/derogations.copil",
    "tests/fixtures/fail/identifiant-inconnu.copil",
    "tests/fixtures/fail/syntaxe-accolade-manquante.copil",
    "tests/fixtures/fail/utf8-invalide.copil",
    "tests/fixtures/absent.copil",
];

fn check(format: &str) -> Output {
    let mut args = vec!["check", "--format", format];
    args.extend_from_slice(MIXED);
    copil(&args)
}

/// Microsoft's SARIF validator, installed by `scripts/install-test-tools.sh`.
fn validator() -> PathBuf {
    let tool =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/node_modules/.bin/sarif-multitool");
    assert!(
        tool.exists(),
        "the SARIF validator is missing: run scripts/install-test-tools.sh"
    );
    tool
}

#[test]
fn sarif_of_files_that_do_not_compile_exits_2() {
    let out = check("sarif");
    assert_eq!(
        out.status.code(),
        Some(2),
        "compile errors give exit code 2"
    );
    let _: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
}

#[test]
#[ignore = "needs Microsoft's SARIF validator (scripts/install-test-tools.sh)"]
fn sarif_is_accepted_by_the_microsoft_validator() {
    validate_sarif(&check("sarif"), "relative");
    // The same files named by absolute paths: `file://` URIs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let absolute: Vec<String> = MIXED
        .iter()
        .map(|p| root.join(p).to_string_lossy().to_string())
        .collect();
    let mut args = vec!["check", "--format", "sarif"];
    args.extend(absolute.iter().map(String::as_str));
    let out = copil(&args);
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let first = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert!(
        first.as_str().is_some_and(|u| u.starts_with("file:///")),
        "{first}"
    );
    validate_sarif(&out, "absolute");
}

/// Runs Microsoft's validator on a SARIF output; fails on any error.
fn validate_sarif(out: &Output, name: &str) {
    let tool = validator();
    let path = scratch_dir("sarif").join(format!("copil-{name}.sarif"));
    std::fs::write(&path, &out.stdout).expect("write");
    let run = Command::new(tool)
        .arg("validate")
        .arg(&path)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("the validator runs");
    let text =
        String::from_utf8_lossy(&run.stdout).to_string() + &String::from_utf8_lossy(&run.stderr);
    assert!(text.contains("Analysis completed successfully"), "{text}");
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
    assert!(
        errors.is_empty(),
        "validator errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_carries_rules_locations_and_suppressions() {
    let log: Value = serde_json::from_slice(&check("sarif").stdout).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copil");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .expect("uri")
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.iter().filter(|id| id.starts_with("FNE-")).count(), 33);
    assert!(ids.contains(&"copil::syntaxe"));
    let hub = rules
        .iter()
        .find(|r| r["id"] == "FNE-HUB-01")
        .expect("FNE-HUB-01");
    assert_eq!(
        hub["shortDescription"]["text"],
        "Le Hub de la région siège au comité stratégique"
    );
    assert_eq!(hub["defaultConfiguration"]["level"], "warning");
    assert!(
        hub["fullDescription"]["text"]
            .as_str()
            .expect("text")
            .contains("inter-Hubs")
    );
    let results = run["results"].as_array().expect("results");
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().expect("line") >= 1);
    }
    let waived: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(waived.len(), 2);
    assert_eq!(waived[0]["suppressions"][0]["kind"], "inSource");
    assert!(waived.iter().any(|w| {
        w["suppressions"][0]["justification"]
            .as_str()
            .expect("justification")
            .starts_with("Le poste de coordination")
    }));
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "copil::syntaxe")
        .expect("the compile error is a result");
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/fail/syntaxe-accolade-manquante.copil"
    );
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );
    assert_eq!(missing["level"], "error");
}

#[test]
fn junit_counts_are_consistent() {
    let out = check("junit");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |n: roxmltree::Node, a: &str| -> usize {
        n.attribute(a).expect("attribute").parse().expect("number")
    };
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 11);
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for suite in &suites {
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let failed = cases
            .iter()
            .filter(|c| c.children().any(|x| x.has_tag_name("failure")))
            .count();
        let skip = cases
            .iter()
            .filter(|c| c.children().any(|x| x.has_tag_name("skipped")))
            .count();
        assert_eq!(attr(*suite, "tests"), cases.len());
        assert_eq!(attr(*suite, "failures"), failed);
        assert_eq!(attr(*suite, "skipped"), skip);
        tests += cases.len();
        failures += failed;
        skipped += skip;
    }
    assert_eq!(attr(root, "tests"), tests);
    assert_eq!(attr(root, "failures"), failures);
    assert_eq!(attr(root, "skipped"), skipped);
    // One case for the compiler, one per active rule.
    let isere = suites
        .iter()
        .find(|s| s.attribute("name") == Some("examples/isere.copil"))
        .expect("isere suite");
    assert_eq!(attr(*isere, "tests"), 34);
    assert_eq!(attr(*isere, "failures"), 0);
    // Its warning is visible.
    let ter = isere
        .children()
        .find(|c| {
            c.attribute("name")
                .is_some_and(|n| n.starts_with("FNE-TER-01"))
        })
        .expect("FNE-TER-01 case");
    let out = ter
        .children()
        .find(|c| c.has_tag_name("system-out"))
        .expect("system-out");
    assert!(
        out.text()
            .expect("text")
            .contains("avertissement : 4 EPCI sur 18")
    );
    // A file that does not compile fails its compiler case.
    let broken = suites
        .iter()
        .find(|s| s.attribute("name") == Some("tests/fixtures/fail/identifiant-inconnu.copil"))
        .expect("failing suite");
    assert_eq!(attr(*broken, "failures"), 1);
}

#[test]
fn a_waived_error_is_a_skipped_case() {
    let dir = scratch_dir("junit");
    let mut text = std::fs::read_to_string("rules/tests/FNE-FDR-06/ko.copil").expect("example");
    text.push_str("\nderogation FNE-FDR-06 \"Le cofinancement européen arrive en 2025 & dépasse <le budget>.\"\n");
    let file = dir.join("derogation-erreur.copil");
    std::fs::write(&file, text).expect("write");
    let out = copil(&["check", "--format", "junit", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0));
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let case = doc
        .descendants()
        .find(|n| {
            n.attribute("name")
                .is_some_and(|a| a.starts_with("FNE-FDR-06"))
        })
        .expect("case");
    let skipped = case
        .children()
        .find(|c| c.has_tag_name("skipped"))
        .expect("skipped");
    assert_eq!(
        skipped.attribute("message"),
        Some("dérogation : Le cofinancement européen arrive en 2025 & dépasse <le budget>.")
    );
}

fn hostile_report() -> FileReport {
    let message = "50 % des EPCI : a,b\r\nligne 2 <&> \"x\" ::error::";
    let mut report = FileReport::failed(
        "dossier, avec: virgule/isère.copil".to_string(),
        vec![
            Diagnostic::rule("FNE-COM-02", Severity::Error, Span::new(0, 3), message)
                .help("aide : 100 %"),
            Diagnostic::rule(
                "FNE-TER-01",
                Severity::Warning,
                Span::new(4, 5),
                "attention",
            ),
            {
                let mut d = Diagnostic::rule("FNE-COM-05", Severity::Info, Span::new(0, 1), "note");
                d.waived = Some("motif, avec : deux-points".to_string());
                d
            },
        ],
    );
    report.source = Some("abc\nd\n".to_string());
    report.compiled = true;
    report.regles = Arc::from(vec![RuleInfo {
        id: "FNE-COM-02".to_string(),
        severity: Severity::Error,
        ruleset: "national".to_string(),
        title: "Chaque comité a une fréquence".to_string(),
        source: "ANCT".to_string(),
        rationale: "pourquoi".to_string(),
        check: "c.frequence != null".to_string(),
        help: None,
        derogeable: true,
    }]);
    report
}

#[test]
fn github_commands_escape_hostile_text() {
    let text = copil::report::github(&[hostile_report()]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=dossier%2C avec%3A virgule/isère.copil,line=1,col=1,endLine=1,endColumn=4,title=FNE-COM-02::50 %25 des EPCI : a,b%0D%0Aligne 2 <&> \"x\" ::error::%0Aaide : aide : 100 %25",
            "::warning file=dossier%2C avec%3A virgule/isère.copil,line=2,col=1,endLine=2,endColumn=2,title=FNE-TER-01::attention",
            "::notice file=dossier%2C avec%3A virgule/isère.copil,line=1,col=1,endLine=1,endColumn=2,title=FNE-COM-05::note (dérogation : motif, avec : deux-points)",
        ]
    );
    // Every command is one line: no raw line end survives in a message.
    assert_eq!(text.matches('\n').count(), 3);
}

#[test]
fn hostile_text_stays_text_in_junit_and_sarif() {
    let report = hostile_report();
    let xml = copil::report::junit(std::slice::from_ref(&report));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    assert_eq!(
        failure.attribute("message"),
        Some("50 % des EPCI : a,b\r\nligne 2 <&> \"x\" ::error::")
    );
    let sarif: Value = serde_json::from_str(&copil::report::sarif(&[report])).expect("JSON");
    let result = &sarif["runs"][0]["results"][0];
    assert!(
        result["message"]["text"]
            .as_str()
            .expect("text")
            .starts_with("50 % des EPCI")
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dossier%2C%20avec%3A%20virgule/is%C3%A8re.copil"
    );
}

#[test]
fn the_national_report_in_four_formats() {
    for format in ["markdown", "csv", "json", "html"] {
        let out = copil(&[
            "report",
            "examples/",
            "tests/fixtures/fail/identifiant-inconnu.copil",
            "--format",
            format,
        ]);
        // Written whole, then the exit code of `check`: a file does not
        // compile.
        assert_eq!(out.status.code(), Some(2), "{format}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        insta::assert_snapshot!(format!("national_{format}"), text);
    }
    let out = copil(&["report", "examples/", "--format", "json"]);
    let view: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let codes: Vec<&str> = view["territoires"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|t| t["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["02", "38", "38", "85", "94", "971"]);
    assert_eq!(view["totaux"]["fichiers"], 6);
    assert_eq!(view["totaux"]["doublons"], 1);
    // Two files of the Isère: told apart by their file, counted once in
    // the national totals, the choice said.
    let files: Vec<&str> = view["territoires"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|t| t["fichier"].as_str().expect("file"))
        .collect();
    assert!(files.contains(&"examples/isere.copil"));
    assert!(files.contains(&"examples/isere-alternative-hinaura.copil"));
    assert_eq!(view["totaux"]["territoires"], 5);
    assert_eq!(
        view["totaux"]["retenus"].as_array().expect("files").len(),
        5
    );
    assert_eq!(view["totaux"]["copilotage"], 4);
    assert_eq!(view["totaux"]["pilote"], 0);
    let md = String::from_utf8(copil(&["report", "examples/"]).stdout).expect("UTF-8");
    assert!(md.contains("| Code | Territoire | Fichier |"));
    assert!(md.contains("| 38 | Isère | examples/isere.copil |"));
    assert!(md.contains(
        "| **Total** | 5 territoires (6 fichiers, 6 compilés) |  | 1 État seul, 0 collectivité pilote, 4 copilotages |"
    ));
    assert!(md.contains("comptent chaque territoire une fois"));
    let csv = String::from_utf8(copil(&["report", "examples/", "--format", "csv"]).stdout)
        .expect("UTF-8");
    assert!(
        csv.lines()
            .nth(1)
            .expect("row")
            .contains(",examples/aisne.copil,")
    );
    let html = String::from_utf8(copil(&["report", "examples/", "--format", "html"]).stdout)
        .expect("UTF-8");
    let page = html.replace("<!DOCTYPE html>", "");
    let doc = roxmltree::Document::parse(&page).expect("well-formed page");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network resource"
    );
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("tr")).count(),
        1 + 6 + 1
    );
}

#[test]
fn hostile_names_stay_text_in_the_national_report() {
    let hostile = "CAF <script>alert(1)</script> & \"x\" ]] --> | {y}";
    let view = National {
        version: 1,
        territoires: vec![Ligne {
            fichier: "=cmd|' /C calc'!A0.copil".to_string(),
            code: "38".to_string(),
            nom: hostile.to_string(),
            compile: true,
            mode: Some("copilotage".to_string()),
            porteurs: vec![hostile.to_string(), "b,c".to_string()],
            instances: 1,
            doublons: 0,
            epci_couverts: 1,
            epci_total: 2,
            part_epci: Some(0.5),
            part_population: Some(0.25),
            erreurs: 0,
            avertissements: 0,
            derogations: 0,
        }],
        totaux: Totaux::default(),
    };
    let html = national::html(&view);
    assert!(!html.contains("<script>alert"));
    assert!(
        html.contains(
            "CAF &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; ]] --&gt; | {y}"
        )
    );
    let md = national::markdown(&view);
    let row = md.lines().find(|l| l.starts_with("| 38 ")).expect("row");
    // The row keeps its 12 cells: no `|` of the name or the path splits it.
    assert_eq!(row.matches(" | ").count(), 11, "{row}");
    assert!(!row.contains("<script>"));
    let csv = national::csv(&view);
    let line = csv.lines().nth(1).expect("row");
    assert!(
        line.contains("\"CAF <script>alert(1)</script> & \"\"x\"\" ]] --> | {y}\""),
        "{line}"
    );
    assert!(
        line.contains("'=cmd|' /C calc'!A0.copil"),
        "no formula: {line}"
    );
}

#[test]
fn report_output_is_written_whole_or_not_at_all() {
    let dir = scratch_dir("report");
    let path = dir.join("national.html");
    let _ = std::fs::remove_file(&path);
    let out = copil(&[
        "report",
        "examples/",
        "--format",
        "html",
        "-o",
        path.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("written");
    let printed = copil(&["report", "examples/", "--format", "html"]).stdout;
    assert_eq!(written.as_bytes(), printed.as_slice());
    let leftovers = std::fs::read_dir(&dir).expect("dir").count();
    assert_eq!(leftovers, 1, "no temporary file left");
    let missing = dir.join("absent/national.html");
    let out = copil(&["report", "examples/", "-o", missing.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("impossible d'écrire"));
}

/// `copil report` exits as `copil check` does, on the same files.
#[test]
fn report_exits_as_check_does() {
    let rule_error = "rules/tests/FNE-COM-02/ko.copil";
    for (paths, expected) in [
        (vec!["examples/"], 0),
        (vec!["examples/", rule_error], 1),
        (
            vec![
                "examples/",
                rule_error,
                "tests/fixtures/fail/cycle-rend-compte.copil",
            ],
            2,
        ),
    ] {
        let mut check = vec!["check"];
        check.extend(&paths);
        let mut report = vec!["report"];
        report.extend(&paths);
        assert_eq!(copil(&check).status.code(), Some(expected), "{paths:?}");
        let out = copil(&report);
        assert_eq!(out.status.code(), Some(expected), "{paths:?}");
        assert!(!out.stdout.is_empty(), "the table is written all the same");
    }
}

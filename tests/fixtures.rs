//! Golden fixtures: every file of `tests/fixtures/ok/` compiles, every file
//! of `tests/fixtures/fail/` does not; the human report (no colour) and the
//! JSON report of each are pinned by snapshots.

use std::path::Path;

use copil::check::{FileReport, check_file};
use copil::diagnostic::Code;
use copil::report::{self, HumanOptions};
use copil::rules::Rules;

/// Checks a fixture and names it relative to `tests/`, so that snapshots do
/// not depend on where the repository lives.
fn check(path: &Path) -> FileReport {
    let mut report = check_file(path, rules());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    report.path =
        copil::files::display_path(path.strip_prefix(&root).expect("fixture under tests/"));
    report
}

fn snapshots(report: FileReport) {
    let reports = [report];
    insta::assert_snapshot!("human", report::human(&reports, HumanOptions::default()));
    insta::assert_snapshot!("json", report::json(&reports));
}

#[test]
fn ok_fixtures_compile() {
    insta::glob!("fixtures/ok/*.copil", |path| {
        let report = check(path);
        assert!(
            report.compiled,
            "{} should compile: {:#?}",
            report.path, report.diagnostics
        );
        snapshots(report);
    });
}

#[test]
fn fail_fixtures_do_not_compile() {
    insta::glob!("fixtures/fail/*.copil", |path| {
        let report = check(path);
        assert!(!report.compiled, "{} should not compile", report.path);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| !d.message.is_empty() && d.help.is_some()),
            "every diagnostic of {} has a message and a help line",
            report.path
        );
        snapshots(report);
    });
}

/// Codes that no fixture file can raise, each with the test that covers it.
const WITHOUT_FIXTURE: &[(Code, &str)] = &[
    (Code::Lecture, "unreadable_file_is_a_diagnostic, below"),
    (
        Code::Taille,
        "src/files.rs: a_file_over_the_limit_is_refused_unread (16 Mio)",
    ),
    (
        Code::Evaluation,
        "tests/rules.rs: a_rule_that_fails_at_run_time_is_reported_not_fatal",
    ),
    (
        Code::Profil,
        "tests/rules.rs: overseas_territories_get_the_overseas_profile (`--profile outremer`)",
    ),
];

/// Every code of the table is raised by a fixture: a governance file of
/// `fixtures/ok` or `fixtures/fail` for the codes of files and rules, a
/// ruleset of `rulesets/fail` for the codes of rulesets. Adding a code means
/// one line in the table and one fixture.
#[test]
fn every_code_has_a_fixture() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut raised = std::collections::BTreeSet::new();
    for dir in ["fixtures/ok", "fixtures/fail"] {
        for entry in std::fs::read_dir(tests.join(dir)).expect("fixtures exist") {
            let path = entry.expect("readable entry").path();
            for d in check_file(&path, rules()).diagnostics {
                raised.insert(d.code.as_str().to_string());
            }
        }
    }
    for entry in std::fs::read_dir(tests.join("rulesets/fail")).expect("rulesets exist") {
        let path = entry.expect("readable entry").path();
        let relative = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("under the crate")
            .to_path_buf();
        let error = Rules::load(&[relative], None).expect_err("a faulty ruleset");
        for d in error.files.iter().flat_map(|r| &r.diagnostics) {
            raised.insert(d.code.as_str().to_string());
        }
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !WITHOUT_FIXTURE.iter().any(|(w, _)| w == *c))
        .map(|c| c.as_str())
        .filter(|c| !raised.contains(*c))
        .collect();
    assert!(missing.is_empty(), "no fixture raises {missing:?}");
    // A compile error is raised by a file that does not compile.
    let fail = tests.join("fixtures/fail");
    for code in Code::ALL.iter().filter(|c| c.is_compile_error()) {
        if WITHOUT_FIXTURE.iter().any(|(w, _)| w == code) {
            continue;
        }
        let found = std::fs::read_dir(&fail).expect("fail fixtures").any(|e| {
            check_file(&e.expect("entry").path(), rules())
                .diagnostics
                .iter()
                .any(|d| d.code == *code)
        });
        assert!(found, "no failing fixture raises {code}");
    }
}

#[test]
fn unreadable_file_is_a_diagnostic() {
    let report = check_file(Path::new("tests/fixtures/absent.copil"), rules());
    assert!(!report.compiled);
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].code, Code::Lecture);
    assert_eq!(
        report.diagnostics[0].message,
        "le fichier ne peut pas être lu : il n'existe pas"
    );
    assert_eq!(report::exit_code(&[report], false), report::Exit::Invalid);
}

/// The shipped rules, loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

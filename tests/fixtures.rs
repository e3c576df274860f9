//! Golden fixtures: every file of `tests/fixtures/ok/` compiles, every file
//! of `tests/fixtures/fail/` does not; the human report (no colour) and the
//! JSON report of each are pinned by snapshots.

use std::path::Path;

use copil::check::{FileReport, check_file};
use copil::report::{self, HumanOptions};
use copil::rules::Rules;

/// Checks a fixture and names it relative to `tests/`, so that snapshots do
/// not depend on where the repository lives.
fn check(path: &Path) -> FileReport {
    let mut report = check_file(path, rules());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    report.path =
        copil::check::display_path(path.strip_prefix(&root).expect("fixture under tests/"));
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

/// Each compiler error code has at least one failing fixture that raises it.
#[test]
fn every_compile_error_has_a_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fail");
    let mut raised = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures/fail exists") {
        let path = entry.expect("readable entry").path();
        for d in check_file(&path, rules()).diagnostics {
            raised.insert(d.code);
        }
    }
    use copil::diagnostic::codes::*;
    let every = [
        UTF8,
        SYNTAXE,
        MOT_CLE,
        ECHAPPEMENT,
        NOMBRE,
        VALEUR,
        DOUBLON,
        INCONNU,
        REFERENCE,
        CODE_INVALIDE,
        SIRET,
        NATURE,
        CYCLE,
        INTERVALLE,
        DEROGATION,
        TERRITOIRE,
        REPETITION,
        MANQUANT,
        INCOMPATIBLE,
    ];
    let missing: Vec<&str> = every
        .iter()
        .copied()
        .filter(|c| !raised.contains(*c))
        .collect();
    assert!(missing.is_empty(), "no failing fixture raises {missing:?}");
}

#[test]
fn unreadable_file_is_a_diagnostic() {
    let report = check_file(Path::new("tests/fixtures/absent.copil"), rules());
    assert!(!report.compiled);
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(
        report.diagnostics[0].code,
        copil::diagnostic::codes::LECTURE
    );
    assert_eq!(
        report.diagnostics[0].message,
        "le fichier ne peut pas être lu : il n'existe pas"
    );
    assert_eq!(report::exit_code(&[report], false), 2);
}

/// The shipped rules, loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

//! The shipped examples: each compiles, and what a préfecture would see
//! when checking it is pinned by a snapshot.

use std::path::{Path, PathBuf};

use copil::check::check_file;
use copil::files::collect_paths;
use copil::report::{self, HumanOptions};
use copil::rules::Rules;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let files = collect_paths(&[dir]);
    assert!(files.len() >= 5, "at least five examples ship");
    files
}

#[test]
fn every_example_compiles() {
    for path in examples() {
        let report = check_file(&path, rules());
        assert!(
            report.compiled,
            "{} does not compile: {:#?}",
            report.path, report.diagnostics
        );
        let name = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .to_string();
        let mut report = report;
        report.path = format!("examples/{name}.copil");
        insta::assert_snapshot!(name, report::human(&[report], HumanOptions::default()));
    }
}

/// The shipped rules, loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
}

//! The README's commands are tests: its `check` command runs through the
//! binary on the shipped examples and exits 0 or 1, never 2.

use std::path::Path;
use std::process::Command;

/// The arguments after `--` of the README's `cargo run --release -- check …`.
fn readme_check_args() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md exists");
    let line = readme
        .lines()
        .find(|l| l.contains("cargo run --release -- check"))
        .expect("the README gives the check command");
    let command = line.trim().trim_matches('`');
    let (_, args) = command.split_once(" -- ").expect("cargo run -- ARGS");
    args.split_whitespace().map(str::to_string).collect()
}

#[test]
fn readme_check_command_runs_on_the_examples() {
    let args = readme_check_args();
    assert_eq!(args[0], "check");
    let out = Command::new(env!("CARGO_BIN_EXE_copil"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let code = out.status.code().expect("an exit code");
    assert!(code == 0 || code == 1, "exit code {code}:\n{stdout}");
    assert!(stdout.contains("examples/isere.copil"), "{stdout}");
    assert!(stdout.contains("fichiers vérifiés"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour outside a terminal");
}

#[test]
fn readme_gives_the_test_command() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md exists");
    assert!(readme.contains("cargo test"));
}

/// The README's table of codes is the table of `copil::diagnostic::Code`:
/// regenerate it between the markers when a code is added.
#[test]
fn readme_lists_every_code_from_the_table() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md exists");
    let start = readme
        .find("<!-- codes:debut -->\n")
        .expect("the README marks the start of the table of codes");
    let end = readme
        .find("<!-- codes:fin -->")
        .expect("the README marks the end of the table of codes");
    let table = &readme[start + "<!-- codes:debut -->\n".len()..end];
    let expected = copil::diagnostic::markdown_table();
    assert_eq!(
        table, expected,
        "the README's table of codes is out of date; replace it with:\n{expected}"
    );
}

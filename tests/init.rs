//! `copil init`: a starting file for every département of the reference
//! data, that compiles with no compiler error; `-o` never overwrites a file
//! without `--force`.

mod common;
use common::copil;

use copil::check::check_source;
use copil::diagnostic::Severity;
use copil::reference::Reference;
use copil::rules::Rules;

#[test]
fn every_departement_gets_a_file_that_compiles() {
    let rules = Rules::embedded().expect("the shipped rules load");
    let reference = Reference::get();
    let mut checked = 0;
    for d in reference.departements() {
        let text = copil::init::init(reference, d);
        assert_eq!(
            copil::fmt::format(&text).as_ref(),
            Ok(&text),
            "{}: `copil init` writes the canonical layout",
            d.code
        );
        let report = check_source(format!("{}.copil", d.code), text.clone(), &rules);
        let compile_errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|x| x.is_compile_error())
            .map(|x| format!("{} {}", x.code, x.message))
            .collect();
        assert!(
            report.compiled && compile_errors.is_empty(),
            "{} ({}) does not compile: {compile_errors:?}\n{text}",
            d.code,
            d.nom
        );
        // Only what the officer must still decide: no compiler warning.
        let warnings: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|x| x.code.as_str().starts_with("copil::") && x.severity != Severity::Info)
            .map(|x| format!("{} {}", x.code, x.message))
            .collect();
        assert!(warnings.is_empty(), "{}: {warnings:?}", d.code);
        checked += 1;
    }
    assert!(checked >= 101, "{checked} départements");
}

#[test]
fn the_isere_file_reads_well() {
    let out = copil(&["init", "38"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).expect("UTF-8"));
}

#[test]
fn a_name_works_too_and_a_typo_is_answered() {
    let by_name = copil(&["init", "Isère"]);
    assert_eq!(by_name.status.code(), Some(0));
    assert_eq!(by_name.stdout, copil(&["init", "38"]).stdout);
    let typo = copil(&["init", "isre"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = String::from_utf8(typo.stderr).expect("UTF-8");
    assert!(err.contains("vouliez-vous dire Isère (38) ?"), "{err}");
}

#[test]
fn output_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nord.copil");
    let path_text = path.to_str().expect("path");
    let first = copil(&["init", "59", "-o", path_text]);
    assert_eq!(first.status.code(), Some(0));
    let written = std::fs::read(&path).expect("written");
    assert!(
        String::from_utf8_lossy(&written)
            .starts_with("# Gouvernance France Numérique Ensemble — Nord")
    );
    std::fs::write(&path, "déjà là").expect("write");
    let again = copil(&["init", "59", "-o", path_text]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("existe déjà"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "déjà là");
    let forced = copil(&["init", "59", "-o", path_text, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(std::fs::read(&path).expect("read"), written);
}

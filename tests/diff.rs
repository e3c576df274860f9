//! `copil diff`: the Hub's alternative for the Isère against the Isère's
//! file, in the three formats (snapshots), and the exit codes.

mod common;

use common::copil;

const A: &str = "examples/isere.copil";
const B: &str = "examples/isere-alternative-hinaura.copil";

fn diff(format: &str) -> String {
    let out = copil(&["diff", A, B, "--format", format]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_hubs_alternative_for_the_isere() {
    let human = diff("human");
    assert!(human.contains("fusionnés dans « Comité des territoires de l'Isère »"));
    insta::assert_snapshot!("isere_human", human);
    let markdown = diff("markdown");
    assert!(markdown.starts_with("# Ce que change la proposition — Isère\n"));
    insta::assert_snapshot!("isere_markdown", markdown);
    let json = diff("json");
    insta::assert_snapshot!("isere_json", json);
}

#[test]
fn the_default_format_is_for_a_terminal() {
    let out = copil(&["diff", A, B]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), diff("human"));
}

#[test]
fn the_json_reads_back_and_is_versioned() {
    let value: serde_json::Value = serde_json::from_str(&diff("json")).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["a"]["chemin"], A);
    assert_eq!(
        value["comites"]["fusionnes"][0]["dans"]["id"],
        "territoires"
    );
    let figures = value["chiffres"].as_array().expect("figures");
    let coverage = figures
        .iter()
        .find(|c| c["cle"] == "couverture_epci")
        .expect("EPCI coverage");
    assert_eq!(
        (coverage["a"].as_f64(), coverage["b"].as_f64()),
        (Some(22.0), Some(100.0))
    );
    // Every key the documentation describes is there.
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diff.md")).unwrap();
    for key in value.as_object().unwrap().keys() {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/diff.md does not describe `{key}`"
        );
    }
}

#[test]
fn a_file_that_does_not_compile_gives_its_diagnostics_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("casse.copil");
    std::fs::write(&broken, "territoire 38\nmembre x epci 999999999\n").unwrap();
    let out = copil(&["diff", A, broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("999999999"), "{stderr}");
    assert!(stderr.contains("deux fichiers qui compilent"), "{stderr}");
    let out = copil(&["diff", A, "examples/nexiste-pas.copil"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_against_itself_changes_nothing() {
    let out = copil(&["diff", A, A]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Aucun changement de la gouvernance"));
}

/// The README's example is what the command prints (the lines it shows).
#[test]
fn the_readme_example_is_what_diff_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme
        .find("## Comparer deux propositions")
        .expect("README section")..];
    let block = &section[section.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    // No-break spaces (`22 %`) read as spaces in the README.
    let human = diff("human").replace('\u{a0}', " ");
    for line in block.lines().skip(1).filter(|l| !l.contains('…')) {
        assert!(
            human.lines().any(|h| h == line),
            "`{line}` is not printed:\n{human}"
        );
    }
}

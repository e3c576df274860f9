//! The VS Code extension (`editors/vscode/`): its TextMate grammar colours
//! every keyword and value the completion table knows; its grammar tests
//! pass and it packages as a `.vsix` (those two need npm: `#[ignore]`d
//! here, run by `.ci/run` after `scripts/install-test-tools.sh`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use copil::ide::{BESOIN_OPTIONS, Block, statement_keywords};
use copil::model::{BesoinKind, ComiteType, Contrat, Enveloppe, Frequence, Nature, Statut};

const EXTENSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode");

fn grammar() -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(EXTENSION).join("syntaxes/copil.tmLanguage.json"))
        .expect("the grammar");
    serde_json::from_str(&text).expect("JSON")
}

/// The words of a `(?<!…)(a|b|c)(?!…)` pattern.
fn alternatives(pattern: &str) -> BTreeSet<String> {
    let open = pattern.find(")(").expect("a lookbehind then a group") + 2;
    let close = open + pattern[open..].find(')').expect("the group closes");
    pattern[open..close]
        .split('|')
        .map(str::to_string)
        .collect()
}

#[test]
fn the_grammar_colours_what_the_completion_table_knows() {
    let g = grammar();
    let keyword = &g["repository"]["keyword"]["patterns"];
    let declarations = alternatives(keyword[0]["match"].as_str().expect("a pattern"));
    let attributes = alternatives(keyword[1]["match"].as_str().expect("a pattern"));
    let want_declarations: BTreeSet<String> = statement_keywords(Block::Fichier)
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(declarations, want_declarations);
    let mut want_attributes: BTreeSet<String> = [
        Block::Membre,
        Block::Pilotage,
        Block::Comite,
        Block::Existant,
        Block::Crsn,
        Block::FeuilleDeRoute,
        Block::Action,
        Block::Subvention,
        Block::Besoins,
    ]
    .into_iter()
    .flat_map(statement_keywords)
    .chain(BESOIN_OPTIONS.iter().copied())
    .map(|k| k.as_str().to_string())
    .collect();
    // `besoins` is also the list of an action: a declaration keyword.
    want_attributes.remove("besoins");
    assert_eq!(attributes, want_attributes);

    let values = alternatives(
        g["repository"]["value"]["match"]
            .as_str()
            .expect("a pattern"),
    );
    let want_values: BTreeSet<String> = [
        Nature::ALL,
        ComiteType::ALL,
        Frequence::ALL,
        Contrat::ALL,
        BesoinKind::ALL,
        Enveloppe::ALL,
        Statut::ALL,
    ]
    .concat()
    .into_iter()
    .filter(|v| !declarations.contains(*v) && !attributes.contains(*v))
    .map(str::to_string)
    .collect();
    assert_eq!(values, want_values);
}

/// Runs `program args` in the extension's folder, and fails with its output.
fn run(program: &str, args: &[&str]) {
    let out = Command::new(program)
        .args(args)
        .current_dir(EXTENSION)
        .output()
        .unwrap_or_else(|e| panic!("{program} : {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs npm and editors/vscode/node_modules (scripts/install-test-tools.sh)"]
fn the_grammar_tests_pass() {
    run("npm", &["run", "--silent", "test:grammar"]);
}

#[test]
#[ignore = "needs npm and editors/vscode/node_modules (scripts/install-test-tools.sh)"]
fn the_extension_packages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let vsix = dir.path().join("copil.vsix");
    let out = vsix.to_str().expect("UTF-8 path");
    run(
        "node_modules/.bin/vsce",
        &[
            "package",
            "--skip-license",
            "--allow-missing-repository",
            "--out",
            out,
        ],
    );
    let bytes = std::fs::read(&vsix).expect("the .vsix is written");
    assert!(bytes.starts_with(b"PK"), "a .vsix is a zip archive");
    let text = String::from_utf8_lossy(&bytes);
    for file in [
        "extension/package.json",
        "extension/extension.js",
        "extension/syntaxes/copil.tmLanguage.json",
        "extension/language-configuration.json",
        "extension/node_modules/vscode-languageclient/",
    ] {
        assert!(text.contains(file), "{file} is not in the .vsix");
    }
}

//! `copil search` through the binary: typical searches pinned by
//! snapshots, in French and in JSON; the JSON read back; exit codes.

mod common;
use common::copil;

use serde_json::Value;

/// The command, its exit code and its standard output, as a snapshot shows
/// them; nothing may go to standard error.
fn transcript(args: &[&str]) -> (String, i32) {
    let out = copil(args);
    let code = out.status.code().expect("an exit code");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 errors");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') {
                format!("\"{a}\"")
            } else {
                a.to_string()
            }
        })
        .collect();
    (
        format!(
            "$ copil {}\n(code de sortie {code})\n\n{stdout}",
            shown.join(" ")
        ),
        code,
    )
}

/// Snapshots a search in both formats and checks its exit code; the JSON
/// is read back and follows the documented schema.
fn search(name: &str, args: &[&str], expected: i32) {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    let (human, code) = transcript(&all);
    assert_eq!(code, expected, "{human}");
    insta::assert_snapshot!(format!("{name}_human"), human);
    all.extend_from_slice(&["--format", "json"]);
    let (json, code) = transcript(&all);
    assert_eq!(code, expected, "{json}");
    let body = &json[json.find("\n\n").expect("a blank line") + 2..];
    check_schema(body);
    insta::assert_snapshot!(format!("{name}_json"), json);
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// The JSON contract of the README (« Chercher un code »).
fn check_schema(text: &str) {
    let root: Value = serde_json::from_str(text).expect("valid JSON");
    assert_eq!(keys(&root), ["requete", "resultats", "total", "version"]);
    assert_eq!(root["version"], 1);
    assert_eq!(
        keys(&root["requete"]),
        ["departement", "limite", "nature", "texte"]
    );
    let results = root["resultats"].as_array().expect("resultats");
    assert!(results.len() as u64 <= root["total"].as_u64().expect("total"));
    for r in results {
        assert_eq!(
            keys(r),
            [
                "code",
                "departements",
                "ligne",
                "nature",
                "nom",
                "note",
                "population",
                "regions",
                "score",
                "type"
            ]
        );
        let nature = r["nature"].as_str().expect("nature");
        assert!(
            ["epci", "commune", "departement", "region", "hub"].contains(&nature),
            "{nature}"
        );
        let ligne = r["ligne"].as_str().expect("ligne");
        assert!(
            ligne.starts_with("membre ") && ligne.contains(&format!(" {nature} ")),
            "{ligne}"
        );
        assert_eq!(r["type"].is_string(), nature == "epci");
        assert!(r["score"].as_u64().is_some_and(|s| s <= 100));
    }
}

#[test]
fn by_name() {
    search("grenoble_alpes", &["grenoble alpes"], 0);
    search("metropole_lille", &["metropole", "lille"], 0);
    search("cc_pays_de_gex", &["cc pays de gex"], 0);
}

#[test]
fn with_a_typo() {
    search("grenobel", &["grenobel"], 0);
}

#[test]
fn by_postal_code_that_is_also_an_insee_code() {
    search("code_postal_59100", &["59100"], 0);
}

#[test]
fn by_siren() {
    search("siren", &["200093201"], 0);
}

#[test]
fn by_departement_code() {
    search("departement_38", &["38", "--nature", "departement"], 0);
}

#[test]
fn within_a_departement() {
    search(
        "pays_nord_epci",
        &["pays", "--departement", "59", "--nature", "epci"],
        0,
    );
}

#[test]
fn nothing_found() {
    search("rien", &["xyzzy", "--departement", "38"], 1);
}

#[test]
fn bad_arguments_exit_2_with_a_french_message() {
    for (args, said) in [
        (
            &["search", "lille", "--nature", "ville"][..],
            "valeur `ville` invalide pour `--nature <NATURE>`",
        ),
        (
            &["search", "lille", "--departement", "20"],
            "le département `20` n'existe pas",
        ),
        (
            &["search", "grenoble", "--departement", "isère"],
            "Isère a pour code 38 : `--departement 38`",
        ),
        (
            &["search", "de la"],
            "la recherche « de la » ne contient aucun mot à chercher",
        ),
        (&["search", "lille", "--limite", "0"], "`--limite 0`"),
    ] {
        let out = copil(args);
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_limit_is_twenty_unless_told() {
    let count = |args: &[&str]| {
        let out = copil(args);
        let root: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        root["resultats"].as_array().expect("resultats").len()
    };
    assert_eq!(count(&["search", "saint", "--format", "json"]), 20);
    assert_eq!(
        count(&["search", "saint", "--format", "json", "--limite", "3"]),
        3
    );
}

/// Every line `copil search` proposes compiles: pasted in a file with the
/// territoire it names, it gives no error about the member.
#[test]
fn proposed_lines_compile() {
    let rules = copil::rules::Rules::embedded().expect("the shipped rules load");
    for (query, territoire) in [
        ("grenoble alpes", "38"),
        ("59100", "59"),
        ("metropole lille", "59"),
        ("hinaura", "38"),
        ("auvergne", "38"),
        ("38", "38"),
        ("cc pays de gex", "01"),
    ] {
        let out = copil(&["search", query, "--format", "json", "--limite", "1"]);
        let root: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        let ligne = root["resultats"][0]["ligne"].as_str().expect("a line");
        let source = format!(
            "territoire {territoire}\nmembre prefecture prefecture\n{ligne}\n\
             pilotage {{ prefet prefecture }}\n"
        );
        let compiled = copil::check::compile(&source, &rules.ids());
        assert!(
            compiled.gouvernance.is_some(),
            "{query}: {ligne}\n{:#?}",
            compiled.diagnostics
        );
    }
}

/// The README's example of « Chercher un code » is the binary's output.
#[test]
fn readme_example_is_the_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists");
    let start = readme
        .find("```text\n$ copil search ")
        .expect("the README shows a search")
        + "```text\n$ ".len();
    let block = &readme[start..];
    let block = &block[..block.find("```").expect("the block ends")];
    let (command, expected) = block.split_once('\n').expect("a command, then its output");
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = copil(&args);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), expected);
}

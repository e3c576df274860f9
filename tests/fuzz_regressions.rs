//! The fuzz targets' checks (`fuzz/checks.rs`) in `cargo test`: on every
//! input a fuzzer once found (`tests/fuzz_regressions/TARGET/`, one file
//! per finding, named after what it broke) and on the seed corpus that
//! `fuzz/seed.sh` gives the fuzzers (the repository's own `.copil` files,
//! rulesets and rule expressions). Also keeps the fuzzing dictionary in step
//! with the grammar.

use std::path::{Path, PathBuf};

#[path = "../fuzz/checks.rs"]
mod checks;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, extension: Option<&str>, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if extension.is_none_or(|e| path.extension().is_some_and(|x| x == e)) {
            out.push(path);
        }
    }
    out.sort();
}

/// The inputs kept for `target`.
fn regressions(target: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    files(
        &root().join("tests/fuzz_regressions").join(target),
        None,
        &mut out,
    );
    out.retain(|p| p.file_name().is_some_and(|n| n != "README.md"));
    out
}

fn run(target: &str, check: fn(&[u8]), inputs: &[PathBuf]) {
    for path in inputs {
        let data = std::fs::read(path).expect("read");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target} échoue sur {}", path.display());
    }
}

fn copil_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures",
        "tests/rulesets",
        "rules/tests",
    ] {
        files(&root().join(dir), Some("copil"), &mut out);
    }
    assert!(out.len() > 100, "corpus trop petit : {}", out.len());
    out
}

#[test]
fn parse_regressions_and_seeds() {
    let mut inputs = regressions("parse");
    inputs.extend(copil_files());
    run("parse", checks::parse, &inputs);
}

#[test]
fn compile_regressions_and_seeds() {
    let mut inputs = regressions("compile");
    inputs.extend(copil_files());
    run("compile", checks::compile, &inputs);
}

#[test]
fn fmt_regressions_and_seeds() {
    let mut inputs = regressions("fmt");
    inputs.extend(copil_files());
    run("fmt", checks::fmt, &inputs);
}

#[test]
fn ruleset_regressions_and_seeds() {
    let mut inputs = regressions("ruleset");
    files(&root().join("rules"), Some("toml"), &mut inputs);
    files(&root().join("tests/rulesets"), Some("toml"), &mut inputs);
    run("ruleset", checks::ruleset, &inputs);
}

#[test]
fn expr_regressions_and_the_shipped_expressions() {
    run("expr", checks::expr, &regressions("expr"));
    // Every expression of the shipped rules, in the mode of its field.
    let mut seen = 0;
    for path in std::fs::read_dir(root().join("rules"))
        .expect("rules/")
        .flatten()
    {
        let path = path.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let table: toml::Table = text.parse().expect("TOML");
        let rules = table
            .get("rule")
            .and_then(|r| r.as_array())
            .cloned()
            .unwrap_or_default();
        for rule in rules {
            for (field, mode) in [("for_each", 1u8), ("when", 0), ("check", 0), ("message", 2)] {
                if let Some(value) = rule.get(field).and_then(|v| v.as_str()) {
                    let mut data = vec![mode];
                    data.extend_from_slice(value.as_bytes());
                    checks::expr(&data);
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 80, "expressions des règles : {seen}");
}

/// Every keyword of `grammar/copil.pest` is in the fuzzing dictionary, so
/// that the fuzzer knows each new word of the language.
#[test]
fn the_dictionary_knows_every_keyword() {
    let grammar = std::fs::read_to_string(root().join("grammar/copil.pest")).expect("grammar");
    let dict = std::fs::read_to_string(root().join("fuzz/copil.dict")).expect("fuzz/copil.dict");
    // libFuzzer refuses the whole dictionary for one raw non-ASCII byte:
    // `é` is written `\xc3\xa9`.
    for line in dict.lines().filter(|l| !l.starts_with('#')) {
        assert!(
            line.is_ascii(),
            "entrée non ASCII dans fuzz/copil.dict : {line}"
        );
    }
    for line in grammar.lines().filter(|l| l.trim_start().starts_with("k_")) {
        let keyword = line
            .split('"')
            .nth(1)
            .expect("a keyword rule quotes its word");
        assert!(
            dict.contains(&format!("=\"{keyword}\"")),
            "mot-clé absent de fuzz/copil.dict : {keyword}"
        );
    }
}

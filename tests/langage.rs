//! The language reference, `docs/langage.md`, is a test: every fenced block
//! whose info string starts with `copil` is a whole `.copil` file that the
//! binary checks (`copil check FILE --format json`), and what the block's
//! info string announces must happen:
//!
//! - ` ```copil ` — the file compiles;
//! - ` ```copil erreur=CODE ` — the file does not compile and raises the
//!   compiler error `CODE` (several `erreur=` may be given);
//! - ` ```copil signale=CODE ` — the report contains a diagnostic `CODE`
//!   (any severity: a compiler warning, a rule, a derogation notice); it
//!   combines with either form above.
//!
//! Every compiler diagnostic (`copil::…`) a block raises must be announced
//! by its info string, so that an example shows exactly what it says.
//!
//! The other tests keep the reference complete: every compiler code, every
//! ruleset and expression code, and every national rule has its entry.

use copil::diagnostic::{Code, Stage};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The fewest tested blocks the reference may hold: a block deleted by
/// mistake fails the suite. Raise it when you add examples.
const MIN_BLOCKS: usize = 94;

const DOC: &str = "docs/langage.md";

/// A fenced `copil…` block of the reference.
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    /// The info string, as written.
    info: String,
    /// The file's text.
    text: String,
}

/// What a block's info string announces.
#[derive(Default)]
struct Expect {
    /// Compiler errors that must be raised (the file must not compile).
    erreurs: Vec<String>,
    /// Codes that must be reported, whatever their severity.
    signale: Vec<String>,
}

impl Expect {
    fn compiles(&self) -> bool {
        self.erreurs.is_empty()
    }

    /// Every code the block announces.
    fn announced(&self) -> BTreeSet<&str> {
        self.erreurs
            .iter()
            .chain(&self.signale)
            .map(String::as_str)
            .collect()
    }
}

fn doc() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{DOC} cannot be read: {e}"))
}

/// Every fenced block whose info string starts with `copil`.
fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, bool)> = None;
    let mut text = String::new();
    for (i, line) in doc.lines().enumerate() {
        match &open {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    let info = info.trim().to_string();
                    let tested = info.starts_with("copil");
                    open = Some((i + 1, info, tested));
                    text.clear();
                }
            }
            Some((start, info, tested)) => {
                if line.trim_end() == "```" {
                    if *tested {
                        out.push(Block {
                            line: *start,
                            info: info.clone(),
                            text: std::mem::take(&mut text),
                        });
                    }
                    open = None;
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    assert!(
        open.is_none(),
        "{DOC}: the block opened at line {} is never closed",
        open.map_or(0, |(l, _, _)| l)
    );
    out
}

/// Reads an info string: `copil`, then `erreur=CODE` and `signale=CODE`.
fn expectation(info: &str) -> Result<Expect, String> {
    let mut words = info.split_whitespace();
    if words.next() != Some("copil") {
        return Err(format!(
            "unknown info string `{info}`: write `copil`, `copil erreur=CODE` or `copil signale=CODE`"
        ));
    }
    let mut expect = Expect::default();
    for word in words {
        match word.split_once('=') {
            Some(("erreur", code)) if !code.is_empty() => expect.erreurs.push(code.to_string()),
            Some(("signale", code)) if !code.is_empty() => expect.signale.push(code.to_string()),
            _ => {
                return Err(format!(
                    "unknown word `{word}` in the info string: only `erreur=CODE` and `signale=CODE` are known"
                ));
            }
        }
    }
    Ok(expect)
}

/// What `copil check --format json` said about one file.
struct Outcome {
    exit: i32,
    compiled: bool,
    /// (code, severity, message) of every diagnostic.
    diagnostics: Vec<(String, String, String)>,
}

impl Outcome {
    fn has(&self, code: &str) -> bool {
        self.diagnostics.iter().any(|(c, _, _)| c == code)
    }

    fn has_error(&self, code: &str) -> bool {
        self.diagnostics
            .iter()
            .any(|(c, s, _)| c == code && s == "error")
    }

    fn shown(&self) -> String {
        let mut out = format!("exit code {}, compiled: {}", self.exit, self.compiled);
        if self.diagnostics.is_empty() {
            out.push_str(", no diagnostic");
        }
        for (code, severity, message) in &self.diagnostics {
            out.push_str(&format!("\n      {code} ({severity}) : {message}"));
        }
        out
    }
}

fn check(dir: &Path, block: &Block) -> Outcome {
    let path = dir.join(format!("ligne-{}.copil", block.line));
    std::fs::write(&path, &block.text).expect("the temporary file is written");
    let out = Command::new(env!("CARGO_BIN_EXE_copil"))
        .arg("check")
        .arg(&path)
        .args(["--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{DOC}, line {}: the JSON report cannot be read ({e}):\n{stdout}\n{}",
            block.line,
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let file = &json["files"][0];
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    Outcome {
        exit: out.status.code().unwrap_or(-1),
        compiled: file["compiled"].as_bool().expect("`compiled` is a boolean"),
        diagnostics: file["diagnostics"]
            .as_array()
            .expect("`diagnostics` is a list")
            .iter()
            .map(|d| (text(&d["code"]), text(&d["severity"]), text(&d["message"])))
            .collect(),
    }
}

/// What is wrong with a block's outcome, if anything.
fn verdict(expect: &Expect, outcome: &Outcome) -> Vec<String> {
    let mut wrong = Vec::new();
    if expect.compiles() {
        if !outcome.compiled {
            wrong.push("the file should compile".to_string());
        }
        if outcome.exit != 0 && outcome.exit != 1 {
            wrong.push(format!("exit code 0 or 1 expected, got {}", outcome.exit));
        }
    } else {
        if outcome.compiled {
            wrong.push("the file should not compile".to_string());
        }
        if outcome.exit != 2 {
            wrong.push(format!("exit code 2 expected, got {}", outcome.exit));
        }
        for code in &expect.erreurs {
            if !outcome.has_error(code) {
                wrong.push(format!("the error `{code}` is not raised"));
            }
        }
    }
    for code in &expect.signale {
        if !outcome.has(code) {
            wrong.push(format!("`{code}` is not reported"));
        }
    }
    let announced = expect.announced();
    let unannounced: BTreeSet<&str> = outcome
        .diagnostics
        .iter()
        .map(|(c, _, _)| c.as_str())
        .filter(|c| c.starts_with("copil::") && !announced.contains(c))
        .collect();
    for code in unannounced {
        wrong.push(format!(
            "`{code}` is raised but not announced (add `erreur={code}` or `signale={code}`)"
        ));
    }
    wrong
}

#[test]
fn every_example_of_the_reference_does_what_it_says() {
    let doc = doc();
    let blocks = blocks(&doc);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut failures = Vec::new();
    for block in &blocks {
        let expect = match expectation(&block.info) {
            Ok(expect) => expect,
            Err(e) => {
                failures.push(format!("{DOC}, line {}: {e}", block.line));
                continue;
            }
        };
        let outcome = check(dir.path(), block);
        let wrong = verdict(&expect, &outcome);
        if !wrong.is_empty() {
            failures.push(format!(
                "{DOC}, line {} (```{}):\n    {}\n    got: {}",
                block.line,
                block.info,
                wrong.join("\n    "),
                outcome.shown()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n\n{}",
        failures.len(),
        blocks.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_reference_keeps_its_examples() {
    let count = blocks(&doc()).len();
    assert!(
        count >= MIN_BLOCKS,
        "{DOC} holds {count} tested blocks, fewer than {MIN_BLOCKS}: was an example deleted?"
    );
}

/// A new code (of the one table, `copil::diagnostic::Code`) forces an
/// entry in the reference.
#[test]
fn every_code_is_documented() {
    let doc = doc();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !doc.contains(&format!("`{code}`")))
        .collect();
    assert!(missing.is_empty(), "{DOC} does not name {missing:?}");
}

/// Each compiler diagnostic that a file's text can raise is shown by an
/// example that raises it (reading and encoding errors cannot be written
/// in a UTF-8 Markdown block).
#[test]
fn every_compiler_diagnostic_has_an_example() {
    let doc = doc();
    let announced: BTreeSet<String> = blocks(&doc)
        .iter()
        .filter_map(|b| expectation(&b.info).ok())
        .flat_map(|e| e.erreurs.into_iter().chain(e.signale))
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| code.stage() == Stage::Fichier)
        .filter(|code| ![Code::Lecture, Code::Utf8, Code::Taille].contains(code))
        .map(|code| code.as_str())
        .filter(|code| !announced.contains(*code))
        .collect();
    assert!(missing.is_empty(), "{DOC} has no example of {missing:?}");
}

/// The table of national rules follows `rules/national.toml`: one row per
/// rule, with its title and its severity.
#[test]
fn the_national_rules_table_follows_the_ruleset() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("rules/national.toml")).expect("national.toml");
    let ruleset: toml::Table = toml::from_str(&text).expect("national.toml is TOML");
    let rules = ruleset["rule"].as_array().expect("[[rule]] tables");
    let doc = doc();
    let mut wrong = Vec::new();
    for rule in rules {
        let field = |name: &str| rule[name].as_str().expect("a text field").to_string();
        let (id, title) = (field("id"), field("title"));
        let severity = match field("severity").as_str() {
            "error" => "erreur",
            "warning" => "avertissement",
            _ => "information",
        };
        let row = doc.lines().find(|l| l.starts_with(&format!("| `{id}` |")));
        match row {
            None => wrong.push(format!("no row for {id}")),
            Some(row) if !row.contains(&title) || !row.contains(severity) => wrong.push(format!(
                "the row of {id} should give « {title} » and « {severity} »: {row}"
            )),
            Some(_) => {}
        }
    }
    let rows = doc.lines().filter(|l| l.starts_with("| `FNE-")).count();
    if rows != rules.len() {
        wrong.push(format!(
            "{rows} rows of national rules, {} rules in rules/national.toml",
            rules.len()
        ));
    }
    assert!(wrong.is_empty(), "{DOC}:\n{}", wrong.join("\n"));
}

#[test]
fn the_readme_points_to_the_reference() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(
        readme.contains("(docs/langage.md)"),
        "README.md links {DOC}"
    );
}

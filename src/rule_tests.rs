//! `copil test-rules`: every rule proves itself on its own examples. A
//! rule `ID` has examples in `tests/ID/` beside its ruleset file:
//! `ok*.copil` must not raise it, `ko*.copil` must. The shipped rules'
//! examples are embedded in the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::check_source;
use crate::files::display_path;
use crate::rules::Rules;
use crate::rules::registry::EMBEDDED_TESTS;

/// One example of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The path as shown.
    pub path: String,
    /// The text.
    pub text: String,
    /// True for a `ko*` example, which must raise the rule.
    pub must_fire: bool,
}

/// The verdict on one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The rule id.
    pub id: String,
    /// Examples run.
    pub examples: usize,
    /// What went wrong, one line each; empty when the rule passes.
    pub failures: Vec<String>,
}

/// The shipped examples, by rule id.
pub fn embedded_examples() -> BTreeMap<String, Vec<Example>> {
    let mut out: BTreeMap<String, Vec<Example>> = BTreeMap::new();
    for (id, name, text) in EMBEDDED_TESTS {
        if let Some(example) = example(format!("rules/tests/{id}/{name}"), name, text) {
            out.entry((*id).to_string()).or_default().push(example);
        }
    }
    out
}

/// The examples under `dir/tests/ID/`, by rule id.
pub fn examples_in(dir: &Path) -> BTreeMap<String, Vec<Example>> {
    let mut out: BTreeMap<String, Vec<Example>> = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join("tests")) else {
        return out;
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for rule_dir in dirs {
        let id = rule_dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&rule_dir)
            .map(|e| e.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for file in files {
            let name = file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            if let Some(example) = example(display_path(&file), &name, &text) {
                out.entry(id.clone()).or_default().push(example);
            }
        }
    }
    out
}

fn example(path: String, name: &str, text: &str) -> Option<Example> {
    if !name.ends_with(".copil") {
        return None;
    }
    let must_fire = if name.starts_with("ko") {
        true
    } else if name.starts_with("ok") {
        false
    } else {
        return None;
    };
    Some(Example {
        path,
        text: text.to_string(),
        must_fire,
    })
}

/// The folder whose `tests/` holds the examples of the rulesets at `path`.
pub fn examples_dir(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}

/// Runs the examples of the rules `ids` with `rules`.
pub fn run(
    rules: &Rules,
    ids: &[String],
    examples: &BTreeMap<String, Vec<Example>>,
) -> Vec<Outcome> {
    ids.iter()
        .map(|id| {
            let mut failures = Vec::new();
            let list = examples.get(id).map(Vec::as_slice).unwrap_or_default();
            if !list.iter().any(|e| e.must_fire) {
                failures.push(format!("aucun exemple non conforme (tests/{id}/ko.copil)"));
            }
            if !list.iter().any(|e| !e.must_fire) {
                failures.push(format!("aucun exemple conforme (tests/{id}/ok.copil)"));
            }
            for example in list {
                let report = check_source(example.path.clone(), example.text.clone(), rules);
                if !report.compiled {
                    let first = report
                        .diagnostics
                        .iter()
                        .find(|d| d.is_compile_error())
                        .map(|d| d.message.clone())
                        .unwrap_or_default();
                    failures.push(format!(
                        "{} : l'exemple ne compile pas ({first})",
                        example.path
                    ));
                    continue;
                }
                let fired: Vec<_> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == *id)
                    .collect();
                match (example.must_fire, fired.first()) {
                    (true, None) => failures.push(format!(
                        "{} : la règle ne s'est pas déclenchée sur cet exemple non conforme",
                        example.path
                    )),
                    (false, Some(d)) => failures.push(format!(
                        "{} : la règle s'est déclenchée sur cet exemple conforme ({})",
                        example.path, d.message
                    )),
                    _ => {}
                }
            }
            Outcome {
                id: id.clone(),
                examples: list.len(),
                failures,
            }
        })
        .collect()
}

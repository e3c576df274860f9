//! Stage 5, reports: the file reports of a check in, text out — the human
//! report (miette) or the JSON contract of DESIGN §6 — and the exit code.

mod github;
#[cfg(feature = "cli")]
mod human;
mod json;
mod junit;
pub mod national;
mod sarif;

pub use github::github;
#[cfg(feature = "cli")]
pub use human::{HumanOptions, human, human_diagnostics};
pub use json::{json, json_bytes};
pub use junit::junit;
pub use sarif::{INFORMATION_URI, sarif};

use crate::check::FileReport;
use crate::diagnostic::{Code, Severity, Stage};
use crate::rules::RuleInfo;

/// Counts over every file of a check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Errors not waived (compile errors included).
    pub errors: usize,
    /// Warnings not waived.
    pub warnings: usize,
    /// Infos not waived.
    pub infos: usize,
    /// Diagnostics waived by a derogation.
    pub waived: usize,
}

impl Summary {
    /// Counts the diagnostics of `reports`.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            if d.waived.is_some() {
                s.waived += 1;
                continue;
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// The exit codes of copil (DESIGN §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: compliant (or the command did what it was asked).
    Success = 0,
    /// 1: rule errors remain (or warnings, with `--deny warnings`).
    Failure = 1,
    /// 2: the input could not be compiled (syntax, reference, I/O, bad
    /// ruleset, bad arguments).
    Invalid = 2,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// The exit code of `copil check`: invalid when a file could not be
/// compiled, failure when an error remains (or a warning with
/// `deny_warnings`), else success.
pub fn exit_code(reports: &[FileReport], deny_warnings: bool) -> Exit {
    if reports.iter().any(|r| !r.compiled) {
        return Exit::Invalid;
    }
    let s = Summary::of(reports);
    if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        Exit::Failure
    } else {
        Exit::Success
    }
}

/// "1 erreur", "2 erreurs", "0 erreur": French plural of a count.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n <= 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// Every rule a report of `reports` may name: the compiler's own codes,
/// then the rules active for the files (the first file's version of a rule
/// when profiles differ), by id.
pub fn rule_catalogue(reports: &[FileReport]) -> Vec<RuleInfo> {
    let compiler = |id: &str, title: &str, severity: Severity| RuleInfo {
        id: id.to_string(),
        severity,
        ruleset: "copil".to_string(),
        title: title.to_string(),
        source: String::new(),
        rationale: String::new(),
        check: String::new(),
        help: None,
        derogeable: false,
    };
    // The codes a governance file's report may carry: those of the
    // compiler and of the rules' evaluation, not those of rulesets (which
    // stop the check before any file is read).
    let mut out: Vec<RuleInfo> = Code::ALL
        .iter()
        .filter(|c| c.stage() != Stage::JeuDeRegles)
        .map(|c| compiler(c.as_str(), c.description(), c.severity()))
        .collect();
    let mut rules: std::collections::BTreeMap<&str, &RuleInfo> = std::collections::BTreeMap::new();
    for report in reports {
        for rule in report.regles.iter() {
            rules.entry(rule.id.as_str()).or_insert(rule);
        }
    }
    out.extend(rules.into_values().cloned());
    out
}

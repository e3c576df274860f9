//! Stage 5, reports: the file reports of a check in, text out — the human
//! report (miette) or the JSON contract of DESIGN §6 — and the exit code.

mod human;
mod json;

pub use human::{HumanOptions, human, human_diagnostics};
pub use json::json;

use crate::check::FileReport;
use crate::diagnostic::Severity;

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

/// The exit code of `copil check`: 2 when a file could not be compiled,
/// 1 when an error remains (or a warning with `deny_warnings`), else 0.
pub fn exit_code(reports: &[FileReport], deny_warnings: bool) -> i32 {
    if reports.iter().any(|r| !r.compiled) {
        return 2;
    }
    let s = Summary::of(reports);
    if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        1
    } else {
        0
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

//! National rules as data.

pub mod expr;

use serde::Serialize;

use crate::diagnostic::Severity;

/// What people and tools are told about a rule: its id, severity and
/// wording. `copil rules`, `copil explain`, SARIF and JUnit read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInfo {
    /// Stable id (`FNE-COM-02`).
    pub id: String,
    /// Severity of its diagnostics.
    pub severity: Severity,
    /// The ruleset it comes from (`national`, `outre-mer`…).
    pub ruleset: String,
    /// Short French title.
    pub title: String,
    /// Where the rule comes from (doctrine, ANCT form…).
    pub source: String,
    /// Why the rule exists, with the doctrine quoted.
    pub rationale: String,
    /// The check expression, as written.
    pub check: String,
    /// The help line of its diagnostics (template text, as written).
    pub help: Option<String>,
    /// False when a derogation cannot waive it.
    pub derogeable: bool,
}

/// The ids of the national rules (DESIGN §4): the names a `derogation` may
/// waive. Stable: ANCT, derogations and CI configurations refer to them.
pub const NATIONAL_RULE_IDS: &[&str] = &[
    "FNE-PIL-01",
    "FNE-PIL-02",
    "FNE-PIL-03",
    "FNE-PIL-04",
    "FNE-PIL-05",
    "FNE-COM-01",
    "FNE-COM-02",
    "FNE-COM-03",
    "FNE-COM-04",
    "FNE-COM-05",
    "FNE-HUB-01",
    "FNE-HUB-02",
    "FNE-HUB-03",
    "FNE-CRSN-01",
    "FNE-DUP-01",
    "FNE-DUP-02",
    "FNE-FDR-01",
    "FNE-FDR-02",
    "FNE-FDR-03",
    "FNE-FDR-04",
    "FNE-FDR-05",
    "FNE-FDR-06",
    "FNE-FDR-07",
    "FNE-FDR-08",
    "FNE-ING-01",
    "FNE-TER-01",
    "FNE-TER-02",
    "FNE-MEM-01",
];

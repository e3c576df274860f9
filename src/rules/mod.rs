//! Stage 4, rules as data (DESIGN §4): rulesets read from TOML
//! ([`load`]), merged into profiles and type-checked against the fact
//! model ([`compile`], [`facts`]), kept in a [`Rules`] registry with the
//! shipped ones embedded, and evaluated over each file ([`engine`]).
//! The rules' own examples are run by [`crate::rule_tests`], above the
//! pipeline (`copil test-rules`).

pub mod compile;
pub mod engine;
pub mod expr;
pub mod facts;
pub mod load;
pub mod registry;
mod snapshot;
pub mod view;

pub use compile::{ActiveRules, Rule};
pub use registry::{FaultyRuleset, Rules, RulesError};

use serde::Serialize;

use crate::diagnostic::Severity;

/// What people and tools are told about a rule: its id, severity and
/// wording. `copil rules`, `copil explain`, SARIF and JUnit read it.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
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

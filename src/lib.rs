//! copil — the compiler of the territorial governance files of *France
//! Numérique Ensemble*.
//!
//! A pipeline, one module per stage, each a function of the previous
//! stage's output (see `ARCHITECTURE.md`):
//!
//! 1. [`files`]: paths → the `.copil` files they name, read as UTF-8;
//! 2. [`syntax`]: source text → syntax tree (spans, comments) and syntax
//!    errors, with recovery so that every error of a file is reported;
//! 3. [`model`]: syntax tree → the compiled governance ([`model::Gouvernance`]),
//!    identifiers resolved and codes checked against the reference data ([`crate::reference`]);
//! 4. [`analysis`]: governance → the governance graph, duplicates, overlaps
//!    and coverage;
//! 5. [`rules`]: governance and analyses → the fact model, on which the
//!    rulesets (TOML, embedded or given) are evaluated into diagnostics;
//! 6. [`report`] (human, JSON, SARIF, JUnit, GitHub, national table) and
//!    [`render`] (org charts, roadmap skeleton): outputs of a [`FileReport`].
//!
//! [`check`] runs stages 2 to 5 over one file into a [`FileReport`];
//! [`diagnostic`] holds the one table of codes ([`diagnostic::Code`]) and
//! the one "did you mean"; [`rule_tests`] runs the rules' own examples
//! through the whole pipeline; [`command`] is the command line, one module
//! per subcommand; [`escape`] escapes user text for every output format.
//!
//! ```
//! let src = "territoire 38\nmembre prefecture prefecture\npilotage { prefet prefecture }\n";
//! let rules = copil::rules::Rules::embedded().expect("the shipped rules load");
//! let compiled = copil::check::compile(src, &rules.ids());
//! let gouvernance = compiled.gouvernance.expect("compiles");
//! assert_eq!(gouvernance.territoire.nom, "Isère");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod check;
#[cfg(feature = "cli")]
pub mod command;
pub mod diagnostic;
pub mod diff;
pub mod escape;
mod file_report;
pub mod files;
pub mod fmt;
pub mod ide;
pub mod init;
pub mod model;
pub mod reference;
pub mod render;
pub mod report;
pub mod rule_tests;
pub mod rules;
pub mod span;
pub mod syntax;
pub mod unicode;

pub use file_report::FileReport;

//! copil — the compiler of the territorial governance files of *France
//! Numérique Ensemble*.
//!
//! A pipeline, one module per stage: [`syntax`] (source → syntax tree),
//! [`model`] (syntax tree → compiled governance, checked against the
//! [`reference`] data), [`report`] (diagnostics → human or JSON text).
//! [`check`] runs the pipeline over files.
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
pub mod command;
pub mod diagnostic;
pub mod escape;
pub mod model;
pub mod reference;
pub mod render;
pub mod report;
pub mod rules;
pub mod span;
pub mod syntax;

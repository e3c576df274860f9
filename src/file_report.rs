//! The outcome of checking one file, the data every output reads.

use std::sync::Arc;

use crate::analysis::Analyses;
use crate::diagnostic::Diagnostic;
use crate::model::Gouvernance;
use crate::rules::RuleInfo;

/// The check of one file: what every output (reports, renders, the
/// national table) reads.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown (relative to where copil runs, `/` separators).
    pub path: String,
    /// The source text, when it could be read.
    pub source: Option<String>,
    /// The territory's codes, joined by `,`, when known.
    pub territoire: Option<String>,
    /// The territory's name (« Isère »), when the file compiled.
    pub nom_territoire: Option<String>,
    /// True when the file compiled (no compiler error).
    pub compiled: bool,
    /// Every diagnostic, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The compiled governance.
    pub gouvernance: Option<Gouvernance>,
    /// The analyses of the compiled governance.
    pub analyses: Option<Analyses>,
    /// The rules active for this file (its territory's profile).
    pub regles: Arc<[RuleInfo]>,
}

impl FileReport {
    /// The report without the compiled model and its analyses: what the
    /// outputs of `copil check` read (diagnostics, source, territory).
    /// Kept for every file of a national run, the models were most of its
    /// memory.
    pub fn sans_modele(mut self) -> FileReport {
        self.gouvernance = None;
        self.analyses = None;
        self
    }

    /// The report of a file that could not be compiled (or read).
    pub fn failed(path: String, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path,
            source: None,
            territoire: None,
            nom_territoire: None,
            compiled: false,
            diagnostics,
            gouvernance: None,
            analyses: None,
            regles: Arc::from(Vec::new()),
        }
    }
}

//! Diagnostics: what every stage reports, with a stable code, a severity, a
//! French message, a help line and the span it points at.

use serde::Serialize;

use crate::span::Span;

mod code;
mod suggest;

pub use code::{Code, DiagnosticCode, Stage, markdown_table};
pub use suggest::{
    Suggester, did_you_mean, fold, fold_char, suggest, suggestion_help, suggestion_or_list,
};

/// How serious a diagnostic is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks compliance (exit code 1), or compilation for `copil::…` codes.
    Error,
    /// Reported, does not fail unless `--deny warnings`.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The JSON name: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The French word shown to people.
    pub fn libelle(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "info",
        }
    }
}

/// A secondary location shown with a diagnostic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it shows there.
    pub text: String,
}

/// One problem found in a file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// `copil::…` for the compiler's own errors, the rule id for rules.
    pub code: DiagnosticCode,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, in French, lowercase, no final period.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The exact span it points at.
    pub span: Span,
    /// The text shown under the span.
    pub label: String,
    /// Other places worth showing.
    pub related: Vec<Label>,
    /// The reason given by the `derogation` that waives it, if any.
    pub waived: Option<String>,
    /// The machine-applicable edits behind its help ("did you mean",
    /// accents, codes), which the editor services offer as quick fixes.
    /// Not part of the JSON contract.
    #[serde(skip)]
    pub fixes: Vec<Fix>,
}

/// An edit that carries out a diagnostic's help: replace `span` by
/// `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What it does, in French, as an editor lists it (« remplacer par
    /// `frequence` »).
    pub title: String,
    /// The text replaced (empty to insert).
    pub span: Span,
    /// The text written instead.
    pub replacement: String,
}

impl Fix {
    /// Replaces `span` by `replacement`, titled « remplacer par `…` ».
    pub fn replace(span: Span, replacement: impl Into<String>) -> Fix {
        let replacement = replacement.into();
        Fix {
            title: format!("remplacer par `{replacement}`"),
            span,
            replacement,
        }
    }

    /// Sets the title.
    pub fn titled(mut self, title: impl Into<String>) -> Fix {
        self.title = title.into();
        self
    }
}

impl Diagnostic {
    /// An error with the compiler code `code`.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Error, span, message)
    }

    /// A warning with the compiler code `code`.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(code, Severity::Warning, span, message)
    }

    /// A diagnostic of the compiler code `code`, with its usual severity.
    pub fn of(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(code, code.severity(), span, message)
    }

    /// A diagnostic of the rule `id`.
    pub fn rule(id: &str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::with_code(
            DiagnosticCode::Regle(id.to_string()),
            severity,
            span,
            message,
        )
    }

    /// A diagnostic of a compiler code with any severity.
    pub fn new(code: Code, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::with_code(DiagnosticCode::Copil(code), severity, span, message)
    }

    fn with_code(
        code: DiagnosticCode,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            help: None,
            span,
            label: String::new(),
            related: Vec::new(),
            waived: None,
            fixes: Vec::new(),
        }
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the label under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a secondary location.
    pub fn related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Adds a quick fix.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// True for a compiler error (the file could not be compiled).
    pub fn is_compile_error(&self) -> bool {
        self.severity == Severity::Error && self.code.copil().is_some_and(Code::is_compile_error)
    }
}

/// Sorts diagnostics in source order, then by code and message, so that
/// every output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.code,
            &b.message,
        ))
    });
}

/// Joins `a`, `b` and `c` the French way: "a, b ou c".
pub fn join_ou(items: &[String]) -> String {
    join(items, "ou")
}

/// Joins `a`, `b` and `c` the French way: "a, b et c".
pub fn join_et(items: &[String]) -> String {
    join(items, "et")
}

fn join(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

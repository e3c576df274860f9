//! Errors of the expression language and their rendering for humans. The
//! messages themselves are worded in `wording.rs`.

use std::fmt;

/// A range of byte offsets inside an expression's text (`start..end`):
/// the crate's own span type.
pub use crate::span::Span;

/// What went wrong, for tests and diagnostic codes; the wording is in
/// [`ExprError::message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The text is not a well-formed expression.
    Syntax,
    /// A bare name is neither a bound variable nor a field of the root.
    UnknownName,
    /// A field does not exist in the record it is read from.
    UnknownField,
    /// A `$param` is not declared by the ruleset.
    UnknownParam,
    /// A call to a function the language does not have.
    UnknownFunction,
    /// A known function called with the wrong number or shape of arguments.
    Arity,
    /// An operand or a result of the wrong type.
    Type,
    /// An error while evaluating (see [`EvalError`]).
    Eval,
}

impl ErrorKind {
    /// The stable diagnostic code.
    pub fn code(self) -> crate::diagnostic::Code {
        use crate::diagnostic::Code;
        match self {
            ErrorKind::Syntax => Code::ExpressionSyntaxe,
            ErrorKind::UnknownName => Code::ExpressionNomInconnu,
            ErrorKind::UnknownField => Code::ExpressionChampInconnu,
            ErrorKind::UnknownParam => Code::ExpressionParametreInconnu,
            ErrorKind::UnknownFunction => Code::ExpressionFonctionInconnue,
            ErrorKind::Arity => Code::ExpressionArguments,
            ErrorKind::Type => Code::ExpressionType,
            ErrorKind::Eval => Code::Evaluation,
        }
    }
}

/// An error found while parsing or type-checking an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The French message (lowercase start, no final period).
    pub message: String,
    /// A French hint on how to fix it.
    pub help: Option<String>,
    /// The part of the expression text at fault.
    pub span: Span,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExprError {}

/// An error while evaluating an expression over the fact model (rare once
/// the expression has been type-checked: a division by zero, a value of the
/// wrong type where the fact model's type was [`Type::Any`](super::Type::Any)…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// The French message.
    pub message: String,
    /// A French hint, if any.
    pub help: Option<String>,
    /// The sub-expression at fault.
    pub span: Span,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}

impl From<EvalError> for ExprError {
    fn from(error: EvalError) -> ExprError {
        ExprError {
            kind: ErrorKind::Eval,
            message: error.message,
            help: error.help,
            span: error.span,
        }
    }
}

/// Renders an error for humans: the message, the lines of `src` that the
/// span covers with carets under it, and the help.
///
/// ```text
/// erreur : le champ `frequense` n'existe pas pour un comité
///   | c.frequense != null
///   |   ^^^^^^^^^
///   = aide : vouliez-vous dire `frequence` ?
/// ```
pub fn render_error(src: &str, error: &ExprError) -> String {
    let mut out = format!("erreur : {}\n", error.message);
    let start = error.span.start.min(src.len());
    let end = error.span.end.clamp(start, src.len());
    let mut line_start = 0;
    for line in src.split('\n') {
        let line_end = line_start + line.len();
        let touches = if start == end {
            start >= line_start && start <= line_end
        } else {
            start < line_end.max(line_start + 1) && end > line_start
        };
        if touches {
            let from = start.max(line_start) - line_start;
            let to = end.min(line_end) - line_start;
            let line = line.strip_suffix('\r').unwrap_or(line);
            let from = from.min(line.len());
            let to = to.min(line.len());
            let pad: String = line[..from]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let carets = "^".repeat(line[from..to].chars().count().max(1));
            out.push_str(&format!("  | {line}\n  | {pad}{carets}\n"));
        }
        line_start = line_end + 1;
    }
    if let Some(help) = &error.help {
        out.push_str(&format!("  = aide : {help}\n"));
    }
    out
}

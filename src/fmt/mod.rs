//! The formatter: source text in, the same file in its canonical layout out
//! (`copil fmt`, the language server's formatting, the web editor).
//!
//! It prints the syntax tree ([`crate::syntax`]) back, with every comment
//! where it was (on its own line, or at the end of a line, also inside a
//! list), and never changes what the file means: the compiled governance
//! of the output is the one of the input. A file with a syntax error is
//! not formatted: [`format`] gives its errors instead. The layout is
//! described in `docs/langage.md` (« Mise en forme canonique ») and in
//! [`printer`]; it is idempotent: formatting a formatted file changes
//! nothing.
//!
//! ```
//! let src = "territoire 38\npilotage{prefet prefecture pilote cd38}\n";
//! let out = copil::fmt::format(src).expect("no syntax error");
//! assert_eq!(out, "territoire 38\n\npilotage {\n    prefet prefecture\n    pilote cd38\n}\n");
//! ```

mod items;
mod printer;
mod spelling;

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax;

/// The widest line the formatter writes, in characters, when it can
/// choose: a list (`membres a, b, c…`) wraps before it. A line can be
/// wider only when one word is (a long name, a comment).
pub const WIDTH: usize = 100;

/// The indentation of a block's content, in spaces.
pub const INDENT: usize = 4;

/// The file in its canonical layout, or the syntax errors that prevent
/// formatting it (nothing is formatted then). The line-ending style of the
/// file (LF, or CRLF when its first line ends so) and a leading BOM are
/// kept.
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(source);
    let errors: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let body = printer::print(source, &parsed.file);
    let mut out = String::with_capacity(body.len() + 8);
    if source.starts_with('\u{feff}') {
        out.push('\u{feff}');
    }
    if uses_crlf(source) {
        out.push_str(&body.replace('\n', "\r\n"));
    } else {
        out.push_str(&body);
    }
    Ok(out)
}

/// True when the file's first line ends with CRLF.
fn uses_crlf(source: &str) -> bool {
    source
        .find('\n')
        .is_some_and(|i| source[..i].ends_with('\r'))
}

#[cfg(test)]
mod tests;

//! Recovery after a syntax error: where the declaration that failed
//! started and ends, which braces it left open, and where the next
//! declaration begins. Braces inside strings and comments do not count.

use super::ast::Ident;
use super::keyword::{Keyword, word_at};
use crate::span::Span;

/// Length of the whitespace and comments at the start of `text`.
pub(super) fn leading_trivia(text: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        i += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            i += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return i;
        }
    }
}

/// The start of the first line after the one holding `at` whose first word
/// is a top-level keyword; the end of the text if there is none.
pub(super) fn resume_point(src: &str, at: usize) -> usize {
    let mut line_start = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
    while line_start < src.len() {
        let line_end = src[line_start..]
            .find('\n')
            .map_or(src.len(), |i| line_start + i);
        let line = src[line_start..line_end].trim_start();
        let word = word_at(line);
        if is_declaration(word) {
            let after = line[word.len()..].trim_start();
            // `besoins` also lists an action's needs: only `besoins {` or a
            // bare `besoins` line starts the declaration.
            let starts_decl = Keyword::parse(word) != Some(Keyword::Besoins)
                || after.starts_with('{')
                || after.is_empty();
            if starts_decl
                && (after.is_empty() || line[word.len()..].starts_with(char::is_whitespace))
            {
                return line_start + (line_end - line_start - line.len());
            }
        }
        line_start = line_end + 1;
    }
    src.len()
}

/// The `{` opened between `from` and `to` and not closed before `to`,
/// outermost first; braces in strings and comments do not count.
pub(super) fn open_braces(src: &str, from: usize, to: usize) -> Vec<usize> {
    let mut open = Vec::new();
    scan(src, from, |i, c| {
        if i >= to {
            return false;
        }
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
        true
    });
    open
}

/// Just after the `}` that closes the `depth` blocks open at `at`; stops
/// early at a line that starts with a declaration keyword in the first
/// column (a block left open), and at the end of the text.
pub(super) fn block_end(src: &str, at: usize, depth: usize) -> usize {
    let mut depth = depth;
    let mut end = src.len();
    scan(src, at, |i, c| {
        match c {
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = i + 1;
                    return false;
                }
            }
            '{' => depth += 1,
            '\n' if starts_declaration_line(src, i + 1) => {
                end = i + 1;
                return false;
            }
            _ => {}
        }
        true
    });
    end
}

/// Calls `visit` with each character of `src` from `from` that lies
/// outside strings and comments, until it returns false.
fn scan(src: &str, from: usize, mut visit: impl FnMut(usize, char) -> bool) {
    let bytes = src.as_bytes();
    let mut i = from;
    while i < src.len() {
        let rest = &src[i..];
        if let Some(after) = rest.strip_prefix("\"\"\"") {
            i += 3 + after.find("\"\"\"").map_or(after.len(), |j| j + 3);
            continue;
        }
        match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < src.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(src.len());
                continue;
            }
            b'#' => {
                i = rest.find('\n').map_or(src.len(), |j| i + j);
                continue;
            }
            _ => {}
        }
        let c = rest.chars().next().expect("not at the end");
        if !visit(i, c) {
            return;
        }
        i += c.len_utf8();
    }
}

/// True when `at` starts a line (first column) with a declaration keyword.
pub(super) fn starts_declaration_line(src: &str, at: usize) -> bool {
    if at > 0 && src.as_bytes().get(at - 1) != Some(&b'\n') {
        return false;
    }
    is_declaration(word_at(&src[at..]))
}

/// True when `word` is a keyword that starts a declaration.
fn is_declaration(word: &str) -> bool {
    Keyword::parse(word).is_some_and(Keyword::starts_declaration)
}

/// The identifier declared by the declaration starting at `at`, when its
/// header can be read (`comite cotech …`).
pub(super) fn declared_name(src: &str, at: usize) -> Option<Ident> {
    let text = &src[at..];
    let keyword = word_at(text);
    // `comité` or `Membre`: one typo, one error. The declaration is skipped,
    // but its name is known, so that its uses are not reported too.
    if !matches!(
        Keyword::parse(&crate::diagnostic::fold(keyword)),
        Some(Keyword::Membre | Keyword::Comite | Keyword::Existant | Keyword::FeuilleDeRoute)
    ) {
        return None;
    }
    let after = &text[keyword.len()..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    let start = at + keyword.len() + (after.len() - trimmed.len());
    let name = word_at(trimmed);
    (!name.is_empty() && name.chars().next().is_some_and(char::is_alphabetic)).then(|| Ident {
        span: Span::new(start, start + name.len()),
        name: name.to_string(),
    })
}

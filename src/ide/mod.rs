//! The editor services: pure functions from a source text and a position
//! to answers (diagnostics, quick fixes, completion, hover, definition,
//! references, rename, document symbols, folding ranges), with no I/O, so
//! that the language server (`copil lsp`) and the web editor share one
//! implementation.
//!
//! An [`Analysis`] is built once per version of a text: it parses, checks
//! (the same diagnostics as `copil check`) and indexes the identifiers.
//! Every service reads it. Positions are byte offsets into the text;
//! [`LineMap`] converts them to and from the line and UTF-16 column that
//! LSP and JavaScript count in.

use std::sync::Arc;

use crate::check::{FileReport, check_source};
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleInfo, Rules};
use crate::span::Span;
use crate::syntax::{self, ast};

mod completion;
mod context;
mod fixes;
mod hover;
mod index;
mod lines;
mod navigation;

pub use completion::{
    BESOIN_OPTIONS, Block, CompletionItem, CompletionKind, Slot, completion, statement_keywords,
};
pub use fixes::{CodeAction, code_actions};
pub use hover::{Hover, hover};
pub use index::{Occurrence, SymbolKind};
pub use lines::{LineMap, Position};
pub use navigation::{
    DocumentSymbol, Folding, definition, document_symbols, folding_ranges, references, rename,
};

/// One version of a text, parsed, checked and indexed.
#[derive(Debug)]
pub struct Analysis {
    /// The text.
    pub source: String,
    /// Its syntax tree (recovered past syntax errors).
    pub file: ast::File,
    /// What `copil check` says of it: diagnostics, and the governance when
    /// it compiles.
    pub report: FileReport,
    /// Line starts, for positions.
    pub lines: LineMap,
    /// Every identifier written, declared or referenced.
    pub occurrences: Vec<Occurrence>,
    /// The rules a `derogation` may name, with what they say.
    pub rules: Arc<[RuleInfo]>,
    /// Every rule id a `derogation` may name.
    pub rule_ids: Vec<String>,
}

impl Analysis {
    /// Parses, checks and indexes `source` against `rules`.
    pub fn new(source: &str, rules: &Rules) -> Analysis {
        let report = check_source(String::new(), source.to_string(), rules);
        let file = syntax::parse(source).file;
        let occurrences = index::occurrences(&file, source);
        let active = match &report.gouvernance {
            Some(g) => rules.active(g.territoire.zone),
            None => rules.default_profile(),
        };
        Analysis {
            lines: LineMap::new(source),
            source: source.to_string(),
            file,
            report,
            occurrences,
            rules: active.infos.clone(),
            rule_ids: rules.ids().into_iter().map(str::to_string).collect(),
        }
    }

    /// The syntax alone of `source` (parse and index, no check): what
    /// completion needs, in a fraction of the time of [`Analysis::new`].
    /// The language server completes on it while the full analysis of a
    /// big file that has just changed is not ready. It has no diagnostics
    /// and no compiled governance.
    pub fn syntax_only(source: &str, rules: &Rules) -> Analysis {
        let file = syntax::parse(source).file;
        Analysis {
            lines: LineMap::new(source),
            source: source.to_string(),
            occurrences: index::occurrences(&file, source),
            file,
            report: FileReport::failed(String::new(), Vec::new()),
            rules: rules.default_profile().infos.clone(),
            rule_ids: rules.ids().into_iter().map(str::to_string).collect(),
        }
    }

    /// The diagnostics of the text, the same as `copil check`'s, in
    /// source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.report.diagnostics
    }

    /// What a rule says, if it is loaded.
    pub fn rule(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The département codes of the `territoire` line, as written.
    pub fn territoire(&self) -> Vec<&str> {
        self.file
            .items
            .iter()
            .find_map(|item| match item {
                ast::Item::Territoire(t) => {
                    Some(t.codes.iter().map(|c| c.value.as_str()).collect())
                }
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The text of `span`.
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or_default()
    }
}

/// The edit that lays the text out as `copil fmt` does: the whole text
/// replaced, `None` when it is already in its canonical layout or does
/// not parse (the formatter never touches a file with a syntax error).
pub fn formatting(analysis: &Analysis) -> Option<(Span, String)> {
    let out = crate::fmt::format(&analysis.source).ok()?;
    (out != analysis.source).then(|| (Span::new(0, analysis.source.len()), out))
}

/// The word (letters, digits, `_`, and `-` inside a rule id) around byte
/// `offset` of `src`, as a span (empty between two non-word characters).
pub fn word_around(src: &str, offset: usize) -> Span {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let start = src[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = src[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(src.len(), |(i, _)| offset + i);
    Span::new(start, end)
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::OnceLock;

    use super::Analysis;
    use crate::rules::Rules;

    /// The shipped rules, loaded once for all tests.
    pub fn rules() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::embedded().expect("the shipped rules load"))
    }

    /// The analysis of `src`, and the offset of the `|` marker removed from it.
    pub fn at(src: &str) -> (Analysis, usize) {
        let offset = src.find('|').expect("a | marks the position");
        let text = src.replacen('|', "", 1);
        (Analysis::new(&text, rules()), offset)
    }

    /// The shipped Isère example.
    pub fn isere() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/isere.copil"))
            .expect("examples/isere.copil")
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::at;
    use super::*;

    #[test]
    fn formatting_is_copil_fmt() {
        let (analysis, _) = at("|territoire 38\npilotage{prefet prefecture}\n");
        let (span, text) = formatting(&analysis).expect("an edit");
        assert_eq!(span, Span::new(0, analysis.source.len()));
        assert_eq!(text, crate::fmt::format(&analysis.source).expect("formats"));
        let (formatted, _) = at(&format!("|{text}"));
        assert_eq!(formatting(&formatted), None);
        let (broken, _) = at("|territoire 38\ncomite {\n");
        assert_eq!(formatting(&broken), None);
    }

    /// Completion answers the same on the syntax alone as on the whole
    /// analysis.
    #[test]
    fn completion_needs_only_the_syntax() {
        let src = test_support::isere();
        let full = Analysis::new(&src, test_support::rules());
        let light = Analysis::syntax_only(&src, test_support::rules());
        assert!(light.diagnostics().is_empty());
        for offset in (0..=src.len()).step_by(5) {
            assert_eq!(
                completion(&full, offset),
                completion(&light, offset),
                "{offset}"
            );
        }
    }

    /// Every service answers at every position of every fixture, broken
    /// files included, without a panic, and what it answers points inside
    /// the text.
    #[test]
    fn every_service_at_every_position_of_the_fixtures() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut paths: Vec<std::path::PathBuf> = ["ok", "fail"]
            .iter()
            .flat_map(|d| std::fs::read_dir(format!("{root}/{d}")).expect("fixtures"))
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "copil"))
            .collect();
        paths.sort();
        assert!(paths.len() > 50);
        for path in paths {
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            let analysis = Analysis::new(&src, test_support::rules());
            let inside = |s: Span| s.start <= s.end && s.end <= src.len();
            // Every third offset keeps the test quick on the larger files.
            for offset in (0..=src.len()).step_by(3) {
                for item in completion(&analysis, offset) {
                    assert!(inside(item.replace), "{}", path.display());
                }
                if let Some(h) = hover(&analysis, offset) {
                    assert!(inside(h.span));
                }
                if let Some(d) = definition(&analysis, offset) {
                    assert!(inside(d));
                }
                assert!(references(&analysis, offset, true).into_iter().all(inside));
            }
            for action in code_actions(&analysis, Span::new(0, src.len())) {
                assert!(action.edits.iter().all(|(s, _)| inside(*s)));
            }
            document_symbols(&analysis);
            folding_ranges(&analysis);
        }
    }
}

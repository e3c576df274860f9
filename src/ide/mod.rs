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

pub use completion::{Block, CompletionItem, CompletionKind, Slot, completion, statement_keywords};
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

/// The word (letters, digits, `_`, and `-` inside a rule id) around byte
/// `offset` of `src`, as a span (empty between two non-word characters).
pub fn word_around(src: &str, offset: usize) -> Span {
    let offset = offset.min(src.len());
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

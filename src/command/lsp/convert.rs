//! Translations between the editor services ([`crate::ide`]: byte spans,
//! French texts) and LSP's types (lines and UTF-16 columns, JSON shapes).

use lsp_types as lsp;

use crate::diagnostic::{Code, Diagnostic, DiagnosticCode, Severity};
use crate::ide::{self, Analysis, CompletionKind, SymbolKind};
use crate::span::Span;

/// The LSP range of `span`.
pub fn range(analysis: &Analysis, span: Span) -> lsp::Range {
    let src = &analysis.source;
    lsp::Range::new(
        position(analysis.lines.position(src, span.start)),
        position(analysis.lines.position(src, span.end)),
    )
}

fn position(p: ide::Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

/// The byte offset of an LSP position.
pub fn offset(analysis: &Analysis, p: lsp::Position) -> usize {
    analysis
        .lines
        .offset(&analysis.source, ide::Position::new(p.line, p.character))
}

/// The byte span of an LSP range.
pub fn span(analysis: &Analysis, r: lsp::Range) -> Span {
    let start = offset(analysis, r.start);
    Span::new(start, offset(analysis, r.end).max(start))
}

/// A text edit.
pub fn edit(analysis: &Analysis, (span, text): &(Span, String)) -> lsp::TextEdit {
    lsp::TextEdit::new(range(analysis, *span), text.clone())
}

/// An LSP diagnostic: the message with its help on a second line, the
/// labels as related information, a link to the code's documentation,
/// and the tags that fit. A diagnostic waived by a derogation becomes a
/// hint that says so.
pub fn diagnostic(
    analysis: &Analysis,
    uri: &lsp::Uri,
    d: &Diagnostic,
    documentation: Option<lsp::Uri>,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\naide : ");
        message.push_str(help);
    }
    let severity = match (&d.waived, d.severity) {
        (Some(motif), _) => {
            message.push_str(&format!("\nlevé par dérogation : {motif}"));
            lsp::DiagnosticSeverity::HINT
        }
        (None, Severity::Error) => lsp::DiagnosticSeverity::ERROR,
        (None, Severity::Warning) => lsp::DiagnosticSeverity::WARNING,
        (None, Severity::Info) => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(analysis, l.span)),
            message: l.text.clone(),
        })
        .collect();
    if !d.label.is_empty() && !related.is_empty() {
        related.insert(
            0,
            lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri.clone(), range(analysis, d.span)),
                message: d.label.clone(),
            },
        );
    }
    lsp::Diagnostic {
        range: range(analysis, d.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: documentation.map(|href| lsp::CodeDescription { href }),
        source: Some("copil".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(d),
        data: None,
    }
}

/// `Unnecessary` for what can be removed without changing the meaning (a
/// derogation that waives nothing, a member cited twice in a list); no
/// diagnostic of copil reports a deprecated form yet.
fn tags(d: &Diagnostic) -> Option<Vec<lsp::DiagnosticTag>> {
    let unnecessary = match &d.code {
        DiagnosticCode::Copil(Code::DerogationInutile) => true,
        DiagnosticCode::Copil(Code::Repetition) => d.severity == Severity::Warning,
        _ => false,
    };
    unnecessary.then(|| vec![lsp::DiagnosticTag::UNNECESSARY])
}

/// An LSP completion item.
pub fn completion(analysis: &Analysis, item: &ide::CompletionItem) -> lsp::CompletionItem {
    let kind = match item.kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Valeur => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Identifiant(SymbolKind::Membre) => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Identifiant(_) => lsp::CompletionItemKind::CLASS,
        CompletionKind::Code => lsp::CompletionItemKind::CONSTANT,
        CompletionKind::Regle => lsp::CompletionItemKind::REFERENCE,
    };
    lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(kind),
        detail: item.detail.clone(),
        documentation: item.documentation.clone().map(lsp::Documentation::String),
        filter_text: item.filter.clone(),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            range(analysis, item.replace),
            item.insert.clone(),
        ))),
        ..Default::default()
    }
}

/// An LSP document symbol.
#[allow(deprecated)] // `deprecated` is a required field of the struct.
pub fn symbol(analysis: &Analysis, s: &ide::DocumentSymbol) -> lsp::DocumentSymbol {
    let kind = match s.kind {
        Some(SymbolKind::Membre) => lsp::SymbolKind::VARIABLE,
        Some(SymbolKind::Comite) => lsp::SymbolKind::CLASS,
        Some(SymbolKind::Existant) => lsp::SymbolKind::INTERFACE,
        Some(SymbolKind::FeuilleDeRoute) => lsp::SymbolKind::MODULE,
        None if s.name == "derogation" => lsp::SymbolKind::KEY,
        None => lsp::SymbolKind::NAMESPACE,
    };
    let selection = if s.selection.is_empty() {
        s.span
    } else {
        s.selection
    };
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: range(analysis, s.span),
        selection_range: range(analysis, selection),
        children: (!s.children.is_empty())
            .then(|| s.children.iter().map(|c| symbol(analysis, c)).collect()),
    }
}

//! The answers to requests: each reads the document's analysis, asks
//! [`crate::ide`], and translates the answer.

use std::collections::HashMap;

use lsp_server::{ErrorCode, Request, Response};
use lsp_types as lsp;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::convert;
use super::state::Shared;
use crate::ide::{self, Analysis};

/// The response to `request`.
pub(super) fn handle(shared: &Shared, request: Request) -> Response {
    let id = request.id.clone();
    match answer(shared, request) {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

fn params<P: DeserializeOwned>(request: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(request.params).map_err(|e| {
        (
            ErrorCode::InvalidParams,
            format!("paramètres invalides : {e}"),
        )
    })
}

fn analysis(
    shared: &Shared,
    uri: &lsp::Uri,
) -> Result<std::sync::Arc<Analysis>, (ErrorCode, String)> {
    shared.analysis(uri).ok_or((
        ErrorCode::InvalidParams,
        format!("document inconnu (non ouvert) : {}", uri.as_str()),
    ))
}

fn json(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn answer(shared: &Shared, request: Request) -> Answer {
    match request.method.as_str() {
        "textDocument/completion" => {
            let p: lsp::CompletionParams = params(request)?;
            let doc = p.text_document_position;
            let a = shared.completion_analysis(&doc.text_document.uri).ok_or((
                ErrorCode::InvalidParams,
                format!(
                    "document inconnu (non ouvert) : {}",
                    doc.text_document.uri.as_str()
                ),
            ))?;
            let offset = convert::offset(&a, doc.position);
            let items: Vec<lsp::CompletionItem> = ide::completion(&a, offset)
                .iter()
                .map(|i| convert::completion(&a, i))
                .collect();
            json(lsp::CompletionResponse::List(lsp::CompletionList {
                // Codes are matched by name on the server: ask again as the
                // word grows.
                is_incomplete: true,
                items,
            }))
        }
        "textDocument/hover" => {
            let p: lsp::HoverParams = params(request)?;
            let doc = p.text_document_position_params;
            let a = analysis(shared, &doc.text_document.uri)?;
            let hover = ide::hover(&a, convert::offset(&a, doc.position)).map(|h| lsp::Hover {
                contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(convert::range(&a, h.span)),
            });
            json(hover)
        }
        "textDocument/definition" => {
            let p: lsp::GotoDefinitionParams = params(request)?;
            let doc = p.text_document_position_params;
            let a = analysis(shared, &doc.text_document.uri)?;
            let found = ide::definition(&a, convert::offset(&a, doc.position)).map(|span| {
                lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
                    doc.text_document.uri.clone(),
                    convert::range(&a, span),
                ))
            });
            json(found)
        }
        "textDocument/references" => {
            let p: lsp::ReferenceParams = params(request)?;
            let doc = p.text_document_position;
            let a = analysis(shared, &doc.text_document.uri)?;
            let offset = convert::offset(&a, doc.position);
            let found: Vec<lsp::Location> =
                ide::references(&a, offset, p.context.include_declaration)
                    .into_iter()
                    .map(|s| {
                        lsp::Location::new(doc.text_document.uri.clone(), convert::range(&a, s))
                    })
                    .collect();
            json(found)
        }
        "textDocument/prepareRename" => {
            let p: lsp::TextDocumentPositionParams = params(request)?;
            let a = analysis(shared, &p.text_document.uri)?;
            let offset = convert::offset(&a, p.position);
            let found = ide::definition(&a, offset).map(|_| {
                let word = ide::word_around(&a.source, offset);
                lsp::PrepareRenameResponse::Range(convert::range(&a, word))
            });
            json(found)
        }
        "textDocument/rename" => {
            let p: lsp::RenameParams = params(request)?;
            let doc = p.text_document_position;
            let a = analysis(shared, &doc.text_document.uri)?;
            let offset = convert::offset(&a, doc.position);
            let edits =
                ide::rename(&a, offset, &p.new_name).map_err(|e| (ErrorCode::InvalidParams, e))?;
            let edits: Vec<lsp::TextEdit> = edits.iter().map(|e| convert::edit(&a, e)).collect();
            json(lsp::WorkspaceEdit {
                changes: Some(HashMap::from([(doc.text_document.uri, edits)])),
                ..Default::default()
            })
        }
        "textDocument/codeAction" => {
            let p: lsp::CodeActionParams = params(request)?;
            let uri = p.text_document.uri;
            let a = analysis(shared, &uri)?;
            let span = convert::span(&a, p.range);
            let actions: Vec<lsp::CodeActionOrCommand> = ide::code_actions(&a, span)
                .into_iter()
                .map(|action| {
                    let d = &a.diagnostics()[action.diagnostic];
                    let edits: Vec<lsp::TextEdit> =
                        action.edits.iter().map(|e| convert::edit(&a, e)).collect();
                    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title: action.title,
                        kind: Some(lsp::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![convert::diagnostic(&a, &uri, d, None)]),
                        edit: Some(lsp::WorkspaceEdit {
                            changes: Some(HashMap::from([(uri.clone(), edits)])),
                            ..Default::default()
                        }),
                        is_preferred: Some(action.preferred),
                        ..Default::default()
                    })
                })
                .collect();
            json(actions)
        }
        "textDocument/documentSymbol" => {
            let p: lsp::DocumentSymbolParams = params(request)?;
            let a = analysis(shared, &p.text_document.uri)?;
            let symbols: Vec<lsp::DocumentSymbol> = ide::document_symbols(&a)
                .iter()
                .map(|s| convert::symbol(&a, s))
                .collect();
            json(lsp::DocumentSymbolResponse::Nested(symbols))
        }
        "textDocument/foldingRange" => {
            let p: lsp::FoldingRangeParams = params(request)?;
            let a = analysis(shared, &p.text_document.uri)?;
            let ranges: Vec<lsp::FoldingRange> = ide::folding_ranges(&a)
                .into_iter()
                .map(|f| lsp::FoldingRange {
                    start_line: f.start_line,
                    end_line: f.end_line,
                    kind: Some(if f.comment {
                        lsp::FoldingRangeKind::Comment
                    } else {
                        lsp::FoldingRangeKind::Region
                    }),
                    ..Default::default()
                })
                .collect();
            json(ranges)
        }
        "textDocument/formatting" => {
            let p: lsp::DocumentFormattingParams = params(request)?;
            let a = analysis(shared, &p.text_document.uri)?;
            // A file with a syntax error is left as it is (its errors are
            // already shown): no edit.
            let edits: Vec<lsp::TextEdit> = ide::formatting(&a)
                .iter()
                .map(|e| convert::edit(&a, e))
                .collect();
            json(edits)
        }
        method => Err((
            ErrorCode::MethodNotFound,
            format!("méthode non prise en charge : {method}"),
        )),
    }
}

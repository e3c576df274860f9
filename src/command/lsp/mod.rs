//! `copil lsp`: the language server, over standard input and output (LSP
//! 3.17, on `lsp-server` and `lsp-types`, the crates rust-analyzer is
//! built on). It only translates: every answer comes from the editor
//! services of [`crate::ide`].
//!
//! Three threads, so that the editor is never kept waiting: the main one
//! reads messages and keeps the texts; the diagnostics worker waits until
//! the changes stop for [`DEBOUNCE`], checks the latest text of each
//! changed document and publishes its diagnostics; the requests worker
//! answers requests in order on the latest text. An analysis is shared by
//! both workers while its text is current.
//!
//! Each diagnostic links (`codeDescription`) to the page of its code:
//! what `copil explain CODE` prints, written on first use into a folder
//! that the server creates and removes when it stops (`file://` links
//! open in the editor, offline, and always describe the rules in force).

mod convert;
mod handlers;
mod state;

use std::sync::Arc;
use std::time::Duration;

use lsp_server::{Connection, Message};
use lsp_types as lsp;

use super::{Exit, RulesOptions, load_rules};

pub use state::DEBOUNCE;

/// The arguments of `copil lsp`.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// `--rules` and `--profile`.
    #[command(flatten)]
    pub rules: RulesOptions,
}

/// What the server can do.
fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                ..Default::default()
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ",".into()]),
            ..Default::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// Runs the server until the client says `exit` (or closes its input).
pub fn run(args: &Args) -> Exit {
    let rules = match load_rules(&args.rules) {
        Ok(rules) => Arc::new(rules),
        Err(exit) => return exit,
    };
    let (connection, io_threads) = Connection::stdio();
    let result = serve(&connection, rules);
    drop(connection);
    let joined = io_threads.join();
    match (result, joined) {
        (Ok(()), Ok(())) => Exit::Success,
        (Err(e), _) => {
            eprintln!("copil lsp : {e}");
            Exit::Invalid
        }
        (_, Err(e)) => {
            eprintln!("copil lsp : {e}");
            Exit::Invalid
        }
    }
}

fn serve(connection: &Connection, rules: Arc<crate::rules::Rules>) -> Result<(), String> {
    let capabilities = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let initialize = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "copil", "version": env!("CARGO_PKG_VERSION") },
    });
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, initialize)
        .map_err(|e| e.to_string())?;
    let server = state::Server::start(connection.sender.clone(), rules)?;
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                server.request(request);
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    break;
                }
                server.notification(n);
            }
            Message::Response(_) => {}
        }
    }
    server.stop(Duration::from_secs(5));
    Ok(())
}

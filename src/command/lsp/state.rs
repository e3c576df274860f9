//! The server's state: the open documents, their current analysis, the two
//! workers (diagnostics, requests) and the pages the diagnostics link to.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};
use lsp_server::{Message, Notification, Request};
use lsp_types as lsp;

use super::{convert, handlers};
use crate::ide::Analysis;
use crate::rules::Rules;

/// How long the changes of a document must stop before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The longest a document waits for its diagnostics while it keeps changing.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// An open document.
struct Doc {
    uri: lsp::Uri,
    version: i32,
    text: Arc<String>,
    /// The analysis of `text`, once computed.
    analysis: Option<Arc<Analysis>>,
}

/// What the workers share.
pub(super) struct Shared {
    docs: Mutex<HashMap<String, Doc>>,
    pub rules: Arc<Rules>,
    pages: Pages,
    pub sender: Sender<Message>,
}

impl Shared {
    /// The analysis of the current text of `uri`, computed outside the
    /// lock if no worker has computed it yet.
    pub fn analysis(&self, uri: &lsp::Uri) -> Option<Arc<Analysis>> {
        let (text, version) = {
            let docs = self.docs.lock().ok()?;
            let doc = docs.get(uri.as_str())?;
            if let Some(a) = &doc.analysis {
                return Some(a.clone());
            }
            (doc.text.clone(), doc.version)
        };
        let analysis = Arc::new(Analysis::new(&text, &self.rules));
        if let Ok(mut docs) = self.docs.lock()
            && let Some(doc) = docs.get_mut(uri.as_str())
            && doc.version == version
        {
            doc.analysis = Some(analysis.clone());
        }
        Some(analysis)
    }

    /// What completion reads: the current analysis if it is ready, else
    /// the syntax alone of the current text (a big file that has just
    /// changed is completed at once, not after its check).
    pub fn completion_analysis(&self, uri: &lsp::Uri) -> Option<Arc<Analysis>> {
        let text = {
            let docs = self.docs.lock().ok()?;
            let doc = docs.get(uri.as_str())?;
            if let Some(a) = &doc.analysis {
                return Some(a.clone());
            }
            doc.text.clone()
        };
        Some(Arc::new(Analysis::syntax_only(&text, &self.rules)))
    }

    fn version(&self, uri: &str) -> Option<(lsp::Uri, i32)> {
        let docs = self.docs.lock().ok()?;
        docs.get(uri).map(|d| (d.uri.clone(), d.version))
    }

    fn publish(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let _ = self.sender.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_string(),
            params,
        )));
    }
}

/// The running server.
pub(super) struct Server {
    shared: Arc<Shared>,
    changed: Option<Sender<String>>,
    requests: Option<Sender<Request>>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts the workers.
    pub fn start(sender: Sender<Message>, rules: Arc<Rules>) -> Result<Server, String> {
        let pages = Pages::new().map_err(|e| {
            format!("impossible de créer le dossier des pages de documentation : {e}")
        })?;
        let shared = Arc::new(Shared {
            docs: Mutex::new(HashMap::new()),
            rules,
            pages,
            sender,
        });
        let (changed_tx, changed_rx) = unbounded::<String>();
        let (requests_tx, requests_rx) = unbounded::<Request>();
        let diagnostics = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("copil-diagnostics".into())
                .spawn(move || diagnostics_worker(&shared, &changed_rx))
                .map_err(|e| e.to_string())?
        };
        let requests = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("copil-requests".into())
                .spawn(move || {
                    for request in requests_rx {
                        let response = handlers::handle(&shared, request);
                        let _ = shared.sender.send(Message::Response(response));
                    }
                })
                .map_err(|e| e.to_string())?
        };
        Ok(Server {
            shared,
            changed: Some(changed_tx),
            requests: Some(requests_tx),
            threads: vec![diagnostics, requests],
        })
    }

    /// Queues a request for the requests worker.
    pub fn request(&self, request: Request) {
        if let Some(tx) = &self.requests {
            let _ = tx.send(request);
        }
    }

    /// Keeps the texts up to date, and schedules their diagnostics.
    pub fn notification(&self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let d = p.text_document;
                self.set(d.uri, d.version, d.text);
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                // Full synchronisation: the last change is the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.set(p.text_document.uri, p.text_document.version, change.text);
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Ok(mut docs) = self.shared.docs.lock() {
                    docs.remove(p.text_document.uri.as_str());
                }
                self.shared.publish(p.text_document.uri, Vec::new(), None);
            }
            _ => {}
        }
    }

    fn set(&self, uri: lsp::Uri, version: i32, text: String) {
        let key = uri.as_str().to_string();
        if let Ok(mut docs) = self.shared.docs.lock() {
            docs.insert(
                key.clone(),
                Doc {
                    uri,
                    version,
                    text: Arc::new(text),
                    analysis: None,
                },
            );
        }
        if let Some(tx) = &self.changed {
            let _ = tx.send(key);
        }
    }

    /// Stops the workers: they finish what they hold, then end.
    pub fn stop(mut self, _grace: Duration) {
        self.changed = None;
        self.requests = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        drop(self.shared);
    }
}

/// Waits until no document has changed for [`DEBOUNCE`] (or [`MAX_WAIT`]
/// has passed), then checks each changed document once, on its latest text.
fn diagnostics_worker(shared: &Shared, changed: &Receiver<String>) {
    while let Ok(first) = changed.recv() {
        let mut pending = BTreeSet::from([first]);
        let started = Instant::now();
        loop {
            let wait = DEBOUNCE.min(MAX_WAIT.saturating_sub(started.elapsed()));
            match changed.recv_timeout(wait) {
                Ok(uri) => {
                    pending.insert(uri);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for key in pending {
            let Some((uri, version)) = shared.version(&key) else {
                continue;
            };
            let Some(analysis) = shared.analysis(&uri) else {
                continue;
            };
            let diagnostics = analysis
                .diagnostics()
                .iter()
                .map(|d| {
                    let page = shared.pages.page(d.code.as_str(), &shared.rules);
                    convert::diagnostic(&analysis, &uri, d, page)
                })
                .collect();
            // A newer text is already waiting: its own diagnostics follow.
            if shared.version(&key).map(|(_, v)| v) == Some(version) {
                shared.publish(uri, diagnostics, Some(version));
            }
        }
    }
}

/// The documentation pages of the codes, written on first use into a
/// temporary folder removed when the server stops.
struct Pages {
    dir: tempfile::TempDir,
    written: Mutex<HashMap<String, Option<lsp::Uri>>>,
}

impl Pages {
    fn new() -> std::io::Result<Pages> {
        Ok(Pages {
            dir: tempfile::Builder::new().prefix("copil-lsp-").tempdir()?,
            written: Mutex::new(HashMap::new()),
        })
    }

    /// The `file://` URI of the page of `code`, if it has one.
    fn page(&self, code: &str, rules: &Rules) -> Option<lsp::Uri> {
        let mut written = self.written.lock().ok()?;
        if let Some(uri) = written.get(code) {
            return uri.clone();
        }
        let uri = crate::command::explain::explanation_of(code, rules).and_then(|text| {
            let name: String = code
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let path = self.dir.path().join(format!("{name}.txt"));
            std::fs::write(&path, text).ok()?;
            file_uri(&path)
        });
        written.insert(code.to_string(), uri.clone());
        uri
    }
}

/// The `file://` URI of an absolute path, its bytes percent-encoded where
/// a URI needs it.
pub(super) fn file_uri(path: &std::path::Path) -> Option<lsp::Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

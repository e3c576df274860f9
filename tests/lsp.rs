//! `copil lsp` driven over its standard input and output by a JSON-RPC
//! client, as an editor does: initialize, open, change, diagnostics,
//! completion, hover, code actions, definition, references, rename,
//! outline, folding, shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A client speaking to a spawned `copil lsp`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

const URI: &str = "file:///tmp/essai/isere.copil";

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copil"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("copil lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                reader.read_exact(&mut body).expect("the body");
                let value: Value = serde_json::from_slice(&body).expect("JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 0,
            notifications: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no response to {method}"));
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
    }

    /// The next diagnostics published for `URI` with `version`.
    fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(i) = self.notifications.iter().position(|n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["version"] == version
            }) {
                let n = self.notifications.remove(i);
                return n["params"]["diagnostics"]
                    .as_array()
                    .expect("a list")
                    .clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("diagnostics are published");
            self.notifications.push(message);
        }
    }

    fn open(&mut self, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "copil", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, position: (usize, usize), extra: Value) -> Value {
        let mut params = json!({
            "textDocument": {"uri": URI},
            "position": {"line": position.0, "character": position.1},
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "{status}");
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the server does not exit"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The (line, UTF-16 column) of the first `needle` in `text`, plus `shift`
/// characters.
fn find(text: &str, needle: &str, shift: usize) -> (usize, usize) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle}")) + shift;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].encode_utf16().count())
}

fn initialize(client: &mut Client) -> Value {
    let result = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    client.notify("initialized", json!({}));
    result
}

const TEXT: &str = "territoire 38
membre prefecture prefecture
membre cd38 departement 38
membre metro epci 200040715
pilotage {
    prefet prefecture
    pilote cd38
}
comite copil strategique \"Comité de pilotage\" {
    presidence prefecture, cd38
    membres metro
    fréquence semestrielle
}
";

#[test]
fn a_session_over_stdio() {
    let mut client = Client::start();
    let init = initialize(&mut client);
    let caps = &init["capabilities"];
    assert_eq!(init["serverInfo"]["name"], "copil");
    for cap in [
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentSymbolProvider",
        "foldingRangeProvider",
        "codeActionProvider",
        "documentFormattingProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap} is not advertised");
    }

    // Diagnostics on open: the accented keyword, with its code, its link
    // and its help.
    client.open(TEXT);
    let diagnostics = client.diagnostics(1);
    let accent = diagnostics
        .iter()
        .find(|d| d["code"] == "copil::syntaxe::mot_cle")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(accent["severity"], 1);
    assert_eq!(accent["source"], "copil");
    let (line, col) = find(TEXT, "fréquence", 0);
    assert_eq!(
        accent["range"]["start"],
        json!({"line": line, "character": col})
    );
    assert_eq!(
        accent["range"]["end"],
        json!({"line": line, "character": col + 9})
    );
    assert!(
        accent["message"]
            .as_str()
            .unwrap()
            .contains("aide : les mots-clés")
    );
    let href = accent["codeDescription"]["href"].as_str().expect("a link");
    assert!(href.starts_with("file:///"), "{href}");

    // Quick fix: `fréquence` → `frequence`.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": URI},
            "range": accent["range"],
            "context": {"diagnostics": [accent]},
        }),
    );
    let fix = &actions[0];
    assert_eq!(fix["title"], "remplacer par `frequence`");
    assert_eq!(fix["kind"], "quickfix");
    let edit = &fix["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "frequence");
    assert_eq!(edit["range"], accent["range"]);

    // A change: the fixed text compiles; debounced diagnostics follow.
    let fixed = TEXT.replace("fréquence", "frequence");
    client.change(2, &fixed);
    client.change(3, &fixed);
    let diagnostics = client.diagnostics(3);
    assert!(
        diagnostics
            .iter()
            .all(|d| d["severity"] != 1 || d["code"].as_str().unwrap().starts_with("FNE-")),
        "{diagnostics:#?}"
    );
    // A rule's diagnostic offers a derogation.
    if let Some(rule) = diagnostics
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("FNE-"))
    {
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": rule["range"], "context": {"diagnostics": [rule]}}),
        );
        let titles: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert!(
            titles
                .iter()
                .any(|t| t.starts_with("ajouter une dérogation")),
            "{titles:?}"
        );
    }

    // Completion of members after `membres`, of EPCI by name after `epci`.
    let completed = client.at(
        "textDocument/completion",
        find(&fixed, "membres metro", 8),
        json!({}),
    );
    let labels: Vec<&str> = completed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["prefecture", "cd38", "metro"]);
    let with_epci = format!("{fixed}membre capi epci porte");
    client.change(4, &with_epci);
    let end = find(&with_epci, "epci porte", 10);
    let completed = client.at("textDocument/completion", end, json!({}));
    let capi = completed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["textEdit"]["newText"] == "243800604 # CA Porte de l'Isère (CAPI)")
        .unwrap_or_else(|| panic!("{completed:#}"));
    assert_eq!(capi["textEdit"]["range"]["start"]["character"], 17);
    client.change(5, &fixed);

    // Hover on a code and on a member.
    let hover = client.at(
        "textDocument/hover",
        find(&fixed, "200040715", 2),
        json!({}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Grenoble-Alpes-Métropole"), "{text}");
    let hover = client.at(
        "textDocument/hover",
        find(&fixed, "pilote cd38", 8),
        json!({}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("coporteur"),
        "{hover}"
    );

    // Definition, references, rename.
    let def = client.at(
        "textDocument/definition",
        find(&fixed, "pilote cd38", 8),
        json!({}),
    );
    assert_eq!(def["range"]["start"], json!({"line": 2, "character": 7}));
    let refs = client.at(
        "textDocument/references",
        find(&fixed, "pilote cd38", 8),
        json!({"context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 3);
    let prepared = client.at(
        "textDocument/prepareRename",
        find(&fixed, "pilote cd38", 8),
        json!({}),
    );
    assert_eq!(prepared["start"], json!({"line": 6, "character": 11}));
    let renamed = client.at(
        "textDocument/rename",
        find(&fixed, "pilote cd38", 8),
        json!({"newName": "isere"}),
    );
    let edits = renamed["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 3);
    assert!(edits.iter().all(|e| e["newText"] == "isere"));

    // Outline and folding.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "territoire",
            "prefecture",
            "cd38",
            "metro",
            "pilotage",
            "copil"
        ]
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        folds,
        json!([
            {"startLine": 4, "endLine": 7, "kind": "region"},
            {"startLine": 8, "endLine": 12, "kind": "region"}
        ])
    );

    // Formatting through `copil fmt`: one edit, the canonical text.
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = edits.as_array().expect("a list of edits");
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["newText"],
        copil::fmt::format(&fixed).expect("the fixed text formats")
    );

    client.shutdown();
}

#[test]
fn a_big_file_does_not_block_requests() {
    // 50 000 lines: members and one comité citing them all.
    let mut text = String::from(
        "territoire 38\nmembre prefecture prefecture\npilotage { prefet prefecture }\n",
    );
    for i in 0..25_000 {
        text.push_str(&format!("membre m{i} association \"Association {i}\"\n"));
    }
    text.push_str("comite c technique \"C\" {\n  membres m0");
    for i in 1..24_990 {
        text.push_str(&format!(",\n    m{i}"));
    }
    text.push_str("\n}\n");
    let mut client = Client::start();
    initialize(&mut client);
    client.open(&text);
    let started = Instant::now();
    let hover = client.at(
        "textDocument/hover",
        find(&text, "membre m7 ", 1),
        json!({}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("membre")
    );
    let diagnostics = client.diagnostics(1);
    assert!(diagnostics.len() < 100, "{}", diagnostics.len());
    assert!(started.elapsed() < Duration::from_secs(20));
    client.shutdown();
}

//! `postlint lsp` spoken to over real pipes by a scripted JSON-RPC client: open, change,
//! code actions, unsaved documents in the index, files deleted on disk, shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A running server and the messages it has sent.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages received while waiting for another, kept for later waits.
    unread: Vec<Value>,
    next_id: u64,
}

const WAIT: Duration = Duration::from_secs(20);

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("postlint lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
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
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                match serde_json::from_slice(&body) {
                    Ok(message) => {
                        if tx.send(message).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            unread: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, answering nothing else meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The first message, in order of arrival, matching `wanted`; the others stay unread.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&wanted) {
            return self.unread.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => {
                    // Answer the server's own requests (registerCapability).
                    if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                        let id = id.clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                    } else {
                        self.unread.push(message);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no matching message in {WAIT:?}; unread {:#?}", self.unread)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, root: &Path, watch: bool) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}}
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "{status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A `file:` URI as editors send them: every byte outside the unreserved set encoded.
fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for byte in path.to_string_lossy().replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("_posts")).expect("mkdir");
    std::fs::create_dir_all(root.join("assets")).expect("mkdir");
    std::fs::write(root.join("_config.yml"), "title: 블로그\n").expect("write");
    std::fs::write(root.join("assets/구조.png"), "png").expect("write");
    std::fs::write(
        root.join("_posts/2016-05-13-람다.md"),
        "---\ntitle: 람다\n---\n## 설치 방법\n",
    )
    .expect("write");
    dir
}

const POST: &str = "_posts/2016-05-18-summit.md";
const TEXT: &str = "---\ntitle: AWS Submit 2016\n---\n😀 캐쉬를 썼다. [람다](/2016/05/13/람다.html#설치-방법)\n![구조](/assets/구조.png) [없음](/2016/05/12/람다.html)\n";

/// `(rule, line, character, end character)` of published diagnostics.
fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(99),
                d["range"]["start"]["character"].as_u64().unwrap_or(99),
                d["range"]["end"]["character"].as_u64().unwrap_or(99),
            )
        })
        .collect()
}

fn s(rule: &str, line: u64, start: u64, end: u64) -> (String, u64, u64, u64) {
    (rule.to_string(), line, start, end)
}

#[test]
fn open_change_and_fix_with_utf16_positions() {
    let dir = site();
    let mut client = Client::start(dir.path());
    let init = client.initialize(dir.path(), false);
    assert_eq!(init["capabilities"]["codeActionProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "postlint");

    let uri = client.open(&dir.path().join(POST), TEXT);
    let found = client.diagnostics(&uri);
    assert_eq!(
        summary(&found),
        [
            s("typo/context", 1, 7, 17),
            // "😀 " is three UTF-16 units.
            s("typo/ko-loanwords", 3, 3, 5),
            s("link/broken", 4, 27, 46),
        ]
    );
    assert_eq!(found[0]["source"], "postlint");
    assert_eq!(found[0]["severity"], 1);
    assert_eq!(found[1]["severity"], 2);

    // A quick fix for the typo, and one for the link's suggestion.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 9}},
            "context": {"diagnostics": []}
        }),
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "AWS Summit");
    assert_eq!(edit["range"]["start"], json!({"line": 1, "character": 7}));
    assert_eq!(actions[0]["isPreferred"], true);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 4, "character": 40}, "end": {"line": 4, "character": 41}},
            "context": {"diagnostics": []}
        }),
    );
    assert_eq!(
        actions[0]["edit"]["changes"][&uri][0]["newText"],
        "/2016/05/13/람다.html"
    );
    assert_eq!(actions[0]["isPreferred"], false);

    // The user fixes the title: the next publication has the unsaved text's findings.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": TEXT.replace("Submit", "Summit")}]
        }),
    );
    let found = client.diagnostics(&uri);
    assert_eq!(
        summary(&found),
        [s("typo/ko-loanwords", 3, 3, 5), s("link/broken", 4, 27, 46)]
    );

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        client.diagnostics(&uri),
        Vec::<Value>::new(),
        "cleared on close"
    );
    client.shutdown();
}

#[test]
fn unsaved_documents_and_files_changed_on_disk_count_in_the_index() {
    let dir = site();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), true);
    let post = "---\ntitle: 글\n---\n[새 글](/새-주소/) ![구조](/assets/구조.png)\n";
    let uri = client.open(&dir.path().join(POST), post);
    assert_eq!(
        summary(&client.diagnostics(&uri)),
        [s("link/broken", 3, 6, 12)]
    );

    // A new page, not yet saved, gives the URL: the link resolves.
    let page = client.open(
        &dir.path().join("new.md"),
        "---\ntitle: 새\npermalink: /새-주소/\n---\n본문\n",
    );
    let _ = client.diagnostics(&page);
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new());

    // The image is deleted outside the editor; the client's watcher tells the server.
    std::fs::remove_file(dir.path().join("assets/구조.png")).expect("rm");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(dir.path(), "assets/구조.png"), "type": 3}]}),
    );
    assert_eq!(
        summary(&client.diagnostics(&uri)),
        [s("image/missing", 3, 20, 34)]
    );
    client.shutdown();
}

fn uri_of(root: &Path, rel: &str) -> String {
    uri(&root.join(rel))
}

#[test]
fn unknown_requests_get_an_error_and_bad_input_does_not_stop_the_server() {
    let dir = site();
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), false);
    client.send(json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {}}));
    let response = client.wait_for(|m| m["id"] == 99);
    assert_eq!(response["error"]["code"], -32601);
    // Not a file, not Markdown, malformed: ignored.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": "untitled:1", "languageId": "markdown", "version": 1, "text": "캐쉬"}}));
    client.notify("textDocument/didOpen", json!({"bogus": true}));
    let uri = client.open(&dir.path().join(POST), "---\ntitle: t\n---\n캐쉬\n");
    assert_eq!(
        summary(&client.diagnostics(&uri)),
        [s("typo/ko-loanwords", 3, 0, 2)]
    );
    client.shutdown();
}

#[test]
fn a_broken_configuration_is_shown_as_a_message() {
    let dir = site();
    std::fs::write(dir.path().join(".postlint.yml"), "severity: [나쁜\n").expect("write");
    let mut client = Client::start(dir.path());
    client.initialize(dir.path(), false);
    client.open(&dir.path().join(POST), TEXT);
    let message = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(message["params"]["type"], 1, "an error");
    let text = message["params"]["message"].as_str().unwrap_or("");
    assert!(text.contains("configuration"), "{text}");
    client.shutdown();
}

//! `postlint lsp`: a Language Server over stdio. It publishes findings for open Markdown
//! documents from their unsaved text (on open, and a moment after the last change), offers a
//! quick fix for every finding that has one, and keeps the site index current when files are
//! created, renamed or deleted. Positions are in UTF-16 code units, as the protocol requires.

mod convert;
mod project;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Deserialize;

use crate::ExitStatus;
use crate::diagnostic::Diagnostic;
use project::Project;

/// How long after the last keystroke a document is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Serves the protocol on stdin and stdout until the client says `exit`.
pub fn serve() -> ExitStatus {
    // Rayon's global pool reads the site here: it gets the stack `check`'s workers have. (It
    // cannot fail but by having been built already, which leaves it as it is.)
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::run::WORKER_STACK)
        .build_global();
    let (connection, io_threads) = Connection::stdio();
    let status = match run(&connection) {
        Ok(()) => ExitStatus::Success,
        Err(_) => ExitStatus::Error,
    };
    drop(connection);
    let _ = io_threads.join();
    status
}

/// The whole session on one connection; separate from [`serve`] so tests can drive it in
/// memory.
pub fn run(connection: &Connection) -> Result<(), String> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "postlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(connection);
    if params
        .capabilities
        .workspace
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false)
    {
        server.watch_files();
    }
    server.main_loop()
}

/// An open document: where it lives and the version the client gave.
struct Open {
    uri: Uri,
    version: i32,
}

struct Server<'a> {
    connection: &'a Connection,
    projects: Vec<Project>,
    open: HashMap<PathBuf, Open>,
    /// Findings last published, for code actions.
    published: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Documents to check at the next tick.
    pending: BTreeSet<PathBuf>,
    /// Sites to read from disk again at the next tick.
    stale: bool,
    /// When the next tick is due.
    due: Option<Instant>,
    next_request: i32,
}

impl<'a> Server<'a> {
    fn new(connection: &'a Connection) -> Self {
        Server {
            connection,
            projects: Vec::new(),
            open: HashMap::new(),
            published: HashMap::new(),
            pending: BTreeSet::new(),
            stale: false,
            due: None,
            next_request: 1,
        }
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let message = match self.due {
                Some(due) => {
                    match self
                        .connection
                        .receiver
                        .recv_timeout(due.saturating_duration_since(Instant::now()))
                    {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                None => self.tick(),
                Some(Message::Request(request)) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.request(request);
                }
                Some(Message::Notification(notification)) => self.notification(notification),
                Some(Message::Response(_)) => {}
            }
        }
    }

    /// Asks the client to tell us about every file change in the workspace.
    fn watch_files(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "postlint-watch".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let id = RequestId::from(self.next_request);
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            id,
            RegisterCapability::METHOD.into(),
            params,
        )));
    }

    fn request(&mut self, request: Request) {
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => {
                        // Answer from the newest text: check now if a change is pending.
                        self.tick();
                        Response::new_ok(request.id, self.code_actions(&params))
                    }
                    Err(e) => Response::new_err(
                        request.id,
                        lsp_server::ErrorCode::InvalidParams as i32,
                        e.to_string(),
                    ),
                }
            }
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("postlint does not answer {}", request.method),
            ),
        };
        self.send(Message::Response(response));
    }

    fn notification(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    let doc = p.text_document;
                    self.opened(doc.uri, doc.version, doc.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.changed(&p.text_document.uri, p.text_document.version, change.text);
                    }
                }
            }
            DidSaveTextDocument::METHOD
                if DidSaveTextDocumentParams::deserialize(&params).is_ok() =>
            {
                self.stale = true;
                self.schedule();
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                    self.closed(&p.text_document.uri);
                }
            }
            DidChangeWatchedFiles::METHOD
                if DidChangeWatchedFilesParams::deserialize(&params).is_ok() =>
            {
                self.stale = true;
                self.schedule();
            }
            _ => {}
        }
    }

    fn opened(&mut self, uri: Uri, version: i32, text: String) {
        let Some(path) = convert::uri_to_path(uri.as_str()) else {
            return;
        };
        if !crate::discover::is_document(&path) {
            return;
        }
        let Some(index) = self.project_for(&path) else {
            return;
        };
        if let Some(project) = self.projects.get_mut(index) {
            project.set_text(&path, text);
        }
        self.open.insert(path.clone(), Open { uri, version });
        self.pending.insert(path);
        // The first check of a newly opened document is not delayed.
        self.tick();
    }

    fn changed(&mut self, uri: &Uri, version: i32, text: String) {
        let Some(path) = convert::uri_to_path(uri.as_str()) else {
            return;
        };
        let Some(open) = self.open.get_mut(&path) else {
            return;
        };
        open.version = version;
        if let Some(project) = self.project_mut(&path) {
            project.set_text(&path, text);
        }
        self.pending.insert(path);
        self.schedule();
    }

    fn closed(&mut self, uri: &Uri) {
        let Some(path) = convert::uri_to_path(uri.as_str()) else {
            return;
        };
        self.open.remove(&path);
        self.pending.remove(&path);
        self.published.remove(&path);
        if let Some(project) = self.project_mut(&path) {
            project.close(&path);
            project.reindex();
        }
        // Findings of a closed document are cleared, as editors expect.
        self.publish(uri.clone(), None, Vec::new());
    }

    fn schedule(&mut self) {
        self.due = Some(Instant::now() + DEBOUNCE);
    }

    /// The project whose site holds `path`, opening it on first use.
    fn project_for(&mut self, path: &Path) -> Option<usize> {
        let root = crate::workspace::find_root(path);
        if let Some(i) = self.projects.iter().position(|p| p.ws.root == root) {
            return Some(i);
        }
        match Project::open(path) {
            Ok(project) => {
                self.projects.push(project);
                Some(self.projects.len() - 1)
            }
            Err(message) => {
                self.show(MessageType::ERROR, message);
                None
            }
        }
    }

    /// Reads sites again if files changed on disk, rebuilds indexes for changed documents,
    /// and publishes findings for every pending document (every open one after a reload).
    fn tick(&mut self) {
        self.due = None;
        if self.stale {
            self.stale = false;
            for project in &mut self.projects {
                project.reload();
            }
            self.pending.extend(self.open.keys().cloned());
        } else if !self.pending.is_empty() {
            // A document's headings or permalink may have changed: other open documents
            // linking to it are checked again too.
            for project in &mut self.projects {
                project.reindex();
            }
            self.pending.extend(self.open.keys().cloned());
        }
        let pending = std::mem::take(&mut self.pending);
        for path in pending {
            let Some(open) = self.open.get(&path) else {
                continue;
            };
            let (uri, version) = (open.uri.clone(), open.version);
            let found = self
                .project(&path)
                .map(|p| p.check(&path))
                .unwrap_or_default();
            let shown = found.iter().map(convert::diagnostic).collect();
            self.published.insert(path, found);
            self.publish(uri, Some(version), shown);
        }
    }

    /// The innermost open project holding `path` (sites can nest).
    fn project(&self, path: &Path) -> Option<&Project> {
        self.projects
            .iter()
            .filter(|p| p.contains(path))
            .max_by_key(|p| p.ws.root.components().count())
    }

    fn project_mut(&mut self, path: &Path) -> Option<&mut Project> {
        self.projects
            .iter_mut()
            .filter(|p| p.contains(path))
            .max_by_key(|p| p.ws.root.components().count())
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(path) = convert::uri_to_path(uri.as_str()) else {
            return Vec::new();
        };
        self.published
            .get(&path)
            .into_iter()
            .flatten()
            .filter(|d| convert::overlaps(&convert::range(&d.source, &d.span), &params.range))
            .filter_map(|d| convert::code_action(uri, d))
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.into(),
            params,
        )));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.send(Message::Notification(Notification::new(
            ShowMessage::METHOD.into(),
            ShowMessageParams { typ, message },
        )));
    }

    fn send(&self, message: Message) {
        // A closed connection ends the main loop at its next receive.
        let _ = self.connection.sender.send(message);
    }
}

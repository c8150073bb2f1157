//! One site as the language server holds it: its workspace, every Markdown file read from
//! disk, the site's other files, the open documents' unsaved text, and the index built from
//! all of them, so links resolve against what the editor shows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::document::{DocKind, Document};
use crate::run::LoadedFile;
use crate::site::build::IndexOptions;
use crate::site::{OtherFile, Site};
use crate::workspace::Workspace;

/// A site and what the server knows of it.
pub struct Project {
    /// Root, configuration and rule sets.
    pub ws: Workspace,
    /// Every Markdown file of the site, as on disk.
    loaded: Vec<LoadedFile>,
    /// The site's other files.
    others: Vec<OtherFile>,
    /// Open documents by path: the editor's text, parsed.
    open: HashMap<PathBuf, Document>,
    /// The index over disk files with open documents in place of their disk versions.
    site: Site,
}

impl Project {
    /// Opens the site around `path` and reads it from disk.
    pub fn open(path: &Path) -> Result<Project, String> {
        let cwd = path.parent().unwrap_or(path).to_path_buf();
        let ws = Workspace::open(cwd, &[path.to_path_buf()], None, None)
            .map_err(|e| format!("postlint cannot use this site's configuration: {e}"))?;
        let mut project = Project {
            ws,
            loaded: Vec::new(),
            others: Vec::new(),
            open: HashMap::new(),
            site: Site::default(),
        };
        project.reload();
        Ok(project)
    }

    /// Whether `path` belongs to this site.
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.ws.root)
    }

    /// Reads the whole site from disk again (files created, renamed or deleted outside the
    /// editor) and rebuilds the index.
    pub fn reload(&mut self) {
        let whole = crate::discover::discover(&crate::run::site_walk(&self.ws, 0));
        self.loaded = crate::run::load_all(&self.ws, &[], &whole.files, crate::run::Texts::Keep);
        let (_, others) = crate::run::index_inputs(&self.ws, &self.loaded, &whole.other_files);
        self.others = others;
        self.reindex();
    }

    /// Sets an open document's text (as the editor has it, saved or not).
    pub fn set_text(&mut self, path: &Path, text: String) {
        let source = SourceFile::new(path.to_path_buf(), self.ws.display(path), text);
        let rel_path = self.ws.rel_path(path);
        let kind = DocKind::classify(&rel_path, &self.ws.collection_names);
        self.open
            .insert(path.to_path_buf(), Document::new(source, rel_path, kind));
    }

    /// Forgets an open document's text: the disk version counts again.
    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
    }

    /// Rebuilds the index from disk files and open documents.
    pub fn reindex(&mut self) {
        let mut docs: Vec<&Document> = self
            .loaded
            .iter()
            .filter_map(|f| f.document.as_ref())
            .filter(|d| !self.open.contains_key(&d.source.path))
            .filter(|d| !d.rel_path.starts_with("../") && !d.rel_path.starts_with('/'))
            .collect();
        docs.extend(self.open.values().filter(|d| self.contains(&d.source.path)));
        docs.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        let options = IndexOptions::new(&self.ws.jekyll, false, false);
        self.site = crate::site::build::build(&self.ws.jekyll, &options, &docs, &self.others);
    }

    /// The findings for an open document, sorted.
    pub fn check(&self, path: &Path) -> Vec<Diagnostic> {
        let Some(doc) = self.open.get(path) else {
            return Vec::new();
        };
        let found = crate::run::check_document(&self.ws, &self.site, doc, false);
        crate::run::finish(&self.ws.config, found)
    }
}

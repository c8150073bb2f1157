//! `--changed-since REF`: which files to check, and which findings in files nobody touched a
//! change caused. A post that was deleted, renamed or given a new permalink breaks links in
//! posts that did not change; those are found by building the site index a second time as it
//! was before the change (the touched files at their old paths and contents, from git) and
//! reporting the link findings of untouched files that the old index did not have.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::discover::is_document;
use crate::document::load::front_matter_of_bytes;
use crate::document::{DocKind, Document};
use crate::git::Change;
use crate::site::build::IndexOptions;
use crate::site::{OtherFile, Site};
use crate::workspace::Workspace;

/// A change since a revision, in the site's own terms.
pub struct SiteChange {
    /// The revision the change is measured from.
    pub rev: String,
    /// Files under the site root that are new or different now, as the walk names them.
    pub present: HashSet<PathBuf>,
    /// Files under the site root as they were at the revision (deleted, renamed away or
    /// modified), with their old bytes.
    pub before: Vec<(PathBuf, Vec<u8>)>,
}

impl SiteChange {
    /// Reads the change since `rev` from git. `Ok(None)` when `rev` is `HEAD` in a repository
    /// with no commit yet: everything is new, nothing can have broken.
    pub fn read(ws: &Workspace, rev: &str) -> Result<Option<SiteChange>, String> {
        if rev == "HEAD" && !crate::git::has_revision(&ws.root, rev) {
            return Ok(None);
        }
        let set = crate::git::changes_since(&ws.root, rev)?;
        Self::from_set(ws, set, rev.to_string()).map(Some)
    }

    /// Reads the change staged for the next commit from git (`--staged`).
    pub fn staged(ws: &Workspace) -> Result<SiteChange, String> {
        Self::from_set(ws, crate::git::staged(&ws.root)?, "HEAD".to_string())
    }

    /// `rev` names the revision in messages.
    fn from_set(
        ws: &Workspace,
        set: crate::git::ChangeSet,
        rev: String,
    ) -> Result<SiteChange, String> {
        let real_root = ws
            .root
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", ws.root.display()))?;
        // git names files under its resolved top folder; the walk under `ws.root` as given.
        let in_site = |path: &Path| {
            path.strip_prefix(&real_root)
                .ok()
                .map(|rel| ws.root.join(rel))
        };
        let mut present = HashSet::new();
        let mut before = Vec::new();
        for change in &set.changes {
            let old = match change {
                Change::Present { path, before } => {
                    present.extend(in_site(path));
                    before.as_ref()
                }
                Change::Deleted { before } => Some(before),
            };
            if let Some(old) = old
                && let Some(site_path) = in_site(old)
                && let Some(bytes) = set.old_bytes(old)
            {
                before.push((site_path, bytes));
            }
        }
        Ok(SiteChange {
            rev,
            present,
            before,
        })
    }
}

/// The link and image findings in `untouched` documents that the change caused: present
/// against `site` (now) and absent against the site as it was before the change.
/// `docs` and `others` are what `site` was built from.
pub fn broken_by_change(
    ws: &Workspace,
    options: &IndexOptions,
    change: &SiteChange,
    site: &Site,
    docs: &[&Document],
    others: &[OtherFile],
    untouched: &[&Document],
) -> Vec<Diagnostic> {
    if change.before.is_empty() {
        return Vec::new();
    }
    let touched = |rel: &str| change.present.contains(&ws.root.join(rel));
    let old_docs: Vec<Document> = change
        .before
        .iter()
        .filter(|(path, _)| is_document(path))
        .filter_map(|(path, bytes)| {
            let text = String::from_utf8(bytes.clone()).ok()?;
            let rel_path = ws.rel_path(path);
            let kind = DocKind::classify(&rel_path, &ws.collection_names);
            let source: Arc<SourceFile> = SourceFile::new(path.clone(), ws.display(path), text);
            Some(Document::new(source, rel_path, kind))
        })
        .collect();
    let before_docs: Vec<&Document> = docs
        .iter()
        .copied()
        .filter(|d| !touched(&d.rel_path))
        .chain(&old_docs)
        .collect();
    let before_others: Vec<OtherFile> = others
        .iter()
        .filter(|f| !touched(&f.rel_path))
        .cloned()
        .chain(
            change
                .before
                .iter()
                .filter(|(path, _)| !is_document(path))
                .map(|(path, bytes)| OtherFile {
                    rel_path: ws.rel_path(path),
                    front_matter: front_matter_of_bytes(bytes),
                }),
        )
        .collect();
    let before = crate::site::build::build(&ws.jekyll, options, &before_docs, &before_others);
    let keys = &ws.config.links.image_keys;
    untouched
        .par_iter()
        .flat_map_iter(|doc| {
            let was: HashSet<(&str, usize, usize)> = crate::checks::links::check(doc, &before, keys)
                .iter()
                .map(|d| (d.rule, d.span.start, d.span.end))
                .collect();
            let now: Vec<Diagnostic> = crate::checks::links::check(doc, site, keys)
                .into_iter()
                .filter(|d| !was.contains(&(d.rule, d.span.start, d.span.end)))
                .map(|d| {
                    let help = format!(
                        "this worked at {}: a file changed since then (moved, renamed, deleted or edited) no longer serves it",
                        change.rev
                    );
                    match d.help.clone() {
                        Some(h) => d.with_help(format!("{h}; {help}")),
                        None => d.with_help(help),
                    }
                })
                .collect();
            crate::run::settle_document_findings(ws, doc, now)
        })
        .collect()
}

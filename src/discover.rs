//! Finding the documents postlint checks: a parallel walk with `ignore` that honours
//! `.gitignore`, Jekyll's `exclude`/`include` and hidden-entry rules, and postlint's own
//! `ignore` globs, so postlint looks at the same pages Jekyll would build.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, mpsc};

use globset::{Glob, GlobBuilder, GlobMatcher, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

/// Folders that hold build output, caches or third-party code; never the author's pages.
const ALWAYS_SKIPPED: [&str; 6] = [
    "_site",
    ".jekyll-cache",
    ".git",
    "node_modules",
    "vendor",
    ".sass-cache",
];

/// What to walk and what the site excludes, gathered from the command line and the configs.
#[derive(Debug, Clone, Copy)]
pub struct DiscoverOptions<'a> {
    /// Site root (absolute or relative; the folder holding _config.yml).
    pub root: &'a Path,
    /// Paths named on the command line (files or folders), as given by the user. Empty = the whole root.
    pub paths: &'a [PathBuf],
    /// Jekyll `exclude` patterns from _config.yml (relative to root).
    pub exclude: &'a [String],
    /// Jekyll `include` patterns from _config.yml (force-include dotfiles/excluded entries).
    pub include: &'a [String],
    /// postlint's own `ignore` globs from .postlint.yml (relative to root, gitignore-ish globs like "_drafts/**").
    pub ignore: &'a [String],
    /// Worker threads (0 = automatic).
    pub threads: usize,
    /// Honour `.gitignore` files: what postlint checks does, but the site index does not,
    /// since Jekyll serves any file on disk.
    pub gitignore: bool,
}

/// Everything the walk found, in a deterministic order so reports are stable between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// Documents to check, sorted by path, no duplicates.
    pub files: Vec<FoundFile>,
    /// Every other file in the walked folders (what Jekyll copies or renders besides
    /// Markdown), sorted: the site index needs them to know which URLs exist.
    pub other_files: Vec<PathBuf>,
    /// Command-line paths that do not exist.
    pub missing: Vec<PathBuf>,
    /// Problems met while walking (symlink loops, unreadable folders, dangling symlinks), sorted by path.
    pub problems: Vec<WalkProblem>,
}

/// One document to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Where to read it. Inside the site root this is always `root` joined with the path
    /// relative to the root, so the same file named twice is reported once.
    pub path: PathBuf,
    /// true when the file was named explicitly on the command line but a site-wide walk would
    /// skip it (excluded/ignored/gitignored/hidden), so the caller can say why it is checked.
    pub named_but_ignored: bool,
}

/// Something that kept the walk from seeing part of the tree; reported so nothing is skipped silently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct WalkProblem {
    /// The entry the problem is about.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: WalkProblemKind,
}

/// The kinds of walk problems, kept apart because a loop is a site bug while I/O errors are not.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum WalkProblemKind {
    /// A symbolic link points at one of its own ancestors; the walk did not follow it.
    SymlinkLoop {
        /// The ancestor folder the link leads back to.
        target: PathBuf,
    },
    /// The entry could not be read or followed; the message comes from the operating system.
    Io(String),
    /// A symbolic link leads outside the site root; the walk did not follow it, so nothing
    /// outside the root is read (or written by `--fix`), as Jekyll's safe mode does.
    OutsideRoot {
        /// Where the link leads, resolved.
        target: PathBuf,
    },
}

/// Tells whether postlint treats a file as a Markdown document, so only pages get checked.
pub fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            ["md", "markdown", "mkd"]
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

/// Compiles postlint's `ignore` globs; the error names the bad pattern by index so config
/// loading can report it with a span.
///
/// The globs are gitignore-ish: a pattern without `/` matches at any depth, a leading `/`
/// anchors it at the root, a trailing `/` is dropped, and `*` does not cross `/` (`**` does).
///
/// # Errors
/// The index and reason of the first pattern that is not a valid glob (index 0 if the
/// patterns are valid one by one but too large together).
pub fn build_globs(patterns: &[String]) -> Result<GlobSet, (usize, String)> {
    let mut set = GlobSetBuilder::new();
    for (index, pattern) in patterns.iter().enumerate() {
        if let Some(glob) = ignore_glob(pattern).map_err(|err| (index, err.kind().to_string()))? {
            set.add(glob);
        }
    }
    set.build().map_err(|err| (0, err.to_string()))
}

/// One postlint `ignore` glob, or `None` for an empty pattern (which would match nothing useful).
fn ignore_glob(pattern: &str) -> Result<Option<Glob>, globset::Error> {
    let trimmed = pattern.trim().trim_end_matches('/');
    if trimmed.trim_start_matches('/').is_empty() {
        return Ok(None);
    }
    let text = match trimmed.strip_prefix('/') {
        Some(anchored) => anchored.to_owned(),
        None if trimmed.contains('/') => trimmed.to_owned(),
        None => format!("**/{trimmed}"),
    };
    GlobBuilder::new(&text)
        .literal_separator(true)
        .build()
        .map(Some)
}

/// Finds the documents to check: the whole site, or what the command line names.
pub fn discover(opts: &DiscoverOptions) -> Discovered {
    let rules = Arc::new(Rules::new(opts));
    let mut found = Found::default();
    let mut scopes = Vec::new();
    let mut named = Vec::new();

    if opts.paths.is_empty() {
        scopes.push(Scope::inside(opts.root, Path::new(""), false));
    }
    for path in opts.paths {
        let link = match path.symlink_metadata() {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                found.missing.push(path.clone());
                continue;
            }
            Err(err) => {
                found.problem(path.clone(), WalkProblemKind::Io(err.to_string()));
                continue;
            }
        };
        // `metadata` follows the link; a dangling link fails here and is treated as a file.
        let is_dir = link.is_dir() || path.metadata().is_ok_and(|meta| meta.is_dir());
        if is_dir {
            scopes.push(dir_scope(opts.root, path, &rules));
        } else if is_document(path) {
            named.push(NamedFile::new(opts.root, path));
        }
    }

    for scope in &scopes {
        walk_scope(scope, &rules, opts.threads, &mut found);
    }
    mark_named(&named, &rules, &mut found);
    keep_reachable_loops(&rules, &mut found);
    found.finish()
}

/// A walk start plus the folder its rules are relative to.
struct Scope {
    /// Where the walk begins.
    start: PathBuf,
    /// The folder that exclude/include/ignore patterns are relative to.
    base: PathBuf,
    /// Whether everything found here is skipped by a site-wide walk.
    flagged: bool,
}

impl Scope {
    fn inside(root: &Path, rel: &Path, flagged: bool) -> Scope {
        Scope {
            start: join_rel(root, rel),
            base: root.to_path_buf(),
            flagged,
        }
    }

    fn standalone(start: &Path, flagged: bool) -> Scope {
        Scope {
            start: start.to_path_buf(),
            base: start.to_path_buf(),
            flagged,
        }
    }
}

/// How to walk a folder named on the command line. A folder the site-wide walk skips is
/// walked on its own (rules relative to itself) and its files are flagged, like named files.
fn dir_scope(root: &Path, path: &Path, rules: &Arc<Rules>) -> Scope {
    match relative_to(root, path) {
        Some(rel) if reaches(root, &rel, rules) => Scope::inside(root, &rel, false),
        Some(rel) => Scope::standalone(&join_rel(root, &rel), true),
        None => Scope::standalone(path, false),
    }
}

/// A document named on the command line.
struct NamedFile {
    /// The path reported to the caller.
    path: PathBuf,
    /// The folder its rules are relative to.
    base: PathBuf,
    /// Its path relative to `base`.
    rel: PathBuf,
}

impl NamedFile {
    fn new(root: &Path, path: &Path) -> NamedFile {
        if let Some(rel) = relative_to(root, path) {
            return NamedFile {
                path: join_rel(root, &rel),
                base: root.to_path_buf(),
                rel,
            };
        }
        let base = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let rel = path.file_name().map(PathBuf::from).unwrap_or_default();
        NamedFile {
            path: path.to_path_buf(),
            base,
            rel,
        }
    }
}

/// Results gathered across walks before sorting.
#[derive(Default)]
struct Found {
    /// Document paths with `named_but_ignored`, unsorted, a path perhaps more than once.
    files: Vec<(PathBuf, bool)>,
    /// Every other file the walk met (images, HTML pages, styles), as `files`.
    other_files: Vec<PathBuf>,
    missing: Vec<PathBuf>,
    problems: Vec<WalkProblem>,
    /// Loop candidates (base, rel, problem), kept only if a walk without following links
    /// reaches them: `ignore` reports loops before it checks .gitignore.
    loops: Vec<(PathBuf, PathBuf, WalkProblem)>,
}

impl Found {
    fn file(&mut self, path: PathBuf, named_but_ignored: bool) {
        self.files.push((path, named_but_ignored));
    }

    fn problem(&mut self, path: PathBuf, kind: WalkProblemKind) {
        self.problems.push(WalkProblem { path, kind });
    }

    fn finish(mut self) -> Discovered {
        self.problems.sort();
        self.problems.dedup();
        // A file met twice is flagged only if both times were.
        let files = sorted_by_path(
            self.files,
            |(path, _)| path,
            |kept, (_, flag)| kept.1 &= flag,
        )
        .into_iter()
        .map(|(path, named_but_ignored)| FoundFile {
            path,
            named_but_ignored,
        })
        .collect();
        Discovered {
            files,
            other_files: sorted_by_path(self.other_files, |path| path, |_, _| {}),
            missing: self.missing,
            problems: self.problems,
        }
    }
}

/// `items` in `Path`'s own order (component by component), a path met more than once kept
/// once, with `merge` folding the later ones into it. Sorts by [`path_key`]: comparing `Path`s
/// splits both into components on every comparison, which cost more on a 20,000-post site
/// than finding the files.
fn sorted_by_path<T>(
    items: Vec<T>,
    path: impl Fn(&T) -> &Path,
    mut merge: impl FnMut(&mut T, T),
) -> Vec<T> {
    let mut keyed: Vec<(Vec<u8>, T)> = items
        .into_iter()
        .map(|item| (path_key(path(&item)), item))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<(Vec<u8>, T)> = Vec::with_capacity(keyed.len());
    for (key, item) in keyed {
        match out.last_mut() {
            Some((last, kept)) if *last == key => merge(kept, item),
            _ => out.push((key, item)),
        }
    }
    out.into_iter().map(|(_, item)| item).collect()
}

/// Bytes that sort as `Path` sorts and are equal exactly when the paths are: each component
/// as a tag of its kind (in `Component`'s order), its bytes, and a NUL, which no file name
/// holds, so a name sorts before every longer name it begins.
fn path_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        let (tag, bytes): (u8, &[u8]) = match component {
            Component::Prefix(prefix) => (0, prefix.as_os_str().as_encoded_bytes()),
            Component::RootDir => (1, &[]),
            Component::CurDir => (2, &[]),
            Component::ParentDir => (3, &[]),
            Component::Normal(name) => (4, name.as_encoded_bytes()),
        };
        key.push(tag);
        key.extend_from_slice(bytes);
        key.push(0);
    }
    key
}

/// Walks one scope in parallel and sorts what it meets into files and problems.
fn walk_scope(scope: &Scope, rules: &Arc<Rules>, threads: usize, found: &mut Found) {
    let mut builder = walk_builder(&scope.start, true, rules.gitignore);
    builder.threads(threads);
    let filter_rules = Arc::clone(rules);
    let base = scope.base.clone();
    let (tx, rx) = mpsc::channel();
    let outside_tx = tx.clone();
    // Links are followed only while they stay inside the folder the walk is rooted at.
    let real_base = scope.base.canonicalize().ok();
    builder.filter_entry(move |dent| {
        let keep = dent
            .path()
            .strip_prefix(&base)
            .map_or(true, |rel| filter_rules.keeps_entry(rel));
        if keep
            && dent.path_is_symlink()
            && let Some(target) = link_outside(dent.path(), real_base.as_deref())
        {
            let _ = outside_tx.send(Err(Walked::Outside(dent.path().to_path_buf(), target)));
            return false;
        }
        keep
    });
    builder.build_parallel().run(|| {
        let tx = tx.clone();
        Box::new(move |result| {
            let event = match result {
                Ok(dent) if dent.file_type().is_some_and(|t| t.is_file()) => Ok(dent.into_path()),
                Ok(_) => return WalkState::Continue,
                Err(err) => Err(Walked::Error(err)),
            };
            // The receiver lives until every worker is done, so sending cannot fail.
            let _ = tx.send(event);
            WalkState::Continue
        })
    });
    // The filter holds a sender too: the walker must go before the channel can end.
    drop(builder);
    drop(tx);
    for event in rx {
        match event {
            Ok(path) if is_document(&path) => found.file(path, scope.flagged),
            Ok(path) => found.other_files.push(path),
            Err(Walked::Outside(path, target)) => {
                found.problem(path, WalkProblemKind::OutsideRoot { target });
            }
            Err(Walked::Error(err)) => {
                let mut leaves = Vec::new();
                flatten(err, None, &mut leaves);
                for (path, leaf) in leaves {
                    classify_error(scope, rules, path, leaf, found);
                }
            }
        }
    }
}

/// What the walk reports besides files.
enum Walked {
    /// A link (first) whose resolved target (second) lies outside the walked folder.
    Outside(PathBuf, PathBuf),
    /// An error from `ignore`.
    Error(ignore::Error),
}

/// Where `link` leads when that is outside `real_base` (a resolved path); `None` when it stays
/// inside, or dangles (reading it then reports the problem where it belongs).
fn link_outside(link: &Path, real_base: Option<&Path>) -> Option<PathBuf> {
    let target = link.canonicalize().ok()?;
    (!target.starts_with(real_base?)).then_some(target)
}

/// Turns one walk error into a file, a problem or a loop candidate. Errors bypass
/// `filter_entry`, so the site rules are applied here again.
fn classify_error(
    scope: &Scope,
    rules: &Rules,
    path: Option<PathBuf>,
    leaf: ignore::Error,
    found: &mut Found,
) {
    if let ignore::Error::Loop { ancestor, child } = leaf {
        let Ok(rel) = child.strip_prefix(&scope.base).map(Path::to_path_buf) else {
            found.problem(child, WalkProblemKind::SymlinkLoop { target: ancestor });
            return;
        };
        if rules.keeps_entry(&rel) {
            let problem = WalkProblem {
                path: child,
                kind: WalkProblemKind::SymlinkLoop { target: ancestor },
            };
            found.loops.push((scope.base.clone(), rel, problem));
        }
        return;
    }
    let path = path.unwrap_or_else(|| scope.start.clone());
    if let Ok(rel) = path.strip_prefix(&scope.base)
        && !rel.as_os_str().is_empty()
        && !rules.keeps_entry(rel)
    {
        return;
    }
    let message = match &leaf {
        ignore::Error::Io(err) => err.to_string(),
        other => other.to_string(),
    };
    // A document that cannot be followed (a dangling link) is still a page the author wrote:
    // hand it over so reading it reports the problem where it belongs.
    if matches!(leaf, ignore::Error::Io(_)) && is_document(&path) && !path.is_dir() {
        found.file(path, scope.flagged);
    } else {
        found.problem(path, WalkProblemKind::Io(message));
    }
}

/// Splits an `ignore` error into its leaves, each with the innermost path given for it.
fn flatten(
    err: ignore::Error,
    path: Option<PathBuf>,
    out: &mut Vec<(Option<PathBuf>, ignore::Error)>,
) {
    match err {
        ignore::Error::WithPath { path, err } => flatten(*err, Some(path), out),
        ignore::Error::WithDepth { err, .. } => flatten(*err, path, out),
        ignore::Error::Partial(errs) => {
            for err in errs {
                flatten(err, path.clone(), out);
            }
        }
        leaf => out.push((path, leaf)),
    }
}

/// Flags documents named on the command line that the site-wide walk would skip.
fn mark_named(named: &[NamedFile], rules: &Arc<Rules>, found: &mut Found) {
    let mut by_base: HashMap<&Path, Vec<&NamedFile>> = HashMap::new();
    for file in named {
        by_base.entry(&file.base).or_default().push(file);
    }
    for (base, files) in by_base {
        let rels: Vec<PathBuf> = files.iter().map(|file| file.rel.clone()).collect();
        for (file, reached) in files.iter().zip(reachable(base, &rels, rules)) {
            found.file(file.path.clone(), !reached);
        }
    }
}

/// Drops loop candidates that .gitignore hides, since `ignore` reports loops before it
/// checks ignore files.
fn keep_reachable_loops(rules: &Arc<Rules>, found: &mut Found) {
    let loops = std::mem::take(&mut found.loops);
    for (base, rel, problem) in loops {
        if reaches(&base, &rel, rules) {
            found.problems.push(problem);
        }
    }
}

/// Tells whether a walk from `base` with the same rules would reach `rel`.
fn reaches(base: &Path, rel: &Path, rules: &Arc<Rules>) -> bool {
    reachable(base, &[rel.to_path_buf()], rules)
        .into_iter()
        .all(|reached| reached)
}

/// Tells, for each target (relative to `base`), whether a walk from `base` with the same rules
/// would reach it. It walks only the targets' ancestors and does not follow links, so it is
/// cheap and sees links themselves; past a linked folder it assumes the target is reached.
fn reachable(base: &Path, targets: &[PathBuf], rules: &Arc<Rules>) -> Vec<bool> {
    let mut wanted: HashSet<PathBuf> = HashSet::new();
    for target in targets {
        let mut prefix = PathBuf::new();
        for part in target.components() {
            prefix.push(part);
            wanted.insert(prefix.clone());
        }
    }
    let wanted = Arc::new(wanted);
    let mut builder = walk_builder(base, false, rules.gitignore);
    let filter_wanted = Arc::clone(&wanted);
    let filter_base = base.to_path_buf();
    let filter_rules = Arc::clone(rules);
    builder.filter_entry(move |dent| {
        dent.path()
            .strip_prefix(&filter_base)
            .is_ok_and(|rel| filter_wanted.contains(rel) && filter_rules.keeps_entry(rel))
    });
    let mut seen: HashMap<PathBuf, bool> = HashMap::new();
    for dent in builder.build().flatten() {
        if let Ok(rel) = dent.path().strip_prefix(base) {
            seen.insert(rel.to_path_buf(), dent.path_is_symlink());
        }
    }
    targets
        .iter()
        .map(|target| {
            let mut prefix = PathBuf::new();
            for part in target.components() {
                prefix.push(part);
                match seen.get(&prefix) {
                    None => return false,
                    Some(true) if prefix != *target => return true,
                    Some(_) => {}
                }
            }
            true
        })
        .collect()
}

/// The walker settings every walk shares, so results do not depend on the machine.
fn walk_builder(start: &Path, follow_links: bool, gitignore: bool) -> WalkBuilder {
    let mut builder = WalkBuilder::new(start);
    builder
        .hidden(false)
        .git_ignore(gitignore)
        .ignore(gitignore)
        .git_global(false)
        .require_git(false)
        .follow_links(follow_links);
    builder
}

/// The site's skip rules, shared by every walker thread.
struct Rules {
    gitignore: bool,
    exclude: Vec<JekyllPattern>,
    include: Vec<JekyllPattern>,
    ignore: GlobSet,
}

impl Rules {
    fn new(opts: &DiscoverOptions) -> Rules {
        let ignore = build_globs(opts.ignore).unwrap_or_else(|_| {
            // Config loading reports bad globs; here the good ones still apply.
            let mut set = GlobSetBuilder::new();
            for glob in opts
                .ignore
                .iter()
                .filter_map(|p| ignore_glob(p).ok().flatten())
            {
                set.add(glob);
            }
            set.build().unwrap_or_else(|_| GlobSet::empty())
        });
        Rules {
            gitignore: opts.gitignore,
            exclude: opts
                .exclude
                .iter()
                .filter_map(|p| JekyllPattern::new(p))
                .collect(),
            include: opts
                .include
                .iter()
                .filter_map(|p| JekyllPattern::new(p))
                .collect(),
            ignore,
        }
    }

    /// Whether a walk keeps this entry, given that its parent folder was kept.
    fn keeps_entry(&self, rel: &Path) -> bool {
        let name = match rel.file_name() {
            Some(name) => name.to_string_lossy(),
            None => return true,
        };
        if ALWAYS_SKIPPED.contains(&name.as_ref()) {
            return false;
        }
        let rel = slash_path(rel);
        if self.ignore.is_match(&rel) {
            return false;
        }
        if self
            .include
            .iter()
            .any(|p| p.matches_path(&rel) || p.matches_name(&name))
        {
            return true;
        }
        let special = name.starts_with(['.', '#', '~']) || name.ends_with('~');
        !special && !self.exclude.iter().any(|p| p.matches_path(&rel))
    }
}

/// A Jekyll `exclude`/`include` entry: a path, a parent folder, or an `File.fnmatch` glob.
struct JekyllPattern {
    path: String,
    glob: Option<GlobMatcher>,
}

impl JekyllPattern {
    fn new(raw: &str) -> Option<JekyllPattern> {
        let path = raw.trim().trim_start_matches('/').trim_end_matches('/');
        if path.is_empty() {
            return None;
        }
        // Like fnmatch without FNM_PATHNAME, `*` crosses `/`. A pattern that is not a valid
        // glob still matches as a plain path.
        let glob = GlobBuilder::new(path)
            .literal_separator(false)
            .build()
            .ok()
            .map(|glob| glob.compile_matcher());
        Some(JekyllPattern {
            path: path.to_owned(),
            glob,
        })
    }

    fn matches_path(&self, rel: &str) -> bool {
        rel.strip_prefix(self.path.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            || self.glob.as_ref().is_some_and(|glob| glob.is_match(rel))
    }

    fn matches_name(&self, name: &str) -> bool {
        self.path == name || self.glob.as_ref().is_some_and(|glob| glob.is_match(name))
    }
}

/// A relative path with `/` separators, the form patterns are written in.
fn slash_path(rel: &Path) -> String {
    let parts: Vec<_> = rel
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// `base/rel`, without the trailing separator `join("")` would add.
fn join_rel(base: &Path, rel: &Path) -> PathBuf {
    if rel.as_os_str().is_empty() {
        base.to_path_buf()
    } else {
        base.join(rel)
    }
}

/// `path` relative to `root` when it lies inside it, judged lexically first (so `..` and `.`
/// in user input work) and then by resolved paths (so a root reached through a link works).
fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    if let (Some(root_abs), Some(path_abs)) = (lexical_absolute(root), lexical_absolute(path))
        && let Ok(rel) = path_abs.strip_prefix(&root_abs)
    {
        return Some(rel.to_path_buf());
    }
    let root_real = root.canonicalize().ok()?;
    let path_real = path.canonicalize().ok().or_else(|| {
        let parent = path.parent()?.canonicalize().ok()?;
        Some(parent.join(path.file_name()?))
    })?;
    path_real
        .strip_prefix(&root_real)
        .ok()
        .map(Path::to_path_buf)
}

/// An absolute path with `.` and `..` resolved by text alone.
fn lexical_absolute(path: &Path) -> Option<PathBuf> {
    Some(crate::workspace::absolute(
        &std::env::current_dir().ok()?,
        path,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use tempfile::TempDir;

    /// A temporary site holding the given files (folders are created as needed).
    fn site(files: &[&str]) -> TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, "---\n---\n").expect("write");
        }
        dir
    }

    struct Run<'a> {
        root: &'a Path,
        paths: Vec<PathBuf>,
        exclude: Vec<String>,
        include: Vec<String>,
        ignore: Vec<String>,
    }

    impl<'a> Run<'a> {
        fn new(root: &'a Path) -> Run<'a> {
            Run {
                root,
                paths: Vec::new(),
                exclude: Vec::new(),
                include: Vec::new(),
                ignore: Vec::new(),
            }
        }

        fn go(&self) -> Discovered {
            discover(&DiscoverOptions {
                root: self.root,
                paths: &self.paths,
                exclude: &self.exclude,
                include: &self.include,
                ignore: &self.ignore,
                threads: 4,
                gitignore: true,
            })
        }

        /// Found files relative to the root, `!` marking `named_but_ignored`.
        fn files(&self) -> Vec<String> {
            rel_files(self.root, &self.go())
        }
    }

    fn rel_files(root: &Path, found: &Discovered) -> Vec<String> {
        found
            .files
            .iter()
            .map(|f| {
                let rel = slash_path(f.path.strip_prefix(root).expect("inside root"));
                if f.named_but_ignored {
                    format!("!{rel}")
                } else {
                    rel
                }
            })
            .collect()
    }

    fn own(v: &[&str]) -> Vec<String> {
        v.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn documents_by_extension() {
        for (path, want) in [
            ("a.md", true),
            ("a.MD", true),
            ("a.markdown", true),
            ("a.Mkd", true),
            ("a.txt", false),
            ("md", false),
            (".md", false),
            ("a.md.bak", false),
            ("캐시.md", true),
        ] {
            assert_eq!(is_document(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn gitignore_is_respected_outside_a_repo() {
        let dir = site(&[
            "a.md",
            "private/b.md",
            "secret.md",
            "_posts/secret.md",
            "notes.txt",
        ]);
        fs::write(dir.path().join(".gitignore"), "private/\nsecret.md\n").expect("write");
        assert_eq!(Run::new(dir.path()).files(), own(&["a.md"]));
    }

    #[test]
    fn build_output_and_dependencies_are_skipped() {
        let dir = site(&[
            "_site/a.md",
            "node_modules/x/readme.md",
            "vendor/bundle/r.md",
            ".jekyll-cache/c.md",
            ".sass-cache/s.md",
            ".git/x.md",
            "sub/_site/y.md",
            "_posts/p.md",
        ]);
        let mut run = Run::new(dir.path());
        // `include` cannot bring them back.
        run.include = own(&[".git", "_site"]);
        assert_eq!(run.files(), own(&["_posts/p.md"]));
    }

    #[test]
    fn jekyll_exclude_matches_paths_folders_and_globs() {
        let dir = site(&[
            "README.md",
            "docs/a.md",
            "docs/sub/b.md",
            "c.markdown",
            "_posts/d.markdown",
            "notes/n.md",
            "notes.md",
            "keep.md",
            "docs-other/x.md",
        ]);
        let mut run = Run::new(dir.path());
        run.exclude = own(&["README.md", "docs/", "*.markdown", "/notes"]);
        assert_eq!(
            run.files(),
            own(&["docs-other/x.md", "keep.md", "notes.md"])
        );
    }

    #[test]
    fn hidden_and_backup_entries_are_skipped_unless_included() {
        let dir = site(&[
            ".well-known/a.md",
            ".hidden/b.md",
            ".c.md",
            "#d.md",
            "~e.md",
            "f.md",
            "about.md",
            "sub/.g.md",
        ]);
        let mut run = Run::new(dir.path());
        run.exclude = own(&["about.md"]);
        assert_eq!(run.files(), own(&["f.md"]));
        run.include = own(&[".well-known", "about.md", ".g.md"]);
        assert_eq!(
            run.files(),
            own(&[".well-known/a.md", "about.md", "f.md", "sub/.g.md"])
        );
    }

    #[test]
    fn postlint_ignore_globs_skip_folders_and_names() {
        let dir = site(&[
            "_drafts/a.md",
            "_drafts/sub/b.md",
            "_posts/c.md",
            "sub/scratch.md",
        ]);
        let mut run = Run::new(dir.path());
        run.ignore = own(&["_drafts/**", "scratch.md"]);
        assert_eq!(run.files(), own(&["_posts/c.md"]));
    }

    #[test]
    fn named_files_are_returned_and_flagged_when_ignored() {
        let dir = site(&[
            "_drafts/a.md",
            "_posts/c.md",
            "gitignored.md",
            "notes.txt",
            ".hidden.md",
            "_site/built.md",
        ]);
        fs::write(dir.path().join(".gitignore"), "gitignored.md\n").expect("write");
        let root = dir.path();
        let mut run = Run::new(root);
        run.ignore = own(&["_drafts/**"]);
        run.paths = [
            "_drafts/a.md",
            "_posts/c.md",
            "gitignored.md",
            "notes.txt",
            ".hidden.md",
            "_site/built.md",
        ]
        .iter()
        .map(|p| root.join(p))
        .collect();
        assert_eq!(
            run.files(),
            own(&[
                "!.hidden.md",
                "!_drafts/a.md",
                "_posts/c.md",
                "!_site/built.md",
                "!gitignored.md"
            ])
        );
    }

    #[test]
    fn named_file_and_walk_of_its_folder_are_one_entry() {
        let dir = site(&["_posts/a.md", "_posts/b.md"]);
        let root = dir.path();
        let mut run = Run::new(root);
        run.paths = vec![root.join("_posts"), root.join("_posts/../_posts/./a.md")];
        assert_eq!(run.files(), own(&["_posts/a.md", "_posts/b.md"]));
    }

    #[test]
    fn missing_paths_are_reported_and_the_rest_still_found() {
        let dir = site(&["_posts/c.md", "other.md"]);
        let root = dir.path();
        let mut run = Run::new(root);
        run.paths = vec![
            root.join("nope.md"),
            root.join("_posts"),
            root.join("gone/"),
        ];
        let found = run.go();
        assert_eq!(
            found.missing,
            vec![root.join("nope.md"), root.join("gone/")]
        );
        assert_eq!(rel_files(root, &found), own(&["_posts/c.md"]));
        assert!(found.problems.is_empty(), "{:?}", found.problems);
    }

    #[test]
    fn named_folders_use_the_same_rules() {
        let dir = site(&[
            "_posts/a.md",
            "_posts/.b.md",
            "_posts/old/c.md",
            "_drafts/d.md",
            "_drafts/e.md",
        ]);
        let root = dir.path();
        let mut run = Run::new(root);
        run.exclude = own(&["_posts/old", "_drafts"]);
        run.paths = vec![root.join("_posts")];
        assert_eq!(run.files(), own(&["_posts/a.md"]));
        // A folder the site-wide walk skips is still checked when named, but flagged.
        run.paths = vec![root.join("_drafts")];
        assert_eq!(run.files(), own(&["!_drafts/d.md", "!_drafts/e.md"]));
    }

    #[test]
    fn folders_outside_the_root_use_rules_relative_to_themselves() {
        let root = site(&["index.md"]);
        let outside = site(&["a.md", ".hidden.md", "drafts/b.md", "_site/c.md"]);
        let mut run = Run::new(root.path());
        run.exclude = own(&["drafts"]);
        run.paths = vec![outside.path().to_path_buf()];
        assert_eq!(rel_files(outside.path(), &run.go()), own(&["a.md"]));
    }

    #[test]
    fn paths_sort_as_path_orders_them() {
        // Bytewise, `a-b` sorts before `a/b`; component by component, `a` before `a-b`.
        let paths: Vec<PathBuf> = [
            "/s/a-b/x.md",
            "/s/a/b.md",
            "/s/a/b/c.md",
            "/s/a.md",
            "/s/_posts/2016-05-18-캐시.md",
            "/s/_posts/2016-05-18-가.md",
            "/s/_posts/2016-05-18-가 나.md",
            "/s/B.md",
            "relative/x.md",
            "/",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut expected = paths.clone();
        expected.sort();
        let mut twice = paths.clone();
        twice.extend(paths.iter().rev().map(|p| p.join(".")));
        assert_eq!(sorted_by_path(twice, |p| p, |_, _| {}), expected);
        assert_eq!(
            sorted_by_path(Vec::<PathBuf>::new(), |p| p, |_, _| {}),
            expected[..0]
        );
        // Met twice, a file stays flagged only if both times were.
        let flags = vec![
            (PathBuf::from("/s/a.md"), true),
            (PathBuf::from("/s/b.md"), true),
            (PathBuf::from("/s//a.md"), false),
            (PathBuf::from("/s/b.md"), true),
        ];
        let merged = sorted_by_path(flags, |(p, _)| p, |kept, (_, flag)| kept.1 &= flag);
        assert_eq!(
            merged,
            vec![
                (PathBuf::from("/s/a.md"), false),
                (PathBuf::from("/s/b.md"), true)
            ]
        );
    }

    #[test]
    fn output_is_sorted_and_stable() {
        let names = [
            "z.md",
            "a.md",
            "m/b.md",
            "m/a.md",
            "B.md",
            "_posts/2016-05-18-캐시.md",
            "_posts/2016-05-18-가.md",
        ];
        let dir = site(&names);
        let run = Run::new(dir.path());
        let first = run.go();
        let paths: Vec<_> = first.files.iter().map(|f| f.path.clone()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), names.len());
        for _ in 0..5 {
            assert_eq!(run.go(), first);
        }
    }

    #[test]
    fn hangul_names_walk_and_match() {
        let dir = site(&[
            "_posts/2016-05-18-캐시.md",
            "_posts/2016-05-19-초안.md",
            "한글/문서.md",
        ]);
        let root = dir.path();
        let mut run = Run::new(root);
        run.ignore = own(&["*초안*"]);
        run.exclude = own(&["한글"]);
        assert_eq!(run.files(), own(&["_posts/2016-05-18-캐시.md"]));
        run.paths = vec![
            root.join("_posts/2016-05-18-캐시.md"),
            root.join("한글/문서.md"),
        ];
        assert_eq!(
            run.files(),
            own(&["_posts/2016-05-18-캐시.md", "!한글/문서.md"])
        );
    }

    #[test]
    fn bad_ignore_glob_is_named_by_index() {
        let patterns = own(&["_drafts/**", "", "[bad"]);
        let err = build_globs(&patterns).expect_err("bad glob");
        assert_eq!(err.0, 2);
        assert!(!err.1.is_empty());
        assert!(build_globs(&own(&["_drafts/**", "/top.md", "dir/"])).is_ok());
        // The good globs still apply during a walk.
        let dir = site(&["_drafts/a.md", "b.md"]);
        let mut run = Run::new(dir.path());
        run.ignore = patterns;
        assert_eq!(run.files(), own(&["b.md"]));
    }

    #[cfg(unix)]
    mod unix {
        use super::*;
        use std::os::unix::fs::symlink;

        #[test]
        fn symlink_loop_is_reported_once_and_walk_goes_on() {
            let dir = site(&["_posts/a.md", "b.md"]);
            let root = dir.path();
            symlink(root.join("_posts"), root.join("_posts/loop")).expect("symlink");
            symlink(root, root.join("hidden-loop")).expect("symlink");
            symlink(root, root.join("node_modules")).expect("symlink");
            fs::write(root.join(".gitignore"), "hidden-loop\n").expect("write");
            let run = Run::new(root);
            let found = run.go();
            assert_eq!(rel_files(root, &found), own(&["_posts/a.md", "b.md"]));
            assert_eq!(
                found.problems,
                vec![WalkProblem {
                    path: root.join("_posts/loop"),
                    kind: WalkProblemKind::SymlinkLoop {
                        target: root.join("_posts")
                    },
                }]
            );
        }

        #[test]
        fn links_are_followed_inside_the_root_only() {
            let root = site(&["index.md", "real/y.md"]);
            let elsewhere = site(&["x.md"]);
            symlink(elsewhere.path(), root.path().join("linked")).expect("symlink");
            symlink(elsewhere.path().join("x.md"), root.path().join("x.md")).expect("symlink");
            symlink(root.path().join("real"), root.path().join("inside")).expect("symlink");
            let found = Run::new(root.path()).go();
            assert_eq!(
                rel_files(root.path(), &found),
                own(&["index.md", "inside/y.md", "real/y.md"])
            );
            let real = elsewhere.path().canonicalize().expect("canonical");
            let outside = |name: &str, target: PathBuf| WalkProblem {
                path: root.path().join(name),
                kind: WalkProblemKind::OutsideRoot { target },
            };
            assert_eq!(
                found.problems,
                vec![
                    outside("linked", real.clone()),
                    outside("x.md", real.join("x.md"))
                ]
            );
        }

        #[test]
        fn dangling_symlinks_are_files_if_documents_else_problems() {
            let dir = site(&["a.md", "_drafts/x.md"]);
            let root = dir.path();
            symlink(root.join("nowhere.md"), root.join("gone.md")).expect("symlink");
            symlink(root.join("nowhere"), root.join("gone.txt")).expect("symlink");
            symlink(root.join("nowhere"), root.join("_drafts/gone.md")).expect("symlink");
            symlink(root.join("nowhere"), root.join(".gone.md")).expect("symlink");
            let mut run = Run::new(root);
            run.exclude = own(&["_drafts"]);
            let found = run.go();
            assert_eq!(rel_files(root, &found), own(&["a.md", "gone.md"]));
            assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
            assert_eq!(found.problems[0].path, root.join("gone.txt"));
            assert!(matches!(found.problems[0].kind, WalkProblemKind::Io(_)));
            // Named explicitly, a dangling document is still handed over.
            run.paths = vec![root.join("_drafts/gone.md")];
            assert_eq!(run.files(), own(&["!_drafts/gone.md"]));
        }
    }
}

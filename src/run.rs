//! The steps of [`check`](crate::check), each small enough to read on its own.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::ExitStatus;
use crate::checks::{self, file as file_rules};
use crate::cli::{CheckArgs, ColorChoice, Deny, RulesFormat};
use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Released, Severity, SourceFile};
use crate::discover::{DiscoverOptions, FoundFile, WalkProblem, WalkProblemKind};
use crate::document::load::{self, Loaded};
use crate::document::{DocKind, Document};
use crate::report::{self, Format, Summary, human};
use crate::site::build::IndexOptions;
use crate::site::{OtherFile, Site};
use crate::workspace::Workspace;

/// How output looks, decided once from the arguments and the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The report format.
    pub format: Format,
    /// Also write GitHub annotations before the report: no `--format` was given and the run
    /// is a GitHub Actions job (`GITHUB_ACTIONS=true`).
    pub github_annotations: bool,
    /// Colour human output.
    pub color: bool,
    /// Quiet mode.
    pub quiet: bool,
}

impl Style {
    /// Resolves `--color auto` against the terminal and `NO_COLOR`.
    pub fn from_args(args: &CheckArgs) -> Style {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Style {
            format: args.format.unwrap_or(Format::Human),
            github_annotations: args.format.is_none()
                && std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
            color,
            quiet: args.quiet,
        }
    }

    fn handler(self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(REPORT_WIDTH)
    }
}

/// Columns the human report wraps at; fixed so output does not depend on the terminal.
const REPORT_WIDTH: usize = 100;

/// Finds the root and loads `_config.yml` and `.postlint.yml`.
///
/// `during` runs while the spelling rule sets compile (see [`Workspace::open_while`]).
pub fn open_workspace<T: Send>(
    args: &CheckArgs,
    during: impl FnOnce(&Workspace) -> T + Send,
) -> Result<(Workspace, T), Box<ConfigError>> {
    let cwd = std::env::current_dir().map_err(|e| {
        Box::new(ConfigError {
            message: format!("cannot read the current folder: {e}"),
            help: None,
            src: miette::NamedSource::new(String::new(), String::new()),
            span: None,
        })
    })?;
    Workspace::open_while(
        cwd,
        &args.paths,
        args.root.as_deref(),
        args.config.as_deref(),
        during,
    )
}

/// Prints a run-stopping error and returns exit status 2.
pub fn fail(err: &mut dyn Write, style: Style, error: &dyn miette::Diagnostic) -> ExitStatus {
    let mut text = String::new();
    if style.handler().render_report(&mut text, error).is_err() {
        text = format!("error: {error}");
    }
    let _ = writeln!(err, "{}", text.trim_end());
    ExitStatus::Error
}

/// What to walk, from the workspace and the command line.
pub fn discover_options<'a>(ws: &'a Workspace, args: &'a CheckArgs) -> DiscoverOptions<'a> {
    DiscoverOptions {
        root: &ws.root,
        paths: &args.paths,
        exclude: &ws.jekyll.exclude,
        include: &ws.jekyll.include,
        ignore: &ws.config.ignore,
        threads: args.threads,
        gitignore: true,
    }
}

/// Wall-clock time per stage, for `--timings`. Marks are recorded while the run goes and
/// printed at the end, so nothing writes to stderr from a worker thread.
pub struct Timings {
    last: std::time::Instant,
    stages: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    /// Starts the clock.
    pub fn start() -> Timings {
        Timings {
            last: std::time::Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name` now.
    pub fn mark(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }

    /// Writes one line per stage and the total.
    pub fn write(&self, err: &mut dyn Write) {
        let total: std::time::Duration = self.stages.iter().map(|(_, d)| *d).sum();
        for (name, took) in &self.stages {
            let _ = writeln!(
                err,
                "timing: {name:<15} {:>9.1} ms",
                took.as_secs_f64() * 1000.0
            );
        }
        let _ = writeln!(
            err,
            "timing: {:<15} {:>9.1} ms",
            "total",
            total.as_secs_f64() * 1000.0
        );
    }
}

/// What the site index walks: the whole site as Jekyll reads it, whatever the command line
/// names and whatever postlint's `ignore` or `.gitignore` skip.
pub fn index_options<'a>(ws: &'a Workspace, args: &'a CheckArgs) -> DiscoverOptions<'a> {
    site_walk(ws, args.threads)
}

/// The walk of the whole site as Jekyll reads it (see [`index_options`]), on `threads`
/// threads (0: one per core).
pub fn site_walk(ws: &Workspace, threads: usize) -> DiscoverOptions<'_> {
    DiscoverOptions {
        root: &ws.root,
        paths: &[],
        exclude: &ws.jekyll.exclude,
        include: &ws.jekyll.include,
        ignore: &[],
        threads,
        gitignore: false,
    }
}

/// Reports command-line paths that do not exist; true when there were any (exit status 2).
pub fn report_missing(
    err: &mut dyn Write,
    style: Style,
    ws: &Workspace,
    missing: &[PathBuf],
) -> bool {
    for path in missing {
        let error =
            miette::MietteDiagnostic::new(format!("path `{}` does not exist", ws.display(path)))
                .with_help("the other paths were still checked");
        fail(err, style, &error);
    }
    !missing.is_empty()
}

/// Stack of each worker thread. The parsers recurse once per level of nesting: YAML is capped
/// at 64 levels by serde-saphyr's budget, and a debug build takes about 40 KB of stack per
/// level of nested complex keys, so Rust's default of 2 MiB overflowed at 48 (found by
/// fuzzing). The stack is reserved address space: pages are used only when reached.
pub const WORKER_STACK: usize = 16 << 20;

/// The thread pool for checking; `None` (after printing why) if it cannot be built.
pub fn thread_pool(err: &mut dyn Write, threads: usize) -> Option<rayon::ThreadPool> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(WORKER_STACK)
        .build();
    match pool {
        Ok(pool) => Some(pool),
        Err(e) => {
            let _ = writeln!(err, "error: cannot start {threads} worker threads: {e}");
            None
        }
    }
}

/// A problem met while walking, as a diagnostic about that path.
pub fn walk_problem(ws: &Workspace, problem: &WalkProblem) -> Diagnostic {
    let source = SourceFile::new(
        problem.path.clone(),
        ws.display(&problem.path),
        String::new(),
    );
    match &problem.kind {
        WalkProblemKind::SymlinkLoop { target } => Diagnostic::new(
            &file_rules::SYMLINK_LOOP,
            &source,
            0..0,
            format!("symbolic link points back to {}", ws.display(target)),
        )
        .with_help("remove the link or point it outside its own parent folders; it was skipped"),
        WalkProblemKind::OutsideRoot { target } => Diagnostic::new(
            &file_rules::SYMLINK_OUTSIDE,
            &source,
            0..0,
            format!(
                "symbolic link points outside the site root, to {}",
                ws.display(target)
            ),
        )
        .with_help(
            "it was not followed: copy the file into the site, or link to a place inside it",
        ),
        WalkProblemKind::Io(message) => Diagnostic::new(
            &file_rules::UNREADABLE,
            &source,
            0..0,
            format!("cannot read: {message}"),
        )
        .with_help("check the path's permissions; the rest of the site was still checked"),
    }
}

/// One Markdown file after reading: its document, or the diagnostics that stopped reading.
pub struct LoadedFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The document, when the file could be read as text.
    pub document: Option<Document>,
    /// Diagnostics from reading (unreadable, binary, too large, ignored-but-named).
    pub diagnostics: Vec<Diagnostic>,
    /// True when the command line asked for this file to be checked; the others are read
    /// only so the index knows their URLs and ids.
    pub checked: bool,
    /// Findings of the checks that need no site index (front matter, spelling), made while
    /// the file was read so its prose ranges need not be kept; raw, not yet settled.
    pub found: Vec<Diagnostic>,
}

/// Whether loaded documents keep their whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// Keep every text: `--fix` and `--diff` rewrite them, the language server checks them
    /// again.
    Keep,
    /// Let go of each text once the checks that read it have run (texts were half the memory
    /// of a 20,000-post run); [`restore_sources`] reads back the files the report shows.
    Release,
}

/// Reads every Markdown file of the site and every file to check, once each, in parallel.
pub fn load_all(
    ws: &Workspace,
    checked: &[FoundFile],
    site: &[FoundFile],
    texts: Texts,
) -> Vec<LoadedFile> {
    let named: HashMap<&std::path::Path, bool> = checked
        .iter()
        .map(|f| (f.path.as_path(), f.named_but_ignored))
        .collect();
    let in_site: HashSet<&std::path::Path> = site.iter().map(|f| f.path.as_path()).collect();
    // The site's files in walk order, then files named outside it.
    let wanted: Vec<(&std::path::Path, Option<bool>)> = site
        .iter()
        .map(|f| (f.path.as_path(), named.get(f.path.as_path()).copied()))
        .chain(
            checked
                .iter()
                .filter(|f| !in_site.contains(f.path.as_path()))
                .map(|f| (f.path.as_path(), Some(f.named_but_ignored))),
        )
        .collect();
    wanted
        .par_iter()
        .map(|(path, named)| load_file(ws, path, named.is_some(), named.unwrap_or(false), texts))
        .collect()
}

fn load_file(
    ws: &Workspace,
    path: &std::path::Path,
    checked: bool,
    named_but_ignored: bool,
    texts: Texts,
) -> LoadedFile {
    let display = ws.display(path);
    let mut diagnostics = Vec::new();
    let source: Arc<SourceFile> = match load::load(path, display, ws.config.max_file_size) {
        Loaded::Text(source) => source,
        Loaded::Skipped(diagnostic) => {
            return LoadedFile {
                path: path.to_path_buf(),
                document: None,
                diagnostics: vec![diagnostic],
                checked,
                found: Vec::new(),
            };
        }
    };
    if named_but_ignored {
        diagnostics.push(
            Diagnostic::new(
                &file_rules::IGNORED,
                &source,
                0..0,
                "file is excluded from the site (exclude, ignore or .gitignore) but was named, so it was checked",
            )
            .with_help("a check of the whole site skips this file"),
        );
    }
    let rel_path = ws.rel_path(path);
    let kind = DocKind::classify(&rel_path, &ws.collection_names);
    let mut document = Document::new(source, rel_path, kind);
    let mut found = if checked {
        checks::check_without_site(&document, &ws.config, &ws.spelling)
    } else {
        Vec::new()
    };
    if texts == Texts::Release {
        let released = document.release_text();
        for d in found.iter_mut().chain(diagnostics.iter_mut()) {
            d.source = Arc::clone(&released);
        }
    }
    // Only spelling reads prose ranges, and it has run: about a fifth of a document's memory.
    document.body.prose = Vec::new();
    // The index needs only the ids headings get: they go first in `ids`, as the index would
    // put them, and the headings' texts are dropped.
    let mut ids =
        crate::site::anchors::heading_ids(&document.body.headings, &ws.jekyll.heading_ids);
    ids.append(&mut document.body.ids);
    document.body.ids = ids;
    document.body.headings = Vec::new();
    LoadedFile {
        path: path.to_path_buf(),
        document: Some(document),
        diagnostics,
        checked,
        found,
    }
}

/// Gives every diagnostic about a released file (see [`Texts::Release`]) the file's whole text
/// again, read back once per file in parallel, with spans moved to character boundaries. A
/// file that is no longer what was checked (changed, deleted) gets one error saying so in
/// place of its findings, whose positions would be wrong.
pub fn restore_sources(ws: &Workspace, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut by_file: HashMap<*const SourceFile, Vec<Diagnostic>> = HashMap::new();
    let mut out = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if d.source.released.is_some() {
            by_file.entry(Arc::as_ptr(&d.source)).or_default().push(d);
        } else {
            out.push(d);
        }
    }
    let groups: Vec<Vec<Diagnostic>> = by_file.into_values().collect();
    out.par_extend(
        groups
            .into_par_iter()
            .flat_map_iter(|group| restore_file(ws, group)),
    );
    out
}

fn restore_file(ws: &Workspace, mut group: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let Some(first) = group.first() else {
        return group;
    };
    let released = Arc::clone(&first.source);
    // The bytes are the text when they hash the same (a file read as text is never altered);
    // validated again all the same, so no collision can put invalid UTF-8 in a `String`.
    let text = std::fs::read(&released.path)
        .ok()
        .filter(|bytes| Some(Released::of_bytes(bytes)) == released.released)
        .and_then(|bytes| load::utf8(bytes).ok());
    let Some(text) = text else {
        return vec![not_as_checked(ws, &released, group.len())];
    };
    let source = released.restored(text);
    // The lines the report shows: each finding's and its fix's, one line either side.
    let mut keep = Vec::with_capacity(group.len());
    for d in &mut group {
        d.span = crate::diagnostic::clamp_span(&source.text, d.span.clone());
        for span in std::iter::once(&d.span).chain(d.fix.as_ref().map(|f| &f.span)) {
            let first = source.lines.line(span.start);
            let last = source.lines.line(span.end);
            keep.push((first.saturating_sub(1), last + 1));
        }
    }
    let excerpt = source.excerpt(keep);
    for d in &mut group {
        d.source = Arc::clone(&excerpt);
    }
    group
}

/// The one error that replaces the findings of a file that is no longer what was checked.
fn not_as_checked(ws: &Workspace, released: &SourceFile, findings: usize) -> Diagnostic {
    let (path, display) = (&released.path, released.display_path.clone());
    match load::load(path, display, ws.config.max_file_size) {
        Loaded::Text(source) => changed_during_run(&source, findings),
        Loaded::Skipped(mut d) if d.rule == file_rules::UNREADABLE.id => {
            d.message = format!(
                "{}; it was there when checked, and its {} are not reported",
                d.message,
                count(findings, "finding")
            );
            d
        }
        // Now binary, empty, not UTF-8 or too large: changed all the same.
        Loaded::Skipped(d) => changed_during_run(&d.source, findings),
    }
}

fn changed_during_run(source: &Arc<SourceFile>, findings: usize) -> Diagnostic {
    Diagnostic::new(
        &file_rules::UNREADABLE,
        source,
        0..0,
        format!(
            "file changed on disk while it was checked, so its {} are not reported",
            count(findings, "finding")
        ),
    )
    .with_help("check it again once nothing is writing to it")
}

/// What the site index is built from: the loaded documents inside the root, and the site's
/// other files (with Markdown files that could not be read, indexed from their front matter).
pub fn index_inputs<'a>(
    ws: &Workspace,
    loaded: &'a [LoadedFile],
    other_files: &[PathBuf],
) -> (Vec<&'a Document>, Vec<OtherFile>) {
    let docs: Vec<&Document> = loaded
        .iter()
        .filter_map(|f| f.document.as_ref())
        .filter(|d| !d.rel_path.starts_with("../") && !d.rel_path.starts_with('/'))
        .collect();
    // Markdown files that could not be checked (too large, empty, not UTF-8) still make
    // pages: index them from their front matter alone, like the site's other files.
    let unread = loaded
        .iter()
        .filter(|f| f.document.is_none())
        .map(|f| &f.path);
    let others: Vec<OtherFile> = other_files
        .iter()
        .chain(unread)
        .filter(|path| path.starts_with(&ws.root))
        .collect::<Vec<_>>()
        .par_iter()
        .map(|path| OtherFile {
            rel_path: ws.rel_path(path),
            front_matter: load::front_matter_of(path),
        })
        .collect();
    (docs, others)
}

/// How the index is built: drafts and unpublished documents as the arguments say.
pub fn index_options_for(ws: &Workspace, args: &CheckArgs) -> IndexOptions {
    IndexOptions::new(&ws.jekyll, args.drafts, args.unpublished)
}

/// Runs every check on one loaded file.
pub fn check_file(
    ws: &Workspace,
    site: &Site,
    file: &LoadedFile,
    args: &CheckArgs,
) -> Vec<Diagnostic> {
    let mut out = file.diagnostics.clone();
    if let Some(doc) = &file.document {
        let mut found = file.found.clone();
        found.extend(checks::check_with_site(doc, &ws.config, site));
        out.extend(settle_findings(ws, doc, found, args.report_unused_disables));
    }
    out
}

/// Every check on one document, at configured severities, with its inline suppressions
/// applied.
pub fn check_document(
    ws: &Workspace,
    site: &Site,
    doc: &Document,
    report_unused_disables: bool,
) -> Vec<Diagnostic> {
    let found = checks::check_document(doc, &ws.config, site, &ws.spelling);
    settle_findings(ws, doc, found, report_unused_disables)
}

/// Findings about `doc` at their configured severities, with its inline suppressions applied
/// (suppressions that silence nothing are not reported here).
pub fn settle_document_findings(
    ws: &Workspace,
    doc: &Document,
    found: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    settle_findings(ws, doc, found, false)
}

fn settle_findings(
    ws: &Workspace,
    doc: &Document,
    found: Vec<Diagnostic>,
    report_unused_disables: bool,
) -> Vec<Diagnostic> {
    let found: Vec<Diagnostic> = found
        .into_iter()
        .filter_map(|d| configured(&ws.config, d))
        .collect();
    crate::suppress::apply(doc, found, &ws.rules(), report_unused_disables)
}

/// One file's text after `--fix`: every automatic fix applied, then the file checked again
/// and the new fixes applied, until none is left, so a second `--fix` changes nothing even
/// where one fix uncovers another (`할것같다` -> `할 것같다` -> `할 것 같다`).
pub struct FixedFile {
    /// The file as it was read.
    pub source: Arc<SourceFile>,
    /// Its text with the fixes applied.
    pub text: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// False when fixes still changed the text after [`MAX_FIX_ROUNDS`] (rules that undo
    /// each other); the text is then the original, so nothing is written.
    pub settled: bool,
}

/// Rounds of fix-and-check before giving up on a file whose fixes keep changing it.
pub const MAX_FIX_ROUNDS: usize = 10;

/// The settled text of every file under the site root that has automatic fixes, in report
/// order. Runs on the current thread pool.
pub fn settle_fixes(
    ws: &Workspace,
    site: &Site,
    loaded: &[LoadedFile],
    diagnostics: &[Diagnostic],
) -> Vec<FixedFile> {
    let documents: HashMap<&std::path::Path, &Document> = loaded
        .iter()
        .filter_map(|f| f.document.as_ref())
        .map(|d| (d.source.path.as_path(), d))
        .collect();
    let files: Vec<_> = crate::fix::by_file(diagnostics)
        .into_iter()
        .filter(|(source, _)| source.path.starts_with(&ws.root))
        .collect();
    files
        .par_iter()
        .map(|(source, fixes)| {
            let document = documents.get(source.path.as_path()).copied();
            settle_file(ws, site, source, document, fixes)
        })
        .collect()
}

fn settle_file(
    ws: &Workspace,
    site: &Site,
    source: &Arc<SourceFile>,
    document: Option<&Document>,
    first: &[&crate::diagnostic::Fix],
) -> FixedFile {
    let (mut text, mut applied) = crate::fix::apply(&source.text, first);
    let mut settled = false;
    for _ in 1..MAX_FIX_ROUNDS {
        // Only documents can be checked again; other fixes (none yet) settle in one round.
        let Some(document) = document else {
            settled = true;
            break;
        };
        let again = SourceFile::new(
            source.path.clone(),
            source.display_path.clone(),
            text.clone(),
        );
        let doc = Document::new(again, document.rel_path.clone(), document.kind.clone());
        let found = check_document(ws, site, &doc, false);
        let fixes: Vec<&crate::diagnostic::Fix> = found
            .iter()
            .filter_map(|d| d.fix.as_ref().filter(|f| f.automatic))
            .collect();
        let (next, more) = crate::fix::apply(&text, &fixes);
        if more == 0 || next == text {
            settled = true;
            break;
        }
        text = next;
        applied += more;
    }
    if !settled {
        text = source.text.clone();
        applied = 0;
    }
    FixedFile {
        source: Arc::clone(source),
        text,
        applied,
        settled,
    }
}

/// `--diff`: prints the settled fixes as a unified diff; exit status 1 when there is one.
pub fn print_diff(out: &mut dyn Write, err: &mut dyn Write, fixed: &[FixedFile]) -> ExitStatus {
    let mut changed = 0;
    for file in fixed {
        warn_unsettled(err, file);
        if file.text == file.source.text {
            continue;
        }
        changed += 1;
        let diff = crate::fix::diff(&file.source.display_path, &file.source.text, &file.text);
        if write!(out, "{diff}").is_err() {
            return ExitStatus::Error;
        }
    }
    let _ = writeln!(err, "{} would be changed by --fix", count(changed, "file"));
    if changed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn warn_unsettled(err: &mut dyn Write, file: &FixedFile) {
    if !file.settled {
        let _ = writeln!(
            err,
            "warning: fixes in {} still changed it after {MAX_FIX_ROUNDS} rounds, so it was not fixed; two rules may undo each other",
            file.source.display_path
        );
    }
}

/// `--fix`: writes the settled fixes (only inside `root`) and returns how many were written.
pub fn fix_files(err: &mut dyn Write, root: &std::path::Path, fixed: &[FixedFile]) -> usize {
    let mut files = 0;
    let mut written = 0;
    for file in fixed {
        warn_unsettled(err, file);
        if file.text == file.source.text {
            continue;
        }
        match crate::fix::write(&file.source.path, root, &file.source.text, &file.text) {
            crate::fix::Outcome::Fixed(_) => {
                written += file.applied;
                files += 1;
            }
            crate::fix::Outcome::Changed => {
                let _ = writeln!(
                    err,
                    "warning: {} changed on disk while it was checked; not fixed",
                    file.source.display_path
                );
            }
            crate::fix::Outcome::Failed(why) => {
                let _ = writeln!(
                    err,
                    "warning: cannot fix {}: {why}",
                    file.source.display_path
                );
            }
        }
    }
    let _ = writeln!(
        err,
        "fixed {} in {}",
        count(written, "problem"),
        count(files, "file")
    );
    written
}

/// `1 file`, `2 files`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A diagnostic with its configured severity, or `None` when its rule (or entry) is off.
fn configured(config: &Config, mut d: Diagnostic) -> Option<Diagnostic> {
    let default = checks::rule(d.rule).map_or(d.severity, |r| r.default_severity);
    d.severity = config
        .severity
        .resolve_entry(d.rule, d.entry.as_deref(), default)?;
    Some(d)
}

/// Applies configured severities (dropping rules turned off; documents' findings already have
/// theirs, and applying them twice changes nothing) and sorts by file and position.
pub fn finish(config: &Config, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|d| configured(config, d))
        .collect();
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// Writes the report in the chosen format. Machine formats leave out info diagnostics under
/// `--quiet`, as the human report does.
pub fn write_report(
    out: &mut dyn Write,
    style: Style,
    ws: &Workspace,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    pool: &rayon::ThreadPool,
) -> std::io::Result<()> {
    let shown: Vec<Diagnostic>;
    let machine = if style.quiet {
        shown = diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .cloned()
            .collect();
        shown.as_slice()
    } else {
        diagnostics
    };
    if style.github_annotations {
        report::github::write(out, machine)?;
    }
    match style.format {
        Format::Human => human::write(
            out,
            diagnostics,
            summary,
            human::HumanOptions {
                color: style.color,
                quiet: style.quiet,
                width: REPORT_WIDTH,
            },
            pool,
        ),
        Format::Json => report::json::write(out, machine, summary, pool),
        Format::Sarif => report::sarif::write(out, machine, &ws.rules(), &ws.root),
        Format::Github => report::github::write(out, machine),
        Format::Compact => report::compact::write(out, machine),
        Format::Checkstyle => report::checkstyle::write(out, machine),
    }
}

/// 2 if the run failed, 1 if findings fail it, else 0.
pub fn exit_status(run_failed: bool, summary: &Summary, args: &CheckArgs) -> ExitStatus {
    if run_failed {
        ExitStatus::Error
    } else if summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// `postlint rules` output.
pub fn write_rules(out: &mut dyn Write, format: RulesFormat) -> std::io::Result<()> {
    match format {
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = checks::RULES
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "severity": r.default_severity.as_str(), "summary": r.summary}))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules)?;
            writeln!(out)
        }
        RulesFormat::Human => {
            let width = checks::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in checks::RULES {
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {}",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary
                )?;
            }
            Ok(())
        }
    }
}

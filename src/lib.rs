//! postlint: a linter for Jekyll sites. The pipeline, in the order data flows:
//!
//! ```text
//! workspace -> discover -> load (parallel) -> index -> check (parallel) -> read back -> report
//! ```
//!
//! A plain check lets go of each document's text once the checks that read it have run, and
//! reads back only the lines of the files it reports ([`run::Texts`]).
//!
//! Checks are pure functions of a [`document::Document`], the [`site::Site`] index and the
//! [`config::Config`]; only `discover`, `document::load`, the index's reading of non-Markdown
//! files and the read-back ([`run::restore_sources`]) touch the filesystem.

pub mod changed;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod fix;
pub mod git;
pub mod lsp;
pub mod report;
pub mod run;
pub mod site;
pub mod spelling;
pub mod suppress;
pub mod workspace;

use std::io::Write;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::report::Summary;

/// What the process should exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No errors (and no warnings under `--deny warnings`).
    Success = 0,
    /// Findings that fail the run.
    Failure = 1,
    /// The run itself failed: usage, configuration or I/O.
    Error = 2,
}

/// `postlint check`: the whole pipeline from command-line paths to an exit status. The report
/// goes through a buffer: standard output is line-buffered, and a report of thousands of
/// findings was thousands of `write` calls.
pub fn check(args: &cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let status = check_buffered(args, &mut buffered, err);
    match buffered.flush() {
        Ok(()) => status,
        // A reader that stopped early (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Error,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the report: {e}");
            ExitStatus::Error
        }
    }
}

fn check_buffered(args: &cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let style = run::Style::from_args(args);
    // One pool for the whole run, the rule sets' compilation included: a second (rayon's
    // global one) would spin beside it on the same cores.
    let Some(pool) = run::thread_pool(err, args.threads) else {
        return ExitStatus::Error;
    };
    let mut timings = run::Timings::start();
    // What needs no spelling rules runs while they compile: which files changed, and two
    // walks side by side, of the files to check and of the whole site for the index (a folder
    // is read on one thread, and a blog keeps its posts in one).
    let opened = pool.install(|| {
        run::open_workspace(args, |workspace| {
            let change = match (args.changed_since.as_deref(), args.staged) {
                (Some(rev), _) => changed::SiteChange::read(workspace, rev),
                (None, true) => changed::SiteChange::staged(workspace).map(Some),
                (None, false) => Ok(None),
            };
            std::thread::scope(|scope| {
                let site_walk =
                    scope.spawn(|| discover::discover(&run::index_options(workspace, args)));
                let found = discover::discover(&run::discover_options(workspace, args));
                let whole_site = site_walk
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (change, found, whole_site)
            })
        })
    });
    let (workspace, (change, mut found, whole_site)) = match opened {
        Ok(opened) => opened,
        Err(e) => return run::fail(err, style, e.as_ref()),
    };
    let change = match change {
        Ok(change) => change,
        Err(message) => {
            let error = miette::MietteDiagnostic::new(message).with_help(
                "--changed-since takes a commit, branch or tag (HEAD, origin/main); both it and --staged need a git repository",
            );
            return run::fail(err, style, &error);
        }
    };
    timings.mark("open and walk");
    if let Some(change) = &change
        && args.paths.is_empty()
    {
        found.files.retain(|f| change.present.contains(&f.path));
    }
    let run_failed = run::report_missing(err, style, &workspace, &found.missing);
    let mut diagnostics: Vec<Diagnostic> = found
        .problems
        .iter()
        .map(|p| run::walk_problem(&workspace, p))
        .collect();
    // `--fix` and `--diff` rewrite the texts; a plain check lets each go once it is read.
    let texts = if args.fix || args.diff {
        run::Texts::Keep
    } else {
        run::Texts::Release
    };
    let (loaded, site) = pool.install(|| {
        let loaded = run::load_all(&workspace, &found.files, &whole_site.files, texts);
        timings.mark("read and parse");
        let options = run::index_options_for(&workspace, args);
        let (docs, others) = run::index_inputs(&workspace, &loaded, &whole_site.other_files);
        let site = site::build::build(&workspace.jekyll, &options, &docs, &others);
        timings.mark("index");
        diagnostics.par_extend(
            loaded
                .par_iter()
                .filter(|file| file.checked)
                .flat_map_iter(|file| run::check_file(&workspace, &site, file, args)),
        );
        if let Some(change) = &change {
            let untouched: Vec<&document::Document> = loaded
                .iter()
                .filter(|f| !f.checked)
                .filter_map(|f| f.document.as_ref())
                .collect();
            diagnostics.extend(changed::broken_by_change(
                &workspace, &options, change, &site, &docs, &others, &untouched,
            ));
        }
        (loaded, site)
    });
    timings.mark("check");
    let diagnostics = if texts == run::Texts::Release {
        // The documents and the index go first (freed on the pool: millions of small
        // allocations took 90 ms on one thread): the texts read back take their place.
        let restored = pool.install(|| {
            rayon::join(|| drop(site), || loaded.into_par_iter().for_each(drop));
            run::restore_sources(&workspace, diagnostics)
        });
        timings.mark("read back");
        run::finish(&workspace.config, restored)
    } else {
        let diagnostics = run::finish(&workspace.config, diagnostics);
        if args.diff || args.fix {
            let fixed =
                pool.install(|| run::settle_fixes(&workspace, &site, &loaded, &diagnostics));
            if args.diff {
                return run::print_diff(out, err, &fixed);
            }
            // After fixing, check again: what is left is reported at its place in the new text.
            if run::fix_files(err, &workspace.root, &fixed) > 0 {
                let again = cli::CheckArgs {
                    fix: false,
                    ..args.clone()
                };
                return check_buffered(&again, out, err);
            }
        }
        diagnostics
    };
    let summary = Summary::new(found.files.len() + found.problems.len(), &diagnostics);
    if let Err(e) = run::write_report(out, style, &workspace, &diagnostics, &summary, &pool) {
        // A reader that stopped early (`| head`) is not an error worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "error: cannot write the report: {e}");
        }
        return ExitStatus::Error;
    }
    timings.mark("report");
    if args.timings {
        timings.write(err);
    }
    run::exit_status(run_failed, &summary, args)
}

/// `postlint rules`: every rule with its default severity and summary.
pub fn rules(args: &cli::RulesArgs, out: &mut dyn Write) -> std::io::Result<()> {
    run::write_rules(out, args.format)
}

//! Command-line definitions (clap). No logic lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::Format;

/// Lint a Jekyll site: front matter, links and spelling, with exact spans.
#[derive(Debug, Parser)]
#[command(name = "postlint", version, about, propagate_version = true)]
#[command(after_help = "Examples:
  postlint check                      check the site around the current folder
  postlint check _posts/2016-05-18-aws-summit.md
  postlint check --format json > report.json
  postlint check --deny warnings      fail on warnings too (CI)
  postlint rules                      list every rule and its default severity")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files or folders of a Jekyll site.
    #[command(
        after_help = "Exit status: 0 no errors, 1 errors found (or warnings with --deny warnings), 2 the run itself failed.

Examples:
  postlint check
  postlint check fixtures/site
  postlint check --root site site/_posts/2016-05-18-aws-summit.md
  postlint check --format json --quiet"
    )]
    Check(CheckArgs),
    /// List every rule with its default severity and what it finds.
    Rules(RulesArgs),
    /// Serve the Language Server Protocol on stdin/stdout, for editors.
    Lsp,
}

/// Arguments of `postlint check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the site around the current folder).
    pub paths: Vec<PathBuf>,
    /// Site root (default: the nearest folder above the first path holding _config.yml or .postlint.yml).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Configuration file (default: .postlint.yml at the site root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format (default: human; under GitHub Actions, annotations and the human report).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Treat warnings as failures for the exit status.
    #[arg(long, value_enum, value_name = "warnings")]
    pub deny: Option<Deny>,
    /// Print diagnostics only: no info diagnostics and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Build `_drafts` into the site, as `jekyll build --drafts` does (links to drafts resolve).
    #[arg(long)]
    pub drafts: bool,
    /// Build documents with `published: false`, as `jekyll build --unpublished` does.
    #[arg(long)]
    pub unpublished: bool,
    /// Print how long each stage took (walk, read, index, check, report) to stderr.
    #[arg(long)]
    pub timings: bool,
    /// Apply every automatic fix (typos with one right form, in sets that allow it), then
    /// report what is left. Files are replaced atomically; code is never touched.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the automatic fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Check the documents changed since this git revision (committed, staged, unstaged or
    /// untracked), and report links in other documents that the change broke (a post
    /// deleted, renamed or given a new permalink). With paths, check those instead.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Like `--changed-since HEAD`, but the change is what is staged for the next commit
    /// (unstaged and untracked files do not count): for pre-commit hooks.
    #[arg(long, conflicts_with = "changed_since")]
    pub staged: bool,
    /// Report inline suppressions (`<!-- postlint-disable … -->`, front-matter
    /// `postlint.disable`) that silence nothing.
    #[arg(long)]
    pub report_unused_disables: bool,
}

/// Arguments of `postlint rules`.
#[derive(Debug, Clone, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

/// `postlint rules --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One rule per line: id, default severity, summary.
    Human,
    /// An array of `{id, severity, summary}`.
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--deny`: what else fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run too.
    Warnings,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}

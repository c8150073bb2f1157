//! Reporters turn sorted diagnostics into text. They know nothing of checks.

pub mod checkstyle;
pub mod compact;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the exact span underlined, for people.
    Human,
    /// The versioned JSON contract documented in the README, for tools.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other analysis platforms.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// `path:line:col: severity [rule] message`, for editors' quickfix and problem matchers.
    Compact,
    /// Checkstyle XML, for reviewdog and CI servers.
    Checkstyle,
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files examined (checked or skipped with a diagnostic).
    pub files: usize,
    /// Diagnostics at error severity.
    pub errors: usize,
    /// Diagnostics at warning severity.
    pub warnings: usize,
    /// Diagnostics at info severity.
    pub infos: usize,
}

impl Summary {
    /// Counts `diagnostics` found in `files` files.
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

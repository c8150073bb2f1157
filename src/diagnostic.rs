//! The one currency between checks and reporters: a finding with an exact byte span.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// How serious a finding is; decides the exit status and how reporters label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing, never fails a run (for example: an ignored file was checked anyway).
    Info,
    /// Fails the run only under `--deny warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Severity {
    /// The lower-case name used in JSON, configuration and `postlint rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A replacement that would resolve a finding; later applied by `--fix` and offered by editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Bytes of the file to replace.
    pub span: Range<usize>,
    /// Text to put there.
    pub replacement: String,
    /// `--fix` may apply it: the rule has one right form and allows automatic fixes. Other
    /// fixes are suggestions for editors and bots.
    pub automatic: bool,
}

/// The text of a checked file, shared by all its diagnostics so reporters can show the source
/// line and derive line and column without reading the file again.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as the user should see it (relative to the current folder when possible).
    pub display_path: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The file's text; empty when the file could not be read.
    pub text: String,
    /// Byte offsets of the start of every line, derived once.
    pub lines: crate::document::line_index::LineIndex,
    /// Set when the text was let go after the checks that read it (see [`SourceFile::release`]):
    /// `text` then holds only its first bytes, and the report reads the rest back.
    pub released: Option<Released>,
}

/// What a released text was, so it can be read back and known to be the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Released {
    /// Its length in bytes.
    pub len: usize,
    /// Its XXH3 hash.
    pub hash: u64,
}

impl Released {
    /// The length and hash of `text`.
    pub fn of(text: &str) -> Self {
        Released {
            len: text.len(),
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }
    }
}

impl SourceFile {
    /// Wraps a file's text, computing its line index once.
    pub fn new(path: PathBuf, display_path: String, text: String) -> Arc<Self> {
        let lines = crate::document::line_index::LineIndex::new(&text);
        Arc::new(SourceFile {
            display_path,
            path,
            text,
            lines,
            released: None,
        })
    }

    /// The same file keeping only its first `keep` bytes of text (moved back to a character
    /// boundary) and its line index. A whole site's texts are most of a run's memory, and
    /// once a document is read only its front matter is looked at again; the report reads
    /// back the files it shows, checking they did not change.
    pub fn release(&self, keep: usize) -> Arc<Self> {
        let mut keep = keep.min(self.text.len());
        while !self.text.is_char_boundary(keep) {
            keep -= 1;
        }
        Arc::new(SourceFile {
            display_path: self.display_path.clone(),
            path: self.path.clone(),
            text: self.text.get(..keep).unwrap_or("").to_owned(),
            lines: self.lines.clone(),
            released: Some(self.released.unwrap_or_else(|| Released::of(&self.text))),
        })
    }

    /// The length of the whole text, released or not.
    pub fn len(&self) -> usize {
        self.released.map_or(self.text.len(), |r| r.len)
    }

    /// True when the file has no text at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A single finding: which rule, where (bytes of one file), what is wrong and what to write.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Stable rule id such as `front-matter/missing-key`.
    pub rule: &'static str,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// The file the finding is about.
    pub source: Arc<SourceFile>,
    /// Byte range in `source.text`; may be empty (a point) but always lies on char boundaries.
    pub span: Range<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to write instead, when we can say.
    pub help: Option<String>,
    /// A machine-applicable replacement, when one is certain.
    pub fix: Option<Fix>,
    /// For a rule set's finding, the entry (its right form), so configuration can re-level
    /// or turn off one entry: `typo/ko-loanwords/캐시`.
    pub entry: Option<String>,
}

impl Diagnostic {
    /// Starts a diagnostic with the rule's default severity; `span` is clamped to the text and
    /// moved to char boundaries so no reporter can panic on it.
    pub fn new(
        rule: &'static crate::checks::Rule,
        source: &Arc<SourceFile>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = match source.released {
            // Only the first bytes are here: clamp to the length now, to characters when the
            // text is read back for the report.
            Some(released) => {
                let start = span.start.min(released.len);
                start..span.end.clamp(start, released.len)
            }
            None => clamp_span(&source.text, span),
        };
        Diagnostic {
            rule: rule.id,
            severity: rule.default_severity,
            source: Arc::clone(source),
            span,
            message: message.into(),
            help: None,
            fix: None,
            entry: None,
        }
    }

    /// Adds the help line: what to write instead.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a machine-applicable fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The key reporters sort by: file, then position, then rule, so output never depends on
    /// thread scheduling.
    pub fn sort_key(&self) -> (&str, usize, usize, &'static str, &str) {
        (
            &self.source.display_path,
            self.span.start,
            self.span.end,
            self.rule,
            &self.message,
        )
    }
}

/// Clamps a byte range to `text` and widens it outward to char boundaries.
pub fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_span_keeps_hangul_whole_and_stays_inside() {
        let text = "캐쉬를"; // 3 bytes per syllable
        assert_eq!(clamp_span(text, 1..4), 0..6);
        assert_eq!(clamp_span(text, 3..100), 3..9);
        assert_eq!(clamp_span(text, 50..60), 9..9);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 6..3;
        assert_eq!(clamp_span(text, backwards), 6..6);
    }
}

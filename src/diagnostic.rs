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
    /// The file's text; empty when the file could not be read, and in an excerpt (see
    /// [`SourceFile::excerpt`]): reporters read through [`SourceFile::slice`] and
    /// [`SourceFile::position`], which work on both.
    pub text: String,
    /// Byte offsets of the start of every line, derived once.
    pub lines: crate::document::line_index::LineIndex,
    /// Set when the text was let go after the checks that read it (see [`SourceFile::release`]):
    /// `text` then holds only its first bytes, and the report reads the rest back.
    pub released: Option<Released>,
    /// The lines kept when only some are (see [`SourceFile::excerpt`]).
    excerpt: Option<Excerpt>,
}

/// Runs of whole lines kept of a file's text for a report that shows nothing else.
#[derive(Debug)]
struct Excerpt {
    /// `(byte offset in the file, text)` of each run, in file order, never overlapping.
    runs: Vec<(usize, String)>,
    /// The whole text's length.
    len: usize,
    /// The whole text starts with a byte-order mark (columns on line 1 start after it).
    bom: bool,
}

impl Excerpt {
    /// The run holding the bytes `range`, with its offset.
    fn run(&self, range: &Range<usize>) -> Option<(usize, &str)> {
        let after = self
            .runs
            .partition_point(|(start, _)| *start <= range.start);
        let (start, text) = self.runs.get(after.checked_sub(1)?)?;
        (range.end <= start + text.len()).then_some((*start, text.as_str()))
    }
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
        Self::of_bytes(text.as_bytes())
    }

    /// The length and hash of a file's bytes, to compare with a released text's.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Released {
            len: bytes.len(),
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
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
            excerpt: None,
        })
    }

    /// The file keeping only the 1-based, inclusive line ranges `keep` (clamped and merged),
    /// for a report that shows nothing else: a report needs the lines of its findings and
    /// one line either side, and a site's other lines were most of a run's memory.
    pub fn excerpt(self: Arc<Self>, mut keep: Vec<(usize, usize)>) -> Arc<Self> {
        let whole = Arc::try_unwrap(self).unwrap_or_else(|shared| SourceFile {
            display_path: shared.display_path.clone(),
            path: shared.path.clone(),
            text: shared.text.clone(),
            lines: shared.lines.clone(),
            released: shared.released,
            excerpt: None,
        });
        if whole.excerpt.is_some() {
            return Arc::new(whole);
        }
        keep.sort_unstable();
        let mut runs: Vec<(usize, String)> = Vec::new();
        for (first, last) in keep {
            let first = first.clamp(1, whole.lines.line_count());
            let last = last.clamp(first, whole.lines.line_count());
            let start = whole.lines.line_start(first).unwrap_or(0);
            let end = whole.lines.line_start(last + 1).unwrap_or(whole.text.len());
            match runs.last_mut() {
                // Touching or overlapping the previous run (ranges come sorted): extend it.
                Some((run_start, run)) if start <= *run_start + run.len() => {
                    let run_end = *run_start + run.len();
                    if end > run_end {
                        run.push_str(whole.text.get(run_end..end).unwrap_or(""));
                    }
                }
                _ => {
                    if let Some(piece) = whole.text.get(start..end) {
                        runs.push((start, piece.to_owned()));
                    }
                }
            }
        }
        let excerpt = Excerpt {
            runs,
            len: whole.text.len(),
            bom: whole.text.starts_with('\u{feff}'),
        };
        Arc::new(SourceFile {
            display_path: whole.display_path,
            path: whole.path,
            text: String::new(),
            lines: whole.lines,
            released: None,
            excerpt: Some(excerpt),
        })
    }

    /// The text of bytes `range`, when the file has them (an excerpt has only its lines).
    pub fn slice(&self, range: Range<usize>) -> Option<&str> {
        match &self.excerpt {
            None => self.text.get(range),
            Some(excerpt) => {
                let (start, run) = excerpt.run(&range)?;
                run.get(range.start - start..range.end - start)
            }
        }
    }

    /// The line and columns of byte `offset`, in the whole text or in an excerpt's lines.
    pub fn position(&self, offset: usize) -> crate::document::line_index::Position {
        match &self.excerpt {
            None => self.lines.position(&self.text, offset),
            Some(excerpt) => {
                let offset = offset.min(excerpt.len);
                let (start, run) = excerpt.run(&(offset..offset)).unwrap_or((offset, ""));
                self.lines.position_within(run, start, offset, excerpt.bom)
            }
        }
    }

    /// `at`, or the start of the character it falls inside (`at` past the end: the end).
    pub fn char_floor(&self, at: usize) -> usize {
        let mut at = at.min(self.len());
        let Some((start, run)) = (match &self.excerpt {
            None => Some((0, self.text.as_str())),
            Some(excerpt) => excerpt.run(&(at..at)),
        }) else {
            return at;
        };
        while at > start && !run.is_char_boundary(at - start) {
            at -= 1;
        }
        at
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
            excerpt: None,
        })
    }

    /// A released file (see [`SourceFile::release`]) with its whole `text` again, read back
    /// by the caller and known to be the same (by [`Released::of`]): the line index is kept.
    pub fn restored(&self, text: String) -> Arc<Self> {
        Arc::new(SourceFile {
            display_path: self.display_path.clone(),
            path: self.path.clone(),
            text,
            lines: self.lines.clone(),
            released: None,
            excerpt: None,
        })
    }

    /// The length of the whole text, released, excerpted or not.
    pub fn len(&self) -> usize {
        match (&self.excerpt, self.released) {
            (Some(excerpt), _) => excerpt.len,
            (None, Some(released)) => released.len,
            (None, None) => self.text.len(),
        }
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
    fn an_excerpt_answers_like_the_whole_text_on_its_lines() {
        // A byte-order mark, CRLF, an empty line, Hangul and emoji, a line past a checkpoint.
        let long = format!("{}캐쉬 끝\n", "가나다 ".repeat(200));
        let text = format!("\u{feff}첫 줄 캐쉬\r\nabc 😀 아키텍쳐\n\n{long}마지막 줄");
        let whole = SourceFile::new("a.md".into(), "a.md".into(), text.clone());
        let keeps: [&[(usize, usize)]; 5] = [
            &[(1, 1)],
            &[(2, 2), (4, 5)],
            &[(4, 5), (3, 4), (0, 1)],
            &[(5, 9)],
            &[(0, 100)],
        ];
        for keep in keeps {
            let part = Arc::clone(&whole).excerpt(keep.to_vec());
            assert!(part.text.is_empty());
            assert_eq!(part.len(), text.len());
            let kept = |offset: usize| {
                let line = whole.lines.line(offset);
                keep.iter().any(|&(a, b)| (a.max(1)..=b).contains(&line))
            };
            for offset in 0..=text.len() {
                if !kept(offset) {
                    continue;
                }
                assert_eq!(
                    part.position(offset),
                    whole.position(offset),
                    "{keep:?} at {offset}"
                );
                assert_eq!(
                    part.char_floor(offset),
                    whole.char_floor(offset),
                    "{keep:?} at {offset}"
                );
                let line = whole.lines.line(offset);
                let end = whole.lines.line_start(line + 1).unwrap_or(text.len());
                assert_eq!(
                    part.slice(offset..end),
                    whole.slice(offset..end),
                    "{keep:?} at {offset}"
                );
            }
        }
        // Lines that were not kept are not there to read; asking never panics.
        let part = Arc::clone(&whole).excerpt(vec![(2, 2)]);
        assert_eq!(part.slice(0..3), None);
        assert_eq!(part.slice(text.len()..text.len() + 5), None);
        let _ = part.position(text.len() + 5);
        let _ = part.char_floor(1);
    }

    #[test]
    fn a_released_text_keeps_its_front_matter_and_remembers_the_rest() {
        let text = "---\ntitle: 캐쉬\n---\n본문 아키텍쳐\n";
        let whole = SourceFile::new("a.md".into(), "a.md".into(), text.into());
        // Asked to keep a byte inside a Hangul syllable: it keeps the syllable out.
        let released = whole.release(text.find("캐쉬").unwrap() + 1);
        assert_eq!(released.text, "---\ntitle: ");
        assert_eq!(released.len(), text.len());
        assert_eq!(released.released, Some(Released::of(text)));
        // Spans past the kept bytes survive until the text is read back.
        let d = Diagnostic::new(&crate::checks::file::UNREADABLE, &released, 30..33, "x");
        assert_eq!(d.span, 30..33);
        let d = Diagnostic::new(&crate::checks::file::UNREADABLE, &released, 90..99, "x");
        assert_eq!(d.span, text.len()..text.len());
    }

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

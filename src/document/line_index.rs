//! Maps byte offsets to 1-based lines and columns, computed once per file.

/// A position in a file as people and tools count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode scalar values (what people and the JSON output count).
    pub column: usize,
    /// 1-based column in UTF-16 code units (what LSP and SARIF count).
    pub utf16_column: usize,
}

const BOM: &str = "\u{feff}";

/// Bytes between [`Checkpoint`]s on a long line: a column is counted from the nearest one, so
/// finding it costs at most this much however long the line (a million findings on one 10 MB
/// line would otherwise count 10^13 characters).
const CHECKPOINT_STRIDE: usize = 1024;

/// Start offsets of every line of a text. A line ends after `\n`; a lone `\r` is not a line end
/// (Markdown and YAML both treat CRLF as one break, and `\r` before `\n` stays on its line).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Column counts at every [`CHECKPOINT_STRIDE`] bytes of lines longer than that, in file
    /// order; empty for files without long lines.
    checkpoints: Vec<Checkpoint>,
}

/// Columns already counted at a character boundary inside a long line.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    /// Byte offset in the file (a character boundary).
    byte: usize,
    /// Characters from the line's start (after a BOM on the first line) to `byte`.
    chars: usize,
    /// UTF-16 code units over the same text.
    utf16: usize,
}

impl LineIndex {
    /// Indexes `text` in one pass (and one more over lines longer than 1 KiB).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // Kept for the whole run, for every file of the site: no spare capacity.
        starts.shrink_to_fit();
        let mut checkpoints = Vec::new();
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        for (i, (start, end)) in starts.iter().copied().zip(ends).enumerate() {
            if end.saturating_sub(start) > CHECKPOINT_STRIDE {
                let start = if i == 0 && text.starts_with(BOM) {
                    BOM.len()
                } else {
                    start
                };
                add_checkpoints(text, start, end, &mut checkpoints);
            }
        }
        checkpoints.shrink_to_fit();
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Number of lines (an empty text has one empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of byte `offset`; needs no text, so it works on a released file.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .copied()
    }

    /// The position of byte `offset` in `text` (the text this index was built from). Offsets
    /// past the end or inside a character are moved back to the nearest character start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.position_within(text, 0, offset, text.starts_with(BOM))
    }

    /// [`LineIndex::position`] reading only `window`, the text's bytes from `window_start`
    /// on, which must hold the whole line of `offset` (`bom`: the whole text starts with a
    /// byte-order mark). Offsets outside the window are moved into it.
    pub fn position_within(
        &self,
        window: &str,
        window_start: usize,
        offset: usize,
        bom: bool,
    ) -> Position {
        let mut offset = offset.clamp(window_start, window_start + window.len());
        while offset > window_start && !window.is_char_boundary(offset - window_start) {
            offset -= 1;
        }
        let line_idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let line_start = self.starts.get(line_idx).copied().unwrap_or(0);
        // Editors hide a byte-order mark: columns on the first line start after it.
        let line_start = if line_idx == 0 && offset >= BOM.len() && bom {
            BOM.len()
        } else {
            line_start
        };
        let (from, chars, utf16) = self.nearest_checkpoint(line_start, offset);
        let prefix = window
            .get(from.saturating_sub(window_start)..offset - window_start)
            .unwrap_or("");
        Position {
            line: line_idx + 1,
            column: chars + prefix.chars().count() + 1,
            utf16_column: utf16 + prefix.encode_utf16().count() + 1,
        }
    }

    /// Where to start counting columns for `offset` on the line starting at `line_start`:
    /// the last checkpoint of that line at or before `offset`, or the line start.
    fn nearest_checkpoint(&self, line_start: usize, offset: usize) -> (usize, usize, usize) {
        if offset - line_start.min(offset) <= CHECKPOINT_STRIDE {
            return (line_start, 0, 0);
        }
        let after = self.checkpoints.partition_point(|c| c.byte <= offset);
        match after.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(c) if c.byte >= line_start => (c.byte, c.chars, c.utf16),
            _ => (line_start, 0, 0),
        }
    }

    /// The byte offset of a 1-based line and character column; the inverse of [`position`].
    /// Columns past the end of the line clamp to its end (before the line break).
    ///
    /// [`position`]: LineIndex::position
    pub fn offset(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        let start = self.line_start(line)?;
        let start = if line == 1 && text.starts_with(BOM) {
            BOM.len()
        } else {
            start
        };
        let end = self.line_start(line + 1).unwrap_or(text.len());
        let line_text = text.get(start..end)?;
        let content = line_text.trim_end_matches(['\n', '\r']);
        let within = content
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(content.len(), |(i, _)| i);
        Some(start + within)
    }
}

/// Checkpoints every [`CHECKPOINT_STRIDE`] bytes of the line `start..end` of `text`.
fn add_checkpoints(text: &str, start: usize, end: usize, out: &mut Vec<Checkpoint>) {
    let (mut at, mut chars, mut utf16) = (start, 0, 0);
    loop {
        let mut next = at + CHECKPOINT_STRIDE;
        if next >= end {
            return;
        }
        while !text.is_char_boundary(next) {
            next += 1;
        }
        let Some(segment) = text.get(at..next) else {
            return;
        };
        chars += segment.chars().count();
        utf16 += segment.chars().map(char::len_utf16).sum::<usize>();
        out.push(Checkpoint {
            byte: next,
            chars,
            utf16,
        });
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "title: 캐쉬\n요약: AWS 😀 Submit\r\nend";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let caesh = text.find("캐쉬").unwrap();
        let p = index.position(text, caesh);
        assert_eq!((p.line, p.column, p.utf16_column), (1, 8, 8));
        let submit = text.find("Submit").unwrap();
        let p = index.position(text, submit);
        // "요약: AWS 😀 " is 10 chars; the emoji is 2 UTF-16 units.
        assert_eq!((p.line, p.column, p.utf16_column), (2, 11, 12));
        let p = index.position(text, text.find("end").unwrap());
        assert_eq!((p.line, p.column), (3, 1));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_do_not_panic() {
        let text = "가나다";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1).column, 1);
        assert_eq!(index.position(text, 4).column, 2);
        assert_eq!(index.position(text, 999).column, 4);
    }

    #[test]
    fn offset_is_the_inverse_of_position() {
        let text = "---\ntitle: '아키텍쳐'\r\n---\n\n본문 ElasticCache는\n";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let p = index.position(text, offset);
            if text[offset..].starts_with(['\n', '\r']) {
                continue;
            }
            assert_eq!(
                index.offset(text, p.line, p.column),
                Some(offset),
                "{offset}"
            );
        }
        assert_eq!(index.offset(text, 99, 1), None);
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{feff}---\r\ntitle: 캐쉬\r\n";
        let index = LineIndex::new(text);
        let p = index.position(text, 3);
        assert_eq!((p.line, p.column, p.utf16_column), (1, 1, 1));
        assert_eq!(index.offset(text, 1, 1), Some(3));
        assert_eq!(index.position(text, text.find("캐").unwrap()).column, 8);
    }

    #[test]
    fn columns_on_long_lines_agree_with_counting_from_the_line_start() {
        // Long lines of Hangul, ASCII and emoji (2 UTF-16 units), with a BOM and CRLF.
        let long = "캐쉬 a😀".repeat(700);
        let text = format!("\u{feff}{long}\r\n짧다\n{long}\n{long}");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for (offset, _) in text.char_indices().step_by(7) {
            let p = index.position(&text, offset);
            let line_start = index.line_start(p.line).unwrap();
            let line_start = if p.line == 1 { 3 } else { line_start };
            let prefix = &text[line_start.min(offset)..offset];
            assert_eq!(
                (p.column, p.utf16_column),
                (
                    prefix.chars().count() + 1,
                    prefix.encode_utf16().count() + 1
                ),
                "{offset}"
            );
        }
    }

    #[test]
    fn empty_text_has_one_line() {
        let index = LineIndex::new("");
        assert_eq!(index.line_count(), 1);
        assert_eq!(index.position("", 0).line, 1);
    }
}

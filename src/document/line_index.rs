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

/// Start offsets of every line of a text. A line ends after `\n`; a lone `\r` is not a line end
/// (Markdown and YAML both treat CRLF as one break, and `\r` before `\n` stays on its line).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // Kept for the whole run, for every file of the site: no spare capacity.
        starts.shrink_to_fit();
        LineIndex { starts }
    }

    /// Number of lines (an empty text has one empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .copied()
    }

    /// The 1-based line holding byte `offset` (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The position of byte `offset` in `text` (the text this index was built from). Offsets
    /// past the end or inside a character are moved back to the nearest character start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_idx = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let line_start = self.starts.get(line_idx).copied().unwrap_or(0);
        // Editors hide a byte-order mark: columns on the first line start after it.
        let line_start = if line_idx == 0 && offset >= BOM.len() && text.starts_with(BOM) {
            BOM.len()
        } else {
            line_start
        };
        let prefix = text.get(line_start..offset).unwrap_or("");
        Position {
            line: line_idx + 1,
            column: prefix.chars().count() + 1,
            utf16_column: prefix.encode_utf16().count() + 1,
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
    fn empty_text_has_one_line() {
        let index = LineIndex::new("");
        assert_eq!(index.line_count(), 1);
        assert_eq!(index.position("", 0).line, 1);
    }
}

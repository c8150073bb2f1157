//! Splits a file into front matter and body exactly as Jekyll does.
//!
//! Jekyll (`Jekyll::Document::YAML_FRONT_MATTER_REGEXP`) accepts a first line of `---` followed
//! only by whitespace, then YAML up to the first line that is `---` or `...` followed only by
//! whitespace. A UTF-8 BOM before the first line is ignored; CRLF line ends are allowed.

use std::ops::Range;

/// Where the front matter of a file is, if it has any. All ranges are bytes of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// No front matter: the whole file (after any BOM) is the body.
    None {
        /// Where the body starts (3 when there is a BOM, else 0).
        body_start: usize,
    },
    /// `---` ... `---`: front matter Jekyll will read.
    Closed(FrontMatterRange),
    /// An opening `---` line without a closing line: Jekyll treats the file as having no front
    /// matter and renders the dashes and YAML as body text.
    Unclosed {
        /// The opening `---` (without its line break).
        open: Range<usize>,
    },
}

/// The parts of a closed front-matter block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterRange {
    /// The opening `---` (without its line break); where a missing key is reported.
    pub open: Range<usize>,
    /// The YAML between the delimiter lines (may be empty).
    pub yaml: Range<usize>,
    /// Where the body starts, after the closing line and its line break.
    pub body_start: usize,
}

const BOM: &str = "\u{feff}";

/// Finds the front matter of `text`.
pub fn split(text: &str) -> Split {
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = text.get(bom..).unwrap_or("");
    let mut lines = lines_with_offsets(rest).map(|(start, line)| (start + bom, line));
    let Some((open_start, first)) = lines.next() else {
        return Split::None { body_start: bom };
    };
    // The first line must end with a line break: `---` alone at end of file is not front matter.
    if !(is_delimiter(first, "---") && first.ends_with('\n')) {
        return Split::None { body_start: bom };
    }
    let open = open_start..open_start + 3;
    let yaml_start = open_start + first.len();
    for (start, line) in lines {
        if is_delimiter(line, "---") || is_delimiter(line, "...") {
            return Split::Closed(FrontMatterRange {
                open,
                yaml: yaml_start..start,
                body_start: start + line.len(),
            });
        }
    }
    Split::Unclosed { open }
}

/// True for `marker` followed only by whitespace (Ruby's `\s`: space, tab, CR, LF, FF, VT).
fn is_delimiter(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker).is_some_and(|rest| {
        rest.chars()
            .all(|c| matches!(c, ' ' | '\t' | '\r' | '\n' | '\x0b' | '\x0c'))
    })
}

/// Lines including their `\n`, with the byte offset where each starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(text: &str) -> FrontMatterRange {
        match split(text) {
            Split::Closed(fm) => fm,
            other => panic!("expected closed front matter, got {other:?}"),
        }
    }

    #[test]
    fn plain_front_matter() {
        let text = "---\ntitle: 캐쉬\n---\n본문\n";
        let fm = closed(text);
        assert_eq!(fm.open, 0..3);
        assert_eq!(&text[fm.yaml.clone()], "title: 캐쉬\n");
        assert_eq!(&text[fm.body_start..], "본문\n");
    }

    #[test]
    fn bom_crlf_and_trailing_spaces() {
        let text = "\u{feff}---  \r\ntitle: a\r\n---\t\r\nbody";
        let fm = closed(text);
        assert_eq!(fm.open, 3..6);
        assert_eq!(&text[fm.yaml.clone()], "title: a\r\n");
        assert_eq!(&text[fm.body_start..], "body");
    }

    #[test]
    fn dots_close_and_empty_front_matter_is_allowed() {
        let fm = closed("---\na: 1\n...\nx");
        assert_eq!(fm.yaml, 4..9);
        let fm = closed("---\n---\n");
        assert_eq!(fm.yaml, 4..4);
        assert_eq!(fm.body_start, 8);
        let fm = closed("---\na: 1\n---");
        assert_eq!(fm.body_start, 12);
    }

    #[test]
    fn not_front_matter() {
        for text in [
            "",
            "title: a\n---\n",
            " ---\na\n---\n",
            "----\na\n---\n",
            "---",
            "--- x\n---\n",
        ] {
            assert!(matches!(split(text), Split::None { .. }), "{text:?}");
        }
        assert_eq!(split("\u{feff}# hi"), Split::None { body_start: 3 });
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(
            split("---\ntitle: 아키텍쳐\n본문\n"),
            Split::Unclosed { open: 0..3 }
        );
        // A closing delimiter must start the line.
        assert_eq!(split("---\na: 1\n ---\n"), Split::Unclosed { open: 0..3 });
    }
}

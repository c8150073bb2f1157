//! Reads a file once and decides whether it can be checked as text.

use std::path::Path;
use std::sync::Arc;

use crate::checks::file as rules;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::document::front_matter::{self, Split};
use crate::document::yaml::{self, Node, Value};

/// Files bigger than this are skipped unless `max_file_size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How far into a file to look for a NUL byte (as git and ripgrep do) to call it binary.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// The outcome of reading one file.
#[derive(Debug)]
pub enum Loaded {
    /// Valid, non-empty UTF-8 text.
    Text(Arc<SourceFile>),
    /// The file cannot be checked; the diagnostic says why.
    Skipped(Diagnostic),
}

/// Reads `path` (shown to users as `display_path`) and validates it as a text document.
pub fn load(path: &Path, display_path: String, max_size: u64) -> Loaded {
    let empty =
        |path: &Path| SourceFile::new(path.to_path_buf(), display_path.clone(), String::new());
    let size = std::fs::metadata(path).map(|m| m.len());
    if let Ok(size) = size
        && size > max_size
    {
        let source = empty(path);
        return Loaded::Skipped(
            Diagnostic::new(
                &rules::TOO_LARGE,
                &source,
                0..0,
                format!(
                    "file is {} but the limit is {}, so it was not checked",
                    human_size(size),
                    human_size(max_size)
                ),
            )
            .with_help("raise `max_file_size` in .postlint.yml, or add the file to `ignore`"),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let source = empty(path);
            return Loaded::Skipped(
                Diagnostic::new(
                    &rules::UNREADABLE,
                    &source,
                    0..0,
                    format!("cannot read file: {err}"),
                )
                .with_help(unreadable_help(&err)),
            );
        }
    };
    classify_bytes(path, display_path, bytes)
}

/// How much of a non-Markdown file is read to find its front matter; front matter is a few
/// lines, and a larger header is not worth reading for the index.
const FRONT_MATTER_READ_LIMIT: u64 = 256 * 1024;

/// The front matter of a non-Markdown file, when its first line is `---` (Jekyll's
/// `has_yaml_header?`: such a file is rendered as a page, any other is copied as it is).
/// A header that does not parse still makes a page, so it reads as an empty mapping.
pub fn front_matter_of(path: &Path) -> Option<Node> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 3];
    file.read_exact(&mut head).ok()?;
    if &head != b"---" {
        return None;
    }
    let mut bytes = head.to_vec();
    file.take(FRONT_MATTER_READ_LIMIT)
        .read_to_end(&mut bytes)
        .ok()?;
    front_matter_of_bytes(&bytes)
}

/// [`front_matter_of`] for a file's bytes already in memory (an old version from git).
pub fn front_matter_of_bytes(bytes: &[u8]) -> Option<Node> {
    if !bytes.starts_with(b"---") {
        return None;
    }
    let head = bytes
        .get(..bytes.len().min(FRONT_MATTER_READ_LIMIT as usize + 3))
        .unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    let empty = Node {
        value: Value::Map(Vec::new()),
        span: 0..0,
    };
    match front_matter::split(&text) {
        Split::Closed(range) => Some(
            text.get(range.yaml)
                .and_then(|yaml| yaml::parse(yaml).ok())
                .unwrap_or(empty),
        ),
        Split::Unclosed { .. } => Some(empty),
        Split::None { .. } => None,
    }
}

/// The bytes as a `String`. Validated with SIMD (`simdutf8`), several times faster than the
/// standard library on Hangul, then copied once; the standard check runs only on invalid
/// input, for its error position.
pub fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    }
}

/// Decides what to do with a file's bytes; separate from reading so tests need no files.
pub fn classify_bytes(path: &Path, display_path: String, bytes: Vec<u8>) -> Loaded {
    let sniff = bytes.get(..BINARY_SNIFF_LEN).unwrap_or(&bytes);
    if memchr::memchr(0, sniff).is_some() {
        let source = SourceFile::new(path.to_path_buf(), display_path, String::new());
        let what = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            "file is UTF-16 text, which Jekyll cannot read"
        } else {
            "file holds binary data (a NUL byte near the start)"
        };
        return Loaded::Skipped(
            Diagnostic::new(&rules::BINARY, &source, 0..0, what)
                .with_help("save the file as UTF-8 text, or give it a non-Markdown extension"),
        );
    }
    match utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            let source = SourceFile::new(path.to_path_buf(), display_path, text);
            let len = source.text.len();
            Loaded::Skipped(
                Diagnostic::new(&rules::EMPTY, &source, 0..len, "file is empty")
                    .with_help("write the post, or delete the file"),
            )
        }
        Ok(text) => Loaded::Text(SourceFile::new(path.to_path_buf(), display_path, text)),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bad = err.as_bytes().get(at).copied().unwrap_or(0);
            // Show the file with U+FFFD in place of invalid bytes; text before `at` is unchanged,
            // so the span points at the same line and column as in the original.
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let source = SourceFile::new(path.to_path_buf(), display_path, text);
            let end = at + '\u{FFFD}'.len_utf8();
            Loaded::Skipped(
                Diagnostic::new(
                    &rules::NOT_UTF8,
                    &source,
                    at..end,
                    format!("byte 0x{bad:02X} at offset {at} is not valid UTF-8"),
                )
                .with_help("re-save the file as UTF-8 (Jekyll reads every source as UTF-8)"),
            )
        }
    }
}

fn unreadable_help(err: &std::io::Error) -> &'static str {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            "the path is a dangling symbolic link or vanished during the run"
        }
        std::io::ErrorKind::PermissionDenied => "give the user running postlint read permission",
        _ => "check that the file is a regular, readable file",
    }
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(bytes: &[u8]) -> Loaded {
        classify_bytes(Path::new("x.md"), "x.md".into(), bytes.to_vec())
    }

    fn rule_of(loaded: &Loaded) -> Option<&'static str> {
        match loaded {
            Loaded::Text(_) => None,
            Loaded::Skipped(d) => Some(d.rule),
        }
    }

    #[test]
    fn text_binary_empty_and_utf16() {
        assert_eq!(rule_of(&classify("# 제목\n".as_bytes())), None);
        assert_eq!(
            rule_of(&classify(b"\x89PNG\r\n\x1a\n\0\0\0")),
            Some("file/binary")
        );
        assert_eq!(rule_of(&classify(b"")), Some("file/empty"));
        assert_eq!(rule_of(&classify(b" \n\n")), Some("file/empty"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# a".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        match classify(&utf16) {
            Loaded::Skipped(d) => assert!(d.message.contains("UTF-16"), "{}", d.message),
            Loaded::Text(_) => panic!("UTF-16 accepted"),
        }
    }

    #[test]
    fn invalid_utf8_inside_a_hangul_word_points_at_the_bad_byte() {
        let mut bytes = "---\ntitle: 캐".as_bytes().to_vec();
        let at = bytes.len();
        bytes.push(0xEC); // a cut-off Hangul syllable
        bytes.extend_from_slice("시\n".as_bytes());
        match classify(&bytes) {
            Loaded::Skipped(d) => {
                assert_eq!(d.rule, "file/not-utf8");
                assert_eq!(d.span.start, at);
                let p = d.source.lines.position(&d.source.text, d.span.start);
                assert_eq!((p.line, p.column), (2, 9));
            }
            Loaded::Text(_) => panic!("invalid UTF-8 accepted"),
        }
    }

    #[test]
    fn a_file_that_vanished_after_the_walk_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("사라진.md");
        match load(&path, "사라진.md".into(), DEFAULT_MAX_FILE_SIZE) {
            Loaded::Skipped(d) => {
                assert_eq!(d.rule, "file/unreadable");
                assert!(d.message.starts_with("cannot read file: "), "{}", d.message);
                assert!(
                    d.help
                        .unwrap_or_default()
                        .contains("vanished during the run")
                );
            }
            Loaded::Text(_) => panic!("a missing file was read"),
        }
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(52_428_800), "50.0 MiB");
        assert_eq!(human_size(2048), "2.0 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }
}

//! A checked file: its text, front matter and Markdown body, each with exact byte ranges.

pub mod body;
pub mod directives;
pub mod front_matter;
pub mod html;
pub mod kind;
pub mod line_index;
pub mod links;
pub mod liquid;
pub mod load;
pub mod markdown;
pub mod yaml;

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
pub use kind::DocKind;
use yaml::{Node, YamlError};

/// A Markdown file ready to check: read once, split, its front matter parsed.
#[derive(Debug)]
pub struct Document {
    /// Text and paths, shared with every diagnostic about this file.
    pub source: Arc<SourceFile>,
    /// Path relative to the site root with `/` separators (what Jekyll scopes match).
    pub rel_path: String,
    /// What Jekyll makes of the file.
    pub kind: DocKind,
    /// The front matter as Jekyll would read it.
    pub front_matter: FrontMatter,
    /// Where the Markdown body starts.
    pub body_start: usize,
    /// What the body links to and the headings and ids it defines.
    pub body: body::Body,
}

/// The front matter of a document. Spans are bytes of the whole file.
#[derive(Debug)]
pub enum FrontMatter {
    /// The file has none.
    Absent,
    /// An opening `---` without a closing line.
    Unclosed {
        /// The opening `---`.
        open: Range<usize>,
    },
    /// Delimited, but the YAML does not parse.
    Invalid {
        /// The opening `---`.
        open: Range<usize>,
        /// The parser's complaint, with its span moved into file coordinates.
        error: YamlError,
    },
    /// Parsed YAML; node spans are file offsets.
    Parsed {
        /// The opening `---`.
        open: Range<usize>,
        /// The YAML root (normally a mapping).
        root: Node,
    },
}

impl Document {
    /// Builds a document from text already read and validated as UTF-8.
    pub fn new(source: Arc<SourceFile>, rel_path: String, kind: DocKind) -> Self {
        let text = source.text.as_str();
        let (front_matter, body_start) = match front_matter::split(text) {
            front_matter::Split::None { body_start } => (FrontMatter::Absent, body_start),
            front_matter::Split::Unclosed { open } => (FrontMatter::Unclosed { open }, 0),
            front_matter::Split::Closed(range) => {
                let yaml_text = text.get(range.yaml.clone()).unwrap_or("");
                let base = range.yaml.start;
                let fm = match yaml::parse(yaml_text) {
                    Ok(mut root) => {
                        shift(&mut root, base);
                        FrontMatter::Parsed {
                            open: range.open,
                            root,
                        }
                    }
                    Err(mut error) => {
                        error.span = error.span.start + base..error.span.end + base;
                        FrontMatter::Invalid {
                            open: range.open,
                            error,
                        }
                    }
                };
                (fm, range.body_start)
            }
        };
        let body = body::Body::scan(text, body_start..text.len());
        Document {
            source,
            rel_path,
            kind,
            front_matter,
            body_start,
            body,
        }
    }

    /// Lets go of the text after the front matter (see [`SourceFile::release`]): what is
    /// kept (front matter, links, ids, directives, line starts) is what the index and the
    /// link check read. Returns the released source, for diagnostics already made.
    pub fn release_text(&mut self) -> Arc<SourceFile> {
        self.source = self.source.release(self.body_start);
        Arc::clone(&self.source)
    }

    /// The whole text of the file (only its front matter once released).
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// The parsed front-matter root, if the front matter parsed.
    pub fn front_matter_root(&self) -> Option<&Node> {
        match &self.front_matter {
            FrontMatter::Parsed { root, .. } => Some(root),
            _ => None,
        }
    }

    /// The Markdown body (everything after the front matter).
    pub fn body(&self) -> &str {
        self.text().get(self.body_start..).unwrap_or("")
    }
}

fn shift(node: &mut Node, by: usize) {
    node.span = node.span.start + by..node.span.end + by;
    match &mut node.value {
        yaml::Value::Seq(items) => items.iter_mut().for_each(|n| shift(n, by)),
        yaml::Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift(k, by);
            shift(v, by);
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let source = SourceFile::new("a.md".into(), "a.md".into(), text.to_string());
        Document::new(source, "a.md".into(), DocKind::Page)
    }

    #[test]
    fn front_matter_spans_are_file_offsets_even_after_a_bom() {
        let text = "\u{feff}---\r\ntitle: 아키텍쳐\r\n---\r\n본문";
        let d = doc(text);
        let root = d.front_matter_root().unwrap();
        let (k, v) = root.get("title").unwrap();
        assert_eq!(&text[k.span.clone()], "title");
        assert_eq!(&text[v.span.clone()], "아키텍쳐");
        assert_eq!(d.body(), "본문");
    }

    #[test]
    fn yaml_errors_are_moved_into_file_coordinates() {
        let text = "---\ntitle: '캐쉬\n---\n";
        let d = doc(text);
        match &d.front_matter {
            FrontMatter::Invalid { error, .. } => assert_eq!(&text[error.span.clone()], "'"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unclosed_front_matter_leaves_the_whole_file_as_body() {
        let d = doc("---\ntitle: a\n");
        assert!(matches!(&d.front_matter, FrontMatter::Unclosed { open } if *open == (0..3)));
        assert_eq!(d.body(), "---\ntitle: a\n");
    }
}

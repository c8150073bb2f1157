//! Checkstyle XML, the format reviewdog, Jenkins' warnings plugin and many CI servers read.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

/// Writes one `<file>` element per file (in report order) with an `<error>` per diagnostic.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    let mut open: Option<&str> = None;
    for d in diagnostics {
        let file = d.source.display_path.as_str();
        if open != Some(file) {
            if open.is_some() {
                writeln!(out, "  </file>")?;
            }
            writeln!(out, r#"  <file name="{}">"#, attribute(file))?;
            open = Some(file);
        }
        let start = d.source.position(d.span.start);
        writeln!(
            out,
            r#"    <error line="{}" column="{}" severity="{}" message="{}" source="postlint.{}"/>"#,
            start.line,
            start.column,
            d.severity.as_str(),
            attribute(&d.message),
            attribute(d.rule),
        )?;
    }
    if open.is_some() {
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

/// An attribute value: escaped, with the characters XML 1.0 forbids (most control
/// characters, which a hostile file name or message could carry) replaced by U+FFFD.
fn attribute(text: &str) -> String {
    let allowed: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect();
    // Line breaks in attributes are normalised to spaces by XML parsers; keep them.
    quick_xml::escape::escape(allowed.as_str())
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped_and_valid_xml() {
        assert_eq!(
            attribute("'캐쉬' -> \"캐시\" & <b>\n\u{1}"),
            "&apos;캐쉬&apos; -&gt; &quot;캐시&quot; &amp; &lt;b&gt;&#10;\u{fffd}"
        );
    }
}

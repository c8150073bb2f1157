//! Between postlint's byte spans and paths and the protocol's UTF-16 positions and URIs.

use std::path::PathBuf;

use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, DiagnosticSeverity, NumberOrString,
    Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use percent_encoding::percent_decode_str;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};

/// The file a `file:` URI names (percent-decoded: Hangul file names arrive as `%EC%BA%90`);
/// `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; other hosts are not local files.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i)
            if rest
                .get(..i)
                .is_some_and(|h| h.eq_ignore_ascii_case("localhost")) =>
        {
            rest.get(i..)?
        }
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes: Vec<u8> = percent_decode_str(path).collect();
    let decoded = String::from_utf8(bytes).ok()?;
    // `/C:/x` on Windows is `C:/x`.
    let decoded = match decoded.get(1..3) {
        Some(drive) if cfg!(windows) && drive.ends_with(':') => decoded.get(1..)?.to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

/// The protocol position of byte `offset`: 0-based line, UTF-16 code units.
pub fn position(source: &SourceFile, offset: usize) -> Position {
    let p = source.lines.position(&source.text, offset);
    Position {
        line: u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(p.utf16_column.saturating_sub(1)).unwrap_or(u32::MAX),
    }
}

/// The protocol range of a byte span.
pub fn range(source: &SourceFile, span: &std::ops::Range<usize>) -> Range {
    Range {
        start: position(source, span.start),
        end: position(source, span.end),
    }
}

/// A finding as the editor shows it: the message, with the help after a blank line.
pub fn diagnostic(d: &Diagnostic) -> LspDiagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    LspDiagnostic {
        range: range(&d.source, &d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("postlint".to_string()),
        message,
        ..LspDiagnostic::default()
    }
}

/// The quick fix for a finding that has one: replace the span with the right form.
/// Automatic fixes (certain typos) are marked preferred, so "fix all" applies them.
// `WorkspaceEdit::changes` is keyed by `Uri` (lsp-types' choice), whose lazily computed parts
// clippy counts as interior mutability; nothing mutates a key here.
#[allow(clippy::mutable_key_type)]
pub fn code_action(uri: &Uri, d: &Diagnostic) -> Option<CodeAction> {
    let fix = d.fix.as_ref()?;
    let edit = TextEdit {
        range: range(&d.source, &fix.span),
        new_text: fix.replacement.clone(),
    };
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), vec![edit]);
    Some(CodeAction {
        title: format!("Write '{}' ({})", fix.replacement, d.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(fix.automatic),
        ..CodeAction::default()
    })
}

/// Whether two protocol ranges share a position (touching counts, so a cursor at the end of
/// a word still gets its fix).
pub fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_paths_round_trip_through_uris() {
        #[cfg(unix)]
        {
            use std::path::Path;
            let path = Path::new("/srv/블로그/_posts/2016-05-18-캐시 글.md");
            let uri = crate::report::sarif::file_uri(path, false);
            assert!(uri.starts_with("file:///srv/%EB%B8%94"), "{uri}");
            assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        }
        #[cfg(unix)]
        assert_eq!(
            uri_to_path("file://localhost/tmp/a%20b.md").as_deref(),
            Some(std::path::Path::new("/tmp/a b.md"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/a.md"), None);
    }

    #[test]
    fn positions_count_utf16_units_with_hangul_and_emoji() {
        let source = SourceFile::new(
            "a.md".into(),
            "a.md".into(),
            "제목\n😀 캐쉬를 썼다\n".into(),
        );
        let at = source.text.find("캐쉬").expect("found");
        let r = range(&source, &(at..at + "캐쉬".len()));
        assert_eq!((r.start.line, r.start.character), (1, 3), "😀 is two units");
        assert_eq!((r.end.line, r.end.character), (1, 5));
    }
}

//! The report for people: miette's graphical output with the source line and the exact span
//! underlined, then one summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, SourceCode,
};

use rayon::prelude::*;

use super::Summary;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};

/// Output settings for the human report.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Omit info diagnostics and the summary line.
    pub quiet: bool,
    /// Wrap width in columns.
    pub width: usize,
}

/// Writes every diagnostic, then the summary line (unless quiet). Findings are rendered in
/// parallel on `pool` (miette's layout is most of the report's cost) and written in order.
pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    options: HumanOptions,
    pool: &rayon::ThreadPool,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_urls(false)
        .with_width(options.width)
        .with_context_lines(1);
    let rendered: Vec<String> = pool.install(|| {
        diagnostics
            .par_iter()
            .filter(|d| !(options.quiet && d.severity == Severity::Info))
            .map(|d| render(&handler, d))
            .collect()
    });
    for text in rendered {
        writeln!(out, "{}", text.trim_end())?;
        writeln!(out)?;
    }
    if !options.quiet {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

fn render(handler: &GraphicalReportHandler, d: &Diagnostic) -> String {
    let mut rendered = String::new();
    let report = to_miette(d);
    if handler
        .render_report(&mut rendered, report.as_ref())
        .is_err()
    {
        // Rendering only fails on a span outside the text, which `Diagnostic::new` prevents;
        // fall back to one plain line rather than losing the finding.
        rendered = format!("{}: {} [{}]\n", d.source.display_path, d.message, d.rule);
    }
    rendered
}

/// `3 errors, 1 warning in 12 files` (plus infos when there are any).
pub fn summary_line(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        parts.push(format!("{} info", summary.infos));
    }
    format!("{} in {}", parts.join(", "), plural(summary.files, "file"))
}

fn to_miette(d: &Diagnostic) -> miette::Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    // The rule id ends the headline (rather than miette's separate code line) so one line says
    // what is wrong and which rule to configure.
    let mut diag =
        MietteDiagnostic::new(format!("{} [{}]", d.message, d.rule)).with_severity(severity);
    if let Some(help) = &d.help {
        diag = diag.with_help(help.clone());
    }
    if d.source.text.is_empty() {
        // Nothing to show (unreadable or binary file): name the file in the message instead.
        diag.message = format!("{}: {} [{}]", d.source.display_path, d.message, d.rule);
        return miette::Report::new(diag);
    }
    let label = d
        .fix
        .as_ref()
        .map(|fix| format!("write `{}`", fix.replacement));
    diag = diag.with_label(LabeledSpan::new_primary_with_span(label, d.span.clone()));
    let source = NamedSource::new(
        d.source.display_path.clone(),
        SharedSource(Arc::clone(&d.source)),
    );
    miette::Report::new(diag).with_source_code(source)
}

/// Lets miette read a file's text without copying it for every diagnostic, and makes the
/// `file:line:column` it prints count characters (miette counts bytes there, so a Hangul
/// syllable would count as three columns).
#[derive(Debug)]
struct SharedSource(Arc<SourceFile>);

impl SourceCode for SharedSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = read_near(&self.0, span, context_lines_before, context_lines_after)?;
        if context_lines_before > 0 || context_lines_after > 0 {
            return Ok(inner);
        }
        // Without context lines miette is asking for the headline position.
        let column = self.0.lines.position(&self.0.text, span.offset()).column - 1;
        Ok(Box::new(CharColumn { inner, column }))
    }
}

/// Miette's own `read_span`, given only the text from a few lines before the span: miette
/// walks from the start of what it is given, so a finding near the end of a long file cost a
/// scan of the whole file, several times per finding. Lines, offsets and line counts are moved
/// back to whole-file numbers; miette counts a lone `\r` as a line break, so those before the
/// window are counted too.
fn read_near<'a>(
    source: &'a SourceFile,
    span: &miette::SourceSpan,
    before: usize,
    after: usize,
) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
    let text = source.text.as_str();
    let first_line = source.lines.line_of(span.offset()).saturating_sub(before);
    let start = source.lines.line_start(first_line).unwrap_or(0);
    let (Some(window), Some(prefix), Some(offset)) = (
        text.get(start..),
        text.get(..start),
        span.offset().checked_sub(start),
    ) else {
        return text.read_span(span, before, after);
    };
    let breaks_before = first_line.saturating_sub(1)
        + memchr::memchr_iter(b'\r', prefix.as_bytes())
            .filter(|&i| prefix.as_bytes().get(i + 1) != Some(&b'\n'))
            .count();
    let near = window.read_span(&(offset, span.len()).into(), before, after)?;
    Ok(Box::new(miette::MietteSpanContents::new(
        near.data(),
        (near.span().offset() + start, near.span().len()).into(),
        near.line() + breaks_before,
        near.column(),
        near.line_count() + breaks_before,
    )))
}

/// Miette's span contents with the column counted in characters.
struct CharColumn<'a> {
    inner: Box<dyn miette::SpanContents<'a> + 'a>,
    column: usize,
}

impl<'a> miette::SpanContents<'a> for CharColumn<'a> {
    fn data(&self) -> &'a [u8] {
        self.inner.data()
    }
    fn span(&self) -> &miette::SourceSpan {
        self.inner.span()
    }
    fn name(&self) -> Option<&str> {
        self.inner.name()
    }
    fn line(&self) -> usize {
        self.inner.line()
    }
    fn column(&self) -> usize {
        self.column
    }
    fn line_count(&self) -> usize {
        self.inner.line_count()
    }
    fn language(&self) -> Option<&str> {
        self.inner.language()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_near_the_span_matches_miette_reading_the_whole_file() {
        let text = "첫 줄\r\n둘째 캐쉬\n셋째\r넷째 ElasticCache\r\n\r\n다섯째 줄 끝\n여섯";
        let source = SourceFile::new("a.md".into(), "a.md".into(), text.to_string());
        let shared = SharedSource(Arc::clone(&source));
        let fields = |c: &dyn miette::SpanContents<'_>| {
            (
                c.data().to_vec(),
                *c.span(),
                c.line(),
                c.column(),
                c.line_count(),
            )
        };
        let mut spans = vec![(0, 0), (0, 3), (text.len(), 0)];
        for needle in ["캐쉬", "ElasticCache", "셋째", "여섯", "\r\n\r\n", "끝\n여"] {
            let at = text.find(needle).unwrap();
            spans.push((at, needle.len()));
        }
        for (offset, len) in spans {
            let span: miette::SourceSpan = (offset, len).into();
            for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 2), (3, 3)] {
                let whole = text.read_span(&span, before, after).unwrap();
                let near = read_near(&source, &span, before, after).unwrap();
                assert_eq!(
                    fields(near.as_ref()),
                    fields(whole.as_ref()),
                    "span {offset}+{len}, context {before}/{after}"
                );
            }
            let _ = shared.read_span(&span, 1, 1).unwrap();
        }
    }

    #[test]
    fn summary_line_pluralises() {
        let s = |files, errors, warnings, infos| Summary {
            files,
            errors,
            warnings,
            infos,
        };
        assert_eq!(
            summary_line(&s(12, 3, 1, 0)),
            "3 errors, 1 warning in 12 files"
        );
        assert_eq!(
            summary_line(&s(1, 0, 0, 2)),
            "0 errors, 0 warnings, 2 info in 1 file"
        );
    }
}

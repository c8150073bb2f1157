//! The report for people: miette's graphical output with the source line and the exact span
//! underlined, then one summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteSpanContents,
    NamedSource, SourceCode,
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
    if d.source.is_empty() {
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
/// syllable would count as three columns). Lines are found with the file's line index, not by
/// scanning the text from its start as miette does, so each finding costs the size of its
/// snippet: a file with a million findings reports in linear time.
#[derive(Debug)]
struct SharedSource(Arc<SourceFile>);

/// Longest snippet shown in full, context lines included. A longer one loses its context
/// lines, and a longer line is cut to [`SNIPPET_WINDOW`] bytes either side of the finding.
const SNIPPET_LIMIT: usize = 4096;

/// Bytes kept either side of a finding on a line longer than [`SNIPPET_LIMIT`].
const SNIPPET_WINDOW: usize = 240;

impl SourceCode for SharedSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let (source, lines) = (&self.0, &self.0.lines);
        let len = source.len();
        let start = span.offset();
        let end = start + span.len();
        if end > len {
            return Err(miette::MietteError::OutOfBounds);
        }
        let first = source.position(start);
        if context_lines_before == 0 && context_lines_after == 0 {
            // Miette is asking for the headline position.
            let line_end = lines.line_start(first.line + 1).unwrap_or(len);
            let data = source.slice(start..line_end.max(end)).unwrap_or("");
            return Ok(Box::new(MietteSpanContents::new(
                data.as_bytes(),
                (start, data.len()).into(),
                first.line - 1,
                first.column - 1,
                1,
            )));
        }
        let last = lines.line(end.saturating_sub(1).max(start));
        let bytes_of = |from: usize, to: usize| {
            let data_start = lines.line_start(from).unwrap_or(0);
            let data_end = lines.line_start(to + 1).unwrap_or(len);
            (data_start, data_end)
        };
        let mut from = first.line.saturating_sub(context_lines_before).max(1);
        let mut to = (last + context_lines_after).min(lines.line_count());
        let (mut data_start, mut data_end) = bytes_of(from, to);
        if data_end - data_start > SNIPPET_LIMIT {
            (from, to) = (first.line, last);
            (data_start, data_end) = bytes_of(from, to);
        }
        if data_end - data_start > SNIPPET_LIMIT {
            data_start = source.char_floor(start.saturating_sub(SNIPPET_WINDOW).max(data_start));
            data_end = source
                .char_floor((end + SNIPPET_WINDOW).min(data_end))
                .max(end);
        }
        let data = source.slice(data_start..data_end).unwrap_or("");
        Ok(Box::new(MietteSpanContents::new(
            data.as_bytes(),
            (data_start, data.len()).into(),
            from - 1,
            0,
            to + 1 - from,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

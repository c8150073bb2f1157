//! The JSON contract (version 1) that other tools read; documented in the README.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;

/// Bumped only when a field changes meaning or disappears; new fields may be added.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    severity: &'static str,
    rule: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    offset: usize,
    length: usize,
    replacement: &'a str,
    automatic: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// Writes one JSON document followed by a newline, as `serde_json` pretty-prints
/// `{version, diagnostics, summary}`. The diagnostics are rendered in parallel on `pool`
/// (their positions and text were most of a large report's time), each indented to its depth:
/// JSON strings hold no raw line breaks, so indenting every line is exact.
pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    pool: &rayon::ThreadPool,
) -> io::Result<()> {
    let rendered: Vec<String> = pool.install(|| {
        diagnostics
            .par_iter()
            .map(|d| pretty(&to_json(d), "    "))
            .collect::<serde_json::Result<_>>()
    })?;
    writeln!(out, "{{")?;
    writeln!(out, "  \"version\": {VERSION},")?;
    if rendered.is_empty() {
        writeln!(out, "  \"diagnostics\": [],")?;
    } else {
        writeln!(out, "  \"diagnostics\": [")?;
        for (i, item) in rendered.iter().enumerate() {
            let comma = if i + 1 < rendered.len() { "," } else { "" };
            writeln!(out, "{item}{comma}")?;
        }
        writeln!(out, "  ],")?;
    }
    let summary = JsonSummary {
        files: summary.files,
        errors: summary.errors,
        warnings: summary.warnings,
        infos: summary.infos,
    };
    let summary = pretty(&summary, "  ")?;
    writeln!(out, "  \"summary\": {}", summary.trim_start())?;
    writeln!(out, "}}")
}

/// `value` pretty-printed with every line indented by `indent`.
fn pretty<T: Serialize>(value: &T, indent: &str) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(text.len() + 16 * indent.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(line);
    }
    Ok(out)
}

fn to_json(d: &Diagnostic) -> JsonDiagnostic<'_> {
    let start = d.source.position(d.span.start);
    let end = d.source.position(d.span.end);
    JsonDiagnostic {
        file: &d.source.display_path,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        offset: d.span.start,
        length: d.span.len(),
        severity: d.severity.as_str(),
        rule: d.rule,
        message: &d.message,
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            offset: f.span.start,
            length: f.span.len(),
            replacement: &f.replacement,
            automatic: f.automatic,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, SourceFile};

    /// The document as `serde_json` pretty-prints it in one piece: what `write` must match.
    fn whole(diagnostics: &[Diagnostic], summary: &Summary) -> String {
        #[derive(Serialize)]
        struct Output<'a> {
            version: u32,
            diagnostics: Vec<JsonDiagnostic<'a>>,
            summary: JsonSummary,
        }
        let output = Output {
            version: VERSION,
            diagnostics: diagnostics.iter().map(to_json).collect(),
            summary: JsonSummary {
                files: summary.files,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
            },
        };
        format!(
            "{}\n",
            serde_json::to_string_pretty(&output).unwrap_or_default()
        )
    }

    #[test]
    fn parallel_rendering_matches_serde_json_in_one_piece() {
        let text = "---\ntitle: \"캐쉬\"\n---\n줄바꿈\r\n아키텍쳐 \u{1}<&> \"따옴표\"\n";
        let source = SourceFile::new("a.md".into(), "글/a \"b\".md".into(), text.into());
        let at = text.find("아키텍쳐").unwrap_or(0);
        let d = Diagnostic::new(
            &crate::checks::file::UNREADABLE,
            &source,
            at..at + 12,
            "첫 줄\n둘째 \"줄\"\t\u{7}",
        )
        .with_help("도움말\\")
        .with_fix(Fix {
            span: at..at + 12,
            replacement: "아키텍처\n".into(),
            automatic: true,
        });
        let plain = Diagnostic::new(&crate::checks::file::UNREADABLE, &source, 0..0, "x");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for diagnostics in [vec![], vec![plain.clone()], vec![d.clone(), plain, d]] {
            let summary = Summary::new(3, &diagnostics);
            let mut out = Vec::new();
            write(&mut out, &diagnostics, &summary, &pool).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole(&diagnostics, &summary)
            );
        }
    }
}

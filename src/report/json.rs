//! The JSON contract (version 1) that other tools read; documented in the README.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::diagnostic::Diagnostic;

/// Bumped only when a field changes meaning or disappears; new fields may be added.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

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

/// Writes one JSON document followed by a newline.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: &Summary) -> io::Result<()> {
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
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
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

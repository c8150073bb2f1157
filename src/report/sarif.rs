//! SARIF 2.1.0, the format GitHub code scanning and other analysis platforms import: every
//! rule postlint knows in `tool.driver.rules`, every finding with its region in UTF-16 code
//! units (SARIF's default column kind) and its fix. Paths are relative to the site root, named
//! by the `uriBaseId` `SITEROOT`, whose absolute location is in `originalUriBaseIds`.

use std::io::{self, Write};
use std::path::{Component, Path};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use crate::checks::Rule;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};

/// The schema this output follows; GitHub and validators key on it.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `uriBaseId` of the site root.
pub const SITE_ROOT: &str = "SITEROOT";

/// Characters escaped in a path segment of a URI: what RFC 3986 does not allow there, and `:`
/// (in a first segment it would read as a scheme: `a:b.md`). Hangul and other non-ASCII
/// letters are encoded as UTF-8 bytes.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b':')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'/');

/// Writes one SARIF log with one run. `rules` lists every rule that can appear (the built-in
/// ones and the team's spelling sets); `root` is the site root.
pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    rules: &[&Rule],
    root: &Path,
) -> io::Result<()> {
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, rules, root)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "postlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": {
                SITE_ROOT: { "uri": directory_uri(root) }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "help": {
            "text": format!(
                "{}. Re-level or turn it off in .postlint.yml: `severity: {{ \"{}\": warning }}` (or `off`).",
                rule.summary, rule.id
            )
        },
        "defaultConfiguration": { "level": level(rule.default_severity) },
        "properties": { "tags": [rule.id.split('/').next().unwrap_or(rule.id)] },
    })
}

fn result(d: &Diagnostic, rules: &[&Rule], root: &Path) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    let location = artifact_location(&d.source.path, root);
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": region(&d.source, d.span.clone()),
            }
        }],
    });
    if let Some(index) = rules.iter().position(|r| r.id == d.rule) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([{
            "description": { "text": format!("Replace with '{}'", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": region(&d.source, fix.span.clone()),
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    result
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Start and end of `span`, 1-based, columns in UTF-16 code units; the end is exclusive.
fn region(source: &SourceFile, span: std::ops::Range<usize>) -> Value {
    let start = source.position(span.start);
    let end = source.position(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.utf16_column,
        "endLine": end.line,
        "endColumn": end.utf16_column,
    })
}

/// A file under the root as a relative URI against `SITEROOT`; any other as an absolute one.
fn artifact_location(path: &Path, root: &Path) -> Value {
    match path.strip_prefix(root) {
        Ok(rel) => json!({ "uri": relative_uri(rel), "uriBaseId": SITE_ROOT }),
        Err(_) => json!({ "uri": file_uri(path, false) }),
    }
}

fn relative_uri(rel: &Path) -> String {
    let segments: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => {
                Some(utf8_percent_encode(&s.to_string_lossy(), SEGMENT).to_string())
            }
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    segments.join("/")
}

fn directory_uri(root: &Path) -> String {
    file_uri(root, true)
}

/// `file:///abs/path` (`file:///C:/abs/path` on Windows), segments percent-encoded; with a
/// trailing `/` for a `directory`.
pub fn file_uri(path: &Path, directory: bool) -> String {
    let mut uri = String::from("file://");
    for c in path.components() {
        match c {
            Component::Prefix(p) => {
                uri.push('/');
                uri.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {}
            Component::Normal(s) => {
                uri.push('/');
                uri.push_str(&utf8_percent_encode(&s.to_string_lossy(), SEGMENT).to_string());
            }
            Component::CurDir | Component::ParentDir => {}
        }
    }
    if directory || uri == "file://" {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_hangul_and_spaces() {
        assert_eq!(
            relative_uri(Path::new("_posts/2016-05-13-캐시 글.md")),
            "_posts/2016-05-13-%EC%BA%90%EC%8B%9C%20%EA%B8%80.md"
        );
        #[cfg(unix)]
        assert_eq!(
            directory_uri(Path::new("/srv/블로그")),
            "file:///srv/%EB%B8%94%EB%A1%9C%EA%B7%B8/"
        );
    }
}

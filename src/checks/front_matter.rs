//! Front-matter checks: presence, YAML validity, required keys, types, allowed values,
//! patterns, duplicate keys and the post date. Each finding points at the key or value it is
//! about, or at the opening `---` when something is missing.

use std::ops::Range;

use super::Rule;
use crate::config::{Config, FrontMatterRules, ValueType, did_you_mean};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::yaml::{Node, Value};
use crate::document::{DocKind, Document, FrontMatter};

/// A document that a scope requires keys of has no front matter at all.
pub static MISSING: Rule = Rule {
    id: "front-matter/missing",
    default_severity: Severity::Error,
    summary: "A document that must have front matter (posts by default) has none",
};

/// Jekyll renders an unclosed header as body text, so the YAML shows up on the page.
pub static UNCLOSED: Rule = Rule {
    id: "front-matter/unclosed",
    default_severity: Severity::Error,
    summary: "Front matter opens with `---` but has no closing `---` line",
};

/// Jekyll stops the build on front matter it cannot parse.
pub static YAML_SYNTAX: Rule = Rule {
    id: "front-matter/yaml-syntax",
    default_severity: Severity::Error,
    summary: "Front matter is not valid YAML (or exceeds the alias and size budget)",
};

/// Front matter must be a mapping of keys to values.
pub static NOT_A_MAPPING: Rule = Rule {
    id: "front-matter/not-a-mapping",
    default_severity: Severity::Error,
    summary: "Front matter is a list or a single value instead of `key: value` lines",
};

/// YAML forbids repeated keys; Jekyll silently keeps the last one.
pub static DUPLICATE_KEY: Rule = Rule {
    id: "front-matter/duplicate-key",
    default_severity: Severity::Error,
    summary: "A key appears twice in the same front matter",
};

/// A key the configuration requires is absent or empty.
pub static MISSING_KEY: Rule = Rule {
    id: "front-matter/missing-key",
    default_severity: Severity::Error,
    summary: "A required front-matter key is missing or empty",
};

/// A value has a different YAML type than `types:` requires.
pub static WRONG_TYPE: Rule = Rule {
    id: "front-matter/wrong-type",
    default_severity: Severity::Error,
    summary: "A front-matter value has the wrong type",
};

/// A value is not one of those `allowed:` lists.
pub static NOT_ALLOWED: Rule = Rule {
    id: "front-matter/not-allowed",
    default_severity: Severity::Error,
    summary: "A front-matter value is not one of the allowed values",
};

/// A value does not match its `patterns:` regular expression.
pub static PATTERN_MISMATCH: Rule = Rule {
    id: "front-matter/pattern-mismatch",
    default_severity: Severity::Error,
    summary: "A front-matter value does not match its pattern",
};

/// Jekyll builds the post URL from the front-matter date, not the file name.
pub static DATE_MISMATCH: Rule = Rule {
    id: "front-matter/date-mismatch",
    default_severity: Severity::Error,
    summary: "A post's `date` disagrees with the date in its file name",
};

/// Jekyll stops the build on a `date` it cannot parse.
pub static INVALID_DATE: Rule = Rule {
    id: "front-matter/invalid-date",
    default_severity: Severity::Error,
    summary: "The `date` value is not a date Jekyll can read",
};

/// Runs every front-matter check on one document.
pub fn check(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let rules = config.front_matter_rules(&doc.rel_path, &doc.kind);
    let mut out = Vec::new();
    let src = &doc.source;
    match &doc.front_matter {
        FrontMatter::Absent => {
            if !rules.required.is_empty() {
                let first_line = first_line_span(doc.text(), doc.body_start);
                let keys = rules.required.join(", ");
                out.push(
                    Diagnostic::new(&MISSING, src, first_line, format!("{} has no front matter", kind_name(&doc.kind)))
                        .with_help(format!(
                            "start the file with a `---` line, the keys {keys}, and a closing `---` line"
                        )),
                );
            }
        }
        FrontMatter::Unclosed { open } => out.push(
            Diagnostic::new(&UNCLOSED, src, open.clone(), "front matter is never closed")
                .with_help("add a line with just `---` after the last key; without it Jekyll publishes the YAML as text"),
        ),
        FrontMatter::Invalid { error, .. } => out.push(
            Diagnostic::new(
                &YAML_SYNTAX,
                src,
                error.span.clone(),
                format!("front matter is not valid YAML: {}", error.message),
            )
            .with_help(syntax_help(&error.message)),
        ),
        FrontMatter::Parsed { open, root } => check_parsed(doc, &rules, open, root, &mut out),
    }
    out
}

fn check_parsed(
    doc: &Document,
    rules: &FrontMatterRules,
    open: &Range<usize>,
    root: &Node,
    out: &mut Vec<Diagnostic>,
) {
    let src = &doc.source;
    if !matches!(root.value, Value::Map(_) | Value::Null) {
        out.push(
            Diagnostic::new(
                &NOT_A_MAPPING,
                src,
                root.span.clone(),
                format!(
                    "front matter is a {}, not `key: value` lines",
                    root.value.type_name()
                ),
            )
            .with_help("write one `key: value` per line, e.g. `title: 제목`"),
        );
        return;
    }
    let entries = root.entries();
    check_duplicates(doc, entries, out);
    let value_of = |key: &str| root.get(key);
    for key in &rules.required {
        match value_of(key) {
            None => out.push(
                Diagnostic::new(
                    &MISSING_KEY,
                    src,
                    open.clone(),
                    format!("missing required key `{key}`"),
                )
                .with_help(format!("add `{key}: …` to the front matter")),
            ),
            Some((k, v)) if is_blank(&v.value) => out.push(
                Diagnostic::new(
                    &MISSING_KEY,
                    src,
                    k.span.clone(),
                    format!("required key `{key}` is empty"),
                )
                .with_help(format!("give `{key}` a value")),
            ),
            Some(_) => {}
        }
    }
    for (key, ty) in &rules.types {
        if let Some((_, v)) = value_of(key)
            && !is_blank(&v.value)
            && !has_type(&v.value, *ty)
        {
            out.push(wrong_type(doc, key, *ty, v));
        }
    }
    for (key, allowed) in &rules.allowed {
        for (item, text) in scalar_items(root, key) {
            if !allowed.contains(&text) {
                let list = allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match did_you_mean(&text, allowed.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`? allowed: {list}"),
                    None => format!("allowed: {list}"),
                };
                out.push(
                    Diagnostic::new(
                        &NOT_ALLOWED,
                        src,
                        item.span.clone(),
                        format!("`{text}` is not an allowed `{key}`"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    for (key, pattern) in &rules.patterns {
        for (item, text) in scalar_items(root, key) {
            if !pattern.is_match(&text) {
                out.push(
                    Diagnostic::new(
                        &PATTERN_MISMATCH,
                        src,
                        item.span.clone(),
                        format!(
                            "`{key}` value `{text}` does not match `{}`",
                            pattern.as_str()
                        ),
                    )
                    .with_help(format!(
                        "write a `{key}` that matches the pattern `{}`",
                        pattern.as_str()
                    )),
                );
            }
        }
    }
    check_date(doc, rules, value_of("date").map(|(_, v)| v), out);
}

fn check_duplicates(doc: &Document, entries: &[(Node, Node)], out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(String, &Node)> = Vec::new();
    for (key, _) in entries {
        let Some(name) = key.value.scalar_text() else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            let line = doc.source.lines.position(doc.text(), first.span.start).line;
            out.push(
                Diagnostic::new(
                    &DUPLICATE_KEY,
                    &doc.source,
                    key.span.clone(),
                    format!("`{name}` is already defined on line {line}"),
                )
                .with_help("keep one of them; Jekyll silently uses the last one"),
            );
        } else {
            seen.push((name, key));
        }
    }
}

fn check_date(
    doc: &Document,
    rules: &FrontMatterRules,
    date: Option<&Node>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(node) = date else { return };
    let Value::Str(text) = &node.value else {
        if !is_blank(&node.value) && !rules.types.iter().any(|(k, _)| *k == "date") {
            out.push(invalid_date(doc, node));
        }
        return;
    };
    let Some(day) = parse_date(text) else {
        // A configured `types: { date: date }` already reports this as a wrong type.
        if !rules.types.iter().any(|(k, _)| *k == "date") {
            out.push(invalid_date(doc, node));
        }
        return;
    };
    if let DocKind::Post(name) = &doc.kind
        && let Some(file_day) = parse_date(&name.date)
        && file_day != day
    {
        let written = format!("{:04}-{:02}-{:02}", day.0, day.1, day.2);
        let file = format!("{:04}-{:02}-{:02}", file_day.0, file_day.1, file_day.2);
        out.push(
            Diagnostic::new(
                &DATE_MISMATCH,
                &doc.source,
                node.span.clone(),
                format!("`date` is {written} but the file name says {file}"),
            )
            .with_help(format!(
                "Jekyll uses {written} in the post's URL: change `date` to {file}, or rename the file to {written}-{}",
                file_name_rest(&doc.rel_path, &name.date)
            )),
        );
    }
}

fn invalid_date(doc: &Document, node: &Node) -> Diagnostic {
    Diagnostic::new(
        &INVALID_DATE,
        &doc.source,
        node.span.clone(),
        "`date` is not a date Jekyll can read, so the build fails",
    )
    .with_help("write `date: YYYY-MM-DD HH:MM:SS +0900` (time and offset optional)")
}

fn wrong_type(doc: &Document, key: &str, ty: ValueType, v: &Node) -> Diagnostic {
    let found = v.value.type_name();
    let help = match (ty, &v.value) {
        (ValueType::List, Value::Str(s)) => {
            let items: Vec<&str> = s.split([',', ' ']).filter(|w| !w.is_empty()).collect();
            format!("write a list: `{key}: [{}]`", items.join(", "))
        }
        (ValueType::List, _) => format!("write a list: `{key}: [a, b]`"),
        (ValueType::Bool, Value::Str(s)) => {
            let b = matches!(s.to_ascii_lowercase().as_str(), "yes" | "true" | "on" | "y");
            format!("write `{key}: {b}` without quotes")
        }
        (ValueType::Bool, _) => format!("write `{key}: true` or `{key}: false`"),
        (ValueType::String, _) => {
            let raw = doc.text().get(v.span.clone()).unwrap_or("");
            format!("quote the value: `{key}: \"{}\"`", raw.replace('"', "\\\""))
        }
        (ValueType::Date, _) => {
            format!("write `{key}: YYYY-MM-DD` or `{key}: YYYY-MM-DD HH:MM:SS +0900`")
        }
        (ValueType::Integer | ValueType::Number, _) => {
            format!("write a number without quotes: `{key}: 3`")
        }
        (ValueType::Map, _) => format!("write `{key}:` followed by indented `name: value` lines"),
    };
    let expected = match ty {
        ValueType::Date => "a date".to_string(),
        ValueType::Integer => "an integer".to_string(),
        other => format!("a {}", other.name()),
    };
    let found = if ty == ValueType::Date && matches!(v.value, Value::Str(_)) {
        "a string that is not a date".to_string()
    } else {
        format!("{} {found}", article(found))
    };
    Diagnostic::new(
        &WRONG_TYPE,
        &doc.source,
        v.span.clone(),
        format!("`{key}` should be {expected}, found {found}"),
    )
    .with_help(help)
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn has_type(value: &Value, ty: ValueType) -> bool {
    match ty {
        ValueType::String => matches!(value, Value::Str(_)),
        ValueType::List => matches!(value, Value::Seq(_)),
        ValueType::Map => matches!(value, Value::Map(_)),
        ValueType::Bool => matches!(value, Value::Bool(_)),
        ValueType::Integer => matches!(value, Value::Int(_)),
        ValueType::Number => matches!(value, Value::Int(_) | Value::Float(_)),
        ValueType::Date => matches!(value, Value::Str(s) if parse_date(s).is_some()),
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    }
}

/// Each scalar of `key`'s value with its text: the value itself, or each item of a list (so
/// `allowed` and `patterns` apply to tags one by one).
fn scalar_items<'a>(root: &'a Node, key: &str) -> impl Iterator<Item = (&'a Node, String)> {
    let items: Vec<&'a Node> = match root.get(key).map(|(_, v)| v) {
        Some(Node {
            value: Value::Seq(items),
            ..
        }) => items.iter().collect(),
        Some(Node {
            value: Value::Map(_),
            ..
        })
        | None => Vec::new(),
        Some(v) => vec![v],
    };
    items
        .into_iter()
        .filter_map(|n| Some((n, n.value.scalar_text()?)))
}

/// The calendar day of a date Jekyll can read, as written (see [`crate::site::date::parse`]).
pub fn parse_date(text: &str) -> Option<(i16, i8, i8)> {
    let (written, _) = crate::site::date::parse(text)?;
    Some((written.year(), written.month(), written.day()))
}

fn file_name_rest(rel_path: &str, date: &str) -> String {
    let file = rel_path.rsplit('/').next().unwrap_or(rel_path);
    file.strip_prefix(date).map_or_else(
        || file.to_string(),
        |r| r.trim_start_matches('-').to_string(),
    )
}

fn first_line_span(text: &str, start: usize) -> Range<usize> {
    let rest = text.get(start..).unwrap_or("");
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    start..start + len
}

fn kind_name(kind: &DocKind) -> &'static str {
    match kind {
        DocKind::Post(_) => "post",
        DocKind::Draft => "draft",
        DocKind::Collection(_) => "collection document",
        DocKind::Page => "page",
        DocKind::Other => "document",
    }
}

fn syntax_help(message: &str) -> String {
    if message.contains("mapping values are not allowed") || message.contains("':'") {
        "a value containing `: ` must be quoted, e.g. `title: \"AWS: 후기\"`".into()
    } else if message.contains("quote") {
        "close the quote on the same line, or use a block scalar (`summary: |`)".into()
    } else if message.contains("Depth") || message.contains("recursion") {
        "front matter nests more than 64 levels deep: flatten it (Jekyll needs a few at most)"
            .into()
    } else if message.contains("budget") || message.contains("alias") || message.contains("limit") {
        "front matter needs no anchors or aliases: write the values out".into()
    } else {
        "fix the YAML; Jekyll stops the build on this file".into()
    }
}

#[cfg(test)]
mod tests;

//! Inline suppressions: the `<!-- postlint-disable … -->` family of comments in the body and
//! `postlint: { disable: [...] }` in front matter silence findings where authors say so, and
//! with `--report-unused-disables` a suppression that silences nothing is reported, so stale
//! ones do not pile up.

use std::ops::Range;

use globset::{Glob, GlobMatcher};

use crate::checks::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::document::directives::DirectiveKind;
use crate::document::yaml::Value;

/// A suppression that silenced nothing (only with `--report-unused-disables`).
pub static UNUSED: Rule = Rule {
    id: "suppression/unused",
    default_severity: Severity::Warning,
    summary: "A `postlint-disable` comment or front-matter `disable` silences nothing (with `--report-unused-disables`)",
};

/// A suppression naming no rule postlint knows: most likely a typo that silences nothing.
pub static UNKNOWN_RULE: Rule = Rule {
    id: "suppression/unknown-rule",
    default_severity: Severity::Warning,
    summary: "A suppression names a rule that does not exist",
};

/// A `postlint-…` comment that is no directive (`postlint-disabel`).
pub static UNKNOWN_DIRECTIVE: Rule = Rule {
    id: "suppression/unknown-directive",
    default_severity: Severity::Warning,
    summary: "A `<!-- postlint-… -->` comment is not `disable`, `enable`, `disable-line` or `disable-next-line`",
};

/// Where a suppression holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// The whole file (front matter).
    File,
    /// These 1-based lines, inclusive.
    Lines(usize, usize),
    /// From this byte on, until an `enable` that matches.
    From(usize),
    /// Turns `From` suppressions of matching rules off from this byte on.
    Enable(usize),
}

/// One rule pattern of one directive.
struct Pattern {
    reach: Reach,
    /// `None`: every rule.
    matcher: Option<GlobMatcher>,
    /// The pattern as written (`*` for a directive naming none).
    text: String,
    /// Where to report it: the pattern, or the directive when it names none.
    span: Range<usize>,
    /// The directive, for messages: `postlint-disable-next-line`.
    directive: &'static str,
}

impl Pattern {
    fn matches(&self, d: &Diagnostic) -> bool {
        match &self.matcher {
            None => true,
            Some(m) => {
                m.is_match(d.rule)
                    || d.entry
                        .as_ref()
                        .is_some_and(|e| m.is_match(format!("{}/{e}", d.rule)))
            }
        }
    }
}

/// Drops the diagnostics of `doc` its suppressions cover and adds findings about the
/// suppressions themselves. `rules` are every rule the run knows (for unknown names).
pub fn apply(
    doc: &Document,
    diagnostics: Vec<Diagnostic>,
    rules: &[&Rule],
    report_unused: bool,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let patterns = patterns(doc, rules, &mut problems);
    if patterns.is_empty() {
        return diagnostics.into_iter().chain(problems).collect();
    }
    let mut used = vec![false; patterns.len()];
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| match silencer(&patterns, d) {
            Some(i) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                false
            }
            None => true,
        })
        .collect();
    if report_unused {
        for (pattern, _) in patterns
            .iter()
            .zip(&used)
            .filter(|(p, used)| !**used && !matches!(p.reach, Reach::Enable(_)))
        {
            let what = if pattern.matcher.is_none() {
                String::from("any rule")
            } else {
                format!("`{}`", pattern.text)
            };
            problems.push(
                Diagnostic::new(
                    &UNUSED,
                    &doc.source,
                    pattern.span.clone(),
                    format!("`{}` for {what} silences nothing", pattern.directive),
                )
                .with_help("remove it: nothing here is reported any more"),
            );
        }
    }
    kept.extend(problems);
    kept
}

/// The index of the pattern that silences `d`, if any. Body suppressions count from the
/// diagnostic's start: its line for line directives, and the last `disable`/`enable` before
/// it that names its rule for ranges.
fn silencer(patterns: &[Pattern], d: &Diagnostic) -> Option<usize> {
    let line = d.source.lines.line(d.span.start);
    let mut range_state: Option<usize> = None;
    for (i, p) in patterns.iter().enumerate() {
        if !p.matches(d) {
            continue;
        }
        match p.reach {
            Reach::File => return Some(i),
            Reach::Lines(first, last) if (first..=last).contains(&line) => return Some(i),
            Reach::Lines(..) => {}
            Reach::From(at) if at <= d.span.start => range_state = Some(i),
            Reach::Enable(at) if at <= d.span.start => range_state = None,
            Reach::From(_) | Reach::Enable(_) => {}
        }
    }
    range_state
}

/// Every pattern of the file's suppressions, in file order, with problems in `problems`.
fn patterns(doc: &Document, rules: &[&Rule], problems: &mut Vec<Diagnostic>) -> Vec<Pattern> {
    let mut out = Vec::new();
    let line_of = |offset: usize| doc.source.lines.line(offset);
    if let Some((_, node)) = doc
        .front_matter_root()
        .and_then(|root| root.get("postlint"))
        && let Some((_, disable)) = node.get("disable")
    {
        let items: Vec<(String, Range<usize>)> = match &disable.value {
            Value::Str(s) => vec![(s.clone(), disable.span.clone())],
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| match &n.value {
                    Value::Str(s) => Some((s.clone(), n.span.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for (name, span) in items {
            if let Some(matcher) = compile(doc, &name, &span, rules, problems) {
                out.push(Pattern {
                    reach: Reach::File,
                    matcher: Some(matcher),
                    text: name,
                    span,
                    directive: "postlint: { disable }",
                });
            }
        }
    }
    for directive in &doc.body.directives {
        let (reach, name) = match &directive.kind {
            DirectiveKind::Disable => (Reach::From(directive.span.end), "postlint-disable"),
            DirectiveKind::Enable => (Reach::Enable(directive.span.end), "postlint-enable"),
            DirectiveKind::DisableLine => (
                Reach::Lines(line_of(directive.span.start), line_of(directive.span.end)),
                "postlint-disable-line",
            ),
            DirectiveKind::DisableNextLine => {
                let next = line_of(directive.span.end) + 1;
                (Reach::Lines(next, next), "postlint-disable-next-line")
            }
            DirectiveKind::Unknown(word) => {
                problems.push(
                    Diagnostic::new(
                        &UNKNOWN_DIRECTIVE,
                        &doc.source,
                        directive.span.clone(),
                        format!("`postlint-{word}` is not a directive; it silences nothing"),
                    )
                    .with_help(
                        "write postlint-disable, postlint-enable, postlint-disable-line or postlint-disable-next-line",
                    ),
                );
                continue;
            }
        };
        if directive.rules.is_empty() {
            out.push(Pattern {
                reach,
                matcher: None,
                text: "*".into(),
                span: directive.span.clone(),
                directive: name,
            });
        }
        for (rule, span) in &directive.rules {
            if let Some(matcher) = compile(doc, rule, span, rules, problems) {
                out.push(Pattern {
                    reach,
                    matcher: Some(matcher),
                    text: rule.clone(),
                    span: span.clone(),
                    directive: name,
                });
            }
        }
    }
    out
}

/// The matcher for one written rule name or glob; `None`, with a problem, when it names no
/// rule the run knows (`typo/ko-loanwords/캐시` names an entry of a known rule).
fn compile(
    doc: &Document,
    name: &str,
    span: &Range<usize>,
    rules: &[&Rule],
    problems: &mut Vec<Diagnostic>,
) -> Option<GlobMatcher> {
    let matcher = Glob::new(name).ok().map(|g| g.compile_matcher());
    let known = matcher.as_ref().is_some_and(|m| {
        rules.iter().any(|r| {
            m.is_match(r.id)
                || name
                    .strip_prefix(r.id)
                    .is_some_and(|entry| entry.starts_with('/') && entry.len() > 1)
        })
    });
    if known {
        return matcher;
    }
    let mut d = Diagnostic::new(
        &UNKNOWN_RULE,
        &doc.source,
        span.clone(),
        format!("no rule is named `{name}`; this silences nothing"),
    );
    if let Some(near) = rules
        .iter()
        .map(|r| (strsim::jaro_winkler(r.id, name), r.id))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
    {
        d = d.with_help(format!("did you mean `{}`?", near.1));
    } else {
        d = d.with_help("`postlint rules` lists every rule; globs such as `typo/*` work too");
    }
    problems.push(d);
    None
}

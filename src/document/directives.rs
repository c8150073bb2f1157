//! Inline suppression comments in the Markdown body, read from its HTML comments (never from
//! code): `<!-- postlint-disable typo/* -->`, `<!-- postlint-enable -->`,
//! `<!-- postlint-disable-line link/broken -->` and `<!-- postlint-disable-next-line -->`.

use std::ops::Range;

/// What a directive does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Turns rules off from here to a matching `enable` or the end of the file.
    Disable,
    /// Turns rules back on.
    Enable,
    /// Turns rules off on the comment's own line(s).
    DisableLine,
    /// Turns rules off on the line after the comment.
    DisableNextLine,
    /// `postlint-` followed by a word that is none of the above (a typo such as
    /// `postlint-disabel`); reported, never obeyed.
    Unknown(String),
}

/// One `<!-- postlint-… -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// The rule ids or globs it names, each with its bytes in the file; empty means all rules.
    pub rules: Vec<(String, Range<usize>)>,
    /// The whole comment, `<!--` to `-->`.
    pub span: Range<usize>,
}

const PREFIX: &str = "postlint-";

/// The directives in the HTML `ranges` of `text` (raw HTML blocks and inline HTML), in order.
pub fn scan(text: &str, ranges: &[Range<usize>]) -> Vec<Directive> {
    let mut out = Vec::new();
    for range in ranges {
        let Some(html) = text.get(range.clone()) else {
            continue;
        };
        let mut at = 0;
        while let Some(open) = html.get(at..).and_then(|rest| rest.find("<!--")) {
            let inner_start = at + open + 4;
            let Some(close) = html.get(inner_start..).and_then(|rest| rest.find("-->")) else {
                break;
            };
            let inner_end = inner_start + close;
            at = inner_end + 3;
            let inner = html.get(inner_start..inner_end).unwrap_or("");
            if let Some(directive) = parse(inner, range.start + inner_start) {
                out.push(Directive {
                    span: range.start + inner_start - 4..range.start + at,
                    ..directive
                });
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// Reads the inside of one comment starting at byte `base`; `None` if it is not ours.
fn parse(inner: &str, base: usize) -> Option<Directive> {
    let mut words = words(inner, base);
    let (first, _) = words.next()?;
    let name = first.strip_prefix(PREFIX)?;
    let kind = match name {
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        "disable-line" => DirectiveKind::DisableLine,
        "disable-next-line" => DirectiveKind::DisableNextLine,
        other => DirectiveKind::Unknown(other.to_string()),
    };
    Some(Directive {
        kind,
        rules: words.map(|(w, r)| (w.to_string(), r)).collect(),
        span: 0..0,
    })
}

/// Words separated by white space or commas, each with its bytes.
fn words(text: &str, base: usize) -> impl Iterator<Item = (&str, Range<usize>)> {
    let separator = |c: char| c.is_whitespace() || c == ',';
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        let start = at + rest.find(|c| !separator(c))?;
        let len = text
            .get(start..)?
            .find(separator)
            .unwrap_or(text.len() - start);
        at = start + len;
        Some((text.get(start..at)?, base + start..base + at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kinds_rules_and_their_spans() {
        let text = "캐쉬 <!-- postlint-disable-line typo/ko-loanwords, link/* --> 끝\n<!--postlint-enable-->\n<!-- 그냥 주석 -->";
        let all = 0..text.len();
        let found = scan(text, std::slice::from_ref(&all));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].kind, DirectiveKind::DisableLine);
        let names: Vec<&str> = found[0].rules.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["typo/ko-loanwords", "link/*"]);
        let (name, span) = &found[0].rules[1];
        assert_eq!(&text[span.clone()], name);
        assert_eq!(
            &text[found[0].span.clone()],
            "<!-- postlint-disable-line typo/ko-loanwords, link/* -->"
        );
        assert_eq!(found[1].kind, DirectiveKind::Enable);
        assert!(found[1].rules.is_empty());
    }

    #[test]
    fn unknown_and_unclosed_comments() {
        let text = "<!-- postlint-disabel typo/* --> <!-- postlint-disable";
        let all = 0..text.len();
        let found = scan(text, std::slice::from_ref(&all));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, DirectiveKind::Unknown("disabel".into()));
    }
}

//! Spelling: rule sets of wrong forms and their right forms (`rules/*.yml` and the user's own
//! files), compiled once into one matcher that understands Korean and English word boundaries.

pub mod matcher;
pub mod particle;
pub mod rules;

use std::ops::Range;

use crate::document::yaml::{Node, Value};
use rules::{RuleFileError, RuleSet};

/// The rule sets postlint ships, compiled into the binary: `(file name, text)`.
pub const SHIPPED: [(&str, &str); 5] = [
    (
        "product-names.yml",
        include_str!("../../rules/product-names.yml"),
    ),
    ("context.yml", include_str!("../../rules/context.yml")),
    (
        "ko-spelling.yml",
        include_str!("../../rules/ko-spelling.yml"),
    ),
    (
        "ko-loanwords.yml",
        include_str!("../../rules/ko-loanwords.yml"),
    ),
    ("ko-spacing.yml", include_str!("../../rules/ko-spacing.yml")),
];

// Generated, one rule per line: rustfmt leaves it as the generator writes it.
#[rustfmt::skip]
mod shipped_data;

/// One shipped rule set as compiled into the binary: what [`rules::parse`] makes of its YAML,
/// generated into `shipped_data.rs` so start-up needs no YAML parse (it was most of
/// start-up). A test keeps the two in sync.
struct SetData {
    file: &'static str,
    id: &'static str,
    description: &'static str,
    severity: crate::diagnostic::Severity,
    autofix: bool,
    rules: &'static [RuleData],
}

/// One shipped rule; see [`rules::Rule`]. Examples stay in the YAML, where tests read them.
struct RuleData {
    right: &'static [&'static str],
    wrong: &'static [&'static str],
    pattern: Option<&'static str>,
    ignore_case: bool,
    within_words: bool,
    exceptions: &'static [&'static str],
    note: Option<&'static str>,
}

/// The shipped sets, each carrying its registered rule (`typo/<id>` in `postlint rules`),
/// from the data generated from `rules/*.yml` (examples left out).
pub fn shipped() -> Result<Vec<RuleSet>, (&'static str, RuleFileError)> {
    use rayon::prelude::*;
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    shipped_data::SETS
        .par_iter()
        .map(|set| {
            let mut out = Vec::with_capacity(set.rules.len());
            for rule in set.rules {
                let matcher = match rule.pattern {
                    Some(pattern) => {
                        rules::WrongForm::Pattern(rules::compile_pattern(pattern).map_err(|e| {
                            let message = format!("invalid pattern: {e}");
                            (
                                set.file,
                                RuleFileError {
                                    message,
                                    span: 0..0,
                                },
                            )
                        })?)
                    }
                    None => rules::WrongForm::Literal(strings(rule.wrong)),
                };
                out.push(rules::Rule {
                    right: strings(rule.right),
                    matcher,
                    ignore_case: rule.ignore_case,
                    within_words: rule.within_words,
                    exceptions: strings(rule.exceptions),
                    note: rule.note.map(str::to_string),
                    examples: Vec::new(),
                });
            }
            let id = format!("typo/{}", set.id);
            let rule = crate::checks::rule(&id).unwrap_or_else(|| {
                Box::leak(Box::new(crate::checks::Rule {
                    id: Box::leak(id.into_boxed_str()),
                    default_severity: set.severity,
                    summary: set.description,
                }))
            });
            Ok(RuleSet {
                id: set.id.to_string(),
                rule,
                description: set.description.to_string(),
                severity: set.severity,
                autofix: set.autofix,
                rules: out,
            })
        })
        .collect()
}

/// The shipped sets read from their YAML, examples included, each carrying its registered
/// rule: what the tests check and what `shipped_data.rs` is generated from.
pub fn parse_shipped() -> Result<Vec<RuleSet>, (&'static str, RuleFileError)> {
    SHIPPED
        .iter()
        .map(|(name, text)| {
            let mut set = rules::parse(text, true).map_err(|e| (*name, e))?;
            if let Some(rule) = crate::checks::rule(set.rule.id) {
                set.rule = rule;
            }
            Ok(set)
        })
        .collect()
}

/// Front-matter keys whose values are prose, unless the configuration says otherwise.
pub const DEFAULT_PROSE_KEYS: [&str; 4] = ["title", "summary", "description", "excerpt"];

/// The bytes of the string values of `keys` in front matter (quotes excluded), where
/// spelling is checked.
pub fn front_matter_prose(root: &Node, text: &str, keys: &[String]) -> Vec<Range<usize>> {
    keys.iter()
        .filter_map(|key| root.get(key).map(|(_, v)| v))
        .filter(|node| matches!(node.value, Value::Str(_)))
        .map(|node| node.content_span(text))
        .collect()
}

#[cfg(test)]
mod tests;

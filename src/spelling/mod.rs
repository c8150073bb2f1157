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

/// The shipped sets, each carrying its registered rule (`typo/<id>` in `postlint rules`).
pub fn shipped() -> Result<Vec<RuleSet>, (&'static str, RuleFileError)> {
    use rayon::prelude::*;
    // In parallel: parsing them is most of postlint's start-up.
    SHIPPED
        .par_iter()
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

//! The registry of rules and the checks that produce them. Checks are pure: they see a
//! [`Document`](crate::document::Document) and the [`Config`](crate::config::Config) and return
//! diagnostics; they never touch the filesystem.

pub mod file;
pub mod front_matter;
pub mod links;
pub mod spelling;

use crate::diagnostic::Severity;

/// A rule: a stable id users configure, its default severity and a one-line description.
/// `postlint rules` and the README rule table are generated from [`RULES`].
#[derive(Debug)]
pub struct Rule {
    /// Stable id, `group/name`.
    pub id: &'static str,
    /// Severity when the configuration says nothing.
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
}

/// Every rule postlint knows, in the order `postlint rules` lists them.
pub static RULES: &[&Rule] = &[
    &file::UNREADABLE,
    &file::NOT_UTF8,
    &file::BINARY,
    &file::EMPTY,
    &file::TOO_LARGE,
    &file::SYMLINK_LOOP,
    &file::SYMLINK_OUTSIDE,
    &file::IGNORED,
    &front_matter::MISSING,
    &front_matter::UNCLOSED,
    &front_matter::YAML_SYNTAX,
    &front_matter::NOT_A_MAPPING,
    &front_matter::DUPLICATE_KEY,
    &front_matter::MISSING_KEY,
    &front_matter::WRONG_TYPE,
    &front_matter::NOT_ALLOWED,
    &front_matter::PATTERN_MISMATCH,
    &front_matter::DATE_MISMATCH,
    &front_matter::INVALID_DATE,
    &links::BROKEN,
    &links::POST_URL,
    &links::FRAGMENT,
    &links::IMAGE_MISSING,
    &spelling::PRODUCT_NAMES,
    &spelling::CONTEXT,
    &spelling::KO_SPELLING,
    &spelling::KO_LOANWORDS,
    &spelling::KO_SPACING,
    &crate::suppress::UNKNOWN_DIRECTIVE,
    &crate::suppress::UNKNOWN_RULE,
    &crate::suppress::UNUSED,
];

/// Looks a rule up by its id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Runs every check on one document. Pure: no I/O, safe to call from any thread.
pub fn check_document(
    doc: &crate::document::Document,
    config: &crate::config::Config,
    site: &crate::site::Site,
    spelling: &crate::spelling::matcher::Matcher,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut out = check_without_site(doc, config, spelling);
    out.extend(check_with_site(doc, config, site));
    out
}

/// The checks that need only the document: front matter and spelling. They run while the
/// site is still being read.
pub fn check_without_site(
    doc: &crate::document::Document,
    config: &crate::config::Config,
    spelling: &crate::spelling::matcher::Matcher,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut out = front_matter::check(doc, config);
    out.extend(spelling::check(
        doc,
        spelling,
        &config.spelling.prose_keys,
        &config.spelling.allow,
    ));
    out
}

/// The checks that need the site index: links and images.
pub fn check_with_site(
    doc: &crate::document::Document,
    config: &crate::config::Config,
    site: &crate::site::Site,
) -> Vec<crate::diagnostic::Diagnostic> {
    links::check(doc, site, &config.links.image_keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_grouped_and_described() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate rule id");
        for r in RULES {
            assert!(r.id.split_once('/').is_some(), "{} has no group", r.id);
            assert!(
                !r.summary.is_empty() && !r.summary.ends_with('.'),
                "{}",
                r.id
            );
        }
    }
}

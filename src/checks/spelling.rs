//! Spelling: wrong forms from the rule sets, in prose only, each reported at exactly the wrong
//! text with the right form (`'캐쉬' -> '캐시'`) and, when there is one right form, a fix.

use crate::checks::Rule;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::Document;
use crate::spelling::matcher::Matcher;

/// Product names with the wrong spelling or casing (`ElasticCache`).
pub static PRODUCT_NAMES: Rule = Rule {
    id: "typo/product-names",
    default_severity: Severity::Error,
    summary: "A cloud or developer product is misspelled or miscased (`ElasticCache`, `Github`)",
};

/// Names wrong only in context (`AWS Submit`).
pub static CONTEXT: Rule = Rule {
    id: "typo/context",
    default_severity: Severity::Error,
    summary: "A name is wrong in its context (`AWS Submit` for `AWS Summit`)",
};

/// Unambiguous Korean misspellings (`몇일`).
pub static KO_SPELLING: Rule = Rule {
    id: "typo/ko-spelling",
    default_severity: Severity::Error,
    summary: "A Korean word is misspelled (`몇일` for `며칠`, `금새` for `금세`)",
};

/// Loanwords not in the standard spelling (`캐쉬`).
pub static KO_LOANWORDS: Rule = Rule {
    id: "typo/ko-loanwords",
    default_severity: Severity::Warning,
    summary: "An IT loanword is not in the standard spelling (`캐쉬` for `캐시`)",
};

/// Safe Korean spacing mistakes (`할수 있다`).
pub static KO_SPACING: Rule = Rule {
    id: "typo/ko-spacing",
    default_severity: Severity::Warning,
    summary: "A Korean dependent noun is not spaced (`할수 있다` for `할 수 있다`)",
};

/// Checks the prose of `doc`: the body's and that of the front-matter `prose_keys`. Words in
/// `allow` are never reported.
pub fn check(
    doc: &Document,
    matcher: &Matcher,
    prose_keys: &[String],
    allow: &[String],
) -> Vec<Diagnostic> {
    let text = doc.text();
    let front = doc
        .front_matter_root()
        .map(|root| crate::spelling::front_matter_prose(root, text, prose_keys))
        .unwrap_or_default();
    let mut out = Vec::new();
    for range in front.iter().chain(&doc.body.prose) {
        for hit in matcher.find(text, range.clone()) {
            let Some((set, rule)) = matcher.rule(&hit) else {
                continue;
            };
            let Some(wrong) = text.get(hit.range.clone()) else {
                continue;
            };
            if allow.iter().any(|a| a == wrong) {
                continue;
            }
            let rights: Vec<String> = rule.right.iter().map(|r| format!("'{r}'")).collect();
            let message = format!("'{wrong}' -> {}", rights.join(" or "));
            let mut d = Diagnostic::new(set.rule, &doc.source, hit.range.clone(), message);
            d.entry = rule.right.first().cloned();
            d = match (&rule.note, rule.right.as_slice()) {
                (Some(note), _) => d.with_help(note.clone()),
                (None, [_, _, ..]) => d.with_help("which form is right depends on the meaning"),
                (None, _) => d.with_help(set.description.clone()),
            };
            if let [right] = rule.right.as_slice() {
                // Carry a particle along when the final consonant changes (컨셉을 -> 콘셉트를).
                let after = text.get(hit.range.end..).unwrap_or("");
                let (span, replacement) =
                    match crate::spelling::particle::agreeing_particle(wrong, right, after) {
                        Some((len, particle)) => (
                            hit.range.start..hit.range.end + len,
                            format!("{right}{particle}"),
                        ),
                        None => (hit.range.clone(), right.clone()),
                    };
                d = d.with_fix(Fix {
                    span,
                    replacement,
                    automatic: set.autofix,
                });
            }
            out.push(d);
        }
    }
    out
}

//! The rule-set model: YAML files under `rules/` (and the user's own), read with exact spans
//! so a bad rule is reported at its place, then validated into [`RuleSet`]s.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::Severity;

/// One rule set: a file of rules sharing an id, a severity and an auto-fix policy.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The set id; findings are `typo/<id>`.
    pub id: String,
    /// The rule findings carry: `typo/<id>`, with the set's severity and description.
    pub rule: &'static crate::checks::Rule,
    /// What the set is about.
    pub description: String,
    /// Severity of its findings unless the configuration re-levels them.
    pub severity: Severity,
    /// `--fix` may apply its fixes that have exactly one right form.
    pub autofix: bool,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

/// One rule: wrong forms (literal or a pattern), the right form(s), and its proof.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The right form(s); more than one means the fix is a suggestion, never automatic.
    pub right: Vec<String>,
    /// How the wrong text is found.
    pub matcher: WrongForm,
    /// Literal forms match in any ASCII case (only for coined names).
    pub ignore_case: bool,
    /// A form may match inside a longer word.
    pub within_words: bool,
    /// Longer right words that contain a wrong form (`금새우` for `금새`).
    pub exceptions: Vec<String>,
    /// Why, shown as help.
    pub note: Option<String>,
    /// Sentences that must fire (with their fixed text) or stay silent.
    pub examples: Vec<Example>,
}

/// How a rule recognises the wrong text.
#[derive(Debug, Clone)]
pub enum WrongForm {
    /// Literal forms, compiled into the shared automaton.
    Literal(Vec<String>),
    /// A regular expression, compiled into the shared `RegexSet`.
    Pattern(Regex),
}

/// A sentence a rule is tested on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// The rule must fire; applying its fix must give `fixed` (when given).
    Fires {
        /// The sentence.
        text: String,
        /// The sentence after the fix.
        fixed: Option<String>,
    },
    /// The rule must not fire.
    Silent(String),
}

/// A rule file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFileError {
    /// What is wrong.
    pub message: String,
    /// Bytes of the file at fault.
    pub span: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: Spanned<String>,
    description: String,
    severity: Spanned<String>,
    #[serde(default)]
    autofix: bool,
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    right: OneOrMany,
    wrong: Option<Vec<String>>,
    pattern: Option<String>,
    #[serde(default)]
    ignore_case: bool,
    #[serde(default)]
    within_words: bool,
    #[serde(default)]
    exceptions: Vec<String>,
    note: Option<String>,
    #[serde(default)]
    examples: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    fires: Option<String>,
    fixed: Option<String>,
    silent: Option<String>,
}

/// Reads one rule file. `require_examples` is set for shipped sets: every rule must prove
/// itself with at least one sentence that fires and one that stays silent.
pub fn parse(text: &str, require_examples: bool) -> Result<RuleSet, RuleFileError> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    let raw: RawSet =
        serde_saphyr::from_str_with_options(text, options).map_err(|e| RuleFileError {
            message: format!(
                "invalid rule file: {}",
                crate::document::yaml::plain_message(&e)
            ),
            span: crate::document::yaml::error_span(text, &e),
        })?;
    let at = |s: &serde_saphyr::Location| crate::document::yaml::location_span(text, s);
    let fail = |span: Range<usize>, message: String| RuleFileError { message, span };
    let id = raw.id.value.trim().to_string();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(fail(
            at(&raw.id.referenced),
            format!("set id `{id}` must be letters, digits and `-`"),
        ));
    }
    let severity = match raw.severity.value.as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => {
            return Err(fail(
                at(&raw.severity.referenced),
                format!("severity `{other}` must be error, warning or info"),
            ));
        }
    };
    let mut rules = Vec::with_capacity(raw.rules.len());
    for spanned in raw.rules {
        let span = at(&spanned.referenced);
        rules.push(rule(spanned.value, require_examples).map_err(|m| fail(span, m))?);
    }
    // One small allocation per set for the life of the run, so findings can carry `&'static`
    // rule ids like every other check's.
    let rule: &'static crate::checks::Rule = Box::leak(Box::new(crate::checks::Rule {
        id: Box::leak(format!("typo/{id}").into_boxed_str()),
        default_severity: severity,
        summary: Box::leak(raw.description.clone().into_boxed_str()),
    }));
    Ok(RuleSet {
        rule,
        id,
        description: raw.description,
        severity,
        autofix: raw.autofix,
        rules,
    })
}

/// What to do about a pattern `regex` refused: a pattern over the size limit (1 MiB compiled,
/// so a pathological one is refused at load instead of stalling the run) needs smaller
/// repetition counts; anything else is a syntax the `regex` crate lacks.
pub fn pattern_help(error: &regex::Error) -> &'static str {
    match error {
        regex::Error::CompiledTooBig(_) => {
            "the pattern is too large once compiled: nested or large repetition counts such as `{1000}` multiply its size; write a simpler pattern"
        }
        _ => "patterns use Rust regex syntax (no look-around or backreferences)",
    }
}

/// A rule's pattern, compiled with a size limit (1 MiB) so a pathological one is refused at
/// load instead of stalling the run.
pub fn compile_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 20)
        .build()
}

fn rule(raw: RawRule, require_examples: bool) -> Result<Rule, String> {
    let right = match raw.right {
        OneOrMany::One(r) => vec![r],
        OneOrMany::Many(r) => r,
    };
    if right.is_empty() || right.iter().any(|r| r.trim().is_empty()) {
        return Err("a rule needs a non-empty `right` form".into());
    }
    let matcher = match (raw.wrong, raw.pattern) {
        (Some(wrong), None) => {
            if wrong.is_empty() || wrong.iter().any(|w| w.trim().is_empty()) {
                return Err(format!("rule for `{}` has an empty `wrong` form", right[0]));
            }
            if let Some(same) = wrong.iter().find(|w| right.contains(w)) {
                return Err(format!("`{same}` is both wrong and right"));
            }
            WrongForm::Literal(wrong)
        }
        (None, Some(pattern)) => WrongForm::Pattern(compile_pattern(&pattern).map_err(|e| {
            format!(
                "invalid pattern for `{}`: {e} ({})",
                right[0],
                pattern_help(&e)
            )
        })?),
        _ => {
            return Err(format!(
                "rule for `{}` needs exactly one of `wrong` or `pattern`",
                right[0]
            ));
        }
    };
    let mut examples = Vec::new();
    for ex in raw.examples {
        examples.push(match (ex.fires, ex.fixed, ex.silent) {
            (Some(text), fixed, None) => Example::Fires { text, fixed },
            (None, None, Some(text)) => Example::Silent(text),
            _ => {
                return Err(format!(
                    "an example of `{}` is either `fires` (with an optional `fixed`) or `silent`",
                    right[0]
                ));
            }
        });
    }
    if require_examples {
        let fires = examples.iter().any(|e| matches!(e, Example::Fires { .. }));
        let silent = examples.iter().any(|e| matches!(e, Example::Silent(_)));
        if !(fires && silent) {
            return Err(format!(
                "rule for `{}` needs at least one `fires` and one `silent` example",
                right[0]
            ));
        }
    }
    Ok(Rule {
        right,
        matcher,
        ignore_case: raw.ignore_case,
        within_words: raw.within_words,
        exceptions: raw.exceptions,
        note: raw.note,
        examples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = "id: demo\ndescription: 예제\nseverity: warning\nautofix: true\nrules:\n  - right: 캐시\n    wrong: [캐쉬]\n    examples:\n      - fires: 캐쉬를 비운다\n        fixed: 캐시를 비운다\n      - silent: 캐시를 비운다\n  - right: AWS Summit\n    pattern: 'AWS\\s+Submit'\n    examples:\n      - fires: AWS Submit 2016\n      - silent: Submit 버튼\n";

    #[test]
    fn a_set_reads_with_its_rules_and_examples() {
        let set = parse(SET, true).unwrap();
        assert_eq!((set.id.as_str(), set.rule.id), ("demo", "typo/demo"));
        assert_eq!(set.rule.default_severity, Severity::Warning);
        assert_eq!(set.severity, Severity::Warning);
        assert!(set.autofix);
        assert_eq!(set.rules.len(), 2);
        assert!(matches!(&set.rules[0].matcher, WrongForm::Literal(w) if w == &["캐쉬"]));
        assert!(matches!(&set.rules[1].matcher, WrongForm::Pattern(_)));
        assert_eq!(
            set.rules[0].examples[0],
            Example::Fires {
                text: "캐쉬를 비운다".into(),
                fixed: Some("캐시를 비운다".into())
            }
        );
    }

    #[test]
    fn bad_rules_are_reported_at_their_place() {
        let no_silent = SET.replace("      - silent: 캐시를 비운다\n", "");
        let err = parse(&no_silent, true).unwrap_err();
        assert!(err.message.contains("one `silent` example"), "{err:?}");
        assert!(
            no_silent[err.span.start..].starts_with("right: 캐시"),
            "{err:?}"
        );
        assert!(parse(&no_silent, false).is_ok());
        let bad_pattern = SET.replace("AWS\\s+Submit", "AWS(");
        let err = parse(&bad_pattern, true).unwrap_err();
        assert!(
            err.message.starts_with("invalid pattern for `AWS Summit`"),
            "{err:?}"
        );
        let both = SET.replace("    wrong: [캐쉬]\n", "    wrong: [캐쉬]\n    pattern: x\n");
        assert!(
            parse(&both, true)
                .unwrap_err()
                .message
                .contains("exactly one")
        );
        let same = SET.replace("wrong: [캐쉬]", "wrong: [캐시]");
        assert!(
            parse(&same, true)
                .unwrap_err()
                .message
                .contains("both wrong and right")
        );
        let severity = SET.replace("severity: warning", "severity: loud");
        let err = parse(&severity, true).unwrap_err();
        assert_eq!(&severity[err.span.clone()], "loud");
        let unknown = SET.replace(
            "    wrong: [캐쉬]\n",
            "    wrong: [캐쉬]\n    wrongs: [x]\n",
        );
        assert!(
            parse(&unknown, true)
                .unwrap_err()
                .message
                .contains("unknown field")
        );
    }
}

//! Every example of every shipped rule: a rule cannot ship without proof.

use super::matcher::Matcher;
use super::rules::Example;
use super::*;

#[test]
fn every_shipped_rule_proves_itself_with_its_examples() {
    let sets = parse_shipped().unwrap_or_else(|(name, e)| panic!("rules/{name}: {e:?}"));
    let matcher = Matcher::new(sets).expect("compiles");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (s, set) in matcher.sets().iter().enumerate() {
        for (r, rule) in set.rules.iter().enumerate() {
            for example in &rule.examples {
                checked += 1;
                let (text, fixed, must_fire) = match example {
                    Example::Fires { text, fixed } => (text, fixed.as_ref(), true),
                    Example::Silent(text) => (text, None, false),
                };
                let hits: Vec<_> = matcher
                    .find(text, 0..text.len())
                    .into_iter()
                    .filter(|h| h.set == s && h.rule == r)
                    .collect();
                if must_fire == hits.is_empty() {
                    failures.push(format!(
                        "{}: `{}` should {} on {text:?}",
                        set.id,
                        rule.right.join(" | "),
                        if must_fire { "fire" } else { "stay silent" }
                    ));
                    continue;
                }
                if let Some(want) = fixed {
                    let mut got = text.clone();
                    for hit in hits.iter().rev() {
                        let (span, replacement) =
                            super::particle::fix(text, hit.range.clone(), &rule.right[0]);
                        got.replace_range(span, &replacement);
                    }
                    if &got != want {
                        failures.push(format!(
                            "{}: fixing {text:?} gave {got:?}, not {want:?}",
                            set.id
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 0);
}

#[test]
fn front_matter_prose_is_the_value_without_quotes() {
    let text = "title: 'AWS Submit 2016 참관기'\nsummary: 캐쉬 정리\ndescription: |\n  여러 줄의\n  캐쉬 설명\nlayout: post\n";
    let root = crate::document::yaml::parse(text).unwrap();
    let keys: Vec<String> = DEFAULT_PROSE_KEYS.iter().map(|k| k.to_string()).collect();
    let ranges = front_matter_prose(&root, text, &keys);
    let values: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(values[0], "AWS Submit 2016 참관기");
    assert_eq!(values[1], "캐쉬 정리");
    assert!(
        values[2].contains("캐쉬 설명") && !values[2].starts_with('|'),
        "{values:?}"
    );
    assert_eq!(values.len(), 3);
}

/// `shipped_data.rs` as generated from the rule files' YAML.
fn render_shipped_data(sets: &[RuleSet]) -> String {
    use std::fmt::Write as _;
    let list = |items: &[String]| {
        let inner: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        format!("&[{}]", inner.join(", "))
    };
    let mut out = String::from(
        "//! Generated from `rules/*.yml` by the test `shipped_data_is_generated_from_the_rule_files`\n\
         //! (`POSTLINT_BLESS=1 cargo test --lib shipped_data` rewrites it). Do not edit.\n\n\
         use super::{RuleData, SetData};\n\n\
         pub(super) static SETS: &[SetData] = &[\n",
    );
    for ((file, _), set) in SHIPPED.iter().zip(sets) {
        let severity = match set.severity {
            crate::diagnostic::Severity::Error => "Error",
            crate::diagnostic::Severity::Warning => "Warning",
            crate::diagnostic::Severity::Info => "Info",
        };
        let _ = writeln!(
            out,
            "    SetData {{\n        file: {file:?},\n        id: {:?},\n        description: {:?},\n        severity: crate::diagnostic::Severity::{severity},\n        autofix: {},\n        rules: &[",
            set.id, set.description, set.autofix
        );
        for rule in &set.rules {
            let (wrong, pattern) = match &rule.matcher {
                rules::WrongForm::Literal(forms) => (list(forms), "None".to_string()),
                rules::WrongForm::Pattern(re) => {
                    ("&[]".to_string(), format!("Some({:?})", re.as_str()))
                }
            };
            let _ = writeln!(
                out,
                "            RuleData {{ right: {}, wrong: {wrong}, pattern: {pattern}, ignore_case: {}, within_words: {}, exceptions: {}, note: {:?} }},",
                list(&rule.right),
                rule.ignore_case,
                rule.within_words,
                list(&rule.exceptions),
                rule.note
            );
        }
        out.push_str("        ],\n    },\n");
    }
    out.push_str("];\n");
    out
}

/// The binary starts from `shipped_data.rs`, not the YAML: it must say exactly what the rule
/// files say. After editing `rules/*.yml`, rerun with `POSTLINT_BLESS=1` to regenerate it.
#[test]
fn shipped_data_is_generated_from_the_rule_files() {
    let sets = parse_shipped().unwrap_or_else(|(name, e)| panic!("rules/{name}: {e:?}"));
    let want = render_shipped_data(&sets);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/spelling/shipped_data.rs");
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("POSTLINT_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        } else {
            panic!(
                "src/spelling/shipped_data.rs is stale: run `POSTLINT_BLESS=1 cargo test --lib shipped_data` and commit it"
            );
        }
    }
}

/// The sets built from the generated data equal the sets read from the YAML, examples aside.
#[test]
fn shipped_sets_from_data_equal_the_yaml() {
    let parsed = parse_shipped().unwrap_or_else(|(name, e)| panic!("rules/{name}: {e:?}"));
    let built = shipped().unwrap_or_else(|(name, e)| panic!("rules/{name}: {e:?}"));
    assert_eq!(parsed.len(), built.len());
    for (p, b) in parsed.iter().zip(&built) {
        assert_eq!(
            (&p.id, &p.description, p.severity, p.autofix),
            (&b.id, &b.description, b.severity, b.autofix)
        );
        assert!(std::ptr::eq(p.rule, b.rule), "{}", p.id);
        assert_eq!(p.rules.len(), b.rules.len(), "{}", p.id);
        for (pr, br) in p.rules.iter().zip(&b.rules) {
            assert_eq!(
                (
                    &pr.right,
                    pr.ignore_case,
                    pr.within_words,
                    &pr.exceptions,
                    &pr.note
                ),
                (
                    &br.right,
                    br.ignore_case,
                    br.within_words,
                    &br.exceptions,
                    &br.note
                )
            );
            match (&pr.matcher, &br.matcher) {
                (rules::WrongForm::Literal(a), rules::WrongForm::Literal(b)) => assert_eq!(a, b),
                (rules::WrongForm::Pattern(a), rules::WrongForm::Pattern(b)) => {
                    assert_eq!(a.as_str(), b.as_str())
                }
                _ => panic!("{}: `{}` changed kind", p.id, pr.right.join(" | ")),
            }
        }
    }
}

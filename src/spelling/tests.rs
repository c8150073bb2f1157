//! Every example of every shipped rule: a rule cannot ship without proof.

use super::matcher::Matcher;
use super::rules::Example;
use super::*;

#[test]
fn every_shipped_rule_proves_itself_with_its_examples() {
    let sets = shipped().unwrap_or_else(|(name, e)| panic!("rules/{name}: {e:?}"));
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

//! The README is part of the product: its rule table and commands must match the code.

use postlint::checks::RULES;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn rule_table_matches_the_registry() {
    let readme = readme();
    let start = readme
        .find("<!-- rules:start -->")
        .expect("rules:start marker");
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let table = &readme[start..end];
    let mut expected =
        String::from("<!-- rules:start -->\n| rule | default | what it finds |\n|---|---|---|\n");
    for rule in RULES {
        expected.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id, rule.default_severity, rule.summary
        ));
    }
    assert_eq!(
        table, expected,
        "regenerate the README rule table from `postlint rules`"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = readme();
    let test_command = readme
        .lines()
        .skip_while(|l| !l.starts_with("# 2."))
        .nth(1)
        .expect("the README's second command");
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == test_command),
        "`.ci/run` must run `{test_command}`"
    );
}

/// The VS Code problem matcher in the README reads every line of `--format compact`.
#[test]
fn the_problem_matcher_reads_compact_output() {
    let readme = readme();
    let matcher = readme
        .find("\"problemMatcher\"")
        .expect("a problem matcher");
    let start = readme[..matcher]
        .rfind("```json\n")
        .expect("its code block")
        + 8;
    let end = matcher + readme[matcher..].find("\n```").expect("end of the block");
    let task: serde_json::Value =
        serde_json::from_str(&readme[start..end]).expect("the task is JSON");
    let pattern = &task["problemMatcher"]["pattern"];
    let regex = regex::Regex::new(pattern["regexp"].as_str().expect("regexp")).expect("regex");
    let run = crate::common::postlint(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--format", "compact", "fixtures/site"],
    );
    let mut lines = 0;
    for line in run.stdout.lines() {
        let caps = regex
            .captures(line)
            .unwrap_or_else(|| panic!("the matcher misses {line}"));
        let group = |key: &str| caps.get(pattern[key].as_u64().unwrap_or(0) as usize);
        assert!(
            group("file").is_some_and(|f| f.as_str().ends_with(".md")),
            "{line}"
        );
        assert!(
            group("code").is_some_and(|c| c.as_str().contains('/')),
            "{line}"
        );
        lines += 1;
    }
    assert!(lines > 10, "{}", run.stdout);
}

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

//! Spelling end to end: findings, `--fix`, `--diff`, the team's own rules and allow list.

use std::path::Path;

use crate::common::{postlint, site, write};

/// `(rule, wrong text)` of each typo finding in `rel`.
fn typos(root: &Path, rel: &str) -> Vec<(String, String)> {
    let run = postlint(root, &["check", "--format", "json"]);
    let text = std::fs::read_to_string(root.join(rel)).expect("read");
    run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == rel && d["rule"].as_str().unwrap_or("").starts_with("typo/"))
        .map(|d| {
            let at = d["offset"].as_u64().unwrap_or(0) as usize;
            let len = d["length"].as_u64().unwrap_or(0) as usize;
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                text[at..at + len].to_string(),
            )
        })
        .collect()
}

const POST: &str = "_posts/2016-05-18-summit.md";

#[test]
fn look_alikes_and_code_stay_silent() {
    let dir = site();
    write(
        dir.path(),
        POST,
        "---\ntitle: AWS Summit 후기\nsummary: Submit 버튼\n---\n웬만하면 분들께 설명한다. 할수록 좋다. 금새우 튀김.\n\n`ElasticCache` 와 `캐쉬`\n\n```\nGithub 캐쉬 AWS Submit\n```\n\n[링크](https://github.com/캐쉬) <https://Github.com> <span title=\"캐쉬\">글</span> {{ site.Github }}\n",
    );
    assert_eq!(typos(dir.path(), POST), []);
}

#[test]
fn fix_writes_automatic_fixes_only_and_a_second_run_changes_nothing() {
    let dir = site();
    let text = "\u{feff}---\r\ntitle: 'AWS Submit 2016'\r\n---\r\nElasticCache와 캐쉬를 썼다.\r\n\r\n```\r\nElasticCache\r\n```\r\n";
    write(dir.path(), POST, text);
    let diff = postlint(dir.path(), &["check", "--diff"]);
    assert_eq!(diff.status, 1, "{}", diff.stderr);
    assert!(
        diff.stdout
            .contains("-ElasticCache와 캐쉬를 썼다.\r\n+ElastiCache와 캐쉬를 썼다.\r\n"),
        "{}",
        diff.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(POST)).unwrap(),
        text,
        "--diff writes nothing"
    );

    let fixed = postlint(dir.path(), &["check", "--fix", "--format", "json"]);
    assert!(
        fixed.stderr.contains("fixed 2 problems in 1 file"),
        "{}",
        fixed.stderr
    );
    let after = std::fs::read_to_string(dir.path().join(POST)).unwrap();
    assert_eq!(
        after,
        "\u{feff}---\r\ntitle: 'AWS Summit 2016'\r\n---\r\nElastiCache와 캐쉬를 썼다.\r\n\r\n```\r\nElasticCache\r\n```\r\n",
        "BOM, CRLF and code kept; the loanword (no auto-fix) left"
    );
    // What is left is reported against the new text: the loanword, as a warning.
    assert_eq!(
        typos(dir.path(), POST),
        [("typo/ko-loanwords".to_string(), "캐쉬".to_string())]
    );
    let again = postlint(dir.path(), &["check", "--diff"]);
    assert_eq!(
        (again.status, again.stdout.as_str()),
        (0, ""),
        "{}",
        again.stderr
    );
}

#[test]
fn fixes_that_uncover_fixes_settle_in_one_run() {
    let dir = site();
    // `할것같다`: spacing `할것` first, which uncovers `것같다`; `할꺼에요` -> `할 거에요`
    // uncovers `거에요` -> `거예요`.
    write(
        dir.path(),
        POST,
        "---\ntitle: 글\n---\n할것같다. 할꺼에요.\n",
    );
    let diff = postlint(dir.path(), &["check", "--diff"]);
    assert!(
        diff.stdout.contains("+할 것 같다. 할 거예요.\n"),
        "{}",
        diff.stdout
    );
    let fixed = postlint(dir.path(), &["check", "--fix"]);
    assert!(fixed.stderr.contains("in 1 file\n"), "{}", fixed.stderr);
    assert!(!fixed.stderr.contains("rounds"), "{}", fixed.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(POST)).unwrap(),
        "---\ntitle: 글\n---\n할 것 같다. 할 거예요.\n"
    );
    let again = postlint(dir.path(), &["check", "--diff"]);
    assert_eq!(
        (again.status, again.stdout.as_str()),
        (0, ""),
        "{}",
        again.stderr
    );
}

#[test]
fn fixes_that_undo_each_other_leave_the_file_alone() {
    let dir = site();
    let text = "---\ntitle: 글\n---\nAlpha 글\n";
    write(dir.path(), POST, text);
    write(
        dir.path(),
        "team.yml",
        "id: team\ndescription: d\nseverity: error\nautofix: true\nrules:\n  - right: Beta\n    pattern: Alpha\n  - right: Alpha\n    pattern: Beta\n",
    );
    write(
        dir.path(),
        ".postlint.yml",
        "spelling:\n  rules: [team.yml]\n",
    );
    let fixed = postlint(dir.path(), &["check", "--fix"]);
    assert!(
        fixed.stderr.contains("so it was not fixed"),
        "{}",
        fixed.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(POST)).unwrap(),
        text
    );
}

#[test]
fn the_teams_rules_allow_list_and_severity() {
    let dir = site();
    write(
        dir.path(),
        POST,
        "---\ntitle: 제목\nsummary: 요약\n---\n캐쉬와 깃헙, 그리고 Github.\n",
    );
    write(
        dir.path(),
        "team.yml",
        "id: team\ndescription: 우리 팀 용어\nseverity: error\nautofix: true\nrules:\n  - right: 깃허브\n    wrong: [깃헙]\n",
    );
    write(
        dir.path(),
        ".postlint.yml",
        "spelling:\n  rules: [team.yml]\n  allow: [캐쉬]\nseverity: { \"typo/product-names\": off }\n",
    );
    assert_eq!(
        typos(dir.path(), POST),
        [("typo/team".to_string(), "깃헙".to_string())]
    );
}

#[test]
fn a_broken_rule_file_stops_the_run_at_its_place() {
    let dir = site();
    write(
        dir.path(),
        "team.yml",
        "id: team\ndescription: d\nseverity: loud\nrules: []\n",
    );
    write(
        dir.path(),
        ".postlint.yml",
        "spelling:\n  rules: [team.yml]\n",
    );
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("severity `loud` must be error, warning or info"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("team.yml:3:11"), "{}", run.stderr);
}

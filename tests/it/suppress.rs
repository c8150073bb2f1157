//! Inline suppressions end to end: every directive, front-matter `disable`, globs, code
//! blocks that must not count, and `--report-unused-disables`.

use std::path::Path;

use crate::common::{postlint, site};

const POST: &str = "_posts/2020-01-01-a.md";

const TEXT: &str = "---
title: 캐쉬 글
summary: 요약
postlint:
  disable: [typo/ko-spacing, typo/nope]
---

캐쉬를 썼다. <!-- postlint-disable-line typo/ko-loanwords -->
<!-- postlint-disable-next-line -->
아키텍쳐와 [링크](/없음/)
아키텍쳐 다음 줄.

<!-- postlint-disable link/* -->
[링크](/없음/) 캐쉬
<!-- postlint-enable -->
[링크](/없음/)
<!-- postlint-disabel typo/* -->
<!-- postlint-disable-next-line typo/product-names, link/broken -->
할수 있다 ElasticCache
```
<!-- postlint-disable -->
```
[링크](/없음2/) <!-- postlint-disable-line typo/ko-loanwords/캐시 -->
";

/// `(line, column, rule, text at the span)` of every finding in the post.
fn findings(root: &Path, args: &[&str]) -> Vec<(u64, u64, String, String)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = postlint(root, &all);
    let text = std::fs::read_to_string(root.join(POST)).expect("read");
    run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == POST)
        .map(|d| {
            let at = d["offset"].as_u64().unwrap_or(0) as usize;
            let len = d["length"].as_u64().unwrap_or(0) as usize;
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or("").to_string(),
                text[at..at + len].to_string(),
            )
        })
        .collect()
}

fn f(line: u64, column: u64, rule: &str, text: &str) -> (u64, u64, String, String) {
    (line, column, rule.to_string(), text.to_string())
}

#[test]
fn directives_silence_what_they_name_where_they_reach() {
    let dir = site();
    std::fs::write(dir.path().join(POST), TEXT).expect("write");
    assert_eq!(
        findings(dir.path(), &[]),
        [
            // The title is not under any body directive.
            f(2, 8, "typo/ko-loanwords", "캐쉬"),
            f(5, 30, "suppression/unknown-rule", "typo/nope"),
            // disable-next-line reaches one line only.
            f(11, 1, "typo/ko-loanwords", "아키텍쳐"),
            // disable link/* leaves spelling on.
            f(14, 12, "typo/ko-loanwords", "캐쉬"),
            // After enable, links are reported again.
            f(16, 6, "link/broken", "/없음/"),
            f(
                17,
                1,
                "suppression/unknown-directive",
                "<!-- postlint-disabel typo/* -->"
            ),
            // A comment inside code is no directive.
            f(23, 6, "link/broken", "/없음2/"),
        ]
    );
}

#[test]
fn unused_suppressions_are_reported_on_request() {
    let dir = site();
    std::fs::write(dir.path().join(POST), TEXT).expect("write");
    let unused: Vec<_> = findings(dir.path(), &["--report-unused-disables"])
        .into_iter()
        .filter(|(_, _, rule, _)| rule == "suppression/unused")
        .collect();
    assert_eq!(
        unused,
        [
            // Line 19 has a spelling finding but no broken link.
            f(18, 53, "suppression/unused", "link/broken"),
            // The entry names 캐시, and line 23 has no 캐쉬.
            f(23, 40, "suppression/unused", "typo/ko-loanwords/캐시"),
        ]
    );
}

#[test]
fn an_entry_can_be_silenced_alone() {
    let dir = site();
    std::fs::write(
        dir.path().join(POST),
        "---\ntitle: 글\nsummary: 요약\n---\n캐쉬와 아키텍쳐 <!-- postlint-disable-line typo/ko-loanwords/캐시 -->\n",
    )
    .expect("write");
    assert_eq!(
        findings(dir.path(), &["--report-unused-disables"]),
        [f(5, 5, "typo/ko-loanwords", "아키텍쳐")]
    );
}

#[test]
fn fix_leaves_silenced_typos_alone() {
    let dir = site();
    let text = "---\ntitle: 글\n---\nElasticCache <!-- postlint-disable-line -->\nElasticCache\n";
    std::fs::write(dir.path().join(POST), text).expect("write");
    let run = postlint(dir.path(), &["check", "--fix"]);
    assert!(
        run.stderr.contains("fixed 1 problem in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(POST)).expect("read"),
        "---\ntitle: 글\n---\nElasticCache <!-- postlint-disable-line -->\nElastiCache\n"
    );
}

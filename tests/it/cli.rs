//! Command-line behaviour: exit statuses, flags, configuration errors, root discovery.

use crate::common;

use common::{postlint, site, witness};

#[test]
fn version_help_and_rules() {
    let dir = site();
    let run = postlint(dir.path(), &["--version"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.starts_with("postlint "), "{}", run.stdout);
    let run = postlint(dir.path(), &["check", "--help"]);
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.contains("Examples:") && run.stdout.contains("--deny"),
        "{}",
        run.stdout
    );
    let run = postlint(dir.path(), &["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"front-matter/missing-key") && ids.contains(&"file/not-utf8"),
        "{ids:?}"
    );
}

#[test]
fn exit_status_is_0_clean_1_errors_2_usage() {
    let dir = site();
    assert_eq!(postlint(dir.path(), &["check"]).status, 1);
    std::fs::write(
        dir.path().join("_posts/2016-05-13-witness.md"),
        "---\ntitle: 제목\nsummary: 요약\n---\n",
    )
    .unwrap();
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("0 errors, 0 warnings in 1 file\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        postlint(dir.path(), &["check", "--format", "xml"]).status,
        2
    );
    assert_eq!(postlint(dir.path(), &["frobnicate"]).status, 2);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = site();
    std::fs::write(
        dir.path().join("_posts/2016-05-13-witness.md"),
        "---\ntitle: 제목\nsummary: 요약\n---\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("_posts/2016-05-14-empty.md"), "").unwrap();
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("0 errors, 1 warning in 2 files"),
        "{}",
        run.stdout
    );
    assert_eq!(
        postlint(dir.path(), &["check", "--deny", "warnings"]).status,
        1
    );
}

#[test]
fn severity_overrides_relevel_and_turn_off_rules() {
    let dir = site();
    std::fs::write(
        dir.path().join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title, summary]\nseverity:\n  front-matter/missing-key: warning\n  \"file/*\": off\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("_posts/2016-05-14-empty.md"), "").unwrap();
    let run = postlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.status, 0);
    assert_eq!(run.findings(), [witness()]);
    assert_eq!(run.json()["diagnostics"][0]["severity"], "warning");
}

#[test]
fn a_broken_config_stops_the_run_and_points_at_the_mistake() {
    let dir = site();
    std::fs::write(
        dir.path().join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title]\n    patterns: { category: '[a-z' }\n",
    )
    .unwrap();
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("invalid pattern for `category`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".postlint.yml:4:27"), "{}", run.stderr);

    std::fs::write(
        dir.path().join(".postlint.yml"),
        "severity:\n  front-matter/date-mismach: warning\n",
    )
    .unwrap();
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("did you mean `front-matter/date-mismatch`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_jekyll_config_stops_the_run() {
    let dir = site();
    std::fs::write(dir.path().join("_config.yml"), "title: '블로그\n").unwrap();
    let run = postlint(dir.path(), &["check"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("_config.yml is not valid YAML"),
        "{}",
        run.stderr
    );
}

#[test]
fn explicit_config_and_root_flags() {
    let dir = site();
    let other = dir.path().join("strict.yml");
    std::fs::write(
        &other,
        "front_matter:\n  - scope: { type: posts }\n    required: [title]\n",
    )
    .unwrap();
    let run = postlint(dir.path(), &["check", "--config", "strict.yml"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    // Run from a folder that is not the site, pointing at it with --root.
    let outside = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let post = dir.path().join("_posts/2016-05-13-witness.md");
    let run = postlint(
        outside.path(),
        &[
            "check",
            "--format",
            "json",
            "--root",
            root,
            post.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 1);
    assert_eq!(
        run.json()["diagnostics"][0]["rule"],
        "front-matter/missing-key"
    );
}

#[test]
fn root_is_found_from_a_subfolder_and_paths_stay_relative_to_the_current_folder() {
    let dir = site();
    let run = postlint(&dir.path().join("_posts"), &["check", "--format", "json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.findings(),
        [(
            "2016-05-13-witness.md".to_string(),
            "front-matter/missing-key".to_string()
        )]
    );
}

#[test]
fn a_named_ignored_file_is_checked_with_a_note() {
    let dir = site();
    std::fs::write(dir.path().join(".postlint.yml"), "front_matter:\n  - scope: { type: posts }\n    required: [title, summary]\nignore: [\"_drafts/**\"]\n").unwrap();
    std::fs::create_dir_all(dir.path().join("_drafts")).unwrap();
    std::fs::write(
        dir.path().join("_drafts/idea.md"),
        "---\nsummary: 초안\n---\n",
    )
    .unwrap();
    let run = postlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        [witness()],
        "drafts are ignored in a site-wide run"
    );
    let run = postlint(
        dir.path(),
        &["check", "--format", "json", "_drafts/idea.md"],
    );
    assert_eq!(
        run.findings(),
        [
            ("_drafts/idea.md".to_string(), "file/ignored".to_string()),
            (
                "_drafts/idea.md".to_string(),
                "front-matter/missing-key".to_string()
            ),
        ]
    );
    assert_eq!(run.json()["diagnostics"][0]["severity"], "info");
    // --quiet drops the info.
    let run = postlint(
        dir.path(),
        &["check", "--format", "json", "--quiet", "_drafts/idea.md"],
    );
    assert_eq!(run.findings().len(), 1);
}

#[test]
fn output_is_identical_across_thread_counts() {
    let dir = site();
    for i in 0..40 {
        std::fs::write(
            dir.path()
                .join(format!("_posts/2016-06-{:02}-post-{i}.md", i % 28 + 1)),
            format!(
                "---\ntitle: 글 {i}\n{}---\n",
                if i % 3 == 0 { "" } else { "summary: 요약\n" }
            ),
        )
        .unwrap();
    }
    let one = postlint(dir.path(), &["check", "--threads", "1", "--format", "json"]);
    let many = postlint(dir.path(), &["check", "--threads", "4", "--format", "json"]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.findings().len(), 15);
}

#[test]
fn color_always_and_never() {
    let dir = site();
    let run = postlint(dir.path(), &["check", "--color", "always"]);
    assert!(run.stdout.contains("\u{1b}["), "no ANSI colour");
    let run = postlint(dir.path(), &["check", "--color", "never"]);
    assert!(!run.stdout.contains("\u{1b}["));
}

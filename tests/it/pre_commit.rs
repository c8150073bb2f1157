//! The pre-commit hook end to end, with the real `pre-commit` (PyPI): it installs postlint from
//! this repository's `.pre-commit-hooks.yaml` (`language: rust`, at the commit being tested)
//! into a throw-away blog repository, where a commit with a typo or a broken link is refused
//! and a clean one goes through.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{tool_present, write};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/`, where the hook's build and pre-commit's cache are kept between runs.
fn target_dir() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_postlint"));
    bin.parent()
        .and_then(Path::parent)
        .map_or_else(|| repo().join("target"), Path::to_path_buf)
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let target = target_dir();
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        // The hook's `cargo install` builds here, so a second run is incremental, and without
        // optimisation: this tests the hook, not postlint's speed (76 s instead of 143 s cold).
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.kr")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.kr")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn ok(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = run(dir, program, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{program} {args:?}:\n{text}");
    text
}

/// Commits and returns `(accepted, what the hook printed)`.
fn commit(dir: &Path, message: &str) -> (bool, String) {
    let out = run(dir, "git", &["commit", "-qm", message]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn pre_commit_refuses_typos_and_broken_links_and_passes_clean_commits() {
    if !tool_present("pre-commit", "PyPI package pre-commit") {
        return;
    }
    // The hook is installed from this repository at the commit under test.
    let head = ok(repo(), "git", &["rev-parse", "HEAD"]);
    let head = head.trim();

    let dir = tempfile::tempdir().expect("tempdir");
    let blog = dir.path();
    ok(blog, "git", &["init", "-q"]);
    write(blog, "_config.yml", "title: 블로그\n");
    write(
        blog,
        "_posts/2016-05-13-람다.md",
        "---\ntitle: 람다로 이미지 리사이즈\n---\n## 설치\n",
    );
    write(
        blog,
        "_posts/2016-05-18-summit.md",
        "---\ntitle: 서밋\n---\n[앞 글]({% post_url 2016-05-13-람다 %})\n",
    );
    write(
        blog,
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: postlint\n",
            repo().display()
        ),
    );
    ok(blog, "git", &["add", "-A"]);
    ok(blog, "pre-commit", &["install"]);
    let (accepted, output) = commit(blog, "first posts");
    assert!(accepted, "a clean first commit passes:\n{output}");

    // A typo in a new post: refused, with the finding.
    write(
        blog,
        "_posts/2016-06-01-cache.md",
        "---\ntitle: 캐시\n---\nElasticCache를 썼다.\n",
    );
    ok(blog, "git", &["add", "-A"]);
    let (accepted, output) = commit(blog, "typo");
    assert!(!accepted, "a typo is refused:\n{output}");
    assert!(output.contains("typo/product-names"), "{output}");

    // Fixed: accepted.
    write(
        blog,
        "_posts/2016-06-01-cache.md",
        "---\ntitle: 캐시\n---\nElastiCache를 썼다.\n",
    );
    ok(blog, "git", &["add", "-A"]);
    let (accepted, output) = commit(blog, "fixed");
    assert!(accepted, "{output}");

    // A broken link: refused.
    write(
        blog,
        "_posts/2016-06-02-link.md",
        "---\ntitle: 링크\n---\n[없는 글](/2016/05/13/lamda.html)\n",
    );
    ok(blog, "git", &["add", "-A"]);
    let (accepted, output) = commit(blog, "broken link");
    assert!(!accepted, "{output}");
    assert!(output.contains("link/broken"), "{output}");
    ok(
        blog,
        "git",
        &["reset", "-q", "HEAD", "--", "_posts/2016-06-02-link.md"],
    );
    std::fs::remove_file(blog.join("_posts/2016-06-02-link.md")).expect("rm");

    // Deleting a post another post links to: refused, reported in the untouched post.
    ok(blog, "git", &["rm", "-q", "_posts/2016-05-13-람다.md"]);
    let (accepted, output) = commit(blog, "delete");
    assert!(!accepted, "{output}");
    assert!(
        output.contains("_posts/2016-05-18-summit.md") && output.contains("link/post-url"),
        "{output}"
    );
}

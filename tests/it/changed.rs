//! `--changed-since REF` in a real git repository: only changed documents are checked, and
//! links in untouched documents that the change broke are reported.

use std::path::Path;
use std::process::Command;

use crate::common::{postlint, write};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.kr", "-c", "user.name=t"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A committed site in `site/` of a repository: a post that links to another post, a page
/// with an image, and an old post with a typo nobody touches.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("site");
    write(&root, "_config.yml", "title: 블로그\n");
    write(
        &root,
        "_posts/2020-01-01-가.md",
        "---\ntitle: 가\n---\n[다음 글]({% post_url 2020-01-02-나 %})\n",
    );
    write(
        &root,
        "_posts/2020-01-02-나.md",
        "---\ntitle: 나\n---\n## 소개\n\n[앞 글](/2020/01/01/가.html)\n",
    );
    write(
        &root,
        "about.md",
        "---\ntitle: 소개\n---\n![사진](/img/나.png)\n",
    );
    write(&root, "img/나.png", "png");
    write(
        &root,
        "_posts/2019-01-01-old.md",
        "---\ntitle: 옛 글\n---\n캐쉬\n",
    );
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "init"]);
    dir
}

/// `(file, line, rule)` of every finding of `check --changed-since HEAD` in `site/`.
fn changed(dir: &Path, extra: &[&str]) -> Vec<(String, u64, String)> {
    let mut args = vec!["check", "--format", "json", "--changed-since", "HEAD"];
    args.extend_from_slice(extra);
    let run = postlint(&dir.join("site"), &args);
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn f(file: &str, line: u64, rule: &str) -> (String, u64, String) {
    (file.to_string(), line, rule.to_string())
}

#[test]
fn nothing_changed_nothing_reported() {
    let dir = repo();
    assert_eq!(changed(dir.path(), &[]), []);
}

#[test]
fn only_changed_documents_are_checked() {
    let dir = repo();
    let root = dir.path().join("site");
    write(
        &root,
        "_posts/2020-01-02-나.md",
        "---\ntitle: 나\n---\n## 소개\n\n[앞 글](/2020/01/01/가.html) ElasticCache\n",
    );
    // Untracked files count as changed.
    write(
        &root,
        "_posts/2020-02-01-새.md",
        "---\ntitle: 새\n---\n아키텍쳐\n",
    );
    assert_eq!(
        changed(dir.path(), &[]),
        [
            f("_posts/2020-01-02-나.md", 6, "typo/product-names"),
            f("_posts/2020-02-01-새.md", 4, "typo/ko-loanwords"),
        ],
        "the old post's 캐쉬 is not reported"
    );
}

#[test]
fn links_broken_by_a_rename_a_deletion_or_a_new_heading_are_reported_in_untouched_files() {
    let dir = repo();
    let root = dir.path().join("site");
    git(
        dir.path(),
        &[
            "mv",
            "site/_posts/2020-01-01-가.md",
            "site/_posts/2020-01-01-가나.md",
        ],
    );
    git(dir.path(), &["rm", "-q", "site/img/나.png"]);
    assert_eq!(
        changed(dir.path(), &[]),
        [
            // The untouched post linked to the renamed one; the page showed the deleted image.
            f("_posts/2020-01-02-나.md", 6, "link/broken"),
            f("about.md", 4, "image/missing"),
        ]
    );
    // A heading renamed in one post breaks a fragment link in another, untouched one.
    write(
        &root,
        "_posts/2020-01-01-가나.md",
        "---\ntitle: 가\n---\n[다음 글]({% post_url 2020-01-02-나 %}#소개)\n",
    );
    write(&root, "about.md", "---\ntitle: 소개\n---\n본문\n");
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "rename"]);
    assert_eq!(changed(dir.path(), &[]), []);
    write(
        &root,
        "_posts/2020-01-02-나.md",
        "---\ntitle: 나\n---\n## 개요\n\n[앞 글](/2020/01/01/가나.html)\n",
    );
    assert_eq!(
        changed(dir.path(), &[]),
        [f("_posts/2020-01-01-가나.md", 4, "link/fragment")]
    );
}

#[test]
fn named_files_are_checked_and_the_change_still_counts() {
    let dir = repo();
    git(dir.path(), &["rm", "-q", "site/img/나.png"]);
    // As pre-commit calls it: the staged files that still exist are named; the deletion comes
    // from git.
    let findings = changed(dir.path(), &["_posts/2019-01-01-old.md"]);
    assert_eq!(
        findings,
        [
            f("_posts/2019-01-01-old.md", 4, "typo/ko-loanwords"),
            f("about.md", 4, "image/missing"),
        ]
    );
}

#[test]
fn a_bad_revision_stops_the_run_and_a_repository_without_commits_checks_everything() {
    let dir = repo();
    let run = postlint(
        &dir.path().join("site"),
        &["check", "--changed-since", "no-such-branch"],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`no-such-branch` is not a revision"),
        "{}",
        run.stderr
    );
    let run = postlint(
        &dir.path().join("site"),
        &["check", "--changed-since", "--output=x"],
    );
    assert_eq!(
        run.status, 2,
        "an option is never passed on to git: {}",
        run.stderr
    );

    let fresh = tempfile::tempdir().expect("tempdir");
    write(fresh.path(), "_config.yml", "title: t\n");
    write(fresh.path(), "a.md", "---\ntitle: a\n---\n캐쉬\n");
    git(fresh.path(), &["init", "-q"]);
    let run = postlint(
        fresh.path(),
        &["check", "--format", "json", "--changed-since", "HEAD"],
    );
    assert_eq!(
        run.findings(),
        [("a.md".to_string(), "typo/ko-loanwords".to_string())]
    );
}

#[test]
fn staged_counts_only_what_the_next_commit_holds() {
    let dir = repo();
    let root = dir.path().join("site");
    let staged = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--staged"];
        args.extend_from_slice(extra);
        let run = postlint(&root, &args);
        assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
        run.findings()
    };
    // An untracked draft and an unstaged edit are not part of the commit.
    write(
        &root,
        "_posts/2020-03-01-draft.md",
        "---\ntitle: d\n---\n아키텍쳐\n",
    );
    write(
        &root,
        "_posts/2020-01-02-나.md",
        "---\ntitle: 나\n---\n## 소개\n\n[앞 글](/2020/01/01/가.html) ElasticCache\n",
    );
    assert_eq!(staged(&[]), []);
    // Staging the deletion of the image makes the untouched page's image missing.
    git(dir.path(), &["rm", "-q", "site/img/나.png"]);
    assert_eq!(
        staged(&[]),
        [("about.md".to_string(), "image/missing".to_string())]
    );
    // Staged documents are checked.
    git(dir.path(), &["add", "site/_posts/2020-01-02-나.md"]);
    assert_eq!(
        staged(&[]),
        [
            (
                "_posts/2020-01-02-나.md".to_string(),
                "typo/product-names".to_string()
            ),
            ("about.md".to_string(), "image/missing".to_string()),
        ]
    );
}

#[test]
fn staged_before_the_first_commit_checks_what_is_staged() {
    let fresh = tempfile::tempdir().expect("tempdir");
    write(fresh.path(), "_config.yml", "title: t\n");
    write(fresh.path(), "a.md", "---\ntitle: a\n---\n캐쉬\n");
    write(fresh.path(), "b.md", "---\ntitle: b\n---\n캐쉬\n");
    git(fresh.path(), &["init", "-q"]);
    git(fresh.path(), &["add", "a.md", "_config.yml"]);
    let run = postlint(fresh.path(), &["check", "--format", "json", "--staged"]);
    assert_eq!(
        run.findings(),
        [("a.md".to_string(), "typo/ko-loanwords".to_string())]
    );
}

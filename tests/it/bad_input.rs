//! Bad input never stops the run and never panics: each case gets one clear diagnostic and
//! the other files are still checked.

use crate::common;

use common::{postlint, site, witness, write};
use std::path::Path;

/// Runs on the whole site and returns the findings about `rel` plus whether the witness was seen.
fn findings_for(root: &Path, rel: &str) -> (i32, Vec<serde_json::Value>) {
    let run = postlint(root, &["check", "--format", "json"]);
    assert!(
        run.findings().contains(&witness()),
        "other files were not checked:\n{}",
        run.stdout
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let json = run.json();
    let about: Vec<serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == rel)
        .cloned()
        .collect();
    (run.status, about)
}

fn only_rule(found: &[serde_json::Value]) -> &str {
    assert_eq!(found.len(), 1, "expected one diagnostic: {found:#?}");
    found[0]["rule"].as_str().unwrap()
}

#[test]
fn invalid_utf8_in_the_middle_of_a_hangul_word() {
    let dir = site();
    let mut bytes = "---\ntitle: 캐".as_bytes().to_vec();
    bytes.push(0xEC);
    bytes.extend_from_slice("시\nsummary: x\n---\n".as_bytes());
    write(dir.path(), "_posts/2016-05-18-bad-utf8.md", &bytes);
    let (status, found) = findings_for(dir.path(), "_posts/2016-05-18-bad-utf8.md");
    assert_eq!(status, 1);
    assert_eq!(only_rule(&found), "file/not-utf8");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(2), Some(9))
    );
    assert_eq!(found[0]["offset"], 14);
}

#[test]
fn binary_file_named_md() {
    let dir = site();
    write(
        dir.path(),
        "_posts/2016-05-18-image.md",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-image.md");
    assert_eq!(only_rule(&found), "file/binary");
}

#[test]
fn utf16_file() {
    let dir = site();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "---\ntitle: 캐시\n---\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    write(dir.path(), "_posts/2016-05-18-utf16.md", &bytes);
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-utf16.md");
    assert_eq!(only_rule(&found), "file/binary");
    assert!(found[0]["message"].as_str().unwrap().contains("UTF-16"));
}

#[test]
fn empty_file() {
    let dir = site();
    write(dir.path(), "_posts/2016-05-18-empty.md", b"");
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-empty.md");
    assert_eq!(only_rule(&found), "file/empty");
}

#[test]
fn front_matter_without_its_closing_line() {
    let dir = site();
    write(
        dir.path(),
        "_posts/2016-05-18-open.md",
        "---\ntitle: 아키텍처\nsummary: 요약\n\n본문\n".as_bytes(),
    );
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-open.md");
    assert_eq!(only_rule(&found), "front-matter/unclosed");
    assert_eq!(
        (
            found[0]["line"].as_u64(),
            found[0]["column"].as_u64(),
            found[0]["length"].as_u64()
        ),
        (Some(1), Some(1), Some(3))
    );
}

#[test]
fn yaml_syntax_error_points_at_the_error() {
    let dir = site();
    write(
        dir.path(),
        "_posts/2016-05-18-yaml.md",
        "---\ntitle: 캐쉬\nsummary: 'AWS Submit 2016에 참석\n---\n".as_bytes(),
    );
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-yaml.md");
    assert_eq!(only_rule(&found), "front-matter/yaml-syntax");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(3), Some(10))
    );
}

#[test]
fn billion_laughs_alias_bomb() {
    let dir = site();
    let mut yaml = String::from(
        "---\ntitle: 폭탄\nsummary: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("---\n");
    write(dir.path(), "_posts/2016-05-18-bomb.md", yaml.as_bytes());
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-bomb.md");
    assert_eq!(only_rule(&found), "front-matter/yaml-syntax");
}

#[test]
fn fifty_megabyte_markdown_file_is_skipped_by_default_and_checked_when_allowed() {
    let dir = site();
    let mut text = String::from("---\ntitle: 큰 파일\n---\n");
    let line = "캐시와 ElastiCache를 쓰는 아키텍처에 대한 아주 긴 문단이다. [링크](/2016/05/13/witness.html)\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    write(dir.path(), "_posts/2016-05-18-huge.md", text.as_bytes());
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-huge.md");
    assert_eq!(only_rule(&found), "file/too-large");
    assert!(
        found[0]["message"].as_str().unwrap().contains("50.0 MiB"),
        "{}",
        found[0]["message"]
    );

    std::fs::write(
        dir.path().join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title, summary]\nmax_file_size: 64MB\n",
    )
    .unwrap();
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-huge.md");
    assert_eq!(only_rule(&found), "front-matter/missing-key");
}

#[cfg(unix)]
#[test]
fn unreadable_file_dangling_symlink() {
    // Permission bits do not stop root (CI runs as root), so a dangling link is the portable
    // way to get a document that exists in the tree but cannot be read.
    let dir = site();
    std::os::unix::fs::symlink(
        dir.path().join("gone.md"),
        dir.path().join("_posts/2016-05-18-gone.md"),
    )
    .unwrap();
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-gone.md");
    assert_eq!(only_rule(&found), "file/unreadable");
}

#[cfg(unix)]
#[test]
fn unreadable_file_without_permission() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site();
    let path = dir.path().join("_posts/2016-05-18-secret.md");
    std::fs::write(&path, "---\ntitle: 비밀\nsummary: x\n---\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions are not enforced; the dangling-link test covers this path.
        return;
    }
    let (_, found) = findings_for(dir.path(), "_posts/2016-05-18-secret.md");
    assert_eq!(only_rule(&found), "file/unreadable");
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = site();
    std::fs::create_dir_all(dir.path().join("pages")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("pages"), dir.path().join("pages/again")).unwrap();
    let (_, found) = findings_for(dir.path(), "pages/again");
    assert_eq!(only_rule(&found), "file/symlink-loop");
}

#[test]
fn nonexistent_path_argument_is_reported_and_the_others_still_checked() {
    let dir = site();
    let run = postlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "_posts/2016-05-13-witness.md",
            "_posts/없는-파일.md",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("path `_posts/없는-파일.md` does not exist"),
        "{}",
        run.stderr
    );
    assert_eq!(run.findings(), [witness()]);
}

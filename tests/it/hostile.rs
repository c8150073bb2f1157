//! Hostile input (`fixtures/hostile/README.md`): each case gets a clear diagnostic, the sibling
//! post is still checked (its `캐쉬` -> `캐시` finding), and the run stays within bounds on wall
//! time and peak memory that only a hang or a blow-up would cross. The bounds are no speed
//! targets: these tests run the debug binary. Huge inputs are generated into a temporary
//! folder, never committed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Run, write};

/// Wall time no case may reach: the slowest (a million links) takes about 7 s in a debug build.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Peak memory (KiB) for cases that hold one small file: they need under 100 MB.
const SMALL_MEMORY_KB: u64 = 512 * 1024;

/// A case and its limits.
struct Bounds {
    memory_kb: u64,
}

const SMALL: Bounds = Bounds {
    memory_kb: SMALL_MEMORY_KB,
};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/hostile")
        .join(name)
}

/// A site with one ordinary post whose `캐쉬` must still be reported.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "_config.yml", "title: 낯선 입력\n");
    write(
        dir.path(),
        "_posts/2016-05-13-witness.md",
        "---\ntitle: 증인\n---\n캐쉬를 쓴다.\n",
    );
    dir
}

/// Whether `/usr/bin/time -f %M -o FILE` works here (GNU time); without it only the memory
/// bound is skipped, with a note.
fn gnu_time() -> bool {
    static PRESENT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PRESENT.get_or_init(|| {
        let out = tempfile::NamedTempFile::new().unwrap();
        Command::new("/usr/bin/time")
            .args(["-f", "%M", "-o"])
            .arg(out.path())
            .arg("true")
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs postlint in `cwd` within the time limit (killed and failed past it) and `bounds`.
fn bounded(cwd: &Path, args: &[&str], bounds: &Bounds) -> Run {
    let scratch = tempfile::tempdir().unwrap();
    let (out, err, peak) = (
        scratch.path().join("out"),
        scratch.path().join("err"),
        scratch.path().join("peak"),
    );
    let binary = env!("CARGO_BIN_EXE_postlint");
    let mut command = if gnu_time() {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", "-o"]).arg(&peak).arg(binary);
        c
    } else {
        eprintln!("note: /usr/bin/time (GNU) is missing; peak memory is not checked");
        Command::new(binary)
    };
    let mut child = command
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("postlint {args:?} ran past {TIME_LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = started.elapsed();
    let run = Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&std::fs::read(&out).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap()).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    if gnu_time() {
        let text = std::fs::read_to_string(&peak).unwrap();
        // GNU time writes "Command exited with non-zero status N" before the number.
        let kb: u64 = text.lines().last().unwrap().trim().parse().unwrap();
        eprintln!("postlint {args:?}: {wall:.2?}, peak {} MB", kb / 1024);
        assert!(
            kb < bounds.memory_kb,
            "peak memory {kb} KiB over the bound of {} KiB",
            bounds.memory_kb
        );
    }
    run
}

/// The JSON findings about `rel`, after checking that the witness was reported.
fn about(run: &Run, rel: &str) -> Vec<serde_json::Value> {
    let json = run.json();
    let all = json["diagnostics"].as_array().unwrap();
    let witness = all
        .iter()
        .find(|d| d["file"] == "_posts/2016-05-13-witness.md")
        .unwrap_or_else(|| panic!("the other post was not checked:\n{}", run.stdout));
    assert_eq!(witness["rule"], "typo/ko-loanwords");
    assert_eq!(
        (witness["line"].as_u64(), witness["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(
        witness["message"]
            .as_str()
            .unwrap()
            .contains("'캐쉬' -> '캐시'")
    );
    all.iter().filter(|d| d["file"] == rel).cloned().collect()
}

/// `(rule, line, column)` of each finding.
fn places(found: &[serde_json::Value]) -> Vec<(String, u64, u64)> {
    found
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn check_json(root: &Path, bounds: &Bounds) -> Run {
    bounded(root, &["check", "--format", "json"], bounds)
}

#[test]
fn block_quotes_and_lists_nested_100k_levels_deep() {
    let dir = site();
    let depth = 100_000;
    for (name, marker) in [("quotes", "> "), ("lists", "- ")] {
        let body = format!("---\ntitle: 깊다\n---\n{}캐쉬\n", marker.repeat(depth));
        write(dir.path(), &format!("_posts/2016-05-14-{name}.md"), body);
    }
    let run = check_json(dir.path(), &SMALL);
    for name in ["quotes", "lists"] {
        let found = about(&run, &format!("_posts/2016-05-14-{name}.md"));
        // The typo at the bottom of the nesting is found, at its column on a 200 KB line.
        let column = 2 * depth as u64 + 1;
        assert_eq!(places(&found), [("typo/ko-loanwords".into(), 4, column)]);
    }
}

#[test]
fn file_of_200_megabytes_is_skipped_without_being_read() {
    let dir = site();
    let mut text = String::from("---\ntitle: 큰 파일\n---\n");
    let line = "캐시와 ElastiCache를 쓰는 아키텍처에 대한 아주 긴 문단이다. [링크](/2016/05/13/witness.html)\n";
    while text.len() < 200 * 1024 * 1024 {
        text.push_str(line);
    }
    write(dir.path(), "_posts/2016-05-14-huge.md", &text);
    drop(text);
    // Only its front matter is read, for the index: far less memory than the file.
    let run = check_json(
        dir.path(),
        &Bounds {
            memory_kb: 128 * 1024,
        },
    );
    let found = about(&run, "_posts/2016-05-14-huge.md");
    assert_eq!(places(&found), [("file/too-large".into(), 1, 1)]);
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("200.0 MiB but the limit is 10.0 MiB"),
        "{message}"
    );
}

#[test]
fn a_million_links_in_one_file() {
    let dir = site();
    let mut text = String::from("---\ntitle: 링크\n---\n");
    text.push_str(&"[글][w] ".repeat(1_000_000));
    text.push_str("[끝](/없는-글.html)\n\n[w]: /2016/05/13/witness.html\n");
    write(dir.path(), "_posts/2016-05-14-links.md", &text);
    // `[글][w] ` is 7 characters; the finding points at the URL of the last link.
    // pulldown-cmark holds a paragraph's tree: about 600 bytes a link.
    let run = check_json(
        dir.path(),
        &Bounds {
            memory_kb: 2 * 1024 * 1024,
        },
    );
    let found = about(&run, "_posts/2016-05-14-links.md");
    assert_eq!(
        places(&found),
        [("link/broken".into(), 4, 7_000_000 + 5)],
        "only the last link is broken"
    );
}

#[test]
fn a_hundred_thousand_broken_links_on_one_line_report_in_linear_time() {
    // Every finding's column used to be counted from the start of its line, and miette read
    // the file from its start for every snippet: 100,000 findings on one line took 66 s.
    let dir = site();
    let text = format!("---\ntitle: 링크\n---\n{}\n", "[a](/x) ".repeat(100_000));
    write(dir.path(), "_posts/2016-05-14-broken.md", text);
    let run = check_json(dir.path(), &SMALL);
    let found = about(&run, "_posts/2016-05-14-broken.md");
    assert_eq!(found.len(), 100_000);
    assert_eq!(
        places(&found[99_999..]),
        [("link/broken".into(), 4, 799_997)]
    );
    let human = bounded(dir.path(), &["check", "--color", "never"], &SMALL);
    assert!(human.stdout.contains("100000 errors, 1 warning in 2 files"));
}

#[test]
fn a_line_of_10_megabytes() {
    let dir = site();
    let long = "가".repeat(10_000_000 / 3);
    let text = format!("---\ntitle: 줄\n---\n{long} 캐쉬\n");
    write(dir.path(), "_posts/2016-05-14-line.md", text);
    let run = check_json(dir.path(), &SMALL);
    let found = about(&run, "_posts/2016-05-14-line.md");
    let column = 10_000_000 / 3 + 2;
    assert_eq!(
        places(&found),
        [("typo/ko-loanwords".into(), 4, column as u64)]
    );
    // The human report shows the finding with a window of its line, not 10 MB of it.
    let human = bounded(dir.path(), &["check", "--color", "never"], &SMALL);
    assert!(
        human
            .stdout
            .contains(&format!("_posts/2016-05-14-line.md:4:{column}]")),
        "{}",
        &human.stdout[..human.stdout.len().min(2000)]
    );
    assert!(human.stdout.contains("가가가 캐쉬"));
    assert!(
        human.stdout.len() < 8 * 1024,
        "{} bytes",
        human.stdout.len()
    );
}

#[test]
fn nul_bytes() {
    let run = check_json(&hostile("nul-bytes"), &SMALL);
    let found = about(&run, "_posts/2016-05-14-nul.md");
    assert_eq!(places(&found), [("file/binary".into(), 1, 1)]);
    assert!(found[0]["message"].as_str().unwrap().contains("NUL byte"));
}

#[test]
fn nul_bytes_past_the_binary_sniff_are_text() {
    // Past the first 8 KiB a NUL does not make the file binary (as in git); it is checked
    // as text and reported like any other.
    let dir = site();
    let text = format!(
        "---\ntitle: 널\n---\n{}\n\n캐쉬\0 뒤\n",
        "가나다 ".repeat(3000)
    );
    write(dir.path(), "_posts/2016-05-14-nul.md", text);
    let run = check_json(dir.path(), &SMALL);
    let found = about(&run, "_posts/2016-05-14-nul.md");
    assert_eq!(places(&found), [("typo/ko-loanwords".into(), 6, 1)]);
}

#[test]
fn invalid_utf8_in_the_middle_of_a_hangul_word() {
    let run = check_json(&hostile("invalid-utf8"), &SMALL);
    let found = about(&run, "_posts/2016-05-14-bad-utf8.md");
    // `본문 캐` then the cut-off syllable: line 4, column 5, at its byte.
    assert_eq!(places(&found), [("file/not-utf8".into(), 4, 5)]);
    assert_eq!(found[0]["offset"], 39);
    assert!(found[0]["message"].as_str().unwrap().contains("0xEC"));
}

#[test]
fn mixed_crlf_and_lf_line_ends() {
    let run = check_json(&hostile("mixed-eol"), &SMALL);
    let found = about(&run, "_posts/2016-05-14-mixed.md");
    // A lone CR is no line end (as in Markdown and YAML): `넷째\r문단의 캐쉬` is one line.
    assert_eq!(
        places(&found),
        [
            ("typo/ko-loanwords".into(), 5, 1),
            ("typo/ko-loanwords".into(), 6, 7),
            ("typo/ko-loanwords".into(), 8, 8),
        ]
    );
}

#[test]
fn fix_keeps_mixed_line_ends_byte_for_byte() {
    let dir = site();
    let before = "---\r\ntitle: 줄 끝\n---\r\n몇일 전\r\n둘째 몇일\n끝\r\n";
    write(dir.path(), "_posts/2016-05-14-mixed.md", before);
    let run = bounded(dir.path(), &["check", "--fix", "--format", "json"], &SMALL);
    assert!(
        run.stderr.contains("fixed 2 problems in 1 file"),
        "{}",
        run.stderr
    );
    let after = std::fs::read(dir.path().join("_posts/2016-05-14-mixed.md")).unwrap();
    assert_eq!(after, before.replace("몇일", "며칠").as_bytes());
}

#[test]
fn utf16_file() {
    let run = check_json(&hostile("utf16"), &SMALL);
    let found = about(&run, "_posts/2016-05-14-utf16.md");
    assert_eq!(places(&found), [("file/binary".into(), 1, 1)]);
    assert!(found[0]["message"].as_str().unwrap().contains("UTF-16"));
}

#[test]
fn yaml_with_10000_anchors() {
    let dir = site();
    let mut yaml = String::from("---\ntitle: 앵커\n");
    for i in 0..10_000 {
        yaml.push_str(&format!("k{i}: &a{i} 값{i}\n"));
    }
    for i in 0..10_000 {
        yaml.push_str(&format!("r{i}: *a{i}\n"));
    }
    yaml.push_str("---\n본문\n");
    write(dir.path(), "_posts/2016-05-14-anchors.md", yaml);
    let run = check_json(dir.path(), &SMALL);
    let found = about(&run, "_posts/2016-05-14-anchors.md");
    // The budget stops at the 1,001st anchor, and says so where it is.
    assert_eq!(
        places(&found),
        [("front-matter/yaml-syntax".into(), 1003, 15)]
    );
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("budget breached: Anchors"), "{message}");
}

#[test]
fn yaml_nested_to_the_depth_budget_and_past_it() {
    // Fuzzing found that 48 levels of nested complex keys overflowed a worker thread's stack in
    // a debug build (2 MiB, Rust's default; release builds use less per level). These are the
    // tests' debug binary: every shape of nesting, up to serde-saphyr's budget of 64 and past.
    let dir = site();
    let deep = |n: usize| -> Vec<(&str, String)> {
        vec![
            ("keys", format!("? {}a\n: 값\n", "? ".repeat(n))),
            (
                "maps",
                format!("x: {}b{}\n", "{a: ".repeat(n), "}".repeat(n)),
            ),
            ("seqs", format!("x: {}{}\n", "[".repeat(n), "]".repeat(n))),
            (
                "mixed",
                format!("? {}a{}\n: 값\n", "{? [".repeat(n / 2), "]}".repeat(n / 2)),
            ),
            (
                "blocks",
                (0..n)
                    .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
                    .collect(),
            ),
        ]
    };
    let mut posts = Vec::new();
    for n in [62, 64, 1000] {
        for (shape, yaml) in deep(n) {
            let rel = format!("_posts/2016-05-14-{shape}-{n}.md");
            write(
                dir.path(),
                &rel,
                format!("---\ntitle: 깊이\n{yaml}---\n본문 캐쉬\n"),
            );
            posts.push((rel, n));
        }
    }
    let run = check_json(dir.path(), &SMALL);
    assert_eq!(run.status, 1, "{}", run.stderr);
    for (rel, n) in &posts {
        let found = about(&run, rel);
        let syntax: Vec<&serde_json::Value> = found
            .iter()
            .filter(|d| d["rule"] == "front-matter/yaml-syntax")
            .collect();
        // Within the budget (the document itself is one level), parsed; far past it, refused
        // at the level that breaks it, with help that says so.
        match n {
            62 => assert!(syntax.is_empty(), "{rel}: {found:?}"),
            1000 => {
                assert_eq!(syntax.len(), 1, "{rel}: {found:?}");
                let message = syntax[0]["message"].as_str().unwrap_or("");
                assert!(
                    message.contains("Depth") || message.contains("recursion limit"),
                    "{rel}: {message}"
                );
                let help = syntax[0]["help"].as_str().unwrap_or("");
                assert!(help.contains("64 levels"), "{rel}: {help}");
            }
            _ => {}
        }
        // The body is still checked, whatever became of the front matter.
        assert!(
            found.iter().any(|d| d["rule"] == "typo/ko-loanwords"),
            "{rel}: {found:?}"
        );
    }
}

#[test]
fn pathological_regex_in_the_configuration_is_refused_at_load() {
    // A broken configuration stops the run (exit 2) before any file is read, by design.
    let run = bounded(&hostile("regex-pattern"), &["check"], &SMALL);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("invalid pattern for `title`: Compiled regex exceeds size limit"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".postlint.yml:3:24"), "{}", run.stderr);
    assert!(
        run.stderr.contains("too large once compiled"),
        "{}",
        run.stderr
    );

    let run = bounded(&hostile("regex-rule"), &["check"], &SMALL);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("invalid pattern for `무엇`: Compiled regex exceeds size limit"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("team.yml:5:5"), "{}", run.stderr);
}

#[test]
fn links_climbing_out_of_the_root_are_broken() {
    let run = check_json(&hostile("climbing-links/site"), &SMALL);
    let found = about(&run, "_posts/2016-05-14-climb.md");
    assert_eq!(
        places(&found),
        [
            ("link/broken".into(), 4, 5),
            ("link/broken".into(), 5, 8),
            ("image/missing".into(), 6, 7),
            ("link/broken".into(), 7, 10),
        ]
    );
    for d in &found {
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("climbs above the site root"), "{message}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_pointing_outside_the_site_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let outside = dir.path().join("outside");
    write(&root, "_config.yml", "title: 낯선 입력\n");
    write(
        &root,
        "_posts/2016-05-13-witness.md",
        "---\ntitle: 증인\n---\n캐쉬를 쓴다.\n",
    );
    write(
        &outside,
        "secret.md",
        "---\ntitle: 비밀\n---\n몇일 전 캐쉬\n",
    );
    std::os::unix::fs::symlink(
        outside.join("secret.md"),
        root.join("_posts/2016-05-14-secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, root.join("notes")).unwrap();
    let run = bounded(&root, &["check", "--fix", "--format", "json"], &SMALL);
    let mut found = about(&run, "_posts/2016-05-14-secret.md");
    found.extend(about(&run, "notes"));
    assert_eq!(
        places(&found),
        [
            ("file/symlink-outside".into(), 1, 1),
            ("file/symlink-outside".into(), 1, 1)
        ]
    );
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("points outside the site root"),
        "{message}"
    );
    assert!(!run.stdout.contains("notes/secret.md"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.md")).unwrap(),
        "---\ntitle: 비밀\n---\n몇일 전 캐쉬\n",
        "--fix wrote outside the root"
    );
}

#[cfg(unix)]
#[test]
fn fix_skips_a_symlinked_post_and_fixes_its_target_in_the_site() {
    let dir = site();
    let root = dir.path();
    write(root, "notes/real.md", "---\ntitle: 진짜\n---\n몇일 전\n");
    std::os::unix::fs::symlink(
        root.join("notes/real.md"),
        root.join("_posts/2016-05-14-link.md"),
    )
    .unwrap();
    let run = bounded(root, &["check", "--fix", "--format", "json"], &SMALL);
    assert!(
        run.stderr.contains(
            "warning: cannot fix _posts/2016-05-14-link.md: it is a symbolic link; fix the file it points to"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("fixed 1 problem in 1 file"),
        "{}",
        run.stderr
    );
    let link = root.join("_posts/2016-05-14-link.md");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(root.join("notes/real.md")).unwrap(),
        "---\ntitle: 진짜\n---\n며칠 전\n"
    );
    about(&run, "notes/real.md");
}

#[test]
fn fix_skips_a_read_only_file_with_a_warning_and_fixes_the_others() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "_posts/2016-05-14-locked.md",
        "---\ntitle: 잠김\n---\n몇일 전\n",
    );
    write(
        root,
        "_posts/2016-05-15-open.md",
        "---\ntitle: 열림\n---\n몇일 전\n",
    );
    let locked = root.join("_posts/2016-05-14-locked.md");
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let run = bounded(root, &["check", "--fix", "--format", "json"], &SMALL);
    assert!(
        run.stderr
            .contains("warning: cannot fix _posts/2016-05-14-locked.md: it is read-only"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("fixed 1 problem in 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&locked).unwrap(),
        "---\ntitle: 잠김\n---\n몇일 전\n"
    );
    assert!(std::fs::metadata(&locked).unwrap().permissions().readonly());
    assert_eq!(
        std::fs::read_to_string(root.join("_posts/2016-05-15-open.md")).unwrap(),
        "---\ntitle: 열림\n---\n며칠 전\n"
    );
    // The file left alone is still reported, at its place.
    let found = about(&run, "_posts/2016-05-14-locked.md");
    assert_eq!(places(&found), [("typo/ko-spelling".into(), 4, 1)]);
}

#[test]
fn files_that_vanish_or_change_during_the_run() {
    // A writer deletes, rewrites and recreates one post while postlint checks and fixes the
    // site again and again. Whatever it catches, every run ends with a clear report, the other
    // post is always checked, and `--fix` never leaves a torn file.
    let dir = site();
    let root = dir.path().to_path_buf();
    let rel = "_posts/2016-05-14-flicker.md";
    let versions = [
        "---\ntitle: 하나\n---\n몇일 전\n",
        "---\ntitle: 둘\n---\n본문 몇일\n",
    ];
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, root) = (std::sync::Arc::clone(&stop), root.clone());
        std::thread::spawn(move || {
            let mut i = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let path = root.join(rel);
                match i % 3 {
                    0 => {
                        let _ = std::fs::remove_file(&path);
                    }
                    n => {
                        // Written whole, then renamed: the writer itself never tears the file.
                        let temp = root.join(format!("_posts/.tmp{i}"));
                        std::fs::write(&temp, versions[n - 1]).unwrap();
                        std::fs::rename(&temp, &path).unwrap();
                    }
                }
                i += 1;
                std::thread::sleep(Duration::from_millis(3));
            }
        })
    };
    let fixed: Vec<String> = versions.iter().map(|v| v.replace("몇일", "며칠")).collect();
    for round in 0..20 {
        let args: &[&str] = if round % 2 == 0 {
            &["check", "--format", "json"]
        } else {
            &["check", "--fix", "--format", "json"]
        };
        let run = bounded(&root, args, &SMALL);
        assert!(matches!(run.status, 0 | 1), "{}", run.stderr);
        for d in about(&run, rel) {
            let rule = d["rule"].as_str().unwrap();
            match rule {
                "typo/ko-spelling" => {}
                "file/unreadable" => {
                    // Gone when read, or gone or rewritten before the report read it back.
                    let help = d["help"].as_str().unwrap();
                    let message = d["message"].as_str().unwrap();
                    assert!(
                        help.contains("vanished during the run")
                            || message.contains("changed on disk while it was checked"),
                        "{message} / {help}"
                    );
                }
                _ => panic!("unexpected finding: {d}"),
            }
        }
        for line in run.stderr.lines().filter(|l| l.starts_with("warning")) {
            assert!(
                line.contains("changed on disk while it was checked; not fixed")
                    || line.contains("cannot fix"),
                "{line}"
            );
        }
        if let Ok(now) = std::fs::read_to_string(root.join(rel)) {
            assert!(
                versions.contains(&now.as_str()) || fixed.contains(&now),
                "torn file: {now:?}"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
}

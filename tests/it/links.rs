//! Links and images on `fixtures/links`: every case of the site index and resolution, with
//! the findings listed in `fixtures/links/EXPECTED` and nothing else.

use std::path::Path;

use crate::common::postlint;

const SITE: &str = "fixtures/links";
const POST: &str = "_posts/2016-05-18-links.md";

/// `file:line rule` of each link or image finding on `site`, with paths relative to it.
fn findings_on(site: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", site, "--format", "json"];
    all.extend_from_slice(args);
    let run = postlint(Path::new(env!("CARGO_MANIFEST_DIR")), &all);
    run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            let rule = d["rule"].as_str().unwrap_or("");
            rule.starts_with("link/") || rule.starts_with("image/")
        })
        .map(|d| {
            format!(
                "{}:{} {}",
                d["file"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches(site)
                    .trim_start_matches('/'),
                d["line"],
                d["rule"].as_str().unwrap_or("")
            )
        })
        .collect()
}

fn link_findings(args: &[&str]) -> Vec<String> {
    findings_on(SITE, args)
}

fn expected() -> Vec<String> {
    expected_on(SITE)
}

/// The findings a fixture's `EXPECTED` file lists.
fn expected_on(site: &str) -> Vec<String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(site)
            .join("EXPECTED"),
    )
    .expect("EXPECTED");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split(" postlint-only")
                .next()
                .unwrap_or(l)
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn every_case_of_the_links_fixtures_is_reported_exactly() {
    for site in [SITE, "fixtures/links-pretty", "fixtures/links-custom"] {
        assert_eq!(findings_on(site, &[]), expected_on(site), "{site}");
    }
}

#[test]
fn spans_point_at_the_destination_with_hangul_on_the_line() {
    let run = postlint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", SITE, "--format", "json"],
    );
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SITE).join(POST))
        .expect("post");
    let json = run.json();
    let found: Vec<(String, u64, u64, String)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "image/missing" || d["rule"] == "link/fragment")
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(POST)))
        .map(|d| {
            let offset = d["offset"].as_u64().unwrap_or(0) as usize;
            let length = d["length"].as_u64().unwrap_or(0) as usize;
            (
                text[offset..offset + length].to_string(),
                d["column"].as_u64().unwrap_or(0),
                d["end_column"].as_u64().unwrap_or(0),
                d["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "/2016/05/13/image-resizing-with-lambda.html#설치방법".to_string(),
                10,
                58,
                "did you mean `#설치-방법`?".to_string()
            ),
            (
                "/assets/imgs/캐시-구조.png".to_string(),
                10,
                32,
                "did you mean `/assets/imgs/캐시 구조.png`?".to_string()
            ),
            (
                "/assets/imgs/missing.png".to_string(),
                11,
                35,
                String::new()
            ),
        ]
    );
}

#[test]
fn drafts_and_unpublished_posts_resolve_when_built() {
    let without = link_findings(&["--drafts", "--unpublished"]);
    let mut want = expected();
    want.retain(|l| {
        l != &format!("{POST}:39 link/broken") && l != &format!("{POST}:40 link/broken")
    });
    assert_eq!(without, want);
}

#[test]
fn checking_one_file_still_resolves_links_to_the_rest_of_the_site() {
    let one = format!("{SITE}/{POST}");
    let run = postlint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", &one, "--format", "json"],
    );
    let json = run.json();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    let in_post = expected().iter().filter(|l| l.starts_with(POST)).count();
    assert_eq!(rules.len(), in_post, "{rules:?}");
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn front_matter_image_keys_are_configurable() {
    let dir = crate::common::site();
    let root = dir.path();
    std::fs::write(
        root.join("_posts/2016-05-14-hero.md"),
        "---\ntitle: 표지\nsummary: s\nhero: /assets/없는-표지.png\nimage: /assets/없는-그림.png\n---\n본문\n",
    )
    .expect("write");
    let images = |run: crate::common::Run| -> Vec<String> {
        run.json()["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["rule"] == "image/missing")
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let default = images(postlint(root, &["check", "--format", "json"]));
    assert_eq!(default.len(), 1, "{default:?}");
    assert!(default[0].contains("없는-그림"), "{default:?}");
    std::fs::write(
        root.join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title, summary]\nlinks:\n  image_keys: [hero]\n",
    )
    .expect("write");
    let configured = images(postlint(root, &["check", "--format", "json"]));
    assert_eq!(configured.len(), 1, "{configured:?}");
    assert!(configured[0].contains("없는-표지"), "{configured:?}");
}

#[test]
fn timings_name_every_stage() {
    let run = postlint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", SITE, "--quiet", "--timings"],
    );
    for stage in [
        "open and walk",
        "read and parse",
        "index",
        "check",
        "report",
        "total",
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&format!("timing: {stage} "))),
            "{stage} missing from:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_post_too_large_to_check_is_still_a_page_others_can_link_to() {
    let dir = crate::common::site();
    let root = dir.path();
    std::fs::write(
        root.join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title]\nmax_file_size: 200\n",
    )
    .expect("write");
    let big = format!(
        "---\ntitle: 큰 글\npermalink: /big/\n---\n{}\n",
        "캐시 ".repeat(100)
    );
    std::fs::write(root.join("_posts/2016-05-14-big.md"), big).expect("write");
    std::fs::write(
        root.join("_posts/2016-05-15-small.md"),
        "---\ntitle: 작은 글\n---\n[큰 글](/big/)\n",
    )
    .expect("write");
    let run = postlint(root, &["check", "--format", "json"]);
    let rules: Vec<(String, String)> = run.findings();
    assert!(
        rules.contains(&("_posts/2016-05-14-big.md".into(), "file/too-large".into())),
        "{rules:?}"
    );
    assert!(!rules.iter().any(|(_, r)| r == "link/broken"), "{rules:?}");
}

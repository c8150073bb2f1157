//! Agreement with the real engine: each fixture site in [`SITES`] is built with Jekyll, the
//! output is checked with `htmlproofer --disable-external`, and the broken internal links and
//! images html-proofer reports must be exactly postlint's findings, except those the site's
//! `EXPECTED` file marks `postlint-only` (with the reason html-proofer cannot see them).
//!
//! Jekyll, html-proofer and jekyll-redirect-from are Debian packages (`jekyll`,
//! `ruby-html-proofer`, `ruby-jekyll-redirect-from`); `.ci/run` installs them. Without them the
//! test says so and passes locally, but fails under CI, where they must be present.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::postlint;

/// Fixture sites with an `EXPECTED` file, built and proofed one by one.
const SITES: [&str; 3] = [
    "fixtures/links",
    "fixtures/links-pretty",
    "fixtures/links-custom",
];

fn available(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `baseurl` from a fixture's `_config.yml` (fixtures write it on one line).
fn baseurl(site: &Path) -> String {
    let config = std::fs::read_to_string(site.join("_config.yml")).unwrap_or_default();
    config
        .lines()
        .find_map(|l| l.strip_prefix("baseurl:"))
        .map(|v| {
            v.trim()
                .trim_matches(['"', '\''])
                .trim_end_matches('/')
                .to_string()
        })
        .unwrap_or_default()
}

/// The `file:line rule` keys `EXPECTED` marks as html-proofer-blind.
fn postlint_only(site: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(site.join("EXPECTED")).expect("EXPECTED");
    text.lines()
        .filter_map(|l| l.split_once(" postlint-only"))
        .map(|(key, _)| key.trim().to_string())
        .collect()
}

/// What postlint reports that html-proofer should also report: the destinations as written
/// (a fragment finding as `#fragment`, the form html-proofer prints).
fn postlint_hrefs(site_rel: &str) -> Vec<String> {
    let site = manifest().join(site_rel);
    let skip = postlint_only(&site);
    let run = postlint(&manifest(), &["check", site_rel, "--format", "json"]);
    let json = run.json();
    let mut out = Vec::new();
    for d in json["diagnostics"].as_array().expect("diagnostics") {
        let rule = d["rule"].as_str().unwrap_or("");
        if !(rule.starts_with("link/") || rule.starts_with("image/")) {
            continue;
        }
        let file = d["file"].as_str().unwrap_or("");
        let rel = file.trim_start_matches(site_rel).trim_start_matches('/');
        if skip.contains(&format!("{rel}:{} {rule}", d["line"])) {
            continue;
        }
        let text = std::fs::read_to_string(manifest().join(file)).expect("source");
        let offset = d["offset"].as_u64().unwrap_or(0) as usize;
        let length = d["length"].as_u64().unwrap_or(0) as usize;
        let dest = text.get(offset..offset + length).unwrap_or("").to_string();
        out.push(match (rule, dest.split_once('#')) {
            ("link/fragment", Some((_, fragment))) => format!("#{fragment}"),
            _ => dest,
        });
    }
    out.sort();
    out
}

/// Builds `site_rel` with Jekyll and returns the destinations html-proofer reports broken.
fn html_proofer_hrefs(site_rel: &str) -> Vec<String> {
    let site = manifest().join(site_rel);
    let out = tempfile::tempdir().expect("tempdir");
    let dest = out.path().join("_site");
    let build = Command::new("jekyll")
        .args(["build", "--quiet", "--disable-disk-cache", "-s"])
        .arg(&site)
        .arg("-d")
        .arg(&dest)
        .output()
        .expect("jekyll runs");
    assert!(
        build.status.success(),
        "jekyll build of {site_rel} failed:\n{}{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
    let mut proofer = Command::new("htmlproofer");
    proofer.arg(&dest).args([
        "--disable-external",
        "--empty-alt-ignore",
        "--allow-hash-href",
        "--assume-extension",
    ]);
    let base = baseurl(&site);
    if !base.is_empty() {
        proofer.arg("--url-swap").arg(format!("^{base}:"));
    }
    let proofed = proofer.output().expect("htmlproofer runs");
    let report = String::from_utf8_lossy(&proofed.stderr);
    let mut hrefs: Vec<(String, String)> = Vec::new();
    let mut page = String::new();
    for line in report.lines() {
        if let Some(p) = line.strip_prefix("- ") {
            page = p.to_string();
            continue;
        }
        let Some(issue) = line.strip_prefix("  *  ") else {
            continue;
        };
        // html-proofer repeats hash failures; one per (page, issue) is the real count.
        if hrefs.iter().any(|(p, i)| *p == page && i == issue) {
            continue;
        }
        hrefs.push((page.clone(), issue.to_string()));
    }
    let mut out: Vec<String> = hrefs
        .into_iter()
        .map(|(_, issue)| {
            let issue = issue
                .rsplit_once(" (line ")
                .map_or(issue.as_str(), |(i, _)| i);
            if let Some(rest) = issue.strip_prefix("internally linking to ") {
                rest.trim_end_matches(", which does not exist").to_string()
            } else if let Some(rest) = issue.strip_prefix("internal image ") {
                // Image messages show the URL after `--url-swap` took the baseurl off.
                let url = rest.trim_end_matches(" does not exist");
                if base.is_empty() || url.starts_with(&base) {
                    url.to_string()
                } else {
                    format!("{base}{url}")
                }
            } else if let Some(rest) = issue.strip_prefix("linking to internal hash ") {
                rest.trim_end_matches(" that does not exist").to_string()
            } else {
                format!("unexpected html-proofer issue: {issue}")
            }
        })
        .collect();
    out.sort();
    out
}

/// True when the real tools are here; otherwise says why the test is skipped (and fails
/// under CI, where `.ci/run` must have installed them).
fn tools_present() -> bool {
    if available("jekyll") && available("htmlproofer") {
        return true;
    }
    let message = "agreement tests need `jekyll` and `htmlproofer` (Debian packages jekyll, \
                   ruby-html-proofer, ruby-jekyll-redirect-from); .ci/run installs them";
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED: {message}");
    false
}

#[test]
fn a_post_url_naming_no_post_stops_jekyll_and_is_reported_at_its_argument() {
    if !tools_present() {
        return;
    }
    let site = manifest().join("fixtures/links-build-fails");
    let out = tempfile::tempdir().expect("tempdir");
    let build = Command::new("jekyll")
        .args(["build", "--quiet", "--disable-disk-cache", "-s"])
        .arg(&site)
        .arg("-d")
        .arg(out.path().join("_site"))
        .output()
        .expect("jekyll runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(!build.status.success(), "jekyll should fail:\n{said}");
    assert!(
        said.contains("Could not find post \"2016-05-13-image-resizing-with-lamda\""),
        "{said}"
    );
    let run = postlint(
        &manifest(),
        &["check", "fixtures/links-build-fails", "--format", "json"],
    );
    let json = run.json();
    let found = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "link/post-url");
    let text =
        std::fs::read_to_string(site.join("_posts/2016-05-18-aws-summit-2016.md")).expect("post");
    let offset = found[0]["offset"].as_u64().unwrap_or(0) as usize;
    let length = found[0]["length"].as_u64().unwrap_or(0) as usize;
    assert_eq!(
        &text[offset..offset + length],
        "2016-05-13-image-resizing-with-lamda"
    );
    assert_eq!(
        found[0]["help"],
        "did you mean `2016-05-13-image-resizing-with-lambda`?"
    );
}

#[test]
fn postlint_reports_what_jekyll_and_html_proofer_find() {
    if !tools_present() {
        return;
    }
    for site in SITES {
        assert_eq!(
            postlint_hrefs(site),
            html_proofer_hrefs(site),
            "postlint (left) and html-proofer (right) disagree on {site}"
        );
    }
}

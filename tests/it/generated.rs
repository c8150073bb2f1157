//! The benchmark generator's sites: postlint reports exactly the defects the generator
//! planted (`EXPECTED.json`: every front-matter, link, image and spelling defect, with line and
//! column), no more and no fewer, on a 500-post site.

use std::collections::BTreeSet;

use crate::common::postlint;

#[path = "../../examples/gen_site.rs"]
#[allow(dead_code)]
pub(crate) mod gen_site;

type Finding = (String, u64, u64, String);

#[test]
fn postlint_finds_exactly_the_planted_defects_on_500_posts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = gen_site::Site {
        seed: gen_site::DEFAULT_SEED,
        posts: 500,
        rules: 0,
    };
    gen_site::run(&site, dir.path()).expect("the site is written");

    let expected: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("EXPECTED.json")).expect("EXPECTED.json"),
    )
    .expect("JSON");
    let expected: BTreeSet<Finding> = expected
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap_or("").to_string(),
                e["line"].as_u64().unwrap_or(0),
                e["column"].as_u64().unwrap_or(0),
                e["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let kinds: BTreeSet<&str> = expected.iter().map(|(.., rule)| rule.as_str()).collect();
    assert_eq!(
        kinds.len(),
        13,
        "every kind of defect is planted at least once: {kinds:?}"
    );

    let run = postlint(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let found: BTreeSet<Finding> = run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let missed: Vec<&Finding> = expected.difference(&found).collect();
    let extra: Vec<&Finding> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {}: {:#?}\nnot planted {}: {:#?}",
        missed.len(),
        missed.iter().take(10).collect::<Vec<_>>(),
        extra.len(),
        extra.iter().take(10).collect::<Vec<_>>()
    );
    assert!(expected.len() > 500, "{}", expected.len());
}

//! The machine formats (`sarif`, `github`, `compact`, `checkstyle`) on the example site,
//! snapshotted, and the escaping each needs for hostile text.

use std::path::Path;

use crate::common::{postlint, postlint_with_env, site};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example(format: &str) -> String {
    let run = postlint(repo(), &["check", "--format", format, "fixtures/site"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

#[test]
fn compact_on_the_example_site() {
    insta::assert_snapshot!(example("compact"));
}

#[test]
fn github_on_the_example_site() {
    insta::assert_snapshot!(example("github"));
}

#[test]
fn checkstyle_on_the_example_site() {
    let xml = example("checkstyle");
    assert_well_formed(&xml);
    insta::assert_snapshot!(xml);
}

#[test]
fn sarif_on_the_example_site() {
    let sarif: serde_json::Value = serde_json::from_str(&example("sarif")).expect("JSON");
    let root = format!(
        "file://{}/",
        repo()
            .join("fixtures/site")
            .to_string_lossy()
            .replace('\\', "/")
    );
    let root = regex_escape(&root);
    insta::with_settings!({filters => vec![(root.as_str(), "file:///[SITE]/")]}, {
        insta::assert_json_snapshot!(sarif);
    });
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed XML at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
}

/// A site whose finding has `%`, `,`, `:`, a line break and Hangul in its file name, message
/// and help: the team's rule note carries them.
fn hostile_site() -> tempfile::TempDir {
    let dir = site();
    let root = dir.path();
    std::fs::write(
        root.join("team.yml"),
        "id: team\ndescription: d\nseverity: error\nautofix: true\nrules:\n  - right: '100%,확실: 캐시'\n    wrong: [캐쉬]\n    note: \"50% 더, 그리고: 끝\\n둘째 줄 <b>&\\u0001\"\n",
    )
    .expect("write");
    std::fs::write(
        root.join(".postlint.yml"),
        "spelling:\n  rules: [team.yml]\n",
    )
    .expect("write");
    std::fs::write(
        root.join("_posts/2020-01-01-캐시,글:하나.md"),
        "---\ntitle: 글\n---\n한글 캐쉬를 썼다.\n",
    )
    .expect("write");
    dir
}

#[test]
fn github_escapes_percent_comma_colon_and_line_breaks() {
    let dir = hostile_site();
    let run = postlint(dir.path(), &["check", "--format", "github"]);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("typo/team"))
        .unwrap_or_else(|| panic!("{}\n{}", run.stdout, run.stderr));
    assert_eq!(
        line,
        "::error file=_posts/2020-01-01-캐시%2C글%3A하나.md,line=4,col=4,endLine=4,endColumn=6,\
         title=postlint typo/team::'캐쉬' -> '100%25,확실: 캐시'%0A%0A50%25 더, 그리고: 끝%0A둘째 줄 <b>&\u{1}"
    );
}

#[test]
fn compact_keeps_one_finding_per_line() {
    let dir = hostile_site();
    let run = postlint(dir.path(), &["check", "--format", "compact"]);
    assert!(
        run.stdout.lines().any(|l| l
            == "_posts/2020-01-01-캐시,글:하나.md:4:4: error [typo/team] '캐쉬' -> '100%,확실: 캐시'"),
        "{}",
        run.stdout
    );
}

#[test]
fn checkstyle_stays_well_formed_on_hostile_text() {
    let dir = hostile_site();
    let run = postlint(dir.path(), &["check", "--format", "checkstyle"]);
    assert_well_formed(&run.stdout);
    assert!(run.stdout.contains("캐시,글:하나.md"), "{}", run.stdout);
}

#[test]
fn sarif_columns_count_utf16_units_and_uris_are_encoded() {
    let dir = hostile_site();
    let run = postlint(dir.path(), &["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "typo/team")
        .expect("team finding");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "_posts/2020-01-01-%EC%BA%90%EC%8B%9C,%EA%B8%80%3A%ED%95%98%EB%82%98.md"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "SITEROOT");
    // "한글 " is 3 UTF-16 units: the typo starts at column 4 and ends before column 6.
    assert_eq!(location["region"]["startColumn"], 4);
    assert_eq!(location["region"]["endColumn"], 6);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(
        rules[index]["id"], "typo/team",
        "the team's set is a rule too"
    );
}

#[test]
fn github_actions_gets_annotations_and_the_human_report() {
    let run = postlint_with_env(
        repo(),
        &["check", "fixtures/site"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("::error file=fixtures/site/"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("╭─["), "the human report follows");
    let explicit = postlint_with_env(
        repo(),
        &["check", "--format", "json", "fixtures/site"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert!(explicit.stdout.starts_with('{'), "--format wins");
}

/// Every SARIF log postlint writes is valid against the official SARIF 2.1.0 schema
/// (`tests/schemas`, with its notice), URIs checked as RFC 3986 references.
#[test]
fn sarif_validates_against_the_official_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::options()
        .with_format("uri-reference", |s: &str| {
            fluent_uri::UriRef::parse(s).is_ok()
        })
        .with_format("uri", |s: &str| fluent_uri::Uri::parse(s).is_ok())
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let hostile = hostile_site();
    let logs = [
        example("sarif"),
        postlint(hostile.path(), &["check", "--format", "sarif"]).stdout,
    ];
    for log in logs {
        let log: serde_json::Value = serde_json::from_str(&log).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(
            !log["runs"][0]["results"]
                .as_array()
                .expect("results")
                .is_empty(),
            "a log with results was validated"
        );
    }
    // The validator does reject a wrong log.
    let mut wrong: serde_json::Value = serde_json::from_str(&example("sarif")).expect("JSON");
    wrong["runs"][0]["results"][0]["level"] = "fatal".into();
    wrong["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b\\c".into();
    assert_eq!(validator.iter_errors(&wrong).count(), 2);
}

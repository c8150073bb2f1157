//! The example site in `fixtures/site`: the real binary's human and JSON reports, snapshotted.

use crate::common;

use std::path::Path;

use common::postlint;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn human_report_on_the_example_site() {
    let run = postlint(repo(), &["check", "--color", "never", "fixtures/site"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_report_on_the_example_site() {
    let run = postlint(repo(), &["check", "--format", "json", "fixtures/site"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    insta::assert_json_snapshot!(run.json());
}

/// Every field of the JSON contract, on a line where Hangul makes characters and bytes differ.
#[test]
fn json_fields_follow_the_contract_with_hangul_on_the_line() {
    let run = postlint(
        repo(),
        &[
            "check",
            "--format",
            "json",
            "fixtures/site/_posts/2016-07-04-bad-category.md",
        ],
    );
    let json = run.json();
    assert_eq!(json["version"], 1);
    let d = &json["diagnostics"][0];
    let text =
        std::fs::read_to_string(repo().join("fixtures/site/_posts/2016-07-04-bad-category.md"))
            .unwrap();
    let offset = text.find("AWS 클라우드").unwrap();
    assert_eq!(d["file"], "fixtures/site/_posts/2016-07-04-bad-category.md");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 11);
    assert_eq!(d["end_line"], 4);
    assert_eq!(
        d["end_column"], 19,
        "end_column counts characters and is exclusive"
    );
    assert_eq!(d["offset"], offset);
    assert_eq!(d["length"], "AWS 클라우드".len());
    assert_eq!(d["length"], 16, "length counts bytes");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["rule"], "front-matter/pattern-mismatch");
    assert_eq!(
        d["message"],
        "`category` value `AWS 클라우드` does not match `^[a-z0-9-]+$`"
    );
    assert_eq!(
        d["help"],
        "write a `category` that matches the pattern `^[a-z0-9-]+$`"
    );
    assert!(d["fix"].is_null());
    // The same file's `summary` also says `ElasticCache` (an error with a fix), and its body
    // `캐쉬` (a warning): the summary counts all three.
    let typo = &json["diagnostics"][1];
    assert_eq!(typo["rule"], "typo/product-names");
    assert_eq!(typo["message"], "'ElasticCache' -> 'ElastiCache'");
    let fix_at = typo["fix"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[fix_at..fix_at + 12], "ElasticCache");
    assert_eq!(typo["fix"]["replacement"], "ElastiCache");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["errors"], 2);
    assert_eq!(json["summary"]["warnings"], 1);
}

/// The motivating post: every planted spelling mistake at its exact place, nothing else.
#[test]
fn spelling_on_the_motivating_post() {
    let post = "fixtures/site/_posts/2016-05-18-aws-summit-2016.md";
    let run = postlint(repo(), &["check", "--format", "json", post]);
    let text = std::fs::read_to_string(repo().join(post)).unwrap();
    let found: Vec<(u64, u64, String, String)> = run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let offset = d["offset"].as_u64().unwrap() as usize;
            let length = d["length"].as_u64().unwrap() as usize;
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
                text[offset..offset + length].to_string(),
            )
        })
        .collect();
    let want = [
        (5, 20, "typo/context", "AWS Submit"),
        (21, 20, "typo/ko-loanwords", "아키텍쳐"),
        (27, 5, "typo/ko-loanwords", "캐쉬"),
        (29, 7, "typo/ko-loanwords", "캐쉬"),
        (29, 11, "typo/product-names", "ElasticCache"),
        (30, 7, "typo/product-names", "ElasticSearch"),
        (31, 7, "typo/product-names", "RedShift"),
        (33, 9, "typo/ko-loanwords", "아키텍쳐"),
        (36, 31, "typo/ko-loanwords", "어플리케이션"),
    ];
    let want: Vec<(u64, u64, String, String)> = want
        .iter()
        .map(|(l, c, r, t)| (*l, *c, r.to_string(), t.to_string()))
        .collect();
    assert_eq!(found, want);
}

/// A BOM and CRLF line ends: the missing key is reported at the `---` after the BOM, column 1.
#[test]
fn bom_and_crlf_spans() {
    let path = "fixtures/site/_posts/2016-07-10-crlf-bom.md";
    let bytes = std::fs::read(repo().join(path)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF---\r\n"),
        "the fixture must keep its BOM and CRLF"
    );
    let run = postlint(repo(), &["check", "--format", "json", path]);
    let d = &run.json()["diagnostics"][0];
    assert_eq!(d["rule"], "front-matter/missing-key");
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["end_column"].as_u64()
        ),
        (Some(1), Some(1), Some(4))
    );
    assert_eq!(
        (d["offset"].as_u64(), d["length"].as_u64()),
        (Some(3), Some(3))
    );
}

#[test]
fn good_posts_and_excluded_files_have_no_front_matter_or_link_findings() {
    let run = postlint(repo(), &["check", "--format", "json", "fixtures/site"]);
    // The good posts keep their planted spelling mistakes (fixtures/site/README.md).
    let files: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|(_, rule)| !rule.starts_with("typo/"))
        .map(|(f, _)| f)
        .collect();
    for clean in [
        "fixtures/site/_posts/2016-05-13-image-resizing-with-lambda.md",
        "fixtures/site/_posts/2016-05-18-aws-summit-2016.md",
        "fixtures/site/_posts/2016-06-02-dynamodb-vs-mongodb.md",
        "fixtures/site/_posts/2016-06-15-static-blog-on-s3.md",
        "fixtures/site/about.md",
        "fixtures/site/_drafts/2016-08-01-draft.md",
        "fixtures/site/notes/todo.md",
        "fixtures/site/README.md",
    ] {
        assert!(
            !files.iter().any(|f| f == clean),
            "{clean} should have no findings"
        );
    }
}

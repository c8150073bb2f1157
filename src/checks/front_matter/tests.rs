use std::path::Path;

use super::*;
use crate::diagnostic::SourceFile;

const CONFIG: &str = r#"front_matter:
  - scope: { type: posts }
    required: [title, layout, category, summary, tags]
    types: { tags: list, date: date, published: bool, title: string }
    allowed: { layout: [post, page] }
    patterns: { category: '^[a-z0-9-]+$' }
"#;

fn run(rel_path: &str, text: &str) -> Vec<(&'static str, String, String)> {
    let config = Config::parse(Path::new(".postlint.yml"), CONFIG).unwrap();
    let source = SourceFile::new(rel_path.into(), rel_path.into(), text.to_string());
    let kind = DocKind::classify(rel_path, &[]);
    let doc = Document::new(source, rel_path.into(), kind);
    check(&doc, &config)
        .into_iter()
        .map(|d| (d.rule, text[d.span.clone()].to_string(), d.message))
        .collect()
}

const POST: &str = "_posts/2016-05-18-aws-summit.md";
const GOOD: &str = "---\ntitle: 'AWS Summit 2016 참관 후기'\nlayout: post\ncategory: aws\nsummary: 코엑스 참관기\ntags: [aws, 람다]\ndate: 2016-05-18 10:00:00 +0900\npublished: true\n---\n본문\n";

#[test]
fn a_good_post_has_no_findings() {
    assert_eq!(run(POST, GOOD), []);
}

#[test]
fn missing_keys_point_at_the_opening_dashes() {
    let found = run(POST, "---\ntitle: 캐쉬\nlayout: post\ncategory: aws\n---\n");
    let rules: Vec<_> = found
        .iter()
        .map(|(r, at, m)| (*r, at.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                "front-matter/missing-key",
                "---",
                "missing required key `summary`"
            ),
            (
                "front-matter/missing-key",
                "---",
                "missing required key `tags`"
            ),
        ]
    );
}

#[test]
fn empty_required_values_point_at_the_key() {
    let text = GOOD.replace("summary: 코엑스 참관기", "summary:");
    assert_eq!(
        run(POST, &text),
        [(
            "front-matter/missing-key",
            "summary".into(),
            "required key `summary` is empty".into()
        )]
    );
}

#[test]
fn wrong_types_point_at_the_value() {
    let text = GOOD
        .replace("tags: [aws, 람다]", "tags: aws 람다")
        .replace("published: true", "published: \"yes\"")
        .replace("title: 'AWS Summit 2016 참관 후기'", "title: 2016");
    let found = run(POST, &text);
    let got: Vec<_> = found.iter().map(|(r, at, _)| (*r, at.as_str())).collect();
    assert_eq!(
        got,
        [
            ("front-matter/wrong-type", "aws 람다"),
            ("front-matter/wrong-type", "\"yes\""),
            ("front-matter/wrong-type", "2016"),
        ]
    );
    assert_eq!(found[0].2, "`tags` should be a list, found a string");
}

#[test]
fn allowed_values_and_patterns() {
    let text = GOOD
        .replace("layout: post", "layout: posts")
        .replace("category: aws", "category: AWS 클라우드");
    let found = run(POST, &text);
    assert_eq!(
        found,
        [
            (
                "front-matter/not-allowed",
                "posts".into(),
                "`posts` is not an allowed `layout`".into()
            ),
            (
                "front-matter/pattern-mismatch",
                "AWS 클라우드".into(),
                "`category` value `AWS 클라우드` does not match `^[a-z0-9-]+$`".into()
            ),
        ]
    );
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let text = GOOD.replace("layout: post\n", "layout: post\ntitle: 두 번째 제목\n");
    let found = run(POST, &text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "front-matter/duplicate-key");
    assert_eq!(found[0].2, "`title` is already defined on line 2");
    let second = text.rfind("title:").unwrap();
    let (rule, at, _) = &found[0];
    assert_eq!(
        (*rule, at.as_str()),
        ("front-matter/duplicate-key", "title")
    );
    assert!(second > text.find("title:").unwrap());
}

#[test]
fn date_mismatch_and_invalid_dates() {
    let text = GOOD.replace(
        "date: 2016-05-18 10:00:00 +0900",
        "date: 2016-05-17 23:00:00 +09:00",
    );
    let found = run(POST, &text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "front-matter/date-mismatch");
    assert_eq!(found[0].1, "2016-05-17 23:00:00 +09:00");
    let text = GOOD.replace("date: 2016-05-18 10:00:00 +0900", "date: 2016-02-30");
    assert_eq!(run(POST, &text)[0].0, "front-matter/wrong-type");
    // Without a configured type, an unreadable date is still an error (Jekyll's build fails).
    let page = "---\ntitle: 소개\ndate: 어제\n---\n";
    assert_eq!(
        run("about.md", page),
        [(
            "front-matter/invalid-date",
            "어제".into(),
            "`date` is not a date Jekyll can read, so the build fails".into()
        )]
    );
}

#[test]
fn missing_unclosed_invalid_and_non_mapping_front_matter() {
    assert_eq!(run(POST, "# 제목\n본문")[0].0, "front-matter/missing");
    assert_eq!(run(POST, "# 제목\n본문")[0].1, "# 제목");
    // Pages need no front matter unless a scope requires keys of them.
    assert_eq!(run("about.md", "# 소개\n"), []);
    assert_eq!(
        run(POST, "---\ntitle: a\n본문\n"),
        [(
            "front-matter/unclosed",
            "---".into(),
            "front matter is never closed".into()
        )]
    );
    let found = run(POST, "---\ntitle: 'AWS 캐쉬\nlayout: post\n---\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "front-matter/yaml-syntax");
    assert_eq!(found[0].1, "'");
    let found = run(POST, "---\n- a\n- b\n---\n");
    assert_eq!(found[0].0, "front-matter/not-a-mapping");
}

#[test]
fn empty_front_matter_reports_every_required_key() {
    let found = run(POST, "---\n---\n본문\n");
    assert_eq!(found.len(), 5);
    assert!(
        found
            .iter()
            .all(|(r, at, _)| *r == "front-matter/missing-key" && at == "---")
    );
}

#[test]
fn bom_and_crlf_spans() {
    let text = "\u{feff}---\r\ntitle: 캐쉬\r\nlayout: post\r\ncategory: 클라우드\r\nsummary: 요약\r\n---\r\n";
    let found = run(POST, text);
    let got: Vec<_> = found.iter().map(|(r, at, _)| (*r, at.as_str())).collect();
    assert_eq!(
        got,
        [
            ("front-matter/missing-key", "---"),
            ("front-matter/pattern-mismatch", "클라우드")
        ]
    );
}

#[test]
fn date_parsing() {
    for ok in [
        "2016-05-18",
        "2016-5-8",
        "2016-05-18 10:00",
        "2016-05-18 10:00:00 +0900",
        "2016-05-18T10:00:00Z",
        "2016-05-18 10:00:00.5 -05:00",
        "2016-02-29",
    ] {
        assert!(parse_date(ok).is_some(), "{ok}");
    }
    for bad in [
        "2016-13-01",
        "2015-02-29",
        "2016-05-18 25:00",
        "18-05",
        "어제",
        "2016-05-18 10:00 +9",
        "2016-05-18x",
    ] {
        assert!(parse_date(bad).is_none(), "{bad}");
    }
}

use super::*;
use crate::diagnostic::SourceFile;
use crate::document::DocKind;
use crate::site::build::{IndexOptions, build};
use crate::site::jekyll::JekyllConfig;

const LAMBDA: &str = "_posts/2016-05-13-image-resizing-with-lambda.md";
const SUMMIT: &str = "_posts/2016-05-18-aws-summit-2016.md";

fn docs(jekyll: &JekyllConfig, files: &[(&str, &str)]) -> Vec<Document> {
    files
        .iter()
        .map(|(p, t)| {
            let source = SourceFile::new((*p).into(), (*p).into(), t.to_string());
            let kind = DocKind::classify(p, &jekyll.collection_names());
            Document::new(source, p.to_string(), kind)
        })
        .collect()
}

/// `(rule, text at the span, message, help)` of each finding on the summit post, whose body
/// is `body`.
fn findings(config: &str, body: &str) -> Vec<(String, String, String, String)> {
    let jekyll = JekyllConfig::parse(config).unwrap();
    let summit = format!("---\ntitle: AWS Summit\n---\n{body}");
    let all = docs(
        &jekyll,
        &[
            (
                LAMBDA,
                "---\ntitle: 람다\n---\n## 설치 방법\n\n## Hello, World!\n",
            ),
            (SUMMIT, &summit),
            (
                "_drafts/idea.md",
                "---\ntitle: 초안\ndate: 2016-08-01\n---\n",
            ),
        ],
    );
    let refs: Vec<&Document> = all.iter().collect();
    let options = IndexOptions {
        drafts: false,
        unpublished: false,
        now: jiff::civil::date(2026, 11, 30).at(0, 0, 0, 0),
    };
    let others = [crate::site::OtherFile {
        rel_path: "assets/imgs/2016/캐시 구조.png".into(),
        front_matter: None,
    }];
    let site = build(&jekyll, &options, &refs, &others);
    let doc = &all[1];
    check(
        doc,
        &site,
        &crate::config::Config::default().links.image_keys,
    )
    .into_iter()
    .map(|d| {
        (
            d.rule.to_string(),
            doc.text()[d.span.clone()].to_string(),
            d.message,
            d.help.unwrap_or_default(),
        )
    })
    .collect()
}

#[test]
fn links_that_resolve_are_silent() {
    let body = "[람다](/2016/05/13/image-resizing-with-lambda.html) [상대](../13/image-resizing-with-lambda.html) [확장자 없이](/2016/05/13/image-resizing-with-lambda) [글]({% post_url 2016-05-13-image-resizing-with-lambda %}#설치-방법) ![구조](/assets/imgs/2016/캐시%20구조.png) <img src=\"/assets/imgs/2016/캐시 구조.png\"> [외부](https://aws.amazon.com/) [메일](mailto:a@b.c) [위로](#top)\n";
    assert_eq!(findings("", body), []);
}

#[test]
fn a_broken_link_points_at_its_destination_with_a_suggestion() {
    let found = findings(
        "",
        "우연찮게 [람다 포스팅](/2016/05/13/image-resizing-with-lamda.html)을 썼다.\n",
    );
    let [(rule, span, message, help)] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert_eq!(rule, "link/broken");
    assert_eq!(span, "/2016/05/13/image-resizing-with-lamda.html");
    assert!(message.contains("is not served"), "{message}");
    assert_eq!(
        help,
        "did you mean `/2016/05/13/image-resizing-with-lambda.html`?"
    );
}

#[test]
fn relative_links_resolve_against_the_output_url_not_the_source_folder() {
    let found = findings("", "[옆 파일](2016-05-13-image-resizing-with-lambda.md)\n");
    assert_eq!(found[0].0, "link/broken");
    assert!(
        found[0]
            .2
            .contains("resolved to `/2016/05/18/2016-05-13-image-resizing-with-lambda.md`"),
        "{}",
        found[0].2
    );
}

#[test]
fn images_post_urls_fragments_and_drafts() {
    let body = "![캐시](/assets/imgs/2016/캐시-구조.png)\n\n[글]({% post_url 2016-05-13-image-resizing-with-lamda %})\n\n[절](/2016/05/13/image-resizing-with-lambda.html#설치방법)\n\n[초안](/2016/08/01/idea.html)\n";
    let found = findings("", body);
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("image/missing", "/assets/imgs/2016/캐시-구조.png"),
            ("link/post-url", "2016-05-13-image-resizing-with-lamda"),
            (
                "link/fragment",
                "/2016/05/13/image-resizing-with-lambda.html#설치방법"
            ),
            ("link/broken", "/2016/08/01/idea.html"),
        ]
    );
    assert_eq!(
        found[0].3,
        "did you mean `/assets/imgs/2016/캐시 구조.png`?"
    );
    assert_eq!(
        found[1].3,
        "did you mean `2016-05-13-image-resizing-with-lambda`?"
    );
    assert_eq!(found[2].3, "did you mean `#설치-방법`?");
    assert!(found[3].2.contains("draft"), "{}", found[3].2);
}

#[test]
fn baseurl_and_front_matter_images() {
    let body = "[람다](/2016/05/13/image-resizing-with-lambda.html) [좋음](/blog/2016/05/13/image-resizing-with-lambda.html) ![i]({{ site.baseurl }}/assets/imgs/2016/캐시 구조.png)\n";
    let found = findings("baseurl: /blog\n", body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].2.contains("lacks the site's baseurl `/blog`"),
        "{}",
        found[0].2
    );
    let jekyll = JekyllConfig::default();
    let text = "---\nimage: /assets/없음.png\n---\n";
    let all = docs(&jekyll, &[("_posts/2016-01-01-a.md", text)]);
    let refs: Vec<&Document> = all.iter().collect();
    let options = IndexOptions::new(&jekyll, false, false);
    let site = build(&jekyll, &options, &refs, &[]);
    let found = check(
        &all[0],
        &site,
        &crate::config::Config::default().links.image_keys,
    );
    assert_eq!(found[0].rule, "image/missing");
    assert_eq!(&text[found[0].span.clone()], "/assets/없음.png");
}

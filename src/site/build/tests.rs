use super::*;
use crate::diagnostic::SourceFile;
use crate::site::OtherFile;

fn doc(jekyll: &JekyllConfig, rel_path: &str, text: &str) -> Document {
    let source = SourceFile::new(rel_path.into(), rel_path.into(), text.to_string());
    let kind = DocKind::classify(rel_path, &jekyll.collection_names());
    Document::new(source, rel_path.to_string(), kind)
}

fn options(drafts: bool) -> IndexOptions {
    IndexOptions {
        drafts,
        unpublished: false,
        now: jiff::civil::date(2026, 11, 30).at(12, 0, 0, 0),
    }
}

/// The site for `config` and `(path, text)` files; `.md` files are documents.
fn site_of(config: &str, files: &[(&str, &str)]) -> Site {
    let jekyll = JekyllConfig::parse(config).unwrap();
    let docs: Vec<Document> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(p, t)| doc(&jekyll, p, t))
        .collect();
    let others: Vec<OtherFile> = files
        .iter()
        .filter(|(p, _)| !p.ends_with(".md"))
        .map(|(p, t)| OtherFile {
            rel_path: p.to_string(),
            front_matter: t
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("---\n"))
                .and_then(|(yaml, _)| crate::document::yaml::parse(yaml).ok()),
        })
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    build(&jekyll, &options(false), &refs, &others)
}

fn url_of<'a>(site: &'a Site, source: &str) -> (&'a str, &'a str, bool) {
    let page = site
        .page_of_source(source)
        .unwrap_or_else(|| panic!("no page for {source}"));
    (page.url.as_str(), page.output.as_str(), page.built)
}

#[test]
fn post_urls_with_the_date_style_categories_and_hangul_slugs() {
    let site = site_of(
        "",
        &[
            (
                "_posts/2016-05-13-image-resizing-with-lambda.md",
                "---\ntitle: 람다\n---\n",
            ),
            (
                "_posts/2016-05-14-캐시 정리.md",
                "---\ncategory: AWS 클라우드\n---\n",
            ),
            (
                "aws/_posts/2016/2016-05-15-a.b.md",
                "---\ncategories: Cloud Lambda\n---\n",
            ),
        ],
    );
    assert_eq!(
        url_of(&site, "_posts/2016-05-13-image-resizing-with-lambda.md"),
        (
            "/2016/05/13/image-resizing-with-lambda.html",
            "/2016/05/13/image-resizing-with-lambda.html",
            true
        )
    );
    assert_eq!(
        url_of(&site, "_posts/2016-05-14-캐시 정리.md"),
        (
            "/aws%20%ED%81%B4%EB%9D%BC%EC%9A%B0%EB%93%9C/2016/05/14/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC.html",
            "/aws 클라우드/2016/05/14/캐시-정리.html",
            true
        )
    );
    assert_eq!(
        url_of(&site, "aws/_posts/2016/2016-05-15-a.b.md").1,
        "/aws/cloud/lambda/2016/05/15/a.b.html"
    );
}

#[test]
fn styles_templates_and_front_matter_permalinks() {
    let files = [
        ("_posts/2016-05-13-x.md", "---\ntitle: x\n---\n"),
        (
            "_posts/2016-05-14-y.md",
            "---\npermalink: /custom/:title/\n---\n",
        ),
        ("_posts/2016-05-15-z.md", "---\nslug: Other Slug\n---\n"),
    ];
    let pretty = site_of("permalink: pretty\n", &files);
    assert_eq!(
        url_of(&pretty, "_posts/2016-05-13-x.md").1,
        "/2016/05/13/x/index.html"
    );
    assert_eq!(url_of(&pretty, "_posts/2016-05-14-y.md").0, "/custom/y/");
    assert_eq!(
        url_of(&pretty, "_posts/2016-05-15-z.md").0,
        "/2016/05/15/Other-Slug/"
    );
    let ordinal = site_of("permalink: ordinal\n", &files);
    assert_eq!(
        url_of(&ordinal, "_posts/2016-05-13-x.md").0,
        "/2016/134/x.html"
    );
    let weekdate = site_of("permalink: weekdate\n", &files);
    assert_eq!(
        url_of(&weekdate, "_posts/2016-05-13-x.md").0,
        "/2016/W19/Fri/x.html"
    );
    let none = site_of("permalink: none\n", &files);
    assert_eq!(url_of(&none, "_posts/2016-05-13-x.md").0, "/x.html");
    let custom = site_of(
        "permalink: /:short_year/:i_month/:i_day/:slug-:name:output_ext\n",
        &files,
    );
    assert_eq!(
        url_of(&custom, "_posts/2016-05-15-z.md").0,
        "/16/5/15/other-slug-2016-05-15-z.html"
    );
    let posts_collection = site_of(
        "permalink: pretty\ncollections:\n  posts:\n    permalink: /news/:year/:month/:day/:title/\n",
        &files,
    );
    assert_eq!(
        url_of(&posts_collection, "_posts/2016-05-13-x.md").0,
        "/news/2016/05/13/x/"
    );
    let no_ext = site_of("permalink: /:year/:title\n", &files);
    assert_eq!(
        url_of(&no_ext, "_posts/2016-05-13-x.md"),
        ("/2016/x", "/2016/x.html", true)
    );
}

#[test]
fn every_date_placeholder_formats_as_ruby_strftime() {
    let files = [(
        "_posts/2016-01-03-x.md",
        "---\ndate: \"2016-01-03 07:08:09\"\n---\n",
    )];
    let template = "permalink: /:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day/:w_year/:week/:w_day/:short_day/:long_day/:hour/:minute/:second/:title\n";
    let site = site_of(template, &files);
    // 2016-01-03 is a Sunday in ISO week 53 of 2015.
    assert_eq!(
        url_of(&site, "_posts/2016-01-03-x.md").0,
        "/2016/16/01/1/Jan/January/03/3/003/2015/53/7/Sun/Sunday/07/08/09/x"
    );
}

#[test]
fn front_matter_dates_move_into_the_site_zone() {
    let files = [(
        "_posts/2016-05-13-late.md",
        "---\ndate: 2016-05-13 23:30:00 +0000\n---\n",
    )];
    let seoul = site_of("timezone: Asia/Seoul\n", &files);
    assert_eq!(
        url_of(&seoul, "_posts/2016-05-13-late.md").0,
        "/2016/05/14/late.html"
    );
    let utc = site_of("", &files);
    assert_eq!(
        url_of(&utc, "_posts/2016-05-13-late.md").0,
        "/2016/05/13/late.html"
    );
    // Psych reads an unquoted date-time as UTC; a quoted one is local (Jekyll 4.3.1, verified).
    let unquoted = [(
        "_posts/2017-01-02-x.md",
        "---\ndate: 2017-01-02 03:04:05\n---\n",
    )];
    let quoted = [(
        "_posts/2017-01-02-x.md",
        "---\ndate: \"2017-01-02 03:04:05\"\n---\n",
    )];
    let new_york = "timezone: America/New_York\n";
    assert_eq!(
        url_of(&site_of(new_york, &unquoted), "_posts/2017-01-02-x.md").0,
        "/2017/01/01/x.html"
    );
    assert_eq!(
        url_of(&site_of(new_york, &quoted), "_posts/2017-01-02-x.md").0,
        "/2017/01/02/x.html"
    );
    let date_only = [("_posts/2017-01-02-x.md", "---\ndate: 2017-01-03\n---\n")];
    assert_eq!(
        url_of(&site_of(new_york, &date_only), "_posts/2017-01-02-x.md").0,
        "/2017/01/03/x.html"
    );
}

#[test]
fn permalink_extensions_and_dated_collection_names() {
    let site = site_of(
        "collections:\n  items:\n    output: true\n    permalink: /i/:title/:slug/\n",
        &[
            ("feed.md", "---\npermalink: /feed.json\n---\n"),
            ("_items/2016-05-14-Another Dated.md", "---\n---\n"),
            (
                "_items/2016-05-13-Dated Item.md",
                "---\nslug: FM Slug\n---\n",
            ),
        ],
    );
    assert_eq!(url_of(&site, "feed.md").1, "/feed.json");
    assert_eq!(
        url_of(&site, "_items/2016-05-14-Another Dated.md").0,
        "/i/Another-Dated/another-dated/"
    );
    assert_eq!(
        url_of(&site, "_items/2016-05-13-Dated Item.md").0,
        "/i/FM-Slug/fm-slug/"
    );
}

#[test]
fn pages_static_files_and_what_jekyll_skips() {
    let site = site_of(
        "",
        &[
            ("about.md", "---\ntitle: 소개\n---\n"),
            ("docs/index.md", "---\n---\n"),
            ("docs/설치 방법.md", "---\n---\n"),
            ("notes.md", "no front matter\n"),
            ("feed.xml", "---\n---\n"),
            ("css/main.scss", "---\n---\n"),
            ("assets/imgs/2016/캐시 구조.png", ""),
            ("contact.html", "---\npermalink: /contact/\n---\n"),
            ("_posts/not-a-post.md", "---\n---\n"),
            ("_includes/x.md", "---\n---\n"),
        ],
    );
    assert_eq!(url_of(&site, "about.md").1, "/about.html");
    assert_eq!(url_of(&site, "docs/index.md").0, "/docs/");
    assert_eq!(url_of(&site, "docs/설치 방법.md").1, "/docs/설치 방법.html");
    assert_eq!(url_of(&site, "notes.md").1, "/notes.md");
    assert_eq!(url_of(&site, "feed.xml").1, "/feed.xml");
    assert_eq!(url_of(&site, "css/main.scss").1, "/css/main.css");
    // Jekyll copies static paths raw (verified with Jekyll 4.3.1).
    assert_eq!(
        url_of(&site, "assets/imgs/2016/캐시 구조.png").0,
        "/assets/imgs/2016/캐시 구조.png"
    );
    assert_eq!(url_of(&site, "contact.html").1, "/contact/index.html");
    assert!(site.page_of_source("_posts/not-a-post.md").is_none());
    assert!(site.page_of_source("_includes/x.md").is_none());
    let pretty = site_of("permalink: pretty\n", &[("about.md", "---\n---\n")]);
    assert_eq!(url_of(&pretty, "about.md").0, "/about/");
}

#[test]
fn drafts_unpublished_and_future_posts_are_known_but_not_built() {
    let site = site_of(
        "",
        &[
            ("_drafts/idea.md", "---\ndate: 2016-08-01\n---\n"),
            (
                "_posts/2016-05-13-hidden.md",
                "---\npublished: false\n---\n",
            ),
            ("_posts/2999-01-01-later.md", "---\n---\n"),
        ],
    );
    for source in [
        "_drafts/idea.md",
        "_posts/2016-05-13-hidden.md",
        "_posts/2999-01-01-later.md",
    ] {
        assert!(!url_of(&site, source).2, "{source}");
        assert!(site.served(url_of(&site, source).1).is_none());
    }
    assert_eq!(url_of(&site, "_drafts/idea.md").0, "/2016/08/01/idea.html");
}

#[test]
fn collections_defaults_and_redirects() {
    let config = "collections:\n  recipes:\n    output: true\n    permalink: /:collection/:title/\n  talks:\n    output: true\n  notes:\n    output: false\nplugins: [jekyll-redirect-from]\ndefaults:\n  - scope: { path: guide }\n    values: { permalink: /g/:basename/ }\n";
    let site = site_of(
        config,
        &[
            (
                "_recipes/김치 찌개.md",
                "---\nredirect_from: [/old/kimchi/, /old.html]\n---\n",
            ),
            ("_talks/img/a.png", ""),
            ("_notes/n.md", "---\n---\n"),
            ("guide/start.md", "---\n---\n"),
        ],
    );
    assert_eq!(
        url_of(&site, "_recipes/김치 찌개.md").1,
        "/recipes/김치-찌개/index.html"
    );
    assert_eq!(url_of(&site, "_talks/img/a.png").1, "/talks/img/a.png");
    assert!(!url_of(&site, "_notes/n.md").2);
    assert_eq!(url_of(&site, "guide/start.md").0, "/g/start/");
    assert!(site.served("/old/kimchi/index.html").is_some());
    assert!(site.served("/old.html").is_some());
    let without_plugin = site_of("", &[("a.md", "---\nredirect_from: /b/\n---\n")]);
    assert!(without_plugin.served("/b/index.html").is_none());
}

#[test]
fn post_url_names() {
    let site = site_of(
        "",
        &[
            (
                "_posts/2016-05-13-image-resizing-with-lambda.md",
                "---\n---\n",
            ),
            ("_posts/2016/2016-05-14-nested.md", "---\n---\n"),
            ("aws/_posts/2016-05-15-캐시 정리.md", "---\n---\n"),
        ],
    );
    let url = |name: &str| site.post_by_name(name).map(|p| p.url.clone());
    assert_eq!(
        url("2016-05-13-image-resizing-with-lambda").as_deref(),
        Some("/2016/05/13/image-resizing-with-lambda.html")
    );
    assert!(url("2016/2016-05-14-nested").is_some());
    assert!(
        url("2016-05-14-nested").is_some(),
        "Jekyll's fallback by date and slug"
    );
    assert!(url("aws/2016-05-15-캐시 정리").is_some());
    assert!(url("2016-05-13-image-resizing-with-lamda").is_none());
    assert!(url("2016-05-12-image-resizing-with-lambda").is_none());
}

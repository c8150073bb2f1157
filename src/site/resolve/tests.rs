use super::*;
use crate::site::{Page, PageKind};

fn page(url: &str, output: &str) -> Page {
    Page {
        url: url.into(),
        output: output.into(),
        source: Some(output.trim_start_matches('/').into()),
        kind: PageKind::Post,
        built: true,
        not_built_because: None,
        ids: None,
    }
}

fn site(baseurl: &str) -> Site {
    let mut site = Site {
        baseurl: baseurl.into(),
        host: Some("blog.example.kr".into()),
        ..Site::default()
    };
    site.add(page(
        "/2016/05/13/image-resizing-with-lambda.html",
        "/2016/05/13/image-resizing-with-lambda.html",
    ));
    site.add(page("/about/", "/about/index.html"));
    site.add(page(
        "/2016/05/14/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC.html",
        "/2016/05/14/캐시-정리.html",
    ));
    site.add(page(
        "/assets/imgs/%EC%BA%90%EC%8B%9C%20%EA%B5%AC%EC%A1%B0.png",
        "/assets/imgs/캐시 구조.png",
    ));
    let mut draft = page("/2016/08/01/idea.html", "/2016/08/01/idea.html");
    draft.built = false;
    site.add(draft);
    site
}

fn found(site: &Site, dest: &str, base: Base<'_>) -> Option<String> {
    match site.resolve(dest, base) {
        Resolved::Found { page, .. } => Some(page.output.clone()),
        _ => None,
    }
}

const POST: Base<'static> = Base::Page("/2016/05/18/aws-summit-2016.html");

#[test]
fn links_as_writers_write_them() {
    let s = site("");
    let ok = [
        "/2016/05/13/image-resizing-with-lambda.html",
        "/2016/05/13/image-resizing-with-lambda",
        "/2016/05/13/image-resizing-with-lambda.html?utm=x#top",
        "../13/image-resizing-with-lambda.html",
        "../../05/13/image-resizing-with-lambda.html",
        "/about/",
        "/about",
        "/about/index.html",
        "/2016/05/14/캐시-정리.html",
        "/2016/05/14/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC.html",
        "/2016/05/14/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC",
        "/assets/imgs/캐시 구조.png",
        "/assets/imgs/캐시%20구조.png",
        "https://blog.example.kr/about/",
        "//BLOG.example.kr/about/",
    ];
    for dest in ok {
        assert!(found(&s, dest, POST).is_some(), "{dest}");
    }
    for dest in [
        "https://other.example/",
        "mailto:me@example.kr",
        "tel:010",
        "javascript:void(0)",
        "",
    ] {
        assert!(
            matches!(s.resolve(dest, POST), Resolved::Elsewhere),
            "{dest}"
        );
    }
}

#[test]
fn broken_links_say_why() {
    let s = site("");
    let missing = |dest: &str| match s.resolve(dest, POST) {
        Resolved::Missing { path, why } => (path, format!("{why:?}")),
        other => panic!("{dest}: {other:?}"),
    };
    assert_eq!(
        missing("/2016/05/13/image-resizing-with-lamda.html").0,
        "/2016/05/13/image-resizing-with-lamda.html"
    );
    assert_eq!(
        missing("image-resizing-with-lambda.html").0,
        "/2016/05/18/image-resizing-with-lambda.html"
    );
    assert!(missing("../../../../x.html").1.starts_with("AboveRoot"));
    assert!(missing("/2016/08/01/idea.html").1.starts_with("NotBuilt"));
    assert!(
        missing("/About/").1.starts_with("NotFound"),
        "case-sensitive"
    );
    assert!(
        missing("/2016/05/14/캐시-정리.htm")
            .1
            .starts_with("NotFound")
    );
}

#[test]
fn baseurl_is_required_on_root_relative_links_but_not_on_front_matter_images() {
    let s = site("/blog");
    assert!(found(&s, "/blog/about/", POST).is_some());
    assert!(found(&s, "/blog", POST).is_none());
    assert!(matches!(
        s.resolve("/about/", Base::Page("/blog/2016/05/18/a.html")),
        Resolved::Missing {
            why: Why::NoBaseurl(_),
            ..
        }
    ));
    assert!(found(&s, "https://blog.example.kr/blog/about/", POST).is_some());
    assert!(found(&s, "assets/imgs/캐시 구조.png", Base::SiteRoot).is_some());
    assert!(found(&s, "/blog/assets/imgs/캐시 구조.png", Base::SiteRoot).is_some());
}

#[test]
fn fragments_are_decoded_and_self_links_find_the_page() {
    let s = site("");
    match s.resolve(
        "#%EC%84%A4%EC%B9%98-%EB%B0%A9%EB%B2%95",
        Base::Page("/about/"),
    ) {
        Resolved::Found { page, fragment } => {
            assert_eq!(page.output, "/about/index.html");
            assert_eq!(fragment.as_deref(), Some("설치-방법"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn suggestions_find_the_nearest_served_url() {
    let s = site("");
    let near = |p: &str| s.suggest(p).map(|p| p.url.clone());
    assert_eq!(
        near("/2016/05/13/image-resizing-with-lamda.html").as_deref(),
        Some("/2016/05/13/image-resizing-with-lambda.html")
    );
    assert_eq!(
        near("/2016/05/12/image-resizing-with-lambda.html").as_deref(),
        Some("/2016/05/13/image-resizing-with-lambda.html")
    );
    assert_eq!(near("/abut/").as_deref(), Some("/about/"));
    assert_eq!(
        near("/posts/image-resizing-with-lambda/").as_deref(),
        Some("/2016/05/13/image-resizing-with-lambda.html"),
        "the same name in another place"
    );
    assert_eq!(near("/completely/unrelated.html"), None);
}

//! Microbenchmarks of the hot paths, on the example site's motivating post (Korean and English
//! prose, links, code): front-matter split and YAML parse, the one-pass Markdown scan, link
//! resolution against a built site index, and dictionary matching with the shipped rule sets.
//!
//! `cargo bench --bench hot_paths`; `cargo test --benches` runs each once as a smoke test.

use std::path::{Path, PathBuf};

use postlint::document::body::Body;
use postlint::document::front_matter::{self, Split};
use postlint::document::yaml;
use postlint::site::Site;
use postlint::site::resolve::Base;
use postlint::workspace::Workspace;

const POST: &str = include_str!("../fixtures/site/_posts/2016-05-18-aws-summit-2016.md");

fn main() {
    divan::main();
}

fn site_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/links")
}

/// The workspace and index of `fixtures/links`, built as `postlint check` builds them.
fn indexed() -> (Workspace, Site) {
    let root = site_root();
    let ws = Workspace::open(root.clone(), &[], None, None).expect("fixture workspace");
    let whole = postlint::discover::discover(&postlint::run::site_walk(&ws, 1));
    let loaded = postlint::run::load_all(&ws, &[], &whole.files, postlint::run::Texts::Keep);
    let (docs, others) = postlint::run::index_inputs(&ws, &loaded, &whole.other_files);
    let index_options = postlint::site::build::IndexOptions::new(&ws.jekyll, false, false);
    let site = postlint::site::build::build(&ws.jekyll, &index_options, &docs, &others);
    (ws, site)
}

#[divan::bench]
fn front_matter_split_and_parse() -> usize {
    match front_matter::split(divan::black_box(POST)) {
        Split::Closed(range) => POST
            .get(range.yaml)
            .and_then(|y| yaml::parse(y).ok())
            .map_or(0, |node| node.entries().len()),
        _ => 0,
    }
}

#[divan::bench]
fn markdown_scan() -> usize {
    let start = match front_matter::split(POST) {
        Split::Closed(range) => range.body_start,
        _ => 0,
    };
    let body = Body::scan(divan::black_box(POST), start..POST.len());
    body.references.len() + body.prose.len()
}

#[divan::bench]
fn link_resolution(bencher: divan::Bencher) {
    let (_ws, site) = indexed();
    let dests = [
        "/2016/05/13/image-resizing-with-lambda.html",
        "/2016/05/13/image-resizing-with-lamda.html",
        "../2016/05/13/image-resizing-with-lambda.html#설치-방법",
        "/assets/imgs/%EC%BA%90%EC%8B%9C%20%EA%B5%AC%EC%A1%B0.png",
        "/about/",
        "/%EB%B8%94%EB%A1%9C%EA%B7%B8/2016/05/19/hangul.html",
    ];
    bencher.bench(|| {
        dests
            .iter()
            .filter(|d| {
                matches!(
                    site.resolve(divan::black_box(d), Base::Page("/2016/05/18/links.html")),
                    postlint::site::resolve::Resolved::Found { .. }
                )
            })
            .count()
    });
}

#[divan::bench]
fn dictionary_matching(bencher: divan::Bencher) {
    let (ws, _) = indexed();
    bencher.bench(|| {
        ws.spelling
            .find(divan::black_box(POST), 0..POST.len())
            .len()
    });
}

//! Property tests (proptest): posts put together at random from the pieces real posts are made
//! of (Hangul and English prose, typos of every rule set, links that resolve and links that do
//! not, images, code, Liquid, headings, front matter, CRLF, emoji, a byte-order mark), checked
//! against what must hold for any post.

use postlint::diagnostic::{Diagnostic, Fix, SourceFile};
use postlint::document::{DocKind, Document};
use proptest::prelude::*;

use crate::common::{postlint, write};

/// Pieces of a body; several carry findings, some carry automatic fixes.
const PIECES: &[&str] = &[
    "캐쉬를 썼다. ",
    "ElasticCache와 ",
    "AWS Submit 2016에서 ",
    "아키텍쳐는 ",
    "할수 있다. ",
    "할것같다 ",
    "Github에 올렸다. ",
    "평범한 문장입니다. ",
    "plain English words ",
    "😀 이모지 ",
    "[링크](/2016/05/13/image-resizing-with-lambda.html) ",
    "[없는 글](/2016/05/13/no-such-post.html) ",
    "[조각](#없는-제목) ",
    "![그림](/assets/imgs/2016/없는-그림.png) ",
    "{% post_url 2016-05-13-image-resizing-with-lambda %} ",
    "[포스팅]({% post_url 2016-05-99-nope %}) ",
    "`캐쉬 in code` ",
    "<a href=\"/nowhere.html\">html</a> ",
    "<!-- postlint-disable-next-line -->\n",
    "\n\n## 캐쉬 제목\n\n",
    "\n\n```\n[코드](/x.html) 캐쉬\n```\n\n",
    "\n- 목록 ElasticCache\n",
    "\n> 인용 아키텍쳐\n",
    "\r\n",
    "\n",
    "[ref]\n\n[ref]: /missing/ \n",
    "{{ page.title }} ",
];

/// Front-matter variants: none, valid, missing keys, wrong types, broken YAML.
const FRONT: &[&str] = &[
    "",
    "---\nlayout: post\ntitle: 캐쉬 이야기\nsummary: AWS Submit 2016\n---\n",
    "---\r\ntitle: CRLF 머리말\r\ntags: [a, b]\r\n---\r\n",
    "---\ntitle: [unclosed\n---\n",
    "---\nlayout: 7\n---\n",
    "\u{feff}---\ntitle: BOM\n---\n",
    "---\ntitle: no end\n",
];

fn post() -> impl Strategy<Value = String> {
    (
        prop::sample::select(FRONT),
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => "[가-힣a-zA-Z #\\[\\]()!`*_{}%<>/\\n-]{0,12}",
            ],
            0..24,
        ),
    )
        .prop_map(|(front, pieces)| format!("{front}{}", pieces.concat()))
}

const REL: &str = "_posts/2016-05-18-property.md";

fn check(text: &str) -> Vec<Diagnostic> {
    let c = crate::fuzz_corpus::context();
    let kind = DocKind::classify(REL, &c.ws.collection_names);
    let source = SourceFile::new(REL.into(), REL.into(), text.to_string());
    let doc = Document::new(source, REL.into(), kind);
    postlint::run::check_document(&c.ws, &c.site, &doc, true)
}

fn automatic(found: &[Diagnostic]) -> Vec<&Fix> {
    found
        .iter()
        .filter_map(|d| d.fix.as_ref().filter(|f| f.automatic))
        .collect()
}

fn on_boundaries(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every finding's and fix's span lies inside the post on character boundaries, and its
    /// start and end convert to a line and column and back to the same offset.
    #[test]
    fn spans_are_exact_and_positions_convert_back(text in post()) {
        let lines = postlint::document::line_index::LineIndex::new(&text);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        for d in check(&text) {
            prop_assert!(on_boundaries(&text, &d.span), "{} {:?}", d.rule, d.span);
            if let Some(fix) = &d.fix {
                prop_assert!(on_boundaries(&text, &fix.span), "{} fix {:?}", d.rule, fix.span);
            }
            for offset in [d.span.start, d.span.end] {
                if offset < bom {
                    continue;
                }
                let p = lines.position(&text, offset);
                prop_assert_eq!(lines.offset(&text, p.line, p.column), Some(offset), "{}", d.rule);
            }
        }
    }

    /// Applying the automatic fixes keeps every byte outside their spans, and fixing until
    /// nothing changes settles: once settled, another check offers no automatic fix.
    #[test]
    fn fixes_touch_only_their_spans_and_settle(text in post()) {
        let found = check(&text);
        let fixes = automatic(&found);
        let (fixed, applied) = postlint::fix::apply(&text, &fixes);
        if let (Some(first), Some(last)) = (
            fixes.iter().map(|f| f.span.start).min(),
            fixes.iter().map(|f| f.span.end).max(),
        ) {
            prop_assert!(applied > 0);
            prop_assert_eq!(&fixed[..first], &text[..first]);
            prop_assert!(fixed.ends_with(&text[last..]));
        } else {
            prop_assert_eq!(&fixed, &text);
        }
        let mut settled = fixed;
        let mut rounds = 1;
        loop {
            let again = check(&settled);
            let more = automatic(&again);
            if more.is_empty() {
                break;
            }
            rounds += 1;
            prop_assert!(rounds <= postlint::run::MAX_FIX_ROUNDS, "fixes never settle: {settled:?}");
            settled = postlint::fix::apply(&settled, &more).0;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The real binary on a site holding the post: identical reports on one thread and two,
    /// and after `--fix` a second `--fix` would change nothing (`--diff` is empty), with the
    /// site's other post untouched.
    #[test]
    fn binary_reports_are_thread_independent_and_fix_is_idempotent(text in post()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "_config.yml", "title: 속성\npermalink: /:year/:month/:day/:title.html\n");
        write(root, "_posts/2016-05-13-image-resizing-with-lambda.md", "---\ntitle: 다른 글\n---\n## 설치 방법\n");
        write(root, REL, &text);
        let one = postlint(root, &["check", "--format", "json", "--threads", "1", "."]);
        let two = postlint(root, &["check", "--format", "json", "--threads", "2", "."]);
        prop_assert_eq!(&one.stdout, &two.stdout);
        let other = std::fs::read(root.join("_posts/2016-05-13-image-resizing-with-lambda.md")).unwrap();
        let _ = postlint(root, &["check", "--fix", "--quiet", "."]);
        let diff = postlint(root, &["check", "--diff", "."]);
        prop_assert_eq!(diff.stdout.as_str(), "", "{}", diff.stderr);
        prop_assert_eq!(
            std::fs::read(root.join("_posts/2016-05-13-image-resizing-with-lambda.md")).unwrap(),
            other
        );
    }
}

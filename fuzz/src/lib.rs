//! The bodies of postlint's fuzz targets: each feeds arbitrary bytes to one stage and checks
//! what must hold for any input (no panic, spans inside the text on character boundaries,
//! positions that convert back to the same offset). `fuzz_targets/*.rs` call them from
//! libFuzzer; `tests/it/fuzz_corpus.rs` includes this file and replays the committed corpora
//! and every crash found so far on each `cargo test`.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use postlint::diagnostic::{Diagnostic, SourceFile};
use postlint::document::yaml::{Node, Value};
use postlint::document::{DocKind, Document, FrontMatter};
use postlint::site::Site;
use postlint::site::resolve::{Base, Resolved};
use postlint::spelling::matcher::Matcher;
use postlint::workspace::Workspace;

/// A workspace and site index built once per fuzzing process, for the stages that need them.
pub struct Context {
    /// The site's workspace: configuration and the shipped spelling rules.
    pub ws: Workspace,
    /// The site's index, as `postlint check` builds it.
    pub site: Site,
    /// The workspace's rule sets and, after them, generated entries past the DFA budget: the
    /// automaton of big team dictionaries, which must find what the shipped sets' DFA finds.
    pub big_spelling: Matcher,
}

impl Context {
    /// Opens the site at `root` (the repository's `fixtures/links`) and indexes it.
    pub fn new(root: &Path) -> Context {
        let ws = Workspace::open(root.to_path_buf(), &[], None, None)
            .unwrap_or_else(|e| panic!("cannot open {}: {e:?}", root.display()));
        let whole = postlint::discover::discover(&postlint::run::site_walk(&ws, 1));
        let loaded = postlint::run::load_all(&ws, &[], &whole.files, postlint::run::Texts::Keep);
        let (docs, others) = postlint::run::index_inputs(&ws, &loaded, &whole.other_files);
        let options = postlint::site::build::IndexOptions::new(&ws.jekyll, false, false);
        let site = postlint::site::build::build(&ws.jekyll, &options, &docs, &others);
        let mut sets = ws.spelling.sets().to_vec();
        sets.push(filler_set());
        let big_spelling = Matcher::new(sets).unwrap_or_else(|e| panic!("big matcher: {e}"));
        Context {
            ws,
            site,
            big_spelling,
        }
    }
}

/// 4,000 generated entries (about 90 KB of forms, past the 64 KB DFA budget), in the shape
/// `gen_site --rules` writes them.
fn filler_set() -> postlint::spelling::rules::RuleSet {
    let mut yaml = String::from("id: filler\ndescription: d\nseverity: warning\nrules:\n");
    for i in 0..4_000 {
        yaml.push_str(&format!(
            "  - right: 가{i}나다\n    wrong: [갸{i}냐댜]\n  - right: Zq{i}Cloud\n    wrong: [Zq{i}cloud]\n"
        ));
    }
    postlint::spelling::rules::parse(&yaml, false).unwrap_or_else(|e| panic!("filler: {e:?}"))
}

/// The repository's `fixtures/links` site, opened and indexed once per process. Found from
/// the crate being built (the fuzz crate or postlint's tests both sit inside the repository).
pub fn fixture_context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(|folder| folder.join("fixtures/links"))
            .find(|site| site.is_dir())
            .unwrap_or_else(|| panic!("no fixtures/links above {}", env!("CARGO_MANIFEST_DIR")));
        Context::new(&root)
    })
}

/// Front matter: Jekyll's split and the spanned YAML parse.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = document_of(text, DocKind::Page);
    match &doc.front_matter {
        FrontMatter::Absent => {}
        FrontMatter::Unclosed { open } => assert_span(text, open, "opening line"),
        FrontMatter::Invalid { open, error } => {
            assert_span(text, open, "opening line");
            assert_span(text, &error.span, "YAML error");
        }
        FrontMatter::Parsed { open, root } => {
            assert_span(text, open, "opening line");
            assert_node(text, root);
        }
    }
    assert!(doc.body_start <= text.len() && text.is_char_boundary(doc.body_start));
}

/// The Markdown scan: links, images, references, headings, ids, Liquid and directives.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = document_of(text, DocKind::Page);
    for reference in &doc.body.references {
        assert_span(text, &reference.span, "link");
    }
    for heading in &doc.body.headings {
        assert_span(text, &heading.range, "heading");
    }
    for range in &doc.body.prose {
        assert_span(text, range, "prose");
    }
}

/// URL resolution against a real index: any URL, from a page and from the site root.
pub fn resolve(context: &Context, data: &[u8]) {
    let dest = String::from_utf8_lossy(data);
    for base in [Base::Page("/2016/05/18/links.html"), Base::SiteRoot] {
        if let Resolved::Found { page, .. } = context.site.resolve(&dest, base)
            && let Some(source) = &page.source
        {
            assert!(
                !source.starts_with("../") && !source.starts_with('/'),
                "{dest:?} resolved to {source:?}, outside the site"
            );
        }
    }
    let _ = context.site.suggest(&dest);
    let _ = context.site.suggest_post(&dest);
}

/// The spelling matcher with the shipped rule sets, over the whole text and over a part of it.
pub fn spelling(context: &Context, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let filler = context.ws.spelling.sets().len();
    for range in [0..text.len(), cut..text.len()] {
        let mut last_end = range.start;
        let hits = context.ws.spelling.find(text, range.clone());
        for hit in &hits {
            assert_span(text, &hit.range, "spelling hit");
            assert!(
                hit.range.start >= last_end && hit.range.end <= range.end,
                "hit {:?} outside {range:?} or overlapping",
                hit.range
            );
            last_end = hit.range.end;
        }
        // The big dictionaries' automaton finds the same, unless a generated entry matched.
        let big = context.big_spelling.find(text, range.clone());
        if big.iter().all(|hit| hit.set != filler) {
            assert_eq!(hits, big, "the big dictionaries' automaton differs");
        }
    }
}

/// Configuration and rule-set files: parse errors, never panics or hangs.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = postlint::config::Config::parse(Path::new(".postlint.yml"), text);
    if let Ok(set) = postlint::spelling::rules::parse(text, false)
        && let Ok(matcher) = postlint::spelling::matcher::Matcher::new(vec![set])
    {
        let _ = matcher.find(text, 0..text.len());
    }
}

/// The whole-document check, as `postlint check` runs it on a post of the site: every finding
/// and fix span inside the text on character boundaries, positions that convert back, and
/// automatic fixes that apply cleanly.
pub fn document(context: &Context, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let kind = DocKind::classify("_posts/2016-05-18-fuzz.md", &context.ws.collection_names);
    let doc = Document::new(
        SourceFile::new(
            "_posts/2016-05-18-fuzz.md".into(),
            "fuzz.md".into(),
            text.to_string(),
        ),
        "_posts/2016-05-18-fuzz.md".into(),
        kind,
    );
    let found = postlint::run::check_document(&context.ws, &context.site, &doc, true);
    let lines = &doc.source.lines;
    for d in &found {
        assert_span(text, &d.span, d.rule);
        if let Some(fix) = &d.fix {
            assert_span(text, &fix.span, "fix");
        }
        // Columns on the first line count from after a byte-order mark.
        if d.span.start >= bom_len(text) {
            let position = lines.position(text, d.span.start);
            assert_eq!(
                lines.offset(text, position.line, position.column),
                Some(d.span.start),
                "{} at {:?}",
                d.rule,
                d.span
            );
        }
    }
    let fixes: Vec<&postlint::diagnostic::Fix> = found
        .iter()
        .filter_map(|d| d.fix.as_ref().filter(|f| f.automatic))
        .collect();
    let _ = postlint::fix::apply(text, &fixes);
    released_like_whole(context, &doc, &found);
    excerpt_like_whole(&doc.source, &found);
}

/// `postlint check` lets go of a document's text after the front-matter and spelling checks
/// and checks its links without it: the findings must be the same as with the text.
fn released_like_whole(context: &Context, whole: &Document, found: &[Diagnostic]) {
    let mut doc = Document::new(
        SourceFile::new(
            whole.source.path.clone(),
            whole.source.display_path.clone(),
            whole.source.text.clone(),
        ),
        whole.rel_path.clone(),
        whole.kind.clone(),
    );
    let mut again =
        postlint::checks::check_without_site(&doc, &context.ws.config, &context.ws.spelling);
    let released = doc.release_text();
    for d in &mut again {
        d.source = std::sync::Arc::clone(&released);
    }
    again.extend(postlint::checks::check_with_site(
        &doc,
        &context.ws.config,
        &context.site,
    ));
    let mut again = postlint::run::settle_document_findings(&context.ws, &doc, again);
    for d in &mut again {
        d.span = postlint::diagnostic::clamp_span(&whole.source.text, d.span.clone());
    }
    let mut kept = postlint::run::settle_document_findings(&context.ws, whole, found.to_vec());
    let key = |d: &Diagnostic| {
        (
            (d.span.start, d.span.end),
            d.rule,
            d.message.clone(),
            d.help.clone(),
            d.fix
                .clone()
                .map(|f| (f.span.start, f.span.end, f.replacement, f.automatic)),
        )
    };
    kept.sort_by_key(key);
    again.sort_by_key(key);
    assert_eq!(
        kept.iter().map(key).collect::<Vec<_>>(),
        again.iter().map(key).collect::<Vec<_>>()
    );
}

/// The report reads back only the lines it shows: positions and snippets from those lines
/// must be those of the whole text.
fn excerpt_like_whole(whole: &std::sync::Arc<SourceFile>, found: &[Diagnostic]) {
    let lines = &whole.lines;
    let mut keep = Vec::new();
    let mut spans = Vec::new();
    for d in found {
        for span in std::iter::once(&d.span).chain(d.fix.as_ref().map(|f| &f.span)) {
            keep.push((
                lines.line(span.start).saturating_sub(1),
                lines.line(span.end) + 1,
            ));
            spans.push(span.clone());
        }
    }
    let excerpt = std::sync::Arc::clone(whole).excerpt(keep);
    for span in spans {
        for offset in [span.start, span.end] {
            assert_eq!(
                excerpt.position(offset),
                whole.position(offset),
                "at {offset}"
            );
            let end = lines
                .line_start(lines.line(offset) + 1)
                .unwrap_or(whole.len());
            assert_eq!(
                excerpt.slice(offset..end),
                whole.slice(offset..end),
                "at {offset}"
            );
        }
    }
}

fn document_of(text: &str, kind: DocKind) -> Document {
    let source = SourceFile::new("fuzz.md".into(), "fuzz.md".into(), text.to_string());
    Document::new(source, "fuzz.md".into(), kind)
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on character boundaries"
    );
}

fn assert_node(text: &str, node: &Node) {
    assert_span(text, &node.span, "YAML node");
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| assert_node(text, n)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            assert_node(text, k);
            assert_node(text, v);
        }),
        _ => {}
    }
}

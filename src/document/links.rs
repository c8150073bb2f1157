//! Every place a document points at a URL, with the exact bytes of the destination as written:
//! Markdown links and images (inline, reference, autolink), raw HTML (`href`, `src`, `srcset`),
//! and front-matter image keys. Code spans and blocks never yield references: the Markdown
//! parser does not see links there, and Liquid `raw`/`highlight`/`comment` blocks are skipped.

use std::ops::Range;

use pulldown_cmark::{CowStr, LinkType};

use crate::document::html::{self, Attribute};
use crate::document::yaml::{Node, Value};

/// Whether a reference is followed by readers (a link) or loaded by the browser (an image).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RefKind {
    /// `[text](url)`, `<a href>`, `<link href>`.
    Link,
    /// `![alt](src)`, `<img src>`, `srcset`, front-matter image keys.
    Image,
}

/// Where in the document a reference was written; decides how its URL is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Markdown syntax in the body (for reference links: reported at the use).
    Markdown,
    /// A reference definition `[label]: url` that no link uses.
    UnusedDefinition,
    /// An attribute of raw HTML in the body.
    Html,
    /// A front-matter key; themes print it through `relative_url`, so it is site-relative.
    FrontMatter,
}

/// One URL a document points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Link or image.
    pub kind: RefKind,
    /// Where it was written.
    pub origin: Origin,
    /// The destination: unescaped as the Markdown or HTML parser reads it, or, when it holds
    /// Liquid, the text exactly as written so the Liquid can be rendered.
    pub dest: String,
    /// Bytes of the destination in the file (for a reference link: of its label at the use).
    pub span: Range<usize>,
    /// True when `dest` contains Liquid (`{{ site.baseurl }}`, `{% post_url %}`).
    pub has_liquid: bool,
    /// True when the bytes at `span` are `dest` exactly (no escapes or entities between), so
    /// a fix may write over them. Set while the text is at hand: it is let go before links
    /// are checked.
    pub literal: bool,
}

/// Front-matter keys whose values are images, as popular themes and plugins name them.
/// A dotted key is a path into a mapping (`header.image`).
pub const DEFAULT_IMAGE_KEYS: [&str; 9] = [
    "image",
    "image.path",
    "featured_image",
    "cover",
    "cover_image",
    "thumbnail",
    "header.image",
    "header.teaser",
    "header.overlay_image",
];

/// A link or image under construction while its text events go by.
#[derive(Debug)]
pub(crate) struct OpenLink<'a> {
    kind: RefKind,
    link_type: LinkType,
    dest: CowStr<'a>,
    label: CowStr<'a>,
    /// The whole link in the file.
    range: Range<usize>,
    /// Where the link text ends (the `]`), as far as inner events tell.
    text_end: usize,
}

/// Collects references from Markdown events (see [`crate::document::body`]).
#[derive(Debug, Default)]
pub(crate) struct Collector<'a> {
    open: Vec<OpenLink<'a>>,
    /// References found so far.
    pub references: Vec<Reference>,
    /// Reference-style links: their index in `references` and the label they use, so the
    /// destination can be read from the definition once the parser has seen it.
    pub by_label: Vec<(usize, String)>,
}

impl<'a> Collector<'a> {
    /// A link or image starts at `range` (file coordinates).
    pub fn start(
        &mut self,
        kind: RefKind,
        link_type: LinkType,
        dest: CowStr<'a>,
        label: CowStr<'a>,
        range: Range<usize>,
    ) {
        let marker = if kind == RefKind::Image { 2 } else { 1 };
        self.open.push(OpenLink {
            kind,
            link_type,
            dest,
            label,
            text_end: range.start + marker,
            range,
        });
    }

    /// Any event inside the innermost open link extends its text.
    pub fn inner(&mut self, range: &Range<usize>) {
        for link in &mut self.open {
            link.text_end = link.text_end.max(range.end);
        }
    }

    /// The innermost link or image ends; `masked` is the text the parser saw.
    pub fn end(&mut self, masked: &str, original: &str) {
        let Some(link) = self.open.pop() else { return };
        if let Some(parent) = self.open.last_mut() {
            parent.text_end = parent.text_end.max(link.range.end);
        }
        let label = matches!(
            link.link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        )
        .then(|| link.label.to_string());
        if let Some(reference) = finish(link, masked, original) {
            if let Some(label) = label {
                self.by_label.push((self.references.len(), label));
            }
            self.references.push(reference);
        }
    }
}

/// Turns a finished link into a reference, finding where its destination (or label) is.
fn finish(link: OpenLink<'_>, masked: &str, original: &str) -> Option<Reference> {
    let (span, raw) = match link.link_type {
        LinkType::Inline => {
            let span = inline_destination(masked, link.text_end, link.range.end)?;
            (span.clone(), original.get(span)?.to_string())
        }
        LinkType::Autolink => {
            let span = link.range.start + 1..link.range.end.saturating_sub(1);
            (span.clone(), original.get(span)?.to_string())
        }
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            let span = reference_label(masked, link.text_end, link.range.clone());
            (span, String::new())
        }
        // E-mail autolinks, wiki links and links the parser could not resolve point nowhere
        // on this site.
        _ => return None,
    };
    let has_liquid = matches!(link.link_type, LinkType::Inline | LinkType::Autolink)
        && crate::document::liquid::contains_liquid(&raw);
    let dest = if has_liquid {
        raw
    } else {
        link.dest.to_string()
    };
    Some(Reference {
        kind: link.kind,
        origin: Origin::Markdown,
        dest,
        span,
        has_liquid,
        literal: false,
    })
}

/// The destination of an inline link: after the `](` that follows the link text, up to the
/// first space (or inside `<…>`), per CommonMark's link destination rules.
fn inline_destination(text: &str, text_end: usize, link_end: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = text_end;
    // The link text ends at `]`; inner events may stop before trailing markup.
    while i < link_end && bytes.get(i) != Some(&b']') {
        i += 1;
    }
    i += 1;
    if bytes.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    while i < link_end && bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'<') {
        let start = i + 1;
        let end = (start..link_end).find(|&j| bytes.get(j) == Some(&b'>'))?;
        return Some(start..end);
    }
    let start = i;
    let mut depth = 0usize;
    while i < link_end {
        match bytes.get(i) {
            Some(b'\\') => i += 1,
            Some(b'(') => depth += 1,
            Some(b')') if depth == 0 => break,
            Some(b')') => depth -= 1,
            Some(b) if b.is_ascii_whitespace() => break,
            _ => {}
        }
        i += 1;
    }
    let end = i.min(link_end);
    text.get(start..end).map(|_| start..end)
}

/// Where a reference link names its definition: the label in `[text][label]`, else the text.
fn reference_label(text: &str, text_end: usize, link: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut close = text_end;
    while close < link.end && bytes.get(close) != Some(&b']') {
        close += 1;
    }
    let text_start = if text.get(link.start..).is_some_and(|t| t.starts_with("![")) {
        link.start + 2
    } else {
        link.start + 1
    };
    if bytes.get(close + 1) == Some(&b'[') && close + 3 < link.end {
        return close + 2..link.end - 1;
    }
    if text.get(text_start..close).is_some() {
        text_start..close
    } else {
        link.clone()
    }
}

/// References in the attributes of raw HTML.
pub fn html_references(attributes: &[Attribute]) -> Vec<Reference> {
    let mut out = Vec::new();
    for attr in attributes {
        let kind = match (attr.tag.as_str(), attr.name.as_str()) {
            ("a" | "area" | "link", "href") => RefKind::Link,
            ("img" | "source" | "video" | "audio" | "script" | "iframe", "src")
            | ("video", "poster") => RefKind::Image,
            ("img" | "source", "srcset") => {
                for (url, range) in html::srcset_urls(attr) {
                    out.push(html_reference(RefKind::Image, url, range));
                }
                continue;
            }
            _ => continue,
        };
        let value = attr.value.trim();
        let range = if attr.verbatim && value.len() != attr.value.len() {
            let lead = attr.value.len() - attr.value.trim_start().len();
            attr.range.start + lead..attr.range.start + lead + value.len()
        } else {
            attr.range.clone()
        };
        out.push(html_reference(kind, value.to_string(), range));
    }
    out
}

fn html_reference(kind: RefKind, dest: String, span: Range<usize>) -> Reference {
    let has_liquid = crate::document::liquid::contains_liquid(&dest);
    Reference {
        kind,
        origin: Origin::Html,
        dest,
        span,
        has_liquid,
        literal: false,
    }
}

/// Image references in front matter under `keys` (dotted paths into mappings).
pub fn front_matter_images(root: &Node, text: &str, keys: &[String]) -> Vec<Reference> {
    let mut out = Vec::new();
    for key in keys {
        let mut node = Some(root);
        for part in key.split('.') {
            node = node.and_then(|n| n.get(part)).map(|(_, v)| v);
        }
        let Some(
            node @ Node {
                value: Value::Str(value),
                ..
            },
        ) = node
        else {
            continue;
        };
        if value.trim().is_empty() {
            continue;
        }
        let span = node.content_span(text);
        let has_liquid = crate::document::liquid::contains_liquid(value);
        out.push(Reference {
            kind: RefKind::Image,
            origin: Origin::FrontMatter,
            dest: value.clone(),
            literal: text.get(span.clone()) == Some(value.as_str()),
            span,
            has_liquid,
        });
    }
    out
}

/// The destination of a reference definition `[label]: <dest> "title"` within its span.
pub fn definition_destination(text: &str, def: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(def.clone())?;
    let colon = slice.find("]:")? + 2;
    let rest = slice.get(colon..)?;
    let lead = rest.len() - rest.trim_start().len();
    let start = def.start + colon + lead;
    let after = text.get(start..def.end)?;
    if let Some(inner) = after.strip_prefix('<') {
        let end = inner.find('>')?;
        return Some(start + 1..start + 1 + end);
    }
    let len = after
        .find(|c: char| c.is_whitespace())
        .unwrap_or(after.len());
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::body::Body;

    fn refs(text: &str) -> Vec<(RefKind, Origin, String, String)> {
        let body = Body::scan(text, 0..text.len());
        body.references
            .into_iter()
            .map(|r| (r.kind, r.origin, r.dest, text[r.span].to_string()))
            .collect()
    }

    fn link(dest: &str, span: &str) -> (RefKind, Origin, String, String) {
        (RefKind::Link, Origin::Markdown, dest.into(), span.into())
    }

    #[test]
    fn inline_links_and_images_point_at_their_destination() {
        let text = "람다 [이미지 리사이즈](/2016/05/13/image-resizing-with-lambda.html \"제목\")를 봤다.\n\n![캐시 *구조*](/assets/imgs/2016/캐시.png)\n\n[괄호](/a_(b)) [꺾쇠](<my page.html>) [빈]()\n";
        let found = refs(text);
        assert_eq!(
            found[0],
            link(
                "/2016/05/13/image-resizing-with-lambda.html",
                "/2016/05/13/image-resizing-with-lambda.html"
            )
        );
        assert_eq!(
            found[1],
            (
                RefKind::Image,
                Origin::Markdown,
                "/assets/imgs/2016/캐시.png".into(),
                "/assets/imgs/2016/캐시.png".into()
            )
        );
        assert_eq!(found[2], link("/a_(b)", "/a_(b)"));
        assert_eq!(found[3], link("my page.html", "my page.html"));
        assert_eq!(found[4], link("", ""));
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn nested_image_in_link_and_escapes() {
        let text = "[![배지](/badge.svg)](/about/)\n\n[a\\]b](/x\\_y.html)\n";
        let found = refs(text);
        assert_eq!(found[0].2, "/badge.svg");
        assert_eq!(found[1], link("/about/", "/about/"));
        assert_eq!(found[2], link("/x_y.html", "/x\\_y.html"));
    }

    #[test]
    fn reference_links_report_at_the_use_and_unused_definitions_at_the_definition() {
        let text = "[람다 글][lambda]와 [소개][]와 [lambda]\n\n[lambda]: /2016/05/13/x.html\n[소개]: </about me/>\n[unused]: /nowhere.html \"t\"\n";
        let found = refs(text);
        assert_eq!(found[0], link("/2016/05/13/x.html", "lambda"));
        assert_eq!(found[1], link("/about me/", "소개"));
        assert_eq!(found[2], link("/2016/05/13/x.html", "lambda"));
        assert_eq!(
            found[3],
            (
                RefKind::Link,
                Origin::UnusedDefinition,
                "/nowhere.html".into(),
                "/nowhere.html".into()
            )
        );
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn code_and_literal_liquid_blocks_yield_nothing() {
        let text = "`[a](/code)`\n\n```\n[b](/fence)\n```\n\n    [c](/indented)\n\n{% raw %}[d](/raw){% endraw %}\n\n{% highlight md %}\n[e](/hl)\n{% endhighlight %}\n\n{% comment %}[f](/c){% endcomment %}\n";
        assert!(refs(text).is_empty(), "{:?}", refs(text));
    }

    #[test]
    fn liquid_destinations_keep_the_text_as_written() {
        let text = "[글]({% post_url 2016-05-13-image-resizing-with-lambda %}) ![i]({{ site.baseurl }}/a.png)\n\n<img src=\"{{ '/b.png' | relative_url }}\">";
        let found = refs(text);
        assert_eq!(
            found[0].2,
            "{% post_url 2016-05-13-image-resizing-with-lambda %}"
        );
        assert_eq!(found[0].3, found[0].2);
        assert_eq!(found[1].2, "{{ site.baseurl }}/a.png");
        assert_eq!(found[2].2, "{{ '/b.png' | relative_url }}");
        let body = Body::scan(text, 0..text.len());
        assert!(body.references.iter().all(|r| r.has_liquid));
    }

    #[test]
    fn autolinks_and_html() {
        let text = "<https://blog.example.kr/about/> <me@example.kr>\n\n<div>\n<a href=\"/about/\">소개</a>\n<img src=\"/a.png\" srcset=\"/a.png 1x, /a@2x.png 2x\">\n</div>\n\n문장 <a href='../x.html'>x</a>.\n";
        let found = refs(text);
        let dests: Vec<(&str, &str)> = found.iter().map(|f| (f.2.as_str(), f.3.as_str())).collect();
        assert_eq!(
            dests,
            [
                (
                    "https://blog.example.kr/about/",
                    "https://blog.example.kr/about/"
                ),
                ("/about/", "/about/"),
                ("/a.png", "/a.png"),
                ("/a.png", "/a.png"),
                ("/a@2x.png", "/a@2x.png"),
                ("../x.html", "../x.html"),
            ]
        );
        assert_eq!(found[1].1, Origin::Html);
    }

    #[test]
    fn front_matter_image_keys() {
        let text = "image: /assets/캐시.png\nheader:\n  teaser: \"/assets/t.png\"\n  image: 7\n";
        let root = crate::document::yaml::parse(text).unwrap();
        let keys: Vec<String> = DEFAULT_IMAGE_KEYS.iter().map(|k| k.to_string()).collect();
        let found = front_matter_images(&root, text, &keys);
        let spans: Vec<&str> = found.iter().map(|r| &text[r.span.clone()]).collect();
        assert_eq!(spans, ["/assets/캐시.png", "/assets/t.png"]);
    }
}

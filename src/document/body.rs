//! One pass over a Markdown body: its Liquid, the URLs it points at, its headings and the ids
//! its raw HTML and footnotes define. Every range is bytes of the whole file.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::document::html;
use crate::document::links::{self, Collector, Origin, RefKind, Reference};
use crate::document::liquid::Liquid;
use crate::document::markdown;

/// A heading, with what kramdown needs to derive its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The content as written, between the `#` marks (Liquid masked): kramdown's `raw_text`,
    /// which `input: kramdown` derives ids from.
    pub raw: String,
    /// The text a reader sees (text and code spans, entities decoded, no markup): what
    /// Jekyll's default GFM input derives ids from.
    pub text: String,
    /// The same without code spans, for kramdown's `auto_id_stripping`.
    pub text_without_code: String,
    /// An id the author gave with `{#id}`.
    pub explicit_id: Option<String>,
    /// The whole heading.
    pub range: Range<usize>,
}

/// What the body of a document holds that links and anchors depend on.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Liquid tags and blocks.
    pub liquid: Liquid,
    /// URLs the body points at, in order.
    pub references: Vec<Reference>,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Ids the page gets besides heading ids: raw HTML `id`/`name`, footnotes (`fn:x`, `fnref:x`).
    /// `postlint check` computes the heading ids while reading, puts them first here and
    /// drops `headings`, which the index reads only for their ids.
    pub ids: Vec<String>,
    /// Prose a reader sees, for spelling: text of paragraphs, headings, lists, tables, link
    /// text and image alt text, never code, URLs, HTML or Liquid. Contiguous text is one range.
    /// `postlint check` empties it once spelling has run.
    pub prose: Vec<Range<usize>>,
    /// Inline suppression comments (`<!-- postlint-disable … -->`), in order.
    pub directives: Vec<super::directives::Directive>,
}

/// A heading being read.
struct OpenHeading {
    level: u8,
    explicit_id: Option<String>,
    range: Range<usize>,
    inner: Option<Range<usize>>,
    text: String,
    text_without_code: String,
}

impl Body {
    /// Scans the body `range` of the file `text`.
    pub fn scan(text: &str, range: Range<usize>) -> Body {
        let mut liquid = Liquid::scan(text, range.start);
        let masked_copy = liquid.take_masked();
        let masked = masked_copy.as_deref().unwrap_or(text);
        let body_text = masked.get(range.clone()).unwrap_or("");
        let mut collector = Collector::default();
        let mut headings = Vec::new();
        let mut heading: Option<OpenHeading> = None;
        let mut ids = Vec::new();
        let mut html_block: Option<Range<usize>> = None;
        let mut prose = Prose::default();
        let mut html_ranges = Vec::new();
        let mut parser = markdown::parser(body_text).into_offset_iter();
        for (event, r) in parser.by_ref() {
            let r = r.start + range.start..r.end + range.start;
            if liquid.in_literal_block(r.start) {
                continue;
            }
            if let Some(h) = heading.as_mut()
                && !matches!(event, Event::End(TagEnd::Heading(_)))
            {
                h.inner = Some(match h.inner.take() {
                    Some(i) => i.start.min(r.start)..i.end.max(r.end),
                    None => r.clone(),
                });
            }
            prose.event(&event, &r);
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                }) => collector.start(RefKind::Link, link_type, dest_url, id, r),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    id,
                    ..
                }) => collector.start(RefKind::Image, link_type, dest_url, id, r),
                Event::End(TagEnd::Link | TagEnd::Image) => collector.end(masked, text),
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some(OpenHeading {
                        level: level as u8,
                        explicit_id: id.map(|i| i.to_string()),
                        range: r,
                        inner: None,
                        text: String::new(),
                        text_without_code: String::new(),
                    });
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading.take() {
                        let raw = h
                            .inner
                            .and_then(|i| masked.get(i))
                            .unwrap_or("")
                            .to_string();
                        let explicit_id =
                            h.explicit_id.or_else(|| ial_id_after(masked, h.range.end));
                        headings.push(Heading {
                            level: h.level,
                            raw,
                            text: h.text,
                            text_without_code: h.text_without_code,
                            explicit_id,
                            range: h.range,
                        });
                    }
                }
                Event::Text(t) => {
                    if let Some(h) = heading.as_mut() {
                        h.text.push_str(&t);
                        h.text_without_code.push_str(&t);
                    }
                    collector.inner(&r);
                }
                Event::Code(t) => {
                    if let Some(h) = heading.as_mut() {
                        h.text.push_str(&t);
                    }
                    collector.inner(&r);
                }
                Event::Start(Tag::HtmlBlock) => html_block = Some(r),
                Event::Html(_) => {
                    html_block = Some(match html_block.take() {
                        Some(b) => b.start.min(r.start)..b.end.max(r.end),
                        None => r,
                    });
                }
                Event::End(TagEnd::HtmlBlock) => html_ranges.extend(html_block.take()),
                Event::InlineHtml(_) => {
                    collector.inner(&r);
                    html_ranges.push(r);
                }
                Event::FootnoteReference(label) => ids.push(format!("fnref:{label}")),
                Event::Start(Tag::FootnoteDefinition(label)) => ids.push(format!("fn:{label}")),
                _ => collector.inner(&r),
            }
        }
        let mut references = collector.references;
        let defs = parser.reference_definitions();
        // A definition's destination as written: the parser read the masked text, so Liquid
        // (`[1]: {{ site.repository }}/issues/1`) must be taken from the original.
        let written = |def_span: &Range<usize>| {
            let span = def_span.start + range.start..def_span.end + range.start;
            let dest_span = links::definition_destination(masked, span)?;
            let raw = text.get(dest_span.clone())?;
            Some((dest_span, raw.to_string()))
        };
        let mut used_spans: Vec<Range<usize>> = Vec::new();
        for (index, label) in &collector.by_label {
            let Some(def) = defs.get(label) else { continue };
            used_spans.push(def.span.clone());
            if let (Some(reference), Some((_, raw))) =
                (references.get_mut(*index), written(&def.span))
                && crate::document::liquid::contains_liquid(&raw)
            {
                reference.dest = raw;
                reference.has_liquid = true;
            }
        }
        let mut unused: Vec<Reference> = defs
            .iter()
            .filter(|(_, def)| !used_spans.contains(&def.span))
            .filter_map(|(_, def)| {
                let (span, raw) = written(&def.span)?;
                let has_liquid = crate::document::liquid::contains_liquid(&raw);
                Some(Reference {
                    kind: RefKind::Link,
                    origin: Origin::UnusedDefinition,
                    dest: if has_liquid {
                        raw
                    } else {
                        def.dest.to_string()
                    },
                    span,
                    has_liquid,
                    literal: false,
                })
            })
            .collect();
        // The parser's definitions come from a hash map: order them by position.
        unused.sort_by_key(|r| r.span.start);
        references.extend(unused);
        let directives = super::directives::scan(text, &html_ranges);
        for html_range in html_ranges {
            let attributes = html::attributes(masked, html_range);
            ids.extend(
                attributes
                    .iter()
                    .filter(|a| a.name == "id" || (a.name == "name" && a.tag == "a"))
                    .map(|a| a.value.clone()),
            );
            let mut found = links::html_references(&attributes);
            for r in &mut found {
                // The tokenizer read the masked text; Liquid must be read from the original.
                if let Some(written) = text.get(r.span.clone())
                    && crate::document::liquid::contains_liquid(written)
                {
                    r.dest = written.to_string();
                    r.has_liquid = true;
                }
            }
            references.extend(found);
        }
        references.sort_by_key(|r| r.span.start);
        for r in &mut references {
            r.literal = text.get(r.span.clone()) == Some(r.dest.as_str());
        }
        let mut prose = prose.without(&liquid);
        // Every document's body is kept until the report: no spare capacity.
        liquid.items.shrink_to_fit();
        references.shrink_to_fit();
        headings.shrink_to_fit();
        ids.shrink_to_fit();
        prose.shrink_to_fit();
        Body {
            liquid,
            references,
            headings,
            ids,
            prose,
            directives,
        }
    }
}

/// Gathers prose ranges from the event stream.
#[derive(Default)]
struct Prose {
    ranges: Vec<Range<usize>>,
    /// Inside a code block.
    code: bool,
    /// Nesting of links whose text is their URL (autolinks), whose text is not prose.
    url_text: Vec<bool>,
}

impl Prose {
    fn event(&mut self, event: &Event<'_>, r: &Range<usize>) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code = true,
            Event::End(TagEnd::CodeBlock) => self.code = false,
            Event::Start(Tag::Link { link_type, .. }) => self.url_text.push(matches!(
                link_type,
                pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
            )),
            Event::End(TagEnd::Link) => {
                self.url_text.pop();
            }
            Event::Text(_) if !self.code && !self.url_text.iter().any(|u| *u) => {
                match self.ranges.last_mut() {
                    Some(last) if last.end == r.start => last.end = r.end,
                    _ => self.ranges.push(r.clone()),
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(last) = self.ranges.last_mut()
                    && last.end == r.start
                {
                    last.end = r.end;
                }
            }
            _ => {}
        }
    }

    /// The ranges with every Liquid construct cut out.
    fn without(self, liquid: &Liquid) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(self.ranges.len());
        for range in self.ranges {
            let mut start = range.start;
            for item in liquid.overlapping(&range) {
                if item.range.start > start {
                    out.push(start..item.range.start);
                }
                start = start.max(item.range.end);
            }
            if start < range.end {
                out.push(start..range.end);
            }
        }
        out
    }
}

/// The id of a kramdown block attribute list (`{: #v1-0-0}`) on the line right after a block
/// that ends at `end`: kramdown gives it to that block.
fn ial_id_after(text: &str, end: usize) -> Option<String> {
    let rest = text.get(end..)?;
    // The block's range may or may not include its line break.
    let rest = if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\n') {
        rest
    } else {
        rest.strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest)
    };
    let line = rest.lines().next()?.trim();
    let inner = line.strip_prefix("{:")?.strip_suffix('}')?;
    inner
        .split_whitespace()
        .find_map(|token| token.strip_prefix('#'))
        .filter(|id| !id.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_raw_and_plain_text_and_explicit_ids() {
        let text = "---\ntitle: x\n---\n## 설치 방법\n\n### Use `code` and [링크](/x) {#custom}\n\nSetext *제목*\n---\n";
        let body = Body::scan(text, 17..text.len());
        let h: Vec<(&str, &str, Option<&str>)> = body
            .headings
            .iter()
            .map(|h| (h.raw.as_str(), h.text.as_str(), h.explicit_id.as_deref()))
            .collect();
        assert_eq!(
            h,
            [
                ("설치 방법", "설치 방법", None),
                (
                    "Use `code` and [링크](/x)",
                    "Use code and 링크",
                    Some("custom")
                ),
                ("Setext *제목*", "Setext 제목", None),
            ]
        );
        assert_eq!(body.headings[1].level, 3);
    }

    #[test]
    fn kramdown_attribute_lists_after_a_heading_give_its_id() {
        let text = "## 1.0.0 / 2013-05-06\n{: #v1-0-0}\n\n## 설치\r\n{:.note #설치-안내 }\n\n## 그냥\n\n{: #not-mine}\n";
        let body = Body::scan(text, 0..text.len());
        let ids: Vec<Option<&str>> = body
            .headings
            .iter()
            .map(|h| h.explicit_id.as_deref())
            .collect();
        assert_eq!(ids, [Some("v1-0-0"), Some("설치-안내"), None]);
    }

    #[test]
    fn liquid_in_reference_definitions_is_read_from_the_original() {
        let text = "[이슈][1349] [글][post]\n\n[1349]: {{ site.repository }}/issues/1349\n[post]: {% post_url 2013-05-06-jekyll-1-0-0-released %}\n";
        let body = Body::scan(text, 0..text.len());
        let dests: Vec<(&str, bool)> = body
            .references
            .iter()
            .map(|r| (r.dest.as_str(), r.has_liquid))
            .collect();
        assert_eq!(
            dests,
            [
                ("{{ site.repository }}/issues/1349", true),
                ("{% post_url 2013-05-06-jekyll-1-0-0-released %}", true)
            ]
        );
    }

    #[test]
    fn prose_is_text_readers_see_and_nothing_else() {
        let text = "# 캐쉬 *정리*\n\n문단의 캐쉬와\n다음 줄 [링크 글](/url/캐쉬) ![대체 글](/a.png) `코드 캐쉬` <b>태그</b> {{ site.캐쉬 }} 끝\n\n```\n코드 블록 캐쉬\n```\n\n<https://github.com/캐쉬>\n\n| 표 | 캐쉬 |\n|---|---|\n| 칸 | 값 |\n";
        let body = Body::scan(text, 0..text.len());
        let prose: Vec<&str> = body.prose.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            prose,
            [
                "캐쉬 ",
                "정리",
                "문단의 캐쉬와\n다음 줄 ",
                "링크 글",
                " ",
                "대체 글",
                " ",
                " ",
                "태그",
                " ",
                " 끝",
                "표",
                "캐쉬",
                "칸",
                "값",
            ]
        );
    }

    #[test]
    fn html_and_footnote_ids() {
        let text = "본문[^1]\n\n<a name=\"old\"></a><div id=\"캐시\">x</div>\n\n[^1]: 각주\n";
        let body = Body::scan(text, 0..text.len());
        assert_eq!(body.ids, ["fnref:1", "fn:1", "old", "캐시"]);
    }

    #[test]
    fn html_block_spanning_lines_with_liquid() {
        let text = "<figure>\n  <img\n    src=\"{{ site.baseurl }}/a.png\">\n</figure>\n";
        let body = Body::scan(text, 0..text.len());
        assert_eq!(body.references.len(), 1);
        assert_eq!(body.references[0].dest, "{{ site.baseurl }}/a.png");
        assert_eq!(
            &text[body.references[0].span.clone()],
            "{{ site.baseurl }}/a.png"
        );
    }
}

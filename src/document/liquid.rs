//! Liquid in a Markdown body, found without running it. Jekyll renders Liquid before Markdown,
//! so a link such as `[글]({% post_url 2016-05-13-image-resizing-with-lambda %})` only becomes a
//! link after Liquid has run. postlint does not run Liquid; instead it finds every tag and
//! output, and gives the Markdown parser a *masked* copy of the text with the same byte length:
//! tags that print something become `x…x` (so the surrounding link still parses, with its
//! destination exactly where the tag is), tags that only control flow become spaces, and
//! `{% comment %}` / `{% highlight %}` blocks become blank. Offsets in the masked copy are
//! offsets in the file.

use std::ops::Range;

/// True when `text` holds Liquid (`{{ … }}` or `{% … %}`) that must be rendered before the
/// text means anything as a URL.
pub fn contains_liquid(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// One piece of Liquid in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Bytes of the whole construct, delimiters included (`{% … %}`, `{{ … }}`).
    pub range: Range<usize>,
    /// What it is.
    pub kind: ItemKind,
}

/// The kinds of Liquid constructs postlint tells apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// `{{ expression }}`: prints a value.
    Output {
        /// The expression between the braces, trimmed.
        expr: String,
    },
    /// `{% name args %}`: a tag; `post_url` and `link` print URLs.
    Tag {
        /// The tag name (`post_url`, `link`, `include`, `if`, …).
        name: String,
        /// Everything after the name, trimmed.
        args: String,
        /// Bytes of `args` in the text, for precise diagnostics.
        args_range: Range<usize>,
    },
    /// `{% raw %}…{% endraw %}`: the text between is shown literally, never run.
    Raw {
        /// The literal text between the two tags.
        inner: Range<usize>,
    },
    /// `{% highlight lang %}…{% endhighlight %}`: a code block.
    Highlight,
    /// `{% comment %}…{% endcomment %}`: nothing is output.
    Comment,
}

impl ItemKind {
    /// Tags that print text where they stand (as opposed to control flow and assignments).
    fn prints(&self) -> bool {
        match self {
            ItemKind::Output { .. } => true,
            ItemKind::Tag { name, .. } => !matches!(
                name.as_str(),
                "if" | "elsif"
                    | "else"
                    | "endif"
                    | "unless"
                    | "endunless"
                    | "case"
                    | "when"
                    | "endcase"
                    | "for"
                    | "endfor"
                    | "break"
                    | "continue"
                    | "assign"
                    | "capture"
                    | "endcapture"
                    | "increment"
                    | "decrement"
                    | "tablerow"
                    | "endtablerow"
                    | "liquid"
                    | "endraw"
                    | "endcomment"
                    | "endhighlight"
            ),
            ItemKind::Raw { .. } | ItemKind::Highlight | ItemKind::Comment => false,
        }
    }
}

/// Every Liquid construct of a text, in order, and the masked copy for the Markdown parser.
#[derive(Debug, Clone, Default)]
pub struct Liquid {
    /// The constructs, sorted by position, never overlapping.
    pub items: Vec<Item>,
    /// The text with Liquid masked (same byte length), or `None` when the text has no Liquid.
    masked: Option<String>,
}

impl Liquid {
    /// Scans `text` for Liquid from byte `from` on (where the Markdown body starts: Jekyll
    /// does not render front matter).
    pub fn scan(text: &str, from: usize) -> Liquid {
        let items = scan_items(text, from);
        let masked = (!items.is_empty()).then(|| mask(text, &items));
        Liquid { items, masked }
    }

    /// The text the Markdown parser should see: `text` itself when there is no Liquid.
    pub fn masked<'a>(&'a self, text: &'a str) -> &'a str {
        self.masked.as_deref().unwrap_or(text)
    }

    /// Takes the masked copy out (`None` when the text has no Liquid), so it lives only as
    /// long as the parse that needs it: it is as large as the file.
    pub fn take_masked(&mut self) -> Option<String> {
        self.masked.take()
    }

    /// Liquid constructs overlapping `range`.
    pub fn overlapping(&self, range: &Range<usize>) -> impl Iterator<Item = &Item> {
        let first = self.items.partition_point(|i| i.range.end <= range.start);
        self.items
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |i| i.range.start < range.end)
    }

    /// True when `offset` lies in text that is not Markdown the reader sees as written:
    /// inside a `{% raw %}`, `{% highlight %}` or `{% comment %}` block.
    pub fn in_literal_block(&self, offset: usize) -> bool {
        self.overlapping(&(offset..offset.saturating_add(1)))
            .any(|i| !matches!(i.kind, ItemKind::Output { .. } | ItemKind::Tag { .. }))
    }
}

/// Finds the constructs. Unterminated delimiters end the scan: Liquid would refuse the page,
/// and nothing after them can be read reliably.
fn scan_items(text: &str, from: usize) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut pos = from;
    while let Some(found) = memchr::memchr(b'{', bytes.get(pos..).unwrap_or(&[])) {
        let start = pos + found;
        match bytes.get(start + 1) {
            Some(b'{') => {
                let Some(end) = find(text, start + 2, "}}") else {
                    break;
                };
                let expr = trim_liquid(text.get(start + 2..end).unwrap_or(""));
                items.push(Item {
                    range: start..end + 2,
                    kind: ItemKind::Output {
                        expr: expr.to_string(),
                    },
                });
                pos = end + 2;
            }
            Some(b'%') => {
                let Some(end) = find(text, start + 2, "%}") else {
                    break;
                };
                let inner_start = start + 2;
                let item = tag_item(text, start, inner_start..end);
                pos = item.range.end;
                items.push(item);
            }
            _ => pos = start + 1,
        }
    }
    items
}

/// A `{% … %}` tag at `start` whose inside is `inner`; block tags extend to their end tag.
fn tag_item(text: &str, start: usize, inner: Range<usize>) -> Item {
    let tag_end = inner.end + 2;
    let raw_inner = text.get(inner.clone()).unwrap_or("");
    let trimmed = trim_liquid(raw_inner);
    let name_len = trimmed
        .find(|c: char| c.is_whitespace())
        .unwrap_or(trimmed.len());
    let (name, args) = trimmed.split_at(name_len);
    let args = args.trim();
    let block_end = |end_name: &str| find_end_tag(text, tag_end, end_name);
    let kind = match name {
        "raw" => block_end("endraw").map(|(close_start, close_end)| {
            (
                ItemKind::Raw {
                    inner: tag_end..close_start,
                },
                close_end,
            )
        }),
        "comment" => block_end("endcomment").map(|(_, end)| (ItemKind::Comment, end)),
        "highlight" => block_end("endhighlight").map(|(_, end)| (ItemKind::Highlight, end)),
        _ => None,
    };
    if let Some((kind, end)) = kind {
        return Item {
            range: start..end,
            kind,
        };
    }
    let args_start = offset_in(text, args).unwrap_or(inner.end);
    Item {
        range: start..tag_end,
        kind: ItemKind::Tag {
            name: name.to_string(),
            args: args.to_string(),
            args_range: args_start..args_start + args.len(),
        },
    }
}

/// Finds `{% end_name %}` (with optional `-` trimming marks) from `from`; returns its range.
fn find_end_tag(text: &str, from: usize, end_name: &str) -> Option<(usize, usize)> {
    let mut pos = from;
    loop {
        let open = find(text, pos, "{%")?;
        let close = find(text, open + 2, "%}")?;
        if trim_liquid(text.get(open + 2..close).unwrap_or("")) == end_name {
            return Some((open, close + 2));
        }
        pos = close + 2;
    }
}

/// Byte position of `needle` in `text` at or after `from`.
fn find(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes().get(from..)?;
    memchr::memmem::find(hay, needle.as_bytes()).map(|i| i + from)
}

/// The inside of a tag without whitespace-control dashes and surrounding space.
fn trim_liquid(inner: &str) -> &str {
    let t = inner.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    let t = t.strip_suffix('-').unwrap_or(t);
    t.trim()
}

/// Where `part` (a subslice of `text`) starts in `text`.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + part.len() <= text.len()).then_some(start)
}

/// The masked copy: printing constructs become `x`, the rest blanks; line breaks stay so the
/// Markdown block structure and line numbers do not move. Raw blocks keep their inner text.
fn mask(text: &str, items: &[Item]) -> String {
    // Built as a `String` from the text's own slices and ASCII, so it needs no second UTF-8
    // check; a construct not on character boundaries (never made by the scanner) leaves the
    // text unmasked rather than panicking.
    masked_copy(text, items).unwrap_or_else(|| text.to_string())
}

fn masked_copy(text: &str, items: &[Item]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for item in items {
        let start = item.range.start.max(at);
        let end = item.range.end.min(text.len()).max(start);
        out.push_str(text.get(at..start)?);
        let fill = if item.kind.prints() { 'x' } else { ' ' };
        let keep = match &item.kind {
            ItemKind::Raw { inner } => inner.start.clamp(start, end)..inner.end.clamp(start, end),
            _ => end..end,
        };
        blank(&mut out, text.get(start..keep.start)?, fill);
        out.push_str(text.get(keep.clone())?);
        blank(&mut out, text.get(keep.end.max(keep.start)..end)?, fill);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Appends `part` with every character but line breaks replaced by `fill`, byte for byte.
fn blank(out: &mut String, part: &str, fill: char) {
    for c in part.chars() {
        match c {
            '\n' | '\r' => out.push(c),
            _ => out.extend(std::iter::repeat_n(fill, c.len_utf8())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_url_in_a_link_keeps_the_link_parseable_and_the_same_length() {
        let text = "람다 [포스팅]({% post_url 2016-05-13-image-resizing-with-lambda %})을 보세요";
        let liquid = Liquid::scan(text, 0);
        let masked = liquid.masked(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("[포스팅](xxxxxxxx"), "{masked}");
        let [item] = liquid.items.as_slice() else {
            panic!("{:?}", liquid.items)
        };
        assert_eq!(
            &text[item.range.clone()],
            "{% post_url 2016-05-13-image-resizing-with-lambda %}"
        );
        match &item.kind {
            ItemKind::Tag {
                name,
                args,
                args_range,
            } => {
                assert_eq!(name, "post_url");
                assert_eq!(args, "2016-05-13-image-resizing-with-lambda");
                assert_eq!(&text[args_range.clone()], args);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn outputs_and_trimming_marks() {
        let text = "![그림]({{- site.baseurl -}}/assets/imgs/캐시.png)";
        let liquid = Liquid::scan(text, 0);
        assert_eq!(
            liquid.items[0].kind,
            ItemKind::Output {
                expr: "site.baseurl".into()
            }
        );
        assert_eq!(
            liquid.masked(text),
            "![그림](xxxxxxxxxxxxxxxxxxxx/assets/imgs/캐시.png)"
        );
    }

    #[test]
    fn raw_comment_and_highlight_blocks() {
        let text = "a {% raw %}[x]({{ y }}){% endraw %} b\n{% comment %}\n[c](/c){% endcomment %}\n{% highlight ruby %}\n# not a heading\n{% endhighlight %}\nend";
        let liquid = Liquid::scan(text, 0);
        let kinds: Vec<&ItemKind> = liquid.items.iter().map(|i| &i.kind).collect();
        assert!(
            matches!(kinds[0], ItemKind::Raw { inner } if &text[inner.clone()] == "[x]({{ y }})")
        );
        assert_eq!(kinds[1], &ItemKind::Comment);
        assert_eq!(kinds[2], &ItemKind::Highlight);
        let masked = liquid.masked(text);
        let raw_line = format!("a {}[x]({{{{ y }}}}){} b\n", " ".repeat(9), " ".repeat(12));
        assert!(masked.starts_with(&raw_line), "{masked}");
        assert!(!masked.contains("[c]") && !masked.contains("# not"));
        assert!(masked.ends_with("\nend"));
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(liquid.in_literal_block(text.find("[x]").unwrap()));
        assert!(!liquid.in_literal_block(text.rfind("end").unwrap()));
    }

    #[test]
    fn control_flow_becomes_blank_and_unterminated_stops() {
        let text = "{% if site.x %}\n캐쉬\n{% endif %}\n{{ broken";
        let liquid = Liquid::scan(text, 0);
        assert_eq!(liquid.items.len(), 2);
        assert_eq!(
            liquid.masked(text),
            "               \n캐쉬\n           \n{{ broken"
        );
        assert!(Liquid::scan("no liquid { here }", 0).items.is_empty());
        assert!(Liquid::scan("{% raw %} never closed", 0).items.len() == 1);
    }

    #[test]
    fn hangul_inside_a_construct_is_masked_byte_for_byte() {
        let text = "앞 {{ \"캐쉬\" | 아키텍쳐 }}\r\n{% comment %}설명\r\n{% endcomment %}뒤";
        let masked = Liquid::scan(text, 0).masked(text).to_string();
        assert_eq!(masked.len(), text.len());
        let printed = "x".repeat(text.find("\r\n").unwrap() - "앞 ".len());
        assert!(
            masked.starts_with(&format!("앞 {printed}\r\n")),
            "{masked:?}"
        );
        assert!(
            masked.ends_with(&format!("\r\n{}뒤", " ".repeat("{% endcomment %}".len()))),
            "{masked:?}"
        );
        assert!(!masked.contains("설명") && !masked.contains("캐쉬"));
    }
}

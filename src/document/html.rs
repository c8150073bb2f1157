//! Attributes of raw HTML inside Markdown, with the exact bytes of each value, read by the
//! WHATWG tokenizer html5gum (quotes, entities and odd spacing are its problem, not ours).

use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The tag name, lower-cased by the tokenizer (`a`, `img`).
    pub tag: String,
    /// The attribute name, lower-cased (`href`, `src`, `srcset`, `id`).
    pub name: String,
    /// The value with character references decoded (`&amp;` is `&`).
    pub value: String,
    /// Bytes of the value as written, without quotes, in file coordinates.
    pub range: Range<usize>,
    /// True when the written bytes equal `value` (no character references), so parts of the
    /// value can be located by offset.
    pub verbatim: bool,
}

/// Every attribute with a value of every start tag in `html`, which starts at byte `base` of
/// a file whose text is `file`.
pub fn attributes(file: &str, html: Range<usize>) -> Vec<Attribute> {
    let Some(source) = file.get(html.clone()) else {
        return Vec::new();
    };
    let base = html.start;
    let mut out = Vec::new();
    let mut tag = String::new();
    let mut name = String::new();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        match event {
            CallbackEvent::OpenStartTag { name: tag_name } => {
                tag = String::from_utf8_lossy(tag_name).into_owned();
                name.clear();
            }
            CallbackEvent::AttributeName { name: attr } => {
                name = String::from_utf8_lossy(attr).into_owned();
            }
            CallbackEvent::AttributeValue { value } if !name.is_empty() => {
                let value = String::from_utf8_lossy(value).into_owned();
                let range = span.start + base..span.end + base;
                let verbatim = file.get(range.clone()) == Some(value.as_str());
                out.push(Attribute {
                    tag: tag.clone(),
                    name: name.clone(),
                    value,
                    range,
                    verbatim,
                });
            }
            _ => {}
        }
        None::<()>
    });
    // The tokenizer recovers from any input; errors are only reported as tokens we ignore.
    for _ in Tokenizer::new_with_emitter(source, emitter).flatten() {}
    out
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`), each with its bytes in the file when
/// the value was written without character references.
pub fn srcset_urls(attr: &Attribute) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for candidate in attr.value.split(',') {
        let leading = candidate.len() - candidate.trim_start().len();
        let url = candidate.split_whitespace().next().unwrap_or("");
        if !url.is_empty() {
            let start = attr.range.start + offset + leading;
            let range = if attr.verbatim {
                start..start + url.len()
            } else {
                attr.range.clone()
            };
            out.push((url.to_string(), range));
        }
        offset += candidate.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_exact_bytes_with_hangul_around() {
        let file =
            "캐시 <img alt=\"캐시 구조\" src='/assets/imgs/캐시.png'> 와 <a href=/about/>소개</a>";
        let attrs = attributes(file, 0..file.len());
        let src = attrs.iter().find(|a| a.name == "src").unwrap();
        assert_eq!(src.tag, "img");
        assert_eq!(&file[src.range.clone()], "/assets/imgs/캐시.png");
        let href = attrs.iter().find(|a| a.name == "href").unwrap();
        assert_eq!(&file[href.range.clone()], "/about/");
        assert!(href.verbatim);
    }

    #[test]
    fn entities_are_decoded_and_the_whole_value_is_the_span() {
        let file = "<a HREF=\"/search?a=1&amp;b=2\">x</a>";
        let attrs = attributes(file, 0..file.len());
        assert_eq!(attrs[0].name, "href");
        assert_eq!(attrs[0].value, "/search?a=1&b=2");
        assert!(!attrs[0].verbatim);
        assert_eq!(&file[attrs[0].range.clone()], "/search?a=1&amp;b=2");
    }

    #[test]
    fn srcset_candidates() {
        let file = "<img srcset=\"/a.png 1x, /이미지/b.png 2x,/c.png\">";
        let attrs = attributes(file, 0..file.len());
        let urls: Vec<(String, &str)> = srcset_urls(&attrs[0])
            .into_iter()
            .map(|(u, r)| (u, &file[r]))
            .collect();
        assert_eq!(
            urls,
            [
                ("/a.png".to_string(), "/a.png"),
                ("/이미지/b.png".to_string(), "/이미지/b.png"),
                ("/c.png".to_string(), "/c.png"),
            ]
        );
    }

    #[test]
    fn a_range_inside_a_larger_file() {
        let file = "앞 <a href=\"/x\">";
        let start = file.find('<').unwrap();
        let attrs = attributes(file, start..file.len());
        assert_eq!(&file[attrs[0].range.clone()], "/x");
        assert!(attributes(file, 0..1).is_empty(), "not a char boundary");
    }
}

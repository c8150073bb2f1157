//! The ids kramdown gives headings, as Jekyll configures it (verified with Jekyll 4.3.1,
//! kramdown 2.4 and kramdown-parser-gfm 1.1). With Jekyll's default `input: GFM`, ids come from
//! the rendered text and keep every letter (`## 설치 방법` is `#설치-방법`); with
//! `input: kramdown`, they come from the raw Markdown, only ASCII letters, digits, spaces and
//! dashes survive, and a heading with none of them is `section`, `section-1`, ….

use std::collections::HashMap;

use crate::document::body::Heading;
use crate::site::jekyll::HeadingIds;

/// Every id a page's headings get, in order (explicit `{#id}`s included).
pub fn heading_ids(headings: &[Heading], style: &HeadingIds) -> Vec<String> {
    let mut counter: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(headings.len());
    for heading in headings {
        if let Some(id) = &heading.explicit_id {
            out.push(id.clone());
            continue;
        }
        if !style.auto {
            continue;
        }
        let base = if style.gfm {
            gfm_id(&heading.text)
        } else if style.stripping {
            kramdown_id(&heading.text_without_code)
        } else {
            kramdown_id(&heading.raw)
        };
        // kramdown-parser-gfm gives a heading of punctuation alone an empty id, which kramdown
        // leaves out unless a prefix makes it non-empty.
        if base.is_empty() && style.prefix.is_empty() {
            continue;
        }
        let seen = counter.entry(base.clone()).or_insert(0);
        let id = if *seen == 0 {
            base
        } else {
            format!("{base}-{seen}")
        };
        *seen += 1;
        out.push(if style.prefix.is_empty() {
            id
        } else {
            format!("{}{id}", style.prefix)
        });
    }
    out
}

/// kramdown-parser-gfm's `generate_gfm_header_id`: lower-case, drop everything but word
/// characters (letters, marks, digits, `_`), `-`, spaces and tabs, then spaces become `-`.
pub fn gfm_id(raw: &str) -> String {
    let lower = raw.to_lowercase();
    let mut id = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            ' ' | '\t' | '-' => id.push('-'),
            c if is_word(c) => id.push(c),
            _ => {}
        }
    }
    id
}

/// kramdown's `basic_generate_id`: drop everything before the first ASCII letter, keep ASCII
/// letters, digits, spaces and dashes, spaces become `-`, lower-case; empty is `section`.
pub fn kramdown_id(raw: &str) -> String {
    let from_letter = raw
        .find(|c: char| c.is_ascii_alphabetic())
        .and_then(|i| raw.get(i..))
        .unwrap_or("");
    let id: String = from_letter
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if id.is_empty() { "section".into() } else { id }
}

/// Ruby's `\p{Word}`: letters, marks, decimal numbers and connector punctuation. ASCII and
/// Hangul syllables (all letters) are answered before the Unicode tables, which cost a
/// search per character: on a Korean blog's headings that search was most of the index.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
        || c.is_alphanumeric()
        || is_mark(c)
        || c == '\u{203f}'
        || c == '\u{2040}'
}

/// Combining marks common in real text (Hangul jamo compose into letters, so they are rare).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}' | '\u{3099}' | '\u{309a}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(raw: &str, explicit: Option<&str>) -> Heading {
        Heading {
            level: 2,
            raw: raw.into(),
            text: raw.into(),
            text_without_code: raw.into(),
            explicit_id: explicit.map(str::to_string),
            range: 0..0,
        }
    }

    #[test]
    fn gfm_ids_keep_hangul() {
        let cases = [
            ("설치 방법", "설치-방법"),
            ("AWS Summit 2016 참관 후기", "aws-summit-2016-참관-후기"),
            ("Hello, World!", "hello-world"),
            ("1. Intro", "1-intro"),
            ("C++ & Rust", "c--rust"),
            ("ElastiCache (Redis)", "elasticache-redis"),
            ("Use `code` here", "use-code-here"),
            ("snake_case", "snake_case"),
        ];
        for (raw, want) in cases {
            assert_eq!(gfm_id(raw), want, "{raw}");
        }
    }

    #[test]
    fn word_characters_are_unicode_word_characters_for_every_char() {
        let slow = |c: char| {
            c.is_alphanumeric() || c == '_' || is_mark(c) || c == '\u{203f}' || c == '\u{2040}'
        };
        let differ: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| is_word(c) != slow(c))
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
    }

    #[test]
    fn kramdown_ids_drop_non_ascii() {
        let cases = [
            ("설치 방법", "section"),
            ("AWS Summit 2016 참관 후기", "aws-summit-2016--"),
            ("1. Intro", "intro"),
            ("Hello, World!", "hello-world"),
        ];
        for (raw, want) in cases {
            assert_eq!(kramdown_id(raw), want, "{raw}");
        }
    }

    #[test]
    fn gfm_uses_rendered_text_and_kramdown_the_raw_markdown() {
        // Headings from Jekyll 4.3.1's output: `## A [link](http://example.com) inside` and
        // ``## Use `jekyll build` now``.
        let text = "## A [link](http://example.com) inside\n\n## Use `jekyll build` now\n\n## &amp; entity &copy; 2016\n";
        let body = crate::document::body::Body::scan(text, 0..text.len());
        let ids = |style: &HeadingIds| heading_ids(&body.headings, style);
        assert_eq!(
            ids(&HeadingIds::default()),
            ["a-link-inside", "use-jekyll-build-now", "-entity--2016"]
        );
        let kramdown = HeadingIds {
            gfm: false,
            ..HeadingIds::default()
        };
        assert_eq!(
            ids(&kramdown),
            [
                "a-linkhttpexamplecom-inside",
                "use-jekyll-build-now",
                "amp-entity-copy-2016"
            ]
        );
        let stripping = HeadingIds {
            gfm: false,
            stripping: true,
            ..HeadingIds::default()
        };
        assert_eq!(
            ids(&stripping),
            ["a-link-inside", "use--now", "entity--2016"]
        );
    }

    #[test]
    fn duplicates_are_numbered_and_explicit_ids_win() {
        let headings = [
            heading("설치", None),
            heading("설치", None),
            heading("설치", Some("install")),
            heading("설치", None),
            heading("!!!", None),
        ];
        let gfm = HeadingIds::default();
        assert_eq!(
            heading_ids(&headings, &gfm),
            ["설치", "설치-1", "install", "설치-2"]
        );
        let kramdown = HeadingIds {
            gfm: false,
            auto: true,
            prefix: "h-".into(),
            stripping: false,
        };
        assert_eq!(
            heading_ids(&headings, &kramdown),
            [
                "h-section",
                "h-section-1",
                "install",
                "h-section-2",
                "h-section-3"
            ]
        );
        let off = HeadingIds {
            auto: false,
            ..HeadingIds::default()
        };
        assert_eq!(heading_ids(&headings, &off), ["install"]);
    }
}

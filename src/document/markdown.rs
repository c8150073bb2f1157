//! The Markdown body as pulldown-cmark events with byte ranges of the whole file.

use pulldown_cmark::{Options, Parser};

/// The extensions Jekyll's kramdown (GFM input) renders and our checks must see; heading
/// attributes are kramdown's `{#id}`.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parser over `body` with postlint's options; ranges are relative to `body`.
pub fn parser(body: &str) -> Parser<'_> {
    Parser::new_ext(body, options())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Tag};
    use std::ops::Range;

    /// Events of `body` (at byte `base` of its file) with file offsets.
    fn events(body: &str, base: usize) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
        parser(body)
            .into_offset_iter()
            .map(move |(event, range)| (event, range.start + base..range.end + base))
    }

    #[test]
    fn link_ranges_are_file_offsets_with_hangul_before_them() {
        let front = "---\ntitle: 람다\n---\n";
        let body = "우연찮게 [람다 포스팅](/2016/05/13/image-resizing-with-lambda.html)을 썼다.\n\n| 표 | 값 |\n|---|---|\n| 캐쉬 | ~~x~~ |\n";
        let text = format!("{front}{body}");
        let links: Vec<Range<usize>> = events(body, front.len())
            .filter_map(|(e, r)| matches!(e, Event::Start(Tag::Link { .. })).then_some(r))
            .collect();
        assert_eq!(links.len(), 1);
        assert_eq!(
            &text[links[0].clone()],
            "[람다 포스팅](/2016/05/13/image-resizing-with-lambda.html)"
        );
        let has_table =
            events(body, front.len()).any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))));
        let has_strike =
            events(body, front.len()).any(|(e, _)| matches!(e, Event::Start(Tag::Strikethrough)));
        assert!(has_table && has_strike);
    }
}

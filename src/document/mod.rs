//! A checked file: its text, front matter and Markdown body, each with exact byte ranges.

pub mod line_index;
pub mod yaml;

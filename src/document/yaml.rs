//! YAML front matter as a tree of values that remember their exact bytes, parsed with
//! serde-saphyr under its budgets (alias bombs and deep nesting fail fast instead of hanging).

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::options::DuplicateKeyPolicy;
use serde_saphyr::{Budget, Options, Spanned};

/// A YAML value with the byte range it came from (relative to the parsed text).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value, with nested nodes for collections.
    pub value: Value,
    /// Bytes of the node in the parsed text (for a quoted scalar, including the quotes).
    pub span: Range<usize>,
}

/// The YAML data model as front matter uses it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Any other scalar, quoted or not.
    Str(String),
    /// `[a, b]` or a block list.
    Seq(Vec<Node>),
    /// A mapping, in source order; duplicate keys are kept so checks can report them.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML type's name as users write it in `types:` and read it in messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "list",
            Value::Map(_) => "map",
        }
    }

    /// The scalar as text, for comparing with `allowed` values and `patterns`.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

impl Node {
    /// Entries of a mapping node; empty for anything else.
    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The bytes of a string scalar's content in `text` (the text its spans index): without
    /// the quotes of a quoted scalar, without the `|`/`>` line of a block scalar.
    pub fn content_span(&self, text: &str) -> Range<usize> {
        let span = self.span.clone();
        let written = text.get(span.clone()).unwrap_or("");
        match written.chars().next() {
            Some(q @ ('\'' | '"')) if written.len() >= 2 && written.ends_with(q) => {
                span.start + 1..span.end - 1
            }
            Some('|' | '>') => match written.find('\n') {
                Some(i) => span.start + i + 1..span.end,
                None => span,
            },
            _ => span,
        }
    }

    /// The first entry whose key is the string `key`.
    pub fn get(&self, key: &str) -> Option<&(Node, Node)> {
        self.entries()
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
    }
}

/// A YAML text that could not be parsed, with where it went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// The parser's message, without a rendered snippet.
    pub message: String,
    /// Bytes at fault in the parsed text (often empty: a point).
    pub span: Range<usize>,
}

/// Parses one YAML document. Duplicate keys are kept (the caller reports them); aliases,
/// anchors, nesting and events are capped by serde-saphyr's budget.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            span: 0..0,
        });
    }
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    options.non_finite_float_policy = serde_saphyr::options::NonFiniteFloatPolicy::PassThrough;
    options.budget = Some(front_matter_budget());
    options.alias_limits.max_total_replayed_events = 20_000;
    options.alias_limits.max_alias_expansions_per_anchor = 1_000;
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|err| {
        let span = error_span(text, &err);
        YamlError {
            message: plain_message(&err),
            span,
        }
    })
}

/// Front matter is a handful of keys: far smaller limits than serde-saphyr's defaults keep a
/// hostile header from costing more than a few milliseconds.
fn front_matter_budget() -> Budget {
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 64;
    budget
}

/// The bytes an error points at; the end of the text when the error has no location.
pub fn error_span(text: &str, err: &serde_saphyr::Error) -> Range<usize> {
    err.location()
        .and_then(|loc| byte_range(text, &loc))
        .unwrap_or(text.len()..text.len())
}

/// The bytes of a location; the end of the text when unknown.
pub fn location_span(text: &str, loc: &serde_saphyr::Location) -> Range<usize> {
    byte_range(text, loc).unwrap_or(text.len()..text.len())
}

/// The parser's message without the position suffix (spans carry the position).
pub fn plain_message(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    // The rendered error may end with " at line X column Y"; the span carries that already.
    let first = text.lines().next().unwrap_or("invalid YAML").trim();
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

/// The bytes of an error location. Parser errors carry only character offsets, so those are
/// converted; node locations carry bytes directly.
fn byte_range(text: &str, loc: &serde_saphyr::Location) -> Option<Range<usize>> {
    let span = loc.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        if end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end) {
            return Some(start..end);
        }
    }
    let chars = usize::try_from(span.offset()).ok()?;
    let len = usize::try_from(span.len()).ok()?;
    let mut boundaries = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let start = boundaries.nth(chars)?;
    let end = if len == 0 {
        start
    } else {
        boundaries.nth(len - 1).unwrap_or(text.len())
    };
    Some(start..end)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let start = span.byte_offset().and_then(|o| usize::try_from(o).ok());
        let len = span.byte_len().and_then(|o| usize::try_from(o).ok());
        let span = match (start, len) {
            (Some(s), Some(l)) => s..s.saturating_add(l),
            _ => 0..0,
        };
        Ok(Node {
            value: spanned.value,
            span,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Node, Node>()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.span.clone()]
    }

    #[test]
    fn keys_and_values_keep_exact_bytes_with_hangul() {
        let text = "title: 'AWS Summit 2016 참관 후기'\nsummary: 코엑스에서 열린 AWS Submit 2016\ntags: [aws, 람다]\n";
        let root = parse(text).unwrap();
        let (k, v) = root.get("summary").unwrap();
        assert_eq!(slice(text, k), "summary");
        assert_eq!(slice(text, v), "코엑스에서 열린 AWS Submit 2016");
        let (_, title) = root.get("title").unwrap();
        assert_eq!(slice(text, title), "'AWS Summit 2016 참관 후기'");
        let (_, tags) = root.get("tags").unwrap();
        match &tags.value {
            Value::Seq(items) => assert_eq!(slice(text, &items[1]), "람다"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn scalars_get_yaml_types() {
        let text = "a: 1\nb: true\nc: 1.5\nd: ~\ne: \"1\"\nf: 2016-05-18\n";
        let root = parse(text).unwrap();
        let types: Vec<&str> = root
            .entries()
            .iter()
            .map(|(_, v)| v.value.type_name())
            .collect();
        assert_eq!(
            types,
            ["integer", "bool", "number", "null", "string", "string"]
        );
    }

    #[test]
    fn duplicate_keys_are_kept_in_order() {
        let text = "title: a\ntags: [x]\ntitle: b\n";
        let root = parse(text).unwrap();
        let keys: Vec<&str> = root.entries().iter().map(|(k, _)| slice(text, k)).collect();
        assert_eq!(keys, ["title", "tags", "title"]);
        assert_eq!(root.entries()[2].0.span, 19..24);
    }

    #[test]
    fn syntax_error_points_into_the_text() {
        let text = "title: 'AWS 캐쉬\nlayout: post\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.message, "unclosed quote");
        assert_eq!(&text[err.span.clone()], "'", "{err:?}");
        let text = "summary: 캐쉬 요약\ntitle: a: b\n";
        let err = parse(text).unwrap_err();
        assert_eq!(
            err.message,
            "mapping values are not allowed in this context"
        );
        assert_eq!(err.span.start, text.find("a: b").unwrap() + 1, "{err:?}");
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let started = std::time::Instant::now();
        let err = parse(&text).unwrap_err();
        assert!(
            started.elapsed().as_secs() < 10,
            "budget did not stop the bomb"
        );
        assert!(!err.message.is_empty());
    }

    #[test]
    fn empty_front_matter_is_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("  \n").unwrap().value, Value::Null);
    }
}

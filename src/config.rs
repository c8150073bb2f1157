//! `.postlint.yml`: the model, loading, and validation that points at the exact place of a
//! mistake. A broken configuration stops the run (exit 2) rather than silently checking less.

use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use miette::{NamedSource, SourceSpan};
use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::checks;
use crate::diagnostic::Severity;
use crate::document::DocKind;

/// The configuration file postlint looks for at the site root.
pub const FILE_NAME: &str = ".postlint.yml";

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Front-matter scopes in file order; later scopes add to earlier ones.
    pub front_matter: Vec<Scope>,
    /// Re-levelled or disabled rules.
    pub severity: SeverityOverrides,
    /// Globs (relative to the site root) postlint skips in addition to Jekyll's `exclude`.
    pub ignore: Vec<String>,
    /// Files larger than this many bytes are skipped with `file/too-large`.
    pub max_file_size: u64,
    /// `links:` settings.
    pub links: LinkSettings,
    /// `spelling:` settings.
    pub spelling: SpellingSettings,
}

/// Spelling settings (`spelling:` in `.postlint.yml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellingSettings {
    /// The team's own rule files, relative to the site root, added to the shipped sets.
    pub rule_files: Vec<String>,
    /// Words the team prefers: never reported, whatever rule lists them.
    pub allow: Vec<String>,
    /// Front-matter keys whose values are prose.
    pub prose_keys: Vec<String>,
}

impl Default for SpellingSettings {
    fn default() -> Self {
        SpellingSettings {
            rule_files: Vec::new(),
            allow: Vec::new(),
            prose_keys: crate::spelling::DEFAULT_PROSE_KEYS
                .iter()
                .map(|k| k.to_string())
                .collect(),
        }
    }
}

/// How links and images are found (`links:` in `.postlint.yml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSettings {
    /// Front-matter keys whose values are images; dotted keys reach into mappings
    /// (`header.image`). Defaults to the keys popular themes use.
    pub image_keys: Vec<String>,
}

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings {
            image_keys: crate::document::links::DEFAULT_IMAGE_KEYS
                .iter()
                .map(|k| k.to_string())
                .collect(),
        }
    }
}

impl Default for Config {
    /// With no configuration file, posts need a `title`, like most Jekyll themes expect.
    fn default() -> Self {
        Config {
            front_matter: vec![Scope {
                path: None,
                doc_type: Some("posts".into()),
                required: vec!["title".into()],
                types: Vec::new(),
                allowed: Vec::new(),
                patterns: Vec::new(),
            }],
            severity: SeverityOverrides::default(),
            ignore: Vec::new(),
            max_file_size: crate::document::load::DEFAULT_MAX_FILE_SIZE,
            links: LinkSettings::default(),
            spelling: SpellingSettings::default(),
        }
    }
}

/// One entry of `front_matter:`: which documents it applies to and what it demands of them.
#[derive(Debug, Clone)]
pub struct Scope {
    /// `scope.path`: a path prefix or glob relative to the site root.
    pub path: Option<ScopePath>,
    /// `scope.type`: `posts`, `pages`, `drafts` or a collection name.
    pub doc_type: Option<String>,
    /// Keys that must be present.
    pub required: Vec<String>,
    /// Expected value types per key.
    pub types: Vec<(String, ValueType)>,
    /// Allowed values per key.
    pub allowed: Vec<(String, Vec<String>)>,
    /// Regular expressions values must match, per key.
    pub patterns: Vec<(String, Regex)>,
}

/// A Jekyll `defaults` path: a prefix of the relative path, or a glob when it has wildcards.
#[derive(Debug, Clone)]
pub enum ScopePath {
    /// Matches the folder or file and everything under it.
    Prefix(String),
    /// Matches paths the glob matches.
    Glob(GlobMatcher),
}

impl ScopePath {
    /// A scope path as written: a glob when it has wildcards, else a prefix; surrounding `/`
    /// are ignored, as Jekyll does.
    pub fn parse(written: &str) -> Result<ScopePath, globset::Error> {
        let value = written.trim_matches('/').to_string();
        if value.contains(['*', '?', '[', '{']) {
            Ok(ScopePath::Glob(Glob::new(&value)?.compile_matcher()))
        } else {
            Ok(ScopePath::Prefix(value))
        }
    }
}

/// The types `types:` can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// Any scalar written as text (quoted, or plain and not a number, bool or null).
    String,
    /// A YAML sequence.
    List,
    /// A YAML mapping.
    Map,
    /// `true` or `false`.
    Bool,
    /// A date Jekyll can parse: `YYYY-MM-DD` with optional time and offset.
    Date,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
}

impl ValueType {
    /// The name users write in `types:`.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::List => "list",
            ValueType::Map => "map",
            ValueType::Bool => "bool",
            ValueType::Date => "date",
            ValueType::Integer => "integer",
            ValueType::Number => "number",
        }
    }
}

/// What front matter must hold for one document: all matching scopes merged in file order.
#[derive(Debug, Default)]
pub struct FrontMatterRules<'a> {
    /// Union of `required` keys, first mention first.
    pub required: Vec<&'a str>,
    /// Per key, the type from the last scope that names it.
    pub types: Vec<(&'a str, ValueType)>,
    /// Per key, the allowed values from the last scope that names it.
    pub allowed: Vec<(&'a str, &'a [String])>,
    /// Per key, the pattern from the last scope that names it.
    pub patterns: Vec<(&'a str, &'a Regex)>,
}

impl Config {
    /// The merged front-matter rules for a document at `rel_path` of kind `kind`.
    pub fn front_matter_rules(&self, rel_path: &str, kind: &DocKind) -> FrontMatterRules<'_> {
        let mut rules = FrontMatterRules::default();
        for scope in self
            .front_matter
            .iter()
            .filter(|s| s.applies(rel_path, kind))
        {
            for key in &scope.required {
                if !rules.required.contains(&key.as_str()) {
                    rules.required.push(key);
                }
            }
            for (key, ty) in &scope.types {
                upsert(&mut rules.types, key, *ty);
            }
            for (key, values) in &scope.allowed {
                upsert(&mut rules.allowed, key, values.as_slice());
            }
            for (key, re) in &scope.patterns {
                upsert(&mut rules.patterns, key, re);
            }
        }
        rules
    }

    /// Loads the configuration: `explicit` if given, else `.postlint.yml` at `root`, else the
    /// defaults.
    pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Config, Box<ConfigError>> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = root.join(FILE_NAME);
                if !p.exists() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Box::new(ConfigError {
                message: format!("cannot read {}: {e}", path.display()),
                help: None,
                src: NamedSource::new(path.display().to_string(), String::new()),
                span: None,
            })
        })?;
        Config::parse(&path, &text)
    }

    /// Parses and validates configuration text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Box<ConfigError>> {
        let error = |span: Range<usize>, message: String, help: Option<String>| {
            Box::new(ConfigError {
                message,
                help,
                src: NamedSource::new(display(path), text.to_string()),
                span: Some(span.into()),
            })
        };
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let mut options = serde_saphyr::Options::default();
        options.with_snippet = false;
        let raw: RawConfig = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
            let span = crate::document::yaml::error_span(text, &e);
            let message = crate::document::yaml::plain_message(&e);
            let help = message
                .contains("unknown field")
                .then(|| {
                    "the keys are: front_matter, severity, ignore, max_file_size, links (image_keys), spelling (rules, allow, prose_keys)"
                        .to_string()
                });
            error(span, format!("invalid configuration: {message}"), help)
        })?;
        raw.validate(text)
            .map_err(|(span, message, help)| error(span, message, help))
    }
}

fn upsert<'a, T>(list: &mut Vec<(&'a str, T)>, key: &'a str, value: T) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => list.push((key, value)),
    }
}

fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

impl Scope {
    /// Jekyll's `defaults` semantics: every given condition must hold.
    pub fn applies(&self, rel_path: &str, kind: &DocKind) -> bool {
        scope_applies(self.path.as_ref(), self.doc_type.as_deref(), rel_path, kind)
    }
}

/// Whether a Jekyll-style scope (`path` and/or `type`; every given condition must hold)
/// selects the document at `rel_path` of kind `kind`. Shared by `.postlint.yml` scopes and
/// `_config.yml` `defaults`.
pub fn scope_applies(
    path: Option<&ScopePath>,
    doc_type: Option<&str>,
    rel_path: &str,
    kind: &DocKind,
) -> bool {
    let type_ok = doc_type.is_none_or(|t| kind.matches_type(t));
    let path_ok = match path {
        None => true,
        Some(ScopePath::Prefix(p)) => {
            p.is_empty()
                || rel_path == p
                || rel_path
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        }
        Some(ScopePath::Glob(g)) => g.is_match(rel_path),
    };
    type_ok && path_ok
}

/// Severity changes from `severity:`; exact rule ids win over globs, longer globs over shorter.
#[derive(Debug, Clone, Default)]
pub struct SeverityOverrides {
    entries: Vec<(SeverityKey, Level)>,
}

#[derive(Debug, Clone)]
enum SeverityKey {
    Exact(String),
    Glob { text: String, matcher: GlobMatcher },
}

/// A severity as configured: a level, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Fails the run.
    Error,
    /// Fails only under `--deny warnings`.
    Warning,
    /// Shown, never fails.
    Info,
    /// Not reported at all.
    Off,
}

impl SeverityOverrides {
    /// The severity of one entry of a rule set (`typo/ko-loanwords/캐시`, keyed by its right
    /// form): an exact key for the entry wins, then whatever applies to the set.
    pub fn resolve_entry(
        &self,
        rule_id: &str,
        entry: Option<&str>,
        default: Severity,
    ) -> Option<Severity> {
        if let Some(entry) = entry {
            let key = format!("{rule_id}/{entry}");
            let exact = self.entries.iter().find_map(|(k, level)| match k {
                SeverityKey::Exact(id) if *id == key => Some(*level),
                _ => None,
            });
            if let Some(level) = exact {
                return level.severity();
            }
        }
        self.resolve(rule_id, default)
    }

    /// The severity for `rule_id`: `None` when the rule is turned off.
    pub fn resolve(&self, rule_id: &str, default: Severity) -> Option<Severity> {
        let exact = self.entries.iter().find_map(|(k, level)| match k {
            SeverityKey::Exact(id) if id == rule_id => Some(*level),
            _ => None,
        });
        let level = exact.or_else(|| {
            self.entries
                .iter()
                .filter_map(|(k, level)| match k {
                    SeverityKey::Glob { text, matcher } if matcher.is_match(rule_id) => {
                        Some((text.len(), *level))
                    }
                    _ => None,
                })
                .max_by_key(|(len, _)| *len)
                .map(|(_, level)| level)
        });
        match level {
            None => Some(default),
            Some(level) => level.severity(),
        }
    }
}

impl Level {
    /// The severity this level gives; `None` for `off`.
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
        }
    }
}

/// A configuration that cannot be used, shown with the offending place in the file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    #[help]
    pub help: Option<String>,
    /// The configuration file.
    #[source_code]
    pub src: NamedSource<String>,
    /// Where in it.
    #[label("here")]
    pub span: Option<SourceSpan>,
}

// ---- raw, as written -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    front_matter: Option<Vec<RawScope>>,
    #[serde(default)]
    severity: OrderedMap<Spanned<String>, Spanned<Level>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    max_file_size: Option<Spanned<RawSize>>,
    links: Option<RawLinks>,
    spelling: Option<RawSpelling>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpelling {
    rules: Option<Vec<String>>,
    allow: Option<Vec<String>>,
    prose_keys: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    image_keys: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    #[serde(default)]
    scope: RawScopeSelector,
    #[serde(default)]
    required: Vec<Spanned<String>>,
    #[serde(default)]
    types: OrderedMap<Spanned<String>, Spanned<ValueType>>,
    #[serde(default)]
    allowed: OrderedMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    patterns: OrderedMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawScopeSelector {
    path: Option<Spanned<String>>,
    #[serde(rename = "type")]
    doc_type: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSize {
    Bytes(u64),
    Text(String),
}

/// A YAML mapping kept in file order (serde's maps lose order and spans of keys).
struct OrderedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap(Vec::new()))
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

type Invalid = (Range<usize>, String, Option<String>);

fn span_of<T>(s: &Spanned<T>, text: &str) -> Range<usize> {
    crate::document::yaml::location_span(text, &s.referenced)
}

impl RawConfig {
    fn validate(self, text: &str) -> Result<Config, Invalid> {
        let front_matter = match self.front_matter {
            None => Config::default().front_matter,
            Some(scopes) => scopes
                .into_iter()
                .map(|s| s.validate(text))
                .collect::<Result<_, _>>()?,
        };
        let mut severity = SeverityOverrides::default();
        for (key, level) in self.severity.0 {
            let id = key.value.trim().to_string();
            let entry = if id.contains(['*', '?', '[', '{']) {
                let matcher = Glob::new(&id)
                    .map_err(|e| {
                        (
                            span_of(&key, text),
                            format!("invalid rule glob `{id}`: {e}"),
                            None,
                        )
                    })?
                    .compile_matcher();
                SeverityKey::Glob { text: id, matcher }
            } else if checks::rule(&id).is_some() || id.starts_with("typo/") {
                // `typo/<set>` may name a set from the team's own rule files.
                SeverityKey::Exact(id)
            } else {
                let help = did_you_mean(&id, checks::RULES.iter().map(|r| r.id))
                    .map(|s| format!("did you mean `{s}`? `postlint rules` lists every rule"))
                    .or_else(|| Some("`postlint rules` lists every rule".into()));
                return Err((span_of(&key, text), format!("unknown rule `{id}`"), help));
            };
            severity.entries.push((entry, level.value));
        }
        let mut ignore = Vec::new();
        for glob in self.ignore {
            Glob::new(&glob.value).map_err(|e| {
                (
                    span_of(&glob, text),
                    format!("invalid ignore glob: {e}"),
                    None,
                )
            })?;
            ignore.push(glob.value);
        }
        let max_file_size = match self.max_file_size {
            None => crate::document::load::DEFAULT_MAX_FILE_SIZE,
            Some(size) => parse_size(&size.value).ok_or_else(|| {
                (
                    span_of(&size, text),
                    "invalid max_file_size".to_string(),
                    Some("write a number of bytes or a size such as `20MB` or `512KiB`".into()),
                )
            })?,
        };
        let mut links = LinkSettings::default();
        if let Some(keys) = self.links.and_then(|l| l.image_keys) {
            links.image_keys = Vec::new();
            for key in keys {
                if key.value.trim().is_empty() || key.value.split('.').any(str::is_empty) {
                    return Err((
                        span_of(&key, text),
                        format!("invalid image key `{}`", key.value),
                        Some(
                            "write a key such as `image`, or a dotted path such as `header.image`"
                                .into(),
                        ),
                    ));
                }
                links.image_keys.push(key.value);
            }
        }
        let mut spelling = SpellingSettings::default();
        if let Some(raw) = self.spelling {
            spelling.rule_files = raw.rules.unwrap_or_default();
            spelling.allow = raw.allow.unwrap_or_default();
            if let Some(keys) = raw.prose_keys {
                spelling.prose_keys = keys;
            }
        }
        Ok(Config {
            front_matter,
            severity,
            ignore,
            max_file_size,
            links,
            spelling,
        })
    }
}

impl RawScope {
    fn validate(self, text: &str) -> Result<Scope, Invalid> {
        let path = match self.scope.path {
            None => None,
            Some(p) => Some(ScopePath::parse(&p.value).map_err(|e| {
                (
                    span_of(&p, text),
                    format!("invalid scope path glob: {e}"),
                    None,
                )
            })?),
        };
        let mut patterns = Vec::new();
        for (key, pattern) in self.patterns.0 {
            let re = regex::RegexBuilder::new(&pattern.value)
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    let first = e.to_string();
                    let detail = first
                        .lines()
                        .last()
                        .unwrap_or("invalid regular expression")
                        .trim()
                        .to_string();
                    (
                        span_of(&pattern, text),
                        format!("invalid pattern for `{}`: {detail}", key.value),
                        Some(crate::spelling::rules::pattern_help(&e).into()),
                    )
                })?;
            patterns.push((key.value, re));
        }
        Ok(Scope {
            path,
            doc_type: self.scope.doc_type.map(|t| t.value),
            required: self.required.into_iter().map(|k| k.value).collect(),
            types: self
                .types
                .0
                .into_iter()
                .map(|(k, t)| (k.value, t.value))
                .collect(),
            allowed: self
                .allowed
                .0
                .into_iter()
                .map(|(k, vs)| (k.value, vs.into_iter().map(|v| v.value).collect()))
                .collect(),
            patterns,
        })
    }
}

fn parse_size(size: &RawSize) -> Option<u64> {
    let text = match size {
        RawSize::Bytes(n) => return Some(*n),
        RawSize::Text(t) => t.trim().to_ascii_lowercase(),
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim() {
        "" | "b" => 1,
        "kb" | "kib" | "k" => 1024,
        "mb" | "mib" | "m" => 1024 * 1024,
        "gb" | "gib" | "g" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Where the configuration came from, for messages.
pub fn config_path(root: &Path, explicit: Option<&Path>) -> PathBuf {
    explicit.map_or_else(|| root.join(FILE_NAME), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Box<ConfigError>> {
        Config::parse(Path::new(".postlint.yml"), text)
    }

    fn error_at(text: &str) -> (String, String) {
        let err = parse(text).unwrap_err();
        let span = err.span.expect("span");
        let at = &text[span.offset()..span.offset() + span.len()];
        (err.message.clone(), at.to_string())
    }

    const EXAMPLE: &str = r#"front_matter:
  - scope: { type: posts }
    required: [title, layout, category, summary, tags]
    types: { tags: list, date: date, published: bool, title: string }
    allowed: { layout: [post, page] }
    patterns: { category: '^[a-z0-9-]+$' }
  - scope: { path: "_posts/aws" }
    required: [featured_image]
    allowed: { layout: [post] }
severity: { "front-matter/date-mismatch": warning, "typo/*": off }
ignore: ["_drafts/**"]
"#;

    #[test]
    fn the_documented_example_loads_and_later_scopes_add() {
        let config = parse(EXAMPLE).unwrap();
        let kind = DocKind::Post(crate::document::kind::PostName {
            date: "2016-05-18".into(),
            slug: "x".into(),
        });
        let rules = config.front_matter_rules("_posts/aws/2016-05-18-x.md", &kind);
        assert_eq!(
            rules.required,
            [
                "title",
                "layout",
                "category",
                "summary",
                "tags",
                "featured_image"
            ]
        );
        assert_eq!(rules.allowed, [("layout", &["post".to_string()][..])]);
        let other = config.front_matter_rules("_posts/2016-05-18-x.md", &kind);
        assert_eq!(other.required.len(), 5);
        assert!(
            config
                .front_matter_rules("about.md", &DocKind::Page)
                .required
                .is_empty()
        );
        assert_eq!(
            config
                .severity
                .resolve("front-matter/date-mismatch", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(
            config
                .severity
                .resolve("typo/product-names", Severity::Error),
            None
        );
        assert_eq!(config.ignore, ["_drafts/**"]);
    }

    #[test]
    fn no_front_matter_section_means_posts_need_a_title() {
        let config = parse("ignore: []\n").unwrap();
        assert_eq!(config.front_matter[0].required, ["title"]);
        assert_eq!(
            Config::default().front_matter[0].doc_type.as_deref(),
            Some("posts")
        );
    }

    #[test]
    fn errors_point_at_the_exact_place() {
        let (msg, at) =
            error_at("front_matter:\n  - scope: { type: posts }\n    requird: [title]\n");
        assert!(msg.contains("unknown field `requird`"), "{msg}");
        assert_eq!(at, "requird");
        let (msg, at) = error_at("front_matter:\n  - types: { tags: lst }\n");
        assert!(msg.contains("lst"), "{msg}");
        assert_eq!(at, "lst");
        let (msg, at) = error_at("front_matter:\n  - patterns: { category: '^[a-z' }\n");
        assert!(msg.starts_with("invalid pattern for `category`"), "{msg}");
        assert_eq!(at, "'^[a-z'");
        let (msg, at) = error_at("severity:\n  front-matter/date-mismach: warning\n");
        assert_eq!(msg, "unknown rule `front-matter/date-mismach`");
        assert_eq!(at, "front-matter/date-mismach");
        let (msg, at) = error_at("severity: { \"front-matter/missing-key\": loud }\n");
        assert!(msg.contains("loud"), "{msg}");
        assert_eq!(at, "loud");
        let (msg, _) = error_at("front_matter: [\n");
        assert!(msg.starts_with("invalid configuration"), "{msg}");
        let config = parse("links:\n  image_keys: [hero, page.cover]\n").unwrap();
        assert_eq!(config.links.image_keys, ["hero", "page.cover"]);
        let (msg, at) = error_at("links:\n  image_keys: [hero, 'a..b']\n");
        assert_eq!(
            (msg.as_str(), at.as_str()),
            ("invalid image key `a..b`", "'a..b'")
        );
        let (msg, at) = error_at("max_file_size: 10 parsecs\n");
        assert_eq!(msg, "invalid max_file_size");
        assert_eq!(at, "10 parsecs");
    }

    #[test]
    fn a_pathological_pattern_is_refused_not_compiled_forever() {
        let (msg, _) =
            error_at("front_matter:\n  - patterns: { title: '(((a{100}){100}){100})' }\n");
        assert!(msg.starts_with("invalid pattern"), "{msg}");
        let text = "front_matter:\n  - patterns: { title: '\\w{1000}{1000}' }\n";
        let err = parse(text).unwrap_err();
        assert!(
            err.message.contains("exceeds size limit"),
            "{}",
            err.message
        );
        let help = err.help.unwrap_or_default();
        assert!(help.contains("too large once compiled"), "{help}");
    }

    #[test]
    fn exact_ids_beat_globs_and_longer_globs_beat_shorter() {
        let config = parse(
            "severity:\n  \"front-matter/*\": off\n  \"front-matter/missing-*\": info\n  front-matter/missing-key: error\n",
        )
        .unwrap();
        let s = &config.severity;
        assert_eq!(
            s.resolve("front-matter/missing-key", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(s.resolve("front-matter/missing", Severity::Error), None);
        assert_eq!(
            s.resolve("front-matter/missing-x", Severity::Error),
            Some(Severity::Info)
        );
        assert_eq!(s.resolve("front-matter/wrong-type", Severity::Error), None);
        assert_eq!(
            s.resolve("file/empty", Severity::Warning),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(
            parse_size(&RawSize::Text("20MB".into())),
            Some(20 * 1024 * 1024)
        );
        assert_eq!(
            parse_size(&RawSize::Text("512 KiB".into())),
            Some(512 * 1024)
        );
        assert_eq!(parse_size(&RawSize::Bytes(7)), Some(7));
        assert_eq!(parse_size(&RawSize::Text("lots".into())), None);
    }

    #[test]
    fn scope_paths_are_prefixes_or_globs() {
        let config = parse("front_matter:\n  - scope: { path: docs }\n    required: [a]\n  - scope: { path: '*/notes/*.md' }\n    required: [b]\n").unwrap();
        let r = |p: &str| {
            config
                .front_matter_rules(p, &DocKind::Page)
                .required
                .join(",")
        };
        assert_eq!(r("docs/설치.md"), "a");
        assert_eq!(r("docs"), "a");
        assert_eq!(r("docsx/a.md"), "");
        assert_eq!(r("x/notes/a.md"), "b");
    }
}

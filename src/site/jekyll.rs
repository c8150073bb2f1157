//! The parts of Jekyll's `_config.yml` that decide which files are documents and what they are.

use std::path::Path;

use crate::config::{ScopePath, scope_applies};
use crate::document::DocKind;
use crate::document::yaml::{self, Node, Value};

/// Settings read from `_config.yml`. Unknown keys are ignored: the file belongs to Jekyll.
#[derive(Debug, Clone, PartialEq)]
pub struct JekyllConfig {
    /// `exclude`: paths Jekyll does not read.
    pub exclude: Vec<String>,
    /// `include`: paths Jekyll reads even though hidden or excluded.
    pub include: Vec<String>,
    /// Collections declared under `collections` (`posts` is always there, implicitly).
    pub collections: Vec<Collection>,
    /// `permalink`: a built-in style (`date`, `pretty`, …) or a template; default `date`.
    pub permalink: String,
    /// `baseurl` normalised to `""` or `/path` (no trailing slash).
    pub baseurl: String,
    /// `url` without a trailing slash (`https://blog.example.kr`), if set.
    pub url: Option<String>,
    /// How kramdown gives headings their ids.
    pub heading_ids: HeadingIds,
    /// `timezone` (an IANA name): post dates in URLs are shown in it; UTC when unset.
    pub timezone: Option<String>,
    /// `future: true` publishes posts dated after today.
    pub future: bool,
    /// `unpublished: true` builds documents with `published: false`.
    pub unpublished: bool,
    /// `show_drafts: true` builds `_drafts`.
    pub show_drafts: bool,
    /// `jekyll-redirect-from` is among `plugins`/`gems`, so `redirect_from` pages exist.
    pub redirect_from: bool,
    /// `defaults`: front-matter values given to documents by scope, in file order.
    pub defaults: Vec<FrontMatterDefault>,
}

impl Default for JekyllConfig {
    fn default() -> Self {
        JekyllConfig {
            exclude: Vec::new(),
            include: Vec::new(),
            collections: Vec::new(),
            permalink: "date".into(),
            baseurl: String::new(),
            url: None,
            heading_ids: HeadingIds::default(),
            timezone: None,
            future: false,
            unpublished: false,
            show_drafts: false,
            redirect_from: false,
            defaults: Vec::new(),
        }
    }
}

/// A collection from `collections:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// Its name, without the leading `_` of its folder.
    pub name: String,
    /// `output: true`: its documents are pages of the site.
    pub output: bool,
    /// Its `permalink` template, if given.
    pub permalink: Option<String>,
}

/// kramdown's header-id settings as Jekyll passes them (`kramdown:` in `_config.yml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingIds {
    /// `input: GFM` (Jekyll's default) keeps non-ASCII letters; `input: kramdown` drops them.
    pub gfm: bool,
    /// `auto_ids: false` gives headings no ids at all.
    pub auto: bool,
    /// `auto_id_prefix`, put before every generated id.
    pub prefix: String,
    /// `auto_id_stripping: true` (kramdown input): ids come from the text without markup or
    /// code spans instead of the raw Markdown.
    pub stripping: bool,
}

impl Default for HeadingIds {
    fn default() -> Self {
        HeadingIds {
            gfm: true,
            auto: true,
            prefix: String::new(),
            stripping: false,
        }
    }
}

/// One entry of `defaults:`; which documents it selects and the values it gives them.
#[derive(Debug, Clone)]
pub struct FrontMatterDefault {
    /// `scope.path`, if any.
    pub path: Option<ScopePath>,
    /// `scope.type`, if any.
    pub doc_type: Option<String>,
    /// `values`, a mapping.
    pub values: Node,
}

impl PartialEq for FrontMatterDefault {
    fn eq(&self, other: &Self) -> bool {
        self.doc_type == other.doc_type && self.values == other.values
    }
}

impl JekyllConfig {
    /// Names of all declared collections.
    pub fn collection_names(&self) -> Vec<String> {
        self.collections.iter().map(|c| c.name.clone()).collect()
    }

    /// The collection named `name`, if declared.
    pub fn collection(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    /// The value `defaults:` give `key` for a document (the last matching scope wins, as in
    /// Jekyll), if any.
    pub fn default_value(&self, key: &str, rel_path: &str, kind: &DocKind) -> Option<&Node> {
        self.defaults
            .iter()
            .rev()
            .filter(|d| scope_applies(d.path.as_ref(), d.doc_type.as_deref(), rel_path, kind))
            .find_map(|d| d.values.get(key).map(|(_, v)| v))
    }
}

/// A `_config.yml` that Jekyll itself could not load; the run stops, as Jekyll's build would.
#[derive(Debug, Clone, PartialEq)]
pub struct JekyllConfigError {
    /// What is wrong.
    pub message: String,
    /// Bytes of `_config.yml` at fault.
    pub span: std::ops::Range<usize>,
}

impl JekyllConfig {
    /// The name of Jekyll's configuration file at the site root.
    pub const FILE_NAME: &'static str = "_config.yml";

    /// Parses the text of `_config.yml`.
    pub fn parse(text: &str) -> Result<Self, JekyllConfigError> {
        let root = yaml::parse(text).map_err(|e| JekyllConfigError {
            message: e.message,
            span: e.span,
        })?;
        if !matches!(root.value, Value::Map(_) | Value::Null) {
            return Err(JekyllConfigError {
                message: "the configuration must be a mapping of keys to values".into(),
                span: root.span,
            });
        }
        let get = |key: &str| root.get(key).map(|(_, v)| v);
        let text_of = |key: &str| get(key).and_then(|v| v.value.scalar_text());
        let plugins: Vec<String> = [get("plugins"), get("gems")]
            .into_iter()
            .flat_map(string_list)
            .collect();
        Ok(JekyllConfig {
            exclude: string_list(get("exclude")),
            include: string_list(get("include")),
            collections: collections(get("collections")),
            permalink: text_of("permalink")
                .filter(|p| !p.trim().is_empty())
                .unwrap_or_else(|| "date".into()),
            baseurl: normalise_baseurl(&text_of("baseurl").unwrap_or_default()),
            url: text_of("url")
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .filter(|u| !u.is_empty()),
            heading_ids: heading_ids(get("kramdown")),
            timezone: text_of("timezone").filter(|t| !t.trim().is_empty()),
            future: is_true(get("future")),
            unpublished: is_true(get("unpublished")),
            show_drafts: is_true(get("show_drafts")),
            redirect_from: plugins.iter().any(|p| p == "jekyll-redirect-from"),
            defaults: defaults(get("defaults")),
        })
    }

    /// Reads `_config.yml` from `root`: `Ok(None)` when absent, otherwise its text and settings.
    pub fn load(root: &Path) -> Result<Option<(String, Self)>, JekyllLoadError> {
        let path = root.join(Self::FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(JekyllLoadError::Io(e)),
        };
        match Self::parse(&text) {
            Ok(config) => Ok(Some((text, config))),
            Err(err) => Err(JekyllLoadError::Invalid { text, err }),
        }
    }
}

/// Why `_config.yml` could not be used.
#[derive(Debug)]
pub enum JekyllLoadError {
    /// It exists but could not be read.
    Io(std::io::Error),
    /// It is not valid YAML or not a mapping.
    Invalid {
        /// The file's text, to show the error in context.
        text: String,
        /// What is wrong and where.
        err: JekyllConfigError,
    },
}

fn string_list(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(|n| n.value.scalar_text()).collect(),
        Some(Value::Str(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Bool(true)))
}

/// `""` for `""`, `/` or nothing; otherwise `/path` without a trailing slash.
fn normalise_baseurl(raw: &str) -> String {
    let trimmed = raw.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

fn collections(node: Option<&Node>) -> Vec<Collection> {
    let named = |name: String| Collection {
        name,
        output: false,
        permalink: None,
    };
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|n| n.value.scalar_text())
            .map(named)
            .collect(),
        Some(Value::Map(entries)) => entries
            .iter()
            .filter_map(|(k, v)| {
                let mut c = named(k.value.scalar_text()?);
                c.output = is_true(v.get("output").map(|(_, v)| v));
                c.permalink = v
                    .get("permalink")
                    .and_then(|(_, v)| v.value.scalar_text())
                    .filter(|p| !p.is_empty());
                Some(c)
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn heading_ids(node: Option<&Node>) -> HeadingIds {
    let mut ids = HeadingIds::default();
    let Some(node) = node else { return ids };
    let text = |key: &str| node.get(key).and_then(|(_, v)| v.value.scalar_text());
    if let Some(input) = text("input") {
        ids.gfm = input.eq_ignore_ascii_case("gfm");
    }
    if let Some((_, v)) = node.get("auto_ids") {
        ids.auto = !matches!(v.value, Value::Bool(false));
    }
    if let Some(prefix) = text("auto_id_prefix") {
        ids.prefix = prefix;
    }
    ids.stripping = is_true(node.get("auto_id_stripping").map(|(_, v)| v));
    ids
}

fn defaults(node: Option<&Node>) -> Vec<FrontMatterDefault> {
    let Some(Value::Seq(items)) = node.map(|n| &n.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let values = item.get("values").map(|(_, v)| v.clone())?;
            let scope = item.get("scope").map(|(_, v)| v);
            let field = |key: &str| {
                scope
                    .and_then(|s| s.get(key))
                    .and_then(|(_, v)| v.value.scalar_text())
                    .filter(|t| !t.is_empty())
            };
            Some(FrontMatterDefault {
                path: field("path").and_then(|p| ScopePath::parse(&p).ok()),
                doc_type: field("type"),
                values,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exclude_include_and_collections() {
        let text = "title: 블로그\nexclude: [README.md, notes/]\ninclude: ['.well-known']\ncollections:\n  recipes:\n    output: true\n  docs: {}\n";
        let config = JekyllConfig::parse(text).unwrap();
        assert_eq!(config.exclude, ["README.md", "notes/"]);
        assert_eq!(config.include, [".well-known"]);
        assert_eq!(config.collection_names(), ["recipes", "docs"]);
        assert!(config.collection("recipes").unwrap().output);
        assert!(!config.collection("docs").unwrap().output);
        let config = JekyllConfig::parse("collections: [talks]\n").unwrap();
        assert_eq!(config.collection_names(), ["talks"]);
    }

    #[test]
    fn url_settings_heading_ids_plugins_and_defaults() {
        let text = "permalink: pretty\nbaseurl: /blog/\nurl: https://blog.example.kr/\nkramdown:\n  input: kramdown\n  auto_id_prefix: h-\nplugins: [jekyll-redirect-from]\ndefaults:\n  - scope: { path: docs, type: pages }\n    values: { permalink: /:path/ }\n";
        let c = JekyllConfig::parse(text).unwrap();
        assert_eq!(c.permalink, "pretty");
        assert_eq!(c.baseurl, "/blog");
        assert_eq!(c.url.as_deref(), Some("https://blog.example.kr"));
        assert!(!c.heading_ids.gfm && c.heading_ids.auto);
        assert_eq!(c.heading_ids.prefix, "h-");
        assert!(c.redirect_from);
        let permalink = c.default_value("permalink", "docs/a.md", &DocKind::Page);
        assert_eq!(
            permalink.and_then(|v| v.value.scalar_text()).as_deref(),
            Some("/:path/")
        );
        assert!(
            c.default_value("permalink", "blog/a.md", &DocKind::Page)
                .is_none()
        );
        let d = JekyllConfig::default();
        assert_eq!((d.permalink.as_str(), d.baseurl.as_str()), ("date", ""));
        assert!(d.heading_ids.gfm);
    }

    #[test]
    fn empty_config_is_fine_and_broken_config_is_an_error() {
        assert_eq!(JekyllConfig::parse("").unwrap(), JekyllConfig::default());
        let err = JekyllConfig::parse("title: '캐쉬\n").unwrap_err();
        assert_eq!(err.span.start, 7);
        assert!(JekyllConfig::parse("- a\n- b\n").is_err());
    }
}

//! The parts of Jekyll's `_config.yml` that decide which files are documents and what they are.

use std::path::Path;

use crate::document::yaml::{self, Node, Value};

/// Settings read from `_config.yml`. Unknown keys are ignored: the file belongs to Jekyll.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JekyllConfig {
    /// `exclude`: paths Jekyll does not read.
    pub exclude: Vec<String>,
    /// `include`: paths Jekyll reads even though hidden or excluded.
    pub include: Vec<String>,
    /// Names of the collections declared under `collections` (without the leading `_`).
    pub collections: Vec<String>,
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
        Ok(JekyllConfig {
            exclude: string_list(root.get("exclude").map(|(_, v)| v)),
            include: string_list(root.get("include").map(|(_, v)| v)),
            collections: collection_names(root.get("collections").map(|(_, v)| v)),
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

fn collection_names(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(|n| n.value.scalar_text()).collect(),
        Some(Value::Map(entries)) => entries
            .iter()
            .filter_map(|(k, _)| k.value.scalar_text())
            .collect(),
        _ => Vec::new(),
    }
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
        assert_eq!(config.collections, ["recipes", "docs"]);
        let config = JekyllConfig::parse("collections: [talks]\n").unwrap();
        assert_eq!(config.collections, ["talks"]);
    }

    #[test]
    fn empty_config_is_fine_and_broken_config_is_an_error() {
        assert_eq!(JekyllConfig::parse("").unwrap(), JekyllConfig::default());
        let err = JekyllConfig::parse("title: '캐쉬\n").unwrap_err();
        assert_eq!(err.span.start, 7);
        assert!(JekyllConfig::parse("- a\n- b\n").is_err());
    }
}

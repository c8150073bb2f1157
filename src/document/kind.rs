//! What Jekyll makes of a file, decided from its path the way Jekyll's readers do.

use regex::Regex;
use std::sync::LazyLock;

/// The role of a document in the site; front-matter scopes (`type:`) select on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocKind {
    /// A file under a `_posts` folder whose name carries a date.
    Post(PostName),
    /// A file under `_drafts`.
    Draft,
    /// A document of a collection declared in `_config.yml` (name without `_`).
    Collection(String),
    /// A page: a file outside any `_` folder.
    Page,
    /// Anything else (under `_includes`, `_layouts`, an undeclared `_` folder, or a `_posts`
    /// file whose name Jekyll does not accept as a post).
    Other,
}

/// The date and slug Jekyll takes from a post's file name (`2016-05-18-aws-summit.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostName {
    /// `YYYY-MM-DD` as written in the file name (Jekyll also accepts 1-digit months and days).
    pub date: String,
    /// The part after the date, without extension.
    pub slug: String,
}

/// Jekyll's `Document::DATE_FILENAME_MATCHER`, applied to the file name.
static POST_FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern: it compiles or the unit tests fail; user input never reaches here.
    #[allow(clippy::expect_used)]
    Regex::new(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$").expect("valid constant regex")
});

impl DocKind {
    /// Classifies a path relative to the site root (with `/` separators).
    pub fn classify(rel_path: &str, collections: &[String]) -> DocKind {
        let parts: Vec<&str> = rel_path.split('/').collect();
        let (dirs, file_name) = match parts.split_last() {
            Some((name, dirs)) => (dirs, *name),
            None => return DocKind::Other,
        };
        if dirs.contains(&"_posts") {
            return match Self::post_name(file_name) {
                Some(name) => DocKind::Post(name),
                None => DocKind::Other,
            };
        }
        if dirs.contains(&"_drafts") {
            return DocKind::Draft;
        }
        if let Some(first) = dirs.first().and_then(|d| d.strip_prefix('_'))
            && collections.iter().any(|c| c == first)
        {
            return DocKind::Collection(first.to_string());
        }
        if dirs.iter().any(|d| d.starts_with('_')) {
            return DocKind::Other;
        }
        DocKind::Page
    }

    /// Parses a post file name; `None` when Jekyll would not read the file as a post.
    pub fn post_name(file_name: &str) -> Option<PostName> {
        let caps = POST_FILE_NAME.captures(file_name)?;
        Some(PostName {
            date: caps.get(1)?.as_str().to_string(),
            slug: caps.get(2)?.as_str().to_string(),
        })
    }

    /// True when a `type:` scope names this kind. Drafts belong to the posts collection in
    /// Jekyll, so `posts` scopes apply to them too.
    pub fn matches_type(&self, ty: &str) -> bool {
        match self {
            DocKind::Post(_) => ty == "posts",
            DocKind::Draft => ty == "drafts" || ty == "posts",
            DocKind::Collection(name) => ty == name,
            DocKind::Page => ty == "pages",
            DocKind::Other => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_like_jekyll() {
        let c = vec!["recipes".to_string()];
        let post = |date: &str, slug: &str| {
            DocKind::Post(PostName {
                date: date.into(),
                slug: slug.into(),
            })
        };
        let cases = [
            (
                "_posts/2016-05-18-aws-summit.md",
                post("2016-05-18", "aws-summit"),
            ),
            (
                "aws/_posts/2016-5-8-캐시 정리.md",
                post("2016-5-8", "캐시 정리"),
            ),
            (
                "_posts/2016/2016-05-18-a.b.markdown",
                post("2016-05-18", "a.b"),
            ),
            ("_posts/aws-summit.md", DocKind::Other),
            ("_drafts/idea.md", DocKind::Draft),
            ("_recipes/kimchi.md", DocKind::Collection("recipes".into())),
            ("_includes/note.md", DocKind::Other),
            ("_unknown/x.md", DocKind::Other),
            ("about.md", DocKind::Page),
            ("docs/설치.md", DocKind::Page),
        ];
        for (path, want) in cases {
            assert_eq!(DocKind::classify(path, &c), want, "{path}");
        }
    }

    #[test]
    fn drafts_match_posts_scopes() {
        assert!(DocKind::Draft.matches_type("posts"));
        assert!(DocKind::Draft.matches_type("drafts"));
        assert!(!DocKind::Page.matches_type("posts"));
        assert!(DocKind::Collection("recipes".into()).matches_type("recipes"));
    }
}

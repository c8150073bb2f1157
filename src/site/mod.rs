//! What postlint knows about the Jekyll site as a whole: every URL it will serve, which
//! source file makes it, and the fragment ids each page will have, built once before any
//! document is checked (the "site index").

pub mod anchors;
pub mod build;
pub mod date;
pub mod jekyll;
pub mod liquid_url;
pub mod permalink;
pub mod resolve;
pub mod slug;

use std::collections::HashMap;

use crate::document::yaml::Node;

/// How a page comes to exist, for messages and for `{% post_url %}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// A post (or a draft built with `--drafts`).
    Post,
    /// A page outside `_` folders, Markdown or not, with front matter.
    Page,
    /// A document of a collection with `output: true`.
    CollectionDoc,
    /// A file copied as it is.
    Static,
    /// A redirect made by jekyll-redirect-from.
    Redirect,
}

/// One URL of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL as Jekyll's `page.url` writes it (percent-encoded), without `baseurl`.
    pub url: String,
    /// The file under `_site` that serves it, decoded, with a leading `/`.
    pub output: String,
    /// The source file, relative to the site root (none for redirects).
    pub source: Option<String>,
    /// What made it.
    pub kind: PageKind,
    /// False when Jekyll will not build it (a draft without `--drafts`, `published: false`,
    /// a future post, a collection without `output`): links to it are broken.
    pub built: bool,
    /// Why it is not built, for the message.
    pub not_built_because: Option<&'static str>,
    /// Ids a fragment can name, when postlint knows them (Markdown pages).
    pub ids: Option<Vec<String>>,
}

/// A file of the site that is not a Markdown document, with its front matter if it has one
/// (then Jekyll renders it as a page; otherwise it is copied as a static file).
#[derive(Debug, Clone)]
pub struct OtherFile {
    /// Path relative to the site root, `/`-separated.
    pub rel_path: String,
    /// Parsed front matter, when the file starts with a `---` line.
    pub front_matter: Option<Node>,
}

/// Every URL the site serves, and how to find a page by output path, source or post name.
#[derive(Debug, Default)]
pub struct Site {
    /// `baseurl`, `""` or `/path`.
    pub baseurl: String,
    /// `url` (`https://blog.example.kr`), for `absolute_url`.
    pub url: Option<String>,
    /// The host of `url` (lower-cased), whose absolute links are internal.
    pub host: Option<String>,
    /// The pages, built or not.
    pub pages: Vec<Page>,
    /// Decoded output path -> page, for built pages.
    served: HashMap<String, usize>,
    /// Decoded output path -> page, for pages Jekyll will not build.
    unbuilt: HashMap<String, usize>,
    /// Source path -> page.
    by_source: HashMap<String, usize>,
    /// Posts as `(source path, date as written in the file name, slug)`, for `{% post_url %}`.
    posts: Vec<(String, String, String, usize)>,
    /// A post's file name without extension -> its entries in `posts`, so a `post_url` is
    /// found without scanning every post.
    posts_by_file: HashMap<String, Vec<usize>>,
    /// A post's slug -> its entries in `posts`, for names whose date is written differently.
    posts_by_slug: HashMap<String, Vec<usize>>,
    /// A post's date as written in its file name -> its entries in `posts`, for suggestions.
    posts_by_date: HashMap<String, Vec<usize>>,
    /// Last path segment without extension -> built pages, for "did you mean".
    by_stem: HashMap<String, Vec<usize>>,
    /// Parent folder of the output -> built pages, for "did you mean".
    by_folder: HashMap<String, Vec<usize>>,
}

impl Site {
    /// The built page served from the decoded output path `output` (`/a/b.html`).
    pub fn served(&self, output: &str) -> Option<&Page> {
        self.served.get(output).and_then(|&i| self.pages.get(i))
    }

    /// The page Jekyll would serve from `output` if it built it.
    pub(crate) fn unbuilt_at(&self, output: &str) -> Option<&Page> {
        self.unbuilt.get(output).and_then(|&i| self.pages.get(i))
    }

    /// The page made from the source file `rel_path`, built or not.
    pub fn page_of_source(&self, rel_path: &str) -> Option<&Page> {
        self.by_source
            .get(rel_path)
            .and_then(|&i| self.pages.get(i))
    }

    /// `{% link path %}`: the page made from `path`; a leading `/` is accepted only for
    /// static files, as in Jekyll (their `relative_path` starts with `/`).
    pub fn linkable(&self, path: &str) -> Option<&Page> {
        match path.strip_prefix('/') {
            Some(rest) => self
                .page_of_source(rest)
                .filter(|p| p.kind == PageKind::Static),
            None => self.page_of_source(path),
        }
    }

    /// `{% post_url name %}` as Jekyll 4 matches it: `[dir/]YYYY-MM-DD-slug` against posts'
    /// paths (`_posts/dir/…` or `dir/_posts/…`), else by date and slug alone (Jekyll's
    /// deprecated fallback, which still works).
    pub fn post_by_name(&self, name: &str) -> Option<&Page> {
        let name = name.trim().trim_start_matches('/');
        let (dir, file) = match name.rfind('/') {
            Some(i) => (
                name.get(..=i).unwrap_or(""),
                name.get(i + 1..).unwrap_or(""),
            ),
            None => ("", name),
        };
        let entries = |ids: Option<&Vec<usize>>| {
            ids.into_iter()
                .flatten()
                .filter_map(|&i| self.posts.get(i))
                .collect::<Vec<_>>()
        };
        let exact = entries(self.posts_by_file.get(file))
            .into_iter()
            .find(|(source, ..)| {
                let stem = source.rsplit_once('.').map_or(source.as_str(), |(s, _)| s);
                stem == format!("_posts/{dir}{file}")
                    || stem == format!("{dir}_posts/{file}")
                    || stem
                        .strip_prefix(dir)
                        .and_then(|s| s.strip_prefix("_posts/"))
                        == Some(file)
            });
        let found = exact.or_else(|| {
            let post = crate::document::DocKind::post_name(&format!("{file}.md"))?;
            let (y, m, d) = crate::checks::front_matter::parse_date(&post.date)?;
            entries(self.posts_by_slug.get(&post.slug))
                .into_iter()
                .find(|(_, date, _, _)| {
                    crate::checks::front_matter::parse_date(date) == Some((y, m, d))
                })
        });
        found.and_then(|(.., i)| self.pages.get(*i))
    }

    /// The post name (`YYYY-MM-DD-slug`) closest to a `{% post_url %}` name that matched
    /// nothing, if one is close. Candidates share the name's date or its slug (a mistyped
    /// slug, or a wrong date), so the cost does not grow with the number of posts.
    pub fn suggest_post(&self, name: &str) -> Option<String> {
        let file = name.rsplit('/').next().unwrap_or(name);
        let post = crate::document::DocKind::post_name(&format!("{file}.md"));
        let (date, slug) = match &post {
            Some(p) => (Some(p.date.as_str()), p.slug.as_str()),
            // No date at all: the name may be the slug alone.
            None => (None, file),
        };
        let same_date = date
            .and_then(|d| self.posts_by_date.get(d))
            .into_iter()
            .flatten();
        let same_slug = self.posts_by_slug.get(slug).into_iter().flatten();
        let mut candidates: Vec<usize> = same_date.chain(same_slug).copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .iter()
            .filter_map(|&i| self.posts.get(i))
            .map(|(source, ..)| {
                let base = source.rsplit('/').next().unwrap_or(source);
                base.rsplit_once('.').map_or(base, |(s, _)| s)
            })
            .map(|stem| (strsim::normalized_levenshtein(stem, file), stem))
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, stem)| stem.to_string())
    }

    /// Built pages whose last path segment (without extension) is `stem`.
    pub(crate) fn pages_with_stem(&self, stem: &str) -> impl Iterator<Item = &Page> {
        self.by_stem
            .get(stem)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.pages.get(i))
    }

    /// Built pages in the output folder `folder` (`/2016/05/13`).
    pub(crate) fn pages_in_folder(&self, folder: &str) -> impl Iterator<Item = &Page> {
        self.by_folder
            .get(folder)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.pages.get(i))
    }

    /// Adds a page and indexes it; a later page for the same output wins, as Jekyll writes
    /// files in order (postlint keeps the first source for `{% link %}` either way).
    pub(crate) fn add(&mut self, page: Page) {
        let index = self.pages.len();
        if let Some(source) = &page.source {
            self.by_source.entry(source.clone()).or_insert(index);
        }
        if !page.built {
            self.unbuilt.entry(page.output.clone()).or_insert(index);
        }
        if page.built {
            self.served.insert(page.output.clone(), index);
            self.by_stem
                .entry(stem(&page.output).to_string())
                .or_default()
                .push(index);
            self.by_folder
                .entry(folder(shown(&page.output)).to_string())
                .or_default()
                .push(index);
        }
        self.pages.push(page);
    }

    /// Remembers a post for `{% post_url %}`.
    pub(crate) fn add_post(&mut self, source: &str, date: &str, slug: &str, page: usize) {
        let index = self.posts.len();
        let file_name = source.rsplit('/').next().unwrap_or(source);
        let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
        self.posts_by_file
            .entry(stem.to_string())
            .or_default()
            .push(index);
        self.posts_by_slug
            .entry(slug.to_string())
            .or_default()
            .push(index);
        self.posts_by_date
            .entry(date.to_string())
            .or_default()
            .push(index);
        self.posts
            .push((source.to_string(), date.to_string(), slug.to_string(), page));
    }
}

/// An output path as people link to it: `/about/index.html` is `/about`.
pub(crate) fn shown(output: &str) -> &str {
    output
        .strip_suffix("/index.html")
        .unwrap_or(output)
        .trim_end_matches('/')
}

/// The last segment of a decoded path without its extension (`index` pages: the folder).
pub(crate) fn stem(output: &str) -> &str {
    let trimmed = shown(output);
    let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
    last.rsplit_once('.').map_or(last, |(s, _)| s)
}

/// The folder part of a decoded path, without the trailing `/`.
pub(crate) fn folder(output: &str) -> &str {
    output.rsplit_once('/').map_or("", |(f, _)| f)
}

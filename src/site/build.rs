//! Builds the [`Site`] index from the documents and other files, computing each URL the way
//! Jekyll 4 does: posts and collection documents through `Jekyll::URL` with the `UrlDrop`
//! placeholders, pages through `Page#template`, static files at their own path.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::document::yaml::{Node, Value};
use rayon::prelude::*;

use crate::document::{DocKind, Document, FrontMatter};
use crate::site::jekyll::JekyllConfig;
use crate::site::permalink::{self, add_suffix, expand, output_ext, post_style_template};
use crate::site::slug::{Mode, slugify};
use crate::site::{OtherFile, Page, PageKind, Site, anchors, date};

/// Choices that decide which pages exist, from the command line and `_config.yml`.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Build `_drafts` (`--drafts`, or `show_drafts: true`).
    pub drafts: bool,
    /// Build `published: false` documents (`--unpublished`, or `unpublished: true`).
    pub unpublished: bool,
    /// Now, in the site's zone: posts dated later are not built unless `future: true`.
    pub now: DateTime,
}

impl IndexOptions {
    /// Options for `jekyll`, with the command-line switches and the current time.
    pub fn new(jekyll: &JekyllConfig, drafts: bool, unpublished: bool) -> IndexOptions {
        let zone = date::zone(jekyll.timezone.as_deref());
        IndexOptions {
            drafts: drafts || jekyll.show_drafts,
            unpublished: unpublished || jekyll.unpublished,
            now: zone.to_datetime(jiff::Timestamp::now()),
        }
    }
}

/// Builds the index. `docs` are every Markdown document of the site; `files` every other file.
pub fn build(
    jekyll: &JekyllConfig,
    options: &IndexOptions,
    docs: &[&Document],
    files: &[OtherFile],
) -> Site {
    let zone = date::zone(jekyll.timezone.as_deref());
    let mut site = Site {
        baseurl: jekyll.baseurl.clone(),
        url: jekyll.url.clone(),
        host: jekyll.url.as_deref().and_then(host_of),
        ..Site::default()
    };
    // Each file's pages are computed in parallel; adding them stays in file order, so the
    // index does not depend on thread scheduling.
    let names = jekyll.collection_names();
    let from_docs: Vec<Made> = docs
        .par_iter()
        .filter_map(|doc| {
            let source = Source {
                rel_path: &doc.rel_path,
                text: doc.text(),
                kind: &doc.kind,
                front_matter: doc.front_matter_root(),
                has_front_matter: !matches!(doc.front_matter, FrontMatter::Absent),
            };
            let mut page = source.page(jekyll, options, &zone)?;
            if page.kind != PageKind::Static {
                let mut ids = anchors::heading_ids(&doc.body.headings, &jekyll.heading_ids);
                ids.extend(doc.body.ids.iter().cloned());
                page.ids = Some(ids);
            }
            Some(source.made(jekyll, page))
        })
        .collect();
    let from_files: Vec<Made> = files
        .par_iter()
        .filter_map(|file| {
            let kind = DocKind::classify(&file.rel_path, &names);
            let source = Source {
                rel_path: &file.rel_path,
                text: "",
                kind: &kind,
                front_matter: file.front_matter.as_ref(),
                has_front_matter: file.front_matter.is_some(),
            };
            let page = source.page(jekyll, options, &zone)?;
            Some(source.made(jekyll, page))
        })
        .collect();
    let mut redirects = Vec::new();
    for made in from_docs.into_iter().chain(from_files) {
        let index = site.pages.len();
        site.add(made.page);
        if let Some((source, date, slug)) = made.post {
            site.add_post(&source, &date, &slug, index);
        }
        redirects.extend(made.redirects);
    }
    for page in redirects {
        site.add(page);
    }
    site
}

/// What one source file contributes to the index.
struct Made {
    page: Page,
    /// `(source, date, slug)` when the page is a post, for `{% post_url %}`.
    post: Option<(String, String, String)>,
    redirects: Vec<Page>,
}

/// One source file with what decides its URL.
struct Source<'a> {
    rel_path: &'a str,
    /// The file's text, which front-matter spans index (empty for non-Markdown files).
    text: &'a str,
    kind: &'a DocKind,
    front_matter: Option<&'a Node>,
    has_front_matter: bool,
}

impl Source<'_> {
    /// The page with its redirects and, for a post, its name for `{% post_url %}`.
    fn made(&self, jekyll: &JekyllConfig, page: Page) -> Made {
        let post = match self.kind {
            DocKind::Post(name) if page.kind == PageKind::Post => Some((
                self.rel_path.to_string(),
                name.date.clone(),
                name.slug.clone(),
            )),
            _ => None,
        };
        let redirects = self.redirects(jekyll, &page);
        Made {
            page,
            post,
            redirects,
        }
    }

    /// A front-matter value, or the one `defaults:` give.
    fn value<'c>(&'c self, jekyll: &'c JekyllConfig, key: &str) -> Option<&'c Node> {
        self.front_matter
            .and_then(|fm| fm.get(key))
            .map(|(_, v)| v)
            .or_else(|| jekyll.default_value(key, self.rel_path, self.kind))
    }

    fn text(&self, jekyll: &JekyllConfig, key: &str) -> Option<String> {
        self.value(jekyll, key)
            .and_then(|v| v.value.scalar_text())
            .filter(|t| !t.is_empty())
    }

    /// The page this file makes, or `None` when Jekyll does not read it at all.
    fn page(&self, jekyll: &JekyllConfig, options: &IndexOptions, zone: &TimeZone) -> Option<Page> {
        let (name, ext) = split_name(self.rel_path);
        match self.kind {
            DocKind::Post(_) | DocKind::Draft => self.post_page(jekyll, options, zone),
            DocKind::Collection(label) => {
                let collection = jekyll.collection(label)?;
                if !self.has_front_matter {
                    return Some(self.static_page(Some(collection), collection.output));
                }
                let template = collection
                    .permalink
                    .clone()
                    .unwrap_or_else(|| add_suffix("/:collection/:path", &jekyll.permalink));
                let mut page = self.document_page(jekyll, zone, &template, label, None)?;
                page.kind = PageKind::CollectionDoc;
                if !collection.output {
                    page.built = false;
                    page.not_built_because = Some("its collection has no `output: true`");
                }
                self.unpublished(jekyll, options, &mut page);
                Some(page)
            }
            DocKind::Page if self.has_front_matter => {
                let own = self.text(jekyll, "permalink");
                let out_ext = permalink_ext(own.as_deref()).unwrap_or_else(|| output_ext(ext));
                let dir = self.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
                let template = match own {
                    Some(p) => p,
                    None if out_ext != ".html" => "/:path/:basename:output_ext".into(),
                    None if name == "index" => "/:path/".into(),
                    None => add_suffix("/:path/:basename", &jekyll.permalink),
                };
                let url = expand(&template, &|key| match key {
                    "path" => Some(dir.to_string()),
                    "basename" => Some(name.to_string()),
                    "output_ext" => Some(out_ext.clone()),
                    _ => None,
                });
                let mut page = new_page(url, &out_ext, self.rel_path, PageKind::Page);
                self.unpublished(jekyll, options, &mut page);
                Some(page)
            }
            DocKind::Page => Some(self.static_page(None, true)),
            DocKind::Other => None,
        }
    }

    /// A file copied as it is: at its own path, or under its collection's URL.
    fn static_page(
        &self,
        collection: Option<&crate::site::jekyll::Collection>,
        built: bool,
    ) -> Page {
        let url = match collection {
            // Jekyll copies the path as it is: static URLs are never escaped or sanitised.
            None => format!("/{}", self.rel_path),
            Some(c) => {
                let (_, ext) = split_name(self.rel_path);
                let cleaned = self
                    .rel_path
                    .strip_suffix(ext)
                    .unwrap_or(self.rel_path)
                    .trim_end_matches('.')
                    .replacen(&format!("_{}", c.name), "", 1);
                let template = c
                    .permalink
                    .clone()
                    .unwrap_or_else(|| "/:collection/:path".to_string());
                let base = expand(&template, &|key| match key {
                    "collection" => Some(c.name.clone()),
                    "path" => Some(cleaned.clone()),
                    "name" => Some(split_name(self.rel_path).0.to_string()),
                    "output_ext" | "title" => Some(String::new()),
                    _ => None,
                });
                format!("{}{ext}", base.trim_end_matches('/'))
            }
        };
        let mut page = new_page(url, "", self.rel_path, PageKind::Static);
        page.built = built;
        if !built {
            page.not_built_because = Some("its collection has no `output: true`");
        }
        page
    }

    /// A post or draft.
    fn post_page(
        &self,
        jekyll: &JekyllConfig,
        options: &IndexOptions,
        zone: &TimeZone,
    ) -> Option<Page> {
        // `collections: posts: permalink:` wins over the site-wide style, as in Jekyll.
        let style = jekyll
            .collection("posts")
            .and_then(|c| c.permalink.as_deref())
            .unwrap_or(&jekyll.permalink);
        let template = post_style_template(style).to_string();
        let when = self.post_date(jekyll, zone, options);
        let mut page = self.document_page(jekyll, zone, &template, "posts", Some(when))?;
        page.kind = PageKind::Post;
        if matches!(self.kind, DocKind::Draft) && !options.drafts {
            page.built = false;
            page.not_built_because = Some("it is a draft (build with `--drafts`)");
        } else if when > options.now && !jekyll.future {
            page.built = false;
            page.not_built_because = Some("it is dated in the future (`future: true` builds it)");
        }
        self.unpublished(jekyll, options, &mut page);
        Some(page)
    }

    fn unpublished(&self, jekyll: &JekyllConfig, options: &IndexOptions, page: &mut Page) {
        let published = self.value(jekyll, "published");
        if matches!(published.map(|v| &v.value), Some(Value::Bool(false))) && !options.unpublished {
            page.built = false;
            page.not_built_because = Some("it has `published: false`");
        }
    }

    /// The `date` value as written. YAML (Psych) reads an unquoted date-time without an offset
    /// as UTC, while a quoted one is parsed in the site's zone.
    fn written_date(&self, jekyll: &JekyllConfig) -> Option<(DateTime, Option<i32>)> {
        let own = self
            .front_matter
            .and_then(|fm| fm.get("date"))
            .map(|(_, v)| v);
        let node = own.or_else(|| jekyll.default_value("date", self.rel_path, self.kind))?;
        let (local, offset) = date::parse(&node.value.scalar_text()?)?;
        let quoted = own.is_none()
            || self
                .text
                .get(node.span.clone())
                .is_some_and(|t| t.starts_with(['\'', '"']));
        let has_time = local.time() != jiff::civil::Time::midnight()
            || node
                .value
                .scalar_text()
                .is_some_and(|t| t.trim().len() > 10);
        let offset = match offset {
            None if !quoted && has_time => Some(0),
            other => other,
        };
        Some((local, offset))
    }

    /// The date in a post's URL: front matter (moved into the site's zone), else the file
    /// name, else (a draft without one) now.
    fn post_date(
        &self,
        jekyll: &JekyllConfig,
        zone: &TimeZone,
        options: &IndexOptions,
    ) -> DateTime {
        if let Some(written) = self.written_date(jekyll) {
            return date::in_zone(written, zone);
        }
        if let DocKind::Post(name) = self.kind
            && let Some((written, _)) = date::parse(&name.date)
        {
            return written;
        }
        options.now
    }

    /// A document of a collection (posts included), through the `UrlDrop` placeholders.
    fn document_page(
        &self,
        jekyll: &JekyllConfig,
        zone: &TimeZone,
        template: &str,
        collection: &str,
        when: Option<DateTime>,
    ) -> Option<Page> {
        let (basename, ext) = split_name(self.rel_path);
        let out_ext = output_ext(ext);
        // `Document#populate_title`: a dated file name gives its slug, in any collection.
        let file_name = self.rel_path.rsplit('/').next().unwrap_or(self.rel_path);
        let file_slug =
            DocKind::post_name(file_name).map_or_else(|| basename.to_string(), |n| n.slug);
        let slug = self
            .text(jekyll, "slug")
            .unwrap_or_else(|| file_slug.trim_end_matches('.').to_string());
        let categories = self.categories(jekyll);
        let dir = format!("_{collection}");
        let cleaned_path = self
            .rel_path
            .strip_suffix(ext)
            .unwrap_or(self.rel_path)
            .trim_end_matches('.')
            .replacen(&dir, "", 1);
        let when = when.unwrap_or_else(|| {
            self.written_date(jekyll)
                .map_or(DateTime::default(), |w| date::in_zone(w, zone))
        });
        let value = |key: &str| -> Option<String> {
            Some(match key {
                "title" => slugify(&slug, Mode::Pretty, true),
                "slug" => slugify(&slug, Mode::Default, false),
                "name" => slugify(basename, Mode::Default, false),
                "categories" => categories.clone(),
                "collection" => collection.to_string(),
                "path" => cleaned_path.clone(),
                "output_ext" => out_ext.clone(),
                other => date_placeholder(when, other)?,
            })
        };
        let template = self
            .text(jekyll, "permalink")
            .unwrap_or_else(|| template.to_string());
        let url = expand(&template, &value);
        Some(new_page(url, &out_ext, self.rel_path, PageKind::Post))
    }

    /// `page.categories` as Jekyll 4 assembles them: folders above `_posts`, then
    /// `categories` (a string is split on spaces), then `category`; lower-cased and joined
    /// with `/` for the URL.
    fn categories(&self, jekyll: &JekyllConfig) -> String {
        let mut all: Vec<String> = Vec::new();
        let special = if matches!(self.kind, DocKind::Draft) {
            "_drafts"
        } else {
            "_posts"
        };
        if let Some(i) = self.rel_path.find(special) {
            all.extend(
                self.rel_path
                    .get(..i)
                    .unwrap_or("")
                    .split('/')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
            );
        }
        if let Some(v) = self.value(jekyll, "categories") {
            all.extend(match &v.value {
                Value::Str(s) => s.split_whitespace().map(str::to_string).collect(),
                _ => scalar_list(v),
            });
        }
        if let Some(v) = self.value(jekyll, "category") {
            all.extend(scalar_list(v));
        }
        let mut seen: Vec<String> = Vec::new();
        for c in all.iter().map(|c| c.to_lowercase()) {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen.join("/")
    }

    /// Pages jekyll-redirect-from makes for `redirect_from`.
    fn redirects(&self, jekyll: &JekyllConfig, target: &Page) -> Vec<Page> {
        if !jekyll.redirect_from || !target.built {
            return Vec::new();
        }
        let Some(node) = self.value(jekyll, "redirect_from") else {
            return Vec::new();
        };
        scalar_list(node)
            .into_iter()
            .filter(|from| !from.trim().is_empty())
            .map(|from| {
                // jekyll-redirect-from writes the path as given, unescaped.
                let url = permalink::sanitize(from.trim());
                let output = permalink::destination(&url, ".html");
                Page {
                    url,
                    output,
                    source: None,
                    kind: PageKind::Redirect,
                    built: true,
                    not_built_because: None,
                    ids: None,
                }
            })
            .collect()
    }
}

/// `Renderer#output_ext`: a front-matter permalink's own extension wins over the converter's.
fn permalink_ext(permalink: Option<&str>) -> Option<String> {
    let permalink = permalink?;
    if permalink.ends_with('/') {
        return None;
    }
    let last = permalink.rsplit('/').next()?;
    let dot = last.rfind('.')?;
    last.get(dot..).filter(|e| e.len() > 1).map(str::to_string)
}

fn new_page(url: String, out_ext: &str, source: &str, kind: PageKind) -> Page {
    let output = permalink::destination(&url, out_ext);
    Page {
        url,
        output,
        source: Some(source.to_string()),
        kind,
        built: true,
        not_built_because: None,
        ids: None,
    }
}

/// A scalar or a list of scalars, as text.
fn scalar_list(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|i| i.value.scalar_text()).collect(),
        Value::Map(_) | Value::Null => Vec::new(),
        other => other.scalar_text().into_iter().collect(),
    }
}

/// `(basename without extension, extension with its dot)` of a relative path.
fn split_name(rel_path: &str) -> (&str, &str) {
    let file = rel_path.rsplit('/').next().unwrap_or(rel_path);
    match file.rfind('.') {
        Some(i) if i > 0 => (file.get(..i).unwrap_or(file), file.get(i..).unwrap_or("")),
        _ => (file, ""),
    }
}

/// The date placeholders of `UrlDrop`, formatted as Ruby's `strftime` does.
fn date_placeholder(when: DateTime, key: &str) -> Option<String> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let weekday = usize::try_from(when.weekday().to_monday_zero_offset()).unwrap_or(0);
    let month = usize::try_from(when.month() - 1).unwrap_or(0);
    let day_name = DAYS.get(weekday).copied().unwrap_or("");
    let month_name = MONTHS.get(month).copied().unwrap_or("");
    let week = when.date().iso_week_date();
    Some(match key {
        "year" => format!("{:04}", when.year()),
        "short_year" => format!("{:02}", when.year().rem_euclid(100)),
        "month" => format!("{:02}", when.month()),
        "i_month" => when.month().to_string(),
        "short_month" => month_name.get(..3).unwrap_or("").to_string(),
        "long_month" => month_name.to_string(),
        "day" => format!("{:02}", when.day()),
        "i_day" => when.day().to_string(),
        "y_day" => format!("{:03}", when.day_of_year()),
        "w_year" => week.year().to_string(),
        "week" => format!("{:02}", week.week()),
        "w_day" => (weekday + 1).to_string(),
        "short_day" => day_name.get(..3).unwrap_or("").to_string(),
        "long_day" => day_name.to_string(),
        "hour" => format!("{:02}", when.hour()),
        "minute" => format!("{:02}", when.minute()),
        "second" => format!("{:02}", when.second()),
        _ => return None,
    })
}

/// The lower-cased host of an absolute `url`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests;

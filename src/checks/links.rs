//! Links and images: every internal URL a document points at must be one the site serves,
//! judged against the site index (Jekyll's output URLs), not against files beside the source.

use crate::checks::Rule;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::Document;
use crate::document::links::{self, Origin, RefKind, Reference};
use crate::site::liquid_url::{self, TagError};
use crate::site::resolve::{Base, Resolved, Why};
use crate::site::{Page, Site, permalink};

/// A link to a URL the site does not serve: readers get a 404.
pub static BROKEN: Rule = Rule {
    id: "link/broken",
    default_severity: Severity::Error,
    summary: "An internal link points at a URL the site does not serve",
};

/// Jekyll stops the build when `{% post_url %}` or `{% link %}` names nothing.
pub static POST_URL: Rule = Rule {
    id: "link/post-url",
    default_severity: Severity::Error,
    summary: "A `{% post_url %}` or `{% link %}` tag names a post or file that does not exist",
};

/// Themes add ids Markdown cannot show, so a missing fragment is only a warning.
pub static FRAGMENT: Rule = Rule {
    id: "link/fragment",
    default_severity: Severity::Warning,
    summary: "A link's `#fragment` names no heading or id on the target page",
};

/// An image the site does not serve shows as a broken picture.
pub static IMAGE_MISSING: Rule = Rule {
    id: "image/missing",
    default_severity: Severity::Error,
    summary: "An image points at a file the site does not serve",
};

/// Checks every reference of `doc` against `site`; `image_keys` are the front-matter keys
/// holding images.
pub fn check(doc: &Document, site: &Site, image_keys: &[String]) -> Vec<Diagnostic> {
    let own_url = match site.page_of_source(&doc.rel_path) {
        Some(page) => format!("{}{}", site.baseurl, page.url),
        None => format!("{}/{}", site.baseurl, permalink::escape_path(&doc.rel_path)),
    };
    let front_matter = doc
        .front_matter_root()
        .map(|root| links::front_matter_images(root, doc.text(), image_keys))
        .unwrap_or_default();
    let mut out = Vec::new();
    for reference in front_matter.iter().chain(&doc.body.references) {
        if let Some(d) = check_reference(doc, site, &own_url, reference) {
            out.push(d);
        }
    }
    out
}

fn check_reference(
    doc: &Document,
    site: &Site,
    own_url: &str,
    reference: &Reference,
) -> Option<Diagnostic> {
    let dest = if reference.has_liquid {
        match liquid_url::render(site, &reference.dest, reference.span.start) {
            Ok(Some(rendered)) => rendered,
            Ok(None) => return None,
            Err(error) => return Some(tag_error(doc, site, reference, &error)),
        }
    } else {
        reference.dest.clone()
    };
    let base = match reference.origin {
        Origin::FrontMatter => Base::SiteRoot,
        _ => Base::Page(own_url),
    };
    match site.resolve(&dest, base) {
        Resolved::Elsewhere => None,
        Resolved::Found { page, fragment } => {
            let fragment = fragment.filter(|f| !f.is_empty() && f != "top")?;
            let ids = page.ids.as_ref()?;
            if reference.kind == RefKind::Image || ids.contains(&fragment) {
                return None;
            }
            let mut d = Diagnostic::new(
                &FRAGMENT,
                &doc.source,
                reference.span.clone(),
                format!(
                    "`#{fragment}` is not an id on `{}`",
                    display_url(site, page, &dest)
                ),
            );
            if let Some(near) = closest(ids, &fragment) {
                d = d.with_help(format!("did you mean `#{near}`?"));
                let written = dest
                    .split_once('#')
                    .map_or(dest.as_str(), |(before, _)| before);
                if let Some(fix) = rewrite(reference, &format!("{written}#{near}")) {
                    d = d.with_fix(fix);
                }
            } else {
                d = d.with_help("link to a heading's id; postlint derives ids as kramdown does");
            }
            Some(d)
        }
        Resolved::Missing { path, why } => Some(missing(doc, site, reference, &dest, &path, &why)),
    }
}

fn missing(
    doc: &Document,
    site: &Site,
    reference: &Reference,
    dest: &str,
    path: &str,
    why: &Why<'_>,
) -> Diagnostic {
    let rule = if reference.kind == RefKind::Image {
        &IMAGE_MISSING
    } else {
        &BROKEN
    };
    let what = if reference.kind == RefKind::Image {
        "image"
    } else {
        "link"
    };
    let relative = !dest.starts_with('/') && !dest.contains("://");
    let shown = if !relative || dest == path {
        format!("`{dest}`")
    } else {
        format!("`{dest}` (resolved to `{path}`)")
    };
    // The URL to write instead, when there is one; it keeps the `?query#fragment`.
    let mut instead: Option<String> = None;
    let (message, help) = match why {
        Why::NotFound => match source_named(doc, site, dest) {
            Some(page) => {
                let url = display_url(site, page, dest);
                let help = format!(
                    "link to `{url}`, the URL Jekyll gives `{}`",
                    page.source.as_deref().unwrap_or("")
                );
                instead = Some(url);
                (
                    format!(
                        "{what} {shown} names a source file; the site serves it at another URL"
                    ),
                    Some(help),
                )
            }
            None => {
                let near = site.suggest(path).map(|p| display_url(site, p, dest));
                let help = near.as_ref().map(|url| format!("did you mean `{url}`?"));
                instead = near;
                (format!("{what} {shown} is not served by the site"), help)
            }
        },
        Why::NotBuilt(page) => (
            format!(
                "{what} {shown} points at `{}`, which Jekyll does not build: {}",
                page.source.as_deref().unwrap_or(&page.output),
                page.not_built_because.unwrap_or("it is excluded")
            ),
            None,
        ),
        Why::AboveRoot => (
            format!("{what} {shown} climbs above the site root"),
            Some("relative links resolve against the page's URL, not its source folder".into()),
        ),
        Why::NoBaseurl(page) => {
            let url = display_url(site, page, dest);
            let message = format!(
                "{what} {shown} lacks the site's baseurl `{}`: the site serves it at `{url}`",
                site.baseurl,
            );
            let help = format!("write `{url}`, or `{{{{ '{path}' | relative_url }}}}`");
            instead = Some(url);
            (message, Some(help))
        }
    };
    let mut d = Diagnostic::new(rule, &doc.source, reference.span.clone(), message);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    let suffix = dest
        .find(['?', '#'])
        .map_or("", |i| dest.get(i..).unwrap_or(""));
    if let Some(fix) = instead.and_then(|url| rewrite(reference, &format!("{url}{suffix}"))) {
        d = d.with_fix(fix);
    }
    d
}

/// A fix writing `replacement` over a destination written literally (no Liquid), spaces
/// encoded. Never
/// automatic: a suggestion is a guess a person should confirm, in an editor or a review.
fn rewrite(reference: &Reference, replacement: &str) -> Option<Fix> {
    if reference.has_liquid || !reference.literal || reference.dest == replacement {
        return None;
    }
    Some(Fix {
        span: reference.span.clone(),
        // A raw space would end a Markdown destination.
        replacement: replacement.replace(' ', "%20"),
        automatic: false,
    })
}

/// The page made from the source file a destination names, relative to the document's own
/// folder or to the site root (`2016-05-13-x.md`, `/_posts/2016-05-13-x.md`): writers often
/// link to the file they see in their editor.
fn source_named<'a>(doc: &Document, site: &'a Site, dest: &str) -> Option<&'a Page> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let path = permalink::unescape_path(path);
    let folder = doc.rel_path.rsplit_once('/').map_or("", |(f, _)| f);
    let mut candidates = vec![path.trim_start_matches('/').to_string()];
    if !path.starts_with('/') {
        candidates.insert(
            0,
            format!("{folder}/{path}")
                .trim_start_matches('/')
                .to_string(),
        );
    }
    candidates
        .iter()
        .filter_map(|c| site.page_of_source(&normalise_source(c)))
        .find(|p| p.built)
}

/// Resolves `.` and `..` in a relative source path (never above the root).
fn normalise_source(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn tag_error(doc: &Document, site: &Site, reference: &Reference, error: &TagError) -> Diagnostic {
    let (message, help) = match error.tag {
        "post_url" => (
            format!(
                "`{{% post_url {} %}}` names no post, so Jekyll's build fails",
                error.arg
            ),
            site.suggest_post(&error.arg)
                .map(|name| format!("did you mean `{name}`?"))
                .unwrap_or_else(|| "name a post as `YYYY-MM-DD-slug`, its file name without the extension".into()),
        ),
        _ => (
            format!(
                "`{{% link {} %}}` names no file of the site, so Jekyll's build fails",
                error.arg
            ),
            "give the source path from the site root, with its extension (`_posts/2016-05-13-x.md`)".to_string(),
        ),
    };
    let mut d =
        Diagnostic::new(&POST_URL, &doc.source, error.span.clone(), message).with_help(help);
    if error.tag == "post_url"
        && let Some(name) = site.suggest_post(&error.arg)
        && written_at(reference, &error.span) == Some(error.arg.as_str())
    {
        d = d.with_fix(Fix {
            span: error.span.clone(),
            replacement: name,
            automatic: false,
        });
    }
    d
}

/// The bytes of the file at `span` (inside `reference`'s destination), when the destination
/// is written literally.
fn written_at<'a>(reference: &'a Reference, span: &std::ops::Range<usize>) -> Option<&'a str> {
    if !reference.literal {
        return None;
    }
    let start = span.start.checked_sub(reference.span.start)?;
    let end = span.end.checked_sub(reference.span.start)?;
    reference.dest.get(start..end)
}

/// How to write a page's URL in a suggestion: with the baseurl, decoded unless the writer
/// percent-encoded.
fn display_url(site: &Site, page: &Page, written: &str) -> String {
    let url = if written.contains('%') {
        page.url.clone()
    } else {
        permalink::unescape_path(&page.url)
    };
    format!("{}{url}", site.baseurl)
}

fn closest<'a>(ids: &'a [String], wanted: &str) -> Option<&'a str> {
    ids.iter()
        .map(|id| (strsim::normalized_levenshtein(id, wanted), id))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.as_str())
}

#[cfg(test)]
mod tests;

//! Renders the Liquid that writers put in link destinations, without running Liquid: the
//! tags and filters that make URLs (`{% post_url %}`, `{% link %}`, `{{ site.baseurl }}`,
//! `relative_url`, `absolute_url`, `prepend`, `append`). Anything else makes the URL unknown,
//! and postlint says nothing rather than guess.

use std::ops::Range;

use crate::document::liquid::{ItemKind, Liquid};
use crate::site::Site;

/// A Liquid tag in a destination that Jekyll cannot render: its build stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagError {
    /// `post_url` or `link`.
    pub tag: &'static str,
    /// The name or path the tag was given.
    pub arg: String,
    /// Bytes of the argument in the file.
    pub span: Range<usize>,
}

/// Renders `written` (a destination whose first byte is at `offset` in the file): `Ok(None)`
/// when it uses Liquid postlint cannot evaluate.
pub fn render(site: &Site, written: &str, offset: usize) -> Result<Option<String>, TagError> {
    let liquid = Liquid::scan(written, 0);
    let mut out = String::with_capacity(written.len());
    let mut pos = 0;
    for item in &liquid.items {
        out.push_str(written.get(pos..item.range.start).unwrap_or(""));
        pos = item.range.end;
        let value = match &item.kind {
            ItemKind::Output { expr } => expression(site, expr),
            ItemKind::Tag {
                name,
                args,
                args_range,
            } => {
                let span = args_range.start + offset..args_range.end + offset;
                match name.as_str() {
                    "post_url" => Some(
                        site.post_by_name(args)
                            .map(|p| format!("{}{}", site.baseurl, p.url))
                            .ok_or_else(|| TagError {
                                tag: "post_url",
                                arg: args.clone(),
                                span,
                            })?,
                    ),
                    "link" if !args.contains("{{") => Some(
                        site.linkable(args)
                            .map(|p| format!("{}{}", site.baseurl, p.url))
                            .ok_or_else(|| TagError {
                                tag: "link",
                                arg: args.clone(),
                                span,
                            })?,
                    ),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(value) = value else { return Ok(None) };
        out.push_str(&value);
    }
    out.push_str(written.get(pos..).unwrap_or(""));
    Ok(Some(out))
}

/// `{{ primary | filter | filter: arg }}` for the URL-making subset of Liquid.
fn expression(site: &Site, expr: &str) -> Option<String> {
    let mut parts = expr.split('|');
    let mut value = operand(site, parts.next()?)?;
    for filter in parts {
        let (name, arg) = match filter.split_once(':') {
            Some((n, a)) => (n.trim(), Some(a.trim())),
            None => (filter.trim(), None),
        };
        value = match (name, arg) {
            ("relative_url", None) => relative_url(site, &value),
            ("absolute_url", None) => format!(
                "{}{}",
                site.url.as_deref().unwrap_or(""),
                relative_url(site, &value)
            ),
            ("prepend", Some(arg)) => format!("{}{value}", operand(site, arg)?),
            ("append", Some(arg)) => format!("{value}{}", operand(site, arg)?),
            ("strip", None) => value.trim().to_string(),
            _ => return None,
        };
    }
    Some(value)
}

/// Jekyll's `relative_url`: `baseurl` + the path with a leading `/`.
fn relative_url(site: &Site, path: &str) -> String {
    if path.contains("://") || path.starts_with("//") {
        return path.to_string();
    }
    let path = path.trim_start_matches('/');
    format!("{}/{path}", site.baseurl)
}

/// A string literal, `site.baseurl` or `site.url`.
fn operand(site: &Site, text: &str) -> Option<String> {
    let text = text.trim();
    for quote in ['\'', '"'] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return Some(inner.to_string());
        }
    }
    match text {
        "site.baseurl" => Some(site.baseurl.clone()),
        "site.url" => site.url.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Page, PageKind};

    fn site(baseurl: &str) -> Site {
        let mut site = Site {
            baseurl: baseurl.into(),
            url: Some("https://blog.example.kr".into()),
            ..Site::default()
        };
        site.add(Page {
            url: "/2016/05/13/image-resizing-with-lambda.html".into(),
            output: "/2016/05/13/image-resizing-with-lambda.html".into(),
            source: Some("_posts/2016-05-13-image-resizing-with-lambda.md".into()),
            kind: PageKind::Post,
            built: true,
            not_built_because: None,
            ids: None,
        });
        site.add_post(
            "_posts/2016-05-13-image-resizing-with-lambda.md",
            "2016-05-13",
            "image-resizing-with-lambda",
            0,
        );
        site
    }

    #[test]
    fn url_tags_and_filters() {
        let s = site("/blog");
        let r = |w: &str| render(&s, w, 0).unwrap();
        assert_eq!(
            r("{% post_url 2016-05-13-image-resizing-with-lambda %}#설치").as_deref(),
            Some("/blog/2016/05/13/image-resizing-with-lambda.html#설치")
        );
        assert_eq!(
            r("{% link _posts/2016-05-13-image-resizing-with-lambda.md %}").as_deref(),
            Some("/blog/2016/05/13/image-resizing-with-lambda.html")
        );
        assert_eq!(
            r("{{ site.baseurl }}/a.png").as_deref(),
            Some("/blog/a.png")
        );
        assert_eq!(
            r("{{ '/a.png' | relative_url }}").as_deref(),
            Some("/blog/a.png")
        );
        assert_eq!(
            r("{{ \"a.png\" | relative_url }}").as_deref(),
            Some("/blog/a.png")
        );
        assert_eq!(
            r("{{ '/a.png' | absolute_url }}").as_deref(),
            Some("https://blog.example.kr/blog/a.png")
        );
        assert_eq!(
            r("{{ '/a.png' | prepend: site.baseurl }}").as_deref(),
            Some("/blog/a.png")
        );
        assert_eq!(r("{{ page.image }}"), None);
        assert_eq!(r("{% include x.html %}"), None);
    }

    #[test]
    fn missing_posts_and_files_point_at_the_argument() {
        let s = site("");
        let written = "{% post_url 2016-05-13-image-resizing-with-lamda %}";
        let err = render(&s, written, 100).unwrap_err();
        assert_eq!(err.tag, "post_url");
        assert_eq!(err.arg, "2016-05-13-image-resizing-with-lamda");
        assert_eq!(err.span, 112..148);
        let err = render(&s, "{% link about.md %}", 0).unwrap_err();
        assert_eq!((err.tag, err.arg.as_str()), ("link", "about.md"));
        // A leading slash only works for static files (Jekyll 4.3.1, verified).
        let err = render(
            &s,
            "{% link /_posts/2016-05-13-image-resizing-with-lambda.md %}",
            0,
        );
        assert!(err.is_err());
    }
}

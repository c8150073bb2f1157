//! Jekyll's URL templates (`Jekyll::URL`): built-in permalink styles, `:placeholder`
//! expansion with each value percent-escaped, the clean-up Jekyll applies, and the file a URL
//! is written to under `_site`.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Characters `URL.escape_path` leaves alone (what Addressable's `encode` keeps; `?` too).
const PATH_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'?')
    .remove(b'/');

/// `URL.escape_path`: what Jekyll puts in `page.url` (Hangul and spaces percent-encoded).
pub fn escape_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_SAFE).to_string()
}

/// `URL.unescape_path`: the decoded form, which names the file on disk. Invalid sequences and
/// non-UTF-8 results are kept as written.
pub fn unescape_path(path: &str) -> String {
    percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |s| s.into_owned())
}

/// The template behind a post permalink style; anything else is a template already.
pub fn post_style_template(style: &str) -> &str {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    }
}

/// `Utils.add_permalink_suffix`: how pages and collections follow the site's style.
pub fn add_suffix(template: &str, style: &str) -> String {
    match style {
        "pretty" => format!("{template}/"),
        "date" | "ordinal" | "none" => format!("{template}:output_ext"),
        custom if custom.ends_with('/') => format!("{template}/"),
        custom if custom.ends_with(":output_ext") => format!("{template}:output_ext"),
        _ => template.to_string(),
    }
}

/// Expands `:name` placeholders the way `URL#generate_url_from_drop` does: each value is
/// escaped, a name ending in `_` may also match without it, and unknown names stay as written
/// (Jekyll would stop the build). Then `URL#sanitize_url` cleans the result.
pub fn expand(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        out.push_str(rest.get(..colon).unwrap_or(""));
        let after = rest.get(colon + 1..).unwrap_or("");
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = after.get(..name_len).unwrap_or("");
        let found = if name.is_empty() {
            None
        } else {
            value(name).map(|v| (v, name.len())).or_else(|| {
                let short = name.strip_suffix('_')?;
                value(short).map(|v| (v, short.len()))
            })
        };
        match found {
            Some((v, used)) => {
                out.push_str(&escape_path(&v));
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push(':');
                out.push_str(name);
                rest = after.get(name_len..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    sanitize(&out)
}

/// `URL#sanitize_url`: a leading `/`, `..` turned into `/`, `./` dropped, `//` squeezed.
pub fn sanitize(url: &str) -> String {
    let mut s = format!("/{url}").replace("..", "/").replace("./", "");
    let mut squeezed = String::with_capacity(s.len());
    let mut last_slash = false;
    for c in s.drain(..) {
        if c == '/' && last_slash {
            continue;
        }
        last_slash = c == '/';
        squeezed.push(c);
    }
    squeezed
}

/// The file a URL is written to, relative to `_site` and decoded: `/a/` is `/a/index.html`,
/// and a URL without the output extension gets it (`/about` is `/about.html`).
pub fn destination(url: &str, output_ext: &str) -> String {
    let path = unescape_path(url);
    if path.ends_with('/') {
        format!("{path}index.html")
    } else if output_ext.is_empty() || path.ends_with(output_ext) {
        path
    } else {
        format!("{path}{output_ext}")
    }
}

/// The extension Jekyll's converters give a source extension (`.md` is `.html`).
pub fn output_ext(source_ext: &str) -> String {
    let lower = source_ext.to_ascii_lowercase();
    match lower.as_str() {
        ".md" | ".markdown" | ".mkd" | ".mkdn" | ".mdown" | ".markdn" | ".mdwn" | ".html"
        | ".htm" => ".html".into(),
        ".scss" | ".sass" => ".css".into(),
        ".coffee" => ".js".into(),
        _ => source_ext.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post_values(name: &str) -> Option<String> {
        Some(
            match name {
                "categories" => "aws 클라우드",
                "year" => "2016",
                "month" => "05",
                "day" => "13",
                "title" => "캐시-정리",
                "output_ext" => ".html",
                _ => return None,
            }
            .to_string(),
        )
    }

    #[test]
    fn styles_expand_escaped_and_clean() {
        let date = expand(post_style_template("date"), &post_values);
        assert_eq!(
            date,
            "/aws%20%ED%81%B4%EB%9D%BC%EC%9A%B0%EB%93%9C/2016/05/13/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC.html"
        );
        assert_eq!(
            destination(&date, ".html"),
            "/aws 클라우드/2016/05/13/캐시-정리.html"
        );
        let none = |n: &str| {
            if n == "categories" {
                Some(String::new())
            } else {
                post_values(n)
            }
        };
        assert_eq!(
            expand(post_style_template("pretty"), &none),
            "/2016/05/13/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC/"
        );
        assert_eq!(
            expand("/blog/:year/:unknown/:title_/", &post_values),
            "/blog/2016/:unknown/%EC%BA%90%EC%8B%9C-%EC%A0%95%EB%A6%AC_/"
        );
    }

    #[test]
    fn sanitize_and_destination() {
        assert_eq!(sanitize("a//b/../c/./d"), "/a/b/c/d");
        assert_eq!(destination("/about/", ".html"), "/about/index.html");
        assert_eq!(destination("/about", ".html"), "/about.html");
        assert_eq!(destination("/feed.xml", ".xml"), "/feed.xml");
        assert_eq!(destination("/%ED%95%9C", ".html"), "/한.html");
        assert_eq!(destination("/bad%zz", ".html"), "/bad%zz.html");
    }

    #[test]
    fn suffixes_follow_the_style() {
        assert_eq!(
            add_suffix("/:path/:basename", "pretty"),
            "/:path/:basename/"
        );
        assert_eq!(
            add_suffix("/:path/:basename", "date"),
            "/:path/:basename:output_ext"
        );
        assert_eq!(
            add_suffix("/:path/:basename", "/:title/"),
            "/:path/:basename/"
        );
        assert_eq!(
            add_suffix("/:path/:basename", "/:title"),
            "/:path/:basename"
        );
        assert_eq!(output_ext(".markdown"), ".html");
        assert_eq!(output_ext(".scss"), ".css");
        assert_eq!(output_ext(".xml"), ".xml");
    }
}

//! Resolving a destination the way a browser and a static server would: against the
//! document's *output* URL, percent-decoded, `dir/` serving `dir/index.html`, an extensionless
//! path serving `path.html` (GitHub Pages), query strings ignored, case-sensitive.

use crate::site::{Page, Site, folder, permalink, shown, stem};

/// What a destination resolves to.
#[derive(Debug)]
pub enum Resolved<'a> {
    /// Not a URL of this site (another host, `mailto:`, an empty link): nothing to check.
    Elsewhere,
    /// A page the site serves, and the fragment (decoded) if the URL has one.
    Found {
        /// The page.
        page: &'a Page,
        /// `#fragment`, percent-decoded, without `#`.
        fragment: Option<String>,
    },
    /// Nothing is served there.
    Missing {
        /// The site path looked up, decoded (`/2016/05/13/x.html`).
        path: String,
        /// Why, beyond "no such file".
        why: Why<'a>,
    },
}

/// Why a destination is missing.
#[derive(Debug)]
pub enum Why<'a> {
    /// No file is served at the path.
    NotFound,
    /// A page exists there, but Jekyll will not build it.
    NotBuilt(&'a Page),
    /// A relative link climbs above the site root.
    AboveRoot,
    /// A root-relative link lacks the site's `baseurl`; the page exists under it.
    NoBaseurl(&'a Page),
}

/// How a destination's path is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base<'a> {
    /// As a browser reads a link on the page served at this URL (percent-encoded or not).
    Page(&'a str),
    /// Relative to the site root, `baseurl` optional (front-matter images, which themes
    /// print through `relative_url`).
    SiteRoot,
}

impl Site {
    /// Resolves `dest` as written on a page (after Liquid was rendered).
    pub fn resolve(&self, dest: &str, base: Base<'_>) -> Resolved<'_> {
        let dest = dest.trim();
        let (before_fragment, fragment) = match dest.split_once('#') {
            Some((b, f)) => (b, Some(permalink::unescape_path(f))),
            None => (dest, None),
        };
        let without_query = before_fragment
            .split_once('?')
            .map_or(before_fragment, |(p, _)| p);
        let Some(path) = self.site_path(without_query, base) else {
            return Resolved::Elsewhere;
        };
        if path.is_empty() {
            // `#fragment` alone, or an empty link: the page itself.
            return match (base, fragment) {
                (Base::Page(url), Some(fragment)) => {
                    let own = permalink::unescape_path(url);
                    match self.lookup(&own) {
                        Some(page) => Resolved::Found {
                            page,
                            fragment: Some(fragment),
                        },
                        None => Resolved::Elsewhere,
                    }
                }
                _ => Resolved::Elsewhere,
            };
        }
        let decoded = match normalise(&permalink::unescape_path(&path)) {
            Some(p) => p,
            None => {
                return Resolved::Missing {
                    path,
                    why: Why::AboveRoot,
                };
            }
        };
        let (decoded, baseurl_ok) = self.strip_baseurl(&decoded, base);
        if let Some(page) = self.lookup(&decoded) {
            if baseurl_ok {
                return Resolved::Found { page, fragment };
            }
            return Resolved::Missing {
                path: decoded,
                why: Why::NoBaseurl(page),
            };
        }
        let why = self.unbuilt(&decoded).map_or(Why::NotFound, Why::NotBuilt);
        Resolved::Missing { path: decoded, why }
    }

    /// The path part of `dest` as a site path (starting with `/`, possibly relative to the
    /// page, not yet decoded), or `None` when the URL is not on this site. Empty for a link
    /// to the page itself.
    fn site_path(&self, dest: &str, base: Base<'_>) -> Option<String> {
        if dest.is_empty() {
            return Some(String::new());
        }
        let lower = dest.to_ascii_lowercase();
        let after_host = if let Some(rest) = lower
            .strip_prefix("http://")
            .or_else(|| lower.strip_prefix("https://"))
            .or_else(|| lower.strip_prefix("//"))
        {
            let host_len = rest.find('/').unwrap_or(rest.len());
            if Some(rest.get(..host_len)?) != self.host.as_deref() {
                return None;
            }
            let skip = dest.len() - rest.len() + host_len;
            let path = dest.get(skip..)?;
            return Some(if path.is_empty() {
                "/".into()
            } else {
                path.to_string()
            });
        } else {
            dest
        };
        if has_scheme(after_host) {
            return None;
        }
        match base {
            _ if after_host.starts_with('/') => Some(after_host.to_string()),
            Base::SiteRoot => Some(format!("/{after_host}")),
            Base::Page(url) => {
                let dir = url.rsplit_once('/').map_or("", |(d, _)| d);
                Some(format!("{dir}/{after_host}"))
            }
        }
    }

    /// Removes `baseurl` from a decoded root-relative path; the flag says whether the path
    /// had it (always true when the site has none, or for site-root references).
    fn strip_baseurl(&self, decoded: &str, base: Base<'_>) -> (String, bool) {
        if self.baseurl.is_empty() {
            return (decoded.to_string(), true);
        }
        let stripped = decoded
            .strip_prefix(self.baseurl.as_str())
            .filter(|rest| rest.is_empty() || rest.starts_with('/'));
        match (stripped, base) {
            (Some(rest), _) => (
                if rest.is_empty() {
                    "/".into()
                } else {
                    rest.to_string()
                },
                true,
            ),
            (None, Base::SiteRoot) => (decoded.to_string(), true),
            (None, Base::Page(_)) => (decoded.to_string(), false),
        }
    }

    /// The built page serving a decoded site path, trying what servers try.
    fn lookup(&self, path: &str) -> Option<&Page> {
        if path.ends_with('/') {
            return self.served(&format!("{path}index.html"));
        }
        self.served(path)
            .or_else(|| self.served(&format!("{path}/index.html")))
            .or_else(|| self.served(&format!("{path}.html")))
    }

    /// A page that would serve `path` if Jekyll built it.
    fn unbuilt(&self, path: &str) -> Option<&Page> {
        if path.ends_with('/') {
            return self.unbuilt_at(&format!("{path}index.html"));
        }
        self.unbuilt_at(path)
            .or_else(|| self.unbuilt_at(&format!("{path}/index.html")))
            .or_else(|| self.unbuilt_at(&format!("{path}.html")))
    }

    /// The served URL closest to a missing decoded path, if one is close enough to be what
    /// the writer meant: same file name elsewhere, or a near spelling in the same folder.
    pub fn suggest(&self, missing: &str) -> Option<&Page> {
        let target = missing.trim_end_matches('/');
        let name = |path: &str| path.rsplit('/').next().unwrap_or("").to_string();
        let wanted = name(target);
        // The same file name in another folder (a wrong date or category) is a strong hint;
        // in the same folder, only a near spelling of the name is.
        let elsewhere = self.pages_with_stem(stem(target)).map(|p| {
            let score = strsim::normalized_levenshtein(target, shown(&p.output));
            // The same name is a strong hint however far the folders are (a changed
            // permalink style moves every post).
            (0.7 + score / 10.0, p)
        });
        // Jaro-Winkler favours a shared beginning: `iam-001.png` is nearer `iam-cover.png`
        // than `vpc-001.png`.
        let beside = self.pages_in_folder(folder(target)).map(|p| {
            let score = strsim::jaro_winkler(&wanted, &name(shown(&p.output)));
            (score - 0.2, p)
        });
        elsewhere
            .chain(beside)
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
    }
}

/// `scheme:` at the start (`mailto:`, `tel:`, `javascript:`, `data:`).
fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = dest.get(..colon).unwrap_or("");
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves `.` and `..` segments; `None` when `..` climbs above the root. Keeps a trailing
/// `/`.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests;

//! Jekyll's `Utils.slugify`, which turns file names and titles into URL parts. Hangul is a
//! letter (`\p{L}`), so `캐시 정리` becomes `캐시-정리`, never an empty slug.

use std::sync::LazyLock;

use regex::Regex;

/// The slugify modes Jekyll knows; `:title` uses `Pretty`, `:slug` and `:name` use `Default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only whitespace becomes `-`.
    Raw,
    /// Anything but letters, marks and digits becomes `-`.
    Default,
    /// Like `Default`, but also keeps `._~!$&'()+,;=@`.
    Pretty,
    /// Anything but ASCII letters and digits becomes `-`.
    Ascii,
}

/// Compiles a constant pattern; a typo in one fails every slug test at once.
fn constant(pattern: &str) -> Regex {
    // User input never reaches these patterns.
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("valid constant regex")
}

static RAW: LazyLock<Regex> = LazyLock::new(|| constant(r"\s+"));
static DEFAULT: LazyLock<Regex> = LazyLock::new(|| constant(r"[^\p{M}\p{L}\p{Nd}]+"));
static PRETTY: LazyLock<Regex> = LazyLock::new(|| constant(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+"));
static ASCII: LazyLock<Regex> = LazyLock::new(|| constant(r"[^A-Za-z0-9]+"));

/// `Utils.slugify(text, mode:, cased:)`: runs of unwanted characters become one `-`, one
/// leading and one trailing `-` go, and the result is lower-cased unless `cased`.
pub fn slugify(text: &str, mode: Mode, cased: bool) -> String {
    let pattern = match mode {
        Mode::Raw => &*RAW,
        Mode::Default => &*DEFAULT,
        Mode::Pretty => &*PRETTY,
        Mode::Ascii => &*ASCII,
    };
    let replaced = pattern.replace_all(text, "-");
    let trimmed = replaced.strip_prefix('-').unwrap_or(&replaced);
    let trimmed = trimmed.strip_suffix('-').unwrap_or(trimmed);
    if cased {
        trimmed.to_string()
    } else {
        trimmed.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_like_jekyll() {
        let cases = [
            ("캐시 정리", Mode::Pretty, true, "캐시-정리"),
            ("캐시 정리", Mode::Default, false, "캐시-정리"),
            ("AWS Summit 2016", Mode::Pretty, true, "AWS-Summit-2016"),
            ("AWS Summit 2016", Mode::Default, false, "aws-summit-2016"),
            ("a.b", Mode::Pretty, true, "a.b"),
            ("a.b", Mode::Default, false, "a-b"),
            ("C++ & Rust!", Mode::Pretty, true, "C++-&-Rust!"),
            ("C++ & Rust!", Mode::Default, false, "c-rust"),
            ("--hello--world--", Mode::Default, false, "hello-world"),
            ("  spaces  ", Mode::Raw, true, "spaces"),
            ("Café 캐시", Mode::Ascii, false, "caf"),
            ("what?#%", Mode::Pretty, true, "what"),
        ];
        for (text, mode, cased, want) in cases {
            assert_eq!(slugify(text, mode, cased), want, "{text} {mode:?}");
        }
    }
}

//! Rules about the file itself: it could not be read, is not text, or was skipped.

use super::Rule;
use crate::diagnostic::Severity;

/// The file exists but could not be read (permissions, a dangling symlink, an I/O error).
pub static UNREADABLE: Rule = Rule {
    id: "file/unreadable",
    default_severity: Severity::Error,
    summary: "The file could not be read",
};

/// Jekyll reads sources as UTF-8 and stops on invalid bytes.
pub static NOT_UTF8: Rule = Rule {
    id: "file/not-utf8",
    default_severity: Severity::Error,
    summary: "The file is not valid UTF-8, so Jekyll cannot build it",
};

/// A Markdown name on a binary file (a NUL byte near the start) is almost always a mistake.
pub static BINARY: Rule = Rule {
    id: "file/binary",
    default_severity: Severity::Error,
    summary: "A file with a Markdown extension holds binary data",
};

/// An empty document renders an empty page.
pub static EMPTY: Rule = Rule {
    id: "file/empty",
    default_severity: Severity::Warning,
    summary: "The file is empty",
};

/// Files over `max_file_size` are skipped so one generated file cannot stall the run.
pub static TOO_LARGE: Rule = Rule {
    id: "file/too-large",
    default_severity: Severity::Warning,
    summary: "The file is larger than `max_file_size` and was not checked",
};

/// A symlink that leads back to one of its parents would make any walker loop forever.
pub static SYMLINK_LOOP: Rule = Rule {
    id: "file/symlink-loop",
    default_severity: Severity::Warning,
    summary: "A symbolic link points back into its own parent folder",
};

/// A link out of the site would let postlint read (and `--fix` write) files that are not the
/// site's; Jekyll's safe mode (GitHub Pages) skips such links too.
pub static SYMLINK_OUTSIDE: Rule = Rule {
    id: "file/symlink-outside",
    default_severity: Severity::Warning,
    summary: "A symbolic link points outside the site root and was not followed",
};

/// Tells the user that a file they named is excluded, so a site-wide run would skip it.
pub static IGNORED: Rule = Rule {
    id: "file/ignored",
    default_severity: Severity::Info,
    summary: "A file named on the command line is ignored by the site and was checked anyway",
};

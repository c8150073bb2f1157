//! What git knows about a change, for `--changed-since REF`: which files were added, modified,
//! renamed or deleted since a revision, and what a file said at that revision. postlint runs
//! the `git` program (as pre-commit and most CI tools do) rather than linking a git library.

use std::path::{Path, PathBuf};
use std::process::Command;

/// How one file changed since the revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Added, modified, or the new name of a rename: `path` is where it is now.
    Present {
        /// The file now, absolute.
        path: PathBuf,
        /// Where it was at the revision (itself when modified, the old name when renamed,
        /// `None` when added).
        before: Option<PathBuf>,
    },
    /// Deleted: `before` is where it was.
    Deleted {
        /// The file at the revision, absolute.
        before: PathBuf,
    },
}

/// The changes since a revision, and where to read the old versions.
#[derive(Debug, Clone)]
pub struct ChangeSet {
    /// The repository's top folder, as git reports it (symbolic links resolved).
    pub top: PathBuf,
    /// The revision, as given.
    pub rev: String,
    /// What changed.
    pub changes: Vec<Change>,
}

impl ChangeSet {
    /// The bytes of `path` (absolute, under [`top`](ChangeSet::top)) at the revision; `None`
    /// when it did not exist there.
    pub fn old_bytes(&self, path: &Path) -> Option<Vec<u8>> {
        let rel = path.strip_prefix(&self.top).ok()?;
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        run(
            &self.top,
            &["show", &format!("{}:{}", self.rev, rel.join("/"))],
        )
        .ok()
    }
}

/// The changes between revision `rev` and the working tree (staged or not, and untracked
/// files), for the repository holding `dir`. Paths are absolute, under the repository's top
/// folder as git reports it.
pub fn changes_since(dir: &Path, rev: &str) -> Result<ChangeSet, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?.trim_end());
    git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        format!(
            "`{rev}` is not a revision of the repository at {}",
            top.display()
        )
    })?;
    let diff = git(
        &top,
        &[
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--no-ext-diff",
            rev,
            "--",
        ],
    )?;
    let mut changes = parse_name_status(&diff, &top);
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    changes.extend(
        untracked
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(|p| Change::Present {
                path: top.join(p),
                before: None,
            }),
    );
    Ok(ChangeSet {
        top,
        rev: rev.to_string(),
        changes,
    })
}

/// The changes staged for the next commit (`git diff --cached`), for the repository holding
/// `dir`; untracked and unstaged files do not count. Before the first commit everything staged
/// is new.
pub fn staged(dir: &Path) -> Result<ChangeSet, String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?.trim_end());
    let base = if has_revision(&top, "HEAD") {
        "HEAD".to_string()
    } else {
        // The empty tree, in this repository's hash.
        git(&top, &["hash-object", "-t", "tree", "/dev/null"])?
            .trim_end()
            .to_string()
    };
    let diff = git(
        &top,
        &[
            "diff",
            "--cached",
            "--name-status",
            "-z",
            "-M",
            "--no-ext-diff",
            &base,
            "--",
        ],
    )?;
    let changes = parse_name_status(&diff, &top);
    Ok(ChangeSet {
        top,
        rev: base,
        changes,
    })
}

/// Whether `rev` names a commit in the repository holding `dir` (`HEAD` does not before the
/// first commit).
pub fn has_revision(dir: &Path, rev: &str) -> bool {
    !rev.starts_with('-')
        && git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .is_ok()
}

/// `git diff --name-status -z` output: `status NUL path NUL`, or for renames and copies
/// `Rnn NUL old NUL new NUL`.
fn parse_name_status(out: &str, top: &Path) -> Vec<Change> {
    let mut fields = out.split('\0').filter(|f| !f.is_empty());
    let mut changes = Vec::new();
    while let Some(status) = fields.next() {
        let Some(first) = fields.next() else { break };
        match status.chars().next() {
            Some('R') => {
                let Some(new) = fields.next() else { break };
                changes.push(Change::Present {
                    path: top.join(new),
                    before: Some(top.join(first)),
                });
            }
            Some('C') => {
                let Some(new) = fields.next() else { break };
                changes.push(Change::Present {
                    path: top.join(new),
                    before: None,
                });
            }
            Some('D') => changes.push(Change::Deleted {
                before: top.join(first),
            }),
            Some('A') => changes.push(Change::Present {
                path: top.join(first),
                before: None,
            }),
            _ => changes.push(Change::Present {
                path: top.join(first),
                before: Some(top.join(first)),
            }),
        }
    }
    changes
}

/// Runs git in `dir` and returns its standard output as text.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    String::from_utf8(run(dir, args)?)
        .map_err(|_| format!("git {} printed non-UTF-8", args.join(" ")))
}

/// Runs git in `dir` and returns its standard output; an error says what failed.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git {} failed: {}", args.join(" "), stderr.trim()));
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_status_with_renames_and_hangul() {
        let top = Path::new("/repo");
        let out =
            "M\0_posts/a.md\0R087\0_posts/옛 글.md\0_posts/새 글.md\0D\0about.md\0A\0new.md\0";
        assert_eq!(
            parse_name_status(out, top),
            [
                Change::Present {
                    path: top.join("_posts/a.md"),
                    before: Some(top.join("_posts/a.md")),
                },
                Change::Present {
                    path: top.join("_posts/새 글.md"),
                    before: Some(top.join("_posts/옛 글.md")),
                },
                Change::Deleted {
                    before: top.join("about.md"),
                },
                Change::Present {
                    path: top.join("new.md"),
                    before: None,
                },
            ]
        );
    }
}

//! Applying fixes to files safely: only automatic fixes, never overlapping, written through a
//! temporary file beside the original and renamed over it (so a crash leaves the old file or
//! the new one, never half of each), keeping the file's permissions, and skipping a file that
//! changed on disk since it was read, a read-only file, a symbolic link (the rename would
//! replace the link with a copy) and anything outside the site root. `--diff` shows the same
//! changes as a unified diff.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Fix, SourceFile};

/// What happened to one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This many fixes were written.
    Fixed(usize),
    /// The file changed on disk since it was read; nothing was written.
    Changed,
    /// Writing failed; the message says why. The original is untouched.
    Failed(String),
}

/// The text of `source` with `fixes` applied (non-overlapping ones, in order), and how many
/// were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in sorted {
        if fix.span.start < at || text.get(fix.span.clone()).is_none() {
            continue;
        }
        out.push_str(text.get(at..fix.span.start).unwrap_or(""));
        out.push_str(&fix.replacement);
        at = fix.span.end;
        applied += 1;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    (out, applied)
}

/// The automatic fixes among `diagnostics`, grouped by file in report order.
pub fn by_file(diagnostics: &[Diagnostic]) -> Vec<(Arc<SourceFile>, Vec<&Fix>)> {
    let mut out: Vec<(Arc<SourceFile>, Vec<&Fix>)> = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| f.automatic) else {
            continue;
        };
        match out.last_mut() {
            Some((source, fixes)) if Arc::ptr_eq(source, &d.source) => fixes.push(fix),
            _ => out.push((Arc::clone(&d.source), vec![fix])),
        }
    }
    out
}

/// Writes `new` over `path`, whose content was `old` when it was read, if `path` is a
/// writable regular file inside the site `root`.
pub fn write(path: &Path, root: &Path, old: &str, new: &str) -> Outcome {
    if let Err(why) = writable(path, root) {
        return Outcome::Failed(why);
    }
    match std::fs::read(path) {
        Ok(now) if now == old.as_bytes() => {}
        Ok(_) => return Outcome::Changed,
        Err(e) => return Outcome::Failed(e.to_string()),
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let result = (|| -> std::io::Result<()> {
        let permissions = std::fs::metadata(path)?.permissions();
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        temp.write_all(new.as_bytes())?;
        temp.as_file().sync_all()?;
        std::fs::set_permissions(temp.path(), permissions)?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    match result {
        Ok(()) => Outcome::Fixed(0),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Why `--fix` must not write `path`, if it must not: a link (fixed through its own path, the
/// rename would turn it into a regular file), a read-only file (the rename would succeed, as
/// it needs only the folder to be writable, and overrule the owner), or a file whose real
/// folder lies outside the real site root.
fn writable(path: &Path, root: &Path) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    if meta.file_type().is_symlink() {
        return Err("it is a symbolic link; fix the file it points to".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.permissions().readonly() {
        return Err("it is read-only".into());
    }
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let inside = match (folder.canonicalize(), root.canonicalize()) {
        (Ok(folder), Ok(root)) => folder.starts_with(root),
        _ => false,
    };
    if !inside {
        return Err("it is outside the site root".into());
    }
    Ok(())
}

/// A unified diff of one file's fixes, with `a/` and `b/` paths as `git diff` prints them.
pub fn diff(display_path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{display_path}"), &format!("b/{display_path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, wrong: &str, right: &str) -> Fix {
        let start = text.find(wrong).unwrap();
        Fix {
            span: start..start + wrong.len(),
            replacement: right.into(),
            automatic: true,
        }
    }

    #[test]
    fn fixes_apply_in_order_and_overlaps_are_skipped() {
        let text = "\u{feff}캐쉬와 ElasticCache\r\n끝";
        let a = fix(text, "캐쉬", "캐시");
        let b = fix(text, "ElasticCache", "ElastiCache");
        let overlapping = fix(text, "Elastic", "X");
        let (new, n) = apply(text, &[&b, &a, &overlapping]);
        assert_eq!(new, "\u{feff}캐시와 ElastiCache\r\n끝", "BOM and CRLF kept");
        assert_eq!(n, 2);
    }

    #[test]
    fn writes_atomically_keeping_permissions_and_refuses_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("글.md");
        std::fs::write(&path, "캐쉬\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        assert_eq!(
            write(&path, dir.path(), "캐쉬\n", "캐시\n"),
            Outcome::Fixed(0)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "캐시\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(
            write(&path, dir.path(), "캐쉬\n", "캐시\n"),
            Outcome::Changed
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn refuses_read_only_files_links_and_files_outside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let read_only = root.join("읽기전용.md");
        std::fs::write(&read_only, "캐쉬\n").unwrap();
        let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&read_only, permissions).unwrap();
        let outcome = write(&read_only, &root, "캐쉬\n", "캐시\n");
        assert_eq!(outcome, Outcome::Failed("it is read-only".into()));
        assert_eq!(std::fs::read_to_string(&read_only).unwrap(), "캐쉬\n");

        let outside = dir.path().join("밖.md");
        std::fs::write(&outside, "캐쉬\n").unwrap();
        let outcome = write(&outside, &root, "캐쉬\n", "캐시\n");
        assert_eq!(
            outcome,
            Outcome::Failed("it is outside the site root".into())
        );
        #[cfg(unix)]
        {
            let link = root.join("링크.md");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            let outcome = write(&link, &root, "캐쉬\n", "캐시\n");
            assert!(matches!(outcome, Outcome::Failed(why) if why.contains("symbolic link")));
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            // A folder linked from inside the root to outside it is outside too.
            std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
            let through = root.join("up/밖.md");
            let outcome = write(&through, &root, "캐쉬\n", "캐시\n");
            assert_eq!(
                outcome,
                Outcome::Failed("it is outside the site root".into())
            );
        }
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "캐쉬\n");
    }

    #[test]
    fn diff_is_unified() {
        let d = diff("_posts/a.md", "하나\n캐쉬\n셋\n", "하나\n캐시\n셋\n");
        assert!(
            d.starts_with("--- a/_posts/a.md\n+++ b/_posts/a.md\n"),
            "{d}"
        );
        assert!(d.contains("-캐쉬\n+캐시\n"), "{d}");
    }
}

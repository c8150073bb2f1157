//! A plain `postlint check` lets go of each document's text once it is read and reads back the
//! files it reports on (`run::Texts::Release`, `run::restore_sources`). These tests drive the
//! library the way `postlint check` does and compare with the texts kept whole.

use std::path::Path;

use clap::Parser;
use postlint::cli::{CheckArgs, Cli, Command};
use postlint::diagnostic::Diagnostic;
use postlint::run::{self, Texts};
use postlint::workspace::Workspace;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Two posts with Hangul on every finding's line: a typo in front matter and body, a broken
/// link, a fragment that is not an id (with a fix), and a `post_url` naming no post.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "_config.yml", "title: 되읽기\n");
    write(
        dir.path(),
        "_posts/2016-05-13-first.md",
        "---\ntitle: \"캐쉬 이야기\"\nimage: /assets/없는.png\n---\n## 첫 제목\n\n\
         몇일 전에 [다음 글](/2016/05/14/second.html#둘째-제목이)을 썼다.\n\n\
         [없는 글]({% post_url 2016-05-15-nothing %}) 그리고 [깨진](/없음.html)\n",
    );
    write(
        dir.path(),
        "_posts/2016-05-14-second.md",
        "---\ntitle: 둘째\n---\n## 둘째 제목\n\n아키텍쳐를 본다. [첫 글](/2016/05/13/first.html)\n",
    );
    dir
}

fn check_args(root: &Path) -> CheckArgs {
    let cli = Cli::parse_from(["postlint", "check", root.to_str().unwrap()]);
    match cli.command {
        Command::Check(args) => args,
        _ => unreachable!("parsed a check"),
    }
}

/// Every finding of the site, raw (not yet restored), as `postlint check` makes them.
fn findings(ws: &Workspace, args: &CheckArgs, texts: Texts) -> Vec<Diagnostic> {
    let whole = postlint::discover::discover(&run::site_walk(ws, 1));
    let loaded = run::load_all(ws, &whole.files, &whole.files, texts);
    let (docs, others) = run::index_inputs(ws, &loaded, &whole.other_files);
    let options = run::index_options_for(ws, args);
    let site = postlint::site::build::build(&ws.jekyll, &options, &docs, &others);
    loaded
        .iter()
        .flat_map(|file| run::check_file(ws, &site, file, args))
        .collect()
}

/// What a reporter reads of each finding: file, rule, span, line and columns, message, fix
/// and the rest of its line.
fn seen(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let start = d.source.position(d.span.start);
            let line = d.source.lines.line(d.span.start);
            let end = d
                .source
                .lines
                .line_start(line + 1)
                .unwrap_or(d.source.len());
            // The finding's line as a report shows it: from the finding to the line's end.
            let shown = d.source.slice(d.span.start..end).unwrap_or("<missing>");
            format!(
                "{} {} {:?} {}:{}/{} {} {:?} {shown:?}",
                d.source.display_path,
                d.rule,
                d.span,
                start.line,
                start.column,
                start.utf16_column,
                d.message,
                d.fix
            )
        })
        .collect()
}

#[test]
fn released_texts_read_back_report_exactly_what_kept_texts_do() {
    let dir = site();
    let ws = Workspace::open(dir.path().to_path_buf(), &[], None, None).unwrap();
    let args = check_args(dir.path());
    let kept = run::finish(&ws.config, findings(&ws, &args, Texts::Keep));
    let raw = findings(&ws, &args, Texts::Release);
    // Before the read-back nothing holds a whole text: only front matter is left.
    assert!(raw.iter().all(|d| d.source.released.is_some()));
    assert!(raw.iter().all(|d| d.source.text.len() < d.source.len()));
    let restored = run::finish(&ws.config, run::restore_sources(&ws, raw));
    // What is read back is only the lines the report shows.
    assert!(
        restored
            .iter()
            .all(|d| d.source.released.is_none() && d.source.text.is_empty())
    );
    assert_eq!(seen(&restored), seen(&kept));
    let rules: Vec<&str> = kept.iter().map(|d| d.rule).collect();
    for rule in [
        "typo/ko-spelling",
        "link/broken",
        "link/fragment",
        "link/post-url",
        "image/missing",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    // The fixes that need the written bytes survived the release.
    assert!(
        kept.iter().any(|d| d.rule == "link/fragment"
            && d.fix
                .as_ref()
                .is_some_and(|f| f.replacement.ends_with("#둘째-제목"))),
        "{:#?}",
        seen(&kept)
    );
}

#[test]
fn a_file_changed_or_deleted_before_the_report_says_so_instead_of_misplaced_findings() {
    let dir = site();
    let ws = Workspace::open(dir.path().to_path_buf(), &[], None, None).unwrap();
    let args = check_args(dir.path());
    let raw = findings(&ws, &args, Texts::Release);
    let first = raw
        .iter()
        .filter(|d| d.source.display_path.ends_with("first.md"))
        .count();
    assert!(first > 1);
    // One post gains a line at the top, the other is deleted, between the check and the report.
    let first_path = dir.path().join("_posts/2016-05-13-first.md");
    let text = std::fs::read_to_string(&first_path).unwrap();
    std::fs::write(&first_path, format!("\n{text}")).unwrap();
    std::fs::remove_file(dir.path().join("_posts/2016-05-14-second.md")).unwrap();
    let restored = run::finish(&ws.config, run::restore_sources(&ws, raw));
    assert_eq!(restored.len(), 2, "{:#?}", seen(&restored));
    let changed = restored
        .iter()
        .find(|d| d.source.display_path.ends_with("first.md"))
        .unwrap();
    assert_eq!(changed.rule, "file/unreadable");
    assert_eq!(
        changed.message,
        format!(
            "file changed on disk while it was checked, so its {first} findings are not reported"
        )
    );
    let gone = restored
        .iter()
        .find(|d| d.source.display_path.ends_with("second.md"))
        .unwrap();
    assert_eq!(gone.rule, "file/unreadable");
    assert!(
        gone.message.contains("it was there when checked"),
        "{}",
        gone.message
    );
    assert!(
        gone.help
            .as_deref()
            .unwrap_or("")
            .contains("vanished during the run")
    );
}

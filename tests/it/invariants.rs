//! Invariants over every finding on every site the tests have (the example site, the link
//! fixtures and a generated 300-post site): spans lie inside their file on character
//! boundaries, line and column agree with the byte offset, and the output does not depend on
//! the number of threads.

use std::path::{Path, PathBuf};

use crate::common::postlint;
use crate::generated::gen_site;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sites, as paths to pass to `postlint check` from the repository root.
fn sites(generated: &Path) -> Vec<PathBuf> {
    let site = gen_site::Site {
        seed: gen_site::DEFAULT_SEED,
        posts: 300,
        rules: 0,
    };
    gen_site::run(&site, generated).expect("generated site");
    [
        "fixtures/site",
        "fixtures/links",
        "fixtures/links-pretty",
        "fixtures/links-custom",
    ]
    .iter()
    .map(|s| repo().join(s))
    .chain([generated.to_path_buf()])
    .collect()
}

#[test]
fn spans_are_on_character_boundaries_and_positions_agree_with_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    for site in sites(dir.path()) {
        let run = postlint(
            repo(),
            &["check", "--format", "json", &site.to_string_lossy()],
        );
        let report = run.json();
        let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
        assert!(!diagnostics.is_empty(), "{}", site.display());
        for d in diagnostics {
            let file = repo().join(d["file"].as_str().expect("file"));
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue; // unreadable or not UTF-8 on purpose
            };
            let offset = d["offset"].as_u64().expect("offset") as usize;
            let length = d["length"].as_u64().expect("length") as usize;
            assert!(
                text.get(offset..offset + length).is_some(),
                "{d}: span outside the file or inside a character"
            );
            // Line and column (characters, 1-based) say the same as the offset.
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..]
                .trim_start_matches('\u{feff}')
                .chars()
                .count()
                + 1;
            assert_eq!(
                (d["line"].as_u64(), d["column"].as_u64()),
                (Some(line as u64), Some(column as u64)),
                "{d}"
            );
            if let Some(fix) = d["fix"].as_object() {
                let at = fix["offset"].as_u64().expect("fix offset") as usize;
                let len = fix["length"].as_u64().expect("fix length") as usize;
                assert!(text.get(at..at + len).is_some(), "{d}: fix span");
            }
        }
    }
}

#[test]
fn the_report_is_the_same_on_one_thread_and_on_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    for site in sites(dir.path()) {
        let site = site.to_string_lossy().into_owned();
        let one = postlint(
            repo(),
            &["check", "--format", "json", "--threads", "1", &site],
        );
        let two = postlint(
            repo(),
            &["check", "--format", "json", "--threads", "2", &site],
        );
        assert_eq!(one.stdout, two.stdout, "{site}");
        let human_one = postlint(repo(), &["check", "--threads", "1", &site]);
        let human_two = postlint(repo(), &["check", "--threads", "2", &site]);
        assert_eq!(human_one.stdout, human_two.stdout, "{site}");
    }
}

//! Replays every committed fuzz input (`fuzz/seeds/<target>/`, the corpus fuzzing starts from,
//! and `fuzz/regressions/<target>/`, each input that once crashed) through the same target
//! bodies libFuzzer runs, so a fixed crash stays fixed without a fuzzing toolchain.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
pub(crate) mod targets;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The `fixtures/links` workspace and index, built once for every test that needs them.
pub(crate) fn context() -> &'static targets::Context {
    targets::fixture_context()
}

/// Every input of `target`, from its corpus and its regressions; at least one must exist.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(folder).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    assert!(
        !out.is_empty(),
        "no committed inputs for fuzz target {target}"
    );
    out
}

/// Runs every input of `target`, on a thread with the stack postlint's workers have (a test
/// thread's 2 MiB is less).
fn replay(target: &str, run: impl Fn(&[u8]) + Sync) {
    let inputs = inputs(target);
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(postlint::run::WORKER_STACK)
            .spawn_scoped(scope, || {
                for (path, bytes) in &inputs {
                    let outcome =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(bytes)));
                    assert!(outcome.is_ok(), "fuzz input {} fails", path.display());
                }
            })
            .unwrap();
        if let Err(panic) = worker.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

#[test]
fn front_matter_corpus() {
    replay("front_matter", targets::front_matter);
}

#[test]
fn markdown_corpus() {
    replay("markdown", targets::markdown);
}

#[test]
fn resolve_corpus() {
    replay("resolve", |data| targets::resolve(context(), data));
}

#[test]
fn spelling_corpus() {
    replay("spelling", |data| targets::spelling(context(), data));
}

#[test]
fn config_corpus() {
    replay("config", targets::config);
}

#[test]
fn document_corpus() {
    replay("document", |data| targets::document(context(), data));
}

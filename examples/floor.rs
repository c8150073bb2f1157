//! The cost of postlint's unavoidable parts alone, to compare `postlint check` with: reading
//! every Markdown file of a site and, per stage asked for, splitting and parsing its front
//! matter (serde-saphyr), walking its Markdown events (pulldown-cmark, postlint's options) and
//! scanning it with the shipped dictionaries (postlint's matcher). No index, no checks, no
//! diagnostics, no report: whatever `postlint check` takes beyond this is its own overhead.
//!
//! Usage:
//!
//! ```text
//! cargo run --release --example floor -- [--stages read,yaml,markdown,spelling] SITE_DIR
//! ```
//!
//! Runs on rayon's pool (one thread per core, as `postlint check`). Prints the files read and a
//! count per stage, so no stage can be optimized away. Bad arguments exit with status 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use postlint::document::front_matter::{self, Split};
use postlint::document::{markdown, yaml};
use postlint::spelling::matcher::Matcher;
use postlint::workspace::Workspace;
use rayon::prelude::*;

/// Which stages run after each file is read.
#[derive(Debug, Clone, Copy, Default)]
struct Stages {
    yaml: bool,
    markdown: bool,
    spelling: bool,
}

impl Stages {
    fn parse(list: &str) -> Result<Stages, String> {
        let mut stages = Stages::default();
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match name {
                "read" => {}
                "yaml" => stages.yaml = true,
                "markdown" => stages.markdown = true,
                "spelling" => stages.spelling = true,
                other => {
                    return Err(format!(
                        "unknown stage `{other}` (read, yaml, markdown, spelling)"
                    ));
                }
            }
        }
        Ok(stages)
    }
}

/// What one file's stages counted.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    files: usize,
    bytes: usize,
    yaml_entries: usize,
    events: usize,
    hits: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            yaml_entries: self.yaml_entries + o.yaml_entries,
            events: self.events + o.events,
            hits: self.hits + o.hits,
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut stages = Stages {
        yaml: true,
        markdown: true,
        spelling: true,
    };
    let mut site = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stages" => match args.next().as_deref().map(Stages::parse) {
                Some(Ok(s)) => stages = s,
                Some(Err(err)) => return usage(&err),
                None => return usage("--stages needs a list"),
            },
            _ if site.is_none() && !arg.starts_with('-') => site = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(site) = site else {
        return usage("give the site's directory");
    };
    let matcher = if stages.spelling {
        match Workspace::open(site.clone(), &[], None, None) {
            Ok(ws) => ws.spelling,
            Err(err) => return usage(&format!("cannot open {}: {err}", site.display())),
        }
    } else {
        Matcher::none()
    };
    let files = markdown_files(&site);
    let total = files
        .par_iter()
        .map(|path| run_stages(path, stages, &matcher))
        .reduce(Counts::default, |a, b| a + b);
    println!(
        "{} files, {} bytes, {} front-matter entries, {} Markdown events, {} dictionary hits",
        total.files, total.bytes, total.yaml_entries, total.events, total.hits
    );
    ExitCode::SUCCESS
}

fn usage(err: &str) -> ExitCode {
    eprintln!("floor: {err}\nusage: floor [--stages read,yaml,markdown,spelling] SITE_DIR");
    ExitCode::from(2)
}

/// Every `*.md` under `site` that ignore files do not hide (the generated sites hold nothing
/// else `postlint check` would skip).
fn markdown_files(site: &Path) -> Vec<PathBuf> {
    ignore::WalkBuilder::new(site)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

fn run_stages(path: &Path, stages: Stages, matcher: &Matcher) -> Counts {
    let Ok(bytes) = std::fs::read(path) else {
        return Counts::default();
    };
    let Ok(text) = postlint::document::load::utf8(bytes) else {
        return Counts::default();
    };
    let mut counts = Counts {
        files: 1,
        bytes: text.len(),
        ..Counts::default()
    };
    let body_start = match front_matter::split(&text) {
        Split::Closed(range) => {
            if stages.yaml {
                counts.yaml_entries = text
                    .get(range.yaml)
                    .and_then(|y| yaml::parse(y).ok())
                    .map_or(0, |node| node.entries().len());
            }
            range.body_start
        }
        _ => 0,
    };
    let body = text.get(body_start..).unwrap_or("");
    if stages.markdown {
        counts.events = markdown::parser(body).into_offset_iter().count();
    }
    if stages.spelling {
        counts.hits = matcher.find(&text, 0..text.len()).len();
    }
    counts
}

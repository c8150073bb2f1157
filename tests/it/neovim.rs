//! A real editor: headless Neovim, its built-in LSP client started on `postlint lsp`, opens a
//! post of the example site, and reads back the diagnostics (in its own byte columns,
//! converted from the server's UTF-16 positions) and applies a quick fix.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{postlint, tool_present};

const POST: &str = "_posts/2016-05-18-aws-summit-2016.md";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn neovim_shows_the_findings_at_the_right_bytes_and_applies_a_fix() {
    if !tool_present("nvim", "Debian package neovim") {
        return;
    }
    let site = repo().join("fixtures/site");
    let server = serde_json::json!([env!("CARGO_BIN_EXE_postlint"), "lsp"]).to_string();
    let state = tempfile::tempdir().expect("tempdir");
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            repo().join("tests/nvim/diagnostics.lua").display()
        ))
        .arg("--")
        .arg(POST)
        .current_dir(&site)
        .env("DIAG_SERVER", server)
        .env("DIAG_TIMEOUT", "15000")
        // Neovim's LSP log and state go to a throw-away folder, not the home directory.
        .env("XDG_STATE_HOME", state.path())
        .env("XDG_CACHE_HOME", state.path())
        .stdin(Stdio::null())
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let of_kind =
        |kind: &str| -> Vec<&Value> { lines.iter().filter(|l| l["kind"] == kind).collect() };

    // What Neovim shows: (rule, 0-based line, byte column, end byte column).
    let mut shown: Vec<(String, u64, u64, u64)> = of_kind("diagnostic")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["lnum"].as_u64().unwrap_or(0),
                d["col"].as_u64().unwrap_or(0),
                d["end_col"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    shown.sort();

    // The same, computed from the command line's byte offsets.
    let text = std::fs::read_to_string(site.join(POST)).expect("post");
    let report = postlint(&site, &["check", "--format", "json", POST]).json();
    let mut expected: Vec<(String, u64, u64, u64)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let offset = d["offset"].as_u64().unwrap_or(0) as usize;
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let start = (offset - line_start) as u64;
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(1) - 1,
                start,
                start + d["length"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(shown, expected);
    assert!(
        shown.iter().any(|(rule, ..)| rule == "typo/ko-loanwords"),
        "Hangul findings are among them"
    );

    // The quick fix, applied by Neovim, writes the right form at the right place.
    let applied = of_kind("applied");
    assert_eq!(
        applied.first().and_then(|a| a["text"].as_str()),
        Some("summary: '코엑스에서 열린 AWS Summit 2016 세션 중 들은 것만 간단히 정리'"),
        "{stdout}"
    );
    let done = of_kind("done");
    assert_eq!(
        done.first().map(|d| &d["diagnostics"]),
        Some(&Value::from(shown.len()))
    );
}

/// The README's `errorformat` turns `--format compact` into a quickfix list Neovim (and Vim)
/// can jump through: file, line, column, type and text of every finding.
#[test]
fn the_readme_errorformat_reads_compact_output_into_quickfix() {
    if !tool_present("nvim", "Debian package neovim") {
        return;
    }
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let setting = readme
        .split("errorformat=")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("an errorformat in the README");
    let compact = postlint(repo(), &["check", "--format", "compact", "fixtures/site"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("compact.txt");
    std::fs::write(&list, &compact.stdout).expect("write");
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE"])
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .arg("-c")
        .arg(format!("set errorformat={setting}"))
        .arg("-c")
        .arg(format!("cfile {}", list.display()))
        .arg("-c")
        .arg(
            "lua for _, q in ipairs(vim.fn.getqflist()) do io.stdout:write(string.format('%s|%d|%d|%s|%d\\n', \
             vim.fn.bufname(q.bufnr), q.lnum, q.col, q.type, q.valid)) end",
        )
        .arg("-c")
        .arg("qa!")
        .current_dir(repo())
        .stdin(Stdio::null())
        .output()
        .expect("nvim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let entries: Vec<&str> = stdout.lines().filter(|l| l.contains('|')).collect();
    let expected: Vec<String> = compact
        .stdout
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, ':');
            let (file, row, col) = (parts.next(), parts.next(), parts.next());
            let kind = parts
                .next()
                .unwrap_or("")
                .trim_start()
                .chars()
                .next()
                .unwrap_or('?');
            format!(
                "{}|{}|{}|{kind}|1",
                file.unwrap_or(""),
                row.unwrap_or(""),
                col.unwrap_or("")
            )
        })
        .collect();
    assert!(expected.len() > 10, "{}", compact.stdout);
    assert_eq!(entries, expected);
}

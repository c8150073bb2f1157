//! Helpers shared by the integration tests: run the real binary and read its JSON.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The result of one run of `postlint`.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The JSON report (the run must have used `--format json`).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// `(file, rule)` of every diagnostic, in output order.
    pub fn findings(&self) -> Vec<(String, String)> {
        self.json()["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or("").to_string(),
                    d["rule"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }
}

/// Writes `bytes` to `rel` under `root`, creating folders.
pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Runs `postlint` with `args` in folder `cwd`, outside GitHub Actions whatever the test
/// runner's environment.
pub fn postlint(cwd: &Path, args: &[&str]) -> Run {
    postlint_with_env(cwd, args, &[])
}

/// Runs `postlint` with `args` in folder `cwd` and the variables `env` set.
pub fn postlint_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("postlint runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A throw-away site with `_config.yml`, a `.postlint.yml` requiring `title` and `summary`,
/// and one post missing its summary, so every test can see that the other files were checked.
pub fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("_posts")).expect("mkdir");
    std::fs::write(root.join("_config.yml"), "title: 테스트 블로그\n").expect("write");
    std::fs::write(
        root.join(".postlint.yml"),
        "front_matter:\n  - scope: { type: posts }\n    required: [title, summary]\n",
    )
    .expect("write");
    std::fs::write(
        root.join("_posts/2016-05-13-witness.md"),
        "---\ntitle: 람다로 이미지 리사이즈\n---\n본문\n",
    )
    .expect("write");
    dir
}

/// The finding every run on [`site`] must still contain.
pub fn witness() -> (String, String) {
    (
        "_posts/2016-05-13-witness.md".to_string(),
        "front-matter/missing-key".to_string(),
    )
}

/// True when the program `name` runs here. Otherwise the calling test is skipped with a
/// message, except under CI (`CI` set), where `.ci/run` must have installed it: then it fails.
pub fn tool_present(name: &str, install: &str) -> bool {
    let runs = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if runs {
        return true;
    }
    let message = format!("this test needs `{name}` ({install}); .ci/run installs it");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED: {message}");
    false
}

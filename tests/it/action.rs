//! The GitHub Action: `action.yml`'s inputs are the ones its run step reads, and its run
//! script, run as GitHub would run it, prints annotations and writes SARIF.

use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn action_inputs_match_what_the_run_step_reads() {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    let action: serde_json::Value = serde_saphyr::from_str(&text).expect("action.yml is YAML");
    let inputs = action["inputs"].as_object().expect("inputs");
    for used in text.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        assert!(
            inputs.contains_key(&name),
            "action.yml uses undeclared input `{name}`"
        );
    }
    for name in inputs.keys() {
        assert!(
            text.contains(&format!("inputs.{name} }}}}")),
            "input `{name}` is declared but never passed to the run step"
        );
    }
    assert_eq!(action["runs"]["using"], "composite");
}

#[test]
fn run_script_annotates_and_writes_sarif() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("postlint.sarif");
    let output = Command::new("bash")
        .arg(repo().join("action/run.sh"))
        .current_dir(repo())
        .env("GITHUB_ACTIONS", "true")
        .env("NO_COLOR", "1")
        .env("POSTLINT", env!("CARGO_BIN_EXE_postlint"))
        .env("INPUT_PATHS", "fixtures/site")
        .env("INPUT_CHANGED_SINCE", "")
        .env("INPUT_SARIF", &sarif)
        .env("INPUT_ARGS", "--deny warnings")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("::error file=fixtures/site/"),
        "{stdout}"
    );
    assert!(stdout.contains("╭─["), "the human report follows: {stdout}");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("SARIF written"))
            .expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(
        !log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .is_empty()
    );
}

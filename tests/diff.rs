//! `signpost diff` through the real CLI, on two versions of a fixture tree
//! (`tests/fixtures/diff`): `new.ron` flips one answer path's outcome, adds an outcome node and
//! an option, and rewords a passage; `reworded.ron` only rewords. Golden outputs sit beside the
//! fixtures (`golden.txt`, `golden.md`, `golden.json`); regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test diff` after a deliberate change.

#[path = "support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

/// Runs `signpost diff` in the fixtures folder, so file names in the output are short.
fn diff(args: &[&str]) -> Output {
    Command::cargo_bin("signpost")
        .expect("binary builds")
        .current_dir(fixtures())
        .arg("diff")
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn every_format_matches_its_golden_output_and_exits_1() {
    for (format, golden) in [
        ("text", "golden.txt"),
        ("markdown", "golden.md"),
        ("json", "golden.json"),
    ] {
        let output = diff(&["old.ron", "new.ron", "--format", format]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: an outcome changed, so the exit code is 1\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        golden::assert_golden(&fixtures().join(golden), &stdout(&output));
    }
}

#[test]
fn json_reports_the_flipped_path_the_new_node_and_the_reworded_passage() {
    let output = diff(&["old.ron", "new.ron", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(
        value["changed"],
        serde_json::json!([{
            "answers": ["Another organisation"],
            "before": {"id": "ask", "title": "Ask for help before you share", "verdict": "ask-for-help"},
            "after": {"id": "egress", "title": "Use Egress or Galaxkey", "verdict": "allowed-with-conditions"},
        }])
    );
    let added = value["added"].as_array().expect("an array");
    assert!(
        added
            .iter()
            .any(|a| a["kind"] == "outcome" && a["id"] == "egress"),
        "{added:?}"
    );
    assert_eq!(value["removed"], serde_json::json!([]));
    let changes = value["text_changes"].as_array().expect("an array");
    assert!(
        changes
            .iter()
            .any(|c| c["node"] == "teams" && c["field"] == "quote" && c["index"] == 1),
        "{changes:?}"
    );
}

#[test]
fn wording_changes_alone_exit_0() {
    let output = diff(&["old.ron", "reworded.ron"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("node \"who\", question text:\n    - Who are you sharing with?\n    + Who will you share it with?\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "No answer path changes its outcome. 0 paths added, 0 paths removed, 0 nodes added, 0 nodes removed, 2 wording changes.\n"
        ),
        "{text}"
    );
}

#[test]
fn identical_versions_exit_0() {
    let output = diff(&["old.ron", "old.ron"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "Comparing old.ron (share-example 1.0.0) with old.ron (share-example 1.0.0)\n\nNo differences.\n"
    );
}

#[test]
fn a_broken_version_prints_its_diagnostics_and_exits_1() {
    let output = diff(&["old.ron", "../invalid/unknown-node.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "error[E011]: option \"Right\" leads to \"rigth\", which is not a node of this tree",
        "--> ../invalid/unknown-node.ron:18:46",
        "nothing was compared: the new version (../invalid/unknown-node.ron) could not be loaded",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

#[test]
fn a_shipped_tree_can_be_named_by_id() {
    let output = diff(&["share", "share", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(
        value,
        serde_json::json!({"changed": [], "added": [], "removed": [], "text_changes": []})
    );
}

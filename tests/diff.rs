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
        .env("SIGNPOST_TODAY", "2026-06-01")
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
fn a_broken_version_prints_its_diagnostics_and_exits_2() {
    let output = diff(&["old.ron", "../invalid/unknown-node.ron"]);
    assert_eq!(output.status.code(), Some(2));
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

/// The share tree as it shipped in format 1 (no facts, so no policy rule can see the edit) with
/// the SECRET answer for MoJ colleagues pointed at "Can they use Microsoft Teams?" — the edit
/// the product exists to catch — in a temporary folder. `diff` must see it by outcome alone.
fn secret_to_teams() -> (tempfile::TempDir, String, String) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = repo.join("decision-trees");
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        std::fs::read_to_string(repo.join("tests/fixtures/format1/share.ron")).expect("share.ron");
    let edited = text.replacen(
        r#"Option(label: "SECRET", next: "secret-or-above"),"#,
        r#"Option(label: "SECRET", next: "teams-moj-q"),"#,
        1,
    );
    assert_ne!(edited, text, "the edit applies");
    std::fs::copy(root.join("contacts.ron"), dir.path().join("contacts.ron")).expect("contacts");
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    std::fs::write(&old, text).expect("write");
    std::fs::write(&new, edited).expect("write");
    let show = |p: PathBuf| p.display().to_string();
    (dir, show(old), show(new))
}

#[test]
fn pointing_secret_at_teams_is_a_changed_outcome_and_more_permissive() {
    let (_dir, old, new) = secret_to_teams();
    let output = diff(&[&old, &new]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("MORE PERMISSIVE (6 answer paths) — review these first:\n  Documents or files › Colleagues in the MoJ › SECRET › Yes: Do not use any of these tools for SECRET or TOP SECRET material (NOT ALLOWED) → Use Microsoft Teams (RECOMMENDED)\n    (the old version's path: Documents or files › Colleagues in the MoJ › SECRET)"),
        "{text}"
    );
    assert!(text.contains("0 paths added, 0 paths removed"), "{text}");

    let output = diff(&[&old, &new, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let permissive = value["more_permissive"].as_array().expect("a list");
    assert_eq!(permissive.len(), 6);
    assert_eq!(
        permissive[0]["old_answers"],
        serde_json::json!(["Documents or files", "Colleagues in the MoJ", "SECRET"])
    );
    assert_eq!(permissive[0]["after"]["verdict"], "recommended");
}

#[test]
fn a_node_no_answer_leads_to_any_more_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees");
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(root.join("share.ron")).expect("share.ron");
    // Both SECRET and TOP SECRET of every classification question lead to Teams instead.
    let edited = text.replace(r#"next: "secret-or-above""#, r#"next: "teams-moj-q""#);
    std::fs::copy(root.join("contacts.ron"), dir.path().join("contacts.ron")).expect("contacts");
    let (old, new) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    std::fs::write(&old, text).expect("write");
    std::fs::write(&new, edited).expect("write");
    let output = diff(&[
        &old.display().to_string(),
        &new.display().to_string(),
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(value["unreachable"], serde_json::json!(["secret-or-above"]));
}

#[test]
fn a_new_version_that_breaks_a_policy_rule_is_compared_and_exits_2() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = repo.join("tests/fixtures");
    let old = repo.join("decision-trees/share.ron");
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(&old).expect("readable");
    let edited = text.replacen(
        r#"Option(label: "SECRET", next: "secret-or-above"),"#,
        r#"Option(label: "SECRET", next: "route-teams"),"#,
        1,
    );
    std::fs::copy(
        fixtures.join("format2/contacts.ron"),
        dir.path().join("contacts.ron"),
    )
    .expect("contacts");
    let new = dir.path().join("share.ron");
    std::fs::write(&new, edited).expect("write");
    let (old, new) = (old.display().to_string(), new.display().to_string());

    let output = diff(&[&old, &new]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("MORE PERMISSIVE"), "{text}");
    assert!(
        text.contains("POLICY RULES BROKEN by the new version (25):"),
        "{text}"
    );
    assert!(
        text.contains(r#"error[E053]: policy rule "no-tool-above-official-sensitive" is broken"#),
        "{text}"
    );

    let output = diff(&[&old, &new, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(value["broken_rules"][0]["code"], "E053");
}

/// Past `--max-paths` (or with paths too long to hold), the versions are compared node by node:
/// answers that lead elsewhere (new answers included), outcomes that read differently, nodes
/// added and reworded text — still exit 1 when the advice can have changed.
#[test]
fn past_the_path_limit_the_versions_are_compared_node_by_node() {
    let output = diff(&["old.ron", "new.ron", "--max-paths", "1"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "Compared node by node, not answer path by answer path: the tree \"share-example\" has as many as 4 answer paths, more than 1.",
        "Answers that now lead elsewhere (2):",
        "  \"who\" › Another organisation: \"ask\" → \"egress\"",
        "  \"who\" › I'm not sure: (a new answer) → \"ask\"",
        "  + outcome \"egress\": Use Egress or Galaxkey (ALLOWED WITH CONDITIONS)",
        "Compared node by node: 2 answers leading elsewhere, 0 outcomes changed.",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    let json = diff(&["old.ron", "new.ron", "--max-paths", "1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(value["changed"], serde_json::json!([]));
    assert_eq!(
        value["moved"][0],
        serde_json::json!({"node": "who", "answer": "Another organisation", "before": "ask", "after": "egress"})
    );
    // Only the wording changed: node by node finds no moved answer and exits 0.
    let reworded = diff(&["old.ron", "reworded.ron", "--max-paths", "1"]);
    assert_eq!(reworded.status.code(), Some(0), "{}", stdout(&reworded));
}

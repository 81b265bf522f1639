//! `signpost records`: the saved decision records listed with their date, tree, verdict,
//! headline and note, newest first; as JSON; and one printed whole with `records show N`.

use std::path::Path;

use assert_cmd::Command;

fn signpost(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_DATA_DIR", home.join("data"))
        .env("SIGNPOST_CONFIG_DIR", home.join("config"))
        .env_remove("NO_COLOR");
    cmd
}

/// Walks `share` in plain mode with `answers`, saves the record with `note`, and quits.
fn save(home: &Path, answers: &str, note: &str) {
    let input = format!("{answers}s\n{note}\nq\n");
    let out = signpost(home)
        .args(["ask", "share"])
        .write_stdin(input)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Saved decision record: "), "{stdout}");
}

fn run(home: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = signpost(home).args(args).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn records_are_listed_newest_first_shown_whole_and_as_json() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, empty) = run(home.path(), &["records"]);
    assert_eq!(code, Some(0));
    assert!(empty.starts_with("No decision records yet."), "{empty}");

    // Colleagues in the MoJ, OFFICIAL, Teams: yes — then SECRET: not allowed.
    save(home.path(), "1\n1\n1\nyes\n", "the team's rota");
    save(home.path(), "1\n1\nsecret\n", "");
    let (code, list) = run(home.path(), &["records"]);
    assert_eq!(code, Some(0), "{list}");
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[0].starts_with("1. ") && lines[0].contains(" · share · NOT ALLOWED — "),
        "the SECRET record, saved last, comes first:\n{list}"
    );
    let second = lines
        .iter()
        .position(|l| l.starts_with("2. "))
        .expect("a second record");
    assert!(
        lines[second].contains(" · share · RECOMMENDED — "),
        "{list}"
    );
    assert_eq!(lines[second + 1], "   Note: the team's rota", "{list}");

    let (code, json) = run(home.path(), &["records", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let records = json.as_array().expect("an array");
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["tree"], "share");
    assert_eq!(records[1]["verdict"], "RECOMMENDED");
    assert_eq!(records[1]["note"], "the team's rota");
    assert!(records[0].get("note").is_none(), "no note, no field");
    assert!(records[0]["date"].as_str().is_some_and(|d| d.len() > 18));

    let (code, shown) = run(home.path(), &["records", "show", "2"]);
    assert_eq!(code, Some(0));
    assert!(shown.starts_with("# Decision record: "), "{shown}");
    assert!(shown.contains("- **Note:** the team's rota"), "{shown}");

    let out = signpost(home.path())
        .args(["records", "show", "3"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("there is no record 3: `signpost records` lists 2 records"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! README.md's claims match the program (issue 19, item 1): every `signpost …` command line it
//! shows runs as it says — in code blocks and in inline code, with placeholders (TREE, PATH…)
//! left out — and its plain-mode transcript is what that walk prints.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn readme() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README")
}

/// Every command line the README shows: the lines of code blocks and the inline code spans
/// that start with `signpost`, without the ones that name placeholders.
fn command_lines(readme: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            // A shell line, before any comment (screen captures start with a space).
            let command = line.split(" #").next().unwrap_or("").trim_end();
            if command.starts_with("signpost") {
                lines.push(command.to_string());
            }
            continue;
        }
        for (i, span) in line.split('`').enumerate() {
            if i % 2 == 1 && span.starts_with("signpost") {
                lines.push(span.to_string());
            }
        }
    }
    let placeholder = |l: &String| {
        l.split_whitespace().any(|w| {
            w.chars().any(|c| "[]<>…".contains(c))
                || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        })
    };
    lines.retain(|l| !placeholder(l));
    lines.sort();
    lines.dedup();
    lines
}

fn signpost(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_DATA_DIR", home.join("data"))
        .env("SIGNPOST_CONFIG_DIR", home.join("config"))
        .env("SIGNPOST_TODAY", "2026-06-01")
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn every_command_line_in_the_readme_runs_as_it_says() {
    let readme = readme();
    let lines = command_lines(&readme);
    assert!(lines.len() >= 6, "the README's command lines: {lines:?}");
    let home = tempfile::tempdir().expect("temp dir");
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().skip(1).collect();
        // Standard input is not a terminal here, so the app falls back to plain mode and ends
        // when the input does.
        let out = signpost(home.path())
            .args(&words)
            .write_stdin("")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        match line.as_str() {
            // The README shows it as a misspelling and what it suggests.
            "signpost exprot share" => {
                assert_eq!(out.status.code(), Some(2), "{line}: {stderr}");
                assert!(
                    stderr.contains("did you mean `signpost export`?"),
                    "{stderr}"
                );
            }
            // Quoted from that suggestion, not a command to run.
            "signpost export" => continue,
            _ => assert_eq!(out.status.code(), Some(0), "`{line}` fails:\n{stderr}"),
        }
    }
}

/// The plain-mode transcript is the output of the walk it names, word for word (the line where
/// the README cuts the middle aside).
#[test]
fn the_plain_mode_transcript_is_what_the_walk_prints() {
    let readme = readme();
    let intro = "The same walk in plain mode, from `printf '";
    let start = readme.find(intro).expect("the plain-mode transcript") + intro.len();
    let input = readme[start..]
        .split('\'')
        .next()
        .expect("the printf input")
        .replace("\\n", "\n");
    let block = readme[start..]
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the transcript block");
    let home = tempfile::tempdir().expect("temp dir");
    let out = signpost(home.path())
        .args(["ask", "share"])
        .write_stdin(input)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in block.lines().filter(|l| !l.starts_with("[…")) {
        assert!(
            stdout.lines().any(|l| l.trim_end() == line.trim_end()),
            "the README shows {line:?}, which the walk does not print:\n{stdout}"
        );
    }
}

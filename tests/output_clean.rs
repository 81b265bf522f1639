//! Hostile input (issue 14): whatever goes to a terminal or a file from the line-based commands
//! holds no byte that could change what a terminal shows — no control character other than
//! newline and tab, no DEL, no C1 control, no direction-changing or invisible character — for
//! every shipped tree and every output format, and for randomly edited trees (which may hold any
//! such character anywhere) through `check`, `table`, `export`, `ask` and `diff`. (The loader
//! refuses such characters in any text, E018, and diagnostics escape them; this guards every
//! output path at once.)

#[path = "support/cli.rs"]
mod cli;
#[path = "support/mutate.rs"]
mod mutate;

use cli::signpost;
use proptest::prelude::*;

/// The first character of `text` a terminal could be steered by, with its position.
fn hidden(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c,
                '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

fn output_of(args: &[&str]) -> String {
    let output = signpost().args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "signpost {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn no_output_of_the_shipped_content_holds_a_terminal_control() {
    let trees = ["share", "apps", "calls", "messaging", "scotgov-messaging"];
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for tree in trees {
        for format in ["text", "markdown", "csv", "json"] {
            runs.push(vec!["table", tree, "--format", format]);
        }
        for format in ["mermaid", "dot", "markdown"] {
            runs.push(vec!["export", tree, "--format", format]);
        }
    }
    runs.push(vec!["check", "--format", "human"]);
    runs.push(vec!["check", "--format", "json"]);
    runs.push(vec!["check", "--review-report"]);
    runs.push(vec!["policy"]);
    runs.push(vec!["policy", "--format", "json"]);
    runs.push(vec!["cheatsheet"]);
    runs.push(vec!["cheatsheet", "--format", "text"]);
    runs.push(vec!["lookup", "whatsapp", "personal", "data"]);
    runs.push(vec![
        "ask", "share", "--answer", "2", "--answer", "2", "--answer", "2", "--answer", "2,3",
        "--answer", "yes",
    ]);
    for args in &runs {
        let text = output_of(args);
        if let Some((at, c)) = hidden(&text) {
            panic!(
                "signpost {} printed U+{:04X} at byte {at}: …{}…",
                args.join(" "),
                c as u32,
                &text[at.saturating_sub(40)..at]
            );
        }
    }
}

const EXAMPLE: &str = include_str!("fixtures/valid/format2-example.ron");

/// Every line-based command on an edited copy of the format-2 example (and `diff` against the
/// original): none may panic or die by a signal, and nothing they print, on either stream, may
/// hold a character that steers a terminal.
fn every_command_prints_clean(edits: &[mutate::Edit]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = dir.path().join("original.ron");
    let edited = dir.path().join("edited.ron");
    std::fs::write(&original, EXAMPLE).expect("write");
    std::fs::write(&edited, mutate::apply(EXAMPLE.as_bytes().to_vec(), edits)).expect("write");
    let (original, edited) = (original.display().to_string(), edited.display().to_string());
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check", &edited],
        vec!["check", &edited, "--format", "json"],
        vec![
            "ask", &edited, "--answer", "1", "--answer", "1", "--answer", "1",
        ],
        vec!["ask", &edited, "--answer", "1", "--format", "json"],
        vec!["diff", &original, &edited],
    ];
    for format in ["text", "markdown", "csv", "json"] {
        runs.push(vec!["table", &edited, "--format", format]);
    }
    for format in ["mermaid", "dot", "markdown"] {
        runs.push(vec!["export", &edited, "--format", format]);
    }
    for args in &runs {
        let output = signpost().args(args).output().expect("runs");
        let code = output.status.code();
        prop_assert!(
            code.is_some_and(|c| c != 101),
            "signpost {} ended with {:?}: {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            if let Some((at, c)) = hidden(&text) {
                prop_assert!(
                    false,
                    "signpost {} printed U+{:04X} to {name}: …{}…",
                    args.join(" "),
                    c as u32,
                    &text[at.saturating_sub(60)..at]
                );
            }
        }
    }
    Ok(())
}

proptest! {
    // Each case runs twelve commands (about 40 ms in all): 64 cases keep the test to seconds.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_command_prints_a_terminal_control_whatever_the_tree_holds(
        edits in proptest::collection::vec(mutate::edit(), 1..4)
    ) {
        every_command_prints_clean(&edits)?;
    }
}

//! `signpost table` in every format, on a fixture tree.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

fn table(format: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/sample.ron");
    cli::stdout_of(&["table", &path.display().to_string(), "--format", format])
}

#[test]
fn text_is_aligned() {
    assert_eq!(
        table("text"),
        "ANSWERS                OUTCOME\n\
         Colleagues in the MoJ  RECOMMENDED — Use Microsoft Teams\n\
         Another organisation   ASK FOR HELP — Ask for help before you share\n"
    );
}

#[test]
fn markdown_is_a_table() {
    assert_eq!(
        table("markdown"),
        "# Which tool should I use to share information? (`share-example` version 1.0.0)\n\n\
         | # | Answers | Verdict | Outcome |\n\
         |---|---|---|---|\n\
         | 1 | Colleagues in the MoJ | RECOMMENDED | Use Microsoft Teams (`teams`) |\n\
         | 2 | Another organisation | ASK FOR HELP | Ask for help before you share (`ask`) |\n"
    );
}

#[test]
fn csv_has_a_header_and_one_row_per_path() {
    assert_eq!(
        table("csv"),
        "answers,outcome,verdict,headline\n\
         Colleagues in the MoJ,teams,recommended,Use Microsoft Teams\n\
         Another organisation,ask,ask-for-help,Ask for help before you share\n"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let mut value: serde_json::Value = serde_json::from_str(&table("json")).expect("valid JSON");
    // A local file is named with the SHA-256 of its bytes.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/sample.ron"),
    )
    .expect("the sample");
    let provenance = &value["tree"]["provenance"];
    assert_eq!(provenance["kind"], "local");
    assert_eq!(provenance["draft"], false);
    assert_eq!(
        provenance["sha256"],
        signpost::tree::provenance::sha256_hex(text.as_bytes())
    );
    assert!(
        provenance["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("sample.ron"))
    );
    value["tree"]["provenance"] = serde_json::Value::Null;
    let expected = serde_json::json!({
        "tree": {"id": "share-example", "title": "Which tool should I use to share information?",
                 "version": "1.0.0", "provenance": null},
        "paths": [
            {"answers": [{"question": "Who are you sharing with?", "answer": "Colleagues in the MoJ"}],
             "outcome": {"id": "teams", "title": "Use Microsoft Teams", "verdict": "recommended"}},
            {"answers": [{"question": "Who are you sharing with?", "answer": "Another organisation"}],
             "outcome": {"id": "ask", "title": "Ask for help before you share", "verdict": "ask-for-help"}},
        ],
    });
    assert_eq!(value, expected);
}

/// Authors 2 (issue 18, item 5): `--excel` writes a byte-order mark first and `>` between
/// answers, so Excel opens the file with every character right; it is only for CSV.
#[test]
fn csv_for_excel_has_a_byte_order_mark_and_plain_separators() {
    let out = cli::stdout_of(&["table", "share", "--format", "csv", "--excel"]);
    assert!(
        out.starts_with("\u{feff}answers,outcome,verdict,headline\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\nShare documents or files > Colleagues in the MoJ > OFFICIAL > Yes,teams-moj,"
        ),
        "{out}"
    );
    assert!(!out.contains('›'));
    let output = cli::signpost()
        .args(["table", "share", "--excel"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

//! The docs stay complete and true: in `docs/authoring.md` every diagnostic code has its own
//! section, the worked example is a valid tree, and the example `diff` output is what `diff`
//! prints; in `docs/user-guide.md` every key table is the app's table of keys.

use std::fs;
use std::path::{Path, PathBuf};

use signpost::catalog::{Catalog, Selection};
use signpost::diagnostic::Code;
use signpost::tree::load_tree;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn authoring() -> String {
    fs::read_to_string(repo().join("docs/authoring.md")).expect("docs/authoring.md is readable")
}

fn fixture(path: &str) -> PathBuf {
    repo().join("tests/fixtures").join(path)
}

/// The text of every Markdown heading (`### E011 — unknown node` → `E011 — unknown node`).
fn headings(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .collect()
}

#[test]
fn every_diagnostic_code_has_a_heading() {
    let text = authoring();
    let headings = headings(&text);
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| {
            !headings
                .iter()
                .any(|h| h.split_whitespace().next() == Some(code))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/authoring.md has no heading for {}: add a `### CODE — summary` section with an example of the mistake and the fix",
        missing.join(", ")
    );
}

#[test]
fn every_diagnostic_heading_is_a_real_code() {
    let text = authoring();
    let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for heading in headings(&text) {
        let first = heading.split_whitespace().next().unwrap_or_default();
        let looks_like_code = first.len() == 4
            && (first.starts_with('E') || first.starts_with('W'))
            && first[1..].chars().all(|c| c.is_ascii_digit());
        if looks_like_code {
            assert!(
                known.contains(&first),
                "{first} is documented but does not exist"
            );
        }
    }
}

/// The first fenced block of `language` after the heading `heading`.
fn block_after<'a>(text: &'a str, heading: &str, language: &str) -> &'a str {
    let section = &text[text.find(heading).expect("heading present")..];
    let fence = format!("```{language}\n");
    let start = section.find(&fence).expect("a fenced block") + fence.len();
    let end = section[start..].find("\n```").expect("a closing fence");
    &section[start..start + end + 1]
}

#[test]
fn the_worked_example_is_a_valid_tree() {
    let text = authoring();
    let example = block_after(&text, "## A complete example", "ron");
    let catalog = Catalog::load(
        &Selection::new(false, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    // A fixed date: the example's review date is content, not something this test should age.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let loaded = load_tree("authoring.md", example, catalog.shared(), today);
    assert!(
        loaded.tree.is_some() && loaded.diagnostics.is_empty(),
        "the example in docs/authoring.md does not load cleanly:\n{}",
        loaded
            .diagnostics
            .iter()
            .map(|d| d.render())
            .collect::<String>()
    );
}

#[test]
fn the_diff_example_is_the_real_output() {
    let text = authoring();
    let example = block_after(&text, "## Comparing versions", "text");
    let golden = fs::read_to_string(fixture("diff/golden.txt")).expect("golden diff output");
    assert_eq!(
        example, golden,
        "the example under \"Comparing versions\" differs from tests/fixtures/diff/golden.txt: copy the golden output into the docs"
    );
}

#[test]
fn the_format_2_example_is_the_checked_fixture() {
    // tests/format2.rs runs `check --sources guidance --deny-warnings` on the fixture, walks
    // it, diffs it and exports it; the docs must show exactly that file.
    let text = authoring();
    let example = block_after(&text, "### A complete format-2 example", "ron");
    let fixture = fs::read_to_string(fixture("valid/format2-example.ron")).expect("fixture");
    assert_eq!(
        example, fixture,
        "the example under \"A complete format-2 example\" differs from tests/fixtures/valid/format2-example.ron"
    );
}

#[test]
fn the_shared_policy_example_is_a_valid_policy() {
    let text = authoring();
    let example = block_after(&text, "## The shared policy (`policy.ron`)", "ron");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let (policy, diagnostics) = signpost::tree::Policy::load("authoring.md", example, today);
    assert!(
        diagnostics.is_empty() && !policy.is_broken(),
        "the policy example in docs/authoring.md does not load cleanly:\n{}",
        diagnostics
            .iter()
            .map(|d| d.render())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(policy.tools.len(), 2);
}

/// Every `<!-- keys: CONTEXT -->` … `<!-- /keys -->` block of the user guide and the trainers'
/// guide is the table the app's bindings give for that context (`UPDATE_DOCS=1 cargo test
/// --test docs` rewrites them).
#[test]
fn the_key_tables_in_the_guides_are_the_apps_keys() {
    use signpost::tui::keymap::{Context, markdown_table};
    let mut tables = 0;
    let mut stale = Vec::new();
    for guide in ["docs/user-guide.md", "docs/trainers.md"] {
        let path = repo().join(guide);
        let text = fs::read_to_string(&path).expect("the guide is readable");
        let (mut out, mut rest) = (String::new(), text.as_str());
        while let Some(start) = rest.find("<!-- keys: ") {
            let open_end = start + rest[start..].find("-->\n").expect("marker closed") + 4;
            let name = rest[start + "<!-- keys: ".len()..open_end - 4].trim();
            let context = Context::ALL
                .into_iter()
                .find(|c| format!("{c:?}") == name)
                .unwrap_or_else(|| panic!("{guide} names an unknown context: {name}"));
            let close = open_end
                + rest[open_end..]
                    .find("<!-- /keys -->")
                    .expect("a /keys marker");
            out.push_str(&rest[..open_end]);
            out.push_str(&markdown_table(context));
            rest = &rest[close..];
            tables += 1;
        }
        out.push_str(rest);
        if out != text {
            if std::env::var_os("UPDATE_DOCS").is_some() {
                fs::write(&path, &out).expect("write the guide");
            }
            stale.push(guide);
        }
    }
    assert!(
        stale.is_empty(),
        "the key tables of {stale:?} differ from the app's keys: run UPDATE_DOCS=1 cargo test --test docs"
    );
    assert!(
        tables >= 8,
        "only {tables} key tables are marked in the guides"
    );
}

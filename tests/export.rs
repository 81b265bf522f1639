//! `signpost export` through the real CLI: Mermaid, Graphviz and Markdown for a fixture tree
//! whose text is full of characters each format must escape (`tests/fixtures/export/tricky.ron`),
//! checked against golden files beside it (`golden.mmd`, `golden.dot`, `golden.md`; regenerate
//! with `UPDATE_GOLDEN=1 cargo test --test export` after a deliberate change); the Graphviz
//! output of the fixture and of every shipped tree parsed by `dot` itself; and the handbook's
//! links all landing on an anchor in the same document.
//!
//! The `dot` check needs Graphviz: without it the check is skipped with a message, except when
//! `CI=true`, where a missing `dot` is a failure (`.ci/run` installs Graphviz).

#[path = "support/golden.rs"]
mod golden;

#[path = "support/cli.rs"]
mod cli;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use signpost::catalog::{Catalog, Selection};
use signpost::tree::NodeKind;

const SHIPPED: [&str; 5] = ["share", "apps", "calls", "messaging", "scotgov-messaging"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn tricky() -> String {
    fixtures().join("tricky.ron").display().to_string()
}

/// `signpost export TREE --format FORMAT`, which must succeed.
fn export(tree: &str, format: &str) -> String {
    cli::stdout_of(&["export", tree, "--format", format])
}

#[test]
fn every_format_matches_its_golden_file() {
    for (format, golden) in [
        ("mermaid", "golden.mmd"),
        ("dot", "golden.dot"),
        ("markdown", "golden.md"),
    ] {
        // The file's path depends on where the repository is: the golden file says `<repo>`.
        let exported = export(&tricky(), format).replace(env!("CARGO_MANIFEST_DIR"), "<repo>");
        golden::assert_golden(&fixtures().join(golden), &exported);
    }
}

#[test]
fn outcomes_are_marked_by_verdict_in_words() {
    for format in ["mermaid", "dot", "markdown"] {
        let text = export(&tricky(), format);
        for expected in [
            "RECOMMENDED: Use Microsoft Teams",
            "ALLOWED WITH CONDITIONS: Use",
            "NOT ALLOWED: Do not send it with",
            "ASK FOR HELP: An outcome no",
        ] {
            assert!(
                text.contains(expected),
                "{format}: no `{expected}` in\n{text}"
            );
        }
    }
}

/// `dot` on the path, or `None` with a message; a failure when `CI=true`.
fn graphviz() -> Option<()> {
    let found = Process::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some(());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "Graphviz `dot` is not installed (CI=true, so this is a failure, not a skip): install the graphviz package"
    );
    eprintln!("SKIPPED: Graphviz `dot` is not installed; the dot output was not parsed");
    None
}

/// Renders `source` with `dot -Tsvg`, failing on any error or warning.
fn render_svg(name: &str, source: &str) -> String {
    let mut child = Process::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("dot reads its input");
    let output = child.wait_with_output().expect("dot finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "dot rejected the export of {name}:\n{stderr}"
    );
    String::from_utf8(output.stdout).expect("UTF-8 SVG")
}

#[test]
fn dot_output_parses_with_graphviz() {
    if graphviz().is_none() {
        return;
    }
    let svg = render_svg("tricky.ron", &export(&tricky(), "dot"));
    // The escaped label comes back exactly as written (SVG escapes &, " and <).
    for expected in [
        "Someone &quot;else&quot; \\ not sure &amp;",
        "Q&amp;amp;A",
        "A partner | agency",
        "Who is the file for? (#1 of 2)",
        "&lt;first&gt;",
    ] {
        assert!(svg.contains(expected), "no `{expected}` in the SVG:\n{svg}");
    }
    for tree in SHIPPED {
        render_svg(tree, &export(tree, "dot"));
    }
}

#[test]
fn mermaid_declares_every_node_once_and_every_option_as_an_edge() {
    let catalog = Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    for tree in &catalog.trees {
        let text = export(&tree.id, "mermaid");
        let mut declared = HashSet::new();
        let mut edges = 0;
        for line in text.lines().map(str::trim) {
            if let Some((from, rest)) = line.split_once(" -->|\"") {
                let to = rest.rsplit("| ").next().expect("an edge target");
                assert!(declared.contains(from) && declared.contains(to), "{line}");
                edges += 1;
            } else if let Some((id, _)) = line
                .split_once("[\"")
                .or(line.split_once("([\""))
                .or(line.split_once("{\""))
            {
                assert!(
                    declared.insert(id.trim_end_matches('(').to_string()),
                    "{line}"
                );
            }
        }
        // Every option, and every rule of a route, is an edge.
        let options: usize = tree
            .node_ids()
            .map(|id| match &tree.node(id).kind {
                NodeKind::Question(q) => q.options.len(),
                NodeKind::Route(r) => r.rules.len(),
                NodeKind::Checklist(_) => 1,
                _ => 0,
            })
            .sum();
        assert_eq!(declared.len(), tree.nodes.len(), "{}", tree.id);
        assert_eq!(edges, options, "{}", tree.id);
    }
}

/// The anchors a Markdown document defines and the in-page links it uses.
fn anchors_and_links(text: &str) -> (HashSet<String>, Vec<String>) {
    let mut anchors = HashSet::new();
    let mut links = Vec::new();
    for piece in text.split("<a id=\"").skip(1) {
        anchors.insert(piece.split('"').next().unwrap_or_default().to_string());
    }
    for piece in text.split("](#").skip(1) {
        links.push(piece.split(')').next().unwrap_or_default().to_string());
    }
    (anchors, links)
}

#[test]
fn handbook_links_land_on_anchors_and_cover_every_node() {
    let mut trees: Vec<String> = SHIPPED.iter().map(|t| t.to_string()).collect();
    trees.push(tricky());
    for tree in trees {
        let text = export(&tree, "markdown");
        let (anchors, links) = anchors_and_links(&text);
        for link in &links {
            assert!(anchors.contains(link), "{tree}: no anchor for #{link}");
        }
        // A node's section is its anchor, a blank line and its `###` heading (the policy
        // section has `###` headings of its own).
        let lines: Vec<&str> = text.lines().collect();
        let sections = lines
            .windows(3)
            .filter(|w| w[0].starts_with("<a id=\"node-") && w[2].starts_with("### "))
            .count();
        let nodes = anchors.iter().filter(|a| a.starts_with("node-")).count();
        assert_eq!(sections, nodes, "{tree}: one section per node");
        assert!(text.contains("## Sources"), "{tree}");
    }
}

#[test]
fn handbook_gives_contacts_in_full_and_escapes_markup() {
    let text = export(&tricky(), "markdown");
    for expected in [
        "- **MoJ Security team**: Any question about security, or which tool to use\n  - Email: <security@justice.gov.uk>\n  - Slack: #security\n  - Phone: 0300 000 0000\n  - Web: <https://security-guidance.service.justice.gov.uk/>\n",
        "**No** (Not even with a \\*secure\\* \\[account\\])",
        "Pick where they work.\\\n1\\. Colleagues use Teams.\\\n\\# Partners may need CJSM.\n",
        "1. If they cannot use Egress: try Galaxkey.\n2. If neither works: ask the Security team.\n",
        "*No answers lead here from the start.*",
    ] {
        assert!(text.contains(expected), "no `{expected}` in\n{text}");
    }
}

#[test]
fn an_unknown_tree_is_a_usage_error() {
    cli::signpost()
        .args(["export", "no-such-tree", "--format", "dot"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no tree with the id \"no-such-tree\"",
        ));
}

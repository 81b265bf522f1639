//! The shipped content (issue 3): golden decision tables, every quote verified against its
//! document, policy rules over every path of the `share` tree, the approved tools table in the
//! `apps` tree, and guidance and contacts on every node.
//!
//! Golden tables live in `tests/golden/<tree id>.md`. When a content change is deliberate,
//! regenerate them with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test content golden
//! ```
//!
//! and review the diff: every flipped recommendation shows up there.
//!
//! The quote check reads the policy documents from `../shared/guidance` beside the repository,
//! or from the committed copy in `guidance/` when that folder is not there.
//! Without that folder the check fails when `CI=true` and is skipped (with a message) otherwise.

#[path = "support/golden.rs"]
mod golden;

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};

use cli::stdout_of;
use serde::Deserialize;
use signpost::catalog::{Catalog, Selection};
use signpost::tree::quotes::normalise;
use signpost::tree::{NodeKind, Tree};

fn shipped() -> Catalog {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The policy documents: `../shared/guidance` beside the repository when it is there (the
/// source of truth), else the copy committed in `guidance/`, so a clean clone checks its quotes
/// too. `None` (with a message) only when neither exists; with `CI=true` that is a failure.
fn guidance_dir() -> Option<PathBuf> {
    for dir in [
        manifest_dir().join("../shared/guidance"),
        manifest_dir().join("guidance"),
    ] {
        if dir.is_dir() {
            return Some(dir);
        }
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the guidance documents are missing from ../shared/guidance and guidance/ (CI=true, so this is a failure, not a skip)"
    );
    eprintln!(
        "SKIPPED: no guidance documents in ../shared/guidance or guidance/; quotes were not verified"
    );
    None
}

/// The committed copy in `guidance/` must match the shared documents byte for byte, so the
/// quote check of a clean clone checks against the real policy text.
#[test]
fn the_committed_guidance_copy_matches_the_shared_documents() {
    let shared = manifest_dir().join("../shared/guidance");
    if !shared.is_dir() {
        eprintln!(
            "SKIPPED: ../shared/guidance is not beside the repository; the copy in guidance/ is used as it is"
        );
        return;
    }
    let mut names: Vec<_> = std::fs::read_dir(&shared)
        .expect("shared folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    for name in names {
        let original = std::fs::read(shared.join(&name)).expect("shared document");
        let copy = std::fs::read(manifest_dir().join("guidance").join(&name)).unwrap_or_default();
        assert!(
            original == copy,
            "guidance/{} differs from ../shared/guidance: copy the current document into guidance/",
            name.to_string_lossy()
        );
    }
}

// ------------------------------------------------------------------------------------------
// Shipped trees, guidance and contacts

#[test]
fn the_five_trees_ship_and_load_without_errors() {
    let catalog = shipped();
    let (errors, warnings) = catalog.counts();
    assert_eq!((errors, warnings), (0, 0), "{:#?}", catalog.diagnostics);
    let mut ids: Vec<&str> = catalog.trees.iter().map(|t| t.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["apps", "calls", "messaging", "scotgov-messaging", "share"]
    );
}

#[test]
fn every_node_has_guidance_and_every_outcome_a_contact() {
    let mut missing = Vec::new();
    for tree in &shipped().trees {
        for id in tree.node_ids() {
            let node = tree.node(id);
            // A route has no screen: the questions before it and the outcomes after it quote.
            let route = matches!(node.kind, NodeKind::Route(_));
            if node.guidance().is_empty() && !route {
                missing.push(format!("{}: {} has no guidance passage", tree.id, node.id));
            }
            if matches!(node.kind, NodeKind::Outcome(_)) && node.contacts().is_empty() {
                missing.push(format!("{}: outcome {} has no contact", tree.id, node.id));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_quote_is_verified_against_its_document() {
    let Some(dir) = guidance_dir() else {
        return;
    };
    let dir = dir.display().to_string();
    let output = stdout_of(&["check", "--sources", &dir, "--deny-warnings"]);
    assert!(
        output.contains("0 errors, 0 warnings"),
        "unexpected check summary:\n{output}"
    );
}

// ------------------------------------------------------------------------------------------
// Golden decision tables

fn golden_path(tree: &Tree) -> PathBuf {
    manifest_dir()
        .join("tests/golden")
        .join(format!("{}.md", tree.id))
}

#[test]
fn golden_decision_tables() {
    for tree in &shipped().trees {
        let actual = stdout_of(&["table", &tree.id, "--format", "markdown"]);
        golden::assert_golden(&golden_path(tree), &actual);
    }
}

#[test]
fn every_golden_table_belongs_to_a_shipped_tree() {
    let ids: Vec<String> = shipped().trees.iter().map(|t| t.id.clone()).collect();
    for entry in fs::read_dir(manifest_dir().join("tests/golden")).expect("tests/golden exists") {
        let path = entry.expect("readable entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        assert!(
            ids.iter().any(|id| id == stem),
            "{} has no shipped tree: delete it or restore the tree",
            path.display()
        );
    }
}

// ------------------------------------------------------------------------------------------
// Policy rules over every path of the share tree

/// One row of `signpost table share --format json`.
#[derive(Debug, Deserialize)]
struct PathRow {
    answers: Vec<Answer>,
    outcome: OutcomeRef,
}

#[derive(Debug, Deserialize)]
struct Answer {
    question: String,
    answer: String,
}

#[derive(Debug, Deserialize)]
struct OutcomeRef {
    id: String,
    title: String,
    verdict: String,
}

/// Headlines of outcomes that send the person to a tool.
const TOOL_TITLES: &[&str] = &[
    "Use Microsoft Teams",
    "Use CJSE or CJSM",
    "Use Egress or Galaxkey",
    "Use official MoJ email",
];
const WHO_DOCUMENTS: &str = "Who are you sharing it with?";
const WHO_CALL: &str = "Who will be in the call or meeting?";

const GOVERNMENT: &str = "Another government department";
const PARTNER: &str = "A police force or another criminal justice partner";
const COLLEAGUES: &str = "Colleagues in the MoJ";
const PERSONAL: &str = "Myself — a personal account or device";
const CALL: &str = "Hold a call or meeting";

impl PathRow {
    fn answer_to(&self, question: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|a| a.question == question)
            .map(|a| a.answer.as_str())
    }

    fn answered(&self, answer: &str) -> bool {
        self.answers.iter().any(|a| a.answer == answer)
    }

    fn recipient(&self) -> Option<&str> {
        self.answer_to(WHO_DOCUMENTS)
            .or_else(|| self.answer_to(WHO_CALL))
    }

    fn at_most_official_sensitive(&self) -> bool {
        self.answered("OFFICIAL") || self.answered("OFFICIAL-SENSITIVE")
    }

    fn above_official_sensitive(&self) -> bool {
        self.answered("SECRET") || self.answered("TOP SECRET")
    }

    fn can_use_teams(&self) -> bool {
        self.answers
            .iter()
            .any(|a| a.question.contains("Microsoft Teams") && a.answer == "Yes")
    }

    fn ends_on_tool(&self) -> bool {
        TOOL_TITLES
            .iter()
            .any(|t| self.outcome.title.starts_with(t))
            || matches!(
                self.outcome.verdict.as_str(),
                "recommended" | "allowed-with-conditions"
            )
    }

    fn ends_on_teams(&self) -> bool {
        self.outcome.title.starts_with("Use Microsoft Teams")
    }

    fn describe(&self) -> String {
        let answers: Vec<&str> = self.answers.iter().map(|a| a.answer.as_str()).collect();
        format!(
            "{} → {} ({}, `{}`)",
            answers.join(" › "),
            self.outcome.title,
            self.outcome.verdict,
            self.outcome.id
        )
    }
}

fn share_paths() -> Vec<PathRow> {
    let json = stdout_of(&["table", "share", "--format", "json"]);
    let table: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(table["tree"]["provenance"]["kind"], "built-in");
    let paths: Vec<PathRow> =
        serde_json::from_value(table["paths"].clone()).expect("the documented JSON shape");
    assert!(!paths.is_empty(), "the share tree has paths");
    paths
}

/// Asserts `rule` on every path `applies` selects, and that it selects at least one: a rule
/// that no longer matches any path (a renamed answer) must not pass silently.
fn check_rule(
    paths: &[PathRow],
    name: &str,
    applies: impl Fn(&PathRow) -> bool,
    rule: impl Fn(&PathRow) -> bool,
) {
    let selected: Vec<&PathRow> = paths.iter().filter(|p| applies(p)).collect();
    assert!(
        !selected.is_empty(),
        "rule \"{name}\" applies to no path: have the answers been renamed?"
    );
    let broken: Vec<String> = selected
        .iter()
        .filter(|p| !rule(p))
        .map(|p| p.describe())
        .collect();
    assert!(
        broken.is_empty(),
        "rule \"{name}\" is broken by {} path(s):\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn no_secret_or_top_secret_path_ends_on_a_tool() {
    check_rule(
        &share_paths(),
        "SECRET and TOP SECRET never end on a tool",
        PathRow::above_official_sensitive,
        |p| !p.ends_on_tool(),
    );
}

#[test]
fn email_only_for_government_bodies() {
    check_rule(
        &share_paths(),
        "official email only for a government body",
        |p| p.outcome.title.starts_with("Use official MoJ email"),
        |p| p.recipient() == Some(GOVERNMENT),
    );
}

/// The guidance approves official email "with other government bodies" and does not say
/// whether a police force counts: a criminal justice partner is sent to ask, never to email.
#[test]
fn email_is_never_for_a_recipient_the_guidance_does_not_name_as_a_government_body() {
    let paths = share_paths();
    let email = |p: &&PathRow| p.outcome.title.starts_with("Use official MoJ email");
    assert!(
        paths
            .iter()
            .filter(email)
            .any(|p| p.recipient() == Some(GOVERNMENT)),
        "another government department can reach official email as the last resort"
    );
    check_rule(
        &paths,
        "a criminal justice partner never reaches official email",
        |p| p.recipient() == Some(PARTNER),
        |p| !p.outcome.title.starts_with("Use official MoJ email"),
    );
}

#[test]
fn personal_accounts_are_never_allowed() {
    check_rule(
        &share_paths(),
        "a personal account or device is not allowed",
        |p| p.recipient() == Some(PERSONAL),
        |p| p.outcome.verdict == "not-allowed" && !p.ends_on_tool(),
    );
}

#[test]
fn teams_first_whenever_the_recipient_can_use_it() {
    check_rule(
        &share_paths(),
        "Teams when they can use it, up to OFFICIAL-SENSITIVE",
        |p| p.can_use_teams() && p.at_most_official_sensitive(),
        PathRow::ends_on_teams,
    );
}

#[test]
fn teams_for_documents_and_messages_the_recipient_can_open_in_teams() {
    let paths = share_paths();
    for what in ["Share documents or files", "Send a message"] {
        check_rule(
            &paths,
            &format!("{what}: Teams when they can use it"),
            |p| p.answered(what) && p.can_use_teams() && p.at_most_official_sensitive(),
            PathRow::ends_on_teams,
        );
    }
}

/// The guidance: "For Internal meetings, use Microsoft Teams" (Zoom's row of the approved tools
/// table), and Teams is approved for OFFICIAL and OFFICIAL-SENSITIVE. The tree asks no Teams
/// question for internal calls: they go straight to Teams.
#[test]
fn internal_calls_use_teams() {
    check_rule(
        &share_paths(),
        "calls with MoJ colleagues use Teams",
        |p| {
            p.answered(CALL)
                && p.answer_to(WHO_CALL) == Some(COLLEAGUES)
                && p.at_most_official_sensitive()
        },
        |p| p.ends_on_teams() && !p.answers.iter().any(|a| a.question.contains("Teams")),
    );
}

#[test]
fn external_calls_use_teams_when_everyone_can_join() {
    check_rule(
        &share_paths(),
        "external calls use Teams when everyone can join",
        |p| p.answered(CALL) && p.can_use_teams() && p.at_most_official_sensitive(),
        PathRow::ends_on_teams,
    );
}

// ------------------------------------------------------------------------------------------
// The approved tools table in the apps tree

/// One row of the approved tools table in `moj-general-app-guidance.md` ("Approved tools"),
/// with the answers that reach its outcome and what the outcome must tell the person.
struct ToolRow {
    /// The row's name, for failure messages.
    name: &'static str,
    /// Answers to `signpost ask apps`, in order.
    answers: &'static [&'static str],
    /// The "Tool name" cell, verbatim from the document.
    tool: &'static str,
    /// The "Conditions/ constraints on use" cell, verbatim from the document.
    conditions: &'static str,
    /// The "Audience" cell, verbatim from the document.
    audience: &'static str,
    /// Lines the outcome's conditions must include: the row's conditions and its audience in
    /// plain words.
    says: &'static [&'static str],
}

const AVOID: &str = "Avoid personal or sensitive data";
const AVOID_SAYS: &str = "Avoid personal or sensitive data.";
const OFFICIAL_SENSITIVE: &str = "MoJ use approved for **Official** and **Official-Sensitive**";
const OFFICIAL_SENSITIVE_SAYS: &str = "Only up to OFFICIAL-SENSITIVE.";
const BOTH: &str = "Internal/External";
const BOTH_SAYS: &str = "Audience: internal and external.";
const INTERNAL: &str = "Internal";
const INTERNAL_SAYS: &str = "Internal audience only.";
const TWITTER_CONDITIONS: &str = "Approved for MoJ Corporate account. Using a personal account to comment on work related issues is encouraged, as long as you follow the [Civil Service Code of Conduct](https://www.gov.uk/government/publications/civil-service-code/the-civil-service-code).";
const ZOOM_AUDIENCE: &str = "External meetings. For Internal meetings, use Microsoft Teams.";

const TOOL_ROWS: &[ToolRow] = &[
    ToolRow {
        name: "FaceTime",
        answers: &["FaceTime", "OFFICIAL", "No personal or sensitive data"],
        tool: "Apple Facetime",
        conditions: AVOID,
        audience: BOTH,
        says: &[AVOID_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "iMessage",
        answers: &["iMessage", "OFFICIAL", "No personal or sensitive data"],
        tool: "Apple iMessage",
        conditions: AVOID,
        audience: BOTH,
        says: &[AVOID_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Google Meet",
        answers: &["Google Meet", "OFFICIAL"],
        tool: "Google Meet \\(was Google Hangouts\\)",
        conditions: OFFICIAL_SENSITIVE,
        audience: BOTH,
        says: &[OFFICIAL_SENSITIVE_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Microsoft Teams",
        answers: &["Microsoft Teams", "OFFICIAL"],
        tool: "Microsoft Teams",
        conditions: OFFICIAL_SENSITIVE,
        audience: BOTH,
        says: &[OFFICIAL_SENSITIVE_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Miro",
        answers: &["Miro", "OFFICIAL", "No personal or sensitive data"],
        tool: "Miro",
        conditions: AVOID,
        audience: BOTH,
        says: &[AVOID_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Skype for Business",
        answers: &["Skype for Business", "OFFICIAL"],
        tool: "Skype for Business",
        conditions: OFFICIAL_SENSITIVE,
        audience: BOTH,
        says: &[OFFICIAL_SENSITIVE_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Slack",
        answers: &["Slack", "OFFICIAL", "No personal or sensitive data"],
        tool: "Slack",
        conditions: AVOID,
        audience: BOTH,
        says: &[AVOID_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Slido",
        answers: &[
            "Slido",
            "Only colleagues in the MoJ",
            "OFFICIAL",
            "No personal or sensitive data",
        ],
        tool: "Slido",
        conditions: AVOID,
        audience: INTERNAL,
        says: &[AVOID_SAYS, INTERNAL_SAYS],
    },
    ToolRow {
        name: "Trello",
        answers: &[
            "Trello",
            "Only colleagues in the MoJ",
            "OFFICIAL",
            "No personal or sensitive data",
        ],
        tool: "Trello",
        conditions: "Avoid personal or sensitive data. An enterprise-wide MoJ licence is available. Ensure you create Trello boards in the MoJ workspace. Do not use a personal Trello account.",
        audience: INTERNAL,
        says: &[
            AVOID_SAYS,
            "Create Trello boards in the MoJ workspace.",
            "Do not use a personal Trello account.",
            INTERNAL_SAYS,
        ],
    },
    ToolRow {
        name: "Twitter (the MoJ corporate account)",
        answers: &["Twitter", "The MoJ corporate account"],
        tool: "Twitter",
        conditions: TWITTER_CONDITIONS,
        audience: BOTH,
        says: &[
            "Only if you are one of the people authorised to use the corporate account.",
            BOTH_SAYS,
        ],
    },
    ToolRow {
        name: "Twitter (a personal account)",
        answers: &["Twitter", "My personal account"],
        tool: "Twitter",
        conditions: TWITTER_CONDITIONS,
        audience: BOTH,
        says: &["Follow the Civil Service Code of Conduct.", BOTH_SAYS],
    },
    ToolRow {
        name: "WhatsApp",
        answers: &[
            "WhatsApp",
            "Only colleagues in the MoJ",
            "OFFICIAL",
            "No personal or sensitive data",
        ],
        tool: "WhatsApp",
        conditions: AVOID,
        audience: BOTH,
        // The WhatsApp guidance narrows the table's "Internal/External": "can only be used for
        // your day-to-day communication with colleagues".
        says: &[
            AVOID_SAYS,
            "Only for your day-to-day communication with colleagues.",
        ],
    },
    ToolRow {
        name: "Yammer",
        answers: &[
            "Yammer",
            "Only colleagues in the MoJ",
            "OFFICIAL",
            "No personal or sensitive data",
        ],
        tool: "Yammer",
        conditions: AVOID,
        audience: INTERNAL,
        says: &[AVOID_SAYS, INTERNAL_SAYS],
    },
    ToolRow {
        name: "YouTube",
        answers: &["YouTube", "OFFICIAL", "No personal or sensitive data"],
        tool: "YouTube",
        conditions: AVOID,
        audience: BOTH,
        says: &[AVOID_SAYS, BOTH_SAYS],
    },
    ToolRow {
        name: "Zoom (an external meeting)",
        answers: &[
            "Zoom",
            "Someone from outside the MoJ too",
            "OFFICIAL",
            "No personal or sensitive data",
        ],
        tool: "Zoom",
        conditions: AVOID,
        audience: ZOOM_AUDIENCE,
        says: &[AVOID_SAYS, "External meetings only."],
    },
    ToolRow {
        name: "Zoom (an internal meeting)",
        answers: &["Zoom", "Only colleagues in the MoJ", "OFFICIAL"],
        tool: "Zoom",
        conditions: AVOID,
        audience: ZOOM_AUDIENCE,
        says: &["Hold internal meetings in Microsoft Teams."],
    },
];

/// The outcome JSON of `signpost ask apps --answer …`.
fn apps_outcome(answers: &[&str]) -> serde_json::Value {
    let mut args = vec!["ask", "apps"];
    for answer in answers {
        args.extend(["--answer", answer]);
    }
    args.extend(["--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_str(&stdout_of(&args)).expect("ask prints JSON");
    report["outcome"].clone()
}

/// The `|`-separated cells of every passage quoted by an outcome, normalised.
fn quoted_cells(outcome: &serde_json::Value) -> Vec<String> {
    outcome["passages"]
        .as_array()
        .expect("outcome.passages is an array")
        .iter()
        .filter_map(|p| p["quote"].as_str())
        .flat_map(|q| {
            normalise(q)
                .split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What is wrong with the outcome a row's answers reach (empty when nothing is).
fn row_problems(row: &ToolRow) -> Vec<String> {
    let outcome = apps_outcome(row.answers);
    let conditions: Vec<&str> = outcome["conditions"]
        .as_array()
        .expect("outcome.conditions is an array")
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    let cells = quoted_cells(&outcome);
    let mut problems = Vec::new();
    for (what, cell) in [("conditions", row.conditions), ("audience", row.audience)] {
        if !cells.contains(&normalise(cell)) {
            problems.push(format!(
                "no passage quotes the row's {what} cell \"{cell}\""
            ));
        }
    }
    for line in row.says {
        if !conditions.contains(line) {
            problems.push(format!(
                "the conditions do not say \"{line}\" (they are {conditions:?})"
            ));
        }
    }
    problems
}

#[test]
fn every_approved_tools_row_carries_its_conditions_and_audience() {
    let failures: Vec<String> = TOOL_ROWS
        .iter()
        .flat_map(|row| {
            row_problems(row).into_iter().map(move |p| {
                format!(
                    "{} (signpost ask apps --answer {}): {p}",
                    row.name,
                    row.answers.join(" --answer ")
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_expected_rows_are_the_documents_rows() {
    let Some(dir) = guidance_dir() else {
        return;
    };
    let document =
        fs::read_to_string(dir.join("moj-general-app-guidance.md")).expect("document readable");
    for row in TOOL_ROWS {
        let line = document
            .lines()
            .find(|l| l.starts_with(&format!("|{}|", row.tool)))
            .unwrap_or_else(|| panic!("{}: no table row for \"{}\"", row.name, row.tool));
        assert!(
            line.contains(&format!("|{}|", row.conditions)),
            "{}: the row's conditions are not \"{}\": {line}",
            row.name,
            row.conditions
        );
        assert!(
            line.ends_with(&format!("|{}|", row.audience)),
            "{}: the row's audience is not \"{}\": {line}",
            row.name,
            row.audience
        );
    }
}

#[test]
fn every_row_of_the_approved_tools_table_is_covered() {
    let Some(dir) = guidance_dir() else {
        return;
    };
    let document =
        fs::read_to_string(dir.join("moj-general-app-guidance.md")).expect("document readable");
    let table = document
        .split("## Approved tools")
        .nth(1)
        .expect("an Approved tools section");
    let uncovered: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|l| l.split('|').nth(1))
        .filter(|tool| !TOOL_ROWS.iter().any(|r| r.tool == *tool))
        .collect();
    assert!(uncovered.is_empty(), "rows without a test: {uncovered:?}");
}

#[test]
fn one_search_finds_the_route_to_every_outcome_that_route_to_finds() {
    for tree in &shipped().trees {
        let all = signpost::tree::paths::routes_to_outcomes(tree);
        for id in tree.node_ids() {
            let expected = match tree.outcome(id) {
                Some(_) => signpost::tree::paths::route_to(tree, id),
                None => None,
            };
            assert_eq!(
                all[id.index()],
                expected,
                "{}: {}",
                tree.id,
                tree.node(id).id
            );
        }
    }
}

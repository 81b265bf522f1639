//! The shared policy on the shipped content: every shipped rule — written in
//! `decision-trees/policy.ron` or made from its register — is broken by a one-line edit of the
//! shipped share tree, and `check` and `diff` both name it. Plus `signpost policy` itself, and a
//! policy file of one's own.

#[path = "support/cli.rs"]
mod cli;

use std::fs;
use std::path::{Path, PathBuf};

use cli::{signpost, stdout_of};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_share() -> String {
    fs::read_to_string(repo().join("decision-trees/share.ron")).expect("share.ron")
}

/// The shipped share tree with `from` replaced by `to` at its first occurrence after the line
/// that opens node `node`: exactly one line changes.
fn edit(node: &str, from: &str, to: &str) -> String {
    edit_in("share", node, from, to)
}

/// [`edit`] for the shipped tree `tree`.
fn edit_in(tree: &str, node: &str, from: &str, to: &str) -> String {
    let text =
        fs::read_to_string(repo().join(format!("decision-trees/{tree}.ron"))).expect("a tree");
    let start = text
        .find(&format!("\n        \"{node}\": "))
        .unwrap_or_else(|| panic!("no node {node}"));
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("no `{from}` in node {node}"));
    let edited = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    let changed = text
        .lines()
        .zip(edited.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1, "the edit of {node} changes one line");
    edited
}

/// Runs `check` and `diff shipped edited` on an edited share tree, in a folder of its own (so
/// the shipped policy applies), and asserts both name `rule` as broken.
fn assert_breaks(rule: &str, edited: &str) {
    assert_breaks_in("share", rule, edited);
}

/// [`assert_breaks`] for the shipped tree `tree`.
fn assert_breaks_in(tree: &str, rule: &str, edited: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("{tree}.ron"));
    fs::write(&file, edited).expect("write");
    let file = file.display().to_string();
    let named = format!("rule \"{rule}\" is broken");

    let check = signpost()
        .args(["check", &file, "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{rule}: {stdout}");
    assert!(
        stdout.contains(&named),
        "check does not name {rule}:\n{stdout}"
    );

    let shipped = repo()
        .join(format!("decision-trees/{tree}.ron"))
        .display()
        .to_string();
    let diff = signpost()
        .args(["diff", &shipped, &file])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&diff.stdout);
    assert_eq!(diff.status.code(), Some(2), "{rule}: {stdout}");
    assert!(stdout.contains("POLICY RULES BROKEN"), "{rule}: {stdout}");
    assert!(
        stdout.contains(&named),
        "diff does not name {rule}:\n{stdout}"
    );
}

/// `signpost policy --format json`.
fn policy_json() -> Value {
    serde_json::from_str(&stdout_of(&["policy", "--format", "json"])).expect("JSON")
}

#[test]
fn the_shipped_trees_keep_every_shipped_rule() {
    let out = stdout_of(&["check", "--deny-warnings"]);
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

/// One edit per written rule of the shipped policy, each the mistake the rule exists to catch.
const WRITTEN: &[(&str, &str, &str, &str)] = &[
    // SECRET material pointed at the Teams question.
    (
        "no-tool-above-official-sensitive",
        "class",
        r#"Option(label: "SECRET", next: "secret-or-above")"#,
        r#"Option(label: "SECRET", next: "route-teams")"#,
    ),
    // "Myself — a personal account" carried on to the classification.
    (
        "never-a-personal-account",
        "who",
        r#"next: "personal-not-allowed","#,
        r#"next: "class","#,
    ),
    // An external organisation that cannot use Egress sent to email.
    (
        "email-for-government-bodies-only",
        "route-egress-no",
        r#"Otherwise("no-route-partner")"#,
        r#"Otherwise("email-gov")"#,
    ),
    // "Yes, they can use Teams" walked on to CJSE/CJSM.
    (
        "teams-first",
        "teams-gov-q",
        r#"Option(label: "Yes", next: "teams-gov")"#,
        r#"Option(label: "Yes", next: "cjsm-q")"#,
    ),
    // "Yes, they can use CJSE or CJSM" walked on to Egress.
    (
        "cjsm-before-egress",
        "cjsm-q",
        r#"Option(label: "Yes", next: "route-cjsm")"#,
        r#"Option(label: "Yes", next: "egress-q")"#,
    ),
    // "Yes, Egress works" walked on to email.
    (
        "egress-before-email",
        "egress-q",
        r#"Option(label: "Yes", next: "route-egress")"#,
        r#"Option(label: "Yes", next: "route-egress-no")"#,
    ),
    // A message holding passwords sent by an instant messaging app.
    (
        "im-avoid-passwords",
        "teams-moj",
        r#"tools: ["teams"],"#,
        r#"tools: ["teams", "slack"],"#,
    ),
    // A message holding hr sent by an instant messaging app.
    (
        "im-avoid-hr",
        "teams-moj",
        r#"tools: ["teams"],"#,
        r#"tools: ["teams", "slack"],"#,
    ),
    // A message holding personal-data sent by an instant messaging app.
    (
        "im-avoid-personal-data",
        "teams-moj",
        r#"tools: ["teams"],"#,
        r#"tools: ["teams", "slack"],"#,
    ),
    // A message holding legal sent by an instant messaging app.
    (
        "im-avoid-legal",
        "teams-moj",
        r#"tools: ["teams"],"#,
        r#"tools: ["teams", "slack"],"#,
    ),
    // A message holding commercial sent by an instant messaging app.
    (
        "im-avoid-commercial",
        "teams-moj",
        r#"tools: ["teams"],"#,
        r#"tools: ["teams", "slack"],"#,
    ),
    // "I'm not sure who" carried on as if it were known.
    (
        "doubt-about-recipient",
        "route-teams",
        r#"When(if: {"recipient": "not-sure"}, go: "who-help")"#,
        r#"When(if: {"recipient": "not-sure"}, go: "teams-ext-q")"#,
    ),
    (
        "doubt-about-sensitive-data",
        "call-zoom-q",
        r#"value: "not-sure", next: "zoom-check-first""#,
        r#"value: "not-sure", next: "zoom-call""#,
    ),
];

#[test]
fn every_written_rule_is_broken_by_a_one_line_edit_and_check_and_diff_name_it() {
    let written: Vec<String> = policy_json()["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["origin"] == "policy")
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect();
    let tested: Vec<&str> = WRITTEN.iter().map(|(rule, ..)| *rule).collect();
    assert_eq!(
        written, tested,
        "every shipped written rule has a mutation here"
    );
    for (rule, node, from, to) in WRITTEN {
        assert_breaks(rule, &edit(node, from, to));
    }
}

/// One edit per rule of the share tree's own, about the classification chosen after "I'm not
/// sure".
const SHARES_OWN: &[(&str, &str, &str, &str)] = &[
    (
        "no-tool-for-secret-explained",
        "explain",
        r#"Option(label: "SECRET", next: "secret-or-above")"#,
        r#"Option(label: "SECRET", next: "route-teams")"#,
    ),
    (
        "zoom-up-to-official-explained",
        "route-meet-no",
        r#"When(if: {"explained": "official"}, go: "call-zoom-q")"#,
        r#"When(if: {"explained": ["official", "official-sensitive"]}, go: "call-zoom-q")"#,
    ),
    (
        "doubt-about-classification",
        "explain",
        r#"Option(label: "Still not sure", next: "classification-help")"#,
        r#"Option(label: "Still not sure", next: "route-teams")"#,
    ),
];

#[test]
fn every_rule_of_a_shipped_tree_is_broken_by_a_one_line_edit_and_check_and_diff_name_it() {
    let own: Vec<String> = policy_json()["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["origin"] == "tree")
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect();
    let mut tested: Vec<&str> = SHARES_OWN.iter().map(|(rule, ..)| *rule).collect();
    tested.extend(OTHER_TREES_OWN.iter().map(|(_, rule, ..)| *rule));
    tested.sort_unstable();
    let mut own: Vec<&str> = own.iter().map(String::as_str).collect();
    own.sort_unstable();
    assert_eq!(
        own, tested,
        "every rule of a shipped tree has a mutation here"
    );
    for (rule, node, from, to) in SHARES_OWN {
        assert_breaks(rule, &edit(node, from, to));
    }
    for (tree, rule, node, from, to) in OTHER_TREES_OWN {
        assert_breaks_in(tree, rule, &edit_in(tree, node, from, to));
    }
}

/// One edit per rule of the other shipped trees: (tree, rule, node, from, to).
const OTHER_TREES_OWN: &[(&str, &str, &str, &str, &str)] = &[
    // WhatsApp with people from outside the MoJ no longer stopped with the internal-only apps.
    (
        "apps",
        "whatsapp-only-with-colleagues",
        "after-class",
        r#"{"app": ["slido", "trello", "yammer", "whatsapp"], "recipient": "ext"}"#,
        r#"{"app": ["slido", "trello", "yammer"], "recipient": "ext"}"#,
    ),
    // A personal social media account sent to the corporate account's outcome.
    (
        "apps",
        "social-media-corporate-accounts-only",
        "account-route",
        r#"When(if: {"app": "social"}, go: "social-not-permitted")"#,
        r#"When(if: {"app": "social"}, go: "social-corporate")"#,
    ),
    // Proctoring software sent to the NHS app's "safe to use".
    (
        "apps",
        "no-proctoring-on-moj-equipment",
        "app",
        r#"next: "proctoring")"#,
        r#"next: "nhs-covid-app")"#,
    ),
    // An unlisted app sent to the NHS app's "safe to use".
    (
        "apps",
        "unlisted-app-waits-for-approval",
        "app",
        r#"next: "not-listed")"#,
        r#"next: "nhs-covid-app")"#,
    ),
    // Recording allowed whether or not it is essential.
    (
        "calls",
        "record-only-if-essential",
        "rec-decide",
        r#"{"essential": "yes", "permission": "yes","#,
        r#"{"permission": "yes","#,
    ),
    // Recording allowed whether or not everyone agreed.
    (
        "calls",
        "record-only-with-permission",
        "rec-decide",
        r#"{"essential": "yes", "permission": "yes","#,
        r#"{"essential": "yes","#,
    ),
    // Sensitive details in the recording sent to "you may record".
    (
        "calls",
        "no-sensitive-details-recorded",
        "rec-decide",
        r#"When(if: {"sensitive-data": "some"}, go: "rec-dont")"#,
        r#"When(if: {"sensitive-data": "some"}, go: "rec-ok")"#,
    ),
    // An OFFICIAL-SENSITIVE call sent to "you may record".
    (
        "calls",
        "official-sensitive-not-recorded",
        "rec-class",
        r#"Option(label: "OFFICIAL-SENSITIVE", next: "rec-dont")"#,
        r#"Option(label: "OFFICIAL-SENSITIVE", next: "rec-ok")"#,
    ),
    // A message for someone outside the MoJ sent to the outcome that names WhatsApp.
    (
        "messaging",
        "whatsapp-only-with-colleagues",
        "route-who",
        r#"When(if: {"recipient": "ext"}, go: "im-ok-ext")"#,
        r#"When(if: {"recipient": "ext"}, go: "im-ok")"#,
    ),
    // Restricted content sent on to the classification's tool.
    (
        "messaging",
        "no-im-for-restricted-content",
        "im-content",
        r#"Option(label: "Yes", next: "im-restricted"),"#,
        r#"Option(label: "Yes", next: "route-im"),"#,
    ),
];

#[test]
fn every_register_rule_is_broken_by_a_one_line_edit_and_check_and_diff_name_it() {
    let rules = policy_json()["rules"].as_array().expect("rules").clone();
    let register: Vec<&Value> = rules.iter().filter(|r| r["origin"] == "register").collect();
    assert!(register.len() >= 40, "{} register rules", register.len());
    for rule in register {
        let id = rule["id"].as_str().expect("id");
        let tool = rule["tool"].as_str().expect("tool");
        // An outcome whose paths meet the rule's condition is made to recommend the tool.
        let outcome = if id.contains("-up-to-") {
            "secret-or-above"
        } else if id.ends_with("-internal-only") {
            "personal-not-allowed"
        } else if id.ends_with("-external-only") {
            "no-route-moj"
        } else if id.ends_with("-avoid-not-sure") {
            "zoom-check-first"
        } else if id.contains("-avoid-") {
            "no-route-call"
        } else {
            panic!("a register rule of an unknown kind: {id}")
        };
        let text = shipped_share();
        let start = text
            .find(&format!("\n        \"{outcome}\": "))
            .expect("outcome");
        let verdict = &text[start..]
            .lines()
            .find(|l| l.trim_start().starts_with("verdict:"))
            .expect("a verdict line");
        let edited = edit(
            outcome,
            verdict.trim_start(),
            &format!(r#"verdict: "recommended", tools: ["{tool}"],"#),
        );
        assert_breaks(id, &edited);
    }
}

#[test]
fn policy_lists_every_rule_with_its_source_and_the_paths_it_covers() {
    let report = policy_json();
    assert_eq!(report["tools"].as_array().expect("tools").len(), 18);
    let zoom = report["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .find(|t| t["id"] == "zoom")
        .expect("zoom");
    assert_eq!(
        zoom["card"],
        "Zoom — Video, voice and chat · approved up to OFFICIAL · external use only · Avoid personal or sensitive data · For internal meetings, use Microsoft Teams · Web browser based use, or dedicated and installed app by approval"
    );
    let rules = report["rules"].as_array().expect("rules");
    let secret = rules
        .iter()
        .find(|r| r["id"] == "no-tool-above-official-sensitive")
        .expect("the SECRET rule");
    assert_eq!(secret["when"], "classification is “SECRET” or “TOP SECRET”");
    assert_eq!(
        secret["source"]["section"],
        "Tools for sharing information internally and externally"
    );
    // The share tree lists 1,350 answer paths (a message's checklist tells 32 cases apart on
    // the Teams outcomes); 30 of them give SECRET or TOP SECRET.
    assert_eq!(
        secret["paths"]["share"],
        serde_json::json!({"covered": 30, "of": 1350})
    );
    // The tree's own rule is listed with its tree.
    let own = rules
        .iter()
        .find(|r| r["id"] == "no-tool-for-secret-explained")
        .expect("share's own rule");
    assert_eq!(own["origin"], "tree");
    assert_eq!(own["tree"], "share");

    let text = stdout_of(&["policy"]);
    assert!(text.contains("Register of approved tools (18)"), "{text}");
    assert!(
        text.contains("  zoom: Zoom — Video, voice and chat"),
        "{text}"
    );
    assert!(
        text.contains("Answer paths it covers: share 30 of 1350"),
        "{text}"
    );
}

/// A trees folder with the shipped share tree and an edited copy of the shipped policy.
fn own_policy(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("share.ron"), shipped_share()).expect("write");
    let policy = fs::read_to_string(repo().join("decision-trees/policy.ron")).expect("policy");
    fs::write(dir.path().join("policy.ron"), edit(policy)).expect("write");
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn a_folders_own_policy_replaces_the_shipped_one_and_its_rules_apply() {
    // Lowering Teams to OFFICIAL makes every OFFICIAL-SENSITIVE path to Teams a breach.
    let (_dir, folder) = own_policy(|p| {
        p.replacen(
            "up_to: \"official-sensitive\",\n            audience: Both,\n            access: \"Dom1",
            "up_to: \"official\",\n            audience: Both,\n            access: \"Dom1",
            1,
        )
    });
    let output = signpost()
        .args(["check", &folder.display().to_string(), "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(r#"register rule "teams-up-to-official" is broken"#),
        "{stdout}"
    );
}

#[test]
fn a_broken_policy_is_reported_and_not_half_used() {
    let (_dir, folder) =
        own_policy(|p| p.replacen("aliases: [\"FaceTime\"", "aliases: [\"Slack\"", 1));
    let output = signpost()
        .args(["check", &folder.display().to_string(), "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(r#"error[E055]: "Slack" already names the tool "facetime""#),
        "{stdout}"
    );
    // The tree's tools are not reported as unknown: the policy's own error explains them.
    assert!(!stdout.contains("E054"), "{stdout}");
}

/// A small format-2 tree that answers one situation of the share tree the other way: another
/// government body that can use Teams, OFFICIAL, and Teams "not allowed".
const DISAGREEING: &str = r#"Tree(
    format: 2,
    id: "mini",
    title: "Mini",
    summary: "Disagrees with share.",
    owner: "Test team",
    review_by: "2099-01-01",
    version: "1",
    sources: {"doc": Source(title: "A document", publisher: "Test publisher")},
    start: "who",
    nodes: {
        "who": Question(text: "Who with?", remember: "recipient",
            options: [Option(label: "Another government body", value: "gov", next: "class")],
            guidance: [Passage(source: "doc", section: "S", quote: "Q.")], contacts: ["security"]),
        "class": Question(text: "How classified?", remember: "classification",
            options: [Option(label: "OFFICIAL", next: "teams")],
            guidance: [Passage(source: "doc", section: "S", quote: "Q.")], contacts: ["security"]),
        "teams": Question(text: "Can they use Teams?", remember: "teams",
            options: [Option(label: "Yes", next: "no")],
            guidance: [Passage(source: "doc", section: "S", quote: "Q.")], contacts: ["security"]),
        "no": Outcome(verdict: "not-allowed", headline: "Do not use Teams", explanation: "No.",
            tools: ["teams"],
            guidance: [Passage(source: "doc", section: "S", quote: "Q.")], contacts: ["security"]),
    },
)"#;

#[test]
fn two_trees_that_answer_the_same_facts_differently_are_reported_with_both_paths() {
    let (dir, folder) = own_policy(|p| p);
    fs::write(dir.path().join("mini.ron"), DISAGREEING).expect("write");
    let folder = folder.display().to_string();
    let output = signpost()
        .args(["check", &folder, "--format", "short"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "a warning: {stdout}");
    // Reported at the share tree's outcome, wherever it sits in the file.
    let share = fs::read_to_string(repo().join("decision-trees/share.ron")).expect("share.ron");
    let line = 1 + share
        .lines()
        .position(|l| l.trim_start().starts_with("\"teams-call-ext\": Outcome("))
        .expect("the outcome teams-call-ext");
    let at = format!("share.ron:{line}:9: ");
    assert!(stdout.contains(&at), "{stdout}");
    assert!(
        stdout.contains(r#"warning[W009]: the same facts (recipient: gov; classification: official; sensitive-data: not known; contents: not known; teams: yes; cjsm: not known; egress: not known) end on "NOT ALLOWED — Do not use Teams" in mini ("Another government body › OFFICIAL › Yes") and on "RECOMMENDED — Use Microsoft Teams for the call" in share ("Hold a call or meeting › Another government department › OFFICIAL › Yes")"#),
        "{stdout}"
    );
    let denied = signpost()
        .args(["check", &folder, "--deny-warnings"])
        .output()
        .expect("runs");
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_rule_naming_an_unknown_fact_value_or_tool_is_reported_where_it_is_written() {
    let (_dir, folder) = own_policy(|p| {
        p.replacen(
            r#"when: {"recipient": "personal"}"#,
            r#"when: {"recipeint": "personal"}"#,
            1,
        )
        .replacen(
            r#"when: {"teams": ["yes", "not-sure"]}"#,
            r#"when: {"teams": ["yse", "not-sure"]}"#,
            1,
        )
        .replacen(r#"tools: ["email"],"#, r#"tools: ["emial"],"#, 1)
    });
    let output = signpost()
        .args(["check", &folder.display().to_string()])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for expected in [
        r#"error[E041]: "recipeint" is not a fact of the shared vocabulary (`facts`)"#,
        r#"help: did you mean "recipient"?"#,
        r#"error[E042]: "yse" is not a value of "teams""#,
        r#"help: the values of "teams" are "yes", "no", "not-sure""#,
        r#"error[E054]: "emial" is not a tool in the register"#,
        r#"help: did you mean "email"?"#,
        "policy.ron:",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn one_tree_checked_beside_the_policy_is_not_expected_to_meet_every_shared_rule() {
    let apps = repo().join("decision-trees/apps.ron").display().to_string();
    let out = stdout_of(&["check", &apps, "--deny-warnings"]);
    assert!(out.contains("1 tree, 0 errors, 0 warnings"), "{out}");
}

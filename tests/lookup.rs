//! `signpost lookup` through the real binary: the best match for realistic questions, the text
//! it prints, no repeated results, the JSON shape, and a helpful failure for nonsense.

use assert_cmd::Command;
use serde_json::Value;

fn lookup(words: &[&str], json: bool) -> (Option<i32>, String, String) {
    let mut cmd = Command::cargo_bin("signpost").expect("binary builds");
    cmd.env("SIGNPOST_TODAY", "2026-06-01");
    cmd.arg("lookup").args(words);
    if json {
        cmd.args(["--format", "json"]);
    }
    let output = cmd.output().expect("runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

/// The results of a JSON lookup that found something.
fn results(query: &str) -> Vec<Value> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let (code, stdout, stderr) = lookup(&words, true);
    assert_eq!(code, Some(0), "lookup {query}: {stderr}");
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["query"], query);
    let results = value["results"].as_array().expect("results array").clone();
    assert!(!results.is_empty(), "lookup {query} finds something");
    results
}

/// The text of a lookup that found something.
fn text(query: &str) -> String {
    let words: Vec<&str> = query.split_whitespace().collect();
    let (code, stdout, stderr) = lookup(&words, false);
    assert_eq!(code, Some(0), "lookup {query}: {stderr}");
    stdout
}

/// Asserts where the best match of `query` is: tree, kind and node id.
fn assert_best(query: &str, tree: &str, kind: &str, node: &str) -> Value {
    let best = results(query).swap_remove(0);
    assert_eq!(
        (
            best["tree"].as_str(),
            best["kind"].as_str(),
            best["node"].as_str()
        ),
        (Some(tree), Some(kind), Some(node)),
        "best match for {query:?}: {best:#}"
    );
    best
}

#[test]
fn can_i_use_zoom_finds_the_apps_zoom_outcomes_assuming_only_zoom() {
    let found = results("can I use zoom");
    let best = &found[0];
    assert_eq!(
        (&best["tree"], &best["kind"]),
        (&"apps".into(), &"outcome".into())
    );
    assert!(
        best["node"]
            .as_str()
            .is_some_and(|n| n.starts_with("zoom-")),
        "{best:#}"
    );
    // The words decide the app, nothing else: the rest of the route is one way there.
    assert_eq!(
        best["assumed"],
        serde_json::json!([{"question": "Which app do you want to use for work?", "answer": "Zoom"}])
    );
    assert!(
        found.iter().any(|r| r["node"] == "zoom-external"),
        "both Zoom outcomes are offered: {found:#?}"
    );
    let out = text("can I use zoom");
    for expected in [
        "Assumed from your search: Which app do you want to use for work? Zoom\n",
        "Not decided by your words (one way there; check them): Who will use it with you?",
        "Best match (outcome in \"Can I use this app for work?\"): Zoom:",
        "Why: your answers were",
        // The row of the approved-tools table reads as the register's card, the row kept.
        "Guidance: Zoom — Video, voice and chat · approved up to OFFICIAL · external use only",
        "  The row of the table: \"Zoom|",
        "Contact: MoJ Security team",
        "Other matches:",
    ] {
        assert!(out.contains(expected), "no {expected:?} in:\n{out}");
    }
    assert!(out.starts_with("Assumed from your search:"), "{out}");
}

#[test]
fn a_whole_question_gets_the_outcome_it_leads_to_with_the_answers_it_decided() {
    let best = assert_best(
        "send an OFFICIAL-SENSITIVE document to a police force that cannot use Teams",
        "share",
        "outcome",
        "cjsm-cj",
    );
    let assumed: Vec<&str> = best["assumed"]
        .as_array()
        .expect("assumed")
        .iter()
        .filter_map(|a| a["answer"].as_str())
        .collect();
    assert_eq!(
        assumed,
        [
            "Share documents or files",
            "A police force or another criminal justice partner",
            "OFFICIAL-SENSITIVE",
            "No"
        ]
    );
    let out = text("send an OFFICIAL-SENSITIVE document to a police force that cannot use Teams");
    assert!(
        out.contains(
            "Not decided by your words (one way there; check them): Can their organisation use CJSE or CJSM? Yes"
        ),
        "{out}"
    );
}

#[test]
fn one_unknown_word_lowers_the_score_instead_of_emptying_the_list() {
    // "offender" is in no tree: the best match is still about WhatsApp and personal data.
    let found = results("whatsapp offender personal details");
    let best = &found[0];
    let route = best["answers"].to_string();
    assert!(route.contains("WhatsApp"), "{best:#}");
    assert!(
        best["text"]
            .as_str()
            .is_some_and(|t| t.contains("personal")),
        "{best:#}"
    );
}

#[test]
fn police_finds_the_criminal_justice_partner_answer() {
    let best = assert_best("police", "share", "answer", "who");
    assert_eq!(best["answer_index"], 3);
    assert!(
        best["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("A police force or another criminal justice partner")),
        "{best:#}"
    );
    let out = text("police");
    for expected in [
        "Question: Who are you sharing it with?",
        "Reached by answering: Share documents or files",
        "  3. A police force or another criminal justice partner (A police force, defence",
        "Your search matches answer 3: A police force or another criminal justice partner",
        "Walk it with: signpost ask share",
        "Or script it: signpost ask share --answer 1 --answer 3 --answer …",
    ] {
        assert!(out.contains(expected), "no {expected:?} in:\n{out}");
    }
}

#[test]
fn whatsapp_finds_the_apps_outcome_then_the_messaging_tree() {
    let results = results("whatsapp");
    assert_eq!(results[0]["tree"], "apps");
    assert_eq!(results[0]["node"], "whatsapp");
    assert_eq!(results[0]["kind"], "outcome");
    assert!(
        results.iter().any(|r| r["tree"] == "messaging"),
        "the messaging tree's WhatsApp guidance is among the matches"
    );
}

#[test]
fn send_files_to_police_finds_the_partners_first_tool_assuming_files_and_police() {
    let best = assert_best("send files to police", "share", "outcome", "teams-cj");
    assert_eq!(
        best["assumed"],
        serde_json::json!([
            {"question": "What do you need to do?", "answer": "Share documents or files"},
            {"question": "Who are you sharing it with?", "answer": "A police force or another criminal justice partner"},
        ])
    );
}

#[test]
fn realistic_questions_find_the_right_place() {
    for (query, tree, kind, node) in [
        (
            "share a document with the CPS",
            "share",
            "outcome",
            "teams-gov",
        ),
        ("secret documents", "share", "outcome", "secret-or-above"),
        ("whtsapp", "apps", "outcome", "whatsapp"),
        ("trello", "apps", "outcome", "trello"),
        ("can I use slack", "apps", "outcome", "slack"),
    ] {
        assert_best(query, tree, kind, node);
    }
}

#[test]
fn no_result_repeats_another() {
    for query in ["police", "egress", "secret", "password"] {
        let results = results(query);
        for (i, a) in results.iter().enumerate() {
            for b in &results[..i] {
                assert!(
                    (&a["tree"], &a["kind"], &a["text"]) != (&b["tree"], &b["kind"], &b["text"]),
                    "{query}: {a:#} repeats an earlier result"
                );
            }
        }
    }
}

#[test]
fn nonsense_exits_1_with_a_helpful_message() {
    let (code, stdout, _) = lookup(&["qqqzzx", "vvvjjk"], false);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("Nothing matches \"qqqzzx vvvjjk\". Try fewer or different words"),
        "{stdout}"
    );
    let (code, stdout, _) = lookup(&["qqqzzx"], true);
    assert_eq!(code, Some(1));
    let value: Value = serde_json::from_str(&stdout).expect("JSON even when nothing matches");
    assert_eq!(value, serde_json::json!({"query": "qqqzzx", "results": []}));
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_results_have_a_stable_shape() {
    let results = results("zoom");
    assert!(results.len() <= 6, "the best match and at most five more");
    for r in &results {
        let mut expected = vec![
            "answers",
            "assumed",
            "kind",
            "node",
            "provenance",
            "text",
            "tree",
        ];
        match r["kind"].as_str() {
            Some("outcome") => expected.push("outcome"),
            Some("answer") => expected.push("answer_index"),
            Some("question" | "guidance" | "tree") => {}
            other => panic!("unknown kind {other:?}"),
        }
        expected.sort_unstable();
        assert_eq!(keys(r), expected, "{r:#}");
        let assumed = r["assumed"].as_array().expect("assumed array");
        let answers = r["answers"].as_array().expect("answers array");
        assert!(
            assumed.iter().all(|a| answers.contains(a)),
            "what was assumed is on the route: {r:#}"
        );
        for answer in answers {
            assert_eq!(keys(answer), ["answer", "question"]);
        }
        if let Some(outcome) = r.get("outcome") {
            for key in [
                "id",
                "title",
                "verdict",
                "conditions",
                "fallbacks",
                "passages",
                "contacts",
            ] {
                assert!(outcome.get(key).is_some(), "outcome.{key} in {r:#}");
            }
            assert_eq!(outcome["id"], r["node"]);
        }
    }
}

#[test]
fn the_best_match_never_allows_a_tool_for_what_its_register_entry_avoids() {
    // The apps tree allows WhatsApp "avoiding personal or sensitive data"; the question names
    // personal data, so an outcome advising against it is the answer (the guidance says
    // "avoid" and "should not": NOT ADVISED).
    let found = results("whatsapp personal data");
    let best = &found[0];
    assert_eq!(best["outcome"]["verdict"], "not-advised", "{best}");
    assert!(
        found
            .iter()
            .all(|r| r["outcome"]["verdict"] != "allowed-with-conditions"),
        "no result that does not fit is listed in JSON: {found:#?}"
    );
    let out = text("whatsapp personal data");
    assert!(out.contains("Outcome: NOT ADVISED"), "{out}");
    assert!(
        !out.contains("Outcome: ALLOWED WITH CONDITIONS — WhatsApp: allowed"),
        "{out}"
    );
    // Saying there is none is not a contradiction.
    let none = results("whatsapp with no personal data");
    assert_eq!(
        none[0]["outcome"]["verdict"], "allowed-with-conditions",
        "{:#}",
        none[0]
    );
}

#[test]
fn the_best_match_never_rests_on_a_fact_the_question_contradicts() {
    // Every route to "Use Zoom for this external meeting" is OFFICIAL: not an answer for an
    // OFFICIAL-SENSITIVE call.
    let found = results("zoom call official-sensitive");
    for r in &found {
        assert_ne!(r["node"], "zoom-call", "{r:#}");
        let answers = r["answers"].as_array().expect("answers");
        assert!(
            answers.iter().all(|a| a["answer"] != "OFFICIAL"),
            "a route through OFFICIAL for an OFFICIAL-SENSITIVE question: {r:#}"
        );
    }
    // The same outcome fits a question that names OFFICIAL, by a route that answers it.
    let fits = results("hold a call with a company on zoom, official, no personal data");
    let zoom = fits
        .iter()
        .find(|r| r["node"] == "zoom-call")
        .expect("zoom-call fits");
    assert!(
        zoom["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .any(|a| a["answer"] == "OFFICIAL"),
        "{zoom:#}"
    );
}

#[test]
fn a_match_the_words_rule_out_is_marked_and_never_the_best() {
    let (code, stdout, _) = lookup(&["facetime", "personal"], false);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("Outcome: NOT ADVISED — Not advised: the approved tools table says to avoid personal or sensitive data in this app"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[outcome] apps: FaceTime: allowed, but avoid personal or sensitive data (not for what you describe: your words rule it out)"),
        "{stdout}"
    );
}

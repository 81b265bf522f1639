//! Regression tests for the defects an audit of the shipped trees found against the guidance
//! (issue 13), one per defect and named after it: each walks every path of the shipped trees
//! through the library and asserts the advice the documents give.

use signpost::catalog::{Catalog, Selection};
use signpost::tree::paths::for_each_path;
use signpost::tree::{Facts, NodeId, Tree};

fn shipped() -> Catalog {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
}

fn tree<'c>(catalog: &'c Catalog, id: &str) -> &'c Tree {
    catalog.tree(id).unwrap_or_else(|| panic!("no {id} tree"))
}

/// The value of a fact on a path, if it is set.
fn fact<'t>(tree: &'t Tree, facts: &Facts, key: &str) -> Option<&'t str> {
    tree.fact_values(facts)
        .into_iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.first().copied())
}

/// Every path of `tree`: (the answers in words, where it ends, its facts).
fn paths(tree: &Tree) -> Vec<(String, NodeId, Facts)> {
    let mut out = Vec::new();
    for_each_path(tree, |steps, outcome, facts| {
        let answers = signpost::tree::paths::joined_answers(tree, steps, " › ");
        out.push((answers, outcome, facts.clone()));
    });
    out
}

/// Defect 1: Teams recommended for a chat message to another organisation said nothing of the
/// instant-messaging limits (passwords, HR information, personal data, legal case details,
/// NDA material) that the IM guidance sets — only the MoJ-colleagues outcome did.
#[test]
fn teams_chat_to_other_organisations_carries_the_instant_messaging_limits() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        if fact(share, &facts, "sharing") != Some("message") || !o.tools.contains(&"teams".into()) {
            continue;
        }
        checked += 1;
        let shown = o.shown(Some(&facts));
        for words in [
            "passwords",
            "HR information",
            "personal data",
            "legal cases",
            "non-disclosure",
        ] {
            assert!(
                shown.conditions.iter().any(|c| c.contains(words)),
                "{answers}: Teams chat without the IM limit on {words}"
            );
        }
        assert!(
            shown
                .guidance
                .iter()
                .any(|p| p.quote.starts_with("Avoid using IM")),
            "{answers}: the IM guidance is not quoted"
        );
    }
    assert!(checked >= 12, "only {checked} message paths end on Teams");
}

/// Defect 3: official MoJ email is approved only "with other government bodies"; the tree
/// decided that a police force counts. No path gives email to a recipient other than another
/// government department.
#[test]
fn email_is_only_for_other_government_departments() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        if o.tools.contains(&"email".into()) {
            checked += 1;
            assert_eq!(fact(share, &facts, "recipient"), Some("gov"), "{answers}");
        }
    }
    assert!(checked > 0, "some path still reaches official email");
}

/// Defect 2: recording an OFFICIAL-SENSITIVE call was "allowed with consent"; the video
/// guidance also requires that a recording include no sensitive details (including any personal
/// information).
#[test]
fn recording_an_official_sensitive_call_is_never_allowed() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let sensitive = fact(share, &facts, "classification") == Some("official-sensitive")
            || fact(share, &facts, "explained") == Some("official-sensitive");
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        if fact(share, &facts, "sharing") != Some("call") || !sensitive {
            continue;
        }
        let shown = o.shown(Some(&facts));
        if shown.conditions.iter().any(|c| c.contains("record")) {
            checked += 1;
            assert!(
                shown
                    .conditions
                    .iter()
                    .any(|c| c.contains("do not record it")),
                "{answers}: an OFFICIAL-SENSITIVE call may be recorded"
            );
        }
    }
    assert!(
        checked >= 14,
        "only {checked} OFFICIAL-SENSITIVE call paths"
    );
}

/// Defect 6: "I'm not sure" cut the walk short or contradicted itself. An unsure recipient
/// ended before the classification was asked (so SECRET was never caught there); a person
/// unsure whether a tool works was told to ask for help instead of to try it; and fallbacks
/// listed tools the person had just ruled out.
#[test]
fn an_unsure_recipient_is_still_asked_the_classification() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        if fact(share, &facts, "recipient") != Some("not-sure") {
            continue;
        }
        checked += 1;
        let classification = fact(share, &facts, "classification");
        assert!(
            classification.is_some(),
            "{answers}: no classification asked"
        );
        let secret = matches!(classification, Some("secret" | "top-secret"))
            || matches!(
                fact(share, &facts, "explained"),
                Some("secret" | "top-secret")
            );
        if secret {
            let verdict = share.outcome(outcome).map(|o| o.verdict.as_str());
            assert_eq!(verdict, Some("not-allowed"), "{answers}");
        }
    }
    assert!(checked > 0);
}

#[test]
fn unsure_about_a_tool_means_try_it_first() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        // The last tool question answered "I'm not sure" names the tool to try first.
        let unsure = ["egress", "cjsm", "teams", "meet-skype"]
            .into_iter()
            .find(|key| fact(share, &facts, key) == Some("not-sure"));
        let expected: &[&str] = match unsure {
            Some("teams") => &["teams"],
            Some("cjsm") => &["cjsm"],
            Some("egress") => &["egress", "galaxkey"],
            Some(_) => &["google-meet", "skype"],
            None => continue,
        };
        checked += 1;
        let tools: Vec<&str> = o.tools.iter().map(String::as_str).collect();
        assert_eq!(tools, expected, "{answers}");
        assert!(
            matches!(
                o.verdict.as_str(),
                "recommended" | "allowed-with-conditions"
            ),
            "{answers}"
        );
    }
    assert!(checked > 0);
}

#[test]
fn no_fallback_names_a_tool_the_person_ruled_out() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        let Some(o) = share.outcome(outcome) else {
            continue;
        };
        let shown = o.shown(Some(&facts));
        for (key, name) in [("teams", "Teams"), ("cjsm", "CJSE"), ("egress", "Egress")] {
            if fact(share, &facts, key) != Some("no") {
                continue;
            }
            checked += 1;
            // A fallback reads "If …: what to try"; what it offers comes after the colon.
            for fallback in &shown.fallbacks {
                let offered = fallback.split_once(": ").map_or(&fallback[..], |(_, o)| o);
                assert!(
                    !offered.contains(name),
                    "{answers}: \"{fallback}\" offers {name}, which was ruled out"
                );
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn unsure_about_personal_data_on_a_call_is_told_to_check_not_that_no_tool_exists() {
    let catalog = shipped();
    let share = tree(&catalog, "share");
    let mut checked = 0;
    for (answers, outcome, facts) in paths(share) {
        if fact(share, &facts, "sensitive-data") == Some("not-sure") {
            checked += 1;
            assert_eq!(share.node(outcome).id, "zoom-check-first", "{answers}");
        }
    }
    assert!(checked > 0);
}

/// Defect 4: the apps tree's instant messaging apps said "Audience: internal and external"
/// without the IM guidance's "avoid giving invites to external people", WhatsApp's "only …
/// with colleagues", or the IM limits on passwords, legal case details and NDA material.
#[test]
fn instant_messaging_apps_carry_the_im_limits_and_keep_invitations_internal() {
    let catalog = shipped();
    let apps = tree(&catalog, "apps");
    for app in ["slack", "whatsapp", "imessage", "yammer"] {
        let id = apps.find(app).unwrap_or_else(|| panic!("no {app}"));
        let outcome = apps.outcome(id).expect("an outcome");
        let conditions: Vec<&str> = outcome.conditions.iter().map(|c| c.item.as_str()).collect();
        for words in ["passwords", "legal cases", "non-disclosure"] {
            assert!(
                conditions.iter().any(|c| c.contains(words)),
                "{app}: no IM limit on {words}"
            );
        }
        if app != "yammer" {
            assert!(
                conditions
                    .iter()
                    .any(|c| c.contains("inviting people from outside")),
                "{app}: nothing about inviting external people"
            );
        }
    }
    let whatsapp = apps
        .outcome(apps.find("whatsapp").expect("whatsapp"))
        .expect("outcome");
    assert!(
        whatsapp
            .conditions
            .iter()
            .any(|c| c.item.contains("communication with colleagues"))
    );
}

/// Defect 5: Slido, Trello and Yammer (approved for an internal audience only) were "allowed
/// with conditions" before anyone asked who the audience is.
#[test]
fn an_internal_only_app_is_never_allowed_before_the_audience_is_asked() {
    let catalog = shipped();
    let apps = tree(&catalog, "apps");
    let mut allowed = std::collections::BTreeSet::new();
    for (answers, outcome, facts) in paths(apps) {
        let Some(app) = fact(apps, &facts, "app") else {
            continue;
        };
        if !["slido", "trello", "yammer"].contains(&app) {
            continue;
        }
        let audience = fact(apps, &facts, "recipient");
        assert!(
            audience.is_some(),
            "{answers}: the audience was never asked"
        );
        let o = apps.outcome(outcome).expect("an outcome");
        if matches!(
            o.verdict.as_str(),
            "recommended" | "allowed-with-conditions"
        ) {
            assert_eq!(
                audience,
                Some("moj"),
                "{answers}: allowed for an outside audience"
            );
            assert!(
                o.tools.contains(&app.to_string()),
                "{answers}: names no tool"
            );
            allowed.insert(app);
        }
    }
    assert_eq!(
        allowed.into_iter().collect::<Vec<_>>(),
        ["slido", "trello", "yammer"],
        "each is allowed on some path (for MoJ colleagues)"
    );
}

/// Defect 6 (messaging tree): an unsure classification ended before the question about
/// passwords, HR information, personal data, legal cases and NDA material, although that content
/// rules instant messaging out whatever the classification.
#[test]
fn an_unsure_classification_still_asks_about_content_that_rules_instant_messaging_out() {
    let catalog = shipped();
    let messaging = tree(&catalog, "messaging");
    let mut checked = 0;
    for (answers, outcome, _) in paths(messaging) {
        if !answers.starts_with("Send something by instant message › I'm not sure") {
            continue;
        }
        checked += 1;
        let o = messaging.outcome(outcome).expect("an outcome");
        if answers.ends_with("› Yes") {
            // The guidance says to "avoid" IM for such material: not advised, not forbidden.
            assert_eq!(o.verdict.as_str(), "not-advised", "{answers}");
        }
    }
    assert_eq!(checked, 3, "Yes, No and I'm not sure about the content");
}

/// Defect 5 (calls tree): set-up advice was RECOMMENDED for any meeting, an internal Zoom
/// meeting included, though Zoom is for external meetings only.
#[test]
fn setting_up_a_call_says_which_tool_an_internal_meeting_uses() {
    let catalog = shipped();
    let calls = tree(&catalog, "calls");
    let before = calls
        .outcome(calls.find("before-call").expect("before-call"))
        .expect("an outcome");
    assert!(
        before
            .conditions
            .iter()
            .any(|c| c.item.contains("internal meeting, Microsoft Teams")
                && c.item.contains("Zoom only for external meetings")),
        "{:?}",
        before.conditions
    );
}

/// The conditions of outcome `id` in `tree`, joined.
fn conditions_of(catalog: &Catalog, tree_id: &str, id: &str) -> String {
    let t = tree(catalog, tree_id);
    let node = t.find(id).unwrap_or_else(|| panic!("no {id} in {tree_id}"));
    let outcome = t.outcome(node).expect("an outcome");
    outcome
        .conditions
        .iter()
        .map(|c| c.item.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Defect 7: rules the documents state that the trees left out.
#[test]
fn the_rules_the_audit_found_missing_are_stated() {
    let catalog = shipped();
    for (tree_id, id, words) in [
        ("messaging", "im-ok", "looking over your shoulder"),
        ("messaging", "im-ok", "rely on IM tools to be available"),
        ("messaging", "im-ok", "Civil Service Code"),
        ("calls", "before-call", "test it before the call"),
        ("apps", "slack", "MoJo devices"),
        ("apps", "microsoft-teams", "MoJo devices"),
        ("scotgov-messaging", "app-ok", "two-step verification"),
        ("scotgov-messaging", "app-ok", "remote wipe"),
        (
            "scotgov-messaging",
            "app-ok",
            "outside the European Economic Area",
        ),
        (
            "scotgov-messaging",
            "app-ok",
            "data protection impact assessment",
        ),
        ("scotgov-messaging", "app-ok", "IT Code of Conduct"),
    ] {
        let conditions = conditions_of(&catalog, tree_id, id);
        assert!(
            conditions.contains(words),
            "{tree_id}/{id} does not say \"{words}\":\n{conditions}"
        );
    }
}

/// Every text of an outcome, as people read it (explanation, conditions, fallbacks, headline).
fn outcome_texts(tree: &Tree, node: NodeId) -> Vec<String> {
    let outcome = tree.outcome(node).expect("an outcome");
    let mut texts = vec![outcome.headline.clone()];
    for list in [
        &outcome.explanation,
        &outcome.conditions,
        &outcome.fallbacks,
    ] {
        texts.extend(list.iter().map(|w| w.item.clone()));
    }
    texts
}

/// Defect 8: rules no document states — "do not share until you have advice", "who will advise
/// with the CISO", "if the GRO leaves", tree ids in text — and NOT ALLOWED where a document only
/// says "avoid", "should not" or "strongly advise against". Such an outcome is NOT ADVISED, and
/// says which the guidance says.
#[test]
fn no_tree_states_a_rule_the_documents_do_not_and_verdicts_keep_the_documents_strength() {
    let catalog = shipped();
    let invented = [
        "until you have advice",
        "until you know",
        "until you have checked",
        "who will advise with the CISO",
        "if the GRO leaves",
        "as soon as you can",
    ];
    let ids: Vec<String> = catalog
        .trees
        .iter()
        .map(|t| format!("\"{}\" tree", t.id))
        .collect();
    // Outcomes that rest on a document's "avoid", "should not" or "strongly advise against".
    let soft = [
        ("messaging", "im-restricted"),
        ("messaging", "im-invite-external"),
        ("messaging", "wa-not-for-this"),
        ("apps", "avoid-sensitive"),
        ("apps", "not-listed"),
        ("scotgov-messaging", "sms-not"),
        ("scotgov-messaging", "social-chat"),
    ];
    for t in &catalog.trees {
        for node in t.node_ids() {
            let Some(outcome) = t.outcome(node) else {
                continue;
            };
            let id = &t.node(node).id;
            for text in outcome_texts(t, node) {
                let lower = text.to_lowercase();
                for phrase in invented
                    .iter()
                    .copied()
                    .chain(ids.iter().map(String::as_str))
                {
                    assert!(
                        !lower.contains(&phrase.to_lowercase()),
                        "{}/{id} says {phrase:?}: {text}",
                        t.id
                    );
                }
            }
            let is_soft = soft.contains(&(t.id.as_str(), id.as_str()));
            assert_eq!(
                outcome.verdict.as_str() == "not-advised",
                is_soft,
                "{}/{id} is {}: NOT ADVISED is for what a document says to avoid, should not or strongly advises against",
                t.id,
                outcome.verdict
            );
            if is_soft {
                let explanation = outcome_texts(t, node).join(" ").to_lowercase();
                assert!(
                    ["avoid", "should", "advises against", "advise against"]
                        .iter()
                        .any(|w| explanation.contains(w)),
                    "{}/{id} does not say the guidance's word: {explanation}",
                    t.id
                );
            }
        }
    }
}

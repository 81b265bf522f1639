//! The cheat sheet: one printable page for new starters, derived entirely from two trees — no
//! policy wording lives here.
//!
//! * **The order of tools** comes from the shape of the order tree (`share` by default). On
//!   every path, an option not taken that leads straight to a recommendation is a tool the path
//!   passed over; the tools passed over, in order, followed by where the path ends, form a
//!   ladder. The longest ladder is the order of tools (in `share`: Teams, then CJSE or CJSM, then
//!   Egress or Galaxkey, then official email); a ladder sharing no step with it (calls and
//!   meetings) is shown too. Outcomes with the same verdict and headline are one step. Each
//!   step is one line: who it is for and the conditions every one of its outcomes states, those
//!   every step shares said once for the ladder. "Try each in order" says when a step applies,
//!   so the answers that lead to it are not repeated: the page fits one printed sheet.
//! * **Not allowed** lists the tree's not-allowed outcomes with the answers that lead to them
//!   (the classification limit, personal accounts), and **Not advised** its not-advised ones
//!   (what the guidance says to avoid).
//! * **Apps** is one row per answer to the apps tree's first question: the most the app is
//!   allowed and the answers that lead there, the other verdicts it can end on, and the
//!   register's limits.
//! * **Who counts as what** lists the answers (with their descriptions) of the question that
//!   remembers the shared `recipient`.
//! * **Who to ask** is the order tree's first question's contacts.
//!
//! `analysis.rs` derives the ladders and warnings from the order tree, `apps.rs` the apps table,
//! this module lays them out as a [`Page`], and `page.rs` renders it.

mod analysis;
mod apps;
mod html;
mod page;

pub use analysis::{Analysis, Ladder, Step, Warning};
pub use apps::{AppRow, app_rows};
pub use page::Page;

use page::Block;

use crate::record::contact_line;
use crate::tree::model::ContactEntry;
use crate::tree::{Tree, Verdict};

/// The page for the order tree (`share`) and the apps tree (`apps`): made to fit one printed
/// page, every line a sentence a new starter can act on.
pub fn page(order: &Tree, apps: &Tree) -> Page {
    let analysis = Analysis::new(order);
    let mut blocks = vec![
        Block::Title(format!("Cheat sheet: {}", order.title)),
        Block::Paragraph(format!(
            "From the `{}` tree (version {}, review by {}) and the `{}` tree (version {}). Walk the trees with `signpost` for the quoted guidance behind every line.",
            order.id, order.version, order.review_by, apps.id, apps.version
        )),
    ];
    for ladder in analysis.ladders() {
        blocks.extend(ladder_blocks(&ladder));
    }
    for verdict in [Verdict::NotAllowed, Verdict::NotAdvised] {
        blocks.extend(warning_blocks(verdict, &analysis.warnings(verdict)));
    }
    blocks.extend(who_is_who(order));
    blocks.push(Block::Heading(apps.title.clone()));
    blocks.push(app_table(&app_rows(apps)));
    let ask: Vec<String> = first_contacts(order)
        .into_iter()
        .map(|c| contact_line(&c.contact))
        .collect();
    if !ask.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "**Who to ask:** {}",
            ask.join("; ")
        )));
    }
    Page { blocks }
}

/// The contacts the trees name, each once, in the order first named.
pub fn contacts<'a>(trees: &[&'a Tree]) -> Vec<&'a ContactEntry> {
    let mut out: Vec<&ContactEntry> = Vec::new();
    for entry in trees.iter().flat_map(|t| &t.contacts) {
        if out.iter().all(|e| e.id != entry.id) {
            out.push(entry);
        }
    }
    out
}

/// The contacts of the order tree's first question: who to ask before anything else.
fn first_contacts(tree: &Tree) -> Vec<&ContactEntry> {
    tree.node(tree.start)
        .contacts_for(None)
        .filter_map(|c| tree.contacts.get(c as usize))
        .collect()
}

/// A ladder under its heading: the conditions every step shares once, then one line a step
/// with who it is for and what is its own. "Try each in order" says when each step applies,
/// so the answers that lead to it are not repeated.
fn ladder_blocks(ladder: &Ladder) -> Vec<Block> {
    let heading = match ladder.scope.is_empty() {
        true => "The order of tools".to_string(),
        false => format!("The order of tools: {}", ladder.scope.join(", ")),
    };
    let shared: Vec<&String> = ladder
        .steps
        .first()
        .map(|first| {
            first
                .conditions
                .iter()
                .filter(|c| ladder.steps.iter().all(|s| s.conditions.contains(c)))
                .collect()
        })
        .unwrap_or_default();
    let items = ladder
        .steps
        .iter()
        .map(|step| {
            let mut parts: Vec<String> = step
                .applies_to
                .iter()
                .map(|l| format!("For: {l}."))
                .collect();
            parts.extend(
                step.conditions
                    .iter()
                    .filter(|c| !shared.contains(c))
                    .cloned(),
            );
            match parts.is_empty() {
                true => format!("**{}** ({})", step.headline, step.verdict.label()),
                false => format!(
                    "**{}** ({}): {}",
                    step.headline,
                    step.verdict.label(),
                    parts.join(" ")
                ),
            }
        })
        .collect();
    let mut intro =
        "Try each in order; go to the next only when the one before is not possible.".to_string();
    if !shared.is_empty() {
        let shared: Vec<&str> = shared.iter().map(|c| c.as_str()).collect();
        intro.push_str(&format!(" Always: {}", shared.join(" ")));
    }
    vec![
        Block::Heading(heading),
        Block::Paragraph(intro),
        Block::List {
            numbered: true,
            items,
        },
    ]
}

/// The warnings with one verdict under it as a heading, one line each: the headline and what
/// every path explains; nothing when there are none.
fn warning_blocks(verdict: Verdict, warnings: &[Warning]) -> Vec<Block> {
    if warnings.is_empty() {
        return Vec::new();
    }
    let items = warnings
        .iter()
        .map(|w| {
            let first = w.explanation.split("\n\n").next().unwrap_or_default();
            format!("**{}**: {first}", w.headline)
        })
        .collect();
    vec![
        Block::Heading(verdict.label().to_string()),
        Block::List {
            numbered: false,
            items,
        },
    ]
}

/// Who counts as what: the answers of the order tree's question that remembers the shared
/// vocabulary's `recipient`, each with its description, so "another government department" and
/// "a criminal justice partner" are told apart. Nothing when the tree has no such question.
fn who_is_who(tree: &Tree) -> Vec<Block> {
    let recipient = tree.node_ids().find_map(|id| {
        let q = tree.question(id)?;
        let fact = &tree.facts[q.remember?.index()];
        (fact.key == "recipient").then_some(q)
    });
    let Some(question) = recipient else {
        return Vec::new();
    };
    // The answers that lead on to the tools (not those that end at once, such as a personal
    // account, which "not allowed" covers).
    let items: Vec<String> = question
        .options
        .iter()
        .filter(|o| tree.outcome(o.next).is_none())
        .filter(|o| !o.value().contains("not-sure"))
        .filter_map(|o| Some(format!("**{}**: {}", o.label, o.detail.as_deref()?)))
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading("Who counts as what".to_string()),
        Block::List {
            numbered: false,
            items,
        },
    ]
}

/// The apps at a glance: the most each is allowed, and the register's limits.
fn app_table(rows: &[AppRow]) -> Block {
    let rows = rows
        .iter()
        .map(|row| {
            vec![
                row.app.to_string(),
                format!("{} — {}", row.verdict.label(), row.headlines.join("; ")),
                row.register.join(" · "),
            ]
        })
        .collect();
    Block::Table {
        header: ["App", "At most", "The register"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_listed_once_in_the_order_the_trees_first_name_them() {
        let (share, apps) = (
            crate::catalog::shipped("share"),
            crate::catalog::shipped("apps"),
        );
        let ids: Vec<&str> = contacts(&[&share, &apps])
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let share_ids: Vec<&str> = share.contacts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids[..share_ids.len()], share_ids[..], "share's come first");
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "{id} listed twice: {ids:?}");
        }
        for c in share.contacts.iter().chain(&apps.contacts) {
            assert!(ids.contains(&c.id.as_str()), "{} missing", c.id);
        }
        assert!(
            apps.contacts
                .iter()
                .any(|c| share_ids.contains(&c.id.as_str())),
            "the trees share a contact, so the test sees one left out"
        );
    }
}

//! The cheat sheet: one printable page for new starters, derived entirely from two trees — no
//! policy wording lives here.
//!
//! * **The order of tools** comes from the shape of the order tree (`share` by default). On
//!   every path, an option not taken that leads straight to a recommendation is a tool the path
//!   passed over; the tools passed over, in order, followed by where the path ends, form a
//!   ladder. The longest ladder is the order of tools (in `share`: Teams, then CJSE or CJSM, then
//!   Egress or Galaxkey, then official email); a ladder sharing no step with it (calls and
//!   meetings) is shown too. Outcomes with the same verdict and headline are one step. Each
//!   step shows the answers that lead to it (grouped by question) and the conditions every one
//!   of its outcomes states.
//! * **Not allowed** lists the tree's not-allowed outcomes with the answers that lead to them
//!   (the classification limit, personal accounts), and **Not advised** its not-advised ones
//!   (what the guidance says to avoid).
//! * **Apps** is one row per answer to the apps tree's first question: the most the app is
//!   allowed and the answers that lead there, the other verdicts it can end on, and the
//!   register's limits.
//! * **Contacts** are those the two trees name, from `contacts.ron`.
//!
//! `analysis.rs` derives the ladders and warnings from the order tree, `apps.rs` the apps table,
//! this module lays them out as a [`Page`], and `page.rs` renders it.

mod analysis;
mod apps;
mod page;

pub use analysis::{Analysis, Ladder, Step, Warning};
pub use apps::{AppRow, app_rows};
pub use page::Page;

use page::Block;

use crate::record::contact_line;
use crate::tree::model::ContactEntry;
use crate::tree::{Tree, Verdict};

/// The page for the order tree (`share`) and the apps tree (`apps`).
pub fn page(order: &Tree, apps: &Tree) -> Page {
    let analysis = Analysis::new(order);
    let mut blocks = vec![
        Block::Title(format!("Cheat sheet: {}", order.title)),
        Block::Paragraph(format!(
            "From the `{}` tree (version {}, review by {}) and the `{}` tree (version {}, review by {}). Walk the trees with `signpost` for the quoted guidance behind every step.",
            order.id, order.version, order.review_by, apps.id, apps.version, apps.review_by
        )),
    ];
    for ladder in analysis.ladders() {
        blocks.extend(ladder_blocks(&ladder));
    }
    for verdict in [Verdict::NotAllowed, Verdict::NotAdvised] {
        blocks.extend(warning_blocks(verdict, &analysis.warnings(verdict)));
    }
    blocks.push(Block::Heading(apps.title.clone()));
    blocks.push(app_table(&app_rows(apps)));
    blocks.push(Block::Heading("Contacts".to_string()));
    blocks.push(Block::List {
        numbered: false,
        items: contacts(&[order, apps])
            .into_iter()
            .map(|c| (contact_line(&c.contact), Vec::new()))
            .collect(),
    });
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

/// A ladder under its heading: each step with who it is for, when, and its conditions.
fn ladder_blocks(ladder: &Ladder) -> Vec<Block> {
    let heading = match ladder.scope.is_empty() {
        true => "The order of tools".to_string(),
        false => format!("The order of tools: {}", ladder.scope.join(", ")),
    };
    let items = ladder
        .steps
        .iter()
        .map(|step| {
            let mut lines: Vec<String> = step
                .applies_to
                .iter()
                .map(|l| format!("For: {l}"))
                .collect();
            lines.extend(step.when.iter().map(|l| format!("When: {l}")));
            lines.extend(step.conditions.iter().cloned());
            (
                format!("**{}** ({})", step.headline, step.verdict.label()),
                lines,
            )
        })
        .collect();
    vec![
        Block::Heading(heading),
        Block::Paragraph(
            "Try each step in order; go to the next only when the one before is not possible."
                .to_string(),
        ),
        Block::List {
            numbered: true,
            items,
        },
    ]
}

/// The warnings with one verdict under it as a heading; nothing when there are none.
fn warning_blocks(verdict: Verdict, warnings: &[Warning]) -> Vec<Block> {
    if warnings.is_empty() {
        return Vec::new();
    }
    let items = warnings
        .iter()
        .map(|w| {
            let mut lines = vec![w.explanation.clone()];
            lines.extend(w.when.iter().map(|l| format!("When: {l}")));
            (format!("**{}**", w.headline), lines)
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

/// The apps table.
fn app_table(rows: &[AppRow]) -> Block {
    let rows = rows
        .iter()
        .map(|row| {
            let otherwise: Vec<&str> = row.otherwise.iter().map(|v| v.label()).collect();
            vec![
                row.app.to_string(),
                format!("{} — {}", row.verdict.label(), row.headlines.join("; ")),
                row.when.join("; "),
                otherwise.join(", "),
                row.register.join(" · "),
            ]
        })
        .collect();
    Block::Table {
        header: ["App", "At most", "When", "Otherwise", "The register"]
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

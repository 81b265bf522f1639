//! The facilitator script (`signpost quiz DECK --script`): what a trainer needs beside them to
//! run a deck — each situation, the expected answer and the way there, the passages that
//! decide it, and the deck's notes for the trainer.

use std::fmt::Write as _;

use super::deck::Deck;
use super::summary::outcome_line;
use crate::document::citation;
use crate::tree::paths::{facts_of, joined_answers};

/// The script of `deck`'s scenarios `order` names (indices into the deck), in that order, as
/// Markdown.
pub fn script(deck: &Deck, order: &[usize]) -> String {
    let tree = &deck.tree;
    let mut md = String::new();
    let _ = writeln!(md, "# Facilitator script: {}\n", deck.title);
    let _ = writeln!(
        md,
        "Deck `{}` on {} (`{}`, tree version {}): {} of {} scenarios. For the trainer only.\n",
        deck.id,
        tree.title,
        tree.id,
        tree.version,
        order.len(),
        deck.scenarios.len()
    );
    for (n, &i) in order.iter().enumerate() {
        let Some(scenario) = deck.scenarios.get(i) else {
            continue;
        };
        let _ = writeln!(md, "## {}. Scenario {} of the deck\n", n + 1, i + 1);
        let _ = writeln!(md, "{}\n", scenario.situation);
        let _ = writeln!(
            md,
            "- **Expected:** {}",
            outcome_line(tree, scenario.expected)
        );
        let _ = writeln!(
            md,
            "- **The way there:** {}",
            joined_answers(tree, &scenario.route, " › ")
        );
        if let Some(notes) = &scenario.notes {
            let _ = writeln!(md, "- **Notes:** {notes}");
        }
        md.push('\n');
        let facts = facts_of(tree, &scenario.route);
        for passage in tree.node(scenario.expected).guidance_for(Some(&facts)) {
            let _ = writeln!(
                md,
                "> {}\n>\n> — {}\n",
                passage.quote.replace('\n', "\n> "),
                citation(tree, passage)
            );
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::fixtures::deck;

    #[test]
    fn the_script_follows_the_order_and_gives_the_expected_answer_and_way() {
        let deck = deck();
        let md = script(&deck, &[1, 0]);
        let second = md.find("Scenario 2 of the deck").expect("scenario 2");
        let first = md.find("Scenario 1 of the deck").expect("scenario 1");
        assert!(second < first, "in the order given:\n{md}");
        assert!(md.contains("- **Expected:** "), "{md}");
        assert!(md.contains("- **The way there:** "), "{md}");
        assert!(md.contains("2 of 2 scenarios"), "{md}");
    }
}

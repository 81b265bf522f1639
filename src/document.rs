//! The parts of an outcome and of a guidance passage that every view shows, worked out once:
//! the full-screen app, plain mode and the decision record lay them out in their own way, but
//! say the same things under the same headings.

use crate::tree::model::Contact;
use crate::tree::{Passage, Shown, Source, Tree};

/// A titled list: an outcome's conditions, its tools' cards, what to do if the tool cannot be
/// used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// "Conditions", "About the tool", "If that is not possible, in this order".
    pub heading: String,
    /// The items, in order.
    pub items: Vec<String>,
    /// Whether the order matters (a numbered list) or not (bullets).
    pub numbered: bool,
}

/// The lists of an outcome that apply to the answers given, those with items only: its
/// conditions, its tools' cards, and its fallbacks in order.
pub fn outcome_sections(tree: &Tree, shown: &Shown) -> Vec<Section> {
    let tools = tree.tools_of(shown.outcome);
    let sections = [
        Section {
            heading: "Conditions".to_string(),
            items: shown.conditions.iter().map(|c| c.to_string()).collect(),
            numbered: false,
        },
        Section {
            heading: if tools.len() == 1 {
                "About the tool"
            } else {
                "About the tools"
            }
            .to_string(),
            items: tools.iter().map(|t| t.card()).collect(),
            numbered: false,
        },
        Section {
            heading: shown.outcome.fallbacks_heading().to_string(),
            items: shown.fallbacks.iter().map(|f| f.to_string()).collect(),
            numbered: true,
        },
    ];
    sections
        .into_iter()
        .filter(|s| !s.items.is_empty())
        .collect()
}

/// A guidance passage as views show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted<'t> {
    /// When the passage is a row of the approved-tools table, the tool's card, read first.
    pub card: Option<String>,
    /// The words of the document.
    pub quote: &'t str,
    /// "Source: … (publisher), § section".
    pub citation: String,
}

/// `passage` of `tree`, ready to show.
pub fn quoted<'t>(tree: &Tree, passage: &'t Passage) -> Quoted<'t> {
    Quoted {
        card: tree.tool_row(passage).map(|tool| tool.card()),
        quote: &passage.quote,
        citation: citation(tree, passage),
    }
}

/// "Source: General app guidance (Ministry of Justice), § Tools for sharing …".
pub fn citation(tree: &Tree, passage: &Passage) -> String {
    citation_in(tree.source(passage), passage)
}

/// [`citation`] for a passage of `source` (a policy rule's passage quotes the policy file's
/// documents, not the tree's).
pub fn citation_in(source: &Source, passage: &Passage) -> String {
    format!(
        "Source: {} ({}), § {}",
        source.title, source.publisher, passage.section
    )
}

/// "MoJ Security team — any question about security: email security@justice.gov.uk".
pub fn contact_line(contact: &Contact) -> String {
    let mut ways = Vec::new();
    if let Some(email) = &contact.email {
        ways.push(format!("email {email}"));
    }
    if let Some(slack) = &contact.slack {
        ways.push(format!("Slack {slack}"));
    }
    if let Some(phone) = &contact.phone {
        ways.push(format!("phone {phone}"));
    }
    if let Some(web) = &contact.web {
        ways.push(format!("web {web}"));
    }
    format!(
        "{} — {}: {}",
        contact.name,
        contact.about.trim_end_matches('.'),
        ways.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn a_teams_outcome_has_its_conditions_tool_and_fallbacks_in_that_order() {
        let tree = &crate::catalog::shipped("share");
        let mut session = Session::new(tree);
        for answer in ["1", "4", "1", "1"] {
            session.answer(tree, answer).expect("an answer");
        }
        let outcome = tree.outcome(session.current()).expect("an outcome");
        let sections = outcome_sections(tree, &outcome.shown(Some(session.facts())));
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Conditions",
                "About the tool",
                "If that is not possible, in this order"
            ]
        );
        assert!(sections[1].items[0].starts_with("Microsoft Teams — "));
        assert!(sections[2].numbered && !sections[0].numbered);
        let passage = outcome.guidance.first().expect("a passage");
        let shown = quoted(tree, passage);
        assert!(shown.citation.starts_with("Source: "));
    }
}

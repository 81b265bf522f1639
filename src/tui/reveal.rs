//! Presentation mode's reveal sequence: the parts of a step, in the order a room sees them.
//! A question shows itself, then its options, their descriptions, its help, its guidance and
//! who to ask; an outcome shows the answers given, the guidance, then the verdict, its
//! conditions, what to do if that is not possible, and who to ask. Parts with nothing to show
//! on this walk are left out, so every press of Space shows something.

use std::time::Instant;

use super::theme::ThemeName;
use crate::tree::{Facts, Node, NodeKind};

/// One part of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The question (always first on a question).
    Question,
    /// Its options, or a checklist's items: from here the room's answer can be entered.
    Options,
    /// The options' descriptions, under each option.
    Details,
    /// The question's help text.
    Help,
    /// The guidance passages that apply.
    Guidance,
    /// Who to ask.
    Contacts,
    /// On an outcome: the answers that led here (always first).
    Answers,
    /// The verdict, headline and explanation.
    Verdict,
    /// The outcome's conditions.
    Conditions,
    /// What to do if it is not possible, in order.
    Fallbacks,
}

impl Part {
    /// What pressing Space shows next, for the hint: "the options", "the verdict".
    pub fn name(self) -> &'static str {
        match self {
            Part::Question => "the question",
            Part::Options => "the options",
            Part::Details => "what the options mean",
            Part::Help => "the question's help",
            Part::Guidance => "the guidance",
            Part::Contacts => "who to ask",
            Part::Answers => "the answers given",
            Part::Verdict => "the verdict",
            Part::Conditions => "the conditions",
            Part::Fallbacks => "what to do if it is not possible",
        }
    }
}

/// Presentation mode: how much of the current step the room can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presentation {
    /// How many parts of the step ([`parts`]) are shown, less one.
    pub stage: usize,
    /// The theme to go back to when presentation mode ends.
    pub previous_theme: ThemeName,
    /// Rows scrolled down, once the trainer scrolls; until then the view follows the part
    /// revealed last.
    pub scroll: Option<u16>,
    /// When presentation mode started, for the elapsed time.
    pub started: Instant,
    /// Whether the elapsed time shows in the corner.
    pub clock: bool,
}

impl Presentation {
    /// A step shown from its start.
    pub fn new(previous_theme: ThemeName) -> Self {
        Presentation {
            stage: 0,
            previous_theme,
            scroll: None,
            started: Instant::now(),
            clock: false,
        }
    }

    /// Shows the next of `parts` parts, if any is left, and follows it.
    pub fn reveal(&mut self, parts: usize) {
        self.stage = (self.stage + 1).min(parts.saturating_sub(1));
        self.scroll = None;
    }

    /// Back to the first part, for a new step.
    pub fn restart_step(&mut self) {
        self.stage = 0;
        self.scroll = None;
    }

    /// Whether `part` of the step, whose parts are `parts`, is shown.
    pub fn shows(&self, parts: &[Part], part: Part) -> bool {
        parts
            .iter()
            .position(|p| *p == part)
            .is_some_and(|i| i <= self.stage)
    }

    /// The part Space shows next, if any is left.
    pub fn next_part(&self, parts: &[Part]) -> Option<Part> {
        parts.get(self.stage + 1).copied()
    }
}

/// The parts of `node` on a walk with `facts`, in the order they are revealed.
pub fn parts(node: &Node, facts: &Facts) -> Vec<Part> {
    let facts = Some(facts);
    let guidance = node.guidance_for(facts).next().is_some();
    let contacts = node.contacts_for(facts).next().is_some();
    let mut parts = Vec::new();
    match &node.kind {
        NodeKind::Outcome(outcome) => {
            let shown = outcome.shown(facts);
            parts.push(Part::Answers);
            parts.extend(guidance.then_some(Part::Guidance));
            parts.push(Part::Verdict);
            parts.extend((!shown.conditions.is_empty()).then_some(Part::Conditions));
            parts.extend((!shown.fallbacks.is_empty()).then_some(Part::Fallbacks));
        }
        NodeKind::Question(q) => {
            let details = q.options.iter().any(|o| o.detail.is_some());
            parts.extend([Part::Question, Part::Options]);
            parts.extend(details.then_some(Part::Details));
            parts.extend(q.help.is_some().then_some(Part::Help));
            parts.extend(guidance.then_some(Part::Guidance));
        }
        NodeKind::Checklist(c) => {
            let details = c.items.iter().any(|i| i.detail.is_some());
            parts.extend([Part::Question, Part::Options]);
            parts.extend(details.then_some(Part::Details));
            parts.extend(c.help.is_some().then_some(Part::Help));
            parts.extend(guidance.then_some(Part::Guidance));
        }
        NodeKind::Route(_) => {}
    }
    parts.extend(contacts.then_some(Part::Contacts));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn a_question_and_an_outcome_reveal_every_part_they_have() {
        let tree = crate::catalog::shipped("share");
        let mut session = Session::new(&tree);
        let first = parts(tree.node(session.current()), session.facts());
        assert_eq!(
            first,
            [
                Part::Question,
                Part::Options,
                Part::Details,
                Part::Help,
                Part::Guidance,
                Part::Contacts
            ]
        );
        for answer in ["1", "3", "2", "2", "1"] {
            session.answer(&tree, answer).expect("an answer");
        }
        let outcome = parts(tree.node(session.current()), session.facts());
        assert_eq!(
            outcome,
            [
                Part::Answers,
                Part::Guidance,
                Part::Verdict,
                Part::Conditions,
                Part::Fallbacks,
                Part::Contacts
            ]
        );
    }
}

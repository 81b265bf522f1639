//! The quiz for a room (`signpost quiz DECK --present`): each scenario's situation pinned at the
//! top, its questions presented step by step, the room's answer entered by the trainer (with a
//! show of hands per answer, if wanted), then RIGHT or NOT QUITE in large letters with where the
//! route split and the passage that explains it. The trainer's view (`f`) shows the expected
//! answer and the deck's notes. Marking is [`crate::quiz`]'s, as in the line quiz.

use std::fmt::Write as _;

use super::reveal::Presentation;
use super::theme::ThemeName;
use super::walk::Walk;
use crate::quiz::{Deck, Marked, Quiz};
use crate::session::Session;
use crate::tree::{NodeId, Tree};

/// Where the quiz is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The room is answering the scenario's questions.
    Walking,
    /// The scenario is marked.
    Marked,
    /// Every scenario is played: the score.
    Done,
}

/// The hands counted for one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hands {
    /// The scenario, by index in the deck.
    pub scenario: usize,
    /// The question.
    pub question: NodeId,
    /// Hands up for each answer, in order.
    pub counts: Vec<u32>,
}

/// A quiz for a room, on the deck's tree as the catalog loaded it (`tree`).
#[derive(Debug)]
pub struct Room {
    /// The deck.
    pub deck: Deck,
    /// The deck's tree in the catalog.
    pub tree: usize,
    /// The scenarios played, by index in the deck, in order.
    pub order: Vec<usize>,
    /// The marks so far.
    pub results: Vec<Marked>,
    /// The walk of the scenario being played.
    pub walk: Walk,
    /// How much of the step the room sees.
    pub presentation: Presentation,
    /// Where the quiz is.
    pub stage: Stage,
    /// Hands up for each answer of the question on screen.
    pub hands: Vec<u32>,
    /// The hands counted, question by question.
    pub hands_log: Vec<Hands>,
    /// The trainer's view is shown.
    pub facilitator: bool,
    /// The group's label, for the summary.
    pub group: Option<String>,
    /// Rows the mark is scrolled down.
    pub scroll: u16,
}

impl Room {
    /// A quiz of `order`'s scenarios of `deck`, walked in the catalog's tree `tree` (the deck's
    /// own); `theme` is the one to go back to.
    pub fn new(
        deck: Deck,
        tree: usize,
        catalog_tree: &Tree,
        order: Vec<usize>,
        theme: ThemeName,
    ) -> Self {
        Room {
            deck,
            tree,
            order,
            results: Vec::new(),
            walk: Walk::new(tree, Session::new(catalog_tree)),
            presentation: Presentation::new(theme),
            stage: Stage::Walking,
            hands: Vec::new(),
            hands_log: Vec::new(),
            facilitator: false,
            group: None,
            scroll: 0,
        }
    }

    /// The scenario being played (index in the deck), if any is left.
    pub fn scenario(&self) -> Option<usize> {
        self.order
            .get(self.results.len() - usize::from(self.stage == Stage::Marked))
            .copied()
    }

    /// (The number of the scenario on screen, counting from 1, how many are played.)
    pub fn position(&self) -> (usize, usize) {
        let shown = self.results.len() + usize::from(self.stage == Stage::Walking);
        (shown.max(1), self.order.len())
    }

    /// The mark of the scenario just played.
    pub fn last_mark(&self) -> Option<&Marked> {
        self.results.last()
    }

    /// The quiz as played so far, for its score and summary.
    pub fn quiz(&self) -> Quiz<'_> {
        Quiz::resumed(&self.deck, self.order.clone(), self.results.clone())
    }

    /// After an answer: keeps the hands counted for the question answered, and marks the walk
    /// when it has reached an outcome. `asked` is the question that was on screen.
    pub fn after_answer(&mut self, tree: &Tree, asked: NodeId, answered: bool) {
        // Hands belong to the question they were counted on: gone with it (back, restart),
        // kept when it is answered.
        if self.walk.session.current() != asked || answered {
            let counts = std::mem::take(&mut self.hands);
            if let Some(scenario) = self.scenario()
                && answered
                && counts.iter().any(|&n| n > 0)
            {
                self.hands_log.push(Hands {
                    scenario,
                    question: asked,
                    counts,
                });
            }
        }
        let session = &self.walk.session;
        if self.stage != Stage::Walking || !session.at_outcome(tree) {
            return;
        }
        let Some(index) = self.scenario() else {
            return;
        };
        let marked = self.deck.scenarios[index].mark(
            index,
            session.steps(),
            session.current(),
            &self.deck.tree,
        );
        self.results.push(marked);
        self.stage = Stage::Marked;
        self.scroll = 0;
    }

    /// From a mark to the next scenario, or to the score after the last.
    pub fn next(&mut self, tree: &Tree) {
        if self.results.len() < self.order.len() {
            self.walk = Walk::new(self.tree, Session::new(tree));
            self.presentation.restart_step();
            self.stage = Stage::Walking;
        } else {
            self.stage = Stage::Done;
        }
    }

    /// One hand more (`up`) or fewer for answer `option` of a question of `answers` answers.
    pub fn count_hand(&mut self, option: usize, answers: usize, up: bool) {
        self.hands.resize(answers.max(self.hands.len()), 0);
        if let Some(n) = self.hands.get_mut(option) {
            *n = if up {
                n.saturating_add(1)
            } else {
                n.saturating_sub(1)
            };
        }
    }

    /// The Markdown summary: the quiz's, then the hands counted.
    pub fn summary(&self, now: chrono::DateTime<chrono::Local>) -> String {
        let mut md = self.quiz().summary(now, self.group.as_deref());
        if self.hands_log.is_empty() {
            return md;
        }
        let tree = &self.deck.tree;
        let _ = writeln!(md, "## Show of hands\n");
        for hands in &self.hands_log {
            let node = tree.node(hands.question);
            let counts: Vec<String> = node
                .answer_labels()
                .iter()
                .zip(&hands.counts)
                .map(|(label, n)| format!("{label}: {n}"))
                .collect();
            // Numbered as played, as the table above numbers them.
            let played = self.order.iter().position(|&i| i == hands.scenario);
            let _ = writeln!(
                md,
                "- Scenario {}, \"{}\": {}",
                played.map_or(0, |p| p + 1),
                node.title(),
                counts.join("; ")
            );
        }
        md.push('\n');
        md
    }
}

//! Marking: a learner's walk of a scenario against its expected outcome, the answer where a
//! wrong walk left the way, and the score.

use std::fmt;

use super::deck::{Deck, Scenario};
use super::reach::{keeping, still_reaches};
use crate::session::Session;
use crate::tree::paths::{Answer, PathStep, facts_of};
use crate::tree::{NodeId, Passage, Source, Tree};

/// Where a wrong walk left the way to the expected outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the answer in the learner's walk (0-based).
    pub step: usize,
    /// The question that answer was given to.
    pub question: NodeId,
    /// What the learner answered.
    pub chosen: Answer,
    /// The options that would have kept the expected outcome in reach, the deck's expected
    /// answer first.
    pub keeping: Vec<usize>,
}

/// One marked walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The scenario's index in the deck.
    pub scenario: usize,
    /// The learner's answers.
    pub steps: Vec<PathStep>,
    /// The outcome the learner reached.
    pub reached: NodeId,
    /// Whether it gives the expected advice: the expected outcome, or another outcome with the
    /// same verdict and headline.
    pub right: bool,
    /// When the walk did not end on the expected outcome itself, the answer that left the way
    /// to it (for a right walk too, when it reached the same advice by another route).
    pub divergence: Option<Divergence>,
}

impl Scenario {
    /// Marks a walk that ended on `reached` after `steps`.
    pub fn mark(&self, index: usize, steps: &[PathStep], reached: NodeId, tree: &Tree) -> Marked {
        let exact = reached == self.expected;
        Marked {
            scenario: index,
            steps: steps.to_vec(),
            reached,
            right: exact || same_advice(tree, reached, self.expected),
            divergence: if exact {
                None
            } else {
                self.divergence(steps, tree)
            },
        }
    }

    /// The first answer after which the expected outcome could no longer be reached
    /// (following routes with the facts the answers set). Only a question can be where a walk
    /// leaves the way with one answer that would have kept it; a wrong checklist answer is
    /// reported at the checklist with no alternative listed.
    pub fn divergence(&self, steps: &[PathStep], tree: &Tree) -> Option<Divergence> {
        let mut session = Session::new(tree);
        for (k, step) in steps.iter().enumerate() {
            let before = session.clone();
            if !still_reaches(tree, &before, self.expected) {
                return None;
            }
            session.give(tree, step.answer).ok()?;
            if still_reaches(tree, &session, self.expected) {
                continue;
            }
            let mut keeping = keeping(tree, &before, self.expected);
            if let Some(own) = self.route.iter().find(|s| s.question == step.question) {
                keeping.sort_by_key(|&c| Some(c) != own.answer.option());
            }
            return Some(Divergence {
                step: k,
                question: step.question,
                chosen: step.answer,
                keeping,
            });
        }
        None
    }

    /// The passages that explain why the outcome `reached` is wrong for this situation: the
    /// sources of the rules it breaks on the situation's own facts (the SECRET material
    /// treated as OFFICIAL-SENSITIVE and sent by Teams breaks "approved up to and including
    /// Official-Sensitive"). When it breaks none, the guidance of [`Scenario::deciding_node`].
    pub fn explaining_passages<'t>(
        &self,
        divergence: &Divergence,
        reached: NodeId,
        tree: &'t Tree,
    ) -> Vec<(&'t Passage, &'t Source)> {
        let facts = facts_of(tree, &self.route);
        let mut broken: Vec<(&Passage, &Source)> = Vec::new();
        if let Some(outcome) = tree.outcome(reached) {
            let names = |tools: &[String]| {
                tools.is_empty() || tools.iter().any(|t| outcome.tools.contains(t))
            };
            for rule in &tree.policy_rules {
                let breaks = rule.when.holds(Some(&facts))
                    && rule.never.contains(&outcome.verdict)
                    && names(&rule.tools);
                let said = broken.iter().any(|(p, _)| p.quote == rule.source.quote);
                if let Some(source) = tree.rule_source(rule).filter(|_| breaks && !said) {
                    broken.push((&rule.source, source));
                }
            }
        }
        if !broken.is_empty() {
            return broken;
        }
        tree.node(self.deciding_node(divergence, tree))
            .guidance()
            .iter()
            .map(|p| (p, tree.source(p)))
            .collect()
    }

    /// The node whose guidance decides a wrong walk: the question where it left the way, or
    /// the expected outcome when that question has no guidance.
    pub fn deciding_node(&self, divergence: &Divergence, tree: &Tree) -> NodeId {
        if tree.node(divergence.question).guidance().is_empty() {
            self.expected
        } else {
            divergence.question
        }
    }
}

/// Whether two outcomes give the same advice: the same verdict and headline.
fn same_advice(tree: &Tree, a: NodeId, b: NodeId) -> bool {
    match (tree.outcome(a), tree.outcome(b)) {
        (Some(a), Some(b)) => a.verdict == b.verdict && a.headline == b.headline,
        _ => false,
    }
}

/// The score so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    /// Walks that reached the expected outcome.
    pub right: usize,
    /// Scenarios answered.
    pub answered: usize,
    /// Scenarios in the deck.
    pub total: usize,
}

impl Score {
    /// Scenarios not answered (the quiz ended early).
    pub fn not_attempted(&self) -> usize {
        self.total - self.answered
    }
}

/// `2 of 3 right`; the alternate form (`{:#}`) adds how many scenarios were not attempted.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} right", self.right, self.answered)?;
        let left = self.not_attempted();
        if f.alternate() && left > 0 {
            write!(f, " ({left} of {} scenarios not attempted)", self.total)?;
        }
        Ok(())
    }
}

/// Why a walk could not be marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitError {
    /// Every scenario has been answered.
    Finished,
    /// The walk has not reached an outcome yet.
    NotAtOutcome,
    /// The walk names nodes the quiz's tree does not have: it is a walk of another tree.
    OtherTree,
}

impl fmt::Display for SubmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SubmitError::Finished => "every scenario has been answered",
            SubmitError::NotAtOutcome => "the walk has not reached an outcome yet",
            SubmitError::OtherTree => "the walk is not a walk of this quiz's tree",
        })
    }
}

impl std::error::Error for SubmitError {}

/// A quiz over a deck: its scenarios in the order chosen, each marked as the learner
/// finishes it.
#[derive(Clone, Debug)]
pub struct Quiz<'d> {
    deck: &'d Deck,
    /// The scenarios played, by index in the deck, in the order they are played.
    order: Vec<usize>,
    results: Vec<Marked>,
}

impl<'d> Quiz<'d> {
    /// A quiz of every scenario, in the deck's order.
    pub fn new(deck: &'d Deck) -> Self {
        Quiz::in_order(deck, (0..deck.scenarios.len()).collect())
    }

    /// A quiz of the scenarios `order` names (indices into the deck), in that order; indices
    /// past the end are left out.
    pub fn in_order(deck: &'d Deck, order: Vec<usize>) -> Self {
        let order = order
            .into_iter()
            .filter(|&i| i < deck.scenarios.len())
            .collect();
        Quiz {
            deck,
            order,
            results: Vec::new(),
        }
    }

    /// A quiz played in part: `results` are the marks of the first of `order`'s scenarios.
    pub fn resumed(deck: &'d Deck, order: Vec<usize>, results: Vec<Marked>) -> Self {
        Quiz {
            results,
            ..Quiz::in_order(deck, order)
        }
    }

    /// The scenarios played, by index in the deck, in order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The deck.
    pub fn deck(&self) -> &'d Deck {
        self.deck
    }

    /// The tree the scenarios are walked in.
    pub fn tree(&self) -> &'d Tree {
        &self.deck.tree
    }

    /// The scenario to answer next and its index in the deck, or `None` when all have been
    /// answered.
    pub fn current(&self) -> Option<(usize, &'d Scenario)> {
        let i = *self.order.get(self.results.len())?;
        self.deck.scenarios.get(i).map(|s| (i, s))
    }

    /// How far the quiz has got: (the number of the scenario now played, counting from 1,
    /// and how many are played).
    pub fn position(&self) -> (usize, usize) {
        (self.results.len() + 1, self.order.len())
    }

    /// Marks the learner's walk of the current scenario (a [`Session`] on the deck's tree that
    /// has reached an outcome) and moves on to the next.
    pub fn submit(&mut self, session: &Session) -> Result<&Marked, SubmitError> {
        let (index, scenario) = self.current().ok_or(SubmitError::Finished)?;
        let tree = self.tree();
        let known = |id: NodeId| id.index() < tree.nodes.len();
        if !known(session.current()) || !session.steps().iter().all(|s| known(s.question)) {
            return Err(SubmitError::OtherTree);
        }
        if !session.at_outcome(tree) {
            return Err(SubmitError::NotAtOutcome);
        }
        let marked = scenario.mark(index, session.steps(), session.current(), tree);
        self.results.push(marked);
        Ok(&self.results[self.results.len() - 1])
    }

    /// Every marked walk, in order.
    pub fn results(&self) -> &[Marked] {
        &self.results
    }

    /// The score so far.
    pub fn score(&self) -> Score {
        Score {
            right: self.results.iter().filter(|m| m.right).count(),
            answered: self.results.len(),
            total: self.order.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::divergence_line;
    use crate::quiz::fixtures::{deck, walk};
    use chrono::Local;

    #[test]
    fn a_right_walk_scores_by_outcome_whatever_the_route() {
        let deck = deck();
        let mut quiz = Quiz::new(&deck);
        let t = quiz.tree();
        // The deck says "Documents"; "Messages" leads to the same question, so it is right.
        let marked = quiz
            .submit(&walk(t, &["Messages", "OFFICIAL", "No", "Yes"]))
            .expect("marked");
        assert!(marked.right);
        assert_eq!(marked.divergence, None);
        assert_eq!(
            quiz.score(),
            Score {
                right: 1,
                answered: 1,
                total: 2
            }
        );
    }

    #[test]
    fn a_wrong_walk_points_at_the_answer_that_closed_off_the_expected_outcome() {
        let deck = deck();
        let mut quiz = Quiz::new(&deck);
        let t = quiz.tree();
        let marked = quiz
            .submit(&walk(t, &["Documents", "OFFICIAL", "Yes"]))
            .expect("marked")
            .clone();
        assert!(!marked.right);
        let d = marked.divergence.expect("a divergence");
        assert_eq!((d.step, t.node(d.question).id.as_str()), (2, "teams-q"));
        assert_eq!(d.chosen, Answer::Option(0), "\"Yes\"");
        assert_eq!(d.keeping, [1], "\"No\" keeps CJSM in reach");
        let scenario = &deck.scenarios[0];
        assert_eq!(t.node(scenario.deciding_node(&d, t)).id, "teams-q");
        assert_eq!(
            divergence_line(t, &d),
            "answer 3, \"Teams?\": answered \"Yes\"; \"No\" would have kept the expected outcome in reach"
        );
    }

    #[test]
    fn the_same_advice_by_another_route_is_right_and_says_where_the_routes_part() {
        let deck = deck();
        let mut quiz = Quiz::new(&deck);
        let t = quiz.tree();
        quiz.submit(&walk(t, &["Documents", "OFFICIAL", "No", "Yes"]))
            .expect("marked");
        let marked = quiz
            .submit(&walk(t, &["Colleague"]))
            .expect("marked")
            .clone();
        assert!(marked.right, "\"Use Teams\" is the advice expected");
        let d = marked.divergence.expect("the route differs");
        assert_eq!((d.step, t.node(d.question).id.as_str()), (0, "what"));
        assert_eq!(d.keeping, [0, 1]);
        assert_eq!(quiz.score().right, 2);
        let md = quiz.summary(Local::now(), None);
        assert!(
            md.contains("## Scenario 2: right, by another route"),
            "{md}"
        );
        assert!(
            md.contains("- **Left the expected route at:** answer 1, \"What?\""),
            "{md}"
        );
    }

    #[test]
    fn without_guidance_at_the_question_the_expected_outcome_decides() {
        let deck = deck();
        let t = &deck.tree;
        let scenario = &deck.scenarios[0];
        let steps = walk(t, &["Documents", "OFFICIAL", "No", "No"]);
        let d = scenario.divergence(steps.steps(), t).expect("divergence");
        assert_eq!(t.node(d.question).id, "cjsm-q");
        assert_eq!(t.node(scenario.deciding_node(&d, t)).id, "cjsm");
    }
}

//! Walking a tree: the answers so far, going back, changing an earlier answer, restarting.
//! Shared by the full-screen app and the plain mode; knows nothing about terminals.

use std::collections::HashMap;

use crate::tree::paths::{PathStep, route_to};
use crate::tree::{NodeId, Question, Tree};

/// Where a walk is: the answers given and the node they lead to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    steps: Vec<PathStep>,
    current: NodeId,
    /// Set when the walk started somewhere other than the tree's start ("play from here").
    started_at: NodeId,
}

/// Why an answer could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The walk is on an outcome: there is nothing to answer.
    NotAQuestion,
    /// The text matches no option.
    NoMatch,
    /// The text is a prefix of several options.
    Ambiguous(Vec<String>),
}

/// What happened to later answers when an earlier one changed, or when answers were replayed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Replay {
    /// Answers that were applied again.
    pub kept: usize,
    /// Answers that no longer apply (their question is no longer on the path, or the label is
    /// gone).
    pub dropped: usize,
    /// When replaying labels stopped early: the label that no longer matches.
    pub stopped_at: Option<String>,
}

impl Session {
    /// A walk at the tree's start.
    pub fn new(tree: &Tree) -> Self {
        Session {
            steps: Vec::new(),
            current: tree.start,
            started_at: tree.start,
        }
    }

    /// A walk positioned on `node`: with the shortest answers that lead there when it is
    /// reachable from the start, otherwise starting at the node itself ("play from here").
    pub fn at_node(tree: &Tree, node: NodeId) -> Self {
        match route_to(tree, node) {
            Some(steps) => Session {
                steps,
                current: node,
                started_at: tree.start,
            },
            None => Session {
                steps: Vec::new(),
                current: node,
                started_at: node,
            },
        }
    }

    /// The node the walk is on.
    pub fn current(&self) -> NodeId {
        self.current
    }

    /// The answers so far.
    pub fn steps(&self) -> &[PathStep] {
        &self.steps
    }

    /// The question the walk is on, if it is on one.
    pub fn question<'t>(&self, tree: &'t Tree) -> Option<&'t Question> {
        tree.question(self.current)
    }

    /// Whether the walk has reached an outcome.
    pub fn at_outcome(&self, tree: &Tree) -> bool {
        tree.outcome(self.current).is_some()
    }

    /// Answers the current question with option `index` (0-based).
    pub fn choose(&mut self, tree: &Tree, index: usize) -> Result<(), AnswerError> {
        let question = self.question(tree).ok_or(AnswerError::NotAQuestion)?;
        let choice = question.options.get(index).ok_or(AnswerError::NoMatch)?;
        self.steps.push(PathStep {
            question: self.current,
            choice: index as u16,
        });
        self.current = choice.next;
        Ok(())
    }

    /// Answers the current question with typed text: an option number (1-based) or a label
    /// (case-insensitive, exact or a unique prefix).
    pub fn answer(&mut self, tree: &Tree, input: &str) -> Result<usize, AnswerError> {
        let question = self.question(tree).ok_or(AnswerError::NotAQuestion)?;
        let index = match_answer(question, input)?;
        self.choose(tree, index)?;
        Ok(index)
    }

    /// Goes back one answer. False when there is nothing to go back to.
    pub fn back(&mut self) -> bool {
        match self.steps.pop() {
            Some(step) => {
                self.current = step.question;
                true
            }
            None => false,
        }
    }

    /// Back to the start, forgetting every answer.
    pub fn restart(&mut self, tree: &Tree) {
        *self = Session::new(tree);
    }

    /// Changes the answer at `step` to option `index`, then re-applies the later answers
    /// wherever the same question is reached again; only those that no longer apply are dropped.
    pub fn change(
        &mut self,
        tree: &Tree,
        step: usize,
        index: usize,
    ) -> Result<Replay, AnswerError> {
        let Some(&at) = self.steps.get(step) else {
            return Err(AnswerError::NoMatch);
        };
        let options = tree.question(at.question).map_or(0, |q| q.options.len());
        if index >= options {
            return Err(AnswerError::NoMatch);
        }
        let later = self.steps[step + 1..].to_vec();
        let mut used = vec![false; later.len()];
        self.steps.truncate(step);
        self.current = at.question;
        self.choose(tree, index)?;
        let mut replay = Replay::default();
        while let Some((k, choice)) = self.earlier_answer_here(tree, &later, &used) {
            used[k] = true;
            self.choose(tree, choice)?;
            replay.kept += 1;
        }
        replay.dropped = later.len() - replay.kept;
        Ok(replay)
    }

    /// A not-yet-used answer from `later` that applies to the current question: one given to
    /// this very question, or else one given to a question with the same wording whose label is
    /// offered here too (trees often repeat a question, such as the classification, in several
    /// branches). Returns its index in `later` and the option to choose.
    fn earlier_answer_here(
        &self,
        tree: &Tree,
        later: &[PathStep],
        used: &[bool],
    ) -> Option<(usize, usize)> {
        let question = self.question(tree)?;
        let unused = || later.iter().enumerate().filter(|(k, _)| !used[*k]);
        if let Some((k, step)) = unused().find(|(_, s)| s.question == self.current) {
            return Some((k, step.choice as usize));
        }
        unused().find_map(|(k, step)| {
            let earlier = tree.question(step.question)?;
            let label = &earlier.options.get(step.choice as usize)?.label;
            let here = question.options.iter().position(|o| o.label == *label)?;
            (earlier.text == question.text).then_some((k, here))
        })
    }

    /// Walks `labels` from the start (after a tree was reloaded): stops at the first label the
    /// current question no longer offers, and says so.
    pub fn replay_labels(tree: &Tree, labels: &[String]) -> (Session, Replay) {
        let mut session = Session::new(tree);
        let mut replay = Replay::default();
        for (i, label) in labels.iter().enumerate() {
            let found = session
                .question(tree)
                .and_then(|q| q.options.iter().position(|o| o.label == *label));
            match found {
                Some(index) => {
                    let _ = session.choose(tree, index);
                    replay.kept += 1;
                }
                None => {
                    replay.dropped = labels.len() - i;
                    replay.stopped_at = Some(label.clone());
                    break;
                }
            }
        }
        (session, replay)
    }

    /// The labels of the answers so far.
    pub fn labels(&self, tree: &Tree) -> Vec<String> {
        crate::tree::paths::labels(tree, &self.steps)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Whether the walk began somewhere other than the tree's start.
    pub fn started_mid_tree(&self, tree: &Tree) -> bool {
        self.started_at != tree.start
    }

    /// Question number of the current node (1-based) and the most questions any path from
    /// here to an outcome still asks: "Question 2 of up to 4".
    pub fn progress(&self, tree: &Tree) -> (usize, usize) {
        let asked = self.steps.len();
        (asked + 1, asked + longest_remaining(tree, self.current))
    }
}

/// The most questions on any path from `node` to an outcome.
pub fn longest_remaining(tree: &Tree, node: NodeId) -> usize {
    fn depth(tree: &Tree, node: NodeId, memo: &mut HashMap<NodeId, usize>) -> usize {
        if let Some(&d) = memo.get(&node) {
            return d;
        }
        let d = match tree.question(node) {
            Some(q) => {
                1 + q
                    .options
                    .iter()
                    .map(|o| depth(tree, o.next, memo))
                    .max()
                    .unwrap_or(0)
            }
            None => 0,
        };
        memo.insert(node, d);
        d
    }
    depth(tree, node, &mut HashMap::new())
}

/// Matches typed text to an option: a number (1-based), or a label, case-insensitive, exact or
/// a unique prefix.
pub fn match_answer(question: &Question, input: &str) -> Result<usize, AnswerError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AnswerError::NoMatch);
    }
    if let Ok(n) = input.parse::<usize>() {
        return if (1..=question.options.len()).contains(&n) {
            Ok(n - 1)
        } else {
            Err(AnswerError::NoMatch)
        };
    }
    let wanted = input.to_lowercase();
    if let Some(i) = question
        .options
        .iter()
        .position(|o| o.label.to_lowercase() == wanted)
    {
        return Ok(i);
    }
    let prefixed: Vec<usize> = question
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.label.to_lowercase().starts_with(&wanted))
        .map(|(i, _)| i)
        .collect();
    match prefixed.as_slice() {
        [one] => Ok(*one),
        [] => Err(AnswerError::NoMatch),
        many => Err(AnswerError::Ambiguous(
            many.iter()
                .map(|&i| question.options[i].label.clone())
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// start → (a → (x → end1 | y → end2) | b → x-question …): a small DAG where the same
    /// question is reached from two answers.
    pub(crate) fn tree() -> Tree {
        crate::tree::test_tree(
            "{}",
            "what",
            r#"{
                "what": Question(text: "What?", options: [Option(label: "Files", next: "who"), Option(label: "Messages", next: "who"), Option(label: "Calls", next: "end-call")]),
                "who": Question(text: "Who?", options: [Option(label: "Colleagues", next: "class"), Option(label: "Police", next: "class"), Option(label: "Public", next: "end-public")]),
                "class": Question(text: "Class?", options: [Option(label: "OFFICIAL", next: "end-ok"), Option(label: "OFFICIAL-SENSITIVE", next: "end-ok"), Option(label: "SECRET", next: "end-no")]),
                "end-ok": Outcome(verdict: "recommended", headline: "OK", explanation: "e"),
                "end-no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "end-call": Outcome(verdict: "recommended", headline: "Call", explanation: "e"),
                "end-public": Outcome(verdict: "ask-for-help", headline: "Ask", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn choose_back_and_restart() {
        let t = tree();
        let mut s = Session::new(&t);
        s.choose(&t, 0).unwrap();
        s.choose(&t, 1).unwrap();
        assert_eq!(s.labels(&t), ["Files", "Police"]);
        assert!(s.back());
        assert_eq!(t.node(s.current()).id, "who");
        s.restart(&t);
        assert!(s.steps().is_empty());
        assert!(!s.back());
    }

    #[test]
    fn changing_an_earlier_answer_keeps_later_answers_that_still_apply() {
        let t = tree();
        let mut s = Session::new(&t);
        for i in [0, 1, 2] {
            s.choose(&t, i).unwrap();
        }
        assert_eq!(s.labels(&t), ["Files", "Police", "SECRET"]);
        let replay = s.change(&t, 0, 1).unwrap();
        assert_eq!(s.labels(&t), ["Messages", "Police", "SECRET"]);
        assert_eq!(
            replay,
            Replay {
                kept: 2,
                dropped: 0,
                stopped_at: None
            }
        );
        assert!(s.at_outcome(&t));
    }

    #[test]
    fn changing_an_answer_drops_only_what_no_longer_applies() {
        let t = tree();
        let mut s = Session::new(&t);
        for i in [0, 1, 2] {
            s.choose(&t, i).unwrap();
        }
        let replay = s.change(&t, 1, 2).unwrap();
        assert_eq!(s.labels(&t), ["Files", "Public"]);
        assert_eq!(replay.dropped, 1);
        assert_eq!(t.node(s.current()).id, "end-public");
    }

    #[test]
    fn answers_match_numbers_labels_and_unique_prefixes() {
        let t = tree();
        let q = t.question(t.find("class").unwrap()).unwrap();
        assert_eq!(match_answer(q, "3"), Ok(2));
        assert_eq!(match_answer(q, "secret"), Ok(2));
        assert_eq!(
            match_answer(q, "official"),
            Ok(0),
            "an exact label wins over prefixes"
        );
        assert_eq!(match_answer(q, "OFFICIAL-S"), Ok(1));
        assert_eq!(
            match_answer(q, "OFF"),
            Err(AnswerError::Ambiguous(vec![
                "OFFICIAL".into(),
                "OFFICIAL-SENSITIVE".into()
            ]))
        );
        assert_eq!(match_answer(q, "4"), Err(AnswerError::NoMatch));
        assert_eq!(match_answer(q, "0"), Err(AnswerError::NoMatch));
        assert_eq!(match_answer(q, "top"), Err(AnswerError::NoMatch));
    }

    #[test]
    fn an_answer_to_the_same_question_in_another_branch_is_kept() {
        let t = crate::tree::test_tree(
            "{}",
            "who",
            r#"{
                "who": Question(text: "Who?", options: [Option(label: "Us", next: "class-us"), Option(label: "Them", next: "class-them")]),
                "class-us": Question(text: "Class?", options: [Option(label: "OFFICIAL", next: "ok"), Option(label: "SECRET", next: "no")]),
                "class-them": Question(text: "Class?", options: [Option(label: "SECRET", next: "no"), Option(label: "OFFICIAL", next: "ok")]),
                "ok": Outcome(verdict: "recommended", headline: "OK", explanation: "e"),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
            }"#,
        );
        let mut s = Session::new(&t);
        s.choose(&t, 0).unwrap();
        s.choose(&t, 1).unwrap();
        let replay = s.change(&t, 0, 1).unwrap();
        assert_eq!(s.labels(&t), ["Them", "SECRET"]);
        assert_eq!(
            replay,
            Replay {
                kept: 1,
                dropped: 0,
                stopped_at: None
            }
        );
    }

    #[test]
    fn replaying_labels_stops_where_an_answer_no_longer_applies() {
        let t = tree();
        let (s, replay) =
            Session::replay_labels(&t, &["Files".into(), "Nobody".into(), "SECRET".into()]);
        assert_eq!(t.node(s.current()).id, "who");
        assert_eq!(
            replay,
            Replay {
                kept: 1,
                dropped: 2,
                stopped_at: Some("Nobody".into())
            }
        );
    }

    #[test]
    fn progress_counts_the_longest_remaining_path() {
        let t = tree();
        let mut s = Session::new(&t);
        assert_eq!(s.progress(&t), (1, 3));
        s.choose(&t, 0).unwrap();
        assert_eq!(s.progress(&t), (2, 3));
    }

    #[test]
    fn at_node_finds_the_route() {
        let t = tree();
        let s = Session::at_node(&t, t.find("end-no").unwrap());
        assert_eq!(s.labels(&t), ["Files", "Colleagues", "SECRET"]);
    }
}

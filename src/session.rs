//! Walking a tree: the answers so far, going back, changing an earlier answer, restarting.
//! Shared by the full-screen app and the plain mode; knows nothing about terminals.

use std::collections::HashMap;

use crate::tree::paths::{self, Answer, PathStep, apply, facts_of, route_to, settle};
use crate::tree::{Checklist, Facts, NodeId, NodeKind, Question, Tree};

/// Where a walk is: the answers given, the facts they set and the node they lead to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    steps: Vec<PathStep>,
    facts: Facts,
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
    /// A walk at the tree's start (past any route the start leads through).
    pub fn new(tree: &Tree) -> Self {
        let facts = tree.no_facts();
        let current = settle(tree, tree.start, &facts);
        Session {
            steps: Vec::new(),
            facts,
            current,
            started_at: tree.start,
        }
    }

    /// A walk positioned on `node`: with the shortest answers that lead there when it is
    /// reachable from the start, otherwise starting at the node itself ("play from here").
    pub fn at_node(tree: &Tree, node: NodeId) -> Self {
        match route_to(tree, node) {
            Some(steps) => Session {
                facts: facts_of(tree, &steps),
                steps,
                current: node,
                started_at: tree.start,
            },
            None => {
                let facts = tree.no_facts();
                Session {
                    current: settle(tree, node, &facts),
                    facts,
                    steps: Vec::new(),
                    started_at: node,
                }
            }
        }
    }

    /// The node the walk is on (a question, a checklist or an outcome; never a route).
    pub fn current(&self) -> NodeId {
        self.current
    }

    /// The answers so far.
    pub fn steps(&self) -> &[PathStep] {
        &self.steps
    }

    /// The facts the answers so far have set.
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The question the walk is on, if it is on one.
    pub fn question<'t>(&self, tree: &'t Tree) -> Option<&'t Question> {
        tree.question(self.current)
    }

    /// The checklist the walk is on, if it is on one.
    pub fn checklist<'t>(&self, tree: &'t Tree) -> Option<&'t Checklist> {
        tree.checklist(self.current)
    }

    /// Whether the walk has reached an outcome.
    pub fn at_outcome(&self, tree: &Tree) -> bool {
        tree.outcome(self.current).is_some()
    }

    /// Answers the current question or checklist, then passes through any routes.
    pub fn give(&mut self, tree: &Tree, answer: Answer) -> Result<(), AnswerError> {
        let answer = match (&tree.node(self.current).kind, answer) {
            (NodeKind::Question(q), Answer::Option(i)) if (i as usize) < q.options.len() => answer,
            (NodeKind::Checklist(c), Answer::Items { chosen, .. }) => {
                Answer::items(chosen.into(), c.items.len())
            }
            (NodeKind::Question(_) | NodeKind::Checklist(_), _) => {
                return Err(AnswerError::NoMatch);
            }
            _ => return Err(AnswerError::NotAQuestion),
        };
        let step = PathStep {
            question: self.current,
            answer,
        };
        let next = apply(tree, step, &mut self.facts).ok_or(AnswerError::NoMatch)?;
        self.steps.push(step);
        self.current = settle(tree, next, &self.facts);
        Ok(())
    }

    /// Answers the current question with option `index` (0-based).
    pub fn choose(&mut self, tree: &Tree, index: usize) -> Result<(), AnswerError> {
        self.question(tree).ok_or(AnswerError::NotAQuestion)?;
        let index = u16::try_from(index).map_err(|_| AnswerError::NoMatch)?;
        self.give(tree, Answer::Option(index))
    }

    /// Answers the current question with typed text: an option number (1-based), a label
    /// (case-insensitive, exact or a unique prefix) or a value; for a checklist, several of
    /// these separated by commas, or the "none of these" label.
    pub fn answer(&mut self, tree: &Tree, input: &str) -> Result<Answer, AnswerError> {
        let answer = match &tree.node(self.current).kind {
            NodeKind::Question(q) => Answer::Option(match_answer(q, input)? as u16),
            NodeKind::Checklist(c) => Answer::items(match_items(c, input)?, c.items.len()),
            _ => return Err(AnswerError::NotAQuestion),
        };
        self.give(tree, answer)?;
        Ok(answer)
    }

    /// Goes back one answer. False when there is nothing to go back to.
    pub fn back(&mut self, tree: &Tree) -> bool {
        match self.steps.pop() {
            Some(step) => {
                self.current = step.question;
                self.facts = facts_of(tree, &self.steps);
                true
            }
            None => false,
        }
    }

    /// Back to the start, forgetting every answer.
    pub fn restart(&mut self, tree: &Tree) {
        *self = Session::new(tree);
    }

    /// Changes the answer at `step`, then re-applies the later answers wherever the same
    /// question is reached again; only those that no longer apply are dropped, and the facts
    /// they set are forgotten.
    pub fn change(
        &mut self,
        tree: &Tree,
        step: usize,
        answer: Answer,
    ) -> Result<Replay, AnswerError> {
        let Some(&at) = self.steps.get(step) else {
            return Err(AnswerError::NoMatch);
        };
        let later = self.steps[step + 1..].to_vec();
        let before = self.clone();
        let mut used = vec![false; later.len()];
        self.steps.truncate(step);
        self.facts = facts_of(tree, &self.steps);
        self.current = at.question;
        if let Err(e) = self.give(tree, answer) {
            *self = before;
            return Err(e);
        }
        let mut replay = Replay::default();
        while let Some((k, answer)) = self.earlier_answer_here(tree, &later, &used) {
            used[k] = true;
            if self.give(tree, answer).is_err() {
                break;
            }
            replay.kept += 1;
        }
        replay.dropped = later.len() - replay.kept;
        Ok(replay)
    }

    /// A not-yet-used answer from `later` that applies to the current question: one given to
    /// this very question, or else one given to a question with the same wording whose labels
    /// are offered here too (trees often repeat a question, such as the classification, in
    /// several branches). Returns its index in `later` and the answer to give.
    fn earlier_answer_here(
        &self,
        tree: &Tree,
        later: &[PathStep],
        used: &[bool],
    ) -> Option<(usize, Answer)> {
        let here = tree.node(self.current);
        if !here.asks() {
            return None;
        }
        let unused = || later.iter().enumerate().filter(|(k, _)| !used[*k]);
        if let Some((k, step)) = unused().find(|(_, s)| s.question == self.current) {
            return Some((k, step.answer));
        }
        unused().find_map(|(k, step)| {
            let earlier = tree.node(step.question);
            if earlier.title() != here.title() {
                return None;
            }
            let text = paths::answer(tree, *step);
            let answer = match &here.kind {
                NodeKind::Question(q) => {
                    Answer::Option(q.options.iter().position(|o| o.label == text)? as u16)
                }
                NodeKind::Checklist(c) => Answer::items(match_items(c, &text).ok()?, c.items.len()),
                _ => return None,
            };
            Some((k, answer))
        })
    }

    /// Walks `labels` from the start (after a tree was reloaded): stops at the first label the
    /// current question no longer offers, and says so.
    pub fn replay_labels(tree: &Tree, labels: &[String]) -> (Session, Replay) {
        let mut session = Session::new(tree);
        let mut replay = Replay::default();
        for (i, label) in labels.iter().enumerate() {
            let found = answer_for_label(tree, session.current, label);
            match found.map(|answer| session.give(tree, answer)) {
                Some(Ok(())) => replay.kept += 1,
                _ => {
                    replay.dropped = labels.len() - i;
                    replay.stopped_at = Some(label.clone());
                    break;
                }
            }
        }
        (session, replay)
    }

    /// The answers so far, as people read them.
    pub fn labels(&self, tree: &Tree) -> Vec<String> {
        paths::labels(tree, &self.steps)
            .into_iter()
            .map(|c| c.into_owned())
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

/// The answer whose label is exactly `label` at `node` (for a checklist: the item labels as
/// [`crate::tree::paths::answer`] writes them, or the "none of these" label).
pub fn answer_for_label(tree: &Tree, node: NodeId, label: &str) -> Option<Answer> {
    match &tree.node(node).kind {
        NodeKind::Question(q) => q
            .options
            .iter()
            .position(|o| o.label == label)
            .map(|i| Answer::Option(i as u16)),
        NodeKind::Checklist(c) => match_items(c, label)
            .ok()
            .map(|mask| Answer::items(mask, c.items.len())),
        _ => None,
    }
}

/// The most questions on any path from `node` to an outcome (routes are not questions, and
/// every rule is counted as if it could match).
pub fn longest_remaining(tree: &Tree, node: NodeId) -> usize {
    fn depth(tree: &Tree, node: NodeId, memo: &mut HashMap<NodeId, usize>) -> usize {
        if let Some(&d) = memo.get(&node) {
            return d;
        }
        let n = tree.node(node);
        let deepest = n.successors().map(|next| depth(tree, next, memo)).max();
        let d = usize::from(n.asks()) + deepest.unwrap_or(0);
        memo.insert(node, d);
        d
    }
    depth(tree, node, &mut HashMap::new())
}

/// Matches typed text to an option: a number (1-based), or a label or value, case-insensitive,
/// exact or a unique prefix of a label.
pub fn match_answer(question: &Question, input: &str) -> Result<usize, AnswerError> {
    let labels: Vec<&str> = question.options.iter().map(|o| o.label.as_str()).collect();
    let values: Vec<std::borrow::Cow<str>> = question.options.iter().map(|o| o.value()).collect();
    let values: Vec<&str> = values.iter().map(|v| v.as_ref()).collect();
    match_one(&labels, &values, input)
}

/// Matches typed text to checklist items: numbers (1-based), labels or values separated by
/// commas, or the "none of these" label (or `none`, or `0`, or the number after the last item).
/// A checklist answer as `table` writes it ("HR information; not Personal data; any of the
/// rest") gives the items picked.
pub fn match_items(checklist: &Checklist, input: &str) -> Result<u64, AnswerError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AnswerError::NoMatch);
    }
    let none = checklist.none.to_lowercase();
    let lower = input.to_lowercase();
    let none_number = (checklist.items.len() + 1).to_string();
    let is_none = |text: &str| {
        text == none
            || text == "none"
            || text == "0"
            || text == none_number
            || (text.len() >= 3 && none.starts_with(text))
    };
    if is_none(&lower) {
        return Ok(0);
    }
    // The table's form: the first part lists the items picked; "not …" and "any of the rest"
    // parts name items that were left out or make no difference.
    let picked = match input.split_once(';') {
        Some((first, _)) => first.trim(),
        None => input,
    };
    if picked.starts_with("not ") || picked == "any answer" {
        return Ok(0);
    }
    let labels: Vec<&str> = checklist.items.iter().map(|i| i.label.as_str()).collect();
    let values: Vec<&str> = checklist.items.iter().map(|i| i.value.as_str()).collect();
    let pieces: Vec<&str> = picked.split(',').collect();
    let mut mask = 0u64;
    let mut at = 0;
    // A label may itself contain a comma: take the longest run of pieces that is a label.
    'pieces: while at < pieces.len() {
        for end in (at + 2..=pieces.len()).rev() {
            let candidate = pieces[at..end].join(",");
            if let Some(i) = labels
                .iter()
                .position(|l| l.eq_ignore_ascii_case(candidate.trim()))
            {
                mask |= 1 << i;
                at = end;
                continue 'pieces;
            }
        }
        let i = match_one(&labels, &values, pieces[at])?;
        mask |= 1 << i;
        at += 1;
    }
    Ok(mask)
}

/// One answer among `labels`: a number, an exact label or value, or a unique label prefix.
fn match_one(labels: &[&str], values: &[&str], input: &str) -> Result<usize, AnswerError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AnswerError::NoMatch);
    }
    if let Ok(n) = input.parse::<usize>() {
        return if (1..=labels.len()).contains(&n) {
            Ok(n - 1)
        } else {
            Err(AnswerError::NoMatch)
        };
    }
    let wanted = input.to_lowercase();
    if let Some(i) = labels.iter().position(|l| l.to_lowercase() == wanted) {
        return Ok(i);
    }
    if let Some(i) = values.iter().position(|v| v.to_lowercase() == wanted) {
        return Ok(i);
    }
    let prefixed: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.to_lowercase().starts_with(&wanted))
        .map(|(i, _)| i)
        .collect();
    match prefixed.as_slice() {
        [one] => Ok(*one),
        [] => Err(AnswerError::NoMatch),
        many => Err(AnswerError::Ambiguous(
            many.iter().map(|&i| labels[i].to_string()).collect(),
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
        assert!(s.back(&t));
        assert_eq!(t.node(s.current()).id, "who");
        s.restart(&t);
        assert!(s.steps().is_empty());
        assert!(!s.back(&t));
    }

    #[test]
    fn changing_an_earlier_answer_keeps_later_answers_that_still_apply() {
        let t = tree();
        let mut s = Session::new(&t);
        for i in [0, 1, 2] {
            s.choose(&t, i).unwrap();
        }
        assert_eq!(s.labels(&t), ["Files", "Police", "SECRET"]);
        let replay = s.change(&t, 0, Answer::Option(1)).unwrap();
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
        let replay = s.change(&t, 1, Answer::Option(2)).unwrap();
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
        let replay = s.change(&t, 0, Answer::Option(1)).unwrap();
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

    /// who (remembered) → contents (checklist) → route on both → outcomes.
    fn facts_tree() -> Tree {
        crate::tree::test_tree_v2(
            "who",
            r#"{
                "who": Question(text: "Who?", remember: "who", options: [
                    Option(label: "Colleagues", value: "moj", next: "contents"),
                    Option(label: "The public", value: "public", next: "contents"),
                ]),
                "contents": Checklist(text: "Contains?", remember: "contains", items: [
                    Item(label: "Personal data", value: "personal"),
                    Item(label: "HR information", value: "hr"),
                ], next: "route"),
                "route": Route(rules: [
                    When(if: {"contains": Has("hr")}, go: "no"),
                    When(if: {"who": "moj"}, go: "teams"),
                    Otherwise("ask"),
                ]),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "teams": Outcome(verdict: "recommended", headline: "Teams", explanation: "e"),
                "ask": Outcome(verdict: "ask-for-help", headline: "Ask", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn answers_set_facts_and_the_walk_passes_through_routes() {
        let t = facts_tree();
        let mut s = Session::new(&t);
        s.choose(&t, 0).unwrap();
        s.answer(&t, "Personal data").unwrap();
        assert_eq!(t.node(s.current()).id, "teams", "the route is not a stop");
        assert_eq!(
            t.fact_values(s.facts()),
            [("who", vec!["moj"]), ("contains", vec!["personal"])]
        );
        assert_eq!(s.steps().len(), 2, "a route is not a step");
    }

    #[test]
    fn going_back_forgets_the_facts_set_after_that_point() {
        let t = facts_tree();
        let mut s = Session::new(&t);
        s.choose(&t, 0).unwrap();
        s.answer(&t, "2").unwrap();
        assert!(s.back(&t));
        assert_eq!(t.node(s.current()).id, "contents");
        assert_eq!(t.fact_values(s.facts()), [("who", vec!["moj"])]);
    }

    #[test]
    fn changing_an_answer_replays_the_facts_that_still_apply() {
        let t = facts_tree();
        let mut s = Session::new(&t);
        s.choose(&t, 0).unwrap();
        s.answer(&t, "none").unwrap();
        assert_eq!(t.node(s.current()).id, "teams");
        let replay = s.change(&t, 0, Answer::Option(1)).unwrap();
        assert_eq!(replay.kept, 1, "the checklist answer still applies");
        assert_eq!(
            t.node(s.current()).id,
            "ask",
            "the route now sees the public"
        );
        assert_eq!(
            t.fact_values(s.facts()),
            [("who", vec!["public"]), ("contains", vec![])]
        );
        s.change(&t, 1, Answer::items(0b10, 2)).unwrap();
        assert_eq!(t.node(s.current()).id, "no");
        assert_eq!(s.labels(&t), ["The public", "HR information"]);
    }

    #[test]
    fn checklist_answers_match_numbers_labels_values_and_none() {
        let t = facts_tree();
        let c = t.checklist(t.find("contents").unwrap()).unwrap();
        assert_eq!(match_items(c, "1, 2"), Ok(0b11));
        assert_eq!(match_items(c, "hr information"), Ok(0b10));
        assert_eq!(match_items(c, "personal"), Ok(0b01), "a value");
        assert_eq!(match_items(c, "none"), Ok(0));
        assert_eq!(match_items(c, "None of these"), Ok(0));
        assert_eq!(match_items(c, "3"), Ok(0), "the number after the last item");
        assert_eq!(
            match_items(c, "HR information; not Personal data; any of the rest"),
            Ok(0b10),
            "as table writes it"
        );
        assert_eq!(match_items(c, "4"), Err(AnswerError::NoMatch));
        assert_eq!(match_items(c, "1, gossip"), Err(AnswerError::NoMatch));
    }
}

//! Answers given in advance (`ask --answer`, the `answers` of a quiz scenario): in order, or as
//! `key=value` facts that answer whichever question remembers that key when the walk reaches
//! it, so a script keeps working when an author reorders the questions.

use std::collections::VecDeque;

use crate::session::{AnswerError, Session, match_answer, match_items};
use crate::tree::paths::Answer;
use crate::tree::{NodeKind, Tree};

/// Answers waiting to be given, each with its index in the list it came from.
#[derive(Debug)]
pub struct Script<'a> {
    ordered: VecDeque<(usize, &'a str)>,
    /// (index, key, value, used) for each `key=value` whose key is a fact of the tree.
    facts: Vec<(usize, &'a str, &'a str, bool)>,
    /// Every answer as given, so an error quotes it whole (`classification=bogus`).
    given: &'a [String],
}

/// Where the next scripted answer comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given<'a> {
    /// The next answer in order (a label, number or prefix).
    InOrder(usize, &'a str),
    /// The value of a `key=value` fact for the question that remembers `key`.
    Fact(usize, &'a str),
}

/// Why a scripted answer could not be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// The text is not an answer to the question the walk is on.
    NotAnAnswer {
        /// What was given.
        given: String,
        /// Why it did not match.
        error: AnswerError,
    },
    /// Answers are left over after the outcome was reached.
    TooMany(String),
    /// A `key=value` was given for a fact no question on the path asked.
    FactNotAsked(String),
}

impl<'a> Script<'a> {
    /// Sorts `answers` into facts (`key=value` where `key` is a fact of `tree`) and answers in
    /// order (everything else).
    pub fn new(tree: &Tree, answers: &'a [String]) -> Self {
        let mut script = Script {
            ordered: VecDeque::new(),
            facts: Vec::new(),
            given: answers,
        };
        for (i, answer) in answers.iter().enumerate() {
            match answer.split_once('=') {
                Some((key, value)) if tree.fact(key.trim()).is_some() => {
                    script.facts.push((i, key.trim(), value.trim(), false))
                }
                _ => script.ordered.push_back((i, answer)),
            }
        }
        script
    }

    /// Gives answers until the walk reaches an outcome or the answers run out.
    pub fn run(&mut self, tree: &Tree, session: &mut Session) -> Result<(), ScriptError> {
        while let Some(given) = self.next_for(tree, session) {
            let (Given::InOrder(index, text) | Given::Fact(index, text)) = given;
            let written = self.given[index].trim();
            let node = tree.node(session.current());
            let answer = match &node.kind {
                NodeKind::Question(q) => match_answer(q, text).map(|i| Answer::Option(i as u16)),
                NodeKind::Checklist(c) => {
                    match_items(c, text).map(|mask| Answer::items(mask, c.items.len()))
                }
                _ => Err(AnswerError::NotAQuestion),
            };
            let answer = answer.map_err(|error| ScriptError::NotAnAnswer {
                given: written.to_string(),
                error,
            })?;
            session
                .give(tree, answer)
                .map_err(|error| ScriptError::NotAnAnswer {
                    given: written.to_string(),
                    error,
                })?;
        }
        if session.at_outcome(tree) {
            if let Some((_, extra)) = self.ordered.pop_front() {
                return Err(ScriptError::TooMany(extra.to_string()));
            }
            if let Some((_, key, value)) = self.unused_fact() {
                return Err(ScriptError::FactNotAsked(format!("{key}={value}")));
            }
        }
        Ok(())
    }

    /// A `key=value` given but not used yet: (index, key, value).
    pub fn unused_fact(&self) -> Option<(usize, &'a str, &'a str)> {
        self.facts
            .iter()
            .find(|f| !f.3)
            .map(|&(i, key, value, _)| (i, key, value))
    }

    /// The next answer in order that has not been used: (index, text).
    pub fn next_in_order(&self) -> Option<(usize, &'a str)> {
        self.ordered.front().copied()
    }

    /// The answer for the node the walk is on: its fact's given value, else the next answer
    /// in order. `None` on an outcome or when nothing is left for this question.
    pub fn next_for(&mut self, tree: &Tree, session: &Session) -> Option<Given<'a>> {
        let node = tree.node(session.current());
        let remembers = match &node.kind {
            NodeKind::Question(q) => q.remember,
            NodeKind::Checklist(c) => Some(c.remember),
            _ => return None,
        };
        if let Some(fact) = remembers {
            let key = tree.facts[fact.index()].key.as_str();
            if let Some(entry) = self.facts.iter_mut().find(|f| f.1 == key && !f.3) {
                entry.3 = true;
                return Some(Given::Fact(entry.0, entry.2));
            }
        }
        self.ordered
            .pop_front()
            .map(|(i, text)| Given::InOrder(i, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::test_tree_v2;

    fn tree() -> Tree {
        test_tree_v2(
            "class",
            r#"{
                "class": Question(text: "Class?", remember: "classification", options: [
                    Option(label: "OFFICIAL", next: "contents"),
                    Option(label: "SECRET", next: "no"),
                ]),
                "contents": Checklist(text: "Contains?", remember: "contains", items: [
                    Item(label: "Personal data", value: "personal"),
                    Item(label: "HR information", value: "hr"),
                ], next: "route"),
                "route": Route(rules: [When(if: {"contains": Has("hr")}, go: "no"), Otherwise("ok")]),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "ok": Outcome(verdict: "recommended", headline: "OK", explanation: "e"),
            }"#,
        )
    }

    fn run(answers: &[&str]) -> (Session, Result<(), ScriptError>) {
        let t = tree();
        let answers: Vec<String> = answers.iter().map(|a| a.to_string()).collect();
        let mut session = Session::new(&t);
        let result = Script::new(&t, &answers).run(&t, &mut session);
        (session, result)
    }

    #[test]
    fn facts_answer_their_question_wherever_it_comes() {
        let t = tree();
        let (s, result) = run(&["contains=hr, personal", "classification=official"]);
        assert_eq!(result, Ok(()));
        assert_eq!(t.node(s.current()).id, "no");
        assert_eq!(s.labels(&t), ["OFFICIAL", "Personal data, HR information"]);
    }

    #[test]
    fn ordered_answers_and_facts_mix() {
        let t = tree();
        let (s, result) = run(&["contains=none", "1"]);
        assert_eq!(result, Ok(()));
        assert_eq!(t.node(s.current()).id, "ok");
    }

    #[test]
    fn leftovers_are_errors() {
        assert_eq!(
            run(&["2", "extra"]).1,
            Err(ScriptError::TooMany("extra".into()))
        );
        assert_eq!(
            run(&["2", "contains=hr"]).1,
            Err(ScriptError::FactNotAsked("contains=hr".into()))
        );
        assert!(
            matches!(
                run(&["classification=top"]).1,
                Err(ScriptError::NotAnAnswer { given, .. }) if given == "classification=top"
            ),
            "the error quotes the fact as given"
        );
    }
}

//! Scenario quizzes: decks of situations, each with the outcome a learner should reach.
//!
//! Loading a deck validates it against its tree, every problem a positioned diagnostic: the
//! tree must exist (E030), the expected outcome must exist and be an outcome (E031), be
//! reachable from the start (E032), and the deck's expected answers, when given, must lead to
//! it (E033). A [`Quiz`] then takes the learner's walk of each scenario, marks it and keeps the
//! score. Nothing here touches a terminal: the line-based quiz and the full-screen app both
//! drive a [`Quiz`].
//!
//! # How a wrong walk is explained
//!
//! A walk is right when it ends on the expected outcome, whatever route it took, or on an
//! outcome that gives the same advice (same verdict and headline: trees repeat "Use Microsoft
//! Teams" in several branches). When it does not end on the expected outcome itself, the
//! learner is shown the [`Divergence`]: the first answer after which the expected
//! outcome could no longer be reached. Comparing the walk with one fixed list of answers would
//! blame answers the tree treats alike ("A message" instead of "Documents or files", or a
//! detour through "I'm not sure" that comes back to the same question); the first answer that
//! closes off the expected outcome is the mistake that mattered, and the question it answered
//! carries the guidance passage that decides it. The options that would have kept the expected
//! outcome in reach are offered with it, the deck's own expected answer first.

use std::fmt::{self, Write as _};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::catalog::{Catalog, DECKS_FOLDER, SourceFile};
use crate::diagnostic::{Code, Diagnostic};
use crate::record::citation;
use crate::script::{Given, Script};
use crate::session::{Session, answer_for_label, match_answer, match_items};
use crate::tree::format::{DeckDoc, ScenarioDoc};
use crate::tree::locate::{Locator, check_text};
use crate::tree::paths::{
    Answer, PathStep, answer, joined_answers, route_from, route_to, routes_to_outcomes,
};
use crate::tree::read::{self, closest};
use crate::tree::syntax::Step::{self, Field, Item};
use crate::tree::{Facts, NodeId, NodeKind, Tree};

/// How many outcome ids a hint lists before pointing at `signpost table`.
const HINT_LIST_LIMIT: usize = 12;

/// A validated scenario deck, with its own copy of the tree its scenarios are walked in.
#[derive(Clone, Debug)]
pub struct Deck {
    /// Short id (`share-induction`).
    pub id: String,
    /// Shown to the learner.
    pub title: String,
    /// Where the deck was loaded from.
    pub origin: String,
    /// The tree the scenarios are walked in.
    pub tree: Tree,
    /// The scenarios, in file order.
    pub scenarios: Vec<Scenario>,
}

/// One situation and the outcome it should lead to.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The situation, in plain words.
    pub situation: String,
    /// The outcome that is the right answer.
    pub expected: NodeId,
    /// A route to the expected outcome: the deck's `answers` when it gives them, otherwise the
    /// shortest route.
    pub route: Vec<PathStep>,
    /// Whether [`Scenario::route`] is the deck's own `answers`.
    pub route_given: bool,
}

/// The result of loading one deck file: the deck when it has no errors, and every diagnostic.
#[derive(Debug, Default)]
pub struct LoadedDeck {
    /// The file, as diagnostics name it.
    pub file: String,
    /// The deck, when there were no errors.
    pub deck: Option<Deck>,
    /// Everything found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates a deck from its text, against the trees it may name.
pub fn load_deck(file: &str, source: &str, trees: &[Tree]) -> LoadedDeck {
    let (deck, diagnostics) = match read::parse::<DeckDoc>(file, source) {
        Ok(doc) => {
            let mut checker = DeckChecker {
                loc: Locator::new(file, source),
                out: Vec::new(),
                routes: std::collections::HashMap::new(),
                reaches: std::collections::HashMap::new(),
            };
            let deck = checker.deck(doc, file, trees);
            let errors = checker.out.iter().any(Diagnostic::is_error);
            (deck.filter(|_| !errors), checker.out)
        }
        Err(diagnostic) => (None, vec![diagnostic]),
    };
    LoadedDeck {
        file: file.to_string(),
        deck,
        diagnostics,
    }
}

/// Loads every deck file of `catalog` against the catalog's trees, in file order.
pub fn load_decks(catalog: &Catalog) -> Vec<LoadedDeck> {
    load_deck_files(&catalog.deck_files, &catalog.trees)
}

/// Loads deck files against `trees`, in order.
pub fn load_deck_files(files: &[SourceFile], trees: &[Tree]) -> Vec<LoadedDeck> {
    files
        .iter()
        .map(|f| load_deck(&f.name, &f.text, trees))
        .collect()
}

/// The trees folder a deck file belongs to: the parent of the `scenarios` folder it sits in.
pub fn trees_folder_of(deck: &Path) -> Option<PathBuf> {
    let folder = deck.parent()?;
    if folder.file_name()? != DECKS_FOLDER {
        return None;
    }
    let parent = folder.parent()?;
    Some(if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    })
}

struct DeckChecker<'a> {
    loc: Locator<'a>,
    out: Vec<Diagnostic>,
    /// The shortest answers to each outcome looked up so far (a deck has one tree).
    routes: std::collections::HashMap<NodeId, Option<Vec<PathStep>>>,
    /// Whether an outcome can be reached from a walk state, for the states looked at so far.
    reaches: std::collections::HashMap<(NodeId, Facts, NodeId), bool>,
}

impl DeckChecker<'_> {
    /// [`still_reaches`], once per walk state: scenarios often share their first answers.
    fn still_reaches(&mut self, tree: &Tree, session: &Session, target: NodeId) -> bool {
        let key = (session.current(), session.facts().clone(), target);
        *self
            .reaches
            .entry(key)
            .or_insert_with(|| still_reaches(tree, session, target))
    }

    /// [`route_to`], looked up once: for a tree with facts one search finds the route to
    /// every outcome; otherwise each outcome's is found when first asked for.
    fn route_to(&mut self, tree: &Tree, node: NodeId) -> Option<Vec<PathStep>> {
        if self.routes.is_empty() && !tree.facts.is_empty() {
            for (i, route) in routes_to_outcomes(tree).into_iter().enumerate() {
                self.routes.insert(NodeId(i as u32), route);
            }
        }
        self.routes
            .entry(node)
            .or_insert_with(|| route_to(tree, node))
            .clone()
    }

    fn text(&mut self, path: &[Step], text: &str, what: &str) {
        check_text(&self.loc, &mut self.out, path, text, what);
    }

    fn deck(&mut self, doc: DeckDoc, file: &str, trees: &[Tree]) -> Option<Deck> {
        self.text(&[Field("id")], &doc.id, "the deck id");
        self.text(&[Field("title")], &doc.title, "the deck title");
        if doc.scenarios.is_empty() {
            self.out.push(
                self.loc
                    .at(
                        Code::EmptyText,
                        &[Field("scenarios")],
                        "the deck has no scenarios".to_string(),
                    )
                    .with_help("add at least one `Scenario(situation: ..., expected: ...)`"),
            );
        }
        let tree = self.tree(&doc.tree, trees)?;
        let scenarios: Vec<Scenario> = doc
            .scenarios
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| self.scenario(i, s, tree))
            .collect();
        Some(Deck {
            id: doc.id,
            title: doc.title,
            origin: file.to_string(),
            tree: tree.clone(),
            scenarios,
        })
    }

    fn tree<'t>(&mut self, id: &str, trees: &'t [Tree]) -> Option<&'t Tree> {
        let found = trees.iter().find(|t| t.id == id);
        if found.is_none() {
            let ids: Vec<&str> = trees.iter().map(|t| t.id.as_str()).collect();
            let help = match closest(id, ids.iter().copied()) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None if ids.is_empty() => {
                    "no trees are loaded: check the deck together with its trees folder".to_string()
                }
                None => format!("the trees loaded are: {}", quoted(ids.iter().copied())),
            };
            self.out.push(
                self.loc
                    .at(
                        Code::DeckUnknownTree,
                        &[Field("tree")],
                        format!("the deck names the tree \"{id}\", which is not loaded"),
                    )
                    .with_help(help),
            );
        }
        found
    }

    fn scenario(&mut self, i: usize, doc: ScenarioDoc, tree: &Tree) -> Option<Scenario> {
        let at = |field| [Field("scenarios"), Item(i), Field(field)];
        let before = self.out.len();
        self.text(&at("situation"), &doc.situation, "the situation");
        self.text(&at("expected"), &doc.expected, "the expected outcome id");
        for (k, label) in doc.answers.iter().enumerate() {
            let path = [Field("scenarios"), Item(i), Field("answers"), Item(k)];
            self.text(&path, label, "an expected answer");
        }
        if self.out.len() > before {
            return None;
        }
        let expected = self.expected(i, &doc.expected, tree)?;
        let route_given = !doc.answers.is_empty();
        let route = if route_given {
            self.answers(i, &doc.answers, tree, expected)?
        } else {
            self.route_to(tree, expected)?
        };
        Some(Scenario {
            situation: doc.situation,
            expected,
            route,
            route_given,
        })
    }

    /// The expected outcome: it exists, is an outcome, and can be reached from the start.
    fn expected(&mut self, i: usize, id: &str, tree: &Tree) -> Option<NodeId> {
        let path = [Field("scenarios"), Item(i), Field("expected")];
        let Some(node) = tree.find(id) else {
            let outcomes = outcome_ids(tree, tree.node_ids());
            let help = match closest(id, outcomes.iter().copied()) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => format!(
                    "the outcomes of \"{}\" are: {}",
                    tree.id,
                    hint_list(&outcomes, &tree.id)
                ),
            };
            self.push(
                Code::DeckUnknownOutcome,
                &path,
                format!("\"{id}\" is not a node of the tree \"{}\"", tree.id),
                help,
            );
            return None;
        };
        if tree.outcome(node).is_none() {
            let below = outcome_ids(tree, reachable_from(tree, node));
            self.push(
                Code::DeckUnknownOutcome,
                &path,
                format!("\"{id}\" is a {} of \"{}\", not an outcome", kind_name(tree, node), tree.id),
                format!(
                    "expect the outcome the learner should end on; the outcomes after this question are: {}",
                    hint_list(&below, &tree.id)
                ),
            );
            return None;
        }
        if self.route_to(tree, node).is_none() {
            self.push(
                Code::DeckUnreachableOutcome,
                &path,
                format!(
                    "the outcome \"{id}\" cannot be reached from the start of \"{}\"",
                    tree.id
                ),
                "no answers lead to it (the tree reports it as W001): connect it in the tree, or expect another outcome".to_string(),
            );
            return None;
        }
        Some(node)
    }

    /// Walks the deck's expected answers; they must lead to `expected`.
    fn answers(
        &mut self,
        i: usize,
        answers: &[String],
        tree: &Tree,
        expected: NodeId,
    ) -> Option<Vec<PathStep>> {
        let outcome_id = &tree.node(expected).id;
        let item = |k| [Field("scenarios"), Item(i), Field("answers"), Item(k)];
        let mut session = Session::new(tree);
        let mut script = Script::new(tree, answers);
        while tree.node(session.current()).asks() {
            let node = session.current();
            let Some(given) = script.next_for(tree, &session) else {
                break;
            };
            // An answer in order must be a label exactly; a `key=value` fact may give the
            // value (or the label).
            let (k, label, answer) = match given {
                Given::InOrder(k, label) => (k, label, answer_for_label(tree, node, label)),
                Given::Fact(k, value) => (k, value, answer_for_value(tree, node, value)),
            };
            let Some(answer) = answer else {
                let message = format!(
                    "answer {} \"{}\" is not an answer to \"{}\"",
                    k + 1,
                    answers[k],
                    tree.node(node).title()
                );
                let help = options_help(tree, &session, expected, label);
                self.push(Code::DeckAnswersMismatch, &item(k), message, help);
                return None;
            };
            let before = session.clone();
            let _ = session.give(tree, answer);
            if !self.still_reaches(tree, &session, expected) {
                let message = format!(
                    "answer {} \"{}\" leaves the path to \"{outcome_id}\": from there it cannot be reached",
                    k + 1,
                    answers[k]
                );
                let help = leading_answers(tree, &before, expected);
                self.push(Code::DeckAnswersMismatch, &item(k), message, help);
                return None;
            }
        }
        if session.current() == expected {
            let outcome = &tree.node(expected).id;
            let leftover = match (script.next_in_order(), script.unused_fact()) {
                (Some((k, label)), _) => Some((
                    k,
                    format!("comes after the outcome \"{outcome}\" was reached"),
                    format!("remove the answers from \"{label}\" on"),
                )),
                (None, Some((k, _, _))) => Some((
                    k,
                    format!("is not asked on the way to \"{outcome}\""),
                    "remove it, or check the other answers".to_string(),
                )),
                (None, None) => None,
            };
            if let Some((k, what, fix)) = leftover {
                let message = format!("answer {} \"{}\" {what}", k + 1, answers[k]);
                self.push(Code::DeckAnswersMismatch, &item(k), message, fix);
                return None;
            }
        }
        if session.current() != expected {
            let question_text = tree.node(session.current()).title();
            let message =
                format!("the answers stop at \"{question_text}\" before reaching \"{outcome_id}\"");
            let help = match tree.checklist(session.current()) {
                Some(_) => format!(
                    "add the next answer: {}",
                    leading_answers(tree, &session, expected)
                ),
                None => format!(
                    "add the next answer: {}",
                    quoted(keeping(tree, &session, expected).iter().map(|c| label_of(
                        tree,
                        session.current(),
                        *c
                    )))
                ),
            };
            let path = [Field("scenarios"), Item(i), Field("answers")];
            self.push(Code::DeckAnswersMismatch, &path, message, help);
            return None;
        }
        Some(session.steps().to_vec())
    }

    fn push(&mut self, code: Code, path: &[Step], message: String, help: String) {
        self.out
            .push(self.loc.at(code, path, message).with_help(help));
    }
}

/// "at "Question?" the answers that lead to "outcome" are: "A", "B"" — for a checklist, which
/// items to pick is left to the author (the rules after it decide by them).
fn leading_answers(tree: &Tree, session: &Session, target: NodeId) -> String {
    let node = session.current();
    let title = tree.node(node).title();
    let target_id = &tree.node(target).id;
    if tree.checklist(node).is_some() {
        return format!(
            "at \"{title}\" pick the items that lead to \"{target_id}\" (`signpost table {}` lists them), or \"{}\"",
            tree.id,
            tree.checklist(node).map_or("", |c| c.none.as_str())
        );
    }
    let answers = quoted(
        keeping(tree, session, target)
            .iter()
            .map(|c| label_of(tree, node, *c)),
    );
    format!("at \"{title}\" the answers that lead to \"{target_id}\" are: {answers}")
}

/// "the options there are: …", suggesting a near miss and naming those that still lead on.
fn options_help(tree: &Tree, session: &Session, target: NodeId, typed: &str) -> String {
    let node = session.current();
    let labels = tree.node(node).answer_labels();
    let leading = quoted(
        keeping(tree, session, target)
            .iter()
            .map(|c| label_of(tree, node, *c)),
    );
    let leading = if leading.is_empty() {
        "any".to_string()
    } else {
        leading
    };
    match closest(typed, labels.iter().copied()) {
        Some(best) => format!("did you mean \"{best}\"? (the answers that lead on are: {leading})"),
        None => format!(
            "the answers there are: {}; those that lead on are: {leading}",
            quoted(labels.iter().copied())
        ),
    }
}

/// The answer a `key=value` fact gives at `node`: an option's value or label (for a checklist,
/// values or labels separated by commas, or "none").
fn answer_for_value(tree: &Tree, node: NodeId, value: &str) -> Option<Answer> {
    match &tree.node(node).kind {
        NodeKind::Question(q) => match_answer(q, value)
            .ok()
            .map(|i| Answer::Option(i as u16)),
        NodeKind::Checklist(c) => match_items(c, value)
            .ok()
            .map(|mask| Answer::items(mask, c.items.len())),
        _ => None,
    }
}

/// Whether `target` can still be reached from where `session` is, following routes.
fn still_reaches(tree: &Tree, session: &Session, target: NodeId) -> bool {
    route_from(tree, session.current(), session.facts(), target).is_some()
}

/// The option indices of the question `session` is on whose answer keeps `target` in reach.
/// A checklist offers no single option, so it keeps none.
fn keeping(tree: &Tree, session: &Session, target: NodeId) -> Vec<usize> {
    let Some(question) = session.question(tree) else {
        return Vec::new();
    };
    (0..question.options.len())
        .filter(|&i| {
            let mut after = session.clone();
            after.choose(tree, i).is_ok() && still_reaches(tree, &after, target)
        })
        .collect()
}

fn label_of(tree: &Tree, question: NodeId, choice: usize) -> &str {
    tree.question(question)
        .and_then(|q| q.options.get(choice))
        .map_or("", |o| o.label.as_str())
}

/// "question", "checklist", "route" or "outcome".
fn kind_name(tree: &Tree, node: NodeId) -> &'static str {
    match tree.node(node).kind {
        NodeKind::Question(_) => "question",
        NodeKind::Checklist(_) => "checklist",
        NodeKind::Route(_) => "route",
        NodeKind::Outcome(_) => "outcome",
    }
}

/// `"a", "b", "c"`.
fn quoted<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A list for a hint, cut short with a pointer to the full table.
fn hint_list(ids: &[&str], tree_id: &str) -> String {
    let shown = quoted(ids.iter().take(HINT_LIST_LIMIT).copied());
    if ids.len() > HINT_LIST_LIMIT {
        format!(
            "{shown} and {} more (see `signpost table {tree_id} --format csv`)",
            ids.len() - HINT_LIST_LIMIT
        )
    } else {
        shown
    }
}

fn outcome_ids(tree: &Tree, nodes: impl IntoIterator<Item = NodeId>) -> Vec<&str> {
    nodes
        .into_iter()
        .filter(|&n| tree.outcome(n).is_some())
        .map(|n| tree.node(n).id.as_str())
        .collect()
}

/// Every node reachable from `from` (itself included), in file order.
fn reachable_from(tree: &Tree, from: NodeId) -> Vec<NodeId> {
    let mut seen = vec![false; tree.nodes.len()];
    let mut stack = vec![from];
    seen[from.index()] = true;
    while let Some(node) = stack.pop() {
        for next in tree.node(node).successors() {
            if !seen[next.index()] {
                seen[next.index()] = true;
                stack.push(next);
            }
        }
    }
    tree.node_ids().filter(|n| seen[n.index()]).collect()
}

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

/// A quiz over a deck: the scenarios in order, each marked as the learner finishes it.
#[derive(Clone, Debug)]
pub struct Quiz<'d> {
    deck: &'d Deck,
    results: Vec<Marked>,
}

impl<'d> Quiz<'d> {
    /// A quiz at the deck's first scenario.
    pub fn new(deck: &'d Deck) -> Self {
        Quiz {
            deck,
            results: Vec::new(),
        }
    }

    /// The deck.
    pub fn deck(&self) -> &'d Deck {
        self.deck
    }

    /// The tree the scenarios are walked in.
    pub fn tree(&self) -> &'d Tree {
        &self.deck.tree
    }

    /// The scenario to answer next and its index, or `None` when all have been answered.
    pub fn current(&self) -> Option<(usize, &'d Scenario)> {
        let i = self.results.len();
        self.deck.scenarios.get(i).map(|s| (i, s))
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
        Ok(&self.results[index])
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
            total: self.deck.scenarios.len(),
        }
    }

    /// The Markdown summary a trainer can keep: the score, then every scenario with the
    /// learner's answers and, for wrong ones, where the walk left the way and why.
    pub fn summary(&self, now: DateTime<Local>) -> String {
        let (deck, tree) = (self.deck, self.tree());
        let mut md = String::new();
        let _ = writeln!(md, "# Quiz summary: {}\n", deck.title);
        let _ = writeln!(md, "- **Date:** {}", now.format("%Y-%m-%d %H:%M:%S %:z"));
        let _ = writeln!(md, "- **Deck:** `{}`", deck.id);
        let _ = writeln!(
            md,
            "- **Tree:** {} (`{}`, version {})",
            tree.title, tree.id, tree.version
        );
        let _ = writeln!(md, "- **Score:** {:#}\n", self.score());
        for marked in &self.results {
            self.write_marked(&mut md, marked);
        }
        let skipped = &deck.scenarios[self.results.len()..];
        if !skipped.is_empty() {
            let _ = writeln!(md, "## Not attempted\n");
            for (i, s) in skipped.iter().enumerate() {
                let _ = writeln!(md, "{}. {}", self.results.len() + i + 1, s.situation);
            }
            md.push('\n');
        }
        md
    }

    fn write_marked(&self, md: &mut String, marked: &Marked) {
        let tree = self.tree();
        let scenario = &self.deck.scenarios[marked.scenario];
        let mark = match (marked.right, &marked.divergence) {
            (true, None) => "right",
            (true, Some(_)) => "right, by another route",
            (false, _) => "not quite",
        };
        let _ = writeln!(md, "## Scenario {}: {mark}\n", marked.scenario + 1);
        let _ = writeln!(md, "{}\n", scenario.situation);
        let _ = writeln!(
            md,
            "- **Answers given:** {}",
            joined_answers(tree, &marked.steps, " › ")
        );
        let _ = writeln!(md, "- **Reached:** {}", outcome_line(tree, marked.reached));
        if marked.right {
            if let Some(d) = &marked.divergence {
                let _ = writeln!(
                    md,
                    "- **Left the expected route at:** {}",
                    divergence_line(tree, d)
                );
            }
            md.push('\n');
            return;
        }
        let _ = writeln!(
            md,
            "- **Expected:** {}",
            outcome_line(tree, scenario.expected)
        );
        let route = if scenario.route_given {
            "Expected answers"
        } else {
            "A route to it"
        };
        let _ = writeln!(
            md,
            "- **{route}:** {}",
            joined_answers(tree, &scenario.route, " › ")
        );
        if let Some(d) = &marked.divergence {
            let _ = writeln!(md, "- **Left the way at:** {}", divergence_line(tree, d));
            let _ = writeln!(md, "\n### The guidance that decides it\n");
            for p in tree.node(scenario.deciding_node(d, tree)).guidance() {
                let _ = writeln!(
                    md,
                    "> {}\n>\n> — {}\n",
                    p.quote.replace('\n', "\n> "),
                    citation(tree, p)
                );
            }
        } else {
            md.push('\n');
        }
    }
}

/// "RECOMMENDED — Use Microsoft Teams".
pub fn outcome_line(tree: &Tree, outcome: NodeId) -> String {
    match tree.outcome(outcome) {
        Some(o) => format!("{} — {}", o.verdict.label(), o.headline),
        None => tree.node(outcome).title().to_string(),
    }
}

/// "answer 4, “Can they use Teams?”: answered “No”; “Yes” leads to the expected outcome".
pub fn divergence_line(tree: &Tree, d: &Divergence) -> String {
    let question = tree.node(d.question).title();
    let keeping: Vec<String> = d
        .keeping
        .iter()
        .map(|&c| format!("\"{}\"", label_of(tree, d.question, c)))
        .collect();
    let answered = answer(
        tree,
        PathStep {
            question: d.question,
            answer: d.chosen,
        },
    );
    if keeping.is_empty() {
        return format!(
            "answer {}, \"{question}\": answered \"{answered}\"; from there the expected outcome could no longer be reached",
            d.step + 1
        );
    }
    format!(
        "answer {}, \"{question}\": answered \"{answered}\"; {} would have kept the expected outcome in reach",
        d.step + 1,
        keeping.join(" or ")
    )
}

/// Where quiz summaries are saved: `$SIGNPOST_DATA_DIR/quiz`, else the user's data directory
/// (e.g. `~/.local/share/signpost/quiz`).
pub fn quiz_dir() -> io::Result<PathBuf> {
    Ok(crate::paths::data_dir()?.join("quiz"))
}

/// Saves a quiz summary in `dir` (never overwriting an earlier one) and returns its path.
pub fn save_summary(dir: &Path, quiz: &Quiz, now: DateTime<Local>) -> io::Result<PathBuf> {
    crate::record::save(dir, &quiz.deck().id, &quiz.summary(now), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::tree::paths::labels;

    /// what → class → teams? (yes → teams, no → cjsm? (yes → cjsm, no → ask)); SECRET → no;
    /// "Documents" and "Messages" lead to the same question; "Colleague" leads straight to the
    /// same advice as "teams"; "orphan" cannot be reached.
    fn tree() -> Tree {
        crate::tree::test_tree(
            r#"{"g": Source(title: "Guide", publisher: "MoJ")}"#,
            "what",
            r#"{
                "what": Question(text: "What?", options: [Option(label: "Documents", next: "class"), Option(label: "Messages", next: "class"), Option(label: "Personal", next: "no"), Option(label: "Colleague", next: "teams-colleague")]),
                "class": Question(text: "Class?", options: [Option(label: "OFFICIAL", next: "teams-q"), Option(label: "SECRET", next: "no")],
                    guidance: [Passage(source: "g", section: "Classes", quote: "Nothing above OFFICIAL-SENSITIVE.")]),
                "teams-q": Question(text: "Teams?", options: [Option(label: "Yes", next: "teams"), Option(label: "No", next: "cjsm-q")],
                    guidance: [Passage(source: "g", section: "Tools", quote: "Teams first.")]),
                "cjsm-q": Question(text: "CJSM?", options: [Option(label: "Yes", next: "cjsm"), Option(label: "No", next: "ask")]),
                "teams": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "cjsm": Outcome(verdict: "recommended", headline: "Use CJSM", explanation: "e",
                    guidance: [Passage(source: "g", section: "Tools", quote: "Then CJSM.")]),
                "ask": Outcome(verdict: "ask-for-help", headline: "Ask", explanation: "e"),
                "teams-colleague": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "orphan": Outcome(verdict: "recommended", headline: "Orphan", explanation: "e"),
            }"#,
        )
    }

    fn deck_src(scenarios: &str) -> String {
        format!(
            "Deck(\n    id: \"d\",\n    title: \"D\",\n    tree: \"t\",\n    scenarios: [\n{scenarios}\n    ],\n)"
        )
    }

    fn load(scenarios: &str) -> LoadedDeck {
        load_deck("d.ron", &deck_src(scenarios), &[tree()])
    }

    fn deck() -> Deck {
        let loaded = load(
            r#"        Scenario(situation: "Partner on CJSM", expected: "cjsm", answers: ["Documents", "OFFICIAL", "No", "Yes"]),
        Scenario(situation: "Colleague on Teams", expected: "teams"),"#,
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.deck.expect("valid deck")
    }

    /// The only diagnostic, with the text it points at.
    fn only_problem(scenarios: &str) -> (Diagnostic, String) {
        let src = deck_src(scenarios);
        let loaded = load_deck("d.ron", &src, &[tree()]);
        assert!(loaded.deck.is_none());
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
        let d = loaded.diagnostics[0].clone();
        let start = Position::offset_of(&src, d.line, d.column);
        let pointed = src[start..].chars().take(d.width).collect();
        (d, pointed)
    }

    fn walk(tree: &Tree, answers: &[&str]) -> Session {
        let mut session = Session::new(tree);
        for a in answers {
            session.answer(tree, a).expect("an option");
        }
        session
    }

    #[test]
    fn a_valid_deck_resolves_routes() {
        let deck = deck();
        let t = &deck.tree;
        assert_eq!(deck.scenarios.len(), 2);
        assert!(deck.scenarios[0].route_given);
        assert_eq!(
            labels(t, &deck.scenarios[1].route),
            ["Documents", "OFFICIAL", "Yes"],
            "without answers, the shortest route"
        );
    }

    #[test]
    fn unknown_tree_is_e030_at_the_tree_name() {
        let src = deck_src("").replace("tree: \"t\"", "tree: \"tt\"");
        let loaded = load_deck("d.ron", &src, &[tree()]);
        let d = &loaded.diagnostics[1];
        assert_eq!(d.code, Code::DeckUnknownTree);
        assert_eq!((d.line, d.column), (4, 11));
        assert_eq!(d.help.as_deref(), Some("did you mean \"t\"?"));
    }

    #[test]
    fn unknown_outcome_and_question_are_e031() {
        let (d, at) = only_problem(r#"Scenario(situation: "s", expected: "temas")"#);
        assert_eq!(
            (d.code, at.as_str()),
            (Code::DeckUnknownOutcome, "\"temas\"")
        );
        assert_eq!(d.help.as_deref(), Some("did you mean \"teams\"?"));
        let (d, _) = only_problem(r#"Scenario(situation: "s", expected: "cjsm-q")"#);
        assert_eq!(d.code, Code::DeckUnknownOutcome);
        assert!(d.message.contains("is a question"), "{}", d.message);
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.ends_with("\"cjsm\", \"ask\"")),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn unreachable_outcome_is_e032() {
        let (d, at) = only_problem(r#"Scenario(situation: "s", expected: "orphan")"#);
        assert_eq!(
            (d.code, at.as_str()),
            (Code::DeckUnreachableOutcome, "\"orphan\"")
        );
    }

    #[test]
    fn answers_that_lead_elsewhere_are_e033_at_the_answer_that_leaves_the_path() {
        let (d, at) = only_problem(
            r#"Scenario(situation: "s", expected: "cjsm", answers: ["Messages", "SECRET", "Yes"])"#,
        );
        assert_eq!(
            (d.code, at.as_str()),
            (Code::DeckAnswersMismatch, "\"SECRET\"")
        );
        assert_eq!(
            d.help.as_deref(),
            Some("at \"Class?\" the answers that lead to \"cjsm\" are: \"OFFICIAL\"")
        );
    }

    #[test]
    fn an_answer_that_is_not_an_option_names_the_options() {
        let (d, at) = only_problem(
            r#"Scenario(situation: "s", expected: "cjsm", answers: ["Documents", "OFICIAL"])"#,
        );
        assert_eq!(
            (d.code, at.as_str()),
            (Code::DeckAnswersMismatch, "\"OFICIAL\"")
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean \"OFFICIAL\"?"))
        );
    }

    #[test]
    fn too_few_answers_say_what_comes_next() {
        let (d, _) = only_problem(
            r#"Scenario(situation: "s", expected: "cjsm", answers: ["Documents", "OFFICIAL"])"#,
        );
        assert_eq!(d.code, Code::DeckAnswersMismatch);
        assert!(d.message.contains("stop at \"Teams?\""), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("add the next answer: \"No\""));
    }

    #[test]
    fn answers_past_the_outcome_are_e033() {
        let (d, at) = only_problem(
            r#"Scenario(situation: "s", expected: "teams", answers: ["Documents", "OFFICIAL", "Yes", "Yes"])"#,
        );
        assert_eq!(
            (d.code, at.as_str()),
            (Code::DeckAnswersMismatch, "\"Yes\"")
        );
        assert_eq!((d.line, d.column), (6, 87), "the second \"Yes\"");
        assert!(
            d.message.contains("comes after the outcome \"teams\""),
            "{}",
            d.message
        );
    }

    #[test]
    fn empty_text_is_e017() {
        let (d, at) = only_problem(r#"Scenario(situation: " ", expected: "teams")"#);
        assert_eq!((d.code, at.as_str()), (Code::EmptyText, "\" \""));
    }

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
        let md = quiz.summary(Local::now());
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

    #[test]
    fn the_score_counts_right_walks_and_the_summary_lists_every_scenario() {
        let deck = deck();
        let mut quiz = Quiz::new(&deck);
        let t = quiz.tree();
        assert_eq!(
            quiz.submit(&walk(t, &["Documents"])),
            Err(SubmitError::NotAtOutcome)
        );
        let mut bigger = tree();
        bigger.nodes.extend(bigger.nodes.clone());
        // A walk positioned on a node this quiz's tree does not have.
        let elsewhere = Session::at_node(&bigger, NodeId(bigger.nodes.len() as u32 - 1));
        assert_eq!(quiz.submit(&elsewhere), Err(SubmitError::OtherTree));
        quiz.submit(&walk(t, &["Documents", "SECRET"]))
            .expect("marked");
        assert_eq!(
            format!("{:#}", quiz.score()),
            "0 of 1 right (1 of 2 scenarios not attempted)"
        );
        assert_eq!(quiz.score().to_string(), "0 of 1 right");
        quiz.submit(&walk(t, &["Messages", "OFFICIAL", "Yes"]))
            .expect("marked");
        assert_eq!(quiz.score().to_string(), "1 of 2 right");
        assert!(quiz.current().is_none());
        assert_eq!(
            quiz.submit(&walk(t, &["Documents", "SECRET"])),
            Err(SubmitError::Finished)
        );
        let md = quiz.summary(Local::now());
        assert!(md.contains("- **Score:** 1 of 2 right"), "{md}");
        assert!(md.contains("## Scenario 1: not quite"), "{md}");
        assert!(
            md.contains("answer 2, \"Class?\": answered \"SECRET\""),
            "{md}"
        );
        assert!(md.contains("> Nothing above OFFICIAL-SENSITIVE."), "{md}");
        assert!(md.contains("## Scenario 2: right"), "{md}");
    }

    #[test]
    fn summaries_are_saved_without_overwriting() {
        let deck = deck();
        let quiz = Quiz::new(&deck);
        let dir = tempfile::tempdir().unwrap();
        let now = Local::now();
        let a = save_summary(dir.path(), &quiz, now).unwrap();
        let b = save_summary(dir.path(), &quiz, now).unwrap();
        assert_ne!(a, b);
        assert!(
            std::fs::read_to_string(a)
                .unwrap()
                .contains("## Not attempted")
        );
    }

    #[test]
    fn a_deck_cut_short_anywhere_is_a_diagnostic_not_a_panic() {
        let src = deck_src(
            r#"Scenario(situation: "s", expected: "cjsm", answers: ["Documents", "OFFICIAL", "No", "Yes"])"#,
        );
        let trees = [tree()];
        for (end, _) in src.char_indices() {
            let loaded = load_deck("d.ron", &src[..end], &trees);
            assert!(
                loaded.deck.is_none() && !loaded.diagnostics.is_empty(),
                "{end}"
            );
        }
        assert!(load_deck("d.ron", &src, &trees).deck.is_some());
    }

    #[test]
    fn the_trees_folder_of_a_deck_is_the_parent_of_scenarios() {
        assert_eq!(
            trees_folder_of(Path::new("decision-trees/scenarios/x.ron")),
            Some(PathBuf::from("decision-trees"))
        );
        assert_eq!(
            trees_folder_of(Path::new("scenarios/x.ron")),
            Some(PathBuf::from("."))
        );
        assert_eq!(trees_folder_of(Path::new("decks/x.ron")), None);
    }
}

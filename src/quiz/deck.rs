//! Deck checking: a scenario deck parsed and validated against its tree (E030–E033), with a
//! route to every scenario's expected outcome.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::reach::{keeping, label_of, still_reaches};
use crate::catalog::{Catalog, DECKS_FOLDER, SourceFile};
use crate::diagnostic::{Code, Diagnostic};
use crate::script::{Given, Script};
use crate::session::{Session, answer_for_label, match_answer, match_items};
use crate::tree::format::{DeckDoc, ScenarioDoc};
use crate::tree::locate::{Locator, check_text};
use crate::tree::paths::{Answer, PathStep, route_to, routes_to_outcomes};
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
    /// For the trainer only (the facilitator script): what to draw out.
    pub notes: Option<String>,
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
                routes: HashMap::new(),
                reaches: HashMap::new(),
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
    routes: HashMap<NodeId, Option<Vec<PathStep>>>,
    /// Whether an outcome can be reached from a walk state, for the states looked at so far.
    reaches: HashMap<(NodeId, Facts, NodeId), bool>,
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
        if let Some(notes) = &doc.notes {
            self.text(&at("notes"), notes, "the notes");
        }
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
            notes: doc.notes,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::quiz::fixtures::{deck, deck_src, tree};
    use crate::tree::paths::labels;

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

//! The answers a query decides: "OFFICIAL-SENSITIVE … police … cannot use Teams" chooses
//! OFFICIAL-SENSITIVE, the police answer and "No" to "Can they use Microsoft Teams?". Nothing is
//! guessed: a question the words do not settle on one answer is left for the person.
//!
//! An answer is decided by the query when:
//! * every meaningful word of its label is in the query, said the same way round ("official
//!   sensitive"; "no personal or sensitive data" for "No personal or sensitive data", never for
//!   "Some personal or sensitive data"), or, failing that, a word of its label or detail that no
//!   other answer of the question has ("solicitor" for "A police force or another criminal
//!   justice partner", whose detail names defence solicitors), or, failing those, most of the
//!   words of its label ("personal data" for "Some personal or sensitive data"); of two such
//!   answers the one whose label holds the other's words wins (OFFICIAL-SENSITIVE over
//!   OFFICIAL, TOP SECRET over SECRET);
//! * it is "No" and the query negates the subject of the question, the words of the fact it
//!   remembers ("cannot use Teams" for a question that remembers `teams`);
//! * it is "I'm not sure" and the query says it is not sure ("not sure", "don't know") and names
//!   the subject of the question or a word of that answer's detail.

use foldhash::HashMap;

use crate::session::Session;
use crate::tree::paths::{Answer, PathStep};
use crate::tree::{NodeId, NodeKind, Question, Tree};

use super::words::{QueryWord, for_each_word, is_stop_word};

/// Words of an answer's label that say nothing of what it is about.
const ANSWER_WORDS: &[&str] = &[
    "another", "no", "none", "not", "other", "some", "still", "sure", "yes",
];

/// The answers a query decides in one tree, at most one per question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picks {
    /// (question, option), by question.
    chosen: Vec<(NodeId, u16)>,
}

/// How a route agrees with the picks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Answers of the route the query decided the same way.
    pub agreed: usize,
    /// Answers of the route the query decided another way.
    pub contradicted: usize,
    /// Answers of the route the query did not decide.
    pub open: usize,
    /// The sum of those answers' places among their question's answers (0 for the first).
    pub open_places: usize,
}

/// A tree's questions read for deciding: each question's subject and answers, and which
/// questions have each word, so a query looks only at the questions it names.
#[derive(Default)]
pub struct Answers {
    questions: Vec<(NodeId, Vec<String>, Vec<Option_>)>,
    by_word: HashMap<String, Vec<u32>>,
    /// By node, whether it has been read.
    read: Vec<bool>,
}

impl Answers {
    /// Reads the questions of `tree`.
    pub fn new(tree: &Tree) -> Self {
        let mut answers = Answers::default();
        answers.read(tree, tree.node_ids());
        answers
    }

    /// Reads the questions among `nodes` of `tree` not read yet. The answers a query decides
    /// are the same as over every question as long as what is read has each question the query
    /// has a word of (in an answer's label or detail, or the fact it remembers and that fact's
    /// values); reading more changes nothing, so what is read is kept for the next query.
    pub fn read(&mut self, tree: &Tree, nodes: impl IntoIterator<Item = NodeId>) {
        self.read.resize(tree.nodes.len(), false);
        for id in nodes {
            if std::mem::replace(&mut self.read[id.index()], true) {
                continue;
            }
            let NodeKind::Question(q) = &tree.node(id).kind else {
                continue;
            };
            let (i, subject, options) = (
                self.questions.len() as u32,
                subject(tree, q),
                options(tree, q),
            );
            // The words that can decide one of its answers: see `pick`.
            let words = subject.iter().chain(options.iter().flat_map(|o| {
                let all = if o.kind == AnswerKind::NotSure {
                    &o.all
                } else {
                    &o.distinct_all
                };
                o.label.iter().chain(all)
            }));
            for word in words {
                let list = self.by_word.entry(word.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            self.questions.push((id, subject, options));
        }
    }

    /// The answers `words` decide.
    pub fn picks(&self, words: &[QueryWord]) -> Picks {
        let doubt = says_not_sure(words);
        let mut named: Vec<u32> = words
            .iter()
            .filter_map(|w| self.by_word.get(&w.word))
            .flatten()
            .copied()
            .collect();
        named.sort_unstable();
        named.dedup();
        let mut chosen: Vec<(NodeId, u16)> = named
            .into_iter()
            .filter_map(|i| {
                let (id, subject, options) = &self.questions[i as usize];
                pick(subject, options, words, doubt).map(|o| (*id, o))
            })
            .collect();
        // By question, as the questions may have been read in any order.
        chosen.sort_unstable_by_key(|&(id, _)| id);
        Picks { chosen }
    }
}

/// The words of the fact a question remembers ("teams", "classification").
fn subject(tree: &Tree, q: &Question) -> Vec<String> {
    let mut subject = Vec::new();
    if let Some(f) = q.remember {
        for_each_word(&tree.facts[f.0 as usize].key, |w| {
            subject.push(w.to_string())
        });
    }
    subject
}

/// A question's answers read for deciding. A "Yes" or "No" that keeps a value with words of
/// its own ("No personal or sensitive data" for "Can the whole meeting avoid personal and
/// sensitive data? Yes") is read as that value.
fn options(tree: &Tree, q: &Question) -> Vec<Option_> {
    let mut options: Vec<Option_> = q
        .options
        .iter()
        .map(|o| {
            let value = q
                .remember
                .and_then(|f| tree.facts.get(f.0 as usize))
                .and_then(|fact| fact.values.get(o.fact_value as usize))
                .map(|v| v.label.as_str());
            let plain = |label: &str| matches!(label.to_lowercase().as_str(), "yes" | "no");
            let label = match value {
                Some(value) if plain(&o.label) && !plain(value) => value,
                _ => &o.label,
            };
            Option_::new(label, o.detail.as_deref())
        })
        .collect();
    let subject = subject(tree, q);
    for i in 0..options.len() {
        let distinct = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .filter(|w| {
                    !subject.contains(w)
                        && options
                            .iter()
                            .enumerate()
                            .all(|(j, other)| j == i || !other.all.contains(w))
                })
                .cloned()
                .collect()
        };
        let (label, all) = (distinct(&options[i].label), distinct(&options[i].all));
        options[i].distinct_label = label;
        options[i].distinct_all = all;
    }
    options
}

impl Picks {
    /// Whether the query decides nothing.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// The option the query chose for `question`.
    pub fn get(&self, question: NodeId) -> Option<u16> {
        self.chosen
            .binary_search_by_key(&question, |(q, _)| *q)
            .ok()
            .map(|i| self.chosen[i].1)
    }

    /// Whether the query decided `step`'s answer.
    pub fn decides(&self, step: PathStep) -> bool {
        match (self.get(step.question), step.answer) {
            (Some(chosen), Answer::Option(given)) => chosen == given,
            _ => false,
        }
    }

    /// How the answers of `route` agree with the picks.
    pub fn agreement(&self, route: &[PathStep]) -> Agreement {
        let mut agreement = Agreement::default();
        for step in route {
            match (self.get(step.question), step.answer) {
                (Some(o), Answer::Option(a)) if o == a => agreement.agreed += 1,
                (Some(_), _) => agreement.contradicted += 1,
                (None, answer) => {
                    agreement.open += 1;
                    agreement.open_places += answer.option().unwrap_or(0);
                }
            }
        }
        agreement
    }

    /// The walk that gives the answers of `route` the query decided, from the start, up to the
    /// first it did not decide; and how many answers that is.
    pub fn follow(&self, tree: &Tree, route: &[PathStep]) -> (Session, usize) {
        let mut session = Session::new(tree);
        for step in route {
            if !self.decides(*step)
                || session.current() != step.question
                || session.give(tree, step.answer).is_err()
            {
                break;
            }
        }
        let given = session.steps().len();
        (session, given)
    }

    /// The walk that gives every answer the query decided from the start on, up to the first
    /// question it did not decide.
    pub fn follow_from_start(&self, tree: &Tree) -> (Session, usize) {
        let mut session = Session::new(tree);
        let given = self.go_on(tree, &mut session);
        (session, given)
    }

    /// Gives the answers the query decided for the questions `session` comes to, up to the
    /// first it did not decide; returns how many it gave.
    pub fn go_on(&self, tree: &Tree, session: &mut Session) -> usize {
        let mut given = 0;
        while let Some(option) = self.get(session.current()) {
            if session.choose(tree, option.into()).is_err() {
                break;
            }
            given += 1;
        }
        given
    }
}

/// Whether the query says the person is not sure: "not sure", "unsure", "don't know", "no idea".
pub(super) fn says_not_sure(words: &[QueryWord]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        w.word == "unsure"
            || (matches!(w.word.as_str(), "sure" | "know" | "idea")
                && i > 0
                && matches!(words[i - 1].word.as_str(), "not" | "no"))
    })
}

/// What one answer is, for deciding.
struct Option_ {
    /// The meaningful words of its label.
    label: Vec<String>,
    /// The words of its label and detail.
    all: Vec<String>,
    /// The words of its label, then of its label and detail, that no other answer of the
    /// question has and that are not the question's subject.
    distinct_label: Vec<String>,
    distinct_all: Vec<String>,
    /// A label that starts with "No" ("No personal or sensitive data").
    negative: bool,
    kind: AnswerKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AnswerKind {
    Yes,
    No,
    NotSure,
    Named,
}

impl Option_ {
    fn new(label: &str, detail: Option<&str>) -> Self {
        let mut words = Vec::new();
        for_each_word(label, |w| words.push(w.to_string()));
        let negative = words.first().is_some_and(|w| w == "no") && words.len() > 1;
        let kind = match words.as_slice() {
            [w] if w == "yes" => AnswerKind::Yes,
            [w] if w == "no" => AnswerKind::No,
            _ if words.iter().any(|w| w == "sure") => AnswerKind::NotSure,
            _ => AnswerKind::Named,
        };
        let label: Vec<String> = words
            .into_iter()
            .filter(|w| !is_stop_word(w) && !ANSWER_WORDS.contains(&w.as_str()))
            .collect();
        let mut all = label.clone();
        if let Some(detail) = detail {
            for_each_word(detail, |w| {
                if !is_stop_word(w) {
                    all.push(w.to_string());
                }
            });
        }
        Option_ {
            label,
            all,
            distinct_label: Vec::new(),
            distinct_all: Vec::new(),
            negative,
            kind,
        }
    }
}

/// The option the query decides among `options`, if exactly one.
fn pick(subject: &[String], options: &[Option_], words: &[QueryWord], doubt: bool) -> Option<u16> {
    // Whether the query has `word`, said with a negation (Some(true)) or without (Some(false)).
    let said = |word: &str| -> Option<bool> {
        let mut found = None;
        for w in words.iter().filter(|w| w.word == word) {
            found = Some(found.unwrap_or(true) && w.negated);
        }
        found
    };
    // Answers decided outright, by distinctive words of the label, by those of the detail, by
    // most of the words of the label; with how many of those words each has in the query.
    let mut tiers: [Vec<(usize, usize)>; 4] = Default::default();
    for (i, option) in options.iter().enumerate() {
        let right_way = |w: &String| said(w) == Some(option.negative);
        let hints = |words: &[String]| words.iter().filter(|w| right_way(w)).count();
        let decided = match option.kind {
            AnswerKind::Named => !option.label.is_empty() && option.label.iter().all(right_way),
            AnswerKind::No => subject.iter().any(|w| said(w) == Some(true)),
            AnswerKind::NotSure => {
                doubt && subject.iter().chain(&option.all).any(|w| said(w).is_some())
            }
            AnswerKind::Yes => false,
        };
        let (in_label, in_all) = (hints(&option.distinct_label), hints(&option.distinct_all));
        if decided {
            tiers[0].push((i, in_all));
        } else if in_label > 0 {
            tiers[1].push((i, in_label));
        } else if in_all > 0 {
            tiers[2].push((i, in_all));
        } else {
            let named = option.label.iter().filter(|w| right_way(w)).count();
            if named * 2 > option.label.len() {
                tiers[3].push((i, named));
            }
        }
    }
    let tier = tiers
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    // Within a tier, the answers with the most distinctive words in the query.
    let most = tier.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let candidates: Vec<usize> = tier
        .into_iter()
        .filter(|(_, n)| *n == most)
        .map(|(i, _)| i)
        .collect();
    // Of two answers named, the one whose label holds the other's words is the one meant.
    let kept: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            !candidates.iter().any(|&j| {
                j != i
                    && options[j].label.len() > options[i].label.len()
                    && options[i]
                        .label
                        .iter()
                        .all(|w| options[j].label.contains(w))
            })
        })
        .collect();
    match kept[..] {
        [one] => u16::try_from(one).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::{Aliases, query_words};
    use super::*;
    use crate::catalog::{Catalog, Selection};

    fn share() -> Tree {
        let catalog = Catalog::load(&Selection::new(true, vec![]));
        catalog
            .trees
            .into_iter()
            .find(|t| t.id == "share")
            .expect("the share tree")
    }

    /// The answers `query` decides in `tree`, as "question id: answer label".
    fn decided(tree: &Tree, query: &str) -> Vec<String> {
        let aliases = Aliases::new([("MS Teams", "Microsoft Teams")]);
        let picks = Answers::new(tree).picks(&query_words(query, &aliases));
        picks
            .chosen
            .iter()
            .map(|&(q, o)| {
                let question = tree.question(q).expect("a question");
                format!(
                    "{}: {}",
                    tree.node(q).id,
                    question.options[o as usize].label
                )
            })
            .collect()
    }

    #[test]
    fn a_whole_question_decides_its_answers_and_leaves_the_rest_open() {
        let tree = share();
        let picks = decided(
            &tree,
            "send an OFFICIAL-SENSITIVE document to a police force that cannot use MS Teams",
        );
        for expected in [
            "what: Share documents or files",
            "who: A police force or another criminal justice partner",
            "class: OFFICIAL-SENSITIVE",
            "teams-cj-q: No",
        ] {
            assert!(picks.contains(&expected.to_string()), "{picks:?}");
        }
        assert!(
            !picks
                .iter()
                .any(|p| p.starts_with("cjsm-q") || p.starts_with("egress-q")),
            "{picks:?}"
        );
    }

    #[test]
    fn the_more_specific_of_two_named_answers_wins() {
        let tree = share();
        assert!(decided(&tree, "top secret").contains(&"class: TOP SECRET".to_string()));
        assert!(decided(&tree, "official").contains(&"class: OFFICIAL".to_string()));
    }

    #[test]
    fn not_sure_is_chosen_only_when_the_query_says_so() {
        let tree = share();
        assert!(
            decided(&tree, "I don't know the classification")
                .contains(&"class: I'm not sure".to_string())
        );
        assert!(
            !decided(&tree, "the classification")
                .iter()
                .any(|p| p.starts_with("class"))
        );
    }

    #[test]
    fn a_checklist_is_never_answered_by_a_search() {
        let tree = share();
        let answers = Answers::new(&tree);
        let picks = answers.picks(&query_words(
            "a message with passwords and HR information",
            &Aliases::default(),
        ));
        let contents = tree
            .node_ids()
            .find(|&id| tree.node(id).id == "contents-q")
            .expect("the checklist");
        for chosen in 0..4 {
            let step = PathStep {
                question: contents,
                answer: Answer::items(chosen, 5),
            };
            assert!(!picks.decides(step), "{chosen}");
        }
    }

    #[test]
    fn following_the_picks_stops_at_the_first_question_they_leave_open() {
        let tree = share();
        let aliases = Aliases::default();
        let answers = Answers::new(&tree);
        let picks = answers.picks(&query_words("police official-sensitive", &aliases));
        let (session, given) = picks.follow_from_start(&tree);
        assert_eq!(given, 0, "what to share is not said");
        assert_eq!(tree.node(session.current()).id, "what");
        let picks = answers.picks(&query_words(
            "document for the police, official-sensitive",
            &aliases,
        ));
        let (session, given) = picks.follow_from_start(&tree);
        assert_eq!(given, 3);
        assert_eq!(tree.node(session.current()).id, "teams-cj-q");
    }
}

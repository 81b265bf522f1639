//! Search over every tree: titles, questions, answers, outcomes and passages, read the way a
//! person asks ("send an OFFICIAL-SENSITIVE document to a police force that cannot use Teams").
//!
//! Text and query are split into words in one normal form ([`words`]: "can't" is "cannot",
//! "papers" is "paper", "O-S" is OFFICIAL-SENSITIVE, a tool's other names are its name), and
//! common words are left out of the query. Each query word is matched against whole words of an
//! entry: exactly, as the start of a word ("zoo" → "Zoom"), inside a word ("mail" → "email"),
//! as letters in order from the word's first letter ("whtsapp" → "WhatsApp"), or with one
//! letter wrong, missing, extra or swapped ("polcie" → "police"). A word may also match the
//! entry's context, scoring half: the question an answer belongs to, the answers on every route
//! to it, an outcome's explanation and conditions (`context`). A query word that matches
//! nothing lowers the score instead of emptying the list; an entry needs one word that matches.
//!
//! The query's words also decide answers ([`picks`]), and an outcome ranks by how well the best
//! route to it agrees with them (`rank`): first the outcome the whole question leads to. Entries
//! of one tree with the same kind and text (the answer "TOP SECRET" of six questions, the
//! outcome "Use Microsoft Teams" reached four ways, `groups`), and an outcome with its
//! passages, are one result, the best of them.
//!
//! Words are numbered once when the index is built, so each query word is scored once per
//! distinct word; each query word's score for every entry is kept while the query grows, so a
//! keystroke scores only the word being typed.

mod build;
mod context;
mod groups;
pub mod picks;
mod rank;
mod text;
mod vocabulary;
pub mod words;

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::session::Session;
use crate::tree::paths::PathStep;
use crate::tree::{NodeId, NodeKind, Tree};
use build::{Built, Place};
use picks::{Answers, Picks};
use rank::Routes;
use text::Text;
use vocabulary::{NO_MATCH, WordScores, compact};
use words::{Aliases, QueryWord, query_words, split_words, terms};

/// What kind of thing an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A tree's title and summary.
    Tree,
    /// A question.
    Question,
    /// One answer to a question (the option's index).
    Answer(u16),
    /// An outcome's headline.
    Outcome,
    /// A guidance passage (its index in the node's guidance).
    Passage(u16),
}

impl Kind {
    /// The word shown beside a result.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Tree => "tree",
            Kind::Question => "question",
            Kind::Answer(_) => "answer",
            Kind::Outcome => "outcome",
            Kind::Passage(_) => "guidance",
        }
    }

    /// Ties are broken towards answers people act on: outcomes, then answers, then questions.
    fn bonus(self) -> i64 {
        match self {
            Kind::Outcome => 30,
            Kind::Answer(_) => 20,
            Kind::Tree => 15,
            Kind::Question => 10,
            Kind::Passage(_) => 0,
        }
    }
}

/// One searchable thing.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Index of the tree in the slice the index was built from.
    pub tree: usize,
    /// The node it belongs to (the start node for a tree entry).
    pub node: NodeId,
    /// What it is.
    pub kind: Kind,
    /// The text searched and shown.
    pub text: String,
}

/// A result: the best entry of a group of near-identical ones, and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`SearchIndex::entries`].
    pub entry: usize,
    /// Match quality (higher is better).
    pub score: i64,
    /// How many other places (nodes) it stands for, with the same tree, kind and text.
    pub also: u32,
}

/// Where opening a result starts: the walk with the answers the query decided on the way to
/// it, up to the first it did not decide.
pub struct Opening {
    /// The walk.
    pub session: Session,
    /// How many of its answers (the first ones) were decided by the query, not by the person.
    pub assumed: usize,
    /// Every answer the query decided in the tree, for the questions still to come.
    pub picks: Picks,
}

/// The index, with what the last query worked out kept for the next keystroke.
pub struct SearchIndex {
    /// The entries, their words and contexts.
    built: Built,
    /// The texts of ready-made entries ([`SearchIndex::from_entries`]); entries of trees are
    /// read from their trees.
    given: Vec<String>,
    /// Other names of tools, from the trees' registers.
    aliases: Aliases,
    /// Each tree's routes to outcomes, worked out on the first query that needs them.
    routes: Vec<Option<Routes>>,
    /// Each tree's questions read for deciding, as queries name them.
    answers: Vec<Answers>,
    /// The answers the last query decided, by tree; what they add to each outcome node's score,
    /// by tree; and the words they were decided by.
    picks: Vec<Picks>,
    bonuses: Vec<Option<Vec<i64>>>,
    decided_by: Option<(Vec<(String, bool)>, bool)>,
    matcher: SkimMatcherV2,
    /// The scores of the last query's words, kept for the next keystroke.
    scored: Vec<Scored>,
    /// The number of entries from which a search is shared between the cores
    /// ([`PARALLEL_FROM`]; tests change it to compare).
    parallel_from: usize,
}

/// One query word scored against the vocabulary and against every entry.
struct Scored {
    term: String,
    table: WordScores,
    /// By entry: the best of its own words and half its context's, or [`NO_MATCH`].
    by_entry: Vec<i16>,
}

/// Score of a query word equal to a word of the text.
const EXACT: i64 = 100;
/// Score of a query word one letter away from a word of the text.
const TYPO: i64 = 40;
/// Bonus when the text starts with a query word and goes on: "Zoom: external meetings only" is
/// about Zoom, "Use Zoom for this external meeting" only mentions it. (A one-word text, such as
/// the answer "SECRET", gets no bonus: it names the thing, it is not about it.)
const LEAD: i64 = 15;
/// What a query word that matches neither an entry nor its context takes off its score.
const MISSING: i64 = 50;
/// An index of at least this many entries is scored on every core; on a smaller one, starting
/// the threads would take longer than they save.
const PARALLEL_FROM: usize = 20_000;

impl SearchIndex {
    /// Indexes every tree.
    pub fn new(trees: &[Tree]) -> Self {
        let mut index = Self::with(Built::trees(trees), Vec::new());
        index.aliases = Aliases::new(trees.iter().flat_map(|t| {
            t.tools.iter().flat_map(|tool| {
                tool.aliases
                    .iter()
                    .map(|alias| (alias.as_str(), tool.name.as_str()))
            })
        }));
        index.routes = trees.iter().map(|_| None).collect();
        index.answers = trees.iter().map(|_| Answers::default()).collect();
        index.picks = vec![Picks::default(); trees.len()];
        index
    }

    /// An index over ready-made entries (without context).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let places = entries
            .iter()
            .map(|e| Place {
                tree: e.tree as u32,
                node: e.node,
                kind: e.kind,
            })
            .collect();
        let texts: Vec<String> = entries.into_iter().map(|e| e.text).collect();
        Self::with(Built::given(places, &texts), texts)
    }

    fn with(built: Built, given: Vec<String>) -> Self {
        SearchIndex {
            built,
            given,
            aliases: Aliases::new([]),
            routes: Vec::new(),
            answers: Vec::new(),
            picks: Vec::new(),
            bonuses: Vec::new(),
            decided_by: None,
            matcher: SkimMatcherV2::default().ignore_case(),
            scored: Vec::new(),
            parallel_from: PARALLEL_FROM,
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.built.places.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.built.places.is_empty()
    }

    /// The entry of a hit, its text read from `trees` (the trees the index was built from).
    pub fn entry(&self, trees: &[Tree], hit: Hit) -> Entry {
        let place = self.built.places[hit.entry];
        let text = match self.given.get(hit.entry) {
            Some(text) => text.clone(),
            None => trees
                .get(place.tree as usize)
                .map(|tree| Text::of(tree, place.node, place.kind).to_text())
                .unwrap_or_default(),
        };
        Entry {
            tree: place.tree as usize,
            node: place.node,
            kind: place.kind,
            text,
        }
    }

    /// Every result for `query`, best first. `trees` are the trees the index was built from.
    pub fn search(&mut self, trees: &[Tree], query: &str) -> Vec<Hit> {
        let words = query_words(query, &self.aliases);
        let terms = terms(&words);
        if terms.is_empty() {
            self.scored.clear();
            return Vec::new();
        }
        self.score_terms(&terms);
        self.decide(trees, &words);
        let bonuses = &self.bonuses;
        // Best score first, then index order, by a key of two integers. No two hits have the
        // same entry, so an unstable sort gives the one order there is.
        let order = |h: &Hit| (std::cmp::Reverse(h.score), h.entry);
        let runs = self.over_entries(|run| {
            let mut hits: Vec<Hit> = run
                .filter_map(|i| {
                    let entry = &self.built.places[i];
                    let bonus = bonuses
                        .get(entry.tree as usize)
                        .and_then(|b| b.as_ref())
                        .map_or(0, |b| b[entry.node.index()]);
                    self.score(i).map(|score| Hit {
                        entry: i,
                        score: score + bonus,
                        also: 0,
                    })
                })
                .collect();
            hits.sort_unstable_by_key(order);
            hits
        });
        self.grouped(crate::parallel::merge_sorted(runs, order))
    }

    /// `f` of each run of the entries, one per core on a large index ([`PARALLEL_FROM`]), in
    /// order.
    fn over_entries<R: Send>(&self, f: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
        crate::parallel::over_runs(self.len(), self.parallel_from, f)
    }

    /// Scores each query word against every entry, keeping the words already scored for the
    /// previous query.
    fn score_terms(&mut self, terms: &[String]) {
        let mut kept = std::mem::take(&mut self.scored);
        self.scored = terms
            .iter()
            .map(|term| match kept.iter().position(|s| s.term == *term) {
                Some(i) => kept.swap_remove(i),
                None => self.scored_term(term),
            })
            .collect();
    }

    /// One query word's scores for every entry.
    fn scored_term(&self, term: &str) -> Scored {
        let table = self.word_scores(term);
        let own: Vec<i16> = self
            .over_entries(|run| {
                run.map(|i| table.best(self.built.words.get(i)))
                    .collect::<Vec<_>>()
            })
            .concat();
        let contexts = self
            .built
            .contexts
            .scores(&table, &own, &self.built.wordings);
        let by_entry = self
            .over_entries(|run| {
                run.map(|i| {
                    let context = match contexts.get(self.built.node_of[i] as usize) {
                        Some(&NO_MATCH) | None => NO_MATCH,
                        Some(&score) => score / 2,
                    };
                    own[i].max(context)
                })
                .collect::<Vec<_>>()
            })
            .concat();
        Scored {
            term: term.to_string(),
            table,
            by_entry,
        }
    }

    /// The entry's score: its kind's bonus, a bonus when it starts with a query word, plus
    /// each word's best match, less [`MISSING`] for each word that matches nothing; `None` when
    /// no word matches.
    fn score(&self, entry: usize) -> Option<i64> {
        let mut total = self.built.places[entry].kind.bonus();
        let mut matched = false;
        for scored in &self.scored {
            match scored.by_entry[entry] {
                NO_MATCH => total -= MISSING,
                score => {
                    matched = true;
                    total += i64::from(score);
                }
            }
        }
        if let Some(lead) = self.built.leads[entry]
            && self.scored.iter().any(|s| s.table.leads[lead as usize])
        {
            total += LEAD;
        }
        matched.then_some(total)
    }

    /// Works out, by tree, what the answers `words` decide add to each outcome node's score
    /// (`None` for a tree where they decide nothing), into `bonuses`, and remembers the answers
    /// for [`SearchIndex::opening`]. Only the words of answers and subjects can decide one, so
    /// while those (and whether the query says it is not sure) stay the same, as when the next
    /// word is half typed, the last query's answers stand.
    fn decide(&mut self, trees: &[Tree], words: &[QueryWord]) {
        let deciding: Vec<(String, bool)> = words
            .iter()
            .filter(|w| {
                self.built
                    .vocabulary
                    .get(&w.word)
                    .is_some_and(|id| self.built.answer_words.get(id as usize) == Some(&true))
            })
            .map(|w| (w.word.clone(), w.negated))
            .collect();
        let key = (deciding, picks::says_not_sure(words));
        if self.decided_by.as_ref() == Some(&key) {
            return;
        }
        self.bonuses.clear();
        for picks in &mut self.picks {
            *picks = Picks::default();
        }
        if !key.0.is_empty() {
            // Each tree on its own, on every core: many trees take long one after another.
            let named = self.named_questions(trees, words);
            let mut work: Vec<_> = trees
                .iter()
                .zip(named)
                .zip(self.answers.iter_mut().zip(&mut self.routes))
                .collect();
            let decided = crate::parallel::map_mut(&mut work, |((tree, questions), state)| {
                // A tree's questions are read once, as queries name them, and its routes
                // worked out on the first query that needs them: both are kept.
                let (answers, routes) = state;
                answers.read(tree, questions.iter().copied());
                let picks = answers.picks(words);
                let bonus = (!picks.is_empty()).then(|| {
                    routes
                        .get_or_insert_with(|| Routes::new(tree))
                        .bonuses(tree, &picks)
                });
                (picks, bonus)
            });
            for (t, (picks, bonus)) in decided.into_iter().enumerate() {
                self.picks[t] = picks;
                self.bonuses.push(bonus);
            }
        }
        self.decided_by = Some(key);
    }

    /// By tree (of the trees the index was built from), the questions that may have a word of
    /// `words`, in order: those with an answer whose words have one, or whose text is longer
    /// than is searched, and those that remember a fact whose name or values have one. Only
    /// these can be decided ([`Answers::read`]).
    fn named_questions(&self, trees: &[Tree], words: &[QueryWord]) -> Vec<Vec<NodeId>> {
        let built = &self.built;
        let mut ids: Vec<u32> = words
            .iter()
            .filter_map(|w| built.vocabulary.get(&w.word))
            .collect();
        ids.sort_unstable();
        let mut named = vec![Vec::new(); self.picks.len()];
        for (e, place) in built.places.iter().enumerate() {
            if matches!(place.kind, Kind::Answer(_))
                && built
                    .words
                    .get(e)
                    .iter()
                    .any(|w| ids.binary_search(w).is_ok())
            {
                named[place.tree as usize].push(place.node);
            }
        }
        for &e in &built.cut_answers {
            let place = built.places[e as usize];
            named[place.tree as usize].push(place.node);
        }
        let has_word = |text: &str| {
            split_words(text)
                .iter()
                .any(|t| words.iter().any(|w| w.word == *t))
        };
        for (tree, questions) in trees.iter().zip(&mut named) {
            let facts: Vec<bool> = tree
                .facts
                .iter()
                .map(|f| has_word(&f.key) || f.values.iter().any(|v| has_word(&v.label)))
                .collect();
            if facts.contains(&true) {
                questions.extend(tree.node_ids().filter(|&id| match &tree.node(id).kind {
                    NodeKind::Question(q) => q.remember.is_some_and(|f| facts[f.0 as usize]),
                    _ => false,
                }));
            }
            questions.sort_unstable();
            questions.dedup();
        }
        named
    }

    /// The hits with near-identical ones folded into an earlier result: one of the same group,
    /// or on the same outcome (its headline and its passages lead to one place). The result
    /// counts those from other nodes in [`Hit::also`], and an outcome's result shows the
    /// outcome itself. Only results kept decide what later hits fold into, so two outcomes that
    /// quote the same passage stay two results.
    fn grouped(&self, hits: Vec<Hit>) -> Vec<Hit> {
        let mut by_group: Vec<u32> = vec![u32::MAX; self.built.groups];
        let mut by_outcome: Vec<u32> = vec![u32::MAX; self.built.outcomes];
        let mut kept: Vec<Hit> = Vec::new();
        for hit in hits {
            let group = self.built.group_of[hit.entry] as usize;
            let outcome = self.built.outcome_of[hit.entry] as usize;
            let earlier = match by_group[group] {
                u32::MAX => by_outcome.get(outcome).copied().unwrap_or(u32::MAX),
                at => at,
            };
            if earlier != u32::MAX {
                let row = &mut kept[earlier as usize];
                let places = &self.built.places;
                let (here, there) = (&places[hit.entry], &places[row.entry]);
                if (here.tree, here.node) != (there.tree, there.node) {
                    row.also += 1;
                }
                // An outcome's row shows the outcome, whichever of its entries scored best.
                if here.kind == Kind::Outcome
                    && self.built.outcome_of[row.entry] as usize == outcome
                {
                    row.entry = hit.entry;
                    by_group[group] = earlier;
                }
                continue;
            }
            let at = kept.len() as u32;
            kept.push(hit);
            by_group[group] = at;
            if let Some(slot) = by_outcome.get_mut(outcome) {
                *slot = at;
            }
        }
        kept
    }

    /// The walk that opening `hit` starts: the answers the last query decided, on the best
    /// route to the hit's node, up to the first it did not decide. A tree result starts with
    /// every answer the query decided from the start on.
    pub fn opening(&mut self, trees: &[Tree], hit: Hit) -> Option<Opening> {
        let entry = *self.built.places.get(hit.entry)?;
        let tree = trees.get(entry.tree as usize)?;
        let picks = self.picks.get(entry.tree as usize)?;
        let (session, assumed) = if entry.kind == Kind::Tree {
            picks.follow_from_start(tree)
        } else {
            let route = match self.routes.get_mut(entry.tree as usize) {
                Some(routes) => routes
                    .get_or_insert_with(|| Routes::new(tree))
                    .best(tree, entry.node, picks),
                None => None,
            };
            picks.follow(tree, &route.unwrap_or_default())
        };
        Some(Opening {
            session,
            assumed,
            picks: picks.clone(),
        })
    }

    /// The best route to `node` in tree `t` for the last query (the one that agrees best with
    /// the answers it decided), with, for each answer, whether the query decided it.
    pub fn route(
        &mut self,
        trees: &[Tree],
        t: usize,
        node: NodeId,
    ) -> Option<Vec<(PathStep, bool)>> {
        let tree = trees.get(t)?;
        let picks = self.picks.get(t)?;
        let route = self
            .routes
            .get_mut(t)?
            .get_or_insert_with(|| Routes::new(tree))
            .best(tree, node, picks)?;
        Some(
            route
                .into_iter()
                .map(|step| (step, picks.decides(step)))
                .collect(),
        )
    }

    /// How well `query` matches each word of the vocabulary.
    fn word_scores(&self, query: &str) -> WordScores {
        let words = &self.built.vocabulary;
        WordScores {
            scores: words
                .iter()
                .map(|w| self.word_score(query, w).map_or(NO_MATCH, compact))
                .collect(),
            leads: words.iter().map(|w| w.starts_with(query)).collect(),
        }
    }

    /// How well a query word matches one word of the text.
    fn word_score(&self, query: &str, word: &str) -> Option<i64> {
        if word == query {
            return Some(EXACT);
        }
        let share = |points: i64| {
            points * query.chars().count() as i64 / word.chars().count().max(1) as i64
        };
        if word.starts_with(query) {
            return Some(60 + share(30));
        }
        if word.contains(query) {
            return Some(30 + share(20));
        }
        if one_letter_off(query, word) {
            return Some(TYPO);
        }
        if word.chars().next() != query.chars().next() {
            return None;
        }
        self.matcher
            .fuzzy_match(word, query)
            .map(|s| 10 + s.clamp(0, 60) / 3)
    }
}

/// Whether `typed` is `word` with one letter wrong, missing, extra, or two neighbours swapped,
/// for words of five letters or more ("polcie", "sensitve").
fn one_letter_off(typed: &str, word: &str) -> bool {
    let (a, b) = (typed.as_bytes(), word.as_bytes());
    // One edit leaves one of the first two letters of each word among the other's first two: a
    // quick test that spares the edit distance for most words.
    let near = |x: &[u8], y: &[u8]| x[..2].contains(&y[0]) || x[..2].contains(&y[1]);
    a.len() >= 5
        && b.len() >= 5
        && a.len().abs_diff(b.len()) <= 1
        && near(a, b)
        && strsim::damerau_levenshtein(typed, word) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::from_entries(
            texts
                .iter()
                .zip(0..)
                .map(|(t, node)| Entry {
                    tree: 0,
                    node: NodeId(node),
                    kind: Kind::Outcome,
                    text: t.to_string(),
                })
                .collect(),
        )
    }

    fn sample() -> Tree {
        let (contacts, _) = crate::tree::ContactBook::parse(
            "contacts.ron",
            include_str!("../../tests/fixtures/valid/contacts.ron"),
        );
        crate::tree::load_tree(
            "sample.ron",
            include_str!("../../tests/fixtures/valid/sample.ron"),
            crate::tree::Shared::with_contacts(&contacts),
            crate::tree::today(),
        )
        .tree
        .unwrap()
    }

    /// The texts of the results for `query` over `trees`, best first.
    fn found(idx: &mut SearchIndex, trees: &[Tree], query: &str) -> Vec<String> {
        idx.search(trees, query)
            .into_iter()
            .map(|h| idx.entry(trees, h).text)
            .collect()
    }

    fn texts(idx: &mut SearchIndex, query: &str) -> Vec<String> {
        found(idx, &[], query)
    }

    #[test]
    fn the_entry_matching_most_words_comes_first_and_a_word_that_matches_nothing_only_lowers_it() {
        let mut idx = index(&[
            "Zoom: external meetings only",
            "Use Microsoft Teams",
            "Send files to police",
        ]);
        assert_eq!(
            texts(&mut idx, "can I use zoom?"),
            ["Zoom: external meetings only"]
        );
        assert_eq!(texts(&mut idx, "files police")[0], "Send files to police");
        assert_eq!(
            texts(&mut idx, "whatsapp files police"),
            ["Send files to police"],
            "an unknown word does not empty the list"
        );
        let mut idx = index(&["police", "police files"]);
        assert_eq!(texts(&mut idx, "police files"), ["police files", "police"]);
    }

    #[test]
    fn scores_kept_between_keystrokes_give_the_same_hits_as_a_fresh_search() {
        let tree = sample();
        let trees = std::slice::from_ref(&tree);
        let mut typed = SearchIndex::new(trees);
        let query = "company h help colleagues teams";
        for end in 1..=query.len() {
            let a = typed.search(trees, &query[..end]);
            let b = SearchIndex::new(trees).search(trees, &query[..end]);
            assert_eq!(a, b, "{}", &query[..end]);
        }
    }

    #[test]
    fn what_is_kept_between_queries_decides_as_a_fresh_search_does() {
        let catalog = crate::catalog::Catalog::load(&crate::catalog::Selection::new(true, vec![]));
        let trees = &catalog.trees;
        let mut kept = SearchIndex::new(trees);
        let question = "send an official-sensitive report to the police who cannot use teams";
        let queries = (1..=question.len()).map(|end| &question[..end]).chain([
            "top secret files to a supplier",
            "not sure which classification, zoom call",
            "personal data by email",
            question,
        ]);
        for query in queries {
            let mut fresh = SearchIndex::new(trees);
            assert_eq!(
                kept.search(trees, query),
                fresh.search(trees, query),
                "{query}"
            );
            assert_eq!(kept.picks, fresh.picks, "{query}");
        }
    }

    #[test]
    fn words_match_whole_words_not_letters_scattered_across_them() {
        let mut idx = index(&[
            "Never use a personal account or device for work material",
            "Police, CPS and courts",
        ]);
        assert_eq!(texts(&mut idx, "police"), ["Police, CPS and courts"]);
    }

    #[test]
    fn a_word_matches_the_start_the_inside_the_letters_or_a_typo_of_a_word() {
        let mut idx = index(&["Zoom", "Official email", "WhatsApp", "Police force"]);
        assert_eq!(texts(&mut idx, "zoo"), ["Zoom"]);
        assert_eq!(texts(&mut idx, "mail"), ["Official email"]);
        assert_eq!(texts(&mut idx, "whtsapp"), ["WhatsApp"]);
        assert_eq!(
            texts(&mut idx, "hwatsapp"),
            ["WhatsApp"],
            "two letters swapped"
        );
        assert_eq!(texts(&mut idx, "polcie"), ["Police force"]);
        assert_eq!(texts(&mut idx, "qqqq"), Vec::<String>::new());
    }

    #[test]
    fn forms_of_a_word_meet() {
        let mut idx = index(&["Case papers", "They cannot use Teams", "OFFICIAL-SENSITIVE"]);
        assert_eq!(texts(&mut idx, "paper"), ["Case papers"]);
        assert_eq!(texts(&mut idx, "can't teams")[0], "They cannot use Teams");
        assert_eq!(texts(&mut idx, "o-s"), ["OFFICIAL-SENSITIVE"]);
    }

    #[test]
    fn exact_words_rank_above_starts_and_insides() {
        let mut idx = index(&["Official email", "Guidance on mailing", "Post the mail"]);
        assert_eq!(
            texts(&mut idx, "mail"),
            ["Post the mail", "Guidance on mailing", "Official email"]
        );
    }

    #[test]
    fn a_text_that_starts_with_the_word_ranks_first() {
        let mut idx = index(&["Use Zoom for this meeting", "Zoom: external meetings only"]);
        assert_eq!(texts(&mut idx, "zoom")[0], "Zoom: external meetings only");
    }

    #[test]
    fn the_same_text_of_the_same_kind_in_one_tree_is_one_result() {
        let mut idx = index(&["TOP SECRET", "SECRET", "TOP SECRET", "TOP SECRET"]);
        let hits = idx.search(&[], "top secret");
        let shown: Vec<(String, u32)> = hits
            .iter()
            .map(|h| (idx.entry(&[], *h).text, h.also))
            .collect();
        assert_eq!(
            shown,
            [("TOP SECRET".to_string(), 2), ("SECRET".to_string(), 0)]
        );
    }

    #[test]
    fn a_search_shared_between_the_cores_finds_what_one_core_finds() {
        let catalog = crate::catalog::Catalog::load(&crate::catalog::Selection::new(true, vec![]));
        let mut shared = SearchIndex::new(&catalog.trees);
        shared.parallel_from = 0;
        let mut alone = SearchIndex::new(&catalog.trees);
        alone.parallel_from = usize::MAX;
        for query in [
            "police",
            "send an OFFICIAL-SENSITIVE document to a police force that cannot use Teams",
            "zoom supplier",
            "whatsapp",
            "qqqzzx",
        ] {
            let key = |hits: Vec<Hit>| -> Vec<(usize, i64, u32)> {
                hits.iter().map(|h| (h.entry, h.score, h.also)).collect()
            };
            let found = key(shared.search(&catalog.trees, query));
            assert_eq!(found, key(alone.search(&catalog.trees, query)), "{query}");
        }
    }

    #[test]
    fn context_finds_an_outcome_by_the_answers_on_its_route() {
        let tree = sample();
        let trees = std::slice::from_ref(&tree);
        let mut idx = SearchIndex::new(trees);
        assert_eq!(
            found(&mut idx, trees, "company help")[0],
            "Ask for help before you share"
        );
        let hits = found(&mut idx, trees, "colleagues teams");
        assert_eq!(hits[0], "Use Microsoft Teams");
    }
}

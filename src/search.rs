//! Fuzzy search over every tree: titles, questions, answers, outcomes and passages.
//!
//! Text is split into words, and each word of the query is matched against whole words of an
//! entry: exactly, as the start of a word ("zoo" → "Zoom"), inside a word ("mail" → "email"),
//! or as letters in order from the word's first letter ("whtsapp" → "WhatsApp"). A word may also
//! match the entry's context, scoring half: the question an answer belongs to, the answers on
//! the routes to it, an outcome's explanation and conditions. So "send files to police" finds
//! the criminal justice partner answer reached by "Documents or files". Words are numbered once
//! when the index is built, so each query word is scored once per distinct word.
//!
//! Every word of the query must match for an entry to be a hit, and a word that grows can only
//! match fewer words, so as the query grows the hits can only shrink: [`SearchIndex::search`]
//! narrows the previous hits instead of rescoring everything on each keystroke.

use std::collections::{HashMap, VecDeque};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::tree::{NodeId, NodeKind, Tree};

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

/// A result: the entry and its score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`SearchIndex::entries`].
    pub entry: usize,
    /// Match quality.
    pub score: i64,
}

/// The index, with the hits of the last query kept for narrowing.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Every distinct word of the texts and contexts; entries refer to words by index, so a
    /// query word is scored once against each distinct word, not once per occurrence.
    vocabulary: Vocabulary,
    /// The distinct words of each entry's text, by entry.
    words: Lists,
    /// The first word of each entry's text, when it has more than one.
    leads: Vec<Option<u32>>,
    /// The distinct words of each context, and which context each entry has.
    contexts: Lists,
    context_of: Vec<usize>,
    matcher: SkimMatcherV2,
    /// The words of the last query and the entries it matched, in index order (so narrowing
    /// reads the index front to back, not in the scattered order of the ranking).
    last: Option<(Vec<String>, Vec<usize>)>,
}

/// Long texts (passages, explanations) are searched on their first characters only: enough to
/// find them, and it keeps indexing fast on large trees.
const MAX_SEARCHED_CHARS: usize = 240;

/// The part of `text` that is searched.
fn searched(text: &str) -> &str {
    match text.char_indices().nth(MAX_SEARCHED_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// Score of a query word equal to a word of the text.
const EXACT: i64 = 100;
/// Bonus when the text starts with a query word and goes on: "Zoom: external meetings only" is
/// about Zoom, "Use Zoom for this external meeting" only mentions it. (A one-word text, such as
/// the answer "SECRET", gets no bonus: it names the thing, it is not about it.)
const LEAD: i64 = 15;

/// Words that carry no meaning in "can I use zoom?" or "send files to the police": question
/// words, pronouns, and the verbs of sharing that every tree is about.
const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for",
    "from", "how", "i", "if", "in", "into", "is", "it", "me", "my", "of", "on", "or", "send",
    "sending", "share", "sharing", "should", "so", "that", "the", "this", "to", "use", "we",
    "what", "which", "with", "you", "your",
];

impl SearchIndex {
    /// Indexes every tree.
    pub fn new(trees: &[Tree]) -> Self {
        let mut index = Self::from_entries(Vec::new());
        for (t, tree) in trees.iter().enumerate() {
            index.push(
                Entry {
                    tree: t,
                    node: tree.start,
                    kind: Kind::Tree,
                    text: format!("{} — {}", tree.title, tree.summary),
                },
                0,
            );
            let routes = RouteWords::new(tree, &mut index.vocabulary);
            for id in tree.node_ids() {
                let context = node_context(tree, id, &routes, &mut index.vocabulary);
                index.contexts.push(&context);
                let mut entries = Vec::new();
                node_entries(tree, t, id, &mut entries);
                for entry in entries {
                    index.push(entry, index.contexts.len() - 1);
                }
            }
        }
        index
    }

    /// An index over ready-made entries (without context).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let mut index = SearchIndex {
            entries: Vec::with_capacity(entries.len()),
            vocabulary: Vocabulary::default(),
            words: Lists::default(),
            leads: Vec::with_capacity(entries.len()),
            contexts: Lists::with_empty_list(),
            context_of: Vec::with_capacity(entries.len()),
            matcher: SkimMatcherV2::default().ignore_case(),
            last: None,
        };
        for entry in entries {
            index.push(entry, 0);
        }
        index
    }

    /// Adds an entry with the context at `context`.
    fn push(&mut self, entry: Entry, context: usize) {
        let mut in_order = Vec::new();
        for_each_word(searched(&entry.text), |w| {
            in_order.push(self.vocabulary.id(w))
        });
        self.leads
            .push(in_order.first().copied().filter(|_| in_order.len() > 1));
        in_order.sort_unstable();
        in_order.dedup();
        self.words.push(&in_order);
        self.context_of.push(context);
        self.entries.push(entry);
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a hit.
    pub fn entry(&self, hit: Hit) -> &Entry {
        &self.entries[hit.entry]
    }

    /// All hits for `query`, best first. Reuses the previous hits when the query only grew.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        let words = query_words(query);
        if words.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let candidates: Vec<usize> = match self.last.take() {
            Some((previous, matched)) if narrows(&previous, &words) => matched,
            _ => (0..self.entries.len()).collect(),
        };
        let tables: Vec<WordScores> = words.iter().map(|w| self.word_scores(w)).collect();
        let mut in_context = ContextScores::new(self.contexts.len(), tables.len());
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter_map(|i| {
                self.score(i, &tables, &mut in_context)
                    .map(|score| Hit { entry: i, score })
            })
            .collect();
        self.last = Some((words, hits.iter().map(|h| h.entry).collect()));
        // No two hits have the same entry, so an unstable sort gives the one order there is.
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
        hits
    }

    /// The entry's score: its kind's bonus, a bonus when it starts with a query word, plus
    /// each word's best match; `None` when a word matches neither the entry nor its context.
    fn score(
        &self,
        entry: usize,
        tables: &[WordScores],
        in_context: &mut ContextScores,
    ) -> Option<i64> {
        let own = self.words.get(entry);
        let context = self.context_of[entry];
        let mut total = self.entries[entry].kind.bonus();
        if let Some(lead) = self.leads[entry]
            && tables.iter().any(|t| t.leads[lead as usize])
        {
            total += LEAD;
        }
        for (t, table) in tables.iter().enumerate() {
            let in_text = table.best(own);
            let in_context = in_context.get(t, context, || {
                table.best(self.contexts.get(context)).map(|s| s / 2)
            });
            total += in_text.max(in_context)?;
        }
        Some(total)
    }

    /// How well `query` matches each word of the vocabulary.
    fn word_scores(&self, query: &str) -> WordScores {
        let words = &self.vocabulary.words;
        WordScores {
            scores: words
                .iter()
                .map(|w| self.word_score(query, w).map_or(NO_MATCH, compact))
                .collect(),
            leads: words.iter().map(|w| w.starts_with(query)).collect(),
        }
    }

    /// How well a query word matches one word of the text. Each tier holds for a shorter
    /// query word whenever it holds for a longer one, which is what makes narrowing sound.
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
        if word.chars().next() != query.chars().next() {
            return None;
        }
        self.matcher
            .fuzzy_match(word, query)
            .map(|s| 10 + s.clamp(0, 60) / 3)
    }
}

/// The entries of one node: its question and answers, or its outcome, then its passages.
fn node_entries(tree: &Tree, t: usize, id: NodeId, entries: &mut Vec<Entry>) {
    let node = tree.node(id);
    let entry = |kind, text| Entry {
        tree: t,
        node: id,
        kind,
        text,
    };
    match &node.kind {
        NodeKind::Question(q) => {
            entries.push(entry(Kind::Question, q.text.clone()));
            for (i, option) in q.options.iter().enumerate() {
                let text = match &option.detail {
                    Some(detail) => format!("{} — {detail}", option.label),
                    None => option.label.clone(),
                };
                entries.push(entry(Kind::Answer(i as u16), text));
            }
        }
        NodeKind::Checklist(c) => {
            entries.push(entry(Kind::Question, c.text.clone()));
            for (i, item) in c.items.iter().enumerate() {
                let text = match &item.detail {
                    Some(detail) => format!("{} — {detail}", item.label),
                    None => item.label.clone(),
                };
                entries.push(entry(Kind::Answer(i as u16), text));
            }
        }
        NodeKind::Route(_) => {}
        NodeKind::Outcome(o) => entries.push(entry(Kind::Outcome, o.headline.clone())),
    }
    for (i, passage) in node.guidance().iter().enumerate() {
        // A row of the approved-tools table is found and shown as the tool's card.
        let text = match tree.tool_row(passage) {
            Some(tool) => tool.card(),
            None => passage.quote.clone(),
        };
        entries.push(entry(Kind::Passage(i as u16), text));
    }
}

/// What a node's entries are also found by: the node's own wording (the question, or the
/// outcome's headline, explanation and conditions) and the answers on the routes to it.
fn node_context(
    tree: &Tree,
    id: NodeId,
    routes: &RouteWords,
    vocabulary: &mut Vocabulary,
) -> Vec<u32> {
    let mut words = Vec::new();
    match &tree.node(id).kind {
        NodeKind::Question(q) => vocabulary.extend(searched(&q.text), &mut words),
        NodeKind::Checklist(c) => vocabulary.extend(searched(&c.text), &mut words),
        NodeKind::Route(_) => {}
        NodeKind::Outcome(o) => {
            vocabulary.extend(searched(&o.headline), &mut words);
            for paragraph in &o.explanation {
                vocabulary.extend(searched(&paragraph.item), &mut words);
            }
            for condition in &o.conditions {
                vocabulary.extend(searched(&condition.item), &mut words);
            }
        }
    }
    routes.extend_with_route(id, &mut words);
    words.sort_unstable();
    words.dedup();
    words
}

/// How many options on the routes to a node its context takes. Every node of the shipped trees
/// has fewer (at most 41); the cap keeps indexing linear on very large generated trees, where
/// a deep node can have thousands of options above it.
const MAX_ROUTE_OPTIONS: usize = 48;

/// For each node, the options that lead into it (with the words of their label and detail), so
/// the answers on the routes to a node can be gathered by walking back towards the start.
struct RouteWords {
    /// (question, words of the option) for each option that leads to the node, by node.
    into: Vec<Vec<(NodeId, Vec<u32>)>>,
}

impl RouteWords {
    fn new(tree: &Tree, vocabulary: &mut Vocabulary) -> Self {
        let mut into = vec![Vec::new(); tree.nodes.len()];
        for id in tree.node_ids() {
            match &tree.node(id).kind {
                NodeKind::Question(q) => {
                    for option in &q.options {
                        let text = format!(
                            "{} {}",
                            option.label,
                            option.detail.as_deref().unwrap_or_default()
                        );
                        into[option.next.index()].push((id, vocabulary.ids(&text)));
                    }
                }
                // A route's rules name the answers that send a walk down each of them.
                NodeKind::Checklist(_) | NodeKind::Route(_) => {
                    for (next, label) in tree.edges(id) {
                        into[next.index()].push((id, vocabulary.ids(&label)));
                    }
                }
                NodeKind::Outcome(_) => {}
            }
        }
        RouteWords { into }
    }

    /// Adds the words of the options on the routes from the start to `node`, nearest first,
    /// at most [`MAX_ROUTE_OPTIONS`] of them.
    fn extend_with_route(&self, node: NodeId, words: &mut Vec<u32>) {
        // At most MAX_ROUTE_OPTIONS questions are queued, so a list is quicker than a
        // tree-sized visited map.
        let mut seen = vec![node];
        let mut queue = VecDeque::from([node]);
        let mut taken = 0;
        while let Some(at) = queue.pop_front() {
            for (question, option_words) in &self.into[at.index()] {
                if taken == MAX_ROUTE_OPTIONS {
                    return;
                }
                taken += 1;
                words.extend_from_slice(option_words);
                if !seen.contains(question) {
                    seen.push(*question);
                    queue.push_back(*question);
                }
            }
        }
    }
}

/// Every distinct word, numbered.
#[derive(Default)]
struct Vocabulary {
    words: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// The number of `word`, added if new.
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.ids.insert(word.to_string(), id);
        id
    }

    /// Adds the numbers of the words of `text` to `ids`.
    fn extend(&mut self, text: &str, ids: &mut Vec<u32>) {
        for_each_word(text, |w| ids.push(self.id(w)));
    }

    /// The numbers of the distinct words of `text`, sorted.
    fn ids(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.extend(text, &mut ids);
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Lists of word numbers kept one after another in a single buffer. A search reads every
/// entry's list in index order: from one buffer that is a front-to-back read the processor
/// prefetches, where a separate allocation per list costs a cache miss per entry.
#[derive(Default)]
struct Lists {
    items: Vec<u32>,
    /// Where each list ends in `items`.
    ends: Vec<usize>,
}

impl Lists {
    /// Lists holding one empty list.
    fn with_empty_list() -> Self {
        let mut lists = Lists::default();
        lists.push(&[]);
        lists
    }

    fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    fn get(&self, list: usize) -> &[u32] {
        let start = list.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.items[start..self.ends[list]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// One query word's score against every word of the vocabulary.
/// Scores are kept in 16 bits (they are at most [`EXACT`]): a table per query word then fits a
/// processor's fastest caches even for a vocabulary of tens of thousands of words.
struct WordScores {
    /// The score of each word of the vocabulary, [`NO_MATCH`] when it does not match.
    scores: Vec<i16>,
    /// Whether each word starts with the query word.
    leads: Vec<bool>,
}

/// Each context's score for each query word, worked out when first needed. The entries of a
/// node share its context (which can hold hundreds of words), so one search scans each context
/// once per query word instead of once per entry.
struct ContextScores {
    contexts: usize,
    scores: Vec<Option<Option<i64>>>,
}

impl ContextScores {
    fn new(contexts: usize, words: usize) -> Self {
        ContextScores {
            contexts,
            scores: vec![None; contexts * words],
        }
    }

    /// The score of query word `word` in `context`, from `compute` the first time.
    fn get(
        &mut self,
        word: usize,
        context: usize,
        compute: impl FnOnce() -> Option<i64>,
    ) -> Option<i64> {
        *self.scores[word * self.contexts + context].get_or_insert_with(compute)
    }
}

impl WordScores {
    /// The best score among `words`.
    fn best(&self, words: &[u32]) -> Option<i64> {
        let best = words
            .iter()
            .map(|&w| self.scores[w as usize])
            .max()
            .unwrap_or(NO_MATCH);
        (best != NO_MATCH).then_some(i64::from(best))
    }
}

/// A word that does not match at all; below every score.
const NO_MATCH: i16 = i16::MIN;

/// A score in 16 bits.
fn compact(score: i64) -> i16 {
    score.clamp(i64::from(NO_MATCH) + 1, i64::from(i16::MAX)) as i16
}

/// Calls `f` with each word of `text`, lower-cased, with apostrophes dropped ("Don't" →
/// "dont"), in order. One buffer serves every word: indexing a large tree splits a lot of text.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' && !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// The words of `text`, as [`for_each_word`] splits them.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |w| words.push(w.to_string()));
    words
}

/// The meaningful words of a query, lower-cased (all of them when every word is a stop word).
fn query_words(query: &str) -> Vec<String> {
    let all = split_words(query);
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if meaningful.is_empty() {
        all
    } else {
        meaningful
    }
}

/// True when every hit of `new` must be a hit of `old`: the same words, the last one possibly
/// longer, and possibly more words after it.
fn narrows(old: &[String], new: &[String]) -> bool {
    let Some((last, rest)) = old.split_last() else {
        return false;
    };
    new.len() >= old.len()
        && rest.iter().zip(new).all(|(a, b)| a == b)
        && new[rest.len()].starts_with(last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::from_entries(
            texts
                .iter()
                .map(|t| Entry {
                    tree: 0,
                    node: NodeId(0),
                    kind: Kind::Outcome,
                    text: t.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn every_word_must_match() {
        let mut idx = index(&[
            "Zoom: external meetings only",
            "Use Microsoft Teams",
            "Send files to police",
        ]);
        let hits = idx.search("can I use zoom?");
        assert_eq!(hits.len(), 1);
        assert_eq!(idx.entry(hits[0]).text, "Zoom: external meetings only");
        let hits = idx.search("files police");
        assert_eq!(idx.entry(hits[0]).text, "Send files to police");
    }

    #[test]
    fn narrowing_gives_the_same_hits_as_a_fresh_search() {
        let texts = [
            "Microsoft Teams",
            "Egress or Galaxkey",
            "Official email",
            "Teams meeting",
            "CJSM secure email",
        ];
        let mut narrowed = index(&texts);
        for query in ["e", "em", "ema", "emai", "email", "email s"] {
            let a = narrowed.search(query);
            let b = index(&texts).search(query);
            assert_eq!(a, b, "{query}");
        }
    }

    fn sample() -> Tree {
        let (contacts, _) = crate::tree::ContactBook::parse(
            "contacts.ron",
            include_str!("../tests/fixtures/valid/contacts.ron"),
        );
        crate::tree::load_tree(
            "sample.ron",
            include_str!("../tests/fixtures/valid/sample.ron"),
            crate::tree::Shared::with_contacts(&contacts),
            crate::tree::today(),
        )
        .tree
        .unwrap()
    }

    fn texts(idx: &mut SearchIndex, query: &str) -> Vec<String> {
        idx.search(query)
            .into_iter()
            .map(|h| idx.entry(h).text.clone())
            .collect()
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
    fn a_word_matches_the_start_the_inside_or_the_letters_of_a_word() {
        let mut idx = index(&["Zoom", "Official email", "WhatsApp"]);
        assert_eq!(texts(&mut idx, "zoo"), ["Zoom"]);
        assert_eq!(texts(&mut idx, "mail"), ["Official email"]);
        assert_eq!(texts(&mut idx, "whtsapp"), ["WhatsApp"]);
        assert_eq!(texts(&mut idx, "hwatsapp"), Vec::<String>::new());
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
    fn context_finds_an_outcome_by_the_answers_on_its_route() {
        let tree = sample();
        let mut idx = SearchIndex::new(std::slice::from_ref(&tree));
        let hits = texts(&mut idx, "company help");
        assert_eq!(hits[0], "Ask for help before you share");
        assert!(!hits.contains(&"Use Microsoft Teams".to_string()));
        let hits = texts(&mut idx, "colleagues teams");
        assert_eq!(hits[0], "Use Microsoft Teams");
    }

    #[test]
    fn narrowing_with_context_gives_the_same_hits_as_a_fresh_search() {
        let tree = sample();
        let trees = std::slice::from_ref(&tree);
        let mut narrowed = SearchIndex::new(trees);
        for query in [
            "c",
            "co",
            "com",
            "comp",
            "company",
            "company h",
            "company help",
        ] {
            let a = narrowed.search(query);
            let b = SearchIndex::new(trees).search(query);
            assert_eq!(a, b, "{query}");
        }
    }

    #[test]
    fn narrowing_rules() {
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(narrows(&w(&["zo"]), &w(&["zoo"])));
        assert!(narrows(&w(&["zoom"]), &w(&["zoom", "x"])));
        assert!(!narrows(&w(&["zoom"]), &w(&["zoo"])));
        assert!(!narrows(&w(&["a", "b"]), &w(&["c", "b"])));
    }
}

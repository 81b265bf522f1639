//! Fuzzy search over every tree: titles, questions, answers, outcomes and passages.
//!
//! Text is split into words, and each word of the query is matched against whole words of an
//! entry: exactly, as the start of a word ("zoo" → "Zoom"), inside a word ("mail" → "email"),
//! or as letters in order from the word's first letter ("whtsapp" → "WhatsApp"). A word may also
//! match the entry's context, scoring half: the question an answer belongs to, the answers on
//! every route to it, an outcome's explanation and conditions. So "send files to police" finds
//! the criminal justice partner answer reached by "Documents or files".
//!
//! Every word of the query must match for an entry to be a hit, and a word that grows can only
//! match fewer words, so as the query grows the hits can only shrink: [`SearchIndex::search`]
//! narrows the previous hits instead of rescoring everything on each keystroke.

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
    /// The distinct words of each entry's text, by entry.
    words: Vec<Vec<String>>,
    /// The first word of each entry's text, when it has more than one.
    leads: Vec<Option<String>>,
    /// The distinct words of each context, and which context each entry has.
    contexts: Vec<Vec<String>>,
    context_of: Vec<usize>,
    matcher: SkimMatcherV2,
    last: Option<(Vec<String>, Vec<Hit>)>,
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
        let mut entries = Vec::new();
        let mut contexts = vec![Vec::new()];
        let mut context_of = Vec::new();
        for (t, tree) in trees.iter().enumerate() {
            entries.push(Entry {
                tree: t,
                node: tree.start,
                kind: Kind::Tree,
                text: format!("{} — {}", tree.title, tree.summary),
            });
            context_of.push(0);
            let routes = RouteWords::new(tree);
            for id in tree.node_ids() {
                node_entries(tree, t, id, &mut entries);
                contexts.push(distinct_words(&node_context(tree, id, &routes)));
                context_of.resize(entries.len(), contexts.len() - 1);
            }
        }
        let mut index = Self::from_entries(entries);
        index.contexts = contexts;
        index.context_of = context_of;
        index
    }

    /// An index over ready-made entries (without context).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        SearchIndex {
            words: entries.iter().map(|e| distinct_words(&e.text)).collect(),
            leads: entries
                .iter()
                .map(|e| {
                    let mut words = split_words(&e.text);
                    words.next().filter(|_| words.next().is_some())
                })
                .collect(),
            context_of: vec![0; entries.len()],
            contexts: vec![Vec::new()],
            entries,
            matcher: SkimMatcherV2::default().ignore_case(),
            last: None,
        }
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
        let candidates: Vec<usize> = match &self.last {
            Some((previous, hits)) if narrows(previous, &words) => {
                hits.iter().map(|h| h.entry).collect()
            }
            _ => (0..self.entries.len()).collect(),
        };
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter_map(|i| self.score(i, &words).map(|score| Hit { entry: i, score }))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
        self.last = Some((words, hits.clone()));
        hits
    }

    /// The entry's score: its kind's bonus, a bonus when it starts with a query word, plus
    /// each word's best match; `None` when a word matches neither the entry nor its context.
    fn score(&self, entry: usize, words: &[String]) -> Option<i64> {
        let own = &self.words[entry];
        let context = &self.contexts[self.context_of[entry]];
        let lead = &self.leads[entry];
        let mut total = self.entries[entry].kind.bonus();
        if let Some(lead) = lead
            && words.iter().any(|w| lead.starts_with(w.as_str()))
        {
            total += LEAD;
        }
        for word in words {
            let in_text = self.best(word, own);
            let in_context = self.best(word, context).map(|s| s / 2);
            total += in_text.max(in_context)?;
        }
        Some(total)
    }

    fn best(&self, word: &str, words: &[String]) -> Option<i64> {
        words.iter().filter_map(|w| self.word_score(word, w)).max()
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
        NodeKind::Outcome(o) => entries.push(entry(Kind::Outcome, o.headline.clone())),
    }
    for (i, passage) in node.guidance().iter().enumerate() {
        entries.push(entry(Kind::Passage(i as u16), passage.quote.clone()));
    }
}

/// What a node's entries are also found by: the node's own wording (the question, or the
/// outcome's headline, explanation and conditions) and the answers on every route to it.
fn node_context(tree: &Tree, id: NodeId, routes: &RouteWords) -> String {
    let mut text = match &tree.node(id).kind {
        NodeKind::Question(q) => q.text.clone(),
        NodeKind::Outcome(o) => format!(
            "{} {} {}",
            o.headline,
            o.explanation,
            o.conditions.join(" ")
        ),
    };
    text.push(' ');
    text.push_str(&routes.to(id));
    text
}

/// For each node, the options that lead into it, so the answers on every route to a node can
/// be gathered by walking back to the start.
struct RouteWords<'t> {
    tree: &'t Tree,
    /// (question, option index) pairs whose option leads to the node, by node.
    into: Vec<Vec<(NodeId, usize)>>,
}

impl<'t> RouteWords<'t> {
    fn new(tree: &'t Tree) -> Self {
        let mut into = vec![Vec::new(); tree.nodes.len()];
        for id in tree.node_ids() {
            if let Some(q) = tree.question(id) {
                for (i, option) in q.options.iter().enumerate() {
                    into[option.next.index()].push((id, i));
                }
            }
        }
        RouteWords { tree, into }
    }

    /// The labels and details of every option on any route from the start to `node`.
    fn to(&self, node: NodeId) -> String {
        let mut seen = vec![false; self.into.len()];
        let mut stack = vec![node];
        seen[node.index()] = true;
        let mut text = String::new();
        while let Some(at) = stack.pop() {
            for &(question, i) in &self.into[at.index()] {
                if let Some(option) = self.tree.question(question).and_then(|q| q.options.get(i)) {
                    text.push_str(&option.label);
                    text.push(' ');
                    text.push_str(option.detail.as_deref().unwrap_or_default());
                    text.push(' ');
                }
                if !seen[question.index()] {
                    seen[question.index()] = true;
                    stack.push(question);
                }
            }
        }
        text
    }
}

/// Lower-cased words, with apostrophes dropped ("Don't" → "dont"), in order.
fn split_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

/// The distinct words of a text, sorted.
fn distinct_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = split_words(text).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The meaningful words of a query, lower-cased (all of them when every word is a stop word).
fn query_words(query: &str) -> Vec<String> {
    let all: Vec<String> = split_words(query).collect();
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
            &contacts,
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

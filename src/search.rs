//! Fuzzy search over every tree: titles, questions, answers, outcomes and passages.
//!
//! Every word of the query must match (fuzzily) for an entry to be a hit, so as the query grows
//! the hits can only shrink: [`SearchIndex::search`] narrows the previous hits instead of
//! rescoring everything on each keystroke.

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
    matcher: SkimMatcherV2,
    last: Option<(Vec<String>, Vec<Hit>)>,
}

/// Long passages are searched on their first characters only: enough to find them, and it
/// keeps each keystroke fast on large trees.
const MAX_SEARCHED_CHARS: usize = 240;

/// Words that carry no meaning in "can I use zoom?" or "send files to the police".
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "can", "for", "how", "i", "in", "is", "it", "my", "of", "on", "or", "should",
    "the", "to", "use", "what", "which", "with",
];

impl SearchIndex {
    /// Indexes every tree.
    pub fn new(trees: &[Tree]) -> Self {
        let mut entries = Vec::new();
        for (t, tree) in trees.iter().enumerate() {
            let mut quoted = std::collections::HashSet::new();
            entries.push(Entry {
                tree: t,
                node: tree.start,
                kind: Kind::Tree,
                text: format!("{} — {}", tree.title, tree.summary),
            });
            for id in tree.node_ids() {
                let node = tree.node(id);
                match &node.kind {
                    NodeKind::Question(q) => {
                        entries.push(Entry {
                            tree: t,
                            node: id,
                            kind: Kind::Question,
                            text: q.text.clone(),
                        });
                        for (i, option) in q.options.iter().enumerate() {
                            let text = match &option.detail {
                                Some(detail) => format!("{} — {detail}", option.label),
                                None => option.label.clone(),
                            };
                            entries.push(Entry {
                                tree: t,
                                node: id,
                                kind: Kind::Answer(i as u16),
                                text,
                            });
                        }
                    }
                    NodeKind::Outcome(o) => {
                        entries.push(Entry {
                            tree: t,
                            node: id,
                            kind: Kind::Outcome,
                            text: o.headline.clone(),
                        });
                    }
                }
                for (i, passage) in node.guidance().iter().enumerate() {
                    // A passage quoted at several steps is one result, at its first step.
                    if !quoted.insert(passage.quote.as_str()) {
                        continue;
                    }
                    entries.push(Entry {
                        tree: t,
                        node: id,
                        kind: Kind::Passage(i as u16),
                        text: passage.quote.clone(),
                    });
                }
            }
        }
        Self::from_entries(entries)
    }

    /// An index over ready-made entries.
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        SearchIndex {
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
        let words = words(query);
        if words.is_empty() {
            self.last = None;
            return Vec::new();
        }
        let candidates: Box<dyn Iterator<Item = usize>> = match &self.last {
            Some((previous, hits)) if narrows(previous, &words) => {
                Box::new(hits.iter().map(|h| h.entry).collect::<Vec<_>>().into_iter())
            }
            _ => Box::new(0..self.entries.len()),
        };
        let mut hits: Vec<Hit> = candidates
            .filter_map(|i| self.score(i, &words).map(|score| Hit { entry: i, score }))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
        self.last = Some((words, hits.clone()));
        hits
    }

    fn score(&self, entry: usize, words: &[String]) -> Option<i64> {
        let entry = &self.entries[entry];
        let text = match entry.text.char_indices().nth(MAX_SEARCHED_CHARS) {
            Some((cut, _)) => &entry.text[..cut],
            None => entry.text.as_str(),
        };
        let mut total = entry.kind.bonus();
        for word in words {
            total += self.matcher.fuzzy_match(text, word)?;
        }
        Some(total)
    }
}

/// The meaningful words of a query, lower-cased (all of them when every word is a stop word).
fn words(query: &str) -> Vec<String> {
    let all: Vec<String> = query
        .split(|c: char| c.is_whitespace() || matches!(c, '?' | ',' | '.' | '!'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
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

    #[test]
    fn narrowing_rules() {
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(narrows(&w(&["zo"]), &w(&["zoo"])));
        assert!(narrows(&w(&["zoom"]), &w(&["zoom", "x"])));
        assert!(!narrows(&w(&["zoom"]), &w(&["zoo"])));
        assert!(!narrows(&w(&["a", "b"]), &w(&["c", "b"])));
    }
}

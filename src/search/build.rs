//! Building the index: the trees cut into runs, one per thread the processor has, each run
//! indexed on its own with its own numbering of entries, nodes and words (trees share nothing
//! while they are read); then the runs put one after another, their words numbered once for
//! all.
//!
//! No text is copied: an entry is where it is in its tree ([`Place`]), and only the numbers of
//! its words are kept.

use super::Kind;
use super::context::Contexts;
use super::groups::{Group, Groups};
use super::text::Text;
use super::vocabulary::{Lists, Vocabulary};
use super::words::Splitter;
use crate::tree::{NodeId, NodeKind, Tree};

/// Where an entry is: its tree (index in the slice the index was built from), node and kind.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    pub(super) tree: u32,
    pub(super) node: NodeId,
    pub(super) kind: Kind,
}

/// The entries of the index and what is worked out once about them.
#[derive(Default)]
pub(super) struct Built {
    pub(super) places: Vec<Place>,
    /// Every distinct word of the texts and contexts; entries refer to words by index, so a
    /// query word is scored once against each distinct word, not once per occurrence.
    pub(super) vocabulary: Vocabulary,
    /// The distinct words of each entry's text, by entry.
    pub(super) words: Lists,
    /// The first word of each entry's text, when it has more than one.
    pub(super) leads: Vec<Option<u32>>,
    /// The context of every node, and the node of each entry (numbered across trees;
    /// `u32::MAX` for an entry without one).
    pub(super) contexts: Contexts,
    pub(super) node_of: Vec<u32>,
    /// Entries of one tree with the same kind and text share a group.
    pub(super) group_of: Vec<u32>,
    pub(super) groups: usize,
    /// The outcomes of all trees, numbered; by entry, the outcome its node is (`u32::MAX` for
    /// another node).
    pub(super) outcome_of: Vec<u32>,
    pub(super) outcomes: usize,
    /// By word number, whether the word is in an answer or names a fact a question remembers:
    /// only those words can decide an answer.
    pub(super) answer_words: Vec<bool>,
    /// The answers whose text is longer than is searched, so their words are not all known.
    pub(super) cut_answers: Vec<u32>,
}

impl Built {
    /// Indexes `trees`: one run of trees, of about as many nodes as each other, per thread
    /// ([`crate::parallel`]), each numbered on its own; then the runs put one after another.
    pub(super) fn trees(trees: &[Tree]) -> Built {
        let runs = runs(trees, crate::parallel::threads());
        let mut built = Built::default();
        for part in crate::parallel::map(&runs, |run| {
            let mut part = Built::default();
            let mut reader = Reader::default();
            for t in run.clone() {
                part.add_tree(&trees[t], t, &mut reader);
            }
            part.groups = reader.groups.count();
            part
        }) {
            built.append(part);
        }
        built
    }

    /// Adds the entries of tree number `t`.
    fn add_tree(&mut self, tree: &Tree, t: usize, reader: &mut Reader) {
        let place = Place {
            tree: t as u32,
            node: tree.start,
            kind: Kind::Tree,
        };
        self.push(tree, place, reader, u32::MAX, None);
        let base = self.contexts.len() as u32;
        let mut first_entry = Vec::with_capacity(tree.nodes.len());
        for id in tree.node_ids() {
            let outcome = tree.outcome(id).map(|_| self.outcomes as u32);
            self.outcomes += usize::from(outcome.is_some());
            first_entry.push(self.places.len() as u32);
            for kind in kinds(tree, id) {
                let place = Place {
                    tree: t as u32,
                    node: id,
                    kind,
                };
                self.push(tree, place, reader, base + id.0, outcome);
            }
        }
        self.contexts.add(tree, &first_entry, &mut self.vocabulary);
        // The facts' names and their values' labels decide answers too (a "Yes" that keeps
        // "No personal or sensitive data").
        let mut keys = Vec::new();
        for fact in &tree.facts {
            self.vocabulary.extend(&fact.key, &mut keys);
            for value in &fact.values {
                self.vocabulary.extend(&value.label, &mut keys);
            }
        }
        self.mark_answer_words(&keys);
    }

    /// Ready-made entries (without context), at `places`, with `texts`.
    pub(super) fn given(places: Vec<Place>, texts: &[String]) -> Built {
        let mut reader = Reader::default();
        let mut built = Built::default();
        for (place, text) in places.into_iter().zip(texts) {
            let text = Text::given(text);
            let entry = built.places.len();
            let group = reader
                .groups
                .of(entry, (place.tree as usize, place.kind, &text), |e| {
                    Text::given(&texts[e])
                });
            built.add(place, &text, group, &mut reader, u32::MAX, None);
        }
        built.groups = reader.groups.count();
        built
    }

    /// Adds the entry at `place` of `tree`, on node `node` (`u32::MAX` for none), on the outcome
    /// numbered `outcome` if its node is an outcome.
    fn push(
        &mut self,
        tree: &Tree,
        place: Place,
        reader: &mut Reader,
        node: u32,
        outcome: Option<u32>,
    ) {
        let text = Text::of(tree, place.node, place.kind);
        let entry = self.places.len();
        let key = (place.tree as usize, place.kind, &text);
        // An earlier entry of the same group is of the same tree.
        let places = &self.places;
        let group = reader.groups.of(entry, key, |e| {
            Text::of(tree, places[e].node, places[e].kind)
        });
        self.add(place, &text, group, reader, node, outcome);
    }

    /// Adds an entry with `text` in `group`. An entry with the same text as an earlier one takes
    /// its words instead of reading them again.
    fn add(
        &mut self,
        place: Place,
        text: &Text,
        group: Group,
        reader: &mut Reader,
        node: u32,
        outcome: Option<u32>,
    ) {
        match group.same_as {
            // The same text as an earlier entry (a quote on many nodes): its words.
            Some(earlier) => {
                self.leads.push(self.leads[earlier]);
                self.words.push_copy(earlier);
            }
            None => {
                let ids = &mut reader.ids;
                ids.clear();
                text.for_each_searched(|piece| {
                    reader
                        .splitter
                        .words(piece, |w| ids.push(self.vocabulary.id(w)));
                });
                self.leads
                    .push(ids.first().copied().filter(|_| ids.len() > 1));
                ids.sort_unstable();
                ids.dedup();
                self.words.push(ids);
                if matches!(place.kind, Kind::Answer(_)) {
                    self.mark_answer_words(&reader.ids);
                    if text.is_cut() {
                        self.cut_answers.push(self.places.len() as u32);
                    }
                }
            }
        }
        self.places.push(place);
        self.node_of.push(node);
        self.group_of.push(group.number);
        self.outcome_of.push(outcome.unwrap_or(u32::MAX));
    }

    /// Marks `words` as words that can decide an answer.
    fn mark_answer_words(&mut self, words: &[u32]) {
        self.answer_words.resize(self.vocabulary.words.len(), false);
        for &w in words {
            self.answer_words[w as usize] = true;
        }
    }

    /// Puts `part` after what is built: its entries, nodes, groups and outcomes numbered on,
    /// its words numbered in this vocabulary.
    fn append(&mut self, part: Built) {
        // The first part keeps its numbering as it is.
        if self.places.is_empty() && self.vocabulary.words.is_empty() {
            *self = part;
            return;
        }
        let words: Vec<u32> = part
            .vocabulary
            .words
            .iter()
            .map(|w| self.vocabulary.id(w))
            .collect();
        let (entries, nodes) = (self.places.len(), self.contexts.len() as u32);
        let (groups, outcomes) = (self.groups as u32, self.outcomes as u32);
        let on = |base: u32| move |&n: &u32| if n == u32::MAX { n } else { n + base };
        self.places.extend(part.places);
        self.words.append_mapped(&part.words, &words);
        self.leads
            .extend(part.leads.iter().map(|l| l.map(|w| words[w as usize])));
        self.contexts.append(&part.contexts, entries as u32, &words);
        self.node_of.extend(part.node_of.iter().map(on(nodes)));
        self.group_of.extend(part.group_of.iter().map(on(groups)));
        self.groups += part.groups;
        self.outcome_of
            .extend(part.outcome_of.iter().map(on(outcomes)));
        self.outcomes += part.outcomes;
        self.answer_words.resize(self.vocabulary.words.len(), false);
        for (w, _) in part.answer_words.iter().enumerate().filter(|(_, a)| **a) {
            self.answer_words[words[w] as usize] = true;
        }
        self.cut_answers
            .extend(part.cut_answers.iter().map(|&e| e + entries as u32));
    }
}

/// `trees` cut into at most `count` runs of about as many nodes each, in order.
fn runs(trees: &[Tree], count: usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = trees.iter().map(|t| t.nodes.len()).sum();
    let mut runs = Vec::with_capacity(count);
    let (mut start, mut nodes) = (0, 0);
    for (t, tree) in trees.iter().enumerate() {
        nodes += tree.nodes.len();
        // The run ends once it holds its share of all the nodes.
        if nodes * count >= total * (runs.len() + 1) {
            runs.push(start..t + 1);
            start = t + 1;
        }
    }
    if start < trees.len() {
        runs.push(start..trees.len());
    }
    runs
}

/// What reading entries needs between them.
#[derive(Default)]
struct Reader {
    groups: Groups,
    splitter: Splitter,
    /// The word numbers of the entry being read.
    ids: Vec<u32>,
}

/// The kinds of the entries of a node, in order: its question and answers, or its outcome; then
/// its passages.
fn kinds(tree: &Tree, id: NodeId) -> impl Iterator<Item = Kind> {
    let node = tree.node(id);
    let (own, answers) = match &node.kind {
        NodeKind::Question(q) => (Some(Kind::Question), q.options.len()),
        NodeKind::Checklist(c) => (Some(Kind::Question), c.items.len()),
        NodeKind::Route(_) => (None, 0),
        NodeKind::Outcome(_) => (Some(Kind::Outcome), 0),
    };
    let answers = (0..answers as u16).map(Kind::Answer);
    let passages = (0..node.guidance().len() as u16).map(Kind::Passage);
    own.into_iter().chain(answers).chain(passages)
}

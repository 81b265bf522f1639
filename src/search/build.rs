//! Building the index, in two steps. First the words of every entry are read, on as many
//! threads as the processor has: the entries, laid out in order, are cut into runs of about as
//! many entries each, whatever the trees (one large tree is shared as well as many small ones),
//! and each run numbers the words it reads on its own; each tree's contexts, and the groups of
//! its entries with the same text, are worked out the same way, as work of their own. Then the
//! runs are put one after another, their words numbered once for all.
//!
//! No text is copied: an entry is where it is in its tree ([`Place`]), and only the numbers of
//! its words are kept.

use std::ops::Range;

use super::Kind;
use super::context::{Contexts, Numbers};
use super::groups::Groups;
use super::text::{Text, searched};
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
    /// How many nodes the trees have.
    contexts_nodes: u32,
    /// By outcome number, the words of the outcome's headline, explanation and conditions.
    pub(super) wordings: Lists,
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
    /// Indexes `trees`, one run of entries per thread the processor has.
    pub(super) fn trees(trees: &[Tree]) -> Built {
        Built::trees_in_runs(trees, crate::parallel::threads())
    }

    /// Indexes `trees`, their entries read in `count` runs.
    fn trees_in_runs(trees: &[Tree], count: usize) -> Built {
        let mut built = Built::default();
        // Room for every entry at once: the lists grow to hundreds of thousands over many trees.
        let entries = trees
            .iter()
            .map(|tree| {
                1 + tree
                    .node_ids()
                    .map(|id| kinds(tree, id).count())
                    .sum::<usize>()
            })
            .sum();
        built.places.reserve_exact(entries);
        built.node_of.reserve_exact(entries);
        built.outcome_of.reserve_exact(entries);
        let numbers: Vec<Numbers> = trees
            .iter()
            .enumerate()
            .map(|(t, tree)| built.place_tree(tree, t))
            .collect();
        let work: Vec<Work> = crate::parallel::runs(built.places.len(), count)
            .into_iter()
            .map(Work::Entries)
            .chain((0..trees.len()).map(Work::Tree))
            .collect();
        let places = std::mem::take(&mut built.places);
        let source = Source::Trees(trees);
        let read = crate::parallel::map(&work, |work| match work {
            Work::Entries(run) => Read::entries(run.clone(), &places, source),
            Work::Tree(t) => Read::tree(&trees[*t], &numbers[*t], &places, source),
        });
        built.take(read);
        built.places = places;
        // The facts' names and their values' labels decide answers too (a "Yes" that keeps
        // "No personal or sensitive data").
        let mut keys = Vec::new();
        for fact in trees.iter().flat_map(|tree| &tree.facts) {
            built.vocabulary.extend(&fact.key, &mut keys);
            for value in &fact.values {
                built.vocabulary.extend(&value.label, &mut keys);
            }
        }
        built.answer_words.resize(built.vocabulary.len(), false);
        for w in keys {
            built.answer_words[w as usize] = true;
        }
        built
    }

    /// Ready-made entries (without context), at `places`, with `texts`.
    pub(super) fn given(places: Vec<Place>, texts: &[String]) -> Built {
        let mut built = Built {
            node_of: vec![u32::MAX; places.len()],
            outcome_of: vec![u32::MAX; places.len()],
            ..Built::default()
        };
        let source = Source::Given(texts);
        let all = 0..places.len();
        let read = vec![
            Read::entries(all.clone(), &places, source),
            Read::groups(all, &places, source),
        ];
        built.take(read);
        built.places = places;
        built
    }

    /// Lays out the entries of tree number `t`: its own, then each node's in order ([`kinds`]).
    /// Returns where its nodes' entries and outcomes are numbered from ([`Numbers`]).
    fn place_tree(&mut self, tree: &Tree, t: usize) -> Numbers {
        let place = |node, kind| Place {
            tree: t as u32,
            node,
            kind,
        };
        let start = self.places.len();
        self.places.push(place(tree.start, Kind::Tree));
        self.node_of.push(u32::MAX);
        self.outcome_of.push(u32::MAX);
        let base = self.contexts_nodes;
        self.contexts_nodes += tree.nodes.len() as u32;
        let first_outcome = self.outcomes as u32;
        let mut first_entry = Vec::with_capacity(tree.nodes.len());
        for id in tree.node_ids() {
            let outcome = match tree.outcome(id) {
                Some(_) => {
                    self.outcomes += 1;
                    self.outcomes as u32 - 1
                }
                None => u32::MAX,
            };
            first_entry.push(self.places.len() as u32);
            for kind in kinds(tree, id) {
                self.places.push(place(id, kind));
                self.node_of.push(base + id.0);
                self.outcome_of.push(outcome);
            }
        }
        Numbers {
            entries: start..self.places.len(),
            first_entry,
            first_outcome,
        }
    }

    /// Puts together what was read, in order: each run's words numbered in this vocabulary, its
    /// contexts after those before, and its groups numbered after those before.
    fn take(&mut self, read: Vec<Read>) {
        self.words.reserve_for(read.iter().map(|part| &part.words));
        self.wordings
            .reserve_for(read.iter().map(|part| &part.wordings));
        self.leads
            .reserve(read.iter().map(|part| part.leads.len()).sum());
        self.group_of
            .reserve(read.iter().map(|part| part.group_of.len()).sum());
        for part in read {
            // The first run keeps its numbering: its lists are copied as they are.
            let first = self.vocabulary.len() == 0;
            let words: Vec<u32> = if first {
                self.vocabulary = part.vocabulary;
                (0..self.vocabulary.len() as u32).collect()
            } else {
                part.vocabulary
                    .iter()
                    .map(|w| self.vocabulary.id(w))
                    .collect()
            };
            let mapping = (!first).then_some(words.as_slice());
            self.words.append_mapped(&part.words, mapping);
            self.wordings.append_mapped(&part.wordings, mapping);
            self.leads
                .extend(part.leads.iter().map(|l| l.map(|w| words[w as usize])));
            self.contexts.append(&part.contexts, &words);
            self.answer_words.resize(self.vocabulary.len(), false);
            for (w, _) in part.answer_words.iter().enumerate().filter(|(_, a)| **a) {
                self.answer_words[words[w] as usize] = true;
            }
            self.cut_answers.extend(part.cut_answers);
            let groups = self.groups as u32;
            self.group_of
                .extend(part.group_of.iter().map(|&g| g + groups));
            self.groups += part.groups;
        }
    }
}

/// What a thread is given to read: a run of entries, or the contexts and groups of a tree.
enum Work {
    Entries(Range<usize>),
    Tree(usize),
}

/// What a thread read, its words numbered on its own.
#[derive(Default)]
struct Read {
    vocabulary: Vocabulary,
    /// By entry of the run: the distinct words of its text, and its first word when it has
    /// more than one.
    words: Lists,
    leads: Vec<Option<u32>>,
    /// By word, whether it is in an answer.
    answer_words: Vec<bool>,
    /// The answers (by entry number) whose text is longer than is searched.
    cut_answers: Vec<u32>,
    /// By outcome entry of the run, the words of the outcome's wording ([`Source::wording`]).
    wordings: Lists,
    contexts: Contexts,
    /// By entry of a tree (or of entries that are not a tree's), its group, numbered from 0 in
    /// the order the groups first come; and how many groups there are.
    group_of: Vec<u32>,
    groups: usize,
}

impl Read {
    /// Reads the words of the entries numbered `run`, at `places`, their texts in `source`; and
    /// of each outcome's wording.
    fn entries(run: Range<usize>, places: &[Place], source: Source) -> Read {
        let mut read = Read::default();
        let mut words = Words::default();
        let mut ids = Vec::new();
        for e in run {
            let text = source.text(e, places[e]);
            words.number(&mut read.vocabulary, &mut ids, |each| {
                text.for_each_searched(each)
            });
            read.leads
                .push(ids.first().copied().filter(|_| ids.len() > 1));
            if matches!(places[e].kind, Kind::Answer(_)) {
                read.answer_words.resize(read.vocabulary.len(), false);
                for &w in &ids {
                    read.answer_words[w as usize] = true;
                }
                if text.is_cut() {
                    read.cut_answers.push(e as u32);
                }
            }
            words.push_distinct(&read.vocabulary, &mut ids, &mut read.words);
            if let Some(wording) = source.wording(places[e]) {
                words.number(&mut read.vocabulary, &mut ids, |each| {
                    wording.for_each(each)
                });
                words.push_distinct(&read.vocabulary, &mut ids, &mut read.wordings);
            }
        }
        read
    }

    /// Reads the contexts of `tree` and the groups of its entries, given where its entries and
    /// outcomes are numbered from, the entries' `places` and their texts' `source`.
    fn tree(tree: &Tree, numbers: &Numbers, places: &[Place], source: Source) -> Read {
        let mut read = Read::groups(numbers.entries.clone(), places, source);
        read.contexts.add(tree, numbers, &mut read.vocabulary);
        read
    }

    /// Puts the entries numbered `entries` in groups: the same text of the same kind in one
    /// tree is one group ([`Groups`]).
    fn groups(entries: Range<usize>, places: &[Place], source: Source) -> Read {
        let mut groups = Groups::with_capacity(entries.len());
        let mut scratch = Vec::new();
        let group_of = entries
            .clone()
            .map(|e| {
                let text = source.text(e, places[e]);
                let key = (places[e].tree, places[e].kind, text.hash(&mut scratch));
                groups.of(e, key, |earlier| {
                    source.text(earlier, places[earlier]).same(&text)
                })
            })
            .collect();
        Read {
            group_of,
            groups: groups.count(),
            ..Read::default()
        }
    }
}

/// Where the entries' texts are.
#[derive(Clone, Copy)]
enum Source<'a> {
    Trees(&'a [Tree]),
    Given(&'a [String]),
}

impl<'a> Source<'a> {
    /// The text of entry number `e`, at `place`.
    fn text(self, e: usize, place: Place) -> Text<'a> {
        match self {
            Source::Trees(trees) => Text::of(&trees[place.tree as usize], place.node, place.kind),
            Source::Given(texts) => Text::given(&texts[e]),
        }
    }

    /// The wording of the outcome at `place`, if it is an outcome's entry: its headline,
    /// explanation and conditions, each as far as it is searched.
    fn wording(self, place: Place) -> Option<impl Iterator<Item = &'a str>> {
        let Source::Trees(trees) = self else {
            return None;
        };
        if place.kind != Kind::Outcome {
            return None;
        }
        let outcome = trees[place.tree as usize].outcome(place.node)?;
        let paragraphs = outcome.explanation.iter().chain(&outcome.conditions);
        Some(
            std::iter::once(outcome.headline.as_str())
                .chain(paragraphs.map(|p| p.item.as_str()))
                .map(searched),
        )
    }
}

/// Reading the words of texts one after another, for [`Read::entries`].
#[derive(Default)]
struct Words {
    splitter: Splitter,
    /// By word number, the list that last had the word.
    seen: Vec<u32>,
    /// The number of the list being made.
    list: u32,
}

impl Words {
    /// The numbers of the words of the pieces of text `pieces` gives, in order, in `ids`
    /// (cleared first); new words are added to `vocabulary`.
    fn number(
        &mut self,
        vocabulary: &mut Vocabulary,
        ids: &mut Vec<u32>,
        pieces: impl FnOnce(&mut dyn FnMut(&str)),
    ) {
        ids.clear();
        let splitter = &mut self.splitter;
        pieces(&mut |piece| splitter.words(piece, |w| ids.push(vocabulary.id(w))));
    }

    /// Adds `ids` to `lists` with each word once, in the order they come, leaving in `ids`
    /// only their first times.
    fn push_distinct(&mut self, vocabulary: &Vocabulary, ids: &mut Vec<u32>, lists: &mut Lists) {
        self.list += 1;
        let list = self.list;
        self.seen.resize(vocabulary.len(), 0);
        ids.retain(|&w| std::mem::replace(&mut self.seen[w as usize], list) != list);
        lists.push(ids);
    }
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

#[cfg(test)]
mod tests {
    use super::super::vocabulary::{NO_MATCH, WordScores};
    use super::*;
    use crate::catalog::{Catalog, Selection};

    /// What an index says of each entry and node, in words rather than word numbers (which
    /// depend on the order words were met).
    fn described(built: &Built) -> Vec<String> {
        let vocabulary: Vec<&str> = built.vocabulary.iter().collect();
        let word = |w: &u32| vocabulary[*w as usize].to_string();
        let mut described: Vec<String> = (0..built.places.len())
            .map(|e| {
                let mut words: Vec<String> = built.words.get(e).iter().map(word).collect();
                words.sort();
                format!(
                    "{:?} {words:?} lead {:?} group {} node {} outcome {} cut {}",
                    built.places[e],
                    built.leads[e].as_ref().map(word),
                    built.group_of[e],
                    built.node_of[e],
                    built.outcome_of[e],
                    built.cut_answers.contains(&(e as u32)),
                )
            })
            .collect();
        let mut answer_words: Vec<&&str> = vocabulary
            .iter()
            .zip(&built.answer_words)
            .filter_map(|(w, a)| a.then_some(w))
            .collect();
        answer_words.sort();
        described.push(format!(
            "groups {} outcomes {} answer words {answer_words:?}",
            built.groups, built.outcomes
        ));
        // Each node's context, by the score of every word of the vocabulary in it.
        for (w, text) in vocabulary.iter().enumerate() {
            let table = WordScores {
                scores: (0..vocabulary.len())
                    .map(|v| if v == w { 100 } else { NO_MATCH })
                    .collect(),
                leads: vec![false; vocabulary.len()],
            };
            let own: Vec<i16> = (0..built.places.len())
                .map(|e| table.best(built.words.get(e)))
                .collect();
            let nodes = built.contexts.scores(&table, &own, &built.wordings);
            let found: Vec<usize> = (0..nodes.len()).filter(|&n| nodes[n] > 0).collect();
            described.push(format!("{text}: {found:?}"));
        }
        described.sort();
        described
    }

    #[test]
    fn the_index_is_the_same_however_many_runs_read_it() {
        let catalog = Catalog::load(&Selection::new(true, vec![]));
        let one = described(&Built::trees_in_runs(&catalog.trees, 1));
        for count in [2, 7] {
            let many = described(&Built::trees_in_runs(&catalog.trees, count));
            assert_eq!(one.len(), many.len());
            for (a, b) in one.iter().zip(&many) {
                assert_eq!(a, b, "read in {count} runs");
            }
        }
    }

    #[test]
    fn entries_with_the_same_text_are_one_group() {
        let place = |node| Place {
            tree: 0,
            node: NodeId(node),
            kind: Kind::Answer(0),
        };
        let texts = ["Yes", "No", "Other", "Yes"].map(String::from);
        let built = Built::given((0..4).map(place).collect(), &texts);
        assert_eq!(built.group_of, [0, 1, 2, 0]);
        assert_eq!(built.groups, 3);
    }
}

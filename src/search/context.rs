//! What a node's entries are also found by: the node's own wording (its question, or its
//! outcome's headline, explanation and conditions) and the answers on every route to it. So
//! "send files to police" finds the criminal justice partner answer reached by "Documents or
//! files".
//!
//! Nothing is copied per node: each answer's words are its entry's, and a node refers to the
//! answers that lead into it. A query word's score in every node's context is worked out in one
//! pass over the nodes in an order where each comes after those that lead into it: the best of
//! its own wording, and of each answer into it and the routes to that answer's question.

use std::ops::Range;

use super::vocabulary::{Lists, NO_MATCH, Vocabulary, WordScores};
use crate::tree::{NodeKind, Tree};

/// Where a tree's entries and outcomes are numbered from, in the index.
pub(super) struct Numbers {
    /// Its entries: its own, then its nodes'.
    pub(super) entries: Range<usize>,
    /// By node, the number of its first entry (its question, followed by one entry per answer,
    /// or its outcome).
    pub(super) first_entry: Vec<u32>,
    /// The number of its first outcome; the others follow in the order of their nodes.
    pub(super) first_outcome: u32,
}

/// Set on a word list number that is one of [`Contexts`]' own lists, not an entry's.
const OWN_LIST: u32 = 1 << 31;
/// Set on a word list number that is an outcome's wording (by outcome number), not an entry's.
const WORDING: u32 = 1 << 30;
/// No words.
const NO_LIST: u32 = u32::MAX;

/// The contexts of every node of every tree indexed, numbered across trees.
#[derive(Default)]
pub(super) struct Contexts {
    /// Word lists that are not an entry's: the answers a checklist's or route's ways out name.
    lists: Lists,
    /// By node, its own wording: an entry's word list (its question's), an outcome's wording
    /// ([`WORDING`]), or none.
    own: Vec<u32>,
    /// By node, where the answers that lead into it start in `edges` (one more at the end).
    into: Vec<u32>,
    /// (the node the answer belongs to, the answer's word list).
    edges: Vec<(u32, u32)>,
    /// Every node after every node that leads into it.
    order: Vec<u32>,
}

impl Contexts {
    /// Adds the nodes of `tree`, given where its entries and outcomes are numbered from.
    pub(super) fn add(&mut self, tree: &Tree, numbers: &Numbers, vocabulary: &mut Vocabulary) {
        let base = self.own.len() as u32;
        if self.into.is_empty() {
            self.into.push(0);
        }
        // (node led into, node it comes from, word list), in the tree's numbering.
        let mut found: Vec<(u32, u32, u32)> = Vec::new();
        let mut ids = Vec::new();
        let mut outcome = numbers.first_outcome;
        for id in tree.node_ids() {
            let first = numbers.first_entry[id.index()];
            let own = match &tree.node(id).kind {
                NodeKind::Question(q) => {
                    for (i, option) in q.options.iter().enumerate() {
                        found.push((option.next.0, id.0, first + 1 + i as u32));
                    }
                    first
                }
                NodeKind::Checklist(_) => {
                    for (next, label) in tree.edges(id) {
                        found.push((next.0, id.0, self.list(&label, vocabulary, &mut ids)));
                    }
                    first
                }
                NodeKind::Route(_) => {
                    // A route's rules name the answers that send a walk down each of them.
                    for (next, label) in tree.edges(id) {
                        found.push((next.0, id.0, self.list(&label, vocabulary, &mut ids)));
                    }
                    NO_LIST
                }
                NodeKind::Outcome(_) => {
                    outcome += 1;
                    WORDING | (outcome - 1)
                }
            };
            self.own.push(own);
        }
        let nodes = tree.nodes.len();
        found.sort_unstable_by_key(|&(to, ..)| to);
        let mut k = 0;
        for to in 0..nodes as u32 {
            while let Some(&(_, from, list)) = found.get(k).filter(|e| e.0 == to) {
                self.edges.push((base + from, list));
                k += 1;
            }
            self.into.push(self.edges.len() as u32);
        }
        self.order_nodes(base, nodes, &found);
    }

    /// Adds the nodes of `other`, whose word numbers are `words` (by its own numbering). The
    /// entries it refers to are numbered as in this index.
    pub(super) fn append(&mut self, other: &Contexts, words: &[u32]) {
        let (nodes, lists) = (self.own.len() as u32, self.lists.len() as u32);
        let edges = self.edges.len() as u32;
        let list = |l: u32| match l {
            l if l != NO_LIST && l & OWN_LIST != 0 => l + lists,
            entry_wording_or_none => entry_wording_or_none,
        };
        self.lists.append_mapped(&other.lists, Some(words));
        self.own.extend(other.own.iter().map(|&l| list(l)));
        if self.into.is_empty() {
            self.into.push(0);
        }
        self.into
            .extend(other.into.iter().skip(1).map(|&e| e + edges));
        self.edges
            .extend(other.edges.iter().map(|&(from, l)| (from + nodes, list(l))));
        self.order.extend(other.order.iter().map(|&n| n + nodes));
    }

    /// The number of a new list of the words of `text`.
    fn list(&mut self, text: &str, vocabulary: &mut Vocabulary, ids: &mut Vec<u32>) -> u32 {
        ids.clear();
        vocabulary.extend(text, ids);
        ids.sort_unstable();
        ids.dedup();
        self.lists.push(ids);
        OWN_LIST | (self.lists.len() as u32 - 1)
    }

    /// Appends the tree's nodes to `order`, each after those that lead into it (Kahn's
    /// algorithm over `found`, sorted by the node led into). Trees have no cycles; a node on one
    /// would be left out, and its context would hold only its own wording.
    fn order_nodes(&mut self, base: u32, nodes: usize, found: &[(u32, u32, u32)]) {
        let mut waiting = vec![0u32; nodes];
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); nodes];
        for &(to, from, _) in found {
            waiting[to as usize] += 1;
            out[from as usize].push(to);
        }
        let mut ready: Vec<u32> = (0..nodes as u32)
            .filter(|&n| waiting[n as usize] == 0)
            .collect();
        while let Some(n) = ready.pop() {
            self.order.push(base + n);
            for &to in &out[n as usize] {
                waiting[to as usize] -= 1;
                if waiting[to as usize] == 0 {
                    ready.push(to);
                }
            }
        }
    }

    /// One query word's score in each node's context, by node: given `table`, the best score
    /// of the word in each entry's own words (`entry_best`), and the outcomes' wordings.
    pub(super) fn scores(
        &self,
        table: &WordScores,
        entry_best: &[i16],
        wordings: &Lists,
    ) -> Vec<i16> {
        let lists: Vec<i16> = (0..self.lists.len())
            .map(|l| table.best(self.lists.get(l)))
            .collect();
        let best = |list: u32| match list {
            NO_LIST => NO_MATCH,
            l if l & OWN_LIST != 0 => lists[(l & !OWN_LIST) as usize],
            l if l & WORDING != 0 => table.best(wordings.get((l & !WORDING) as usize)),
            entry => entry_best[entry as usize],
        };
        let mut routes = vec![NO_MATCH; self.own.len()];
        let mut scores = vec![NO_MATCH; self.own.len()];
        for &n in &self.order {
            let n = n as usize;
            let mut route = NO_MATCH;
            for &(from, list) in &self.edges[self.into[n] as usize..self.into[n + 1] as usize] {
                route = route.max(best(list)).max(routes[from as usize]);
            }
            routes[n] = route;
            scores[n] = route.max(best(self.own[n]));
        }
        scores
    }
}

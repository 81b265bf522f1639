//! The validated, indexed tree that the rest of the program works with.
//!
//! Every reference is resolved to a compact integer index at load time: walking, tables and
//! search never hash a string.

use std::collections::HashMap;

use chrono::NaiveDate;

pub use super::format::{ContactDoc as Contact, Verdict};

/// Index of a node in [`Tree::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A loaded, validated decision tree.
#[derive(Clone, Debug)]
pub struct Tree {
    /// Short id (`share`).
    pub id: String,
    /// The question the tree answers.
    pub title: String,
    /// One line on what it covers.
    pub summary: String,
    /// The team responsible for the content.
    pub owner: String,
    /// When the content is due for review.
    pub review_by: NaiveDate,
    /// Content version.
    pub version: String,
    /// Where the tree was loaded from (a path, or `<embedded>/share.ron`).
    pub origin: String,
    /// The documents quoted, indexed by [`Passage::source`].
    pub sources: Vec<Source>,
    /// The contacts this tree refers to, indexed by the ids in nodes.
    pub contacts: Vec<ContactEntry>,
    /// The first node.
    pub start: NodeId,
    /// Every node.
    pub nodes: Vec<Node>,
    index: HashMap<String, NodeId>,
}

/// A document a tree quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The key used in passages.
    pub key: String,
    /// Document title.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// Where it is published.
    pub url: Option<String>,
    /// File name, for quote checking.
    pub file: Option<String>,
}

/// A contact with its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactEntry {
    /// The id used in trees.
    pub id: String,
    /// Who they are and how to reach them.
    pub contact: Contact,
}

/// A question or an outcome, with its id.
#[derive(Clone, Debug)]
pub struct Node {
    /// The id authors use.
    pub id: String,
    /// What the node is.
    pub kind: NodeKind,
}

/// The two kinds of node.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// Asks something and branches on the answer.
    Question(Question),
    /// Ends the walk with a verdict.
    Outcome(Outcome),
}

/// A question.
#[derive(Clone, Debug)]
pub struct Question {
    /// The question.
    pub text: String,
    /// Longer explanation.
    pub help: Option<String>,
    /// The answers, at least one.
    pub options: Vec<Choice>,
    /// Passages that explain it.
    pub guidance: Vec<Passage>,
    /// Indices into [`Tree::contacts`].
    pub contacts: Vec<u32>,
}

/// One answer to a question.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The answer.
    pub label: String,
    /// One line that makes it clearer.
    pub detail: Option<String>,
    /// Where it leads.
    pub next: NodeId,
}

/// An outcome.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// The answer in a few words.
    pub headline: String,
    /// Why.
    pub explanation: String,
    /// What to do or check.
    pub conditions: Vec<String>,
    /// What to try next, in order.
    pub fallbacks: Vec<String>,
    /// The passages it rests on.
    pub guidance: Vec<Passage>,
    /// Indices into [`Tree::contacts`].
    pub contacts: Vec<u32>,
}

/// A verbatim quote.
#[derive(Clone, Debug)]
pub struct Passage {
    /// Index into [`Tree::sources`].
    pub source: u32,
    /// The heading it sits under.
    pub section: String,
    /// The words.
    pub quote: String,
}

impl Tree {
    /// Assembles a tree from validated parts (used by the loader).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        header: Header,
        sources: Vec<Source>,
        contacts: Vec<ContactEntry>,
        start: NodeId,
        nodes: Vec<Node>,
        index: HashMap<String, NodeId>,
    ) -> Tree {
        Tree {
            id: header.id,
            title: header.title,
            summary: header.summary,
            owner: header.owner,
            review_by: header.review_by,
            version: header.version,
            origin: header.origin,
            sources,
            contacts,
            start,
            nodes,
            index,
        }
    }

    /// The node at `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Looks a node up by the id authors wrote.
    pub fn find(&self, key: &str) -> Option<NodeId> {
        self.index.get(key).copied()
    }

    /// The question at `id`, if it is one.
    pub fn question(&self, id: NodeId) -> Option<&Question> {
        match &self.node(id).kind {
            NodeKind::Question(q) => Some(q),
            NodeKind::Outcome(_) => None,
        }
    }

    /// The outcome at `id`, if it is one.
    pub fn outcome(&self, id: NodeId) -> Option<&Outcome> {
        match &self.node(id).kind {
            NodeKind::Outcome(o) => Some(o),
            NodeKind::Question(_) => None,
        }
    }

    /// The source of a passage.
    pub fn source(&self, passage: &Passage) -> &Source {
        &self.sources[passage.source as usize]
    }

    /// Whether the review date is before `today`.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review_by < today
    }

    /// Every node id, in file order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }
}

impl Node {
    /// The guidance passages of either kind of node.
    pub fn guidance(&self) -> &[Passage] {
        match &self.kind {
            NodeKind::Question(q) => &q.guidance,
            NodeKind::Outcome(o) => &o.guidance,
        }
    }

    /// The contact indices of either kind of node.
    pub fn contacts(&self) -> &[u32] {
        match &self.kind {
            NodeKind::Question(q) => &q.contacts,
            NodeKind::Outcome(o) => &o.contacts,
        }
    }

    /// The question text or the outcome headline.
    pub fn title(&self) -> &str {
        match &self.kind {
            NodeKind::Question(q) => &q.text,
            NodeKind::Outcome(o) => &o.headline,
        }
    }
}

/// The header fields of a tree, gathered by the loader.
pub(crate) struct Header {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub owner: String,
    pub review_by: NaiveDate,
    pub version: String,
    pub origin: String,
}

//! What a change to a tree does: compares two versions answer path by answer path (matched by
//! their sequence of option labels), node by node (matched by id), and wording by wording.
//!
//! A path's outcome has changed when, for the same answers, the walk ends on a different outcome
//! node, or on an outcome whose verdict or headline is different. When the outcome is the same
//! but text shown only under a `when:` now appears or disappears on that path, it is a text
//! change on that path. The result serialises to the JSON that `signpost diff --format json`
//! prints (documented in `docs/authoring.md`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::facts::{Check, Facts};
use super::format::Verdict;
use super::model::{Checklist, NodeId, NodeKind, Outcome, Passage, Question, Tree, When};
use super::paths::{for_each_path_deciding, labels};

/// Everything that differs between an old and a new version of a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TreeDiff {
    /// Answer paths in both versions whose outcome changed, in the new version's path order.
    pub changed: Vec<PathChange>,
    /// Paths and nodes only in the new version.
    pub added: Vec<Item>,
    /// Paths and nodes only in the old version.
    pub removed: Vec<Item>,
    /// Reworded text, node by node.
    pub text_changes: Vec<TextChange>,
    /// Paths that end on the same outcome but now show or hide some of its conditional text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path_text_changes: Vec<PathTextChange>,
    /// The changed paths whose verdict moved towards allowing more (not allowed → ask for
    /// help → allowed with conditions → recommended): the ones a reviewer reads first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_permissive: Vec<PathChange>,
    /// Nodes the old version could reach from its start and the new one cannot (by id).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreachable: Vec<String>,
    /// Set when the versions were compared node by node instead of path by path (too many
    /// answer paths to list); then `changed` is empty and this says what changed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub by_node: Option<ByNode>,
}

/// What a node-by-node comparison finds instead of changed paths.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ByNode {
    /// Why the versions were compared node by node.
    #[serde(rename = "by_node")]
    pub why: String,
    /// Answers of a node in both versions that now lead elsewhere.
    pub moved: Vec<MovedAnswer>,
    /// Outcomes in both versions whose verdict or headline changed.
    pub outcome_nodes: Vec<OutcomeNodeChange>,
}

/// An answer (an option, a checklist's "every answer", a route's rule) of a node in both
/// versions that leads to a different node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MovedAnswer {
    /// The node id.
    pub node: String,
    /// The answer: an option's label, "any answer" for a checklist, "rule N" or "otherwise"
    /// (with the old and new condition when that changed).
    pub answer: String,
    /// Where it led (node id); `None` for an answer the old version did not have.
    pub before: Option<String>,
    /// Where it leads now (node id); `None` for an answer the new version no longer has.
    pub after: Option<String>,
}

/// An outcome node in both versions whose verdict or headline changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeNodeChange {
    /// As it was.
    pub before: OutcomeRef,
    /// As it is.
    pub after: OutcomeRef,
    /// Its verdict moved towards allowing more.
    pub more_permissive: bool,
}

/// The facts a path sets, by key (empty for a tree without facts).
pub type FactMap = serde_json::Map<String, serde_json::Value>;

/// Conditional text of an outcome that one path now shows, or no longer shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathTextChange {
    /// The answers, in order.
    pub answers: Vec<String>,
    /// The outcome's node id.
    pub outcome: String,
    /// Text now shown on this path ("passage: …", "fallback: …").
    pub shown: Vec<String>,
    /// Text no longer shown on this path.
    pub hidden: Vec<String>,
}

/// The same answers, leading to a different outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathChange {
    /// The option labels, in order (in the new version).
    pub answers: Vec<String>,
    /// The old version's answers, when they differ: a path of one version that stops where the
    /// other's goes on (or goes on where it stopped) is compared with it by outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_answers: Option<Vec<String>>,
    /// The facts the answers set (in the new version).
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub facts: FactMap,
    /// Where they led.
    pub before: OutcomeRef,
    /// Where they lead now.
    pub after: OutcomeRef,
}

/// An outcome, as a path ends on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeRef {
    /// The node id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// The verdict.
    pub verdict: Verdict,
}

/// A path or node that exists in only one of the versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    /// An answer path and the outcome it ends on.
    Path {
        /// The option labels, in order.
        answers: Vec<String>,
        /// The facts the answers set.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        facts: FactMap,
        /// Where they lead.
        outcome: OutcomeRef,
    },
    /// A question node (or a checklist).
    Question {
        /// The node id.
        id: String,
        /// The question text.
        title: String,
    },
    /// A route node.
    Route {
        /// The node id.
        id: String,
    },
    /// An outcome node.
    Outcome {
        /// The node id.
        id: String,
        /// The headline.
        title: String,
        /// The verdict.
        verdict: Verdict,
    },
}

/// One piece of text that was reworded, added or removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextChange {
    /// The node id; `None` for the tree's own fields (title, summary, …).
    pub node: Option<String>,
    /// Which text.
    pub field: Field,
    /// The 1-based position of the option, condition, fallback, passage or contact: in the new
    /// version, or in the old one when it was removed.
    pub index: Option<usize>,
    /// The old text; `None` when it was added.
    pub before: Option<String>,
    /// The new text; `None` when it was removed.
    pub after: Option<String>,
}

/// Which text of a tree or node a [`TextChange`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The tree's title.
    Title,
    /// The tree's summary.
    Summary,
    /// The tree's owner.
    Owner,
    /// The tree's content version.
    Version,
    /// The tree's review date.
    ReviewBy,
    /// A question's text.
    Text,
    /// A question's help text.
    Help,
    /// An option's label.
    Label,
    /// An option's detail line.
    Detail,
    /// An outcome's headline.
    Headline,
    /// An outcome's explanation.
    Explanation,
    /// One of an outcome's conditions.
    Condition,
    /// One of an outcome's fallbacks.
    Fallback,
    /// A passage's quote.
    Quote,
    /// A passage's section heading.
    Section,
    /// The title of a passage's source document.
    Source,
    /// A contact id.
    Contact,
    /// A link's title and address.
    Link,
}

impl Field {
    /// The field as people read it: `option 2 label`, `passage 1 quote`, `help`.
    pub fn describe(self, index: Option<usize>) -> String {
        let n = index.map(|i| format!(" {i}")).unwrap_or_default();
        match self {
            Field::Title => "tree title".to_string(),
            Field::Summary => "tree summary".to_string(),
            Field::Owner => "owner".to_string(),
            Field::Version => "version".to_string(),
            Field::ReviewBy => "review date".to_string(),
            Field::Text => "question text".to_string(),
            Field::Help => "help".to_string(),
            Field::Label => format!("option{n} label"),
            Field::Detail => format!("option{n} detail"),
            Field::Headline => "headline".to_string(),
            Field::Explanation => "explanation".to_string(),
            Field::Condition => format!("condition{n}"),
            Field::Fallback => format!("fallback{n}"),
            Field::Quote => format!("passage{n} quote"),
            Field::Section => format!("passage{n} section"),
            Field::Source => format!("passage{n} source"),
            Field::Contact => format!("contact{n}"),
            Field::Link => format!("link{n}"),
        }
    }
}

impl TreeDiff {
    /// Whether any answer path now ends differently (the review gate: exit code 1). Compared
    /// node by node: whether any answer leads elsewhere or any outcome reads differently.
    pub fn outcomes_changed(&self) -> bool {
        !self.changed.is_empty()
            || self
                .by_node
                .as_ref()
                .is_some_and(|b| !b.moved.is_empty() || !b.outcome_nodes.is_empty())
    }

    /// Whether the two versions are the same in every respect compared.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.text_changes.is_empty()
            && self.path_text_changes.is_empty()
            && self.unreachable.is_empty()
            && !self.outcomes_changed()
    }
}

/// Compares two versions of a tree, answer path by answer path.
pub fn diff(old: &Tree, new: &Tree) -> TreeDiff {
    let mut out = TreeDiff::default();
    compare_paths(old, new, &mut out);
    compare_structure(old, new, &mut out);
    out
}

/// Compares two versions node by node, for trees with too many answer paths to list (`why`
/// says so): answers that now lead elsewhere, outcomes whose verdict or headline changed, nodes
/// added, removed or no longer reachable, and reworded text. Linear in the number of nodes.
pub fn diff_by_node(old: &Tree, new: &Tree, why: String) -> TreeDiff {
    let mut by_node = ByNode {
        why,
        ..ByNode::default()
    };
    for (old_id, new_id) in common_nodes(old, new) {
        let id = &new.node(new_id).id;
        for (answer, before, after, reworded) in answer_targets(old, old_id, new, new_id) {
            let before = before.map(|n| old.node(n).id.clone());
            let after = after.map(|n| new.node(n).id.clone());
            if reworded || before != after {
                by_node.moved.push(MovedAnswer {
                    node: id.clone(),
                    answer,
                    before,
                    after,
                });
            }
        }
        if let (Some(before), Some(after)) = (outcome_ref(old, old_id), outcome_ref(new, new_id))
            && (before.verdict, &before.title) != (after.verdict, &after.title)
        {
            by_node.outcome_nodes.push(OutcomeNodeChange {
                more_permissive: permissiveness(after.verdict) > permissiveness(before.verdict),
                before,
                after,
            });
        }
    }
    let mut out = TreeDiff {
        by_node: Some(by_node),
        ..TreeDiff::default()
    };
    compare_structure(old, new, &mut out);
    out
}

/// Each answer of a node in both versions with where it leads in each (`None` in the version
/// without that answer), and whether its condition changed (which moves answers as much as a
/// new target does): options paired by label, a checklist's one `next`, a route's rules by
/// position.
fn answer_targets(
    old: &Tree,
    old_id: NodeId,
    new: &Tree,
    new_id: NodeId,
) -> Vec<(String, Option<NodeId>, Option<NodeId>, bool)> {
    match (&old.node(old_id).kind, &new.node(new_id).kind) {
        (NodeKind::Question(a), NodeKind::Question(b)) => {
            let target = |options: &[super::model::Choice], label: &str| {
                options.iter().find(|o| o.label == label).map(|o| o.next)
            };
            let added_or_kept = b.options.iter().map(|after| {
                let before = target(&a.options, &after.label);
                (after.label.clone(), before, Some(after.next), false)
            });
            let removed = a
                .options
                .iter()
                .filter(|before| target(&b.options, &before.label).is_none())
                .map(|before| (before.label.clone(), Some(before.next), None, false));
            added_or_kept.chain(removed).collect()
        }
        (NodeKind::Checklist(a), NodeKind::Checklist(b)) => {
            vec![("any answer".to_string(), Some(a.next), Some(b.next), false)]
        }
        (NodeKind::Route(a), NodeKind::Route(b)) => a
            .rules
            .iter()
            .zip(&b.rules)
            .enumerate()
            .map(|(i, (before, after))| {
                let last = i + 1 == a.rules.len().min(b.rules.len());
                let mut name = if last && a.rules.len() == b.rules.len() {
                    "otherwise".to_string()
                } else {
                    format!("rule {}", i + 1)
                };
                let (was, is) = (
                    before.condition.describe(&old.facts),
                    after.condition.describe(&new.facts),
                );
                if was != is {
                    name = format!("{name} (its condition was: {was}; now: {is})");
                }
                (name, Some(before.go), Some(after.go), was != is)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What both ways of comparing share: nodes added and removed, nodes no longer reachable, and
/// reworded text.
fn compare_structure(old: &Tree, new: &Tree, out: &mut TreeDiff) {
    compare_node_sets(old, new, out);
    out.unreachable = newly_unreachable(old, new);
    let mut texts = Texts {
        node: None,
        out: &mut out.text_changes,
    };
    compare_header(old, new, &mut texts);
    for (old_id, new_id) in common_nodes(old, new) {
        texts.node = Some(new.node(new_id).id.clone());
        match (&old.node(old_id).kind, &new.node(new_id).kind) {
            (NodeKind::Question(a), NodeKind::Question(b)) => {
                compare_questions((old, a), (new, b), &mut texts)
            }
            (NodeKind::Checklist(a), NodeKind::Checklist(b)) => {
                compare_checklists((old, a), (new, b), &mut texts)
            }
            (NodeKind::Outcome(a), NodeKind::Outcome(b)) => {
                compare_outcomes((old, a), (new, b), &mut texts)
            }
            _ => {}
        }
    }
}

/// The outcome a path ends on.
fn outcome_ref(tree: &Tree, id: NodeId) -> Option<OutcomeRef> {
    let outcome = tree.outcome(id)?;
    Some(OutcomeRef {
        id: tree.node(id).id.clone(),
        title: outcome.headline.clone(),
        verdict: outcome.verdict,
    })
}

/// One path of a tree, as `diff` compares it.
struct PathInfo {
    answers: Vec<String>,
    facts: FactMap,
    outcome: OutcomeRef,
    /// Everything the outcome shows on this path (see [`shown_texts`]).
    shown: Vec<String>,
}

/// The checklist items any condition of `tree` looks at, as (fact key, item value).
fn items_looked_at(tree: &Tree) -> HashSet<(&str, &str)> {
    let rules = tree.nodes.iter().flat_map(|n| match &n.kind {
        NodeKind::Route(r) => r.rules.iter().map(|rule| &rule.condition).collect(),
        _ => Vec::new(),
    });
    let whens = tree.nodes.iter().flat_map(|n| n.conditions());
    let mut out = HashSet::new();
    for condition in rules.chain(whens) {
        for test in &condition.tests {
            if let Check::Has(item) | Check::Lacks(item) = test.check {
                let fact = &tree.facts[test.fact.index()];
                if let Some(value) = fact.values.get(item as usize) {
                    out.insert((fact.key.as_str(), value.value.as_str()));
                }
            }
        }
    }
    out
}

/// Per fact of `tree`, the items either version looks at: deciding them on every path makes
/// the two versions' rows line up answer by answer (an item one version ignores would
/// otherwise hide a case the other tells apart).
fn items_to_decide(tree: &Tree, looked_at: &HashSet<(&str, &str)>) -> Vec<u64> {
    tree.facts
        .iter()
        .map(|fact| {
            fact.values
                .iter()
                .enumerate()
                .filter(|(_, v)| looked_at.contains(&(fact.key.as_str(), v.value.as_str())))
                .take(MAX_ITEMS_DECIDED)
                .fold(0u64, |mask, (i, _)| mask | (1 << i))
        })
        .collect()
}

/// Deciding k items multiplies a path by 2^k: past this many items of one checklist, the rest
/// are split only where a condition asks, as `table` does.
const MAX_ITEMS_DECIDED: usize = 12;

/// Every path of a tree, in path order, deciding the checklist items in `eager`.
fn paths_of(tree: &Tree, eager: &[u64]) -> Vec<PathInfo> {
    let mut out = Vec::new();
    for_each_path_deciding(tree, eager, |steps, outcome, facts| {
        if let Some(outcome_ref) = outcome_ref(tree, outcome) {
            out.push(PathInfo {
                answers: labels(tree, steps)
                    .into_iter()
                    .map(|a| a.into_owned())
                    .collect(),
                facts: tree.facts_json(facts),
                shown: shown_texts(tree, outcome, Some(facts)),
                outcome: outcome_ref,
            });
        }
    });
    out
}

/// The texts an outcome shows to a walk with `facts` (all of them for `None`), each prefixed
/// with what it is: "condition: …", "passage: …".
fn shown_texts(tree: &Tree, outcome: NodeId, facts: Option<&Facts>) -> Vec<String> {
    let Some(o) = tree.outcome(outcome) else {
        return Vec::new();
    };
    let shown = o.shown(facts);
    let mut out = Vec::new();
    let mut add = |kind: &str, text: &str| out.push(format!("{kind}: {text}"));
    for paragraph in shown.explanation.split("\n\n").filter(|p| !p.is_empty()) {
        add("explanation", paragraph);
    }
    shown.conditions.iter().for_each(|c| add("condition", c));
    shown.fallbacks.iter().for_each(|f| add("fallback", f));
    shown.guidance.iter().for_each(|p| add("passage", &p.quote));
    for c in &shown.contacts {
        if let Some(entry) = tree.contacts.get(*c as usize) {
            add("contact", &entry.id);
        }
    }
    shown
        .links
        .iter()
        .for_each(|l| add("link", &format!("{} <{}>", l.title, l.url)));
    out
}

fn compare_paths(old: &Tree, new: &Tree, out: &mut TreeDiff) {
    let mut looked_at = items_looked_at(old);
    looked_at.extend(items_looked_at(new));
    let old_paths = paths_of(old, &items_to_decide(old, &looked_at));
    let new_paths = paths_of(new, &items_to_decide(new, &looked_at));
    let mut by_answers: HashMap<&[String], &PathInfo> = HashMap::new();
    for path in &old_paths {
        by_answers.entry(path.answers.as_slice()).or_insert(path);
    }
    let new_answers: HashSet<&[String]> = new_paths.iter().map(|p| p.answers.as_slice()).collect();
    let mut unmatched_new: Vec<&PathInfo> = Vec::new();
    for path in &new_paths {
        match by_answers.get(path.answers.as_slice()) {
            Some(before) if before.outcome != path.outcome => {
                out.changed.push(path_change(before, path))
            }
            Some(before) => {
                if let Some(change) = conditional_change(old, new, before, path) {
                    out.path_text_changes.push(change);
                }
            }
            None => unmatched_new.push(path),
        }
    }
    let unmatched_old: Vec<&PathInfo> = old_paths
        .iter()
        .filter(|p| !new_answers.contains(p.answers.as_slice()))
        .collect();
    // A path that stops where the other version's goes on, or goes on where it stopped, is the
    // same situation asked about more (or less): compare it by outcome.
    let mut old_prefixes: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, path) in unmatched_old.iter().enumerate() {
        for length in 1..path.answers.len() {
            old_prefixes
                .entry(&path.answers[..length])
                .or_default()
                .push(i);
        }
    }
    let old_by_answers: HashMap<&[String], usize> = unmatched_old
        .iter()
        .enumerate()
        .map(|(i, p)| (p.answers.as_slice(), i))
        .collect();
    let mut old_paired = vec![false; unmatched_old.len()];
    for path in unmatched_new {
        let shorter = (1..path.answers.len())
            .filter_map(|length| old_by_answers.get(&path.answers[..length]).copied());
        let longer = old_prefixes
            .get(path.answers.as_slice())
            .into_iter()
            .flatten()
            .copied();
        let partners: Vec<usize> = shorter.chain(longer).collect();
        if partners.is_empty() {
            out.added.push(Item::Path {
                answers: path.answers.clone(),
                facts: path.facts.clone(),
                outcome: path.outcome.clone(),
            });
        }
        for i in partners {
            old_paired[i] = true;
            let before = unmatched_old[i];
            if before.outcome != path.outcome {
                out.changed.push(path_change(before, path));
            }
        }
    }
    for (path, paired) in unmatched_old.into_iter().zip(old_paired) {
        if !paired {
            out.removed.push(Item::Path {
                answers: path.answers.clone(),
                facts: path.facts.clone(),
                outcome: path.outcome.clone(),
            });
        }
    }
    out.more_permissive = out
        .changed
        .iter()
        .filter(|c| permissiveness(c.after.verdict) > permissiveness(c.before.verdict))
        .cloned()
        .collect();
}

/// The same situation in both versions, ending differently.
fn path_change(before: &PathInfo, after: &PathInfo) -> PathChange {
    PathChange {
        answers: after.answers.clone(),
        old_answers: (before.answers != after.answers).then(|| before.answers.clone()),
        facts: after.facts.clone(),
        before: before.outcome.clone(),
        after: after.outcome.clone(),
    }
}

/// How much a verdict lets people do: not allowed < not advised < ask for help < allowed with
/// conditions < recommended.
fn permissiveness(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::NotAllowed => 0,
        Verdict::NotAdvised => 1,
        Verdict::AskForHelp => 2,
        Verdict::AllowedWithConditions => 3,
        Verdict::Recommended => 4,
    }
}

/// Nodes reachable from the start in `old` whose id names no node reachable in `new`.
fn newly_unreachable(old: &Tree, new: &Tree) -> Vec<String> {
    let reachable = |tree: &Tree| -> Vec<bool> {
        let mut seen = vec![false; tree.nodes.len()];
        let mut stack = vec![tree.start];
        seen[tree.start.index()] = true;
        while let Some(node) = stack.pop() {
            for next in tree.node(node).successors() {
                if !seen[next.index()] {
                    seen[next.index()] = true;
                    stack.push(next);
                }
            }
        }
        seen
    };
    let (before, after) = (reachable(old), reachable(new));
    old.node_ids()
        .filter(|id| before[id.index()])
        .filter(|id| {
            new.find(&old.node(*id).id)
                .is_some_and(|n| !after[n.index()])
        })
        .map(|id| old.node(id).id.clone())
        .collect()
}

/// Text of the outcome that both versions have but that one path shows in only one of them
/// (rewording and added or removed text are reported once, node by node, instead).
fn conditional_change(
    old: &Tree,
    new: &Tree,
    before: &PathInfo,
    after: &PathInfo,
) -> Option<PathTextChange> {
    let (old_node, new_node) = (old.find(&before.outcome.id)?, new.find(&after.outcome.id)?);
    let old_all = shown_texts(old, old_node, None);
    let new_all = shown_texts(new, new_node, None);
    let shown: Vec<String> = after
        .shown
        .iter()
        .filter(|t| !before.shown.contains(t) && old_all.contains(t))
        .cloned()
        .collect();
    let hidden: Vec<String> = before
        .shown
        .iter()
        .filter(|t| !after.shown.contains(t) && new_all.contains(t))
        .cloned()
        .collect();
    (!shown.is_empty() || !hidden.is_empty()).then(|| PathTextChange {
        answers: after.answers.clone(),
        outcome: after.outcome.id.clone(),
        shown,
        hidden,
    })
}

/// A node as an added or removed item.
fn node_item(tree: &Tree, id: NodeId) -> Item {
    let node = tree.node(id);
    match &node.kind {
        NodeKind::Question(_) | NodeKind::Checklist(_) => Item::Question {
            id: node.id.clone(),
            title: node.title().to_string(),
        },
        NodeKind::Route(_) => Item::Route {
            id: node.id.clone(),
        },
        NodeKind::Outcome(o) => Item::Outcome {
            id: node.id.clone(),
            title: o.headline.clone(),
            verdict: o.verdict,
        },
    }
}

/// Whether two nodes are the same kind of node.
fn same_kind(a: &NodeKind, b: &NodeKind) -> bool {
    matches!(
        (a, b),
        (NodeKind::Question(_), NodeKind::Question(_))
            | (NodeKind::Checklist(_), NodeKind::Checklist(_))
            | (NodeKind::Route(_), NodeKind::Route(_))
            | (NodeKind::Outcome(_), NodeKind::Outcome(_))
    )
}

/// The id of `tree`'s node in `other` when it is there as the same kind of node.
fn counterpart(tree: &Tree, id: NodeId, other: &Tree) -> Option<NodeId> {
    let found = other.find(&tree.node(id).id)?;
    same_kind(&tree.node(id).kind, &other.node(found).kind).then_some(found)
}

/// Nodes with the same id and kind in both versions, in the new version's order.
fn common_nodes<'t>(old: &'t Tree, new: &'t Tree) -> impl Iterator<Item = (NodeId, NodeId)> + 't {
    new.node_ids()
        .filter_map(|id| counterpart(new, id, old).map(|old_id| (old_id, id)))
}

/// Nodes only in one version (a node whose kind changed counts as removed and added).
fn compare_node_sets(old: &Tree, new: &Tree, out: &mut TreeDiff) {
    for id in new.node_ids() {
        if counterpart(new, id, old).is_none() {
            out.added.push(node_item(new, id));
        }
    }
    for id in old.node_ids() {
        if counterpart(old, id, new).is_none() {
            out.removed.push(node_item(old, id));
        }
    }
}

/// Collects text changes for one node at a time.
struct Texts<'a> {
    node: Option<String>,
    out: &'a mut Vec<TextChange>,
}

impl Texts<'_> {
    /// Records a change when the two texts differ.
    fn compare(
        &mut self,
        field: Field,
        index: Option<usize>,
        before: Option<&str>,
        after: Option<&str>,
    ) {
        if before != after {
            self.out.push(TextChange {
                node: self.node.clone(),
                field,
                index,
                before: before.map(str::to_string),
                after: after.map(str::to_string),
            });
        }
    }

    /// Compares two lists of plain texts (conditions, fallbacks, contacts).
    fn compare_list(&mut self, field: Field, old: &[&str], new: &[&str]) {
        for (i, j) in pair(old, new, &[&|a, b| a == b]) {
            let index = j.or(i).map(|k| k + 1);
            self.compare(field, index, i.map(|i| old[i]), j.map(|j| new[j]));
        }
    }
}

fn compare_header(old: &Tree, new: &Tree, texts: &mut Texts) {
    let (old_date, new_date) = (old.review_by.to_string(), new.review_by.to_string());
    for (field, a, b) in [
        (Field::Title, &old.title, &new.title),
        (Field::Summary, &old.summary, &new.summary),
        (Field::Owner, &old.owner, &new.owner),
        (Field::Version, &old.version, &new.version),
        (Field::ReviewBy, &old_date, &new_date),
    ] {
        texts.compare(field, None, Some(a), Some(b));
    }
}

fn compare_questions(old: (&Tree, &Question), new: (&Tree, &Question), texts: &mut Texts) {
    let ((old_tree, a), (new_tree, b)) = (old, new);
    texts.compare(Field::Text, None, Some(&a.text), Some(&b.text));
    texts.compare(Field::Help, None, a.help.as_deref(), b.help.as_deref());
    let next_id = |tree: &Tree, next: NodeId| tree.nodes.get(next.index()).map(|n| n.id.clone());
    let same_label = |x: &&super::model::Choice, y: &&super::model::Choice| x.label == y.label;
    let same_next = |x: &&super::model::Choice, y: &&super::model::Choice| {
        next_id(old_tree, x.next) == next_id(new_tree, y.next)
    };
    let (old_options, new_options): (Vec<_>, Vec<_>) =
        (a.options.iter().collect(), b.options.iter().collect());
    for (i, j) in pair(&old_options, &new_options, &[&same_label, &same_next]) {
        let index = j.or(i).map(|k| k + 1);
        let (x, y) = (i.map(|i| old_options[i]), j.map(|j| new_options[j]));
        texts.compare(
            Field::Label,
            index,
            x.map(|c| c.label.as_str()),
            y.map(|c| c.label.as_str()),
        );
        texts.compare(
            Field::Detail,
            index,
            x.and_then(|c| c.detail.as_deref()),
            y.and_then(|c| c.detail.as_deref()),
        );
    }
    compare_passages(old_tree, &a.guidance, new_tree, &b.guidance, texts);
    compare_contacts(old_tree, &a.contacts, new_tree, &b.contacts, texts);
    compare_links(&a.links, &b.links, texts);
}

fn compare_checklists(old: (&Tree, &Checklist), new: (&Tree, &Checklist), texts: &mut Texts) {
    let ((old_tree, a), (new_tree, b)) = (old, new);
    texts.compare(Field::Text, None, Some(&a.text), Some(&b.text));
    texts.compare(Field::Help, None, a.help.as_deref(), b.help.as_deref());
    let labels = |c: &Checklist| -> Vec<String> {
        c.items
            .iter()
            .map(|i| i.label.clone())
            .chain([c.none.clone()])
            .collect()
    };
    let (old_labels, new_labels) = (labels(a), labels(b));
    texts.compare_list(Field::Label, &strs(&old_labels), &strs(&new_labels));
    compare_passages(old_tree, &a.guidance, new_tree, &b.guidance, texts);
    compare_contacts(old_tree, &a.contacts, new_tree, &b.contacts, texts);
    compare_links(&a.links, &b.links, texts);
}

fn compare_outcomes(old: (&Tree, &Outcome), new: (&Tree, &Outcome), texts: &mut Texts) {
    let ((old_tree, a), (new_tree, b)) = (old, new);
    texts.compare(Field::Headline, None, Some(&a.headline), Some(&b.headline));
    let (old_explanation, new_explanation) = (a.shown(None).explanation, b.shown(None).explanation);
    texts.compare(
        Field::Explanation,
        None,
        Some(&old_explanation),
        Some(&new_explanation),
    );
    texts.compare_list(
        Field::Condition,
        &items(&a.conditions),
        &items(&b.conditions),
    );
    texts.compare_list(Field::Fallback, &items(&a.fallbacks), &items(&b.fallbacks));
    compare_passages(old_tree, &a.guidance, new_tree, &b.guidance, texts);
    compare_contacts(old_tree, &a.contacts, new_tree, &b.contacts, texts);
    compare_links(&a.links, &b.links, texts);
}

fn strs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

fn items(list: &[When<String>]) -> Vec<&str> {
    list.iter().map(|w| w.item.as_str()).collect()
}

fn compare_links(old: &[super::model::Link], new: &[super::model::Link], texts: &mut Texts) {
    let show = |links: &[super::model::Link]| -> Vec<String> {
        links
            .iter()
            .map(|l| format!("{} <{}>", l.title, l.url))
            .collect()
    };
    let (old, new) = (show(old), show(new));
    texts.compare_list(Field::Link, &strs(&old), &strs(&new));
}

/// A passage with its source document's title, comparable across versions.
struct Quoted<'t> {
    source: &'t str,
    section: &'t str,
    quote: &'t str,
}

fn quoted<'t>(tree: &'t Tree, passages: &'t [Passage]) -> Vec<Quoted<'t>> {
    passages
        .iter()
        .map(|p| Quoted {
            source: tree
                .sources
                .get(p.source as usize)
                .map_or("", |s| s.title.as_str()),
            section: &p.section,
            quote: &p.quote,
        })
        .collect()
}

fn compare_passages(
    old_tree: &Tree,
    old: &[Passage],
    new_tree: &Tree,
    new: &[Passage],
    texts: &mut Texts,
) {
    let (old, new) = (quoted(old_tree, old), quoted(new_tree, new));
    let same_quote = |a: &Quoted, b: &Quoted| a.quote == b.quote;
    let same_place = |a: &Quoted, b: &Quoted| a.source == b.source && a.section == b.section;
    for (i, j) in pair(&old, &new, &[&same_quote, &same_place]) {
        let index = j.or(i).map(|k| k + 1);
        let (a, b) = (i.map(|i| &old[i]), j.map(|j| &new[j]));
        texts.compare(Field::Quote, index, a.map(|p| p.quote), b.map(|p| p.quote));
        texts.compare(
            Field::Section,
            index,
            a.map(|p| p.section),
            b.map(|p| p.section),
        );
        texts.compare(
            Field::Source,
            index,
            a.map(|p| p.source),
            b.map(|p| p.source),
        );
    }
}

fn compare_contacts(
    old_tree: &Tree,
    old: &[When<u32>],
    new_tree: &Tree,
    new: &[When<u32>],
    texts: &mut Texts,
) {
    let ids = |tree: &Tree, list: &[When<u32>]| -> Vec<String> {
        list.iter()
            .filter_map(|c| tree.contacts.get(c.item as usize).map(|e| e.id.clone()))
            .collect()
    };
    let (old, new) = (ids(old_tree, old), ids(new_tree, new));
    texts.compare_list(Field::Contact, &strs(&old), &strs(&new));
}

/// A matching rule for [`pair`].
type Same<'a, T> = &'a dyn Fn(&T, &T) -> bool;

/// Pairs the items of two lists: first the items equal under each rule in turn, then what is
/// left, in order. Returns (old index, new index) pairs in the new list's order, followed by
/// the old items left unpaired (removed); a new item left unpaired has no old index (added).
fn pair<T>(old: &[T], new: &[T], rules: &[Same<T>]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut paired = vec![false; old.len()];
    for rule in rules {
        for (i, a) in old.iter().enumerate() {
            if paired[i] {
                continue;
            }
            let free = (0..new.len()).find(|&j| old_of_new[j].is_none() && rule(a, &new[j]));
            if let Some(j) = free {
                old_of_new[j] = Some(i);
                paired[i] = true;
            }
        }
    }
    let mut left = (0..old.len())
        .filter(|&i| !paired[i])
        .collect::<Vec<_>>()
        .into_iter();
    for slot in old_of_new.iter_mut().filter(|s| s.is_none()) {
        *slot = left.next();
    }
    let mut out: Vec<_> = old_of_new
        .into_iter()
        .enumerate()
        .map(|(j, i)| (i, Some(j)))
        .collect();
    out.extend(left.map(|i| (Some(i), None)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::load_tree;

    const BASE: &str = r#"Tree(
    id: "t", title: "Title", summary: "Summary", owner: "Owner", review_by: "2030-01-01", version: "1",
    sources: { "s": Source(title: "Doc", publisher: "Pub") },
    start: "q",
    nodes: {
        "q": Question(
            text: "Which?",
            options: [
                Option(label: "A", next: "a"),
                Option(label: "B", detail: "Bee", next: "b"),
            ],
            guidance: [Passage(source: "s", section: "One", quote: "Quote one.")],
        ),
        "a": Outcome(verdict: "recommended", headline: "Do A", explanation: "Because A.",
            conditions: ["First.", "Second."],
            guidance: [Passage(source: "s", section: "One", quote: "Quote A.")]),
        "b": Outcome(verdict: "not-allowed", headline: "Do not B", explanation: "Because B.",
            guidance: [Passage(source: "s", section: "Two", quote: "Quote B.")]),
    },
)"#;

    fn tree(text: &str) -> Tree {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let loaded = load_tree("t.ron", text, crate::tree::Shared::none(), date);
        loaded
            .tree
            .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics))
    }

    fn edited(edits: &[(&str, &str)]) -> Tree {
        let mut text = BASE.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        tree(&text)
    }

    fn outcome(id: &str, title: &str, verdict: Verdict) -> OutcomeRef {
        OutcomeRef {
            id: id.into(),
            title: title.into(),
            verdict,
        }
    }

    #[test]
    fn identical_trees_have_no_differences() {
        let d = diff(&tree(BASE), &tree(BASE));
        assert!(d.is_empty(), "{d:#?}");
        assert!(!d.outcomes_changed());
    }

    #[test]
    fn a_path_leading_elsewhere_is_a_changed_outcome() {
        let new = edited(&[(
            r#"label: "B", detail: "Bee", next: "b""#,
            r#"label: "B", detail: "Bee", next: "a""#,
        )]);
        let d = diff(&tree(BASE), &new);
        assert_eq!(
            d.changed,
            vec![PathChange {
                answers: vec!["B".into()],
                old_answers: None,
                facts: FactMap::new(),
                before: outcome("b", "Do not B", Verdict::NotAllowed),
                after: outcome("a", "Do A", Verdict::Recommended),
            }]
        );
        assert!(d.outcomes_changed());
        // "b" is now unreachable but still a node: nothing added or removed.
        assert_eq!(d.added, vec![]);
        assert_eq!(d.removed, vec![]);
    }

    #[test]
    fn a_new_verdict_on_the_same_node_is_a_changed_outcome() {
        let new = edited(&[(r#"verdict: "not-allowed""#, r#"verdict: "ask-for-help""#)]);
        let d = diff(&tree(BASE), &new);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].after.verdict, Verdict::AskForHelp);
        assert_eq!(d.text_changes, vec![]);
    }

    #[test]
    fn softening_not_allowed_to_not_advised_is_more_permissive_and_back_is_not() {
        let softened = edited(&[(r#"verdict: "not-allowed""#, r#"verdict: "not-advised""#)]);
        let d = diff(&tree(BASE), &softened);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.more_permissive.len(), 1);
        assert_eq!(d.more_permissive[0].after.verdict, Verdict::NotAdvised);
        let back = diff(&softened, &tree(BASE));
        assert_eq!(back.changed.len(), 1);
        assert_eq!(back.more_permissive, vec![]);
    }

    #[test]
    fn node_by_node_an_outcome_that_allows_more_is_flagged() {
        let softened = edited(&[(r#"verdict: "not-allowed""#, r#"verdict: "recommended""#)]);
        let d = diff_by_node(&tree(BASE), &softened, "too many".into());
        let by_node = d.by_node.as_ref().expect("compared node by node");
        assert_eq!(by_node.why, "too many");
        assert_eq!(d.changed, vec![]);
        assert_eq!(by_node.outcome_nodes.len(), 1);
        assert!(by_node.outcome_nodes[0].more_permissive);
        assert_eq!(by_node.outcome_nodes[0].after.verdict, Verdict::Recommended);
        assert!(d.outcomes_changed());
        let same = diff_by_node(&tree(BASE), &tree(BASE), "too many".into());
        assert!(same.is_empty() && !same.outcomes_changed());
    }

    #[test]
    fn a_relabelled_option_removes_and_adds_paths() {
        let new = edited(&[(r#"label: "A""#, r#"label: "Ay""#)]);
        let d = diff(&tree(BASE), &new);
        let a = outcome("a", "Do A", Verdict::Recommended);
        assert_eq!(
            d.added,
            vec![Item::Path {
                answers: vec!["Ay".into()],
                facts: FactMap::new(),
                outcome: a.clone()
            }]
        );
        assert_eq!(
            d.removed,
            vec![Item::Path {
                answers: vec!["A".into()],
                facts: FactMap::new(),
                outcome: a
            }]
        );
        assert_eq!(
            d.text_changes,
            vec![TextChange {
                node: Some("q".into()),
                field: Field::Label,
                index: Some(1),
                before: Some("A".into()),
                after: Some("Ay".into()),
            }]
        );
        assert!(!d.outcomes_changed());
    }

    #[test]
    fn nodes_added_and_removed_by_id() {
        let new = edited(&[
            (r#"next: "b""#, r#"next: "c""#),
            (
                r#""b": Outcome(verdict: "not-allowed", headline: "Do not B""#,
                r#""c": Outcome(verdict: "not-allowed", headline: "Do not C""#,
            ),
        ]);
        let d = diff(&tree(BASE), &new);
        assert_eq!(
            d.added,
            vec![Item::Outcome {
                id: "c".into(),
                title: "Do not C".into(),
                verdict: Verdict::NotAllowed
            }]
        );
        assert_eq!(
            d.removed,
            vec![Item::Outcome {
                id: "b".into(),
                title: "Do not B".into(),
                verdict: Verdict::NotAllowed
            }]
        );
        assert_eq!(d.changed.len(), 1);
    }

    #[test]
    fn reworded_texts_are_reported_field_by_field() {
        let new = edited(&[
            ("Which?", "Which one?"),
            (r#"detail: "Bee""#, r#"detail: "A bee""#),
            ("Because A.", "Because of A."),
            (
                r#"["First.", "Second."]"#,
                r#"["First.", "Zero.", "Second!"]"#,
            ),
            ("Quote B.", "Quote B, reworded."),
            (r#"version: "1""#, r#"version: "2""#),
        ]);
        let d = diff(&tree(BASE), &new);
        let got: Vec<_> = d
            .text_changes
            .iter()
            .map(|c| {
                (
                    c.node.as_deref(),
                    c.field.describe(c.index),
                    c.before.as_deref(),
                    c.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "version".to_string(), Some("1"), Some("2")),
                (
                    Some("q"),
                    "question text".to_string(),
                    Some("Which?"),
                    Some("Which one?")
                ),
                (
                    Some("q"),
                    "option 2 detail".to_string(),
                    Some("Bee"),
                    Some("A bee")
                ),
                (
                    Some("a"),
                    "explanation".to_string(),
                    Some("Because A."),
                    Some("Because of A.")
                ),
                (
                    Some("a"),
                    "condition 2".to_string(),
                    Some("Second."),
                    Some("Zero.")
                ),
                (Some("a"), "condition 3".to_string(), None, Some("Second!")),
                (
                    Some("b"),
                    "passage 1 quote".to_string(),
                    Some("Quote B."),
                    Some("Quote B, reworded.")
                ),
            ]
        );
        assert!(d.changed.is_empty());
    }

    #[test]
    fn options_are_matched_by_label_then_by_where_they_lead() {
        // A new first option, and B relabelled: B still pairs with B's old option by its
        // next node, so only its label is reported as reworded.
        let new = edited(&[(
            r#"Option(label: "A", next: "a"),
                Option(label: "B", detail: "Bee", next: "b"),"#,
            r#"Option(label: "New", next: "a"),
                Option(label: "A", next: "a"),
                Option(label: "Bravo", detail: "Bee", next: "b"),"#,
        )]);
        let d = diff(&tree(BASE), &new);
        let got: Vec<_> = d
            .text_changes
            .iter()
            .map(|c| {
                (
                    c.field.describe(c.index),
                    c.before.as_deref(),
                    c.after.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("option 1 label".to_string(), None, Some("New")),
                ("option 3 label".to_string(), Some("B"), Some("Bravo")),
            ]
        );
    }

    #[test]
    fn pair_prefers_rules_in_order_then_position() {
        let old = ["a", "b", "c"];
        let new = ["x", "c", "a"];
        let same: Same<&str> = &|a, b| a == b;
        assert_eq!(
            pair(&old, &new, &[same]),
            vec![(Some(1), Some(0)), (Some(2), Some(1)), (Some(0), Some(2))]
        );
        assert_eq!(
            pair(&old, &["a"], &[same]),
            vec![(Some(0), Some(0)), (Some(1), None), (Some(2), None)]
        );
        assert_eq!(pair(&[] as &[&str], &["a"], &[same]), vec![(None, Some(0))]);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let new = edited(&[
            (r#"next: "b""#, r#"next: "a""#),
            ("Quote one.", "Quote one!"),
        ]);
        let value = serde_json::to_value(diff(&tree(BASE), &new)).unwrap();
        assert_eq!(
            value["changed"][0],
            serde_json::json!({"answers": ["B"], "before": {"id": "b", "title": "Do not B", "verdict": "not-allowed"}, "after": {"id": "a", "title": "Do A", "verdict": "recommended"}})
        );
        assert_eq!(
            value["text_changes"][0],
            serde_json::json!({"node": "q", "field": "quote", "index": 1, "before": "Quote one.", "after": "Quote one!"})
        );
        let item = serde_json::to_value(Item::Question {
            id: "q".into(),
            title: "Which?".into(),
        })
        .unwrap();
        assert_eq!(
            item,
            serde_json::json!({"kind": "question", "id": "q", "title": "Which?"})
        );
    }
}

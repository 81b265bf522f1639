//! The tree map: the whole tree as an outline of questions, answers and outcomes, with
//! collapsible branches. A node reached by several answers is drawn in full once; later
//! appearances refer back to it, so the outline stays finite and readable. The rows of the
//! walk's own path are marked, and jumping to a row walks the path the outline draws to it.

use std::collections::{HashMap, HashSet};

use crate::session::Session;
use crate::tree::facts::{Check, FactId};
use crate::tree::paths::{Answer, route_from};
use crate::tree::{NodeId, NodeKind, Tree};

/// One line of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapRow {
    /// Indentation level.
    pub depth: usize,
    /// The node on this line.
    pub node: NodeId,
    /// The answer that leads here from the parent question (none for the start).
    pub via: Option<String>,
    /// True when the node was already drawn in full above.
    pub repeat: bool,
    /// True when this question's branches are folded away.
    pub collapsed: bool,
}

/// The map's state: which questions are folded, which row is selected, and what is being
/// looked for.
#[derive(Clone, Debug, Default)]
pub struct TreeMap {
    /// Folded questions.
    pub collapsed: HashSet<NodeId>,
    /// Selected row.
    pub selected: usize,
    /// The words looked for (`/`), kept for `n`.
    pub query: String,
    /// The words are being typed.
    pub typing: bool,
}

impl TreeMap {
    /// A map with the selection on `node`'s first appearance.
    pub fn at(tree: &Tree, node: NodeId) -> Self {
        let mut map = TreeMap::default();
        map.selected = map
            .rows(tree)
            .iter()
            .position(|r| r.node == node && !r.repeat)
            .unwrap_or(0);
        map
    }

    /// The outline as it is now.
    pub fn rows(&self, tree: &Tree) -> Vec<MapRow> {
        let mut rows = Vec::new();
        let mut drawn = HashSet::new();
        // (node, depth, via), depth first in option order.
        let mut stack = vec![(tree.start, 0usize, None::<String>)];
        while let Some((node, depth, via)) = stack.pop() {
            let repeat = !drawn.insert(node);
            let collapsed = self.collapsed.contains(&node);
            rows.push(MapRow {
                depth,
                node,
                via,
                repeat,
                collapsed,
            });
            if repeat || collapsed {
                continue;
            }
            for (next, label) in tree.edges(node).into_iter().rev() {
                stack.push((next, depth + 1, Some(label)));
            }
        }
        rows
    }

    /// Folds or unfolds the selected question.
    pub fn toggle(&mut self, tree: &Tree) {
        if let Some(row) = self.rows(tree).get(self.selected)
            && tree.outcome(row.node).is_none()
            && !row.repeat
            && !self.collapsed.remove(&row.node)
        {
            self.collapsed.insert(row.node);
        }
    }

    /// Moves the selection.
    pub fn step(&mut self, tree: &Tree, down: bool) {
        let len = self.rows(tree).len();
        self.selected = if down {
            (self.selected + 1).min(len.saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
    }

    /// The node on the selected row.
    pub fn selected_node(&self, tree: &Tree) -> Option<NodeId> {
        self.rows(tree).get(self.selected).map(|r| r.node)
    }

    /// Moves the selection a page of `rows` rows.
    pub fn page(&mut self, tree: &Tree, rows: usize, down: bool) {
        for _ in 0..rows.max(1) {
            self.step(tree, down);
        }
    }

    /// Selects the first row, or the last.
    pub fn to_end(&mut self, tree: &Tree, last: bool) {
        self.selected = match last {
            true => self.rows(tree).len().saturating_sub(1),
            false => 0,
        };
    }

    /// Folds every question (the selection stays on the node it was on, or the nearest row
    /// above), or unfolds them all.
    pub fn fold_all(&mut self, tree: &Tree, fold: bool) {
        let node = self.selected_node(tree);
        match fold {
            true => {
                self.collapsed = tree
                    .node_ids()
                    .filter(|&n| n != tree.start && tree.outcome(n).is_none())
                    .collect()
            }
            false => self.collapsed.clear(),
        }
        let rows = self.rows(tree);
        self.selected = node
            .and_then(|n| rows.iter().position(|r| r.node == n && !r.repeat))
            .unwrap_or(0);
    }

    /// Selects the next row after the selected one (from the top again after the last) whose
    /// words contain the query, unfolding everything when nothing shown matches; `false` when
    /// nothing in the tree does.
    pub fn find_next(&mut self, tree: &Tree) -> bool {
        let query = self.query.trim().to_lowercase();
        if query.is_empty() {
            return false;
        }
        let matches = |rows: &[MapRow], tree: &Tree| -> Vec<usize> {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| row_words(tree, r).to_lowercase().contains(&query))
                .map(|(i, _)| i)
                .collect()
        };
        let mut found = matches(&self.rows(tree), tree);
        if found.is_empty() && !self.collapsed.is_empty() {
            self.fold_all(tree, false);
            found = matches(&self.rows(tree), tree);
        }
        let next = found
            .iter()
            .find(|&&i| i > self.selected)
            .or(found.first())
            .copied();
        if let Some(i) = next {
            self.selected = i;
        }
        next.is_some()
    }

    /// The rows of the path `session` took, from the start: a row is on it when the walk
    /// passed through its node by the answer drawn on it (each route decided by the walk's
    /// facts), not merely when its node was visited. At a node drawn in full further up, the
    /// path goes on there.
    pub fn path_rows(rows: &[MapRow], tree: &Tree, session: &Session) -> HashSet<usize> {
        let mut on = HashSet::new();
        let mut steps = session.steps().iter();
        let mut r = 0;
        // A walk that started mid-tree ("play from here") took no path from the start.
        if rows.is_empty() || session.started_mid_tree(tree) {
            return on;
        }
        loop {
            on.insert(r);
            let row = &rows[r];
            // A node drawn above: the path goes on where it is drawn in full.
            if row.repeat {
                match rows.iter().position(|x| x.node == row.node && !x.repeat) {
                    Some(full) if !on.contains(&full) => {
                        r = full;
                        continue;
                    }
                    _ => break,
                }
            }
            if row.collapsed || row.node == session.current() && steps.len() == 0 {
                break;
            }
            let next = match &tree.node(row.node).kind {
                NodeKind::Question(q) => match steps.next() {
                    Some(step) if step.question == row.node => match step.answer {
                        Answer::Option(i) => {
                            q.options.get(i as usize).map(|o| (o.next, Some(&o.label)))
                        }
                        Answer::Items { .. } => None,
                    },
                    _ => None,
                },
                NodeKind::Checklist(c) => steps.next().map(|_| (c.next, None)),
                NodeKind::Route(route) => route
                    .rules
                    .iter()
                    .find(|rule| rule.condition.holds(Some(session.facts())))
                    .map(|rule| (rule.go, None)),
                NodeKind::Outcome(_) => None,
            };
            let Some((node, label)) = next else { break };
            let child = children(rows, r).find(|&j| {
                rows[j].node == node && label.is_none_or(|l| rows[j].via.as_ref() == Some(l))
            });
            match child {
                Some(j) => r = j,
                None => break,
            }
        }
        on
    }

    /// A walk to the selected row that gives the answers the outline draws above it. A node
    /// reached by several answers is drawn in full once, under its first parent, so a branch
    /// for "Hold a call or meeting" can hang under "Share documents or files" behind a route
    /// that tests the first answer: a route's test on the drawn path wins over an answer drawn
    /// further up, and a question off the drawn path takes the answer its fact should have, or
    /// the fewest answers on. `None` when no walk reaches the row that way.
    pub fn walk_to_selected(&self, tree: &Tree) -> Option<Session> {
        let rows = self.rows(tree);
        let target = rows.get(self.selected)?.node;
        let (drawn, wish) = drawn_answers(tree, &rows, &ancestry(&rows, self.selected));
        let mut session = Session::new(tree);
        // Each answer moves the walk on, and no path is longer than the tree has nodes.
        for _ in 0..=tree.node_ids().count() {
            let at = session.current();
            if at == target {
                return Some(session);
            }
            match &tree.node(at).kind {
                NodeKind::Question(q) => {
                    let by_fact = q
                        .remember
                        .and_then(|fact| wish.get(&fact))
                        .and_then(|&v| q.options.iter().position(|o| o.fact_value == v));
                    let fewest = || match route_from(tree, at, session.facts(), target)?
                        .first()?
                        .answer
                    {
                        Answer::Option(i) => Some(i as usize),
                        Answer::Items { .. } => None,
                    };
                    let i = by_fact.or(drawn.get(&at).copied()).or_else(fewest)?;
                    session.choose(tree, i).ok()?;
                }
                NodeKind::Checklist(_) => {
                    let steps = route_from(tree, at, session.facts(), target)?;
                    session.give(tree, steps.first()?.answer).ok()?;
                }
                _ => return None,
            }
        }
        None
    }
}

/// The answers the outline draws on `chain` (question → option index), and what each fact
/// should be for the drawn path: a question's drawn answer, overridden by a route's test
/// further down (a test of one value).
fn drawn_answers(
    tree: &Tree,
    rows: &[MapRow],
    chain: &[usize],
) -> (HashMap<NodeId, usize>, HashMap<FactId, u16>) {
    let mut drawn = HashMap::new();
    let mut wish = HashMap::new();
    for pair in chain.windows(2) {
        let (from, to) = (&rows[pair[0]], &rows[pair[1]]);
        let edge = tree
            .edges(from.node)
            .into_iter()
            .position(|(next, label)| next == to.node && Some(&label) == to.via.as_ref());
        match (&tree.node(from.node).kind, edge) {
            (NodeKind::Question(q), Some(i)) => {
                drawn.insert(from.node, i);
                if let Some(fact) = q.remember {
                    wish.insert(fact, q.options[i].fact_value);
                }
            }
            (NodeKind::Route(route), Some(i)) => {
                for test in &route.rules[i].condition.tests {
                    if let Check::OneOf(mask) = test.check
                        && mask.count_ones() == 1
                    {
                        wish.insert(test.fact, mask.trailing_zeros() as u16);
                    }
                }
            }
            _ => {}
        }
    }
    (drawn, wish)
}

/// The rows directly under row `r`.
fn children(rows: &[MapRow], r: usize) -> impl Iterator<Item = usize> + '_ {
    let depth = rows[r].depth;
    (r + 1..rows.len())
        .take_while(move |&j| rows[j].depth > depth)
        .filter(move |&j| rows[j].depth == depth + 1)
}

/// Row `index` and the rows above it that lead to it, from the start.
fn ancestry(rows: &[MapRow], index: usize) -> Vec<usize> {
    let mut chain = vec![index];
    let mut depth = rows.get(index).map_or(0, |r| r.depth);
    for j in (0..index).rev() {
        if depth == 0 {
            break;
        }
        if rows[j].depth == depth - 1 {
            chain.push(j);
            depth -= 1;
        }
    }
    chain.reverse();
    chain
}

/// What a row says, for finding it: the answer leading to it and the node's text.
pub fn row_words(tree: &Tree, row: &MapRow) -> String {
    let node = tree.node(row.node);
    let text = match &node.kind {
        NodeKind::Route(r) => tree.decided_by(r),
        NodeKind::Outcome(o) => format!("{} {}", o.verdict.label(), o.headline),
        _ => node.title().to_string(),
    };
    format!("{} {text}", row.via.as_deref().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Tree {
        crate::tree::test_tree(
            "{}",
            "a",
            r#"{
                "a": Question(text: "A?", options: [Option(label: "x", next: "b"), Option(label: "y", next: "b"), Option(label: "z", next: "end")]),
                "b": Question(text: "B?", options: [Option(label: "ok", next: "end")]),
                "end": Outcome(verdict: "recommended", headline: "End", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn shared_nodes_are_drawn_once_then_referred_to() {
        let t = tree();
        let rows = TreeMap::default().rows(&t);
        let shape: Vec<(usize, &str, bool)> = rows
            .iter()
            .map(|r| (r.depth, t.node(r.node).id.as_str(), r.repeat))
            .collect();
        assert_eq!(
            shape,
            [
                (0, "a", false),
                (1, "b", false),
                (2, "end", false),
                (1, "b", true),
                (1, "end", true)
            ]
        );
        assert_eq!(rows[1].via.as_deref(), Some("x"));
    }

    #[test]
    fn only_the_rows_of_the_path_taken_are_marked_and_a_jump_walks_the_drawn_path() {
        let t = tree();
        let mut session = Session::new(&t);
        session.answer(&t, "x").expect("x");
        session.answer(&t, "ok").expect("ok");
        let rows = TreeMap::default().rows(&t);
        // "b" by "y" (row 3) and "end" by "z" (row 4) are the same nodes, by other answers.
        assert_eq!(
            TreeMap::path_rows(&rows, &t, &session),
            HashSet::from([0, 1, 2])
        );
        let mut map = TreeMap {
            selected: 3,
            ..TreeMap::default()
        };
        let walked = map.walk_to_selected(&t).expect("a walk");
        assert_eq!(walked.labels(&t), ["y"], "b by y, not the first way to b");
        map.selected = 4;
        let walked = map.walk_to_selected(&t).expect("a walk");
        assert_eq!(walked.labels(&t), ["z"]);
    }

    #[test]
    fn pages_ends_folding_everything_and_finding() {
        let t = tree();
        let mut map = TreeMap::default();
        map.to_end(&t, true);
        assert_eq!(map.selected, 4);
        map.page(&t, 3, false);
        assert_eq!(map.selected, 1);
        map.fold_all(&t, true);
        assert_eq!(map.rows(&t).len(), 4, "b folded: its answer row is hidden");
        assert_eq!(
            map.selected_node(&t),
            t.find("b"),
            "the selection stays on b"
        );
        map.query = "ok".into();
        map.selected = 0;
        assert!(map.find_next(&t), "found once everything is unfolded");
        assert_eq!(map.selected, 2);
        assert!(map.collapsed.is_empty());
        map.query = "nowhere".into();
        assert!(!map.find_next(&t));
    }

    #[test]
    fn folding_hides_branches() {
        let t = tree();
        let mut map = TreeMap::at(&t, t.find("b").expect("b"));
        assert_eq!(map.selected, 1);
        map.toggle(&t);
        assert_eq!(map.rows(&t).len(), 4);
        assert!(map.rows(&t)[1].collapsed);
        map.toggle(&t);
        assert_eq!(map.rows(&t).len(), 5);
    }
}

//! The tree map: the whole tree as an outline of questions, answers and outcomes, with
//! collapsible branches. A node reached by several answers is drawn in full once; later
//! appearances refer back to it, so the outline stays finite and readable.

use std::collections::HashSet;

use crate::tree::{NodeId, Tree};

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

/// The map's state: which questions are folded and which row is selected.
#[derive(Clone, Debug, Default)]
pub struct TreeMap {
    /// Folded questions.
    pub collapsed: HashSet<NodeId>,
    /// Selected row.
    pub selected: usize,
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

//! Every root-to-outcome path of a tree, enumerated over integer indices.

use std::collections::VecDeque;

use super::model::{NodeId, NodeKind, Tree};

/// One answer on a path: the question and the index of the option chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PathStep {
    /// The question asked.
    pub question: NodeId,
    /// The index of the chosen option.
    pub choice: u16,
}

/// A full walk: the answers given and the outcome reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionPath {
    /// The answers, in order.
    pub steps: Vec<PathStep>,
    /// Where they lead.
    pub outcome: NodeId,
}

/// Calls `visit` with every path from the start to an outcome, depth first in option order.
/// The tree must be acyclic (the loader guarantees it).
pub fn for_each_path(tree: &Tree, mut visit: impl FnMut(&[PathStep], NodeId)) {
    let mut steps: Vec<PathStep> = Vec::new();
    // The node each step's question leads from, so we can backtrack.
    let mut node = tree.start;
    loop {
        // Descend along first options until an outcome.
        loop {
            match &tree.node(node).kind {
                NodeKind::Question(q) if !q.options.is_empty() => {
                    steps.push(PathStep {
                        question: node,
                        choice: 0,
                    });
                    node = q.options[0].next;
                }
                NodeKind::Question(_) => break,
                NodeKind::Outcome(_) => {
                    visit(&steps, node);
                    break;
                }
            }
        }
        // Backtrack to the deepest step with another option left.
        loop {
            let Some(last) = steps.last_mut() else { return };
            let options = &tree.question(last.question).map_or(&[][..], |q| &q.options);
            if (last.choice as usize) + 1 < options.len() {
                last.choice += 1;
                node = options[last.choice as usize].next;
                break;
            }
            steps.pop();
        }
    }
}

/// Every path, collected.
pub fn all_paths(tree: &Tree) -> Vec<DecisionPath> {
    let mut out = Vec::new();
    for_each_path(tree, |steps, outcome| {
        out.push(DecisionPath {
            steps: steps.to_vec(),
            outcome,
        })
    });
    out
}

/// The shortest list of answers from the start to `target`, if it can be reached.
pub fn route_to(tree: &Tree, target: NodeId) -> Option<Vec<PathStep>> {
    let mut came_from: Vec<Option<PathStep>> = vec![None; tree.nodes.len()];
    let mut seen = vec![false; tree.nodes.len()];
    let mut queue = VecDeque::from([tree.start]);
    seen[tree.start.index()] = true;
    while let Some(node) = queue.pop_front() {
        if node == target {
            let mut steps = Vec::new();
            let mut here = node;
            while let Some(step) = came_from[here.index()] {
                steps.push(step);
                here = step.question;
            }
            steps.reverse();
            return Some(steps);
        }
        if let Some(q) = tree.question(node) {
            for (i, choice) in q.options.iter().enumerate() {
                if !seen[choice.next.index()] {
                    seen[choice.next.index()] = true;
                    came_from[choice.next.index()] = Some(PathStep {
                        question: node,
                        choice: i as u16,
                    });
                    queue.push_back(choice.next);
                }
            }
        }
    }
    None
}

/// The option labels of a path, in order.
pub fn labels<'t>(tree: &'t Tree, steps: &[PathStep]) -> Vec<&'t str> {
    steps.iter().map(|s| answer(tree, *s)).collect()
}

/// The label of the option chosen at a step.
pub fn answer(tree: &Tree, step: PathStep) -> &str {
    tree.question(step.question)
        .map_or("", |q| q.options[step.choice as usize].label.as_str())
}

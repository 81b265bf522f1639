//! How outcomes rank against the answers a query decided: an outcome some route reaches with
//! those answers ranks by how many of them the route uses and, less, by the answers the query
//! left open on it: the fewer, and the nearer each is to the first of its question's answers
//! (trees list the usual answer first, and the approved tools in their order), the better. An
//! outcome every route to which contradicts the query ranks low.

use crate::tree::consistency::ENDINGS_LIMIT;
use crate::tree::paths::{PathStep, endings, route_to};
use crate::tree::{NodeId, Tree};

use super::picks::Picks;

/// Added for each answer the query decided on the best route to an outcome.
const AGREED: i64 = 100;
/// Taken off for each answer the query left open on that route, so the outcome with fewer
/// answers still to give comes first among those the query leads to equally...
const OPEN: i64 = 30;
/// ...and for each place an open answer is from the first of its question's answers.
const LATER: i64 = 30;
/// Taken off an outcome that every route to contradicts the query.
const CONTRADICTED: i64 = 150;

/// A tree's routes to its outcomes, one for each set of facts a walk can reach an outcome
/// with (the fewest answers first); `None` for a tree with more walk states than a search
/// may visit, which then ranks by words alone.
pub struct Routes {
    endings: Option<Vec<(NodeId, Vec<PathStep>)>>,
}

impl Routes {
    /// Finds the routes of `tree`.
    pub fn new(tree: &Tree) -> Self {
        Routes {
            endings: endings(tree, ENDINGS_LIMIT)
                .map(|found| found.into_iter().map(|(n, _, s)| (n, s)).collect()),
        }
    }

    /// By node index, what the picks add to the score of each outcome.
    pub fn bonuses(&self, tree: &Tree, picks: &Picks) -> Vec<i64> {
        let mut bonuses = vec![i64::MIN; tree.nodes.len()];
        for (node, steps) in self.endings.iter().flatten() {
            let value = value(picks, steps);
            let best = &mut bonuses[node.index()];
            *best = (*best).max(value);
        }
        for bonus in &mut bonuses {
            if *bonus == i64::MIN {
                *bonus = 0;
            }
        }
        bonuses
    }

    /// The route to `node` that agrees best with the picks (of those, the one with the fewest
    /// answers); for a node that is not an outcome, or a tree too large to search, the fewest
    /// answers that reach it.
    pub fn best(&self, tree: &Tree, node: NodeId, picks: &Picks) -> Option<Vec<PathStep>> {
        let mut best: Option<(i64, &Vec<PathStep>)> = None;
        for (_, steps) in self.endings.iter().flatten().filter(|(n, _)| *n == node) {
            let value = value(picks, steps);
            if best.is_none_or(|(v, _)| value > v) {
                best = Some((value, steps));
            }
        }
        match best {
            Some((_, steps)) => Some(steps.clone()),
            None => route_to(tree, node),
        }
    }
}

/// What the picks make of one route.
fn value(picks: &Picks, steps: &[PathStep]) -> i64 {
    let agreement = picks.agreement(steps);
    if agreement.contradicted > 0 {
        return -CONTRADICTED;
    }
    if agreement.agreed == 0 {
        return 0;
    }
    let open = OPEN * agreement.open as i64 + LATER * agreement.open_places as i64;
    (AGREED * agreement.agreed as i64 - open).max(0)
}

//! Where a walk can still go: the questions shared by checking a deck's answers and marking a
//! learner's walk.

use crate::session::Session;
use crate::tree::paths::route_from;
use crate::tree::{NodeId, Tree};

/// Whether `target` can still be reached from where `session` is, following routes.
pub(super) fn still_reaches(tree: &Tree, session: &Session, target: NodeId) -> bool {
    route_from(tree, session.current(), session.facts(), target).is_some()
}

/// The option indices of the question `session` is on whose answer keeps `target` in reach.
/// A checklist offers no single option, so it keeps none.
pub(super) fn keeping(tree: &Tree, session: &Session, target: NodeId) -> Vec<usize> {
    let Some(question) = session.question(tree) else {
        return Vec::new();
    };
    (0..question.options.len())
        .filter(|&i| {
            let mut after = session.clone();
            after.choose(tree, i).is_ok() && still_reaches(tree, &after, target)
        })
        .collect()
}

/// The label of option `choice` of `question` (empty when there is no such option).
pub(super) fn label_of(tree: &Tree, question: NodeId, choice: usize) -> &str {
    tree.question(question)
        .and_then(|q| q.options.get(choice))
        .map_or("", |o| o.label.as_str())
}

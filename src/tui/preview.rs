//! `signpost preview`: the app on one tree file, reloaded on every save. The author's answers
//! are replayed so they keep their place; a broken save keeps the last good tree on screen with
//! the diagnostics beside it.

use std::path::{Path, PathBuf};

use super::walk::Walk;
use crate::catalog::{Catalog, Selection};
use crate::diagnostic::{Diagnostic, count, plural};
use crate::session::Session;
use crate::tree::Tree;

/// What preview mode knows beyond the app.
#[derive(Debug, Default)]
pub struct Preview {
    /// The file being previewed.
    pub path: PathBuf,
    /// Diagnostics of the latest version of the file (errors keep the last good tree).
    pub diagnostics: Vec<Diagnostic>,
    /// `reloaded 14:03:12 · 1 error · 2 warnings`.
    pub status: String,
}

/// Loads the tree in `path` with the shipped contacts and any `contacts.ron` beside it,
/// measuring its review date against `today`.
pub fn load(path: &Path, today: chrono::NaiveDate) -> (Option<Tree>, Vec<Diagnostic>) {
    let catalog = load_catalog(path, today);
    let mut trees = catalog.trees.into_iter();
    (trees.next(), catalog.diagnostics)
}

/// [`load`], keeping everything loaded (for checks that need the whole catalog, such as
/// quotes).
pub fn load_catalog(path: &Path, today: chrono::NaiveDate) -> Catalog {
    Catalog::load(
        &Selection::new(false, vec![path.to_path_buf()])
            .on(today)
            .previewing(),
    )
}

/// The files a preview of `path` reloads on: the tree, the `contacts.ron` and `policy.ron`
/// beside it, and with `sources` the documents its sources name there.
pub fn watched_files(path: &Path, tree: Option<&Tree>, sources: Option<&Path>) -> Vec<PathBuf> {
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut files = vec![
        path.to_path_buf(),
        folder.join(crate::catalog::CONTACTS_FILE),
        folder.join("policy.ron"),
    ];
    if let (Some(dir), Some(tree)) = (sources, tree) {
        files.extend(
            tree.sources
                .iter()
                .filter_map(|s| s.file.as_ref())
                .map(|f| dir.join(f)),
        );
    }
    files
}

/// The walk of `tree`, a new version of the tree `old` was walking: the author's answers
/// replayed, and on the same step the highlighted answer and the scrolls kept. Also returns the
/// label of an answer that no longer applies, where the replay stopped.
pub fn carry_over(old: Option<(&Tree, &Walk)>, tree: &Tree) -> (Walk, Option<String>) {
    let labels = old
        .map(|(old, walk)| walk.session.labels(old))
        .unwrap_or_default();
    let (session, replay) = Session::replay_labels(tree, &labels);
    let mut walk = Walk::new(0, session);
    if let Some((old_tree, old_walk)) = old
        && old_tree.node(old_walk.session.current()).id == tree.node(walk.session.current()).id
    {
        // The rows people choose from (a checklist's "none of these" included).
        let rows = tree.node(walk.session.current()).answer_labels().len();
        walk.selected = old_walk.selected.min(rows.saturating_sub(1));
        if let Some(checklist) = walk.session.checklist(tree) {
            walk.ticked = old_walk.ticked & ((1u64 << checklist.items.len()) - 1);
        }
        walk.scroll = old_walk.scroll;
        walk.outcome_scroll = old_walk.outcome_scroll;
    }
    (walk, replay.stopped_at)
}

/// The status line after a reload at `time` (e.g. "14:03:12").
pub fn reload_status(diagnostics: &[Diagnostic], time: &str) -> String {
    let (errors, warnings) = count(diagnostics);
    format!(
        "reloaded {time} · {} · {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

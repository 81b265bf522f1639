//! `signpost preview`: the app on one tree file, reloaded on every save. The author's answers
//! are replayed so they keep their place; a broken save keeps the last good tree on screen with
//! the diagnostics beside it.

use std::path::{Path, PathBuf};

use super::app::{App, Screen, Walk};
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
    Catalog::load(&Selection::new(false, vec![path.to_path_buf()]).on(today))
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

impl App {
    /// Takes in a new version of the previewed file, loaded at `time` (e.g. "14:03:12").
    pub fn reload(&mut self, tree: Option<Tree>, diagnostics: Vec<Diagnostic>, time: &str) {
        let (errors, warnings) = count(&diagnostics);
        let mut status = format!(
            "reloaded {time} · {} · {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        match tree {
            Some(tree) => {
                let labels = self
                    .walk()
                    .map(|(old, walk)| walk.session.labels(old))
                    .unwrap_or_default();
                // Where the author was looking: the node, the highlighted answer, the scrolls.
                let place = self.walk().map(|(old, walk)| {
                    let node = old.node(walk.session.current()).id.clone();
                    (
                        node,
                        walk.selected,
                        walk.ticked,
                        walk.scroll,
                        walk.outcome_scroll,
                    )
                });
                let (session, replay) = Session::replay_labels(&tree, &labels);
                if let Some(label) = &replay.stopped_at {
                    status.push_str(&format!(" · your answer \"{label}\" no longer applies here, so the walk stops at this question"));
                }
                let mut walk = Walk::new(0, session);
                if let Some((node, selected, ticked, scroll, outcome_scroll)) = place
                    && tree.node(walk.session.current()).id == node
                {
                    // The same step: keep the highlight (if that answer is still there) and
                    // the scroll positions.
                    // The rows people choose from (a checklist's "none of these" included).
                    let rows = tree.node(walk.session.current()).answer_labels().len();
                    walk.selected = selected.min(rows.saturating_sub(1));
                    if let Some(checklist) = walk.session.checklist(&tree) {
                        walk.ticked = ticked & ((1u64 << checklist.items.len()) - 1);
                    }
                    walk.scroll = scroll;
                    walk.outcome_scroll = outcome_scroll;
                }
                if self.catalog.trees.is_empty() {
                    self.catalog.trees.push(tree);
                } else {
                    self.catalog.trees[0] = tree;
                }
                self.search.reset();
                self.screen = Screen::Walk(walk);
            }
            None if self.catalog.trees.is_empty() => {
                status.push_str(" · fix the errors below to see the tree")
            }
            None => status.push_str(" · showing the last good version"),
        }
        if let Some(preview) = &mut self.preview {
            preview.diagnostics = diagnostics;
            preview.status = status;
        }
    }
}

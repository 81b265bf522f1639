//! The decision-tree model: the file format, loading with diagnostics, validation, the indexed
//! [`Tree`], and what can be computed from it.

pub mod consistency;
pub mod contacts;
pub mod diff;
pub mod export;
pub mod facts;
pub mod flow;
pub mod format;
pub mod locate;
pub mod model;
pub mod paths;
pub mod policy;
pub mod quotes;
pub mod read;
pub mod syntax;
pub mod validate;
pub mod vocabulary;

pub use contacts::ContactBook;
pub use facts::{Condition, Fact, FactId, FactState, Facts};
pub use format::Verdict;
pub use model::{
    Checklist, Choice, Item, Link, Node, NodeId, NodeKind, Outcome, Passage, PolicyRule, Question,
    Route, Rule, Shown, Source, Tree, When,
};
pub use policy::Policy;
pub use validate::{Loaded, Shared};

use chrono::NaiveDate;

/// Parses and validates a tree from its text, against the shared contacts and policy.
pub fn load_tree(file: &str, source: &str, shared: Shared, today: NaiveDate) -> Loaded {
    match read::parse::<format::TreeDoc>(file, source) {
        Ok(doc) => validate::build(doc, file, source, shared, today),
        Err(diagnostic) => Loaded {
            tree: None,
            diagnostics: vec![diagnostic],
            breaking: None,
        },
    }
}

/// Today's date on this machine (for review-date warnings).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Test support: a valid format-2 tree built from its start node id and `nodes` table.
#[cfg(test)]
pub(crate) fn test_tree_v2(start: &str, nodes: &str) -> Tree {
    let src = format!(
        "Tree(format: 2, id: \"t\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\",\n\
         sources: {{}}, start: \"{start}\",\n nodes: {nodes})"
    );
    let loaded = load_tree("t.ron", &src, Shared::none(), NaiveDate::MIN);
    match loaded.tree {
        Some(tree) => tree,
        None => panic!("not a valid test tree: {:#?}", loaded.diagnostics),
    }
}

/// Test support: a valid tree built from its `sources` table, start node id and `nodes` table.
#[cfg(test)]
pub(crate) fn test_tree(sources: &str, start: &str, nodes: &str) -> Tree {
    let src = format!(
        "Tree(id: \"t\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\",\n\
         sources: {sources}, start: \"{start}\",\n nodes: {nodes})"
    );
    load_tree("t.ron", &src, Shared::none(), NaiveDate::MIN)
        .tree
        .expect("a valid test tree")
}

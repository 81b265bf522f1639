//! The decision-tree model: the file format, loading with diagnostics, validation, the indexed
//! [`Tree`], and what can be computed from it.

pub mod contacts;
pub mod diff;
pub mod export;
pub mod format;
pub mod locate;
pub mod model;
pub mod paths;
pub mod quotes;
pub mod read;
pub mod syntax;
pub mod validate;

pub use contacts::ContactBook;
pub use format::Verdict;
pub use model::{Choice, Node, NodeId, NodeKind, Outcome, Passage, Question, Source, Tree};
pub use validate::Loaded;

use chrono::NaiveDate;

/// Parses and validates a tree from its text.
pub fn load_tree(file: &str, source: &str, contacts: &ContactBook, today: NaiveDate) -> Loaded {
    match read::parse::<format::TreeDoc>(file, source) {
        Ok(doc) => validate::build(doc, file, source, contacts, today),
        Err(diagnostic) => Loaded {
            tree: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// Today's date on this machine (for review-date warnings).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

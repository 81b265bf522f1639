//! The decision-tree model: the file format, loading with diagnostics, validation, the indexed
//! [`Tree`], and what can be computed from it.

pub mod consistency;
pub mod contacts;
pub mod declared_id;
pub mod diff;
pub mod export;
pub mod facts;
pub mod flow;
pub mod format;
pub mod invisible;
pub mod locate;
pub mod model;
pub mod paths;
pub mod policy;
pub mod provenance;
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
pub use provenance::Provenance;
pub use validate::{Loaded, Shared};

use chrono::NaiveDate;

/// Parses and validates a tree from its text, against the shared contacts and policy.
/// A zero-width character in a string is kept as its visible escape, with a warning (see
/// [`invisible`]).
pub fn load_tree(file: &str, source: &str, shared: Shared, today: NaiveDate) -> Loaded {
    let (escaped, warnings, escapes) = invisible::escape_zero_width(file, source);
    let mut loaded = match read::parse::<format::TreeDoc>(file, &escaped) {
        Ok(doc) => validate::build(doc, file, &escaped, shared, today),
        Err(diagnostic) => Loaded {
            tree: None,
            diagnostics: vec![diagnostic],
            breaking: None,
        },
    };
    escapes.restore(&mut loaded.diagnostics, source);
    if !warnings.is_empty() {
        loaded.diagnostics.splice(0..0, warnings);
    }
    loaded
}

/// The environment variable that sets the date review dates are measured against
/// (`YYYY-MM-DD`): tests and CI set it so that the calendar cannot change their results.
pub const TODAY_VAR: &str = "SIGNPOST_TODAY";

/// The date review dates are measured against: `SIGNPOST_TODAY` when it is set, else this
/// machine's date. (`main` refuses to start when the variable is set but is not a date.)
pub fn today() -> NaiveDate {
    today_from_env()
        .ok()
        .flatten()
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// `SIGNPOST_TODAY`: `Ok(None)` when it is not set, an error saying why when it is not a date.
pub fn today_from_env() -> Result<Option<NaiveDate>, String> {
    match std::env::var(TODAY_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{TODAY_VAR} is not a date in the form YYYY-MM-DD"))
        }
        Ok(text) => parse_date(&text)
            .map(Some)
            .map_err(|e| format!("{TODAY_VAR}: {e}")),
    }
}

/// A date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date in the form YYYY-MM-DD, such as 2027-03-31"))
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

//! Sentences more than one view says, written once: the app's status line, plain mode and the
//! line quiz say them the same way.

use std::fmt::Display;
use std::path::Path;

/// Going back from the first question.
pub const AT_FIRST_QUESTION: &str = "This is the first question: there is nothing to go back to.";

/// Saving a record before the walk has an outcome.
pub const NO_OUTCOME_YET: &str = "Reach an outcome first: the record is saved from the outcome.";

/// A decision record was saved at `path`.
pub fn record_saved(path: &Path) -> String {
    format!("Saved decision record: {}", path.display())
}

/// The same walk, with the same note, was saved before at `path`.
pub fn already_saved(path: &Path) -> String {
    format!("Already saved as {}", path.display())
}

/// The heading over answers a search chose, in the app's trail and in `lookup`.
pub const ASSUMED_HEADING: &str = "Assumed from your search:";

/// What the first screen after opening a search result says: how many answers were assumed
/// from the search, and whether the question on screen is one it did not decide.
pub fn opened_from_search(assumed: usize, undecided: bool) -> Option<String> {
    let answers = match assumed {
        0 if undecided => {
            return Some("Nothing assumed from your search: answer this question yourself.".into());
        }
        0 => return None,
        1 => "1 answer".to_string(),
        n => format!("{n} answers"),
    };
    Some(if undecided {
        format!("{answers} assumed from your search (marked above); answer this question yourself.")
    } else {
        format!("{answers} assumed from your search (marked above): check them; Tab changes one.")
    })
}

/// Asked before a record is saved.
pub const NOTE_PROMPT: &str = "Note for the record: who or what was it sent to? (Enter for none): ";

/// A decision record could not be saved in `folder`.
pub fn record_not_saved(folder: &Path, error: impl Display) -> String {
    format!(
        "Could not save the decision record in {}: {error}",
        folder.display()
    )
}

/// `a, b or c`.
pub fn or_list(items: &[impl AsRef<str>]) -> String {
    match items.split_last() {
        Some((last, [])) => last.as_ref().to_string(),
        Some((last, rest)) => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", rest.join(", "), last.as_ref())
        }
        None => String::new(),
    }
}

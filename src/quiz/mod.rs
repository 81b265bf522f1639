//! Scenario quizzes: decks of situations, each with the outcome a learner should reach.
//!
//! Loading a deck validates it against its tree, every problem a positioned diagnostic: the
//! tree must exist (E030), the expected outcome must exist and be an outcome (E031), be
//! reachable from the start (E032), and the deck's expected answers, when given, must lead to
//! it (E033). A [`Quiz`] then takes the learner's walk of each scenario, marks it and keeps the
//! score. Nothing here touches a terminal: the line-based quiz drives a [`Quiz`], and a
//! full-screen quiz could drive the same.
//!
//! # How a wrong walk is explained
//!
//! A walk is right when it ends on the expected outcome, whatever route it took, or on an
//! outcome that gives the same advice (same verdict and headline: trees repeat "Use Microsoft
//! Teams" in several branches). When it does not end on the expected outcome itself, the
//! learner is shown the [`Divergence`]: the first answer after which the expected
//! outcome could no longer be reached. Comparing the walk with one fixed list of answers would
//! blame answers the tree treats alike ("A message" instead of "Documents or files", or a
//! detour through "I'm not sure" that comes back to the same question); the first answer that
//! closes off the expected outcome is the mistake that mattered. The options that would have
//! kept the expected outcome in reach are offered with it, the deck's own expected answer
//! first. What explains the mistake is the source of each policy rule the outcome reached
//! breaks on the situation's own facts (Teams for SECRET material breaks "approved up to and
//! including Official-Sensitive"); when it breaks none, the guidance of the question where the
//! walk left the way ([`Scenario::explaining_passages`]).
//!
//! # Layout
//!
//! `deck.rs` loads and checks decks, `marking.rs` marks walks and keeps the score, `summary.rs`
//! writes what a trainer keeps, `facilitator.rs` the script a trainer runs a deck from.
//! Everything public is re-exported here.

mod deck;
mod facilitator;
#[cfg(test)]
mod fixtures;
mod marking;
mod reach;
mod summary;

pub use deck::{
    Deck, LoadedDeck, Scenario, load_deck, load_deck_files, load_decks, trees_folder_of,
};
pub use facilitator::script;
pub use marking::{Divergence, Marked, Quiz, Score, SubmitError};
pub use summary::{divergence_line, outcome_line, quiz_dir, save_summary};

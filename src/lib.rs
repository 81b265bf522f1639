//! signpost: which tool should I use to share this?
//!
//! The library behind the `signpost` command. Data flows one way: a RON file becomes a validated,
//! indexed [`tree::Tree`] (with [`diagnostic::Diagnostic`]s for anything wrong), a
//! [`session::Session`] walks it, and a view (the full-screen app in [`tui`], or the line-based
//! mode in [`plain`]) shows it. The tree engine knows nothing about terminals; the views know
//! nothing about RON.

#![cfg_attr(not(test), deny(clippy::unwrap_used))]
// A diagnostic is made at most once per problem, never in a loop that needs speed: returning it
// by value keeps the loader simple.
#![allow(clippy::result_large_err)]

pub mod catalog;
pub mod cheatsheet;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fit;
pub mod pack;
pub mod parallel;
pub mod paths;
pub mod plain;
pub mod publish;
pub mod quiz;
pub mod record;
pub mod records;
pub mod script;
pub mod search;
pub mod session;
pub mod text;
pub mod theme_name;
pub mod tree;
pub mod tui;
pub mod wording;

//! What the app is doing: one [`Mode`], each variant holding its own state, so a combination
//! that makes no sense (changing an answer while the focus is on the trail, presenting a step
//! with no walk) cannot be built. Pop-ups hold the mode they were opened over; the map and the
//! note are only ever opened over a walk.

use super::keymap::Context;
use super::map::TreeMap;
pub use super::reveal::Presentation;
use super::room::{Room, Stage};
use super::theme::ThemeName;
use super::walk::{Focus, Walk};
use crate::tree::Tree;

/// The app's mode.
#[derive(Debug)]
pub enum Mode {
    /// The list of trees and the search box.
    Home(Home),
    /// Walking a tree.
    Walk(Walk),
    /// Walking a tree for a room, each step revealed in parts.
    Present(Walk, Presentation),
    /// The list of keys, over the mode it was opened from, scrolled down this many rows.
    Help(Box<Mode>, u16),
    /// The search pop-up, over the walk it was opened from.
    Search(Box<Mode>),
    /// The map of the tree being walked, over that walk.
    Map(Box<Mode>, TreeMap),
    /// The note of a decision record being written, over the walk whose outcome it records.
    Note(Box<Mode>, String),
    /// "End the session?", over a presentation whose walk is under way.
    Quitting(Box<Mode>),
    /// The quiz for a room.
    Room(Box<Room>),
}

/// The home screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Home {
    /// Selected row (trees first, then broken files).
    pub selected: usize,
    /// Set while presentation mode is on (the theme to go back to when it ends): the next
    /// tree opened is presented.
    pub presenting: Option<ThemeName>,
    /// The first digits of a tree's number, typed when there are more than nine trees and
    /// waiting for the next digit ([`crate::tui::numbering`]).
    pub first_digit: Option<usize>,
}

impl Default for Mode {
    fn default() -> Self {
        Mode::Home(Home::default())
    }
}

impl Mode {
    /// A walk, presented when `presenting` holds the theme to go back to.
    pub fn walking(walk: Walk, presenting: Option<ThemeName>) -> Mode {
        match presenting {
            Some(theme) => Mode::Present(walk, Presentation::new(theme)),
            None => Mode::Walk(walk),
        }
    }

    /// The mode under this pop-up, if it is one.
    pub fn beneath(&self) -> Option<&Mode> {
        match self {
            Mode::Help(beneath, _)
            | Mode::Search(beneath)
            | Mode::Map(beneath, _)
            | Mode::Note(beneath, _)
            | Mode::Quitting(beneath) => Some(beneath),
            Mode::Home(_) | Mode::Walk(_) | Mode::Present(..) | Mode::Room(_) => None,
        }
    }

    /// The walk in this mode or under its pop-up, if any.
    pub fn walk(&self) -> Option<&Walk> {
        match self {
            Mode::Walk(walk) | Mode::Present(walk, _) => Some(walk),
            Mode::Room(room) => Some(&room.walk),
            other => other.beneath()?.walk(),
        }
    }

    /// [`Mode::walk`], to change it.
    pub fn walk_mut(&mut self) -> Option<&mut Walk> {
        match self {
            Mode::Home(_) => None,
            Mode::Walk(walk) | Mode::Present(walk, _) => Some(walk),
            Mode::Room(room) => Some(&mut room.walk),
            Mode::Help(beneath, _)
            | Mode::Search(beneath)
            | Mode::Map(beneath, _)
            | Mode::Note(beneath, _)
            | Mode::Quitting(beneath) => beneath.walk_mut(),
        }
    }

    /// The theme to go back to when presentation mode ends, if it is on.
    pub fn presenting(&self) -> Option<ThemeName> {
        match self {
            Mode::Home(home) => home.presenting,
            Mode::Walk(_) => None,
            Mode::Present(_, presentation) => Some(presentation.previous_theme),
            Mode::Room(room) => Some(room.presentation.previous_theme),
            other => other.beneath()?.presenting(),
        }
    }

    /// Where keys go in this mode. `trees` are the catalog's trees; `typing` says whether the
    /// search box has text.
    pub fn context(&self, trees: &[Tree], typing: bool) -> Context {
        match self {
            Mode::Home(_) if typing => Context::HomeTyping,
            Mode::Home(_) => Context::HomeEmpty,
            Mode::Help(..) => Context::Help,
            Mode::Search(_) => Context::Search,
            Mode::Map(_, map) if map.typing => Context::MapTyping,
            Mode::Map(..) => Context::Map,
            Mode::Note(..) => Context::Note,
            Mode::Quitting(_) => Context::Quitting,
            Mode::Room(room) => match room.stage {
                Stage::Walking => Context::RoomWalk,
                Stage::Marked => Context::RoomMarked,
                Stage::Done => Context::RoomDone,
            },
            Mode::Walk(walk) | Mode::Present(walk, _) => {
                let tree = &trees[walk.tree];
                let checklist = walk.on_checklist(tree);
                match walk.focus {
                    Focus::Trail { .. } => Context::Trail,
                    Focus::Changing { .. } if checklist => Context::ChangingChecklist,
                    Focus::Changing { .. } => Context::Changing,
                    Focus::Answers if matches!(self, Mode::Present(..)) => Context::Present,
                    Focus::Answers if checklist => Context::Checklist,
                    Focus::Answers if walk.session.at_outcome(tree) => Context::Outcome,
                    Focus::Answers => Context::Question,
                }
            }
        }
    }
}

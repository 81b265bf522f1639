//! A walk in progress and how the walk keys change it: answering, ticking, going back,
//! changing an earlier answer from the trail, scrolling.

use super::keymap::Action;
use super::numbering::{self, Typed};
use crate::search::picks::Picks;
use crate::session::Session;
use crate::tree::paths::Answer;
use crate::tree::{Node, NodeKind, Question, Tree};
use crate::wording;

/// Where the focus is during a walk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// On the answers of the current node.
    #[default]
    Answers,
    /// On the trail of answers, to pick one to change.
    Trail {
        /// The picked step.
        cursor: usize,
    },
    /// Choosing a new answer for an earlier step.
    Changing {
        /// The step being changed.
        step: usize,
    },
}

/// A walk in progress.
#[derive(Debug)]
pub struct Walk {
    /// Index of the tree in the catalog.
    pub tree: usize,
    /// The answers so far.
    pub session: Session,
    /// The selected option (on a checklist: the selected item, or one past the items for
    /// "none of these").
    pub selected: usize,
    /// The items ticked on a checklist (bit i = item i).
    pub ticked: u64,
    /// Where the focus is.
    pub focus: Focus,
    /// The first digit of a two-digit answer number, typed on a question with more than nine
    /// answers and waiting for the second.
    pub first_digit: Option<usize>,
    /// Scroll offset of the guidance pane.
    pub scroll: u16,
    /// Scroll offset of an outcome's text.
    pub outcome_scroll: u16,
    /// By step, whether its answer was assumed from a search rather than given by the person;
    /// an answer the person changes, or goes back over, is theirs.
    pub assumed: Vec<bool>,
    /// The answers the search that opened the walk decided: given for the person, and marked
    /// assumed, when the walk comes to their questions.
    pub picks: Picks,
}

impl Walk {
    /// A walk view over `session`.
    pub fn new(tree: usize, session: Session) -> Self {
        Walk {
            tree,
            session,
            selected: 0,
            ticked: 0,
            focus: Focus::Answers,
            first_digit: None,
            scroll: 0,
            outcome_scroll: 0,
            assumed: Vec::new(),
            picks: Picks::default(),
        }
    }

    /// A walk opened from a search: `session` with its first `assumed` answers assumed from the
    /// search, which goes on deciding the answers in `picks`.
    pub fn from_search(tree: usize, session: Session, assumed: usize, picks: Picks) -> Self {
        let mut walk = Walk::new(tree, session);
        walk.assumed = vec![true; assumed];
        walk.picks = picks;
        walk
    }

    /// Whether step `step`'s answer was assumed from a search.
    pub fn is_assumed(&self, step: usize) -> bool {
        self.assumed.get(step).copied().unwrap_or(false)
    }

    /// The step whose answer is being changed, if one is.
    pub fn changing(&self) -> Option<usize> {
        match self.focus {
            Focus::Changing { step } => Some(step),
            _ => None,
        }
    }

    /// The picked step of the trail, while the focus is there.
    pub fn trail_cursor(&self) -> Option<usize> {
        match self.focus {
            Focus::Trail { cursor } => Some(cursor),
            _ => None,
        }
    }

    /// The node whose answers are shown: the question being changed, or the current node.
    pub fn shown_node<'t>(&self, tree: &'t Tree) -> &'t Node {
        match self.changing() {
            Some(step) => tree.node(self.session.steps()[step].question),
            None => tree.node(self.session.current()),
        }
    }

    /// The question shown, if the shown node is a question.
    pub fn shown_question<'t>(&self, tree: &'t Tree) -> Option<&'t Question> {
        match &self.shown_node(tree).kind {
            NodeKind::Question(q) => Some(q),
            _ => None,
        }
    }

    /// Whether the shown node is a checklist.
    pub fn on_checklist(&self, tree: &Tree) -> bool {
        matches!(self.shown_node(tree).kind, NodeKind::Checklist(_))
    }

    /// Applies a walk key; returns what to tell the person, if anything.
    pub fn apply(&mut self, tree: &Tree, action: Action) -> Option<String> {
        if let Focus::Trail { cursor } = self.focus {
            return self.apply_in_trail(cursor, action);
        }
        let on_checklist = self.on_checklist(tree);
        let first_digit = self.first_digit.take();
        match action {
            Action::Number(n) => {
                let rows = self.options_len(tree);
                match numbering::typed(first_digit, n as usize, rows) {
                    Typed::Chosen(number) => return self.pick(tree, number - 1),
                    Typed::Waiting(number) => {
                        self.first_digit = Some(number);
                        self.selected = number - 1;
                        return Some(numbering::waiting_message(number, rows));
                    }
                    Typed::NoSuchRow(number) => {
                        return Some(numbering::no_such_row_message(number, rows, "answers"));
                    }
                }
            }
            Action::Pick(index) => return self.pick(tree, index),
            Action::Toggle if on_checklist => self.toggle(tree, self.selected),
            Action::Select if on_checklist => return self.confirm(tree),
            Action::Select => return self.choose(tree, Answer::Option(self.selected as u16)),
            Action::Up | Action::Down => self.move_selection(tree, action == Action::Down),
            Action::Back => return self.back(tree),
            Action::Restart => {
                self.session.restart(tree);
                self.assumed.clear();
                self.picks = Picks::default();
                self.selected = 0;
                self.ticked = 0;
                self.reset_view();
            }
            Action::Trail if self.session.steps().is_empty() => {
                return Some(
                    "No answers yet: answer a question first, then Tab lets you change it.".into(),
                );
            }
            Action::Trail => {
                self.focus = Focus::Trail {
                    cursor: self.session.steps().len() - 1,
                }
            }
            Action::Close => self.focus = Focus::Answers,
            Action::ScrollDown => self.scroll = scroll(self.scroll, true),
            Action::ScrollUp => self.scroll = scroll(self.scroll, false),
            _ => {}
        }
        None
    }

    /// Chooses answer `index` (0-based) of a question, or ticks or unticks item `index` of a
    /// checklist.
    fn pick(&mut self, tree: &Tree, index: usize) -> Option<String> {
        if self.on_checklist(tree) {
            self.toggle(tree, index);
            return None;
        }
        self.choose(tree, Answer::Option(index as u16))
    }

    /// Puts the focus on step `cursor` of the trail and starts changing it.
    pub fn change_step(&mut self, cursor: usize) {
        // A number half typed on the answers is dropped, not finished on another question.
        self.first_digit = None;
        self.focus = Focus::Trail { cursor };
        self.apply_in_trail(cursor, Action::Select);
    }

    fn apply_in_trail(&mut self, cursor: usize, action: Action) -> Option<String> {
        let steps = self.session.steps().len();
        match action {
            Action::Left => {
                self.focus = Focus::Trail {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Action::Right => {
                self.focus = Focus::Trail {
                    cursor: (cursor + 1).min(steps.saturating_sub(1)),
                }
            }
            Action::Select if cursor < steps => {
                self.focus = Focus::Changing { step: cursor };
                self.show_answer(self.session.steps()[cursor].answer);
            }
            Action::Close => self.focus = Focus::Answers,
            _ => {}
        }
        None
    }

    fn move_selection(&mut self, tree: &Tree, down: bool) {
        if tree.outcome(self.session.current()).is_some() && self.changing().is_none() {
            self.outcome_scroll = scroll(self.outcome_scroll, down);
        } else {
            self.selected = step(self.selected, self.options_len(tree), down);
        }
    }

    fn back(&mut self, tree: &Tree) -> Option<String> {
        let previous = self.session.steps().last().map(|s| s.answer);
        if !self.session.back(tree) {
            return Some(wording::AT_FIRST_QUESTION.into());
        }
        self.assumed.truncate(self.session.steps().len());
        if let Some(answer) = previous {
            self.show_answer(answer);
        }
        self.reset_view();
        None
    }

    /// Selects what `answer` chose (when going back to it or changing it).
    fn show_answer(&mut self, answer: Answer) {
        match answer {
            Answer::Option(i) => {
                self.selected = i as usize;
                self.ticked = 0;
            }
            Answer::Items { chosen, .. } => {
                self.selected = 0;
                self.ticked = chosen.into();
            }
        }
    }

    /// Rows to move through: the options, or a checklist's items and "none of these".
    fn options_len(&self, tree: &Tree) -> usize {
        match &self.shown_node(tree).kind {
            NodeKind::Question(q) => q.options.len(),
            NodeKind::Checklist(c) => c.items.len() + 1,
            _ => 0,
        }
    }

    /// Ticks or unticks checklist item `index`; on the "none of these" row, unticks every item.
    fn toggle(&mut self, tree: &Tree, index: usize) {
        let Some(items) = self.shown_node(tree).checklist_items() else {
            return;
        };
        if index < items {
            self.ticked ^= 1 << index;
            self.selected = index;
        } else if index == items {
            self.ticked = 0;
            self.selected = index;
        }
    }

    /// Enter on a checklist: "none of these" on its row, else the ticked items.
    fn confirm(&mut self, tree: &Tree) -> Option<String> {
        let items = self.shown_node(tree).checklist_items()?;
        if self.selected == items {
            self.ticked = 0;
        } else if self.ticked == 0 {
            return Some(
                "Tick each item that applies with Space, then press Enter; or choose the last row if none apply."
                    .to_string(),
            );
        }
        let answer = Answer::items(self.ticked, items);
        self.choose(tree, answer)
    }

    fn choose(&mut self, tree: &Tree, answer: Answer) -> Option<String> {
        if let Answer::Option(index) = answer
            && index as usize >= self.options_len(tree)
        {
            return None;
        }
        let mut status = None;
        match self.changing() {
            Some(step) => {
                if let Some(flag) = self.assumed.get_mut(step) {
                    *flag = false;
                }
                if let Ok(replay) = self.session.change(tree, step, answer) {
                    status = Some(match (replay.kept, replay.dropped) {
                        (0, 0) => "Answer changed.".to_string(),
                        (kept, 0) => format!(
                            "Answer changed; your {kept} later answer(s) still apply and were kept."
                        ),
                        (kept, dropped) => format!(
                            "Answer changed; {kept} later answer(s) kept, {dropped} no longer apply."
                        ),
                    });
                }
            }
            None => {
                if self.session.give(tree, answer).is_ok() {
                    self.assumed.resize(self.session.steps().len(), false);
                    let given = self.picks.go_on(tree, &mut self.session);
                    self.assumed.resize(self.assumed.len() + given, true);
                }
            }
        }
        self.assumed.truncate(self.session.steps().len());
        self.selected = 0;
        self.ticked = 0;
        self.reset_view();
        status
    }

    fn reset_view(&mut self) {
        self.scroll = 0;
        self.outcome_scroll = 0;
        self.focus = Focus::Answers;
    }
}

/// `current` moved one row up or down within `len` rows.
pub fn step(current: usize, len: usize, down: bool) -> usize {
    match (len, down) {
        (0, _) => 0,
        (_, true) => (current + 1).min(len - 1),
        (_, false) => current.saturating_sub(1),
    }
}

fn scroll(current: u16, down: bool) -> u16 {
    if down {
        current.saturating_add(3)
    } else {
        current.saturating_sub(3)
    }
}

//! The app's state and how actions change it. No terminal I/O happens here: the view reads
//! this state, the event loop feeds it actions.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::keymap::{self, Action, Context};
use super::theme::{Theme, ThemeName};
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::record::{self, Report};
use crate::search::{Hit, Kind, SearchIndex};
use crate::session::Session;
use crate::tree::paths::Answer;
use crate::tree::{Node, NodeKind, Tree};

/// What the main area shows.
#[derive(Debug)]
pub enum Screen {
    /// The list of trees and the search box.
    Home {
        /// Selected row (trees first, then broken files).
        selected: usize,
    },
    /// Walking a tree.
    Walk(Walk),
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
    /// Whether the focus is on the trail of answers.
    pub in_trail: bool,
    /// The selected step of the trail.
    pub trail_cursor: usize,
    /// The step whose answer is being changed.
    pub changing: Option<usize>,
    /// Scroll offset of the guidance pane.
    pub scroll: u16,
    /// Scroll offset of an outcome's text.
    pub outcome_scroll: u16,
}

/// A pop-up over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key list.
    Help,
    /// Search across all trees.
    Search,
    /// The map of the tree being walked.
    Map,
}

/// Presentation mode: how much of the current step the room can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presentation {
    /// 0: the question (or "what now?" on an outcome); 1: the options (the guidance on an
    /// outcome); 2: the guidance (the verdict on an outcome).
    pub stage: u8,
    /// The theme to go back to when presentation mode ends.
    pub previous_theme: ThemeName,
}

impl Presentation {
    /// The last stage of a step.
    pub const LAST: u8 = 2;
}

/// The search box and its results.
pub struct SearchBox {
    /// What has been typed.
    pub query: String,
    /// Results, best first.
    pub hits: Vec<Hit>,
    /// Selected result.
    pub selected: usize,
    /// The index searched: built on the first keystroke, so starting the app stays instant.
    index: Option<SearchIndex>,
}

impl SearchBox {
    /// The entry behind a hit (hits exist only once the index is built).
    pub fn entry(&self, hit: Hit) -> &crate::search::Entry {
        self.index
            .as_ref()
            .expect("hits come from the index")
            .entry(hit)
    }

    /// Forgets the index (the trees changed); it is rebuilt on the next search.
    pub fn reset(&mut self) {
        self.index = None;
        self.hits.clear();
    }
}

/// Something on screen a mouse click can choose, recorded by the view as it draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An option of the current question.
    Option(usize),
    /// A row of the home list.
    Row(usize),
    /// A search result.
    Result(usize),
    /// A step of the trail.
    Step(usize),
    /// The guidance pane (for the scroll wheel).
    Guidance,
}

/// The whole app.
pub struct App {
    /// The trees.
    pub catalog: Catalog,
    /// Colours.
    pub theme: Theme,
    /// Problems to show in a banner (a broken config file).
    pub banner: Vec<Diagnostic>,
    /// The main screen.
    pub screen: Screen,
    /// A pop-up, if open.
    pub overlay: Option<Overlay>,
    /// The search box (home screen and the search pop-up).
    pub search: SearchBox,
    /// A one-line message: "Saved to …", "Changed your answer …".
    pub status: Option<String>,
    /// Set when the app should close.
    pub quit: bool,
    /// Where decision records are saved.
    pub records_dir: Result<PathBuf, String>,
    /// Where the terminal cursor goes (set by the view: the focused item).
    pub cursor: Cell<Option<Position>>,
    /// Clickable areas (set by the view).
    pub targets: RefCell<Vec<(Rect, Target)>>,
    /// Set in `signpost preview`: the file, its latest diagnostics and the reload status.
    pub preview: Option<super::preview::Preview>,
    /// The tree map's state while it is open.
    pub map: super::map::TreeMap,
    /// Set in presentation mode.
    pub present: Option<Presentation>,
}

impl App {
    /// An app on the home screen.
    pub fn new(
        catalog: Catalog,
        theme: ThemeName,
        banner: Vec<Diagnostic>,
        records_dir: Result<PathBuf, String>,
    ) -> Self {
        App {
            catalog,
            theme: Theme::new(theme),
            banner,
            screen: Screen::Home { selected: 0 },
            overlay: None,
            search: SearchBox {
                query: String::new(),
                hits: Vec::new(),
                selected: 0,
                index: None,
            },
            status: None,
            quit: false,
            records_dir,
            cursor: Cell::new(None),
            targets: RefCell::new(Vec::new()),
            preview: None,
            map: super::map::TreeMap::default(),
            present: None,
        }
    }

    /// Opens tree `index` at its start.
    pub fn open_tree(&mut self, index: usize) {
        if let Some(tree) = self.catalog.trees.get(index) {
            self.screen = Screen::Walk(Walk::new(index, Session::new(tree)));
        }
    }

    /// The tree being walked, if any.
    pub fn walk(&self) -> Option<(&Tree, &Walk)> {
        match &self.screen {
            Screen::Walk(walk) => Some((&self.catalog.trees[walk.tree], walk)),
            Screen::Home { .. } => None,
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match (self.overlay, &self.screen) {
            (Some(Overlay::Help), _) => Context::Help,
            (Some(Overlay::Search), _) => Context::Search,
            (Some(Overlay::Map), _) => Context::Map,
            (None, Screen::Home { .. }) => Context::Home {
                typing: !self.search.query.is_empty(),
            },
            (None, Screen::Walk(walk)) if walk.in_trail => Context::Trail,
            (None, Screen::Walk(walk))
                if walk.on_checklist(&self.catalog.trees[walk.tree])
                    && (walk.changing.is_some() || self.present.is_none()) =>
            {
                Context::Checklist {
                    changing: walk.changing.is_some(),
                }
            }
            (None, Screen::Walk(walk)) if walk.changing.is_some() => Context::Changing,
            (None, Screen::Walk(_)) if self.present.is_some() => Context::Present,
            (None, Screen::Walk(_)) => Context::Walk,
        }
    }

    /// Handles a terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = keymap::action(self.context(), *key) {
                    self.update(action);
                }
            }
            Event::Mouse(mouse) => {
                let at = Position::new(mouse.column, mouse.row);
                let target = self
                    .targets
                    .borrow()
                    .iter()
                    .find(|(area, _)| area.contains(at))
                    .map(|(_, t)| *t);
                match (mouse.kind, target) {
                    (MouseEventKind::Down(MouseButton::Left), Some(target)) => self.click(target),
                    (MouseEventKind::ScrollDown, _) => self.update(Action::ScrollDown),
                    (MouseEventKind::ScrollUp, _) => self.update(Action::ScrollUp),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn click(&mut self, target: Target) {
        match target {
            Target::Option(i) => self.update(Action::Number((i + 1).min(255) as u8)),
            Target::Row(i) => {
                if let Screen::Home { selected } = &mut self.screen {
                    *selected = i;
                }
                self.update(Action::Select);
            }
            Target::Result(i) => {
                self.search.selected = i;
                self.open_hit();
            }
            Target::Step(i) => {
                if let Screen::Walk(walk) = &mut self.screen {
                    walk.in_trail = true;
                    walk.trail_cursor = i;
                }
                self.update(Action::Select);
            }
            Target::Guidance => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if action != Action::Save {
            self.status = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = if self.overlay == Some(Overlay::Help) {
                    None
                } else {
                    Some(Overlay::Help)
                }
            }
            Action::Theme if super::theme::no_color_requested() => {
                self.status = Some("Colours stay off because NO_COLOR is set.".into());
            }
            Action::Theme => {
                self.theme = Theme::new(self.theme.name.next());
                self.status = Some(format!("Colours: {}", self.theme.name.as_str()));
            }
            Action::Search => {
                self.overlay = Some(Overlay::Search);
                self.set_query(String::new());
            }
            Action::Home => {
                self.overlay = None;
                let selected = self.walk().map_or(0, |(_, w)| w.tree);
                self.screen = Screen::Home { selected };
                self.set_query(String::new());
            }
            Action::Present => self.toggle_presentation(),
            Action::Map => {
                if let Some((tree, walk)) = self.walk() {
                    self.map = super::map::TreeMap::at(tree, walk.session.current());
                    self.overlay = Some(Overlay::Map);
                }
            }
            _ => match self.context() {
                Context::Help => self.overlay = None,
                Context::Search | Context::Home { .. } => self.update_search(action),
                Context::Map => self.update_map(action),
                Context::Present => self.update_presentation(action),
                Context::Walk | Context::Trail | Context::Changing | Context::Checklist { .. } => {
                    self.update_walk(action)
                }
            },
        }
    }

    fn set_query(&mut self, query: String) {
        self.search.query = query;
        self.search.selected = 0;
        if self.search.query.is_empty() {
            self.search.hits.clear();
            return;
        }
        let trees = &self.catalog.trees;
        let index = self
            .search
            .index
            .get_or_insert_with(|| SearchIndex::new(trees));
        self.search.hits = index.search(&self.search.query);
    }

    /// Rows on the home screen: trees, then broken files.
    pub fn home_rows(&self) -> usize {
        self.catalog.trees.len() + self.catalog.broken.len()
    }

    fn update_search(&mut self, action: Action) {
        let searching = !self.search.query.is_empty() || self.overlay == Some(Overlay::Search);
        match action {
            Action::Type(c) => {
                let mut query = std::mem::take(&mut self.search.query);
                query.push(c);
                self.set_query(query);
            }
            Action::Erase => {
                let mut query = std::mem::take(&mut self.search.query);
                query.pop();
                self.set_query(query);
            }
            Action::Close if self.overlay == Some(Overlay::Search) => self.overlay = None,
            Action::Close if !self.search.query.is_empty() => self.set_query(String::new()),
            Action::Close => self.quit = true,
            Action::Up | Action::Down if searching => {
                let len = self.search.hits.len();
                self.search.selected = step(self.search.selected, len, action == Action::Down);
            }
            Action::Up | Action::Down => {
                let rows = self.home_rows();
                if let Screen::Home { selected } = &mut self.screen {
                    *selected = step(*selected, rows, action == Action::Down);
                }
            }
            Action::Select if searching => self.open_hit(),
            Action::Select => {
                if let Screen::Home { selected } = self.screen {
                    self.open_tree(selected);
                }
            }
            _ => {}
        }
    }

    /// Opens the selected search result: a tree at its start, a question or outcome with the
    /// answers that lead there, an answer with that option selected.
    fn open_hit(&mut self) {
        let Some(hit) = self.search.hits.get(self.search.selected).copied() else {
            return;
        };
        let entry = self.search.entry(hit).clone();
        let Some(tree) = self.catalog.trees.get(entry.tree) else {
            return;
        };
        let session = if entry.kind == Kind::Tree {
            Session::new(tree)
        } else {
            Session::at_node(tree, entry.node)
        };
        let mut walk = Walk::new(entry.tree, session);
        if let Kind::Answer(i) = entry.kind {
            walk.selected = i as usize;
        }
        if tree.outcome(entry.node).is_some() && !walk.session.steps().is_empty() {
            self.status = Some("How to get here: the answers that lead to this outcome are shown above. Press ← to walk back through them.".into());
        }
        self.screen = Screen::Walk(walk);
        self.overlay = None;
        self.set_query(String::new());
    }

    fn update_walk(&mut self, action: Action) {
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let tree = &self.catalog.trees[walk.tree];
        let mut status = None;
        let on_checklist = walk.on_checklist(tree);
        match action {
            Action::Number(n) if on_checklist => walk.toggle(tree, n as usize - 1),
            Action::Toggle if on_checklist => walk.toggle(tree, walk.selected),
            Action::Select if on_checklist && !walk.in_trail => walk.confirm(tree, &mut status),
            Action::Number(n) => walk.choose(tree, Answer::Option(n as u16 - 1), &mut status),
            Action::Select if walk.in_trail && walk.trail_cursor < walk.session.steps().len() => {
                walk.changing = Some(walk.trail_cursor);
                walk.show_answer(walk.session.steps()[walk.trail_cursor].answer);
                walk.in_trail = false;
            }
            Action::Select if walk.in_trail => {}
            Action::Select => {
                let option = Answer::Option(walk.selected as u16);
                walk.choose(tree, option, &mut status)
            }
            Action::Up | Action::Down => {
                if tree.outcome(walk.session.current()).is_some() && walk.changing.is_none() {
                    walk.outcome_scroll = scroll(walk.outcome_scroll, action == Action::Down);
                } else {
                    let len = walk.options_len(tree);
                    walk.selected = step(walk.selected, len, action == Action::Down);
                }
            }
            Action::Back if walk.changing.is_some() => walk.changing = None,
            Action::Back => {
                let previous = walk.session.steps().last().map(|s| s.answer);
                if walk.session.back(tree) {
                    if let Some(answer) = previous {
                        walk.show_answer(answer);
                    }
                    walk.reset_view();
                } else {
                    status =
                        Some("This is the first question: there is nothing to go back to.".into());
                }
            }
            Action::Restart => {
                walk.session.restart(tree);
                walk.selected = 0;
                walk.ticked = 0;
                walk.changing = None;
                walk.reset_view();
            }
            Action::Trail => {
                if walk.session.steps().is_empty() {
                    status = Some(
                        "No answers yet: answer a question first, then Tab lets you change it."
                            .into(),
                    );
                } else {
                    walk.in_trail = true;
                    walk.trail_cursor = walk.session.steps().len() - 1;
                }
            }
            Action::Left => walk.trail_cursor = walk.trail_cursor.saturating_sub(1),
            Action::Right => {
                walk.trail_cursor =
                    (walk.trail_cursor + 1).min(walk.session.steps().len().saturating_sub(1))
            }
            Action::Close => {
                walk.in_trail = false;
                walk.changing = None;
            }
            Action::ScrollDown => walk.scroll = scroll(walk.scroll, true),
            Action::ScrollUp => walk.scroll = scroll(walk.scroll, false),
            Action::Save => status = Some(self.save()),
            _ => {}
        }
        if status.is_some() {
            self.status = status;
        }
    }

    /// Starts or ends presentation mode (high-contrast colours while it lasts, unless the
    /// person asked for no colour).
    pub fn toggle_presentation(&mut self) {
        match self.present.take() {
            Some(presentation) => self.theme = Theme::new(presentation.previous_theme),
            None => {
                let previous_theme = self.theme.name;
                if previous_theme != ThemeName::Monochrome {
                    self.theme = Theme::new(ThemeName::HighContrast);
                }
                self.present = Some(Presentation {
                    stage: 0,
                    previous_theme,
                });
            }
        }
    }

    fn update_presentation(&mut self, action: Action) {
        let Some(mut presentation) = self.present else {
            return;
        };
        let before = self.walk().map(|(_, w)| (w.session.current(), w.changing));
        match action {
            Action::Reveal => presentation.stage = (presentation.stage + 1).min(Presentation::LAST),
            Action::Select if presentation.stage < Presentation::LAST => presentation.stage += 1,
            other => self.update_walk(other),
        }
        if self.walk().map(|(_, w)| (w.session.current(), w.changing)) != before {
            presentation.stage = 0;
        }
        self.present = Some(presentation);
    }

    fn update_map(&mut self, action: Action) {
        let Screen::Walk(walk) = &mut self.screen else {
            return;
        };
        let tree = &self.catalog.trees[walk.tree];
        match action {
            Action::Up | Action::Down => self.map.step(tree, action == Action::Down),
            Action::Toggle => self.map.toggle(tree),
            Action::Select => {
                if let Some(node) = self.map.selected_node(tree) {
                    *walk = Walk::new(walk.tree, Session::at_node(tree, node));
                    if let Some(presentation) = &mut self.present {
                        presentation.stage = 0;
                    }
                }
                self.overlay = None;
            }
            Action::Close => self.overlay = None,
            _ => {}
        }
    }

    /// Saves the decision record of the current outcome; returns what to tell the person.
    fn save(&self) -> String {
        let Some((tree, walk)) = self.walk() else {
            return String::new();
        };
        let Some(report) = Report::of(tree, &walk.session) else {
            return "Reach an outcome first: the record is saved from the outcome.".into();
        };
        let dir = match &self.records_dir {
            Ok(dir) => dir,
            Err(e) => return format!("Cannot save: {e}"),
        };
        let now = chrono::Local::now();
        match record::save(dir, &tree.id, &report.to_markdown(now), now) {
            Ok(path) => format!("Saved decision record: {}", path.display()),
            Err(e) => format!("Could not save the record in {}: {e}", dir.display()),
        }
    }
}

impl Walk {
    /// A walk view over `session`.
    pub fn new(tree: usize, session: Session) -> Self {
        Walk {
            tree,
            session,
            selected: 0,
            ticked: 0,
            in_trail: false,
            trail_cursor: 0,
            changing: None,
            scroll: 0,
            outcome_scroll: 0,
        }
    }

    /// The node whose answers are shown: the question being changed, or the current node.
    pub fn shown_node<'t>(&self, tree: &'t Tree) -> &'t Node {
        match self.changing {
            Some(step) => tree.node(self.session.steps()[step].question),
            None => tree.node(self.session.current()),
        }
    }

    /// The question shown, if the shown node is a question.
    pub fn shown_question<'t>(&self, tree: &'t Tree) -> Option<&'t crate::tree::Question> {
        match &self.shown_node(tree).kind {
            NodeKind::Question(q) => Some(q),
            _ => None,
        }
    }

    /// Whether the shown node is a checklist.
    pub fn on_checklist(&self, tree: &Tree) -> bool {
        matches!(self.shown_node(tree).kind, NodeKind::Checklist(_))
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
    fn confirm(&mut self, tree: &Tree, status: &mut Option<String>) {
        let Some(items) = self.shown_node(tree).checklist_items() else {
            return;
        };
        if self.selected == items {
            self.ticked = 0;
        } else if self.ticked == 0 {
            *status = Some(
                "Tick each item that applies with Space, then press Enter; or choose the last row if none apply."
                    .to_string(),
            );
            return;
        }
        let answer = Answer::items(self.ticked, items);
        self.choose(tree, answer, status);
    }

    fn choose(&mut self, tree: &Tree, answer: Answer, status: &mut Option<String>) {
        if let Answer::Option(index) = answer
            && index as usize >= self.options_len(tree)
        {
            return;
        }
        match self.changing.take() {
            Some(step) => {
                if let Ok(replay) = self.session.change(tree, step, answer) {
                    *status = Some(match (replay.kept, replay.dropped) {
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
                let _ = self.session.give(tree, answer);
            }
        }
        self.selected = 0;
        self.ticked = 0;
        self.reset_view();
    }

    fn reset_view(&mut self) {
        self.scroll = 0;
        self.outcome_scroll = 0;
        self.in_trail = false;
    }
}

fn step(current: usize, len: usize, down: bool) -> usize {
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

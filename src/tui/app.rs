//! The app's state and how actions change it. No terminal I/O happens here: the view reads
//! this state, the event loop feeds it actions.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::keymap::{Action, Context, Keymap};
use super::map::TreeMap;
use super::mode::{Home, Mode, Presentation};
use super::numbering::{self, Typed};
use super::preview::Preview;
use super::reveal::{self, Part};
use super::room::{Room, Stage};
use super::theme::{Theme, ThemeName};
use super::walk::{Focus, Walk, step};
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::record::{self, Report, Stamp};
use crate::search::{Hit, Kind, SearchIndex};
use crate::session::Session;
use crate::tree::Tree;
use crate::wording;

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
    /// The entry behind a hit (hits exist only once the index is built), its text read from
    /// `trees` (the catalog's).
    pub fn entry(&self, trees: &[crate::tree::Tree], hit: Hit) -> crate::search::Entry {
        self.index
            .as_ref()
            .expect("hits come from the index")
            .entry(trees, hit)
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

/// Pasted text as one line for a text box: line breaks and tabs become spaces, other control
/// characters are dropped, and it is cut at 500 characters.
fn pasted_text(text: &str) -> String {
    let line: String = text
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .take(MAX_NOTE_CHARS)
        .collect();
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest note a record takes, in characters.
const MAX_NOTE_CHARS: usize = 500;

/// The whole app. The view reads it through its methods; the event loop feeds it actions.
pub struct App {
    catalog: Catalog,
    theme: Theme,
    banner: Vec<Diagnostic>,
    mode: Mode,
    search: SearchBox,
    status: Option<String>,
    quit: bool,
    records_dir: Result<PathBuf, String>,
    preview: Option<Preview>,
    keymap: Keymap,
    decided_by: Option<String>,
    /// The identity of the last record saved and where it went (to say "already saved").
    last_saved: Option<(String, PathBuf)>,
    /// Where the terminal cursor goes (set by the view: the focused item).
    pub cursor: Cell<Option<Position>>,
    /// Clickable areas (set by the view).
    pub targets: RefCell<Vec<(Rect, Target)>>,
    /// How the presented step was last drawn (set by the view), for scrolling it.
    pub presented: Cell<Scrolled>,
}

/// Where a scrolled view stands: the first row shown, the last first row it can have, and how
/// many rows show at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scrolled {
    /// The first row shown.
    pub offset: u16,
    /// The largest offset (0 when everything fits).
    pub max: u16,
    /// Rows shown at once.
    pub page: u16,
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
            mode: Mode::default(),
            search: SearchBox {
                query: String::new(),
                hits: Vec::new(),
                selected: 0,
                index: None,
            },
            status: None,
            quit: false,
            records_dir,
            preview: None,
            keymap: Keymap::default(),
            decided_by: None,
            last_saved: None,
            cursor: Cell::new(None),
            presented: Cell::new(Scrolled::default()),
            targets: RefCell::new(Vec::new()),
        }
    }

    /// The trees.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The colours in use.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Problems to show in a banner (a broken config file).
    pub fn banner(&self) -> &[Diagnostic] {
        &self.banner
    }

    /// What the app is doing.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The search box (home screen and the search pop-up).
    pub fn search(&self) -> &SearchBox {
        &self.search
    }

    /// A one-line message: "Saved to …", "Changed your answer …".
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Whether the app should close.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The name saved records say decided (`name` in config.ron).
    pub fn set_decided_by(&mut self, name: Option<String>) {
        self.decided_by = name;
    }

    /// Adds problems to show in the banner.
    pub fn add_to_banner(&mut self, problems: Vec<Diagnostic>) {
        self.banner.extend(problems);
    }

    /// The keys in force.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Uses `keymap` (the keys the person changed in `config.ron`) instead of the table's.
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// Set in `signpost preview`: the file, its latest diagnostics and the reload status.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    /// Turns the app into a preview of `path` (`signpost preview`).
    pub fn start_preview(&mut self, path: PathBuf) {
        self.preview = Some(Preview {
            path,
            ..Preview::default()
        });
    }

    /// Opens tree `index` at its start.
    pub fn open_tree(&mut self, index: usize) {
        if let Some(tree) = self.catalog.trees.get(index) {
            let walk = Walk::new(index, Session::new(tree));
            self.mode = Mode::walking(walk, self.mode.presenting());
        }
    }

    /// Opens tree `index` at `node`, with the shortest answers that lead there. (The map walks
    /// the path it draws and a search result gives only the answers the search decided; this
    /// is how a test puts a walk on any node.)
    pub fn open_at(&mut self, index: usize, node: crate::tree::NodeId) {
        if let Some(tree) = self.catalog.trees.get(index) {
            let walk = Walk::new(index, Session::at_node(tree, node));
            self.mode = Mode::walking(walk, self.mode.presenting());
        }
    }

    /// The tree being walked and the walk, if any (also under a pop-up).
    pub fn walk(&self) -> Option<(&Tree, &Walk)> {
        self.mode
            .walk()
            .map(|walk| (&self.catalog.trees[walk.tree], walk))
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        self.mode
            .context(&self.catalog.trees, !self.search.query.is_empty())
    }

    /// Handles a terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = self.keymap.action(self.context(), *key) {
                    self.update(action);
                }
            }
            Event::Paste(text) => {
                self.status = None;
                let mode = std::mem::take(&mut self.mode);
                self.mode = self.paste(mode, &pasted_text(text));
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
            Target::Option(i) => self.update(Action::Pick(i)),
            Target::Row(i) => {
                if let Mode::Home(home) = &mut self.mode {
                    home.selected = i;
                }
                self.update(Action::Select);
            }
            Target::Result(i) => {
                self.search.selected = i;
                self.update(Action::Select);
            }
            Target::Step(i) => {
                self.status = None;
                if let Mode::Walk(walk) | Mode::Present(walk, _) = &mut self.mode {
                    walk.change_step(i);
                }
            }
            Target::Guidance => {}
        }
    }

    /// A key that leaves (Esc, q, ←, Backspace) first drops a number still waiting for its
    /// next digit, if there is one: the person changed their mind about the number, not about
    /// the walk. Returns whether one was dropped.
    fn drop_waiting_number(&mut self, action: Action) -> bool {
        if !matches!(
            action,
            Action::Quit | Action::Close | Action::Back | Action::Erase
        ) {
            return false;
        }
        let waiting = match &mut self.mode {
            Mode::Home(home) => &mut home.first_digit,
            Mode::Walk(walk) | Mode::Present(walk, _) => &mut walk.first_digit,
            Mode::Room(room) => &mut room.walk.first_digit,
            _ => return false,
        };
        waiting.take().is_some()
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if action != Action::Save {
            self.status = None;
        }
        if self.drop_waiting_number(action) {
            self.status = Some("Number cancelled: type it again.".into());
            return;
        }
        match action {
            Action::Interrupt => self.quit = true,
            // A room's walk is not lost to one key: presentation mode asks first.
            Action::Quit if self.asks_before_quitting() => {
                let mode = std::mem::take(&mut self.mode);
                self.mode = Mode::Quitting(Box::new(mode));
            }
            Action::Quit => self.quit = true,
            Action::Theme if super::theme::no_color_requested() => {
                self.status = Some("Colours stay off because NO_COLOR is set.".into());
            }
            Action::Theme => {
                self.theme = Theme::new(self.theme.name.next());
                self.status = Some(format!("Colours: {}", self.theme.name.as_str()));
            }
            _ => {
                let mode = std::mem::take(&mut self.mode);
                self.mode = self.next(mode, action);
            }
        }
    }

    /// Whether quitting now asks first: presenting a walk that has answers.
    fn asks_before_quitting(&self) -> bool {
        match &self.mode {
            Mode::Present(walk, _) => !walk.session.steps().is_empty(),
            Mode::Room(room) => !room.results.is_empty() || !room.walk.session.steps().is_empty(),
            _ => false,
        }
    }

    /// Starts the quiz for a room: `order`'s scenarios of `deck` (indices into it), in
    /// presentation colours. `Err` says why it cannot start (the deck's tree is not loaded as
    /// the deck was checked against).
    pub fn start_room(
        &mut self,
        deck: crate::quiz::Deck,
        order: Vec<usize>,
        group: Option<String>,
    ) -> Result<(), String> {
        let index = self
            .catalog
            .trees
            .iter()
            .position(|t| t.id == deck.tree.id && t.origin == deck.tree.origin)
            .ok_or_else(|| format!("the tree \"{}\" of the deck is not loaded", deck.tree.id))?;
        let previous = self.theme.name;
        if previous != ThemeName::Monochrome {
            self.theme = Theme::new(ThemeName::HighContrast);
        }
        let tree = &self.catalog.trees[index];
        let mut room = Room::new(deck, index, tree, order, previous);
        room.group = group;
        self.mode = Mode::Room(Box::new(room));
        Ok(())
    }

    /// The quiz for a room: the walk of a scenario is a presented walk; hands are counted for
    /// the selected answer; a mark moves on with Enter; at the end, `s` saves the summary.
    fn in_room(&mut self, mut room: Box<Room>, action: Action) -> Mode {
        let index = room.tree;
        match (room.stage, action) {
            (_, Action::Facilitator) => room.facilitator = !room.facilitator,
            (Stage::Walking, Action::HandUp | Action::HandDown) => {
                let tree = &self.catalog.trees[index];
                let answers = tree.node(room.walk.session.current()).answer_labels().len();
                let selected = room.walk.selected;
                room.count_hand(selected, answers, action == Action::HandUp);
            }
            (Stage::Walking, action) => {
                let asked = room.walk.session.current();
                let before = room.walk.session.steps().len();
                let Room {
                    walk, presentation, ..
                } = &mut *room;
                self.presenting_step(walk, presentation, action);
                let answered = room.walk.session.steps().len() > before;
                room.after_answer(&self.catalog.trees[index], asked, answered);
            }
            (Stage::Marked, Action::Select) => room.next(&self.catalog.trees[index]),
            (Stage::Marked, Action::ScrollDown | Action::ScrollUp) => {
                let shown = self.presented.get();
                let page = shown.page.saturating_sub(2).max(1);
                room.scroll = match action {
                    Action::ScrollDown => shown.offset.saturating_add(page).min(shown.max),
                    _ => shown.offset.saturating_sub(page),
                };
            }
            (Stage::Done, Action::Save) => {
                let now = chrono::Local::now();
                self.status = Some(match crate::quiz::quiz_dir() {
                    Ok(dir) => {
                        match crate::record::save(&dir, &room.deck.id, &room.summary(now), now) {
                            Ok(path) => format!("Summary saved to {}", path.display()),
                            Err(e) => {
                                format!("Could not save the summary in {}: {e}", dir.display())
                            }
                        }
                    }
                    Err(e) => format!("Could not save the summary: {e}"),
                });
            }
            _ => {}
        }
        Mode::Room(room)
    }

    /// The mode after a paste of `text`: it goes into the search box (on the home screen, in the
    /// search pop-up, or a new search pop-up over a walk) or the note being written, never into
    /// the walk as keys.
    fn paste(&mut self, mode: Mode, text: &str) -> Mode {
        match mode {
            Mode::Home(_) | Mode::Search(_) => {
                let query = format!("{}{text}", self.search.query);
                self.set_query(query);
                mode
            }
            Mode::Note(beneath, mut note) => {
                note.extend(
                    text.chars()
                        .take(MAX_NOTE_CHARS - note.chars().count().min(MAX_NOTE_CHARS)),
                );
                Mode::Note(beneath, note)
            }
            Mode::Help(beneath, _) | Mode::Map(beneath, _) => self.paste(*beneath, text),
            quitting @ Mode::Quitting(_) => quitting,
            room @ Mode::Room(_) => room,
            walk @ (Mode::Walk(_) | Mode::Present(..)) => {
                self.set_query(text.to_string());
                Mode::Search(Box::new(walk))
            }
        }
    }

    /// The mode after `action` in `mode`.
    fn next(&mut self, mode: Mode, action: Action) -> Mode {
        match (mode, action) {
            // The help scrolls when it is longer than the window; any other key closes it.
            (Mode::Help(beneath, scroll), Action::ScrollDown) => {
                Mode::Help(beneath, scroll.saturating_add(3))
            }
            (Mode::Help(beneath, scroll), Action::ScrollUp) => {
                Mode::Help(beneath, scroll.saturating_sub(3))
            }
            (Mode::Help(beneath, _), _) => *beneath,
            (mode, Action::Help) => Mode::Help(Box::new(mode), 0),
            #[cfg(test)]
            (mode, Action::Count) => {
                let answered = mode.walk().map_or(0, |w| w.session.steps().len());
                self.status = Some(format!("{answered} answered"));
                mode
            }
            (Mode::Home(home), action) => self.at_home(home, action),
            (Mode::Search(beneath), action) => self.in_search(beneath, action),
            (Mode::Map(beneath, map), action) => self.in_map(*beneath, map, action),
            (Mode::Note(beneath, note), action) => self.writing_note(beneath, note, action),
            (Mode::Quitting(beneath), Action::Close) => *beneath,
            (Mode::Room(room), action) => self.in_room(room, action),
            (quitting @ Mode::Quitting(_), _) => quitting,
            (mode, action) => self.walking(mode, action),
        }
    }

    fn at_home(&mut self, mut home: Home, action: Action) -> Mode {
        let searching = !self.search.query.is_empty();
        let first_digit = home.first_digit.take();
        match action {
            Action::Type(_) | Action::Erase => self.edit_query(action),
            Action::Close if searching => self.set_query(String::new()),
            Action::Close => self.quit = true,
            Action::Up | Action::Down if searching => self.move_in_results(action),
            Action::Up | Action::Down => {
                home.selected = step(home.selected, self.home_rows(), action == Action::Down);
            }
            Action::Number(n) if !searching => {
                let trees = self.catalog.trees.len();
                match numbering::typed(first_digit, usize::from(n), trees) {
                    Typed::Chosen(number) => return self.open_from_home(home, number - 1),
                    Typed::Waiting(number) => {
                        home.first_digit = Some(number);
                        home.selected = number - 1;
                        self.status = Some(numbering::waiting_message(number, trees));
                    }
                    Typed::NoSuchRow(number) => {
                        self.status = Some(numbering::no_such_row_message(number, trees, "trees"));
                    }
                }
            }
            Action::Search => {
                self.status = Some("Type what you are looking for: it searches every tree.".into());
            }
            Action::Select if searching => {
                if let Some(walk) = self.open_hit() {
                    return Mode::walking(walk, home.presenting);
                }
            }
            Action::Select => return self.open_from_home(home, home.selected),
            _ => {}
        }
        Mode::Home(home)
    }

    /// Opens tree `index` from the home screen (presented if presentation mode is on); stays
    /// home when `index` is not a tree (a broken file's row).
    fn open_from_home(&mut self, home: Home, index: usize) -> Mode {
        match self.catalog.trees.get(index) {
            Some(tree) => Mode::walking(Walk::new(index, Session::new(tree)), home.presenting),
            None => Mode::Home(home),
        }
    }

    fn in_search(&mut self, beneath: Box<Mode>, action: Action) -> Mode {
        match action {
            Action::Type(_) | Action::Erase => self.edit_query(action),
            Action::Close => return *beneath,
            Action::Up | Action::Down => self.move_in_results(action),
            Action::Select => {
                if let Some(walk) = self.open_hit() {
                    return Mode::walking(walk, beneath.presenting());
                }
            }
            _ => {}
        }
        Mode::Search(beneath)
    }

    /// The note of a record: typed, then saved with Enter, or dropped with Esc.
    fn writing_note(&mut self, beneath: Box<Mode>, mut note: String, action: Action) -> Mode {
        match action {
            Action::Type(c) if note.chars().count() < MAX_NOTE_CHARS => note.push(c),
            Action::Erase => {
                note.pop();
            }
            Action::Select => {
                if let Some(walk) = beneath.walk() {
                    self.status = Some(self.save(walk, &note));
                }
                return *beneath;
            }
            Action::Close => {
                self.status = Some("Not saved.".into());
                return *beneath;
            }
            _ => {}
        }
        Mode::Note(beneath, note)
    }

    fn in_map(&mut self, mut beneath: Mode, mut map: TreeMap, action: Action) -> Mode {
        let Some(walk) = beneath.walk_mut() else {
            return beneath;
        };
        let tree = &self.catalog.trees[walk.tree];
        let page = (self.presented.get().page as usize).saturating_sub(1);
        match action {
            // Typing what to find: the selection follows the first row with it.
            Action::Type(c) if map.typing => {
                map.query.push(c);
                map.selected = 0;
                if !map.find_next(tree) {
                    self.status = Some(format!("Nothing in the map says \"{}\".", map.query));
                }
            }
            Action::Erase if map.typing => {
                map.query.pop();
            }
            Action::Close if map.typing => map.typing = false,
            Action::Search => {
                map.query.clear();
                map.typing = true;
            }
            Action::FindNext if !map.find_next(tree) => {
                self.status = Some("Press / and type what to find.".into());
            }
            Action::Up | Action::Down => map.step(tree, action == Action::Down),
            // The mouse wheel moves through the map a few rows at a time.
            Action::ScrollUp | Action::ScrollDown => {
                for _ in 0..3 {
                    map.step(tree, action == Action::ScrollDown);
                }
            }
            Action::PageUp | Action::PageDown => map.page(tree, page, action == Action::PageDown),
            Action::First | Action::Last => map.to_end(tree, action == Action::Last),
            Action::FoldAll | Action::UnfoldAll => map.fold_all(tree, action == Action::FoldAll),
            Action::Toggle => map.toggle(tree),
            Action::Select
                if map.selected_node(tree).is_some_and(|n| {
                    matches!(tree.node(n).kind, crate::tree::NodeKind::Route(_))
                }) =>
            {
                self.status = Some("That row decides where to go and has no screen of its own: choose a row below it.".into());
            }
            Action::Select => {
                // By the path the map draws, so the answers shown are the ones picked; when
                // an earlier answer on it sends the walk elsewhere, the shortest way there.
                match map.walk_to_selected(tree) {
                    Some(session) => *walk = Walk::new(walk.tree, session),
                    None => {
                        if let Some(node) = map.selected_node(tree) {
                            *walk = Walk::new(walk.tree, Session::at_node(tree, node));
                            self.status = Some("The answers above that row lead elsewhere, so this is the shortest way to that step.".into());
                        }
                    }
                }
                if let Mode::Present(_, presentation) = &mut beneath {
                    presentation.restart_step();
                }
                return beneath;
            }
            Action::Close => return beneath,
            _ => {}
        }
        Mode::Map(Box::new(beneath), map)
    }

    /// A walk, in presentation mode or not.
    fn walking(&mut self, mode: Mode, action: Action) -> Mode {
        let presenting = mode.presenting();
        match (mode, action) {
            (mode, Action::Search) => {
                self.set_query(String::new());
                Mode::Search(Box::new(mode))
            }
            (mode, Action::Home) => {
                self.set_query(String::new());
                Mode::Home(Home {
                    selected: mode.walk().map_or(0, |w| w.tree),
                    presenting,
                    first_digit: None,
                })
            }
            (Mode::Walk(walk), Action::Present) => {
                let previous = self.theme.name;
                if previous != ThemeName::Monochrome {
                    self.theme = Theme::new(ThemeName::HighContrast);
                }
                Mode::Present(walk, Presentation::new(previous))
            }
            (Mode::Present(walk, presentation), Action::Present) => {
                self.theme = Theme::new(presentation.previous_theme);
                Mode::Walk(walk)
            }
            (mode, Action::Save) => match mode.walk() {
                Some(walk) if walk.session.at_outcome(&self.catalog.trees[walk.tree]) => {
                    Mode::Note(Box::new(mode), String::new())
                }
                _ => {
                    self.status = Some(wording::NO_OUTCOME_YET.into());
                    mode
                }
            },
            (mode, Action::Map) => match mode.walk() {
                Some(walk) => {
                    let tree = &self.catalog.trees[walk.tree];
                    let map = TreeMap::at(tree, walk.session.current());
                    Mode::Map(Box::new(mode), map)
                }
                None => mode,
            },
            (Mode::Walk(mut walk), action) => {
                self.apply_to_walk(&mut walk, action);
                Mode::Walk(walk)
            }
            (Mode::Present(mut walk, mut presentation), action) => {
                self.presenting_step(&mut walk, &mut presentation, action);
                Mode::Present(walk, presentation)
            }
            (mode, _) => mode,
        }
    }

    /// `action` on a presented step: Space and Enter reveal its parts in turn; the answers
    /// can be chosen only once the options are shown; PgUp and PgDn scroll it.
    fn presenting_step(
        &mut self,
        walk: &mut Walk,
        presentation: &mut Presentation,
        action: Action,
    ) {
        let tree = &self.catalog.trees[walk.tree];
        let parts = reveal::parts(tree.node(walk.session.current()), walk.session.facts());
        let more = presentation.next_part(&parts).is_some();
        // On a question, nothing can be chosen before the room has seen the options.
        let waiting = parts.contains(&Part::Options) && !presentation.shows(&parts, Part::Options);
        let shown = self.presented.get();
        let page = shown.page.saturating_sub(2).max(1);
        let before = (walk.session.current(), walk.focus);
        match action {
            Action::Reveal | Action::Select if more && walk.focus == Focus::Answers => {
                presentation.reveal(parts.len())
            }
            // With everything shown, Space pages down what is still below.
            Action::Reveal | Action::ScrollDown => {
                presentation.scroll = Some(shown.offset.saturating_add(page).min(shown.max))
            }
            Action::ScrollUp => presentation.scroll = Some(shown.offset.saturating_sub(page)),
            Action::Clock => presentation.clock = !presentation.clock,
            Action::Number(_) | Action::Up | Action::Down | Action::Toggle | Action::Select
                if waiting =>
            {
                self.status = Some("Press Space to show the options first.".into());
            }
            action => self.apply_to_walk(walk, action),
        }
        if (walk.session.current(), walk.focus) != before {
            presentation.restart_step();
        }
    }

    fn apply_to_walk(&mut self, walk: &mut Walk, action: Action) {
        let status = walk.apply(&self.catalog.trees[walk.tree], action);
        if status.is_some() {
            self.status = status;
        }
    }

    /// Starts or ends presentation mode (high-contrast colours while it lasts, unless the
    /// person asked for no colour).
    pub fn toggle_presentation(&mut self) {
        match &mut self.mode {
            Mode::Home(home) => match home.presenting.take() {
                Some(previous) => self.theme = Theme::new(previous),
                None => {
                    home.presenting = Some(self.theme.name);
                    if self.theme.name != ThemeName::Monochrome {
                        self.theme = Theme::new(ThemeName::HighContrast);
                    }
                }
            },
            _ => self.update(Action::Present),
        }
    }

    fn edit_query(&mut self, action: Action) {
        let mut query = std::mem::take(&mut self.search.query);
        match action {
            Action::Type(c) => query.push(c),
            _ => {
                query.pop();
            }
        }
        self.set_query(query);
    }

    fn move_in_results(&mut self, action: Action) {
        let len = self.search.hits.len();
        self.search.selected = step(self.search.selected, len, action == Action::Down);
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
        self.search.hits = index.search(trees, &self.search.query);
    }

    /// Rows on the home screen: trees, then broken files.
    pub fn home_rows(&self) -> usize {
        self.catalog.trees.len() + self.catalog.broken.len()
    }

    /// The walk the selected search result opens: the answers the search decided on the way
    /// to it, up to the first it did not decide (nothing is guessed); an answer result reached
    /// that way has its answer selected. The status line says what was assumed. The search is
    /// cleared.
    fn open_hit(&mut self) -> Option<Walk> {
        let hit = self.search.hits.get(self.search.selected).copied()?;
        let entry = self.search.entry(&self.catalog.trees, hit);
        let opening = self
            .search
            .index
            .as_mut()?
            .opening(&self.catalog.trees, hit)?;
        let assumed = opening.assumed;
        let mut walk = Walk::from_search(entry.tree, opening.session, assumed, opening.picks);
        let reached = walk.session.current() == entry.node || entry.kind == Kind::Tree;
        if let Kind::Answer(i) = entry.kind
            && reached
        {
            walk.selected = i as usize;
        }
        self.status = wording::opened_from_search(assumed, !reached);
        self.set_query(String::new());
        Some(walk)
    }

    /// Saves the decision record of `walk`'s outcome with `note`, unless the same walk with
    /// the same note was the last one saved; returns what to tell the person.
    fn save(&mut self, walk: &Walk, note: &str) -> String {
        let tree = &self.catalog.trees[walk.tree];
        let Some(report) = Report::of(tree, &walk.session) else {
            return wording::NO_OUTCOME_YET.into();
        };
        let stamp = Stamp {
            decided_by: self.decided_by.clone(),
            ..Stamp::default()
        };
        let report = report.stamped(stamp.with_note(note));
        let identity = report.identity();
        if let Some((_, path)) = self.last_saved.as_ref().filter(|(id, _)| *id == identity) {
            return wording::already_saved(path);
        }
        let dir = match &self.records_dir {
            Ok(dir) => dir,
            Err(e) => return format!("Cannot save: {e}"),
        };
        let now = chrono::Local::now();
        match record::save(dir, &tree.id, &report.to_markdown(now), now) {
            Ok(path) => {
                let said = wording::record_saved(&path);
                self.last_saved = Some((identity, path));
                said
            }
            Err(e) => wording::record_not_saved(dir, e),
        }
    }

    /// Takes in a new version of the previewed file, loaded at `time` (e.g. "14:03:12"),
    /// keeping the author's place in it.
    pub fn reload(&mut self, tree: Option<Tree>, diagnostics: Vec<Diagnostic>, time: &str) {
        let mut status = super::preview::reload_status(&diagnostics, time);
        match tree {
            Some(tree) => {
                let (walk, stopped_at) = super::preview::carry_over(self.walk(), &tree);
                if let Some(label) = stopped_at {
                    status.push_str(&format!(" · your answer \"{label}\" no longer applies here, so the walk stops at this question"));
                }
                if self.catalog.trees.is_empty() {
                    self.catalog.trees.push(tree);
                } else {
                    self.catalog.trees[0] = tree;
                }
                self.search.reset();
                match self.mode.walk_mut() {
                    Some(old) => *old = walk,
                    None => self.mode = Mode::walking(walk, self.mode.presenting()),
                }
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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::catalog::Selection;

    fn press(app: &mut App, code: KeyCode) {
        app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Adding a key is one row of the bindings table plus its handler: the test-only `#` row
    /// works in its context, and the footer and the help show it, with nothing else changed.
    #[test]
    fn a_new_key_is_one_row_and_its_handler() {
        let catalog = Catalog::load(&Selection::new(true, Vec::new()));
        let mut app = App::new(
            catalog,
            ThemeName::Monochrome,
            Vec::new(),
            Err("none".into()),
        );
        app.open_tree(0);
        press(&mut app, KeyCode::Char('1'));
        assert_eq!(app.context(), Context::Question);
        press(&mut app, KeyCode::Char('#'));
        assert_eq!(app.status(), Some("1 answered"));
        let keymap = app.keymap();
        assert!(keymap.footer(Context::Question).contains(&("#", "count")));
        assert!(
            keymap
                .help(Context::Question)
                .iter()
                .any(|(keys, _)| *keys == "#")
        );
        assert!(!keymap.footer(Context::Outcome).contains(&("#", "count")));
    }
}

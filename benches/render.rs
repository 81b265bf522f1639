//! Drawing the full-screen app on ratatui's `TestBackend`: one frame of the walk screen (the
//! shipped share tree, two questions answered) at 120×40 and 240×80, and, in process, the work
//! between start and the first frame of the home screen: load the shipped trees, build the app
//! and its search index, draw.
//!
//! Run with `cargo bench --bench render`; see docs/benchmarks.md.

#[path = "support/allocator.rs"]
mod allocator;

use std::fmt;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use signpost::catalog::{Catalog, Selection};
use signpost::tui::app::App;
use signpost::tui::keymap::Action;
use signpost::tui::theme::ThemeName;

fn main() {
    divan::main();
}

/// A terminal size.
#[derive(Clone, Copy)]
struct Size(u16, u16);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}x{}", self.0, self.1)
    }
}

const SIZES: [Size; 2] = [Size(120, 40), Size(240, 80)];

/// The app over the shipped trees, on the home screen.
fn home() -> App {
    let catalog = Catalog::load(&Selection::new(true, Vec::new()));
    App::new(
        catalog,
        ThemeName::Default,
        Vec::new(),
        Err("records are not saved in benchmarks".to_string()),
    )
}

/// The share tree open with two questions answered.
fn walking() -> App {
    let mut app = home();
    let share = app
        .catalog()
        .trees
        .iter()
        .position(|t| t.id == "share")
        .expect("the share tree is shipped");
    app.open_tree(share);
    app.update(Action::Number(1));
    app.update(Action::Number(1));
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.steps().len(), 2, "two answers in {}", tree.id);
    app
}

fn terminal(size: Size) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal")
}

/// A frame as the event loop draws it after a key press: render the app into the back
/// buffer, compare with the previous frame, write the changes.
#[divan::bench(args = SIZES)]
fn walk_frame(bencher: Bencher, size: Size) {
    let app = walking();
    let mut terminal = terminal(size);
    bencher.bench_local(|| {
        terminal
            .draw(|frame| signpost::tui::draw(frame, &app))
            .map(|_| ())
    });
}

/// The first frame on a new terminal: every cell is written to the backend.
#[divan::bench(args = SIZES)]
fn walk_first_frame(bencher: Bencher, size: Size) {
    let app = walking();
    bencher
        .with_inputs(|| terminal(size))
        .bench_local_refs(|terminal| {
            terminal
                .draw(|frame| signpost::tui::draw(frame, &app))
                .map(|_| ())
        });
}

/// Loading the shipped trees and contacts (parse, validate, index).
#[divan::bench]
fn load_shipped_catalog() -> Catalog {
    Catalog::load(&Selection::new(true, Vec::new()))
}

/// Everything between start and the first frame of the home screen, in process: load the
/// shipped trees, build the app (and its search index), draw at 120×40.
#[divan::bench]
fn start_to_first_home_frame(bencher: Bencher) {
    bencher.bench_local(|| {
        let app = home();
        let mut terminal = terminal(SIZES[0]);
        terminal
            .draw(|frame| signpost::tui::draw(frame, &app))
            .map(|_| ())
            .expect("draw");
        app
    });
}

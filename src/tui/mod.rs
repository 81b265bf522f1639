//! The full-screen app: state ([`app`]), keys ([`keymap`]), drawing ([`view`]), colours
//! ([`theme`]) and the event loop below, generic over the ratatui backend so tests can drive it
//! with `TestBackend`.

pub mod app;
pub mod keymap;
pub mod map;
pub mod mode;
pub mod numbering;
pub mod preview;
pub mod reveal;
pub mod room;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;
pub mod walk;
pub mod watch;

use std::io::{self, BufWriter};
use std::time::Duration;

use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::event::{self, Event};
use ratatui::{Frame, Terminal};

use app::App;

/// Draws one frame: the app, then the cursor on the focused item.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(app, frame.area());
    if let Some(position) = app.cursor.get() {
        frame.set_cursor_position(position);
    }
}

/// What the wait for input brought.
pub enum Input {
    /// A key, a mouse action, a resize.
    Event(Event),
    /// The screen must be drawn again from scratch (the process was stopped and continued).
    Repaint,
    /// Nothing within the wait.
    Nothing,
}

/// How long to wait for input before calling `idle`.
const WAIT: Duration = Duration::from_millis(200);

/// The most events handled between two frames, so that a flood of input cannot hold the
/// screen still for long.
const MOST_EVENTS_PER_FRAME: usize = 4096;

/// Runs the app until it quits. `next_input(wait)` waits up to `wait` for input; every event
/// already waiting is handled before the next frame is drawn, and when a wait brings nothing the
/// loop calls `idle`.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_input: impl FnMut(Duration) -> io::Result<Input>,
    mut idle: impl FnMut(&mut App),
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    while !app.quitting() {
        terminal
            .draw(|frame| draw(frame, app))
            .map_err(Into::into)?;
        let mut input = next_input(WAIT)?;
        if let Input::Nothing = input {
            idle(app);
            continue;
        }
        for _ in 0..MOST_EVENTS_PER_FRAME {
            match input {
                Input::Event(event) => app.handle_event(&event),
                Input::Repaint => repaint(terminal).map_err(Into::into)?,
                Input::Nothing => break,
            }
            if app.quitting() {
                break;
            }
            input = next_input(Duration::ZERO)?;
        }
    }
    Ok(())
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn in full. (Unlike
/// `Terminal::clear`, it does not ask the terminal where its cursor is, a question not every
/// terminal answers.)
fn repaint<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    terminal.backend_mut().clear_region(ClearType::All)?;
    terminal.swap_buffers();
    Ok(())
}

/// Runs the app in the real terminal: see [`terminal`] for how the terminal is set up and kept
/// right (signals, stops, panics, a terminal that goes away). Frames are written through a
/// buffered writer, flushed once per frame.
pub fn run_in_terminal(app: &mut App, idle: impl FnMut(&mut App)) -> io::Result<()> {
    let guard = terminal::Guard::install()?;
    terminal::enter()?;
    let result = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 16,
        io::stdout(),
    )))
    .and_then(|mut screen| run(&mut screen, app, |wait| next_input(&guard, wait), idle));
    terminal::leave();
    drop(guard);
    result
}

/// Waits up to `wait` for input from the real terminal.
fn next_input(guard: &terminal::Guard, wait: Duration) -> io::Result<Input> {
    if guard.take_repaint() {
        return Ok(Input::Repaint);
    }
    if event::poll(wait)? {
        return event::read().map(Input::Event);
    }
    if !wait.is_zero() && terminal::gone() {
        return Err(io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the terminal has gone away",
        ));
    }
    Ok(Input::Nothing)
}

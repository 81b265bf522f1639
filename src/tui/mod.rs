//! The full-screen app: state ([`app`]), keys ([`keymap`]), drawing ([`view`]), colours
//! ([`theme`]) and the event loop below, generic over the ratatui backend so tests can drive it
//! with `TestBackend`.

pub mod app;
pub mod keymap;
pub mod map;
pub mod preview;
pub mod text;
pub mod theme;
pub mod view;
pub mod watch;

use std::io::{self, BufWriter};
use std::time::Duration;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use ratatui::{Frame, Terminal};

use app::App;

/// Draws one frame: the app, then the cursor on the focused item.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(app, frame.area());
    if let Some(position) = app.cursor.get() {
        frame.set_cursor_position(position);
    }
}

/// Runs the app until it quits, reading events from `next_event` (`None` means "nothing yet":
/// the loop calls `idle` and waits again).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
    mut idle: impl FnMut(&mut App),
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    while !app.quit {
        terminal
            .draw(|frame| draw(frame, app))
            .map_err(Into::into)?;
        match next_event()? {
            Some(event) => app.handle_event(&event),
            None => idle(app),
        }
    }
    Ok(())
}

/// Runs the app in the real terminal. ratatui sets the terminal up and restores it on exit, on
/// error and on panic (its panic hook chains to the previous one); frames are written through a
/// buffered writer, flushed once per frame.
pub fn run_in_terminal(app: &mut App, idle: impl FnMut(&mut App)) -> io::Result<()> {
    // `init` enables raw mode, enters the alternate screen and installs the restoring panic
    // hook; its unbuffered terminal is replaced by one over a buffered writer.
    drop(ratatui::init());
    let result = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 16,
        io::stdout(),
    )))
    .and_then(|mut terminal| {
        let _ = execute!(terminal.backend_mut(), EnableMouseCapture);
        let result = run(&mut terminal, app, poll_event, idle);
        let _ = execute!(terminal.backend_mut(), DisableMouseCapture);
        result
    });
    ratatui::restore();
    result
}

fn poll_event() -> io::Result<Option<Event>> {
    if event::poll(Duration::from_millis(200))? {
        event::read().map(Some)
    } else {
        Ok(None)
    }
}

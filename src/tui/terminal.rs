//! The real terminal: putting it in the app's modes (raw input, the alternate screen, mouse
//! capture), putting it back, and keeping it usable whatever happens to the process.
//!
//! * SIGTERM, SIGHUP, SIGINT and SIGQUIT put the terminal back, then end the process by the
//!   same signal (so the shell reports it as usual).
//! * SIGTSTP (`kill -TSTP`, or a job-control stop) puts the terminal back before stopping;
//!   SIGCONT puts it in the app's modes again and asks for the screen to be drawn afresh.
//! * A panic puts the terminal back before the panic message is printed.
//! * A terminal that disappears ends the app: see [`gone`].
//!
//! Signals are read by a thread of their own, so they are handled even while the main thread
//! waits for input.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};
use signal_hook::low_level::emulate_default_handler;

/// Whether the terminal is in the app's modes (so that putting it back is done once, and never
/// writes escape sequences to a terminal the app did not set up).
static IN_APP_MODES: AtomicBool = AtomicBool::new(false);

/// Puts the terminal in the app's modes: raw input, the alternate screen, mouse capture,
/// bracketed paste (a paste arrives as one event, so it can never be read as keys).
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    IN_APP_MODES.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Puts the terminal back as it was: bracketed paste and mouse capture off, the main screen,
/// the cursor shown, line input. Does nothing when the app's modes are not on; errors are ignored (the terminal
/// may be gone).
pub fn leave() {
    if IN_APP_MODES.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            Show
        );
        let _ = disable_raw_mode();
    }
}

/// Whether the terminal has gone away (its window closed, its connection dropped): it no
/// longer answers as a terminal. Reading a terminal that has gone gives end-of-file at once,
/// so an app that kept waiting for keys would spin; the event loop asks this whenever a wait
/// for input ends with nothing.
pub fn gone() -> bool {
    !io::stdout().is_terminal()
}

/// Keeps the terminal right while it lives: handles the signals above on a thread of its own,
/// and puts the terminal back on panic. Dropping it stops the thread and restores the default
/// signal handling.
pub struct Guard {
    signals: Handle,
    repaint: Arc<AtomicBool>,
}

impl Guard {
    /// Starts handling signals and installs the panic hook (which chains to the one before).
    pub fn install() -> io::Result<Guard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
        let handle = signals.handle();
        let repaint = Arc::new(AtomicBool::new(false));
        let continued = Arc::clone(&repaint);
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    handle_signal(signal, &continued);
                }
            })?;
        Ok(Guard {
            signals: handle,
            repaint,
        })
    }

    /// Whether the process was stopped and continued since the last call: the screen must be
    /// drawn again from scratch.
    pub fn take_repaint(&self) -> bool {
        self.repaint.swap(false, Ordering::SeqCst)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.signals.close();
    }
}

/// Whether the app left its modes for a stop (SIGTSTP) and must enter them when continued.
static STOPPED_FROM_APP_MODES: AtomicBool = AtomicBool::new(false);

/// What the signal thread does with one signal.
fn handle_signal(signal: i32, repaint: &AtomicBool) {
    match signal {
        SIGTSTP => {
            if IN_APP_MODES.load(Ordering::SeqCst) {
                leave();
                STOPPED_FROM_APP_MODES.store(true, Ordering::SeqCst);
            }
            // Stops the process here; SIGCONT, handled next, goes on.
            let _ = emulate_default_handler(SIGTSTP);
        }
        SIGCONT => {
            let resumed = if STOPPED_FROM_APP_MODES.swap(false, Ordering::SeqCst) {
                enter().is_ok()
            } else if IN_APP_MODES.load(Ordering::SeqCst) {
                // Continued after a stop the app did not see (SIGSTOP): the terminal's modes
                // may have been changed meanwhile, and the screen may show something else.
                let raw = enable_raw_mode();
                let screen = execute!(
                    io::stdout(),
                    EnterAlternateScreen,
                    EnableMouseCapture,
                    EnableBracketedPaste
                );
                raw.and(screen).is_ok()
            } else {
                false
            };
            if resumed {
                repaint.store(true, Ordering::SeqCst);
            }
        }
        _ => {
            leave();
            let _ = emulate_default_handler(signal);
            // The default action of these signals ends the process; should it not have:
            std::process::exit(128 + signal);
        }
    }
}

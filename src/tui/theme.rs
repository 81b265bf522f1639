//! Colours and emphasis. Nothing is signalled by colour alone: every style here is paired with
//! a word or a symbol in the view (`›` for the selection, verdicts in capitals).

use ratatui::style::{Color, Modifier, Style};

use crate::tree::Verdict;

pub use crate::theme_name::ThemeName;

/// Resolved styles for every role in the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Body text.
    pub text: Style,
    /// Headings and pane titles.
    pub heading: Style,
    /// Secondary text: help, details, sources.
    pub muted: Style,
    /// The selected row.
    pub selected: Style,
    /// Pane borders.
    pub border: Style,
    /// The pane with the focus.
    pub focus_border: Style,
    /// Warnings (overdue reviews, broken files).
    pub warning: Style,
    /// The key names in the footer and help.
    pub key: Style,
}

impl Theme {
    /// The styles of a theme.
    pub fn new(name: ThemeName) -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match name {
            ThemeName::Default => Theme {
                name,
                text: Style::new(),
                heading: bold.fg(Color::Cyan),
                muted: Style::new().fg(Color::Gray),
                selected: bold.fg(Color::Black).bg(Color::Cyan),
                border: Style::new().fg(Color::DarkGray),
                focus_border: Style::new().fg(Color::Cyan),
                warning: bold.fg(Color::Yellow),
                key: bold.fg(Color::Cyan),
            },
            ThemeName::HighContrast => Theme {
                name,
                text: Style::new().fg(Color::White).bg(Color::Black),
                heading: bold
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::UNDERLINED),
                muted: Style::new().fg(Color::White).bg(Color::Black),
                selected: bold.fg(Color::Black).bg(Color::Yellow),
                border: Style::new().fg(Color::White).bg(Color::Black),
                focus_border: bold.fg(Color::Yellow).bg(Color::Black),
                warning: bold.fg(Color::Yellow).bg(Color::Black),
                key: bold.fg(Color::Yellow).bg(Color::Black),
            },
            ThemeName::Monochrome => Theme {
                name,
                text: Style::new(),
                heading: bold,
                muted: Style::new(),
                selected: bold.add_modifier(Modifier::REVERSED),
                border: Style::new(),
                focus_border: bold,
                warning: bold.add_modifier(Modifier::UNDERLINED),
                key: bold,
            },
        }
    }

    /// The style of a verdict word (always shown with the word itself).
    pub fn verdict(&self, verdict: Verdict) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match self.name {
            ThemeName::Monochrome => bold.add_modifier(Modifier::REVERSED),
            ThemeName::HighContrast => bold.fg(Color::Black).bg(Color::White),
            ThemeName::Default => match verdict {
                Verdict::Recommended => bold.fg(Color::Black).bg(Color::Green),
                Verdict::AllowedWithConditions => bold.fg(Color::Black).bg(Color::Yellow),
                Verdict::NotAdvised => bold.fg(Color::Black).bg(Color::LightRed),
                Verdict::NotAllowed => bold.fg(Color::White).bg(Color::Red),
                Verdict::AskForHelp => bold.fg(Color::Black).bg(Color::Magenta),
            },
        }
    }
}

/// Whether the user asked for no colour (`NO_COLOR` set to anything non-empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

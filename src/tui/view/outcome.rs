//! An outcome on the walk screen: the verdict and headline, the explanation, conditions, the
//! tools' cards, what to do if the tool cannot be used, the answers that led here.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{Rows, pane};
use crate::document::outcome_sections;
use crate::record::answers;
use crate::tree::{Outcome, Tree};
use crate::tui::app::App;
use crate::tui::keymap::{Action, Context};
use crate::tui::text::wrap;
use crate::tui::walk::Walk;

/// Draws `outcome`, scrolled as the walk says.
pub(super) fn render(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    outcome: &Outcome,
    area: Rect,
    buf: &mut Buffer,
) {
    let shown = outcome.shown(Some(walk.session.facts()));
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let mut rows = Rows::new(inner.width);
    let badge = format!(" {} ", outcome.verdict.label());
    let badge_width = badge.chars().count() + 2;
    let headline = wrap(
        &outcome.headline,
        (inner.width as usize).saturating_sub(badge_width).max(10),
    );
    for (i, part) in headline.into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(badge.clone(), app.theme().verdict(outcome.verdict))
        } else {
            Span::raw(" ".repeat(badge_width - 2))
        };
        let dash = if i == 0 { "— " } else { "  " };
        rows.lines.push(Line::from(vec![
            lead,
            Span::raw(dash),
            Span::styled(part, app.theme().heading),
        ]));
    }
    rows.text("", "", &shown.explanation, app.theme().text);
    for section in outcome_sections(tree, &shown) {
        rows.blank();
        rows.heading(&section.heading, app.theme().heading);
        for (i, item) in section.items.iter().enumerate() {
            match section.numbered {
                true => rows.text(&format!("{}. ", i + 1), "   ", item, app.theme().text),
                false => rows.text("• ", "  ", item, app.theme().text),
            };
        }
    }
    let why = answers(tree, walk.session.steps());
    if !why.is_empty() {
        rows.blank();
        rows.heading("Why: your answers", app.theme().heading);
        for (q, a) in why {
            rows.text("• ", "  ", &format!("{q} {a}"), app.theme().text);
        }
    }
    rows.blank();
    if let Some(keys) = app.keymap().keys_for(Context::Outcome, Action::Save) {
        let line = format!("Press {keys} to save a decision record of this answer.");
        rows.text("", "", &line, app.theme().muted);
    }
    let max = rows.lines.len().saturating_sub(inner.height as usize);
    let offset = (walk.outcome_scroll as usize).min(max);
    let title = if offset < max {
        "Outcome · more below (↓)"
    } else {
        "Outcome"
    };
    pane(app, title, walk.trail_cursor().is_none()).render(area, buf);
    if offset == 0 && walk.trail_cursor().is_none() {
        app.cursor.set(Some(Position::new(inner.x, inner.y)));
    }
    Paragraph::new(rows.lines)
        .scroll((offset as u16, 0))
        .render(inner, buf);
}

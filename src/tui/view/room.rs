//! The quiz for a room: the scenario's situation pinned at the top, the trainer's view when it
//! is on, then the question presented step by step, the mark in large letters, or the score.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::{Rows, pane, present};
use crate::document::citation_in;
use crate::quiz::{divergence_line, outcome_line};
use crate::tree::paths::joined_answers;
use crate::tui::app::App;
use crate::tui::room::{Room, Stage};

/// Draws the room quiz in `area`.
pub(super) fn render_room(app: &App, room: &Room, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let deck = &room.deck;
    let inner_width = area.width.saturating_sub(2);
    let mut top = Rows::new(inner_width);
    let scenario = room.scenario().and_then(|i| deck.scenarios.get(i));
    if let Some(scenario) = scenario.filter(|_| room.stage != Stage::Done) {
        top.text("", "", &scenario.situation, theme.heading);
        if room.stage == Stage::Walking && room.hands.iter().any(|&n| n > 0) {
            let hands: Vec<String> = room
                .hands
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{}. {n}", i + 1))
                .collect();
            top.text("Hands: ", "       ", &hands.join(" · "), theme.muted);
        }
    }
    let mut trainer = Rows::new(inner_width);
    if let Some(scenario) = scenario.filter(|_| room.facilitator) {
        let tree = &deck.tree;
        trainer.text(
            "Expected: ",
            "  ",
            &outcome_line(tree, scenario.expected),
            theme.text,
        );
        let way = joined_answers(tree, &scenario.route, " › ");
        trainer.text("The way there: ", "  ", &way, theme.text);
        if let Some(notes) = &scenario.notes {
            trainer.text("Notes: ", "  ", notes, theme.text);
        }
    }
    let half = area.height / 2;
    let height = |rows: &Rows| match rows.lines.len() {
        0 => 0,
        n => (n as u16 + 2).min(half),
    };
    let [situation_area, trainer_area, body] = Layout::vertical([
        Constraint::Length(height(&top)),
        Constraint::Length(height(&trainer)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let (n, of) = room.position();
    if situation_area.height > 0 {
        // Cut with "…", never mid-word, when the window is narrow.
        let title = format!("Scenario {n} of {of} · {}", deck.title);
        let title = super::ellipsized(&title, (situation_area.width as usize).saturating_sub(4));
        let block = pane(app, &title, false);
        let inner = block.inner(situation_area);
        block.render(situation_area, buf);
        Paragraph::new(top.lines).render(inner, buf);
    }
    if trainer_area.height > 0 {
        let block = pane(app, "For the trainer only (f hides it)", false);
        let inner = block.inner(trainer_area);
        block.render(trainer_area, buf);
        Paragraph::new(trainer.lines).render(inner, buf);
    }
    match room.stage {
        Stage::Walking => {
            present::render_presentation(app, &room.walk, room.presentation, body, buf)
        }
        Stage::Marked => render_mark(app, room, body, buf),
        Stage::Done => render_score(app, room, body, buf),
    }
}

/// RIGHT or NOT QUITE in large letters, then what the room reached and, when it is wrong,
/// the answer, where the route split and the passages that explain it.
fn render_mark(app: &App, room: &Room, area: Rect, buf: &mut Buffer) {
    let Some(marked) = room.last_mark() else {
        return;
    };
    let theme = app.theme();
    let tree = &room.deck.tree;
    let scenario = &room.deck.scenarios[marked.scenario];
    let word = if marked.right { "RIGHT" } else { "NOT QUITE" };
    let mut rows = Rows::new(area.width);
    let line = |label: &str, text: &str| format!("{label}{text}");
    rows.text(
        "",
        "  ",
        &line("You reached: ", &outcome_line(tree, marked.reached)),
        theme.text,
    );
    match (&marked.divergence, marked.right) {
        (Some(d), true) => {
            let line = format!(
                "the same advice by another route; the routes split at {}.",
                divergence_line(tree, d)
            );
            rows.text("", "", &line, theme.muted);
        }
        (Some(d), false) => {
            let answer = line("The answer: ", &outcome_line(tree, scenario.expected));
            rows.text("", "  ", &answer, theme.heading);
            let split = line("Where the route split: ", &divergence_line(tree, d));
            rows.text("", "  ", &split, theme.text);
            for (passage, source) in scenario.explaining_passages(d, marked.reached, tree) {
                rows.blank();
                rows.text("“", " ", &format!("{}”", passage.quote), theme.text);
                rows.text("  ", "  ", &citation_in(source, passage), theme.muted);
            }
        }
        (None, _) => {}
    }
    rows.blank();
    let next = if room.results.len() < room.order.len() {
        "Enter: the next scenario."
    } else {
        "Enter: the score."
    };
    rows.text("", "", next, theme.muted);
    big_then(app, word, rows, room.scroll, area, buf);
}

/// The score in large letters, and the question most wrong answers left the way at.
fn render_score(app: &App, room: &Room, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let quiz = room.quiz();
    let score = quiz.score();
    let mut rows = Rows::new(area.width);
    rows.text(
        "",
        "",
        &format!("{} of {} right.", score.right, score.answered),
        theme.heading,
    );
    if let Some(missed) = quiz.most_missed() {
        rows.text("Most missed: ", "  ", &missed, theme.text);
    }
    rows.blank();
    rows.text(
        "",
        "",
        "s saves the summary for the trainer; q ends the session.",
        theme.muted,
    );
    let word = format!("{} of {}", score.right, score.answered);
    big_then(app, &word, rows, 0, area, buf);
}

/// `word` in large letters (when there is room), then `rows` from row `scroll`; what does not
/// fit is said on the last row ("more below ↓ PgDn").
fn big_then(app: &App, word: &str, rows: Rows, scroll: u16, area: Rect, buf: &mut Buffer) {
    let big = if area.height >= 12 { 4 } else { 0 };
    let [heading, body] =
        Layout::vertical([Constraint::Length(big), Constraint::Fill(1)]).areas(area);
    let mut lines = rows.lines;
    if big > 0 {
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(app.theme().heading)
            .lines(vec![Line::from(word.to_string())])
            .build()
            .render(heading, buf);
        lines.insert(0, Line::from(""));
    } else {
        lines.insert(0, Line::styled(word.to_string(), app.theme().heading));
    }
    let height = body.height as usize;
    let max = lines.len().saturating_sub(height);
    let offset = (scroll as usize).min(max);
    app.presented.set(crate::tui::app::Scrolled {
        offset: offset as u16,
        max: max as u16,
        page: body.height,
    });
    let mut shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    if offset < max
        && let Some(last) = shown.last_mut()
    {
        *last = Line::styled("more below ↓ PgDn", app.theme().warning);
    }
    Paragraph::new(shown).render(body, buf);
}

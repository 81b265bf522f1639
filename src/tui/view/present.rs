//! Presentation mode: large headings, little chrome, and each step revealed in parts so the
//! room can think first: the question, then its options, then the guidance; on an outcome the
//! guidance first and the verdict last.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::{Rows, show_rows, trail};
use crate::record::citation;
use crate::tree::{Node, NodeKind, Outcome, Tree};
use crate::tui::app::{App, Target};
use crate::tui::mode::Presentation;
use crate::tui::text::wrap;
use crate::tui::walk::Walk;

/// Width of one character of big text (Quadrant pixels: 8 pixels → 4 columns).
const BIG_CHAR_WIDTH: usize = 4;
/// Height of one line of big text.
const BIG_LINE_HEIGHT: u16 = 4;

/// Draws the current step for a room: the trail, a big heading, a counter, then the step.
pub(super) fn render_presentation(
    app: &App,
    walk: &Walk,
    presentation: Presentation,
    area: Rect,
    buf: &mut Buffer,
) {
    let tree = &app.catalog().trees[walk.tree];
    let trail = trail::layout(tree, walk, area.width);
    let trail_height = trail.iter().map(|t| t.0 + 1).max().unwrap_or(1) as u16;
    let node = tree.node(walk.session.current());
    let (big, counter) = headings(tree, walk, node, presentation);
    let big_lines = big_lines(&big, area.width);
    let big_height = if area.height >= 20 {
        big_lines.len() as u16 * BIG_LINE_HEIGHT
    } else {
        0
    };
    let [trail_area, heading, counter_area, body] = Layout::vertical([
        Constraint::Length(trail_height.min(2)),
        Constraint::Length(big_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    trail::render(app, walk, &trail, trail_area, buf);
    if big_height > 0 {
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(app.theme().heading)
            .lines(big_lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .build()
            .render(heading, buf);
    }
    Paragraph::new(Line::styled(
        if big_height > 0 {
            counter
        } else {
            format!("{big} · {counter}")
        },
        app.theme().heading,
    ))
    .render(counter_area, buf);

    let mut rows = Rows::new(body.width);
    rows.blank();
    let items = match &node.kind {
        NodeKind::Outcome(outcome) => {
            outcome_rows(app, tree, walk, node, outcome, presentation, &mut rows);
            Vec::new()
        }
        _ => question_rows(app, tree, walk, node, presentation, &mut rows),
    };
    let selected = if presentation.stage >= 1 {
        walk.selected
    } else {
        usize::MAX
    };
    show_rows(app, rows, body, buf, &items, selected);
}

/// The big heading ("Question 2", "What now?", the verdict once revealed) and the counter line.
fn headings(tree: &Tree, walk: &Walk, node: &Node, presentation: Presentation) -> (String, String) {
    match &node.kind {
        NodeKind::Outcome(o) if presentation.stage >= Presentation::LAST => (
            o.verdict.label().to_string(),
            format!("The answer · {}", tree.title),
        ),
        NodeKind::Outcome(_) => (
            "What now?".to_string(),
            format!("An outcome is reached · {}", tree.title),
        ),
        _ => {
            let (n, of) = walk.session.progress(tree);
            (
                format!("Question {n}"),
                format!("Question {n} of up to {of} · {}", tree.title),
            )
        }
    }
}

/// A question as far as it is revealed: the question, then its options, then its guidance.
/// Returns where each option landed, for clicks and the cursor.
fn question_rows(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    presentation: Presentation,
    rows: &mut Rows,
) -> Vec<(usize, usize, Target)> {
    let mut items = Vec::new();
    rows.heading(node.title(), app.theme().heading);
    rows.blank();
    if presentation.stage >= 1 {
        for (i, (tick, label)) in answer_rows(node, walk.ticked).into_iter().enumerate() {
            let selected = i == walk.selected;
            let marker = if selected { "›" } else { " " };
            let style = if selected {
                app.theme().selected
            } else {
                app.theme().text
            };
            let start = rows
                .text(
                    &format!("{marker} {tick}{}. ", i + 1),
                    "     ",
                    label,
                    style,
                )
                .start;
            items.push((start, rows.lines.len(), Target::Option(i)));
        }
    } else {
        rows.text(
            "",
            "",
            "What would you answer? Press Space to show the options.",
            app.theme().muted,
        );
    }
    if presentation.stage >= 2 {
        passages(app, tree, node, walk, rows);
    }
    items
}

/// An outcome as far as it is revealed: the answers given, then the guidance, then the verdict.
fn outcome_rows(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    outcome: &Outcome,
    presentation: Presentation,
    rows: &mut Rows,
) {
    if presentation.stage < Presentation::LAST {
        let heading = "Given these answers, what should they do?";
        rows.text("", "", heading, app.theme().heading);
        for (q, a) in crate::record::answers(tree, walk.session.steps()) {
            rows.text("• ", "  ", &format!("{q} {a}"), app.theme().text);
        }
    }
    match presentation.stage {
        0 => {
            rows.blank();
            let next = "Discuss, then press Space to show the guidance.";
            rows.text("", "", next, app.theme().muted);
        }
        1 => {
            passages(app, tree, node, walk, rows);
            rows.blank();
            rows.text(
                "",
                "",
                "Press Space to reveal the answer.",
                app.theme().muted,
            );
        }
        _ => {
            let shown = outcome.shown(Some(walk.session.facts()));
            rows.text(
                &format!("{} — ", outcome.verdict.label()),
                "  ",
                &outcome.headline,
                app.theme().verdict(outcome.verdict),
            );
            rows.text("", "", &shown.explanation, app.theme().text);
            for c in &shown.conditions {
                rows.text("• ", "  ", c, app.theme().text);
            }
        }
    }
}

/// The rows a question or checklist offers: (tick box, label); a checklist ends with its
/// "none of these" row.
fn answer_rows(node: &Node, ticked: u64) -> Vec<(&'static str, &str)> {
    match &node.kind {
        NodeKind::Question(q) => q.options.iter().map(|o| ("", o.label.as_str())).collect(),
        NodeKind::Checklist(c) => c
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let tick = if ticked & (1 << i) != 0 {
                    "[x] "
                } else {
                    "[ ] "
                };
                (tick, item.label.as_str())
            })
            .chain(std::iter::once(("    ", c.none.as_str())))
            .collect(),
        _ => Vec::new(),
    }
}

fn passages(app: &App, tree: &Tree, node: &Node, walk: &Walk, rows: &mut Rows) {
    for passage in node.guidance_for(Some(walk.session.facts())) {
        rows.blank();
        rows.text("“", " ", &format!("{}”", passage.quote), app.theme().text);
        rows.text("  ", "  ", &citation(tree, passage), app.theme().muted);
    }
}

/// Splits `text` into lines of big text that fit `width`.
fn big_lines(text: &str, width: u16) -> Vec<String> {
    let per_line = (width as usize / BIG_CHAR_WIDTH).max(1);
    let mut lines = wrap(text, per_line);
    lines.truncate(2);
    lines
}

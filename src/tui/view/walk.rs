//! The walk screen: the trail of answers, the question or outcome, the guidance passages and
//! who to ask, side by side when wide and stacked when narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::{Rows, WIDE, pane, present, show_rows};
use crate::record::{answers, citation, contact_line};
use crate::tree::{Facts, Node, NodeKind, Tree};
use crate::tui::app::{App, Target, Walk};
use crate::tui::text::wrap;

pub(super) fn render_walk(app: &App, walk: &Walk, area: Rect, buf: &mut Buffer) {
    let tree = &app.catalog.trees[walk.tree];
    if let Some(presentation) = app.present {
        present::render_presentation(app, tree, walk, presentation, area, buf);
        return;
    }
    let trail = trail_layout(tree, walk, area.width);
    let trail_height = trail.iter().map(|t| t.0 + 1).max().unwrap_or(1) as u16;
    let [trail_area, main] = Layout::vertical([
        Constraint::Length(trail_height.min(area.height / 3).max(1)),
        Constraint::Fill(1),
    ])
    .areas(area);
    render_trail(app, walk, &trail, trail_area, buf);

    let shown = match walk.changing {
        Some(step) => walk.session.steps()[step].question,
        None => walk.session.current(),
    };
    let node = tree.node(shown);
    let contacts_width = if main.width >= WIDE {
        main.width * 42 / 100
    } else {
        main.width
    };
    let facts = walk.session.facts();
    let contacts_height =
        (contact_rows(app, tree, node, facts, contacts_width).len() as u16 + 2).max(3);
    if main.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(main);
        let [guidance, contacts] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(contacts_height.min(right.height / 2)),
        ])
        .areas(right);
        render_node(app, tree, walk, node, left, buf);
        render_guidance(app, tree, walk, node, guidance, buf);
        render_contacts(app, tree, node, facts, contacts, buf);
    } else {
        let [top, guidance, contacts] = Layout::vertical([
            Constraint::Percentage(55),
            Constraint::Fill(1),
            Constraint::Length(contacts_height.min(main.height / 4).max(3)),
        ])
        .areas(main);
        render_node(app, tree, walk, node, top, buf);
        render_guidance(app, tree, walk, node, guidance, buf);
        render_contacts(app, tree, node, facts, contacts, buf);
    }
}

/// (row, column, text) of each trail segment; the first is the label "Your answers:".
pub(super) fn trail_layout(tree: &Tree, walk: &Walk, width: u16) -> Vec<(usize, u16, String)> {
    let labels = crate::tree::paths::labels(tree, walk.session.steps());
    let mut segments = vec![if labels.is_empty() {
        "Your answers will appear here.".to_string()
    } else {
        "Your answers:".to_string()
    }];
    segments.extend(
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}. {l}", i + 1)),
    );
    let (mut row, mut col) = (0usize, 0u16);
    let mut out = Vec::new();
    for segment in segments {
        let w = unicode_width::UnicodeWidthStr::width(segment.as_str()) as u16 + 3;
        if col > 0 && col + w > width {
            row += 1;
            col = 0;
        }
        out.push((row, col, segment));
        col += w;
    }
    out
}

pub(super) fn render_trail(
    app: &App,
    walk: &Walk,
    layout: &[(usize, u16, String)],
    area: Rect,
    buf: &mut Buffer,
) {
    for (i, (row, col, text)) in layout.iter().enumerate() {
        let y = area.y + *row as u16;
        if y >= area.bottom() || *col >= area.width {
            continue;
        }
        let x = area.x + col;
        let step = i.checked_sub(1);
        let selected = walk.in_trail && step == Some(walk.trail_cursor);
        let style = match step {
            None => app.theme.muted,
            Some(_) if selected => app.theme.selected,
            Some(s) if walk.changing == Some(s) => app.theme.warning,
            Some(_) => app.theme.text,
        };
        let shown = if selected {
            format!("[{text}]")
        } else {
            format!(" {text} ")
        };
        let width = area.right().saturating_sub(x);
        buf.set_stringn(x, y, &shown, width as usize, style);
        if let Some(s) = step {
            let w = (unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16).min(width);
            app.targets
                .borrow_mut()
                .push((Rect::new(x, y, w, 1), Target::Step(s)));
            if i + 1 < layout.len() && layout[i + 1].0 == *row {
                buf.set_stringn(
                    x + w,
                    y,
                    "›",
                    area.right().saturating_sub(x + w) as usize,
                    app.theme.muted,
                );
            }
            if selected {
                app.cursor.set(Some(Position::new(x, y)));
            }
        }
    }
}

pub(super) fn render_node(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    area: Rect,
    buf: &mut Buffer,
) {
    match &node.kind {
        NodeKind::Question(_) | NodeKind::Checklist(_) => {
            render_answers(app, tree, walk, node, area, buf)
        }
        NodeKind::Route(_) => {}
        NodeKind::Outcome(outcome) => {
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
                    Span::styled(badge.clone(), app.theme.verdict(outcome.verdict))
                } else {
                    Span::raw(" ".repeat(badge_width - 2))
                };
                let dash = if i == 0 { "— " } else { "  " };
                rows.lines.push(Line::from(vec![
                    lead,
                    Span::raw(dash),
                    Span::styled(part, app.theme.heading),
                ]));
            }
            rows.text("", "", &shown.explanation, app.theme.text);
            if !shown.conditions.is_empty() {
                rows.blank();
                rows.heading("Conditions", app.theme.heading);
                for c in &shown.conditions {
                    rows.text("• ", "  ", c, app.theme.text);
                }
            }
            let tools = tree.tools_of(outcome);
            if !tools.is_empty() {
                rows.blank();
                let heading = if tools.len() == 1 {
                    "About the tool"
                } else {
                    "About the tools"
                };
                rows.heading(heading, app.theme.heading);
                for tool in tools {
                    rows.text("• ", "  ", &tool.card(), app.theme.text);
                }
            }
            if !shown.fallbacks.is_empty() {
                rows.blank();
                rows.heading(outcome.fallbacks_heading(), app.theme.heading);
                for (i, f) in shown.fallbacks.iter().enumerate() {
                    rows.text(&format!("{}. ", i + 1), "   ", f, app.theme.text);
                }
            }
            let why = answers(tree, walk.session.steps());
            if !why.is_empty() {
                rows.blank();
                rows.heading("Why: your answers", app.theme.heading);
                for (q, a) in why {
                    rows.text("• ", "  ", &format!("{q} {a}"), app.theme.text);
                }
            }
            rows.blank();
            rows.text(
                "",
                "",
                "Press s to save a decision record of this answer.",
                app.theme.muted,
            );
            let max = rows.lines.len().saturating_sub(inner.height as usize);
            let offset = (walk.outcome_scroll as usize).min(max);
            let title = if offset < max {
                "Outcome · more below (↓)"
            } else {
                "Outcome"
            };
            pane(app, title, !walk.in_trail).render(area, buf);
            if offset == 0 && !walk.in_trail {
                app.cursor.set(Some(Position::new(inner.x, inner.y)));
            }
            Paragraph::new(rows.lines)
                .scroll((offset as u16, 0))
                .render(inner, buf);
        }
    }
}

/// A question's options, or a checklist's items with their ticks and "none of these".
fn render_answers(app: &App, tree: &Tree, walk: &Walk, node: &Node, area: Rect, buf: &mut Buffer) {
    let title = match walk.changing {
        Some(step) => format!("Change answer {}", step + 1),
        None => {
            let (n, of) = walk.session.progress(tree);
            format!("Question {n} of up to {of}")
        }
    };
    let block = pane(app, &title, !walk.in_trail);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    rows.heading(node.title(), app.theme.heading);
    let (help, answers, checklist) = match &node.kind {
        NodeKind::Question(q) => (
            q.help.as_ref(),
            q.options
                .iter()
                .map(|o| (o.label.as_str(), o.detail.as_ref()))
                .collect::<Vec<_>>(),
            None,
        ),
        NodeKind::Checklist(c) => (
            c.help.as_ref(),
            c.items
                .iter()
                .map(|i| (i.label.as_str(), i.detail.as_ref()))
                .collect(),
            Some(c),
        ),
        _ => return,
    };
    if let Some(help) = help {
        rows.text("", "", help, app.theme.muted);
    }
    if checklist.is_some() {
        rows.text(
            "",
            "",
            "Tick every item that applies (Space), then press Enter.",
            app.theme.muted,
        );
    }
    rows.blank();
    let mut items = Vec::new();
    for (i, (label, detail)) in answers.iter().enumerate() {
        let selected = i == walk.selected && !walk.in_trail;
        let marker = if selected { "›" } else { " " };
        let tick = match checklist {
            Some(_) if walk.ticked & (1 << i) != 0 => "[x] ",
            Some(_) => "[ ] ",
            None => "",
        };
        let style = if selected {
            app.theme.selected
        } else {
            app.theme.text
        };
        let lead = format!("{marker} {tick}{}. ", i + 1);
        let indent = " ".repeat(lead.chars().count());
        let start = rows.text(&lead, &indent, label, style).start;
        if let Some(detail) = detail {
            let muted = if selected { style } else { app.theme.muted };
            rows.text(&indent, &indent, detail, muted);
        }
        items.push((start, rows.lines.len(), Target::Option(i)));
    }
    if let Some(checklist) = checklist {
        let i = answers.len();
        let selected = i == walk.selected && !walk.in_trail;
        let marker = if selected { "›" } else { " " };
        let style = if selected {
            app.theme.selected
        } else {
            app.theme.text
        };
        rows.blank();
        let start = rows
            .text(&format!("{marker}     "), "      ", &checklist.none, style)
            .start;
        items.push((start, rows.lines.len(), Target::Option(i)));
    }
    if walk.changing.is_some() {
        rows.blank();
        rows.text(
            "",
            "",
            "Choose the new answer. Later answers are kept wherever they still apply. Esc cancels.",
            app.theme.muted,
        );
    }
    let selected = if walk.in_trail {
        usize::MAX
    } else {
        walk.selected
    };
    show_rows(app, rows, inner, buf, &items, selected);
}

pub(super) fn render_guidance(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    area: Rect,
    buf: &mut Buffer,
) {
    let inner_width = area.width.saturating_sub(2);
    let mut rows = Rows::new(inner_width);
    let facts = Some(walk.session.facts());
    let mut empty = true;
    for (i, passage) in node.guidance_for(facts).enumerate() {
        if i > 0 {
            rows.blank();
        }
        empty = false;
        // A row of the approved-tools table reads as the tool's card, the row kept as its source.
        match tree.tool_row(passage) {
            Some(tool) => {
                rows.text("", "", &tool.card(), app.theme.text);
                let row = format!("The row of the table: “{}”", passage.quote);
                rows.text("  ", "  ", &row, app.theme.muted);
            }
            None => {
                rows.text("“", " ", &format!("{}”", passage.quote), app.theme.text);
            }
        }
        rows.text("  ", "  ", &citation(tree, passage), app.theme.muted);
    }
    for link in node.links_for(facts) {
        rows.blank();
        empty = false;
        rows.text(
            "Link: ",
            "  ",
            &format!("{} — {}", link.title, link.url),
            app.theme.text,
        );
    }
    if empty {
        rows.text(
            "",
            "",
            "No guidance passage for this step.",
            app.theme.muted,
        );
    }
    let height = area.height.saturating_sub(2) as usize;
    let max = rows.lines.len().saturating_sub(height);
    let offset = (walk.scroll as usize).min(max);
    let title = match (offset > 0, offset < max) {
        (_, true) => "Guidance · more below (PgDn)",
        (true, false) => "Guidance · PgUp for more",
        (false, false) => "Guidance",
    };
    let block = pane(app, title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    app.targets.borrow_mut().push((inner, Target::Guidance));
    Paragraph::new(rows.lines)
        .scroll((offset as u16, 0))
        .render(inner, buf);
}

pub(super) fn contact_rows(
    app: &App,
    tree: &Tree,
    node: &Node,
    facts: &Facts,
    width: u16,
) -> Vec<Line<'static>> {
    let mut rows = Rows::new(width.saturating_sub(2));
    let mut empty = true;
    for c in node.contacts_for(Some(facts)) {
        empty = false;
        rows.text(
            "• ",
            "  ",
            &contact_line(&tree.contacts[c as usize].contact),
            app.theme.text,
        );
    }
    if empty {
        rows.text("", "", "No contact listed for this step.", app.theme.muted);
    }
    rows.lines
}

pub(super) fn render_contacts(
    app: &App,
    tree: &Tree,
    node: &Node,
    facts: &Facts,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = pane(app, "Who to ask", false);
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(contact_rows(app, tree, node, facts, area.width)).render(inner, buf);
}

//! The walk screen: the trail of answers, the question or outcome, the guidance passages and
//! who to ask, side by side when wide and stacked when narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Rows, WIDE, outcome, pane, show_rows, trail};
use crate::document::quoted;
use crate::record::contact_line;
use crate::tree::{Facts, Node, NodeKind, Tree};
use crate::tui::app::{App, Target};
use crate::tui::walk::Walk;

/// Draws the walk screen.
pub(super) fn render_walk(app: &App, walk: &Walk, area: Rect, buf: &mut Buffer) {
    let tree = &app.catalog().trees[walk.tree];
    let trail = trail::layout(tree, walk, area.width);
    let trail_height = trail.iter().map(|t| t.0 + 1).max().unwrap_or(1) as u16;
    let [trail_area, main] = Layout::vertical([
        Constraint::Length(trail_height.min(area.height / 3).max(1)),
        Constraint::Fill(1),
    ])
    .areas(area);
    trail::render(app, walk, &trail, trail_area, buf);

    let node = walk.shown_node(tree);
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
        NodeKind::Outcome(outcome) => outcome::render(app, tree, walk, outcome, area, buf),
    }
}

/// A question's options, or a checklist's items with their ticks and "none of these".
fn render_answers(app: &App, tree: &Tree, walk: &Walk, node: &Node, area: Rect, buf: &mut Buffer) {
    let title = match walk.changing() {
        Some(step) => format!("Change answer {}", step + 1),
        None => {
            let (n, of) = walk.session.progress(tree);
            format!("Question {n} of up to {of}")
        }
    };
    let block = pane(app, &title, walk.trail_cursor().is_none());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    rows.heading(node.title(), app.theme().heading);
    let (help, checklist) = match &node.kind {
        NodeKind::Question(q) => (q.help.as_ref(), None),
        NodeKind::Checklist(c) => (c.help.as_ref(), Some(c)),
        _ => return,
    };
    if let Some(help) = help {
        rows.text("", "", help, app.theme().muted);
    }
    if checklist.is_some() {
        let how = "Tick every item that applies (Space), then press Enter.";
        rows.text("", "", how, app.theme().muted);
    }
    rows.blank();
    let items = answer_rows(app, walk, node, &mut rows);
    if walk.changing().is_some() {
        rows.blank();
        rows.text(
            "",
            "",
            "Choose the new answer. Later answers are kept wherever they still apply. Esc cancels.",
            app.theme().muted,
        );
    }
    let selected = if walk.trail_cursor().is_some() {
        usize::MAX
    } else {
        walk.selected
    };
    show_rows(app, rows, inner, buf, &items, selected);
}

/// The numbered answers of `node` (ticks on a checklist, and its "none of these" row last);
/// returns where each landed.
fn answer_rows(
    app: &App,
    walk: &Walk,
    node: &Node,
    rows: &mut Rows,
) -> Vec<(usize, usize, Target)> {
    let (answers, checklist): (Vec<(&str, Option<&String>)>, _) = match &node.kind {
        NodeKind::Question(q) => (
            q.options
                .iter()
                .map(|o| (o.label.as_str(), o.detail.as_ref()))
                .collect(),
            None,
        ),
        NodeKind::Checklist(c) => (
            c.items
                .iter()
                .map(|i| (i.label.as_str(), i.detail.as_ref()))
                .collect(),
            Some(c),
        ),
        _ => return Vec::new(),
    };
    let focused = walk.trail_cursor().is_none();
    let style_of = |i: usize| {
        let selected = i == walk.selected && focused;
        let style = if selected {
            app.theme().selected
        } else {
            app.theme().text
        };
        (if selected { "›" } else { " " }, style, selected)
    };
    let mut items = Vec::new();
    for (i, (label, detail)) in answers.iter().enumerate() {
        let (marker, style, selected) = style_of(i);
        let tick = match checklist {
            Some(_) if walk.ticked & (1 << i) != 0 => "[x] ",
            Some(_) => "[ ] ",
            None => "",
        };
        let lead = format!("{marker} {tick}{}. ", i + 1);
        let indent = " ".repeat(lead.chars().count());
        let start = rows.text(&lead, &indent, label, style).start;
        if let Some(detail) = detail {
            let muted = if selected { style } else { app.theme().muted };
            rows.text(&indent, &indent, detail, muted);
        }
        items.push((start, rows.lines.len(), Target::Option(i)));
    }
    if let Some(checklist) = checklist {
        let (marker, style, _) = style_of(answers.len());
        rows.blank();
        let start = rows
            .text(&format!("{marker}     "), "      ", &checklist.none, style)
            .start;
        items.push((start, rows.lines.len(), Target::Option(answers.len())));
    }
    items
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
        let shown = quoted(tree, passage);
        match &shown.card {
            Some(card) => {
                rows.text("", "", card, app.theme().text);
                let row = format!("The row of the table: “{}”", shown.quote);
                rows.text("  ", "  ", &row, app.theme().muted);
            }
            None => {
                rows.text("“", " ", &format!("{}”", shown.quote), app.theme().text);
            }
        }
        rows.text("  ", "  ", &shown.citation, app.theme().muted);
    }
    for link in node.links_for(facts) {
        rows.blank();
        empty = false;
        rows.text(
            "Link: ",
            "  ",
            &format!("{} — {}", link.title, link.url),
            app.theme().text,
        );
    }
    if empty {
        rows.text(
            "",
            "",
            "No guidance passage for this step.",
            app.theme().muted,
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
            app.theme().text,
        );
    }
    if empty {
        rows.text(
            "",
            "",
            "No contact listed for this step.",
            app.theme().muted,
        );
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

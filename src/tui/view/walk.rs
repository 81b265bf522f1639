//! The walk screen: the trail of answers, the question or outcome, the guidance passages and
//! who to ask, side by side when wide and stacked when narrow. A question's text and every one
//! of its answers are always on screen: when space is short its help, the answers' details and
//! then who to ask give way first, moving into the scrollable guidance pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{
    Border, Rows, WIDE, ellipsized, list_pane, list_width, outcome, pane, show_rows, trail,
};
use crate::document::quoted;
use crate::record::contact_line;
use crate::tree::{Node, NodeKind, Tree};
use crate::tui::app::{App, Target};
use crate::tui::walk::Walk;

/// The fewest rows the guidance pane keeps below a question (its border and two lines).
const SIDE_MIN: u16 = 4;

/// How much of a question the answers pane shows, most first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    /// The question, its help, every answer with its details.
    Full,
    /// The question and every answer; the help moves to the guidance pane and only the
    /// selected answer shows its details.
    Compact,
    /// The question and every answer in two columns, with no details: for long lists of short
    /// answers (the apps tree's eighteen apps).
    Columns,
}

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
    let asks = matches!(node.kind, NodeKind::Question(_) | NodeKind::Checklist(_));
    if main.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(main);
        let fit = fit_of(app, walk, node, left);
        render_node(app, tree, walk, node, fit, left, buf);
        let side = side_rows(app, tree, walk, node, fit, false, right.width);
        let contacts = contact_rows(app, tree, walk, node, right.width);
        let contacts_height = contacts.lines.len() as u16 + 2;
        if contacts_height <= right.height / 2 {
            let [guidance, who] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(contacts_height)])
                    .areas(right);
            render_side(app, walk, side, "Guidance", guidance, buf);
            let block = pane(app, "Who to ask", false);
            let inner = block.inner(who);
            block.render(who, buf);
            Paragraph::new(contacts.lines).render(inner, buf);
        } else {
            // Who to ask does not fit beside the guidance: both in one pane that scrolls, so no
            // address is ever cut.
            let side = side_rows(app, tree, walk, node, fit, true, right.width);
            render_side(app, walk, side, "Guidance · Who to ask", right, buf);
        }
    } else {
        // Stacked: the question takes the rows its text and answers need; the guidance and who
        // to ask share one scrolling pane below.
        let most = main.height.saturating_sub(SIDE_MIN);
        let (fit, top_height) = if !asks {
            (Fit::Full, main.height * 55 / 100)
        } else {
            let fit = fit_within(app, walk, node, main.width, most);
            (
                fit,
                answers_height(app, walk, node, main.width, fit).min(most),
            )
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]).areas(main);
        render_node(app, tree, walk, node, fit, top, buf);
        let side = side_rows(app, tree, walk, node, fit, true, bottom.width);
        render_side(app, walk, side, "Guidance · Who to ask", bottom, buf);
    }
}

/// How much of the node fits `area`.
fn fit_of(app: &App, walk: &Walk, node: &Node, area: Rect) -> Fit {
    fit_within(app, walk, node, area.width, area.height)
}

/// The fullest form of the node whose answers pane fits `height` rows at `width`; the compact
/// form (which scrolls) when none does.
fn fit_within(app: &App, walk: &Walk, node: &Node, width: u16, height: u16) -> Fit {
    let fits = |fit| answers_height(app, walk, node, width, fit) <= height;
    let columns = short_answers(node, width.saturating_sub(2));
    match () {
        _ if fits(Fit::Full) => Fit::Full,
        _ if fits(Fit::Compact) || !columns => Fit::Compact,
        _ => Fit::Columns,
    }
}

/// Whether two columns suit `node`'s answers at `width`: a long list, and columns wide enough
/// that a label abbreviated to fit still says what it is.
fn short_answers(node: &Node, width: u16) -> bool {
    node.answer_labels().len() > 6 && width / 2 >= 24
}

/// The rows (border included) the answers pane needs at `width` with `fit`.
fn answers_height(app: &App, walk: &Walk, node: &Node, width: u16, fit: Fit) -> u16 {
    let (rows, _) = answers(app, walk, node, width.saturating_sub(2), fit);
    rows.lines.len() as u16 + 2
}

/// The node the walk shows: an outcome, or a question's options or a checklist's items with
/// their ticks and "none of these".
fn render_node(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    fit: Fit,
    area: Rect,
    buf: &mut Buffer,
) {
    match &node.kind {
        NodeKind::Question(_) | NodeKind::Checklist(_) => {}
        NodeKind::Route(_) => return,
        NodeKind::Outcome(outcome) => return outcome::render(app, tree, walk, outcome, area, buf),
    }
    let title = match walk.changing() {
        Some(step) => format!("Change answer {}", step + 1),
        None => {
            let (n, of) = walk.session.progress(tree);
            format!("Question {n} of up to {of}")
        }
    };
    let (rows, items) = answers(app, walk, node, list_width(app, area), fit);
    let selected = if walk.trail_cursor().is_some() {
        usize::MAX
    } else {
        walk.selected
    };
    // Answers that do not fit are never hidden without a word: the border says how many, on
    // which side.
    let focused = walk.trail_cursor().is_none();
    let border = Border {
        title: &title,
        focused,
        ..Border::default()
    };
    let (inner, offset) = list_pane(app, border, &items, selected, area, buf);
    let columns = fit == Fit::Columns;
    show_rows(app, rows, inner, buf, &items, selected, offset);
    if columns {
        column_targets(app, inner, &items, selected, offset);
    }
}

/// In two columns, each answer's click target and the cursor are its half of its row.
fn column_targets(
    app: &App,
    inner: Rect,
    items: &[(usize, usize, Target)],
    selected: usize,
    offset: usize,
) {
    let per_column = items.len().div_ceil(2);
    let half = inner.width / 2;
    let mut targets = app.targets.borrow_mut();
    targets.retain(|(area, _)| !inner.contains(area.as_position()));
    for (i, &(start, _, target)) in items.iter().enumerate() {
        let Some(row) = start
            .checked_sub(offset)
            .filter(|r| *r < inner.height as usize)
        else {
            continue;
        };
        let x = inner.x + if i < per_column { 0 } else { half };
        let rect = Rect::new(x, inner.y + row as u16, half, 1);
        targets.push((rect, target));
        if i == selected {
            app.cursor.set(Some(rect.as_position()));
        }
    }
}

/// The answers pane's lines at `width`: the question, (in full) its help, the answers, and
/// where each answer landed.
fn answers(
    app: &App,
    walk: &Walk,
    node: &Node,
    width: u16,
    fit: Fit,
) -> (Rows, Vec<(usize, usize, Target)>) {
    let mut rows = Rows::new(width);
    rows.heading(node.title(), app.theme().heading);
    let (help, checklist) = match &node.kind {
        NodeKind::Question(q) => (q.help.as_ref(), false),
        NodeKind::Checklist(c) => (c.help.as_ref(), true),
        _ => return (rows, Vec::new()),
    };
    if let Some(help) = help.filter(|_| fit == Fit::Full) {
        rows.text("", "", help, app.theme().muted);
    }
    if checklist {
        let how = "Tick every item that applies (Space), then press Enter.";
        rows.text("", "", how, app.theme().muted);
    }
    if fit == Fit::Full {
        rows.blank();
    }
    let items = match fit {
        Fit::Columns => column_rows(app, walk, node, &mut rows),
        _ => answer_rows(app, walk, node, fit, &mut rows),
    };
    if walk.changing().is_some() && fit == Fit::Full {
        rows.blank();
        rows.text(
            "",
            "",
            "Choose the new answer. Later answers are kept wherever they still apply. Esc cancels.",
            app.theme().muted,
        );
    }
    (rows, items)
}

/// The answers of `node` in two columns, numbered down the first column then the second, as
/// lines of `rows`; returns where each landed (a row each; the column is worked out again by
/// [`column_targets`]).
fn column_rows(
    app: &App,
    walk: &Walk,
    node: &Node,
    rows: &mut Rows,
) -> Vec<(usize, usize, Target)> {
    let labels = node.answer_labels();
    let per_column = labels.len().div_ceil(2);
    let cell = (rows.width() / 2).max(1);
    let ticks = node.checklist_items().is_some();
    let first = rows.lines.len();
    let mut items = Vec::new();
    for row in 0..per_column {
        let mut spans = Vec::new();
        for i in [row, row + per_column] {
            let Some(label) = labels.get(i) else { continue };
            let selected = i == walk.selected && walk.trail_cursor().is_none();
            let marker = if selected { "›" } else { " " };
            let tick = match (ticks, i < labels.len() - 1) {
                (true, true) if walk.ticked & (1 << i) != 0 => "[x] ",
                (true, true) => "[ ] ",
                _ => "",
            };
            let text = ellipsized(
                &format!("{marker} {tick}{}. {label}", i + 1),
                cell.saturating_sub(1),
            );
            let pad = cell.saturating_sub(text.width());
            let style = if selected {
                app.theme().selected
            } else {
                app.theme().text
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" ".repeat(pad)));
            items.push((first + row, first + row + 1, Target::Option(i)));
        }
        rows.lines.push(Line::from(spans));
    }
    items.sort_by_key(|&(_, _, target)| match target {
        Target::Option(i) => i,
        _ => usize::MAX,
    });
    items
}

/// The numbered answers of `node` (ticks on a checklist, and its "none of these" row last);
/// returns where each landed.
fn answer_rows(
    app: &App,
    walk: &Walk,
    node: &Node,
    fit: Fit,
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
        // Compact: only the selected answer keeps its details.
        if let Some(detail) = detail.filter(|_| fit == Fit::Full || selected) {
            let muted = if selected { style } else { app.theme().muted };
            rows.text(&indent, &indent, detail, muted);
        }
        items.push((start, rows.lines.len(), Target::Option(i)));
    }
    if let Some(checklist) = checklist {
        let (marker, style, _) = style_of(answers.len());
        if fit == Fit::Full {
            rows.blank();
        }
        let start = rows
            .text(&format!("{marker}     "), "      ", &checklist.none, style)
            .start;
        items.push((start, rows.lines.len(), Target::Option(answers.len())));
    }
    items
}

/// The guidance pane's lines at the pane's `width`: the question's help when the answers pane
/// had no room for it, each passage with its source, the links, and with `who` the contacts.
fn side_rows(
    app: &App,
    tree: &Tree,
    walk: &Walk,
    node: &Node,
    fit: Fit,
    who: bool,
    width: u16,
) -> Rows {
    let mut rows = Rows::new(width.saturating_sub(2));
    let facts = Some(walk.session.facts());
    let help = match &node.kind {
        NodeKind::Question(q) => q.help.as_ref(),
        NodeKind::Checklist(c) => c.help.as_ref(),
        _ => None,
    };
    if let Some(help) = help.filter(|_| fit != Fit::Full) {
        rows.heading("About this question", app.theme().heading);
        rows.text("", "", help, app.theme().text);
        rows.blank();
    }
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
    if who {
        rows.blank();
        rows.heading("Who to ask", app.theme().heading);
        let contacts = contact_rows(app, tree, walk, node, width);
        rows.lines.extend(contacts.lines);
    }
    rows
}

/// Draws `rows` in a pane titled `name`, scrolled as the walk says, its title saying when there
/// is more above or below.
fn render_side(app: &App, walk: &Walk, rows: Rows, name: &str, area: Rect, buf: &mut Buffer) {
    let height = area.height.saturating_sub(2) as usize;
    let max = rows.lines.len().saturating_sub(height);
    let offset = (walk.scroll as usize).min(max);
    let title = match (offset > 0, offset < max) {
        (_, true) => format!("{name} · more below (PgDn)"),
        (true, false) => format!("{name} · PgUp for more"),
        (false, false) => name.to_string(),
    };
    let block = pane(app, &title, false);
    let inner = block.inner(area);
    block.render(area, buf);
    app.targets.borrow_mut().push((inner, Target::Guidance));
    Paragraph::new(rows.lines)
        .scroll((offset as u16, 0))
        .render(inner, buf);
}

/// Who to ask at this step, one contact a bullet, wrapped (never cut) to the pane's `width`.
fn contact_rows(app: &App, tree: &Tree, walk: &Walk, node: &Node, width: u16) -> Rows {
    let mut rows = Rows::new(width.saturating_sub(2));
    let mut empty = true;
    for c in node.contacts_for(Some(walk.session.facts())) {
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
    rows
}

//! The home screen: the search box, the list of trees (broken files included, with their
//! diagnostics) and, when typing, the search results.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Border, Rows, WIDE, list_pane, list_width, pane, show_rows};
use crate::search::Kind;
use crate::tree::Provenance;
use crate::tree::Tree;
use crate::tree::provenance::DRAFT_BANNER;
use crate::tui::app::{App, Target};

pub(super) fn render_home(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let [search, list] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    render_search_box(app, search, buf);
    if !app.search().query.is_empty() {
        render_results(app, list, buf);
        return;
    }
    if area.width >= WIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(list);
        render_tree_list(app, selected, left, buf);
        render_tree_detail(app, selected, right, buf);
    } else {
        render_tree_list(app, selected, list, buf);
    }
}

pub(super) fn render_search_box(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "Search", !app.search().query.is_empty());
    let inner = block.inner(area);
    block.render(area, buf);
    let line = if app.search().query.is_empty() {
        Line::styled(
            "type to search every tree — e.g. zoom, police, whatsapp",
            app.theme().muted,
        )
    } else {
        Line::from(app.search().query.clone())
    };
    Paragraph::new(line).render(inner, buf);
    if !app.search().query.is_empty() {
        let x = inner
            .x
            .saturating_add(
                unicode_width::UnicodeWidthStr::width(app.search().query.as_str()) as u16,
            )
            .min(inner.right().saturating_sub(1));
        app.cursor.set(Some(Position::new(x, inner.y)));
    }
}

pub(super) fn review_status(app: &App, tree: &Tree) -> (String, Style) {
    if tree.review_overdue(app.catalog().today) {
        (
            format!("REVIEW OVERDUE: was due {}", tree.review_by),
            app.theme().warning,
        )
    } else {
        (format!("review due {}", tree.review_by), app.theme().muted)
    }
}

pub(super) fn render_tree_list(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let mut rows = Rows::new(list_width(app, area));
    let mut spans = Vec::new();
    for (i, tree) in app.catalog().trees.iter().enumerate() {
        let (marker, style) = if i == selected {
            ("› ", app.theme().selected)
        } else {
            ("  ", app.theme().heading)
        };
        let title = match &tree.provenance {
            Provenance::Local {
                path, draft: true, ..
            } => format!("{} — local draft ({path})", tree.title),
            Provenance::Local { path, .. } => format!("{} — local file ({path})", tree.title),
            Provenance::Published {
                published,
                signed_by,
                ..
            } => format!(
                "{} — published {published}, signed by {signed_by}",
                tree.title
            ),
            _ => tree.title.clone(),
        };
        let start = rows
            .text(&format!("{marker}{}. ", i + 1), "     ", &title, style)
            .start;
        if tree.provenance.is_draft() {
            rows.text("     ", "     ", DRAFT_BANNER, app.theme().warning);
        }
        rows.text("     ", "     ", &tree.summary, app.theme().text);
        let (review, review_style) = review_status(app, tree);
        rows.text(
            "     ",
            "     ",
            &format!("{} · tree version {} · {review}", tree.owner, tree.version),
            review_style,
        );
        spans.push((start, rows.lines.len(), Target::Row(i)));
    }
    for (j, broken) in app.catalog().broken.iter().enumerate() {
        let i = app.catalog().trees.len() + j;
        let (marker, style) = if i == selected {
            ("› ", app.theme().selected)
        } else {
            ("  ", app.theme().warning)
        };
        let start = rows
            .text(&format!("{marker}✗ BROKEN: "), "     ", &broken.file, style)
            .start;
        if let Some(first) = broken.diagnostics.first() {
            rows.text("     ", "     ", &first.short(), app.theme().warning);
        }
        spans.push((start, rows.lines.len(), Target::Row(i)));
    }
    if app.home_rows() == 0 {
        rows.text("", "", "No trees are loaded.", app.theme().warning);
    }
    let focused = app.search().query.is_empty();
    let border = Border {
        title: "Decision trees",
        focused,
        ..Border::default()
    };
    let (inner, offset) = list_pane(app, border, &spans, selected, area, buf);
    show_rows(app, rows, inner, buf, &spans, selected, offset);
}

pub(super) fn render_tree_detail(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "About", false);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    if let Some(tree) = app.catalog().trees.get(selected) {
        rows.heading(&tree.title, app.theme().heading);
        rows.text("", "", &tree.summary, app.theme().text);
        rows.blank();
        rows.text("Owner: ", "  ", &tree.owner, app.theme().text);
        rows.text("Tree version: ", "  ", &tree.version, app.theme().text);
        let style = if tree.provenance.is_draft() {
            app.theme().warning
        } else {
            app.theme().text
        };
        rows.text("Source: ", "  ", &tree.provenance.describe(), style);
        let (review, style) = review_status(app, tree);
        rows.text("", "  ", &review, style);
        rows.blank();
        rows.heading("Based on", app.theme().heading);
        for source in &tree.sources {
            rows.text(
                "• ",
                "  ",
                &format!("{} ({})", source.title, source.publisher),
                app.theme().text,
            );
        }
        rows.blank();
        rows.text("", "", "Press Enter to start.", app.theme().muted);
    } else if let Some(broken) = app
        .catalog()
        .broken
        .get(selected.saturating_sub(app.catalog().trees.len()))
    {
        rows.heading("This file could not be loaded", app.theme().warning);
        for d in &broken.diagnostics {
            for line in d.render().lines() {
                rows.text("", "", line, app.theme().text);
            }
        }
    }
    Paragraph::new(rows.lines).render(inner, buf);
}

/// How many search results are laid out at once: those around the selected one.
const RESULTS_LAID_OUT: usize = 200;

pub(super) fn render_results(app: &App, area: Rect, buf: &mut Buffer) {
    let hits = &app.search().hits;
    let selected = app.search().selected;
    // A long list is laid out from as far before the selected result as fits in
    // RESULTS_LAID_OUT, so the selected one is always among them.
    let first = (selected + 1).saturating_sub(RESULTS_LAID_OUT);
    let end = hits.len().min(first + RESULTS_LAID_OUT);
    let mut rows = Rows::new(list_width(app, area));
    let mut items = Vec::new();
    for (i, hit) in hits.iter().enumerate().take(end).skip(first) {
        let entry = app.search().entry(&app.catalog().trees, *hit);
        let tree = &app.catalog().trees[entry.tree];
        let (marker, style) = if i == selected {
            ("› ", app.theme().selected)
        } else {
            ("  ", app.theme().text)
        };
        let start = rows
            .text(
                &format!("{marker}[{}] ", entry.kind.label()),
                "    ",
                &first_line(&entry.text, 160),
                style,
            )
            .start;
        let mut place = match entry.kind {
            Kind::Tree => format!("tree {}", tree.id),
            Kind::Answer(_) => format!("in {} › {}", tree.title, tree.node(entry.node).title()),
            _ => format!("in {}", tree.title),
        };
        // The same answer under several questions, or the same passage on several steps, is
        // one row: say in how many more places it is.
        match hit.also {
            0 => {}
            1 => place.push_str(" · also in 1 more place"),
            n => place.push_str(&format!(" · also in {n} more places")),
        }
        rows.text("    ", "    ", &place, app.theme().muted);
        items.push((start, rows.lines.len(), Target::Result(i)));
    }
    if app.search().hits.is_empty() {
        rows.text(
            "",
            "",
            "Nothing matches. Try fewer or different words.",
            app.theme().muted,
        );
    }
    let title = format!("{} results", hits.len());
    let border = Border {
        title: &title,
        focused: true,
        before: first,
        after: hits.len() - end,
    };
    let laid_out = selected - first;
    let (inner, offset) = list_pane(app, border, &items, laid_out, area, buf);
    show_rows(app, rows, inner, buf, &items, laid_out, offset);
}

pub(super) fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

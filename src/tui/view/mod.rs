//! Drawing the app: `impl Widget for &App`, built from small `render_*` functions. While
//! drawing, the view records where the focused item is (for the terminal cursor, which screen
//! readers follow) and what can be clicked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

mod map;
mod present;

use super::app::{App, Overlay, Screen, Target, Walk};
use super::keymap::{Context, HELP};
use super::preview::Preview;
use super::text::wrap;
use crate::record::{answers, citation, contact_line};
use crate::search::Kind;
use crate::tree::{Node, NodeKind, Tree};

/// Below this size the app asks for a larger window.
pub const MIN_WIDTH: u16 = 40;
/// Below this size the app asks for a larger window.
pub const MIN_HEIGHT: u16 = 12;
/// From this width the panes sit side by side.
const WIDE: u16 = 100;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.targets.borrow_mut().clear();
        self.cursor.set(None);
        Block::new().style(self.theme.text).render(area, buf);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(self, area, buf);
            return;
        }
        let banner = banner_lines(self, area.width);
        let status = self
            .status
            .as_ref()
            .map(|s| wrap(s, area.width as usize))
            .unwrap_or_default();
        let [title, banner_area, body, status_area, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(banner.len().min(3) as u16),
            Constraint::Fill(1),
            Constraint::Length(status.len().min(2) as u16),
            Constraint::Length(1),
        ])
        .areas(area);
        render_title(self, title, buf);
        Paragraph::new(banner)
            .style(self.theme.warning)
            .render(banner_area, buf);
        let body = match &self.preview {
            Some(preview) => render_preview(self, preview, body, buf),
            None => body,
        };
        match &self.screen {
            Screen::Home { selected } => render_home(self, *selected, body, buf),
            Screen::Walk(walk) => render_walk(self, walk, body, buf),
        }
        Paragraph::new(status.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(self.theme.heading)
            .render(status_area, buf);
        render_footer(self, footer, buf);
        match self.overlay {
            Some(Overlay::Help) => render_help(self, area, buf),
            Some(Overlay::Search) => render_search_popup(self, area, buf),
            Some(Overlay::Map) => map::render_map(self, area, buf),
            None => {}
        }
    }
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Make the window larger: signpost needs at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}).",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    Paragraph::new(lines)
        .style(app.theme.warning)
        .render(area, buf);
}

fn banner_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    app.banner
        .iter()
        .flat_map(|d| {
            wrap(
                &format!("⚠ {} — signpost carried on, with defaults for what it could not read.", d.short()),
                width as usize,
            )
        })
        .map(Line::from)
        .collect()
}

/// The reload status line and, when the file has problems, the diagnostics panel; returns the
/// area left for the tree.
fn render_preview(app: &App, preview: &Preview, area: Rect, buf: &mut Buffer) -> Rect {
    let mut rows = Rows::new(area.width.saturating_sub(2));
    for d in &preview.diagnostics {
        for line in d.render().lines() {
            rows.text(
                "",
                "  ",
                line,
                if d.is_error() {
                    app.theme.warning
                } else {
                    app.theme.text
                },
            );
        }
    }
    let panel = if rows.lines.is_empty() {
        0
    } else {
        (rows.lines.len() as u16 + 2).min(area.height / 2)
    };
    let [status, tree, diagnostics] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(panel),
    ])
    .areas(area);
    Paragraph::new(Line::styled(
        format!(
            " Preview of {} · {}",
            preview.path.display(),
            preview.status
        ),
        app.theme.heading,
    ))
    .render(status, buf);
    if panel > 0 {
        let block = pane(app, "Problems in the file", false);
        let inner = block.inner(diagnostics);
        block.render(diagnostics, buf);
        Paragraph::new(rows.lines).render(inner, buf);
    }
    tree
}

fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let right = match app.walk() {
        Some((tree, _)) => format!("{} · v{} ", tree.title, tree.version),
        None => "which tool should I use to share this? ".to_string(),
    };
    let line = Line::from(vec![
        Span::styled(
            " signpost ",
            app.theme.heading.add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
        Span::styled(right, app.theme.heading),
    ]);
    Paragraph::new(line).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let at_outcome = app.walk().is_some_and(|(t, w)| w.session.at_outcome(t));
    let hints: &[(&str, &str)] = match app.context() {
        Context::Help => &[("any key", "close")],
        Context::Search => &[
            ("type", "search"),
            ("↑↓", "move"),
            ("Enter", "open"),
            ("Esc", "close"),
        ],
        Context::Map => &[
            ("↑↓", "move"),
            ("Enter", "go to this step"),
            ("Space ← →", "fold"),
            ("Esc", "close map"),
        ],
        Context::Present => &[
            ("Space", "reveal next"),
            ("1-9", "choose"),
            ("←", "back"),
            ("m", "map"),
            ("p", "end presentation"),
            ("q", "quit"),
        ],
        Context::Home { typing: true } => &[
            ("type", "search"),
            ("↑↓", "move"),
            ("Enter", "open"),
            ("Esc", "clear the search"),
        ],
        Context::Home { typing: false } => &[
            ("type", "search"),
            ("↑↓", "move"),
            ("Enter", "open"),
            ("?", "help"),
            ("Esc", "quit"),
        ],
        Context::Trail => &[
            ("← →", "pick an answer"),
            ("Enter", "change it"),
            ("Tab", "back to the question"),
        ],
        Context::Changing => &[
            ("1-9", "choose the new answer"),
            ("↑↓", "move"),
            ("Enter", "choose"),
            ("Esc ←", "cancel"),
        ],
        Context::Walk if at_outcome => &[
            ("s", "save record"),
            ("↑↓", "scroll"),
            ("←", "back"),
            ("Tab", "change an answer"),
            ("r", "restart"),
            ("/", "search"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Context::Walk => &[
            ("1-9", "choose"),
            ("↑↓", "move"),
            ("←", "back"),
            ("Tab", "change an answer"),
            ("/", "search"),
            ("?", "help"),
            ("q", "quit"),
        ],
    };
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push(Span::styled(format!(" {key}"), app.theme.key));
        spans.push(Span::styled(format!(" {what} "), app.theme.muted));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

pub(super) fn pane<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), app.theme.heading))
        .border_style(if focused {
            app.theme.focus_border
        } else {
            app.theme.border
        })
}

/// Lines built with known rows, so the view knows where each item landed.
pub(super) struct Rows {
    pub(super) lines: Vec<Line<'static>>,
    width: usize,
}

impl Rows {
    pub(super) fn new(width: u16) -> Self {
        Rows {
            lines: Vec::new(),
            width: width.max(1) as usize,
        }
    }

    /// Adds wrapped text; the first line starts with `first`, the others with `indent`.
    /// Returns the rows used.
    fn text(
        &mut self,
        first: &str,
        indent: &str,
        text: &str,
        style: Style,
    ) -> std::ops::Range<usize> {
        let start = self.lines.len();
        let room = self.width.saturating_sub(indent.chars().count()).max(1);
        for (i, line) in wrap(text, room).into_iter().enumerate() {
            let lead = if i == 0 { first } else { indent };
            self.lines
                .push(Line::styled(format!("{lead}{line}"), style));
        }
        start..self.lines.len()
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub(super) fn heading(&mut self, text: &str, style: Style) {
        self.text("", "", text, style);
    }
}

// ---------------------------------------------------------------- home

fn render_home(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let [search, list] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    render_search_box(app, search, buf);
    if !app.search.query.is_empty() {
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

fn render_search_box(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "Search", !app.search.query.is_empty());
    let inner = block.inner(area);
    block.render(area, buf);
    let line = if app.search.query.is_empty() {
        Line::styled(
            "type to search every tree — e.g. zoom, police, whatsapp",
            app.theme.muted,
        )
    } else {
        Line::from(app.search.query.clone())
    };
    Paragraph::new(line).render(inner, buf);
    if !app.search.query.is_empty() {
        let x = inner
            .x
            .saturating_add(unicode_width::UnicodeWidthStr::width(app.search.query.as_str()) as u16)
            .min(inner.right().saturating_sub(1));
        app.cursor.set(Some(Position::new(x, inner.y)));
    }
}

fn review_status(app: &App, tree: &Tree) -> (String, Style) {
    if tree.review_overdue(crate::tree::today()) {
        (
            format!("REVIEW OVERDUE: was due {}", tree.review_by),
            app.theme.warning,
        )
    } else {
        (format!("review due {}", tree.review_by), app.theme.muted)
    }
}

fn render_tree_list(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "Decision trees", app.search.query.is_empty());
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    let mut spans = Vec::new();
    for (i, tree) in app.catalog.trees.iter().enumerate() {
        let (marker, style) = if i == selected {
            ("› ", app.theme.selected)
        } else {
            ("  ", app.theme.heading)
        };
        let start = rows
            .text(&format!("{marker}{}. ", i + 1), "     ", &tree.title, style)
            .start;
        rows.text("     ", "     ", &tree.summary, app.theme.text);
        let (review, review_style) = review_status(app, tree);
        rows.text(
            "     ",
            "     ",
            &format!("{} · v{} · {review}", tree.owner, tree.version),
            review_style,
        );
        spans.push((start, rows.lines.len(), Target::Row(i)));
    }
    for (j, broken) in app.catalog.broken.iter().enumerate() {
        let i = app.catalog.trees.len() + j;
        let (marker, style) = if i == selected {
            ("› ", app.theme.selected)
        } else {
            ("  ", app.theme.warning)
        };
        let start = rows
            .text(&format!("{marker}✗ BROKEN: "), "     ", &broken.file, style)
            .start;
        if let Some(first) = broken.diagnostics.first() {
            rows.text("     ", "     ", &first.short(), app.theme.warning);
        }
        spans.push((start, rows.lines.len(), Target::Row(i)));
    }
    if app.home_rows() == 0 {
        rows.text("", "", "No trees are loaded.", app.theme.warning);
    }
    show_rows(app, rows, inner, buf, &spans, selected);
}

/// Renders `rows` scrolled so the selected item is visible; records click targets and puts the
/// cursor on the selected item.
fn show_rows(
    app: &App,
    rows: Rows,
    area: Rect,
    buf: &mut Buffer,
    items: &[(usize, usize, Target)],
    selected: usize,
) {
    let height = area.height as usize;
    let offset = items
        .get(selected)
        .map_or(0, |&(_, end, _)| end.saturating_sub(height));
    for &(start, end, target) in items {
        let top = start.max(offset);
        let bottom = end.min(offset + height);
        if top < bottom {
            let rect = Rect::new(
                area.x,
                area.y + (top - offset) as u16,
                area.width,
                (bottom - top) as u16,
            );
            app.targets.borrow_mut().push((rect, target));
        }
    }
    if let Some(&(start, _, _)) = items.get(selected)
        && start >= offset
        && start < offset + height
        && app.cursor.get().is_none()
    {
        app.cursor.set(Some(Position::new(
            area.x,
            area.y + (start - offset) as u16,
        )));
    }
    let visible: Vec<Line> = rows.lines.into_iter().skip(offset).take(height).collect();
    Paragraph::new(visible).render(area, buf);
}

fn render_tree_detail(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "About", false);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    if let Some(tree) = app.catalog.trees.get(selected) {
        rows.heading(&tree.title, app.theme.heading);
        rows.text("", "", &tree.summary, app.theme.text);
        rows.blank();
        rows.text("Owner: ", "  ", &tree.owner, app.theme.text);
        rows.text("Version: ", "  ", &tree.version, app.theme.text);
        let (review, style) = review_status(app, tree);
        rows.text("", "  ", &review, style);
        rows.blank();
        rows.heading("Based on", app.theme.heading);
        for source in &tree.sources {
            rows.text(
                "• ",
                "  ",
                &format!("{} ({})", source.title, source.publisher),
                app.theme.text,
            );
        }
        rows.blank();
        rows.text("", "", "Press Enter to start.", app.theme.muted);
    } else if let Some(broken) = app
        .catalog
        .broken
        .get(selected.saturating_sub(app.catalog.trees.len()))
    {
        rows.heading("This file could not be loaded", app.theme.warning);
        for d in &broken.diagnostics {
            for line in d.render().lines() {
                rows.text("", "", line, app.theme.text);
            }
        }
    }
    Paragraph::new(rows.lines).render(inner, buf);
}

fn render_results(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!("{} results", app.search.hits.len());
    let block = pane(app, &title, true);
    let inner = block.inner(area);
    block.render(area, buf);
    let mut rows = Rows::new(inner.width);
    let mut items = Vec::new();
    for (i, hit) in app.search.hits.iter().take(200).enumerate() {
        let entry = app.search.entry(*hit);
        let tree = &app.catalog.trees[entry.tree];
        let (marker, style) = if i == app.search.selected {
            ("› ", app.theme.selected)
        } else {
            ("  ", app.theme.text)
        };
        let start = rows
            .text(
                &format!("{marker}[{}] ", entry.kind.label()),
                "    ",
                &first_line(&entry.text, 160),
                style,
            )
            .start;
        let place = match entry.kind {
            Kind::Tree => format!("tree {}", tree.id),
            Kind::Answer(_) => format!("in {} › {}", tree.title, tree.node(entry.node).title()),
            _ => format!("in {}", tree.title),
        };
        rows.text("    ", "    ", &place, app.theme.muted);
        items.push((start, rows.lines.len(), Target::Result(i)));
    }
    if app.search.hits.is_empty() {
        rows.text(
            "",
            "",
            "Nothing matches. Try fewer or different words.",
            app.theme.muted,
        );
    }
    show_rows(app, rows, inner, buf, &items, app.search.selected);
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

// ---------------------------------------------------------------- walk

fn render_walk(app: &App, walk: &Walk, area: Rect, buf: &mut Buffer) {
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
    let contacts_height = (contact_rows(app, tree, node, contacts_width).len() as u16 + 2).max(3);
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
        render_contacts(app, tree, node, contacts, buf);
    } else {
        let [top, guidance, contacts] = Layout::vertical([
            Constraint::Percentage(55),
            Constraint::Fill(1),
            Constraint::Length(contacts_height.min(main.height / 4).max(3)),
        ])
        .areas(main);
        render_node(app, tree, walk, node, top, buf);
        render_guidance(app, tree, walk, node, guidance, buf);
        render_contacts(app, tree, node, contacts, buf);
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

fn render_node(app: &App, tree: &Tree, walk: &Walk, node: &Node, area: Rect, buf: &mut Buffer) {
    match &node.kind {
        NodeKind::Question(question) => {
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
            rows.heading(&question.text, app.theme.heading);
            if let Some(help) = &question.help {
                rows.text("", "", help, app.theme.muted);
            }
            rows.blank();
            let mut items = Vec::new();
            for (i, option) in question.options.iter().enumerate() {
                let selected = i == walk.selected && !walk.in_trail;
                let marker = if selected { "›" } else { " " };
                let style = if selected {
                    app.theme.selected
                } else {
                    app.theme.text
                };
                let start = rows
                    .text(
                        &format!("{marker} {}. ", i + 1),
                        "     ",
                        &option.label,
                        style,
                    )
                    .start;
                if let Some(detail) = &option.detail {
                    rows.text(
                        "     ",
                        "     ",
                        detail,
                        if selected { style } else { app.theme.muted },
                    );
                }
                items.push((start, rows.lines.len(), Target::Option(i)));
            }
            if walk.changing.is_some() {
                rows.blank();
                rows.text("", "", "Choose the new answer. Later answers are kept wherever they still apply. Esc cancels.", app.theme.muted);
            }
            let selected = if walk.in_trail {
                usize::MAX
            } else {
                walk.selected
            };
            show_rows(app, rows, inner, buf, &items, selected);
        }
        NodeKind::Outcome(outcome) => {
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
            rows.text("", "", &outcome.explanation, app.theme.text);
            if !outcome.conditions.is_empty() {
                rows.blank();
                rows.heading("Conditions", app.theme.heading);
                for c in &outcome.conditions {
                    rows.text("• ", "  ", c, app.theme.text);
                }
            }
            if !outcome.fallbacks.is_empty() {
                rows.blank();
                rows.heading("If that is not possible, in this order", app.theme.heading);
                for (i, f) in outcome.fallbacks.iter().enumerate() {
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

fn render_guidance(app: &App, tree: &Tree, walk: &Walk, node: &Node, area: Rect, buf: &mut Buffer) {
    let inner_width = area.width.saturating_sub(2);
    let mut rows = Rows::new(inner_width);
    for (i, passage) in node.guidance().iter().enumerate() {
        if i > 0 {
            rows.blank();
        }
        rows.text("“", " ", &format!("{}”", passage.quote), app.theme.text);
        rows.text("  ", "  ", &citation(tree, passage), app.theme.muted);
    }
    if node.guidance().is_empty() {
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

fn contact_rows(app: &App, tree: &Tree, node: &Node, width: u16) -> Vec<Line<'static>> {
    let mut rows = Rows::new(width.saturating_sub(2));
    for &c in node.contacts() {
        rows.text(
            "• ",
            "  ",
            &contact_line(&tree.contacts[c as usize].contact),
            app.theme.text,
        );
    }
    if node.contacts().is_empty() {
        rows.text("", "", "No contact listed for this step.", app.theme.muted);
    }
    rows.lines
}

fn render_contacts(app: &App, tree: &Tree, node: &Node, area: Rect, buf: &mut Buffer) {
    let block = pane(app, "Who to ask", false);
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(contact_rows(app, tree, node, area.width)).render(inner, buf);
}

// ---------------------------------------------------------------- pop-ups

pub(super) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(1);
    let h = height.min(area.height.saturating_sub(2)).max(1);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let width = 76.min(area.width.saturating_sub(2));
    let inner_width = width.saturating_sub(2);
    let key_width = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut rows = Rows::new(inner_width);
    for (key, what) in HELP {
        let lead = format!("{key:<key_width$}");
        rows.text(&lead, &" ".repeat(key_width), what, app.theme.text);
    }
    rows.blank();
    rows.text(
        "",
        "",
        "On the home screen, type to search; Esc clears the search, then quits.",
        app.theme.muted,
    );
    let rect = popup(area, width, rows.lines.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = pane(app, "Keys", true).style(app.theme.text);
    let inner = block.inner(rect);
    block.render(rect, buf);
    app.cursor.set(Some(Position::new(inner.x, inner.y)));
    Paragraph::new(rows.lines).render(inner, buf);
}

fn render_search_popup(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = popup(area, 90, area.height.saturating_sub(4));
    Clear.render(rect, buf);
    Block::new().style(app.theme.text).render(rect, buf);
    let [input, results] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(rect);
    render_search_box(app, input, buf);
    if app.search.query.is_empty() {
        app.cursor
            .set(Some(Position::new(input.x + 1, input.y + 1)));
    }
    render_results(app, results, buf);
}

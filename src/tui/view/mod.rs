//! Drawing the app: `impl Widget for &App`, built from small `render_*` functions, one module
//! per screen. While drawing, the view records where the focused item is (for the terminal
//! cursor, which screen readers follow) and what can be clicked.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

mod home;
mod map;
mod outcome;
mod present;
mod room;
mod trail;
mod walk;

use super::app::{App, Target};
use super::keymap::Context;
use super::mode::Mode;
use super::numbering;
use super::preview::Preview;
use super::text::wrap;
use crate::diagnostic::Code;
use crate::tree::provenance::DRAFT_BANNER;

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
        Block::new().style(self.theme().text).render(area, buf);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            render_too_small(self, area, buf);
            return;
        }
        let banner = banner_lines(self, area.width);
        let status = self
            .status()
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
            .style(self.theme().warning)
            .render(banner_area, buf);
        let body = match self.preview() {
            Some(preview) => render_preview(self, preview, body, buf),
            None => body,
        };
        render_screen(self, self.mode(), body, buf);
        Paragraph::new(status.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(self.theme().heading)
            .render(status_area, buf);
        render_footer(self, footer, buf);
        render_popups(self, self.mode(), area, buf);
    }
}

/// Draws the screen under any pop-ups: the home screen, a walk or a presentation.
fn render_screen(app: &App, mode: &Mode, area: Rect, buf: &mut Buffer) {
    match mode {
        Mode::Home(home) => home::render_home(app, home.selected, area, buf),
        Mode::Walk(walk) => walk::render_walk(app, walk, area, buf),
        Mode::Present(walk, presentation) => {
            present::render_presentation(app, walk, *presentation, area, buf)
        }
        Mode::Room(room) => room::render_room(app, room, area, buf),
        Mode::Help(..) | Mode::Search(_) | Mode::Map(..) | Mode::Note(..) | Mode::Quitting(_) => {
            if let Some(beneath) = mode.beneath() {
                render_screen(app, beneath, area, buf)
            }
        }
    }
}

/// Draws the pop-ups, the one opened last on top. The top one has the focus: only what it
/// shows can be clicked, and the cursor is on it.
fn render_popups(app: &App, mode: &Mode, area: Rect, buf: &mut Buffer) {
    let Some(beneath) = mode.beneath() else {
        return;
    };
    render_popups(app, beneath, area, buf);
    app.targets.borrow_mut().clear();
    app.cursor.set(None);
    match mode {
        Mode::Help(beneath, scroll) => {
            let typing = !app.search().query.is_empty();
            let context = beneath.context(&app.catalog().trees, typing);
            render_help(app, context, *scroll, area, buf)
        }
        Mode::Search(_) => render_search_popup(app, area, buf),
        Mode::Note(_, note) => render_note(app, note, area, buf),
        Mode::Quitting(_) => render_quitting(app, area, buf),
        Mode::Map(beneath, map) => {
            if let Some(walk) = beneath.walk() {
                map::render_map(app, map, walk, area, buf)
            }
        }
        _ => {}
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
        .style(app.theme().warning)
        .render(area, buf);
}

fn banner_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    app.banner()
        .iter()
        .flat_map(|d| {
            let line = match d.code {
                // Its message names the pack and says what stands in for it.
                Code::PackRefused => {
                    let mut message = d.message.clone();
                    if let Some(first) = message.get_mut(..1) {
                        first.make_ascii_uppercase();
                    }
                    format!("⚠ {message} ({})", d.code.as_str())
                }
                _ => format!(
                    "⚠ {} — signpost carried on, with defaults for what it could not read.",
                    d.short()
                ),
            };
            wrap(&line, width as usize)
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
                    app.theme().warning
                } else {
                    app.theme().text
                },
            );
        }
    }
    let panel = if rows.lines.is_empty() {
        0
    } else {
        (rows.lines.len() as u16 + 2).min(area.height / 2)
    };
    // The file as the author named it from here, and the whole status, wrapped: the part that
    // says an answer no longer applies comes last and must not be cut.
    let shown = std::env::current_dir()
        .ok()
        .and_then(|here| preview.path.strip_prefix(here).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| preview.path.clone());
    let status_lines = wrap(
        &format!("Preview of {} · {}", shown.display(), preview.status),
        area.width.saturating_sub(1) as usize,
    );
    let [status, tree, diagnostics] = Layout::vertical([
        Constraint::Length((status_lines.len() as u16).clamp(1, 3)),
        Constraint::Fill(1),
        Constraint::Length(panel),
    ])
    .areas(area);
    Paragraph::new(
        status_lines
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), app.theme().heading))
            .collect::<Vec<_>>(),
    )
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
    let mut spans = vec![
        Span::styled(
            " signpost ",
            app.theme().heading.add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
    ];
    // Every screen of a local draft's walk says so first: it is not the published advice.
    if app
        .walk()
        .is_some_and(|(tree, _)| tree.provenance.is_draft())
    {
        let banner = format!("{DRAFT_BANNER} ");
        spans.push(Span::styled(
            banner,
            app.theme().warning.add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(" "));
    }
    // What is left of the line: the tree's title and version, the title alone when both do not
    // fit, and a title too long for the line ending in "…" rather than cut mid-word.
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    let right = match app.walk() {
        Some((tree, _)) => {
            let with_version = format!("{} · tree version {}", tree.title, tree.version);
            match with_version.width() <= room {
                true => with_version,
                false => tree.title.clone(),
            }
        }
        None => "which tool should I use to share this?".to_string(),
    };
    spans.push(Span::styled(ellipsized(&right, room), app.theme().heading));
    let line = Line::from(spans);
    Paragraph::new(line).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    // Say how far the numbers go: "1-5" for five answers or trees, "1-14" (two digits) for
    // fourteen.
    let rows = match app.mode() {
        Mode::Home(_) => app.catalog().trees.len(),
        _ => app.walk().map_or(0, |(tree, walk)| {
            walk.shown_node(tree).answer_labels().len()
        }),
    };
    let mut hints: Vec<(String, String)> = app
        .keymap()
        .footer(app.context())
        .into_iter()
        .filter(|(key, _)| present::hint_applies(app, key))
        .map(|(key, what)| {
            let key = match key.strip_suffix("1-9") {
                Some(before) if rows > 0 => numbering::range_key(before, rows),
                _ => key.to_string(),
            };
            (format!(" {key}"), format!(" {what} "))
        })
        .collect();
    // Whole hints only, never cut mid-word: when they do not all fit, the ones after the first
    // give way in order, but never Enter or Esc (what acts and what cancels); the help lists
    // every key.
    let width = |hints: &[(String, String)]| -> usize {
        let all: usize = hints.iter().map(|(k, w)| k.width() + w.width()).sum();
        all.saturating_sub(1)
    };
    let essential = |key: &str| key.starts_with(" Enter") || key.starts_with(" Esc");
    while width(&hints) > area.width as usize {
        match (1..hints.len()).find(|&i| !essential(&hints[i].0)) {
            Some(i) => hints.remove(i),
            None => break,
        };
    }
    while width(&hints) > area.width as usize && !hints.is_empty() {
        hints.pop();
    }
    let spans: Vec<Span> = hints
        .into_iter()
        .flat_map(|(key, what)| {
            [
                Span::styled(key, app.theme().key),
                Span::styled(what, app.theme().muted),
            ]
        })
        .collect();
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// `text` cut to `width` columns with an ellipsis, whole when it fits.
pub(super) fn ellipsized(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

pub(super) fn pane<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), app.theme().heading))
        .border_style(if focused {
            app.theme().focus_border
        } else {
            app.theme().border
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
        // Room for the longer of the two leads, so that no line runs past the edge.
        let lead = first.width().max(indent.width());
        let room = self.width.saturating_sub(lead).max(1);
        for (i, line) in wrap(text, room).into_iter().enumerate() {
            let lead = if i == 0 { first } else { indent };
            self.lines
                .push(Line::styled(format!("{lead}{line}"), style));
        }
        start..self.lines.len()
    }

    /// The width lines are wrapped to.
    pub(super) fn width(&self) -> usize {
        self.width
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub(super) fn heading(&mut self, text: &str, style: Style) {
        self.text("", "", text, style);
    }
}

/// Renders `rows` from row `offset` ([`scroll_offset`] keeps the selected item in view);
/// records click targets and puts the cursor on the selected item.
fn show_rows(
    app: &App,
    rows: Rows,
    area: Rect,
    buf: &mut Buffer,
    items: &[(usize, usize, Target)],
    selected: usize,
    offset: usize,
) {
    let height = area.height as usize;
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

/// The first row to show of `items` in `height` rows: scrolled just enough that the selected
/// item's last row is in view.
pub(super) fn scroll_offset(
    items: &[(usize, usize, Target)],
    selected: usize,
    height: usize,
) -> usize {
    items
        .get(selected)
        .map_or(0, |&(_, end, _)| end.saturating_sub(height))
}

/// How many of `items` besides the selected one are not wholly in view when rows
/// `offset..offset + height` are shown: (above, below).
pub(super) fn out_of_view(
    items: &[(usize, usize, Target)],
    selected: usize,
    offset: usize,
    height: usize,
) -> (usize, usize) {
    let others = || {
        items
            .iter()
            .enumerate()
            .filter(move |&(i, _)| i != selected)
    };
    let above = others().filter(|(_, item)| item.0 < offset).count();
    let below = others()
        .filter(|(_, item)| item.1 > offset + height)
        .count();
    (above, below)
}

/// Items out of view, in words: "3 more below (↓)" (`None` when there are none).
pub(super) fn unseen((above, below): (usize, usize)) -> Option<String> {
    match (above, below) {
        (0, 0) => None,
        (0, n) => Some(format!("{n} more below (↓)")),
        (n, 0) => Some(format!("{n} more above (↑)")),
        (a, b) => Some(format!("{a} above, {b} below")),
    }
}

/// A list pane's border: its title, whether the list has the focus, and how many items of the
/// list are not laid out at all, before and after those that are (a long list is laid out only
/// around its selected item).
#[derive(Clone, Copy, Default)]
pub(super) struct Border<'a> {
    pub(super) title: &'a str,
    pub(super) focused: bool,
    pub(super) before: usize,
    pub(super) after: usize,
}

/// Draws the border of a list of `items` in `area`, saying how many items are out of view
/// when it is scrolled so the selected item is in view. Returns the area inside and the first
/// row to show there, for [`show_rows`].
pub(super) fn list_pane(
    app: &App,
    border: Border,
    items: &[(usize, usize, Target)],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) -> (Rect, usize) {
    let inner = pane(app, "", border.focused).inner(area);
    let height = inner.height as usize;
    let offset = scroll_offset(items, selected, height);
    let (above, below) = out_of_view(items, selected, offset, height);
    let title = match unseen((above + border.before, below + border.after)) {
        Some(unseen) => format!("{} · {unseen}", border.title),
        None => border.title.to_string(),
    };
    pane(app, &title, border.focused).render(area, buf);
    (inner, offset)
}

/// The width of the rows inside a pane drawn in `area`.
pub(super) fn list_width(app: &App, area: Rect) -> u16 {
    pane(app, "", false).inner(area).width
}

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

/// The keys of `context` (the mode the help was opened from), scrolled down `scroll` rows when
/// they are more than the window holds.
fn render_help(app: &App, context: Context, scroll: u16, area: Rect, buf: &mut Buffer) {
    let width = 76.min(area.width.saturating_sub(2));
    let inner_width = width.saturating_sub(2);
    let keys = app.keymap().help(context);
    let key_width = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut rows = Rows::new(inner_width);
    for (key, what) in &keys {
        let lead = format!("{key:<key_width$}");
        rows.text(&lead, &" ".repeat(key_width), what, app.theme().text);
    }
    rows.blank();
    rows.text("", "", mouse_note(context), app.theme().muted);
    let rect = popup(area, width, rows.lines.len() as u16 + 2);
    let height = rect.height.saturating_sub(2) as usize;
    let max = rows.lines.len().saturating_sub(height);
    let offset = (scroll as usize).min(max);
    let title = match (offset > 0, offset < max) {
        (_, true) => "Keys · more below (↓)",
        (true, false) => "Keys · ↑ for more",
        (false, false) => "Keys",
    };
    Clear.render(rect, buf);
    let block = pane(app, title, true).style(app.theme().text);
    let inner = block.inner(rect);
    block.render(rect, buf);
    app.cursor.set(Some(Position::new(inner.x, inner.y)));
    Paragraph::new(rows.lines)
        .scroll((offset as u16, 0))
        .render(inner, buf);
}

/// The note of a decision record, asked for before it is saved.
fn render_note(app: &App, note: &str, area: Rect, buf: &mut Buffer) {
    let width = 70.min(area.width.saturating_sub(2));
    let mut rows = Rows::new(width.saturating_sub(2));
    let ask =
        "Who or what was it sent to? A note for the record, or nothing. Enter saves, Esc cancels.";
    rows.text("", "", ask, app.theme().text);
    rows.blank();
    let input = rows.lines.len();
    rows.text("> ", "  ", note, app.theme().selected);
    let inner = framed_popup(app, "Save a decision record", area, width, &rows, buf);
    // The cursor after the last letter typed.
    let last = rows.lines.last().map_or(0, Line::width) as u16;
    let row = (rows.lines.len() - 1).max(input) as u16;
    app.cursor.set(Some(Position::new(
        (inner.x + last).min(inner.right().saturating_sub(1)),
        (inner.y + row).min(inner.bottom().saturating_sub(1)),
    )));
    Paragraph::new(rows.lines).render(inner, buf);
}

/// "End the session?": asked before a presented walk is lost.
fn render_quitting(app: &App, area: Rect, buf: &mut Buffer) {
    let width = 60.min(area.width.saturating_sub(2));
    let mut rows = Rows::new(width.saturating_sub(2));
    let ask = "End the session? The walk on screen is not kept. y or Enter ends it; any other key carries on.";
    rows.text("", "", ask, app.theme().text);
    let inner = framed_popup(app, "End the session?", area, width, &rows, buf);
    app.cursor.set(Some(Position::new(inner.x, inner.y)));
    Paragraph::new(rows.lines).render(inner, buf);
}

/// A focused pop-up `width` wide, as tall as `rows` and its border, over `area`: cleared and
/// framed under `title`; returns the area inside the frame.
fn framed_popup(
    app: &App,
    title: &str,
    area: Rect,
    width: u16,
    rows: &Rows,
    buf: &mut Buffer,
) -> Rect {
    let rect = popup(area, width, rows.lines.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = pane(app, title, true).style(app.theme().text);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// What the mouse does in `context`, for the help.
fn mouse_note(context: Context) -> &'static str {
    match context {
        Context::HomeEmpty | Context::HomeTyping | Context::Search => {
            "Mouse: click a tree or a search result to open it."
        }
        Context::Map => "Mouse: the wheel scrolls the map.",
        _ => {
            "Mouse: click an answer to choose it, or one of your answers to change it; the wheel scrolls the guidance."
        }
    }
}

fn render_search_popup(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = popup(area, 90, area.height.saturating_sub(4));
    Clear.render(rect, buf);
    Block::new().style(app.theme().text).render(rect, buf);
    let [input, results] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(rect);
    home::render_search_box(app, input, buf);
    if app.search().query.is_empty() {
        app.cursor
            .set(Some(Position::new(input.x + 1, input.y + 1)));
    }
    home::render_results(app, results, buf);
}

#[cfg(test)]
mod tests {
    use super::{Target, out_of_view, scroll_offset, unseen};

    /// Items of `heights` rows each, one after another.
    fn items(heights: &[usize]) -> Vec<(usize, usize, Target)> {
        let mut start = 0;
        heights
            .iter()
            .enumerate()
            .map(|(i, h)| {
                start += h;
                (start - h, start, Target::Row(i))
            })
            .collect()
    }

    #[test]
    fn a_list_that_fits_says_nothing() {
        let items = items(&[2, 2, 2]);
        assert_eq!(scroll_offset(&items, 2, 6), 0);
        assert_eq!(unseen(out_of_view(&items, 0, 0, 6)), None);
    }

    #[test]
    fn items_cut_off_or_out_of_view_are_counted_on_their_side() {
        // Rows 0-7 of five items of 3 rows: the third is cut at the bottom.
        let items = items(&[3, 3, 3, 3, 3]);
        assert_eq!(scroll_offset(&items, 0, 8), 0);
        assert_eq!(
            unseen(out_of_view(&items, 0, 0, 8)).as_deref(),
            Some("3 more below (↓)")
        );
        // The fourth selected: scrolled so its last row is the last shown (rows 4-11).
        let offset = scroll_offset(&items, 3, 8);
        assert_eq!(offset, 4);
        assert_eq!(
            unseen(out_of_view(&items, 3, offset, 8)).as_deref(),
            Some("2 above, 1 below")
        );
        // The last selected: nothing below.
        let offset = scroll_offset(&items, 4, 8);
        assert_eq!(
            unseen(out_of_view(&items, 4, offset, 8)).as_deref(),
            Some("3 more above (↑)")
        );
    }

    #[test]
    fn the_selected_item_is_not_counted_even_when_taller_than_the_pane() {
        let items = items(&[10]);
        let offset = scroll_offset(&items, 0, 4);
        assert_eq!(offset, 6);
        assert_eq!(out_of_view(&items, 0, offset, 4), (0, 0));
    }
}

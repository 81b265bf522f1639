//! Presentation mode: large headings, little chrome, and each step revealed in parts so the
//! room can think first ([`crate::tui::reveal`]). A step longer than the screen scrolls, and its
//! counter line says so ("more below ↓ PgDn"); nothing is dropped without a marker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::{Rows, ellipsized, show_rows, trail};
use crate::document::contact_line;
use crate::record::citation;
use crate::tree::{Node, NodeKind, Outcome, Tree};
use crate::tui::app::{App, Scrolled, Target};
use crate::tui::mode::{Mode, Presentation};
use crate::tui::reveal::{Part, parts};
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
    let parts = parts(node, walk.session.facts());
    let step = Step {
        app,
        tree,
        walk,
        node,
        parts: &parts,
        presentation,
    };
    let (big, counter) = step.headings();
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

    let mut rows = Rows::new(body.width);
    rows.blank();
    let (items, last_part) = step.rows(&mut rows);
    // Until the trainer scrolls, the view follows the part revealed last: all of it when it
    // fits, its start when it does not.
    let height = body.height as usize;
    let max = rows.lines.len().saturating_sub(height);
    let offset = match presentation.scroll {
        Some(scroll) => (scroll as usize).min(max),
        None => last_part.min(max),
    };
    app.presented.set(Scrolled {
        offset: offset as u16,
        max: max as u16,
        page: body.height,
    });
    // Without the big heading, its words lead the counter, unless the counter begins with
    // them already ("Question 2 of up to 8", not "Question 2 · Question 2 of up to 8").
    let counter = if big_height > 0 || counter.starts_with(&big) {
        counter
    } else {
        format!("{big} · {counter}")
    };
    step.counter_line(&counter, offset, max, counter_area, buf);
    let selected = if presentation.shows(&parts, Part::Options) {
        walk.selected
    } else {
        usize::MAX
    };
    show_rows(app, rows, body, buf, &items, selected, offset);
}

/// Whether the footer's hint for `key` does something now: in presentation mode Space only
/// while there is more to reveal, the digits only once the options show, PgDn only when the
/// step is longer than the screen. Every other hint, and every hint outside presentation
/// mode, always applies.
pub(super) fn hint_applies(app: &App, key: &str) -> bool {
    let scrolls = || {
        let shown = app.presented.get();
        shown.offset < shown.max
    };
    let (walk, presentation) = match app.mode() {
        Mode::Present(walk, presentation) => (walk, presentation),
        Mode::Room(room) if room.stage == crate::tui::room::Stage::Walking => {
            (&room.walk, &room.presentation)
        }
        Mode::Room(_) if key == "PgDn" => return scrolls(),
        _ => return true,
    };
    if walk.focus != crate::tui::walk::Focus::Answers {
        return true;
    }
    let tree = &app.catalog().trees[walk.tree];
    let parts = parts(tree.node(walk.session.current()), walk.session.facts());
    match key {
        "Space" => presentation.next_part(&parts).is_some(),
        "1-9" => presentation.shows(&parts, Part::Options),
        "PgDn" => scrolls(),
        _ => true,
    }
}

/// One presented step and what is known about it.
struct Step<'a> {
    app: &'a App,
    tree: &'a Tree,
    walk: &'a Walk,
    node: &'a Node,
    parts: &'a [Part],
    presentation: Presentation,
}

impl Step<'_> {
    fn shows(&self, part: Part) -> bool {
        self.presentation.shows(self.parts, part)
    }

    /// The big heading ("Question 2", "What now?", the verdict once revealed) and the counter.
    fn headings(&self) -> (String, String) {
        let title = &self.tree.title;
        match &self.node.kind {
            NodeKind::Outcome(o) if self.shows(Part::Verdict) => (
                o.verdict.label().to_string(),
                format!("The answer · {title}"),
            ),
            NodeKind::Outcome(_) => (
                "What now?".to_string(),
                format!("An outcome is reached · {title}"),
            ),
            _ => {
                let (n, of) = self.walk.session.progress(self.tree);
                (
                    format!("Question {n}"),
                    format!("Question {n} of up to {of} · {title}"),
                )
            }
        }
    }

    /// The counter, then what is out of sight and (when asked for) the time since the
    /// presentation started, on the right.
    fn counter_line(&self, counter: &str, offset: usize, max: usize, area: Rect, buf: &mut Buffer) {
        let theme = self.app.theme();
        let mut right = Vec::new();
        if offset > 0 {
            right.push("more above ↑ PgUp".to_string());
        }
        if offset < max {
            right.push("more below ↓ PgDn".to_string());
        }
        if self.presentation.clock {
            let seconds = self.presentation.started.elapsed().as_secs();
            right.push(format!("{}:{:02} elapsed", seconds / 60, seconds % 60));
        }
        let right = right.join(" · ");
        let room = (area.width as usize).saturating_sub(right.width() + 1);
        let left = ellipsized(counter, room.max(1));
        let gap = (area.width as usize).saturating_sub(left.width() + right.width());
        Paragraph::new(Line::from(vec![
            Span::styled(left, theme.heading),
            Span::raw(" ".repeat(gap)),
            Span::styled(right, theme.warning),
        ]))
        .render(area, buf);
    }

    /// The step as far as it is revealed; returns where each option landed (for clicks and
    /// the cursor) and the row where the part revealed last starts.
    fn rows(&self, rows: &mut Rows) -> (Vec<(usize, usize, Target)>, usize) {
        let mut items = Vec::new();
        let mut last_part = 0;
        for (i, part) in self.parts.iter().enumerate() {
            if i > self.presentation.stage {
                break;
            }
            last_part = rows.lines.len();
            self.part(*part, rows, &mut items);
        }
        let theme = self.app.theme();
        match self.presentation.next_part(self.parts) {
            Some(Part::Options) => {
                rows.blank();
                let ask = "What would you answer? Press Space to show the options.";
                rows.text("", "", ask, theme.muted);
            }
            Some(next) => {
                rows.blank();
                rows.text("", "", &format!("Space: {}", next.name()), theme.muted);
            }
            None => {}
        }
        (items, last_part)
    }

    fn part(&self, part: Part, rows: &mut Rows, items: &mut Vec<(usize, usize, Target)>) {
        let theme = self.app.theme();
        let facts = Some(self.walk.session.facts());
        match (part, &self.node.kind) {
            (Part::Question, _) => rows.heading(self.node.title(), theme.heading),
            (Part::Options, _) => {
                rows.blank();
                items.extend(self.options(rows));
            }
            // Shown under each option, once revealed.
            (Part::Details, _) => {}
            (Part::Help, NodeKind::Question(q)) => self.help(q.help.as_deref(), rows),
            (Part::Help, NodeKind::Checklist(c)) => self.help(c.help.as_deref(), rows),
            (Part::Guidance, _) => {
                for passage in self.node.guidance_for(facts) {
                    rows.blank();
                    rows.text("“", " ", &format!("{}”", passage.quote), theme.text);
                    rows.text("  ", "  ", &citation(self.tree, passage), theme.muted);
                }
            }
            (Part::Contacts, _) => {
                rows.blank();
                rows.heading("Who to ask", theme.heading);
                for c in self.node.contacts_for(facts) {
                    let contact = &self.tree.contacts[c as usize].contact;
                    rows.text("• ", "  ", &contact_line(contact), theme.text);
                }
            }
            (Part::Answers, _) if !self.shows(Part::Verdict) => {
                let heading = "Given these answers, what should they do?";
                rows.text("", "", heading, theme.heading);
                for (q, a) in crate::record::answers(self.tree, self.walk.session.steps()) {
                    rows.text("• ", "  ", &format!("{q} {a}"), theme.text);
                }
            }
            (Part::Verdict | Part::Conditions | Part::Fallbacks, NodeKind::Outcome(o)) => {
                self.outcome_part(part, o, rows)
            }
            _ => {}
        }
    }

    fn help(&self, help: Option<&str>, rows: &mut Rows) {
        if let Some(help) = help {
            rows.blank();
            let help = format!("About this question: {help}");
            rows.text("", "", &help, self.app.theme().text);
        }
    }

    fn outcome_part(&self, part: Part, outcome: &Outcome, rows: &mut Rows) {
        let theme = self.app.theme();
        let shown = outcome.shown(Some(self.walk.session.facts()));
        match part {
            Part::Verdict => {
                rows.blank();
                rows.text(
                    &format!("{} — ", outcome.verdict.label()),
                    "  ",
                    &outcome.headline,
                    theme.verdict(outcome.verdict),
                );
                rows.text("", "", &shown.explanation, theme.text);
            }
            Part::Conditions => {
                rows.blank();
                rows.heading("Conditions", theme.heading);
                for c in &shown.conditions {
                    rows.text("• ", "  ", c, theme.text);
                }
            }
            _ => {
                rows.blank();
                rows.heading("If that is not possible, in this order", theme.heading);
                for (i, f) in shown.fallbacks.iter().enumerate() {
                    rows.text(&format!("{}. ", i + 1), "   ", f, theme.text);
                }
            }
        }
    }

    /// The options (or a checklist's items and its "none of these"), with what each means
    /// once that is revealed.
    fn options(&self, rows: &mut Rows) -> Vec<(usize, usize, Target)> {
        let theme = self.app.theme();
        let details = self.shows(Part::Details);
        let mut items = Vec::new();
        for (i, (tick, label, detail)) in answer_rows(self.node, self.walk.ticked)
            .into_iter()
            .enumerate()
        {
            let selected = i == self.walk.selected;
            let marker = if selected { "›" } else { " " };
            let style = if selected { theme.selected } else { theme.text };
            let start = rows
                .text(
                    &format!("{marker} {tick}{}. ", i + 1),
                    "     ",
                    label,
                    style,
                )
                .start;
            if let Some(detail) = detail.filter(|_| details) {
                rows.text("     ", "     ", detail, theme.muted);
            }
            items.push((start, rows.lines.len(), Target::Option(i)));
        }
        items
    }
}

/// The rows a question or checklist offers: (tick box, label, what it means); a checklist ends
/// with its "none of these" row.
fn answer_rows(node: &Node, ticked: u64) -> Vec<(&'static str, &str, Option<&str>)> {
    match &node.kind {
        NodeKind::Question(q) => q
            .options
            .iter()
            .map(|o| ("", o.label.as_str(), o.detail.as_deref()))
            .collect(),
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
                (tick, item.label.as_str(), item.detail.as_deref())
            })
            .chain(std::iter::once(("    ", c.none.as_str(), None)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Splits `text` into lines of big text that fit `width`.
fn big_lines(text: &str, width: u16) -> Vec<String> {
    let per_line = (width as usize / BIG_CHAR_WIDTH).max(1);
    let mut lines = wrap(text, per_line);
    lines.truncate(2);
    lines
}

//! The trail of answers given so far, shared by the walk and presentation screens: each answer
//! numbered, the picked one in brackets with the cursor on it, each clickable to change it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::tree::Tree;
use crate::tui::app::{App, Target};
use crate::tui::walk::Walk;
use crate::wording;

/// One segment of the trail: where it sits (row, column), its text, and the step it shows
/// (`None` for a heading).
pub(super) type Segment = (usize, u16, String, Option<usize>);

/// The trail's segments: the answers, each run of them under its heading: "Your answers:",
/// or "Assumed from your search:" for answers a search chose.
pub(super) fn layout(tree: &Tree, walk: &Walk, width: u16) -> Vec<Segment> {
    let labels = crate::tree::paths::labels(tree, walk.session.steps());
    let mut segments: Vec<(String, Option<usize>)> = Vec::new();
    if labels.is_empty() {
        segments.push(("Your answers will appear here.".to_string(), None));
    }
    for (i, l) in labels.iter().enumerate() {
        let assumed = walk.is_assumed(i);
        if i == 0 || assumed != walk.is_assumed(i - 1) {
            let heading = if assumed {
                wording::ASSUMED_HEADING
            } else {
                "Your answers:"
            };
            segments.push((heading.to_string(), None));
        }
        segments.push((format!("{}. {l}", i + 1), Some(i)));
    }
    let (mut row, mut col) = (0usize, 0u16);
    let mut out = Vec::new();
    for (segment, step) in segments {
        let w = unicode_width::UnicodeWidthStr::width(segment.as_str()) as u16 + 3;
        if col > 0 && col + w > width {
            row += 1;
            col = 0;
        }
        out.push((row, col, segment, step));
        col += w;
    }
    out
}

pub(super) fn render(app: &App, walk: &Walk, layout: &[Segment], area: Rect, buf: &mut Buffer) {
    for (i, (row, col, text, step)) in layout.iter().enumerate() {
        let y = area.y + *row as u16;
        if y >= area.bottom() || *col >= area.width {
            continue;
        }
        let x = area.x + col;
        let step = *step;
        let selected = step.is_some() && step == walk.trail_cursor();
        let style = match step {
            None => app.theme().muted,
            Some(_) if selected => app.theme().selected,
            Some(s) if walk.changing() == Some(s) => app.theme().warning,
            Some(_) => app.theme().text,
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
            if layout
                .get(i + 1)
                .is_some_and(|next| next.0 == *row && next.3.is_some())
            {
                buf.set_stringn(
                    x + w,
                    y,
                    "›",
                    area.right().saturating_sub(x + w) as usize,
                    app.theme().muted,
                );
            }
            if selected {
                app.cursor.set(Some(Position::new(x, y)));
            }
        }
    }
}

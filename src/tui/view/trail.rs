//! The trail of answers given so far, shared by the walk and presentation screens: each answer
//! numbered, the picked one in brackets with the cursor on it, each clickable to change it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::tree::Tree;
use crate::tui::app::{App, Target};
use crate::tui::walk::Walk;

/// (row, column, text) of each trail segment; the first is the label "Your answers:".
pub(super) fn layout(tree: &Tree, walk: &Walk, width: u16) -> Vec<(usize, u16, String)> {
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

pub(super) fn render(
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
            if i + 1 < layout.len() && layout[i + 1].0 == *row {
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

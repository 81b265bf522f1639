//! The tree map pop-up: the outline of the whole tree, the current path marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Widget};

use super::{Rows, out_of_view, pane, popup, scroll_offset, show_rows, unseen};
use crate::tree::{NodeKind, Tree};
use crate::tui::app::App;
use crate::tui::map::TreeMap;
use crate::tui::walk::Walk;

/// Draws `map` of the tree `walk` is walking, over `area`.
pub(super) fn render_map(app: &App, map: &TreeMap, walk: &Walk, area: Rect, buf: &mut Buffer) {
    let tree = &app.catalog().trees[walk.tree];
    let rect = popup(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    Clear.render(rect, buf);
    let title = match (map.typing, map.query.is_empty()) {
        (true, _) => format!("Map of the tree · find: {}_", map.query),
        (false, false) => format!(
            "Map of the tree · ● your path · ▸ folded · n: next \"{}\"",
            map.query
        ),
        (false, true) => "Map of the tree · ● your path · ▸ folded".to_string(),
    };
    let mut block = pane(app, &title, true).style(app.theme().text);
    let inner = block.inner(rect);
    app.presented.set(crate::tui::app::Scrolled {
        page: inner.height,
        ..Default::default()
    });

    let rows_data = map.rows(tree);
    let on_path = TreeMap::path_rows(&rows_data, tree, &walk.session);
    let mut rows = Rows::new(inner.width);
    let mut items = Vec::new();
    for (i, row) in rows_data.iter().enumerate() {
        let selected = i == map.selected;
        let indent = "  ".repeat(row.depth);
        let on_path = on_path.contains(&i);
        let marker = match (selected, on_path) {
            (true, _) => "›",
            (false, true) => "●",
            (false, false) => " ",
        };
        let fold = if row.collapsed { "▸ " } else { "" };
        let via = row
            .via
            .as_ref()
            .map(|v| format!("{v} → "))
            .unwrap_or_default();
        let text = format!(
            "{via}{fold}{}{}",
            describe(tree, row.node),
            if row.repeat { "  (shown above)" } else { "" }
        );
        let style = if selected {
            app.theme().selected
        } else if on_path {
            app.theme().heading
        } else {
            app.theme().text
        };
        let start = rows
            .text(
                &format!("{marker}{indent}"),
                &format!(" {indent}   "),
                &text,
                style,
            )
            .start;
        items.push((start, rows.lines.len(), crate::tui::app::Target::Guidance));
    }
    // What is out of view is said on the bottom border (the top one holds the legend).
    let offset = scroll_offset(&items, map.selected, inner.height as usize);
    let hidden = out_of_view(&items, map.selected, offset, inner.height as usize);
    if let Some(unseen) = unseen(hidden) {
        block = block.title_bottom(Span::styled(format!(" {unseen} "), app.theme().heading));
    }
    block.render(rect, buf);
    show_rows(app, rows, inner, buf, &items, map.selected, offset);
}

/// "Question: …" or "[RECOMMENDED] Use …".
fn describe(tree: &Tree, node: crate::tree::NodeId) -> String {
    match &tree.node(node).kind {
        NodeKind::Question(q) => format!("Q: {}", q.text),
        NodeKind::Checklist(c) => format!("Q: {} (tick all that apply)", c.text),
        NodeKind::Route(r) => tree.decided_by(r),
        NodeKind::Outcome(o) => format!("[{}] {}", o.verdict.label(), o.headline),
    }
}

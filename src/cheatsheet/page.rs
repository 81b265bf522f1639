//! The cheat sheet as a page of blocks, rendered to Markdown or to plain text wrapped for
//! printing.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::text::wrap_hanging;

/// Width the text format wraps at.
const TEXT_WIDTH: usize = 78;

/// The page as blocks, rendered to Markdown ([`Page::markdown`]) or text ([`Page::text`]).
#[derive(Clone, Debug)]
pub struct Page {
    pub(super) blocks: Vec<Block>,
}

/// One block of the page.
#[derive(Clone, Debug)]
pub(super) enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Numbered when `numbered`; each item may carry indented lines.
    List {
        numbered: bool,
        items: Vec<(String, Vec<String>)>,
    },
    /// In text, a row reads "App (At most): When — Otherwise [The register]".
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Page {
    /// The page as Markdown.
    pub fn markdown(&self) -> String {
        let mut md = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => {
                    let _ = writeln!(md, "# {t}\n");
                }
                Block::Heading(h) => {
                    let _ = writeln!(md, "## {h}\n");
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(md, "{p}\n");
                }
                Block::List { numbered, items } => {
                    for (i, (item, lines)) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}.", i + 1)
                        } else {
                            "-".to_string()
                        };
                        let _ = writeln!(md, "{marker} {item}");
                        let indent = " ".repeat(marker.len() + 1);
                        for line in lines {
                            let _ = writeln!(md, "{indent}- {line}");
                        }
                    }
                    md.push('\n');
                }
                Block::Table { header, rows } => {
                    let _ = writeln!(md, "| {} |", header.join(" | "));
                    let _ = writeln!(md, "|{}", "---|".repeat(header.len()));
                    for row in rows {
                        let cells: Vec<String> =
                            row.iter().map(|c| c.replace('|', "\\|")).collect();
                        let _ = writeln!(md, "| {} |", cells.join(" | "));
                    }
                    md.push('\n');
                }
            }
        }
        md.truncate(md.trim_end().len());
        md.push('\n');
        md
    }

    /// The page as plain text, wrapped for printing.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => {
                    let t = plain(t);
                    let _ = writeln!(out, "{t}\n{}\n", "=".repeat(t.width()));
                }
                Block::Heading(h) => {
                    let h = plain(h);
                    let _ = writeln!(out, "{h}\n{}\n", "-".repeat(h.width()));
                }
                Block::Paragraph(p) => {
                    out.push_str(&wrap(&plain(p), "", ""));
                    out.push('\n');
                }
                Block::List { numbered, items } => {
                    for (i, (item, lines)) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}. ", i + 1)
                        } else {
                            "* ".to_string()
                        };
                        let hang = " ".repeat(marker.len());
                        out.push_str(&wrap(&plain(item), &marker, &hang));
                        let sub_first = format!("{hang}- ");
                        let sub_hang = format!("{hang}  ");
                        for line in lines {
                            out.push_str(&wrap(&plain(line), &sub_first, &sub_hang));
                        }
                    }
                    out.push('\n');
                }
                Block::Table { rows, .. } => {
                    for row in rows {
                        let mut line = match row[1].is_empty() {
                            true => format!("{}: {} — {}", row[0], row[2], row[3]),
                            false => format!("{} ({}): {} — {}", row[0], row[1], row[2], row[3]),
                        };
                        // The register's limits, where the row has them.
                        if let Some(register) = row.get(4).filter(|r| !r.is_empty()) {
                            line.push_str(&format!(" [{register}]"));
                        }
                        out.push_str(&wrap(&line, "* ", "  "));
                    }
                    out.push('\n');
                }
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// Markdown emphasis and code marks dropped, for the text format.
fn plain(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}

/// `text` wrapped at [`TEXT_WIDTH`], the first line after `first`, the rest after `hang`, each
/// line ended with a newline.
fn wrap(text: &str, first: &str, hang: &str) -> String {
    wrap_hanging(text, TEXT_WIDTH, first, hang)
        .into_iter()
        .map(|line| line + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Page {
        let when =
            "When: Can the people you are sharing with use Microsoft Teams? Yes or I'm not sure";
        Page {
            blocks: vec![
                Block::Title("Cheat sheet: `x`".to_string()),
                Block::List {
                    numbered: true,
                    items: vec![(
                        "**Use Teams** (RECOMMENDED)".to_string(),
                        vec![when.to_string()],
                    )],
                },
                Block::Table {
                    header: ["App", "At most", "When", "Otherwise", "The register"]
                        .map(String::from)
                        .to_vec(),
                    rows: vec![
                        [
                            "Zoom",
                            "ALLOWED — a|b",
                            "Q? Yes",
                            "NOT ALLOWED",
                            "up to OFFICIAL",
                        ]
                        .map(String::from)
                        .to_vec(),
                    ],
                },
            ],
        }
    }

    #[test]
    fn markdown_escapes_table_cells_and_indents_an_items_lines() {
        assert_eq!(
            page().markdown(),
            "# Cheat sheet: `x`\n\n\
             1. **Use Teams** (RECOMMENDED)\n   \
             - When: Can the people you are sharing with use Microsoft Teams? Yes or I'm not sure\n\n\
             | App | At most | When | Otherwise | The register |\n\
             |---|---|---|---|---|\n\
             | Zoom | ALLOWED — a\\|b | Q? Yes | NOT ALLOWED | up to OFFICIAL |\n"
        );
    }

    #[test]
    fn text_drops_the_marks_and_wraps_under_each_items_marker() {
        assert_eq!(
            page().text(),
            "Cheat sheet: x\n==============\n\n\
             1. Use Teams (RECOMMENDED)\n   \
             - When: Can the people you are sharing with use Microsoft Teams? Yes or I'm\n     \
             not sure\n\n\
             * Zoom (ALLOWED — a|b): Q? Yes — NOT ALLOWED [up to OFFICIAL]\n"
        );
    }

    #[test]
    fn text_headings_are_underlined_to_their_display_width() {
        let page = Page {
            blocks: vec![
                Block::Title("漢字 x".to_string()),
                Block::Heading("Cafe\u{301}".to_string()),
            ],
        };
        assert_eq!(page.text(), "漢字 x\n======\n\nCafe\u{301}\n----\n");
    }
}

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
    /// Numbered when `numbered`.
    List {
        numbered: bool,
        items: Vec<String>,
    },
    /// In text, a row reads "App: At most [The register]".
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
                    for (i, item) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}.", i + 1)
                        } else {
                            "-".to_string()
                        };
                        let _ = writeln!(md, "{marker} {item}");
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
                    for (i, item) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}. ", i + 1)
                        } else {
                            "* ".to_string()
                        };
                        let hang = " ".repeat(marker.len());
                        out.push_str(&wrap(&plain(item), &marker, &hang));
                    }
                    out.push('\n');
                }
                Block::Table { rows, .. } => {
                    for row in rows {
                        let mut line = row.first().cloned().unwrap_or_default();
                        if let Some(most) = row.get(1).filter(|m| !m.is_empty()) {
                            line.push_str(&format!(": {most}"));
                        }
                        // The register's limits, where the row has them.
                        if let Some(register) = row.get(2).filter(|r| !r.is_empty()) {
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
        let teams = "**Use Teams** (RECOMMENDED): Only up to and including OFFICIAL-SENSITIVE. Make sure the key information is also stored in an appropriate MoJ system.";
        Page {
            blocks: vec![
                Block::Title("Cheat sheet: `x`".to_string()),
                Block::List {
                    numbered: true,
                    items: vec![teams.to_string()],
                },
                Block::Table {
                    header: ["App", "At most", "The register"]
                        .map(String::from)
                        .to_vec(),
                    rows: vec![
                        ["Zoom", "ALLOWED — a|b", "up to OFFICIAL"]
                            .map(String::from)
                            .to_vec(),
                        ["Proctoring software", "NOT ALLOWED — never", ""]
                            .map(String::from)
                            .to_vec(),
                    ],
                },
            ],
        }
    }

    #[test]
    fn markdown_escapes_table_cells() {
        assert_eq!(
            page().markdown(),
            "# Cheat sheet: `x`\n\n\
             1. **Use Teams** (RECOMMENDED): Only up to and including OFFICIAL-SENSITIVE. Make sure the key information is also stored in an appropriate MoJ system.\n\n\
             | App | At most | The register |\n\
             |---|---|---|\n\
             | Zoom | ALLOWED — a\\|b | up to OFFICIAL |\n\
             | Proctoring software | NOT ALLOWED — never |  |\n"
        );
    }

    #[test]
    fn text_drops_the_marks_and_wraps_under_each_items_marker() {
        assert_eq!(
            page().text(),
            "Cheat sheet: x\n==============\n\n\
             1. Use Teams (RECOMMENDED): Only up to and including OFFICIAL-SENSITIVE. Make\n   \
             sure the key information is also stored in an appropriate MoJ system.\n\n\
             * Zoom: ALLOWED — a|b [up to OFFICIAL]\n\
             * Proctoring software: NOT ALLOWED — never\n"
        );
    }
}

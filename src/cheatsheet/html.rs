//! The cheat sheet as a self-contained web page made to print on one sheet of A4 or US Letter:
//! the page's blocks in two columns, small type, CSS inline, nothing fetched from anywhere.
//! Written with maud, which escapes every text it is given.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::page::{Block, Page};

/// The page's style: two columns of small type on a printed sheet; on a screen, one readable
/// column.
const STYLE: &str = "
:root { color: #000; background: #fff; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 11pt; line-height: 1.35; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.4em; margin: 0 0 0.3em; }
h2 { font-size: 1.05em; margin: 0.8em 0 0.3em; border-bottom: 1px solid #000; break-after: avoid; }
p, ol, ul { margin: 0.2em 0 0.4em; }
ol, ul { padding-left: 1.3em; }
li { margin: 0.1em 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 0.1em 0.3em; text-align: left; vertical-align: top; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
@media print {
  @page { margin: 9mm; }
  body { font-size: 7.2pt; line-height: 1.22; margin: 0; max-width: none; padding: 0; }
  main { column-count: 2; column-gap: 5mm; }
  h1 { column-span: all; }
  li, tr { break-inside: avoid; }
}
";

impl Page {
    /// The page as one self-contained HTML document.
    pub fn html(&self) -> String {
        let title = self.blocks.iter().find_map(|b| match b {
            Block::Title(t) => Some(t.replace(['*', '`'], "")),
            _ => None,
        });
        let markup = html! {
            (DOCTYPE)
            html lang="en-GB" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title.unwrap_or_default()) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    main {
                        @for block in &self.blocks {
                            (block_html(block))
                        }
                    }
                }
            }
        };
        markup.into_string()
    }
}

fn block_html(block: &Block) -> Markup {
    html! {
        @match block {
            Block::Title(t) => h1 { (inline(t)) },
            Block::Heading(h) => h2 { (inline(h)) },
            Block::Paragraph(p) => p { (inline(p)) },
            Block::List { numbered: true, items } => ol { @for item in items { li { (inline(item)) } } },
            Block::List { numbered: false, items } => ul { @for item in items { li { (inline(item)) } } },
            Block::Table { header, rows } => table {
                thead { tr { @for cell in header { th scope="col" { (inline(cell)) } } } }
                tbody { @for row in rows { tr { @for cell in row { td { (inline(cell)) } } } } }
            },
        }
    }
}

/// The page's inline marks as HTML: `**strong**` and `` `code` ``, everything else text.
fn inline(text: &str) -> Markup {
    let mut parts: Vec<(bool, bool, &str)> = Vec::new();
    let (mut strong, mut code) = (false, false);
    let mut rest = text;
    while !rest.is_empty() {
        let next_strong = rest.find("**");
        let next_code = rest.find('`');
        match (next_strong, next_code) {
            (Some(s), c) if c.is_none_or(|c| s < c) => {
                parts.push((strong, code, &rest[..s]));
                strong = !strong;
                rest = &rest[s + 2..];
            }
            (_, Some(c)) => {
                parts.push((strong, code, &rest[..c]));
                code = !code;
                rest = &rest[c + 1..];
            }
            _ => {
                parts.push((strong, code, rest));
                rest = "";
            }
        }
    }
    html! {
        @for (strong, code, text) in parts.into_iter().filter(|p| !p.2.is_empty()) {
            @match (strong, code) {
                (true, true) => strong { code { (text) } },
                (true, false) => strong { (text) },
                (false, true) => code { (text) },
                (false, false) => (text),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_elements_and_every_text_is_escaped() {
        let page = Page {
            blocks: vec![
                Block::Title("Cheat sheet: `x`".into()),
                Block::List {
                    numbered: true,
                    items: vec!["**Use <Teams>** (RECOMMENDED): a & b".into()],
                },
                Block::Table {
                    header: vec!["App".into()],
                    rows: vec![vec!["<script>alert(1)</script>".into()]],
                },
            ],
        };
        let html = page.html();
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(
            html.contains("<h1>Cheat sheet: <code>x</code></h1>"),
            "{html}"
        );
        assert!(
            html.contains("<li><strong>Use &lt;Teams&gt;</strong> (RECOMMENDED): a &amp; b</li>"),
            "{html}"
        );
        assert!(
            html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<title>Cheat sheet: x</title>"), "{html}");
    }
}

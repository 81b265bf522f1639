//! Checking quoted passages against their source documents, so stale quotes are found when the
//! policy changes.
//!
//! A quote matches when it appears in the document after both are normalised: Markdown markup
//! (`**`, `*`, `_`-free emphasis, backticks, backslash escapes, links `[text](url)` → `text`,
//! `&amp;` → `&`, list bullets, `>` quote markers, heading `#`s) is dropped and runs of
//! whitespace become one space. Wording, punctuation and case must be exactly as published.

/// The text of a document or quote with markup removed and whitespace collapsed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = strip_line_markers(line);
        let line = strip_links(line);
        let line = line.replace("&amp;", "&").replace("**", "");
        let mut previous_backslash = false;
        for c in line.chars() {
            if previous_backslash {
                previous_backslash = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => previous_backslash = true,
                '*' | '`' => {}
                c if c.is_whitespace() => push_space(&mut out),
                c => out.push(c),
            }
        }
        push_space(&mut out);
    }
    out.trim().to_string()
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Drops heading `#`s, `>` quote markers and list bullets at the start of a line.
fn strip_line_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        for marker in ["#", ">", "- ", "• ", "* "] {
            if let Some(r) = rest.strip_prefix(marker) {
                rest = r.trim_start();
            }
        }
        if rest == before {
            return rest;
        }
    }
}

/// `[text](url)` → `text`.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A source document prepared for quote checks.
pub struct Document {
    text: String,
    lines: Vec<String>,
}

impl Document {
    /// Normalises a document and keeps its lines, for heading checks.
    pub fn new(raw: &str) -> Document {
        let lines = raw
            .lines()
            .map(normalise)
            .filter(|l| !l.is_empty())
            .collect();
        Document {
            text: normalise(raw),
            lines,
        }
    }

    /// Where the quote starts in the normalised document, if it is there.
    pub fn find(&self, quote: &str) -> Option<usize> {
        self.text.find(&normalise(quote))
    }

    /// Whether `section` is a line of the document (a heading the quote can sit under).
    pub fn has_heading(&self, section: &str) -> bool {
        let section = normalise(section);
        self.lines.contains(&section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_whitespace_are_ignored() {
        let doc = Document::new(
            "## **Official** info\n\nUse Teams for data up to **Official-Sensitive**.\n-   [Egress](https://x) \\(NCSC\\)\n",
        );
        assert!(
            doc.find("Use Teams for data up to Official-Sensitive.")
                .is_some()
        );
        assert!(doc.find("Egress (NCSC)").is_some());
        assert!(doc.has_heading("Official info"));
        assert!(doc.find("Use Teams for all data.").is_none());
    }

    #[test]
    fn quotes_may_span_wrapped_lines() {
        let doc = Document::new("one two\nthree four\n");
        assert!(doc.find("two three").is_some());
    }
}

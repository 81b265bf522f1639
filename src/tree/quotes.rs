//! Checking quoted passages against their source documents, so stale quotes are found when the
//! policy changes.
//!
//! A quote matches when it appears in the document after both are normalised: Markdown markup
//! (`**`, `*`, `_`-free emphasis, backticks, backslash escapes, links `[text](url)` → `text`,
//! `&amp;` → `&`, list bullets, `>` quote markers, heading `#`s) is dropped and runs of
//! whitespace become one space. Wording, punctuation and case must be exactly as published.
//!
//! A document is read as a list of blocks — paragraphs, list items, table rows and headings —
//! and a quote must sit inside one block: it cannot run from one paragraph or list item into the
//! next. It must also sit under the section its passage names: the section's line comes before
//! the quote with no heading of the same or a higher level in between.

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

/// How a document marks its structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Markdown: `#` headings (the fewer `#`s, the higher the level), `-`/`*`/`+`/`1.` list
    /// items, `|` table rows, `>` block quotes.
    Markdown,
    /// Plain text: a line such as `3. Choice of app` is a top-level heading; `•`, `-` and `*`
    /// start list items.
    Plain,
}

impl Style {
    /// Markdown for `.md` and `.markdown` files, plain text for anything else.
    pub fn of_file(name: &str) -> Style {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Style::Markdown
        } else {
            Style::Plain
        }
    }
}

/// The level given to a line that matches a section name without being a heading (a bold line,
/// say): every real heading after it ends its section.
const NOT_A_HEADING: u8 = 7;

/// One paragraph, list item, table row or heading, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Block {
    text: String,
    /// 1-based line of the document where the block starts.
    line: usize,
    /// The heading level (1 is the highest), for headings.
    level: Option<u8>,
}

/// What one line of a document does to the blocks.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// Ends the current block (a blank line or a thematic break).
    Break,
    /// A heading of this level: a block of its own.
    Heading(u8),
    /// A table row: a block of its own.
    Row,
    /// Starts a new block: a list item, or a change of block-quote depth.
    Start,
    /// Continues the current block (or starts one after a break).
    Text,
}

fn classify(line: &str, style: Style, depth: usize) -> (Line, usize) {
    let (content, line_depth) = match style {
        Style::Markdown => strip_quote_markers(line),
        Style::Plain => (line.trim(), 0),
    };
    let kind = if content.is_empty() {
        Line::Break
    } else {
        match style {
            Style::Markdown => classify_markdown(content, line_depth != depth),
            Style::Plain => classify_plain(content),
        }
    };
    (kind, line_depth)
}

fn classify_markdown(content: &str, depth_changed: bool) -> Line {
    let hashes = content.chars().take_while(|&c| c == '#').count();
    let after = &content[hashes..];
    if (1..=6).contains(&hashes) && (after.is_empty() || after.starts_with(char::is_whitespace)) {
        return Line::Heading(hashes as u8);
    }
    if is_thematic_break(content) {
        return Line::Break;
    }
    if content.starts_with('|') {
        return Line::Row;
    }
    if depth_changed || is_list_item(content) || numbered(content, &['.', ')']).is_some() {
        return Line::Start;
    }
    Line::Text
}

fn classify_plain(content: &str) -> Line {
    if is_numbered_heading(content) {
        Line::Heading(1)
    } else if is_list_item(content) {
        Line::Start
    } else {
        Line::Text
    }
}

/// The line without its `>` block-quote markers, trimmed, and how many there were.
fn strip_quote_markers(line: &str) -> (&str, usize) {
    let mut rest = line.trim();
    let mut depth = 0;
    while let Some(r) = rest.strip_prefix('>') {
        rest = r.trim_start();
        depth += 1;
    }
    (rest, depth)
}

/// `---`, `***` or `___` (three or more, spaces allowed).
fn is_thematic_break(content: &str) -> bool {
    let mut marks = content.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    let rest: Vec<char> = marks.collect();
    matches!(first, '-' | '*' | '_') && rest.len() >= 2 && rest.iter().all(|&c| c == first)
}

/// A bullet (`-`, `*`, `+`, `•`) followed by whitespace.
fn is_list_item(content: &str) -> bool {
    let mut chars = content.chars();
    matches!(chars.next(), Some('-' | '*' | '+' | '•'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// For `12. text` (or `12) text` when `)` is among the `markers`), the text after the marker.
fn numbered<'a>(content: &'a str, markers: &[char]) -> Option<&'a str> {
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    let rest = content[digits..].strip_prefix(markers)?;
    (digits > 0 && rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
}

/// A plain-text top-level heading: `N. Title`.
fn is_numbered_heading(content: &str) -> bool {
    numbered(content, &['.']).is_some_and(|title| !title.is_empty())
}

/// Splits a document into normalised blocks.
fn blocks(raw: &str, style: Style) -> Vec<Block> {
    let mut out = Vec::new();
    // The block being gathered: its first line and its raw lines.
    let mut current: Option<(usize, String)> = None;
    let mut depth = 0;
    for (i, line) in raw.lines().enumerate() {
        let number = i + 1;
        let (kind, line_depth) = classify(line, style, depth);
        if kind != Line::Break {
            depth = line_depth;
        }
        match kind {
            Line::Text if current.is_some() => {
                if let Some((_, text)) = current.as_mut() {
                    text.push('\n');
                    text.push_str(line);
                }
            }
            Line::Text | Line::Start => {
                finish(&mut current, &mut out);
                current = Some((number, line.to_string()));
            }
            Line::Break => finish(&mut current, &mut out),
            Line::Heading(level) => {
                finish(&mut current, &mut out);
                push_block(&mut out, number, line, Some(level));
            }
            Line::Row => {
                finish(&mut current, &mut out);
                push_block(&mut out, number, line, None);
            }
        }
    }
    finish(&mut current, &mut out);
    out
}

fn finish(current: &mut Option<(usize, String)>, out: &mut Vec<Block>) {
    if let Some((line, text)) = current.take() {
        push_block(out, line, &text, None);
    }
}

fn push_block(out: &mut Vec<Block>, line: usize, raw: &str, level: Option<u8>) {
    let text = normalise(raw);
    if !text.is_empty() {
        out.push(Block { text, line, level });
    }
}

/// What is wrong with one quoted passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The quote is not inside any one paragraph, list item, table row or heading; `near` is
    /// where it comes closest, when some of it is there.
    QuoteNotFound {
        /// The closest the document comes.
        near: Option<NearMiss>,
    },
    /// No heading (or other line) of the document reads like the section; `closest` is the
    /// heading that reads most like it, if one does.
    SectionNotFound {
        /// The closest heading, as the document writes it.
        closest: Option<String>,
    },
    /// The quote is in the document, but not under the section.
    WrongSection {
        /// The document line where the quote's block starts.
        line: usize,
        /// The heading it does sit under, with its line; `None` when it comes before every
        /// heading.
        heading: Option<(String, usize)>,
    },
}

/// Where a quote stops matching the document: the paragraph (or list item, table row) that
/// holds the longest run of it, and the first character that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    /// The 1-based document line where that block starts.
    pub line: usize,
    /// The quote's words just before the difference (up to a few words).
    pub matched: String,
    /// The quote from the difference on (a few words).
    pub quote_has: String,
    /// The document from the same point (a few words); empty where its block ends there.
    pub document_has: String,
    /// The usual cause, when the difference is one.
    pub culprit: Option<&'static str>,
    /// The block's whole text, as the quote would have to be copied from it.
    pub block: String,
    /// The sentence (or sentences) of the block the quote lines up with: what to quote instead.
    pub suggestion: String,
}

/// The sentences of `text` (chars) that cover `start..end`: back to the start of the sentence
/// holding `start`, on to the end of the one holding `end`.
fn sentences_around(text: &[char], start: usize, end: usize) -> String {
    let ends_sentence = |i: usize| matches!(text[i], '.' | '!' | '?' | ':' | ';');
    let mut from = start.min(text.len());
    while from > 0 && !(ends_sentence(from - 1) && text.get(from) == Some(&' ')) {
        from -= 1;
    }
    let mut to = end.clamp(from, text.len());
    while to < text.len() && (to == 0 || !ends_sentence(to - 1)) {
        to += 1;
    }
    text[from..to].iter().collect::<String>().trim().to_string()
}

/// At most `n` characters of `text` from char index `from`, with "…" where it is cut.
fn chars_from(text: &[char], from: usize, n: usize) -> String {
    let end = (from + n).min(text.len());
    let run: String = text[from.min(text.len())..end].iter().collect();
    if end < text.len() {
        format!("{run}…")
    } else {
        run
    }
}

/// At most `n` characters of `text` ending before char index `to`, with "…" where it is cut.
fn chars_to(text: &[char], to: usize, n: usize) -> String {
    let to = to.min(text.len());
    let run: String = text[to.saturating_sub(n)..to].iter().collect();
    if to > n { format!("…{run}") } else { run }
}

/// What usually makes a quote differ from its document at `quote_char` (the document having
/// `document_char`, or nothing when its block ends there).
fn culprit(quote_char: Option<char>, document_char: Option<char>) -> Option<&'static str> {
    let is = |c: Option<char>, set: &str| c.is_some_and(|c| set.contains(c));
    let (q, d) = (quote_char, document_char);
    if d.is_none() && q.is_some() {
        return Some(
            "the quote goes on past the end of the document's paragraph, list item or table row: a quote must sit within one",
        );
    }
    if is(q, "'‘’`") && is(d, "'‘’`") {
        return Some("curly and straight apostrophes differ (’ and ')");
    }
    if is(q, "\"“”") && is(d, "\"“”") {
        return Some("curly and straight quotation marks differ (“ ” and \")");
    }
    if is(q, "-‐‑–—") && is(d, "-‐‑–—") {
        return Some("the dashes differ (hyphen -, en dash –, em dash —)");
    }
    if is(q, ".…") && is(d, ".…") {
        return Some("an ellipsis character … against three dots");
    }
    None
}

/// A source document prepared for quote checks.
pub struct Document {
    blocks: Vec<Block>,
}

impl Document {
    /// A Markdown document.
    pub fn new(raw: &str) -> Document {
        Document::with_style(raw, Style::Markdown)
    }

    /// A document read with the given conventions.
    pub fn with_style(raw: &str, style: Style) -> Document {
        Document {
            blocks: blocks(raw, style),
        }
    }

    /// The 1-based line of the first block that contains the quote, if any does.
    pub fn find(&self, quote: &str) -> Option<usize> {
        let quote = normalise(quote);
        self.containing(&quote).next().map(|b| self.blocks[b].line)
    }

    /// Whether `section` is a line of the document (a heading the quote can sit under).
    pub fn has_heading(&self, section: &str) -> bool {
        let section = normalise(section);
        self.blocks.iter().any(|b| b.text == section)
    }

    /// Everything wrong with a passage quoting `quote` from under `section`.
    pub fn check(&self, quote: &str, section: &str) -> Vec<Problem> {
        let quote = normalise(quote);
        let section = normalise(section);
        let found: Vec<usize> = self.containing(&quote).collect();
        let mut problems = Vec::new();
        if found.is_empty() {
            problems.push(Problem::QuoteNotFound {
                near: self.near_miss(&quote),
            });
        }
        if !self.blocks.iter().any(|b| b.text == section) {
            problems.push(Problem::SectionNotFound {
                closest: self.closest_heading(&section),
            });
        } else if let Some(&first) = found.first()
            && !found.iter().any(|&b| self.is_under(b, &section))
        {
            problems.push(Problem::WrongSection {
                line: self.blocks[first].line,
                heading: self
                    .heading_over(first)
                    .map(|h| (self.blocks[h].text.clone(), self.blocks[h].line)),
            });
        }
        problems
    }

    /// Where the normalised `quote` comes closest: the block holding its longest beginning (or,
    /// when that is short, its longest ending), and where the two part. `None` when fewer than
    /// 8 characters of it are anywhere.
    fn near_miss(&self, quote: &str) -> Option<NearMiss> {
        let q: Vec<char> = quote.chars().collect();
        let longest = |text: &str, from_end: bool| {
            // The run length that occurs only shrinks as it grows: search it by halves.
            let (mut low, mut high) = (0, q.len());
            while low < high {
                let mid = (low + high).div_ceil(2);
                let run: String = if from_end {
                    q[q.len() - mid..].iter().collect()
                } else {
                    q[..mid].iter().collect()
                };
                if text.contains(&run) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            low
        };
        let best = |from_end: bool| {
            self.blocks
                .iter()
                .map(|b| (longest(&b.text, from_end), b))
                .max_by_key(|(n, _)| *n)
        };
        let (start, end) = (best(false)?, best(true)?);
        let from_end = end.0 > start.0 && start.0 < 8;
        let (run, block) = if from_end { end } else { start };
        if run < 8 {
            return None;
        }
        let d: Vec<char> = block.text.chars().collect();
        let run_text: String = if from_end {
            q[q.len() - run..].iter().collect()
        } else {
            q[..run].iter().collect()
        };
        let byte = block.text.find(&run_text)?;
        let at = block.text[..byte].chars().count();
        let (quote_at, document_at) = if from_end {
            // The difference is just before the run.
            (q.len() - run - 1, at.checked_sub(1))
        } else {
            (run, Some(at + run))
        };
        let document_char = document_at.and_then(|i| d.get(i).copied());
        // The part of the block the whole quote lines up with.
        let (start, end) = if from_end {
            let end = at + run;
            (end.saturating_sub(q.len()), end)
        } else {
            (at, at + q.len())
        };
        Some(NearMiss {
            suggestion: sentences_around(&d, start, end),
            line: block.line,
            matched: chars_to(&q, quote_at, 40),
            quote_has: chars_from(&q, quote_at, 30),
            document_has: document_at.map_or(String::new(), |i| chars_from(&d, i, 30)),
            culprit: culprit(q.get(quote_at).copied(), document_char),
            block: block.text.clone(),
        })
    }

    /// The heading that reads most like `section`: one that holds it or is held by it ("3.
    /// OneDrive" for "OneDrive"), else the most similar, if it is close.
    fn closest_heading(&self, section: &str) -> Option<String> {
        let headings = self.blocks.iter().filter(|b| b.level.is_some());
        let lower = section.to_lowercase();
        if let Some(b) = headings.clone().find(|b| {
            let text = b.text.to_lowercase();
            !lower.is_empty() && (text.contains(&lower) || lower.contains(&text))
        }) {
            return Some(b.text.clone());
        }
        headings
            .map(|b| (strsim::jaro_winkler(&lower, &b.text.to_lowercase()), b))
            .filter(|(score, _)| *score > 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, b)| b.text.clone())
    }

    /// Indices of the blocks containing the normalised quote (none for an empty quote).
    fn containing<'a>(&'a self, quote: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.blocks
            .iter()
            .enumerate()
            .filter(move |(_, b)| !quote.is_empty() && b.text.contains(quote))
            .map(|(i, _)| i)
    }

    /// Whether block `at` sits under a line reading `section`: walking back from it, that line
    /// comes before any heading of the same or a higher level.
    fn is_under(&self, at: usize, section: &str) -> bool {
        // The highest level (smallest number) of the headings passed on the way back; headings
        // of a lower level are subsections, which stay inside the section.
        let mut highest = u8::MAX;
        for block in self.blocks[..at].iter().rev() {
            let level = block.level.unwrap_or(NOT_A_HEADING);
            if block.text == section && level < highest {
                return true;
            }
            if block.level.is_some() {
                highest = highest.min(level);
                if highest <= 1 {
                    // Nothing earlier can outrank a top-level heading.
                    return false;
                }
            }
        }
        false
    }

    /// The nearest heading before block `at`.
    fn heading_over(&self, at: usize) -> Option<usize> {
        (0..at).rev().find(|&i| self.blocks[i].level.is_some())
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

    const POLICY: &str = "\
# Policy

Intro paragraph.

## Sharing

Use Teams first.
Then use CJSM.

- first item
  continues here
- second item
1. numbered one
2. numbered two

|Tool|Use|
|Zoom|External|

> quoted line
> goes on

after the quote

### Details

Detail text.

**Bold pseudo heading**

Under the bold line.

## Calls

Call text.
";

    #[test]
    fn blocks_start_at_the_right_lines() {
        let doc = Document::new(POLICY);
        assert_eq!(doc.find("Intro paragraph."), Some(3));
        assert_eq!(doc.find("Then use CJSM."), Some(7));
        assert_eq!(doc.find("first item continues here"), Some(10));
        assert_eq!(doc.find("numbered two"), Some(14));
        assert_eq!(doc.find("Zoom|External"), Some(17));
        assert_eq!(doc.find("quoted line goes on"), Some(19));
    }

    #[test]
    fn a_quote_cannot_span_paragraphs_list_items_or_rows() {
        let doc = Document::new(POLICY);
        for spanning in [
            "Intro paragraph. Use Teams first.",
            "continues here second item",
            "second item numbered one",
            "Tool|Use| |Zoom",
            "goes on after the quote",
            "Sharing Use Teams first.",
        ] {
            assert_eq!(doc.find(spanning), None, "{spanning}");
            assert_eq!(
                doc.check(spanning, "Sharing"),
                vec![Problem::QuoteNotFound {
                    near: doc.near_miss(&normalise(spanning))
                }],
                "{spanning}"
            );
        }
    }

    #[test]
    fn a_quote_under_its_section_or_a_subsection_passes() {
        let doc = Document::new(POLICY);
        assert_eq!(doc.check("Then use CJSM.", "Sharing"), vec![]);
        assert_eq!(doc.check("Detail text.", "Sharing"), vec![]);
        assert_eq!(doc.check("Detail text.", "Details"), vec![]);
        assert_eq!(doc.check("Call text.", "Policy"), vec![]);
        assert_eq!(
            doc.check("Under the bold line.", "Bold pseudo heading"),
            vec![]
        );
    }

    #[test]
    fn a_quote_under_another_section_names_that_section() {
        let doc = Document::new(POLICY);
        assert_eq!(
            doc.check("Call text.", "Sharing"),
            vec![Problem::WrongSection {
                line: 34,
                heading: Some(("Calls".to_string(), 32)),
            }]
        );
        // The section comes after the quote.
        assert_eq!(
            doc.check("Use Teams first.", "Calls"),
            vec![Problem::WrongSection {
                line: 7,
                heading: Some(("Sharing".to_string(), 5)),
            }]
        );
        // A heading of a higher level than the bold line ends it.
        assert!(matches!(
            doc.check("Call text.", "Bold pseudo heading")[..],
            [Problem::WrongSection { .. }]
        ));
        // Before every heading.
        let doc = Document::new("Preamble.\n\n# Title\n");
        assert_eq!(
            doc.check("Preamble.", "Title"),
            vec![Problem::WrongSection {
                line: 1,
                heading: None
            }]
        );
    }

    #[test]
    fn a_quote_found_twice_passes_if_either_is_under_the_section() {
        let doc = Document::new("## A\n\nSame words.\n\n## B\n\nSame words.\n");
        assert_eq!(doc.check("Same words.", "A"), vec![]);
        assert_eq!(doc.check("Same words.", "B"), vec![]);
    }

    #[test]
    fn missing_quote_and_section_are_both_reported() {
        let doc = Document::new(POLICY);
        assert_eq!(
            doc.check("Not in the policy.", "No such heading"),
            vec![
                Problem::QuoteNotFound { near: None },
                Problem::SectionNotFound { closest: None }
            ]
        );
        assert_eq!(
            doc.check("**", "Sharing"),
            vec![Problem::QuoteNotFound { near: None }]
        );
    }

    #[test]
    fn a_near_miss_says_where_the_quote_parts_from_the_document_and_why() {
        let doc = Document::new("## Sharing\n\nDon't send files by email; use Teams first.\n");
        let near = |quote: &str| match &doc.check(quote, "Sharing")[0] {
            Problem::QuoteNotFound { near } => near.clone().expect("a near miss"),
            other => panic!("{other:?}"),
        };
        let curly = near("Don’t send files by email; use Teams first.");
        assert_eq!(curly.quote_has.chars().next(), Some('’'));
        assert_eq!(curly.document_has.chars().next(), Some('\''));
        assert_eq!(
            curly.culprit,
            Some("curly and straight apostrophes differ (’ and ')")
        );
        assert_eq!(curly.line, 3);
        let dash = near("Don't send files by email – use Teams first.");
        assert!(dash.matched.ends_with("by email"), "{dash:?}");
        assert_eq!(dash.quote_has, " – use Teams first.");
        assert!(
            dash.matched.starts_with("Don't"),
            "short enough to show whole: {dash:?}"
        );
        assert_eq!(
            dash.culprit, None,
            "a space then a dash, against a semicolon"
        );
        assert_eq!(
            curly.suggestion,
            "Don't send files by email; use Teams first."
        );
        let longer = near("Don't send files by email; use Teams first. Then CJSM.");
        assert_eq!(longer.document_has, "");
        assert!(longer.culprit.is_some_and(|c| c.contains("past the end")));
    }

    #[test]
    fn a_section_not_found_names_the_closest_heading() {
        let doc =
            Document::new("# Guide\n\n## 3. OneDrive\n\nText.\n\n## Sharing files\n\nMore.\n");
        for (section, closest) in [
            ("OneDrive", Some("3. OneDrive")),
            ("Sharing file", Some("Sharing files")),
            ("Nothing like it", None),
        ] {
            assert_eq!(
                doc.check("Text.", section).last(),
                Some(&Problem::SectionNotFound {
                    closest: closest.map(str::to_string)
                }),
                "{section}"
            );
        }
    }

    const PLAIN: &str = "\
Messaging apps: guidance

1. What are apps?

1.1      Apps are software.

2. Using apps

2.1      Apps can be useful, including:

  \u{2022} The transfer of data;
  \u{2022} Compliance with rules;

8. Summary

Ref.

1.2

We advise against chat tools.
";

    #[test]
    fn plain_text_numbered_lines_are_headings() {
        let doc = Document::with_style(PLAIN, Style::Plain);
        assert_eq!(doc.check("Apps are software.", "1. What are apps?"), vec![]);
        assert_eq!(doc.check("The transfer of data;", "2. Using apps"), vec![]);
        assert_eq!(
            doc.check("Apps are software.", "2. Using apps"),
            vec![Problem::WrongSection {
                line: 5,
                heading: Some(("1. What are apps?".to_string(), 3)),
            }]
        );
        // A title line is a section only until the first numbered heading.
        assert!(matches!(
            doc.check("Apps can be useful", "Messaging apps: guidance")[..],
            [Problem::WrongSection { .. }]
        ));
        // `1.2` is a reference number, not a heading.
        assert_eq!(
            doc.check("We advise against chat tools.", "8. Summary"),
            vec![]
        );
        // Bullets are separate items.
        assert_eq!(doc.find("data; Compliance"), None);
    }

    #[test]
    fn style_follows_the_file_extension() {
        assert_eq!(Style::of_file("a.md"), Style::Markdown);
        assert_eq!(Style::of_file("A.MARKDOWN"), Style::Markdown);
        assert_eq!(Style::of_file("b.txt"), Style::Plain);
        // In plain text a `#` line is ordinary text.
        let doc = Document::with_style("# not a heading\n\n1. Real\n\ntext\n", Style::Plain);
        assert_eq!(doc.check("text", "1. Real"), vec![]);
        assert!(matches!(
            doc.check("text", "# not a heading")[..],
            [Problem::WrongSection { .. }]
        ));
    }
}

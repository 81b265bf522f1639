//! A tree in other formats: a Mermaid flowchart, a Graphviz graph and a Markdown handbook.
//!
//! Pure functions from a [`Tree`] to text. Every format names an outcome's verdict in words
//! ("RECOMMENDED: Use Microsoft Teams"); colours are an extra, never the only signal. Text from
//! the tree is escaped for each format, so quotes, `#`, `|`, `<`, backslashes and Markdown
//! markup show as written.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;

use super::format::Verdict;
use super::model::{Node, NodeId, NodeKind, Outcome, Passage, Tree};
use super::paths::{labels, route_to};

/// Every node once: breadth-first from the start, in option order, then the nodes the start
/// cannot reach, in file order.
pub fn reading_order(tree: &Tree) -> Vec<NodeId> {
    let mut seen = vec![false; tree.nodes.len()];
    let mut order = Vec::with_capacity(tree.nodes.len());
    let mut queue = VecDeque::new();
    if tree.start.index() < tree.nodes.len() {
        seen[tree.start.index()] = true;
        queue.push_back(tree.start);
    }
    while let Some(id) = queue.pop_front() {
        order.push(id);
        for choice in tree.question(id).map_or(&[][..], |q| &q.options) {
            if choice.next.index() < seen.len() && !seen[choice.next.index()] {
                seen[choice.next.index()] = true;
                queue.push_back(choice.next);
            }
        }
    }
    order.extend(tree.node_ids().filter(|id| !seen[id.index()]));
    order
}

/// How every format labels an outcome: `RECOMMENDED: Use Microsoft Teams`.
pub fn outcome_label(outcome: &Outcome) -> String {
    format!("{}: {}", outcome.verdict.label(), outcome.headline)
}

/// The question text, or the outcome's verdict and headline.
fn node_label(node: &Node) -> String {
    match &node.kind {
        NodeKind::Question(q) => q.text.clone(),
        NodeKind::Outcome(o) => outcome_label(o),
    }
}

/// Class name and colours (fill, border) for an outcome's verdict.
fn verdict_style(verdict: Verdict) -> (&'static str, &'static str, &'static str) {
    match verdict {
        Verdict::Recommended => ("recommended", "#d9ead3", "#38761d"),
        Verdict::AllowedWithConditions => ("conditional", "#fff2cc", "#bf9000"),
        Verdict::NotAllowed => ("notallowed", "#f4cccc", "#990000"),
        Verdict::AskForHelp => ("askforhelp", "#cfe2f3", "#0b5394"),
    }
}

/// Text on one line: line breaks and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mermaid

/// The tree as a Mermaid flowchart: questions as boxes, outcomes as rounded boxes labelled with
/// their verdict, option labels on the arrows.
pub fn mermaid(tree: &Tree) -> String {
    let order = reading_order(tree);
    let mut out = String::new();
    let _ = writeln!(out, "---\ntitle: {}\n---", yaml_string(&tree.title));
    out.push_str("flowchart TD\n");
    for &id in &order {
        let text = mermaid_text(&node_label(tree.node(id)));
        let _ = match tree.node(id).kind {
            NodeKind::Question(_) => writeln!(out, "    n{}[\"{text}\"]", id.0),
            NodeKind::Outcome(_) => writeln!(out, "    n{}([\"{text}\"])", id.0),
        };
    }
    for &id in &order {
        for choice in tree.question(id).map_or(&[][..], |q| &q.options) {
            let label = mermaid_text(&choice.label);
            let _ = writeln!(out, "    n{} -->|\"{label}\"| n{}", id.0, choice.next.0);
        }
    }
    for verdict in Verdict::ALL {
        let members = nodes_with_verdict(tree, &order, verdict);
        if members.is_empty() {
            continue;
        }
        let (class, fill, stroke) = verdict_style(verdict);
        let names: Vec<String> = members.iter().map(|id| format!("n{}", id.0)).collect();
        let _ = writeln!(
            out,
            "    classDef {class} fill:{fill},stroke:{stroke},color:#000000"
        );
        let _ = writeln!(out, "    class {} {class}", names.join(","));
    }
    out
}

fn nodes_with_verdict(tree: &Tree, order: &[NodeId], verdict: Verdict) -> Vec<NodeId> {
    order
        .iter()
        .copied()
        .filter(|&id| tree.outcome(id).is_some_and(|o| o.verdict == verdict))
        .collect()
}

/// Text for inside a quoted Mermaid label: characters Mermaid would read as syntax or HTML
/// become its `#code;` entities.
pub fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '|' | '`' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A double-quoted YAML string (for Mermaid's front matter).
fn yaml_string(text: &str) -> String {
    let escaped = one_line(text).replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

// ---------------------------------------------------------------------------------------------
// Graphviz

/// Characters per line in Graphviz labels (Graphviz does not wrap text itself).
const DOT_WRAP: usize = 32;

/// The tree as a Graphviz `digraph`: questions as boxes, outcomes as rounded, filled boxes
/// labelled with their verdict, option labels on the edges.
pub fn dot(tree: &Tree) -> String {
    let order = reading_order(tree);
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", dot_id(&tree.id));
    let _ = writeln!(
        out,
        "    graph [label={}, labelloc=t, fontname=\"Helvetica\"];",
        dot_string(&tree.title)
    );
    out.push_str("    node [shape=box, fontname=\"Helvetica\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    for &id in &order {
        let label = dot_label(&node_label(tree.node(id)));
        let _ = match tree.outcome(id) {
            None => writeln!(out, "    n{} [label={label}];", id.0),
            Some(outcome) => {
                let (_, fill, stroke) = verdict_style(outcome.verdict);
                writeln!(
                    out,
                    "    n{} [label={label}, style=\"rounded,filled\", fillcolor=\"{fill}\", color=\"{stroke}\"];",
                    id.0
                )
            }
        };
    }
    for &id in &order {
        for choice in tree.question(id).map_or(&[][..], |q| &q.options) {
            let label = dot_label(&choice.label);
            let _ = writeln!(out, "    n{} -> n{} [label={label}];", id.0, choice.next.0);
        }
    }
    out.push_str("}\n");
    out
}

/// A quoted Graphviz label. Graphviz first decodes character entities in a label, then reads
/// `\x` escapes: so `&` becomes `&amp;` and a backslash `&#92;&#92;` (which also keeps a
/// backslash away from the closing quote); `"` is escaped.
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("&#92;&#92;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A quoted Graphviz identifier (the graph's name): only `"` and `\` are escaped.
fn dot_id(text: &str) -> String {
    let escaped = one_line(text).replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// A label wrapped at word boundaries, lines joined with Graphviz's `\n`.
fn dot_label(text: &str) -> String {
    let lines: Vec<String> = wrap(&one_line(text), DOT_WRAP)
        .iter()
        .map(|line| {
            let quoted = dot_string(line);
            quoted[1..quoted.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", lines.join("\\n"))
}

/// Greedy word wrap; a word longer than `width` gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Markdown handbook

/// The tree as a Markdown handbook for printing or pasting into an intranet page: the tree's
/// details, every question (breadth-first from the start) with its help, options and where
/// each leads (as links within the page), guidance and contacts; every outcome with its
/// verdict, explanation, conditions, fallbacks, guidance and contacts in full; the sources.
pub fn markdown(tree: &Tree) -> String {
    let book = Handbook::new(tree);
    let mut out = String::new();
    book.header(&mut out);
    book.contents(&mut out);
    let _ = writeln!(out, "<a id=\"questions\"></a>\n\n## Questions\n");
    for &id in book.order.iter().filter(|&&id| tree.question(id).is_some()) {
        book.question(&mut out, id);
    }
    let _ = writeln!(out, "<a id=\"outcomes\"></a>\n\n## Outcomes\n");
    for &id in book.order.iter().filter(|&&id| tree.outcome(id).is_some()) {
        book.outcome(&mut out, id);
    }
    book.sources(&mut out);
    let _ = writeln!(
        out,
        "---\n\n*Exported by signpost from the tree {} version {}.*",
        markdown_code(&tree.id),
        markdown_inline(&tree.version)
    );
    out
}

/// The numbering and anchors of a tree's nodes, shared by the handbook's sections.
struct Handbook<'t> {
    tree: &'t Tree,
    order: Vec<NodeId>,
    /// Per node: "Question 2" or "Outcome 5".
    names: Vec<String>,
    /// Per node: the HTML anchor id.
    anchors: Vec<String>,
}

impl<'t> Handbook<'t> {
    fn new(tree: &'t Tree) -> Self {
        let order = reading_order(tree);
        let mut names = vec![String::new(); tree.nodes.len()];
        let (mut questions, mut outcomes) = (0, 0);
        for &id in &order {
            names[id.index()] = match tree.node(id).kind {
                NodeKind::Question(_) => {
                    questions += 1;
                    format!("Question {questions}")
                }
                NodeKind::Outcome(_) => {
                    outcomes += 1;
                    format!("Outcome {outcomes}")
                }
            };
        }
        let mut used = HashSet::new();
        let anchors = tree
            .nodes
            .iter()
            .map(|node| unique_anchor(&node.id, &mut used))
            .collect();
        Handbook {
            tree,
            order,
            names,
            anchors,
        }
    }

    /// "Question 2 — Who are you sharing it with?"
    fn title(&self, id: NodeId) -> String {
        format!(
            "{} — {}",
            self.names[id.index()],
            markdown_inline(&node_label(self.tree.node(id)))
        )
    }

    /// A link to a node's section.
    fn link(&self, id: NodeId) -> String {
        match self.anchors.get(id.index()) {
            Some(anchor) => format!("[{}](#{anchor})", self.title(id)),
            None => "(missing node)".to_string(),
        }
    }

    fn header(&self, out: &mut String) {
        let tree = self.tree;
        let _ = writeln!(out, "# {}\n", markdown_inline(&tree.title));
        let _ = writeln!(out, "{}\n", markdown_paragraph(&tree.summary));
        let _ = writeln!(out, "- **Tree:** {}", markdown_code(&tree.id));
        let _ = writeln!(out, "- **Owner:** {}", markdown_inline(&tree.owner));
        let _ = writeln!(out, "- **Version:** {}", markdown_inline(&tree.version));
        let _ = writeln!(out, "- **Review by:** {}\n", tree.review_by);
        let _ = writeln!(
            out,
            "Start at {}. Each answer leads to another question or to an outcome.\n",
            self.link(tree.start)
        );
    }

    fn contents(&self, out: &mut String) {
        out.push_str("## Contents\n\n");
        for (heading, is_question) in [("Questions", true), ("Outcomes", false)] {
            let _ = writeln!(out, "- [{heading}](#{})", heading.to_lowercase());
            for &id in &self.order {
                if self.tree.question(id).is_some() == is_question {
                    let _ = writeln!(out, "  - {}", self.link(id));
                }
            }
        }
        out.push_str("- [Sources](#sources)\n\n");
    }

    /// The anchor and heading of a node's section, and how to reach it.
    fn section_start(&self, out: &mut String, id: NodeId) {
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", self.anchors[id.index()]);
        let _ = writeln!(out, "### {}\n", self.title(id));
        let _ = writeln!(out, "{}\n", self.how_to_get_here(id));
    }

    fn how_to_get_here(&self, id: NodeId) -> String {
        if id == self.tree.start {
            return "*Every walk starts here.*".to_string();
        }
        match route_to(self.tree, id) {
            Some(steps) => {
                let answers: Vec<String> = labels(self.tree, &steps)
                    .iter()
                    .map(|l| markdown_inline(l))
                    .collect();
                format!("*How to get here:* {}", answers.join(" › "))
            }
            None => "*No answers lead here from the start.*".to_string(),
        }
    }

    fn question(&self, out: &mut String, id: NodeId) {
        let Some(question) = self.tree.question(id) else {
            return;
        };
        self.section_start(out, id);
        if let Some(help) = &question.help {
            let _ = writeln!(out, "{}\n", markdown_paragraph(help));
        }
        out.push_str("**Answers**\n\n");
        for (i, choice) in question.options.iter().enumerate() {
            let detail = choice
                .detail
                .as_deref()
                .map(|d| format!(" ({})", markdown_inline(d)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}. **{}**{detail} → {}",
                i + 1,
                markdown_inline(&choice.label),
                self.link(choice.next)
            );
        }
        out.push('\n');
        self.guidance(out, &question.guidance);
        self.contacts(out, &question.contacts);
    }

    fn outcome(&self, out: &mut String, id: NodeId) {
        let Some(outcome) = self.tree.outcome(id) else {
            return;
        };
        self.section_start(out, id);
        let _ = writeln!(out, "**Verdict: {}**\n", outcome.verdict.label());
        let _ = writeln!(out, "{}\n", markdown_paragraph(&outcome.explanation));
        if !outcome.conditions.is_empty() {
            out.push_str("**Conditions**\n\n");
            for condition in &outcome.conditions {
                let _ = writeln!(out, "- {}", markdown_inline(condition));
            }
            out.push('\n');
        }
        if !outcome.fallbacks.is_empty() {
            out.push_str("**If that is not possible, in this order**\n\n");
            for (i, fallback) in outcome.fallbacks.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, markdown_inline(fallback));
            }
            out.push('\n');
        }
        self.guidance(out, &outcome.guidance);
        self.contacts(out, &outcome.contacts);
    }

    fn guidance(&self, out: &mut String, passages: &[Passage]) {
        if passages.is_empty() {
            return;
        }
        out.push_str("**Guidance**\n\n");
        for passage in passages {
            for line in markdown_paragraph(&passage.quote).lines() {
                let _ = writeln!(out, "> {line}");
            }
            let source = self.tree.source(passage);
            let title = match &source.url {
                Some(url) => format!("[{}]({})", markdown_inline(&source.title), link_target(url)),
                None => format!("*{}*", markdown_inline(&source.title)),
            };
            let _ = writeln!(
                out,
                ">\n> — {title}, § {}\n",
                markdown_inline(&passage.section)
            );
        }
    }

    fn contacts(&self, out: &mut String, contacts: &[u32]) {
        if contacts.is_empty() {
            return;
        }
        out.push_str("**Contacts**\n\n");
        for entry in contacts
            .iter()
            .filter_map(|&c| self.tree.contacts.get(c as usize))
        {
            let contact = &entry.contact;
            let _ = writeln!(
                out,
                "- **{}**: {}",
                markdown_inline(&contact.name),
                markdown_inline(&contact.about)
            );
            let ways = [
                ("Email", contact.email.as_deref().map(email)),
                ("Slack", contact.slack.as_deref().map(markdown_inline)),
                ("Phone", contact.phone.as_deref().map(markdown_inline)),
                ("Web", contact.web.as_deref().map(web)),
            ];
            for (what, value) in ways {
                if let Some(value) = value {
                    let _ = writeln!(out, "  - {what}: {value}");
                }
            }
        }
        out.push('\n');
    }

    fn sources(&self, out: &mut String) {
        out.push_str("<a id=\"sources\"></a>\n\n## Sources\n\n");
        for source in &self.tree.sources {
            let url = source
                .url
                .as_deref()
                .map(|u| format!(" {}", web(u)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}**, {}.{url}",
                markdown_inline(&source.title),
                markdown_inline(&source.publisher)
            );
        }
        out.push('\n');
    }
}

/// `node-` and the node id made safe for an HTML id, unique among `used`.
fn unique_anchor(id: &str, used: &mut HashSet<String>) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let base = format!("node-{safe}");
    let mut anchor = base.clone();
    let mut n = 2;
    while !used.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

/// Text for inside a Markdown line (a heading, list item or table cell): markup characters
/// are backslash-escaped, line breaks become spaces, and an `&` that would start an entity is
/// escaped.
pub fn markdown_inline(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&text[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` reads as an HTML entity (`amp;`, `#35;`).
fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// Text as a Markdown paragraph: escaped like [`markdown_inline`], with anything at the start
/// of a line that would make a heading, list or quote escaped, and its line breaks kept (a
/// trailing `\` is a hard line break; a blank line still starts a new paragraph).
pub fn markdown_paragraph(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| escape_line_start(&markdown_inline(line.trim_end())))
        .collect();
    let mut out = String::with_capacity(text.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if let Some(next) = lines.get(i + 1) {
            if !line.trim().is_empty() && !next.trim().is_empty() {
                out.push('\\');
            }
            out.push('\n');
        }
    }
    out
}

fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &trimmed[digits..];
    if trimmed.starts_with(['#', '-', '+', '=']) {
        format!("{indent}\\{trimmed}")
    } else if digits > 0 && after_digits.starts_with(['.', ')']) {
        format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        line.to_string()
    }
}

/// A code span, or escaped text when the text itself contains a backtick.
pub fn markdown_code(text: &str) -> String {
    if text.contains('`') {
        markdown_inline(text)
    } else {
        format!("`{}`", one_line(text))
    }
}

/// An email address as a `mailto:` autolink when it is a plain address.
fn email(address: &str) -> String {
    let plain = address.contains('@')
        && address
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-@".contains(c));
    if plain {
        format!("<{address}>")
    } else {
        markdown_inline(address)
    }
}

/// A web address as an autolink when it is one, else escaped text.
fn web(url: &str) -> String {
    let linkable = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if linkable {
        format!("<{url}>")
    } else {
        markdown_inline(url)
    }
}

/// A URL for inside `(...)` of a Markdown link: spaces and parentheses percent-encoded.
fn link_target(url: &str) -> String {
    one_line(url)
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_text_turns_syntax_into_entities() {
        assert_eq!(
            mermaid_text("Say \"hi\" | <b> #1 & [x]\nnext"),
            "Say #34;hi#34; #124; #60;b#62; #35;1 #38; [x] next"
        );
    }

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_entities() {
        assert_eq!(dot_string("a \"b\" c\\"), "\"a \\\"b\\\" c&#92;&#92;\"");
        assert_eq!(dot_id("a\"b\\"), "\"a\\\"b\\\\\"");
        assert_eq!(dot_string("Q&amp;A"), "\"Q&amp;amp;A\"");
    }

    #[test]
    fn dot_labels_wrap_at_word_boundaries() {
        assert_eq!(
            dot_label("Which tool should I use to share information with a partner?"),
            "\"Which tool should I use to share\\ninformation with a partner?\""
        );
        assert_eq!(wrap("", 10), vec![String::new()]);
        assert_eq!(wrap("a-very-long-word b", 5), vec!["a-very-long-word", "b"]);
    }

    #[test]
    fn markdown_escapes_markup_but_keeps_plain_punctuation() {
        assert_eq!(
            markdown_inline("Use *Teams* | [CJSM] <now> a_b & Q&amp;A"),
            "Use \\*Teams\\* \\| \\[CJSM\\] \\<now\\> a\\_b & Q\\&amp;A"
        );
        assert_eq!(
            markdown_paragraph("# not a heading\n1. not a list\n- nor this\nplain (text)."),
            "\\# not a heading\\\n1\\. not a list\\\n\\- nor this\\\nplain (text)."
        );
        assert_eq!(markdown_paragraph("one\n\ntwo"), "one\n\ntwo");
    }

    #[test]
    fn anchors_are_safe_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(unique_anchor("class-moj", &mut used), "node-class-moj");
        assert_eq!(unique_anchor("Class moj", &mut used), "node-class-moj-2");
        assert_eq!(unique_anchor("a\"b", &mut used), "node-a-b");
    }

    #[test]
    fn contact_links_only_for_plain_addresses() {
        assert_eq!(email("a.b@x.gov.uk"), "<a.b@x.gov.uk>");
        assert_eq!(email("ask <b>"), "ask \\<b\\>");
        assert_eq!(web("https://x.uk/a"), "<https://x.uk/a>");
        assert_eq!(web("intranet > security"), "intranet \\> security");
    }
}

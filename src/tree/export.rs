//! A tree in other formats: a Mermaid flowchart, a Graphviz graph and a Markdown handbook.
//!
//! Pure functions from a [`Tree`] to text. Every format names an outcome's verdict in words
//! ("RECOMMENDED: Use Microsoft Teams"); colours are an extra, never the only signal. Text from
//! the tree is escaped for each format, so quotes, `#`, `|`, `<`, backslashes and Markdown
//! markup show as written.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;

use super::facts::Condition;
use super::format::Verdict;
use super::model::{
    Link, Node, NodeId, NodeKind, Outcome, Passage, PolicyRule, RuleOrigin, Source, Tree, When,
};
use super::paths::{labels, route_to};
use crate::text::wrap_words;

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
        for next in tree.node(id).successors() {
            if next.index() < seen.len() && !seen[next.index()] {
                seen[next.index()] = true;
                queue.push_back(next);
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

/// The question text, the outcome's verdict and headline, or what a route decides on.
fn node_label(tree: &Tree, node: &Node) -> String {
    match &node.kind {
        NodeKind::Question(q) => q.text.clone(),
        NodeKind::Checklist(c) => format!("{} (tick all that apply)", c.text),
        NodeKind::Route(r) => tree.decided_by(r),
        NodeKind::Outcome(o) => outcome_label(o),
    }
}

/// Class name and colours (fill, border) for an outcome's verdict.
fn verdict_style(verdict: Verdict) -> (&'static str, &'static str, &'static str) {
    match verdict {
        Verdict::Recommended => ("recommended", "#d9ead3", "#38761d"),
        Verdict::AllowedWithConditions => ("conditional", "#fff2cc", "#bf9000"),
        Verdict::NotAdvised => ("notadvised", "#fce5cd", "#b45f06"),
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
        let text = mermaid_text(&node_label(tree, tree.node(id)));
        let _ = match tree.node(id).kind {
            NodeKind::Question(_) | NodeKind::Checklist(_) => {
                writeln!(out, "    n{}[\"{text}\"]", id.0)
            }
            NodeKind::Route(_) => writeln!(out, "    n{}{{\"{text}\"}}", id.0),
            NodeKind::Outcome(_) => writeln!(out, "    n{}([\"{text}\"])", id.0),
        };
    }
    for &id in &order {
        for (next, label) in tree.edges(id) {
            let label = mermaid_text(&label);
            let _ = writeln!(out, "    n{} -->|\"{label}\"| n{}", id.0, next.0);
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

/// Columns per line in Graphviz labels (Graphviz does not wrap text itself).
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
        let label = dot_label(&node_label(tree, tree.node(id)));
        let route = matches!(tree.node(id).kind, NodeKind::Route(_));
        let _ = match tree.outcome(id) {
            None if route => writeln!(out, "    n{} [label={label}, shape=diamond];", id.0),
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
        for (next, label) in tree.edges(id) {
            let label = dot_label(&label);
            let _ = writeln!(out, "    n{} -> n{} [label={label}];", id.0, next.0);
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
    let lines: Vec<String> = wrap_words(&one_line(text), DOT_WRAP)
        .iter()
        .map(|line| {
            let quoted = dot_string(line);
            quoted[1..quoted.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", lines.join("\\n"))
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
    for &id in book
        .numbering
        .order
        .iter()
        .filter(|&&id| tree.node(id).asks())
    {
        book.question(&mut out, id);
    }
    if book.numbering.order.iter().any(|&id| is_route(tree, id)) {
        let _ = writeln!(out, "<a id=\"decisions\"></a>\n\n## Decisions\n");
        let _ = writeln!(
            out,
            "A decision has no question of its own: it goes one way or another by the answers given before it. Its rules are tried in order; the first that holds decides.\n"
        );
        for &id in book
            .numbering
            .order
            .iter()
            .filter(|&&id| is_route(tree, id))
        {
            book.route(&mut out, id);
        }
    }
    let _ = writeln!(out, "<a id=\"outcomes\"></a>\n\n## Outcomes\n");
    for &id in book
        .numbering
        .order
        .iter()
        .filter(|&&id| tree.outcome(id).is_some())
    {
        book.outcome(&mut out, id);
    }
    if book.has_policy() {
        book.policy(&mut out);
    }
    book.sources(&mut out);
    let _ = writeln!(
        out,
        "---\n\n*Exported by signpost from the tree {}, tree version {}.*",
        markdown_code(&tree.id),
        markdown_inline(&tree.version)
    );
    out
}

/// A tree's nodes in reading order, with their names ("Question 2", "Outcome 5") and HTML
/// anchors (`node-classification`): the handbook and the web page number them the same way.
pub struct Numbering {
    /// Every node once, in [`reading_order`].
    pub order: Vec<NodeId>,
    names: Vec<String>,
    anchors: Vec<String>,
}

impl Numbering {
    /// The numbering of `tree`'s nodes.
    pub fn of(tree: &Tree) -> Self {
        let order = reading_order(tree);
        let mut names = vec![String::new(); tree.nodes.len()];
        let (mut questions, mut decisions, mut outcomes) = (0, 0, 0);
        for &id in &order {
            names[id.index()] = match tree.node(id).kind {
                NodeKind::Question(_) | NodeKind::Checklist(_) => {
                    questions += 1;
                    format!("Question {questions}")
                }
                NodeKind::Route(_) => {
                    decisions += 1;
                    format!("Decision {decisions}")
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
        Numbering {
            order,
            names,
            anchors,
        }
    }

    /// "Question 2".
    pub fn name(&self, id: NodeId) -> &str {
        self.names.get(id.index()).map_or("", String::as_str)
    }

    /// The HTML anchor of a node's section, `None` for a node the tree does not have.
    pub fn anchor(&self, id: NodeId) -> Option<&str> {
        self.anchors.get(id.index()).map(String::as_str)
    }
}

/// The sections of the handbook, numbered.
struct Handbook<'t> {
    tree: &'t Tree,
    numbering: Numbering,
}

impl<'t> Handbook<'t> {
    fn new(tree: &'t Tree) -> Self {
        Handbook {
            tree,
            numbering: Numbering::of(tree),
        }
    }

    /// "Question 2 — Who are you sharing it with?"
    fn title(&self, id: NodeId) -> String {
        format!(
            "{} — {}",
            self.numbering.name(id),
            markdown_inline(&node_label(self.tree, self.tree.node(id)))
        )
    }

    /// A link to a node's section.
    fn link(&self, id: NodeId) -> String {
        match self.numbering.anchor(id) {
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
        let _ = writeln!(
            out,
            "- **Tree version:** {}",
            markdown_inline(&tree.version)
        );
        let _ = writeln!(
            out,
            "- **Source:** {}",
            markdown_inline(&tree.provenance.describe())
        );
        let _ = writeln!(out, "- **Review by:** {}\n", tree.review_by);
        let _ = writeln!(
            out,
            "Start at {}. Each answer leads to another question or to an outcome.\n",
            self.link(tree.start)
        );
    }

    fn contents(&self, out: &mut String) {
        out.push_str("## Contents\n\n");
        let tree = self.tree;
        let sections: [(&str, &dyn Fn(NodeId) -> bool); 3] = [
            ("Questions", &|id| tree.node(id).asks()),
            ("Decisions", &|id| is_route(tree, id)),
            ("Outcomes", &|id| tree.outcome(id).is_some()),
        ];
        for (heading, belongs) in sections {
            if !self.numbering.order.iter().any(|&id| belongs(id)) {
                continue;
            }
            let _ = writeln!(out, "- [{heading}](#{})", heading.to_lowercase());
            for &id in self.numbering.order.iter().filter(|&&id| belongs(id)) {
                let _ = writeln!(out, "  - {}", self.link(id));
            }
        }
        if self.has_policy() {
            out.push_str("- [Policy](#policy)\n");
        }
        out.push_str("- [Sources](#sources)\n\n");
    }

    /// Whether the tree keeps policy rules or names register tools.
    fn has_policy(&self) -> bool {
        let tree = self.tree;
        !(tree.rules.is_empty() && tree.policy_rules.is_empty() && tree.tools.is_empty())
    }

    /// The anchor and heading of a node's section, and how to reach it.
    fn section_start(&self, out: &mut String, id: NodeId) {
        let anchor = self.numbering.anchor(id).unwrap_or_default();
        let _ = writeln!(out, "<a id=\"{anchor}\"></a>\n");
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
        let node = self.tree.node(id);
        let (help, answers, checklist): (_, Vec<(&str, Option<&String>, NodeId)>, _) =
            match &node.kind {
                NodeKind::Question(q) => (
                    q.help.as_ref(),
                    q.options
                        .iter()
                        .map(|o| (o.label.as_str(), o.detail.as_ref(), o.next))
                        .collect(),
                    None,
                ),
                NodeKind::Checklist(c) => (
                    c.help.as_ref(),
                    c.items
                        .iter()
                        .map(|i| (i.label.as_str(), i.detail.as_ref(), c.next))
                        .collect(),
                    Some(c),
                ),
                _ => return,
            };
        self.section_start(out, id);
        if let Some(help) = help {
            let _ = writeln!(out, "{}\n", markdown_paragraph(help));
        }
        match checklist {
            None => out.push_str("**Answers**\n\n"),
            Some(_) => out.push_str("**Tick every item that applies, or none**\n\n"),
        }
        for (i, (label, detail, next)) in answers.iter().enumerate() {
            let detail = detail
                .map(|d| format!(" ({})", markdown_inline(d)))
                .unwrap_or_default();
            let leads = match checklist {
                None => format!(" → {}", self.link(*next)),
                Some(_) => String::new(),
            };
            let _ = writeln!(
                out,
                "{}. **{}**{detail}{leads}",
                i + 1,
                markdown_inline(label)
            );
        }
        if let Some(c) = checklist {
            let _ = writeln!(
                out,
                "- or **{}**\n\nEvery answer then goes to {}.",
                markdown_inline(&c.none),
                self.link(c.next)
            );
        }
        out.push('\n');
        self.guidance(out, node.guidance());
        self.contacts(out, node.contacts());
        self.links(out, node.links());
    }

    fn route(&self, out: &mut String, id: NodeId) {
        self.section_start(out, id);
        for (i, (next, label)) in self.tree.edges(id).into_iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} → {}",
                i + 1,
                markdown_inline(&capitalise(&label)),
                self.link(next)
            );
        }
        out.push('\n');
    }

    fn outcome(&self, out: &mut String, id: NodeId) {
        let Some(outcome) = self.tree.outcome(id) else {
            return;
        };
        self.section_start(out, id);
        let _ = writeln!(out, "**Verdict: {}**\n", outcome.verdict.label());
        for paragraph in &outcome.explanation {
            let _ = writeln!(
                out,
                "{}{}\n",
                self.only_when(&paragraph.when),
                markdown_paragraph(&paragraph.item)
            );
        }
        if !outcome.conditions.is_empty() {
            out.push_str("**Conditions**\n\n");
            for condition in &outcome.conditions {
                let _ = writeln!(
                    out,
                    "- {}{}",
                    self.only_when(&condition.when),
                    markdown_inline(&condition.item)
                );
            }
            out.push('\n');
        }
        let tools = self.tree.tools_of(outcome);
        if !tools.is_empty() {
            let heading = if tools.len() == 1 { "tool" } else { "tools" };
            let _ = writeln!(out, "**About the {heading}**\n");
            for tool in tools {
                let _ = writeln!(out, "- {}", markdown_inline(&tool.card()));
            }
            out.push('\n');
        }
        if !outcome.fallbacks.is_empty() {
            let _ = writeln!(out, "**{}**\n", outcome.fallbacks_heading());
            for (i, fallback) in outcome.fallbacks.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. {}{}",
                    i + 1,
                    self.only_when(&fallback.when),
                    markdown_inline(&fallback.item)
                );
            }
            out.push('\n');
        }
        self.guidance(out, &outcome.guidance);
        self.contacts(out, &outcome.contacts);
        self.links(out, &outcome.links);
    }

    /// "*(Only when classification is SECRET.)* ", or nothing for text shown on every path.
    fn only_when(&self, condition: &Condition) -> String {
        if condition.is_always() {
            return String::new();
        }
        format!(
            "*(Only when {}.)* ",
            markdown_inline(&condition.describe(&self.tree.facts))
        )
    }

    fn links(&self, out: &mut String, links: &[Link]) {
        if links.is_empty() {
            return;
        }
        out.push_str("**Links**\n\n");
        for link in links {
            let _ = writeln!(
                out,
                "- {}[{}]({})",
                self.only_when(&link.when),
                markdown_inline(&link.title),
                link_target(&link.url)
            );
        }
        out.push('\n');
    }

    fn guidance(&self, out: &mut String, passages: &[Passage]) {
        if passages.is_empty() {
            return;
        }
        out.push_str("**Guidance**\n\n");
        for passage in passages {
            if !passage.when.is_always() {
                let _ = writeln!(out, "{}\n", self.only_when(&passage.when).trim_end());
            }
            if let Some(tool) = self.tree.tool_row(passage) {
                let _ = writeln!(out, "{}\n", markdown_inline(&tool.card()));
            }
            quote_block(out, passage, self.tree.source(passage));
        }
    }

    /// The rules every path keeps and the register entries of the tools the tree names.
    fn policy(&self, out: &mut String) {
        let tree = self.tree;
        out.push_str("<a id=\"policy\"></a>\n\n## Policy\n\n");
        // A register entry's rules matter here only for the tools the tree names.
        let named = |rule: &&PolicyRule| match &rule.origin {
            RuleOrigin::Register(tool) => tree.tools.iter().any(|t| t.id == *tool),
            _ => true,
        };
        let rules: Vec<&PolicyRule> = tree
            .rules
            .iter()
            .chain(&tree.policy_rules)
            .filter(named)
            .collect();
        if !rules.is_empty() {
            out.push_str("### Rules every path keeps\n\n");
            out.push_str("`signpost check` finds any answer path that breaks one of these.\n\n");
            for rule in rules {
                let origin = match &rule.origin {
                    RuleOrigin::Tree => "this tree".to_string(),
                    RuleOrigin::Policy => "the shared policy".to_string(),
                    RuleOrigin::Register(tool) => {
                        format!("the register entry {}", markdown_code(tool))
                    }
                };
                let never: Vec<&str> = rule.never.iter().map(|v| v.label()).collect();
                let mut scope = format!("never {}", never.join(" or "));
                if !rule.tools.is_empty() {
                    scope.push_str(&format!(" for {}", rule.tools.join(", ")));
                }
                let when = match rule.when.is_always() {
                    true => "on every path".to_string(),
                    false => format!("when {}", rule.when.describe(&tree.facts)),
                };
                let _ = writeln!(
                    out,
                    "- {} ({}): {} — {}, {}.",
                    markdown_code(&rule.id),
                    origin,
                    markdown_inline(&rule.says),
                    markdown_inline(&scope),
                    markdown_inline(&when)
                );
            }
            out.push('\n');
        }
        if !tree.tools.is_empty() {
            out.push_str("### The register's entries for the tools in this tree\n\n");
            for tool in &tree.tools {
                let _ = writeln!(out, "- {}\n", markdown_inline(&tool.card()));
                for passage in &tool.sources {
                    if let Some(source) = tree.policy_sources.get(passage.source as usize) {
                        quote_block(out, passage, source);
                    }
                }
            }
        }
    }

    fn contacts(&self, out: &mut String, contacts: &[When<u32>]) {
        if contacts.is_empty() {
            return;
        }
        out.push_str("**Contacts**\n\n");
        for (entry, when) in contacts
            .iter()
            .filter_map(|c| Some((self.tree.contacts.get(c.item as usize)?, &c.when)))
        {
            let contact = &entry.contact;
            let _ = writeln!(
                out,
                "- {}**{}**: {}",
                self.only_when(when),
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

/// A passage as a Markdown quote, with its document and section.
fn quote_block(out: &mut String, passage: &Passage, source: &Source) {
    for line in markdown_paragraph(&passage.quote).lines() {
        let _ = writeln!(out, "> {line}");
    }
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

fn is_route(tree: &Tree, id: NodeId) -> bool {
    matches!(tree.node(id).kind, NodeKind::Route(_))
}

/// The text with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

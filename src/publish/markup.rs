//! The markup of a tree's nodes. Every node is a `<section>`: read top to bottom without a
//! script, the page is the whole tree (each answer a link to where it leads, every outcome in
//! full, each conditional text saying when it applies); the script shows one section at a time
//! and hides the text whose condition does not hold. maud escapes every text it is given.

use maud::{Markup, html};

use super::machine::Conditions;
use super::safe_url;
use crate::document::citation;
use crate::tree::export::{Numbering, outcome_label};
use crate::tree::{
    Checklist, Condition, Link, NodeId, NodeKind, Outcome, Passage, Question, Tree, When,
};

/// What every node's markup needs: the tree, its nodes' names and anchors, and the numbering
/// of its conditions.
pub struct Nodes<'t> {
    tree: &'t Tree,
    numbering: Numbering,
    conditions: Conditions,
}

impl<'t> Nodes<'t> {
    /// Ready to mark up the nodes of `tree`.
    pub fn new(tree: &'t Tree) -> Self {
        Nodes {
            tree,
            numbering: Numbering::of(tree),
            conditions: Conditions::default(),
        }
    }

    /// The conditions numbered so far, for the machine.
    pub fn into_conditions(self) -> Conditions {
        self.conditions
    }

    /// The nodes in reading order.
    pub fn order(&self) -> Vec<NodeId> {
        self.numbering.order.clone()
    }

    /// The anchor of a node (`node-classification`).
    pub fn anchor(&self, id: NodeId) -> &str {
        self.numbering.anchor(id).unwrap_or_default()
    }

    /// The section of one node; its caption ("Question 3") is for reading without a script.
    pub fn section(&mut self, id: NodeId) -> Markup {
        let tree = self.tree;
        let caption = self.numbering.name(id).to_string();
        let caption = caption.as_str();
        match &tree.node(id).kind {
            NodeKind::Question(q) => self.question(id, caption, q),
            NodeKind::Checklist(c) => self.checklist(id, caption, c),
            NodeKind::Route(_) => self.route(id, caption),
            NodeKind::Outcome(o) => self.outcome(id, caption, o),
        }
    }

    fn question(&mut self, id: NodeId, caption: &str, q: &Question) -> Markup {
        let n = id.index();
        let reading = html! {
            ol.answers {
                @for option in &q.options {
                    li {
                        a href={ "#" (self.anchor(option.next)) } { (option.label) }
                        @if let Some(detail) = &option.detail { span.detail { " — " (detail) } }
                    }
                }
            }
        };
        let choices = html! {
            @for (i, option) in q.options.iter().enumerate() {
                (choice(n, i, "radio", &option.label, option.detail.as_deref()))
            }
        };
        self.asking(
            id,
            caption,
            Asking {
                text: &q.text,
                help: q.help.as_deref(),
                kind: "question",
                reading,
                hint: None,
                error: html! { "Select an answer" },
                choices,
            },
        )
    }

    fn checklist(&mut self, id: NodeId, caption: &str, c: &Checklist) -> Markup {
        let n = id.index();
        let reading = html! {
            p { "Tick every item that applies, or none:" }
            ul.answers {
                @for item in &c.items {
                    li { (item.label) @if let Some(detail) = &item.detail { span.detail { " — " (detail) } } }
                }
                li { "or " (c.none) }
            }
            p { "Every answer then goes to " a href={ "#" (self.anchor(c.next)) } { "the next step" } "." }
        };
        let choices = html! {
            @for (i, item) in c.items.iter().enumerate() {
                (choice(n, i, "checkbox", &item.label, item.detail.as_deref()))
            }
            p.choices-divider { "or" }
            (choice(n, c.items.len(), "checkbox", &c.none, None))
        };
        self.asking(
            id,
            caption,
            Asking {
                text: &c.text,
                help: c.help.as_deref(),
                kind: "checklist",
                reading,
                hint: Some("Select all that apply."),
                error: html! { "Select the items that apply, or “" (c.none) "”" },
                choices,
            },
        )
    }

    /// The section of a question or checklist: its answers as links for reading without a
    /// script, its form for the walk, then its guidance, contacts and links.
    fn asking(&mut self, id: NodeId, caption: &str, asking: Asking) -> Markup {
        let n = id.index();
        let hint_id = format!("hint-{n}");
        let has_hint = asking.help.is_some() || asking.hint.is_some();
        let supporting = self.supporting(id);
        html! {
            section.node.question id=(self.anchor(id)) data-node=(n) data-id=(self.tree.node(id).id) {
                div.nojs-only {
                    p.caption { (caption) }
                    h2 { (asking.text) }
                    @if let Some(help) = asking.help { p.hint.text { (help) } }
                    (asking.reading)
                }
                form.js-only.step novalidate data-kind=(asking.kind) {
                    div.form-group {
                        fieldset aria-describedby=[has_hint.then_some(&hint_id)] {
                            legend { h2.question-heading tabindex="-1" { (asking.text) } }
                            @if has_hint {
                                div.hint.text id=(hint_id) {
                                    @if let Some(help) = asking.help { (help) }
                                    @if let (Some(_), Some(_)) = (asking.help, asking.hint) { " " }
                                    @if let Some(hint) = asking.hint { (hint) }
                                }
                            }
                            p.error-message id={ "error-" (n) } hidden { span.visually-hidden { "Error: " } (asking.error) }
                            div.choices { (asking.choices) }
                        }
                    }
                    button.button type="submit" { "Continue" }
                }
                (supporting)
            }
        }
    }

    /// A route has no screen in a walk: read without a script, it lists its rules in order.
    fn route(&mut self, id: NodeId, caption: &str) -> Markup {
        html! {
            section.node.route.nojs-only id=(self.anchor(id)) data-node=(id.index()) {
                p.caption { (caption) }
                h2 { "It depends on your earlier answers" }
                p { "The first of these that holds decides where to go next:" }
                ol {
                    @for (next, label) in self.tree.edges(id) {
                        li { (capitalised(&label)) ": " a href={ "#" (self.anchor(next)) } { "go on" } }
                    }
                }
            }
        }
    }

    fn outcome(&mut self, id: NodeId, caption: &str, o: &Outcome) -> Markup {
        let tree = self.tree;
        let tools = tree.tools_of(o);
        let about = if tools.len() == 1 {
            "About the tool"
        } else {
            "About the tools"
        };
        html! {
            section.node.outcome id=(self.anchor(id)) data-node=(id.index()) data-id=(tree.node(id).id) data-verdict=(o.verdict.as_str()) {
                div.panel class={ "verdict-" (o.verdict.as_str()) } {
                    p.caption.nojs-only { (caption) }
                    p.verdict { "Verdict: " strong { (o.verdict.label()) } }
                    h2.outcome-heading tabindex="-1" aria-label=(outcome_label(o)) { (o.headline) }
                }
                @for paragraph in &o.explanation {
                    (self.paragraph(paragraph))
                }
                (self.list("conditions", "Conditions", &o.conditions, false))
                @if !tools.is_empty() {
                    h3 { (about) }
                    ul.tools { @for tool in &tools { li { (tool.card()) } } }
                }
                (self.list("fallbacks", o.fallbacks_heading(), &o.fallbacks, true))
                (self.passages(&o.guidance))
                (self.contacts(&o.contacts))
                (self.links(&o.links))
                div.js-only.actions {
                    button.button.print-button type="button" { "Save or print this decision" }
                    a.button.secondary href="#answers=" data-restart { "Start again" }
                }
            }
        }
    }

    /// The guidance, contacts and links of a question.
    fn supporting(&mut self, id: NodeId) -> Markup {
        let node = self.tree.node(id);
        html! {
            (self.passages(node.guidance()))
            (self.contacts(node.contacts()))
            (self.links(node.links()))
        }
    }

    /// `data-when` for text shown only where `condition` holds.
    fn when(&mut self, condition: &Condition) -> Option<usize> {
        self.conditions.number(condition)
    }

    /// "Only when classification is “SECRET”.", for reading without a script.
    fn only_when(&self, condition: &Condition) -> Option<String> {
        (!condition.is_always())
            .then(|| format!("Only when {}.", condition.describe(&self.tree.facts)))
    }

    fn paragraph(&mut self, paragraph: &When<String>) -> Markup {
        html! {
            div.conditional data-when=[self.when(&paragraph.when)] {
                @if let Some(note) = self.only_when(&paragraph.when) { p.when-note { (note) } }
                p.text { (paragraph.item) }
            }
        }
    }

    /// A titled list of conditional texts; `kind` names it for the browser tests.
    fn list(
        &mut self,
        kind: &str,
        heading: &str,
        items: &[When<String>],
        numbered: bool,
    ) -> Markup {
        if items.is_empty() {
            return html! {};
        }
        let items = html! {
            @for item in items {
                li data-when=[self.when(&item.when)] {
                    (item.item)
                    @if let Some(note) = self.only_when(&item.when) { " " span.when-note { "(" (note) ")" } }
                }
            }
        };
        html! {
            div.conditional-list data-list=(kind) {
                h3 { (heading) }
                @if numbered { ol { (items) } } @else { ul { (items) } }
            }
        }
    }

    fn passages(&mut self, passages: &[Passage]) -> Markup {
        if passages.is_empty() {
            return html! {};
        }
        let tree = self.tree;
        html! {
            div.conditional-list data-list="guidance" {
                h3 { "Guidance" }
                @for passage in passages {
                    figure.inset data-when=[self.when(&passage.when)] {
                        @if let Some(note) = self.only_when(&passage.when) { p.when-note { (note) } }
                        @if let Some(tool) = tree.tool_row(passage) { p.card { (tool.card()) } }
                        blockquote { p.text { (passage.quote) } }
                        figcaption {
                            (citation(tree, passage))
                            @if let Some(url) = tree.source(passage).url.as_deref() {
                                " — " (address(url))
                            }
                        }
                    }
                }
            }
        }
    }

    fn contacts(&mut self, contacts: &[When<u32>]) -> Markup {
        if contacts.is_empty() {
            return html! {};
        }
        let tree = self.tree;
        html! {
            div.conditional-list data-list="contacts" {
                h3 { "Who to ask" }
                ul.contacts {
                    @for entry in contacts {
                        @if let Some(found) = tree.contacts.get(entry.item as usize) {
                            li data-when=[self.when(&entry.when)] data-contact=(found.contact.name) {
                                @if let Some(note) = self.only_when(&entry.when) { span.when-note { "(" (note) ") " } }
                                (contact(&found.contact))
                            }
                        }
                    }
                }
            }
        }
    }

    fn links(&mut self, links: &[Link]) -> Markup {
        if links.is_empty() {
            return html! {};
        }
        html! {
            div.conditional-list data-list="links" {
                h3 { "Read more" }
                ul {
                    @for link in links {
                        li data-when=[self.when(&link.when)] {
                            @if let Some(note) = self.only_when(&link.when) { span.when-note { "(" (note) ") " } }
                            @match safe_url::href(&link.url) {
                                Some(href) => a href=(href) { (link.title) },
                                None => { (link.title) ": " (address(&link.url)) },
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What differs between a question's section and a checklist's.
struct Asking<'a> {
    text: &'a str,
    help: Option<&'a str>,
    /// `question` or `checklist`, for the script.
    kind: &'static str,
    /// The answers for reading without a script.
    reading: Markup,
    /// Said after the help, in the walk.
    hint: Option<&'static str>,
    /// What the error message asks for.
    error: Markup,
    /// The radios or checkboxes.
    choices: Markup,
}

/// One radio or checkbox with its label and hint.
fn choice(node: usize, index: usize, kind: &str, label: &str, detail: Option<&str>) -> Markup {
    let input = format!("a{node}-{index}");
    let hint = format!("{input}-hint");
    html! {
        div.choice {
            input id=(input) name={ "answer-" (node) } type=(kind) value=(index) aria-describedby=[detail.map(|_| &hint)];
            label for=(input) { (label) }
            @if let Some(detail) = detail { div.hint id=(hint) { (detail) } }
        }
    }
}

/// A contact: who, about what, and every way to reach them (email and web as links when they
/// are safe to follow), as [`crate::document::contact_line`] words it.
fn contact(contact: &crate::tree::model::Contact) -> Markup {
    let mut ways: Vec<Markup> = Vec::new();
    if let Some(email) = &contact.email {
        ways.push(html! {
            "email "
            @match safe_url::mailto(email) {
                Some(href) => a href=(href) { (email) },
                None => { (email) },
            }
        });
    }
    if let Some(slack) = &contact.slack {
        ways.push(html! { "Slack " (slack) });
    }
    if let Some(phone) = &contact.phone {
        ways.push(html! { "phone " (phone) });
    }
    if let Some(web) = &contact.web {
        ways.push(html! { "web " (address(web)) });
    }
    html! {
        strong { (contact.name) } " — " (contact.about.trim_end_matches('.')) ": "
        @for (i, way) in ways.iter().enumerate() {
            @if i > 0 { "; " }
            (way)
        }
    }
}

/// An address: a link when it is safe to follow, else the text as written.
fn address(url: &str) -> Markup {
    html! {
        @match safe_url::href(url) {
            Some(href) => a.url href=(href) { (url) },
            None => span.unlinked { (url) },
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

//! Checks an author's tree and builds the indexed [`Tree`]: every rule of `docs/authoring.md`
//! becomes a diagnostic that points at the offending text.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::contacts::ContactBook;
use super::format::{NodeDoc, OptionDoc, PassageDoc, TreeDoc};
use super::locate::{Locator, check_text};
use super::model::{
    Choice, ContactEntry, Header, Node, NodeId, NodeKind, Outcome, Passage, Question, Source, Tree,
};
use super::read::closest;
use super::syntax::Step::{self, Entry, Field, Item, Key};
use crate::diagnostic::{Code, Diagnostic};

/// The result of loading one tree file: the tree when it has no errors, and every diagnostic.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The tree, when there were no errors (warnings are allowed).
    pub tree: Option<Tree>,
    /// Everything found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates `doc` (read from `source`, the text of `file`) and builds the tree.
pub fn build(
    doc: TreeDoc,
    file: &str,
    source: &str,
    contacts: &ContactBook,
    today: NaiveDate,
) -> Loaded {
    let mut checker = Checker {
        loc: Locator::new(file, source),
        out: Vec::new(),
        contacts,
        used_contacts: HashMap::new(),
        tree_contacts: Vec::new(),
    };
    let c = &mut checker;

    for (field, value, what) in [
        ("id", &doc.id, "the tree id"),
        ("title", &doc.title, "the title"),
        ("summary", &doc.summary, "the summary"),
        ("owner", &doc.owner, "the owner"),
        ("version", &doc.version, "the version"),
    ] {
        c.text(&[Field(field)], value, what);
    }
    let review_by = c.review_date(&doc.review_by, today);

    let (sources, source_index) = c.sources(doc.sources.0);
    let node_index = c.node_index(&doc.nodes.0);
    let start = match node_index.get(doc.start.as_str()) {
        Some(&id) => id,
        None => {
            let hint = suggestion(
                &doc.start,
                node_index.keys().map(String::as_str),
                "set `start` to the id of the first question",
            );
            c.out.push(
                c.loc
                    .at(
                        Code::MissingStart,
                        &[Field("start")],
                        format!("the start node \"{}\" does not exist", doc.start),
                    )
                    .with_help(hint),
            );
            NodeId(0)
        }
    };

    let mut nodes = Vec::with_capacity(doc.nodes.0.len());
    for (i, (id, node)) in doc.nodes.0.into_iter().enumerate() {
        let kind = match node {
            NodeDoc::Question {
                text,
                help,
                options,
                guidance,
                contacts,
            } => {
                c.text(
                    &[Field("nodes"), Entry(i), Field("text")],
                    &text,
                    "the question text",
                );
                if let Some(help) = &help {
                    c.text(
                        &[Field("nodes"), Entry(i), Field("help")],
                        help,
                        "the help text",
                    );
                }
                if options.is_empty() {
                    c.out.push(
                        c.loc
                            .at(
                                Code::NoOptions,
                                &[Field("nodes"), Entry(i), Field("options")],
                                format!("question \"{id}\" has no options"),
                            )
                            .with_help("add at least one `Option(label: \"...\", next: \"...\")`"),
                    );
                }
                if guidance.is_empty() {
                    c.out.push(
                        c.loc.at(Code::QuestionWithoutGuidance, &[Field("nodes"), Key(i)], format!("question \"{id}\" has no guidance passage"))
                            .with_help("add a `guidance: [Passage(...)]` quoting the policy that explains this question"),
                    );
                }
                NodeKind::Question(Question {
                    options: c.options(i, options, &node_index),
                    guidance: c.passages(i, guidance, &source_index),
                    contacts: c.contact_refs(i, contacts),
                    text,
                    help,
                })
            }
            NodeDoc::Outcome {
                verdict,
                headline,
                explanation,
                conditions,
                fallbacks,
                guidance,
                contacts,
            } => {
                c.text(
                    &[Field("nodes"), Entry(i), Field("headline")],
                    &headline,
                    "the headline",
                );
                c.text(
                    &[Field("nodes"), Entry(i), Field("explanation")],
                    &explanation,
                    "the explanation",
                );
                for (field, list, what) in [
                    ("conditions", &conditions, "a condition"),
                    ("fallbacks", &fallbacks, "a fallback"),
                ] {
                    for (k, item) in list.iter().enumerate() {
                        c.text(
                            &[Field("nodes"), Entry(i), Field(field), Item(k)],
                            item,
                            what,
                        );
                    }
                }
                if guidance.is_empty() {
                    c.out.push(
                        c.loc.at(Code::OutcomeWithoutGuidance, &[Field("nodes"), Key(i)], format!("outcome \"{id}\" has no guidance passage"))
                            .with_help("every recommendation should rest on a quoted passage: add `guidance: [Passage(...)]`"),
                    );
                }
                NodeKind::Outcome(Outcome {
                    verdict,
                    guidance: c.passages(i, guidance, &source_index),
                    contacts: c.contact_refs(i, contacts),
                    headline,
                    explanation,
                    conditions,
                    fallbacks,
                })
            }
        };
        nodes.push(Node { id, kind });
    }

    if !nodes.is_empty() && (start.index()) < nodes.len() {
        c.reachability(&nodes, start, &node_index);
    }
    c.cycles(&nodes);

    let Checker {
        out, tree_contacts, ..
    } = checker;
    let has_errors = out.iter().any(Diagnostic::is_error);
    let tree = (!has_errors).then(|| {
        let header = Header {
            id: doc.id,
            title: doc.title,
            summary: doc.summary,
            owner: doc.owner,
            review_by,
            version: doc.version,
            origin: file.to_string(),
        };
        Tree::assemble(header, sources, tree_contacts, start, nodes, node_index)
    });
    Loaded {
        tree,
        diagnostics: out,
    }
}

struct Checker<'a> {
    loc: Locator<'a>,
    out: Vec<Diagnostic>,
    contacts: &'a ContactBook,
    /// Contact id → index in `tree_contacts`.
    used_contacts: HashMap<String, u32>,
    tree_contacts: Vec<ContactEntry>,
}

impl Checker<'_> {
    fn text(&mut self, path: &[Step], text: &str, what: &str) {
        check_text(&self.loc, &mut self.out, path, text, what);
    }

    fn review_date(&mut self, text: &str, today: NaiveDate) -> NaiveDate {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => {
                if date < today {
                    self.out.push(
                        self.loc
                            .at(Code::ReviewOverdue, &[Field("review_by")], format!("the review date {date} has passed"))
                            .with_help("review the content against the current guidance, then set a new `review_by` date"),
                    );
                }
                date
            }
            Err(_) => {
                self.out.push(
                    self.loc
                        .at(
                            Code::BadDate,
                            &[Field("review_by")],
                            format!("\"{text}\" is not a date in the form YYYY-MM-DD"),
                        )
                        .with_help("write the date like \"2027-03-31\""),
                );
                NaiveDate::MIN
            }
        }
    }

    fn sources(
        &mut self,
        docs: Vec<(String, super::format::SourceDoc)>,
    ) -> (Vec<Source>, HashMap<String, u32>) {
        let mut index = HashMap::new();
        let mut sources = Vec::with_capacity(docs.len());
        for (i, (key, doc)) in docs.into_iter().enumerate() {
            self.text(&[Field("sources"), Key(i)], &key, "the source id");
            for (field, value, what) in [
                ("title", Some(&doc.title), "the source title"),
                ("publisher", Some(&doc.publisher), "the publisher"),
                ("url", doc.url.as_ref(), "the url"),
                ("file", doc.file.as_ref(), "the file name"),
            ] {
                if let Some(value) = value {
                    self.text(&[Field("sources"), Entry(i), Field(field)], value, what);
                }
            }
            if index.contains_key(&key) {
                self.out.push(
                    self.loc
                        .at(
                            Code::DuplicateKey,
                            &[Field("sources"), Key(i)],
                            format!("source \"{key}\" is defined twice"),
                        )
                        .with_help("give each source its own id, or remove the copy"),
                );
            } else {
                index.insert(key.clone(), i as u32);
            }
            sources.push(Source {
                key,
                title: doc.title,
                publisher: doc.publisher,
                url: doc.url,
                file: doc.file,
            });
        }
        (sources, index)
    }

    fn node_index(&mut self, nodes: &[(String, NodeDoc)]) -> HashMap<String, NodeId> {
        let mut index = HashMap::with_capacity(nodes.len());
        for (i, (id, _)) in nodes.iter().enumerate() {
            self.text(&[Field("nodes"), Key(i)], id, "the node id");
            if let Some(first) = index.get(id) {
                let NodeId(first) = *first;
                let line = self.loc.line_of(&[Field("nodes"), Key(first as usize)]);
                self.out.push(
                    self.loc
                        .at(Code::DuplicateNode, &[Field("nodes"), Key(i)], format!("node id \"{id}\" is used twice"))
                        .with_help(format!("the first \"{id}\" is on line {line}; rename one of them (and the options that lead to it)")),
                );
            } else {
                index.insert(id.clone(), NodeId(i as u32));
            }
        }
        index
    }

    fn options(
        &mut self,
        node: usize,
        options: Vec<OptionDoc>,
        index: &HashMap<String, NodeId>,
    ) -> Vec<Choice> {
        let mut choices = Vec::with_capacity(options.len());
        for (j, option) in options.into_iter().enumerate() {
            let at = |field| {
                [
                    Field("nodes"),
                    Entry(node),
                    Field("options"),
                    Item(j),
                    Field(field),
                ]
            };
            self.text(&at("label"), &option.label, "the option label");
            if let Some(detail) = &option.detail {
                self.text(&at("detail"), detail, "the option detail");
            }
            let next = match index.get(option.next.as_str()) {
                Some(&id) => id,
                None => {
                    let hint = suggestion(
                        &option.next,
                        index.keys().map(String::as_str),
                        "add a node with this id, or point `next` at an existing node",
                    );
                    self.out.push(
                        self.loc
                            .at(Code::UnknownNode, &at("next"), format!("option \"{}\" leads to \"{}\", which is not a node of this tree", option.label, option.next))
                            .with_help(hint),
                    );
                    NodeId(u32::MAX)
                }
            };
            choices.push(Choice {
                label: option.label,
                detail: option.detail,
                next,
            });
        }
        choices
    }

    fn passages(
        &mut self,
        node: usize,
        passages: Vec<PassageDoc>,
        sources: &HashMap<String, u32>,
    ) -> Vec<Passage> {
        let mut out = Vec::with_capacity(passages.len());
        for (p, passage) in passages.into_iter().enumerate() {
            let at = |field| {
                [
                    Field("nodes"),
                    Entry(node),
                    Field("guidance"),
                    Item(p),
                    Field(field),
                ]
            };
            self.text(&at("section"), &passage.section, "the section heading");
            self.text(&at("quote"), &passage.quote, "the quote");
            let source = match sources.get(&passage.source) {
                Some(&s) => s,
                None => {
                    let hint = suggestion(
                        &passage.source,
                        sources.keys().map(String::as_str),
                        "add it to `sources`, or use one of the ids listed there",
                    );
                    self.out.push(
                        self.loc
                            .at(
                                Code::UnknownSource,
                                &at("source"),
                                format!(
                                    "source \"{}\" is not in this tree's `sources`",
                                    passage.source
                                ),
                            )
                            .with_help(hint),
                    );
                    u32::MAX
                }
            };
            out.push(Passage {
                source,
                section: passage.section,
                quote: passage.quote,
            });
        }
        out
    }

    fn contact_refs(&mut self, node: usize, ids: Vec<String>) -> Vec<u32> {
        let mut out = Vec::with_capacity(ids.len());
        for (k, id) in ids.into_iter().enumerate() {
            if let Some(&local) = self.used_contacts.get(&id) {
                out.push(local);
                continue;
            }
            match self.contacts.get(&id) {
                Some(entry) => {
                    let local = self.tree_contacts.len() as u32;
                    self.tree_contacts.push(entry.clone());
                    self.used_contacts.insert(id, local);
                    out.push(local);
                }
                // The contacts file itself failed to parse: its diagnostic explains every
                // missing contact, so one error per reference would only bury it.
                None if self.contacts.is_broken() => {}
                None => {
                    let hint = suggestion(
                        &id,
                        self.contacts.ids(),
                        "add the contact to contacts.ron, or use an id defined there",
                    );
                    self.out.push(
                        self.loc
                            .at(
                                Code::UnknownContact,
                                &[Field("nodes"), Entry(node), Field("contacts"), Item(k)],
                                format!("contact \"{id}\" is not in contacts.ron"),
                            )
                            .with_help(hint),
                    );
                }
            }
        }
        out
    }

    fn reachability(&mut self, nodes: &[Node], start: NodeId, index: &HashMap<String, NodeId>) {
        let mut seen = vec![false; nodes.len()];
        let mut stack = vec![start];
        seen[start.index()] = true;
        while let Some(id) = stack.pop() {
            for next in successors(&nodes[id.index()]) {
                if next.index() < nodes.len() && !seen[next.index()] {
                    seen[next.index()] = true;
                    stack.push(next);
                }
            }
        }
        for (i, node) in nodes.iter().enumerate() {
            // A duplicate is reported as such (E010), not also as unreachable.
            let duplicate = index.get(&node.id).is_some_and(|first| first.index() != i);
            if !seen[i] && !duplicate {
                self.out.push(
                    self.loc
                        .at(
                            Code::Unreachable,
                            &[Field("nodes"), Key(i)],
                            format!("node \"{}\" cannot be reached from the start", node.id),
                        )
                        .with_help("point an option's `next` at it, or remove it"),
                );
            }
        }
    }

    /// Depth-first search with colours; every back edge closes a cycle, reported at the option
    /// that closes it, naming the nodes on it.
    fn cycles(&mut self, nodes: &[Node]) {
        const WHITE: u8 = 0;
        const GREY: u8 = 1;
        const BLACK: u8 = 2;
        let mut colour = vec![WHITE; nodes.len()];
        for root in 0..nodes.len() {
            if colour[root] != WHITE {
                continue;
            }
            // (node, next option index to look at)
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            colour[root] = GREY;
            while let Some(&mut (node, ref mut next_option)) = stack.last_mut() {
                let options = match &nodes[node].kind {
                    NodeKind::Question(q) => q.options.as_slice(),
                    NodeKind::Outcome(_) => &[],
                };
                let Some(choice) = options.get(*next_option) else {
                    colour[node] = BLACK;
                    stack.pop();
                    continue;
                };
                let option_index = *next_option;
                *next_option += 1;
                let target = choice.next.index();
                if target >= nodes.len() {
                    continue;
                }
                match colour[target] {
                    WHITE => {
                        colour[target] = GREY;
                        stack.push((target, 0));
                    }
                    GREY => {
                        let from = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        let mut names: Vec<&str> = stack[from..]
                            .iter()
                            .map(|&(n, _)| nodes[n].id.as_str())
                            .collect();
                        names.push(&nodes[target].id);
                        self.out.push(
                            self.loc
                                .at(Code::Cycle, &[Field("nodes"), Entry(node), Field("options"), Item(option_index), Field("next")], format!("answers lead round in a circle: {}", names.join(" → ")))
                                .with_help("a walk must always end on an outcome: point this option at a node that does not lead back here"),
                        );
                    }
                    _ => {}
                }
            }
        }
    }
}

fn successors(node: &Node) -> impl Iterator<Item = NodeId> + '_ {
    let options = match &node.kind {
        NodeKind::Question(q) => q.options.as_slice(),
        NodeKind::Outcome(_) => &[],
    };
    options.iter().map(|c| c.next)
}

fn suggestion<'a>(
    found: &str,
    candidates: impl Iterator<Item = &'a str>,
    otherwise: &str,
) -> String {
    match closest(found, candidates) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => otherwise.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::load_tree;

    const TREE: &str = r#"Tree(id: "t", title: "T", summary: "S", owner: "O", review_by: "2099-01-01", version: "1",
        sources: {}, start: "end",
        nodes: { "end": Outcome(verdict: "recommended", headline: "H", explanation: "E", contacts: ["security", "privacy"]) })"#;

    fn contact_errors(book: &ContactBook) -> usize {
        load_tree("t.ron", TREE, book, NaiveDate::MIN)
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownContact)
            .count()
    }

    #[test]
    fn unknown_contacts_are_reported_when_the_contacts_file_is_fine() {
        let (book, diagnostics) = ContactBook::parse("contacts.ron", "{}");
        assert!(diagnostics.is_empty() && !book.is_broken());
        assert_eq!(contact_errors(&book), 2);
    }

    #[test]
    fn a_contacts_file_that_does_not_parse_does_not_flood_every_tree_with_e015() {
        let (broken, diagnostics) = ContactBook::parse("contacts.ron", "{ \"security\": Contact(");
        assert_eq!(diagnostics.len(), 1);
        assert!(broken.is_broken());
        let mut merged = ContactBook::default();
        merged.merge(broken);
        assert!(merged.is_broken(), "merging keeps the flag");
        assert_eq!(contact_errors(&merged), 0);
    }
}

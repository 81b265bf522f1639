//! Checks an author's tree and builds the indexed [`Tree`]: every rule of `docs/authoring.md`
//! becomes a diagnostic that points at the offending text.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::contacts::ContactBook;
use super::facts::{Condition, Fact, FactId};
use super::flow::{Finding, ListField, Site, analyse};
use super::format::{
    ConditionDoc, ContactRefDoc, ExplanationDoc, GuidanceDoc, LinkDoc, NodeDoc, OptionDoc,
    PassageDoc, PolicyRuleDoc, RuleDoc, TextDoc, TreeDoc,
};
use super::locate::{Locator, check_text, first_control};
use super::model::{
    Checklist, Choice, ContactEntry, Item as ChecklistItem, Link, Node, NodeId, NodeKind, Outcome,
    Passage, PolicyRule, Question, Route, Rule, RuleOrigin, SharedQuote, Source, Tree, When,
};
use super::paths::{Search, joined_answers, routes_where};
use super::policy::Policy;
use super::read::closest;
use super::syntax::Step::{self, Entry, Field, Item, Key};
use super::syntax::unknown_struct_names;
use super::vocabulary::{Vocabulary, value_of};
use crate::diagnostic::{Code, Diagnostic};

/// The result of loading one tree file: the tree when it has no errors, and every diagnostic.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The tree, when there were no errors (warnings are allowed).
    pub tree: Option<Tree>,
    /// Everything found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The tree as written, when its only errors are broken policy rules (E053): `diff` still
    /// compares it, to show what the breach does.
    pub breaking: Option<Tree>,
}

/// Validates `doc` (read from `source`, the text of `file`) and builds the tree. Its facts,
/// tools and paths are checked against the shared `policy`.
pub fn build(doc: TreeDoc, file: &str, source: &str, shared: Shared, today: NaiveDate) -> Loaded {
    let mut checker = Checker::new(file, source, shared);
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
    // A tree past the node limit is not looked at further: every later check walks its nodes.
    if doc.nodes.0.len() > MAX_NODES {
        c.out.push(
            c.loc
                .at(
                    Code::TooManyNodes,
                    &[Field("nodes")],
                    format!(
                        "the tree has {} nodes, more than {MAX_NODES}",
                        doc.nodes.0.len()
                    ),
                )
                .with_help("split it into several trees, each answering one question"),
        );
        return Loaded {
            diagnostics: checker.out,
            ..Loaded::default()
        };
    }
    let format = c.format(doc.format);
    c.format = format;
    let review_by = c.review_date(&doc.review_by, today);

    let (sources, source_index) = c.sources(doc.sources.0);
    let node_index = c.node_index(&doc.nodes.0);
    let vocabulary = Vocabulary::gather(&doc.nodes.0, shared.policy, &c.loc, &mut c.out);
    let quotes = c.quotes(doc.quotes.0, &source_index, &vocabulary);
    let start = match node_index.get(doc.start.as_str()) {
        Some(&id) => id,
        None => {
            c.unknown(
                Code::MissingStart,
                &[Field("start")],
                format!("the start node \"{}\" does not exist", doc.start),
                (&doc.start, node_index.keys().map(String::as_str)),
                "set `start` to the id of the first question",
            );
            NodeId(0)
        }
    };

    let scope = Scope {
        nodes: &node_index,
        sources: &source_index,
        vocabulary: &vocabulary,
        quotes: &quotes,
    };
    let mut nodes = Vec::with_capacity(doc.nodes.0.len());
    for (i, (id, node)) in doc.nodes.0.into_iter().enumerate() {
        let kind = c.node(i, &id, node, &scope);
        nodes.push(Node { id, kind });
    }
    let rules = c.rules(doc.rules.0, &scope, &shared.policy.tool_ids());
    // The shared rules that can hold in this tree, in terms of its facts.
    let shared_rules = shared.policy.rules_for(&vocabulary.facts);

    if c.struct_forms {
        c.struct_names(source);
    }
    c.unused_quotes(&quotes, &nodes);
    let start_ok = !nodes.is_empty() && start.index() < nodes.len();
    if start_ok {
        c.reachability(&nodes, start, &node_index);
    }
    let acyclic = c.cycles(&nodes);
    // The facts pass reads conditions; one that had an error was dropped, which would only
    // give warnings about a tree that is not the one written.
    let no_errors = !c.out.iter().any(Diagnostic::is_error);
    let mut all_rules = rules.clone();
    all_rules.extend(shared_rules);
    let mut reached = Vec::new();
    if start_ok && acyclic && no_errors && !(vocabulary.facts.is_empty() && all_rules.is_empty()) {
        reached = c.flow(&nodes, start, &vocabulary.facts, &all_rules);
        c.rules_never_reached(&rules, &reached);
    }
    // The shared rules some path of this tree can reach, for the policy's own checks.
    let policy_rules: Vec<PolicyRule> = all_rules
        .iter()
        .zip(reached.iter().chain(std::iter::repeat(&false)))
        .skip(rules.len())
        .filter(|&(_, &r)| r)
        .map(|(rule, _)| rule.clone())
        .collect();
    if format != 2
        && let Some((path, what)) = c.format_2_use.take()
    {
        c.out.push(
            c.loc
                .at(Code::NeedsFormat2, &path, format!("{what} needs tree format 2"))
                .with_help("add `format: 2,` as the first field of `Tree(`; docs/authoring.md lists what format 2 adds"),
        );
    }

    let Checker {
        mut out,
        tree_contacts,
        loc,
        may_break,
        ..
    } = checker;
    let has_errors = out.iter().any(Diagnostic::is_error);
    let tree = (!has_errors).then(|| {
        let mut quotes: Vec<SharedQuote> = quotes
            .into_iter()
            .map(|(id, passage)| SharedQuote { id, passage })
            .collect();
        quotes.sort_by_key(|q| q.passage.shared);
        let mut tree = Tree {
            id: doc.id,
            title: doc.title,
            summary: doc.summary,
            owner: doc.owner,
            review_by,
            version: doc.version,
            format,
            origin: file.to_string(),
            provenance: Default::default(),
            sources,
            facts: vocabulary.facts,
            quotes,
            rules,
            policy_rules: Vec::new(),
            tools: Vec::new(),
            policy_sources: Vec::new(),
            contacts: tree_contacts,
            start,
            nodes,
            index: node_index,
        };
        tree.policy_rules = policy_rules;
        let named: Vec<&String> = tree
            .nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Outcome(o) => Some(&o.tools),
                _ => None,
            })
            .flatten()
            .collect();
        // The tools its outcomes name, and those whose row of the approved-tools table it
        // quotes (shown as the tool's card).
        let quotes_row = |tool: &super::policy::Tool| {
            tree.nodes
                .iter()
                .flat_map(|n| n.guidance())
                .any(|p| tool.is_row(p))
        };
        tree.tools = shared
            .policy
            .tools
            .iter()
            .filter(|t| named.contains(&&t.id) || quotes_row(t))
            .cloned()
            .collect();
        if !tree.tools.is_empty() || !tree.policy_rules.is_empty() {
            tree.policy_sources = shared.policy.sources.clone();
        }
        tree
    });
    // A rule the facts pass says may break is confirmed by finding a path that breaks it.
    let broken = tree
        .as_ref()
        .map(|tree| broken_rules(tree, &all_rules, &may_break, &loc))
        .unwrap_or_default();
    let (tree, breaking) = if broken.is_empty() {
        (tree, None)
    } else {
        (None, tree)
    };
    out.extend(broken);
    Loaded {
        tree,
        diagnostics: out,
        breaking,
    }
}

/// The most nodes a tree may have: far beyond any tree people can walk or review, and a bound on
/// how deep the checks that follow answers from node to node may go.
pub const MAX_NODES: usize = 10_000;

/// The most options a question may have: an answer is a 16-bit index.
const MAX_OPTIONS: usize = u16::MAX as usize;

/// How many walk states the search for a path that breaks a rule may visit before it reports
/// the breach without one.
const BREACH_SEARCH_LIMIT: usize = 200_000;

/// E053 for every (rule, outcome) the facts pass flagged and a path confirms: one search per
/// rule, over all the outcomes flagged for it.
fn broken_rules(
    tree: &Tree,
    rules: &[PolicyRule],
    may_break: &[(usize, usize)],
    loc: &Locator,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        let targets: Vec<NodeId> = may_break
            .iter()
            .filter(|&&(rule, _)| rule == r)
            .map(|&(_, outcome)| NodeId(outcome as u32))
            .collect();
        if targets.is_empty() {
            continue;
        }
        let found = routes_where(tree, &targets, &rule.when, BREACH_SEARCH_LIMIT);
        for (node, search) in targets.into_iter().zip(found) {
            let Some(target) = tree.outcome(node) else {
                continue;
            };
            let ends = format!(
                "\"{} — {}\" (\"{}\")",
                target.verdict.label(),
                target.headline,
                tree.node(node).id
            );
            let message = match search {
                Search::Found(steps, facts) => {
                    let facts: Vec<String> = tree
                        .fact_values(&facts)
                        .into_iter()
                        .map(|(k, v)| format!("{k}: {}", v.join(", ")))
                        .collect();
                    format!(
                        "{} is broken: the answers \"{}\" ({}) end on {ends}",
                        rule.name(),
                        joined_answers(tree, &steps, " › "),
                        facts.join("; ")
                    )
                }
                Search::GaveUp => format!(
                    "{} is broken: paths where {} can end on {ends} (too many paths to name one)",
                    rule.name(),
                    rule.when.describe(&tree.facts)
                ),
                // The facts pass over-approximates: no real path breaks the rule here.
                Search::None => continue,
            };
            out.push(
                loc.at(Code::RuleBroken, &[Field("nodes"), Key(node.index())], message)
                    .with_help(format!(
                        "the rule says: {} — lead these answers to an outcome it allows, or change the rule",
                        rule.says
                    )),
            );
        }
    }
    out
}

/// What names in a node refer to.
pub(super) struct Scope<'s> {
    pub(super) nodes: &'s HashMap<String, NodeId>,
    pub(super) sources: &'s HashMap<String, u32>,
    pub(super) vocabulary: &'s Vocabulary,
    pub(super) quotes: &'s HashMap<String, Passage>,
}

/// What every tree is checked against: the contacts book and the shared policy.
#[derive(Clone, Copy, Debug)]
pub struct Shared<'a> {
    /// Every known contact.
    pub contacts: &'a ContactBook,
    /// The fact vocabulary, register of tools and rules every tree shares.
    pub policy: &'a Policy,
}

impl Shared<'static> {
    /// No contacts and no shared policy (a tree on its own).
    pub fn none() -> Self {
        static CONTACTS: std::sync::LazyLock<ContactBook> =
            std::sync::LazyLock::new(ContactBook::default);
        static POLICY: std::sync::LazyLock<Policy> = std::sync::LazyLock::new(Policy::default);
        Shared {
            contacts: &CONTACTS,
            policy: &POLICY,
        }
    }
}

impl<'a> Shared<'a> {
    /// These contacts, and no shared policy.
    pub fn with_contacts(contacts: &'a ContactBook) -> Self {
        Shared {
            contacts,
            policy: Shared::none().policy,
        }
    }
}

/// Checks one file's content, collecting diagnostics (used for trees and the policy file).
pub(super) struct Checker<'a> {
    pub(super) loc: Locator<'a>,
    pub(super) out: Vec<Diagnostic>,
    contacts: &'a ContactBook,
    policy: &'a Policy,
    /// Contact id → index in `tree_contacts`.
    used_contacts: HashMap<String, u32>,
    tree_contacts: Vec<ContactEntry>,
    /// The first use of a format-2 feature, reported when the file does not say `format: 2`.
    format_2_use: Option<(Vec<Step>, &'static str)>,
    /// The file's format.
    pub(super) format: u32,
    /// (rule, outcome) pairs the facts pass says may break the rule.
    may_break: Vec<(usize, usize)>,
    /// Whether some text or contact is written as `Text(...)` / `Contact(...)`, whose name ron
    /// does not check.
    struct_forms: bool,
}

impl<'a> Checker<'a> {
    /// A checker for `source`, the text of `file`, with nothing found yet.
    pub(super) fn new(file: &'a str, source: &'a str, shared: Shared<'a>) -> Self {
        Checker {
            loc: Locator::new(file, source),
            out: Vec::new(),
            contacts: shared.contacts,
            policy: shared.policy,
            used_contacts: HashMap::new(),
            tree_contacts: Vec::new(),
            format_2_use: None,
            format: 1,
            struct_forms: false,
            may_break: Vec::new(),
        }
    }

    pub(super) fn text(&mut self, path: &[Step], text: &str, what: &str) {
        check_text(&self.loc, &mut self.out, path, text, what);
    }

    /// Warns about each entry of the `quotes` table no node cites (W007).
    fn unused_quotes(&mut self, quotes: &HashMap<String, Passage>, nodes: &[Node]) {
        let mut cited = vec![false; quotes.len()];
        for passage in nodes.iter().flat_map(|n| n.guidance()) {
            if let Some(i) = passage.shared
                && let Some(flag) = cited.get_mut(i as usize)
            {
                *flag = true;
            }
        }
        let mut unused: Vec<(u32, &String)> = quotes
            .iter()
            .filter_map(|(id, p)| p.shared.map(|i| (i, id)))
            .filter(|(i, _)| !cited.get(*i as usize).copied().unwrap_or(true))
            .collect();
        unused.sort();
        for (i, id) in unused {
            self.out.push(
                self.loc
                    .at(
                        Code::UnusedQuote,
                        &[Field("quotes"), Key(i as usize)],
                        format!("no node cites the shared quote \"{id}\""),
                    )
                    .with_help(format!(
                        "cite it with `Quote(id: \"{id}\")` in a `guidance` list, or remove it"
                    )),
            );
        }
    }

    /// Reports every `Name(` that is not a struct of the format (see
    /// [`super::syntax::unknown_struct_names`]).
    fn struct_names(&mut self, source: &str) {
        for range in unknown_struct_names(source, STRUCT_NAMES) {
            let written = &source[range.clone()];
            let help = match closest(written, STRUCT_NAMES.iter().copied()) {
                Some(best) => format!("write `{best}(` here"),
                None => "conditional text is written `Text(text: \"...\", when: {...})` and a conditional contact `Contact(id: \"...\", when: {...})`; docs/authoring.md lists every name".to_string(),
            };
            self.out.push(
                Diagnostic::at(
                    Code::UnknownKind,
                    self.loc.file(),
                    source,
                    range,
                    format!("`{written}(...)` is not something a tree holds"),
                )
                .with_help(help),
            );
        }
    }

    /// Notes that `what`, at `path`, is a format-2 feature.
    fn format_2(&mut self, path: &[Step], what: &'static str) {
        if self.format_2_use.is_none() {
            self.format_2_use = Some((path.to_vec(), what));
        }
    }

    fn format(&mut self, format: Option<u32>) -> u32 {
        match format {
            None => 1,
            Some(f @ (1 | 2)) => f,
            Some(other) => {
                self.out.push(
                    self.loc
                        .at(
                            Code::UnknownFormat,
                            &[Field("format")],
                            format!("format {other} is not one this version of signpost reads"),
                        )
                        .with_help("write `format: 2` (or leave `format` out for format 1)"),
                );
                2
            }
        }
    }

    pub(super) fn review_date(&mut self, text: &str, today: NaiveDate) -> NaiveDate {
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

    pub(super) fn sources(
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

    /// The shared `quotes` table, checked like any passage.
    fn quotes(
        &mut self,
        docs: Vec<(String, PassageDoc)>,
        sources: &HashMap<String, u32>,
        vocabulary: &Vocabulary,
    ) -> HashMap<String, Passage> {
        let mut quotes = HashMap::with_capacity(docs.len());
        for (i, (id, doc)) in docs.into_iter().enumerate() {
            self.format_2(&[Field("quotes")], "a shared `quotes` table");
            self.text(&[Field("quotes"), Key(i)], &id, "the quote id");
            let at = [Field("quotes"), Entry(i)];
            let mut passage = self.passage(&at, doc, sources, vocabulary);
            passage.shared = Some(i as u32);
            match quotes.entry(id) {
                std::collections::hash_map::Entry::Occupied(taken) => self.out.push(
                    self.loc
                        .at(
                            Code::DuplicateKey,
                            &[Field("quotes"), Key(i)],
                            format!("quote \"{}\" is defined twice", taken.key()),
                        )
                        .with_help("give each shared quote its own id, or remove the copy"),
                ),
                std::collections::hash_map::Entry::Vacant(free) => {
                    free.insert(passage);
                }
            }
        }
        quotes
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

    fn node(&mut self, i: usize, id: &str, node: NodeDoc, scope: &Scope) -> NodeKind {
        let at = |field| [Field("nodes"), Entry(i), Field(field)];
        match node {
            NodeDoc::Question {
                text,
                help,
                remember,
                options,
                guidance,
                contacts,
                links,
            } => {
                self.prompt(i, id, &text, help.as_deref(), guidance.is_empty());
                if options.is_empty() {
                    self.out.push(
                        self.loc
                            .at(
                                Code::NoOptions,
                                &at("options"),
                                format!("question \"{id}\" has no options"),
                            )
                            .with_help("add at least one `Option(label: \"...\", next: \"...\")`"),
                    );
                }
                if options.len() == 1 {
                    self.out.push(
                        self.loc
                            .at(
                                Code::OneOption,
                                &at("options"),
                                format!("question \"{id}\" has only one option, so nobody chooses anything"),
                            )
                            .with_help("add the other answers people could give (\"No\", \"I'm not sure\"), or point the node before it straight at this option's `next`"),
                    );
                }
                // An answer is kept as a 16-bit index: more options could not be told apart.
                if options.len() > MAX_OPTIONS {
                    self.out.push(
                        self.loc
                            .at(
                                Code::TooManyOptions,
                                &at("options"),
                                format!("question \"{id}\" has {} options, more than {MAX_OPTIONS}", options.len()),
                            )
                            .with_help("nobody can choose among so many: split the question into several, each with a short list"),
                    );
                }
                let remember = remember.and_then(|key| {
                    self.format_2(&at("remember"), "`remember`");
                    self.text(&at("remember"), &key, "the fact key");
                    scope.vocabulary.get(&key)
                });
                NodeKind::Question(Question {
                    options: self.options(i, options, remember, scope),
                    guidance: self.guidance(i, guidance, scope),
                    contacts: self.contact_refs(i, contacts, scope),
                    links: self.links(i, links, scope),
                    remember,
                    text,
                    help,
                })
            }
            NodeDoc::Checklist {
                text,
                help,
                remember,
                items,
                none,
                next,
                guidance,
                contacts,
                links,
            } => {
                self.format_2(&[Field("nodes"), Entry(i)], "a `Checklist`");
                self.prompt(i, id, &text, help.as_deref(), guidance.is_empty());
                self.text(&at("remember"), &remember, "the fact key");
                if items.is_empty() {
                    self.out.push(
                        self.loc
                            .at(
                                Code::NoOptions,
                                &at("items"),
                                format!("checklist \"{id}\" has no items"),
                            )
                            .with_help("add at least one `Item(label: \"...\")`"),
                    );
                }
                for (j, item) in items.iter().enumerate() {
                    let at = [Field("nodes"), Entry(i), Field("items"), Item(j)];
                    let texts = (&item.label, item.value.as_ref(), item.detail.as_ref());
                    self.answer_texts(&at, texts, ITEM_TEXTS);
                }
                if let Some(none) = &none {
                    self.text(&at("none"), none, "the \"none of these\" label");
                }
                let next = self.target(&at("next"), &next, scope.nodes, || {
                    format!(
                        "checklist \"{id}\" leads to \"{next}\", which is not a node of this tree"
                    )
                });
                NodeKind::Checklist(Checklist {
                    remember: scope.vocabulary.get(&remember).unwrap_or(FactId(0)),
                    items: items
                        .into_iter()
                        .map(|item| ChecklistItem {
                            value: value_of(&item.value, &item.label),
                            label: item.label,
                            detail: item.detail,
                        })
                        .collect(),
                    none: none.unwrap_or_else(|| NONE_OF_THESE.to_string()),
                    guidance: self.guidance(i, guidance, scope),
                    contacts: self.contact_refs(i, contacts, scope),
                    links: self.links(i, links, scope),
                    next,
                    text,
                    help,
                })
            }
            NodeDoc::Route { rules } => {
                self.format_2(&[Field("nodes"), Entry(i)], "a `Route`");
                NodeKind::Route(self.route(i, id, rules, scope))
            }
            NodeDoc::Outcome {
                verdict,
                headline,
                explanation,
                conditions,
                fallbacks,
                guidance,
                contacts,
                links,
                tools,
            } => {
                self.text(&at("headline"), &headline, "the headline");
                let policy = self.policy;
                for (t, tool) in tools.iter().enumerate() {
                    let path = [&at("tools")[..], &[Item(t)]].concat();
                    self.format_2(&path, "a register tool");
                    self.tool_id(&path, tool, &policy.tool_ids());
                }
                let explanation = match explanation {
                    ExplanationDoc::One(text) => {
                        self.text(&at("explanation"), &text, "the explanation");
                        vec![When::always(text)]
                    }
                    ExplanationDoc::Parts(_) if self.format != 2 => {
                        // In format 1 an explanation is one text: a list is a wrong value.
                        self.out.push(
                            self.loc
                                .at(
                                    Code::WrongValue,
                                    &at("explanation"),
                                    "the explanation is a list; in format 1 it is one text"
                                        .to_string(),
                                )
                                .with_help("write the explanation as one text in \"double quotes\" (or add `format: 2,` to write it as a list of paragraphs)"),
                        );
                        Vec::new()
                    }
                    ExplanationDoc::Parts(parts) => {
                        if parts.is_empty() {
                            self.out.push(
                                self.loc
                                    .at(
                                        Code::EmptyText,
                                        &at("explanation"),
                                        "the explanation is empty".to_string(),
                                    )
                                    .with_help("write at least one paragraph"),
                            );
                        }
                        let what = "a paragraph of the explanation";
                        self.texts(i, "explanation", parts, what, scope)
                    }
                };
                if guidance.is_empty() {
                    self.out.push(
                        self.loc.at(Code::OutcomeWithoutGuidance, &[Field("nodes"), Key(i)], format!("outcome \"{id}\" has no guidance passage"))
                            .with_help("every recommendation should rest on a quoted passage: add `guidance: [Passage(...)]`"),
                    );
                }
                NodeKind::Outcome(Outcome {
                    verdict,
                    explanation,
                    conditions: self.texts(i, "conditions", conditions, "a condition", scope),
                    fallbacks: self.texts(i, "fallbacks", fallbacks, "a fallback", scope),
                    guidance: self.guidance(i, guidance, scope),
                    contacts: self.contact_refs(i, contacts, scope),
                    links: self.links(i, links, scope),
                    tools,
                    headline,
                })
            }
        }
    }

    /// The label, value and detail of an option or checklist item written at `at`.
    fn answer_texts(
        &mut self,
        at: &[Step],
        (label, value, detail): (&String, Option<&String>, Option<&String>),
        [label_what, value_what, detail_what]: [&str; 3],
    ) {
        // Positions are worked out only when a text has a problem (the common case is none).
        let field = |f| [at, &[Field(f)]].concat();
        if has_problem(label) {
            self.text(&field("label"), label, label_what);
        }
        if let Some(value) = value.filter(|v| has_problem(v)) {
            self.text(&field("value"), value, value_what);
        }
        if let Some(detail) = detail.filter(|d| has_problem(d)) {
            self.text(&field("detail"), detail, detail_what);
        }
    }

    /// The parts every question and checklist shares: text, help, the guidance warning.
    fn prompt(&mut self, i: usize, id: &str, text: &str, help: Option<&str>, no_guidance: bool) {
        self.text(
            &[Field("nodes"), Entry(i), Field("text")],
            text,
            "the question text",
        );
        if let Some(help) = help {
            self.text(
                &[Field("nodes"), Entry(i), Field("help")],
                help,
                "the help text",
            );
        }
        if no_guidance {
            self.out.push(
                self.loc.at(Code::QuestionWithoutGuidance, &[Field("nodes"), Key(i)], format!("question \"{id}\" has no guidance passage"))
                    .with_help("add a `guidance: [Passage(...)]` quoting the policy that explains this question"),
            );
        }
    }

    /// Reports `name` (one of `known` misspelt, or missing from them) at `path`, with the
    /// closest known name as the fix, or `otherwise` when none is close.
    fn unknown<'k>(
        &mut self,
        code: Code,
        path: &[Step],
        message: String,
        (name, known): (&str, impl Iterator<Item = &'k str>),
        otherwise: &str,
    ) {
        let hint = suggestion(name, known, otherwise);
        self.out
            .push(self.loc.at(code, path, message).with_help(hint));
    }

    /// Resolves a node id written at `path`.
    fn target(
        &mut self,
        path: &[Step],
        target: &str,
        index: &HashMap<String, NodeId>,
        message: impl FnOnce() -> String,
    ) -> NodeId {
        match index.get(target) {
            Some(&id) => id,
            None => {
                self.unknown(
                    Code::UnknownNode,
                    path,
                    message(),
                    (target, index.keys().map(String::as_str)),
                    "add a node with this id, or point `next` at an existing node",
                );
                NodeId(u32::MAX)
            }
        }
    }

    fn options(
        &mut self,
        node: usize,
        options: Vec<OptionDoc>,
        remember: Option<FactId>,
        scope: &Scope,
    ) -> Vec<Choice> {
        let mut choices = Vec::with_capacity(options.len());
        for (j, option) in options.into_iter().enumerate() {
            let base = [Field("nodes"), Entry(node), Field("options"), Item(j)];
            let at = |field| [base[0], base[1], base[2], base[3], Field(field)];
            let texts = (&option.label, option.value.as_ref(), option.detail.as_ref());
            self.answer_texts(&base, texts, OPTION_TEXTS);
            if option.value.is_some() {
                self.format_2(&at("value"), "an option `value`");
            }
            // The value matters only where the answer is remembered: work it out only there.
            let fact_value = remember
                .and_then(|f| {
                    let value = value_of(&option.value, &option.label);
                    scope.vocabulary.facts[f.index()].value_index(&value)
                })
                .unwrap_or(0) as u16;
            let next = self.target(&at("next"), &option.next, scope.nodes, || {
                format!(
                    "option \"{}\" leads to \"{}\", which is not a node of this tree",
                    option.label, option.next
                )
            });
            choices.push(Choice {
                label: option.label,
                written_value: option.value,
                fact_value,
                detail: option.detail,
                next,
            });
        }
        choices
    }

    fn route(&mut self, node: usize, id: &str, rules: Vec<RuleDoc>, scope: &Scope) -> Route {
        let count = rules.len();
        let early_otherwise = rules[..count.saturating_sub(1)]
            .iter()
            .any(|r| matches!(r, RuleDoc::Otherwise(_)));
        let mut out = Vec::with_capacity(count);
        for (r, rule) in rules.into_iter().enumerate() {
            let at = [Field("nodes"), Entry(node), Field("rules"), Item(r)];
            let last = r + 1 == count;
            let (condition, go, go_at) = match rule {
                RuleDoc::When { condition, go } => {
                    // An `Otherwise` before the end is reported where it is, not twice.
                    if last && !early_otherwise {
                        self.out.push(
                            self.loc
                                .at(Code::BadOtherwise, &at, format!("route \"{id}\" does not end with `Otherwise`"))
                                .with_help("add `Otherwise(\"node-id\")` as the last rule: where to go when no rule matches"),
                        );
                    }
                    let condition =
                        self.condition(&condition, &[&at[..], &[Field("if")]].concat(), scope);
                    (condition, go, [&at[..], &[Field("go")]].concat())
                }
                RuleDoc::Otherwise(go) => {
                    if !last {
                        self.out.push(
                            self.loc
                                .at(Code::BadOtherwise, &at, format!("`Otherwise` is not the last rule of route \"{id}\""))
                                .with_help("rules are tried in order, so nothing after `Otherwise` is ever used: move it to the end"),
                        );
                    }
                    (Condition::default(), go, [&at[..], &[Item(0)]].concat())
                }
            };
            let go = self.target(&go_at, &go, scope.nodes, || {
                format!("route \"{id}\" leads to \"{go}\", which is not a node of this tree")
            });
            out.push(Rule { condition, go });
        }
        if count == 0 {
            self.out.push(
                self.loc
                    .at(
                        Code::BadOtherwise,
                        &[Field("nodes"), Entry(node), Field("rules")],
                        format!("route \"{id}\" has no rules"),
                    )
                    .with_help(
                        "add `When(if: {...}, go: \"...\")` rules and a last `Otherwise(\"...\")`",
                    ),
            );
        }
        Route { rules: out }
    }

    fn condition(&mut self, doc: &ConditionDoc, path: &[Step], scope: &Scope) -> Condition {
        self.format_2(path, "a condition");
        scope
            .vocabulary
            .condition(doc, path, &self.loc, &mut self.out)
    }

    /// The `when:` of the item at `path`, if it has one.
    fn when(&mut self, doc: Option<&ConditionDoc>, path: &[Step], scope: &Scope) -> Condition {
        match doc {
            Some(doc) => self.condition(doc, &[path, &[Field("when")]].concat(), scope),
            None => Condition::default(),
        }
    }

    /// A list of texts, each plain or `Text(text: ..., when: ...)`.
    fn texts(
        &mut self,
        node: usize,
        field: &'static str,
        texts: Vec<TextDoc>,
        what: &str,
        scope: &Scope,
    ) -> Vec<When<String>> {
        let mut out = Vec::with_capacity(texts.len());
        for (k, text) in texts.into_iter().enumerate() {
            let at = [Field("nodes"), Entry(node), Field(field), Item(k)];
            out.push(match text {
                TextDoc::Plain(item) => {
                    self.text(&at, &item, what);
                    When::always(item)
                }
                TextDoc::When { text, when } => {
                    self.struct_forms = true;
                    self.format_2(&at, "`Text(...)`");
                    self.text(&[&at[..], &[Field("text")]].concat(), &text, what);
                    When {
                        when: self.when(when.as_ref(), &at, scope),
                        item: text,
                    }
                }
            });
        }
        out
    }

    /// A passage written at `at` (in a node's guidance or the `quotes` table).
    pub(super) fn passage(
        &mut self,
        at: &[Step],
        doc: PassageDoc,
        sources: &HashMap<String, u32>,
        vocabulary: &Vocabulary,
    ) -> Passage {
        let field = |f| [at, &[Field(f)]].concat();
        self.text(&field("section"), &doc.section, "the section heading");
        self.text(&field("quote"), &doc.quote, "the quote");
        let source = match sources.get(&doc.source) {
            Some(&s) => s,
            None => {
                self.unknown(
                    Code::UnknownSource,
                    &field("source"),
                    format!("source \"{}\" is not in this tree's `sources`", doc.source),
                    (&doc.source, sources.keys().map(String::as_str)),
                    "add it to `sources`, or use one of the ids listed there",
                );
                u32::MAX
            }
        };
        let when = match &doc.when {
            Some(condition) => {
                let path = field("when");
                self.format_2(&path, "a condition");
                vocabulary.condition(condition, &path, &self.loc, &mut self.out)
            }
            None => Condition::default(),
        };
        Passage {
            source,
            section: doc.section,
            quote: doc.quote,
            when,
            shared: None,
        }
    }

    fn guidance(&mut self, node: usize, guidance: Vec<GuidanceDoc>, scope: &Scope) -> Vec<Passage> {
        let mut out = Vec::with_capacity(guidance.len());
        for (p, item) in guidance.into_iter().enumerate() {
            let at = [Field("nodes"), Entry(node), Field("guidance"), Item(p)];
            match item.into_passage() {
                Ok(doc) => out.push(self.passage(&at, doc, scope.sources, scope.vocabulary)),
                Err((id, when)) => {
                    self.format_2(&at, "a shared `Quote`");
                    let when = self.when(when.as_ref(), &at, scope);
                    if let Some(mut passage) = self.cited_quote(&id, &at, scope) {
                        passage.when.tests.extend(when.tests);
                        out.push(passage);
                    }
                }
            }
        }
        out
    }

    /// The shared quote `id` cited by `Quote(id: ...)` at `at`; E049 when the `quotes` table
    /// has none.
    fn cited_quote(&mut self, id: &str, at: &[Step], scope: &Scope) -> Option<Passage> {
        if let Some(shared) = scope.quotes.get(id) {
            return Some(shared.clone());
        }
        self.unknown(
            Code::UnknownQuote,
            &[at, &[Field("id")]].concat(),
            format!("quote \"{id}\" is not in this tree's `quotes`"),
            (id, scope.quotes.keys().map(String::as_str)),
            "add it to the tree's `quotes` table, or use an id defined there",
        );
        None
    }

    fn links(&mut self, node: usize, links: Vec<LinkDoc>, scope: &Scope) -> Vec<Link> {
        let mut out = Vec::with_capacity(links.len());
        for (k, link) in links.into_iter().enumerate() {
            let at = [Field("nodes"), Entry(node), Field("links"), Item(k)];
            let field = |f| [&at[..], &[Field(f)]].concat();
            self.format_2(&at, "`links`");
            self.text(&field("title"), &link.title, "the link title");
            self.text(&field("url"), &link.url, "the link url");
            out.push(Link {
                when: self.when(link.when.as_ref(), &at, scope),
                title: link.title,
                url: link.url,
            });
        }
        out
    }

    fn contact_refs(
        &mut self,
        node: usize,
        refs: Vec<ContactRefDoc>,
        scope: &Scope,
    ) -> Vec<When<u32>> {
        let mut out = Vec::with_capacity(refs.len());
        for (k, reference) in refs.into_iter().enumerate() {
            let at = [Field("nodes"), Entry(node), Field("contacts"), Item(k)];
            let (id, when) = match reference {
                ContactRefDoc::Plain(id) => (id, Condition::default()),
                ContactRefDoc::When { id, when } => {
                    self.struct_forms = true;
                    self.format_2(&at, "`Contact(...)`");
                    let when = self.when(when.as_ref(), &at, scope);
                    (id, when)
                }
            };
            if let Some(&local) = self.used_contacts.get(&id) {
                out.push(When { item: local, when });
                continue;
            }
            match self.contacts.get(&id) {
                Some(entry) => {
                    let local = self.tree_contacts.len() as u32;
                    self.tree_contacts.push(entry.clone());
                    self.used_contacts.insert(id, local);
                    out.push(When { item: local, when });
                }
                // The contacts file itself failed to parse: its diagnostic explains every
                // missing contact, so one error per reference would only bury it.
                None if self.contacts.is_broken() => {}
                None => {
                    self.unknown(
                        Code::UnknownContact,
                        &at,
                        format!("contact \"{id}\" is not in contacts.ron"),
                        (&id, self.contacts.ids()),
                        "add the contact to contacts.ron, or use an id defined there",
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
            for next in nodes[id.index()].successors() {
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

    /// Depth-first search with colours; every back edge closes a cycle, reported where the
    /// option, checklist or route rule that closes it is written, naming the nodes on it.
    /// True when there is no cycle.
    fn cycles(&mut self, nodes: &[Node]) -> bool {
        const WHITE: u8 = 0;
        const GREY: u8 = 1;
        const BLACK: u8 = 2;
        let mut colour = vec![WHITE; nodes.len()];
        let mut acyclic = true;
        for root in 0..nodes.len() {
            if colour[root] != WHITE {
                continue;
            }
            // (node, its successors not yet looked at, numbered): each edge is visited once,
            // so a question with many options costs no more than its options.
            let mut stack = vec![(root, nodes[root].successors().enumerate())];
            colour[root] = GREY;
            while let Some((node, successors)) = stack.last_mut() {
                let node = *node;
                let Some((edge, target)) = successors.next() else {
                    colour[node] = BLACK;
                    stack.pop();
                    continue;
                };
                let target = target.index();
                if target >= nodes.len() {
                    continue;
                }
                match colour[target] {
                    WHITE => {
                        colour[target] = GREY;
                        stack.push((target, nodes[target].successors().enumerate()));
                    }
                    GREY => {
                        acyclic = false;
                        let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        let mut names: Vec<&str> = stack[from..]
                            .iter()
                            .map(|(n, _)| nodes[*n].id.as_str())
                            .collect();
                        names.push(&nodes[target].id);
                        let path = edge_path(&nodes[node], node, edge);
                        self.out.push(
                            self.loc
                                .at(Code::Cycle, &path, format!("answers lead round in a circle: {}", names.join(" → ")))
                                .with_help("a walk must always end on an outcome: point this at a node that does not lead back here"),
                        );
                    }
                    _ => {}
                }
            }
        }
        acyclic
    }

    /// Policy rules, each checked like the content it names; `tools` are the register's ids.
    pub(super) fn rules(
        &mut self,
        docs: Vec<(String, PolicyRuleDoc)>,
        scope: &Scope,
        tools: &[&str],
    ) -> Vec<PolicyRule> {
        let mut rules = Vec::with_capacity(docs.len());
        for (i, (id, doc)) in docs.into_iter().enumerate() {
            let at = [Field("rules"), Entry(i)];
            let field = |f| [&at[..], &[Field(f)]].concat();
            self.format_2(&[Field("rules"), Key(i)], "a policy rule");
            self.text(&[Field("rules"), Key(i)], &id, "the rule id");
            self.text(&field("says"), &doc.says, "what the rule says");
            if rules.iter().any(|r: &PolicyRule| r.id == id) {
                self.out.push(
                    self.loc
                        .at(
                            Code::DuplicateKey,
                            &[Field("rules"), Key(i)],
                            format!("rule \"{id}\" is defined twice"),
                        )
                        .with_help("give each rule its own id, or remove the copy"),
                );
            }
            if doc.never.is_empty() {
                self.out.push(
                    self.loc
                        .at(Code::WrongValue, &field("never"), format!("rule \"{id}\" forbids no verdict"))
                        .with_help("list the verdicts the rule forbids, such as [\"recommended\", \"allowed-with-conditions\"]"),
                );
            }
            let when = self.condition(&doc.when, &field("when"), scope);
            for (t, tool) in doc.tools.iter().enumerate() {
                self.tool_id(&[&field("tools")[..], &[Item(t)]].concat(), tool, tools);
            }
            let source = match doc.source.into_passage() {
                Ok(passage) => {
                    self.passage(&field("source"), passage, scope.sources, scope.vocabulary)
                }
                Err((quote, _)) => match self.cited_quote(&quote, &field("source"), scope) {
                    Some(passage) => passage,
                    None => continue,
                },
            };
            rules.push(PolicyRule {
                id,
                says: doc.says,
                when,
                never: doc.never,
                tools: doc.tools,
                source,
                origin: RuleOrigin::Tree,
            });
        }
        rules
    }

    /// Reports an unknown register tool id written at `path`.
    fn tool_id(&mut self, path: &[Step], id: &str, tools: &[&str]) {
        if tools.contains(&id) || self.policy.is_broken() {
            return;
        }
        self.unknown(
            Code::UnknownTool,
            path,
            format!("\"{id}\" is not a tool in the register"),
            (id, tools.iter().copied()),
            "name a tool of the register (the `tools` of policy.ron)",
        );
    }

    /// W008 for each of the tree's own rules that no path reaching an outcome can meet.
    fn rules_never_reached(&mut self, rules: &[PolicyRule], reached: &[bool]) {
        for (r, rule) in rules.iter().enumerate() {
            if !reached[r] {
                self.out.push(
                    self.loc
                        .at(Code::RuleNeverApplies, &[Field("rules"), Key(r)], format!("no path of this tree can meet {}", rule.name()))
                        .with_help("check the facts and values its `when` tests against the answers of the tree, or remove the rule"),
                );
            }
        }
    }

    /// Runs the facts pass ([`super::flow`]) and reports what it finds. Returns, for each
    /// rule, whether a path reaching an outcome can meet its condition.
    fn flow(
        &mut self,
        nodes: &[Node],
        start: NodeId,
        facts: &[Fact],
        rules: &[PolicyRule],
    ) -> Vec<bool> {
        let mut reached = vec![false; rules.len()];
        for finding in analyse(nodes, start, facts, rules) {
            let diagnostic = match finding {
                Finding::RuleReached { rule } => {
                    reached[rule] = true;
                    continue;
                }
                Finding::RuleMayBreak { rule, outcome } => {
                    self.may_break.push((rule, outcome));
                    continue;
                }
                Finding::RememberedTwice { site, key } => self
                    .loc
                    .at(Code::RememberedTwice, &site_path(site), format!("fact \"{key}\" is already set on a path that reaches \"{}\"", nodes[site_node(site)].id))
                    .with_help("a path asks for each fact once: lead here only where the fact is not yet known, or remember this answer under another key"),
                Finding::NeverSet { site, key } => self
                    .loc
                    .at(Code::FactNeverSet, &site_path(site), format!("no path sets \"{key}\" before route \"{}\"", nodes[site_node(site)].id))
                    .with_help(format!("ask the question that remembers \"{key}\" before this route, or test `NotSet`")),
                Finding::RuleNeverMatches { site, why } => {
                    let route = &nodes[site_node(site)].id;
                    let (message, help) = match why {
                        Some(why) => (
                            format!("this rule of route \"{route}\" can never match: {why}"),
                            "check the values this rule tests against the answers that lead here",
                        ),
                        None => (
                            format!("this rule of route \"{route}\" can never match: the rules before it take every case it covers"),
                            "rules are tried in order: move it above the rule that covers it, or remove it",
                        ),
                    };
                    self.loc.at(Code::RuleNeverMatches, &site_path(site), message).with_help(help)
                }
                Finding::WhenNeverTrue { site, why } => {
                    let node = &nodes[site_node(site)];
                    let (path, what) = match shared_quote(node, site) {
                        // The condition may be the shared quote's own: point at the citation.
                        Some(_) => (
                            site_path(site)[..4].to_vec(),
                            "the `when:` of this shared quote (with the citation's own)",
                        ),
                        None => (site_path(site), "this `when:`"),
                    };
                    self.loc
                        .at(Code::WhenNeverTrue, &path, format!("{what} is false on every path reaching \"{}\": {why}", node.id))
                        .with_help("check the values it tests against the answers that lead here, or remove the text")
                }
            };
            self.out.push(diagnostic);
        }
        reached
    }
}

/// Where the n-th successor of a node is written.
fn edge_path(node: &Node, index: usize, edge: usize) -> Vec<Step> {
    let base = vec![Field("nodes"), Entry(index)];
    let rest = match &node.kind {
        NodeKind::Checklist(_) => vec![Field("next")],
        NodeKind::Route(_) => vec![Field("rules"), Item(edge)],
        _ => vec![Field("options"), Item(edge), Field("next")],
    };
    [base, rest].concat()
}

/// The shared quote a guidance site cites, if it is one.
fn shared_quote(node: &Node, site: Site) -> Option<u32> {
    match site {
        Site::When(_, ListField::Guidance, i) => node.guidance().get(i)?.shared,
        _ => None,
    }
}

fn site_node(site: Site) -> usize {
    match site {
        Site::Remember(n) | Site::RuleTest(n, ..) | Site::Rule(n, _) | Site::When(n, ..) => n,
    }
}

fn site_path(site: Site) -> Vec<Step> {
    let node = |n| vec![Field("nodes"), Entry(n)];
    let rest = match site {
        Site::Remember(_) => vec![Field("remember")],
        Site::RuleTest(_, r, t) => vec![Field("rules"), Item(r), Field("if"), Key(t)],
        Site::Rule(_, r) => vec![Field("rules"), Item(r)],
        Site::When(_, field, k) => vec![Field(field.name()), Item(k), Field("when")],
    };
    [node(site_node(site)), rest].concat()
}

/// What [`Checker::answer_texts`] calls the texts of an option and of a checklist item.
const OPTION_TEXTS: [&str; 3] = ["the option label", "the option value", "the option detail"];
const ITEM_TEXTS: [&str; 3] = ["the item label", "the item value", "the item detail"];

/// Whether [`check_text`] would report `text` (blank, or with a control character).
fn has_problem(text: &str) -> bool {
    text.trim().is_empty() || first_control(text).is_some()
}

/// Every name written before `(` in a tree file.
const STRUCT_NAMES: &[&str] = &[
    "Tree",
    "Rule",
    "Source",
    "Question",
    "Checklist",
    "Route",
    "Outcome",
    "Option",
    "Item",
    "When",
    "Otherwise",
    "Text",
    "Contact",
    "Passage",
    "Quote",
    "Link",
    "Has",
    "Lacks",
    "Some",
];

/// The label of a checklist's "none of these" answer when the author gives none.
pub const NONE_OF_THESE: &str = "None of these";

pub(super) fn suggestion<'a>(
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
        load_tree("t.ron", TREE, Shared::with_contacts(book), NaiveDate::MIN)
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownContact)
            .count()
    }

    /// The codes (in order) of a format-2 tree made of `nodes`, starting at "q".
    fn codes_of(nodes: &str) -> Vec<Code> {
        let src = format!(
            "Tree(format: 2, id: \"t\", title: \"T\", summary: \"S\", owner: \"O\", review_by: \"2099-01-01\", version: \"1\", sources: {{}}, start: \"q\", nodes: {nodes})"
        );
        load_tree("t.ron", &src, Shared::none(), NaiveDate::MIN)
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .filter(|c| {
                !matches!(
                    c,
                    Code::QuestionWithoutGuidance | Code::OutcomeWithoutGuidance
                )
            })
            .collect()
    }

    const QUESTION: &str = r#""q": Question(text: "Q?", remember: "k", options: [
        Option(label: "A", next: "r"), Option(label: "B", next: "r"), Option(label: "C", next: "r"),
    ]),
    "x": Outcome(verdict: "recommended", headline: "X", explanation: "e"),
    "y": Outcome(verdict: "recommended", headline: "Y", explanation: "e"),"#;

    #[test]
    fn policy_rules_and_conditional_text_live_together() {
        // `Rule(` and `Text(` are both names of the format: the struct-name pass knows them.
        let src = r#"Tree(format: 2, id: "t", title: "T", summary: "S", owner: "O", review_by: "2099-01-01", version: "1",
            sources: {"d": Source(title: "D", publisher: "P")},
            rules: {"r": Rule(says: "s", when: {"k": "a"}, never: ["not-allowed"], source: Passage(source: "d", section: "S", quote: "Q"))},
            start: "q", nodes: {
                "q": Question(text: "Q?", remember: "k", options: [Option(label: "A", next: "x"), Option(label: "B", next: "y")]),
                "x": Outcome(verdict: "recommended", headline: "X", explanation: "e", conditions: [Text(text: "c", when: {"k": "a"})]),
                "y": Outcome(verdict: "not-allowed", headline: "Y", explanation: "e"),
            })"#;
        let loaded = load_tree("t.ron", src, Shared::none(), NaiveDate::MIN);
        let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.severity() == crate::diagnostic::Severity::Warning),
            "{codes:?}"
        );
        assert!(loaded.tree.is_some());
    }

    #[test]
    fn a_rule_covered_by_several_earlier_rules_together_is_shadowed() {
        let shadowed = format!(
            r#"{{{QUESTION} "r": Route(rules: [
                When(if: {{"k": "a"}}, go: "x"),
                When(if: {{"k": "b"}}, go: "y"),
                When(if: {{"k": ["a", "b"]}}, go: "y"),
                Otherwise("x"),
            ])}}"#
        );
        assert_eq!(codes_of(&shadowed), [Code::RuleNeverMatches]);
        let partly_new = shadowed.replace(r#"["a", "b"]"#, r#"["a", "c"]"#);
        assert_eq!(codes_of(&partly_new), []);
    }

    #[test]
    fn a_when_after_a_route_knows_what_the_route_took() {
        // "y" is reached only when k is not "a": a passage for k = "a" there never shows.
        let tree = format!(
            r#"{{{QUESTION} "r": Route(rules: [When(if: {{"k": "a"}}, go: "x"), Otherwise("y")]),
            "z": Outcome(verdict: "recommended", headline: "Z", explanation: "e")}}"#
        )
        .replace(
            r#""y": Outcome(verdict: "recommended", headline: "Y", explanation: "e"),"#,
            r#""y": Outcome(verdict: "recommended", headline: "Y", explanation: "e",
                conditions: [Text(text: "only for A", when: {"k": "a"}), Text(text: "for B", when: {"k": "b"})]),"#,
        );
        assert_eq!(codes_of(&tree), [Code::Unreachable, Code::WhenNeverTrue]);
    }

    #[test]
    fn a_fact_set_on_only_some_paths_can_be_tested() {
        // "k2" is set on the path through "q2" only: testing it is fine (the other path is
        // simply not matched), and NotSet is the way to catch the other path.
        let tree = r#"{
            "q": Question(text: "Q?", remember: "k", options: [
                Option(label: "A", next: "q2"), Option(label: "B", next: "r"),
            ]),
            "q2": Question(text: "Q2?", remember: "k2", options: [
                Option(label: "Yes", next: "r"), Option(label: "No", next: "r"),
            ]),
            "r": Route(rules: [
                When(if: {"k2": "yes"}, go: "x"),
                When(if: {"k2": NotSet}, go: "y"),
                Otherwise("x"),
            ]),
            "x": Outcome(verdict: "recommended", headline: "X", explanation: "e"),
            "y": Outcome(verdict: "recommended", headline: "Y", explanation: "e"),
        }"#;
        assert_eq!(codes_of(tree), []);
    }

    #[test]
    fn a_route_that_leads_back_is_a_cycle_and_is_not_analysed_further() {
        let tree = format!(
            r#"{{{QUESTION} "r": Route(rules: [When(if: {{"k": "a"}}, go: "q"), Otherwise("x")])}}"#
        );
        assert_eq!(codes_of(&tree), [Code::Unreachable, Code::Cycle]);
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

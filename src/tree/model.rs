//! The validated, indexed tree that the rest of the program works with.
//!
//! Every reference is resolved to a compact integer index at load time: walking, tables and
//! search never hash a string.

use super::format::Audience;
use std::collections::HashMap;

use chrono::NaiveDate;

pub use super::facts::{Condition, Fact, FactId, Facts};
pub use super::format::{ContactDoc as Contact, Verdict};

/// Index of a node in [`Tree::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A loaded, validated decision tree.
#[derive(Clone, Debug)]
pub struct Tree {
    /// Short id (`share`).
    pub id: String,
    /// The question the tree answers.
    pub title: String,
    /// One line on what it covers.
    pub summary: String,
    /// The team responsible for the content.
    pub owner: String,
    /// When the content is due for review.
    pub review_by: NaiveDate,
    /// Content version.
    pub version: String,
    /// The file format: 1, or 2 for trees that use facts, routes and conditional text.
    pub format: u32,
    /// Where the tree was loaded from (a path, or `<embedded>/share.ron`).
    pub origin: String,
    /// Built in, or a local file (and whether it is a draft of a built-in tree).
    pub provenance: super::provenance::Provenance,
    /// The documents quoted, indexed by [`Passage::source`].
    pub sources: Vec<Source>,
    /// The contacts this tree refers to, indexed by the ids in nodes.
    pub contacts: Vec<ContactEntry>,
    /// The facts the tree's questions remember, indexed by [`FactId`].
    pub facts: Vec<Fact>,
    /// The shared `quotes` table, in file order.
    pub quotes: Vec<SharedQuote>,
    /// The policy rules every path must keep, in file order.
    pub rules: Vec<PolicyRule>,
    /// The shared policy's rules that some path of this tree can reach, in terms of its facts.
    pub policy_rules: Vec<PolicyRule>,
    /// The register entries of the tools its outcomes name.
    pub tools: Vec<Tool>,
    /// The documents the shared policy quotes, indexed by the passages of [`Tree::tools`] and
    /// [`Tree::policy_rules`].
    pub policy_sources: Vec<Source>,
    /// The first node.
    pub start: NodeId,
    /// Every node.
    pub nodes: Vec<Node>,
    /// Node ids to their index in `nodes`.
    pub(crate) index: HashMap<String, NodeId>,
}

/// A document a tree quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The key used in passages.
    pub key: String,
    /// Document title.
    pub title: String,
    /// Who publishes it.
    pub publisher: String,
    /// Where it is published.
    pub url: Option<String>,
    /// File name, for quote checking.
    pub file: Option<String>,
}

/// A contact with its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactEntry {
    /// The id used in trees.
    pub id: String,
    /// Who they are and how to reach them.
    pub contact: Contact,
}

/// A question or an outcome, with its id.
#[derive(Clone, Debug)]
pub struct Node {
    /// The id authors use.
    pub id: String,
    /// What the node is.
    pub kind: NodeKind,
}

/// The kinds of node.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// Asks something and branches on the answer.
    Question(Question),
    /// Asks which of several items apply (any number, or none).
    Checklist(Checklist),
    /// Decides where to go from the facts so far; has no screen of its own.
    Route(Route),
    /// Ends the walk with a verdict.
    Outcome(Outcome),
}

/// A question.
#[derive(Clone, Debug)]
pub struct Question {
    /// The question.
    pub text: String,
    /// Longer explanation.
    pub help: Option<String>,
    /// The fact the answer is kept under.
    pub remember: Option<FactId>,
    /// The answers, at least one.
    pub options: Vec<Choice>,
    /// Passages that explain it.
    pub guidance: Vec<Passage>,
    /// Indices into [`Tree::contacts`].
    pub contacts: Vec<When<u32>>,
    /// Where to read more.
    pub links: Vec<Link>,
}

/// One answer to a question.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The answer.
    pub label: String,
    /// The stable value the author wrote, if any (see [`Choice::value`]).
    pub written_value: Option<String>,
    /// The index of the value in the remembered fact's values (0 when nothing is remembered).
    pub fact_value: u16,
    /// One line that makes it clearer.
    pub detail: Option<String>,
    /// Where it leads.
    pub next: NodeId,
}

impl Choice {
    /// The stable value kept as a fact: the one written, or the label in kebab case (worked out
    /// when asked for: most trees never need it).
    pub fn value(&self) -> std::borrow::Cow<'_, str> {
        match &self.written_value {
            Some(value) => std::borrow::Cow::Borrowed(value),
            None => std::borrow::Cow::Owned(super::facts::value_from_label(&self.label)),
        }
    }
}

/// A checklist: pick any number of items, or "none of these".
#[derive(Clone, Debug)]
pub struct Checklist {
    /// The question.
    pub text: String,
    /// Longer explanation.
    pub help: Option<String>,
    /// The fact the chosen items are kept under.
    pub remember: FactId,
    /// The items (at most 64).
    pub items: Vec<Item>,
    /// The label of the "none of these" answer.
    pub none: String,
    /// Where every answer leads.
    pub next: NodeId,
    /// Passages that explain it.
    pub guidance: Vec<Passage>,
    /// Indices into [`Tree::contacts`].
    pub contacts: Vec<When<u32>>,
    /// Where to read more.
    pub links: Vec<Link>,
}

/// One item of a checklist.
#[derive(Clone, Debug)]
pub struct Item {
    /// The item.
    pub label: String,
    /// The stable value kept in the fact.
    pub value: String,
    /// One line that makes it clearer.
    pub detail: Option<String>,
}

/// A route: ordered rules, the first whose condition holds decides the next node.
#[derive(Clone, Debug)]
pub struct Route {
    /// The rules; the last one is the `Otherwise` (an empty condition).
    pub rules: Vec<Rule>,
}

/// One rule of a route.
#[derive(Clone, Debug)]
pub struct Rule {
    /// When it applies (empty for `Otherwise`).
    pub condition: Condition,
    /// Where it leads.
    pub go: NodeId,
}

/// An outcome.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// The answer in a few words.
    pub headline: String,
    /// Why: paragraphs, some of them only on some paths.
    pub explanation: Vec<When<String>>,
    /// What to do or check.
    pub conditions: Vec<When<String>>,
    /// What to try next, in order.
    pub fallbacks: Vec<When<String>>,
    /// The passages it rests on.
    pub guidance: Vec<Passage>,
    /// Indices into [`Tree::contacts`].
    pub contacts: Vec<When<u32>>,
    /// Where to read more.
    pub links: Vec<Link>,
    /// The register tools it recommends or allows, by id.
    pub tools: Vec<String>,
}

/// Something shown only on paths where its condition holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When<T> {
    /// The thing shown.
    pub item: T,
    /// When it is shown (empty: always).
    pub when: Condition,
}

impl<T> When<T> {
    /// Shown on every path.
    pub fn always(item: T) -> Self {
        When {
            item,
            when: Condition::default(),
        }
    }
}

/// The items of `list` whose condition holds for `facts` (all of them when `facts` is `None`).
pub fn applicable<'a, T>(
    list: &'a [When<T>],
    facts: Option<&'a Facts>,
) -> impl Iterator<Item = &'a T> + 'a {
    list.iter()
        .filter(move |w| w.when.holds(facts))
        .map(|w| &w.item)
}

/// A verbatim quote.
#[derive(Clone, Debug)]
pub struct Passage {
    /// Index into [`Tree::sources`].
    pub source: u32,
    /// The heading it sits under.
    pub section: String,
    /// The words.
    pub quote: String,
    /// When it is shown (empty: always).
    pub when: Condition,
    /// For a passage cited from the tree's `quotes` table: its index in [`Tree::quotes`].
    pub shared: Option<u32>,
}

/// A passage of the tree's `quotes` table, written once and cited by id.
#[derive(Clone, Debug)]
pub struct SharedQuote {
    /// The id nodes cite it by.
    pub id: String,
    /// The passage.
    pub passage: Passage,
}

/// A policy rule: on every path where `when` holds, the outcome's verdict is not in `never`.
#[derive(Clone, Debug)]
pub struct PolicyRule {
    /// The id authors give it.
    pub id: String,
    /// The rule in plain words.
    pub says: String,
    /// The facts it is about.
    pub when: Condition,
    /// The verdicts it forbids.
    pub never: Vec<Verdict>,
    /// Only outcomes naming one of these register tools (empty: every outcome).
    pub tools: Vec<String>,
    /// The passage it rests on (its source is one of the tree's, or for a shared rule one of
    /// the policy file's).
    pub source: Passage,
    /// Where the rule is written.
    pub origin: RuleOrigin,
}

/// Where a policy rule is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleOrigin {
    /// In the tree's own `rules`.
    Tree,
    /// In the shared policy file's `rules`.
    Policy,
    /// Made from this register tool's `up_to`, `audience` or `avoid`.
    Register(String),
}

impl PolicyRule {
    /// How messages name it: `rule "x"`, `policy rule "x"` or `register rule "x"`.
    pub fn name(&self) -> String {
        let kind = match self.origin {
            RuleOrigin::Tree => "rule",
            RuleOrigin::Policy => "policy rule",
            RuleOrigin::Register(_) => "register rule",
        };
        format!("{kind} \"{}\"", self.id)
    }

    /// Whether the rule is about an outcome naming `tools`.
    pub fn covers(&self, tools: &[String]) -> bool {
        self.tools.is_empty() || tools.iter().any(|t| self.tools.contains(t))
    }
}

/// A link to read more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// What it is.
    pub title: String,
    /// Where it is.
    pub url: String,
    /// When it is shown (empty: always).
    pub when: Condition,
}

/// What an outcome says on one path: only the parts whose `when:` holds there.
#[derive(Clone, Debug)]
pub struct Shown<'t> {
    /// The outcome.
    pub outcome: &'t Outcome,
    /// The paragraphs of the explanation that apply, joined by blank lines.
    pub explanation: String,
    /// The conditions that apply.
    pub conditions: Vec<&'t str>,
    /// The fallbacks that apply, in order.
    pub fallbacks: Vec<&'t str>,
    /// The passages that apply.
    pub guidance: Vec<&'t Passage>,
    /// The contacts that apply (indices into [`Tree::contacts`]).
    pub contacts: Vec<u32>,
    /// The links that apply.
    pub links: Vec<&'t Link>,
}

impl Outcome {
    /// The heading of its fallbacks: "If that is not possible, in this order" after a tool the
    /// person may use, "Next steps" after "not advised", "not allowed" or "ask for help" (there
    /// is nothing to fall back from).
    pub fn fallbacks_heading(&self) -> &'static str {
        match self.verdict {
            Verdict::Recommended | Verdict::AllowedWithConditions => {
                "If that is not possible, in this order"
            }
            Verdict::NotAdvised | Verdict::NotAllowed | Verdict::AskForHelp => "Next steps",
        }
    }

    /// What the outcome shows to a walk with `facts` (everything, conditions or not, for
    /// `None`).
    pub fn shown<'t>(&'t self, facts: Option<&Facts>) -> Shown<'t> {
        let texts = |list: &'t [When<String>]| -> Vec<&'t str> {
            list.iter()
                .filter(|w| w.when.holds(facts))
                .map(|w| w.item.as_str())
                .collect()
        };
        Shown {
            outcome: self,
            explanation: texts(&self.explanation).join("\n\n"),
            conditions: texts(&self.conditions),
            fallbacks: texts(&self.fallbacks),
            guidance: self
                .guidance
                .iter()
                .filter(|p| p.when.holds(facts))
                .collect(),
            contacts: self
                .contacts
                .iter()
                .filter(|c| c.when.holds(facts))
                .map(|c| c.item)
                .collect(),
            links: self.links.iter().filter(|l| l.when.holds(facts)).collect(),
        }
    }
}

impl Tree {
    /// The document a passage of a rule quotes: the tree's own, or the shared policy's for a
    /// rule of the policy or the register.
    pub fn rule_source(&self, rule: &PolicyRule) -> Option<&Source> {
        match rule.origin {
            RuleOrigin::Tree => self.sources.get(rule.source.source as usize),
            _ => self.policy_sources.get(rule.source.source as usize),
        }
    }

    /// The register tool whose row of the approved-tools table `passage` quotes, if any.
    pub fn tool_row(&self, passage: &Passage) -> Option<&Tool> {
        self.tools.iter().find(|t| t.is_row(passage))
    }

    /// The register entries of the tools an outcome names, in the order it names them.
    pub fn tools_of(&self, outcome: &Outcome) -> Vec<&Tool> {
        outcome
            .tools
            .iter()
            .filter_map(|id| self.tools.iter().find(|t| t.id == *id))
            .collect()
    }

    /// The node at `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Looks a node up by the id authors wrote.
    pub fn find(&self, key: &str) -> Option<NodeId> {
        self.index.get(key).copied()
    }

    /// The question at `id`, if it is one.
    pub fn question(&self, id: NodeId) -> Option<&Question> {
        match &self.node(id).kind {
            NodeKind::Question(q) => Some(q),
            _ => None,
        }
    }

    /// The checklist at `id`, if it is one.
    pub fn checklist(&self, id: NodeId) -> Option<&Checklist> {
        match &self.node(id).kind {
            NodeKind::Checklist(c) => Some(c),
            _ => None,
        }
    }

    /// The outcome at `id`, if it is one.
    pub fn outcome(&self, id: NodeId) -> Option<&Outcome> {
        match &self.node(id).kind {
            NodeKind::Outcome(o) => Some(o),
            _ => None,
        }
    }

    /// The fact with this key, if a question remembers it.
    pub fn fact(&self, key: &str) -> Option<FactId> {
        self.facts
            .iter()
            .position(|f| f.key == key)
            .map(|i| FactId(i as u16))
    }

    /// The edges out of a node, each with what people read on it: an option's label, "any
    /// answer" after a checklist, "if classification is SECRET" or "otherwise" on a route.
    pub fn edges(&self, id: NodeId) -> Vec<(NodeId, String)> {
        match &self.node(id).kind {
            NodeKind::Question(q) => q
                .options
                .iter()
                .map(|o| (o.next, o.label.clone()))
                .collect(),
            NodeKind::Checklist(c) => vec![(c.next, "any answer".to_string())],
            NodeKind::Route(r) => r
                .rules
                .iter()
                .map(|rule| {
                    let label = if rule.condition.is_always() {
                        "otherwise".to_string()
                    } else {
                        format!("if {}", rule.condition.describe(&self.facts))
                    };
                    (rule.go, label)
                })
                .collect(),
            NodeKind::Outcome(_) => Vec::new(),
        }
    }

    /// "Decided by: classification, recipient": the facts a route's rules test, in order.
    pub fn decided_by(&self, route: &Route) -> String {
        let mut keys: Vec<&str> = Vec::new();
        for test in route.rules.iter().flat_map(|rule| &rule.condition.tests) {
            let key = self.facts[test.fact.index()].key.as_str();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        format!("Decided by: {}", keys.join(", "))
    }

    /// A walk's facts before any answer.
    pub fn no_facts(&self) -> Facts {
        Facts::new(self.facts.len())
    }

    /// The facts that are set, as (key, values) with the stable values (`classification`,
    /// `["official-sensitive"]`); a checklist gives every item picked.
    pub fn fact_values<'t>(&'t self, facts: &Facts) -> Vec<(&'t str, Vec<&'t str>)> {
        self.set_facts(facts, |v| v.value.as_str())
    }

    /// The facts that are set, as JSON: a question's fact as its value, a checklist's as the
    /// list of items picked (`{"classification": "official", "contains": ["hr"]}`).
    pub fn facts_json(&self, facts: &Facts) -> serde_json::Map<String, serde_json::Value> {
        use super::facts::FactState;
        let values = self.fact_values(facts);
        let states = facts.iter().filter(|(_, s)| *s != FactState::Unset);
        values
            .into_iter()
            .zip(states)
            .map(|((key, values), (_, state))| {
                let value = match state {
                    FactState::Many { .. } => serde_json::json!(values),
                    _ => serde_json::json!(values.first()),
                };
                (key.to_string(), value)
            })
            .collect()
    }

    /// The facts that are set, as (key, labels) for people to read.
    pub fn fact_labels<'t>(&'t self, facts: &Facts) -> Vec<(&'t str, Vec<&'t str>)> {
        self.set_facts(facts, |v| v.label.as_str())
    }

    fn set_facts<'t>(
        &'t self,
        facts: &Facts,
        show: impl Fn(&'t super::facts::FactValue) -> &'t str,
    ) -> Vec<(&'t str, Vec<&'t str>)> {
        use super::facts::{FactState, bits};
        facts
            .iter()
            .filter_map(|(id, state)| {
                let fact = self.facts.get(id.index())?;
                let values = match state {
                    FactState::Unset => return None,
                    FactState::One(v) => vec![show(fact.values.get(v as usize)?)],
                    FactState::Many { chosen, .. } => bits(chosen)
                        .filter_map(|i| fact.values.get(i).map(&show))
                        .collect(),
                };
                Some((fact.key.as_str(), values))
            })
            .collect()
    }

    /// The source of a passage.
    pub fn source(&self, passage: &Passage) -> &Source {
        &self.sources[passage.source as usize]
    }

    /// Whether the review date is before `today`.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.review_by < today
    }

    /// Every node id, in file order.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }
}

impl Node {
    /// The guidance passages of the node (none for a route).
    pub fn guidance(&self) -> &[Passage] {
        match &self.kind {
            NodeKind::Question(q) => &q.guidance,
            NodeKind::Checklist(c) => &c.guidance,
            NodeKind::Outcome(o) => &o.guidance,
            NodeKind::Route(_) => &[],
        }
    }

    /// The contacts of the node, each with its condition (none for a route).
    pub fn contacts(&self) -> &[When<u32>] {
        match &self.kind {
            NodeKind::Question(q) => &q.contacts,
            NodeKind::Checklist(c) => &c.contacts,
            NodeKind::Outcome(o) => &o.contacts,
            NodeKind::Route(_) => &[],
        }
    }

    /// The links of the node (none for a route).
    pub fn links(&self) -> &[Link] {
        match &self.kind {
            NodeKind::Question(q) => &q.links,
            NodeKind::Checklist(c) => &c.links,
            NodeKind::Outcome(o) => &o.links,
            NodeKind::Route(_) => &[],
        }
    }

    /// The passages that apply to a walk with `facts` (all of them for `None`).
    pub fn guidance_for<'a>(
        &'a self,
        facts: Option<&'a Facts>,
    ) -> impl Iterator<Item = &'a Passage> {
        self.guidance().iter().filter(move |p| p.when.holds(facts))
    }

    /// The contact indices that apply to a walk with `facts` (all of them for `None`).
    pub fn contacts_for<'a>(&'a self, facts: Option<&'a Facts>) -> impl Iterator<Item = u32> + 'a {
        applicable(self.contacts(), facts).copied()
    }

    /// The links that apply to a walk with `facts` (all of them for `None`).
    pub fn links_for<'a>(&'a self, facts: Option<&'a Facts>) -> impl Iterator<Item = &'a Link> {
        self.links().iter().filter(move |l| l.when.holds(facts))
    }

    /// Every `when:` condition of the node's content (not the rules of a route).
    pub fn conditions(&self) -> impl Iterator<Item = &Condition> {
        let outcome_texts = match &self.kind {
            NodeKind::Outcome(o) => [&o.explanation[..], &o.conditions[..], &o.fallbacks[..]],
            _ => [&[][..], &[][..], &[][..]],
        };
        self.guidance()
            .iter()
            .map(|p| &p.when)
            .chain(self.contacts().iter().map(|c| &c.when))
            .chain(self.links().iter().map(|l| &l.when))
            .chain(outcome_texts.into_iter().flatten().map(|t| &t.when))
            .filter(|c| !c.is_always())
    }

    /// The question text, the outcome headline, or "Route" for a route.
    pub fn title(&self) -> &str {
        match &self.kind {
            NodeKind::Question(q) => &q.text,
            NodeKind::Checklist(c) => &c.text,
            NodeKind::Outcome(o) => &o.headline,
            NodeKind::Route(_) => "Route",
        }
    }

    /// The answers a question offers, in order (a checklist: its items, then its "none of
    /// these" label); none for a route or an outcome.
    pub fn answer_labels(&self) -> Vec<&str> {
        match &self.kind {
            NodeKind::Question(q) => q.options.iter().map(|o| o.label.as_str()).collect(),
            NodeKind::Checklist(c) => c
                .items
                .iter()
                .map(|i| i.label.as_str())
                .chain([c.none.as_str()])
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The number of items, for a checklist.
    pub fn checklist_items(&self) -> Option<usize> {
        match &self.kind {
            NodeKind::Checklist(c) => Some(c.items.len()),
            _ => None,
        }
    }

    /// Whether the walk stops here for an answer (a question or a checklist).
    pub fn asks(&self) -> bool {
        matches!(self.kind, NodeKind::Question(_) | NodeKind::Checklist(_))
    }

    /// The nodes this one leads to, in order (options, the checklist's `next`, route rules).
    pub fn successors(&self) -> impl Iterator<Item = NodeId> + '_ {
        let (options, checklist, rules): (&[Choice], Option<NodeId>, &[Rule]) = match &self.kind {
            NodeKind::Question(q) => (&q.options, None, &[]),
            NodeKind::Checklist(c) => (&[], Some(c.next), &[]),
            NodeKind::Route(r) => (&[], None, &r.rules),
            NodeKind::Outcome(_) => (&[], None, &[]),
        };
        options
            .iter()
            .map(|c| c.next)
            .chain(checklist)
            .chain(rules.iter().map(|r| r.go))
    }
}

/// One approved tool.
#[derive(Clone, Debug)]
pub struct Tool {
    /// The id outcomes and rules use (`teams`).
    pub id: String,
    /// Its name (`Microsoft Teams`).
    pub name: String,
    /// Other names people use for it.
    pub aliases: Vec<String>,
    /// What it is for.
    pub used_for: String,
    /// The label of the highest classification it is approved for.
    pub up_to: Option<String>,
    /// Who it may be used with.
    pub audience: Audience,
    /// The labels of the facts it must never be used with.
    pub avoid: Vec<String>,
    /// Its conditions in plain words.
    pub conditions: Vec<String>,
    /// How to get it, where the guidance says.
    pub access: Option<String>,
    /// The passages it rests on; the first is its row of the approved-tools table.
    pub sources: Vec<Passage>,
}

impl Tool {
    /// The tool as one readable line: `Zoom — Communication tool: Video, voice and chat ·
    /// external use only · avoid personal or sensitive data · Web browser`.
    pub fn card(&self) -> String {
        let mut parts = vec![self.used_for.clone()];
        parts.extend(self.limits());
        parts.extend(self.conditions.iter().cloned());
        parts.extend(self.access.clone());
        format!("{} — {}", self.name, parts.join(" · "))
    }

    /// Its limits in words: `approved up to OFFICIAL`, `external use only`.
    pub fn limits(&self) -> Vec<String> {
        let mut limits = Vec::with_capacity(2);
        if let Some(level) = &self.up_to {
            limits.push(format!("approved up to {level}"));
        }
        limits.push(self.audience_words().to_string());
        limits
    }

    /// Who it may be used with, in words.
    pub fn audience_words(&self) -> &'static str {
        match self.audience {
            Audience::Internal => "internal use only",
            Audience::External => "external use only",
            Audience::Both => "internal and external use",
        }
    }

    /// Its row of the approved-tools table: its first passage, when that is a table row.
    pub fn row(&self) -> Option<&Passage> {
        self.sources.first().filter(|p| p.quote.contains('|'))
    }

    /// Whether `passage` quotes its row of the approved-tools table.
    pub fn is_row(&self, passage: &Passage) -> bool {
        // The quotes are compared first: they differ for nearly every passage, which is quicker
        // to see than whether the first passage is a row (a search of its text for `|`).
        self.sources
            .first()
            .is_some_and(|first| first.quote == passage.quote && first.section == passage.section)
            && self.row().is_some()
    }

    /// Whether `name` is its id, name or one of its aliases (ignoring case).
    pub fn is_called(&self, name: &str) -> bool {
        [&self.id, &self.name]
            .into_iter()
            .chain(&self.aliases)
            .any(|n| n.eq_ignore_ascii_case(name))
    }
}

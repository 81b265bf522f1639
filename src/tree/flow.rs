//! What facts can hold where: a forward pass over the tree that finds route rules that can
//! never match, `when:` conditions that are false on every path, facts tested before any path
//! sets them and facts remembered twice on one path.
//!
//! The pass never enumerates paths. Each node gets, for every *dimension* (a one-answer fact,
//! or one item of a checklist fact), the set of states it may be in when the walk arrives:
//! "unset" or one of its values (for an item: unset, left out or picked). Nodes are visited in
//! topological order and a node's sets are the union over the edges that reach it, so the work
//! is linear in the size of the tree times the number of dimensions. A route narrows what flows
//! down each rule: the rule's condition, minus the cases earlier rules took (kept exactly as a
//! short list of boxes, falling back to the coarser whole when the list grows long).
//!
//! The sets are an over-approximation (which combinations of two facts occur together is not
//! kept), so every finding is certain: a rule reported as never matching cannot match on any
//! real path.

use super::facts::{Check, Condition, Fact, FactKind};
use super::model::{Node, NodeId, NodeKind, PolicyRule};

/// Where a finding is, in terms of the tree's nodes (the loader turns it into a file position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// The `remember` of a question or checklist.
    Remember(usize),
    /// Test `test` of rule `rule` of a route.
    RuleTest(usize, usize, usize),
    /// Rule `rule` of a route.
    Rule(usize, usize),
    /// The `when` of the n-th item of a list of a node.
    When(usize, ListField, usize),
}

/// The lists whose items can carry a `when:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListField {
    /// `explanation: [...]`.
    Explanation,
    /// `conditions`.
    Conditions,
    /// `fallbacks`.
    Fallbacks,
    /// `guidance`.
    Guidance,
    /// `contacts`.
    Contacts,
    /// `links`.
    Links,
}

impl ListField {
    /// The field name in the file.
    pub fn name(self) -> &'static str {
        match self {
            ListField::Explanation => "explanation",
            ListField::Conditions => "conditions",
            ListField::Fallbacks => "fallbacks",
            ListField::Guidance => "guidance",
            ListField::Contacts => "contacts",
            ListField::Links => "links",
        }
    }
}

/// What was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A fact set again on a path that has already set it.
    RememberedTwice {
        /// Where.
        site: Site,
        /// The fact key.
        key: String,
    },
    /// A rule tests a fact that no path has set when the route is reached.
    NeverSet {
        /// Where.
        site: Site,
        /// The fact key.
        key: String,
    },
    /// A rule that never matches: on every path a fact rules it out (`why` says what the fact
    /// is there), or (`why` is `None`) the rules before it take every case it covers.
    RuleNeverMatches {
        /// Where.
        site: Site,
        /// What the fact that rules it out can be where the route is.
        why: Option<String>,
    },
    /// A policy rule may be broken at an outcome: its condition can hold on a path reaching
    /// the outcome, and the outcome's verdict is one the rule forbids.
    RuleMayBreak {
        /// The index of the rule.
        rule: usize,
        /// The outcome node.
        outcome: usize,
    },
    /// A policy rule's condition can hold on a path reaching an outcome (reported once per
    /// rule).
    RuleReached {
        /// The index of the rule.
        rule: usize,
    },
    /// A `when:` false on every path reaching its node.
    WhenNeverTrue {
        /// Where.
        site: Site,
        /// What the fact that rules it out can be there: `"way" is always "left"`.
        why: String,
    },
}

/// States of one dimension, as bits: bit 0 is "unset", bit v+1 is value v (for a checklist
/// item: bit 1 "left out", bit 2 "picked").
type States = u128;
const UNSET: States = 1;
const LEFT_OUT: States = 0b010;
const PICKED: States = 0b100;

/// Where each fact's dimensions start in a state vector.
struct Layout {
    base: Vec<usize>,
    width: usize,
}

impl Layout {
    fn new(facts: &[Fact]) -> Self {
        let mut base = Vec::with_capacity(facts.len());
        let mut width = 0;
        for fact in facts {
            base.push(width);
            width += match fact.kind {
                FactKind::One => 1,
                FactKind::Many => fact.values.len().max(1),
            };
        }
        Layout { base, width }
    }

    fn dims(&self, facts: &[Fact], fact: usize) -> std::ops::Range<usize> {
        let len = match facts[fact].kind {
            FactKind::One => 1,
            FactKind::Many => facts[fact].values.len().max(1),
        };
        self.base[fact]..self.base[fact] + len
    }

    /// The fact and item a dimension belongs to.
    fn owner(&self, dim: usize) -> (usize, usize) {
        let fact = self.base.iter().rposition(|&b| b <= dim).unwrap_or(0);
        (fact, dim - self.base[fact])
    }

    /// What a dimension can be, in words: `"way" is always "left"`, `"way" is "left" or
    /// "right"`, `"hr" of "contains" is never picked`.
    fn why(&self, facts: &[Fact], dim: usize, states: States) -> String {
        let (f, item) = self.owner(dim);
        let fact = &facts[f];
        let quoted = |v: &str| format!("\"{v}\"");
        match fact.kind {
            FactKind::One => {
                let mut words: Vec<String> = Vec::new();
                if states & UNSET != 0 {
                    words.push("not set".to_string());
                }
                words.extend(
                    (0..fact.values.len())
                        .filter(|v| states & (1 << (v + 1)) != 0)
                        .map(|v| quoted(&fact.values[v].value)),
                );
                let unset = states & UNSET != 0;
                let values = &words[usize::from(unset)..];
                let listed = match values {
                    [] => String::new(),
                    [only] => only.clone(),
                    [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                };
                match (unset, values.len()) {
                    (false, 0) => format!("no path reaches it with \"{}\"", fact.key),
                    (true, 0) => {
                        format!("\"{}\" is never set on the paths that reach it", fact.key)
                    }
                    (false, 1) => format!("\"{}\" is always {listed} there", fact.key),
                    (false, _) => format!("\"{}\" is only ever {listed} there", fact.key),
                    (true, _) => format!("\"{}\" is either not set or {listed} there", fact.key),
                }
            }
            FactKind::Many => {
                let value = fact.values.get(item).map_or("?", |v| v.value.as_str());
                let subject = format!("\"{value}\" of \"{}\"", fact.key);
                match states {
                    UNSET => format!(
                        "\"{}\" is never answered on the paths that reach it",
                        fact.key
                    ),
                    s if s & PICKED == 0 => format!("{subject} is never picked there"),
                    s if s & LEFT_OUT == 0 => format!("{subject} is always picked there"),
                    _ => format!("{subject} can be anything there"),
                }
            }
        }
    }

    /// A condition as per-dimension allowed states (a box).
    fn constraints(&self, facts: &[Fact], condition: &Condition) -> Vec<(usize, States)> {
        let mut out: Vec<(usize, States)> = Vec::new();
        let mut add = |dim: usize, allowed: States| match out.iter_mut().find(|(d, _)| *d == dim) {
            Some((_, m)) => *m &= allowed,
            None => out.push((dim, allowed)),
        };
        for test in &condition.tests {
            let fact = test.fact.index();
            let base = self.base[fact];
            match test.check {
                Check::OneOf(mask) => add(base, (mask as States) << 1),
                Check::Has(item) => add(base + item as usize, PICKED),
                Check::Lacks(item) => add(base + item as usize, LEFT_OUT),
                Check::NotSet => {
                    for dim in self.dims(facts, fact) {
                        add(dim, UNSET);
                    }
                }
            }
        }
        out
    }
}

fn meets(state: &[States], constraints: &[(usize, States)]) -> bool {
    constraints.iter().all(|&(d, m)| state[d] & m != 0)
}

fn narrowed(state: &[States], constraints: &[(usize, States)]) -> Option<Vec<States>> {
    meets(state, constraints).then(|| {
        let mut out = state.to_vec();
        for &(d, m) in constraints {
            out[d] &= m;
        }
        out
    })
}

/// `state` minus the box `constraints`, as disjoint boxes.
fn minus(state: &[States], constraints: &[(usize, States)]) -> Vec<Vec<States>> {
    if !meets(state, constraints) {
        return vec![state.to_vec()];
    }
    let mut out = Vec::new();
    let mut inside = state.to_vec();
    for &(d, m) in constraints {
        let outside = inside[d] & !m;
        if outside != 0 {
            let mut piece = inside.clone();
            piece[d] = outside;
            out.push(piece);
        }
        inside[d] &= m;
    }
    out
}

fn join(into: &mut Option<Vec<States>>, from: &[States]) {
    match into {
        Some(state) => state.iter_mut().zip(from).for_each(|(a, b)| *a |= b),
        None => *into = Some(from.to_vec()),
    }
}

/// More boxes than this and a route stops subtracting earlier rules (coarser, still sound).
const MAX_BOXES: usize = 64;

/// Runs the pass. `nodes` must be acyclic (the loader checks that first).
pub fn analyse(
    nodes: &[Node],
    start: NodeId,
    facts: &[Fact],
    rules: &[PolicyRule],
) -> Vec<Finding> {
    let layout = Layout::new(facts);
    let rule_boxes: Vec<Vec<(usize, States)>> = rules
        .iter()
        .map(|r| layout.constraints(facts, &r.when))
        .collect();
    let Some(order) = topological_order(nodes, start) else {
        return Vec::new();
    };
    let mut states: Vec<Option<Vec<States>>> = vec![None; nodes.len()];
    states[start.index()] = Some(vec![UNSET; layout.width]);
    let mut findings = Vec::new();
    let mut reached = vec![false; rules.len()];

    for id in order {
        let Some(state) = states[id].take() else {
            continue;
        };
        let node = &nodes[id];
        check_whens(node, id, &state, &layout, facts, &mut findings);
        match &node.kind {
            NodeKind::Question(q) => match q.remember {
                Some(fact) => {
                    let dim = layout.base[fact.index()];
                    if state[dim] & !UNSET != 0 {
                        findings.push(Finding::RememberedTwice {
                            site: Site::Remember(id),
                            key: facts[fact.index()].key.clone(),
                        });
                    }
                    for choice in &q.options {
                        let mut out = state.clone();
                        out[dim] = 1 << (choice.fact_value as u32 + 1);
                        join(&mut states[choice.next.index()], &out);
                    }
                }
                None => {
                    for choice in &q.options {
                        join(&mut states[choice.next.index()], &state);
                    }
                }
            },
            NodeKind::Checklist(c) => {
                let dims = layout.dims(facts, c.remember.index());
                if dims.clone().any(|d| state[d] & !UNSET != 0) {
                    findings.push(Finding::RememberedTwice {
                        site: Site::Remember(id),
                        key: facts[c.remember.index()].key.clone(),
                    });
                }
                let mut out = state.clone();
                for d in dims {
                    out[d] = LEFT_OUT | PICKED;
                }
                join(&mut states[c.next.index()], &out);
            }
            NodeKind::Route(route) => {
                let mut remaining = vec![state.clone()];
                for (r, rule) in route.rules.iter().enumerate() {
                    let mut reported_never_set = false;
                    for (t, test) in rule.condition.tests.iter().enumerate() {
                        let never_set = layout
                            .dims(facts, test.fact.index())
                            .all(|d| state[d] == UNSET);
                        if never_set && test.check != Check::NotSet {
                            reported_never_set = true;
                            findings.push(Finding::NeverSet {
                                site: Site::RuleTest(id, r, t),
                                key: facts[test.fact.index()].key.clone(),
                            });
                        }
                    }
                    let constraints = layout.constraints(facts, &rule.condition);
                    let mut reached = None;
                    for piece in &remaining {
                        if let Some(n) = narrowed(piece, &constraints) {
                            join(&mut reached, &n);
                        }
                    }
                    let otherwise = r + 1 == route.rules.len();
                    match reached {
                        Some(flow) => join(&mut states[rule.go.index()], &flow),
                        None if otherwise => {}
                        // A fact tested before any path sets it is reported as such (E043).
                        None if reported_never_set => {}
                        None => findings.push(Finding::RuleNeverMatches {
                            site: Site::Rule(id, r),
                            why: constraints
                                .iter()
                                .find(|&&(d, m)| state[d] & m == 0)
                                .map(|&(d, _)| layout.why(facts, d, state[d])),
                        }),
                    }
                    if remaining.len() <= MAX_BOXES {
                        remaining = remaining
                            .iter()
                            .flat_map(|piece| minus(piece, &constraints))
                            .collect();
                    }
                }
            }
            NodeKind::Outcome(outcome) => {
                for (r, rule) in rules.iter().enumerate() {
                    if !meets(&state, &rule_boxes[r]) {
                        continue;
                    }
                    if !reached[r] {
                        reached[r] = true;
                        findings.push(Finding::RuleReached { rule: r });
                    }
                    if rule.never.contains(&outcome.verdict) && rule.covers(&outcome.tools) {
                        findings.push(Finding::RuleMayBreak {
                            rule: r,
                            outcome: id,
                        });
                    }
                }
            }
        }
    }
    findings
}

fn check_whens(
    node: &Node,
    id: usize,
    state: &[States],
    layout: &Layout,
    facts: &[Fact],
    findings: &mut Vec<Finding>,
) {
    let mut check = |field: ListField, index: usize, condition: &Condition| {
        if condition.is_always() {
            return;
        }
        let constraints = layout.constraints(facts, condition);
        if let Some(&(dim, _)) = constraints.iter().find(|&&(d, m)| state[d] & m == 0) {
            findings.push(Finding::WhenNeverTrue {
                site: Site::When(id, field, index),
                why: layout.why(facts, dim, state[dim]),
            });
        }
    };
    for (i, p) in node.guidance().iter().enumerate() {
        check(ListField::Guidance, i, &p.when);
    }
    for (i, c) in node.contacts().iter().enumerate() {
        check(ListField::Contacts, i, &c.when);
    }
    for (i, l) in node.links().iter().enumerate() {
        check(ListField::Links, i, &l.when);
    }
    if let NodeKind::Outcome(o) = &node.kind {
        for (field, list) in [
            (ListField::Explanation, &o.explanation),
            (ListField::Conditions, &o.conditions),
            (ListField::Fallbacks, &o.fallbacks),
        ] {
            for (i, text) in list.iter().enumerate() {
                check(field, i, &text.when);
            }
        }
    }
}

/// The nodes reachable from `start`, each after every node that leads to it; `None` when they
/// form a cycle.
fn topological_order(nodes: &[Node], start: NodeId) -> Option<Vec<usize>> {
    let mut reachable = vec![false; nodes.len()];
    let mut stack = vec![start.index()];
    reachable[start.index()] = true;
    while let Some(n) = stack.pop() {
        for next in nodes[n].successors() {
            if !reachable[next.index()] {
                reachable[next.index()] = true;
                stack.push(next.index());
            }
        }
    }
    let mut incoming = vec![0usize; nodes.len()];
    for (_, node) in nodes.iter().enumerate().filter(|(n, _)| reachable[*n]) {
        for next in node.successors() {
            incoming[next.index()] += 1;
        }
    }
    let mut order = Vec::new();
    let mut ready = vec![start.index()];
    while let Some(n) = ready.pop() {
        order.push(n);
        for next in nodes[n].successors() {
            incoming[next.index()] -= 1;
            if incoming[next.index()] == 0 {
                ready.push(next.index());
            }
        }
    }
    (order.len() == reachable.iter().filter(|r| **r).count()).then_some(order)
}

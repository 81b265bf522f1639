//! Every root-to-outcome path of a tree, enumerated over integer indices, and how a walk
//! passes through routes.
//!
//! A path is the answers given. Routes are not steps: the walk passes through them, taking the
//! first rule whose condition holds. A checklist of n items has 2^n answers, but listing them
//! all would be useless: an item matters only where a rule or a `when:` looks at it. So a
//! checklist step starts with every item undecided, and the enumeration splits in two (item
//! picked, item left out) only when a condition on the path asks about an item not yet decided.
//! The rows of `table` are therefore the cases the tree tells apart, not the subsets.

use std::borrow::Cow;
use std::collections::VecDeque;

// The searches hash a (node, facts) state per step: foldhash is several times faster than the
// default SipHash for such small keys, and nothing here is exposed to hash flooding.
use foldhash::{HashSet, HashSetExt};

use super::facts::{FactId, FactState, Facts, Truth};
use super::model::{Checklist, NodeId, NodeKind, Question, Route, Tree};

/// One answer on a path: the question asked and what was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PathStep {
    /// The question (or checklist) asked.
    pub question: NodeId,
    /// The answer.
    pub answer: Answer,
}

/// An answer to a question or a checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Answer {
    /// The index of the option chosen.
    Option(u16),
    /// The items picked from a checklist (bit i = item i; a checklist has at most 32 items,
    /// which keeps a step small). When every path is listed, only the `decided` items are
    /// known; the others make no difference on that path.
    Items {
        /// Items picked.
        chosen: u32,
        /// Items known to be picked or not.
        decided: u32,
    },
}

impl Answer {
    /// The option index, for an answer to a question.
    pub fn option(self) -> Option<usize> {
        match self {
            Answer::Option(i) => Some(i as usize),
            Answer::Items { .. } => None,
        }
    }

    /// A checklist answer with every item decided.
    pub fn items(chosen: u64, count: usize) -> Answer {
        let all = all_items(count);
        Answer::Items {
            chosen: (chosen & all) as u32,
            decided: all as u32,
        }
    }

    /// The items picked, for a checklist answer.
    pub fn chosen_items(self) -> Option<u64> {
        match self {
            Answer::Items { chosen, .. } => Some(chosen.into()),
            Answer::Option(_) => None,
        }
    }
}

/// The mask with the first `count` bits set.
pub fn all_items(count: usize) -> u64 {
    if count >= 64 {
        u64::MAX
    } else {
        (1u64 << count) - 1
    }
}

/// A full walk: the answers given and the outcome reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionPath {
    /// The answers, in order.
    pub steps: Vec<PathStep>,
    /// Where they lead.
    pub outcome: NodeId,
    /// The facts they set.
    pub facts: Facts,
}

/// Where a route sends a walk with `facts`: the first rule whose condition holds, or the item
/// that must be decided first.
pub fn route_target(route: &Route, facts: &Facts) -> Result<NodeId, (FactId, u8)> {
    for rule in &route.rules {
        match rule.condition.eval(facts) {
            Truth::True => return Ok(rule.go),
            Truth::False => {}
            Truth::Undecided(fact, item) => return Err((fact, item)),
        }
    }
    // The loader requires a last `Otherwise`, which always holds.
    Ok(route.rules.last().map_or(NodeId(0), |r| r.go))
}

/// The node a walk stops at from `node`: passes through routes (facts fully decided).
#[inline]
pub fn settle(tree: &Tree, mut node: NodeId, facts: &Facts) -> NodeId {
    while let NodeKind::Route(route) = &tree.node(node).kind {
        node = match route_target(route, facts) {
            Ok(next) => next,
            // Only a path listing leaves items undecided; treat an unknown item as left out.
            Err(_) => route
                .rules
                .iter()
                .find(|r| r.condition.holds(Some(facts)))
                .map_or(node, |r| r.go),
        };
    }
    node
}

/// The fact state a checklist answer sets.
pub fn checklist_state(answer: Answer) -> FactState {
    match answer {
        Answer::Items { chosen, decided } => FactState::Many {
            chosen: chosen.into(),
            decided: decided.into(),
        },
        Answer::Option(_) => FactState::Unset,
    }
}

/// Applies one answer to `facts`: sets the fact its question remembers, if any. Returns the
/// node the answer leads to (before passing through routes), or `None` for an answer the
/// question does not have.
pub fn apply(tree: &Tree, step: PathStep, facts: &mut Facts) -> Option<NodeId> {
    match (&tree.node(step.question).kind, step.answer) {
        (NodeKind::Question(q), Answer::Option(i)) => {
            let choice = q.options.get(i as usize)?;
            if let Some(fact) = q.remember {
                facts.set(fact, FactState::One(choice.fact_value));
            }
            Some(choice.next)
        }
        (NodeKind::Checklist(c), answer @ Answer::Items { .. }) => {
            facts.set(c.remember, checklist_state(answer));
            Some(c.next)
        }
        _ => None,
    }
}

/// The facts a list of answers sets.
pub fn facts_of(tree: &Tree, steps: &[PathStep]) -> Facts {
    let mut facts = tree.no_facts();
    for step in steps {
        apply(tree, *step, &mut facts);
    }
    facts
}

/// A place where the enumeration can take another branch.
struct Point {
    /// The node to continue from after taking the next branch.
    node: NodeId,
    kind: PointKind,
    /// The branch taken now, and how many there are.
    branch: u16,
    branches: u16,
    steps_len: u32,
    undo_len: u32,
}

#[derive(Clone, Copy)]
enum PointKind {
    /// A question with this many options.
    Options(u16),
    /// A checklist item to decide: 0 left out, 1 picked.
    Item(FactId, u8),
}

/// Depth-first enumeration state: the answers so far, the facts they set, and an undo log so
/// that backtracking restores facts without copying them.
struct Enumeration<'t> {
    tree: &'t Tree,
    steps: Vec<PathStep>,
    facts: Facts,
    undo: Vec<(FactId, FactState)>,
    points: Vec<Point>,
    has_checklists: bool,
    /// Per fact, the checklist items to decide as soon as the checklist is answered.
    eager: &'t [u64],
}

impl Enumeration<'_> {
    /// A checklist item to decide now: answered, in `eager`, and not decided yet.
    fn eager_undecided(&self) -> Option<(FactId, u8)> {
        self.eager.iter().enumerate().find_map(|(f, &mask)| {
            let fact = FactId(f as u16);
            match self.facts.get(fact) {
                FactState::Many { decided, .. } if mask & !decided != 0 => {
                    Some((fact, (mask & !decided).trailing_zeros() as u8))
                }
                _ => None,
            }
        })
    }

    fn set(&mut self, fact: FactId, state: FactState) {
        let old = self.facts.set(fact, state);
        self.undo.push((fact, old));
    }

    fn rewind(&mut self, steps_len: u32, undo_len: u32) {
        self.steps.truncate(steps_len as usize);
        while self.undo.len() > undo_len as usize {
            if let Some((fact, old)) = self.undo.pop() {
                self.facts.set(fact, old);
            }
        }
    }

    /// Takes branch `branch` of the point at the top of the stack; returns where to continue.
    fn take(&mut self, branch: u16) -> NodeId {
        let Some(point) = self.points.last_mut() else {
            return self.tree.start;
        };
        point.branch = branch;
        let (node, kind) = (
            point.node,
            match point.kind {
                PointKind::Options(_) => None,
                PointKind::Item(fact, item) => Some((fact, item)),
            },
        );
        match kind {
            None => {
                let tree = self.tree;
                let Some(q) = tree.question(node) else {
                    return node;
                };
                let choice = &q.options[branch as usize];
                self.steps.push(PathStep {
                    question: node,
                    answer: Answer::Option(branch),
                });
                if let Some(fact) = q.remember {
                    self.set(fact, FactState::One(choice.fact_value));
                }
                choice.next
            }
            Some((fact, item)) => {
                if let FactState::Many { chosen, decided } = self.facts.get(fact) {
                    let bit = 1u64 << item;
                    let chosen = if branch == 1 { chosen | bit } else { chosen };
                    self.set(
                        fact,
                        FactState::Many {
                            chosen,
                            decided: decided | bit,
                        },
                    );
                }
                node
            }
        }
    }

    fn push(&mut self, node: NodeId, kind: PointKind) -> NodeId {
        self.points.push(Point {
            node,
            kind,
            branch: 0,
            branches: match kind {
                PointKind::Options(n) => n,
                PointKind::Item(..) => 2,
            },
            steps_len: self.steps.len() as u32,
            undo_len: self.undo.len() as u32,
        });
        self.take(0)
    }

    /// Enters a question on its first option (the common case, kept short: every path goes
    /// through here once per question).
    fn enter(&mut self, node: NodeId, question: &Question) -> NodeId {
        self.points.push(Point {
            node,
            kind: PointKind::Options(question.options.len() as u16),
            branch: 0,
            branches: question.options.len() as u16,
            steps_len: self.steps.len() as u32,
            undo_len: self.undo.len() as u32,
        });
        self.steps.push(PathStep {
            question: node,
            answer: Answer::Option(0),
        });
        let first = &question.options[0];
        if let Some(fact) = question.remember {
            self.set(fact, FactState::One(first.fact_value));
        }
        first.next
    }

    /// Fills each checklist step's answer from the facts (forks decide items after the step).
    fn patch_checklists(&mut self) {
        if !self.has_checklists {
            return;
        }
        for step in &mut self.steps {
            if let NodeKind::Checklist(c) = &self.tree.node(step.question).kind
                && let FactState::Many { chosen, decided } = self.facts.get(c.remember)
            {
                step.answer = Answer::Items {
                    chosen: chosen as u32,
                    decided: decided as u32,
                };
            }
        }
    }
}

/// Calls `visit` with every path from the start to an outcome (the answers, the outcome and
/// the facts), depth first in option order. The tree must be acyclic (the loader guarantees it).
pub fn for_each_path(tree: &Tree, visit: impl FnMut(&[PathStep], NodeId, &Facts)) {
    for_each_path_from(tree, &[], visit);
}

/// [`for_each_path`] for the paths that begin with the answers `prefix` (a walk from the start,
/// such as [`route_to`] gives): every way on from where they lead, each visited with `prefix` at
/// its head. With no prefix, every path.
pub fn for_each_path_from(
    tree: &Tree,
    prefix: &[PathStep],
    visit: impl FnMut(&[PathStep], NodeId, &Facts),
) {
    if tree.facts.is_empty() {
        for_each_path_without_facts(tree, prefix, visit);
    } else {
        enumerate(tree, &[], prefix, visit);
    }
}

/// The walk for a tree without facts (every format-1 tree): no checklists, and routes that can
/// only take their `Otherwise`. The answers themselves are the only state, so this is the lean
/// loop of the first format, with no choice points or undo log to keep.
fn for_each_path_without_facts(
    tree: &Tree,
    prefix: &[PathStep],
    mut visit: impl FnMut(&[PathStep], NodeId, &Facts),
) {
    let facts = tree.no_facts();
    let has_routes = tree
        .nodes
        .iter()
        .any(|n| matches!(n.kind, NodeKind::Route(_)));
    let follow = |node: NodeId| {
        if has_routes {
            settle(tree, node, &facts)
        } else {
            node
        }
    };
    let mut steps: Vec<PathStep> = prefix.to_vec();
    let mut node = tree.start;
    for &step in prefix {
        node = apply(tree, step, &mut tree.no_facts()).unwrap_or(node);
    }
    let mut node = follow(node);
    loop {
        // Descend along first options until an outcome.
        loop {
            match &tree.node(node).kind {
                NodeKind::Question(q) if !q.options.is_empty() => {
                    steps.push(PathStep {
                        question: node,
                        answer: Answer::Option(0),
                    });
                    node = follow(q.options[0].next);
                }
                NodeKind::Outcome(_) => {
                    visit(&steps, node, &facts);
                    break;
                }
                _ => break,
            }
        }
        // Backtrack to the deepest step with another option left (never into the prefix).
        loop {
            if steps.len() == prefix.len() {
                return;
            }
            let Some(last) = steps.last_mut() else { return };
            let options = tree.question(last.question).map_or(&[][..], |q| &q.options);
            let next = last.answer.option().map_or(usize::MAX, |i| i + 1);
            if next < options.len() {
                last.answer = Answer::Option(next as u16);
                node = follow(options[next].next);
                break;
            }
            steps.pop();
        }
    }
}

/// [`for_each_path`], deciding at once the checklist items in `eager` (per fact, a mask of
/// items), whether or not a condition later looks at them: two versions of a tree listed with
/// the same items decided give rows that can be compared answer by answer (`diff`).
pub fn for_each_path_deciding(
    tree: &Tree,
    eager: &[u64],
    visit: impl FnMut(&[PathStep], NodeId, &Facts),
) {
    enumerate(tree, eager, &[], visit);
}

/// The walk behind [`for_each_path_deciding`] and [`for_each_path_from`]: from where `prefix`
/// leads, with its facts set; choice points are made only after it, so backtracking never
/// changes it.
fn enumerate(
    tree: &Tree,
    eager: &[u64],
    prefix: &[PathStep],
    mut visit: impl FnMut(&[PathStep], NodeId, &Facts),
) {
    let mut facts = tree.no_facts();
    let mut node = tree.start;
    for &step in prefix {
        node = apply(tree, step, &mut facts).unwrap_or(node);
    }
    let mut e = Enumeration {
        eager,
        tree,
        steps: prefix.to_vec(),
        facts,
        undo: Vec::new(),
        points: Vec::new(),
        has_checklists: tree
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::Checklist(_))),
    };
    loop {
        // Descend along first branches until an outcome (or a question without options).
        loop {
            if !e.eager.is_empty()
                && let Some((fact, item)) = e.eager_undecided()
            {
                node = e.push(node, PointKind::Item(fact, item));
                continue;
            }
            match &tree.node(node).kind {
                NodeKind::Question(q) if !q.options.is_empty() => node = e.enter(node, q),
                NodeKind::Question(_) => break,
                NodeKind::Checklist(c) => {
                    e.steps.push(PathStep {
                        question: node,
                        answer: Answer::Items {
                            chosen: 0,
                            decided: 0,
                        },
                    });
                    e.set(
                        c.remember,
                        FactState::Many {
                            chosen: 0,
                            decided: 0,
                        },
                    );
                    node = c.next;
                }
                NodeKind::Route(route) => match route_target(route, &e.facts) {
                    Ok(next) => node = next,
                    Err((fact, item)) => node = e.push(node, PointKind::Item(fact, item)),
                },
                // Only a checklist item can be undecided: other trees skip the look.
                NodeKind::Outcome(_) => match e
                    .has_checklists
                    .then(|| first_undecided(tree, node, &e.facts))
                    .flatten()
                {
                    Some((fact, item)) => node = e.push(node, PointKind::Item(fact, item)),
                    None => {
                        e.patch_checklists();
                        visit(&e.steps, node, &e.facts);
                        break;
                    }
                },
            }
        }
        // Backtrack to the deepest point with another branch left.
        loop {
            let Some(point) = e.points.last() else { return };
            let (steps_len, undo_len) = (point.steps_len, point.undo_len);
            let (branch, branches) = (point.branch, point.branches);
            e.rewind(steps_len, undo_len);
            if branch + 1 < branches {
                node = e.take(branch + 1);
                break;
            }
            e.points.pop();
        }
    }
}

/// The first checklist item a `when:` of the outcome at `node` asks about that is undecided.
fn first_undecided(tree: &Tree, node: NodeId, facts: &Facts) -> Option<(FactId, u8)> {
    tree.node(node)
        .conditions()
        .find_map(|c| match c.eval(facts) {
            Truth::Undecided(fact, item) => Some((fact, item)),
            _ => None,
        })
}

/// Every path, collected.
pub fn all_paths(tree: &Tree) -> Vec<DecisionPath> {
    let mut out = Vec::new();
    for_each_path(tree, |steps, outcome, facts| {
        out.push(DecisionPath {
            steps: steps.to_vec(),
            outcome,
            facts: facts.clone(),
        })
    });
    out
}

/// The shortest list of answers from the start to `target` (a question, checklist or outcome),
/// if any answers lead there. Breadth first over (node, facts), so routes are followed as a
/// walk would follow them; a checklist item undecided at a route is tried both ways.
pub fn route_to(tree: &Tree, target: NodeId) -> Option<Vec<PathStep>> {
    route_from(tree, tree.start, &tree.no_facts(), target)
}

/// The shortest list of further answers that leads from `node`, with `facts` already set, to
/// `target` (see [`route_to`]).
pub fn route_from(
    tree: &Tree,
    node: NodeId,
    facts: &Facts,
    target: NodeId,
) -> Option<Vec<PathStep>> {
    if tree.facts.is_empty() {
        return route_without_facts(tree, node, target);
    }
    let mut found = None;
    breadth_first(tree, node, facts.clone(), usize::MAX, |at, trail| {
        if at != target {
            return Visit::Expand;
        }
        found = Some(trail.steps());
        Visit::Stop
    });
    found
}

/// What a breadth-first walk does at a state.
enum Visit {
    /// Go on to the states after it.
    Expand,
    /// Go no further from it.
    Leave,
    /// End the walk.
    Stop,
}

/// A state reached: where, with which facts, and from which state by which answer (none for a
/// pass through a route).
struct Reached {
    node: NodeId,
    facts: Facts,
    from: Option<(usize, Option<PathStep>)>,
}

/// How a walk reached a state.
struct Trail<'w> {
    tree: &'w Tree,
    reached: &'w [Reached],
    at: usize,
}

impl Trail<'_> {
    /// The answers that reached the state, checklists answered as its facts say.
    fn steps(&self) -> Vec<PathStep> {
        let mut steps = Vec::new();
        let mut here = self.at;
        while let Some((from, step)) = self.reached[here].from {
            steps.extend(step);
            here = from;
        }
        steps.reverse();
        finish_checklists(self.tree, steps, &self.reached[self.at].facts)
    }
}

/// Walks the (node, facts) states from `node` with `facts` breadth first (a route's undecided
/// checklist item, tried both ways, before anything further away), each state once, calling
/// `visit` on each. Returns false when it gave up after `limit` states.
fn breadth_first(
    tree: &Tree,
    node: NodeId,
    facts: Facts,
    limit: usize,
    mut visit: impl FnMut(NodeId, &Trail) -> Visit,
) -> bool {
    let mut reached = vec![Reached {
        node,
        facts,
        from: None,
    }];
    let mut seen: HashSet<(NodeId, Facts)> = HashSet::new();
    let mut queue = VecDeque::from([0usize]);
    while let Some(at) = queue.pop_front() {
        if seen.len() >= limit {
            return false;
        }
        let node = reached[at].node;
        if !seen.insert((node, reached[at].facts.clone())) {
            continue;
        }
        let trail = Trail {
            tree,
            reached: &reached,
            at,
        };
        match visit(node, &trail) {
            Visit::Expand => {}
            Visit::Leave => continue,
            Visit::Stop => return true,
        }
        for (to, facts, step, first) in next_states(tree, node, &reached[at].facts) {
            reached.push(Reached {
                node: to,
                facts,
                from: Some((at, step)),
            });
            if first {
                queue.push_front(reached.len() - 1);
            } else {
                queue.push_back(reached.len() - 1);
            }
        }
    }
    true
}

/// What [`routes_where`] found for one outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Search {
    /// The answers, and the facts they set.
    Found(Vec<PathStep>, Facts),
    /// No answers lead there with the condition holding.
    None,
    /// Too many walk states to look at every one.
    GaveUp,
}

/// For each outcome of `targets`, the first answers (breadth first) that reach it with facts
/// for which `condition` holds: paths that show a policy rule broken. One search serves every
/// target. A checklist item the condition asks about is tried both ways. Gives up after
/// `limit` states (the targets not found by then are [`Search::GaveUp`]).
pub fn routes_where(
    tree: &Tree,
    targets: &[NodeId],
    condition: &super::facts::Condition,
    limit: usize,
) -> Vec<Search> {
    let mut found: Vec<Search> = vec![Search::None; targets.len()];
    let mut left = targets.len();
    let mut target_of: Vec<Option<usize>> = vec![None; tree.nodes.len()];
    for (t, node) in targets.iter().enumerate() {
        target_of[node.index()] = Some(t);
    }
    let mut seen: HashSet<(NodeId, Facts)> = HashSet::new();
    let mut queue: VecDeque<(NodeId, Facts, Vec<PathStep>)> =
        VecDeque::from([(tree.start, tree.no_facts(), Vec::new())]);
    while let Some((node, facts, steps)) = queue.pop_front() {
        if left == 0 {
            break;
        }
        if seen.len() >= limit {
            for search in &mut found {
                if *search == Search::None {
                    *search = Search::GaveUp;
                }
            }
            break;
        }
        if !seen.insert((node, facts.clone())) {
            continue;
        }
        if let Some(t) = target_of[node.index()] {
            match condition.eval(&facts) {
                Truth::True if found[t] == Search::None => {
                    let steps = finish_checklists(tree, steps, &facts);
                    let facts = facts_of(tree, &steps);
                    found[t] = Search::Found(steps, facts);
                    left -= 1;
                }
                Truth::Undecided(fact, item) => {
                    for picked in [true, false] {
                        queue.push_front((node, decide(&facts, fact, item, picked), steps.clone()));
                    }
                }
                _ => {}
            }
            continue;
        }
        for (to, facts, step, first) in next_states(tree, node, &facts) {
            let mut steps = steps.clone();
            steps.extend(step);
            if first {
                queue.push_front((to, facts, steps));
            } else {
                queue.push_back((to, facts, steps));
            }
        }
    }
    found
}

/// How many answer paths a tree can have, and how many answers they hold together, by the
/// shape of the tree alone (see [`path_totals`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathTotals {
    /// Root-to-outcome paths.
    pub paths: u128,
    /// Answers over all those paths (the sum of their lengths).
    pub answers: u128,
}

/// [`PathTotals`] counted in one pass over the nodes (each node once, no recursion, saturating):
/// an option is a path of its own, a route counts every rule, and a checklist of n items counts
/// 2ⁿ times what follows it (a walk forks on each item at most once, where a rule first tests
/// it). For a tree without routes and checklists these are the rows `table` lists and the
/// answers in them; otherwise upper bounds, never fewer. Lets `table` and `diff` see an
/// explosion before enumerating it.
pub fn path_totals(tree: &Tree) -> PathTotals {
    path_totals_from(tree, tree.start)
}

/// [`path_totals`] for the ways on from `start`.
pub fn path_totals_from(tree: &Tree, start: NodeId) -> PathTotals {
    const ENDLESS: PathTotals = PathTotals {
        paths: u128::MAX,
        answers: u128::MAX,
    };
    let mut totals: Vec<Option<PathTotals>> = vec![None; tree.nodes.len()];
    let mut open = vec![false; tree.nodes.len()];
    // (node, its successors are done): a node is summed once everything after it is.
    let mut stack = vec![(start, false)];
    while let Some((node, after_successors)) = stack.pop() {
        if totals[node.index()].is_some() {
            continue;
        }
        if !after_successors {
            if open[node.index()] {
                // Answers that lead round in a circle (the loader refuses them): no end.
                return ENDLESS;
            }
            open[node.index()] = true;
            stack.push((node, true));
            stack.extend(
                tree.node(node)
                    .successors()
                    .filter(|next| totals[next.index()].is_none())
                    .map(|next| (next, false)),
            );
            continue;
        }
        open[node.index()] = false;
        let total = |next: NodeId| totals[next.index()].unwrap_or(ENDLESS);
        // Through an answer: the same paths, each one answer longer.
        let answered = |t: PathTotals| PathTotals {
            paths: t.paths,
            answers: t.answers.saturating_add(t.paths),
        };
        let sum = |a: PathTotals, b: PathTotals| PathTotals {
            paths: a.paths.saturating_add(b.paths),
            answers: a.answers.saturating_add(b.answers),
        };
        let zero = PathTotals {
            paths: 0,
            answers: 0,
        };
        totals[node.index()] = Some(match &tree.node(node).kind {
            NodeKind::Outcome(_) => PathTotals {
                paths: 1,
                answers: 0,
            },
            NodeKind::Question(q) => q
                .options
                .iter()
                .map(|o| answered(total(o.next)))
                .fold(zero, sum),
            NodeKind::Checklist(c) => {
                let combinations = 1u128 << c.items.len().min(127);
                let after = answered(total(c.next));
                PathTotals {
                    paths: after.paths.saturating_mul(combinations),
                    answers: after.answers.saturating_mul(combinations),
                }
            }
            NodeKind::Route(r) => r.rules.iter().map(|rule| total(rule.go)).fold(zero, sum),
        });
    }
    totals[start.index()].unwrap_or(ENDLESS)
}

/// The paths of [`path_totals`].
pub fn count_paths(tree: &Tree) -> u128 {
    path_totals(tree).paths
}

/// Every outcome a walk can reach with each set of facts it can reach it with, and the first
/// answers (breadth first, so the fewest) that do; `None` when there are more than `limit` walk
/// states. One state per (node, facts), so paths that re-join are looked at once. The first
/// ending of each outcome is the route [`route_to`] finds.
pub fn endings(tree: &Tree, limit: usize) -> Option<Vec<(NodeId, Facts, Vec<PathStep>)>> {
    let mut found = Vec::new();
    let complete = breadth_first(tree, tree.start, tree.no_facts(), limit, |at, trail| {
        if tree.outcome(at).is_none() {
            return Visit::Expand;
        }
        let steps = trail.steps();
        found.push((at, facts_of(tree, &steps), steps));
        Visit::Leave
    });
    complete.then_some(found)
}

/// [`route_to`] for every outcome at once (one search): by node index, the fewest answers
/// that reach it, or `None` for a node that is not an outcome or that no answers reach.
pub fn routes_to_outcomes(tree: &Tree) -> Vec<Option<Vec<PathStep>>> {
    let mut routes = vec![None; tree.nodes.len()];
    if tree.facts.is_empty() {
        for id in tree.node_ids().filter(|&id| tree.outcome(id).is_some()) {
            routes[id.index()] = route_to(tree, id);
        }
        return routes;
    }
    for (node, _, steps) in endings(tree, usize::MAX).unwrap_or_default() {
        if routes[node.index()].is_none() {
            routes[node.index()] = Some(steps);
        }
    }
    routes
}

/// Where a walk can go from `node` with `facts`, for the breadth-first searches: each next
/// node with its facts, the answer given (none for a pass through a route), and whether to look
/// at it before anything further away (a route's undecided checklist item, tried both ways).
/// A checklist is answered with every item undecided, so the routes after it split as needed.
fn next_states(
    tree: &Tree,
    node: NodeId,
    facts: &Facts,
) -> Vec<(NodeId, Facts, Option<PathStep>, bool)> {
    let mut next = Vec::new();
    match &tree.node(node).kind {
        NodeKind::Question(q) => {
            for i in 0..q.options.len() {
                let step = PathStep {
                    question: node,
                    answer: Answer::Option(i as u16),
                };
                let mut facts = facts.clone();
                let to = apply(tree, step, &mut facts).unwrap_or(node);
                next.push((to, facts, Some(step), false));
            }
        }
        NodeKind::Checklist(Checklist {
            remember, next: to, ..
        }) => {
            let answer = Answer::Items {
                chosen: 0,
                decided: 0,
            };
            let mut facts = facts.clone();
            facts.set(*remember, checklist_state(answer));
            let step = PathStep {
                question: node,
                answer,
            };
            next.push((*to, facts, Some(step), false));
        }
        NodeKind::Route(route) => match route_target(route, facts) {
            Ok(to) => next.push((to, facts.clone(), None, false)),
            Err((fact, item)) => {
                for picked in [false, true] {
                    next.push((node, decide(facts, fact, item, picked), None, true));
                }
            }
        },
        NodeKind::Outcome(_) => {}
    }
    next
}

/// `facts` with checklist item `item` of `fact` decided: picked or left out.
fn decide(facts: &Facts, fact: FactId, item: u8, picked: bool) -> Facts {
    let mut facts = facts.clone();
    if let FactState::Many { chosen, decided } = facts.get(fact) {
        let bit = 1u64 << item;
        facts.set(
            fact,
            FactState::Many {
                chosen: if picked { chosen | bit } else { chosen },
                decided: decided | bit,
            },
        );
    }
    facts
}

/// [`route_from`] for a tree without facts: where a walk goes depends on the node alone, so a
/// breadth-first search over nodes with one visited flag each.
fn route_without_facts(tree: &Tree, from: NodeId, target: NodeId) -> Option<Vec<PathStep>> {
    let facts = tree.no_facts();
    let mut came_from: Vec<Option<(NodeId, Option<PathStep>)>> = vec![None; tree.nodes.len()];
    let mut seen = vec![false; tree.nodes.len()];
    let mut queue = VecDeque::from([from]);
    seen[from.index()] = true;
    while let Some(node) = queue.pop_front() {
        if node == target {
            let mut steps = Vec::new();
            let mut here = node;
            while let Some((previous, step)) = came_from[here.index()] {
                steps.extend(step);
                here = previous;
            }
            steps.reverse();
            return Some(steps);
        }
        let edges: Vec<(NodeId, Option<PathStep>)> = match &tree.node(node).kind {
            NodeKind::Question(q) => (0..q.options.len())
                .map(|i| {
                    let step = PathStep {
                        question: node,
                        answer: Answer::Option(i as u16),
                    };
                    (q.options[i].next, Some(step))
                })
                .collect(),
            NodeKind::Route(route) => vec![(settle_once(route, &facts), None)],
            _ => Vec::new(),
        };
        for (next, step) in edges {
            if !seen[next.index()] {
                seen[next.index()] = true;
                came_from[next.index()] = Some((node, step));
                queue.push_back(next);
            }
        }
    }
    None
}

/// Where a route sends a walk with `facts` (every item decided).
fn settle_once(route: &Route, facts: &Facts) -> NodeId {
    route_target(route, facts).unwrap_or_else(|_| route.rules.last().map_or(NodeId(0), |r| r.go))
}

/// A route's checklist answers as a person would give them: undecided items left out.
fn finish_checklists(tree: &Tree, mut steps: Vec<PathStep>, facts: &Facts) -> Vec<PathStep> {
    for step in &mut steps {
        if let Some(c) = tree.checklist(step.question)
            && let FactState::Many { chosen, .. } = facts.get(c.remember)
        {
            step.answer = Answer::items(chosen, c.items.len());
        }
    }
    steps
}

/// The answers of a path joined by `separator` ("Documents › OFFICIAL › Yes"), written straight
/// into one string (the table's hot path: no list of labels in between).
pub fn joined_answers(tree: &Tree, steps: &[PathStep], separator: &str) -> String {
    // Sized exactly first, so a table that keeps every row allocates no more than it needs.
    let length = steps.iter().map(|s| answer(tree, *s).len()).sum::<usize>()
        + separator.len() * steps.len().saturating_sub(1);
    let mut out = String::with_capacity(length);
    for (i, step) in steps.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&answer(tree, *step));
    }
    out
}

/// The answers of a path as people read them, in order.
pub fn labels<'t>(tree: &'t Tree, steps: &[PathStep]) -> Vec<Cow<'t, str>> {
    steps.iter().map(|s| answer(tree, *s)).collect()
}

/// The answer given at a step: the option label, or the checklist items picked (or the
/// "none of these" label). A checklist answer listed by `table` with items that make no
/// difference reads "HR information; not Personal data; any of the rest".
#[inline]
pub fn answer(tree: &Tree, step: PathStep) -> Cow<'_, str> {
    // An option's label is borrowed: the common case, kept small enough to inline.
    if let Answer::Option(i) = step.answer {
        let label = match &tree.node(step.question).kind {
            NodeKind::Question(q) => q.options.get(i as usize).map(|o| o.label.as_str()),
            _ => None,
        };
        return Cow::Borrowed(label.unwrap_or(""));
    }
    Cow::Owned(items_answer(tree, step))
}

/// A checklist answer in words (see [`answer`]).
fn items_answer(tree: &Tree, step: PathStep) -> String {
    match (&tree.node(step.question).kind, step.answer) {
        (NodeKind::Checklist(c), Answer::Items { chosen, decided }) => {
            checklist_answer(c, chosen.into(), decided.into())
        }
        _ => String::new(),
    }
}

fn checklist_answer(c: &Checklist, chosen: u64, decided: u64) -> String {
    let all = all_items(c.items.len());
    let label = |i: usize| c.items[i].label.as_str();
    let picked: Vec<&str> = (0..c.items.len())
        .filter(|i| chosen & decided & (1 << i) != 0)
        .map(label)
        .collect();
    if decided & all == all {
        return if picked.is_empty() {
            c.none.clone()
        } else {
            picked.join(", ")
        };
    }
    let left_out: Vec<&str> = (0..c.items.len())
        .filter(|i| !chosen & decided & (1 << i) != 0)
        .map(label)
        .collect();
    let mut parts = Vec::new();
    if !picked.is_empty() {
        parts.push(picked.join(", "));
    }
    if !left_out.is_empty() {
        parts.push(format!("not {}", left_out.join(", not ")));
    }
    if parts.is_empty() {
        "any answer".to_string()
    } else {
        parts.push("any of the rest".to_string());
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::test_tree_v2;

    /// what → contents (checklist) → route: HR → no; personal → careful; otherwise → ok.
    fn tree() -> Tree {
        test_tree_v2(
            "what",
            r#"{
                "what": Question(text: "What?", remember: "what", options: [
                    Option(label: "Files", next: "contents"),
                    Option(label: "Calls", next: "call"),
                ]),
                "contents": Checklist(text: "Contains?", remember: "contains", items: [
                    Item(label: "Personal data", value: "personal"),
                    Item(label: "HR information", value: "hr"),
                    Item(label: "Pictures", value: "pictures"),
                ], next: "route"),
                "route": Route(rules: [
                    When(if: {"contains": Has("hr")}, go: "no"),
                    When(if: {"contains": Has("personal")}, go: "careful"),
                    Otherwise("ok"),
                ]),
                "no": Outcome(verdict: "not-allowed", headline: "No", explanation: "e"),
                "careful": Outcome(verdict: "allowed-with-conditions", headline: "Careful", explanation: "e"),
                "ok": Outcome(verdict: "recommended", headline: "OK", explanation: "e"),
                "call": Outcome(verdict: "recommended", headline: "Call", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn the_path_count_is_never_below_the_paths_listed() {
        let mut listed = 0u128;
        for_each_path(&tree(), |_, _, _| listed += 1);
        assert_eq!(listed, 4);
        assert!(count_paths(&tree()) >= listed);
        // Four one-item checklists, then one rule that tests all four items: the walk forks at
        // each test (ticked: on to the next test; not: Otherwise), five paths through a route
        // of two rules — more than counting each checklist once would allow.
        let mut nodes = String::new();
        for i in 0..4 {
            let next = if i == 3 {
                "route".to_string()
            } else {
                format!("c{}", i + 1)
            };
            nodes.push_str(&format!(
                r#""c{i}": Checklist(text: "C{i}?", remember: "k{i}", items: [
                    Item(label: "A", value: "a"),
                ], next: "{next}"),
                "#
            ));
        }
        nodes.push_str(
            r#""route": Route(rules: [
                When(if: {"k0": Has("a"), "k1": Has("a"), "k2": Has("a"), "k3": Has("a")}, go: "all"),
                Otherwise("some"),
            ]),
            "all": Outcome(verdict: "recommended", headline: "All", explanation: "e"),
            "some": Outcome(verdict: "recommended", headline: "Some", explanation: "e"),"#,
        );
        let chained = test_tree_v2("c0", &format!("{{{nodes}}}"));
        let mut listed = 0u128;
        for_each_path(&chained, |_, _, _| listed += 1);
        assert_eq!(listed, 5);
        assert!(count_paths(&chained) >= listed);
    }

    #[test]
    fn the_paths_from_a_node_begin_with_the_answers_that_reach_it() {
        let t = tree();
        let contents = t.find("contents").expect("contents");
        let prefix = route_to(&t, contents).expect("reachable");
        let mut from = Vec::new();
        for_each_path_from(&t, &prefix, |steps, end, _| {
            assert_eq!(steps[..prefix.len()], prefix[..]);
            from.push(t.node(end).id.clone());
        });
        // The same paths, in the same order, as the full listing gives through that node.
        let mut through = Vec::new();
        for_each_path(&t, |steps, end, _| {
            if steps.iter().any(|s| s.question == contents) {
                through.push(t.node(end).id.clone());
            }
        });
        assert_eq!(from, through);
        assert_eq!(from.len(), 3);
        assert!(path_totals_from(&t, contents).paths >= from.len() as u128);
    }

    #[test]
    fn the_answers_of_all_paths_are_counted_too() {
        let mut answers = 0u128;
        for_each_path(&tree(), |steps, _, _| answers += steps.len() as u128);
        let totals = path_totals(&tree());
        assert!(totals.answers >= answers, "{totals:?} < {answers}");
        // Without a checklist the counts are exact: two questions, three paths.
        let plain = test_tree_v2(
            "a",
            r#"{
                "a": Question(text: "A?", options: [
                    Option(label: "1", next: "b"), Option(label: "2", next: "end"),
                ]),
                "b": Question(text: "B?", options: [
                    Option(label: "1", next: "end"), Option(label: "2", next: "end"),
                ]),
                "end": Outcome(verdict: "recommended", headline: "End", explanation: "e"),
            }"#,
        );
        assert_eq!(
            path_totals(&plain),
            PathTotals {
                paths: 3,
                answers: 5
            }
        );
    }

    #[test]
    fn a_checklist_splits_only_where_a_rule_looks_at_an_item() {
        let t = tree();
        let paths = all_paths(&t);
        let rows: Vec<(String, &str)> = paths
            .iter()
            .map(|p| {
                (
                    joined_answers(&t, &p.steps, " › "),
                    t.node(p.outcome).id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Files › not Personal data, not HR information; any of the rest".to_string(),
                    "ok"
                ),
                (
                    "Files › Personal data; not HR information; any of the rest".to_string(),
                    "careful"
                ),
                ("Files › HR information; any of the rest".to_string(), "no"),
                ("Calls".to_string(), "call"),
            ]
            .map(|(a, b)| (a, b))
        );
    }

    #[test]
    fn facts_follow_the_answers() {
        let t = tree();
        let paths = all_paths(&t);
        let hr = t.fact("contains").unwrap();
        assert_eq!(
            paths[2].facts.get(hr),
            FactState::Many {
                chosen: 0b10,
                decided: 0b10
            }
        );
        assert_eq!(paths[3].facts.get(hr), FactState::Unset);
    }

    #[test]
    fn route_to_follows_routes_and_picks_items() {
        let t = tree();
        let steps = route_to(&t, t.find("no").unwrap()).unwrap();
        assert_eq!(labels(&t, &steps), ["Files", "HR information"]);
        let steps = route_to(&t, t.find("ok").unwrap()).unwrap();
        assert_eq!(labels(&t, &steps), ["Files", "None of these"]);
    }

    #[test]
    fn settle_passes_through_routes() {
        let t = tree();
        let mut facts = t.no_facts();
        let contents = t.find("contents").unwrap();
        let next = apply(
            &t,
            PathStep {
                question: contents,
                answer: Answer::items(0b01, 3),
            },
            &mut facts,
        )
        .unwrap();
        assert_eq!(t.node(settle(&t, next, &facts)).id, "careful");
    }
}

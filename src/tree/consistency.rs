//! Consistency across trees: two answer paths, in one tree or in two, whose facts agree on
//! every fact the shared rules look at, and whose outcomes name the same register tools, give
//! the same advice. Paths that set none of those facts and name no tool are not compared. Where their verdicts differ, the rules cannot tell the two situations apart
//! but the trees answer them differently — one of them is probably wrong.
//!
//! Each tree's endings come from one breadth-first search over (node, facts) states
//! ([`super::paths::endings`]), so paths that re-join are looked at once.

use std::collections::HashMap;

use super::facts::{FactId, FactState, Facts, bits};
use super::model::{NodeId, Tree, Verdict};
use super::paths::{PathStep, endings, joined_answers};
use super::policy::Policy;

/// How many walk states one tree's search may visit before the tree is left out.
pub const ENDINGS_LIMIT: usize = 200_000;

/// One way a tree can end, with the facts the shared rules look at.
#[derive(Clone, Debug)]
pub struct Ending<'t> {
    /// The tree.
    pub tree: &'t Tree,
    /// The outcome.
    pub outcome: NodeId,
    /// The answers of a path that ends here with these facts.
    pub steps: Vec<PathStep>,
    /// The facts it ends with.
    pub facts: Facts,
}

impl Ending<'_> {
    /// The outcome's verdict.
    pub fn verdict(&self) -> Verdict {
        self.tree
            .outcome(self.outcome)
            .map_or(Verdict::AskForHelp, |o| o.verdict)
    }

    /// `"RECOMMENDED — Use Microsoft Teams" in share ("Documents › …")`.
    pub fn describe(&self) -> String {
        let headline = self.tree.outcome(self.outcome).map_or("", |o| &o.headline);
        format!(
            "\"{} — {headline}\" in {} (\"{}\")",
            self.verdict().label(),
            self.tree.id,
            joined_answers(self.tree, &self.steps, " › ")
        )
    }

    /// `key: value` for each of `keys`, "not known" where the fact is not set.
    pub fn fact_words(&self, keys: &[&str]) -> Vec<String> {
        keys.iter()
            .map(|&key| {
                let value = self.tree.fact(key).map_or("not known".to_string(), |f| {
                    state_words(self.tree, f.index(), self.facts.get(f))
                });
                format!("{key}: {value}")
            })
            .collect()
    }
}

/// Two endings the rules cannot tell apart, with different verdicts.
#[derive(Clone, Debug)]
pub struct Disagreement<'t> {
    /// The first ending found (in tree order, then breadth first).
    pub first: Ending<'t>,
    /// One with another verdict.
    pub second: Ending<'t>,
}

/// The shared facts the policy's rules test, by key, in the order the vocabulary lists them.
pub fn rule_keys(policy: &Policy) -> Vec<&str> {
    let mut tested = vec![false; policy.facts.len()];
    for test in policy.rules.iter().flat_map(|r| &r.when.tests) {
        tested[test.fact.index()] = true;
    }
    policy
        .facts
        .iter()
        .zip(tested)
        .filter(|(_, t)| *t)
        .map(|(f, _)| f.fact.key.as_str())
        .collect()
}

/// What two endings must share to be compared: for each rule key, the shared values set
/// (bits of the vocabulary's values; 0 for not set); the tree and its own rule facts where
/// one is set; and the tools, sorted.
type GroupKey = (
    Vec<u64>,
    Option<(usize, Vec<(FactId, FactState)>)>,
    Vec<String>,
);

/// Every pair of endings, across `trees`, whose rule facts and tools agree but whose verdicts
/// differ: one per group of endings that agree. A tree with more walk states than
/// [`ENDINGS_LIMIT`] is left out (and named in the second list).
pub fn disagreements<'t>(
    trees: &[&'t Tree],
    policy: &Policy,
) -> (Vec<Disagreement<'t>>, Vec<&'t Tree>) {
    let keys = rule_keys(policy);
    let mut groups: HashMap<GroupKey, Vec<Ending<'t>>> = HashMap::new();
    let mut order = Vec::new();
    let mut skipped = Vec::new();
    for (t, &tree) in trees.iter().enumerate() {
        // For each rule key: the tree's fact, and the vocabulary bit of each of its values.
        let shared: Vec<Option<(FactId, Vec<u64>)>> = keys
            .iter()
            .map(|&key| {
                let fact = tree.fact(key)?;
                let vocabulary = policy.fact(key)?;
                let bits = tree.facts[fact.index()]
                    .values
                    .iter()
                    .map(|v| vocabulary.value_index(&v.value).map_or(0, |i| 1u64 << i))
                    .collect();
                Some((fact, bits))
            })
            .collect();
        if shared.iter().all(Option::is_none) {
            continue;
        }
        let mut own: Vec<FactId> = tree
            .rules
            .iter()
            .flat_map(|r| &r.when.tests)
            .map(|t| t.fact)
            .filter(|f| !keys.contains(&tree.facts[f.index()].key.as_str()))
            .collect();
        own.sort();
        own.dedup();
        let Some(found) = endings(tree, ENDINGS_LIMIT) else {
            skipped.push(tree);
            continue;
        };
        for (outcome, facts, steps) in found {
            let values: Vec<u64> = shared
                .iter()
                .map(|entry| {
                    let Some((fact, bits)) = entry else { return 0 };
                    match facts.get(*fact) {
                        FactState::Unset => 0,
                        FactState::One(v) => bits[v as usize],
                        // A checklist: its picked items, with a bit of their own for "answered".
                        FactState::Many { chosen, .. } => {
                            super::facts::bits(chosen).fold(1u64 << 63, |m, i| m | bits[i])
                        }
                    }
                })
                .collect();
            // Where the tree's own rules see a fact set, the path is compared within the tree.
            let local: Vec<(FactId, FactState)> = own
                .iter()
                .map(|&f| (f, facts.get(f)))
                .filter(|(_, s)| *s != FactState::Unset)
                .collect();
            let local = (!local.is_empty()).then_some((t, local));
            let mut tools = tree
                .outcome(outcome)
                .map_or(Vec::new(), |o| o.tools.clone());
            tools.sort();
            // A path the rules know nothing about (no fact they test, no tool) cannot be told
            // apart from another by them: comparing it would say nothing.
            if values.iter().all(|&v| v == 0) && local.is_none() && tools.is_empty() {
                continue;
            }
            let key = (values, local, tools);
            let ending = Ending {
                tree,
                outcome,
                steps,
                facts,
            };
            let list = groups.entry(key.clone()).or_default();
            if list.is_empty() {
                order.push(key);
            }
            list.push(ending);
        }
    }
    let mut out = Vec::new();
    for key in order {
        let list = &groups[&key];
        let first = &list[0];
        if let Some(second) = list.iter().find(|e| e.verdict() != first.verdict()) {
            out.push(Disagreement {
                first: first.clone(),
                second: second.clone(),
            });
        }
    }
    (out, skipped)
}

/// A fact's state as its stable value(s): `official`, `hr + legal`, `none of them`, `not known`.
fn state_words(tree: &Tree, fact: usize, state: FactState) -> String {
    let values = &tree.facts[fact].values;
    match state {
        FactState::Unset => "not known".to_string(),
        FactState::One(v) => values
            .get(v as usize)
            .map_or(String::new(), |v| v.value.clone()),
        FactState::Many { chosen, .. } => {
            let mut picked: Vec<&str> = bits(chosen)
                .filter_map(|i| values.get(i).map(|v| v.value.as_str()))
                .collect();
            picked.sort_unstable();
            match picked.is_empty() {
                true => "none of them".to_string(),
                false => picked.join(" + "),
            }
        }
    }
}

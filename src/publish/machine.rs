//! The part of a tree the page's script needs to walk it: for every node where its answers
//! lead and which fact they set, every route's rules, and every `when:` condition, all as
//! numbers. The script applies answers and passes through routes exactly as
//! [`crate::tree::paths`] does, and shows only the text whose condition holds; every word it
//! shows is already in the page's markup.

use serde_json::{Value, json};

use crate::tree::facts::{Check, Condition, FactKind, bits};
use crate::tree::{NodeKind, Tree};

/// The distinct non-empty conditions of a tree, numbered: the markup marks conditional text
/// with its condition's number (`data-when`), and the script evaluates the same list.
#[derive(Debug, Default)]
pub struct Conditions(Vec<Condition>);

impl Conditions {
    /// The number of `condition` (added when new), or `None` for the empty condition, which
    /// always holds.
    pub fn number(&mut self, condition: &Condition) -> Option<usize> {
        if condition.is_always() {
            return None;
        }
        let found = self.0.iter().position(|c| c == condition);
        Some(found.unwrap_or_else(|| {
            self.0.push(condition.clone());
            self.0.len() - 1
        }))
    }

    /// Each condition as a list of tests: `[fact, "one", [values…]]`, `[fact, "has", item]`,
    /// `[fact, "lacks", item]` or `[fact, "unset"]`.
    fn to_json(&self) -> Value {
        self.0
            .iter()
            .map(|condition| {
                condition
                    .tests
                    .iter()
                    .map(|test| {
                        let fact = test.fact.index();
                        match test.check {
                            Check::OneOf(mask) => {
                                json!([fact, "one", bits(mask).collect::<Vec<_>>()])
                            }
                            Check::Has(item) => json!([fact, "has", item]),
                            Check::Lacks(item) => json!([fact, "lacks", item]),
                            Check::NotSet => json!([fact, "unset"]),
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// The walk as data, given the conditions the markup numbered (route rules are numbered here,
/// after them).
///
/// `{"start": n, "facts": ["one"|"many", …], "conditions": […], "nodes": […]}` where a node is
/// `["q", fact|null, [[value, next], …]]` (a question: each option's fact value and where it
/// leads), `["c", fact, items, next]` (a checklist), `["r", [[condition|null, go], …]]` (a
/// route's rules in order) or `["o"]` (an outcome).
pub fn machine(tree: &Tree, conditions: &mut Conditions) -> Value {
    let nodes: Vec<Value> = tree
        .nodes
        .iter()
        .map(|node| match &node.kind {
            NodeKind::Question(q) => json!([
                "q",
                q.remember.map(|f| f.index()),
                q.options
                    .iter()
                    .map(|o| json!([o.fact_value, o.next.index()]))
                    .collect::<Vec<_>>()
            ]),
            NodeKind::Checklist(c) => {
                json!(["c", c.remember.index(), c.items.len(), c.next.index()])
            }
            NodeKind::Route(route) => json!([
                "r",
                route
                    .rules
                    .iter()
                    .map(|rule| json!([conditions.number(&rule.condition), rule.go.index()]))
                    .collect::<Vec<_>>()
            ]),
            NodeKind::Outcome(_) => json!(["o"]),
        })
        .collect();
    let facts: Vec<&str> = tree
        .facts
        .iter()
        .map(|f| match f.kind {
            FactKind::One => "one",
            FactKind::Many => "many",
        })
        .collect();
    json!({
        "start": tree.start.index(),
        "facts": facts,
        "conditions": conditions.to_json(),
        "nodes": nodes,
    })
}

/// The machine as the text of a `<script type="application/json">` element: `<` is escaped so
/// nothing in it can close the element (it holds only numbers and fixed words, but the escape
/// keeps that true whatever is added later).
pub fn script_text(machine: &Value) -> String {
    machine.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_conditions_share_a_number_and_the_empty_one_has_none() {
        let tree = crate::catalog::shipped("share");
        let mut conditions = Conditions::default();
        let machine = machine(&tree, &mut conditions);
        let nodes = machine["nodes"].as_array().expect("nodes");
        assert_eq!(nodes.len(), tree.nodes.len());
        assert!(nodes.iter().any(|n| n[0] == "r"), "share has routes");
        assert!(nodes.iter().any(|n| n[0] == "c"), "share has a checklist");
        let listed = machine["conditions"].as_array().expect("conditions");
        let mut seen = std::collections::HashSet::new();
        assert!(listed.iter().all(|c| seen.insert(c.to_string())));
        assert_eq!(conditions.number(&Condition::default()), None);
    }

    #[test]
    fn the_script_text_cannot_close_its_element() {
        let text = script_text(&json!({"x": "</script><b>"}));
        assert!(!text.contains('<'));
        assert_eq!(
            serde_json::from_str::<Value>(&text).expect("still JSON")["x"],
            "</script><b>"
        );
    }
}

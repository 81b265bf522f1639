//! Whether an outcome found by a search fits the words of the query: a quick answer must never
//! rest on facts the question contradicts.
//!
//! Two things contradict a query:
//! * **a fact on the route**: the route to the outcome set a fact to one value while the query
//!   names another, more specific one ("OFFICIAL" on the route, "official-sensitive" in the
//!   query; "SECRET" on the route, "top secret" in the query). A value is named when every word
//!   of its label is in the query.
//! * **a tool's limit**: the outcome recommends or allows a tool (named by the outcome, or the
//!   one whose row of the approved-tools table it quotes) whose register entry must avoid something the
//!   query names ("whatsapp personal data", where WhatsApp avoids personal or sensitive data),
//!   unless the query says "no", "not" or "without".
//!
//! For a tree with facts, every route to the outcome is considered and the first that fits is
//! used; an outcome no route fits is not a fitting answer. A tree with more walk states than a
//! search may visit is judged by the tool limit alone.

use std::collections::HashSet;

use crate::tree::consistency::ENDINGS_LIMIT;
use crate::tree::facts::FactState;
use crate::tree::paths::{PathStep, endings, route_to};
use crate::tree::{NodeId, Tree, Verdict};

/// Words that say nothing on their own.
const STOP: &[&str] = &[
    "a",
    "an",
    "and",
    "the",
    "or",
    "of",
    "to",
    "for",
    "in",
    "on",
    "with",
    "by",
    "is",
    "it",
    "i",
    "m",
    "my",
    "data",
    "information",
    "use",
    "can",
];

/// Words that turn what follows around.
const NEGATION: &[&str] = &["no", "not", "without", "none", "never", "don't", "dont"];

/// The words of a query, lower case.
pub struct Query {
    words: HashSet<String>,
    negated: bool,
}

impl Query {
    /// Splits `text` into words.
    pub fn new(text: &str) -> Query {
        let words: HashSet<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let negated = words.iter().any(|w| NEGATION.contains(&w.as_str()));
        Query { words, negated }
    }

    /// Whether every meaningful word of `label` is in the query (and there is one).
    fn names(&self, label: &str) -> bool {
        let words = content_words(label);
        !words.is_empty() && words.iter().all(|w| self.words.contains(w))
    }

    /// Whether some meaningful word of `label` is in the query, and the query says no "no".
    fn mentions(&self, label: &str) -> bool {
        !self.negated && content_words(label).iter().any(|w| self.words.contains(w))
    }
}

/// The meaningful words of a label, lower case.
fn content_words(label: &str) -> HashSet<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()) && !NEGATION.contains(&w.as_str()))
        .collect()
}

/// The route to show for `outcome` as an answer to `query`: the shortest whose facts the query
/// does not contradict, or `None` when every route does, or the outcome allows a tool the query
/// says must be avoided.
pub fn fitting_route(tree: &Tree, outcome: NodeId, query: &Query) -> Option<Vec<PathStep>> {
    if tool_limit_named(tree, outcome, query) {
        return None;
    }
    // A tree too large to search state by state is not judged by its facts.
    let Some(found) = endings(tree, ENDINGS_LIMIT).filter(|_| !tree.facts.is_empty()) else {
        return route_to(tree, outcome);
    };
    found
        .into_iter()
        .filter(|(node, ..)| *node == outcome)
        .find(|(_, facts, _)| !facts_contradicted(tree, facts, query))
        .map(|(.., steps)| steps)
}

/// Whether a fact on the route is set to a value the query names a more specific rival of.
fn facts_contradicted(tree: &Tree, facts: &crate::tree::Facts, query: &Query) -> bool {
    tree.facts.iter().enumerate().any(|(f, fact)| {
        let held: Vec<usize> = match facts.get(crate::tree::FactId(f as u16)) {
            FactState::Unset => return false,
            FactState::One(v) => vec![v as usize],
            // A checklist's items are not rivals of one another.
            FactState::Many { .. } => return false,
        };
        let named: Vec<usize> = (0..fact.values.len())
            .filter(|&v| query.names(&fact.values[v].label))
            .collect();
        let words = |v: usize| content_words(&fact.values[v].label);
        held.iter().all(|&h| {
            // Another value named, and the held one not named or less specific than it.
            named.iter().any(|&n| {
                n != h
                    && (!named.contains(&h)
                        || words(h).is_subset(&words(n)) && words(h) != words(n))
            })
        })
    })
}

/// Whether the outcome recommends or allows a tool whose register entry avoids something the
/// query mentions.
fn tool_limit_named(tree: &Tree, outcome: NodeId, query: &Query) -> bool {
    let Some(o) = tree.outcome(outcome) else {
        return false;
    };
    if !matches!(
        o.verdict,
        Verdict::Recommended | Verdict::AllowedWithConditions
    ) {
        return false;
    }
    // The tools it names; or, where it names none and quotes one tool's row of the table, that
    // tool (an outcome quoting several rows is comparing them, not allowing each).
    let mut tools = tree.tools_of(o);
    if tools.is_empty() {
        let rows: Vec<_> = o.guidance.iter().filter_map(|p| tree.tool_row(p)).collect();
        if let [one] = rows[..] {
            tools.push(one);
        }
    }
    tools
        .iter()
        .any(|tool| tool.avoid.iter().any(|label| query.mentions(label)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_named_when_every_word_of_its_label_is_in_the_query() {
        let q = Query::new("Can I send an OFFICIAL-SENSITIVE document to the police?");
        assert!(q.names("OFFICIAL-SENSITIVE"));
        assert!(q.names("OFFICIAL"));
        assert!(!q.names("TOP SECRET"));
        assert!(
            !q.names("I'm not sure"),
            "a label of stop words names nothing"
        );
    }

    #[test]
    fn no_in_the_query_turns_a_mention_around() {
        assert!(Query::new("whatsapp personal data").mentions("Personal or sensitive data"));
        assert!(
            !Query::new("whatsapp with no personal data").mentions("Personal or sensitive data")
        );
        assert!(!Query::new("whatsapp meeting").mentions("Personal or sensitive data"));
    }
}

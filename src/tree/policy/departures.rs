//! How a local policy departs from the official one: the official rules and register tools it
//! changes or leaves out. A local policy may add rules and tools, never replace or remove
//! official ones (outside the author's preview).

use super::{Policy, Tool};
use crate::tree::facts::Fact;
use crate::tree::model::PolicyRule;

/// An official rule or tool a policy changes or leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Departure {
    /// `rule` or `tool`.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Changed (`true`) or left out (`false`).
    pub changed: bool,
}

impl Departure {
    /// `rule "x"`, `tool "teams"`.
    pub fn name(&self) -> String {
        format!("{} \"{}\"", self.kind, self.id)
    }
}

impl Policy {
    /// The official rules and tools of `official` this policy changes or leaves out, written
    /// rules first, then tools; register rules are covered by their tools.
    pub fn departures_from(&self, official: &Policy) -> Vec<Departure> {
        let mut out = Vec::new();
        let (ours, theirs) = (self.fact_list(), official.fact_list());
        let written = |p: &'_ Policy| -> Vec<PolicyRule> {
            p.rules
                .iter()
                .filter(|r| r.origin == crate::tree::model::RuleOrigin::Policy)
                .cloned()
                .collect()
        };
        let mine = written(self);
        for rule in written(official) {
            let found = mine.iter().find(|r| r.id == rule.id);
            if let Some(changed) = found.map(|r| rule_words(r, &ours) != rule_words(&rule, &theirs))
            {
                if changed {
                    out.push(departure("rule", &rule.id, true));
                }
            } else {
                out.push(departure("rule", &rule.id, false));
            }
        }
        for tool in &official.tools {
            match self.tool(&tool.id) {
                Some(mine) if tool_words(mine) == tool_words(tool) => {}
                Some(_) => out.push(departure("tool", &tool.id, true)),
                None => out.push(departure("tool", &tool.id, false)),
            }
        }
        // A tool kept as written but with a classification scale, or facts, that make its
        // rules forbid something else.
        let register = |p: &Policy, facts: &[Fact], id: &str| -> Vec<String> {
            p.rules
                .iter()
                .filter(|r| r.origin == crate::tree::model::RuleOrigin::Register(id.to_string()))
                .map(|r| rule_words(r, facts))
                .collect()
        };
        for tool in &official.tools {
            let kept = out.iter().all(|d| d.kind != "tool" || d.id != tool.id);
            if kept && register(self, &ours, &tool.id) != register(official, &theirs, &tool.id) {
                out.push(departure("tool", &tool.id, true));
            }
        }
        out
    }

    fn fact_list(&self) -> Vec<Fact> {
        self.facts.iter().map(|f| f.fact.clone()).collect()
    }
}

fn departure(kind: &'static str, id: &str, changed: bool) -> Departure {
    Departure {
        kind,
        id: id.to_string(),
        changed,
    }
}

/// What a rule forbids, where and why (the passage it quotes too), in words that do not
/// depend on the file's layout.
fn rule_words(rule: &PolicyRule, facts: &[Fact]) -> String {
    format!(
        "{}|{}|{:?}|{:?}|{}|{}",
        rule.says,
        rule.when.describe(facts),
        rule.never,
        rule.tools,
        rule.source.section,
        rule.source.quote
    )
}

/// What a register entry says about its tool (its passages' words too), leaving out where they
/// sit in the file.
fn tool_words(tool: &Tool) -> String {
    let quotes: Vec<(&str, &str)> = tool
        .sources
        .iter()
        .map(|p| (p.section.as_str(), p.quote.as_str()))
        .collect();
    format!(
        "{}|{:?}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{quotes:?}",
        tool.name,
        tool.aliases,
        tool.used_for,
        tool.up_to,
        tool.audience,
        tool.avoid,
        tool.conditions,
        tool.access
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn official() -> (Policy, String) {
        let text = include_str!("../../../decision-trees/policy.ron").to_string();
        let (policy, diagnostics) = Policy::load("policy.ron", &text, crate::tree::today());
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        (policy, text)
    }

    fn reload(text: &str) -> Policy {
        let (policy, diagnostics) = Policy::load("mine.ron", text, crate::tree::today());
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        policy
    }

    #[test]
    fn the_same_policy_departs_from_nothing() {
        let (policy, text) = official();
        assert_eq!(reload(&text).departures_from(&policy), Vec::new());
    }

    #[test]
    fn a_raised_limit_and_a_dropped_rule_are_departures() {
        let (policy, text) = official();
        let first_rule = policy
            .rules
            .iter()
            .find(|r| r.origin == crate::tree::model::RuleOrigin::Policy)
            .expect("a written rule")
            .id
            .clone();
        // Teams allowed up to SECRET.
        let raised = text.replacen("up_to: \"official-sensitive\"", "up_to: \"secret\"", 1);
        let departures = reload(&raised).departures_from(&policy);
        assert_eq!(departures.len(), 1, "{departures:?}");
        assert!(departures[0].changed && departures[0].kind == "tool");
        // The row of the approved-tools table Teams quotes, reworded.
        let requoted = text.replacen(
            "MoJ use approved for Official and Official-Sensitive",
            "MoJ use approved for everything",
            1,
        );
        let departures = reload(&requoted).departures_from(&policy);
        assert!(
            departures.iter().any(|d| d.kind == "tool" && d.changed),
            "{departures:?}"
        );
        // The first written rule's id renamed: the official rule is gone.
        let renamed = text.replacen(&format!("\"{first_rule}\""), "\"mine\"", 1);
        let departures = reload(&renamed).departures_from(&policy);
        assert_eq!(
            departures,
            vec![departure("rule", &first_rule, false)],
            "{departures:?}"
        );
        assert_eq!(departures[0].name(), format!("rule \"{first_rule}\""));
    }
}

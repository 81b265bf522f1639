//! The shared policy file (`policy.ron`): the fact vocabulary every tree shares, the register
//! of approved tools, and the rules every tree must keep.
//!
//! A register entry is a rule too: a tool is never recommended or allowed above its `up_to`
//! classification, for an audience it is not approved for, or with a fact it must `avoid`.
//! Rules are written over the shared facts; [`Policy::rules_for`] restates them over one
//! tree's facts so that the tree's own facts pass checks them like the tree's own rules.

use chrono::NaiveDate;

use super::facts::{Check, Condition, Fact, FactId, Test, bits};
pub use super::model::Tool;
use super::model::{Passage, PolicyRule, Source, Verdict};

mod departures;
mod load;

pub use departures::Departure;

/// The name of the policy file in a trees folder.
pub const POLICY_FILE: &str = "policy.ron";

/// The verdicts a register rule forbids: a tool is neither recommended nor allowed.
pub(crate) const PERMISSIVE: [Verdict; 2] = [Verdict::Recommended, Verdict::AllowedWithConditions];

/// The shared vocabulary, register and rules. The default is an empty policy (no file).
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Where it was loaded from (`<embedded>/policy.ron`).
    pub origin: String,
    /// The team responsible.
    pub owner: String,
    /// When it is due for review.
    pub review_by: Option<NaiveDate>,
    /// Content version.
    pub version: String,
    /// The documents its passages quote, indexed by [`Passage::source`].
    pub sources: Vec<Source>,
    /// The shared facts, indexed by the [`FactId`]s of [`Policy::rules`].
    pub facts: Vec<SharedFact>,
    /// The register of approved tools, in file order.
    pub tools: Vec<Tool>,
    /// The written rules, then the rules made from the register.
    pub rules: Vec<PolicyRule>,
    /// The file had errors, so nothing of it is used.
    broken: bool,
}

/// A fact key every tree shares.
#[derive(Clone, Debug)]
pub struct SharedFact {
    /// The key and its values.
    pub fact: Fact,
    /// What it records.
    pub says: String,
    /// For the classification: the levels, lowest first (indices into the values).
    pub scale: Vec<usize>,
    /// For the recipient: the values that mean "inside the organisation".
    pub internal: Vec<usize>,
}

impl Policy {
    /// Whether the file had errors (so trees are not told about unknown tools it would have
    /// defined: its own diagnostics explain them).
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// The shared fact with this key.
    pub fn fact(&self, key: &str) -> Option<&Fact> {
        self.facts.iter().map(|f| &f.fact).find(|f| f.key == key)
    }

    /// The register tool with this id.
    pub fn tool(&self, id: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.id == id)
    }

    /// Every register tool id.
    pub fn tool_ids(&self) -> Vec<&str> {
        self.tools.iter().map(|t| t.id.as_str()).collect()
    }

    /// The document a passage of this file quotes.
    pub fn source(&self, passage: &Passage) -> &Source {
        &self.sources[passage.source as usize]
    }

    /// The rules restated over a tree's `facts`: a test of a fact the tree never sets, or of
    /// values it never gives, cannot hold, so a rule made of one is left out.
    pub fn rules_for(&self, facts: &[Fact]) -> Vec<PolicyRule> {
        self.rules
            .iter()
            .filter_map(|rule| {
                let when = self.restate(&rule.when, facts)?;
                Some(PolicyRule {
                    when,
                    ..rule.clone()
                })
            })
            .collect()
    }

    /// A condition over the shared facts, over a tree's `facts` instead; `None` when it can
    /// never hold there.
    fn restate(&self, condition: &Condition, facts: &[Fact]) -> Option<Condition> {
        let mut tests = Vec::with_capacity(condition.tests.len());
        for test in &condition.tests {
            let shared = &self.facts[test.fact.index()].fact;
            let local = facts.iter().position(|f| f.key == shared.key);
            let value = |i: usize| {
                let local = &facts[local?];
                local.value_index(&shared.values[i].value)
            };
            let check = match (test.check, local) {
                // A fact the tree never sets is never set.
                (Check::NotSet, None) => continue,
                (_, None) => return None,
                (Check::NotSet, Some(_)) => Check::NotSet,
                (Check::OneOf(mask), Some(_)) => {
                    let mask = bits(mask).filter_map(value).fold(0u64, |m, i| m | (1 << i));
                    if mask == 0 {
                        return None;
                    }
                    Check::OneOf(mask)
                }
                (Check::Has(item), Some(_)) => Check::Has(value(item.into())? as u8),
                (Check::Lacks(item), Some(_)) => match value(item.into()) {
                    Some(i) => Check::Lacks(i as u8),
                    // An item the checklist does not offer is never picked.
                    None => continue,
                },
            };
            let fact = FactId(local.unwrap_or_default() as u16);
            tests.push(Test { fact, check });
        }
        Some(Condition { tests })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Diagnostic};
    use crate::tree::facts::{FactKind, FactValue};

    pub(crate) const POLICY: &str = r#"Policy(
    owner: "O", review_by: "2099-01-01", version: "1",
    sources: { "g": Source(title: "G", publisher: "P") },
    facts: {
        "classification": Fact(says: "How it is classified",
            values: {"official": "OFFICIAL", "secret": "SECRET", "not-sure": "I'm not sure"},
            scale: ["official", "secret"]),
        "recipient": Fact(says: "Who it goes to", values: {"moj": "MoJ", "ext": "Outside"}, internal: ["moj"]),
        "contents": Fact(says: "What it holds", values: {"personal-data": "personal data"}, checklist: true),
    },
    tools: {
        "slido": Tool(name: "Slido", aliases: ["sli.do"], used_for: "Q&A", up_to: "official", audience: Internal,
            avoid: {"contents": ["personal-data"]}, conditions: ["Avoid personal or sensitive data"], access: "Web browser.",
            sources: [Passage(source: "g", section: "Approved tools", quote: "Slido row")]),
    },
    rules: {
        "no-secret": Rule(says: "Nothing for SECRET", when: {"classification": "secret"},
            never: ["recommended"], source: Passage(source: "g", section: "S", quote: "Q")),
    },
)"#;

    fn load(text: &str) -> (Policy, Vec<Diagnostic>) {
        Policy::load("policy.ron", text, NaiveDate::MIN)
    }

    #[test]
    fn a_register_entry_makes_its_classification_audience_and_data_rules() {
        let (policy, diagnostics) = load(POLICY);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let ids: Vec<&str> = policy.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "no-secret",
                "slido-up-to-official",
                "slido-internal-only",
                "slido-avoid-personal-data"
            ]
        );
        let classification = &policy.rules[1].when.tests[0];
        // SECRET is above what Slido is approved for.
        assert_eq!(classification.check, Check::OneOf(0b010));
        assert_eq!(
            policy.tools[0].card(),
            "Slido — Q&A · approved up to OFFICIAL · internal use only · Avoid personal or sensitive data · Web browser."
        );
        assert!(policy.tools[0].is_called("SLI.DO"));
    }

    #[test]
    fn rules_are_restated_over_a_trees_own_facts() {
        let (policy, _) = load(POLICY);
        let value = |v: &str| FactValue {
            value: v.into(),
            label: v.into(),
        };
        // The tree remembers the classification second, and gives only some of its values.
        let facts = vec![
            Fact {
                key: "what".into(),
                kind: FactKind::One,
                values: vec![value("doc")],
            },
            Fact {
                key: "classification".into(),
                kind: FactKind::One,
                values: vec![value("secret"), value("official")],
            },
        ];
        let rules = policy.rules_for(&facts);
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        // No recipient or contents are remembered, so those rules cannot hold here.
        assert_eq!(ids, ["no-secret", "slido-up-to-official"]);
        // SECRET is the tree's first value of its second fact.
        assert_eq!(rules[1].when.tests[0].fact, FactId(1));
        assert_eq!(rules[1].when.tests[0].check, Check::OneOf(0b01));
        let without_secret = [facts[0].clone()];
        assert!(policy.rules_for(&without_secret).is_empty());
    }

    #[test]
    fn a_policy_with_an_error_is_not_half_used() {
        let text = POLICY.replace("up_to: \"official\"", "up_to: \"oficial\"");
        let (policy, diagnostics) = load(&text);
        assert!(policy.is_broken());
        assert!(policy.tools.is_empty() && policy.rules.is_empty());
        let d = &diagnostics[0];
        assert_eq!(d.code, Code::UnknownValue);
        assert_eq!(d.help.as_deref(), Some("did you mean \"official\"?"));
    }

    #[test]
    fn a_tool_defined_twice_is_an_error() {
        let text = POLICY.replace("    },\n    rules:", "        \"slido\": Tool(name: \"Slido 2\", used_for: \"Q&A\", audience: Both,\n            sources: [Passage(source: \"g\", section: \"S\", quote: \"Q\")]),\n    },\n    rules:");
        let (policy, diagnostics) = load(&text);
        assert!(policy.is_broken());
        assert_eq!(diagnostics[0].code, Code::DuplicateTool);
        assert_eq!(diagnostics[0].message, "tool \"slido\" is defined twice");
    }

    #[test]
    fn a_name_that_leads_to_two_tools_is_an_error() {
        let text = POLICY.replace(
            "    },\n    rules:",
            "        \"zoom\": Tool(name: \"Zoom\", aliases: [\"Slido\"], used_for: \"Video\", audience: Both, access: \"App\",\n            sources: [Passage(source: \"g\", section: \"S\", quote: \"Q\")]),\n    },\n    rules:",
        );
        let (_, diagnostics) = load(&text);
        assert_eq!(diagnostics[0].code, Code::DuplicateTool);
        assert!(
            diagnostics[0]
                .message
                .contains("\"Slido\" already names the tool \"slido\"")
        );
    }
}

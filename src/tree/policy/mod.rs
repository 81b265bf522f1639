//! The shared policy file (`policy.ron`): the fact vocabulary every tree shares, the register
//! of approved tools, and the rules every tree must keep.
//!
//! A register entry is a rule too: a tool is never recommended or allowed above its `up_to`
//! classification, for an audience it is not approved for, or with a fact it must `avoid`.
//! Rules are written over the shared facts; [`Policy::rules_for`] restates them over one
//! tree's facts so that the tree's own facts pass checks them like the tree's own rules.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::contacts::ContactBook;
use super::facts::{Check, Condition, Fact, FactId, FactKind, FactValue, Test, bits};
use super::format::{Audience, FactDoc, PolicyDoc, ToolDoc};
use super::model::{Passage, PolicyRule, RuleOrigin, Source, Verdict};
use super::read;
use super::syntax::Step::{self, Entry, Field, Item, Key};
use super::validate::{Checker, Scope, Shared};
use super::vocabulary::Vocabulary;
use crate::diagnostic::{Code, Diagnostic};

/// The name of the policy file in a trees folder.
pub const POLICY_FILE: &str = "policy.ron";

/// The verdicts a register rule forbids: a tool is neither recommended nor allowed.
const PERMISSIVE: [Verdict; 2] = [Verdict::Recommended, Verdict::AllowedWithConditions];

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
        self.row()
            .is_some_and(|row| row.quote == passage.quote && row.section == passage.section)
    }

    /// Whether `name` is its id, name or one of its aliases (ignoring case).
    pub fn is_called(&self, name: &str) -> bool {
        [&self.id, &self.name]
            .into_iter()
            .chain(&self.aliases)
            .any(|n| n.eq_ignore_ascii_case(name))
    }
}

impl Policy {
    /// Reads and checks a policy file. A file with errors gives an empty, broken policy: no
    /// part of it is used.
    pub fn load(file: &str, text: &str, today: NaiveDate) -> (Policy, Vec<Diagnostic>) {
        let broken = |diagnostics| {
            let policy = Policy {
                origin: file.to_string(),
                broken: true,
                ..Policy::default()
            };
            (policy, diagnostics)
        };
        let doc: PolicyDoc = match read::parse(file, text) {
            Ok(doc) => doc,
            Err(d) => return broken(vec![d]),
        };
        let contacts = ContactBook::default();
        let empty = Policy::default();
        let shared = Shared {
            contacts: &contacts,
            policy: &empty,
        };
        let mut c = Checker::new(file, text, shared);
        c.format = 2;
        for (field, value, what) in [
            ("owner", &doc.owner, "the owner"),
            ("version", &doc.version, "the version"),
        ] {
            c.text(&[Field(field)], value, what);
        }
        let review_by = c.review_date(&doc.review_by, today);
        let (sources, source_index) = c.sources(doc.sources.0);
        let facts = shared_facts(&mut c, doc.facts.0);
        let vocabulary = Vocabulary::declared(facts.iter().map(|f| f.fact.clone()).collect());
        let nodes = HashMap::new();
        let quotes = HashMap::new();
        let scope = Scope {
            nodes: &nodes,
            sources: &source_index,
            vocabulary: &vocabulary,
            quotes: &quotes,
        };
        let tools = register(&mut c, doc.tools.0, &scope, &facts);
        let ids: Vec<&str> = tools.iter().map(|(t, _)| t.id.as_str()).collect();
        let mut rules = c.rules(doc.rules.0, &scope, &ids);
        for rule in &mut rules {
            rule.origin = RuleOrigin::Policy;
        }
        for (tool, avoid) in &tools {
            rules.extend(register_rules(tool, avoid, &facts));
        }
        if c.out.iter().any(Diagnostic::is_error) {
            return broken(c.out);
        }
        let policy = Policy {
            origin: file.to_string(),
            owner: doc.owner,
            review_by: Some(review_by),
            version: doc.version,
            sources,
            facts,
            tools: tools.into_iter().map(|(tool, _)| tool).collect(),
            rules,
            broken: false,
        };
        (policy, c.out)
    }

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

/// The `facts` table: each key with its values, scale and internal values checked.
fn shared_facts(c: &mut Checker, docs: Vec<(String, FactDoc)>) -> Vec<SharedFact> {
    let mut facts: Vec<SharedFact> = Vec::with_capacity(docs.len());
    for (i, (key, doc)) in docs.into_iter().enumerate() {
        let at = |f| [Field("facts"), Entry(i), Field(f)];
        c.text(&[Field("facts"), Key(i)], &key, "the fact key");
        c.text(&at("says"), &doc.says, "what the fact records");
        if facts.iter().any(|f| f.fact.key == key) {
            c.out.push(
                c.loc
                    .at(
                        Code::DuplicateKey,
                        &[Field("facts"), Key(i)],
                        format!("fact \"{key}\" is defined twice"),
                    )
                    .with_help("give each fact its own key, or remove the copy"),
            );
            continue;
        }
        let mut values: Vec<FactValue> = Vec::with_capacity(doc.values.0.len());
        for (j, (value, label)) in doc.values.0.into_iter().enumerate() {
            c.text(
                &[Field("facts"), Entry(i), Field("values"), Key(j)],
                &value,
                "the value",
            );
            c.text(
                &[Field("facts"), Entry(i), Field("values"), Entry(j)],
                &label,
                "the label",
            );
            if values.iter().any(|v| v.value == value) {
                c.out.push(
                    c.loc
                        .at(
                            Code::DuplicateValue,
                            &[Field("facts"), Entry(i), Field("values"), Key(j)],
                            format!("fact \"{key}\" has the value \"{value}\" twice"),
                        )
                        .with_help("list each value once"),
                );
                continue;
            }
            values.push(FactValue { value, label });
        }
        let most = if doc.checklist {
            super::facts::MAX_ITEMS
        } else {
            super::facts::MAX_VALUES
        };
        if values.len() > most {
            c.out.push(
                c.loc
                    .at(
                        Code::TooManyValues,
                        &at("values"),
                        format!("fact \"{key}\" has more than {most} values"),
                    )
                    .with_help("split it into two facts"),
            );
            values.truncate(most);
        }
        let fact = Fact {
            key,
            kind: if doc.checklist {
                FactKind::Many
            } else {
                FactKind::One
            },
            values,
        };
        let scale = value_list(c, &fact, &doc.scale, &at("scale"));
        let internal = value_list(c, &fact, &doc.internal, &at("internal"));
        facts.push(SharedFact {
            fact,
            says: doc.says,
            scale,
            internal,
        });
    }
    for (field, what) in [("scale", "a scale"), ("internal", "internal values")] {
        let with: Vec<&SharedFact> = facts
            .iter()
            .filter(|f| {
                if field == "scale" {
                    !f.scale.is_empty()
                } else {
                    !f.internal.is_empty()
                }
            })
            .collect();
        if let [_, second, ..] = with[..] {
            let i = facts
                .iter()
                .position(|f| f.fact.key == second.fact.key)
                .unwrap_or_default();
            c.out.push(
                c.loc
                    .at(
                        Code::WrongValue,
                        &[Field("facts"), Entry(i), Field(field)],
                        format!("only one fact may have {what}: \"{}\" has one too", with[0].fact.key),
                    )
                    .with_help(format!("the register's tools are checked against one `{field}`: keep it on one fact")),
            );
        }
    }
    facts
}

/// The indices of `names`, values of `fact` written at `path`; unknown ones are reported.
fn value_list(c: &mut Checker, fact: &Fact, names: &[String], path: &[Step]) -> Vec<usize> {
    let mut out = Vec::with_capacity(names.len());
    for (k, name) in names.iter().enumerate() {
        match fact.value_index(name) {
            Some(v) => out.push(v),
            None => unknown_value(c, fact, name, &[path, &[Item(k)]].concat()),
        }
    }
    out
}

/// E042 for a value `fact` does not have.
fn unknown_value(c: &mut Checker, fact: &Fact, value: &str, path: &[Step]) {
    let hint = super::validate::suggestion(
        value,
        fact.values.iter().map(|v| v.value.as_str()),
        "list it in the fact's `values` first",
    );
    c.out.push(
        c.loc
            .at(
                Code::UnknownValue,
                path,
                format!("\"{value}\" is not a value of \"{}\"", fact.key),
            )
            .with_help(hint),
    );
}

/// The `tools` table: each tool, with the (fact, value) pairs it must avoid.
fn register(
    c: &mut Checker,
    docs: Vec<(String, ToolDoc)>,
    scope: &Scope,
    facts: &[SharedFact],
) -> Vec<(Tool, Vec<(usize, usize)>)> {
    let mut tools: Vec<(Tool, Vec<(usize, usize)>)> = Vec::with_capacity(docs.len());
    let mut names: HashMap<String, String> = HashMap::new();
    let scale = facts.iter().find(|f| !f.scale.is_empty());
    for (i, (id, doc)) in docs.into_iter().enumerate() {
        let at = |f| [Field("tools"), Entry(i), Field(f)];
        c.text(&[Field("tools"), Key(i)], &id, "the tool id");
        c.text(&at("name"), &doc.name, "the tool's name");
        c.text(&at("used_for"), &doc.used_for, "what the tool is for");
        if let Some(access) = &doc.access {
            c.text(&at("access"), access, "how to get the tool");
        }
        for (k, text) in doc.conditions.iter().enumerate() {
            c.text(
                &[&at("conditions")[..], &[Item(k)]].concat(),
                text,
                "a condition",
            );
        }
        let spellings = [
            (id.clone(), vec![Key(i)]),
            (doc.name.clone(), at("name").to_vec()),
        ]
        .into_iter()
        .chain(doc.aliases.iter().enumerate().map(|(k, a)| {
            c.text(&[&at("aliases")[..], &[Item(k)]].concat(), a, "an alias");
            (a.clone(), [&at("aliases")[..], &[Item(k)]].concat())
        }))
        .collect::<Vec<_>>();
        for (name, path) in spellings {
            let folded = name.to_lowercase();
            match names.get(&folded) {
                Some(other) if *other != id => c.out.push(
                    c.loc
                        .at(Code::DuplicateTool, &path, format!("\"{name}\" already names the tool \"{other}\""))
                        .with_help("each id, name and alias must lead to one tool: remove or change this one"),
                ),
                Some(_) => {}
                None => {
                    names.insert(folded, id.clone());
                }
            }
        }
        if tools.iter().any(|(t, _)| t.id == id) {
            c.out.push(
                c.loc
                    .at(
                        Code::DuplicateTool,
                        &[Field("tools"), Key(i)],
                        format!("tool \"{id}\" is defined twice"),
                    )
                    .with_help("give each tool its own id, or remove the copy"),
            );
            continue;
        }
        let up_to = doc.up_to.as_ref().and_then(|level| match scale {
            Some(scale) => match scale.fact.value_index(level) {
                Some(v) if scale.scale.contains(&v) => Some(scale.fact.values[v].label.clone()),
                _ => {
                    unknown_value(c, &scale.fact, level, &at("up_to"));
                    None
                }
            },
            None => {
                c.out.push(
                    c.loc
                        .at(Code::UnknownFact, &at("up_to"), format!("`up_to: \"{level}\"` needs a fact with a `scale`"))
                        .with_help("give the classification fact a `scale: [...]` listing its levels, lowest first"),
                );
                None
            }
        });
        if doc.audience != Audience::Both && !facts.iter().any(|f| !f.internal.is_empty()) {
            c.out.push(
                c.loc
                    .at(Code::UnknownFact, &at("audience"), format!("tool \"{id}\" has an audience, but no fact says which recipients are internal"))
                    .with_help("give the recipient fact `internal: [...]`, the values that mean inside the organisation"),
            );
        }
        let mut avoid = Vec::new();
        let mut avoid_labels = Vec::new();
        for (k, (key, values)) in doc.avoid.0.iter().enumerate() {
            let Some(f) = facts.iter().position(|f| f.fact.key == *key) else {
                let hint = super::validate::suggestion(
                    key,
                    facts.iter().map(|f| f.fact.key.as_str()),
                    "avoid names facts of the shared vocabulary (`facts`)",
                );
                c.out.push(
                    c.loc
                        .at(
                            Code::UnknownFact,
                            &[&at("avoid")[..], &[Key(k)]].concat(),
                            format!("\"{key}\" is not a shared fact"),
                        )
                        .with_help(hint),
                );
                continue;
            };
            let path = [&at("avoid")[..], &[Entry(k)]].concat();
            for v in value_list(c, &facts[f].fact, values, &path) {
                avoid.push((f, v));
                avoid_labels.push(facts[f].fact.values[v].label.clone());
            }
        }
        let sources: Vec<Passage> = doc
            .sources
            .into_iter()
            .enumerate()
            .map(|(k, passage)| {
                let path = [&at("sources")[..], &[Item(k)]].concat();
                c.passage(&path, passage, scope.sources, scope.vocabulary)
            })
            .collect();
        if sources.is_empty() {
            c.out.push(
                c.loc
                    .at(
                        Code::EmptyText,
                        &at("sources"),
                        format!("tool \"{id}\" quotes no passage"),
                    )
                    .with_help(
                        "quote its row of the approved-tools table: `sources: [Passage(...)]`",
                    ),
            );
            continue;
        }
        tools.push((
            Tool {
                id,
                name: doc.name,
                aliases: doc.aliases,
                used_for: doc.used_for,
                up_to,
                audience: doc.audience,
                avoid: avoid_labels,
                conditions: doc.conditions,
                access: doc.access,
                sources,
            },
            avoid,
        ));
    }
    tools
}

/// The rules a register entry makes: its classification limit, audience and data limits.
fn register_rules(tool: &Tool, avoid: &[(usize, usize)], facts: &[SharedFact]) -> Vec<PolicyRule> {
    let rule = |id: String, says: String, tests: Vec<Test>| PolicyRule {
        id,
        says,
        when: Condition { tests },
        never: PERMISSIVE.to_vec(),
        tools: vec![tool.id.clone()],
        source: tool.sources[0].clone(),
        origin: RuleOrigin::Register(tool.id.clone()),
    };
    let one_of = |f: usize, values: &mut dyn Iterator<Item = usize>| Test {
        fact: FactId(f as u16),
        check: Check::OneOf(values.fold(0u64, |m, v| m | (1 << v))),
    };
    let mut rules = Vec::new();
    if let Some(level) = &tool.up_to
        && let Some((f, scale)) = facts.iter().enumerate().find(|(_, f)| !f.scale.is_empty())
    {
        // The levels above it. A value that is not a level ("I'm not sure") is left to the
        // written rules: a tree may ask again and remember the answer under another key.
        let top = scale
            .scale
            .iter()
            .position(|&v| scale.fact.values[v].label == *level)
            .unwrap_or_default();
        let test = one_of(f, &mut scale.scale[top + 1..].iter().copied());
        if test.check != Check::OneOf(0) {
            rules.push(rule(
                format!(
                    "{}-up-to-{}",
                    tool.id, scale.fact.values[scale.scale[top]].value
                ),
                format!("{}: approved for information up to {level} only", tool.name),
                vec![test],
            ));
        }
    }
    if let Some((f, recipient)) = facts
        .iter()
        .enumerate()
        .find(|(_, f)| !f.internal.is_empty())
    {
        let n = recipient.fact.values.len();
        let (suffix, says, mut values): (&str, &str, Box<dyn Iterator<Item = usize>>) =
            match tool.audience {
                Audience::Both => ("", "", Box::new(std::iter::empty())),
                Audience::Internal => (
                    "internal-only",
                    "approved for internal use only",
                    Box::new((0..n).filter(|v| !recipient.internal.contains(v))),
                ),
                Audience::External => (
                    "external-only",
                    "approved for external use only",
                    Box::new(recipient.internal.iter().copied()),
                ),
            };
        let test = one_of(f, &mut values);
        if tool.audience != Audience::Both && test.check != Check::OneOf(0) {
            rules.push(rule(
                format!("{}-{suffix}", tool.id),
                format!("{}: {says}", tool.name),
                vec![test],
            ));
        }
    }
    for &(f, v) in avoid {
        let fact = &facts[f].fact;
        let check = match fact.kind {
            FactKind::One => Check::OneOf(1 << v),
            FactKind::Many => Check::Has(v as u8),
        };
        rules.push(rule(
            format!("{}-avoid-{}", tool.id, fact.values[v].value),
            format!(
                "{}: never when {} is “{}”",
                tool.name, fact.key, fact.values[v].label
            ),
            vec![Test {
                fact: FactId(f as u16),
                check,
            }],
        ));
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Reading `policy.ron`: the shared facts, the register (each entry also a rule) and the
//! written rules, each checked with positioned diagnostics. A file with errors gives an empty,
//! broken policy.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{PERMISSIVE, Policy, SharedFact};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::contacts::ContactBook;
use crate::tree::facts::{Check, Condition, Fact, FactId, FactKind, FactValue, Test};
use crate::tree::format::{Audience, FactDoc, PolicyDoc, ToolDoc};
use crate::tree::model::{Passage, PolicyRule, RuleOrigin, Tool};
use crate::tree::read;
use crate::tree::syntax::Step::{self, Entry, Field, Item, Key};
use crate::tree::validate::{Checker, Scope, Shared};
use crate::tree::vocabulary::Vocabulary;

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
            crate::tree::facts::MAX_ITEMS
        } else {
            crate::tree::facts::MAX_VALUES
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
    let hint = crate::tree::validate::suggestion(
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
                let hint = crate::tree::validate::suggestion(
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

//! A tree's facts: gathered from the questions and checklists that `remember` an answer, and
//! the conditions written over them, resolved to integers with a diagnostic for every unknown
//! key, unknown value or test of the wrong kind.

use std::collections::HashMap;

use super::facts::{
    Check, Condition, Fact, FactId, FactKind, FactValue, MAX_ITEMS, MAX_VALUES, Test,
};
use super::format::{CheckDoc, ConditionDoc, NodeDoc, TestDoc};
use super::locate::Locator;
use super::policy::Policy;
use super::read::closest;
use super::syntax::Step::{self, Entry, Field, Item, Key};
use crate::diagnostic::{Code, Diagnostic};

/// `"a", "b", "c"`.
fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|x| format!("\"{x}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The facts of one tree, with their keys indexed.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// The facts, in the order first remembered in the file.
    pub facts: Vec<Fact>,
    index: HashMap<String, FactId>,
    /// Declared in a `facts` table (the shared policy) rather than gathered from questions.
    declared: bool,
}

/// The value an option or item keeps: its own `value`, or its label in kebab case.
pub fn value_of(value: &Option<String>, label: &str) -> String {
    value
        .clone()
        .unwrap_or_else(|| super::facts::value_from_label(label))
}

impl Vocabulary {
    /// Facts declared up front (the shared vocabulary of the policy file).
    pub fn declared(facts: Vec<Fact>) -> Self {
        let index = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.clone(), FactId(i as u16)))
            .collect();
        Vocabulary {
            facts,
            index,
            declared: true,
        }
    }

    /// Gathers the facts remembered by the nodes of a file, reporting values given twice in one
    /// question, facts with more than 64 values, keys used by both kinds of question, and
    /// shared keys given a value or kind the `policy`'s vocabulary does not have.
    pub fn gather(
        nodes: &[(String, NodeDoc)],
        policy: &Policy,
        loc: &Locator,
        out: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut v = Vocabulary::default();
        for (i, (id, node)) in nodes.iter().enumerate() {
            let (key, kind, answers, explicit, list): (&str, _, Vec<(&str, String)>, Vec<bool>, _) =
                match node {
                    NodeDoc::Question {
                        remember: Some(key),
                        options,
                        ..
                    } => (
                        key,
                        FactKind::One,
                        options
                            .iter()
                            .map(|o| (o.label.as_str(), value_of(&o.value, &o.label)))
                            .collect(),
                        options.iter().map(|o| o.value.is_some()).collect(),
                        "options",
                    ),
                    NodeDoc::Checklist {
                        remember, items, ..
                    } => (
                        remember,
                        FactKind::Many,
                        items
                            .iter()
                            .map(|o| (o.label.as_str(), value_of(&o.value, &o.label)))
                            .collect(),
                        items.iter().map(|o| o.value.is_some()).collect(),
                        "items",
                    ),
                    _ => continue,
                };
            let fact = match v.index.get(key) {
                Some(&f) => f,
                None => {
                    let f = FactId(v.facts.len() as u16);
                    v.facts.push(Fact {
                        key: key.to_string(),
                        kind,
                        values: Vec::new(),
                    });
                    v.index.insert(key.to_string(), f);
                    f
                }
            };
            let remember_at = [Field("nodes"), Entry(i), Field("remember")];
            if v.facts[fact.index()].kind != kind {
                let (this, other) = match kind {
                    FactKind::One => ("a question", "a checklist"),
                    FactKind::Many => ("a checklist", "a question"),
                };
                out.push(
                    loc.at(
                        Code::FactKindClash,
                        &remember_at,
                        format!("\"{id}\" is {this} but fact \"{key}\" is already remembered by {other}"),
                    )
                    .with_help("a checklist keeps a set of items, a question one value: give this fact its own key"),
                );
                continue;
            }
            let shared = policy.fact(key);
            if let Some(shared) = shared
                && shared.kind != kind
            {
                let (this, other) = match kind {
                    FactKind::One => ("a question", "a checklist"),
                    FactKind::Many => ("a checklist", "a question"),
                };
                out.push(
                    loc.at(
                        Code::NotInVocabulary,
                        &remember_at,
                        format!("\"{id}\" is {this} but the shared fact \"{key}\" is set by {other} ({})", policy.origin),
                    )
                    .with_help("remember this answer under another key, or ask it the way the shared vocabulary says"),
                );
                continue;
            }
            let mut seen: Vec<(&str, &str)> = Vec::new();
            for (j, (label, value)) in answers.iter().enumerate() {
                let at = [Field("nodes"), Entry(i), Field(list), Item(j)];
                if let Some((first, _)) = seen.iter().find(|(_, v)| *v == value.as_str()) {
                    let written = explicit[j];
                    let value_at = [&at[..], &[Field("value")]].concat();
                    let (path, how) = if written {
                        (&value_at[..], String::new())
                    } else {
                        (
                            &at[..],
                            format!(" (the default value of the label \"{label}\")"),
                        )
                    };
                    out.push(
                        loc.at(
                            Code::DuplicateValue,
                            path,
                            format!("\"{label}\" and \"{first}\" of \"{id}\" both have the value \"{value}\"{how}"),
                        )
                        .with_help("give each answer its own `value: \"...\"` so the fact says which one was chosen"),
                    );
                    continue;
                }
                seen.push((label, value));
                if let Some(shared) = shared
                    && shared.value_index(value).is_none()
                {
                    let path = if explicit[j] {
                        [&at[..], &[Field("value")]].concat()
                    } else {
                        at.to_vec()
                    };
                    let values = shared.values.iter().map(|x| x.value.as_str());
                    let help = match closest(value, values) {
                        Some(best) => format!("did you mean `value: \"{best}\"`?"),
                        None => format!(
                            "set `value:` to one of {}, or add the value to the shared vocabulary",
                            quoted_list(shared.values.iter().map(|x| x.value.as_str()))
                        ),
                    };
                    out.push(
                        loc.at(
                            Code::NotInVocabulary,
                            &path,
                            format!(
                                "\"{label}\" of \"{id}\" gives the shared fact \"{key}\" the value \"{value}\", which the shared vocabulary ({}) does not have",
                                policy.origin
                            ),
                        )
                        .with_help(help),
                    );
                    continue;
                }
                let values = &mut v.facts[fact.index()].values;
                if values.iter().any(|x| x.value == *value) {
                    continue;
                }
                let most = match kind {
                    FactKind::One => MAX_VALUES,
                    FactKind::Many => MAX_ITEMS,
                };
                if values.len() == most {
                    let what = match kind {
                        FactKind::One => "values",
                        FactKind::Many => "items",
                    };
                    out.push(
                        loc.at(
                            Code::TooManyValues,
                            &at,
                            format!("fact \"{key}\" has more than {most} {what}"),
                        )
                        .with_help("split the question into two, or give answers that mean the same thing one shared `value`"),
                    );
                    break;
                }
                // A shared value reads as the shared vocabulary words it, whatever the answer's
                // label, so conditions read the same in every tree.
                let label = shared
                    .and_then(|f| f.value_index(value).map(|i| f.values[i].label.clone()))
                    .unwrap_or_else(|| label.to_string());
                values.push(FactValue {
                    value: value.clone(),
                    label,
                });
            }
        }
        v
    }

    /// The fact with this key.
    pub fn get(&self, key: &str) -> Option<FactId> {
        self.index.get(key).copied()
    }

    /// Resolves a condition written at `path`, reporting every problem.
    pub fn condition(
        &self,
        doc: &ConditionDoc,
        path: &[Step],
        loc: &Locator,
        out: &mut Vec<Diagnostic>,
    ) -> Condition {
        let mut tests = Vec::with_capacity(doc.0.len());
        let at = |extra: &[Step]| [path, extra].concat();
        for (j, (key, test)) in doc.0.iter().enumerate() {
            let Some(fact) = self.get(key) else {
                let help = match closest(key, self.facts.iter().map(|f| f.key.as_str())) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None if self.declared => format!("add it to `facts` first; the facts are {}", self.keys()),
                    None if self.facts.is_empty() => "no question in this tree remembers an answer yet: add `remember: \"...\"` to the question that asks it".to_string(),
                    None => format!("the facts of this tree are {}", self.keys()),
                };
                let message = match self.declared {
                    true => format!("\"{key}\" is not a fact of the shared vocabulary (`facts`)"),
                    false => format!("no question remembers a fact called \"{key}\""),
                };
                out.push(
                    loc.at(Code::UnknownFact, &at(&[Key(j)]), message)
                        .with_help(help),
                );
                continue;
            };
            if doc.0[..j].iter().any(|(k, _)| k == key) {
                out.push(
                    loc.at(Code::DuplicateKey, &at(&[Key(j)]), format!("\"{key}\" is tested twice in one condition"))
                        .with_help("write one test per fact: a list such as [\"a\", \"b\"] allows several values"),
                );
                continue;
            }
            let info = &self.facts[fact.index()];
            let kind_error = |what: &str| {
                let help = match info.kind {
                    FactKind::One => format!(
                        "\"{key}\" holds one answer: test it with \"value\", [\"one\", \"of\"] or NotSet"
                    ),
                    FactKind::Many => format!(
                        "\"{key}\" is a checklist: test it with Has(\"item\"), Lacks(\"item\") or NotSet"
                    ),
                };
                loc.at(
                    Code::WrongTest,
                    &at(&[Entry(j)]),
                    format!("{what} cannot test \"{key}\""),
                )
                .with_help(help)
            };
            let mut value = |v: &str, value_path: &[Step]| -> Option<usize> {
                let found = info.value_index(v);
                if found.is_none() {
                    let help = match closest(v, info.values.iter().map(|x| x.value.as_str())) {
                        Some(best) => format!("did you mean \"{best}\"?"),
                        None => format!(
                            "the values of \"{key}\" are {}",
                            quoted_list(info.values.iter().map(|x| x.value.as_str()))
                        ),
                    };
                    out.push(
                        loc.at(
                            Code::UnknownValue,
                            &at(value_path),
                            format!("\"{v}\" is not a value of \"{key}\""),
                        )
                        .with_help(help),
                    );
                }
                found
            };
            let check = match (test, info.kind) {
                // ron gives a bare `NotSet` to the untagged test as the text "NotSet".
                (TestDoc::Check(CheckDoc::NotSet), _) => Some(Check::NotSet),
                (TestDoc::Is(name), _) if name == "NotSet" => Some(Check::NotSet),
                (TestDoc::Check(CheckDoc::Has(v) | CheckDoc::Lacks(v)), FactKind::Many) => {
                    value(v, &[Entry(j), Item(0)]).map(|i| match test {
                        TestDoc::Check(CheckDoc::Has(_)) => Check::Has(i as u8),
                        _ => Check::Lacks(i as u8),
                    })
                }
                (TestDoc::Is(v), FactKind::One) => {
                    value(v, &[Entry(j)]).map(|i| Check::OneOf(1 << i))
                }
                (TestDoc::In(vs), FactKind::One) => {
                    let mut mask = 0u64;
                    let mut ok = true;
                    for (k, v) in vs.iter().enumerate() {
                        match value(v, &[Entry(j), Item(k)]) {
                            Some(i) => mask |= 1 << i,
                            None => ok = false,
                        }
                    }
                    if vs.is_empty() {
                        out.push(
                            loc.at(
                                Code::WrongValue,
                                &at(&[Entry(j)]),
                                "an empty list of values matches nothing".to_string(),
                            )
                            .with_help("list the values that should match, or remove the test"),
                        );
                        ok = false;
                    }
                    ok.then_some(Check::OneOf(mask))
                }
                (TestDoc::Check(_), FactKind::One) => {
                    out.push(kind_error("Has(...) and Lacks(...)"));
                    None
                }
                (TestDoc::Is(_) | TestDoc::In(_), FactKind::Many) => {
                    out.push(kind_error("a value"));
                    None
                }
            };
            if let Some(check) = check {
                tests.push(Test { fact, check });
            }
        }
        Condition { tests }
    }

    fn keys(&self) -> String {
        quoted_list(self.facts.iter().map(|f| f.key.as_str()))
    }
}

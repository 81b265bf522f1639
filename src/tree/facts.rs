//! Facts: answers kept under a key (`remember: "classification"`), the conditions written over
//! them (`when:`, route rules) and how a condition is evaluated against the facts of a walk.
//!
//! Everything is resolved to small integers at load time: a fact is a [`FactId`], a value is
//! its index in [`Fact::values`], and a condition's allowed values are a 64-bit mask.

use std::fmt::Write as _;

/// The most values a fact may have: values are bits of a `u64`.
pub const MAX_VALUES: usize = 64;

/// The most items a checklist may have: an answer is a `u32` of bits.
pub const MAX_ITEMS: usize = 32;

/// Index of a fact in [`super::Tree::facts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactId(pub u16);

impl FactId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A fact key and the values it can take, gathered from the questions that remember it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The key authors write (`classification`).
    pub key: String,
    /// One answer (a question) or any number (a checklist).
    pub kind: FactKind,
    /// The values, in the order first seen in the file.
    pub values: Vec<FactValue>,
}

/// Whether a fact holds one value or a set of items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactKind {
    /// Set by a question: one value.
    One,
    /// Set by a checklist: any number of items.
    Many,
}

/// One value of a fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactValue {
    /// The stable value (`official-sensitive`).
    pub value: String,
    /// The answer label it was first given (`OFFICIAL-SENSITIVE`).
    pub label: String,
}

impl Fact {
    /// The index of `value`, if the fact has it.
    pub fn value_index(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v.value == value)
    }
}

/// What a walk knows about one fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FactState {
    /// No question on the path has set it.
    #[default]
    Unset,
    /// A question set it to this value.
    One(u16),
    /// A checklist set it. `chosen` holds the items picked. When every path is listed (`table`),
    /// an item no rule has looked at yet is undecided: `decided` holds the items that are known.
    Many {
        /// Items picked (bit i = value i).
        chosen: u64,
        /// Items known to be picked or not.
        decided: u64,
    },
}

/// The facts of a walk, one state per fact of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Facts(Vec<FactState>);

impl Facts {
    /// Every fact unset.
    pub fn new(count: usize) -> Self {
        Facts(vec![FactState::Unset; count])
    }

    /// The state of one fact.
    pub fn get(&self, fact: FactId) -> FactState {
        self.0.get(fact.index()).copied().unwrap_or_default()
    }

    /// Sets one fact, returning what it was.
    pub fn set(&mut self, fact: FactId, state: FactState) -> FactState {
        std::mem::replace(&mut self.0[fact.index()], state)
    }

    /// Every fact with its state.
    pub fn iter(&self) -> impl Iterator<Item = (FactId, FactState)> + '_ {
        self.0
            .iter()
            .enumerate()
            .map(|(i, s)| (FactId(i as u16), *s))
    }

    /// Whether no fact is set.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|s| *s == FactState::Unset)
    }
}

/// A condition: every test must hold. The empty condition always holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    /// The tests, in the order written.
    pub tests: Vec<Test>,
}

/// One test of one fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Test {
    /// The fact tested.
    pub fact: FactId,
    /// What must be true of it.
    pub check: Check,
}

/// What a test requires of its fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// The fact is set to one of these values (bit i = value i).
    OneOf(u64),
    /// The checklist answer includes this item.
    Has(u8),
    /// The checklist was answered without this item.
    Lacks(u8),
    /// The fact is not set.
    NotSet,
}

/// The result of evaluating a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// It holds.
    True,
    /// It does not hold.
    False,
    /// It depends on a checklist item not decided yet (only when listing every path).
    Undecided(FactId, u8),
}

impl Condition {
    /// Whether the condition is empty (holds on every path).
    pub fn is_always(&self) -> bool {
        self.tests.is_empty()
    }

    /// Evaluates the condition; tests are taken in order, and the first false test decides.
    pub fn eval(&self, facts: &Facts) -> Truth {
        let mut undecided = None;
        for test in &self.tests {
            match test.eval(facts) {
                Truth::True => {}
                Truth::False => return Truth::False,
                u @ Truth::Undecided(..) => {
                    undecided.get_or_insert(u);
                }
            }
        }
        undecided.unwrap_or(Truth::True)
    }

    /// Whether the condition holds, for facts with every item decided (a person's walk).
    /// `None` facts mean "no walk": everything applies.
    pub fn holds(&self, facts: Option<&Facts>) -> bool {
        facts.is_none_or(|f| self.eval(f) != Truth::False)
    }

    /// The condition as people read it: `classification is SECRET or TOP SECRET, and contents
    /// includes HR information`.
    pub fn describe(&self, facts: &[Fact]) -> String {
        let mut out = String::new();
        for (i, test) in self.tests.iter().enumerate() {
            if i > 0 {
                out.push_str(", and ");
            }
            let Some(fact) = facts.get(test.fact.index()) else {
                continue;
            };
            let label = |v: usize| {
                let label = fact.values.get(v).map_or("?", |v| v.label.as_str());
                format!("“{label}”")
            };
            let _ = match test.check {
                Check::OneOf(mask) => {
                    let labels: Vec<String> = bits(mask).map(label).collect();
                    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                    write!(out, "{} is {}", fact.key, join_or(&labels))
                }
                Check::Has(item) => write!(out, "{} includes {}", fact.key, label(item.into())),
                Check::Lacks(item) => {
                    write!(out, "{} does not include {}", fact.key, label(item.into()))
                }
                Check::NotSet => write!(out, "{} is not known", fact.key),
            };
        }
        out
    }
}

impl Test {
    fn eval(&self, facts: &Facts) -> Truth {
        let state = facts.get(self.fact);
        let truth = |b: bool| if b { Truth::True } else { Truth::False };
        match (self.check, state) {
            (Check::NotSet, s) => truth(s == FactState::Unset),
            (_, FactState::Unset) => Truth::False,
            (Check::OneOf(mask), FactState::One(v)) => truth(mask & (1 << v) != 0),
            (Check::Has(item) | Check::Lacks(item), FactState::Many { chosen, decided }) => {
                let bit = 1u64 << item;
                if decided & bit == 0 {
                    Truth::Undecided(self.fact, item)
                } else {
                    let has = chosen & bit != 0;
                    truth(has == matches!(self.check, Check::Has(_)))
                }
            }
            // The loader rejects a test of the wrong kind for its fact.
            _ => Truth::False,
        }
    }
}

/// The indices of the set bits of `mask`, lowest first.
pub fn bits(mask: u64) -> impl Iterator<Item = usize> {
    (0..64).filter(move |i| mask & (1u64 << i) != 0)
}

/// `a`, `a or b`, `a, b or c`.
fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The default value of an answer: its label in lower case, words joined by `-`
/// (`"I'm not sure"` → `i-m-not-sure`).
pub fn value_from_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> (Vec<Fact>, Facts) {
        let value = |v: &str| FactValue {
            value: v.into(),
            label: v.to_uppercase(),
        };
        let vocabulary = vec![
            Fact {
                key: "classification".into(),
                kind: FactKind::One,
                values: vec![value("official"), value("secret")],
            },
            Fact {
                key: "contains".into(),
                kind: FactKind::Many,
                values: vec![value("personal"), value("hr")],
            },
        ];
        (vocabulary, Facts::new(2))
    }

    #[test]
    fn tests_evaluate_against_facts() {
        let (_, mut f) = facts();
        let secret = Condition {
            tests: vec![Test {
                fact: FactId(0),
                check: Check::OneOf(0b10),
            }],
        };
        let unset = Condition {
            tests: vec![Test {
                fact: FactId(0),
                check: Check::NotSet,
            }],
        };
        assert_eq!(
            secret.eval(&f),
            Truth::False,
            "an unset fact matches no value"
        );
        assert_eq!(unset.eval(&f), Truth::True);
        f.set(FactId(0), FactState::One(1));
        assert_eq!(secret.eval(&f), Truth::True);
        assert_eq!(unset.eval(&f), Truth::False);
        assert!(Condition::default().holds(Some(&f)));
    }

    #[test]
    fn checklist_items_can_be_undecided_while_listing_paths() {
        let (_, mut f) = facts();
        let has_hr = Condition {
            tests: vec![Test {
                fact: FactId(1),
                check: Check::Has(1),
            }],
        };
        f.set(
            FactId(1),
            FactState::Many {
                chosen: 0,
                decided: 0b01,
            },
        );
        assert_eq!(has_hr.eval(&f), Truth::Undecided(FactId(1), 1));
        f.set(
            FactId(1),
            FactState::Many {
                chosen: 0b10,
                decided: 0b11,
            },
        );
        assert_eq!(has_hr.eval(&f), Truth::True);
    }

    #[test]
    fn a_false_test_decides_even_after_an_undecided_one() {
        let (_, mut f) = facts();
        f.set(
            FactId(1),
            FactState::Many {
                chosen: 0,
                decided: 0,
            },
        );
        let both = Condition {
            tests: vec![
                Test {
                    fact: FactId(1),
                    check: Check::Has(0),
                },
                Test {
                    fact: FactId(0),
                    check: Check::OneOf(1),
                },
            ],
        };
        assert_eq!(both.eval(&f), Truth::False);
    }

    #[test]
    fn conditions_read_as_sentences() {
        let (vocabulary, _) = facts();
        let c = Condition {
            tests: vec![
                Test {
                    fact: FactId(0),
                    check: Check::OneOf(0b11),
                },
                Test {
                    fact: FactId(1),
                    check: Check::Lacks(1),
                },
            ],
        };
        assert_eq!(
            c.describe(&vocabulary),
            "classification is “OFFICIAL” or “SECRET”, and contains does not include “HR”"
        );
    }

    #[test]
    fn values_default_to_the_label_in_kebab_case() {
        assert_eq!(value_from_label("I'm not sure"), "i-m-not-sure");
        assert_eq!(value_from_label("OFFICIAL-SENSITIVE"), "official-sensitive");
        assert_eq!(value_from_label("  Yes!  "), "yes");
    }
}

//! The RON file formats as written by authors: trees, contacts and scenario decks.
//!
//! These types mirror the files one to one (`deny_unknown_fields`, so a typo is an error, not a
//! silently ignored field). Keyed tables are read as ordered lists of entries so that duplicate
//! ids are seen and reported instead of silently overwritten, and so that the n-th entry here is
//! the n-th entry in the file (which is how diagnostics find their position).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A keyed table `{ "id": value, … }` kept in file order, duplicates included.
#[derive(Debug)]
pub struct Entries<T>(pub Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntriesVisitor<T> {
            type Value = Entries<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of entries like { \"id\": ... }")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry::<String, T>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// A tree file.
#[derive(Debug, Deserialize)]
#[serde(rename = "Tree", deny_unknown_fields)]
pub struct TreeDoc {
    /// `2` for files that use facts, routes, checklists, conditional text, links or shared
    /// quotes; absent (or `1`) for the original format.
    #[serde(default)]
    pub format: Option<u32>,
    pub id: String,
    pub title: String,
    pub summary: String,
    pub owner: String,
    pub review_by: String,
    pub version: String,
    pub sources: Entries<SourceDoc>,
    /// Passages quoted in several places, written once and cited by id (format 2).
    #[serde(default)]
    pub quotes: Entries<PassageDoc>,
    /// Policy rules every path of the tree must keep, by id (format 2).
    #[serde(default)]
    pub rules: Entries<PolicyRuleDoc>,
    pub start: String,
    pub nodes: Entries<NodeDoc>,
}

/// The shared policy file (`policy.ron`): the fact vocabulary every tree shares, the register
/// of approved tools, and the rules every tree must keep.
#[derive(Debug, Deserialize)]
#[serde(rename = "Policy", deny_unknown_fields)]
pub struct PolicyDoc {
    pub owner: String,
    pub review_by: String,
    pub version: String,
    pub sources: Entries<SourceDoc>,
    #[serde(default)]
    pub facts: Entries<FactDoc>,
    #[serde(default)]
    pub tools: Entries<ToolDoc>,
    #[serde(default)]
    pub rules: Entries<PolicyRuleDoc>,
}

/// A shared fact key: what it means and the values trees may give it.
#[derive(Debug, Deserialize)]
#[serde(rename = "Fact", deny_unknown_fields)]
pub struct FactDoc {
    /// What the fact records, in plain words.
    pub says: String,
    /// Every value a tree may give it, with the words people read: `{"official": "OFFICIAL"}`.
    pub values: Entries<String>,
    /// Set by a checklist (any number of values) rather than a question (one value).
    #[serde(default)]
    pub checklist: bool,
    /// For the classification: its levels, lowest first. Tools' `up_to` names one of them.
    #[serde(default)]
    pub scale: Vec<String>,
    /// For the recipient: the values that mean "inside the organisation". Tools' `audience`
    /// is checked against them.
    #[serde(default)]
    pub internal: Vec<String>,
}

/// One approved tool in the register.
#[derive(Debug, Deserialize)]
#[serde(rename = "Tool", deny_unknown_fields)]
pub struct ToolDoc {
    /// The tool's name (`Microsoft Teams`).
    pub name: String,
    /// Other names people use for it (`MS Teams`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What it is for, in a few words.
    pub used_for: String,
    /// The highest classification it is approved for (a value of the classification's scale).
    #[serde(default)]
    pub up_to: Option<String>,
    /// Who it may be used with.
    pub audience: Audience,
    /// Facts it must never be used with: `{"contents": ["personal-data"]}`.
    #[serde(default)]
    pub avoid: Entries<Vec<String>>,
    /// Its conditions in plain words (`Avoid personal or sensitive data`).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// How to get it, where the guidance says.
    #[serde(default)]
    pub access: Option<String>,
    /// The passages it rests on, the first one its row of the approved-tools table.
    pub sources: Vec<PassageDoc>,
}

/// Who a tool may be used with.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Audience {
    /// People inside the organisation only.
    Internal,
    /// People outside the organisation only.
    External,
    /// Anyone.
    Both,
}

/// A document the tree quotes.
#[derive(Debug, Deserialize)]
#[serde(rename = "Source", deny_unknown_fields)]
pub struct SourceDoc {
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
}

/// A node: a question, a checklist, a route or an outcome.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum NodeDoc {
    Question {
        text: String,
        #[serde(default)]
        help: Option<String>,
        /// The fact key the answer is kept under (format 2).
        #[serde(default)]
        remember: Option<String>,
        options: Vec<OptionDoc>,
        #[serde(default)]
        guidance: Vec<GuidanceDoc>,
        #[serde(default)]
        contacts: Vec<ContactRefDoc>,
        #[serde(default)]
        links: Vec<LinkDoc>,
    },
    /// Choose any number of items, or "none of these" (format 2).
    Checklist {
        text: String,
        #[serde(default)]
        help: Option<String>,
        remember: String,
        items: Vec<ItemDoc>,
        /// The label of the explicit "none of these" answer.
        #[serde(default)]
        none: Option<String>,
        next: String,
        #[serde(default)]
        guidance: Vec<GuidanceDoc>,
        #[serde(default)]
        contacts: Vec<ContactRefDoc>,
        #[serde(default)]
        links: Vec<LinkDoc>,
    },
    /// No screen of its own: the first rule whose condition holds decides where to go (format 2).
    Route { rules: Vec<RuleDoc> },
    Outcome {
        verdict: Verdict,
        headline: String,
        explanation: ExplanationDoc,
        #[serde(default)]
        conditions: Vec<TextDoc>,
        #[serde(default)]
        fallbacks: Vec<TextDoc>,
        #[serde(default)]
        guidance: Vec<GuidanceDoc>,
        #[serde(default)]
        contacts: Vec<ContactRefDoc>,
        #[serde(default)]
        links: Vec<LinkDoc>,
        /// The register tools the outcome recommends or allows, by id (format 2).
        #[serde(default)]
        tools: Vec<String>,
    },
}

/// A policy rule: when `when` holds on a path, its outcome's verdict is never one of `never`.
#[derive(Debug, Deserialize)]
#[serde(rename = "Rule", deny_unknown_fields)]
pub struct PolicyRuleDoc {
    /// The rule in plain words.
    pub says: String,
    /// The facts it is about.
    pub when: ConditionDoc,
    /// The verdicts a path where `when` holds must not end on.
    pub never: Vec<Verdict>,
    /// Only outcomes that name one of these register tools (empty: every outcome).
    #[serde(default)]
    pub tools: Vec<String>,
    /// The passage it rests on.
    pub source: GuidanceDoc,
}

/// One answer to a question.
#[derive(Debug, Deserialize)]
#[serde(rename = "Option", deny_unknown_fields)]
pub struct OptionDoc {
    pub label: String,
    /// The stable value kept as the fact (defaults to the label in kebab case).
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    pub next: String,
}

/// One item of a checklist.
#[derive(Debug, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub struct ItemDoc {
    /// What people tick.
    pub label: String,
    /// A line of explanation under it.
    #[serde(default)]
    pub detail: Option<String>,
    /// The value kept in the fact's list when it is ticked (defaults to the label in kebab
    /// case).
    #[serde(default)]
    pub value: Option<String>,
}

/// One rule of a route.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RuleDoc {
    /// Go to `go` when every test of `if` holds.
    When {
        #[serde(rename = "if")]
        condition: ConditionDoc,
        go: String,
    },
    /// Where to go when no rule matched; required, and last.
    Otherwise(String),
}

/// Tests over facts, keyed by fact: all must hold.
pub type ConditionDoc = Entries<TestDoc>;

/// One test of a fact: `"value"`, `["one", "of"]`, `Has("item")`, `Lacks("item")` or `NotSet`.
///
/// The most common form is tried first (untagged variants are tried in order). ron hands a
/// bare `NotSet` to an untagged enum as the text "NotSet", so it arrives as `Is("NotSet")`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum TestDoc {
    Is(String),
    In(Vec<String>),
    Check(CheckDoc),
}

/// The tests written as a name: checklist items and unset facts.
#[derive(Debug, Deserialize)]
pub enum CheckDoc {
    /// The checklist answer includes the item.
    Has(String),
    /// The checklist was answered without the item.
    Lacks(String),
    /// No question on the path so far has set the fact.
    NotSet,
}

/// A piece of text: plain, or `Text(text: "…", when: {…})`, shown only when the condition
/// holds.
#[derive(Debug)]
pub enum TextDoc {
    Plain(String),
    /// Written as `Text(...)`; `when` may be left out.
    When {
        text: String,
        when: Option<ConditionDoc>,
    },
}

/// An outcome's explanation: one text, or paragraphs of which some may be conditional.
#[derive(Debug)]
pub enum ExplanationDoc {
    One(String),
    Parts(Vec<TextDoc>),
}

/// A contact id, or `Contact(id: "…", when: {…})`.
#[derive(Debug)]
pub enum ContactRefDoc {
    Plain(String),
    /// Written as `Contact(...)`; `when` may be left out.
    When {
        id: String,
        when: Option<ConditionDoc>,
    },
}

// These three are read by hand rather than as `#[serde(untagged)]` enums: an untagged enum
// first copies every value into a buffer, which would slow down every tree (format 1 too) for
// the sake of the few conditional items.

/// Reads `"text"` as `plain`, or a struct with the fields `fields` (the content, then `when`)
/// as `when`.
struct StrOrWhen<T> {
    fields: &'static [&'static str; 2],
    expecting: &'static str,
    plain: fn(String) -> T,
    when: fn(String, Option<ConditionDoc>) -> T,
}

impl<'de, T> Visitor<'de> for StrOrWhen<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok((self.plain)(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok((self.plain)(value))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let [name, _] = *self.fields;
        let (mut content, mut when) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            if key == name {
                fill_once(&mut content, name, &mut map)?;
            } else if key == "when" {
                fill_once(&mut when, "when", &mut map)?;
            } else {
                return Err(de::Error::unknown_field(&key, self.fields));
            }
        }
        let content = content.ok_or_else(|| de::Error::missing_field(name))?;
        Ok((self.when)(content, when))
    }
}

/// Reads the next value of `map` into `slot`, refusing a field given twice.
fn fill_once<'de, V: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<V>,
    field: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(field));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Deserialize<'de> for TextDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrOrWhen {
            fields: &["text", "when"],
            expecting: "text in \"double quotes\", or Text(text: \"...\", when: {...})",
            plain: TextDoc::Plain,
            when: |text, when| TextDoc::When { text, when },
        })
    }
}

impl<'de> Deserialize<'de> for ContactRefDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrOrWhen {
            fields: &["id", "when"],
            expecting: "a contact id in \"double quotes\", or Contact(id: \"...\", when: {...})",
            plain: ContactRefDoc::Plain,
            when: |id, when| ContactRefDoc::When { id, when },
        })
    }
}

impl<'de> Deserialize<'de> for ExplanationDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExplanationVisitor;

        impl<'de> Visitor<'de> for ExplanationVisitor {
            type Value = ExplanationDoc;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text in \"double quotes\", or a list of paragraphs [...]")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<ExplanationDoc, E> {
                Ok(ExplanationDoc::One(value.to_string()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<ExplanationDoc, E> {
                Ok(ExplanationDoc::One(value))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ExplanationDoc, A::Error> {
                let mut parts = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(part) = seq.next_element::<TextDoc>()? {
                    parts.push(part);
                }
                Ok(ExplanationDoc::Parts(parts))
            }
        }

        deserializer.deserialize_any(ExplanationVisitor)
    }
}

/// A guidance entry: a passage written here, or a shared quote cited by id.
#[derive(Debug, Deserialize)]
pub enum GuidanceDoc {
    Passage {
        source: String,
        section: String,
        quote: String,
        #[serde(default)]
        when: Option<ConditionDoc>,
    },
    /// A passage from the tree's `quotes` table (format 2).
    Quote {
        id: String,
        #[serde(default)]
        when: Option<ConditionDoc>,
    },
}

impl GuidanceDoc {
    /// The passage written out, or the id and `when:` of the shared quote it cites.
    pub fn into_passage(self) -> Result<PassageDoc, (String, Option<ConditionDoc>)> {
        match self {
            GuidanceDoc::Passage {
                source,
                section,
                quote,
                when,
            } => Ok(PassageDoc {
                source,
                section,
                quote,
                when,
            }),
            GuidanceDoc::Quote { id, when } => Err((id, when)),
        }
    }
}

/// A verbatim quote from a source document.
#[derive(Debug, Deserialize)]
#[serde(rename = "Passage", deny_unknown_fields)]
pub struct PassageDoc {
    pub source: String,
    pub section: String,
    pub quote: String,
    /// Shown only on paths where this holds (format 2).
    #[serde(default)]
    pub when: Option<ConditionDoc>,
}

/// A link to read more (format 2).
#[derive(Debug, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
pub struct LinkDoc {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub when: Option<ConditionDoc>,
}

/// A person or team to ask, from `contacts.ron`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename = "Contact", deny_unknown_fields)]
pub struct ContactDoc {
    pub name: String,
    pub about: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

/// A scenario deck for quizzes.
#[derive(Debug, Deserialize)]
#[serde(rename = "Deck", deny_unknown_fields)]
pub struct DeckDoc {
    pub id: String,
    pub title: String,
    pub tree: String,
    pub scenarios: Vec<ScenarioDoc>,
}

/// One quiz scenario.
#[derive(Debug, Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
pub struct ScenarioDoc {
    pub situation: String,
    pub expected: String,
    #[serde(default)]
    pub answers: Vec<String>,
    /// For the trainer only: what to draw out, the mistake people make.
    #[serde(default)]
    pub notes: Option<String>,
}

/// What an outcome says about the tool or action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The tool to use.
    Recommended,
    /// Allowed, provided the conditions are followed.
    AllowedWithConditions,
    /// The guidance advises against it ("avoid", "should not", "strongly advise against")
    /// without forbidding it.
    NotAdvised,
    /// Must not be done.
    NotAllowed,
    /// The guidance names no approved route: ask the contact.
    AskForHelp,
}

impl Verdict {
    /// Every verdict, in the order the guidance prefers them.
    pub const ALL: [Verdict; 5] = [
        Verdict::Recommended,
        Verdict::AllowedWithConditions,
        Verdict::NotAdvised,
        Verdict::NotAllowed,
        Verdict::AskForHelp,
    ];
    const WORDS: [&'static str; 5] = [
        "recommended",
        "allowed-with-conditions",
        "not-advised",
        "not-allowed",
        "ask-for-help",
    ];

    /// The word used in files and JSON: `allowed-with-conditions`.
    pub fn as_str(self) -> &'static str {
        Self::WORDS[self as usize]
    }

    /// The verdict as people read it: `ALLOWED WITH CONDITIONS`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Recommended => "RECOMMENDED",
            Verdict::AllowedWithConditions => "ALLOWED WITH CONDITIONS",
            Verdict::NotAdvised => "NOT ADVISED",
            Verdict::NotAllowed => "NOT ALLOWED",
            Verdict::AskForHelp => "ASK FOR HELP",
        }
    }

    /// Parses the file word.
    pub fn from_word(word: &str) -> Option<Verdict> {
        Self::WORDS
            .iter()
            .position(|w| *w == word)
            .map(|i| Self::ALL[i])
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Verdict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VerdictVisitor;

        impl Visitor<'_> for VerdictVisitor {
            type Value = Verdict;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one of \"recommended\", \"allowed-with-conditions\", \"not-advised\", \"not-allowed\", \"ask-for-help\"")
            }

            fn visit_str<E: de::Error>(self, word: &str) -> Result<Verdict, E> {
                Verdict::from_word(word).ok_or_else(|| E::unknown_variant(word, &Verdict::WORDS))
            }
        }

        deserializer.deserialize_str(VerdictVisitor)
    }
}

/// The `ron` options every file is read with: `Some(…)` is optional around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_reads_back_from_its_word_and_has_its_own_label() {
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::from_word(verdict.as_str()), Some(verdict));
        }
        assert_eq!(Verdict::from_word("not-advised"), Some(Verdict::NotAdvised));
        assert_eq!(Verdict::NotAdvised.label(), "NOT ADVISED");
        let labels: std::collections::HashSet<_> = Verdict::ALL.iter().map(|v| v.label()).collect();
        assert_eq!(labels.len(), Verdict::ALL.len());
        assert_eq!(Verdict::from_word("advised-against"), None);
    }
}

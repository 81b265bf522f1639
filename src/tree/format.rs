//! The RON file formats as written by authors: trees, contacts and scenario decks.
//!
//! These types mirror the files one to one (`deny_unknown_fields`, so a typo is an error, not a
//! silently ignored field). Keyed tables are read as ordered lists of entries so that duplicate
//! ids are seen and reported instead of silently overwritten, and so that the n-th entry here is
//! the n-th entry in the file (which is how diagnostics find their position).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A keyed table `{ "id": value, … }` kept in file order, duplicates included.
#[derive(Debug, Default)]
pub struct Entries<T>(pub Vec<(String, T)>);

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
    pub id: String,
    pub title: String,
    pub summary: String,
    pub owner: String,
    pub review_by: String,
    pub version: String,
    pub sources: Entries<SourceDoc>,
    pub start: String,
    pub nodes: Entries<NodeDoc>,
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

/// A node: a question or an outcome.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum NodeDoc {
    Question {
        text: String,
        #[serde(default)]
        help: Option<String>,
        options: Vec<OptionDoc>,
        #[serde(default)]
        guidance: Vec<PassageDoc>,
        #[serde(default)]
        contacts: Vec<String>,
    },
    Outcome {
        verdict: Verdict,
        headline: String,
        explanation: String,
        #[serde(default)]
        conditions: Vec<String>,
        #[serde(default)]
        fallbacks: Vec<String>,
        #[serde(default)]
        guidance: Vec<PassageDoc>,
        #[serde(default)]
        contacts: Vec<String>,
    },
}

/// One answer to a question.
#[derive(Debug, Deserialize)]
#[serde(rename = "Option", deny_unknown_fields)]
pub struct OptionDoc {
    pub label: String,
    #[serde(default)]
    pub detail: Option<String>,
    pub next: String,
}

/// A verbatim quote from a source document.
#[derive(Debug, Deserialize)]
#[serde(rename = "Passage", deny_unknown_fields)]
pub struct PassageDoc {
    pub source: String,
    pub section: String,
    pub quote: String,
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
}

/// What an outcome says about the tool or action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The tool to use.
    Recommended,
    /// Allowed, provided the conditions are followed.
    AllowedWithConditions,
    /// Must not be done.
    NotAllowed,
    /// The guidance names no approved route: ask the contact.
    AskForHelp,
}

impl Verdict {
    /// Every verdict, in the order the guidance prefers them.
    pub const ALL: [Verdict; 4] = [
        Verdict::Recommended,
        Verdict::AllowedWithConditions,
        Verdict::NotAllowed,
        Verdict::AskForHelp,
    ];
    const WORDS: [&'static str; 4] = [
        "recommended",
        "allowed-with-conditions",
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
                f.write_str("one of \"recommended\", \"allowed-with-conditions\", \"not-allowed\", \"ask-for-help\"")
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

//! The contacts book: `contacts.ron`, a table of contact id → who to ask and how.

use std::collections::HashMap;

use super::format::{ContactDoc, Entries};
use super::locate::{Locator, check_text};
use super::model::ContactEntry;
use super::read;
use super::syntax::Step;
use crate::diagnostic::{Code, Diagnostic};

/// Every known contact, by id.
#[derive(Clone, Debug, Default)]
pub struct ContactBook {
    entries: Vec<ContactEntry>,
    index: HashMap<String, u32>,
    /// A contacts file that went into this book could not be parsed at all.
    broken: bool,
}

impl ContactBook {
    /// Reads a contacts file. Entries with errors are left out; the diagnostics say why.
    pub fn parse(file: &str, source: &str) -> (ContactBook, Vec<Diagnostic>) {
        let mut book = ContactBook::default();
        let doc: Entries<ContactDoc> = match read::parse(file, source) {
            Ok(doc) => doc,
            Err(d) => {
                book.broken = true;
                return (book, vec![d]);
            }
        };
        let loc = Locator::new(file, source);
        let mut out = Vec::new();
        for (i, (id, contact)) in doc.0.into_iter().enumerate() {
            let before = out.len();
            let at = |field| [Step::Entry(i), Step::Field(field)];
            check_text(&loc, &mut out, &[Step::Key(i)], &id, "the contact id");
            check_text(
                &loc,
                &mut out,
                &at("name"),
                &contact.name,
                "the contact's name",
            );
            check_text(
                &loc,
                &mut out,
                &at("about"),
                &contact.about,
                "what to contact them about",
            );
            for (field, value) in [
                ("email", &contact.email),
                ("slack", &contact.slack),
                ("phone", &contact.phone),
                ("web", &contact.web),
            ] {
                if let Some(value) = value {
                    check_text(&loc, &mut out, &at(field), value, field);
                }
            }
            if [&contact.email, &contact.slack, &contact.phone, &contact.web]
                .iter()
                .all(|v| v.is_none())
            {
                out.push(
                    loc.at(
                        Code::ContactUnreachable,
                        &[Step::Key(i)],
                        format!("contact \"{id}\" has no email, slack, phone or web"),
                    )
                    .with_help("add at least one way to reach them"),
                );
            }
            if book.index.contains_key(&id) {
                out.push(
                    loc.at(
                        Code::DuplicateKey,
                        &[Step::Key(i)],
                        format!("contact \"{id}\" is defined twice"),
                    )
                    .with_help("give each contact its own id, or remove the copy"),
                );
            }
            if out.len() == before {
                book.insert(ContactEntry { id, contact });
            }
        }
        (book, out)
    }

    /// Adds or replaces a contact.
    pub fn insert(&mut self, entry: ContactEntry) {
        match self.index.get(&entry.id) {
            Some(&i) => self.entries[i as usize] = entry,
            None => {
                self.index
                    .insert(entry.id.clone(), self.entries.len() as u32);
                self.entries.push(entry);
            }
        }
    }

    /// Keeps only the contacts `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&ContactEntry) -> bool) {
        let entries = std::mem::take(&mut self.entries);
        self.index.clear();
        for entry in entries.into_iter().filter(|e| keep(e)) {
            self.insert(entry);
        }
    }

    /// Adds every contact of `other`, replacing those with the same id. The result is broken if
    /// either book is.
    pub fn merge(&mut self, other: ContactBook) {
        self.broken |= other.broken;
        for entry in other.entries {
            self.insert(entry);
        }
    }

    /// Whether a contacts file failed to parse, so its contacts are missing from this book.
    /// Unknown contact ids are then not reported: the file's own diagnostic explains them.
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// Looks a contact up by id.
    pub fn get(&self, id: &str) -> Option<&ContactEntry> {
        self.index.get(id).map(|&i| &self.entries[i as usize])
    }

    /// Every contact id.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Every contact.
    pub fn entries(&self) -> &[ContactEntry] {
        &self.entries
    }
}

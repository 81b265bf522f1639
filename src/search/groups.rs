//! Groups of near-identical entries: the same text of the same kind in one tree.

use foldhash::HashMap;

use super::Kind;
use super::text::Text;

/// Numbers entries by (tree, kind, text): the same text of the same kind in one tree is one
/// group (the answer "TOP SECRET" of several questions, the outcome "Use Microsoft Teams"
/// reached four ways). Texts are keyed by a hash and compared in full, so two texts never share
/// a group (in the unlikely case of two texts with one hash, the later one is a group of its
/// own).
#[derive(Default)]
pub(super) struct Groups {
    /// (tree, kind, hash of the text) → group.
    ids: HashMap<(usize, &'static str, u64), u32>,
    /// The first entry of each group.
    first: Vec<usize>,
    /// A buffer for joining a text's pieces.
    joined: String,
}

/// An entry's group, and an earlier entry with the same text, if there is one.
#[derive(Clone, Copy)]
pub(super) struct Group {
    /// The group's number.
    pub(super) number: u32,
    /// The first entry of the group, when it is not this one.
    pub(super) same_as: Option<usize>,
}

impl Groups {
    /// The group of entry number `entry`, of `kind` in tree `tree` with `text`, given the text
    /// of an earlier entry by its number (`earlier`).
    pub(super) fn of<'t>(
        &mut self,
        entry: usize,
        (tree, kind, text): (usize, Kind, &Text),
        earlier: impl FnOnce(usize) -> Text<'t>,
    ) -> Group {
        let key = (tree, kind.label(), text.hash(&mut self.joined));
        if let Some(&group) = self.ids.get(&key) {
            let first = self.first[group as usize];
            if earlier(first).same(text) {
                return Group {
                    number: group,
                    same_as: Some(first),
                };
            }
        }
        let number = self.first.len() as u32;
        self.first.push(entry);
        self.ids.entry(key).or_insert(number);
        Group {
            number,
            same_as: None,
        }
    }

    /// How many groups there are.
    pub(super) fn count(&self) -> usize {
        self.first.len()
    }
}

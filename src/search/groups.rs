//! Groups of near-identical entries: the same text of the same kind in one tree.

use foldhash::HashMap;

use super::Kind;

/// Numbers entries by (tree, kind, text): the same text of the same kind in one tree is one
/// group (the answer "TOP SECRET" of several questions, the outcome "Use Microsoft Teams"
/// reached four ways). Texts are keyed by a hash and compared in full, so two texts never share
/// a group (in the unlikely case of two texts with one hash, the later one is a group of its
/// own).
#[derive(Default)]
pub(super) struct Groups {
    /// (tree and kind, hash of the text) → group.
    ids: HashMap<(u64, u64), u32>,
    /// The first entry of each group.
    first: Vec<usize>,
}

impl Groups {
    /// No groups yet, with room for `entries` entries.
    pub(super) fn with_capacity(entries: usize) -> Groups {
        Groups {
            ids: HashMap::with_capacity_and_hasher(entries, Default::default()),
            first: Vec::with_capacity(entries),
        }
    }

    /// The group of entry number `entry`, of `kind` in tree `tree` with a text whose hash is
    /// `hash`, given whether an earlier entry, by its number, has the same text (`same`).
    pub(super) fn of(
        &mut self,
        entry: usize,
        (tree, kind, hash): (u32, Kind, u64),
        same: impl FnOnce(usize) -> bool,
    ) -> u32 {
        // Answers to different questions are of one kind, and so are passages.
        let kind = match kind {
            Kind::Tree => 0,
            Kind::Question => 1,
            Kind::Answer(_) => 2,
            Kind::Outcome => 3,
            Kind::Passage(_) => 4,
        };
        let number = self.first.len() as u32;
        let group = *self
            .ids
            .entry((u64::from(tree) << 8 | kind, hash))
            .or_insert(number);
        if group != number && same(self.first[group as usize]) {
            return group;
        }
        self.first.push(entry);
        number
    }

    /// How many groups there are.
    pub(super) fn count(&self) -> usize {
        self.first.len()
    }
}

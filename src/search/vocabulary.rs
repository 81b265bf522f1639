//! The words of the index: every distinct word numbered once, lists of word numbers kept in one
//! buffer, and one query word's scores against every word.

use foldhash::HashMap;

use super::words::for_each_word;

/// Every distinct word, numbered. Words of up to 16 bytes (nearly all) are looked up by their
/// bytes packed into one number, in a table of word numbers small enough for a processor's
/// second-level cache: indexing looks up millions of words.
#[derive(Default)]
pub(super) struct Vocabulary {
    pub(super) words: Vec<String>,
    /// By word number, the word packed ([`packed`]), or 0 for a longer word.
    keys: Vec<u128>,
    /// Open addressing over the packed words: a word number, or [`EMPTY`]. Its length is a
    /// power of two, at least twice the number of words.
    slots: Vec<u32>,
    long: HashMap<String, u32>,
}

/// A free slot of [`Vocabulary::slots`].
const EMPTY: u32 = u32::MAX;

/// A word of up to 16 bytes as one number (words hold no zero bytes, so no two share one, and
/// none is 0).
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut buffer = [0u8; 16];
    buffer.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(buffer))
}

/// Where to start looking for a packed word among `mask + 1` slots: the two halves multiplied
/// (a folded multiply), so every byte moves the result.
fn slot(key: u128, mask: usize) -> usize {
    let product = u128::from(key as u64 ^ 0x243f_6a88_85a3_08d3)
        * u128::from((key >> 64) as u64 ^ 0x1319_8a2e_0370_7344);
    ((product as u64) ^ ((product >> 64) as u64)) as usize & mask
}

impl Vocabulary {
    /// The number of `word`, added if new.
    pub(super) fn id(&mut self, word: &str) -> u32 {
        let Some(key) = packed(word) else {
            if let Some(&id) = self.long.get(word) {
                return id;
            }
            let id = self.add(word.to_string(), 0);
            self.long.insert(word.to_string(), id);
            return id;
        };
        if self.slots.len() < 2 * (self.words.len() + 1) {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = slot(key, mask);
        loop {
            match self.slots[at] {
                EMPTY => {
                    let id = self.add(word.to_string(), key);
                    self.slots[at] = id;
                    return id;
                }
                id if self.keys[id as usize] == key => return id,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The number of `word`, if it is one of the words.
    pub(super) fn get(&self, word: &str) -> Option<u32> {
        let Some(key) = packed(word) else {
            return self.long.get(word).copied();
        };
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = slot(key, mask);
        loop {
            match self.slots[at] {
                EMPTY => return None,
                id if self.keys[id as usize] == key => return Some(id),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Numbers a new word, packed as `key` (0 for a long word).
    fn add(&mut self, word: String, key: u128) -> u32 {
        let id = self.words.len() as u32;
        self.words.push(word);
        self.keys.push(key);
        id
    }

    /// Doubles the table of packed words.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![EMPTY; size];
        for (id, &key) in self.keys.iter().enumerate() {
            if key != 0 {
                let mut at = slot(key, size - 1);
                while self.slots[at] != EMPTY {
                    at = (at + 1) & (size - 1);
                }
                self.slots[at] = id as u32;
            }
        }
    }

    /// Adds the numbers of the words of `text` to `ids`.
    pub(super) fn extend(&mut self, text: &str, ids: &mut Vec<u32>) {
        for_each_word(text, |w| ids.push(self.id(w)));
    }
}

/// Lists of word numbers kept one after another in a single buffer. A search reads every
/// entry's list in index order: from one buffer that is a front-to-back read the processor
/// prefetches, where a separate allocation per list costs a cache miss per entry.
#[derive(Default)]
pub(super) struct Lists {
    items: Vec<u32>,
    /// Where each list ends in `items`.
    ends: Vec<usize>,
}

impl Lists {
    pub(super) fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    /// Adds a copy of list `list`.
    pub(super) fn push_copy(&mut self, list: usize) {
        let start = list.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.items.extend_from_within(start..self.ends[list]);
        self.ends.push(self.items.len());
    }

    /// Adds the lists of `other`, each word number `w` written as `words[w]`.
    pub(super) fn append_mapped(&mut self, other: &Lists, words: &[u32]) {
        let start = self.items.len();
        self.items
            .extend(other.items.iter().map(|&w| words[w as usize]));
        self.ends.extend(other.ends.iter().map(|&end| start + end));
    }

    pub(super) fn get(&self, list: usize) -> &[u32] {
        let start = list.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.items[start..self.ends[list]]
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// One query word's score against every word of the vocabulary.
/// Scores are kept in 16 bits (they are at most [`super::EXACT`]): a table per query word then fits a
/// processor's fastest caches even for a vocabulary of tens of thousands of words.
pub(super) struct WordScores {
    /// The score of each word of the vocabulary, [`NO_MATCH`] when it does not match.
    pub(super) scores: Vec<i16>,
    /// Whether each word starts with the query word.
    pub(super) leads: Vec<bool>,
}

impl WordScores {
    /// The best score among `words`, [`NO_MATCH`] when none matches.
    pub(super) fn best(&self, words: &[u32]) -> i16 {
        words
            .iter()
            .map(|&w| self.scores[w as usize])
            .max()
            .unwrap_or(NO_MATCH)
    }
}

/// A word that does not match at all; below every score.
pub(super) const NO_MATCH: i16 = i16::MIN;

/// A score in 16 bits.
pub(super) fn compact(score: i64) -> i16 {
    score.clamp(i64::from(NO_MATCH) + 1, i64::from(i16::MAX)) as i16
}

//! The words of the index: every distinct word numbered once, lists of word numbers kept in one
//! buffer, and one query word's scores against every word.

use foldhash::HashMap;

use super::words::for_each_word;

/// Every distinct word, numbered. Words of up to 16 bytes (nearly all) are looked up by their
/// bytes packed into one number, which is quicker to hash and compare than a string.
#[derive(Default)]
pub(super) struct Vocabulary {
    pub(super) words: Vec<String>,
    short: HashMap<u128, u32>,
    long: HashMap<String, u32>,
}

/// A word of up to 16 bytes as one number (words hold no zero bytes, so no two share one).
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut buffer = [0u8; 16];
    buffer.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(buffer))
}

impl Vocabulary {
    /// The number of `word`, added if new.
    pub(super) fn id(&mut self, word: &str) -> u32 {
        let next = self.words.len() as u32;
        let id = match packed(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(word) {
                Some(&id) => id,
                None => *self.long.entry(word.to_string()).or_insert(next),
            },
        };
        if id == next {
            self.words.push(word.to_string());
        }
        id
    }

    /// The number of `word`, if it is one of the words.
    pub(super) fn get(&self, word: &str) -> Option<u32> {
        match packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
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

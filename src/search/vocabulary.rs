//! The words of the index: every distinct word numbered once, lists of word numbers kept in one
//! buffer, and one query word's scores against every word.

use foldhash::HashMap;

use super::words::for_each_word;

/// Every distinct word, numbered. Words of up to 16 bytes (nearly all) are looked up by their
/// bytes packed into one number, which is quicker to hash and compare than a string. The words
/// are kept one after another in one string, not each in its own.
#[derive(Default)]
pub(super) struct Vocabulary {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    short: HashMap<u128, u32>,
    long: HashMap<String, u32>,
}

/// A word of up to 16 bytes as one number (words hold no zero bytes, so no two share one): its
/// bytes in order from the lowest, read in whole words of 8 and 4 bytes, not byte by byte.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let len = bytes.len();
    // The bytes from `from`, of which there are `n` (1 to 8), as one number.
    let part = |from: usize, n: usize| -> u64 {
        match n {
            0 => 0,
            1..4 => (0..n).fold(0, |key, i| key | u64::from(bytes[from + i]) << (8 * i)),
            // Two reads of 4 bytes that may overlap: the second shifted to drop what overlaps.
            _ => {
                let four = |at: usize| {
                    let four: [u8; 4] = bytes[at..at + 4].try_into().expect("four bytes");
                    u64::from(u32::from_le_bytes(four))
                };
                four(from) | (four(from + n - 4) >> (8 * (8 - n))) << 32
            }
        }
    };
    match len {
        0..=8 => Some(u128::from(part(0, len))),
        9..=16 => Some(u128::from(part(0, 8)) | u128::from(part(8, len - 8)) << 64),
        _ => None,
    }
}

impl Vocabulary {
    /// The number of `word`, added if new.
    pub(super) fn id(&mut self, word: &str) -> u32 {
        let next = self.len() as u32;
        let id = match packed(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(word) {
                Some(&id) => id,
                None => *self.long.entry(word.to_string()).or_insert(next),
            },
        };
        if id == next {
            self.text.push_str(word);
            self.ends.push(self.text.len() as u32);
        }
        id
    }

    /// How many words there are.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The word numbered `id`.
    pub(super) fn word(&self, id: u32) -> &str {
        let start = id
            .checked_sub(1)
            .map_or(0, |before| self.ends[before as usize]);
        &self.text[start as usize..self.ends[id as usize] as usize]
    }

    /// The words in the order of their numbers.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len() as u32).map(|id| self.word(id))
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

    /// Adds the lists of `other`, each word number `w` written as `words[w]` (as it is, when
    /// `words` is `None`).
    pub(super) fn append_mapped(&mut self, other: &Lists, words: Option<&[u32]>) {
        let start = self.items.len();
        match words {
            Some(words) => self
                .items
                .extend(other.items.iter().map(|&w| words[w as usize])),
            None => self.items.extend_from_slice(&other.items),
        }
        self.ends.extend(other.ends.iter().map(|&end| start + end));
    }

    /// Makes room for the lists of all of `others` at once, so that appending them copies each
    /// once (growing as they come would copy what is already there again).
    pub(super) fn reserve_for<'a>(&mut self, others: impl Iterator<Item = &'a Lists>) {
        let (items, ends) = others.fold((0, 0), |(items, ends), other| {
            (items + other.items.len(), ends + other.ends.len())
        });
        self.items.reserve(items);
        self.ends.reserve(ends);
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn packed_words_are_told_apart_and_keep_their_bytes(
            a in "[a-z0-9é]{0,17}",
            b in "[a-z0-9é]{0,17}",
        ) {
            let (pa, pb) = (packed(&a), packed(&b));
            proptest::prop_assert_eq!(pa.is_some(), a.len() <= 16);
            if let (Some(pa), Some(pb)) = (pa, pb) {
                proptest::prop_assert_eq!(pa == pb, a == b);
                let bytes = pa.to_le_bytes();
                proptest::prop_assert_eq!(&bytes[..a.len()], a.as_bytes());
                proptest::prop_assert!(bytes[a.len()..].iter().all(|&b| b == 0));
            }
        }
    }

    #[test]
    fn words_are_numbered_as_first_met_short_or_long() {
        let mut vocabulary = Vocabulary::default();
        let mut ids = Vec::new();
        vocabulary.extend("the team the internationalisation team café", &mut ids);
        assert_eq!(ids, [0, 1, 0, 2, 1, 3]);
        assert!(
            vocabulary
                .iter()
                .eq(["the", "team", "internationalisation", "café"])
        );
        assert_eq!(vocabulary.get("internationalisation"), Some(2));
        assert_eq!(vocabulary.word(3), "café");
        assert_eq!(vocabulary.get("nothing"), None);
    }
}

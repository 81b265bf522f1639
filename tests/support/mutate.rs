//! Random edits to a tree file, for the property tests: byte replacements, deletions,
//! insertions (syntax characters, escape and invisible characters, any byte) and swaps of
//! meaningful words that keep the syntax and change the meaning.

// Each test binary includes this file and uses only part of it.
#![allow(dead_code)]

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Edit {
    Replace(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    /// Replace the n-th occurrence of one word of [`WORDS`] with another: edits that keep the
    /// file valid RON and reach the checks behind the parser.
    Swap(usize, usize, usize),
}

/// Words whose swapping keeps the syntax and changes the meaning.
const WORDS: &[&str] = &[
    "Has",
    "Lacks",
    "NotSet",
    "\"official\"",
    "\"sensitive\"",
    "\"secret\"",
    "\"hr\"",
    "\"personal\"",
    "\"avoid-im\"",
    "\"im-ok\"",
    "\"decide\"",
    "\"contents\"",
    "\"classification\"",
    "\"contains\"",
    "remember",
    "Otherwise",
    "When",
    "Quote",
    "Passage",
    "Checklist",
    "Question",
    "Route",
];

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Replace(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        (
            any::<usize>(),
            proptest::collection::vec(
                prop_oneof![
                    Just(b'"'),
                    Just(b'('),
                    Just(b')'),
                    Just(b','),
                    Just(b'\n'),
                    Just(0x1b),
                    Just(0x07),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(i, bytes)| Edit::Insert(i, bytes)),
        // Characters that steer a terminal without being control bytes in UTF-8 terms: C1 CSI,
        // right-to-left override, zero-width space and joiner, byte-order mark.
        (
            any::<usize>(),
            prop_oneof![
                Just("\u{9b}31m"),
                Just("\u{202e}"),
                Just("\u{200b}"),
                Just("\u{200d}"),
                Just("\u{feff}"),
                Just("\u{1b}]52;c;aGk=\u{7}"),
            ]
        )
            .prop_map(|(i, s)| Edit::Insert(i, s.as_bytes().to_vec())),
        (any::<usize>(), 0..WORDS.len(), 0..WORDS.len())
            .prop_map(|(n, from, to)| Edit::Swap(n, from, to)),
    ]
}

pub fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Replace(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] = *b;
                }
            }
            Edit::Delete(i, n) => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                bytes.drain(start.min(end)..end);
            }
            Edit::Insert(i, new) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Swap(n, from, to) => {
                let (from, to) = (WORDS[*from].as_bytes(), WORDS[*to].as_bytes());
                let found: Vec<usize> = (0..bytes.len().saturating_sub(from.len() - 1))
                    .filter(|&i| bytes[i..].starts_with(from))
                    .collect();
                if !found.is_empty() {
                    let at = found[n % found.len()];
                    bytes.splice(at..at + from.len(), to.iter().copied());
                }
            }
        }
    }
    bytes
}

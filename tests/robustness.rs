//! Property test: random byte edits to a valid tree never make the loader panic, and every
//! failure is a diagnostic positioned inside the file.

use proptest::prelude::*;
use signpost::tree::{ContactBook, load_tree, read};

const SAMPLE: &str = include_str!("fixtures/valid/sample.ron");
const CONTACTS: &str = include_str!("fixtures/valid/contacts.ron");

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
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
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(i, bytes)| Edit::Insert(i, bytes)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
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
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edits_never_panic_and_errors_are_positioned(edits in proptest::collection::vec(edit(), 1..6)) {
        let (contacts, _) = ContactBook::parse("contacts.ron", CONTACTS);
        let bytes = apply(SAMPLE.as_bytes().to_vec(), &edits);
        let text = match read::text_from_bytes("t.ron", bytes.clone()) {
            Ok(text) => text,
            Err(d) => {
                let lines = bytes.split(|&b| b == b'\n').count();
                prop_assert!(d.line >= 1 && d.line <= lines, "{d:?}");
                return Ok(());
            }
        };
        let loaded = load_tree("t.ron", &text, &contacts, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"));
        let lines = text.split('\n').count();
        for d in &loaded.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines, "line out of range: {d:?}");
            let line_len = text.split('\n').nth(d.line - 1).map_or(0, |l| l.chars().count());
            prop_assert!(d.column >= 1 && d.column <= line_len + 1, "column out of range: {d:?}");
        }
        prop_assert_eq!(loaded.tree.is_some(), !loaded.diagnostics.iter().any(|d| d.is_error()));
    }
}

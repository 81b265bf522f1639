//! An entry's text, read from its tree where it is instead of copied into the index: the index
//! keeps only where each entry is (its tree, node and kind), and an entry's text is put
//! together when it is shown.

use std::hash::BuildHasher;

use super::Kind;
use crate::tree::{NodeId, NodeKind, Tree};

/// Long texts (passages, explanations) are searched on their first characters only: enough to
/// find them, and it keeps indexing fast on large trees.
pub(super) const MAX_SEARCHED_CHARS: usize = 240;

/// The part of `text` that is searched.
pub(super) fn searched(text: &str) -> &str {
    // A text no longer in bytes than the limit is no longer in characters either.
    if text.len() <= MAX_SEARCHED_CHARS {
        return text;
    }
    match text.char_indices().nth(MAX_SEARCHED_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// The first `n` characters of `text` (all of it when it is shorter), and how many characters
/// that is. Text in ASCII (nearly all) is cut by its bytes without reading it character by
/// character.
fn first_chars(text: &str, n: usize) -> (&str, usize) {
    let ascii = text.len().min(n);
    if text.as_bytes()[..ascii].is_ascii() {
        return (&text[..ascii], ascii);
    }
    match text.char_indices().nth(n) {
        Some((cut, _)) => (&text[..cut], n),
        None => (text, text.chars().count()),
    }
}

/// How many bytes of a text its hash reads ([`Text::hash`]).
const HASHED_BYTES: usize = 256;

/// Between an answer's label and its detail, and a tree's title and summary.
const DASH: &str = " — ";

/// An entry's text: pieces of its tree shown one after another ("label", " — ", "detail"), or
/// made up for it (a tool's card).
pub(super) enum Text<'t> {
    Pieces([&'t str; 3]),
    Made(String),
}

impl<'t> Text<'t> {
    /// The text of the entry of `kind` on `node` of `tree`; a tree entry is its title and
    /// summary.
    pub(super) fn of(tree: &'t Tree, node: NodeId, kind: Kind) -> Text<'t> {
        let one = |text: &'t str| Text::Pieces([text, "", ""]);
        let labelled = |label: &'t str, detail: Option<&'t str>| match detail {
            Some(detail) => Text::Pieces([label, DASH, detail]),
            None => one(label),
        };
        let node = tree.node(node);
        match (kind, &node.kind) {
            (Kind::Tree, _) => Text::Pieces([&tree.title, DASH, &tree.summary]),
            (Kind::Question, NodeKind::Question(q)) => one(&q.text),
            (Kind::Question, NodeKind::Checklist(c)) => one(&c.text),
            (Kind::Answer(i), NodeKind::Question(q)) => {
                let option = &q.options[usize::from(i)];
                labelled(&option.label, option.detail.as_deref())
            }
            (Kind::Answer(i), NodeKind::Checklist(c)) => {
                let item = &c.items[usize::from(i)];
                labelled(&item.label, item.detail.as_deref())
            }
            (Kind::Outcome, NodeKind::Outcome(o)) => one(&o.headline),
            (Kind::Passage(i), _) => {
                let passage = &node.guidance()[usize::from(i)];
                // A row of the approved-tools table is found and shown as the tool's card.
                match tree.tool_row(passage) {
                    Some(tool) => Text::Made(tool.card()),
                    None => one(&passage.quote),
                }
            }
            _ => one(""),
        }
    }

    /// A ready-made text.
    pub(super) fn given(text: &'t str) -> Text<'t> {
        Text::Pieces([text, "", ""])
    }

    fn pieces(&self) -> [&str; 3] {
        match self {
            Text::Pieces(pieces) => *pieces,
            Text::Made(text) => [text, "", ""],
        }
    }

    /// The whole text.
    pub(super) fn to_text(&self) -> String {
        self.pieces().concat()
    }

    /// Calls `f` with each piece of the part that is searched: the first
    /// [`MAX_SEARCHED_CHARS`] characters, as [`searched`] cuts the whole text.
    pub(super) fn for_each_searched(&self, mut f: impl FnMut(&str)) {
        let mut left = MAX_SEARCHED_CHARS;
        for piece in self.pieces() {
            let (part, chars) = first_chars(piece, left);
            f(part);
            left -= chars;
            if left == 0 {
                return;
            }
        }
    }

    /// Whether only part of the text is searched.
    pub(super) fn is_cut(&self) -> bool {
        let pieces = self.pieces();
        pieces.iter().map(|p| p.len()).sum::<usize>() > MAX_SEARCHED_CHARS
            && pieces.iter().map(|p| p.chars().count()).sum::<usize>() > MAX_SEARCHED_CHARS
    }

    /// A hash of the text, the same for the same text however it is pieced: of its length and
    /// its first [`HASHED_BYTES`] bytes, which tell nearly all texts apart (texts with one hash
    /// are told apart by [`Text::same`]). `scratch` holds those bytes.
    pub(super) fn hash(&self, scratch: &mut Vec<u8>) -> u64 {
        let hash = |len: usize, first: &[u8]| {
            foldhash::fast::FixedState::with_seed(0).hash_one((len, first))
        };
        match self.pieces() {
            [whole, "", ""] => hash(
                whole.len(),
                &whole.as_bytes()[..whole.len().min(HASHED_BYTES)],
            ),
            pieces => {
                scratch.clear();
                for piece in pieces {
                    let room = HASHED_BYTES - scratch.len();
                    scratch.extend_from_slice(&piece.as_bytes()[..piece.len().min(room)]);
                }
                hash(pieces.iter().map(|p| p.len()).sum(), scratch)
            }
        }
    }

    /// Whether the two texts are the same text.
    pub(super) fn same(&self, other: &Text) -> bool {
        match (self.pieces(), other.pieces()) {
            ([a, "", ""], [b, "", ""]) => a == b,
            (a, b) => a
                .iter()
                .flat_map(|p| p.bytes())
                .eq(b.iter().flat_map(|p| p.bytes())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_hashes_the_same_however_it_is_pieced() {
        let mut scratch = Vec::new();
        let long = "x".repeat(300);
        for (label, detail) in [("Yes", "keep it"), ("Café", "é"), (long.as_str(), "tail")] {
            let pieced = Text::Pieces([label, DASH, detail]);
            let whole = format!("{label}{DASH}{detail}");
            assert_eq!(
                pieced.hash(&mut scratch),
                Text::given(&whole).hash(&mut scratch)
            );
            assert!(pieced.same(&Text::given(&whole)));
        }
        // Texts alike in their first bytes but not their length hash apart.
        let longer = format!("{long}y");
        assert_ne!(
            Text::given(&long).hash(&mut scratch),
            Text::given(&longer).hash(&mut scratch)
        );
    }

    #[test]
    fn the_searched_part_is_the_first_characters_across_pieces() {
        assert_eq!(first_chars("abc", 2), ("ab", 2));
        assert_eq!(first_chars("abc", 5), ("abc", 3));
        assert_eq!(first_chars("éé—x", 2), ("éé", 2));
        assert_eq!(first_chars("aé", 5), ("aé", 2));
        let label = "é".repeat(200);
        let detail = "d".repeat(100);
        let mut searched_pieces = String::new();
        Text::Pieces([&label, DASH, &detail]).for_each_searched(|p| searched_pieces.push_str(p));
        let whole = format!("{label}{DASH}{detail}");
        assert_eq!(searched_pieces, searched(&whole));
        assert_eq!(searched_pieces.chars().count(), MAX_SEARCHED_CHARS);
        assert!(Text::Pieces([&label, DASH, &detail]).is_cut());
        assert!(!Text::given("short").is_cut());
    }
}

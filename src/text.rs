//! Word wrapping by display width: a line is measured in terminal columns, not characters, so
//! a wide character such as `漢` takes two and a combining accent none. The full-screen view,
//! the Graphviz labels of `export` and the text cheat sheet all wrap with it.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` to `width` columns: at spaces where possible, mid-word when a word is longer
/// than a line. Explicit newlines start new lines. Always returns at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Leading spaces are kept (indented code, diagnostics) and repeated on wrapped lines.
        let body = paragraph.trim_start_matches(' ');
        let indent = &paragraph[..paragraph.len() - body.len()];
        let width = width.saturating_sub(indent.len()).max(1);
        let filled = fill(body.split(' '), width, width, LongWords::Split);
        lines.extend(filled.into_iter().map(|line| format!("{indent}{line}")));
    }
    lines
}

/// Wraps `text` to `width` columns at whitespace only, any run of whitespace (newlines
/// included) read as one space. A word longer than a line gets a line of its own, so a web
/// address stays whole. Always returns at least one line.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    fill(text.split_whitespace(), width, width, LongWords::Keep)
}

/// [`wrap_words`] with a prefix on every line, counted in `width`: `first` on the first line,
/// `hang` on the others (a list item's marker and its hanging indent). No line ends in a
/// space, even one with nothing after its prefix.
pub fn wrap_hanging(text: &str, width: usize, first: &str, hang: &str) -> Vec<String> {
    let lines = fill(
        text.split_whitespace(),
        width.saturating_sub(first.width()),
        width.saturating_sub(hang.width()),
        LongWords::Keep,
    );
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { hang };
            format!("{prefix}{line}").trim_end().to_string()
        })
        .collect()
}

/// What [`fill`] does with a word wider than its line.
#[derive(Clone, Copy)]
enum LongWords {
    /// Splits it between characters (a screen shows nothing past its edge).
    Split,
    /// Keeps it whole, on a line of its own.
    Keep,
}

/// Greedy fill: `words` joined by single spaces into lines at most `first` columns wide for
/// the first line and `rest` for the others. Always returns at least one line.
fn fill<'a>(
    words: impl Iterator<Item = &'a str>,
    first: usize,
    rest: usize,
    long: LongWords,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let room = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
    for word in words {
        let word_width = word.width();
        let needed = if line.is_empty() {
            word_width
        } else {
            line_width + 1 + word_width
        };
        if needed <= room(&lines) {
            if !line.is_empty() {
                line.push(' ');
                line_width += 1;
            }
            line.push_str(word);
            line_width += word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        match long {
            LongWords::Keep => {
                line.push_str(word);
                line_width = word_width;
            }
            LongWords::Split => {
                for c in word.chars() {
                    let w = c.width().unwrap_or(0);
                    if line_width + w > room(&lines) && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("x y", 0), ["x", "y"]);
        assert_eq!(wrap("  --> a b", 7), ["  --> a", "  b"]);
    }

    #[test]
    fn wide_characters_take_two_columns_and_combining_marks_none() {
        assert_eq!(wrap("漢字 ab", 6), ["漢字", "ab"]);
        assert_eq!(wrap("漢字 ab", 7), ["漢字 ab"]);
        assert_eq!(
            wrap("漢字漢字", 5),
            ["漢字", "漢字"],
            "split between characters"
        );
        assert_eq!(wrap_words("漢字 漢字 ab", 10), ["漢字 漢字", "ab"]);
        assert_eq!(
            wrap_words("e\u{301}e\u{301} ab", 5),
            ["e\u{301}e\u{301} ab"]
        );
        assert_eq!(wrap_hanging("漢字 ab", 8, "- ", "  "), ["- 漢字", "  ab"]);
    }

    #[test]
    fn words_are_kept_whole_and_whitespace_is_one_space() {
        assert_eq!(wrap_words("", 10), vec![String::new()]);
        assert_eq!(
            wrap_words("a-very-long-word b", 5),
            vec!["a-very-long-word", "b"]
        );
        assert_eq!(wrap_words("one\n\ntwo  three", 9), ["one two", "three"]);
    }

    #[test]
    fn hanging_prefixes_count_in_the_width() {
        assert_eq!(
            wrap_hanging("one two three four", 12, "1. ", "   "),
            ["1. one two", "   three", "   four"]
        );
        assert_eq!(
            wrap_hanging("ab cd ef gh", 9, "- ", "     "),
            ["- ab cd", "     ef", "     gh"],
            "each line has the room its own prefix leaves"
        );
        assert_eq!(wrap_hanging("", 10, "   - ", "     "), ["   -"]);
        assert_eq!(
            wrap_hanging("see https://example.org/a/long/address", 12, "* ", "  "),
            ["* see", "  https://example.org/a/long/address"]
        );
    }
}

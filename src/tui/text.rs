//! Word wrapping by display width, so the view knows exactly which row each option lands on
//! (for the cursor, mouse clicks and scrolling).

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
        let first = lines.len();
        let mut line = String::new();
        let mut line_width = 0;
        for word in body.split(' ') {
            let word_width = word.width();
            let needed = if line.is_empty() {
                word_width
            } else {
                line_width + 1 + word_width
            };
            if needed <= width {
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
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
        for wrapped in &mut lines[first..] {
            wrapped.insert_str(0, indent);
        }
    }
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
}

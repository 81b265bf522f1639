//! Turns "node 3, option 2, field `next`" into a file position, lazily: the spanned re-read of
//! the file happens only when a diagnostic needs it.

use std::cell::OnceCell;

use super::syntax::{Spanned, Step};
use crate::diagnostic::{Code, Diagnostic};

/// Builds positioned diagnostics for one file.
pub struct Locator<'a> {
    file: &'a str,
    source: &'a str,
    root: OnceCell<Option<Spanned>>,
}

impl<'a> Locator<'a> {
    /// A locator over `source`, the text of `file`.
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Locator {
            file,
            source,
            root: OnceCell::new(),
        }
    }

    /// The file name diagnostics carry.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The text of the file.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// A diagnostic pointing at the value found by following `path` from the file's root value.
    pub fn at(&self, code: Code, path: &[Step], message: String) -> Diagnostic {
        let span = self.span(path);
        Diagnostic::at(code, self.file, self.source, span, message)
    }

    /// The byte range of the value at `path` (the nearest enclosing value's first character when
    /// the path cannot be followed all the way).
    pub fn span(&self, path: &[Step]) -> std::ops::Range<usize> {
        match self.root.get_or_init(|| Spanned::parse(self.source)) {
            Some(root) => {
                let (found, complete) = root.follow(path);
                if complete {
                    found.span.clone()
                } else {
                    found.span.start..found.span.start + 1
                }
            }
            None => 0..1,
        }
    }

    /// The 1-based line of the value at `path`.
    pub fn line_of(&self, path: &[Step]) -> usize {
        crate::diagnostic::Position::of(self.source, self.span(path).start).line
    }
}

/// Checks one piece of text: not blank, and free of control characters (an ESC sequence in a
/// tree must never reach the terminal). Newlines are allowed.
pub fn check_text(loc: &Locator, out: &mut Vec<Diagnostic>, path: &[Step], text: &str, what: &str) {
    if text.trim().is_empty() {
        out.push(
            loc.at(Code::EmptyText, path, format!("{what} is empty"))
                .with_help(format!("write {what}, or remove the entry")),
        );
    } else if let Some((index, c)) = first_control(text) {
        let kind = if c.is_control() {
            "control character"
        } else {
            "invisible or direction-changing character"
        };
        // At the character itself, as the file writes it (an escape such as `\u{1b}`, or the
        // character), when the value is a plain string; else at the value.
        let span = loc.span(path);
        let at = char_in_string(loc.source, span.clone(), index).unwrap_or(span);
        out.push(
            Diagnostic::at(
                Code::ControlCharacter,
                loc.file,
                loc.source,
                at,
                format!("{what} contains the {kind} U+{:04X} at character {}", c as u32, index + 1),
            )
            .with_help(
                "remove it: such characters (ESC, right-to-left overrides, zero-width spaces) could change what people see",
            ),
        );
    }
}

/// The bytes of `source` that write character `index` of the `"…"` string literal at `span`:
/// one character, or a whole escape (`\u{1b}`, `\n`). `None` when `span` is not such a string.
fn char_in_string(
    source: &str,
    span: std::ops::Range<usize>,
    index: usize,
) -> Option<std::ops::Range<usize>> {
    let literal = source.get(span.clone())?;
    let body = literal.strip_prefix('"')?;
    let mut chars = body.char_indices().peekable();
    let mut seen = 0;
    while let Some((at, c)) = chars.next() {
        let start = span.start + 1 + at;
        let end = match c {
            '"' => return None,
            '\\' => match chars.next() {
                Some((_, 'u')) => {
                    let mut end = start + 2;
                    for (i, d) in chars.by_ref() {
                        end = span.start + 1 + i + d.len_utf8();
                        if d == '}' {
                            break;
                        }
                    }
                    end
                }
                Some((i, e)) => span.start + 1 + i + e.len_utf8(),
                None => return None,
            },
            c => start + c.len_utf8(),
        };
        if seen == index {
            return Some(start..end);
        }
        seen += 1;
    }
    None
}

/// The first hidden character (a control character other than newline, or an invisible or
/// direction-changing one: see [`crate::diagnostic::is_hidden`]), with its character index.
pub fn first_control(text: &str) -> Option<(usize, char)> {
    // Fast path: ASCII control bytes, the C1 range (encoded 0xC2 0x80..=0x9F), and the lead
    // bytes of the invisible and direction-changing characters (0xD8 for U+061C, 0xE2 for
    // U+2000..U+2FFF, 0xEF for U+FEFF). Checked 64 bytes at a time without early exit inside a
    // block, which the compiler turns into vector instructions: this runs over every text of
    // every tree on load.
    let suspicious = text.as_bytes().chunks(64).any(|block| {
        block.iter().fold(false, |found, &b| {
            found
                | ((b < 0x20) & (b != b'\n'))
                | (b == 0x7F)
                | (b == 0xC2)
                | (b == 0xD8)
                | (b == 0xE2)
                | (b == 0xEF)
        })
    });
    if !suspicious {
        return None;
    }
    text.chars()
        .enumerate()
        .find(|(_, c)| crate::diagnostic::is_hidden(*c))
}

#[cfg(test)]
mod tests {
    use super::first_control;

    #[test]
    fn finds_control_characters_anywhere_in_long_text() {
        let long = "a".repeat(200);
        assert_eq!(first_control(&long), None);
        assert_eq!(
            first_control(&format!("{long}\nb")),
            None,
            "newlines are allowed"
        );
        assert_eq!(
            first_control(&format!("{long}\u{1b}[31m")),
            Some((200, '\u{1b}'))
        );
        assert_eq!(
            first_control(&format!("é{long}\u{85}")),
            Some((201, '\u{85}'))
        );
        assert_eq!(first_control("tab\there"), Some((3, '\t')));
        assert_eq!(first_control("\u{7f}"), Some((0, '\u{7f}')));
        assert_eq!(first_control("Use \u{202e}ppAstahW"), Some((4, '\u{202e}')));
        assert_eq!(first_control("zero\u{200b}width"), Some((4, '\u{200b}')));
        assert_eq!(first_control("\u{feff}bom"), Some((0, '\u{feff}')));
        assert_eq!(first_control("an em dash — and ‘quotes’ are fine"), None);
    }
}

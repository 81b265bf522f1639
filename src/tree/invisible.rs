//! Zero-width characters in a tree file's strings (W010). They are invisible, so text holding
//! one reads as something it is not and search does not find it; but some languages need one
//! (a zero-width non-joiner in Persian or Urdu). So they are a warning, not an error, and before
//! the file is parsed each one inside a string is replaced by its visible escape (`\u{200b}`):
//! every output — the app, tables, exports, records, JSON — then shows it, and none can carry
//! it. (Control and direction-changing characters are still refused: E018.)

use std::borrow::Cow;

use crate::diagnostic::{Code, Diagnostic};

/// Whether `c` is a zero-width character: zero-width space, non-joiner and joiner, word joiner,
/// the invisible mathematical operators, and the zero-width no-break space (byte-order mark).
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether `source` holds a zero-width character. Each is three bytes in UTF-8 whose first is
/// 0xE2 (U+200B to U+2064) or 0xEF (U+FEFF), so only the characters starting with those bytes,
/// found by `memchr` many bytes at a time, are read.
fn has_zero_width(source: &str) -> bool {
    memchr::memchr2_iter(0xE2, 0xEF, source.as_bytes())
        .any(|at| source[at..].chars().next().is_some_and(is_zero_width))
}

/// Where the scan is in RON text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Code,
    LineComment,
    BlockComment,
    /// A `"…"` string, where `\` escapes the next character.
    String,
    /// A raw string `r#"…"#` closed by a quote and this many `#`.
    RawString(usize),
}

/// Where the escapes went: for each, its line, its column in the file as written, and how many
/// characters longer the escaped text is.
#[derive(Debug, Default)]
pub struct Escapes(Vec<(usize, usize, usize)>);

impl Escapes {
    /// Puts diagnostics found in the escaped text back on the file as written: the column on a
    /// line that had escapes, and the quoted line.
    pub fn restore(&self, diagnostics: &mut [Diagnostic], original: &str) {
        if self.0.is_empty() {
            return;
        }
        let lines: Vec<&str> = original.split('\n').collect();
        for d in diagnostics.iter_mut().filter(|d| d.code != Code::ZeroWidth) {
            let on_line: Vec<&(usize, usize, usize)> =
                self.0.iter().filter(|(line, ..)| *line == d.line).collect();
            if on_line.is_empty() {
                continue;
            }
            // Each escape on the line, where it sits in the escaped text, in order.
            let mut shift = 0;
            let mut column = d.column;
            for &&(_, written_at, added) in &on_line {
                let escaped_at = written_at + shift;
                if d.column > escaped_at + added {
                    shift += added;
                    column = d.column - shift;
                } else if d.column > escaped_at {
                    // Inside the escape: at the character it stands for.
                    column = written_at;
                    break;
                }
            }
            d.column = column;
            if let Some(line) = lines.get(d.line - 1) {
                let length = line.chars().count();
                d.column = d.column.min(length + 1);
                d.width = d.width.min(length + 1 - d.column + 1).max(1);
                d.source_line = Some(crate::diagnostic::visible(line));
            }
        }
    }
}

/// `source` with every zero-width character inside a string replaced by its escape, written so
/// that the string then holds the visible text `\u{200b}`; a W010 warning at each, against the
/// original text; and where the escapes went (see [`Escapes::restore`]). Characters outside
/// strings are left for the parser to refuse.
pub fn escape_zero_width<'s>(
    file: &str,
    source: &'s str,
) -> (Cow<'s, str>, Vec<Diagnostic>, Escapes) {
    if !has_zero_width(source) {
        return (Cow::Borrowed(source), Vec::new(), Escapes::default());
    }
    let mut escapes = Escapes::default();
    let mut out = String::with_capacity(source.len() + 16);
    let mut warnings = Vec::new();
    let mut state = In::Code;
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match state {
            In::String | In::RawString(_) if is_zero_width(c) => {
                let escape = format!("\\u{{{:x}}}", c as u32);
                // In a plain string the backslash itself must be escaped to stay text.
                if state == In::String {
                    out.push('\\');
                }
                out.push_str(&escape);
                let written = escape.chars().count() + usize::from(state == In::String);
                warnings.push(
                    Diagnostic::at(
                        Code::ZeroWidth,
                        file,
                        source,
                        at..at + c.len_utf8(),
                        format!("invisible zero-width character U+{:04X} in text, shown as {escape}", c as u32),
                    )
                    .with_help("delete it, unless the language needs it (such as a zero-width non-joiner in Persian or Urdu)"),
                );
                let last = warnings.last().expect("just pushed");
                escapes.0.push((last.line, last.column, written - 1));
                continue;
            }
            In::Code => match (c, next) {
                ('/', Some('/')) => state = In::LineComment,
                ('/', Some('*')) => state = In::BlockComment,
                ('"', _) => state = In::String,
                ('r', Some('"' | '#')) => {
                    let rest = &source[at + 1..];
                    let hashes = rest.chars().take_while(|&h| h == '#').count();
                    if rest[hashes..].starts_with('"') {
                        out.push('r');
                        out.push_str(&rest[..=hashes]);
                        for _ in 0..=hashes {
                            chars.next();
                        }
                        state = In::RawString(hashes);
                        continue;
                    }
                }
                _ => {}
            },
            In::LineComment if c == '\n' => state = In::Code,
            In::BlockComment if c == '*' && next == Some('/') => {
                out.push(c);
                out.push('/');
                chars.next();
                state = In::Code;
                continue;
            }
            In::String if c == '\\' => {
                out.push(c);
                if let Some((_, escaped)) = chars.next() {
                    out.push(escaped);
                }
                continue;
            }
            In::String if c == '"' => state = In::Code,
            In::RawString(hashes)
                if c == '"' && source[at + 1..].starts_with(&"#".repeat(hashes)) =>
            {
                out.push(c);
                out.push_str(&"#".repeat(hashes));
                for _ in 0..hashes {
                    chars.next();
                }
                state = In::Code;
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    (Cow::Owned(out), warnings, escapes)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_quick_scan_finds_what_reading_every_character_finds(
            text in "[a-z \"—é\u{200b}-\u{200d}\u{2060}-\u{2064}\u{feff}\u{2013}\u{ff01}]{0,20}"
        ) {
            proptest::prop_assert_eq!(has_zero_width(&text), text.chars().any(is_zero_width));
        }
    }

    #[test]
    fn a_zero_width_character_in_a_string_becomes_its_visible_escape_with_a_warning() {
        let source = "Tree(\n  title: \"Use\u{200b} Teams\",\n)";
        let (escaped, warnings, _) = escape_zero_width("t.ron", source);
        assert_eq!(escaped, "Tree(\n  title: \"Use\\\\u{200b} Teams\",\n)");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::ZeroWidth);
        assert_eq!((warnings[0].line, warnings[0].column), (2, 14));
        // The parsed string holds the escape as text.
        let parsed: String = ron::from_str(&escaped[15..escaped.len() - 3]).expect("a string");
        assert_eq!(parsed, "Use\\u{200b} Teams");
    }

    #[test]
    fn raw_strings_comments_and_escaped_quotes_are_followed() {
        let source = "(a: r#\"x\u{200d}\"y\"#, // c\u{200b}\n b: \"q\\\"\u{feff}\")";
        let (escaped, warnings, _) = escape_zero_width("t.ron", source);
        assert_eq!(
            escaped,
            "(a: r#\"x\\u{200d}\"y\"#, // c\u{200b}\n b: \"q\\\"\\\\u{feff}\")"
        );
        assert_eq!(warnings.len(), 2, "the comment's is left alone");
    }

    #[test]
    fn a_diagnostic_after_an_escape_is_put_back_on_the_line_as_written() {
        let source = "(a: \"x\u{200b}y\" b)";
        let (escaped, _, escapes) = escape_zero_width("t.ron", source);
        // In the escaped text `b` is at column 19; as written, at 11.
        let at = escaped.rfind('b').expect("b") + 1;
        let mut found = vec![Diagnostic::at(
            Code::Syntax,
            "t.ron",
            &escaped,
            at - 1..at,
            "expected a comma".into(),
        )];
        assert_eq!(found[0].column, 19);
        escapes.restore(&mut found, source);
        assert_eq!(found[0].column, 11);
        assert_eq!(
            found[0].source_line.as_deref(),
            Some("(a: \"x\u{fffd}y\" b)")
        );
    }

    #[test]
    fn text_without_one_is_not_copied() {
        let (escaped, warnings, _) = escape_zero_width("t.ron", "Tree(title: \"é\")");
        assert!(matches!(escaped, Cow::Borrowed(_)));
        assert!(warnings.is_empty());
    }
}

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

/// `source` with every zero-width character inside a string replaced by its escape, written so
/// that the string then holds the visible text `\u{200b}`; and a W010 warning at each, against
/// the original text. Characters outside strings are left for the parser to refuse.
pub fn escape_zero_width<'s>(file: &str, source: &'s str) -> (Cow<'s, str>, Vec<Diagnostic>) {
    if !source.chars().any(is_zero_width) {
        return (Cow::Borrowed(source), Vec::new());
    }
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
    (Cow::Owned(out), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_width_character_in_a_string_becomes_its_visible_escape_with_a_warning() {
        let source = "Tree(\n  title: \"Use\u{200b} Teams\",\n)";
        let (escaped, warnings) = escape_zero_width("t.ron", source);
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
        let (escaped, warnings) = escape_zero_width("t.ron", source);
        assert_eq!(
            escaped,
            "(a: r#\"x\\u{200d}\"y\"#, // c\u{200b}\n b: \"q\\\"\\\\u{feff}\")"
        );
        assert_eq!(warnings.len(), 2, "the comment's is left alone");
    }

    #[test]
    fn text_without_one_is_not_copied() {
        let (escaped, warnings) = escape_zero_width("t.ron", "Tree(title: \"é\")");
        assert!(matches!(escaped, Cow::Borrowed(_)));
        assert!(warnings.is_empty());
    }
}

//! A small, forgiving reader that finds *where* each value sits in a RON file.
//!
//! `ron` reports positions for syntax and type errors, but the values it returns carry no
//! positions. When validation finds a semantic problem (an option pointing at a missing node,
//! say) this reader walks the same text again and returns the byte range of the exact literal,
//! so the diagnostic can point at it. It only runs when there is something to report, and only
//! on text `ron` has already accepted, so it can stay simple: on anything unexpected it gives up
//! and the caller falls back to a coarser position.

use std::ops::Range;

/// A value and the bytes it spans.
#[derive(Debug)]
pub struct Spanned {
    /// Byte range of the whole value in the source.
    pub span: Range<usize>,
    /// The value.
    pub value: Value,
}

/// The shape of a RON value, as far as locating things needs it.
#[derive(Debug)]
pub enum Value {
    /// A string literal, unescaped.
    Str(String),
    /// A number, boolean, unit identifier or character: anything else that is one token.
    Atom,
    /// `Name(field: value, …)` or `(field: value, …)`: fields with the span of their name.
    Struct(Vec<(String, Range<usize>, Spanned)>),
    /// `Name(value, …)` or `(value, …)`.
    Tuple(Vec<Spanned>),
    /// `[value, …]`.
    List(Vec<Spanned>),
    /// `{key: value, …}`.
    Map(Vec<(Spanned, Spanned)>),
}

/// One step of a path from the root value to the value of interest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A named field of a struct.
    Field(&'static str),
    /// The key of the n-th map entry.
    Key(usize),
    /// The value of the n-th map entry.
    Entry(usize),
    /// The n-th list or tuple item.
    Item(usize),
}

impl Spanned {
    /// Reads a whole file. `None` when the text is not something this reader understands.
    pub fn parse(source: &str) -> Option<Spanned> {
        let mut reader = Reader {
            src: source.as_bytes(),
            text: source,
            pos: 0,
            depth: 0,
        };
        reader.skip_trivia();
        // Inner attributes such as `#![enable(implicit_some)]`.
        while reader.peek() == Some(b'#') {
            while reader.peek().is_some_and(|b| b != b']') {
                reader.pos += 1;
            }
            reader.pos += 1;
            reader.skip_trivia();
        }
        reader.value()
    }

    /// Follows `path`, returning the deepest value reached and whether the whole path was found.
    pub fn follow(&self, path: &[Step]) -> (&Spanned, bool) {
        let mut here = self;
        for step in path {
            match here.step(*step) {
                Some(next) => here = next,
                None => return (here, false),
            }
        }
        (here, true)
    }

    /// The byte range of the value at `path`, or of the closest enclosing value found.
    pub fn locate(&self, path: &[Step]) -> Range<usize> {
        self.follow(path).0.span.clone()
    }

    fn step(&self, step: Step) -> Option<&Spanned> {
        match (&self.value, step) {
            (Value::Struct(fields), Step::Field(name)) => {
                fields.iter().find(|(n, _, _)| n == name).map(|(_, _, v)| v)
            }
            (Value::Map(entries), Step::Key(i)) => entries.get(i).map(|(k, _)| k),
            (Value::Map(entries), Step::Entry(i)) => entries.get(i).map(|(_, v)| v),
            (Value::List(items) | Value::Tuple(items), Step::Item(i)) => items.get(i),
            // `Some(x)` written around a value: look through it.
            (Value::Tuple(items), _) if items.len() == 1 => items[0].step(step),
            _ => None,
        }
    }

    /// The string, if this is a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Every `Name(` in `source` whose name is not in `known`, with its byte range: one pass over
/// the text that skips strings and comments. ron checks most struct names itself, but not
/// where a value may also be plain text (`"…"` or `Text(…)`), so a misspelt `Txet(` would
/// otherwise be read without a word.
pub fn unknown_struct_names(source: &str, known: &[&str]) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // The closing quote is the next `"` not escaped by an odd run of backslashes;
                // `find` uses a vectorised search, which matters on long quotes.
                let mut at = i + 1;
                i = loop {
                    let Some(offset) = source.get(at..).and_then(|rest| rest.find('"')) else {
                        break bytes.len();
                    };
                    let quote = at + offset;
                    let escapes = bytes[..quote].iter().rev().take_while(|&&b| b == b'\\');
                    if escapes.count() % 2 == 0 {
                        break quote + 1;
                    }
                    at = quote + 1;
                };
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let close = format!("\"{}", "#".repeat(hashes));
                let body = i + 2 + hashes;
                i = source
                    .get(body..)
                    .and_then(|rest| rest.find(&close))
                    .map_or(bytes.len(), |end| body + end + close.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = source[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2);
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let mut after = i;
                while after < bytes.len() && bytes[after].is_ascii_whitespace() {
                    after += 1;
                }
                if bytes.get(after) == Some(&b'(') && !known.contains(&&source[start..i]) {
                    found.push(start..i);
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// Deep enough for any real tree; stops a pathological file from overflowing the stack.
const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.src.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 && self.pos < self.src.len() {
                        if self.src[self.pos..].starts_with(b"/*") {
                            level += 1;
                            self.pos += 2;
                        } else if self.src[self.pos..].starts_with(b"*/") {
                            level -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_trivia();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Spanned> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.skip_trivia();
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => Value::Str(self.string()?),
            b'r' if matches!(self.src.get(self.pos + 1), Some(b'"' | b'#')) => {
                Value::Str(self.raw_string()?)
            }
            b'[' => {
                self.pos += 1;
                Value::List(self.items(b']')?)
            }
            b'{' => {
                self.pos += 1;
                Value::Map(self.entries()?)
            }
            b'(' => {
                self.pos += 1;
                self.struct_or_tuple()?
            }
            b'\'' => {
                self.pos += 1;
                while self.peek().is_some_and(|b| b != b'\'') {
                    self.pos += if self.peek() == Some(b'\\') { 2 } else { 1 };
                }
                self.pos += 1;
                Value::Atom
            }
            _ => {
                self.atom()?;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    self.struct_or_tuple()?
                } else {
                    Value::Atom
                }
            }
        };
        self.depth -= 1;
        Some(Spanned {
            span: start..self.pos,
            value,
        })
    }

    fn atom(&mut self) -> Option<()> {
        let start = self.pos;
        while self.peek().is_some_and(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'.' | b'#') || b >= 0x80
        }) {
            self.pos += 1;
        }
        (self.pos > start).then_some(())
    }

    fn identifier(&mut self) -> Option<(String, Range<usize>)> {
        self.skip_trivia();
        let start = self.pos;
        self.atom()?;
        let name = self
            .text
            .get(start..self.pos)?
            .trim_start_matches("r#")
            .to_string();
        Some((name, start..self.pos))
    }

    fn struct_or_tuple(&mut self) -> Option<Value> {
        // A struct when the first thing inside is `identifier :` (and not `::`).
        let save = self.pos;
        self.skip_trivia();
        let is_struct = self.identifier().is_some() && {
            self.skip_trivia();
            self.peek() == Some(b':')
        };
        self.pos = save;
        if !is_struct {
            return Some(Value::Tuple(self.items(b')')?));
        }
        let mut fields = Vec::new();
        loop {
            if self.eat(b')') {
                return Some(Value::Struct(fields));
            }
            let (name, name_span) = self.identifier()?;
            if !self.eat(b':') {
                return None;
            }
            let value = self.value()?;
            fields.push((name, name_span, value));
            if !self.eat(b',') {
                return self.eat(b')').then_some(Value::Struct(fields));
            }
        }
    }

    fn items(&mut self, close: u8) -> Option<Vec<Spanned>> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.value()?);
            if !self.eat(b',') {
                return self.eat(close).then_some(items);
            }
        }
    }

    fn entries(&mut self) -> Option<Vec<(Spanned, Spanned)>> {
        let mut entries = Vec::new();
        loop {
            if self.eat(b'}') {
                return Some(entries);
            }
            let key = self.value()?;
            if !self.eat(b':') {
                return None;
            }
            let value = self.value()?;
            entries.push((key, value));
            if !self.eat(b',') {
                return self.eat(b'}').then_some(entries);
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.pos..)?;
            let c = rest.chars().next()?;
            self.pos += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let e = self.text.get(self.pos..)?.chars().next()?;
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        'u' if self.peek() == Some(b'{') => {
                            let end = self.text[self.pos..].find('}')? + self.pos;
                            let hex = &self.text[self.pos + 1..end];
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            self.pos = end + 1;
                        }
                        'x' => {
                            let hex = self.text.get(self.pos..self.pos + 2)?;
                            out.push(char::from(u8::from_str_radix(hex, 16).ok()?));
                            self.pos += 2;
                        }
                        '\n' => {
                            while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
                                self.pos += 1;
                            }
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn raw_string(&mut self) -> Option<String> {
        self.pos += 1;
        let hashes = self.src[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = self.text[self.pos..].find(&close)? + self.pos;
        let out = self.text[self.pos..end].to_string();
        self.pos = end + close.len();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_struct_names_skip_strings_and_comments() {
        let src = r##"Tree(a: ["Foo(", "a \"Zap(\" b\\", Txet(text: "b"), r#"Bar("#], // Baz(
 /* Qux( */ Text (x))"##;
        let found: Vec<&str> = unknown_struct_names(src, &["Tree", "Text"])
            .into_iter()
            .map(|r| &src[r])
            .collect();
        assert_eq!(found, ["Txet"]);
    }

    const SRC: &str = r##"// a comment
Tree(
    id: "t",
    nodes: {
        "a": Question(text: "Q?", options: [Option(label: "x", next: "b")]),
        /* block */ "b": Outcome(verdict: "recommended", fallbacks: []),
    },
    n: Some("s"),
    raw: r#"raw "text""#,
)"##;

    fn text_at<'a>(root: &Spanned, path: &[Step]) -> &'a str {
        let span = root.locate(path);
        // Safe: tests only.
        Box::leak(SRC[span].to_string().into_boxed_str())
    }

    #[test]
    fn locates_fields_keys_and_items() {
        let root = Spanned::parse(SRC).expect("parses");
        assert_eq!(text_at(&root, &[Step::Field("id")]), "\"t\"");
        assert_eq!(
            text_at(&root, &[Step::Field("nodes"), Step::Key(1)]),
            "\"b\""
        );
        let next = [
            Step::Field("nodes"),
            Step::Entry(0),
            Step::Field("options"),
            Step::Item(0),
            Step::Field("next"),
        ];
        assert_eq!(text_at(&root, &next), "\"b\"");
        assert_eq!(
            text_at(&root, &[Step::Field("n"), Step::Field("x")]),
            "Some(\"s\")"
        );
        assert_eq!(
            root.follow(&[Step::Field("raw")]).0.as_str(),
            Some("raw \"text\"")
        );
    }

    #[test]
    fn missing_path_falls_back_to_the_enclosing_value() {
        let root = Spanned::parse(SRC).expect("parses");
        let (found, complete) = root.follow(&[Step::Field("nodes"), Step::Entry(9)]);
        assert!(!complete);
        assert!(SRC[found.span.clone()].starts_with('{'));
    }

    #[test]
    fn garbage_gives_none_not_a_panic() {
        for src in ["(", "Tree(a:", "\"", "{\"a\" 1}", "r##\"x\"#", "'"] {
            let _ = Spanned::parse(src);
        }
    }
}

//! Turning a file into text and text into the author's document, with every failure a
//! diagnostic: size limit, UTF-8, RON syntax and schema errors (ron reports positions for both).

use std::fs;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::format::ron_options;
use crate::diagnostic::{Code, Diagnostic, Position};

/// Files larger than this are refused without being read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing files over `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Diagnostic> {
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        Diagnostic::whole_file(Code::Unreadable, &name, format!("cannot read {name}: {e}"))
            .with_help("check that the file exists and that you are allowed to read it")
    };
    // Only a regular file is opened: opening a FIFO (or a device) named `x.ron` would block
    // every command until something wrote to it.
    let kind = fs::metadata(path).map_err(unreadable)?.file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(Diagnostic::whole_file(
            Code::Unreadable,
            &name,
            format!("{name} is {what}, so it was not read"),
        )
        .with_help("name a tree file (or give the folder that holds it as a folder)"));
    }
    let file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limit {
        return Err(too_large(&name, size, limit));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&name, bytes.len() as u64, limit));
    }
    text_from_bytes(&name, bytes)
}

fn too_large(name: &str, size: u64, limit: u64) -> Diagnostic {
    Diagnostic::whole_file(
        Code::FileTooLarge,
        name,
        format!(
            "{name} is {:.1} MiB, over the {} MiB limit; it was not read",
            size as f64 / 1048576.0,
            limit / 1048576
        ),
    )
    .with_help("split the tree into several files, or check that this is the file you meant")
}

/// Checks that bytes are UTF-8, pointing at the first bad byte when they are not.
pub fn text_from_bytes(name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let line_end = bytes[valid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| valid + i);
        let shown = format!(
            "{prefix}{}",
            String::from_utf8_lossy(&bytes[valid..line_end])
        );
        Diagnostic::at(
            Code::InvalidUtf8,
            name,
            &shown,
            valid..valid + 1,
            format!(
                "{name} is not valid UTF-8 (byte 0x{:02X} at offset {valid})",
                bytes[valid]
            ),
        )
        .with_help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)")
    })
}

/// Parses RON text into `T`, turning ron's error into a diagnostic at its position.
pub fn parse<T: DeserializeOwned>(name: &str, source: &str) -> Result<T, Diagnostic> {
    ron_options()
        .from_str(source)
        .map_err(|e| ron_diagnostic(name, source, &e))
}

/// Maps a ron error to a diagnostic with a stable code and a hint.
pub fn ron_diagnostic(name: &str, source: &str, error: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let mut start = Position::offset_of(source, error.span.start.line, error.span.start.col);
    let end = Position::offset_of(source, error.span.end.line, error.span.end.col);
    // ron's span can start on the whitespace before the bad value: point at the value itself.
    while start < end && source[start..].starts_with(char::is_whitespace) {
        start += 1;
    }
    if let E::Message(text) = &error.code
        && text.contains("untagged enum TestDoc")
    {
        return bad_test(name, source, start);
    }
    // `Option(` where a field was expected: the `Option(...)` before it was never closed.
    if let E::NoSuchStructField {
        found,
        outer: Some(outer),
        ..
    } = &error.code
        && found.starts_with(|c: char| c.is_ascii_uppercase())
        && let Some(opened) = unclosed_opener(source, start, outer)
    {
        let line = Position::of(source, opened).line;
        return Diagnostic::at(
            Code::Syntax,
            name,
            source,
            opened..opened + outer.len() + 1,
            format!("the `{outer}(` opened on line {line} is not closed"),
        )
        .with_help(format!(
            "close it with `)` after its last field, before the `{found}(` that follows"
        ));
    }
    // An unknown word in quotes (a verdict): ron's span starts after the opening quote.
    if matches!(error.code, E::NoSuchEnumVariant { .. })
        && start > 0
        && source[..start].ends_with('"')
    {
        start -= 1;
    }
    let (code, help) = match &error.code {
        E::NoSuchStructField {
            expected, found, ..
        } => (
            Code::UnknownField,
            did_you_mean(found, expected, "the fields allowed here are"),
        ),
        E::MissingStructField { field, .. } => (
            Code::MissingField,
            format!("add `{field}: ...` here (see docs/authoring.md for what it holds)"),
        ),
        E::DuplicateStructField { field, .. } => (
            Code::UnknownField,
            format!("remove one of the two `{field}` fields"),
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => (
            Code::UnknownKind,
            did_you_mean(found, expected, "the allowed values are").replace("r#", ""),
        ),
        E::ExpectedDifferentStructName { expected, .. } => {
            (Code::UnknownKind, format!("write `{expected}(` here"))
        }
        E::InvalidValueForType { .. } | E::ExpectedString | E::ExpectedArray | E::ExpectedMap => (
            Code::WrongValue,
            "text goes in \"double quotes\", lists in [ ... ], keyed tables in { \"id\": ... }"
                .to_string(),
        ),
        E::Message(_)
        | E::ExpectedOption
        | E::ExpectedStructLike
        | E::ExpectedNamedStructLike(_) => (
            Code::WrongValue,
            "see docs/authoring.md for the shape this value should have".to_string(),
        ),
        E::Eof => (
            Code::Syntax,
            "the file ends too early: look for a missing closing `)`, `]`, `}` or `\"`".to_string(),
        ),
        E::ExpectedComma | E::TrailingCharacters => (
            Code::Syntax,
            "items are separated by commas; check the end of the previous line".to_string(),
        ),
        E::ExpectedStringEnd => (Code::Syntax, "close the text with a `\"`".to_string()),
        E::InvalidEscape(_) => (
            Code::Syntax,
            "inside text, write a backslash as \\\\ and a double quote as \\\"".to_string(),
        ),
        _ => (
            Code::Syntax,
            "compare this line with the example in docs/authoring.md".to_string(),
        ),
    };
    Diagnostic::at(
        code,
        name,
        source,
        start..end.max(start + 1),
        message(&error.code),
    )
    .with_help(help)
}

/// The byte offset of the nearest `name(` before `before` that its own line leaves open (more
/// `(` than `)` after it, outside strings): the struct ron was still inside.
fn unclosed_opener(source: &str, before: usize, name: &str) -> Option<usize> {
    let opener = format!("{name}(");
    let head = &source[..before.min(source.len())];
    let mut line_end = head.rfind('\n')?;
    loop {
        let line_start = head[..line_end].rfind('\n').map_or(0, |i| i + 1);
        let line = &head[line_start..line_end];
        if let Some(at) = line.rfind(&opener) {
            let mut depth = 0i32;
            let mut in_string = false;
            let mut escaped = false;
            for c in line[at..].chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '(' if !in_string => depth += 1,
                    ')' if !in_string => depth -= 1,
                    _ => {}
                }
            }
            return (depth > 0).then_some(line_start + at);
        }
        if line_start == 0 {
            return None;
        }
        line_end = line_start - 1;
    }
}

/// A condition's test that is none of the forms: ron reports it after the value, so point at
/// the value itself (it follows the key's `:`), and suggest the name it most looks like.
fn bad_test(name: &str, source: &str, reported: usize) -> Diagnostic {
    const FORMS: [&str; 3] = ["Has", "Lacks", "NotSet"];
    let before = &source[..reported.min(source.len())];
    let start = before.rfind(':').map_or(reported, |colon| {
        colon + 1 + (source[colon + 1..].len() - source[colon + 1..].trim_start().len())
    });
    let written: String = source[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let help = match closest(&written, FORMS.into_iter()) {
        Some(best) if !written.is_empty() => format!("did you mean `{best}`?"),
        _ => "write \"value\", [\"one\", \"of\"], Has(\"item\"), Lacks(\"item\") or NotSet"
            .to_string(),
    };
    let end = (start + written.len()).max(start + 1);
    Diagnostic::at(
        Code::WrongValue,
        name,
        source,
        start..end,
        "this test of a fact is not one signpost knows".to_string(),
    )
    .with_help(help)
}

/// ron's message, reworded where it speaks Rust rather than the author's language.
fn message(error: &ron::Error) -> String {
    use ron::Error as E;
    let within = |outer: &Option<String>| {
        outer
            .as_ref()
            .map(|o| format!(" in `{o}(...)`"))
            .unwrap_or_default()
    };
    match error {
        E::NoSuchStructField { found, outer, .. } => {
            format!("unknown field `{found}`{}", within(outer))
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer))
        }
        E::NoSuchEnumVariant {
            found, expected, ..
        } if expected.contains(&"recommended") => {
            format!(
                "unknown verdict \"{found}\"; a verdict is one of \"recommended\", \"allowed-with-conditions\", \"not-advised\", \"not-allowed\", \"ask-for-help\""
            )
        }
        E::NoSuchEnumVariant {
            found, expected, ..
        } => {
            format!(
                "unknown kind `{found}`; expected {}",
                expected
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        }
        other => other.to_string(),
    }
}

/// "did you mean `x`?" when a close name exists, else the list of names.
pub fn did_you_mean(found: &str, expected: &[&str], intro: &str) -> String {
    match closest(found, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "{intro}: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The candidate closest to `found`, when it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(found, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::format::TreeDoc;

    #[test]
    fn unknown_field_names_the_field_and_suggests() {
        let src = "Tree(\n  idd: \"x\",\n)";
        let d = parse::<TreeDoc>("t.ron", src).unwrap_err();
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!((d.line, d.column), (2, 3));
        assert_eq!(d.help.as_deref(), Some("did you mean `id`?"));
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = text_from_bytes("t.ron", b"ab\ncd\xffe".to_vec()).unwrap_err();
        assert_eq!(d.code, Code::InvalidUtf8);
        assert_eq!((d.line, d.column), (2, 3));
    }

    #[test]
    fn oversized_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let d = read_text(&path, 1024).unwrap_err();
        assert_eq!(d.code, Code::FileTooLarge);
    }
}

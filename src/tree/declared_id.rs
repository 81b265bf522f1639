//! A tree file's `id`, read without parsing the file: the first `id: "…"` at the top level of
//! its struct, found by skipping strings, comments and nested brackets. `signpost ask ID` reads
//! only the files that declare that id, so a folder of 200 trees does not cost 200 parses.
//! Anything unusual (a raw string, an escape in the id, no `id` found) gives `None`, and the
//! file is then loaded in full as before.

/// The `id` the top-level struct of `text` declares, if it can be read cheaply.
pub fn declared_id(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i)?,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = comment_end(bytes, i)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1)?,
            // A raw string could hold anything: give up rather than misread it.
            b'r' if matches!(bytes.get(i + 1), Some(b'#' | b'"'))
                && !ident_byte(bytes, i.wrapping_sub(1)) =>
            {
                return None;
            }
            b'i' if depth == 1
                && bytes[i..].starts_with(b"id")
                && !ident_byte(bytes, i.wrapping_sub(1))
                && !ident_byte(bytes, i + 2) =>
            {
                let rest = text[i + 2..].trim_start();
                let value = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
                let end = value.find(['"', '\\'])?;
                return (value.as_bytes()[end] == b'"').then(|| &value[..end]);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index just past the block comment that opens at `start`: RON's block comments nest.
fn comment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let (mut depth, mut i) = (0usize, start);
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The index of the closing quote of the string that opens at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Whether the byte at `i` (if any) can be part of an identifier.
fn ident_byte(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_level_id_is_read_and_anything_else_is_not_guessed() {
        assert_eq!(
            declared_id(include_str!("../../decision-trees/share.ron")),
            Some("share")
        );
        assert_eq!(
            declared_id(
                "// id: \"no\"\nTree(title: \"id: \\\"x\\\"\", nodes: {\"a\": Q(id: \"inner\")}, id: \"late\")"
            ),
            Some("late"),
            "comments, strings and nested structs are skipped"
        );
        assert_eq!(
            declared_id("Tree(/* id: \"no\" */ id: \"yes\")"),
            Some("yes")
        );
        assert_eq!(
            declared_id("Tree(/* /* x */ id: \"old\", */ id: \"share\")"),
            Some("share"),
            "block comments nest"
        );
        assert_eq!(
            declared_id("Tree(valid: 1, id : \"spaced\")"),
            Some("spaced")
        );
        assert_eq!(
            declared_id("Tree(title: r#\"x\"#, id: \"a\")"),
            None,
            "a raw string"
        );
        assert_eq!(declared_id("Tree(id: \"a\\u{41}\")"), None, "an escape");
        assert_eq!(declared_id("Tree(title: \"t\")"), None);
        assert_eq!(declared_id("Tree(id: 5)"), None);
        assert_eq!(declared_id("Tree(idea: \"x\", id: \"y\")"), Some("y"));
        assert_eq!(declared_id(")))"), None);
    }
}

//! Comparing command output with a golden file. When a change is deliberate, regenerate the
//! golden files with `UPDATE_GOLDEN=1 cargo test --test <name>` and review the diff.

use std::fs;
use std::path::Path;

/// Asserts that `actual` equals the contents of `path`, or rewrites `path` when
/// `UPDATE_GOLDEN=1`.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        fs::write(path, actual).expect("golden file writable");
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "no golden file at {} ({e}); create it with UPDATE_GOLDEN=1 cargo test",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "the output differs from {}, {}\nIf the change is deliberate, rerun with UPDATE_GOLDEN=1 and review the diff.",
            path.display(),
            first_difference(&expected, actual)
        );
    }
}

/// Where two texts first differ: the line number and both versions of the line.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut a, mut b) = (expected.lines(), actual.lines());
    let mut line = 1;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return "in line endings only".to_string(),
            (x, y) if x != y => {
                return format!(
                    "first at line {line}:\n  golden: {}\n  now:    {}",
                    x.unwrap_or("(end of file)"),
                    y.unwrap_or("(end of file)")
                );
            }
            _ => line += 1,
        }
    }
}

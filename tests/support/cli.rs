//! Running the real `signpost` binary from integration tests, and reading the
//! `// expect: CODE line:col` header of broken fixtures.

// Each test binary includes this file and uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// The date review dates are measured against in every test: a fixed one, so that the
/// calendar cannot change a test's result (`SIGNPOST_TODAY` overrides the real date).
pub const TODAY: &str = "2026-06-01";

/// The binary under test, measuring review dates against [`TODAY`].
pub fn signpost() -> Command {
    let mut command = Command::cargo_bin("signpost").expect("binary builds");
    command.env("SIGNPOST_TODAY", TODAY);
    command
}

/// [`signpost`] with empty data and config folders (one per test binary), so that no tree or
/// setting of the person running the tests changes what it does.
pub fn isolated() -> Command {
    static EMPTY: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let empty = EMPTY.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    let mut command = signpost();
    command
        .env("SIGNPOST_DATA_DIR", empty.path())
        .env("SIGNPOST_CONFIG_DIR", empty.path());
    command
}

/// Runs `signpost ARGS…`, which must succeed, and returns its standard output.
pub fn stdout_of(args: &[&str]) -> String {
    stdout_from(signpost(), args)
}

/// [`stdout_of`], run [`isolated`].
pub fn isolated_stdout_of(args: &[&str]) -> String {
    stdout_from(isolated(), args)
}

fn stdout_from(mut command: Command, args: &[&str]) -> String {
    let output = command.args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "signpost {} failed ({}):\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The `// expect: E033 10:35` header on the first line of a broken fixture: the code and the
/// `line:col` it must be reported at. `None` when the file has no such header.
pub fn expectation(path: &Path) -> Option<(String, String)> {
    let text = fs::read_to_string(path).expect("fixture readable");
    let header = text.lines().next()?.strip_prefix("// expect:")?;
    let mut parts = header.split_whitespace();
    Some((parts.next()?.to_string(), parts.next()?.to_string()))
}

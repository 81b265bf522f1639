//! Programs some tests drive (Chromium, pdfinfo, Node.js): found on the path, or skipped with a
//! message; with `CI=true` a missing one is a failure (`.ci/run` installs them).

// Each test binary includes this file and uses only part of it.
#![allow(dead_code)]

/// A program on the path that runs with `args`, or `None` with a message; a failure when
/// `CI=true` (`.ci/run` installs them).
pub fn installed(candidates: &[&str], args: &[&str], package: &str) -> Option<String> {
    let found = candidates.iter().find(|program| {
        std::process::Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if let Some(program) = found {
        return Some(program.to_string());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{package} is not installed (CI=true, so this is a failure, not a skip)"
    );
    eprintln!("SKIPPED: {package} is not installed, so the checks that need it did not run");
    None
}

//! Issue 19, item 3: the Rust version the project says it needs (`rust-version` in Cargo.toml,
//! and the README) is at least what every dependency locked in Cargo.lock declares, so an
//! install with `--locked` on that version works.

use std::fs;
use std::path::{Path, PathBuf};

/// `1.91` or `1.89.0` as numbers, for comparing.
fn version(text: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = text.split('.').filter_map(|p| p.parse().ok()).collect();
    parts.resize(3, 0);
    parts
}

/// The `rust-version` a Cargo.toml declares, if any.
fn rust_version(manifest: &str) -> Option<String> {
    manifest.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("rust-version")?;
        let value = rest.trim_start().strip_prefix('=')?.trim();
        Some(value.trim_matches('"').to_string())
    })
}

/// Every (name, version) locked in Cargo.lock.
fn locked(lock: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_string());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            out.push((n, v.trim_matches('"').to_string()));
        }
    }
    out
}

/// The registry's unpacked sources, where cargo put the dependencies this machine built.
fn registry_sources() -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let Some(src) = home.map(|h| h.join("registry/src")) else {
        return Vec::new();
    };
    fs::read_dir(src)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn the_declared_rust_version_covers_every_locked_dependency() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = rust_version(&fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml"))
        .expect("Cargo.toml declares rust-version");
    let readme = fs::read_to_string(root.join("README.md")).expect("README");
    assert!(
        readme.contains(&format!("Rust toolchain, {ours} or later")),
        "the README names rust-version {ours}"
    );
    let lock = fs::read_to_string(root.join("Cargo.lock")).expect("Cargo.lock");
    let registries = registry_sources();
    let mut checked = 0;
    let mut too_new = Vec::new();
    for (name, v) in locked(&lock) {
        // Only the dependencies built here are unpacked; the others (other platforms) are not.
        let Some(manifest) = registries
            .iter()
            .map(|r| r.join(format!("{name}-{v}/Cargo.toml")))
            .find(|p| p.is_file())
        else {
            continue;
        };
        checked += 1;
        if let Some(needs) = rust_version(&fs::read_to_string(manifest).expect("manifest"))
            && version(&needs) > version(&ours)
        {
            too_new.push(format!("{name} {v} needs Rust {needs}"));
        }
    }
    assert!(
        checked > 50,
        "only {checked} dependencies found in the registry"
    );
    assert!(
        too_new.is_empty(),
        "rust-version is {ours}, but: {}",
        too_new.join("; ")
    );
}

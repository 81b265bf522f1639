//! The library's modules import in one direction (issue 15, item 5): no two modules reach into
//! each other, and nothing below the full-screen app imports it. Read from the `crate::` and
//! `super::` paths in `src/`, so a new circle fails here before it tangles the code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every library module (by path, e.g. `tui::view::walk`) and its source.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("src folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                // The binary's own modules are not part of the library's layers.
                if path.file_name().is_some_and(|n| n != "commands") {
                    folders.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path
                .strip_prefix(&src)
                .expect("under src")
                .with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            if parts.first().is_some_and(|p| p == "main" || p == "cli") {
                continue;
            }
            let text = fs::read_to_string(&path).expect("read");
            // Unit tests may reach anywhere.
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(|line| format!("{line}\n"))
                .collect();
            out.insert(parts.join("::"), code);
        }
    }
    out
}

/// The module a path such as `tui::app::App` names: its longest prefix that is a module.
fn module_of(path: &[&str], known: &BTreeMap<String, String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|candidate| known.contains_key(candidate))
}

/// The modules `module` uses, by `crate::…` and `super::…` paths (in `use` lines and inline).
fn uses(module: &str, code: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let here: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let mut out = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent_of(&here))] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let mut path = base.clone();
            path.extend(rest[..end].split("::").filter(|p| !p.is_empty()));
            // `super::super::x`.
            while let Some(i) = path.iter().position(|p| *p == "super") {
                path.remove(i);
                if i > 0 {
                    path.remove(i - 1);
                }
            }
            // `use super::{a, b}`: each name in the braces.
            if rest[end..].starts_with('{') {
                let inside = &rest[end + 1..rest[end..].find('}').map_or(end + 1, |e| end + e)];
                for name in inside.split(',') {
                    let name = name.trim().split("::").next().unwrap_or("").trim();
                    let mut full = path.clone();
                    full.push(name);
                    if let Some(m) = module_of(&full, known) {
                        out.insert(m);
                    }
                }
            } else if let Some(m) = module_of(&path, known) {
                out.insert(m);
            }
        }
    }
    out.remove(module);
    out
}

fn parent_of<'a>(module: &[&'a str]) -> Vec<&'a str> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// Whether one module contains the other (a parent and its children talk both ways by design).
fn related(a: &str, b: &str) -> bool {
    a.is_empty()
        || b.is_empty()
        || a.starts_with(&format!("{b}::"))
        || b.starts_with(&format!("{a}::"))
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let known = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = known
        .iter()
        .map(|(m, code)| {
            let edges = uses(m, code, &known)
                .into_iter()
                .filter(|target| !related(m, target))
                .collect();
            (m.as_str(), edges)
        })
        .collect();
    assert!(
        graph["tui::app"].contains("tui::preview"),
        "the reader finds imports"
    );
    let mut circles = Vec::new();
    for start in graph.keys() {
        // Depth-first from `start`, looking for a way back to it.
        let mut stack = vec![(start.to_string(), vec![start.to_string()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(node.as_str()).into_iter().flatten() {
                if next == start {
                    circles.push(format!("{} → {start}", path.join(" → ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn nothing_below_the_app_imports_it() {
    let known = modules();
    for (module, code) in &known {
        if module == "tui" || module.starts_with("tui::") || module.is_empty() {
            continue;
        }
        let used = uses(module, code, &known);
        let ui: Vec<_> = used.iter().filter(|m| m.starts_with("tui")).collect();
        assert!(ui.is_empty(), "{module} imports the app: {ui:?}");
    }
}

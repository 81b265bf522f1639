//! Embeds every file of `decision-trees/` (trees, `contacts.ron`, scenario decks) into the
//! binary, so the app runs from any directory and a new tree needs no code change.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("decision-trees");
    println!("cargo:rerun-if-changed={}", root.display());
    // The minisign public keys trusted to sign content packs, compiled in (src/pack/keys.rs).
    println!("cargo:rerun-if-env-changed=SIGNPOST_TRUSTED_KEYS");
    let mut code = String::new();
    for (name, folder) in [
        ("TREE_FILES", root.clone()),
        ("DECK_FILES", root.join("scenarios")),
    ] {
        println!("cargo:rerun-if-changed={}", folder.display());
        let mut files: Vec<_> = fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        writeln!(
            code,
            "/// Embedded files: (file name, contents).\npub const {name}: &[(&str, &str)] = &["
        )
        .unwrap();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let file_name = file
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            writeln!(
                code,
                "    ({file_name:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("write embedded.rs");
}

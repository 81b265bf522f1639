//! The file each published tree is written as: its id in safe characters, `-draft` after the id
//! of a local draft of a built-in tree, and never `index`, a name Windows keeps for a device, or
//! a name another tree of the same folder already has (letter case aside, as on Windows and
//! macOS).

use std::collections::HashSet;

use crate::tree::Tree;

/// Names Windows keeps for devices, whatever the extension.
const DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One file name per tree, in order, each different from the others and from `index.html`.
pub fn file_names(trees: &[Tree]) -> Vec<String> {
    let mut used = HashSet::from(["index".to_string()]);
    trees
        .iter()
        .map(|tree| {
            let mut stem = safe(&tree.id);
            if tree.provenance.is_draft() {
                stem.push_str("-draft");
            }
            if DEVICES.contains(&stem.to_ascii_lowercase().as_str()) {
                stem.push_str("-tree");
            }
            let mut name = stem.clone();
            let mut n = 2;
            while !used.insert(name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            format!("{name}.html")
        })
        .collect()
}

/// `id` with every character but ASCII letters, digits, `-` and `_` made `-`.
fn safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Provenance;

    fn tree(id: &str, provenance: Provenance) -> Tree {
        let mut tree = crate::catalog::shipped("share");
        tree.id = id.to_string();
        tree.provenance = provenance;
        tree
    }

    #[test]
    fn names_are_safe_unique_and_leave_index_and_devices_alone() {
        let draft = Provenance::local("/home/me/share.ron", "x", true);
        let trees = [
            tree("share", Provenance::BuiltIn),
            tree("share", draft),
            tree("../etc/x y", Provenance::BuiltIn),
            tree("index", Provenance::BuiltIn),
            tree("CON", Provenance::BuiltIn),
            tree("a.b", Provenance::BuiltIn),
            tree("a b", Provenance::BuiltIn),
            tree("Share", Provenance::BuiltIn),
        ];
        assert_eq!(
            file_names(&trees),
            [
                "share.html",
                "share-draft.html",
                "---etc-x-y.html",
                "index-2.html",
                "CON-tree.html",
                "a-b.html",
                "a-b-2.html",
                "Share-2.html",
            ]
        );
    }
}

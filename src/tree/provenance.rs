//! Where a tree's content comes from, so a local file can never pass for the published advice:
//! built into the program, from a signed pack that verified, or a local file (with the SHA-256
//! of its bytes), and whether that file is a draft of an official tree (it has an official
//! tree's id but other content).

use serde_json::json;
use sha2::{Digest, Sha256};

/// Where a tree came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Provenance {
    /// Compiled into the program: the published advice.
    #[default]
    BuiltIn,
    /// From a signed content pack that verified: the published advice, updated.
    Published {
        /// The pack folder.
        pack: String,
        /// Who signed it.
        signed_by: String,
        /// The day it was published.
        published: String,
        /// The SHA-256 of the file, as the signed manifest lists it.
        sha256: String,
    },
    /// Any other file: the data folder, `--trees`, config `trees`, a path on the command line.
    Local {
        /// The file, as it was named.
        path: String,
        /// The SHA-256 of its bytes, in hex.
        sha256: String,
        /// It has the id of a built-in tree but not its content: a draft, never used in its
        /// place.
        draft: bool,
    },
}

impl Provenance {
    /// A local file at `path` with `text`.
    pub fn local(path: &str, text: &str, draft: bool) -> Provenance {
        Provenance::Local {
            path: path.to_string(),
            sha256: sha256_hex(text.as_bytes()),
            draft,
        }
    }

    /// Whether this is a local file (not built in, not from a verified pack).
    pub fn is_local(&self) -> bool {
        matches!(self, Provenance::Local { .. })
    }

    /// Whether this is a local draft of a built-in tree.
    pub fn is_draft(&self) -> bool {
        matches!(self, Provenance::Local { draft: true, .. })
    }

    /// In words, for screens and records: "built into signpost", "local file /x/share.ron
    /// (SHA-256 1f2e…)", "LOCAL DRAFT — not the published advice: /x/share.ron (SHA-256 …)".
    pub fn describe(&self) -> String {
        match self {
            Provenance::BuiltIn => "built into signpost (the published advice)".to_string(),
            Provenance::Published {
                pack,
                signed_by,
                published,
                ..
            } => format!("published {published}, signed by {signed_by} (update {pack})"),
            Provenance::Local {
                path,
                sha256,
                draft,
            } => {
                let lead = if *draft {
                    format!("{DRAFT_BANNER}: ")
                } else {
                    "local file ".to_string()
                };
                format!("{lead}{path} (SHA-256 {sha256})")
            }
        }
    }

    /// As JSON: `{"kind": "built-in"}`, `{"kind": "published", "pack", "signed_by",
    /// "published", "sha256"}` or `{"kind": "local", "path", "sha256", "draft"}`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Provenance::BuiltIn => json!({"kind": "built-in"}),
            Provenance::Published {
                pack,
                signed_by,
                published,
                sha256,
            } => json!({"kind": "published", "pack": pack, "signed_by": signed_by,
                        "published": published, "sha256": sha256}),
            Provenance::Local {
                path,
                sha256,
                draft,
            } => json!({"kind": "local", "path": path, "sha256": sha256, "draft": draft}),
        }
    }
}

/// What every screen of a draft's walk says.
pub const DRAFT_BANNER: &str = "LOCAL DRAFT — not the published advice";

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_file_is_named_with_its_hash_and_a_draft_says_so() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let local = Provenance::local("/x/mine.ron", "abc", false);
        assert!(!local.is_draft());
        assert!(
            local
                .describe()
                .starts_with("local file /x/mine.ron (SHA-256 ba7816bf")
        );
        let draft = Provenance::local("/x/share.ron", "abc", true);
        assert!(draft.is_draft());
        assert!(
            draft
                .describe()
                .starts_with("LOCAL DRAFT — not the published advice: /x/share.ron")
        );
        assert_eq!(draft.to_json()["draft"], true);
        assert_eq!(Provenance::BuiltIn.to_json(), json!({"kind": "built-in"}));
    }
}

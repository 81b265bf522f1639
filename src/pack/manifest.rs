//! The pack's manifest: what it holds, who published it and when. It is the signed part: the
//! signature covers its bytes, and it covers each file by SHA-256.

use serde::{Deserialize, Serialize};

/// The manifest's file name inside a pack.
pub const MANIFEST_FILE: &str = "manifest.ron";
/// The minisign signature of the manifest.
pub const SIGNATURE_FILE: &str = "manifest.ron.minisig";

/// What a pack holds.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename = "Manifest", deny_unknown_fields)]
pub struct Manifest {
    /// The manifest format (1).
    pub format: u32,
    /// Who signed it, as staff see it: "signed by MoJ Cyber Security".
    pub signed_by: String,
    /// The day it was published, `YYYY-MM-DD`.
    pub published: String,
    /// Every file of the pack.
    pub files: Vec<PackFile>,
}

/// One file of a pack.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename = "File", deny_unknown_fields)]
pub struct PackFile {
    /// Its name in the pack folder: a plain `.ron` file name, no folders.
    pub name: String,
    /// The SHA-256 of its bytes, in lower-case hex.
    pub sha256: String,
    /// For a tree: its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tree: Option<String>,
    /// For a tree or the policy: its content version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl Manifest {
    /// What is wrong with who signed it and when, if anything: staff read both on every
    /// screen, so the name must be there and plain, and the date a real `YYYY-MM-DD`.
    pub fn problem(&self) -> Option<String> {
        if self.signed_by.trim().is_empty() {
            return Some("it names no one as its signer".to_string());
        }
        if self
            .signed_by
            .chars()
            .any(|c| c == '\n' || crate::diagnostic::is_hidden(c))
        {
            return Some("its signer's name holds a control or invisible character".to_string());
        }
        crate::tree::parse_date(&self.published)
            .err()
            .map(|e| format!("its publication date {e}"))
    }
}

impl PackFile {
    /// Whether the name is a plain `.ron` file name: no folder, no `..`, nothing hidden.
    pub fn has_plain_name(&self) -> bool {
        let name = &self.name;
        name.ends_with(".ron")
            && !name.starts_with('.')
            && !name.contains(['/', '\\', ':'])
            && name.chars().all(|c| !c.is_control())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> PackFile {
        PackFile {
            name: name.to_string(),
            sha256: String::new(),
            tree: None,
            version: None,
        }
    }

    #[test]
    fn only_plain_ron_file_names_are_accepted() {
        assert!(file("share.ron").has_plain_name());
        for bad in [
            "../share.ron",
            "/etc/share.ron",
            "sub/share.ron",
            ".hidden.ron",
            "share.txt",
            "c:share.ron",
        ] {
            assert!(!file(bad).has_plain_name(), "{bad}");
        }
    }

    #[test]
    fn a_signer_and_a_real_date_are_required() {
        let manifest = |signed_by: &str, published: &str| Manifest {
            format: 1,
            signed_by: signed_by.into(),
            published: published.into(),
            files: Vec::new(),
        };
        assert_eq!(manifest("MoJ Cyber Security", "2027-01-10").problem(), None);
        for (signed_by, published) in [
            (" ", "2027-01-10"),
            ("MoJ\u{1b}[31m", "2027-01-10"),
            ("Fake\u{202e}Team", "2027-01-10"),
            ("MoJ", "2027-13-40"),
        ] {
            assert!(
                manifest(signed_by, published).problem().is_some(),
                "{signed_by:?} {published:?}"
            );
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let manifest = Manifest {
            format: 1,
            signed_by: "MoJ Cyber Security".into(),
            published: "2027-01-10".into(),
            files: vec![PackFile {
                tree: Some("share".into()),
                version: Some("2.1.0".into()),
                ..file("share.ron")
            }],
        };
        let text = ron::ser::to_string_pretty(&manifest, ron::ser::PrettyConfig::default())
            .expect("writes");
        let back: Manifest = ron::from_str(&text).expect("reads");
        assert_eq!(back, manifest);
    }
}

//! Checking a pack as the app does before it uses it: the manifest's signature against the
//! trusted keys, every file against the manifest's SHA-256, and every tree and the policy
//! against the built-in versions (no downgrade). Any failure refuses the whole pack, with one
//! reason.

use std::collections::HashMap;
use std::path::Path;

use minisign::SignatureBox;

use super::keys::{TrustedKeys, key_id};
use super::manifest::{MANIFEST_FILE, Manifest, SIGNATURE_FILE};
use crate::tree::provenance::sha256_hex;
use crate::tree::read::{self, MAX_FILE_BYTES};
use crate::tree::syntax::{Spanned, Step};

/// The largest manifest or signature read.
const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;

/// A pack that verified: who signed it, when, and its files' text.
#[derive(Clone, Debug)]
pub struct Verified {
    /// The pack folder, as configured.
    pub path: String,
    /// Who signed it (from the signed manifest).
    pub signed_by: String,
    /// The day it was published (from the signed manifest).
    pub published: String,
    /// The id of the key that signed it.
    pub key_id: String,
    /// Its files, in manifest order.
    pub files: Vec<VerifiedFile>,
}

/// One file of a verified pack.
#[derive(Clone, Debug)]
pub struct VerifiedFile {
    /// Its name (`share.ron`, `contacts.ron`, `policy.ron`).
    pub name: String,
    /// Its text, exactly as signed.
    pub text: String,
    /// Its SHA-256.
    pub sha256: String,
}

/// A pack that was not used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The pack folder, as configured.
    pub pack: String,
    /// Why, in a few words.
    pub reason: String,
    /// The particulars, when there are any (the hashes that differ).
    pub detail: Option<String>,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the update in {} was refused: {}; the built-in content is used",
            self.pack, self.reason
        )
    }
}

/// Verifies the pack in `dir`. `floor` holds the built-in versions (tree id, or `policy.ron`
/// for the policy, to version) that nothing in the pack may be older than.
pub fn verify(
    dir: &Path,
    keys: &TrustedKeys,
    floor: &HashMap<String, String>,
) -> Result<Verified, Refusal> {
    let pack = dir.display().to_string();
    let refuse = |reason: String| Refusal {
        pack: pack.clone(),
        reason,
        detail: None,
    };
    let read =
        |name: &str, limit: u64| read::read_text(&dir.join(name), limit).map_err(|d| d.message);
    let manifest_text = read(MANIFEST_FILE, MAX_MANIFEST_BYTES)
        .map_err(|e| refuse(format!("its manifest cannot be read ({e})")))?;
    let signature_text = read(SIGNATURE_FILE, MAX_MANIFEST_BYTES).map_err(|_| {
        refuse(format!(
            "it is not signed ({SIGNATURE_FILE} is missing or cannot be read)"
        ))
    })?;
    let signature = SignatureBox::from_string(&signature_text).map_err(|e| {
        refuse(format!(
            "{SIGNATURE_FILE} is not a minisign signature ({e})"
        ))
    })?;
    if keys.is_empty() {
        return Err(refuse(
            "no key is trusted to sign updates (none was built in, and config.ron lists no `trusted_keys`)".into(),
        ));
    }
    let id = key_id(signature.keynum());
    let Some(key) = keys.find(signature.keynum()) else {
        return Err(refuse(format!(
            "it is signed with key {id}, which is not a trusted key"
        )));
    };
    minisign::verify(
        key,
        &signature,
        std::io::Cursor::new(manifest_text.as_bytes()),
        true,
        false,
        false,
    )
    .map_err(|_| {
        refuse(format!(
            "the signature does not match {MANIFEST_FILE}: it was changed after it was signed"
        ))
    })?;
    let manifest: Manifest = read::parse(MANIFEST_FILE, &manifest_text)
        .map_err(|d| refuse(format!("its manifest cannot be read ({})", d.message)))?;
    if let Some(problem) = manifest.problem() {
        return Err(refuse(problem));
    }
    if manifest.format != 1 {
        return Err(refuse(format!(
            "its manifest is format {}, which this version of signpost does not know; update signpost",
            manifest.format
        )));
    }
    let mut files = Vec::with_capacity(manifest.files.len());
    for file in &manifest.files {
        if !file.has_plain_name() {
            return Err(refuse(format!(
                "its manifest names \"{}\", which is not a plain .ron file name",
                file.name
            )));
        }
        let text = read(&file.name, MAX_FILE_BYTES)
            .map_err(|e| refuse(format!("{} cannot be read ({e})", file.name)))?;
        let sha256 = sha256_hex(text.as_bytes());
        if sha256 != file.sha256 {
            return Err(Refusal {
                detail: Some(format!(
                    "its SHA-256 is {sha256}; the signed manifest says {}",
                    file.sha256
                )),
                ..refuse(format!(
                    "{} was changed after the pack was signed",
                    file.name
                ))
            });
        }
        let (id, version) = id_and_version(&text);
        let key = id.unwrap_or_else(|| file.name.clone());
        if let (Some(version), Some(floor)) = (&version, floor.get(&key))
            && compare_versions(version, floor) == std::cmp::Ordering::Less
        {
            return Err(refuse(format!(
                "{} is version {version}, older than the built-in {floor} (an update never goes back)",
                file.name
            )));
        }
        files.push(VerifiedFile {
            name: file.name.clone(),
            text,
            sha256,
        });
    }
    Ok(Verified {
        path: pack,
        signed_by: manifest.signed_by,
        published: manifest.published,
        key_id: id,
        files,
    })
}

/// A tree's `id` and `version`, or the policy's `version`, read from its text.
pub(crate) fn id_and_version(text: &str) -> (Option<String>, Option<String>) {
    let Some(root) = Spanned::parse(text) else {
        return (None, None);
    };
    let field = |name: &'static str| {
        let (value, found) = root.follow(&[Step::Field(name)]);
        value.as_str().filter(|_| found).map(str::to_string)
    };
    (field("id"), field("version"))
}

/// Orders versions made of numbers separated by dots (`2.0.10` after `2.0.9`); parts that are
/// not numbers compare as text.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<String> { v.split('.').map(str::to_string).collect() };
    let (a, b) = (parts(a), parts(b));
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).map_or("0", String::as_str),
            b.get(i).map_or("0", String::as_str),
        );
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != std::cmp::Ordering::Equal {
            return order;
        }
    }
    std::cmp::Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering::*;

    #[test]
    fn versions_compare_by_number() {
        assert_eq!(compare_versions("2.0.10", "2.0.9"), Greater);
        assert_eq!(compare_versions("2.0", "2.0.0"), Equal);
        assert_eq!(compare_versions("1.9.0", "2.0.1"), Less);
    }

    #[test]
    fn a_trees_id_and_version_are_read_from_its_text() {
        let text = include_str!("../../decision-trees/share.ron");
        let (id, version) = id_and_version(text);
        assert_eq!(id.as_deref(), Some("share"));
        assert!(version.is_some());
    }
}

//! Signed content packs: how the policy team gets updated trees, contacts and policy to staff
//! without a new binary. A pack is a folder of `.ron` files with a manifest (each file's name,
//! SHA-256, tree id and version, the publisher and the date) signed with Ed25519 in minisign
//! format. The app uses a pack only when its signature verifies against a trusted key, every
//! file matches the manifest and nothing in it is older than the built-in content.

mod keys;
mod manifest;
mod verify;
mod write;

pub use keys::{
    BUILD_KEYS_VARIABLE, KeyPairFiles, PASSWORD_VARIABLE, Protection, TrustedKeys, generate,
    key_id, parse_public_key, read_secret_key,
};
pub use manifest::{MANIFEST_FILE, Manifest, PackFile, SIGNATURE_FILE};
pub(crate) use verify::id_and_version;
pub use verify::{Refusal, Verified, VerifiedFile, compare_versions, verify};
pub use write::{PackRequest, write};

use std::path::{Path, PathBuf};

/// The packs named by `folders`: each is a pack (it holds a manifest) or a folder of packs
/// (each sub-folder with a manifest), in name order.
pub fn find(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut packs = Vec::new();
    for folder in folders {
        if is_pack(folder) {
            packs.push(folder.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(folder) else {
            // Not there (yet): a folder configured before any pack is copied into it.
            continue;
        };
        let mut inside: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_pack(p))
            .collect();
        inside.sort();
        packs.extend(inside);
    }
    packs
}

/// Whether `path` is a pack folder: it holds a manifest or its signature.
fn is_pack(path: &Path) -> bool {
    path.join(MANIFEST_FILE).is_file() || path.join(SIGNATURE_FILE).is_file()
}

//! Writing a pack: `signpost pack DIR --key SECRET_KEY --out PACK`. The files are copied as
//! they are, the manifest lists each with its SHA-256, and the manifest is signed.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use minisign::PublicKey;

use super::keys::{key_id, read_secret_key};
use super::manifest::{MANIFEST_FILE, Manifest, PackFile, SIGNATURE_FILE};
use super::verify::id_and_version;
use crate::tree::provenance::sha256_hex;
use crate::tree::read::{self, MAX_FILE_BYTES};

/// What to pack, and how to sign it.
#[derive(Clone, Debug)]
pub struct PackRequest {
    /// The folder of content: its `.ron` files (trees, `contacts.ron`, `policy.ron`).
    pub source: PathBuf,
    /// The minisign secret key file.
    pub secret_key: PathBuf,
    /// The password of an encrypted secret key (`None`: asked at the terminal).
    pub password: Option<String>,
    /// The pack folder to make; it must not exist yet.
    pub out: PathBuf,
    /// Who signs it, as staff will see it.
    pub signed_by: String,
    /// The day it is published, `YYYY-MM-DD`.
    pub published: String,
}

/// Writes the pack `request` describes; returns its manifest and the signing key's id. The
/// pack appears whole or not at all: it is made in a temporary folder beside `out`, then
/// renamed.
pub fn write(request: &PackRequest) -> Result<(Manifest, String)> {
    if request.out.exists() {
        bail!(
            "{} already exists: give a new folder for the pack",
            request.out.display()
        );
    }
    let sources = ron_files(&request.source)?;
    if sources.is_empty() {
        bail!("{} holds no .ron files to pack", request.source.display());
    }
    let secret = read_secret_key(&request.secret_key, request.password.clone())?;
    let public = PublicKey::from_secret_key(&secret)?;
    let mut files = Vec::new();
    let mut texts = Vec::new();
    for path in &sources {
        let text = read::read_text(path, MAX_FILE_BYTES).map_err(|d| anyhow::anyhow!(d.message))?;
        let (tree, version) = id_and_version(&text);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push(PackFile {
            name: name.clone(),
            sha256: sha256_hex(text.as_bytes()),
            tree,
            version,
        });
        texts.push((name, text));
    }
    let manifest = Manifest {
        format: 1,
        signed_by: request.signed_by.trim().to_string(),
        published: request.published.clone(),
        files,
    };
    if let Some(problem) = manifest.problem() {
        bail!("the pack was not written: {problem} (give --signed-by the team's name)");
    }
    let manifest_text = ron::ser::to_string_pretty(
        &manifest,
        ron::ser::PrettyConfig::default().struct_names(true),
    )?;
    let comment = format!(
        "signpost pack published {}, signed by {}",
        request.published, request.signed_by
    );
    let signature = minisign::sign(
        Some(&public),
        &secret,
        std::io::Cursor::new(manifest_text.as_bytes()),
        Some(&comment),
        Some("signature of a signpost content pack's manifest"),
    )?;
    let temp = temporary_folder(&request.out)?;
    let written = (|| -> Result<()> {
        for (name, text) in &texts {
            std::fs::write(temp.join(name), text)?;
        }
        std::fs::write(temp.join(MANIFEST_FILE), &manifest_text)?;
        std::fs::write(temp.join(SIGNATURE_FILE), signature.to_string())?;
        std::fs::rename(&temp, &request.out)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(e).with_context(|| format!("cannot write the pack {}", request.out.display()));
    }
    Ok((manifest, key_id(public.keynum())))
}

/// The `.ron` files directly in `folder`, sorted.
fn ron_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read the folder {}", folder.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "ron") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A new, empty folder beside `out` to build the pack in.
fn temporary_folder(out: &Path) -> Result<PathBuf> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map_or("pack".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot make the folder {}", parent.display()))?;
    let temp = parent.join(format!(".{name}.{}.partial", std::process::id()));
    std::fs::create_dir(&temp)
        .with_context(|| format!("cannot make the folder {}", temp.display()))?;
    Ok(temp)
}

//! `signpost pack` and `signpost keygen`: publishing an update as a signed content pack.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{KeygenArgs, PackArgs};
use signpost::catalog::{Catalog, Selection};
use signpost::diagnostic::count;
use signpost::pack::{self, PASSWORD_VARIABLE, PackRequest, Protection};

/// Makes a key pair.
pub fn keygen(args: &KeygenArgs) -> Result<ExitCode> {
    let protection = match (args.no_password, std::env::var(PASSWORD_VARIABLE)) {
        (true, _) => Protection::None,
        (false, Ok(password)) => Protection::Password(password),
        (false, Err(_)) => Protection::Ask,
    };
    let files = pack::generate(&args.name, protection)?;
    let mut out = super::stdout();
    writeln!(
        out,
        "Wrote the secret key {} (keep it safe: whoever holds it and its password can publish updates) and the public key {}.",
        files.secret.display(),
        files.public.display()
    )?;
    writeln!(out, "Key id: {}", files.id)?;
    writeln!(
        out,
        "To trust it on staff machines, add it to config.ron (trusted_keys: [\"{}\"]) or build signpost with SIGNPOST_TRUSTED_KEYS={}.",
        files.public_line, files.public_line
    )?;
    super::finish(out, 0)
}

/// Checks a folder of content and writes it as a signed pack.
pub fn pack(args: &PackArgs) -> Result<ExitCode> {
    // Only content that checks is published: the errors, if any, and nothing written.
    let selection = Selection::new(false, vec![args.dir.clone()]).previewing();
    let catalog = Catalog::load(&selection);
    let (errors, _) = count(&catalog.diagnostics);
    if errors > 0 {
        let mut message = String::new();
        for d in catalog.diagnostics.iter().filter(|d| d.is_error()) {
            message.push_str(&d.render());
            message.push('\n');
        }
        message.push_str(&format!(
            "{} has {}: the pack was not written (`signpost check {}` shows every problem)",
            args.dir.display(),
            signpost::diagnostic::plural(errors, "error"),
            args.dir.display()
        ));
        anyhow::bail!(super::Exit { code: 1, message });
    }
    let published = args
        .published
        .unwrap_or_else(signpost::tree::today)
        .format("%Y-%m-%d")
        .to_string();
    let request = PackRequest {
        source: args.dir.clone(),
        secret_key: args.key.clone(),
        password: std::env::var(PASSWORD_VARIABLE).ok(),
        out: args.out.clone(),
        signed_by: args.signed_by.clone(),
        published,
    };
    let (manifest, key_id) = pack::write(&request)?;
    let contents: Vec<String> = manifest
        .files
        .iter()
        .map(|f| match (&f.tree, &f.version) {
            (Some(id), Some(version)) => format!("{id} {version}"),
            (None, Some(version)) => format!("{} {version}", f.name),
            _ => f.name.clone(),
        })
        .collect();
    let mut out = super::stdout();
    writeln!(
        out,
        "Wrote the pack {}: {} ({}), signed by {} with key {key_id}, published {}.",
        args.out.display(),
        signpost::diagnostic::plural(manifest.files.len(), "file"),
        contents.join(", "),
        manifest.signed_by,
        manifest.published
    )?;
    writeln!(
        out,
        "Staff machines use it once it is in a folder listed in their config.ron's `packs` and the key is trusted; `signpost check --pack {}` verifies it as they will.",
        args.out.display()
    )?;
    super::finish(out, 0)
}

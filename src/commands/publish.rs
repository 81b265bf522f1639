//! `signpost publish`: every loaded tree as a web page, and an index page, written into a
//! folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{Global, PublishArgs};
use signpost::publish;
use signpost::record::write_atomically;

/// Runs the command.
pub fn run(global: &Global, args: &PublishArgs) -> Result<ExitCode> {
    let catalog = super::catalog(global);
    if catalog.trees.is_empty() {
        anyhow::bail!("no trees are loaded, so there is nothing to publish");
    }
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot make the folder {}", args.out.display()))?;
    let mut written = Vec::new();
    for (name, html) in publish::site(&catalog.trees) {
        let path = args.out.join(name);
        write_atomically(&path, &html)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    warn_of_other_pages(&args.out, &written);
    let mut out = super::stdout();
    let bytes: u64 = written
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    for path in &written {
        writeln!(out, "{}", path.display())?;
    }
    writeln!(
        out,
        "{} pages, {} KB in all: open index.html in a browser, or copy the folder to any web server or shared drive.",
        written.len(),
        bytes.div_ceil(1024)
    )?;
    super::finish(out, 0)
}

/// Says which pages in `folder` this run did not write: pages of trees no longer loaded stay
/// reachable by their address until someone removes them, and nothing here deletes a file.
fn warn_of_other_pages(folder: &Path, written: &[PathBuf]) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let mut others: Vec<String> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "html") && !written.contains(path))
        .filter_map(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    if others.is_empty() {
        return;
    }
    others.sort();
    eprintln!(
        "signpost: {} also holds {}, which this run did not write (the page of a tree no longer loaded?): remove what should no longer be read",
        folder.display(),
        others.join(", ")
    );
}

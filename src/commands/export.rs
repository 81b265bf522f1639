//! `signpost export`: a tree as a Mermaid flowchart, a Graphviz graph, a Markdown handbook or a
//! web page.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{ExportArgs, ExportFormat, Global};
use signpost::tree::export;

/// Runs the command.
pub fn run(global: &Global, args: &ExportArgs) -> Result<ExitCode> {
    let tree = super::resolve_tree(global, &args.tree)?;
    let text = match args.format {
        ExportFormat::Mermaid => export::mermaid(&tree),
        ExportFormat::Dot => export::dot(&tree),
        ExportFormat::Markdown => export::markdown(&tree),
        ExportFormat::Html => signpost::publish::page(&tree),
    };
    let mut out = super::stdout();
    out.write_all(text.as_bytes())?;
    super::finish(out, 0)
}

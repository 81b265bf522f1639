//! `signpost cheatsheet`: one printable page for new starters, derived from the loaded trees by
//! [`signpost::cheatsheet`].

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CheatsheetArgs, CheatsheetFormat, Global};

/// Runs the command.
pub fn run(global: &Global, args: &CheatsheetArgs) -> Result<ExitCode> {
    let order = super::resolve_tree(global, &args.order_tree)?;
    let apps = super::resolve_tree(global, &args.apps_tree)?;
    let page = signpost::cheatsheet::page(&order, &apps);
    let mut out = super::stdout();
    match args.format {
        CheatsheetFormat::Markdown => write!(out, "{}", page.markdown())?,
        CheatsheetFormat::Text => write!(out, "{}", page.text())?,
        CheatsheetFormat::Html => write!(out, "{}", page.html())?,
    }
    super::finish(out, 0)
}

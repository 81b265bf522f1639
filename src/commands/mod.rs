//! The commands behind the CLI. Each returns the process exit code; errors carry context for
//! `main` to print.

pub mod app;
pub mod ask;
pub mod cheatsheet;
pub mod check;
pub mod diff;
pub mod export;
pub mod lookup;
pub mod pack;
pub mod policy;
pub mod publish;
pub mod quiz;
pub mod table;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::Global;
use signpost::catalog::{Catalog, Selection};
use signpost::config::Config;
use signpost::diagnostic::{Code, Diagnostic, count, plural};
use signpost::tree::Tree;

/// Exit code for a usage error (unknown tree, bad answer): the same as clap's.
pub const USAGE: u8 = 2;

/// An error that maps to a specific exit code, printed as-is.
#[derive(Debug)]
pub struct Exit {
    /// The code.
    pub code: u8,
    /// What to print on stderr.
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// Why a tree has too many answer paths to list: more than `max` paths, or (with
/// `max_answers`) more answers over all of them than can be held at once. `None` when it is fine.
pub fn too_many_paths(tree: &Tree, max: u128, max_answers: Option<u128>) -> Option<String> {
    too_many_paths_from(tree, tree.start, max, max_answers)
}

/// [`too_many_paths`] for the ways on from `start`.
fn too_many_paths_from(
    tree: &Tree,
    start: signpost::tree::NodeId,
    max: u128,
    max_answers: Option<u128>,
) -> Option<String> {
    let totals = signpost::tree::paths::path_totals_from(tree, start);
    let about = |n: u128| match n {
        u128::MAX => "more than 10^38".to_string(),
        n => format!("as many as {n}"),
    };
    if totals.paths > max {
        return Some(format!(
            "the tree \"{}\" has {} answer paths, more than {max}",
            tree.id,
            about(totals.paths)
        ));
    }
    let limit = max_answers?;
    (totals.answers > limit).then(|| {
        format!(
            "the tree \"{}\" has {} answers over its {} answer paths, more than {limit}",
            tree.id,
            about(totals.answers),
            totals.paths
        )
    })
}

/// Refuses a tree with more than `max` answer paths (counted by its shape, before any is
/// listed): listing them all would take more time and output than anyone has (exit 2).
pub fn check_path_count(
    tree: &Tree,
    start: signpost::tree::NodeId,
    max: u128,
    flag: &str,
) -> Result<()> {
    match too_many_paths_from(tree, start, max, None) {
        Some(why) => Err(Exit {
            code: USAGE,
            message: format!(
                "{why}, the most {flag} lists: use `--from NODE` to list only the paths on from one question, `--max-paths N` to allow more, or split the tree"
            ),
        }
        .into()),
        None => Ok(()),
    }
}

/// The shipped trees plus the config's, the user's and `--trees` paths. Problems with the
/// config file, and tree files that did not load, are reported on standard error, one line
/// each (the full-screen app shows them in its banner instead).
pub fn catalog(global: &Global) -> Catalog {
    catalog_of(global, None)
}

/// [`catalog`], with only the local tree files that declare `only` loaded in full.
fn catalog_of(global: &Global, only: Option<&str>) -> Catalog {
    let config = Config::load();
    let mut selection = Selection::new(true, tree_paths(global, &config))
        .with_packs(&config.packs, &config.trusted_keys);
    if let Some(id) = only {
        selection = selection.only(id);
    }
    let catalog = Catalog::load(&selection);
    // Said once, however many times a command loads the trees (`diff` loads both versions).
    static REPORTED: std::sync::Once = std::sync::Once::new();
    REPORTED.call_once(|| {
        let _ = report_load_problems(&mut io::stderr().lock(), &config.problems, &catalog);
    });
    catalog
}

/// One line per problem with the config file (the defaults stand in for what is broken)
/// and per error that kept a file out: `signpost: config.ron:2:3: error[E040]: … — …`.
pub fn report_load_problems(
    out: &mut impl Write,
    config: &[Diagnostic],
    catalog: &Catalog,
) -> io::Result<()> {
    for problem in config {
        writeln!(
            out,
            "signpost: {} — the defaults are used for what is broken in the config file",
            problem.short()
        )?;
    }
    for refused in &catalog.refused_packs {
        writeln!(out, "signpost: {}", refused.short())?;
    }
    for problem in catalog.diagnostics.iter().filter(|d| d.is_error()) {
        writeln!(
            out,
            "signpost: {} — this file is left out; `signpost check {}` shows the details",
            problem.short(),
            problem.file
        )?;
    }
    Ok(())
}

/// Where trees come from beyond the shipped ones, in order: `config.ron`'s `trees`, the user's
/// data folder's `trees/`, then `--trees`. The app and the plain mode see the same trees.
pub fn tree_paths(global: &Global, config: &Config) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = config.trees.clone();
    if let Ok(dir) = signpost::paths::data_dir() {
        let user_trees = dir.join("trees");
        if user_trees.is_dir() {
            paths.push(user_trees);
        }
    }
    paths.extend(global.trees.iter().cloned());
    paths
}

/// Whether a TREE argument names a file rather than a tree id.
pub fn is_path(arg: &str) -> bool {
    arg.ends_with(".ron")
        || arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || Path::new(arg).is_file()
}

/// Loads the tree a TREE argument names: a `.ron` file, or the id of a loaded tree.
/// A broken file prints its diagnostics and fails.
pub fn resolve_tree(global: &Global, arg: &str) -> Result<Tree> {
    resolve(global, arg, false).map(|(tree, _)| tree)
}

/// [`resolve_tree`], also accepting a file whose only errors are broken policy rules (E053):
/// the tree as written comes back with those diagnostics, for `diff` to show what the breach
/// does.
pub fn resolve_tree_with_breaches(global: &Global, arg: &str) -> Result<(Tree, Vec<Diagnostic>)> {
    resolve(global, arg, true)
}

fn resolve(global: &Global, arg: &str, allow_breaches: bool) -> Result<(Tree, Vec<Diagnostic>)> {
    if is_path(arg) {
        // A tree named by its path is the author's explicit preview of it.
        let mut selection = Selection::new(false, global.trees.clone()).previewing();
        selection.paths.push(PathBuf::from(arg));
        let catalog = Catalog::load(&selection);
        let wanted = PathBuf::from(arg).display().to_string();
        if let Some(i) = catalog.tree_sources.iter().position(|f| f.name == wanted) {
            let tree = &catalog.trees[i];
            refuse_broken_neighbours(&catalog, tree)?;
            return Ok((tree.clone(), Vec::new()));
        }
        let broken = catalog.broken.iter().find(|b| b.file == wanted);
        if allow_breaches
            && let Some(broken) = broken
            && let Some(tree) = &broken.breaking
        {
            let breaches = broken
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::RuleBroken)
                .cloned()
                .collect();
            return Ok((tree.clone(), breaches));
        }
        let diagnostics: Vec<_> = catalog
            .diagnostics
            .iter()
            .filter(|d| d.file == wanted)
            .cloned()
            .collect();
        let mut message = String::new();
        for d in &diagnostics {
            message.push_str(&d.render());
            message.push('\n');
        }
        let (errors, _) = count(&diagnostics);
        message.push_str(&format!(
            "{wanted} could not be loaded ({})",
            plural(errors, "error")
        ));
        bail!(Exit { code: 1, message });
    }
    // Only the files that declare this id are parsed; every tree is loaded only to say what
    // the ids are when none has it.
    let found = catalog_of(global, Some(arg));
    if let Some(tree) = found.tree(arg) {
        refuse_broken_neighbours(&found, tree)?;
        return Ok((tree.clone(), Vec::new()));
    }
    let catalog = catalog(global);
    match catalog.tree(arg) {
        Some(tree) => {
            refuse_broken_neighbours(&catalog, tree)?;
            Ok((tree.clone(), Vec::new()))
        }
        None => {
            let ids: Vec<&str> = catalog.trees.iter().map(|t| t.id.as_str()).collect();
            let hint = match crate::cli::closest_command(arg) {
                Some(command) => format!(" Did you mean the command `signpost {command}`?"),
                None => ids
                    .iter()
                    .map(|id| (strsim::jaro_winkler(arg, id), *id))
                    .filter(|(score, _)| *score >= 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map_or(String::new(), |(_, id)| format!(" Did you mean \"{id}\"?")),
            };
            bail!(Exit {
                code: USAGE,
                message: format!(
                    "no tree with the id \"{arg}\"; the trees are: {}.{hint}",
                    ids.join(", ")
                )
            })
        }
    }
}

/// Fails (exit 1, with its diagnostics) when the `contacts.ron` or `policy.ron` beside `tree`
/// did not load: the tree would otherwise be shown with the shipped contacts or policy in their
/// place, silently — a file with errors is never half-used.
fn refuse_broken_neighbours(catalog: &Catalog, tree: &Tree) -> Result<()> {
    let broken = catalog.broken_neighbours(tree);
    if broken.is_empty() {
        return Ok(());
    }
    let mut message = String::new();
    for d in &broken {
        message.push_str(&d.render());
        message.push('\n');
    }
    message.push_str(&format!(
        "{} could not be used: {}, which it depends on, could not be loaded — fix it and try again",
        tree.origin, broken[0].file
    ));
    bail!(Exit { code: 1, message })
}

/// Standard output, buffered.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::new(io::stdout().lock())
}

/// Flushes and turns a code into an `ExitCode`.
pub fn finish(mut out: impl Write, code: u8) -> Result<ExitCode> {
    out.flush()?;
    Ok(ExitCode::from(code))
}

/// `signpost records`: the saved decision records, newest first (date, tree, verdict,
/// headline, note), as text or JSON; `records show N` prints record N.
pub fn records(args: &crate::cli::RecordsArgs) -> Result<ExitCode> {
    let dir = signpost::record::records_dir()?;
    let records = signpost::records::list(&dir)?;
    let mut out = stdout();
    if let Some(crate::cli::RecordsShow::Show { number }) = args.show {
        let Some(record) = number.checked_sub(1).and_then(|i| records.get(i)) else {
            bail!(Exit {
                code: USAGE,
                message: format!(
                    "there is no record {number}: `signpost records` lists {}",
                    plural(records.len(), "record")
                ),
            });
        };
        let text = std::fs::read_to_string(&record.path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", record.path.display()))?;
        write!(out, "{text}")?;
        return finish(out, 0);
    }
    if args.format == crate::cli::LookupFormat::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&records)?)?;
        return finish(out, 0);
    }
    if records.is_empty() {
        writeln!(
            out,
            "No decision records yet. Save one with `s` on an outcome; they are kept in {}",
            dir.display()
        )?;
    }
    for (i, record) in records.iter().enumerate() {
        writeln!(
            out,
            "{}. {} · {} · {} — {}",
            i + 1,
            record.date,
            record.tree,
            record.verdict,
            record.headline
        )?;
        if let Some(note) = &record.note {
            writeln!(out, "   Note: {note}")?;
        }
        writeln!(out, "   {}", record.path.display())?;
    }
    finish(out, 0)
}

/// `signpost completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    use clap::CommandFactory;
    let mut out = stdout();
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "signpost", &mut out);
    finish(out, 0)
}

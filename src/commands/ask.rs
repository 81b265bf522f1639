//! `signpost ask` and the plain-mode fallback: a line-based walk, or a scripted one with
//! `--answer`.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Exit;
use crate::cli::{AskArgs, Global, ReportFormat};
use signpost::config::Config;
use signpost::plain;
use signpost::record::{self, Report, Stamp};
use signpost::script::{Script, ScriptError};
use signpost::session::{AnswerError, Session};
use signpost::tree::Tree;

/// Exit code when the answers run out before an outcome.
const INCOMPLETE: u8 = 3;

/// Runs the command.
pub fn run(global: &Global, args: &AskArgs) -> Result<ExitCode> {
    if !args.answers.is_empty() && args.brief {
        bail!(usage(
            "--brief applies to a walk, where guidance is read at each question: leave out --answer, or --brief"
        ));
    }
    if !args.answers.is_empty() {
        let Some(tree_arg) = args.tree.as_deref() else {
            bail!(usage(
                "give the tree to answer, e.g. `signpost ask share --answer 1`"
            ));
        };
        let tree = super::resolve_tree(global, tree_arg)?;
        let stamp = Stamp {
            decided_by: Config::load().name,
            ..Stamp::default()
        }
        .with_note(args.note.as_deref().unwrap_or(""));
        return scripted(&tree, &args.answers, args.format, stamp);
    }
    if args.note.is_some() {
        bail!(usage(
            "--note applies to scripted runs: give the answers with --answer (in a walk, the note is asked for when you save)"
        ));
    }
    if args.format != ReportFormat::Text {
        // A script asking for JSON must not silently get a line-based walk instead.
        bail!(usage(
            "--format applies to scripted runs: give the answers with --answer, e.g. `signpost ask share --answer 1 --format json`"
        ));
    }
    interactive(global, args.tree.as_deref(), args.brief)
}

/// What went wrong with `--answer`, as a sentence that says how to fix it.
fn script_error(tree: &Tree, session: &Session, error: ScriptError) -> String {
    match error {
        ScriptError::TooMany(value) => {
            format!("too many answers: \"{value}\" comes after the outcome was reached")
        }
        ScriptError::FactNotAsked(fact) => format!(
            "\"{fact}\" was given, but no question on the path these answers take asks for it: remove it, or check the other answers"
        ),
        ScriptError::NotAnAnswer { given, error } => {
            let node = tree.node(session.current());
            let reason = match error {
                AnswerError::Ambiguous(labels) => format!(
                    "\"{given}\" could be {}: type more of the label, or its number",
                    labels.join(" or ")
                ),
                _ if node.checklist_items().is_some() => format!(
                    "\"{given}\" is not a list of its items (numbers or labels separated by commas, or \"none\")"
                ),
                _ => format!("\"{given}\" is not one of the answers"),
            };
            let mut message = format!("At \"{}\": {reason}. Valid answers:\n", node.title());
            for (i, label) in node.answer_labels().iter().enumerate() {
                message.push_str(&format!("  {}. {label}\n", i + 1));
            }
            message.trim_end().to_string()
        }
    }
}

/// A usage error (exit 2) with `message`.
fn usage(message: &str) -> Exit {
    Exit {
        code: super::USAGE,
        message: message.to_string(),
    }
}

/// The line-based walk on `tree` (or on a tree chosen at a prompt).
pub fn interactive(global: &Global, tree_arg: Option<&str>, brief: bool) -> Result<ExitCode> {
    let stdin = io::stdin();
    // Answers from a pipe are written back after each prompt, so a log shows them.
    let echo = !stdin.is_terminal();
    let mut input = stdin.lock();
    let mut out = super::stdout();
    let tree = match tree_arg {
        Some(arg) => super::resolve_tree(global, arg)?,
        None => {
            let catalog = super::catalog(global);
            match choose_tree(&catalog.trees, &mut input, &mut out, echo)? {
                Some(i) => catalog.trees[i].clone(),
                None => return super::finish(out, 0),
            }
        }
    };
    let records = record::records_dir()?;
    let listening = plain::Listening {
        brief,
        echo,
        decided_by: Config::load().name,
    };
    plain::walk(&tree, &mut input, &mut out, &records, listening)?;
    super::finish(out, 0)
}

/// Lists the trees and reads a choice. `None` when the person quits or input ends.
fn choose_tree(
    trees: &[Tree],
    input: &mut impl BufRead,
    out: &mut impl Write,
    echo: bool,
) -> io::Result<Option<usize>> {
    if trees.is_empty() {
        writeln!(out, "No trees are loaded.")?;
        return Ok(None);
    }
    writeln!(out, "Which question do you need answered?")?;
    for (i, tree) in trees.iter().enumerate() {
        writeln!(out, "  {}. {} ({})", i + 1, tree.title, tree.summary)?;
    }
    plain::walk::choose(
        input,
        out,
        trees.len(),
        |typed| trees.iter().position(|t| t.id == typed),
        "",
        echo,
    )
}

/// Applies `answers` (in order, or as `key=value` facts) and prints the outcome.
fn scripted(
    tree: &Tree,
    answers: &[String],
    format: ReportFormat,
    stamp: Stamp,
) -> Result<ExitCode> {
    let mut session = Session::new(tree);
    if let Err(error) = Script::new(tree, answers).run(tree, &mut session) {
        bail!(usage(&script_error(tree, &session, error)));
    }
    let mut out = super::stdout();
    let Some(report) = Report::of(tree, &session).map(|r| r.stamped(stamp)) else {
        let node = tree.node(session.current());
        if format == ReportFormat::Json {
            let pending = serde_json::json!({
                "tree": {"id": tree.id, "version": tree.version, "provenance": tree.provenance.to_json()},
                "answers": signpost::record::answers(tree, session.steps()).iter().map(|(q, a)| serde_json::json!({"question": q, "answer": a})).collect::<Vec<_>>(),
                "pending": {"question": node.title(), "options": node.answer_labels(), "several": node.checklist_items().is_some()},
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&pending)?)?;
        } else {
            writeln!(
                out,
                "The answers ran out before an outcome. Next question: {}",
                node.title()
            )?;
            plain::write_options(&mut out, node)?;
        }
        return super::finish(out, INCOMPLETE);
    };
    match format {
        ReportFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?
        }
        ReportFormat::Markdown => write!(out, "{}", report.to_markdown(chrono::Local::now()))?,
        ReportFormat::Text => plain::write_outcome(&mut out, &report)?,
    }
    super::finish(out, 0)
}

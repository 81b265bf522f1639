//! `signpost diff`: what a change to a tree does to people's answers, as text, a Markdown
//! review comment or JSON. Exits 1 when any answer path's outcome changed, 2 when the new version
//! breaks a policy rule or a version cannot be loaded.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::Exit;
use crate::cli::{DiffArgs, DiffFormat, Global};
use signpost::diagnostic::{Diagnostic, plural};
use signpost::tree::Tree;
use signpost::tree::diff::{
    Item, MovedAnswer, OutcomeNodeChange, OutcomeRef, PathChange, TextChange, TreeDiff, diff,
    diff_by_node,
};
use signpost::tree::export::{markdown_code, markdown_inline};

/// Exit code when the new version breaks a policy rule or a version cannot be loaded.
const BROKEN: u8 = 2;

/// The most answers (over all answer paths of one version) compared path by path; beyond, the
/// versions are compared node by node. Paths are held in memory to be paired.
const MAX_ANSWERS: u128 = 5_000_000;

/// Runs the command.
pub fn run(global: &Global, args: &DiffArgs) -> Result<ExitCode> {
    let (old, _) = load(global, &args.old, "old")?;
    let (new, breaches) = load(global, &args.new, "new")?;
    // Too many paths, or paths too long, to hold them all: compare node by node instead.
    let too_many = [&old, &new]
        .iter()
        .find_map(|tree| super::too_many_paths(tree, args.max_paths, Some(MAX_ANSWERS)));
    let report = match too_many {
        Some(why) => diff_by_node(&old, &new, why),
        None => diff(&old, &new),
    };
    let mut out = super::stdout();
    match args.format {
        DiffFormat::Text => {
            write_text(&mut out, (&args.old, &old), (&args.new, &new), &report)?;
            write_breaches_text(&mut out, &breaches)?;
        }
        DiffFormat::Markdown => {
            write_markdown(&mut out, &old, &new, &report)?;
            write_breaches_markdown(&mut out, &breaches)?;
        }
        DiffFormat::Json if breaches.is_empty() => {
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?
        }
        DiffFormat::Json => {
            let mut value = serde_json::to_value(&report)?;
            value["broken_rules"] = breaches.iter().map(Diagnostic::to_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?
        }
    }
    let code = if !breaches.is_empty() {
        BROKEN
    } else {
        u8::from(report.outcomes_changed())
    };
    super::finish(out, code)
}

/// Loads one version; a broken file keeps its diagnostics and says which side failed (exit 2).
/// The new version may break a policy rule: it is still compared, and the breaches come back.
fn load(global: &Global, arg: &str, side: &str) -> Result<(Tree, Vec<Diagnostic>)> {
    let loaded = if side == "new" {
        super::resolve_tree_with_breaches(global, arg)
    } else {
        super::resolve_tree(global, arg).map(|tree| (tree, Vec::new()))
    };
    loaded.map_err(|error| match error.downcast::<Exit>() {
        Ok(exit) => anyhow::Error::new(Exit {
            code: BROKEN,
            message: format!(
                "{}\nnothing was compared: the {side} version ({arg}) could not be loaded",
                exit.message
            ),
        }),
        Err(other) => other.context(format!("cannot load the {side} version ({arg})")),
    })
}

/// The policy rules the new version breaks, one line each.
fn write_breaches_text(out: &mut impl Write, breaches: &[Diagnostic]) -> Result<()> {
    if breaches.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nPOLICY RULES BROKEN by the new version ({}):",
        breaches.len()
    )?;
    for d in breaches {
        writeln!(out, "  {}", d.short())?;
    }
    Ok(())
}

fn write_breaches_markdown(out: &mut impl Write, breaches: &[Diagnostic]) -> Result<()> {
    if breaches.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### ⚠ Policy rules broken by the new version\n")?;
    for d in breaches {
        writeln!(out, "- {}", markdown_inline(&d.short()))?;
    }
    Ok(())
}

/// The answers of a path as people read them.
fn answers(labels: &[String]) -> String {
    if labels.is_empty() {
        "(no answers: the tree starts on an outcome)".to_string()
    } else {
        labels.join(" › ")
    }
}

/// `Use Microsoft Teams (RECOMMENDED)`.
fn outcome_text(outcome: &OutcomeRef) -> String {
    format!("{} ({})", outcome.title, outcome.verdict.label())
}

/// A node added or removed, or a path's answers and outcome.
fn item_text(item: &Item) -> String {
    match item {
        Item::Path {
            answers: a,
            outcome,
            ..
        } => format!("{}: {}", answers(a), outcome_text(outcome)),
        Item::Question { id, title } => format!("question \"{id}\": {title}"),
        Item::Route { id } => format!("route \"{id}\""),
        Item::Outcome { id, title, verdict } => {
            format!("outcome \"{id}\": {title} ({})", verdict.label())
        }
    }
}

/// Where a text change is: `node "teams", passage 1 quote` or `tree, version`.
fn change_place(change: &TextChange) -> String {
    let place = match &change.node {
        Some(id) => format!("node \"{id}\""),
        None => "tree".to_string(),
    };
    format!("{place}, {}", change.field.describe(change.index))
}

/// The old and new text as `-`/`+` lines, continuation lines indented, each prefixed.
fn before_after(change: &TextChange, indent: &str) -> String {
    let mut out = String::new();
    for (sign, text) in [("-", &change.before), ("+", &change.after)] {
        let Some(text) = text else { continue };
        for (i, line) in text.lines().enumerate() {
            let mark = if i == 0 { sign } else { " " };
            out.push_str(&format!("{indent}{mark} {line}\n"));
        }
    }
    out
}

fn paths(items: &[Item]) -> Vec<&Item> {
    items
        .iter()
        .filter(|i| matches!(i, Item::Path { .. }))
        .collect()
}

fn nodes(items: &[Item]) -> Vec<&Item> {
    items
        .iter()
        .filter(|i| !matches!(i, Item::Path { .. }))
        .collect()
}

/// "1 answer path changes its outcome." or "No answer path changes its outcome."
fn headline(report: &TreeDiff) -> String {
    if let Some(by_node) = &report.by_node {
        return format!(
            "Compared node by node: {} leading elsewhere, {} changed.",
            plural(by_node.moved.len(), "answer"),
            plural(by_node.outcome_nodes.len(), "outcome")
        );
    }
    match report.changed.len() {
        0 => "No answer path changes its outcome.".to_string(),
        1 => "1 answer path changes its outcome.".to_string(),
        n => format!("{n} answer paths change their outcome."),
    }
}

/// "1 path added, 0 paths removed, …".
fn counts(report: &TreeDiff) -> String {
    format!(
        "{} added, {} removed, {} added, {} removed, {}",
        plural(paths(&report.added).len(), "path"),
        plural(paths(&report.removed).len(), "path"),
        plural(nodes(&report.added).len(), "node"),
        plural(nodes(&report.removed).len(), "node"),
        plural(report.text_changes.len(), "wording change"),
    )
}

fn version(tree: &Tree) -> String {
    format!("{} {}", tree.id, tree.version)
}

/// The changed paths not already listed as more permissive.
fn other_changes(report: &TreeDiff) -> Vec<PathChange> {
    report
        .changed
        .iter()
        .filter(|c| !report.more_permissive.contains(c))
        .cloned()
        .collect()
}

/// "  answers: before → after", one line per change; a change paired with a shorter or longer
/// path of the old version says which.
fn write_changes(out: &mut impl Write, changes: &[PathChange]) -> Result<()> {
    for change in changes {
        let (mut before, mut after) = (outcome_text(&change.before), outcome_text(&change.after));
        if before == after {
            // Two outcomes that read the same: tell them apart by id.
            before = format!("{before} [{}]", change.before.id);
            after = format!("{after} [{}]", change.after.id);
        }
        writeln!(out, "  {}: {before} → {after}", answers(&change.answers))?;
        if let Some(old) = &change.old_answers {
            writeln!(out, "    (the old version's path: {})", answers(old))?;
        }
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    (old_name, old): (&str, &Tree),
    (new_name, new): (&str, &Tree),
    report: &TreeDiff,
) -> Result<()> {
    writeln!(
        out,
        "Comparing {old_name} ({}) with {new_name} ({})",
        version(old),
        version(new)
    )?;
    if let Some(by_node) = &report.by_node {
        writeln!(
            out,
            "Compared node by node, not answer path by answer path: {}.",
            by_node.why
        )?;
    }
    if report.is_empty() {
        writeln!(out, "\nNo differences.")?;
        return Ok(());
    }
    write_node_changes_text(out, report)?;
    if !report.more_permissive.is_empty() {
        writeln!(
            out,
            "\nMORE PERMISSIVE ({}) — review these first:",
            plural(report.more_permissive.len(), "answer path")
        )?;
        write_changes(out, &report.more_permissive)?;
    }
    let others = other_changes(report);
    if !others.is_empty() {
        let heading = if report.more_permissive.is_empty() {
            "Outcomes changed"
        } else {
            "Other outcomes changed"
        };
        writeln!(
            out,
            "\n{heading} ({}):",
            plural(others.len(), "answer path")
        )?;
        write_changes(out, &others)?;
    }
    if !report.unreachable.is_empty() {
        writeln!(
            out,
            "\nNo longer reachable from the start ({}): {}",
            report.unreachable.len(),
            report
                .unreachable
                .iter()
                .map(|id| format!("\"{id}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let lists = [
        ("Answer paths added", "+", paths(&report.added)),
        ("Answer paths removed", "-", paths(&report.removed)),
        ("Nodes added", "+", nodes(&report.added)),
        ("Nodes removed", "-", nodes(&report.removed)),
    ];
    for (heading, sign, items) in lists {
        if !items.is_empty() {
            writeln!(out, "\n{heading} ({}):", items.len())?;
            for item in items {
                writeln!(out, "  {sign} {}", item_text(item))?;
            }
        }
    }
    if !report.path_text_changes.is_empty() {
        writeln!(
            out,
            "\nConditional text changed ({}):",
            plural(report.path_text_changes.len(), "answer path")
        )?;
        for change in &report.path_text_changes {
            writeln!(out, "  {} [{}]:", answers(&change.answers), change.outcome)?;
            for text in &change.shown {
                writeln!(out, "    + {text}")?;
            }
            for text in &change.hidden {
                writeln!(out, "    - {text}")?;
            }
        }
    }
    if !report.text_changes.is_empty() {
        writeln!(out, "\nWording changed ({}):", report.text_changes.len())?;
        for change in &report.text_changes {
            write!(
                out,
                "  {}:\n{}",
                change_place(change),
                before_after(change, "    ")
            )?;
        }
    }
    writeln!(out, "\n{} {}.", headline(report), counts(report))?;
    Ok(())
}

/// Compared node by node: outcomes whose verdict or headline changed (more permissive first)
/// and answers that now lead elsewhere.
fn write_node_changes_text(out: &mut impl Write, report: &TreeDiff) -> Result<()> {
    let (permissive, others) = outcome_nodes_split(report);
    for (heading, changes) in [
        ("MORE PERMISSIVE OUTCOMES — review these first", permissive),
        ("Outcomes changed", others),
    ] {
        if !changes.is_empty() {
            writeln!(out, "\n{heading} ({}):", changes.len())?;
            for change in changes {
                writeln!(
                    out,
                    "  \"{}\": {} → {}",
                    change.after.id,
                    outcome_text(&change.before),
                    outcome_text(&change.after)
                )?;
            }
        }
    }
    let moved = moved_answers(report);
    if !moved.is_empty() {
        writeln!(out, "\nAnswers that now lead elsewhere ({}):", moved.len())?;
        for moved in moved {
            writeln!(out, "  {}", moved_text(moved))?;
        }
    }
    Ok(())
}

/// The outcome nodes that changed: the more permissive ones, then the rest.
fn outcome_nodes_split(report: &TreeDiff) -> (Vec<&OutcomeNodeChange>, Vec<&OutcomeNodeChange>) {
    report
        .by_node
        .iter()
        .flat_map(|b| &b.outcome_nodes)
        .partition(|c| c.more_permissive)
}

/// The answers that now lead elsewhere (compared node by node).
fn moved_answers(report: &TreeDiff) -> &[MovedAnswer] {
    report.by_node.as_ref().map_or(&[], |b| &b.moved)
}

/// `"who" › "SECRET": "secret-or-above" → "route-teams"`.
fn moved_text(moved: &MovedAnswer) -> String {
    let end = |id: &Option<String>, missing: &str| match id {
        Some(id) => format!("\"{id}\""),
        None => missing.to_string(),
    };
    format!(
        "\"{}\" › {}: {} → {}",
        moved.node,
        moved.answer,
        end(&moved.before, "(a new answer)"),
        end(&moved.after, "(answer removed)")
    )
}

/// A Markdown table cell for an outcome: `RECOMMENDED: Use Microsoft Teams (`teams`)`.
fn outcome_cell(outcome: &OutcomeRef) -> String {
    format!(
        "{}: {} ({})",
        outcome.verdict.label(),
        markdown_inline(&outcome.title),
        markdown_code(&outcome.id)
    )
}

fn answers_cell(labels: &[String]) -> String {
    markdown_inline(&answers(labels))
}

fn write_markdown(out: &mut impl Write, old: &Tree, new: &Tree, report: &TreeDiff) -> Result<()> {
    let new_version = if old.id == new.id {
        markdown_inline(&new.version)
    } else {
        format!(
            "{} {}",
            markdown_code(&new.id),
            markdown_inline(&new.version)
        )
    };
    writeln!(
        out,
        "### signpost diff: {} {} → {new_version}\n",
        markdown_code(&old.id),
        markdown_inline(&old.version),
    )?;
    writeln!(out, "**{}** {}.", headline(report), counts(report))?;
    if let Some(by_node) = &report.by_node {
        writeln!(
            out,
            "\nCompared node by node, not answer path by answer path: {}.",
            markdown_inline(&by_node.why)
        )?;
    }
    let (permissive, changed) = outcome_nodes_split(report);
    for (heading, changes) in [
        (
            "⚠ More permissive outcomes — review these first",
            permissive,
        ),
        ("Outcomes changed", changed),
    ] {
        if !changes.is_empty() {
            writeln!(out, "\n#### {heading}\n")?;
            writeln!(out, "| Before | After |\n|---|---|")?;
            for change in changes {
                writeln!(
                    out,
                    "| {} | {} |",
                    outcome_cell(&change.before),
                    outcome_cell(&change.after)
                )?;
            }
        }
    }
    let moved = moved_answers(report);
    if !moved.is_empty() {
        writeln!(out, "\n#### Answers that now lead elsewhere\n")?;
        for moved in moved {
            writeln!(out, "- {}", markdown_inline(&moved_text(moved)))?;
        }
    }
    let others = other_changes(report);
    let others_heading = if report.more_permissive.is_empty() {
        "Outcomes changed"
    } else {
        "Other outcomes changed"
    };
    for (heading, changes) in [
        (
            "⚠ More permissive — review these first",
            &report.more_permissive,
        ),
        (others_heading, &others),
    ] {
        if changes.is_empty() {
            continue;
        }
        writeln!(out, "\n#### {heading}\n")?;
        writeln!(out, "| Answers | Before | After |\n|---|---|---|")?;
        for change in changes {
            let answers = match &change.old_answers {
                Some(old) => format!(
                    "{} (old version: {})",
                    answers_cell(&change.answers),
                    answers_cell(old)
                ),
                None => answers_cell(&change.answers),
            };
            writeln!(
                out,
                "| {answers} | {} | {} |",
                outcome_cell(&change.before),
                outcome_cell(&change.after)
            )?;
        }
    }
    if !report.unreachable.is_empty() {
        writeln!(out, "\n#### No longer reachable from the start\n")?;
        for id in &report.unreachable {
            writeln!(out, "- {}", markdown_code(id))?;
        }
    }
    for (heading, items) in [
        ("Answer paths added", paths(&report.added)),
        ("Answer paths removed", paths(&report.removed)),
    ] {
        if !items.is_empty() {
            writeln!(out, "\n#### {heading}\n")?;
            writeln!(out, "| Answers | Outcome |\n|---|---|")?;
            for item in items {
                if let Item::Path {
                    answers, outcome, ..
                } = item
                {
                    writeln!(
                        out,
                        "| {} | {} |",
                        answers_cell(answers),
                        outcome_cell(outcome)
                    )?;
                }
            }
        }
    }
    for (heading, items) in [
        ("Nodes added", nodes(&report.added)),
        ("Nodes removed", nodes(&report.removed)),
    ] {
        if !items.is_empty() {
            writeln!(out, "\n#### {heading}\n")?;
            for item in items {
                writeln!(out, "- {}", node_line(item))?;
            }
        }
    }
    if !report.path_text_changes.is_empty() {
        writeln!(out, "\n#### Conditional text changed\n")?;
        for change in &report.path_text_changes {
            writeln!(
                out,
                "- {} ({}):",
                answers_cell(&change.answers),
                markdown_code(&change.outcome)
            )?;
            for text in &change.shown {
                writeln!(out, "  - shown now: {}", markdown_inline(text))?;
            }
            for text in &change.hidden {
                writeln!(out, "  - no longer shown: {}", markdown_inline(text))?;
            }
        }
    }
    if !report.text_changes.is_empty() {
        writeln!(out, "\n#### Wording changed\n")?;
        for change in &report.text_changes {
            let place = match &change.node {
                Some(id) => format!("{}, ", markdown_code(id)),
                None => "tree, ".to_string(),
            };
            let lines = before_after(change, "  ");
            let fence = fence_for(&lines);
            writeln!(
                out,
                "- {place}{}:\n\n  {fence}diff\n{lines}  {fence}\n",
                change.field.describe(change.index)
            )?;
        }
    }
    Ok(())
}

/// A node added or removed, as a Markdown list item.
fn node_line(item: &Item) -> String {
    match item {
        Item::Question { id, title } => {
            format!("question {}: {}", markdown_code(id), markdown_inline(title))
        }
        Item::Route { id } => format!("route {}", markdown_code(id)),
        Item::Outcome { id, title, verdict } => format!(
            "outcome {}: {}: {}",
            markdown_code(id),
            verdict.label(),
            markdown_inline(title)
        ),
        Item::Path { .. } => markdown_inline(&item_text(item)),
    }
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

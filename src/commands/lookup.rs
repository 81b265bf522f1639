//! `signpost lookup`: the quick answer to "can I use Zoom?".

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::cli::{Global, LookupArgs, LookupFormat};
use signpost::plain;
use signpost::record::{Report, answers};
use signpost::search::{Entry, Kind, SearchIndex};
use signpost::tree::facts::bits;
use signpost::tree::paths::{self, Answer, PathStep, route_to};
use signpost::tree::{NodeKind, Tree};

/// How many further matches to list after the best one.
const MORE: usize = 5;

/// Runs the command.
pub fn run(global: &Global, args: &LookupArgs) -> Result<ExitCode> {
    let catalog = super::catalog(global);
    let mut index = SearchIndex::new(&catalog.trees);
    let query = args.query.join(" ");
    let hits = index.search(&query);
    let mut out = super::stdout();
    let entries = distinct(hits.iter().map(|h| index.entry(*h)), MORE + 1);
    if args.format == LookupFormat::Json {
        let results: Vec<_> = entries
            .iter()
            .map(|e| entry_json(&catalog.trees[e.tree], e))
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"query": query, "results": results}))?
        )?;
        return super::finish(out, if results.is_empty() { 1 } else { 0 });
    }
    let Some((best, rest)) = entries.split_first() else {
        writeln!(
            out,
            "Nothing matches \"{query}\". Try fewer or different words, or run `signpost` to browse."
        )?;
        return super::finish(out, 1);
    };
    let tree = &catalog.trees[best.tree];
    writeln!(
        out,
        "Best match ({} in \"{}\"): {}",
        best.kind.label(),
        tree.title,
        best.text
    )?;
    writeln!(out)?;
    match tree.outcome(best.node) {
        Some(_) => {
            let steps = route_to(tree, best.node).unwrap_or_default();
            plain::write_outcome(&mut out, &Report::for_path(tree, &steps, best.node))?;
        }
        None => write_question(&mut out, tree, best)?,
    }
    if !rest.is_empty() {
        writeln!(out, "\nOther matches:")?;
        for (i, e) in rest.iter().enumerate() {
            writeln!(
                out,
                "  {}. [{}] {}: {}",
                i + 2,
                e.kind.label(),
                catalog.trees[e.tree].id,
                e.text
            )?;
        }
    }
    super::finish(out, 0)
}

/// The first `n` entries, leaving out any that repeat an earlier one's tree, kind and text
/// (the same answer or passage under several questions).
fn distinct<'e>(entries: impl Iterator<Item = &'e Entry>, n: usize) -> Vec<&'e Entry> {
    let mut kept: Vec<&Entry> = Vec::with_capacity(n);
    for entry in entries {
        if kept.len() == n {
            break;
        }
        let repeat = kept.iter().any(|k| {
            k.tree == entry.tree && k.kind.label() == entry.kind.label() && k.text == entry.text
        });
        if !repeat {
            kept.push(entry);
        }
    }
    kept
}

/// A question (or one of its answers) as the best match: where it sits, its options, and the
/// command that walks to it.
fn write_question(out: &mut impl Write, tree: &Tree, best: &Entry) -> Result<()> {
    let node = tree.node(best.node);
    let mut route = route_to(tree, best.node).unwrap_or_default();
    let trail: Vec<String> = answers(tree, &route)
        .iter()
        .map(|(_, a)| a.to_string())
        .collect();
    writeln!(out, "Question: {}", node.title())?;
    if !trail.is_empty() {
        writeln!(out, "Reached by answering: {}", trail.join("; "))?;
    }
    plain::write_options(out, node)?;
    if let Kind::Answer(i) = best.kind {
        let answer = match &node.kind {
            NodeKind::Checklist(c) => Answer::items(1 << i, c.items.len()),
            _ => Answer::Option(i),
        };
        let step = PathStep {
            question: best.node,
            answer,
        };
        writeln!(
            out,
            "Your search matches answer {}: {}",
            i + 1,
            paths::answer(tree, step)
        )?;
        route.push(step);
    }
    let numbers: String = route.iter().map(|s| script_argument(*s)).collect();
    writeln!(out, "Walk it with: signpost ask {}", tree.id)?;
    writeln!(
        out,
        "Or script it: signpost ask {}{numbers} --answer …",
        tree.id
    )?;
    Ok(())
}

/// ` --answer 2` for an option; ` --answer "1,3"` (or `none`) for a checklist.
fn script_argument(step: PathStep) -> String {
    match step.answer {
        Answer::Option(i) => format!(" --answer {}", i + 1),
        Answer::Items { chosen: 0, .. } => " --answer none".to_string(),
        Answer::Items { chosen, .. } => {
            let numbers: Vec<String> = bits(chosen.into()).map(|i| (i + 1).to_string()).collect();
            format!(" --answer \"{}\"", numbers.join(","))
        }
    }
}

fn entry_json(tree: &Tree, entry: &Entry) -> serde_json::Value {
    let route = route_to(tree, entry.node).unwrap_or_default();
    let mut value = json!({
        "tree": tree.id,
        "kind": entry.kind.label(),
        "text": entry.text,
        "node": tree.node(entry.node).id,
        "answers": answers(tree, &route).iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
    });
    if tree.outcome(entry.node).is_some() {
        value["outcome"] = Report::for_path(tree, &route, entry.node).to_json()["outcome"].clone();
    }
    if let Kind::Answer(i) = entry.kind {
        value["answer_index"] = json!(i + 1);
    }
    value
}

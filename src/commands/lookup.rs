//! `signpost lookup`: the quick answer to "can I use Zoom?".

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::cli::{Global, LookupArgs, LookupFormat};
use signpost::plain;
use signpost::record::{Report, answers};
use signpost::search::{Entry, Kind, SearchIndex};
use signpost::tree::Tree;
use signpost::tree::paths::{PathStep, route_to};

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
    let question = tree
        .question(best.node)
        .expect("questions and outcomes only");
    let mut route = route_to(tree, best.node).unwrap_or_default();
    let trail: Vec<String> = answers(tree, &route)
        .iter()
        .map(|(_, a)| a.to_string())
        .collect();
    writeln!(out, "Question: {}", question.text)?;
    if !trail.is_empty() {
        writeln!(out, "Reached by answering: {}", trail.join("; "))?;
    }
    plain::write_options(out, question)?;
    if let Kind::Answer(i) = best.kind {
        writeln!(
            out,
            "Your search matches answer {}: {}",
            i + 1,
            question.options[i as usize].label
        )?;
        route.push(PathStep {
            question: best.node,
            choice: i,
        });
    }
    let numbers: String = route
        .iter()
        .map(|s| format!(" --answer {}", s.choice + 1))
        .collect();
    writeln!(out, "Walk it with: signpost ask {}", tree.id)?;
    writeln!(
        out,
        "Or script it: signpost ask {}{numbers} --answer …",
        tree.id
    )?;
    Ok(())
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

//! `signpost lookup`: the quick answer to "can I use Zoom?".

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::cli::{Global, LookupArgs, LookupFormat};
use signpost::fit::{Query, fitting_route};
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
    let words = Query::new(&query);
    let entries: Vec<Found> = distinct(hits.iter().map(|h| index.entry(*h)), MORE + 1)
        .into_iter()
        .map(|entry| Found::new(&catalog.trees[entry.tree], entry, &words))
        .collect();
    // The best match is the first that fits the words of the query.
    let entries: Vec<Found> = match entries.iter().position(|f| f.fits) {
        Some(0) | None => entries,
        Some(i) => {
            let mut entries = entries;
            let best = entries.remove(i);
            entries.insert(0, best);
            entries
        }
    };
    if args.format == LookupFormat::Json {
        let results: Vec<_> = entries
            .iter()
            .filter(|f| f.fits)
            .map(|f| entry_json(&catalog.trees[f.entry.tree], f))
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"query": query, "results": results}))?
        )?;
        return super::finish(out, if results.is_empty() { 1 } else { 0 });
    }
    let Some((found, rest)) = entries.split_first().filter(|(best, _)| best.fits) else {
        match entries.is_empty() {
            true => writeln!(
                out,
                "Nothing matches \"{query}\". Try fewer or different words, or run `signpost` to browse."
            )?,
            false => writeln!(
                out,
                "No answer fits every word of \"{query}\": what it describes rules out each match below. Walk the tree with `signpost` to be sure, or ask the Security team."
            )?,
        }
        write_matches(&mut out, "Matches", &catalog.trees, &entries, 1)?;
        return super::finish(out, 1);
    };
    let best = found.entry;
    let tree = &catalog.trees[best.tree];
    writeln!(
        out,
        "Best match ({} in \"{}\"): {}",
        best.kind.label(),
        tree.title,
        best.text
    )?;
    if tree.provenance.is_draft() {
        writeln!(out, "{}", tree.provenance.describe())?;
    }
    writeln!(out)?;
    match tree.outcome(best.node) {
        Some(_) => {
            plain::write_outcome(&mut out, &Report::for_path(tree, &found.route, best.node))?;
        }
        None => write_question(&mut out, tree, best)?,
    }
    write_matches(&mut out, "Other matches", &catalog.trees, rest, 2)?;
    super::finish(out, 0)
}

/// An entry found, with the route it is shown with and whether it fits the query's words.
struct Found<'e> {
    entry: &'e Entry,
    /// The answers that lead to it (for an outcome, the shortest that fits the query).
    route: Vec<PathStep>,
    /// False for an outcome whose every route, or whose tool's limits, the query contradicts.
    fits: bool,
}

impl<'e> Found<'e> {
    fn new(tree: &Tree, entry: &'e Entry, words: &Query) -> Self {
        let (route, fits) = match tree.outcome(entry.node) {
            Some(_) => match fitting_route(tree, entry.node, words) {
                Some(route) => (route, true),
                None => (route_to(tree, entry.node).unwrap_or_default(), false),
            },
            None => (route_to(tree, entry.node).unwrap_or_default(), true),
        };
        Found { entry, route, fits }
    }
}

/// `heading:` and the matches, numbered from `first`; one that does not fit the query says so.
fn write_matches(
    out: &mut impl Write,
    heading: &str,
    trees: &[Tree],
    rest: &[Found],
    first: usize,
) -> Result<()> {
    if rest.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}:")?;
    for (i, f) in rest.iter().enumerate() {
        let e = f.entry;
        let tree = &trees[e.tree];
        let draft = if tree.provenance.is_draft() {
            " (LOCAL DRAFT — not the published advice)"
        } else {
            ""
        };
        let note = if f.fits {
            ""
        } else {
            " (not for what you describe: your words rule it out)"
        };
        writeln!(
            out,
            "  {}. [{}] {}: {}{draft}{note}",
            i + first,
            e.kind.label(),
            tree.id,
            e.text
        )?;
    }
    Ok(())
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

fn entry_json(tree: &Tree, found: &Found) -> serde_json::Value {
    let (entry, route) = (found.entry, &found.route);
    let mut value = json!({
        "tree": tree.id,
        "provenance": tree.provenance.to_json(),
        "kind": entry.kind.label(),
        "text": entry.text,
        "node": tree.node(entry.node).id,
        "answers": answers(tree, route).iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
    });
    if tree.outcome(entry.node).is_some() {
        value["outcome"] = Report::for_path(tree, route, entry.node).to_json()["outcome"].clone();
    }
    if let Kind::Answer(i) = entry.kind {
        value["answer_index"] = json!(i + 1);
    }
    value
}

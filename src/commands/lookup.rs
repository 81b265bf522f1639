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
use signpost::wording;

/// How many further matches to list after the best one.
const MORE: usize = 5;

/// Runs the command.
pub fn run(global: &Global, args: &LookupArgs) -> Result<ExitCode> {
    let catalog = super::catalog(global);
    let mut index = SearchIndex::new(&catalog.trees);
    let answered = answer(&catalog.trees, &mut index, args);
    // The process ends with the answer, and frees the trees and the index at once: freeing
    // them one allocation at a time would take longer than the search over many trees.
    std::mem::forget((catalog, index));
    answered
}

/// Searches `index` (over `trees`) and prints the best match.
fn answer(trees: &[Tree], index: &mut SearchIndex, args: &LookupArgs) -> Result<ExitCode> {
    let query = args.query.join(" ");
    let hits = index.search(trees, &query);
    let mut out = super::stdout();
    let words = Query::new(&query);
    let entries: Vec<Found> = hits
        .iter()
        .take(MORE + 1)
        .map(|hit| {
            let entry = index.entry(trees, *hit);
            Found::new(trees, index, entry, &words)
        })
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
            .map(|f| entry_json(&trees[f.entry.tree], f))
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
        write_matches(&mut out, "Matches", trees, &entries, 1)?;
        return super::finish(out, 1);
    };
    let best = &found.entry;
    let tree = &trees[best.tree];
    write_assumed(&mut out, tree, found)?;
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
            plain::write_outcome(&mut out, &Report::for_path(tree, &found.steps(), best.node))?;
        }
        None => write_question(&mut out, tree, found)?,
    }
    write_matches(&mut out, "Other matches", trees, rest, 2)?;
    super::finish(out, 0)
}

/// The answers the query decided on the way to the best match, first; then those on the route
/// shown that it did not decide, which the person must check.
fn write_assumed(out: &mut impl Write, tree: &Tree, found: &Found) -> Result<()> {
    let listed = |decided: bool| -> String {
        let steps: Vec<PathStep> = found
            .route
            .iter()
            .filter(|(_, d)| *d == decided)
            .map(|(step, _)| *step)
            .collect();
        answers(tree, &steps)
            .iter()
            .map(|(q, a)| format!("{q} {a}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if found.route.iter().any(|(_, decided)| *decided) {
        writeln!(out, "{} {}", wording::ASSUMED_HEADING, listed(true))?;
    }
    if found.route.iter().any(|(_, decided)| !decided) && tree.outcome(found.entry.node).is_some() {
        writeln!(
            out,
            "Not decided by your words (one way there; check them): {}",
            listed(false)
        )?;
    }
    Ok(())
}

/// An entry found, with the route it is shown with and whether it fits the query's words.
struct Found {
    entry: Entry,
    /// The answers that lead to it, each with whether the query decided it: the route that
    /// agrees best with the answers the query decided or, when it decided none, for an outcome
    /// the shortest that fits the query.
    route: Vec<(PathStep, bool)>,
    /// False for an outcome whose every route, or whose tool's limits, the query contradicts.
    fits: bool,
}

impl Found {
    fn new(trees: &[Tree], index: &mut SearchIndex, entry: Entry, words: &Query) -> Self {
        let tree = &trees[entry.tree];
        let decided = index
            .route(trees, entry.tree, entry.node)
            .filter(|route| route.iter().any(|(_, decided)| *decided));
        let fitting = match tree.outcome(entry.node) {
            Some(_) => fitting_route(tree, entry.node, words),
            None => route_to(tree, entry.node),
        };
        let fits = tree.outcome(entry.node).is_none() || fitting.is_some();
        let route = decided.unwrap_or_else(|| {
            fitting
                .or_else(|| route_to(tree, entry.node))
                .unwrap_or_default()
                .into_iter()
                .map(|step| (step, false))
                .collect()
        });
        Found { entry, route, fits }
    }

    /// The answers of the route.
    fn steps(&self) -> Vec<PathStep> {
        self.route.iter().map(|(step, _)| *step).collect()
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
        let e = &f.entry;
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

/// A question (or one of its answers) as the best match: where it sits, its options, and the
/// command that walks to it.
fn write_question(out: &mut impl Write, tree: &Tree, found: &Found) -> Result<()> {
    let best = &found.entry;
    let node = tree.node(best.node);
    let mut route = found.steps();
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
    let (entry, route) = (&found.entry, &found.steps());
    let assumed: Vec<PathStep> = found
        .route
        .iter()
        .filter(|(_, decided)| *decided)
        .map(|(step, _)| *step)
        .collect();
    let mut value = json!({
        "tree": tree.id,
        "provenance": tree.provenance.to_json(),
        "kind": entry.kind.label(),
        "text": entry.text,
        "node": tree.node(entry.node).id,
        "answers": answers(tree, route).iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
        "assumed": answers(tree, &assumed).iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>(),
    });
    if tree.outcome(entry.node).is_some() {
        value["outcome"] = Report::for_path(tree, route, entry.node).to_json()["outcome"].clone();
    }
    if let Kind::Answer(i) = entry.kind {
        value["answer_index"] = json!(i + 1);
    }
    value
}

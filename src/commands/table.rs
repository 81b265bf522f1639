//! `signpost table`: every root-to-outcome path of a tree with its outcome.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::json;

use crate::cli::{Global, TableArgs, TableFormat};
use signpost::tree::paths::{
    Answer, PathStep, all_items, answer, for_each_path_from, joined_answers, route_to,
};
use signpost::tree::{Facts, NodeId, Tree};

/// Runs the command.
pub fn run(global: &Global, args: &TableArgs) -> Result<ExitCode> {
    let tree = super::resolve_tree(global, &args.tree)?;
    let (start, prefix) = match &args.from {
        Some(id) => {
            let node = from_node(&tree, id)?;
            (node, route_to(&tree, node).unwrap_or_default())
        }
        None => (tree.start, Vec::new()),
    };
    super::check_path_count(&tree, start, args.max_paths, "`table`")?;
    if args.excel && args.format != TableFormat::Csv {
        bail!(super::Exit {
            code: super::USAGE,
            message: "`--excel` is for `--format csv`".to_string(),
        });
    }
    let mut out = super::stdout();
    if args.excel {
        write_excel_csv(&mut out, &tree, &prefix)?;
    } else {
        write_table(&mut out, &tree, &prefix, args.format)?;
    }
    super::finish(out, 0)
}

/// The node `--from` names, which answers must reach (exit 2 otherwise).
fn from_node(tree: &Tree, id: &str) -> Result<NodeId> {
    let usage = |message: String| super::Exit {
        code: super::USAGE,
        message,
    };
    let node = tree.find(id).ok_or_else(|| {
        usage(format!(
            "the tree \"{}\" has no node \"{id}\": `--from` takes a question, checklist or outcome id (`signpost export {} --format markdown` lists them)",
            tree.id, tree.id
        ))
    })?;
    if node != tree.start && route_to(tree, node).is_none() {
        return Err(usage(format!(
            "no answers lead to \"{id}\" in the tree \"{}\"",
            tree.id
        ))
        .into());
    }
    Ok(node)
}

/// Writes the table in `format`: every path, or with `prefix` the paths that begin with it.
pub fn write_table(
    out: &mut impl Write,
    tree: &Tree,
    prefix: &[PathStep],
    format: TableFormat,
) -> Result<()> {
    match format {
        // `{"tree": {…, "provenance"}, "paths": [rows]}`, the rows streamed one by one: memory
        // does not grow with the number of paths.
        TableFormat::Json => {
            use serde::ser::{SerializeMap, Serializer};
            let mut json = serde_json::Serializer::pretty(&mut *out);
            let mut map = json.serialize_map(Some(2))?;
            map.serialize_entry(
                "tree",
                &json!({
                    "id": tree.id,
                    "title": tree.title,
                    "version": tree.version,
                    "provenance": tree.provenance.to_json(),
                }),
            )?;
            map.serialize_entry("paths", &Rows { tree, prefix })?;
            map.end()?;
            writeln!(out)?;
        }
        TableFormat::Csv => write_csv(out, tree, prefix, " › ")?,
        TableFormat::Markdown => {
            writeln!(
                out,
                "# {} (`{}` version {})\n",
                tree.title, tree.id, tree.version
            )?;
            writeln!(out, "| # | Answers | Verdict | Outcome |")?;
            writeln!(out, "|---|---|---|---|")?;
            let mut n = 0;
            let mut result = Ok(());
            for_each_path_from(tree, prefix, |steps, outcome, _| {
                n += 1;
                if result.is_ok() {
                    let o = tree.outcome(outcome).expect("paths end on outcomes");
                    result = writeln!(
                        out,
                        "| {n} | {} | {} | {} (`{}`) |",
                        markdown_cell(&joined_answers(tree, steps, " › ")),
                        o.verdict.label(),
                        markdown_cell(&o.headline),
                        tree.node(outcome).id
                    );
                }
            });
            result?;
        }
        // Two passes over the paths, the first for the column's width, so that memory does not
        // grow with the number of paths.
        TableFormat::Text => {
            let mut width = "ANSWERS".len();
            for_each_path_from(tree, prefix, |steps, _, _| {
                width = width.max(joined_answers(tree, steps, " › ").chars().count());
            });
            // Padded by hand: a width argument above 65,535 is a formatting panic.
            writeln!(
                out,
                "ANSWERS{}  OUTCOME",
                " ".repeat(width - "ANSWERS".len())
            )?;
            let mut result = Ok(());
            for_each_path_from(tree, prefix, |steps, outcome, _| {
                if result.is_ok() {
                    let o = tree.outcome(outcome).expect("paths end on outcomes");
                    let answers = joined_answers(tree, steps, " › ");
                    let pad = width - answers.chars().count();
                    result = writeln!(
                        out,
                        "{answers}{}  {} — {}",
                        " ".repeat(pad),
                        o.verdict.label(),
                        o.headline
                    );
                }
            });
            result?;
        }
    }
    Ok(())
}

/// The CSV table, answers joined by `separator`.
fn write_csv(
    out: &mut impl Write,
    tree: &Tree,
    prefix: &[PathStep],
    separator: &str,
) -> Result<()> {
    writeln!(out, "answers,outcome,verdict,headline")?;
    let mut result = Ok(());
    for_each_path_from(tree, prefix, |steps, outcome, _| {
        if result.is_ok() {
            let o = tree.outcome(outcome).expect("paths end on outcomes");
            let fields = [
                joined_answers(tree, steps, separator),
                tree.node(outcome).id.clone(),
                o.verdict.as_str().to_string(),
                o.headline.clone(),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            result = writeln!(out, "{}", line.join(","));
        }
    });
    result?;
    Ok(())
}

/// The CSV table for Excel: a UTF-8 byte-order mark first (without it Excel reads the bytes as
/// the local code page) and `>` between answers.
fn write_excel_csv(out: &mut impl Write, tree: &Tree, prefix: &[PathStep]) -> Result<()> {
    write!(out, "\u{feff}")?;
    write_csv(out, tree, prefix, " > ")
}

/// Every path from `prefix`, serialised as a JSON array one row at a time.
struct Rows<'a> {
    tree: &'a Tree,
    prefix: &'a [PathStep],
}

impl serde::Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut rows = serializer.serialize_seq(None)?;
        let mut result = Ok(());
        for_each_path_from(self.tree, self.prefix, |steps, outcome, facts| {
            if result.is_ok() {
                result = rows.serialize_element(&json_row(self.tree, steps, outcome, facts));
            }
        });
        result?;
        rows.end()
    }
}

fn json_row(tree: &Tree, steps: &[PathStep], outcome: NodeId, facts: &Facts) -> serde_json::Value {
    let o = tree.outcome(outcome).expect("paths end on outcomes");
    let answers: Vec<_> = steps.iter().map(|s| answer_json(tree, *s)).collect();
    let mut row = json!({
        "answers": answers,
        "outcome": {"id": tree.node(outcome).id, "title": o.headline, "verdict": o.verdict.as_str()},
    });
    if !tree.facts.is_empty() {
        row["facts"] = tree.facts_json(facts).into();
    }
    row
}

/// One answer of a row. A checklist answer also lists the items picked and those that make
/// no difference on this path (`undecided`), so a script can walk the row with `ask`.
fn answer_json(tree: &Tree, step: PathStep) -> serde_json::Value {
    let node = tree.node(step.question);
    let mut value = json!({"question": node.title(), "answer": answer(tree, step)});
    if let (Some(c), Answer::Items { chosen, decided }) =
        (tree.checklist(step.question), step.answer)
    {
        let (chosen, decided) = (u64::from(chosen), u64::from(decided));
        let labels = |mask: u64| -> Vec<&str> {
            c.items
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, item)| item.label.as_str())
                .collect()
        };
        value["picked"] = json!(labels(chosen & decided));
        value["undecided"] = json!(labels(!decided & all_items(c.items.len())));
    }
    value
}

fn csv_field(field: &str) -> String {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Escapes `|` and line breaks so text stays inside its Markdown table cell.
pub fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

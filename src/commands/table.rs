//! `signpost table`: every root-to-outcome path of a tree with its outcome.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::cli::{Global, TableArgs, TableFormat};
use signpost::tree::Tree;
use signpost::tree::paths::{PathStep, for_each_path, labels};

/// Runs the command.
pub fn run(global: &Global, args: &TableArgs) -> Result<ExitCode> {
    let tree = super::resolve_tree(global, &args.tree)?;
    let mut out = super::stdout();
    write_table(&mut out, &tree, args.format)?;
    super::finish(out, 0)
}

/// Writes the table in `format`.
pub fn write_table(out: &mut impl Write, tree: &Tree, format: TableFormat) -> Result<()> {
    match format {
        TableFormat::Json => {
            let mut rows = Vec::new();
            for_each_path(tree, |steps, outcome| {
                rows.push(json_row(tree, steps, outcome))
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        }
        TableFormat::Csv => {
            writeln!(out, "answers,outcome,verdict,headline")?;
            let mut result = Ok(());
            for_each_path(tree, |steps, outcome| {
                if result.is_ok() {
                    let o = tree.outcome(outcome).expect("paths end on outcomes");
                    let fields = [
                        labels(tree, steps).join(" › "),
                        tree.node(outcome).id.clone(),
                        o.verdict.as_str().to_string(),
                        o.headline.clone(),
                    ];
                    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                    result = writeln!(out, "{}", line.join(","));
                }
            });
            result?;
        }
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
            for_each_path(tree, |steps, outcome| {
                n += 1;
                if result.is_ok() {
                    let o = tree.outcome(outcome).expect("paths end on outcomes");
                    result = writeln!(
                        out,
                        "| {n} | {} | {} | {} (`{}`) |",
                        markdown_cell(&labels(tree, steps).join(" › ")),
                        o.verdict.label(),
                        markdown_cell(&o.headline),
                        tree.node(outcome).id
                    );
                }
            });
            result?;
        }
        TableFormat::Text => {
            let mut rows = Vec::new();
            for_each_path(tree, |steps, outcome| {
                let o = tree.outcome(outcome).expect("paths end on outcomes");
                rows.push((
                    labels(tree, steps).join(" › "),
                    format!("{} — {}", o.verdict.label(), o.headline),
                ));
            });
            let width = rows
                .iter()
                .map(|(a, _)| a.chars().count())
                .max()
                .unwrap_or(0)
                .max("ANSWERS".len());
            writeln!(out, "{:<width$}  OUTCOME", "ANSWERS")?;
            for (answers, outcome) in rows {
                let pad = width - answers.chars().count();
                writeln!(out, "{answers}{}  {outcome}", " ".repeat(pad))?;
            }
        }
    }
    Ok(())
}

fn json_row(tree: &Tree, steps: &[PathStep], outcome: signpost::tree::NodeId) -> serde_json::Value {
    let o = tree.outcome(outcome).expect("paths end on outcomes");
    let answers: Vec<_> = steps
        .iter()
        .map(|s| {
            let q = tree.question(s.question).expect("steps are questions");
            json!({"question": q.text, "answer": q.options[s.choice as usize].label})
        })
        .collect();
    json!({
        "answers": answers,
        "outcome": {"id": tree.node(outcome).id, "title": o.headline, "verdict": o.verdict.as_str()},
    })
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

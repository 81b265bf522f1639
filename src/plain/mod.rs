//! The line-based mode, for screen readers, pipes and scripts: the same questions, guidance,
//! contacts and outcomes as the full-screen app, as plain lines of text. No box drawing, no
//! colour, no cursor movement.

use std::io::{self, BufRead, Write};
use std::path::Path;

use crate::document::{outcome_sections, quoted};
use crate::record::{Report, contact_line};
use crate::session::{AnswerError, Session};
use crate::tree::{Facts, Node, NodeKind, Tree};

pub mod walk;

use walk::{Ended, LineWalk, Saving, Shows};

/// Walks `tree` interactively over `input`/`output`, as `signpost ask` and plain mode do.
/// Decision records are saved in `records`, stamped "decided by" `decided_by`.
pub fn walk(
    tree: &Tree,
    input: &mut impl BufRead,
    out: &mut impl Write,
    records: &Path,
    decided_by: Option<String>,
) -> io::Result<Ended> {
    let saving = Saving {
        folder: records,
        decided_by: decided_by.as_deref(),
    };
    let walk = LineWalk {
        tree,
        commands: walk::WALK,
        shows: Shows::Everything,
        ends_at_outcome: false,
        records: Some(saving),
    };
    writeln!(
        out,
        "{} ({}, version {})",
        tree.title, tree.id, tree.version
    )?;
    writeln!(out, "{}", walk.keys_help())?;
    walk.run(&mut Session::new(tree), input, out)
}

/// What to say when typed text is not an answer to the question or checklist at `node`.
pub fn answer_error(node: &Node, typed: &str, error: &AnswerError) -> String {
    match (error, &node.kind) {
        (AnswerError::Ambiguous(labels), _) => format!(
            "\"{typed}\" could be {}. Type more of the label, or its number.",
            labels.join(" or ")
        ),
        (_, NodeKind::Checklist(c)) => format!(
            "Enter the numbers of every item that applies, separated by commas (1 to {}), or \"none\" for {}.",
            c.items.len(),
            c.none
        ),
        (_, NodeKind::Question(q)) => format!(
            "Enter a number between 1 and {}, or type the start of an answer.",
            q.options.len()
        ),
        _ => "There is no question to answer here.".to_string(),
    }
}

/// Prints the node the session is on: a question or checklist with its answers, or the outcome.
pub fn write_node(out: &mut impl Write, tree: &Tree, session: &Session) -> io::Result<()> {
    let node = tree.node(session.current());
    if tree.outcome(session.current()).is_some() {
        return match Report::of(tree, session) {
            Some(report) => write_outcome(out, &report),
            None => Ok(()),
        };
    }
    write_question(out, tree, session, node)?;
    let facts = Some(session.facts());
    write_guidance(out, tree, node, facts)?;
    write_contacts(out, tree, node, facts)?;
    write_links(out, node, facts)
}

/// "Question 2 of up to 4: …", the help text, the answers so far and the numbered options.
/// Answers are separated by semicolons, which screen readers read as a pause.
pub fn write_question(
    out: &mut impl Write,
    tree: &Tree,
    session: &Session,
    node: &Node,
) -> io::Result<()> {
    let (n, of) = session.progress(tree);
    writeln!(out, "Question {n} of up to {of}: {}", node.title())?;
    let help = match &node.kind {
        NodeKind::Question(q) => q.help.as_ref(),
        NodeKind::Checklist(c) => c.help.as_ref(),
        _ => None,
    };
    if let Some(help) = help {
        writeln!(out, "{help}")?;
    }
    let answers = session.labels(tree);
    if !answers.is_empty() {
        writeln!(out, "Your answers so far: {}", answers.join("; "))?;
    }
    write_options(out, node)
}

/// The numbered options of a question, or the numbered items of a checklist.
pub fn write_options(out: &mut impl Write, node: &Node) -> io::Result<()> {
    let (heading, answers): (&str, Vec<(&str, Option<&String>)>) = match &node.kind {
        NodeKind::Question(q) => (
            "Options:",
            q.options
                .iter()
                .map(|o| (o.label.as_str(), o.detail.as_ref()))
                .collect(),
        ),
        NodeKind::Checklist(c) => (
            "Choose every item that applies (numbers separated by commas), or none:",
            c.items
                .iter()
                .map(|i| (i.label.as_str(), i.detail.as_ref()))
                .collect(),
        ),
        _ => return Ok(()),
    };
    writeln!(out, "{heading}")?;
    for (i, (label, detail)) in answers.iter().enumerate() {
        match detail {
            Some(detail) => writeln!(out, "  {}. {label} ({detail})", i + 1)?,
            None => writeln!(out, "  {}. {label}", i + 1)?,
        }
    }
    if let NodeKind::Checklist(c) = &node.kind {
        writeln!(out, "  none. {}", c.none)?;
    }
    Ok(())
}

/// The outcome: verdict in words, headline, explanation, conditions, fallbacks, why, guidance,
/// contacts, links — only what applies to the answers given.
pub fn write_outcome(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let shown = report.shown();
    let outcome = shown.outcome;
    writeln!(
        out,
        "Outcome: {} — {}",
        outcome.verdict.label(),
        outcome.headline
    )?;
    writeln!(out, "{}", shown.explanation)?;
    let (tree, node) = report.parts();
    for section in outcome_sections(tree, &shown) {
        writeln!(out, "{}:", section.heading)?;
        for (i, item) in section.items.iter().enumerate() {
            match section.numbered {
                true => writeln!(out, "  {}. {item}", i + 1)?,
                false => writeln!(out, "  - {item}")?,
            }
        }
    }
    let answers = report.answers();
    if !answers.is_empty() {
        writeln!(out, "Why: your answers were")?;
        for (q, a) in answers {
            writeln!(out, "  {q} {a}")?;
        }
    }
    let facts = Some(report.facts());
    write_guidance(out, tree, node, facts)?;
    write_contacts(out, tree, node, facts)?;
    write_links(out, node, facts)
}

/// The guidance passages of a node that apply, each with its source and section.
pub fn write_guidance(
    out: &mut impl Write,
    tree: &Tree,
    node: &Node,
    facts: Option<&Facts>,
) -> io::Result<()> {
    for passage in node.guidance_for(facts) {
        // A row of the approved-tools table reads as the tool's card, the row kept as its source.
        let shown = quoted(tree, passage);
        match shown.card {
            Some(card) => {
                writeln!(out, "Guidance: {card}")?;
                writeln!(out, "  The row of the table: \"{}\"", shown.quote)?;
            }
            None => writeln!(out, "Guidance: \"{}\"", shown.quote)?,
        }
        writeln!(out, "  {}", shown.citation)?;
    }
    Ok(())
}

/// The contacts of a node that apply, one line each.
pub fn write_contacts(
    out: &mut impl Write,
    tree: &Tree,
    node: &Node,
    facts: Option<&Facts>,
) -> io::Result<()> {
    for c in node.contacts_for(facts) {
        writeln!(
            out,
            "Contact: {}",
            contact_line(&tree.contacts[c as usize].contact)
        )?;
    }
    Ok(())
}

/// The links of a node that apply, one line each.
pub fn write_links(out: &mut impl Write, node: &Node, facts: Option<&Facts>) -> io::Result<()> {
    for link in node.links_for(facts) {
        writeln!(out, "Link: {} — {}", link.title, link.url)?;
    }
    Ok(())
}

/// Whether the full-screen app cannot be used here: stdin or stdout is not a terminal,
/// `TERM=dumb`, or `ACCESSIBLE` is set.
pub fn should_use_plain() -> bool {
    use std::io::IsTerminal;
    !io::stdin().is_terminal()
        || !io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || std::env::var_os("ACCESSIBLE").is_some_and(|v| !v.is_empty() && v != "0")
}

//! The line-based mode, for screen readers, pipes and scripts: the same questions, guidance,
//! contacts and outcomes as the full-screen app, as plain lines of text. No box drawing, no
//! colour, no cursor movement.

use std::io::{self, BufRead, Write};
use std::path::Path;

use crate::record::{self, Report, citation, contact_line};
use crate::session::{AnswerError, Session};
use crate::tree::{Node, Question, Tree};

/// The keys plain mode understands besides answers.
pub const KEYS_HELP: &str = "Answer with the option's number or its label. Other keys: b go back, r start again, ? this help, q quit.";

/// Walks `tree` interactively over `input`/`output`. Decision records are saved in `records`.
pub fn walk(
    tree: &Tree,
    input: &mut impl BufRead,
    out: &mut impl Write,
    records: &Path,
) -> io::Result<()> {
    let mut session = Session::new(tree);
    writeln!(
        out,
        "{} ({}, version {})",
        tree.title, tree.id, tree.version
    )?;
    writeln!(out, "{KEYS_HELP}")?;
    let mut show = true;
    loop {
        if show {
            writeln!(out)?;
            write_node(out, tree, &session)?;
        }
        show = true;
        let at_outcome = session.at_outcome(tree);
        if at_outcome {
            write!(
                out,
                "Type s to save a decision record, b to go back, r to start again, q to quit: "
            )?;
        } else {
            let n = session.question(tree).map_or(0, |q| q.options.len());
            write!(out, "Your answer (1-{n}, or b, r, ?, q): ")?;
        }
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(());
        }
        let typed = line.trim();
        match typed.to_lowercase().as_str() {
            "q" | "quit" => return Ok(()),
            "b" | "back" => {
                if !session.back() {
                    writeln!(
                        out,
                        "You are at the first question; there is nothing to go back to."
                    )?;
                    show = false;
                }
            }
            "r" | "restart" => session.restart(tree),
            "?" | "h" | "help" => {
                writeln!(out, "{KEYS_HELP}")?;
                show = false;
            }
            "s" | "save" if at_outcome => {
                let report = Report::of(tree, &session).expect("at an outcome");
                let now = chrono::Local::now();
                match record::save(records, &tree.id, &report.to_markdown(now), now) {
                    Ok(path) => writeln!(out, "Decision record saved to {}", path.display())?,
                    Err(e) => writeln!(
                        out,
                        "Could not save the decision record in {}: {e}",
                        records.display()
                    )?,
                }
                show = false;
            }
            _ if at_outcome => {
                writeln!(out, "Type s, b, r or q.")?;
                show = false;
            }
            _ => {
                show = match session.answer(tree, typed) {
                    Ok(_) => true,
                    Err(error) => {
                        let question = session.question(tree).expect("on a question");
                        writeln!(out, "{}", answer_error(question, typed, &error))?;
                        false
                    }
                };
            }
        }
    }
}

/// What to say when typed text is not an answer.
pub fn answer_error(question: &Question, typed: &str, error: &AnswerError) -> String {
    let n = question.options.len();
    match error {
        AnswerError::Ambiguous(labels) => format!(
            "\"{typed}\" could be {}. Type more of the label, or its number.",
            labels.join(" or ")
        ),
        _ => format!(
            "Enter a number between 1 and {n}, or type the start of an answer. (b back, r restart, ? help, q quit)"
        ),
    }
}

/// Prints the node the session is on: a question with its options, or the outcome.
pub fn write_node(out: &mut impl Write, tree: &Tree, session: &Session) -> io::Result<()> {
    let node = tree.node(session.current());
    match tree.question(session.current()) {
        Some(question) => {
            write_question(out, tree, session, question)?;
            write_guidance(out, tree, node)?;
            write_contacts(out, tree, node)
        }
        None => write_outcome(out, &Report::of(tree, session).expect("an outcome")),
    }
}

/// "Question 2 of up to 4: …", the help text, the answers so far and the numbered options.
/// Answers are separated by semicolons, which screen readers read as a pause.
pub fn write_question(
    out: &mut impl Write,
    tree: &Tree,
    session: &Session,
    question: &Question,
) -> io::Result<()> {
    let (n, of) = session.progress(tree);
    writeln!(out, "Question {n} of up to {of}: {}", question.text)?;
    if let Some(help) = &question.help {
        writeln!(out, "{help}")?;
    }
    let answers = session.labels(tree);
    if !answers.is_empty() {
        writeln!(out, "Your answers so far: {}", answers.join("; "))?;
    }
    write_options(out, question)
}

/// The numbered options of a question.
pub fn write_options(out: &mut impl Write, question: &Question) -> io::Result<()> {
    writeln!(out, "Options:")?;
    for (i, option) in question.options.iter().enumerate() {
        match &option.detail {
            Some(detail) => writeln!(out, "  {}. {} ({detail})", i + 1, option.label)?,
            None => writeln!(out, "  {}. {}", i + 1, option.label)?,
        }
    }
    Ok(())
}

/// The outcome: verdict in words, headline, explanation, conditions, fallbacks, why, guidance,
/// contacts.
pub fn write_outcome(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let outcome = report.outcome();
    writeln!(
        out,
        "Outcome: {} — {}",
        outcome.verdict.label(),
        outcome.headline
    )?;
    writeln!(out, "{}", outcome.explanation)?;
    if !outcome.conditions.is_empty() {
        writeln!(out, "Conditions:")?;
        for c in &outcome.conditions {
            writeln!(out, "  - {c}")?;
        }
    }
    if !outcome.fallbacks.is_empty() {
        writeln!(out, "If that is not possible, in this order:")?;
        for (i, f) in outcome.fallbacks.iter().enumerate() {
            writeln!(out, "  {}. {f}", i + 1)?;
        }
    }
    let answers = report.answers();
    if !answers.is_empty() {
        writeln!(out, "Why: your answers were")?;
        for (q, a) in answers {
            writeln!(out, "  {q} {a}")?;
        }
    }
    let (tree, node) = report.parts();
    write_guidance(out, tree, node)?;
    write_contacts(out, tree, node)
}

/// The guidance passages of a node, each with its source and section.
pub fn write_guidance(out: &mut impl Write, tree: &Tree, node: &Node) -> io::Result<()> {
    for passage in node.guidance() {
        writeln!(out, "Guidance: \"{}\"", passage.quote)?;
        writeln!(out, "  {}", citation(tree, passage))?;
    }
    Ok(())
}

/// The contacts of a node, one line each.
pub fn write_contacts(out: &mut impl Write, tree: &Tree, node: &Node) -> io::Result<()> {
    for &c in node.contacts() {
        writeln!(
            out,
            "Contact: {}",
            contact_line(&tree.contacts[c as usize].contact)
        )?;
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

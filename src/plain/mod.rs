//! The line-based mode, for screen readers, pipes and scripts: the same questions, guidance,
//! contacts and outcomes as the full-screen app, as plain lines of text. No box drawing, no
//! colour, no cursor movement.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::path::Path;

use crate::document::{outcome_sections, quoted};
use crate::record::{Report, contact_line};
use crate::session::{AnswerError, Session};
use crate::tree::{Facts, Node, NodeKind, Provenance, Tree};

pub mod walk;
pub mod wrapping;

use walk::{Ended, LineWalk, Saving, Shows};

/// How a person takes in a plain-mode walk.
#[derive(Clone, Debug, Default)]
pub struct Listening {
    /// Guidance only when asked for (`--brief`).
    pub brief: bool,
    /// Answers written back after the prompt (input from a pipe).
    pub echo: bool,
    /// "Decided by" on saved records, from `name` in config.ron.
    pub decided_by: Option<String>,
}

/// Walks `tree` interactively over `input`/`output`, as `signpost ask` and plain mode do.
/// Decision records are saved in `records`.
pub fn walk(
    tree: &Tree,
    input: &mut impl BufRead,
    out: &mut impl Write,
    records: &Path,
    listening: Listening,
) -> io::Result<Ended> {
    let saving = Saving {
        folder: records,
        decided_by: listening.decided_by.as_deref(),
    };
    let walk = LineWalk {
        tree,
        commands: walk::WALK,
        shows: Shows::Everything,
        ends_at_outcome: false,
        records: Some(saving),
        brief: listening.brief,
        echo: listening.echo,
    };
    writeln!(
        out,
        "{} ({}, tree version {})",
        tree.title, tree.id, tree.version
    )?;
    // Anything but the built-in advice says where it comes from first.
    if tree.provenance != Provenance::BuiltIn {
        writeln!(out, "{}", tree.provenance.describe())?;
    }
    let mut session = Session::new(tree);
    writeln!(out, "{}", walk.keys_help(&session))?;
    walk.run(&mut session, input, out)
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

/// What a listener has heard so far in a walk, so that a passage or the same contacts are not
/// read to them again; and whether guidance waits until asked for (`--brief`).
#[derive(Debug, Default)]
pub struct Heard {
    /// The passages read, by source, section and quote.
    passages: HashSet<(u32, String, String)>,
    /// The contacts read last.
    contacts: Option<Vec<u32>>,
    /// The document and section of the passage read last: a passage from the same document
    /// cites only its section, and one from the same section nothing.
    last_cited: Option<(u32, String)>,
    /// In a walk: the person gave the answers, so the outcome lists them without the questions.
    walking: bool,
    /// Guidance is read only on `g`.
    pub brief: bool,
}

impl Heard {
    /// A listener who has heard nothing yet; with `brief`, guidance waits for `g`.
    pub fn new(brief: bool) -> Heard {
        Heard {
            brief,
            walking: true,
            ..Heard::default()
        }
    }
}

/// Prints the step the session is on for a listener, in the order they need it: the question
/// and its help, its guidance (each passage once per walk: "(guidance as above)" after that),
/// its contacts (when they differ from the last read), its links, then the options, last, right
/// before the prompt. An outcome is printed whole, with the same care.
pub fn write_step(
    out: &mut impl Write,
    tree: &Tree,
    session: &Session,
    heard: &mut Heard,
) -> io::Result<()> {
    let node = tree.node(session.current());
    if tree.outcome(session.current()).is_some() {
        return match Report::of(tree, session) {
            Some(report) => write_outcome_heard(out, &report, heard),
            None => Ok(()),
        };
    }
    write_question_line(out, tree, session, node)?;
    let facts = Some(session.facts());
    write_guidance_heard(out, tree, node.guidance_for(facts).collect(), heard)?;
    write_contacts_heard(out, tree, node.contacts_for(facts).collect(), heard)?;
    write_links(out, node, facts)?;
    write_options(out, node)
}

/// A passage's identity within a walk.
fn passage_key(passage: &crate::tree::Passage) -> (u32, String, String) {
    (
        passage.source,
        passage.section.clone(),
        passage.quote.clone(),
    )
}

/// The passages not read yet, in full; one line for those already read; in brief mode, how
/// many there are and how to hear them.
fn write_guidance_heard(
    out: &mut impl Write,
    tree: &Tree,
    passages: Vec<&crate::tree::Passage>,
    heard: &mut Heard,
) -> io::Result<()> {
    if passages.is_empty() {
        return Ok(());
    }
    if heard.brief {
        let n = passages.len();
        let which = if n == 1 { "passage" } else { "passages" };
        return writeln!(out, "Guidance: {n} {which} (g reads them).");
    }
    let mut repeated = false;
    for passage in passages {
        if !heard.passages.insert(passage_key(passage)) {
            repeated = true;
            continue;
        }
        let here = (passage.source, passage.section.clone());
        match &heard.last_cited {
            // The same section of the same document as the passage before: no citation again.
            Some(last) if heard.walking && *last == here => write_quote(out, tree, passage)?,
            Some((source, _)) if heard.walking && *source == passage.source => {
                write_quote(out, tree, passage)?;
                writeln!(out, "  Same document, § {}", passage.section)?;
            }
            _ => write_passage(out, tree, passage)?,
        }
        heard.last_cited = Some(here);
    }
    if repeated {
        writeln!(out, "(guidance as above)")?;
    }
    Ok(())
}

/// The contacts, unless they are the ones read last.
fn write_contacts_heard(
    out: &mut impl Write,
    tree: &Tree,
    contacts: Vec<u32>,
    heard: &mut Heard,
) -> io::Result<()> {
    if heard.contacts.as_ref() == Some(&contacts) {
        return Ok(());
    }
    for &c in &contacts {
        writeln!(
            out,
            "Contact: {}",
            contact_line(&tree.contacts[c as usize].contact)
        )?;
    }
    heard.contacts = Some(contacts);
    Ok(())
}

/// "Question 2 of up to 4: …", the help text, the answers so far and the numbered options.
/// Answers are separated by semicolons, which screen readers read as a pause.
pub fn write_question(
    out: &mut impl Write,
    tree: &Tree,
    session: &Session,
    node: &Node,
) -> io::Result<()> {
    write_question_text(out, tree, session, node)?;
    write_options(out, node)
}

/// "Question 2 of up to 4: …" and the help text.
fn write_question_line(
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
    match help {
        Some(help) => writeln!(out, "{help}"),
        None => Ok(()),
    }
}

/// "Question 2 of up to 4: …", the help text and the answers so far (separated by
/// semicolons, which screen readers read as a pause).
fn write_question_text(
    out: &mut impl Write,
    tree: &Tree,
    session: &Session,
    node: &Node,
) -> io::Result<()> {
    write_question_line(out, tree, session, node)?;
    let answers = session.labels(tree);
    if !answers.is_empty() {
        writeln!(out, "Your answers so far: {}", answers.join("; "))?;
    }
    Ok(())
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
    write_outcome_heard(out, report, &mut Heard::default())
}

/// [`write_outcome`] for a listener who has heard `heard` in this walk.
fn write_outcome_heard(out: &mut impl Write, report: &Report, heard: &mut Heard) -> io::Result<()> {
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
    if heard.walking && !answers.is_empty() {
        let given: Vec<&str> = answers.iter().map(|(_, a)| a.as_str()).collect();
        writeln!(out, "Why: your answers were {}.", given.join("; "))?;
    } else if !answers.is_empty() {
        writeln!(out, "Why: your answers were")?;
        for (q, a) in answers {
            writeln!(out, "  {q} {a}")?;
        }
    }
    let facts = Some(report.facts());
    write_guidance_heard(out, tree, node.guidance_for(facts).collect(), heard)?;
    write_contacts_heard(out, tree, node.contacts_for(facts).collect(), heard)?;
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
        write_passage(out, tree, passage)?;
    }
    Ok(())
}

/// One passage: the quote (for a row of the approved-tools table, the tool's card with the row
/// beneath it) and its source.
fn write_passage(
    out: &mut impl Write,
    tree: &Tree,
    passage: &crate::tree::Passage,
) -> io::Result<()> {
    write_quote(out, tree, passage)?;
    writeln!(out, "  {}", quoted(tree, passage).citation)
}

/// A passage's words: the quote, or for a row of the approved-tools table the tool's card with
/// the row beneath it.
fn write_quote(
    out: &mut impl Write,
    tree: &Tree,
    passage: &crate::tree::Passage,
) -> io::Result<()> {
    let shown = quoted(tree, passage);
    match shown.card {
        Some(card) => {
            writeln!(out, "Guidance: {card}")?;
            writeln!(out, "  The row of the table: \"{}\"", shown.quote)
        }
        None => writeln!(out, "Guidance: \"{}\"", shown.quote),
    }
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

//! `signpost quiz [DECK]`: the line-based scenario quiz. Each situation is shown, the learner
//! walks the tree by typing answers, and at the outcome is told whether it is right; when it is
//! not, where the walk left the way and the passage that decides it. The marking lives in
//! `signpost::quiz`, so a full-screen quiz can share it.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Exit;
use crate::cli::{Global, QuizArgs};
use signpost::catalog::{Catalog, Selection};
use signpost::diagnostic::{count, plural};
use signpost::plain;
use signpost::quiz::{self, Deck, LoadedDeck, Marked, Quiz, divergence_line, outcome_line};
use signpost::session::{AnswerError, Session};
use signpost::tree::read::{self, MAX_FILE_BYTES};
use signpost::tree::{Node, NodeKind};

/// The keys the quiz understands besides answers.
pub const QUIZ_KEYS: &str = "Answer with the option's number or its label. Other keys: b go back, g show the guidance for this question, q end the quiz.";

/// Runs the command.
pub fn run(global: &Global, args: &QuizArgs) -> Result<ExitCode> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = super::stdout();
    let deck = match &args.deck {
        Some(arg) => resolve_deck(global, arg)?,
        None => match choose_deck(global, &mut input, &mut out)? {
            Some(deck) => deck,
            None => return super::finish(out, 0),
        },
    };
    let mut quiz = Quiz::new(&deck);
    run_quiz(&mut quiz, &mut input, &mut out)?;
    offer_to_save(&quiz, &mut input, &mut out)?;
    super::finish(out, 0)
}

/// The deck a DECK argument names: a `.ron` file, or the id of a loaded deck. A broken deck
/// prints its diagnostics and fails.
fn resolve_deck(global: &Global, arg: &str) -> Result<Deck> {
    if super::is_path(arg) {
        let path = PathBuf::from(arg);
        let name = path.display().to_string();
        let text = read::read_text(&path, MAX_FILE_BYTES).map_err(|d| Exit {
            code: 1,
            message: d.render().trim_end().to_string(),
        })?;
        let mut paths = global.trees.clone();
        paths.extend(quiz::trees_folder_of(&path));
        let catalog = Catalog::load(&Selection::new(true, paths));
        return usable(quiz::load_deck(&name, &text, &catalog.trees));
    }
    let catalog = super::catalog(global);
    let mut loaded = quiz::load_decks(&catalog);
    // A later deck (from --trees) replaces a shipped one with the same id.
    if let Some(i) = loaded
        .iter()
        .rposition(|l| l.deck.as_ref().is_some_and(|d| d.id == arg))
    {
        return usable(loaded.swap_remove(i));
    }
    // A broken deck whose file is named after the id: show why it cannot be used.
    if let Some(i) = loaded
        .iter()
        .position(|l| l.deck.is_none() && file_stem(&l.file) == arg)
    {
        return usable(loaded.swap_remove(i));
    }
    let ids: Vec<&str> = loaded
        .iter()
        .filter_map(|l| l.deck.as_ref())
        .map(|d| d.id.as_str())
        .collect();
    bail!(Exit {
        code: super::USAGE,
        message: format!(
            "no deck with the id \"{arg}\"; the decks are: {}",
            ids.join(", ")
        )
    })
}

fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".ron").unwrap_or(base)
}

/// The deck, or an error carrying its rendered diagnostics.
fn usable(loaded: LoadedDeck) -> Result<Deck> {
    if let Some(deck) = loaded.deck {
        return Ok(deck);
    }
    let mut message = String::new();
    for d in &loaded.diagnostics {
        message.push_str(&d.render());
        message.push('\n');
    }
    let (errors, _) = count(&loaded.diagnostics);
    message.push_str(&format!(
        "{} could not be loaded ({})",
        loaded.file,
        plural(errors, "error")
    ));
    bail!(Exit { code: 1, message })
}

/// Lists the decks and reads a choice. `None` when the person quits or input ends.
fn choose_deck(
    global: &Global,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<Option<Deck>> {
    let catalog = super::catalog(global);
    let loaded = quiz::load_decks(&catalog);
    let broken = loaded.iter().filter(|l| l.deck.is_none()).count();
    let mut decks: Vec<Deck> = loaded.into_iter().filter_map(|l| l.deck).collect();
    if broken > 0 {
        writeln!(
            out,
            "{} could not be loaded; `signpost check` shows why.",
            plural(broken, "deck file")
        )?;
    }
    if decks.is_empty() {
        writeln!(out, "No quiz decks are loaded.")?;
        return Ok(None);
    }
    writeln!(out, "Which quiz?")?;
    for (i, deck) in decks.iter().enumerate() {
        writeln!(
            out,
            "  {}. {} ({}: {} on the \"{}\" tree)",
            i + 1,
            deck.title,
            deck.id,
            plural(deck.scenarios.len(), "scenario"),
            deck.tree.id
        )?;
    }
    loop {
        write!(out, "Choose 1-{} (q to quit): ", decks.len())?;
        out.flush()?;
        let Some(typed) = read_line(input)? else {
            writeln!(out)?;
            return Ok(None);
        };
        if typed.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        let chosen = match typed.parse::<usize>() {
            Ok(n) if (1..=decks.len()).contains(&n) => Some(n - 1),
            _ => decks.iter().position(|d| d.id == typed),
        };
        match chosen {
            Some(i) => return Ok(Some(decks.swap_remove(i))),
            None => writeln!(
                out,
                "Enter a number between 1 and {}, or a deck id.",
                decks.len()
            )?,
        }
    }
}

/// One trimmed line, or `None` at the end of input.
fn read_line(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    Ok((input.read_line(&mut line)? > 0).then(|| line.trim().to_string()))
}

/// Whether the quiz goes on after a step.
#[derive(PartialEq, Eq)]
enum Flow {
    Go,
    Stop,
}

/// Presents every scenario in turn until the deck ends or the learner quits, then the score.
pub fn run_quiz(quiz: &mut Quiz, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<()> {
    let (deck, tree) = (quiz.deck(), quiz.tree());
    writeln!(
        out,
        "{} ({} on \"{}\")",
        deck.title,
        plural(deck.scenarios.len(), "scenario"),
        tree.title
    )?;
    writeln!(
        out,
        "For each situation, walk the tree to the outcome you think is right."
    )?;
    writeln!(out, "{QUIZ_KEYS}")?;
    while let Some((i, scenario)) = quiz.current() {
        writeln!(out, "\nScenario {} of {}", i + 1, deck.scenarios.len())?;
        writeln!(out, "{}", scenario.situation)?;
        let Some(session) = walk(quiz, input, out)? else {
            break;
        };
        let marked = match quiz.submit(&session) {
            Ok(marked) => marked.clone(),
            Err(e) => return Err(io::Error::other(e)),
        };
        write_mark(out, quiz, &marked)?;
        if quiz.current().is_some() && next_or_stop(quiz, input, out)? == Flow::Stop {
            break;
        }
    }
    writeln!(out, "\nScore: {:#}.", quiz.score())
}

/// The learner's walk of the current scenario: `None` when they quit.
fn walk(
    quiz: &Quiz,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Option<Session>> {
    let tree = quiz.tree();
    let mut session = Session::new(tree);
    let mut show = true;
    while tree.node(session.current()).asks() {
        let node = tree.node(session.current());
        if show {
            writeln!(out)?;
            plain::write_question(out, tree, &session, node)?;
        }
        show = true;
        match node.checklist_items() {
            Some(n) => write!(
                out,
                "Your answer (numbers 1-{n} separated by commas, or none; or b, g, q): "
            )?,
            None => write!(
                out,
                "Your answer (1-{}, or b, g, q): ",
                tree.question(session.current())
                    .map_or(0, |q| q.options.len())
            )?,
        }
        out.flush()?;
        let Some(typed) = read_line(input)? else {
            writeln!(out)?;
            return Ok(None);
        };
        match typed.to_lowercase().as_str() {
            "q" | "quit" => return Ok(None),
            "b" | "back" => {
                if !session.back(tree) {
                    writeln!(
                        out,
                        "This is the first question; there is nothing to go back to."
                    )?;
                    show = false;
                }
            }
            "g" | "guidance" => {
                let facts = Some(session.facts());
                if node.guidance_for(facts).next().is_none() {
                    writeln!(out, "This question has no guidance passage.")?;
                }
                plain::write_guidance(out, tree, node, facts)?;
                show = false;
            }
            _ => {
                if let Err(error) = session.answer(tree, &typed) {
                    writeln!(out, "{}", not_an_answer(node, &typed, &error))?;
                    show = false;
                }
            }
        }
    }
    Ok(Some(session))
}

/// What to say when typed text is not an answer, naming the quiz's own keys.
fn not_an_answer(node: &Node, typed: &str, error: &AnswerError) -> String {
    match (error, &node.kind) {
        (AnswerError::Ambiguous(_), _) => plain::answer_error(node, typed, error),
        (_, NodeKind::Question(q)) => format!(
            "Enter a number between 1 and {}, or type the start of an answer. (b back, g guidance, q end the quiz)",
            q.options.len()
        ),
        _ => format!(
            "{} (g guidance, q end the quiz)",
            plain::answer_error(node, typed, error)
        ),
    }
}

/// RIGHT or NOT QUITE, and for a wrong walk the expected outcome, where the walk left the way
/// and the passage that decides it.
fn write_mark(out: &mut impl Write, quiz: &Quiz, marked: &Marked) -> io::Result<()> {
    let tree = quiz.tree();
    let scenario = &quiz.deck().scenarios[marked.scenario];
    writeln!(out, "\nYou reached: {}", outcome_line(tree, marked.reached))?;
    match (&marked.divergence, marked.right) {
        (None, _) => writeln!(out, "RIGHT.")?,
        (Some(d), true) => {
            writeln!(out, "RIGHT: the expected advice, by another route.")?;
            writeln!(
                out,
                "Your route left the expected one at {}.",
                divergence_line(tree, d)
            )?;
        }
        (Some(d), false) => {
            writeln!(out, "NOT QUITE.")?;
            writeln!(
                out,
                "The expected outcome: {}",
                outcome_line(tree, scenario.expected)
            )?;
            writeln!(
                out,
                "Your path left the expected one at {}.",
                divergence_line(tree, d)
            )?;
            writeln!(out, "The guidance that decides it:")?;
            let node = tree.node(scenario.deciding_node(d, tree));
            plain::write_guidance(out, tree, node, None)?;
        }
    }
    writeln!(out, "Score so far: {}.", quiz.score())
}

/// Waits for the trainer or learner to move on.
fn next_or_stop(quiz: &Quiz, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<Flow> {
    let Some((i, _)) = quiz.current() else {
        return Ok(Flow::Stop);
    };
    write!(
        out,
        "Press Enter for scenario {} of {} (q to end the quiz): ",
        i + 1,
        quiz.deck().scenarios.len()
    )?;
    out.flush()?;
    Ok(match read_line(input)? {
        Some(typed) if !typed.eq_ignore_ascii_case("q") => Flow::Go,
        Some(_) => Flow::Stop,
        None => {
            writeln!(out)?;
            Flow::Stop
        }
    })
}

/// Asks whether to save the Markdown summary, and saves it in the quiz folder.
fn offer_to_save(quiz: &Quiz, input: &mut impl BufRead, out: &mut impl Write) -> Result<()> {
    if quiz.results().is_empty() {
        return Ok(());
    }
    let dir = quiz::quiz_dir()?;
    loop {
        write!(
            out,
            "Save a summary for the trainer in {}? (y/n): ",
            dir.display()
        )?;
        out.flush()?;
        let Some(typed) = read_line(input)? else {
            writeln!(out)?;
            return Ok(());
        };
        match typed.to_lowercase().as_str() {
            "y" | "yes" => {
                let now = chrono::Local::now();
                match quiz::save_summary(&dir, quiz, now) {
                    Ok(path) => writeln!(out, "Summary saved to {}", path.display())?,
                    Err(e) => {
                        writeln!(out, "Could not save the summary in {}: {e}", dir.display())?
                    }
                }
                return Ok(());
            }
            "n" | "no" => {
                writeln!(out, "Not saved.")?;
                return Ok(());
            }
            _ => writeln!(out, "Type y or n.")?,
        }
    }
}

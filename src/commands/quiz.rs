//! `signpost quiz [DECK]`: the line-based scenario quiz. Each situation is shown, the learner
//! walks the tree by typing answers, and at the outcome is told whether it is right; when it is
//! not, where the walk left the way and the passage that decides it. The marking lives in
//! `signpost::quiz`, so a full-screen quiz can share it.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::Exit;
use crate::cli::{Global, QuizArgs};
use signpost::catalog::{Catalog, Selection};
use signpost::diagnostic::{count, plural};
use signpost::document::citation_in;
use signpost::plain;
use signpost::plain::walk::{self as line, Ended, LineWalk, Shows};
use signpost::quiz::{self, Deck, LoadedDeck, Marked, Quiz, divergence_line, outcome_line};
use signpost::session::Session;
use signpost::tree::Tree;
use signpost::tree::read::{self, MAX_FILE_BYTES};

/// Runs the command.
pub fn run(global: &Global, args: &QuizArgs) -> Result<ExitCode> {
    let stdin = io::stdin();
    // Answers from a pipe are written back after each prompt, so a log shows them.
    let echo = !stdin.is_terminal();
    let mut input = stdin.lock();
    let mut out = super::stdout();
    let deck = match &args.deck {
        Some(arg) => resolve_deck(global, arg)?,
        None => match choose_deck(global, &mut input, &mut out, echo)? {
            Some(deck) => deck,
            None => return super::finish(out, 0),
        },
    };
    let order = order(&deck, args)?;
    if args.script {
        write!(out, "{}", quiz::script(&deck, &order))?;
        return super::finish(out, 0);
    }
    if args.present {
        return present(global, deck, order, args.group.clone());
    }
    let mut quiz = Quiz::in_order(&deck, order);
    // Read on a screen, the quiz wraps at words to the terminal's width; piped, it does not.
    let width = std::io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(w, _)| w as usize);
    let emphasis = width.is_some() && !signpost::tui::theme::no_color_requested();
    let mut out = match width {
        Some(width) => Box::new(plain::wrapping::Wrapping::new(out, width)) as Box<dyn Write>,
        None => Box::new(out),
    };
    run_quiz(&mut quiz, &mut input, &mut out, echo, emphasis)?;
    offer_to_save(&quiz, &mut input, &mut out, echo, args.group.as_deref())?;
    super::finish(out, 0)
}

/// The full-screen quiz for a room.
fn present(
    global: &Global,
    deck: Deck,
    order: Vec<usize>,
    group: Option<String>,
) -> Result<ExitCode> {
    if global.plain || plain::should_use_plain() {
        bail!(
            "the quiz for a room needs a full-screen terminal; for the line-based quiz leave out --present"
        );
    }
    let mut app = super::app::build(global, None)?;
    app.start_room(deck, order, group)
        .map_err(|why| anyhow::anyhow!("cannot start the quiz: {why}"))?;
    signpost::tui::run_in_terminal(&mut app, |_| {})?;
    Ok(ExitCode::SUCCESS)
}

/// The scenarios to play, by index in the deck: `--pick`'s, or `--random` N of them, or all;
/// shuffled with `--shuffle`. A number not in the deck is a usage error.
fn order(deck: &Deck, args: &QuizArgs) -> Result<Vec<usize>> {
    let count = deck.scenarios.len();
    let mut order: Vec<usize> = match (&args.pick[..], args.random) {
        ([], None) => (0..count).collect(),
        ([], Some(n)) => {
            let mut all: Vec<usize> = (0..count).collect();
            fastrand::shuffle(&mut all);
            all.truncate(n);
            all
        }
        (picked, _) => {
            let mut order = Vec::new();
            for &n in picked {
                if n == 0 || n > count {
                    bail!(Exit {
                        code: super::USAGE,
                        message: format!(
                            "--pick {n}: the deck \"{}\" has scenarios 1 to {count}",
                            deck.id
                        ),
                    });
                }
                if !order.contains(&(n - 1)) {
                    order.push(n - 1);
                }
            }
            order
        }
    };
    if args.shuffle {
        fastrand::shuffle(&mut order);
    }
    if order.is_empty() {
        bail!(Exit {
            code: super::USAGE,
            message: "--random 0 plays no scenario: give a number from 1".to_string(),
        });
    }
    Ok(order)
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
        // The official content is the same as for every other command: packs included.
        let config = signpost::config::Config::load();
        let catalog = Catalog::load(
            &Selection::new(true, paths).with_packs(&config.packs, &config.trusted_keys),
        );
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
    echo: bool,
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
    let chosen = line::choose(
        input,
        out,
        decks.len(),
        |typed| decks.iter().position(|d| d.id == typed),
        ", or a deck id",
        echo,
    )?;
    Ok(chosen.map(|i| decks.swap_remove(i)))
}

/// Whether the quiz goes on after a step.
#[derive(PartialEq, Eq)]
enum Flow {
    Go,
    Stop,
}

/// Presents every scenario in turn until the deck ends or the learner quits, then the score.
pub fn run_quiz(
    quiz: &mut Quiz,
    input: &mut impl BufRead,
    out: &mut impl Write,
    echo: bool,
    emphasis: bool,
) -> io::Result<()> {
    let (deck, tree) = (quiz.deck(), quiz.tree());
    writeln!(
        out,
        "{} ({} on \"{}\")",
        deck.title,
        plural(quiz.order().len(), "scenario"),
        tree.title
    )?;
    writeln!(
        out,
        "For each situation, walk the tree to the outcome you think is right."
    )?;
    writeln!(
        out,
        "{}",
        line_walk(tree, echo).keys_help(&Session::new(tree))
    )?;
    while let Some((_, scenario)) = quiz.current() {
        let (n, of) = quiz.position();
        writeln!(out, "\nScenario {n} of {of}")?;
        writeln!(out, "{}", scenario.situation)?;
        let Some(session) = walk(quiz, input, out, echo)? else {
            break;
        };
        let marked = match quiz.submit(&session) {
            Ok(marked) => marked.clone(),
            Err(e) => return Err(io::Error::other(e)),
        };
        write_mark(out, quiz, &marked, emphasis)?;
        if quiz.current().is_some() && next_or_stop(quiz, input, out, echo)? == Flow::Stop {
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
    echo: bool,
) -> io::Result<Option<Session>> {
    let tree = quiz.tree();
    let mut session = Session::new(tree);
    let ended = line_walk(tree, echo).run(&mut session, input, out)?;
    Ok((ended == Ended::Outcome).then_some(session))
}

/// The quiz's walk of `tree`: the question only (guidance on `g`), ending at the outcome.
fn line_walk(tree: &Tree, echo: bool) -> LineWalk<'_> {
    LineWalk {
        tree,
        commands: line::QUIZ,
        shows: Shows::Question,
        ends_at_outcome: true,
        records: None,
        brief: false,
        echo,
    }
}

/// RIGHT or NOT QUITE (in capitals always, bold where colour is allowed), and for a wrong walk
/// the expected outcome, where the walk left the way and the passages that explain why.
fn write_mark(
    out: &mut impl Write,
    quiz: &Quiz,
    marked: &Marked,
    emphasis: bool,
) -> io::Result<()> {
    let tree = quiz.tree();
    let scenario = &quiz.deck().scenarios[marked.scenario];
    let bold = |word: &str| match emphasis {
        true => format!("\x1b[1m{word}\x1b[0m"),
        false => word.to_string(),
    };
    writeln!(out, "\nYou reached: {}", outcome_line(tree, marked.reached))?;
    match (&marked.divergence, marked.right) {
        (None, _) => writeln!(out, "{}.", bold("RIGHT"))?,
        (Some(d), true) => {
            writeln!(
                out,
                "{}: the expected advice, by another route.",
                bold("RIGHT")
            )?;
            writeln!(
                out,
                "Your route left the expected one at {}.",
                divergence_line(tree, d)
            )?;
        }
        (Some(d), false) => {
            writeln!(out, "{}.", bold("NOT QUITE"))?;
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
            for (passage, source) in scenario.explaining_passages(d, marked.reached, tree) {
                writeln!(out, "Guidance: \"{}\"", passage.quote)?;
                writeln!(out, "  {}", citation_in(source, passage))?;
            }
        }
    }
    writeln!(out, "Score so far: {}.", quiz.score())
}

/// Waits for the trainer or learner to move on.
fn next_or_stop(
    quiz: &Quiz,
    input: &mut impl BufRead,
    out: &mut impl Write,
    echo: bool,
) -> io::Result<Flow> {
    if quiz.current().is_none() {
        return Ok(Flow::Stop);
    }
    let (n, of) = quiz.position();
    let prompt = format!("Press Enter for scenario {n} of {of} (q to end the quiz): ");
    Ok(match line::ask(input, out, &prompt, echo)? {
        Some(typed) if !typed.eq_ignore_ascii_case("q") => Flow::Go,
        _ => Flow::Stop,
    })
}

/// Asks whether to save the Markdown summary, and saves it in the quiz folder.
fn offer_to_save(
    quiz: &Quiz,
    input: &mut impl BufRead,
    out: &mut impl Write,
    echo: bool,
    group: Option<&str>,
) -> Result<()> {
    if quiz.results().is_empty() {
        return Ok(());
    }
    let dir = quiz::quiz_dir()?;
    loop {
        let prompt = format!(
            "Save a summary for the trainer in {}? (y/n): ",
            dir.display()
        );
        let Some(typed) = line::ask(input, out, &prompt, echo)? else {
            return Ok(());
        };
        match typed.to_lowercase().as_str() {
            "y" | "yes" => {
                let now = chrono::Local::now();
                match quiz::save_summary(&dir, quiz, now, group) {
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

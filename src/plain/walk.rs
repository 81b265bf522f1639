//! The one line-based walk, shared by `signpost ask`, plain mode and the line quiz: show the
//! step, prompt, read a line, and either answer the question or carry out a command (`b` back,
//! `?` help…). The commands each walk accepts are a table ([`WALK`], [`QUIZ`]) from which its
//! prompts and its help are written.

use std::io::{self, BufRead, Write};
use std::path::Path;

use super::{Heard, answer_error, write_guidance, write_question, write_step};
use crate::record::{self, Report, Stamp};
use crate::session::{AnswerError, Session};
use crate::tree::Tree;
use crate::wording;

/// What a typed word asks for, besides an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Go back one answer.
    Back,
    /// Start the tree again.
    Restart,
    /// Show the guidance passages of the question again.
    Guidance,
    /// Show the keys.
    Help,
    /// Save a decision record (at an outcome).
    Save,
    /// Leave the walk.
    Quit,
}

/// A command as people type it and as prompts name it.
#[derive(Clone, Copy, Debug)]
pub struct LineCommand {
    /// The words that ask for it, the one prompts show first.
    pub words: &'static [&'static str],
    /// What it does.
    pub command: Command,
    /// Its name in a list of keys: `b back`.
    pub short: &'static str,
    /// What it does in a sentence: `b go back`, `Type b to go back`.
    pub long: &'static str,
}

const BACK: LineCommand = LineCommand {
    words: &["b", "back"],
    command: Command::Back,
    short: "back",
    long: "go back",
};

const GUIDANCE: LineCommand = LineCommand {
    words: &["g", "guidance"],
    command: Command::Guidance,
    short: "guidance",
    long: "read the guidance again",
};

/// The commands of `signpost ask` and plain mode.
pub const WALK: &[LineCommand] = &[
    BACK,
    GUIDANCE,
    LineCommand {
        words: &["r", "restart"],
        command: Command::Restart,
        short: "restart",
        long: "start again",
    },
    LineCommand {
        words: &["?", "h", "help"],
        command: Command::Help,
        short: "help",
        long: "this help",
    },
    LineCommand {
        words: &["q", "quit"],
        command: Command::Quit,
        short: "quit",
        long: "quit",
    },
    LineCommand {
        words: &["s", "save"],
        command: Command::Save,
        short: "save",
        long: "save a decision record",
    },
];

/// The commands of the line quiz.
pub const QUIZ: &[LineCommand] = &[
    BACK,
    LineCommand {
        long: "show the guidance for this question",
        ..GUIDANCE
    },
    LineCommand {
        words: &["q", "quit"],
        command: Command::Quit,
        short: "end the quiz",
        long: "end the quiz",
    },
];

/// How much of a step the walk shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shows {
    /// The question, its guidance, contacts and links; the outcome in full.
    Everything,
    /// The question and its answers only (the quiz: guidance on `g`).
    Question,
}

/// How a walk ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// It reached an outcome (walks that end there).
    Outcome,
    /// The person quit.
    Quit,
    /// The input ended.
    EndOfInput,
}

/// A line-based walk of one tree.
pub struct LineWalk<'a> {
    /// The tree walked.
    pub tree: &'a Tree,
    /// The commands it accepts besides answers.
    pub commands: &'a [LineCommand],
    /// How much of each step it shows.
    pub shows: Shows,
    /// Whether reaching an outcome ends the walk (the quiz) or waits for a command.
    pub ends_at_outcome: bool,
    /// Where decision records are saved (with [`Command::Save`]), and by whom.
    pub records: Option<Saving<'a>>,
    /// Guidance is read only when asked for (`g`), for a shorter listen.
    pub brief: bool,
    /// Typed answers are written back after the prompt (when they come from a pipe, so a log
    /// shows them).
    pub echo: bool,
}

/// Where a walk saves its decision records, and the name they are stamped with.
#[derive(Clone, Copy, Debug)]
pub struct Saving<'a> {
    /// The records folder.
    pub folder: &'a Path,
    /// "Decided by", from `name` in config.ron.
    pub decided_by: Option<&'a str>,
}

impl LineWalk<'_> {
    /// "Answer with the option's number or its label. Other keys: b go back, …": the keys
    /// help, read at the start and on `?`. At a checklist it says how to give several answers;
    /// at an outcome it offers saving instead.
    pub fn keys_help(&self, session: &Session) -> String {
        let tree = self.tree;
        if session.at_outcome(tree) {
            let keys: Vec<String> = self
                .outcome_commands()
                .map(|c| format!("{} {}", c.words[0], c.long))
                .collect();
            return format!("Keys: {}.", keys.join(", "));
        }
        let keys: Vec<String> = self
            .commands_but(Command::Save)
            .map(|c| format!("{} {}", c.words[0], c.long))
            .collect();
        let mut help = format!(
            "Answer with the option's number or its label. Other keys: {}.",
            keys.join(", ")
        );
        if session.checklist(tree).is_some() {
            help.push_str(" Where several answers can apply, give their numbers or labels separated by commas, or \"none\".");
        }
        help
    }

    /// `(b back, r restart, ? help, q quit)`: what else can be typed, after a wrong answer.
    pub fn keys_in_brackets(&self) -> String {
        let keys: Vec<String> = self
            .commands_but(Command::Save)
            .map(|c| format!("{} {}", c.words[0], c.short))
            .collect();
        format!("({})", keys.join(", "))
    }

    /// Walks from where `session` is until the person quits, the input ends or (when the walk
    /// ends there) an outcome is reached.
    pub fn run(
        &self,
        session: &mut Session,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<Ended> {
        let tree = self.tree;
        let mut show = true;
        let mut saved = None;
        let mut heard = Heard::new(self.brief);
        loop {
            let at_outcome = session.at_outcome(tree);
            if at_outcome && self.ends_at_outcome {
                return Ok(Ended::Outcome);
            }
            if show {
                writeln!(out)?;
                match self.shows {
                    Shows::Everything => write_step(out, tree, session, &mut heard)?,
                    Shows::Question => {
                        write_question(out, tree, session, tree.node(session.current()))?
                    }
                }
            }
            let Some(typed) = ask(input, out, &self.prompt(session), self.echo)? else {
                return Ok(Ended::EndOfInput);
            };
            show = match self.command(&typed, at_outcome) {
                Some(Command::Quit) => return Ok(Ended::Quit),
                Some(Command::Save) => {
                    self.save(session, &mut saved, input, out)?;
                    false
                }
                Some(command) => self.carry_out(command, session, out)?,
                None if at_outcome => {
                    writeln!(out, "Type {}.", wording::or_list(&self.outcome_words()))?;
                    false
                }
                None => match session.answer(tree, &typed) {
                    Ok(_) => true,
                    Err(error) => {
                        let node = tree.node(session.current());
                        let said = answer_error(node, &typed, &error);
                        match error {
                            AnswerError::Ambiguous(_) => writeln!(out, "{said}")?,
                            _ => writeln!(out, "{said} {}", self.keys_in_brackets())?,
                        }
                        false
                    }
                },
            };
        }
    }

    /// Carries out `command`; returns whether to show the step again.
    fn carry_out(
        &self,
        command: Command,
        session: &mut Session,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        let tree = self.tree;
        match command {
            Command::Back if !session.back(tree) => {
                writeln!(out, "{}", wording::AT_FIRST_QUESTION)?;
                Ok(false)
            }
            Command::Back => Ok(true),
            Command::Restart => {
                session.restart(tree);
                Ok(true)
            }
            Command::Help => {
                writeln!(out, "{}", self.keys_help(session))?;
                Ok(false)
            }
            Command::Guidance => {
                let node = tree.node(session.current());
                let facts = Some(session.facts());
                if node.guidance_for(facts).next().is_none() {
                    writeln!(out, "This question has no guidance passage.")?;
                }
                write_guidance(out, tree, node, facts)?;
                Ok(false)
            }
            Command::Save | Command::Quit => Ok(false),
        }
    }

    /// Asks for a note and saves the record of the outcome `session` is on, unless the same
    /// walk with the same note was `saved` already (then says where).
    fn save(
        &self,
        session: &Session,
        saved: &mut Option<(String, std::path::PathBuf)>,
        input: &mut impl BufRead,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let (Some(report), Some(saving)) = (Report::of(self.tree, session), self.records) else {
            return writeln!(out, "{}", wording::NO_OUTCOME_YET);
        };
        let Some(note) = ask(input, out, wording::NOTE_PROMPT, self.echo)? else {
            return Ok(());
        };
        let stamp = Stamp {
            decided_by: saving.decided_by.map(str::to_string),
            ..Stamp::default()
        };
        let report = report.stamped(stamp.with_note(&note));
        let identity = report.identity();
        if let Some((_, path)) = saved.as_ref().filter(|(id, _)| *id == identity) {
            return writeln!(out, "{}", wording::already_saved(path));
        }
        let now = chrono::Local::now();
        match record::save(saving.folder, &self.tree.id, &report.to_markdown(now), now) {
            Ok(path) => {
                writeln!(out, "{}", wording::record_saved(&path))?;
                *saved = Some((identity, path));
            }
            Err(e) => writeln!(out, "{}", wording::record_not_saved(saving.folder, e))?,
        }
        Ok(())
    }

    /// The command `typed` asks for, if any (saving only at an outcome, where no answer is
    /// expected).
    fn command(&self, typed: &str, at_outcome: bool) -> Option<Command> {
        let typed = typed.to_lowercase();
        self.commands
            .iter()
            .find(|c| c.words.contains(&typed.as_str()))
            .map(|c| c.command)
            .filter(|c| at_outcome || *c != Command::Save)
    }

    /// The prompt for the step `session` is on: the answers it takes, then `? for keys` (the
    /// keys are read once at the start, not at every prompt) or, in a walk without help, the
    /// command words.
    fn prompt(&self, session: &Session) -> String {
        let tree = self.tree;
        let others = if self.commands.iter().any(|c| c.command == Command::Help) {
            "? for keys".to_string()
        } else {
            let words: Vec<&str> = self
                .commands_but(Command::Save)
                .map(|c| c.words[0])
                .collect();
            format!("or {}", words.join(", "))
        };
        if session.at_outcome(tree) {
            let save = self.commands.iter().find(|c| c.command == Command::Save);
            return match save {
                Some(save) => format!("Type {} to {}, or {others}: ", save.words[0], save.long),
                None => format!("Type {}: ", wording::or_list(&self.outcome_words())),
            };
        }
        match session.checklist(tree) {
            Some(checklist) => format!(
                "Your answer (numbers 1-{} separated by commas, or none; {others}): ",
                checklist.items.len()
            ),
            None => {
                let n = session.question(tree).map_or(0, |q| q.options.len());
                format!("Your answer (1-{n}, {others}): ")
            }
        }
    }

    /// The commands offered at an outcome: saving first, then the others but help.
    fn outcome_commands(&self) -> impl Iterator<Item = &LineCommand> {
        let save = self.commands.iter().filter(|c| c.command == Command::Save);
        save.chain(
            self.commands
                .iter()
                .filter(|c| !matches!(c.command, Command::Save | Command::Help)),
        )
    }

    fn outcome_words(&self) -> Vec<&str> {
        self.outcome_commands().map(|c| c.words[0]).collect()
    }

    fn commands_but(&self, left_out: Command) -> impl Iterator<Item = &LineCommand> {
        self.commands.iter().filter(move |c| c.command != left_out)
    }
}

/// Writes `prompt`, then reads one line, trimmed; with `echo`, writes it back after the prompt
/// (input from a pipe is not shown by any terminal). `None` at the end of input (after a
/// newline, so the next output starts on its own line).
pub fn ask(
    input: &mut impl BufRead,
    out: &mut impl Write,
    prompt: &str,
    echo: bool,
) -> io::Result<Option<String>> {
    write!(out, "{prompt}")?;
    out.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(out)?;
        return Ok(None);
    }
    let line = line.trim().to_string();
    if echo {
        writeln!(out, "{line}")?;
    }
    Ok(Some(line))
}

/// Asks for one of `count` numbered choices (listed already) until one is given: a number, or
/// a name `by_name` knows. `None` when the person types q or the input ends.
pub fn choose(
    input: &mut impl BufRead,
    out: &mut impl Write,
    count: usize,
    by_name: impl Fn(&str) -> Option<usize>,
    or_name: &str,
    echo: bool,
) -> io::Result<Option<usize>> {
    loop {
        let prompt = format!("Choose 1-{count} (q to quit): ");
        let Some(typed) = ask(input, out, &prompt, echo)? else {
            return Ok(None);
        };
        if typed.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        let chosen = match typed.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Some(n - 1),
            _ => by_name(&typed),
        };
        match chosen {
            Some(i) => return Ok(Some(i)),
            None => writeln!(out, "Enter a number between 1 and {count}{or_name}.")?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share() -> Tree {
        crate::catalog::shipped("share")
    }

    fn line_walk<'t>(tree: &'t Tree, commands: &'static [LineCommand]) -> LineWalk<'t> {
        LineWalk {
            tree,
            commands,
            shows: Shows::Question,
            ends_at_outcome: false,
            records: None,
            brief: false,
            echo: false,
        }
    }

    #[test]
    fn prompts_and_help_are_written_from_the_command_table() {
        let tree = share();
        let walk = line_walk(&tree, WALK);
        let mut session = Session::new(&tree);
        assert_eq!(walk.prompt(&session), "Your answer (1-3, ? for keys): ");
        assert_eq!(
            walk.keys_in_brackets(),
            "(b back, g guidance, r restart, ? help, q quit)"
        );
        assert_eq!(
            walk.keys_help(&session),
            "Answer with the option's number or its label. Other keys: b go back, g read the guidance again, r start again, ? this help, q quit."
        );
        for answer in ["1", "4", "1", "1"] {
            session.answer(&tree, answer).expect("an answer");
        }
        assert!(session.at_outcome(&tree));
        assert_eq!(
            walk.prompt(&session),
            "Type s to save a decision record, or ? for keys: "
        );
        assert_eq!(
            walk.keys_help(&session),
            "Keys: s save a decision record, b go back, g read the guidance again, r start again, q quit."
        );
        let quiz = line_walk(&tree, QUIZ);
        assert_eq!(
            quiz.keys_in_brackets(),
            "(b back, g guidance, q end the quiz)"
        );
        assert_eq!(
            quiz.prompt(&Session::new(&tree)),
            "Your answer (1-3, or b, g, q): "
        );
    }

    #[test]
    fn a_walk_answers_goes_back_and_saves_only_at_an_outcome() {
        let tree = share();
        let walk = LineWalk {
            ends_at_outcome: true,
            ..line_walk(&tree, QUIZ)
        };
        let mut session = Session::new(&tree);
        let mut out = Vec::new();
        let input = "b\nsave\n1\n4\n1\n1\n";
        let ended = walk
            .run(&mut session, &mut input.as_bytes(), &mut out)
            .expect("runs");
        let out = String::from_utf8(out).expect("utf-8");
        assert_eq!(ended, Ended::Outcome, "{out}");
        assert!(out.contains(wording::AT_FIRST_QUESTION), "{out}");
        assert!(
            out.contains("\"save\" is not") || out.contains("Enter a number between 1 and 3"),
            "s is an answer attempt before the outcome: {out}"
        );
        let mut session = Session::new(&tree);
        let ended = walk
            .run(&mut session, &mut "q\n".as_bytes(), &mut Vec::new())
            .expect("runs");
        assert_eq!(ended, Ended::Quit);
    }
}

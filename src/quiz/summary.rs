//! Summaries: the Markdown summary of a quiz a trainer can keep, the lines it is made of, and
//! where it is saved.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use super::marking::{Divergence, Marked, Quiz};
use super::reach::label_of;
use crate::document::citation_in;
use crate::tree::paths::{PathStep, answer, joined_answers};
use crate::tree::{NodeId, Tree};

impl Quiz<'_> {
    /// The Markdown summary a trainer can keep: the score and the group, a table of results,
    /// the question most wrong walks left the way at, then every scenario with the learner's
    /// answers and, for wrong ones, where the walk left the way and why.
    pub fn summary(&self, now: DateTime<Local>, group: Option<&str>) -> String {
        let (deck, tree) = (self.deck(), self.tree());
        let mut md = String::new();
        let _ = writeln!(md, "# Quiz summary: {}\n", deck.title);
        if let Some(group) = group {
            let _ = writeln!(md, "- **Group:** {group}");
        }
        let _ = writeln!(md, "- **Date:** {}", now.format("%Y-%m-%d %H:%M:%S %:z"));
        let _ = writeln!(md, "- **Deck:** `{}`", deck.id);
        let _ = writeln!(
            md,
            "- **Tree:** {} (`{}`, tree version {})",
            tree.title, tree.id, tree.version
        );
        let _ = writeln!(md, "- **Score:** {:#}", self.score());
        if let Some(line) = self.most_missed() {
            let _ = writeln!(md, "- **Most missed:** {line}");
        }
        md.push('\n');
        self.write_table(&mut md);
        for marked in self.results() {
            self.write_marked(&mut md, marked);
        }
        let skipped = &self.order()[self.results().len()..];
        if !skipped.is_empty() {
            let _ = writeln!(md, "## Not attempted\n");
            for (n, &i) in skipped.iter().enumerate() {
                let s = &deck.scenarios[i];
                let _ = writeln!(md, "{}. {}", self.results().len() + n + 1, s.situation);
            }
            md.push('\n');
        }
        md
    }

    /// The results at a glance: scenario, expected, reached, right.
    fn write_table(&self, md: &mut String) {
        if self.results().is_empty() {
            return;
        }
        let tree = self.tree();
        let cell = |text: String| text.replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(md, "| # | Scenario | Expected | Reached | Right? |");
        let _ = writeln!(md, "|---|---|---|---|---|");
        for (n, marked) in self.results().iter().enumerate() {
            let scenario = &self.deck().scenarios[marked.scenario];
            let right = match (marked.right, &marked.divergence) {
                (true, None) => "yes",
                (true, Some(_)) => "yes, by another route",
                (false, _) => "**no**",
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {right} |",
                n + 1,
                cell(scenario.situation.clone()),
                cell(outcome_line(tree, scenario.expected)),
                cell(outcome_line(tree, marked.reached)),
            );
        }
        md.push('\n');
    }

    /// The question where most wrong walks left the way, and how many: `“Who are you sharing
    /// it with?” (2 of 3 wrong answers)`. `None` with no wrong walk.
    pub fn most_missed(&self) -> Option<String> {
        let wrong: Vec<NodeId> = self
            .results()
            .iter()
            .filter(|m| !m.right)
            .filter_map(|m| m.divergence.as_ref().map(|d| d.question))
            .collect();
        let mut counts: Vec<(NodeId, usize)> = Vec::new();
        for q in &wrong {
            match counts.iter_mut().find(|(n, _)| n == q) {
                Some((_, c)) => *c += 1,
                None => counts.push((*q, 1)),
            }
        }
        // The first of the most missed, in the order they were first missed.
        let (question, count) = counts
            .iter()
            .copied()
            .reduce(|best, next| if next.1 > best.1 { next } else { best })?;
        let wrong_walks = self.results().iter().filter(|m| !m.right).count();
        Some(format!(
            "\"{}\" ({count} of {wrong_walks} wrong answers left the way there)",
            self.tree().node(question).title()
        ))
    }

    fn write_marked(&self, md: &mut String, marked: &Marked) {
        let tree = self.tree();
        let scenario = &self.deck().scenarios[marked.scenario];
        let mark = match (marked.right, &marked.divergence) {
            (true, None) => "right",
            (true, Some(_)) => "right, by another route",
            (false, _) => "not quite",
        };
        let _ = writeln!(md, "## Scenario {}: {mark}\n", marked.scenario + 1);
        let _ = writeln!(md, "{}\n", scenario.situation);
        let _ = writeln!(
            md,
            "- **Answers given:** {}",
            joined_answers(tree, &marked.steps, " › ")
        );
        let _ = writeln!(md, "- **Reached:** {}", outcome_line(tree, marked.reached));
        if marked.right {
            if let Some(d) = &marked.divergence {
                let _ = writeln!(
                    md,
                    "- **Left the expected route at:** {}",
                    divergence_line(tree, d)
                );
            }
            md.push('\n');
            return;
        }
        let _ = writeln!(
            md,
            "- **Expected:** {}",
            outcome_line(tree, scenario.expected)
        );
        let route = if scenario.route_given {
            "Expected answers"
        } else {
            "A route to it"
        };
        let _ = writeln!(
            md,
            "- **{route}:** {}",
            joined_answers(tree, &scenario.route, " › ")
        );
        if let Some(d) = &marked.divergence {
            let _ = writeln!(md, "- **Left the way at:** {}", divergence_line(tree, d));
            let _ = writeln!(md, "\n### The guidance that decides it\n");
            for (p, source) in scenario.explaining_passages(d, marked.reached, tree) {
                let _ = writeln!(
                    md,
                    "> {}\n>\n> — {}\n",
                    p.quote.replace('\n', "\n> "),
                    citation_in(source, p)
                );
            }
        } else {
            md.push('\n');
        }
    }
}

/// "RECOMMENDED — Use Microsoft Teams".
pub fn outcome_line(tree: &Tree, outcome: NodeId) -> String {
    match tree.outcome(outcome) {
        Some(o) => format!("{} — {}", o.verdict.label(), o.headline),
        None => tree.node(outcome).title().to_string(),
    }
}

/// "answer 4, “Can they use Teams?”: answered “No”; “Yes” leads to the expected outcome".
pub fn divergence_line(tree: &Tree, d: &Divergence) -> String {
    let question = tree.node(d.question).title();
    let keeping: Vec<String> = d
        .keeping
        .iter()
        .map(|&c| format!("\"{}\"", label_of(tree, d.question, c)))
        .collect();
    let answered = answer(
        tree,
        PathStep {
            question: d.question,
            answer: d.chosen,
        },
    );
    if keeping.is_empty() {
        return format!(
            "answer {}, \"{question}\": answered \"{answered}\"; from there the expected outcome could no longer be reached",
            d.step + 1
        );
    }
    format!(
        "answer {}, \"{question}\": answered \"{answered}\"; {} would have kept the expected outcome in reach",
        d.step + 1,
        keeping.join(" or ")
    )
}

/// Where quiz summaries are saved: `$SIGNPOST_DATA_DIR/quiz`, else the user's data directory
/// (e.g. `~/.local/share/signpost/quiz`).
pub fn quiz_dir() -> io::Result<PathBuf> {
    Ok(crate::paths::data_dir()?.join("quiz"))
}

/// Saves a quiz summary in `dir` (never overwriting an earlier one) and returns its path.
pub fn save_summary(
    dir: &Path,
    quiz: &Quiz,
    now: DateTime<Local>,
    group: Option<&str>,
) -> io::Result<PathBuf> {
    crate::record::save(dir, &quiz.deck().id, &quiz.summary(now, group), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::SubmitError;
    use crate::quiz::fixtures::{deck, tree, walk};
    use crate::session::Session;

    #[test]
    fn the_score_counts_right_walks_and_the_summary_lists_every_scenario() {
        let deck = deck();
        let mut quiz = Quiz::new(&deck);
        let t = quiz.tree();
        assert_eq!(
            quiz.submit(&walk(t, &["Documents"])),
            Err(SubmitError::NotAtOutcome)
        );
        let mut bigger = tree();
        bigger.nodes.extend(bigger.nodes.clone());
        // A walk positioned on a node this quiz's tree does not have.
        let elsewhere = Session::at_node(&bigger, NodeId(bigger.nodes.len() as u32 - 1));
        assert_eq!(quiz.submit(&elsewhere), Err(SubmitError::OtherTree));
        quiz.submit(&walk(t, &["Documents", "SECRET"]))
            .expect("marked");
        assert_eq!(
            format!("{:#}", quiz.score()),
            "0 of 1 right (1 of 2 scenarios not attempted)"
        );
        assert_eq!(quiz.score().to_string(), "0 of 1 right");
        quiz.submit(&walk(t, &["Messages", "OFFICIAL", "Yes"]))
            .expect("marked");
        assert_eq!(quiz.score().to_string(), "1 of 2 right");
        assert!(quiz.current().is_none());
        assert_eq!(
            quiz.submit(&walk(t, &["Documents", "SECRET"])),
            Err(SubmitError::Finished)
        );
        let md = quiz.summary(Local::now(), Some("Induction, 2 December"));
        assert!(md.contains("- **Group:** Induction, 2 December"), "{md}");
        assert!(md.contains("- **Score:** 1 of 2 right"), "{md}");
        assert!(
            md.contains("- **Most missed:** \"Class?\" (1 of 1 wrong answers left the way there)"),
            "{md}"
        );
        assert!(
            md.contains("| # | Scenario | Expected | Reached | Right? |"),
            "the results table comes first:\n{md}"
        );
        assert!(md.find("| # |") < md.find("## Scenario 1"), "{md}");
        assert!(md.contains("| **no** |") && md.contains("| yes |"), "{md}");
        assert!(md.contains("## Scenario 1: not quite"), "{md}");
        assert!(
            md.contains("answer 2, \"Class?\": answered \"SECRET\""),
            "{md}"
        );
        assert!(md.contains("> Nothing above OFFICIAL-SENSITIVE."), "{md}");
        assert!(md.contains("## Scenario 2: right"), "{md}");
    }

    #[test]
    fn summaries_are_saved_without_overwriting() {
        let deck = deck();
        let quiz = Quiz::new(&deck);
        let dir = tempfile::tempdir().unwrap();
        let now = Local::now();
        let a = save_summary(dir.path(), &quiz, now, None).unwrap();
        let b = save_summary(dir.path(), &quiz, now, None).unwrap();
        assert_ne!(a, b);
        assert!(
            std::fs::read_to_string(a)
                .unwrap()
                .contains("## Not attempted")
        );
    }
}

//! The analysis behind the cheat sheet: a tree's outcomes grouped by the advice they give, the
//! ladders of tools its paths pass over, and the answers that lead to each step.

use crate::tree::paths::{Answer, DecisionPath, PathStep, all_paths, apply, settle};
use crate::tree::{NodeId, Outcome, Tree, Verdict};

/// One order of tools: the steps to try in turn, each when the one before is not possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladder<'t> {
    /// The answers every step shares, naming what the ladder is for ("Calls and meetings");
    /// empty when they name nothing narrower than the tree.
    pub scope: Vec<&'t str>,
    /// The steps, in order.
    pub steps: Vec<Step<'t>>,
}

/// One step of a ladder: the outcomes that give one advice (the same verdict and headline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'t> {
    /// "Use Microsoft Teams".
    pub headline: &'t str,
    /// The verdict.
    pub verdict: Verdict,
    /// Who the step is for, where that is narrower than the whole ladder: the answers, one
    /// line per question.
    pub applies_to: Vec<String>,
    /// The answers that lead straight to it: "Question? Yes or No", one line per question.
    pub when: Vec<String>,
    /// The conditions every one of its outcomes states on every path.
    pub conditions: Vec<String>,
}

/// An outcome to warn about (not allowed, or not advised).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning<'t> {
    /// "Do not use these tools for SECRET material".
    pub headline: &'t str,
    /// The explanation every path shows, its paragraphs separated by blank lines.
    pub explanation: String,
    /// The answers that lead straight to it: "Question? A or B", one line per question.
    pub when: Vec<String>,
}

/// Outcomes grouped by the advice they give, and every path of the tree.
pub struct Analysis<'t> {
    tree: &'t Tree,
    /// Every path of the tree.
    pub(super) paths: Vec<DecisionPath>,
    /// Group of each node (outcomes only; questions map to `usize::MAX`).
    group_of: Vec<usize>,
    /// Each group's outcomes, in file order.
    groups: Vec<Vec<NodeId>>,
}

/// A ladder as outcome groups, one per step, in order.
type Rungs = Vec<usize>;

impl<'t> Analysis<'t> {
    /// Groups the outcomes of `tree` and lists its paths.
    pub fn new(tree: &'t Tree) -> Self {
        let mut group_of = vec![usize::MAX; tree.nodes.len()];
        let mut groups: Vec<Vec<NodeId>> = Vec::new();
        for id in tree.node_ids() {
            let Some(outcome) = tree.outcome(id) else {
                continue;
            };
            let same = groups.iter().position(|g| {
                tree.outcome(g[0])
                    .is_some_and(|o| o.verdict == outcome.verdict && o.headline == outcome.headline)
            });
            let g = same.unwrap_or_else(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(id);
            group_of[id.index()] = g;
        }
        Analysis {
            tree,
            paths: all_paths(tree),
            group_of,
            groups,
        }
    }

    fn verdict(&self, group: usize) -> Verdict {
        self.tree
            .outcome(self.groups[group][0])
            .map_or(Verdict::AskForHelp, |o| o.verdict)
    }

    fn headline(&self, group: usize) -> &'t str {
        self.tree.node(self.groups[group][0]).title()
    }

    fn is_tool(&self, group: usize) -> bool {
        matches!(
            self.verdict(group),
            Verdict::Recommended | Verdict::AllowedWithConditions
        )
    }

    /// The tools a path passed over, in order, then the group it ends on. An option that leads
    /// to a route leads where the route sends the facts of the path with that answer.
    fn rungs_of(&self, path: &DecisionPath) -> Rungs {
        let mut ladder: Rungs = Vec::new();
        let mut facts = self.tree.no_facts();
        for step in &path.steps {
            let Some(question) = self.tree.question(step.question) else {
                apply(self.tree, *step, &mut facts);
                continue;
            };
            for i in 0..question.options.len() {
                let mut with = facts.clone();
                let answer = PathStep {
                    question: step.question,
                    answer: Answer::Option(i as u16),
                };
                let Some(next) = apply(self.tree, answer, &mut with) else {
                    continue;
                };
                let group = self.group_of[settle(self.tree, next, &with).index()];
                let passed = Some(i) != step.answer.option()
                    && group != usize::MAX
                    && self.is_tool(group)
                    && !ladder.contains(&group);
                if passed {
                    ladder.push(group);
                }
            }
            apply(self.tree, *step, &mut facts);
        }
        let end = self.group_of[path.outcome.index()];
        if !ladder.contains(&end) {
            ladder.push(end);
        }
        ladder
    }

    /// The orders of tools: the longest ladder, then every ladder that shares no step with
    /// those already chosen.
    pub fn ladders(&self) -> Vec<Ladder<'t>> {
        self.rungs().iter().map(|r| self.ladder(r)).collect()
    }

    /// [`Analysis::ladders`] as outcome groups.
    fn rungs(&self) -> Vec<Rungs> {
        let all: Vec<Rungs> = self.paths.iter().map(|p| self.rungs_of(p)).collect();
        // The shortest ladder that ends on each group.
        let mut shortest_to = vec![usize::MAX; self.groups.len()];
        for ladder in &all {
            if let Some(&end) = ladder.last() {
                shortest_to[end] = shortest_to[end].min(ladder.len());
            }
        }
        let mut candidates: Vec<Rungs> = all.into_iter().filter(|l| l.len() > 1).collect();
        // Among ladders of one length, prefer the one whose last step is reached only after
        // the most tools were ruled out: "no approved tool" rather than an "I'm not sure"
        // exit that every step offers. Stable, so then the first path in the tree wins.
        candidates.sort_by_key(|l| {
            let end = l.last().map_or(0, |&g| shortest_to[g]);
            std::cmp::Reverse((l.len(), end))
        });
        let mut chosen: Vec<Rungs> = Vec::new();
        for ladder in candidates {
            if chosen.iter().flatten().all(|g| !ladder.contains(g)) {
                chosen.push(ladder);
            }
        }
        chosen
    }

    /// The paths that end on an outcome of `group`.
    fn paths_to(&self, group: usize) -> impl Iterator<Item = &DecisionPath> {
        self.paths
            .iter()
            .filter(move |p| self.group_of[p.outcome.index()] == group)
    }

    /// "Question? Yes or No" for every answer that leads straight to the group, one line per
    /// question text.
    fn when_lines(&self, group: usize) -> Vec<String> {
        let last_steps = self.paths_to(group).filter_map(|p| p.steps.last().copied());
        self.answer_lines(last_steps)
    }

    /// Who a step applies to: the answers, at the questions every path of the ladder asks,
    /// where this step's answers are narrower than the whole ladder's.
    /// An answer that leads to a question only some paths ask ("I'm not sure", then an
    /// explanation) is not who the step is for: the later answer is.
    fn applies_to(&self, group: usize, ladder: &Rungs) -> Vec<String> {
        let common = self.common_questions(ladder);
        let decided = |step: &PathStep| {
            let next = step
                .answer
                .option()
                .and_then(|i| Some(self.tree.question(step.question)?.options.get(i)?.next));
            next.is_none_or(|n| self.tree.question(n).is_none() || common.contains(&n))
        };
        common
            .iter()
            .copied()
            .filter(|&q| self.narrowed_at(group, ladder, q))
            .flat_map(|q| {
                let steps: Vec<PathStep> = self
                    .steps_at(&[group], q)
                    .into_iter()
                    .filter(decided)
                    .collect();
                self.by_question(steps)
            })
            .map(|(_, labels)| labels.join(", "))
            .collect()
    }

    /// The answers given at `question` on the paths that end on one of `groups`.
    fn steps_at(&self, groups: &[usize], question: NodeId) -> Vec<PathStep> {
        self.paths
            .iter()
            .filter(|p| groups.contains(&self.group_of[p.outcome.index()]))
            .flat_map(|p| p.steps.iter().copied())
            .filter(|s| s.question == question)
            .collect()
    }

    /// Whether the ladder's paths leave out an answer to `question` that leads on to another
    /// question or a route rather than straight to an outcome.
    fn leaves_out_a_way_on(&self, ladder: &Rungs, question: NodeId) -> bool {
        let taken = choices(&self.steps_at(ladder, question));
        self.tree.question(question).is_some_and(|q| {
            q.options.iter().enumerate().any(|(i, option)| {
                !taken.contains(&(i as u16)) && self.tree.outcome(option.next).is_none()
            })
        })
    }

    /// Whether the group's answers at `question` are narrower than the ladder's.
    fn narrowed_at(&self, group: usize, ladder: &Rungs, question: NodeId) -> bool {
        choices(&self.steps_at(&[group], question)) != choices(&self.steps_at(ladder, question))
    }

    /// The questions asked on every path that ends on a step of the ladder, before the ladder
    /// starts (a question with an answer that leads straight to a step is part of the ladder
    /// itself), in file order.
    fn common_questions(&self, ladder: &Rungs) -> Vec<NodeId> {
        let mut paths = self
            .paths
            .iter()
            .filter(|p| ladder.contains(&self.group_of[p.outcome.index()]));
        let Some(first) = paths.next() else {
            return Vec::new();
        };
        let mut common: Vec<NodeId> = first.steps.iter().map(|s| s.question).collect();
        for path in paths {
            common.retain(|q| path.steps.iter().any(|s| s.question == *q));
        }
        common.retain(|&q| {
            self.signature(q)
                .iter()
                .all(|(_, group)| !ladder.contains(group))
        });
        common.sort();
        common
    }

    /// The conditions every outcome of the group states, in the first outcome's order.
    fn conditions(&self, group: usize) -> Vec<String> {
        let outcomes: Vec<_> = self.groups[group]
            .iter()
            .filter_map(|&id| self.tree.outcome(id))
            .collect();
        let Some((first, rest)) = outcomes.split_first() else {
            return Vec::new();
        };
        // Conditions shown only on some paths are left out: the sheet speaks for every path.
        let always = |o: &'t Outcome| -> Vec<&'t str> {
            o.conditions
                .iter()
                .filter(|c| c.when.is_always())
                .map(|c| c.item.as_str())
                .collect()
        };
        let others: Vec<Vec<&str>> = rest.iter().map(|o| always(o)).collect();
        always(first)
            .into_iter()
            .filter(|c| others.iter().all(|o| o.contains(c)))
            .map(str::to_string)
            .collect()
    }

    /// The ladder the page shows for `rungs`: what it is for, and each step.
    fn ladder(&self, rungs: &Rungs) -> Ladder<'t> {
        // The answers every step shares (documents and messages, or calls) name the ladder,
        // where they leave out a way on to other questions (not only answers that end at once).
        let scope = self
            .common_questions(rungs)
            .into_iter()
            .filter(|&q| rungs.iter().all(|&g| !self.narrowed_at(g, rungs, q)))
            .filter(|&q| self.leaves_out_a_way_on(rungs, q))
            .flat_map(|q| self.by_question(self.steps_at(rungs, q)))
            .flat_map(|(_, labels)| labels)
            .collect();
        let steps = rungs
            .iter()
            .map(|&g| Step {
                headline: self.headline(g),
                verdict: self.verdict(g),
                applies_to: self.applies_to(g, rungs),
                when: self.when_lines(g),
                conditions: self.conditions(g),
            })
            .collect();
        Ladder { scope, steps }
    }

    /// The answers of `steps` by question, in file order, answers in option order. The same
    /// question asked in parallel branches (same wording, or options that lead to the same
    /// places) with the same answers is listed once, under its first asking.
    fn by_question(
        &self,
        steps: impl IntoIterator<Item = PathStep>,
    ) -> Vec<(&'t str, Vec<&'t str>)> {
        let tree = self.tree;
        let mut steps: Vec<PathStep> = steps.into_iter().collect();
        steps.sort_by_key(|s| (s.question, s.answer));
        steps.dedup();
        let mut by_question: Vec<(NodeId, Vec<&str>)> = Vec::new();
        for step in steps {
            let (Some(question), Some(choice)) =
                (tree.question(step.question), step.answer.option())
            else {
                continue;
            };
            let label = question.options[choice].label.as_str();
            match by_question.last_mut() {
                Some((id, labels)) if *id == step.question => labels.push(label),
                _ => by_question.push((step.question, vec![label])),
            }
        }
        let mut kept: Vec<(NodeId, Vec<&str>)> = Vec::new();
        for (id, labels) in by_question {
            let parallel = kept.iter().any(|(seen, seen_labels)| {
                *seen_labels == labels
                    && (tree.node(*seen).title() == tree.node(id).title()
                        || self.signature(*seen) == self.signature(id))
            });
            if !parallel {
                kept.push((id, labels));
            }
        }
        kept.into_iter()
            .map(|(id, labels)| (tree.node(id).title(), labels))
            .collect()
    }

    /// A question's options as (label, where it leads: an outcome group, or any question).
    fn signature(&self, question: NodeId) -> Vec<(&'t str, usize)> {
        self.tree
            .question(question)
            .map(|q| {
                q.options
                    .iter()
                    .map(|o| (o.label.as_str(), self.group_of[o.next.index()]))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// "Question? A or B", one line per question as [`Analysis::by_question`] lists them.
    pub(super) fn answer_lines(&self, steps: impl IntoIterator<Item = PathStep>) -> Vec<String> {
        self.by_question(steps)
            .into_iter()
            .map(|(text, labels)| format!("{text} {}", labels.join(" or ")))
            .collect()
    }

    /// The outcomes with `verdict` (not allowed, or not advised), one per advice, with the
    /// answers that lead to them.
    pub fn warnings(&self, verdict: Verdict) -> Vec<Warning<'t>> {
        (0..self.groups.len())
            .filter(|&g| self.verdict(g) == verdict)
            .map(|g| Warning {
                headline: self.headline(g),
                explanation: self
                    .tree
                    .outcome(self.groups[g][0])
                    .map(|o| {
                        let always = o.explanation.iter().filter(|p| p.when.is_always());
                        always
                            .map(|p| p.item.as_str())
                            .collect::<Vec<_>>()
                            .join("\n\n")
                    })
                    .unwrap_or_default(),
                when: self.when_lines(g),
            })
            .collect()
    }
}

/// The sorted, distinct option indices of `steps`.
fn choices(steps: &[PathStep]) -> Vec<u16> {
    let mut choices: Vec<u16> = steps
        .iter()
        .filter_map(|s| s.answer.option().map(|i| i as u16))
        .collect();
    choices.sort_unstable();
    choices.dedup();
    choices
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::test_tree;

    fn headlines<'t>(ladder: &Ladder<'t>) -> Vec<&'t str> {
        ladder.steps.iter().map(|s| s.headline).collect()
    }

    #[test]
    fn the_order_of_tools_in_share_is_teams_then_cjsm_then_egress_then_email() {
        let share = crate::catalog::shipped("share");
        let ladders = Analysis::new(&share).ladders();
        assert_eq!(
            headlines(&ladders[0]),
            [
                "Use Microsoft Teams",
                "Use CJSE or CJSM",
                "Use Egress or Galaxkey, on an MoJ-issued device",
                "Use official MoJ email",
            ]
        );
        let verdicts: Vec<Verdict> = ladders[0].steps.iter().map(|s| s.verdict).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Recommended,
                Verdict::Recommended,
                Verdict::AllowedWithConditions,
                Verdict::AllowedWithConditions,
            ]
        );
        assert_eq!(
            ladders[0].scope,
            ["Share documents or files", "Send a message"]
        );
        assert_eq!(
            ladders[1].scope,
            ["Hold a call or meeting"],
            "the calls ladder shares no step with the first"
        );
        assert_eq!(ladders.len(), 2);
    }

    /// Documents: Teams? → CJSM? → Email? (no: ask the Security team); a call: Teams call?
    /// (no: ask).
    fn two_ladders() -> Tree {
        test_tree(
            "{}",
            "what",
            r#"{
                "what": Question(text: "What?", options: [Option(label: "Documents", next: "teams-q"), Option(label: "A call", next: "call-q")]),
                "teams-q": Question(text: "Teams?", options: [Option(label: "Yes", next: "teams"), Option(label: "No", next: "cjsm-q")]),
                "cjsm-q": Question(text: "CJSM?", options: [Option(label: "Yes", next: "cjsm"), Option(label: "No", next: "email-q")]),
                "email-q": Question(text: "Email?", options: [Option(label: "Yes", next: "email"), Option(label: "No", next: "ask-security")]),
                "call-q": Question(text: "Teams call?", options: [Option(label: "Yes", next: "teams-call"), Option(label: "No", next: "ask")]),
                "teams": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "cjsm": Outcome(verdict: "recommended", headline: "Use CJSM", explanation: "e"),
                "email": Outcome(verdict: "allowed-with-conditions", headline: "Use email", explanation: "e"),
                "ask-security": Outcome(verdict: "ask-for-help", headline: "Ask the Security team", explanation: "e"),
                "teams-call": Outcome(verdict: "recommended", headline: "Call on Teams", explanation: "e"),
                "ask": Outcome(verdict: "ask-for-help", headline: "Ask", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn a_ladder_is_the_tools_a_path_passes_over_then_where_it_ends() {
        let tree = two_ladders();
        let ladders = Analysis::new(&tree).ladders();
        let found: Vec<(Vec<&str>, Vec<&str>)> = ladders
            .iter()
            .map(|l| (l.scope.clone(), headlines(l)))
            .collect();
        assert_eq!(
            found,
            [
                (
                    vec!["Documents"],
                    vec![
                        "Use Teams",
                        "Use CJSM",
                        "Use email",
                        "Ask the Security team"
                    ]
                ),
                (vec!["A call"], vec!["Call on Teams", "Ask"]),
            ],
            "the shorter ladders of documents share steps with the longest, so they are not shown"
        );
        let when: Vec<&[String]> = ladders[0].steps.iter().map(|s| &s.when[..]).collect();
        assert_eq!(
            when,
            [["Teams? Yes"], ["CJSM? Yes"], ["Email? Yes"], ["Email? No"]]
        );
        assert!(ladders[0].steps.iter().all(|s| s.applies_to.is_empty()));
    }

    /// Class? (SECRET: not allowed) → Who? (a colleague: Teams; a partner: Can they use
    /// Teams? (yes: Teams, no: email); personal: not allowed).
    fn repeated_advice() -> Tree {
        test_tree(
            "{}",
            "class",
            r#"{
                "class": Question(text: "Class?", options: [Option(label: "OFFICIAL", next: "who"), Option(label: "SECRET", next: "no-secret")]),
                "who": Question(text: "Who?", options: [Option(label: "Colleague", next: "teams-a"), Option(label: "Partner", next: "teams-q"), Option(label: "Personal", next: "no-personal")]),
                "teams-q": Question(text: "Can they use Teams?", options: [Option(label: "Yes", next: "teams-b"), Option(label: "No", next: "email")]),
                "teams-a": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e", conditions: ["Sign in.", "Keep a copy."]),
                "teams-b": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e", conditions: ["Sign in."]),
                "email": Outcome(verdict: "allowed-with-conditions", headline: "Use email", explanation: "e"),
                "no-secret": Outcome(verdict: "not-allowed", headline: "Not allowed", explanation: "Never above OFFICIAL."),
                "no-personal": Outcome(verdict: "not-allowed", headline: "Not allowed", explanation: "Never personal."),
            }"#,
        )
    }

    #[test]
    fn outcomes_with_the_same_verdict_and_headline_are_one_step() {
        let tree = repeated_advice();
        let analysis = Analysis::new(&tree);
        let ladders = analysis.ladders();
        assert_eq!(ladders.len(), 1);
        assert_eq!(headlines(&ladders[0]), ["Use Teams", "Use email"]);
        let teams = &ladders[0].steps[0];
        assert_eq!(teams.when, ["Who? Colleague", "Can they use Teams? Yes"]);
        assert_eq!(
            teams.conditions,
            ["Sign in."],
            "only the conditions every outcome of the step states"
        );
        let warnings = analysis.warnings(Verdict::NotAllowed);
        assert_eq!(
            warnings,
            [Warning {
                headline: "Not allowed",
                explanation: "Never above OFFICIAL.".to_string(),
                when: vec!["Class? SECRET".to_string(), "Who? Personal".to_string()],
            }]
        );
        assert!(analysis.warnings(Verdict::NotAdvised).is_empty());
    }
}

//! `signpost cheatsheet`: one printable page for new starters, derived entirely from the loaded
//! trees — no policy wording lives here.
//!
//! * **The order of tools** comes from the shape of the order tree (`share` by default). On
//!   every path, an option not taken that leads straight to a recommendation is a tool the path
//!   passed over; the tools passed over, in order, followed by where the path ends, form a
//!   ladder. The longest ladder is the order of tools (Teams, then CJSE or CJSM, then Egress or
//!   Galaxkey, then official email, then ask for help); a ladder sharing no step with it (calls
//!   and meetings) is shown too. Outcomes with the same verdict and headline are one step. Each
//!   step shows the answers that lead to it (grouped by question) and the conditions every one
//!   of its outcomes states.
//! * **Not allowed** lists the tree's not-allowed outcomes with the answers that lead to them
//!   (the classification limit, personal accounts), and **Not advised** its not-advised ones
//!   (what the guidance says to avoid).
//! * **Apps** is one row per answer to the apps tree's first question: the most the app is
//!   allowed and the answers that lead there, the other verdicts it can end on, and the
//!   register's limits.
//! * **Contacts** are those the two trees name, from `contacts.ron`.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CheatsheetArgs, CheatsheetFormat, Global};
use signpost::record::contact_line;
use signpost::text::wrap_hanging;
use signpost::tree::model::ContactEntry;
use signpost::tree::paths::{Answer, DecisionPath, PathStep, all_paths, apply, settle};
use signpost::tree::{NodeId, Outcome, Tree, Verdict};

/// Width the text format wraps at.
const TEXT_WIDTH: usize = 78;

/// Runs the command.
pub fn run(global: &Global, args: &CheatsheetArgs) -> Result<ExitCode> {
    let order = super::resolve_tree(global, &args.order_tree)?;
    let apps = super::resolve_tree(global, &args.apps_tree)?;
    let page = cheatsheet(&order, &apps);
    let mut out = super::stdout();
    match args.format {
        CheatsheetFormat::Markdown => write!(out, "{}", page.markdown())?,
        CheatsheetFormat::Text => write!(out, "{}", page.text())?,
    }
    super::finish(out, 0)
}

/// The page as blocks, rendered to Markdown or text.
struct Page {
    blocks: Vec<Block>,
}

enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Numbered when `numbered`; each item may carry indented lines.
    List {
        numbered: bool,
        items: Vec<(String, Vec<String>)>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Builds the page from the order tree and the apps tree.
fn cheatsheet(order: &Tree, apps: &Tree) -> Page {
    let analysis = Analysis::new(order);
    let mut blocks = vec![
        Block::Title(format!("Cheat sheet: {}", order.title)),
        Block::Paragraph(format!(
            "From the `{}` tree (version {}, review by {}) and the `{}` tree (version {}, review by {}). Walk the trees with `signpost` for the quoted guidance behind every step.",
            order.id, order.version, order.review_by, apps.id, apps.version, apps.review_by
        )),
    ];
    for ladder in analysis.ladders() {
        blocks.extend(analysis.ladder_blocks(&ladder));
    }
    blocks.extend(analysis.warning_blocks(Verdict::NotAllowed));
    blocks.extend(analysis.warning_blocks(Verdict::NotAdvised));
    blocks.push(Block::Heading(apps.title.clone()));
    blocks.push(app_table(apps));
    blocks.push(Block::Heading("Contacts".to_string()));
    blocks.push(Block::List {
        numbered: false,
        items: contacts(&[order, apps])
            .into_iter()
            .map(|c| (contact_line(&c.contact), Vec::new()))
            .collect(),
    });
    Page { blocks }
}

/// Outcomes grouped by the advice they give, and every path of the tree.
struct Analysis<'t> {
    tree: &'t Tree,
    paths: Vec<DecisionPath>,
    /// Group of each node (outcomes only; questions map to `usize::MAX`).
    group_of: Vec<usize>,
    /// Each group's outcomes, in file order.
    groups: Vec<Vec<NodeId>>,
}

/// One step of a ladder: a group of outcomes that give the same advice.
type Ladder = Vec<usize>;

impl<'t> Analysis<'t> {
    fn new(tree: &'t Tree) -> Self {
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
    fn ladder_of(&self, path: &DecisionPath) -> Ladder {
        let mut ladder: Ladder = Vec::new();
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

    /// The longest ladder, then every ladder that shares no step with those already chosen.
    fn ladders(&self) -> Vec<Ladder> {
        let all: Vec<Ladder> = self.paths.iter().map(|p| self.ladder_of(p)).collect();
        // The shortest ladder that ends on each group.
        let mut shortest_to = vec![usize::MAX; self.groups.len()];
        for ladder in &all {
            if let Some(&end) = ladder.last() {
                shortest_to[end] = shortest_to[end].min(ladder.len());
            }
        }
        let mut candidates: Vec<Ladder> = all.into_iter().filter(|l| l.len() > 1).collect();
        // Among ladders of one length, prefer the one whose last step is reached only after
        // the most tools were ruled out: "no approved tool" rather than an "I'm not sure"
        // exit that every step offers. Stable, so then the first path in the tree wins.
        candidates.sort_by_key(|l| {
            let end = l.last().map_or(0, |&g| shortest_to[g]);
            std::cmp::Reverse((l.len(), end))
        });
        let mut chosen: Vec<Ladder> = Vec::new();
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
    fn applies_to(&self, group: usize, ladder: &Ladder) -> Vec<String> {
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
    fn leaves_out_a_way_on(&self, ladder: &Ladder, question: NodeId) -> bool {
        let taken = choices(&self.steps_at(ladder, question));
        self.tree.question(question).is_some_and(|q| {
            q.options.iter().enumerate().any(|(i, option)| {
                !taken.contains(&(i as u16)) && self.tree.outcome(option.next).is_none()
            })
        })
    }

    /// Whether the group's answers at `question` are narrower than the ladder's.
    fn narrowed_at(&self, group: usize, ladder: &Ladder, question: NodeId) -> bool {
        choices(&self.steps_at(&[group], question)) != choices(&self.steps_at(ladder, question))
    }

    /// The questions asked on every path that ends on a step of the ladder, before the ladder
    /// starts (a question with an answer that leads straight to a step is part of the ladder
    /// itself), in file order.
    fn common_questions(&self, ladder: &Ladder) -> Vec<NodeId> {
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

    fn ladder_blocks(&self, ladder: &Ladder) -> Vec<Block> {
        // The answers every step shares (documents and messages, or calls) name the ladder,
        // where they leave out a way on to other questions (not only answers that end at once).
        let scope: Vec<&str> = self
            .common_questions(ladder)
            .into_iter()
            .filter(|&q| ladder.iter().all(|&g| !self.narrowed_at(g, ladder, q)))
            .filter(|&q| self.leaves_out_a_way_on(ladder, q))
            .flat_map(|q| self.by_question(self.steps_at(ladder, q)))
            .flat_map(|(_, labels)| labels)
            .collect();
        let heading = match scope.is_empty() {
            true => "The order of tools".to_string(),
            false => format!("The order of tools: {}", scope.join(", ")),
        };
        let items = ladder
            .iter()
            .map(|&g| {
                let mut lines: Vec<String> = self
                    .applies_to(g, ladder)
                    .into_iter()
                    .map(|l| format!("For: {l}"))
                    .collect();
                lines.extend(self.when_lines(g).into_iter().map(|l| format!("When: {l}")));
                lines.extend(self.conditions(g));
                (
                    format!("**{}** ({})", self.headline(g), self.verdict(g).label()),
                    lines,
                )
            })
            .collect();
        vec![
            Block::Heading(heading),
            Block::Paragraph(
                "Try each step in order; go to the next only when the one before is not possible."
                    .to_string(),
            ),
            Block::List {
                numbered: true,
                items,
            },
        ]
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
    fn answer_lines(&self, steps: impl IntoIterator<Item = PathStep>) -> Vec<String> {
        self.by_question(steps)
            .into_iter()
            .map(|(text, labels)| format!("{text} {}", labels.join(" or ")))
            .collect()
    }

    /// The outcomes with `verdict` (not allowed, or not advised) with the answers that lead to
    /// them, under the verdict as a heading.
    fn warning_blocks(&self, verdict: Verdict) -> Vec<Block> {
        let items: Vec<(String, Vec<String>)> = (0..self.groups.len())
            .filter(|&g| self.verdict(g) == verdict)
            .map(|g| {
                let explanation = self
                    .tree
                    .outcome(self.groups[g][0])
                    .map(|o| {
                        let always = o.explanation.iter().filter(|p| p.when.is_always());
                        always
                            .map(|p| p.item.as_str())
                            .collect::<Vec<_>>()
                            .join("\n\n")
                    })
                    .unwrap_or_default();
                let mut lines = vec![explanation];
                lines.extend(self.when_lines(g).into_iter().map(|l| format!("When: {l}")));
                (format!("**{}**", self.headline(g)), lines)
            })
            .collect();
        if items.is_empty() {
            return Vec::new();
        }
        vec![
            Block::Heading(verdict.label().to_string()),
            Block::List {
                numbered: false,
                items,
            },
        ]
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

/// One row per answer to the apps tree's first question: the most the app is allowed (its first
/// outcome in the order of [`Verdict::ALL`], recommended first), the answers that lead there,
/// what else the app can end on, and what the register says of it.
fn app_table(tree: &Tree) -> Block {
    let analysis = Analysis::new(tree);
    let options = tree
        .question(tree.start)
        .map_or(&[][..], |q| q.options.as_slice());
    let rank = |verdict: Verdict| Verdict::ALL.iter().position(|&v| v == verdict);
    let rows = options
        .iter()
        .enumerate()
        .filter_map(|(choice, option)| {
            let paths: Vec<&DecisionPath> = analysis
                .paths
                .iter()
                .filter(|p| p.steps.first().and_then(|s| s.answer.option()) == Some(choice))
                .collect();
            let verdict_of = |p: &DecisionPath| tree.outcome(p.outcome).map(|o| o.verdict);
            let best = paths.iter().min_by_key(|p| verdict_of(p).and_then(rank))?;
            let verdict = verdict_of(best)?;
            let app = option.label.as_str();
            // Every outcome with that verdict, in the order paths reach them.
            let mut ends: Vec<NodeId> = Vec::new();
            for path in paths.iter().filter(|p| verdict_of(p) == Some(verdict)) {
                if !ends.contains(&path.outcome) {
                    ends.push(path.outcome);
                }
            }
            // "Zoom: external meetings only" in the Zoom row reads "external meetings only".
            let headline = |end: NodeId| {
                let title = tree.node(end).title();
                title.strip_prefix(&format!("{app}: ")).unwrap_or(title)
            };
            let when_at = |end: NodeId| {
                let steps = paths
                    .iter()
                    .filter(|p| p.outcome == end)
                    .flat_map(|p| p.steps[1..].iter().copied());
                analysis.answer_lines(steps).join("; ")
            };
            let (headlines, when): (Vec<&str>, Vec<String>) = match ends.as_slice() {
                [one] => (vec![headline(*one)], vec![when_at(*one)]),
                many => many
                    .iter()
                    .map(|&end| {
                        (
                            headline(end),
                            format!("{}: {}", headline(end), when_at(end)),
                        )
                    })
                    .unzip(),
            };
            let mut otherwise: Vec<Verdict> = paths
                .iter()
                .filter_map(|p| verdict_of(p))
                .filter(|&v| v != verdict)
                .collect();
            otherwise.sort_by_key(|&v| rank(v));
            otherwise.dedup();
            let otherwise: Vec<&str> = otherwise.iter().map(|v| v.label()).collect();
            // What the register says of the tool: the outcome names it, or quotes its row.
            let outcome = tree.outcome(best.outcome)?;
            let shown = outcome.shown(Some(&best.facts));
            let mut tools = tree.tools_of(outcome);
            tools.extend(shown.guidance.iter().filter_map(|p| tree.tool_row(p)));
            let register = tools
                .first()
                .map_or(String::new(), |tool| tool.limits().join(" · "));
            Some(vec![
                app.to_string(),
                format!("{} — {}", verdict.label(), headlines.join("; ")),
                when.join("; "),
                otherwise.join(", "),
                register,
            ])
        })
        .collect();
    Block::Table {
        header: ["App", "At most", "When", "Otherwise", "The register"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// The contacts the trees name, each once, in the order first named.
fn contacts<'a>(trees: &[&'a Tree]) -> Vec<&'a ContactEntry> {
    let mut out: Vec<&ContactEntry> = Vec::new();
    for entry in trees.iter().flat_map(|t| &t.contacts) {
        if out.iter().all(|e| e.id != entry.id) {
            out.push(entry);
        }
    }
    out
}

impl Page {
    /// The page as Markdown.
    fn markdown(&self) -> String {
        let mut md = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => {
                    let _ = writeln!(md, "# {t}\n");
                }
                Block::Heading(h) => {
                    let _ = writeln!(md, "## {h}\n");
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(md, "{p}\n");
                }
                Block::List { numbered, items } => {
                    for (i, (item, lines)) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}.", i + 1)
                        } else {
                            "-".to_string()
                        };
                        let _ = writeln!(md, "{marker} {item}");
                        let indent = " ".repeat(marker.len() + 1);
                        for line in lines {
                            let _ = writeln!(md, "{indent}- {line}");
                        }
                    }
                    md.push('\n');
                }
                Block::Table { header, rows } => {
                    let _ = writeln!(md, "| {} |", header.join(" | "));
                    let _ = writeln!(md, "|{}", "---|".repeat(header.len()));
                    for row in rows {
                        let cells: Vec<String> =
                            row.iter().map(|c| c.replace('|', "\\|")).collect();
                        let _ = writeln!(md, "| {} |", cells.join(" | "));
                    }
                    md.push('\n');
                }
            }
        }
        md.truncate(md.trim_end().len());
        md.push('\n');
        md
    }

    /// The page as plain text, wrapped for printing.
    fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(t) => {
                    let t = plain(t);
                    let _ = writeln!(out, "{t}\n{}\n", "=".repeat(t.chars().count()));
                }
                Block::Heading(h) => {
                    let h = plain(h);
                    let _ = writeln!(out, "{h}\n{}\n", "-".repeat(h.chars().count()));
                }
                Block::Paragraph(p) => {
                    out.push_str(&wrap(&plain(p), "", ""));
                    out.push('\n');
                }
                Block::List { numbered, items } => {
                    for (i, (item, lines)) in items.iter().enumerate() {
                        let marker = if *numbered {
                            format!("{}. ", i + 1)
                        } else {
                            "* ".to_string()
                        };
                        let hang = " ".repeat(marker.len());
                        out.push_str(&wrap(&plain(item), &marker, &hang));
                        let sub_first = format!("{hang}- ");
                        let sub_hang = format!("{hang}  ");
                        for line in lines {
                            out.push_str(&wrap(&plain(line), &sub_first, &sub_hang));
                        }
                    }
                    out.push('\n');
                }
                Block::Table { rows, .. } => {
                    for row in rows {
                        let mut line = match row[1].is_empty() {
                            true => format!("{}: {} — {}", row[0], row[2], row[3]),
                            false => format!("{} ({}): {} — {}", row[0], row[1], row[2], row[3]),
                        };
                        // The register's limits, where the row has them.
                        if let Some(register) = row.get(4).filter(|r| !r.is_empty()) {
                            line.push_str(&format!(" [{register}]"));
                        }
                        out.push_str(&wrap(&line, "* ", "  "));
                    }
                    out.push('\n');
                }
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// Markdown emphasis and code marks dropped, for the text format.
fn plain(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}

/// `text` wrapped at [`TEXT_WIDTH`], the first line after `first`, the rest after `hang`, each
/// line ended with a newline.
fn wrap(text: &str, first: &str, hang: &str) -> String {
    wrap_hanging(text, TEXT_WIDTH, first, hang)
        .into_iter()
        .map(|line| line + "\n")
        .collect()
}

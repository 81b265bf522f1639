//! `signpost policy`: the shared policy as authors review it — the fact vocabulary, the register
//! of tools (as cards, with their sources) and every rule (written, made from the register, or
//! a tree's own) with where it comes from and how many answer paths it covers in each tree.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::{Global, PolicyArgs, PolicyFormat};
use signpost::catalog::{Catalog, Selection};
use signpost::diagnostic::plural;
use signpost::tree::facts::Truth;
use signpost::tree::model::RuleOrigin;
use signpost::tree::paths::for_each_path;
use signpost::tree::{Fact, Passage, Policy, PolicyRule, Source, Tree};

/// Runs the command.
pub fn run(global: &Global, args: &PolicyArgs) -> Result<ExitCode> {
    let mut paths = global.trees.clone();
    paths.extend(args.paths.iter().cloned());
    let catalog = Catalog::load(&Selection::new(args.paths.is_empty(), paths).previewing());
    let (errors, _) = catalog.counts();
    let report = Report::new(&catalog);
    let mut out = super::stdout();
    match args.format {
        PolicyFormat::Text => write!(out, "{}", report.text())?,
        PolicyFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report.json())?)?,
    }
    if errors > 0 {
        writeln!(
            out,
            "\n{} found while loading: run `signpost check` to see them.",
            plural(errors, "error")
        )?;
    }
    super::finish(out, u8::from(errors > 0))
}

/// One rule with where it is written and the paths it covers in each tree.
struct RuleLine<'c> {
    rule: &'c PolicyRule,
    /// The rule's tree, for a tree's own rule.
    tree: Option<&'c Tree>,
    /// (tree id, paths where the rule's `when` holds, all paths) for each tree it is about.
    coverage: Vec<(&'c str, usize, usize)>,
}

/// Everything the command prints.
struct Report<'c> {
    policy: &'c Policy,
    facts: Vec<Fact>,
    rules: Vec<RuleLine<'c>>,
}

impl<'c> Report<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        let policy = &catalog.policy;
        let counts: Vec<Coverage> = catalog.trees.iter().map(coverage).collect();
        let mut rules: Vec<RuleLine> = policy
            .rules
            .iter()
            .map(|rule| RuleLine {
                rule,
                tree: None,
                coverage: counts
                    .iter()
                    .filter_map(|c| Some((c.tree.id.as_str(), c.of(&rule.id)?, c.paths)))
                    .collect(),
            })
            .collect();
        for c in &counts {
            for rule in &c.tree.rules {
                rules.push(RuleLine {
                    rule,
                    tree: Some(c.tree),
                    coverage: vec![(c.tree.id.as_str(), c.of(&rule.id).unwrap_or(0), c.paths)],
                });
            }
        }
        Report {
            policy,
            facts: policy.facts.iter().map(|f| f.fact.clone()).collect(),
            rules,
        }
    }

    /// The document a rule's passage quotes.
    fn source(&self, line: &RuleLine<'c>) -> &'c Source {
        match line.tree {
            Some(tree) => tree.source(&line.rule.source),
            None => self.policy.source(&line.rule.source),
        }
    }

    /// The rule's `when` in words, over the facts it was written with.
    fn when(&self, line: &RuleLine) -> String {
        let facts = line.tree.map_or(&self.facts[..], |t| &t.facts[..]);
        match line.rule.when.is_always() {
            true => "every path".to_string(),
            false => line.rule.when.describe(facts),
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        let policy = self.policy;
        if policy.origin.is_empty() {
            out.push_str("No shared policy is loaded.\n");
        } else {
            let review = policy
                .review_by
                .map_or(String::new(), |d| format!(", review by {d}"));
            out.push_str(&format!(
                "Shared policy: {} ({}, version {}{review})\n",
                policy.origin, policy.owner, policy.version
            ));
        }
        if !policy.facts.is_empty() {
            out.push_str("\nFacts every tree shares\n");
            for shared in &policy.facts {
                let values: Vec<String> = shared
                    .fact
                    .values
                    .iter()
                    .map(|v| format!("{} ({})", v.value, v.label))
                    .collect();
                out.push_str(&format!(
                    "  {} — {}: {}\n",
                    shared.fact.key,
                    shared.says,
                    values.join(", ")
                ));
            }
        }
        if !policy.tools.is_empty() {
            out.push_str(&format!(
                "\nRegister of approved tools ({})\n",
                policy.tools.len()
            ));
            for tool in &policy.tools {
                out.push_str(&format!("  {}: {}\n", tool.id, tool.card()));
                for passage in &tool.sources {
                    out.push_str(&format!("    {}\n", cite(policy.source(passage), passage)));
                }
            }
        }
        out.push_str(&format!("\nRules ({})\n", self.rules.len()));
        for line in &self.rules {
            let rule = line.rule;
            let origin = match (&rule.origin, line.tree) {
                (RuleOrigin::Register(tool), _) => {
                    format!("made from the register entry \"{tool}\"")
                }
                (_, Some(tree)) => format!("the {} tree's own", tree.id),
                _ => "written in the policy".to_string(),
            };
            out.push_str(&format!("  {} ({origin})\n", rule.id));
            out.push_str(&format!("    {}\n", rule.says));
            out.push_str(&format!("    When: {}\n", self.when(line)));
            if !rule.tools.is_empty() {
                out.push_str(&format!("    Tools: {}\n", rule.tools.join(", ")));
            }
            let never: Vec<&str> = rule.never.iter().map(|v| v.label()).collect();
            out.push_str(&format!("    Never: {}\n", never.join(", ")));
            out.push_str(&format!("    {}\n", cite(self.source(line), &rule.source)));
            let covers: Vec<String> = line
                .coverage
                .iter()
                .map(|(tree, n, all)| format!("{tree} {n} of {all}"))
                .collect();
            let covers = match covers.is_empty() {
                true => "no loaded tree asks about these facts".to_string(),
                false => covers.join("; "),
            };
            out.push_str(&format!("    Answer paths it covers: {covers}\n"));
        }
        out
    }

    fn json(&self) -> Value {
        let policy = self.policy;
        let passage = |source: &Source, p: &Passage| json!({"source": source.title, "section": p.section, "quote": p.quote});
        let facts: Vec<Value> = policy
            .facts
            .iter()
            .map(|f| {
                let values: Vec<Value> = f
                    .fact
                    .values
                    .iter()
                    .map(|v| json!({"value": v.value, "label": v.label}))
                    .collect();
                json!({"key": f.fact.key, "says": f.says, "values": values})
            })
            .collect();
        let tools: Vec<Value> = policy
            .tools
            .iter()
            .map(|t| {
                let sources: Vec<Value> = t
                    .sources
                    .iter()
                    .map(|p| passage(policy.source(p), p))
                    .collect();
                json!({
                    "id": t.id, "name": t.name, "aliases": t.aliases, "card": t.card(),
                    "used_for": t.used_for, "up_to": t.up_to, "audience": t.audience_words(),
                    "avoid": t.avoid, "conditions": t.conditions, "access": t.access,
                    "sources": sources,
                })
            })
            .collect();
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|line| {
                let rule = line.rule;
                let (origin, tool) = match (&rule.origin, line.tree) {
                    (RuleOrigin::Register(tool), _) => ("register", Some(tool.as_str())),
                    (_, Some(_)) => ("tree", None),
                    _ => ("policy", None),
                };
                let paths: serde_json::Map<String, Value> = line
                    .coverage
                    .iter()
                    .map(|(tree, n, all)| (tree.to_string(), json!({"covered": n, "of": all})))
                    .collect();
                json!({
                    "id": rule.id, "origin": origin, "tool": tool,
                    "tree": line.tree.map(|t| t.id.as_str()),
                    "says": rule.says, "when": self.when(line), "tools": rule.tools,
                    "never": rule.never.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
                    "source": passage(self.source(line), &rule.source),
                    "paths": paths,
                })
            })
            .collect();
        json!({
            "policy": {"file": policy.origin, "owner": policy.owner, "version": policy.version,
                "review_by": policy.review_by.map(|d| d.to_string())},
            "facts": facts, "tools": tools, "rules": rules,
        })
    }
}

/// `Source: "Title" › Section: "quote"`.
fn cite(source: &Source, passage: &Passage) -> String {
    format!(
        "Source: \"{}\" › {}: \"{}\"",
        source.title, passage.section, passage.quote
    )
}

/// How many of a tree's answer paths each rule it keeps covers.
struct Coverage<'t> {
    tree: &'t Tree,
    /// (rule id, paths on which its `when` holds), for its own rules and the shared ones it
    /// can meet.
    rules: Vec<(&'t str, usize)>,
    /// Every answer path of the tree.
    paths: usize,
}

impl Coverage<'_> {
    /// The paths rule `id` covers, if the tree keeps it.
    fn of(&self, id: &str) -> Option<usize> {
        self.rules.iter().find(|(r, _)| *r == id).map(|&(_, n)| n)
    }
}

/// Counts, for each rule the tree keeps, the answer paths on which its `when` holds.
fn coverage(tree: &Tree) -> Coverage<'_> {
    let rules: Vec<&PolicyRule> = tree.rules.iter().chain(&tree.policy_rules).collect();
    let mut counts = vec![0usize; rules.len()];
    let mut paths = 0;
    for_each_path(tree, |_, _, facts| {
        paths += 1;
        for (r, rule) in rules.iter().enumerate() {
            // A row that leaves a checklist item open covers the cases where it holds.
            if rule.when.eval(facts) != Truth::False {
                counts[r] += 1;
            }
        }
    });
    let rules = rules
        .iter()
        .zip(counts)
        .map(|(r, n)| (r.id.as_str(), n))
        .collect();
    Coverage { tree, rules, paths }
}

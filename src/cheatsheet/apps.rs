//! The apps table: one row per answer to the apps tree's first question.

use super::analysis::Analysis;
use crate::tree::paths::DecisionPath;
use crate::tree::{NodeId, Tree, Verdict};

/// One app: the most it is allowed, when, what else it can end on, and what the register says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppRow<'t> {
    /// The app: an answer to the apps tree's first question ("Zoom").
    pub app: &'t str,
    /// The most it is allowed: the first verdict its paths end on in the order of
    /// [`Verdict::ALL`] (recommended first).
    pub verdict: Verdict,
    /// The headlines of its outcomes with that verdict, in the order paths reach them, the
    /// app's name left off ("Zoom: external meetings only" reads "external meetings only").
    pub headlines: Vec<&'t str>,
    /// The later answers that lead there ("Question? A or B; Question? C"); with several
    /// outcomes, one entry for each, after its headline.
    pub when: Vec<String>,
    /// The other verdicts it can end on, best first.
    pub otherwise: Vec<Verdict>,
    /// The register's limits for its tool (the outcome names it, or quotes its row): "approved
    /// up to OFFICIAL", "internal and external use"; empty when there is no such tool.
    pub register: Vec<String>,
}

/// One row per answer to the apps tree's first question, in option order (an answer no path
/// takes has none).
pub fn app_rows(tree: &Tree) -> Vec<AppRow<'_>> {
    let analysis = Analysis::new(tree);
    let options = tree
        .question(tree.start)
        .map_or(&[][..], |q| q.options.as_slice());
    let rank = |verdict: Verdict| Verdict::ALL.iter().position(|&v| v == verdict);
    options
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
            let outcome = tree.outcome(best.outcome)?;
            let shown = outcome.shown(Some(&best.facts));
            let mut tools = tree.tools_of(outcome);
            tools.extend(shown.guidance.iter().filter_map(|p| tree.tool_row(p)));
            Some(AppRow {
                app,
                verdict,
                headlines,
                when,
                otherwise,
                register: tools.first().map(|tool| tool.limits()).unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::test_tree;

    #[test]
    fn the_shipped_apps_table_has_a_row_per_answer_to_the_first_question() {
        let apps = crate::catalog::shipped("apps");
        let rows = app_rows(&apps);
        let answers: Vec<&str> = apps
            .question(apps.start)
            .expect("apps starts with a question")
            .options
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        let named: Vec<&str> = rows.iter().map(|r| r.app).collect();
        assert_eq!(named, answers);
        let teams = rows
            .iter()
            .find(|r| r.app == "Microsoft Teams")
            .expect("a Teams row");
        assert_eq!(teams.verdict, Verdict::Recommended);
        assert_eq!(
            teams.register,
            [
                "approved up to OFFICIAL-SENSITIVE",
                "internal and external use"
            ]
        );
    }

    /// Which app? Teams (recommended); Zoom → An external meeting? (yes or a webinar: allowed
    /// with conditions, no: not allowed); Proctoring (not allowed).
    fn apps() -> Tree {
        test_tree(
            "{}",
            "app",
            r#"{
                "app": Question(text: "Which app?", options: [Option(label: "Teams", next: "teams"), Option(label: "Zoom", next: "zoom-q"), Option(label: "Proctoring", next: "proctoring")]),
                "zoom-q": Question(text: "An external meeting?", options: [Option(label: "Yes", next: "zoom-external"), Option(label: "No", next: "zoom-no"), Option(label: "A webinar", next: "zoom-webinar")]),
                "teams": Outcome(verdict: "recommended", headline: "Use Teams", explanation: "e"),
                "zoom-external": Outcome(verdict: "allowed-with-conditions", headline: "Zoom: external meetings only", explanation: "e"),
                "zoom-no": Outcome(verdict: "not-allowed", headline: "Zoom: not for internal meetings", explanation: "e"),
                "zoom-webinar": Outcome(verdict: "allowed-with-conditions", headline: "Zoom: webinars with no chat", explanation: "e"),
                "proctoring": Outcome(verdict: "not-allowed", headline: "Proctoring: never", explanation: "e"),
            }"#,
        )
    }

    #[test]
    fn each_row_is_the_most_the_app_is_allowed_and_what_else_it_can_end_on() {
        let tree = apps();
        let rows = app_rows(&tree);
        assert_eq!(
            rows[0],
            AppRow {
                app: "Teams",
                verdict: Verdict::Recommended,
                headlines: vec!["Use Teams"],
                when: vec![String::new()],
                otherwise: Vec::new(),
                register: Vec::new(),
            }
        );
        assert_eq!(
            rows[1],
            AppRow {
                app: "Zoom",
                verdict: Verdict::AllowedWithConditions,
                headlines: vec!["external meetings only", "webinars with no chat"],
                when: vec![
                    "external meetings only: An external meeting? Yes".to_string(),
                    "webinars with no chat: An external meeting? A webinar".to_string(),
                ],
                otherwise: vec![Verdict::NotAllowed],
                register: Vec::new(),
            }
        );
        assert_eq!(
            (rows[2].verdict, &rows[2].headlines[..]),
            (Verdict::NotAllowed, &["never"][..])
        );
    }
}

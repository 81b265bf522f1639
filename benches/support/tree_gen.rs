//! A deterministic generator of large decision trees in the shipped RON format, for benchmarks.
//!
//! Shared by `examples/gen-tree.rs` and the benchmarks, which include this file with
//! `#[path = "..."] mod tree_gen;`. The tree is a layered DAG: the start question, then levels of
//! questions whose options lead to the next level, and shared outcomes reached from the last
//! level and, from the third question on, by some options of earlier levels (so paths end at
//! different depths). Every node is reachable, there are no cycles, every node quotes a passage
//! and names contacts from the shipped `contacts.ron`, and the review date is far in the future:
//! `signpost check` reports nothing. The text is made of common words and made-up rare ones
//! (about 20,000 distinct words in a large tree), none of which needs escaping in a RON string.

// Each includer uses a different part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// About how many nodes (questions and outcomes).
    pub nodes: usize,
    /// When set, every path has the same length and the branching of each level is chosen so
    /// that the number of root-to-outcome paths is as close as possible to this.
    pub paths: Option<u64>,
    /// Short texts, like the shipped trees, instead of the long ones benchmarks use.
    pub terse: bool,
    /// Tree format 2: every question remembers its answer (`l3` for a question of level 3,
    /// values `a0`, `a1`, …) and branches through a `Route` that tests it, and outcomes carry
    /// conditional text. The same paths as the format-1 tree of the same shape and seed.
    pub routes: bool,
    /// With `routes`: this many policy rules, each about one level's first answer and the
    /// register tool [`TOOL`], which every outcome that is not "recommended" names. No path
    /// breaks them, but `check` evaluates each at every outcome. Load the tree with
    /// [`POLICY`] as the shared policy so the tool is known.
    pub rules: usize,
    /// The seed: the same shape and seed always give the same text.
    pub seed: u64,
}

/// The register tool generated outcomes name, and rules forbid recommending.
pub const TOOL: &str = "gen";

/// A shared policy whose register has [`TOOL`], for trees generated with `rules`.
pub const POLICY: &str = r#"Policy(owner: "Benchmark generator", review_by: "2999-12-31", version: "1",
    sources: {"gen": Source(title: "Generated", publisher: "Benchmark generator")},
    tools: {"gen": Tool(name: "Generated tool", used_for: "Benchmarks", audience: Both,
        sources: [Passage(source: "gen", section: "Tools", quote: "A generated tool.")])},
)"#;

/// A generated tree and what is in it.
pub struct Generated {
    /// The RON text.
    pub text: String,
    /// Number of questions.
    pub questions: usize,
    /// Number of outcomes.
    pub outcomes: usize,
    /// The most answers on any path.
    pub depth: usize,
    /// Number of root-to-outcome paths (saturating).
    pub paths: u128,
}

/// Generates the tree described by `shape`.
pub fn generate(shape: &Shape) -> Generated {
    let mut rng = Rng::new(shape.seed);
    let plan = Plan::new(shape, &mut rng);
    let lengths = if shape.terse { &TERSE } else { &LONG };
    let text = Writer {
        out: String::with_capacity(plan.questions() * lengths.question_bytes()),
        rng: &mut rng,
        lengths,
        routes: shape.routes,
        rules: if shape.routes { shape.rules } else { 0 },
        start_options: plan.options.first().map_or(0, Vec::len),
    }
    .tree(&plan, shape);
    Generated {
        text,
        questions: plan.questions(),
        outcomes: plan.outcomes,
        depth: plan.depth(),
        paths: plan.count_paths(),
    }
}

/// A small xorshift64 generator, seeded through splitmix64 so that nearby seeds differ.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The node id an option (or a route rule) names.
fn node_id(next: Next) -> String {
    match next {
        Next::Question(q) => format!("q{q}"),
        Next::Outcome(o) => format!("o{o}"),
    }
}

/// Where an option leads: a question or an outcome, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    Question(usize),
    Outcome(usize),
}

/// The shape of the DAG, before any text is written.
struct Plan {
    /// The question indices of each level; level 0 is the start question.
    levels: Vec<std::ops::Range<usize>>,
    /// The options of every question, by question index.
    options: Vec<Vec<Next>>,
    /// Number of outcomes.
    outcomes: usize,
}

/// Longest paths have this many answers at least and at most.
const DEPTHS: std::ops::RangeInclusive<usize> = 8..=12;
/// Percentage of options (not the first) that end early on an outcome, from the third level on.
const EARLY_OUTCOME_PERCENT: u64 = 20;
/// Outcomes that many branches share, as "ask for help" does in a real tree.
const HUB_OUTCOMES: usize = 4;

impl Plan {
    fn new(shape: &Shape, rng: &mut Rng) -> Plan {
        let outcomes_wanted = (shape.nodes / 5).max(HUB_OUTCOMES);
        let fixed = shape.paths.map(branching_for_paths);
        let depth = match &fixed {
            Some(levels) => levels.len(),
            None => rng.range(
                min_depth(shape.nodes.saturating_sub(outcomes_wanted)),
                *DEPTHS.end(),
            ),
        };
        let questions_wanted = shape.nodes.saturating_sub(outcomes_wanted).max(depth);
        let mut levels: Vec<std::ops::Range<usize>> = Vec::with_capacity(depth);
        levels.push(0..1);
        // Whether each option of each question leads on to the next level (else to an outcome).
        let mut forward: Vec<Vec<bool>> = Vec::with_capacity(questions_wanted);
        for level in 0..depth {
            let here = levels[level].clone();
            let last = level + 1 == depth;
            let want_next = if last {
                0
            } else {
                (questions_wanted.saturating_sub(here.end))
                    .div_ceil(depth - level - 1)
                    .max(1)
            };
            // Early levels are too narrow to hold the questions wanted: widen them fast.
            let growing = want_next > 2 * here.len();
            let mut slots = 0;
            for _ in here.clone() {
                let count = match &fixed {
                    Some(levels) => levels[level],
                    None if growing => rng.range(3, 4),
                    None => rng.range(2, 4),
                };
                let options: Vec<bool> = (0..count)
                    .map(|i| {
                        let early = fixed.is_none()
                            && !growing
                            && i > 0
                            && level >= 2
                            && rng.chance(EARLY_OUTCOME_PERCENT);
                        !last && !early
                    })
                    .collect();
                slots += options.iter().filter(|f| **f).count();
                forward.push(options);
            }
            if !last {
                levels.push(here.end..here.end + want_next.min(slots));
            }
        }
        let mut plan = Plan {
            levels,
            options: Vec::with_capacity(forward.len()),
            outcomes: 0,
        };
        plan.connect(&forward, outcomes_wanted, rng);
        plan
    }

    /// Points every option at a node: the first options of a level reach every node of the
    /// next level (and the first outcome options every outcome) so nothing is unreachable; the
    /// rest pick at random, which makes nodes and outcomes shared between branches.
    fn connect(&mut self, forward: &[Vec<bool>], outcomes_wanted: usize, rng: &mut Rng) {
        let outcome_slots = forward.iter().flatten().filter(|f| !**f).count();
        self.outcomes = outcomes_wanted.min(outcome_slots);
        let mut outcome_slot = 0;
        for (level, range) in self.levels.clone().into_iter().enumerate() {
            let next = self.levels.get(level + 1).cloned().unwrap_or(0..0);
            let mut slot = 0;
            for question in range {
                let mut options = Vec::with_capacity(forward[question].len());
                for &onward in &forward[question] {
                    options.push(if onward {
                        let offset = if slot < next.len() {
                            slot
                        } else {
                            rng.below(next.len())
                        };
                        slot += 1;
                        Next::Question(next.start + offset)
                    } else {
                        let outcome = if outcome_slot < self.outcomes {
                            outcome_slot
                        } else if rng.chance(30) {
                            rng.below(HUB_OUTCOMES.min(self.outcomes))
                        } else {
                            rng.below(self.outcomes)
                        };
                        outcome_slot += 1;
                        Next::Outcome(outcome)
                    });
                }
                self.options.push(options);
            }
        }
    }

    fn questions(&self) -> usize {
        self.options.len()
    }

    /// The level a question is on (0 for the start question).
    fn level_of(&self, question: usize) -> usize {
        self.levels
            .iter()
            .position(|range| range.contains(&question))
            .unwrap_or(0)
    }

    /// The most answers on any path: questions only lead to later levels, so one backward
    /// pass over the questions is enough.
    fn depth(&self) -> usize {
        self.fold_back(0, |targets| 1 + targets.max().unwrap_or(0)) as usize
    }

    /// Root-to-outcome paths, counting two options to the same node as two paths (as
    /// `signpost table` does).
    fn count_paths(&self) -> u128 {
        self.fold_back(1, |targets| targets.fold(0, u128::saturating_add))
    }

    /// Computes a value for every question from the values of its options' targets (an
    /// outcome counts as `outcome`), last question first, and returns the start's value.
    fn fold_back(
        &self,
        outcome: u128,
        combine: impl Fn(&mut dyn Iterator<Item = u128>) -> u128,
    ) -> u128 {
        let mut values: Vec<u128> = vec![0; self.questions()];
        for question in (0..self.questions()).rev() {
            let mut targets = self.options[question].iter().map(|next| match next {
                Next::Question(q) => values[*q],
                Next::Outcome(_) => outcome,
            });
            values[question] = combine(&mut targets);
        }
        values.first().copied().unwrap_or(0)
    }
}

/// The smallest depth whose levels can hold `questions` when each question leads to about three
/// of the next level.
fn min_depth(questions: usize) -> usize {
    DEPTHS
        .clone()
        .find(|&depth| (3usize.pow(depth as u32) - 1) / 2 >= questions)
        .unwrap_or(*DEPTHS.end())
}

/// The options per level (2 to 4 each, 8 to 12 levels) whose product is closest to `paths`;
/// ties prefer fewer levels.
fn branching_for_paths(paths: u64) -> Vec<usize> {
    let mut best: Option<(u64, Vec<usize>)> = None;
    for depth in DEPTHS {
        for fours in 0..=depth {
            for threes in 0..=depth - fours {
                let twos = depth - fours - threes;
                let product = 4u64.pow(fours as u32) * 3u64.pow(threes as u32) * (1u64 << twos);
                let distance = product.abs_diff(paths);
                if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    let mut levels = vec![4; fours];
                    levels.extend(std::iter::repeat_n(3, threes));
                    levels.extend(std::iter::repeat_n(2, twos));
                    best = Some((distance, levels));
                }
            }
        }
    }
    best.map(|(_, levels)| levels).unwrap_or_default()
}

/// Target lengths of the texts, in characters (each varies by ±25%).
struct Lengths {
    question: usize,
    help: usize,
    help_percent: u64,
    label: usize,
    detail: usize,
    detail_percent: u64,
    section: usize,
    passage: usize,
    headline: usize,
    explanation: usize,
    condition: usize,
}

impl Lengths {
    /// A rough size of one question in the file, to reserve the output up front.
    fn question_bytes(&self) -> usize {
        self.question + self.help + 3 * (self.label + self.detail) + self.passage + 300
    }
}

/// Long texts: questions ~100 characters, help ~300, passages ~800.
const LONG: Lengths = Lengths {
    question: 100,
    help: 300,
    help_percent: 100,
    label: 28,
    detail: 60,
    detail_percent: 50,
    section: 36,
    passage: 800,
    headline: 50,
    explanation: 200,
    condition: 80,
};

/// Short texts (the shipped trees' questions average 62 characters, passages 163), so that
/// 10,000 nodes fit the 8 MiB file limit.
const TERSE: Lengths = Lengths {
    question: 60,
    help: 200,
    help_percent: 25,
    label: 14,
    detail: 40,
    detail_percent: 25,
    section: 28,
    passage: 130,
    headline: 40,
    explanation: 120,
    condition: 50,
};

/// Words the text is made of: plain ASCII, no `"` or `\`, so no escaping is needed. Long enough
/// words to give a search something to find ("police", "secure", "report").
const WORDS: &[&str] = &[
    "information",
    "official",
    "sensitive",
    "partner",
    "police",
    "court",
    "probation",
    "prison",
    "message",
    "document",
    "attachment",
    "email",
    "secure",
    "approved",
    "tool",
    "meeting",
    "account",
    "device",
    "personal",
    "work",
    "data",
    "record",
    "classification",
    "marking",
    "handling",
    "caveat",
    "colleague",
    "department",
    "government",
    "organisation",
    "charity",
    "supplier",
    "contract",
    "report",
    "case",
    "papers",
    "evidence",
    "witness",
    "victim",
    "solicitor",
    "defence",
    "encrypted",
    "transfer",
    "channel",
    "platform",
    "video",
    "call",
    "chat",
    "group",
    "team",
    "manager",
    "security",
    "risk",
    "advice",
    "guidance",
    "policy",
    "incident",
    "breach",
    "consent",
    "privacy",
    "retention",
    "storage",
    "cloud",
    "laptop",
    "phone",
    "share",
    "send",
    "receive",
    "store",
    "delete",
    "check",
    "confirm",
    "protect",
    "review",
    "request",
    "permission",
    "access",
    "recipient",
    "external",
    "internal",
    "public",
    "routine",
    "urgent",
    "business",
    "purpose",
    "system",
    "service",
    "network",
    "link",
    "password",
    "file",
    "folder",
    "spreadsheet",
    "photo",
    "recording",
    "transcript",
    "minutes",
    "before",
    "after",
    "when",
    "where",
    "which",
    "whether",
    "only",
    "never",
    "always",
    "must",
    "should",
    "may",
    "can",
    "the",
    "a",
    "to",
    "of",
    "and",
    "or",
    "for",
    "with",
    "your",
    "their",
    "this",
    "that",
    "if",
    "not",
    "is",
    "are",
    "be",
    "use",
    "using",
    "other",
    "any",
    "all",
];

/// How often a word is one of [`WORDS`]; the others are made up from [`SYLLABLES`].
const COMMON_WORD_PERCENT: u64 = 65;
/// How many made-up words there can be (the shipped trees use 1,200 distinct words; a text a
/// thousand times larger uses tens of thousands).
const RARE_WORDS: usize = 30_000;
/// What made-up words are made of.
const SYLLABLES: &[&str] = &[
    "ba", "be", "con", "da", "de", "di", "fa", "fer", "gra", "in", "ka", "la", "li", "lo", "ma",
    "ment", "mi", "na", "ne", "no", "pa", "per", "pro", "ra", "re", "ri", "sa", "se", "si", "sion",
    "ta", "te", "ti", "tion", "to", "tra", "va", "ve", "vi", "zo",
];

/// Sources every passage quotes from: (key, title, publisher, url).
const SOURCES: &[(&str, &str, &str, &str)] = &[
    (
        "general",
        "General app guidance (generated)",
        "Benchmark generator",
        "https://example.invalid/general",
    ),
    (
        "messaging",
        "Instant messaging acceptable use (generated)",
        "Benchmark generator",
        "https://example.invalid/messaging",
    ),
    (
        "calls",
        "Video and voice conferencing (generated)",
        "Benchmark generator",
        "https://example.invalid/calls",
    ),
];

/// Contact ids defined in the shipped `decision-trees/contacts.ron`.
const CONTACTS: &[&str] = &[
    "security",
    "data-protection",
    "privacy-team",
    "report-incident",
];

/// Verdict words with their weight out of 100.
const VERDICTS: &[(&str, u64)] = &[
    ("recommended", 35),
    ("allowed-with-conditions", 30),
    ("not-allowed", 20),
    ("ask-for-help", 15),
];

struct Writer<'a> {
    out: String,
    rng: &'a mut Rng,
    lengths: &'a Lengths,
    /// Format 2 (see [`Shape::routes`]).
    routes: bool,
    /// How many policy rules (see [`Shape::rules`]).
    rules: usize,
    /// How many answers the start question has.
    start_options: usize,
}

impl Writer<'_> {
    fn tree(mut self, plan: &Plan, shape: &Shape) -> String {
        let id = match shape.paths {
            Some(paths) => format!("generated-p{paths}-s{}", shape.seed),
            None => format!("generated-n{}-s{}", shape.nodes, shape.seed),
        };
        self.out.push_str(
            "// Generated by examples/gen-tree.rs for benchmarks: synthetic text, not guidance.\n",
        );
        let format = if self.routes { "    format: 2,\n" } else { "" };
        let _ = write!(self.out, "Tree(\n{format}    id: \"{id}\",\n");
        self.field(4, "title", 60, Some('?'));
        self.field(4, "summary", 120, Some('.'));
        self.out.push_str(concat!(
            "    owner: \"Benchmark generator\",\n",
            "    review_by: \"2999-12-31\",\n",
            "    version: \"1.0.0\",\n",
            "    sources: {\n",
        ));
        for (key, title, publisher, url) in SOURCES {
            let _ = writeln!(
                self.out,
                "        \"{key}\": Source(title: \"{title}\", \
                 publisher: \"{publisher}\", url: \"{url}\"),"
            );
        }
        self.out.push_str("    },\n");
        if self.rules > 0 {
            self.out.push_str("    rules: {\n");
            let levels = plan.depth().max(1);
            for r in 0..self.rules {
                let (source, ..) = SOURCES[r % SOURCES.len()];
                let _ = writeln!(
                    self.out,
                    "        \"rule{r}\": Rule(says: \"Generated rule {r}.\", when: {{\"l{}\": \"a0\"}}, \
                     tools: [\"{TOOL}\"], never: [\"recommended\"], \
                     source: Passage(source: \"{source}\", section: \"Rules\", quote: \"Rule {r}.\")),",
                    r % levels
                );
            }
            self.out.push_str("    },\n");
        }
        self.out.push_str("    start: \"q0\",\n    nodes: {\n");
        for (question, options) in plan.options.iter().enumerate() {
            let level = plan.level_of(question);
            self.question(question, level, options);
        }
        for outcome in 0..plan.outcomes {
            self.outcome(outcome);
        }
        self.out.push_str("    },\n)\n");
        self.out
    }

    fn question(&mut self, index: usize, level: usize, options: &[Next]) {
        let _ = writeln!(self.out, "        \"q{index}\": Question(");
        self.field(12, "text", self.lengths.question, Some('?'));
        if self.rng.chance(self.lengths.help_percent) {
            self.field(12, "help", self.lengths.help, Some('.'));
        }
        if self.routes {
            let _ = writeln!(self.out, "            remember: \"l{level}\",");
        }
        self.out.push_str("            options: [\n");
        for (i, next) in options.iter().enumerate() {
            self.out.push_str("                Option(label: \"");
            self.prose(self.lengths.label, None);
            if self.rng.chance(self.lengths.detail_percent) {
                self.out.push_str("\", detail: \"");
                self.prose(self.lengths.detail, Some('.'));
            }
            let _ = if self.routes {
                writeln!(self.out, "\", value: \"a{i}\", next: \"r{index}\"),")
            } else {
                writeln!(self.out, "\", next: \"{}\"),", node_id(*next))
            };
        }
        self.out.push_str("            ],\n");
        self.guidance_and_contacts();
        if self.routes {
            self.route(index, level, options);
        }
    }

    /// The route after question `index`: one rule per option but the last, on the fact the
    /// question remembers, then `Otherwise` for the last option.
    fn route(&mut self, index: usize, level: usize, options: &[Next]) {
        let _ = writeln!(self.out, "        \"r{index}\": Route(rules: [");
        for (i, next) in options.iter().enumerate() {
            let target = node_id(*next);
            let _ = if i + 1 == options.len() {
                writeln!(self.out, "            Otherwise(\"{target}\"),")
            } else {
                writeln!(
                    self.out,
                    "            When(if: {{\"l{level}\": \"a{i}\"}}, go: \"{target}\"),"
                )
            };
        }
        self.out.push_str("        ]),\n");
    }

    fn outcome(&mut self, index: usize) {
        let _ = writeln!(self.out, "        \"o{index}\": Outcome(");
        let verdict = self.verdict();
        let _ = writeln!(self.out, "            verdict: \"{verdict}\",");
        if self.rules > 0 && verdict != "recommended" {
            let _ = writeln!(self.out, "            tools: [\"{TOOL}\"],");
        }
        self.field(12, "headline", self.lengths.headline, Some('.'));
        self.field(12, "explanation", self.lengths.explanation, Some('.'));
        for (field, most) in [("conditions", 2), ("fallbacks", 1)] {
            let _ = write!(self.out, "            {field}: [");
            for _ in 0..self.rng.range(0, most) {
                self.out.push('"');
                self.prose(self.lengths.condition, Some('.'));
                self.out.push_str("\", ");
            }
            if self.routes {
                // Every path answers the start question; naming all its values keeps `check`
                // from reporting a `when:` that can never hold, whichever branches reach here.
                self.out.push_str("Text(text: \"");
                self.prose(self.lengths.condition, Some('.'));
                let values: Vec<String> = (0..self.start_options)
                    .map(|i| format!("\"a{i}\""))
                    .collect();
                let _ = write!(self.out, "\", when: {{\"l0\": [{}]}}), ", values.join(", "));
            }
            self.out.push_str("],\n");
        }
        self.guidance_and_contacts();
    }

    fn guidance_and_contacts(&mut self) {
        let (source, ..) = SOURCES[self.rng.below(SOURCES.len())];
        let _ = write!(
            self.out,
            "            guidance: [\n                Passage(source: \"{source}\", section: \""
        );
        self.prose(self.lengths.section, None);
        self.out.push_str("\", quote: \"");
        self.prose(self.lengths.passage, Some('.'));
        self.out
            .push_str("\"),\n            ],\n            contacts: [");
        let first = self.rng.below(CONTACTS.len());
        let _ = write!(self.out, "\"{}\"", CONTACTS[first]);
        if self.rng.chance(30) {
            let _ = write!(self.out, ", \"{}\"", CONTACTS[(first + 1) % CONTACTS.len()]);
        }
        self.out.push_str("],\n        ),\n");
    }

    fn verdict(&mut self) -> &'static str {
        let mut roll = self.next_percent();
        for (word, weight) in VERDICTS {
            if roll < *weight {
                return word;
            }
            roll -= weight;
        }
        VERDICTS[0].0
    }

    fn next_percent(&mut self) -> u64 {
        self.rng.next_u64() % 100
    }

    /// `name: "text",` on its own line, indented.
    fn field(&mut self, indent: usize, name: &str, length: usize, end: Option<char>) {
        let _ = write!(self.out, "{:indent$}{name}: \"", "");
        self.prose(length, end);
        self.out.push_str("\",\n");
    }

    /// One word: a common one from [`WORDS`], or one of the made-up rare words, the rarer the
    /// less often, so the text has a vocabulary of thousands of words as a real one does.
    fn word(&mut self) {
        if self.rng.chance(COMMON_WORD_PERCENT) {
            self.out.push_str(WORDS[self.rng.below(WORDS.len())]);
            return;
        }
        let roll = self.rng.below(RARE_WORDS);
        let mut id = roll * roll / RARE_WORDS;
        for _ in 0..2 {
            self.out.push_str(SYLLABLES[id % SYLLABLES.len()]);
            id /= SYLLABLES.len();
        }
        while id > 0 {
            self.out.push_str(SYLLABLES[id % SYLLABLES.len()]);
            id /= SYLLABLES.len();
        }
    }

    /// About `length` characters of sentences (±25%), ending with `end`.
    fn prose(&mut self, length: usize, end: Option<char>) {
        let target = length * self.rng.range(75, 125) / 100;
        let start = self.out.len();
        let mut capital = true;
        let mut words = 0;
        while self.out.len() - start < target.max(1) {
            if self.out.len() > start {
                self.out.push(' ');
            }
            let at = self.out.len();
            self.word();
            if capital {
                self.out[at..=at].make_ascii_uppercase();
                capital = false;
            }
            words += 1;
            let room = self.out.len() - start + 24 < target;
            if words >= 5 && room && self.rng.chance(12) {
                self.out.push('.');
                capital = true;
                words = 0;
            } else if words >= 3 && room && self.rng.chance(5) {
                self.out.push(',');
            }
        }
        if let Some(end) = end {
            self.out.push(end);
        }
    }
}

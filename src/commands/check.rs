//! `signpost check`: load trees, run every rule, optionally verify quotes, print diagnostics.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CheckArgs, CheckFormat, Global};
use signpost::catalog::{Catalog, Selection, SourceFile};
use signpost::diagnostic::{Code, Diagnostic, plural};
use signpost::quiz::{self, LoadedDeck};
use signpost::tree::locate::Locator;
use signpost::tree::model::RuleOrigin;
use signpost::tree::quotes::{Document, Problem, Style};
use signpost::tree::syntax::Step;
use signpost::tree::{Passage, PolicyRule, Source};

/// Runs the command.
pub fn run(global: &Global, args: &CheckArgs) -> Result<ExitCode> {
    let mut paths = global.trees.clone();
    paths.extend(args.paths.iter().cloned());
    let mut selection = Selection {
        across_trees: true,
        ..Selection::new(args.paths.is_empty(), paths).previewing()
    };
    if let Some(pack) = &args.pack {
        let config = signpost::config::Config::load();
        selection = selection.with_packs(std::slice::from_ref(pack), &config.trusted_keys);
    }
    if let Some(today) = args.today {
        selection.today = today;
    }
    let catalog = Catalog::load(&selection);
    if let Some(pack) = &args.pack {
        verified_pack(&catalog, pack, args.format != CheckFormat::Json)?;
    }
    // Paths that hold no tree, deck or policy (a folder named `x.ron`, an empty folder) are a
    // mistake to say, not "0 trees, 0 errors".
    let own_policy = catalog
        .policy_source
        .as_ref()
        .is_some_and(|f| !f.name.starts_with("<embedded>"));
    let nothing = catalog.files == 0 && catalog.deck_files.is_empty() && !own_policy;
    let folders = !args.paths.is_empty() && args.paths.iter().all(|p| p.is_dir());
    if folders && nothing && catalog.diagnostics.is_empty() {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(super::Exit {
            code: super::USAGE,
            message: format!(
                "no tree files (.ron) found in {}: give a tree file, or a folder that holds some",
                names.join(", ")
            ),
        }
        .into());
    }
    if args.review_report {
        return review_report(&catalog);
    }
    let mut diagnostics = catalog.diagnostics.clone();
    let mut checked_against: Vec<String> = Vec::new();
    for deck in check_decks(&catalog) {
        diagnostics.extend(deck.diagnostics);
        if let Some(deck) = deck.deck {
            let tree = &deck.tree;
            let from = match tree.origin.strip_prefix("<embedded>/") {
                Some(_) => "built in".to_string(),
                None => tree.origin.clone(),
            };
            let against = format!("{} ({from})", tree.id);
            if !checked_against.contains(&against) {
                checked_against.push(against);
            }
        }
    }
    let mut fixes = Vec::new();
    if let Some(dir) = &args.sources {
        let (found, near) = check_quotes(&catalog, dir);
        diagnostics.extend(found);
        fixes = near;
    }

    let mut out = super::stdout();
    match args.format {
        CheckFormat::Json => {
            let list: Vec<_> = diagnostics.iter().map(Diagnostic::to_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        }
        CheckFormat::Short => {
            for d in &diagnostics {
                writeln!(out, "{}", d.short())?;
            }
        }
        CheckFormat::Human => {
            for d in &diagnostics {
                writeln!(out, "{}", d.render())?;
            }
        }
    }
    let (errors, warnings) = signpost::diagnostic::count(&diagnostics);
    if args.format != CheckFormat::Json {
        let mut files = plural(catalog.files, "tree");
        if !catalog.deck_files.is_empty() {
            files.push_str(&format!(", {}", plural(catalog.deck_files.len(), "deck")));
            // Which tree each deck was walked in: with a deck checked on its own, the built-in
            // one, not a tree of the files given.
            if !checked_against.is_empty() {
                files.push_str(&format!(" checked against {}", checked_against.join(", ")));
            }
        }
        writeln!(
            out,
            "{files}, {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )?;
    }
    if args.fix_quotes {
        fix_quotes(&mut out, &fixes, args.write)?;
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    super::finish(out, u8::from(failed))
}

/// Says whether the pack `check --pack` was given verified, as the app would decide; fails
/// (exit 1) with the reason when it was refused, and (exit 2) when there is no pack there.
fn verified_pack(catalog: &Catalog, pack: &std::path::Path, say: bool) -> Result<()> {
    if let Some(refused) = catalog.refused_packs.first() {
        return Err(super::Exit {
            code: 1,
            message: refused.render().trim_end().to_string(),
        }
        .into());
    }
    if catalog.packs.is_empty() {
        return Err(super::Exit {
            code: super::USAGE,
            message: format!(
                "no pack at {}: a pack is a folder holding {} and {}",
                pack.display(),
                signpost::pack::MANIFEST_FILE,
                signpost::pack::SIGNATURE_FILE
            ),
        }
        .into());
    }
    let mut out = super::stdout();
    for used in catalog.packs.iter().filter(|_| say) {
        writeln!(
            out,
            "{}: verified — signed by {} with key {}, published {}; it holds {}.",
            used.path,
            used.signed_by,
            used.key_id,
            used.published,
            used.files.join(", ")
        )?;
    }
    out.flush()?;
    Ok(())
}

/// What a policy team runs monthly: every tree and the policy file with its owner, review date
/// and days left, most urgent first. Exits 0 whatever the dates.
fn review_report(catalog: &Catalog) -> Result<ExitCode> {
    struct Row {
        what: String,
        owner: String,
        due: Option<chrono::NaiveDate>,
    }
    let mut rows: Vec<Row> = catalog
        .trees
        .iter()
        .map(|t| Row {
            what: format!("tree \"{}\" ({})", t.id, t.origin),
            owner: t.owner.clone(),
            due: Some(t.review_by),
        })
        .collect();
    if let Some(file) = &catalog.policy_source {
        rows.push(Row {
            what: format!("policy ({})", file.name),
            owner: catalog.policy.owner.clone(),
            due: catalog.policy.review_by,
        });
    }
    // Most urgent (fewest days left, overdue first) first; anything without a date last.
    rows.sort_by_key(|r| (r.due.is_none(), r.due));
    let mut out = super::stdout();
    writeln!(out, "Review dates, measured against {}:", catalog.today)?;
    for row in &rows {
        let when = match row.due {
            Some(due) => {
                let days = (due - catalog.today).num_days();
                match days {
                    d if d < 0 => format!("{due}, OVERDUE by {}", plural((-d) as usize, "day")),
                    0 => format!("{due}, due today"),
                    d => format!("{due}, {} left", plural(d as usize, "day")),
                }
            }
            None => "no review date".to_string(),
        };
        writeln!(
            out,
            "  {} — owner: {} — review by {when}",
            row.what, row.owner
        )?;
    }
    if !catalog.broken.is_empty() {
        writeln!(
            out,
            "{} could not be loaded: run `signpost check` to see why.",
            plural(catalog.broken.len(), "file")
        )?;
    }
    super::finish(out, 0)
}

/// Every scenario deck found, validated against the loaded trees. A deck whose tree was not
/// loaded (as when a deck file is checked on its own) is checked again against the trees of
/// its trees folder and the shipped trees.
fn check_decks(catalog: &Catalog) -> Vec<LoadedDeck> {
    let mut decks = quiz::load_decks(catalog);
    let unknown_tree = |d: &LoadedDeck| {
        d.diagnostics
            .iter()
            .any(|x| x.code == Code::DeckUnknownTree)
    };
    if !decks.iter().any(unknown_tree) {
        return decks;
    }
    let mut folders: Vec<PathBuf> = catalog
        .deck_files
        .iter()
        .filter_map(|f| quiz::trees_folder_of(Path::new(&f.name)))
        .collect();
    folders.sort();
    folders.dedup();
    let context = Catalog::load(&Selection::new(true, folders));
    let mut trees = catalog.trees.clone();
    trees.extend(
        context
            .trees
            .into_iter()
            .filter(|t| catalog.tree(&t.id).is_none()),
    );
    for (deck, file) in decks.iter_mut().zip(&catalog.deck_files) {
        if unknown_tree(deck) {
            *deck = quiz::load_deck(&file.name, &file.text, &trees);
        }
    }
    decks
}

/// Every passage of every loaded tree and of the policy file, looked up in its document under
/// `dir`.
pub fn check_quotes(catalog: &Catalog, dir: &Path) -> (Vec<Diagnostic>, Vec<QuoteFix>) {
    let mut documents = Documents {
        dir,
        read: HashMap::new(),
        fixes: Vec::new(),
    };
    let mut out = Vec::new();
    for (tree, file) in catalog.trees.iter().zip(&catalog.tree_sources) {
        // A shared quote is checked once, where the `quotes` table writes it.
        let shared = tree.quotes.iter().enumerate().map(|(q, shared)| {
            let path = vec![Step::Field("quotes"), Step::Entry(q)];
            (path, &shared.passage)
        });
        let written = tree.nodes.iter().enumerate().flat_map(|(n, node)| {
            node.guidance()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.shared.is_none())
                .map(move |(p, passage)| {
                    let path = vec![
                        Step::Field("nodes"),
                        Step::Entry(n),
                        Step::Field("guidance"),
                        Step::Item(p),
                    ];
                    (path, passage)
                })
        });
        let rules = rule_passages(&tree.rules);
        let passages = shared.chain(written).chain(rules);
        documents.check(file, &tree.sources, passages, &mut out);
    }
    // The shipped policy is checked with the shipped trees, not with every tree of one's own.
    let embedded = |f: &SourceFile| f.name.starts_with("<embedded>");
    let policy = catalog
        .policy_source
        .as_ref()
        .filter(|f| !embedded(f) || catalog.tree_sources.iter().any(embedded));
    if let Some(file) = policy {
        let policy = &catalog.policy;
        let tools = policy.tools.iter().enumerate().flat_map(|(t, tool)| {
            tool.sources.iter().enumerate().map(move |(k, passage)| {
                let path = vec![
                    Step::Field("tools"),
                    Step::Entry(t),
                    Step::Field("sources"),
                    Step::Item(k),
                ];
                (path, passage)
            })
        });
        let passages = tools.chain(rule_passages(&policy.rules));
        documents.check(file, &policy.sources, passages, &mut out);
    }
    (out, documents.fixes)
}

/// Prints each near-miss quote with the document's text to quote instead; with `write`, puts
/// that text in the files (each written whole to a temporary file, then renamed over it).
fn fix_quotes(out: &mut impl Write, fixes: &[QuoteFix], write: bool) -> Result<()> {
    if fixes.is_empty() {
        writeln!(
            out,
            "No quote to fix: every quote either matches or is nowhere near its document."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "\nQuotes to copy from the documents ({}):",
        fixes.len()
    )?;
    for fix in fixes {
        writeln!(
            out,
            "{}:{}:{}:\n  - {}\n  + {}",
            fix.file, fix.line, fix.column, fix.old, fix.new
        )?;
    }
    if !write {
        writeln!(
            out,
            "Nothing was written: add `--write` to put these in the files."
        )?;
        return Ok(());
    }
    let mut files: Vec<&str> = fixes.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    for file in files {
        if file.starts_with("<embedded>") {
            writeln!(out, "{file} is built in: not written")?;
            continue;
        }
        let mut text = std::fs::read_to_string(file)?;
        let mut mine: Vec<&QuoteFix> = fixes.iter().filter(|f| f.file == file).collect();
        // From the end of the file back, so earlier positions stay right.
        mine.sort_by_key(|f| std::cmp::Reverse((f.line, f.column)));
        let mut written = 0;
        for fix in mine {
            if let Some(span) = string_literal_at(&text, fix.line, fix.column) {
                text.replace_range(span, &ron_string(&fix.new));
                written += 1;
            }
        }
        signpost::record::write_atomically(std::path::Path::new(file), &text)?;
        writeln!(
            out,
            "Wrote {} to {file}: run `signpost check` again to see what is left.",
            plural(written, "quote")
        )?;
    }
    Ok(())
}

/// The byte range of the `"…"` string that starts at `line`:`column` of `text`, if one does.
fn string_literal_at(text: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let start = line_start
        + text[line_start..]
            .chars()
            .take(column - 1)
            .map(char::len_utf8)
            .sum::<usize>();
    if !text[start..].starts_with('"') {
        return None;
    }
    let mut escaped = false;
    for (i, c) in text[start + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(start..start + 1 + i + 1),
            _ => {}
        }
    }
    None
}

/// `text` as a RON string literal.
fn ron_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The passages written in `rules` (not cited from a `quotes` table, not made from the
/// register), with where each is written.
fn rule_passages(rules: &[PolicyRule]) -> impl Iterator<Item = (Vec<Step>, &Passage)> {
    rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.source.shared.is_none() && !matches!(r.origin, RuleOrigin::Register(_)))
        .map(|(r, rule)| {
            let path = vec![Step::Field("rules"), Step::Entry(r), Step::Field("source")];
            (path, &rule.source)
        })
}

/// The source documents under one folder, each read once.
struct Documents<'a> {
    dir: &'a Path,
    read: HashMap<String, Option<Document>>,
    fixes: Vec<QuoteFix>,
}

/// A quote that nearly matches its document, with the document's text to quote instead.
pub struct QuoteFix {
    /// The tree (or policy) file.
    pub file: String,
    /// Where the quote's string starts (1-based).
    pub line: usize,
    /// Its column (1-based, in characters).
    pub column: usize,
    /// The quote as written.
    pub old: String,
    /// The document's sentence(s) it lines up with.
    pub new: String,
}

impl Documents<'_> {
    /// Checks that every source of `file` names a document found under the folder, then looks
    /// each passage up in its document.
    fn check<'p>(
        &mut self,
        file: &SourceFile,
        sources: &[Source],
        passages: impl Iterator<Item = (Vec<Step>, &'p Passage)>,
        out: &mut Vec<Diagnostic>,
    ) {
        let loc = Locator::new(&file.name, &file.text);
        for (s, source) in sources.iter().enumerate() {
            let source_at = |field| [Step::Field("sources"), Step::Entry(s), Step::Field(field)];
            let Some(name) = &source.file else {
                out.push(
                    loc.at(Code::MissingDocument, &[Step::Field("sources"), Step::Key(s)], format!("source \"{}\" has no `file`, so its quotes cannot be checked", source.key))
                        .with_help("add `file: \"document-name.md\"` naming the document in the sources folder"),
                );
                continue;
            };
            let dir = self.dir;
            let document = self.read.entry(name.clone()).or_insert_with(|| {
                std::fs::read_to_string(dir.join(name))
                    .ok()
                    .map(|text| Document::with_style(&text, Style::of_file(name)))
            });
            if document.is_none() {
                out.push(
                    loc.at(
                        Code::MissingDocument,
                        &source_at("file"),
                        format!("{} not found in {}", name, dir.display()),
                    )
                    .with_help("check the file name, or the folder given to --sources"),
                );
            }
        }
        for (path, passage) in passages {
            let source = &sources[passage.source as usize];
            let Some(Some(document)) = source.file.as_ref().and_then(|f| self.read.get(f)) else {
                continue;
            };
            let at = |field| [&path[..], &[Step::Field(field)]].concat();
            for problem in document.check(&passage.quote, &passage.section) {
                let suggestion = match &problem {
                    // A quote that runs past its paragraph is split, not shortened.
                    Problem::QuoteNotFound { near: Some(near) }
                        if !near.document_has.is_empty() =>
                    {
                        Some(near.suggestion.clone())
                    }
                    _ => None,
                };
                let diagnostic = quote_diagnostic(&loc, &at, source, &passage.section, problem);
                if let Some(new) = suggestion.filter(|s| !s.is_empty()) {
                    self.fixes.push(QuoteFix {
                        file: file.name.clone(),
                        line: diagnostic.line,
                        column: diagnostic.column,
                        old: passage.quote.clone(),
                        new,
                    });
                }
                out.push(diagnostic);
            }
        }
    }
}

/// The diagnostic for one problem with a passage; `at` finds a field of the passage.
fn quote_diagnostic(
    loc: &Locator,
    at: &impl Fn(&'static str) -> Vec<Step>,
    source: &Source,
    section: &str,
    problem: Problem,
) -> Diagnostic {
    let file = source.file.as_deref().unwrap_or_default();
    match problem {
        Problem::QuoteNotFound { near: None } => loc
            .at(Code::StaleQuote, &at("quote"), format!("this quote is not in \"{}\" ({file})", source.title))
            .with_help("copy the sentence again from the current document; only whitespace and Markdown markup may differ, and a quote must sit within one paragraph, list item or table row"),
        Problem::QuoteNotFound { near: Some(near) } => {
            let document = match near.document_has.as_str() {
                "" => "where the document's block ends".to_string(),
                has => format!("where the document has “{has}”"),
            };
            let why = near.culprit.map_or(String::new(), |c| format!(": {c}"));
            let block = if near.block.chars().count() <= 400 {
                format!("; the document's text there reads “{}”", near.block)
            } else {
                String::new()
            };
            loc.at(
                Code::StaleQuote,
                &at("quote"),
                format!(
                    "this quote is not in \"{}\" ({file}): it matches line {} up to “{}” and then has “{}” {document}{why}",
                    source.title, near.line, near.matched, near.quote_has
                ),
            )
            .with_help(format!("copy the sentence again from the document{block}"))
        }
        Problem::SectionNotFound { closest } => {
            let help = match closest {
                Some(heading) => format!("did you mean \"{heading}\"? Write the heading exactly as the document has it"),
                None => "write the heading exactly as the document has it, without `#` or numbering changes".to_string(),
            };
            loc.at(Code::SectionNotFound, &at("section"), format!("\"{section}\" is not a heading of \"{}\"", source.title))
                .with_help(help)
        }
        Problem::WrongSection { line, heading } => {
            let (place, help) = match heading {
                Some((heading, heading_line)) => (
                    format!("under \"{heading}\" (line {heading_line})"),
                    format!("set `section` to \"{heading}\", or quote a passage from under \"{section}\""),
                ),
                None => (
                    "before the first heading".to_string(),
                    format!("quote a passage from under \"{section}\""),
                ),
            };
            loc.at(
                Code::SectionNotFound,
                &at("section"),
                format!("the quote is not under \"{section}\": it is on line {line} of {file}, {place}"),
            )
            .with_help(help)
        }
    }
}

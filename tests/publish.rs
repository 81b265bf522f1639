//! `signpost publish` and `export --format html`: the pages for the shipped trees, their size,
//! text that tries to become markup, and (in headless Chromium, driven by
//! `tests/browser/walk.mjs`) every answer path against `signpost ask --answer … --format json`,
//! walks by clicking, axe-core, the page without a script and screenshots.

#[path = "support/cli.rs"]
mod cli;

#[path = "support/programs.rs"]
mod programs;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use signpost::catalog::{Catalog, Selection};
use signpost::tree::paths::{Answer, PathStep, all_paths, facts_of};
use signpost::tree::{NodeKind, Tree};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> Catalog {
    Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    )
}

/// Runs `signpost ARGS…` isolated from the tester's own trees and settings; it must succeed.
fn run(args: &[&str]) -> String {
    cli::isolated_stdout_of(args)
}

/// Publishes the shipped trees into a new folder.
fn published() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    run(&["publish", "--out", &dir.path().display().to_string()]);
    dir
}

#[test]
fn publish_writes_a_page_per_tree_and_an_index_all_under_a_megabyte() {
    let dir = published();
    let catalog = shipped();
    let mut total = 0;
    for tree in &catalog.trees {
        let page = std::fs::read_to_string(dir.path().join(format!("{}.html", tree.id)))
            .expect("a page per tree");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("http-equiv=\"Content-Security-Policy\""));
        for fetches in ["<link", "<img", "<iframe", " src="] {
            assert!(!page.contains(fetches), "{}: {fetches}", tree.id);
        }
        total += page.len();
    }
    let index = std::fs::read_to_string(dir.path().join("index.html")).expect("an index");
    for tree in &catalog.trees {
        assert!(index.contains(&format!("href=\"{}.html\"", tree.id)));
    }
    total += index.len();
    assert!(total < 1_000_000, "{total} bytes");
}

/// A local draft of a built-in tree is published beside the official page, marked as a draft,
/// never in its place; its page names its file but not the author's folders.
#[test]
fn a_draft_is_published_beside_the_official_page_and_marked() {
    let drafts = tempfile::tempdir().expect("temp dir");
    let official = std::fs::read_to_string(manifest_dir().join("decision-trees/share.ron"))
        .expect("share.ron");
    std::fs::write(
        drafts.path().join("share.ron"),
        official.replace("What do you need to do?", "What do you need to do today?"),
    )
    .expect("write");
    let site = tempfile::tempdir().expect("temp dir");
    run(&[
        "--trees",
        &drafts.path().display().to_string(),
        "publish",
        "--out",
        &site.path().display().to_string(),
    ]);
    let read = |name: &str| std::fs::read_to_string(site.path().join(name)).expect(name);
    let (page, draft, index) = (
        read("share.html"),
        read("share-draft.html"),
        read("index.html"),
    );
    assert!(!page.contains("LOCAL DRAFT") && !page.contains("today?"));
    assert!(draft.contains("class=\"draft-banner\"") && draft.contains("today?"));
    assert!(draft.contains("local file share.ron (SHA-256 "));
    assert_eq!(
        draft.matches("LOCAL DRAFT").count(),
        2,
        "the banner and the footer, once each"
    );
    assert!(!draft.contains(&drafts.path().display().to_string()));
    assert!(index.contains("href=\"share.html\"") && index.contains("href=\"share-draft.html\""));
    assert!(index.contains("LOCAL DRAFT — not the published advice"));
}

#[test]
fn export_html_is_the_published_page() {
    let dir = published();
    let exported = run(&["export", "share", "--format", "html"]);
    let page = std::fs::read_to_string(dir.path().join("share.html")).expect("page");
    assert_eq!(exported, page);
}

/// Pages an earlier run wrote for a tree no longer loaded are named, not deleted.
#[test]
fn pages_this_run_did_not_write_are_named_and_kept() {
    let site = tempfile::tempdir().expect("temp dir");
    let stale = site.path().join("old-tree.html");
    std::fs::write(&stale, "<!DOCTYPE html>").expect("write");
    let output = cli::isolated()
        .args(["publish", "--out", &site.path().display().to_string()])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("old-tree.html, which this run did not write"),
        "{stderr}"
    );
    assert!(!stderr.contains("share.html"), "{stderr}");
    assert!(stale.is_file());
}

#[test]
fn publish_into_a_folder_that_cannot_be_made_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let output = cli::isolated()
        .args(["publish", "--out"])
        .arg(file.join("site"))
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot make the folder"), "{stderr}");
}

fn hostile_page() -> String {
    let tree = manifest_dir().join("tests/fixtures/publish/hostile.ron");
    run(&["export", &tree.display().to_string(), "--format", "html"])
}

/// Issue 20: text that tries to close an element, add one, add an attribute or link to a
/// script is shown as text; only http, https and mailto addresses become links.
#[test]
fn hostile_text_makes_no_markup_and_no_script_link() {
    let page = hostile_page();
    for markup in [
        "<script>window",
        "<img",
        "<iframe",
        "<svg",
        "<b ",
        "<b>",
        "<form action",
        "<meta http-equiv=\"refresh",
        "</section></main>",
        " onerror=\"",
        " onmouseover=\"",
        "href=\"javascript",
        "href=\"data:",
        "<!-- -->",
    ] {
        assert!(!page.contains(markup), "{markup} got through");
    }
    assert_eq!(page.matches("<script").count(), 2, "only the page's own");
    assert!(page.contains("&lt;script&gt;window.__pwned="));
    assert!(page.contains("href=\"https://security-guidance.service.justice.gov.uk/\""));
}

/// Direction-changing characters never reach a page: the loader refuses them (E018), so
/// `export` writes nothing.
#[test]
fn a_tree_with_direction_controls_is_refused_not_published() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(manifest_dir().join("tests/fixtures/valid/sample.ron"))
        .expect("fixture");
    let path = dir.path().join("bidi.ron");
    std::fs::write(
        &path,
        source.replace("Colleagues in the MoJ", "Colleagues \u{202E}JoM eht ni"),
    )
    .expect("write");
    let output = cli::isolated()
        .args(["export", &path.display().to_string(), "--format", "html"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("E018"));
}

/// The answers of a path as the page's address writes them (`1.4.2+3`: option numbers, a
/// checklist's items joined by `+`, `0` for none of them), and as `ask --answer` takes them.
fn answers(tree: &Tree, steps: &[PathStep]) -> (String, Vec<String>) {
    let mut address = Vec::new();
    let mut asked = Vec::new();
    for step in steps {
        match step.answer {
            Answer::Option(i) => {
                address.push((i + 1).to_string());
                asked.push((i + 1).to_string());
            }
            Answer::Items { chosen, decided } => {
                let count = match &tree.node(step.question).kind {
                    NodeKind::Checklist(c) => c.items.len(),
                    _ => 0,
                };
                let picked: Vec<String> = (0..count)
                    .filter(|i| chosen & decided & (1 << i) != 0)
                    .map(|i| (i + 1).to_string())
                    .collect();
                address.push(if picked.is_empty() {
                    "0".to_string()
                } else {
                    picked.join("+")
                });
                asked.push(if picked.is_empty() {
                    "none".to_string()
                } else {
                    picked.join(",")
                });
            }
        }
    }
    (address.join("."), asked)
}

/// The path's steps as a person gives them: a checklist item the listing left undecided is
/// not ticked (as the page's address and `ask` take it).
fn as_given(steps: &[PathStep]) -> Vec<PathStep> {
    steps
        .iter()
        .map(|step| match step.answer {
            Answer::Items { chosen, decided } => PathStep {
                answer: Answer::Items {
                    chosen: chosen & decided,
                    decided: u32::MAX,
                },
                ..*step
            },
            Answer::Option(_) => *step,
        })
        .collect()
}

/// Every question step of every path, once each: the address of the answers before it, and
/// the guidance passages and contacts the terminal shows there (those whose `when:` holds).
fn question_steps(tree: &Tree) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let mut steps = Vec::new();
    for path in all_paths(tree) {
        let given = as_given(&path.steps);
        for k in 0..given.len() {
            let (address, _) = answers(tree, &given[..k]);
            if !seen.insert(address.clone()) {
                continue;
            }
            let facts = facts_of(tree, &given[..k]);
            let node = tree.node(given[k].question);
            let passages: Vec<&str> = node
                .guidance_for(Some(&facts))
                .map(|p| p.quote.as_str())
                .collect();
            let contacts: Vec<&str> = node
                .contacts_for(Some(&facts))
                .map(|c| tree.contacts[c as usize].contact.name.as_str())
                .collect();
            steps.push(json!({"answers": address, "id": node.id, "passages": passages, "contacts": contacts}));
        }
    }
    steps
}

/// What `signpost ask TREE --answer … --format json` says.
fn ask(tree: &str, answers: &[String]) -> Value {
    let mut args = ["ask", tree, "--format", "json"].map(String::from).to_vec();
    for answer in answers {
        args.extend(["--answer".to_string(), answer.clone()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    serde_json::from_str(&run(&args)).expect("JSON")
}

/// Every path of every shipped tree, each with what `ask` says it ends on; the share tree's
/// paths to click through; the hostile page.
fn expected(catalog: &Catalog, site: &Path) -> Value {
    let mut trees = Vec::new();
    for tree in &catalog.trees {
        let mut seen = std::collections::HashSet::new();
        let jobs: Vec<(String, Vec<String>)> = all_paths(tree)
            .iter()
            .map(|path| answers(tree, &path.steps))
            .filter(|(address, _)| seen.insert(address.clone()))
            .collect();
        // Two at a time: the machine has two cores.
        let (first, second) = jobs.split_at(jobs.len() / 2);
        let run = |part: &[(String, Vec<String>)]| -> Vec<Value> {
            part.iter()
                .map(|(address, asked)| {
                    let said = ask(&tree.id, asked);
                    json!({"answers": address, "outcome": said["outcome"]})
                })
                .collect()
        };
        let (mut paths, rest) = std::thread::scope(|s| {
            let other = s.spawn(|| run(second));
            (run(first), other.join().expect("thread"))
        });
        paths.extend(rest);
        let outcomes: Vec<Value> = tree
            .node_ids()
            .filter_map(|id| {
                tree.outcome(id)
                    .map(|o| json!({"id": tree.node(id).id, "headline": o.headline}))
            })
            .collect();
        trees.push(json!({
            "file": format!("{}.html", tree.id),
            "paths": paths,
            "questions": question_steps(tree),
            "outcomes": outcomes,
        }));
    }
    let share_paths = trees
        .iter()
        .find(|t| t["file"] == "share.html")
        .and_then(|t| t["paths"].as_array())
        .map_or(0, Vec::len);
    // A dozen share paths spread over the table: different first answers, lengths and ends.
    let clicks: Vec<usize> = (0..12).map(|k| k * share_paths / 12).collect();
    std::fs::write(site.join("hostile.html"), hostile_page()).expect("write");
    json!({
        "trees": trees,
        "clicks": clicks,
        "hostile": {
            "file": "hostile.html",
            "answers": "1",
            "visible": [
                "</section></main><script>window.__pwned='headline'</script>",
                "<form action=\"javascript:window.__pwned='form'\"><button>Go</button></form>",
                "javascript:window.__pwned='link'",
            ],
        },
    })
}

/// Issue 20: the published pages in headless Chromium (see `tests/browser/walk.mjs`).
#[test]
fn in_a_browser_every_path_ends_where_the_terminal_says_and_the_pages_are_accessible() {
    let Some(node) = programs::installed(&["node"], &["--version"], "Node.js") else {
        return;
    };
    let Some(chromium) = programs::installed(
        &["chromium", "chromium-browser", "google-chrome"],
        &["--version"],
        "Chromium",
    ) else {
        return;
    };
    let browser_tests = manifest_dir().join("tests/browser");
    if !browser_tests.join("node_modules/playwright-core").is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tests/browser/node_modules is missing: run `npm ci --prefix tests/browser` (.ci/run does)"
        );
        eprintln!("SKIPPED: run `npm ci --prefix tests/browser` to drive the pages in Chromium");
        return;
    }
    let site = published();
    let expected_file = site.path().join("expected.json");
    let expected = expected(&shipped(), site.path());
    std::fs::write(&expected_file, expected.to_string()).expect("write");
    let artefacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let chromium = which(&chromium);
    let output = Command::new(node)
        .arg(browser_tests.join("walk.mjs"))
        .arg(site.path())
        .arg(&expected_file)
        .arg(&artefacts)
        .env("CHROMIUM", chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all browser checks passed"), "{stdout}");
}

/// The full path of a program on the path (Playwright needs one).
fn which(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(program))
}

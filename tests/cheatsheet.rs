//! `signpost cheatsheet`: the shipped page against its golden files, and the derivation itself
//! on a small tree (so the order of tools demonstrably comes from the tree, not from code).
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test cheatsheet` after a
//! deliberate change, and review the diff.

#[path = "support/golden.rs"]
mod golden;

#[path = "support/cli.rs"]
mod cli;

#[path = "support/programs.rs"]
mod programs;

use programs::installed;

use std::path::{Path, PathBuf};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Beside the other command goldens (`tests/golden` holds only the trees' decision tables,
/// which `tests/content.rs` checks one per shipped tree).
fn golden_file(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures/cheatsheet").join(name)
}

fn cheatsheet(args: &[&str]) -> String {
    cli::stdout_of(&[&["cheatsheet"], args].concat())
}

#[test]
fn the_markdown_page_matches_its_golden_file_and_stays_under_60_lines() {
    let page = cheatsheet(&[]);
    golden::assert_golden(&golden_file("golden.md"), &page);
    assert!(page.lines().count() < 60, "{} lines", page.lines().count());
    // What a new starter needs is on it: who counts as what, and who to ask.
    assert!(page.contains("**Another government department**: Such as the Home Office"));
    assert!(page.contains("**Who to ask:** MoJ Security team"));
}

#[test]
fn the_text_page_matches_its_golden_file_and_fits_78_columns() {
    let text = cheatsheet(&["--format", "text"]);
    golden::assert_golden(&golden_file("golden.txt"), &text);
    for line in text.lines() {
        let long = line.chars().count() > 78;
        // Only a single word longer than the page (a web address) may overflow.
        assert!(
            !long || !line.trim().contains(' '),
            "over 78 columns: {line}"
        );
    }
}

#[test]
fn the_order_of_tools_is_derived_from_the_tree() {
    let tree = manifest_dir().join("tests/fixtures/decks/quiz-fixture.ron");
    let page = cheatsheet(&["--order-tree", tree.to_str().expect("UTF-8 path")]);
    let order = [
        "Try each in order; go to the next only when the one before is not possible.",
        "1. **Use Microsoft Teams** (RECOMMENDED)\n",
        "2. **Use CJSE or CJSM** (RECOMMENDED)\n",
        "3. **Ask the Security team before you share** (ASK FOR HELP)\n",
    ];
    let mut from = 0;
    for step in order {
        let at = page[from..]
            .find(step)
            .unwrap_or_else(|| panic!("{step:?} missing or out of order in:\n{page}"));
        from += at + step.len();
    }
    assert!(
        page.contains("## NOT ALLOWED\n\n- **Do not use these tools for SECRET material**: The tools are approved only up to and including OFFICIAL-SENSITIVE.\n"),
        "{page}"
    );
    assert!(
        !page.contains("An outcome no answer leads to"),
        "an unreachable outcome is on no path, so on no ladder"
    );
}

#[test]
fn an_unknown_tree_is_a_usage_error() {
    cli::signpost()
        .args(["cheatsheet", "--apps-tree", "no-such-tree"])
        .assert()
        .code(2);
}

/// Issue 17, item 5: `cheatsheet --format html` prints on one sheet, of US Letter (Chromium's
/// paper) and of A4, in headless Chromium, as `pdfinfo` counts the pages.
#[test]
fn the_html_page_prints_on_one_sheet_of_letter_and_of_a4() {
    let html = cheatsheet(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing is fetched"
    );
    let Some(chromium) = installed(
        &["chromium", "chromium-browser", "google-chrome"],
        &["--version"],
        "Chromium",
    ) else {
        return;
    };
    let Some(pdfinfo) = installed(&["pdfinfo"], &["-v"], "pdfinfo (poppler-utils)") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    for (paper, style) in [("letter", ""), ("A4", "@page { size: A4; }")] {
        let page = dir.path().join(format!("{paper}.html"));
        std::fs::write(&page, html.replace("</style>", &format!("{style}</style>")))
            .expect("write the page");
        let pdf = dir.path().join(format!("{paper}.pdf"));
        let printed = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("run Chromium");
        assert!(pdf.is_file(), "no PDF: {printed:?}");
        let info = std::process::Command::new(&pdfinfo)
            .arg(&pdf)
            .output()
            .expect("run pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim);
        assert_eq!(pages, Some("1"), "{paper}:\n{info}");
        assert!(
            info.contains(&format!("({paper})")),
            "printed on {paper}:\n{info}"
        );
    }
}

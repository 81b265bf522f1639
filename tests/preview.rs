//! Live preview: a temporary tree file edited in place and by rename is picked up by the
//! watcher, the app replays the author's answers, and a broken edit keeps the last good tree
//! with its diagnostic.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use signpost::tui::app::App;
use signpost::tui::preview;
use signpost::tui::theme::ThemeName;
use signpost::tui::watch::FileWatcher;

const SAMPLE: &str = include_str!("fixtures/valid/sample.ron");
const CONTACTS: &str = include_str!("fixtures/valid/contacts.ron");

fn wait_for_change(watcher: &mut FileWatcher) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !watcher.changed() {
        assert!(Instant::now() < deadline, "no change reported");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn reload(app: &mut App, path: &Path) {
    let (tree, diagnostics) = preview::load(
        path,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date"),
    );
    app.reload(tree, diagnostics, "12:00:00");
}

/// `signpost preview` on a temporary copy of `text` (with the fixtures' contacts beside it),
/// loaded once.
fn previewing(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    fs::write(dir.path().join("contacts.ron"), CONTACTS).expect("write");
    fs::write(&path, text).expect("write");
    let mut app = App::new(
        Default::default(),
        ThemeName::Monochrome,
        vec![],
        Err("no records".into()),
    );
    app.start_preview(path.clone());
    reload(&mut app, &path);
    (dir, path, app)
}

#[test]
fn edits_are_followed_and_answers_replayed() {
    let (dir, path, mut app) = previewing("tree.ron", SAMPLE);
    app.update(signpost::tui::keymap::Action::Number(2));
    assert_eq!(
        app.walk().map(|(t, w)| w.session.labels(t)),
        Some(vec!["Another organisation".to_string()])
    );
    let mut watcher = FileWatcher::new(&path).expect("watch");

    // Saved in place: the headline changes, the answer is kept.
    fs::write(
        &path,
        SAMPLE.replace(
            "Ask for help before you share",
            "Ask the Security team first",
        ),
    )
    .expect("write");
    wait_for_change(&mut watcher);
    reload(&mut app, &path);
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree), ["Another organisation"]);
    assert_eq!(
        tree.node(walk.session.current()).title(),
        "Ask the Security team first"
    );
    assert!(
        app.preview()
            .expect("preview")
            .status
            .starts_with("reloaded 12:00:00 · 0 errors · 0 warnings")
    );

    // Saved by rename (as vim does), with an error: the last good tree stays, with the diagnostic.
    let temp = dir.path().join("tree.ron.swp");
    fs::write(&temp, SAMPLE.replace("start: \"who\"", "start: \"whom\"")).expect("write");
    fs::rename(&temp, &path).expect("rename");
    wait_for_change(&mut watcher);
    reload(&mut app, &path);
    let preview = app.preview().expect("preview");
    assert!(
        preview.status.contains("1 error")
            && preview.status.contains("showing the last good version"),
        "{}",
        preview.status
    );
    assert_eq!(preview.diagnostics[0].code.as_str(), "E012");
    let (tree, walk) = app.walk().expect("still walking the last good tree");
    assert_eq!(
        tree.node(walk.session.current()).title(),
        "Ask the Security team first"
    );

    // A label renamed: the walk stops at the question and says why.
    fs::write(
        &path,
        SAMPLE.replace("Another organisation", "An external organisation"),
    )
    .expect("write");
    wait_for_change(&mut watcher);
    reload(&mut app, &path);
    let status = &app.preview().expect("preview").status;
    assert!(
        status.contains("your answer \"Another organisation\" no longer applies"),
        "{status}"
    );
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(tree.node(walk.session.current()).id, "who");
}

#[test]
fn a_reload_replays_checklist_answers_and_follows_an_edited_route() {
    const EXAMPLE: &str = include_str!("fixtures/valid/format2-example.ron");
    let (_dir, path, mut app) = previewing("im.ron", EXAMPLE);
    use signpost::tui::keymap::Action;
    for action in [Action::Number(1), Action::Number(4), Action::Select] {
        app.update(action);
    }
    let outcome = |app: &App| {
        let (tree, walk) = app.walk().expect("walking");
        (
            walk.session.labels(tree),
            tree.node(walk.session.current()).id.clone(),
        )
    };
    assert_eq!(
        outcome(&app),
        (
            vec!["OFFICIAL".to_string(), "Details of legal cases".to_string()],
            "avoid-im".to_string()
        )
    );
    // The author drops the rule for legal cases: the same answers now lead elsewhere.
    fs::write(
        &path,
        EXAMPLE.replace(
            "            When(if: {\"contains\": Has(\"legal\")}, go: \"avoid-im\"),\n",
            "",
        ),
    )
    .expect("write");
    reload(&mut app, &path);
    assert_eq!(
        outcome(&app),
        (
            vec!["OFFICIAL".to_string(), "Details of legal cases".to_string()],
            "im-ok".to_string()
        )
    );
}

const EXAMPLE: &str = include_str!("fixtures/valid/format2-example.ron");

/// Authors 2 (issue 18, item 4): a reload keeps the author's place on the step — the highlighted
/// answer (here option 3) and the scroll — not only the answers given.
#[test]
fn a_reload_keeps_the_highlighted_option() {
    use ratatui::{Terminal, backend::TestBackend};
    use signpost::tui::keymap::Action;
    let (_dir, _, mut app) = previewing("tree.ron", EXAMPLE);
    // A folder of the working one, so the screen names the file the same way every run.
    let folder = Path::new("target/preview-snapshot");
    fs::create_dir_all(folder).expect("folder");
    let path = folder.join("tree.ron");
    fs::write(&path, EXAMPLE).expect("write");
    fs::write(folder.join("contacts.ron"), CONTACTS).expect("write");
    app.start_preview(path.clone());
    reload(&mut app, &path);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.walk().map(|(_, w)| w.selected), Some(2));
    fs::write(
        &path,
        EXAMPLE.replace(
            "What is the highest classification",
            "What is the top classification",
        ),
    )
    .expect("write");
    reload(&mut app, &path);
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.selected, 2, "option 3 is still highlighted");
    assert!(
        tree.node(walk.session.current())
            .title()
            .contains("top classification")
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| signpost::tui::draw(f, &app))
        .expect("draw");
    insta::assert_snapshot!("preview_after_reload_keeps_option_3", terminal.backend());
}

/// Authors 2 (issue 18, item 4): preview reloads when the contacts beside the tree change, or a
/// document it quotes (with `--sources`), not only the tree file.
#[test]
fn a_change_to_the_contacts_or_a_quoted_document_is_a_change_too() {
    let (dir, path, app) = previewing("tree.ron", SAMPLE);
    let sources = tempfile::tempdir().expect("sources");
    let tree = app.walk().map(|(t, _)| t.clone());
    let watched = preview::watched_files(&path, tree.as_ref(), Some(sources.path()));
    assert!(watched.contains(&dir.path().join("contacts.ron")));
    assert!(watched.contains(&dir.path().join("policy.ron")));
    let document = sources.path().join("moj-general-app-guidance.md");
    assert!(watched.contains(&document), "{watched:?}");
    let mut watcher = FileWatcher::of(&watched).expect("watch");
    fs::write(
        dir.path().join("contacts.ron"),
        CONTACTS.replace("MoJ", "The MoJ"),
    )
    .expect("write");
    wait_for_change(&mut watcher);
    fs::write(&document, "# Policy\n").expect("write");
    wait_for_change(&mut watcher);
}

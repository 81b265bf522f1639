//! The full-screen app over `TestBackend`: snapshots of every screen after scripted keys, a
//! size sweep and random key sequences that must never panic.

use std::path::PathBuf;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use signpost::catalog::{Catalog, Selection};
use signpost::config::Config;
use signpost::tui::app::App;
use signpost::tui::draw;
use signpost::tui::mode::Mode;
use signpost::tui::theme::ThemeName;

fn app_with_banner(banner: Vec<signpost::diagnostic::Diagnostic>) -> (App, tempfile::TempDir) {
    let records = tempfile::tempdir().expect("temp dir");
    let catalog = Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    (
        App::new(
            catalog,
            ThemeName::Monochrome,
            banner,
            Ok(records.path().to_path_buf()),
        ),
        records,
    )
}

fn app() -> (App, tempfile::TempDir) {
    app_with_banner(Vec::new())
}

/// The index of the shipped tree `id` in the app's list.
fn tree_index(app: &App, id: &str) -> usize {
    app.catalog()
        .trees
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("no tree {id}"))
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Sends keys written like `"1 2 <enter> <tab> <left>"`; plain words are typed character by
/// character.
fn press(app: &mut App, keys: &str) {
    for token in keys.split_whitespace() {
        let code = match token {
            "<enter>" => KeyCode::Enter,
            "<esc>" => KeyCode::Esc,
            "<tab>" => KeyCode::Tab,
            "<left>" => KeyCode::Left,
            "<right>" => KeyCode::Right,
            "<up>" => KeyCode::Up,
            "<down>" => KeyCode::Down,
            "<bs>" => KeyCode::Backspace,
            "<pgdn>" => KeyCode::PageDown,
            "<pgup>" => KeyCode::PageUp,
            "<home>" => KeyCode::Home,
            "<end>" => KeyCode::End,
            "<space>" => KeyCode::Char(' '),
            word => {
                for c in word.chars() {
                    app.handle_event(&key(KeyCode::Char(c)));
                }
                continue;
            }
        };
        app.handle_event(&key(code));
    }
}

fn screen(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| draw(f, app)).expect("draw");
    terminal
}

fn snapshot(name: &str, app: &App) {
    for (w, h) in [(100, 30), (60, 20)] {
        let terminal = screen(app, w, h);
        assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn home() {
    let (app, _dir) = app();
    snapshot("home", &app);
}

#[test]
fn search_results() {
    let (mut app, _dir) = app();
    press(&mut app, "zoom");
    snapshot("search_zoom", &app);
    let first = app
        .search()
        .entry(&app.catalog().trees, app.search().hits[0]);
    assert_eq!(
        app.catalog().trees[first.tree].id,
        "apps",
        "zoom finds the apps tree first"
    );
    press(&mut app, "<bs> <bs> <bs> <bs> police");
    let police = app
        .search()
        .hits
        .iter()
        .map(|h| app.search().entry(&app.catalog().trees, *h))
        .find(|e| e.kind == signpost::search::Kind::Answer(2) || e.text.contains("Police"));
    assert!(
        police.is_some_and(|e| app.catalog().trees[e.tree].id == "share"),
        "police finds the criminal justice answer"
    );
}

#[test]
fn walk_question() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> 1 3");
    snapshot("walk_question", &app);
}

#[test]
fn outcome_and_saving_a_record() {
    let (mut app, dir) = app();
    press(&mut app, "<enter> 1 3 2 2 1");
    snapshot("outcome", &app);
    press(&mut app, "s");
    snapshot("save_note", &app);
    press(&mut app, "to the CPS <enter>");
    let saved = std::fs::read_dir(dir.path()).expect("records").count();
    assert_eq!(saved, 1);
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("Saved decision record: "))
    );
    // The same walk with the same note again: no copy, and the person is told where it is.
    press(&mut app, "s to the CPS <enter>");
    assert_eq!(std::fs::read_dir(dir.path()).expect("records").count(), 1);
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("Already saved as ")),
        "{:?}",
        app.status()
    );
    // Esc in the note leaves it unsaved.
    press(&mut app, "s <esc>");
    assert_eq!(app.status(), Some("Not saved."));
}

/// The help lists the keys of the screen it was opened from: on the home screen, typing
/// searches and `q` is typed, so the help must not offer walk keys or say that `q` quits.
#[test]
fn help_on_the_home_screen_lists_home_keys() {
    let (mut app, _dir) = app();
    press(&mut app, "?");
    let text = screen(&app, 100, 30).backend().to_string();
    assert!(text.contains("search every tree"), "{text}");
    assert!(!text.contains("go back one answer"), "{text}");
    assert!(!text.contains("q  Esc"), "{text}");
    snapshot("help_home", &app);
    press(&mut app, "x");
    assert!(
        matches!(app.mode(), Mode::Home(_)),
        "any key closes the help"
    );
}

#[test]
fn help_overlay() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> ?");
    snapshot("help", &app);
    press(&mut app, "x");
    assert!(
        matches!(app.mode(), Mode::Walk(_)),
        "any key closes the help"
    );
}

#[test]
fn changing_an_earlier_answer() {
    let (mut app, _dir) = app();
    press(
        &mut app,
        "<enter> 1 3 2 2 1 <tab> <left> <left> <left> <enter>",
    );
    snapshot("change_answer", &app);
    press(&mut app, "2");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(
        walk.session.labels(tree)[1],
        "Another government department"
    );
    assert!(
        app.status().is_some_and(|s| s.contains("kept")),
        "{:?}",
        app.status()
    );
}

#[test]
fn a_search_result_opens_with_only_the_answers_the_search_decided() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> / zoom");
    snapshot("search_popup", &app);
    press(&mut app, "<enter>");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(tree.id, "apps");
    // "zoom" decides the app; who will use it is left for the person, not guessed.
    assert_eq!(walk.session.steps().len(), 1);
    assert!(walk.is_assumed(0));
    assert_eq!(tree.node(walk.session.current()).id, "audience");
    let status = app
        .status()
        .expect("the first screen says what was assumed");
    assert!(
        status.starts_with("1 answer assumed from your search (marked above)"),
        "{status}"
    );
    snapshot("search_opened", &app);
}

#[test]
fn a_whole_question_opens_its_walk_with_its_answers_marked_assumed() {
    let (mut app, _dir) = app();
    press(
        &mut app,
        "send <space> an <space> official-sensitive <space> document <space> to <space> a <space> police <space> force <space> that <space> cannot <space> use <space> teams <enter>",
    );
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(tree.id, "share");
    assert_eq!(walk.session.steps().len(), 4);
    assert!((0..4).all(|s| walk.is_assumed(s)));
    assert_eq!(
        tree.node(walk.session.current()).id,
        "cjsm-q",
        "whether they can use CJSE or CJSM is for the person"
    );
    snapshot("search_whole_question", &app);
    // The person's own answer is theirs; changing an assumed one makes it theirs too.
    press(&mut app, "1");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(tree.node(walk.session.current()).id, "cjsm-cj");
    assert!(!walk.is_assumed(4));
    snapshot("search_whole_question_answered", &app);
    press(&mut app, "<tab> <left> <left> <left> <enter> <enter>");
    let (_, walk) = app.walk().expect("walking");
    assert!(!walk.is_assumed(1), "the answer changed is the person's");
    assert!(walk.is_assumed(0) && walk.is_assumed(2));
}

#[test]
fn broken_config_banner() {
    let config = Config::parse("config.ron", "Config(\n  theme: \"purple\",\n)");
    let (app, _dir) = app_with_banner(config.problems);
    snapshot("config_banner", &app);
}

#[test]
fn too_small() {
    let (app, _dir) = app();
    let terminal = screen(&app, 30, 8);
    assert_snapshot!("too_small", terminal.backend());
}

#[test]
fn cursor_sits_on_the_selected_option() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> <down>");
    let mut terminal = screen(&app, 100, 30);
    let position = terminal.get_cursor_position().expect("cursor");
    let row: String = (0..100)
        .map(|x| {
            terminal.backend().buffer()[(x, position.y)]
                .symbol()
                .to_string()
        })
        .collect();
    assert!(
        row.contains("› 2. "),
        "cursor row is the selected option: {row}"
    );
}

/// Draws the app at 100×30 and clicks answer `index` (0-based) where it was drawn.
fn click_answer(app: &mut App, index: usize) {
    click(app, signpost::tui::app::Target::Option(index));
}

/// Draws the app at 100×30 and clicks `target` where it was drawn.
fn click(app: &mut App, target: signpost::tui::app::Target) {
    let _ = screen(app, 100, 30);
    let target = app
        .targets
        .borrow()
        .iter()
        .find(|(_, t)| *t == target)
        .map(|(r, _)| *r)
        .unwrap_or_else(|| panic!("{target:?} is not on screen"));
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: target.x + 2,
        row: target.y,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn clicking_an_option_chooses_it() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter>");
    click_answer(&mut app, 1);
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree), ["Send a message"]);
}

#[test]
fn no_panic_at_any_size() {
    let (mut app, _dir) = app();
    let states = ["", "<enter> 1 3", "2 2 1", "?", "<esc> / e"];
    for keys in states {
        press(&mut app, keys);
        for w in (1..=300).step_by(23).chain([1, 2, 39, 40, 99, 100, 300]) {
            for h in (1..=100).step_by(9).chain([1, 11, 12, 100]) {
                let _ = screen(&app, w, h);
            }
        }
    }
}

#[test]
fn random_keys_never_panic() {
    let codes = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Char('1'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char('5'),
        KeyCode::Char('9'),
        KeyCode::Char('r'),
        KeyCode::Char('s'),
        KeyCode::Char('/'),
        KeyCode::Char('?'),
        KeyCode::Char('t'),
        KeyCode::Char('c'),
        KeyCode::Char('a'),
        KeyCode::Char('h'),
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (base, _dir) = app();
    for tree in 0..base.catalog().trees.len() {
        for _ in 0..30 {
            let (mut app, _dir) = app();
            app.open_tree(tree);
            for _ in 0..60 {
                let code = codes[(next() % codes.len() as u64) as usize];
                if code == KeyCode::Esc && next() % 2 == 0 {
                    continue;
                }
                // Quitting only sets a flag: the keys after it still reach the app.
                app.handle_event(&key(code));
                let _ = screen(&app, 80, 24);
            }
        }
    }
}

/// Issue 17, item 1: each press of Space shows one more part of the step — on a question the
/// options, what they mean, its help, its guidance and who to ask; on an outcome the guidance,
/// the verdict, its conditions, its fallbacks and who to ask — and nothing is dropped without
/// "more below" on the counter line.
#[test]
fn presentation_reveals_step_by_step() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> 1 p");
    for stage in 0..6 {
        let terminal = screen(&app, 80, 24);
        assert_snapshot!(
            format!("present_question_stage{stage}_80x24"),
            terminal.backend()
        );
        press(&mut app, "<space>");
    }
    // Each question shows its options before it takes an answer.
    press(&mut app, "3 <space> 2 <space> 2 <space> 1");
    let (tree, walk) = app.walk().expect("walking");
    assert!(walk.session.at_outcome(tree));
    for stage in 0..6 {
        let terminal = screen(&app, 80, 24);
        let text = format!("{:?}", terminal.backend());
        assert_eq!(
            text.contains("The answer ·"),
            stage >= 2,
            "the verdict comes after the guidance (stage {stage})"
        );
        if stage == 2 {
            assert!(text.contains("RECOMMENDED —"), "{text}");
        }
        assert_snapshot!(
            format!("present_outcome_stage{stage}_80x24"),
            terminal.backend()
        );
        press(&mut app, "<space>");
    }
    assert!(
        screen(&app, 80, 24)
            .backend()
            .to_string()
            .contains("security@justice.gov.uk"),
        "who to ask is the last part"
    );
    press(&mut app, "p");
    assert!(app.mode().presenting().is_none());
    assert_eq!(
        app.theme().name,
        ThemeName::Monochrome,
        "the theme in force before is restored"
    );
}

#[test]
fn map_shows_the_tree_and_jumps_to_a_node() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> 1 3 m");
    snapshot("map", &app);
    // The row below is a route ("OFFICIAL → Decided by: sharing"): no screen of its own.
    press(&mut app, "<down> <enter>");
    assert!(matches!(app.mode(), Mode::Map(..)), "the map stays open");
    assert!(
        app.status()
            .is_some_and(|s| s.contains("no screen of its own")),
        "{:?}",
        app.status()
    );
    press(&mut app, "<down> <enter>");
    assert!(matches!(app.mode(), Mode::Walk(_)), "the map closes");
    let (tree, walk) = app.walk().expect("walking");
    assert_ne!(walk.session.current(), tree.start);
}

/// The app with the format-2 example of docs/authoring.md open (a checklist, a route and
/// conditional text).
fn format2_app() -> (App, tempfile::TempDir) {
    let records = tempfile::tempdir().expect("temp dir");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid/format2-example.ron");
    let mut app = app_with_only(example, &records);
    app.open_tree(0);
    (app, records)
}

/// The app with only the tree in `file` (which must load), saving records in `records`.
fn app_with_only(file: PathBuf, records: &tempfile::TempDir) -> App {
    let catalog = Catalog::load(
        &Selection::new(false, vec![file])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    assert_eq!(catalog.trees.len(), 1, "{:?}", catalog.broken);
    App::new(
        catalog,
        ThemeName::Monochrome,
        Vec::new(),
        Ok(records.path().to_path_buf()),
    )
}

#[test]
fn a_checklist_ticks_items_with_space_and_confirms_with_enter() {
    let (mut app, _dir) = format2_app();
    press(&mut app, "1 <down> <space> <down> <down> <space>");
    snapshot("checklist", &app);
    press(&mut app, "<enter>");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(
        walk.session.labels(tree)[1],
        "Personnel or HR information, Details of legal cases"
    );
    assert!(
        walk.session.at_outcome(tree),
        "the route passes straight on"
    );
    assert_eq!(tree.node(walk.session.current()).id, "avoid-im");
}

#[test]
fn enter_with_nothing_ticked_asks_for_a_tick_or_none_of_these() {
    let (mut app, _dir) = format2_app();
    press(&mut app, "1 <enter>");
    let (tree, walk) = app.walk().expect("walking");
    assert!(
        tree.checklist(walk.session.current()).is_some(),
        "still asking"
    );
    assert!(app.status().is_some_and(|s| s.contains("Space")));
    // The last row is "None of these".
    press(&mut app, "<down> <down> <down> <down> <down> <enter>");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree)[1], "None of these");
}

#[test]
fn an_outcome_shows_only_the_text_that_applies() {
    let (mut app, _dir) = format2_app();
    press(&mut app, "1 <down> <down> <down> <down> <down> <enter>");
    snapshot("outcome_conditional", &app);
    let (tree, walk) = app.walk().expect("walking");
    let shown = tree
        .outcome(walk.session.current())
        .expect("an outcome")
        .shown(Some(walk.session.facts()));
    assert!(
        shown
            .fallbacks
            .iter()
            .any(|f| f.contains("turns out to be sensitive")),
        "OFFICIAL shows the fallback for OFFICIAL"
    );
    assert!(
        !shown
            .conditions
            .iter()
            .any(|c| c.contains("MoJ installation")),
        "but not the OFFICIAL-SENSITIVE condition"
    );
}

#[test]
fn changing_a_checklist_answer_reroutes_the_walk() {
    let (mut app, _dir) = format2_app();
    press(&mut app, "1 <down> <space> <enter>");
    {
        let (tree, walk) = app.walk().expect("walking");
        assert_eq!(tree.node(walk.session.current()).id, "avoid-im");
    }
    // Tab to the answers, pick the checklist answer, untick HR, then "None of these".
    press(&mut app, "<tab> <enter>");
    snapshot("change_checklist", &app);
    press(
        &mut app,
        "<down> <space> <down> <down> <down> <down> <enter>",
    );
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree)[1], "None of these");
    assert_eq!(tree.node(walk.session.current()).id, "im-ok");
}

/// The labels of the answers of the question the walk shows.
fn shown_answers(app: &App) -> Vec<String> {
    let (tree, walk) = app.walk().expect("walking");
    let labels = walk.shown_node(tree).answer_labels();
    labels.iter().map(|l| l.to_string()).collect()
}

/// The status line says that `1` waits for a second digit.
fn assert_waits_for_a_second_digit(app: &App) {
    assert!(
        app.status()
            .is_some_and(|s| s.starts_with("1… type a second digit")),
        "{:?}",
        app.status()
    );
}

/// Issue 16, item 2: a question with more than nine answers takes two-digit numbers, as the
/// footer says; the home screen's digits open trees; a paste goes into the search box.
#[test]
fn two_digit_answers_home_digits_and_paste() {
    let (mut app, _dir) = app();
    let apps = tree_index(&app, "apps");
    press(&mut app, &(apps + 1).to_string());
    let (tree, _) = app
        .walk()
        .expect("a digit on the home screen opens that tree");
    assert_eq!(tree.id, "apps");
    let answers = shown_answers(&app);
    assert!(
        answers.len() >= 14,
        "the apps question has {} answers",
        answers.len()
    );
    let footer = screen(&app, 100, 30).backend().to_string();
    assert!(
        footer.contains(&format!("1-{} choose", answers.len())),
        "{footer}"
    );
    press(&mut app, "1");
    assert_waits_for_a_second_digit(&app);
    press(&mut app, "4");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(
        walk.session.labels(tree),
        [answers[13].clone()],
        "1 then 4 chooses answer 14"
    );

    // A paste during a walk opens the search with the pasted text, as one line.
    app.handle_event(&Event::Paste("zoom\nmeeting\u{1b}".into()));
    assert!(matches!(app.mode(), Mode::Search(_)));
    assert_eq!(app.search().query, "zoom meeting");
    press(&mut app, "<esc>");
    assert!(
        matches!(app.mode(), Mode::Walk(_)),
        "the walk is still there"
    );
}

/// A click on an answer chooses that answer at once, even where numbers take two digits (a
/// click is not a typed digit: answer 1 of the apps question's eighteen does not wait for a
/// second).
#[test]
fn a_click_on_answer_one_of_eighteen_chooses_it_at_once() {
    let (mut app, _dir) = app();
    let apps = tree_index(&app, "apps");
    app.open_tree(apps);
    let first = shown_answers(&app)[0].clone();
    click_answer(&mut app, 0);
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree), [first]);
}

/// A number half typed on one question is dropped when a click on the trail moves to another:
/// `1` (waiting, on a question of twelve answers), a click on an earlier answer, then `2`
/// chooses answer 2 there, not answer 12.
#[test]
fn a_click_on_the_trail_drops_a_half_typed_number() {
    let records = tempfile::tempdir().expect("temp dir");
    let file = records.path().join("twelve.ron");
    let options = |next: &str| {
        (1..=12)
            .map(|i| format!(r#"Option(label: "Choice {i}", next: "{next}"),"#))
            .collect::<String>()
    };
    std::fs::write(
        &file,
        format!(
            r#"Tree(id: "twelve", title: "Twelve", summary: "Twelve answers a question.",
    owner: "Test", review_by: "2999-12-31", version: "1.0.0", sources: {{}}, start: "q1",
    nodes: {{
        "q1": Question(text: "First?", options: [{}]),
        "q2": Question(text: "Second?", options: [{}]),
        "q3": Question(text: "Third?", options: [Option(label: "Yes", next: "o")]),
        "o": Outcome(verdict: "ask-for-help", headline: "Done", explanation: "Ask.",
            contacts: ["security"]),
    }})"#,
            options("q2"),
            options("q3")
        ),
    )
    .expect("write the tree");
    let mut app = app_with_only(file, &records);
    app.open_tree(0);
    // 2 chooses at once (there is no answer 20), on both questions; then change the second.
    press(&mut app, "2 2 <tab> <enter> 1");
    assert_waits_for_a_second_digit(&app);
    click(&mut app, signpost::tui::app::Target::Step(0));
    press(&mut app, "2");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree)[0], "Choice 2");
}

/// Esc (or q, ←, Backspace) while a number waits for its second digit cancels the number, not
/// the walk; the next Esc quits as usual.
#[test]
fn esc_cancels_a_waiting_number_before_it_quits() {
    let (mut app, _dir) = app();
    let apps = tree_index(&app, "apps");
    app.open_tree(apps);
    let answers = shown_answers(&app);
    press(&mut app, "1");
    assert_waits_for_a_second_digit(&app);
    press(&mut app, "<esc>");
    assert!(!app.quitting(), "Esc cancelled the number, not the walk");
    assert_eq!(app.status(), Some("Number cancelled: type it again."));
    press(&mut app, "2");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(
        walk.session.labels(tree),
        [answers[1].clone()],
        "2 alone is answer 2"
    );
    press(&mut app, "<esc>");
    assert!(app.quitting(), "with no number waiting, Esc quits");

    let (mut app, _dir) = app_with_extra_trees(8);
    press(&mut app, "1 <esc>");
    assert!(matches!(app.mode(), Mode::Home(_)));
    assert!(!app.quitting());
    press(&mut app, "<esc>");
    assert!(app.quitting());
}

/// The shipped trees and `extra` small trees of one question each, from a folder.
fn app_with_extra_trees(extra: usize) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let trees = dir.path().join("trees");
    std::fs::create_dir(&trees).expect("a folder");
    for i in 1..=extra {
        std::fs::write(
            trees.join(format!("extra{i:02}.ron")),
            format!(
                r#"Tree(id: "extra{i:02}", title: "Extra tree {i:02}", summary: "A test tree.",
    owner: "Test", review_by: "2999-12-31", version: "1.0.0", sources: {{}}, start: "q",
    nodes: {{
        "q": Question(text: "Extra question {i:02}?", options: [Option(label: "Yes", next: "o")]),
        "o": Outcome(verdict: "ask-for-help", headline: "Extra outcome {i:02}",
            explanation: "Ask.", contacts: ["security"]),
    }})"#
            ),
        )
        .expect("write a tree");
    }
    let catalog = Catalog::load(
        &Selection::new(true, vec![trees])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    assert!(catalog.broken.is_empty(), "{:?}", catalog.broken);
    let app = App::new(
        catalog,
        ThemeName::Monochrome,
        Vec::new(),
        Ok(dir.path().to_path_buf()),
    );
    (app, dir)
}

/// On a home screen with more than nine trees, tree numbers take two digits as the footer says:
/// `1` waits (and says so), `2` then opens tree 12; a number past the list says so instead of
/// doing nothing.
#[test]
fn home_numbers_past_nine_take_two_digits() {
    let (mut app, _dir) = app_with_extra_trees(8);
    let trees = app.catalog().trees.len();
    assert!(trees >= 12, "{trees} trees");
    let text = screen(&app, 100, 30).backend().to_string();
    assert!(text.contains(&format!("1-{trees} open")), "{text}");
    press(&mut app, "1");
    assert!(
        matches!(app.mode(), Mode::Home(_)),
        "1 waits for a second digit"
    );
    assert_eq!(
        app.status(),
        Some(
            format!(
                "1… type a second digit for 10-{}, or press Enter for 1.",
                trees.min(19)
            )
            .as_str()
        )
    );
    press(&mut app, "2");
    let (tree, _) = app.walk().expect("1 then 2 opens tree 12");
    assert_eq!(tree.id, app.catalog().trees[11].id);

    // 1 then Enter opens tree 1.
    press(&mut app, "t 1 <enter>");
    let (tree, _) = app.walk().expect("1 then Enter opens tree 1");
    assert_eq!(tree.id, app.catalog().trees[0].id);

    // With the five shipped trees, 7 names no tree: the screen says so.
    let (mut app, _records) = self::app();
    let text = screen(&app, 100, 30).backend().to_string();
    assert!(text.contains("1-5 open"), "{text}");
    press(&mut app, "7");
    assert!(matches!(app.mode(), Mode::Home(_)));
    assert_eq!(
        app.status(),
        Some("There is no 7 here: the trees are numbered 1 to 5.")
    );
}

/// Issue 21, item 2: a local copy of a built-in tree with other content is listed as a local
/// draft after the built-in trees, and every screen of its walk says it is not the published
/// advice.
#[test]
fn a_local_draft_is_listed_as_one_and_its_walk_says_so() {
    // A path relative to the crate, so the snapshots read the same on every machine.
    let dir = PathBuf::from("target/tui-drafts");
    std::fs::create_dir_all(&dir).expect("folder");
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decision-trees/share.ron"),
    )
    .expect("the shipped tree");
    let draft = dir.join("share.ron");
    std::fs::write(&draft, shipped.replace("Use CJSE or CJSM", "Use WhatsApp")).expect("write");
    let catalog = Catalog::load(
        &Selection::new(true, vec![draft.clone()])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")),
    );
    let index = catalog
        .trees
        .iter()
        .position(|t| t.provenance.is_draft())
        .expect("the draft is listed");
    assert_eq!(
        catalog.trees[0].id, "share",
        "the built-in tree keeps its place"
    );
    assert!(!catalog.trees[0].provenance.is_draft());
    let mut app = App::new(catalog, ThemeName::Monochrome, vec![], Err("none".into()));
    press(&mut app, &"<down> ".repeat(index));
    let home = screen(&app, 100, 30).backend().to_string();
    assert!(home.contains("local draft"), "{home}");
    assert!(
        !home.contains("local file"),
        "a built-in tree is not marked:\n{home}"
    );
    assert!(
        home.contains("Source: LOCAL DRAFT"),
        "the About pane says so:\n{home}"
    );
    assert_snapshot!("draft_home_100x30", screen(&app, 100, 30).backend());
    press(&mut app, "<enter>");
    assert_snapshot!("draft_walk_80x24", screen(&app, 80, 24).backend());
    for (w, h) in [(100, 30), (60, 20)] {
        let walk = screen(&app, w, h).backend().to_string();
        assert!(
            walk.lines()
                .next()
                .is_some_and(|l| l.contains("LOCAL DRAFT")),
            "{w}×{h}:\n{walk}"
        );
    }
}

/// Issue 16, item 1: at every size from 60×20 up, every question of every shipped tree shows
/// its text and every one of its answers without scrolling (a long list of short answers goes
/// into two columns, an answer too long for its column ends in "…").
#[test]
fn every_answer_of_every_question_is_on_screen_at_every_size() {
    let (mut app, _dir) = app();
    let trees: Vec<_> = app.catalog().trees.to_vec();
    for (index, tree) in trees.iter().enumerate() {
        for id in tree.node_ids() {
            let node = tree.node(id);
            if !node.asks() {
                continue;
            }
            app.open_at(index, id);
            for (w, h) in [(60, 20), (80, 24), (100, 30), (160, 50)] {
                let text = screen(&app, w, h).backend().to_string();
                let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let title_start: String = node.title().chars().take(20).collect();
                assert!(
                    flat.contains(title_start.trim()),
                    "{} {} at {w}×{h}: the question is not on screen:\n{text}",
                    tree.id,
                    node.id
                );
                for (i, label) in node.answer_labels().iter().enumerate() {
                    // Enough of the label to know it, after its number ("none of these" has none).
                    let start: String = label.chars().take(12).collect();
                    let expected = if node.checklist_items() == Some(i) {
                        start.trim().to_string()
                    } else {
                        format!("{}. {}", i + 1, start.trim())
                    };
                    assert!(
                        flat.contains(&expected),
                        "{} {} at {w}×{h}: answer {} ({label}) is not on screen:\n{text}",
                        tree.id,
                        node.id,
                        i + 1
                    );
                }
            }
        }
    }
}

/// In two columns, a click on an answer in the right-hand column chooses that answer.
#[test]
fn a_click_in_the_second_column_chooses_that_answer() {
    let (mut app, _dir) = app();
    let apps = tree_index(&app, "apps");
    app.open_tree(apps);
    let text = screen(&app, 60, 20).backend().to_string();
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("10. Twitter"))
        .expect("Twitter in the second column");
    // Each line of the backend's text starts with a quote mark.
    let x = line[..line.find("10. Twitter").expect("on the line")]
        .chars()
        .count() as u16
        - 1;
    app.handle_event(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: row as u16,
        modifiers: KeyModifiers::NONE,
    }));
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.labels(tree), ["Twitter"]);
}

/// Issue 16, item 1: the help adapts to the window: at 60×20 it says there is more and scrolls
/// with ↓; any other key closes it.
#[test]
fn the_help_scrolls_in_a_small_window() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> ?");
    let first = screen(&app, 60, 20).backend().to_string();
    assert!(first.contains("Keys · more below (↓)"), "{first}");
    press(
        &mut app,
        "<down> <down> <down> <down> <down> <down> <down> <down>",
    );
    let last = screen(&app, 60, 20).backend().to_string();
    assert!(last.contains("Keys · ↑ for more"), "{last}");
    assert!(last.contains("Ctrl-C"), "the last key is reached:\n{last}");
    press(&mut app, "x");
    assert!(matches!(app.mode(), Mode::Walk(_)));
}

/// Issue 16, item 1: the screens people use most, at the sizes people use (60×20, 80×24,
/// 100×30, 160×50): home, a question with five or more answers, an outcome with three
/// passages and two contacts, the help, and search results.
#[test]
fn the_main_screens_at_four_sizes() {
    const SIZES: [(u16, u16); 4] = [(60, 20), (80, 24), (100, 30), (160, 50)];
    let shots = |name: &str, app: &App| {
        for (w, h) in SIZES {
            assert_snapshot!(format!("sizes_{name}_{w}x{h}"), screen(app, w, h).backend());
        }
    };
    let (mut app, _dir) = app();
    shots("home", &app);
    press(&mut app, "police");
    shots("search", &app);
    press(&mut app, "<esc> <enter> 1 3");
    shots("question", &app);
    press(&mut app, "?");
    shots("help", &app);
    // The first outcome of a shipped tree with three passages and two contacts.
    let (index, outcome) = app
        .catalog()
        .trees
        .iter()
        .enumerate()
        .find_map(|(i, tree)| {
            tree.node_ids()
                .find(|&id| {
                    let node = tree.node(id);
                    matches!(node.kind, signpost::tree::NodeKind::Outcome(_))
                        && node.guidance_for(None).count() >= 3
                        && node.contacts_for(None).count() >= 2
                })
                .map(|id| (i, id))
        })
        .expect("an outcome with three passages and two contacts");
    press(&mut app, "x");
    app.open_at(index, outcome);
    shots("outcome", &app);
}

/// A signed pack made in `target/tui-packs/NAME` (a path relative to the crate, so the screens
/// read the same on every machine) from the shipped content with share 2.1.0; returns the
/// folder and the public key's line. With `tamper`, one byte of its share.ron is changed after
/// signing.
fn tui_pack(name: &str, tamper: bool) -> (PathBuf, String) {
    let root = PathBuf::from("target/tui-packs").join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content")).expect("folder");
    for entry in std::fs::read_dir("decision-trees").expect("shipped") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).expect("read");
            let text = text.replacen("version: \"2.0.1\"", "version: \"2.1.0\"", 1);
            std::fs::write(
                root.join("content").join(path.file_name().expect("name")),
                text,
            )
            .expect("write");
        }
    }
    let keys = signpost::pack::generate(&root.join("team"), signpost::pack::Protection::None)
        .expect("a key pair");
    let pack = root.join("pack");
    signpost::pack::write(&signpost::pack::PackRequest {
        source: root.join("content"),
        secret_key: keys.secret.clone(),
        password: None,
        out: pack.clone(),
        signed_by: "MoJ Cyber Security".into(),
        published: "2027-01-10".into(),
    })
    .expect("the pack is written");
    if tamper {
        let share = pack.join("share.ron");
        let text = std::fs::read_to_string(&share).expect("share");
        std::fs::write(
            &share,
            text.replacen("Use Microsoft Teams", "Use Microsoft Teamz", 1),
        )
        .expect("write");
    }
    (pack, keys.public_line)
}

fn app_with_pack(pack: &std::path::Path, key: &str) -> (App, tempfile::TempDir) {
    let records = tempfile::tempdir().expect("temp dir");
    let catalog = Catalog::load(
        &Selection::new(true, vec![])
            .on(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date"))
            .with_packs(&[pack.to_path_buf()], &[key.to_string()]),
    );
    let banner = catalog.refused_packs.clone();
    let app = App::new(
        catalog,
        ThemeName::Monochrome,
        banner,
        Ok(records.path().to_path_buf()),
    );
    (app, records)
}

/// Issue 21: the home screen names an update in use, and says when one was refused.
#[test]
fn home_with_a_pack_in_use_and_with_one_refused() {
    let (pack, key) = tui_pack("used", false);
    let (app, _dir) = app_with_pack(&pack, &key);
    let terminal = screen(&app, 80, 24);
    assert_snapshot!("pack_in_use_80x24", terminal.backend());

    let (pack, key) = tui_pack("refused", true);
    let (app, _dir) = app_with_pack(&pack, &key);
    let terminal = screen(&app, 80, 24);
    assert_snapshot!("pack_refused_80x24", terminal.backend());
}

/// Issue 21, item 1: a tree of the user's own says where it comes from on the home screen.
#[test]
fn home_names_the_file_of_a_tree_of_your_own() {
    let catalog = Catalog::load(&Selection::new(
        true,
        vec![PathBuf::from("tests/fixtures/valid/sample.ron")],
    ));
    let index = catalog
        .trees
        .iter()
        .position(|t| t.provenance.is_local())
        .expect("the file is listed");
    let mut app = App::new(catalog, ThemeName::Monochrome, vec![], Err("none".into()));
    press(&mut app, &"<down> ".repeat(index));
    let home = screen(&app, 100, 30).backend().to_string();
    assert!(
        home.contains("local file (tests/fixtures/valid/sample.ron)"),
        "{home}"
    );
}

/// The counter line of a presented step (the line under the big heading).
fn counter_line(app: &App) -> String {
    let screen = screen(app, 80, 24).backend().to_string();
    screen
        .lines()
        .find(|l| l.contains("Question") && l.contains(" of up to "))
        .unwrap_or_default()
        .to_string()
}

/// Issue 17, item 1: the digits wait for the options; a step longer than the screen scrolls
/// with PgUp and PgDn and says what is out of sight; `e` shows the time; Esc never ends the
/// session, and `q` asks first once the walk is under way.
#[test]
fn presentation_keys_do_what_the_room_needs() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> p 2");
    let (_, walk) = app.walk().expect("walking");
    assert!(
        walk.session.steps().is_empty(),
        "no answer before the options show"
    );
    assert_eq!(app.status(), Some("Press Space to show the options first."));
    let footer = screen(&app, 80, 24).backend().to_string();
    assert!(!footer.contains("1-3 choose"), "{footer}");

    press(&mut app, "<space> <space> <space> <space> <space>");
    assert!(
        counter_line(&app).contains("more above ↑ PgUp"),
        "{}",
        counter_line(&app)
    );
    press(&mut app, "<pgup> <pgup> <pgup>");
    let line = counter_line(&app);
    assert!(
        line.contains("more below ↓ PgDn") && !line.contains("more above"),
        "{line}"
    );
    // With every part shown, Space pages down too.
    press(&mut app, "<space>");
    let line = counter_line(&app);
    assert!(line.contains("more above ↑ PgUp"), "{line}");
    press(&mut app, "e");
    assert!(
        counter_line(&app).contains("0:00 elapsed"),
        "{}",
        counter_line(&app)
    );
    press(&mut app, "e");
    assert!(!counter_line(&app).contains("elapsed"));

    press(&mut app, "<esc>");
    assert!(
        !app.quitting() && app.mode().presenting().is_some(),
        "Esc never ends it"
    );
    press(&mut app, "1 q");
    assert!(!app.quitting(), "q asks first");
    assert_snapshot!("present_quitting_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "n");
    assert!(
        !app.quitting() && app.mode().presenting().is_some(),
        "n carries on"
    );
    let (_, walk) = app.walk().expect("walking");
    assert_eq!(walk.session.steps().len(), 1, "the walk is kept");
    press(&mut app, "q y");
    assert!(app.quitting());
}

/// Issue 17, item 2: the map row for SECRET under "Hold a call or meeting" → "Colleagues in
/// the MoJ" (a node drawn in full under "Share documents or files", behind a route that tests
/// the first answer) is reached by the answers drawn, not by the first way to it; the trail
/// then shows them, and only the rows of that path are marked.
#[test]
fn a_jump_from_the_map_takes_the_path_drawn() {
    use signpost::tui::map::TreeMap;
    let (mut app, _dir) = app();
    press(&mut app, "<enter>");
    let (tree, _) = app.walk().expect("walking");
    let rows = TreeMap::default().rows(tree);
    // The rows that end "SECRET", and the walks a jump to each takes.
    let jumps: Vec<(usize, Vec<String>)> = (0..rows.len())
        .filter(|&i| rows[i].via.as_deref() == Some("SECRET"))
        .filter_map(|i| {
            let map = TreeMap {
                selected: i,
                ..TreeMap::default()
            };
            Some((i, map.walk_to_selected(tree)?.labels(tree)))
        })
        .collect();
    let (index, labels) = jumps
        .iter()
        .find(|(_, labels)| {
            labels
                .first()
                .is_some_and(|l| l == "Hold a call or meeting")
        })
        .expect("a SECRET row on the call branch");
    assert_eq!(
        labels[..2],
        ["Hold a call or meeting", "Colleagues in the MoJ"],
        "{labels:?}"
    );
    assert_eq!(labels.last().map(String::as_str), Some("SECRET"));
    press(&mut app, "m <home>");
    press(&mut app, &"<down> ".repeat(*index));
    assert_snapshot!("map_before_jump_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "<enter>");
    let (tree, walk) = app.walk().expect("walking");
    assert_eq!(
        &walk.session.labels(tree),
        labels,
        "the walk is the one drawn"
    );
    assert_snapshot!("map_after_jump_80x24", screen(&app, 80, 24).backend());
}

/// Issue 17, item 2: the map pages, goes to either end, folds and unfolds everything, and
/// finds words.
#[test]
fn the_map_pages_folds_everything_and_finds_words() {
    let (mut app, _dir) = app();
    press(&mut app, "<enter> m <end>");
    let Mode::Map(_, map) = app.mode() else {
        panic!("the map is open");
    };
    let tree = app.walk().expect("walking").0.clone();
    let tree = &tree;
    let last = map.rows(tree).len() - 1;
    assert_eq!(map.selected, last);
    press(&mut app, "<home> -");
    let Mode::Map(_, map) = app.mode() else {
        panic!("the map is open");
    };
    assert!(map.rows(tree).len() < 10, "everything folded");
    press(&mut app, "+ / z o o m");
    let screen_text = screen(&app, 100, 30).backend().to_string();
    assert!(screen_text.contains("find: zoom_"), "{screen_text}");
    press(&mut app, "<enter>");
    let Mode::Map(_, map) = app.mode() else {
        panic!("the map is open");
    };
    let first = map.selected;
    let words = signpost::tui::map::row_words(tree, &map.rows(tree)[first]);
    assert!(words.to_lowercase().contains("zoom"), "{words}");
    press(&mut app, "n");
    let Mode::Map(_, map) = app.mode() else {
        panic!("the map is open");
    };
    assert!(map.selected > first, "n finds the next row");
}

/// The quiz for a room over the shipped deck `share-room`, playing `order` (indices).
fn room(order: Vec<usize>) -> (App, tempfile::TempDir) {
    let (mut app, dir) = app();
    let deck = signpost::quiz::load_decks(app.catalog())
        .into_iter()
        .filter_map(|l| l.deck)
        .find(|d| d.id == "share-room")
        .expect("the share-room deck");
    app.start_room(deck, order, Some("Induction".into()))
        .expect("the quiz starts");
    (app, dir)
}

/// Issue 17, item 3: every screen of the quiz for a room at 80×24 — a question under the
/// pinned situation, the trainer's view, NOT QUITE with the rule the answer breaks, RIGHT, and
/// the score.
#[test]
fn the_quiz_for_a_room_screens() {
    let (mut app, _dir) = room(vec![3, 4]);
    press(&mut app, "<space> 1 <space> 1 <space>");
    assert_snapshot!("room_question_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "f");
    assert_snapshot!("room_trainer_view_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "f 2 <space> 1");
    assert_snapshot!("room_not_quite_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "<pgdn>");
    let more = screen(&app, 80, 24).backend().to_string();
    assert!(more.contains("up to and including"), "{more}");
    press(&mut app, "<enter> <space> 1 <space> 5");
    assert_snapshot!("room_right_80x24", screen(&app, 80, 24).backend());
    press(&mut app, "<enter>");
    assert_snapshot!("room_score_80x24", screen(&app, 80, 24).backend());
    let Mode::Room(room) = app.mode() else {
        panic!("the room quiz");
    };
    let summary = room.summary(chrono::Local::now());
    assert!(summary.contains("- **Group:** Induction"), "{summary}");
}

/// Hands counted on a question go with it when the trainer goes back, and are not recorded
/// under the question answered next.
#[test]
fn hands_counted_on_a_question_go_with_it() {
    let (mut app, _dir) = room(vec![3]);
    press(&mut app, "<space> 1 <space> + + <left>");
    let Mode::Room(room) = app.mode() else {
        panic!("the room quiz");
    };
    assert!(room.hands.iter().all(|&n| n == 0), "{:?}", room.hands);
    press(&mut app, "<space> 1");
    let Mode::Room(room) = app.mode() else {
        panic!("the room quiz");
    };
    assert!(room.hands_log.is_empty(), "{:?}", room.hands_log);
}

/// A tree with `questions` questions in a chain, each with an answer that ends at an outcome of
/// its own: every text has the word "zebra", so a search for it finds hundreds of results.
fn zebra_tree(questions: usize) -> String {
    let mut nodes = String::new();
    for i in 0..questions {
        let next = if i + 1 < questions {
            format!("q{}", i + 1)
        } else {
            format!("o{i}b")
        };
        nodes.push_str(&format!(
            r#""q{i}": Question(text: "Zebra question {i}?", options: [
                Option(label: "Zebra stop {i}", next: "o{i}"),
                Option(label: "Go on", next: "{next}"),
            ]),
            "o{i}": Outcome(verdict: "ask-for-help", headline: "Zebra outcome {i}",
                explanation: "Ask about zebra {i}.", contacts: ["security"]),
            "#
        ));
    }
    let last = questions - 1;
    nodes.push_str(&format!(
        r#""o{last}b": Outcome(verdict: "ask-for-help", headline: "Zebra outcome last",
            explanation: "Ask about the last zebra.", contacts: ["security"]),"#
    ));
    format!(
        r#"Tree(id: "zebra", title: "Zebra crossings", summary: "Many zebra results.",
    owner: "Test", review_by: "2999-12-31", version: "1.0.0", sources: {{}}, start: "q0",
    nodes: {{ {nodes} }})"#
    )
}

#[test]
fn a_result_far_down_a_long_list_is_shown_when_selected() {
    let records = tempfile::tempdir().expect("temp dir");
    let file = records.path().join("zebra.ron");
    std::fs::write(&file, zebra_tree(130)).expect("write the tree");
    let mut app = app_with_only(file, &records);
    press(&mut app, "zebra");
    let hits = app.search().hits.len();
    assert!(hits > 300, "the search finds {hits} results");
    // Past the first 200 results: the selected one is on screen, marked, and the border counts
    // every result out of view, laid out or not.
    press(&mut app, &"<down> ".repeat(250));
    assert_eq!(app.search().selected, 250);
    let entry = app
        .search()
        .entry(&app.catalog().trees, app.search().hits[250]);
    let terminal = screen(&app, 80, 24);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(
        text.contains(&format!("› [{}] {}", entry.kind.label(), entry.text)),
        "the selected result {:?} is on screen: {text}",
        entry.text
    );
    // Above: the 250 before it, less those wholly on screen (each shows its "[kind]" line; one
    // cut off at the top shows only its place, and counts as above).
    let on_screen = text.matches("] Zebra").count() - 1;
    let title = format!(
        "{hits} results · {} above, {} below",
        250 - on_screen,
        hits - 251
    );
    assert!(text.contains(&title), "the title says {title:?}: {text}");
}

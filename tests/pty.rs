//! End to end: the real binary in a pseudo-terminal. Opens the share tree, answers to an
//! outcome, reads the recommendation off the parsed screen, saves a record and checks the file;
//! walks a format-2 tree through a checklist and a route; and checks the terminal is put back
//! whatever happens to the process (signals, a stop and continue, the terminal going away) and
//! that a burst of keys is handled in full.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// Waits until the screen shows `needle`, failing with the screen after a timeout.
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the app has the alternate screen on.
    fn alternate(&self) -> bool {
        self.parser
            .lock()
            .expect("parser lock")
            .screen()
            .alternate_screen()
    }

    /// Whether the app asked the terminal for mouse reports.
    fn mouse_reported(&self) -> bool {
        let parser = self.parser.lock().expect("parser lock");
        parser.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }
}

/// Waits until `done` holds, failing after 20 seconds.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The app running in a 100×30 pseudo-terminal, with its data and config in temp folders.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Screen,
    master: Box<dyn MasterPty + Send>,
    /// The terminal's device, to read its modes with `stty`.
    tty: PathBuf,
    /// Tells the thread that reads the app's output to stop (and close its end) after its
    /// next read.
    stop_reading: Arc<AtomicBool>,
    data: tempfile::TempDir,
    _config: tempfile::TempDir,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        Running::start_with(args, |_| {})
    }

    /// [`Running::start`], after `prepare` has put what it needs in the data folder.
    fn start_with(args: &[&str], prepare: impl FnOnce(&Path)) -> Running {
        let data = tempfile::tempdir().expect("temp dir");
        let config = tempfile::tempdir().expect("temp dir");
        prepare(data.path());
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_signpost"));
        command.env("SIGNPOST_TODAY", "2026-06-01");
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("SIGNPOST_DATA_DIR", data.path());
        command.env("SIGNPOST_CONFIG_DIR", config.path());
        command.env_remove("NO_COLOR");
        command.env_remove("ACCESSIBLE");
        let child = pair.slave.spawn_command(command).expect("spawn signpost");
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&parser);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("parser lock").process(&buf[..n]);
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        let tty = pair.master.tty_name().expect("the terminal's device");
        Running {
            child,
            writer,
            screen: Screen { parser },
            master: pair.master,
            tty,
            stop_reading,
            data,
            _config: config,
        }
    }

    /// The terminal's modes as `stty -a` prints them.
    fn modes(&self) -> String {
        let out = std::process::Command::new("stty")
            .arg("-F")
            .arg(&self.tty)
            .arg("-a")
            .output()
            .expect("run stty");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Whether the terminal takes input line by line with echo, as a shell leaves it.
    fn line_mode(&self) -> bool {
        let modes = self.modes();
        let has = |flag: &str| modes.split_whitespace().any(|w| w == flag);
        has("icanon") && has("echo")
    }

    /// Sends the app `signal` (`TERM`, `TSTP`, …) with `kill`.
    fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("the app's process id");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid}");
    }

    /// The app's process state letter from /proc (`T` when stopped).
    fn state(&self) -> char {
        let pid = self.child.process_id().expect("the app's process id");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        stat.rsplit(')')
            .next()
            .and_then(|rest| rest.trim().chars().next())
            .unwrap_or('?')
    }

    /// Sends `keys` and waits for `next` on screen.
    fn press(&mut self, keys: &str, next: &str) -> String {
        self.writer.write_all(keys.as_bytes()).expect("send key");
        self.writer.flush().expect("flush");
        self.screen.wait_for(next)
    }

    /// Saves a record, quits, and returns the record's text.
    fn save_and_quit(mut self) -> String {
        self.press("s", "Save a decision record");
        let saved = self.press("\r", "Saved decision record: ");
        let records = self.data.path().join("records");
        assert!(
            saved.contains(&records.display().to_string()[..20]),
            "{saved}"
        );
        self.writer.write_all(b"q").expect("quit");
        self.writer.flush().expect("flush");
        let status = self.child.wait().expect("exit");
        assert!(status.success(), "exit status {status:?}");
        let files: Vec<_> = std::fs::read_dir(&records)
            .expect("records folder")
            .filter_map(Result::ok)
            .collect();
        assert_eq!(files.len(), 1);
        std::fs::read_to_string(files[0].path()).expect("record readable")
    }
}

fn assert_contains_all(text: &str, expected: &[&str]) {
    for line in expected {
        assert!(text.contains(line), "lacks {line:?}:\n{text}");
    }
}

#[test]
fn answer_the_share_tree_and_save_a_record() {
    let mut app = Running::start(&["share"]);
    app.screen.wait_for("What do you need to do?");
    for (key, next) in [
        ("1", "Who are you sharing it with?"),
        ("3", "highest classification"),
        ("2", "Question 4 of"),
        ("2", "Question 5 of"),
        ("1", "RECOMMENDED"),
    ] {
        app.press(key, next);
    }
    let outcome = app.screen.text();
    assert!(
        outcome.contains("RECOMMENDED — Use CJSE or CJSM"),
        "{outcome}"
    );
    let record = app.save_and_quit();
    assert_contains_all(
        &record,
        &[
            "# Decision record: Use CJSE or CJSM",
            "(`share`, tree version 2.0.1)",
            "**Verdict:** RECOMMENDED — Use CJSE or CJSM",
            "Who are you sharing it with? **A police force or another criminal justice partner**",
            "**OFFICIAL-SENSITIVE**",
            "Source: General app guidance (video and messaging apps) (Ministry of Justice), § Tools for sharing information internally and externally",
            "security@justice.gov.uk",
        ],
    );
}

#[test]
fn walk_a_checklist_and_a_route_in_a_format_2_tree() {
    let example = Path::new("tests/fixtures/valid/format2-example.ron");
    let mut app = Running::start(&[&example.display().to_string()]);
    app.screen.wait_for("highest classification");
    app.press("1", "Does it include any of these?");
    // Tick "Personnel or HR information" with its number, then confirm: the route sends the
    // walk straight to the outcome, with no screen of its own.
    let ticked = app.press("2", "[x] 2.");
    assert!(ticked.contains("[ ] 1."), "{ticked}");
    let outcome = app.press("\r", "NOT ALLOWED");
    assert!(
        outcome.contains("2. Personnel or HR information"),
        "the trail shows the checklist answer: {outcome}"
    );
    let record = app.save_and_quit();
    assert_contains_all(
        &record,
        &[
            "Does it include any of these? **Personnel or HR information**",
            "## Facts",
            "- `classification`: official",
            "- `contains`: hr",
        ],
    );
}

#[test]
fn termination_signals_put_the_terminal_back() {
    for signal in ["TERM", "HUP", "INT"] {
        let mut app = Running::start(&["share"]);
        app.screen.wait_for("What do you need to do?");
        assert!(app.screen.alternate() && app.screen.mouse_reported());
        assert!(
            !app.line_mode(),
            "raw input while running:\n{}",
            app.modes()
        );
        app.signal(signal);
        let status = app.child.wait().expect("exit");
        assert!(!status.success(), "SIG{signal}: {status:?}");
        wait_until(&format!("the main screen after SIG{signal}"), || {
            !app.screen.alternate()
        });
        assert!(
            !app.screen.mouse_reported(),
            "SIG{signal} left mouse reports on"
        );
        assert!(
            app.line_mode(),
            "SIG{signal} left raw input:\n{}",
            app.modes()
        );
    }
}

#[test]
fn a_stop_puts_the_terminal_back_and_continuing_takes_it_again() {
    if !Path::new("/proc/self/stat").exists() {
        eprintln!("skipped: no /proc to tell a stopped process");
        return;
    }
    let mut app = Running::start(&["share"]);
    app.screen.wait_for("What do you need to do?");
    app.signal("TSTP");
    wait_until("the app to stop", || app.state() == 'T');
    wait_until("the main screen while stopped", || !app.screen.alternate());
    assert!(app.line_mode(), "raw input while stopped:\n{}", app.modes());
    assert!(!app.screen.mouse_reported());

    app.signal("CONT");
    wait_until("the alternate screen after continuing", || {
        app.screen.alternate()
    });
    app.screen.wait_for("What do you need to do?");
    wait_until("raw input after continuing", || !app.line_mode());
    assert!(app.screen.mouse_reported());
    // Keys work again, one at a time, as before the stop.
    app.press("1", "Who are you sharing it with?");
    app.writer.write_all(b"q").expect("quit");
    app.writer.flush().expect("flush");
    assert!(app.child.wait().expect("exit").success());
    assert!(app.line_mode());
}

#[test]
fn the_app_ends_when_its_terminal_goes_away() {
    let app = Running::start(&["share"]);
    app.screen.wait_for("What do you need to do?");
    // Close every handle on the terminal's other side: the reader after one more frame (a
    // resize makes the app draw one), then the writer and the terminal itself.
    app.stop_reading.store(true, Ordering::SeqCst);
    app.master
        .resize(PtySize {
            rows: 31,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    let Running {
        mut child,
        writer,
        master,
        ..
    } = app;
    std::thread::sleep(Duration::from_millis(500));
    drop(writer);
    drop(master);
    wait_until("the app to end once its terminal has gone", || {
        child.try_wait().expect("poll the app").is_some()
    });
}

#[test]
fn a_burst_of_keys_is_handled_in_full_without_another_key() {
    let mut app = Running::start(&["share"]);
    app.screen.wait_for("What do you need to do?");
    // 1,500 down-arrows (4,500 bytes, several of the terminal's reads), then the first answer.
    let mut burst = "\x1b[B".repeat(1500);
    burst.push('1');
    app.press(&burst, "Who are you sharing it with?");
}

/// Issue 16, item 2: the app turns bracketed paste on, so a paste during a walk arrives as one
/// piece of text and opens the search with it; its digits are not read as answers.
#[test]
fn a_paste_during_a_walk_goes_into_the_search_not_the_answers() {
    let mut app = Running::start(&["share"]);
    app.screen.wait_for("What do you need to do?");
    let screen = app.press("\x1b[200~1 3 zoom meeting\x1b[201~", "results");
    assert!(screen.contains("1 3 zoom meeting"), "{screen}");
    app.press("\x1b", "What do you need to do?");
    let screen = app.screen.text();
    assert!(
        screen.contains("Your answers will appear here."),
        "no answer was given by the paste:\n{screen}"
    );
}

/// Hostile input (issue 14, item 6): a FIFO named like a tree in the user's trees folder once
/// hung the app's start (opening it blocks until something writes). The app starts, lists the
/// shipped trees and marks the FIFO as a file it could not read.
#[test]
fn a_fifo_in_the_trees_folder_does_not_hang_the_start() {
    let mut app = Running::start_with(&[], |data| {
        let trees = data.join("trees");
        std::fs::create_dir_all(&trees).expect("trees folder");
        let made = std::process::Command::new("mkfifo")
            .arg(trees.join("x.ron"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    });
    app.screen
        .wait_for("Which tool should I use to share information?");
    // Last in the list, after the five shipped trees.
    let listed = app.press(&"\x1b[B".repeat(5), "x.ron");
    assert!(
        listed.contains("BROKEN"),
        "the FIFO is listed as broken:\n{listed}"
    );
    // On the home screen letters type into the search box: Esc quits.
    app.writer.write_all(b"\x1b").expect("quit");
    app.writer.flush().expect("flush");
    assert!(app.child.wait().expect("exit").success());
}

/// Issue 17, item 3: the full-screen quiz for a room plays two scenarios: the situation stays
/// on screen while the trainer reveals and enters the room's answers (with a show of hands),
/// the SECRET mistake is marked NOT QUITE with the passage of the rule it breaks, the personal
/// account is RIGHT, and the score comes last; the summary saved keeps the hands.
#[test]
fn the_quiz_for_a_room_plays_two_scenarios() {
    let mut app = Running::start(&["quiz", "share-room", "--present", "--pick", "4,5"]);
    app.screen.wait_for("Scenario 1 of 2");
    app.screen.wait_for("A document marked SECRET");
    for (keys, next) in [
        (" ", "Share documents or files"),
        ("1", "Who are you sharing it with?"),
        (" ", "Colleagues in the MoJ"),
        ("1", "highest classification"),
        (" ", "OFFICIAL-SENSITIVE"),
        ("\x1b[B++", "Hands: 1. 0 · 2. 2"),
        ("2", "Microsoft Teams?"),
        (" ", "I'm not sure"),
    ] {
        let screen = app.press(keys, next);
        assert!(
            screen.contains("A document marked SECRET"),
            "pinned:\n{screen}"
        );
    }
    let marked = app.press("1", "You reached: RECOMMENDED — Use Microsoft Teams");
    assert!(marked.contains("The answer: NOT ALLOWED"), "{marked}");
    let passage = app.press("\x1b[6~", "up to and including");
    assert!(passage.contains("Official-Sensitive"), "{passage}");
    app.press("\r", "Scenario 2 of 2");
    app.press(" ", "Share documents or files");
    app.press("1", "Who are you sharing it with?");
    app.press(" ", "Myself");
    app.press("5", "You reached: NOT ALLOWED");
    let score = app.press("\r", "1 of 2 right.");
    assert!(score.contains("Most missed"), "{score}");
    app.press("s", "Summary saved to");
    app.press("q", "End the session?");
    app.writer.write_all(b"y").expect("confirm");
    app.writer.flush().expect("flush");
    let status = app.child.wait().expect("exit");
    assert!(status.success(), "exit status {status:?}");
    let summaries: Vec<_> = std::fs::read_dir(app.data.path().join("quiz"))
        .expect("the quiz folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(summaries.len(), 1);
    let summary = std::fs::read_to_string(summaries[0].path()).expect("summary");
    assert_contains_all(
        &summary,
        &[
            "- **Score:** 1 of 2 right",
            "| 1 | A document marked SECRET",
            "## Show of hands",
            "- Scenario 1, \"What is the highest classification of what you are sharing?\": OFFICIAL: 0; OFFICIAL-SENSITIVE: 2",
        ],
    );
}

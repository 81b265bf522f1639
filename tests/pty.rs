//! End to end: the real binary in a pseudo-terminal. Opens the share tree, answers to an
//! outcome, reads the recommendation off the parsed screen, saves a record and checks the file;
//! and walks a format-2 tree through a checklist and a route.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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
}

/// The app running in a 100×30 pseudo-terminal, with its data and config in temp folders.
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Screen,
    data: tempfile::TempDir,
    _config: tempfile::TempDir,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let data = tempfile::tempdir().expect("temp dir");
        let config = tempfile::tempdir().expect("temp dir");
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
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().expect("parser lock").process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Running {
            child,
            writer,
            screen: Screen { parser },
            data,
            _config: config,
        }
    }

    /// Sends `keys` and waits for `next` on screen.
    fn press(&mut self, keys: &str, next: &str) -> String {
        self.writer.write_all(keys.as_bytes()).expect("send key");
        self.writer.flush().expect("flush");
        self.screen.wait_for(next)
    }

    /// Saves a record, quits, and returns the record's text.
    fn save_and_quit(mut self) -> String {
        let saved = self.press("s", "Saved decision record: ");
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
            "(`share`, version 1.0.0)",
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

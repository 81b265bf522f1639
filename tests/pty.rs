//! End to end: the real binary in a pseudo-terminal. Opens the share tree, answers to an
//! outcome, reads the recommendation off the parsed screen, saves a record and checks the file.

use std::io::{Read, Write};
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

#[test]
fn answer_the_share_tree_and_save_a_record() {
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
    command.arg("share");
    command.env("TERM", "xterm-256color");
    command.env("SIGNPOST_DATA_DIR", data.path());
    command.env("SIGNPOST_CONFIG_DIR", config.path());
    command.env_remove("NO_COLOR");
    command.env_remove("ACCESSIBLE");
    let mut child = pair.slave.spawn_command(command).expect("spawn signpost");
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
    let mut writer = pair.master.take_writer().expect("writer");
    let screen = Screen { parser };

    screen.wait_for("What do you want to share?");
    for (key, next) in [
        ("1", "Who are you sharing it with?"),
        ("3", "highest classification"),
        ("2", "Question 4 of"),
        ("2", "Question 5 of"),
        ("1", "RECOMMENDED"),
    ] {
        writer.write_all(key.as_bytes()).expect("send key");
        writer.flush().expect("flush");
        screen.wait_for(next);
    }
    let outcome = screen.text();
    assert!(
        outcome.contains("RECOMMENDED — Use CJSE or CJSM"),
        "{outcome}"
    );

    writer.write_all(b"s").expect("save");
    writer.flush().expect("flush");
    let saved = screen.wait_for("Saved decision record: ");
    assert!(
        saved.contains(&data.path().join("records").display().to_string()[..20]),
        "{saved}"
    );

    writer.write_all(b"q").expect("quit");
    writer.flush().expect("flush");
    let status = child.wait().expect("exit");
    assert!(status.success(), "exit status {status:?}");

    let records: Vec<_> = std::fs::read_dir(data.path().join("records"))
        .expect("records folder")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(records.len(), 1);
    let record = std::fs::read_to_string(records[0].path()).expect("record readable");
    for expected in [
        "# Decision record: Use CJSE or CJSM",
        "(`share`, version 1.0.0)",
        "**Verdict:** RECOMMENDED — Use CJSE or CJSM",
        "Who are you sharing it with? **A criminal justice partner**",
        "**OFFICIAL-SENSITIVE**",
        "Source: General app guidance (video and messaging apps) (Ministry of Justice), § Tools for sharing information internally and externally",
        "security@justice.gov.uk",
    ] {
        assert!(
            record.contains(expected),
            "record lacks {expected:?}:\n{record}"
        );
    }
}

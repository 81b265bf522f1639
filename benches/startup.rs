//! Process start to first frame, end to end: the release `signpost` binary is started in a
//! pseudo-terminal of 120×40 with the shipped trees (and empty config and data folders), and the
//! clock stops when the terminal emulator has received the home screen's last row (ratatui
//! writes a frame top to bottom, so that row arrives last). This includes exec, dynamic
//! loading, reading the config, loading and validating the shipped trees, building the search
//! index, entering the alternate screen and drawing. For scale, `version_process` times
//! `signpost --version`, a process that does none of the app's work.
//!
//! Run with `cargo bench --bench startup`; see docs/benchmarks.md.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[path = "support/tree_gen.rs"]
mod tree_gen;

use divan::Bencher;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

fn main() {
    divan::main();
}

const BINARY: &str = env!("CARGO_BIN_EXE_signpost");
const ROWS: u16 = 40;
const COLS: u16 = 120;
/// The home screen's footer ends with this hint; it is on the last row.
const LAST_ROW_ENDS_WITH: &str = "quit";

/// A running app in a pty; dropping it quits the app (Ctrl-C) and waits for it.
struct Running {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"\x03");
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// Folders for the app's config and data, so the user's own files play no part.
struct Folders {
    config: tempfile::TempDir,
    data: tempfile::TempDir,
}

/// Starts the app and returns once the first home frame is on the (emulated) screen.
fn start_until_first_frame(folders: &Folders) -> Running {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut command = CommandBuilder::new(BINARY);
    command.env("TERM", "xterm-256color");
    command.env("SIGNPOST_CONFIG_DIR", folders.config.path());
    command.env("SIGNPOST_DATA_DIR", folders.data.path());
    command.env_remove("NO_COLOR");
    command.env_remove("ACCESSIBLE");
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let writer = pair.master.take_writer().expect("pty writer");
    let (shown, first_frame) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(ROWS, COLS, 0);
        let mut buf = [0u8; 8192];
        let mut signalled = false;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.process(&buf[..n]);
            if !signalled && last_row(&screen).ends_with(LAST_ROW_ENDS_WITH) {
                signalled = true;
                let _ = shown.send(());
            }
        }
    });
    let child = pair.slave.spawn_command(command).expect("start signpost");
    drop(pair.slave);
    if first_frame.recv_timeout(Duration::from_secs(20)).is_err() {
        panic!(
            "no home screen within 20 s (the footer no longer ends with {LAST_ROW_ENDS_WITH:?}?)"
        );
    }
    Running {
        child,
        writer,
        reader: Some(reader),
        _master: pair.master,
    }
}

fn last_row(parser: &vt100::Parser) -> String {
    let screen = parser.screen();
    screen
        .rows(0, COLS)
        .nth(ROWS as usize - 1)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

/// Process start to the first frame of the home screen.
#[divan::bench(sample_size = 1, sample_count = 100)]
fn start_to_first_frame(bencher: Bencher) {
    let folders = Folders {
        config: tempfile::tempdir().expect("temp dir"),
        data: tempfile::tempdir().expect("temp dir"),
    };
    bencher.bench_local(|| start_until_first_frame(&folders));
}

/// A process that only parses its arguments and prints its version.
#[divan::bench(sample_size = 1, sample_count = 100)]
fn version_process() -> std::process::Output {
    Command::new(BINARY)
        .arg("--version")
        .output()
        .expect("run signpost --version")
}

/// How many generated tree files `ask_one_tree_among_200_files` puts beside the shipped trees,
/// and their size: 100,000 nodes in all (issue 16's target).
const FILES: u64 = 200;
const NODES_PER_FILE: usize = 500;

/// `signpost --trees DIR ask ID --answer 1` with DIR holding 200 generated trees of 500 nodes:
/// only the file that declares ID is read in full and parsed (the target: ≤ 50 ms).
#[divan::bench(sample_size = 1, sample_count = 50)]
fn ask_one_tree_among_200_files(bencher: Bencher) {
    let trees = tempfile::tempdir().expect("temp dir");
    for seed in 1..=FILES {
        let generated = tree_gen::generate(&tree_gen::Shape {
            nodes: NODES_PER_FILE,
            paths: None,
            terse: true,
            routes: false,
            rules: 0,
            seed,
        });
        std::fs::write(trees.path().join(format!("t{seed}.ron")), generated.text)
            .expect("write a tree");
    }
    let folders = Folders {
        config: tempfile::tempdir().expect("temp dir"),
        data: tempfile::tempdir().expect("temp dir"),
    };
    let id = format!("generated-n{NODES_PER_FILE}-s{}", FILES / 2);
    bencher.bench_local(|| {
        Command::new(BINARY)
            .env("SIGNPOST_CONFIG_DIR", folders.config.path())
            .env("SIGNPOST_DATA_DIR", folders.data.path())
            .arg("--trees")
            .arg(trees.path())
            .args(["ask", &id, "--answer", "1", "--format", "json"])
            .output()
            .expect("run signpost ask")
    });
}

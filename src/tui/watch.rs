//! Watching files for saves: each file's *parent folder* is watched and events are filtered by
//! file name (editors such as vim save by writing a new file and renaming it over the old one,
//! which breaks a watch on the file itself), and bursts of events are debounced.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file must be quiet before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Reports when a watched file has changed and then stayed quiet for [`DEBOUNCE`].
pub struct FileWatcher {
    file_names: Vec<std::ffi::OsString>,
    events: Receiver<notify::Result<notify::Event>>,
    pending_since: Option<Instant>,
    // Kept alive for as long as we watch.
    _watcher: RecommendedWatcher,
}

impl FileWatcher {
    /// Starts watching `path`'s folder for changes to `path`.
    pub fn new(path: &Path) -> notify::Result<Self> {
        FileWatcher::of(&[path.to_path_buf()])
    }

    /// Starts watching the folders of `paths` for changes to any of them: the first file's
    /// folder must be watchable, the others are skipped where they are not. Files are told
    /// apart by name.
    pub fn of(paths: &[PathBuf]) -> notify::Result<Self> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })?;
        let folder_of = |path: &PathBuf| match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(first) = paths.first() else {
            return Err(notify::Error::generic("no file to watch"));
        };
        // The first file's folder must be watched; the others' only where they exist.
        let mut watched = vec![folder_of(first)];
        watcher.watch(&watched[0], RecursiveMode::NonRecursive)?;
        for path in &paths[1..] {
            let folder = folder_of(path);
            if !watched.contains(&folder) {
                let _ = watcher.watch(&folder, RecursiveMode::NonRecursive);
                watched.push(folder);
            }
        }
        Ok(FileWatcher {
            file_names: paths
                .iter()
                .filter_map(|p| p.file_name().map(ToOwned::to_owned))
                .collect(),
            events,
            pending_since: None,
            _watcher: watcher,
        })
    }

    /// True once after the file changed and has been quiet for the debounce time.
    pub fn changed(&mut self) -> bool {
        self.changed_at(Instant::now())
    }

    fn changed_at(&mut self, now: Instant) -> bool {
        while let Ok(event) = self.events.try_recv() {
            let Ok(event) = event else { continue };
            let ours = event.paths.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| self.file_names.iter().any(|f| f == n))
            });
            if ours && !matches!(event.kind, notify::EventKind::Access(_)) {
                self.pending_since = Some(now);
            }
        }
        match self.pending_since {
            Some(since) if now.duration_since(since) >= DEBOUNCE => {
                self.pending_since = None;
                true
            }
            _ => false,
        }
    }
}

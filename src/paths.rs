//! The user's folders: data (records, extra trees) and config. `SIGNPOST_DATA_DIR` and
//! `SIGNPOST_CONFIG_DIR` override them (for tests, and for people who keep them elsewhere).

use std::io;
use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> io::Result<ProjectDirs> {
    ProjectDirs::from("uk.gov.justice", "signpost", "signpost").ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no home directory to keep signpost's files in",
        )
    })
}

/// Where records and the user's own trees live.
pub fn data_dir() -> io::Result<PathBuf> {
    match std::env::var_os("SIGNPOST_DATA_DIR") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(project()?.data_dir().to_path_buf()),
    }
}

/// Where `config.ron` lives.
pub fn config_dir() -> io::Result<PathBuf> {
    match std::env::var_os("SIGNPOST_CONFIG_DIR") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(project()?.config_dir().to_path_buf()),
    }
}

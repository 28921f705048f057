//! Saved progress: where the person was, which platforms they chose, what they sent when, and
//! the reason they picked. Never the email address: it stays in memory only.
//!
//! The file is RON, written atomically (a temporary file in the same folder, fsync, rename)
//! with mode 0600 in a folder made with mode 0700. A file that cannot be read — corrupt, from a
//! newer bezwaar, unreadable — is set aside (renamed with a `.corrupt-<time>` suffix, never
//! deleted) and the walk starts fresh.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The format this bezwaar writes. A file with a higher number is from a newer bezwaar.
pub const VERSION: u32 = 1;

/// A saved file larger than this is not progress.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    /// The id of the page the person was on.
    pub page: String,
    /// The platform choice: a platform id, "all" or "none"; absent when not chosen yet.
    #[serde(default)]
    pub platforms: Option<String>,
    /// Platforms marked as sent, with when.
    #[serde(default)]
    pub sent: Vec<Sent>,
    #[serde(default)]
    pub reason: Option<SavedReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    pub platform: String,
    pub at: DateTime<Utc>,
}

/// The reason the person picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedReason {
    /// Ready-made reason number n (from 0), as the script lists them.
    Ready(usize),
    /// Their own words.
    Own(String),
    /// No reason: it is optional.
    NoReason,
}

/// Something about saving the person should know, shown on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The saved file could not be used; it was renamed to this path.
    SetAside { to: PathBuf, why: String },
    /// Progress cannot be saved (or read) here.
    CannotSave(String),
}

/// Where progress lives, or nowhere (`--no-save`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: Option<PathBuf>,
}

impl Store {
    /// Progress kept in `path`.
    pub fn at(path: PathBuf) -> Store {
        Store { path: Some(path) }
    }

    /// Nothing is read or written.
    pub fn none() -> Store {
        Store { path: None }
    }

    /// The default place: the XDG state folder (`~/.local/state/bezwaar/progress.ron`), or the
    /// local data folder where a system has no state folder.
    pub fn default_place() -> Option<Store> {
        let dirs = directories::ProjectDirs::from("", "", "bezwaar")?;
        let dir = dirs
            .state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf();
        Some(Store::at(dir.join("progress.ron")))
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Reads saved progress. Missing file: nothing, quietly. A file that cannot be used is set
    /// aside, with a notice; so is any problem reading it.
    pub fn load(&self, now: DateTime<Utc>) -> (Option<Progress>, Option<Notice>) {
        let Some(path) = &self.path else {
            return (None, None);
        };
        let text = match read_limited(path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (None, None),
            Err(e) => return (None, Some(self.set_aside(path, now, e.to_string()))),
        };
        match ron::from_str::<Progress>(&text) {
            Ok(p) if p.version > VERSION => {
                let why = format!("made by a newer bezwaar (format {})", p.version);
                (None, Some(self.set_aside(path, now, why)))
            }
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(self.set_aside(path, now, e.to_string()))),
        }
    }

    fn set_aside(&self, path: &Path, now: DateTime<Utc>, why: String) -> Notice {
        match rename_aside(path, "corrupt", now) {
            Ok(to) => Notice::SetAside { to, why },
            Err(e) => Notice::CannotSave(format!("{}: {e}", path.display())),
        }
    }

    /// The person started over: the saved file is renamed with an `.old-<time>` suffix (kept,
    /// never deleted), so nothing is lost. Nothing saved yet is fine. Returns where it went.
    pub fn set_aside_for_start_over(&self, now: DateTime<Utc>) -> io::Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        match rename_aside(path, "old", now) {
            Ok(to) => Ok(Some(to)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `progress` atomically: a temporary file beside the real one, flushed to disk,
    /// then renamed over it. On any failure the old file is untouched and no temporary file
    /// is left behind.
    pub fn save(&self, progress: &Progress) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        let text = ron::ser::to_string_pretty(progress, ron::ser::PrettyConfig::default())
            .map_err(io::Error::other)?;
        let name = path
            .file_name()
            .map_or("progress".into(), |n| n.to_string_lossy());
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        // A leftover from a run that died mid-write: ours to remove.
        let _ = fs::remove_file(&tmp);
        let written = write_private(&tmp, text.as_bytes()).and_then(|()| fs::rename(&tmp, path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Renames `path` to `path.<what>-<time>` (with a number after it when that name is taken:
/// two starts over in one second keep both files).
fn rename_aside(path: &Path, what: &str, now: DateTime<Utc>) -> io::Result<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    for n in 0..100 {
        let mut to = path.as_os_str().to_owned();
        to.push(format!(".{what}-{stamp}"));
        if n > 0 {
            to.push(format!("-{n}"));
        }
        let to = PathBuf::from(to);
        if to.exists() {
            continue;
        }
        fs::rename(path, &to)?;
        return Ok(to);
    }
    Err(io::Error::other("too many set-aside files"))
}

fn read_limited(path: &Path) -> io::Result<String> {
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(io::Error::other("the file is too large"));
    }
    String::from_utf8(bytes).map_err(|_| io::Error::other("the file is not text"))
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

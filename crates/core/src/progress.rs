//! Saved progress: where the person was, what they picked, what they sent when, and
//! the reason they picked. Never the email address: it stays in memory only.
//!
//! The file is RON, written atomically (a temporary file in the same folder, fsync, rename)
//! with mode 0600 in a folder made with mode 0700. A file that cannot be read — corrupt, from a
//! newer bezwaar, unreadable — is set aside (renamed with a `.corrupt-<time>` suffix, never
//! deleted) and the walk starts fresh.
//!
//! Two copies of bezwaar may share the file (a helper's SSH login beside the person's own
//! window): every write holds an advisory lock on a lock file beside it (`progress.ron.lock`,
//! `flock(2)` through std's `File::lock`), reads the file again and merges what another copy
//! recorded ([`merge`]), so nothing one copy writes is lost by another.

mod merge;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use merge::merge;

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
    /// What the person picked at the script's `Choose`: a choice's id, "all" or "none";
    /// absent when not chosen yet. Saved under its first name, so every file written before
    /// (and every bezwaar that reads this one) keeps it.
    #[serde(default, rename = "platforms")]
    pub picked: Option<String>,
    /// The choices answered yes at the script's `Ask` ("sent"), with when.
    #[serde(default)]
    pub sent: Vec<Sent>,
    #[serde(default)]
    pub reason: Option<SavedReason>,
    /// Which walkthrough it is of, where that is not said by the file's name (a walk a server
    /// holds in memory). Never written to a file.
    #[serde(skip)]
    pub walkthrough: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    /// The id of the choice; saved under its first name, as `picked` is.
    #[serde(rename = "platform")]
    pub choice: String,
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

/// The file as it was when last read or written: another copy's write changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// A rename over the file gives it a new inode, even within the clock's resolution.
    #[cfg(unix)]
    inode: u64,
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

    /// The default folder: the XDG state folder (`~/.local/state/bezwaar/`), or the local
    /// data folder where a system has no state folder.
    pub fn default_folder() -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "bezwaar")?;
        Some(
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_path_buf(),
        )
    }

    /// The progress of walkthrough `id` in `folder`: `ID.ron`. The one file every bezwaar
    /// before several walkthroughs wrote, `progress.ron`, holds the progress of the first
    /// one (`first`): it is renamed to that one's file the first time, so nothing is lost.
    pub fn in_folder(folder: &Path, id: &str, first: bool) -> Store {
        let path = folder.join(format!("{id}.ron"));
        let old = folder.join("progress.ron");
        if first && !path.exists() && old.is_file() {
            // Another copy may move it at the same moment: whichever renames, the file is there.
            let _ = fs::rename(&old, &path);
            let _ = fs::rename(
                old.with_extension("ron.lock"),
                path.with_extension("ron.lock"),
            );
        }
        Store::at(path)
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
        // Under the lock: no other copy writes the file back while it is moved.
        let _lock = match dir_of(path).is_dir() {
            true => Some(lock(path)?),
            false => None,
        };
        match rename_aside(path, "old", now) {
            Ok(to) => Ok(Some(to)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `progress` atomically, as it is (no merge), under the lock: a temporary file
    /// beside the real one, flushed to disk, then renamed over it. On any failure the old
    /// file is untouched and no temporary file is left behind.
    pub fn save(&self, progress: &Progress) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let _lock = lock(path)?;
        write_atomic(path, progress)
    }

    /// Saves `ours`, with what another copy recorded since `base` (this copy's last read or
    /// write) merged in: under the lock, the file is read again, merged ([`merge`]) and
    /// written atomically. Returns what was written and the file's new stamp.
    pub fn save_merged(
        &self,
        base: &Progress,
        ours: &Progress,
    ) -> io::Result<(Progress, Option<Stamp>)> {
        let Some(path) = &self.path else {
            return Ok((ours.clone(), None));
        };
        let _lock = lock(path)?;
        let merged = merge(base, ours, self.current().as_ref());
        write_atomic(path, &merged)?;
        Ok((merged, self.stamp()))
    }

    /// The file as it is now, to merge with: a missing file is empty progress (another copy
    /// started over, or nothing was saved yet); `None` when it cannot be read or is not
    /// this bezwaar's (it is then written over, as before there were two copies).
    pub fn current(&self) -> Option<Progress> {
        let path = self.path.as_ref()?;
        match read_limited(path) {
            Ok(text) => ron::from_str::<Progress>(&text)
                .ok()
                .filter(|p| p.version <= VERSION),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some(Progress::default()),
            Err(_) => None,
        }
    }

    /// The file's stamp now; `None` when there is no file.
    pub fn stamp(&self) -> Option<Stamp> {
        let stat = fs::metadata(self.path.as_ref()?).ok()?;
        Some(Stamp {
            len: stat.len(),
            modified: stat.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&stat),
        })
    }

    /// Whether the folder takes a file: the lock file can be made (and is then there to
    /// stay). Nothing is made where there is no folder yet.
    pub fn writable(&self) -> io::Result<()> {
        match &self.path {
            Some(path) if dir_of(path).is_dir() => lock_file(path).map(drop),
            _ => Ok(()),
        }
    }
}

fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The lock file beside `path`, opened (made when missing, mode 0600).
fn lock_file(path: &Path) -> io::Result<File> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(PathBuf::from(name))
}

/// Takes the lock beside `path` (making its folder first), waiting while another copy holds
/// it (a write takes milliseconds). The lock goes when the returned file is dropped.
fn lock(path: &Path) -> io::Result<File> {
    create_private_dir(dir_of(path))?;
    let file = lock_file(path)?;
    file.lock()?;
    Ok(file)
}

/// Writes `progress` to a temporary file beside `path`, flushed to disk, renamed over it,
/// and makes the rename durable. The temporary file goes on any failure.
fn write_atomic(path: &Path, progress: &Progress) -> io::Result<()> {
    let dir = dir_of(path);
    let text = ron::ser::to_string_pretty(progress, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    let name = path
        .file_name()
        .map_or("progress".into(), |n| n.to_string_lossy());
    // Mode 0600 (tempfile's default on Unix).
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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

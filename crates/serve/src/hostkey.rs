//! The server's host key: an ed25519 key made on first start and kept in a file only its
//! owner can read (mode 0600), so visitors' ssh sees the same server every time.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::{Fingerprint, LineEnding};
use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// Where the host key lives unless `--host-key` says otherwise: the data directory
/// (`$XDG_DATA_HOME/bezwaar`, `~/.local/share/bezwaar` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "bezwaar")
        .map(|d| d.data_dir().join("ssh_host_ed25519_key"))
}

/// A host key and what happened to get it.
pub struct HostKey {
    pub key: PrivateKey,
    /// It was made now (first start).
    pub created: bool,
    /// The file can be read by others than its owner: worth a warning.
    pub too_open: bool,
}

impl HostKey {
    /// The fingerprint ssh shows a visitor the first time ("SHA256:…").
    pub fn fingerprint(&self) -> Fingerprint {
        self.key.public_key().fingerprint(HashAlg::Sha256)
    }
}

/// Reads the key at `path`, or makes one there when there is no file yet.
pub fn load_or_create(path: &Path) -> io::Result<HostKey> {
    match fs::read(path) {
        Ok(bytes) => read(path, &bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create(path),
        Err(e) => Err(at(path, e)),
    }
}

fn read(path: &Path, bytes: &[u8]) -> io::Result<HostKey> {
    let key = PrivateKey::from_openssh(bytes).map_err(|e| {
        at(
            path,
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not an OpenSSH private key ({e})"),
            ),
        )
    })?;
    if key.is_encrypted() {
        return Err(at(
            path,
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the key has a passphrase; a host key needs none",
            ),
        ));
    }
    Ok(HostKey {
        key,
        created: false,
        too_open: too_open(path),
    })
}

fn create(path: &Path) -> io::Result<HostKey> {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| io::Error::other(format!("could not make a host key: {e}")))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| io::Error::other(format!("could not encode the host key: {e}")))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| at(dir, e))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(f) => f,
        // Another start made it a moment ago: use that one.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return load_or_create(path),
        Err(e) => return Err(at(path, e)),
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        // Leave no half-written key behind for the next start to choke on.
        let _ = fs::remove_file(path);
        return Err(at(path, e));
    }
    Ok(HostKey {
        key,
        created: true,
        too_open: false,
    })
}

#[cfg(unix)]
fn too_open(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn too_open(_: &Path) -> bool {
    false
}

fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_with_mode_0600_then_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/host");
        let first = load_or_create(&path).unwrap();
        assert!(first.created);
        assert!(first.fingerprint().to_string().starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        let again = load_or_create(&path).unwrap();
        assert!(!again.created && !again.too_open);
        assert_eq!(again.fingerprint(), first.fingerprint());
        assert_eq!(again.key.algorithm(), Algorithm::Ed25519);
    }

    #[test]
    fn a_broken_or_open_key_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host");
        fs::write(&path, "not a key").unwrap();
        let err = load_or_create(&path)
            .err()
            .expect("a broken key is an error");
        assert!(
            err.to_string().contains("not an OpenSSH private key"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "not a key",
            "left alone"
        );

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let good = dir.path().join("good");
            load_or_create(&good).unwrap();
            fs::set_permissions(&good, fs::Permissions::from_mode(0o644)).unwrap();
            assert!(load_or_create(&good).unwrap().too_open);
        }
    }
}

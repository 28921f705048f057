//! Finding the desktop session of this same user from an SSH login, and opening a link on
//! it, against stub `loginctl`, `systemctl` and `xdg-open` programs: a temporary folder is
//! the whole PATH, so no real one is ever asked or started.
//!
//! The stub machine and the helpers shared by these tests live here; the tests themselves in
//! `desktop/`, one module per concern.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bezwaar::desktop::{Desktop, Failure, TIMEOUT};
use bezwaar::links::Os;
use bezwaar::text::Lang;

const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";

/// Generous: only shows that nothing waited for a program that hangs (30 s).
const BOUND: Duration = Duration::from_secs(10);

/// A stub folder (the whole PATH), a runtime directory, and what the stubs wrote.
struct Machine {
    dir: tempfile::TempDir,
    uid: u32,
    /// Sockets made in the runtime directory stay while the machine does.
    _sockets: Vec<UnixListener>,
}

impl Machine {
    fn new() -> Machine {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["bin", "run", "out"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        // A file this process made belongs to it: its uid, without asking the system.
        let uid = std::fs::metadata(dir.path().join("run")).unwrap().uid();
        Machine {
            dir,
            uid,
            _sockets: Vec::new(),
        }
    }

    /// Some uid that is not this process's.
    fn other_uid(&self) -> u32 {
        if self.uid == 1000 { 1001 } else { 1000 }
    }

    fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    fn run(&self) -> String {
        self.dir.path().join("run").to_str().unwrap().to_owned()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join("out").join(name)
    }

    fn stub(&self, name: &str, body: &str) {
        let path = self.bin().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// A line per call to `name`, its arguments apart by spaces.
    fn log_line(&self, name: &str) -> String {
        format!(
            "printf '%s\\n' \"$*\" >> '{}'",
            self.out(&format!("{name}.calls")).display()
        )
    }

    fn calls(&self, name: &str) -> Vec<String> {
        std::fs::read_to_string(self.out(&format!("{name}.calls")))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// A `loginctl` that lists `list` and shows, per asked session id, `shows[id]` (as the
    /// real one does: only what it is asked about).
    fn loginctl(&self, list: &str, shows: &[(&str, &str)]) {
        std::fs::write(self.out("list"), list).unwrap();
        for (id, text) in shows {
            std::fs::write(self.out(&format!("show-{id}")), text).unwrap();
        }
        let out = self.out("").display().to_string();
        let cat = tool("cat");
        self.stub(
            "loginctl",
            &format!(
                r#"{log}
case "$*" in
  *list-sessions*) {cat} '{out}list' ;;
  *show-session*)
    for a in "$@"; do
      if [ -f "{out}show-$a" ]; then {cat} "{out}show-$a"; printf '\n'; fi
    done ;;
  *) exit 1 ;;
esac"#,
                log = self.log_line("loginctl"),
            ),
        );
    }

    /// The usual desktop: this user's SSH session 5 and x11 session 2 on display :0.
    fn x11_desktop(&self) {
        let uid = self.uid;
        self.loginctl(
            &format!("     5 {uid} oma -     pts/0\n     2 {uid} oma seat0 tty2\n"),
            &[
                (
                    "5",
                    &format!(
                        "Id=5\nUser={uid}\nType=tty\nClass=user\nState=active\nActive=yes\nRemote=yes\n"
                    ),
                ),
                (
                    "2",
                    &format!(
                        "Id=2\nUser={uid}\nType=x11\nClass=user\nState=active\nActive=yes\nRemote=no\nDisplay=:0\nSeat=seat0\nDesktop=xfce\n"
                    ),
                ),
            ],
        );
    }

    /// A `systemctl` that prints `text` and exits with `code`.
    fn systemctl(&self, text: &str, code: i32) {
        std::fs::write(self.out("manager"), text).unwrap();
        self.stub(
            "systemctl",
            &format!(
                "{}\n{} '{}'\nexit {code}",
                self.log_line("systemctl"),
                tool("cat"),
                self.out("manager").display()
            ),
        );
    }

    /// An `xdg-open` that writes its arguments and its environment (NUL apart), then `then`.
    fn opener(&self, then: &str) {
        self.stub(
            "xdg-open",
            &format!(
                "printf '%s\\0' \"$@\" > '{argv}'\n{env} -0 > '{envf}'\n{then}",
                argv = self.out("argv").display(),
                env = tool("env"),
                envf = self.out("env").display(),
            ),
        );
    }

    /// What the opener was given: its arguments and its whole environment.
    fn opened(&self) -> Option<(Vec<String>, BTreeMap<String, String>)> {
        let argv = std::fs::read_to_string(self.out("argv")).ok()?;
        let env = std::fs::read_to_string(self.out("env")).ok()?;
        let argv = argv.split_terminator('\0').map(str::to_owned).collect();
        let env = env
            .split_terminator('\0')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        Some((argv, env))
    }

    fn socket(&mut self, name: &str) {
        let l = UnixListener::bind(Path::new(&self.run()).join(name)).unwrap();
        self._sockets.push(l);
    }

    /// This process's environment as an SSH login would have it: PATH is the stub folder
    /// only; PWD as the shell of a stub keeps it.
    fn login(&self, extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut env = vec![
            ("PATH".to_owned(), self.bin().to_str().unwrap().to_owned()),
            (
                "PWD".to_owned(),
                std::env::current_dir()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned(),
            ),
            ("XDG_RUNTIME_DIR".to_owned(), self.run()),
        ];
        for (k, v) in extra {
            env.retain(|(n, _)| n != k);
            env.push((k.to_string(), v.to_string()));
        }
        env
    }

    fn find(&self, extra: &[(&str, &str)]) -> Result<Desktop, Failure> {
        Desktop::find(self.login(extra), Os::Unix)
    }
}

/// The full path of a program the stubs use (their PATH holds only the stubs).
fn tool(name: &str) -> String {
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is needed on PATH for these tests"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// What the opener should get: the login's environment without the left-out names, with
/// `found` on top.
fn expected(
    login: &[(String, String)],
    left_out: &[&str],
    found: &[(String, String)],
) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = login
        .iter()
        .filter(|(k, _)| !left_out.contains(&k.as_str()))
        .cloned()
        .collect();
    env.extend(found.iter().cloned());
    env
}

const SSH: &[(&str, &str)] = &[
    ("SSH_CONNECTION", "127.0.0.1 40000 127.0.0.1 22"),
    ("SSH_CLIENT", "127.0.0.1 40000 22"),
    ("SSH_TTY", "/dev/pts/3"),
    ("SSH_AUTH_SOCK", "/tmp/ssh-XXXX/agent.77"),
];

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::stap;

#[path = "desktop/hangs.rs"]
mod hangs;
#[path = "desktop/opener.rs"]
mod opener;
#[path = "desktop/over_ssh.rs"]
mod over_ssh;
#[path = "desktop/sessions.rs"]
mod sessions;

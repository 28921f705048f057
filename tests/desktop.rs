//! Finding the desktop session of this same user from an SSH login, and opening a link on
//! it, against stub `loginctl`, `systemctl` and `xdg-open` programs: a temporary folder is
//! the whole PATH, so no real one is ever asked or started.
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

#[test]
fn the_opener_gets_exactly_the_url_and_the_found_environment() {
    let m = Machine::new();
    let run = m.run();
    m.x11_desktop();
    m.systemctl(
        &format!(
            "HOME=/home/oma\nLANG=nl_NL.UTF-8\nPATH=/manager/bin\nDISPLAY=:0\n\
             XAUTHORITY=/home/oma/.Xauthority\nDBUS_SESSION_BUS_ADDRESS=unix:path={run}/bus\n\
             XDG_CURRENT_DESKTOP=XFCE\nXDG_SESSION_TYPE=x11\nGREETING=$'hallo wereld'\n"
        ),
        0,
    );
    m.opener("exit 0");
    let mut extra = SSH.to_vec();
    extra.extend([
        ("HOME", "/home/oma"),
        ("TERM", "xterm-256color"),
        ("BROWSER", "lynx"),
        // ssh -X: the helper's own screen.
        ("DISPLAY", "localhost:10.0"),
    ]);
    let desktop = m.find(&extra).expect("a desktop");
    let found = pairs(&[
        ("DISPLAY", ":0"),
        ("XAUTHORITY", "/home/oma/.Xauthority"),
        ("DBUS_SESSION_BUS_ADDRESS", &format!("unix:path={run}/bus")),
        ("XDG_CURRENT_DESKTOP", "XFCE"),
        ("XDG_SESSION_TYPE", "x11"),
        ("XDG_RUNTIME_DIR", &run),
    ]);
    assert_eq!(desktop.env(), found);
    assert!(
        desktop.how().contains("session 2 (x11)"),
        "{}",
        desktop.how()
    );
    assert!(desktop.how().contains("user manager"), "{}", desktop.how());

    // Only this user's sessions are looked at; the user manager is this user's own.
    let uid = m.uid;
    let calls = m.calls("loginctl");
    assert_eq!(calls[0], "--no-pager list-sessions --no-legend");
    assert!(
        calls[1].starts_with("--no-pager show-session 5 2 -p Id -p User"),
        "{calls:?} (uid {uid})"
    );
    assert_eq!(calls.len(), 2);
    assert_eq!(m.calls("systemctl"), ["--user --no-pager show-environment"]);

    // Shell characters and spaces in it, and still one argument, untouched.
    let url = format!("{FACEBOOK}?a=1&b=$(touch x);c d`e`|f");
    desktop.open(&url).expect("opened");
    let (argv, env) = m.opened().expect("the opener ran");
    assert_eq!(argv, [url]);
    let login = m.login(&extra);
    let left_out = [
        "SSH_CONNECTION",
        "SSH_CLIENT",
        "SSH_TTY",
        "SSH_AUTH_SOCK",
        "BROWSER",
        "DISPLAY",
    ];
    assert_eq!(env, expected(&login, &left_out, &found));
}

#[test]
fn a_wayland_session_without_a_user_manager_gets_its_socket_bus_and_runtime_dir() {
    let mut m = Machine::new();
    let (uid, run) = (m.uid, m.run());
    m.socket("wayland-0");
    m.socket("bus");
    // Not sockets, or not Wayland's: never taken.
    std::fs::write(Path::new(&run).join("wayland-0.lock"), "").unwrap();
    std::fs::write(Path::new(&run).join("wayland-1"), "").unwrap();
    m.loginctl(
        &format!("3 {uid} oma seat0 tty2\n"),
        &[(
            "3",
            &format!(
                "Id=3\nUser={uid}\nType=wayland\nClass=user\nState=active\nActive=yes\nRemote=no\nSeat=seat0\nDesktop=gnome\n"
            ),
        )],
    );
    // No systemctl on PATH at all.
    m.opener("exit 0");
    let mut extra = SSH.to_vec();
    extra.extend([
        ("DISPLAY", "localhost:10.0"),
        ("XAUTHORITY", "/root/.Xauthority"),
        ("BROWSER", "firefox"),
    ]);
    let desktop = m.find(&extra).expect("a desktop");
    let found = pairs(&[
        ("WAYLAND_DISPLAY", "wayland-0"),
        ("XDG_RUNTIME_DIR", &run),
        ("DBUS_SESSION_BUS_ADDRESS", &format!("unix:path={run}/bus")),
        ("XDG_SESSION_TYPE", "wayland"),
        ("XDG_SESSION_DESKTOP", "gnome"),
    ]);
    assert_eq!(desktop.env(), found);
    assert!(
        desktop.how().contains("logind session"),
        "{}",
        desktop.how()
    );

    desktop.open(FACEBOOK).expect("opened");
    let (argv, env) = m.opened().unwrap();
    assert_eq!(argv, [FACEBOOK]);
    // The helper's forwarded display and its cookie are not passed on; a graphical
    // BROWSER is.
    let left_out = [
        "SSH_CONNECTION",
        "SSH_CLIENT",
        "SSH_TTY",
        "SSH_AUTH_SOCK",
        "DISPLAY",
        "XAUTHORITY",
    ];
    assert_eq!(env, expected(&m.login(&extra), &left_out, &found));
    assert_eq!(env["BROWSER"], "firefox");
}

#[test]
fn without_a_desktop_of_this_user_nothing_is_found() {
    let probe = Machine::new();
    let (uid, other) = (probe.uid, probe.other_uid());
    let graphical = |id: &str, user: u32| {
        format!(
            "Id={id}\nUser={user}\nType=x11\nClass=user\nState=active\nActive=yes\nRemote=no\nDisplay=:0\nSeat=seat0\n"
        )
    };
    let tty =
        format!("Id=5\nUser={uid}\nType=tty\nClass=user\nState=active\nActive=yes\nRemote=yes\n");
    // A user manager that still remembers the display of a session that has ended.
    let stale = "DISPLAY=:0\nXAUTHORITY=/home/oma/.Xauthority\n";
    struct Case {
        what: &'static str,
        list: String,
        shows: Vec<(&'static str, String)>,
        manager: Option<(&'static str, i32)>,
        loginctl: bool,
    }
    let cases = [
        Case {
            what: "only the SSH session, a stale display in the manager",
            list: format!("5 {uid} oma - pts/0\n"),
            shows: vec![("5", tty.clone())],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "only another user's desktop",
            list: format!("5 {uid} oma - pts/0\n2 {other} opa seat0 tty2\n"),
            shows: vec![("5", tty.clone()), ("2", graphical("2", other))],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "a loginctl that answers with another user's session",
            list: format!("2 {uid} oma seat0 tty2\n"),
            shows: vec![("2", graphical("2", other))],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "this user's desktop, switched away from (another user in front)",
            list: format!("2 {uid} oma seat0 tty2\n"),
            shows: vec![(
                "2",
                graphical("2", uid)
                    .replace("Active=yes", "Active=no")
                    .replace("State=active", "State=online"),
            )],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "a remote graphical session",
            list: format!("2 {uid} oma - -\n"),
            shows: vec![("2", graphical("2", uid).replace("Remote=no", "Remote=yes"))],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "the login screen",
            list: format!("2 {uid} gdm seat0 tty1\n"),
            shows: vec![(
                "2",
                graphical("2", uid).replace("Class=user", "Class=greeter"),
            )],
            manager: Some((stale, 0)),
            loginctl: true,
        },
        Case {
            what: "a Wayland session with no socket, no user manager",
            list: format!("2 {uid} oma seat0 tty2\n"),
            shows: vec![(
                "2",
                graphical("2", uid)
                    .replace("Type=x11", "Type=wayland")
                    .replace("Display=:0\n", ""),
            )],
            manager: Some(("Failed to connect to bus", 1)),
            loginctl: true,
        },
        Case {
            what: "no loginctl on this system",
            list: String::new(),
            shows: vec![],
            manager: Some((stale, 0)),
            loginctl: false,
        },
    ];
    for case in cases {
        let m = Machine::new();
        if case.loginctl {
            let shows: Vec<(&str, &str)> =
                case.shows.iter().map(|(i, s)| (*i, s.as_str())).collect();
            m.loginctl(&case.list, &shows);
        }
        if let Some((text, code)) = case.manager {
            m.systemctl(text, code);
        }
        m.opener("exit 0");
        let got = m.find(SSH);
        let Err(f) = got else {
            panic!("{}: found {got:?}", case.what);
        };
        assert!(
            matches!(f, Failure::NoDesktop { .. }),
            "{}: {f:?}",
            case.what
        );
        assert_eq!(
            f.words(Lang::Nl),
            "Op deze computer is geen scherm gevonden om de link op te openen.",
        );
        assert_eq!(
            f.words(Lang::En),
            "No screen was found on this computer to open the link on."
        );
        assert!(!f.detail().is_empty());
        if case.what == "only another user's desktop" {
            // Another user's session is never even asked about.
            let calls = m.calls("loginctl");
            assert_eq!(calls.len(), 2, "{calls:?}");
            assert_eq!(
                calls[1].split(" -p ").next(),
                Some("--no-pager show-session 5")
            );
        }
        assert!(m.opened().is_none(), "{}: nothing is started", case.what);
    }
}

#[test]
fn loginctl_failing_is_no_desktop() {
    let m = Machine::new();
    m.stub(
        "loginctl",
        "echo 'Failed to get D-Bus connection: No such file or directory' >&2\nexit 1",
    );
    m.systemctl("DISPLAY=:0\n", 0);
    let f = m.find(SSH).unwrap_err();
    assert!(matches!(f, Failure::NoDesktop { .. }), "{f:?}");
    assert!(
        f.detail().contains("loginctl list-sessions"),
        "{}",
        f.detail()
    );
}

#[test]
fn an_opener_that_fails_gives_the_reason_in_plain_words() {
    type Case = (
        Option<&'static str>,
        fn(&Failure) -> bool,
        &'static str,
        &'static str,
    );
    let cases: [Case; 3] = [
        (
            Some("exit 1"),
            |f| matches!(f, Failure::NotOpened { .. }),
            "Het openen lukte niet op het scherm van deze computer.",
            "exit status: 1",
        ),
        // xdg-open: "a required tool could not be found".
        (
            Some("exit 3"),
            |f| matches!(f, Failure::NoOpener { .. }),
            "Op deze computer is geen programma gevonden dat links opent.",
            "exit status: 3",
        ),
        (
            None,
            |f| matches!(f, Failure::NoOpener { .. }),
            "Op deze computer is geen programma gevonden dat links opent.",
            "xdg-open",
        ),
    ];
    for (opener, kind, words, detail) in cases {
        let m = Machine::new();
        m.x11_desktop();
        m.systemctl("", 1);
        if let Some(then) = opener {
            m.opener(then);
        }
        let desktop = m.find(SSH).expect("a desktop");
        let f = desktop.open(FACEBOOK).unwrap_err();
        assert!(kind(&f), "{opener:?}: {f:?}");
        assert_eq!(f.words(Lang::Nl), words);
        assert!(f.detail().contains(detail), "{}", f.detail());
        if opener.is_some() {
            assert_eq!(m.opened().unwrap().0, [FACEBOOK], "it did run");
        }
    }
}

#[test]
fn only_a_web_address_reaches_the_opener() {
    let m = Machine::new();
    m.x11_desktop();
    m.systemctl("", 1);
    m.opener("exit 0");
    let desktop = m.find(SSH).unwrap();
    for url in [
        "--help",
        "-h",
        "file:///etc/passwd",
        "https://x.nl/\n--help",
    ] {
        let f = desktop.open(url).unwrap_err();
        assert!(matches!(f, Failure::NotOpened { .. }), "{url:?}: {f:?}");
    }
    assert!(m.opened().is_none(), "the opener never ran");
}

#[test]
fn an_opener_that_hangs_is_left_running_in_its_own_session_and_the_caller_goes_on() {
    let m = Machine::new();
    m.x11_desktop();
    m.systemctl("", 1);
    let pid_file = m.out("pid");
    m.opener(&format!(
        "echo $$ > '{}'\nexec {} 30",
        pid_file.display(),
        tool("sleep")
    ));
    let desktop = m.find(SSH).unwrap();
    let start = Instant::now();
    let f = desktop.open(FACEBOOK).unwrap_err();
    let waited = start.elapsed();
    assert!(matches!(f, Failure::NoAnswer { .. }), "{f:?}");
    assert!(waited >= TIMEOUT && waited < BOUND, "waited {waited:?}");
    assert_eq!(
        f.words(Lang::En),
        "Opening has started, but there is no answer yet. Check whether the page is on this computer’s screen."
    );
    assert_eq!(m.opened().unwrap().0, [FACEBOOK]);

    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(pid);
    // Still running (it may be the browser it started), and the leader of a session of its
    // own: no terminal, out of reach of a dropped SSH connection's SIGHUP.
    assert!(nix::sys::signal::kill(pid, None).is_ok(), "left running");
    assert_eq!(nix::unistd::getsid(Some(pid)).unwrap(), pid);
    assert_ne!(
        nix::unistd::getsid(None).unwrap(),
        pid,
        "not this process's session"
    );
    // This test started it, so it ends it.
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).unwrap();
}

#[test]
fn a_user_manager_that_hangs_or_floods_is_cut_off() {
    // Hangs: the session's own environment is used instead, in bounded time.
    let m = Machine::new();
    m.x11_desktop();
    m.stub("systemctl", &format!("exec {} 30", tool("sleep")));
    let start = Instant::now();
    let desktop = m.find(SSH).expect("the session's own display");
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert_eq!(desktop.env()[0], ("DISPLAY".to_owned(), ":0".to_owned()));
    assert!(
        desktop.how().contains("logind session"),
        "{}",
        desktop.how()
    );

    // Floods: its output is read up to a limit, then the pipe closes and it ends on EPIPE
    // (SIGPIPE): not a clean answer, so again the session's own environment.
    let m = Machine::new();
    m.x11_desktop();
    m.stub("systemctl", &format!("exec {} DISPLAY=:9", tool("yes")));
    let start = Instant::now();
    let desktop = m.find(SSH).expect("a desktop");
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert_eq!(desktop.env()[0], ("DISPLAY".to_owned(), ":0".to_owned()));
    assert!(
        desktop.how().contains("logind session"),
        "{}",
        desktop.how()
    );
}

#[test]
fn a_loginctl_that_hangs_is_cut_off() {
    let m = Machine::new();
    m.stub("loginctl", &format!("exec {} 30", tool("sleep")));
    m.systemctl("DISPLAY=:0\n", 0);
    let start = Instant::now();
    let f = m.find(SSH).unwrap_err();
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert!(matches!(f, Failure::NoDesktop { .. }), "{f:?}");
    assert!(f.detail().contains("no answer"), "{}", f.detail());
}

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::stap;

/// The real binary, logged in over SSH on this "machine": its stubs are the whole PATH.
fn bezwaar_over_ssh(m: &Machine, args: &[&str]) -> pty::Pty {
    let home = m.dir.path().to_str().unwrap().to_owned();
    let path = m.bin().to_str().unwrap().to_owned();
    let run = m.run();
    let mut all = vec!["--lang", "nl", "--no-save"];
    all.extend_from_slice(args);
    let env = [
        ("PATH", path.as_str()),
        ("HOME", home.as_str()),
        ("XDG_RUNTIME_DIR", run.as_str()),
        ("SSH_CONNECTION", "127.0.0.1 40000 127.0.0.1 22"),
        ("SSH_TTY", "/dev/pts/3"),
    ];
    let mut p = pty::spawn(&all, &env, 80, 24);
    p.wait_for(&stap(1));
    // Log in: Facebook, then Enter on its form.
    p.send("4");
    p.wait_for("▶ ( ) Facebook");
    p.send("\r");
    p.wait_for("▶ Open het Facebook-formulier");
    p.send("\r");
    p
}

/// A desktop like the usual one, with its user manager's environment.
fn desktop_machine(opener: &str) -> Machine {
    let m = Machine::new();
    m.x11_desktop();
    let run = m.run();
    m.systemctl(
        &format!(
            "DISPLAY=:0\nDBUS_SESSION_BUS_ADDRESS=unix:path={run}/bus\nXDG_SESSION_TYPE=x11\n"
        ),
        0,
    );
    m.opener(opener);
    m
}

#[test]
fn over_ssh_the_panel_offers_this_computers_screen_and_enter_opens_the_form_there() {
    let m = desktop_machine("exit 0");
    let mut p = bezwaar_over_ssh(&m, &[]);
    // The panel as ever (QR code, copy), with one more way first: this screen.
    p.wait_for("Druk op Enter: dan gaat de pagina");
    p.wait_for("Scan de QR-code");
    // The footer may come in a later piece of the same frame: wait for it too.
    p.wait_for("Enter op dit scherm openen");
    assert!(m.opened().is_none(), "nothing is started by itself");
    p.send("\r");
    p.wait_for("De pagina staat nu open op het scherm van deze computer.");
    let (argv, env) = m.opened().expect("the opener ran");
    assert_eq!(argv, [FACEBOOK]);
    assert_eq!(env.get("DISPLAY").map(String::as_str), Some(":0"));
    assert!(
        !env.keys().any(|k| k.starts_with("SSH_")),
        "nothing of the SSH login: {env:?}"
    );
    // The panel closed and focus had moved on: the next Enter goes forward.
    assert!(
        p.screen().contains("▶ Verder naar stap 5"),
        "{}",
        p.screen()
    );
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn with_links_desktop_enter_on_the_form_opens_it_there_at_once() {
    let m = desktop_machine("exit 0");
    let mut p = bezwaar_over_ssh(&m, &["--links", "desktop"]);
    p.wait_for("De pagina staat nu open op het scherm van deze computer.");
    assert!(!p.screen().contains("Scan de QR-code"), "no panel needed");
    let (argv, _) = m.opened().expect("the opener ran");
    assert_eq!(argv, [FACEBOOK]);
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn without_a_desktop_nothing_more_is_offered_and_links_desktop_says_why() {
    // Only the SSH login itself: no graphical session of this user.
    let m = Machine::new();
    let uid = m.uid;
    m.loginctl(
        &format!("     5 {uid} oma -     pts/0\n"),
        &[(
            "5",
            &format!(
                "Id=5\nUser={uid}\nType=tty\nClass=user\nState=active\nActive=yes\nRemote=yes\n"
            ),
        )],
    );
    m.systemctl("", 1);
    m.opener("exit 0");
    let mut p = bezwaar_over_ssh(&m, &[]);
    p.wait_for("Scan de QR-code");
    let screen = p.screen();
    assert!(!screen.contains("op dit scherm"), "{screen}");
    // Enter closes the panel, as Esc does.
    p.send("\r");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);

    let mut p = bezwaar_over_ssh(&m, &["--links", "desktop"]);
    p.wait_for("Op deze computer is geen scherm");
    p.wait_for("Scan de QR-code");
    p.send("\x1b");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
    assert!(m.opened().is_none(), "nothing was started");
}

#[test]
fn an_opener_that_fails_is_told_in_plain_words() {
    let m = desktop_machine("exit 4");
    let mut p = bezwaar_over_ssh(&m, &[]);
    p.wait_for("Druk op Enter: dan gaat de pagina");
    p.send("\r");
    p.wait_for("Het openen lukte niet op het");
    p.wait_for("of kopieer de link.");
    assert!(!p.screen().contains("exit"), "{}", p.screen());
    p.send("\x1b");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

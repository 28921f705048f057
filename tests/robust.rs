//! The terminal is left as it was found, whatever way the walkthrough ends: the real binary in
//! a pseudo-terminal, walked through every page, then ended by `q`, Ctrl-C, SIGTERM, SIGHUP,
//! SIGINT, a crash, a terminal that vanishes (an SSH drop) or output that stops working.
//!
//! Each way out is checked for what a person would notice: back on the main screen, the cursor
//! showing, no mouse reporting, the keyboard back to normal (`stty -g` the same before and
//! after), saved progress still there and readable, and the exit code a shell expects.
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use bezwaar::progress::{Progress, Store};
use chrono::Utc;
use common::step;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");
/// A week before the deadline, so the deadline page counts down.
const NOW: &str = "2025-05-20T11:56:55+02:00";
/// What bezwaar writes last on every orderly way out: plain text again (SGR 0, or the shell's
/// prompt would take the page's last colour), mouse reporting off (1006, 1000), the main
/// screen back (1049), the cursor shown (25).
const RESTORE: &str = "\x1b[0m\x1b[?1006l\x1b[?1000l\x1b[?1049l\x1b[?25h";
const PANIC_KEY: &str = "!";

/// A terminal the walk can be typed into and read from.
trait Term {
    fn send(&mut self, keys: &str);
    fn wait_for(&self, text: &str);
}

impl Term for pty::Pty {
    fn send(&mut self, keys: &str) {
        pty::Pty::send(self, keys);
    }
    fn wait_for(&self, text: &str) {
        pty::Pty::wait_for(self, text);
    }
}

fn args(state: &Path) -> Vec<String> {
    [
        "--lang",
        "en",
        "--links",
        "show",
        "--now",
        NOW,
        "--state",
        state.parent().unwrap().to_str().unwrap(),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Walks every page as a person would: on to the deadline page, "both" on the log-in page,
/// past the email field, and says yes, Facebook was sent, on the send page. Waits until that
/// progress is on disk.
fn walk_all_pages(t: &mut impl Term, state: &Path) {
    const RIGHT: &str = "\x1b[C";
    t.wait_for(&step(1));
    t.wait_for("q quit");
    t.send(RIGHT);
    t.wait_for(&step(2));
    t.send(RIGHT);
    t.wait_for(&step(3));
    t.wait_for("hours left.");
    t.send(RIGHT);
    t.wait_for(&step(4));
    t.wait_for("▶ ( ) Facebook");
    t.send("\x1b[B\x1b[B\r");
    t.wait_for("(•) Both");
    t.send(RIGHT);
    t.wait_for(&step(5));
    // The email field is empty, so → still turns the page.
    t.send(RIGHT);
    t.wait_for(&step(6));
    t.wait_for("▶ (•) Not yet");
    // Yes takes a move to it: ↓ Enter.
    t.send("\x1b[B\r");
    t.wait_for("(•) Yes, sent on");
    wait_until(|| try_saved(state).is_some_and(|p| p.page == "versturen" && p.sent.len() == 1));
}

/// What is saved in `state` now; panics when it is missing or unreadable.
fn saved(state: &Path) -> Progress {
    match Store::at(state.to_path_buf()).load(Utc::now()) {
        (Some(p), None) => p,
        other => panic!("no readable progress in {}: {other:?}", state.display()),
    }
}

fn try_saved(state: &Path) -> Option<Progress> {
    std::fs::read_to_string(state)
        .ok()
        .and_then(|t| ron::from_str(&t).ok())
}

/// Waits up to 5 seconds for `done`.
fn wait_until(done: impl Fn() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if done() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    assert!(done(), "waited 5 s in vain");
}

/// Progress as the walk left it: on the last page, both platforms, Facebook sent.
fn assert_walk_saved(state: &Path) {
    let p = saved(state);
    assert_eq!(p.page, "versturen");
    assert_eq!(p.picked.as_deref(), Some("all"));
    assert_eq!(
        p.sent.iter().map(|s| s.choice.as_str()).collect::<Vec<_>>(),
        ["facebook"]
    );
    // Nothing half-written beside it.
    let dir = state.parent().unwrap();
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// bezwaar in a pty under a shell that keeps `stty -g` from before and after, and the
/// program's pid (the shell's child) for signals.
struct Shell {
    dir: tempfile::TempDir,
    pty: pty::Pty,
}

impl Shell {
    fn start(env: &[(&str, &str)]) -> Shell {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap().to_owned();
        let script = r#"stty -g > "$D/before"
sh -c 'echo $$ > "$D/pid"; exec "$@"' bezwaar "$@"
code=$?
stty -g > "$D/after"
exit $code"#;
        let state = dir.path().join("meta-ai.ron");
        let mut argv = vec!["-c".to_owned(), script.to_owned(), "sh".to_owned()];
        argv.push(BIN.to_owned());
        argv.extend(["--walkthrough".to_owned(), "meta-ai".to_owned()]);
        argv.extend(args(&state));
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let mut all_env = vec![("D", d.as_str()), ("TZ", "UTC")];
        all_env.extend_from_slice(env);
        let pty = pty::spawn_program("sh", &argv, &all_env, 80, 24);
        Shell { dir, pty }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn state(&self) -> PathBuf {
        self.file("meta-ai.ron")
    }

    fn pid(&self) -> Pid {
        let path = self.file("pid");
        wait_until(|| std::fs::read_to_string(&path).is_ok_and(|s| s.ends_with('\n')));
        Pid::from_raw(
            std::fs::read_to_string(path)
                .unwrap()
                .trim()
                .parse()
                .unwrap(),
        )
    }

    fn stty(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name))
            .unwrap_or_else(|_| panic!("no stty -g {name}"))
            .trim()
            .to_owned()
    }

    /// `stty -g` of the pty from outside, while bezwaar runs.
    fn stty_now(&self) -> String {
        let tty = self.pty.tty_name().expect("the pty has a name");
        let out = Command::new("stty")
            .arg("-F")
            .arg(tty)
            .arg("-g")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Walks every page, checks the keyboard is in raw mode meanwhile, ends the walk with
    /// `end`, and checks everything a person would see after. Returns what was written after
    /// the restore sequence (a crash's message, or nothing).
    fn walk_and_end(mut self, end: impl FnOnce(&mut Shell), code: u32) -> String {
        let state = self.state();
        walk_all_pages(&mut self.pty, &state);
        let before = self.stty("before");
        assert_ne!(
            self.stty_now(),
            before,
            "raw mode is on while bezwaar runs (else the stty check below proves nothing)"
        );
        assert_eq!(
            self.pty.modes(),
            (true, true, true),
            "full screen, mouse on"
        );
        end(&mut self);
        assert_eq!(self.pty.wait_exit(), code, "exit code");
        let out = settled(&self.pty);
        assert_eq!(self.stty("after"), before, "the keyboard is back as it was");
        assert_eq!(
            self.pty.modes(),
            (false, false, false),
            "main screen, cursor shown, no mouse reporting"
        );
        let out = String::from_utf8_lossy(&out).into_owned();
        let at = out
            .rfind(RESTORE)
            .unwrap_or_else(|| panic!("no restore sequence; last bytes: {:?}", tail(&out)));
        assert!(
            out.rfind("\x1b[?1049h").is_some_and(|i| i < at),
            "the alternate screen was entered before the restore"
        );
        assert_walk_saved(&self.state());
        out[at + RESTORE.len()..].to_owned()
    }
}

/// The pty's output once it has stopped growing.
fn settled(p: &pty::Pty) -> Vec<u8> {
    let mut last = p.bytes();
    loop {
        thread::sleep(Duration::from_millis(100));
        let now = p.bytes();
        if now == last {
            return now;
        }
        last = now;
    }
}

fn tail(s: &str) -> &str {
    let mut i = s.len().saturating_sub(200);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

#[test]
fn q_leaves_the_terminal_as_found() {
    let after = Shell::start(&[]).walk_and_end(|s| s.pty.send("qq"), 0);
    assert_eq!(after, "", "nothing after the restore");
}

#[test]
fn ctrl_c_leaves_the_terminal_as_found() {
    // In raw mode Ctrl-C is a key, not a signal: it quits like q.
    let after = Shell::start(&[]).walk_and_end(|s| s.pty.send("\x03"), 0);
    assert_eq!(after, "");
}

#[test]
fn sigterm_leaves_the_terminal_as_found() {
    let after = Shell::start(&[]).walk_and_end(
        |s| kill(s.pid(), Signal::SIGTERM).unwrap(),
        128 + Signal::SIGTERM as u32,
    );
    assert_eq!(after, "");
}

#[test]
fn sighup_leaves_the_terminal_as_found() {
    let after = Shell::start(&[]).walk_and_end(
        |s| kill(s.pid(), Signal::SIGHUP).unwrap(),
        128 + Signal::SIGHUP as u32,
    );
    assert_eq!(after, "");
}

#[test]
fn sigint_leaves_the_terminal_as_found() {
    let after = Shell::start(&[]).walk_and_end(
        |s| kill(s.pid(), Signal::SIGINT).unwrap(),
        128 + Signal::SIGINT as u32,
    );
    assert_eq!(after, "");
}

/// The crash key exists only in debug builds (`src/terminal.rs`, `test_panic`).
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the crash key is only in debug builds"
)]
fn a_crash_puts_the_terminal_back_before_its_message() {
    let after = Shell::start(&[("BEZWAAR_TEST_PANIC_KEY", PANIC_KEY)])
        .walk_and_end(|s| s.pty.send(PANIC_KEY), 101);
    // The message lands on the normal screen, after the restore, and is all that follows it.
    assert!(after.contains("panicked"), "{after:?}");
    assert!(
        after.contains("BEZWAAR_TEST_PANIC_KEY: the test key '!' was pressed"),
        "{after:?}"
    );
    assert!(
        !after.contains('\x1b'),
        "no escape after the restore: {after:?}"
    );
}

#[test]
fn the_crash_key_does_nothing_without_its_variable() {
    let mut p = pty::spawn(&["--lang", "en", "--no-save"], &[], 80, 24);
    p.wait_for(&step(1));
    p.send(PANIC_KEY);
    p.send("\x1b[C");
    p.wait_for(&step(2));
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
    assert!(!p.written().contains("panicked"));
}

/// A pty of our own: unlike portable-pty's, its master can be closed for real while the
/// program runs (portable-pty's reader thread keeps a copy of it open).
struct Bare {
    master: Option<Arc<nix::pty::PtyMaster>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    parser: Arc<Mutex<vt100::Parser>>,
    name: PathBuf,
}

impl Bare {
    /// A new pty, 80x24, its output read into a screen; and its slave end. Both ends are
    /// close-on-exec, so no other program started meanwhile (by a test running beside this
    /// one) keeps a copy of the master open.
    fn open() -> (Bare, OwnedFd) {
        use nix::fcntl::OFlag;
        use nix::pty::{grantpt, posix_openpt, ptsname_r, unlockpt};
        use std::os::unix::fs::OpenOptionsExt;
        let master = posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = PathBuf::from(ptsname_r(&master).unwrap());
        // std opens files close-on-exec.
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(nix::libc::O_NOCTTY)
            .open(&name)
            .unwrap();
        let size = nix::libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads one winsize from the pointer.
        let set = unsafe { nix::libc::ioctl(slave.as_raw_fd(), nix::libc::TIOCSWINSZ, &size) };
        assert_eq!(set, 0, "{}", io::Error::last_os_error());
        let slave = OwnedFd::from(slave);
        let master = Arc::new(master);
        let stop = Arc::new(AtomicBool::new(false));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(24), nz(80), 0)));
        let reader = {
            let (master, stop, parser) = (master.clone(), stop.clone(), parser.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while !stop.load(Ordering::SeqCst) {
                    let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
                    match poll(&mut fds, PollTimeout::from(20u16)) {
                        Ok(0) => continue,
                        Ok(_) => match nix::unistd::read(master.as_fd(), &mut buf) {
                            Ok(n) if n > 0 => parser.lock().unwrap().process(&buf[..n]),
                            _ => thread::sleep(Duration::from_millis(20)),
                        },
                        Err(_) => return,
                    }
                }
            })
        };
        let bare = Bare {
            master: Some(master),
            stop,
            reader: Some(reader),
            parser,
            name,
        };
        (bare, slave)
    }

    /// Closes the master end, as sshd does when the connection drops: the program's
    /// terminal is gone.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        let master = self.master.take().expect("open");
        drop(Arc::into_inner(master).expect("the only copy"));
    }

    fn stty(&self) -> String {
        let out = Command::new("stty")
            .arg("-F")
            .arg(&self.name)
            .arg("-g")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

impl Term for Bare {
    fn send(&mut self, keys: &str) {
        let master = self.master.as_ref().expect("open");
        let mut bytes = keys.as_bytes();
        while !bytes.is_empty() {
            let n = nix::unistd::write(master.as_fd(), bytes).unwrap();
            bytes = &bytes[n..];
        }
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self
                .parser
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(text)
            {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{text:?} never showed. The screen:\n{}",
            self.parser.lock().unwrap().screen().contents()
        );
    }
}

impl Drop for Bare {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Starts bezwaar as the leader of a session of its own, with `input` as its controlling
/// terminal and stdin, `output` as stdout, and stderr into a file (or, without one, the
/// output terminal too, as over SSH).
fn start_bare(input: OwnedFd, output: OwnedFd, stderr: Option<&Path>, state: &Path) -> Child {
    let stderr = match stderr {
        Some(path) => Stdio::from(File::create(path).unwrap()),
        None => Stdio::from(output.try_clone().unwrap()),
    };
    let mut cmd = Command::new(BIN);
    cmd.args(["--walkthrough", "meta-ai"])
        .args(args(state))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TERM", "xterm-256color")
        .env("TZ", "UTC")
        .stdin(Stdio::from(input))
        .stdout(Stdio::from(output))
        .stderr(stderr);
    // SAFETY: only async-signal-safe calls (setsid, ioctl) between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            nix::unistd::setsid().map_err(io::Error::from)?;
            if nix::libc::ioctl(0, nix::libc::TIOCSCTTY, 0) == -1 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn().expect("bezwaar starts")
}

fn wait_child(child: &mut Child) -> i32 {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Some(status) = child.try_wait().unwrap() {
            return status
                .code()
                .unwrap_or_else(|| panic!("killed: {status:?}"));
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.kill().ok();
    panic!("bezwaar did not end");
}

#[test]
fn a_vanished_terminal_ends_quietly_with_progress_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (state, stderr) = (dir.path().join("meta-ai.ron"), dir.path().join("stderr"));
    let (mut term, slave) = Bare::open();
    let mut child = start_bare(slave.try_clone().unwrap(), slave, Some(&stderr), &state);
    walk_all_pages(&mut term, &state);
    // The connection drops: the kernel hangs up the terminal (SIGHUP to bezwaar, the session
    // leader) and every read and write on it fails from now on.
    term.hang_up();
    assert_eq!(wait_child(&mut child), 129, "128 + SIGHUP");
    let said = std::fs::read_to_string(&stderr).unwrap();
    assert_eq!(said, "", "nothing said to a terminal that is gone");
    assert_walk_saved(&state);
}

#[test]
fn a_vanished_terminal_that_also_had_stderr_ends_with_129() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    let (mut term, slave) = Bare::open();
    let mut child = start_bare(slave.try_clone().unwrap(), slave, None, &state);
    walk_all_pages(&mut term, &state);
    term.hang_up();
    assert_eq!(wait_child(&mut child), 129, "128 + SIGHUP, not a crash");
    assert_walk_saved(&state);
}

#[test]
fn output_that_stops_working_mid_walk_ends_quietly_with_progress_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (state, stderr) = (dir.path().join("meta-ai.ron"), dir.path().join("stderr"));
    // Keys come in on one terminal; the screen goes out to another, which then vanishes.
    let (mut keyboard, keys_slave) = Bare::open();
    let (mut screen, screen_slave) = Bare::open();
    let before = keyboard.stty();
    let mut child = start_bare(keys_slave, screen_slave, Some(&stderr), &state);
    struct Split<'a>(&'a mut Bare, &'a Bare);
    impl Term for Split<'_> {
        fn send(&mut self, keys: &str) {
            self.0.send(keys);
        }
        fn wait_for(&self, text: &str) {
            self.1.wait_for(text);
        }
    }
    walk_all_pages(&mut Split(&mut keyboard, &screen), &state);
    screen.hang_up();
    // ← goes back a page: the change is saved, then drawing it fails.
    keyboard.send("\x1b[D");
    assert_eq!(
        wait_child(&mut child),
        129,
        "a lost terminal ends like SIGHUP"
    );
    let said = std::fs::read_to_string(&stderr).unwrap();
    assert_eq!(said, "", "no message, no panic");
    wait_until(|| try_saved(&state).is_some_and(|p| p.page == "invullen"));
    let p = saved(&state);
    assert_eq!(p.picked.as_deref(), Some("all"));
    assert_eq!(p.sent.len(), 1);
    assert_eq!(keyboard.stty(), before, "the keyboard is back as it was");
}

/// Sums the context switches of every thread of `pid`: each time one of them woke up.
fn wakeups(pid: u32) -> u64 {
    let mut n = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status = std::fs::read_to_string(task.unwrap().path().join("status")).unwrap();
        for line in status.lines() {
            if let Some(v) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                n += v.trim().parse::<u64>().unwrap();
            }
        }
    }
    n
}

#[test]
#[cfg(target_os = "linux")]
fn idle_it_wakes_only_for_the_countdown() {
    let start = |page: &str, now: &str| {
        let mut p = pty::spawn(&["--lang", "en", "--now", now, "--no-save"], &[], 80, 24);
        p.wait_for(&step(1));
        if page != "1" {
            p.send(page);
            p.wait_for(&step(page));
        }
        p
    };
    // A page without a countdown; the countdown a week off (days and hours: it changes
    // once an hour); the countdown in its last hour (seconds: once a second).
    let mut quiet = start("1", NOW);
    let mut calm = start("3", NOW);
    let mut ticking = start("3", "2025-05-26T23:30:00+02:00");
    // Let the last frame settle, then watch for two seconds.
    thread::sleep(Duration::from_millis(300));
    let pids = [quiet.pid(), calm.pid(), ticking.pid()];
    let before = pids.map(wakeups);
    thread::sleep(Duration::from_secs(2));
    let [q, c, t] = [0, 1, 2].map(|i| wakeups(pids[i]) - before[i]);
    assert!(q == 0, "a page without a countdown woke {q} times in 2 s");
    assert!(c == 0, "a countdown a week off woke {c} times in 2 s");
    // One tick a second: 2 or 3 ticks, a few switches each; far from a busy loop.
    assert!(
        (1..=12).contains(&t),
        "the countdown page woke {t} times in 2 s"
    );
    for p in [&mut quiet, &mut calm, &mut ticking] {
        p.send("qq");
        assert_eq!(p.wait_exit(), 0);
    }
}

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).unwrap()
}

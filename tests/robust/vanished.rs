//! A terminal that vanishes (an SSH drop) or output that stops working, on a bare pty whose
//! master end can really be closed: a quiet end, exit code 129, progress saved.

use super::*;

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

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).unwrap()
}

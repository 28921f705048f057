//! The orderly ways out (q, Ctrl-C, SIGTERM, SIGHUP, SIGINT, a crash), each after a walk
//! through every page, in a pty under a shell that keeps `stty -g` from before and after.

use super::*;

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

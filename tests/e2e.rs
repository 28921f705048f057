//! The real binary in a pseudo-terminal: links that go to a browser only where one can open,
//! and a terminal left as it was found.
#![cfg(unix)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use common::{stap, step};

const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";

/// A folder with a fake `xdg-open` (the first opener the `open` crate tries) that logs its
/// arguments, one call per line, to `calls.log`.
struct FakeOpener {
    dir: tempfile::TempDir,
}

impl FakeOpener {
    fn new() -> FakeOpener {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("calls.log");
        pty::script(
            &dir.path().join("xdg-open"),
            &format!("printf '%s\\n' \"$*\" >> '{}'", log.display()),
        );
        FakeOpener { dir }
    }

    /// PATH with the fake first.
    fn path(&self) -> String {
        format!(
            "{}:{}",
            self.dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("calls.log")
    }

    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.log())
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// Starts bezwaar with `args` and `env` (and `path` as PATH: where the fake openers are), goes
/// to the log-in page and presses Enter on the Facebook form.
fn press_enter_on_the_form(path: &str, args: &[&str], env: &[(&str, &str)]) -> pty::Pty {
    let mut all_env = vec![("PATH", path)];
    all_env.extend_from_slice(env);
    let mut args = args.to_vec();
    args.extend(["--lang", "en", "--no-save"]);
    let mut p = pty::spawn(&args, &all_env, 80, 24);
    p.wait_for(&step(1));
    p.send("4");
    // "Which do you use?" Facebook, the first answer.
    p.wait_for("▶ ( ) Facebook");
    p.send("\r");
    p.wait_for("▶ Open the Facebook form");
    p.send("\r");
    p
}

fn wait_for_file(path: &Path) {
    for _ in 0..250 {
        if path.exists() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "{} never appeared: the opener was not called",
        path.display()
    );
}

#[test]
fn browser_mode_calls_the_opener_once_with_exactly_the_url() {
    let opener = FakeOpener::new();
    let mut p = press_enter_on_the_form(&opener.path(), &["--links", "browser"], &[]);
    wait_for_file(&opener.log());
    p.wait_for("The link is opening in your browser.");
    // Give a second call time to show up, were there one.
    thread::sleep(Duration::from_millis(300));
    assert_eq!(opener.calls(), vec![FACEBOOK.to_owned()]);
    // q asks first; q again stops.
    p.send("q");
    p.wait_for("Stop?");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn auto_on_a_local_desktop_opens_the_browser() {
    let opener = FakeOpener::new();
    let mut p = press_enter_on_the_form(&opener.path(), &[], &[("DISPLAY", ":0")]);
    wait_for_file(&opener.log());
    thread::sleep(Duration::from_millis(300));
    assert_eq!(opener.calls(), vec![FACEBOOK.to_owned()]);
    p.send("qq");
    p.wait_exit();
}

#[test]
fn over_ssh_and_in_show_mode_nothing_is_started() {
    type Run = (
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
    );
    let runs: &[Run] = &[
        (&["--links", "show"], &[("DISPLAY", ":0")]),
        (
            &[],
            &[
                ("DISPLAY", ":0"),
                ("SSH_CONNECTION", "127.0.0.1 40000 127.0.0.1 22"),
            ],
        ),
        (&[], &[("SSH_TTY", "/dev/pts/9")]),
        (&[], &[]),
    ];
    for (args, env) in runs {
        let opener = FakeOpener::new();
        let mut p = press_enter_on_the_form(&opener.path(), args, env);
        p.wait_for("Scan the QR code");
        p.wait_for(FACEBOOK);
        p.send("c");
        p.wait_for("Link copied.");
        // The copy travels as OSC 52 to the person's own terminal.
        assert!(
            p.written()
                .contains("\x1b]52;c;aHR0cHM6Ly93d3cuZmFjZWJvb2suY29t")
        );
        thread::sleep(Duration::from_millis(300));
        assert_eq!(opener.calls(), Vec::<String>::new(), "{args:?} {env:?}");
        p.send("\x1b");
        p.wait_for(&step(4));
        p.send("qq");
        assert_eq!(p.wait_exit(), 0);
    }
}

#[test]
fn a_terminal_browser_is_never_started_over_the_walkthrough() {
    let opener = FakeOpener::new();
    let mut p = press_enter_on_the_form(
        &opener.path(),
        &["--links", "browser"],
        &[("DISPLAY", ":0"), ("BROWSER", "lynx")],
    );
    p.wait_for("The browser set up here only works");
    p.wait_for("Scan the QR code");
    thread::sleep(Duration::from_millis(300));
    assert_eq!(opener.calls(), Vec::<String>::new());
    // The technical reason never shows on screen.
    assert!(!p.written().contains("lynx"));
    // q closes the panel, then asks, then stops.
    p.send("q");
    p.send("qq");
    p.wait_exit();
}

#[test]
fn urls_are_written_as_osc8_hyperlinks() {
    let opener = FakeOpener::new();
    let p = press_enter_on_the_form(&opener.path(), &["--links", "show"], &[]);
    p.wait_for("Scan the QR code");
    let out = p.written();
    assert!(out.contains(&format!("\x1b]8;;{FACEBOOK}\x1b\\{FACEBOOK}\x1b]8;;\x1b\\")));
}

#[test]
fn a_browser_that_fails_is_told_in_plain_words_and_its_detail_only_with_verbose() {
    for verbose in [false, true] {
        // Every opener the `open` crate tries, and each one fails.
        let dir = tempfile::tempdir().unwrap();
        for name in ["xdg-open", "gio", "gnome-open", "kde-open", "wslview"] {
            pty::script(&dir.path().join(name), "exit 3");
        }
        let path = format!(
            "{}:{}",
            dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut args = vec!["--links", "browser"];
        if verbose {
            args.push("--verbose");
        }
        let mut p = press_enter_on_the_form(&path, &args, &[("DISPLAY", ":0")]);
        // The panel comes instead, saying what happened and what to do now.
        p.wait_for("The browser did not open.");
        p.wait_for("Scan the QR code");
        let screen = p.screen();
        for technical in ["exit", "status", "Launcher", "os error", "xdg-open"] {
            assert!(
                !screen.contains(technical),
                "{technical:?} on screen:\n{screen}"
            );
        }
        p.send("\x1b");
        p.wait_for("Which do you use?");
        p.send("qq");
        assert_eq!(p.wait_exit(), 0);
        // The technical reason, for the helper, after the screen is back: only when asked.
        let out = p.written();
        let after = &out[out.rfind("\x1b[?1049l").expect("the screen was put back")..];
        assert_eq!(
            after.contains("bezwaar: a link did not open:"),
            verbose,
            "verbose {verbose}: {after:?}"
        );
    }
}

#[test]
fn times_are_in_the_persons_zone_with_its_daylight_saving() {
    // 12:00 at +02:00 in May and 12:00 at +01:00 in January are both 12:00 in Amsterdam; in
    // UTC they are 10:00 and 11:00. Both a zone name (the system's database) and a POSIX
    // rule (no database needed) work.
    for (tz, now, want) in [
        ("Europe/Amsterdam", "2025-05-20T12:00:00+02:00", "om 12:00"),
        ("Europe/Amsterdam", "2025-01-15T12:00:00+01:00", "om 12:00"),
        (
            "CET-1CEST,M3.5.0,M10.5.0/3",
            "2025-05-20T12:00:00+02:00",
            "om 12:00",
        ),
        ("UTC", "2025-05-20T12:00:00+02:00", "om 10:00"),
        ("UTC", "2025-01-15T12:00:00+01:00", "om 11:00"),
    ] {
        let mut p = pty::spawn(
            &["--lang", "nl", "--no-save", "--now", now],
            &[("TZ", tz)],
            80,
            24,
        );
        p.wait_for(&stap(1));
        p.send("6");
        p.wait_for("▶ (•) Nog niet");
        p.send("\x1b[B\r");
        p.wait_for("(•) Ja, verstuurd op");
        let screen = p.screen();
        assert!(screen.contains(want), "TZ={tz} --now {now}: {screen}");
        p.send("qq");
        p.wait_exit();
    }
}

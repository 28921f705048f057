#![allow(dead_code)]
//! The real binary in a pseudo-terminal, read through a terminal emulator (vt100): what a
//! person at the keyboard would see.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Every byte the program wrote.
    pub output: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Reads the program's output until its end of the terminal.
    reader: thread::JoinHandle<()>,
}

/// Starts bezwaar with `args` in a `cols` x `rows` pty. `env` is set on top of a clean
/// environment holding only PATH and HOME (no SSH or desktop variables unless given).
pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
    spawn_program(
        env!("CARGO_BIN_EXE_bezwaar"),
        &in_meta(args),
        env,
        cols,
        rows,
    )
}

/// `args` starting in Meta's walkthrough rather than the chooser, unless they name a script
/// or a walkthrough of their own (or the test says `--walkthrough :choose`, to see it).
pub fn in_meta<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let own = args
        .iter()
        .any(|a| *a == "--script" || *a == "--walkthrough");
    let mut out = if own {
        vec![]
    } else {
        vec!["--walkthrough", "meta-ai"]
    };
    out.extend_from_slice(args);
    out
}

/// Starts `program` with `args` in a pty, as [`spawn`] starts bezwaar: for a shell around it
/// (`sh -c 'stty -g > before; bezwaar …; stty -g > after'`).
pub fn spawn_program(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    cols: u16,
    rows: u16,
) -> Pty {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env_clear();
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.env("HOME", std::env::var("HOME").unwrap_or_default());
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).expect("bezwaar starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let output = Arc::new(Mutex::new(Vec::new()));
    let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
    let (out, par) = (output.clone(), parser.clone());
    let reader = thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.lock().unwrap().extend_from_slice(&buf[..n]);
            par.lock().unwrap().process(&buf[..n]);
        }
    });
    Pty {
        master: pair.master,
        writer,
        child,
        output,
        parser,
        reader,
    }
}

impl Pty {
    /// Types `bytes` as the person would.
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen as text now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, up to 10 seconds; panics with the screen if not.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never showed. The screen:\n{}", self.screen());
    }

    /// Waits for the program to end, up to 10 seconds, and returns its exit code. What it
    /// wrote last is read by then (up to 2 more seconds, for a program that left something
    /// running on its terminal): `written()` and `screen()` after it see everything.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                let end = Instant::now() + Duration::from_secs(2);
                while !self.reader.is_finished() && Instant::now() < end {
                    thread::sleep(Duration::from_millis(2));
                }
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("bezwaar did not end. The screen:\n{}", self.screen());
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
    }

    /// Everything written so far, as bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The pty's terminal device (`/dev/pts/N`), for `stty -F` from outside.
    pub fn tty_name(&self) -> Option<std::path::PathBuf> {
        self.master.tty_name()
    }

    /// What the terminal emulator is left with: (on the alternate screen, cursor hidden,
    /// mouse reporting on).
    pub fn modes(&self) -> (bool, bool, bool) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        (
            screen.alternate_screen(),
            screen.hide_cursor(),
            screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        )
    }

    /// Everything written so far, as text (lossy).
    pub fn written(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// On the send page of the Dutch walk ("Stap 6 van N", focus on its first question's
    /// "Nog niet", as on arrival), says yes, form `n` (counted from 0, in the page's order)
    /// named `name` was sent, the way a person does, and waits until the page says so. The
    /// one place the tests drive that: each form's question has two answers, so ↓ 2n+1
    /// times to its "Ja", and Enter.
    pub fn mark_sent_nl(&mut self, n: usize, name: &str) {
        self.wait_for(&format!("Heb je het {name}-formulier verstuurd?"));
        self.send(&"\x1b[B".repeat(2 * n + 1));
        self.send("\r");
        self.wait_for("(•) Ja, verstuurd op");
    }

    /// Takes the record of form `name` away again, on purpose, with the focus on its "Ja":
    /// ↑ to "Nog niet", Enter asks "are you sure?", and ↓ Enter says yes. Waits until the
    /// question is gone.
    pub fn unmark_sent_nl(&mut self, name: &str) {
        self.wait_for(&format!("Heb je het {name}-formulier verstuurd?"));
        self.send("\x1b[A\r");
        self.wait_for("Weet je het zeker?");
        self.send("\x1b[B\r");
        self.wait_until_gone("Weet je het zeker?");
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_until_gone(&self, text: &str) {
        let start = std::time::Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "{text:?} never went. The screen:\n{}",
                self.screen()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Waits until `text` is on the screen `n` times.
    pub fn wait_for_times(&self, text: &str, n: usize) {
        let start = std::time::Instant::now();
        while self.screen().matches(text).count() != n {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "{text:?} never showed {n} times. The screen:\n{}",
                self.screen()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Writes an executable shell script.
pub fn script(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).unwrap()
}

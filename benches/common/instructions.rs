//! Instructions a program runs from exec to its end, counted by valgrind's cachegrind: a
//! figure that does not move with the machine's load, unlike wall time. The program runs in a
//! pseudo-terminal; once `ready` is on its screen, `end` is typed to close it at once.

use std::time::{Duration, Instant};

use super::pty;

/// `None` when valgrind is not installed.
pub fn instructions(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    (cols, rows): (u16, u16),
    (ready, end): (&str, &str),
) -> Option<u64> {
    let found = std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        return None;
    }
    let log = tempfile::NamedTempFile::new().expect("a temporary file");
    let log_arg = format!("--log-file={}", log.path().display());
    let mut full = vec![
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        log_arg.as_str(),
        program,
    ];
    full.extend_from_slice(args);
    let mut p = pty::spawn_program("valgrind", &full, env, cols, rows);
    // Under valgrind a start takes a second or two.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !p.screen().contains(ready) {
        assert!(
            Instant::now() < deadline,
            "{program}: {ready:?} never showed under valgrind"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    p.send(end);
    p.wait_exit();
    let text = std::fs::read_to_string(log.path()).expect("valgrind's log");
    // "==123== I   refs:      4,911,274"
    let line = text.lines().find(|l| l.contains("I   refs:"))?;
    let digits: String = line
        .rsplit(':')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

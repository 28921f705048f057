//! When plain mode is chosen (pipes, TERM=dumb, --plain), the width it wraps to, and plain
//! mode in a real pseudo-terminal.

use super::*;

#[test]
fn plain_mode_wraps_to_columns() {
    let r = run_with(
        &["--plain", "--lang", "en", "--now", BEFORE],
        "n\nn\nn\nq\n",
        &[("COLUMNS", "40")],
    );
    assert_fits(&r.out, 40);
    assert!(r.out.contains(&format!("\n    {FACEBOOK}\n")));
}

#[test]
fn plain_mode_is_chosen_when_stdout_or_stdin_is_not_a_terminal() {
    // No --plain: the pipes alone choose it.
    let r = run(&["--lang", "nl", "--now", BEFORE], "n\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(
        page_titles(&r.out),
        [nl_title(1, "Waarom"), nl_title(2, "Welke gegevens")]
    );
    let r = run_with(
        &["--lang", "en", "--now", BEFORE],
        "q\n",
        &[("TERM", "dumb")],
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(page_titles(&r.out), [en_title(1, "Why")]);
}

#[test]
fn the_choice_of_plain_mode() {
    use bezwaar::plain::wanted;
    // A full terminal: the full-screen walkthrough.
    assert!(!wanted(false, true, true, Some("xterm-256color")));
    assert!(!wanted(false, true, true, None));
    // Asked for, or no full terminal.
    assert!(wanted(true, true, true, Some("xterm-256color")));
    assert!(wanted(false, true, false, Some("xterm")));
    assert!(wanted(false, false, true, Some("xterm")));
    assert!(wanted(false, true, true, Some("dumb")));
}

/// Runs `shell_command` with a pseudo-terminal as its stdin and stdout, via util-linux
/// `script` (Debian's bsdutils; `.ci/run` installs it when missing). Fails when it is not
/// there: a check that cannot run is not a pass.
fn in_pty(shell_command: &str, term: &str, input: &str) -> Run {
    let ok = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "util-linux `script` is needed for this test: apt-get install bsdutils"
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", shell_command, "/dev/null"])
        .env("TERM", term)
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script starts");
    let mut stdin = child.stdin.take().unwrap();
    // Give the program a moment to start reading, as a person would.
    thread::sleep(Duration::from_millis(300));
    let _ = stdin.write_all(input.as_bytes());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{shell_command} did not end within 20 s in a pseudo-terminal");
        }
        thread::sleep(Duration::from_millis(10));
    };
    drop(stdin);
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    // A pseudo-terminal turns "\n" into "\r\n"; that is the terminal, not the program.
    let out: Vec<u8> = String::from_utf8_lossy(&out).replace('\r', "").into_bytes();
    assert_clean(&out);
    Run {
        code: status.code(),
        out: String::from_utf8(out).unwrap(),
        err: String::new(),
    }
}

#[test]
fn in_a_real_terminal_term_dumb_and_a_piped_stdout_choose_plain_mode() {
    let cmd = format!("{BIN} --walkthrough meta-ai --lang nl --no-save --now {BEFORE}");
    let r = in_pty(&cmd, "dumb", "q\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(page_titles(&r.out), [nl_title(1, "Waarom")]);
    // stdin a terminal, stdout a pipe.
    let r = in_pty(&format!("{cmd} | cat"), "xterm-256color", "n\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [nl_title(1, "Waarom"), nl_title(2, "Welke gegevens")]
    );
}

#[test]
fn in_a_real_terminal_enter_and_the_arrows_work_at_the_prompt() {
    // The terminal passes the arrows' bytes on in the line (and echoes them as ^[[B).
    let cmd = format!("{BIN} --walkthrough meta-ai --plain --lang nl --no-save --now {BEFORE}");
    let r = in_pty(
        &cmd,
        "xterm-256color",
        "\n\u{1b}[B\n\u{1b}[C\n\u{1b}[D\nq\n",
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(3, "Deadline"),
        ]
    );
    assert!(!r.out.contains("Dat begrijp ik niet"), "{}", r.out);
}

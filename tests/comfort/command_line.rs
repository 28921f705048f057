//! The command line: completions for every shell, the man page, the version, and mistakes
//! explained with exit code 2.

use std::process::Command as Process;

fn bezwaar(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("bezwaar runs")
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = bezwaar(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.len() > 500, "{shell}: {text}");
        assert!(text.contains("bezwaar"), "{shell}");
        assert!(
            text.contains("high-contrast"),
            "{shell}: the same options as --help"
        );
    }
    let out = bezwaar(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    for part in [
        ".TH bezwaar 1",
        "\\-\\-theme",
        "NO_COLOR",
        "EXIT STATUS",
        "completions",
    ] {
        assert!(page.contains(part), "{part:?} in the man page");
    }
    let out = bezwaar(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("bezwaar {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn command_line_mistakes_are_explained_with_exit_code_2() {
    for (args, words) in [
        (
            &["--now", "gisteren"][..],
            "write it like 2025-05-20T12:00:00+02:00",
        ),
        (
            &["--now", "2025-05-20"][..],
            "write it like 2025-05-20T12:00:00+02:00",
        ),
        (
            &["--lang", "fr"][..],
            "--lang fr: this walkthrough is written in nl, en",
        ),
        (
            &["--lang", "123"][..],
            "not a language tag; write it like nl, en or de",
        ),
        (
            &["--theme", "pink"][..],
            "[possible values: default, high-contrast]",
        ),
        (&["--frobnicate"][..], "unexpected argument '--frobnicate'"),
        (&["completions", "tcsh"][..], "possible values: bash"),
    ] {
        let out = bezwaar(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

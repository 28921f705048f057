//! The unit tests of the desktop opener: its parsers and choices as tables, the console's
//! owner, the failures' words, macOS's opener against a stub.

use super::env::{dbus_address, wayland_number};
use super::session::Session;
use super::*;

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn os_env(v: &[(&str, &str)]) -> Env {
    v.iter().map(|(k, v)| (k.into(), v.into())).collect()
}

#[test]
fn show_environment_is_parsed_with_its_quoting() {
    let table: &[(&str, &[(&str, &str)])] = &[
        ("DISPLAY=:0\n", &[("DISPLAY", ":0")]),
        (
            "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus\nXAUTHORITY=/run/user/1000/.mutter-Xwaylandauth.7DWMB3",
            &[
                ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
                ("XAUTHORITY", "/run/user/1000/.mutter-Xwaylandauth.7DWMB3"),
            ],
        ),
        // systemd 247 and later quote values with spaces and shell characters.
        (
            "GDM_LANG=$'nl_NL.UTF-8'\nX=$'a b\\'c'\nY=$'tab\\there'",
            &[
                ("GDM_LANG", "nl_NL.UTF-8"),
                ("X", "a b'c"),
                ("Y", "tab\there"),
            ],
        ),
        ("H=$'\\x41\\102\\\\'", &[("H", "AB\\")]),
        // UTF-8 written as bytes.
        ("N=$'caf\\303\\251'", &[("N", "café")]),
        // Empty values are values; a plain value keeps its '=' signs.
        ("E=\nF=a=b", &[("E", ""), ("F", "a=b")]),
        // Not well formed: left out, the rest kept.
        (
            "no equals sign\n1BAD=x\n=x\nQ=$'open\nR=$'x'y'\nS=$'\\q'\nOK=1",
            &[("OK", "1")],
        ),
        ("", &[]),
    ];
    for (text, want) in table {
        assert_eq!(parse_environment(text), pairs(want), "{text:?}");
    }
}

#[test]
fn list_sessions_is_parsed_in_old_and_new_column_layouts() {
    // systemd 249: SESSION UID USER SEAT TTY; 256: ... LEADER CLASS TTY IDLE SINCE.
    let old = "     2 1000 oma   seat0 tty2\n    c1  120 gdm   seat0 tty1\n";
    let new = "2 1000 oma seat0 1234 user tty2 no -\n5 1000 oma - 999 user pts/0 no -\n";
    assert_eq!(
        parse_sessions(old),
        vec![("2".into(), 1000), ("c1".into(), 120)]
    );
    assert_eq!(
        parse_sessions(new),
        vec![("2".into(), 1000), ("5".into(), 1000)]
    );
    // A legend, a count, garbage, an id that could pass for an option: left out.
    let odd = "SESSION UID USER\n2 sessions listed.\n-p 1000 x\n\n7\n8 x\n9 4294967296\n";
    assert_eq!(parse_sessions(odd), vec![]);
}

#[test]
fn show_session_is_parsed_per_block() {
    let text = "Id=2\nUser=1000\nType=wayland\nClass=user\nState=active\nActive=yes\nRemote=no\nSeat=seat0\nDesktop=gnome\n\nId=5\nUser=1000\nType=tty\nRemote=yes\nActive=no\n";
    let s = parse_show(text);
    assert_eq!(s.len(), 2);
    assert_eq!(
        s[0],
        Session {
            id: "2".into(),
            uid: Some(1000),
            kind: "wayland".into(),
            class: "user".into(),
            state: "active".into(),
            active: Some(true),
            remote: Some(false),
            display: String::new(),
            seat: "seat0".into(),
            desktop: "gnome".into(),
        }
    );
    assert_eq!(
        (s[1].id.as_str(), s[1].kind.as_str(), s[1].remote),
        ("5", "tty", Some(true))
    );
    assert_eq!(parse_show(""), vec![]);
    assert_eq!(parse_show("\n\n"), vec![]);
}

fn session(f: impl FnOnce(&mut Session)) -> Session {
    let mut s = Session {
        id: "2".into(),
        uid: Some(1000),
        kind: "x11".into(),
        class: "user".into(),
        state: "active".into(),
        active: Some(true),
        remote: Some(false),
        display: ":0".into(),
        seat: "seat0".into(),
        desktop: "xfce".into(),
    };
    f(&mut s);
    s
}

#[test]
fn only_this_users_active_local_graphical_session_is_picked() {
    let table: &[(Session, bool)] = &[
        (session(|_| {}), true),
        (session(|s| s.kind = "wayland".into()), true),
        (session(|s| s.uid = Some(1001)), false),
        (session(|s| s.uid = None), false),
        (session(|s| s.kind = "tty".into()), false),
        (session(|s| s.kind = "unspecified".into()), false),
        (session(|s| s.class = "greeter".into()), false),
        (session(|s| s.class = "lock-screen".into()), false),
        (session(|s| s.class = String::new()), true),
        (session(|s| s.remote = Some(true)), false),
        (session(|s| s.remote = None), true),
        // Switched away from (another user in front), or logged out and closing.
        (session(|s| s.active = Some(false)), false),
        (session(|s| s.state = "closing".into()), false),
        (session(|s| s.active = None), true),
        (
            session(|s| {
                s.active = None;
                s.state = "online".into()
            }),
            false,
        ),
        (session(|s| s.id = "-p".into()), false),
    ];
    for (s, want) in table {
        let all = [s.clone()];
        assert_eq!(pick_session(&all, 1000).is_some(), *want, "{s:?}");
    }
    // seat0 before another seat; otherwise the first listed.
    let two = [
        session(|s| s.seat = "seat1".into()),
        session(|s| s.id = "3".into()),
    ];
    assert_eq!(pick_session(&two, 1000).unwrap().id, "3");
    let two = [session(|_| {}), session(|s| s.id = "3".into())];
    assert_eq!(pick_session(&two, 1000).unwrap().id, "2");
}

fn probe(wayland: &[&str], bus: bool) -> Probe {
    Probe {
        runtime: Some("/run/user/1000".into()),
        wayland: wayland.iter().map(|s| s.to_string()).collect(),
        bus,
    }
}

#[test]
fn the_user_managers_environment_is_used_when_it_agrees_with_the_session() {
    let manager = pairs(&[
        ("PATH", "/manager/bin"),
        ("HOME", "/home/oma"),
        ("DISPLAY", ":0"),
        ("XAUTHORITY", "/run/user/1000/gdm/Xauthority"),
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
        ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME"),
        ("XDG_DATA_DIRS", "/usr/share:/var/lib/flatpak/exports/share"),
        ("DESKTOP_SESSION", "bad\u{1b}value"),
    ]);
    let (vars, from) = choose_env(&session(|_| {}), &manager, &probe(&[], true)).unwrap();
    assert_eq!(from, "the systemd user manager");
    // Only the session's variables: not PATH or HOME; a value with ESC is left out;
    // the runtime directory is added.
    assert_eq!(
        vars,
        pairs(&[
            ("DISPLAY", ":0"),
            ("XAUTHORITY", "/run/user/1000/gdm/Xauthority"),
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
            ("XDG_CURRENT_DESKTOP", "ubuntu:GNOME"),
            ("XDG_DATA_DIRS", "/usr/share:/var/lib/flatpak/exports/share"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ])
    );
}

#[test]
fn otherwise_the_session_itself_names_the_display() {
    type Case = (
        Session,
        &'static [(&'static str, &'static str)],
        Probe,
        Option<&'static [(&'static str, &'static str)]>,
    );
    let x11_from_session: &[(&str, &str)] = &[
        ("DISPLAY", ":1"),
        ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
        ("XDG_SESSION_TYPE", "x11"),
        ("XDG_SESSION_DESKTOP", "xfce"),
    ];
    let table: Vec<Case> = vec![
        // No user manager.
        (
            session(|s| s.display = ":1".into()),
            &[],
            probe(&[], true),
            Some(x11_from_session),
        ),
        // The manager remembers another display (a session that ended): not used.
        (
            session(|s| s.display = ":1".into()),
            &[("DISPLAY", ":0"), ("XAUTHORITY", "/old")],
            probe(&[], true),
            Some(x11_from_session),
        ),
        // X11 without a display anywhere: nothing to open on.
        (
            session(|s| s.display = String::new()),
            &[],
            probe(&[], true),
            None,
        ),
        // An X11 session that names no display, and a manager that does.
        (
            session(|s| s.display = String::new()),
            &[("DISPLAY", ":0")],
            probe(&[], false),
            Some(&[("DISPLAY", ":0"), ("XDG_RUNTIME_DIR", "/run/user/1000")]),
        ),
        // Wayland: the lowest socket, no bus socket.
        (
            session(|s| {
                s.kind = "wayland".into();
                s.display = String::new();
                s.desktop = "gnome".into()
            }),
            &[],
            probe(&["wayland-0", "wayland-1"], false),
            Some(&[
                ("WAYLAND_DISPLAY", "wayland-0"),
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
                ("XDG_SESSION_TYPE", "wayland"),
                ("XDG_SESSION_DESKTOP", "gnome"),
            ]),
        ),
        // The manager's Wayland socket is gone: the session's own is used.
        (
            session(|s| {
                s.kind = "wayland".into();
                s.display = String::new();
                s.desktop = String::new()
            }),
            &[("WAYLAND_DISPLAY", "wayland-9")],
            probe(&["wayland-1"], false),
            Some(&[
                ("WAYLAND_DISPLAY", "wayland-1"),
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
                ("XDG_SESSION_TYPE", "wayland"),
            ]),
        ),
        // Wayland with no socket and no display: nothing.
        (
            session(|s| {
                s.kind = "wayland".into();
                s.display = String::new()
            }),
            &[],
            probe(&[], true),
            None,
        ),
    ];
    for (s, manager, probe, want) in table {
        let got = choose_env(&s, &pairs(manager), &probe);
        assert_eq!(
            got.as_ref().map(|(v, _)| v.clone()),
            want.map(pairs),
            "{s:?} {manager:?}"
        );
    }
}

#[test]
fn wayland_sockets_are_named_wayland_and_a_number() {
    assert_eq!(wayland_number("wayland-0"), Some(0));
    assert_eq!(wayland_number("wayland-12"), Some(12));
    for no in [
        "wayland-0.lock",
        "wayland-",
        "wayland",
        "wayland-x",
        "bus",
        "wayland--1",
    ] {
        assert_eq!(wayland_number(no), None, "{no}");
    }
}

#[test]
fn dbus_addresses_are_escaped() {
    assert_eq!(
        dbus_address("/run/user/1000/bus"),
        "unix:path=/run/user/1000/bus"
    );
    assert_eq!(dbus_address("/tmp/a b,c=d"), "unix:path=/tmp/a%20b%2cc%3dd");
}

#[test]
fn the_child_gets_no_ssh_variables_no_terminal_browser_and_none_of_the_logins_session_variables() {
    let base = os_env(&[
        ("PATH", "/usr/bin"),
        ("HOME", "/home/oma"),
        ("SSH_CONNECTION", "10.0.0.2 5 10.0.0.1 22"),
        ("SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1"),
        ("SSH_TTY", "/dev/pts/1"),
        ("BROWSER", "lynx"),
        ("DISPLAY", "localhost:10.0"),
        ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ("XDG_DATA_DIRS", "/usr/share"),
    ]);
    let found = pairs(&[
        ("WAYLAND_DISPLAY", "wayland-0"),
        ("XDG_RUNTIME_DIR", "/run/user/1000"),
    ]);
    assert_eq!(
        child_env(&base, &found),
        os_env(&[
            ("PATH", "/usr/bin"),
            ("HOME", "/home/oma"),
            ("XDG_DATA_DIRS", "/usr/share"),
            ("WAYLAND_DISPLAY", "wayland-0"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ])
    );
    // A graphical BROWSER stays; a found XDG_DATA_DIRS replaces the login's.
    let base = os_env(&[("BROWSER", "firefox"), ("XDG_DATA_DIRS", "/usr/share")]);
    let found = pairs(&[("XDG_DATA_DIRS", "/flatpak")]);
    assert_eq!(
        child_env(&base, &found),
        os_env(&[("BROWSER", "firefox"), ("XDG_DATA_DIRS", "/flatpak")])
    );
}

#[test]
fn the_console_is_ours_only_when_we_own_it_and_are_not_root() {
    let table = [
        (Some(501), 501, true),
        (Some(502), 501, false),
        (Some(0), 501, false),
        // Root owns the console at the login window: nobody's desktop.
        (Some(0), 0, false),
        (None, 501, false),
    ];
    for (owner, uid, want) in table {
        assert_eq!(console_is_ours(owner, uid), want, "{owner:?} {uid}");
    }
}

#[test]
fn only_web_addresses_go_to_the_opener() {
    for ok in [
        "https://www.facebook.com/help/contact/712876720715583",
        "http://x.nl",
        "HTTPS://X.NL/a b",
    ] {
        assert!(is_web_address(ok), "{ok}");
    }
    for no in [
        "-h",
        "--help",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://x\n-h",
        "https://x\u{1b}]",
        "",
        "https:",
    ] {
        assert!(!is_web_address(no), "{no:?}");
    }
}

#[test]
fn every_failure_has_plain_words_in_both_languages_and_a_safe_detail() {
    let all = [
        Failure::NoDesktop { detail: "a".into() },
        Failure::NoOpener { detail: "b".into() },
        Failure::NotOpened {
            detail: "exit status: 1\u{1b}[2J".into(),
        },
        Failure::NoAnswer { detail: "d".into() },
    ];
    let mut seen = std::collections::HashSet::new();
    for f in &all {
        for lang in [Lang::Nl, Lang::En, Lang::De] {
            let w = f.words(lang);
            assert!(
                w.ends_with('.') && !w.chars().any(text::forbidden_char),
                "{w}"
            );
            assert!(seen.insert(w), "{w} said twice");
        }
        assert!(!f.detail().chars().any(text::forbidden_char));
    }
    assert_eq!(all[2].detail(), "exit status: 1\u{FFFD}[2J");
}

#[test]
fn no_desktop_is_looked_for_on_windows_or_other_systems() {
    for os in [Os::Windows, Os::Other] {
        let got = Host::this().find(Vec::new(), os);
        assert!(matches!(got, Err(Failure::NoDesktop { .. })), "{os:?}");
    }
}

#[cfg(unix)]
#[test]
fn the_console_owner_is_read_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let console = dir.path().join("console");
    std::fs::write(&console, "").unwrap();
    let me = owner(&console).unwrap();
    assert_eq!(me, uid(), "a file this process made is its own");
    let host = Host {
        uid: me,
        console: console.clone(),
        run_user: dir.path().into(),
    };
    let got = host.find(Vec::new(), Os::MacOs);
    if me == 0 {
        // Root: the console of the login window.
        assert!(matches!(got, Err(Failure::NoDesktop { .. })));
    } else {
        let d = got.unwrap();
        assert_eq!((d.opener, d.env()), ("open", &[][..]));
    }
    // Someone else's console, or none.
    let host = Host {
        uid: me.wrapping_add(1),
        ..host
    };
    assert!(host.find(Vec::new(), Os::MacOs).is_err());
    let host = Host {
        console: dir.path().join("missing"),
        ..host
    };
    assert!(host.find(Vec::new(), Os::MacOs).is_err());
}

/// macOS's `open` gets the URL and the environment just like xdg-open (a stub here).
#[cfg(unix)]
#[test]
fn the_macos_opener_is_open_with_the_url() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("args");
    let stub = dir.path().join("open");
    std::fs::write(
        &stub,
        format!(
            "#!/bin/sh\nprintf '%s|' \"$#\" \"$@\" > '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    let base = os_env(&[
        ("PATH", dir.path().to_str().unwrap()),
        ("SSH_TTY", "/dev/ttys001"),
    ]);
    let d = Desktop::new("test".into(), "open", Vec::new(), &base);
    d.open("https://x.nl/a b").unwrap();
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "1|https://x.nl/a b|"
    );
}

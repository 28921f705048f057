//! Which desktop session is found (this user's, local, active, graphical; X11 or Wayland),
//! what environment the opener gets from it, and when there is none.

use super::*;

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

//! Programs that hang or flood (the opener, the user manager, loginctl) are cut off in bounded
//! time, and the caller goes on.

use super::*;

#[test]
fn an_opener_that_hangs_is_left_running_in_its_own_session_and_the_caller_goes_on() {
    let m = Machine::new();
    m.x11_desktop();
    m.systemctl("", 1);
    let pid_file = m.out("pid");
    m.opener(&format!(
        "echo $$ > '{}'\nexec {} 30",
        pid_file.display(),
        tool("sleep")
    ));
    let desktop = m.find(SSH).unwrap();
    let start = Instant::now();
    let f = desktop.open(FACEBOOK).unwrap_err();
    let waited = start.elapsed();
    assert!(matches!(f, Failure::NoAnswer { .. }), "{f:?}");
    assert!(waited >= TIMEOUT && waited < BOUND, "waited {waited:?}");
    assert_eq!(
        f.words(Lang::En),
        "Opening has started, but there is no answer yet. Check whether the page is on this computer’s screen."
    );
    assert_eq!(m.opened().unwrap().0, [FACEBOOK]);

    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let pid = nix::unistd::Pid::from_raw(pid);
    // Still running (it may be the browser it started), and the leader of a session of its
    // own: no terminal, out of reach of a dropped SSH connection's SIGHUP.
    assert!(nix::sys::signal::kill(pid, None).is_ok(), "left running");
    assert_eq!(nix::unistd::getsid(Some(pid)).unwrap(), pid);
    assert_ne!(
        nix::unistd::getsid(None).unwrap(),
        pid,
        "not this process's session"
    );
    // This test started it, so it ends it.
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).unwrap();
}

#[test]
fn a_user_manager_that_hangs_or_floods_is_cut_off() {
    // Hangs: the session's own environment is used instead, in bounded time.
    let m = Machine::new();
    m.x11_desktop();
    m.stub("systemctl", &format!("exec {} 30", tool("sleep")));
    let start = Instant::now();
    let desktop = m.find(SSH).expect("the session's own display");
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert_eq!(desktop.env()[0], ("DISPLAY".to_owned(), ":0".to_owned()));
    assert!(
        desktop.how().contains("logind session"),
        "{}",
        desktop.how()
    );

    // Floods: its output is read up to a limit, then the pipe closes and it ends on EPIPE
    // (SIGPIPE): not a clean answer, so again the session's own environment.
    let m = Machine::new();
    m.x11_desktop();
    m.stub("systemctl", &format!("exec {} DISPLAY=:9", tool("yes")));
    let start = Instant::now();
    let desktop = m.find(SSH).expect("a desktop");
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert_eq!(desktop.env()[0], ("DISPLAY".to_owned(), ":0".to_owned()));
    assert!(
        desktop.how().contains("logind session"),
        "{}",
        desktop.how()
    );
}

#[test]
fn a_loginctl_that_hangs_is_cut_off() {
    let m = Machine::new();
    m.stub("loginctl", &format!("exec {} 30", tool("sleep")));
    m.systemctl("DISPLAY=:0\n", 0);
    let start = Instant::now();
    let f = m.find(SSH).unwrap_err();
    assert!(start.elapsed() < BOUND, "{:?}", start.elapsed());
    assert!(matches!(f, Failure::NoDesktop { .. }), "{f:?}");
    assert!(f.detail().contains("no answer"), "{}", f.detail());
}

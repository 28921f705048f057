//! The real binary logged in over SSH: the link panel offers this computer's screen, `--links
//! desktop` opens there at once, and what is said when there is no desktop or opening fails.

use super::*;

/// The real binary, logged in over SSH on this "machine": its stubs are the whole PATH.
fn bezwaar_over_ssh(m: &Machine, args: &[&str]) -> pty::Pty {
    let home = m.dir.path().to_str().unwrap().to_owned();
    let path = m.bin().to_str().unwrap().to_owned();
    let run = m.run();
    let mut all = vec!["--lang", "nl", "--no-save"];
    all.extend_from_slice(args);
    let env = [
        ("PATH", path.as_str()),
        ("HOME", home.as_str()),
        ("XDG_RUNTIME_DIR", run.as_str()),
        ("SSH_CONNECTION", "127.0.0.1 40000 127.0.0.1 22"),
        ("SSH_TTY", "/dev/pts/3"),
    ];
    let mut p = pty::spawn(&all, &env, 80, 24);
    p.wait_for(&stap(1));
    // Log in: Facebook, then Enter on its form.
    p.send("4");
    p.wait_for("▶ ( ) Facebook");
    p.send("\r");
    p.wait_for("▶ Open het Facebook-formulier");
    p.send("\r");
    p
}

/// A desktop like the usual one, with its user manager's environment.
fn desktop_machine(opener: &str) -> Machine {
    let m = Machine::new();
    m.x11_desktop();
    let run = m.run();
    m.systemctl(
        &format!(
            "DISPLAY=:0\nDBUS_SESSION_BUS_ADDRESS=unix:path={run}/bus\nXDG_SESSION_TYPE=x11\n"
        ),
        0,
    );
    m.opener(opener);
    m
}

#[test]
fn over_ssh_the_panel_offers_this_computers_screen_and_enter_opens_the_form_there() {
    let m = desktop_machine("exit 0");
    let mut p = bezwaar_over_ssh(&m, &[]);
    // The panel as ever (QR code, copy), with one more way first: this screen.
    p.wait_for("Druk op Enter: dan gaat de pagina");
    p.wait_for("Scan de QR-code");
    // The footer may come in a later piece of the same frame: wait for it too.
    p.wait_for("Enter op dit scherm openen");
    assert!(m.opened().is_none(), "nothing is started by itself");
    p.send("\r");
    p.wait_for("De pagina staat nu open op het scherm van deze computer.");
    let (argv, env) = m.opened().expect("the opener ran");
    assert_eq!(argv, [FACEBOOK]);
    assert_eq!(env.get("DISPLAY").map(String::as_str), Some(":0"));
    assert!(
        !env.keys().any(|k| k.starts_with("SSH_")),
        "nothing of the SSH login: {env:?}"
    );
    // The panel closed and focus had moved on: the next Enter goes forward.
    assert!(
        p.screen().contains("▶ Verder naar stap 5"),
        "{}",
        p.screen()
    );
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn with_links_desktop_enter_on_the_form_opens_it_there_at_once() {
    let m = desktop_machine("exit 0");
    let mut p = bezwaar_over_ssh(&m, &["--links", "desktop"]);
    p.wait_for("De pagina staat nu open op het scherm van deze computer.");
    assert!(!p.screen().contains("Scan de QR-code"), "no panel needed");
    let (argv, _) = m.opened().expect("the opener ran");
    assert_eq!(argv, [FACEBOOK]);
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn without_a_desktop_nothing_more_is_offered_and_links_desktop_says_why() {
    // Only the SSH login itself: no graphical session of this user.
    let m = Machine::new();
    let uid = m.uid;
    m.loginctl(
        &format!("     5 {uid} oma -     pts/0\n"),
        &[(
            "5",
            &format!(
                "Id=5\nUser={uid}\nType=tty\nClass=user\nState=active\nActive=yes\nRemote=yes\n"
            ),
        )],
    );
    m.systemctl("", 1);
    m.opener("exit 0");
    let mut p = bezwaar_over_ssh(&m, &[]);
    p.wait_for("Scan de QR-code");
    let screen = p.screen();
    assert!(!screen.contains("op dit scherm"), "{screen}");
    // Enter closes the panel, as Esc does.
    p.send("\r");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);

    let mut p = bezwaar_over_ssh(&m, &["--links", "desktop"]);
    p.wait_for("Op deze computer is geen scherm");
    p.wait_for("Scan de QR-code");
    p.send("\x1b");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
    assert!(m.opened().is_none(), "nothing was started");
}

#[test]
fn an_opener_that_fails_is_told_in_plain_words() {
    let m = desktop_machine("exit 4");
    let mut p = bezwaar_over_ssh(&m, &[]);
    p.wait_for("Druk op Enter: dan gaat de pagina");
    p.send("\r");
    p.wait_for("Het openen lukte niet op het");
    p.wait_for("of kopieer de link.");
    assert!(!p.screen().contains("exit"), "{}", p.screen());
    p.send("\x1b");
    p.wait_for("▶ Verder naar stap 5");
    p.send("qq");
    assert_eq!(p.wait_exit(), 0);
}

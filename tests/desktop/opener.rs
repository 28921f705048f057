//! Opening a link on the desktop: only a web address reaches the opener, and an opener that
//! fails gives its reason in plain words.

use super::*;

#[test]
fn an_opener_that_fails_gives_the_reason_in_plain_words() {
    type Case = (
        Option<&'static str>,
        fn(&Failure) -> bool,
        &'static str,
        &'static str,
    );
    let cases: [Case; 3] = [
        (
            Some("exit 1"),
            |f| matches!(f, Failure::NotOpened { .. }),
            "Het openen lukte niet op het scherm van deze computer.",
            "exit status: 1",
        ),
        // xdg-open: "a required tool could not be found".
        (
            Some("exit 3"),
            |f| matches!(f, Failure::NoOpener { .. }),
            "Op deze computer is geen programma gevonden dat links opent.",
            "exit status: 3",
        ),
        (
            None,
            |f| matches!(f, Failure::NoOpener { .. }),
            "Op deze computer is geen programma gevonden dat links opent.",
            "xdg-open",
        ),
    ];
    for (opener, kind, words, detail) in cases {
        let m = Machine::new();
        m.x11_desktop();
        m.systemctl("", 1);
        if let Some(then) = opener {
            m.opener(then);
        }
        let desktop = m.find(SSH).expect("a desktop");
        let f = desktop.open(FACEBOOK).unwrap_err();
        assert!(kind(&f), "{opener:?}: {f:?}");
        assert_eq!(f.words(Lang::Nl), words);
        assert!(f.detail().contains(detail), "{}", f.detail());
        if opener.is_some() {
            assert_eq!(m.opened().unwrap().0, [FACEBOOK], "it did run");
        }
    }
}

#[test]
fn only_a_web_address_reaches_the_opener() {
    let m = Machine::new();
    m.x11_desktop();
    m.systemctl("", 1);
    m.opener("exit 0");
    let desktop = m.find(SSH).unwrap();
    for url in [
        "--help",
        "-h",
        "file:///etc/passwd",
        "https://x.nl/\n--help",
    ] {
        let f = desktop.open(url).unwrap_err();
        assert!(matches!(f, Failure::NotOpened { .. }), "{url:?}: {f:?}");
    }
    assert!(m.opened().is_none(), "the opener never ran");
}

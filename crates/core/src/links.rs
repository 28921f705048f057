//! Where a link goes: a browser on this machine, this computer's own screen (over SSH), or
//! the link panel: the URL in full, a QR code for a phone, and a copy to the person's own
//! clipboard. How a link is drawn and copied (OSC 8 and OSC 52 bytes) is the view's
//! (`bezwaar_view::links`, which re-exports all of this).
//!
//! Everything here is a pure function of its inputs, so the choice is tested as a table.

use qrcode::{EcLevel, QrCode};

/// Why a link did not open where it was sent. The person sees plain words for it (in the
/// view); the technical detail goes to stderr only with `--verbose`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFailure {
    /// No program to open links with was found on this computer.
    NoOpener,
    /// `$BROWSER` names a browser that runs in the terminal: it would take over the screen.
    TerminalBrowser,
    /// The opener ran but did not manage it.
    Failed,
    /// No desktop session of this user was found to open it on.
    NoDesktop,
    /// The opener on this computer's screen did not manage it.
    DesktopFailed,
    /// The opener started but had not finished in time: it may well have worked.
    NoAnswer,
}

/// `--links`: how the person wants links opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LinkMode {
    /// A browser when this is a local desktop session, otherwise the link panel.
    #[default]
    Auto,
    /// Always try the browser (the link panel when it fails).
    Browser,
    /// Never start anything: always the link panel.
    Show,
    /// Over SSH: on this computer's own screen, for the person sitting at it (a desktop
    /// session of the same user); the link panel, saying why, when there is none.
    Desktop,
}

/// Where a link goes when the person presses Enter on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Browser,
    Show,
    /// The desktop session of this user on this computer (found over SSH).
    Desktop,
}

/// The kind of system, as far as opening a browser is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    MacOs,
    Windows,
    /// Linux and the BSDs: a browser needs a graphical session (X11 or Wayland).
    Unix,
    Other,
}

impl Os {
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else if cfg!(unix) {
            Os::Unix
        } else {
            Os::Other
        }
    }
}

/// Decides where links go. `env` reads an environment variable.
///
/// `Auto` opens a browser only in a local graphical session: not over SSH (SSH_CONNECTION,
/// SSH_CLIENT or SSH_TTY set), and on Linux/BSD only with DISPLAY or WAYLAND_DISPLAY set.
pub fn decide(mode: LinkMode, os: Os, env: impl Fn(&str) -> Option<String>) -> Target {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    match mode {
        LinkMode::Browser => Target::Browser,
        LinkMode::Show => Target::Show,
        LinkMode::Desktop => Target::Desktop,
        LinkMode::Auto => {
            let ssh = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"]
                .iter()
                .any(|k| set(k));
            let desktop = match os {
                Os::MacOs | Os::Windows => true,
                Os::Unix => set("DISPLAY") || set("WAYLAND_DISPLAY"),
                Os::Other => false,
            };
            if desktop && !ssh {
                Target::Browser
            } else {
                Target::Show
            }
        }
    }
}

/// Browsers that run inside the terminal: starting one would take over the screen the
/// walkthrough is using.
const TERMINAL_BROWSERS: &[&str] = &[
    "lynx",
    "w3m",
    "links",
    "links2",
    "elinks",
    "www-browser",
    "browsh",
    "carbonyl",
];

/// The terminal browser `$BROWSER` names, if it names one (its first entry is the one used).
pub fn terminal_browser(env: impl Fn(&str) -> Option<String>) -> Option<String> {
    let browser = env("BROWSER")?;
    let first = browser.split(':').next()?.trim();
    let program = first.split_whitespace().next()?;
    let name = program.rsplit('/').next()?;
    TERMINAL_BROWSERS.contains(&name).then(|| name.to_owned())
}

/// A QR code as a square of modules, quiet zone included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, quiet zone included.
    pub size: usize,
    /// Modules of quiet zone on each side.
    pub quiet: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// The smallest QR code for `data`, with `quiet` light modules around it (the standard
    /// asks for 4). Error correction level L: a code on a screen is seen clean, and the
    /// smaller code fits an 80x24 window (both form URLs: 29 modules, 37 with the quiet zone).
    /// None when the data does not fit in a QR code.
    pub fn new(data: &str, quiet: usize) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(data, EcLevel::L).ok()?;
        let inner = code.width();
        let size = inner + 2 * quiet;
        let colors = code.to_colors();
        let mut dark = vec![false; size * size];
        for y in 0..inner {
            for x in 0..inner {
                dark[(y + quiet) * size + x + quiet] = colors[y * inner + x] == qrcode::Color::Dark;
            }
        }
        Some(Qr { size, quiet, dark })
    }

    /// The same code with `quiet` light modules around it instead: no encoding again.
    pub fn with_quiet(&self, quiet: usize) -> Qr {
        let inner = self.size - 2 * self.quiet;
        let size = inner + 2 * quiet;
        let mut dark = vec![false; size * size];
        for y in 0..inner {
            for x in 0..inner {
                dark[(y + quiet) * size + x + quiet] = self.dark(x + self.quiet, y + self.quiet);
            }
        }
        Qr { size, quiet, dark }
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code is light.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// Terminal rows it takes drawn with half blocks (two module rows per text row).
    pub fn rows(&self) -> usize {
        self.size.div_ceil(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn another_quiet_zone_is_the_same_code() {
        let url = "https://www.facebook.com/help/contact/712876720715583";
        for (from, to) in [(4, 2), (2, 4), (0, 4), (4, 4)] {
            assert_eq!(
                Qr::new(url, from).unwrap().with_quiet(to),
                Qr::new(url, to).unwrap()
            );
        }
    }

    #[test]
    fn auto_opens_a_browser_only_in_a_local_graphical_session() {
        use LinkMode::Auto;
        type Vars = &'static [(&'static str, &'static str)];
        let table: &[(Os, Vars, Target)] = &[
            (Os::Unix, &[("DISPLAY", ":0")], Target::Browser),
            (
                Os::Unix,
                &[("WAYLAND_DISPLAY", "wayland-0")],
                Target::Browser,
            ),
            (Os::Unix, &[], Target::Show),
            (Os::Unix, &[("DISPLAY", "")], Target::Show),
            (
                Os::Unix,
                &[
                    ("DISPLAY", ":0"),
                    ("SSH_CONNECTION", "10.0.0.2 5 10.0.0.1 22"),
                ],
                Target::Show,
            ),
            (
                Os::Unix,
                &[
                    ("DISPLAY", "localhost:10.0"),
                    ("SSH_CLIENT", "10.0.0.2 5 22"),
                ],
                Target::Show,
            ),
            (
                Os::Unix,
                &[("WAYLAND_DISPLAY", "w"), ("SSH_TTY", "/dev/pts/3")],
                Target::Show,
            ),
            (Os::MacOs, &[], Target::Browser),
            (Os::MacOs, &[("SSH_TTY", "/dev/ttys001")], Target::Show),
            (Os::Windows, &[], Target::Browser),
            (Os::Windows, &[("SSH_CONNECTION", "x")], Target::Show),
            (Os::Other, &[("DISPLAY", ":0")], Target::Show),
        ];
        for (os, vars, want) in table {
            assert_eq!(decide(Auto, *os, env(vars)), *want, "{os:?} {vars:?}");
        }
    }

    #[test]
    fn browser_and_show_are_what_they_say_whatever_the_session() {
        let ssh: &[(&str, &str)] = &[("SSH_TTY", "/dev/pts/1")];
        assert_eq!(
            decide(LinkMode::Browser, Os::Unix, env(ssh)),
            Target::Browser
        );
        assert_eq!(decide(LinkMode::Show, Os::MacOs, env(&[])), Target::Show);
    }

    #[test]
    fn terminal_browsers_are_recognised() {
        let b = |v: &str| terminal_browser(env(&[("BROWSER", v)]));
        assert_eq!(b("lynx"), Some("lynx".into()));
        assert_eq!(b("/usr/bin/w3m %s"), Some("w3m".into()));
        assert_eq!(b("www-browser:firefox"), Some("www-browser".into()));
        assert_eq!(b("firefox:lynx"), None, "the first entry is the one used");
        assert_eq!(b("firefox"), None);
        assert_eq!(terminal_browser(env(&[])), None);
    }

    #[test]
    fn both_form_urls_make_a_qr_code_that_fits_80x24() {
        for url in [
            "https://www.facebook.com/help/contact/712876720715583",
            "https://help.instagram.com/contact/767264225370182",
        ] {
            let qr = Qr::new(url, 4).unwrap();
            assert_eq!((qr.size, qr.rows()), (37, 19), "{url}");
            // The quiet zone is light all round.
            let edge = |i| (0..4).all(|q| !qr.dark(i, q) && !qr.dark(q, i) && !qr.dark(i, 36 - q));
            assert!((0..qr.size).all(edge));
            // A finder pattern's corner sits just inside it.
            assert!(qr.dark(4, 4));
        }
    }
}

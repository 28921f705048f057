use std::collections::HashSet;

use super::*;

/// What a visitor brings, which no line may show: their user name, the codes in it, their
/// address, what they typed.
const USER: &str = "oma-de-vries";
const CODES: [&str; 4] = ["kijk-483920", "483920", "terug-4839-2017", "48392017"];
const CLIENT: &str = "203.0.113.77";
const TYPED: &str = "mijn geheime reden";

fn private() -> Vec<&'static str> {
    let mut all = vec![USER, CLIENT, TYPED];
    all.extend(CODES);
    all
}

/// An error as a visitor could shape it: its message made of what they sent.
fn their_error() -> io::Error {
    io::Error::other(format!(
        "{USER} {} from {CLIENT}:50022 typed {TYPED}",
        CODES[0]
    ))
}

impl Line {
    /// One example of every kind of line, made where it could be of what the visitor brings
    /// (an error with their words in it), and of the server's own configuration otherwise.
    fn every_kind() -> Vec<Line> {
        let path = PathBuf::from("/var/lib/bezwaar/ssh_host_ed25519_key");
        let fingerprint = "SHA256:H3hZ7V3N8iBkHfJtYzYh8a9p0SWvmHqfmKcUq0e4FEo"
            .parse()
            .unwrap();
        vec![
            Line::HostKeyMade { path: path.clone() },
            Line::HostKeyTooOpen { path },
            Line::HostKeyFingerprint { fingerprint },
            Line::RekeysNotCounted,
            Line::FewFiles {
                files: 1024,
                max_connections: 960,
            },
            Line::Listening {
                addr: "0.0.0.0:2222".parse().unwrap(),
                max_sessions: 100,
                idle_timeout: Duration::from_secs(900),
                proxy_protocol: true,
            },
            Line::Stopping {
                signal: "SIGTERM",
                sessions: 3,
            },
            Line::GaveUpWaiting,
            Line::Forgot {
                held: 2,
                bytes: 5000,
            },
            Line::Stopped,
            Line::LeftOut {
                n: 7,
                like: Box::new(Line::WrongCode),
            },
            Line::AcceptFailed {
                error: OsError::from(&their_error()),
            },
            Line::TooManyOpen,
            Line::MadeRoom,
            Line::NoProxyHeader,
            Line::TooManyFromAddress,
            Line::TooManyOpenFromAddress,
            Line::NoTerminalInTime,
            Line::TooManyKeyExchanges,
            Line::TooManyChannels,
            Line::SessionStarted { active: 3 },
            Line::SessionEnded {
                why: Why::VisitorLeft,
                active: 0,
            },
            Line::LookAlongStarted,
            Line::LookAlongEnded,
            Line::SessionsBusy { max_sessions: 100 },
            Line::SessionsTooManyFromAddress,
            Line::WrongCode,
            Line::TooManyWrongCodes,
            Line::InputTooFast,
            Line::InputWaits,
            Line::RefusedShellWithoutTerminal,
            Line::RefusedCommand,
            Line::RefusedSubsystem,
            Line::RefusedX11Forwarding,
            Line::RefusedAgentForwarding,
            Line::RefusedX11Channel,
            Line::RefusedLocalForwarding,
            Line::RefusedForwardedChannel,
            Line::RefusedSocketForwarding,
            Line::RefusedRemoteForwarding,
            Line::RefusedRemoteSocketForwarding,
        ]
    }
}

/// How many kinds of line there are: the arms of [`which`].
const KINDS_OF_LINE: usize = 41;

/// A number for each kind of line. A new kind does not compile until it has one here (and
/// then the count above, and an example in `every_kind`, follow).
fn which(line: &Line) -> usize {
    match line {
        Line::HostKeyMade { .. } => 0,
        Line::HostKeyTooOpen { .. } => 1,
        Line::HostKeyFingerprint { .. } => 2,
        Line::RekeysNotCounted => 3,
        Line::FewFiles { .. } => 4,
        Line::Listening { .. } => 5,
        Line::Stopping { .. } => 6,
        Line::GaveUpWaiting => 7,
        Line::Forgot { .. } => 8,
        Line::Stopped => 9,
        Line::LeftOut { .. } => 10,
        Line::AcceptFailed { .. } => 11,
        Line::TooManyOpen => 12,
        Line::MadeRoom => 13,
        Line::NoProxyHeader => 14,
        Line::TooManyFromAddress => 15,
        Line::TooManyOpenFromAddress => 16,
        Line::NoTerminalInTime => 17,
        Line::TooManyKeyExchanges => 18,
        Line::TooManyChannels => 19,
        Line::SessionStarted { .. } => 20,
        Line::SessionEnded { .. } => 21,
        Line::LookAlongStarted => 22,
        Line::LookAlongEnded => 23,
        Line::SessionsBusy { .. } => 24,
        Line::SessionsTooManyFromAddress => 25,
        Line::WrongCode => 26,
        Line::TooManyWrongCodes => 27,
        Line::InputTooFast => 28,
        Line::InputWaits => 29,
        Line::RefusedShellWithoutTerminal => 30,
        Line::RefusedCommand => 31,
        Line::RefusedSubsystem => 32,
        Line::RefusedX11Forwarding => 33,
        Line::RefusedAgentForwarding => 34,
        Line::RefusedX11Channel => 35,
        Line::RefusedLocalForwarding => 36,
        Line::RefusedForwardedChannel => 37,
        Line::RefusedSocketForwarding => 38,
        Line::RefusedRemoteForwarding => 39,
        Line::RefusedRemoteSocketForwarding => 40,
    }
}

#[test]
fn the_examples_cover_every_kind_of_line() {
    let every = Line::every_kind();
    let mut seen = [false; KINDS_OF_LINE];
    for line in &every {
        seen[which(line)] = true;
    }
    let missing: Vec<usize> = (0..KINDS_OF_LINE).filter(|&i| !seen[i]).collect();
    assert!(missing.is_empty(), "no example of kinds {missing:?}");
    let variants: HashSet<_> = every.iter().map(std::mem::discriminant).collect();
    assert_eq!(variants.len(), KINDS_OF_LINE, "one number per kind");
    assert_eq!(every.len(), KINDS_OF_LINE, "one example per kind");
}

#[test]
fn no_line_shows_what_a_visitor_brings_nor_a_control_character() {
    let reasons = [
        Why::Ended,
        Why::Quit,
        Why::Idle,
        Why::ServerStopping,
        Why::VisitorLeft,
        Why::StoppedReading,
        Why::Left,
    ];
    let mut lines: Vec<Line> = Line::every_kind();
    lines.extend(
        reasons
            .into_iter()
            .map(|why| Line::SessionEnded { why, active: 1 }),
    );
    for line in lines {
        let text = line.to_string();
        assert!(!text.is_empty(), "{line:?}");
        for private in private() {
            assert!(!text.contains(private), "{private:?} in {text:?}");
        }
        assert!(!text.contains(char::is_control), "{text:?}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }
}

#[test]
fn an_error_keeps_only_its_kind_and_number() {
    let theirs = OsError::from(&their_error()).to_string();
    assert_eq!(theirs, "other error");
    // The system's own words for its number, as io::Error says them.
    let emfile = io::Error::from_raw_os_error(24);
    assert_eq!(OsError::from(&emfile).to_string(), emfile.to_string());
}

#[test]
fn a_path_with_control_characters_is_shown_without_them() {
    let line = Line::HostKeyMade {
        path: PathBuf::from("/tmp/key\n\u{1b}[31mred"),
    };
    assert_eq!(line.to_string(), "made a new host key: /tmp/key??[31mred");
}

/// The words the tests (tests/serve*.rs) look for in the log stay as they were.
#[test]
fn the_words_tests_look_for() {
    let said = |line: Line| line.to_string();
    assert_eq!(
        said(Line::SessionStarted { active: 3 }),
        "session started (3 active)"
    );
    assert_eq!(
        said(Line::SessionEnded {
            why: Why::Quit,
            active: 0
        }),
        "session ended: quit (0 active)"
    );
    assert_eq!(
        said(Line::SessionEnded {
            why: Why::StoppedReading,
            active: 1
        }),
        "session ended: stopped reading (1 active)"
    );
    assert_eq!(
        said(Line::SessionsBusy { max_sessions: 1 }),
        "refused a session: busy (1 active)"
    );
    assert_eq!(
        said(Line::Stopping {
            signal: "SIGTERM",
            sessions: 2
        }),
        "SIGTERM: stopping; saying goodbye to 2 session(s)"
    );
    assert_eq!(
        said(Line::Listening {
            addr: "127.0.0.1:2222".parse().unwrap(),
            max_sessions: 100,
            idle_timeout: Duration::from_secs(900),
            proxy_protocol: false,
        }),
        "listening on 127.0.0.1:2222: connect with ssh -p 2222 localhost; at most 100 sessions, idle timeout 900 s"
    );
    assert_eq!(
        said(Line::LeftOut {
            n: 4,
            like: Box::new(Line::TooManyFromAddress)
        }),
        "4 more lines like \"refused a connection: too many from one address\", not logged"
    );
}

/// The one test that writes through the limit (it is the process's own).
#[test]
fn each_kind_has_its_own_limit() {
    let left_out = |variant: Discriminant<Line>| {
        let kinds = KINDS.lock().unwrap();
        kinds
            .iter()
            .find(|k| k.variant == variant)
            .map_or(0, |k| k.left_out)
    };
    let flooded = Line::RefusedRemoteSocketForwarding;
    for _ in 0..BURST as usize + 10 {
        log(flooded.clone());
    }
    assert_eq!(left_out(std::mem::discriminant(&flooded)), 10);
    // Another kind still has its whole budget, and the unlimited ones are never counted.
    let other = Line::RefusedRemoteForwarding;
    log(other.clone());
    assert_eq!(left_out(std::mem::discriminant(&other)), 0);
    log(Line::Stopped);
    assert!(
        !KINDS
            .lock()
            .unwrap()
            .iter()
            .any(|k| k.variant == std::mem::discriminant(&Line::Stopped))
    );
    super::left_out();
    assert_eq!(left_out(std::mem::discriminant(&flooded)), 0);
}

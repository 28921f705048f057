//! The local run loop: set up the terminal, drive the runner [`Core`] (one seat, the
//! person's) with what comes in, draw, carry out its effects the local way (a browser, the
//! desktop's opener, OSC 52 to this terminal, saving to a file), and put the terminal back the
//! way it was on every way out.
//!
//! What comes in ([`Incoming`]) comes from threads into one channel: one reads terminal
//! events, one waits for signals (SIGTERM, SIGHUP, SIGINT), and a link opened in the
//! background says how it went. The first two start once the first frame is out (`Later`).
//! The loop blocks on that channel, with a timeout only while a
//! countdown is on screen: no busy polling. Sync, with threads and std's mpsc: a build
//! without the SSH server has no async runtime at all.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event as TermEvent};
use crossterm::style::{Attribute, SetAttribute};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;

use crate::app::{Effect, Event};
use crate::backend::{self, DisableClicks, EnableClicks, Lean};
use crate::desktop::{self, Desktop};
use crate::links::{self, Hyperlink, OpenFailure};
use crate::progress::Store;
pub use crate::runner::Clock;
use crate::runner::{Core, Opener, Out, PERSON, Saver};

/// Room for a whole frame, so it reaches the terminal in one write (a full 80x24 page with
/// colours is about 2 KiB; the QR panel about 6 KiB).
const FRAME_BUFFER: usize = 16 * 1024;

/// What the loop waits for: a terminal event, a lost terminal, a signal, or how a link went.
enum Incoming {
    Terminal(TermEvent),
    /// The terminal is gone (read failed): treat like a hang-up.
    Lost,
    Signal(i32),
    /// A link did not open: why, in a kind the person is told in words, and the technical
    /// detail for stderr (`--verbose`).
    OpenFailed(OpenFailure, String),
    /// A link is open on this computer's own screen.
    OnDesktop,
}

/// Puts the terminal back: mouse off, main screen, cursor shown, raw mode off. Safe to call
/// more than once and when the terminal is already gone (errors are ignored then: there is
/// nobody left to tell).
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        SetAttribute(Attribute::Reset),
        DisableClicks,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so the message lands on a normal screen.
        restore();
        previous(info);
    }));
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, SIGINT): the number.
    Signal(i32),
    /// The terminal went away.
    Lost,
}

impl Ending {
    /// The exit code a shell expects: 0 for quit, 128 + the signal's number for a signal.
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => 128u8.saturating_add(n as u8),
            Ending::Lost => 129,
        }
    }
}

/// What the local runner can do besides drawing.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Write the technical reason of each link that did not open to stderr, once the
    /// terminal is back (the screen only ever shows plain words).
    pub verbose: bool,
    /// The desktop session of this user on this computer (found over SSH), to open links on.
    pub desktop: Option<Arc<Desktop>>,
}

/// Runs the walkthrough in this terminal until the person quits or the terminal goes away.
pub fn run(
    mut core: Core,
    clock: Clock,
    store: Store,
    reach: Reach,
    opener: &mut Opener,
) -> io::Result<Ending> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    // SIGTERM, SIGHUP and SIGINT are caught from here on; they are read once the first
    // frame is out (see `Later`).
    let signals = {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?
    };
    let mut details = Vec::new();

    terminal::enable_raw_mode()?;
    let setup = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableClicks,
        cursor::Hide
    );
    let result = setup.and_then(|()| {
        // Never dropped: ratatui's Drop shows the cursor again, and on a terminal that is gone
        // (an SSH drop) prints "Failed to show the cursor" to stderr, a panic when stderr is
        // gone too. `restore` shows the cursor on every way out, quietly.
        let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(Lean::new(
            BufWriter::with_capacity(FRAME_BUFFER, io::stdout()),
        ))?);
        let size = terminal.size()?;
        core.input(PERSON, Event::Resize(size.width, size.height));
        let mut saver = Saver::new(store, &mut core);
        let mut l = Loop {
            clock: &clock,
            saver: &mut saver,
            rx: &rx,
            tx: &tx,
            details: &mut details,
            desktop: reach.desktop.clone(),
            opener,
            later: Some(Later { signals }),
        };
        event_loop(&mut terminal, &mut core, &mut l)
    });
    restore();
    if reach.verbose {
        for d in details {
            eprintln!("bezwaar: a link did not open: {d}");
        }
    }
    result
}

/// What the loop works with besides the terminal and the core.
struct Loop<'a> {
    clock: &'a Clock,
    saver: &'a mut Saver,
    rx: &'a Receiver<Incoming>,
    tx: &'a Sender<Incoming>,
    /// The technical reasons of links that did not open, for `--verbose`.
    details: &'a mut Vec<String>,
    desktop: Option<Arc<Desktop>>,
    /// Opens the walkthrough the person goes to next.
    opener: &'a mut Opener,
    /// What starts once the first frame is out.
    later: Option<Later>,
}

fn event_loop(
    terminal: &mut Terminal<Lean<BufWriter<io::Stdout>>>,
    core: &mut Core,
    l: &mut Loop<'_>,
) -> io::Result<Ending> {
    let (clock, rx, tx) = (l.clock, l.rx, l.tx);
    // The hyperlinks on screen: written again only when they change (or after a resize,
    // which redraws everything), so a countdown tick costs no extra bytes.
    let mut shown: Vec<Hyperlink> = Vec::new();
    loop {
        core.tick(clock.now());
        if let Err(e) = backend::draw_seat(terminal, core, PERSON, &mut shown) {
            // A terminal that vanished mid-frame (an SSH drop) ends the walk quietly.
            return if gone(&e) { Ok(Ending::Lost) } else { Err(e) };
        }
        if let Some(later) = l.later.take() {
            later.start(tx);
        }
        // Wait for what comes in next; with a countdown on screen, at most until its words change.
        let first = if let Some(at) = core.next_tick() {
            match rx.recv_timeout(clock.until(at)) {
                Ok(incoming) => incoming,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Lost),
            }
        } else {
            match rx.recv() {
                Ok(incoming) => incoming,
                Err(_) => return Ok(Ending::Lost),
            }
        };
        // Take everything already queued before drawing again: on a slow link a burst of
        // keys becomes one frame.
        let mut ending = None;
        for incoming in std::iter::once(first).chain(rx.try_iter()) {
            let event = match incoming {
                Incoming::Signal(n) => {
                    ending = Some(Ending::Signal(n));
                    break;
                }
                Incoming::Lost => {
                    ending = Some(Ending::Lost);
                    break;
                }
                Incoming::OpenFailed(failure, detail) => {
                    l.details.push(detail);
                    Event::OpenFailed(failure)
                }
                Incoming::OnDesktop => Event::OpenedOnDesktop,
                Incoming::Terminal(term) => match Event::from_terminal(term) {
                    Some(event) => event,
                    None => continue,
                },
            };
            match &event {
                #[cfg(debug_assertions)]
                Event::Key(k) => test_panic(k),
                // A new window: everything, links included, is drawn afresh.
                Event::Resize(..) => shown.clear(),
                _ => {}
            }
            for out in core.input(PERSON, event) {
                let Out::Walk(effect) = out else { continue };
                match effect {
                    Effect::Quit => ending = Some(Ending::Quit),
                    Effect::OpenLink(url) => open_link(url, tx.clone()),
                    Effect::OpenOnDesktop(url) => open_on_desktop(l.desktop.clone(), url, tx),
                    Effect::StartOver => l.saver.start_over(core.walk().now()),
                    Effect::Switch(id) => switch(core, l, &id),
                    Effect::Copy(text) => {
                        // A failed write means the terminal is gone; the next draw finds out.
                        let _ = links::write_copy(terminal.backend_mut(), &text);
                    }
                }
            }
            if ending.is_some() {
                break;
            }
        }
        // Every change is saved before anything else happens, on every way out too.
        l.saver.save(core);
        if let Some(ending) = ending {
            return Ok(ending);
        }
    }
}

/// On to walkthrough `id`: this one's progress saved, that one's picked up.
fn switch(core: &mut Core, l: &mut Loop<'_>, id: &str) {
    l.saver.save(core);
    if let Some(opened) = l.opener.open(id, core.walk()) {
        core.map_walk(|_| opened.walk);
        *l.saver = Saver::new(opened.store, core);
        if let Some(notice) = opened.notice {
            core.act(crate::walk::Action::Notice(notice));
        }
    }
}

/// A crash on demand, for the tests that check a panic puts the terminal back (`tests/robust.rs`):
/// only in debug builds (a release binary has no such key), and only when the environment
/// variable `BEZWAAR_TEST_PANIC_KEY` names the key pressed.
#[cfg(debug_assertions)]
fn test_panic(key: &crossterm::event::KeyEvent) {
    if let crossterm::event::KeyCode::Char(c) = key.code
        && std::env::var("BEZWAAR_TEST_PANIC_KEY").is_ok_and(|k| k.chars().eq([c]))
    {
        panic!("BEZWAAR_TEST_PANIC_KEY: the test key {c:?} was pressed");
    }
}

fn gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::NotConnected | io::ErrorKind::UnexpectedEof
    ) || e.raw_os_error() == Some(5) // EIO: the pty's other end has closed
}

/// Opens a link in the background (the opener may take a moment); a failure comes back to
/// the loop as an [`Incoming`], to show on screen.
///
/// A browser that runs inside the terminal ($BROWSER=lynx and the like) is never started: it
/// would take over the screen. The link panel shows the link instead.
fn open_link(url: String, tx: Sender<Incoming>) {
    if let Some(name) = links::terminal_browser(|k| std::env::var(k).ok()) {
        let detail = format!("BROWSER={name} runs in the terminal; not started");
        let _ = tx.send(Incoming::OpenFailed(OpenFailure::TerminalBrowser, detail));
        return;
    }
    thread::spawn(move || {
        // A launcher that has not failed within a second is taken to have worked (xdg-open
        // may wait for the browser it started); a second, not the crate's 250 ms, so that a
        // busy machine still tells a failure from a start.
        if let Err(e) = open::that_detached_with_timeout(&url, Duration::from_secs(1)) {
            let failure = match e.kind() {
                io::ErrorKind::NotFound => OpenFailure::NoOpener,
                _ => OpenFailure::Failed,
            };
            let _ = tx.send(Incoming::OpenFailed(failure, e.to_string()));
        }
    });
}

/// Opens a link on this computer's own screen, from a thread (the opener may take a
/// moment); how it went comes back to the loop as an [`Incoming`].
fn open_on_desktop(desktop: Option<Arc<Desktop>>, url: String, tx: &Sender<Incoming>) {
    let Some(desktop) = desktop else {
        let detail = "no desktop session of this user was found".to_owned();
        let _ = tx.send(Incoming::OpenFailed(OpenFailure::NoDesktop, detail));
        return;
    };
    let tx = tx.clone();
    thread::spawn(move || {
        let incoming = match desktop.open(&url) {
            Ok(()) => Incoming::OnDesktop,
            Err(f) => {
                let kind = match f {
                    desktop::Failure::NoDesktop { .. } => OpenFailure::NoDesktop,
                    desktop::Failure::NoOpener { .. } => OpenFailure::NoOpener,
                    desktop::Failure::NotOpened { .. } => OpenFailure::DesktopFailed,
                    desktop::Failure::NoAnswer { .. } => OpenFailure::NoAnswer,
                };
                Incoming::OpenFailed(kind, f.detail())
            }
        };
        let _ = tx.send(incoming);
    });
}

/// The two threads that feed the loop, started once the first frame is out (the person sees
/// it that much sooner; a key pressed meanwhile waits in the terminal, a signal in
/// signal-hook's pipe).
struct Later {
    signals: signal_hook::iterator::Signals,
}

impl Later {
    fn start(self, tx: &Sender<Incoming>) {
        spawn_event_thread(tx.clone());
        spawn_signal_thread(self.signals, tx.clone());
    }
}

fn spawn_event_thread(tx: Sender<Incoming>) {
    thread::spawn(move || {
        loop {
            let incoming = match event::read() {
                Ok(ev) => Incoming::Terminal(ev),
                Err(_) => Incoming::Lost,
            };
            let lost = matches!(incoming, Incoming::Lost);
            if tx.send(incoming).is_err() || lost {
                return;
            }
        }
    });
}

fn spawn_signal_thread(mut signals: signal_hook::iterator::Signals, tx: Sender<Incoming>) {
    thread::spawn(move || {
        if let Some(n) = signals.forever().next() {
            let _ = tx.send(Incoming::Signal(n));
        }
    });
}

//! One visitor's walkthrough: its own App, fed with the keys and window sizes the SSH
//! handler passes on, drawn by ratatui into a buffer that goes out as one SSH data message a
//! frame. It ends when the visitor quits, goes idle, leaves, stops reading, or the server
//! stops; every ending but a vanished client puts their terminal back and says why.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::style::{Attribute, SetAttribute};
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until};

use super::{Say, SessionPlace, Shared, say};
use crate::app::{App, Effect, Event};
use crate::backend::{Lean, draw_frame};
use crate::links::Hyperlink;
use crate::links::{self, Target};
use crate::terminal::{DisableClicks, EnableClicks};
use crate::text::Lang;

/// A frame that cannot go out for this long (or for the idle timeout, when that is shorter)
/// means the client stopped reading: the walkthrough ends.
const STALL: Duration = Duration::from_secs(60);
/// At most this many queued inputs become one frame.
const BATCH: usize = 32;
/// How long a new window size waits for the next one before it is drawn.
const RESIZE_SETTLE: Duration = Duration::from_millis(30);

/// What the handler hands a new walkthrough.
pub(super) struct Start {
    pub shared: Arc<Shared>,
    pub place: SessionPlace,
    pub handle: Handle,
    pub channel: ChannelId,
    pub lang: Lang,
    /// The window size, as the PTY request and window-change requests say.
    pub size: watch::Receiver<(u16, u16)>,
    /// The visitor's input bytes, one SSH data message each.
    pub keys: mpsc::Receiver<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Quit,
    Idle,
    Stopping,
    /// The visitor's side closed the channel or the connection.
    Closed,
    /// The visitor's side stopped reading.
    Stalled,
}

/// The bytes of one frame (and anything written with it), sent as one data message. The
/// backend writes into it; the session takes the bytes out through its own handle.
#[derive(Debug, Clone, Default)]
struct Outbox(Arc<Mutex<Vec<u8>>>);

impl Outbox {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.lock())
    }
}

impl Write for Outbox {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.lock().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

type Screen = Terminal<Lean<Outbox>>;

/// A terminal of exactly `size`, writing into `out`. A fixed viewport: ratatui then never
/// asks the backend for a size or a cursor position, which CrosstermBackend would answer from
/// the server's own tty. A new size is a new screen, for the same reason.
fn screen(size: (u16, u16), out: &Outbox) -> io::Result<Screen> {
    let area = Rect::new(0, 0, size.0, size.1);
    let mut t = Terminal::with_options(
        Lean::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    // Start from a blank screen: ratatui's first frame only draws what is not blank.
    queue!(t.backend_mut(), Clear(ClearType::All))?;
    Ok(t)
}

pub(super) async fn run(start: Start) {
    let Start {
        shared,
        mut place,
        handle,
        channel,
        lang,
        mut size,
        mut keys,
    } = start;
    let options = &shared.options;
    let clock = options.clock;
    let first = *size.borrow_and_update();
    let mut app =
        App::new(options.script.clone(), lang, clock.now(), first).with_link_target(Target::Show);
    let mut out = Outbox::default();
    // Mouse reporting for clicks and the wheel only, as the local runner asks for.
    let _ = queue!(out, EnterAlternateScreen, cursor::Hide, EnableClicks);
    let Ok(mut screen) = screen(first, &out) else {
        return;
    };

    let mut stop = shared.stop.clone();
    let mut input = super::input::Input::new();
    let mut events = Vec::new();
    let mut shown: Vec<Hyperlink> = Vec::new();
    let mut idle_at = Instant::now() + options.idle_timeout;

    let ending = 'session: loop {
        app.update(Event::Tick(clock.now()));
        if draw_frame(&mut screen, &app, &mut shown).is_err() {
            break Ending::Closed;
        }
        let frame = out.take();
        if !frame.is_empty() {
            tokio::select! {
                sent = handle.data(channel, frame) => if sent.is_err() {
                    break Ending::Closed;
                },
                _ = tokio::time::sleep(STALL.min(options.idle_timeout)) => break Ending::Stalled,
                _ = super::until(&mut stop) => break Ending::Stopping,
            }
        }
        // With a countdown on screen, wake when its words change to redraw it.
        let next_tick = app.next_tick();
        let tick_at = Instant::now() + next_tick.map_or(Duration::ZERO, |at| clock.until(at));
        tokio::select! {
            _ = super::until(&mut stop) => break Ending::Stopping,
            changed = size.changed() => {
                if changed.is_err() {
                    break Ending::Closed;
                }
                // A storm of window changes (a window dragged, or a client sending them in a
                // loop) is drawn once, at the size it ends on.
                tokio::time::sleep(RESIZE_SETTLE).await;
                let (w, h) = *size.borrow_and_update();
                let Ok(fresh) = self::screen((w, h), &out) else {
                    break Ending::Closed;
                };
                screen = fresh;
                // A new window: everything, links included, is drawn afresh.
                shown.clear();
                // Not a key press: a resize does not keep an idle walkthrough open.
                app.update(Event::Resize(w, h));
            }
            received = keys.recv() => {
                let Some(first) = received else {
                    break Ending::Closed;
                };
                idle_at = Instant::now() + options.idle_timeout;
                input.feed(&first, &mut events);
                // Whatever else is already queued goes into the same frame.
                for _ in 1..BATCH {
                    match keys.try_recv() {
                        Ok(more) => input.feed(&more, &mut events),
                        Err(_) => break,
                    }
                }
                for event in events.drain(..) {
                    let event = match event {
                        crossterm::event::Event::Key(k) => Event::Key(k),
                        crossterm::event::Event::Mouse(m) => Event::Mouse(m),
                        _ => continue,
                    };
                    for effect in app.update(event) {
                        match effect {
                            Effect::Quit => break 'session Ending::Quit,
                            // OSC 52: travels with the next frame to the visitor's own
                            // terminal, which puts it on their clipboard.
                            Effect::Copy(text) => {
                                let _ = links::write_copy(&mut out, &text);
                            }
                            // Links go to the link panel (Target::Show): nothing is ever
                            // opened on the server. Nothing of a visitor is written to disk,
                            // so starting over has nothing to keep aside.
                            Effect::OpenLink(_) | Effect::OpenOnDesktop(_) | Effect::StartOver => {}
                        }
                    }
                }
            }
            _ = sleep_until(tick_at), if next_tick.is_some() => {}
            _ = sleep_until(idle_at) => break Ending::Idle,
        }
    };

    place.why = match ending {
        Ending::Quit => "quit",
        Ending::Idle => "idle",
        Ending::Stopping => "server stopping",
        Ending::Closed => "visitor left",
        Ending::Stalled => "stopped reading",
    };
    // In the language on screen now: the visitor may have switched with L.
    goodbye(
        &handle,
        channel,
        app.lang(),
        ending,
        out.take(),
        options.idle_timeout,
    )
    .await;
}

/// Puts the visitor's terminal back (mouse off, main screen, cursor, plain text), says why it
/// ended, and closes the channel. Bounded in time: a client that does not read is not waited
/// for.
async fn goodbye(
    handle: &Handle,
    channel: ChannelId,
    lang: Lang,
    ending: Ending,
    mut pending: Vec<u8>,
    idle: Duration,
) {
    let line = match ending {
        Ending::Quit => Some(Say::Goodbye),
        Ending::Idle => Some(Say::Idle(idle.as_secs())),
        Ending::Stopping => Some(Say::Stopping),
        Ending::Stalled | Ending::Closed => None,
    };
    let finish = async {
        if ending != Ending::Stalled {
            let _ = queue!(
                pending,
                DisableClicks,
                SetAttribute(Attribute::Reset),
                LeaveAlternateScreen,
                cursor::Show
            );
            if let Some(line) = line {
                pending.extend_from_slice(say(lang, line).as_bytes());
                pending.extend_from_slice(b"\r\n");
            }
            let _ = handle.data(channel, pending).await;
        }
        let status = if ending == Ending::Quit { 0 } else { 1 };
        let _ = handle.exit_status_request(channel, status).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), finish).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nz(n: u16) -> std::num::NonZeroU16 {
        std::num::NonZeroU16::new(n).unwrap()
    }

    #[test]
    fn a_screen_never_asks_the_servers_tty() {
        // Resizing is a new screen; drawing one must not query a size or cursor position
        // (it would come from the server's own terminal, or fail without one).
        let script = Arc::new(crate::script::embedded().unwrap());
        let app = App::new(script, Lang::En, chrono::Utc::now(), (80, 24));
        let out = Outbox::default();
        let mut s = screen((80, 24), &out).unwrap();
        let mut shown = Vec::new();
        draw_frame(&mut s, &app, &mut shown).unwrap();
        let bytes = out.take();
        let mut parser = vt100::Parser::new(nz(24), nz(80), 0);
        parser.process(&bytes);
        assert!(parser.screen().contents().contains("Step 1 of 7"));
        // Nothing changed: the next frame is only ratatui's style reset and cursor hide.
        draw_frame(&mut s, &app, &mut shown).unwrap();
        let again = out.take();
        assert!(again.len() < 40, "{:?}", String::from_utf8_lossy(&again));
        // A new size is a new screen that starts blank and draws everything.
        let mut s = screen((100, 30), &out).unwrap();
        let app = {
            let mut app = app;
            app.update(Event::Resize(100, 30));
            app
        };
        draw_frame(&mut s, &app, &mut shown).unwrap();
        let mut parser = vt100::Parser::new(nz(30), nz(100), 0);
        parser.process(&out.take());
        let rows: Vec<String> = parser.screen().rows(0, 100).collect();
        assert!(rows[0].contains("Step 1 of 7"), "{:?}", rows[0]);
        // The rule under the stepper is where the layout puts it at the new size; the footer
        // is on the new last row.
        let rule = crate::ui::areas((100, 30)).unwrap().rule;
        let drawn: String = rows[2].chars().skip(usize::from(rule.x)).collect();
        assert_eq!(drawn.trim_end(), "─".repeat(usize::from(rule.width)));
        assert!(rows[29].contains("quit"), "{:?}", rows[29]);
    }
}

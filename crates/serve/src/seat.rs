//! One seat's channel: how its keys and window sizes come in and its frames go out.
//!
//! Each seat has two small tasks of its own, so that no seat waits for another: one passes its
//! keys and window sizes to the walk, one writes its frames to its channel. Keys from a source
//! that has spent its share of the server's time (`work.rs`) wait in the first until it has
//! time again: a person's key comes late then, never lost; a flooder's queue fills, and what
//! comes while it is full is dropped (`handler.rs`). A seat whose
//! client stops reading keeps at most [`PIPE_MAX`] bytes queued; past that the walk stops
//! drawing for it, and draws it afresh once the client reads again. A frame that cannot go out
//! for a minute (or the idle timeout, when that is shorter) ends that seat only.

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
use tokio::sync::{Notify, mpsc, watch};

use super::journal::{self, Why};
use super::shared::SessionPlace;
use super::words::{self, Line};
use super::work::Work;
use bezwaar_core::text::Lang;
use bezwaar_view::backend::Lean;
use bezwaar_view::backend::{DisableClicks, EnableClicks};
use bezwaar_view::runner::SeatId;

/// A frame that cannot go out for this long (or for the idle timeout, when that is shorter)
/// means the client stopped reading: the seat ends.
pub(super) const STALL: Duration = Duration::from_secs(60);
/// How long a new window size waits for the next one before it is drawn.
const RESIZE_SETTLE: Duration = Duration::from_millis(30);
/// The most output a seat keeps queued for a client that does not read: a few whole frames
/// (a full 200 x 60 frame with the QR code is about 40 KiB).
pub(super) const PIPE_MAX: usize = 128 * 1024;

/// A channel ready to become a seat.
pub(super) struct Tty {
    pub handle: Handle,
    pub channel: ChannelId,
    pub lang: Lang,
    pub size: watch::Receiver<(u16, u16)>,
    pub keys: mpsc::Receiver<Vec<u8>>,
    pub place: SessionPlace,
    /// The visitor's address: its typing is charged to it (see [`super::work`]).
    pub ip: std::net::IpAddr,
}

/// What a seat's tasks tell the walk.
pub(super) enum Msg {
    Keys(SeatId, Vec<u8>),
    Size(SeatId, (u16, u16)),
    Gone(SeatId, Gone),
    /// A seat's client reads again after falling behind: draw it afresh.
    Drained(SeatId),
}

/// Tells someone who gets no seat why (`text`, in their language), and closes their channel.
pub(super) async fn refuse(tty: Tty, text: String) {
    let line = format!("{text}\r\n");
    let finish = async {
        let _ = tty.handle.data(tty.channel, line.into_bytes()).await;
        let _ = tty.handle.exit_status_request(tty.channel, 1).await;
        let _ = tty.handle.eof(tty.channel).await;
        let _ = tty.handle.close(tty.channel).await;
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), finish).await;
}

pub(super) async fn refuse_in(tty: Tty, what: Line) {
    let text = words::line(tty.lang, what).to_owned();
    refuse(tty, text).await;
}

/// The same without waiting: the walk goes on while the refused one is told.
pub(super) fn refuse_later(tty: Tty, text: String) {
    tokio::spawn(refuse(tty, text));
}

/// The same, with one of the look-along lines.
pub(super) fn refuse_later_with(tty: Tty, what: Line) {
    tokio::spawn(refuse_in(tty, what));
}

/// Writes a line to someone who waits (a helper, before the person said yes), without waiting.
pub(super) fn tell(tty: &Tty, text: &str) {
    let (handle, channel) = (tty.handle.clone(), tty.channel);
    let bytes = format!("{text}\r\n").into_bytes();
    tokio::spawn(async move {
        let _ = tokio::time::timeout(Duration::from_secs(2), handle.data(channel, bytes)).await;
    });
}

/// How a seat's client went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gone {
    /// Its side closed the channel or the connection.
    Closed,
    /// It stopped reading.
    Stalled,
}

/// How a seat ends: the goodbye is in the pipe already.
#[derive(Debug, Clone, Copy)]
struct End {
    why: Why,
    status: u32,
}

#[derive(Default)]
struct PipeState {
    bytes: Vec<u8>,
    /// Its client fell too far behind: the walk stopped drawing for it.
    stale: bool,
    /// The walk was told the client reads again.
    told: bool,
    end: Option<End>,
}

/// A seat's output on its way to its client: frames are written into it, its own task sends
/// them. What piles up is bounded (see [`PIPE_MAX`]).
#[derive(Clone, Default)]
pub(super) struct Pipe(Arc<(Mutex<PipeState>, Notify)>);

impl Pipe {
    fn state(&self) -> std::sync::MutexGuard<'_, PipeState> {
        self.0.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether frames may be drawn into it. A pipe that holds more than [`PIPE_MAX`] drops it
    /// all and takes no frames until its client has read what was already on its way.
    pub(super) fn open(&self) -> bool {
        let mut s = self.state();
        if s.end.is_some() {
            return false;
        }
        if s.bytes.len() > PIPE_MAX {
            s.bytes = Vec::new();
            s.stale = true;
        }
        !s.stale
    }

    /// The client reads again: frames may be drawn (from a blank screen).
    pub(super) fn reopen(&self) {
        let mut s = self.state();
        s.stale = false;
        s.told = false;
    }

    /// Sends what was written.
    pub(super) fn send(&self) {
        self.0.1.notify_one();
    }

    /// Ends the seat: `goodbye` goes out after what is queued (unless the client stopped
    /// reading), then the channel closes with `status`.
    pub(super) fn finish(&self, goodbye: &[u8], why: Why, status: u32) {
        let mut s = self.state();
        if s.end.is_none() {
            s.bytes.extend_from_slice(goodbye);
            s.end = Some(End { why, status });
        }
        drop(s);
        self.send();
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.state().bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub(super) type Screen = Terminal<Lean<Pipe>>;

/// A terminal of exactly `size`, writing into `out`. A fixed viewport: ratatui then never
/// asks the backend for a size or a cursor position, which CrosstermBackend would answer from
/// the server's own tty. A new size is a new screen, for the same reason.
pub(super) fn screen(size: (u16, u16), out: &Pipe) -> io::Result<Screen> {
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

/// What a seat's terminal gets first: the alternate screen, no cursor, mouse reporting for
/// clicks and the wheel only (as the local runner asks for).
pub(super) fn hello(out: &mut Pipe) {
    let _ = queue!(out, EnterAlternateScreen, cursor::Hide, EnableClicks);
}

/// Puts a terminal back (mouse off, main screen, cursor, plain text) and says `line`.
pub(super) fn goodbye(line: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = queue!(
        out,
        DisableClicks,
        SetAttribute(Attribute::Reset),
        LeaveAlternateScreen,
        cursor::Show
    );
    if let Some(line) = line {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// A seat's two tasks: its keys and window sizes go to the walk as [`Msg`]s; its pipe's
/// bytes go to its channel. The writer owns the seat's place in the counts: it is freed
/// (and the session's end logged) once the channel is closed.
pub(super) fn start_seat(
    seat: SeatId,
    tty: Tty,
    pipe: Pipe,
    to_room: mpsc::Sender<Msg>,
    stall: Duration,
    work: Arc<Work>,
) -> tokio::task::JoinHandle<()> {
    let Tty {
        handle,
        channel,
        keys,
        size,
        place,
        ip,
        ..
    } = tty;
    tokio::spawn(write(
        seat,
        handle,
        channel,
        pipe,
        to_room.clone(),
        place,
        stall,
    ));
    tokio::spawn(forward(seat, keys, size, to_room, (work, ip)))
}

async fn forward(
    seat: SeatId,
    mut keys: mpsc::Receiver<Vec<u8>>,
    mut size: watch::Receiver<(u16, u16)>,
    to_room: mpsc::Sender<Msg>,
    (work, ip): (Arc<Work>, std::net::IpAddr),
) {
    loop {
        let msg = tokio::select! {
            received = keys.recv() => match received {
                Some(bytes) => Msg::Keys(seat, bytes),
                None => Msg::Gone(seat, Gone::Closed),
            },
            changed = size.changed() => match changed {
                // A storm of window changes (a window dragged, or a client sending them in a
                // loop) is drawn once, at the size it ends on.
                Ok(()) => {
                    tokio::time::sleep(RESIZE_SETTLE).await;
                    Msg::Size(seat, *size.borrow_and_update())
                }
                Err(_) => Msg::Gone(seat, Gone::Closed),
            },
        };
        // Keys wait while their source has no time left (the rest behind them in the queue).
        if matches!(msg, Msg::Keys(..)) {
            let mut logged = false;
            while let Some(wait) = work.wait(ip, std::time::Instant::now()) {
                if !std::mem::replace(&mut logged, true) {
                    journal::log(journal::Line::InputWaits);
                }
                tokio::time::sleep(wait).await;
            }
        }
        let gone = matches!(msg, Msg::Gone(..));
        if to_room.send(msg).await.is_err() || gone {
            return;
        }
    }
}

async fn write(
    seat: SeatId,
    handle: Handle,
    channel: ChannelId,
    pipe: Pipe,
    to_room: mpsc::Sender<Msg>,
    mut place: SessionPlace,
    stall: Duration,
) {
    let status = loop {
        let (bytes, end, tell) = {
            let mut s = pipe.state();
            let tell = s.stale && !s.told;
            s.told |= tell;
            (std::mem::take(&mut s.bytes), s.end, tell)
        };
        if tell {
            let _ = to_room.send(Msg::Drained(seat)).await;
        }
        if !bytes.is_empty() {
            match tokio::time::timeout(stall, handle.data(channel, bytes)).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => {
                    place.why = Why::VisitorLeft;
                    let _ = to_room.send(Msg::Gone(seat, Gone::Closed)).await;
                    break 1;
                }
                Err(_) => {
                    place.why = Why::StoppedReading;
                    let _ = to_room.send(Msg::Gone(seat, Gone::Stalled)).await;
                    break 1;
                }
            }
        }
        if let Some(end) = end {
            place.why = end.why;
            break end.status;
        }
        // Whatever is written meanwhile wakes this (a wake-up that comes while sending is
        // kept, so none is missed).
        pipe.0.1.notified().await;
    };
    let finish = async {
        let _ = handle.exit_status_request(channel, status).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), finish).await;
    drop(place);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_nobody_reads_holds_at_most_its_bound_then_takes_no_frames() {
        let mut pipe = Pipe::default();
        let frame = vec![b'x'; 6 * 1024];
        let mut taken = 0;
        for _ in 0..1000 {
            if pipe.open() {
                pipe.write_all(&frame).unwrap();
                taken += 1;
            }
            assert!(pipe.state().bytes.len() <= PIPE_MAX + frame.len());
        }
        assert!(taken < 30, "{taken} frames taken");
        assert!(!pipe.open(), "stale until its client reads again");
        assert!(pipe.state().bytes.is_empty(), "what piled up was let go");
        // The client reads again: frames come, from a blank screen.
        pipe.reopen();
        assert!(pipe.open());
        // A goodbye goes after what is queued, and nothing more is taken.
        pipe.finish(b"bye", Why::Quit, 0);
        assert!(!pipe.open());
        assert!(pipe.state().bytes.ends_with(b"bye"));
    }

    #[tokio::test]
    async fn keys_from_a_source_out_of_time_wait_and_none_is_lost() {
        let work = Arc::new(Work::new(super::super::limit::NetBlock::default(), 1));
        let ip: std::net::IpAddr = "192.0.2.1".parse().unwrap();
        let (keys_tx, keys) = mpsc::channel(8);
        let (_size_tx, size) = watch::channel((80, 24));
        let (to_room, mut room) = mpsc::channel(8);
        tokio::spawn(forward(
            bezwaar_view::runner::PERSON,
            keys,
            size,
            to_room,
            (work.clone(), ip),
        ));
        let keys_of = |msg: Option<Msg>| match msg {
            Some(Msg::Keys(_, bytes)) => bytes,
            _ => panic!("not keys"),
        };
        // With time left, a key goes on at once.
        keys_tx.send(b"a".to_vec()).await.unwrap();
        assert_eq!(keys_of(room.recv().await), b"a");
        // The source spent a second of the walk's time (its budget is 10 ms, then 2.5 ms a
        // second): its keys wait, in order...
        work.spent(ip, Duration::from_secs(1), std::time::Instant::now());
        for k in [b"b", b"c", b"d"] {
            keys_tx.send(k.to_vec()).await.unwrap();
        }
        tokio::task::yield_now().await;
        assert!(room.try_recv().is_err(), "a key went on with no time left");
        // ...and come once it has time again (0.4 s for the 1 ms a key needs).
        let mut came = Vec::new();
        for _ in 0..3 {
            came.extend(keys_of(room.recv().await));
        }
        assert_eq!(came, b"bcd");
    }
}

//! A connection's SSH session as a future that may be awaited again after it ended.
//!
//! russh's [`RunningSession`] waits on a oneshot channel, which panics ("called after
//! complete") when polled again once it has given its value. A connection waits for its
//! session in more than one place (in a `select!` while the server stops, then in the close
//! after it), so a session that ended just as the server was told to stop was polled twice:
//! a panic in a tokio worker. [`Session`] remembers that it ended and is ready at once after.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use russh::server::RunningSession;

use super::handler::Conn;

pub(super) struct Session {
    running: Option<RunningSession<Conn>>,
}

impl Session {
    pub(super) fn new(running: RunningSession<Conn>) -> Session {
        Session {
            running: Some(running),
        }
    }
}

impl Future for Session {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(running) = self.running.as_mut() else {
            return Poll::Ready(());
        };
        match Pin::new(running).poll(cx) {
            Poll::Ready(_) => {
                self.running = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

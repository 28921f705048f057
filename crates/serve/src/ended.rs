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

use russh::server::{Handler, RunningSession};

pub(super) struct Session<H: Handler> {
    running: Option<RunningSession<H>>,
}

impl<H: Handler> Session<H> {
    pub(super) fn new(running: RunningSession<H>) -> Session<H> {
        Session {
            running: Some(running),
        }
    }
}

impl<H: Handler> Future for Session<H> {
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    struct Nobody;

    impl Handler for Nobody {
        type Error = russh::Error;
    }

    /// A session over an in-memory stream whose client says its name and leaves.
    async fn a_session_that_ends() -> RunningSession<Nobody> {
        let (server, mut client) = tokio::io::duplex(4096);
        let key =
            russh::keys::PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519)
                .unwrap();
        let config = Arc::new(russh::server::Config {
            keys: vec![key],
            ..Default::default()
        });
        tokio::spawn(async move {
            let _ = client.write_all(b"SSH-2.0-leaving\r\n").await;
            let mut buf = [0u8; 256];
            let _ = client.read(&mut buf).await;
            drop(client);
        });
        russh::server::run_stream(config, server, Nobody)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_finished_session_may_be_awaited_again() {
        let mut session = Session::new(a_session_that_ends().await);
        (&mut session).await;
        // Again, as the close after the server's stop does: at once, no panic.
        tokio::time::timeout(std::time::Duration::from_secs(1), &mut session)
            .await
            .unwrap();
    }

    #[tokio::test]
    #[should_panic(expected = "called after complete")]
    async fn russh_alone_panics_when_awaited_again() {
        // What the server did before: the oneshot under RunningSession, polled again.
        let mut running = a_session_that_ends().await;
        let _ = (&mut running).await;
        let _ = tokio::time::timeout(std::time::Duration::from_secs(1), &mut running).await;
    }
}

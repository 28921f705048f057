//! A TCP stream whose reading can be paused, or whose plug can be pulled: a visitor whose
//! machine stops taking data, or is gone.

use std::sync::{Arc, Mutex};

/// A TCP stream whose reading can be paused: a visitor whose machine stops taking data
/// (a frozen laptop, a dead link) while the server still has frames for it.
pub struct Pausable {
    pub tcp: tokio::net::TcpStream,
    pub paused: Arc<Pause>,
}

#[derive(Default)]
pub struct Pause {
    pub on: std::sync::atomic::AtomicBool,
    pub waker: Mutex<Option<std::task::Waker>>,
    /// The client's machine is gone: reads end, writes fail, and russh's client drops the
    /// socket, though it still had bytes to send that the server would not take.
    cut: std::sync::atomic::AtomicBool,
    writer: Mutex<Option<std::task::Waker>>,
}

impl Pause {
    pub fn set(&self, on: bool) {
        self.on.store(on, std::sync::atomic::Ordering::SeqCst);
        if let Some(w) = self.waker.lock().unwrap().take() {
            w.wake();
        }
    }

    /// Pulls the plug: the connection closes from the client's side, whatever waits.
    pub fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        for waker in [&self.waker, &self.writer] {
            if let Some(w) = waker.lock().unwrap().take() {
                w.wake();
            }
        }
    }

    fn is_cut(&self) -> bool {
        self.cut.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Pausable {
    pub fn new(tcp: tokio::net::TcpStream) -> Pausable {
        Pausable {
            tcp,
            paused: Arc::default(),
        }
    }
}

impl tokio::io::AsyncRead for Pausable {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if self.paused.is_cut() {
            return std::task::Poll::Ready(Ok(()));
        }
        if self.paused.on.load(std::sync::atomic::Ordering::SeqCst) {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
            return std::task::Poll::Pending;
        }
        let read = std::pin::Pin::new(&mut self.tcp).poll_read(cx, buf);
        if read.is_pending() {
            *self.paused.waker.lock().unwrap() = Some(cx.waker().clone());
        }
        read
    }
}

impl tokio::io::AsyncWrite for Pausable {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.paused.is_cut() {
            return std::task::Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()));
        }
        let written = std::pin::Pin::new(&mut self.tcp).poll_write(cx, buf);
        if written.is_pending() {
            *self.paused.writer.lock().unwrap() = Some(cx.waker().clone());
        }
        written
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}

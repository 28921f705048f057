//! `bezwaar serve`: the walkthrough over SSH, for many people at once. A visitor types
//! `ssh -p 2222 host`: no account, no password, no install. Each SSH session with a terminal
//! sits at a seat of a walk (a runner [`Core`](bezwaar_view::runner::Core): its own walk, or
//! one it looks along at), drawn with ratatui onto the SSH channel.
//!
//! The parts:
//! - [`options`]: `bezwaar serve`'s options, resolved, and the address people type;
//! - [`server`]: the start, the accept loop and the stop;
//! - [`shared`]: what all connections share, and the places each takes in the counts;
//! - [`connection`]: one connection from accept to close: the limits per address, the login
//!   timeout, closing, shutdown;
//! - [`journal`]: the log, every kind of line one variant of `journal::Line`, limited per kind;
//! - [`say`]: the server's own words to a visitor;
//! - [`handler`]: the SSH protocol side of a connection: what is accepted, what is refused;
//! - [`session`]: one channel with a terminal: which walk it becomes a seat of, its keys in
//!   and its frames out;
//! - [`seat`]: one seat's channel: its keys and window sizes in, its frames out, bounded;
//! - [`room`]: one walk and its seats (the person's, and up to two helpers' who look along):
//!   the runner core driven over SSH, the idle warning and close, the goodbye;
//! - [`desk`]: the codes people type as their user name (to look along, to come back) and the
//!   walks held to come back to;
//! - [`held`]: the walks held to come back to, bounded per source and in all;
//! - [`words`]: the words of looking along and coming back;
//! - [`input`]: the visitor's raw key bytes as crossterm events;
//! - [`work`]: what one source's typing may cost the server a second;
//! - [`limit`]: the limits per address (connection rate, connections and walkthroughs at once);
//! - [`client_id`]: the client's identification line (paramiko logs in with "none");
//! - [`link`]: one connection's socket, which the server can cut off at any moment;
//! - [`ended`]: a connection's SSH session, which may be awaited again once it ended;
//! - [`proxy`]: the PROXY header a load balancer puts before each connection;
//! - [`hostkey`]: the server's ed25519 key, made on first start.
//!
//! Every resource one client can take is bounded, for it and for all together: a socket is
//! counted from accept to close (in the total and in its address's count), a connection that
//! runs no walkthrough is closed soon (the login window; a second after its last channel), a
//! connection still logging in makes room for a new one when the server is full, key exchanges
//! and channels have a budget per connection, and each kind of log line has one too.
//!
//! Privacy: the log says how many sessions there are and why one ended or was refused, and
//! when a look-along started and ended; never what anyone typed, their user name (nor so any
//! code), their key, their address or their environment: no line of [`journal`] has a field
//! that could hold one. Nothing of a visitor is ever written
//! to disk: progress lives in memory, for the session and, held to come back to, for
//! `--hold` after it (a restart forgets it all).

#![forbid(unsafe_code)]

mod client_id;
mod connection;
mod desk;
mod ended;
mod handler;
mod held;
pub mod hostkey;
mod ids;
pub mod input;
mod journal;
pub mod limit;
mod options;
mod proxy;
mod reads;
mod room;
mod say;
mod seat;
mod server;
mod session;
mod shared;
mod tcp;
pub mod words;
mod work;

pub use options::{Args, Options, main};
pub use server::{run, serve};

use tokio::sync::watch;

/// Resolves when the flag becomes true: true; or when its sender is gone: false.
async fn until(flag: &mut watch::Receiver<bool>) -> bool {
    flag.wait_for(|v| *v).await.is_ok()
}

//! What the serve tests share: the real `bezwaar` binary as a server, russh's client as a
//! visitor with a terminal emulator for what they see, and ways to look at the server's
//! process from outside (its open sockets, its memory, its log).
//!
//! Every wait here is bounded: a server that misbehaves fails a test, never hangs it.
//!
//! The parts: [`server`] (the real binary as a process), [`client`] (russh's client and the
//! ways to log in), [`pausable`] (a connection whose reading stops, or whose plug is pulled),
//! [`visitor`] (a session on a terminal emulator), [`wire`] (raw bytes on a TCP connection) and
//! [`openssh`] (OpenSSH's own client). All of it is re-exported here.
#![allow(dead_code)]
pub mod look;
#[path = "../common/steps.rs"]
mod steps;
// The step line and the page count, as in tests/common; not every serve test asks for them.
#[allow(unused_imports)]
pub use steps::*;

mod client;
mod openssh;
mod pausable;
mod server;
mod visitor;
mod wire;

// Not every serve test uses every part.
#[allow(unused_imports)]
pub use client::*;
#[allow(unused_imports)]
pub use openssh::*;
#[allow(unused_imports)]
pub use pausable::*;
#[allow(unused_imports)]
pub use server::*;
#[allow(unused_imports)]
pub use visitor::*;
#[allow(unused_imports)]
pub use wire::*;

use std::time::Duration;

pub const FACEBOOK: &str = "https://www.facebook.com/help/contact/712876720715583";
/// A week before the deadline: the countdown page counts down.
pub const BEFORE: &str = "2025-05-20T11:56:55+02:00";
/// The last hour before the deadline: the countdown shows seconds there.
pub const LAST_HOUR: &str = "2025-05-26T23:30:00+02:00";
pub const WAIT: Duration = Duration::from_secs(15);

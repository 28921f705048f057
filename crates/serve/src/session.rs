//! One visitor's channel with a terminal, as the handler hands it over: which walk it becomes
//! a seat of. A new one; one held to come back to (by the come-back code in the user name, or
//! by the visitor's key); the walk of someone who invited them to look along (by the
//! look-along code). The walk itself runs in [`super::room`], the seat's channel in
//! [`super::seat`].

use std::net::IpAddr;
use std::sync::Arc;

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};

use super::desk::{self, Found, KeyHash};
use super::journal;
use super::room::{self, Knock};
use super::seat::{Tty, refuse_in};
use super::shared::{SessionPlace, Shared};
use super::words::Line;
use bezwaar_core::text::Lang;
use bezwaar_view::ui::seat::Address;

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
    /// The code in the ssh user name, when it was one (never logged).
    pub code: Option<String>,
    /// A hash of the public key the visitor's ssh logged in with, if it did.
    pub key: Option<KeyHash>,
    pub ip: IpAddr,
    /// Where the visitor reached the server: for the lines others type to come here.
    pub address: Address,
}

pub(super) async fn run(start: Start) {
    let Start {
        shared,
        place,
        handle,
        channel,
        lang,
        size,
        keys,
        code,
        key,
        ip,
        address,
    } = start;
    let tty = Tty {
        handle,
        channel,
        lang,
        size,
        keys,
        place,
        ip,
    };
    let now = std::time::Instant::now();
    let Some(code) = code else {
        // Someone whose ssh offered a key they came with before: back to that walk.
        let found = key.and_then(|k| shared.desk().find_key(&k, now));
        match found {
            Some(Found::Live(door)) => {
                if let Err(e) = door.try_send(Knock::Person(tty)) {
                    let Knock::Person(tty) = e.into_inner() else {
                        return;
                    };
                    room::run(shared, tty, None, key, ip, address).await;
                }
            }
            Some(Found::Held(held)) => {
                room::run(shared, tty, Some(held.progress), key, ip, address).await;
            }
            _ => room::run(shared, tty, None, key, ip, address).await,
        }
        return;
    };
    let found = shared.desk().find(&code, ip, now);
    match found {
        Found::Look(door) => {
            if let Err(e) = door.try_send(Knock::Helper(tty)) {
                let (Knock::Helper(tty) | Knock::Person(tty)) = e.into_inner() else {
                    return;
                };
                refuse_in(tty, Line::Away).await;
            }
        }
        Found::Live(door) => {
            // A walk that cannot take its person now (it is ending) answers as every code
            // that does not take the visitor in.
            if let Err(e) = door.try_send(Knock::Person(tty)) {
                let (Knock::Helper(tty) | Knock::Person(tty)) = e.into_inner() else {
                    return;
                };
                refuse_in(tty, Line::WrongCode).await;
            }
        }
        Found::Held(held) => {
            let key = key.or(held.key);
            room::run(shared, tty, Some(held.progress), key, ip, address).await;
        }
        Found::Wrong { voided } => {
            for (door, what) in voided {
                let _ = door.try_send(Knock::Voided(what));
            }
            // A wrong code also counts against the address's connections.
            shared
                .rate
                .charge(ip, desk::WRONG_COST, std::time::Instant::now());
            journal::log(journal::Line::WrongCode);
            refuse_in(tty, Line::WrongCode).await;
        }
        Found::TooMany => {
            journal::log(journal::Line::TooManyWrongCodes);
            refuse_in(tty, Line::TooManyCodes).await;
        }
    }
}

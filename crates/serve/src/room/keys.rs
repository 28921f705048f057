//! A walk's keys: each seat's bytes as keys for the walk, what they cost charged to the
//! seat's source (see [`crate::work`]), and a run of keys typed into a field laid out
//! once, after the run.

use tokio::time::Instant;

use super::{Ending, Room};
use crate::journal::Why;
use crate::words::{self, Line};
use crate::work::cpu_now;
use bezwaar_core::walk::Effect;
use bezwaar_view::app::Event;
use bezwaar_view::links;
use bezwaar_view::runner::{Out, SeatId};

impl Room {
    /// A seat's key bytes, and what they cost charged to its source (whose keys wait in
    /// the seat's task while it has no time left: `seat.rs`). `Some`: the walk ends.
    pub(super) fn charged_keys(&mut self, id: SeatId, bytes: &[u8]) -> Option<Ending> {
        let ip = self.seats[self.seat_index(id)?].ip;
        let start = cpu_now();
        let ending = self.keys(id, bytes);
        self.shared
            .work
            .spent(ip, cpu_now() - start, std::time::Instant::now());
        self.typed.push(ip);
        ending
    }

    /// Charges the frame just drawn (since the thread's CPU time was `since`) to the seats
    /// whose keys made it.
    pub(super) fn charge_frame(&mut self, since: std::time::Duration) {
        if self.typed.is_empty() {
            return;
        }
        let now = std::time::Instant::now();
        let each = cpu_now().saturating_sub(since) / self.typed.len() as u32;
        for ip in self.typed.drain(..) {
            self.shared.work.spent(ip, each, now);
        }
    }

    fn keys(&mut self, id: SeatId, bytes: &[u8]) -> Option<Ending> {
        let i = self.seat_index(id)?;
        self.seats[i].decoder.feed(bytes, &mut self.events);
        let events = std::mem::take(&mut self.events);
        // Keys typed into a field lay the views out once, after the last of them.
        let mut unfollowed = false;
        for event in events {
            let Some(input) = Event::from_terminal(event) else {
                continue;
            };
            let typing = !self.warned && self.core.is_typing(&input);
            if !typing && std::mem::take(&mut unfollowed) {
                self.core.follow_views();
            }
            if input.is_press() {
                self.last_press = Instant::now();
                // The key that closes the link panel keeps its hour; the one after ends it.
                self.after_link = self.core.walk().panel().is_some();
                // "Are you still there?": the key that answers it does nothing else.
                if self.warned {
                    self.warned = false;
                    self.clear_idle();
                    continue;
                }
            }
            let outs = if typing {
                unfollowed = true;
                self.core.type_in_field(id, input)
            } else {
                self.core.input(id, input)
            };
            for out in outs {
                match out {
                    Out::Walk(Effect::Quit) => return Some(Ending::Quit),
                    // OSC 52: travels with the next frame to the terminal of whoever
                    // pressed it, which puts it on their clipboard.
                    Out::Walk(Effect::Copy(text)) => {
                        if let Some(i) = self.seat_index(id) {
                            let _ = links::write_copy(&mut self.seats[i].pipe, &text);
                        }
                    }
                    // Links go to the link panel (Target::Show): nothing is ever opened on
                    // the server. Nothing of a visitor is written to disk, so starting over
                    // has nothing to keep aside.
                    Out::Walk(
                        Effect::OpenLink(_) | Effect::OpenOnDesktop(_) | Effect::StartOver,
                    ) => {}
                    Out::Walk(Effect::Switch(walkthrough)) => {
                        let like = self.core.walk();
                        if let Some(opened) = self.opener.open(&walkthrough, like) {
                            self.core.map_walk(|_| opened.walk);
                            self.walkthrough = walkthrough;
                        }
                    }
                    Out::Look(command) => self.look(command),
                    Out::Leave => {
                        self.unseat(
                            id,
                            Some(words::line(self.lang(id), Line::Left)),
                            Why::Left,
                            0,
                        );
                        break;
                    }
                }
            }
        }
        if unfollowed {
            self.core.follow_views();
        }
        None
    }
}

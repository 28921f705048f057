//! The SSH side of one connection: any user name gets in without a password; a session
//! channel with a PTY and a shell request gets the walkthrough; everything else (commands,
//! subsystems such as sftp, a shell without a terminal, forwarding) is refused in words.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Response, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Disconnect, MethodKind, MethodSet, Pty};
use tokio::sync::{mpsc, watch};

mod chan;

use super::desk::{self, KeyHash};
use super::journal::{self, Line};
use super::limit::Bucket;
use super::say::{Say, say};
use super::session::{self, Start};
use super::shared::Shared;
use super::tcp::Tcp;
use bezwaar_core::text::Lang;
use bezwaar_view::ui::seat::Address;
use chan::{Chan, LOCALE_VARS, Running, clamp};

/// Session channels one connection may have open at once (and it may open only so many so
/// fast: see [`Tcp::open_channel`]).
const MAX_CHANNELS: usize = 4;
/// Input messages queued for a walkthrough; past this (a client typing far ahead of a
/// stalled screen) input is dropped rather than held.
const INBOX: usize = 32;
/// The most of one input message that is kept: keys are a few bytes each.
const MAX_CHUNK: usize = 4096;
/// Input a connection may send: this many bytes at once (a long reason pasted into the
/// form), then this many a second (a person types a few). More is dropped: every byte is a
/// key the walkthrough works through, and a flood would take the server's time from others.
const INPUT_BURST: f64 = 64.0 * 1024.0;
const INPUT_PER_SEC: f64 = 4.0 * 1024.0;

pub(super) struct Conn {
    shared: Arc<Shared>,
    tcp: Arc<Tcp>,
    /// The visitor's address, as the per-address limits count it.
    ip: IpAddr,
    channels: HashMap<ChannelId, Chan>,
    /// A walkthrough was started on this connection.
    walked: bool,
    /// The input bytes this connection may still send (see `INPUT_BURST`).
    input: Bucket,
    /// The user name it logged in with: a code, or anything (never logged).
    user: String,
    /// A hash of the public key it logged in with, if it did.
    key: Option<KeyHash>,
    /// Where it reached the server.
    here: Address,
}

impl Conn {
    pub(super) fn new(shared: Arc<Shared>, tcp: Arc<Tcp>, ip: IpAddr, here: Address) -> Conn {
        Conn {
            shared,
            tcp,
            ip,
            channels: HashMap::new(),
            walked: false,
            input: Bucket::full(INPUT_BURST, std::time::Instant::now()),
            user: String::new(),
            key: None,
            here,
        }
    }

    /// Keeps the user name (bounded: a code is short) of a login that is accepted.
    fn logged_in(&mut self, user: &str) -> Auth {
        self.user = user.chars().take(64).collect();
        Auth::Accept
    }

    /// Marks the channel's one request as taken; false when it already was.
    fn take_request(&mut self, channel: ChannelId) -> bool {
        let Some(chan) = self.channels.get_mut(&channel) else {
            return false;
        };
        let first = !std::mem::replace(&mut chan.answered, true);
        if first {
            self.tcp.answered.send_replace(true);
        }
        first
    }

    fn lang(&self, channel: ChannelId) -> Lang {
        self.channels
            .get(&channel)
            .and_then(|c| c.lang(&self.shared.options.shelf.languages()))
            .unwrap_or(self.shared.options.lang)
    }

    /// Refuses a request in one line on stderr, then ends the channel with exit status 1.
    fn refuse(
        &mut self,
        channel: ChannelId,
        what: Say,
        line: Line,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        journal::log(line);
        let line = format!("{}\r\n", say(self.lang(channel), what));
        session.channel_success(channel)?;
        session.extended_data(channel, 1, line.into_bytes())?;
        self.end_channel(channel, session)
    }

    /// Ends a channel from the server's side (exit status 1). The client's reply to the close
    /// is not passed on to the handler, so the channel is forgotten here and now.
    fn end_channel(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        self.channels.remove(&channel);
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    /// A forwarding request: refused. A connection that has nothing else going on is closed
    /// with the reason (ssh shows it); one with a walkthrough keeps it.
    fn refuse_forwarding(&mut self, line: Line, session: &mut Session) -> Result<(), russh::Error> {
        journal::log(line);
        if !self.walked {
            let text = say(self.shared.options.lang, Say::NoForwarding);
            session.disconnect(Disconnect::ByApplication, &text, "")?;
        }
        Ok(())
    }

    async fn reject_channel(
        &mut self,
        reply: ChannelOpenHandle,
        line: Line,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        let reason = say(self.shared.options.lang, Say::NoForwarding);
        reply
            .reject(ChannelOpenFailure::Other {
                code: 1, // administratively prohibited
                reason,
            })
            .await;
        self.refuse_forwarding(line, session)
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    // A public walkthrough: every way of logging in is accepted, whatever the user name, but
    // "none" first says which others there are. A client with a key then offers it (so a
    // person who comes back from the same computer is recognised by it); one without goes on
    // to keyboard-interactive, accepted at once with no question asked: no password.
    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        // paramiko cannot go on to another method after "none": see `client_id`.
        if self.tcp.is_paramiko() {
            return Ok(self.logged_in(user));
        }
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::from(
                &[
                    MethodKind::PublicKey,
                    MethodKind::KeyboardInteractive,
                    MethodKind::Password,
                ][..],
            )),
            partial_success: false,
        })
    }

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(self.logged_in(user))
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only a hash of it, salted with this process's own random bytes, in memory.
        self.key = self.shared.key_hash(key.public_key);
        Ok(self.logged_in(user))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.logged_in(user))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channels.retain(|_, c| !c.ended());
        let place = if self.tcp.open_channels() < MAX_CHANNELS {
            self.tcp.open_channel()
        } else {
            None
        };
        let Some(place) = place else {
            journal::log(Line::TooManyChannels);
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        };
        // The handler's callbacks carry the channel's traffic; the Channel itself is not
        // needed (dropping it does not close the channel).
        self.channels.insert(
            channel.id(),
            Chan {
                place: Some(place),
                ..Chan::default()
            },
        );
        reply.accept().await;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Dropping the senders ends the walkthrough, if one runs.
        self.channels.remove(&channel);
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // No more input will come: the walkthrough ends (saying goodbye).
        if let Some(chan) = self.channels.get_mut(&channel) {
            chan.running = None;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(chan) = self.channels.get_mut(&channel) else {
            return session.channel_failure(channel);
        };
        let size = clamp(col_width, row_height);
        chan.pty = Some(size);
        if let Some(running) = &chan.running {
            running.size.send_replace(size);
        }
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(chan) = self.channels.get_mut(&channel) {
            let size = clamp(col_width, row_height);
            chan.pty = Some(size);
            if let Some(running) = &chan.running {
                running
                    .size
                    .send_if_modified(|s| std::mem::replace(s, size) != size);
            }
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only the language is of use; nothing else is kept (or logged).
        let slot = LOCALE_VARS.iter().position(|v| *v == variable_name);
        match (slot, self.channels.get_mut(&channel)) {
            (Some(i), Some(chan)) if variable_value.len() <= 64 => {
                chan.locale[i] = Some(variable_value.to_owned());
                session.channel_success(channel)
            }
            _ => session.channel_failure(channel),
        }
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.take_request(channel) {
            return session.channel_failure(channel);
        }
        let lang = self.lang(channel);
        let Some(size) = self.channels.get(&channel).and_then(|c| c.pty) else {
            return self.refuse(
                channel,
                Say::NoTerminal,
                Line::RefusedShellWithoutTerminal,
                session,
            );
        };
        let mut place = match self.shared.try_start_session(self.ip, &self.tcp) {
            Ok(place) => place,
            Err(why) => {
                journal::log(if matches!(why, Say::Busy) {
                    Line::SessionsBusy {
                        max_sessions: self.shared.options.max_sessions,
                    }
                } else {
                    Line::SessionsTooManyFromAddress
                });
                session.channel_success(channel)?;
                let line = format!("{}\r\n", say(lang, why));
                session.data(channel, line.into_bytes())?;
                return self.end_channel(channel, session);
            }
        };
        session.channel_success(channel)?;
        let (keys_tx, keys_rx) = mpsc::channel(INBOX);
        let (size_tx, size_rx) = watch::channel(size);
        if let Some(chan) = self.channels.get_mut(&channel) {
            chan.running = Some(Running {
                keys: keys_tx,
                size: size_tx,
            });
            // The channel stays open until the walkthrough has said goodbye.
            place.channel = chan.place.take();
        }
        self.walked = true;
        tokio::spawn(session::run(Start {
            shared: self.shared.clone(),
            place,
            handle: session.handle(),
            channel,
            lang,
            size: size_rx,
            keys: keys_rx,
            code: desk::code_in(&self.user),
            key: self.key,
            ip: self.ip,
            address: self.here.clone(),
        }));
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.take_request(channel) {
            return session.channel_failure(channel);
        }
        self.refuse(channel, Say::NoCommands, Line::RefusedCommand, session)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.take_request(channel) {
            return session.channel_failure(channel);
        }
        self.refuse(channel, Say::NoSubsystems, Line::RefusedSubsystem, session)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(Running { keys, .. }) =
            self.channels.get(&channel).and_then(|c| c.running.as_ref())
        {
            let kept = super::input::cut(data, MAX_CHUNK);
            let now = std::time::Instant::now();
            if !self
                .input
                .spend(kept.len() as f64, INPUT_BURST, INPUT_PER_SEC, now)
            {
                journal::log(Line::InputTooFast);
                return Ok(());
            }
            // Never wait here: this runs in the connection's read loop, and a walkthrough
            // that waits for the client to read must not hold up the client's window updates.
            // The seat's queue is full only while its source's keys wait (`seat.rs`) and it
            // sends on: that is too much too fast.
            if keys.try_send(kept.to_vec()).is_err() {
                journal::log(Line::InputTooFast);
            }
        }
        Ok(())
    }

    // Forwarding of any kind is refused. Agent and X11 requests are answered "no" without
    // closing: many people have ForwardAgent or ForwardX11 on in their ssh config, and they
    // should still see the walkthrough (ssh itself says the X11 request failed).
    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        journal::log(Line::RefusedX11Forwarding);
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        journal::log(Line::RefusedAgentForwarding);
        Ok(false)
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.reject_channel(reply, Line::RefusedX11Channel, session)
            .await
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.reject_channel(reply, Line::RefusedLocalForwarding, session)
            .await
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host_to_connect: &str,
        _port_to_connect: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.reject_channel(reply, Line::RefusedForwardedChannel, session)
            .await
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _socket_path: &str,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.reject_channel(reply, Line::RefusedSocketForwarding, session)
            .await
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse_forwarding(Line::RefusedRemoteForwarding, session)?;
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse_forwarding(Line::RefusedRemoteSocketForwarding, session)?;
        Ok(false)
    }
}

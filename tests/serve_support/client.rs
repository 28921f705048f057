//! The client: russh's, taking any host key and keeping what the server said on closing, and
//! the ways a visitor connects and logs in (from an address of their own, over a stream of
//! the test's, with or without a user name).

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client;
use russh::keys::PublicKeyOrCertificate;
use tokio::time::{Instant, timeout};

use super::{Pausable, WAIT};

#[derive(Clone, Default)]
pub struct Client {
    /// What the server said when it closed the connection.
    pub disconnect: Arc<Mutex<Option<String>>>,
    /// The fingerprint of the server's host key ("SHA256:…").
    pub server_key: Arc<Mutex<Option<String>>>,
}

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        if let PublicKeyOrCertificate::PublicKey { key, .. } = key {
            let print = key.fingerprint(russh::keys::HashAlg::Sha256).to_string();
            *self.server_key.lock().unwrap() = Some(print);
        }
        Ok(true)
    }

    async fn disconnected(
        &mut self,
        reason: client::DisconnectReason<Self::Error>,
    ) -> Result<(), Self::Error> {
        if let client::DisconnectReason::ReceivedDisconnect(info) = reason {
            *self.disconnect.lock().unwrap() = Some(info.message);
        }
        Ok(())
    }
}

/// Connects and logs in without a password, as anyone.
pub async fn login(addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    login_over(Pausable::new(tcp)).await
}

/// A TCP connection to `addr` from the local address `from` (anywhere in 127.0.0.0/8: each
/// is another visitor as far as the server can tell).
pub async fn tcp_from(from: IpAddr, addr: SocketAddr) -> std::io::Result<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    socket.connect(addr).await
}

/// Connects from `from` and logs in.
pub async fn login_from(from: &str, addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
    login_over(Pausable::new(tcp)).await
}

pub async fn login_over(stream: Pausable) -> (client::Handle<Client>, Client) {
    let (mut ssh, client) = connect_over(stream, client::Config::default()).await;
    assert!(login_as(&mut ssh, "oma").await, "no password needed");
    (ssh, client)
}

/// Connects over `stream` with `config` (say, a small SSH window of its own), not logged in.
pub async fn connect_over(
    stream: Pausable,
    config: client::Config,
) -> (client::Handle<Client>, Client) {
    try_connect_over(stream, config).await.expect("connected")
}

/// The same; `None` when the server closed the connection before any SSH (a limit).
pub async fn try_connect_over(
    stream: Pausable,
    config: client::Config,
) -> Option<(client::Handle<Client>, Client)> {
    let client = Client::default();
    let ssh = timeout(
        WAIT,
        client::connect_stream(Arc::new(config), stream, client.clone()),
    )
    .await
    .expect("connected in time")
    .ok()?;
    Some((ssh, client))
}

/// Connects to `addr` from the local address `from`, not logged in.
pub async fn connect_from(from: &str, addr: SocketAddr) -> (client::Handle<Client>, Client) {
    let tcp = tcp_from(from.parse().unwrap(), addr).await.unwrap();
    connect_over(Pausable::new(tcp), client::Config::default()).await
}

/// Logs in as `user` the way an ssh client without a key does: "none" first, which the
/// server answers with the methods it takes, then keyboard-interactive, which it accepts at
/// once with no question asked. True when logged in.
pub async fn login_as(ssh: &mut client::Handle<Client>, user: &str) -> bool {
    let none = ssh.authenticate_none(user).await.expect("login answered");
    if none.success() {
        return true;
    }
    let answer = ssh
        .authenticate_keyboard_interactive_start(user, None)
        .await
        .expect("login answered");
    matches!(answer, client::KeyboardInteractiveAuthResponse::Success)
}

/// Waits (bounded) for the server to close the connection, and returns what it said.
pub async fn closed_with(client: &Client) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Some(said) = client.disconnect.lock().unwrap().clone() {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server did not close the connection");
}

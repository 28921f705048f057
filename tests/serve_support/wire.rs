//! Raw bytes on a TCP connection, below any SSH client: what the server says first, SSH
//! packets written by hand (an attacker's), whether a connection was closed, and what the
//! kernel received on the server's sockets.

use std::net::{IpAddr, SocketAddr};
use std::process::Command;
use std::time::Duration;

use tokio::time::{Instant, timeout};

use super::WAIT;

/// Connects with plain TCP and reads what the server says first, up to a line end or close.
pub async fn first_line(addr: SocketAddr) -> String {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut all = Vec::new();
    let _ = timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut all),
    )
    .await;
    String::from_utf8_lossy(&all)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

/// An SSH binary packet before any encryption (RFC 4253, section 6).
pub fn plain_packet(payload: &[u8]) -> Vec<u8> {
    let mut padding = 8 - (5 + payload.len()) % 8;
    if padding < 4 {
        padding += 8;
    }
    let length = (1 + payload.len() + padding) as u32;
    let mut out = length.to_be_bytes().to_vec();
    out.push(padding as u8);
    out.extend_from_slice(payload);
    out.extend(std::iter::repeat_n(0u8, padding));
    out
}

/// A client's first words: its banner and a KEXINIT (curve25519, ed25519, no strict key
/// exchange), after which a real client would go on with the key exchange.
pub fn banner_and_kexinit() -> Vec<u8> {
    let mut payload = vec![20u8];
    payload.extend([7u8; 16]);
    for list in [
        "curve25519-sha256",
        "ssh-ed25519",
        "chacha20-poly1305@openssh.com",
        "chacha20-poly1305@openssh.com",
        "hmac-sha2-256",
        "hmac-sha2-256",
        "none",
        "none",
        "",
        "",
    ] {
        payload.extend((list.len() as u32).to_be_bytes());
        payload.extend(list.as_bytes());
    }
    payload.push(0);
    payload.extend(0u32.to_be_bytes());
    let mut out = b"SSH-2.0-stuck\r\n".to_vec();
    out.extend(plain_packet(&payload));
    out
}

/// SSH_MSG_IGNORE with nothing in it: allowed at any time, and it keeps a connection "busy".
pub fn ignore_packet() -> Vec<u8> {
    plain_packet(&[2, 0, 0, 0, 0])
}

/// Whether the other side has closed `tcp` (or reset it), waiting at most `within`.
pub async fn closed_within(tcp: &mut tokio::net::TcpStream, within: Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

/// Bytes the kernel received (`ss -ti`) on the server's sockets from `from`, and bytes of them the
/// server read.
pub fn received_and_read(server: SocketAddr, from: impl Fn(IpAddr) -> bool) -> (u64, u64) {
    let out = Command::new("ss")
        .args(["-tinH", "state", "established"])
        .arg(format!("( sport = :{} )", server.port()))
        .output()
        .expect("ss runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let (mut received, mut read) = (0, 0);
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let Some(info) = lines.next() else { break };
        let [queued, _, _, peer] = cols[..] else {
            panic!("ss: {line}")
        };
        let peer: SocketAddr = peer.parse().expect("a peer address");
        if !from(peer.ip()) {
            continue;
        }
        let queued: u64 = queued.parse().unwrap();
        let got: u64 = info
            .split_whitespace()
            .find_map(|f| f.strip_prefix("bytes_received:"))
            .map_or(0, |n| n.parse().unwrap());
        received += got;
        read += got - queued;
    }
    (received, read)
}

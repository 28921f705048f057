//! `--proxy-protocol`: behind a load balancer (HAProxy's `send-proxy` or `send-proxy-v2`),
//! every connection starts with a PROXY header that says who the visitor really is. The
//! header is parsed by the `ppp` crate (versions 1 and 2); the visitor's address from it is
//! the one every per-address limit counts. A connection without a valid header is closed.

use std::net::IpAddr;

use ppp::{HeaderResult, PartialResult};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// The longest header taken: version 1 is at most 107 bytes; version 2 is 16 plus its
/// addresses (at most 216) plus any extensions (TLVs). No balancer sends this much unless
/// told to add very many extensions.
const MAX_HEADER: usize = 16 + 1024;

/// What the header said.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Header {
    /// The visitor's address; None for a connection the balancer made itself (a health
    /// check: version 2's LOCAL, version 1's UNKNOWN).
    pub client: Option<IpAddr>,
    /// Bytes read after the header: the start of the SSH stream.
    pub rest: Vec<u8>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// The connection closed before a whole header came (a health check that only connects).
    Closed,
    /// Not a PROXY header, or a broken one.
    Invalid,
}

/// Reads the PROXY header at the start of `socket` (the caller bounds the time).
pub(super) async fn read_header(socket: &mut TcpStream) -> Result<Header, Refused> {
    let mut buf = Vec::with_capacity(256);
    let mut chunk = [0u8; 256];
    loop {
        let room = MAX_HEADER - buf.len();
        let n = socket
            .read(&mut chunk[..room.min(256)])
            .await
            .map_err(|_| Refused::Closed)?;
        if n == 0 {
            return Err(Refused::Closed);
        }
        buf.extend_from_slice(&chunk[..n]);
        match parse(&buf) {
            Some(result) => return result,
            None if buf.len() < MAX_HEADER => {}
            None => return Err(Refused::Invalid),
        }
    }
}

/// A whole header (or a definite error) from the bytes so far; None while more may make one.
fn parse(buf: &[u8]) -> Option<Result<Header, Refused>> {
    let parsed = HeaderResult::parse(buf);
    if parsed.is_incomplete() {
        return None;
    }
    let (len, client) = match parsed {
        HeaderResult::V1(Ok(h)) => {
            let client = match h.addresses {
                ppp::v1::Addresses::Tcp4(a) => Some(IpAddr::V4(a.source_address)),
                ppp::v1::Addresses::Tcp6(a) => Some(IpAddr::V6(a.source_address)),
                ppp::v1::Addresses::Unknown => None,
            };
            (h.header.len(), client)
        }
        HeaderResult::V2(Ok(h)) => {
            let client = match (h.command, h.addresses) {
                (ppp::v2::Command::Local, _) => None,
                (ppp::v2::Command::Proxy, ppp::v2::Addresses::IPv4(a)) => {
                    Some(IpAddr::V4(a.source_address))
                }
                (ppp::v2::Command::Proxy, ppp::v2::Addresses::IPv6(a)) => {
                    Some(IpAddr::V6(a.source_address))
                }
                // A proxied connection must say from where: UNIX sockets and unspecified
                // addresses would all count as one visitor.
                (ppp::v2::Command::Proxy, _) => return Some(Err(Refused::Invalid)),
            };
            (h.len(), client)
        }
        HeaderResult::V1(Err(_)) | HeaderResult::V2(Err(_)) => return Some(Err(Refused::Invalid)),
    };
    Some(Ok(Header {
        client,
        rest: buf[len..].to_vec(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn version_1_headers() {
        let got = parse(b"PROXY TCP4 203.0.113.7 192.0.2.1 50000 2222\r\nSSH-2.0-x\r\n");
        assert_eq!(
            got,
            Some(Ok(Header {
                client: ip("203.0.113.7"),
                rest: b"SSH-2.0-x\r\n".to_vec()
            }))
        );
        let got = parse(b"PROXY TCP6 2001:db8::7 2001:db8::1 50000 2222\r\n");
        assert_eq!(got.unwrap().unwrap().client, ip("2001:db8::7"));
        assert_eq!(parse(b"PROXY UNKNOWN\r\n").unwrap().unwrap().client, None);
        // Not yet whole: wait for more.
        assert_eq!(parse(b"PROXY TCP4 203.0.11"), None);
        assert_eq!(parse(b"PRO"), None);
    }

    #[test]
    fn version_2_headers() {
        use ppp::v2::{Builder, Command, Protocol, Version};
        let addresses: ppp::v2::Addresses = (
            "203.0.113.9:50000".parse::<std::net::SocketAddr>().unwrap(),
            "192.0.2.1:2222".parse::<std::net::SocketAddr>().unwrap(),
        )
            .into();
        let header =
            Builder::with_addresses(Version::Two | Command::Proxy, Protocol::Stream, addresses)
                .build()
                .unwrap();
        let mut bytes = header.clone();
        bytes.extend_from_slice(b"SSH-2.0-x\r\n");
        let got = parse(&bytes).unwrap().unwrap();
        assert_eq!(got.client, ip("203.0.113.9"));
        assert_eq!(got.rest, b"SSH-2.0-x\r\n");
        // Cut anywhere: incomplete, never wrong.
        for cut in 1..header.len() {
            assert_eq!(parse(&header[..cut]), None, "cut at {cut}");
        }
        // LOCAL: the balancer's own health check.
        let local = Builder::with_addresses(
            Version::Two | Command::Local,
            Protocol::Unspecified,
            ppp::v2::Addresses::Unspecified,
        )
        .build()
        .unwrap();
        assert_eq!(parse(&local).unwrap().unwrap().client, None);
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(
            parse(b"SSH-2.0-OpenSSH_9.2\r\n"),
            Some(Err(Refused::Invalid))
        );
        assert_eq!(
            parse(b"PROXY TCP4 not-an-address 192.0.2.1 1 2\r\n"),
            Some(Err(Refused::Invalid))
        );
        assert_eq!(parse(b"GET / HTTP/1.1\r\n"), Some(Err(Refused::Invalid)));
        assert_eq!(parse(&[0u8; 40]), Some(Err(Refused::Invalid)));
    }
}

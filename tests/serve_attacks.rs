//! `bezwaar serve` against one hostile client: each test here is an attack that once took the
//! server down or locked visitors out, run in seconds with small limits. Each checks three
//! things: the attack fails, a real visitor gets the walkthrough while it runs, and the
//! server's open sockets (counted in /proc/PID/fd) fall back to what they were.
//!
//! Visitors and attackers come from different addresses in 127.0.0.0/8, which the server
//! counts apart as it would different people.
//!
//! Here the attacks on connections (key exchanges, logins, channels, addresses); those
//! through what a visitor sends once in are in tests/serve_attacks/input.rs.

mod serve_support;

#[path = "serve_attacks/input.rs"]
mod input;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use serve_support::*;
use tokio::io::AsyncWriteExt;
use tokio::time::{Instant, sleep, timeout};

/// 127.x.y.z for a number: attacker number `n` in its own /8 corner.
fn address(top: u8, n: u32) -> IpAddr {
    let [_, a, b, c] = (n + 1).to_be_bytes();
    IpAddr::V4(Ipv4Addr::new(127, top.wrapping_add(a), b, c))
}

/// The visitor keeps using the walkthrough: a page change that must arrive.
async fn still_served(v: &mut Visitor, round: u32) {
    v.goes_to(1 + (round % 3) as u8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_exchange_that_never_ends_is_cut_at_the_login_timeout() {
    // Five sessions: 26 sockets at once, as when this attack held 244.
    let server = Server::start(&[
        "--max-sessions",
        "5",
        "--login-timeout",
        "2",
        "--lang",
        "en",
    ]);
    let baseline = server.sockets();
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;

    // Forty clients from forty addresses: a banner, a KEXINIT, then only SSH_MSG_IGNORE, every
    // half second, so the connection is never silent and the key exchange never ends. And ten
    // that send a valid banner, then nothing at all.
    let addr = server.addr;
    let attackers: Vec<_> = (0..50u32)
        .map(|n| {
            tokio::spawn(async move {
                let since = Instant::now();
                let mut tcp = tcp_from(address(10, n), addr).await.ok()?;
                let silent = n >= 40;
                if silent {
                    tcp.write_all(b"SSH-2.0-silent\r\n").await.ok()?;
                } else {
                    tcp.write_all(&banner_and_kexinit()).await.ok()?;
                }
                while since.elapsed() < Duration::from_secs(10) {
                    if closed_within(&mut tcp, Duration::from_millis(500)).await {
                        return Some(since.elapsed());
                    }
                    if !silent && tcp.write_all(&ignore_packet()).await.is_err() {
                        return Some(since.elapsed());
                    }
                }
                None
            })
        })
        .collect();
    let mut most = 0;
    for round in 0..8 {
        sleep(Duration::from_millis(250)).await;
        most = most.max(server.sockets());
        still_served(&mut visitor, round).await;
    }
    for (n, attacker) in attackers.into_iter().enumerate() {
        let held = attacker.await.unwrap();
        let held = held.unwrap_or_else(|| panic!("attacker {n} was never closed"));
        assert!(held < Duration::from_secs(5), "attacker {n} held {held:?}");
    }
    // The total (2 x 5 + 16 = 26) holds, give or take connections making room.
    assert!(
        most <= baseline + 26 + 16,
        "{most} sockets open (baseline {baseline})"
    );
    still_served(&mut visitor, 1).await;
    drop(visitor);
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

/// Connects with only `kex` offered; Ok when the server agreed to it and a walkthrough came.
async fn connect_with_kex(addr: std::net::SocketAddr, kex: russh::kex::Name) -> Result<(), String> {
    let config = client::Config {
        preferred: russh::Preferred {
            kex: std::borrow::Cow::Owned(vec![kex]),
            ..Default::default()
        },
        ..Default::default()
    };
    let client = Client::default();
    let mut ssh = timeout(
        WAIT,
        client::connect(Arc::new(config), addr, client.clone()),
    )
    .await
    .map_err(|_| "no answer".to_string())?
    .map_err(|e| e.to_string())?;
    assert!(login_as(&mut ssh, "oma").await);
    let mut v = Visitor::open_on(ssh, client, None, 80, 24).await;
    v.sees(&step(1)).await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_cheap_key_exchanges_are_offered_and_rekeys_have_a_budget() {
    use russh::kex;
    let server = Server::start(&["--lang", "en"]);
    let baseline = server.sockets();
    for slow in [
        kex::DH_G18_SHA512,
        kex::DH_G16_SHA512,
        kex::DH_G14_SHA256,
        kex::DH_GEX_SHA256,
    ] {
        let got = connect_with_kex(server.addr, slow).await;
        assert!(got.is_err(), "{slow:?} was agreed to");
    }
    for fast in [kex::MLKEM768X25519_SHA256, kex::CURVE25519] {
        connect_with_kex(server.addr, fast)
            .await
            .unwrap_or_else(|e| panic!("{fast:?}: {e}"));
    }

    // Two clients that start a new key exchange after every key they press.
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    let mut rekeyers = Vec::new();
    for n in 0..2 {
        let mut v = Visitor::open_from(&format!("127.0.3.{}", n + 1), server.addr).await;
        v.sees(&step(1)).await;
        rekeyers.push(tokio::spawn(async move {
            for i in 0..20u32 {
                if v.ssh.rekey_soon().await.is_err() {
                    return Some(i);
                }
                if v.ch.data_bytes(vec![b'1' + (i % 2) as u8]).await.is_err() {
                    return Some(i);
                }
                sleep(Duration::from_millis(50)).await;
                if v.ssh.is_closed() {
                    return Some(i);
                }
            }
            None
        }));
    }
    for round in 0..6 {
        still_served(&mut visitor, round).await;
    }
    for r in rekeyers {
        let cut = r
            .await
            .unwrap()
            .expect("a client rekeying in a loop is cut off");
        assert!(cut <= 12, "cut after {cut} rekeys");
    }
    assert!(
        server
            .log_has("closed a connection: too many key exchanges")
            .await
    );
    still_served(&mut visitor, 2).await;
    drop(visitor);
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_is_closed_when_its_last_channel_ends() {
    let server = Server::start(&["--lang", "en"]);
    let baseline = server.sockets();
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    // Twenty connections that have a command refused, then sit answering keepalives.
    let mut sitting = Vec::new();
    for n in 0..20 {
        let (ssh, client) = login_from(&format!("127.0.4.{}", n + 1), server.addr).await;
        let mut v = Visitor::channel_on(ssh, client).await;
        v.ch.exec(true, "id").await.unwrap();
        v.closes().await;
        assert!(v.stderr().contains("runs no commands"));
        sitting.push(v);
    }
    still_served(&mut visitor, 2).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while sitting.iter().any(|v| !v.ssh.is_closed()) && Instant::now() < deadline {
        sleep(Duration::from_millis(50)).await;
    }
    let open = sitting.iter().filter(|v| !v.ssh.is_closed()).count();
    assert_eq!(open, 0, "connections still open after their channel ended");
    still_served(&mut visitor, 3).await;
    drop((visitor, sitting));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_fill_the_server() {
    let server = Server::start(&["--per-address", "3", "--max-sessions", "10", "--lang", "en"]);
    let baseline = server.sockets();
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;

    // One address: three walkthroughs, each pressing a key now and then; a fourth
    // connection is turned away before any SSH.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut v = Visitor::open_from("127.0.5.1", server.addr).await;
        v.sees(&step(1)).await;
        held.push(v);
    }
    let tcp = tcp_from("127.0.5.1".parse().unwrap(), server.addr)
        .await
        .unwrap();
    let said = read_all(tcp).await;
    assert!(
        said.contains("too many connections are open from your address"),
        "{said}"
    );

    // Another address, one connection, four channels asking for walkthroughs: three.
    let (ssh, client) = login_from("127.0.5.2", server.addr).await;
    let ssh = Arc::new(ssh);
    let mut shells = Vec::new();
    for _ in 0..4 {
        let v = Visitor::channel_on(ssh.clone(), client.clone()).await;
        v.ch.request_pty(true, "xterm", 80, 24, 0, 0, &[])
            .await
            .unwrap();
        v.ch.request_shell(true).await.unwrap();
        shells.push(v);
    }
    let mut walking = 0;
    for v in &mut shells {
        v.until("a page or a refusal", |v| {
            v.text().contains(&step(1)) || v.text().contains("Too many people")
        })
        .await;
        walking += usize::from(v.text().contains(&step(1)));
    }
    assert_eq!(walking, 3, "walkthroughs for one address");
    for (round, v) in held.iter_mut().enumerate() {
        still_served(v, round as u32).await;
    }
    still_served(&mut visitor, 2).await;
    // Meanwhile everyone else still gets in.
    let mut other = Visitor::open_from("127.0.5.3", server.addr).await;
    other.sees(&step(1)).await;
    drop((held, shells, ssh, visitor, other));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

async fn read_all(mut tcp: tokio::net::TcpStream) -> String {
    let mut all = Vec::new();
    let _ = timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut all),
    )
    .await;
    String::from_utf8_lossy(&all).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sockets_that_never_send_a_banner_block_nobody() {
    // The default login timeout (30 s): the attack would hold the server that long.
    let server = Server::start(&["--max-sessions", "5", "--lang", "en"]);
    let baseline = server.sockets();
    // 300 sockets that say nothing: half from one address, half from 150 others.
    let mut silent = Vec::new();
    for n in 0..300u32 {
        let from = if n < 150 {
            "127.0.6.1".parse().unwrap()
        } else {
            address(20, n)
        };
        if let Ok(tcp) = tcp_from(from, server.addr).await {
            silent.push(tcp);
        }
    }
    sleep(Duration::from_millis(300)).await;
    let most = server.sockets();
    assert!(
        most <= baseline + 26 + 16,
        "{most} sockets (baseline {baseline})"
    );
    // A visitor gets in at once, and so does the next.
    let since = Instant::now();
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    let mut next = Visitor::open_from("127.0.0.3", server.addr).await;
    next.sees(&step(1)).await;
    assert!(since.elapsed() < Duration::from_secs(10));
    still_served(&mut visitor, 2).await;
    assert!(
        server
            .log_has("closed a connection still logging in: made room")
            .await
    );
    drop((visitor, next, silent));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_addresses_locks_nobody_out_and_the_log_stays_small() {
    let server = Server::start(&["--per-minute", "1", "--lang", "en"]);
    let baseline = server.sockets();
    // 4200 addresses (more than the rate limit remembers) each use their one connection of
    // the minute; one address then keeps trying, 1500 times.
    let addr = server.addr;
    let flood = |from: Vec<IpAddr>| async move {
        let mut closed = 0;
        for from in from {
            if let Ok(mut tcp) = tcp_from(from, addr).await {
                let _ = tcp.shutdown().await;
                closed += usize::from(closed_within(&mut tcp, WAIT).await);
            }
        }
        closed
    };
    let mut tasks = Vec::new();
    for part in 0..16u32 {
        let from: Vec<_> = (0..4200u32)
            .filter(|n| n % 16 == part)
            .map(|n| address(30, n))
            .collect();
        tasks.push(tokio::spawn(flood(from)));
    }
    for _ in 0..4 {
        let again = vec!["127.0.7.1".parse().unwrap(); 375];
        tasks.push(tokio::spawn(flood(again)));
    }
    let mut done = 0;
    for t in tasks {
        done += t.await.unwrap();
    }
    assert!(done > 5000, "only {done} connections went through");
    // A second later, one more refusal: its line says how many were left out.
    sleep(Duration::from_millis(1100)).await;
    let tcp = tcp_from("127.0.7.1".parse().unwrap(), addr).await.unwrap();
    assert!(
        read_all(tcp)
            .await
            .contains("too many connections from your address")
    );
    // A visitor from yet another address is let in.
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    still_served(&mut visitor, 2).await;
    // The 1499 refusals made a few lines, and a count of the rest.
    let refused = server.log_count("refused a connection: too many from one address");
    assert!(
        (1..=60).contains(&refused),
        "{refused} lines for the refusals"
    );
    assert!(server.log().contains("more like it, not logged"));
    drop(visitor);
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channels_the_server_ended_free_their_place() {
    let server = Server::start(&["--lang", "en"]);
    let baseline = server.sockets();
    // One connection (as `ssh -M`): a walkthrough in one channel, and six commands after
    // each other in others (as `ssh -S`), each refused in words, none for lack of room.
    let (ssh, client) = login_from("127.0.0.2", server.addr).await;
    let ssh = Arc::new(ssh);
    let mut walk = Visitor::open_on(ssh.clone(), client.clone(), None, 80, 24).await;
    walk.sees(&step(1)).await;
    for n in 0..6 {
        let mut v = Visitor::channel_on(ssh.clone(), client.clone()).await;
        v.ch.exec(true, "id").await.unwrap();
        v.closes().await;
        assert!(v.stderr().contains("runs no commands"), "command {n}");
    }
    still_served(&mut walk, 2).await;
    drop((walk, ssh));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_just_left_are_not_logged_as_timed_out() {
    let server = Server::start(&["--login-timeout", "2", "--lang", "en"]);
    let baseline = server.sockets();
    for _ in 0..3 {
        let (ssh, _client) = login(server.addr).await;
        drop(ssh);
    }
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
    sleep(Duration::from_millis(2500)).await;
    assert!(
        !server.log().contains("no terminal asked for in time"),
        "{}",
        server.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_waits_for_no_half_open_connection() {
    let mut server = Server::start(&["--lang", "en"]);
    let mut visitor = Visitor::open_from("127.0.0.2", server.addr).await;
    visitor.sees(&step(1)).await;
    // Half-open connections: one that never says a word, one stuck in its key exchange,
    // and a visitor whose machine stopped reading with frames still to come.
    let mut silent = tcp_from("127.0.8.3".parse().unwrap(), server.addr)
        .await
        .unwrap();
    let mut stuck = tcp_from("127.0.8.1".parse().unwrap(), server.addr)
        .await
        .unwrap();
    stuck.write_all(&banner_and_kexinit()).await.unwrap();
    let tcp = tcp_from("127.0.8.2".parse().unwrap(), server.addr)
        .await
        .unwrap();
    let stream = Pausable::new(tcp);
    let pause = stream.paused.clone();
    let (ssh, client) = login_over(stream).await;
    let mut frozen = Visitor::open_on(ssh, client, None, 80, 24).await;
    frozen.sees(&step(1)).await;
    pause.set(true);
    for cols in 81..120 {
        let _ = timeout(
            Duration::from_millis(100),
            frozen.ch.window_change(cols, 40, 0, 0),
        )
        .await;
    }

    let since = std::time::Instant::now();
    let status = server.terminate();
    let took = since.elapsed();
    assert_eq!(status.code(), Some(0));
    // It used to wait 5 s for the silent one, then give up.
    assert!(took < Duration::from_secs(3), "stopping took {took:?}");
    visitor.closes().await;
    assert!(visitor.text().contains("The server is stopping now."));
    assert!(closed_within(&mut stuck, Duration::from_secs(1)).await);
    assert!(closed_within(&mut silent, Duration::from_secs(1)).await);
    pause.set(false);
}

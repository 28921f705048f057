//! `bezwaar serve --proxy-protocol` behind a load balancer: the PROXY header (versions 1 and
//! 2) says who the visitor is, and the per-address limits count that address, not the
//! balancer's. Then two replicas behind a real HAProxy (Debian's package: `.ci/run` installs
//! it), sharing one host key: visitors land on both and see the same fingerprint, and when one
//! replica stops, the other goes on serving.

mod serve_support;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serve_support::*;
use tokio::io::AsyncWriteExt;
use tokio::time::{Instant, sleep};

/// A PROXY version 1 header for a visitor at `from`.
fn v1(from: &str, to: SocketAddr) -> Vec<u8> {
    format!("PROXY TCP4 {from} {} 50000 {}\r\n", to.ip(), to.port()).into_bytes()
}

/// A PROXY version 2 header for a visitor at `from`.
fn v2(from: &str, to: SocketAddr) -> Vec<u8> {
    use ppp::v2::{Builder, Command, Protocol, Version};
    let from: SocketAddr = format!("{from}:50000").parse().unwrap();
    Builder::with_addresses(Version::Two | Command::Proxy, Protocol::Stream, (from, to))
        .build()
        .unwrap()
}

/// Connects as the balancer would: the header, then the visitor's SSH.
async fn through(header: Vec<u8>, addr: SocketAddr) -> tokio::net::TcpStream {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    tcp.write_all(&header).await.unwrap();
    tcp
}

async fn read_all(mut tcp: tokio::net::TcpStream) -> String {
    let mut all = Vec::new();
    let _ = tokio::time::timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_end(&mut tcp, &mut all),
    )
    .await;
    String::from_utf8_lossy(&all).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_header_says_who_the_visitor_is() {
    let server = Server::start(&["--proxy-protocol", "--per-address", "1", "--lang", "en"]);
    let baseline = server.sockets();
    let addr = server.addr;

    // Two visitors at two addresses, one header of each version: both get the walkthrough,
    // although both connections come from 127.0.0.1, which may hold only one.
    let (ssh, client) =
        login_over(Pausable::new(through(v1("203.0.113.7", addr), addr).await)).await;
    let mut a = Visitor::open_on(ssh, client, None, 80, 24).await;
    a.sees(&step(1)).await;
    let (ssh, client) =
        login_over(Pausable::new(through(v2("203.0.113.8", addr), addr).await)).await;
    let mut b = Visitor::open_on(ssh, client, None, 80, 24).await;
    b.sees(&step(1)).await;

    // A second connection from the first visitor's address is over its limit of one.
    let said = read_all(through(v2("203.0.113.7", addr), addr).await).await;
    assert!(
        said.contains("too many connections are open from your address"),
        "{said:?}"
    );
    // Without a header, or with a broken one: closed, without a word of SSH.
    let plain = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut plain = plain;
    plain.write_all(b"SSH-2.0-OpenSSH_9.2\r\n").await.unwrap();
    assert_eq!(read_all(plain).await, "");
    let said = read_all(through(b"PROXY TCP4 nonsense\r\n".to_vec(), addr).await).await;
    assert_eq!(said, "");
    assert!(
        server
            .log_has("closed a connection: no valid PROXY header")
            .await
    );
    // The balancer's own health checks (v2 LOCAL, v1 UNKNOWN) get no walkthrough, not even
    // the SSH greeting: the connection closes after the header, whatever follows it.
    let local = {
        use ppp::v2::{Addresses, Builder, Command, Protocol, Version};
        Builder::with_addresses(
            Version::Two | Command::Local,
            Protocol::Unspecified,
            Addresses::Unspecified,
        )
        .build()
        .unwrap()
    };
    for header in [local, b"PROXY UNKNOWN\r\n".to_vec()] {
        let mut tcp = through(header, addr).await;
        let _ = tcp.write_all(b"SSH-2.0-OpenSSH_9.2\r\n").await;
        let said = read_all(tcp).await;
        assert_eq!(said, "", "a health check got {said:?}");
    }
    // And the log does not name the visitors' addresses.
    assert!(!server.log().contains("203.0.113"), "{}", server.log());

    a.goes_to(2).await;
    b.goes_to(3).await;
    drop((a, b));
    assert_eq!(server.sockets_fall_to(baseline).await, baseline);
}

/// A loopback port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// HAProxy, from Debian's package.
fn haproxy() -> PathBuf {
    which("haproxy")
        .or_else(|| Some(PathBuf::from("/usr/sbin/haproxy")).filter(|p| p.is_file()))
        .expect("this test needs HAProxy: apt-get install haproxy (.ci/run installs it)")
}

struct Balancer {
    child: Child,
    addr: SocketAddr,
    /// HAProxy's stats socket, to ask which replicas it counts as up.
    stats: PathBuf,
    _dir: tempfile::TempDir,
}

impl Balancer {
    /// HAProxy on a free loopback port in front of `a` (PROXY version 1) and `b` (version 2),
    /// round robin, checking each every 200 ms (down after three failed checks, so a slow
    /// moment on a busy machine is not an outage) and sending a failed connection to the
    /// other. Returns once HAProxy counts both as up.
    async fn start(a: SocketAddr, b: SocketAddr) -> Balancer {
        Balancer::start_with(a, b, None).await
    }

    /// The same, and with `own` ports, each straight to one replica: a's and b's own public
    /// ports, as in deploy/haproxy.cfg, for the lines that must reach the replica that holds
    /// a walk.
    async fn start_with(a: SocketAddr, b: SocketAddr, own: Option<(u16, u16)>) -> Balancer {
        let port = free_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let own = own.map_or(String::new(), |(pa, pb)| {
            format!(
                "frontend ssh-a
    bind 127.0.0.1:{pa}
    default_backend bezwaar-a
frontend ssh-b
    bind 127.0.0.1:{pb}
    default_backend bezwaar-b
backend bezwaar-a
    server a {a} send-proxy check check-send-proxy inter 200ms fall 3 rise 1
backend bezwaar-b
    server b {b} send-proxy-v2 check check-send-proxy inter 200ms fall 3 rise 1
"
            )
        });
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("haproxy.cfg");
        let stats = dir.path().join("stats.sock");
        std::fs::write(
            &config,
            format!(
                "global
    maxconn 500
    stats socket {stats}
defaults
    mode tcp
    timeout connect 2s
    timeout client 2m
    timeout server 2m
    retries 3
    option redispatch 1
frontend ssh
    bind {addr}
    default_backend bezwaar
backend bezwaar
    balance roundrobin
    server a {a} send-proxy check check-send-proxy inter 200ms fall 3 rise 1
    server b {b} send-proxy-v2 check check-send-proxy inter 200ms fall 3 rise 1
{own}",
                stats = stats.display()
            ),
        )
        .unwrap();
        let child = Command::new(haproxy())
            .arg("-db")
            .arg("-f")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("haproxy starts");
        let deadline = Instant::now() + WAIT;
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(Instant::now() < deadline, "haproxy did not start listening");
            sleep(Duration::from_millis(50)).await;
        }
        let balancer = Balancer {
            child,
            addr,
            stats,
            _dir: dir,
        };
        balancer.wait_up(&["a", "b"]).await;
        balancer
    }

    /// What HAProxy says of each replica ("UP", "DOWN", …), from `show stat` on its socket.
    async fn states(&self) -> Vec<(String, String)> {
        use tokio::io::AsyncReadExt;
        let Ok(mut socket) = tokio::net::UnixStream::connect(&self.stats).await else {
            return vec![];
        };
        socket.write_all(b"show stat\n").await.unwrap();
        let mut csv = String::new();
        let _ = socket.read_to_string(&mut csv).await;
        let mut lines = csv.lines();
        let header: Vec<&str> = lines
            .next()
            .unwrap_or("")
            .trim_start_matches("# ")
            .split(',')
            .collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (Some(proxy), Some(server), Some(status)) =
            (col("pxname"), col("svname"), col("status"))
        else {
            return vec![];
        };
        lines
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|f| f.get(proxy) == Some(&"bezwaar"))
            .filter_map(|f| Some((f.get(server)?.to_string(), f.get(status)?.to_string())))
            .collect()
    }

    /// Waits until HAProxy counts each of `servers` as up.
    async fn wait_up(&self, servers: &[&str]) {
        let deadline = Instant::now() + WAIT;
        loop {
            let states = self.states().await;
            let up = |name: &str| {
                states
                    .iter()
                    .any(|(s, st)| s == name && st.starts_with("UP"))
            };
            if servers.iter().all(|s| up(s)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "HAProxy never counted {servers:?} up: {states:?}"
            );
            sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_behind_haproxy_share_the_work_and_the_host_key() {
    let flags = ["--proxy-protocol", "--per-address", "1", "--lang", "en"];
    let mut a = Server::start(&flags);
    let shared_key = tempfile::tempdir().unwrap();
    std::fs::copy(a.key_path(), shared_key.path().join("host_key")).unwrap();
    let b = Server::start_in(shared_key, &flags);
    let key = fingerprint(&a.log());
    assert_eq!(fingerprint(&b.log()), key, "one host key for both");
    let balancer = Balancer::start(a.addr, b.addr).await;

    // Four visitors at four addresses: all through HAProxy, so all from 127.0.0.1 as far
    // as TCP goes; the replicas count them by the address in the PROXY header.
    let mut visitors = Vec::new();
    for n in 1..=4 {
        let mut v = Visitor::open_from(&format!("127.0.9.{n}"), balancer.addr).await;
        v.sees(&step(1)).await;
        assert_eq!(
            v.client.server_key.lock().unwrap().as_deref(),
            Some(key.as_str()),
            "the same fingerprint on every replica"
        );
        visitors.push(v);
    }
    assert!(a.log_has("session started (2 active)").await, "{}", a.log());
    assert!(b.log_has("session started (2 active)").await, "{}", b.log());

    // One address, three connections: one on each replica, the third over the limit of
    // one on whichever replica it lands.
    let (first, _) = login_from("127.0.9.9", balancer.addr).await;
    let (second, _) = login_from("127.0.9.9", balancer.addr).await;
    let third = tcp_from("127.0.9.9".parse().unwrap(), balancer.addr)
        .await
        .unwrap();
    let said = read_all(third).await;
    assert!(
        said.contains("too many connections are open from your address"),
        "{said:?}"
    );
    drop((first, second));

    // Stopping replica a: its visitors are told, and everyone after them lands on b.
    assert_eq!(a.terminate().code(), Some(0));
    // (a has exited: what it said is already on the way.)
    let mut on_b = Vec::new();
    for mut v in visitors {
        let deadline = Instant::now() + Duration::from_secs(1);
        while !v.closed && Instant::now() < deadline {
            if let Ok(msg) = tokio::time::timeout(Duration::from_millis(100), v.ch.wait()).await {
                v.take(msg);
            }
        }
        if v.closed {
            assert!(
                v.text().contains("The server is stopping now."),
                "{}",
                v.text()
            );
        } else {
            on_b.push(v);
        }
    }
    assert_eq!(on_b.len(), 2, "two visitors were on b");
    for n in 20..24 {
        let mut v = Visitor::open_from(&format!("127.0.9.{n}"), balancer.addr).await;
        v.sees(&step(1)).await;
        v.goes_to(2).await;
        on_b.push(v);
    }
    for v in &mut on_b {
        v.goes_to(3).await;
    }
    assert!(b.log_has("session started (6 active)").await, "{}", b.log());
}

/// The port in an ssh line (`ssh -p PORT user@host`).
fn port_in(line: &str) -> u16 {
    let (_, rest) = line.split_once("-p ").expect("a port in the line");
    rest.split_whitespace().next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn look_along_and_come_back_reach_the_replica_that_holds_the_walk() {
    // Each replica has its own public port on the balancer, straight to it, and says so in
    // the lines it gives (--public-address).
    let (pa, pb) = (free_port(), free_port());
    let flags = |own: u16| {
        vec![
            "--proxy-protocol".to_owned(),
            "--lang".to_owned(),
            "en".to_owned(),
            "--public-address".to_owned(),
            format!("127.0.0.1:{own}"),
        ]
    };
    let fa = flags(pa);
    let fb = flags(pb);
    let a = Server::start(&fa.iter().map(String::as_str).collect::<Vec<_>>());
    let shared_key = tempfile::tempdir().unwrap();
    std::fs::copy(a.key_path(), shared_key.path().join("host_key")).unwrap();
    let b = Server::start_in(
        shared_key,
        &fb.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let balancer = Balancer::start_with(a.addr, b.addr, Some((pa, pb))).await;
    let shared = balancer.addr;

    // Two people through the shared port, round robin: one on each replica. Each invites a
    // helper; the line names its own replica's port, and the helper who types it (through
    // the balancer) is asked about on that person's screen.
    for n in 0..2u8 {
        let mut person = Visitor::open_from(&format!("127.0.15.{}", n + 1), shared).await;
        person.sees(&step(1)).await;
        let (_, user, line) = serve_support::look::invite(&mut person).await;
        let own = port_in(&line);
        assert!(own == pa || own == pb, "{line}");
        let own_addr: SocketAddr = format!("127.0.0.1:{own}").parse().unwrap();
        let mut helper = Visitor::open_as(own_addr, &user, Some("en_GB.UTF-8"), 80, 24).await;
        helper
            .sees("Please wait. The other person must say yes first.")
            .await;
        serve_support::look::asked(&mut person).await;
        let mut helper = serve_support::look::say_yes(&mut person, helper).await;
        helper.sees(&step(1)).await;
        person.goes_to(3).await;
        helper.sees(&step(3)).await;

        // The person's connection drops; their come-back line names the same port, and
        // brings them back at step 3 through it.
        let (_, back_user, back_line) = serve_support::look::come_back_code(&mut person).await;
        assert_eq!(port_in(&back_line), own, "{back_line}");
        drop(helper);
        let _ = person
            .ssh
            .disconnect(russh::Disconnect::ByApplication, "", "en")
            .await;
        drop(person);
        let mut back = Visitor::open_as(own_addr, &back_user, Some("en_US.UTF-8"), 80, 24).await;
        back.sees("Welcome back! You were at step 3").await;
    }
    assert!(a.log_has("look-along started").await);
    assert!(b.log_has("look-along started").await);
}

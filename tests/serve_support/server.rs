//! The server: the real `bezwaar` binary as a process, and what can be seen of it from
//! outside (its log, its open sockets, its memory, its exit).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use super::WAIT;

pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    pub log: Arc<Mutex<String>>,
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        Server::start_in(dir, extra)
    }

    /// A server whose visitors start in Meta's walkthrough (unless `extra` names a script or
    /// a walkthrough of its own).
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let own = extra.contains(&"--script") || extra.contains(&"--walkthrough");
        let meta: &[&str] = if own {
            &[]
        } else {
            &["--walkthrough", "meta-ai"]
        };
        Server::spawn(dir, &[meta, extra].concat())
    }

    /// A server as `bezwaar serve` starts by default: every visitor starts at the chooser.
    pub fn start_every(extra: &[&str]) -> Server {
        Server::spawn(tempfile::tempdir().unwrap(), extra)
    }

    fn spawn(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
            .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.path().join("host_key"))
            .args(extra)
            // The server's own locale is the fallback language: keep it out of the tests.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the bezwaar binary starts");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some((_, rest)) = line.split_once("listening on ")
                    && let Some((addr, _)) = rest.split_once(": ")
                {
                    let _ = tx.send(addr.parse::<SocketAddr>().unwrap());
                }
                let mut log = lines.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(WAIT) {
            Ok(addr) => addr,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start: {}", log.lock().unwrap());
            }
        };
        Server {
            child,
            addr,
            log,
            dir,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn key_path(&self) -> PathBuf {
        self.dir.path().join("host_key")
    }

    /// SIGTERM, then the exit status (within a bound).
    pub fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        wait_exit(&mut self.child, WAIT).expect("the server exits after SIGTERM")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The sockets the server's process has open now (its listener, its runtime's own, and
    /// one per connection), counted in /proc/PID/fd.
    pub fn sockets(&self) -> usize {
        let Ok(dir) = std::fs::read_dir(format!("/proc/{}/fd", self.child.id())) else {
            return 0;
        };
        dir.filter_map(Result::ok)
            .filter_map(|e| std::fs::read_link(e.path()).ok())
            .filter(|l| l.to_string_lossy().starts_with("socket:"))
            .count()
    }

    /// Waits (bounded) until the server has at most `n` sockets open; returns how many it has.
    pub async fn sockets_fall_to(&self, n: usize) -> usize {
        let deadline = Instant::now() + WAIT;
        loop {
            let open = self.sockets();
            if open <= n || Instant::now() >= deadline {
                return open;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// How many lines of the log contain `what`.
    pub fn log_count(&self, what: &str) -> usize {
        self.log().lines().filter(|l| l.contains(what)).count()
    }

    /// Waits (bounded) until the log has `what`.
    pub async fn log_has(&self, what: &str) -> bool {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.log().contains(what) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the server's log:\n{}", self.log());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_exit(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// The server's resident memory in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

pub fn fingerprint(log: &str) -> String {
    let (_, rest) = log
        .split_once("fingerprint ")
        .expect("the fingerprint is logged");
    rest.split_whitespace().next().unwrap().to_owned()
}

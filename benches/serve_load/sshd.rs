//! OpenSSH's side: sshd (Debian's package) on a loopback port with a throwaway config that
//! runs `bezwaar` for every login, and the memory of every process it starts for the crowd.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;

use super::{Measured, memory};
use crate::crowd::{Login, crowd};

/// Every process below `root` (not `root` itself).
fn descendants(root: u32) -> Vec<u32> {
    let mut parent: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parent.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(parent.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    found.remove(0);
    found
}

/// OpenSSH's sshd with a throwaway config on a free loopback port, running `bezwaar` for
/// every login; None (with the reason printed) when there is no sshd here.
pub fn sshd(visitors: usize) -> Option<Measured> {
    let binary = PathBuf::from("/usr/sbin/sshd");
    if !binary.is_file() {
        println!(
            "OpenSSH's sshd is not installed (apt-get install openssh-server): its side is left out"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let write_key = |path: &Path, key: &PrivateKey| {
        use std::os::unix::fs::OpenOptionsExt;
        let text = key
            .to_openssh(russh::keys::ssh_key::LineEnding::LF)
            .unwrap();
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    };
    let mut rng = rand::rng();
    let host = PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    let visitor = PrivateKey::random(&mut rng, russh::keys::Algorithm::Ed25519).unwrap();
    write_key(&dir.path().join("host_key"), &host);
    std::fs::write(
        dir.path().join("authorized_keys"),
        visitor.public_key().to_openssh().unwrap() + "\n",
    )
    .unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = dir.path().display();
    let config = dir.path().join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}
ListenAddress 127.0.0.1
HostKey {d}/host_key
PidFile {d}/sshd.pid
AuthorizedKeysFile {d}/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitTTY yes
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
MaxStartups 1000
LogLevel ERROR
AcceptEnv LANG
ForceCommand exec env HOME={} {} --walkthrough meta-ai --lang en --no-save
",
            home.display(),
            env!("CARGO_BIN_EXE_bezwaar"),
        ),
    )
    .unwrap();
    // Debian's sshd wants its privilege separation directory (its service makes it too).
    let _ = std::fs::create_dir_all("/run/sshd");
    let mut child = Command::new(&binary)
        .arg("-D")
        .arg("-e")
        .arg("-f")
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sshd starts");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            println!("sshd did not start listening: its side is left out");
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = child.id();
    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    let login = Login::Key(user, Arc::new(visitor));
    let counted = Arc::new(AtomicU64::new(0));
    let count = counted.clone();
    let crowd = crowd(addr, login, visitors, 0, (80, 24), (0, 1), move || {
        let all = descendants(pid);
        count.store(all.len() as u64, Ordering::SeqCst);
        all.into_iter()
            .map(memory)
            .fold((0, 0), |(r, p), (r2, p2)| (r + r2, p + p2))
    });
    let processes = counted.load(Ordering::SeqCst);
    let per = |all: u64| all as f64 / visitors.max(1) as f64;
    let per_visitor = (per(crowd.with_all.0), per(crowd.with_all.1));
    let _ = child.kill();
    let _ = child.wait();
    Some(Measured {
        name: "OpenSSH sshd + ForceCommand bezwaar, 80x24".into(),
        visitors,
        notes: vec![format!(
            "{processes} processes for the {visitors} visitors (sshd's own for each, and its bezwaar)"
        )],
        crowd,
        per_visitor,
    })
}

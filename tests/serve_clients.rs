//! Every common SSH client gets the walkthrough from `bezwaar serve`: paramiko (also "none"
//! first, then keyboard-interactive or a password, on the same connection), asyncssh, and
//! PuTTY's plink. OpenSSH has its own tests (tests/serve.rs). `.ci/run` installs these
//! clients; without them the tests fail, never skip.
//!
//! Each client runs as its own process, asks for a terminal of 80 x 24 and a shell, and
//! passes what the server sends to its stdout; a vt100 screen shows whether page 1 came.

mod serve_support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serve_support::*;

/// Runs `program` with `args`; its stdout as a terminal shows it, once it holds `want` (then
/// the client is stopped) or after the wait.
fn screen_of(mut command: Command, want: &str) -> String {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?} does not start: {e}"));
    let mut out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = out.read(&mut chunk) {
            if n == 0 || tx.send(chunk[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut vt = vt100::Parser::new(nz(24), nz(80), 0);
    let deadline = Instant::now() + WAIT;
    while !vt.screen().contents().contains(want) && Instant::now() < deadline {
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(100)) {
            vt.process(&bytes);
        }
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    let text = vt.screen().contents();
    assert!(
        text.contains(want),
        "{command:?} ({status}) showed:\n{text}\nstderr:\n{err}"
    );
    text
}

fn python(script: &str, port: u16) -> Command {
    let mut c = Command::new("python3");
    c.args(["-c", script, &port.to_string()]);
    c
}

/// paramiko's Transport, logging in as `login` says, then a terminal and a shell whose
/// output goes to stdout.
const PARAMIKO: &str = r#"
import socket, sys, paramiko
login = sys.argv[2]
t = paramiko.Transport(socket.create_connection(("127.0.0.1", int(sys.argv[1]))))
t.start_client(timeout=10)
if login == "connect":
    c = paramiko.SSHClient()
    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    c.connect("127.0.0.1", int(sys.argv[1]), username="oma", password="x",
              look_for_keys=False, allow_agent=False, timeout=10)
    t = c.get_transport()
else:
    try:
        t.auth_none("oma")
    except paramiko.BadAuthenticationType:
        if login == "interactive":
            t.auth_interactive("oma", lambda title, instructions, prompts: [])
        else:
            t.auth_password("oma", "x")
ch = t.open_session()
ch.get_pty("xterm", 80, 24)
ch.invoke_shell()
ch.settimeout(15)
while True:
    data = ch.recv(4096)
    if not data:
        break
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
"#;

#[test]
fn paramiko_logs_in_whichever_way_a_program_asks() {
    let server = Server::start(&["--lang", "en"]);
    let port = server.addr.port();
    for login in ["interactive", "password", "connect"] {
        let mut c = python(PARAMIKO, port);
        c.arg(login);
        let since = Instant::now();
        screen_of(c, &step(1));
        // It used to wait for the login timeout (30 s).
        assert!(
            since.elapsed() < Duration::from_secs(10),
            "{login}: {:?}",
            since.elapsed()
        );
    }
}

#[test]
fn asyncssh_logs_in() {
    let server = Server::start(&["--lang", "en"]);
    let script = r#"
import asyncio, sys, asyncssh
async def main():
    async with asyncssh.connect("127.0.0.1", int(sys.argv[1]), username="oma",
                                known_hosts=None, client_keys=None, agent_path=None,
                                password="x") as conn:
        proc = await conn.create_process(term_type="xterm", term_size=(80, 24),
                                         encoding=None)
        while True:
            data = await asyncio.wait_for(proc.stdout.read(4096), 15)
            if not data:
                break
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
asyncio.run(main())
"#;
    screen_of(python(script, server.addr.port()), &step(1));
}

#[test]
fn putty_plink_logs_in() {
    let server = Server::start(&["--lang", "en"]);
    let plink = which("plink").expect("this test needs plink: apt-get install putty-tools");
    let key = fingerprint(&server.log());
    let mut c = Command::new(plink);
    c.args(["-ssh", "-batch", "-t", "-P"])
        .arg(server.addr.port().to_string())
        .args(["-hostkey", &key, "oma@127.0.0.1"]);
    screen_of(c, &step(1));
}

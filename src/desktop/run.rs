//! Running a helper program (`loginctl`, `systemctl`, the opener): looked up on PATH, never
//! through a shell, with a deadline (`wait-timeout`), its output read up to a bound, and a
//! command that may outlive us (the opener) started in a session of its own (`process-wrap`).

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// The most of a command's output that is read; the real ones print a few kB.
const OUTPUT_LIMIT: usize = 64 * 1024;

/// What a command did.
pub(super) struct Ran {
    /// None: it had not finished by the deadline.
    pub(super) status: Option<ExitStatus>,
    /// Its stdout (when asked for), at most OUTPUT_LIMIT bytes, a cut-off last line left out.
    pub(super) out: String,
}

/// A command still running at its deadline: stopped (a question), or left to run (an opener
/// that waits for the browser it started; a thread collects its exit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Late {
    Kill,
    /// Left running, and so started in a session of its own: no controlling terminal, so
    /// nothing it starts can open this terminal, and the SIGHUP of a dropped SSH connection
    /// does not reach it.
    Leave,
}

/// Runs `cmd` with stdin and stderr on /dev/null, stdout read (at most OUTPUT_LIMIT bytes)
/// when `capture`, else /dev/null, and waits for its exit (`wait_timeout`: woken by it, no
/// polling) until `deadline`.
pub(super) fn run(
    mut cmd: Command,
    deadline: Instant,
    capture: bool,
    late: Late,
) -> io::Result<Ran> {
    cmd.stdin(Stdio::null()).stderr(Stdio::null());
    cmd.stdout(if capture {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = match late {
        Late::Kill => cmd.spawn()?,
        Late::Leave => spawn_in_own_session(cmd)?,
    };
    let output = child.stdout.take().map(read_bounded);
    let left = deadline.saturating_duration_since(Instant::now());
    let status = match child.wait_timeout(left) {
        Ok(s) => s,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
    };
    if status.is_none() {
        match late {
            Late::Kill => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Late::Leave => {
                // If no thread can be had, it stays a zombie until this process ends.
                let _ = thread::Builder::new()
                    .name("opener-wait".into())
                    .spawn(move || child.wait());
            }
        }
    }
    let mut out = Vec::new();
    if let Some(rx) = output {
        // Something it started may hold the pipe open: wait no longer than the deadline.
        let grace = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(100));
        out = rx.recv_timeout(grace).unwrap_or_default();
    }
    if out.len() > OUTPUT_LIMIT {
        out.truncate(OUTPUT_LIMIT);
        let end = out.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        out.truncate(end);
    }
    Ok(Ran {
        status,
        out: String::from_utf8_lossy(&out).into_owned(),
    })
}

/// Reads up to OUTPUT_LIMIT + 1 bytes on a thread (one more tells that it was cut), then
/// closes the pipe: a command that writes on gets EPIPE.
fn read_bounded(out: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    // Without a thread the pipe closes at once and the command gets EPIPE.
    let _ = thread::Builder::new()
        .name("command-output".into())
        .spawn(move || {
            let mut buf = Vec::new();
            let _ = out.take(OUTPUT_LIMIT as u64 + 1).read_to_end(&mut buf);
            let _ = tx.send(buf);
        });
    rx
}

/// Starts `cmd` in a session of its own (setsid(2) in the child before exec, by
/// process-wrap's `ProcessSession`). Its wrapper, which would wait for and kill the whole
/// process group, is taken off: what the opener starts (a browser) stays in that group and is
/// left alone; only the opener itself is waited for, as any other command.
#[cfg(unix)]
fn spawn_in_own_session(cmd: Command) -> io::Result<Child> {
    use process_wrap::std::{CommandWrap, ProcessSession};
    use std::any::Any;
    let mut wrap = CommandWrap::from(cmd);
    wrap.wrap(ProcessSession);
    let std_child: Box<dyn Any> = wrap.spawn()?.into_inner();
    std_child.downcast::<Child>().map(|c| *c).map_err(|_| {
        // Not reached: ProcessSession wraps std's Child directly.
        io::Error::other("process-wrap gave no std::process::Child")
    })
}

#[cfg(not(unix))]
fn spawn_in_own_session(mut cmd: Command) -> io::Result<Child> {
    cmd.spawn()
}

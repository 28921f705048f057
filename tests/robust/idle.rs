//! Idle, the walkthrough wakes only for the countdown: no busy loop on a quiet page.

use super::*;

/// Sums the context switches of every thread of `pid`: each time one of them woke up.
fn wakeups(pid: u32) -> u64 {
    let mut n = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status = std::fs::read_to_string(task.unwrap().path().join("status")).unwrap();
        for line in status.lines() {
            if let Some(v) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                n += v.trim().parse::<u64>().unwrap();
            }
        }
    }
    n
}

#[test]
#[cfg(target_os = "linux")]
fn idle_it_wakes_only_for_the_countdown() {
    let start = |page: &str, now: &str| {
        let mut p = pty::spawn(&["--lang", "en", "--now", now, "--no-save"], &[], 80, 24);
        p.wait_for(&step(1));
        if page != "1" {
            p.send(page);
            p.wait_for(&step(page));
        }
        p
    };
    // A page without a countdown; the countdown a week off (days and hours: it changes
    // once an hour); the countdown in its last hour (seconds: once a second).
    let mut quiet = start("1", NOW);
    let mut calm = start("3", NOW);
    let mut ticking = start("3", "2025-05-26T23:30:00+02:00");
    // Let the last frame settle, then watch for two seconds.
    thread::sleep(Duration::from_millis(300));
    let pids = [quiet.pid(), calm.pid(), ticking.pid()];
    let before = pids.map(wakeups);
    thread::sleep(Duration::from_secs(2));
    let [q, c, t] = [0, 1, 2].map(|i| wakeups(pids[i]) - before[i]);
    assert!(q == 0, "a page without a countdown woke {q} times in 2 s");
    assert!(c == 0, "a countdown a week off woke {c} times in 2 s");
    // One tick a second: 2 or 3 ticks, a few switches each; far from a busy loop.
    assert!(
        (1..=12).contains(&t),
        "the countdown page woke {t} times in 2 s"
    );
    for p in [&mut quiet, &mut calm, &mut ticking] {
        p.send("qq");
        assert_eq!(p.wait_exit(), 0);
    }
}

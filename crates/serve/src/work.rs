//! What one source's typing may cost the server. Every key a walk takes, and the frames drawn
//! for it, take the server's time: a key in a long field more than one on a page. The CPU
//! time a walk spends on a seat's keys, and on the frame after them (the thread's own, so a
//! busy machine does not make keys dearer), is charged to the seat's source (its address, or
//! its IPv6 /64): [`BURST`] at once (a long reason pasted and erased), then [`PER_SEC`] a
//! second, for each walkthrough `--per-address` lets the source have (0: no limit). Past
//! that, that source's keys wait until it has time again (a seat's keys wait in its own
//! small queue, `seat.rs`; what comes while that is full is dropped): with the default of 10,
//! ten connections from one address pasting as fast as the input limit lets them together
//! take at most 100 ms at once and 25 ms a second of the walk's time, and everyone else's
//! keys go on as before.
//!
//! A person typing costs far less: a key with its frame is well under a millisecond, so even
//! as many people behind one address as `--per-address` lets in, typing at once, stay inside
//! the budget.
//!
//! All sources together have a budget too, [`TOTAL_PER_SEC`] (a quarter of a core): many
//! cheap addresses, each inside its own budget, could otherwise take the whole machine. When
//! it is spent, only sources that spent little of their own lately ([`LIGHT`] of it left, as
//! a person typing has) go on; the heavy ones wait. So a flood from many addresses costs the
//! flooders, never the person typing beside them.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use super::limit::{Budget, NetBlock, refill};

/// Milliseconds of the walk's time a source may take at once, per walkthrough it may have.
pub(super) const BURST: f64 = 10.0;
/// Milliseconds a second after that, per walkthrough it may have.
pub(super) const PER_SEC: f64 = 2.5;

/// Milliseconds a second all sources together may take (a quarter of a core), and at once.
pub(super) const TOTAL_PER_SEC: f64 = 250.0;
pub(super) const TOTAL_BURST: f64 = 250.0;
/// The share of its own budget a source must have left to type while the total is spent.
pub(super) const LIGHT: f64 = 0.5;

#[derive(Debug)]
pub(super) struct Work(Budget);

impl Work {
    /// For sources of `block` that may have `walks` walkthroughs at once (0: no limit).
    pub(super) fn new(block: NetBlock, walks: usize) -> Work {
        Work(Budget::new(
            block,
            walks,
            (BURST, PER_SEC),
            (TOTAL_BURST, TOTAL_PER_SEC),
        ))
    }

    /// Whether `ip`'s source has time left for keys now: its own, and either the server's
    /// (all sources together) or, when that is spent, most of its own still.
    pub(super) fn may(&self, ip: IpAddr, now: Instant) -> bool {
        let each = self.0.each();
        if !each.has(ip, now) {
            return false;
        }
        match self.0.total_left(now) {
            None => true,
            Some(left) => left >= 1.0 || each.has_share(ip, LIGHT, now),
        }
    }

    /// How long `ip`'s source must wait before [`Work::may`] lets it: `None` now. At least a
    /// millisecond (the timer's grain), at most a second (so a changed budget is seen).
    pub(super) fn wait(&self, ip: IpAddr, now: Instant) -> Option<Duration> {
        if self.may(ip, now) {
            return None;
        }
        let each = self.0.each();
        let (burst, per_sec) = each.rates();
        let own = each.level(ip, now);
        // Its own first; then either the total back, or most of its own.
        let for_own = refill(1.0 - own, per_sec);
        let for_total = self
            .0
            .total_left(now)
            .map_or(Duration::ZERO, |left| refill(1.0 - left, TOTAL_PER_SEC));
        let for_share = refill(burst * LIGHT - own, per_sec);
        Some(for_own.max(for_total.min(for_share)))
    }

    /// Charges `spent` (see [`cpu_now`]) to `ip`'s source and to the total (all they have
    /// left, when that is less).
    pub(super) fn spent(&self, ip: IpAddr, spent: Duration, now: Instant) {
        self.0.charge(ip, spent.as_secs_f64() * 1000.0, now);
    }
}

/// This thread's CPU time so far: a walk's keys and frames are worked on in one poll, on one
/// thread, so the difference of two readings is what they cost, however busy the machine.
pub(super) fn cpu_now() -> Duration {
    nix::time::clock_gettime(nix::time::ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map_or(Duration::ZERO, Duration::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_that_worked_too_much_waits_and_others_do_not() {
        let work = Work::new(NetBlock::default(), 5);
        let t = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let a6: IpAddr = "2001:db8::1".parse().unwrap();
        // A paste: 40 ms at once is nothing.
        assert!(work.may(a, t));
        work.spent(a, Duration::from_millis(40), t);
        assert!(work.may(a, t));
        // A flood: a quarter of a second of work, then no more keys...
        work.spent(a, Duration::from_millis(250), t);
        assert!(!work.may(a, t));
        // ...until it has had time again: 12.5 ms a second for 5 walkthroughs, which is
        // what it is told to wait.
        assert!(!work.may(a, t + Duration::from_millis(10)));
        let wait = work.wait(a, t).expect("it waits");
        assert!(wait <= Duration::from_millis(100), "{wait:?}");
        assert!(work.may(a, t + wait));
        assert!(work.may(a, t + Duration::from_millis(100)));
        assert_eq!(work.wait("192.0.2.9".parse().unwrap(), t), None);
        // 0: no limit.
        let free = Work::new(NetBlock::default(), 0);
        free.spent(a, Duration::from_secs(100), t);
        assert!(free.may(a, t));
        // Someone else, and another /64 of the same network's neighbour, are untouched.
        assert!(work.may("192.0.2.2".parse().unwrap(), t));
        work.spent(a6, Duration::from_secs(1), t);
        assert!(
            !work.may("2001:db8::ffff".parse().unwrap(), t),
            "the same /64"
        );
        assert!(work.may("2001:db8:0:1::1".parse().unwrap(), t));
    }

    #[test]
    fn when_all_sources_together_spent_the_total_only_light_ones_go_on() {
        let work = Work::new(NetBlock::default(), 10);
        let t = Instant::now();
        // 30 sources each inside their own budget (100 ms at once), together past the total.
        let heavy: Vec<IpAddr> = (1..=30)
            .map(|i| format!("198.51.100.{i}").parse().unwrap())
            .collect();
        for ip in &heavy {
            assert!(work.may(*ip, t));
            work.spent(*ip, Duration::from_millis(60), t);
        }
        // The total is spent: the heavy ones (40 % of their own left) wait, until the total
        // or their own share is back, whichever comes first...
        assert!(heavy.iter().all(|ip| !work.may(*ip, t)));
        let wait = work.wait(heavy[0], t).expect("it waits");
        assert!(work.may(heavy[0], t + wait), "{wait:?}");
        assert!(wait <= Duration::from_secs(1));
        // ...and a person who typed little goes on, and is charged as usual.
        let person: IpAddr = "203.0.113.7".parse().unwrap();
        assert!(work.may(person, t));
        work.spent(person, Duration::from_millis(1), t);
        assert!(work.may(person, t));
        // After a second the total has come back: everyone types again.
        let later = t + Duration::from_secs(1);
        assert!(heavy.iter().all(|ip| work.may(*ip, later)));
    }

    #[test]
    fn the_threads_cpu_time_counts_work_not_waiting() {
        let start = cpu_now();
        std::thread::sleep(Duration::from_millis(50));
        let slept = cpu_now() - start;
        assert!(slept < Duration::from_millis(20), "{slept:?}");
        let start = cpu_now();
        let mut x = 0u64;
        let t = Instant::now();
        while t.elapsed() < Duration::from_millis(30) {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        assert!(cpu_now() - start > Duration::from_millis(5));
    }
}

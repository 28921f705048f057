//! The per-address connection-rate limit: a token bucket per address, so a burst of honest
//! visitors behind one router (a community centre) gets in, and a script that reconnects in a
//! loop is turned away before any cryptography is spent on it.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many addresses are remembered at most. Past this, addresses whose bucket is full again
/// are forgotten; if that is not enough (a flood from very many addresses), new addresses are
/// turned away until it is.
const MAX_TRACKED: usize = 4096;

#[derive(Debug)]
pub struct RateLimit {
    /// New connections per minute per address, and the burst allowed at once; 0: no limit.
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimit {
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a new connection from `ip` may go on now; counts it when it may.
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        if self.per_minute == 0 {
            return true;
        }
        let full = f64::from(self.per_minute);
        let refill = |b: &Bucket| {
            let secs = now.saturating_duration_since(b.at).as_secs_f64();
            (b.tokens + secs * full / 60.0).min(full)
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let key = key(ip);
        if !buckets.contains_key(&key) && buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| refill(b) < full);
            if buckets.len() >= MAX_TRACKED {
                return false;
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: full,
            at: now,
        });
        let tokens = refill(bucket);
        let allowed = tokens >= 1.0;
        *bucket = Bucket {
            tokens: if allowed { tokens - 1.0 } else { tokens },
            at: now,
        };
        allowed
    }

    /// How long until `ip` may connect again (for tests and the log); zero when it may now.
    pub fn wait(&self, ip: IpAddr, now: Instant) -> Duration {
        if self.per_minute == 0 {
            return Duration::ZERO;
        }
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let Some(b) = buckets.get(&key(ip)) else {
            return Duration::ZERO;
        };
        let per_sec = f64::from(self.per_minute) / 60.0;
        let secs = now.saturating_duration_since(b.at).as_secs_f64();
        let missing = 1.0 - (b.tokens + secs * per_sec);
        Duration::from_secs_f64((missing / per_sec).max(0.0))
    }
}

/// The key an address is counted under: IPv4 as it is (also when mapped into IPv6); IPv6 by
/// its /64, since one home or phone gets a whole /64 to pick addresses from.
fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_burst_gets_in_then_one_per_interval() {
        let limit = RateLimit::new(6); // one every 10 s, six at once
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        for i in 0..6 {
            assert!(limit.allow(a, t0), "connection {i} of the burst");
        }
        assert!(!limit.allow(a, t0), "the seventh at once is refused");
        assert!(!limit.allow(a, t0 + Duration::from_secs(9)));
        assert!(limit.wait(a, t0 + Duration::from_secs(9)) > Duration::ZERO);
        assert!(limit.allow(a, t0 + Duration::from_secs(10)));
        assert!(!limit.allow(a, t0 + Duration::from_secs(11)));
        // A minute later the whole burst is back.
        let later = t0 + Duration::from_secs(80);
        assert_eq!(limit.wait(a, later), Duration::ZERO);
        for _ in 0..6 {
            assert!(limit.allow(a, later));
        }
    }

    #[test]
    fn addresses_are_counted_apart_but_an_ipv6_64_is_one() {
        let limit = RateLimit::new(1);
        let t = Instant::now();
        assert!(limit.allow(ip("192.0.2.1"), t));
        assert!(!limit.allow(ip("192.0.2.1"), t));
        assert!(limit.allow(ip("192.0.2.2"), t));
        assert!(!limit.allow(ip("::ffff:192.0.2.2"), t), "v4-mapped is v4");
        assert!(limit.allow(ip("2001:db8:1:2::1"), t));
        assert!(!limit.allow(ip("2001:db8:1:2:ffff::9"), t), "same /64");
        assert!(limit.allow(ip("2001:db8:1:3::1"), t), "another /64");
    }

    #[test]
    fn zero_means_no_limit() {
        let limit = RateLimit::new(0);
        let t = Instant::now();
        assert!((0..10_000).all(|_| limit.allow(ip("127.0.0.1"), t)));
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_addresses() {
        let limit = RateLimit::new(1);
        let t = Instant::now();
        for i in 0..(MAX_TRACKED as u32 + 100) {
            limit.allow(IpAddr::V4(i.into()), t);
        }
        assert!(limit.buckets.lock().unwrap().len() <= MAX_TRACKED);
        // A minute on, the old buckets are full again and make room.
        let later = t + Duration::from_secs(61);
        assert!(limit.allow(ip("198.51.100.7"), later));
        assert!(limit.buckets.lock().unwrap().len() <= MAX_TRACKED);
    }
}

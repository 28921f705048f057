//! Limits per address: how often one may connect (a token bucket per address, so a burst of
//! honest visitors behind one router gets in, and a script that reconnects in a loop is turned
//! away before any cryptography is spent on it), and how many connections and walkthroughs one
//! may hold at once.
//!
//! An address is counted by its [`NetBlock`]: by default IPv4 as it is, IPv6 by its /64 (as
//! OpenSSH's `PerSourceNetBlockSize 32:64`).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many addresses the rate limit remembers at most. Past this, the addresses whose bucket
/// is full again are forgotten, and if that is not enough (a flood from very many addresses),
/// the least suspicious eighth: those with the most left in their bucket (of equals, the one
/// seen longest ago). A forgotten address starts afresh with a full bucket. Cycling through
/// many addresses that each connect once so forgets only such addresses, never one that used
/// up its budget (a loop); and a flood can never turn everyone away.
const MAX_TRACKED: usize = 4096;

/// How addresses are grouped into one source: IPv4 by its first `v4` bits, IPv6 by its first
/// `v6` (`--per-source-net-block`; OpenSSH's `PerSourceNetBlockSize`). One home or phone
/// gets a whole IPv6 /64 to pick addresses from, so /64 is the least that makes sense there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetBlock {
    pub v4: u8,
    pub v6: u8,
}

impl Default for NetBlock {
    fn default() -> NetBlock {
        NetBlock { v4: 32, v6: 64 }
    }
}

impl std::str::FromStr for NetBlock {
    type Err = String;

    /// `64` (the IPv6 prefix; IPv4 addresses each their own) or `V4:V6`, e.g. `24:48`.
    fn from_str(s: &str) -> Result<NetBlock, String> {
        let bits = |t: &str, max: u8| {
            t.trim()
                .parse::<u8>()
                .ok()
                .filter(|&n| (1..=max).contains(&n))
                .ok_or_else(|| format!("{t:?} is not a prefix length from 1 to {max}"))
        };
        match s.split_once(':') {
            Some((v4, v6)) => Ok(NetBlock {
                v4: bits(v4, 32)?,
                v6: bits(v6, 128)?,
            }),
            None => Ok(NetBlock {
                v6: bits(s, 128)?,
                ..NetBlock::default()
            }),
        }
    }
}

impl NetBlock {
    /// The source an address is counted under: the address with all but the block's bits
    /// zero. IPv4 mapped into IPv6 counts as IPv4.
    pub fn key(self, ip: IpAddr) -> IpAddr {
        match ip {
            IpAddr::V4(v4) => IpAddr::V4(Ipv4Addr::from(mask32(u32::from(v4), self.v4))),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => self.key(IpAddr::V4(v4)),
                None => IpAddr::V6(Ipv6Addr::from(mask128(u128::from(v6), self.v6))),
            },
        }
    }
}

fn mask32(n: u32, bits: u8) -> u32 {
    n & u32::MAX
        .checked_shl(32 - u32::from(bits.min(32)))
        .unwrap_or(0)
}

fn mask128(n: u128, bits: u8) -> u128 {
    n & u128::MAX
        .checked_shl(128 - u32::from(bits.min(128)))
        .unwrap_or(0)
}

/// A token bucket: `burst` at once, refilled at `per_sec`. Also used for the per-connection
/// budgets (key exchanges, channels) and the log.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub(super) fn full(burst: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: burst,
            at: now,
        }
    }

    pub(super) fn level(&self, burst: f64, per_sec: f64, now: Instant) -> f64 {
        let secs = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + secs * per_sec).min(burst)
    }

    /// Takes one token if there is one.
    pub(super) fn take(&mut self, burst: f64, per_sec: f64, now: Instant) -> bool {
        self.spend(1.0, burst, per_sec, now)
    }

    /// Takes `amount` tokens if there are as many.
    pub(super) fn spend(&mut self, amount: f64, burst: f64, per_sec: f64, now: Instant) -> bool {
        let tokens = self.level(burst, per_sec, now);
        let allowed = tokens >= amount;
        *self = Bucket {
            tokens: if allowed { tokens - amount } else { tokens },
            at: now,
        };
        allowed
    }
}

/// How long until `missing` has come back at `per_sec` into a budget: at least a millisecond
/// (the timer's grain), at most a second (so a changed budget is seen).
pub(super) fn refill(missing: f64, per_sec: f64) -> Duration {
    Duration::from_secs_f64((missing / per_sec).clamp(0.001, 1.0))
}

/// A budget per source and one for all sources together: the bytes the server reads
/// (`reads.rs`) and the walk's time (`work.rs`). What a source spends comes off both; while
/// the total is spent, its users decide who goes on (a source with most of its own left).
#[derive(Debug)]
pub(super) struct Budget {
    each: RateLimit,
    /// All sources together, its burst and its rate; `None` without a limit.
    total: Option<(Mutex<Bucket>, f64, f64)>,
}

impl Budget {
    /// For sources of `block` that may have `walks` walkthroughs at once (0: no limit): each
    /// source `each` (at once, a second) for every walkthrough, all together `total`.
    pub(super) fn new(
        block: NetBlock,
        walks: usize,
        each: (f64, f64),
        total: (f64, f64),
    ) -> Budget {
        let n = walks as f64;
        Budget {
            each: RateLimit::with_rate(each.0 * n, each.1 * n, block),
            total: (walks > 0).then(|| {
                (
                    Mutex::new(Bucket::full(total.0, Instant::now())),
                    total.0,
                    total.1,
                )
            }),
        }
    }

    /// The source's own budget.
    pub(super) fn each(&self) -> &RateLimit {
        &self.each
    }

    /// What all sources together have left now; `None` without a limit.
    pub(super) fn total_left(&self, now: Instant) -> Option<f64> {
        let (total, burst, per_sec) = self.total.as_ref()?;
        Some(lock(total).level(*burst, *per_sec, now))
    }

    /// Charges `amount` to `ip`'s source and to the total (all they have left, when that is
    /// less).
    pub(super) fn charge(&self, ip: IpAddr, amount: f64, now: Instant) {
        self.each.charge(ip, amount, now);
        if let Some((total, burst, per_sec)) = &self.total {
            let mut total = lock(total);
            let left = total.level(*burst, *per_sec, now);
            total.spend(amount.min(left), *burst, *per_sec, now);
        }
    }
}

fn lock(total: &Mutex<Bucket>) -> std::sync::MutexGuard<'_, Bucket> {
    total.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug)]
pub struct RateLimit {
    /// What an address may spend at once (0: no limit), and how fast that comes back.
    burst: f64,
    per_sec: f64,
    block: NetBlock,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimit {
    /// `per_minute` new connections a minute per address, as many at once; 0: no limit.
    pub fn new(per_minute: u32, block: NetBlock) -> RateLimit {
        let full = f64::from(per_minute);
        RateLimit::with_rate(full, full / 60.0, block)
    }

    /// `burst` at once per address, then `per_sec` a second; a burst of 0: no limit.
    pub fn with_rate(burst: f64, per_sec: f64, block: NetBlock) -> RateLimit {
        RateLimit {
            burst,
            per_sec,
            block,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a new connection from `ip` may go on now; counts it when it may.
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        self.spend(ip, 1.0, now)
    }

    /// Takes `amount` from `ip`'s budget if it has as much; false (and nothing taken) when
    /// not.
    pub fn spend(&self, ip: IpAddr, amount: f64, now: Instant) -> bool {
        self.with_bucket(ip, now, true, |b, full, per_sec| {
            b.spend(amount, full, per_sec, now)
        })
    }

    /// Takes `amount` from `ip`'s budget, or all it has when that is less: what a wrong code
    /// costs an address that has little left.
    pub fn charge(&self, ip: IpAddr, amount: f64, now: Instant) {
        self.with_bucket(ip, now, true, |b, full, per_sec| {
            let left = b.level(full, per_sec, now);
            b.spend(amount.min(left), full, per_sec, now)
        });
    }

    /// Whether `ip` has at least `share` of its whole budget left (0 to 1), without taking
    /// any: a source that spent little lately.
    pub fn has_share(&self, ip: IpAddr, share: f64, now: Instant) -> bool {
        self.with_bucket(ip, now, true, |b, full, per_sec| {
            b.level(full, per_sec, now) >= full * share
        })
    }

    /// Whether `ip` has at least one left, without taking it.
    pub fn has(&self, ip: IpAddr, now: Instant) -> bool {
        self.with_bucket(ip, now, true, |b, full, per_sec| {
            b.level(full, per_sec, now) >= 1.0
        })
    }

    /// What `ip` has left now, without taking any (infinite without a limit).
    pub fn level(&self, ip: IpAddr, now: Instant) -> f64 {
        self.with_bucket(ip, now, f64::INFINITY, |b, full, per_sec| {
            b.level(full, per_sec, now)
        })
    }

    /// The whole budget at once and how fast it comes back (a burst of 0: no limit).
    pub fn rates(&self) -> (f64, f64) {
        (self.burst, self.per_sec)
    }

    fn with_bucket<T>(
        &self,
        ip: IpAddr,
        now: Instant,
        unlimited: T,
        f: impl FnOnce(&mut Bucket, f64, f64) -> T,
    ) -> T {
        if self.burst == 0.0 {
            return unlimited;
        }
        let (full, per_sec) = self.rates();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let key = self.block.key(ip);
        if !buckets.contains_key(&key) && buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| b.level(full, per_sec, now) < full);
            if buckets.len() >= MAX_TRACKED {
                forget_the_least_suspicious_eighth(&mut buckets, full, per_sec, now);
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket::full(full, now));
        f(bucket, full, per_sec)
    }

    /// How long until `ip` may connect again (for tests and the log); zero when it may now.
    pub fn wait(&self, ip: IpAddr, now: Instant) -> Duration {
        if self.burst == 0.0 {
            return Duration::ZERO;
        }
        let (full, per_sec) = self.rates();
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let Some(b) = buckets.get(&self.block.key(ip)) else {
            return Duration::ZERO;
        };
        let missing = 1.0 - b.level(full, per_sec, now);
        Duration::from_secs_f64((missing / per_sec).max(0.0))
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.buckets.lock().unwrap().len()
    }
}

/// Forgets the eighth of `buckets` that has the most left (of equals, the one seen longest
/// ago): those least like a loop. O(n) for n/8 forgotten, so O(1) per new address.
fn forget_the_least_suspicious_eighth(
    buckets: &mut HashMap<IpAddr, Bucket>,
    full: f64,
    per_sec: f64,
    now: Instant,
) {
    // Least suspicious first: the most left, then the longest ago.
    let rank = |b: &Bucket| (std::cmp::Reverse(Level(b.level(full, per_sec, now))), b.at);
    let mut ranks: Vec<_> = buckets.values().map(rank).collect();
    let nth = ranks.len() / 8;
    let (_, &mut cut, _) = ranks.select_nth_unstable(nth);
    buckets.retain(|_, b| rank(b) > cut);
}

/// A bucket's level, ordered (levels are never NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Level(f64);

impl Eq for Level {}

impl PartialOrd for Level {
    fn partial_cmp(&self, other: &Level) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Level {
    fn cmp(&self, other: &Level) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Connections and walkthroughs open at once, per address. An address is in the table only
/// while it has something open, so the table is as large as the connections are many.
#[derive(Debug)]
pub struct Open {
    max: usize,
    block: NetBlock,
    by_address: Mutex<HashMap<IpAddr, Counts>>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    connections: usize,
    sessions: usize,
}

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Connection,
    Session,
}

impl Counts {
    fn get(&mut self, what: What) -> &mut usize {
        match what {
            What::Connection => &mut self.connections,
            What::Session => &mut self.sessions,
        }
    }
}

/// One connection's or walkthrough's place in its address's count; freed when dropped.
#[derive(Debug)]
pub struct Place {
    open: Arc<Open>,
    key: IpAddr,
    what: What,
}

impl Open {
    /// At most `max` connections and `max` walkthroughs at once from one address; 0: no limit.
    pub fn new(max: usize, block: NetBlock) -> Arc<Open> {
        Arc::new(Open {
            max,
            block,
            by_address: Mutex::new(HashMap::new()),
        })
    }

    /// Takes a place for `ip`, if it has one left.
    pub fn enter(self: &Arc<Self>, ip: IpAddr, what: What) -> Option<Place> {
        let key = self.block.key(ip);
        let mut table = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        let n = table.entry(key).or_default().get(what);
        if self.max != 0 && *n >= self.max {
            if table
                .get(&key)
                .is_some_and(|c| c.connections + c.sessions == 0)
            {
                table.remove(&key);
            }
            return None;
        }
        *n += 1;
        Some(Place {
            open: self.clone(),
            key,
            what,
        })
    }

    /// How many of `what` `ip` has open now.
    pub fn count(&self, ip: IpAddr, what: What) -> usize {
        let mut table = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        table
            .get_mut(&self.block.key(ip))
            .map_or(0, |c| *c.get(what))
    }

    #[cfg(test)]
    fn addresses(&self) -> usize {
        self.by_address.lock().unwrap().len()
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut table = self
            .open
            .by_address
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(counts) = table.get_mut(&self.key) {
            let n = counts.get(self.what);
            *n = n.saturating_sub(1);
            if counts.connections + counts.sessions == 0 {
                table.remove(&self.key);
            }
        }
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
        let limit = RateLimit::new(6, NetBlock::default()); // one every 10 s, six at once
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
        let limit = RateLimit::new(1, NetBlock::default());
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
        let limit = RateLimit::new(0, NetBlock::default());
        let t = Instant::now();
        assert!((0..10_000).all(|_| limit.allow(ip("127.0.0.1"), t)));
    }

    #[test]
    fn a_flood_of_addresses_never_turns_a_new_one_away() {
        let limit = RateLimit::new(1, NetBlock::default());
        let t = Instant::now();
        // Far more addresses than are remembered, each using its one connection, all within
        // the same second (no bucket refills).
        for i in 0..(MAX_TRACKED as u32 * 3) {
            let at = t + Duration::from_micros(u64::from(i));
            assert!(limit.allow(IpAddr::V4(i.into()), at), "address {i}");
            assert!(limit.tracked() <= MAX_TRACKED);
        }
        let during = t + Duration::from_millis(500);
        assert!(limit.allow(ip("198.51.100.7"), during), "a new visitor");
        // The most recent ones are still remembered: a loop from one of them is still refused.
        let recent = IpAddr::V4((MAX_TRACKED as u32 * 3 - 1).into());
        assert!(!limit.allow(recent, during));
    }

    #[test]
    fn open_places_per_address_are_bounded_and_freed() {
        let open = Open::new(2, NetBlock::default());
        let a = ip("192.0.2.1");
        let first = open.enter(a, What::Connection).unwrap();
        let second = open
            .enter(ip("::ffff:192.0.2.1"), What::Connection)
            .unwrap();
        assert!(open.enter(a, What::Connection).is_none(), "a third at once");
        assert!(open.enter(ip("192.0.2.2"), What::Connection).is_some());
        // Walkthroughs are counted apart from connections.
        let walk = open.enter(a, What::Session).unwrap();
        assert_eq!(open.count(a, What::Session), 1);
        drop(first);
        let third = open.enter(a, What::Connection).unwrap();
        drop((second, third, walk));
        assert_eq!(open.count(a, What::Connection), 0);
        assert_eq!(
            open.addresses(),
            0,
            "nothing is kept of an address with nothing open"
        );
        let none = Open::new(0, NetBlock::default());
        let many: Vec<_> = (0..1000).map(|_| none.enter(a, What::Session)).collect();
        assert!(many.iter().all(Option::is_some), "0: no limit");
    }

    #[test]
    fn cycling_addresses_forgets_them_not_a_loop() {
        // An address that used up its budget (a loop), then 5 x MAX_TRACKED addresses from
        // an IPv6 /48 (65,536 /64s), each connecting once: the loop is still refused.
        let limit = RateLimit::new(30, NetBlock::default());
        let t = Instant::now();
        let looping = ip("2001:db8:ffff:1::1");
        while limit.allow(looping, t) {}
        for i in 0..(MAX_TRACKED as u32 * 5) {
            let at = t + Duration::from_micros(u64::from(i));
            let [_, _, a, b] = i.to_be_bytes();
            let from = IpAddr::V6(Ipv6Addr::new(
                0x2001,
                0xdb8,
                7,
                u16::from_be_bytes([a, b]),
                0,
                0,
                0,
                1,
            ));
            assert!(limit.allow(from, at), "address {i}");
            assert!(limit.tracked() <= MAX_TRACKED);
        }
        let during = t + Duration::from_millis(100);
        assert!(!limit.allow(looping, during), "the loop was forgotten");
        // Another address of the looping /64 is the same source.
        assert!(!limit.allow(ip("2001:db8:ffff:1:abcd::9"), during));
        assert!(limit.allow(ip("198.51.100.7"), during), "a new visitor");
    }

    #[test]
    fn net_blocks_as_openssh_writes_them() {
        let b = |s: &str| s.parse::<NetBlock>();
        assert_eq!(b("64"), Ok(NetBlock { v4: 32, v6: 64 }));
        assert_eq!(b("24:48"), Ok(NetBlock { v4: 24, v6: 48 }));
        for bad in ["0", "129", "33:64", "x", "", "24:"] {
            assert!(b(bad).is_err(), "{bad}");
        }
        let k = |block: &str, a: &str| b(block).unwrap().key(ip(a));
        assert_eq!(k("64", "192.0.2.9"), ip("192.0.2.9"));
        assert_eq!(k("24:48", "192.0.2.9"), ip("192.0.2.0"));
        assert_eq!(k("24:48", "::ffff:192.0.2.9"), ip("192.0.2.0"));
        assert_eq!(k("64", "2001:db8:1:2:3::4"), ip("2001:db8:1:2::"));
        assert_eq!(k("48", "2001:db8:1:2:3::4"), ip("2001:db8:1::"));
        assert_eq!(k("32:128", "2001:db8:1:2:3::4"), ip("2001:db8:1:2:3::4"));
    }
}

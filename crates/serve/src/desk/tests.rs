use super::*;

const MIN: Duration = Duration::from_secs(60);

fn limits() -> Limits {
    Limits {
        invite: 10 * MIN,
        hold: 24 * 60 * MIN,
        max_held: 3,
        max_held_bytes: MAX_HELD_BYTES,
        block: NetBlock::default(),
    }
}

fn ip(n: u8) -> IpAddr {
    IpAddr::from([192, 0, 2, n])
}

fn progress(page: &str) -> Progress {
    Progress {
        page: page.into(),
        ..Progress::default()
    }
}

fn wrong(found: &Found<u32>) -> bool {
    matches!(found, Found::Wrong { .. })
}

#[test]
fn user_names_that_are_codes() {
    assert_eq!(code_in("kijk-483920").as_deref(), Some("483920"));
    assert_eq!(code_in("LOOK-483920").as_deref(), Some("483920"));
    assert_eq!(code_in("terug-4839-2017").as_deref(), Some("48392017"));
    assert_eq!(code_in("back-48392017").as_deref(), Some("48392017"));
    assert_eq!(code_in("schau-483920").as_deref(), Some("483920"));
    assert_eq!(code_in("weiter-4839-2017").as_deref(), Some("48392017"));
    assert_eq!(code_in("483920").as_deref(), Some("483920"));
    assert_eq!(code_in("kijk-12").as_deref(), Some("12"), "a wrong code");
    assert_eq!(code_in("kijk-").as_deref(), Some(""));
    for user in ["oma", "jan2", "12345", "1234567", "", "root", "kijken"] {
        assert_eq!(code_in(user), None, "{user}");
    }
    assert!(
        code_in(&format!("kijk-{}", "9".repeat(1000)))
            .unwrap()
            .len()
            <= 16
    );
}

#[test]
fn a_look_along_code_works_once_and_for_ten_minutes() {
    let t = Instant::now();
    let mut desk = Desk::new(limits());
    let (room, _) = desk.open(7u32, None, ip(100));
    let (code, until) = desk.invite(room, t).unwrap();
    assert_eq!(code.len(), LOOK_DIGITS);
    assert_eq!(until, t + 10 * MIN);
    // Asking again while it works gives the same code.
    assert_eq!(desk.invite(room, t + MIN).unwrap().0, code);
    assert!(matches!(desk.find(&code, ip(1), t + MIN), Found::Look(7)));
    assert!(wrong(&desk.find(&code, ip(1), t + MIN)), "used once");
    // A new one expires after ten minutes.
    let (code, _) = desk.invite(room, t + MIN).unwrap();
    assert!(wrong(&desk.find(&code, ip(2), t + 11 * MIN)), "expired");
    desk.close(room, None, t + 12 * MIN);
    assert_eq!(desk.codes(), 0, "nothing left of a walk that ended");
}

#[test]
fn wrong_codes_cost_their_source_never_the_right_code() {
    let t = Instant::now();
    let mut desk = Desk::new(limits());
    let (room, come_back) = desk.open(1u32, None, ip(100));
    let (code, _) = desk.invite(room, t).unwrap();
    let other = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..WRONG_BURST as usize {
        assert!(wrong(&desk.find(other, ip(1), t)));
    }
    // The sixth from the same address is not even looked at, the right code neither.
    assert!(matches!(desk.find(other, ip(1), t), Found::TooMany));
    assert!(matches!(desk.find(&code, ip(1), t), Found::TooMany));
    // After two minutes, the first may try once more.
    assert!(wrong(&desk.find(other, ip(1), t + WRONG_EVERY)));
    assert!(matches!(
        desk.find(other, ip(1), t + WRONG_EVERY),
        Found::TooMany
    ));
    // Two hundred other addresses use up their budgets: nobody else pays for it.
    for n in 2..=200u8 {
        for _ in 0..WRONG_BURST as usize {
            assert!(wrong(&desk.find(other, ip(n), t)));
        }
    }
    let helper = IpAddr::from([198, 51, 100, 7]);
    assert!(matches!(desk.find(&code, helper, t), Found::Look(1)));
    // An IPv6 /64 is one source.
    let v6 = |n: u16| IpAddr::from([0x2001, 0xdb8, 0, 1, 0, 0, 0, n]);
    for n in 0..WRONG_BURST as u16 {
        assert!(wrong(&desk.find(other, v6(n), t)));
    }
    assert!(matches!(desk.find(other, v6(99), t), Found::TooMany));
    // The come-back code of a walk with its person in it answers as a wrong one, and
    // costs as much.
    let guesser = IpAddr::from([203, 0, 113, 9]);
    for _ in 0..WRONG_BURST as usize {
        assert!(wrong(&desk.find(&come_back, guesser, t)));
    }
    assert!(matches!(desk.find(&come_back, guesser, t), Found::TooMany));
}

#[test]
fn a_code_is_void_after_five_wrong_tries_on_it() {
    let t = Instant::now();
    let mut desk = Desk::new(limits());
    let (room, come_back) = desk.open(1u32, None, ip(100));
    let (code, _) = desk.invite(room, t).unwrap();
    let slip = |i: usize| {
        let mut b = code.clone().into_bytes();
        b[i] = b'0' + (b[i] - b'0' + 1) % 10;
        String::from_utf8(b).unwrap()
    };
    for i in 0..4 {
        assert!(wrong(&desk.find(&slip(i), ip(i as u8 + 1), t)));
    }
    let Found::Wrong { voided } = desk.find(&slip(4), ip(9), t) else {
        panic!("a wrong code");
    };
    // The code is replaced for its owner: the old one no longer works, the new one does.
    let [(1, Voided::Look(new, until))] = voided.as_slice() else {
        panic!("{voided:?}");
    };
    assert_ne!(*new, code);
    assert_eq!(*until, t + 10 * MIN);
    assert!(wrong(&desk.find(&code, ip(10), t)), "the code is void");
    assert!(matches!(desk.find(new, ip(11), t), Found::Look(1)));
    // A far-off wrong code does not count against a code.
    let (code, _) = desk.invite(room, t).unwrap();
    let far: String = code
        .bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 5) % 10))
        .collect();
    for n in 0..10 {
        assert!(wrong(&desk.find(&far, ip(20 + n), t)));
    }
    assert!(matches!(desk.find(&code, ip(40), t), Found::Look(1)));
    // The come-back code of a running walk gets a new one instead.
    let swap = |c: &str| {
        let mut b = c.as_bytes().to_vec();
        let j = (0..b.len() - 1).find(|&i| b[i] != b[i + 1])?;
        b.swap(j, j + 1);
        Some(String::from_utf8(b).unwrap())
    };
    if let Some(swapped) = swap(&come_back) {
        let t = t + 10 * MIN;
        let mut new = None;
        for n in 0..MISSES {
            if let Found::Wrong { voided } = desk.find(&swapped, ip(50 + n), t) {
                new = new.or(voided.into_iter().next());
            }
        }
        match new {
            Some((1, Voided::ComeBack(fresh))) => {
                assert_ne!(fresh, come_back);
                desk.person_here(room, false);
                assert!(matches!(desk.find(&fresh, ip(60), t), Found::Live(1)));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_walk_is_held_by_code_and_key_once_for_a_day_oldest_out_first() {
    let t = Instant::now();
    let mut desk = Desk::new(limits());
    let key = [7u8; 32];
    let (a, code_a) = desk.open(1u32, Some(key), ip(100));
    // While it runs with the person in it, the code does not take their seat.
    assert!(wrong(&desk.find(&code_a, ip(1), t)));
    desk.person_here(a, false);
    assert!(matches!(desk.find_key(&key, t), Some(Found::Live(1))));
    desk.person_here(a, true);
    assert!(desk.find_key(&key, t).is_none());
    desk.close(a, Some(progress("invullen")), t);
    // By key, once.
    match desk.find_key(&key, t + MIN) {
        Some(Found::Held(h)) => assert_eq!(h.progress.page, "invullen"),
        other => panic!("{other:?}"),
    }
    assert!(desk.find_key(&key, t + MIN).is_none());
    assert!(
        wrong(&desk.find(&code_a, ip(1), t + MIN)),
        "its code went with it"
    );
    // By code, within the day.
    let (b, code_b) = desk.open(2u32, None, ip(100));
    desk.close(b, Some(progress("versturen")), t);
    assert!(matches!(
        desk.find(&code_b, ip(2), t + 23 * 60 * MIN),
        Found::Held(_)
    ));
    let (c, code_c) = desk.open(3u32, None, ip(100));
    desk.close(c, Some(progress("waarom")), t);
    assert!(
        wrong(&desk.find(&code_c, ip(3), t + 24 * 60 * MIN)),
        "a day later"
    );
    // A quit walk is not held.
    let (d, code_d) = desk.open(4u32, None, ip(100));
    desk.close(d, None, t);
    assert!(wrong(&desk.find(&code_d, ip(4), t)));
    // At most three held: the oldest goes first.
    let codes: Vec<String> = (0..4)
        .map(|i| {
            let (r, code) = desk.open(10 + i, None, ip(100));
            desk.close(r, Some(progress("waarom")), t + MIN * u32::from(i as u8));
            code
        })
        .collect();
    assert_eq!(desk.held().0, 3);
    assert!(wrong(&desk.find(&codes[0], ip(5), t + 5 * MIN)));
    assert!(matches!(
        desk.find(&codes[3], ip(5), t + 5 * MIN),
        Found::Held(_)
    ));
    assert_eq!(desk.held().0, 2);
}

#[test]
fn held_walks_are_bounded_in_bytes() {
    let t = Instant::now();
    let mut desk = Desk::new(Limits {
        max_held: 1000,
        max_held_bytes: 64 * 1024,
        ..limits()
    });
    let long = Progress {
        page: "invullen".into(),
        reason: Some(bezwaar_core::progress::SavedReason::Own("é".repeat(1000))),
        ..Progress::default()
    };
    for i in 0..100 {
        // Each from its own address (one address may hold only a few).
        let (r, _) = desk.open(i, None, ip(i as u8));
        desk.close(r, Some(long.clone()), t);
        assert!(desk.held().1 <= 64 * 1024);
    }
    let (n, bytes) = desk.held();
    assert!((20..100).contains(&n), "{n} held in {bytes} bytes");
}

#[test]
fn near_means_one_slip() {
    assert!(near("483920", "483921"));
    assert!(near("483920", "489320"));
    assert!(!near("483920", "483920x"));
    assert!(
        !near("483920", "384920"),
        "two apart, not next to each other"
    );
    assert!(!near("483920", "493820"));
    assert!(!near("483920", "111111"));
}

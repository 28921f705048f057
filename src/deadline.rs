//! Countdown math and wording: how long until the deadline, or how long ago it passed.

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

use crate::text::Lang;

/// Where `now` stands relative to the deadline, in whole units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Time left, rounded down to the second.
    Before {
        days: i64,
        hours: i64,
        minutes: i64,
        seconds: i64,
    },
    /// Time since the deadline, rounded down to the second.
    After { days: i64, hours: i64, minutes: i64 },
}

impl Countdown {
    pub fn at(now: DateTime<Utc>, deadline: DateTime<FixedOffset>) -> Countdown {
        let left: TimeDelta = deadline.with_timezone(&Utc) - now;
        if left > TimeDelta::zero() {
            // Round up to the second, so the last second shows "1 second", not "0".
            let s = (left.num_milliseconds() + 999) / 1000;
            Countdown::Before {
                days: s / 86_400,
                hours: s / 3_600 % 24,
                minutes: s / 60 % 60,
                seconds: s % 60,
            }
        } else {
            let s = -left.num_seconds();
            Countdown::After {
                days: s / 86_400,
                hours: s / 3_600 % 24,
                minutes: s / 60 % 60,
            }
        }
    }

    /// The first moment after `now` at which [`Countdown::at`] says something else: the next
    /// second before the deadline; after it, the next minute, or the next day once a day has
    /// passed (the sentence has no smaller unit then). A page can sleep until that moment.
    pub fn next_change(now: DateTime<Utc>, deadline: DateTime<FixedOffset>) -> DateTime<Utc> {
        let deadline = deadline.with_timezone(&Utc);
        if deadline > now {
            // `at` rounds the time left up to the second: it drops a second when the time left
            // reaches a whole number of seconds below it.
            let left = (deadline - now).num_milliseconds();
            let s = (left + 999) / 1000;
            deadline - TimeDelta::seconds(s - 1)
        } else {
            let passed = (now - deadline).num_seconds();
            let unit = if passed >= 86_400 { 86_400 } else { 60 };
            deadline + TimeDelta::seconds((passed / unit + 1) * unit)
        }
    }

    pub fn is_past(self) -> bool {
        matches!(self, Countdown::After { .. })
    }

    /// One sentence for the page, e.g. "Nog 6 dagen, 12 uur, 0 minuten en 5 seconden."
    pub fn sentence(self, lang: Lang) -> String {
        match self {
            Countdown::Before {
                days,
                hours,
                minutes,
                seconds,
            } => {
                let units = [
                    (days, Unit::Day),
                    (hours, Unit::Hour),
                    (minutes, Unit::Minute),
                    (seconds, Unit::Second),
                ];
                // Leading zero units are left out ("nog 5 seconden"); the rest stay, so the
                // line keeps its shape while it counts.
                let first = units.iter().position(|(n, _)| *n != 0).unwrap_or(3);
                let parts: Vec<String> = units[first..]
                    .iter()
                    .map(|(n, u)| u.count(lang, *n))
                    .collect();
                let list = join(lang, &parts);
                match lang {
                    Lang::Nl => format!("Nog {list}."),
                    Lang::En => format!("{list} left."),
                }
            }
            Countdown::After {
                days,
                hours,
                minutes,
            } => {
                let ago = if days > 0 {
                    Unit::Day.count(lang, days)
                } else if hours > 0 {
                    join(
                        lang,
                        &[
                            Unit::Hour.count(lang, hours),
                            Unit::Minute.count(lang, minutes),
                        ],
                    )
                } else if minutes > 0 {
                    Unit::Minute.count(lang, minutes)
                } else {
                    return lang
                        .pick(
                            "De deadline is zojuist verstreken.",
                            "The deadline has just passed.",
                        )
                        .to_owned();
                };
                match lang {
                    Lang::Nl => format!("De deadline is {ago} geleden verstreken."),
                    Lang::En => format!("The deadline passed {ago} ago."),
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    /// "1 dag", "2 dagen", "1 uur", "2 uur"; "1 day", "2 days".
    fn count(self, lang: Lang, n: i64) -> String {
        let one = n == 1;
        let word = match (lang, self) {
            (Lang::Nl, Unit::Day) => {
                if one {
                    "dag"
                } else {
                    "dagen"
                }
            }
            (Lang::Nl, Unit::Hour) => "uur",
            (Lang::Nl, Unit::Minute) => {
                if one {
                    "minuut"
                } else {
                    "minuten"
                }
            }
            (Lang::Nl, Unit::Second) => {
                if one {
                    "seconde"
                } else {
                    "seconden"
                }
            }
            (Lang::En, Unit::Day) => {
                if one {
                    "day"
                } else {
                    "days"
                }
            }
            (Lang::En, Unit::Hour) => {
                if one {
                    "hour"
                } else {
                    "hours"
                }
            }
            (Lang::En, Unit::Minute) => {
                if one {
                    "minute"
                } else {
                    "minutes"
                }
            }
            (Lang::En, Unit::Second) => {
                if one {
                    "second"
                } else {
                    "seconds"
                }
            }
        };
        format!("{n} {word}")
    }
}

/// "a", "a en b", "a, b en c".
fn join(lang: Lang, parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("en", "and")),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_next_change_is_when_the_words_change() {
        let deadline = DateTime::parse_from_rfc3339("2025-05-27T00:00:00+02:00").unwrap();
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // Before: the next whole second, also from a moment between two seconds.
        for (now, next) in [
            ("2025-05-20T11:56:55+02:00", "2025-05-20T11:56:56+02:00"),
            ("2025-05-20T11:56:55.250+02:00", "2025-05-20T11:56:56+02:00"),
            ("2025-05-26T23:59:59.900+02:00", "2025-05-27T00:00:00+02:00"),
            // After, within the first day: the next minute since the deadline.
            ("2025-05-27T00:00:00+02:00", "2025-05-27T00:01:00+02:00"),
            ("2025-05-27T05:30:59+02:00", "2025-05-27T05:31:00+02:00"),
            // After a day or more: the next whole day since the deadline.
            ("2025-05-28T00:00:00+02:00", "2025-05-29T00:00:00+02:00"),
            ("2026-11-23T12:00:00+01:00", "2026-11-24T00:00:00+02:00"),
        ] {
            let (now, next) = (t(now), t(next));
            assert_eq!(Countdown::next_change(now, deadline), next, "from {now}");
            // It really is a change, and nothing changes before it.
            let words = |at| Countdown::at(at, deadline).sentence(Lang::En);
            assert_ne!(words(next), words(now), "from {now}");
            assert_eq!(
                words(next - TimeDelta::milliseconds(1)),
                words(now),
                "from {now}"
            );
        }
    }

    use super::*;

    fn deadline() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-05-27T00:00:00+02:00").unwrap()
    }

    fn at(s: &str) -> String {
        let now = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        format!(
            "{} | {}",
            Countdown::at(now, deadline()).sentence(Lang::Nl),
            Countdown::at(now, deadline()).sentence(Lang::En)
        )
    }

    #[test]
    fn before_the_deadline_counts_down_in_words() {
        assert_eq!(
            at("2025-05-20T11:56:55+02:00"),
            "Nog 6 dagen, 12 uur, 3 minuten en 5 seconden. | 6 days, 12 hours, 3 minutes and 5 seconds left."
        );
    }

    #[test]
    fn singular_units() {
        assert_eq!(
            at("2025-05-25T22:58:59+02:00"),
            "Nog 1 dag, 1 uur, 1 minuut en 1 seconde. | 1 day, 1 hour, 1 minute and 1 second left."
        );
    }

    #[test]
    fn leading_zero_units_are_left_out_but_inner_zeros_stay() {
        assert_eq!(
            at("2025-05-26T23:59:55+02:00"),
            "Nog 5 seconden. | 5 seconds left."
        );
        assert_eq!(
            at("2025-05-26T22:59:00+02:00"),
            "Nog 1 uur, 1 minuut en 0 seconden. | 1 hour, 1 minute and 0 seconds left."
        );
    }

    #[test]
    fn the_deadline_is_in_dutch_time_whatever_the_clock_zone() {
        // 22:00 UTC on 26 May is midnight in the Netherlands (summer time): the deadline.
        assert_eq!(
            at("2025-05-26T22:00:00Z"),
            "De deadline is zojuist verstreken. | The deadline has just passed."
        );
        assert_eq!(
            at("2025-05-26T21:59:59Z"),
            "Nog 1 seconde. | 1 second left."
        );
    }

    #[test]
    fn after_the_deadline_says_how_long_ago() {
        assert_eq!(
            at("2026-11-23T12:00:00+01:00"),
            "De deadline is 545 dagen geleden verstreken. | The deadline passed 545 days ago."
        );
        assert_eq!(
            at("2025-05-28T01:00:00+02:00"),
            "De deadline is 1 dag geleden verstreken. | The deadline passed 1 day ago."
        );
        assert_eq!(
            at("2025-05-27T01:01:30+02:00"),
            "De deadline is 1 uur en 1 minuut geleden verstreken. | The deadline passed 1 hour and 1 minute ago."
        );
        assert_eq!(
            at("2025-05-27T00:02:00+02:00"),
            "De deadline is 2 minuten geleden verstreken. | The deadline passed 2 minutes ago."
        );
    }
}

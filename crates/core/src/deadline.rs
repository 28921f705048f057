//! Time, calmly: how long until the deadline, or how long ago it passed, in words a person
//! reads at a glance, and the time zone times are shown in.
//!
//! Before the deadline the countdown shows days and hours; minutes only on the last day, and
//! seconds only in the last hour. After it, the date and a human span ("De deadline was vóór
//! 27 mei 2025. Dat is ruim anderhalf jaar geleden."). So the words change once an hour for most of the countdown,
//! and at most once a day after the deadline: a page can sleep until then
//! ([`Countdown::next_change`]).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Utc};

use crate::i18n::{Arg, msg};
use crate::text::{Lang, long_date};

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// The time zone a person reads times in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// This computer's zone: `TZ`, else the system's zone database (`/etc/localtime`),
    /// daylight saving time included, for the moment being shown.
    Local,
    /// A fixed offset from UTC (tests; a server that knows better).
    Fixed(FixedOffset),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero is a valid offset"))
    }

    /// `t` on the clock of this zone, with the offset that held at that moment.
    pub fn at(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => t.with_timezone(&chrono::Local).fixed_offset(),
            Zone::Fixed(offset) => t.with_timezone(&offset),
        }
    }
}

/// Where `now` stands relative to the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Time left, in whole seconds rounded up (the last second shows "1 second", not "0").
    Before { seconds: i64 },
    /// Time since the deadline, in whole seconds, and the deadline's date and today's, as
    /// they are where the deadline is set.
    After {
        seconds: i64,
        deadline: NaiveDate,
        today: NaiveDate,
    },
}

/// A countdown as far as its words go (see [`Countdown::shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Left {
        unit: i64,
        n: i64,
    },
    Ago {
        ago: Option<Ago>,
        deadline: NaiveDate,
    },
}

/// How long ago, in the largest unit that still says something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    JustNow,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    /// Whole weeks; `more`: and some days ("ruim").
    Weeks {
        n: i64,
        more: bool,
    },
    Months {
        n: i64,
        more: bool,
    },
    /// A year and a half or more but under two ("ruim anderhalf jaar").
    YearAndHalf {
        more: bool,
    },
    Years {
        n: i64,
        more: bool,
    },
}

impl Countdown {
    pub fn at(now: DateTime<Utc>, deadline: DateTime<FixedOffset>) -> Countdown {
        let left: TimeDelta = deadline.with_timezone(&Utc) - now;
        if left > TimeDelta::zero() {
            Countdown::Before {
                seconds: (left.num_milliseconds() + 999) / 1000,
            }
        } else {
            Countdown::After {
                seconds: -left.num_seconds(),
                deadline: deadline.date_naive(),
                today: now.with_timezone(&deadline.timezone()).date_naive(),
            }
        }
    }

    pub fn is_past(self) -> bool {
        matches!(self, Countdown::After { .. })
    }

    /// The smallest unit the words show now, in seconds.
    fn unit(self) -> i64 {
        match self {
            Countdown::Before { seconds } if seconds >= DAY => HOUR,
            Countdown::Before { seconds } if seconds >= HOUR => MINUTE,
            Countdown::Before { .. } => 1,
            Countdown::After { seconds, .. } if seconds < DAY => MINUTE,
            Countdown::After { .. } => DAY,
        }
    }

    /// What the words are made of, and nothing more: two moments with the same `shown()` read
    /// the same in every language ("nog 6 dagen en 12 uur" for the whole hour).
    pub fn shown(self) -> Shown {
        match self {
            Countdown::Before { seconds } => Shown::Left {
                unit: self.unit(),
                n: seconds / self.unit(),
            },
            Countdown::After { deadline, .. } => Shown::Ago {
                ago: self.ago(),
                deadline,
            },
        }
    }

    /// The first moment after `now` at which the words may change. Before the deadline that
    /// is exact (the next hour, minute or second the words show); after it, the next minute
    /// within the first day, then the next day (the span is in days or more).
    pub fn next_change(now: DateTime<Utc>, deadline: DateTime<FixedOffset>) -> DateTime<Utc> {
        let at = Countdown::at(now, deadline);
        let deadline = deadline.with_timezone(&Utc);
        let unit = at.unit();
        match at {
            Countdown::Before { seconds } => {
                // The seconds left (rounded up) drop below a multiple of `unit` when the time
                // left reaches that multiple minus one second.
                let next = seconds / unit * unit - 1;
                let next = if next >= seconds { seconds - 1 } else { next };
                deadline - TimeDelta::seconds(next)
            }
            Countdown::After { seconds, .. } => {
                deadline + TimeDelta::seconds((seconds / unit + 1) * unit)
            }
        }
    }

    /// How long ago the deadline passed, in the words' units; `None` before it.
    pub fn ago(self) -> Option<Ago> {
        let Countdown::After {
            seconds,
            deadline,
            today,
        } = self
        else {
            return None;
        };
        Some(if seconds < MINUTE {
            Ago::JustNow
        } else if seconds < HOUR {
            Ago::Minutes(seconds / MINUTE)
        } else if seconds < DAY {
            Ago::Hours(seconds / HOUR)
        } else {
            let days = (today - deadline).num_days().max(1);
            let (months, more) = months_between(deadline, today);
            if days < 14 {
                Ago::Days(days)
            } else if months < 2 {
                Ago::Weeks {
                    n: days / 7,
                    more: days % 7 != 0,
                }
            } else if months < 12 {
                Ago::Months { n: months, more }
            } else if months < 18 {
                Ago::Years {
                    n: 1,
                    more: more || months > 12,
                }
            } else if months < 24 {
                Ago::YearAndHalf {
                    more: more || months > 18,
                }
            } else {
                Ago::Years {
                    n: months / 12,
                    more: more || months % 12 != 0,
                }
            }
        })
    }

    /// One calm sentence for the page: "Nog 6 dagen en 12 uur." or "De deadline was vóór
    /// 27 mei 2025. Dat is ruim anderhalf jaar geleden."
    pub fn sentence(self, lang: Lang) -> String {
        match self {
            Countdown::Before { seconds } => {
                let (big, small) = if seconds >= DAY {
                    (
                        (seconds / DAY, Unit::Day),
                        (seconds % DAY / HOUR, Unit::Hour),
                    )
                } else if seconds >= HOUR {
                    (
                        (seconds / HOUR, Unit::Hour),
                        (seconds % HOUR / MINUTE, Unit::Minute),
                    )
                } else {
                    (
                        (seconds / MINUTE, Unit::Minute),
                        (seconds % MINUTE, Unit::Second),
                    )
                };
                let parts: Vec<(i64, Unit)> =
                    [big, small].into_iter().filter(|(n, _)| *n > 0).collect();
                time_left(lang, &parts)
            }
            Countdown::After { deadline, .. } => match self.ago() {
                Some(ago) => deadline_ago(lang, ago, deadline),
                None => String::new(),
            },
        }
    }
}

/// A span of time in words, the one rule for every runner: whole hours from two on ("2 uur"),
/// else minutes ("15 minuten"), seconds only under a minute ("30 seconden").
pub fn span(lang: Lang, secs: u64) -> String {
    let (n, unit) = if secs >= 2 * HOUR as u64 && secs.is_multiple_of(HOUR as u64) {
        (secs / HOUR as u64, Unit::Hour)
    } else if secs >= MINUTE as u64 {
        (secs / MINUTE as u64, Unit::Minute)
    } else {
        (secs, Unit::Second)
    };
    unit.count(lang, i64::try_from(n).unwrap_or(i64::MAX))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    /// "1 dag", "2 dagen", "1 uur", "2 uur"; "1 day", "2 days": the catalog's plurals.
    fn count(self, lang: Lang, n: i64) -> String {
        match self {
            Unit::Day => msg::unit_day(lang, n),
            Unit::Hour => msg::unit_hour(lang, n),
            Unit::Minute => msg::unit_minute(lang, n),
            Unit::Second => msg::unit_second(lang, n),
        }
    }
}

/// "Nog 6 dagen en 12 uur." / "6 days and 12 hours left."
fn time_left(lang: Lang, parts: &[(i64, Unit)]) -> String {
    let words: Vec<String> = parts.iter().map(|(n, u)| u.count(lang, *n)).collect();
    match words.as_slice() {
        [a, b] => msg::time_left_two(lang, a, b),
        [a] => msg::time_left_one(lang, a),
        _ => String::new(),
    }
}

/// "De deadline was vóór 27 mei 2025. Dat is ruim anderhalf jaar geleden."
fn deadline_ago(lang: Lang, ago: Ago, date: NaiveDate) -> String {
    let more = |more: bool| Arg::from(if more { "yes" } else { "no" });
    let span = match ago {
        Ago::JustNow => return msg::deadline_just_passed(lang).to_owned(),
        Ago::Minutes(n) => return msg::deadline_minutes_ago(lang, n),
        Ago::Hours(n) => return msg::deadline_hours_ago(lang, n),
        Ago::Days(n) => msg::span_days(lang, n),
        Ago::Weeks { n, more: m } => msg::span_weeks(lang, more(m), n),
        Ago::Months { n, more: m } => msg::span_months(lang, more(m), n),
        Ago::YearAndHalf { more: m } => msg::span_year_and_half(lang, more(m)),
        Ago::Years { n, more: m } => msg::span_years(lang, more(m), n),
    };
    let day = long_date(lang, date);
    msg::deadline_ago(lang, &day, &span)
}

/// Whole calendar months from `from` to `to`, and whether some days are left over.
fn months_between(from: NaiveDate, to: NaiveDate) -> (i64, bool) {
    let mut months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    let more = to.day() != from.day();
    (months.max(0), more)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deadline() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-05-27T00:00:00+02:00").unwrap()
    }

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn at(s: &str) -> String {
        let c = Countdown::at(t(s), deadline());
        format!("{} | {}", c.sentence(Lang::Nl), c.sentence(Lang::En))
    }

    #[test]
    fn days_and_hours_while_far_off() {
        assert_eq!(
            at("2025-05-20T11:56:55+02:00"),
            "Nog 6 dagen en 12 uur. | 6 days and 12 hours left."
        );
        assert_eq!(
            at("2025-05-25T22:58:59+02:00"),
            "Nog 1 dag en 1 uur. | 1 day and 1 hour left."
        );
        assert_eq!(
            at("2025-05-24T00:00:00+02:00"),
            "Nog 3 dagen. | 3 days left."
        );
    }

    #[test]
    fn minutes_only_on_the_last_day_and_seconds_in_the_last_hour() {
        assert_eq!(
            at("2025-05-26T11:57:00+02:00"),
            "Nog 12 uur en 3 minuten. | 12 hours and 3 minutes left."
        );
        assert_eq!(
            at("2025-05-26T22:59:00+02:00"),
            "Nog 1 uur en 1 minuut. | 1 hour and 1 minute left."
        );
        assert_eq!(
            at("2025-05-26T23:56:55+02:00"),
            "Nog 3 minuten en 5 seconden. | 3 minutes and 5 seconds left."
        );
        assert_eq!(
            at("2025-05-26T23:59:59+02:00"),
            "Nog 1 seconde. | 1 second left."
        );
    }

    #[test]
    fn the_deadline_is_in_dutch_time_whatever_the_clock_zone() {
        assert_eq!(
            at("2025-05-26T22:00:00Z"),
            "De deadline is zojuist voorbij. | The deadline has just passed."
        );
        assert_eq!(
            at("2025-05-26T21:59:59Z"),
            "Nog 1 seconde. | 1 second left."
        );
    }

    #[test]
    fn after_the_deadline_a_human_span_with_the_date() {
        assert_eq!(
            at("2026-12-01T12:00:00+01:00"),
            "De deadline was vóór 27 mei 2025. Dat is ruim anderhalf jaar geleden. | The deadline was before 27 May 2025. That was over a year and a half ago."
        );
        assert_eq!(
            at("2025-05-27T00:02:00+02:00"),
            "De deadline was 2 minuten geleden. | The deadline passed 2 minutes ago."
        );
        assert_eq!(
            at("2025-05-27T05:30:00+02:00"),
            "De deadline was 5 uur geleden. | The deadline passed 5 hours ago."
        );
        assert_eq!(
            at("2025-05-28T01:00:00+02:00"),
            "De deadline was vóór 27 mei 2025. Dat is 1 dag geleden. | The deadline was before 27 May 2025. That was 1 day ago."
        );
        assert_eq!(
            at("2025-06-20T12:00:00+02:00"),
            "De deadline was vóór 27 mei 2025. Dat is ruim 3 weken geleden. | The deadline was before 27 May 2025. That was over 3 weeks ago."
        );
        assert_eq!(
            at("2025-11-27T12:00:00+01:00"),
            "De deadline was vóór 27 mei 2025. Dat is 6 maanden geleden. | The deadline was before 27 May 2025. That was 6 months ago."
        );
        assert_eq!(
            at("2026-06-01T12:00:00+02:00"),
            "De deadline was vóór 27 mei 2025. Dat is ruim een jaar geleden. | The deadline was before 27 May 2025. That was over a year ago."
        );
        assert_eq!(
            at("2027-08-01T12:00:00+02:00"),
            "De deadline was vóór 27 mei 2025. Dat is ruim 2 jaar geleden. | The deadline was before 27 May 2025. That was over 2 years ago."
        );
    }

    #[test]
    fn a_span_is_whole_hours_minutes_or_seconds_under_a_minute() {
        let nl = |secs| span(Lang::Nl, secs);
        assert_eq!(nl(30), "30 seconden");
        assert_eq!(nl(60), "1 minuut");
        assert_eq!(nl(90), "1 minuut");
        assert_eq!(nl(900), "15 minuten");
        assert_eq!(nl(3600), "60 minuten");
        assert_eq!(nl(5400), "90 minuten");
        assert_eq!(nl(7200), "2 uur");
        assert_eq!(span(Lang::En, 7200), "2 hours");
    }

    #[test]
    fn the_next_change_is_when_the_words_change() {
        for (now, next) in [
            // Far off: the next hour the words show.
            ("2025-05-20T11:56:55+02:00", "2025-05-20T12:00:01+02:00"),
            // The last day: the next minute.
            ("2025-05-26T11:57:30+02:00", "2025-05-26T11:58:01+02:00"),
            // The last hour: the next second, also from a moment between two.
            ("2025-05-26T23:56:55.250+02:00", "2025-05-26T23:56:56+02:00"),
            ("2025-05-26T23:59:59.900+02:00", "2025-05-27T00:00:00+02:00"),
            // After, within the first day: the next minute since the deadline.
            ("2025-05-27T05:30:59+02:00", "2025-05-27T05:31:00+02:00"),
            // After a day or more: the next whole day since the deadline.
            ("2026-12-01T12:00:00+01:00", "2026-12-02T00:00:00+02:00"),
        ] {
            let (now, next) = (t(now), t(next));
            assert_eq!(Countdown::next_change(now, deadline()), next, "from {now}");
            let words = |at| Countdown::at(at, deadline()).sentence(Lang::En);
            // Nothing changes before it.
            assert_eq!(
                words(next - TimeDelta::milliseconds(1)),
                words(now),
                "{now}"
            );
        }
        // Before the deadline the change is a real one.
        let now = t("2025-05-20T11:56:55+02:00");
        let next = Countdown::next_change(now, deadline());
        let words = |at| Countdown::at(at, deadline()).sentence(Lang::En);
        assert_ne!(words(next), words(now));
    }

    #[test]
    fn a_zone_shows_the_offset_of_the_moment() {
        let summer = FixedOffset::east_opt(2 * 3600).unwrap();
        let t0 = t("2025-05-20T10:00:00Z");
        assert_eq!(
            Zone::Fixed(summer).at(t0).format("%H:%M").to_string(),
            "12:00"
        );
        assert_eq!(Zone::utc().at(t0).format("%H:%M").to_string(), "10:00");
    }
}

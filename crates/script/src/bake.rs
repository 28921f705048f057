//! A loaded script as Rust source: what the core's build script writes for every built-in
//! walkthrough, after loading and checking it, so that bezwaar builds it at start-up without
//! reading any RON (a quarter of the instructions of a start, measured with cachegrind).
//!
//! [`Bake::bake`] writes an expression that makes the same value: struct literals for the
//! script's types, and the small helpers below for what has private parts ([`Str`],
//! [`Lang`]) or comes from chrono. The core's unit test `baked_walkthroughs_are_the_loaded_ones`
//! holds the two equal.
//!
//! Hand-written (about a hundred lines) rather than with `databake` (ICU4X): its derive needs
//! every field public and would still need these impls for `Str`, `Lang`, `Box` and the dates.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::{Block, Choice, Condition, Lang, Page, Script, Source, Str, Text};

/// Writes Rust source that makes a value equal to `self`. Paths start at `bezwaar_script::`.
pub trait Bake {
    fn bake(&self, out: &mut String);
}

/// `script` as a Rust expression of type `bezwaar_script::Script`.
pub fn baked(script: &Script) -> String {
    let mut out = String::new();
    script.bake(&mut out);
    out
}

/// A string of a built-in script (it has no place in a file to point at).
pub fn s(value: &str) -> Str {
    Str::new(value)
}

/// A text: its words per language (tags), and the sources it cites.
pub fn t(langs: &[(&str, &str)], cites: &[&str]) -> Text {
    Text {
        langs: langs.iter().map(|(l, w)| (Lang::new(l), s(w))).collect(),
        cites: cites.iter().map(|c| s(c)).collect(),
    }
}

/// A date (the script's `reviewed`), made from numbers that were a valid date when baked.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// A moment with its offset from UTC (the script's `deadline`).
pub fn moment(utc_secs: i64, offset_secs: i32) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_secs).unwrap_or(FixedOffset::east_opt(0).unwrap());
    DateTime::from_timestamp(utc_secs, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
}

fn lit(out: &mut String, s: &str) {
    let _ = write!(out, "{s:?}");
}

impl Bake for Str {
    fn bake(&self, out: &mut String) {
        out.push_str("bezwaar_script::bake::s(");
        lit(out, self.as_str());
        out.push(')');
    }
}

impl Bake for Lang {
    fn bake(&self, out: &mut String) {
        out.push_str("bezwaar_script::Lang::new(");
        lit(out, self.tag());
        out.push(')');
    }
}

impl Bake for Text {
    fn bake(&self, out: &mut String) {
        out.push_str("bezwaar_script::bake::t(&[");
        for (lang, words) in &self.langs {
            out.push('(');
            lit(out, lang.tag());
            out.push(',');
            lit(out, words.as_str());
            out.push_str("),");
        }
        out.push_str("],&[");
        for cite in &self.cites {
            lit(out, cite.as_str());
            out.push(',');
        }
        out.push_str("])");
    }
}

impl Bake for u32 {
    fn bake(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(v) => {
                out.push_str("Some(");
                v.bake(out);
                out.push(')');
            }
        }
    }
}

impl<T: Bake> Bake for Vec<T> {
    fn bake(&self, out: &mut String) {
        out.push_str("vec![");
        for v in self {
            v.bake(out);
            out.push(',');
        }
        out.push(']');
    }
}

impl<T: Bake> Bake for Box<T> {
    fn bake(&self, out: &mut String) {
        out.push_str("Box::new(");
        (**self).bake(out);
        out.push(')');
    }
}

/// `Path { field: value, … }` or `Path(value, …)` (no names).
fn fields(out: &mut String, path: &str, named: &[(&str, &dyn Bake)]) {
    out.push_str("bezwaar_script::");
    out.push_str(path);
    let tuple = named.first().is_some_and(|(n, _)| n.is_empty());
    out.push_str(if tuple { "(" } else { "{" });
    for (name, value) in named {
        if !name.is_empty() {
            out.push_str(name);
            out.push(':');
        }
        value.bake(out);
        out.push(',');
    }
    out.push_str(if tuple { ")" } else { "}" });
}

impl Bake for Condition {
    fn bake(&self, out: &mut String) {
        match self {
            Condition::Before => out.push_str("bezwaar_script::Condition::Before"),
            Condition::After => out.push_str("bezwaar_script::Condition::After"),
            Condition::ChoseAll => out.push_str("bezwaar_script::Condition::ChoseAll"),
            Condition::ChoseNone => out.push_str("bezwaar_script::Condition::ChoseNone"),
            Condition::ChoseAny => out.push_str("bezwaar_script::Condition::ChoseAny"),
            Condition::Chose(id) => fields(out, "Condition::Chose", &[("", id)]),
            Condition::Not(c) => fields(out, "Condition::Not", &[("", c)]),
        }
    }
}

impl Bake for Block {
    fn bake(&self, out: &mut String) {
        match self {
            Block::Para(t) => fields(out, "Block::Para", &[("", t)]),
            Block::Heading(t) => fields(out, "Block::Heading", &[("", t)]),
            Block::Bullets(items) => fields(out, "Block::Bullets", &[("", items)]),
            Block::Note(t) => fields(out, "Block::Note", &[("", t)]),
            Block::Do(t) => fields(out, "Block::Do", &[("", t)]),
            Block::Countdown => out.push_str("bezwaar_script::Block::Countdown"),
            Block::EmailField => out.push_str("bezwaar_script::Block::EmailField"),
            Block::Link { label, url } => {
                fields(out, "Block::Link", &[("label", label), ("url", url)]);
            }
            Block::Choose {
                question,
                all,
                none,
            } => fields(
                out,
                "Block::Choose",
                &[("question", question), ("all", all), ("none", none)],
            ),
            Block::If(condition, block) => {
                fields(out, "Block::If", &[("", condition), ("", block)]);
            }
            Block::Reasons(items) => fields(out, "Block::Reasons", &[("", items)]),
            // Their fields are all texts, listed once, with their names, by `words.rs`.
            Block::Ask { .. } => fields(out, "Block::Ask", &texts_of(self)),
            Block::Summary { .. } => fields(out, "Block::Summary", &texts_of(self)),
        }
    }
}

/// The named texts of a block of the script's own words (`Ask`, `Summary`).
fn texts_of(block: &Block) -> Vec<(&'static str, &dyn Bake)> {
    crate::words::templates(block)
        .into_iter()
        .map(|(name, text, _)| (name, text as &dyn Bake))
        .collect()
}

impl Bake for Page {
    fn bake(&self, out: &mut String) {
        let Page {
            id,
            title,
            body,
            when,
        } = self;
        fields(
            out,
            "Page",
            &[("id", id), ("title", title), ("body", body), ("when", when)],
        );
    }
}

impl Bake for Choice {
    fn bake(&self, out: &mut String) {
        let Choice { id, name } = self;
        fields(out, "Choice", &[("id", id), ("name", name)]);
    }
}

impl Bake for Source {
    fn bake(&self, out: &mut String) {
        let Source {
            id,
            title,
            publisher,
            date,
            url,
        } = self;
        fields(
            out,
            "Source",
            &[
                ("id", id),
                ("title", title),
                ("publisher", publisher),
                ("date", date),
                ("url", url),
            ],
        );
    }
}

/// A date, through [`date`].
struct Day(NaiveDate);

impl Bake for Day {
    fn bake(&self, out: &mut String) {
        let d = self.0;
        let _ = write!(
            out,
            "bezwaar_script::bake::date({},{},{})",
            d.year(),
            d.month(),
            d.day()
        );
    }
}

/// A moment, through [`moment`].
struct Moment(DateTime<FixedOffset>);

impl Bake for Moment {
    fn bake(&self, out: &mut String) {
        let m = self.0;
        let _ = write!(
            out,
            "bezwaar_script::bake::moment({},{})",
            m.timestamp(),
            m.offset().local_minus_utc()
        );
    }
}

impl Bake for Script {
    fn bake(&self, out: &mut String) {
        // Every field named here: a new one fails to compile until it is baked too.
        let Script {
            languages,
            title,
            offer,
            order,
            choices,
            reviewed,
            deadline,
            pages,
            sources,
        } = self;
        fields(
            out,
            "Script",
            &[
                ("languages", languages),
                ("title", title),
                ("offer", offer),
                ("order", order),
                ("choices", choices),
                ("reviewed", &Day(*reviewed)),
                ("deadline", &deadline.map(Moment)),
                ("pages", pages),
                ("sources", sources),
            ],
        );
    }
}

//! The walkthrough script: its RON schema, the types a loaded script is made of.
//!
//! A script is a RON file (see `data/meta-ai.ron`). Loading it happens in two stages
//! (`load.rs`): serde + ron check the shape (ron reports line and column), then `check.rs`
//! checks what serde cannot: unique page ids, https links, no empty or missing translations,
//! no control characters, a deadline that parses. Every problem carries `file:line:col`.
//! The walkthroughs inside the binary are loaded and checked when bezwaar is built
//! (`crates/core/build.rs`), and baked into Rust ([`bake`]): start-up reads no RON.
//!
//! A crate of its own, below the core, so that the core's build script can use it.
//!
//! To point at the offending item in a semantic problem, every string in the script is
//! deserialized as a [`Str`], which remembers its index among the file's string literals in
//! document order; a small scanner ([`string_literal_positions`]) finds where each literal
//! starts. ron reads the file front to back, so the two orders agree.

#![forbid(unsafe_code)]

use std::cell::Cell;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

pub mod bake;
mod check;
mod lang;
mod load;
mod when;
mod words;
pub use check::name_languages_with;
pub use lang::{Lang, forbidden_char};
pub use load::{Pos, Problem, ScriptError, load, parse, parse_bytes, string_literal_positions};
pub use when::Condition;
pub use words::{AskWords, fill};

/// A script larger than this is refused before parsing.
pub const MAX_SCRIPT_BYTES: usize = 1024 * 1024;

/// Content checked longer ago than this many days is stale: the walkthrough says so.
pub const STALE_AFTER_DAYS: i64 = 180;

/// A validated walkthrough.
#[derive(Debug, Clone)]
pub struct Script {
    /// The languages every text is written in; the first is the default.
    pub languages: Vec<Lang>,
    pub title: Text,
    /// What the last page of another walkthrough asks to lead here ("Do you also use …?").
    pub offer: Option<Text>,
    /// Where it stands among several: lower first.
    pub order: u32,
    /// What the walkthrough asks the person to choose among ("which do you use?"), in the
    /// order its [`Block::Choose`] lists them.
    pub choices: Vec<Choice>,
    pub reviewed: NaiveDate,
    /// The date after which the walkthrough's words change, if it has one.
    pub deadline: Option<DateTime<FixedOffset>>,
    pub pages: Vec<Page>,
    pub sources: Vec<Source>,
}

impl Script {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    /// Whole days from the `reviewed` date to the day of `now`, where the deadline is set
    /// (in UTC without one).
    pub fn days_since_review(&self, now: DateTime<Utc>) -> i64 {
        let today = match self.deadline {
            Some(d) => now.with_timezone(&d.timezone()).date_naive(),
            None => now.date_naive(),
        };
        (today - self.reviewed).num_days()
    }

    /// Whether `now` is more than [`STALE_AFTER_DAYS`] days after the `reviewed` date: the
    /// content may no longer be true, and the walkthrough says so.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        self.days_since_review(now) > STALE_AFTER_DAYS
    }
}

/// One screen of the walkthrough.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: Str,
    pub title: Text,
    pub body: Vec<Block>,
    /// Only for a person for whom this holds (such as `ChoseAny`): skipped otherwise.
    #[serde(default)]
    pub when: Option<Condition>,
}

/// One thing the person may choose at [`Block::Choose`] ("which do you use?"), such as an
/// account kind: `Choice(id: "…", name: "…")`. Links, and the answers of [`Block::Ask`],
/// belong to one by its id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: Str,
    pub name: Str,
}

/// One part of a page body, drawn top to bottom.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Block {
    /// A paragraph, wrapped to the window.
    Para(Text),
    /// A short bold line.
    Heading(Text),
    /// A list, one bullet per item.
    Bullets(Vec<Text>),
    /// A highlighted paragraph: a tip or a warning.
    Note(Text),
    /// An instruction, such as "Press Send": drawn like a paragraph. It states no fact, so
    /// it needs no source.
    Do(Text),
    /// The live countdown to the deadline (or the time since it passed).
    Countdown,
    /// A link the person can open; its URL is always shown in full.
    Link { label: Text, url: Str },
    /// The person says which of the script's choices apply: one button per choice, then
    /// `all` (left out with one choice, or to offer no such answer), then `none`.
    Choose {
        question: Text,
        #[serde(default)]
        all: Option<Text>,
        none: Text,
    },
    /// Any block, shown only when the condition holds.
    If(Condition, Box<Block>),
    /// The email address field (kept in memory only, never saved).
    EmailField,
    /// Ready-made reasons to pick from; the person may also write their own or give none.
    Reasons(Vec<Text>),
    /// Per chosen choice, a question with a safe answer: `safe` ("not yet") is marked and
    /// on Enter; only `yes` records it, with the time (then `yes_at` is shown).
    Ask {
        /// `{name}`: the choice's name.
        question: Text,
        safe: Text,
        yes: Text,
        /// `{when}`: the day and time it was recorded.
        yes_at: Text,
        /// Under the page after the safe answer: `{step}`, the step with the choices' links.
        safe_status: Text,
        /// The words of "take the yes away?", asked before the safe answer undoes a yes.
        undo: Text,
        /// On paper, a box to tick per choice: `{name}`.
        paper: Text,
    },
    /// What the person said yes to at [`Block::Ask`], and when; the way back when some is
    /// not yet.
    Summary {
        /// Over the lines, once something is recorded.
        heading: Text,
        /// A line for a choice answered yes: `{name}`, `{when}`.
        done: Text,
        /// A line for a choice not answered yes: `{name}`.
        not_yet: Text,
        /// The same, when the person chose all and another was answered yes: `{name}`.
        not_yet_all: Text,
        /// Instead of the lines when nothing is answered yes.
        nothing: Text,
        /// For a person who chose none: `{choice}`, the answer as they chose it.
        none: Text,
        /// On paper, a box to tick per choice: `{name}`.
        paper: Text,
    },
}

/// A link on a page, borrowed from its [`Block::Link`].
#[derive(Debug, Clone)]
pub struct LinkRef<'a> {
    pub label: &'a Text,
    pub url: &'a str,
    /// When it shows: the conditions around it, outermost first.
    pub when: Vec<&'a Condition>,
}

impl Block {
    /// Every text of this block in order, each with whether it states a fact. A text that
    /// states a fact must cite a source; titles, headings, instructions ([`Block::Do`]),
    /// link labels and ready-made reasons need not (they may).
    pub fn texts(&self) -> Vec<(&Text, bool)> {
        match self {
            Block::Para(t) | Block::Note(t) => vec![(t, true)],
            Block::Bullets(items) => items.iter().map(|t| (t, true)).collect(),
            Block::Heading(t) | Block::Do(t) => vec![(t, false)],
            Block::Link { label, .. } => vec![(label, false)],
            Block::Choose {
                question,
                all,
                none,
            } => std::iter::once(question)
                .chain(all)
                .chain([none])
                .map(|t| (t, false))
                .collect(),
            Block::If(_, inner) => inner.texts(),
            Block::Reasons(items) => items.iter().map(|t| (t, false)).collect(),
            Block::Ask { .. } | Block::Summary { .. } => words::templates(self)
                .into_iter()
                .map(|(_, t, _)| (t, false))
                .collect(),
            Block::Countdown | Block::EmailField => Vec::new(),
        }
    }
}

impl Page {
    /// The ids of the sources this page cites (its title and every text of its body), in the
    /// order of their first use, each once.
    pub fn cites(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let texts = std::iter::once(&self.title).chain(
            self.body
                .iter()
                .flat_map(|b| b.texts().into_iter().map(|(t, _)| t)),
        );
        for t in texts {
            for id in &t.cites {
                if !out.contains(&id.as_str()) {
                    out.push(id.as_str());
                }
            }
        }
        out
    }

    /// The page's links, in order.
    pub fn links(&self) -> impl Iterator<Item = LinkRef<'_>> {
        self.body.iter().filter_map(|b| match b.unwrap() {
            (Block::Link { label, url }, when) => Some(LinkRef {
                label,
                url: url.as_str(),
                when,
            }),
            _ => None,
        })
    }
}

/// Where facts come from: `Source(id: "ap-oproep", title: "…", publisher: "security.nl",
/// date: "april 2025")`. Texts name it by its id in their `cites`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique within the script; what `cites: [...]` refers to.
    pub id: Str,
    pub title: Str,
    /// Who published it (a newspaper, a site, a firm), when that is not in the title.
    #[serde(default)]
    pub publisher: Option<Str>,
    /// When it was published, as free text ("april 2025").
    #[serde(default)]
    pub date: Option<Str>,
    /// Where to read it (https only).
    #[serde(default)]
    pub url: Option<Str>,
}

/// A text in the script's languages, a map from language tag to words, with the sources it
/// rests on: `(nl: "…", en: "…", de: "…", cites: ["ap-oproep"])`. `cites` is the one key
/// that is not a language.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// The words per language, in the order the script writes them.
    pub langs: Vec<(Lang, Str)>,
    /// The ids of the script's sources this text rests on.
    pub cites: Vec<Str>,
}

impl Text {
    /// The text in `lang`; else in its base language (`de` for `de-at`); else the first
    /// written (a validated script has every declared language).
    pub fn get(&self, lang: Lang) -> &str {
        let find = |l: Lang| self.langs.iter().find(|(k, _)| *k == l);
        find(lang)
            .or_else(|| find(lang.base()))
            .or(self.langs.first())
            .map_or("", |(_, s)| s.as_str())
    }

    /// The words in `lang` exactly, if the text has them.
    pub fn exact(&self, lang: Lang) -> Option<&Str> {
        self.langs.iter().find(|(k, _)| *k == lang).map(|(_, s)| s)
    }

    /// Builds a text in code (tests, generated pages): Dutch and English.
    pub fn new(nl: &str, en: &str) -> Self {
        Text {
            langs: vec![(Lang::Nl, Str::new(nl)), (Lang::En, Str::new(en))],
            cites: Vec::new(),
        }
    }

    /// The same text with words in one more language (or new words in one it has).
    pub fn with(mut self, lang: Lang, words: &str) -> Self {
        self.langs.retain(|(k, _)| *k != lang);
        self.langs.push((lang, Str::new(words)));
        self
    }

    /// The same text citing these source ids.
    pub fn citing(mut self, ids: &[&str]) -> Self {
        self.cites = ids.iter().map(|id| Str::new(id)).collect();
        self
    }
}

/// Words per language, citing nothing (the chooser's lines, made from every script's).
impl FromIterator<(Lang, Str)> for Text {
    fn from_iter<I: IntoIterator<Item = (Lang, Str)>>(iter: I) -> Text {
        Text {
            langs: iter.into_iter().collect(),
            cites: Vec::new(),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: (nl: \"…\", en: \"…\"), one entry per language")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "cites" {
                        text.cites = map.next_value()?;
                    } else if !Lang::valid(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "`{key}` is not a language (such as nl, en, de) nor `cites`; \
                             is the `)` that ends the text missing before it?"
                        )));
                    } else {
                        let lang = Lang::new(&key);
                        let words: Str = map.next_value()?;
                        if text.exact(lang).is_some() {
                            return Err(serde::de::Error::custom(format!(
                                "the text has `{key}` twice"
                            )));
                        }
                        text.langs.push((lang, words));
                    }
                }
                Ok(text)
            }
        }
        d.deserialize_struct("Text", &[], Visitor)
    }
}

/// A string from the script that knows which literal of the file it came from.
#[derive(Clone)]
pub struct Str {
    value: String,
    literal: Option<usize>,
}

impl Str {
    pub fn new(value: &str) -> Self {
        Str {
            value: value.to_owned(),
            literal: None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

thread_local! {
    /// The index of the next string literal ron will hand to [`Str::deserialize`].
    static NEXT_LITERAL: Cell<usize> = const { Cell::new(0) };
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = String::deserialize(d)?;
        let literal = NEXT_LITERAL.with(|n| {
            let i = n.get();
            n.set(i + 1);
            i
        });
        Ok(Str {
            value,
            literal: Some(literal),
        })
    }
}

/// The script as it is written, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Script")]
struct RawScript {
    /// The languages, as tags; without it, those of the title.
    #[serde(default)]
    languages: Option<Vec<Str>>,
    title: Text,
    #[serde(default)]
    offer: Option<Text>,
    #[serde(default)]
    order: Option<u32>,
    #[serde(default)]
    choices: Vec<Choice>,
    reviewed: Str,
    #[serde(default)]
    deadline: Option<Str>,
    pages: Vec<Page>,
    #[serde(default)]
    sources: Vec<Source>,
}

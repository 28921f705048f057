//! The walkthrough script: RON schema, loading and validation.
//!
//! A script is a RON file (see `data/meta-ai.ron`). Loading it happens in two stages:
//! serde + ron check the shape (ron reports line and column), then [`validate`] checks what
//! serde cannot: unique page ids, https links, no empty or missing translations, no control
//! characters, a deadline that parses. Every problem carries `file:line:col`.
//!
//! To point at the offending item in a semantic problem, every string in the script is
//! deserialized as a [`Str`], which remembers its index among the file's string literals in
//! document order; a small scanner ([`string_literal_positions`]) finds where each literal
//! starts. ron reads the file front to back, so the two orders agree.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use crate::text::{Lang, forbidden_char};

mod when;
mod words;
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

/// A line and column in a file, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One thing wrong with a script, located where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub at: Option<Pos>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.col, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Everything wrong with one script file; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScriptError {}

impl ScriptError {
    fn one(file: &str, at: Option<Pos>, message: impl Into<String>) -> Self {
        ScriptError {
            problems: vec![Problem {
                file: file.to_owned(),
                at,
                message: message.into(),
            }],
        }
    }
}

// BUILT_IN: every `data/*.ron`, as (id, RON), made by build.rs.
include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// The name a built-in walkthrough goes by in messages: `data/ID.ron`.
pub fn built_in_name(id: &str) -> String {
    format!("data/{id}.ron")
}

/// Every walkthrough that ships inside the binary, with its id, in the order a chooser lists
/// them (`order`, then id).
pub fn built_in() -> Result<Vec<(String, Script)>, ScriptError> {
    let mut all = BUILT_IN
        .iter()
        .map(|(id, src)| Ok(((*id).to_owned(), parse(&built_in_name(id), src)?)))
        .collect::<Result<Vec<_>, ScriptError>>()?;
    all.sort_by(|(a, x), (b, y)| (x.order, a).cmp(&(y.order, b)));
    Ok(all)
}

/// The first built-in walkthrough (the one a chooser lists first).
pub fn embedded() -> Result<Script, ScriptError> {
    built_in()?
        .into_iter()
        .next()
        .map(|(_, s)| s)
        .ok_or_else(|| ScriptError::one("data", None, "no walkthrough is built in"))
}

/// The id of a walkthrough read from `path`: its file name without `.ron`.
pub fn id_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "walkthrough".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Reads and validates a script file. Never panics, whatever the file holds.
pub fn load(path: &Path) -> Result<Script, ScriptError> {
    let name = path.display().to_string();
    let stat = std::fs::metadata(path).map_err(|e| ScriptError::one(&name, None, io_words(&e)))?;
    if stat.is_dir() {
        return Err(ScriptError::one(
            &name,
            None,
            "this is a folder, not a script file",
        ));
    }
    if stat.len() > MAX_SCRIPT_BYTES as u64 {
        return Err(ScriptError::one(
            &name,
            None,
            format!(
                "the file is too large ({} bytes); a script is at most {} bytes",
                stat.len(),
                MAX_SCRIPT_BYTES
            ),
        ));
    }
    // Read one byte past the limit, never more: a device or a growing file has no honest
    // size in its metadata (/dev/zero says 0).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SCRIPT_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| ScriptError::one(&name, None, io_words(&e)))?;
    parse_bytes(&name, &bytes)
}

/// Validates a script held in memory, as raw bytes (which may be anything).
pub fn parse_bytes(name: &str, bytes: &[u8]) -> Result<Script, ScriptError> {
    if bytes.len() > MAX_SCRIPT_BYTES {
        return Err(ScriptError::one(
            name,
            None,
            format!("the file is too large; a script is at most {MAX_SCRIPT_BYTES} bytes"),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let at = position_at(std::str::from_utf8(good).unwrap_or(""), good.len());
            return Err(ScriptError::one(
                name,
                Some(at),
                "this is not a text file (not valid UTF-8); a script is plain text in RON",
            ));
        }
    };
    if let Some(i) = src.find('\0') {
        return Err(ScriptError::one(
            name,
            Some(position_at(src, i)),
            "this looks like a binary file (it holds a NUL byte); a script is plain text in RON",
        ));
    }
    parse(name, src)
}

/// Validates a script held in memory as text.
///
/// Windows line endings and a leading byte-order mark (Notepad writes one) are accepted:
/// both are normalised away without moving any line or column.
pub fn parse(name: &str, src: &str) -> Result<Script, ScriptError> {
    if src.trim().is_empty() {
        return Err(ScriptError::one(
            name,
            Some(Pos { line: 1, col: 1 }),
            "the file is empty; a script starts with `Script(`",
        ));
    }
    let normalised;
    let src = if src.starts_with('\u{feff}') || src.contains('\r') {
        // The mark becomes a space (one column, like the mark itself); "\r\n" becomes "\n".
        normalised = src.replacen('\u{feff}', " ", 1).replace("\r\n", "\n");
        normalised.as_str()
    } else {
        src
    };
    NEXT_LITERAL.with(|n| n.set(0));
    // implicit_some: an optional field is written `url: "…"`, not `url: Some("…")`.
    let raw: RawScript = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
        .from_str(src)
        .map_err(|e| {
            ScriptError::one(
                name,
                Some(Pos {
                    line: e.span.start.line.max(1),
                    col: e.span.start.col.max(1),
                }),
                ron_words(&e.code),
            )
        })?;
    validate(name, raw, src)
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "cannot read this file: permission denied".to_owned()
        }
        _ => format!("cannot read this file: {e}"),
    }
}

fn ron_words(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "the script is nested too deeply (more than 64 levels)".to_owned()
        }
        ron::Error::Eof => {
            "the file ends too early: a closing bracket or quote is missing".to_owned()
        }
        other => other.to_string(),
    }
}

/// Collects semantic problems while walking a parsed script.
struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    /// Where each string literal starts: found the first time a problem needs it (a script
    /// without problems, such as the built-in one at every start, never looks).
    literals: OnceCell<Vec<Pos>>,
    problems: Vec<Problem>,
    /// The script's source ids, for the texts' cites.
    sources: HashMap<String, Option<Loc>>,
    /// The script's declared languages.
    languages: Vec<Lang>,
}

/// Where a problem is: a string literal of the file, or a position known already.
#[derive(Debug, Clone, Copy)]
enum Loc {
    Literal(usize),
    At(Pos),
}

/// Whether a text states a fact, and so must cite a source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fact {
    Yes,
    No,
}

impl Checker<'_> {
    fn at(&self, s: &Str) -> Option<Loc> {
        s.literal.map(Loc::Literal)
    }

    /// The line and column of `loc`.
    fn pos(&self, loc: Option<Loc>) -> Option<Pos> {
        match loc? {
            Loc::At(p) => Some(p),
            Loc::Literal(i) => self
                .literals
                .get_or_init(|| string_literal_positions(self.src))
                .get(i)
                .copied(),
        }
    }

    /// " (first at line 12)", for a duplicate whose first is at `first`.
    fn first_at(&self, first: Option<Loc>) -> String {
        self.pos(first)
            .map_or(String::new(), |p| format!(" (first at line {})", p.line))
    }

    fn push(&mut self, at: Option<Loc>, message: String) {
        let at = self.pos(at);
        self.problems.push(Problem {
            file: self.file.to_owned(),
            at,
            message,
        });
    }

    /// A string that must be non-empty and free of control characters.
    fn string(&mut self, s: &Str, what: &str) {
        self.string_of(s, || what.to_owned());
    }

    /// The same, with the words for what it is made only when something is wrong (naming a
    /// language reads the catalogs).
    fn string_of(&mut self, s: &Str, what: impl FnOnce() -> String) {
        let empty = s.as_str().trim().is_empty();
        let control = s.as_str().chars().find(|&c| c != '\n' && forbidden_char(c));
        if !empty && control.is_none() {
            return;
        }
        let what = what();
        if empty {
            self.push(self.at(s), format!("{what} is empty"));
        }
        if let Some(c) = control {
            self.push(
                self.at(s),
                format!(
                    "{what} contains the control character U+{:04X} ({}); text may not steer the terminal",
                    c as u32,
                    char_name(c)
                ),
            );
        }
    }

    /// A text that needs both translations, and a source when it states a fact. `near`
    /// locates the text when both translations are missing.
    fn text(&mut self, t: &Text, what: &str, near: Option<Loc>, fact: Fact) {
        let found = t.langs.first().and_then(|(_, s)| self.at(s)).or(near);
        for (lang, words) in &t.langs {
            if self.languages.contains(lang) {
                self.string_of(words, || format!("{what}, {}", named(*lang)));
            } else {
                let declared = self.declared();
                self.push(
                    self.at(words),
                    format!(
                        "{what} is in {lang}, which the script's languages ({declared}) do not name"
                    ),
                );
            }
        }
        for lang in self.languages.clone() {
            if t.exact(lang).is_none() {
                self.push(found, format!("{what} has no {} translation", named(lang)));
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for id in &t.cites {
            let name = id.as_str();
            if name.trim().is_empty() || name.chars().any(forbidden_char) {
                self.string(id, &format!("{what}, a source id in cites"));
            } else if !self.sources.contains_key(name) {
                self.push(
                    self.at(id),
                    format!(
                        "{what} cites \"{}\", which is not the id of any of the script's sources",
                        clip(name)
                    ),
                );
            }
            if seen.contains(&name) {
                self.push(
                    self.at(id),
                    format!("{what} cites \"{}\" twice", clip(name)),
                );
            }
            seen.push(name);
        }
        if fact == Fact::Yes && t.cites.is_empty() {
            self.push(
                found,
                format!(
                    "{what} states a fact but cites no source: add cites: [\"…\"] with a source id \
                     (an instruction such as \"press Send\" is a Do block, which needs none)"
                ),
            );
        }
    }

    fn url(&mut self, s: &Str, what: &str) {
        self.string(s, what);
        let u = s.as_str();
        let rest = u.strip_prefix("https://");
        match rest {
            None => self.push(
                self.at(s),
                format!("{what} must start with https:// (found \"{}\")", clip(u)),
            ),
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                self.push(self.at(s), format!("{what} has no host name"))
            }
            Some(_) if u.chars().any(char::is_whitespace) => {
                self.push(self.at(s), format!("{what} contains a space"))
            }
            Some(_) => {}
        }
    }
}

/// A language as a message of `check` names it: its own name and its tag, "Deutsch (de)";
/// the tag alone when no catalog knows it.
fn named(lang: Lang) -> String {
    let name = crate::i18n::language_name(lang);
    if crate::i18n::catalog_languages().contains(&lang) {
        format!("{name} ({lang})")
    } else {
        lang.tag().to_owned()
    }
}

impl Checker<'_> {
    /// The declared languages as the messages name them: "nl, en, de".
    fn declared(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.tag())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The script's languages: as declared, each a tag once; without a list, those of
    /// the title.
    fn languages(&mut self, raw: &RawScript, top: Option<Loc>) {
        let Some(list) = &raw.languages else {
            self.languages = raw.title.langs.iter().map(|(l, _)| *l).collect();
            return;
        };
        if list.is_empty() {
            self.push(top, "the script's languages list is empty".to_owned());
        }
        for tag in list {
            if !Lang::valid(tag.as_str()) {
                self.push(
                    self.at(tag),
                    format!(
                        "\"{}\" is not a language tag such as nl, en or de",
                        clip(tag.as_str())
                    ),
                );
                continue;
            }
            let lang = Lang::new(tag.as_str());
            if self.languages.contains(&lang) {
                self.push(self.at(tag), format!("the language {lang} is listed twice"));
            } else {
                self.languages.push(lang);
            }
        }
    }
}

impl Checker<'_> {
    /// One block of a page (`w` names it), and the block under each of its conditions.
    fn block(&mut self, block: &Block, w: &str, at_id: Option<Loc>, raw: &RawScript) {
        match block {
            Block::Para(t) | Block::Note(t) => self.text(t, w, at_id, Fact::Yes),
            Block::Heading(t) | Block::Do(t) => self.text(t, w, at_id, Fact::No),
            Block::Bullets(items) => {
                if items.is_empty() {
                    self.push(at_id, format!("{w} is a list without items"));
                }
                for (i, t) in items.iter().enumerate() {
                    self.text(t, &format!("{w} item {}", i + 1), at_id, Fact::Yes);
                }
            }
            Block::Link { label, url } => {
                self.text(label, &format!("{w} link label"), self.at(url), Fact::No);
                self.url(url, &format!("{w} link"));
            }
            Block::Choose { .. } => {
                for (t, _) in block.texts() {
                    self.text(t, &format!("{w} (Choose)"), at_id, Fact::No);
                }
            }
            Block::Reasons(items) => {
                if items.is_empty() {
                    self.push(at_id, format!("{w} has no reasons to pick from"));
                }
                for (i, t) in items.iter().enumerate() {
                    self.text(t, &format!("{w} reason {}", i + 1), at_id, Fact::No);
                }
            }
            Block::Ask { .. } | Block::Summary { .. } => self.templates(block, w, at_id),
            Block::If(when, inner) => {
                let near = inner
                    .texts()
                    .first()
                    .and_then(|(t, _)| t.langs.first())
                    .and_then(|(_, s)| self.at(s))
                    .or(at_id);
                self.condition(
                    when,
                    &format!("{w} condition"),
                    near,
                    &raw.choices,
                    raw.deadline.is_some(),
                );
                self.block(inner, w, at_id, raw);
            }
            Block::Countdown | Block::EmailField => {}
        }
        if matches!(
            block,
            Block::Choose { .. } | Block::Ask { .. } | Block::Summary { .. }
        ) && raw.choices.is_empty()
        {
            self.push(at_id, format!("{w} needs the script's choices list"));
        }
        if matches!(block, Block::Countdown) && raw.deadline.is_none() {
            self.needs_deadline(w, at_id);
        }
    }
}

fn validate(file: &str, raw: RawScript, src: &str) -> Result<Script, ScriptError> {
    let mut c = Checker {
        file,
        src,
        literals: OnceCell::new(),
        problems: Vec::new(),
        sources: HashMap::new(),
        languages: Vec::new(),
    };
    let top = Some(Loc::At(Pos { line: 1, col: 1 }));
    c.languages(&raw, top);
    // The sources first: every text's cites refer to them.
    let mut sources: HashMap<String, Option<Loc>> = HashMap::new();
    for (i, s) in raw.sources.iter().enumerate() {
        let what = format!("source {}", i + 1);
        c.string(&s.id, &format!("{what} id"));
        let at_id = c.at(&s.id);
        let id = s.id.as_str();
        if let Some(first) = sources.get(id) {
            let first = c.first_at(*first);
            c.push(
                at_id,
                format!("duplicate source id \"{}\"{first}", clip(id)),
            );
        } else {
            sources.insert(id.to_owned(), at_id);
        }
        let what = format!("source {} (\"{}\")", i + 1, clip(id));
        c.string(&s.title, &format!("{what} title"));
        if let Some(p) = &s.publisher {
            c.string(p, &format!("{what} publisher"));
        }
        if let Some(d) = &s.date {
            c.string(d, &format!("{what} date"));
        }
        if let Some(u) = &s.url {
            c.url(u, &format!("{what} url"));
        }
    }
    c.sources = sources;
    c.text(&raw.title, "the title", top, Fact::No);
    if let Some(offer) = &raw.offer {
        c.text(offer, "the offer", top, Fact::No);
    }

    let reviewed = NaiveDate::parse_from_str(raw.reviewed.as_str(), "%Y-%m-%d");
    if reviewed.is_err() {
        c.push(
            c.at(&raw.reviewed),
            format!(
                "reviewed \"{}\" is not a date like 2026-11-23",
                clip(raw.reviewed.as_str())
            ),
        );
    }
    let deadline = raw
        .deadline
        .as_ref()
        .map(|d| (d, DateTime::parse_from_rfc3339(d.as_str())));
    if let Some((d, Err(e))) = &deadline {
        c.push(
            c.at(d),
            format!(
                "deadline \"{}\" is not an RFC 3339 time like 2025-05-27T00:00:00+02:00 ({e})",
                clip(d.as_str())
            ),
        );
    }
    let deadline = match deadline {
        Some((_, Ok(d))) => Ok(Some(d)),
        Some((_, Err(_))) => Err(()),
        None => Ok(None),
    };

    if raw.pages.is_empty() {
        c.push(top, "the script has no pages".to_owned());
    }
    let mut seen: HashMap<&str, Option<Loc>> = HashMap::new();
    for (n, page) in raw.pages.iter().enumerate() {
        let id = page.id.as_str();
        let at_id = c.at(&page.id);
        let what = format!("page {} (\"{}\")", n + 1, clip(id));
        c.string(&page.id, &format!("page {} id", n + 1));
        if let Some(first) = seen.get(id) {
            let first = c.first_at(*first);
            c.push(at_id, format!("duplicate page id \"{}\"{first}", clip(id)));
        } else {
            seen.insert(id, at_id);
        }
        c.text(&page.title, &format!("{what} title"), at_id, Fact::No);
        if page.body.is_empty() {
            c.push(at_id, format!("{what} has an empty body"));
        }
        if let Some(when) = &page.when {
            c.condition(
                when,
                &format!("{what} when"),
                at_id,
                &raw.choices,
                raw.deadline.is_some(),
            );
        }
        for (b, block) in page.body.iter().enumerate() {
            let w = format!("{what} block {}", b + 1);
            c.block(block, &w, at_id, &raw);
        }
    }
    let mut choice_ids: Vec<&str> = Vec::new();
    for (i, p) in raw.choices.iter().enumerate() {
        c.string(&p.id, &format!("choice {} id", i + 1));
        c.string(&p.name, &format!("choice {} name", i + 1));
        if choice_ids.contains(&p.id.as_str()) {
            c.push(
                c.at(&p.id),
                format!("duplicate choice id \"{}\"", clip(p.id.as_str())),
            );
        }
        choice_ids.push(p.id.as_str());
    }

    match (c.problems.is_empty(), reviewed, deadline) {
        (true, Ok(reviewed), Ok(deadline)) => Ok(Script {
            languages: c.languages,
            title: raw.title,
            offer: raw.offer,
            order: raw.order.unwrap_or(100),
            choices: raw.choices,
            reviewed,
            deadline,
            pages: raw.pages,
            sources: raw.sources,
        }),
        _ => {
            // Report in the order the file is written, whatever order the checks ran in.
            let mut problems = c.problems;
            problems.sort_by_key(|p| p.at.map(|p| (p.line, p.col)));
            Err(ScriptError { problems })
        }
    }
}

/// Cuts a quoted value short for a message, and makes it safe to print.
fn clip(s: &str) -> String {
    let safe: String = s
        .chars()
        .map(|c| if forbidden_char(c) { '\u{FFFD}' } else { c })
        .collect();
    if safe.chars().count() > 40 {
        safe.chars().take(40).chain("…".chars()).collect()
    } else {
        safe
    }
}

fn char_name(c: char) -> &'static str {
    match c {
        '\u{1b}' => "ESC",
        '\u{7}' => "BEL",
        '\t' => "TAB",
        '\r' => "carriage return",
        '\u{7f}' => "DEL",
        '\u{80}'..='\u{9f}' => "C1 control",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "bidi override",
        _ => "control",
    }
}

/// Line and column of byte offset `at` in `src`, counted as ron counts them.
fn position_at(src: &str, at: usize) -> Pos {
    let before = &src[..at.min(src.len())];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().unwrap_or("").chars().count();
    Pos { line, col }
}

/// Where each string literal of a RON text starts, in document order.
///
/// Knows RON's comments (`//`, nested `/* */`), strings with escapes, raw strings (`r#"…"#`)
/// and char literals, so quotes inside them are not mistaken for strings.
pub fn string_literal_positions(src: &str) -> Vec<Pos> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Track line and column incrementally rather than rescanning.
    let mut line = 1;
    let mut line_start = 0;
    let pos = |i: usize, line: usize, line_start: usize| Pos {
        line,
        col: 1 + src[line_start..i].chars().count(),
    };
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
                line_start = i;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                }
            }
            b'"' => {
                out.push(pos(i, line, line_start));
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'r' if (i == 0 || !is_ident_byte(b[i - 1]))
                && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) =>
            {
                let start = i;
                let mut j = i + 1;
                while b.get(j) == Some(&b'#') {
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let hashes = j - i - 1;
                out.push(pos(start, line, line_start));
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == b'"'
                        && b[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == b'#')
                            .count()
                            == hashes
                    {
                        j += 1 + hashes;
                        break;
                    }
                    if b[j] == b'\n' {
                        line += 1;
                        line_start = j + 1;
                    }
                    j += 1;
                }
                i = j;
            }
            b'\'' => {
                // A char literal: 'x' or '\n' or '\u{..}'.
                let mut j = i + 1;
                if b.get(j) == Some(&b'\\') {
                    j += 2;
                }
                while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                    j += 1;
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_positions_skip_comments_and_raw_strings() {
        let src = "// \"not\"\nA(a: \"x\", /* \"no\" /* \"nested\" */ */ b: r#\"y\"z\"#,\n c: '\"', d: \"\\\"q\")";
        let p = string_literal_positions(src);
        assert_eq!(
            p,
            vec![
                Pos { line: 2, col: 6 },
                Pos { line: 2, col: 40 },
                Pos { line: 3, col: 13 },
            ]
        );
    }
}

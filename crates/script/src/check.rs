//! What `check` says of a script that parsed: the semantic problems serde cannot see (unique
//! ids, https links, every language and no other, no control characters, cites that name a
//! source, dates that parse), each at the string literal it is about.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};

use super::string_literal_positions;
use super::{Block, Pos, Problem, RawScript, Script, ScriptError, Str, Text};
use crate::{Lang, forbidden_char};

/// Collects semantic problems while walking a parsed script.
pub(super) struct Checker<'a> {
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
pub(super) enum Loc {
    Literal(usize),
    At(Pos),
}

/// Whether a text states a fact, and so must cite a source.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fact {
    Yes,
    No,
}

impl Checker<'_> {
    pub(super) fn at(&self, s: &Str) -> Option<Loc> {
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

    pub(super) fn push(&mut self, at: Option<Loc>, message: String) {
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
    pub(super) fn text(&mut self, t: &Text, what: &str, near: Option<Loc>, fact: Fact) {
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

/// How a language is named by its own words ("Deutsch"), where the app has a catalog for
/// it: the core's catalogs, which live above this crate, tell it (see
/// [`name_languages_with`]).
static NAMES: OnceLock<fn(Lang) -> Option<String>> = OnceLock::new();

/// Lets `check`'s messages name languages as `names` does ("Deutsch (de)"); without it, or
/// where it says `None`, a language is its tag.
pub fn name_languages_with(names: fn(Lang) -> Option<String>) {
    let _ = NAMES.set(names);
}

/// A language as a message of `check` names it: its own name and its tag, "Deutsch (de)";
/// the tag alone when no catalog knows it.
fn named(lang: Lang) -> String {
    match NAMES.get().and_then(|names| names(lang)) {
        Some(name) => format!("{name} ({lang})"),
        None => lang.tag().to_owned(),
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

pub(super) fn validate(file: &str, raw: RawScript, src: &str) -> Result<Script, ScriptError> {
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
pub(super) fn clip(s: &str) -> String {
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

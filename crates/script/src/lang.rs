//! A language, by its tag, and the characters no text may bring to a terminal.

use std::fmt;
use std::sync::{Mutex, OnceLock};

use unic_langid::LanguageIdentifier;

/// A language, by its tag: lower case, subtags joined with `-` (`de`, `pt-br`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

#[allow(non_upper_case_globals)]
impl Lang {
    pub const Nl: Lang = Lang("nl");
    pub const En: Lang = Lang("en");
    pub const De: Lang = Lang("de");

    /// The language with this tag (`de`, `de_AT`, `pt-BR`…), normalised: lower case, `_`
    /// as `-`. Tags are kept for the program's life; there are only ever a few.
    pub fn new(tag: &str) -> Lang {
        static TAGS: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        for known in [Lang::Nl, Lang::En, Lang::De] {
            if known.0 == tag {
                return known;
            }
        }
        let mut tags = TAGS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(t) = tags.iter().find(|t| **t == tag) {
            return Lang(t);
        }
        let t: &'static str = Box::leak(tag.into_boxed_str());
        tags.push(t);
        Lang(t)
    }

    pub fn tag(self) -> &'static str {
        self.0
    }

    /// The language without its region: `de` for `de-at`.
    pub fn base(self) -> Lang {
        match self.0.split_once('-') {
            Some((base, _)) => Lang::new(base),
            None => self,
        }
    }

    /// Whether `tag` is a language tag as a script or a locale writes one: a language of two
    /// or three letters (ISO 639), then perhaps a script or region, apart by `-` or `_`
    /// (`nl`, `de_AT`, `pt-BR`, `sr-Latn`).
    pub fn valid(tag: &str) -> bool {
        let tag = tag.replace('_', "-");
        let first = tag.split('-').next().unwrap_or("");
        (2..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_alphabetic())
            && tag.parse::<LanguageIdentifier>().is_ok()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// True for characters that must never reach the terminal from script or user text:
/// C0 controls (including ESC, BEL, TAB, CR), DEL, C1 controls, and bidi overrides and isolates.
/// A newline is handled by the caller (it ends a line).
pub fn forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

//! The words of the app itself (not of the script), in Dutch and English, and the language
//! choice. Also the one rule for what text may reach the terminal.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// The language from the locale variables, as gettext reads them: the first set one of
    /// LC_ALL, LC_MESSAGES, LANG. English when it starts with `en`, otherwise Dutch.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty());
        match locale {
            Some(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Picks the Dutch or the English of a pair.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("nl", "en"))
    }
}

/// "Stap 3 van 6" / "Step 3 of 6".
pub fn step_of(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Nl => format!("Stap {n} van {total}"),
        Lang::En => format!("Step {n} of {total}"),
    }
}

/// The message for a window below the minimum size.
pub fn too_small(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    match lang {
        Lang::Nl => format!(
            "Het venster is te klein.\nMaak het groter: minstens {min_w} × {min_h}.\nNu is het {w} × {h}."
        ),
        Lang::En => format!(
            "The window is too small.\nMake it larger: at least {min_w} × {min_h}.\nNow it is {w} × {h}."
        ),
    }
}

/// The same, for a window too small for the whole sentence.
pub fn too_small_short(lang: Lang) -> &'static str {
    lang.pick("Venster groter maken", "Make the window larger")
}

pub fn open_failed(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Nl => format!("De link ging niet open ({reason}). Typ het adres over in je browser."),
        Lang::En => {
            format!("The link did not open ({reason}). Type the address into your browser.")
        }
    }
}

pub fn opening(lang: Lang) -> &'static str {
    lang.pick(
        "De link gaat open in je browser.",
        "The link is opening in your browser.",
    )
}

pub fn scroll_more(lang: Lang) -> &'static str {
    lang.pick("↓ meer", "↓ more")
}

/// True for characters that must never reach the terminal from script or user text:
/// C0 controls (including ESC, BEL, TAB, CR), DEL, C1 controls, and bidi overrides and isolates.
/// A newline is handled by the caller (it ends a line).
pub fn forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Makes text safe to draw: every forbidden character becomes U+FFFD, the replacement mark.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if forbidden_char(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn locale_picks_the_language() {
        assert_eq!(Lang::from_env(env(&[])), Lang::Nl);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "nl_NL.UTF-8")])), Lang::Nl);
        assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::Nl);
        // LC_ALL wins over LANG; an empty LC_ALL does not count.
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "nl_BE"),
                ("LANG", "en_US")
            ])),
            Lang::Nl
        );
    }

    #[test]
    fn sanitize_replaces_terminal_controls() {
        assert_eq!(
            sanitize("a\u{1b}[2Jb\u{7}c\u{9b}d\u{202e}e"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e"
        );
        assert_eq!(sanitize("Één brief – ok"), "Één brief – ok");
    }
}

//! How a link is drawn and copied: an on-screen URL drawn again as an OSC 8 hyperlink where
//! the terminal supports it, and a copy to the person's own clipboard (OSC 52). Where a link
//! goes (a browser, this computer's screen, the link panel with its QR code) is the core's
//! [`bezwaar_core::links`], re-exported here so that one path names both.
//!
//! Pure functions of their inputs: the bytes are tested exactly.

use std::io::{self, Write};

use crossterm::clipboard::CopyToClipboard;
use crossterm::style::{Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor};
use crossterm::{Command, cursor, queue};
use ratatui::style::{Modifier, Style};

/// Where a link goes, why it did not open, and the QR code: the pure part, in the core.
pub use bezwaar_core::links::*;

/// Text on screen that is a link: drawn again by the runner as an OSC 8 hyperlink, so
/// terminals that support it make it clickable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
    /// How the URL is drawn (the theme's URL style), so the runner draws it the same.
    pub style: Style,
}

/// Each text attribute ratatui knows, with the SGR attribute that turns it on.
pub const ATTRIBUTES: [(Modifier, Attribute); 9] = [
    (Modifier::BOLD, Attribute::Bold),
    (Modifier::DIM, Attribute::Dim),
    (Modifier::ITALIC, Attribute::Italic),
    (Modifier::UNDERLINED, Attribute::Underlined),
    (Modifier::SLOW_BLINK, Attribute::SlowBlink),
    (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    (Modifier::REVERSED, Attribute::Reverse),
    (Modifier::HIDDEN, Attribute::Hidden),
    (Modifier::CROSSED_OUT, Attribute::CrossedOut),
];

/// `text` as an OSC 8 hyperlink to `url`: clickable where the terminal supports it, plain
/// text elsewhere (terminals skip OSC sequences they do not know).
pub fn osc8(url: &str, text: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

/// The OSC 52 sequence that puts `text` on the clipboard of the terminal the person looks
/// at — over SSH that is their own machine's clipboard.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut out);
    out
}

/// Draws each on-screen URL again over itself as an OSC 8 hyperlink, in the style the page
/// drew it in (the theme's URL style: no colour under NO_COLOR). The text and its place are
/// unchanged, so terminals without OSC 8 show the same screen.
pub fn write_hyperlinks(w: &mut impl Write, links: &[Hyperlink]) -> io::Result<()> {
    use ratatui::backend::IntoCrossterm;
    if !links.is_empty() {
        // The frame may have left colours set: each link starts from plain text.
        queue!(w, SetAttribute(Attribute::Reset))?;
    }
    for l in links {
        queue!(w, cursor::MoveTo(l.x, l.y))?;
        if let Some(fg) = l.style.fg {
            // ratatui's Cyan is ANSI colour 6, as the page draws it.
            queue!(w, SetForegroundColor(fg.into_crossterm()))?;
        }
        if let Some(bg) = l.style.bg {
            queue!(w, SetBackgroundColor(bg.into_crossterm()))?;
        }
        for (modifier, attribute) in ATTRIBUTES {
            if l.style.add_modifier.contains(modifier) {
                queue!(w, SetAttribute(attribute))?;
            }
        }
        queue!(
            w,
            Print(osc8(&l.url, &l.text)),
            SetAttribute(Attribute::Reset)
        )?;
    }
    w.flush()
}

/// Puts `text` on the person's clipboard through their terminal (OSC 52).
pub fn write_copy(w: &mut impl Write, text: &str) -> io::Result<()> {
    w.write_all(osc52(text).as_bytes())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc_sequences_are_exact() {
        assert_eq!(
            osc8("https://example.org/a", "https://example.org/a"),
            "\x1b]8;;https://example.org/a\x1b\\https://example.org/a\x1b]8;;\x1b\\"
        );
        // "https://x.nl" in base64 is aHR0cHM6Ly94Lm5s.
        assert_eq!(osc52("https://x.nl"), "\x1b]52;c;aHR0cHM6Ly94Lm5s\x1b\\");
    }
}

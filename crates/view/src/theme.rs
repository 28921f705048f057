//! How things look: one named style per kind of thing on screen, so every draw function asks
//! the theme ("the focused item", "a URL") and none picks colours of its own.
//!
//! Two themes, `--theme default|high-contrast`, and NO_COLOR on top of either
//! (<https://no-color.org>: set and not empty): then no style holds a colour at all, and what
//! matters still stands out by bold, reverse and underline. The one exception is the QR code
//! in the link panel, which is always black on white (see [`crate::ui::panel`]): a phone
//! cannot read it otherwise, so it is not part of the theme.

use ratatui::style::{Color, Modifier, Style};

/// Blue (#5f5fff): links.
pub const BLUE: Color = Color::Indexed(63);
/// Green (#00875f): the countdown, "this looks right", "copied".
pub const GREEN: Color = Color::Indexed(29);
/// Red (#af5f5f): advice that something is off, failures.
pub const RED: Color = Color::Indexed(131);
/// Grey (#767676): quiet text.
pub const GREY: Color = Color::Indexed(243);

/// `--theme`: which look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeKind {
    /// A few colours for links, the countdown and advice, readable on light and dark.
    #[default]
    Default,
    /// For low vision: the terminal's own colours only, bold wherever it matters.
    HighContrast,
}

/// The named styles every draw function uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
    /// NO_COLOR was asked for: no style has a colour.
    pub no_color: bool,
    /// Body text.
    pub text: Style,
    /// Headings, the walkthrough's title, questions, labels of links: text that must stand out.
    pub strong: Style,
    /// The focused link, answer or box.
    pub focus: Style,
    /// A URL: on a page, in the link panel, and as the runner's OSC 8 hyperlink.
    pub url: Style,
    /// The bar in front of a note.
    pub note_bar: Style,
    /// A note's text.
    pub note: Style,
    /// The countdown before the deadline.
    pub countdown: Style,
    /// The countdown's sentence after the deadline.
    pub countdown_past: Style,
    /// Advice that says it looks right ("this looks like an email address"), and "copied".
    pub ok: Style,
    /// Advice that says something is off ("an email address has an @").
    pub warn: Style,
    /// Something done: "link copied", "email address copied".
    pub success: Style,
    /// Quiet text: the rule under the stepper, steps still to come, "never saved". Grey with
    /// enough contrast on a light and on a dark background; never faint (SGR 2).
    pub quiet: Style,
    /// The placeholder of an empty field.
    pub placeholder: Style,
    /// Text typed in a field.
    pub field: Style,
    /// The cursor in a field.
    pub cursor: Style,
    /// The current step in the stepper.
    pub current_step: Style,
    /// A step already done.
    pub done_step: Style,
    /// The key in a footer hint ("q" of "q stoppen"), and keys in the help.
    pub key: Style,
    /// A message in the status line that needs attention (a failure, a notice).
    pub alert: Style,
    /// Boxes over the page: "welcome back", the help.
    pub overlay: Style,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(ThemeKind::Default, false)
    }
}

impl Theme {
    /// The theme `kind`, with every colour taken out when `no_color`.
    ///
    /// Every colour here is one of the few of the xterm 256-colour palette that are readable
    /// (contrast ratio of at least 4.5 : 1, WCAG AA) on a white *and* on a black background,
    /// since bezwaar cannot know which the person has: blue 63, green 29, red 131, grey 243.
    /// The 16 basic colours are out: the terminal's scheme decides them, and most of them are
    /// unreadable on one of the two (yellow and cyan on white, blue on black). High contrast
    /// uses no colour at all: the terminal's own colours are the most contrast there is, and
    /// bold, reverse and underline carry the meaning.
    pub fn new(kind: ThemeKind, no_color: bool) -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        let theme = match kind {
            ThemeKind::Default => Theme {
                kind,
                no_color,
                text: plain,
                strong: bold,
                focus: reverse,
                url: underlined.fg(BLUE),
                note_bar: bold.fg(BLUE),
                note: bold,
                countdown: bold.fg(GREEN),
                countdown_past: bold,
                ok: plain.fg(GREEN),
                warn: bold.fg(RED),
                success: bold.fg(GREEN),
                quiet: plain.fg(GREY),
                placeholder: plain.fg(GREY),
                field: underlined,
                cursor: plain.add_modifier(Modifier::REVERSED),
                current_step: reverse,
                done_step: plain,
                key: reverse,
                alert: bold.fg(RED),
                overlay: plain,
            },
            ThemeKind::HighContrast => Theme {
                kind,
                no_color,
                text: plain,
                strong: bold,
                focus: reverse,
                url: bold.add_modifier(Modifier::UNDERLINED),
                note_bar: bold,
                note: bold,
                countdown: bold,
                countdown_past: bold,
                ok: bold,
                warn: bold.add_modifier(Modifier::UNDERLINED),
                success: bold,
                quiet: plain,
                placeholder: underlined,
                field: bold.add_modifier(Modifier::UNDERLINED),
                cursor: reverse,
                current_step: reverse,
                done_step: bold,
                key: reverse,
                alert: bold.add_modifier(Modifier::UNDERLINED),
                overlay: plain,
            },
        };
        if no_color {
            theme.without_colour()
        } else {
            theme
        }
    }

    /// The other theme, keeping NO_COLOR: what the help's theme key switches to.
    pub fn next(self) -> Theme {
        let kind = match self.kind {
            ThemeKind::Default => ThemeKind::HighContrast,
            ThemeKind::HighContrast => ThemeKind::Default,
        };
        Theme::new(kind, self.no_color)
    }

    /// The theme `kind` with NO_COLOR read from `get` (the environment, in `main`): set and
    /// not empty means no colour.
    pub fn from_env(kind: ThemeKind, get: impl Fn(&str) -> Option<String>) -> Theme {
        Theme::new(kind, no_color(get))
    }

    /// Every style with its colours taken out; bold, reverse and underline stay.
    fn without_colour(self) -> Theme {
        // No style here sets an underline colour, so fg and bg are all there is to take.
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            ..s
        };
        Theme {
            text: strip(self.text),
            strong: strip(self.strong),
            focus: strip(self.focus),
            url: strip(self.url),
            note_bar: strip(self.note_bar),
            note: strip(self.note),
            countdown: strip(self.countdown),
            countdown_past: strip(self.countdown_past),
            ok: strip(self.ok),
            warn: strip(self.warn),
            success: strip(self.success),
            quiet: strip(self.quiet),
            placeholder: strip(self.placeholder),
            field: strip(self.field),
            cursor: strip(self.cursor),
            current_step: strip(self.current_step),
            done_step: strip(self.done_step),
            key: strip(self.key),
            alert: strip(self.alert),
            overlay: strip(self.overlay),
            ..self
        }
    }

    /// Every named style, for tests.
    pub fn styles(&self) -> [Style; 20] {
        [
            self.text,
            self.strong,
            self.focus,
            self.url,
            self.note_bar,
            self.note,
            self.countdown,
            self.countdown_past,
            self.ok,
            self.warn,
            self.success,
            self.quiet,
            self.placeholder,
            self.field,
            self.cursor,
            self.current_step,
            self.done_step,
            self.key,
            self.alert,
            self.overlay,
        ]
    }
}

/// Whether NO_COLOR asks for no colour: set and not empty (<https://no-color.org>).
pub fn no_color(get: impl Fn(&str) -> Option<String>) -> bool {
    get("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_is_set_and_not_empty() {
        assert!(!no_color(|_| None));
        assert!(!no_color(|_| Some(String::new())));
        assert!(no_color(|_| Some("1".to_owned())));
        assert!(no_color(|_| Some("0".to_owned())), "any value counts");
    }

    #[test]
    fn no_color_leaves_no_colour_in_any_style() {
        for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
            let theme = Theme::new(kind, true);
            for s in theme.styles() {
                assert_eq!((s.fg, s.bg), (None, None));
            }
            // What mattered still stands out without colour.
            assert!(theme.focus.add_modifier.contains(Modifier::REVERSED));
            assert!(theme.url.add_modifier.contains(Modifier::UNDERLINED));
            assert!(theme.warn.add_modifier.contains(Modifier::BOLD));
            assert!(theme.countdown.add_modifier.contains(Modifier::BOLD));
        }
    }

    #[test]
    fn no_theme_dims_anything() {
        for (kind, no_color) in [
            (ThemeKind::Default, false),
            (ThemeKind::Default, true),
            (ThemeKind::HighContrast, false),
            (ThemeKind::HighContrast, true),
        ] {
            for s in Theme::new(kind, no_color).styles() {
                assert!(!s.add_modifier.contains(Modifier::DIM), "{s:?}");
            }
        }
    }
}

//! How things look: one named style per kind of thing on screen, so every draw function asks
//! the theme ("the focused item", "a URL") and none picks colours of its own.
//!
//! Two themes, `--theme default|high-contrast`, and NO_COLOR on top of either
//! (<https://no-color.org>: set and not empty): then no style holds a colour at all, and what
//! matters still stands out by bold, reverse and underline. The one exception is the QR code
//! in the link panel, which is always black on white (see [`crate::ui::panel`]): a phone
//! cannot read it otherwise, so it is not part of the theme.

use ratatui::style::{Color, Modifier, Style};

/// `--theme`: which look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeKind {
    /// Colour for links, notes, the countdown and advice; quiet text dimmed.
    #[default]
    Default,
    /// For low vision: bright colours, bold wherever it matters, nothing dimmed.
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
    /// Quiet text: the rule under the stepper, steps still to come, "never saved".
    pub dim: Style,
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
                url: underlined.fg(Color::Cyan),
                note_bar: plain.fg(Color::Yellow),
                note: bold,
                countdown: bold.fg(Color::Green),
                countdown_past: bold.fg(Color::Yellow),
                ok: plain.fg(Color::Green),
                warn: bold.fg(Color::Yellow),
                success: bold.fg(Color::Green),
                dim: plain.add_modifier(Modifier::DIM),
                placeholder: underlined.add_modifier(Modifier::DIM),
                field: underlined,
                cursor: plain.add_modifier(Modifier::REVERSED),
                current_step: reverse,
                done_step: plain,
                key: reverse,
                alert: bold,
                overlay: bold,
            },
            // Bright colours (the light half of the 16), bold for everything that carries
            // meaning, and nothing dimmed: faint text is the first to disappear.
            ThemeKind::HighContrast => Theme {
                kind,
                no_color,
                text: plain,
                strong: bold,
                focus: reverse,
                url: bold.add_modifier(Modifier::UNDERLINED).fg(Color::LightCyan),
                note_bar: bold.fg(Color::LightYellow),
                note: bold,
                countdown: bold.fg(Color::LightGreen),
                countdown_past: bold.fg(Color::LightYellow),
                ok: bold.fg(Color::LightGreen),
                warn: bold.fg(Color::LightYellow),
                success: bold.fg(Color::LightGreen),
                dim: plain,
                placeholder: underlined,
                field: bold.add_modifier(Modifier::UNDERLINED),
                cursor: reverse,
                current_step: reverse,
                done_step: bold,
                key: reverse,
                alert: bold,
                overlay: bold,
            },
        };
        if no_color {
            theme.without_colour()
        } else {
            theme
        }
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
            dim: strip(self.dim),
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
            self.dim,
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
    fn high_contrast_dims_nothing() {
        for no_color in [false, true] {
            for s in Theme::new(ThemeKind::HighContrast, no_color).styles() {
                assert!(!s.add_modifier.contains(Modifier::DIM), "{s:?}");
            }
        }
    }
}

//! The app's own words, one function per thing it says, each looked up in the message
//! catalog of the language asked for ([`crate::i18n`], `i18n/<tag>.ftl`). The functions
//! give the words a typed shape (what goes into them); the words themselves are data. Also
//! the one rule for what text may reach the terminal.

pub use crate::i18n::Lang;
// Every message as a function, named after it: what the functions below do not shape.
use crate::i18n::msg;
pub use crate::i18n::msg::*;

/// Whether the walk's progress outlives a quit: what "stop?" and "are you sure?" may promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Saved whenever it changes.
    Kept,
    /// Not saved: `--no-save`, or no place to save it.
    Off,
    /// Saving was tried and failed (the folder cannot be written).
    Failed,
}

/// The message for a window below the minimum size.
pub fn too_small(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    msg::too_small(lang, min_w, min_h, w, h)
}

/// "Gecontroleerd op 23 november 2026." / "Checked on 23 November 2026."
pub fn checked_on(lang: Lang, date: chrono::NaiveDate) -> String {
    let d = long_date(lang, date);
    msg::checked_on(lang, &d)
}

/// The countdown sentence on paper, with the day it was true: "Op 20 mei 2025: Nog …".
pub fn on_date(lang: Lang, date: chrono::NaiveDate, sentence: &str) -> String {
    let d = long_date(lang, date);
    msg::on_date(lang, &d, sentence)
}

/// "23 november 2026" / "23 November 2026" / "23. November 2026".
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [fn(Lang) -> &'static str; 12] = [
        msg::month_1,
        msg::month_2,
        msg::month_3,
        msg::month_4,
        msg::month_5,
        msg::month_6,
        msg::month_7,
        msg::month_8,
        msg::month_9,
        msg::month_10,
        msg::month_11,
        msg::month_12,
    ];
    let month = MONTHS[date.month0() as usize](lang);
    msg::long_date(lang, date.day() as usize, month, i64::from(date.year()))
}

/// Under a field that has focus: it takes typing now.
pub fn type_here(lang: Lang, email: bool) -> &'static str {
    match email {
        true => msg::type_here_email(lang),
        false => msg::type_here_reason(lang),
    }
}

/// The button under a field that copies what is in it.
pub fn copy_button(lang: Lang, email: bool) -> &'static str {
    match email {
        true => msg::copy_button_email(lang),
        false => msg::copy_button_reason(lang),
    }
}

/// The questions with two answers: (title, words, safe answer, other answer).
/// "Stop?" says what becomes of the progress: saved, not kept, or not saved after all.
pub fn quit_question(lang: Lang, keeping: Keeping) -> [&'static str; 4] {
    let words = match keeping {
        Keeping::Kept => msg::quit_kept(lang),
        Keeping::Off => msg::quit_not_kept(lang),
        Keeping::Failed => msg::quit_failed(lang),
    };
    [
        msg::quit_title(lang),
        words,
        msg::quit_stay(lang),
        msg::quit_leave(lang),
    ]
}

/// "Are you sure?" and its two answers, the safe one first; the words between them are the
/// script's (its question's `undo`).
pub fn take_back_question(lang: Lang) -> [&'static str; 3] {
    [
        msg::are_you_sure(lang),
        msg::untick_keep(lang),
        msg::untick_remove(lang),
    ]
}

pub fn welcome_answers(lang: Lang) -> [&'static str; 2] {
    [msg::welcome_go_on(lang), msg::welcome_start_over(lang)]
}

/// "Are you sure?" promises the old progress is kept apart only while saving works.
pub fn start_over_question(lang: Lang, keeping: Keeping) -> [&'static str; 4] {
    let words = match keeping {
        Keeping::Kept => msg::start_over_words(lang),
        Keeping::Off | Keeping::Failed => msg::start_over_words_unkept(lang),
    };
    [
        msg::are_you_sure(lang),
        words,
        msg::start_over_back(lang),
        msg::start_over_yes(lang),
    ]
}

/// The help's line about the theme: which one is on, and the key for the other.
pub fn help_theme(lang: Lang, high_contrast: bool) -> String {
    let now = match high_contrast {
        true => msg::theme_high_contrast(lang),
        false => msg::theme_standard(lang),
    };
    msg::help_theme(lang, now)
}

/// Plain mode: after choosing a field, the next line goes in it.
pub fn plain_type(lang: Lang, email: bool) -> &'static str {
    match email {
        true => msg::plain_type_email(lang),
        false => msg::plain_type_reason(lang),
    }
}

/// Under the email field. `copy`: the view can copy it (plain mode cannot).
pub fn email_not_saved(lang: Lang, copy: bool) -> &'static str {
    match copy {
        true => msg::email_not_saved_copy(lang),
        false => msg::email_not_saved_check(lang),
    }
}

/// Advice on a typed email address, as you type: `(true, ..)` when it looks right. Advice
/// only: it never stops anyone moving on. None for an empty field.
pub fn email_advice(lang: Lang, email: &str) -> Option<(bool, String)> {
    let advice = |words: fn(Lang) -> &'static str| Some((false, words(lang).to_owned()));
    let email = email.trim_end();
    if email.is_empty() {
        return None;
    }
    if email.chars().any(char::is_whitespace) {
        return advice(msg::email_no_spaces);
    }
    let Some((user, domain)) = email.split_once('@') else {
        return advice(msg::email_needs_at);
    };
    if user.is_empty() {
        return advice(msg::email_name_first);
    }
    if domain.contains('@') {
        return advice(msg::email_one_at);
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return advice(msg::email_needs_dot);
    }
    Some((true, msg::email_looks_right(lang).to_owned()))
}

pub fn copied_text(lang: Lang, email: bool) -> &'static str {
    match email {
        true => msg::copied_email(lang),
        false => msg::copied_reason(lang),
    }
}

/// "23 november 2026 om 14:05" / "23 November 2026 at 14:05".
pub fn date_time(lang: Lang, at: chrono::DateTime<chrono::FixedOffset>) -> String {
    let day = long_date(lang, at.date_naive());
    let time = at.format("%H:%M").to_string();
    msg::date_time(lang, &day, &time)
}

/// The warning for content checked too long ago (more than 180 days before today).
pub fn stale_warning(lang: Lang, reviewed: chrono::NaiveDate) -> String {
    let d = long_date(lang, reviewed);
    msg::stale_warning(lang, &d)
}

/// The countdown on paper: the deadline as a date, before or after it.
pub fn paper_deadline(lang: Lang, past: bool, deadline: chrono::NaiveDate) -> String {
    let d = long_date(lang, deadline);
    if past {
        msg::paper_deadline_was(lang, &d)
    } else {
        msg::paper_deadline_is(lang, &d)
    }
}

/// On paper, before a page's form links: how to get from the paper to the form. `qr`: each
/// link has a QR code beside it.
pub fn paper_link_hint(lang: Lang, qr: bool) -> &'static str {
    match qr {
        true => msg::paper_link_hint_qr(lang),
        false => msg::paper_link_hint(lang),
    }
}

pub use bezwaar_script::forbidden_char;

/// Makes text safe to draw: every forbidden character becomes U+FFFD, the replacement mark.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if forbidden_char(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_replaces_terminal_controls() {
        assert_eq!(
            sanitize("a\u{1b}[2Jb\u{7}c\u{9b}d\u{202e}e"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e"
        );
        assert_eq!(sanitize("Één brief – ok"), "Één brief – ok");
    }
}

//! The app's own words, one function per thing it says, each looked up in the message
//! catalog of the language asked for ([`crate::i18n`], `i18n/<tag>.ftl`). The functions
//! give the words a typed shape (what goes into them); the words themselves are data. Also
//! the one rule for what text may reach the terminal.

pub use crate::i18n::Lang;
use crate::i18n::{tr, tr_args};

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

/// "Stap 3 van 7" / "Step 3 of 7".
pub fn step_of(lang: Lang, n: usize, total: usize) -> String {
    tr_args(lang, "step-of", &[("n", n.into()), ("total", total.into())])
}

/// The message for a window below the minimum size.
pub fn too_small(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    tr_args(
        lang,
        "too-small",
        &[
            ("w", w.into()),
            ("h", h.into()),
            ("minw", min_w.into()),
            ("minh", min_h.into()),
        ],
    )
}

/// The same, for a window too small for the whole sentence.
pub fn too_small_short(lang: Lang) -> &'static str {
    tr(lang, "too-small-short")
}

/// The status line when a link did not open and the person has moved on: what to do now.
pub fn open_failed(lang: Lang, why: &str) -> String {
    tr_args(lang, "open-failed", &[("why", why.into())])
}

/// Why a link did not open, in plain words.
pub fn no_opener(lang: Lang) -> &'static str {
    tr(lang, "no-opener")
}

pub fn terminal_browser(lang: Lang) -> &'static str {
    tr(lang, "terminal-browser")
}

pub fn opener_failed(lang: Lang) -> &'static str {
    tr(lang, "opener-failed")
}

pub fn no_answer(lang: Lang) -> &'static str {
    tr(lang, "no-answer")
}

/// In the help: the link panel's Enter.
pub fn help_panel_enter(lang: Lang) -> &'static str {
    tr(lang, "help-panel-enter")
}

/// In the link panel, first: what Enter does when the form can open on this computer.
pub fn desktop_offer(lang: Lang) -> &'static str {
    tr(lang, "desktop-offer")
}

pub fn opening_on_desktop(lang: Lang) -> &'static str {
    tr(lang, "opening-on-desktop")
}

pub fn on_desktop(lang: Lang) -> &'static str {
    tr(lang, "on-desktop")
}

pub fn desktop_failed(lang: Lang) -> &'static str {
    tr(lang, "desktop-failed")
}

pub fn no_desktop(lang: Lang) -> &'static str {
    tr(lang, "no-desktop")
}

pub fn opening(lang: Lang) -> &'static str {
    tr(lang, "opening")
}

/// Words in the link panel.
pub fn qr_scan(lang: Lang) -> &'static str {
    tr(lang, "qr-scan")
}

pub fn copy_hint(lang: Lang) -> &'static str {
    tr(lang, "copy-hint")
}

pub fn copied(lang: Lang) -> &'static str {
    tr(lang, "copied")
}

pub fn copy_caveat(lang: Lang) -> &'static str {
    tr(lang, "copy-caveat")
}

pub fn qr_too_small(lang: Lang) -> &'static str {
    tr(lang, "qr-too-small")
}

/// In the link panel after a failure: what to do now instead.
pub fn instead(lang: Lang) -> &'static str {
    tr(lang, "instead")
}

pub fn scroll_more(lang: Lang) -> &'static str {
    tr(lang, "scroll-more")
}

/// Plain mode, after the person chose a link: the URL follows on the next line.
pub fn open_in_browser(lang: Lang) -> &'static str {
    tr(lang, "open-in-browser")
}

/// Plain mode: "back" on the first page.
pub fn first_step(lang: Lang) -> &'static str {
    tr(lang, "first-step")
}

/// Plain mode: "next" on the last page.
pub fn last_step(lang: Lang) -> &'static str {
    tr(lang, "last-step")
}

/// Plain mode: an answer that is not one of the choices; the choices follow.
pub fn not_understood(lang: Lang) -> &'static str {
    tr(lang, "not-understood")
}

/// The handout's checklist heading.
pub fn checklist(lang: Lang) -> &'static str {
    tr(lang, "checklist")
}

/// The handout's heading over the script's sources.
pub fn sources(lang: Lang) -> &'static str {
    tr(lang, "sources")
}

/// "Gecontroleerd op 23 november 2026." / "Checked on 23 November 2026."
pub fn checked_on(lang: Lang, date: chrono::NaiveDate) -> String {
    let d = long_date(lang, date);
    tr_args(lang, "checked-on", &[("date", (&d).into())])
}

/// The countdown sentence on paper, with the day it was true: "Op 20 mei 2025: Nog …".
pub fn on_date(lang: Lang, date: chrono::NaiveDate, sentence: &str) -> String {
    let d = long_date(lang, date);
    tr_args(
        lang,
        "on-date",
        &[("date", (&d).into()), ("sentence", sentence.into())],
    )
}

/// "23 november 2026" / "23 November 2026" / "23. November 2026".
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
        "month-9", "month-10", "month-11", "month-12",
    ];
    let month = tr(lang, MONTHS[date.month0() as usize]);
    tr_args(
        lang,
        "long-date",
        &[
            ("day", (date.day() as usize).into()),
            ("month", month.into()),
            ("year", (date.year() as i64).into()),
        ],
    )
}

/// Words of the fields and the checklist.
pub fn email_label(lang: Lang) -> &'static str {
    tr(lang, "email-label")
}

/// An empty field without focus.
pub fn empty_field(lang: Lang) -> &'static str {
    tr(lang, "empty-field")
}

/// Under a field that has focus: it takes typing now.
pub fn type_here(lang: Lang, email: bool) -> &'static str {
    match email {
        true => tr(lang, "type-here-email"),
        false => tr(lang, "type-here-reason"),
    }
}

/// The button under a field that copies what is in it.
pub fn copy_button(lang: Lang, email: bool) -> &'static str {
    match email {
        true => tr(lang, "copy-button-email"),
        false => tr(lang, "copy-button-reason"),
    }
}

/// The button at the end of a page: "Verder naar stap 5: Invullen".
pub fn next_button(lang: Lang, step: usize, title: &str) -> String {
    tr_args(
        lang,
        "next-button",
        &[("step", step.into()), ("title", title.into())],
    )
}

/// What Enter does now, for the footer.
pub fn enter_more(lang: Lang) -> &'static str {
    tr(lang, "enter-more")
}
pub fn enter_open(lang: Lang) -> &'static str {
    tr(lang, "enter-open")
}
pub fn enter_choose(lang: Lang) -> &'static str {
    tr(lang, "enter-choose")
}
pub fn enter_copy(lang: Lang) -> &'static str {
    tr(lang, "enter-copy")
}
pub fn enter_next(lang: Lang) -> &'static str {
    tr(lang, "enter-next")
}

/// The questions with two answers: (title, words, safe answer, other answer).
/// "Stop?" says what becomes of the progress: saved, not kept, or not saved after all.
pub fn quit_question(lang: Lang, keeping: Keeping) -> [&'static str; 4] {
    let words = match keeping {
        Keeping::Kept => tr(lang, "quit-kept"),
        Keeping::Off => tr(lang, "quit-not-kept"),
        Keeping::Failed => tr(lang, "quit-failed"),
    };
    [
        tr(lang, "quit-title"),
        words,
        tr(lang, "quit-stay"),
        tr(lang, "quit-leave"),
    ]
}

/// "Are you sure?" and its two answers, the safe one first; the words between them are the
/// script's (its question's `undo`).
pub fn untick_question(lang: Lang) -> [&'static str; 3] {
    [
        tr(lang, "are-you-sure"),
        tr(lang, "untick-keep"),
        tr(lang, "untick-remove"),
    ]
}

pub fn welcome_answers(lang: Lang) -> [&'static str; 2] {
    [tr(lang, "welcome-go-on"), tr(lang, "welcome-start-over")]
}

/// "Are you sure?" promises the old progress is kept apart only while saving works.
pub fn start_over_question(lang: Lang, keeping: Keeping) -> [&'static str; 4] {
    let words = match keeping {
        Keeping::Kept => tr(lang, "start-over-words"),
        Keeping::Off | Keeping::Failed => tr(lang, "start-over-words-unkept"),
    };
    [
        tr(lang, "are-you-sure"),
        words,
        tr(lang, "start-over-back"),
        tr(lang, "start-over-yes"),
    ]
}

/// In the help: what Esc does at a question.
pub fn help_safe_answer(lang: Lang) -> &'static str {
    tr(lang, "help-safe-answer")
}

/// The help's line about the theme: which one is on, and the key for the other.
pub fn help_theme(lang: Lang, high_contrast: bool) -> String {
    let now = match high_contrast {
        true => tr(lang, "theme-high-contrast"),
        false => tr(lang, "theme-standard"),
    };
    tr_args(lang, "help-theme", &[("now", now.into())])
}

/// Plain mode: an empty field, which is filled in by choosing its number.
pub fn plain_empty_field(lang: Lang) -> &'static str {
    tr(lang, "plain-empty-field")
}

/// Plain mode: after choosing a field, the next line goes in it.
pub fn plain_type(lang: Lang, email: bool) -> &'static str {
    match email {
        true => tr(lang, "plain-type-email"),
        false => tr(lang, "plain-type-reason"),
    }
}

/// Plain mode's prompt for the page's choices, fields and boxes: "2–5 kiezen".
pub fn plain_choose(lang: Lang, numbers: &str) -> String {
    tr_args(lang, "plain-choose", &[("numbers", numbers.into())])
}

/// Under the email field. `copy`: the view can copy it (plain mode cannot).
pub fn email_not_saved(lang: Lang, copy: bool) -> &'static str {
    match copy {
        true => tr(lang, "email-not-saved-copy"),
        false => tr(lang, "email-not-saved-check"),
    }
}

/// Advice on a typed email address, as you type: `(true, ..)` when it looks right. Advice
/// only: it never stops anyone moving on. None for an empty field.
pub fn email_advice(lang: Lang, email: &str) -> Option<(bool, String)> {
    let advice = |id: &'static str| Some((false, tr(lang, id).to_owned()));
    let email = email.trim_end();
    if email.is_empty() {
        return None;
    }
    if email.chars().any(char::is_whitespace) {
        return advice("email-no-spaces");
    }
    let Some((user, domain)) = email.split_once('@') else {
        return advice("email-needs-at");
    };
    if user.is_empty() {
        return advice("email-name-first");
    }
    if domain.contains('@') {
        return advice("email-one-at");
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return advice("email-needs-dot");
    }
    Some((true, tr(lang, "email-looks-right").to_owned()))
}

pub fn reason_prompt(lang: Lang) -> &'static str {
    tr(lang, "reason-prompt")
}

pub fn own_reason(lang: Lang) -> &'static str {
    tr(lang, "own-reason")
}

pub fn no_reason(lang: Lang) -> &'static str {
    tr(lang, "no-reason")
}

pub fn copied_text(lang: Lang, email: bool) -> &'static str {
    match email {
        true => tr(lang, "copied-email"),
        false => tr(lang, "copied-reason"),
    }
}

pub fn nothing_to_copy(lang: Lang) -> &'static str {
    tr(lang, "nothing-to-copy")
}

/// "23 november 2026 om 14:05" / "23 November 2026 at 14:05".
pub fn date_time(lang: Lang, at: chrono::DateTime<chrono::FixedOffset>) -> String {
    let day = long_date(lang, at.date_naive());
    let time = at.format("%H:%M").to_string();
    tr_args(
        lang,
        "date-time",
        &[("day", (&day).into()), ("time", (&time).into())],
    )
}

pub fn back_button(lang: Lang, step: usize, title: &str) -> String {
    tr_args(
        lang,
        "back-button",
        &[("step", step.into()), ("title", title.into())],
    )
}
pub fn enter_back(lang: Lang) -> &'static str {
    tr(lang, "enter-back")
}
pub fn enter_end(lang: Lang) -> &'static str {
    tr(lang, "enter-end")
}

pub fn welcome_back(lang: Lang, step: usize, title: &str) -> String {
    tr_args(
        lang,
        "welcome-back",
        &[("step", step.into()), ("title", title.into())],
    )
}

pub fn set_aside(lang: Lang, file: &str) -> String {
    tr_args(lang, "set-aside", &[("file", file.into())])
}

/// Progress cannot be saved here. Why (an io error) is for `--verbose`, never the screen.
pub fn cannot_save(lang: Lang) -> &'static str {
    tr(lang, "cannot-save")
}

/// The sources sheet: its title, and the headings over the page's sources and all of them.
pub fn sources_title(lang: Lang) -> &'static str {
    tr(lang, "sources-title")
}

pub fn sources_here(lang: Lang, page: &str) -> String {
    tr_args(lang, "sources-here", &[("page", page.into())])
}

pub fn sources_none_here(lang: Lang, page: &str) -> String {
    tr_args(lang, "sources-none-here", &[("page", page.into())])
}

pub fn sources_all(lang: Lang) -> &'static str {
    tr(lang, "sources-all")
}

/// The help's title.
pub fn help_title(lang: Lang) -> &'static str {
    tr(lang, "help-title")
}

/// Under the typing keys: what every other key does there.
pub fn help_typing(lang: Lang) -> &'static str {
    tr(lang, "help-typing")
}

/// The help's last lines: the mouse.
pub fn help_mouse(lang: Lang) -> &'static str {
    tr(lang, "help-mouse")
}

/// The warning for content checked too long ago (more than 180 days before today).
pub fn stale_warning(lang: Lang, reviewed: chrono::NaiveDate) -> String {
    let d = long_date(lang, reviewed);
    tr_args(lang, "stale-warning", &[("date", (&d).into())])
}

/// The countdown on paper: the deadline as a date, before or after it.
pub fn paper_deadline(lang: Lang, past: bool, deadline: chrono::NaiveDate) -> String {
    let d = long_date(lang, deadline);
    let id = if past {
        "paper-deadline-was"
    } else {
        "paper-deadline-is"
    };
    tr_args(lang, id, &[("date", (&d).into())])
}

/// The chooser's title, and its words over the walkthroughs' buttons.
pub fn chooser_title(lang: Lang) -> &'static str {
    tr(lang, "chooser-title")
}

pub fn chooser_intro(lang: Lang) -> &'static str {
    tr(lang, "chooser-intro")
}

/// The button to the walkthrough offered at the end of one: "Go on: <its title>".
pub fn offer_button(lang: Lang, title: &str) -> String {
    tr_args(lang, "offer-button", &[("title", title.into())])
}

/// On paper, the question before what is only for one answer of the script's choice:
/// "Did you choose “Neither”?".
pub fn paper_if_answer(lang: Lang, answer: &str) -> String {
    tr_args(lang, "paper-if-answer", &[("answer", answer.into())])
}

/// The same, for what is for every answer but that one.
pub fn paper_if_not_answer(lang: Lang, answer: &str) -> String {
    tr_args(lang, "paper-if-not-answer", &[("answer", answer.into())])
}

/// On paper, the heading over the ready-made reasons.
pub fn paper_reasons(lang: Lang) -> &'static str {
    tr(lang, "paper-reasons")
}

/// On paper, after the ready-made reasons.
pub fn paper_own_reason(lang: Lang) -> &'static str {
    tr(lang, "paper-own-reason")
}

/// On paper, before a page's form links: how to get from the paper to the form. `qr`: each
/// link has a QR code beside it.
pub fn paper_link_hint(lang: Lang, qr: bool) -> &'static str {
    match qr {
        true => tr(lang, "paper-link-hint-qr"),
        false => tr(lang, "paper-link-hint"),
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

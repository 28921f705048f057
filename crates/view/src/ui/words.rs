//! Plain words for what went wrong: a notice about saved progress, a link that did not open.
//! The status line says them, the link panel and plain mode too.

use crate::links::OpenFailure;
use bezwaar_core::progress::Notice;
use bezwaar_core::text::{self, Lang, sanitize};

/// Plain words for a notice about saved progress.
pub fn notice_words(lang: Lang, notice: &Notice) -> String {
    match notice {
        Notice::SetAside { to, .. } => text::set_aside(
            lang,
            &sanitize(
                &to.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            ),
        ),
        Notice::CannotSave(_) => text::cannot_save(lang).to_owned(),
    }
}

/// Plain words for why a link did not open.
pub fn failure_words(lang: Lang, failure: &OpenFailure) -> &'static str {
    match failure {
        OpenFailure::NoOpener => text::no_opener(lang),
        OpenFailure::TerminalBrowser => text::terminal_browser(lang),
        OpenFailure::Failed => text::opener_failed(lang),
        OpenFailure::NoDesktop => text::no_desktop(lang),
        OpenFailure::DesktopFailed => text::desktop_failed(lang),
        OpenFailure::NoAnswer => text::no_answer(lang),
    }
}

//! One session channel of a connection, as the handler keeps it: its window size (from the
//! PTY request, within the server's bounds), the locale the client sent (the visitor's
//! language), its one request, and how its walkthrough is reached once one runs.

use tokio::sync::{mpsc, watch};

use crate::tcp::ChannelPlace;
use bezwaar_core::text::Lang;

/// The largest window a walkthrough is drawn for; a larger one gets this much, top left.
/// It bounds a session's screen buffers whatever size a client claims: a session's memory
/// grows with its window (about 1.2 MiB at 200 x 60, against 0.24 MiB at 80 x 24),
/// and the page is never wider than 80 columns anyway.
const MAX_COLS: u16 = 200;
const MAX_ROWS: u16 = 60;

#[derive(Default)]
pub(super) struct Chan {
    /// The window size from the PTY request.
    pub(super) pty: Option<(u16, u16)>,
    /// LC_ALL, LC_MESSAGES and LANG as the client sent them.
    pub(super) locale: [Option<String>; 3],
    /// Shell, exec or subsystem: only one per channel.
    pub(super) answered: bool,
    pub(super) running: Option<Running>,
    /// The channel's place in the connection's count, until a walkthrough takes it over.
    pub(super) place: Option<ChannelPlace>,
}

/// How the handler reaches a running walkthrough.
pub(super) struct Running {
    pub(super) keys: mpsc::Sender<Vec<u8>>,
    pub(super) size: watch::Sender<(u16, u16)>,
}

pub(super) const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Chan {
    /// Whether the channel has ended: its walkthrough has said goodbye (the server closed it
    /// first, so the client's reply to that close is not passed on), or it never started one
    /// and has lost its place.
    pub(super) fn ended(&self) -> bool {
        self.place.is_none() && self.running.as_ref().is_none_or(|r| r.keys.is_closed())
    }

    /// The visitor's language, by the same rule as a local terminal's: the first of
    /// LC_ALL, LC_MESSAGES and LANG that is set, matched to one of `available` (`de_AT` is
    /// German); none when nothing matches (the server's own language is used then).
    pub(super) fn lang(&self, available: &[Lang]) -> Option<Lang> {
        let locale = bezwaar_core::i18n::locale_of(|k| {
            let i = LOCALE_VARS.iter().position(|v| *v == k)?;
            self.locale[i].clone()
        });
        bezwaar_core::i18n::negotiate(available, locale.as_deref())
    }
}

/// A window size as a walkthrough can use it: 0 (unknown) is the classic 80 x 24, and no
/// side is drawn larger than the server's limit.
pub(super) fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    let fit = |n: u32, max: u16| n.min(u32::from(max)) as u16;
    bezwaar_view::ui::known_size(fit(cols, MAX_COLS), fit(rows, MAX_ROWS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_sizes_are_kept_within_bounds() {
        assert_eq!(clamp(80, 24), (80, 24));
        assert_eq!(clamp(0, 0), (80, 24));
        assert_eq!(clamp(1, 1), (1, 1));
        assert_eq!(clamp(u32::MAX, 70_000), (MAX_COLS, MAX_ROWS));
    }

    #[test]
    fn the_language_comes_from_the_locale_the_client_sends() {
        let chan = |all: Option<&str>, msgs: Option<&str>, lang: Option<&str>| Chan {
            locale: [all, msgs, lang].map(|v| v.map(str::to_owned)),
            ..Chan::default()
        };
        let langs = [Lang::Nl, Lang::En, Lang::De];
        let lang = |c: Chan| c.lang(&langs);
        assert_eq!(lang(chan(None, None, Some("en_GB.UTF-8"))), Some(Lang::En));
        assert_eq!(lang(chan(None, None, Some("nl_NL.UTF-8"))), Some(Lang::Nl));
        assert_eq!(lang(chan(None, None, Some("nl_BE"))), Some(Lang::Nl));
        assert_eq!(lang(chan(None, None, Some("de_AT.UTF-8"))), Some(Lang::De));
        assert_eq!(lang(chan(None, None, Some("fr_FR.UTF-8"))), None);
        assert_eq!(lang(chan(None, None, Some("C.UTF-8"))), None);
        assert_eq!(lang(chan(None, None, None)), None);
        assert_eq!(
            chan(None, None, Some("de_DE")).lang(&[Lang::Nl, Lang::En]),
            None
        );
        // LC_ALL wins over LANG, as in gettext; an empty one does not count.
        assert_eq!(
            lang(chan(Some("en_US.UTF-8"), None, Some("nl_NL.UTF-8"))),
            Some(Lang::En)
        );
        assert_eq!(
            lang(chan(Some(""), Some("nl_NL"), Some("en_US"))),
            Some(Lang::Nl)
        );
    }
}

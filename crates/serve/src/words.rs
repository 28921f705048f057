//! Looking along and coming back, in words: one function per thing the server says about
//! them, each looked up in the message catalog of the language asked for
//! ([`bezwaar_core::i18n`], `i18n/<tag>.ftl`, the `look-`, `idle-`, `code-` and `back-` messages).
//! What the seats show goes through [`bezwaar_view::ui::seat::Words`]; the rest are the lines the
//! server writes around a walkthrough.

use bezwaar_core::i18n::{tr, tr_args};
use bezwaar_core::text::Lang;
use bezwaar_view::ui::seat::{
    Address, BoxWords, Invite, Look, LookBox, LookKey, Ticket, Who, Words,
};

/// The words the seats of a `serve` walkthrough show.
pub struct LookWords;

pub static WORDS: LookWords = LookWords;

/// The same words, for a person whose look-along code was replaced because others tried
/// codes close to it too often: the invite box says so above the new code.
pub(super) struct ReplacedWords;

pub(super) static REPLACED: ReplacedWords = ReplacedWords;

impl Words for ReplacedWords {
    fn invite_hint(&self, lang: Lang) -> String {
        WORDS.invite_hint(lang)
    }

    fn heading(&self, lang: Lang, who: Who) -> String {
        WORDS.heading(lang, who)
    }

    fn key_hint(&self, lang: Lang, key: LookKey) -> String {
        WORDS.key_hint(lang, key)
    }

    fn come_back(&self, lang: Lang, ticket: &Ticket, secs: u64) -> String {
        WORDS.come_back(lang, ticket, secs)
    }

    fn status(&self, lang: Lang, look: &Look, typing: bool) -> String {
        WORDS.status(lang, look, typing)
    }

    fn box_words(&self, lang: Lang, shown: &LookBox) -> BoxWords {
        let mut words = WORDS.box_words(lang, shown);
        if let LookBox::Invite(Invite::Code { .. }) = shown {
            words
                .text
                .insert(0, (tr(lang, "look-replaced").to_owned(), false));
        }
        words
    }
}

/// What a code is for: the word in front of it in the user name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CodeFor {
    Look,
    ComeBack,
}

/// The line to type: `ssh -p 2222 kijk-483920@host` (no `-p` for port 22). The code is
/// grouped by four when it is long, to read it out.
pub(super) fn ssh_line(lang: Lang, what: CodeFor, ticket: &Ticket) -> String {
    let word = match what {
        CodeFor::Look => tr(lang, "look-code-word"),
        CodeFor::ComeBack => tr(lang, "back-code-word"),
    };
    let code = if ticket.code.len() > 6 {
        let (a, b) = ticket.code.split_at(ticket.code.len() / 2);
        format!("{a}-{b}")
    } else {
        ticket.code.clone()
    };
    let Address { host, port } = &ticket.address;
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.clone()
    };
    match port {
        22 => format!("ssh {word}-{code}@{host}"),
        p => format!("ssh -p {p} {word}-{code}@{host}"),
    }
}

/// A span of time in words (the core's one rule).
pub(super) use bezwaar_core::deadline::span;

fn span_arg(lang: Lang, id: &str, secs: u64) -> String {
    tr_args(lang, id, &[("span", (&span(lang, secs)).into())])
}

impl Words for LookWords {
    fn invite_hint(&self, lang: Lang) -> String {
        tr(lang, "look-invite-hint").into()
    }

    fn heading(&self, lang: Lang, who: Who) -> String {
        match who {
            Who::Person => tr(lang, "look-heading-person"),
            Who::Helper => tr(lang, "look-heading-helper"),
        }
        .into()
    }

    fn key_hint(&self, lang: Lang, key: LookKey) -> String {
        match key {
            LookKey::Invite => tr(lang, "look-key-invite"),
            LookKey::WatchOnly => tr(lang, "look-key-watch-only"),
            LookKey::End => tr(lang, "look-key-end"),
            LookKey::Leave => tr(lang, "look-key-leave"),
        }
        .into()
    }

    fn come_back(&self, lang: Lang, ticket: &Ticket, secs: u64) -> String {
        [
            tr(lang, "back-heading").to_owned(),
            span_arg(lang, "back-help", secs),
            ssh_line(lang, CodeFor::ComeBack, ticket),
            tr(lang, "back-memory").to_owned(),
        ]
        .join("\n")
    }

    fn status(&self, lang: Lang, look: &Look, typing: bool) -> String {
        let stop = tr(lang, "look-stop");
        match look.who {
            Who::Person if look.helpers == 0 => String::new(),
            Who::Person => {
                let who = match look.helpers {
                    1 => tr(lang, "look-status-one").to_owned(),
                    n => tr_args(lang, "look-status-many", &[("n", n.into())]),
                };
                let only = if look.watch_only {
                    format!(" {}", tr(lang, "look-status-watch-only"))
                } else {
                    String::new()
                };
                let key = if typing { "Ctrl-X" } else { "x" };
                format!("{who}{only} · {key} {stop}")
            }
            Who::Helper => {
                let what = if look.person_away {
                    tr(lang, "look-status-person-away")
                } else if look.watch_only {
                    tr(lang, "look-status-helper-watch-only")
                } else {
                    tr(lang, "look-status-helper")
                };
                format!("{what} · q {stop}")
            }
        }
    }

    fn box_words(&self, lang: Lang, shown: &LookBox) -> BoxWords {
        let close = || ("Esc".to_owned(), tr(lang, "key-close").to_owned());
        let words = |id| (tr(lang, id).to_owned(), false);
        let title = || tr(lang, "look-invite-title").to_owned();
        match shown {
            LookBox::Invite(Invite::Code { ticket, secs }) => BoxWords {
                title: title(),
                text: vec![
                    words("look-invite-give"),
                    (ssh_line(lang, CodeFor::Look, ticket), true),
                    (span_arg(lang, "look-invite-works", *secs), false),
                ],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Full) => BoxWords {
                title: title(),
                text: vec![words("look-full")],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Void) => BoxWords {
                title: title(),
                text: vec![words("look-void")],
                keys: vec![("m".into(), tr(lang, "look-new-code").into()), close()],
            },
            LookBox::Consent(answers) => {
                let mut text = vec![words("look-consent-words")];
                for (i, id) in ["look-consent-no", "look-consent-yes"]
                    .into_iter()
                    .enumerate()
                {
                    let mark = if i == answers.marked() { "▶" } else { " " };
                    text.push((format!("{mark} {}", tr(lang, id)), i == answers.marked()));
                }
                BoxWords {
                    title: tr(lang, "look-consent-title").into(),
                    text,
                    keys: vec![
                        ("Enter".into(), tr(lang, "key-choose").into()),
                        ("↑↓".into(), tr(lang, "key-other-answer").into()),
                        ("Esc".into(), tr(lang, "look-no").into()),
                    ],
                }
            }
            LookBox::Idle { secs } => BoxWords {
                title: tr(lang, "idle-title").into(),
                text: vec![(span_arg(lang, "idle-words", *secs), false)],
                keys: vec![(
                    tr(lang, "idle-any-key").into(),
                    tr(lang, "idle-go-on").into(),
                )],
            },
        }
    }
}

/// The lines the server writes to a helper, or to someone who typed a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Line {
    /// Before the person said yes.
    Waiting,
    /// The same: what the helper types meanwhile is dropped.
    WaitingKeys,
    Refused,
    NoAnswer,
    Full,
    /// The person is not in their walk now (their connection dropped).
    Away,
    /// The person stopped the looking along.
    Ended,
    /// The helper left (q, Ctrl-C).
    Left,
    /// The person finished the walkthrough.
    Finished,
    WrongCode,
    TooManyCodes,
}

pub(super) fn line(lang: Lang, what: Line) -> &'static str {
    let id = match what {
        Line::Waiting => "look-waiting",
        Line::WaitingKeys => "look-waiting-keys",
        Line::Refused => "look-refused",
        Line::NoAnswer => "look-no-answer",
        Line::Full => "look-full",
        Line::Away => "look-away",
        Line::Ended => "look-ended",
        Line::Left => "look-left",
        Line::Finished => "look-finished",
        Line::WrongCode => "code-wrong",
        Line::TooManyCodes => "code-too-many",
    };
    tr(lang, id)
}

/// On the goodbye of a walk that can be picked up again: how, until when, and that only the
/// server's memory holds it. `keyed`: the person's ssh offered a key, which finds it too.
pub(super) fn come_back_goodbye(
    lang: Lang,
    ticket: &Ticket,
    hold_secs: u64,
    keyed: bool,
) -> String {
    let mut lines = vec![
        span_arg(lang, "back-goodbye", hold_secs),
        format!("  {}", ssh_line(lang, CodeFor::ComeBack, ticket)),
    ];
    if keyed {
        lines.push(tr(lang, "back-goodbye-key").to_owned());
    }
    lines.push(tr(lang, "back-memory").to_owned());
    lines.join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(code: &str, port: u16) -> Ticket {
        Ticket {
            code: code.into(),
            address: Address {
                host: "bezwaar.example.nl".into(),
                port,
            },
        }
    }

    #[test]
    fn the_line_to_type() {
        assert_eq!(
            ssh_line(Lang::Nl, CodeFor::Look, &ticket("483920", 2222)),
            "ssh -p 2222 kijk-483920@bezwaar.example.nl"
        );
        assert_eq!(
            ssh_line(Lang::En, CodeFor::ComeBack, &ticket("48392017", 22)),
            "ssh back-4839-2017@bezwaar.example.nl"
        );
        let v6 = Ticket {
            code: "483920".into(),
            address: Address {
                host: "::1".into(),
                port: 2222,
            },
        };
        assert_eq!(
            ssh_line(Lang::En, CodeFor::Look, &v6),
            "ssh -p 2222 look-483920@[::1]"
        );
    }

    #[test]
    fn spans_in_words() {
        assert_eq!(span(Lang::Nl, 600), "10 minuten");
        assert_eq!(span(Lang::En, 60), "1 minute");
        assert_eq!(span(Lang::Nl, 86400), "24 uur");
        assert_eq!(span(Lang::En, 86400), "24 hours");
        assert_eq!(span(Lang::En, 3), "3 seconds");
        assert_eq!(span(Lang::Nl, 1), "1 seconde");
    }

    #[test]
    fn the_come_back_goodbye_says_how_until_when_and_that_a_restart_forgets() {
        let nl = come_back_goodbye(Lang::Nl, &ticket("48392017", 2222), 86400, false);
        assert!(nl.contains("binnen 24 uur"), "{nl}");
        assert!(nl.contains("ssh -p 2222 terug-4839-2017@bezwaar.example.nl"));
        assert!(nl.contains("Start die opnieuw, dan is het weg."));
        assert!(!nl.contains("sleutel"));
        let en = come_back_goodbye(Lang::En, &ticket("48392017", 2222), 86400, true);
        assert!(en.contains("the server knows your ssh key"), "{en}");
        assert!(en.contains("\r\n  ssh -p 2222 back-4839-2017@bezwaar.example.nl\r\n"));
    }
}

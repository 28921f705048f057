//! Looking along and coming back, in words: one function per thing the server says about
//! them, each looked up in the message catalog of the language asked for
//! ([`bezwaar_core::i18n`], `i18n/<tag>.ftl`, the `look-`, `idle-`, `code-` and `back-` messages).
//! What the seats show goes through [`bezwaar_view::ui::seat::Words`]; the rest are the lines the
//! server writes around a walkthrough.

use bezwaar_core::i18n::msg;
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
                .insert(0, (msg::look_replaced(lang).to_owned(), false));
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
        CodeFor::Look => msg::look_code_word(lang),
        CodeFor::ComeBack => msg::back_code_word(lang),
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

/// A message of one argument, `$span`, with `secs` in words.
fn span_arg(lang: Lang, words: fn(Lang, &String) -> String, secs: u64) -> String {
    words(lang, &span(lang, secs))
}

impl Words for LookWords {
    fn invite_hint(&self, lang: Lang) -> String {
        msg::look_invite_hint(lang).into()
    }

    fn heading(&self, lang: Lang, who: Who) -> String {
        match who {
            Who::Person => msg::look_heading_person(lang),
            Who::Helper => msg::look_heading_helper(lang),
        }
        .into()
    }

    fn key_hint(&self, lang: Lang, key: LookKey) -> String {
        match key {
            LookKey::Invite => msg::look_key_invite(lang),
            LookKey::WatchOnly => msg::look_key_watch_only(lang),
            LookKey::End => msg::look_key_end(lang),
            LookKey::Leave => msg::look_key_leave(lang),
        }
        .into()
    }

    fn come_back(&self, lang: Lang, ticket: &Ticket, secs: u64) -> String {
        [
            msg::back_heading(lang).to_owned(),
            span_arg(lang, |l, s| msg::back_help(l, s), secs),
            ssh_line(lang, CodeFor::ComeBack, ticket),
            msg::back_memory(lang).to_owned(),
        ]
        .join("\n")
    }

    fn status(&self, lang: Lang, look: &Look, typing: bool) -> String {
        let stop = msg::look_stop(lang);
        match look.who {
            Who::Person if look.helpers == 0 => String::new(),
            Who::Person => {
                let who = match look.helpers {
                    1 => msg::look_status_one(lang).to_owned(),
                    n => msg::look_status_many(lang, n),
                };
                let only = if look.watch_only {
                    format!(" {}", msg::look_status_watch_only(lang))
                } else {
                    String::new()
                };
                let key = if typing { "Ctrl-X" } else { "x" };
                format!("{who}{only} · {key} {stop}")
            }
            Who::Helper => {
                let what = if look.person_away {
                    msg::look_status_person_away(lang)
                } else if look.watch_only {
                    msg::look_status_helper_watch_only(lang)
                } else {
                    msg::look_status_helper(lang)
                };
                format!("{what} · q {stop}")
            }
        }
    }

    fn box_words(&self, lang: Lang, shown: &LookBox) -> BoxWords {
        let close = || ("Esc".to_owned(), msg::key_close(lang).to_owned());
        let words = |words: fn(Lang) -> &'static str| (words(lang).to_owned(), false);
        let title = || msg::look_invite_title(lang).to_owned();
        match shown {
            LookBox::Invite(Invite::Code { ticket, secs }) => BoxWords {
                title: title(),
                text: vec![
                    words(msg::look_invite_give),
                    (ssh_line(lang, CodeFor::Look, ticket), true),
                    (
                        span_arg(lang, |l, s| msg::look_invite_works(l, s), *secs),
                        false,
                    ),
                ],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Full) => BoxWords {
                title: title(),
                text: vec![words(msg::look_full)],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Void) => BoxWords {
                title: title(),
                text: vec![words(msg::look_void)],
                keys: vec![("m".into(), msg::look_new_code(lang).into()), close()],
            },
            LookBox::Consent(answers) => {
                let mut text = vec![words(msg::look_consent_words)];
                for (i, answer) in [msg::look_consent_no, msg::look_consent_yes]
                    .into_iter()
                    .enumerate()
                {
                    let mark = if i == answers.marked() { "▶" } else { " " };
                    text.push((format!("{mark} {}", answer(lang)), i == answers.marked()));
                }
                BoxWords {
                    title: msg::look_consent_title(lang).into(),
                    text,
                    keys: vec![
                        ("Enter".into(), msg::key_choose(lang).into()),
                        ("↑↓".into(), msg::key_other_answer(lang).into()),
                        ("Esc".into(), msg::look_no(lang).into()),
                    ],
                }
            }
            LookBox::Idle { secs } => BoxWords {
                title: msg::idle_title(lang).into(),
                text: vec![(span_arg(lang, |l, s| msg::idle_words(l, s), *secs), false)],
                keys: vec![(msg::idle_any_key(lang).into(), msg::idle_go_on(lang).into())],
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
    let words: fn(Lang) -> &'static str = match what {
        Line::Waiting => msg::look_waiting,
        Line::WaitingKeys => msg::look_waiting_keys,
        Line::Refused => msg::look_refused,
        Line::NoAnswer => msg::look_no_answer,
        Line::Full => msg::look_full,
        Line::Away => msg::look_away,
        Line::Ended => msg::look_ended,
        Line::Left => msg::look_left,
        Line::Finished => msg::look_finished,
        Line::WrongCode => msg::code_wrong,
        Line::TooManyCodes => msg::code_too_many,
    };
    words(lang)
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
        span_arg(lang, |l, s| msg::back_goodbye(l, s), hold_secs),
        format!("  {}", ssh_line(lang, CodeFor::ComeBack, ticket)),
    ];
    if keyed {
        lines.push(msg::back_goodbye_key(lang).to_owned());
    }
    lines.push(msg::back_memory(lang).to_owned());
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

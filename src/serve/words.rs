//! The words of looking along and coming back, in Dutch and English: what the seats show
//! (through [`crate::ui::seat::Words`]) and the lines the server writes around a walkthrough.
//! Short sentences, everyday words.

use crate::text::Lang;
use crate::ui::seat::{Address, BoxWords, Invite, Look, LookBox, LookKey, Role, Ticket, Words};

/// The words the seats of a `serve` walkthrough show.
pub(super) struct LookWords;

pub(super) static WORDS: LookWords = LookWords;

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
        CodeFor::Look => lang.pick("kijk", "look"),
        CodeFor::ComeBack => lang.pick("terug", "back"),
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

/// A span of time in words: minutes (or hours, for whole hours of at least two), seconds only
/// under a minute.
pub(super) fn span(lang: Lang, secs: u64) -> String {
    let (n, nl, en) = if secs >= 7200 && secs.is_multiple_of(3600) {
        (secs / 3600, ["uur", "uur"], ["hour", "hours"])
    } else if secs >= 60 {
        (secs / 60, ["minuut", "minuten"], ["minute", "minutes"])
    } else {
        (secs, ["seconde", "seconden"], ["second", "seconds"])
    };
    let i = usize::from(n != 1);
    format!("{n} {}", lang.pick(nl[i], en[i]))
}

impl Words for LookWords {
    fn invite_hint(&self, lang: Lang) -> String {
        lang.pick("laat iemand meekijken", "let someone look along")
            .into()
    }

    fn heading(&self, lang: Lang, role: Role) -> String {
        match role {
            Role::Person => lang.pick("Iemand laten meekijken", "Letting someone look along"),
            Role::Helper => lang.pick("Meekijken", "Looking along"),
        }
        .into()
    }

    fn key_hint(&self, lang: Lang, key: LookKey) -> String {
        match key {
            LookKey::Invite => lang.pick(
                "laat iemand meekijken. Je krijgt een regel om aan die persoon te geven.",
                "let someone look along. You get a line to give to that person.",
            ),
            LookKey::WatchOnly => lang.pick(
                "wie meekijkt, mag alleen kijken. Nog een keer: mag weer ook drukken.",
                "the one looking along may only watch. Again: may press keys again.",
            ),
            LookKey::End => lang.pick("het meekijken stoppen", "stop the looking along"),
            LookKey::Leave => lang.pick("stoppen met meekijken", "stop looking along"),
        }
        .into()
    }

    fn come_back(&self, lang: Lang, ticket: &Ticket, secs: u64) -> String {
        let line = ssh_line(lang, CodeFor::ComeBack, ticket);
        let within = span(lang, secs);
        lang.pick(
            format!(
                "Valt de verbinding weg? Dan kun je nog {within} verder waar je was. Typ dan:\n{line}\nDit staat alleen in het geheugen van de server. Start die opnieuw, dan is het weg."
            ),
            format!(
                "Connection lost? Then for {within} you can go on where you were. Type:\n{line}\nThis is only kept in the server's memory. If the server restarts, it is gone."
            ),
        )
    }

    fn status(&self, lang: Lang, look: &Look, typing: bool) -> String {
        match look.role {
            Role::Person if look.helpers == 0 => String::new(),
            Role::Person => {
                let who = match look.helpers {
                    1 => lang.pick("Er kijkt iemand mee", "Someone is looking along"),
                    _ => lang.pick("Er kijken 2 mensen mee", "2 people are looking along"),
                };
                let only = if look.watch_only {
                    lang.pick(" (alleen kijken)", " (watch only)")
                } else {
                    ""
                };
                let key = if typing { "Ctrl-X" } else { "x" };
                format!("{who}{only} · {key} {}", lang.pick("stoppen", "stop"))
            }
            Role::Helper => {
                let what = if look.person_away {
                    lang.pick("De ander is even weg", "The other person is away")
                } else if look.watch_only {
                    lang.pick("Je kijkt alleen mee", "You can only watch")
                } else {
                    lang.pick("Je kijkt mee", "You are looking along")
                };
                format!("{what} · q {}", lang.pick("stoppen", "stop"))
            }
        }
    }

    fn box_words(&self, lang: Lang, shown: &LookBox) -> BoxWords {
        let close = || ("Esc".to_owned(), lang.pick("sluiten", "close").to_owned());
        match shown {
            LookBox::Invite(Invite::Code { ticket, secs }) => BoxWords {
                title: lang.pick("Laat iemand meekijken", "Let someone look along").into(),
                text: vec![
                    (
                        lang.pick(
                            "Geef deze regel aan wie wil meekijken. Die typt hem in een terminal:",
                            "Give this line to the person who will look along. They type it in a terminal:",
                        )
                        .into(),
                        false,
                    ),
                    (ssh_line(lang, CodeFor::Look, ticket), true),
                    (
                        lang.pick(
                            format!(
                                "De code werkt {}, en maar één keer. Eerst vragen we jou of het mag.",
                                span(lang, *secs)
                            ),
                            format!(
                                "The code works for {}, and only once. First you will be asked if that is OK.",
                                span(lang, *secs)
                            ),
                        ),
                        false,
                    ),
                ],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Full) => BoxWords {
                title: lang.pick("Laat iemand meekijken", "Let someone look along").into(),
                text: vec![(
                    lang.pick(
                        "Er kijken al 2 mensen mee. Meer kan niet.",
                        "2 people are looking along already. That is the most.",
                    )
                    .into(),
                    false,
                )],
                keys: vec![close()],
            },
            LookBox::Invite(Invite::Void) => BoxWords {
                title: lang.pick("Laat iemand meekijken", "Let someone look along").into(),
                text: vec![(
                    lang.pick(
                        "Deze code werkt niet meer. Druk op m voor een nieuwe.",
                        "This code no longer works. Press m for a new one.",
                    )
                    .into(),
                    false,
                )],
                keys: vec![
                    ("m".into(), lang.pick("nieuwe code", "new code").into()),
                    close(),
                ],
            },
            LookBox::Consent => BoxWords {
                title: lang
                    .pick("Iemand wil meekijken.", "Someone wants to look along.")
                    .into(),
                text: vec![
                    (
                        lang.pick(
                            "Die ziet alles wat jij ziet. Toestaan?",
                            "They will see everything you see. Allow it?",
                        )
                        .into(),
                        false,
                    ),
                    (
                        lang.pick("Enter = ja    Esc = nee", "Enter = yes    Esc = no")
                            .into(),
                        true,
                    ),
                ],
                keys: vec![
                    ("Enter".into(), lang.pick("ja", "yes").into()),
                    ("Esc".into(), lang.pick("nee", "no").into()),
                ],
            },
            LookBox::Idle { secs } => BoxWords {
                title: lang.pick("Ben je er nog?", "Are you still there?").into(),
                text: vec![(
                    lang.pick(
                        format!(
                            "Er is even niets gedaan. Over {} stopt de uitleg. Druk op een toets om verder te gaan.",
                            span(lang, *secs)
                        ),
                        format!(
                            "Nothing was done for a while. The walkthrough stops in {}. Press a key to go on.",
                            span(lang, *secs)
                        ),
                    ),
                    false,
                )],
                keys: vec![(
                    lang.pick("een toets", "any key").into(),
                    lang.pick("verder", "go on").into(),
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
    /// A come-back code for a walk the person is in now.
    AlreadyOpen,
}

pub(super) fn line(lang: Lang, what: Line) -> &'static str {
    match what {
        Line::Waiting => lang.pick(
            "Even wachten. De ander moet eerst ‘ja’ zeggen.",
            "Please wait. The other person must say yes first.",
        ),
        Line::Refused => lang.pick(
            "De ander wil nu niet dat je meekijkt.",
            "The other person does not want you to look along now.",
        ),
        Line::NoAnswer => lang.pick(
            "De ander heeft geen antwoord gegeven. Probeer het later opnieuw.",
            "The other person did not answer. Try again later.",
        ),
        Line::Full => lang.pick(
            "Er kijken al 2 mensen mee. Meer kan niet.",
            "2 people are looking along already. That is the most.",
        ),
        Line::Away => lang.pick(
            "De ander is nu niet in de uitleg. Probeer het later opnieuw.",
            "The other person is not in the walkthrough now. Try again later.",
        ),
        Line::Ended => lang.pick(
            "De ander heeft het meekijken gestopt.",
            "The other person stopped the looking along.",
        ),
        Line::Left => lang.pick(
            "Je kijkt niet meer mee. Tot ziens.",
            "You stopped looking along. Goodbye.",
        ),
        Line::Finished => lang.pick(
            "De ander is gestopt met de uitleg. Tot ziens.",
            "The other person has finished the walkthrough. Goodbye.",
        ),
        Line::WrongCode => lang.pick(
            "Deze code werkt niet. Misschien is hij al gebruikt, of verlopen. Vraag om een nieuwe code.",
            "This code does not work. Maybe it was used already, or it expired. Ask for a new code.",
        ),
        Line::TooManyCodes => lang.pick(
            "Er zijn te veel verkeerde codes geprobeerd. Probeer het over een paar minuten opnieuw.",
            "Too many wrong codes were tried. Try again in a few minutes.",
        ),
        Line::AlreadyOpen => lang.pick(
            "Deze uitleg is nu al open, in een ander venster.",
            "This walkthrough is open already, in another window.",
        ),
    }
}

/// On the goodbye of a walk that can be picked up again: how, until when, and that only the
/// server's memory holds it. `keyed`: the person's ssh offered a key, which finds it too.
pub(super) fn come_back_goodbye(
    lang: Lang,
    ticket: &Ticket,
    hold_secs: u64,
    keyed: bool,
) -> String {
    let line = ssh_line(lang, CodeFor::ComeBack, ticket);
    let within = span(lang, hold_secs);
    let mut lines = vec![
        lang.pick(
            format!("Wil je verder waar je was? Typ dan binnen {within}:"),
            format!("Want to go on where you were? Within {within}, type:"),
        ),
        format!("  {line}"),
    ];
    if keyed {
        lines.push(
            lang.pick(
                "Of verbind gewoon weer vanaf deze computer: de server herkent je ssh-sleutel.",
                "Or just connect again from this computer: the server knows your ssh key.",
            )
            .to_owned(),
        );
    }
    lines.push(
        lang.pick(
            "Dit staat alleen in het geheugen van de server. Start die opnieuw, dan is het weg.",
            "This is only kept in the server's memory. If the server restarts, it is gone.",
        )
        .to_owned(),
    );
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

//! The server's own words to a visitor, in their language: goodbyes, refusals, timeouts (the
//! walkthrough's come from the script, looking along's from [`crate::words`]).

use bezwaar_core::text::Lang;

/// The server's own words, in Dutch and English (the walkthrough's come from the script).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Say {
    Goodbye,
    Idle(u64),
    Stopping,
    Busy,
    AddressBusy,
    TooMany(u64),
    TooManyOpen,
    NoTerminal,
    NoCommands,
    NoSubsystems,
    NoForwarding,
    LoginTimeout,
}

pub(crate) fn say(lang: Lang, what: Say) -> String {
    use bezwaar_core::i18n::msg;
    match what {
        Say::Goodbye => msg::serve_goodbye(lang).to_owned(),
        Say::Idle(secs) => {
            let span = bezwaar_core::deadline::span(lang, secs);
            msg::serve_idle(lang, &span)
        }
        Say::Stopping => msg::serve_stopping(lang).to_owned(),
        Say::Busy => msg::serve_busy(lang).to_owned(),
        Say::AddressBusy => msg::serve_address_busy(lang).to_owned(),
        Say::TooManyOpen => msg::serve_too_many_open(lang).to_owned(),
        Say::TooMany(secs) => msg::serve_too_many(lang, secs as i64),
        Say::NoTerminal => msg::serve_no_terminal(lang).to_owned(),
        Say::NoCommands => msg::serve_no_commands(lang).to_owned(),
        Say::NoSubsystems => msg::serve_no_subsystems(lang).to_owned(),
        Say::NoForwarding => msg::serve_no_forwarding(lang).to_owned(),
        Say::LoginTimeout => msg::serve_login_timeout(lang).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_message_says_minutes_and_what_to_do_next() {
        assert_eq!(
            say(Lang::Nl, Say::Idle(900)),
            "Je was 15 minuten niet bezig. Daarom is de uitleg gestopt. Verbind opnieuw met ssh om opnieuw te beginnen."
        );
        assert_eq!(
            say(Lang::En, Say::Idle(900)),
            "You did nothing for 15 minutes, so the walkthrough stopped. Connect again with ssh to start again."
        );
        assert!(say(Lang::Nl, Say::Idle(60)).starts_with("Je was 1 minuut niet bezig."));
        assert!(say(Lang::En, Say::Idle(90)).starts_with("You did nothing for 1 minute,"));
        // Only a timeout under a minute (as in tests) is said in seconds.
        assert!(say(Lang::En, Say::Idle(2)).starts_with("You did nothing for 2 seconds,"));
        assert_eq!(
            say(Lang::De, Say::Idle(900)),
            "Sie haben 15 Minuten lang nichts gemacht. Darum hat die Anleitung aufgehört. Verbinden Sie sich noch einmal mit ssh, um neu anzufangen."
        );
        assert!(say(Lang::De, Say::Idle(60)).starts_with("Sie haben 1 Minute lang nichts"));
        assert!(say(Lang::De, Say::TooMany(1)).ends_with("in 1 Sekunde noch einmal."));
        for lang in [Lang::Nl, Lang::En, Lang::De] {
            let line = say(lang, Say::Idle(900));
            assert!(!line.contains("900") && !line.contains("verder") && !line.contains("go on"));
            assert!(!line.contains("weiter"));
        }
    }
}

//! The keys typed at the prompt: unknown answers asked again, Enter alone that never records a
//! send, the arrow keys, and the keys only the full screen takes.

use super::*;

#[test]
fn an_unknown_answer_is_said_and_asked_again() {
    let r = plain("nl", BEFORE, "ja\n7\n\u{1b}[2J\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.out
            .matches(
                "\nDat begrijp ik niet. Kies een van deze:\nn verder · s bronnen · q stoppen\n> "
            )
            .count(),
        3
    );
    assert_eq!(page_titles(&r.out).len(), 1);
}

/// The Enter-only walk of plain mode: nothing but empty lines, `n` of them.
fn enters(n: usize) -> String {
    "\n".repeat(n)
}

#[test]
fn an_empty_line_goes_on_as_enter_does_and_never_records_a_send() {
    for (lang, last, sent) in [
        ("nl", "Dit is de laatste stap.", "verstuurd op"),
        ("en", "This is the last step.", "sent on"),
        ("de", "Das ist der letzte Schritt.", "gesendet am"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("meta-ai.ron");
        let args = [
            "--plain",
            "--lang",
            lang,
            "--now",
            BEFORE,
            "--state",
            state.parent().unwrap().to_str().unwrap(),
        ];
        let r = run(&args, &enters(12));
        assert_eq!(r.code, Some(0), "{}", r.err);
        // Every page once, in order, then the last page says so.
        let titles: Vec<String> = page_titles(&r.out).iter().map(|t| t.to_string()).collect();
        assert_eq!(titles, self::titles(Lang::new(lang)), "{lang}");
        assert!(r.out.contains(&format!("\n{last}\n")), "{lang}: {}", r.out);
        assert!(!r.out.contains(sent), "{lang}: {}", r.out);
        assert!(!r.out.contains("[x]"), "{lang}: {}", r.out);
        let (saved, _) = bezwaar::progress::Store::at(state).load(chrono::Utc::now());
        let saved = saved.expect("progress saved");
        assert_eq!(saved.page, "klaar");
        assert_eq!(saved.sent, vec![], "{lang}: Enter alone recorded a send");
    }
}

#[test]
fn the_arrow_keys_typed_at_the_prompt_move_as_on_the_screen() {
    // → and ↓ on, ← and ↑ back, in both of their forms; several on one line; Home and End.
    let input =
        "\u{1b}[C\n\u{1b}[B\n\u{1b}OC\u{1b}OB\n\u{1b}[A\n\u{1b}[D\u{1b}OD\n\u{1b}[F\n\u{1b}[H\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(5, "Invullen"),
            nl_title(4, "Inloggen"),
            nl_title(2, "Welke gegevens"),
            nl_title(7, "Klaar"),
            nl_title(1, "Waarom"),
        ]
    );
    assert!(!r.out.contains("Dat begrijp ik niet"), "{}", r.out);
    // ← on the first step says where you are, as b does.
    let r = plain("nl", BEFORE, "\u{1b}[D\nq\n");
    assert!(r.out.contains("\nDit is de eerste stap.\n"), "{}", r.out);
}

#[test]
fn no_key_the_screen_takes_is_not_understood() {
    // Esc, Tab, Shift-Tab, PgUp, PgDn, F1, ? and L: the first ones move nothing and ask
    // again; L reads on in the next language; an arrow in a field leaves it as it was.
    let input =
        "\u{1b}\n\t\n\u{1b}[Z\n\u{1b}[5~\u{1b}[6~\n\u{1b}OP\n?\nL\nn\nn\nn\n1\nn\n1\n\u{1b}[B\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(!r.out.contains("Dat begrijp ik niet"), "{}", r.out);
    assert!(!r.out.contains("I don't understand"), "{}", r.out);
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            en_title(1, "Why"),
            en_title(2, "Which data"),
            en_title(3, "Deadline"),
            en_title(4, "Log in"),
            en_title(4, "Log in"),
            en_title(5, "Fill in"),
            en_title(5, "Fill in"),
        ]
    );
    let last = r.out.rsplit(&step(5)).next().unwrap();
    assert!(
        !last.contains("[B"),
        "the arrow went into the field: {last}"
    );
}

//! Plain mode and the printable handout, through the real binary: what a screen-reader user,
//! a helper with a pipe, or a person holding the printout gets.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use bezwaar::text::Lang;
use common::{AFTER, BEFORE, FACEBOOK, INSTAGRAM, Pick, pages, stap, step};

const BIN: &str = env!("CARGO_BIN_EXE_bezwaar");

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs the binary with `args`, `input` on a piped stdin, stdout and stderr piped, and a
/// terminal-like TERM (so only the pipes can be the reason for plain mode). Fails the test
/// when it does not end within 20 seconds.
fn run_with(args: &[&str], input: &str, env: &[(&str, &str)]) -> Run {
    // Progress goes to a folder of this run's own: every run starts fresh, as a new person.
    let state = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(BIN);
    // Meta's walkthrough alone (its last page is the end), unless the test names its own.
    let own = args
        .iter()
        .any(|a| *a == "--script" || *a == "--walkthrough");
    if !own {
        cmd.args([
            "--script",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/meta-ai.ron"),
        ]);
    }
    cmd.args(args)
        .env("XDG_STATE_HOME", state.path())
        .env("HOME", state.path())
        .env("TERM", "xterm-256color")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    // The program may stop reading early (q): a failed write is fine then.
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut v = Vec::new();
        stdout.read_to_end(&mut v).unwrap();
        v
    });
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = thread::spawn(move || {
        let mut v = Vec::new();
        stderr.read_to_end(&mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("bezwaar {args:?} did not end within 20 s");
        }
        thread::sleep(Duration::from_millis(10));
    };
    writer.join().unwrap();
    let out = reader.join().unwrap();
    let err = err_reader.join().unwrap();
    assert_clean(&out);
    Run {
        code: status.code(),
        out: String::from_utf8(out).expect("output is UTF-8"),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

fn run(args: &[&str], input: &str) -> Run {
    run_with(args, input, &[])
}

/// Plain mode at a fixed time, in `lang`.
fn plain(lang: &str, now: &str, input: &str) -> Run {
    run(&["--plain", "--lang", lang, "--now", now], input)
}

/// No byte or character that could steer a terminal: no ESC, no BEL, no other C0 control but
/// the newline, no DEL, no C1 control; and no box drawing, block or triangle.
fn assert_clean(out: &[u8]) {
    assert!(!out.contains(&0x1b), "an ESC byte in the output");
    assert!(!out.contains(&0x07), "a BEL byte in the output");
    let text = String::from_utf8_lossy(out);
    for (i, line) in text.lines().enumerate() {
        for c in line.chars() {
            assert!(
                !c.is_control(),
                "control character {c:?} on line {}: {line:?}",
                i + 1
            );
            assert!(
                !('\u{2500}'..='\u{25FF}').contains(&c),
                "decorative character {c:?} on line {}: {line:?}",
                i + 1
            );
        }
    }
}

/// The lines that start a page ("Stap 2 van N: Welke gegevens"), in order.
fn page_titles(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| {
            ["Stap ", "Step ", "Schritt "]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .collect()
}

/// The line that starts page `n` of the shipped script in Dutch: "Stap 2 van N: Welke
/// gegevens", N its number of pages.
fn nl_title(n: usize, title: &str) -> String {
    format!("{}: {title}", stap(n))
}

/// The line that starts page `n` of the shipped script in English: "Step 2 of N: Which data".
fn en_title(n: usize, title: &str) -> String {
    format!("{}: {title}", step(n))
}

fn titles(lang: Lang) -> Vec<String> {
    let script = bezwaar::script::embedded().unwrap();
    let n = script.pages.len();
    script
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}: {}",
                bezwaar::text::step_of(lang, i + 1, n),
                p.title.get(lang)
            )
        })
        .collect()
}

#[test]
fn plain_mode_walks_the_pages_in_order_each_printed_once() {
    // n on every page but the last, then q.
    let to_the_last = format!("{}q\n", "n\n".repeat(pages() - 1));
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let r = plain(code, BEFORE, &to_the_last);
        assert_eq!(r.code, Some(0), "{}", r.err);
        assert_eq!(page_titles(&r.out), titles(lang));
    }
    let r = plain("nl", BEFORE, &to_the_last);
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(5, "Invullen"),
            nl_title(6, "Versturen"),
            nl_title(7, "Klaar"),
        ]
    );
}

#[test]
fn plain_mode_shows_the_title_the_page_and_a_prompt() {
    let r = plain("nl", BEFORE, "q\n");
    assert_eq!(r.code, Some(0));
    let expected_start = format!(
        "\
Bezwaar tegen AI-training door Meta

{}

Meta is het bedrijf achter Facebook en Instagram. Vanaf 27 mei 2025 traint Meta
zijn AI.",
        nl_title(1, "Waarom")
    );
    assert!(
        r.out.starts_with(&expected_start),
        "starts with:\n{}",
        &r.out[..r.out.len().min(400)]
    );
    // The note's bar is gone; the quote stays.
    assert!(r.out.contains(
        "\n“Het risico is dat je als gebruiker de controle over jouw persoonsgegevens\nverliest.”\n"
    ));
    // First page: no way back, so "b" is not offered.
    assert!(
        r.out.ends_with("\n\nn verder · s bronnen · q stoppen\n> "),
        "{}",
        r.out
    );
}

#[test]
fn plain_mode_counts_down_and_knows_when_the_deadline_passed() {
    let r = plain("en", BEFORE, "n\nn\nq\n");
    assert!(r.out.contains("\n6 days and 12 hours left.\n"));
    assert!(r.out.contains("Object before 27 May 2025."));
    let r = plain("nl", AFTER, "3\nn\nn\nq\n");
    assert!(
        r.out
            .contains("\nDe deadline was vóór 27 mei 2025. Dat is ruim een jaar geleden.\n")
    );
    assert!(r.out.contains("Je kunt nog steeds bezwaar maken."));
    assert!(!r.out.contains("Maak dus bezwaar vóór de deadline."));
}

#[test]
fn back_goes_back_and_the_ends_say_so() {
    let r = plain("nl", BEFORE, "n\nb\nb\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(1, "Waarom"),
        ]
    );
    assert!(
        r.out
            .contains("\nDit is de eerste stap.\nn verder · s bronnen · q stoppen\n> ")
    );
    // The words work as well as the letters, in either language.
    let r = plain("en", BEFORE, "next\nNEXT\nterug\nback\nquit\n");
    assert_eq!(
        page_titles(&r.out),
        [
            en_title(1, "Why"),
            en_title(2, "Which data"),
            en_title(3, "Deadline"),
            en_title(2, "Which data"),
            en_title(1, "Why"),
        ]
    );
    // n on every page, the last one too.
    let r = plain("en", BEFORE, &format!("{}q\n", "n\n".repeat(pages())));
    assert_eq!(page_titles(&r.out).len(), pages());
    assert!(
        r.out
            .contains("\nThis is the last step.\n1 choose\nb back · s sources · q quit\n> ")
    );
}

#[test]
fn the_log_in_page_numbers_its_links_and_a_number_gives_the_full_address() {
    let r = plain("nl", BEFORE, "n\nn\nn\n5\n6\nq\n");
    assert_eq!(r.code, Some(0));
    // The choices come first on the page, so the links are 5 and 6.
    assert!(r.out.contains(&format!(
        "\n[5] Open het Facebook-formulier\n    {FACEBOOK}\n\n[6] Open het Instagram-formulier\n    {INSTAGRAM}\n"
    )));
    assert!(r.out.contains(
        "\n1–4 kiezen · 5 Open het Facebook-formulier · 6 Open het Instagram-formulier\nn verder · b terug · s bronnen · q stoppen\n> "
    ));
    assert!(r.out.contains(&format!(
        "\nOpen het Facebook-formulier\nOpen dit adres in je browser:\n{FACEBOOK}\n"
    )));
    assert!(r.out.contains(&format!(
        "\nOpen het Instagram-formulier\nOpen dit adres in je browser:\n{INSTAGRAM}\n"
    )));
    // A link does not move the walk on.
    assert_eq!(page_titles(&r.out).len(), 4);
    // After a link, the walk goes on as before.
    let r = plain("nl", BEFORE, "n\nn\nn\n5\nn\nb\n6\nb\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(5, "Invullen"),
            nl_title(4, "Inloggen"),
            nl_title(3, "Deadline"),
        ]
    );
    assert_eq!(r.out.matches("Open dit adres in je browser:").count(), 2);

    let r = plain("en", BEFORE, "n\nn\nn\n6\nq\n");
    assert!(r.out.contains(&format!(
        "\nOpen the Instagram form\nOpen this address in your browser:\n{INSTAGRAM}\n"
    )));
}

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

#[test]
fn in_a_real_terminal_enter_and_the_arrows_work_at_the_prompt() {
    // The terminal passes the arrows' bytes on in the line (and echoes them as ^[[B).
    let cmd = format!("{BIN} --walkthrough meta-ai --plain --lang nl --no-save --now {BEFORE}");
    let r = in_pty(
        &cmd,
        "xterm-256color",
        "\n\u{1b}[B\n\u{1b}[C\n\u{1b}[D\nq\n",
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [
            nl_title(1, "Waarom"),
            nl_title(2, "Welke gegevens"),
            nl_title(3, "Deadline"),
            nl_title(4, "Inloggen"),
            nl_title(3, "Deadline"),
        ]
    );
    assert!(!r.out.contains("Dat begrijp ik niet"), "{}", r.out);
}

#[test]
fn q_and_the_end_of_input_end_cleanly() {
    for input in ["q\n", "Q", "stoppen\n", "", "n\n", "n\nn\nn\n1"] {
        let r = plain("nl", BEFORE, input);
        assert_eq!(r.code, Some(0), "input {input:?}: {}", r.err);
        assert!(r.err.is_empty(), "input {input:?}: {}", r.err);
        assert!(r.out.ends_with(" · q stoppen\n> "), "input {input:?}");
    }
}

#[test]
fn the_whole_walk_has_no_escape_bytes_in_either_language() {
    // run_with checks every output for control and box-drawing characters.
    let input = "n\nn\nn\n5\n6\n9\nn\nn\nn\nb\nb\nb\nb\nb\nb\nq\n";
    for lang in ["nl", "en", "de"] {
        for now in [BEFORE, AFTER] {
            let r = plain(lang, now, input);
            assert_eq!(r.code, Some(0));
            assert_eq!(page_titles(&r.out).len(), 13);
        }
    }
}

/// Every line of `out` fits in `width` columns, but URLs: they are never broken.
fn assert_fits(out: &str, width: usize) {
    let url_line = |l: &str| l.trim_start().starts_with("https://");
    for line in out.lines().filter(|l| !url_line(l)) {
        assert!(line.chars().count() <= width, "too long: {line:?}");
    }
}

#[test]
fn plain_mode_wraps_to_columns() {
    let r = run_with(
        &["--plain", "--lang", "en", "--now", BEFORE],
        "n\nn\nn\nq\n",
        &[("COLUMNS", "40")],
    );
    assert_fits(&r.out, 40);
    assert!(r.out.contains(&format!("\n    {FACEBOOK}\n")));
}

#[test]
fn plain_mode_is_chosen_when_stdout_or_stdin_is_not_a_terminal() {
    // No --plain: the pipes alone choose it.
    let r = run(&["--lang", "nl", "--now", BEFORE], "n\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert_eq!(
        page_titles(&r.out),
        [nl_title(1, "Waarom"), nl_title(2, "Welke gegevens")]
    );
    let r = run_with(
        &["--lang", "en", "--now", BEFORE],
        "q\n",
        &[("TERM", "dumb")],
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(page_titles(&r.out), [en_title(1, "Why")]);
}

#[test]
fn the_choice_of_plain_mode() {
    use bezwaar::plain::wanted;
    // A full terminal: the full-screen walkthrough.
    assert!(!wanted(false, true, true, Some("xterm-256color")));
    assert!(!wanted(false, true, true, None));
    // Asked for, or no full terminal.
    assert!(wanted(true, true, true, Some("xterm-256color")));
    assert!(wanted(false, true, false, Some("xterm")));
    assert!(wanted(false, false, true, Some("xterm")));
    assert!(wanted(false, true, true, Some("dumb")));
}

/// Runs `shell_command` with a pseudo-terminal as its stdin and stdout, via util-linux
/// `script` (Debian's bsdutils; `.ci/run` installs it when missing). Fails when it is not
/// there: a check that cannot run is not a pass.
fn in_pty(shell_command: &str, term: &str, input: &str) -> Run {
    let ok = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "util-linux `script` is needed for this test: apt-get install bsdutils"
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", shell_command, "/dev/null"])
        .env("TERM", term)
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script starts");
    let mut stdin = child.stdin.take().unwrap();
    // Give the program a moment to start reading, as a person would.
    thread::sleep(Duration::from_millis(300));
    let _ = stdin.write_all(input.as_bytes());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("{shell_command} did not end within 20 s in a pseudo-terminal");
        }
        thread::sleep(Duration::from_millis(10));
    };
    drop(stdin);
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    // A pseudo-terminal turns "\n" into "\r\n"; that is the terminal, not the program.
    let out: Vec<u8> = String::from_utf8_lossy(&out).replace('\r', "").into_bytes();
    assert_clean(&out);
    Run {
        code: status.code(),
        out: String::from_utf8(out).unwrap(),
        err: String::new(),
    }
}

#[test]
fn in_a_real_terminal_term_dumb_and_a_piped_stdout_choose_plain_mode() {
    let cmd = format!("{BIN} --walkthrough meta-ai --lang nl --no-save --now {BEFORE}");
    let r = in_pty(&cmd, "dumb", "q\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(page_titles(&r.out), [nl_title(1, "Waarom")]);
    // stdin a terminal, stdout a pipe.
    let r = in_pty(&format!("{cmd} | cat"), "xterm-256color", "n\nq\n");
    assert_eq!(r.code, Some(0));
    assert_eq!(
        page_titles(&r.out),
        [nl_title(1, "Waarom"), nl_title(2, "Welke gegevens")]
    );
}

// The handout.

fn handout(lang: &str, format: &str, now: &str) -> String {
    let r = run(
        &["print", "--lang", lang, "--format", format, "--now", now],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.err.is_empty(), "{}", r.err);
    r.out
}

#[test]
fn the_markdown_handout_has_every_page_the_links_the_boxes_and_the_sources() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let md = handout(code, "markdown", BEFORE);
        let h1: Vec<_> = md.lines().filter(|l| l.starts_with("# ")).collect();
        assert_eq!(
            h1,
            [format!(
                "# {}",
                lang.pick(
                    "Bezwaar tegen AI-training door Meta",
                    "Object to Meta’s AI training"
                )
            )]
        );
        let h2: Vec<_> = md.lines().filter(|l| l.starts_with("## ")).collect();
        let mut expected: Vec<String> = titles(lang).iter().map(|t| format!("## {t}")).collect();
        expected.push(lang.pick("## Bronnen", "## Sources").to_owned());
        assert_eq!(h2, expected);
        // The links in full, as autolinks that stay readable on paper.
        assert!(md.contains(&format!("\n  <{FACEBOOK}>\n")));
        assert!(md.contains(&format!("\n  <{INSTAGRAM}>\n")));
        // Every heading stands apart, as markdown wants it.
        let lines: Vec<_> = md.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.starts_with('#') {
                assert!(
                    i == 0 || lines[i - 1].is_empty(),
                    "no blank line before {l:?}"
                );
                assert!(
                    lines.get(i + 1).is_some_and(|n| n.is_empty()),
                    "no blank line after {l:?}"
                );
            }
            if !l.contains("<https://") {
                // A web address is never broken: it may run past 80 on a line of its own.
                assert!(
                    l.chars().count() <= 80 || l.trim_start().starts_with("https://"),
                    "too long: {l:?}"
                );
            }
        }
    }
    let nl = handout("nl", "markdown", BEFORE);
    assert!(nl.contains(
        "\n- [ ] Facebook: ik heb op Verzenden gedrukt\n\
         - [ ] Instagram: ik heb op Verzenden gedrukt\n"
    ));
    assert!(nl.contains(
        "\n- [ ] Facebook: bevestiging per e-mail gekregen\n\
         - [ ] Instagram: bevestiging per e-mail gekregen\n"
    ));
    assert!(nl.contains("\nGecontroleerd op 2 december 2026.\n"));
    assert!(nl.contains(
        "\n1. AP bezorgd over ‘AI-trainingsplannen’ Meta, roept gebruikers op tot actie,\n   Security.NL, april 2025\n"
    ));
    assert!(nl.contains(&format!(
        ". Bezwaarformulier voor Facebook, Meta\n    <{FACEBOOK}>\n"
    )));
    assert!(nl.contains("\n- Open het Facebook-formulier\n"));
    assert!(nl.contains("\n### Dit gebruikt Meta\n"));
    assert!(nl.contains("\nDe deadline: vóór 27 mei 2025.\n"));
    assert!(nl.contains("\n> “Het risico is dat je als gebruiker"));

    let en = handout("en", "markdown", BEFORE);
    assert!(en.contains("\n- [ ] Facebook: I pressed Send\n"));
    assert!(en.contains("\n- [ ] Instagram: confirmation email received\n"));
    assert!(en.contains("\nChecked on 2 December 2026.\n"));
    assert!(
        en.contains(". Insight on the training of Meta’s AI systems, Goodwin Procter, May 2025\n")
    );
    assert!(en.contains(&format!(
        ". Bezwaarformulier voor Instagram, Meta\n    <{INSTAGRAM}>\n"
    )));
}

#[test]
fn the_text_handout_is_plain_and_wrapped_at_80() {
    for (lang, code) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let txt = handout(code, "text", AFTER);
        for t in titles(lang) {
            let underline = "-".repeat(t.chars().count());
            assert!(txt.contains(&format!("\n{t}\n{underline}\n")), "{t}");
        }
        assert!(txt.contains(&format!("\n  {FACEBOOK}\n")));
        assert!(txt.contains(&format!("\n  {INSTAGRAM}\n")));
        for l in txt.lines() {
            // A web address is never broken: it may run past 80 on a line of its own.
            assert!(
                l.chars().count() <= 80 || l.trim_start().starts_with("https://"),
                "too long: {l:?}"
            );
            assert!(!l.starts_with('#'), "markdown in text: {l:?}");
            assert!(!l.contains('<'), "markdown in text: {l:?}");
        }
        assert!(txt.contains(lang.pick(
            "\n[ ] Facebook: ik heb op Verzenden gedrukt\n",
            "\n[ ] Facebook: I pressed Send\n"
        )));
        assert!(txt.contains(lang.pick(
            "\n[ ] Instagram: bevestiging per e-mail gekregen\n",
            "\n[ ] Instagram: confirmation email received\n"
        )));
        assert!(txt.contains(lang.pick(
            "\nGecontroleerd op 2 december 2026.\n",
            "\nChecked on 2 December 2026.\n"
        )));
        assert!(txt.contains(lang.pick("\nBronnen\n-------\n", "\nSources\n-------\n")));
        assert!(txt.contains("] Artikel over het blokkeren van gegevensgebruik door Meta AI, iCulture,\n     april 2025\n"));
        assert!(txt.contains(lang.pick(
            "\nDe deadline was vóór 27 mei 2025.\n",
            "\nThe deadline was before 27 May 2025.\n"
        )));
    }
}

#[test]
fn the_handout_follows_the_script_and_the_options_after_the_subcommand() {
    let r = run(
        &[
            "print",
            "--script",
            "tests/scripts/three-pages.ron",
            "--lang",
            "en",
            "--format",
            "markdown",
            "--now",
            BEFORE,
        ],
        "",
    );
    assert_eq!(r.code, Some(0), "{}", r.err);
    let h2: Vec<_> = r.out.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        h2,
        [
            "## Step 1 of 3: Welcome",
            "## Step 2 of 3: The form",
            "## Step 3 of 3: Done",
            "## Sources",
        ]
    );
    assert!(r.out.contains("\n  <https://example.org/bezwaar>\n"));
    assert!(
        r.out.contains(
            "\n1. Een voorbeeld van een bron, example.org\n   <https://example.org/bron>\n"
        )
    );
    // Markdown is the default format.
    let r = run(&["print", "--lang", "nl", "--now", BEFORE], "");
    assert_eq!(r.out, handout("nl", "markdown", BEFORE));
}

#[test]
fn numbers_choose_fill_in_and_tick_as_keys_do_on_screen() {
    let input = "n\nn\nn\n1\nn\n1\noma@voorbeeld.nl\n5\nIk wil dit niet.\u{1b}[2J\u{7}\nn\n2\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    // Choosing Facebook prints the page again, with the choice made and only its form.
    assert!(r.out.contains("\n[1] (•) Facebook\n[2] ( ) Instagram\n"));
    assert!(
        r.out
            .contains("\n1–4 kiezen · 5 Open het Facebook-formulier\n")
    );
    // The email field: its number, then a line to type in.
    assert!(
        r.out
            .contains("\n[1] (nog leeg: kies het nummer om te typen)\n")
    );
    assert!(r.out.contains(&format!(
        "\nTyp je e-mailadres en druk op Enter:\n\n{}\n",
        nl_title(5, "Invullen")
    )));
    assert!(
        r.out
            .contains("\n[1] oma@voorbeeld.nl\n  ✓ Dit ziet eruit als een e-mailadres.\n")
    );
    // An own reason, its control characters dropped (run_with checks the bytes).
    assert!(r.out.contains("\nTyp je reden en druk op Enter:\n"));
    assert!(
        r.out
            .contains("\n[5] (•) Zelf een reden schrijven\n        Ik wil dit niet.[2J\n")
    );
    // The send page asks only about Facebook's form, "not yet" marked; 2 says yes.
    assert!(r.out.contains(
        "\nHeb je het Facebook-formulier verstuurd?\n[1] (•) Nog niet\n[2] ( ) Ja, verstuurd\n\n"
    ));
    assert!(
        r.out
            .contains("\n[1] ( ) Nog niet\n[2] (•) Ja, verstuurd op 20 mei 2025 om ")
    );
    assert_eq!(page_titles(&r.out).len(), 10);
}

#[test]
fn items_with_numbers_still_fit_the_width() {
    let r = run_with(
        &["--plain", "--lang", "nl", "--now", BEFORE],
        "n\nn\nn\n3\nn\nn\nq\n",
        &[("COLUMNS", "40")],
    );
    assert_eq!(r.code, Some(0));
    assert!(r.out.contains("\n[3] (•) Allebei\n"));
    assert_fits(&r.out, 40);
}

#[test]
fn a_field_chosen_again_takes_the_new_line_in_place_of_the_old() {
    let input = "n\nn\nn\n1\nn\n1\nopa@voorbeeld\n1\noma@voorbeeld.nl\nq\n";
    let r = plain("nl", BEFORE, input);
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.out.contains("\n[1] opa@voorbeeld\n"));
    let last = r.out.rsplit(&stap(5)).next().unwrap();
    assert!(last.contains("\n[1] oma@voorbeeld.nl\n"), "{last}");
    assert!(!last.contains("opa@"));
}

#[test]
fn plain_mode_keeps_progress_like_the_full_screen_and_welcomes_back() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("meta-ai.ron");
    let state_s = state.parent().unwrap().to_str().unwrap();
    let args = [
        "--plain", "--lang", "nl", "--now", AFTER, "--state", state_s,
    ];
    // On to the log-in page, Facebook (the first answer), then stop.
    let r = run(&args, "n\nn\nn\n1\nq\n");
    assert_eq!(r.code, Some(0), "{}", r.err);
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        saved.contains("inloggen") && saved.contains("facebook"),
        "{saved}"
    );
    // Back again: welcome back, on the same page with the same answer.
    let r = run(&args, "1\nq\n");
    assert!(
        r.out.contains(
            "Welkom terug! Je was bij stap 4: Inloggen.\n[1] Verder waar je was\n[2] Opnieuw beginnen\n> "
        ),
        "{}",
        r.out
    );
    assert_eq!(page_titles(&r.out), [nl_title(4, "Inloggen")]);
    assert!(r.out.contains("\n[1] (•) Facebook\n"), "{}", r.out);
    // Starting over asks first, and keeps the old file aside.
    let r = run(&args, "2\n2\nq\n");
    assert!(r.out.contains("Weet je het zeker?"), "{}", r.out);
    assert_eq!(page_titles(&r.out), [nl_title(1, "Waarom")]);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("meta-ai.ron.old-")),
        "{names:?}"
    );
}

#[test]
fn s_shows_the_sources_of_the_page_first_then_all_and_the_check_date() {
    let r = plain("nl", AFTER, "n\nn\ns\nq\n");
    let at = r
        .out
        .find("Waar de stap ‘Deadline’ op steunt:")
        .expect("the page's sources");
    let all = r
        .out
        .find("Alle bronnen van deze uitleg:")
        .expect("all sources");
    assert!(at < all);
    assert!(r.out[all..].contains("Gecontroleerd op 2 december 2026."));
    // The prompt offers it, with the other letters.
    assert!(
        r.out
            .contains("n verder · b terug · s bronnen · q stoppen\n> ")
    );
}

#[test]
fn plain_mode_promises_no_copy_it_cannot_make() {
    let r = plain("nl", AFTER, "n\nn\nn\n1\nn\n");
    assert_eq!(
        page_titles(&r.out).last().copied(),
        Some(nl_title(5, "Invullen").as_str())
    );
    assert!(
        r.out.contains("Het staat hier alleen om na te"),
        "{}",
        r.out
    );
    assert!(
        !r.out.contains("kopi"),
        "no copying offered in plain mode:\n{}",
        r.out
    );
}

#[test]
fn old_content_says_so_on_the_first_page_in_plain_mode() {
    // The script was checked on 2 December 2026: 180 days later it is not old yet, 181 it is.
    let fresh = plain("nl", "2027-05-31T12:00:00+02:00", "q\n");
    assert!(!fresh.out.contains("Kijk of het nog klopt."));
    let old = plain("nl", "2027-06-01T12:00:00+02:00", "q\n");
    assert!(
        old.out.contains(&format!(
            "\n{}\n\n! Deze uitleg is voor het laatst gecontroleerd op 2 december 2026. Kijk of het\n  nog klopt.\n",
            nl_title(1, "Waarom")
        )),
        "{}",
        old.out
    );
}

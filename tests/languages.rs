//! A language is data: a catalog of the app's words (`TAG.ftl`) plus the script's texts, and
//! no Rust change. Proved with a fourth, made-up language, xx: a script in nl, en, de and xx
//! (tests/scripts/four-languages.ron) and a catalog (tests/i18n/xx.ftl) that mark every xx word
//! "[xx]", loaded with `--catalogs tests/i18n`, through the real binary. Also German, the third
//! shipped language, on paper and chosen by the locale.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use bezwaar::i18n::{self, Lang};
use common::schritt;

const FOUR: &str = "tests/scripts/four-languages.ron";
const CATALOGS: &str = "tests/i18n";
/// A day the four-language script's content is fresh (no stale warning) and its deadline
/// ahead.
const NOW: &str = "2026-12-10T12:00:00+01:00";

fn bezwaar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .expect("bezwaar runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The walkthrough in a pty of `cols` x `rows`. The pty starts it in the home folder: the
/// test's paths are made whole first.
fn walk(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> pty::Pty {
    let whole = |a: &str| match a {
        FOUR | CATALOGS => format!("{}/{a}", env!("CARGO_MANIFEST_DIR")),
        _ => a.to_owned(),
    };
    let args: Vec<String> = args.iter().map(|a| whole(a)).collect();
    let mut all = vec!["--no-save", "--now", NOW];
    all.extend(args.iter().map(String::as_str));
    pty::spawn(&all, env, cols, rows)
}

/// Waits until the screen satisfies `ok`, up to 10 seconds; panics with `what` and the screen
/// if it never does. (A frame may arrive in pieces: wait for all of what is expected at once.)
fn wait_until(p: &pty::Pty, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let s = p.screen();
        if ok(&s) {
            return s;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} never showed. The screen:\n{}", p.screen());
}

/// The last line of the screen that has text: the footer.
fn footer(screen: &str) -> &str {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Stops the walkthrough with q q and checks that it ended well.
fn stop(mut p: pty::Pty) {
    p.send("q");
    p.send("q");
    assert_eq!(p.wait_exit(), 0, "{}", p.screen());
}

#[test]
fn the_made_up_catalog_says_every_message_and_is_valid_fluent() {
    let ftl = std::fs::read_to_string(Path::new(CATALOGS).join("xx.ftl")).unwrap();
    assert_eq!(
        i18n::message_ids_in(&ftl),
        i18n::message_ids(Lang::En),
        "tests/i18n/xx.ftl must have every message of i18n/en.ftl (mark new ones [xx])"
    );
    i18n::add_catalog(Lang::new("xx"), &ftl).expect("tests/i18n/xx.ftl is valid Fluent");
    for id in i18n::message_ids_in(&ftl) {
        if id != "language-name" {
            let words = i18n::by_id(Lang::new("xx"), &id);
            assert!(words.starts_with("[xx] "), "{id}: {words:?}");
        }
    }
}

#[test]
fn the_fourth_language_shows_its_texts_and_its_app_words() {
    let p = walk(
        &["--lang", "xx", "--catalogs", CATALOGS, "--script", FOUR],
        &[],
        80,
        24,
    );
    let s = wait_until(&p, "page 1 in xx", |s| {
        s.contains("[xx] Xx first page.") && footer(s).contains("q [xx] quit")
    });
    // The script's words: title, stepper, page text, note.
    assert!(s.contains("[xx] Xx trial"), "{s}");
    assert!(s.contains("1 [xx] Xx start"), "{s}");
    assert!(s.contains("[xx] Xx note."), "{s}");
    // The app's words from the xx catalog: the "Step" line, the button, the footer.
    assert!(s.contains("[xx] Step 1 of 3"), "{s}");
    assert!(s.contains("[xx] Go on to step 2: [xx] Xx middle"), "{s}");
    let f = footer(&s);
    for hint in [
        "Enter [xx] go on",
        "→ [xx] next",
        "? [xx] help",
        "q [xx] quit",
    ] {
        assert!(f.contains(hint), "{hint:?} not in the footer {f:?}");
    }
    // No word of the footer is English without its mark (L names the next language in
    // that language).
    assert_eq!(
        f.matches("[xx]").count(),
        f.split("  ")
            .filter(|h| !h.trim().is_empty() && !h.trim().starts_with("L "))
            .count(),
        "{f:?}"
    );
    for english in ["Step 1", "Go on to", "Dit is", "This is", "Das ist"] {
        assert!(
            !s.replace("[xx] Step 1", "")
                .replace("[xx] Go on to", "")
                .contains(english),
            "{english:?} on the xx screen:\n{s}"
        );
    }

    // The next page: the countdown in xx words too.
    let mut p = p;
    p.send("\r");
    let s = wait_until(&p, "page 2 in xx", |s| s.contains("[xx] Step 2 of 3"));
    assert!(
        s.contains("[xx] [xx] "),
        "the countdown's words are xx:\n{s}"
    );
    assert!(s.contains("left."), "{s}");
    assert!(s.contains("[xx] Xx open the example."), "{s}");
    stop(p);
}

#[test]
fn l_goes_round_every_language_and_names_the_next_in_itself() {
    let mut p = walk(
        &["--lang", "nl", "--catalogs", CATALOGS, "--script", FOUR],
        &[],
        80,
        24,
    );
    // On the last page the footer has room for L in every language, xx's long words too.
    p.send("3");
    let round = [
        ("Dit is de laatste pagina.", "Stap 3 van 3", "L English"),
        ("This is the last page.", "Step 3 of 3", "L Deutsch"),
        ("Das ist die letzte Seite.", "Schritt 3 von 3", "L Xxish"),
        ("[xx] Xx last page.", "[xx] Step 3 of 3", "L Nederlands"),
        ("Dit is de laatste pagina.", "Stap 3 van 3", "L English"),
    ];
    for (i, (page, step, next)) in round.iter().enumerate() {
        if i > 0 {
            p.send("L");
        }
        let s = wait_until(&p, &format!("{page} with {next}"), |s| {
            s.contains(page) && s.contains(step) && footer(s).contains(next)
        });
        // Only this language's page text is on screen.
        for (other, _, _) in &round {
            if other != page {
                assert!(!s.contains(other), "{other:?} beside {page:?}:\n{s}");
            }
        }
    }
    stop(p);
}

#[test]
fn the_locale_picks_the_fourth_language_and_german() {
    let p = walk(
        &["--catalogs", CATALOGS, "--script", FOUR],
        &[("LANG", "xx_XX.UTF-8")],
        80,
        24,
    );
    wait_until(&p, "page 1 in xx from LANG", |s| {
        s.contains("[xx] Xx first page.") && s.contains("[xx] Step 1 of 3")
    });
    stop(p);

    // The shipped walkthrough: an Austrian German locale gives German.
    let p = walk(&[], &[("LANG", "de_AT.UTF-8")], 80, 24);
    let s = wait_until(&p, "page 1 in German from LANG", |s| {
        s.contains(&schritt(1)) && footer(s).contains("? Hilfe")
    });
    assert!(
        s.contains("Die Autoriteit Persoonsgegevens (AP) ist die Datenschutzbehörde der"),
        "{s}"
    );
    stop(p);
}

/// The four-language script with `edit` done to it, in a temporary file; its path.
fn edited(dir: &Path, edit: impl Fn(&str) -> String) -> String {
    let src = std::fs::read_to_string(FOUR).unwrap();
    let changed = edit(&src);
    assert_ne!(changed, src, "the edit changed nothing");
    let path = dir.join("four.ron");
    std::fs::write(&path, changed).unwrap();
    path.display().to_string()
}

/// Line and column (both from 1, in characters) of the first `needle` in `src`.
fn position(src: &str, needle: &str) -> (usize, usize) {
    let at = src
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn check_reports_a_missing_fourth_language_text_at_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(FOUR).unwrap();
    // The note of page 1 (its block 2) loses its xx words: reported at its first words.
    let file = edited(dir.path(), |s| {
        s.replace("                    xx: \"[xx] Xx note.\",\n", "")
    });
    let (line, col) = position(&src, "\"Een opmerking.\"");
    let out = bezwaar(&["check", &file]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        text(&out.stderr),
        format!("{file}:{line}:{col}: page 1 (\"begin\") block 2 has no xx translation\n")
    );
    assert!(out.stdout.is_empty(), "{out:?}");
}

#[test]
fn check_reports_an_undeclared_language_at_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = edited(dir.path(), |s| {
        s.replace(
            "                    xx: \"[xx] Xx last page.\",\n",
            "                    xx: \"[xx] Xx last page.\",\n                    yy: \"[yy] Yy last page.\",\n",
        )
    });
    let copy = std::fs::read_to_string(&file).unwrap();
    let (line, col) = position(&copy, "\"[yy] Yy last page.\"");
    let out = bezwaar(&["check", &file]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        text(&out.stderr),
        format!(
            "{file}:{line}:{col}: page 3 (\"einde\") block 1 is in yy, which the script's \
             languages (nl, en, de, xx) do not name\n"
        )
    );
}

#[test]
fn a_language_without_a_catalog_has_english_app_words_and_check_warns() {
    // check: a warning, and still exit code 0; none once the catalog is there.
    let out = bezwaar(&["check", "--now", NOW, FOUR]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(text(&out.stdout), format!("{FOUR}: ok (3 pages)\n"));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{FOUR}: warning: no catalog for xx: the app's own words will be in English. \
             Write them in xx.ftl (every message of i18n/en.ftl) and try it with --catalogs DIR.\n"
        )
    );
    let out = bezwaar(&["check", "--now", NOW, "--catalogs", CATALOGS, FOUR]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    // The shipped script: every language has its catalog (its only warnings are for the
    // sources that have no address).
    let out = bezwaar(&["check", "--now", NOW]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        text(&out.stderr)
            .lines()
            .all(|l| l.contains("warning: source") && l.ends_with("has no url: add the https:// address where it can be read, so a reader can follow it.")),
        "{}",
        text(&out.stderr)
    );

    // The walkthrough: the page in xx, the app's words in English.
    let p = walk(&["--lang", "xx", "--script", FOUR], &[], 80, 24);
    let s = wait_until(&p, "page 1 in xx with English app words", |s| {
        s.contains("[xx] Xx first page.") && footer(s).contains("q quit")
    });
    assert!(s.contains("Step 1 of 3") && !s.contains("[xx] Step"), "{s}");
    assert!(s.contains("Go on to step 2: [xx] Xx middle"), "{s}");
    assert!(footer(&s).contains("? help"), "{s}");
    stop(p);
}

#[test]
fn plain_mode_and_the_handout_speak_the_fourth_language() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bezwaar"))
        .args(["--plain", "--no-save", "--now", NOW])
        .args(["--lang", "xx", "--catalogs", CATALOGS, "--script", FOUR])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"n\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let plain = text(&out.stdout);
    for words in [
        "[xx] Step 1 of 3: [xx] Xx start",
        "[xx] Xx first page.",
        "[xx] Step 2 of 3: [xx] Xx middle",
    ] {
        assert!(plain.contains(words), "{words:?} not in:\n{plain}");
    }

    let out = bezwaar(&[
        "print",
        "--lang",
        "xx",
        "--catalogs",
        CATALOGS,
        "--script",
        FOUR,
        "--now",
        NOW,
        "--format",
        "text",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let paper = text(&out.stdout);
    for words in [
        "[xx] Xx trial\n",
        "[xx] Step 3 of 3: [xx] Xx end\n",
        // The note marker stays with its sentence: a no-break space before it.
        "[xx] Xx last page.\u{a0}[1]",
        "[xx] The deadline is [xx] 1 [xx] January 2030.",
        "[xx] Sources\n",
    ] {
        assert!(paper.contains(words), "{words:?} not in:\n{paper}");
    }
}

/// The handout's words as one line: line breaks and runs of spaces one space.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn german_on_paper_reads_right_before_and_after_the_deadline() {
    let paper = |now: &str| {
        let out = bezwaar(&["print", "--lang", "de", "--format", "text", "--now", now]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        flat(&text(&out.stdout))
    };
    let before = paper("2025-05-20T12:00:00+02:00");
    let first = format!("{}: Warum", schritt(1));
    for words in [
        first.as_str(),
        "Ab dem 27. Mai 2025 trainiert Meta seine KI.",
        "Die Autoriteit Persoonsgegevens (AP) ist die Datenschutzbehörde der Niederlande.",
        "Die Frist: vor dem 27. Mai 2025.",
        "Widersprechen Sie vor dem 27. Mai 2025.",
        // The question comes before its answer, and the boxes after the sentence to tick.
        "Was nutzen Sie? [ ] Facebook [ ] Instagram [ ] Beides [ ] Keins von beiden",
        "Haben Sie „Keins von beiden“ gewählt? Dann müssen Sie nichts tun.",
        "Haben Sie „Beides“ gewählt? Prüfen Sie in der Kontenübersicht",
        "Danach fragen wir, ob es geklappt hat. [ ] Facebook: Ich habe auf Senden gedrückt",
        "[ ] Instagram: Bestätigung per E-Mail bekommen",
        "Geprüft am 2. Dezember 2026.",
        "Quellen ------- [1]",
    ] {
        assert!(before.contains(words), "{words:?} not on paper:\n{before}");
    }
    assert!(!before.contains("Seit dem 27. Mai") && !before.contains("Die Frist endete"));

    let after = paper("2026-12-01T12:00:00+01:00");
    for words in [
        "Seit dem 27. Mai 2025 trainiert Meta seine KI.",
        "Die Frist endete vor dem 27. Mai 2025.",
        "Sie können trotzdem noch widersprechen.",
        "Was Meta schon genutzt hat, kann man nicht wieder herausnehmen.",
    ] {
        assert!(after.contains(words), "{words:?} not on paper:\n{after}");
    }
    assert!(!after.contains("Ab dem 27. Mai") && !after.contains("Die Frist: vor"));
    // One deadline, said one way: never the day before it.
    assert!(!before.contains("26. Mai") && !after.contains("26. Mai"));
    // On paper nothing ticks: no countdown words.
    for unit in ["Noch ", "Tage und", "Stunden", "Sekunden", "vor mehr als"] {
        assert!(!before.contains(unit) && !after.contains(unit), "{unit:?}");
    }
}

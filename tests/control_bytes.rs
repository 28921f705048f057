//! Text from a script or from the keyboard never steers the terminal: ESC, BEL, C0 and C1
//! controls, DEL and bidi overrides never reach it raw, and over-long lines never run past the
//! edge of the window. Checked on the exact bytes the runner's crossterm backend writes, and on
//! the bytes the real binary writes in a pseudo-terminal.

mod common;
#[cfg(unix)]
#[path = "common/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::sync::Arc;

use bezwaar::app::{App, Event};
use bezwaar::backend::{Lean, draw_frame};
use bezwaar::progress::Notice;
use bezwaar::script::{Block, Choice, Condition, Page, Script, Source, Str, Text};
use bezwaar::text::Lang;
use chrono::{DateTime, NaiveDate};
use common::Pick;
use common::{Shared, step, time};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_width::UnicodeWidthChar;

/// Everything a hostile or careless script could hold: clear the screen, ring the bell, a C1
/// CSI, set the window title, a hyperlink of its own, a DCS, NUL, DEL, NEL, bidi override and
/// isolate, carriage return and tab.
const EVIL: &str = "A\x1b[2Jb\x07c\u{9b}31md\u{202e}e\x1b]0;owned\x07f\x1b]8;;https://evil.example\x1b\\g\x1bP+q\x1b\\h\0i\x7fj\u{85}k\u{2066}l\rm\tn\x1b";

fn t(s: &str) -> Text {
    Text::new(&format!("nl {s}"), &format!("en {s}"))
}

fn long_lines() -> Vec<String> {
    vec![
        // One word far wider than any window.
        "W".repeat(5000),
        // Double-width characters, and one that does not fit at the edge.
        "語".repeat(3000),
        format!("{}{}", " ".repeat(77), "語語語"),
        // A mix, with the controls inside.
        format!("{}{EVIL}{}", "x".repeat(70), "y".repeat(3000)),
    ]
}

/// A script with every kind of block, every text hostile, built in code so no validation
/// stands in between: the drawing must be safe on its own.
fn hostile_script() -> Script {
    let url = format!("https://example.org/{EVIL}/{}", "a".repeat(2000));
    // Short enough that the whole link fits on screen, so Enter opens it.
    let short_url = format!("https://example.org/{EVIL}/{}", "b".repeat(100));
    let mut body = vec![
        Block::Heading(t(EVIL)),
        Block::Para(t(EVIL)),
        Block::Bullets(vec![t(EVIL), t(EVIL)]),
        Block::Note(t(EVIL)),
        Block::Do(t(EVIL)),
        Block::Countdown,
        Block::If(Condition::Before, Box::new(Block::Para(t(EVIL)))),
        Block::If(Condition::After, Box::new(Block::Para(t(EVIL)))),
        Block::Choose {
            question: t(EVIL),
            all: Some(t(EVIL)),
            none: t(EVIL),
        },
        Block::If(Condition::ChoseNone, Box::new(Block::Note(t(EVIL)))),
        Block::If(Condition::ChoseAll, Box::new(Block::Note(t(EVIL)))),
        Block::If(
            Condition::Chose(Str::new("evil")),
            Box::new(Block::Link {
                label: t(EVIL),
                url: Str::new(&short_url),
            }),
        ),
        Block::Link {
            label: t(EVIL),
            url: Str::new(&url),
        },
    ];
    body.extend(long_lines().iter().map(|l| Block::Para(t(l))));
    let form = vec![
        Block::Para(t(EVIL)),
        Block::EmailField,
        Block::Reasons(vec![t(EVIL), t(&"R".repeat(3000))]),
        Block::Ask {
            question: t(&format!("{EVIL} {{name}} {EVIL}")),
            safe: t(EVIL),
            yes: t(EVIL),
            yes_at: t(&format!("{EVIL} {{when}}")),
            safe_status: t(&format!("{EVIL} {{step}}")),
            undo: t(EVIL),
            paper: t(&format!("{{name}} {EVIL}")),
        },
        Block::Summary {
            heading: t(EVIL),
            done: t(&format!("{{name}} {EVIL} {{when}}")),
            not_yet: t(&format!("{{name}} {EVIL}")),
            not_yet_all: t(EVIL),
            nothing: t(EVIL),
            none: t(&format!("{EVIL} {{choice}}")),
            paper: t(&format!("{{name}} {EVIL}")),
        },
    ];
    let page = |id: &str, body: Vec<Block>| Page {
        id: Str::new(id),
        title: t(EVIL),
        body,
        when: None,
    };
    Script {
        languages: vec![Lang::Nl, Lang::En],
        title: t(EVIL),
        offer: Some(t(EVIL)),
        order: 1,
        choices: vec![
            Choice {
                id: Str::new("evil"),
                name: Str::new(EVIL),
            },
            Choice {
                id: Str::new("long"),
                name: Str::new(&"P".repeat(500)),
            },
        ],
        reviewed: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        deadline: Some(DateTime::parse_from_rfc3339("2025-05-27T00:00:00+02:00").unwrap()),
        pages: vec![
            page("one", body),
            page("two", form),
            page(&format!("id{EVIL}"), vec![Block::Para(t(EVIL))]),
        ],
        sources: vec![Source {
            id: Str::new(EVIL),
            title: Str::new(EVIL),
            publisher: Some(Str::new(EVIL)),
            date: Some(Str::new(EVIL)),
            url: Some(Str::new(&url)),
        }],
    }
}

/// Draws `app` as the local runner does (a frame, then the URLs again as OSC 8 hyperlinks)
/// through the runner's crossterm backend into memory, and returns the bytes.
fn frame_bytes(app: &App) -> Vec<u8> {
    let (w, h) = app.view().size();
    let out = Shared::default();
    let mut terminal = Terminal::with_options(
        Lean::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    draw_frame(&mut terminal, app, &mut Vec::new()).unwrap();
    out.take()
}

/// Checks `bytes` hold nothing but text and the sequences a drawing needs: cursor moves (CSI
/// … H) inside the window, colours and attributes (CSI … m), cursor hide and show, and OSC 8
/// hyperlinks to https URLs made only of printable characters. No text runs past the right
/// edge (a terminal would wrap it and scroll the whole screen).
fn assert_clean(bytes: &[u8], (w, h): (u16, u16), what: &str) {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let chars: Vec<char> = s.chars().collect();
    let show = |i: usize| -> String {
        chars[i.saturating_sub(20)..(i + 40).min(chars.len())]
            .iter()
            .collect()
    };
    let mut col: usize = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\x1b' {
            match chars.get(i + 1) {
                Some('[') => {
                    let mut j = i + 2;
                    while j < chars.len() && (chars[j].is_ascii_digit() || ";?".contains(chars[j]))
                    {
                        j += 1;
                    }
                    let params: String = chars[i + 2..j].iter().collect();
                    match chars.get(j) {
                        Some('H') => {
                            let mut it = params.split(';').map(|n| n.parse::<usize>().unwrap_or(1));
                            let (row, column) = (it.next().unwrap_or(1), it.next().unwrap_or(1));
                            assert!(
                                row <= usize::from(h) && column <= usize::from(w),
                                "{what}: a cursor move outside the window: {:?}",
                                show(i)
                            );
                            col = column - 1;
                        }
                        Some('m') => {}
                        Some('l' | 'h') if params == "?25" => {}
                        _ => panic!("{what}: an escape sequence no drawing needs: {:?}", show(i)),
                    }
                    i = j + 1;
                }
                Some(']') => {
                    let rest: String = chars[i..(i + 12).min(chars.len())].iter().collect();
                    assert!(
                        rest.starts_with("\x1b]8;;"),
                        "{what}: an OSC that is not a link: {:?}",
                        show(i)
                    );
                    let end = (i + 5..chars.len())
                        .find(|&j| chars[j] == '\x1b')
                        .unwrap_or_else(|| panic!("{what}: an OSC 8 without its end"));
                    assert_eq!(chars.get(end + 1), Some(&'\\'), "{what}: {:?}", show(i));
                    let url: String = chars[i + 5..end].iter().collect();
                    assert!(
                        url.is_empty() || url.starts_with("https://"),
                        "{what}: a link to {url:?}"
                    );
                    assert!(
                        !url.chars()
                            .any(|c| c.is_control() || bezwaar::text::forbidden_char(c)),
                        "{what}: a link with controls: {url:?}"
                    );
                    i = end + 2;
                }
                _ => panic!("{what}: a bare ESC: {:?}", show(i)),
            }
            continue;
        }
        assert!(
            !bezwaar::text::forbidden_char(c) && !c.is_control(),
            "{what}: U+{:04X} written raw: {:?}",
            c as u32,
            show(i)
        );
        col += c.width().unwrap_or(0);
        assert!(
            col <= usize::from(w),
            "{what}: text past the right edge: {:?}",
            show(i)
        );
        i += 1;
    }
}

/// Reads `bytes` as a terminal of `size` would show them: the header on the first row and
/// the footer on the last, where they belong (nothing scrolled the screen).
fn assert_layout_holds(bytes: &[u8], (w, h): (u16, u16), header: &str, what: &str) {
    // The footer: a key and its word, whatever keys the page has.
    let mut parser = vt100::Parser::new(
        std::num::NonZero::new(h).unwrap(),
        std::num::NonZero::new(w).unwrap(),
        0,
    );
    parser.process(bytes);
    let rows: Vec<String> = parser.screen().rows(0, w).collect();
    assert!(
        rows[0].contains(header),
        "{what}: header row is {:?}",
        rows[0]
    );
    let last = &rows[usize::from(h) - 1];
    assert!(
        last.split_whitespace().count() >= 2,
        "{what}: footer row is {last:?}"
    );
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn script_text_never_reaches_the_terminal_raw() {
    let script = Arc::new(hostile_script());
    for lang in [Lang::Nl, Lang::En] {
        for size in [(80, 24), (40, 12), (200, 60), (30, 8)] {
            for page in 0..script.pages.len() {
                let mut app = App::new(script.clone(), lang, time(common::BEFORE), size);
                app.update(Event::Key(KeyEvent::new(
                    KeyCode::Char(char::from_digit(page as u32 + 1, 10).unwrap()),
                    KeyModifiers::NONE,
                )));
                let what = format!("{lang:?} {size:?} page {}", page + 1);
                let bytes = frame_bytes(&app);
                assert_clean(&bytes, size, &what);
                if size.0 >= 40 && size.1 >= 12 {
                    let step = format!("{} {}", lang.pick("Stap", "Step"), page + 1);
                    assert_layout_holds(&bytes, size, &step, &what);
                    // Scrolled to the end of the page (this page: End would go to the last).
                    for _ in 0..200 {
                        key(&mut app, KeyCode::PageDown);
                    }
                    assert_eq!(app.walk().page_index(), page, "{what}");
                    assert_eq!(app.view().scroll(), app.max_scroll(), "{what}: at the end");
                    assert_clean(&frame_bytes(&app), size, &format!("{what}, scrolled"));
                }
            }
        }
    }
}

#[test]
fn the_link_panel_messages_and_help_are_clean_too() {
    let script = Arc::new(hostile_script());
    for size in [(80, 24), (44, 16), (200, 60)] {
        let mut app = App::new(script.clone(), Lang::En, time(common::AFTER), size);
        // The first item on page 1 is the platform choice; the links follow.
        for _ in 0..20 {
            key(&mut app, KeyCode::Tab);
            if matches!(app.walk().focus(), Some(bezwaar::app::Item::Link(_))) {
                break;
            }
        }
        // Enter shows more until the link is in sight, then opens it.
        for _ in 0..40 {
            key(&mut app, KeyCode::Enter);
            if app.walk().panel().is_some() {
                break;
            }
        }
        assert!(app.walk().panel().is_some(), "the link panel is open");
        let what = format!("panel {size:?}");
        assert_clean(&frame_bytes(&app), size, &what);
        // The browser failed. Its technical reason never reaches the screen (only plain
        // words do), so hostile text in it cannot either.
        app.update(Event::OpenFailed(bezwaar::links::OpenFailure::Failed));
        assert_clean(&frame_bytes(&app), size, &format!("{what}, open failed"));
        key(&mut app, KeyCode::Esc);
        for notice in [
            Notice::CannotSave(EVIL.to_owned()),
            Notice::SetAside {
                to: PathBuf::from(format!("/tmp/{EVIL}.corrupt")),
                why: EVIL.to_owned(),
            },
        ] {
            app.update(Event::Notice(notice));
            assert_clean(&frame_bytes(&app), size, &format!("{what}, notice"));
        }
        key(&mut app, KeyCode::Char('?'));
        assert_clean(&frame_bytes(&app), size, &format!("{what}, help"));
    }
}

#[test]
fn typed_text_never_reaches_the_terminal_raw() {
    let mut app = common::app(Lang::En, common::BEFORE, 80, 24);
    common::ch(&mut app, '4');
    // "Facebook", then on to the email field, which takes the keys at once.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Right);
    assert_eq!(app.walk().editing(), Some(bezwaar::app::Field::Email));
    for c in "a\x1b[2J\x07\u{9b}\u{202e}\u{2066}\0\x7f\u{85}\r\tb".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert_eq!(
        app.walk().email(),
        "a[2Jb",
        "the controls are dropped as they are typed"
    );
    // Far more than fits: the field keeps at most its limit and draws inside the window.
    for _ in 0..400 {
        key(&mut app, KeyCode::Char('語'));
    }
    assert!(app.walk().email().chars().count() <= bezwaar::app::MAX_EMAIL);
    let bytes = frame_bytes(&app);
    assert_clean(&bytes, (80, 24), "email field");
    assert_layout_holds(&bytes, (80, 24), &step(5), "email field");

    // The own reason: several lines, the same controls.
    let own = bezwaar::app::Item::Reason(bezwaar::app::Reason::Own);
    for _ in 0..10 {
        if app.walk().focus() == Some(own) {
            break;
        }
        key(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.walk().focus(), Some(own));
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.walk().editing(),
        Some(bezwaar::app::Field::Own),
        "the own-reason field opens"
    );
    for c in format!("x\x1b]0;t\x07\u{202e}y{}", "z".repeat(1200)).chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('\u{9b}'));
    assert!(
        !app.walk()
            .own_reason()
            .chars()
            .any(|c| c != '\n' && bezwaar::text::forbidden_char(c))
    );
    let bytes = frame_bytes(&app);
    assert_clean(&bytes, (80, 24), "own reason");
    assert_layout_holds(&bytes, (80, 24), &step(5), "own reason");
}

/// The same through the real binary: keys typed into a pseudo-terminal, and every byte it
/// writes back checked.
#[cfg(unix)]
#[test]
fn typed_controls_in_a_real_terminal_are_not_echoed() {
    let mut p = pty::spawn(
        &["--lang", "en", "--no-save", "--links", "show"],
        &[],
        80,
        24,
    );
    p.wait_for(&step(1));
    p.send("4");
    p.wait_for("▶ ( ) Facebook");
    p.send("\r\x1b[C");
    p.wait_for(&step(5));
    let start = p.bytes().len();
    // BEL (Ctrl-G), a C1 CSI, bidi override and isolate between letters; and a paste far
    // longer than an email address.
    p.send("a\x07\u{9b}b\u{202e}c\u{2066}d");
    p.wait_for("abcd");
    p.send(&"e".repeat(300));
    p.wait_for("eeeeeeeeee");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let typed = p.bytes()[start..].to_vec();
    assert_clean(&typed, (80, 24), "the binary's output while typing");
    let screen = p.screen();
    assert!(screen.contains(&step(5)), "{screen}");
    assert!(!screen.contains('\u{202e}'));
    // Tab leaves the field; then q asks and q again stops.
    p.send("\t");
    p.wait_for("q quit");
    p.send("q");
    p.wait_for("Stop?");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// The check above catches what it is there for (so a pass means something).
#[test]
fn the_check_catches_raw_controls() {
    let bad: [&[u8]; 9] = [
        b"\x1b[2J",
        b"a\x07b",
        "a\u{9b}2J".as_bytes(),
        "a\u{202e}b".as_bytes(),
        b"\x1b]0;title\x07",
        b"\x1b]8;;javascript:x\x1b\\",
        b"\x1bP+q\x1b\\",
        b"\x1b[1;81H",
        &[b'x'; 81],
    ];
    for bytes in bad {
        let caught = std::panic::catch_unwind(|| assert_clean(bytes, (80, 24), "self-test"));
        assert!(
            caught.is_err(),
            "{:?} passed",
            String::from_utf8_lossy(bytes)
        );
    }
    assert_clean(
        b"\x1b[1;1H\x1b[1mok\x1b[0m\x1b[?25l\x1b]8;;https://a.example\x1b\\a\x1b]8;;\x1b\\",
        (80, 24),
        "self-test",
    );
}

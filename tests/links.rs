//! Links that reach the person: the link panel (URL, QR code, copy), browser fallback, and the
//! exact bytes for OSC 8 hyperlinks and OSC 52 copies.

mod common;

use bezwaar::app::{App, Effect, Event};
use bezwaar::links::{self, Target};
use bezwaar::text::Lang;
use bezwaar::ui;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn on_login_page(lang: Lang, target: Target, w: u16, h: u16) -> App {
    let mut app = app(lang, AFTER, w, h).with_link_target(target);
    choose_both(&mut app);
    app
}

/// Reads the QR code back off the screen, module by module, and decodes it like a phone.
fn decode_qr_on_screen(app: &App) -> String {
    app.walk().panel().expect("the link panel is open");
    let (w, h) = app.view().size();
    let area = ratatui::layout::Rect::new(0, 0, w, h - 1);
    let (rect, qr) = ui::panel::layout(app.view(), app.walk(), area)
        .qr
        .expect("a QR code fits");
    let term = terminal(app);
    let buf = term.backend().buffer();
    // Each cell is '▀': the upper module is the foreground, the lower the background.
    let dark = |c: Color| match c {
        Color::Indexed(16) => true,
        Color::Indexed(231) => false,
        other => panic!("a QR cell in colour {other:?}"),
    };
    let size = qr.size;
    let mut modules = vec![false; size * (usize::from(rect.height) * 2)];
    for row in 0..usize::from(rect.height) {
        for x in 0..size {
            let cell = &buf[(rect.x + x as u16, rect.y + row as u16)];
            assert_eq!(cell.symbol(), "▀");
            modules[(2 * row) * size + x] = dark(cell.fg);
            modules[(2 * row + 1) * size + x] = dark(cell.bg);
        }
    }
    // Render at 4 pixels a module, as a camera would see it.
    const PX: usize = 4;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size * PX, size * PX, |x, y| {
        if modules[(y / PX) * size + x / PX] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on screen");
    grids[0].decode().expect("the code decodes").1
}

#[test]
fn the_qr_code_on_screen_decodes_to_the_exact_url() {
    for (lang, link, url) in [(Lang::Nl, 0, FACEBOOK), (Lang::En, 1, INSTAGRAM)] {
        let mut app = on_login_page(lang, Target::Show, 80, 24);
        if link == 1 {
            key(&mut app, KeyCode::Down);
        }
        assert_eq!(
            key(&mut app, KeyCode::Enter),
            vec![],
            "show mode starts nothing"
        );
        assert_eq!(decode_qr_on_screen(&app), url);
        // The URL is on screen in full as text, too.
        assert!(screen(&app).contains(url));
    }
}

#[test]
fn copy_puts_the_link_on_the_clipboard_and_says_so() {
    let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Of druk op c."));
    assert_eq!(ch(&mut app, 'c'), vec![Effect::Copy(FACEBOOK.into())]);
    let s = words(&app);
    assert!(
        s.contains("Link gekopieerd. Plak hem in je browser."),
        "{s}"
    );
    assert!(s.contains("Dan kan kopiëren in dit venster niet."), "{s}");

    let mut app = on_login_page(Lang::En, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'c');
    assert!(words(&app).contains("Link copied. Paste it into your browser."));
}

#[test]
fn the_panel_closes_with_esc_and_ctrl_c_still_quits() {
    for close in [KeyCode::Esc, KeyCode::Enter, KeyCode::Left] {
        let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
        key(&mut app, KeyCode::Enter);
        assert!(app.walk().panel().is_some());
        assert_eq!(
            key(&mut app, close),
            vec![],
            "{close:?} closes, does not quit"
        );
        assert!(app.walk().panel().is_none(), "{close:?}");
        assert_eq!(page_id(&app), "inloggen");
    }
    // q asks "stop?" over the panel, as on a page; its safe answer comes back to the panel.
    let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![]);
    assert!(screen(&app).contains("Stoppen?"), "{}", screen(&app));
    assert_eq!(key(&mut app, KeyCode::Enter), vec![]);
    assert!(app.walk().panel().is_some() && app.walk().dialog().is_none());
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(key(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.update(Event::Key(ctrl_c)), vec![Effect::Quit]);
}

#[test]
fn page_keys_do_nothing_while_the_panel_is_open() {
    let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    for k in [
        KeyCode::Right,
        KeyCode::Char('1'),
        KeyCode::End,
        KeyCode::Down,
    ] {
        assert_eq!(key(&mut app, k), vec![]);
    }
    assert_eq!(page_id(&app), "inloggen");
    assert!(app.walk().panel().is_some());
    let s = screen(&app);
    let footer = s.lines().last().unwrap();
    assert!(
        footer.contains("c link kopiëren") && footer.contains("Esc sluiten"),
        "{footer}"
    );
    assert!(!footer.contains("verder"), "{footer}");
}

#[test]
fn browser_mode_asks_for_the_browser_and_falls_back_to_the_panel() {
    let mut app = on_login_page(Lang::En, Target::Browser, 80, 24);
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenLink(FACEBOOK.into())]
    );
    assert!(app.walk().panel().is_none());
    app.update(Event::OpenFailed(bezwaar::links::OpenFailure::NoOpener));
    let s = words(&app);
    assert!(
        s.contains("No program that opens links was found on this computer. Use the QR code instead, or copy the link."),
        "plain words and what to do now, never an error code:\n{s}"
    );
    assert!(s.contains(FACEBOOK));
    assert_eq!(decode_qr_on_screen(&app), FACEBOOK);
}

#[test]
fn a_small_window_asks_for_room_instead_of_a_broken_code() {
    let mut app = on_login_page(Lang::Nl, Target::Show, 44, 16);
    // A long page shows the rest first, a window at a time; then Enter opens the link.
    for _ in 0..5 {
        if app.walk().panel().is_some() {
            break;
        }
        key(&mut app, KeyCode::Enter);
    }
    assert!(app.walk().panel().is_some());
    let s = screen(&app);
    assert!(
        words(&app).contains("Maak het venster groter om de QR-code te zien."),
        "{s}"
    );
    assert!(!s.contains('▀'), "no clipped code:\n{s}");
    // The URL is whole, over two rows.
    assert!(
        s.contains("https://www.facebook.com/help/contact/7128"),
        "{s}"
    );
}

#[test]
fn panel_snapshots() {
    for (w, h) in [(80, 24), (44, 16)] {
        for lang in [Lang::Nl, Lang::En, Lang::De] {
            let mut app = on_login_page(lang, Target::Show, w, h);
            while app.walk().panel().is_none() {
                key(&mut app, KeyCode::Enter);
            }
            insta::assert_snapshot!(format!("panel_{w}x{h}_{lang}"), terminal(&app).backend());
        }
    }
}

#[test]
fn hyperlink_bytes_are_exact_and_only_where_urls_show() {
    let mut app = on_login_page(Lang::Nl, Target::Show, 80, 24);
    // Both form links in sight (the page is longer than the window).
    key(&mut app, KeyCode::PageDown);
    let found = app.hyperlinks();
    assert_eq!(found.len(), 2, "{found:?}");
    let mut bytes = Vec::new();
    links::write_hyperlinks(&mut bytes, &found[..1]).unwrap();
    let (x, y) = (found[0].x, found[0].y);
    // Plain text first (the frame may have left colours set), move to the URL's place
    // (1-based), the theme's link blue (colour 63) + underline, the hyperlink, reset.
    let want = format!(
        "\x1b[0m\x1b[{};{}H\x1b[38;5;63m\x1b[4m\x1b]8;;{FACEBOOK}\x1b\\{FACEBOOK}\x1b]8;;\x1b\\\x1b[0m",
        y + 1,
        x + 1
    );
    assert_eq!(String::from_utf8(bytes).unwrap(), want);
    // The hyperlink sits exactly on the URL text drawn on screen.
    let row = screen(&app).lines().nth(usize::from(y)).unwrap().to_owned();
    assert_eq!(row[usize::from(x)..].split(' ').next(), Some(FACEBOOK));

    // In the panel, the URL there is the hyperlink.
    key(&mut app, KeyCode::Enter);
    let found = app.hyperlinks();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].url.as_str(), found[0].y), (FACEBOOK, 1));

    // A page without URLs writes none.
    let app = common::app(Lang::Nl, AFTER, 80, 24);
    let mut bytes = Vec::new();
    links::write_hyperlinks(&mut bytes, &app.hyperlinks()).unwrap();
    assert!(bytes.is_empty());
}

#[test]
fn copy_bytes_are_exact() {
    let mut bytes = Vec::new();
    links::write_copy(&mut bytes, FACEBOOK).unwrap();
    let b64 = "aHR0cHM6Ly93d3cuZmFjZWJvb2suY29tL2hlbHAvY29udGFjdC83MTI4NzY3MjA3MTU1ODM=";
    assert_eq!(bytes, format!("\x1b]52;c;{b64}\x1b\\").into_bytes());
}

#[test]
fn with_a_desktop_here_the_panels_enter_sends_the_link_to_this_screen() {
    let mut app = on_login_page(Lang::En, Target::Show, 80, 24).with_desktop(true);
    assert_eq!(key(&mut app, KeyCode::Enter), vec![], "the panel first");
    assert!(app.walk().panel().is_some());
    let s = words(&app);
    assert!(
        s.contains(
            "Press Enter to open the page on this computer’s screen, for the person sitting there."
        ),
        "{s}"
    );
    assert!(
        s.contains("Enter open on this screen"),
        "first in the footer: {s}"
    );
    // Enter: to this computer's screen, and only on that key.
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenOnDesktop(FACEBOOK.into())]
    );
    assert!(words(&app).contains("The page is opening on this computer’s screen"));
    // It failed: the panel says why, in plain words, and stays.
    app.update(Event::OpenFailed(
        bezwaar::links::OpenFailure::DesktopFailed,
    ));
    assert!(words(&app).contains("Opening on this computer’s screen did not work."));
    assert!(app.walk().panel().is_some());
    // Again, and it worked: the panel goes, the status says where the form is.
    key(&mut app, KeyCode::Enter);
    app.update(Event::OpenedOnDesktop);
    assert!(app.walk().panel().is_none());
    assert!(screen(&app).contains("The page is now open on this computer’s screen."));
    // Without a desktop, Enter in the panel only closes it.
    let mut app = on_login_page(Lang::En, Target::Show, 80, 24);
    key(&mut app, KeyCode::Enter);
    assert!(!words(&app).contains("this computer’s screen"));
    assert_eq!(key(&mut app, KeyCode::Enter), vec![]);
    assert!(app.walk().panel().is_none());
}

#[test]
fn links_desktop_opens_there_at_once_or_shows_the_panel_saying_why() {
    let mut app = on_login_page(Lang::Nl, Target::Desktop, 80, 24).with_desktop(true);
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        vec![Effect::OpenOnDesktop(FACEBOOK.into())]
    );
    assert!(app.walk().panel().is_none());
    let mut app = on_login_page(Lang::Nl, Target::Desktop, 80, 24);
    assert_eq!(key(&mut app, KeyCode::Enter), vec![]);
    assert!(app.walk().panel().is_some());
    assert!(words(&app).contains("Op deze computer is geen scherm gevonden"));
    assert_eq!(decode_qr_on_screen(&app), FACEBOOK);
}

#[test]
fn the_sources_sheet_says_where_each_address_is_drawn_to_link_it() {
    let mut app = app(Lang::Nl, AFTER, 80, 24);
    assert!(ui::sources::hyperlinks(app.view(), app.walk()).is_empty());
    ch(&mut app, 's');
    let found = ui::sources::hyperlinks(app.view(), app.walk());
    let lines: Vec<String> = screen(&app).lines().map(str::to_owned).collect();
    // Page 1's first source, Security.NL: its long address wraps, each piece links to all of it.
    let security = "https://www.security.nl/posting/885304/AP+bezorgd+over+%27AI-trainingsplannen%27+Meta%2C+roept+gebruikers+op+tot+actie";
    let pieces: Vec<&links::Hyperlink> = found.iter().filter(|h| h.url == security).collect();
    assert!(pieces.len() >= 2, "{found:?}");
    assert_eq!(
        pieces.iter().map(|h| h.text.as_str()).collect::<String>(),
        security
    );
    for h in &found {
        // Each is an address of the script's sources, drawn exactly where it is said to be.
        assert!(
            app.walk()
                .script()
                .sources
                .iter()
                .any(|s| s.url.as_ref().is_some_and(|u| *u == h.url.as_str())),
            "{h:?}"
        );
        let row: String = lines[usize::from(h.y)]
            .chars()
            .skip(usize::from(h.x))
            .collect();
        assert!(
            row.starts_with(&h.text),
            "{h:?} not at its place in {row:?}"
        );
    }
    // And those are what the runners write again as OSC 8 links while the sheet is open.
    assert_eq!(app.hyperlinks(), found);
}

//! One walk, several windows (issue 15): a single [`Walk`] drawn after every event into three
//! TestBackends through three [`View`]s of their own size and language: 80x24 in Dutch (the
//! person), 40x15 in English (a helper looking along on a small window), 200x60 in English (a
//! large one). Keys go to one window at a time, as `App::update` does it for one: the window
//! turns the key into actions, the walk takes them, and then EVERY window follows the walk.
//!
//! After every event each screen must be right on its own terms: the walk's page number and
//! title in the window's own language, the walk's focused item marked ▶ where that window's
//! own layout and scroll put it (or nowhere, when it is out of that window's sight), what was
//! typed, and on the large window everything in one centred column. And what belongs to one
//! window (its help, its scroll, its language, its size) never changes another: those screens
//! stay the same to the last cell.

mod common;

use std::sync::Arc;

use bezwaar::script::{self, Block, Script};
use bezwaar::text::Lang;
use bezwaar::ui::{self, View};
use bezwaar::walk::{Effect, Item, Picked, Reason, Walk};
use common::{BEFORE, FACEBOOK, step, time};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The person's window, the helper's small one, a large one.
const PERSON: usize = 0;
const HELPER: usize = 1;
const LARGE: usize = 2;

struct Window {
    name: &'static str,
    view: View,
    term: Terminal<TestBackend>,
}

/// One walk in several windows.
struct Windows {
    walk: Walk,
    windows: Vec<Window>,
    /// What happened so far, for the messages.
    log: Vec<String>,
}

impl Windows {
    fn new(sizes: &[(&'static str, Lang, u16, u16)]) -> Windows {
        let script = Arc::new(script::embedded().expect("the shipped script is valid"));
        let walk = Walk::new(script, time(BEFORE));
        let windows = sizes
            .iter()
            .map(|&(name, lang, w, h)| {
                let mut view = View::new(lang, (w, h));
                view.follow(&walk);
                Window {
                    name,
                    view,
                    term: Terminal::new(TestBackend::new(w, h)).unwrap(),
                }
            })
            .collect();
        let mut all = Windows {
            walk,
            windows,
            log: vec![],
        };
        all.check("the start");
        all
    }

    fn script(&self) -> &Script {
        self.walk.script()
    }

    /// A key pressed in window `who`; then every window follows and is checked.
    fn press(&mut self, who: usize, code: KeyCode) -> Vec<Effect> {
        let modifiers = if matches!(code, KeyCode::Char(c) if c.is_uppercase()) {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        let actions = self.windows[who]
            .view
            .key(&self.walk, KeyEvent::new(code, modifiers));
        let mut effects = vec![];
        for action in actions {
            effects.extend(self.walk.update(action));
        }
        for w in &mut self.windows {
            w.view.follow(&self.walk);
        }
        let what = format!("{code:?} in {}", self.windows[who].name);
        self.check(&what);
        effects
    }

    fn type_text(&mut self, who: usize, text: &str) {
        for c in text.chars() {
            assert_eq!(self.press(who, KeyCode::Char(c)), vec![]);
        }
    }

    /// Window `who` gets a new size.
    fn resize(&mut self, who: usize, w: u16, h: u16) {
        self.windows[who].view.resize(w, h);
        self.windows[who].term.backend_mut().resize(w, h);
        for win in &mut self.windows {
            win.view.follow(&self.walk);
        }
        let what = format!("{} resized to {w}x{h}", self.windows[who].name);
        self.check(&what);
    }

    /// Like [`press`](Self::press), for a key that belongs to window `who` alone: every other
    /// window's screen stays exactly as it was, and so does the walk.
    fn press_own(&mut self, who: usize, code: KeyCode) {
        let before = self.screens();
        let (page, focus) = (self.walk.page_index(), self.walk.focus());
        assert_eq!(self.press(who, code), vec![]);
        assert_eq!(
            (self.walk.page_index(), self.walk.focus()),
            (page, focus),
            "{code:?} in {} changed the walk",
            self.windows[who].name
        );
        self.others_unchanged(who, &before);
    }

    fn others_unchanged(&self, who: usize, before: &[String]) {
        let after = self.screens();
        for (i, w) in self.windows.iter().enumerate() {
            if i != who {
                assert_eq!(
                    after[i], before[i],
                    "{} changed what {} shows: it leaked",
                    self.windows[who].name, w.name
                );
            }
        }
    }

    fn screens(&self) -> Vec<String> {
        self.windows.iter().map(|w| text_of(&w.term)).collect()
    }

    fn screen(&self, who: usize) -> String {
        text_of(&self.windows[who].term)
    }

    /// Draws every window and checks each screen against the walk and its own view.
    fn check(&mut self, what: &str) {
        self.log.push(what.to_owned());
        let walk = &self.walk;
        for w in &mut self.windows {
            let view = &w.view;
            w.term
                .draw(|f| {
                    view.draw(walk, f);
                })
                .unwrap();
        }
        for w in &self.windows {
            if let Err(e) = check_window(walk, w) {
                let recent = &self.log[self.log.len().saturating_sub(6)..];
                panic!(
                    "after {what} (the last events: {}):\n{e}\n{} shows:\n{}",
                    recent.join(", "),
                    w.name,
                    text_of(&w.term)
                );
            }
        }
    }

    /// The words on window `who`'s screen, the scrollbar left out, one space between.
    fn words(&self, who: usize) -> String {
        self.screen(who)
            .replace(['█', '│'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The row of window `who` that holds ▶ (trimmed), if one does.
    fn marked(&self, who: usize) -> Option<String> {
        self.screen(who)
            .lines()
            .find(|l| l.contains('▶'))
            .map(|l| l.trim().to_owned())
    }

    /// The focused item reads `nl` or `en` in every window that shows it, in that window's
    /// language; the large window always shows it.
    fn focus_reads(&self, nl: &str, en: &str) {
        for (i, w) in self.windows.iter().enumerate() {
            let want = if w.view.lang() == Lang::Nl { nl } else { en };
            match self.marked(i) {
                Some(line) => assert!(
                    line.starts_with(&format!("▶ {want}")),
                    "{}: the focus reads {line:?}, not {want:?}",
                    w.name
                ),
                None => assert!(i != LARGE, "{}: no ▶ in\n{}", w.name, self.screen(i)),
            }
        }
    }
}

/// Every cell of a screen as text, a line per row, trailing spaces cut.
fn text_of(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What must hold for one window after every event.
fn check_window(walk: &Walk, w: &Window) -> Result<(), String> {
    let view = &w.view;
    let lang = view.lang();
    let (width, height) = view.size();
    let buf = w.term.backend().buffer();
    if (buf.area.width, buf.area.height) != (width, height) {
        return Err(format!(
            "the screen is {}x{}, the window {width}x{height}",
            buf.area.width, buf.area.height
        ));
    }
    let screen = text_of(&w.term);
    let rows: Vec<&str> = screen.lines().collect();
    let areas = ui::areas((width, height)).ok_or("too small for this test")?;

    // The walk's page, in this window's words, unless the panel or this window's help
    // covers the top rows (as it does on a small window).
    let n = walk.page_index() + 1;
    let total = walk.script().pages.len();
    let step_of = |l: Lang| match l {
        Lang::Nl => format!("Stap {n} van "),
        Lang::De => format!("Schritt {n} von "),
        _ => format!("Step {n} of "),
    };
    let step = format!("{}{total}", step_of(lang));
    for other in other_languages(lang).map(step_of) {
        if screen.contains(&other) {
            return Err(format!("{other:?} is another language"));
        }
    }
    let header = rows[usize::from(areas.header.y)];
    let sheet_on_top = header.trim_start().starts_with('┌');
    if walk.panel().is_none() && !sheet_on_top {
        if !header.contains(&step) {
            return Err(format!("the header should say {step:?}: {header:?}"));
        }
        // In the stepper the current page has its title, in this language.
        let title = walk.page().title.get(lang);
        let stepper = rows[usize::from(areas.stepper.y)];
        if !format!("{stepper} ").contains(&format!(" {n} {title} ")) {
            return Err(format!(
                "the stepper should hold \"{n} {title}\": {stepper:?}"
            ));
        }
        for other in other_languages(lang) {
            let other_title = walk.page().title.get(other);
            if title != other_title && stepper.contains(other_title) {
                return Err(format!("the stepper is in another language: {stepper:?}"));
            }
        }
    }
    // This window's help, in its language; never another window's.
    let keys_of = |l: Lang| match l {
        Lang::Nl => "┌ Toetsen ",
        Lang::De => "┌ Tasten ",
        _ => "┌ Keys ",
    };
    let keys = keys_of(lang);
    let help = view.help_scroll().is_some();
    if help != screen.contains(keys) || other_languages(lang).any(|l| screen.contains(keys_of(l))) {
        return Err(format!(
            "the help should {}show, as {keys:?}",
            if help { "" } else { "not " }
        ));
    }

    // On a window wider than the column, everything is in one centred column.
    let column = ui::MAX_WIDTH.min(width);
    let left = (width - column) / 2;
    for y in 0..height {
        for x in (0..left).chain(left + column..width) {
            if buf[(x, y)].symbol() != " " {
                return Err(format!("({x}, {y}) is outside the centred column"));
            }
        }
    }

    // The focus: where this window's own layout and scroll put it, and only there.
    let covered = walk.panel().is_some() || walk.dialog().is_some() || view.sheet().is_some();
    let marks = screen.matches('▶').count();
    let body = view.body(walk);
    if !covered {
        let top = usize::from(areas.body.y);
        let shown = view.scroll()..view.scroll() + usize::from(areas.body.height);
        match walk.focus().and_then(|f| body.rows_of(f)) {
            Some((line, _)) if shown.contains(&line) => {
                let row = rows[top + line - view.scroll()];
                if marks != 1 || !row.contains('▶') {
                    return Err(format!(
                        "{:?} is on row {}, which should hold the only ▶: {row:?}",
                        walk.focus(),
                        top + line - view.scroll()
                    ));
                }
            }
            _ if marks != 0 => {
                return Err(format!(
                    "{:?} is out of sight here (scroll {}), yet ▶ shows",
                    walk.focus(),
                    view.scroll()
                ));
            }
            _ => {}
        }
        // What was typed shows with the field, whenever the field is in sight.
        let email = walk.email();
        if let Some((line, _)) = body.rows_of(Item::Email)
            && shown.contains(&line)
            && !email.is_empty()
        {
            let row = rows[top + line - view.scroll()];
            if !row.contains(&email) {
                return Err(format!("the field's row should show {email:?}: {row:?}"));
            }
        }
    }
    Ok(())
}

/// The shipped script's other languages.
fn other_languages(lang: Lang) -> impl Iterator<Item = Lang> {
    [Lang::Nl, Lang::En, Lang::De]
        .into_iter()
        .filter(move |l| *l != lang)
}

fn reason(script: &Script, page: usize, i: usize, lang: Lang) -> String {
    script.pages[page]
        .body
        .iter()
        .find_map(|b| match b {
            Block::Reasons(rs) => Some(rs[i].get(lang).to_owned()),
            _ => None,
        })
        .expect("the page has reasons")
}

#[test]
fn one_walk_drawn_into_three_windows_after_every_event() {
    let mut all = Windows::new(&[
        ("the person's 80x24 Dutch window", Lang::Nl, 80, 24),
        ("the helper's 40x15 English window", Lang::En, 40, 15),
        ("the large 200x60 English window", Lang::En, 200, 60),
    ]);
    all.focus_reads("Verder naar stap 2", "Go on to step 2");
    // Page 1 is longer than the helper's window: its "go on" is out of sight there, so
    // the helper's Enter only shows more, of the helper's own window.
    assert!(all.marked(HELPER).is_none());
    all.press_own(HELPER, KeyCode::Enter);
    assert!(all.windows[HELPER].view.scroll() > 0);

    // The person goes on (after reading the rest of page 1 in their own window, if it
    // is longer): every window shows page 2, the helper's from its top.
    for _ in 0..5 {
        if all.walk.page_index() == 1 {
            break;
        }
        all.press(PERSON, KeyCode::Enter);
    }
    assert_eq!(all.walk.page_index(), 1);
    assert_eq!(all.windows[HELPER].view.scroll(), 0);
    all.focus_reads("Verder naar stap 3", "Go on to step 3");

    // The helper scrolls their own window; nobody else's moves.
    all.press_own(HELPER, KeyCode::PageDown);
    all.press(PERSON, KeyCode::Right);
    assert_eq!(all.walk.page_index(), 2);

    // The helper opens the help: only on the helper's screen.
    all.press_own(HELPER, KeyCode::Char('?'));
    assert!(all.windows[HELPER].view.help_scroll().is_some());
    // The person goes on to "log in" while the helper reads the help: the helper's help
    // stays open, over the page the walk is on now.
    all.press(PERSON, KeyCode::Enter);
    assert_eq!(all.walk.page_index(), 3);
    assert!(all.screen(HELPER).contains("┌ Keys "));
    all.focus_reads("( ) Facebook", "( ) Facebook");

    // Down twice in the person's window, "Both" chosen with Enter in the large one.
    all.press(PERSON, KeyCode::Down);
    all.press(PERSON, KeyCode::Down);
    all.focus_reads("( ) Allebei", "( ) Both");
    assert_eq!(all.press(LARGE, KeyCode::Enter), vec![]);
    assert_eq!(all.walk.picked(), Some(Picked::All));
    all.focus_reads("Open het Facebook-formulier", "Open the Facebook form");
    for i in [PERSON, LARGE] {
        let s = all.screen(i);
        assert!(s.contains("(•) Allebei") || s.contains("(•) Both"), "{s}");
    }

    // The helper closes the help and sees the same page and focus as everyone.
    all.press_own(HELPER, KeyCode::Esc);
    assert!(all.screen(HELPER).contains(&step(4)));

    // The link panel belongs to the walk: it opens in every window, in its language.
    assert_eq!(all.press(PERSON, KeyCode::Enter), vec![]);
    assert!(all.walk.panel().is_some());
    for (i, scan) in [(PERSON, "Scan de QR-code"), (LARGE, "Scan the QR code")] {
        let s = all.screen(i);
        assert!(s.contains(FACEBOOK) && s.contains(scan), "{s}");
    }
    // The helper copies the link: the copy is the link, and every window says it was copied.
    assert_eq!(
        all.press(HELPER, KeyCode::Char('c')),
        vec![Effect::Copy(FACEBOOK.to_owned())]
    );
    assert!(all.walk.panel().is_some_and(|p| p.copied));
    // Esc in the person's window closes it everywhere; the focus moved on to Instagram.
    all.press(PERSON, KeyCode::Esc);
    assert!(all.walk.panel().is_none());
    all.focus_reads("Open het Instagram-formulier", "Open the Instagram form");

    // The helper switches their window to German, then to Dutch: nobody else's changes.
    all.press_own(HELPER, KeyCode::Char('L'));
    assert_eq!(all.windows[HELPER].view.lang(), Lang::De);
    all.press_own(HELPER, KeyCode::Char('L'));
    assert_eq!(all.windows[HELPER].view.lang(), Lang::Nl);
    all.focus_reads("Open het Instagram-formulier", "Open the Instagram form");

    // On to "fill in": the email field, typed into from three windows in turn.
    all.press(PERSON, KeyCode::Right);
    assert_eq!(all.walk.page_index(), 4);
    assert_eq!(all.walk.focus(), Some(Item::Email));
    all.type_text(PERSON, "oma@");
    all.type_text(HELPER, "example");
    all.type_text(LARGE, ".nl");
    assert_eq!(all.walk.email(), "oma@example.nl");
    for i in 0..3 {
        assert!(
            all.screen(i).contains("▶ oma@example.nl"),
            "{}",
            all.screen(i)
        );
    }
    // Enter: done typing; the copy button has focus, and copies what was typed.
    all.press(PERSON, KeyCode::Enter);
    assert_eq!(
        all.press(HELPER, KeyCode::Enter),
        vec![Effect::Copy("oma@example.nl".to_owned())]
    );
    assert!(matches!(
        all.walk.focus(),
        Some(Item::Reason(Reason::Ready(0)))
    ));
    // A ready reason not picked yet copies nothing; chosen in the person's window, it copies
    // in the language of the window it was copied from.
    let script = all.script().clone();
    assert_eq!(all.press(HELPER, KeyCode::Char('c')), vec![]);
    all.press(PERSON, KeyCode::Enter);
    assert_eq!(all.walk.reason(), Some(Reason::Ready(0)));
    // Back up to it (past no reason, own words, the other two).
    for _ in 0..5 {
        all.press(PERSON, KeyCode::Up);
    }
    assert_eq!(all.walk.focus(), Some(Item::Reason(Reason::Ready(0))));
    for (i, lang) in [(HELPER, Lang::Nl), (LARGE, Lang::En)] {
        assert_eq!(
            all.press(i, KeyCode::Char('c')),
            vec![Effect::Copy(reason(&script, 4, 0, lang))]
        );
    }
    // The copy button under it copies in the language of the window whose Enter pressed it.
    all.press(PERSON, KeyCode::Enter);
    all.focus_reads("Kopieer je reden", "Copy your reason");
    assert_eq!(
        all.press(LARGE, KeyCode::Enter),
        vec![Effect::Copy(reason(&script, 4, 0, Lang::En))]
    );
    all.focus_reads("Verder naar stap 6", "Go on to step 6");

    // "Send": yes, Facebook was sent, from the large window (↓ to yes, Enter), then the
    // question "stop?" from the person's, answered with its safe answer by the helper.
    all.press(PERSON, KeyCode::Enter);
    assert_eq!(all.walk.page_index(), 5);
    all.press(LARGE, KeyCode::Down);
    all.press(LARGE, KeyCode::Enter);
    assert!(all.walk.yes_at(0).is_some());
    for i in 0..3 {
        let s = all.words(i);
        assert!(
            s.contains("(•) Ja, verstuurd op 20 mei 2025 om 09:56")
                || s.contains("(•) Yes, sent on 20 May 2025 at 09:56"),
            "{s}"
        );
    }
    all.press(PERSON, KeyCode::Char('q'));
    for (i, question) in [(PERSON, "Stoppen?"), (HELPER, "Stoppen?"), (LARGE, "Stop?")] {
        assert!(all.screen(i).contains(question), "{}", all.screen(i));
    }
    assert_eq!(all.press(HELPER, KeyCode::Esc), vec![]);
    assert!(all.walk.dialog().is_none() && !all.walk.should_quit());

    // The large window becomes smaller: only its screen changes.
    let before = all.screens();
    all.resize(LARGE, 100, 30);
    all.others_unchanged(LARGE, &before);
    assert_eq!(all.screen(LARGE).lines().count(), 30);

    // Instagram said sent from the person's window, then on to the end.
    all.focus_reads("(•) Nog niet", "(•) Not yet");
    all.press(PERSON, KeyCode::Down);
    all.press(PERSON, KeyCode::Enter);
    assert!(all.walk.yes_at(1).is_some());
    for _ in 0..5 {
        if all.walk.page_index() == 6 {
            break;
        }
        all.press(PERSON, KeyCode::Enter);
    }
    assert_eq!(all.walk.page_index(), 6);
    // What was sent, in each window's words; the helper scrolls their own window to it.
    for _ in 0..4 {
        if all.words(HELPER).contains("Instagram: verstuurd op") {
            break;
        }
        all.press_own(HELPER, KeyCode::PageDown);
    }
    for (i, sent) in [
        (PERSON, "Instagram: verstuurd op 20 mei 2025 om 09:56"),
        (HELPER, "Instagram: verstuurd op 20 mei 2025 om 09:56"),
        (LARGE, "Instagram: sent on 20 May 2025 at 09:56"),
    ] {
        assert!(all.words(i).contains(sent), "{}", all.screen(i));
    }
    // Each window kept its own language to the end.
    let langs: Vec<Lang> = all.windows.iter().map(|w| w.view.lang()).collect();
    assert_eq!(langs, [Lang::Nl, Lang::Nl, Lang::En]);
}

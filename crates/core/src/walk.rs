//! The walkthrough itself: which page, what has focus, what the person chose, typed and
//! sent, and the questions and the link panel that belong to the walk.
//!
//! [`Walk::update`] is pure: it takes an [`Action`] and returns the side effects the runner
//! must carry out as [`Effect`] values. No terminal, clock, files or processes, and no window:
//! the walk knows nothing of sizes, scrolling, the language or the colours. Those belong to a
//! view (`ui::View`, plain mode, the handout), and one walk can be shown in several views at
//! once, each at its own size and in its own language.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

mod line;

pub use line::{Edit, Line};

use crate::deadline::Countdown;
use crate::links::{OpenFailure, Target};
use crate::progress::{Notice, Progress, SavedReason, Sent, VERSION};
use crate::script::{Block, Condition, LinkRef, Page, Script, Text};
use crate::text::{Keeping, Lang, forbidden_char, sanitize};

/// Longest email address the field takes (RFC 5321's limit).
pub const MAX_EMAIL: usize = 254;
/// Longest own reason the field takes, in characters.
pub const MAX_REASON: usize = 1000;

/// What a view (or plain mode, or a test) asks the walk to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Next,
    Back,
    /// Go to page n (from 0), if it is part of this person's walk.
    GoTo(usize),
    First,
    Last,
    /// Focus this item, if the page shows it.
    Focus(Item),
    /// Tab and Shift-Tab: the next or previous item, round the page.
    FocusNext,
    FocusPrev,
    /// Enter: act on the focused item; on a field, done typing (on to the next item).
    Activate,
    /// Focus this item and act on it (a click, or its number in plain mode).
    Pick(Item),
    /// An edit of the field that has focus: a character typed, or the cursor moved.
    Edit(Edit),
    /// A whole line for the field that has focus (plain mode), in place of what it held;
    /// each character is checked as if typed.
    SetText(String),
    /// Copy the focused text (a ready reason in this language), or the panel's link.
    Copy(Lang),
    /// q: ask "stop?"; in that question, stop.
    Quit,
    /// Ctrl-C: stop now.
    Interrupt,
    /// Esc: close the panel or the question (with its safe answer); leave a field.
    Close,
    /// Welcome back: start over (asks first).
    StartOver,
    /// The time is now this.
    Tick(DateTime<Utc>),
    /// The runner could not open a link.
    OpenFailed(OpenFailure),
    /// The link went to this computer's own screen.
    OpenedOnDesktop,
    /// Something about saved progress the person should know.
    Notice(Notice),
}

/// A side effect for the runner to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this URL in a browser on this machine.
    OpenLink(String),
    /// Open this URL on the screen of this computer, in the desktop session of this user
    /// that the runner found (over SSH: for the person sitting there).
    OpenOnDesktop(String),
    /// Put this text on the person's clipboard (OSC 52).
    Copy(String),
    /// The person started over: keep the saved progress aside (never delete it).
    StartOver,
    /// Go to the walkthrough with this id (the person chose it, or took the offer at the end
    /// of this one): this walk's progress is saved, that one's picked up.
    Switch(String),
    /// Leave the walkthrough.
    Quit,
}

/// Another walkthrough this walk leads to: in a chooser, one per walkthrough; at the end of
/// one, the next.
#[derive(Debug, Clone)]
pub struct Offer {
    /// The walkthrough's id.
    pub id: String,
    /// Its title: the button's words.
    pub title: Text,
    /// The question over the button ("Do you also use …?"), if any.
    pub question: Option<Text>,
}

/// The link panel: one link shown in full, with a QR code and a copy key, for when no
/// browser can open on this machine (SSH, no desktop) or the browser failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The page and the link on it (in page order).
    pub page: usize,
    pub link: usize,
    /// Why the browser did not open, when it was tried.
    pub failure: Option<OpenFailure>,
    /// The link was copied to the clipboard.
    pub copied: bool,
}

/// What the person answered at the script's [`Block::Choose`]: which of its choices apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Only this one (an index into the script's choices).
    One(usize),
    All,
    Nothing,
}

/// The reason the person picked for the form's optional reason box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Ready-made reason n of the page's list.
    Ready(usize),
    /// Their own words.
    Own,
    NoReason,
}

/// Something on a page that takes focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Link n of the page (counted over all its links, shown or not).
    Link(usize),
    Choose(Picked),
    Email,
    Reason(Reason),
    /// The button under a field that copies what is typed in it.
    Copy(Field),
    /// An answer to the [`Block::Ask`] of choice n ("did you send it?"): `false` is "not yet",
    /// the safe answer, marked until the person says yes; `true` is "yes".
    Sent(usize, bool),
    /// A button back to page n (from 0), such as "back to the forms" on the last page.
    Back(usize),
    /// The button at the end of a page: on to the next step.
    Next,
    /// On the last page, the button to another walkthrough: offer n.
    Offer(usize),
}

impl Item {
    /// Items that belong together (the answers of one question): an answer moves focus
    /// past the whole group. `None`: an item on its own.
    fn group(self) -> Option<(u8, usize)> {
        match self {
            Item::Choose(_) => Some((1, 0)),
            Item::Reason(_) => Some((2, 0)),
            Item::Sent(i, _) => Some((3, i)),
            _ => None,
        }
    }
}

/// A text field the person can type in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Own,
}

/// A question with two answers. Answer 0 is the safe one: Enter takes it until the person
/// moves to the other, and Esc always does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Welcome back: go on where you were, or start over.
    Welcome,
    /// Really start over?
    StartOver,
    /// Stop?
    Quit,
    /// Take the yes of choice n away?
    Untick(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialog {
    pub question: Question,
    pub answers: Answers,
}

/// A key for a question with two answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// Take the marked answer.
    Enter,
    /// Take the safe answer, whatever is marked.
    Esc,
    /// Mark the other answer.
    Move,
}

/// The one rule of every question with two answers, the walk's and look-along's consent
/// alike: answer 0 is the safe one (go on, keep, no). A question opens with it marked, so
/// Enter takes it until the person moves the mark on purpose; Esc always takes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    marked: usize,
}

impl Answers {
    /// The safe answer's number.
    pub const SAFE: usize = 0;

    /// The answer that is marked now: [`Answers::SAFE`] or 1.
    pub fn marked(self) -> usize {
        self.marked
    }

    /// A key: `Some(answer)` when it answers the question, `None` when it only moved the mark.
    pub fn press(&mut self, press: Press) -> Option<usize> {
        match press {
            Press::Enter => Some(self.marked),
            Press::Esc => Some(Self::SAFE),
            Press::Move => {
                self.marked = 1 - self.marked;
                None
            }
        }
    }
}

/// A one-line message under the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Opening,
    /// The link is on its way to this computer's own screen.
    OpeningOnDesktop,
    /// The link is open on this computer's own screen.
    OnDesktop,
    OpenFailed(OpenFailure),
    /// Text went to the clipboard: what it was.
    Copied(Field),
    /// Nothing to copy here.
    NothingToCopy,
    /// The person said "not yet" for a form: nothing is marked sent.
    NotSentYet,
    Notice(Notice),
}

#[derive(Debug, Clone)]
pub struct Walk {
    script: Arc<Script>,
    page: usize,
    focus: Option<Item>,
    now: DateTime<Utc>,
    status: Option<Status>,
    quit: bool,
    target: Target,
    /// Whether the person's progress outlives a quit (the local runner saves it).
    keeping: Keeping,
    /// A desktop session of this user was found on this computer: the link panel offers to
    /// open the link there.
    desktop: bool,
    panel: Option<Panel>,
    /// The link last sent to the browser, to show in the panel if that fails.
    opened: Option<(usize, usize)>,
    picked: Option<Picked>,
    /// Per choice of the script: when the person said yes at its [`Block::Ask`].
    sent: Vec<Option<DateTime<Utc>>>,
    /// Held in memory only: never saved, never logged.
    email: Line,
    own: Line,
    reason: Option<Reason>,
    dialog: Option<Dialog>,
    /// Where the last page leads on: other walkthroughs.
    offers: Vec<Offer>,
    /// This state's number, new after every change (see [`Walk::revision`]).
    revision: u64,
}

/// Numbers for the states of every walk in this process, so no two states share one.
static REVISIONS: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    REVISIONS.fetch_add(1, Ordering::Relaxed)
}

impl Walk {
    /// A walkthrough at its first page.
    pub fn new(script: Arc<Script>, now: DateTime<Utc>) -> Walk {
        let choices = script.choices.len();
        let mut walk = Walk {
            script,
            page: 0,
            focus: None,
            now,
            status: None,
            quit: false,
            target: Target::Show,
            keeping: Keeping::Off,
            desktop: false,
            panel: None,
            opened: None,
            picked: None,
            sent: vec![None; choices],
            email: Line::default(),
            own: Line::default(),
            reason: None,
            dialog: None,
            offers: Vec::new(),
            revision: next_revision(),
        };
        walk.go_to(0);
        walk
    }

    /// Another walkthrough, fresh, seen through the same runner: links go where they go
    /// here, a desktop found here is there too, progress is kept as it is kept here.
    pub fn sibling(&self, script: Arc<Script>) -> Walk {
        let mut walk = Walk::new(script, self.now)
            .with_link_target(self.target)
            .with_desktop(self.desktop);
        walk.keeping = self.keeping;
        walk
    }

    /// What the last page offers next: other walkthroughs, as buttons.
    pub fn with_offers(mut self, offers: Vec<Offer>) -> Walk {
        self.revision = next_revision();
        self.offers = offers;
        let page = self.page;
        self.go_to(page);
        self
    }

    /// The walkthroughs the last page offers.
    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    /// A number for what the walk shows now: it changes with every action (and every builder
    /// below), and no other walk in this process ever has it. A view that laid this walk out
    /// keeps its layout while the number stays the same.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Where links go on Enter. A new walk shows them in the link panel and never asks for
    /// a browser: the local runner opts in when a browser can open.
    pub fn with_link_target(mut self, target: Target) -> Walk {
        self.revision = next_revision();
        self.target = target;
        self
    }

    /// Whether progress outlives a quit (the "stop?" question says so, or says it does not).
    pub fn with_kept_progress(mut self, kept: bool) -> Walk {
        self.revision = next_revision();
        self.keeping = if kept { Keeping::Kept } else { Keeping::Off };
        self
    }

    /// Whether a desktop session of this user is there to open links on (the runner looked).
    pub fn with_desktop(mut self, found: bool) -> Walk {
        self.revision = next_revision();
        self.desktop = found;
        self
    }

    /// Picks up saved progress: the page, what was picked, what was sent, the reason.
    /// Asks "welcome back" first, with a way to start over.
    pub fn resume(mut self, saved: &Progress) -> Walk {
        self.revision = next_revision();
        let choice = |id: &str| self.script.choices.iter().position(|p| p.id.as_str() == id);
        self.picked = match saved.picked.as_deref() {
            Some("all") => Some(Picked::All),
            Some("none") => Some(Picked::Nothing),
            Some(id) => choice(id).map(Picked::One),
            None => None,
        };
        self.set_sent(&saved.sent);
        match &saved.reason {
            Some(SavedReason::Ready(i)) => self.reason = Some(Reason::Ready(*i)),
            Some(SavedReason::Own(text)) => {
                self.reason = Some(Reason::Own);
                // One paragraph: line breaks from an older bezwaar become spaces.
                let line: String = text.split('\n').collect::<Vec<_>>().join(" ");
                self.own = Line::new(&line);
            }
            Some(SavedReason::NoReason) => self.reason = Some(Reason::NoReason),
            None => {}
        }
        let page = self
            .script
            .pages
            .iter()
            .position(|p| p.id.as_str() == saved.page)
            .filter(|&i| self.reachable(i))
            .unwrap_or(0);
        self.go_to(page);
        self.dialog = Some(Dialog {
            question: Question::Welcome,
            answers: Answers::default(),
        });
        self
    }

    /// The "sent" records as saved progress holds them, in place of this walk's own: another
    /// copy of bezwaar on the same file recorded or removed one (see `progress::merge`).
    /// Records of choices this script does not have are left out.
    pub fn take_sent(&mut self, sent: &[Sent]) {
        self.revision = next_revision();
        self.set_sent(sent);
    }

    fn set_sent(&mut self, sent: &[Sent]) {
        let script = &self.script;
        for (i, slot) in self.sent.iter_mut().enumerate() {
            let id = script.choices[i].id.as_str();
            *slot = sent.iter().find(|s| s.choice == id).map(|s| s.at);
        }
    }

    /// What is worth keeping between runs. Never the email address.
    pub fn progress(&self) -> Progress {
        let id = |i: usize| self.script.choices[i].id.as_str().to_owned();
        Progress {
            version: VERSION,
            page: self.page().id.as_str().to_owned(),
            picked: self.picked.map(|c| match c {
                Picked::One(i) => id(i),
                Picked::All => "all".to_owned(),
                Picked::Nothing => "none".to_owned(),
            }),
            sent: (0..self.sent.len())
                .filter_map(|i| self.sent[i].map(|at| Sent { choice: id(i), at }))
                .collect(),
            reason: self.reason.map(|r| match r {
                Reason::Ready(i) => SavedReason::Ready(i),
                Reason::Own => SavedReason::Own(self.own_reason()),
                Reason::NoReason => SavedReason::NoReason,
            }),
            walkthrough: None,
        }
    }

    pub fn script(&self) -> &Script {
        &self.script
    }
    pub fn script_arc(&self) -> &Arc<Script> {
        &self.script
    }
    pub fn link_target(&self) -> Target {
        self.target
    }
    /// Whether progress outlives a quit, as far as the walk knows: a failed save says so.
    pub fn keeps_progress(&self) -> Keeping {
        self.keeping
    }
    /// The link panel can open its link on this computer's own screen.
    pub fn desktop(&self) -> bool {
        self.desktop
    }
    /// The current page, counted from 0.
    pub fn page_index(&self) -> usize {
        self.page
    }
    pub fn page(&self) -> &Page {
        &self.script.pages[self.page]
    }
    pub fn focus(&self) -> Option<Item> {
        self.focus
    }
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    /// The countdown to the script's deadline; `None` for a script without one.
    pub fn countdown(&self) -> Option<Countdown> {
        self.script.deadline.map(|d| Countdown::at(self.now, d))
    }

    /// Whether the script's deadline has passed (never, without one).
    pub fn past(&self) -> bool {
        self.countdown().is_some_and(Countdown::is_past)
    }
    pub fn picked(&self) -> Option<Picked> {
        self.picked
    }
    pub fn reason(&self) -> Option<Reason> {
        self.reason
    }
    /// The link panel, when it is open.
    pub fn panel(&self) -> Option<&Panel> {
        self.panel.as_ref()
    }
    /// The question on screen, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }
    /// "Welcome back" (or its "are you sure?") is open.
    pub fn welcoming(&self) -> bool {
        matches!(
            self.dialog.map(|d| d.question),
            Some(Question::Welcome | Question::StartOver)
        )
    }
    /// What the person typed as their email address.
    pub fn email(&self) -> String {
        self.email.text().to_owned()
    }
    /// The person's own reason, as typed.
    pub fn own_reason(&self) -> String {
        self.own.text().to_owned()
    }
    /// Where the cursor is in a field, in characters from its start.
    pub fn cursor(&self, field: Field) -> usize {
        match field {
            Field::Email => self.email.cursor(),
            Field::Own => self.own.cursor(),
        }
    }

    /// The same walk with nothing focused: how a page reads without a cursor (plain mode).
    pub fn unfocused(&self) -> Walk {
        Walk {
            focus: None,
            ..self.clone()
        }
    }

    /// The field that takes typing now: the focused item, when it is a field. No other mode:
    /// a focused field takes every printable key as text.
    pub fn editing(&self) -> Option<Field> {
        if self.dialog.is_some() || self.panel.is_some() {
            return None;
        }
        match self.focus? {
            Item::Email => Some(Field::Email),
            Item::Reason(Reason::Own) if self.reason == Some(Reason::Own) => Some(Field::Own),
            _ => None,
        }
    }

    /// When the person said yes at the [`Block::Ask`] for choice `i`.
    pub fn sent_at(&self, i: usize) -> Option<DateTime<Utc>> {
        self.sent.get(i).copied().flatten()
    }

    /// Whether the person picked choice `i`. Before they choose, every choice counts, so
    /// nothing is hidden from someone who skips the question.
    pub fn uses(&self, i: usize) -> bool {
        match self.picked {
            None | Some(Picked::All) => true,
            Some(Picked::One(j)) => i == j,
            Some(Picked::Nothing) => false,
        }
    }

    /// The choices the later pages are about, as indexes.
    pub fn chosen(&self) -> Vec<usize> {
        (0..self.script.choices.len())
            .filter(|&i| self.uses(i))
            .collect()
    }

    /// Whether a condition of the script holds for this person now.
    pub fn holds(&self, when: &Condition) -> bool {
        let n = self.script.choices.len();
        match when {
            Condition::Before => !self.past(),
            Condition::After => self.past(),
            Condition::Chose(id) => self
                .script
                .choices
                .iter()
                .position(|p| p.id.as_str() == id.as_str())
                .is_some_and(|i| self.uses(i)),
            Condition::ChoseAll => {
                self.picked == Some(Picked::All) || (n == 1 && self.picked == Some(Picked::One(0)))
            }
            Condition::ChoseNone => self.picked == Some(Picked::Nothing),
            Condition::ChoseAny => self.picked != Some(Picked::Nothing),
            Condition::Not(c) => !self.holds(c),
        }
    }

    /// Whether a link shows: its conditions hold.
    pub fn shows(&self, link: &LinkRef<'_>) -> bool {
        link.when.iter().all(|c| self.holds(c))
    }

    /// The blocks of the current page this person sees, out of their conditions, each with
    /// the number of the page's links before it (a link's own index among them). Every view
    /// draws these, in this order.
    pub fn blocks(&self) -> Vec<(usize, &Block)> {
        let mut out = Vec::new();
        let mut links = 0;
        for block in &self.page().body {
            let (block, when) = block.unwrap();
            if when.iter().all(|c| self.holds(c)) {
                out.push((links, block));
            }
            if matches!(block, Block::Link { .. }) {
                links += 1;
            }
        }
        out
    }

    /// Whether page `i` is part of this person's walk: a page whose `when` does not hold is
    /// skipped.
    pub fn reachable(&self, i: usize) -> bool {
        self.script
            .pages
            .get(i)
            .is_some_and(|p| p.when.as_ref().is_none_or(|c| self.holds(c)))
    }

    /// The next page of this person's walk, if there is one.
    pub fn next_page(&self) -> Option<usize> {
        (self.page + 1..self.script.pages.len()).find(|&i| self.reachable(i))
    }

    pub fn previous_page(&self) -> Option<usize> {
        (0..self.page).rev().find(|&i| self.reachable(i))
    }

    fn last_reachable(&self) -> usize {
        (0..self.script.pages.len())
            .rev()
            .find(|&i| self.reachable(i))
            .unwrap_or(0)
    }

    /// When the page next looks different with nothing pressed: the countdown's next change,
    /// while it shows. `None`: nothing changes by itself, the runner may sleep until a key.
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        let deadline = self.script.deadline?;
        self.wants_tick()
            .then(|| Countdown::next_change(self.now, deadline))
    }

    /// Whether the screen changes with the clock: a countdown is on the page.
    pub fn wants_tick(&self) -> bool {
        self.blocks()
            .iter()
            .any(|(_, b)| matches!(b, Block::Countdown))
    }

    /// The first page with a link for a choice the person uses (where "back to it" goes).
    pub fn forms_page(&self) -> Option<usize> {
        self.script.pages.iter().position(|p| {
            p.links()
                .any(|l| l.when.iter().any(|c| matches!(c, Condition::Chose(_))) && self.shows(&l))
        })
    }

    /// The first choice the person picked that is not answered yes, if any.
    pub fn unsent(&self) -> Option<usize> {
        self.chosen()
            .into_iter()
            .find(|&i| self.sent_at(i).is_none())
    }

    /// The links of the current page that show, in order.
    pub fn links(&self) -> Vec<LinkRef<'_>> {
        self.page().links().filter(|l| self.shows(l)).collect()
    }

    /// Everything on the current page that takes focus, top to bottom. Every view lays out
    /// exactly these, in this order.
    pub fn items(&self) -> Vec<Item> {
        let mut out = Vec::new();
        for (link, block) in self.blocks() {
            match block {
                Block::Link { .. } => out.push(Item::Link(link)),
                Block::Choose { all, .. } => {
                    let n = self.script.choices.len();
                    out.extend((0..n).map(|i| Item::Choose(Picked::One(i))));
                    if all.is_some() {
                        out.push(Item::Choose(Picked::All));
                    }
                    out.push(Item::Choose(Picked::Nothing));
                }
                Block::EmailField => {
                    out.push(Item::Email);
                    if !self.email().trim().is_empty() {
                        out.push(Item::Copy(Field::Email));
                    }
                }
                Block::Reasons(list) => {
                    out.extend((0..list.len()).map(|i| Item::Reason(Reason::Ready(i))));
                    out.push(Item::Reason(Reason::Own));
                    out.push(Item::Reason(Reason::NoReason));
                    if self.has_reason_text() {
                        out.push(Item::Copy(Field::Own));
                    }
                }
                Block::Ask { .. } => {
                    for i in self.chosen() {
                        out.extend([Item::Sent(i, false), Item::Sent(i, true)]);
                    }
                }
                Block::Summary { .. } => {
                    if let Some(page) = self.forms_page().filter(|_| self.unsent().is_some()) {
                        out.push(Item::Back(page));
                    }
                }
                _ => {}
            }
        }
        if self.next_page().is_some() {
            out.push(Item::Next);
        } else {
            out.extend((0..self.offers.len()).map(Item::Offer));
        }
        out
    }

    /// Ready-made reason `i` of this page, in `lang`.
    pub fn ready_reason(&self, i: usize, lang: Lang) -> Option<String> {
        self.page().body.iter().find_map(|b| match b.unwrap().0 {
            Block::Reasons(list) => list.get(i).map(|t| t.get(lang).to_owned()),
            _ => None,
        })
    }

    /// Whether the picked reason has words to copy (in any language).
    pub fn has_reason_text(&self) -> bool {
        match self.reason {
            Some(Reason::Ready(_)) => true,
            Some(Reason::Own) => !self.own_reason().trim().is_empty(),
            Some(Reason::NoReason) | None => false,
        }
    }

    /// The reason the person picked, as it goes into the form, in `lang`; `None` for no
    /// reason or own words not written yet.
    pub fn reason_text(&self, lang: Lang) -> Option<String> {
        match self.reason? {
            Reason::Ready(i) => self.ready_reason(i, lang),
            Reason::Own => Some(self.own_reason()).filter(|t| !t.trim().is_empty()),
            Reason::NoReason => None,
        }
    }

    /// The text `c` would copy now, in `lang`: the email address, the reason in focus or the
    /// one picked.
    pub fn copy_text(&self, lang: Lang) -> Option<(Field, String)> {
        let email = || Some((Field::Email, self.email())).filter(|(_, t)| !t.trim().is_empty());
        match self.focus? {
            Item::Email | Item::Copy(Field::Email) => email(),
            // A reason is copied once it is the one picked, never one only passed over.
            Item::Reason(r @ Reason::Ready(i)) if self.reason == Some(r) => {
                self.ready_reason(i, lang).map(|t| (Field::Own, t))
            }
            Item::Reason(Reason::Own) if self.reason == Some(Reason::Own) => {
                Some((Field::Own, self.own_reason())).filter(|(_, t)| !t.trim().is_empty())
            }
            Item::Copy(Field::Own) => self.reason_text(lang).map(|t| (Field::Own, t)),
            _ => None,
        }
    }

    /// The words of "take the yes away?": the page's question's `undo`, made safe to show.
    pub fn untick_words(&self, lang: Lang) -> String {
        self.page()
            .ask_words()
            .map_or(String::new(), |w| sanitize(w.undo.get(lang)))
    }

    /// The URL of link `link` (in page order) on page `page`, made safe to show.
    pub fn link_url(&self, page: usize, link: usize) -> Option<String> {
        let url = self.script.pages.get(page)?.links().nth(link)?.url;
        Some(sanitize(url))
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if let Action::Tick(now) = action {
            // A tick that changes no word on any screen keeps the revision, so a view keeps
            // its layout (the runners tick before every frame).
            let shows = |w: &Walk| {
                (
                    w.countdown().map(Countdown::shown),
                    w.script.is_stale(w.now),
                )
            };
            let before = shows(self);
            self.now = now;
            if shows(self) != before {
                self.revision = next_revision();
            }
            return vec![];
        }
        self.revision = next_revision();
        match action {
            Action::Interrupt => return self.stop(),
            Action::Notice(notice) => {
                if matches!(notice, Notice::CannotSave(_)) && self.keeping == Keeping::Kept {
                    self.keeping = Keeping::Failed;
                }
                self.status = Some(Status::Notice(notice));
                return vec![];
            }
            Action::OpenFailed(failure) => {
                self.open_failed(failure);
                return vec![];
            }
            Action::OpenedOnDesktop => {
                self.panel = None;
                self.status = Some(Status::OnDesktop);
                return vec![];
            }
            _ => {}
        }
        if self.dialog.is_some() {
            return self.answer(action);
        }
        if self.panel.is_some() {
            return self.panel_action(action);
        }
        match action {
            Action::Next => {
                if let Some(n) = self.next_page() {
                    self.go_to(n);
                }
            }
            Action::Back => {
                if let Some(n) = self.previous_page() {
                    self.go_to(n);
                }
            }
            Action::GoTo(n) => {
                if self.reachable(n) {
                    self.go_to(n);
                }
            }
            Action::First => self.go_to(0),
            Action::Last => {
                let last = self.last_reachable();
                self.go_to(last);
            }
            Action::Focus(item) => {
                if self.items().contains(&item) {
                    self.focus = Some(item);
                }
            }
            Action::FocusNext => self.step_focus(1),
            Action::FocusPrev => self.step_focus(-1),
            Action::Activate => {
                if let Some(item) = self.focus {
                    return self.act_on(item);
                }
                match (self.next_page(), self.offers.first()) {
                    (Some(n), _) => self.go_to(n),
                    // The end: on to the walkthrough offered next, if there is one.
                    (None, Some(offer)) => return vec![Effect::Switch(offer.id.clone())],
                    // Else Enter offers to stop, and the question's Enter goes on.
                    (None, None) => self.ask(Question::Quit),
                }
            }
            Action::Pick(item) => {
                if self.items().contains(&item) {
                    // Choosing a field's item again (plain mode) is a fresh start in it.
                    self.focus = Some(item);
                    if self.editing().is_none() {
                        return self.act_on(item);
                    }
                }
            }
            Action::Edit(edit) => self.edit(edit),
            Action::SetText(text) => {
                let Some(field) = self.editing() else {
                    return vec![];
                };
                *self.area(field) = Line::default();
                for c in text.chars() {
                    self.edit(Edit::Insert(c));
                }
            }
            Action::Copy(lang) => {
                let effects = self.copy(lang);
                // The copy button did its work: on to what comes next.
                if matches!(self.focus, Some(Item::Copy(_))) {
                    self.focus_after(self.focus);
                }
                return effects;
            }
            Action::Quit => self.ask(Question::Quit),
            Action::Close => {
                if self.editing().is_some() {
                    self.focus_after(self.focus);
                }
            }
            Action::StartOver
            | Action::Interrupt
            | Action::Tick(_)
            | Action::Notice(_)
            | Action::OpenFailed(_)
            | Action::OpenedOnDesktop => {}
        }
        vec![]
    }

    fn stop(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    fn ask(&mut self, question: Question) {
        self.dialog = Some(Dialog {
            question,
            answers: Answers::default(),
        });
    }

    /// An action while a question is open: move between the two answers, take one.
    fn answer(&mut self, action: Action) -> Vec<Effect> {
        let Some(mut dialog) = self.dialog else {
            return vec![];
        };
        let press = match action {
            Action::FocusNext | Action::FocusPrev => Press::Move,
            Action::Activate => Press::Enter,
            Action::Close => Press::Esc,
            // The question's own key for its other answer: q q stops, n starts over.
            Action::Quit if dialog.question == Question::Quit => return self.take(dialog, 1),
            Action::StartOver if dialog.question == Question::Welcome => {
                return self.take(dialog, 1);
            }
            _ => return vec![],
        };
        match dialog.answers.press(press) {
            Some(take) => self.take(dialog, take),
            None => {
                self.dialog = Some(dialog);
                vec![]
            }
        }
    }

    /// Answer `take` of the question `dialog`.
    fn take(&mut self, dialog: Dialog, take: usize) -> Vec<Effect> {
        self.dialog = None;
        match (dialog.question, take) {
            (Question::Welcome, 0) => {
                let page = self.page;
                self.go_to(page);
            }
            (Question::Welcome, _) => self.ask(Question::StartOver),
            (Question::StartOver, 0) => self.ask(Question::Welcome),
            (Question::StartOver, _) => {
                let mut fresh = self.sibling(self.script.clone());
                fresh.offers = std::mem::take(&mut self.offers);
                *self = fresh;
                return vec![Effect::StartOver];
            }
            (Question::Quit, 0) => {}
            (Question::Quit, _) => return self.stop(),
            (Question::Untick(_), 0) => {}
            (Question::Untick(i), _) => {
                if let Some(slot) = self.sent.get_mut(i) {
                    *slot = None;
                }
            }
        }
        vec![]
    }

    fn panel_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(panel) = &mut self.panel else {
            return vec![];
        };
        let url = self.script.pages[panel.page]
            .links()
            .nth(panel.link)
            .map(|l| l.url.to_owned());
        match action {
            Action::Copy(_) => {
                panel.copied = true;
                url.map(Effect::Copy).into_iter().collect()
            }
            // With a desktop here, Enter sends the link to this computer's screen (the
            // panel stays until it is there, or says why not); otherwise it closes.
            Action::Activate if self.desktop => {
                panel.failure = None;
                self.status = Some(Status::OpeningOnDesktop);
                url.map(Effect::OpenOnDesktop).into_iter().collect()
            }
            Action::Close | Action::Activate => {
                self.panel = None;
                vec![]
            }
            // "Stop?" over the panel: the safe answer comes back to it.
            Action::Quit => {
                self.ask(Question::Quit);
                vec![]
            }
            _ => vec![],
        }
    }

    fn open_failed(&mut self, failure: OpenFailure) {
        // The browser did not come: show the link here instead, with the reason.
        if let Some(panel) = &mut self.panel {
            panel.failure = Some(failure);
            self.status = None;
            return;
        }
        self.status = None;
        match self.opened.take() {
            Some((page, link)) if page == self.page => {
                self.status = None;
                self.panel = Some(Panel {
                    page,
                    link,
                    failure: Some(failure),
                    copied: false,
                });
            }
            _ => self.status = Some(Status::OpenFailed(failure)),
        }
    }

    fn area(&mut self, field: Field) -> &mut Line {
        match field {
            Field::Email => &mut self.email,
            Field::Own => &mut self.own,
        }
    }

    /// An edit of the focused field. Characters are text (never control characters, and up
    /// to the field's limit). In an empty email field ← and → turn the page, so arrow keys
    /// are never stuck.
    fn edit(&mut self, edit: Edit) {
        let Some(field) = self.editing() else { return };
        self.status = None;
        let max = match field {
            Field::Email => MAX_EMAIL,
            Field::Own => MAX_REASON,
        };
        match edit {
            Edit::Left | Edit::Right if field == Field::Email && self.email.is_empty() => {
                let to = if edit == Edit::Right {
                    self.next_page()
                } else {
                    self.previous_page()
                };
                if let Some(n) = to {
                    self.go_to(n);
                }
            }
            Edit::Insert(c) if forbidden_char(c) => {}
            edit => self.area(field).apply(edit, max),
        }
    }

    fn copy(&mut self, lang: Lang) -> Vec<Effect> {
        match self.copy_text(lang) {
            Some((field, text)) => {
                self.status = Some(Status::Copied(field));
                vec![Effect::Copy(sanitize(&text))]
            }
            None => {
                self.status = Some(Status::NothingToCopy);
                vec![]
            }
        }
    }

    /// Enter on `item`: open a link, pick an answer, finish typing, copy, tick a box, go on.
    /// After it, focus moves on to what comes next, so the next Enter goes forward, never
    /// back to the same thing.
    fn act_on(&mut self, item: Item) -> Vec<Effect> {
        self.focus = Some(item);
        let mut effects = vec![];
        match item {
            Item::Link(i) => {
                effects = self.open(i);
                self.focus_after(Some(item));
            }
            Item::Choose(picked) => {
                self.picked = Some(picked);
                self.focus_after(Some(item));
            }
            Item::Email => self.focus_after(Some(item)),
            Item::Reason(Reason::Own) if self.reason == Some(Reason::Own) => {
                self.focus_after(Some(item));
            }
            Item::Reason(reason) => {
                self.reason = Some(reason);
                // Their own words: the field opens under it, ready for typing.
                if reason != Reason::Own {
                    self.focus_after(Some(item));
                }
            }
            // A copy takes the language of whoever pressed it: it arrives as Action::Copy.
            Item::Copy(_) => {}
            // "Yes": only this answer, chosen on purpose, records the form as sent.
            Item::Sent(i, true) => {
                if let Some(slot @ None) = self.sent.get_mut(i) {
                    *slot = Some(self.now);
                }
                // A "not yet" said before is no longer true.
                if self.status == Some(Status::NotSentYet) {
                    self.status = None;
                }
                self.focus_after(Some(item));
            }
            // "Not yet" when the form was marked sent: take that back only if they are sure.
            Item::Sent(i, false) if self.sent_at(i).is_some() => self.ask(Question::Untick(i)),
            Item::Sent(_, false) => {
                self.status = Some(Status::NotSentYet);
                self.focus_after(Some(item));
            }
            Item::Back(page) => {
                if self.reachable(page) {
                    self.go_to(page);
                }
            }
            Item::Next => {
                if let Some(n) = self.next_page() {
                    self.go_to(n);
                }
            }
            Item::Offer(i) => {
                if let Some(offer) = self.offers.get(i) {
                    return vec![Effect::Switch(offer.id.clone())];
                }
            }
        }
        effects
    }

    /// Moves focus to the first item after `item` and its group (the other answers of a
    /// question); stays when nothing comes after.
    fn focus_after(&mut self, item: Option<Item>) {
        let Some(item) = item else { return };
        let items = self.items();
        let Some(at) = items.iter().position(|&i| i == item) else {
            return;
        };
        let group = item.group();
        let next = items[at + 1..]
            .iter()
            .find(|i| group.is_none() || i.group() != group)
            .copied();
        if let Some(next) = next {
            self.focus = Some(next);
        }
    }

    /// Sends link `i` where links go: the browser, or the link panel.
    fn open(&mut self, i: usize) -> Vec<Effect> {
        let Some(url) = self.page().links().nth(i).map(|l| l.url.to_owned()) else {
            return vec![];
        };
        match self.target {
            Target::Browser => {
                self.status = Some(Status::Opening);
                self.opened = Some((self.page, i));
                vec![Effect::OpenLink(url)]
            }
            Target::Desktop if self.desktop => {
                self.status = Some(Status::OpeningOnDesktop);
                self.opened = Some((self.page, i));
                vec![Effect::OpenOnDesktop(url)]
            }
            Target::Show | Target::Desktop => {
                self.status = None;
                self.panel = Some(Panel {
                    page: self.page,
                    link: i,
                    // `--links desktop` without a desktop: the panel says why.
                    failure: (self.target == Target::Desktop).then_some(OpenFailure::NoDesktop),
                    copied: false,
                });
                vec![]
            }
        }
    }

    fn go_to(&mut self, page: usize) {
        self.page = page;
        if !matches!(self.status, Some(Status::Notice(_))) || page != 0 {
            self.status = None;
        }
        self.panel = None;
        let items = self.items();
        // Start on the first thing to do: past a choice already made, on the first item;
        // never on a button back (Enter on arrival goes forward, or ends).
        let forward = items
            .iter()
            .copied()
            .filter(|i| !matches!(i, Item::Back(_)));
        self.focus = if self.picked.is_some() {
            let mut rest = forward.clone().filter(|i| !matches!(i, Item::Choose(_)));
            rest.next().or(forward.clone().next())
        } else {
            forward.clone().next()
        };
    }

    /// Tab: the next or previous item, round the page.
    fn step_focus(&mut self, delta: isize) {
        let items = self.items();
        let n = items.len() as isize;
        if n == 0 {
            return;
        }
        let at = self.focus.and_then(|f| items.iter().position(|&i| i == f));
        let j = match at {
            None if delta > 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + delta).rem_euclid(n),
        };
        self.focus = Some(items[j as usize]);
    }
}

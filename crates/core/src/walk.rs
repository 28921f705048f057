//! The walkthrough itself: which page, what has focus, what the person chose, typed and
//! sent, and the questions and the link panel that belong to the walk.
//!
//! [`Walk::update`] is pure: it takes an [`Action`] and returns the side effects the runner
//! must carry out as [`Effect`] values. No terminal, clock, files or processes, and no window:
//! the walk knows nothing of sizes, scrolling, the language or the colours. Those belong to a
//! view (`ui::View`, plain mode, the handout), and one walk can be shown in several views at
//! once, each at its own size and in its own language.
//!
//! Here: the actions, effects and items, and the walk's state with its builders and getters.
//! `seen.rs` is what this person sees (conditions, pages, blocks, items); `update.rs` what an
//! action does; `question.rs` the two-answer questions; `fields.rs` the two fields, the
//! reasons and copying; `panel.rs` where a link goes and the link panel; `saved.rs` the walk
//! to and from saved progress; `line.rs` a field's line buffer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

mod fields;
mod line;
mod panel;
mod question;
mod saved;
mod seen;
mod update;

pub use fields::{MAX_EMAIL, MAX_REASON};
pub use line::{Edit, Line};
pub use panel::Panel;
pub use question::{Answers, Dialog, Press, Question};

use crate::deadline::Countdown;
use crate::links::{OpenFailure, Target};
use crate::progress::Notice;
use crate::script::{Page, Script, Text};
use crate::text::{Keeping, Lang};

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

/// What the person answered at the script's [`Block::Choose`](crate::script::Block::Choose): which of its choices apply.
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
    /// An answer to the [`Block::Ask`](crate::script::Block::Ask) of choice n ("did you send it?"): `false` is "not yet",
    /// the safe answer, marked until the person says yes; `true` is "yes".
    Answer(usize, bool),
    /// A button back to page n (from 0), such as "back to the forms" on the last page.
    Back(usize),
    /// The button at the end of a page: on to the next step.
    Next,
    /// On the last page, the button to another walkthrough: offer n.
    Offer(usize),
}

/// A text field the person can type in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Own,
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
    /// The person gave an `Ask` its safe answer ("not yet"): nothing is recorded.
    NotYet,
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
    /// What the runner told it about where it runs.
    setup: Setup,
    panel: Option<Panel>,
    /// The link last sent to the browser, to show in the panel if that fails.
    opened: Option<(usize, usize)>,
    picked: Option<Picked>,
    /// Per choice of the script: when the person said yes at its [`Block::Ask`](crate::script::Block::Ask).
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

/// What a runner tells a walk about where it runs: the walk's decisions that depend on it
/// (where Enter on a link goes, what "stop?" may promise) read it here, and a walk that
/// follows another (starting over, the next walkthrough) takes it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setup {
    /// Where links go on Enter.
    pub links: Target,
    /// A desktop session of this user was found on this computer: the link panel offers to
    /// open the link there.
    pub desktop: bool,
    /// Whether the person's progress outlives a quit (the local runner saves it).
    pub keeping: Keeping,
}

impl Default for Setup {
    /// A new walk shows links in the link panel, knows no desktop and keeps nothing.
    fn default() -> Setup {
        Setup {
            links: Target::Show,
            desktop: false,
            keeping: Keeping::Off,
        }
    }
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
            setup: Setup::default(),
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
        Walk::new(script, self.now).with_setup(self.setup)
    }

    /// Seen through a runner that `setup` describes.
    pub fn with_setup(mut self, setup: Setup) -> Walk {
        self.revision = next_revision();
        self.setup = setup;
        self
    }

    /// What the runner told it about where it runs.
    pub fn setup(&self) -> Setup {
        self.setup
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
        self.setup.links = target;
        self
    }

    /// Whether progress outlives a quit (the "stop?" question says so, or says it does not).
    pub fn with_kept_progress(mut self, kept: bool) -> Walk {
        self.revision = next_revision();
        self.setup.keeping = if kept { Keeping::Kept } else { Keeping::Off };
        self
    }

    /// Whether a desktop session of this user is there to open links on (the runner looked).
    pub fn with_desktop(mut self, found: bool) -> Walk {
        self.revision = next_revision();
        self.setup.desktop = found;
        self
    }

    pub fn script(&self) -> &Script {
        &self.script
    }
    pub fn script_arc(&self) -> &Arc<Script> {
        &self.script
    }
    pub fn link_target(&self) -> Target {
        self.setup.links
    }
    /// Whether progress outlives a quit, as far as the walk knows: a failed save says so.
    pub fn keeps_progress(&self) -> Keeping {
        self.setup.keeping
    }
    /// The link panel can open its link on this computer's own screen.
    pub fn desktop(&self) -> bool {
        self.setup.desktop
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

    /// The same walk with nothing focused: how a page reads without a cursor (plain mode).
    pub fn unfocused(&self) -> Walk {
        Walk {
            focus: None,
            ..self.clone()
        }
    }

    /// When the person said yes at the [`Block::Ask`](crate::script::Block::Ask) for choice `i`.
    pub fn yes_at(&self, i: usize) -> Option<DateTime<Utc>> {
        self.sent.get(i).copied().flatten()
    }
}

//! The walk's questions with two answers ("welcome back", "start over?", "stop?", "take the
//! yes away?") and [`Answers`], the one rule of every such question, which look-along's
//! consent box uses too.

use crate::text::{Lang, sanitize};

use super::{Action, Effect, Walk};

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
    TakeBack(usize),
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

impl Walk {
    /// "Welcome back" (or its "are you sure?") is open.
    pub fn welcoming(&self) -> bool {
        matches!(
            self.dialog.map(|d| d.question),
            Some(Question::Welcome | Question::StartOver)
        )
    }

    /// The words of "take the yes away?": the page's question's `undo`, made safe to show.
    pub fn untick_words(&self, lang: Lang) -> String {
        self.page()
            .ask_words()
            .map_or(String::new(), |w| sanitize(w.undo.get(lang)))
    }

    pub(super) fn ask(&mut self, question: Question) {
        self.dialog = Some(Dialog {
            question,
            answers: Answers::default(),
        });
    }

    /// An action while a question is open: move between the two answers, take one.
    pub(super) fn answer(&mut self, action: Action) -> Vec<Effect> {
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
            (Question::TakeBack(_), 0) => {}
            (Question::TakeBack(i), _) => {
                if let Some(slot) = self.sent.get_mut(i) {
                    *slot = None;
                }
            }
        }
        vec![]
    }
}

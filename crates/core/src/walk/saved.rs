//! The walk and saved progress: picking it up ([`Walk::resume`]), taking another copy's
//! "sent" records, and what is worth keeping between runs ([`Walk::progress`]). Never the
//! email address.

use crate::progress::{Progress, SavedReason, Sent, VERSION};

use super::{Answers, Dialog, Line, Picked, Question, Reason, Walk, next_revision};

impl Walk {
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
}

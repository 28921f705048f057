//! The walk's two fields (the email address and the person's own reason), the reason they
//! picked, and copying what they typed or picked. The fields are [`Line`]s changed by
//! [`Edit`]s; the view turns keys into edits.

use crate::script::Block;
use crate::text::{Lang, forbidden_char, sanitize};

use super::{Edit, Effect, Field, Item, Line, Reason, Status, Walk};

/// Longest email address the field takes (RFC 5321's limit).
pub const MAX_EMAIL: usize = 254;
/// Longest own reason the field takes, in characters.
pub const MAX_REASON: usize = 1000;

impl Walk {
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

    pub(super) fn area(&mut self, field: Field) -> &mut Line {
        match field {
            Field::Email => &mut self.email,
            Field::Own => &mut self.own,
        }
    }

    /// An edit of the focused field. Characters are text (never control characters, and up
    /// to the field's limit). In an empty email field ← and → turn the page, so arrow keys
    /// are never stuck.
    pub(super) fn edit(&mut self, edit: Edit) {
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

    pub(super) fn copy(&mut self, lang: Lang) -> Vec<Effect> {
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
}

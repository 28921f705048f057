//! What this person sees: whether a condition holds for them ([`Walk::holds`]), which pages
//! are on their way, the page's blocks as every view draws them ([`Walk::blocks`]) and the
//! items on it that take focus ([`Walk::items`], the walk's one match over block kinds).

use chrono::{DateTime, Utc};

use crate::deadline::Countdown;
use crate::script::{Block, Condition, LinkRef};

use super::{Field, Item, Picked, Reason, Walk};

impl Walk {
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

    pub(super) fn last_reachable(&self) -> usize {
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
            .find(|&i| self.yes_at(i).is_none())
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
                        out.extend([Item::Answer(i, false), Item::Answer(i, true)]);
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
}

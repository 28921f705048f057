//! Conditions as data: `If(condition, block)` shows any block only when the condition holds,
//! and a page's `when:` shows the whole page only then. What holds is the walk's to say
//! ([`crate::walk::Walk::holds`]); here is what a condition is, how a block is taken out of
//! its conditions, and what `check` says of them.

use serde::Deserialize;

use super::check::{Checker, Loc, clip};
use super::{Block, Str};

/// When a block (or a page) shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// Before the script's deadline.
    Before,
    /// Once the script's deadline has passed.
    After,
    /// The person chose this choice (by id), or all, or has not answered yet: nothing is
    /// hidden from someone who skips the question.
    Chose(Str),
    /// The person chose every choice (with one choice: that one).
    ChoseAll,
    /// The person chose none.
    ChoseNone,
    /// The person chose at least one, or has not answered yet.
    ChoseAny,
    /// The condition does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// Whether this condition is about the deadline (and so needs the script to have one).
    fn about_deadline(&self) -> bool {
        match self {
            Condition::Before | Condition::After => true,
            Condition::Not(c) => c.about_deadline(),
            _ => false,
        }
    }

    /// The choice id this condition names, if it names one.
    fn choice(&self) -> Option<&Str> {
        match self {
            Condition::Chose(id) => Some(id),
            Condition::Not(c) => c.choice(),
            _ => None,
        }
    }

    /// Whether this condition is about the person's choice.
    pub fn about_choice(&self) -> bool {
        match self {
            Condition::Before | Condition::After => false,
            Condition::Not(c) => c.about_choice(),
            _ => true,
        }
    }
}

impl super::Script {
    /// The words of the answer "none" at the script's [`Block::Choose`].
    pub fn none_answer(&self) -> Option<&super::Text> {
        self.pages
            .iter()
            .flat_map(|p| &p.body)
            .find_map(|b| match b.unwrap().0 {
                Block::Choose { none, .. } => Some(none),
                _ => None,
            })
    }
}

impl Block {
    /// The block under its conditions, with the conditions, outermost first: a block without
    /// any is itself, with none.
    pub fn unwrap(&self) -> (&Block, Vec<&Condition>) {
        let mut block = self;
        let mut when = Vec::new();
        while let Block::If(c, inner) = block {
            when.push(c);
            block = inner;
        }
        (block, when)
    }
}

impl Checker<'_> {
    /// A condition: the choice it names is one of the script's, a deadline condition has a
    /// deadline to compare with, a choice condition has choices to compare with.
    pub(super) fn condition(
        &mut self,
        c: &Condition,
        what: &str,
        near: Option<Loc>,
        choices: &[super::Choice],
        has_deadline: bool,
    ) {
        if let Some(id) = c.choice()
            && !choices.iter().any(|k| k.id.as_str() == id.as_str())
        {
            self.push(
                self.at(id).or(near),
                format!(
                    "{what} is for choice \"{}\", which the script's choices do not list",
                    clip(id.as_str())
                ),
            );
        }
        if c.about_deadline() && !has_deadline {
            self.push(
                near,
                format!(
                    "{what} (Before or After) needs the script's deadline: add deadline: \"…\" \
                     (RFC 3339, such as 2025-05-27T00:00:00+02:00) or leave the condition out"
                ),
            );
        }
        if c.about_choice() && choices.is_empty() {
            self.push(near, format!("{what} needs the script's choices list"));
        }
    }
}

//! The walkthroughs one run offers: every built-in one (`data/*.ron`), or the one a
//! `--script` names. With more than one, the walk starts at a chooser (a page of its own, one
//! button per walkthrough, Enter on the first), and the last page of each offers the next one
//! not yet opened in this sitting. Every runner opens walkthroughs through here.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::script::{self, Block, Page, Script, ScriptError, Str};
use crate::text::{self, Lang};
use crate::walk::{Offer, Walk};

/// The id of the chooser: never a walkthrough's (a file name has no `:`).
pub const CHOOSER: &str = ":choose";

/// The walkthroughs on offer, in the order a chooser lists them.
#[derive(Debug, Clone)]
pub struct Shelf {
    walkthroughs: Vec<(String, Arc<Script>)>,
}

impl Shelf {
    /// Every walkthrough built into the binary.
    pub fn built_in() -> Result<Shelf, ScriptError> {
        Ok(Shelf {
            walkthroughs: script::built_in()?
                .into_iter()
                .map(|(id, s)| (id, Arc::new(s)))
                .collect(),
        })
    }

    /// One walkthrough alone (`--script`).
    pub fn one(id: String, script: Script) -> Shelf {
        Shelf {
            walkthroughs: vec![(id, Arc::new(script))],
        }
    }

    /// The ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.walkthroughs.iter().map(|(id, _)| id.as_str())
    }

    /// The walkthrough with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Script>> {
        self.walkthroughs
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, s)| s)
    }

    /// The first walkthrough (a chooser's Enter).
    pub fn first(&self) -> (&str, &Arc<Script>) {
        let (id, s) = &self.walkthroughs[0];
        (id, s)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.walkthroughs.len()
    }

    /// Whether there are none (never, once built).
    pub fn is_empty(&self) -> bool {
        self.walkthroughs.is_empty()
    }

    /// Every language some walkthrough is written in, each once, the first's first.
    pub fn languages(&self) -> Vec<Lang> {
        let mut out: Vec<Lang> = Vec::new();
        for lang in self.walkthroughs.iter().flat_map(|(_, s)| &s.languages) {
            if !out.contains(lang) {
                out.push(*lang);
            }
        }
        out
    }

    /// Where a walk starts: with several walkthroughs, the chooser; with one, that one.
    pub fn start(&self, now: DateTime<Utc>) -> (String, Walk) {
        if self.len() > 1 {
            (CHOOSER.to_owned(), self.chooser(now))
        } else {
            let (id, script) = self.first();
            let walk = Walk::new(script.clone(), now).with_offers(Vec::new());
            (id.to_owned(), walk)
        }
    }

    /// The chooser: one page, a line of words, and a button per walkthrough.
    pub fn chooser(&self, now: DateTime<Utc>) -> Walk {
        let langs = self.languages();
        let words =
            |f: fn(Lang) -> &'static str| langs.iter().map(|&l| (l, Str::new(f(l)))).collect();
        let script = Script {
            languages: langs.clone(),
            title: words(text::chooser_title),
            offer: None,
            order: 0,
            choices: Vec::new(),
            reviewed: now.date_naive(),
            deadline: None,
            pages: vec![Page {
                id: Str::new("kies"),
                title: words(text::chooser_title),
                body: vec![Block::Para(words(text::chooser_intro))],
                when: None,
            }],
            sources: Vec::new(),
        };
        let offers = self
            .walkthroughs
            .iter()
            .map(|(id, s)| Offer {
                id: id.clone(),
                title: s.title.clone(),
                question: None,
            })
            .collect();
        Walk::new(Arc::new(script), now).with_offers(offers)
    }

    /// What the last page of a walkthrough offers, once `opened` have been opened in this
    /// sitting: the first not opened yet, with the question it asks ("Do you also use …?").
    pub fn offers_after(&self, opened: &[String]) -> Vec<Offer> {
        self.walkthroughs
            .iter()
            .find(|(id, _)| !opened.contains(id))
            .map(|(id, s)| Offer {
                id: id.clone(),
                title: s.title.clone(),
                question: s.offer.clone(),
            })
            .into_iter()
            .collect()
    }
}

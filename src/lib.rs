//! bezwaar: a terminal walkthrough for objecting to Meta training its AI on your Facebook and
//! Instagram posts. See README.md ("How it is built") and ../shared/DESIGN.md. The house, read
//! top-down, each layer importing only layers below it:
//!
//! - leaves: [`text`] (words, the language), [`theme`], [`deadline`] (time), [`links`] (OSC
//!   bytes, QR codes, where links go), [`progress`] (saved progress), [`keys`] (the keymaps);
//! - [`script`]: the walkthrough's RON schema, loading and validation;
//! - [`walk`]: the walkthrough's state, pure;
//! - [`layout`]: a page as lines and item spans for a width and a language;
//! - views: [`ui`] (the screen), [`plain`] (line by line), [`handout`] (paper);
//! - [`app`]: a walk in one view, driven by events (and what an event does at one view);
//! - [`runner`]: the runner core (one walk and its seats: the person's view, and the views of
//!   helpers looking along; pure), the clock and saving, which both runners share;
//! - runners: [`backend`] + [`terminal`] (the local terminal), `serve` (SSH).

pub mod app;
pub mod backend;
pub mod deadline;
pub mod desktop;
pub mod handout;
pub mod i18n;
pub mod keys;
pub mod layout;
pub mod links;
pub mod plain;
pub mod progress;
pub mod runner;
pub mod script;
#[cfg(feature = "serve")]
pub mod serve;
pub mod shelf;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod walk;

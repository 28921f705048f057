//! bezwaar's core: the walkthrough itself, with no terminal, screen or network in it (no
//! ratatui, crossterm, tokio or russh: `tests/layers.rs` checks the dependency tree). The
//! view (`bezwaar-view`) draws it, the runners (the terminal, plain mode, `bezwaar serve`)
//! drive it. Read bottom-up, each module importing only those above it in this list:
//!
//! - [`i18n`]: a language is a tag; the app's own words are Fluent catalogs
//!   (`i18n/<tag>.ftl`, embedded by `build.rs`);
//! - [`text`]: one typed function per thing the app says, looked up in the catalogs;
//! - [`deadline`]: the calm countdown, time zones;
//! - [`links`]: where a link goes (a browser, this computer's screen, the link panel) and its
//!   QR code;
//! - [`progress`]: saved progress, written atomically under a lock;
//! - [`script`]: a walkthrough's RON schema (`data/*.ron`, embedded by `build.rs`), loading
//!   and validation;
//! - [`walk`]: the walkthrough's state, pure: `Walk::update(Action) -> Vec<Effect>`;
//! - [`shelf`]: the walkthroughs one run offers, and the chooser.

#![forbid(unsafe_code)]

pub mod deadline;
pub mod i18n;
pub mod links;
pub mod progress;
pub mod script;
pub mod shelf;
pub mod text;
pub mod walk;

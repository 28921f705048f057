//! bezwaar's views: how a walk (`bezwaar_core::walk`) is shown and driven, in a terminal,
//! line by line or on paper, and the runner core every runner shares. A terminal crate
//! (ratatui, crossterm), with no async runtime and no network: the runners on top (the local
//! terminal in the `bezwaar` binary, `bezwaar serve`) bring those. Read bottom-up, each module
//! importing only those above it in this list (and the core):
//!
//! - leaves: [`theme`] (named styles), [`keys`] (one keymap per mode, which the footer and the
//!   help are drawn from), [`links`] (OSC 8 and OSC 52 bytes; where links go is the core's,
//!   re-exported there);
//! - [`layout`]: a page as lines and item spans for a width and a language;
//! - views: [`ui`] (the screen), [`plain`] (line by line), [`handout`] (paper);
//! - [`app`]: a walk in one view, driven by events (and what an event does at one view);
//! - [`runner`]: the runner core (one walk and its seats: the person's view, and the views of
//!   helpers looking along; pure), the clock and saving, which every runner shares, and plain
//!   mode's loop;
//! - [`backend`]: ratatui's crossterm backend that sends only what changed, which the terminal
//!   runner and the SSH server both draw through.

#![forbid(unsafe_code)]

pub mod app;
pub mod backend;
pub mod handout;
pub mod keys;
pub mod layout;
pub mod links;
pub mod plain;
pub mod runner;
pub mod theme;
pub mod ui;

//! bezwaar: a terminal walkthrough for objecting to Meta training its AI on your Facebook and
//! Instagram posts. See README.md ("How it is built") and ../shared/DESIGN.md.
//!
//! The layers are crates: `bezwaar-core` (crates/core: the walkthrough, pure) and, on top of
//! it, the modules below. This library re-exports the core's modules under their old names,
//! so `bezwaar::walk` is `bezwaar_core::walk`.

pub use bezwaar_core::{deadline, i18n, progress, script, shelf, text, walk};

pub mod app;
pub mod backend;
pub mod desktop;
pub mod handout;
pub mod keys;
pub mod layout;
pub mod links;
pub mod plain;
pub mod runner;
#[cfg(feature = "serve")]
pub mod serve;
pub mod terminal;
pub mod theme;
pub mod ui;

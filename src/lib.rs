//! bezwaar: a terminal walkthrough for objecting to Meta training its AI on your Facebook and
//! Instagram posts. See README.md ("How it is built") and ../shared/DESIGN.md.
//!
//! The layers are crates, each depending only on those below it:
//!
//! - `bezwaar-core` (crates/core): the walkthrough itself, pure: scripts, the walk, the app's
//!   words, deadlines, saved progress, where links go;
//! - `bezwaar-view` (crates/view): the screen, plain mode, the handout, the keys, the runner
//!   core;
//! - `bezwaar-serve` (crates/serve, the `serve` feature): `bezwaar serve`, over SSH;
//! - this package: the binary (`main.rs`), the local terminal runner ([`terminal`]) and the
//!   desktop opener ([`desktop`]).
//!
//! This library re-exports every layer's modules under one name, `bezwaar::walk`,
//! `bezwaar::ui`, `bezwaar::serve`, for the binary, the tests and the benches.

#![forbid(unsafe_code)]

pub use bezwaar_core::{deadline, i18n, progress, script, shelf, text, walk};
pub use bezwaar_view::{app, backend, handout, keys, layout, links, plain, runner, theme, ui};

#[cfg(feature = "serve")]
pub use bezwaar_serve as serve;

pub mod desktop;
pub mod terminal;

//! bezwaar: a terminal walkthrough for objecting to Meta training its AI on your Facebook and
//! Instagram posts. See README.md and ../shared/DESIGN.md for the shape of the code:
//! script → App (pure state) → ui::draw, with side effects returned as data.

pub mod app;
pub mod backend;
pub mod deadline;
pub mod desktop;
pub mod handout;
pub mod keys;
pub mod links;
pub mod plain;
pub mod progress;
pub mod script;
#[cfg(feature = "serve")]
pub mod serve;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;

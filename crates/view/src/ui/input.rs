//! Keys and clicks: what each does in this view, by the live keymap (a change of the view
//! itself: scrolling, the help, the sources, the language, the theme) or the walk's actions
//! it asks for; a click or the wheel hit-tested against what the view draws.

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::{Sheet, View, stepper_items};
use crate::keys::{self, Command, Mode};
use crate::layout::Body;
use bezwaar_core::walk::{Action, Edit, Item, Walk};

impl View {
    /// A key: a change of this view, or actions for the walk.
    pub fn key(&mut self, walk: &Walk, key: KeyEvent) -> Vec<Action> {
        if key.kind == KeyEventKind::Release {
            return vec![];
        }
        let mode = self.mode(walk);
        let Some(command) = keys::command_for(key, mode) else {
            return match mode {
                // Every other key is the field's: text, or an editing key.
                Mode::Field => edit_of(key).map(Action::Edit).into_iter().collect(),
                _ => vec![],
            };
        };
        if command == Command::Interrupt {
            return vec![Action::Interrupt];
        }
        match mode {
            Mode::Help => {
                self.sheet_command(walk, command);
                vec![]
            }
            Mode::Page => self.page_command(walk, command),
            Mode::Field => {
                let body = self.body(walk);
                match command {
                    Command::Activate => vec![Action::Activate],
                    Command::FocusPrev => vec![Action::FocusPrev],
                    Command::PageDown => self.scroll_and(&body, self.step() as isize),
                    Command::PageUp => self.scroll_and(&body, -(self.step() as isize)),
                    Command::Help => self.open_help(),
                    _ => vec![],
                }
            }
            Mode::Panel => match command {
                Command::Activate => vec![Action::Activate],
                Command::Copy => vec![Action::Copy(self.lang)],
                Command::Close => vec![Action::Close],
                Command::Quit => vec![Action::Quit],
                Command::Help => self.open_help(),
                _ => vec![],
            },
            Mode::Dialog => match command {
                Command::Activate => vec![Action::Activate],
                Command::FocusNext => vec![Action::FocusNext],
                Command::Close => vec![Action::Close],
                Command::Quit => vec![Action::Quit],
                Command::StartOver => vec![Action::StartOver],
                Command::Help => self.open_help(),
                _ => vec![],
            },
        }
    }

    fn open_help(&mut self) -> Vec<Action> {
        self.sheet = Some((Sheet::Help, 0));
        vec![]
    }

    fn scroll_and(&mut self, body: &Body, delta: isize) -> Vec<Action> {
        self.scroll_by(body, delta);
        vec![]
    }

    fn page_command(&mut self, walk: &Walk, command: Command) -> Vec<Action> {
        let body = self.body(walk);
        let step = self.step() as isize;
        match command {
            Command::Activate => match walk.focus() {
                // Enter never acts on what the person cannot see: first it shows more.
                Some(item) if !self.visible(&body, item) => {
                    self.toward(&body, item);
                    vec![]
                }
                None if self.more_below(&body) => self.scroll_and(&body, step),
                // A copy goes in this window's language, to this window's clipboard.
                Some(Item::Copy(_)) => vec![Action::Copy(self.lang)],
                _ => vec![Action::Activate],
            },
            Command::Next => vec![Action::Next],
            Command::Back => vec![Action::Back],
            Command::Down | Command::Up => {
                let down = command == Command::Down;
                match self.neighbour(walk, &body, down) {
                    Some(item) => vec![Action::Focus(item)],
                    None => self.scroll_and(&body, if down { 1 } else { -1 }),
                }
            }
            Command::FocusNext => vec![Action::FocusNext],
            Command::FocusPrev => vec![Action::FocusPrev],
            Command::PageDown => self.scroll_and(&body, step),
            Command::PageUp => self.scroll_and(&body, -step),
            Command::First => vec![Action::First],
            Command::Last => vec![Action::Last],
            Command::Jump(n) => vec![Action::GoTo(usize::from(n).saturating_sub(1))],
            Command::ToggleLang => {
                self.lang = bezwaar_core::i18n::next(&walk.script().languages, self.lang);
                vec![]
            }
            Command::Quit => vec![Action::Quit],
            Command::Copy => vec![Action::Copy(self.lang)],
            Command::Close => vec![Action::Close],
            Command::Help => self.open_help(),
            Command::Sources => {
                self.sheet = Some((Sheet::Sources, 0));
                vec![]
            }
            Command::StartOver | Command::Theme | Command::Interrupt => vec![],
        }
    }

    /// The item ↓ (or ↑) moves focus to: the next one, when it is in sight or just beyond
    /// the edge; otherwise the arrow scrolls a line, toward it.
    fn neighbour(&self, walk: &Walk, body: &Body, down: bool) -> Option<Item> {
        let items = &body.items;
        let at = walk
            .focus()
            .and_then(|f| items.iter().position(|(i, _, _)| *i == f));
        let next = match (at, down) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i.checked_sub(1)?,
            (None, true) => 0,
            (None, false) => items.len().checked_sub(1)?,
        };
        let &(item, top, bottom) = items.get(next)?;
        let height = self.height();
        let near = if down {
            top <= self.scroll + height
        } else {
            bottom >= self.scroll
        };
        near.then_some(item)
    }

    fn sheet_command(&mut self, walk: &Walk, command: Command) {
        let page = (self.sheet_height(walk) as isize - 1).max(1);
        match command {
            Command::Close => self.sheet = None,
            Command::Up => self.sheet_scroll_by(walk, -1),
            Command::Down => self.sheet_scroll_by(walk, 1),
            Command::PageUp => self.sheet_scroll_by(walk, -page),
            Command::PageDown => self.sheet_scroll_by(walk, page),
            Command::Theme => self.theme = self.theme.next(),
            _ => {}
        }
    }

    fn sheet_scroll_by(&mut self, walk: &Walk, delta: isize) {
        if let Some((sheet, n)) = self.sheet {
            let n = n
                .saturating_add_signed(delta)
                .min(self.sheet_max_scroll(walk));
            self.sheet = Some((sheet, n));
        }
    }

    /// A click or the wheel, hit-tested against what this view draws.
    pub fn mouse(&mut self, walk: &Walk, mouse: MouseEvent) -> Vec<Action> {
        let Some(areas) = self.areas() else {
            return vec![];
        };
        if self.look_box().is_some() {
            return vec![];
        }
        if self.sheet.is_some() {
            match mouse.kind {
                MouseEventKind::ScrollDown => self.sheet_scroll_by(walk, 3),
                MouseEventKind::ScrollUp => self.sheet_scroll_by(walk, -3),
                _ => {}
            }
            return vec![];
        }
        if walk.panel().is_some() || walk.dialog().is_some() {
            return vec![];
        }
        let body = self.body(walk);
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(&body, 3),
            MouseEventKind::ScrollUp => self.scroll_by(&body, -3),
            MouseEventKind::Down(MouseButton::Left) => {
                let (x, y) = (mouse.column, mouse.row);
                if y == areas.stepper.y {
                    let hit = stepper_items(walk, self.lang, areas.stepper.width)
                        .into_iter()
                        .find(|it| {
                            (it.x..it.x + it.width).contains(&x.saturating_sub(areas.stepper.x))
                        });
                    if let Some(item) = hit {
                        return vec![Action::GoTo(item.page)];
                    }
                } else if areas.body.contains((x, y).into()) {
                    let line = self.scroll + usize::from(y - areas.body.y);
                    match body.item_at(line) {
                        Some(item @ Item::Copy(_)) => {
                            return vec![Action::Focus(item), Action::Copy(self.lang)];
                        }
                        Some(item) => return vec![Action::Pick(item)],
                        None => {}
                    }
                }
            }
            _ => {}
        }
        vec![]
    }
}

/// What a key does in a field: a character typed (with Shift or none: never a key with Ctrl
/// or Alt), or the cursor moved; `None` for any other key.
fn edit_of(key: KeyEvent) -> Option<Edit> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let plain = key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    Some(match key.code {
        KeyCode::Char(c) if plain => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    })
}

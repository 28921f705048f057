//! The keymaps as tables: every key resolves, none twice in a mode, and the same key means
//! what its mode says.

use super::*;

fn press(code: KeyCode, mods: KeyModifiers, mode: Mode) -> Option<Command> {
    command_for(KeyEvent::new(code, mods), mode)
}

#[test]
fn every_bound_key_resolves_to_its_own_command() {
    for mode in MODES {
        for b in keymap(mode) {
            for &(code, mods) in b.keys {
                let got = press(code, mods, mode).expect("bound key resolves");
                match (b.command, code) {
                    (Command::Jump(_), _) => assert!(matches!(got, Command::Jump(1..=9))),
                    (Command::Down, KeyCode::Up) => assert_eq!(got, Command::Up),
                    (c, _) => assert_eq!(got, c, "{code:?} in {mode:?}"),
                }
            }
        }
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for mode in MODES {
        let all: Vec<_> = keymap(mode).iter().flat_map(|b| b.keys.iter()).collect();
        for (i, k) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(k), "{k:?} bound twice in {mode:?}");
        }
    }
}

#[test]
fn the_same_key_means_what_its_mode_says() {
    let esc = |mode| press(KeyCode::Esc, KeyModifiers::NONE, mode);
    assert_eq!(esc(Mode::Page), None, "Esc on a bare page does nothing");
    assert_eq!(esc(Mode::Panel), Some(Command::Close));
    assert_eq!(esc(Mode::Dialog), Some(Command::Close));
    assert_eq!(esc(Mode::Help), Some(Command::Close));
    let q = |mode| press(KeyCode::Char('q'), KeyModifiers::NONE, mode);
    assert_eq!(q(Mode::Page), Some(Command::Quit), "q asks first");
    assert_eq!(q(Mode::Field), None, "q is text in a field");
    let ctrl_c = |mode| press(KeyCode::Char('c'), KeyModifiers::CONTROL, mode);
    for mode in MODES {
        assert_eq!(ctrl_c(mode), Some(Command::Interrupt), "{mode:?}");
    }
    let f1 = |mode| press(KeyCode::F(1), KeyModifiers::NONE, mode);
    for mode in [Mode::Page, Mode::Field, Mode::Panel, Mode::Dialog] {
        assert_eq!(f1(mode), Some(Command::Help), "{mode:?}");
    }
    // Typing: no printable key is a command in a field.
    for c in (' '..='~').chain("éü€ß".chars()) {
        assert_eq!(
            press(KeyCode::Char(c), KeyModifiers::NONE, Mode::Field),
            None,
            "{c:?}"
        );
        assert_eq!(
            press(KeyCode::Char(c), KeyModifiers::SHIFT, Mode::Field),
            None,
            "{c:?}"
        );
    }
    // Shift is part of the letter: 'L' arrives as Shift + 'L'.
    assert_eq!(
        press(KeyCode::Char('L'), KeyModifiers::SHIFT, Mode::Page),
        Some(Command::ToggleLang)
    );
    assert_eq!(
        press(KeyCode::Char('4'), KeyModifiers::NONE, Mode::Page),
        Some(Command::Jump(4))
    );
}

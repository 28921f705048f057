//! Contrast: every colour a theme puts on screen reads on a light and on a dark terminal
//! (WCAG 2's 4.5 : 1, against the xterm palette's white and black).

use std::collections::HashSet;

use bezwaar::theme::{Theme, ThemeKind};
use ratatui::style::Color;

use super::{buffer, every_screen, qr_cells};

/// The colour of `c` as the xterm 256-colour palette has it.
fn xterm_rgb(c: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match c {
        0..=15 => BASE[usize::from(c)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = c - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (c - 232);
            (v, v, v)
        }
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The colours ratatui's named colours become (the 16 basic ones), as palette indexes.
fn index_of(c: Color) -> Option<u8> {
    Some(match c {
        Color::Indexed(n) => n,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

#[test]
fn every_colour_reads_on_a_light_and_on_a_dark_terminal() {
    // The checker itself: yellow and cyan fail on white, blue 63 passes on both.
    let on_both = |c: u8| {
        let l = luminance(xterm_rgb(c));
        contrast(l, 1.0).min(contrast(l, 0.0))
    };
    assert!(on_both(11) < 4.5 && on_both(14) < 4.5 && on_both(4) < 4.5);
    assert!(on_both(63) >= 4.5);
    for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
        let mut seen = HashSet::new();
        for (name, app) in every_screen(Theme::new(kind, false)) {
            let buf = buffer(&app);
            let qr = qr_cells(&app);
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let cell = &buf[(x, y)];
                    if qr.contains(&(x, y)) {
                        continue;
                    }
                    // Text on the terminal's own background: only the foreground is ours.
                    assert_eq!(cell.bg, Color::Reset, "{kind:?} {name} ({x}, {y})");
                    if cell.fg == Color::Reset {
                        continue;
                    }
                    let n = index_of(cell.fg)
                        .unwrap_or_else(|| panic!("{kind:?} {name}: ({x}, {y}) has {:?}", cell.fg));
                    seen.insert(n);
                    let ratio = on_both(n);
                    assert!(
                        ratio >= 4.5,
                        "{kind:?} {name}: ({x}, {y}) {:?} in colour {n}: {ratio:.2} : 1",
                        cell.symbol()
                    );
                }
            }
        }
        // Default has its few colours; high contrast relies on the terminal's own only.
        assert_eq!(
            seen.is_empty(),
            kind == ThemeKind::HighContrast,
            "{kind:?}: {seen:?}"
        );
    }
}

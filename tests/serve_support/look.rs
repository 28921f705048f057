//! Looking along and coming back, as the tests drive them: the person's invite, the helper
//! let in, a walk taken to page 5, the come-back code read from the help.

use super::{Server, Visitor, step};

/// The person's invite: presses m on a page and reads the code and the whole line.
pub async fn invite(person: &mut Visitor) -> (String, String, String) {
    person.press(b"m").await;
    person
        .until("the invite box", |v| {
            v.code_after(&["kijk", "look"]).is_some()
        })
        .await;
    let (code, user) = person.code_after(&["kijk", "look"]).unwrap();
    let line = person.line_with("ssh ").unwrap();
    (code, user, line)
}

/// Waits until the person is asked whether someone may look along.
pub async fn asked(person: &mut Visitor) {
    person
        .until("the question", |v| {
            v.text().contains("Iemand wil meekijken.")
                || v.text().contains("Someone wants to look along.")
        })
        .await;
}

/// A helper who typed `user`, let in by the person's yes.
pub async fn let_in(
    server: &Server,
    person: &mut Visitor,
    user: &str,
    lang: &str,
    cols: u16,
    rows: u16,
) -> Visitor {
    let helper = Visitor::open_as(server.addr, user, Some(lang), cols, rows).await;
    asked(person).await;
    say_yes(person, helper).await
}

/// The person's yes to the helper who waits: ↓ to it, then Enter (Enter alone is the safe
/// answer, no). Returns the helper once the walk is on their screen and the question is gone
/// from the person's.
pub async fn say_yes(person: &mut Visitor, mut helper: Visitor) -> Visitor {
    person.press(b"\x1b[B\r").await;
    helper
        .until("the walk on the helper's screen", |v| {
            v.vt.screen().alternate_screen()
                && (v.text().contains("Step") || v.text().contains("Stap"))
        })
        .await;
    person
        .until("the question gone", |v| {
            !v.text().contains("Iemand wil meekijken.") && !v.text().contains("Someone wants to")
        })
        .await;
    helper
}

/// Chooses Facebook on step 4 and goes to step 5.
async fn facebook_then_step_5(v: &mut Visitor) {
    v.press(b"4").await;
    v.sees("▶ ( ) Facebook").await;
    v.press(b"\r").await;
    v.sees("(•) Facebook").await;
    v.press(b"5").await;
    v.sees(&step(5)).await;
}

/// Goes to page 5 with Facebook chosen and the first ready-made reason picked.
pub async fn to_page_5(v: &mut Visitor) {
    facebook_then_step_5(v).await;
    // Type the email address, then down past its copy button to the first reason; pick it.
    v.press(b"oma@example.nl\x1b[B\x1b[B").await;
    v.until("the first reason focused", |v| {
        v.text().contains("▶ ( ) I object")
    })
    .await;
    v.press(b"\r").await;
    v.sees("(•) I object").await;
}

/// The walk's come-back code, read from the help (which is closed again): its digits, the
/// user name to type, and the whole line.
pub async fn come_back_code(v: &mut Visitor) -> (String, String, String) {
    v.press(b"?").await;
    for _ in 0..10 {
        v.press(b"\x1b[6~").await;
    }
    v.until("the come-back line", |v| v.code_after(&["back"]).is_some())
        .await;
    let (code, user) = v.code_after(&["back"]).unwrap();
    let line = v.line_with(&user).unwrap();
    v.press(b"\x1b").await;
    v.until("the help closed", |v| v.code_after(&["back"]).is_none())
        .await;
    (code, user, line)
}

/// To the own-reason field of step 5 (Facebook chosen), typing in it.
pub async fn to_own_reason(v: &mut Visitor) {
    facebook_then_step_5(v).await;
    v.press(b"\x1b[B\x1b[B\x1b[B\x1b[B").await;
    v.sees("▶ ( ) Write my own reason").await;
    v.press(b"\r").await;
    v.sees("(•) Write my own reason").await;
}

//! The words of the app itself (not of the script), in Dutch and English, and the language
//! choice. Also the one rule for what text may reach the terminal.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// The language from the locale variables, as gettext reads them: the first set one of
    /// LC_ALL, LC_MESSAGES, LANG. English when it starts with `en`, otherwise Dutch.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty());
        match locale {
            Some(v) if v.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Picks the Dutch or the English of a pair.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("nl", "en"))
    }
}

/// "Stap 3 van 6" / "Step 3 of 6".
pub fn step_of(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Nl => format!("Stap {n} van {total}"),
        Lang::En => format!("Step {n} of {total}"),
    }
}

/// The message for a window below the minimum size.
pub fn too_small(lang: Lang, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
    match lang {
        Lang::Nl => format!(
            "Het venster is te klein.\nMaak het groter: minstens {min_w} × {min_h}.\nNu is het {w} × {h}."
        ),
        Lang::En => format!(
            "The window is too small.\nMake it larger: at least {min_w} × {min_h}.\nNow it is {w} × {h}."
        ),
    }
}

/// The same, for a window too small for the whole sentence.
pub fn too_small_short(lang: Lang) -> &'static str {
    lang.pick("Venster groter maken", "Make the window larger")
}

/// The status line when a link did not open and the person has moved on: what to do now.
pub fn open_failed(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("{why} Kies de link nog een keer: dan zie je de QR-code."),
        format!("{why} Choose the link again to see its QR code."),
    )
}

/// Why a link did not open, in plain words.
pub fn no_opener(lang: Lang) -> &'static str {
    lang.pick(
        "Op deze computer is geen programma gevonden dat links opent.",
        "No program that opens links was found on this computer.",
    )
}

pub fn terminal_browser(lang: Lang) -> &'static str {
    lang.pick(
        "De browser die hier is ingesteld, werkt alleen in dit venster.",
        "The browser set up here only works inside this window.",
    )
}

pub fn opener_failed(lang: Lang) -> &'static str {
    lang.pick("De browser ging niet open.", "The browser did not open.")
}

pub fn no_answer(lang: Lang) -> &'static str {
    lang.pick(
        "Het openen is begonnen, maar er kwam nog geen antwoord. Kijk of het formulier op het scherm van deze computer staat.",
        "Opening has started, but there is no answer yet. Check whether the form is on this computer’s screen.",
    )
}

/// In the help: the link panel's Enter.
pub fn help_panel_enter(lang: Lang) -> &'static str {
    lang.pick(
        "op het scherm van deze computer openen (als daar iemand met dit account is ingelogd); anders sluiten",
        "open on this computer’s screen (when someone is logged in there with this account); otherwise close",
    )
}

/// In the link panel, first: what Enter does when the form can open on this computer.
pub fn desktop_offer(lang: Lang) -> &'static str {
    lang.pick(
        "Druk op Enter: dan gaat het formulier open op het scherm van deze computer, voor wie daar zit.",
        "Press Enter to open the form on this computer’s screen, for the person sitting there.",
    )
}

pub fn opening_on_desktop(lang: Lang) -> &'static str {
    lang.pick(
        "Het formulier gaat open op het scherm van deze computer…",
        "The form is opening on this computer’s screen…",
    )
}

pub fn on_desktop(lang: Lang) -> &'static str {
    lang.pick(
        "Het formulier staat nu open op het scherm van deze computer.",
        "The form is now open on this computer’s screen.",
    )
}

pub fn desktop_failed(lang: Lang) -> &'static str {
    lang.pick(
        "Het openen lukte niet op het scherm van deze computer.",
        "Opening on this computer’s screen did not work.",
    )
}

pub fn no_desktop(lang: Lang) -> &'static str {
    lang.pick(
        "Op deze computer is geen scherm gevonden om de link op te openen.",
        "No screen was found on this computer to open the link on.",
    )
}

pub fn opening(lang: Lang) -> &'static str {
    lang.pick(
        "De link gaat open in je browser.",
        "The link is opening in your browser.",
    )
}

/// Words in the link panel.
pub fn qr_scan(lang: Lang) -> &'static str {
    lang.pick(
        "Scan de QR-code met de camera van je telefoon. Tik dan op de link die verschijnt. Log in als dat gevraagd wordt. Dan zie je het formulier op je telefoon.",
        "Scan the QR code with your phone’s camera. Then tap the link that appears. Log in if you are asked to. The form then opens on your phone.",
    )
}

pub fn copy_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Of druk op c. Dan kopieer je de link. Plak hem daarna in je browser.",
        "Or press c to copy the link. Then paste it into your browser.",
    )
}

pub fn copied(lang: Lang) -> &'static str {
    lang.pick(
        "Link gekopieerd. Plak hem in je browser.",
        "Link copied. Paste it into your browser.",
    )
}

pub fn copy_caveat(lang: Lang) -> &'static str {
    lang.pick(
        "Lukt plakken niet? Niet elke terminal staat kopiëren toe. Typ de link dan over.",
        "Paste does not work? Not every terminal allows copying. Then type the link.",
    )
}

pub fn qr_too_small(lang: Lang) -> &'static str {
    lang.pick(
        "Maak het venster groter om de QR-code te zien.",
        "Make the window larger to see the QR code.",
    )
}

/// In the link panel after a failure: what to do now instead.
pub fn instead(lang: Lang) -> &'static str {
    lang.pick(
        "Gebruik dan de QR-code of kopieer de link.",
        "Use the QR code instead, or copy the link.",
    )
}

pub fn scroll_more(lang: Lang) -> &'static str {
    lang.pick("↓ meer", "↓ more")
}

/// Plain mode, after the person chose a link: the URL follows on the next line.
pub fn open_in_browser(lang: Lang) -> &'static str {
    lang.pick(
        "Open dit adres in je browser:",
        "Open this address in your browser:",
    )
}

/// Plain mode: "back" on the first page.
pub fn first_step(lang: Lang) -> &'static str {
    lang.pick("Dit is de eerste stap.", "This is the first step.")
}

/// Plain mode: "next" on the last page.
pub fn last_step(lang: Lang) -> &'static str {
    lang.pick("Dit is de laatste stap.", "This is the last step.")
}

/// Plain mode: an answer that is not one of the choices; the choices follow.
pub fn not_understood(lang: Lang) -> &'static str {
    lang.pick(
        "Dat begrijp ik niet. Kies een van deze:",
        "I did not understand that. Choose one of these:",
    )
}

/// The handout's checklist heading.
pub fn checklist(lang: Lang) -> &'static str {
    lang.pick("Afvinklijst", "Checklist")
}

/// The checklist's boxes for one platform, e.g. "Facebook: bezwaar verstuurd".
pub fn checklist_items(lang: Lang, platform: &str) -> [String; 2] {
    match lang {
        Lang::Nl => [
            format!("{platform}: bezwaar verstuurd"),
            format!("{platform}: bevestiging per e-mail gekregen"),
        ],
        Lang::En => [
            format!("{platform}: objection sent"),
            format!("{platform}: confirmation email received"),
        ],
    }
}

/// The handout's heading over the script's sources.
pub fn sources(lang: Lang) -> &'static str {
    lang.pick("Bronnen", "Sources")
}

/// "Gecontroleerd op 23 november 2026." / "Checked on 23 November 2026."
pub fn checked_on(lang: Lang, date: chrono::NaiveDate) -> String {
    let d = long_date(lang, date);
    lang.pick(format!("Gecontroleerd op {d}."), format!("Checked on {d}."))
}

/// The countdown sentence on paper, with the day it was true: "Op 20 mei 2025: Nog …".
pub fn on_date(lang: Lang, date: chrono::NaiveDate, sentence: &str) -> String {
    let d = long_date(lang, date);
    lang.pick(format!("Op {d}: {sentence}"), format!("On {d}: {sentence}"))
}

/// "23 november 2026" / "23 November 2026".
pub fn long_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = lang.pick(NL, EN)[date.month0() as usize];
    format!("{} {month} {}", date.day(), date.year())
}

/// Words of the platform choice, the fields and the checklist.
pub fn choose_prompt(lang: Lang) -> &'static str {
    lang.pick("Welke gebruik je?", "Which do you use?")
}

pub fn all_platforms(lang: Lang, n: usize) -> &'static str {
    if n == 2 {
        lang.pick("Allebei", "Both")
    } else {
        lang.pick("Allemaal", "All of them")
    }
}

pub fn no_platform(lang: Lang, n: usize) -> &'static str {
    if n == 2 {
        lang.pick("Geen van beide", "Neither")
    } else {
        lang.pick("Geen ervan", "None of them")
    }
}

pub fn email_label(lang: Lang) -> &'static str {
    lang.pick(
        "Je e-mailadres (van dit account):",
        "Your email address (of this account):",
    )
}

/// An empty field without focus.
pub fn empty_field(lang: Lang) -> &'static str {
    lang.pick("(nog leeg)", "(empty)")
}

/// Under a field that has focus: it takes typing now.
pub fn type_here(lang: Lang, email: bool) -> &'static str {
    match email {
        true => lang.pick(
            "Typ hier je e-mailadres. Druk daarna op Enter.",
            "Type your email address here. Then press Enter.",
        ),
        false => lang.pick(
            "Typ hier je reden. Druk daarna op Enter.",
            "Type your reason here. Then press Enter.",
        ),
    }
}

/// The button under a field that copies what is in it.
pub fn copy_button(lang: Lang, email: bool) -> &'static str {
    match email {
        true => lang.pick("Kopieer dit e-mailadres", "Copy this email address"),
        false => lang.pick("Kopieer je reden", "Copy your reason"),
    }
}

/// The button at the end of a page: "Verder naar stap 5: Invullen".
pub fn next_button(lang: Lang, step: usize, title: &str) -> String {
    lang.pick(
        format!("Verder naar stap {step}: {title}"),
        format!("Go on to step {step}: {title}"),
    )
}

/// What Enter does now, for the footer.
pub fn enter_more(lang: Lang) -> &'static str {
    lang.pick("meer lezen", "read more")
}
pub fn enter_open(lang: Lang) -> &'static str {
    lang.pick("openen", "open")
}
pub fn enter_choose(lang: Lang) -> &'static str {
    lang.pick("kiezen", "choose")
}
pub fn enter_tick(lang: Lang) -> &'static str {
    lang.pick("afvinken", "tick")
}
pub fn enter_untick(lang: Lang) -> &'static str {
    lang.pick("vinkje weghalen", "untick")
}
pub fn enter_copy(lang: Lang) -> &'static str {
    lang.pick("kopiëren", "copy")
}
pub fn enter_next(lang: Lang) -> &'static str {
    lang.pick("verder", "go on")
}

/// The questions with two answers: (title, words, safe answer, other answer).
pub fn quit_question(lang: Lang, kept: bool) -> [&'static str; 4] {
    let words = match kept {
        true => lang.pick(
            "Je voortgang is bewaard. Je kunt later verder gaan waar je was.",
            "Your progress is saved. You can go on later where you were.",
        ),
        false => lang.pick(
            "Wat je hier deed, wordt niet bewaard.",
            "What you did here is not kept.",
        ),
    };
    [
        lang.pick("Stoppen?", "Stop?"),
        words,
        lang.pick("Verder gaan", "Go on"),
        lang.pick("Stoppen", "Stop"),
    ]
}

pub fn untick_question(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("Weet je het zeker?", "Are you sure?"),
        lang.pick(
            "Dan haal je het vinkje weg. De datum en tijd zijn dan ook weg.",
            "Then the tick goes, and its date and time with it.",
        ),
        lang.pick("Nee, laten staan", "No, keep it"),
        lang.pick("Ja, weghalen", "Yes, remove it"),
    ]
}

pub fn welcome_answers(lang: Lang) -> [&'static str; 2] {
    [
        lang.pick("Verder waar je was", "Go on where you were"),
        lang.pick("Opnieuw beginnen", "Start over"),
    ]
}

pub fn start_over_question(lang: Lang) -> [&'static str; 4] {
    [
        lang.pick("Weet je het zeker?", "Are you sure?"),
        lang.pick(
            "Dan begin je weer bij stap 1. Wat je tot nu toe deed, wordt apart bewaard.",
            "Then you begin again at step 1. What you did so far is kept apart.",
        ),
        lang.pick("Nee, terug", "No, go back"),
        lang.pick("Ja, opnieuw beginnen", "Yes, start over"),
    ]
}

/// In the help: what Esc does at a question.
pub fn help_safe_answer(lang: Lang) -> &'static str {
    lang.pick(
        "het veilige antwoord (verder gaan, niets weghalen)",
        "the safe answer (go on, remove nothing)",
    )
}

/// The help's line about the theme: which one is on, and the key for the other.
pub fn help_theme(lang: Lang, high_contrast: bool) -> String {
    let now = match high_contrast {
        true => lang.pick("hoog contrast", "high contrast"),
        false => lang.pick("standaard", "standard"),
    };
    lang.pick(
        format!("Kleuren: nu {now}. Druk op t voor andere kleuren."),
        format!("Colours: {now} now. Press t for other colours."),
    )
}

/// Plain mode: an empty field, which is filled in by choosing its number.
pub fn plain_empty_field(lang: Lang) -> &'static str {
    lang.pick(
        "(nog leeg: kies het nummer om te typen)",
        "(empty: choose its number to type)",
    )
}

/// Plain mode: after choosing a field, the next line goes in it.
pub fn plain_type(lang: Lang, email: bool) -> &'static str {
    match email {
        true => lang.pick(
            "Typ je e-mailadres en druk op Enter:",
            "Type your email address and press Enter:",
        ),
        false => lang.pick(
            "Typ je reden en druk op Enter:",
            "Type your reason and press Enter:",
        ),
    }
}

/// Plain mode's prompt for the page's choices, fields and boxes: "2–5 kiezen".
pub fn plain_choose(lang: Lang, numbers: &str) -> String {
    format!("{numbers} {}", lang.pick("kiezen", "choose"))
}

/// Under the email field. `copy`: the view can copy it (plain mode cannot).
pub fn email_not_saved(lang: Lang, copy: bool) -> &'static str {
    match copy {
        true => lang.pick(
            "Je e-mailadres wordt nergens bewaard. Het is alleen om te kopiëren.",
            "Your email address is not saved anywhere. It is only here to copy.",
        ),
        false => lang.pick(
            "Je e-mailadres wordt nergens bewaard. Het staat hier alleen om na te kijken.",
            "Your email address is not saved anywhere. It is only here to check.",
        ),
    }
}

/// Advice on a typed email address, as you type: `(true, ..)` when it looks right. Advice
/// only: it never stops anyone moving on. None for an empty field.
pub fn email_advice(lang: Lang, email: &str) -> Option<(bool, String)> {
    let advice = |nl: &str, en: &str| Some((false, lang.pick(nl, en).to_owned()));
    let email = email.trim_end();
    if email.is_empty() {
        return None;
    }
    if email.chars().any(char::is_whitespace) {
        return advice(
            "Een e-mailadres heeft geen spaties.",
            "An email address has no spaces.",
        );
    }
    let Some((user, domain)) = email.split_once('@') else {
        return advice("Een e-mailadres heeft een @.", "An email address has an @.");
    };
    if user.is_empty() {
        return advice("Voor de @ komt je naam.", "Your name comes before the @.");
    }
    if domain.contains('@') {
        return advice(
            "Een e-mailadres heeft maar één @.",
            "An email address has only one @.",
        );
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return advice(
            "Na de @ komt een naam met een punt, zoals gmail.com.",
            "After the @ comes a name with a dot, like gmail.com.",
        );
    }
    Some((
        true,
        lang.pick(
            "Dit ziet eruit als een e-mailadres.",
            "This looks like an email address.",
        )
        .to_owned(),
    ))
}

pub fn reason_prompt(lang: Lang) -> &'static str {
    lang.pick(
        "Kies een reden (niet verplicht):",
        "Pick a reason (optional):",
    )
}

pub fn own_reason(lang: Lang) -> &'static str {
    lang.pick("Zelf een reden schrijven", "Write my own reason")
}

pub fn no_reason(lang: Lang) -> &'static str {
    lang.pick("Geen reden", "No reason")
}

pub fn copied_text(lang: Lang, email: bool) -> &'static str {
    match email {
        true => lang.pick(
            "E-mailadres gekopieerd. Plak het in het formulier van Meta.",
            "Email address copied. Paste it into Meta’s form.",
        ),
        false => lang.pick(
            "Reden gekopieerd. Plak hem in het formulier van Meta.",
            "Reason copied. Paste it into Meta’s form.",
        ),
    }
}

pub fn nothing_to_copy(lang: Lang) -> &'static str {
    lang.pick(
        "Er is nog niets om te kopiëren.",
        "There is nothing to copy yet.",
    )
}

/// "23 november 2026 om 14:05" / "23 November 2026 at 14:05".
pub fn date_time(lang: Lang, at: chrono::DateTime<chrono::FixedOffset>) -> String {
    let day = long_date(lang, at.date_naive());
    let time = at.format("%H:%M");
    lang.pick(format!("{day} om {time}"), format!("{day} at {time}"))
}

pub fn sent_item(lang: Lang, name: &str) -> String {
    lang.pick(
        format!("{name}: ik heb op Verzenden gedrukt"),
        format!("{name}: I pressed Send"),
    )
}

pub fn sent_done(lang: Lang, name: &str, at: chrono::DateTime<chrono::FixedOffset>) -> String {
    let when = date_time(lang, at);
    lang.pick(
        format!("{name}: verstuurd op {when}"),
        format!("{name}: sent on {when}"),
    )
}

pub fn summary_heading(lang: Lang) -> &'static str {
    lang.pick("Wat je hebt verstuurd:", "What you have sent:")
}

pub fn summary_line(
    lang: Lang,
    name: &str,
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> String {
    match at {
        Some(at) => sent_done(lang, name, at),
        None => lang.pick(
            format!("{name}: nog niet verstuurd"),
            format!("{name}: not sent yet"),
        ),
    }
}

pub fn welcome_back(lang: Lang, step: usize, title: &str) -> String {
    lang.pick(
        format!("Welkom terug! Je was bij stap {step}: {title}."),
        format!("Welcome back! You were at step {step}: {title}."),
    )
}

pub fn set_aside(lang: Lang, file: &str) -> String {
    lang.pick(
        format!("Opgeslagen voortgang was onleesbaar; bewaard als {file}. Je begint opnieuw."),
        format!("Saved progress was unreadable; kept as {file}. You start afresh."),
    )
}

pub fn cannot_save(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Voortgang bewaren lukt niet ({why}). De stappen werken gewoon."),
        format!("Progress cannot be saved ({why}). The steps work as usual."),
    )
}

/// The sources sheet: its title, and the headings over the page's sources and all of them.
pub fn sources_title(lang: Lang) -> &'static str {
    lang.pick("Bronnen", "Sources")
}

pub fn sources_here(lang: Lang, page: &str) -> String {
    lang.pick(
        format!("Waar de stap ‘{page}’ op steunt:"),
        format!("What the step “{page}” rests on:"),
    )
}

pub fn sources_none_here(lang: Lang, page: &str) -> String {
    lang.pick(
        format!("De stap ‘{page}’ noemt geen feiten met een bron."),
        format!("The step “{page}” states no facts with a source."),
    )
}

pub fn sources_all(lang: Lang) -> &'static str {
    lang.pick(
        "Alle bronnen van deze uitleg:",
        "All sources of this walkthrough:",
    )
}

/// The help's title.
pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("Toetsen", "Keys")
}

/// Under the typing keys: what every other key does there.
pub fn help_typing(lang: Lang) -> &'static str {
    lang.pick(
        "Alle andere toetsen zijn tekst: q typt een q.",
        "Every other key is text: q types a q.",
    )
}

/// The help's last lines: the mouse.
pub fn help_mouse(lang: Lang) -> &'static str {
    lang.pick(
        "De muis werkt ook: klik op een link of een stap om die te openen. Met het wieltje scroll je. Tekst selecteren: houd Shift ingedrukt en sleep met de muis.",
        "The mouse works too: click a link or a step to open it. The wheel scrolls. To select text, hold Shift and drag with the mouse.",
    )
}

/// The warning for content checked too long ago (more than 180 days before today).
pub fn stale_warning(lang: Lang, reviewed: chrono::NaiveDate) -> String {
    let d = long_date(lang, reviewed);
    lang.pick(
        format!("Deze uitleg is voor het laatst gecontroleerd op {d}. Kijk of het nog klopt."),
        format!("This explanation was last checked on {d}. Check whether it is still right."),
    )
}

/// The countdown on paper: the deadline as a date, before or after it.
pub fn paper_deadline(lang: Lang, past: bool, deadline: chrono::NaiveDate) -> String {
    let d = long_date(lang, deadline);
    match (lang, past) {
        (Lang::Nl, false) => format!("De deadline is {d}."),
        (Lang::Nl, true) => format!("De deadline was {d}."),
        (Lang::En, false) => format!("The deadline is {d}."),
        (Lang::En, true) => format!("The deadline was {d}."),
    }
}

/// On paper, in place of the question "which do you use?": "Welk formulier je nodig hebt,
/// hangt af van wat je gebruikt: Facebook, Instagram of allebei."
pub fn paper_choice(lang: Lang, names: &[String]) -> String {
    let list = match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!(
            "{} {} {}",
            names.join(", "),
            lang.pick("of", "or"),
            all_platforms(lang, n).to_lowercase()
        ),
    };
    lang.pick(
        format!("Welk formulier je nodig hebt, hangt af van wat je gebruikt: {list}."),
        format!("Which form you need depends on what you use: {list}."),
    )
}

/// On paper, the question before the words for a person who uses none of the platforms.
pub fn paper_if_none(lang: Lang, n: usize) -> &'static str {
    if n == 2 {
        lang.pick("Gebruik je geen van beide?", "Do you use neither?")
    } else {
        lang.pick("Gebruik je geen ervan?", "Do you use none of them?")
    }
}

/// On paper, the question before the words for a person who uses all of the platforms.
pub fn paper_if_all(lang: Lang, n: usize) -> &'static str {
    if n == 2 {
        lang.pick("Gebruik je allebei?", "Do you use both?")
    } else {
        lang.pick("Gebruik je ze allemaal?", "Do you use all of them?")
    }
}

/// On paper, the heading over the ready-made reasons.
pub fn paper_reasons(lang: Lang) -> &'static str {
    lang.pick(
        "Een reden om over te nemen, als je wilt",
        "A reason to copy, if you like",
    )
}

/// On paper, after the ready-made reasons.
pub fn paper_own_reason(lang: Lang) -> &'static str {
    lang.pick(
        "Je mag ook zelf een reden schrijven.",
        "You may also write your own reason.",
    )
}

/// On paper, before a page's form links: how to get from the paper to the form. `qr`: each
/// link has a QR code beside it.
pub fn paper_link_hint(lang: Lang, qr: bool) -> &'static str {
    match qr {
        true => lang.pick(
            "Scan de QR-code met de camera van je telefoon. Tik op de link die je dan ziet. Log in als dat gevraagd wordt. Of typ het adres over in je browser.",
            "Scan the QR code with your phone’s camera. Tap the link that appears. Log in if you are asked to. Or type the address into your browser.",
        ),
        false => lang.pick(
            "Typ het adres over in je browser. Log in als dat gevraagd wordt.",
            "Type the address into your browser. Log in if you are asked to.",
        ),
    }
}

/// True for characters that must never reach the terminal from script or user text:
/// C0 controls (including ESC, BEL, TAB, CR), DEL, C1 controls, and bidi overrides and isolates.
/// A newline is handled by the caller (it ends a line).
pub fn forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Makes text safe to draw: every forbidden character becomes U+FFFD, the replacement mark.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if forbidden_char(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn locale_picks_the_language() {
        assert_eq!(Lang::from_env(env(&[])), Lang::Nl);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "nl_NL.UTF-8")])), Lang::Nl);
        assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::Nl);
        // LC_ALL wins over LANG; an empty LC_ALL does not count.
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "nl_BE"),
                ("LANG", "en_US")
            ])),
            Lang::Nl
        );
    }

    #[test]
    fn sanitize_replaces_terminal_controls() {
        assert_eq!(
            sanitize("a\u{1b}[2Jb\u{7}c\u{9b}d\u{202e}e"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e"
        );
        assert_eq!(sanitize("Één brief – ok"), "Één brief – ok");
    }
}

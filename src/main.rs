//! The command line: parse, pick a mode, map errors to exit codes.

#![forbid(unsafe_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{CommandFactory, Parser, Subcommand};

use bezwaar::app::App;
use bezwaar::progress::Store;
use bezwaar::runner::Opener;
use bezwaar::script::{self, Script, ScriptError};
use bezwaar::shelf::Shelf;
use bezwaar::terminal::{self, Clock};
use bezwaar::text::Lang;
use bezwaar::theme::{Theme, ThemeKind};

/// A terminal walkthrough for objecting to a company training its AI on your posts.
#[derive(Debug, Parser)]
#[command(name = "bezwaar", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    /// Language of the walkthrough: one the scripts are written in (the built-in ones: nl, en,
    /// de) [default: the best match for LC_ALL, LC_MESSAGES or LANG; else the first's first]
    #[arg(long, value_name = "TAG", value_parser = parse_lang, global = true)]
    lang: Option<Lang>,

    /// Also read the message catalogs in DIR (one TAG.ftl per language, Fluent), for a
    /// translator to try a language: the app's own words in it, beside the script's texts
    #[arg(long, value_name = "DIR", global = true)]
    catalogs: Option<PathBuf>,

    /// Start the clock at this time instead of now (RFC 3339, e.g. 2025-05-20T12:00:00+02:00);
    /// it runs on from there
    #[arg(long, value_name = "TIME", value_parser = parse_time, global = true)]
    now: Option<DateTime<FixedOffset>>,

    /// Use this walkthrough script alone instead of the built-in ones
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        conflicts_with = "walkthrough"
    )]
    script: Option<PathBuf>,

    /// Start in this built-in walkthrough (meta-ai, linkedin-ai) instead of the first screen
    /// that asks which; `print` prints this one [default for print: the first]
    #[arg(long, value_name = "ID", global = true)]
    walkthrough: Option<String>,

    /// Where links go: `browser` opens them here; `show` shows the link panel (full URL, QR
    /// code for a phone, copy to your clipboard); `desktop` (over SSH) opens them on this
    /// computer's own screen, in this user's desktop session; `auto` picks the browser only on
    /// a local desktop, and over SSH the panel, which offers this computer's screen when this
    /// user has a desktop session here
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto")]
    links: bezwaar::links::LinkMode,

    /// Keep progress in this folder, one file per walkthrough (ID.ron) [default:
    /// ~/.local/state/bezwaar/]. The email address is never saved
    #[arg(long, value_name = "DIR")]
    state: Option<PathBuf>,

    /// Save no progress at all
    #[arg(long, conflicts_with = "state")]
    no_save: bool,

    /// Plain text, line by line, for screen readers and simple terminals (also chosen by
    /// itself when stdin or stdout is not a terminal, or TERM is dumb)
    #[arg(long)]
    plain: bool,

    /// When a link does not open, also write the technical reason to stderr (after the
    /// walkthrough ends; the screen only ever says it in plain words)
    #[arg(long, short)]
    verbose: bool,

    /// How it looks: `high-contrast` is for low vision (the terminal's own colours, with bold,
    /// reverse and underline; nothing dimmed).
    /// NO_COLOR set (to anything but nothing) leaves out every colour in either theme
    #[arg(long, value_enum, value_name = "THEME", default_value_t)]
    theme: ThemeKind,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check walkthrough scripts and report every problem as file:line:col (no FILE: every
    /// built-in one). Exit code 0 when all are valid, 1 when not. Content checked more than
    /// 180 days ago (before --now), or a source without a url, gets a warning; the exit code
    /// stays 0
    Check {
        /// Script files to check
        files: Vec<PathBuf>,
    },
    /// Write the whole walkthrough to stdout as a handout to print: every step, the links in
    /// full, boxes to tick, the sources as numbered notes
    Print {
        /// Markdown (headings, bullets), plain text wrapped at 80 columns, or one HTML page
        /// to print from a browser (large type, a QR code beside each form link)
        #[arg(long, value_enum, default_value_t)]
        format: bezwaar::handout::Format,
    },
    /// Write shell completions to stdout, e.g. `bezwaar completions bash >
    /// ~/.local/share/bash-completion/completions/bezwaar`
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual page to stdout, e.g. `bezwaar man > bezwaar.1; man ./bezwaar.1`
    Man,
    /// Serve the walkthrough over SSH to many people at once: they type `ssh -p 2222 HOST`,
    /// with no account and no password. It runs until SIGTERM or Ctrl-C, and then exits with 0.
    #[cfg(feature = "serve")]
    Serve {
        #[command(flatten)]
        args: bezwaar::serve::Args,
    },
}

/// The exit codes, for `--help` and the man page (the README says the same).
const EXIT_CODES: &str = "Exit codes: 0 done; 1 it could not do its work (a bad script, a \
terminal it cannot use, output it cannot write, a server that cannot start); 2 a wrong \
command line; 128 + n ended by signal n (143 SIGTERM, 129 SIGHUP or a lost terminal, 130 \
SIGINT).";

fn parse_lang(s: &str) -> Result<Lang, String> {
    if Lang::valid(s) {
        Ok(Lang::new(s))
    } else {
        Err("not a language tag; write it like nl, en or de".to_owned())
    }
}

/// Reads every `TAG.ftl` in `dir` as the catalog of language TAG.
fn load_catalogs(dir: &std::path::Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let Some(tag) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if !Lang::valid(tag) {
            return Err(format!(
                "{}: the name is not a language tag",
                path.display()
            ));
        }
        let mut text = String::new();
        std::fs::File::open(&path)
            .and_then(|f| {
                use std::io::Read;
                f.take(1024 * 1024).read_to_string(&mut text)
            })
            .map_err(|e| format!("{}: {e}", path.display()))?;
        bezwaar::i18n::add_catalog(Lang::new(tag), &text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The walkthroughs (every built-in one, or the `--script`), and the language to show them
/// in: `--lang` when one has it, else the best for the locale, else the first's first. A bad
/// catalog or script is exit code 1; a `--lang` none has, or a `--walkthrough` not built
/// in, 2.
fn prepare(cli: &Cli) -> Result<(Shelf, Lang), ExitCode> {
    if let Some(dir) = &cli.catalogs {
        load_catalogs(dir).map_err(|e| {
            eprintln!("bezwaar: --catalogs: {e}");
            ExitCode::FAILURE
        })?;
    }
    let shelf = match &cli.script {
        Some(path) => script::load(path).map(|s| Shelf::one(script::id_of(path), s)),
        None => Shelf::built_in(),
    }
    .map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })?;
    if let Some(id) = &cli.walkthrough
        && shelf.get(id).is_none()
    {
        let ids: Vec<&str> = shelf.ids().collect();
        eprintln!(
            "bezwaar: --walkthrough {}: no such walkthrough; built in: {}",
            bezwaar::text::sanitize(id),
            ids.join(", ")
        );
        return Err(ExitCode::from(2));
    }
    let languages = shelf.languages();
    if let Some(lang) = cli.lang
        && !languages.contains(&lang)
    {
        let list: Vec<&str> = languages.iter().map(|l| l.tag()).collect();
        eprintln!(
            "bezwaar: --lang {lang}: this walkthrough is written in {}",
            list.join(", ")
        );
        return Err(ExitCode::from(2));
    }
    let locale = bezwaar::i18n::locale_of(|k| std::env::var(k).ok());
    let lang = bezwaar::i18n::choose(&languages, cli.lang, locale.as_deref());
    Ok((shelf, lang))
}

fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        "not a date and time with its offset from UTC; write it like \
         2025-05-20T12:00:00+02:00 (date, T, time, then +02:00 or Z)"
            .to_owned()
    })
}

fn main() -> ExitCode {
    // NO_COLOR is bezwaar's to honour (the theme then has no colour at all), not crossterm's:
    // crossterm would also take the black and white out of the QR code, leaving a code no
    // phone can read, and write its empty colour codes as `ESC[m`, which ends bold and reverse.
    crossterm::style::Colored::set_ansi_color_disabled(false);
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => check(
            &files,
            cli.now.map_or_else(Utc::now, |t| t.with_timezone(&Utc)),
            cli.catalogs.as_deref(),
        ),
        Some(Command::Print { format }) => print(&cli, format),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "bezwaar", &mut out);
            write_stdout(&out, "the completions")
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match man(&mut out) {
                Ok(()) => write_stdout(&out, "the manual page"),
                Err(e) => {
                    eprintln!("bezwaar: could not make the manual page: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve { ref args }) => match prepare(&cli) {
            Ok((shelf, lang)) => {
                bezwaar::serve::main(args.clone(), shelf, cli.walkthrough.clone(), lang, cli.now)
            }
            Err(code) => code,
        },
        None => walk(cli),
    }
}

/// `bezwaar check`: every problem of every file, and a warning (exit code 0 all the same)
/// for content checked more than 180 days before `now`, for a source without a url (a url
/// that is not https is a problem), and for a language no catalog has
/// (built in, or in `catalogs`): the app's own words would be in English there.
fn check(files: &[PathBuf], now: DateTime<Utc>, catalogs: Option<&std::path::Path>) -> ExitCode {
    if let Some(dir) = catalogs
        && let Err(e) = load_catalogs(dir)
    {
        eprintln!("bezwaar: --catalogs: {e}");
        return ExitCode::FAILURE;
    }
    let with_catalog = bezwaar::i18n::catalog_languages();
    let results: Vec<(String, Result<Script, ScriptError>)> = if files.is_empty() {
        script::BUILT_IN
            .iter()
            .map(|(id, src)| {
                let name = script::built_in_name(id);
                (format!("{name} (built in)"), script::parse(&name, src))
            })
            .collect()
    } else {
        files
            .iter()
            .map(|f| (f.display().to_string(), script::load(f)))
            .collect()
    };
    let mut ok = true;
    for (name, result) in results {
        match result {
            Ok(s) => {
                println!("{name}: ok ({} pages)", s.pages.len());
                if s.is_stale(now) {
                    eprintln!(
                        "{name}: warning: the content was last checked on {}, {} days ago. \
                         After {} days it may no longer be true: check every fact against its \
                         sources, then set `reviewed` to the day you did.",
                        s.reviewed,
                        s.days_since_review(now),
                        script::STALE_AFTER_DAYS
                    );
                }
                // A source the reader cannot follow: no address where it can be read.
                for src in s.sources.iter().filter(|src| src.url.is_none()) {
                    eprintln!(
                        "{name}: warning: source \"{}\" ({}) has no url: add the https:// address \
                         where it can be read, so a reader can follow it.",
                        src.id.as_str(),
                        src.title.as_str()
                    );
                }
                // A message falls back to the base language's catalog (de for de-at), then
                // to English.
                for lang in &s.languages {
                    if !with_catalog.contains(lang) && !with_catalog.contains(&lang.base()) {
                        eprintln!(
                            "{name}: warning: no catalog for {lang}: the app's own words will be \
                             in English. Write them in {lang}.ftl (every message of \
                             i18n/en.ftl) and try it with --catalogs DIR."
                        );
                    }
                }
            }
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `bezwaar print`: the handout on stdout. A reader that stops early (`| head`) is fine.
fn print(cli: &Cli, format: bezwaar::handout::Format) -> ExitCode {
    let (shelf, lang) = match prepare(cli) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let script = match &cli.walkthrough {
        Some(id) => shelf.get(id),
        None => Some(shelf.first().1),
    };
    let Some(script) = script else {
        return ExitCode::FAILURE;
    };
    let now = cli.now.map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    let handout = bezwaar::handout::render(script, lang, now, format);
    write_stdout(handout.as_bytes(), "the handout")
}

/// The environment variables bezwaar reads, for the man page.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "When set and not empty: no colour at all, in either theme. The QR code stays black on \
         white, as a phone needs it.",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The language without --lang: the first one set picks the best of the script's \
         languages (en_GB.UTF-8 English, de_AT.UTF-8 German); one that matches none gives the \
         script's first (built in: Dutch).",
    ),
    ("TERM", "dumb: plain mode."),
    (
        "COLUMNS",
        "Plain mode wraps at this width when it is below 80.",
    ),
    (
        "BROWSER",
        "The browser for links; one that runs in the terminal (lynx, w3m...) is never started.",
    ),
    (
        "DISPLAY, WAYLAND_DISPLAY, SSH_CONNECTION, SSH_CLIENT, SSH_TTY",
        "--links auto opens a browser only on a local desktop: not over SSH.",
    ),
    (
        "XDG_STATE_HOME",
        "Progress is kept in $XDG_STATE_HOME/bezwaar/, a file per walkthrough (ID.ron; \
         ~/.local/state/...).",
    ),
];

/// The man page: clap_mangen's sections from the same definitions as `--help`, with the
/// environment and the exit status as sections of their own.
fn man(out: &mut Vec<u8>) -> std::io::Result<()> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    page.render_subcommands_section(out)?;
    // Plain text into roff: backslashes and hyphens escaped; no line starts with a dot.
    let roff = |s: &str| s.replace('\\', "\\e").replace('-', "\\-");
    writeln!(out, ".SH ENVIRONMENT")?;
    for (name, what) in ENVIRONMENT {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(name), roff(what))?;
    }
    writeln!(out, ".SH \"EXIT STATUS\"\n{}", roff(EXIT_CODES))?;
    page.render_version_section(out)
}

/// Writes `bytes` (`what`, for the message) to stdout. A reader that stops early (`| head`)
/// is fine; any other failure is exit code 1.
fn write_stdout(bytes: &[u8], what: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("bezwaar: could not write {what}: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The desktop session of this user on this computer, looked for only where it can help:
/// over SSH with `--links auto` (the panel then offers it), and with `--links desktop`.
/// `--links show` never starts anything; a local desktop has its own browser.
fn find_desktop(
    mode: bezwaar::links::LinkMode,
    target: bezwaar::links::Target,
    os: bezwaar::links::Os,
) -> Result<bezwaar::desktop::Desktop, bezwaar::desktop::Failure> {
    use bezwaar::links::{LinkMode, Target};
    let over_ssh = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
    let wanted = match mode {
        LinkMode::Desktop => true,
        LinkMode::Auto => target == Target::Show && over_ssh,
        LinkMode::Browser | LinkMode::Show => false,
    };
    if !wanted {
        return Err(bezwaar::desktop::Failure::NoDesktop {
            detail: "not looked for: not over SSH, or --links show or browser".to_owned(),
        });
    }
    bezwaar::desktop::Desktop::find(std::env::vars_os(), os)
}

fn walk(cli: Cli) -> ExitCode {
    let (shelf, lang) = match prepare(&cli) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let clock = match cli.now {
        Some(t) => Clock::starting_at(t.with_timezone(&Utc)),
        None => Clock::system(),
    };
    let state = match (&cli.state, cli.no_save) {
        (_, true) => None,
        (Some(dir), false) => Some(dir.clone()),
        (None, false) => Store::default_folder(),
    };
    let mut opener = Opener::new(Arc::new(shelf), state);
    let start = cli.walkthrough.as_deref();
    if bezwaar::plain::wanted_here(cli.plain) {
        return match bezwaar::runner::plain::run_stdio(opener, start, lang, clock) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bezwaar: plain mode stopped: could not read or write the text: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let os = bezwaar::links::Os::current();
    let target = bezwaar::links::decide(cli.links, os, |k| std::env::var(k).ok());
    let desktop = find_desktop(cli.links, target, os);
    if cli.verbose
        && let Err(why) = &desktop
    {
        eprintln!(
            "bezwaar: no desktop session to open links on: {}",
            why.detail()
        );
    }
    let desktop = desktop.ok().map(Arc::new);
    // NO_COLOR is read here, so the App stays a pure function of what it is given.
    let theme = Theme::from_env(cli.theme, |k| std::env::var(k).ok());
    let first = opener.shelf().first().1.clone();
    let like = bezwaar::walk::Walk::new(first.clone(), clock.now())
        .with_link_target(target)
        .with_desktop(desktop.is_some());
    let opened = opener.start(start, &like);
    let mut app = App::new(first, lang, clock.now(), size)
        .with_zone(bezwaar::deadline::Zone::Local)
        .with_theme(theme)
        .with_walk(opened.walk);
    if let Some(notice) = opened.notice {
        app.update(bezwaar::app::Event::Notice(notice));
    }
    let reach = terminal::Reach {
        verbose: cli.verbose,
        desktop,
    };
    match terminal::run(app.into_core(), clock, opened.store, reach, &mut opener) {
        Ok(ending) => ExitCode::from(ending.exit_code()),
        Err(e) => {
            eprintln!(
                "bezwaar: this terminal could not be used ({e}). `bezwaar --plain` works in any \
                 terminal, and `bezwaar print` writes the steps as a handout."
            );
            ExitCode::FAILURE
        }
    }
}

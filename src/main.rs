//! The command line: parse, pick a mode, map errors to exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use clap::{Parser, Subcommand};

use bezwaar::app::App;
use bezwaar::progress::Store;
use bezwaar::script::{self, Script, ScriptError};
use bezwaar::terminal::{self, Clock};
use bezwaar::text::Lang;

/// A walkthrough, page by page, for objecting to Meta using your Facebook and Instagram
/// posts, photos and comments to train its AI.
#[derive(Debug, Parser)]
#[command(name = "bezwaar", version, about, long_about = None)]
struct Cli {
    /// Language of the walkthrough [default: from LC_ALL, LC_MESSAGES or LANG; en* is English,
    /// anything else Dutch]
    #[arg(long, value_enum, global = true)]
    lang: Option<Lang>,

    /// Start the clock at this time instead of now (RFC 3339, e.g. 2025-05-20T12:00:00+02:00);
    /// it runs on from there
    #[arg(long, value_name = "TIME", value_parser = parse_time, global = true)]
    now: Option<DateTime<FixedOffset>>,

    /// Use this walkthrough script instead of the built-in one
    #[arg(long, value_name = "FILE", global = true)]
    script: Option<PathBuf>,

    /// Where links go: `browser` opens them here; `show` shows the link panel (full URL, QR
    /// code for a phone, copy to your clipboard); `auto` picks the browser only on a local
    /// desktop, never over SSH
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto")]
    links: bezwaar::links::LinkMode,

    /// Keep progress in this file [default: ~/.local/state/bezwaar/progress.ron]. The email
    /// address is never saved
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// Save no progress at all
    #[arg(long, conflicts_with = "state")]
    no_save: bool,

    /// Plain text, line by line, for screen readers and simple terminals (also chosen by
    /// itself when stdin or stdout is not a terminal, or TERM is dumb)
    #[arg(long, global = true)]
    plain: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check walkthrough scripts and report every problem as file:line:col (no FILE: the
    /// built-in script). Exit code 0 when all are valid, 1 when not
    Check {
        /// Script files to check
        files: Vec<PathBuf>,
    },
    /// Write the whole walkthrough to stdout as a handout to print: every step, the links in
    /// full, a checklist, the sources
    Print {
        /// Markdown (headings, bullets) or plain text wrapped at 80 columns
        #[arg(long, value_enum, default_value_t)]
        format: bezwaar::handout::Format,
    },
}

fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("{e}; expected a time like 2025-05-20T12:00:00+02:00"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Print { format }) => print(&cli, format),
        None => walk(cli),
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let results: Vec<(String, Result<Script, ScriptError>)> = if files.is_empty() {
        vec![(
            format!("{} (built in)", script::EMBEDDED_NAME),
            script::embedded(),
        )]
    } else {
        files
            .iter()
            .map(|f| (f.display().to_string(), script::load(f)))
            .collect()
    };
    let mut ok = true;
    for (name, result) in results {
        match result {
            Ok(s) => println!("{name}: ok ({} pages)", s.pages.len()),
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
    let loaded = match &cli.script {
        Some(path) => script::load(path),
        None => script::embedded(),
    };
    let script = match loaded {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let lang = cli
        .lang
        .unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok()));
    let now = cli.now.map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    let handout = bezwaar::handout::render(&script, lang, now, format);
    let mut out = std::io::stdout().lock();
    match out.write_all(handout.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("bezwaar: could not write the handout: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn walk(cli: Cli) -> ExitCode {
    let loaded = match &cli.script {
        Some(path) => script::load(path),
        None => script::embedded(),
    };
    let script = match loaded {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let lang = cli
        .lang
        .unwrap_or_else(|| Lang::from_env(|k| std::env::var(k).ok()));
    let clock = match cli.now {
        Some(t) => Clock::starting_at(t.with_timezone(&Utc)),
        None => Clock::system(),
    };
    if bezwaar::plain::wanted_here(cli.plain) {
        return match bezwaar::plain::run_stdio(Arc::new(script), lang, clock) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bezwaar: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let target = bezwaar::links::decide(cli.links, bezwaar::links::Os::current(), |k| {
        std::env::var(k).ok()
    });
    let store = match (&cli.state, cli.no_save) {
        (_, true) => Store::none(),
        (Some(path), false) => Store::at(path.clone()),
        (None, false) => Store::default_place().unwrap_or_else(Store::none),
    };
    let (saved, notice) = store.load(clock.now());
    let offset = *chrono::Local::now().offset();
    let mut app = App::new(Arc::new(script), lang, clock.now(), size)
        .with_link_target(target)
        .with_utc_offset(offset);
    if let Some(saved) = &saved {
        app = app.resume(saved);
    }
    if let Some(notice) = notice {
        app.update(bezwaar::app::Event::Notice(notice));
    }
    match terminal::run(app, clock, store) {
        Ok(ending) => ExitCode::from(ending.exit_code()),
        Err(e) => {
            eprintln!("bezwaar: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

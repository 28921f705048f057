//! `bezwaar serve`'s options: the command line's ([`Args`]), resolved into what the server
//! needs ([`Options`]), and where people reach it (`--public-address`, else the address a
//! connection came in on).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};

use bezwaar_core::shelf::Shelf;
use bezwaar_core::text::Lang;
use bezwaar_view::runner::Clock;

use crate::{hostkey, limit, server};

/// `bezwaar serve`'s own options (`--lang`, `--now` and `--script` are the global ones).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Address and port to listen on. The default lets in only this machine; to let others
    /// in, use 0.0.0.0:2222 (all IPv4 addresses) or [::]:2222 (IPv6, often both)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:2222")]
    pub listen: String,

    /// The server's ed25519 host key, made on first start (mode 0600)
    /// [default: ssh_host_ed25519_key in the data directory, e.g. ~/.local/share/bezwaar]
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,

    /// Walkthroughs at once; the next visitor is asked to try again in a minute
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_sessions: usize,

    /// Close a walkthrough after this many seconds without a key press (at least an hour
    /// while the link panel shows a form's link, and after it closed until the next key)
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    pub idle_timeout: u64,

    /// Close a connection that has not logged in and asked for a terminal within this many
    /// seconds
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub login_timeout: u64,

    /// New connections per minute from one address (an IPv6 /64 counts as one); as many may
    /// come at once. 0: no limit
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub per_minute: u32,

    /// Connections, and walkthroughs, open at once from one address (an IPv6 /64 counts as
    /// one). 0: no limit
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub per_address: usize,

    /// How addresses are grouped into one source for every per-address limit (connections,
    /// walkthroughs, wrong codes, held walks), as OpenSSH's PerSourceNetBlockSize: the IPv6
    /// prefix length (e.g. 48: a whole site is one source), or IPV4:IPV6 (e.g. 24:48)
    #[arg(long, value_name = "BITS", default_value = "32:64")]
    pub per_source_net_block: limit::NetBlock,

    /// Behind a load balancer such as HAProxy: every connection starts with a PROXY header
    /// (version 1 or 2), and the visitor's address in it is the one the limits count. A
    /// connection without a valid header is closed
    #[arg(long)]
    pub proxy_protocol: bool,

    /// The name (and port) people type to reach this server, for the ssh lines a helper or a
    /// returning person types; e.g. bezwaar.example.nl or bezwaar.example.nl:2222
    /// [default: the address and port the connection came in on]
    #[arg(long, value_name = "HOST[:PORT]")]
    pub public_address: Option<String>,

    /// How long a look-along code works, in seconds (once)
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    pub invite_timeout: u64,

    /// How long a walk that ended without the person quitting (a dropped connection, the
    /// idle timeout) can be picked up again, in seconds. 0: not at all
    #[arg(long, value_name = "SECS", default_value_t = 86400)]
    pub hold: u64,

    /// Walks held to come back to, at most (in memory only; at most 10 per source; when full,
    /// the oldest of the source that holds the most goes first). 0: none
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_held: usize,
}

/// Everything the server needs, resolved.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: String,
    pub host_key: PathBuf,
    pub max_sessions: usize,
    pub idle_timeout: Duration,
    pub login_timeout: Duration,
    pub per_minute: u32,
    pub per_address: usize,
    pub net_block: limit::NetBlock,
    pub proxy_protocol: bool,
    /// `--public-address`: the host (and port) in the lines to type; `None`: the address each
    /// connection came in on.
    pub public_address: Option<(String, Option<u16>)>,
    pub invite_timeout: Duration,
    pub hold: Duration,
    pub max_held: usize,
    /// For visitors whose ssh sends no LANG (or one that is neither Dutch nor English).
    pub lang: Lang,
    pub clock: Clock,
    /// The walkthroughs every visitor may choose from.
    pub shelf: Arc<Shelf>,
    /// `--walkthrough`: the one every visitor starts in (`None`: the chooser, with several).
    pub start: Option<String>,
}

/// `bezwaar serve` from the command line: resolve the options, run until SIGTERM, SIGINT or
/// SIGHUP, and say how it went as an exit code (0: stopped as asked; 1: could not start).
pub fn main(
    args: Args,
    shelf: Shelf,
    start: Option<String>,
    lang: Lang,
    now: Option<DateTime<FixedOffset>>,
) -> ExitCode {
    let Some(host_key) = args.host_key.or_else(hostkey::default_path) else {
        eprintln!("bezwaar serve: no data directory to keep the host key in; pass --host-key FILE");
        return ExitCode::FAILURE;
    };
    let public_address = match args.public_address.as_deref().map(parse_public_address) {
        Some(Ok(address)) => Some(address),
        Some(Err(e)) => {
            eprintln!("bezwaar serve: --public-address: {e}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let options = Options {
        listen: args.listen,
        host_key,
        max_sessions: args.max_sessions,
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        login_timeout: Duration::from_secs(args.login_timeout.max(1)),
        per_minute: args.per_minute,
        per_address: args.per_address,
        net_block: args.per_source_net_block,
        proxy_protocol: args.proxy_protocol,
        public_address,
        invite_timeout: Duration::from_secs(args.invite_timeout.max(1)),
        hold: Duration::from_secs(args.hold),
        max_held: if args.hold == 0 { 0 } else { args.max_held },
        // As everywhere: --lang, else the server's own locale (Dutch unless it is en…).
        lang,
        clock: now.map_or_else(Clock::system, |t| Clock::starting_at(t.with_timezone(&Utc))),
        shelf: Arc::new(shelf),
        start,
    };
    match server::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bezwaar serve: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `HOST`, `HOST:PORT`, `[IPv6]` or `[IPv6]:PORT`: a name people can type.
fn parse_public_address(s: &str) -> Result<(String, Option<u16>), String> {
    let bad = || format!("{s:?} is not a host name or address, with or without :PORT");
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(bad)?;
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return Err(bad()),
        }
    } else if s.matches(':').count() == 1 {
        let (h, p) = s.split_once(':').ok_or_else(bad)?;
        (h, Some(p))
    } else {
        (s, None)
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|&p| p != 0).ok_or_else(bad)?),
        None => None,
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_');
    if host.is_empty() || host.len() > 253 || !host.chars().all(ok) {
        return Err(bad());
    }
    Ok((host.to_owned(), port))
}

/// Where a connection reached the server, as people type it: `--public-address`, else the
/// address and port the connection came in on.
pub(crate) fn public_address(
    options: &Options,
    local: Option<SocketAddr>,
) -> bezwaar_view::ui::seat::Address {
    let port = local.map_or(22, |a| a.port());
    match &options.public_address {
        Some((host, p)) => bezwaar_view::ui::seat::Address {
            host: host.clone(),
            port: p.unwrap_or(port),
        },
        None => {
            let ip = local.map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip());
            let ip = match ip {
                IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
                v4 => v4,
            };
            bezwaar_view::ui::seat::Address {
                host: ip.to_string(),
                port,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_is_a_host_with_or_without_a_port() {
        let ok = |s: &str| parse_public_address(s).unwrap();
        assert_eq!(
            ok("bezwaar.example.nl"),
            ("bezwaar.example.nl".into(), None)
        );
        assert_eq!(
            ok("bezwaar.example.nl:22"),
            ("bezwaar.example.nl".into(), Some(22))
        );
        assert_eq!(ok("192.0.2.7:2222"), ("192.0.2.7".into(), Some(2222)));
        assert_eq!(ok("[2001:db8::7]:2222"), ("2001:db8::7".into(), Some(2222)));
        assert_eq!(ok("2001:db8::7"), ("2001:db8::7".into(), None));
        for bad in [
            "",
            "host:",
            "host:0",
            "host:99999",
            "a b",
            "[::1",
            "ho;st",
            "x\u{1b}y",
        ] {
            assert!(parse_public_address(bad).is_err(), "{bad:?}");
        }
    }
}

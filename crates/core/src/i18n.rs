//! Languages as data. A language is a tag (`nl`, `en`, `de`); the app's own words live in one
//! Fluent message catalog per language (`i18n/<tag>.ftl`, embedded in the binary), with
//! plural rules from CLDR (Fluent selects `[one]`, `[other]`, … for the catalog's language).
//! A new language is a new catalog file plus the script's texts: no Rust change. More
//! catalogs can be added when bezwaar starts (`--catalogs DIR`), for a translator to try one.
//!
//! A message missing in a catalog falls back to English, then to its id, so a half-done
//! translation still works. Words without arguments are formatted once per language and
//! kept (they are asked for every frame).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language: its tag (`nl`, `en`, `de-at`). Scripts name theirs, so it lives with them.
pub use bezwaar_script::Lang;

/// Everything the app says, one function per message of `i18n/en.ftl` (made by build.rs),
/// named after it (`help-panel-enter` is `msg::help_panel_enter`), with a parameter per
/// variable its words use, in the order they first appear: a message or an argument the
/// catalogs do not have is a compile error. Each looks its words up in the language asked
/// for, then its base language, then English.
pub mod msg {
    use super::Lang;
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

// EMBEDDED: every `i18n/*.ftl`, made by build.rs: a new language is a file.
// PLAIN and PLACED: each built-in catalog in two parts, made by build.rs.
include!(concat!(env!("OUT_DIR"), "/plain.rs"));
include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// The language a message comes from when its own catalog lacks it.
const FALLBACK: Lang = Lang::En;

/// The catalogs read so far: of a built-in one, the messages with arguments are parsed the
/// first time one of them is asked for in its language (most runs use one language; the
/// others are plain words, `PLAIN`); one added with [`add_catalog`] when it is added.
struct Catalogs {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    /// Languages whose catalog was added at run time: theirs is the whole of it.
    added: Vec<Lang>,
}

/// The built-in catalog of `lang`, as text.
fn embedded(lang: Lang) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(tag, _)| *tag == lang.tag())
        .map(|(_, ftl)| *ftl)
}

/// The messages with arguments of the built-in catalog of `lang`, as Fluent text.
fn placed(lang: Lang) -> Option<&'static str> {
    PLACED
        .iter()
        .find(|(tag, _)| *tag == lang.tag())
        .map(|(_, ftl)| *ftl)
}

/// Message `id` of the built-in catalog of `lang`, when it is only words (and no catalog
/// added at run time stands in for it).
fn plain(lang: Lang, id: &str) -> Option<&'static str> {
    let (_, words) = PLAIN.iter().find(|(tag, _)| *tag == lang.tag())?;
    let at = words.binary_search_by(|(i, _)| (*i).cmp(id)).ok()?;
    let added = catalogs()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .added
        .contains(&lang);
    (!added).then_some(words[at].1)
}

fn bundle(lang: Lang, ftl: &str) -> Result<FluentBundle<FluentResource>, String> {
    let resource = FluentResource::try_new(ftl.to_owned()).map_err(|(_, errors)| {
        format!(
            "{lang}: {} problem(s) in the catalog: {errors:?}",
            errors.len()
        )
    })?;
    let id: LanguageIdentifier = lang
        .tag()
        .parse()
        .map_err(|_| format!("{lang}: not a language tag"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No bidi isolation marks around arguments: they are control characters to a terminal.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| format!("{lang}: {errors:?}"))?;
    Ok(bundle)
}

fn catalogs() -> &'static RwLock<Catalogs> {
    static CATALOGS: OnceLock<RwLock<Catalogs>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        RwLock::new(Catalogs {
            bundles: HashMap::new(),
            added: Vec::new(),
        })
    })
}

/// `f` over the catalog of `lang`, reading the built-in one first if it was not yet read;
/// `None` when `lang` has no catalog.
fn with_bundle<R>(lang: Lang, f: impl FnOnce(&FluentBundle<FluentResource>) -> R) -> Option<R> {
    if let Some(b) = catalogs()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .bundles
        .get(&lang)
    {
        return Some(f(b));
    }
    let ftl = placed(lang)?;
    let mut catalogs = catalogs().write().unwrap_or_else(|e| e.into_inner());
    let b = catalogs
        .bundles
        .entry(lang)
        .or_insert_with(|| bundle(lang, ftl).unwrap_or_else(|e| panic!("built-in catalog {e}")));
    Some(f(b))
}

/// Words without arguments, formatted once.
fn cache() -> &'static RwLock<HashMap<(Lang, &'static str), &'static str>> {
    static CACHE: OnceLock<RwLock<HashMap<(Lang, &'static str), &'static str>>> = OnceLock::new();
    CACHE.get_or_init(RwLock::default)
}

/// Adds (or replaces) the catalog for `lang` from Fluent text. A catalog with syntax errors
/// is refused whole, with what is wrong.
pub fn add_catalog(lang: Lang, ftl: &str) -> Result<(), String> {
    let b = bundle(lang, ftl)?;
    let mut catalogs = catalogs().write().unwrap_or_else(|e| e.into_inner());
    catalogs.bundles.insert(lang, b);
    if !catalogs.added.contains(&lang) {
        catalogs.added.push(lang);
    }
    drop(catalogs);
    cache()
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|(l, _), _| *l != lang);
    Ok(())
}

/// Every language with a catalog.
pub fn catalog_languages() -> Vec<Lang> {
    let mut langs: Vec<Lang> = catalogs()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .bundles
        .keys()
        .copied()
        .chain(EMBEDDED.iter().map(|(tag, _)| Lang::new(tag)))
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

/// Every message id of `lang`'s own built-in catalog (for tests: all catalogs say all
/// messages).
pub fn message_ids(lang: Lang) -> Vec<String> {
    message_ids_in(embedded(lang).unwrap_or(""))
}

/// The message ids of Fluent text, sorted (as Fluent's parser reads it, whatever it could).
pub fn message_ids_in(ftl: &str) -> Vec<String> {
    let resource = FluentResource::try_new(ftl.to_owned()).unwrap_or_else(|(r, _)| r);
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

/// Message `id` of one catalog with `args`; `None` when the catalog lacks it.
fn words_in(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = vec![];
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// `id` in `lang` with `args`, falling back to English, then to the id itself.
/// Plain words come as they are built in; formatted ones are made.
fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Cow<'static, str> {
    for l in [lang, lang.base(), FALLBACK] {
        if let Some(words) = plain(l, id) {
            return Cow::Borrowed(words);
        }
        if let Some(Some(words)) = with_bundle(l, |bundle| words_in(bundle, id, args)) {
            return Cow::Owned(words);
        }
    }
    debug_assert!(false, "no message {id:?} in any catalog");
    Cow::Owned(id.to_owned())
}

/// The words of message `id` in `lang` (through [`msg`], which names every id).
fn tr(lang: Lang, id: &'static str) -> &'static str {
    cached(lang, id).unwrap_or_else(|| match format(lang, id, None) {
        Cow::Borrowed(words) => words,
        Cow::Owned(words) => keep(lang, id, words),
    })
}

/// Words of `id` in `lang` formatted before.
fn cached(lang: Lang, id: &'static str) -> Option<&'static str> {
    cache()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&(lang, id))
        .copied()
}

/// Keeps `words` as those of `id` in `lang`, for the program's life.
fn keep(lang: Lang, id: &'static str, words: String) -> &'static str {
    let words: &'static str = Box::leak(words.into_boxed_str());
    cache()
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert((lang, id), words);
    words
}

/// A language's name in itself ("Deutsch"), its catalog's `language-name`: plain words, so
/// naming the next language in the footer reads no catalog.
pub fn language_name(lang: Lang) -> &'static str {
    tr(lang, "language-name")
}

/// The words of message `id` in `lang`, without arguments, for an id known only at run time
/// (a test that reads every message of a catalog). The app says everything through [`msg`].
pub fn by_id(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// An argument of a message: a number (plurals choose by it) or a string.
pub enum Arg<'a> {
    Num(i64),
    Str(&'a str),
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(n as i64)
    }
}
impl From<u16> for Arg<'_> {
    fn from(n: u16) -> Self {
        Arg::Num(i64::from(n))
    }
}
impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}

/// The words of message `id` in `lang`, with its arguments (through [`msg`], which names
/// every id and argument).
fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Num(n) => fluent.set(*name, FluentValue::from(*n)),
            Arg::Str(s) => fluent.set(*name, FluentValue::from(*s)),
        }
    }
    format(lang, id, Some(&fluent)).into_owned()
}

/// The language to use of `available`: the one asked for (`--lang`), else the best for the
/// locale, else the first available (the script's default).
pub fn choose(available: &[Lang], asked: Option<Lang>, locale: Option<&str>) -> Lang {
    asked
        .or_else(|| negotiate(available, locale))
        .or(available.first().copied())
        .unwrap_or(FALLBACK)
}

/// The language after `lang` in `available`, round: what `L` switches to.
pub fn next(available: &[Lang], lang: Lang) -> Lang {
    let at = available.iter().position(|l| *l == lang);
    match at {
        Some(i) => available[(i + 1) % available.len()],
        None => available.first().copied().unwrap_or(lang),
    }
}

/// The locale of an environment, as gettext reads it: the first of LC_ALL, LC_MESSAGES and
/// LANG that is set and not empty.
pub fn locale_of(get: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| get(k))
        .find(|v| !v.is_empty())
}

/// The best of `available` for a locale such as `de_AT.UTF-8` (or `nl`, `en-GB`): the same
/// language, with or without its region; `None` when none matches (`C`, `POSIX`, an unknown
/// language). One rule for the local terminal and for what an SSH client sends.
pub fn negotiate(available: &[Lang], locale: Option<&str>) -> Option<Lang> {
    let locale = locale?;
    // "de_AT.UTF-8@euro" → "de-AT".
    let tag = locale
        .split(['.', '@'])
        .next()
        .unwrap_or("")
        .replace('_', "-");
    let requested: LanguageIdentifier = tag.parse().ok()?;
    let offered: Vec<LanguageIdentifier> = available
        .iter()
        .filter_map(|l| l.tag().parse().ok())
        .collect();
    let found = fluent_langneg::negotiate_languages(
        &[requested],
        &offered,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    let first = found.first()?;
    available
        .iter()
        .copied()
        .find(|l| l.tag().parse::<LanguageIdentifier>().ok().as_ref() == Some(*first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_picks_the_best_declared_language() {
        let langs = [Lang::Nl, Lang::En, Lang::De];
        let pick = |l: &str| negotiate(&langs, Some(l));
        assert_eq!(pick("de_AT.UTF-8"), Some(Lang::De));
        assert_eq!(pick("de_DE.UTF-8@euro"), Some(Lang::De));
        assert_eq!(pick("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(pick("nl_BE"), Some(Lang::Nl));
        assert_eq!(pick("nl"), Some(Lang::Nl));
        assert_eq!(pick("C.UTF-8"), None);
        assert_eq!(pick("POSIX"), None);
        assert_eq!(pick("fr_FR.UTF-8"), None);
        assert_eq!(pick(""), None);
        assert_eq!(negotiate(&[Lang::Nl, Lang::En], Some("de_DE")), None);
        // LC_ALL wins over LANG, as in gettext; an empty one does not count.
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            locale_of(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL")])).as_deref(),
            Some("en_US.UTF-8")
        );
        assert_eq!(
            locale_of(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "nl_BE"),
                ("LANG", "en")
            ]))
            .as_deref(),
            Some("nl_BE")
        );
        assert_eq!(locale_of(env(&[])), None);
    }

    #[test]
    fn tags_are_normalised_and_kept_once() {
        assert_eq!(Lang::new("DE"), Lang::De);
        assert_eq!(Lang::new("pt_BR"), Lang::new("pt-br"));
        assert_eq!(Lang::new("pt-BR").tag(), "pt-br");
        assert_eq!(Lang::new("de-AT").base(), Lang::De);
        assert!(Lang::valid("xx") && Lang::valid("pt_BR") && Lang::valid("sr-Latn"));
        assert!(!Lang::valid("1x") && !Lang::valid("reviewed") && !Lang::valid("x"));
    }

    #[test]
    fn a_language_names_itself_as_its_whole_catalog_does() {
        for (tag, ftl) in EMBEDDED {
            let lang = Lang::new(tag);
            let whole = bundle(lang, ftl).unwrap();
            let expected = words_in(&whole, "language-name", None).unwrap();
            assert_eq!(language_name(lang), expected, "{tag}");
        }
        assert_eq!(language_name(Lang::De), "Deutsch");
    }

    #[test]
    fn the_two_parts_of_a_catalog_say_what_the_whole_says() {
        for (tag, ftl) in EMBEDDED {
            let lang = Lang::new(tag);
            let whole = bundle(lang, ftl).unwrap();
            let part = bundle(lang, placed(lang).unwrap()).unwrap();
            let ids = message_ids_in(ftl);
            assert!(ids.len() > 100, "{tag}");
            for id in ids {
                let want = words_in(&whole, &id, None).unwrap();
                let got = plain(lang, &id)
                    .map(str::to_owned)
                    .or_else(|| words_in(&part, &id, None))
                    .unwrap_or_else(|| panic!("{tag}: {id} is in neither part"));
                assert_eq!(got, want, "{tag}: {id}");
                assert!(
                    plain(lang, &id).is_none() || words_in(&part, &id, None).is_none(),
                    "{tag}: {id} is in both parts"
                );
            }
        }
    }

    #[test]
    fn every_built_in_catalog_reads_without_a_problem() {
        // They are read when their language is first asked for: a mistake would show late.
        for (tag, ftl) in EMBEDDED {
            if let Err(e) = bundle(Lang::new(tag), ftl) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn every_catalog_says_every_message() {
        let en = message_ids(Lang::En);
        assert!(en.len() > 100, "{}", en.len());
        for lang in catalog_languages() {
            assert_eq!(message_ids(lang), en, "{lang}");
        }
    }

    #[test]
    fn plurals_follow_the_language_and_nothing_isolates_arguments() {
        let days = |lang, n: i64| tr_args(lang, "unit-day", &[("n", n.into())]);
        assert_eq!(days(Lang::Nl, 1), "1 dag");
        assert_eq!(days(Lang::Nl, 2), "2 dagen");
        assert_eq!(days(Lang::En, 1), "1 day");
        assert_eq!(days(Lang::De, 1), "1 Tag");
        assert_eq!(days(Lang::De, 2), "2 Tage");
        assert!(!days(Lang::En, 5).contains(['\u{2068}', '\u{2069}']));
    }
}

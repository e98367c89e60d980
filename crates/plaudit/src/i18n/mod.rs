//! Every word a person reads, in their language: the Fluent catalogues under `locales/`, the
//! language each reader gets, and dates and numbers written their way.
//!
//! Code and templates name messages by id (`lang.t(id)`, `Msg::new(id)`); the
//! catalogues hold the words, with variables (`{ $program }`) and plural rules. Operations
//! return [`Msg`] values, so the same refusal reads right on a page, in the API and in mail.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The catalogue files of one language, compiled into the binary.
macro_rules! catalogue {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../../locales/", $lang, "/account.ftl")),
            include_str!(concat!("../../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../../locales/", $lang, "/mail.ftl")),
            include_str!(concat!("../../locales/", $lang, "/candidacy.ftl")),
            include_str!(concat!("../../locales/", $lang, "/contributions.ftl")),
            include_str!(concat!("../../locales/", $lang, "/import.ftl")),
            include_str!(concat!("../../locales/", $lang, "/profile.ftl")),
            include_str!(concat!("../../locales/", $lang, "/review.ftl")),
            include_str!(concat!("../../locales/", $lang, "/settings.ftl")),
            include_str!(concat!("../../locales/", $lang, "/audit.ftl")),
            include_str!(concat!("../../locales/", $lang, "/cycles.ftl")),
            include_str!(concat!("../../locales/", $lang, "/places.ftl")),
            include_str!(concat!("../../locales/", $lang, "/public.ftl")),
            include_str!(concat!("../../locales/", $lang, "/benefits.ftl")),
            include_str!(concat!("../../locales/", $lang, "/announcements.ftl")),
            include_str!(concat!("../../locales/", $lang, "/feedback.ftl")),
            include_str!(concat!("../../locales/", $lang, "/speaking.ftl")),
            include_str!(concat!("../../locales/", $lang, "/community.ftl")),
            include_str!(concat!("../../locales/", $lang, "/ama.ftl")),
            include_str!(concat!("../../locales/", $lang, "/sources.ftl")),
        ]
    };
}

/// A language Plaudit ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub const ALL: &[Lang] = &[Lang::En, Lang::De];

    /// The BCP 47 code: for `<html lang>`, `Content-Language` and the account's choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language of a code or a tag with a region (`de`, `de-AT`, `DE`).
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.iter().copied().find(|lang| lang.code() == primary)
    }

    /// The language's name in itself, for the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    fn sources(self) -> [&'static str; 22] {
        match self {
            Lang::En => catalogue!("en"),
            Lang::De => catalogue!("de"),
        }
    }

    /// A message without variables.
    pub fn t(self, id: &str) -> String {
        format(self, id, None)
    }

    /// A country's name from its ISO 3166-1 code ("DE" → "Germany"); the code itself when it
    /// is none we know.
    pub fn country_name(self, code: &str) -> String {
        lookup(self, &format!("country-{code}")).unwrap_or_else(|| code.to_owned())
    }

    /// A language's name from its tag: "pt-BR" → "Portuguese (BR)"; the tag itself when its
    /// language is none we know.
    pub fn language_name(self, tag: &str) -> String {
        let (language, rest) = tag.split_once('-').unwrap_or((tag, ""));
        match lookup(self, &format!("language-{language}")) {
            Some(name) if rest.is_empty() => name,
            Some(name) => format!("{name} ({rest})"),
            None => tag.to_owned(),
        }
    }

    /// A message with its variables.
    pub fn msg(self, msg: &Msg) -> String {
        if msg.args.is_empty() {
            return format(self, msg.id, None);
        }
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            match value {
                Arg::Str(s) => args.set(*name, FluentValue::from(s.as_str())),
                Arg::Num(n) => args.set(*name, FluentValue::from(*n)),
            }
        }
        format(self, msg.id, Some(&args))
    }

    /// A message with one number variable, as templates call it (plural forms hang on it).
    pub fn t_num(self, id: &str, name: &'static str, value: impl Borrow<i64>) -> String {
        self.with_arg(id, name, Arg::Num(*value.borrow()))
    }

    /// A message with one text variable, as templates call it.
    pub fn t_str(self, id: &str, name: &'static str, value: impl AsRef<str>) -> String {
        self.with_arg(id, name, Arg::Str(value.as_ref().to_owned()))
    }

    fn with_arg(self, id: &str, name: &'static str, value: Arg) -> String {
        let mut args = FluentArgs::new();
        match value {
            Arg::Str(s) => args.set(name, FluentValue::from(s)),
            Arg::Num(n) => args.set(name, FluentValue::from(n)),
        }
        format(self, id, Some(&args))
    }

    /// A date as people of this language write it: "3 December 2026", "3. Dezember 2026".
    pub fn date(self, date: jiff::civil::Date) -> String {
        let month = self.t(&format!("month-{}", date.month()));
        self.msg(
            &Msg::new("date-long")
                .arg("day", i64::from(date.day()))
                .arg("month", month)
                .arg("year", date.year().to_string()),
        )
    }

    /// An instant as people of this language write it, in UTC (the server knows no reader's
    /// time zone): "3 December 2026, 14:05 UTC".
    pub fn instant_utc(self, at: jiff::Timestamp) -> String {
        let utc = jiff::tz::TimeZone::UTC.to_datetime(at);
        let time = format!("{:02}:{:02}", utc.hour(), utc.minute());
        self.msg(&Msg::new("datetime-utc").arg("date", self.date(utc.date())).arg("time", time))
    }

    /// A whole number with this language's thousands separator: "10,000", "10.000".
    pub fn number(self, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        let separator = self.t("number-group-separator");
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&separator);
            }
            out.push(c);
        }
        out
    }
}

/// A message to show later, in whatever language the reader has: what operations return.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A message's variable.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(i64),
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Str(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Str(v)
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Num(v)
    }
}

impl From<u32> for Arg {
    fn from(v: u32) -> Arg {
        Arg::Num(i64::from(v))
    }
}

impl From<u64> for Arg {
    fn from(v: u64) -> Arg {
        Arg::Num(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    fn from(v: usize) -> Arg {
        Arg::Num(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

/// The reader's language: their saved preference, else the best match in `Accept-Language`
/// (by q-value; a region matches its language; `q=0` refuses), else the program's default.
pub fn negotiate(saved: Option<&str>, accept_language: Option<&str>, default: Lang) -> Lang {
    if let Some(lang) = saved.and_then(Lang::parse) {
        return lang;
    }
    let mut best: Option<(f32, Lang)> = None;
    for range in accept_language.unwrap_or_default().split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = if tag == "*" { Some(default) } else { Lang::parse(tag) };
        if let Some(lang) = lang.filter(|_| q > 0.0)
            && best.is_none_or(|(best_q, _)| q > best_q)
        {
            best = Some((q, lang));
        }
    }
    best.map_or(default, |(_, lang)| lang)
}

static BUNDLES: LazyLock<HashMap<Lang, FluentBundle<FluentResource>>> =
    LazyLock::new(|| Lang::ALL.iter().map(|&lang| (lang, bundle(lang))).collect());

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks around variables guard right-to-left text; we ship none, and the marks
    // would end up in mail subjects.
    bundle.set_use_isolating(false);
    for source in lang.sources() {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(?errors, lang = lang.code(), "a catalogue does not parse");
                partial
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(?errors, lang = lang.code(), "a catalogue repeats a message id");
        }
    }
    bundle
}

/// A message without variables, or None when the catalogue has no such id.
fn lookup(lang: Lang, id: &str) -> Option<String> {
    let pattern = BUNDLES.get(&lang)?.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(BUNDLES.get(&lang)?.format_pattern(pattern, None, &mut errors).into_owned())
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let Some(bundle) = BUNDLES.get(&lang) else { return id.to_owned() };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        // Never a panic in production; the catalogue tests keep this from happening.
        tracing::warn!(id, lang = lang.code(), "no such message");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id, ?errors, "a message did not format cleanly");
    }
    text.into_owned()
}

#[cfg(test)]
mod tests;

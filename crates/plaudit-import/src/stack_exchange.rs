//! A person's answers on a Stack Exchange site (Stack Overflow, Super User, Unix & Linux, …),
//! read from the public API: `GET /2.3/users/{id}/answers`, newest activity first, 100 to a
//! page while `has_more`, each answer a suggested [`ContributionType::ForumAnswers`] with its
//! score as reach.
//!
//! Every answer comes in the API's wrapper object, `{items, has_more, quota_max,
//! quota_remaining, backoff, error_id, error_name, error_message}`, gzip-compressed. A
//! `backoff` means "wait that many seconds before calling this method again": it is kept per
//! method for the whole process, so the next request to it waits, whichever read makes it;
//! a wait longer than [`Options::max_backoff`] stops the read with
//! [`FailureKind::RateLimited`] and the wait as `retry_after`. Errors come as the same wrapper
//! with `error_id` (and an HTTP status of 400 or the id itself): `502 throttle_violation` is a
//! rate limit (its message says for how long), a `400 bad_parameter` naming the user or the
//! site is an invalid locator, the rest are refusals or server errors.
//!
//! Answers carry their question's title through a filter (see [`ANSWER_FILTER`]). Filters are
//! immutable and meant to be baked in; should one ever come back without titles, the titles are
//! read from `GET /2.3/questions/{ids}`, whose default filter has them. The API HTML-escapes
//! titles: they are unescaped exactly once.
//!
//! The identity recorded is the user id on its site, written `{site}:{id}`
//! (`stackoverflow:22656`): user ids are per site.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use plaudit_domain::{CanonicalUrl, ContributionType, ReachMetric};
use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use crate::fetch::{Fetched, Fetcher, Refusal};
use crate::{
    Batch, Endpoints, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Item, Outcome,
    Reason, Summary, Validators,
};

/// The API version the reader speaks.
pub const API_VERSION: &str = "2.3";

/// The default filter with `answer.title` (the question's title) and `answer.share_link`
/// added. Filters are created once with `/filters/create` and are immutable and shared by
/// every application, which the API's documentation asks to bake in.
pub const ANSWER_FILTER: &str = "!6WPIomp1bSN.5";

/// How a read behaves; [`read`] uses the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The longest `backoff` (or throttle) worth waiting out within a read (default a minute);
    /// a longer one fails the read as [`FailureKind::RateLimited`].
    pub max_backoff: Duration,
    /// Answers per page, 1 to 100 (default 100, the API's maximum).
    pub page_size: u32,
    /// Pages read at most (default 100: 10,000 answers).
    pub max_pages: u32,
    /// The filter asked for (default [`ANSWER_FILTER`]).
    pub filter: String,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_backoff: Duration::from_secs(60),
            page_size: 100,
            max_pages: 100,
            filter: ANSWER_FILTER.to_owned(),
        }
    }
}

/// Reads the answers of the user `locator` names: `22656` (on Stack Overflow),
/// `superuser:22656`, or a profile address such as
/// `https://unix.stackexchange.com/users/22656/name`. `key` is the program's API key, which
/// raises the daily quota from 300 requests to 10,000.
pub async fn read(
    fetcher: &Fetcher,
    endpoints: &Endpoints,
    locator: &str,
    validators: &Validators,
    key: Option<&str>,
) -> Result<Outcome, Failure> {
    read_with(fetcher, endpoints, locator, validators, key, &Options::default()).await
}

/// [`read`] with [`Options`].
pub async fn read_with(
    fetcher: &Fetcher,
    endpoints: &Endpoints,
    locator: &str,
    validators: &Validators,
    key: Option<&str>,
    options: &Options,
) -> Result<Outcome, Failure> {
    let user = parse_locator(locator)?;
    let api =
        Api { fetcher, root: endpoints.stack_exchange_api.trim_end_matches('/'), key, options };
    let id = user.id.to_string();
    let answers_method = format!("users/{id}/answers");
    let mut batch = Batch::default();
    let mut position = 0;
    for page in 1..=options.max_pages.max(1) {
        let page_text = page.to_string();
        let size = options.page_size.clamp(1, 100).to_string();
        let query = [
            ("order", "desc"),
            ("sort", "activity"),
            ("site", user.site.as_str()),
            ("page", page_text.as_str()),
            ("pagesize", size.as_str()),
            ("filter", options.filter.as_str()),
        ];
        // Only the first page is conditional: its ETag stands for the listing.
        let conditional = if page == 1 { validators } else { &Validators::default() };
        let Some((wrapper, page_validators)) =
            api.call("users/{ids}/answers", &answers_method, &query, conditional).await?
        else {
            if page == 1 && (validators.etag.is_some() || validators.last_modified.is_some()) {
                return Ok(Outcome::NotModified);
            }
            return Err(Failure::new(
                FailureKind::Malformed,
                "Stack Exchange answered 304 to an unconditional request",
            ));
        };
        if page == 1 {
            batch.validators = page_validators;
            if wrapper.items.is_empty() && !wrapper.has_more {
                api.check_user_exists(&user).await?;
            }
        }
        let mut answers = Vec::new();
        for value in wrapper.items {
            position += 1;
            match WireAnswer::read(&value) {
                Ok(answer) => answers.push((position, answer)),
                Err(reason) => batch.problems.push(EntryProblem {
                    position,
                    id: value.get("answer_id").and_then(Value::as_u64).map(|a| user.answer_url(a)),
                    reason,
                }),
            }
        }
        let titles = api.missing_titles(&user, &answers).await?;
        for (position, answer) in answers {
            match answer_item(&user, &answer, &titles) {
                Ok(item) => batch.items.push(item),
                Err(reason) => batch.problems.push(EntryProblem {
                    position,
                    id: Some(user.answer_url(answer.answer_id)),
                    reason,
                }),
            }
        }
        if !wrapper.has_more {
            break;
        }
        if page == options.max_pages.max(1) {
            tracing::warn!(locator, "more Stack Exchange answers than the pages read");
        }
    }
    batch.identities.push(Identity {
        kind: IdentityKind::StackExchange,
        value: format!("{}:{}", user.site, user.id),
    });
    Ok(Outcome::Read(batch))
}

/// A user on a site, as the locator names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SiteUser {
    /// The API's `site` parameter: `stackoverflow`, `superuser`, `unix`, `mathoverflow.net`.
    site: String,
    /// The site's host: `stackoverflow.com`, `unix.stackexchange.com`.
    host: String,
    id: u64,
}

impl SiteUser {
    fn answer_url(&self, answer_id: u64) -> String {
        format!("https://{}/a/{answer_id}", self.host)
    }
}

/// Hosts of the network that are not `*.stackexchange.com`, with their sites' meta and
/// language versions (`meta.stackoverflow.com`, `ja.stackoverflow.com`).
const OWN_DOMAINS: [&str; 6] = [
    "stackoverflow.com", "superuser.com", "serverfault.com", "askubuntu.com", "stackapps.com",
    "mathoverflow.net",
];

/// The API's `site` for a host of the network, or `None` for any other host.
fn site_of_host(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if let Some(name) = host.strip_suffix(".stackexchange.com") {
        let ok = !name.is_empty()
            && name.split('.').all(|part| {
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        return ok.then(|| name.to_owned());
    }
    let domain = OWN_DOMAINS
        .iter()
        .find(|domain| host == **domain || host.ends_with(&format!(".{domain}")))?;
    let prefix = host.strip_suffix(*domain).unwrap_or_default();
    let valid_prefix = prefix.is_empty()
        || prefix.trim_end_matches('.').bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    if !valid_prefix {
        return None;
    }
    // The API names `.com` sites without it (`stackoverflow`, `meta.stackoverflow`), and
    // MathOverflow by its whole domain.
    Some(host.strip_suffix(".com").unwrap_or(host).to_owned())
}

/// The host of an API `site`.
fn host_of_site(site: &str) -> String {
    if site.contains('.') && site.ends_with(".net") {
        return site.to_owned();
    }
    let with_com = format!("{site}.com");
    if OWN_DOMAINS
        .iter()
        .any(|domain| with_com == *domain || with_com.ends_with(&format!(".{domain}")))
    {
        with_com
    } else {
        format!("{site}.stackexchange.com")
    }
}

fn parse_locator(locator: &str) -> Result<SiteUser, Failure> {
    let invalid =
        |why: &str| Failure::new(FailureKind::InvalidLocator, format!("{locator:?}: {why}"));
    let text = locator.trim();
    let id_of = |digits: &str| -> Result<u64, Failure> {
        digits
            .parse::<u64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| invalid("not a Stack Exchange user id"))
    };
    if text.contains("://") {
        let url = Url::parse(text).map_err(|e| invalid(&e.to_string()))?;
        let host = url.host_str().ok_or_else(|| invalid("no host"))?;
        let site = site_of_host(host).ok_or_else(|| invalid("not a Stack Exchange site"))?;
        let mut segments = url.path_segments().into_iter().flatten();
        let id = match (segments.next(), segments.next()) {
            (Some("users" | "u"), Some(id)) => id_of(id)?,
            _ => return Err(invalid("not a user's profile address (…/users/{id}/…)")),
        };
        return Ok(SiteUser { host: host_of_site(&site), site, id });
    }
    let (site, id) = match text.split_once(':') {
        Some((site, id)) => (site.trim(), id.trim()),
        None => ("stackoverflow", text),
    };
    let id = id_of(id)?;
    // A site written as its host (`superuser.com`, `meta.stackoverflow`) or as the API names
    // it (`superuser`, `unix`).
    let short = !site.is_empty() && site.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let site = if site.contains('.') {
        site_of_host(site).or_else(|| site_of_host(&format!("{site}.com")))
    } else {
        short.then(|| site.to_ascii_lowercase())
    }
    .ok_or_else(|| invalid("not a Stack Exchange site"))?;
    Ok(SiteUser { host: host_of_site(&site), site, id })
}

/// When each method may be called again, for the whole process, keyed by API root and method.
static BACKOFFS: LazyLock<Mutex<HashMap<String, Instant>>> = LazyLock::new(Mutex::default);

fn backoffs() -> std::sync::MutexGuard<'static, HashMap<String, Instant>> {
    BACKOFFS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The API's wrapper object, read leniently.
#[derive(Deserialize)]
struct Wrapper {
    #[serde(default)]
    items: Vec<Value>,
    #[serde(default)]
    has_more: bool,
    #[serde(default)]
    quota_remaining: Option<i64>,
    #[serde(default)]
    backoff: Option<u64>,
    #[serde(default)]
    error_id: Option<u16>,
    #[serde(default)]
    error_name: Option<String>,
    #[serde(default)]
    error_message: Option<String>,
}

/// The fields of an answer the reader uses.
struct WireAnswer {
    answer_id: u64,
    question_id: Option<u64>,
    creation_date: i64,
    score: i64,
    is_accepted: bool,
    title: Option<String>,
}

impl WireAnswer {
    /// Reads the fields one by one, so the reason names the one that is wrong.
    fn read(value: &Value) -> Result<WireAnswer, Reason> {
        let missing = |field: &str| Reason::FieldMissing(field.to_owned());
        let number =
            |field: &str| value.get(field).and_then(Value::as_i64).ok_or_else(|| missing(field));
        let answer_id =
            value.get("answer_id").and_then(Value::as_u64).ok_or_else(|| missing("answer_id"))?;
        Ok(WireAnswer {
            answer_id,
            question_id: value.get("question_id").and_then(Value::as_u64),
            creation_date: number("creation_date")?,
            score: number("score")?,
            is_accepted: value.get("is_accepted").and_then(Value::as_bool).unwrap_or(false),
            title: value.get("title").and_then(Value::as_str).map(str::to_owned),
        })
    }
}

#[derive(Deserialize)]
struct WireQuestion {
    question_id: u64,
    title: String,
}

struct Api<'a> {
    fetcher: &'a Fetcher,
    root: &'a str,
    key: Option<&'a str>,
    options: &'a Options,
}

impl Api<'_> {
    /// One call to `method` (its template, `users/{ids}/answers`, keys the backoff; `path` is
    /// the path after the version), waiting out the method's backoff first. `None` for a 304.
    async fn call(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        validators: &Validators,
    ) -> Result<Option<(Wrapper, Validators)>, Failure> {
        let backoff_key = format!("{}/{API_VERSION}/{method}", self.root);
        self.wait_for(&backoff_key).await?;
        let mut url = Url::parse(&format!("{}/{API_VERSION}/{path}", self.root)).map_err(|e| {
            Failure::new(FailureKind::InvalidLocator, format!("the API's address: {e}"))
        })?;
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
            if let Some(key) = self.key {
                pairs.append_pair("key", key);
            }
        }
        let fetched = self
            .fetcher
            .get_explained(url.as_str(), "application/json", validators, HeaderMap::new())
            .await;
        let response = match fetched {
            Ok(Fetched::NotModified) => return Ok(None),
            Ok(Fetched::Body(response)) => response,
            Err(refusal) => return Err(self.refused(refusal, &backoff_key)),
        };
        let wrapper: Wrapper = serde_json::from_slice(&response.body).map_err(|e| {
            Failure::new(FailureKind::Malformed, format!("{method}: not the API's wrapper: {e}"))
        })?;
        if let Some(error_id) = wrapper.error_id {
            return Err(self.api_error(error_id, &wrapper, &backoff_key));
        }
        if let Some(seconds) = wrapper.backoff {
            tracing::info!(method, seconds, "Stack Exchange asks to back off");
            self.note_backoff(&backoff_key, seconds);
        }
        if let Some(remaining) = wrapper.quota_remaining {
            tracing::debug!(method, remaining, "Stack Exchange quota");
        }
        Ok(Some((wrapper, response.validators)))
    }

    /// Waits until `key`'s method may be called, or fails if that is longer than allowed.
    async fn wait_for(&self, key: &str) -> Result<(), Failure> {
        let until = backoffs().get(key).copied();
        let Some(until) = until else {
            return Ok(());
        };
        let wait = until.saturating_duration_since(Instant::now());
        if wait.is_zero() {
            return Ok(());
        }
        if wait > self.options.max_backoff {
            return Err(Failure {
                kind: FailureKind::RateLimited,
                detail: format!(
                    "Stack Exchange asked to wait {} s before calling again",
                    wait.as_secs()
                ),
                retry_after: Some(wait.as_secs_f64().ceil() as u64),
            });
        }
        tokio::time::sleep(wait).await;
        Ok(())
    }

    fn note_backoff(&self, key: &str, seconds: u64) {
        let until = Instant::now() + Duration::from_secs(seconds);
        let mut backoffs = backoffs();
        let entry = backoffs.entry(key.to_owned()).or_insert(until);
        *entry = (*entry).max(until);
    }

    /// An answer that was not a success: the wrapper in its body says why, when it has one.
    fn refused(&self, refusal: Refusal, backoff_key: &str) -> Failure {
        match serde_json::from_slice::<Wrapper>(&refusal.body) {
            Ok(wrapper) if wrapper.error_id.is_some() => {
                let error_id = wrapper.error_id.unwrap_or_default();
                self.api_error(error_id, &wrapper, backoff_key)
            }
            _ => refusal.failure,
        }
    }

    fn api_error(&self, error_id: u16, wrapper: &Wrapper, backoff_key: &str) -> Failure {
        let name = wrapper.error_name.as_deref().unwrap_or("unknown");
        let message = wrapper.error_message.as_deref().unwrap_or_default();
        let detail = format!("Stack Exchange error {error_id} {name}: {message}");
        let kind = match (error_id, name) {
            (502, _) | (_, "throttle_violation") => {
                let wait = throttle_wait(message);
                if let Some(seconds) = wait {
                    self.note_backoff(backoff_key, seconds);
                }
                return Failure { kind: FailureKind::RateLimited, detail, retry_after: wait };
            }
            (409, _) => FailureKind::RateLimited,
            // `bad_parameter` names the parameter: the user's id or the site are the locator's.
            (400, _)
                if matches!(message, "ids" | "id" | "site")
                    || message.starts_with("No site found") =>
            {
                FailureKind::InvalidLocator
            }
            (404, _) => FailureKind::NotFound,
            (500..=599, _) => FailureKind::ServerError,
            _ => FailureKind::Refused,
        };
        Failure::new(kind, detail)
    }

    /// Fails with [`FailureKind::NotFound`] if the site has no such user (the answers of one
    /// are simply none).
    async fn check_user_exists(&self, user: &SiteUser) -> Result<(), Failure> {
        let path = format!("users/{}", user.id);
        let query = [("site", user.site.as_str())];
        let found = self.call("users/{ids}", &path, &query, &Validators::default()).await?;
        match found {
            Some((wrapper, _)) if wrapper.items.is_empty() => Err(Failure::new(
                FailureKind::NotFound,
                format!("{} has no user {}", user.host, user.id),
            )),
            _ => Ok(()),
        }
    }

    /// The titles of the questions whose answers came without one, from
    /// `/questions/{ids}`; none asked when every answer has its title.
    async fn missing_titles(
        &self,
        user: &SiteUser,
        answers: &[(usize, WireAnswer)],
    ) -> Result<HashMap<u64, String>, Failure> {
        let mut ids: Vec<u64> = answers
            .iter()
            .filter(|(_, answer)| answer.title.is_none())
            .filter_map(|(_, answer)| answer.question_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut titles = HashMap::new();
        for chunk in ids.chunks(100) {
            let joined: Vec<String> = chunk.iter().map(u64::to_string).collect();
            let path = format!("questions/{}", joined.join(";"));
            let size = chunk.len().to_string();
            let query = [("site", user.site.as_str()), ("pagesize", size.as_str())];
            let Some((wrapper, _)) =
                self.call("questions/{ids}", &path, &query, &Validators::default()).await?
            else {
                continue;
            };
            for value in wrapper.items {
                if let Ok(question) = serde_json::from_value::<WireQuestion>(value) {
                    titles.insert(question.question_id, question.title);
                }
            }
        }
        Ok(titles)
    }
}

/// "too many requests from this IP, more requests available in 33635 seconds": the seconds.
fn throttle_wait(message: &str) -> Option<u64> {
    let after = message.split("available in").nth(1)?;
    after.split_whitespace().next()?.parse().ok()
}

fn answer_item(
    user: &SiteUser,
    answer: &WireAnswer,
    titles: &HashMap<u64, String>,
) -> Result<Item, Reason> {
    let escaped = answer
        .title
        .as_deref()
        .or_else(|| answer.question_id.and_then(|id| titles.get(&id)).map(String::as_str))
        .ok_or(Reason::NoTitle)?;
    let title = unescape_html(escaped).trim().to_owned();
    if title.is_empty() {
        return Err(Reason::NoTitle);
    }
    let created = Timestamp::from_second(answer.creation_date)
        .map_err(|_| Reason::date_unreadable(&answer.creation_date.to_string()))?;
    let url = user.answer_url(answer.answer_id);
    let canonical_url = CanonicalUrl::parse(&url).map_err(|_| Reason::LinkNotWeb(url.clone()))?;
    let summary = Summary::Answer { site: user.host.clone(), accepted: answer.is_accepted };
    Ok(Item {
        external_id: url.clone(),
        url,
        canonical_url,
        title,
        summary,
        contribution_type: ContributionType::ForumAnswers,
        occurred_on: created.to_zoned_datetime(TimeZone::UTC).date(),
        reach: Some((ReachMetric::Score, answer.score)),
    })
}

/// Undoes HTML escaping once: `&amp;lt;` becomes `&lt;`, not `<`. Knows the entities the API
/// writes (`&amp; &lt; &gt; &quot; &#39; &apos;`) and numeric ones; leaves anything else as is.
pub(crate) fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = if let Some(hex) =
                        entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X"))
                    {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        entity.strip_prefix('#').and_then(|dec| dec.parse().ok())
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn html_is_unescaped_exactly_once() {
        assert_eq!(
            unescape_html("Why is &lt;T&gt; &quot;invariant&quot;?"),
            "Why is <T> \"invariant\"?"
        );
        assert_eq!(unescape_html("R&amp;D isn&#39;t &amp;lt;b&amp;gt;"), "R&D isn't &lt;b&gt;");
        assert_eq!(
            unescape_html("caf&#233; &#x2014; na&iuml;ve & done;"),
            "café — na&iuml;ve & done;"
        );
        assert_eq!(unescape_html("a & b &"), "a & b &");
    }

    #[test]
    fn locators_name_a_user_on_a_site() {
        let user =
            |site: &str, host: &str, id| SiteUser { site: site.into(), host: host.into(), id };
        for (locator, expected) in [
            ("22656", user("stackoverflow", "stackoverflow.com", 22656)),
            (" superuser:42 ", user("superuser", "superuser.com", 42)),
            ("unix:7", user("unix", "unix.stackexchange.com", 7)),
            ("superuser.com:42", user("superuser", "superuser.com", 42)),
            (
                "https://stackoverflow.com/users/22656/jon-skeet",
                user("stackoverflow", "stackoverflow.com", 22656),
            ),
            (
                "https://superuser.com/users/1234/someone?tab=answers",
                user("superuser", "superuser.com", 1234),
            ),
            (
                "https://unix.stackexchange.com/users/99/x",
                user("unix", "unix.stackexchange.com", 99),
            ),
            ("https://www.StackOverflow.com/u/5", user("stackoverflow", "stackoverflow.com", 5)),
            (
                "https://meta.stackoverflow.com/users/8/m",
                user("meta.stackoverflow", "meta.stackoverflow.com", 8),
            ),
            (
                "https://ja.stackoverflow.com/users/3/j",
                user("ja.stackoverflow", "ja.stackoverflow.com", 3),
            ),
            (
                "https://mathoverflow.net/users/11/m",
                user("mathoverflow.net", "mathoverflow.net", 11),
            ),
        ] {
            assert_eq!(parse_locator(locator).unwrap(), expected, "{locator}");
        }
        for bad in [
            "",
            "jon",
            "0",
            "-3",
            "https://example.com/users/1/x",
            "https://stackoverflow.com/questions/1",
            "https://evilstackoverflow.com/users/1/x",
            "https://stackoverflow.com.evil.org/users/1",
            "nosuchsite.org:5",
        ] {
            assert_eq!(
                parse_locator(bad).unwrap_err().kind,
                FailureKind::InvalidLocator,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_throttles_wait_is_read_from_its_message() {
        let message = "too many requests from this IP, more requests available in 33635 seconds";
        assert_eq!(throttle_wait(message), Some(33635));
        assert_eq!(throttle_wait("slow down"), None);
    }
}

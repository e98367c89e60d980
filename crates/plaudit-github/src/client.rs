use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::link::next_link;
use crate::model::{
    WireComment, WireError, WireIssue, WireLabel, WireRepo, WireSearch, WireSearchItem,
    check_login, entry_id, label_names,
};
use crate::{
    AuthoredItem, Clock, Comment, Error, Issue, IssueList, IssueState, Listing, OwnedRepo, Repo,
    StateReason, SystemClock, Unreadable,
};

/// GitHub.com's API.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";
/// The REST API version every request asks for.
const API_VERSION: &str = "2022-11-28";
/// A listing longer than this many pages is taken for a `Link` loop.
const MAX_PAGES: usize = 10_000;
/// GitHub: without `Retry-After` or `X-RateLimit-*`, wait at least a minute.
const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);
/// A search gives at most this many results, however many match.
const SEARCH_LIMIT: u64 = 1000;

/// Sets up a [`Client`]; [`Client::builder`] starts one.
pub struct ClientBuilder {
    base_url: String,
    /// `None` for public reads without a token.
    token: Option<String>,
    user_agent: String,
    timeout: Duration,
    max_rate_limit_wait: Duration,
    per_page: u32,
    server_retries: u32,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("max_rate_limit_wait", &self.max_rate_limit_wait)
            .field("per_page", &self.per_page)
            .field("server_retries", &self.server_retries)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The API's root: [`DEFAULT_BASE_URL`], a GitHub Enterprise `https://host/api/v3`, or the
    /// fake's loopback URL.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// How long one request may take, connecting to the last byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long one call may spend waiting out rate limits in all (default 15 min); a longer
    /// wait fails at once with [`Error::RateLimited`].
    pub fn max_rate_limit_wait(mut self, max: Duration) -> Self {
        self.max_rate_limit_wait = max;
        self
    }

    /// Items per page of a listing, 1 to 100 (default 100, GitHub's maximum).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = per_page.clamp(1, 100);
        self
    }

    /// How many times a GET, PUT or PATCH is tried again after a 5xx or a transport failure,
    /// 1 s, 2 s, 4 s … apart (default 2). A POST is never sent twice: it may have been done.
    pub fn server_retries(mut self, retries: u32) -> Self {
        self.server_retries = retries.min(6);
        self
    }

    /// The clock rate-limit waits and retry backoffs go through (default [`SystemClock`]).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        // reqwest is built without a default crypto provider (that would be aws-lc); ring is
        // the one the rest of the binary uses. Installing fails harmlessly when one is there.
        let _ = rustls::crypto::ring::default_provider().install_default();

        let base = Url::parse(&self.base_url)
            .map_err(|e| Error::Config(format!("base URL {:?}: {e}", self.base_url)))?;
        if !matches!(base.scheme(), "https" | "http") || base.cannot_be_a_base() {
            return Err(Error::Config(format!("base URL {:?}: not http(s)", self.base_url)));
        }
        let authorization = match &self.token {
            Some(token) => {
                let mut value =
                    HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                        Error::Config("the token has characters no header can carry".into())
                    })?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::Config("the User-Agent has characters no header can carry".into())
        })?;
        let mut headers = HeaderMap::new();
        if let Some(authorization) = authorization {
            headers.insert(header::AUTHORIZATION, authorization);
        }
        headers.insert(header::USER_AGENT, user_agent);
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/vnd.github+json"));
        headers.insert("x-github-api-version", HeaderValue::from_static(API_VERSION));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            // GitHub answers 301 for a renamed repository; reqwest drops the token on a
            // redirect to another host.
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()
            .map_err(|e| Error::Config(describe(e)))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                max_rate_limit_wait: self.max_rate_limit_wait,
                per_page: self.per_page,
                server_retries: self.server_retries,
                clock: self.clock,
                remaining: AtomicI64::new(-1),
            }),
        })
    }
}

/// A GitHub REST API client. Cheap to clone: clones share the connection pool and the last
/// seen rate-limit count.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    max_rate_limit_wait: Duration,
    per_page: u32,
    server_retries: u32,
    clock: Arc<dyn Clock>,
    /// The last `X-RateLimit-Remaining` seen; -1 before any.
    remaining: AtomicI64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("token", &"<redacted>")
            .field("per_page", &self.inner.per_page)
            .field("rate_limit_remaining", &self.rate_limit_remaining())
            .finish_non_exhaustive()
    }
}

/// One answer, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

enum Pages {
    NotModified,
    /// Every page was read; the first page's ETag.
    Read {
        etag: Option<String>,
    },
}

impl Client {
    /// A client for `token` (sent as `Authorization: Bearer …`) that names itself with
    /// `user_agent` (GitHub refuses requests without one), e.g.
    /// `Plaudit/0.1 (+https://plaudit.example)`.
    pub fn builder(token: impl Into<String>, user_agent: impl Into<String>) -> ClientBuilder {
        let token = token.into();
        ClientBuilder {
            token: (!token.is_empty()).then_some(token),
            ..Client::public_builder(user_agent)
        }
    }

    /// A client without a token, for what anyone may read (a person's public issues, pull
    /// requests and repositories): no `Authorization` header is sent. GitHub allows such
    /// requests fewer calls (60 an hour, 10 searches a minute).
    pub fn public_builder(user_agent: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            token: None,
            user_agent: user_agent.into(),
            timeout: Duration::from_secs(30),
            max_rate_limit_wait: Duration::from_secs(15 * 60),
            per_page: 100,
            server_retries: 2,
            clock: Arc::new(SystemClock),
        }
    }

    /// A client for GitHub.com with the defaults.
    pub fn new(token: impl Into<String>, user_agent: impl Into<String>) -> Result<Client, Error> {
        Client::builder(token, user_agent).build()
    }

    /// The last `X-RateLimit-Remaining` GitHub sent, for logging; `None` before any answer.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        u64::try_from(self.inner.remaining.load(Ordering::Relaxed)).ok()
    }

    /// Every issue of `repo`, open and closed, least recently updated first, pull requests left
    /// out; only those updated at or after `since` when given (GitHub's `since`, to the second).
    ///
    /// With `etag` (from an earlier call with the same `since`), the first page is asked
    /// conditionally and a `304 Not Modified` gives [`IssueList::Unchanged`] without reading
    /// further pages. GitHub's ETag is that of the first page's answer.
    pub async fn issues(
        &self,
        repo: &Repo,
        since: Option<Timestamp>,
        etag: Option<&str>,
    ) -> Result<IssueList, Error> {
        let mut url = self.url(&["repos", repo.owner(), repo.name(), "issues"])?;
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("state", "all")
                .append_pair("sort", "updated")
                .append_pair("direction", "asc")
                .append_pair("per_page", &self.inner.per_page.to_string());
            if let Some(since) = since {
                query.append_pair("since", &github_time(since));
            }
        }
        let mut items = Vec::new();
        let read = self
            .pages(url, etag, |page: Vec<WireIssue>| {
                items.extend(page);
                Ok(())
            })
            .await?;
        match read {
            Pages::NotModified => Ok(IssueList::Unchanged),
            Pages::Read { etag } => {
                let issues = items
                    .into_iter()
                    .filter(|issue| !issue.is_pull_request())
                    .map(WireIssue::into_issue)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(IssueList::Changed { issues, etag })
            }
        }
    }

    /// Every comment on issue `issue_number`, oldest first.
    pub async fn comments(&self, repo: &Repo, issue_number: u64) -> Result<Vec<Comment>, Error> {
        let number = issue_number.to_string();
        let mut url =
            self.url(&["repos", repo.owner(), repo.name(), "issues", &number, "comments"])?;
        url.query_pairs_mut().append_pair("per_page", &self.inner.per_page.to_string());
        let mut items = Vec::new();
        self.pages(url, None, |page: Vec<WireComment>| {
            items.extend(page);
            Ok(())
        })
        .await?;
        items.into_iter().map(WireComment::into_comment).collect()
    }

    /// The issues and pull requests `login` opened in public repositories, newest first, through
    /// the issue search (`author:{login} is:public`, and `created:>={since}` when given). The
    /// search gives at most 1,000 results and has a rate limit of its own (30 calls a minute
    /// with a token, 10 without).
    ///
    /// With `etag` (from an earlier call with the same `since`), the first page is asked
    /// conditionally and a `304` gives [`Listing::Unchanged`]. An entry that cannot be read is
    /// reported in `unreadable`; the others are still returned.
    pub async fn authored(
        &self,
        login: &str,
        since: Option<jiff::civil::Date>,
        etag: Option<&str>,
    ) -> Result<Listing<AuthoredItem>, Error> {
        let login = check_login(login)?;
        let mut query = format!("author:{login} is:public");
        if let Some(since) = since {
            query.push_str(&format!(" created:>={since}"));
        }
        let mut url = self.url(&["search", "issues"])?;
        url.query_pairs_mut()
            .append_pair("q", &query)
            .append_pair("sort", "created")
            .append_pair("order", "desc")
            .append_pair("per_page", &self.inner.per_page.to_string());
        let mut entries = Entries::default();
        let mut complete = true;
        let read = self
            .pages(url, etag, |page: WireSearch| {
                complete &= !page.incomplete_results && page.total_count <= SEARCH_LIMIT;
                entries.read(page.items, WireSearchItem::into_item);
                Ok(())
            })
            .await?;
        Ok(entries.listing(read, complete))
    }

    /// The repositories `login` owns (`GET /users/{login}/repos?type=owner`), most recently
    /// pushed first, forks included (each says whether it is one). Conditional on `etag` like
    /// [`Client::authored`]; 404 when there is no such user.
    pub async fn owned_repos(
        &self,
        login: &str,
        etag: Option<&str>,
    ) -> Result<Listing<OwnedRepo>, Error> {
        let login = check_login(login)?;
        let mut url = self.url(&["users", login, "repos"])?;
        url.query_pairs_mut()
            .append_pair("type", "owner")
            .append_pair("sort", "pushed")
            .append_pair("direction", "desc")
            .append_pair("per_page", &self.inner.per_page.to_string());
        let mut entries = Entries::default();
        let read = self
            .pages(url, etag, |page: Vec<serde_json::Value>| {
                entries.read(page, WireRepo::into_repo);
                Ok(())
            })
            .await?;
        Ok(entries.listing(read, true))
    }

    /// Comments `body` on issue `issue_number`; the comment as GitHub made it.
    pub async fn create_comment(
        &self,
        repo: &Repo,
        issue_number: u64,
        body: &str,
    ) -> Result<Comment, Error> {
        let number = issue_number.to_string();
        let url = self.url(&["repos", repo.owner(), repo.name(), "issues", &number, "comments"])?;
        let answer = self.write(Method::POST, url, &json!({ "body": body })).await?;
        parse::<WireComment>(&answer)?.into_comment()
    }

    /// Replaces the body of comment `comment_id`.
    pub async fn update_comment(
        &self,
        repo: &Repo,
        comment_id: u64,
        body: &str,
    ) -> Result<Comment, Error> {
        let id = comment_id.to_string();
        let url = self.url(&["repos", repo.owner(), repo.name(), "issues", "comments", &id])?;
        let answer = self.write(Method::PATCH, url, &json!({ "body": body })).await?;
        parse::<WireComment>(&answer)?.into_comment()
    }

    /// Opens or closes issue `issue_number`; `reason` is GitHub's `state_reason` (closing
    /// without one, GitHub records `completed`).
    pub async fn set_issue_state(
        &self,
        repo: &Repo,
        issue_number: u64,
        state: IssueState,
        reason: Option<StateReason>,
    ) -> Result<Issue, Error> {
        let number = issue_number.to_string();
        let url = self.url(&["repos", repo.owner(), repo.name(), "issues", &number])?;
        let mut body = json!({ "state": state.as_str() });
        if let (Some(reason), Some(fields)) = (reason, body.as_object_mut()) {
            fields.insert("state_reason".into(), reason.as_str().into());
        }
        let answer = self.write(Method::PATCH, url, &body).await?;
        parse::<WireIssue>(&answer)?.into_issue()
    }

    /// Opens an issue; the issue as GitHub made it (its `number` among the rest). Labels GitHub
    /// does not know yet are created; a token that may not label gets the issue without them.
    pub async fn create_issue(
        &self,
        repo: &Repo,
        title: &str,
        body: &str,
        labels: &[String],
    ) -> Result<Issue, Error> {
        let url = self.url(&["repos", repo.owner(), repo.name(), "issues"])?;
        let request = json!({ "title": title, "body": body, "labels": labels });
        let answer = self.write(Method::POST, url, &request).await?;
        parse::<WireIssue>(&answer)?.into_issue()
    }

    /// Replaces every label of issue `issue_number` with `labels` (none removes them all); the
    /// label names GitHub now has on it.
    pub async fn set_labels(
        &self,
        repo: &Repo,
        issue_number: u64,
        labels: &[String],
    ) -> Result<Vec<String>, Error> {
        let number = issue_number.to_string();
        let url = self.url(&["repos", repo.owner(), repo.name(), "issues", &number, "labels"])?;
        let answer = self.write(Method::PUT, url, &json!({ "labels": labels })).await?;
        Ok(label_names(parse::<Vec<WireLabel>>(&answer)?))
    }

    fn url(&self, segments: &[&str]) -> Result<Url, Error> {
        let mut url = self.inner.base.clone();
        url.path_segments_mut()
            .map_err(|()| Error::Config("the base URL cannot take a path".into()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn write(
        &self,
        method: Method,
        url: Url,
        body: &serde_json::Value,
    ) -> Result<Answer, Error> {
        let answer = self.send(method, url, Some(body), None).await?;
        if answer.status.is_success() {
            Ok(answer)
        } else {
            Err(Error::Malformed(format!("status {} to a write", answer.status)))
        }
    }

    /// Reads a listing, following `Link: <…>; rel="next"` from page to page, handing each
    /// page's body to `each`.
    async fn pages<B: DeserializeOwned>(
        &self,
        first: Url,
        etag: Option<&str>,
        mut each: impl FnMut(B) -> Result<(), Error>,
    ) -> Result<Pages, Error> {
        let mut url = first;
        let mut first_etag = None;
        for page in 0..MAX_PAGES {
            let conditional = if page == 0 { etag } else { None };
            let answer = self.send(Method::GET, url.clone(), None, conditional).await?;
            if answer.status == StatusCode::NOT_MODIFIED {
                return if conditional.is_some() {
                    Ok(Pages::NotModified)
                } else {
                    Err(Error::Malformed("304 to an unconditional request".into()))
                };
            }
            if page == 0 {
                first_etag = answer
                    .headers
                    .get(header::ETAG)
                    .and_then(|tag| tag.to_str().ok())
                    .map(str::to_owned);
            }
            each(parse::<B>(&answer)?)?;
            let next = answer
                .headers
                .get_all(header::LINK)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .find_map(next_link);
            let Some(next) = next else {
                return Ok(Pages::Read { etag: first_etag });
            };
            let next = url
                .join(next)
                .map_err(|e| Error::Malformed(format!("Link target {next:?}: {e}")))?;
            // The token goes with every request: never follow a link to another server.
            if next.origin() != self.inner.base.origin() {
                return Err(Error::Malformed(format!(
                    "Link points at another server: {}",
                    next.origin().ascii_serialization()
                )));
            }
            if next == url {
                return Err(Error::Malformed("Link points at the same page".into()));
            }
            url = next;
        }
        Err(Error::Malformed(format!("more than {MAX_PAGES} pages")))
    }

    /// Sends one request, waiting out rate limits and retrying what may be retried.
    async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        if_none_match: Option<&str>,
    ) -> Result<Answer, Error> {
        let inner = &*self.inner;
        // A POST that failed on GitHub's side may still have been done: never send it twice.
        let retriable = method != Method::POST;
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| Error::Malformed(e.to_string()))?;
        let mut waited = Duration::ZERO;
        let mut failures = 0;
        loop {
            let mut request = inner.http.request(method.clone(), url.clone());
            if let Some(tag) = if_none_match {
                request = request.header(header::IF_NONE_MATCH, tag);
            }
            if let Some(body) = &body {
                request =
                    request.header(header::CONTENT_TYPE, "application/json").body(body.clone());
            }
            let received = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    response.bytes().await.map(|body| Answer {
                        status,
                        headers,
                        body: body.to_vec(),
                    })
                }
                Err(e) => Err(e),
            };
            let answer = match received {
                Ok(answer) => answer,
                Err(e) => {
                    let error = Error::Transport(describe(e));
                    if retriable && failures < inner.server_retries {
                        failures += 1;
                        tracing::warn!(path = url.path(), %error, "GitHub unreachable: trying again");
                        inner.clock.sleep(backoff(failures)).await;
                        continue;
                    }
                    return Err(error);
                }
            };
            self.note_remaining(&answer.headers);
            let status = answer.status;
            if status.is_success() || status == StatusCode::NOT_MODIFIED {
                return Ok(answer);
            }
            match status.as_u16() {
                403 | 429 => {
                    let now = inner.clock.now();
                    let Some(wait) = rate_limit_wait(&answer, now) else {
                        return Err(Error::Forbidden { message: message_of(&answer.body) });
                    };
                    if waited + wait > inner.max_rate_limit_wait {
                        return Err(Error::RateLimited {
                            retry_at: now.saturating_add(wait).unwrap_or(Timestamp::MAX),
                        });
                    }
                    tracing::warn!(
                        path = url.path(),
                        wait_seconds = wait.as_secs(),
                        "GitHub rate limit: waiting"
                    );
                    inner.clock.sleep(wait).await;
                    waited += wait;
                }
                401 => return Err(Error::Unauthorized),
                404 => {
                    return Err(Error::NotFound { path: url.path().to_owned() });
                }
                500..=599 => {
                    if retriable && failures < inner.server_retries {
                        failures += 1;
                        tracing::warn!(path = url.path(), %status, "GitHub failed: trying again");
                        inner.clock.sleep(backoff(failures)).await;
                    } else {
                        return Err(Error::Server { status: status.as_u16() });
                    }
                }
                other => {
                    return Err(Error::Rejected {
                        status: other,
                        message: message_of(&answer.body),
                    });
                }
            }
        }
    }

    fn note_remaining(&self, headers: &HeaderMap) {
        if let Some(remaining) = header_number::<i64>(headers, "x-ratelimit-remaining") {
            self.inner.remaining.store(remaining.max(0), Ordering::Relaxed);
        }
    }
}

/// How long GitHub asks to wait before trying again, if this 403 or 429 is a rate limit, as
/// GitHub documents it: `Retry-After` seconds; else, with `X-RateLimit-Remaining: 0`, until
/// `X-RateLimit-Reset` (epoch seconds); else, for a 429 or a message naming a rate limit (a
/// secondary limit without headers), a minute.
fn rate_limit_wait(answer: &Answer, now: Timestamp) -> Option<Duration> {
    let headers = &answer.headers;
    if let Some(seconds) = header_number::<u64>(headers, "retry-after") {
        return Some(Duration::from_secs(seconds.max(1)));
    }
    if header_number::<i64>(headers, "x-ratelimit-remaining") == Some(0) {
        return Some(match header_number::<i64>(headers, "x-ratelimit-reset") {
            Some(reset) => {
                Duration::from_secs(reset.saturating_sub(now.as_second()).max(1).unsigned_abs())
            }
            None => DEFAULT_RATE_LIMIT_WAIT,
        });
    }
    if answer.status == StatusCode::TOO_MANY_REQUESTS
        || message_of(&answer.body).to_ascii_lowercase().contains("rate limit")
    {
        return Some(DEFAULT_RATE_LIMIT_WAIT);
    }
    None
}

fn header_number<T: std::str::FromStr>(headers: &HeaderMap, name: &str) -> Option<T> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

fn backoff(failures: u32) -> Duration {
    Duration::from_secs(1 << failures.saturating_sub(1).min(6))
}

fn parse<T: DeserializeOwned>(answer: &Answer) -> Result<T, Error> {
    serde_json::from_slice(&answer.body).map_err(|e| Error::Malformed(e.to_string()))
}

/// GitHub's `message`, or the start of the body when it is not GitHub's error JSON.
fn message_of(body: &[u8]) -> String {
    let message = match serde_json::from_slice::<WireError>(body) {
        Ok(error) => error.message,
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    message.chars().take(300).collect()
}

/// A transport failure with its causes, without the URL.
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// GitHub's timestamp form, `YYYY-MM-DDTHH:MM:SSZ`, to the second (rounded down, so `since`
/// never skips an update within that second).
fn github_time(at: Timestamp) -> String {
    let second = Timestamp::from_second(at.as_second()).unwrap_or(at);
    second.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The entries of a listing read page by page: each one that reads, and each one that does
/// not with its place and why, so one bad entry never sinks the rest.
struct Entries<T> {
    items: Vec<T>,
    unreadable: Vec<Unreadable>,
    position: usize,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries { items: Vec::new(), unreadable: Vec::new(), position: 0 }
    }
}

impl<T> Entries<T> {
    fn read<W: DeserializeOwned>(
        &mut self,
        page: Vec<serde_json::Value>,
        convert: fn(W) -> Result<T, Error>,
    ) {
        for value in page {
            self.position += 1;
            let id = entry_id(&value);
            let entry = serde_json::from_value::<W>(value)
                .map_err(|e| Error::Malformed(e.to_string()))
                .and_then(convert);
            match entry {
                Ok(item) => self.items.push(item),
                Err(e) => self.unreadable.push(Unreadable {
                    position: self.position,
                    id,
                    reason: e.to_string(),
                }),
            }
        }
    }

    fn listing(self, read: Pages, complete: bool) -> Listing<T> {
        match read {
            Pages::NotModified => Listing::Unchanged,
            Pages::Read { etag } => {
                Listing::Changed { items: self.items, unreadable: self.unreadable, etag, complete }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn since_is_written_as_github_wants_it() {
        let at: Timestamp = "2024-03-01T10:20:30.75Z".parse().unwrap();
        assert_eq!(github_time(at), "2024-03-01T10:20:30Z");
    }

    #[test]
    fn backoff_doubles() {
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(4));
    }

    #[test]
    fn builder_debug_hides_the_token() {
        let builder = Client::builder("ghp_secret123", "Plaudit/0.1");
        assert!(!format!("{builder:?}").contains("ghp_secret123"));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("ghp_secret123"));
    }

    #[test]
    fn a_bad_base_url_is_a_config_error() {
        let error = Client::builder("t", "ua").base_url("not a url").build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        let error = Client::builder("t\n", "ua").build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
    }
}

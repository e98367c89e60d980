//! A local GitHub on loopback, for tests: repositories with issues (some of them pull
//! requests), comments and labels in memory, answered with GitHub's recorded response shapes
//! (`fixtures/`, from GitHub's REST API description), real `Link` pages, `ETag`s and `304`s,
//! and the rate-limit, server and credential failures a test scripts.
//!
//! What anyone may read needs no token here either, as on GitHub: the issue search
//! (`/search/issues?q=author:… is:public`, at most 1,000 results, its own rate limit) and a
//! user's repositories (`/users/{login}/repos`, whose `Link`s name `/user/{id}/repos`), with
//! `ETag`s from the body. [`FakeGitHub::seed_contributor`] fills it with one person's work.
//!
//! ```ignore
//! let github = FakeGitHub::start().await?;
//! github.seed_ama("octo/ama");
//! let client = Client::builder(github.token(), "Plaudit/test").base_url(github.url()).build()?;
//! github.pass_next(1);
//! github.fail_next(1, Failure::SecondaryRateLimit { retry_after: 30 });
//! ```

mod public;
mod render;
mod seed;

use std::collections::VecDeque;
use std::future::Future;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use crate::{Clock, IssueState, StateReason};
use render::{Context, Templates, templates};

pub use seed::{Contributor, Seeded};

/// The token [`FakeGitHub::start`] accepts.
pub const DEFAULT_TOKEN: &str = "ghp_FakeTokenForPlauditTests0000000000000";
/// The login that token belongs to: the AMA's host, the author of what the client writes.
pub const DEFAULT_LOGIN: &str = "ama-host";

/// A failure the fake answers instead of the next request (see [`FakeGitHub::fail_next`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// 403 with `Retry-After` (a secondary rate limit).
    SecondaryRateLimit { retry_after: u64 },
    /// 403 with `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` (the primary limit).
    PrimaryRateLimit { reset: Timestamp },
    /// 429 with `Retry-After`.
    TooManyRequests { retry_after: u64 },
    /// 500.
    ServerError,
    /// 401 `Bad credentials`, whatever the token.
    Unauthorized,
    /// 403 without rate-limit headers: the token may not do this.
    Forbidden,
    /// 200 with a body cut off mid-JSON.
    MalformedJson,
}

/// How the fake computes `ETag`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EtagMode {
    /// From the repository's version and the request: any change anywhere in the repository
    /// changes every ETag of it.
    #[default]
    Repository,
    /// From the answer's body alone, as GitHub does: a change that does not show on this
    /// page leaves its ETag as it was.
    Body,
}

/// One request the fake received, and the status it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// The query's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    pub user_agent: Option<String>,
    pub accept: Option<String>,
    pub api_version: Option<String>,
    pub authorization: Option<String>,
    pub if_none_match: Option<String>,
    pub body: Option<String>,
    pub status: u16,
}

impl RecordedRequest {
    /// The value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// A write: not GET or HEAD.
    pub fn is_write(&self) -> bool {
        !matches!(self.method.as_str(), "GET" | "HEAD")
    }
}

/// An issue or pull request as the fake holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeIssue {
    pub number: u64,
    pub id: u64,
    pub title: String,
    pub body: Option<String>,
    pub user: String,
    pub state: IssueState,
    pub state_reason: Option<StateReason>,
    pub labels: Vec<String>,
    pub pull_request: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    pub closed_by: Option<String>,
    /// Pull requests only: when it was merged (see [`FakeGitHub::merge_pull_request`]).
    pub merged_at: Option<Timestamp>,
    pub comments: Vec<FakeComment>,
}

/// A comment as the fake holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeComment {
    pub id: u64,
    pub body: String,
    pub user: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A repository's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeLabel {
    pub id: u64,
    pub name: String,
    pub color: String,
    pub description: Option<String>,
    pub default: bool,
}

/// An issue to add with [`FakeGitHub::add_issue`]; [`NewIssue::new`] gives an open question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssue {
    pub title: String,
    pub body: Option<String>,
    pub user: String,
    pub labels: Vec<String>,
    pub state: IssueState,
    pub state_reason: Option<StateReason>,
    pub pull_request: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl NewIssue {
    pub fn new(title: &str, user: &str, created_at: Timestamp) -> NewIssue {
        NewIssue {
            title: title.to_owned(),
            body: None,
            user: user.to_owned(),
            labels: Vec::new(),
            state: IssueState::Open,
            state_reason: None,
            pull_request: false,
            created_at,
            updated_at: created_at,
        }
    }
}

/// What `GET /users/{login}/repos` shows of a repository besides its name (see
/// [`FakeGitHub::set_repo_details`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoDetails {
    pub description: Option<String>,
    pub language: Option<String>,
    pub stars: u64,
    pub forks: u64,
    /// A fork of another repository.
    pub fork: bool,
    /// Private repositories are in no public listing and no `is:public` search.
    pub private: bool,
    pub archived: bool,
    pub created_at: Timestamp,
    pub pushed_at: Timestamp,
}

impl Default for RepoDetails {
    fn default() -> Self {
        RepoDetails {
            description: None,
            language: None,
            stars: 0,
            forks: 0,
            fork: false,
            private: false,
            archived: false,
            created_at: start_of_time(),
            pushed_at: start_of_time(),
        }
    }
}

struct FakeRepo {
    id: u64,
    owner: String,
    name: String,
    issues: Vec<FakeIssue>,
    labels: Vec<FakeLabel>,
    details: RepoDetails,
    /// Bumped by every change.
    version: u64,
}

impl FakeRepo {
    fn full_name(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

struct State {
    repos: Vec<FakeRepo>,
    next_id: u64,
    script: VecDeque<Option<Failure>>,
    requests: Vec<RecordedRequest>,
    now: Timestamp,
    /// `X-RateLimit-Remaining` for the core API with the token.
    rate_remaining: u64,
    /// The same for the search API with the token (30 a minute), and for both without (60 an
    /// hour, 10 searches a minute): GitHub counts each apart.
    search_remaining: u64,
    anonymous_remaining: u64,
    anonymous_search_remaining: u64,
    etag_mode: EtagMode,
    /// `html_url`s of entries the public listings render broken (see
    /// [`FakeGitHub::break_entry`]).
    broken: Vec<String>,
}

struct Shared {
    api_root: String,
    token: String,
    login: String,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the request carries the token the fake accepts.
    fn authorized(&self, request: &RecordedRequest) -> bool {
        request.authorization.as_deref().is_some_and(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("token "))
                .is_some_and(|token| token == self.token)
        })
    }
}

/// A local GitHub listening on `127.0.0.1`, stopped when dropped.
pub struct FakeGitHub {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for FakeGitHub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeGitHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeGitHub").field("addr", &self.addr).finish_non_exhaustive()
    }
}

/// Where the fake's clock starts: writes are stamped from here on, a second apart.
fn start_of_time() -> Timestamp {
    Timestamp::from_second(1_735_689_600).unwrap_or(Timestamp::UNIX_EPOCH) // 2025-01-01
}

impl FakeGitHub {
    /// Starts a fake that accepts [`DEFAULT_TOKEN`], belonging to [`DEFAULT_LOGIN`].
    pub async fn start() -> std::io::Result<FakeGitHub> {
        FakeGitHub::start_with(DEFAULT_TOKEN, DEFAULT_LOGIN).await
    }

    /// Starts a fake that accepts `token`, belonging to `login`; any other gets a 401.
    pub async fn start_with(token: &str, login: &str) -> std::io::Result<FakeGitHub> {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            api_root: format!("http://{addr}"),
            token: token.to_owned(),
            login: login.to_owned(),
            state: Mutex::new(State {
                repos: Vec::new(),
                next_id: 1000,
                script: VecDeque::new(),
                requests: Vec::new(),
                now: start_of_time(),
                rate_remaining: 5000,
                search_remaining: 30,
                anonymous_remaining: 60,
                anonymous_search_remaining: 10,
                etag_mode: EtagMode::default(),
                broken: Vec::new(),
            }),
        });
        let app = Router::new().fallback(handle).with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the fake GitHub stopped");
            }
        });
        Ok(FakeGitHub { shared, addr, task })
    }

    /// The API root to give the client, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.shared.api_root
    }

    /// The token the fake accepts.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The login the token belongs to.
    pub fn login(&self) -> &str {
        &self.shared.login
    }

    /// Adds an empty repository `owner/name` (nothing if it exists); its numeric id, which
    /// `Link` headers use as GitHub's do (`/repositories/{id}/issues?page=2`).
    pub fn add_repo(&self, full_name: &str) -> u64 {
        let mut state = self.shared.lock();
        let (owner, name) = full_name.split_once('/').unwrap_or((full_name, ""));
        if let Some(repo) = state.repo_mut(owner, name) {
            return repo.id;
        }
        let id = state.next_id();
        state.repos.push(FakeRepo {
            id,
            owner: owner.to_owned(),
            name: name.to_owned(),
            issues: Vec::new(),
            labels: Vec::new(),
            details: RepoDetails::default(),
            version: 0,
        });
        id
    }

    /// Sets what the repository's listing shows (created if need be): stars, fork, privacy,
    /// dates.
    pub fn set_repo_details(&self, full_name: &str, details: RepoDetails) {
        self.add_repo(full_name);
        let mut state = self.shared.lock();
        if let Some(repo) = state.repo_by_name(full_name) {
            repo.details = details;
            repo.version += 1;
        }
    }

    /// Merges pull request `number` at `at` (closing it); false if there is no such pull
    /// request.
    pub fn merge_pull_request(&self, repo: &str, number: u64, at: Timestamp) -> bool {
        let login = self.shared.login.clone();
        let mut state = self.shared.lock();
        let Some(repo) = state.repo_by_name(repo) else {
            return false;
        };
        let Some(issue) =
            repo.issues.iter_mut().find(|issue| issue.number == number && issue.pull_request)
        else {
            return false;
        };
        issue.state = IssueState::Closed;
        issue.closed_at = Some(at);
        issue.closed_by = Some(login);
        issue.merged_at = Some(at);
        issue.updated_at = at;
        repo.version += 1;
        true
    }

    /// Adds a label to the repository (or updates its color and description).
    pub fn add_label(&self, repo: &str, name: &str, color: &str, description: Option<&str>) {
        self.add_repo(repo);
        let mut state = self.shared.lock();
        let id = state.next_id();
        if let Some(repo) = state.repo_by_name(repo) {
            repo.version += 1;
            match repo.labels.iter_mut().find(|label| label.name == name) {
                Some(label) => {
                    color.clone_into(&mut label.color);
                    label.description = description.map(str::to_owned);
                }
                None => repo.labels.push(FakeLabel {
                    id,
                    name: name.to_owned(),
                    color: color.to_owned(),
                    description: description.map(str::to_owned),
                    default: false,
                }),
            }
        }
    }

    /// Adds an issue (or pull request) with the next number; its number. Unknown labels are
    /// created.
    pub fn add_issue(&self, repo: &str, new: NewIssue) -> u64 {
        self.add_repo(repo);
        let mut state = self.shared.lock();
        let id = state.next_id();
        let labels = state.ensure_labels(repo, &new.labels);
        let Some(repo) = state.repo_by_name(repo) else {
            return 0;
        };
        let number = repo.issues.iter().map(|issue| issue.number).max().unwrap_or(0) + 1;
        let closed = new.state == IssueState::Closed;
        repo.issues.push(FakeIssue {
            number,
            id,
            title: new.title,
            body: new.body,
            user: new.user,
            state: new.state,
            state_reason: new.state_reason,
            labels,
            pull_request: new.pull_request,
            created_at: new.created_at,
            updated_at: new.updated_at,
            closed_at: closed.then_some(new.updated_at),
            closed_by: closed.then(|| self.shared.login.clone()),
            merged_at: None,
            comments: Vec::new(),
        });
        repo.version += 1;
        number
    }

    /// Adds a comment to issue `number`; its id (`None` if there is no such issue).
    pub fn add_comment(
        &self,
        repo: &str,
        number: u64,
        user: &str,
        body: &str,
        at: Timestamp,
    ) -> Option<u64> {
        let mut state = self.shared.lock();
        let id = state.next_id();
        let repo = state.repo_by_name(repo)?;
        let issue = repo.issues.iter_mut().find(|issue| issue.number == number)?;
        issue.comments.push(FakeComment {
            id,
            body: body.to_owned(),
            user: user.to_owned(),
            created_at: at,
            updated_at: at,
        });
        repo.version += 1;
        Some(id)
    }

    /// The issue or pull request `number` as the fake holds it now.
    pub fn issue(&self, repo: &str, number: u64) -> Option<FakeIssue> {
        let mut state = self.shared.lock();
        let repo = state.repo_by_name(repo)?;
        repo.issues.iter().find(|issue| issue.number == number).cloned()
    }

    /// Every issue and pull request of the repository, by number.
    pub fn issues(&self, repo: &str) -> Vec<FakeIssue> {
        let mut state = self.shared.lock();
        state.repo_by_name(repo).map(|repo| repo.issues.clone()).unwrap_or_default()
    }

    /// Answers the next `times` requests with `failure` (after those already scripted).
    pub fn fail_next(&self, times: usize, failure: Failure) {
        let mut state = self.shared.lock();
        state.script.extend(std::iter::repeat_n(Some(failure), times));
    }

    /// Answers the next `times` requests normally (after those already scripted), so a
    /// failure scripted next lands mid-way, e.g. on the second page.
    pub fn pass_next(&self, times: usize) {
        let mut state = self.shared.lock();
        state.script.extend(std::iter::repeat_n(None, times));
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// The time the next write is stamped with.
    pub fn now(&self) -> Timestamp {
        self.shared.lock().now
    }

    /// Sets the time the next write is stamped with; writes after it come a second apart.
    pub fn set_now(&self, now: Timestamp) {
        self.shared.lock().now = now;
    }

    /// What `X-RateLimit-Remaining` says next; every answer but a 304 takes one off.
    pub fn set_rate_limit_remaining(&self, remaining: u64) {
        self.shared.lock().rate_remaining = remaining;
    }

    /// The same for the search API, with the token or without.
    pub fn set_search_rate_limit_remaining(&self, remaining: u64) {
        let mut state = self.shared.lock();
        state.search_remaining = remaining;
        state.anonymous_search_remaining = remaining;
    }

    /// Makes the search and repository listings render the entry at `html_url` with a
    /// `created_at` GitHub would never send, so a reader has one entry it cannot read among
    /// good ones.
    pub fn break_entry(&self, html_url: &str) {
        self.shared.lock().broken.push(html_url.to_owned());
    }

    pub fn set_etag_mode(&self, mode: EtagMode) {
        self.shared.lock().etag_mode = mode;
    }
}

impl State {
    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The time for a write, the next one a second later.
    fn tick(&mut self) -> Timestamp {
        let now = self.now;
        self.now = now.saturating_add(Duration::from_secs(1)).unwrap_or(now);
        now
    }

    fn repo_mut(&mut self, owner: &str, name: &str) -> Option<&mut FakeRepo> {
        // GitHub's names are not case sensitive.
        self.repos.iter_mut().find(|repo| {
            repo.owner.eq_ignore_ascii_case(owner) && repo.name.eq_ignore_ascii_case(name)
        })
    }

    fn repo_by_name(&mut self, full_name: &str) -> Option<&mut FakeRepo> {
        let (owner, name) = full_name.split_once('/')?;
        self.repo_mut(owner, name)
    }

    fn repo_index(&self, segments: &[&str]) -> Option<usize> {
        match segments {
            ["repos", owner, name, ..] => self.repos.iter().position(|repo| {
                repo.owner.eq_ignore_ascii_case(owner) && repo.name.eq_ignore_ascii_case(name)
            }),
            ["repositories", id, ..] => {
                let id: u64 = id.parse().ok()?;
                self.repos.iter().position(|repo| repo.id == id)
            }
            _ => None,
        }
    }

    /// The label names, with any the repository lacks created as GitHub does.
    fn ensure_labels(&mut self, full_name: &str, names: &[String]) -> Vec<String> {
        let mut kept: Vec<String> = Vec::new();
        for name in names {
            if kept.contains(name) {
                continue;
            }
            let id = self.next_id();
            if let Some(repo) = self.repo_by_name(full_name)
                && !repo.labels.iter().any(|label| &label.name == name)
            {
                repo.labels.push(FakeLabel {
                    id,
                    name: name.clone(),
                    color: "ededed".to_owned(),
                    description: None,
                    default: false,
                });
            }
            kept.push(name.clone());
        }
        kept
    }
}

/// One answer, before axum's.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl Reply {
    fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Some(serde_json::to_vec(value).unwrap_or_default()),
        }
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn into_response(self) -> Response {
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.append(HeaderName::from_static(name), value);
            }
        }
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match self.body {
            Some(body) => {
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                );
                (status, headers, body).into_response()
            }
            None => (status, headers).into_response(),
        }
    }
}

fn header_text(headers: &HeaderMap, name: impl axum::http::header::AsHeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

async fn handle(Extract(shared): Extract<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let mut recorded = RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query,
        user_agent: header_text(&parts.headers, header::USER_AGENT),
        accept: header_text(&parts.headers, header::ACCEPT),
        api_version: header_text(&parts.headers, "x-github-api-version"),
        authorization: header_text(&parts.headers, header::AUTHORIZATION),
        if_none_match: header_text(&parts.headers, header::IF_NONE_MATCH),
        body: (!body.is_empty()).then(|| String::from_utf8_lossy(&body).into_owned()),
        status: 0,
    };
    let mut state = shared.lock();
    let reply = match templates() {
        Some(templates) => answer(&shared, &mut state, templates, &recorded, &body),
        None => Reply::json(500, &json!({ "message": "the fake's fixtures are broken" })),
    };
    let search = recorded.path.starts_with("/search/");
    let reply = with_rate_headers(&mut state, reply, search, shared.authorized(&recorded));
    recorded.status = reply.status;
    state.requests.push(recorded);
    drop(state);
    reply.into_response()
}

/// GitHub's headers on every answer: the rate limit (of the search API or the core one, with
/// the token or without: GitHub counts each apart), the API version, a request id.
fn with_rate_headers(state: &mut State, reply: Reply, search: bool, authorized: bool) -> Reply {
    let mut reply = reply
        .header("x-github-api-version-selected", "2022-11-28")
        .header("x-github-request-id", format!("FAKE:{:X}", state.requests.len() + 1))
        .header("x-ratelimit-resource", if search { "search" } else { "core" });
    if !reply.has_header("x-ratelimit-remaining") {
        let (limit, window, remaining) = match (search, authorized) {
            (false, true) => (5000_u64, 3600, &mut state.rate_remaining),
            (true, true) => (30, 60, &mut state.search_remaining),
            (false, false) => (60, 3600, &mut state.anonymous_remaining),
            (true, false) => (10, 60, &mut state.anonymous_search_remaining),
        };
        // A 304 to an authorized request costs nothing.
        if reply.status != 304 || !authorized {
            *remaining = remaining.saturating_sub(1);
        }
        let remaining = *remaining;
        let reset = state.now.as_second() + window;
        reply = reply
            .header("x-ratelimit-limit", limit.to_string())
            .header("x-ratelimit-remaining", remaining.to_string())
            .header("x-ratelimit-used", (limit.saturating_sub(remaining)).to_string())
            .header("x-ratelimit-reset", reset.to_string());
    }
    reply
}

fn failure_reply(templates: &Templates, failure: Failure) -> Reply {
    match failure {
        Failure::SecondaryRateLimit { retry_after } => {
            Reply::json(403, &templates.error("secondary_rate_limit"))
                .header("retry-after", retry_after.to_string())
        }
        Failure::TooManyRequests { retry_after } => {
            Reply::json(429, &templates.error("secondary_rate_limit"))
                .header("retry-after", retry_after.to_string())
        }
        Failure::PrimaryRateLimit { reset } => {
            Reply::json(403, &templates.error("primary_rate_limit"))
                .header("x-ratelimit-limit", "5000")
                .header("x-ratelimit-remaining", "0")
                .header("x-ratelimit-used", "5000")
                .header("x-ratelimit-reset", reset.as_second().to_string())
        }
        Failure::ServerError => Reply::json(500, &templates.error("server_error")),
        Failure::Unauthorized => Reply::json(401, &templates.error("bad_credentials")),
        Failure::Forbidden => Reply::json(403, &templates.error("forbidden")),
        Failure::MalformedJson => Reply {
            status: 200,
            headers: Vec::new(),
            body: Some(b"[{\"id\": 1, \"number\": 1, \"title\": \"Found a b".to_vec()),
        },
    }
}

fn answer(
    shared: &Shared,
    state: &mut State,
    templates: &Templates,
    request: &RecordedRequest,
    body: &[u8],
) -> Reply {
    if let Some(Some(failure)) = state.script.pop_front() {
        return failure_reply(templates, failure);
    }
    let authorized = shared.authorized(request);
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    // What anyone may read needs no token; a wrong token is refused all the same, as GitHub
    // does.
    if request.authorization.is_none() || authorized {
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["search", "issues"]) => {
                return public::search_issues(shared, state, templates, request);
            }
            ("GET", ["users", login, "repos"]) => {
                return public::user_repos(shared, state, templates, request, login);
            }
            ("GET", ["user", id, "repos"]) => {
                let login = public::login_of_id(shared, state, id).unwrap_or_default();
                return public::user_repos(shared, state, templates, request, &login);
            }
            _ => {}
        }
    }
    if !authorized {
        return Reply::json(401, &templates.error("bad_credentials"));
    }
    let not_found = || Reply::json(404, &templates.error("not_found"));
    let Some(index) = state.repo_index(&segments) else {
        return not_found();
    };
    let rest = match segments.as_slice() {
        ["repos", _, _, rest @ ..] | ["repositories", _, rest @ ..] => rest,
        _ => return not_found(),
    };
    let input =
        if body.is_empty() { Ok(Value::Null) } else { serde_json::from_slice::<Value>(body) };
    let Ok(input) = input else {
        return Reply::json(400, &templates.error("problems_parsing_json"));
    };
    let mut api = Api { shared, state, templates, index, request };
    let number = |text: &str| text.parse::<u64>().ok();
    match (request.method.as_str(), rest) {
        ("GET", ["issues"]) => api.list_issues(),
        ("POST", ["issues"]) => api.create_issue(&input),
        ("GET", ["issues", "comments", id]) => {
            number(id).map_or_else(not_found, |id| api.get_comment(id))
        }
        ("PATCH", ["issues", "comments", id]) => {
            number(id).map_or_else(not_found, |id| api.update_comment(id, &input))
        }
        ("GET", ["issues", n]) => number(n).map_or_else(not_found, |n| api.get_issue(n)),
        ("PATCH", ["issues", n]) => {
            number(n).map_or_else(not_found, |n| api.update_issue(n, &input))
        }
        ("GET", ["issues", n, "comments"]) => {
            number(n).map_or_else(not_found, |n| api.list_comments(n))
        }
        ("POST", ["issues", n, "comments"]) => {
            number(n).map_or_else(not_found, |n| api.create_comment(n, &input))
        }
        ("GET", ["issues", n, "labels"]) => {
            number(n).map_or_else(not_found, |n| api.issue_labels(n))
        }
        ("PUT", ["issues", n, "labels"]) => {
            number(n).map_or_else(not_found, |n| api.set_labels(n, &input))
        }
        _ => not_found(),
    }
}

/// One request's work on one repository.
struct Api<'a> {
    shared: &'a Shared,
    state: &'a mut State,
    templates: &'a Templates,
    index: usize,
    request: &'a RecordedRequest,
}

fn hash_hex(parts: &[&[u8]]) -> String {
    let mut first = DefaultHasher::new();
    let mut second = DefaultHasher::new();
    "plaudit-fake-etag".hash(&mut second);
    for part in parts {
        part.hash(&mut first);
        part.hash(&mut second);
    }
    format!("{:016x}{:016x}", first.finish(), second.finish())
}

/// A `200` with `body` and its weak `ETag` (from `etag`, hex), or a `304` when the request's
/// `If-None-Match` names it; `extra` headers on both.
fn conditional_reply(
    request: &RecordedRequest,
    body: Vec<u8>,
    etag: &str,
    extra: Vec<(&'static str, String)>,
) -> Reply {
    let etag = format!("W/\"{etag}\"");
    let mut reply = if request.if_none_match.as_deref().is_some_and(|tag| etag_matches(tag, &etag))
    {
        Reply { status: 304, headers: Vec::new(), body: None }
    } else {
        Reply { status: 200, headers: Vec::new(), body: Some(body) }
    };
    reply.headers.extend(extra);
    reply.header("etag", etag).header("cache-control", "private, max-age=60, s-maxage=60")
}

/// The request's page of `items` (`page`, `per_page` up to 100) and GitHub's `Link` header for
/// it; `link_path` as GitHub writes it. With `cap`, items past it are not served at all (a
/// search gives 1,000 at most).
fn paginate(
    shared: &Shared,
    request: &RecordedRequest,
    items: Vec<Value>,
    link_path: &str,
    cap: Option<usize>,
) -> (Vec<Value>, Vec<(&'static str, String)>) {
    let per_page =
        request.param("per_page").and_then(|n| n.parse::<usize>().ok()).unwrap_or(30).clamp(1, 100);
    let page = request.param("page").and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1);
    let servable = cap.map_or(items.len(), |cap| items.len().min(cap));
    let last = servable.div_ceil(per_page).max(1);
    let start = (page - 1).saturating_mul(per_page).min(servable);
    let shown: Vec<Value> = items.into_iter().take(servable).skip(start).take(per_page).collect();
    let mut extra = Vec::new();
    if last > 1 {
        let link = |to: usize, rel: &str| {
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(request.query.iter().filter(|(k, _)| k != "page"))
                .append_pair("page", &to.to_string())
                .finish();
            format!("<{}{link_path}?{query}>; rel=\"{rel}\"", shared.api_root)
        };
        let mut links = Vec::new();
        if page > 1 {
            links.push(link(page.min(last + 1) - 1, "prev"));
        }
        if page < last {
            links.push(link(page + 1, "next"));
            links.push(link(last, "last"));
        }
        if page > 1 {
            links.push(link(1, "first"));
        }
        extra.push(("link", links.join(", ")));
    }
    (shown, extra)
}

/// Whether `If-None-Match` names `etag` (weakly, as GitHub compares).
fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if_none_match.split(',').any(|tag| tag.trim() == "*" || bare(tag) == bare(etag))
}

impl Api<'_> {
    fn repo(&mut self) -> &mut FakeRepo {
        &mut self.state.repos[self.index]
    }

    fn validation(&self, resource: &str, field: &str, code: &str) -> Reply {
        let mut error = self.templates.error("validation_failed");
        if let Some(map) = error.as_object_mut() {
            map.insert(
                "errors".into(),
                json!([{ "resource": resource, "code": code, "field": field }]),
            );
        }
        Reply::json(422, &error)
    }

    /// Renders with the repository's context.
    fn render<T>(&self, f: impl FnOnce(&Templates, &Context<'_>) -> T) -> T {
        let repo = &self.state.repos[self.index];
        let full_name = repo.full_name();
        let label = |name: &str| repo.labels.iter().find(|label| label.name == name).cloned();
        let cx = Context {
            api_root: &self.shared.api_root,
            full_name: &full_name,
            owner: &repo.owner,
            host: &self.shared.login,
            label: &label,
        };
        f(self.templates, &cx)
    }

    /// A `200` with `value`, its `ETag`, or a `304` when `If-None-Match` names it.
    fn conditional(&self, value: &Value, extra: Vec<(&'static str, String)>) -> Reply {
        let body = serde_json::to_vec(value).unwrap_or_default();
        let etag = match self.state.etag_mode {
            EtagMode::Body => hash_hex(&[&body]),
            EtagMode::Repository => {
                let version = self.state.repos[self.index].version.to_le_bytes();
                let query = form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&self.request.query)
                    .finish();
                hash_hex(&[&version, self.request.path.as_bytes(), query.as_bytes()])
            }
        };
        conditional_reply(self.request, body, &etag, extra)
    }

    /// One page of `items` with GitHub's `Link` header; `link_path` as GitHub writes it,
    /// `/repositories/{id}/…`.
    fn page(&self, items: Vec<Value>, link_path: &str) -> Reply {
        let (shown, extra) = paginate(self.shared, self.request, items, link_path, None);
        self.conditional(&Value::Array(shown), extra)
    }

    fn issue_index(&self, number: u64) -> Option<usize> {
        self.state.repos[self.index].issues.iter().position(|issue| issue.number == number)
    }

    fn list_issues(&mut self) -> Reply {
        let state = self.request.param("state").unwrap_or("open");
        if !matches!(state, "open" | "closed" | "all") {
            return self.validation("Issue", "state", "invalid");
        }
        let since = match self.request.param("since").map(str::parse::<Timestamp>) {
            None => None,
            Some(Ok(since)) => Some(since),
            Some(Err(_)) => return self.validation("Issue", "since", "invalid"),
        };
        let sort = self.request.param("sort").unwrap_or("created");
        let ascending = self.request.param("direction") == Some("asc");
        let repo = &self.state.repos[self.index];
        let mut chosen: Vec<&FakeIssue> = repo
            .issues
            .iter()
            .filter(|issue| match state {
                "open" => issue.state == IssueState::Open,
                "closed" => issue.state == IssueState::Closed,
                _ => true,
            })
            .filter(|issue| since.is_none_or(|since| issue.updated_at >= since))
            .collect();
        chosen.sort_by(|a, b| {
            let key = match sort {
                "updated" => a.updated_at.cmp(&b.updated_at),
                "comments" => a.comments.len().cmp(&b.comments.len()),
                _ => a.created_at.cmp(&b.created_at),
            };
            key.then(a.number.cmp(&b.number))
        });
        if !ascending {
            chosen.reverse();
        }
        let items: Vec<Value> =
            self.render(|t, cx| chosen.iter().map(|issue| t.issue(cx, issue)).collect());
        let link_path = format!("/repositories/{}/issues", repo.id);
        self.page(items, &link_path)
    }

    fn get_issue(&mut self, number: u64) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let value = self.render(|t, cx| t.issue(cx, &self.state.repos[self.index].issues[i]));
        self.conditional(&value, Vec::new())
    }

    fn list_comments(&mut self, number: u64) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let since = match self.request.param("since").map(str::parse::<Timestamp>) {
            None => None,
            Some(Ok(since)) => Some(since),
            Some(Err(_)) => return self.validation("IssueComment", "since", "invalid"),
        };
        let repo = &self.state.repos[self.index];
        let issue = &repo.issues[i];
        let mut comments: Vec<&FakeComment> = issue
            .comments
            .iter()
            .filter(|c| since.is_none_or(|since| c.updated_at >= since))
            .collect();
        comments.sort_by_key(|c| c.id);
        let items =
            self.render(|t, cx| comments.iter().map(|c| t.comment(cx, number, c)).collect());
        let link_path = format!("/repositories/{}/issues/{number}/comments", repo.id);
        self.page(items, &link_path)
    }

    fn find_comment(&self, id: u64) -> Option<(usize, usize)> {
        let issues = &self.state.repos[self.index].issues;
        issues
            .iter()
            .enumerate()
            .find_map(|(i, issue)| issue.comments.iter().position(|c| c.id == id).map(|j| (i, j)))
    }

    fn get_comment(&mut self, id: u64) -> Reply {
        let Some((i, j)) = self.find_comment(id) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let issue = &self.state.repos[self.index].issues[i];
        let value = self.render(|t, cx| t.comment(cx, issue.number, &issue.comments[j]));
        self.conditional(&value, Vec::new())
    }

    fn create_comment(&mut self, number: u64, input: &Value) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let Some(body) = input.get("body").and_then(Value::as_str) else {
            return self.validation("IssueComment", "body", "missing_field");
        };
        let id = self.state.next_id();
        let now = self.state.tick();
        let login = self.shared.login.clone();
        let repo = self.repo();
        repo.version += 1;
        let issue = &mut repo.issues[i];
        issue.updated_at = now;
        issue.comments.push(FakeComment {
            id,
            body: body.to_owned(),
            user: login,
            created_at: now,
            updated_at: now,
        });
        let issue = &self.state.repos[self.index].issues[i];
        let value = self.render(|t, cx| issue.comments.last().map(|c| t.comment(cx, number, c)));
        let location =
            value.as_ref().and_then(|v| v.get("url")).and_then(Value::as_str).map(str::to_owned);
        Reply::json(201, &value.unwrap_or(Value::Null))
            .header("location", location.unwrap_or_default())
    }

    fn update_comment(&mut self, id: u64, input: &Value) -> Reply {
        let Some((i, j)) = self.find_comment(id) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let Some(body) = input.get("body").and_then(Value::as_str) else {
            return self.validation("IssueComment", "body", "missing_field");
        };
        let now = self.state.tick();
        let repo = self.repo();
        repo.version += 1;
        let comment = &mut repo.issues[i].comments[j];
        body.clone_into(&mut comment.body);
        comment.updated_at = now;
        let issue = &self.state.repos[self.index].issues[i];
        let value = self.render(|t, cx| t.comment(cx, issue.number, &issue.comments[j]));
        Reply::json(200, &value)
    }

    /// Label names from `["a", "b"]`, `{"labels": ["a"]}` or `{"labels": [{"name": "a"}]}`.
    fn label_names(input: &Value) -> Option<Vec<String>> {
        let list = match input {
            Value::Array(list) => list,
            Value::Object(map) => map.get("labels")?.as_array()?,
            _ => return None,
        };
        list.iter()
            .map(|label| match label {
                Value::String(name) => Some(name.clone()),
                Value::Object(map) => map.get("name")?.as_str().map(str::to_owned),
                _ => None,
            })
            .collect()
    }

    fn full_name(&self) -> String {
        self.state.repos[self.index].full_name()
    }

    fn create_issue(&mut self, input: &Value) -> Reply {
        let Some(title) = input.get("title").and_then(Value::as_str).filter(|t| !t.is_empty())
        else {
            return self.validation("Issue", "title", "missing_field");
        };
        let body = input.get("body").and_then(Value::as_str).map(str::to_owned);
        let wanted = match input.get("labels") {
            None | Some(Value::Null) => Vec::new(),
            Some(labels) => match Self::label_names(&json!({ "labels": labels })) {
                Some(names) => names,
                None => return self.validation("Issue", "labels", "invalid"),
            },
        };
        let full_name = self.full_name();
        let labels = self.state.ensure_labels(&full_name, &wanted);
        let id = self.state.next_id();
        let now = self.state.tick();
        let login = self.shared.login.clone();
        let repo = self.repo();
        let number = repo.issues.iter().map(|issue| issue.number).max().unwrap_or(0) + 1;
        repo.issues.push(FakeIssue {
            number,
            id,
            title: title.to_owned(),
            body,
            user: login,
            state: IssueState::Open,
            state_reason: None,
            labels,
            pull_request: false,
            created_at: now,
            updated_at: now,
            closed_at: None,
            closed_by: None,
            merged_at: None,
            comments: Vec::new(),
        });
        repo.version += 1;
        let i = repo.issues.len() - 1;
        let value = self.render(|t, cx| t.issue(cx, &self.state.repos[self.index].issues[i]));
        let location = value.get("url").and_then(Value::as_str).unwrap_or_default().to_owned();
        Reply::json(201, &value).header("location", location)
    }

    fn update_issue(&mut self, number: u64, input: &Value) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let state = match input.get("state") {
            None | Some(Value::Null) => None,
            Some(value) => match value.as_str().and_then(IssueState::parse) {
                Some(state) => Some(state),
                None => return self.validation("Issue", "state", "invalid"),
            },
        };
        let reason = match input.get("state_reason") {
            None | Some(Value::Null) => None,
            Some(value) => match value.as_str().and_then(StateReason::parse) {
                Some(reason) => Some(reason),
                None => return self.validation("Issue", "state_reason", "invalid"),
            },
        };
        let wanted_labels = match input.get("labels") {
            None | Some(Value::Null) => None,
            Some(labels) => match Self::label_names(&json!({ "labels": labels })) {
                Some(names) => Some(names),
                None => return self.validation("Issue", "labels", "invalid"),
            },
        };
        let full_name = self.full_name();
        let labels = wanted_labels.map(|names| self.state.ensure_labels(&full_name, &names));
        let now = self.state.tick();
        let login = self.shared.login.clone();
        let repo = self.repo();
        repo.version += 1;
        let issue = &mut repo.issues[i];
        if let Some(title) = input.get("title").and_then(Value::as_str) {
            title.clone_into(&mut issue.title);
        }
        if let Some(body) = input.get("body") {
            issue.body = body.as_str().map(str::to_owned);
        }
        if let Some(labels) = labels {
            issue.labels = labels;
        }
        match (issue.state, state) {
            (IssueState::Open, Some(IssueState::Closed)) => {
                issue.state = IssueState::Closed;
                issue.closed_at = Some(now);
                issue.closed_by = Some(login);
                issue.state_reason = Some(reason.unwrap_or(StateReason::Completed));
            }
            (IssueState::Closed, Some(IssueState::Open)) => {
                issue.state = IssueState::Open;
                issue.closed_at = None;
                issue.closed_by = None;
                issue.state_reason = Some(StateReason::Reopened);
            }
            _ => {
                if reason.is_some() && issue.state == IssueState::Closed {
                    issue.state_reason = reason;
                }
            }
        }
        issue.updated_at = now;
        let value = self.render(|t, cx| t.issue(cx, &self.state.repos[self.index].issues[i]));
        Reply::json(200, &value)
    }

    fn labels_of(&self, i: usize) -> Value {
        let issue = &self.state.repos[self.index].issues[i];
        self.render(|t, cx| {
            Value::Array(
                issue
                    .labels
                    .iter()
                    .filter_map(|name| (cx.label)(name))
                    .map(|label| t.label(cx, &label))
                    .collect(),
            )
        })
    }

    fn issue_labels(&mut self, number: u64) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let value = self.labels_of(i);
        self.conditional(&value, Vec::new())
    }

    fn set_labels(&mut self, number: u64, input: &Value) -> Reply {
        let Some(i) = self.issue_index(number) else {
            return Reply::json(404, &self.templates.error("not_found"));
        };
        let Some(wanted) = Self::label_names(input) else {
            return self.validation("Label", "labels", "invalid");
        };
        let full_name = self.full_name();
        let labels = self.state.ensure_labels(&full_name, &wanted);
        let now = self.state.tick();
        let repo = self.repo();
        repo.version += 1;
        let issue = &mut repo.issues[i];
        issue.labels = labels;
        issue.updated_at = now;
        let value = self.labels_of(i);
        Reply::json(200, &value)
    }
}

/// A [`Clock`] for tests: `sleep` returns at once, moving the time on and noting the wait.
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<(Timestamp, Vec<Duration>)>,
}

impl ManualClock {
    pub fn new(now: Timestamp) -> Arc<ManualClock> {
        Arc::new(ManualClock { state: Mutex::new((now, Vec::new())) })
    }

    fn lock(&self) -> MutexGuard<'_, (Timestamp, Vec<Duration>)> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every wait asked for, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().1.clone()
    }

    pub fn set(&self, now: Timestamp) {
        self.lock().0 = now;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.lock().0
    }

    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        let mut state = self.lock();
        state.0 = state.0.saturating_add(duration).unwrap_or(state.0);
        state.1.push(duration);
        Box::pin(async {})
    }
}

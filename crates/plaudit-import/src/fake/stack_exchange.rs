//! A local Stack Exchange API (`/2.3/…`) on loopback, answering from recorded, real-world-shaped
//! answers (`tests/fixtures/stack_exchange/`): `users/{ids}/answers`, `users/{ids}` and
//! `questions/{ids}` for the sites `stackoverflow` and `unix`, in the API's wrapper object,
//! always gzip-compressed as the real API answers, with `page`/`pagesize`/`has_more`, `sort`,
//! `filter` (the reader's, `default` without titles, anything else refused), and quotas.
//!
//! A test can make it answer a `backoff`, a throttle violation or a 500 next, render one answer
//! broken, send `ETag`s (off by default: the real API is not known to send them) and read the
//! log of what it received.
//!
//! ```ignore
//! let api = FakeStackExchange::start().await?;
//! let endpoints = Endpoints { stack_exchange_api: api.url().to_owned(), ..Endpoints::default() };
//! api.script(Scripted::Backoff(1));
//! ```

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::stack_exchange::ANSWER_FILTER;

const ANSWERS: [(&str, &str); 2] = [
    (
        "stackoverflow",
        include_str!("../../tests/fixtures/stack_exchange/answers-stackoverflow.json"),
    ),
    ("unix", include_str!("../../tests/fixtures/stack_exchange/answers-unix.json")),
];
const QUESTIONS: &str =
    include_str!("../../tests/fixtures/stack_exchange/questions-stackoverflow.json");
const USERS: &str = include_str!("../../tests/fixtures/stack_exchange/users.json");
const ERRORS: &str = include_str!("../../tests/fixtures/stack_exchange/errors.json");

/// What the fake answers instead of the next request (see [`FakeStackExchange::script`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripted {
    /// The normal answer, with `"backoff": seconds` in its wrapper.
    Backoff(u64),
    /// HTTP 400 with error 502 `throttle_violation`, whose message says to wait `seconds`.
    Throttle(u64),
    /// HTTP 500 with error 500 `internal_error`.
    ServerError,
}

/// One request the fake received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub path: String,
    /// The query's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    pub if_none_match: Option<String>,
    pub accept_encoding: Option<String>,
    /// When it arrived, to measure the waits between requests.
    pub at: Instant,
    pub status: u16,
}

impl RecordedRequest {
    /// The value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

struct State {
    /// Per site, the answers, each with the user id that owns it.
    answers: Vec<(String, Value)>,
    questions: Vec<Value>,
    users: Vec<Value>,
    errors: Value,
    script: VecDeque<Option<Scripted>>,
    broken: Vec<u64>,
    etags: bool,
    quota_used: u64,
    requests: Vec<RecordedRequest>,
}

type Shared = super::Shared<State>;

/// The local API, listening on `127.0.0.1`, stopped when dropped.
pub struct FakeStackExchange {
    shared: Arc<Shared>,
    server: super::Listening,
}

impl std::fmt::Debug for FakeStackExchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeStackExchange").field("addr", &self.server.addr).finish_non_exhaustive()
    }
}

fn items_of(text: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|wrapper| wrapper.get("items").and_then(Value::as_array).cloned())
        .unwrap_or_default()
}

impl FakeStackExchange {
    pub async fn start() -> std::io::Result<FakeStackExchange> {
        let answers = ANSWERS
            .iter()
            .flat_map(|(site, text)| items_of(text).into_iter().map(|a| ((*site).to_owned(), a)))
            .collect();
        let shared = Shared::new(State {
            answers,
            questions: items_of(QUESTIONS),
            users: items_of(USERS),
            errors: serde_json::from_str(ERRORS).unwrap_or(Value::Null),
            script: VecDeque::new(),
            broken: Vec::new(),
            etags: false,
            quota_used: 0,
            requests: Vec::new(),
        });
        let app = Router::new().fallback(handle).with_state(Arc::clone(&shared));
        let server = super::Listening::start("Stack Exchange", app).await?;
        Ok(FakeStackExchange { shared, server })
    }

    /// The API root to put in [`crate::Endpoints::stack_exchange_api`].
    pub fn url(&self) -> &str {
        &self.server.root
    }

    /// Answers the next request with `scripted` (after those already scripted).
    pub fn script(&self, scripted: Scripted) {
        self.shared.lock().script.push_back(Some(scripted));
    }

    /// Answers the next `times` requests normally (after those already scripted).
    pub fn pass_next(&self, times: usize) {
        self.shared.lock().script.extend(std::iter::repeat_n(None, times));
    }

    /// Renders answer `answer_id` with a `creation_date` that is no number.
    pub fn break_answer(&self, answer_id: u64) {
        self.shared.lock().broken.push(answer_id);
    }

    /// Sends an `ETag` with every answer and a 304 when `If-None-Match` names it.
    pub fn set_etags(&self, on: bool) {
        self.shared.lock().etags = on;
    }

    /// Changes an answer's score (and so its page's body).
    pub fn set_score(&self, answer_id: u64, score: i64) {
        let mut state = self.shared.lock();
        for (_, answer) in &mut state.answers {
            if answer.get("answer_id").and_then(Value::as_u64) == Some(answer_id)
                && let Some(map) = answer.as_object_mut()
            {
                map.insert("score".into(), score.into());
            }
        }
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }
}

/// An answer before compression.
struct Reply {
    status: u16,
    body: Option<Value>,
}

impl Reply {
    fn ok(body: Value) -> Reply {
        Reply { status: 200, body: Some(body) }
    }
}

fn error(state: &State, status: u16, name: &str, fill: &[(&str, &str)]) -> Reply {
    let mut body = state.errors.get(name).cloned().unwrap_or_else(|| json!({ "error_id": status }));
    if let Some(Value::String(message)) = body.get_mut("error_message") {
        for (key, value) in fill {
            *message = message.replace(&format!("{{{key}}}"), value);
        }
    }
    Reply { status, body: Some(body) }
}

fn hash_hex(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

async fn handle(Extract(shared): Extract<Arc<Shared>>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let text = |name: header::HeaderName| {
        parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    };
    let mut recorded = RecordedRequest {
        path: parts.uri.path().to_owned(),
        query: parts
            .uri
            .query()
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default(),
        if_none_match: text(header::IF_NONE_MATCH),
        accept_encoding: text(header::ACCEPT_ENCODING),
        at: Instant::now(),
        status: 0,
    };
    let mut state = shared.lock();
    let reply = answer(&mut state, &recorded);
    let mut headers = HeaderMap::new();
    headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    let reply_items =
        reply.body.as_ref().map(|body| format!("{}{}", body["items"], body["has_more"]));
    let body = reply.body.map(|body| serde_json::to_vec(&body).unwrap_or_default());
    let mut status = reply.status;
    if let (true, 200, Some(value)) = (state.etags, status, &reply_items) {
        // Over the entries alone: the quota in the wrapper changes with every request.
        let etag = format!("\"{}\"", hash_hex(value.as_bytes()));
        if recorded.if_none_match.as_deref() == Some(etag.as_str()) {
            status = 304;
        }
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
    }
    recorded.status = status;
    state.requests.push(recorded);
    drop(state);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match body {
        Some(body) if status != StatusCode::NOT_MODIFIED => {
            (status, headers, gzip(&body)).into_response()
        }
        _ => {
            headers.remove(header::CONTENT_ENCODING);
            (status, headers).into_response()
        }
    }
}

const SITES: [&str; 3] = ["stackoverflow", "unix", "superuser"];

fn answer(state: &mut State, request: &RecordedRequest) -> Reply {
    let scripted = state.script.pop_front().flatten();
    match scripted {
        Some(Scripted::Throttle(seconds)) => {
            let mut reply = error(state, 400, "throttle_violation", &[]);
            if let Some(body) = &mut reply.body {
                body["error_message"] = Value::from(format!(
                    "too many requests from this IP, more requests available in {seconds} seconds"
                ));
            }
            return reply;
        }
        Some(Scripted::ServerError) => return error(state, 500, "internal_error", &[]),
        Some(Scripted::Backoff(_)) | None => {}
    }
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    let Some(site) = request.param("site") else {
        return error(state, 400, "bad_parameter", &[("parameter", "site")]);
    };
    if !SITES.contains(&site) {
        return error(state, 400, "bad_parameter_site", &[("site", site)]);
    }
    let ids = |text: &str| -> Option<Vec<u64>> {
        text.split(';').map(|id| id.parse().ok()).collect::<Option<Vec<u64>>>()
    };
    let mut reply = match segments.as_slice() {
        ["2.3", "users", list, "answers"] => match ids(list) {
            Some(users) => answers(state, request, site, &users),
            None => error(state, 400, "bad_parameter", &[("parameter", "ids")]),
        },
        ["2.3", "users", list] => match ids(list) {
            Some(users) => {
                let found: Vec<Value> = state
                    .users
                    .iter()
                    .filter(|u| u["site"] == site)
                    .filter(|u| u["user_id"].as_u64().is_some_and(|id| users.contains(&id)))
                    .map(|u| {
                        let mut u = u.clone();
                        if let Some(map) = u.as_object_mut() {
                            map.remove("site");
                        }
                        u
                    })
                    .collect();
                wrapped(state, request, found, false)
            }
            None => error(state, 400, "bad_parameter", &[("parameter", "ids")]),
        },
        ["2.3", "questions", list] => match ids(list) {
            Some(questions) if site == "stackoverflow" => {
                let found: Vec<Value> = state
                    .questions
                    .iter()
                    .filter(|q| q["question_id"].as_u64().is_some_and(|id| questions.contains(&id)))
                    .cloned()
                    .collect();
                wrapped(state, request, found, false)
            }
            Some(_) => wrapped(state, request, Vec::new(), false),
            None => error(state, 400, "bad_parameter", &[("parameter", "ids")]),
        },
        _ => error(state, 404, "no_method", &[]),
    };
    if let (Some(Scripted::Backoff(seconds)), Some(body)) = (scripted, &mut reply.body)
        && reply.status == 200
    {
        body["backoff"] = Value::from(seconds);
    }
    reply
}

/// The wrapper around `items`, with the quota the request's key (or its absence) gets.
fn wrapped(
    state: &mut State,
    request: &RecordedRequest,
    items: Vec<Value>,
    has_more: bool,
) -> Reply {
    state.quota_used += 1;
    let quota_max: u64 = if request.param("key").is_some() { 10_000 } else { 300 };
    Reply::ok(json!({
        "items": items,
        "has_more": has_more,
        "quota_max": quota_max,
        "quota_remaining": quota_max.saturating_sub(state.quota_used),
    }))
}

fn answers(state: &mut State, request: &RecordedRequest, site: &str, users: &[u64]) -> Reply {
    let with_titles = match request.param("filter") {
        Some(filter) if filter == ANSWER_FILTER => true,
        None | Some("default") => false,
        Some(_) => return error(state, 400, "bad_parameter", &[("parameter", "filter")]),
    };
    let mut found: Vec<Value> = state
        .answers
        .iter()
        .filter(|(s, a)| {
            s == site && a["owner"]["user_id"].as_u64().is_some_and(|id| users.contains(&id))
        })
        .map(|(_, a)| a.clone())
        .collect();
    let key = match request.param("sort").unwrap_or("activity") {
        "creation" => "creation_date",
        "votes" => "score",
        _ => "last_activity_date",
    };
    found.sort_by_key(|a| a[key].as_i64().unwrap_or_default());
    if request.param("order") != Some("asc") {
        found.reverse();
    }
    let size: usize =
        request.param("pagesize").and_then(|n| n.parse().ok()).unwrap_or(30).clamp(1, 100);
    let page: usize = request.param("page").and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
    let has_more = found.len() > page * size;
    let shown: Vec<Value> = found
        .into_iter()
        .skip((page - 1) * size)
        .take(size)
        .map(|mut a| {
            let broken = a["answer_id"].as_u64().is_some_and(|id| state.broken.contains(&id));
            if let Some(map) = a.as_object_mut() {
                if !with_titles {
                    map.remove("title");
                    map.remove("share_link");
                }
                if broken {
                    map.insert("creation_date".into(), Value::from("last Tuesday"));
                }
            }
            a
        })
        .collect();
    wrapped(state, request, shown, has_more)
}

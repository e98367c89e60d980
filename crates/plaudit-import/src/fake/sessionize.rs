//! A local Sessionize on loopback serving speakers' Speaker API JSON
//! (`/api/speaker/json/{id}`) from recorded, real-world-shaped answers
//! (`tests/fixtures/sessionize/{id}.json`), with a request log, and on a test's say an `ETag`
//! and `304`s (off by default: Sessionize is not known to send validators), a 500, a 429 with
//! `Retry-After`, or one event rendered broken.

use std::collections::VecDeque;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// The speakers the fake knows, by Speaker API id.
const SPEAKERS: [(&str, &str); 2] = [
    ("k3x9qv2m7p", include_str!("../../tests/fixtures/sessionize/k3x9qv2m7p.json")),
    ("p7w2n5j8da", include_str!("../../tests/fixtures/sessionize/p7w2n5j8da.json")),
];

/// What the fake answers instead of the next request (see [`FakeSessionize::script`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripted {
    ServerError,
    /// 429 with `Retry-After: seconds`.
    TooManyRequests {
        retry_after: u64,
    },
}

/// One request the fake received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub path: String,
    pub accept: Option<String>,
    pub if_none_match: Option<String>,
    pub status: u16,
}

struct State {
    script: VecDeque<Scripted>,
    broken: Vec<u64>,
    etags: bool,
    requests: Vec<RecordedRequest>,
}

type Shared = super::Shared<State>;

/// The local Sessionize, listening on `127.0.0.1`, stopped when dropped.
pub struct FakeSessionize {
    shared: Arc<Shared>,
    server: super::Listening,
}

impl std::fmt::Debug for FakeSessionize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeSessionize").field("addr", &self.server.addr).finish_non_exhaustive()
    }
}

impl FakeSessionize {
    pub async fn start() -> std::io::Result<FakeSessionize> {
        let shared = Shared::new(State {
            script: VecDeque::new(),
            broken: Vec::new(),
            etags: false,
            requests: Vec::new(),
        });
        let app = Router::new().fallback(handle).with_state(Arc::clone(&shared));
        let server = super::Listening::start("Sessionize", app).await?;
        Ok(FakeSessionize { shared, server })
    }

    /// The site's root to put in [`crate::Endpoints::sessionize`].
    pub fn url(&self) -> &str {
        &self.server.root
    }

    /// Answers the next request with `scripted`.
    pub fn script(&self, scripted: Scripted) {
        self.shared.lock().script.push_back(scripted);
    }

    /// Renders event `id` with an `eventStartDate` that is no date.
    pub fn break_event(&self, id: u64) {
        self.shared.lock().broken.push(id);
    }

    /// Sends an `ETag` and answers `304` when `If-None-Match` names it.
    pub fn set_etags(&self, on: bool) {
        self.shared.lock().etags = on;
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }
}

fn speaker(state: &State, id: &str) -> Option<Vec<u8>> {
    let (_, text) = SPEAKERS.iter().find(|(known, _)| *known == id)?;
    let mut document: Value = serde_json::from_str(text).ok()?;
    if let Some(events) = document.get_mut("events").and_then(Value::as_array_mut) {
        for event in events {
            let broken = event["id"].as_u64().is_some_and(|id| state.broken.contains(&id));
            if broken && let Some(map) = event.as_object_mut() {
                map.insert("eventStartDate".into(), Value::from("TBA"));
            }
        }
    }
    serde_json::to_vec(&document).ok()
}

async fn handle(Extract(shared): Extract<Arc<Shared>>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let text = |name: header::HeaderName| {
        parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    };
    let mut recorded = RecordedRequest {
        path: parts.uri.path().to_owned(),
        accept: text(header::ACCEPT),
        if_none_match: text(header::IF_NONE_MATCH),
        status: 0,
    };
    let mut state = shared.lock();
    let mut headers = HeaderMap::new();
    let (status, body) = match state.script.pop_front() {
        Some(Scripted::ServerError) => (500, Some(b"Server error".to_vec())),
        Some(Scripted::TooManyRequests { retry_after }) => {
            if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
            (429, Some(b"Too many requests".to_vec()))
        }
        None => match recorded.path.strip_prefix("/api/speaker/json/") {
            Some(id) => match speaker(&state, id.trim_end_matches('/')) {
                Some(body) => {
                    headers.insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json; charset=utf-8"),
                    );
                    if state.etags {
                        let mut hasher = DefaultHasher::new();
                        body.hash(&mut hasher);
                        let etag = format!("\"{:016x}\"", hasher.finish());
                        let matches = recorded.if_none_match.as_deref() == Some(etag.as_str());
                        if let Ok(value) = HeaderValue::from_str(&etag) {
                            headers.insert(header::ETAG, value);
                        }
                        if matches { (304, None) } else { (200, Some(body)) }
                    } else {
                        (200, Some(body))
                    }
                }
                None => (404, Some(b"Not found".to_vec())),
            },
            None => (404, Some(b"Not found".to_vec())),
        },
    };
    recorded.status = status;
    state.requests.push(recorded);
    drop(state);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match body {
        Some(body) => (status, headers, body).into_response(),
        None => (status, headers).into_response(),
    }
}

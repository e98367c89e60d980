//! CSRF protection for every state-changing request: a token bound to the session, sent back
//! by each form as a hidden `csrf` field (or an `X-CSRF-Token` header). The API, which takes
//! bearer tokens rather than cookies, is exempt.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use super::tokens::{constant_time_eq, random_token};
use crate::web::PageError;

const SESSION_KEY: &str = "csrf";
pub const FIELD: &str = "csrf";
const HEADER: &str = "x-csrf-token";
/// Forms are small; a larger body is refused before it is read.
const MAX_FORM_BYTES: usize = 1 << 20;

/// The session's token, created on first use. Pages with a form put it in a hidden field.
pub async fn token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(SESSION_KEY).await {
        return token;
    }
    let token = random_token();
    let _ = session.insert(SESSION_KEY, &token).await;
    token
}

/// A fresh token, as after signing in (the old one may have been seen before).
pub async fn renew(session: &Session) -> String {
    let token = random_token();
    let _ = session.insert(SESSION_KEY, &token).await;
    token
}

/// Refuses a state-changing page request whose token is missing or wrong.
pub async fn protect(request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let Some(session) = request.extensions().get::<Session>().cloned() else {
        return PageError::CsrfRejected.into_response();
    };
    let expected = session.get::<String>(SESSION_KEY).await.ok().flatten();
    let from_header =
        request.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return PageError::PayloadTooLarge.into_response();
    };
    let sent = from_header
        .or_else(|| form_urlencoded_pairs(&bytes).find(|(k, _)| k == FIELD).map(|(_, v)| v));
    match (expected, sent) {
        (Some(expected), Some(sent)) if constant_time_eq(&expected, &sent) => {
            next.run(Request::from_parts(parts, Body::from(bytes))).await
        }
        _ => PageError::CsrfRejected.into_response(),
    }
}

fn form_urlencoded_pairs(bytes: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default().into_iter()
}

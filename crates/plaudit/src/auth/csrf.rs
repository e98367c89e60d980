//! CSRF protection for every state-changing page request. Each form sends back a token as a
//! hidden `csrf` field (or an `X-CSRF-Token` header; a `multipart/form-data` form, whose body
//! carries a file this check does not read, in its address as `?csrf=`):
//!
//! - signed in, the token is bound to the stored session;
//! - not signed in, it is a signed double-submit cookie: the cookie holds a random nonce and
//!   the form the nonce's HMAC under a key every replica shares. A visitor who only looks at a
//!   page with a form therefore costs no stored session (no write at all), and a cookie
//!   planted by someone else is worthless without the key.
//!
//! The API, which takes bearer tokens rather than cookies, is exempt.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use tower_sessions::Session;

use super::{AuthError, CurrentUser};
use crate::crypto::tokens::{constant_time_eq, hex, random_token};

const SESSION_KEY: &str = "csrf";
pub const FIELD: &str = "csrf";
const HEADER: &str = "x-csrf-token";
const COOKIE: &str = "plaudit_csrf";
/// Forms are small; a larger body is refused before it is read.
const MAX_FORM_BYTES: usize = 1 << 20;

/// The key that signs anonymous tokens, shared by every replica (kept in the database).
#[derive(Clone)]
pub struct CsrfKey {
    key: Arc<Vec<u8>>,
    /// Whether the cookie is sent only over https.
    secure: bool,
}

impl CsrfKey {
    pub fn new(key: &str, secure: bool) -> CsrfKey {
        CsrfKey { key: Arc::new(key.as_bytes().to_vec()), secure }
    }

    fn sign(&self, nonce: &str) -> String {
        // HMAC takes a key of any length; new_from_slice cannot fail for it.
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mut mac) => {
                mac.update(nonce.as_bytes());
                hex(&mac.finalize().into_bytes())
            }
            Err(_) => random_token(),
        }
    }
}

/// The token this request's forms carry, put in the request's extensions by [`protect`].
#[derive(Clone, Debug)]
pub struct CsrfToken {
    value: String,
    /// Set when a page read the token: only then does a new anonymous nonce need its cookie.
    used: Arc<AtomicBool>,
}

impl CsrfToken {
    /// No token: for a request that did not pass through [`protect`] (none in the app does).
    pub fn none() -> CsrfToken {
        CsrfToken { value: String::new(), used: Arc::new(AtomicBool::new(false)) }
    }

    pub fn as_str(&self) -> &str {
        self.used.store(true, Ordering::Relaxed);
        &self.value
    }
}

/// Checks the token of a state-changing page request, and gives every request the token its
/// page's forms should carry.
pub async fn protect(State(key): State<CsrfKey>, mut request: Request, next: Next) -> Response {
    let signed_in = request.extensions().get::<CurrentUser>().is_some();
    let session = request.extensions().get::<Session>().cloned();
    let (expected, new_nonce) = match (&session, signed_in) {
        (Some(session), true) => (session_token(session).await, None),
        _ => match nonce_cookie(&request) {
            Some(nonce) => (key.sign(&nonce), None),
            None => {
                let nonce = random_token();
                (key.sign(&nonce), Some(nonce))
            }
        },
    };
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !request.uri().path().starts_with("/api/") {
        let from_header =
            request.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let sent = if is_multipart(&request) {
            // A file upload: its body is the handler's to stream, under its route's own size
            // limit, so the token travels in the form's address instead (`?csrf=`).
            from_header.or_else(|| query_token(&request))
        } else {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                return AuthError::PayloadTooLarge.into_response();
            };
            let sent = from_header.or_else(|| {
                form_urlencoded_pairs(&bytes).find(|(k, _)| k == FIELD).map(|(_, v)| v)
            });
            request = Request::from_parts(parts, Body::from(bytes));
            sent
        };
        // A new nonce means the browser sent no cookie: nothing it sends can match.
        let matches =
            new_nonce.is_none() && sent.is_some_and(|sent| constant_time_eq(&expected, &sent));
        if !matches {
            return AuthError::CsrfRejected.into_response();
        }
    }
    let token = CsrfToken { value: expected, used: Arc::new(AtomicBool::new(false)) };
    let used = token.used.clone();
    request.extensions_mut().insert(token);
    let mut response = next.run(request).await;
    if let Some(nonce) = new_nonce.filter(|_| used.load(Ordering::Relaxed)) {
        let secure = if key.secure { "; Secure" } else { "" };
        let cookie = format!("{COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The signed-in session's token, created on first use.
async fn session_token(session: &Session) -> String {
    if let Ok(Some(token)) = session.get::<String>(SESSION_KEY).await {
        return token;
    }
    renew(session).await
}

/// A fresh session token, as after signing in (the one seen before may have leaked).
pub async fn renew(session: &Session) -> String {
    let token = random_token();
    let _ = session.insert(SESSION_KEY, &token).await;
    token
}

/// The anonymous nonce the browser sent, when it looks like one of ours.
fn nonce_cookie(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether the request's body is `multipart/form-data` (a form with a file).
fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The token in the request's address (`?csrf=…`), which only a multipart form may send it in.
fn query_token(request: &Request) -> Option<String> {
    form_urlencoded_pairs(request.uri().query()?.as_bytes())
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

fn form_urlencoded_pairs(bytes: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default().into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_signs_the_same_under_one_key_and_differently_under_another() {
        let nonce = random_token();
        let a = CsrfKey::new("one key", false);
        assert_eq!(a.sign(&nonce), a.sign(&nonce));
        assert_ne!(a.sign(&nonce), CsrfKey::new("another key", false).sign(&nonce));
        assert_ne!(a.sign(&nonce), a.sign(&random_token()));
    }
}

//! CSRF protection for every state-changing page request. Each form sends back a token as a
//! hidden `csrf` field (or an `X-CSRF-Token` header):
//!
//! - signed in, the token is bound to the stored session;
//! - not signed in, it is a signed double-submit cookie: the cookie holds a random nonce and
//!   the form the nonce's HMAC under a key every replica shares. A visitor who only looks at a
//!   page with a form therefore costs no stored session (no write at all), and a cookie
//!   planted by someone else is worthless without the key.
//!
//! The API, which takes bearer tokens rather than cookies, is exempt.
//!
//! A file upload is a `multipart/form-data` form: on the routes the route table declares as
//! uploads (and only there, each with its own larger body limit) the token is read from the
//! form's `csrf` part. Every other route reads at most [`MAX_FORM_BYTES`] of an urlencoded
//! form, as before, so a multipart body is no way around the check anywhere.

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
pub const MAX_FORM_BYTES: usize = 1 << 20;

/// The key that signs anonymous tokens, shared by every replica (kept in the database).
#[derive(Clone)]
pub struct CsrfKey {
    key: Arc<Vec<u8>>,
    /// Whether the cookie is sent only over https.
    secure: bool,
    /// The paths that take an upload, with the largest body each takes.
    uploads: Arc<Vec<(&'static str, usize)>>,
}

impl CsrfKey {
    pub fn new(key: &str, secure: bool) -> CsrfKey {
        CsrfKey { key: Arc::new(key.as_bytes().to_vec()), secure, uploads: Arc::default() }
    }

    /// The routes that take an upload (a multipart form, or a form larger than
    /// [`MAX_FORM_BYTES`]), as `(path, body limit)`: the route table's declaration.
    pub fn with_uploads(mut self, uploads: Vec<(&'static str, usize)>) -> CsrfKey {
        self.uploads = Arc::new(uploads);
        self
    }

    fn upload_limit(&self, path: &str) -> Option<usize> {
        self.uploads.iter().find(|(p, _)| route_matches(p, path)).map(|&(_, limit)| limit)
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
        // A new nonce means the browser sent no cookie: nothing it sends can match.
        let from_header =
            request.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let upload_limit = key.upload_limit(request.uri().path());
        // Only an upload route reads a multipart body; elsewhere it holds no token we look at.
        let boundary = upload_limit
            .and_then(|_| request.headers().get(header::CONTENT_TYPE))
            .and_then(|v| v.to_str().ok())
            .and_then(|v| multer::parse_boundary(v).ok());
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, upload_limit.unwrap_or(MAX_FORM_BYTES)).await else {
            return AuthError::PayloadTooLarge.into_response();
        };
        let sent = match (from_header, boundary) {
            (Some(sent), _) => Some(sent),
            (None, Some(boundary)) => multipart_field(bytes.clone(), boundary, FIELD).await,
            (None, None) => form_urlencoded_pairs(&bytes).find(|(k, _)| k == FIELD).map(|(_, v)| v),
        };
        let matches =
            new_nonce.is_none() && sent.is_some_and(|sent| constant_time_eq(&expected, &sent));
        if !matches {
            return AuthError::CsrfRejected.into_response();
        }
        request = Request::from_parts(parts, Body::from(bytes));
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

/// The text of the part called `name` of a multipart form already read; None when there is
/// no such part or the form cannot be read.
async fn multipart_field(bytes: axum::body::Bytes, boundary: String, name: &str) -> Option<String> {
    let body = futures_util::stream::once(async { Ok::<_, std::convert::Infallible>(bytes) });
    let mut form = multer::Multipart::new(body, boundary);
    while let Ok(Some(part)) = form.next_field().await {
        if part.name() == Some(name) {
            return part.text().await.ok();
        }
    }
    None
}

fn form_urlencoded_pairs(bytes: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default().into_iter()
}

/// Whether `path` is an address of the route table's `pattern`, where a `{name}` segment
/// stands for any one non-empty segment (as the router reads it).
fn route_matches(pattern: &str, path: &str) -> bool {
    let (mut pattern, mut path) = (pattern.split('/'), path.split('/'));
    loop {
        match (pattern.next(), path.next()) {
            (None, None) => return true,
            (Some(p), Some(s)) if p.starts_with('{') && p.ends_with('}') && !s.is_empty() => {}
            (Some(p), Some(s)) if p == s => {}
            _ => return false,
        }
    }
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

    #[tokio::test]
    async fn a_multipart_forms_token_is_its_csrf_part_wherever_it_comes() {
        let form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n\
                    csrf=not-this\r\n--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\
                    the-token\r\n--b--\r\n";
        let found = multipart_field(form.into(), "b".into(), FIELD).await;
        assert_eq!(found.as_deref(), Some("the-token"));
        assert_eq!(multipart_field("csrf=the-token".into(), "b".into(), FIELD).await, None);
    }

    #[test]
    fn only_a_declared_upload_route_takes_a_larger_body() {
        let key = CsrfKey::new("k", false)
            .with_uploads(vec![("/contributions/import", 5), ("/admin/benefits/{id}/codes", 7)]);
        assert_eq!(key.upload_limit("/contributions/import"), Some(5));
        assert_eq!(key.upload_limit("/contributions"), None);
        assert_eq!(key.upload_limit("/admin/benefits/12/codes"), Some(7));
        assert_eq!(key.upload_limit("/admin/benefits/12/codes/confirm"), None);
        assert_eq!(key.upload_limit("/admin/benefits//codes"), None);
    }
}

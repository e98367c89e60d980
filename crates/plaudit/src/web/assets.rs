//! Static files embedded in the binary, served under names that carry a hash of their content,
//! so browsers may keep them for a year and a new release is fetched at once.

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::compress::{Precompressed, accepted_encodings};
use crate::web::PageError;

const STYLESHEET: &str = include_str!("../../assets/plaudit.css");
/// The contribution form's small script: the reach figures that fit the type, and drafts.
/// Pages work without it.
const FORM_SCRIPT: &str = include_str!("../../assets/contribution-form.js");
/// Drawn by `scripts/make-favicon`: 16, 32 and 48 pixels.
const FAVICON: &[u8] = include_bytes!("../../assets/favicon.ico");

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The stylesheet's public name, e.g. `plaudit.3f9a1c2b7d4e.css`.
fn stylesheet_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| format!("plaudit.{}.css", short_hash(STYLESHEET.as_bytes())))
}

/// Where pages link the stylesheet.
pub fn stylesheet_url() -> String {
    format!("/assets/{}", stylesheet_name())
}

fn form_script_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| format!("contribution-form.{}.js", short_hash(FORM_SCRIPT.as_bytes())))
}

/// Where the contribution form links its script.
pub fn form_script_url() -> String {
    format!("/assets/{}", form_script_name())
}

/// The stylesheet and the script, each compressed once for all the pages that ask.
static STYLESHEET_FORMS: Precompressed = Precompressed::new();
static FORM_SCRIPT_FORMS: Precompressed = Precompressed::new();

pub(super) async fn asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let (content_type, body, forms) = if file == stylesheet_name() {
        ("text/css; charset=utf-8", STYLESHEET, &STYLESHEET_FORMS)
    } else if file == form_script_name() {
        ("text/javascript; charset=utf-8", FORM_SCRIPT, &FORM_SCRIPT_FORMS)
    } else {
        return PageError::not_found().into_response();
    };
    let (body, encoding) =
        forms.pick(&Bytes::from_static(body.as_bytes()), accepted_encodings(&headers));
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Where pages link the icon. Browsers also ask for `/favicon.ico` by that name, so it keeps
/// it; the query, which the router ignores, changes with the icon so pages show a new one at
/// once despite the long cache life.
pub fn favicon_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| format!("/favicon.ico?v={}", short_hash(FAVICON)))
}

pub(super) async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=31536000"),
        ],
        FAVICON,
    )
        .into_response()
}

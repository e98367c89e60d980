//! Static files embedded in the binary, served under names that carry a hash of their content,
//! so browsers may keep them for a year and a new release is fetched at once.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::web::PageError;

const STYLESHEET: &str = include_str!("../../assets/plaudit.css");

/// The stylesheet's public name, e.g. `plaudit.3f9a1c2b7d4e.css`.
fn stylesheet_name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let digest = Sha256::digest(STYLESHEET.as_bytes());
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("plaudit.{hash}.css")
    })
}

/// Where pages link the stylesheet.
pub fn stylesheet_url() -> String {
    format!("/assets/{}", stylesheet_name())
}

pub(super) async fn asset(Path(file): Path<String>) -> Response {
    if file != stylesheet_name() {
        return PageError::not_found().into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLESHEET,
    )
        .into_response()
}

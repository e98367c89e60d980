//! Static files embedded in the binary.

use axum::http::header;
use axum::response::IntoResponse;

const STYLESHEET: &str = include_str!("../../assets/plaudit.css");

pub(super) async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

//! Compression of text responses (gzip or brotli, as the browser asks): pages, the stylesheet,
//! API answers and SVG charts. Images that are compressed already, and tiny bodies, go as they
//! are.

use axum::http::{Extensions, HeaderMap, StatusCode, Version, header};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};

/// Content types worth compressing; anything else (PNG, ICO, fonts, …) is left alone.
const COMPRESSIBLE: &[&str] = &[
    "text/html", "text/css", "text/plain", "text/csv", "application/json", "application/xml",
    "application/atom+xml", "image/svg+xml",
];

fn compressible(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| COMPRESSIBLE.contains(&essence.trim()))
}

/// The layer; tower-http's brotli runs at level 4 (as nginx does), not the slow maximum.
pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .gzip(true)
        .br(true)
        // Below a few hundred bytes the headers outweigh the saving.
        .compress_when(SizeAbove::new(256).and(compressible))
}

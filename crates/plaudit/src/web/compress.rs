//! Compression of text responses (gzip or brotli, as the browser asks): pages, the stylesheet,
//! API answers and SVG charts. Images that are compressed already, and tiny bodies, go as they
//! are.

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Bytes;
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

/// The encodings a browser takes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Encodings {
    pub gzip: bool,
    pub brotli: bool,
}

/// Which encodings the browser takes (a `q=0` refuses one).
pub fn accepted_encodings(headers: &HeaderMap) -> Encodings {
    let mut accepts = Encodings::default();
    for value in headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()) == Some(0.0)
            });
            match name {
                "gzip" => accepts.gzip = !refused,
                "br" => accepts.brotli = !refused,
                _ => {}
            }
        }
    }
    accepts
}

/// A body's compressed forms, each made once, the first time a browser asks for it: for
/// bodies sent many times (cached public pages, the embedded stylesheet), at a level the
/// per-response layer could not afford.
#[derive(Debug, Default)]
pub struct Precompressed {
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Precompressed {
    pub const fn new() -> Precompressed {
        Precompressed { gzip: OnceLock::new(), brotli: OnceLock::new() }
    }

    /// The body in the best encoding the browser takes, and that encoding's name.
    pub fn pick(&self, body: &Bytes, accepts: Encodings) -> (Bytes, Option<&'static str>) {
        if accepts.brotli {
            (self.brotli.get_or_init(|| brotli_of(body)).clone(), Some("br"))
        } else if accepts.gzip {
            (self.gzip.get_or_init(|| gzip_of(body)).clone(), Some("gzip"))
        } else {
            (body.clone(), None)
        }
    }
}

fn gzip_of(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    match encoder.write_all(body).and_then(|_| encoder.finish()) {
        Ok(bytes) => Bytes::from(bytes),
        Err(_) => Bytes::copy_from_slice(body),
    }
}

/// Bodies up to this size (pages, the stylesheet) are compressed at brotli's quality 10; larger
/// ones (the API reference's script bundle, a large sitemap) at quality 4.
const SMALL_BODY: usize = 64 << 10;

/// Brotli, once per body. Qualities 5 to 9 are skipped on purpose: their hash tables take 8 to
/// 40 MB per compression whatever the body's size (measured with brotli 9 on our pages: a
/// 7 KB home page took 8 MB at quality 9), and several at once made most of the server's peak
/// memory. Quality 10 makes a page a sixth smaller than quality 9 in 2 to 3 MB, at 10 to 25
/// ms once per page; quality 4 takes a millisecond per 20 KB, in 1 to 8 MB.
fn brotli_of(body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 4);
    let quality = if body.len() <= SMALL_BODY { 10 } else { 4 };
    // The window just fits the body: the encoder's buffers grow with it.
    let bits = usize::BITS - body.len().max(1 << 15).leading_zeros();
    let lgwin = i32::try_from(bits).unwrap_or(22).clamp(16, 22);
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin, ..Default::default() };
    match brotli::BrotliCompress(&mut std::io::Cursor::new(body), &mut out, &params) {
        Ok(_) => Bytes::from(out),
        Err(_) => Bytes::copy_from_slice(body),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn encodings_are_read_with_their_refusals() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br;q=0"));
        let accepts = accepted_encodings(&headers);
        assert!(accepts.gzip && !accepts.brotli);
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
        assert!(accepted_encodings(&headers).brotli);
    }

    #[test]
    fn a_precompressed_body_decompresses_to_itself() {
        let body = Bytes::from("body { color: black; }\n".repeat(100));
        let forms = Precompressed::new();
        let (gzip, encoding) = forms.pick(&body, Encodings { gzip: true, brotli: false });
        assert_eq!(encoding, Some("gzip"));
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, body);
        let (brotli, encoding) = forms.pick(&body, Encodings { gzip: true, brotli: true });
        assert_eq!(encoding, Some("br"));
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &brotli[..], &mut plain).unwrap();
        assert_eq!(plain, body);
        assert_eq!(forms.pick(&body, Encodings::default()), (body, None));
    }

    #[test]
    fn small_and_large_bodies_both_compress_and_come_back_whole() {
        for lines in [10, 4_000, 40_000] {
            let body: Vec<u8> = (0..lines)
                .flat_map(|n| {
                    format!("<li><a href=\"/people/{n}\">Person {n}</a></li>\n").into_bytes()
                })
                .collect();
            let compressed = brotli_of(&body);
            assert!(compressed.len() < body.len() / 3, "{} of {}", compressed.len(), body.len());
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &compressed[..], &mut plain).unwrap();
            assert_eq!(plain, body);
        }
    }
}

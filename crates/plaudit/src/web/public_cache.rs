//! The cache of rendered public pages: the pages the world hits (home, directory, profiles,
//! sitemap) are rendered once per version of the public data, language and day, and served from
//! memory, compressed once, with an `ETag` and `Last-Modified` that let a browser or a proxy
//! ask again for nothing but a 304.
//!
//! Only visitors who are not signed in get cached copies (a signed-in page carries its
//! reader's name and token). A copy is good while the public version (bumped in the
//! transaction of every change a public page shows, see `plaudit_store::public`) and the
//! program's day are what they were when it was rendered. Each server reads the version at
//! most once per [`VERSION_TTL`], and at once after it handled any write itself, so an edit
//! shows on the next page and other servers follow within a second.

use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use plaudit_domain::ProgramTimeZone;
use plaudit_store::public::PublicVersion;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use super::PageError;
use super::compress::{Encodings, Precompressed, accepted_encodings};
use super::layout::PageCtx;
use crate::i18n::Lang;
use crate::state::AppState;

/// How long a server trusts the public version it read last.
pub const VERSION_TTL: Duration = Duration::from_secs(1);

/// The bytes of rendered pages one server keeps: the home page, the directory's popular pages
/// and the profiles people look at, well inside a small server's memory.
const CAPACITY_BYTES: u64 = 24 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    lang: Lang,
    /// Path and query, as asked.
    uri: String,
}

/// A rendered page, and its compressed forms once someone asked for them.
struct Rendered {
    version: i64,
    day: Date,
    body: Bytes,
    content_type: &'static str,
    etag: HeaderValue,
    last_modified: Option<HeaderValue>,
    compressed: Precompressed,
}

#[derive(Clone)]
struct ByBytes;

impl Weighter<Key, Arc<Rendered>> for ByBytes {
    fn weight(&self, key: &Key, page: &Arc<Rendered>) -> u64 {
        // The compressed forms are a fraction of the page; count them in up front.
        (key.uri.len() + page.body.len() * 3 / 2 + 256) as u64
    }
}

/// What the public pages were made from: the version of their data and the program's day.
#[derive(Debug, Clone)]
struct Read {
    version: PublicVersion,
    time_zone: ProgramTimeZone,
    /// The program's day when it was read: a new day reads again at once.
    day: Date,
    at: Instant,
}

pub struct PublicPages {
    pages: Cache<Key, Arc<Rendered>, ByBytes>,
    read: Mutex<Option<Read>>,
}

impl Default for PublicPages {
    fn default() -> Self {
        PublicPages {
            pages: Cache::with_weighter(4096, CAPACITY_BYTES, ByBytes),
            read: Mutex::new(None),
        }
    }
}

/// What a request brings that the cache answers by.
pub struct CacheRequest {
    uri: String,
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<HeaderValue>,
    accepts: Encodings,
}

impl<S: Send + Sync> FromRequestParts<S> for CacheRequest {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        Ok(CacheRequest {
            uri: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            if_none_match: headers.get(header::IF_NONE_MATCH).cloned(),
            if_modified_since: headers.get(header::IF_MODIFIED_SINCE).cloned(),
            accepts: accepted_encodings(headers),
        })
    }
}

impl PublicPages {
    /// The page for `request`: from the cache when a visitor asks and a copy is good, else
    /// rendered by `render` (and kept, for visitors).
    pub async fn respond<F, Fut>(
        &self,
        state: &AppState,
        page: &PageCtx,
        request: &CacheRequest,
        content_type: &'static str,
        render: F,
    ) -> Result<Response, PageError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<String, PageError>>,
    {
        // Read first for everyone: it also brings the directory to a new day.
        let read = self.read(state).await?;
        if page.user.is_some() {
            let body = render().await?;
            let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
            return Ok(response);
        }
        let day = read.day;
        let key = Key { lang: page.lang, uri: request.uri.clone() };
        let cached =
            self.pages.get(&key).filter(|p| p.version == read.version.version && p.day == day);
        let rendered = match cached {
            Some(rendered) => rendered,
            None => {
                let body = Bytes::from(render().await?);
                let rendered = Arc::new(Rendered {
                    version: read.version.version,
                    day,
                    etag: etag(&body, page.lang),
                    last_modified: last_modified(read.version.changed_at),
                    body,
                    content_type,
                    compressed: Precompressed::new(),
                });
                self.pages.insert(key, rendered.clone());
                rendered
            }
        };
        Ok(answer(&rendered, request))
    }

    /// The public version and the program's time zone, read again when older than
    /// [`VERSION_TTL`] or after this server handled a write.
    async fn read(&self, state: &AppState) -> Result<Read, PageError> {
        if let Ok(read) = self.read.lock()
            && let Some(read) = read.as_ref()
            && read.at.elapsed() < VERSION_TTL
            && read.time_zone.today(state.ctx.clock.as_ref()) == read.day
        {
            return Ok(read.clone());
        }
        let mut version = plaudit_store::public::version(&state.ctx.db)
            .await
            .map_err(crate::ops::OpError::from)?;
        // The first public page of a program day brings the directory to it (awards start and
        // end with the date); one server does it, the others read the result.
        if crate::ops::directory::turn_day(&state.ctx, &version.directory_day).await? {
            version = plaudit_store::public::version(&state.ctx.db)
                .await
                .map_err(crate::ops::OpError::from)?;
        }
        let time_zone = state.ctx.time_zone().await?;
        let day = time_zone.today(state.ctx.clock.as_ref());
        let read = Read { version, time_zone, day, at: Instant::now() };
        if let Ok(mut slot) = self.read.lock() {
            *slot = Some(read.clone());
        }
        Ok(read)
    }

    /// Reads the version again on the next request: this server just changed something.
    pub fn expire(&self) {
        if let Ok(mut read) = self.read.lock() {
            *read = None;
        }
    }
}

/// A strong validator from the page's bytes and language: equal pages have equal tags on
/// every server, so a browser's copy stays good across a change that did not touch it.
fn etag(body: &[u8], lang: Lang) -> HeaderValue {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    lang.code().hash(&mut hasher);
    HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

fn last_modified(changed_at_micros: i64) -> Option<HeaderValue> {
    let at = jiff::Timestamp::from_microsecond(changed_at_micros).ok()?;
    let printer = jiff::fmt::rfc2822::DateTimePrinter::new();
    HeaderValue::from_str(&printer.timestamp_to_rfc9110_string(&at).ok()?).ok()
}

/// A 304 when the browser's copy is this one, else the page in the best encoding it takes.
fn answer(page: &Rendered, request: &CacheRequest) -> Response {
    let fresh = match (&request.if_none_match, &request.if_modified_since) {
        (Some(tags), _) => tags.to_str().is_ok_and(|tags| {
            tags.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == page.etag.to_str().unwrap_or(""))
        }),
        (None, Some(since)) => match (&page.last_modified, since.to_str().ok()) {
            (Some(modified), Some(since)) => {
                let parse = |v: &str| jiff::fmt::rfc2822::parse(v).ok().map(|z| z.timestamp());
                match (modified.to_str().ok().and_then(parse), parse(since)) {
                    (Some(modified), Some(since)) => modified <= since,
                    _ => false,
                }
            }
            _ => false,
        },
        (None, None) => false,
    };
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (body, encoding) = page.compressed.pick(&page.body, request.accepts);
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(page.content_type));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, page.etag.clone());
    if let Some(modified) = &page.last_modified {
        headers.insert(header::LAST_MODIFIED, modified.clone());
    }
    // Anyone may keep a copy, and must ask whether it is still good before showing it.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    headers
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"));
    response
}

/// After this server handled a write, its next public page reads the version again, so the
/// writer sees their change at once.
pub async fn expire_after_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    if writes {
        state.public_pages.expire();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_etag_is_the_same_for_the_same_page_and_differs_by_language() {
        assert_eq!(etag(b"<p>x</p>", Lang::En), etag(b"<p>x</p>", Lang::En));
        assert_ne!(etag(b"<p>x</p>", Lang::En), etag(b"<p>x</p>", Lang::De));
        assert_ne!(etag(b"<p>x</p>", Lang::En), etag(b"<p>y</p>", Lang::En));
    }
}

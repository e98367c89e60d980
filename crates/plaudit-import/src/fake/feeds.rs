//! A feed publisher on loopback: blogs of every common shape, a YouTube channel, and the ways
//! sources fail. It answers as a careful publisher does (strong ETags, Last-Modified, 304 for a
//! matching If-None-Match or If-Modified-Since), keeps a log of what it was asked, and counts how
//! many requests it served at once.
//!
//! The fixtures under `tests/fixtures/feeds/` are written in the exact shapes real publishers
//! emit (WordPress, Blogger, Medium, Ghost, Hugo, jekyll-feed, Movable Type's RSS 1.0, RSS 0.91,
//! JSON Feed 1.0 and 1.1, YouTube) and are compiled in, so the app's tests can start this server
//! too. [`rss`] and [`atom`] generate large feeds for benchmarks.

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::task::JoinHandle;

/// The paths the server answers, each named for what it holds.
pub mod paths {
    /// WordPress 6 RSS 2.0 with `content:encoded`, `dc:creator` and an audio enclosure.
    pub const WORDPRESS: &str = "/wordpress/feed/";
    /// The WordPress blog's home page: names its feed and its comments feed, absolutely.
    pub const WORDPRESS_HOME: &str = "/wordpress/";
    /// Blogger's Atom, entries with `published` in a -08:00 zone.
    pub const BLOGGER: &str = "/blogger/feeds/posts/default";
    /// Medium's RSS: no `description`, only `content:encoded`; tracking parameters in links.
    pub const MEDIUM: &str = "/medium/feed/@jonasberg";
    /// Ghost's RSS: CDATA everywhere, guids that are not addresses.
    pub const GHOST: &str = "/ghost/rss/";
    /// Hugo's RSS template: escaped HTML descriptions, a -06:00 zone.
    pub const HUGO: &str = "/hugo/index.xml";
    /// The Hugo site's home page: names its feed with a relative `href="index.xml"`.
    pub const HUGO_HOME: &str = "/hugo/";
    /// jekyll-feed's Atom: `type="html"` titles, escaped twice as it does.
    pub const JEKYLL: &str = "/jekyll/feed.xml";
    /// RSS 1.0 (RDF) as Movable Type writes it, with `dc:date`.
    pub const RSS_1: &str = "/rdf/index.rdf";
    /// RSS 0.91 with the Netscape doctype; its second item has no date.
    pub const RSS_091: &str = "/rss091/rss.xml";
    /// JSON Feed 1.1 with an audio attachment.
    pub const JSON_FEED_1_1: &str = "/json/feed.json";
    /// JSON Feed 1.0 with a number for an id and an item with only `date_modified`.
    pub const JSON_FEED_1_0: &str = "/json/feed-1.0.json";
    /// RSS 2.0 in ISO-8859-1, declared in the XML prolog.
    pub const LATIN_1: &str = "/latin1/rss.xml";
    /// RSS 2.0 in windows-1252, declared only in the Content-Type.
    pub const WINDOWS_1252: &str = "/cp1252/rss.xml";
    /// 100 items; the 57th has a mistyped end tag.
    pub const HUNDRED: &str = "/hundred/feed.xml";
    /// Atom whose entries have `updated` and no `published`, with `xml:base`.
    pub const ATOM_UPDATED_ONLY: &str = "/notes/atom.xml";
    /// RSS dates with named zones and sloppy forms; one relative link.
    pub const NAMED_ZONES: &str = "/zones/rss.xml";
    /// A YouTube channel page (as `/@handle`), naming its feed on www.youtube.com.
    pub const YOUTUBE_HANDLE: &str = "/@margaret-codes";
    /// YouTube's feed path; answers for [`super::CHANNEL_ID`] only, 404 for other channels.
    pub const YOUTUBE_FEED: &str = "/feeds/videos.xml";
    /// An HTML page that names no feed.
    pub const NO_FEED: &str = "/no-feed/";
    /// Always 500.
    pub const SERVER_ERROR: &str = "/status/500";
    /// Any `/status/NNN` answers NNN (429 and 503 with `Retry-After: 120`).
    pub const STATUS: &str = "/status/";
    /// Answers after 5 seconds.
    pub const SLOW: &str = "/slow.xml";
    /// A 1 MiB feed, with a Content-Length.
    pub const TOO_LARGE: &str = "/huge.xml";
    /// A 1 MiB feed sent in chunks, with no Content-Length.
    pub const TOO_LARGE_CHUNKED: &str = "/huge-chunked.xml";
    /// Redirects to [`WORDPRESS`] on this server's second port.
    pub const REDIRECT_ELSEWHERE: &str = "/redirect/elsewhere";
    /// Redirects to [`WORDPRESS`] on this port.
    pub const REDIRECT_HERE: &str = "/redirect/here";
    /// `?entries=N`: [`super::rss`]`(N)`.
    pub const GENERATED_RSS: &str = "/generated/rss.xml";
    /// `?entries=N`: [`super::atom`]`(N)`.
    pub const GENERATED_ATOM: &str = "/generated/atom.xml";
}

/// The channel whose feed [`paths::YOUTUBE_FEED`] serves.
pub const CHANNEL_ID: &str = "UCr9Gm2hTq4vXe7LpZ0wKs3B";

/// The Last-Modified of every fixture.
pub const LAST_MODIFIED: &str = "Mon, 10 Mar 2025 08:12:44 GMT";

/// How long [`paths::SLOW`] waits, and the most `?delay_ms=` may ask for.
const SLOW: Duration = Duration::from_secs(5);

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The path with its query, e.g. `/feeds/videos.xml?channel_id=UC…`.
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub user_agent: Option<String>,
}

struct Fixture {
    path: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! fixture {
    ($path:expr, $content_type:expr, $file:literal) => {
        Fixture {
            path: $path,
            content_type: $content_type,
            body: include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/feeds/",
                $file
            )),
        }
    };
}

const FIXTURES: &[Fixture] = &[
    fixture!(paths::WORDPRESS, "application/rss+xml; charset=UTF-8", "wordpress.xml"),
    fixture!(paths::WORDPRESS_HOME, "text/html; charset=UTF-8", "wordpress-home.html"),
    fixture!(paths::BLOGGER, "application/atom+xml; charset=UTF-8", "blogger.xml"),
    fixture!(paths::MEDIUM, "text/xml; charset=utf-8", "medium.xml"),
    fixture!(paths::GHOST, "application/rss+xml; charset=utf-8", "ghost.xml"),
    fixture!(paths::HUGO, "application/xml", "hugo.xml"),
    fixture!(paths::HUGO_HOME, "text/html; charset=utf-8", "hugo-home.html"),
    fixture!(paths::JEKYLL, "application/xml", "jekyll.xml"),
    fixture!(paths::RSS_1, "application/rdf+xml", "rss1.rdf"),
    fixture!(paths::RSS_091, "text/xml", "rss091.xml"),
    fixture!(paths::JSON_FEED_1_1, "application/feed+json", "json-feed-1.1.json"),
    fixture!(paths::JSON_FEED_1_0, "application/json", "json-feed-1.0.json"),
    fixture!(paths::LATIN_1, "application/rss+xml", "latin1.xml"),
    fixture!(paths::WINDOWS_1252, "application/rss+xml; charset=windows-1252", "windows-1252.xml"),
    fixture!(paths::HUNDRED, "application/rss+xml; charset=UTF-8", "hundred.xml"),
    fixture!(paths::ATOM_UPDATED_ONLY, "application/atom+xml", "atom-updated-only.xml"),
    fixture!(paths::NAMED_ZONES, "application/rss+xml", "named-zones.xml"),
    fixture!(paths::YOUTUBE_HANDLE, "text/html; charset=utf-8", "youtube-channel-page.html"),
    fixture!(paths::NO_FEED, "text/html; charset=utf-8", "no-feed.html"),
];

const YOUTUBE_FEED_BODY: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feeds/youtube.xml"));

/// What one listening port shares with its handler.
struct Shared {
    base: String,
    /// Where [`paths::REDIRECT_ELSEWHERE`] sends to.
    elsewhere: Mutex<String>,
    log: Mutex<Vec<RecordedRequest>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Shared {
    fn log(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.log.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Counts a request in flight for as long as it is (also when the client gives up on it).
struct InFlight<'a>(&'a Shared);

impl<'a> InFlight<'a> {
    fn enter(shared: &'a Shared) -> Self {
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.max_in_flight.fetch_max(now, Ordering::SeqCst);
        Self(shared)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A local feed publisher on `127.0.0.1`, with a second port for cross-port redirects; both stop
/// when it is dropped.
pub struct FeedServer {
    main: Arc<Shared>,
    elsewhere: Arc<Shared>,
    tasks: [JoinHandle<()>; 2],
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl std::fmt::Debug for FeedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedServer").field("base", &self.main.base).finish_non_exhaustive()
    }
}

async fn listen() -> std::io::Result<(Arc<Shared>, JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let addr: SocketAddr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        base: format!("http://{addr}"),
        elsewhere: Mutex::new(String::new()),
        log: Mutex::new(Vec::new()),
        in_flight: AtomicUsize::new(0),
        max_in_flight: AtomicUsize::new(0),
    });
    let app = Router::new().fallback(handle).with_state(Arc::clone(&shared));
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the fake feed server stopped");
        }
    });
    Ok((shared, task))
}

impl FeedServer {
    pub async fn start() -> std::io::Result<FeedServer> {
        let (main, main_task) = listen().await?;
        let (elsewhere, elsewhere_task) = listen().await?;
        *main.elsewhere.lock().unwrap_or_else(|p| p.into_inner()) = elsewhere.base.clone();
        *elsewhere.elsewhere.lock().unwrap_or_else(|p| p.into_inner()) = main.base.clone();
        Ok(FeedServer { main, elsewhere, tasks: [main_task, elsewhere_task] })
    }

    /// `http://127.0.0.1:PORT`: what [`crate::Endpoints::youtube`] is set to in tests.
    pub fn base_url(&self) -> &str {
        &self.main.base
    }

    /// The address of `path` (with its query, if any) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.main.base)
    }

    /// The second port's base, where [`paths::REDIRECT_ELSEWHERE`] leads.
    pub fn elsewhere_url(&self) -> &str {
        &self.elsewhere.base
    }

    /// Every request the main port received, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.main.log().clone()
    }

    /// Every request the second port received.
    pub fn elsewhere_requests(&self) -> Vec<RecordedRequest> {
        self.elsewhere.log().clone()
    }

    /// The most requests the main port was serving at one moment.
    pub fn max_in_flight(&self) -> usize {
        self.main.max_in_flight.load(Ordering::SeqCst)
    }

    /// Forgets the log and the in-flight high-water mark.
    pub fn reset(&self) {
        self.main.log().clear();
        self.elsewhere.log().clear();
        self.main.max_in_flight.store(0, Ordering::SeqCst);
    }
}

fn text_header(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let headers = request.headers();
    let uri = request.uri();
    let path = uri.path().to_owned();
    let query = uri.query().map(str::to_owned);
    shared.log().push(RecordedRequest {
        path: match &query {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        },
        if_none_match: text_header(headers, header::IF_NONE_MATCH),
        if_modified_since: text_header(headers, header::IF_MODIFIED_SINCE),
        user_agent: text_header(headers, header::USER_AGENT),
    });
    let _in_flight = InFlight::enter(&shared);

    if let Some(ms) = query_param(query.as_deref(), "delay_ms").and_then(|v| v.parse::<u64>().ok())
    {
        tokio::time::sleep(Duration::from_millis(ms).min(SLOW)).await;
    }

    let query = query.as_deref();
    if let Some(fixture) = FIXTURES.iter().find(|f| f.path == path) {
        let body = if fixture.content_type.starts_with("text/html") {
            // Pages name their feeds absolutely, on whatever port the server got.
            String::from_utf8_lossy(fixture.body).replace("{{base}}", &shared.base).into_bytes()
        } else {
            fixture.body.to_vec()
        };
        return cacheable(headers, fixture.content_type, body);
    }
    match path.as_str() {
        paths::YOUTUBE_FEED => {
            if query_param(query, "channel_id") == Some(CHANNEL_ID) {
                cacheable(
                    headers,
                    "application/atom+xml; charset=UTF-8",
                    YOUTUBE_FEED_BODY.to_vec(),
                )
            } else {
                (StatusCode::NOT_FOUND, "<!DOCTYPE html><html><body>404</body></html>")
                    .into_response()
            }
        }
        paths::SLOW => {
            tokio::time::sleep(SLOW).await;
            cacheable(headers, "application/rss+xml", rss(3).into_bytes())
        }
        paths::TOO_LARGE => cacheable(headers, "application/rss+xml", mebibyte_feed()),
        paths::TOO_LARGE_CHUNKED => {
            let body = mebibyte_feed();
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
            let stream = futures_util::stream::iter(chunks);
            ([(header::CONTENT_TYPE, "application/rss+xml")], Body::from_stream(stream))
                .into_response()
        }
        paths::REDIRECT_ELSEWHERE => {
            let target = shared.elsewhere.lock().unwrap_or_else(|p| p.into_inner()).clone();
            redirect(&format!("{target}{}", paths::WORDPRESS))
        }
        paths::REDIRECT_HERE => redirect(paths::WORDPRESS),
        paths::GENERATED_RSS | paths::GENERATED_ATOM => {
            let entries = query_param(query, "entries").and_then(|v| v.parse().ok()).unwrap_or(10);
            let entries = usize::min(entries, 100_000);
            if path == paths::GENERATED_RSS {
                cacheable(headers, "application/rss+xml; charset=UTF-8", rss(entries).into_bytes())
            } else {
                cacheable(
                    headers,
                    "application/atom+xml; charset=UTF-8",
                    atom(entries).into_bytes(),
                )
            }
        }
        _ => match path.strip_prefix(paths::STATUS).and_then(|code| code.parse::<u16>().ok()) {
            Some(code) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let mut response = (status, format!("{status}")).into_response();
                if matches!(code, 429 | 503) {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("120"));
                }
                response
            }
            None => StatusCode::NOT_FOUND.into_response(),
        },
    }
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (StatusCode::FOUND, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A strong validator: the body's hash.
fn etag(body: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

/// The body with its validators, or 304 when the request's validators match (If-None-Match
/// first; If-Modified-Since only without it, as RFC 9110 says).
fn cacheable(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let tag = etag(&body);
    let not_modified = match text_header(request, header::IF_NONE_MATCH) {
        Some(candidates) => candidates.split(',').map(str::trim).any(|candidate| {
            candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
        }),
        None => text_header(request, header::IF_MODIFIED_SINCE)
            .and_then(|since| crate::feed::parse_timestamp(&since))
            .zip(crate::feed::parse_timestamp(LAST_MODIFIED))
            .is_some_and(|(since, modified)| modified <= since),
    };
    let validators = [(header::ETAG, tag), (header::LAST_MODIFIED, LAST_MODIFIED.to_owned())];
    if not_modified {
        (StatusCode::NOT_MODIFIED, validators).into_response()
    } else {
        (validators, [(header::CONTENT_TYPE, content_type)], body).into_response()
    }
}

/// A valid RSS feed of just over 1 MiB.
fn mebibyte_feed() -> Vec<u8> {
    let mut entries = 1000;
    loop {
        let feed = rss(entries);
        if feed.len() > 1024 * 1024 {
            return feed.into_bytes();
        }
        entries += 500;
    }
}

// ---------------------------------------------------------------- generated feeds

const OPENERS: [&str; 12] = [
    "Notes on", "What I learned about", "A gentle introduction to", "Ten years of", "Debugging",
    "Why we replaced our", "Teaching", "The hidden cost of", "Benchmarking", "Migrating to",
    "Shipping", "Questions & answers on",
];
const TOPICS: [&str; 16] = [
    "Rust", "PostgreSQL", "SQLite", "WebAssembly", "Kubernetes", "accessibility", "CSS grid",
    "type systems", "observability", "CI pipelines", "property testing", "async I/O",
    "error handling", "code review", "API design", "mentoring",
];
const ENDINGS: [&str; 8] = [
    "", " in production", " & friends", ": a field guide", " for beginners", " (part 2)",
    " without tears", " at scale",
];
const SENTENCES: [&str; 10] = [
    "We measured before we changed anything, which turned out to be the most useful hour of the project.",
    "The first version was <em>fast enough</em>; the second was correct, and that mattered more.",
    "Here is the checklist we now run through before every release, with the mistakes that put each line on it.",
    "I gave this as a talk at a meetup last month; these are the notes, with the questions people asked.",
    "Most of the work was deleting code: <code>git diff --stat</code> says we removed 4,000 lines.",
    "If you only read one part, read the section on failure modes &mdash; it is where we learned the most.",
    "Thanks to everyone who sent corrections; the post is better for them.",
    "The numbers below come from a laptop, so treat them as shapes, not promises.",
    "There is a <a href=\"https://example.org/repo\">repository with the code</a> if you want to follow along.",
    "We will revisit this in six months, when the traffic has doubled again.",
];
const CATEGORIES: [&str; 8] =
    ["Rust", "Databases", "Web", "Testing", "Talks", "Teaching", "Operations", "Open source"];
const AUTHORS: [&str; 4] = ["Margaret Okafor", "Jonas Berg", "Priya Raman", "Tomás Herrera"];
const ZONES: [(&str, i32); 6] = [
    ("+0000", 0),
    ("GMT", 0),
    ("-0500", -5 * 3600),
    ("+0100", 3600),
    ("PST", -8 * 3600),
    ("EDT", -4 * 3600),
];

/// A cheap deterministic mix, so each entry differs from its neighbours.
fn mix(i: usize, salt: usize) -> usize {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (salt as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    x as usize
}

fn pick<T: Copy>(list: &[T], i: usize, salt: usize) -> T {
    list[mix(i, salt) % list.len()]
}

/// Entry `i`'s title, in plain text.
fn title(i: usize) -> String {
    let mut title = String::new();
    if i % 7 == 3 {
        title.push_str("Ada’s take: ");
    }
    title.push_str(pick(&OPENERS, i, 1));
    title.push(' ');
    title.push_str(pick(&TOPICS, i, 2));
    title.push_str(pick(&ENDINGS, i, 3));
    title
}

/// Entry `i`'s summary, in HTML.
fn summary_html(i: usize) -> String {
    let count = 2 + mix(i, 4) % 3;
    let mut html = String::from("<p>");
    for n in 0..count {
        if n > 0 {
            html.push(' ');
        }
        html.push_str(pick(&SENTENCES, i, 10 + n));
    }
    html.push_str("</p>");
    html
}

/// Entry `i`'s time: one every seven hours back from 2025-03-10, in seconds since the epoch.
fn when(i: usize) -> i64 {
    1_741_594_364 - (i as i64) * 7 * 3600
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn slug(i: usize, title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ') {
        if c == ' ' {
            if !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push(c.to_ascii_lowercase());
        }
    }
    format!("{}-{i}", slug.trim_matches('-'))
}

fn date_time(seconds: i64, offset: i32) -> jiff::civil::DateTime {
    let ts = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    jiff::tz::Offset::from_seconds(offset).unwrap_or(jiff::tz::Offset::UTC).to_datetime(ts)
}

/// RFC 822, as WordPress and friends write it, in one of a few zones.
fn rfc822(seconds: i64, i: usize) -> String {
    let (zone, offset) = pick(&ZONES, i, 5);
    let dt = date_time(seconds, offset);
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let weekday = DAYS[usize::try_from(dt.weekday().to_monday_zero_offset()).unwrap_or(0)];
    let month = MONTHS[usize::try_from(dt.month() - 1).unwrap_or(0)];
    format!(
        "{weekday}, {:02} {month} {} {:02}:{:02}:{:02} {zone}",
        dt.day(),
        dt.year(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// RFC 3339 in UTC.
fn rfc3339(seconds: i64) -> String {
    let dt = date_time(seconds, 0);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// A WordPress-shaped RSS 2.0 feed of `entries` items (newest first), with excerpts rather than
/// full posts, as many blogs publish: titles with entities, HTML summaries, categories, authors,
/// RFC 822 dates in several zones. Deterministic.
pub fn rss(entries: usize) -> String {
    let mut out = String::with_capacity(800 + entries * 900);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"\n\
         \txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n\
         \txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
         \txmlns:atom=\"http://www.w3.org/2005/Atom\"\n\t>\n<channel>\n\
         \t<title>Generated Notes</title>\n\
         \t<atom:link href=\"https://generated.example.org/feed/\" rel=\"self\" type=\"application/rss+xml\" />\n\
         \t<link>https://generated.example.org</link>\n\
         \t<description>A large feed for benchmarks</description>\n\
         \t<language>en-US</language>\n\
         \t<generator>https://wordpress.org/?v=6.7.2</generator>\n",
    );
    for i in 0..entries {
        let title = title(i);
        let seconds = when(i);
        let year_month = &rfc3339(seconds)[..7].replace('-', "/");
        let link = format!("https://generated.example.org/{year_month}/{}/", slug(i, &title));
        // WordPress writes `&` as &#038; and the apostrophe as &#8217;.
        let title_xml = escape(&title).replace("&amp;", "&#038;").replace('’', "&#8217;");
        let _ = write!(
            out,
            "\t<item>\n\t\t<title>{title_xml}</title>\n\t\t<link>{link}</link>\n\
             \t\t<dc:creator><![CDATA[{author}]]></dc:creator>\n\t\t<pubDate>{date}</pubDate>\n",
            author = pick(&AUTHORS, i, 6),
            date = rfc822(seconds, i),
        );
        for n in 0..1 + mix(i, 7) % 3 {
            let _ = writeln!(
                out,
                "\t\t<category><![CDATA[{}]]></category>",
                pick(&CATEGORIES, i, 20 + n)
            );
        }
        let _ = write!(
            out,
            "\t\t<guid isPermaLink=\"false\">https://generated.example.org/?p={id}</guid>\n\
             \t\t<description><![CDATA[{summary}]]></description>\n\t</item>\n",
            id = 100_000 - i,
            summary = summary_html(i),
        );
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// An Atom feed of `entries` entries (newest first), shaped as jekyll-feed writes it: HTML titles
/// and summaries escaped as Atom requires, RFC 3339 dates, categories. Deterministic.
pub fn atom(entries: usize) -> String {
    let mut out = String::with_capacity(800 + entries * 1000);
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" >\
         <generator uri=\"https://jekyllrb.com/\" version=\"4.3.4\">Jekyll</generator>\
         <link href=\"https://generated.example.org/feed.xml\" rel=\"self\" type=\"application/atom+xml\" />\
         <link href=\"https://generated.example.org/\" rel=\"alternate\" type=\"text/html\" />\
         <updated>{}</updated><id>https://generated.example.org/feed.xml</id>\
         <title type=\"html\">Generated Notes</title><subtitle>A large feed for benchmarks</subtitle>",
        rfc3339(when(0))
    );
    for i in 0..entries {
        let title = title(i);
        let seconds = when(i);
        let published = rfc3339(seconds);
        let path = format!("{}/{}.html", &published[..10].replace('-', "/"), slug(i, &title));
        // The title is HTML (`&` as &amp;), then escaped again for XML.
        let title_html = escape(&escape(&title).replace('’', "&#8217;"));
        let _ = write!(
            out,
            "<entry><title type=\"html\">{title_html}</title>\
             <link href=\"https://generated.example.org/{path}\" rel=\"alternate\" type=\"text/html\" title=\"{title_html}\" />\
             <published>{published}</published><updated>{updated}</updated>\
             <id>https://generated.example.org/{path}</id>\
             <author><name>{author}</name></author>",
            updated = rfc3339(seconds + 3600),
            author = pick(&AUTHORS, i, 6),
        );
        for n in 0..1 + mix(i, 7) % 3 {
            let _ = write!(out, "<category term=\"{}\" />", escape(pick(&CATEGORIES, i, 20 + n)));
        }
        let _ =
            writeln!(out, "<summary type=\"html\">{}</summary></entry>", escape(&summary_html(i)));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn generated_feeds_are_varied_and_sized_for_benchmarks() {
        let feed = rss(100);
        assert_eq!(feed.matches("<item>").count(), 100);
        assert!(feed.contains("&#038;") && feed.contains("&#8217;"));
        assert!(feed.contains(" PST</pubDate>") && feed.contains(" +0000</pubDate>"));
        let per_entry = feed.len() / 100;
        assert!((500..1500).contains(&per_entry), "{per_entry} bytes an entry");

        let feed = atom(100);
        assert_eq!(feed.matches("<entry>").count(), 100);
        assert!(feed.contains("&amp;amp;") && feed.contains("&amp;#8217;"));
        assert_eq!(rss(5), rss(5));
    }

    #[test]
    fn dates_are_written_as_publishers_write_them() {
        assert_eq!(rfc3339(1_741_594_364), "2025-03-10T08:12:44Z");
        for i in 0..50 {
            let written = rfc822(when(i), i);
            let read = crate::feed::parse_timestamp(&written).unwrap();
            assert_eq!(read.as_second(), when(i), "{written}");
        }
    }
}

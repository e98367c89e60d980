//! Blogs and YouTube channels, read from their feeds: RSS 0.9x, 1.0 and 2.0, Atom, and JSON Feed
//! 1.0 and 1.1, with feed-rs. A blog is given by its home page (its feed is found by
//! autodiscovery) or its feed; a YouTube channel by its id, handle or address.
//!
//! Feeds are messy, and one bad entry never sinks the rest: an entry without a usable title, link
//! or date is reported alone as an [`EntryProblem`]; one whose XML is broken is read apart from
//! the others (see `split`).

mod date;
mod decode;
mod split;
mod text;
mod youtube;

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use feed_rs::model::{Entry, Feed, FeedType, Text};
use feed_rs::parser::{ParseErrorKind, ParseFeedError, Parser};
use plaudit_domain::contribution::{TITLE_MAX_CHARS, URL_MAX_CHARS};
use plaudit_domain::{CanonicalUrl, ContributionType, ReachMetric};
use url::Url;

pub(crate) use date::parse_timestamp;
pub use youtube::{YouTubeSource, youtube_feed_url, youtube_source};

use crate::fetch::{Fetched, Fetcher, Response};
use crate::{
    Batch, Endpoints, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Item, Outcome,
    Validators,
};

/// What a feed is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedKind {
    /// Entries are blog posts (podcast episodes when they carry audio or video).
    Blog,
    /// A YouTube channel's feed: entries are videos, with their view counts.
    YouTube,
}

/// The longest summary, in characters.
pub const SUMMARY_MAX_CHARS: usize = 300;

/// Feeds first, then the pages that name them.
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, \
                      text/html;q=0.7, */*;q=0.5";

/// Feeds a page names that are tried, in its order, before giving up: a page's first feed is
/// nearly always its main one; the next are comments or categories.
const MAX_CANDIDATES: usize = 3;

/// Reads a source: fetches `locator` (conditionally on `validators`); when that is an HTML page,
/// finds the feed it names and reads that, setting [`Batch::resolved_locator`] to it so the next
/// read goes straight there.
pub async fn read(
    fetcher: &Fetcher,
    endpoints: &Endpoints,
    kind: FeedKind,
    locator: &str,
    validators: &Validators,
) -> Result<Outcome, Failure> {
    let start = match kind {
        FeedKind::Blog => with_scheme(locator),
        FeedKind::YouTube => match youtube_source(endpoints, locator)? {
            YouTubeSource::Feed(url) | YouTubeSource::ChannelPage(url) => url,
        },
    };
    let response = match fetcher.get(&start, ACCEPT, validators).await? {
        Fetched::NotModified => return Ok(Outcome::NotModified),
        Fetched::Body(response) => response,
    };
    if !is_html(&response.body) {
        let mut batch = parse_apart(response, kind).await?;
        if start != locator.trim() {
            batch.resolved_locator = Some(start);
        }
        return Ok(Outcome::Read(batch));
    }

    let candidates = crate::discover::feed_links(&response.body, &response.url);
    if candidates.is_empty() {
        return Err(Failure::new(
            FailureKind::NotAFeed,
            format!("{} is a page that names no feed", response.url),
        ));
    }
    let mut last_failure = None;
    for candidate in candidates.iter().take(MAX_CANDIDATES) {
        let target = match kind {
            FeedKind::Blog => candidate.to_string(),
            // The channel page names the feed on youtube.com; read it where the endpoints say.
            FeedKind::YouTube => youtube_feed_url(endpoints, candidate.as_str())?,
        };
        // The validators are those of the last answer, which came from the feed.
        let response = match fetcher.get(&target, ACCEPT, validators).await? {
            Fetched::NotModified => return Ok(Outcome::NotModified),
            Fetched::Body(response) => response,
        };
        match parse_apart(response, kind).await {
            Ok(mut batch) => {
                batch.resolved_locator = Some(target);
                return Ok(Outcome::Read(batch));
            }
            Err(failure)
                if matches!(failure.kind, FailureKind::NotAFeed | FailureKind::Malformed) =>
            {
                last_failure = Some(failure);
            }
            Err(failure) => return Err(failure),
        }
    }
    Err(last_failure
        .unwrap_or_else(|| Failure::new(FailureKind::NotAFeed, "no feed could be read")))
}

/// Parses an answer away from the async threads (a large feed is a tenth of a second of CPU),
/// with the answer's validators.
async fn parse_apart(response: Response, kind: FeedKind) -> Result<Batch, Failure> {
    let Response { url, content_type, body, validators } = response;
    let parsed =
        tokio::task::spawn_blocking(move || parse(&body, content_type.as_deref(), &url, kind))
            .await
            .map_err(|e| {
                Failure::new(FailureKind::Malformed, format!("reading the feed stopped: {e}"))
            })?;
    let mut batch = parsed?;
    batch.validators = validators;
    Ok(batch)
}

/// A person's blog address with `https://` when they left the scheme out.
fn with_scheme(locator: &str) -> String {
    let locator = locator.trim();
    if locator.contains("://") { locator.to_owned() } else { format!("https://{locator}") }
}

/// Whether a body is an HTML page (not a feed, whatever its Content-Type says: servers send feeds
/// as text/html and pages as text/xml).
fn is_html(body: &[u8]) -> bool {
    let mut rest = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body).trim_ascii_start();
    // Skip an XML declaration and comments before the first element.
    loop {
        let skipped = if rest.starts_with(b"<?") {
            memchr::memmem::find(rest, b"?>").map(|n| n + 2)
        } else if rest.starts_with(b"<!--") {
            memchr::memmem::find(rest, b"-->").map(|n| n + 3)
        } else {
            None
        };
        match skipped {
            Some(n) => rest = rest.get(n..).unwrap_or_default().trim_ascii_start(),
            None => break,
        }
    }
    let head = rest.get(..rest.len().min(14)).unwrap_or_default().to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Reads a feed's body into a [`Batch`] (without validators or resolved locator: [`read`] adds
/// those). `content_type` may name the charset; `feed_url` resolves relative links. Pure: no I/O.
pub fn parse(
    body: &[u8],
    content_type: Option<&str>,
    feed_url: &Url,
    kind: FeedKind,
) -> Result<Batch, Failure> {
    let utf8 = decode::to_utf8(body, content_type);
    let bytes: &[u8] = &utf8;
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    if is_html(bytes) {
        return Err(Failure::new(FailureKind::NotAFeed, format!("{feed_url} is an HTML page")));
    }
    let mut batch = match first {
        Some(b'{') => {
            let reader = Reader::new(feed_url);
            match reader.parser.parse(bytes) {
                Ok(feed) => reader.convert(&feed, kind, 0, None),
                Err(_) => reader.json_one_by_one(bytes, kind)?,
            }
        }
        Some(b'<') => read_xml(bytes, feed_url, kind)?,
        _ => {
            return Err(Failure::new(
                FailureKind::NotAFeed,
                format!("{feed_url} is neither XML nor JSON"),
            ));
        }
    };
    if kind == FeedKind::YouTube
        && let Some(channel) = youtube::channel_id(bytes)
    {
        batch.identities.push(Identity { kind: IdentityKind::YouTubeChannel, value: channel });
    }
    Ok(batch)
}

/// Feeds with at least this many entries are read in parts of [`PART_ENTRIES`], on up to
/// [`MAX_THREADS`] threads: feed-rs reads about 100 MB/s, and a 10,000-entry feed is some 8 MB.
/// Small parts keep only a few of feed-rs's models (several times the size of their XML) in
/// memory at once.
const PARTS_FROM: usize = 2000;
const PART_ENTRIES: usize = 500;
const MAX_THREADS: usize = 4;

/// Reads an XML feed: whole when it can, entry by entry where it must.
fn read_xml(xml: &[u8], feed_url: &Url, kind: FeedKind) -> Result<Batch, Failure> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    if threads > 1
        && split::count_entry_tags(xml) >= PARTS_FROM
        && let Some(layout) = split::scan(xml)
        && layout.entries.len() >= PARTS_FROM
    {
        return read_in_parts(xml, &layout, feed_url, kind, threads);
    }

    let reader = Reader::new(feed_url);
    let whole = reader.parser.parse(xml);
    // feed-rs can lose entries without failing (a mismatched end tag shifts its idea of depth).
    // Counting the entries' start tags is cheap; only when that disagrees is the document
    // scanned properly and, if it must be, read entry by entry.
    if let Ok(feed) = &whole
        && split::count_entry_tags(xml) == feed.entries.len()
    {
        return Ok(reader.convert(feed, kind, 0, Some(xml)));
    }
    match (whole, split::scan(xml)) {
        (Ok(feed), Some(layout)) if feed.entries.len() == layout.entries.len() => {
            Ok(reader.convert(&feed, kind, 0, Some(xml)))
        }
        (Ok(feed), None) => Ok(reader.convert(&feed, kind, 0, None)),
        (whole, Some(layout)) => {
            let batch = reader.one_by_one(xml, &layout, &layout.entries, 0, kind);
            salvaged(batch, feed_url, whole.err().map(|e| e.to_string()))
        }
        (Err(error), None) => Err(failure_of(&error, feed_url)),
    }
}

/// A large feed read in parts, each its entries in a copy of the feed's envelope, on `threads`
/// threads that take the parts in turn. A part that does not read whole is read entry by
/// entry, as a whole feed would be.
fn read_in_parts(
    xml: &[u8],
    layout: &split::Layout,
    feed_url: &Url,
    kind: FeedKind,
    threads: usize,
) -> Result<Batch, Failure> {
    let parts: Vec<&[Range<usize>]> = layout.entries.chunks(PART_ENTRIES).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read: Vec<Option<Vec<(usize, Batch, bool)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let reader = Reader::new(feed_url);
                    let mut done = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(ranges) = parts.get(n) else { break };
                        let (batch, one_by_one) =
                            reader.read_part(xml, layout, ranges, n * PART_ENTRIES, kind);
                        done.push((n, batch, one_by_one));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().ok()).collect()
    });
    let mut parts_read = Vec::with_capacity(parts.len());
    for worker in read {
        let Some(done) = worker else {
            return Err(Failure::new(
                FailureKind::Malformed,
                format!("{feed_url}: the feed parser gave up on part of it"),
            ));
        };
        parts_read.extend(done);
    }
    parts_read.sort_unstable_by_key(|(n, _, _)| *n);
    let mut batch = Batch { items: Vec::with_capacity(layout.entries.len()), ..Batch::default() };
    let mut entry_by_entry = false;
    for (_, part, one_by_one) in parts_read {
        batch.items.extend(part.items);
        batch.problems.extend(part.problems);
        entry_by_entry |= one_by_one;
    }
    if entry_by_entry { salvaged(batch, feed_url, None) } else { Ok(batch) }
}

/// What reading entry by entry gave: the entries that could be read, unless none could (then the
/// envelope itself is broken and the feed is malformed).
fn salvaged(batch: Batch, feed_url: &Url, whole_error: Option<String>) -> Result<Batch, Failure> {
    match batch.problems.first() {
        Some(first) if batch.items.is_empty() => Err(Failure::new(
            FailureKind::Malformed,
            format!(
                "{feed_url}: no entry can be read ({})",
                whole_error.unwrap_or_else(|| first.reason.clone())
            ),
        )),
        _ => Ok(batch),
    }
}

fn failure_of(error: &ParseFeedError, feed_url: &Url) -> Failure {
    let kind = match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)
        | ParseFeedError::JsonUnsupportedVersion(_) => FailureKind::NotAFeed,
        _ => FailureKind::Malformed,
    };
    Failure::new(kind, format!("{feed_url}: {error}"))
}

/// An unreadable date is handed to feed-rs as this second, with the index of its text in the
/// nanoseconds, so each entry's problem can quote the date it had (feed-rs keeps no raw text).
const UNREADABLE_SECOND: i64 = -100_000_000_000;

/// One read of one feed: a feed-rs parser whose date hook remembers what it could not read.
struct Reader<'a> {
    parser: Parser,
    unreadable: Rc<RefCell<Vec<String>>>,
    feed_url: &'a Url,
}

enum When {
    On(jiff::civil::Date),
    Unreadable(String),
    Missing,
}

impl<'a> Reader<'a> {
    fn new(feed_url: &'a Url) -> Self {
        let unreadable: Rc<RefCell<Vec<String>>> = Rc::default();
        let remember = Rc::clone(&unreadable);
        let parser = feed_rs::parser::Builder::new()
            .base_uri(Some(feed_url.as_str()))
            .sanitize_content(false)
            // An empty id tells a missing one from feed-rs's made-up hash.
            .id_generator(|_, _, _| String::new())
            .timestamp_parser(move |text| match parse_timestamp(text) {
                Some(ts) => chrono::DateTime::from_timestamp(ts.as_second(), 0),
                None => {
                    let mut texts = remember.borrow_mut();
                    let index = u32::try_from(texts.len()).ok().filter(|&i| i < 1_000_000_000)?;
                    texts.push(text.trim().chars().take(60).collect());
                    chrono::DateTime::from_timestamp(UNREADABLE_SECOND, index)
                }
            })
            .build();
        Self { parser, unreadable, feed_url }
    }

    fn when(&self, at: Option<chrono::DateTime<chrono::Utc>>) -> When {
        let Some(at) = at else { return When::Missing };
        if at.timestamp() == UNREADABLE_SECOND {
            let index = at.timestamp_subsec_nanos() as usize;
            let text = self.unreadable.borrow().get(index).cloned().unwrap_or_default();
            return When::Unreadable(text);
        }
        match jiff::Timestamp::from_second(at.timestamp()) {
            Ok(ts) => When::On(date::utc_date(ts)),
            Err(_) => When::Unreadable(at.to_rfc3339()),
        }
    }

    /// Converts a feed (or a part of one whose first entry is the `first`th, from 0) read whole.
    /// `xml` is its document, to say why an entry that cannot be used is broken when its XML is
    /// (feed-rs drops the fields it cannot read without saying so).
    fn convert(&self, feed: &Feed, kind: FeedKind, first: usize, xml: Option<&[u8]>) -> Batch {
        let mut batch = Batch { items: Vec::with_capacity(feed.entries.len()), ..Batch::default() };
        // Found only when an entry has a problem.
        let mut layout: Option<Option<split::Layout>> = None;
        for (index, entry) in feed.entries.iter().enumerate() {
            match self.item(entry, kind, &feed.feed_type) {
                Ok(item) => batch.items.push(item),
                Err(reason) => {
                    let layout = layout.get_or_insert_with(|| {
                        xml.and_then(split::scan).filter(|l| l.entries.len() == feed.entries.len())
                    });
                    let raw = layout.as_ref().and_then(|l| xml?.get(l.entries.get(index)?.clone()));
                    let broken = raw.and_then(|raw| split::check(raw).err());
                    batch.problems.push(EntryProblem {
                        position: first + index + 1,
                        id: entry_id(entry).or_else(|| raw.and_then(raw_id)),
                        reason: broken.map_or(reason, |why| format!("its XML is broken: {why}")),
                    });
                }
            }
        }
        batch
    }

    /// Reads the entries of a part of a feed: whole when it can, else entry by entry (and says
    /// so).
    fn read_part(
        &self,
        xml: &[u8],
        layout: &split::Layout,
        ranges: &[Range<usize>],
        first: usize,
        kind: FeedKind,
    ) -> (Batch, bool) {
        let (Some(start), Some(end)) = (ranges.first(), ranges.last()) else {
            return (Batch::default(), false);
        };
        let doc = layout.around(xml, start.start..end.end);
        match self.parser.parse(doc.as_slice()) {
            Ok(feed) if feed.entries.len() == ranges.len() => {
                (self.convert(&feed, kind, first, Some(&doc)), false)
            }
            _ => (self.one_by_one(xml, layout, ranges, first, kind), true),
        }
    }

    /// Reads the entries at `ranges` (the first of them the `first`th, from 0) each alone, in a
    /// copy of the feed's envelope: for a feed that could not be read whole.
    fn one_by_one(
        &self,
        xml: &[u8],
        layout: &split::Layout,
        ranges: &[Range<usize>],
        first: usize,
        kind: FeedKind,
    ) -> Batch {
        let mut batch = Batch::default();
        for (index, range) in ranges.iter().enumerate() {
            let position = first + index + 1;
            let raw = xml.get(range.clone()).unwrap_or_default();
            if let Err(why) = split::check(raw) {
                batch.problems.push(EntryProblem {
                    position,
                    id: raw_id(raw),
                    reason: format!("its XML is broken: {why}"),
                });
                continue;
            }
            let alone = layout.around(xml, range.clone());
            match self.parser.parse(alone.as_slice()) {
                Ok(feed) if feed.entries.len() == 1 => {
                    let entry = &feed.entries[0];
                    match self.item(entry, kind, &feed.feed_type) {
                        Ok(item) => batch.items.push(item),
                        Err(reason) => batch.problems.push(EntryProblem {
                            position,
                            id: entry_id(entry).or_else(|| raw_id(raw)),
                            reason,
                        }),
                    }
                }
                outcome => batch.problems.push(EntryProblem {
                    position,
                    id: raw_id(raw),
                    reason: match outcome {
                        Err(error) => format!("it cannot be read: {error}"),
                        // feed-rs drops RSS 1.0 items without a link rather than fail them.
                        Ok(_) => "it has no link".into(),
                    },
                }),
            }
        }
        batch
    }

    /// Reads each item of a JSON Feed that could not be read whole (a number for an id, a
    /// missing feed title, one item of the wrong shape), alone.
    fn json_one_by_one(&self, json: &[u8], kind: FeedKind) -> Result<Batch, Failure> {
        let malformed =
            |why: String| Failure::new(FailureKind::Malformed, format!("{}: {why}", self.feed_url));
        let value: serde_json::Value =
            serde_json::from_slice(json).map_err(|e| malformed(e.to_string()))?;
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_str)
            .filter(|v| v.starts_with("https://jsonfeed.org/version/1"))
            .ok_or_else(|| {
                Failure::new(
                    FailureKind::NotAFeed,
                    format!("{}: JSON, but not a JSON Feed 1.x", self.feed_url),
                )
            })?;
        let items = value
            .get("items")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| malformed("a JSON Feed without items".into()))?;
        let mut batch = Batch::default();
        for (index, item) in items.iter().enumerate() {
            let mut item = item.clone();
            // "If an id is presented as a number, a reader must coerce it to a string."
            if let Some(id) = item.get_mut("id")
                && id.is_number()
            {
                *id = serde_json::Value::String(id.to_string());
            }
            let id = item.get("id").and_then(serde_json::Value::as_str).map(str::to_owned);
            let alone = serde_json::json!({ "version": version, "title": "", "items": [item] });
            let parsed = serde_json::to_vec(&alone)
                .map_err(|e| e.to_string())
                .and_then(|doc| self.parser.parse(doc.as_slice()).map_err(|e| e.to_string()));
            match parsed {
                Ok(feed) if feed.entries.len() == 1 => {
                    match self.item(&feed.entries[0], kind, &feed.feed_type) {
                        Ok(item) => batch.items.push(item),
                        Err(reason) => {
                            batch.problems.push(EntryProblem { position: index + 1, id, reason })
                        }
                    }
                }
                Ok(_) => batch.problems.push(EntryProblem {
                    position: index + 1,
                    id,
                    reason: "it is not an item".into(),
                }),
                Err(error) => batch.problems.push(EntryProblem {
                    position: index + 1,
                    id,
                    reason: format!("it cannot be read: {error}"),
                }),
            }
        }
        Ok(batch)
    }

    /// One entry as a suggested contribution, or why it cannot be one.
    fn item(&self, entry: &Entry, kind: FeedKind, feed_type: &FeedType) -> Result<Item, String> {
        let html_descriptions = *feed_type == FeedType::RSS1;
        let title = entry.title.as_ref().map(title_text).unwrap_or_default();
        if title.is_empty() {
            return Err("it has no title".into());
        }

        let (href, normalized) = entry_link(entry).ok_or("it has no link")?;
        let href = href.trim();
        let url = if normalized
            && (href.starts_with("https://") || href.starts_with("http://"))
            && !href.contains(char::is_whitespace)
        {
            // feed-rs has already resolved and written out every link it could parse, and
            // CanonicalUrl below refuses what it could not: parsing again would cost some 5% of
            // reading a large feed.
            href.to_owned()
        } else {
            self.feed_url
                .join(href)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .map(String::from)
                .ok_or_else(|| format!("its link {href:?} is not a web address"))?
        };
        if url.len() > URL_MAX_CHARS && url.chars().count() > URL_MAX_CHARS {
            return Err(format!("its link is longer than {URL_MAX_CHARS} characters"));
        }
        let canonical_url =
            CanonicalUrl::parse(&url).map_err(|e| format!("its link {url:?} {e}"))?;

        let occurred_on = match (self.when(entry.published), self.when(entry.updated)) {
            (When::On(day), _) | (_, When::On(day)) => day,
            (When::Unreadable(text), _) | (_, When::Unreadable(text)) => {
                return Err(format!("its date {text:?} cannot be read"));
            }
            (When::Missing, When::Missing) => return Err("it has no date".into()),
        };

        let (contribution_type, summary, reach) = match kind {
            FeedKind::YouTube => {
                let description = entry.media.iter().find_map(|m| m.description.as_ref());
                let views = entry
                    .media
                    .iter()
                    .find_map(|m| m.community.as_ref()?.stats_views)
                    .and_then(|v| i64::try_from(v).ok());
                (
                    ContributionType::Video,
                    description.map(|d| summary_text(d, false)).unwrap_or_default(),
                    views.map(|v| (ReachMetric::Views, v)),
                )
            }
            FeedKind::Blog => {
                let summary = match (&entry.summary, &entry.content) {
                    (Some(summary), _) => summary_text(summary, html_descriptions),
                    (None, Some(content)) => match &content.body {
                        Some(body) if content.content_type.as_str().contains("html") => {
                            text::html(body, SUMMARY_MAX_CHARS)
                        }
                        Some(body) => text::plain(body, SUMMARY_MAX_CHARS),
                        None => String::new(),
                    },
                    (None, None) => String::new(),
                };
                let kind = if has_audio_or_video(entry) {
                    ContributionType::Podcast
                } else {
                    ContributionType::BlogPost
                };
                (kind, summary, None)
            }
        };

        let external_id = match entry.id.trim() {
            "" => canonical_url.as_str().to_owned(),
            id => id.to_owned(),
        };
        Ok(Item {
            external_id,
            url,
            canonical_url,
            title,
            summary,
            contribution_type,
            occurred_on,
            reach,
        })
    }
}

fn is_html_text(text: &Text) -> bool {
    text.content_type.as_str().contains("html")
}

/// A title as plain text. RSS and JSON Feed titles are plain text once the XML or JSON is read
/// (`&amp;amp;` in RSS is the text `&amp;`); Atom's `type="html"` titles are HTML, unescaped once
/// more; `type="xhtml"` ones come back from feed-rs as markup around already-unescaped text.
fn title_text(title: &Text) -> String {
    let content = title.content.trim();
    if !is_html_text(title) {
        return text::plain(content, TITLE_MAX_CHARS);
    }
    if content.starts_with("<div") && content.ends_with("</div>") {
        text::xhtml(content, TITLE_MAX_CHARS)
    } else {
        text::html(content, TITLE_MAX_CHARS)
    }
}

/// A summary as plain text. `html_descriptions`: RSS 1.0's description is HTML in practice,
/// though feed-rs calls it plain text.
fn summary_text(summary: &Text, html_descriptions: bool) -> String {
    if html_descriptions || is_html_text(summary) {
        text::html(&summary.content, SUMMARY_MAX_CHARS)
    } else {
        text::plain(&summary.content, SUMMARY_MAX_CHARS)
    }
}

/// The entry's page: its alternate link (an HTML one first), else an RSS guid that is an
/// address (a guid is a permalink unless it says otherwise). Whether it is a link, which feed-rs
/// has resolved and normalised.
fn entry_link(entry: &Entry) -> Option<(&str, bool)> {
    let alternate =
        |l: &&feed_rs::model::Link| matches!(l.rel.as_deref(), None | Some("alternate"));
    let is_page =
        |l: &&feed_rs::model::Link| l.media_type.as_deref().is_none_or(|t| t.contains("html"));
    entry
        .links
        .iter()
        .filter(alternate)
        .find(is_page)
        .or_else(|| {
            entry.links.iter().find(alternate).filter(|l| !is_media(l.media_type.as_deref()))
        })
        .map(|l| l.href.as_str())
        .filter(|href| !href.trim().is_empty())
        .map(|href| (href, true))
        .or_else(|| {
            let id = entry.id.trim();
            (id.starts_with("https://") || id.starts_with("http://")).then_some((id, false))
        })
}

fn is_media(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|t| {
        let t = t.trim_start().to_ascii_lowercase();
        t.starts_with("audio/") || t.starts_with("video/")
    })
}

/// Whether the entry carries an episode: an RSS enclosure, a Media RSS content, an Atom
/// `rel="enclosure"` link or a JSON Feed attachment of audio or video.
fn has_audio_or_video(entry: &Entry) -> bool {
    entry
        .media
        .iter()
        .flat_map(|m| &m.content)
        .any(|c| is_media(c.content_type.as_ref().map(|t| t.as_str())))
        || entry.links.iter().any(|l| is_media(l.media_type.as_deref()))
}

fn entry_id(entry: &Entry) -> Option<String> {
    let id = entry.id.trim();
    if id.is_empty() { entry.links.first().map(|l| l.href.clone()) } else { Some(id.to_owned()) }
}

/// The guid, id or link of an entry feed-rs could not read, for its problem report.
fn raw_id(raw: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    ["guid", "id", "link"].iter().find_map(|name| {
        let open = text.find(&format!("<{name}"))?;
        let start = open + text.get(open..)?.find('>')? + 1;
        let end = start + text.get(start..)?.find('<')?;
        let value = text.get(start..end)?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn read(xml: &str) -> Batch {
        let url = Url::parse("https://blog.example.org/feed/").unwrap();
        parse(xml.as_bytes(), None, &url, FeedKind::Blog).unwrap()
    }

    #[test]
    fn an_entry_without_title_link_or_date_is_a_problem_and_the_rest_come_through() {
        let batch = read(
            r#"<rss version="2.0"><channel><title>t</title>
            <item><title>Good</title><link>/good</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>  </title><link>/no-title</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>No link</title><guid isPermaLink="false">tag:1</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>No date</title><link>/no-date</link></item>
            <item><title>Bad date</title><link>/bad-date</link><pubDate>the other day</pubDate></item>
            <item><title>Bad link</title><link>mailto:ada@example.org</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            </channel></rss>"#,
        );
        assert_eq!(batch.items.len(), 1);
        assert_eq!(batch.items[0].url, "https://blog.example.org/good");
        assert_eq!(batch.items[0].external_id, "https://blog.example.org/good");
        let problems: Vec<(usize, &str)> =
            batch.problems.iter().map(|p| (p.position, p.reason.as_str())).collect();
        assert_eq!(
            problems,
            [
                (2, "it has no title"),
                (3, "it has no link"),
                (4, "it has no date"),
                (5, "its date \"the other day\" cannot be read"),
                (6, "its link \"mailto:ada@example.org\" is not a web address"),
            ]
        );
        assert_eq!(batch.problems[1].id.as_deref(), Some("tag:1"));
    }

    #[test]
    fn broken_xml_in_one_entry_is_read_apart() {
        let batch = read(
            r#"<rss version="2.0"><channel><title>t</title>
            <item><title>One</title><link>https://blog.example.org/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><guid>https://blog.example.org/2</guid><title>Two</titel><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>Three</title><link>https://blog.example.org/3</link><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>
            </channel></rss>"#,
        );
        let titles: Vec<&str> = batch.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["One", "Three"]);
        assert_eq!(batch.problems.len(), 1);
        assert_eq!(batch.problems[0].position, 2);
        assert_eq!(batch.problems[0].id.as_deref(), Some("https://blog.example.org/2"));
        assert_eq!(
            batch.problems[0].reason,
            "its XML is broken: expected `</title>`, but `</titel>` was found"
        );

        // A bare `&` loses feed-rs only that title; the report says why.
        let batch = read(
            r#"<rss version="2.0"><channel><title>t</title>
            <item><title>Salt & pepper</title><link>https://blog.example.org/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><link>https://blog.example.org/2</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            </channel></rss>"#,
        );
        assert_eq!(batch.items.len(), 1);
        assert_eq!(batch.problems[0].position, 1);
        assert!(
            batch.problems[0].reason.starts_with("its XML is broken: "),
            "{:?}",
            batch.problems
        );
    }

    #[test]
    fn a_json_feed_item_of_the_wrong_shape_is_reported_alone() {
        let url = Url::parse("https://blog.example.org/feed.json").unwrap();
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
            {"id": "1", "url": "https://blog.example.org/1", "title": "One", "date_published": "2025-01-02T03:04:05Z"},
            {"id": "2", "url": "https://blog.example.org/2", "title": ["not", "a", "string"]},
            {"id": 3, "url": "/3", "title": "Three", "date_published": "2025-01-03"}
        ]}"#;
        let batch =
            parse(json.as_bytes(), Some("application/feed+json"), &url, FeedKind::Blog).unwrap();
        let items: Vec<(&str, &str, &str)> = batch
            .items
            .iter()
            .map(|i| (i.external_id.as_str(), i.title.as_str(), i.url.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                ("1", "One", "https://blog.example.org/1"),
                ("3", "Three", "https://blog.example.org/3")
            ]
        );
        assert_eq!(batch.problems.len(), 1);
        assert_eq!((batch.problems[0].position, batch.problems[0].id.as_deref()), (2, Some("2")));
    }

    #[test]
    fn html_pages_and_other_things_are_not_feeds() {
        let url = Url::parse("https://blog.example.org/").unwrap();
        for body in [
            "<!DOCTYPE html><html><head></head><body></body></html>",
            "<?xml version=\"1.0\"?>\n<!-- x --><html xmlns=\"http://www.w3.org/1999/xhtml\"></html>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
            "{\"hello\": \"world\"}",
            "plain text",
            "",
        ] {
            let failure = parse(body.as_bytes(), None, &url, FeedKind::Blog).unwrap_err();
            assert_eq!(failure.kind, FailureKind::NotAFeed, "{body:?}: {failure}");
        }
        let truncated = "<rss version=\"2.0\"><channel><title>t</title><item><title>x";
        let failure = parse(truncated.as_bytes(), None, &url, FeedKind::Blog).unwrap_err();
        assert_eq!(failure.kind, FailureKind::Malformed, "{failure}");
    }
}

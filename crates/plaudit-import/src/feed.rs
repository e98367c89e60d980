//! Blogs and YouTube channels, read from their feeds: RSS 0.9x, 1.0 and 2.0, Atom, and JSON Feed
//! 1.0 and 1.1. RSS is read by the `rss` crate and Atom by `atom_syndication` (rust-syndication's
//! parsers, several times faster than a general feed model on a large feed), JSON Feed by
//! feed-rs. A blog is given by its home page (its feed is found by autodiscovery) or its feed; a
//! YouTube channel by its id, handle or address.
//!
//! Feeds are messy, and one bad entry never sinks the rest: an entry without a usable title, link
//! or date is reported alone as an [`EntryProblem`]; one whose XML is broken is read apart from
//! the others (see `split`).

mod date;
mod decode;
mod entities;
mod entry;
mod from_atom;
mod from_json;
mod from_rss;
mod split;
mod text;
mod youtube;

use std::ops::Range;

use url::Url;

pub(crate) use date::parse_timestamp;
pub use youtube::{YouTubeSource, youtube_feed_url, youtube_source};

use crate::fetch::{Fetched, Fetcher, Response};
use crate::{
    Batch, Endpoints, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Outcome, Reason,
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
        Some(b'{') => from_json::read(bytes, feed_url, kind)?,
        Some(b'<') => read_xml(&entities::declared(bytes), feed_url, kind)?,
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
/// [`MAX_THREADS`] threads. Small parts keep only a few parsed entries in memory at once.
const PARTS_FROM: usize = 2000;
const PART_ENTRIES: usize = 500;
const MAX_THREADS: usize = 4;

/// The XML feed formats, each read by its own well-kept parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// RSS 0.9x and 2.0 (`<rss>`), and RSS 1.0 (`<rdf:RDF>`).
    Rss,
    /// Atom 1.0 (`<feed>`).
    Atom,
}

/// A feed document read whole by its format's parser (boxed: their metadata is large).
enum Doc {
    Rss(Box<rss::Channel>),
    Atom(Box<atom_syndication::Feed>),
}

/// Why a document could not be read whole.
enum Unread {
    /// An entry's date is not one (the Atom parser fails the document for it): the text.
    Date(String),
    Other(String),
}

impl Format {
    /// The format of an XML document, by its root element; `None` when it is no feed.
    fn of(xml: &[u8]) -> Option<Self> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        loop {
            match reader.read_event() {
                Ok(
                    quick_xml::events::Event::Start(root) | quick_xml::events::Event::Empty(root),
                ) => {
                    return match root.name().as_ref() {
                        b"rss" | b"rdf:RDF" => Some(Self::Rss),
                        b"feed" => Some(Self::Atom),
                        _ => None,
                    };
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    fn read(self, xml: &[u8]) -> Result<Doc, Unread> {
        match self {
            Self::Rss => rss::Channel::read_from(xml)
                .map(|channel| Doc::Rss(Box::new(channel)))
                .map_err(|e| Unread::Other(e.to_string())),
            Self::Atom => atom_syndication::Feed::read_from(xml)
                .map(|feed| Doc::Atom(Box::new(feed)))
                .map_err(|e| match e {
                    atom_syndication::Error::WrongDatetime(text) => Unread::Date(text),
                    e => Unread::Other(e.to_string()),
                }),
        }
    }
}

impl Unread {
    /// The reason an entry read alone gives.
    fn reason(self) -> Reason {
        match self {
            Self::Date(text) => Reason::date_unreadable(&text),
            Self::Other(why) => Reason::Unreadable(why),
        }
    }

    fn into_message(self) -> String {
        match self {
            Self::Date(text) => format!("a date {text:?} cannot be read"),
            Self::Other(why) => why,
        }
    }
}

impl Doc {
    /// The entries' fields, in document order.
    fn entries(&self) -> Vec<entry::Fields<'_>> {
        match self {
            Self::Rss(channel) => channel.items.iter().map(from_rss::fields).collect(),
            Self::Atom(feed) => feed.entries.iter().map(from_atom::fields).collect(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Self::Rss(channel) => channel.items.len(),
            Self::Atom(feed) => feed.entries.len(),
        }
    }

    /// What relative links are resolved against: the feed's address, or the `xml:base` an Atom
    /// feed names (itself resolved against the address).
    fn base(&self, feed_url: &Url) -> Url {
        match self {
            Self::Atom(feed) => match &feed.base {
                Some(base) => feed_url.join(base.trim()).unwrap_or_else(|_| feed_url.clone()),
                None => feed_url.clone(),
            },
            Self::Rss(_) => feed_url.clone(),
        }
    }
}

/// Reads an XML feed: whole when it can, entry by entry where it must.
fn read_xml(xml: &[u8], feed_url: &Url, kind: FeedKind) -> Result<Batch, Failure> {
    let Some(format) = Format::of(xml) else {
        return Err(Failure::new(
            FailureKind::NotAFeed,
            format!("{feed_url} is XML, but neither RSS nor Atom"),
        ));
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    if threads > 1
        && split::count_entry_tags(xml) >= PARTS_FROM
        && let Some(layout) = split::scan(xml)
        && layout.entries.len() >= PARTS_FROM
    {
        let split = Split { xml, format, layout: &layout, feed_url, kind };
        return read_in_parts(&split, threads);
    }

    let whole = format.read(xml);
    // A parser can lose entries without failing (a mismatched end tag shifts its idea of
    // depth). Counting the entries' start tags is cheap; only when that disagrees is the
    // document scanned properly and, if it must be, read entry by entry.
    if let Ok(doc) = &whole
        && split::count_entry_tags(xml) == doc.len()
    {
        return Ok(convert(doc, kind, feed_url, 0, Some(xml)));
    }
    match (whole, split::scan(xml)) {
        (Ok(doc), Some(layout)) if doc.len() == layout.entries.len() => {
            Ok(convert(&doc, kind, feed_url, 0, Some(xml)))
        }
        (Ok(doc), None) => Ok(convert(&doc, kind, feed_url, 0, None)),
        (whole, Some(layout)) => {
            let split = Split { xml, format, layout: &layout, feed_url, kind };
            let batch = split.one_by_one(&layout.entries, 0);
            salvaged(batch, feed_url, whole.err().map(Unread::into_message))
        }
        (Err(error), None) => Err(Failure::new(
            FailureKind::Malformed,
            format!("{feed_url}: {}", error.into_message()),
        )),
    }
}

/// A large feed read in parts, each its entries in a copy of the feed's envelope, on `threads`
/// threads that take the parts in turn. A part that does not read whole is read entry by
/// entry, as a whole feed would be.
fn read_in_parts(feed: &Split<'_>, threads: usize) -> Result<Batch, Failure> {
    let Split { layout, feed_url, .. } = feed;
    let parts: Vec<&[Range<usize>]> = layout.entries.chunks(PART_ENTRIES).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read: Vec<Option<Vec<(usize, Batch, bool)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(ranges) = parts.get(n) else { break };
                        let (batch, one_by_one) = feed.read_part(ranges, n * PART_ENTRIES);
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
                whole_error.unwrap_or_else(|| first.reason.to_string())
            ),
        )),
        _ => Ok(batch),
    }
}

/// Converts a document (or a part of one whose first entry is the `first`th, from 0) read
/// whole. `xml` is its text, to say why an entry that cannot be used is broken when its XML is
/// (parsers drop what they cannot read without saying so).
fn convert(doc: &Doc, kind: FeedKind, feed_url: &Url, first: usize, xml: Option<&[u8]>) -> Batch {
    let base = doc.base(feed_url);
    let entries = doc.entries();
    let mut batch = Batch { items: Vec::with_capacity(entries.len()), ..Batch::default() };
    // Found only when an entry has a problem.
    let mut layout: Option<Option<split::Layout>> = None;
    for (index, fields) in entries.iter().enumerate() {
        match fields.item(kind, &base) {
            Ok(item) => batch.items.push(item),
            Err(reason) => {
                let layout = layout.get_or_insert_with(|| {
                    xml.and_then(split::scan).filter(|l| l.entries.len() == entries.len())
                });
                let raw = layout.as_ref().and_then(|l| xml?.get(l.entries.get(index)?.clone()));
                let broken = raw.and_then(|raw| split::check(raw).err());
                batch.problems.push(EntryProblem {
                    position: first + index + 1,
                    id: fields.problem_id().or_else(|| raw.and_then(raw_id)),
                    reason: broken.map_or(reason, Reason::XmlBroken),
                });
            }
        }
    }
    batch
}

/// A feed being read entry by entry or in parts: its document, format, layout and address.
struct Split<'a> {
    xml: &'a [u8],
    format: Format,
    layout: &'a split::Layout,
    feed_url: &'a Url,
    kind: FeedKind,
}

impl Split<'_> {
    /// Reads the entries at `ranges` (the first of them the `first`th, from 0), a part of the
    /// feed: whole when it can, else entry by entry (and says so).
    fn read_part(&self, ranges: &[Range<usize>], first: usize) -> (Batch, bool) {
        let (Some(start), Some(end)) = (ranges.first(), ranges.last()) else {
            return (Batch::default(), false);
        };
        let doc = self.layout.around(self.xml, start.start..end.end);
        match self.format.read(&doc) {
            Ok(read) if read.len() == ranges.len() => {
                (convert(&read, self.kind, self.feed_url, first, Some(&doc)), false)
            }
            _ => (self.one_by_one(ranges, first), true),
        }
    }

    /// Reads the entries at `ranges` (the first of them the `first`th, from 0) each alone, in a
    /// copy of the feed's envelope: for a feed that could not be read whole.
    fn one_by_one(&self, ranges: &[Range<usize>], first: usize) -> Batch {
        let mut batch = Batch::default();
        for (index, range) in ranges.iter().enumerate() {
            let position = first + index + 1;
            let raw = self.xml.get(range.clone()).unwrap_or_default();
            if let Err(why) = split::check(raw) {
                batch.problems.push(EntryProblem {
                    position,
                    id: raw_id(raw),
                    reason: Reason::XmlBroken(why),
                });
                continue;
            }
            let alone = self.layout.around(self.xml, range.clone());
            match self.format.read(&alone) {
                Ok(doc) if doc.len() == 1 => {
                    let mut read = convert(&doc, self.kind, self.feed_url, first + index, None);
                    batch.items.append(&mut read.items);
                    batch.problems.append(&mut read.problems);
                }
                outcome => batch.problems.push(EntryProblem {
                    position,
                    id: raw_id(raw),
                    reason: match outcome {
                        Err(unread) => unread.reason(),
                        Ok(_) => Reason::NotAnEntry,
                    },
                }),
            }
        }
        batch
    }
}

/// The guid, id or link of an entry that could not be read, for its problem report.
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
    use plaudit_domain::ContributionType;

    use super::*;
    use crate::{ReasonKind, Summary};

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
        let problems: Vec<(usize, &Reason)> =
            batch.problems.iter().map(|p| (p.position, &p.reason)).collect();
        assert_eq!(
            problems,
            [
                (2, &Reason::NoTitle),
                (3, &Reason::NoLink),
                (4, &Reason::NoDate),
                (5, &Reason::DateUnreadable("the other day".into())),
                (6, &Reason::LinkNotWeb("mailto:ada@example.org".into())),
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
            Reason::XmlBroken("expected `</title>`, but `</titel>` was found".into())
        );

        // A bare `&` is broken XML in that entry alone; the report says why.
        let batch = read(
            r#"<rss version="2.0"><channel><title>t</title>
            <item><title>Salt & pepper</title><link>https://blog.example.org/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>Two</title><link>https://blog.example.org/2</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            </channel></rss>"#,
        );
        assert_eq!(batch.items.len(), 1);
        assert_eq!(batch.problems[0].position, 1);
        assert_eq!(batch.problems[0].reason.kind(), ReasonKind::XmlBroken, "{:?}", batch.problems);
    }

    #[test]
    fn atom_entries_with_a_bad_date_or_none_are_reported_alone() {
        let batch = read(
            r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <id>urn:t</id><updated>2025-03-07T15:04:05Z</updated>
            <entry><title>One</title><link href="/1"/><id>urn:1</id><updated>2025-03-07T15:04:05Z</updated></entry>
            <entry><title>Two</title><link href="/2"/><id>urn:2</id><updated>last Tuesday</updated></entry>
            <entry><title>Three</title><link href="/3"/><id>urn:3</id></entry>
            <entry><title>Four</title><link href="/4"/><id>urn:4</id><published>2025-03-01T00:00:00Z</published><updated>2025-03-08T00:00:00Z</updated></entry>
            </feed>"#,
        );
        let items: Vec<(&str, String)> =
            batch.items.iter().map(|i| (i.title.as_str(), i.occurred_on.to_string())).collect();
        assert_eq!(items, [("One", "2025-03-07".into()), ("Four", "2025-03-01".into())]);
        let problems: Vec<(usize, Option<&str>, &Reason)> =
            batch.problems.iter().map(|p| (p.position, p.id.as_deref(), &p.reason)).collect();
        assert_eq!(
            problems,
            [
                (2, Some("urn:2"), &Reason::DateUnreadable("last Tuesday".into())),
                (3, Some("urn:3"), &Reason::NoDate),
            ]
        );
    }

    #[test]
    fn atom_xhtml_and_html_titles_are_plain_text() {
        let batch = read(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Fish &amp;amp; <b>chips</b> &lt;3</div></title>
            <link rel="enclosure" type="audio/mpeg" href="https://cdn.example.org/1.mp3"/>
            <link rel="alternate" type="text/html" href="https://blog.example.org/1"/>
            <id>urn:1</id><updated>2025-03-07T15:04:05Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Salt &amp; vinegar</p></div></content></entry>
            <entry><title type="html">&lt;em&gt;Tea&lt;/em&gt; &amp;amp; cake</title><link href="https://blog.example.org/2"/>
            <id>urn:2</id><updated>2025-03-07T15:04:05Z</updated><summary>Plain &lt;p&gt; stays</summary></entry>
            </feed>"#,
        );
        let items: Vec<(&str, &str, &Summary, ContributionType)> = batch
            .items
            .iter()
            .map(|i| (i.title.as_str(), i.url.as_str(), &i.summary, i.contribution_type))
            .collect();
        assert_eq!(
            items,
            [
                (
                    "Fish &amp; chips <3",
                    "https://blog.example.org/1",
                    &Summary::Text("Salt & vinegar".into()),
                    ContributionType::Podcast
                ),
                (
                    "Tea & cake",
                    "https://blog.example.org/2",
                    &Summary::Text("Plain <p> stays".into()),
                    ContributionType::BlogPost
                ),
            ]
        );
    }

    #[test]
    fn rss_1_items_are_dated_by_dublin_core() {
        let batch = read(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="https://blog.example.org/"><title>t</title><link>https://blog.example.org/</link><description>d</description></channel>
            <item rdf:about="https://blog.example.org/1"><title>One</title><link>https://blog.example.org/1</link><dc:date>2025-02-28T23:30:00-05:00</dc:date></item>
            </rdf:RDF>"#,
        );
        assert_eq!(batch.items.len(), 1, "{:?}", batch.problems);
        assert_eq!(batch.items[0].occurred_on.to_string(), "2025-03-01");
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

//! JSON Feed 1.0 and 1.1, read by feed-rs: whole when it can, else item by item, so that one
//! item of the wrong shape is reported alone.

use std::cell::RefCell;
use std::rc::Rc;

use feed_rs::model::{Entry, Link};
use feed_rs::parser::Parser;
use url::Url;

use super::FeedKind;
use super::entry::{Fields, Markup, Text, When, is_media};
use crate::{Batch, EntryProblem, Failure, FailureKind, Reason};

/// Reads a JSON Feed's body.
pub(super) fn read(json: &[u8], feed_url: &Url, kind: FeedKind) -> Result<Batch, Failure> {
    let reader = Reader::new(feed_url);
    match reader.parser.parse(json) {
        Ok(feed) => {
            let mut batch = Batch::default();
            for (index, entry) in feed.entries.iter().enumerate() {
                reader.push(&mut batch, entry, index, kind);
            }
            Ok(batch)
        }
        Err(_) => reader.one_by_one(json, kind),
    }
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

impl<'a> Reader<'a> {
    fn new(feed_url: &'a Url) -> Self {
        let unreadable: Rc<RefCell<Vec<String>>> = Rc::default();
        let remember = Rc::clone(&unreadable);
        let parser = feed_rs::parser::Builder::new()
            .base_uri(Some(feed_url.as_str()))
            .sanitize_content(false)
            // An empty id tells a missing one from feed-rs's made-up hash.
            .id_generator(|_, _, _| String::new())
            .timestamp_parser(move |text| match super::parse_timestamp(text) {
                Some(ts) => chrono::DateTime::from_timestamp(ts.as_second(), 0),
                None => {
                    let mut texts = remember.borrow_mut();
                    let index = u32::try_from(texts.len()).ok().filter(|&i| i < 1_000_000_000)?;
                    texts.push(text.to_owned());
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
            return When::unreadable(
                self.unreadable.borrow().get(index).map_or("", String::as_str),
            );
        }
        When::of_second(at.timestamp())
    }

    /// The `index`th item (from 0) into `batch`, as a suggestion or a problem.
    fn push(&self, batch: &mut Batch, entry: &Entry, index: usize, kind: FeedKind) {
        let fields = self.fields(entry);
        match fields.item(kind, self.feed_url) {
            Ok(item) => batch.items.push(item),
            Err(reason) => batch.problems.push(EntryProblem {
                position: index + 1,
                id: fields.problem_id(),
                reason,
            }),
        }
    }

    fn fields<'e>(&self, entry: &'e Entry) -> Fields<'e> {
        let mut fields = Fields::new(&entry.id);
        fields.title = entry.title.as_ref().map(text);
        fields.link = page_link(&entry.links).map(|l| l.href.as_str());
        fields.published = self.when(entry.published);
        fields.updated = self.when(entry.updated);
        fields.summary = entry.summary.as_ref().map(text).or_else(|| {
            let content = entry.content.as_ref()?;
            let markup = if content.content_type.as_str().contains("html") {
                Markup::Html
            } else {
                Markup::Plain
            };
            Some(Text::new(content.body.as_deref()?, markup))
        });
        fields.episode = entry
            .media
            .iter()
            .flat_map(|m| &m.content)
            .any(|c| is_media(c.content_type.as_ref().map(|t| t.as_str())))
            || entry.links.iter().any(|l| is_media(l.media_type.as_deref()));
        fields
    }

    /// Reads each item of a JSON Feed that could not be read whole (a number for an id, a
    /// missing feed title, one item of the wrong shape), alone.
    fn one_by_one(&self, json: &[u8], kind: FeedKind) -> Result<Batch, Failure> {
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
                    self.push(&mut batch, &feed.entries[0], index, kind);
                }
                Ok(_) => batch.problems.push(EntryProblem {
                    position: index + 1,
                    id,
                    reason: Reason::NotAnEntry,
                }),
                Err(error) => batch.problems.push(EntryProblem {
                    position: index + 1,
                    id,
                    reason: Reason::Unreadable(error),
                }),
            }
        }
        Ok(batch)
    }
}

fn text(text: &feed_rs::model::Text) -> Text<'_> {
    let markup =
        if text.content_type.as_str().contains("html") { Markup::Html } else { Markup::Plain };
    Text::new(text.content.trim(), markup)
}

/// The item's page: its alternate link, an HTML one first, never its audio or video.
fn page_link(links: &[Link]) -> Option<&Link> {
    let alternate =
        || links.iter().filter(|l| matches!(l.rel.as_deref(), None | Some("alternate")));
    alternate()
        .find(|l| l.media_type.as_deref().is_none_or(|t| t.contains("html")))
        .or_else(|| alternate().find(|l| !is_media(l.media_type.as_deref())))
}

//! One entry of a feed, whatever its format, as the fields a suggestion is made of; and the rules
//! that make those fields a suggested contribution, or say why they cannot be one. Each format's
//! reader (`from_rss`, `from_atom`, `from_json`) only says where its fields are.

use jiff::civil::Date;
use plaudit_domain::contribution::{TITLE_MAX_CHARS, URL_MAX_CHARS};
use plaudit_domain::{CanonicalUrl, ContributionType, ReachMetric};
use url::Url;

use super::{FeedKind, SUMMARY_MAX_CHARS, date, text};
use crate::item::quotable;
use crate::{Item, Reason, Summary};

/// How a piece of an entry's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    /// Plain text once the XML or JSON is read (`&amp;amp;` in RSS is the text `&amp;`).
    Plain,
    /// HTML, whose entities are unescaped once more (also Atom's `type="xhtml"`, which the
    /// Atom reader hands back as the markup it was, entities and all).
    Html,
}

/// A title, summary or content, and how it is written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Text<'a> {
    pub body: &'a str,
    pub markup: Markup,
}

impl<'a> Text<'a> {
    pub fn new(body: &'a str, markup: Markup) -> Self {
        Self { body, markup }
    }

    /// As plain text of at most `limit` characters.
    fn plain(&self, limit: usize) -> String {
        match self.markup {
            Markup::Plain => text::plain(self.body, limit),
            Markup::Html => text::html(self.body, limit),
        }
    }
}

/// An entry's date, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum When {
    On(Date),
    /// The text that could not be read as a date, to quote in the entry's problem.
    Unreadable(String),
    Missing,
}

impl When {
    /// A date written as text, in any form feeds use.
    pub fn of_text(text: Option<&str>) -> Self {
        match text.map(str::trim) {
            None | Some("") => Self::Missing,
            Some(text) => match date::parse_timestamp(text) {
                Some(ts) => Self::On(date::utc_date(ts)),
                None => Self::unreadable(text),
            },
        }
    }

    /// A date a format's parser has read already, as seconds since the epoch.
    pub fn of_second(second: i64) -> Self {
        match jiff::Timestamp::from_second(second) {
            Ok(ts) => Self::On(date::utc_date(ts)),
            Err(_) => Self::Unreadable(second.to_string()),
        }
    }

    pub fn unreadable(text: &str) -> Self {
        Self::Unreadable(quotable(text))
    }
}

/// One entry's fields, borrowed from what its format's parser read.
#[derive(Debug)]
pub(super) struct Fields<'a> {
    pub title: Option<Text<'a>>,
    /// Its page, as written (relative addresses are resolved against the feed's base).
    pub link: Option<&'a str>,
    /// Its guid or id; empty when it has none.
    pub id: &'a str,
    pub published: When,
    pub updated: When,
    pub summary: Option<Text<'a>>,
    /// Whether it carries audio or video (an enclosure, a Media RSS content, an attachment): a
    /// blog's entry is then a podcast episode.
    pub episode: bool,
    /// A YouTube video's description (Media RSS), which is its summary.
    pub video_description: Option<&'a str>,
    /// A YouTube video's view count.
    pub views: Option<i64>,
}

impl<'a> Fields<'a> {
    pub fn new(id: &'a str) -> Self {
        Self {
            title: None,
            link: None,
            id: id.trim(),
            published: When::Missing,
            updated: When::Missing,
            summary: None,
            episode: false,
            video_description: None,
            views: None,
        }
    }

    /// The id its problem report names: its own, else its link.
    pub fn problem_id(&self) -> Option<String> {
        Some(self.id)
            .filter(|id| !id.is_empty())
            .or_else(|| self.link.map(str::trim).filter(|link| !link.is_empty()))
            .map(str::to_owned)
    }

    /// The entry as a suggested contribution, or why it cannot be one. `base` resolves relative
    /// links: the feed's address, or the `xml:base` it names.
    pub fn item(&self, kind: FeedKind, base: &Url) -> Result<Item, Reason> {
        let title = self.title.map(|t| t.plain(TITLE_MAX_CHARS)).unwrap_or_default();
        if title.is_empty() {
            return Err(Reason::NoTitle);
        }

        // An entry without a link is still found by an id that is an address (an RSS guid is a
        // permalink unless it says otherwise).
        let href = self
            .link
            .map(str::trim)
            .filter(|link| !link.is_empty())
            .or_else(|| {
                (self.id.starts_with("https://") || self.id.starts_with("http://"))
                    .then_some(self.id)
            })
            .ok_or(Reason::NoLink)?;
        let url = base
            .join(href)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(String::from)
            .ok_or_else(|| Reason::LinkNotWeb(href.to_owned()))?;
        if url.len() > URL_MAX_CHARS && url.chars().count() > URL_MAX_CHARS {
            return Err(Reason::LinkTooLong);
        }
        let canonical_url = CanonicalUrl::parse(&url).map_err(|e| {
            tracing::debug!(%url, error = %e, "an entry's link is not one Plaudit can keep");
            Reason::LinkNotWeb(url.clone())
        })?;

        let occurred_on = match (&self.published, &self.updated) {
            (When::On(day), _) | (_, When::On(day)) => *day,
            (When::Unreadable(text), _) | (_, When::Unreadable(text)) => {
                return Err(Reason::date_unreadable(text));
            }
            (When::Missing, When::Missing) => return Err(Reason::NoDate),
        };

        let (contribution_type, summary, reach) = match kind {
            FeedKind::YouTube => (
                ContributionType::Video,
                self.video_description
                    .map(|d| text::plain(d, SUMMARY_MAX_CHARS))
                    .unwrap_or_default(),
                self.views.map(|views| (ReachMetric::Views, views)),
            ),
            FeedKind::Blog => (
                if self.episode { ContributionType::Podcast } else { ContributionType::BlogPost },
                self.summary.map(|s| s.plain(SUMMARY_MAX_CHARS)).unwrap_or_default(),
                None,
            ),
        };

        let external_id =
            if self.id.is_empty() { canonical_url.as_str().to_owned() } else { self.id.to_owned() };
        Ok(Item {
            external_id,
            url,
            canonical_url,
            title,
            summary: Summary::Text(summary),
            contribution_type,
            occurred_on,
            reach,
        })
    }
}

/// Whether a media type is audio or video.
pub(super) fn is_media(media_type: Option<&str>) -> bool {
    media_type.is_some_and(|t| {
        let t = t.trim_start().as_bytes();
        let starts = |prefix: &[u8]| {
            t.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        };
        starts(b"audio/") || starts(b"video/")
    })
}

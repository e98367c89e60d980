//! YouTube: where a channel's feed is, and the channel id in it (the feed's own `yt:` element,
//! outside any entry).

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use url::Url;

use crate::{Endpoints, Failure, FailureKind};

const YT: &[u8] = b"http://www.youtube.com/xml/schemas/2015";
const ATOM: &[u8] = b"http://www.w3.org/2005/Atom";

/// Where a YouTube locator is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YouTubeSource {
    /// The channel's feed of videos.
    Feed(String),
    /// A channel page (`/@handle`, `/c/name`, `/user/name`), whose RSS link names the feed.
    ChannelPage(String),
}

/// Whether `s` is a channel id: `UC` and 22 more characters of YouTube's base 64.
pub(super) fn is_channel_id(s: &str) -> bool {
    s.len() == 24
        && s.starts_with("UC")
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

/// Reads a YouTube locator: a channel id, a handle (`@name`), or an address on youtube.com,
/// www.youtube.com or m.youtube.com (or on `endpoints.youtube` itself) of a feed, a
/// `/channel/UC…` page or a handle's page. Every address is mapped onto `endpoints.youtube`.
pub fn youtube_source(endpoints: &Endpoints, locator: &str) -> Result<YouTubeSource, Failure> {
    let base = endpoints.youtube.trim_end_matches('/');
    let invalid =
        |why: &str| Failure::new(FailureKind::InvalidLocator, format!("{locator:?}: {why}"));
    let s = locator.trim();
    if is_channel_id(s) {
        return Ok(YouTubeSource::Feed(format!("{base}/feeds/videos.xml?channel_id={s}")));
    }
    if let Some(handle) = s.strip_prefix('@') {
        return if is_handle(handle) {
            Ok(YouTubeSource::ChannelPage(format!("{base}/@{handle}")))
        } else {
            Err(invalid("not a YouTube handle"))
        };
    }
    let with_scheme = if s.contains("://") { s.to_owned() } else { format!("https://{s}") };
    let url =
        Url::parse(&with_scheme).map_err(|_| invalid("not a channel id, handle or address"))?;
    if !is_youtube_host(&url, base) {
        return Err(invalid("not an address on youtube.com"));
    }
    let mut segments = url.path_segments().into_iter().flatten().filter(|s| !s.is_empty());
    match (segments.next(), segments.next()) {
        (Some("feeds"), Some("videos.xml")) => match url.query() {
            Some(query) if !query.is_empty() => {
                Ok(YouTubeSource::Feed(format!("{base}/feeds/videos.xml?{query}")))
            }
            _ => Err(invalid("a feed address without its channel")),
        },
        (Some("channel"), Some(id)) if is_channel_id(id) => {
            Ok(YouTubeSource::Feed(format!("{base}/feeds/videos.xml?channel_id={id}")))
        }
        (Some(first), _) if first.starts_with('@') && is_handle(&first[1..]) => {
            Ok(YouTubeSource::ChannelPage(format!("{base}/{first}")))
        }
        (Some(kind @ ("c" | "user")), Some(name)) if is_handle(name) => {
            Ok(YouTubeSource::ChannelPage(format!("{base}/{kind}/{name}")))
        }
        _ => Err(invalid("not a YouTube channel's address")),
    }
}

/// A channel's feed address: from a channel id, a `/channel/UC…` address or the feed's own
/// address, on `endpoints.youtube`. A handle has no address of its feed until its page is read:
/// [`youtube_source`] and [`super::read`] take handles.
pub fn youtube_feed_url(endpoints: &Endpoints, locator: &str) -> Result<String, Failure> {
    match youtube_source(endpoints, locator)? {
        YouTubeSource::Feed(url) => Ok(url),
        YouTubeSource::ChannelPage(page) => Err(Failure::new(
            FailureKind::InvalidLocator,
            format!("{locator:?} is a channel page ({page}); its feed is named on the page"),
        )),
    }
}

/// A handle, or a name under `/c/` or `/user/`: letters, digits, `_`, `-`, `.`, and `%` for
/// the percent-escaped letters of an address.
fn is_handle(s: &str) -> bool {
    (1..=100).contains(&s.len())
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '%'))
}

fn is_youtube_host(url: &Url, base: &str) -> bool {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if matches!(host.as_str(), "youtube.com" | "www.youtube.com" | "m.youtube.com") {
        return true;
    }
    Url::parse(base).is_ok_and(|b| {
        b.host_str() == url.host_str() && b.port_or_known_default() == url.port_or_known_default()
    })
}

/// The channel id of a channel's feed. The first entry's `yt:channelId` carries the `UC`
/// prefix; the feed's own lost it in late 2023, as did its `<id>yt:channel:…</id>`, so those
/// get it back.
pub(super) fn channel_id(xml: &[u8]) -> Option<String> {
    let mut reader = NsReader::from_reader(xml);
    let mut depth = 0_usize;
    let mut in_entry = false;
    let mut feed_level: Option<String> = None;
    // What the text being read is: 1 for yt:channelId, 2 for the feed's atom:id.
    let mut reading: Option<(u8, usize)> = None;
    while let Ok((resolved, event)) = reader.read_resolved_event() {
        let namespace = matches_ns(&resolved);
        match event {
            Event::Start(start) => {
                depth += 1;
                let local = start.local_name();
                match (namespace, local.as_ref(), depth) {
                    (Some(Ns::Atom), b"entry", 2) => in_entry = true,
                    (Some(Ns::Yt), b"channelId", _) => reading = Some((1, depth)),
                    (Some(Ns::Atom), b"id", 2) => reading = Some((2, depth)),
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some((what, at)) = reading
                    && at == depth
                {
                    let value = text.decode().ok()?.trim().to_owned();
                    match what {
                        1 if in_entry => return Some(with_uc(value)),
                        1 => feed_level = Some(with_uc(value)),
                        _ => {
                            if feed_level.is_none()
                                && let Some(id) = value.strip_prefix("yt:channel:")
                            {
                                feed_level = Some(with_uc(id.to_owned()));
                            }
                        }
                    }
                }
            }
            Event::End(_) => {
                reading = None;
                if in_entry && depth == 2 {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    feed_level.filter(|id| !id.is_empty())
}

enum Ns {
    Yt,
    Atom,
}

fn matches_ns(resolved: &ResolveResult<'_>) -> Option<Ns> {
    match resolved {
        ResolveResult::Bound(Namespace(YT)) => Some(Ns::Yt),
        ResolveResult::Bound(Namespace(ATOM)) => Some(Ns::Atom),
        _ => None,
    }
}

fn with_uc(id: String) -> String {
    if id.len() == 22 && !id.starts_with("UC") { format!("UC{id}") } else { id }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn endpoints() -> Endpoints {
        Endpoints { youtube: "http://127.0.0.1:4000".into(), ..Endpoints::default() }
    }

    #[test]
    fn every_way_to_name_a_channel() {
        let feed = "http://127.0.0.1:4000/feeds/videos.xml?channel_id=UCaBcDeFgHiJkLmNoPqRsT_1";
        for locator in [
            "UCaBcDeFgHiJkLmNoPqRsT_1",
            " https://www.youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsT_1 ",
            "youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsT_1/videos",
            "https://m.youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsT_1",
            "https://www.youtube.com/feeds/videos.xml?channel_id=UCaBcDeFgHiJkLmNoPqRsT_1",
            feed,
        ] {
            assert_eq!(youtube_feed_url(&endpoints(), locator).unwrap(), feed, "{locator}");
        }
        for (locator, page) in [
            ("@ada.codes", "http://127.0.0.1:4000/@ada.codes"),
            ("https://www.youtube.com/@ada.codes/videos", "http://127.0.0.1:4000/@ada.codes"),
            ("https://youtube.com/c/AdaCodes", "http://127.0.0.1:4000/c/AdaCodes"),
        ] {
            assert_eq!(
                youtube_source(&endpoints(), locator).unwrap(),
                YouTubeSource::ChannelPage(page.into())
            );
            assert_eq!(
                youtube_feed_url(&endpoints(), locator).unwrap_err().kind,
                FailureKind::InvalidLocator
            );
        }
    }

    #[test]
    fn other_addresses_are_not_channels() {
        for locator in [
            "https://vimeo.com/channel/UCaBcDeFgHiJkLmNoPqRsT_1",
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com/feeds/videos.xml",
            "UCshort",
            "@",
            "",
        ] {
            assert_eq!(
                youtube_source(&endpoints(), locator).unwrap_err().kind,
                FailureKind::InvalidLocator,
                "{locator:?}"
            );
        }
    }

    #[test]
    fn the_channel_id_keeps_or_regains_its_prefix() {
        let entry = br#"<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
            <id>yt:channel:aBcDeFgHiJkLmNoPqRsT_1</id><yt:channelId>aBcDeFgHiJkLmNoPqRsT_1</yt:channelId>
            <entry><id>yt:video:x</id><yt:channelId>UCaBcDeFgHiJkLmNoPqRsT_1</yt:channelId></entry></feed>"#;
        assert_eq!(channel_id(entry).unwrap(), "UCaBcDeFgHiJkLmNoPqRsT_1");
        let feed_only = br#"<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
            <id>yt:channel:aBcDeFgHiJkLmNoPqRsT_1</id></feed>"#;
        assert_eq!(channel_id(feed_only).unwrap(), "UCaBcDeFgHiJkLmNoPqRsT_1");
        assert_eq!(channel_id(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"), None);
    }
}

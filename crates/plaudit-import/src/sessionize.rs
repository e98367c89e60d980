//! A speaker's talks at events, from Sessionize.
//!
//! Sessionize's machine-readable form of a speaker profile is its Speaker API: JSON at
//! `https://sessionize.com/api/speaker/json/{id}`, public and without a key, that a speaker
//! switches on in their account (the `{id}` is the endpoint's, not the username). It holds
//! `speaker` (with `speakerProfileUrl`, `https://sessionize.com/{username}`), `sessions` (the
//! talks the speaker offers, each with its public page) and `events` (where they spoke or will,
//! each with `eventStartDate`, `eventEndDate`, `location` and `website`). The event API
//! (`/api/v2/{id}/view/…`) is an organiser's, one per event; the profile page
//! (`https://sessionize.com/{username}`) is HTML meant for people, with dates to the month.
//!
//! Sessionize does not say which session was given at which event, so each event the speaker
//! spoke at becomes one [`ContributionType::SpeakingConference`] named after the event, dated
//! by its first day, linking to its website. Events still ahead are left out until they have
//! happened (and no validators are kept then, so the next read looks again). Two events with
//! one website (a conference's editions) would be one address: the older keeps it, the newer
//! link to the speaker's profile with `?event={id}`.
//!
//! The identity recorded is the username, from `speakerProfileUrl`.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use plaudit_domain::{CanonicalUrl, ContributionType};
use serde_json::Value;
use url::Url;

use crate::fetch::{Fetched, Fetcher, parse_http_url};
use crate::{
    Batch, Endpoints, EntryProblem, Failure, FailureKind, Identity, IdentityKind, Item, Outcome,
    Reason, Summary, Validators,
};

/// The path of a speaker's JSON, before its id.
const SPEAKER_JSON: &str = "/api/speaker/json/";

/// Reads the speaker whose Speaker API `locator` names: its address
/// (`https://sessionize.com/api/speaker/json/{id}`) or its bare id.
pub async fn read(
    fetcher: &Fetcher,
    endpoints: &Endpoints,
    locator: &str,
    validators: &Validators,
) -> Result<Outcome, Failure> {
    read_on(fetcher, endpoints, locator, validators, today()).await
}

fn today() -> Date {
    Timestamp::now().to_zoned_datetime(TimeZone::UTC).date()
}

/// [`read`] as if it were `today` (events after it are still ahead).
pub async fn read_on(
    fetcher: &Fetcher,
    endpoints: &Endpoints,
    locator: &str,
    validators: &Validators,
    today: Date,
) -> Result<Outcome, Failure> {
    let id = parse_locator(locator, endpoints)?;
    let url = format!("{}{SPEAKER_JSON}{id}", endpoints.sessionize.trim_end_matches('/'));
    let response = match fetcher.get(&url, "application/json", validators).await? {
        Fetched::NotModified => return Ok(Outcome::NotModified),
        Fetched::Body(response) => response,
    };
    let document: Value = serde_json::from_slice(&response.body).map_err(|e| {
        Failure::new(FailureKind::Malformed, format!("{url}: not the Speaker API's JSON: {e}"))
    })?;
    let (Some(events), Some(speaker)) =
        (document.get("events").and_then(Value::as_array), document.get("speaker"))
    else {
        return Err(Failure::new(
            FailureKind::Malformed,
            format!("{url}: no `speaker` and `events` in the answer"),
        ));
    };
    let profile = speaker
        .get("speakerProfileUrl")
        .and_then(Value::as_str)
        .and_then(|profile| parse_http_url(profile).ok());
    let username = profile.as_ref().and_then(username_of);

    let mut batch = Batch::default();
    let mut read: Vec<(usize, Event)> = Vec::new();
    for (index, value) in events.iter().enumerate() {
        let position = index + 1;
        match Event::read(value) {
            Ok(event) => read.push((position, event)),
            Err(reason) => batch.problems.push(EntryProblem {
                position,
                id: value.get("id").map(|id| format!("event {id}")),
                reason,
            }),
        }
    }
    // Oldest first, so an edition keeps its website however many follow it.
    read.sort_by_key(|(_, a)| (a.start, a.id));
    let mut ahead = false;
    let mut taken: Vec<CanonicalUrl> = Vec::new();
    let mut items = Vec::new();
    for (position, event) in read {
        if event.start > today {
            ahead = true;
            continue;
        }
        match event_item(&event, profile.as_ref(), &url, &mut taken) {
            Ok(item) => items.push(item),
            Err(reason) => batch.problems.push(EntryProblem {
                position,
                id: Some(format!("event {}", event.id)),
                reason,
            }),
        }
    }
    // As Sessionize lists them: newest first.
    items.reverse();
    batch.items = items;
    batch.problems.sort_by_key(|problem| problem.position);
    if let Some(username) = username {
        batch.identities.push(Identity { kind: IdentityKind::Sessionize, value: username });
    }
    if !ahead {
        batch.validators = response.validators;
    }
    Ok(Outcome::Read(batch))
}

/// The Speaker API id in `locator`: a bare id, or the endpoint's address on Sessionize (or on
/// the configured site, for tests).
pub fn parse_locator(locator: &str, endpoints: &Endpoints) -> Result<String, Failure> {
    let text = locator.trim();
    let invalid =
        |why: &str| Failure::new(FailureKind::InvalidLocator, format!("{locator:?}: {why}"));
    let id = if text.contains('/') {
        let with_scheme =
            if text.contains("://") { text.to_owned() } else { format!("https://{text}") };
        let url = Url::parse(&with_scheme).map_err(|e| invalid(&e.to_string()))?;
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let configured = Url::parse(&endpoints.sessionize).ok();
        let ours = matches!(host.as_str(), "sessionize.com" | "www.sessionize.com")
            || configured.is_some_and(|c| c.host_str() == url.host_str() && c.port() == url.port());
        if !ours {
            return Err(invalid("not a Sessionize address"));
        }
        match url.path().strip_prefix(SPEAKER_JSON) {
            Some(id) => id.trim_end_matches('/').to_owned(),
            None => {
                return Err(invalid(
                    "not a Speaker API address: a speaker's profile has a machine-readable form \
                     only once they turn on Sessionize's Speaker API, which gives \
                     https://sessionize.com/api/speaker/json/{id}",
                ));
            }
        }
    } else {
        text.to_owned()
    };
    let ok = (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok { Ok(id) } else { Err(invalid("not a Speaker API id")) }
}

/// `https://sessionize.com/{username}` → `username`.
fn username_of(profile: &Url) -> Option<String> {
    let mut segments = profile.path_segments()?.filter(|s| !s.is_empty());
    let username = segments.next()?;
    (segments.next().is_none()).then(|| username.to_owned())
}

/// One event as the Speaker API lists it.
struct Event {
    id: u64,
    name: String,
    start: Date,
    end: Option<Date>,
    location: Option<String>,
    website: Option<String>,
}

impl Event {
    fn read(value: &Value) -> Result<Event, Reason> {
        let id = value
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| Reason::FieldMissing("id".into()))?;
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .ok_or(Reason::NoTitle)?;
        let date = |field: &str| -> Result<Option<Date>, Reason> {
            match value.get(field).and_then(Value::as_str) {
                None => Ok(None),
                Some(text) => {
                    calendar_date(text).map(Some).ok_or_else(|| Reason::date_unreadable(text))
                }
            }
        };
        let start = date("eventStartDate")?.ok_or(Reason::NoDate)?;
        let text = |field: &str| {
            value
                .get(field)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        Ok(Event {
            id,
            name: name.to_owned(),
            start,
            end: date("eventEndDate")?,
            location: text("location"),
            website: text("website"),
        })
    }
}

/// The calendar day of `2023-06-21T00:00:00Z` or `2023-04-26T00:00:00`: the event's own day,
/// whatever the offset says (Sessionize writes midnight, with or without `Z`).
fn calendar_date(text: &str) -> Option<Date> {
    text.get(..10)?.parse().ok()
}

fn event_item(
    event: &Event,
    profile: Option<&Url>,
    json_url: &str,
    taken: &mut Vec<CanonicalUrl>,
) -> Result<Item, Reason> {
    let website = event
        .website
        .as_deref()
        .and_then(|site| parse_http_url(site).ok())
        .and_then(|site| CanonicalUrl::parse(site.as_str()).ok().map(|c| (site.to_string(), c)))
        .filter(|(_, canonical)| !taken.contains(canonical));
    let (url, canonical_url) = match website {
        Some(found) => found,
        None => {
            // The speaker's profile (or, without one, their JSON), told apart by the event.
            let mut page =
                profile.cloned().or_else(|| Url::parse(json_url).ok()).ok_or(Reason::NoLink)?;
            page.query_pairs_mut().append_pair("event", &event.id.to_string());
            let canonical = CanonicalUrl::parse(page.as_str())
                .map_err(|_| Reason::LinkNotWeb(page.to_string()))?;
            (page.to_string(), canonical)
        }
    };
    taken.push(canonical_url.clone());
    let summary = Summary::Talk {
        event: event.name.clone(),
        location: event.location.clone(),
        start: event.start,
        end: event.end.filter(|end| *end > event.start),
    };
    Ok(Item {
        external_id: format!("sessionize-event-{}", event.id),
        url,
        canonical_url,
        title: event.name.clone(),
        summary,
        contribution_type: ContributionType::SpeakingConference,
        occurred_on: event.start,
        reach: None,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn locators_name_a_speaker_api_endpoint() {
        let endpoints = Endpoints::default();
        for locator in [
            "k3x9qv2m7p",
            " https://sessionize.com/api/speaker/json/k3x9qv2m7p ",
            "sessionize.com/api/speaker/json/k3x9qv2m7p/",
            "https://www.sessionize.com/api/speaker/json/k3x9qv2m7p",
        ] {
            assert_eq!(parse_locator(locator, &endpoints).unwrap(), "k3x9qv2m7p", "{locator}");
        }
        for bad in [
            "",
            "https://sessionize.com/lena-marsh",
            "https://example.com/api/speaker/json/k3x9qv2m7p",
            "https://sessionize.com/api/speaker/json/../x",
            "lena marsh",
        ] {
            let error = parse_locator(bad, &endpoints).unwrap_err();
            assert_eq!(error.kind, FailureKind::InvalidLocator, "{bad:?}");
        }
        let profile = parse_locator("https://sessionize.com/lena-marsh", &endpoints).unwrap_err();
        assert!(profile.detail.contains("Speaker API"), "{}", profile.detail);
    }

    #[test]
    fn dates_are_the_events_own_days() {
        assert_eq!(calendar_date("2023-06-21T00:00:00Z"), Some(jiff::civil::date(2023, 6, 21)));
        assert_eq!(calendar_date("2023-04-26T00:00:00"), Some(jiff::civil::date(2023, 4, 26)));
        assert_eq!(calendar_date("soon"), None);
    }
}

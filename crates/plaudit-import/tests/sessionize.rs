#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The Sessionize reader against a local Sessionize on loopback serving speakers' Speaker API
//! JSON in its recorded shape: each past event a talk, editions sharing a website told apart,
//! events still ahead left for later, a broken event reported alone, failures as the import's.

use std::collections::BTreeSet;

use jiff::civil::{Date, date};
use plaudit_domain::ContributionType;
use plaudit_import::fake::sessionize::{FakeSessionize, Scripted};
use plaudit_import::fetch::{Fetcher, FetcherConfig};
use plaudit_import::{
    Batch, Endpoints, FailureKind, Identity, IdentityKind, Item, Outcome, Reason, Summary,
    Validators, sessionize,
};

const LENA: &str = "https://sessionize.com/api/speaker/json/k3x9qv2m7p";
const TOMAS: &str = "p7w2n5j8da";

fn today() -> Date {
    date(2025, 6, 1)
}

async fn fake() -> (FakeSessionize, Fetcher, Endpoints) {
    let site = FakeSessionize::start().await.unwrap();
    let fetcher = Fetcher::new(FetcherConfig {
        allow_private_addresses: true,
        ..FetcherConfig::new("Plaudit/test (+https://plaudit.example)")
    })
    .unwrap();
    let endpoints = Endpoints { sessionize: site.url().to_owned(), ..Endpoints::default() };
    (site, fetcher, endpoints)
}

fn batch(outcome: Outcome) -> Batch {
    match outcome {
        Outcome::Read(batch) => batch,
        Outcome::NotModified => panic!("expected a batch, got NotModified"),
    }
}

fn item<'a>(batch: &'a Batch, title: &str) -> &'a Item {
    batch.items.iter().find(|item| item.title == title).unwrap_or_else(|| panic!("no {title:?}"))
}

#[tokio::test]
async fn each_past_event_is_a_talk_at_a_conference() {
    let (site, fetcher, endpoints) = fake().await;
    let outcome =
        sessionize::read_on(&fetcher, &endpoints, LENA, &Validators::default(), today()).await;
    let batch = batch(outcome.unwrap());
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(
        batch.identities,
        [Identity { kind: IdentityKind::Sessionize, value: "lena-marsh".into() }]
    );
    let titles: Vec<&str> = batch.items.iter().map(|item| item.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nordic Query Conf 2024", "PG Unconference Berlin", "Nordic Query Conf 2023",
            "Storage & Streams Online", "DevFest Coimbra 2022",
        ],
        "newest first; Data Days Lisbon 2099 has not happened yet"
    );
    assert!(
        batch
            .items
            .iter()
            .all(|item| item.contribution_type == ContributionType::SpeakingConference
                && item.reach.is_none())
    );

    let nordic_2023 = item(&batch, "Nordic Query Conf 2023");
    assert_eq!(nordic_2023.url, "https://nordicquery.example/");
    assert_eq!(nordic_2023.external_id, "sessionize-event-15420");
    assert_eq!(nordic_2023.occurred_on, date(2023, 10, 12));
    assert_eq!(
        nordic_2023.summary,
        Summary::Talk {
            event: "Nordic Query Conf 2023".into(),
            location: Some("Oslo, Norway".into()),
            start: date(2023, 10, 12),
            end: Some(date(2023, 10, 13)),
        }
    );
    // The next edition shares the website: it links to the speaker's profile instead.
    let nordic_2024 = item(&batch, "Nordic Query Conf 2024");
    assert_eq!(nordic_2024.url, "https://sessionize.com/lena-marsh?event=18342");
    assert_eq!(nordic_2024.canonical_url.as_str(), "https://sessionize.com/lena-marsh?event=18342");
    assert_eq!(nordic_2024.occurred_on, date(2024, 9, 26), "a date without Z is the same day");
    let berlin = item(&batch, "PG Unconference Berlin");
    assert_eq!(berlin.url, "https://sessionize.com/lena-marsh?event=1008733", "no website");
    assert_eq!(
        berlin.summary,
        Summary::Talk {
            event: "PG Unconference Berlin".into(),
            location: Some("Berlin, Germany".into()),
            start: date(2024, 3, 8),
            end: None,
        },
        "a one-day event has no last day"
    );
    let online = item(&batch, "Storage & Streams Online");
    assert_eq!(online.url, "https://storage-streams.example/online?utm_source=sessionize");
    assert_eq!(online.canonical_url.as_str(), "https://storage-streams.example/online");
    assert!(
        matches!(&online.summary, Summary::Talk { location: None, .. }),
        "online: {:?}",
        online.summary
    );
    let canonical: BTreeSet<&str> =
        batch.items.iter().map(|item| item.canonical_url.as_str()).collect();
    assert_eq!(canonical.len(), batch.items.len(), "every item has its own address");

    // An event ahead was left out: no validators, so the next read looks again.
    assert_eq!(batch.validators, Validators::default());
    let requests = site.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/api/speaker/json/k3x9qv2m7p");
    assert_eq!(requests[0].accept.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn once_the_day_has_come_the_event_ahead_is_read_too() {
    let (_site, fetcher, endpoints) = fake().await;
    let later = date(2099, 5, 14);
    let batch = batch(
        sessionize::read_on(&fetcher, &endpoints, LENA, &Validators::default(), later)
            .await
            .unwrap(),
    );
    let lisbon = item(&batch, "Data Days Lisbon 2099");
    assert_eq!(lisbon.occurred_on, later);
    assert_eq!(lisbon.url, "https://datadays.example/2099");
}

#[tokio::test]
async fn a_second_read_sends_the_etag_and_a_304_is_not_modified() {
    let (site, fetcher, endpoints) = fake().await;
    site.set_etags(true);
    let first = batch(
        sessionize::read_on(&fetcher, &endpoints, TOMAS, &Validators::default(), today())
            .await
            .unwrap(),
    );
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.identities[0].value, "TomasFerreira");
    let etag = first.validators.etag.clone().expect("an ETag to send back");

    let second =
        sessionize::read_on(&fetcher, &endpoints, TOMAS, &first.validators, today()).await.unwrap();
    assert_eq!(second, Outcome::NotModified);
    let requests = site.requests();
    assert_eq!(requests[1].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(requests[1].status, 304);

    // Read again in full, the same events are the same items: nothing new to suggest.
    let third = batch(
        sessionize::read_on(&fetcher, &endpoints, TOMAS, &Validators::default(), today())
            .await
            .unwrap(),
    );
    assert_eq!(third.items, first.items);
    let a11y = item(&third, "A11y Night & Day");
    assert_eq!(a11y.occurred_on, date(2024, 12, 5));
    assert_eq!(a11y.url, "https://a11y-night.example/");
}

#[tokio::test]
async fn one_broken_event_is_reported_alone() {
    let (site, fetcher, endpoints) = fake().await;
    site.break_event(15420);
    let batch = batch(
        sessionize::read_on(&fetcher, &endpoints, LENA, &Validators::default(), today())
            .await
            .unwrap(),
    );
    assert_eq!(batch.items.len(), 4);
    assert_eq!(batch.problems.len(), 1);
    let problem = &batch.problems[0];
    assert_eq!(problem.position, 4, "fourth in the profile's list");
    assert_eq!(problem.id.as_deref(), Some("event 15420"));
    assert_eq!(problem.reason, Reason::DateUnreadable("TBA".into()));
    // With the 2023 edition unreadable, the 2024 one keeps the shared website.
    assert_eq!(item(&batch, "Nordic Query Conf 2024").url, "https://nordicquery.example/");
}

#[tokio::test]
async fn failures_are_the_imports_kinds() {
    let (site, fetcher, endpoints) = fake().await;
    let read = |locator: &'static str| {
        let (fetcher, endpoints) = (fetcher.clone(), endpoints.clone());
        async move {
            sessionize::read_on(&fetcher, &endpoints, locator, &Validators::default(), today())
                .await
        }
    };
    assert_eq!(read("nosuchspeaker").await.unwrap_err().kind, FailureKind::NotFound);

    site.script(Scripted::ServerError);
    assert_eq!(read(TOMAS).await.unwrap_err().kind, FailureKind::ServerError);

    site.script(Scripted::TooManyRequests { retry_after: 120 });
    let error = read(TOMAS).await.unwrap_err();
    assert_eq!((error.kind, error.retry_after), (FailureKind::RateLimited, Some(120)));

    site.clear_requests();
    let error = read("https://sessionize.com/lena-marsh").await.unwrap_err();
    assert_eq!(error.kind, FailureKind::InvalidLocator);
    assert!(error.detail.contains("/api/speaker/json/"), "{}", error.detail);
    assert_eq!(read("https://example.com/x").await.unwrap_err().kind, FailureKind::InvalidLocator);
    assert!(site.requests().is_empty(), "nothing is sent for a locator that is not one");
}

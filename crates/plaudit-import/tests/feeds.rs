#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Blogs and YouTube read from a real HTTP server on loopback that answers with the shapes real
//! publishers emit.

use std::time::Duration;

use jiff::civil::{Date, date};
use plaudit_domain::{ContributionType, ReachMetric};
use plaudit_import::fake::feeds::{CHANNEL_ID, FeedServer, LAST_MODIFIED, atom, paths, rss};
use plaudit_import::feed::{self, FeedKind};
use plaudit_import::fetch::{Fetcher, FetcherConfig};
use plaudit_import::{
    Batch, Endpoints, EntryProblem, FailureKind, Identity, IdentityKind, Item, Outcome, Reason,
    ReasonKind, Summary, Validators,
};
use url::Url;

const USER_AGENT: &str = "Plaudit/0.1 (+https://awards.example)";

fn fetcher() -> Fetcher {
    Fetcher::new(FetcherConfig { allow_private_addresses: true, ..FetcherConfig::new(USER_AGENT) })
        .unwrap()
}

fn endpoints(server: &FeedServer) -> Endpoints {
    Endpoints { youtube: server.base_url().to_owned(), ..Endpoints::default() }
}

async fn read(server: &FeedServer, kind: FeedKind, locator: &str) -> Batch {
    let outcome =
        feed::read(&fetcher(), &endpoints(server), kind, locator, &Validators::default()).await;
    match outcome {
        Ok(Outcome::Read(batch)) => batch,
        other => panic!("{locator}: {other:?}"),
    }
}

async fn blog(server: &FeedServer, path: &str) -> Batch {
    read(server, FeedKind::Blog, &server.url(path)).await
}

async fn failure(server: &FeedServer, config: FetcherConfig, path: &str) -> FailureKind {
    let fetcher = Fetcher::new(config).unwrap();
    let outcome = feed::read(
        &fetcher,
        &endpoints(server),
        FeedKind::Blog,
        &server.url(path),
        &Validators::default(),
    )
    .await;
    match outcome {
        Err(failure) => failure.kind,
        other => panic!("{path} should fail: {other:?}"),
    }
}

/// Title, address, day and type of each item: what a person sees in the suggestions.
fn seen(batch: &Batch) -> Vec<(&str, &str, Date, ContributionType)> {
    batch
        .items
        .iter()
        .map(|i| (i.title.as_str(), i.url.as_str(), i.occurred_on, i.contribution_type))
        .collect()
}

use ContributionType::{BlogPost, Podcast, Video};

/// A feed entry's summary: always the feed's own words.
fn summary_of(item: &Item) -> &str {
    match &item.summary {
        Summary::Text(text) => text,
        other => panic!("not the feed's own words: {other:?}"),
    }
}

#[tokio::test]
async fn wordpress_rss_2() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::WORDPRESS).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Why our migrations run twice (and why that’s fine)",
                "https://fieldnotes.example.com/2025/03/why-our-migrations-run-twice/",
                date(2025, 3, 10),
                BlogPost
            ),
            // The author typed "&amp;" literally; the feed escapes it once more. Unescaped once.
            (
                "Writing &amp; in HTML, and other escapes people get wrong",
                "https://fieldnotes.example.com/2025/02/writing-amp-in-html/",
                date(2025, 2, 21),
                BlogPost
            ),
            // An audio enclosure makes it an episode.
            (
                "Ship it & measure: a talk for RustNation, recorded",
                "https://fieldnotes.example.com/2025/02/ship-it-and-measure/",
                date(2025, 2, 1),
                Podcast
            ),
        ]
    );
    let first = &batch.items[0];
    assert_eq!(first.external_id, "https://fieldnotes.example.com/?p=1187");
    assert_eq!(
        first.canonical_url.as_str(),
        "https://fieldnotes.example.com/2025/03/why-our-migrations-run-twice"
    );
    assert!(summary_of(first).starts_with(
        "Every deploy runs our migrations twice: once in CI against a throwaway database, once for real."
    ));
    assert!(summary_of(first).chars().count() <= feed::SUMMARY_MAX_CHARS);
    assert_eq!(first.reach, None);
    assert!(batch.problems.is_empty() && batch.identities.is_empty());
    assert_eq!(batch.resolved_locator, None);
}

#[tokio::test]
async fn blogger_atom() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::BLOGGER).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Flaky tests are a queue, not a mystery",
                "https://tidytests.blogspot.com/2025/02/flaky-tests-are-queue.html",
                date(2025, 2, 27),
                BlogPost
            ),
            // 20:15 at -08:00 on 31 January is 1 February in UTC.
            (
                "Fixtures & factories: pick one per layer",
                "https://tidytests.blogspot.com/2025/01/fixtures-and-factories.html",
                date(2025, 2, 1),
                BlogPost
            ),
            (
                "A year of green builds",
                "https://tidytests.blogspot.com/2025/01/a-year-of-green-builds.html",
                date(2025, 1, 6),
                BlogPost
            ),
        ]
    );
    assert_eq!(
        batch.items[0].external_id,
        "tag:blogger.com,1999:blog-4817263548102934561.post-1029384756473829101"
    );
    // No summary: the full HTML content, as text.
    assert_eq!(
        summary_of(&batch.items[0]),
        "We kept a spreadsheet of every test that failed and then passed on retry. After six weeks \
         the pattern was obvious: eleven tests caused 80% of the noise. So we treated them like a queue."
    );
}

#[tokio::test]
async fn medium_rss() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::MEDIUM).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "What I learned moving 40 services to OpenTelemetry",
                "https://medium.com/@jonasberg/what-i-learned-moving-40-services-to-opentelemetry-6c1d2e3f4a5b?source=rss-3f2a1b9c8d7e------2",
                date(2025, 3, 8),
                BlogPost
            ),
            (
                "Rust & Go in one repository: a field guide",
                "https://medium.com/@jonasberg/rust-go-one-repository-9e8d7c6b5a41?source=rss-3f2a1b9c8d7e------2",
                date(2025, 2, 18),
                BlogPost
            ),
        ]
    );
    assert_eq!(batch.items[1].external_id, "https://medium.com/p/9e8d7c6b5a41");
    // Only content:encoded: the summary is its text, headings and all.
    assert!(summary_of(&batch.items[0]).starts_with(
        "What I learned moving 40 services to OpenTelemetry Six months, forty services"
    ));
}

#[tokio::test]
async fn ghost_rss() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::GHOST).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Postmortems people actually read",
                "https://quietsystems.example.net/postmortems-people-actually-read/",
                date(2025, 3, 6),
                BlogPost
            ),
            (
                "On-call without heroes",
                "https://quietsystems.example.net/on-call-without-heroes/",
                date(2025, 2, 3),
                BlogPost
            ),
        ]
    );
    // A guid that is not an address is still the id; an image is not an episode.
    assert_eq!(batch.items[0].external_id, "67c9a1f2e4b0c3001a2b3c4d");
    assert_eq!(
        summary_of(&batch.items[0]),
        "A template is not a culture. Three changes that got our incident write-ups read, and one that did not."
    );
}

#[tokio::test]
async fn hugo_rss() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::HUGO).await;
    assert_eq!(
        seen(&batch),
        [
            // 18:30 at -06:00 is the next day in UTC.
            (
                "Pruebas de propiedades en Rust con proptest",
                "https://tomasherrera.example.dev/posts/pruebas-de-propiedades/",
                date(2025, 3, 5),
                BlogPost
            ),
            (
                "Cómo doy talleres de Git a personas que nunca usaron una terminal",
                "https://tomasherrera.example.dev/posts/talleres-de-git/",
                date(2025, 2, 9),
                BlogPost
            ),
        ]
    );
    assert_eq!(
        summary_of(&batch.items[0]),
        "Las pruebas de propiedades encuentran los casos que no se te ocurrieron. Con proptest basta \
         con describir las entradas válidas y una regla que siempre debe cumplirse. Un ejemplo \
         Tomemos una función que normaliza direcciones web."
    );
}

#[tokio::test]
async fn jekyll_feed_atom_html_titles_are_unescaped_once() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::JEKYLL).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Why I “rewrote” our focus styles & what broke",
                "https://sofiakowalski.example.io/2025/03/02/focus-styles.html",
                date(2025, 3, 2),
                BlogPost
            ),
            (
                "Testing <dialog> with a screen reader",
                "https://sofiakowalski.example.io/2025/02/11/testing-dialog.html",
                date(2025, 2, 11),
                BlogPost
            ),
            // Tags in an HTML title are dropped; 00:30 at +02:00 is the day before in UTC.
            (
                "Really small wins",
                "https://sofiakowalski.example.io/2025/01/05/small-wins.html",
                date(2025, 1, 4),
                BlogPost
            ),
        ]
    );
    assert_eq!(summary_of(&batch.items[1]), "The native <dialog> element is good now. Mostly.");
}

#[tokio::test]
async fn rss_1_rdf() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::RSS_1).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Weeknote 9: the spectrometer speaks JSON",
                "https://weeknotes.example.ac.uk/2025/02/weeknote-9.html",
                date(2025, 2, 28),
                BlogPost
            ),
            (
                "Weeknote 8: teaching undergraduates to love the lab notebook",
                "https://weeknotes.example.ac.uk/2025/02/weeknote-8.html",
                date(2025, 2, 21),
                BlogPost
            ),
        ]
    );
    // No guid in RSS 1.0: the canonical address is the id.
    assert_eq!(
        batch.items[0].external_id,
        "https://weeknotes.example.ac.uk/2025/02/weeknote-9.html"
    );
    assert_eq!(
        summary_of(&batch.items[0]),
        "After a decade of CSV with three header rows, the spectrometer’s new firmware writes JSON. \
         We celebrated with cake."
    );
}

#[tokio::test]
async fn rss_0_91_and_its_undated_item() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::RSS_091).await;
    assert_eq!(
        seen(&batch),
        [(
            // The DTD's Latin-1 entities, which the parser does not read.
            "Naïve tools last: a 200-line static site generator, 25 years on",
            "http://workbench.example.org/2025/03/02.html",
            date(2025, 3, 2),
            BlogPost
        )]
    );
    assert_eq!(
        batch.problems,
        [EntryProblem {
            position: 2,
            id: Some("http://workbench.example.org/2025/01/19.html".into()),
            reason: Reason::NoDate,
        }]
    );
}

#[tokio::test]
async fn json_feed_1_1() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::JSON_FEED_1_1).await;
    assert_eq!(
        seen(&batch),
        [
            // 07:45 at +09:00 is the day before in UTC.
            (
                "SQLite's WAL mode, explained with a whiteboard",
                "https://kenji.example.jp/2025/03/03/sqlite-wal/",
                date(2025, 3, 2),
                BlogPost
            ),
            // JSON Feed titles are plain text: nothing to unescape or strip.
            (
                "Notes on R&D budgets for <small> open-source teams",
                "https://kenji.example.jp/2025/02/20/r-and-d/",
                date(2025, 2, 20),
                BlogPost
            ),
            (
                "Episode 7: indexes you did not know you had",
                "https://kenji.example.jp/podcast/7/",
                date(2025, 2, 14),
                Podcast
            ),
        ]
    );
    assert_eq!(
        summary_of(&batch.items[0]),
        "Write-ahead logging is easier to draw than to describe."
    );
}

#[tokio::test]
async fn json_feed_1_0_with_a_number_for_an_id() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::JSON_FEED_1_0).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Pairing with a screen reader user changed how I review PRs",
                "https://amara.example.blog/2025/03/01/pairing.html",
                date(2025, 3, 1),
                BlogPost
            ),
            // Only date_modified, at -05:00: the next day in UTC.
            (
                "My first conference talk: what the slides did not say",
                "https://amara.example.blog/2025/02/17/conference.html",
                date(2025, 2, 18),
                BlogPost
            ),
        ]
    );
    let ids: Vec<&str> = batch.items.iter().map(|i| i.external_id.as_str()).collect();
    assert_eq!(ids, ["1042", "2025-02-17-conference"]);
    assert!(batch.problems.is_empty());
}

#[tokio::test]
async fn iso_8859_1_declared_in_the_prolog() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::LATIN_1).await;
    let titles: Vec<&str> = batch.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Größenordnungen für Anfänger: ein Überblick", "Straßenbahn-Daten, öffentlich & frei"]
    );
    assert_eq!(
        summary_of(&batch.items[0]),
        "Warum 10³ und 2¹⁰ fast gleich sind — und wann der Unterschied zählt. «Faustregeln» für Schätzungen."
    );
    assert_eq!(batch.items[0].occurred_on, date(2025, 3, 3));
}

#[tokio::test]
async fn windows_1252_declared_in_the_content_type() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::WINDOWS_1252).await;
    let titles: Vec<&str> = batch.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "“Smart” quotes – and other things Word does for you",
            "Naïve budgets: €1,000 for a year of hosting"
        ]
    );
    assert_eq!(
        summary_of(&batch.items[0]),
        "It’s not you… it’s the encoding. A €5 lesson in character sets."
    );
}

#[tokio::test]
async fn one_broken_entry_in_a_hundred_is_reported_alone() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::HUNDRED).await;
    assert_eq!(batch.items.len(), 99);
    assert_eq!(
        batch.problems,
        [EntryProblem {
            position: 57,
            id: Some("https://dispatch.example.org/2025-02-12/day-44/".into()),
            reason: Reason::XmlBroken("expected `</title>`, but `</titel>` was found".into()),
        }]
    );
    // The entries on both sides of it are all there, in order.
    assert_eq!(batch.items[55].title, "Day 45: notes & links");
    assert_eq!(batch.items[56].title, "Day 43: notes & links");
    assert_eq!(batch.items[98].occurred_on, date(2024, 12, 31));
}

#[tokio::test]
async fn atom_entries_with_updated_and_no_published() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::ATOM_UPDATED_ONLY).await;
    assert_eq!(
        seen(&batch),
        [
            // Relative links are resolved against xml:base.
            (
                "Sensor kit 2.3: calibration you can do in the field",
                "https://lab.example.org/notes/2025/03/sensor-kit-2-3.html",
                date(2025, 3, 7),
                BlogPost
            ),
            (
                "Sensor kit 2.2",
                "https://lab.example.org/notes/2025/01/sensor-kit-2-2.html",
                date(2025, 1, 21),
                BlogPost
            ),
        ]
    );
    assert_eq!(batch.items[1].external_id, "urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
}

#[tokio::test]
async fn rss_dates_with_named_zones_and_sloppy_forms() {
    let server = FeedServer::start().await.unwrap();
    let batch = blog(&server, paths::NAMED_ZONES).await;
    let days: Vec<(&str, Date)> =
        batch.items.iter().map(|i| (i.title.as_str(), i.occurred_on)).collect();
    assert_eq!(
        days,
        [
            ("Late in New York", date(2025, 3, 5)),
            ("Two-digit year, no seconds", date(2025, 3, 5)),
            ("No weekday", date(2025, 3, 6)),
            ("Universal time", date(2025, 3, 7)),
            ("Military Z", date(2025, 3, 8)),
            ("Central daylight", date(2025, 3, 10)),
            ("Mountain standard", date(2025, 3, 10)),
            ("Mountain daylight", date(2025, 3, 12)),
            ("Eastern daylight", date(2025, 3, 12)),
            ("Central standard", date(2025, 3, 14)),
            ("Pacific daylight", date(2025, 3, 14)),
            ("RFC 3339 in RSS, without seconds", date(2025, 3, 15)),
            ("Far east of UTC", date(2025, 3, 15)),
        ]
    );
    // A relative link is resolved against the feed's address.
    assert_eq!(batch.items[3].url, server.url("/posts/4/"));
}

#[tokio::test]
async fn a_youtube_channel_by_id_with_view_counts() {
    let server = FeedServer::start().await.unwrap();
    let batch = read(&server, FeedKind::YouTube, CHANNEL_ID).await;
    assert_eq!(
        seen(&batch),
        [
            (
                "Rust lifetimes & borrowing in 12 minutes",
                "https://www.youtube.com/watch?v=Qm7aX2pL9tE",
                date(2025, 3, 6),
                Video
            ),
            (
                "Live: reviewing your pull requests (February)",
                "https://www.youtube.com/watch?v=b3Zk8RwYq1s",
                date(2025, 2, 27),
                Video
            ),
            (
                "Premiere: the talk I gave at EuroRust",
                "https://www.youtube.com/watch?v=Xo0_-pN4vWc",
                date(2025, 2, 10),
                Video
            ),
        ]
    );
    let reach: Vec<Option<(ReachMetric, i64)>> = batch.items.iter().map(|i| i.reach).collect();
    assert_eq!(
        reach,
        [
            Some((ReachMetric::Views, 48213)),
            Some((ReachMetric::Views, 3907)),
            Some((ReachMetric::Views, 0))
        ]
    );
    let first: &Item = &batch.items[0];
    assert_eq!(first.external_id, "yt:video:Qm7aX2pL9tE");
    assert_eq!(first.canonical_url.as_str(), "https://youtube.com/watch?v=Qm7aX2pL9tE");
    assert!(summary_of(first).starts_with("Lifetimes are not about how long a value lives;"));
    assert_eq!(
        batch.identities,
        [Identity { kind: IdentityKind::YouTubeChannel, value: CHANNEL_ID.into() }]
    );
    let feed_url = server.url(&format!("{}?channel_id={CHANNEL_ID}", paths::YOUTUBE_FEED));
    assert_eq!(batch.resolved_locator.as_deref(), Some(feed_url.as_str()));
    assert_eq!(
        server.requests()[0].path,
        format!("{}?channel_id={CHANNEL_ID}", paths::YOUTUBE_FEED)
    );
}

#[tokio::test]
async fn a_youtube_handle_is_read_through_its_channel_page() {
    let server = FeedServer::start().await.unwrap();
    for locator in ["@margaret-codes", "https://www.youtube.com/@margaret-codes"] {
        server.reset();
        let batch = read(&server, FeedKind::YouTube, locator).await;
        assert_eq!(batch.items.len(), 3, "{locator}");
        assert_eq!(batch.identities[0].value, CHANNEL_ID);
        // The page names the feed on www.youtube.com; it is read where the endpoints say.
        let feed_path = format!("{}?channel_id={CHANNEL_ID}", paths::YOUTUBE_FEED);
        assert_eq!(batch.resolved_locator, Some(server.url(&feed_path)));
        let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
        assert_eq!(asked, [paths::YOUTUBE_HANDLE.to_owned(), feed_path]);
    }
}

#[tokio::test]
async fn a_youtube_channel_that_does_not_exist_is_not_found() {
    let server = FeedServer::start().await.unwrap();
    let outcome = feed::read(
        &fetcher(),
        &endpoints(&server),
        FeedKind::YouTube,
        &format!("https://www.youtube.com/channel/UC{}", "z".repeat(22)),
        &Validators::default(),
    )
    .await;
    assert_eq!(outcome.unwrap_err().kind, FailureKind::NotFound);
    let not_youtube = feed::read(
        &fetcher(),
        &endpoints(&server),
        FeedKind::YouTube,
        "https://vimeo.com/ada",
        &Validators::default(),
    )
    .await;
    assert_eq!(not_youtube.unwrap_err().kind, FailureKind::InvalidLocator);
    assert_eq!(server.requests().len(), 1, "an address that is not YouTube's is never fetched");
}

#[tokio::test]
async fn a_second_read_is_conditional_and_not_modified() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher();
    let endpoints = endpoints(&server);
    let url = server.url(paths::WORDPRESS);
    let first = match feed::read(&fetcher, &endpoints, FeedKind::Blog, &url, &Validators::default())
        .await
        .unwrap()
    {
        Outcome::Read(batch) => batch,
        Outcome::NotModified => panic!("nothing was sent to match"),
    };
    let etag = first.validators.etag.clone().unwrap();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong ETag: {etag}");
    assert_eq!(first.validators.last_modified.as_deref(), Some(LAST_MODIFIED));

    let second = feed::read(&fetcher, &endpoints, FeedKind::Blog, &url, &first.validators).await;
    assert_eq!(second.unwrap(), Outcome::NotModified);

    // Last-Modified alone is enough too.
    let by_date = Validators { etag: None, last_modified: Some(LAST_MODIFIED.into()) };
    let third = feed::read(&fetcher, &endpoints, FeedKind::Blog, &url, &by_date).await;
    assert_eq!(third.unwrap(), Outcome::NotModified);

    // A stale ETag gets the body again.
    let stale =
        Validators { etag: Some("\"stale\"".into()), last_modified: Some(LAST_MODIFIED.into()) };
    let fourth = feed::read(&fetcher, &endpoints, FeedKind::Blog, &url, &stale).await;
    assert!(matches!(fourth.unwrap(), Outcome::Read(_)));

    let log = server.requests();
    assert_eq!(
        (log[0].if_none_match.as_deref(), log[0].if_modified_since.as_deref()),
        (None, None)
    );
    assert_eq!(log[1].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(log[1].if_modified_since.as_deref(), Some(LAST_MODIFIED));
    assert_eq!(
        (log[2].if_none_match.as_deref(), log[2].if_modified_since.as_deref()),
        (None, Some(LAST_MODIFIED))
    );
}

#[tokio::test]
async fn a_home_page_leads_to_its_feed_and_the_next_read_goes_straight_there() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher();
    let endpoints = endpoints(&server);

    // Hugo names its feed with a relative address.
    let home = server.url(paths::HUGO_HOME);
    let batch =
        match feed::read(&fetcher, &endpoints, FeedKind::Blog, &home, &Validators::default())
            .await
            .unwrap()
        {
            Outcome::Read(batch) => batch,
            Outcome::NotModified => panic!("nothing was sent to match"),
        };
    assert_eq!(batch.items.len(), 2);
    assert_eq!(batch.resolved_locator, Some(server.url(paths::HUGO)));

    server.reset();
    let resolved = batch.resolved_locator.clone().unwrap();
    let again =
        feed::read(&fetcher, &endpoints, FeedKind::Blog, &resolved, &batch.validators).await;
    assert_eq!(again.unwrap(), Outcome::NotModified);
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, [paths::HUGO]);

    // WordPress names its posts feed before its comments feed: the first is read.
    let batch = read(&server, FeedKind::Blog, &server.url(paths::WORDPRESS_HOME)).await;
    assert_eq!(batch.resolved_locator, Some(server.url(paths::WORDPRESS)));
    assert_eq!(batch.items.len(), 3);
}

#[tokio::test]
async fn sources_that_fail_say_why() {
    let server = FeedServer::start().await.unwrap();
    let config =
        || FetcherConfig { allow_private_addresses: true, ..FetcherConfig::new(USER_AGENT) };

    assert_eq!(failure(&server, config(), paths::SERVER_ERROR).await, FailureKind::ServerError);
    assert_eq!(failure(&server, config(), "/status/404").await, FailureKind::NotFound);
    assert_eq!(failure(&server, config(), paths::NO_FEED).await, FailureKind::NotAFeed);

    let quick = FetcherConfig { timeout: Duration::from_millis(300), ..config() };
    assert_eq!(failure(&server, quick, paths::SLOW).await, FailureKind::Timeout);

    let small = || FetcherConfig { max_bytes: 256 * 1024, ..config() };
    assert_eq!(failure(&server, small(), paths::TOO_LARGE).await, FailureKind::TooLarge);
    assert_eq!(failure(&server, small(), paths::TOO_LARGE_CHUNKED).await, FailureKind::TooLarge);
}

#[tokio::test]
async fn large_generated_feeds_are_read_whole() {
    let server = FeedServer::start().await.unwrap();
    for path in [paths::GENERATED_RSS, paths::GENERATED_ATOM] {
        let batch = blog(&server, &format!("{path}?entries=2000")).await;
        assert_eq!(batch.items.len(), 2000, "{path}");
        assert!(batch.problems.is_empty(), "{path}: {:?}", &batch.problems[..1]);
        assert!(batch.items.iter().all(|i| !summary_of(i).is_empty()));
        assert!(batch.items.iter().all(|i| !i.title.contains("&amp;") && !i.title.contains("&#")));
        assert!(batch.items.iter().any(|i| i.title.contains(" & ")));
        assert!(batch.items.iter().any(|i| i.title.starts_with("Ada’s take: ")));
    }
}

#[test]
fn a_broken_entry_in_a_feed_read_in_parts_is_reported_alone() {
    let url = Url::parse("https://generated.example.org/feed/").unwrap();
    let mut xml = rss(3000);
    // The channel's title comes first, then one an item: this is the 2,500th item's.
    let at = xml.match_indices("</title>").nth(2500).unwrap().0;
    xml.replace_range(at..at + "</title>".len(), "</titel>");
    let batch = feed::parse(xml.as_bytes(), None, &url, FeedKind::Blog).unwrap();
    assert_eq!(batch.items.len(), 2999);
    assert_eq!(batch.problems.len(), 1);
    assert_eq!(batch.problems[0].position, 2500);
    assert_eq!(batch.problems[0].id.as_deref(), Some("https://generated.example.org/?p=97501"));
    assert_eq!(batch.problems[0].reason.kind(), ReasonKind::XmlBroken, "{:?}", batch.problems);
    // Every part's items, in the feed's order (the generator numbers posts downwards).
    let numbers: Vec<u32> = batch
        .items
        .iter()
        .map(|i| i.external_id.rsplit('=').next().unwrap().parse().unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] > w[1]));
    assert_eq!((numbers[2498], numbers[2499]), (97_502, 97_500));
}

#[test]
fn large_feeds_read_in_parts_match_the_same_entries_read_whole() {
    let url = Url::parse("https://generated.example.org/feed/").unwrap();
    // The generators write entry i the same whatever the length: 1,999 entries are read whole,
    // 2,400 in parts.
    for (whole, in_parts) in [(rss(1999), rss(2400)), (atom(1999), atom(2400))] {
        let whole = feed::parse(whole.as_bytes(), None, &url, FeedKind::Blog).unwrap();
        let in_parts = feed::parse(in_parts.as_bytes(), None, &url, FeedKind::Blog).unwrap();
        assert_eq!(in_parts.items.len(), 2400);
        assert!(whole.problems.is_empty() && in_parts.problems.is_empty());
        assert_eq!(whole.items[..], in_parts.items[..1999]);
    }
}

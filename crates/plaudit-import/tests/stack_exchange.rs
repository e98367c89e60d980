#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The Stack Exchange reader against a local API on loopback answering with recorded shapes:
//! the wrapper object over several pages, gzip, titles unescaped once, `backoff` waited out or
//! refused, throttles, errors, a broken answer, an unknown user.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use jiff::civil::date;
use plaudit_domain::{ContributionType, ReachMetric};
use plaudit_import::fake::stack_exchange::{FakeStackExchange, Scripted};
use plaudit_import::fetch::{Fetcher, FetcherConfig};
use plaudit_import::stack_exchange::{self, ANSWER_FILTER, Options};
use plaudit_import::{
    Batch, Endpoints, FailureKind, Identity, IdentityKind, Item, Outcome, Reason, Summary,
    Validators,
};

const USER: &str = "stackoverflow:4815162";

async fn fake() -> (FakeStackExchange, Fetcher, Endpoints) {
    let api = FakeStackExchange::start().await.unwrap();
    let fetcher = Fetcher::new(FetcherConfig {
        allow_private_addresses: true,
        ..FetcherConfig::new("Plaudit/test (+https://plaudit.example)")
    })
    .unwrap();
    let endpoints = Endpoints { stack_exchange_api: api.url().to_owned(), ..Endpoints::default() };
    (api, fetcher, endpoints)
}

/// Three answers to a page, so the seven of the fixture take three pages.
fn paged() -> Options {
    Options { page_size: 3, ..Options::default() }
}

fn batch(outcome: Outcome) -> Batch {
    match outcome {
        Outcome::Read(batch) => batch,
        Outcome::NotModified => panic!("expected a batch, got NotModified"),
    }
}

fn item<'a>(batch: &'a Batch, url: &str) -> &'a Item {
    batch.items.iter().find(|item| item.url == url).unwrap_or_else(|| panic!("no {url}"))
}

fn answer_requests(
    api: &FakeStackExchange,
) -> Vec<plaudit_import::fake::stack_exchange::RecordedRequest> {
    api.requests().into_iter().filter(|r| r.path.ends_with("/answers")).collect()
}

#[tokio::test]
async fn answers_are_read_over_pages_with_titles_unescaped_once() {
    let (api, fetcher, endpoints) = fake().await;
    let outcome = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &paged(),
    )
    .await;
    let batch = batch(outcome.unwrap());
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(
        batch.identities,
        [Identity { kind: IdentityKind::StackExchange, value: "stackoverflow:4815162".into() }]
    );
    // Most recent activity first, as asked.
    let urls: Vec<&str> = batch.items.iter().map(|item| item.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://stackoverflow.com/a/24158232", "https://stackoverflow.com/a/70311842",
            "https://stackoverflow.com/a/77102245", "https://stackoverflow.com/a/73119550",
            "https://stackoverflow.com/a/65920177", "https://stackoverflow.com/a/61804430",
            "https://stackoverflow.com/a/54460081",
        ]
    );

    let famous = item(&batch, "https://stackoverflow.com/a/24158232");
    assert_eq!(famous.title, "What's the difference between &str and String?");
    assert_eq!(famous.external_id, "https://stackoverflow.com/a/24158232");
    assert_eq!(famous.canonical_url.as_str(), "https://stackoverflow.com/a/24158232");
    assert_eq!(famous.contribution_type, ContributionType::ForumAnswers);
    assert_eq!(famous.occurred_on, date(2014, 6, 11));
    assert_eq!(famous.reach, Some((ReachMetric::Score, 2543)));
    assert_eq!(
        famous.summary,
        Summary::Answer { site: "stackoverflow.com".into(), accepted: true }
    );
    let generic = item(&batch, "https://stackoverflow.com/a/70311842");
    assert_eq!(generic.title, "How do I iterate over a HashMap<K, V> in insertion order?");
    // Escaped twice by its author's own text: one unescaping leaves one level.
    let markdown = item(&batch, "https://stackoverflow.com/a/77102245");
    assert_eq!(markdown.title, "Escaping &lt;br&gt; inside a Markdown table cell");
    assert_eq!(
        markdown.summary,
        Summary::Answer { site: "stackoverflow.com".into(), accepted: false }
    );
    assert_eq!(markdown.occurred_on, date(2023, 9, 8), "23:59:59 UTC is still the 8th");
    assert_eq!(markdown.reach, Some((ReachMetric::Score, 0)));
    let cafe = item(&batch, "https://stackoverflow.com/a/61804430");
    assert_eq!(cafe.title, "Café names in file paths on Windows");
    let quoted = item(&batch, "https://stackoverflow.com/a/65920177");
    assert_eq!(quoted.title, "Why does \"cargo build\" recompile everything after a git checkout?");
    let negative = item(&batch, "https://stackoverflow.com/a/54460081");
    assert_eq!(negative.reach, Some((ReachMetric::Score, -2)));

    let requests = answer_requests(&api);
    assert_eq!(requests.len(), 3, "{requests:#?}");
    for (n, request) in requests.iter().enumerate() {
        assert_eq!(request.path, "/2.3/users/4815162/answers");
        assert_eq!(request.param("site"), Some("stackoverflow"));
        assert_eq!(request.param("order"), Some("desc"));
        assert_eq!(request.param("sort"), Some("activity"));
        assert_eq!(request.param("pagesize"), Some("3"));
        assert_eq!(request.param("filter"), Some(ANSWER_FILTER));
        assert_eq!(request.param("page"), Some((n + 1).to_string().as_str()));
        assert_eq!(request.param("key"), None);
        assert!(request.accept_encoding.as_deref().is_some_and(|e| e.contains("gzip")));
    }
    assert_eq!(api.requests().len(), 3, "titles came with the answers: no question was read");
}

#[tokio::test]
async fn the_defaults_ask_for_a_hundred_and_send_the_key() {
    let (api, fetcher, endpoints) = fake().await;
    let outcome =
        stack_exchange::read(&fetcher, &endpoints, USER, &Validators::default(), Some("k3y(("))
            .await;
    assert_eq!(batch(outcome.unwrap()).items.len(), 7);
    let requests = api.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("pagesize"), Some("100"));
    assert_eq!(requests[0].param("key"), Some("k3y(("));
}

#[tokio::test]
async fn a_profile_address_names_the_site_by_its_host() {
    let (api, fetcher, endpoints) = fake().await;
    let outcome = stack_exchange::read(
        &fetcher,
        &endpoints,
        "https://unix.stackexchange.com/users/310562/ada-quill",
        &Validators::default(),
        None,
    )
    .await;
    let batch = batch(outcome.unwrap());
    assert_eq!(batch.items.len(), 2);
    let find = item(&batch, "https://unix.stackexchange.com/a/745120");
    assert_eq!(find.title, "Why does <code>find -exec</code> need the trailing \\;?");
    assert_eq!(
        find.summary,
        Summary::Answer { site: "unix.stackexchange.com".into(), accepted: true }
    );
    assert_eq!(batch.identities[0].value, "unix:310562");
    assert_eq!(api.requests()[0].param("site"), Some("unix"));
    assert_eq!(api.requests()[0].path, "/2.3/users/310562/answers");
}

#[tokio::test]
async fn a_second_read_sends_the_etag_and_a_304_is_not_modified() {
    let (api, fetcher, endpoints) = fake().await;
    api.set_etags(true);
    let first = batch(
        stack_exchange::read(&fetcher, &endpoints, USER, &Validators::default(), None)
            .await
            .unwrap(),
    );
    let etag = first.validators.etag.clone().expect("the fake sent an ETag");
    api.clear_requests();

    let second = stack_exchange::read(&fetcher, &endpoints, USER, &first.validators, None).await;
    assert_eq!(second.unwrap(), Outcome::NotModified);
    let requests = api.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(requests[0].status, 304);

    // A vote later, the same answers come back: nothing new to suggest.
    api.set_score(24158232, 2544);
    let third = batch(
        stack_exchange::read(&fetcher, &endpoints, USER, &first.validators, None).await.unwrap(),
    );
    let ids = |batch: &Batch| -> BTreeSet<String> {
        batch.items.iter().map(|item| item.external_id.clone()).collect()
    };
    assert_eq!(ids(&third), ids(&first));
    assert_ne!(third.validators, first.validators);
}

#[tokio::test]
async fn a_backoff_is_waited_out_before_the_next_request_to_the_method() {
    let (api, fetcher, endpoints) = fake().await;
    api.script(Scripted::Backoff(1));
    let started = Instant::now();
    let outcome = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &paged(),
    )
    .await;
    assert_eq!(batch(outcome.unwrap()).items.len(), 7);
    let requests = answer_requests(&api);
    assert_eq!(requests.len(), 3);
    let waited = requests[1].at.duration_since(requests[0].at);
    assert!(waited >= Duration::from_secs(1), "page 2 came {waited:?} after page 1");
    assert!(requests[2].at.duration_since(requests[1].at) < Duration::from_secs(1));
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_backoff_longer_than_allowed_stops_the_read_and_holds_for_the_next() {
    let (api, fetcher, endpoints) = fake().await;
    api.script(Scripted::Backoff(30));
    let options = Options { max_backoff: Duration::from_secs(2), ..paged() };
    let error = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &options,
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, FailureKind::RateLimited);
    let retry_after = error.retry_after.unwrap();
    assert!((29..=30).contains(&retry_after), "{retry_after}");
    assert_eq!(api.requests().len(), 1, "page 2 was not asked for");

    // The backoff is the method's: another read now sends nothing and is told when to retry.
    let error = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &options,
    )
    .await
    .unwrap_err();
    assert_eq!(error.kind, FailureKind::RateLimited);
    assert_eq!(api.requests().len(), 1);
}

#[tokio::test]
async fn a_throttle_violation_is_rate_limited_for_as_long_as_it_says() {
    let (api, fetcher, endpoints) = fake().await;
    api.script(Scripted::Throttle(1843));
    let error = stack_exchange::read(&fetcher, &endpoints, USER, &Validators::default(), None)
        .await
        .unwrap_err();
    assert_eq!(error.kind, FailureKind::RateLimited);
    assert_eq!(error.retry_after, Some(1843));
    assert!(error.detail.contains("throttle_violation"), "{}", error.detail);
    assert_eq!(api.requests()[0].status, 400);
}

#[tokio::test]
async fn a_server_error_is_a_server_error() {
    let (api, fetcher, endpoints) = fake().await;
    api.script(Scripted::ServerError);
    let error = stack_exchange::read(&fetcher, &endpoints, USER, &Validators::default(), None)
        .await
        .unwrap_err();
    assert_eq!(error.kind, FailureKind::ServerError);
    assert!(error.detail.contains("internal_error"), "{}", error.detail);
}

#[tokio::test]
async fn one_broken_answer_is_reported_alone() {
    let (api, fetcher, endpoints) = fake().await;
    api.break_answer(73119550);
    let outcome = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &paged(),
    )
    .await;
    let batch = batch(outcome.unwrap());
    assert_eq!(batch.items.len(), 6);
    assert_eq!(batch.problems.len(), 1);
    let problem = &batch.problems[0];
    assert_eq!(problem.position, 4, "first of the second page");
    assert_eq!(problem.id.as_deref(), Some("https://stackoverflow.com/a/73119550"));
    assert_eq!(problem.reason, Reason::FieldMissing("creation_date".into()));
}

#[tokio::test]
async fn an_unknown_user_is_not_found_and_a_user_without_answers_is_an_empty_batch() {
    let (api, fetcher, endpoints) = fake().await;
    let read = |locator: &'static str| {
        let (fetcher, endpoints) = (fetcher.clone(), endpoints.clone());
        async move {
            stack_exchange::read(&fetcher, &endpoints, locator, &Validators::default(), None).await
        }
    };
    let error = read("stackoverflow:999999").await.unwrap_err();
    assert_eq!(error.kind, FailureKind::NotFound);
    let paths: Vec<String> = api.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/2.3/users/999999/answers", "/2.3/users/999999"]);

    let quiet = batch(read("2345678").await.unwrap());
    assert!(quiet.items.is_empty() && quiet.problems.is_empty());
    assert_eq!(quiet.identities[0].value, "stackoverflow:2345678");

    // A site the API does not know is the locator's fault; so is anything not a user.
    assert_eq!(read("cooking:5").await.unwrap_err().kind, FailureKind::InvalidLocator);
    api.clear_requests();
    for bad in
        ["jon-skeet", "https://example.com/users/5/x", "https://stackoverflow.com/questions/5"]
    {
        assert_eq!(read(bad).await.unwrap_err().kind, FailureKind::InvalidLocator, "{bad}");
    }
    assert!(api.requests().is_empty());
}

#[tokio::test]
async fn titles_missing_from_the_answers_are_read_from_their_questions() {
    let (api, fetcher, endpoints) = fake().await;
    let options = Options { filter: "default".into(), ..paged() };
    let outcome = stack_exchange::read_with(
        &fetcher,
        &endpoints,
        USER,
        &Validators::default(),
        None,
        &options,
    )
    .await;
    let batch = batch(outcome.unwrap());
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(
        item(&batch, "https://stackoverflow.com/a/70311842").title,
        "How do I iterate over a HashMap<K, V> in insertion order?"
    );
    let questions: Vec<_> =
        api.requests().into_iter().filter(|r| r.path.starts_with("/2.3/questions/")).collect();
    assert_eq!(questions.len(), 3, "one per page of answers");
    assert_eq!(questions[0].path, "/2.3/questions/24145823;70311017;77101988");
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The polite fetcher against a real HTTP server on loopback: what it sends, what it refuses,
//! and how many requests it keeps in flight.

use std::sync::Mutex;
use std::time::Duration;

use plaudit_import::fake::feeds::{FeedServer, paths};
use plaudit_import::fetch::{Fetched, Fetcher, FetcherConfig, is_public};
use plaudit_import::{FailureKind, Validators};

const USER_AGENT: &str = "Plaudit/0.1 (+https://awards.example)";
const ACCEPT: &str = "application/rss+xml";

/// reqwest would read proxy settings from the environment when a client is built; one test
/// sets them to show they are ignored, so every client in this file is built under this lock.
static ENVIRONMENT: Mutex<()> = Mutex::new(());

fn fetcher(config: FetcherConfig) -> Fetcher {
    let _environment = ENVIRONMENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Fetcher::new(config).unwrap()
}

fn loopback_allowed() -> FetcherConfig {
    FetcherConfig { allow_private_addresses: true, ..FetcherConfig::new(USER_AGENT) }
}

fn public_only() -> FetcherConfig {
    FetcherConfig::new(USER_AGENT)
}

#[tokio::test]
async fn the_user_agent_and_the_validators_are_sent() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher(loopback_allowed());
    let url = server.url(paths::WORDPRESS);

    let Fetched::Body(first) = fetcher.get(&url, ACCEPT, &Validators::default()).await.unwrap()
    else {
        panic!("the first request has nothing to match");
    };
    assert_eq!(first.url.as_str(), url);
    assert_eq!(first.content_type.as_deref(), Some("application/rss+xml; charset=UTF-8"));
    assert!(first.body.starts_with(b"<?xml"));

    let second = fetcher.get(&url, ACCEPT, &first.validators).await.unwrap();
    assert!(matches!(second, Fetched::NotModified));

    let log = server.requests();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|r| r.user_agent.as_deref() == Some(USER_AGENT)));
    assert_eq!(log[1].if_none_match, first.validators.etag);
    assert_eq!(log[1].if_modified_since, first.validators.last_modified);
}

#[tokio::test]
async fn loopback_is_refused_before_any_request_unless_allowed() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher(public_only());
    let port = server.base_url().rsplit(':').next().unwrap().to_owned();
    let mut refused = vec![
        server.url(paths::WORDPRESS),
        format!("http://localhost:{port}{}", paths::WORDPRESS),
        format!("http://[::1]:{port}{}", paths::WORDPRESS),
        format!("http://[::ffff:127.0.0.1]:{port}{}", paths::WORDPRESS),
    ];
    // A name that resolves to loopback is refused when it is resolved.
    if let Ok(host) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        let host = host.trim().to_owned();
        let resolved: Vec<_> = tokio::net::lookup_host((host.as_str(), 80))
            .await
            .map(|addrs| addrs.collect())
            .unwrap_or_default();
        if !host.is_empty() && !resolved.is_empty() && resolved.iter().all(|a| !is_public(a.ip())) {
            refused.push(format!("http://{host}:{port}{}", paths::WORDPRESS));
        }
    }
    for url in &refused {
        let failure = fetcher.get(url, ACCEPT, &Validators::default()).await.unwrap_err();
        assert_eq!(failure.kind, FailureKind::AddressNotAllowed, "{url}: {failure}");
    }
    assert!(server.requests().is_empty(), "the server saw {:?}", server.requests());
}

#[tokio::test]
async fn what_is_not_an_http_address_is_an_invalid_locator() {
    let fetcher = fetcher(public_only());
    for locator in ["ftp://example.com/feed", "not a url", "https://ada:secret@example.com/feed"] {
        let failure = fetcher.get(locator, ACCEPT, &Validators::default()).await.unwrap_err();
        assert_eq!(failure.kind, FailureKind::InvalidLocator, "{locator}");
    }
}

#[tokio::test]
async fn a_redirect_to_another_loopback_port_is_followed_only_when_allowed() {
    let server = FeedServer::start().await.unwrap();

    // Allowed (tests): followed to the second port.
    let allowed = fetcher(loopback_allowed());
    let Fetched::Body(response) = allowed
        .get(&server.url(paths::REDIRECT_ELSEWHERE), ACCEPT, &Validators::default())
        .await
        .unwrap()
    else {
        panic!("no validators were sent");
    };
    assert_eq!(response.url.as_str(), format!("{}{}", server.elsewhere_url(), paths::WORDPRESS));
    assert_eq!(server.elsewhere_requests().len(), 1);
    server.reset();

    // Not allowed: the first hop must be public, so it goes through an egress proxy (the
    // server itself, which answers proxied requests as it answers direct ones) for a
    // public-looking name; the redirect it answers, to loopback, is refused and never followed.
    let proxied =
        fetcher(FetcherConfig { proxy: Some(server.base_url().to_owned()), ..public_only() });
    let failure = proxied
        .get(
            &format!("http://feeds.plaudit.example{}", paths::REDIRECT_ELSEWHERE),
            ACCEPT,
            &Validators::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.kind, FailureKind::AddressNotAllowed, "{failure}");
    assert!(failure.detail.contains("redirect"), "{failure}");
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, [paths::REDIRECT_ELSEWHERE]);
    assert!(server.elsewhere_requests().is_empty(), "the redirect was followed");
}

#[tokio::test]
async fn no_more_than_the_per_host_limit_is_in_flight() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher(FetcherConfig { per_host: 2, ..loopback_allowed() });
    let reads = (0..8).map(|n| {
        let fetcher = fetcher.clone();
        let url = server.url(&format!("{}?delay_ms=150&n={n}", paths::WORDPRESS));
        tokio::spawn(async move { fetcher.get(&url, ACCEPT, &Validators::default()).await })
    });
    for read in futures_util::future::join_all(reads).await {
        assert!(matches!(read.unwrap(), Ok(Fetched::Body(_))));
    }
    assert_eq!(server.requests().len(), 8);
    assert_eq!(server.max_in_flight(), 2);
}

#[tokio::test]
async fn the_limit_is_per_host() {
    let server = FeedServer::start().await.unwrap();
    let fetcher = fetcher(FetcherConfig { per_host: 2, ..loopback_allowed() });
    let port = server.base_url().rsplit(':').next().unwrap().to_owned();
    let reads = (0..8).map(|n| {
        let fetcher = fetcher.clone();
        // Two names for one server: two hosts, two limits.
        let host = if n % 2 == 0 { "127.0.0.1" } else { "localhost" };
        let url = format!("http://{host}:{port}{}?delay_ms=300&n={n}", paths::WORDPRESS);
        tokio::spawn(async move { fetcher.get(&url, ACCEPT, &Validators::default()).await })
    });
    for read in futures_util::future::join_all(reads).await {
        assert!(matches!(read.unwrap(), Ok(Fetched::Body(_))));
    }
    assert_eq!(server.max_in_flight(), 4);
}

#[tokio::test]
async fn throttling_and_errors_are_told_apart() {
    let server = FeedServer::start().await.unwrap();
    let fetcher =
        fetcher(FetcherConfig { timeout: Duration::from_millis(300), ..loopback_allowed() });
    for (path, kind, retry_after) in [
        ("/status/429", FailureKind::RateLimited, Some(120)),
        ("/status/503", FailureKind::ServerError, Some(120)),
        (paths::SERVER_ERROR, FailureKind::ServerError, None),
        ("/status/410", FailureKind::NotFound, None),
        ("/status/403", FailureKind::Refused, None),
        (paths::SLOW, FailureKind::Timeout, None),
    ] {
        let failure =
            fetcher.get(&server.url(path), ACCEPT, &Validators::default()).await.unwrap_err();
        assert_eq!((failure.kind, failure.retry_after), (kind, retry_after), "{path}: {failure}");
    }
}

#[tokio::test]
async fn a_proxy_from_the_environment_is_ignored() {
    let server = FeedServer::start().await.unwrap();
    let public = {
        let _environment = ENVIRONMENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // SAFETY: every client in this test binary is built under ENVIRONMENT, and nothing else
        // in it reads the environment.
        unsafe {
            std::env::set_var("HTTP_PROXY", server.base_url());
            std::env::remove_var("NO_PROXY");
            std::env::remove_var("no_proxy");
        }
        let built = Fetcher::new(public_only());
        // SAFETY: as above.
        unsafe { std::env::remove_var("HTTP_PROXY") };
        built.unwrap()
    };
    // Through the proxy the name would resolve to the server; without it, it resolves nowhere.
    let failure = public
        .get(
            &format!("http://feeds.plaudit.example{}", paths::WORDPRESS),
            ACCEPT,
            &Validators::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.kind, FailureKind::Network, "{failure}");
    assert!(server.requests().is_empty(), "the environment's proxy was used");
}

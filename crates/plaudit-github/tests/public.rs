//! Public reads against the fake GitHub: the issues and pull requests a login opened (the
//! issue search) and the repositories it owns, with or without a token, over `Link` pages,
//! conditional on the first page's `ETag`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use plaudit_github::fake::{Contributor, Failure, FakeGitHub, ManualClock, NewIssue};
use plaudit_github::{AuthoredItem, Client, Error, IssueState, Listing, OwnedRepo, Unreadable};

const USER_AGENT: &str = "Plaudit/0.1 (+https://plaudit.example/about)";
const LOGIN: &str = "Mira-Okafor";

struct World {
    github: FakeGitHub,
    contributor: Contributor,
    clock: Arc<ManualClock>,
}

async fn world() -> World {
    let github = FakeGitHub::start().await.unwrap();
    let contributor = github.seed_contributor(LOGIN);
    World { github, contributor, clock: ManualClock::new("2025-03-01T12:00:00Z".parse().unwrap()) }
}

fn anonymous(w: &World, per_page: u32) -> Client {
    Client::public_builder(USER_AGENT)
        .base_url(w.github.url())
        .per_page(per_page)
        .clock(w.clock.clone())
        .build()
        .unwrap()
}

fn changed<T: std::fmt::Debug>(listing: Listing<T>) -> (Vec<T>, Vec<Unreadable>, String, bool) {
    match listing {
        Listing::Changed { items, unreadable, etag, complete } => {
            (items, unreadable, etag.expect("an ETag"), complete)
        }
        Listing::Unchanged => panic!("expected a listing, got Unchanged"),
    }
}

#[tokio::test]
async fn authored_work_is_searched_without_a_token_over_link_pages() {
    let w = world().await;
    let client = anonymous(&w, 4);
    let (items, unreadable, etag, complete) =
        changed(client.authored(LOGIN, None, None).await.unwrap());
    assert!(unreadable.is_empty() && complete);
    assert!(etag.starts_with("W/\""));

    // Nine public items, newest first; the private repository's pull request is left out.
    let found: Vec<(String, u64)> =
        items.iter().map(|item| (item.repository.clone(), item.number)).collect();
    assert_eq!(found, w.contributor.authored);
    assert!(items.iter().all(|item| item.repository != "hidden-corp/internal"));
    assert!(items.windows(2).all(|pair| pair[0].created_at >= pair[1].created_at));

    let requests = w.github.requests();
    assert_eq!(requests.len(), 3, "nine items over pages of four: {requests:#?}");
    for request in &requests {
        assert_eq!(request.path, "/search/issues");
        assert_eq!(request.authorization, None, "a public read sends no token");
        assert_eq!(request.param("q"), Some("author:Mira-Okafor is:public"));
        assert_eq!(request.param("sort"), Some("created"));
        assert_eq!(request.param("order"), Some("desc"));
        assert_eq!(request.param("per_page"), Some("4"));
    }
    let pages: Vec<Option<&str>> = requests.iter().map(|r| r.param("page")).collect();
    assert_eq!(pages, [None, Some("2"), Some("3")]);

    // The recorded shape, read into our fields.
    let recipe = items.iter().find(|item| item.title.starts_with("Recipe")).unwrap();
    assert_eq!(
        recipe,
        &AuthoredItem {
            node_id: recipe.node_id.clone(),
            number: recipe.number,
            title: "Recipe: reading CSV with serde & csv".into(),
            html_url: format!("https://github.com/rustaceans/cookbook/pull/{}", recipe.number),
            repository: "rustaceans/cookbook".into(),
            author: LOGIN.into(),
            state: IssueState::Closed,
            is_pull_request: true,
            merged_at: Some("2024-11-20T10:00:00Z".parse().unwrap()),
            draft: false,
            created_at: "2024-11-05T14:00:00Z".parse().unwrap(),
            closed_at: Some("2024-11-20T10:00:00Z".parse().unwrap()),
            comments: 0,
        }
    );
    assert!(recipe.node_id.starts_with("I_"));
    let open_pull = items.iter().find(|item| item.title == "Speed up tile rendering").unwrap();
    assert_eq!((open_pull.is_pull_request, open_pull.merged_at), (true, None));
    let issue = items.iter().find(|item| item.title.starts_with("Crash")).unwrap();
    assert!(!issue.is_pull_request);
    assert!(issue.html_url.contains("/issues/"));
}

#[tokio::test]
async fn an_unchanged_search_answers_304_and_reads_no_further_page() {
    let w = world().await;
    let client = anonymous(&w, 4);
    let (_, _, etag, _) = changed(client.authored(LOGIN, None, None).await.unwrap());
    w.github.clear_requests();

    let again = client.authored(LOGIN, None, Some(&etag)).await.unwrap();
    assert_eq!(again, Listing::Unchanged);
    let requests = w.github.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(requests[0].status, 304);

    // Something new shows on the first page, newest first: the ETag no longer holds.
    let mut new = NewIssue::new("Another fix", LOGIN, "2025-02-20T10:00:00Z".parse().unwrap());
    new.pull_request = true;
    w.github.add_issue("acme-org/widgets", new);
    let (items, _, new_etag, _) = changed(client.authored(LOGIN, None, Some(&etag)).await.unwrap());
    assert_eq!(items[0].title, "Another fix");
    assert_ne!(new_etag, etag);
}

#[tokio::test]
async fn since_narrows_the_search_to_what_was_created_from_that_day() {
    let w = world().await;
    let client = anonymous(&w, 100);
    let since = "2024-06-17".parse().unwrap();
    let (items, _, _, _) = changed(client.authored(LOGIN, Some(since), None).await.unwrap());
    let titles: Vec<&str> = items.iter().map(|item| item.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Typo in the \"Errors\" chapter", "Recipe: reading CSV with serde & csv",
            "Support GeoJSON text sequences",
        ]
    );
    assert_eq!(
        w.github.requests()[0].param("q"),
        Some("author:Mira-Okafor is:public created:>=2024-06-17")
    );
}

#[tokio::test]
async fn owned_repositories_are_listed_with_stars_forks_flagged_and_private_ones_absent() {
    let w = world().await;
    let client = anonymous(&w, 2);
    let (repos, unreadable, etag, complete) =
        changed(client.owned_repos(LOGIN, None).await.unwrap());
    assert!(unreadable.is_empty() && complete);

    let names: Vec<(&str, bool)> =
        repos.iter().map(|repo| (repo.full_name.as_str(), repo.fork)).collect();
    assert_eq!(
        names,
        [
            ("Mira-Okafor/tidy-tables", false),
            ("Mira-Okafor/lantern", false),
            ("Mira-Okafor/serde", true),
            ("Mira-Okafor/old-experiment", false),
        ],
        "most recently pushed first; the private repository is not public"
    );
    let tidy = &repos[0];
    assert_eq!(
        tidy,
        &OwnedRepo {
            node_id: tidy.node_id.clone(),
            full_name: "Mira-Okafor/tidy-tables".into(),
            owner: LOGIN.into(),
            html_url: "https://github.com/Mira-Okafor/tidy-tables".into(),
            description: Some("Pretty tables for the terminal".into()),
            language: Some("Rust".into()),
            fork: false,
            private: false,
            archived: false,
            stargazers_count: 1280,
            forks_count: 54,
            created_at: "2022-03-10T09:00:00Z".parse().unwrap(),
            pushed_at: Some("2025-01-20T17:00:00Z".parse().unwrap()),
        }
    );
    assert!(repos[3].archived);
    assert_eq!(repos[3].description, None, "an empty description reads as none");

    // Pages 2 on are the `Link` targets, which GitHub writes with the user's numeric id.
    let requests = w.github.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].path, "/users/Mira-Okafor/repos");
    assert_eq!(requests[0].param("type"), Some("owner"));
    assert_eq!(requests[0].param("sort"), Some("pushed"));
    assert!(requests[1].path.starts_with("/user/") && requests[1].path.ends_with("/repos"));
    assert_eq!(requests[1].param("page"), Some("2"));
    assert!(requests.iter().all(|r| r.authorization.is_none()));

    w.github.clear_requests();
    assert_eq!(client.owned_repos(LOGIN, Some(&etag)).await.unwrap(), Listing::Unchanged);
    assert_eq!(w.github.requests().len(), 1);
}

#[tokio::test]
async fn with_a_token_the_token_is_sent_and_searches_count_against_the_search_limit() {
    let w = world().await;
    let client = Client::builder(w.github.token(), USER_AGENT)
        .base_url(w.github.url())
        .clock(w.clock.clone())
        .build()
        .unwrap();
    changed(client.authored(LOGIN, None, None).await.unwrap());
    let request = &w.github.requests()[0];
    assert_eq!(
        request.authorization.as_deref(),
        Some(format!("Bearer {}", w.github.token())).as_deref()
    );
    assert_eq!(client.rate_limit_remaining(), Some(29), "30 searches a minute with a token");

    let anonymous = anonymous(&w, 100);
    changed(anonymous.authored(LOGIN, None, None).await.unwrap());
    assert_eq!(anonymous.rate_limit_remaining(), Some(9), "10 a minute without");
}

#[tokio::test]
async fn an_empty_token_is_no_token() {
    let w = world().await;
    let client = Client::builder("", USER_AGENT).base_url(w.github.url()).build().unwrap();
    changed(client.owned_repos(LOGIN, None).await.unwrap());
    assert_eq!(w.github.requests()[0].authorization, None);
}

#[tokio::test]
async fn a_wrong_token_is_refused_even_for_public_reads() {
    let w = world().await;
    let client = Client::builder("ghp_wrong", USER_AGENT).base_url(w.github.url()).build().unwrap();
    let error = client.owned_repos(LOGIN, None).await.unwrap_err();
    assert!(matches!(error, Error::Unauthorized), "{error:?}");
}

#[tokio::test]
async fn an_unknown_login_is_not_found_and_an_impossible_one_is_not_sent() {
    let w = world().await;
    let client = anonymous(&w, 100);
    let error = client.owned_repos("nobody-here", None).await.unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    // The search answers 422 for a user it cannot search.
    let error = client.authored("nobody-here", None, None).await.unwrap_err();
    match error {
        Error::Rejected { status: 422, message } => assert_eq!(message, "Validation Failed"),
        other => panic!("expected a 422, got {other:?}"),
    }
    w.github.clear_requests();
    for login in ["", "-dash", "has space", "a/b", "a:b", &"x".repeat(40)] {
        let error = client.authored(login, None, None).await.unwrap_err();
        assert!(matches!(error, Error::InvalidLogin(_)), "{login:?}: {error:?}");
        let error = client.owned_repos(login, None).await.unwrap_err();
        assert!(matches!(error, Error::InvalidLogin(_)), "{login:?}: {error:?}");
    }
    assert!(w.github.requests().is_empty());
}

#[tokio::test]
async fn a_search_past_a_thousand_results_reads_the_thousand_and_says_it_is_incomplete() {
    let w = world().await;
    let start: Timestamp = "2020-01-01T00:00:00Z".parse().unwrap();
    for n in 0..1005_u64 {
        let created = start.checked_add(Duration::from_secs(n * 3600)).unwrap();
        w.github.add_issue(
            "busy-org/tracker",
            NewIssue::new(&format!("Report {n}"), "prolific", created),
        );
    }
    let client = anonymous(&w, 100);
    let (items, _, _, complete) = changed(client.authored("prolific", None, None).await.unwrap());
    assert_eq!(items.len(), 1000);
    assert!(!complete);
    assert_eq!(items[0].title, "Report 1004");
    assert_eq!(w.github.requests().len(), 10, "GitHub links no page past the thousandth result");
}

#[tokio::test]
async fn a_secondary_rate_limit_on_the_search_is_waited_out() {
    let w = world().await;
    let client = anonymous(&w, 100);
    w.github.fail_next(1, Failure::SecondaryRateLimit { retry_after: 30 });
    let (items, _, _, _) = changed(client.authored(LOGIN, None, None).await.unwrap());
    assert_eq!(items.len(), 9);
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(30)]);
}

#[tokio::test]
async fn an_entry_that_cannot_be_read_is_reported_alone() {
    let w = world().await;
    let (repo, number) = w.contributor.authored[2].clone();
    let kind = if w.github.issue(&repo, number).unwrap().pull_request { "pull" } else { "issues" };
    let broken = format!("https://github.com/{repo}/{kind}/{number}");
    w.github.break_entry(&broken);
    w.github.break_entry("https://github.com/Mira-Okafor/lantern");
    let client = anonymous(&w, 4);

    let (items, unreadable, _, _) = changed(client.authored(LOGIN, None, None).await.unwrap());
    assert_eq!(items.len(), 8);
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].position, 3);
    assert_eq!(unreadable[0].id.as_deref(), Some(broken.as_str()));
    assert!(unreadable[0].reason.contains("created_at"), "{}", unreadable[0].reason);

    let (repos, unreadable, _, _) = changed(client.owned_repos(LOGIN, None).await.unwrap());
    assert_eq!(repos.len(), 3);
    assert_eq!(unreadable[0].position, 2);
}

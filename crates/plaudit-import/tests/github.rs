#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The GitHub importer against the fake GitHub on loopback: a person's public pull requests,
//! issues and repositories over `Link` pages, both listings conditional, `304`s honoured, a
//! broken entry reported alone, GitHub's failures as the import's.

use std::time::Duration;

use jiff::civil::date;
use plaudit_domain::{ContributionType, ReachMetric};
use plaudit_github::Client;
use plaudit_github::fake::{Contributor, Failure as GitHubFailure, FakeGitHub, NewIssue};
use plaudit_import::{
    Batch, EntryProblem, FailureKind, Identity, IdentityKind, Item, Outcome, PullRequestState,
    Reason, Summary, Validators, github,
};

const USER_AGENT: &str = "Plaudit/0.1 (+https://plaudit.example/about)";
const LOGIN: &str = "Mira-Okafor";

async fn fake() -> (FakeGitHub, Contributor) {
    let github = FakeGitHub::start().await.unwrap();
    let contributor = github.seed_contributor(LOGIN);
    (github, contributor)
}

/// Without a token, three to a page so every listing takes several pages.
fn client(github: &FakeGitHub) -> Client {
    Client::public_builder(USER_AGENT).base_url(github.url()).per_page(3).build().unwrap()
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
async fn a_first_read_brings_repositories_with_stars_and_authored_work_over_several_pages() {
    let (github, contributor) = fake().await;
    let outcome = github::read(&client(&github), LOGIN, &Validators::default(), None).await;
    let batch = batch(outcome.unwrap());

    // Three public repositories that are not forks, and nine issues and pull requests.
    assert_eq!(batch.items.len(), 3 + contributor.authored.len());
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert_eq!(
        batch.identities,
        [Identity { kind: IdentityKind::GitHub, value: LOGIN.to_owned() }]
    );
    let titles: Vec<&str> = batch.items.iter().map(|item| item.title.as_str()).collect();
    assert!(!titles.contains(&"serde"), "a fork is left out");
    assert!(!titles.contains(&"diary"), "a private repository is not public");
    assert!(!titles.contains(&"Private work nobody may see"));
    assert!(!titles.contains(&"Someone else's question"));

    let tidy = item(&batch, "tidy-tables");
    assert_eq!(tidy.url, "https://github.com/Mira-Okafor/tidy-tables");
    assert_eq!(tidy.canonical_url.as_str(), "https://github.com/Mira-Okafor/tidy-tables");
    assert_eq!(tidy.contribution_type, ContributionType::OpenSourceProject);
    assert_eq!(tidy.occurred_on, date(2022, 3, 10));
    assert_eq!(tidy.reach, Some((ReachMetric::Stars, 1280)));
    assert_eq!(
        tidy.summary,
        Summary::Repository {
            full_name: "Mira-Okafor/tidy-tables".into(),
            description: Some("Pretty tables for the terminal".into()),
            language: Some("Rust".into()),
            archived: false,
        }
    );
    assert!(tidy.external_id.starts_with("R_"), "GitHub's node id: {}", tidy.external_id);
    let old = item(&batch, "old-experiment");
    assert_eq!(
        old.summary,
        Summary::Repository {
            full_name: "Mira-Okafor/old-experiment".into(),
            description: None,
            language: Some("Go".into()),
            archived: true,
        }
    );
    assert_eq!(old.reach, Some((ReachMetric::Stars, 7)));

    let recipe = item(&batch, "Recipe: reading CSV with serde & csv");
    assert_eq!(recipe.contribution_type, ContributionType::OpenSourceProject);
    assert_eq!(recipe.occurred_on, date(2024, 11, 5));
    assert_eq!(recipe.reach, None);
    assert!(recipe.url.starts_with("https://github.com/rustaceans/cookbook/pull/"));
    assert_eq!(
        recipe.summary,
        Summary::PullRequest {
            number: recipe.url.rsplit('/').next().unwrap().parse().unwrap(),
            repository: "rustaceans/cookbook".into(),
            state: PullRequestState::Merged(date(2024, 11, 20)),
        }
    );
    assert!(recipe.external_id.starts_with("I_"));
    let open = item(&batch, "Speed up tile rendering");
    assert!(
        matches!(&open.summary, Summary::PullRequest { repository, state: PullRequestState::Open, .. }
            if repository == "open-data/atlas"),
        "{:?}",
        open.summary
    );
    let issue = item(&batch, "Crash when the config file is empty");
    assert!(
        matches!(&issue.summary, Summary::Issue { repository, open: true, .. }
            if repository == "acme-org/widgets"),
        "{:?}",
        issue.summary
    );
    assert_eq!(issue.occurred_on, date(2023, 5, 2));
    let quoted = item(&batch, "Typo in the \"Errors\" chapter");
    assert_eq!(quoted.occurred_on, date(2025, 2, 3));

    // Every page was read without a token: repositories 2 pages of 3 (5 listed), the search
    // 3 pages of 3 (9 found).
    let requests = github.requests();
    let repos = requests.iter().filter(|r| r.path.ends_with("/repos")).count();
    let searches = requests.iter().filter(|r| r.path == "/search/issues").count();
    assert_eq!((repos, searches), (2, 3), "{requests:#?}");
    assert!(requests.iter().all(|r| r.authorization.is_none()));

    // Both ETags come back in the one validator.
    let etag = batch.validators.etag.as_deref().unwrap();
    let etags: serde_json::Value = serde_json::from_str(etag).unwrap();
    assert!(etags["repos"].as_str().unwrap().starts_with("W/\""));
    assert!(etags["issues"].as_str().unwrap().starts_with("W/\""));
}

#[tokio::test]
async fn a_second_read_sends_both_etags_and_an_unchanged_source_is_not_modified() {
    let (github, _) = fake().await;
    let client = client(&github);
    let first = batch(github::read(&client, LOGIN, &Validators::default(), None).await.unwrap());
    github.clear_requests();

    let second = github::read(&client, LOGIN, &first.validators, None).await.unwrap();
    assert_eq!(second, Outcome::NotModified);
    let requests = github.requests();
    assert_eq!(requests.len(), 2, "one conditional request per listing: {requests:#?}");
    assert!(requests.iter().all(|r| r.status == 304 && r.if_none_match.is_some()));
}

#[tokio::test]
async fn when_one_listing_changed_the_batch_is_still_the_whole_source_and_adds_only_the_new() {
    let (github, contributor) = fake().await;
    let client = client(&github);
    let first = batch(github::read(&client, LOGIN, &Validators::default(), None).await.unwrap());
    let mut new =
        NewIssue::new("Handle empty tables", LOGIN, "2025-02-25T09:00:00Z".parse().unwrap());
    new.pull_request = true;
    github.add_issue("Mira-Okafor/tidy-tables", new);
    github.clear_requests();

    let second = batch(github::read(&client, LOGIN, &first.validators, None).await.unwrap());
    assert_eq!(second.items.len(), 3 + contributor.authored.len() + 1);
    let added: Vec<&Item> =
        second.items.iter().filter(|item| !first.items.contains(item)).collect();
    assert_eq!(added.len(), 1, "the same external ids and URLs as before: {added:#?}");
    assert_eq!(added[0].title, "Handle empty tables");
    // The repositories answered 304 and were read again in full; the search changed.
    let statuses: Vec<(bool, u16)> =
        github.requests().iter().map(|r| (r.path == "/search/issues", r.status)).take(2).collect();
    assert_eq!(statuses, [(false, 304), (true, 200)]);
    assert_ne!(second.validators, first.validators);
}

#[tokio::test]
async fn since_leaves_out_what_came_before_that_day() {
    let (github, _) = fake().await;
    let outcome =
        github::read(&client(&github), LOGIN, &Validators::default(), Some(date(2024, 6, 1))).await;
    let batch = batch(outcome.unwrap());
    let mut titles: Vec<&str> = batch.items.iter().map(|item| item.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Recipe: reading CSV with serde & csv", "Support GeoJSON text sequences",
            "Typo in the \"Errors\" chapter",
        ],
        "every repository was created before June 2024"
    );
}

#[tokio::test]
async fn one_entry_that_cannot_be_read_is_reported_alone() {
    let (github, contributor) = fake().await;
    github.break_entry("https://github.com/Mira-Okafor/lantern");
    let outcome = github::read(&client(&github), LOGIN, &Validators::default(), None).await;
    let batch = batch(outcome.unwrap());
    assert_eq!(batch.items.len(), 2 + contributor.authored.len());
    assert_eq!(batch.problems.len(), 1);
    let EntryProblem { position, id, reason } = &batch.problems[0];
    assert_eq!(*position, 2, "second in the repository listing");
    assert_eq!(id.as_deref(), Some("https://github.com/Mira-Okafor/lantern"));
    // serde's words name the field that was wrong; the page shows them as the detail.
    assert!(matches!(reason, Reason::Unreadable(why) if why.contains("created_at")), "{reason:?}");
}

#[tokio::test]
async fn a_token_when_given_is_sent() {
    let (github, _) = fake().await;
    let client =
        Client::builder(github.token(), USER_AGENT).base_url(github.url()).build().unwrap();
    batch(github::read(&client, LOGIN, &Validators::default(), None).await.unwrap());
    let expected = format!("Bearer {}", github.token());
    assert!(github.requests().iter().all(|r| r.authorization.as_deref() == Some(&expected)));
}

#[tokio::test]
async fn the_login_is_read_from_a_profile_address_and_spelled_as_github_does() {
    let (github, _) = fake().await;
    let outcome = github::read(
        &client(&github),
        "https://github.com/mira-okafor/",
        &Validators::default(),
        None,
    )
    .await;
    let batch = batch(outcome.unwrap());
    assert_eq!(batch.identities[0].value, "Mira-Okafor");
}

#[tokio::test]
async fn failures_are_the_imports_kinds() {
    let (github, _) = fake().await;
    let client = client(&github);
    let read = |login: &'static str| {
        let client = client.clone();
        async move { github::read(&client, login, &Validators::default(), None).await }
    };

    assert_eq!(read("nobody-here").await.unwrap_err().kind, FailureKind::NotFound);
    github.clear_requests();
    assert_eq!(read("not a login").await.unwrap_err().kind, FailureKind::InvalidLocator);
    assert!(github.requests().is_empty(), "nothing is sent for an impossible login");

    let no_retries = Client::public_builder(USER_AGENT)
        .base_url(github.url())
        .server_retries(0)
        .build()
        .unwrap();
    github.fail_next(1, GitHubFailure::ServerError);
    let error = github::read(&no_retries, LOGIN, &Validators::default(), None).await.unwrap_err();
    assert_eq!(error.kind, FailureKind::ServerError);

    github.fail_next(1, GitHubFailure::MalformedJson);
    let error = github::read(&no_retries, LOGIN, &Validators::default(), None).await.unwrap_err();
    assert_eq!(error.kind, FailureKind::Malformed);
}

#[tokio::test]
async fn a_rate_limit_longer_than_the_client_waits_is_rate_limited_with_when_to_retry() {
    let (github, _) = fake().await;
    let client = Client::public_builder(USER_AGENT)
        .base_url(github.url())
        .max_rate_limit_wait(Duration::from_secs(60))
        .build()
        .unwrap();
    // The repositories are read; the search is out of quota for an hour.
    github.pass_next(1);
    let reset = jiff::Timestamp::now().checked_add(Duration::from_secs(3600)).unwrap();
    github.fail_next(1, GitHubFailure::PrimaryRateLimit { reset });
    let error = github::read(&client, LOGIN, &Validators::default(), None).await.unwrap_err();
    assert_eq!(error.kind, FailureKind::RateLimited);
    let retry_after = error.retry_after.unwrap();
    assert!((3590..=3600).contains(&retry_after), "{retry_after}");
}

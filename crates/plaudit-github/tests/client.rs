//! The client against the fake GitHub: pages, pull requests, ETags, writes, rate limits and
//! errors, as GitHub answers them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use plaudit_github::fake::{EtagMode, Failure, FakeGitHub, ManualClock, RecordedRequest, Seeded};
use plaudit_github::{Client, Error, Issue, IssueList, IssueState, Repo, StateReason};

const REPO: &str = "octo-org/ama";
const USER_AGENT: &str = "Plaudit/0.1 (+https://plaudit.example/about)";

fn t0() -> Timestamp {
    "2025-03-01T12:00:00Z".parse().unwrap()
}

struct World {
    github: FakeGitHub,
    repo: Repo,
    seeded: Seeded,
    clock: Arc<ManualClock>,
    client: Client,
}

async fn world() -> World {
    world_with(FakeGitHub::start().await.unwrap(), |builder| builder).await
}

async fn world_with(
    github: FakeGitHub,
    configure: impl FnOnce(plaudit_github::ClientBuilder) -> plaudit_github::ClientBuilder,
) -> World {
    let seeded = github.seed_ama(REPO);
    let clock = ManualClock::new(t0());
    let builder = Client::builder(github.token(), USER_AGENT)
        .base_url(github.url())
        .per_page(10)
        .clock(clock.clone());
    let client = configure(builder).build().unwrap();
    World { github, repo: REPO.parse().unwrap(), seeded, clock, client }
}

fn changed(list: IssueList) -> (Vec<Issue>, Option<String>) {
    match list {
        IssueList::Changed { issues, etag } => (issues, etag),
        IssueList::Unchanged => panic!("expected issues, got Unchanged"),
    }
}

fn numbers(issues: &[Issue]) -> Vec<u64> {
    let mut numbers: Vec<u64> = issues.iter().map(|issue| issue.number).collect();
    numbers.sort_unstable();
    numbers
}

fn issue(issues: &[Issue], number: u64) -> &Issue {
    issues
        .iter()
        .find(|issue| issue.number == number)
        .unwrap_or_else(|| panic!("no issue #{number}"))
}

fn path_and_page(request: &RecordedRequest) -> (String, Option<String>) {
    (request.path.clone(), request.param("page").map(str::to_owned))
}

#[tokio::test]
async fn lists_every_issue_over_three_pages_following_link() {
    let w = world().await;
    let (issues, etag) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    assert_eq!(issues.len(), 22);
    assert!(etag.is_some_and(|tag| tag.starts_with("W/\"")));

    let requests = w.github.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    let first = &requests[0];
    assert_eq!(first.path, "/repos/octo-org/ama/issues");
    assert_eq!(first.param("state"), Some("all"));
    assert_eq!(first.param("sort"), Some("updated"));
    assert_eq!(first.param("direction"), Some("asc"));
    assert_eq!(first.param("per_page"), Some("10"));
    assert_eq!(first.param("page"), None);
    // Pages 2 and 3 are the `Link` targets, which GitHub writes with the repository's id.
    let repo_id = w.github.add_repo(REPO);
    let later: Vec<_> = requests[1..].iter().map(path_and_page).collect();
    let expected_path = format!("/repositories/{repo_id}/issues");
    assert_eq!(
        later,
        vec![(expected_path.clone(), Some("2".to_owned())), (expected_path, Some("3".to_owned())),]
    );
    assert!(requests[1..].iter().all(|r| r.param("per_page") == Some("10")
        && r.param("sort") == Some("updated")
        && r.param("state") == Some("all")));

    // Least recently updated first, which is not the order of the numbers.
    assert!(issues.windows(2).all(|w| w[0].updated_at <= w[1].updated_at));
    let in_order: Vec<u64> = issues.iter().map(|issue| issue.number).collect();
    assert_ne!(in_order, numbers(&issues));

    // The recorded shapes, read into our fields.
    let answered = issue(&issues, 4);
    assert_eq!(answered.state, IssueState::Closed);
    assert_eq!(answered.state_reason, Some(StateReason::Completed));
    assert_eq!(answered.labels, ["question", "rust"]);
    assert_eq!(answered.user_login, "eun-ji");
    assert_eq!(answered.comments, 1);
    assert_eq!(answered.html_url, "https://github.com/octo-org/ama/issues/4");
    assert_eq!(answered.title, "Which Rust crate surprised you the most this year?");
    assert_eq!(answered.closed_at, Some(answered.updated_at));
    let declined = issue(&issues, 10);
    assert_eq!(declined.state_reason, Some(StateReason::NotPlanned));
    assert!(declined.labels.is_empty());
    let open = issue(&issues, 2);
    assert_eq!((open.state, open.state_reason, open.closed_at), (IssueState::Open, None, None));
    assert_eq!(open.comments, 12);
    assert_eq!(issue(&issues, 3).body, None);
    assert!(issue(&issues, 1).body.as_deref().is_some_and(|b| b.contains("open source")));
}

#[tokio::test]
async fn pull_requests_are_left_out() {
    let w = world().await;
    assert_eq!(w.seeded.pull_requests, [7, 13, 21]);
    assert_eq!(w.github.issues(REPO).len(), 25);
    let (issues, _) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    assert_eq!(numbers(&issues), w.seeded.issues);
    assert!(issues.iter().all(|issue| !w.seeded.pull_requests.contains(&issue.number)));
}

#[tokio::test]
async fn an_unchanged_repo_answers_304_and_no_further_page_is_read() {
    let w = world().await;
    let (_, etag) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    let etag = etag.unwrap();
    w.github.clear_requests();

    let again = w.client.issues(&w.repo, None, Some(&etag)).await.unwrap();
    assert_eq!(again, IssueList::Unchanged);
    let requests = w.github.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    assert_eq!(requests[0].if_none_match.as_deref(), Some(etag.as_str()));
    assert_eq!(requests[0].status, 304);
}

#[tokio::test]
async fn a_change_in_the_repo_changes_the_etag() {
    let w = world().await;
    let (_, old) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    let old = old.unwrap();
    w.client.create_comment(&w.repo, 25, "An answer").await.unwrap();

    let (issues, new) = changed(w.client.issues(&w.repo, None, Some(&old)).await.unwrap());
    assert_eq!(issues.len(), 22);
    assert_ne!(new.unwrap(), old);
    assert_eq!(w.github.requests().iter().filter(|r| r.status == 304).count(), 0);
}

#[tokio::test]
async fn with_githubs_body_etags_only_since_sees_a_change_off_the_first_page() {
    // GitHub's ETag is its answer's: a change that stays off the first page of a full listing
    // leaves the first page, and its ETag, as they were. Asking `since` puts the change there.
    let w = world().await;
    w.github.set_etag_mode(EtagMode::Body);
    let (issues, etag) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    let etag = etag.unwrap();
    let latest = issues.last().unwrap().clone();
    w.client.create_comment(&w.repo, latest.number, "Answered").await.unwrap();

    let full = w.client.issues(&w.repo, None, Some(&etag)).await.unwrap();
    assert_eq!(full, IssueList::Unchanged);

    let (recent, _) =
        changed(w.client.issues(&w.repo, Some(latest.updated_at), None).await.unwrap());
    let changed_issue = issue(&recent, latest.number);
    assert!(changed_issue.updated_at > latest.updated_at);
    assert_eq!(changed_issue.comments, latest.comments + 1);
}

#[tokio::test]
async fn since_is_sent_to_the_second_and_honoured() {
    let w = world().await;
    let since: Timestamp = "2024-01-12T00:00:00.5Z".parse().unwrap();
    let (issues, _) = changed(w.client.issues(&w.repo, Some(since), None).await.unwrap());
    assert_eq!(w.github.requests()[0].param("since"), Some("2024-01-12T00:00:00Z"));
    assert!(!issues.is_empty() && issues.len() < 22, "{}", issues.len());
    // Rounded down, so nothing updated within that second is missed.
    let second: Timestamp = "2024-01-12T00:00:00Z".parse().unwrap();
    assert!(issues.iter().all(|issue| issue.updated_at >= second));
    assert!(issues.iter().any(|issue| issue.updated_at == second));
}

#[tokio::test]
async fn comments_follow_pages_oldest_first() {
    let w = world().await;
    let comments = w.client.comments(&w.repo, 2).await.unwrap();
    assert_eq!(comments.len(), 12);
    assert!(comments.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(comments[1].user_login, w.github.login());
    assert_eq!(comments[0].body, "Me too");
    assert!(
        comments[0].html_url.starts_with("https://github.com/octo-org/ama/issues/2#issuecomment-")
    );
    let requests = w.github.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].path, "/repos/octo-org/ama/issues/2/comments");
    assert_eq!(requests[1].param("page"), Some("2"));
    assert!(w.client.comments(&w.repo, 6).await.unwrap().is_empty());
}

#[tokio::test]
async fn writes_are_visible_on_the_next_read_and_sent_once() {
    let w = world().await;
    let host = w.github.login().to_owned();
    let created = w.client.create_comment(&w.repo, 1, "A first answer").await.unwrap();
    assert_eq!(created.user_login, host);
    assert!(created.html_url.ends_with(&format!("/issues/1#issuecomment-{}", created.id)));
    let updated = w.client.update_comment(&w.repo, created.id, "A better answer").await.unwrap();
    assert_eq!((updated.id, updated.body.as_str()), (created.id, "A better answer"));
    let closed = w
        .client
        .set_issue_state(&w.repo, 1, IssueState::Closed, Some(StateReason::Completed))
        .await
        .unwrap();
    assert_eq!(
        (closed.state, closed.state_reason),
        (IssueState::Closed, Some(StateReason::Completed))
    );
    let labels =
        w.client.set_labels(&w.repo, 1, &["answered".to_owned(), "rust".to_owned()]).await.unwrap();
    assert_eq!(labels, ["answered", "rust"]);
    let asked = w
        .client
        .create_issue(
            &w.repo,
            "Asked on Plaudit",
            "What is your favourite tool?",
            &["question".to_owned()],
        )
        .await
        .unwrap();
    assert_eq!(asked.number, 26);
    assert_eq!(asked.user_login, host);
    assert_eq!(asked.html_url, "https://github.com/octo-org/ama/issues/26");

    let (issues, _) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    let first = issue(&issues, 1);
    assert_eq!(first.state, IssueState::Closed);
    assert_eq!(first.state_reason, Some(StateReason::Completed));
    assert_eq!(first.labels, ["answered", "rust"]);
    assert_eq!(first.comments, 3);
    assert!(first.closed_at.is_some());
    let new = issue(&issues, 26);
    assert_eq!(
        (new.state, new.labels.as_slice()),
        (IssueState::Open, ["question".to_owned()].as_slice())
    );
    assert_eq!(new.body.as_deref(), Some("What is your favourite tool?"));
    // The most recently touched come last.
    assert_eq!(issues.iter().rev().take(2).map(|i| i.number).collect::<Vec<_>>(), [26, 1]);
    let comments = w.client.comments(&w.repo, 1).await.unwrap();
    assert_eq!(comments.last().unwrap().body, "A better answer");

    let reopened = w.client.set_issue_state(&w.repo, 1, IssueState::Open, None).await.unwrap();
    assert_eq!(
        (reopened.state, reopened.state_reason),
        (IssueState::Open, Some(StateReason::Reopened))
    );
    assert_eq!(reopened.closed_at, None);
    assert!(w.client.set_labels(&w.repo, 1, &[]).await.unwrap().is_empty());
    assert!(w.github.issue(REPO, 1).unwrap().labels.is_empty());

    let writes: Vec<(String, String)> = w
        .github
        .requests()
        .into_iter()
        .filter(RecordedRequest::is_write)
        .map(|r| (r.method, r.path))
        .collect();
    let comment_path = format!("/repos/octo-org/ama/issues/comments/{}", created.id);
    assert_eq!(
        writes,
        [
            ("POST", "/repos/octo-org/ama/issues/1/comments"),
            ("PATCH", comment_path.as_str()),
            ("PATCH", "/repos/octo-org/ama/issues/1"),
            ("PUT", "/repos/octo-org/ama/issues/1/labels"),
            ("POST", "/repos/octo-org/ama/issues"),
            ("PATCH", "/repos/octo-org/ama/issues/1"),
            ("PUT", "/repos/octo-org/ama/issues/1/labels"),
        ]
        .map(|(m, p)| (m.to_owned(), p.to_owned()))
    );
    let bodies: Vec<serde_json::Value> = w
        .github
        .requests()
        .iter()
        .filter(|r| r.is_write())
        .map(|r| serde_json::from_str(r.body.as_deref().unwrap()).unwrap())
        .collect();
    assert_eq!(bodies[2], serde_json::json!({"state": "closed", "state_reason": "completed"}));
    assert_eq!(bodies[3], serde_json::json!({"labels": ["answered", "rust"]}));
    assert_eq!(bodies[5], serde_json::json!({"state": "open"}));
}

#[tokio::test]
async fn a_secondary_rate_limit_mid_pagination_is_waited_out() {
    let w = world().await;
    w.github.pass_next(1);
    w.github.fail_next(1, Failure::SecondaryRateLimit { retry_after: 30 });
    let (issues, _) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    assert_eq!(issues.len(), 22);
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(30)]);
    let requests = w.github.requests();
    let statuses: Vec<u16> = requests.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 403, 200, 200]);
    assert_eq!(path_and_page(&requests[1]), path_and_page(&requests[2]));
    assert_eq!(requests[2].param("page"), Some("2"));
}

#[tokio::test]
async fn a_primary_rate_limit_mid_pagination_waits_until_the_reset() {
    let w = world().await;
    let reset = t0().saturating_add(Duration::from_secs(754)).unwrap();
    w.github.pass_next(2);
    w.github.fail_next(1, Failure::PrimaryRateLimit { reset });
    let (issues, _) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    assert_eq!(issues.len(), 22);
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(754)]);
    let statuses: Vec<u16> = w.github.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 200, 403, 200]);
}

#[tokio::test]
async fn too_many_requests_waits_retry_after() {
    let w = world().await;
    w.github.fail_next(1, Failure::TooManyRequests { retry_after: 5 });
    let comment = w.client.create_comment(&w.repo, 3, "Sent after the wait").await.unwrap();
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(5)]);
    // Refused, then done: one comment.
    let statuses: Vec<u16> = w.github.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 201]);
    let held = w.github.issue(REPO, 3).unwrap().comments;
    assert_eq!(held.iter().filter(|c| c.id == comment.id).count(), 1);
}

#[tokio::test]
async fn a_rate_limit_past_the_maximum_wait_fails_with_when_to_try_again() {
    let w = world_with(FakeGitHub::start().await.unwrap(), |b| {
        b.max_rate_limit_wait(Duration::from_secs(600))
    })
    .await;
    let reset = t0().saturating_add(Duration::from_secs(3600)).unwrap();
    w.github.fail_next(1, Failure::PrimaryRateLimit { reset });
    let error = w.client.issues(&w.repo, None, None).await.unwrap_err();
    match error {
        Error::RateLimited { retry_at } => assert_eq!(retry_at, reset),
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(w.clock.sleeps().is_empty());
    assert_eq!(w.github.requests().len(), 1);

    // Waits add up: the second 400 s would pass the 600 s.
    w.github.fail_next(2, Failure::SecondaryRateLimit { retry_after: 400 });
    let error = w.client.comments(&w.repo, 2).await.unwrap_err();
    let expected = t0().saturating_add(Duration::from_secs(800)).unwrap();
    assert!(matches!(error, Error::RateLimited { retry_at } if retry_at == expected), "{error:?}");
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(400)]);
    assert!(error.to_string().contains("try again"));
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized() {
    let w = world().await;
    let stranger = Client::builder("ghp_wrong", USER_AGENT)
        .base_url(w.github.url())
        .clock(w.clock.clone())
        .build()
        .unwrap();
    let error = stranger.issues(&w.repo, None, None).await.unwrap_err();
    assert!(matches!(error, Error::Unauthorized), "{error:?}");
    assert_eq!(w.github.requests()[0].status, 401);

    w.github.fail_next(1, Failure::Unauthorized);
    let error = w.client.create_comment(&w.repo, 1, "x").await.unwrap_err();
    assert!(matches!(error, Error::Unauthorized), "{error:?}");
    assert!(w.clock.sleeps().is_empty());
}

#[tokio::test]
async fn what_is_not_there_is_not_found() {
    let w = world().await;
    let elsewhere: Repo = "octo-org/nothing-here".parse().unwrap();
    let error = w.client.issues(&elsewhere, None, None).await.unwrap_err();
    assert!(
        matches!(&error, Error::NotFound { path } if path == "/repos/octo-org/nothing-here/issues"),
        "{error:?}"
    );
    let error = w.client.comments(&w.repo, 999).await.unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    let error = w.client.update_comment(&w.repo, 999_999, "x").await.unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff_then_reported() {
    let w = world().await;
    w.github.fail_next(1, Failure::ServerError);
    let (issues, _) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    assert_eq!(issues.len(), 22);
    assert_eq!(w.clock.sleeps(), [Duration::from_secs(1)]);

    w.github.clear_requests();
    w.github.fail_next(3, Failure::ServerError);
    let error = w.client.comments(&w.repo, 1).await.unwrap_err();
    assert!(matches!(error, Error::Server { status: 500 }), "{error:?}");
    assert_eq!(w.github.requests().len(), 3);
    assert_eq!(w.clock.sleeps(), [1, 1, 2].map(Duration::from_secs), "one retry before, then two");
}

#[tokio::test]
async fn a_post_is_not_sent_twice_after_a_server_error() {
    let w = world().await;
    let before = w.github.issue(REPO, 6).unwrap().comments.len();
    w.github.fail_next(1, Failure::ServerError);
    let error = w.client.create_comment(&w.repo, 6, "Once").await.unwrap_err();
    assert!(matches!(error, Error::Server { status: 500 }), "{error:?}");
    assert_eq!(w.github.requests().len(), 1);
    assert_eq!(w.github.issue(REPO, 6).unwrap().comments.len(), before);
}

#[tokio::test]
async fn a_403_without_rate_limit_headers_is_forbidden() {
    let w = world().await;
    w.github.fail_next(1, Failure::Forbidden);
    let error = w.client.set_labels(&w.repo, 1, &["x".to_owned()]).await.unwrap_err();
    match &error {
        Error::Forbidden { message } => assert!(message.contains("Resource not accessible")),
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert!(w.clock.sleeps().is_empty());
    assert_eq!(w.github.requests().len(), 1);
}

#[tokio::test]
async fn malformed_json_is_malformed() {
    let w = world().await;
    w.github.fail_next(1, Failure::MalformedJson);
    let error = w.client.issues(&w.repo, None, None).await.unwrap_err();
    assert!(matches!(error, Error::Malformed(_)), "{error:?}");
}

#[tokio::test]
async fn no_error_shows_the_token() {
    const SECRET: &str = "ghp_SuperSecretTokenValue1234567890abcdef";
    let github = FakeGitHub::start_with(SECRET, "host").await.unwrap();
    let w = world_with(github, |b| b.max_rate_limit_wait(Duration::from_secs(10))).await;
    let mut errors = Vec::new();
    for failure in [
        Failure::Unauthorized,
        Failure::Forbidden,
        Failure::MalformedJson,
        Failure::SecondaryRateLimit { retry_after: 3600 },
    ] {
        w.github.fail_next(1, failure);
        errors.push(w.client.issues(&w.repo, None, None).await.unwrap_err());
    }
    w.github.fail_next(3, Failure::ServerError);
    errors.push(w.client.issues(&w.repo, None, None).await.unwrap_err());
    errors.push(w.client.comments(&w.repo, 404).await.unwrap_err());
    errors.push(w.client.create_issue(&w.repo, "", "no title", &[]).await.unwrap_err());
    // Nothing listens on port 1: a transport error.
    let unreachable = Client::builder(SECRET, USER_AGENT)
        .base_url("http://127.0.0.1:1")
        .server_retries(0)
        .build()
        .unwrap();
    errors.push(unreachable.issues(&w.repo, None, None).await.unwrap_err());
    let bad_header = Client::builder(format!("{SECRET}\n"), USER_AGENT).build().unwrap_err();
    errors.push(bad_header);

    let kinds: Vec<String> = errors
        .iter()
        .map(|e| format!("{e:?}").split([' ', '(', '{']).next().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "Unauthorized", "Forbidden", "Malformed", "RateLimited", "Server", "NotFound",
            "Rejected", "Transport", "Config"
        ]
    );
    for error in &errors {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("SuperSecret"), "{shown}");
    }
    assert!(!format!("{:?}", w.client).contains(SECRET));
}

#[tokio::test]
async fn every_request_names_plaudit_and_the_api_version() {
    let w = world().await;
    w.github.fail_next(1, Failure::SecondaryRateLimit { retry_after: 1 });
    let (_, etag) = changed(w.client.issues(&w.repo, None, None).await.unwrap());
    w.client.issues(&w.repo, None, etag.as_deref()).await.unwrap();
    w.client.comments(&w.repo, 2).await.unwrap();
    let comment = w.client.create_comment(&w.repo, 2, "Hello").await.unwrap();
    w.client.update_comment(&w.repo, comment.id, "Hello again").await.unwrap();
    w.client
        .set_issue_state(&w.repo, 2, IssueState::Closed, Some(StateReason::NotPlanned))
        .await
        .unwrap();
    w.client.create_issue(&w.repo, "Title", "Body", &[]).await.unwrap();
    w.client.set_labels(&w.repo, 2, &["rust".to_owned()]).await.unwrap();

    let requests = w.github.requests();
    assert_eq!(requests.len(), 12, "{requests:#?}");
    let bearer = format!("Bearer {}", w.github.token());
    for request in &requests {
        assert_eq!(request.user_agent.as_deref(), Some(USER_AGENT), "{request:?}");
        assert_eq!(request.api_version.as_deref(), Some("2022-11-28"), "{request:?}");
        assert_eq!(request.accept.as_deref(), Some("application/vnd.github+json"), "{request:?}");
        assert_eq!(request.authorization.as_deref(), Some(bearer.as_str()), "{request:?}");
    }
}

#[tokio::test]
async fn the_last_rate_limit_count_is_kept() {
    let w = world().await;
    assert_eq!(w.client.rate_limit_remaining(), None);
    w.github.set_rate_limit_remaining(4321);
    w.client.comments(&w.repo, 1).await.unwrap();
    assert_eq!(w.client.rate_limit_remaining(), Some(4320));
    w.client.comments(&w.repo, 2).await.unwrap();
    assert_eq!(w.client.rate_limit_remaining(), Some(4318));
}

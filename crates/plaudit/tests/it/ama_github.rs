//! An AMA linked to a GitHub repository syncs with it both ways, on both databases, against the
//! fake GitHub on loopback (GitHub's recorded answers, pages of ten): the first sync brings the
//! issues in (states, tags, answers from the host's comments; pull requests not); questions
//! asked, answered in parts and declined in Plaudit go out; issues closed, reopened, edited and
//! commented on GitHub come back; a change on both sides keeps Plaudit's and says so; a second
//! sync right after any of it gets a `304`, writes nothing to GitHub and changes no row. A rate
//! limit in the middle of a sync is waited out and the sync ends as it would have without it;
//! one longer than the client waits stops the sync cleanly and the next one finishes it. The
//! job syncs every linked AMA, does nothing without a token, and comes back when a rate limit
//! ends.

use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use plaudit::jobs::{AmaGithubSync, Enqueue, Job, JobRunner, enqueue};
use plaudit::ops::accounts::{self, AccountView};
use plaudit::ops::ama::{self, AmaInput, Decision, PartInput, QuestionInput};
use plaudit::ops::ama_github::{self, GithubAccess, SyncReport};
use plaudit::ops::{Ctx, ErrorCode};
use plaudit_domain::clock::Clock;
use plaudit_github::fake::{Failure, FakeGitHub, ManualClock, NewIssue, Seeded};
use plaudit_github::{Client, IssueState, StateReason};
use plaudit_store::timestamp::to_micros;
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{demo_account, make_account};
use crate::helpers::{TestClock, TestDb, test_clock, test_now};
use crate::on_both_backends;

const REPO: &str = "octo/ama";
const PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// A current awardee of the demo who hosts no AMA.
const CURRENT_NOT_HOSTING: &str = "EXISTS (SELECT 1 FROM directory_entry e \
     WHERE e.person_id = p.id AND e.status = 'current') \
     AND NOT EXISTS (SELECT 1 FROM ama WHERE ama.host_person_id = p.id)";

struct Env {
    _test_db: TestDb,
    db: Db,
    ctx: Ctx,
    clock: Arc<TestClock>,
    github: FakeGitHub,
    seeded: Seeded,
    /// The client's clock: rate-limit waits pass at once and are noted.
    waits: Arc<ManualClock>,
    client: Client,
    host: AccountView,
    asker: AccountView,
    slug: String,
    ama_id: i64,
}

async fn view(ctx: &Ctx, account_id: i64) -> AccountView {
    accounts::current(ctx, account_id).await.unwrap().unwrap()
}

fn client_for(github: &FakeGitHub, waits: &Arc<ManualClock>, max_wait: Duration) -> Client {
    let clock: Arc<dyn plaudit_github::Clock> = waits.clone();
    Client::builder(github.token(), "Plaudit/test")
        .base_url(github.url())
        .clock(clock)
        .per_page(10)
        .max_rate_limit_wait(max_wait)
        .build()
        .unwrap()
}

/// The seeded repository and an AMA linked to it: an awardee's of the demo (their answers are
/// their contributions), or, without the demo, the program's, hosted by an admin.
async fn env(backend: crate::helpers::Backend, demo: bool) -> Env {
    let test_db = TestDb::new(backend).await;
    let db = test_db.migrated().await;
    let clock = TestClock::at(test_now());
    let ctx = Ctx { db: db.clone(), clock: clock.clone(), public_url: PUBLIC_URL.to_owned() };
    let (host, program_wide) = if demo {
        plaudit::demo::generate(&db, plaudit::demo::Scale::Small, 7, &test_clock(), false)
            .await
            .unwrap();
        let email = demo_account(&db, CURRENT_NOT_HOSTING).await;
        let id: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT id FROM account WHERE email_normalized = $1").bind(&email).fetch_one(pool).await)
        .unwrap();
        (view(&ctx, id).await, false)
    } else {
        (view(&ctx, make_account(&db, "host@example.org", &["admin"]).await).await, true)
    };
    let asker = view(&ctx, make_account(&db, "asker@example.org", &[]).await).await;
    let input = AmaInput { title: "Ask me about maintaining".to_owned(), ..AmaInput::default() };
    let slug = ama::open(&ctx, &host, &input, program_wide).await.unwrap();
    let ama_id = plaudit_store::ama::by_slug(&db, &slug).await.unwrap().unwrap().id;
    let github = FakeGitHub::start().await.unwrap();
    let seeded = github.seed_ama(REPO);
    ama_github::link_repository(&ctx, &host, &slug, REPO, github.login()).await.unwrap();
    let waits = ManualClock::new(test_now());
    let client = client_for(&github, &waits, Duration::from_secs(15 * 60));
    Env {
        _test_db: test_db,
        db,
        ctx,
        clock,
        github,
        seeded,
        waits,
        client,
        host,
        asker,
        slug,
        ama_id,
    }
}

async fn sync(env: &Env) -> SyncReport {
    let report = ama_github::sync(&env.ctx, &env.client, env.ama_id).await.unwrap();
    assert_eq!(report.rate_limited_until, None, "{report}");
    report
}

/// Every row of the AMA, every column, as text; and what else a sync could write.
async fn census(db: &Db, ama_id: i64) -> Vec<String> {
    let row = |columns: &[&str]| {
        columns
            .iter()
            .map(|c| format!("COALESCE(CAST({c} AS TEXT), '-')"))
            .collect::<Vec<_>>()
            .join(" || '|' || ")
    };
    let of_ama = [
        format!(
            "SELECT {} FROM ama WHERE id = $1",
            row(&[
                "status", "github_repo", "github_login", "github_etag", "github_since",
                "github_synced_at", "github_retry_at"
            ])
        ),
        format!(
            "SELECT {} FROM ama_question WHERE ama_id = $1 ORDER BY id",
            row(&[
                "id", "asker_name", "title", "body", "state", "decline_reason", "duplicate_of_id",
                "answered_at", "answer_updated_at", "contribution_id", "updated_at",
                "github_issue_number", "github_updated_at", "github_synced_at", "github_state",
                "github_labels", "github_last_comment_id"
            ])
        ),
        format!(
            "SELECT {} FROM ama_question_tag t JOIN ama_question q ON q.id = t.question_id \
             WHERE q.ama_id = $1 ORDER BY t.question_id, t.tag",
            row(&["t.question_id", "t.tag"])
        ),
        format!(
            "SELECT {} FROM ama_answer a JOIN ama_question q ON q.id = a.question_id \
             WHERE q.ama_id = $1 ORDER BY a.question_id, a.position",
            row(&[
                "a.question_id", "a.position", "a.question_part", "a.body", "a.github_comment_id",
                "a.github_synced_body", "a.created_at", "a.updated_at"
            ])
        ),
        format!(
            "SELECT {} FROM ama_answer_revision r JOIN ama_question q ON q.id = r.question_id \
             WHERE q.ama_id = $1 ORDER BY r.id",
            row(&["r.question_id", "r.answer", "r.written_at", "r.replaced_at"])
        ),
    ];
    let counts = [
        "SELECT CAST(COUNT(*) AS TEXT) FROM audit_log",
        "SELECT CAST(COUNT(*) AS TEXT) FROM mail_outbox",
        "SELECT CAST(COUNT(*) AS TEXT) FROM contribution",
        "SELECT CAST(COUNT(*) AS TEXT) FROM job",
    ];
    let mut rows = Vec::new();
    for sql in of_ama {
        let found: Vec<String> =
            on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
            .bind(ama_id).fetch_all(pool).await)
            .unwrap();
        rows.extend(found);
    }
    for sql in counts {
        let n: String = on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap();
        rows.push(format!("{sql}: {n}"));
    }
    rows
}

/// Everything the fake holds of the repository.
fn on_github(github: &FakeGitHub) -> Vec<String> {
    github
        .issues(REPO)
        .iter()
        .map(|i| {
            let comments: Vec<String> = i
                .comments
                .iter()
                .map(|c| format!("{} {}: {:?} {}", c.id, c.user, c.body, c.updated_at))
                .collect();
            format!(
                "#{} {:?} {:?} by {} {:?} {:?} {:?} pr={} {} {:?}",
                i.number,
                i.title,
                i.body,
                i.user,
                i.state,
                i.state_reason,
                i.labels,
                i.pull_request,
                i.updated_at,
                comments
            )
        })
        .collect()
}

fn writes(github: &FakeGitHub) -> Vec<String> {
    github
        .requests()
        .iter()
        .filter(|r| r.is_write())
        .map(|r| format!("{} {} {}", r.method, r.path, r.body.clone().unwrap_or_default()))
        .collect()
}

/// A second sync right after: one conditional listing answered `304`, nothing written on either
/// side.
async fn assert_second_sync_changes_nothing(env: &Env) {
    let before = census(&env.db, env.ama_id).await;
    let github_before = on_github(&env.github);
    env.github.clear_requests();
    let report = sync(env).await;
    assert_eq!(report, SyncReport::default(), "{report}");
    let requests = env.github.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    assert_eq!((requests[0].status, requests[0].if_none_match.is_some()), (304, true));
    assert_eq!(writes(&env.github), Vec::<String>::new());
    assert_eq!(census(&env.db, env.ama_id).await, before, "no row changed");
    assert_eq!(on_github(&env.github), github_before);
}

/// A question of the AMA as the sync left it: (issue, state, asker, title, tags, answer parts).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Question {
    id: i64,
    issue: Option<i64>,
    state: String,
    asker: String,
    title: String,
    body: String,
    tags: Vec<String>,
    answer: Vec<(String, String)>,
    contribution: bool,
}

/// A question's row: id, issue, state, asker, title, body, contribution.
type QuestionRow = (i64, Option<i64>, String, String, String, String, Option<i64>);

async fn questions(env: &Env) -> Vec<Question> {
    let rows: Vec<QuestionRow> = on_db!(&env.db, pool => sqlx::query_as(
        "SELECT id, github_issue_number, state, asker_name, title, body, contribution_id \
         FROM ama_question WHERE ama_id = $1 ORDER BY id").bind(env.ama_id).fetch_all(pool).await)
    .unwrap();
    let mut out = Vec::new();
    for (id, issue, state, asker, title, body, contribution) in rows {
        let tags = plaudit_store::ama::tags_of(&env.db, &[id]).await.unwrap();
        let answer = plaudit_store::ama::answer(&env.db, id).await.unwrap();
        out.push(Question {
            id,
            issue,
            state,
            asker,
            title,
            body,
            tags: tags.into_iter().map(|t| t.tag).collect(),
            answer: answer.into_iter().map(|p| (p.question_part, p.body)).collect(),
            contribution: contribution.is_some(),
        });
    }
    out
}

fn of_issue(questions: &[Question], number: u64) -> Question {
    questions.iter().find(|q| q.issue == Some(number as i64)).cloned().unwrap()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn whole(body: &str) -> Vec<(String, String)> {
    vec![(String::new(), body.to_owned())]
}

/// What Plaudit's side of the scenarios does: a question asked and answered in two parts, and
/// one declined. Returns their ids.
async fn asked_and_answered_here(env: &Env) -> (i64, i64) {
    let asked = QuestionInput {
        title: "How did you start? And what would you change?".to_owned(),
        body: "Curious!".to_owned(),
        tags: "career, speaking".to_owned(),
        name: String::new(),
    };
    let answered = ama::ask(&env.ctx, Some(&env.asker), &env.slug, &asked).await.unwrap().id;
    let parts = [
        PartInput { part: "How did you start?".to_owned(), body: "By fixing *typos*.".to_owned() },
        PartInput {
            part: "And what would you change?".to_owned(),
            body: "Ask for help sooner.".to_owned(),
        },
    ];
    ama::answer(&env.ctx, &env.host, &env.slug, answered, &parts).await.unwrap();
    let off_topic =
        QuestionInput { title: "Can I have your slides?".to_owned(), ..QuestionInput::default() };
    let declined = ama::ask(&env.ctx, Some(&env.asker), &env.slug, &off_topic).await.unwrap().id;
    let decision = Decision {
        state: "declined".to_owned(),
        reason: "Not here".to_owned(),
        original: String::new(),
    };
    ama::decide(&env.ctx, &env.host, &env.slug, declined, &decision).await.unwrap();
    (answered, declined)
}

/// Edits an issue's title and body as someone on GitHub does (the client writes neither).
async fn edit_issue(github: &FakeGitHub, number: u64, title: &str, body: &str) {
    crate::helpers::install_tls_provider();
    let answer = reqwest::Client::new()
        .patch(format!("{}/repos/{REPO}/issues/{number}", github.url()))
        .bearer_auth(github.token())
        .header("user-agent", "someone")
        .json(&serde_json::json!({ "title": title, "body": body }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
}

on_both_backends! {
    async fn issues_come_in_questions_go_out_and_a_second_sync_changes_nothing(backend: Backend) {
        let env = env(backend, true).await;
        // GitHub's side as someone else changes it.
        let someone = client_for(&env.github, &ManualClock::new(test_now()), Duration::ZERO);
        let repo: plaudit_github::Repo = REPO.parse().unwrap();

        // The first sync brings the 22 issues in, and not the pull requests.
        let report = sync(&env).await;
        assert_eq!(report.questions_added, 22, "{report}");
        assert_eq!(writes(&env.github), Vec::<String>::new(), "nothing went out");
        let all = questions(&env).await;
        let mut numbers: Vec<i64> = all.iter().filter_map(|q| q.issue).collect();
        numbers.sort_unstable();
        let issues: Vec<i64> = env.seeded.issues.iter().map(|n| *n as i64).collect();
        assert_eq!(numbers, issues);
        assert!(env.seeded.pull_requests.iter().all(|pr| !numbers.contains(&(*pr as i64))));
        // Closed as completed with the host's comment: answered by it, the host's contribution.
        let four = of_issue(&all, 4);
        assert_eq!((four.state.as_str(), four.asker.as_str()), ("answered", "eun-ji"));
        assert_eq!(four.title, "Which Rust crate surprised you the most this year?");
        assert_eq!(four.tags, strings(&["question", "rust"]));
        assert_eq!(four.answer, whole("Thanks for asking! Answer 1."));
        assert!(four.contribution, "an answer on GitHub counts as one given here");
        // Closed as not planned: declined; open ones stay open, the host's comment on an open
        // issue is not an answer yet; no labels, no tags.
        assert_eq!(of_issue(&all, 10).state, "declined");
        let one = of_issue(&all, 1);
        assert_eq!((one.state.as_str(), one.asker.as_str()), ("open", "bob"));
        assert_eq!(one.body, "How did you get started in open source? I would love to hear about it.");
        assert!(one.answer.is_empty());
        assert_eq!(of_issue(&all, 5).tags, Vec::<String>::new());
        assert_eq!(of_issue(&all, 3).body, "");
        assert_second_sync_changes_nothing(&env).await;

        // Out: a question asked here and answered in two parts becomes an issue with two
        // comments, closed as completed; a declined one closes as not planned; an issue from
        // GitHub answered here gets the answer and closes. A question waiting for the host's
        // approval stays here.
        env.clock.advance(Duration::from_secs(60));
        let (answered, declined) = asked_and_answered_here(&env).await;
        let three = of_issue(&all, 3);
        let part = [PartInput { part: String::new(), body: "Read the *changelog*.".to_owned() }];
        ama::answer(&env.ctx, &env.host, &env.slug, three.id, &part).await.unwrap();
        let open_to_all = AmaInput {
            title: "Ask me about maintaining".to_owned(),
            anonymous_questions: true,
            ..AmaInput::default()
        };
        ama::edit(&env.ctx, &env.host, &env.slug, &open_to_all).await.unwrap();
        let unsigned = QuestionInput {
            title: "Secret question?".to_owned(),
            name: "Anonymous".to_owned(),
            ..QuestionInput::default()
        };
        let held = ama::ask(&env.ctx, None, &env.slug, &unsigned).await.unwrap();
        assert!(held.held);
        env.github.clear_requests();
        let report = sync(&env).await;
        assert_eq!((report.issues_opened, report.comments_written, report.issues_updated), (2, 3, 3), "{report}");
        assert_eq!((report.questions_added, report.questions_updated, report.conflicts), (0, 0, 0), "{report}");
        let all = questions(&env).await;
        let q = all.iter().find(|q| q.id == answered).unwrap();
        let issue = env.github.issue(REPO, q.issue.unwrap() as u64).unwrap();
        assert_eq!(issue.title, "How did you start? And what would you change?");
        let link = format!("{PUBLIC_URL}/amas/{}/questions/{answered}", env.slug);
        let body = issue.body.clone().unwrap();
        assert!(body.starts_with("Curious!\n\n") && body.contains(&format!("*Asked by asker on [Plaudit]({link}).*")), "{body}");
        assert_eq!((issue.user.as_str(), issue.labels.clone()), ("ama-host", strings(&["career", "speaking"])));
        assert_eq!((issue.state, issue.state_reason), (IssueState::Closed, Some(StateReason::Completed)));
        let comments: Vec<(&str, &str)> = issue.comments.iter().map(|c| (c.user.as_str(), c.body.as_str())).collect();
        assert_eq!(comments, [
            ("ama-host", "> How did you start?\n\nBy fixing *typos*."),
            ("ama-host", "> And what would you change?\n\nAsk for help sooner."),
        ]);
        let q = all.iter().find(|q| q.id == declined).unwrap();
        let issue = env.github.issue(REPO, q.issue.unwrap() as u64).unwrap();
        assert_eq!((issue.state, issue.state_reason), (IssueState::Closed, Some(StateReason::NotPlanned)));
        assert!(issue.comments.is_empty());
        let issue = env.github.issue(REPO, 3).unwrap();
        assert_eq!((issue.state, issue.state_reason), (IssueState::Closed, Some(StateReason::Completed)));
        assert_eq!(issue.comments.last().unwrap().body, "Read the *changelog*.");
        let held = all.iter().find(|q| q.id == held.id).unwrap();
        assert_eq!((held.state.as_str(), held.issue), ("held", None));
        assert!(env.github.issues(REPO).iter().all(|i| i.title != "Secret question?"));
        assert_second_sync_changes_nothing(&env).await;

        // In: an issue closed as completed after the host commented is answered; one reopened
        // is open again; an edited one takes its title, body and labels; the host's new comment
        // on an answered one adds a part (the history keeps the answer before); the host's
        // comment edited on GitHub edits its part; a new issue is a new question.
        env.clock.advance(Duration::from_secs(60));
        someone.set_issue_state(&repo, 1, IssueState::Closed, Some(StateReason::Completed)).await.unwrap();
        someone.set_issue_state(&repo, 10, IssueState::Open, None).await.unwrap();
        edit_issue(&env.github, 6, "What would you tell your younger self?", "Be honest.\r\nPlease.").await;
        someone.set_labels(&repo, 6, &strings(&["community", "good first issue"])).await.unwrap();
        someone.create_comment(&repo, 4, "> Anything else?\n\nAlso: *read the docs*.").await.unwrap();
        // (Editing a comment does not change its issue's updated_at: the labels do.)
        let asked_here = all.iter().find(|q| q.id == answered).unwrap().issue.unwrap() as u64;
        let comment = env.github.issue(REPO, asked_here).unwrap().comments[1].id;
        someone.update_comment(&repo, comment, "> And what would you change?\n\nAsk for help much sooner.").await.unwrap();
        someone.set_labels(&repo, asked_here, &strings(&["career", "rust", "speaking"])).await.unwrap();
        let mut new = NewIssue::new("Do you pair program?", "zoe", env.github.now());
        new.labels = strings(&["question"]);
        let zoe = env.github.add_issue(REPO, new);
        env.github.clear_requests();
        let report = sync(&env).await;
        assert_eq!((report.questions_added, report.questions_updated), (1, 5), "{report}");
        assert_eq!(writes(&env.github), Vec::<String>::new(), "GitHub's changes only come in");
        let all = questions(&env).await;
        let one = of_issue(&all, 1);
        assert_eq!(one.state, "answered");
        assert_eq!(one.answer, whole("Thanks for asking! Answer 2."));
        assert_eq!(of_issue(&all, 10).state, "open");
        let six = of_issue(&all, 6);
        assert_eq!((six.title.as_str(), six.body.as_str()), ("What would you tell your younger self?", "Be honest.\nPlease."));
        assert_eq!(six.tags, strings(&["community"]));
        let four = of_issue(&all, 4);
        assert_eq!(four.answer, vec![
            (String::new(), "Thanks for asking! Answer 1.".to_owned()),
            ("Anything else?".to_owned(), "Also: *read the docs*.".to_owned()),
        ]);
        let revisions = plaudit_store::ama::revisions(&env.db, four.id).await.unwrap();
        assert_eq!(revisions.iter().map(|r| r.answer.as_str()).collect::<Vec<_>>(), ["Thanks for asking! Answer 1."]);
        let q = all.iter().find(|q| q.id == answered).unwrap();
        assert_eq!(q.answer[1], ("And what would you change?".to_owned(), "Ask for help much sooner.".to_owned()));
        assert_eq!(q.tags, strings(&["career", "rust", "speaking"]));
        let zoe = of_issue(&all, zoe);
        assert_eq!((zoe.asker.as_str(), zoe.state.as_str(), zoe.tags.clone()), ("zoe", "open", strings(&["question"])));
        assert_second_sync_changes_nothing(&env).await;

        // Out again: a part edited here edits its comment, and only that one.
        env.clock.advance(Duration::from_secs(60));
        let edited = [
            PartInput {
                part: "How did you start?".to_owned(),
                body: "By fixing *typos* in the docs.".to_owned(),
            },
            PartInput {
                part: "And what would you change?".to_owned(),
                body: "Ask for help much sooner.".to_owned(),
            },
        ];
        ama::answer(&env.ctx, &env.host, &env.slug, answered, &edited).await.unwrap();
        env.github.clear_requests();
        let report = sync(&env).await;
        assert_eq!((report.comments_written, report.issues_updated, report.conflicts), (1, 0, 0), "{report}");
        let issue = env.github.issue(REPO, asked_here).unwrap();
        let patched = writes(&env.github);
        assert_eq!(patched.len(), 1, "{patched:?}");
        assert!(patched[0].starts_with(&format!("PATCH /repos/{REPO}/issues/comments/{}", issue.comments[0].id)), "{patched:?}");
        assert_eq!(issue.comments[0].body, "> How did you start?\n\nBy fixing *typos* in the docs.");
        assert_second_sync_changes_nothing(&env).await;

        // Both sides: GitHub closes #2 as completed (the host commented there) while the host
        // declines it here. Plaudit's decision stands, on GitHub too, and a comment says so.
        env.clock.advance(Duration::from_secs(60));
        let two = of_issue(&all, 2);
        someone.set_issue_state(&repo, 2, IssueState::Closed, Some(StateReason::Completed)).await.unwrap();
        let decision = Decision { state: "declined".to_owned(), ..Decision::default() };
        ama::decide(&env.ctx, &env.host, &env.slug, two.id, &decision).await.unwrap();
        let report = sync(&env).await;
        assert_eq!((report.conflicts, report.issues_updated, report.comments_written), (1, 1, 1), "{report}");
        let two = of_issue(&questions(&env).await, 2);
        assert_eq!((two.state.as_str(), two.answer.len()), ("declined", 0));
        let issue = env.github.issue(REPO, 2).unwrap();
        assert_eq!((issue.state, issue.state_reason), (IssueState::Closed, Some(StateReason::NotPlanned)));
        let note = &issue.comments.last().unwrap().body;
        assert!(note.contains("Plaudit’s version was kept") && note.contains(&format!("/questions/{}", two.id)), "{note}");
        assert_second_sync_changes_nothing(&env).await;
    }
}

/// The scenario the rate-limit tests run: the seeded repository and Plaudit's questions, synced
/// once; the end state (every row, everything on GitHub) and the client's waits.
async fn scenario(
    backend: crate::helpers::Backend,
    script: impl FnOnce(&Env),
) -> (Vec<String>, Vec<String>, Vec<Duration>, Vec<usize>) {
    let env = env(backend, false).await;
    asked_and_answered_here(&env).await;
    script(&env);
    sync(&env).await;
    let positions = write_positions(&env.github);
    (census(&env.db, env.ama_id).await, on_github(&env.github), env.waits.sleeps(), positions)
}

/// Where in the sync's requests its writes are.
fn write_positions(github: &FakeGitHub) -> Vec<usize> {
    github.requests().iter().enumerate().filter(|(_, r)| r.is_write()).map(|(i, _)| i).collect()
}

on_both_backends! {
    async fn a_rate_limit_mid_sync_is_waited_out_and_the_sync_ends_as_without_it(backend: Backend) {
        let (rows, github, waited, at) = scenario(backend, |_| {}).await;
        assert!(waited.is_empty());
        assert!(at.len() >= 4, "issues and comments went out: {at:?}");
        // A secondary limit (Retry-After) right after the first write, a primary one
        // (X-RateLimit-Reset) right after the second; and a 429 in the listing.
        let reset = Timestamp::from_second(test_now().as_second() + 30 + 60).unwrap();
        let (limited_rows, limited_github, limited_waits, _) = scenario(backend, |env| {
            env.github.pass_next(1);
            env.github.fail_next(1, Failure::TooManyRequests { retry_after: 5 });
            env.github.pass_next(at[0]);
            env.github.fail_next(1, Failure::SecondaryRateLimit { retry_after: 30 });
            env.github.pass_next(at[1] - at[0]);
            env.github.fail_next(1, Failure::PrimaryRateLimit { reset });
        })
        .await;
        assert_eq!(limited_waits, [Duration::from_secs(5), Duration::from_secs(30), Duration::from_secs(55)]);
        assert_eq!(limited_github, github, "GitHub ends as without the limits");
        assert_eq!(limited_rows, rows, "the database ends as without the limits");
    }
}

on_both_backends! {
    async fn a_rate_limit_longer_than_the_client_waits_stops_the_sync_and_the_next_finishes_it(backend: Backend) {
        let (rows, github, _, at) = scenario(backend, |_| {}).await;
        let env = env(backend, false).await;
        let (answered, _) = asked_and_answered_here(&env).await;
        // The client waits a minute at most; GitHub's limit holds for an hour, from the request
        // after the question's first comment.
        let patient = client_for(&env.github, &env.waits, Duration::from_secs(60));
        let reset = Timestamp::from_second(test_now().as_second() + 3600).unwrap();
        env.github.pass_next(at[1] + 1);
        env.github.fail_next(1, Failure::PrimaryRateLimit { reset });
        let report = ama_github::sync(&env.ctx, &patient, env.ama_id).await.unwrap();
        assert_eq!(report.rate_limited_until, Some(reset), "{report}");
        assert_eq!((report.questions_added, report.issues_opened, report.comments_written), (22, 1, 1), "{report}");
        assert!(env.waits.sleeps().is_empty(), "nothing waited: the limit holds too long");

        // What was done is kept, consistently: the issue and its first comment are recorded,
        // the question is not marked synced, the AMA says when to come back.
        let (issue, synced, updated): (Option<i64>, Option<i64>, i64) = on_db!(&env.db, pool => sqlx::query_as(
            "SELECT github_issue_number, github_synced_at, updated_at FROM ama_question WHERE id = $1")
            .bind(answered).fetch_one(pool).await).unwrap();
        assert!(synced.is_none_or(|s| s < updated), "it still has to go out");
        let opened = env.github.issue(REPO, issue.unwrap() as u64).unwrap();
        assert_eq!(opened.comments.len(), 1);
        let parts = plaudit_store::ama_github::parts(&env.db, answered).await.unwrap();
        assert_eq!(parts[0].github_comment_id, Some(opened.comments[0].id as i64));
        assert_eq!(parts[1].github_comment_id, None);
        let retry_at: Option<i64> = on_db!(&env.db, pool => sqlx::query_scalar(
            "SELECT github_retry_at FROM ama WHERE id = $1").bind(env.ama_id).fetch_one(pool).await).unwrap();
        assert_eq!(retry_at, Some(to_micros(reset)));

        // The next sync, once the limit is over, finishes it: the same end as without it.
        let report = ama_github::sync(&env.ctx, &patient, env.ama_id).await.unwrap();
        assert_eq!(report.rate_limited_until, None, "{report}");
        assert_eq!((report.issues_opened, report.comments_written), (1, 1), "{report}");
        assert_eq!(on_github(&env.github), github, "no issue or comment twice");
        assert_eq!(census(&env.db, env.ama_id).await, rows);
        assert_second_sync_changes_nothing(&env).await;
    }
}

on_both_backends! {
    async fn the_job_syncs_linked_amas_does_nothing_without_a_token_and_waits_out_a_long_limit(backend: Backend) {
        let env = env(backend, false).await;
        let mut runner = JobRunner::new(env.db.clone(), env.clock.clone());
        runner.schedule = vec![plaudit::jobs::schedule::ama_github_sync()];
        let count = "SELECT COUNT(*) FROM ama_question";
        let questions_now = || async {
            let n: i64 = on_db!(&env.db, pool => sqlx::query_scalar(count).fetch_one(pool).await).unwrap();
            n
        };

        // Without a token it does nothing, and says so.
        let report = runner.run_once().await.unwrap();
        assert_eq!(report.scheduled, ["ama_github_sync@2026-11-29T12:00:00Z"]);
        assert_eq!(report.outcomes[0].result, Ok("github_token is not set: nothing synced".to_owned()));
        assert_eq!(questions_now().await, 0);
        assert!(env.github.requests().is_empty());

        // With one, every 15 minutes, it syncs every linked AMA.
        runner.github = Some(GithubAccess::new(env.github.token(), env.github.url()));
        env.clock.advance(Duration::from_secs(15 * 60));
        let report = runner.run_once().await.unwrap();
        let said = format!("{report}");
        assert!(said.contains(&format!("AMA {}: 22 questions from new issues", env.ama_id)), "{said}");
        assert_eq!(report.failures(), 0, "{said}");
        assert_eq!(questions_now().await, 22);

        // GitHub's limit holds longer than a job waits: the job stops, and is queued again for
        // when the limit ends; until then nothing is asked of GitHub.
        env.clock.advance(Duration::from_secs(15 * 60));
        let reset = env.clock.now().checked_add(SignedDuration::from_hours(1)).unwrap();
        env.github.fail_next(1, Failure::PrimaryRateLimit { reset });
        let report = runner.run_once().await.unwrap();
        let said = format!("{report}");
        assert!(said.contains("stopped by GitHub's rate limit until"), "{said}");
        let run_at: i64 = on_db!(&env.db, pool => sqlx::query_scalar(
            "SELECT run_at FROM job WHERE dedupe_key LIKE 'ama_github_sync@retry@%'").fetch_one(pool).await).unwrap();
        assert!((to_micros(reset)..to_micros(reset) + 5_000_000).contains(&run_at), "{run_at}");
        env.clock.advance(Duration::from_secs(15 * 60));
        env.github.clear_requests();
        let report = runner.run_once().await.unwrap();
        assert!(format!("{report}").contains("GitHub's rate limit holds until"), "{report}");
        assert!(env.github.requests().is_empty());
        env.clock.set(reset.checked_add(SignedDuration::from_mins(1)).unwrap());
        let report = runner.run_until_idle(5).await.unwrap();
        assert_eq!(report.failures(), 0, "{report}");
        assert!(report.outcomes.iter().any(|o| o.result.as_ref().is_ok_and(|s| s.contains("AMA"))), "{report}");
        let retry_at: Option<i64> = on_db!(&env.db, pool => sqlx::query_scalar(
            "SELECT github_retry_at FROM ama WHERE id = $1").bind(env.ama_id).fetch_one(pool).await).unwrap();
        assert_eq!(retry_at, None);

        // One AMA on its own, queued by hand.
        let mut tx = env.db.begin_write().await.unwrap();
        let job = Job::AmaGithubSync(AmaGithubSync { ama_id: Some(env.ama_id) });
        enqueue(&mut tx, &job, &Enqueue::default(), env.clock.now()).await.unwrap();
        tx.commit().await.unwrap();
        runner.schedule = Vec::new();
        let report = runner.run_once().await.unwrap();
        assert_eq!(report.outcomes.len(), 1);
        assert!(report.outcomes[0].result.as_ref().is_ok_and(|s| s.starts_with(&format!("AMA {}: 0 questions", env.ama_id))), "{report}");
    }
}

on_both_backends! {
    async fn only_the_host_links_a_repository_and_what_they_type_is_checked(backend: Backend) {
        let env = env(backend, false).await;
        let link = |who: &'static str, repo: &'static str, login: &'static str| {
            let env = &env;
            async move {
                let account = if who == "host" { &env.host } else { &env.asker };
                ama_github::link_repository(&env.ctx, account, &env.slug, repo, login).await
            }
        };
        assert_eq!(link("asker", "octo/other", "asker").await.unwrap_err().code, ErrorCode::Forbidden);
        let error = link("host", "not a repository", "-bad-").await.unwrap_err();
        assert_eq!(error.code, ErrorCode::ValidationFailed);
        assert_eq!(error.fields.keys().copied().collect::<Vec<_>>(), ["github_login", "github_repo"]);
        let error = link("host", "octo/other", "").await.unwrap_err();
        assert_eq!(error.fields.keys().copied().collect::<Vec<_>>(), ["github_login"]);
        let shown = ama_github::linked_repository(&env.ctx, &env.host, &env.slug).await.unwrap();
        assert_eq!((shown.repo.as_str(), shown.login.as_str()), (REPO, "ama-host"));

        // Unlinked and linked again (its address will do), it goes on where it was: nothing
        // comes in or goes out twice.
        sync(&env).await;
        let linked = "SELECT COUNT(*) FROM ama_question WHERE github_issue_number IS NOT NULL";
        let issues = || async {
            let n: i64 = on_db!(&env.db, pool => sqlx::query_scalar(linked).fetch_one(pool).await).unwrap();
            n
        };
        assert_eq!(issues().await, 22);
        link("host", " ", "").await.unwrap();
        let shown = ama_github::linked_repository(&env.ctx, &env.host, &env.slug).await.unwrap();
        assert_eq!(shown.repo, "");
        assert_eq!(issues().await, 22);
        link("host", "https://github.com/Octo/AMA.git", "@ama-host").await.unwrap();
        let shown = ama_github::linked_repository(&env.ctx, &env.host, &env.slug).await.unwrap();
        assert_eq!((shown.repo.as_str(), shown.login.as_str()), ("Octo/AMA", "ama-host"));
        let report = sync(&env).await;
        assert_eq!((report.questions_added, report.issues_opened), (0, 0), "{report}");
        // Another repository forgets the issues of the last.
        link("host", "octo/other", "ama-host").await.unwrap();
        assert_eq!(issues().await, 0);
    }
}

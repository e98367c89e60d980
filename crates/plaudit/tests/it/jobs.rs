//! The job runner on both backends: each job and each scheduled occurrence runs once however
//! many runners there are, failures back off and end failed with their reason, the purge
//! really purges, and admins see and retry what stopped, jobs and mail alike.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use plaudit::jobs::runner::Failure;
use plaudit::jobs::{Enqueue, Job, JobKind, JobRunner, PurgeExpired, RunReport, enqueue};
use plaudit_domain::clock::Clock;
use plaudit_store::jobs::{self, NewJob};
use plaudit_store::mail::{self, OutgoingMail};
use plaudit_store::timestamp::to_micros;
use plaudit_store::{Db, accounts, on_db, sessions, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, TestClock, TestDb, browser, csrf_from, test_now};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

/// A runner with no schedule: it runs only what the test queues.
fn unscheduled(db: &Db, clock: &Arc<TestClock>) -> JobRunner {
    let mut runner = JobRunner::new(db.clone(), clock.clone());
    runner.schedule = Vec::new();
    runner
}

async fn queue(db: &Db, job: &Job, options: &Enqueue, now: Timestamp) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let id = enqueue(&mut tx, job, options, now).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    id
}

#[derive(Debug, PartialEq, Eq)]
struct Stored {
    attempts: i64,
    run_at: i64,
    locked_until: Option<i64>,
    last_error: Option<String>,
    finished_at: Option<i64>,
    failed_at: Option<i64>,
}

async fn stored(db: &Db, id: i64) -> Stored {
    const ROW: &str = "SELECT attempts, run_at, locked_until, last_error, finished_at, failed_at \
         FROM job WHERE id = $1";
    let (attempts, run_at, locked_until, last_error, finished_at, failed_at) =
        on_db!(db, pool => sqlx::query_as(ROW).bind(id).fetch_one(pool).await).unwrap();
    Stored { attempts, run_at, locked_until, last_error, finished_at, failed_at }
}

/// How many times each job ran, over the reports of several runners.
fn runs_per_job(reports: &[RunReport]) -> BTreeMap<i64, usize> {
    let mut runs = BTreeMap::new();
    for outcome in reports.iter().flat_map(|r| &r.outcomes) {
        *runs.entry(outcome.id).or_default() += 1;
    }
    runs
}

on_both_backends! {
    async fn two_runners_started_at_the_same_time_run_each_of_thirty_jobs_exactly_once(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let clock = TestClock::at(test_now());
        let account = make_account(&db, "ada@example.org", &[]).await;
        let expired = clock.now().checked_sub(SignedDuration::from_hours(1)).unwrap();
        for i in 0..30 {
            sessions::save(&db, &format!("expired-{i}"), Some(account), "{}", expired).await.unwrap();
        }
        let mut ids = Vec::new();
        for _ in 0..30 {
            let job = Job::PurgeExpired(PurgeExpired::default());
            ids.push(queue(&db, &job, &Enqueue::default(), clock.now()).await);
        }

        let mut runners = Vec::new();
        for _ in 0..2 {
            // A pool of its own for each, as two replicas would have.
            let mut runner = unscheduled(&test_db.connect().await, &clock);
            runner.batch = 4;
            runners.push(tokio::spawn(async move { runner.run_until_idle(100).await.unwrap() }));
        }
        let mut reports = Vec::new();
        for runner in runners {
            reports.push(tokio::time::timeout(Duration::from_secs(30), runner).await.unwrap().unwrap());
        }

        let runs = runs_per_job(&reports);
        assert_eq!(runs.keys().copied().collect::<Vec<_>>(), ids, "every job ran");
        assert!(runs.values().all(|&n| n == 1), "no job ran twice: {runs:?}");
        assert!(reports.iter().all(|r| r.failures() == 0), "{reports:?}");
        // Between them the runs purged each expired session once.
        let purged: usize = reports.iter().flat_map(|r| &r.outcomes)
            .map(|o| o.result.as_ref().unwrap().split_whitespace().nth(1).unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(purged, 30);
        for id in ids {
            let job = stored(&db, id).await;
            assert_eq!((job.attempts, job.locked_until, job.failed_at), (1, None, None));
            assert_eq!(job.finished_at, Some(to_micros(clock.now())));
        }
    }
}

on_both_backends! {
    async fn a_failing_job_backs_off_longer_each_time_and_ends_failed_with_its_reason(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let clock = TestClock::at(test_now());
        // A payload this server cannot read, as a newer server might have written it.
        let mut tx = db.begin_write().await.unwrap();
        let new = NewJob {
            kind: JobKind::PurgeExpired.as_str(),
            payload: "{\"keep\": \"forever\"}",
            dedupe_key: None,
            run_at: clock.now(),
            max_attempts: 3,
        };
        let id = jobs::enqueue(&mut tx, &new, clock.now()).await.unwrap().unwrap();
        tx.commit().await.unwrap();
        let runner = unscheduled(&db, &clock);
        let micros_in = |secs: u64| to_micros(clock.now().checked_add(Duration::from_secs(secs)).unwrap());

        let first = runner.run_once().await.unwrap();
        let in_a_minute = clock.now().checked_add(Duration::from_secs(60)).unwrap();
        let Err(Failure { error, retry_at }) = &first.outcomes[0].result else { panic!("{first:?}") };
        assert!(error.starts_with("the purge_expired job's payload is not valid"), "{error}");
        assert_eq!(*retry_at, Some(in_a_minute));
        let job = stored(&db, id).await;
        assert_eq!((job.attempts, job.run_at, job.locked_until), (1, micros_in(60), None));
        assert_eq!((job.finished_at, job.failed_at), (None, None));
        assert_eq!(job.last_error.as_deref(), Some(error.as_str()));

        // Not due before its retry time.
        assert!(runner.run_once().await.unwrap().outcomes.is_empty());
        clock.advance(Duration::from_secs(60));
        runner.run_once().await.unwrap();
        let job = stored(&db, id).await;
        assert_eq!((job.attempts, job.run_at), (2, micros_in(120)), "the second wait is twice the first");

        clock.advance(Duration::from_secs(120));
        let last = runner.run_once().await.unwrap();
        assert_eq!(last.outcomes[0].result, Err(Failure { error: error.clone(), retry_at: None }));
        let job = stored(&db, id).await;
        let now = to_micros(clock.now());
        assert_eq!((job.attempts, job.failed_at, job.finished_at), (3, Some(now), Some(now)));
        assert_eq!(job.last_error.as_deref(), Some(error.as_str()));
        let failed = jobs::list_failed(&db, 10).await.unwrap();
        assert_eq!(failed.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(), [(id, 3)]);
        assert_eq!(failed[0].last_error.as_deref(), Some(error.as_str()));

        // Failed for good: never claimed again, however long one waits.
        clock.advance(Duration::from_secs(7 * 24 * 60 * 60));
        assert!(runner.run_once().await.unwrap().outcomes.is_empty());
        assert_eq!(stored(&db, id).await.attempts, 3);
    }
}

on_both_backends! {
    async fn the_scheduled_purge_removes_expired_sessions_and_spent_tokens_and_keeps_the_rest(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        // 12:00 UTC; the purge runs hourly at :05, so the 11:05 occurrence is due.
        let clock = TestClock::at(test_now());
        let account = make_account(&db, "ada@example.org", &[]).await;
        let hours = |h: i64| clock.now().checked_add(SignedDuration::from_hours(h)).unwrap();
        sessions::save(&db, "expired", Some(account), "{}", hours(-1)).await.unwrap();
        sessions::save(&db, "expires-now", None, "{}", clock.now()).await.unwrap();
        sessions::save(&db, "live", Some(account), "{}", hours(1)).await.unwrap();
        let mut tx = db.begin_write().await.unwrap();
        for (hash, created, expires) in [("expired", -25, -1), ("used", -1, 23), ("live", -1, 23)] {
            accounts::create_email_token(&mut tx, account, "verify_email", hash, None, hours(created), hours(expires))
                .await.unwrap();
        }
        accounts::use_email_token(&mut tx, "used", "verify_email", hours(-1)).await.unwrap().unwrap();
        tx.commit().await.unwrap();

        let runner = JobRunner::new(db.clone(), clock.clone());
        let report = runner.run_once().await.unwrap();

        assert_eq!(report.scheduled, [
            "purge_expired@2026-11-29T11:05:00Z",
            "program_calendar@2026-11-29T11:01:00Z",
            "recompute_standings@2026-11-29",
        ]);
        let purge = report.outcomes.iter().find(|o| o.kind == "purge_expired").unwrap();
        assert_eq!(
            purge.result,
            Ok("purged 2 expired sessions, 2 spent or expired e-mail tokens and 0 finished jobs".to_owned())
        );
        let sessions: Vec<String> = on_db!(&db, pool => sqlx::query_scalar("SELECT id FROM web_session")
            .fetch_all(pool).await).unwrap();
        assert_eq!(sessions, ["live"]);
        let tokens: Vec<String> = on_db!(&db, pool => sqlx::query_scalar("SELECT token_hash FROM email_token")
            .fetch_all(pool).await).unwrap();
        assert_eq!(tokens, ["live"]);

        // The same hour again queues nothing; the next hour purges again.
        assert_eq!(runner.run_once().await.unwrap(), RunReport::default());
        clock.advance(Duration::from_secs(60 * 60));
        let next = runner.run_once().await.unwrap();
        assert_eq!(next.scheduled, ["purge_expired@2026-11-29T12:05:00Z", "program_calendar@2026-11-29T12:01:00Z"]);
        let mut kinds: Vec<&str> = next.outcomes.iter().map(|o| o.kind.as_str()).collect();
        kinds.sort_unstable();
        assert_eq!(kinds, ["program_calendar", "purge_expired"]);
    }
}

on_both_backends! {
    async fn a_scheduled_occurrence_runs_once_when_two_runners_tick_at_the_same_time(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let clock = TestClock::at(test_now());
        let tick = |db: Db| {
            let runner = JobRunner::new(db, clock.clone());
            tokio::spawn(async move { runner.run_once().await.unwrap() })
        };

        let (a, b) = (tick(test_db.connect().await), tick(test_db.connect().await));
        let reports = [a.await.unwrap(), b.await.unwrap()];

        let mut queued: Vec<&str> = reports.iter().flat_map(|r| &r.scheduled).map(String::as_str).collect();
        queued.sort_unstable();
        assert_eq!(queued, [
            "program_calendar@2026-11-29T11:01:00Z",
            "purge_expired@2026-11-29T11:05:00Z",
            "recompute_standings@2026-11-29",
        ]);
        let mut ran: Vec<&str> = reports.iter().flat_map(|r| &r.outcomes).map(|o| o.kind.as_str()).collect();
        ran.sort_unstable();
        assert_eq!(ran, ["program_calendar", "purge_expired", "recompute_standings"], "{reports:?}");
        let rows: Vec<(String, i64, Option<i64>)> = on_db!(&db, pool => sqlx::query_as(
            "SELECT dedupe_key, attempts, finished_at FROM job ORDER BY dedupe_key").fetch_all(pool).await).unwrap();
        let done = Some(to_micros(clock.now()));
        assert_eq!(rows, [
            ("program_calendar@2026-11-29T11:01:00Z".to_owned(), 1, done),
            ("purge_expired@2026-11-29T11:05:00Z".to_owned(), 1, done),
            ("recompute_standings@2026-11-29".to_owned(), 1, done),
        ]);

        // Ticking again at once, both find the occurrences already run.
        let (a, b) = (tick(test_db.connect().await), tick(test_db.connect().await));
        assert_eq!([a.await.unwrap(), b.await.unwrap()], [RunReport::default(), RunReport::default()]);
    }
}

/// Waits until the mail with this id satisfies `done`, failing the test after 20 s.
async fn wait_for_mail(db: &Db, id: i64, sql_condition: &'static str) {
    let sql = format!("SELECT COUNT(*) FROM mail_outbox WHERE id = $1 AND {sql_condition}");
    for _ in 0..200 {
        let n: i64 =
            on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())).bind(id)
            .fetch_one(pool).await)
            .unwrap();
        if n == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("mail {id} never reached {sql_condition}");
}

fn mail_to(to: &str) -> OutgoingMail {
    OutgoingMail {
        kind: "verify_email".to_owned(),
        to: to.to_owned(),
        subject: "Confirm your address".to_owned(),
        body_text: "Hello".to_owned(),
        body_html: "<p>Hello</p>".to_owned(),
    }
}

on_both_backends! {
    async fn a_mail_the_server_refuses_for_good_is_given_up_and_an_admin_sees_it_and_retries_it(backend: Backend) {
        let smtp = SmtpServer::start().await;
        smtp.reject("nobody@example.org");
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let mut tx = app.db.begin_write().await.unwrap();
        let refused = mail::enqueue(&mut tx, &mail_to("nobody@example.org"), test_now()).await.unwrap();
        let accepted = mail::enqueue(&mut tx, &mail_to("ada@example.org"), test_now()).await.unwrap();
        tx.commit().await.unwrap();

        wait_for_mail(&app.db, refused, "gave_up_at IS NOT NULL").await;
        wait_for_mail(&app.db, accepted, "sent_at IS NOT NULL").await;
        let (attempts, error): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT attempts, last_error FROM mail_outbox WHERE id = $1").bind(refused).fetch_one(pool).await).unwrap();
        assert_eq!(attempts, 1, "a refusal for good is not retried");
        assert!(error.contains("550"), "{error}");
        assert_eq!(mail::pending_count(&app.db).await.unwrap(), 0, "mail given up on is not pending");

        let admin = browser();
        sign_in(&app, &admin, "boss@example.org", "correct horse battery").await;
        let dashboard = admin.get(format!("{}/admin", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(dashboard.contains("href=\"/admin/jobs\""), "the dashboard links the page");
        let page = admin.get(format!("{}/admin/jobs", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("<td>no…@example.org</td>"), "the recipient, masked: {page}");
        assert!(!page.contains("nobody@example.org"), "never the whole address");
        assert!(page.contains("permanent error (550): 5.1.1 no such mailbox here"), "the reply: {page}");
        assert!(page.contains(&format!("action=\"/admin/mail/{refused}/retry\"")), "{page}");
        assert!(page.contains("No job has failed."));

        // The mailbox exists now; the admin retries and the mail goes out.
        smtp.accept_all();
        let csrf = csrf_from(&admin, &format!("{}/admin/jobs", app.address)).await;
        let retried = admin.post(format!("{}/admin/mail/{refused}/retry", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(retried.status(), 303);
        assert_eq!(retried.headers()["location"], "/admin/jobs");
        wait_for_mail(&app.db, refused, "sent_at IS NOT NULL AND gave_up_at IS NULL").await;
        let recipients: Vec<String> = smtp.received().into_iter().flat_map(|r| r.to).collect();
        assert_eq!(recipients.iter().filter(|to| *to == "nobody@example.org").count(), 1);
        let audited: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'mail.retried' AND subject_id = $1")
            .bind(refused).fetch_one(pool).await).unwrap();
        assert_eq!(audited, 1);
        let page = admin.get(format!("{}/admin/jobs", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!("Mail {refused} is back in the outbox")), "the flash: {page}");
        assert!(page.contains("No mail was refused."));
    }
}

on_both_backends! {
    async fn an_admin_retries_a_failed_job_and_the_runner_runs_it_again(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        make_account(&app.db, "member@example.org", &[]).await;
        // A purge that timed out on its last attempt. Queued and failed in one transaction, so
        // the server's runner never sees it due.
        let now = test_now();
        let mut tx = app.db.begin_write().await.unwrap();
        let job = Job::PurgeExpired(PurgeExpired::default());
        let id = enqueue(&mut tx, &job, &Enqueue { max_attempts: Some(2), ..Enqueue::default() }, now)
            .await.unwrap().unwrap();
        plaudit_store::on_tx!(&mut tx, conn => sqlx::query(
            "UPDATE job SET attempts = 2, last_error = 'the job did not finish within 600 s', \
             failed_at = $2, finished_at = $2 WHERE id = $1").bind(id).bind(to_micros(now))
            .execute(conn).await.map(|_| ())).unwrap();
        tx.commit().await.unwrap();

        let admin = browser();
        sign_in(&app, &admin, "boss@example.org", "correct horse battery").await;
        let page = admin.get(format!("{}/admin/jobs", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<code>purge_expired</code>"), "{page}");
        assert!(page.contains("the job did not finish within 600 s"));
        assert!(page.contains("No mail was refused."));

        // Without the form's CSRF token nothing happens.
        let forged = admin.post(format!("{}/admin/jobs/{id}/retry", app.address)).send().await.unwrap();
        assert_eq!(forged.status(), 403);
        assert!(stored(&app.db, id).await.failed_at.is_some());
        // Nor for someone who is not an admin.
        let member = browser();
        sign_in(&app, &member, "member@example.org", "correct horse battery").await;
        let csrf = csrf_from(&member, &format!("{}/account", app.address)).await;
        let refused = member.post(format!("{}/admin/jobs/{id}/retry", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(refused.status(), 403);

        let csrf = csrf_from(&admin, &format!("{}/admin/jobs", app.address)).await;
        let retried = admin.post(format!("{}/admin/jobs/{id}/retry", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(retried.status(), 303);
        // The server's runner picks it up within its poll and it succeeds this time.
        let mut job = stored(&app.db, id).await;
        for _ in 0..200 {
            if job.finished_at.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            job = stored(&app.db, id).await;
        }
        assert_eq!(job, Stored {
            attempts: 1,
            run_at: to_micros(now),
            locked_until: None,
            last_error: None,
            finished_at: Some(to_micros(now)),
            failed_at: None,
        });
        let audited: Vec<(Option<i64>, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT actor_account_id, detail FROM audit_log WHERE action = 'job.retried' AND subject_id = $1")
            .bind(id).fetch_all(pool).await).unwrap();
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].1, "kind=purge_expired");
        let page = admin.get(format!("{}/admin/jobs", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!("Job {id} is queued again")), "the flash: {page}");
        assert!(page.contains("No job has failed."));

        // A second click finds nothing to retry and says so.
        let csrf = csrf_from(&admin, &format!("{}/admin/jobs", app.address)).await;
        admin.post(format!("{}/admin/jobs/{id}/retry", app.address)).form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        let page = admin.get(format!("{}/admin/jobs", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!("Job {id} is not waiting for a retry")), "{page}");
    }
}

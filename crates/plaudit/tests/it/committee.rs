//! The committee over HTTP, on both databases: a cycle's candidacies go to review by the
//! program's clock, reviewers see only what they may (scope and conflicts, blind review), vote
//! with scores, an admin finalizes once the quorum is in, deferrals come back in a later round,
//! and the announcement tells everyone, gives the awards, and does so once.

use std::sync::Arc;

use jiff::Timestamp;
use plaudit::ops::{Ctx, calendar};
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, TestClock, browser, csrf_from};
use crate::on_both_backends;

pub(crate) async fn count(db: &Db, sql: &str) -> i64 {
    let sql = sql.to_owned();
    on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await).unwrap()
}

pub(crate) async fn exec(db: &Db, sql: String) {
    on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|_| ()))
        .unwrap();
}

/// A cycle in review on the test's day (2026-11-29), announced on 2026-12-01, with the
/// category's current rubric pinned.
pub(crate) async fn cycle_in_review(db: &Db) -> i64 {
    exec(
        db,
        "INSERT INTO cycle (slug, name, kind, award_year, nominations_open_on, \
         nominations_close_on, contributions_due_on, review_start_on, review_end_on, \
         announcement_on, created_at) VALUES ('autumn-2026', 'Autumn 2026', 'new_awards', 2026, \
         '2026-08-01', '2026-09-30', '2026-10-31', '2026-11-01', '2026-11-30', '2026-12-01', 0)"
            .to_owned(),
    )
    .await;
    let id = count(db, "SELECT id FROM cycle WHERE slug = 'autumn-2026'").await;
    let mut tx = db.begin_write().await.unwrap();
    plaudit_store::rubrics::pin_current(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub(crate) async fn first_category(db: &Db) -> i64 {
    count(db, "SELECT id FROM category ORDER BY position, id LIMIT 1").await
}

/// A signed-in member who is a candidate of `cycle` in `category`, submitted.
pub(crate) async fn submitted_candidate(
    app: &TestApp,
    email: &str,
    cycle: i64,
    category: i64,
) -> (i64, i64) {
    let account = make_account(&app.db, email, &[]).await;
    let person =
        count(&app.db, &format!("SELECT person_id FROM account WHERE id = {account}")).await;
    exec(
        &app.db,
        format!(
            "INSERT INTO candidacy (cycle_id, category_id, person_id, state, submitted_at, \
             created_at, updated_at) VALUES ({cycle}, {category}, {person}, 'submitted', 0, 0, 0)"
        ),
    )
    .await;
    let candidacy = count(
        &app.db,
        &format!("SELECT id FROM candidacy WHERE person_id = {person} AND cycle_id = {cycle}"),
    )
    .await;
    exec(
        &app.db,
        format!(
            "INSERT INTO nomination (candidacy_id, nominator_person_id, nominee_name, \
             nominee_email, reason, is_self, created_at) VALUES ({candidacy}, {person}, 'x', \
             '{email}', 'Runs the meetup and writes about it every week.', TRUE, 0)"
        ),
    )
    .await;
    (person, candidacy)
}

/// A reviewer of `category`, signed in.
async fn reviewer(app: &TestApp, email: &str, category: i64) -> (reqwest::Client, i64) {
    let account = make_account(&app.db, email, &["reviewer"]).await;
    exec(
        &app.db,
        format!(
            "INSERT INTO reviewer_scope (account_id, category_id) VALUES ({account}, {category})"
        ),
    )
    .await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    let person =
        count(&app.db, &format!("SELECT person_id FROM account WHERE id = {account}")).await;
    (client, person)
}

async fn signed_in(app: &TestApp, email: &str, roles: &[&str]) -> reqwest::Client {
    make_account(&app.db, email, roles).await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    client
}

/// Submits a review: every criterion scored `score`, with `vote` and `rationale`.
async fn review(
    app: &TestApp,
    client: &reqwest::Client,
    candidacy: i64,
    score: i64,
    vote: &str,
    rationale: &str,
) -> reqwest::Response {
    let url = format!("{}/review/{candidacy}", app.address);
    let page = client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200, "the reviewer sees the candidacy");
    let html = page.text().await.unwrap();
    let csrf = csrf_from(client, &url).await;
    let mut form = vec![
        ("csrf".to_owned(), csrf),
        ("vote".to_owned(), vote.to_owned()),
        ("rationale".to_owned(), rationale.to_owned()),
    ];
    for part in html.split("name=\"score-").skip(1) {
        let id: String = part.chars().take_while(char::is_ascii_digit).collect();
        form.push((format!("score-{id}"), score.to_string()));
    }
    client.post(&url).form(&form).send().await.unwrap()
}

async fn finalize(
    app: &TestApp,
    admin: &reqwest::Client,
    candidacy: i64,
    outcome: &str,
    rationale: &str,
) -> reqwest::Response {
    let csrf = csrf_from(admin, &format!("{}/admin/cycles", app.address)).await;
    admin
        .post(format!("{}/admin/candidacies/{candidacy}/finalize", app.address))
        .form(&[("csrf", csrf.as_str()), ("outcome", outcome), ("rationale", rationale)])
        .send()
        .await
        .unwrap()
}

pub(crate) fn ctx(app: &TestApp, clock: &Arc<TestClock>) -> Ctx {
    Ctx { db: app.db.clone(), clock: clock.clone(), public_url: app.address.clone() }
}

pub(crate) fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

on_both_backends! {
    async fn a_cycle_goes_from_review_to_letters_and_awards_once(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET review_quorum = 2, blind_review = FALSE".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (_, ada) = submitted_candidate(&app, "ada@example.net", cycle, category).await;
        let (bo_person, bo) = submitted_candidate(&app, "bo@example.net", cycle, category).await;

        // The calendar sends submitted candidacies to review. (The application's own job
        // runner runs the same calendar on the same clock: the tests read what happened from
        // the database, not from one runner's report.)
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM candidacy WHERE cycle_id = {cycle} AND state = 'in_review'")).await, 2);

        let (first, _) = reviewer(&app, "r1@sponsor.example", category).await;
        let (second, _) = reviewer(&app, "r2@sponsor.example", category).await;
        let (third, third_person) = reviewer(&app, "r3@sponsor.example", category).await;
        // The third reviewer endorsed Bo: a conflict.
        exec(&app.db, format!("INSERT INTO endorsement (candidacy_id, endorser_person_id, body, created_at) VALUES ({bo}, {third_person}, 'Great work.', 0)")).await;
        let queue = third.get(format!("{}/review", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(queue.contains(&format!("/review/{ada}")), "{queue}");
        assert!(!queue.contains(&format!("/review/{bo}\"")) && !queue.contains(&format!("/review/{bo}?")), "a conflict is in no list");
        assert_eq!(third.get(format!("{}/review/{bo}", app.address)).send().await.unwrap().status(), 404, "nor at its URL");
        assert_eq!(
            third.post(format!("{}/review/{bo}", app.address)).form(&[("csrf", "x")]).send().await.unwrap().status().as_u16() / 100,
            4
        );
        // Someone outside the category's scope sees nothing of it either.
        let (other_scope, _) = reviewer(&app, "r4@sponsor.example", category + 1).await;
        assert_eq!(other_scope.get(format!("{}/review/{ada}", app.address)).send().await.unwrap().status(), 404);

        // A vote against the rubric's advice needs a rationale; what was typed comes back.
        let ada_total = count(&app.db, &format!("SELECT COALESCE(standing_total, 0) FROM candidacy WHERE id = {ada}")).await;
        let against = if ada_total >= 60 { "decline" } else { "award" };
        let refused = review(&app, &first, ada, 4, against, "").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("goes against the rubric"), "{page}");
        assert!(page.contains(&format!("value=\"{against}\" checked")), "the vote is kept");
        assert_eq!(review(&app, &first, ada, 4, "award", "Consistent, well-received talks all year.").await.status(), 303);
        assert_eq!(review(&app, &second, ada, 3, "award", "Strong community work.").await.status(), 303);
        assert_eq!(review(&app, &first, bo, 2, "decline", "Too little this year.").await.status(), 303);

        // Bo has one vote of the two needed: no decision yet.
        let admin = signed_in(&app, "admin@sponsor.example", &["admin"]).await;
        let early = finalize(&app, &admin, bo, "decline", "").await;
        assert_eq!(early.status(), 303);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM decision WHERE candidacy_id = {bo}")).await, 0);
        assert_eq!(review(&app, &second, bo, 2, "decline", "Not enough yet.").await.status(), 303);

        // Deciding against the majority needs the admin's reason.
        let departing = finalize(&app, &admin, ada, "decline", "").await;
        assert_eq!(departing.status(), 422);
        // Ada has recorded nothing in this test, so awarding her departs from the rubric: the
        // admin says why, and the decision records the departure.
        assert_eq!(finalize(&app, &admin, ada, "award", "").await.status(), 422);
        assert_eq!(finalize(&app, &admin, ada, "award", "Her talks reached thousands; the rubric undercounts them.").await.status(), 303);
        assert_eq!(finalize(&app, &admin, bo, "decline", "").await.status(), 303);
        let (outcome, votes, from_majority, from_rubric): (String, i64, bool, bool) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT outcome, votes_award, departs_from_majority, departs_from_rubric FROM decision WHERE candidacy_id = $1")
            .bind(ada).fetch_one(pool).await).unwrap();
        assert_eq!((outcome.as_str(), votes, from_majority, from_rubric), ("award", 2, false, true));
        // Nothing is told before the announcement.
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'decision_letter'").await, 0);

        // Announcement day: two servers run the calendar at once; everything happens once.
        clock.set(at("2026-12-01T08:00:00Z"));
        // Two servers: the test's pool and the application's own.
        let (here, there) = (ctx(&app, &clock), Ctx { db: app.app_db.clone(), ..ctx(&app, &clock) });
        let (one, two) = tokio::join!(calendar::run(&here), calendar::run(&there));
        let (one, two) = (one.unwrap(), two.unwrap());
        assert!(one.cycles_announced + two.cycles_announced <= 1);
        assert!(count(&app.db, &format!("SELECT COUNT(*) FROM cycle WHERE id = {cycle} AND announced_at IS NOT NULL")).await == 1);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM award WHERE candidacy_id = {ada}")).await, 1);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM award WHERE person_id = {bo_person}")).await, 0);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'decision_letter'").await, 2);
        let again = calendar::run(&ctx(&app, &clock)).await.unwrap();
        assert_eq!(again.cycles_announced, 0);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'decision_letter'").await, 2);

        // The award chains onto the renewal date (July 1st in the demo): December to June.
        let (year, starts, ends): (i64, String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT award_year, starts_on, ends_on FROM award WHERE candidacy_id = $1")
            .bind(ada).fetch_one(pool).await).unwrap();
        assert_eq!(starts, "2026-12-01");
        assert_eq!((year, ends.as_str()), (2026, "2027-06-30"));

        // The letter, in the candidate's language, and on their page; reviewers are never named.
        let (text,): (String,) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT body_text FROM mail_outbox WHERE kind = 'decision_letter' AND to_address = 'ada@example.net'")
            .fetch_one(pool).await).unwrap();
        assert!(text.contains("has awarded you") && text.contains(" points") && text.contains("the rubric undercounts"), "{text}");
        assert!(!text.contains("r1@") && !text.contains("r2"), "{text}");
        let ada_client = browser();
        assert_eq!(sign_in(&app, &ada_client, "ada@example.net", "correct horse battery").await.status(), 303);
        let letter = ada_client.get(format!("{}/candidacies/{ada}/decision", app.address)).send().await.unwrap();
        assert_eq!(letter.status(), 200);
        let letter = letter.text().await.unwrap();
        assert!(letter.contains("Congratulations") && letter.contains("2027-06-30"), "{letter}");
        assert!(!letter.contains("r1") && !letter.contains("r2@"), "{letter}");
        // Nobody else reads it.
        assert_eq!(first.get(format!("{}/candidacies/{ada}/decision", app.address)).send().await.unwrap().status(), 404);
        assert!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('decision.finalized', 'award.given', 'cycle.announced', 'review.submitted')").await >= 7);
    }
}

on_both_backends! {
    async fn a_deferral_is_decided_in_a_later_round_and_every_round_is_kept(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET review_quorum = 1".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (_, cy) = submitted_candidate(&app, "cy@example.net", cycle, category).await;
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let (first, _) = reviewer(&app, "r1@sponsor.example", category).await;
        let admin = signed_in(&app, "admin@sponsor.example", &["admin"]).await;

        assert_eq!(review(&app, &first, cy, 3, "defer", "Too early to tell.").await.status(), 303);
        assert_eq!(finalize(&app, &admin, cy, "defer", "Promising; let us see the autumn talks.").await.status(), 303);
        let csrf = csrf_from(&admin, &format!("{}/admin/cycles", app.address)).await;
        let started = admin.post(format!("{}/admin/cycles/{cycle}/next-round", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(started.status(), 303);
        assert_eq!(count(&app.db, &format!("SELECT review_round FROM candidacy WHERE id = {cy}")).await, 2);
        // The second round starts blank: the first round's vote stays with the first round.
        let page = first.get(format!("{}/review/{cy}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Round 2") && page.contains("Promising"), "{page}");
        let total = count(&app.db, &format!("SELECT COALESCE(standing_total, 0) FROM candidacy WHERE id = {cy}")).await;
        let rationale = if total >= 60 { "" } else { "The autumn talks made the difference." };
        assert_eq!(review(&app, &first, cy, 4, "award", rationale).await.status(), 303);
        assert_eq!(finalize(&app, &admin, cy, "award", rationale).await.status(), 303);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM review WHERE candidacy_id = {cy}")).await, 2);
        let rounds: Vec<(i64, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT round, outcome FROM decision WHERE candidacy_id = $1 ORDER BY round")
            .bind(cy).fetch_all(pool).await).unwrap();
        assert_eq!(rounds, vec![(1, "defer".to_owned()), (2, "award".to_owned())]);
    }
}

on_both_backends! {
    async fn blind_review_hides_who_the_candidate_is_on_every_reviewer_page(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET blind_review = TRUE".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (person, dee) = submitted_candidate(&app, "dee@example.net", cycle, category).await;
        exec(&app.db, format!("UPDATE person SET display_name = 'Deirdre Quillfeather', employer = 'Quillworks', \
            links = 'Blog\thttps://quill.example/' WHERE id = {person}")).await;
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let (first, _) = reviewer(&app, "r1@sponsor.example", category).await;
        for path in ["/review".to_owned(), format!("/review/{dee}")] {
            let page = first.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(page.status(), 200, "{path}");
            let page = page.text().await.unwrap();
            for hidden in ["Deirdre", "Quillfeather", "Quillworks", "quill.example", "dee@example"] {
                assert!(!page.contains(hidden), "{path} shows {hidden}");
            }
            assert!(page.contains(&format!("Candidate {dee}")), "{path}");
        }
        let token = crate::auth::token_for(&app.db, "r1@sponsor.example").await;
        for path in ["/api/v1/review/candidacies".to_owned(), format!("/api/v1/review/candidacies/{dee}")] {
            let answer = app.client.get(format!("{}{path}", app.address)).bearer_auth(&token).send().await.unwrap();
            assert_eq!(answer.status(), 200, "{path}");
            let body = answer.text().await.unwrap();
            for hidden in ["Deirdre", "Quillfeather", "Quillworks", "quill.example", "dee@example"] {
                assert!(!body.contains(hidden), "{path} shows {hidden}: {body}");
            }
            assert!(body.contains(&format!("\"id\":{dee}")), "{body}");
        }
    }
}

on_both_backends! {
    async fn a_finished_decision_keeps_its_standing_when_the_rubric_changes(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET review_quorum = 1".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (_, eve) = submitted_candidate(&app, "eve@example.net", cycle, category).await;
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let (first, _) = reviewer(&app, "r1@sponsor.example", category).await;
        let admin = signed_in(&app, "admin@sponsor.example", &["admin"]).await;
        assert_eq!(review(&app, &first, eve, 1, "decline", "Not this year.").await.status(), 303);
        let total = count(&app.db, &format!("SELECT COALESCE(standing_total, 0) FROM candidacy WHERE id = {eve}")).await;
        let reason = if total >= 60 { "Quality concerns the reviewers raised." } else { "" };
        assert_eq!(finalize(&app, &admin, eve, "decline", reason).await.status(), 303);
        let before: (i64, i64, Option<i64>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT standing_total, threshold, rubric_version_id FROM decision WHERE candidacy_id = $1")
            .bind(eve).fetch_one(pool).await).unwrap();

        // A new, stricter version is published; the nightly recompute runs.
        exec(&app.db, format!("INSERT INTO rubric_version (category_id, version, threshold, \
            consistency_points_per_month, consistency_cap, note, published_at, created_at) \
            SELECT category_id, version + 1, threshold + 40, consistency_points_per_month, \
            consistency_cap, 'Stricter', 1, 1 FROM rubric_version WHERE category_id = {category} \
            AND version = (SELECT MAX(version) FROM rubric_version WHERE category_id = {category})")).await;
        plaudit::ops::standings::recompute_all(&app.db, clock.as_ref()).await.unwrap();
        let after: (i64, i64, Option<i64>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT standing_total, threshold, rubric_version_id FROM decision WHERE candidacy_id = $1")
            .bind(eve).fetch_one(pool).await).unwrap();
        assert_eq!(before, after);
        // The cycle still decides by the version it pinned.
        let pinned = count(&app.db, &format!("SELECT rubric_version_id FROM cycle_rubric WHERE cycle_id = {cycle} AND category_id = {category}")).await;
        assert_eq!(Some(pinned), after.2);
    }
}

on_both_backends! {
    async fn renewals_open_remind_once_and_chain_onto_the_renewal_date(backend: Backend) {
        // The demo's newest awards run 2026-07-01 to 2027-06-30; the renewal date is July 1st.
        let clock = TestClock::at(at("2027-03-02T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET review_quorum = 1, renewal_reminder_days = '60,7'".to_owned()).await;
        // The demo's own cycle of 2027 takes renewals: contributions due March 31st, review
        // from April 1st, announced on the renewal date.
        let cycle = count(&app.db, "SELECT id FROM cycle WHERE announcement_on = '2027-07-01'").await;
        let ending = count(&app.db, "SELECT COUNT(*) FROM award WHERE ends_on = '2027-06-30' AND ended_early_on IS NULL").await;
        assert!(ending >= 2, "the demo has awards to renew");

        calendar::run(&ctx(&app, &clock)).await.unwrap();
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM candidacy WHERE cycle_id = {cycle} AND renewal_of_award_id IS NOT NULL AND state = 'accepted'")).await, ending);
        assert_eq!(calendar::run(&ctx(&app, &clock)).await.unwrap().renewals_opened, 0, "once");
        // 60 days before July 1st: one reminder per award, however many servers run (these
        // two, and the application's own runner on the same clock).
        clock.set(at("2027-05-02T09:00:00Z"));
        let (here, there) = (ctx(&app, &clock), Ctx { db: app.app_db.clone(), ..ctx(&app, &clock) });
        let (one, two) = tokio::join!(calendar::run(&here), calendar::run(&there));
        let (one, two) = (one.unwrap(), two.unwrap());
        let reminded = count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'renewal_reminder'").await;
        assert!(reminded >= (one.reminders + two.reminders) as i64);
        let with_accounts = count(&app.db, "SELECT COUNT(*) FROM award w WHERE w.ends_on = '2027-06-30' AND w.ended_early_on IS NULL             AND EXISTS (SELECT 1 FROM account a WHERE a.person_id = w.person_id)").await;
        assert_eq!(reminded, with_accounts, "one reminder for each awardee");
        assert_eq!(count(&app.db, "SELECT COUNT(DISTINCT to_address) FROM mail_outbox WHERE kind = 'renewal_reminder'").await, reminded);
        assert_eq!(count(&app.db, "SELECT COUNT(DISTINCT award_id) FROM renewal_reminder WHERE days_before = 60").await, ending);
        calendar::run(&here).await.unwrap();
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'renewal_reminder'").await, reminded);
        // Review started on April 1st: the renewals went to the committee as they stood.
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM candidacy WHERE cycle_id = {cycle} AND renewal_of_award_id IS NOT NULL AND state = 'in_review'")).await, ending);

        // One is renewed, one is not.
        let renewals = format!("FROM candidacy WHERE cycle_id = {cycle} AND renewal_of_award_id IS NOT NULL");
        let kept = count(&app.db, &format!("SELECT MIN(id) {renewals}")).await;
        let dropped = count(&app.db, &format!("SELECT MAX(id) {renewals}")).await;
        let category = count(&app.db, &format!("SELECT category_id FROM candidacy WHERE id = {kept}")).await;
        let dropped_category = count(&app.db, &format!("SELECT category_id FROM candidacy WHERE id = {dropped}")).await;
        let (first, _) = reviewer(&app, "r1@sponsor.example", category).await;
        exec(&app.db, format!("INSERT INTO reviewer_scope (account_id, category_id) SELECT id, {dropped_category} FROM account WHERE email_normalized = 'r1@sponsor.example' AND {dropped_category} <> {category}")).await;
        let admin = signed_in(&app, "admin@sponsor.example", &["admin"]).await;
        let why = "Weighed against the year's work.";
        assert_eq!(review(&app, &first, kept, 4, "award", why).await.status(), 303);
        assert_eq!(review(&app, &first, dropped, 1, "decline", why).await.status(), 303);
        assert_eq!(finalize(&app, &admin, kept, "award", why).await.status(), 303);
        assert_eq!(finalize(&app, &admin, dropped, "decline", why).await.status(), 303);

        clock.set(at("2027-07-01T09:00:00Z"));
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let old: i64 = count(&app.db, &format!("SELECT renewal_of_award_id FROM candidacy WHERE id = {kept}")).await;
        let (year, starts, ends, renews): (i64, String, String, Option<i64>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT award_year, starts_on, ends_on, renewal_of_award_id FROM award WHERE candidacy_id = $1")
            .bind(kept).fetch_one(pool).await).unwrap();
        assert_eq!((year, starts.as_str(), ends.as_str(), renews), (2027, "2027-07-01", "2028-06-30", Some(old)));
        let old_year = count(&app.db, &format!("SELECT award_year FROM award WHERE id = {old}")).await;
        assert_eq!(old_year + 1, year, "the renewal continues the chain");

        // After the end date, the award that was not renewed has ended: its holder is an alumnus.
        clock.set(at("2027-07-02T09:00:00Z"));
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let dropped_award = count(&app.db, &format!("SELECT renewal_of_award_id FROM candidacy WHERE id = {dropped}")).await;
        let reason: Option<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT end_reason FROM award WHERE id = $1").bind(dropped_award).fetch_one(pool).await).unwrap();
        assert_eq!(reason.as_deref(), Some("term_ended"));
        let renewed_reason: Option<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT end_reason FROM award WHERE id = $1").bind(old).fetch_one(pool).await).unwrap();
        assert_eq!(renewed_reason, None, "a renewed award continues, it does not end");
    }
}

on_both_backends! {
    async fn an_awardee_who_joins_the_sponsor_gives_the_award_up_at_once(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let email = crate::auth::demo_account(&app.db, "EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
            AND w.starts_on <= '2026-11-29' AND w.ends_on >= '2026-11-29' AND w.ended_early_on IS NULL)").await;
        let person = count(&app.db, &format!("SELECT person_id FROM account WHERE email_normalized = '{email}'")).await;
        let sponsor: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT sponsor_name FROM program_settings").fetch_one(pool).await).unwrap();
        let client = browser();
        assert_eq!(sign_in(&app, &client, &email, "correct horse battery").await.status(), 303);
        let csrf = csrf_from(&client, &format!("{}/profile", app.address)).await;
        let employer = format!("  {} ", sponsor.to_uppercase());
        let saved = client.post(format!("{}/profile", app.address))
            .form(&[("csrf", csrf.as_str()), ("name", "Former Awardee"), ("employer", employer.as_str()),
                    ("minimum_age", "yes"), ("code_of_conduct", "yes")])
            .send().await.unwrap();
        assert_eq!(saved.status(), 303, "{}", saved.text().await.unwrap());
        let (on, reason): (Option<String>, Option<String>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT ended_early_on, end_reason FROM award WHERE person_id = $1 ORDER BY starts_on DESC LIMIT 1")
            .bind(person).fetch_one(pool).await).unwrap();
        assert_eq!((on.as_deref(), reason.as_deref()), (Some("2026-11-29"), Some("joined_sponsor")));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'award_given_up'").await, 1);
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'award.ended' AND subject_type = 'award' \
            AND subject_id IN (SELECT id FROM award WHERE person_id = {person})")).await, 1);
    }
}

on_both_backends! {
    async fn an_admin_limits_a_reviewer_to_regions_and_the_queue_follows(backend: Backend) {
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        exec(&app.db, "UPDATE program_settings SET reviewer_regions_enabled = TRUE, blind_review = FALSE".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (person, ada) = submitted_candidate(&app, "ada@example.net", cycle, category).await;
        exec(&app.db, format!("UPDATE person SET country = 'DE', region = 'Europe' WHERE id = {person}")).await;
        calendar::run(&ctx(&app, &clock)).await.unwrap();
        let (client, reviewer_person) = reviewer(&app, "r1@sponsor.example", category).await;
        let account = count(&app.db, &format!("SELECT id FROM account WHERE person_id = {reviewer_person}")).await;
        let admin = signed_in(&app, "admin@sponsor.example", &["admin"]).await;
        let scope = async |regions: &str| {
            let path = format!("{}/admin/people/{account}", app.address);
            let page = admin.get(&path).send().await.unwrap().text().await.unwrap();
            assert!(page.contains(&format!("id=\"regions-{category}\"")), "{page}");
            let csrf = csrf_from(&admin, &path).await;
            let field = format!("regions-{category}");
            let category = category.to_string();
            let saved = admin.post(format!("{path}/roles"))
                .form(&[("csrf", csrf.as_str()), ("role", "reviewer"), ("category", category.as_str()), (field.as_str(), regions)])
                .send().await.unwrap();
            assert_eq!(saved.status(), 303);
        };
        let sees = async || {
            let queue = client.get(format!("{}/review", app.address)).send().await.unwrap().text().await.unwrap();
            let page = client.get(format!("{}/review/{ada}", app.address)).send().await.unwrap().status();
            (queue.contains(&format!("/review/{ada}")), page.as_u16())
        };
        scope("FR, Asia").await;
        assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM reviewer_scope WHERE account_id = {account}")).await, 2);
        assert_eq!(sees().await, (false, 404), "outside the reviewer's regions");
        scope("FR, DE").await;
        assert_eq!(sees().await, (true, 200), "her country is in scope");
        scope("Europe").await;
        assert_eq!(sees().await, (true, 200), "so is her region");
        scope("").await;
        assert_eq!(sees().await, (true, 200), "no region: everywhere");
        let page = admin.get(format!("{}/admin/people/{account}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!("id=\"category-{category}\" name=\"category\" value=\"{category}\" checked")), "{page}");
    }
}

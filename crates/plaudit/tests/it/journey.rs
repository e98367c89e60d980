//! The candidate's journey over HTTP, on both databases: nominating (and every refusal, which
//! writes nothing), the invitation a nominee without an account answers, contributions and the
//! standing they move, submitting, and the same operations under /api/v1.

use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from, link_in};
use crate::on_both_backends;

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

/// Counts of every table a nomination could touch, to prove a refusal wrote nothing.
async fn nomination_rows(db: &Db) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM person",
        "SELECT COUNT(*) FROM person_identity",
        "SELECT COUNT(*) FROM candidacy",
        "SELECT COUNT(*) FROM candidacy_event",
        "SELECT COUNT(*) FROM nomination",
        "SELECT COUNT(*) FROM candidacy_invitation",
        "SELECT COUNT(*) FROM mail_outbox",
        "SELECT COUNT(*) FROM audit_log",
    ] {
        counts.push(count(db, sql).await);
    }
    counts
}

async fn first_category(db: &Db) -> String {
    on_db!(db, pool => sqlx::query_scalar("SELECT slug FROM category ORDER BY position, id LIMIT 1")
        .fetch_one(pool).await)
    .unwrap()
}

async fn signed_in_member(app: &TestApp, email: &str) -> reqwest::Client {
    make_account(&app.db, email, &[]).await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    client
}

async fn nominate(
    app: &TestApp,
    client: &reqwest::Client,
    category: &str,
    name: &str,
    email: &str,
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/nominate", app.address)).await;
    client
        .post(format!("{}/nominate", app.address))
        .form(&[
            ("csrf", csrf.as_str()),
            ("category", category),
            ("name", name),
            ("email", email),
            ("links", "https://blog.example.org/\nhttps://github.com/someone"),
            ("reason", "Runs the city's user group and answers questions every week."),
        ])
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn a_nominee_without_an_account_accepts_by_mail_and_the_nominator_learns_only_that(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let category = first_category(&app.db).await;
        let nominator = signed_in_member(&app, "nominator@example.org").await;
        let sent = nominate(&app, &nominator, &category, "Noa Nominee", "noa@example.net").await;
        assert_eq!(sent.status(), 303);
        assert_eq!(sent.headers()["location"], "/nominations");
        let list = nominator.get(format!("{}/nominations", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Noa Nominee") && list.contains("Waiting for their answer"), "{list}");

        let (to, text): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT to_address, body_text FROM mail_outbox WHERE kind = 'nomination_invitation'")
            .fetch_one(pool).await).unwrap();
        assert_eq!(to, "noa@example.net");
        let link = link_in(&text).replace("http://127.0.0.1:8080", &app.address);
        assert!(link.contains("/invitations/"), "{link}");
        let accounts_before = count(&app.db, "SELECT COUNT(*) FROM account").await;

        // The nominee has no account: the page offers to make one, and asks age and conduct.
        let nominee = browser();
        let page = nominee.get(&link).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Noa Nominee") && page.contains("name=\"password\""), "{page}");
        let csrf = csrf_from(&nominee, &link).await;
        let refused = nominee.post(format!("{link}/accept"))
            .form(&[("csrf", csrf.as_str()), ("name", "Noa Nominee"), ("password", "a long enough password")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 422, "the age and the code of conduct are confirmed first");
        let page = refused.text().await.unwrap();
        assert!(page.contains("at least 18 years old") && page.contains("value=\"Noa Nominee\""), "{page}");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM account").await, accounts_before);

        let accepted = nominee.post(format!("{link}/accept"))
            .form(&[("csrf", csrf.as_str()), ("name", "Noa Nominee"), ("password", "a long enough password"),
                    ("minimum_age", "yes"), ("code_of_conduct", "yes")])
            .send().await.unwrap();
        assert_eq!(accepted.status(), 303);
        let candidacy_page = accepted.headers()["location"].to_str().unwrap().to_owned();
        assert!(candidacy_page.starts_with("/candidacies/"));
        let page = nominee.get(format!("{}{candidacy_page}", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200, "the new account is signed in");
        let page = page.text().await.unwrap();
        assert!(page.contains("Being prepared") && page.contains("Where you stand"), "{page}");
        assert!(page.contains("<svg class=\"chart\""), "the standing has its chart");

        let (state, age, conduct): (String, Option<i64>, Option<String>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.state, p.age_confirmed_at, p.code_of_conduct_version FROM candidacy c \
             JOIN person p ON p.id = c.person_id JOIN person_identity i ON i.person_id = p.id \
             WHERE i.normalized = 'noa@example.net'").fetch_one(pool).await).unwrap();
        assert_eq!(state, "accepted");
        assert!(age.is_some());
        assert_eq!(conduct.as_deref(), Some("2.0"));
        // The link is spent.
        assert_eq!(nominee.get(&link).send().await.unwrap().status(), 400);

        let told: Vec<(String, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT to_address, body_text FROM mail_outbox WHERE kind = 'nomination_accepted'")
            .fetch_all(pool).await).unwrap();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].0, "nominator@example.org");
        assert!(told[0].1.contains("Noa Nominee accepted"), "{}", told[0].1);
        assert!(!told[0].1.contains("noa@example.net"), "nothing more private than the outcome");
        let list = nominator.get(format!("{}/nominations", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("Accepted"), "{list}");
    }
}

on_both_backends! {
    async fn a_second_nomination_joins_the_candidacy_and_keeps_every_reason(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let category = first_category(&app.db).await;
        let first = signed_in_member(&app, "first@example.org").await;
        let second = signed_in_member(&app, "second@example.org").await;
        assert_eq!(nominate(&app, &first, &category, "Sam Both", "sam@example.net").await.status(), 303);
        assert_eq!(nominate(&app, &second, &category, "Sam Both", "SAM@example.net").await.status(), 303);
        let (candidacies, nominations): (i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT COUNT(DISTINCT c.id), COUNT(n.id) \
             FROM candidacy c JOIN nomination n ON n.candidacy_id = c.id \
             JOIN person_identity i ON i.person_id = c.person_id WHERE i.normalized = 'sam@example.net'")
            .fetch_one(pool).await).unwrap();
        assert_eq!((candidacies, nominations), (1, 2), "one candidacy, both nominations kept");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'nomination_invitation'").await, 1,
            "the nominee is invited once");

        // The same nominator again: refused, nothing written.
        let before = nomination_rows(&app.db).await;
        let again = nominate(&app, &first, &category, "Sam Both", "sam@example.net").await;
        assert_eq!(again.status(), 409);
        let page = again.text().await.unwrap();
        assert!(page.contains("already nominated") && page.contains("value=\"Sam Both\""), "{page}");
        assert_eq!(nomination_rows(&app.db).await, before);
    }
}

on_both_backends! {
    async fn every_refusal_says_why_and_writes_nothing(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let category = first_category(&app.db).await;
        let member = signed_in_member(&app, "member@example.org").await;
        let cases = [
            ("Sponsor Staff", "staff@northwind.example", 422, "cannot be nominated"),
            ("Sponsor Sub", "staff@eu.nwcloud.example", 422, "cannot be nominated"),
            ("Myself", "member@example.org", 403, "nominations of oneself"),
            ("", "not-an-address", 422, "fields marked below"),
        ];
        for (name, email, status, says) in cases {
            let before = nomination_rows(&app.db).await;
            let refused = nominate(&app, &member, &category, name, email).await;
            assert_eq!(refused.status(), status, "{email}");
            let page = refused.text().await.unwrap();
            assert!(page.contains(says), "{email}: {page}");
            assert!(page.contains(&format!("value=\"{email}\"")), "what was typed is kept");
            assert_eq!(nomination_rows(&app.db).await, before, "{email}: nothing written");
        }

        // One category per person, when the program says so: someone with a live candidacy
        // in another category of the open cycle cannot be nominated in this one.
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET multiple_categories_allowed = FALSE")
            .execute(pool).await.map(|_| ())).unwrap();
        let (email, other): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT i.value, cat.slug FROM candidacy c JOIN cycle y ON y.id = c.cycle_id \
             JOIN person_identity i ON i.person_id = c.person_id AND i.kind = 'email' \
             JOIN category cat ON cat.id <> c.category_id \
             WHERE y.nominations_open_on <= '2026-11-29' AND y.nominations_close_on >= '2026-11-29' \
               AND c.state = 'accepted' \
               AND NOT EXISTS (SELECT 1 FROM award a WHERE a.person_id = c.person_id) \
             ORDER BY c.id, cat.id LIMIT 1").fetch_one(pool).await).unwrap();
        let before = nomination_rows(&app.db).await;
        let refused = nominate(&app, &member, &other, "Already Elsewhere", &email).await;
        assert_eq!(refused.status(), 409);
        assert!(refused.text().await.unwrap().contains("one category"));
        assert_eq!(nomination_rows(&app.db).await, before);

        // A current awardee of the category.
        let (email, slug): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT i.value, cat.slug FROM award a JOIN category cat ON cat.id = a.category_id \
             JOIN person_identity i ON i.person_id = a.person_id AND i.kind = 'email' \
             WHERE a.starts_on <= '2026-11-29' AND a.ends_on >= '2026-11-29' AND a.ended_early_on IS NULL \
             ORDER BY a.id LIMIT 1").fetch_one(pool).await).unwrap();
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET multiple_categories_allowed = TRUE")
            .execute(pool).await.map(|_| ())).unwrap();
        let before = nomination_rows(&app.db).await;
        let refused = nominate(&app, &member, &slug, "Current Awardee", &email).await;
        assert_eq!(refused.status(), 409);
        assert!(refused.text().await.unwrap().contains("already holds the award"));
        assert_eq!(nomination_rows(&app.db).await, before);
    }
}

on_both_backends! {
    async fn nominations_are_refused_when_no_cycle_takes_them(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        // The open cycle closed its nominations yesterday.
        on_db!(&app.db, pool => sqlx::query(
            "UPDATE cycle SET nominations_close_on = '2026-11-28' WHERE nominations_close_on >= '2026-11-29'")
            .execute(pool).await.map(|_| ())).unwrap();
        let category = first_category(&app.db).await;
        let member = signed_in_member(&app, "late@example.org").await;
        let page = member.get(format!("{}/nominate", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("No cycle is taking nominations"), "{page}");
        let before = nomination_rows(&app.db).await;
        let csrf = csrf_from(&member, &format!("{}/contributions", app.address)).await;
        let refused = member.post(format!("{}/nominate", app.address))
            .form(&[("csrf", csrf.as_str()), ("category", category.as_str()), ("name", "Too Late"),
                    ("email", "late-nominee@example.net"), ("reason", "Great work.")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 409);
        assert_eq!(nomination_rows(&app.db).await, before);
    }
}

/// Signs in as a demo candidate preparing a candidacy in the open cycle.
async fn demo_candidate(app: &TestApp) -> (reqwest::Client, i64, i64) {
    let today = "2026-11-29".parse().unwrap();
    let sign_ins =
        plaudit::demo::sign_ins::prepare(&app.db, today, crate::helpers::test_now()).await.unwrap();
    let candidate = sign_ins.iter().find(|s| s.role == "candidate").unwrap();
    let client = browser();
    assert_eq!(
        sign_in(app, &client, &candidate.email, plaudit::demo::sign_ins::DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    let (person_id, candidacy_id): (i64, i64) = on_db!(&app.db, pool => sqlx::query_as(
        "SELECT c.person_id, c.id FROM candidacy c JOIN person_identity i ON i.person_id = c.person_id \
         WHERE i.normalized = $1 AND c.state = 'accepted' ORDER BY c.id DESC LIMIT 1")
        .bind(candidate.email.to_lowercase()).fetch_one(pool).await).unwrap();
    (client, person_id, candidacy_id)
}

async fn saved_total(db: &Db, person_id: i64) -> i64 {
    on_db!(db, pool => sqlx::query_scalar("SELECT MAX(total) FROM standing WHERE person_id = $1")
        .bind(person_id).fetch_one(pool).await)
    .unwrap_or(0)
}

on_both_backends! {
    async fn a_contribution_is_checked_kept_when_refused_and_moves_the_standing_when_saved(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, person_id, candidacy_id) = demo_candidate(&app).await;
        let csrf = csrf_from(&client, &format!("{}/contributions/new", app.address)).await;
        let contributions_before = count(&app.db, "SELECT COUNT(*) FROM contribution").await;

        // Copies sold is not a blog post's figure; the end is before the start.
        let refused = client.post(format!("{}/contributions", app.address))
            .form(&[("csrf", csrf.as_str()), ("type", "blog_post"), ("title", "Tracing async Rust"),
                    ("started_on", "2026-10-02"), ("ended_on", "2026-09-01"), ("role", "author"),
                    ("visibility", "public"), ("views", "1,200"), ("copies_sold", "3")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("does not apply to the type"), "{page}");
        assert!(page.contains("before the first day"), "{page}");
        assert!(page.contains("value=\"Tracing async Rust\"") && page.contains("value=\"1,200\""), "kept: {page}");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution").await, contributions_before);

        // A year of moderation counts for every month it covers.
        let before = saved_total(&app.db, person_id).await;
        let saved = client.post(format!("{}/contributions", app.address))
            .form(&[("csrf", csrf.as_str()), ("type", "forum_moderation"), ("title", "Moderating the Rust forum"),
                    ("started_on", "2025-12-01"), ("ended_on", "2026-11-28"), ("role", "moderator"),
                    ("visibility", "program_only"), ("url", "https://forum.example.org/u/mod?utm_source=x")])
            .send().await.unwrap();
        assert_eq!(saved.status(), 303);
        let after = saved_total(&app.db, person_id).await;
        assert!(after >= before, "the standing is recomputed on save ({before} → {after})");
        let page = client.get(format!("{}/candidacies/{candidacy_id}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Moderating the Rust forum"), "the breakdown lists it: {page}");

        // The same address again is flagged as a duplicate, not added twice.
        let twice = client.post(format!("{}/contributions", app.address))
            .form(&[("csrf", csrf.as_str()), ("type", "forum_moderation"), ("title", "Again"),
                    ("started_on", "2026-01-01"), ("role", "moderator"),
                    ("url", "https://FORUM.example.org/u/mod/")])
            .send().await.unwrap();
        assert_eq!(twice.status(), 422);
        assert!(twice.text().await.unwrap().contains("You already recorded this address"));
    }
}

on_both_backends! {
    async fn a_candidate_submits_once_before_the_deadline_and_cannot_twice(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, _, candidacy_id) = demo_candidate(&app).await;
        let confirm = client.get(format!("{}/candidacies/{candidacy_id}/submit", app.address)).send().await.unwrap();
        assert_eq!(confirm.status(), 200);
        let page = confirm.text().await.unwrap();
        assert!(page.contains("public contribution"), "{page}");
        let csrf = csrf_from(&client, &format!("{}/candidacies/{candidacy_id}/submit", app.address)).await;
        let submitted = client.post(format!("{}/candidacies/{candidacy_id}/submit", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(submitted.status(), 303);
        let state: String = on_db!(&app.db, pool => sqlx::query_scalar("SELECT state FROM candidacy WHERE id = $1")
            .bind(candidacy_id).fetch_one(pool).await).unwrap();
        assert_eq!(state, "submitted");
        let events = count(&app.db, "SELECT COUNT(*) FROM candidacy_event").await;
        let audit = count(&app.db, "SELECT COUNT(*) FROM audit_log").await;
        let again = client.post(format!("{}/candidacies/{candidacy_id}/submit", app.address))
            .form(&[("csrf", csrf.as_str())]).send().await.unwrap();
        assert_eq!(again.status(), 409);
        assert!(again.text().await.unwrap().contains("while the candidacy is submitted"));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM candidacy_event").await, events);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log").await, audit);
        // Someone else's candidacy is not there for them.
        let stranger = signed_in_member(&app, "stranger@example.org").await;
        let peek = stranger.get(format!("{}/candidacies/{candidacy_id}", app.address)).send().await.unwrap();
        assert_eq!(peek.status(), 404);
    }
}

on_both_backends! {
    async fn the_api_nominates_keeps_contributions_and_tells_the_standing(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (_, person_id, _) = demo_candidate(&app).await;
        let email: String = on_db!(&app.db, pool => sqlx::query_scalar("SELECT email_normalized FROM account WHERE person_id = $1")
            .bind(person_id).fetch_one(pool).await).unwrap();
        let token = {
            let id: i64 = on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM account WHERE email_normalized = $1")
                .bind(&email).fetch_one(pool).await).unwrap();
            let token = format!("plaudit_journey_{id}");
            let mut tx = app.db.begin_write().await.unwrap();
            plaudit_store::api_tokens::create(&mut tx, id, "journey", &plaudit::crypto::tokens::hash_token(&token),
                "read_write", crate::helpers::test_now()).await.unwrap();
            tx.commit().await.unwrap();
            token
        };
        let api = reqwest::Client::new();
        let created = api.post(format!("{}/api/v1/me/contributions", app.address)).bearer_auth(&token)
            .json(&serde_json::json!({"type": "speaking_conference", "title": "Keynote at RustConf",
                "started_on": "2026-09-10", "role": "speaker", "reach": {"attendees": 900}}))
            .send().await.unwrap();
        assert_eq!(created.status(), 201);
        let body: serde_json::Value = created.json().await.unwrap();
        let id = body["id"].as_i64().unwrap();
        assert_eq!(body["reach"]["attendees"], 900);

        let bad = api.put(format!("{}/api/v1/me/contributions/{id}", app.address)).bearer_auth(&token)
            .json(&serde_json::json!({"type": "speaking_conference", "title": "", "started_on": "soon", "role": "speaker"}))
            .send().await.unwrap();
        assert_eq!(bad.status(), 422);
        let body: serde_json::Value = bad.json().await.unwrap();
        assert_eq!(body["error"]["code"], "validation_failed");
        assert!(body["error"]["fields"]["title"].is_string() && body["error"]["fields"]["started_on"].is_string(), "{body}");

        let standing: serde_json::Value = api.get(format!("{}/api/v1/me/standing", app.address)).bearer_auth(&token)
            .send().await.unwrap().json().await.unwrap();
        assert!(standing[0]["threshold"].as_u64().unwrap() > 0, "{standing}");
        assert!(standing[0]["criteria"].as_array().is_some_and(|c| !c.is_empty()));

        let deleted = api.delete(format!("{}/api/v1/me/contributions/{id}", app.address)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(deleted.status(), 204);
        let gone = api.get(format!("{}/api/v1/me/contributions/{id}", app.address)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(gone.status(), 404);

        let refused = api.post(format!("{}/api/v1/nominations", app.address)).bearer_auth(&token)
            .json(&serde_json::json!({"category": "nope", "name": "X", "email": "x@northwind.example", "reason": "r"}))
            .send().await.unwrap();
        assert_eq!(refused.status(), 422);
        let body: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(body["error"]["code"], "validation_failed");
        assert!(body["error"]["fields"]["category"].is_string(), "{body}");
    }
}

/// Signs in as a current awardee of the demo (giving them an account with the test password).
async fn demo_awardee(app: &TestApp) -> reqwest::Client {
    let (account_id, email): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
        "SELECT x.id, x.email FROM award a JOIN account x ON x.person_id = a.person_id \
         WHERE a.starts_on <= '2026-11-29' AND a.ends_on >= '2026-11-29' AND a.ended_early_on IS NULL \
           AND a.revoked_at IS NULL AND x.disabled_at IS NULL \
         ORDER BY a.id LIMIT 1").fetch_one(pool).await).unwrap();
    let now = crate::helpers::test_now();
    let hash = plaudit::crypto::password::hash("correct horse battery".to_owned()).await.unwrap();
    let mut tx = app.db.begin_write().await.unwrap();
    plaudit_store::accounts::set_password(&mut tx, account_id, &hash, now).await.unwrap();
    plaudit_store::accounts::mark_email_verified(&mut tx, account_id, now).await.unwrap();
    tx.commit().await.unwrap();
    let client = browser();
    assert_eq!(sign_in(app, &client, &email, "correct horse battery").await.status(), 303);
    client
}

async fn endorse(
    app: &TestApp,
    client: &reqwest::Client,
    candidacy_id: i64,
    path: &str,
    body: &str,
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/contributions", app.address)).await;
    client
        .post(format!("{}/candidacies/{candidacy_id}/endorse{path}", app.address))
        .form(&[("csrf", csrf.as_str()), ("body", body)])
        .send()
        .await
        .unwrap()
}

async fn endorsement_rows(db: &Db) -> Vec<i64> {
    vec![
        count(db, "SELECT COUNT(*) FROM endorsement").await,
        count(db, "SELECT COUNT(*) FROM endorsement WHERE withdrawn_at IS NULL").await,
        count(db, "SELECT COUNT(*) FROM audit_log").await,
    ]
}

on_both_backends! {
    async fn an_awardee_endorses_once_and_nobody_endorses_themselves(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (candidate, _, candidacy_id) = demo_candidate(&app).await;
        let awardee = demo_awardee(&app).await;

        let page = awardee.get(format!("{}/candidacies/{candidacy_id}/endorse", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let before = endorsement_rows(&app.db).await;
        let given = endorse(&app, &awardee, candidacy_id, "", "Generous with help on the forum all year.").await;
        assert_eq!(given.status(), 303);
        assert_eq!(endorsement_rows(&app.db).await[0], before[0] + 1);

        // A second endorsement by the same awardee is refused; editing is the way.
        let before = endorsement_rows(&app.db).await;
        let twice = endorse(&app, &awardee, candidacy_id, "", "Again!").await;
        assert_eq!(twice.status(), 409);
        assert!(twice.text().await.unwrap().contains("already endorsed"));
        assert_eq!(endorsement_rows(&app.db).await, before);
        let edited = endorse(&app, &awardee, candidacy_id, "/edit", "Generous and precise, all year.").await;
        assert_eq!(edited.status(), 303);

        // Empty words are refused, with the page kept.
        let before = endorsement_rows(&app.db).await;
        let empty = endorse(&app, &awardee, candidacy_id, "/edit", "   ").await;
        assert_eq!(empty.status(), 422);
        assert_eq!(endorsement_rows(&app.db).await, before);

        // The candidate cannot endorse themselves; a plain member may not endorse at all.
        let member = signed_in_member(&app, "plain@example.org").await;
        let before = endorsement_rows(&app.db).await;
        let own = endorse(&app, &candidate, candidacy_id, "", "I am great.").await;
        assert!([403, 422].contains(&own.status().as_u16()), "{}", own.status());
        let plain = endorse(&app, &member, candidacy_id, "", "Nice person.").await;
        assert_eq!(plain.status(), 403);
        assert!(plain.text().await.unwrap().contains("current awardees endorse"));
        assert_eq!(endorsement_rows(&app.db).await, before);

        // The candidate reads it, with the endorser's own history.
        let page = candidate.get(format!("{}/candidacies/{candidacy_id}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Generous and precise, all year.") && page.contains("Awardee since"), "{page}");
    }
}

on_both_backends! {
    async fn the_candidate_cannot_endorse_their_own_candidacy_even_as_an_awardee(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        // Members may endorse in this program, so only the self rule stands in the way.
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET member_endorsements_allowed = TRUE")
            .execute(pool).await.map(|_| ())).unwrap();
        let (candidate, _, candidacy_id) = demo_candidate(&app).await;
        let before = endorsement_rows(&app.db).await;
        let own = endorse(&app, &candidate, candidacy_id, "", "I am great.").await;
        assert_eq!(own.status(), 422);
        assert!(own.text().await.unwrap().contains("cannot endorse your own candidacy"));
        assert_eq!(endorsement_rows(&app.db).await, before);
        let member = signed_in_member(&app, "fan@example.org").await;
        assert_eq!(endorse(&app, &member, candidacy_id, "", "A fan of their talks.").await.status(), 303);
    }
}

on_both_backends! {
    async fn an_autosaved_draft_comes_back_until_it_is_saved_or_discarded(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, _, _) = demo_candidate(&app).await;
        let csrf = csrf_from(&client, &format!("{}/contributions/new", app.address)).await;
        let draft = [("csrf", csrf.as_str()), ("draft_for", ""), ("type", "podcast"),
                     ("title", "Half-typed episode notes"), ("description", "We talked about"),
                     ("views", "12x")];
        let kept = client.post(format!("{}/contributions/draft", app.address)).form(&draft).send().await.unwrap();
        assert_eq!(kept.status(), 204);
        let drafts = count(&app.db, "SELECT COUNT(*) FROM contribution_draft").await;
        assert_eq!(drafts, 1);
        // A draft is kept as typed, even where it would not pass ("12x").
        let page = client.get(format!("{}/contributions/new", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("We restored what you typed"), "{page}");
        assert!(page.contains("value=\"Half-typed episode notes\"") && page.contains("value=\"12x\""), "{page}");
        assert!(page.contains("data-restored-at="));

        let discarded = client.post(format!("{}/contributions/draft/discard", app.address))
            .form(&[("csrf", csrf.as_str()), ("draft_for", "")]).send().await.unwrap();
        assert_eq!(discarded.status(), 303);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution_draft").await, 0);

        // Saved for real, the draft goes.
        client.post(format!("{}/contributions/draft", app.address)).form(&draft).send().await.unwrap();
        let saved = client.post(format!("{}/contributions", app.address))
            .form(&[("csrf", csrf.as_str()), ("draft_for", ""), ("type", "podcast"), ("title", "Episode 12"),
                    ("started_on", "2026-10-01"), ("role", "host"), ("views", "300")])
            .send().await.unwrap();
        assert_eq!(saved.status(), 303);
        assert_eq!(saved.headers()["location"], "/contributions?saved=new");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution_draft").await, 0);

        // Someone else's contribution takes no draft from them.
        let other: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT c.id FROM contribution c WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id = c.person_id) LIMIT 1")
            .fetch_one(pool).await).unwrap();
        let other_id = other.to_string();
        let refused = client.post(format!("{}/contributions/draft", app.address))
            .form(&[("csrf", csrf.as_str()), ("draft_for", other_id.as_str()), ("title", "mine now")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 404);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM contribution_draft").await, 0);
    }
}

on_both_backends! {
    async fn private_and_program_only_work_never_reaches_visitors_other_candidates_or_endorsers(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (owner, _, candidacy_id) = demo_candidate(&app).await;
        let csrf = csrf_from(&owner, &format!("{}/contributions/new", app.address)).await;
        let mut ids = Vec::new();
        for (visibility, title) in [("private", "SECRET-PRIVATE-TITLE"), ("program_only", "SECRET-PROGRAM-TITLE")] {
            let saved = owner.post(format!("{}/contributions", app.address))
                .form(&[("csrf", csrf.as_str()), ("type", "mentorship"), ("title", title),
                        ("started_on", "2026-11-28"), ("role", "host"), ("visibility", visibility),
                        ("private_note", "SECRET-NOTE-FOR-REVIEWERS")])
                .send().await.unwrap();
            assert_eq!(saved.status(), 303);
            let id: i64 = on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM contribution WHERE title = $1")
                .bind(title).fetch_one(pool).await).unwrap();
            ids.push(id);
        }
        let secrets = ["SECRET-PRIVATE-TITLE", "SECRET-PROGRAM-TITLE", "SECRET-NOTE-FOR-REVIEWERS"];
        let leaks = |body: &str| secrets.iter().filter(|s| body.contains(*s)).count();

        // The owner sees their own.
        let own = owner.get(format!("{}/contributions", app.address)).send().await.unwrap().text().await.unwrap();
        assert_eq!(leaks(&own), 2, "the owner's list shows both titles");

        let visitor = browser();
        let other = signed_in_member(&app, "other-candidate@example.org").await;
        let endorser = demo_awardee(&app).await;
        let mut surfaces = vec!["/".to_owned(), format!("/rubrics/{}", first_category(&app.db).await),
            format!("/candidacies/{candidacy_id}"), format!("/candidacies/{candidacy_id}/endorse"),
            "/contributions".to_owned(), "/candidacies".to_owned(), "/nominations".to_owned()];
        for id in &ids {
            surfaces.push(format!("/contributions/{id}/edit"));
            surfaces.push(format!("/contributions/{id}/duplicate"));
        }
        for (who, client) in [("visitor", &visitor), ("another member", &other), ("an endorser", &endorser)] {
            for path in &surfaces {
                let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
                let status = response.status().as_u16();
                let body = response.text().await.unwrap();
                assert_eq!(leaks(&body), 0, "{who} sees a secret at {path} ({status})");
            }
        }
        // Nor through the API, with the other member's own token.
        let other_account: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM account WHERE email_normalized = 'other-candidate@example.org'").fetch_one(pool).await).unwrap();
        let token = format!("plaudit_other_{other_account}");
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::api_tokens::create(&mut tx, other_account, "peek", &plaudit::crypto::tokens::hash_token(&token),
            "read_only", crate::helpers::test_now()).await.unwrap();
        tx.commit().await.unwrap();
        let api = reqwest::Client::new();
        for path in [format!("/api/v1/me/contributions/{}", ids[0]), format!("/api/v1/me/contributions/{}", ids[1]),
                     "/api/v1/me/contributions".to_owned(), "/api/v1/me/standing".to_owned()] {
            let response = api.get(format!("{}{path}", app.address)).bearer_auth(&token).send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert_eq!(leaks(&body), 0, "the API leaks at {path} ({status})");
        }
    }
}

on_both_backends! {
    async fn a_profile_features_only_as_many_high_impact_contributions_as_the_program_sets(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (client, person_id, _) = demo_candidate(&app).await;
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET featured_contributions = 1")
            .execute(pool).await.map(|_| ())).unwrap();
        on_db!(&app.db, pool => sqlx::query("UPDATE contribution SET high_impact = FALSE WHERE person_id = $1")
            .bind(person_id).execute(pool).await.map(|_| ())).unwrap();
        let csrf = csrf_from(&client, &format!("{}/contributions/new", app.address)).await;
        let post = |title: &'static str| {
            let client = client.clone();
            let csrf = csrf.clone();
            let url = format!("{}/contributions", app.address);
            async move {
                client.post(url).form(&[("csrf", csrf.as_str()), ("type", "article"), ("title", title),
                    ("started_on", "2026-10-10"), ("role", "author"), ("high_impact", "yes")])
                    .send().await.unwrap()
            }
        };
        assert_eq!(post("The one that matters").await.status(), 303);
        let refused = post("Another that matters").await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("at most 1 high-impact"));
    }
}

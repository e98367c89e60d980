//! The ground every flow stands on: one answer to "what day is it", accounts for people the
//! program already knows, pages that cost no write to look at, and pages in the reader's
//! language.

use std::sync::Arc;

use plaudit::ops::Ctx;
use plaudit::ops::accounts::{self, AddUserInput};
use plaudit::web::routes;
use plaudit_store::{Db, on_db, schema, sqlx};

use crate::auth::make_account;
use crate::helpers::{
    TestApp, TestClock, browser, csrf_from, link_in, person_without_account, test_clock,
};
use crate::on_both_backends;

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

async fn join(app: &TestApp, email: &str) -> reqwest::Response {
    let client = browser();
    let csrf = csrf_from(&client, &format!("{}/sign-up", app.address)).await;
    client
        .post(format!("{}/sign-up", app.address))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Someone Joining"),
            ("email", email),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn joining_with_the_address_of_a_known_person_answers_as_any_and_gives_them_the_account(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (person_id, email) = person_without_account(&app.db).await;
        let people = count(&app.db, "SELECT COUNT(*) FROM person").await;

        let known = join(&app, &email).await;
        let stranger = join(&app, "nobody-known@example.org").await;
        assert_eq!(known.status(), stranger.status());
        assert_eq!(known.status(), 303);
        assert_eq!(known.headers()["location"], stranger.headers()["location"]);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM person").await, people + 1, "only the stranger is a new person");

        let text: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT body_text FROM mail_outbox WHERE to_address = $1 AND kind = 'verify_email'")
            .bind(&email).fetch_one(pool).await).unwrap();
        let link = link_in(&text).replace("http://127.0.0.1:8080", &app.address);
        let verified = browser().get(&link).send().await.unwrap();
        assert_eq!(verified.headers()["location"], "/sign-in?verified=1");

        let (account_person, verified_at): (i64, Option<i64>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT person_id, email_verified_at FROM account WHERE email_normalized = $1")
            .bind(email.to_lowercase()).fetch_one(pool).await).unwrap();
        assert_eq!(account_person, person_id, "the account is the known person's, history and all");
        assert!(verified_at.is_some());
    }
}

on_both_backends! {
    async fn the_command_line_gives_a_known_person_their_account_too(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (person_id, email) = person_without_account(&app.db).await;
        let ctx = Ctx { db: app.db.clone(), clock: Arc::new(test_clock()), public_url: app.address.clone() };
        let input = AddUserInput { email: email.clone(), name: None, roles: vec![] };
        let added = accounts::add_user(&ctx, input).await.unwrap();
        assert!(added.one_time_password.is_some());
        let account_person: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE id = $1").bind(added.account_id).fetch_one(pool).await).unwrap();
        assert_eq!(account_person, person_id);
    }
}

/// The rows of every table, to see that nothing was written.
async fn row_counts(db: &Db) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in schema::describe(db).await.unwrap().into_keys() {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 =
            on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
                .unwrap();
        counts.push((table, n));
    }
    counts
}

on_both_backends! {
    async fn looking_at_every_anonymous_page_writes_nothing_and_forms_still_need_their_token(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        // The job runner's first pass (scheduled at start) writes; wait until it has nothing
        // left, so only what the visitor causes can change a count.
        for _ in 0..100 {
            if count(&app.db, "SELECT COUNT(*) FROM job WHERE finished_at IS NULL").await == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let before = row_counts(&app.db).await;
        let client = browser();
        for spec in routes::specs() {
            if spec.method != axum::http::Method::GET || spec.access != plaudit::auth::Access::Anyone {
                continue;
            }
            let path = spec.path.replace("{file}", "missing.css").replace("{id}", "1");
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert!(response.status().as_u16() < 500, "{path}: {}", response.status());
        }
        assert_eq!(row_counts(&app.db).await, before, "a visitor who only looks costs no write");

        // The forms still refuse a post without their token, and take one with it.
        let refused = browser()
            .post(format!("{}/sign-in", app.address))
            .form(&[("email", "x@example.org"), ("password", "wrong password")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 403);
        let csrf = csrf_from(&client, &format!("{}/sign-in", app.address)).await;
        let stranger = browser()
            .post(format!("{}/sign-in", app.address))
            .form(&[("csrf", csrf.as_str()), ("email", "x@example.org"), ("password", "wrong password")])
            .send().await.unwrap();
        assert_eq!(stranger.status(), 403, "another browser's token is worthless without its cookie");
        let taken = client
            .post(format!("{}/sign-in", app.address))
            .form(&[("csrf", csrf.as_str()), ("email", "x@example.org"), ("password", "wrong password")])
            .send().await.unwrap();
        assert_eq!(taken.status(), 422, "with its token the form is read");
    }
}

on_both_backends! {
    async fn the_awardee_role_and_the_home_page_agree_on_the_date_around_midnight(backend: Backend) {
        // Kiritimati is UTC+14: 23:30 and 00:30 there are both the previous day in UTC.
        let before_midnight: jiff::Timestamp = "2026-12-09T09:30:00Z".parse().unwrap();
        let after_midnight: jiff::Timestamp = "2026-12-09T10:30:00Z".parse().unwrap();
        let clock = TestClock::at(before_midnight);
        let app = TestApp::spawn_with_demo_at(backend, clock.clone()).await;
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET time_zone = 'Pacific/Kiritimati'")
            .execute(pool).await.map(|_| ())).unwrap();
        let account_id = make_account(&app.db, "newly@example.org", &[]).await;
        on_db!(&app.db, pool => sqlx::query(
            "INSERT INTO award (person_id, category_id, award_year, starts_on, ends_on, credential_id, created_at) \
             SELECT a.person_id, (SELECT MIN(id) FROM category), 2099, '2026-12-10', '2027-12-09', 'test-credential', 0 \
             FROM account a WHERE a.id = $1").bind(account_id).execute(pool).await.map(|_| ())).unwrap();
        let token = format!("plaudit_clock_{account_id}");
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::api_tokens::create(&mut tx, account_id, "clock", &plaudit::crypto::tokens::hash_token(&token), "read", crate::helpers::test_now()).await.unwrap();
        tx.commit().await.unwrap();

        let roles = || async {
            let me: serde_json::Value = app.client.get(format!("{}/api/v1/me", app.address))
                .bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            me["roles"].as_array().unwrap().iter().any(|r| r == "awardee")
        };
        let awardees_on_home = || async {
            let page = app.get("/").await.text().await.unwrap();
            let at = page.find("Awardees today</dt><dd>").unwrap() + "Awardees today</dt><dd>".len();
            page[at..].split('<').next().unwrap().to_owned()
        };
        let expected = |date: &str| {
            let date: jiff::civil::Date = date.parse().unwrap();
            let db = app.db.clone();
            async move { plaudit_store::program::counts(&db, date).await.unwrap().awardees.to_string() }
        };

        assert!(!roles().await, "23:30 on the 9th: the award starts tomorrow");
        assert_eq!(awardees_on_home().await, expected("2026-12-09").await);
        clock.set(after_midnight);
        assert!(roles().await, "00:30 on the 10th, program time: an awardee, though UTC says the 9th");
        assert_eq!(awardees_on_home().await, expected("2026-12-10").await);
        assert_ne!(expected("2026-12-09").await, expected("2026-12-10").await);
    }
}

on_both_backends! {
    async fn a_german_browser_gets_german_words_and_a_saved_choice_wins(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let german = app.client.get(format!("{}/sign-in?verified=1", app.address))
            .header("accept-language", "de-AT,de;q=0.9,en;q=0.5").send().await.unwrap();
        assert_eq!(german.headers()["content-language"], "de");
        let page = german.text().await.unwrap();
        assert!(page.contains("<html lang=\"de\">"), "{page}");
        assert!(page.contains("Ihre Adresse ist bestätigt"), "{page}");

        let missing = app.client.get(format!("{}/no-such-page", app.address))
            .header("accept-language", "de").send().await.unwrap();
        assert_eq!(missing.status(), 404);
        assert!(missing.text().await.unwrap().contains("Seite nicht gefunden"));

        let api = app.client.get(format!("{}/api/v1/me", app.address))
            .header("accept-language", "de").send().await.unwrap();
        assert_eq!(api.status(), 401);
        let body: serde_json::Value = api.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthenticated");
        assert_eq!(body["error"]["message"], "Melden Sie sich an oder senden Sie ein API-Token.");

        // A member who chose German reads German whatever the browser asks, mail included.
        make_account(&app.db, "deutsch@example.org", &[]).await;
        let client = browser();
        let csrf = csrf_from(&client, &format!("{}/sign-in", app.address)).await;
        let signed_in = client.post(format!("{}/sign-in", app.address))
            .form(&[("csrf", csrf.as_str()), ("email", "deutsch@example.org"), ("password", "correct horse battery"), ("next", "/account")])
            .send().await.unwrap();
        assert_eq!(signed_in.status(), 303);
        let csrf = csrf_from(&client, &format!("{}/account", app.address)).await;
        let saved = client.post(format!("{}/account/language", app.address))
            .form(&[("csrf", csrf.as_str()), ("language", "de")]).send().await.unwrap();
        assert_eq!(saved.status(), 303);
        let account = client.get(format!("{}/account", app.address))
            .header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(account.contains("Sprache gespeichert."), "{account}");
        assert!(account.contains("<html lang=\"de\">"));

        let csrf = csrf_from(&client, &format!("{}/account", app.address)).await;
        let short = client.post(format!("{}/account/password", app.address))
            .form(&[("csrf", csrf.as_str()), ("current", "correct horse battery"), ("password", "short")])
            .send().await.unwrap();
        assert_eq!(short.status(), 303);
        let account = client.get(format!("{}/account", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("Verwenden Sie mindestens 10 Zeichen"), "the validation error in German: {account}");

        let csrf = csrf_from(&client, &format!("{}/account", app.address)).await;
        client.post(format!("{}/account/email", app.address))
            .form(&[("csrf", csrf.as_str()), ("current", "correct horse battery"), ("email", "neu@example.org")])
            .send().await.unwrap();
        let subject: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT subject FROM mail_outbox WHERE to_address = 'neu@example.org'").fetch_one(pool).await).unwrap();
        assert!(subject.starts_with("Bestätigen Sie Ihre neue Adresse"), "{subject}");
    }
}

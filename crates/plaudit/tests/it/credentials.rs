//! Forgotten passwords, and changing one's password and address, on both backends.

use plaudit_store::{Db, on_db, sqlx};

use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::helpers::{browser, csrf_from, link_in as mail_link};
use crate::on_both_backends;

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/sign-in", app.address)).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client.post(format!("{}{path}", app.address)).form(&form).send().await.unwrap()
}

async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let client = browser();
    let response =
        post(app, &client, "/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(response.status(), 303, "{email} signs in");
    client
}

async fn is_signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    client.get(format!("{}/account", app.address)).send().await.unwrap().status() == 200
}

async fn mails_to(db: &Db, to: &str) -> Vec<(String, String)> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT kind, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id")
        .bind(to).fetch_all(pool).await)
    .unwrap()
}

fn link_in(text: &str, app: &TestApp) -> String {
    mail_link(text).replace("http://127.0.0.1:8080", &app.address)
}

on_both_backends! {
    async fn a_forgotten_password_is_reset_by_a_single_use_link_that_signs_out_everywhere(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "fay@example.org", &[]).await;
        let elsewhere = signed_in(&app, "fay@example.org", "correct horse battery").await;

        // The page reads the same for an address without an account, and sends nothing.
        let client = browser();
        let unknown = post(&app, &client, "/forgot-password", &[("email", "nobody@example.org")]).await;
        let known = post(&app, &client, "/forgot-password", &[("email", "FAY@example.org")]).await;
        assert_eq!(unknown.status(), known.status());
        let (unknown, known) = (unknown.text().await.unwrap(), known.text().await.unwrap());
        assert!(unknown.contains("If an account has that address") && known.contains("If an account has that address"));
        assert!(mails_to(&app.db, "nobody@example.org").await.is_empty());
        let mails = mails_to(&app.db, "fay@example.org").await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].0, "reset_password");
        let link = link_in(&mails[0].1, &app);

        // Opening the link shows a form and does not spend it.
        assert_eq!(client.get(&link).send().await.unwrap().status(), 200);
        let token = link.split("token=").nth(1).unwrap().to_owned();
        let short = post(&app, &client, "/reset-password", &[("token", &token), ("password", "short")]).await;
        assert_eq!(short.status(), 422);
        let reset = post(&app, &client, "/reset-password", &[("token", &token), ("password", "a brand new passphrase")]).await;
        assert_eq!(reset.headers()["location"], "/sign-in?reset=1");
        let again = post(&app, &client, "/reset-password", &[("token", &token), ("password", "another new passphrase")]).await;
        assert_eq!(again.status(), 400, "the link works once");

        assert!(!is_signed_in(&app, &elsewhere).await, "the reset ended the other sessions");
        let refused = post(&app, &browser(), "/sign-in", &[("email", "fay@example.org"), ("password", "correct horse battery")]).await;
        assert_eq!(refused.status(), 422, "the old password no longer works");
        signed_in(&app, "fay@example.org", "a brand new passphrase").await;
    }
}

on_both_backends! {
    async fn changing_the_password_needs_the_current_one_and_signs_out_other_browsers(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "gus@example.org", &[]).await;
        let here = signed_in(&app, "gus@example.org", "correct horse battery").await;
        let there = signed_in(&app, "gus@example.org", "correct horse battery").await;
        post(&app, &here, "/account/password", &[("current", "wrong one!!"), ("password", "a brand new passphrase")]).await;
        let page = here.get(format!("{}/account", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your current password was not right"));
        assert!(is_signed_in(&app, &there).await);

        post(&app, &here, "/account/password", &[("current", "correct horse battery"), ("password", "a brand new passphrase")]).await;
        assert!(is_signed_in(&app, &here).await, "this browser stays signed in");
        assert!(!is_signed_in(&app, &there).await, "the other one is signed out");
        signed_in(&app, "gus@example.org", "a brand new passphrase").await;
    }
}

on_both_backends! {
    async fn a_new_address_counts_only_once_its_link_is_opened_and_the_old_one_is_told(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "hal@example.org", &[]).await;
        make_account(&app.db, "taken@example.org", &[]).await;
        let client = signed_in(&app, "hal@example.org", "correct horse battery").await;

        post(&app, &client, "/account/email", &[("current", "correct horse battery"), ("email", "taken@example.org")]).await;
        let refused = mails_to(&app.db, "taken@example.org").await;
        assert_eq!(refused.last().unwrap().0, "change_email_taken");

        post(&app, &client, "/account/email", &[("current", "correct horse battery"), ("email", "hal@new.example")]).await;
        let still: String = on_db!(&app.db, pool => sqlx::query_scalar("SELECT email FROM account WHERE email_normalized = 'hal@example.org'").fetch_one(pool).await).unwrap();
        assert_eq!(still, "hal@example.org", "nothing changes before the link is opened");
        let mails = mails_to(&app.db, "hal@new.example").await;
        assert_eq!(mails[0].0, "change_email");
        let response = client.get(link_in(&mails[0].1, &app)).send().await.unwrap();
        assert_eq!(response.headers()["location"], "/account");
        let told = mails_to(&app.db, "hal@example.org").await;
        assert_eq!(told.last().unwrap().0, "email_changed");
        signed_in(&app, "hal@new.example", "correct horse battery").await;
        let old = post(&app, &browser(), "/sign-in", &[("email", "hal@example.org"), ("password", "correct horse battery")]).await;
        assert_eq!(old.status(), 422);
    }
}

on_both_backends! {
    async fn signing_out_everywhere_ends_every_session_of_the_account(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "ivy@example.org", &[]).await;
        let phone = signed_in(&app, "ivy@example.org", "correct horse battery").await;
        let laptop = signed_in(&app, "ivy@example.org", "correct horse battery").await;
        let response = post(&app, &laptop, "/account/sign-out-everywhere", &[]).await;
        assert_eq!(response.headers()["location"], "/sign-in?signed_out=1");
        assert!(!is_signed_in(&app, &phone).await);
        assert!(!is_signed_in(&app, &laptop).await);
    }
}

//! Joining, verifying, signing in and out, and the lockout, as a visitor does them in a browser.

use std::time::Duration;

use plaudit_store::{Db, on_db, sqlx};

use super::{Browser, Size};
use crate::helpers::TestApp;
use crate::helpers::{link_in, text_part};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

const PASSWORD: &str = "correct horse battery";

/// The verification link of the latest mail to `to` waiting in the outbox (no SMTP server).
async fn verification_link_in_outbox(app: &TestApp, to: &str) -> String {
    let db: &Db = &app.db;
    let text: String = on_db!(db, pool => sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1")
        .bind(to).fetch_one(pool).await)
    .unwrap();
    link_in(&text).replace("http://127.0.0.1:8080", &app.address)
}

/// Fills the join form on the page shown and sends it.
async fn join(page: &Browser, name: &str, email: &str, password: &str) -> super::Step {
    page.fill("#name", name).await?;
    page.fill("#email", email).await?;
    page.fill("#password", password).await?;
    page.submit("form[action='/sign-up'] button[type=submit]").await
}

/// Fills the sign-in form on the page shown and sends it.
async fn sign_in(page: &Browser, email: &str, password: &str) -> super::Step {
    page.fill("#email", email).await?;
    page.fill("#password", password).await?;
    page.submit("form[action='/sign-in'] button[type=submit]").await
}

on_both_backends! {
    async fn a_visitor_joins_verifies_the_address_from_the_mail_signs_in_and_out(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let smtp = SmtpServer::start().await;
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
        let clock = crate::helpers::test_clock();
        let small = plaudit::demo::Scale::Small;
        plaudit::demo::generate(&app.db, small, 7, &clock, false).await.unwrap();
        browser.run(async |page| {
            page.open(&app.address).await?;
            page.check_accessibility("the home page").await?;
            page.screenshot("home").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the home page on a phone").await?;
            page.screenshot("home-phone").await?;
            page.resize(Size::Desktop).await?;

            page.follow("Join").await?;
            assert_eq!(page.path().await?, "/sign-up");
            page.check_accessibility("the join form").await?;
            join(page, "Mae Jemison", "mae@example.org", PASSWORD).await?;
            assert_eq!(page.path().await?, "/sign-up/sent");
            assert_eq!(page.text("h1").await?, "Check your e-mail");
            page.check_accessibility("the page saying the mail is on its way").await?;

            let received = smtp.wait_for(1, Duration::from_secs(20)).await;
            assert_eq!(received[0].to, ["mae@example.org"]);
            let link = link_in(&text_part(&received[0].data));
            page.open(&link.replace("http://127.0.0.1:8080", &app.address)).await?;
            assert_eq!(page.path().await?, "/sign-in?verified=1");
            let notice = page.text(".notice").await?;
            assert_eq!(notice, "Your address is verified. Sign in to continue.");
            page.check_accessibility("the sign-in page after verifying").await?;

            sign_in(page, "mae@example.org", PASSWORD).await?;
            // Without a page to return to, signing in leads home; the header names who is in.
            assert_eq!(page.path().await?, "/");
            page.check_accessibility("the home page signed in").await?;
            page.follow("Mae Jemison").await?;
            assert_eq!(page.path().await?, "/account");
            assert_eq!(page.text("h1").await?, "Your account");
            assert!(page.text(".facts").await?.contains("Mae Jemison"));
            page.check_accessibility("the account page").await?;
            page.screenshot("account").await?;

            page.submit(".site-nav form[action='/sign-out'] button").await?;
            assert_eq!(page.path().await?, "/");
            let header = page.text(".site-nav").await?;
            assert!(header.contains("Sign in") && !header.contains("Mae Jemison"), "{header}");
            page.check_accessibility("the home page after signing out").await?;
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn the_lockout_message_is_shown_after_five_wrong_passwords(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn(backend).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-up", app.address)).await?;
            page.check_accessibility("the join form").await?;
            join(page, "Lin Lock", "lin@example.org", PASSWORD).await?;
            assert_eq!(page.path().await?, "/sign-up/sent");
            page.check_accessibility("the page saying the mail is on its way").await?;
            page.open(&verification_link_in_outbox(&app, "lin@example.org").await).await?;
            assert_eq!(page.path().await?, "/sign-in?verified=1");
            page.check_accessibility("the sign-in page after verifying").await?;

            for attempt in 1..=4 {
                sign_in(page, "lin@example.org", "wrong password!").await?;
                let alert = page.text("[role=alert]").await?;
                assert!(alert.contains("do not match"), "attempt {attempt}: {alert}");
            }
            page.check_accessibility("the sign-in page refusing a password").await?;
            sign_in(page, "lin@example.org", "wrong password!").await?;
            let alert = page.text("[role=alert]").await?;
            assert!(alert.contains("locked for a while"), "{alert}");
            page.check_accessibility("the sign-in page with the lockout").await?;
            page.screenshot("locked").await?;

            sign_in(page, "lin@example.org", PASSWORD).await?;
            let alert = page.text("[role=alert]").await?;
            assert!(alert.contains("Try again in 15 minutes"), "the right one waits too: {alert}");
            assert_eq!(page.path().await?, "/sign-in");
            page.check_accessibility("the sign-in page refusing the right password").await?;
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn bad_input_on_the_join_form_is_explained_next_to_the_fields_and_kept(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn(backend).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-up", app.address)).await?;
            page.check_accessibility("the join form").await?;
            join(page, "Katherine Johnson", "katherine-at-example.org", "short").await?;
            assert_eq!(page.text("[role=alert]").await?, "Please fix the 2 fields marked below.");
            assert!(!page.text("#email-error").await?.is_empty(), "the address is explained");
            assert!(page.text("#password-error").await?.contains("at least 10 characters"));
            assert_eq!(page.value("#name").await?, "Katherine Johnson", "the name is kept");
            assert_eq!(page.value("#email").await?, "katherine-at-example.org", "the address too");
            assert_eq!(page.value("#password").await?, "", "the password is not sent back");
            page.check_accessibility("the join form with errors").await?;
            page.screenshot("errors").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the join form with errors on a phone").await?;
            page.screenshot("errors-phone").await?;
            Ok(())
        })
        .await;
    }
}

//! Pages in the reader's language, and accounts for people the program already knows, as a
//! person meets them in a browser.

use std::time::Duration;

use plaudit_store::{on_db, sqlx};

use super::Browser;
use crate::auth::make_account;
use crate::helpers::{TestApp, link_in, person_without_account, text_part};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

const PASSWORD: &str = "correct horse battery";

pub(super) async fn spawn_with_mail(backend: plaudit_store::Backend, smtp: &SmtpServer) -> TestApp {
    let smtp_url = smtp.url();
    let app = TestApp::spawn_with(backend, |config| config.smtp_url = Some(smtp_url)).await;
    let clock = crate::helpers::test_clock();
    plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &clock, false).await.unwrap();
    app
}

on_both_backends! {
    async fn a_person_the_program_knows_joins_like_anyone_and_the_account_is_theirs(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let smtp = SmtpServer::start().await;
        let app = spawn_with_mail(backend, &smtp).await;
        let (person_id, email) = person_without_account(&app.db).await;
        let name: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT display_name FROM person WHERE id = $1").bind(person_id).fetch_one(pool).await).unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-up", app.address)).await?;
            page.fill("#name", "Typed Differently").await?;
            page.fill("#email", &email).await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-up'] button[type=submit]").await?;
            assert_eq!(page.path().await?, "/sign-up/sent", "the same answer as for any address");
            assert_eq!(page.text("h1").await?, "Check your e-mail");

            let received = smtp.wait_for(1, Duration::from_secs(20)).await;
            assert_eq!(received[0].to, std::slice::from_ref(&email));
            let link = link_in(&text_part(&received[0].data));
            page.open(&link.replace("http://127.0.0.1:8080", &app.address)).await?;
            assert_eq!(page.path().await?, "/sign-in?verified=1");
            page.fill("#email", &email).await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}/account", app.address)).await?;
            let facts = page.text(".facts").await?;
            assert!(facts.contains(&name), "their own name, from their history: {facts}");
            page.check_accessibility("the account page of a known person").await?;
            Ok(())
        })
        .await;
        let account_person: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE email_normalized = $1")
            .bind(email.to_lowercase()).fetch_one(pool).await).unwrap();
        assert_eq!(account_person, person_id);
    }
}

on_both_backends! {
    async fn a_member_switches_to_german_and_gets_the_page_its_errors_and_mail_in_german(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let smtp = SmtpServer::start().await;
        let app = spawn_with_mail(backend, &smtp).await;
        make_account(&app.db, "ilse@example.org", &[]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "ilse@example.org").await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}/account", app.address)).await?;
            assert_eq!(page.text("h1").await?, "Your account");

            page.choose("#language", "de").await?;
            page.submit("form[action='/account/language'] button[type=submit]").await?;
            assert_eq!(page.path().await?, "/account");
            assert_eq!(page.text("h1").await?, "Ihr Konto");
            assert_eq!(page.text(".notice").await?, "Sprache gespeichert.");
            assert_eq!(page.text("#password-heading").await?, "Passwort ändern");
            assert_eq!(page.text(".site-nav button").await?, "Abmelden");
            page.check_accessibility("the account page in German").await?;
            page.screenshot("account-de").await?;

            page.fill("#current-password", PASSWORD).await?;
            page.fill("#new-password", "kurz").await?;
            page.submit("form[action='/account/password'] button[type=submit]").await?;
            let notice = page.text(".notice").await?;
            assert!(notice.contains("Verwenden Sie mindestens 10 Zeichen"), "{notice}");

            page.fill("#new-email", "ilse.neu@example.org").await?;
            page.fill("#email-current-password", PASSWORD).await?;
            page.submit("form[action='/account/email'] button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Wir haben einen Link"));
            Ok(())
        })
        .await;
        let received = smtp.wait_for(1, Duration::from_secs(20)).await;
        let mail = mailparse::parse_mail(received[0].data.as_bytes()).unwrap();
        let subject = mailparse::MailHeaderMap::get_first_value(&mail.headers[..], "Subject").unwrap();
        assert!(subject.starts_with("Bestätigen Sie Ihre neue Adresse"), "{subject}");
        let text = text_part(&received[0].data);
        assert!(text.starts_with("Guten Tag,"), "{text}");
    }
}

on_both_backends! {
    async fn a_browser_set_to_german_gets_german_pages_from_the_first_visit(backend: Backend) {
        let Some(browser) = Browser::start_in(module_path!(), backend, "de").await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        browser.run(async |page| {
            page.open(&app.address).await?;
            assert_eq!(page.text("#categories-heading").await?, "Preisträger nach Kategorie");
            assert!(page.text(".cycle").await?.contains("Februar 2027"), "dates in German");
            page.check_accessibility("the home page in German").await?;
            page.screenshot("home-de").await?;
            page.follow("Registrieren").await?;
            page.fill("#name", "Käthe").await?;
            page.fill("#email", "kaethe-at-example.org").await?;
            page.fill("#password", "kurz").await?;
            page.submit("form[action='/sign-up'] button[type=submit]").await?;
            assert_eq!(page.text("[role=alert]").await?, "Bitte korrigieren Sie die 2 unten markierten Felder.");
            assert!(page.text("#password-error").await?.contains("mindestens 10 Zeichen"));
            assert_eq!(page.value("#name").await?, "Käthe", "what was typed is kept");
            page.check_accessibility("the join form with errors in German").await?;
            page.screenshot("join-errors-de").await?;
            Ok(())
        })
        .await;
    }
}

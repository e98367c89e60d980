//! The candidate's journey in a real browser: a member nominates, the nominee (no account
//! yet) accepts from the mail, records contributions of several types, watches the standing
//! and its chart move, and submits; axe checks every page on the way, in both languages.

use std::time::Duration;

use plaudit_store::{on_db, sqlx};

use super::Browser;
use super::language::spawn_with_mail;
use crate::auth::make_account;
use crate::helpers::{TestApp, link_in, text_part};
use crate::on_both_backends;
use crate::smtp::SmtpServer;

const PASSWORD: &str = "correct horse battery";

/// A spreadsheet of contributions: line 3 has a date that is no date, line 6 gives a blog
/// post copies sold.
const YEAR_CSV: &str = "type,title,started_on,role,url,views,copies_sold\n\
    blog_post,Profiling async code,2026-01-12,author,https://pat.example.net/profiling,\"2,100\",\n\
    blog_post,A bad date,2026-02-30,author,https://pat.example.net/bad,,\n\
    speaking_meetup,Ownership in ten minutes,2026-04-22,speaker,https://meetup.example.org/own,,\n\
    book,Rust for Teams,2026-06-01,author,https://books.example.org/teams,,800\n\
    blog_post,Copies of a post,2026-08-01,author,https://pat.example.net/copies,,500\n";

/// Contributions of five types, as a person types them: type, title, date, figure field and value.
const CONTRIBUTIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("blog_post", "Tracing async Rust in production", "2026-02-10", "views", "4,200"),
    ("speaking_conference", "Keynote: memory safety at scale", "2026-05-20", "attendees", "800"),
    ("open_source_project", "tokio-trace-viewer", "2026-03-01", "stars", "1,350"),
    ("forum_answers", "Answers on the users forum", "2026-07-15", "answers", "120"),
    ("video", "Live-coding a parser", "2026-09-05", "views", "9,000"),
];

on_both_backends! {
    async fn a_nominee_without_an_account_accepts_records_a_year_and_submits(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let smtp = SmtpServer::start().await;
        let app = spawn_with_mail(backend, &smtp).await;
        make_account(&app.db, "nina@example.org", &[]).await;
        let category: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category ORDER BY position, id LIMIT 1").fetch_one(pool).await).unwrap();
        let files = tempfile::tempdir().unwrap();
        let photo = files.path().join("portrait.jpg");
        std::fs::write(&photo, plaudit_media::sample_jpeg_with_gps(640, 480)).unwrap();
        let csv = files.path().join("year.csv");
        std::fs::write(&csv, YEAR_CSV).unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "nina@example.org").await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;

            page.open(&format!("{}/nominate", app.address)).await?;
            page.check_accessibility("the nomination form").await?;
            page.choose("#category", &category).await?;
            page.fill("#name", "Pat Newcomer").await?;
            page.fill("#email", "pat@example.net").await?;
            page.fill("#links", "https://pat.example.net/blog").await?;
            page.fill("#reason", "Pat answers every question on the forum and runs our meetup.").await?;
            page.submit("form[action='/nominate'] button[type=submit]").await?;
            assert_eq!(page.path().await?, "/nominations");
            page.check_accessibility("the nominator's list").await?;
            page.submit("form[action='/sign-out'] button[type=submit]").await?;

            let received = smtp.wait_for(1, Duration::from_secs(20)).await;
            assert_eq!(received[0].to, ["pat@example.net".to_owned()]);
            let link = link_in(&text_part(&received[0].data)).replace("http://127.0.0.1:8080", &app.address);
            page.open(&link).await?;
            assert_eq!(page.text("h1").await?, "You have been nominated");
            page.check_accessibility("the invitation").await?;
            page.fill("#password", "pat's own long password").await?;
            page.click("#minimum_age").await?;
            page.click("#code_of_conduct").await?;
            page.submit("form[action$='/accept'] button[type=submit]").await?;
            assert!(page.path().await?.starts_with("/candidacies/"), "the candidacy opens");
            let candidacy = page.path().await?;
            let before = page.text(".meter").await?;
            page.check_accessibility("the candidacy with its standing").await?;

            // The profile, with a photo carrying a GPS position that must not survive.
            page.open(&format!("{}/profile", app.address)).await?;
            page.fill("#headline", "Forum regular and meetup host").await?;
            page.fill("#bio", "I run the **Rust meetup** in our town.").await?;
            page.fill("#country", "DE").await?;
            page.submit("#profile-form button[type=submit]").await?;
            assert_eq!(page.text(".notice").await?, "Your profile is saved.");
            page.attach("#photo", &photo).await?;
            page.submit("#photo-form button[type=submit]").await?;
            assert_eq!(page.text(".notice").await?, "Your new photo is in place.");
            page.check_accessibility("the nominee's profile with a photo").await?;

            // A year's worth from a spreadsheet: two of its lines are wrong.
            page.open(&format!("{}/contributions/import", app.address)).await?;
            page.attach("#file", &csv).await?;
            page.submit("#import-form button[type=submit]").await?;
            let bad = page.text(".bad-lines").await?;
            assert!(bad.contains("Line 3") && bad.contains("Line 6"), "{bad}");
            page.check_accessibility("the dry run of the import").await?;
            page.submit("#confirm-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Imported 3"));

            for (kind, title, date, figure, value) in CONTRIBUTIONS {
                page.open(&format!("{}/contributions/new", app.address)).await?;
                page.choose("#type", kind).await?;
                page.fill("#title", title).await?;
                page.fill_date("#started_on", date).await?;
                page.fill(&format!("#{figure}"), value).await?;
                page.submit("#contribution-form button[type=submit]").await?;
                assert_eq!(page.path().await?, "/contributions?saved=new", "{title} saved");
            }
            page.check_accessibility("the contribution list").await?;
            page.open(&format!("{}/contributions/new", app.address)).await?;
            page.check_accessibility("the contribution form").await?;

            page.open(&format!("{}{candidacy}", app.address)).await?;
            let after = page.text(".meter").await?;
            assert_ne!(before, after, "the standing moved");
            let chart = page.text("#chart-title").await.unwrap_or_default();
            let _ = chart;
            page.screenshot("candidacy-standing").await?;

            page.open(&format!("{}{candidacy}/submit", app.address)).await?;
            page.check_accessibility("the submit confirmation").await?;
            page.submit(&format!("form[action='{candidacy}/submit'] button[type=submit]")).await?;
            assert_eq!(page.path().await?, candidacy);
            assert!(page.text(".state").await?.contains("Submitted"));
            Ok(())
        })
        .await;
        let state: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT c.state FROM candidacy c JOIN person_identity i ON i.person_id = c.person_id \
             WHERE i.normalized = 'pat@example.net'").fetch_one(pool).await).unwrap();
        assert_eq!(state, "submitted");
    }
}

on_both_backends! {
    async fn the_journey_pages_read_well_in_german(backend: Backend) {
        let Some(browser) = Browser::start_in(module_path!(), backend, "de").await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let today = "2026-11-29".parse().unwrap();
        let sign_ins = plaudit::demo::sign_ins::prepare(&app.db, today, crate::helpers::test_now()).await.unwrap();
        let candidate = sign_ins.iter().find(|s| s.role == "candidate").unwrap().clone();
        make_account(&app.db, "greta@example.org", &[]).await;
        on_db!(&app.db, pool => sqlx::query("UPDATE program_settings SET member_endorsements_allowed = TRUE")
            .execute(pool).await.map(|_| ())).unwrap();
        let category: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category ORDER BY position, id LIMIT 1").fetch_one(pool).await).unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/rubrics/{category}", app.address)).await?;
            assert!(page.text("h1").await?.starts_with("Die Kriterien"));
            page.check_accessibility("die Kriterien").await?;
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", &candidate.email).await?;
            page.fill("#password", plaudit::demo::sign_ins::DEMO_PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}/candidacies", app.address)).await?;
            page.check_accessibility("Meine Kandidaturen").await?;
            page.follow_first(".plain-list a").await?;
            assert_eq!(page.text("#standing-heading").await?, "Wo Sie stehen");
            page.check_accessibility("eine Kandidatur mit Stand").await?;
            page.screenshot("kandidatur-de").await?;
            page.open(&format!("{}/contributions", app.address)).await?;
            page.check_accessibility("Ihre Beiträge").await?;
            page.open(&format!("{}/contributions/new", app.address)).await?;
            page.choose("#type", "book").await?;
            page.fill("#title", "Ein Buch").await?;
            page.fill("#copies_sold", "12x").await?;
            page.submit("#contribution-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Feld"), "the refusal is in German");
            page.check_accessibility("das Beitragsformular mit Fehlern").await?;
            page.open(&format!("{}/nominate", app.address)).await?;
            page.check_accessibility("das Nominierungsformular").await?;
            page.open(&format!("{}/nominations", app.address)).await?;
            page.check_accessibility("Ihre Nominierungen").await?;
            let candidacy = {
                page.open(&format!("{}/candidacies", app.address)).await?;
                page.follow_first(".plain-list a").await?;
                page.path().await?
            };
            page.open(&format!("{}{candidacy}/submit", app.address)).await?;
            page.check_accessibility("die Bestätigung vor dem Einreichen").await?;
            page.submit("form[action='/sign-out'] button[type=submit]").await?;

            // Another member, where members may endorse: the endorsement page, and a
            // nomination whose invitation the nominee then opens.
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "greta@example.org").await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}{candidacy}/endorse", app.address)).await?;
            assert!(page.text("h1").await?.contains("empfehlen"));
            page.check_accessibility("die Empfehlungsseite").await?;
            page.open(&format!("{}/nominate", app.address)).await?;
            page.choose("#category", &category).await?;
            page.fill("#name", "Lena Neu").await?;
            page.fill("#email", "lena@example.net").await?;
            page.fill("#reason", "Lena beantwortet seit Jahren geduldig Fragen im Forum.").await?;
            page.submit("form[action='/nominate'] button[type=submit]").await?;
            page.submit("form[action='/sign-out'] button[type=submit]").await?;
            let text: String = on_db!(&app.db, pool => sqlx::query_scalar(
                "SELECT body_text FROM mail_outbox WHERE kind = 'nomination_invitation' AND to_address = 'lena@example.net'")
                .fetch_one(pool).await).unwrap();
            assert!(text.contains("nominiert"), "the invitation is written in the nominator's language: {text}");
            let link = link_in(&text).replace("http://127.0.0.1:8080", &app.address);
            page.open(&link).await?;
            assert_eq!(page.text("h1").await?, "Sie wurden nominiert");
            page.check_accessibility("die Einladung").await?;
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn an_awardee_endorses_from_the_link_the_candidate_shares(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let today = "2026-11-29".parse().unwrap();
        plaudit::demo::sign_ins::prepare(&app.db, today, crate::helpers::test_now()).await.unwrap();
        let candidacy: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT c.id FROM candidacy c JOIN account a ON a.person_id = c.person_id \
             WHERE c.state = 'accepted' AND a.password_hash IS NOT NULL ORDER BY c.id DESC LIMIT 1")
            .fetch_one(pool).await).unwrap();
        let (account_id, email): (i64, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT x.id, x.email FROM award a JOIN account x ON x.person_id = a.person_id \
             WHERE a.starts_on <= '2026-11-29' AND a.ends_on >= '2026-11-29' AND a.ended_early_on IS NULL \
             ORDER BY a.id LIMIT 1").fetch_one(pool).await).unwrap();
        let hash = plaudit::crypto::password::hash(PASSWORD.to_owned()).await.unwrap();
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::accounts::set_password(&mut tx, account_id, &hash, crate::helpers::test_now()).await.unwrap();
        plaudit_store::accounts::mark_email_verified(&mut tx, account_id, crate::helpers::test_now()).await.unwrap();
        tx.commit().await.unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", &email).await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}/candidacies/{candidacy}/endorse", app.address)).await?;
            page.check_accessibility("the endorsement page").await?;
            page.fill("#body", "Answers questions patiently, and their talks are the clearest I know.").await?;
            page.submit(&format!("form[action='/candidacies/{candidacy}/endorse'] button[type=submit]")).await?;
            assert!(page.text(".notice").await?.contains("endorsement is recorded"));
            page.check_accessibility("the endorsement page, endorsed").await?;
            Ok(())
        })
        .await;
        let n: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM endorsement WHERE candidacy_id = $1 AND withdrawn_at IS NULL")
            .bind(candidacy).fetch_one(pool).await).unwrap();
        assert!(n >= 1);
    }
}

on_both_backends! {
    async fn nothing_typed_is_lost_when_the_session_expires_mid_form(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "typist@example.org", &[]).await;
        browser.run(async |page| {
            let sign_in = async || -> crate::browser::Step {
                page.open(&format!("{}/sign-in", app.address)).await?;
                page.fill("#email", "typist@example.org").await?;
                page.fill("#password", PASSWORD).await?;
                page.submit("form[action='/sign-in'] button[type=submit]").await?;
                Ok(())
            };
            sign_in().await?;
            page.open(&format!("{}/contributions/new", app.address)).await?;
            page.choose("#type", "workshop").await?;
            page.fill("#title", "Hands-on async Rust").await?;
            // The script saves a draft on the server as the person types.
            let mut saved = false;
            for _ in 0..50 {
                let n: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
                    "SELECT COUNT(*) FROM contribution_draft WHERE fields LIKE '%Hands-on%'")
                    .fetch_one(pool).await).unwrap();
                if n > 0 { saved = true; break; }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert!(saved, "the draft reached the server");

            // The session expires while the person keeps typing.
            on_db!(&app.db, pool => sqlx::query("DELETE FROM web_session").execute(pool).await.map(|_| ())).unwrap();
            page.fill("#description", "Typed after the session had expired").await?;
            tokio::time::sleep(Duration::from_millis(1200)).await;
            page.submit("#contribution-form button[type=submit]").await?;
            assert!(!page.path().await?.starts_with("/contributions?saved"), "not saved without a session");

            sign_in().await?;
            page.open(&format!("{}/contributions/new", app.address)).await?;
            assert_eq!(page.value("#title").await?, "Hands-on async Rust");
            assert_eq!(page.value("#description").await?, "Typed after the session had expired");
            assert_eq!(page.value("#type").await?, "workshop");
            page.check_accessibility("the contribution form with a restored draft").await?;
            Ok(())
        })
        .await;
    }
}

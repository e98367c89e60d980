//! A whole cycle in a real browser, with the program's clock moved by the test: three
//! reviewers score and vote (one has a conflict and never sees the candidacy), the quorum
//! is met, an admin finalizes one decision and defers another to a second round, the
//! announcement tells both by mail and on their page and counts the awards on the home page,
//! and a year later one award is renewed and the other ends. axe checks every page on the way.
//!
//! Nominating and submitting are walked in `journey.rs`; here the candidacies start submitted.

use std::time::Duration;

use super::{Browser, Size};
use crate::auth::make_account;
use crate::committee::{
    at, count, ctx, cycle_in_review, exec, first_category, submitted_candidate,
};
use crate::helpers::{TestApp, TestClock, TestDb, text_part};
use crate::on_both_backends;
use crate::smtp::SmtpServer;
use plaudit::ops::calendar;

async fn sign_out(page: &Browser) -> super::Step {
    page.submit("form[action='/sign-out'] button[type=submit]").await
}

/// Scores every criterion `score`, votes, writes why, and submits the review.
async fn vote(
    page: &Browser,
    app: &TestApp,
    candidacy: i64,
    criteria: &[i64],
    score: &str,
    vote: &str,
    why: &str,
) -> super::Step {
    page.open(&format!("{}/review/{candidacy}", app.address)).await?;
    for id in criteria {
        page.choose(&format!("#score-{id}"), score).await?;
    }
    page.click(&format!("#vote-{vote}")).await?;
    page.fill("#rationale", why).await?;
    page.submit("form[action^='/review/'] button[type=submit]").await
}

async fn awardees_on_home(page: &Browser, app: &TestApp) -> super::Step<String> {
    page.open(&format!("{}/", app.address)).await?;
    page.text(".stats div:first-child dd").await
}

on_both_backends! {
    async fn a_cycle_is_reviewed_decided_announced_and_renewed_a_year_later(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let smtp = SmtpServer::start().await;
        let clock = TestClock::at(at("2026-11-29T12:00:00Z"));
        let smtp_url = smtp.url();
        let app = TestApp::spawn_full(TestDb::new(backend).await, |c| c.smtp_url = Some(smtp_url), clock.clone()).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &crate::helpers::test_clock(), false).await.unwrap();
        exec(&app.db, "UPDATE program_settings SET review_quorum = 2".to_owned()).await;
        let cycle = cycle_in_review(&app.db).await;
        let category = first_category(&app.db).await;
        let (_, ada) = submitted_candidate(&app, "ada@example.net", cycle, category).await;
        let (_, bo) = submitted_candidate(&app, "bo@example.net", cycle, category).await;
        for (email, roles) in [("r1@sponsor.example", &["reviewer"][..]), ("r2@sponsor.example", &["reviewer"]),
                               ("r3@sponsor.example", &["reviewer"]), ("admin@sponsor.example", &["admin"])] {
            let account = make_account(&app.db, email, roles).await;
            exec(&app.db, format!("INSERT INTO reviewer_scope (account_id, category_id) VALUES ({account}, {category})")).await;
        }
        // The third reviewer nominated Ada too: a conflict.
        let r3 = count(&app.db, "SELECT person_id FROM account WHERE email_normalized = 'r3@sponsor.example'").await;
        exec(&app.db, format!("INSERT INTO nomination (candidacy_id, nominator_person_id, nominee_name, nominee_email, reason, created_at) \
            VALUES ({ada}, {r3}, 'Ada', 'ada@example.net', 'She taught half the city Rust.', 0)")).await;
        let criteria: Vec<i64> = {
            let version = count(&app.db, &format!("SELECT rubric_version_id FROM cycle_rubric WHERE cycle_id = {cycle} AND category_id = {category}")).await;
            let sql = format!("SELECT id FROM review_criterion WHERE rubric_version_id = {version} ORDER BY position, id");
            plaudit_store::on_db!(&app.db, pool => plaudit_store::sqlx::query_scalar(plaudit_store::sqlx::AssertSqlSafe(sql)).fetch_all(pool).await).unwrap()
        };
        calendar::run(&ctx(&app, &clock)).await.unwrap();

        browser.run(async |page| {
            let before = awardees_on_home(page, &app).await?;
            page.sign_in_as(&app, "r1@sponsor.example").await?;
            page.open(&format!("{}/review", app.address)).await?;
            page.check_accessibility("the review queue").await?;
            page.screenshot("queue-desktop").await?;
            page.open(&format!("{}/review/{ada}", app.address)).await?;
            page.check_accessibility("the review page").await?;
            page.screenshot("review-desktop").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("review-phone").await?;
            page.resize(Size::Desktop).await?;
            vote(page, &app, ada, &criteria, "4", "award", "Talks and posts all year, well received.").await?;
            vote(page, &app, bo, &criteria, "2", "defer", "Promising; the autumn talks will tell.").await?;
            sign_out(page).await?;

            page.sign_in_as(&app, "r3@sponsor.example").await?;
            page.open(&format!("{}/review", app.address)).await?;
            let queue = page.eval("return document.querySelector('main').innerHTML").await?;
            let queue = queue.as_str().unwrap_or_default().to_owned();
            assert!(queue.contains(&format!("/review/{bo}")), "{queue}");
            assert!(!queue.contains(&format!("/review/{ada}\"")) && !queue.contains(&format!("/review/{ada}?")), "the conflicted reviewer's queue: {queue}");
            page.open(&format!("{}/review/{ada}", app.address)).await?;
            assert_eq!(page.text("h1").await?, "Page not found");
            page.open(&format!("{}/review", app.address)).await?;
            sign_out(page).await?;

            page.sign_in_as(&app, "r2@sponsor.example").await?;
            vote(page, &app, ada, &criteria, "3", "award", "Strong community work.").await?;
            vote(page, &app, bo, &criteria, "2", "defer", "Too early to tell.").await?;
            sign_out(page).await?;

            // The admin: Ada against the rubric (she recorded nothing here), Bo deferred by the
            // majority in a batch, then a second round for Bo.
            page.sign_in_as(&app, "admin@sponsor.example").await?;
            page.open(&format!("{}/admin/cycles/{cycle}/decisions", app.address)).await?;
            page.check_accessibility("the decisions page").await?;
            page.screenshot("decisions-desktop").await?;
            page.fill(&format!("#rationale-{ada}"), "Her talks reached thousands; the rubric undercounts them.").await?;
            page.submit(&format!("form[action='/admin/candidacies/{ada}/finalize'] button[type=submit]")).await?;
            page.submit("form#batch button[type=submit]").await?;
            page.submit(&format!("form[action='/admin/cycles/{cycle}/next-round'] button[type=submit]")).await?;
            sign_out(page).await?;
            for (reviewer, why) in [("r1@sponsor.example", "The autumn talks delivered."), ("r2@sponsor.example", "Convinced now.")] {
                page.sign_in_as(&app, reviewer).await?;
                vote(page, &app, bo, &criteria, "4", "award", why).await?;
                sign_out(page).await?;
            }
            page.sign_in_as(&app, "admin@sponsor.example").await?;
            page.open(&format!("{}/admin/cycles/{cycle}/decisions", app.address)).await?;
            page.fill(&format!("#rationale-{bo}"), "Decided in the second round on the autumn talks.").await?;
            page.submit(&format!("form[action='/admin/candidacies/{bo}/finalize'] button[type=submit]")).await?;
            sign_out(page).await?;
            assert_eq!(count(&app.db, &format!("SELECT COUNT(*) FROM decision WHERE candidacy_id IN ({ada}, {bo})")).await, 3);

            // Announcement day: the letters go out and the awards count on the home page.
            clock.set(at("2026-12-01T08:00:00Z"));
            calendar::run(&ctx(&app, &clock)).await.unwrap();
            // Everything queued so far reaches the SMTP server (the demo's renewals opened
            // with its 2027 cycle too); the two letters are among it.
            let queued = count(&app.db, "SELECT COUNT(*) FROM mail_outbox").await;
            let received = smtp.wait_for(usize::try_from(queued).unwrap(), Duration::from_secs(30)).await;
            let letters: Vec<_> = received.iter()
                .filter(|m| text_part(&m.data).contains("has awarded you"))
                .collect();
            let mut to: Vec<String> = letters.iter().flat_map(|m| m.to.clone()).collect();
            to.sort();
            assert_eq!(to, ["ada@example.net", "bo@example.net"]);
            let after = awardees_on_home(page, &app).await?;
            let number = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>().parse::<i64>().unwrap();
            assert_eq!(number(&after), number(&before) + 2, "{before} → {after}");
            page.sign_in_as(&app, "ada@example.net").await?;
            page.open(&format!("{}/candidacies/{ada}/decision", app.address)).await?;
            assert!(page.text("h1").await?.starts_with("Congratulations"));
            page.check_accessibility("the decision letter").await?;
            page.screenshot("letter-desktop").await?;
            sign_out(page).await?;

            // A year on: the demo's 2027 cycle renews the awards ending June 30th.
            clock.set(at("2027-03-02T08:00:00Z"));
            calendar::run(&ctx(&app, &clock)).await.unwrap();
            clock.set(at("2027-04-01T08:00:00Z"));
            calendar::run(&ctx(&app, &clock)).await.unwrap();
            let renewal = |person: &str| format!("SELECT k.id FROM candidacy k JOIN account a ON a.person_id = k.person_id \
                WHERE a.email_normalized = '{person}' AND k.renewal_of_award_id IS NOT NULL");
            let ada_renewal = count(&app.db, &renewal("ada@example.net")).await;
            let bo_renewal = count(&app.db, &renewal("bo@example.net")).await;
            for reviewer in ["r1@sponsor.example", "r2@sponsor.example"] {
                page.sign_in_as(&app, reviewer).await?;
                vote(page, &app, ada_renewal, &criteria, "4", "award", "Another strong year.").await?;
                vote(page, &app, bo_renewal, &criteria, "1", "decline", "Little this year.").await?;
                sign_out(page).await?;
            }
            page.sign_in_as(&app, "admin@sponsor.example").await?;
            let renewals = count(&app.db, &format!("SELECT cycle_id FROM candidacy WHERE id = {ada_renewal}")).await;
            page.open(&format!("{}/admin/cycles/{renewals}/decisions", app.address)).await?;
            page.fill(&format!("#rationale-{ada_renewal}"), "Renewed on another strong year.").await?;
            page.submit(&format!("form[action='/admin/candidacies/{ada_renewal}/finalize'] button[type=submit]")).await?;
            page.open(&format!("{}/admin/cycles/{renewals}/decisions", app.address)).await?;
            page.fill(&format!("#rationale-{bo_renewal}"), "Not enough this year.").await?;
            page.submit(&format!("form[action='/admin/candidacies/{bo_renewal}/finalize'] button[type=submit]")).await?;
            sign_out(page).await?;
            clock.set(at("2027-07-01T08:00:00Z"));
            calendar::run(&ctx(&app, &clock)).await.unwrap();
            clock.set(at("2027-07-02T08:00:00Z"));
            calendar::run(&ctx(&app, &clock)).await.unwrap();
            page.sign_in_as(&app, "ada@example.net").await?;
            page.open(&format!("{}/candidacies/{ada_renewal}/decision", app.address)).await?;
            assert!(page.text("main").await?.contains("2028-06-30"), "the renewed term");
            sign_out(page).await?;
            let ended: Option<String> = plaudit_store::on_db!(&app.db, pool => plaudit_store::sqlx::query_scalar(
                "SELECT a.end_reason FROM award a JOIN candidacy k ON k.renewal_of_award_id = a.id WHERE k.id = $1")
                .bind(bo_renewal).fetch_one(pool).await).unwrap();
            assert_eq!(ended.as_deref(), Some("term_ended"), "Bo is an alumnus now");
            Ok(())
        }).await;
    }
}

//! Speaking in the browser, on the demo: an awardee says they take requests, an organizer
//! finds them from their profile and sends a request, the awardee accepts it and shares their
//! address, and the organizer then sees it; axe on each page, on a phone too.

use super::{Browser, Size};
use crate::auth::{demo_account, make_account};
use crate::helpers::TestApp;
use crate::on_both_backends;
use plaudit_store::{on_db, sqlx};

const CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current')";

on_both_backends! {
    async fn an_organizer_sends_a_speaking_request_and_the_awardee_accepts(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let awardee = demo_account(&app.db, CURRENT).await;
        let slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT p.slug FROM person p JOIN account a ON a.person_id = p.id \
             WHERE a.email_normalized = $1").bind(&awardee).fetch_one(pool).await).unwrap();
        make_account(&app.db, "organizer@example.org", &[]).await;
        browser.run(async |page| {
            page.sign_in_as(&app, &awardee).await?;
            page.follow("Speaking").await?;
            assert_eq!(page.path().await?, "/speaking");
            page.check_accessibility("the speaking page").await?;
            if !page.is_checked("#accepts_requests").await? {
                page.click("#accepts_requests").await?;
            }
            page.fill("#topics", "Observability, Rust in production").await?;
            page.fill("#regions", "Europe").await?;
            page.fill("#languages", "English, Portuguese").await?;
            page.submit("#speaking-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("speaking preferences are saved"));
            page.submit("form[action='/sign-out'] button").await?;

            page.sign_in_as(&app, "organizer@example.org").await?;
            page.open(&format!("{}/people/{slug}", app.address)).await?;
            page.follow("Ask to speak at your event").await?;
            assert_eq!(page.path().await?, format!("/speakers/{slug}/request"));
            assert!(!page.text("main").await?.contains(&awardee), "the address stays private");
            page.check_accessibility("the request form").await?;
            page.fill("#event_name", "ObservabilityCon").await?;
            page.fill_date("#event_on", "2027-04-20").await?;
            page.fill("#location", "Porto").await?;
            page.fill("#audience", "about 400 SREs and developers").await?;
            page.click("#travel_support").await?;
            page.fill("#message", "Would you give a 40-minute talk on tracing in Rust?").await?;
            page.submit("#request-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/speaking/sent");
            assert!(page.text("main").await?.contains("Waiting for an answer"));
            assert!(!page.text("main").await?.contains(&awardee));
            page.check_accessibility("the organizer's requests").await?;
            page.submit("form[action='/sign-out'] button").await?;

            page.sign_in_as(&app, &awardee).await?;
            page.follow("Speaking").await?;
            let received = page.text("main").await?;
            assert!(received.contains("ObservabilityCon") && received.contains("organizer@example.org"));
            page.screenshot("speaking-received").await?;
            page.click("input[name=share_email]").await?;
            page.submit("button[name=answer][value=accept]").await?;
            assert!(page.text(".notice").await?.contains("You accepted the request"));
            page.resize(Size::Phone).await?;
            page.check_accessibility("the speaking page on a phone").await?;
            page.screenshot("speaking-phone").await?;
            page.resize(Size::Desktop).await?;
            page.submit("form[action='/sign-out'] button").await?;

            page.sign_in_as(&app, "organizer@example.org").await?;
            page.open(&format!("{}/speaking/sent", app.address)).await?;
            let sent = page.text("main").await?;
            assert!(sent.contains("Accepted") && sent.contains(&awardee), "{sent}");
            page.screenshot("speaking-sent").await?;
            Ok(())
        }).await;
    }
}

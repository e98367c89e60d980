//! The NDA in the browser, on the demo: an awardee who has not accepted it is told that
//! announcements under NDA wait (not what they are), reads and accepts the NDA, and then reads
//! them on a page marked as under NDA; axe on each page, on a phone too.

use super::{Browser, Size};
use crate::auth::demo_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

/// A demo awardee, current on the test's day, who has not accepted the NDA.
const AWARDEE_WITHOUT_NDA: &str = "EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
     AND w.starts_on <= '2026-11-29' AND w.ends_on >= '2026-11-29' \
     AND w.ended_early_on IS NULL AND w.revoked_at IS NULL) \
     AND NOT EXISTS (SELECT 1 FROM nda_acceptance x WHERE x.person_id = p.id)";

on_both_backends! {
    async fn an_awardee_accepts_the_nda_and_reads_what_it_covers(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let awardee = demo_account(&app.db, AWARDEE_WITHOUT_NDA).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", &awardee).await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Announcements").await?;
            assert_eq!(page.path().await?, "/announcements");
            let list = page.text("main").await?;
            assert!(list.contains("announcements under NDA are waiting for you"), "{list}");
            assert!(!list.contains("Preview: the new CLI"), "no NDA title before accepting");
            page.check_accessibility("announcements before the NDA").await?;

            page.follow("Read and accept the NDA to see them.").await?;
            assert_eq!(page.path().await?, "/nda");
            page.check_accessibility("the NDA page").await?;
            page.screenshot("nda").await?;
            page.submit("#nda-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/announcements");
            assert!(page.text(".notice").await?.contains("You accepted the NDA"));
            assert!(page.text(".nda-banner").await?.starts_with("Under NDA"));
            let list = page.text("main").await?;
            assert!(list.contains("Preview: the new CLI ships in March"), "{list}");
            page.check_accessibility("announcements under NDA").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("announcements-nda-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        }).await;
    }
}

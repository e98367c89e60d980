//! The private community in the browser, on the demo: an awardee finds it in the menu, opens
//! a thread on their board and answers it, chooses what to share, and finds it in the private
//! directory; axe on each page, on a phone too.

use super::{Browser, Size};
use crate::auth::demo_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

const CURRENT: &str = "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id \
     AND e.status = 'current')";

on_both_backends! {
    async fn an_awardee_talks_on_a_board_and_shares_contact_details(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let awardee = demo_account(&app.db, CURRENT).await;
        browser.run(async |page| {
            page.sign_in_as(&app, &awardee).await?;
            page.follow("Community").await?;
            assert_eq!(page.path().await?, "/community");
            page.check_accessibility("the community's front page").await?;
            page.screenshot("community-front").await?;
            page.follow_first("#boards-heading + ul a").await?;
            assert!(page.path().await?.starts_with("/community/boards/"));
            page.check_accessibility("a board").await?;
            page.submit("#thread-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Give the thread a title."));
            page.check_accessibility("a board with a refused thread").await?;
            page.fill("#title", "Slides for the spring meetups").await?;
            page.fill("#body", "Shall we **share** one deck?").await?;
            page.submit("#thread-form button[type=submit]").await?;
            assert!(page.path().await?.starts_with("/community/threads/"));
            page.fill("#body", "Adding the outline here.").await?;
            page.submit("#reply-form button[type=submit]").await?;
            let thread = page.text("main").await?;
            assert!(thread.contains("Shall we share one deck?") && thread.contains("Adding the outline here."));
            page.check_accessibility("a thread").await?;
            page.screenshot("community-thread").await?;

            page.open(&format!("{}/community/contact", app.address)).await?;
            page.check_accessibility("what an awardee shares").await?;
            if !page.is_checked("#share_email").await? {
                page.click("#share_email").await?;
            }
            page.fill("#contact_note", "Happy to pair on talks, European mornings").await?;
            page.submit("#contact-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/community/people");
            assert!(page.text(".notice").await?.contains("Saved."));
            page.check_accessibility("the private directory").await?;
            page.screenshot("community-people").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the private directory on a phone").await?;
            page.screenshot("community-people-phone").await?;
            page.open(&format!("{}/community", app.address)).await?;
            page.check_accessibility("the community's front page on a phone").await?;
            page.screenshot("community-front-phone").await?;
            Ok(())
        }).await;
    }
}

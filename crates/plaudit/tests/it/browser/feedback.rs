//! Product feedback in the browser, on the demo: an awardee files feedback, a product team
//! member finds it in their queue, answers and marks it planned, and the awardee reads the
//! answer and replies; axe on each page, on a phone too.

use super::{Browser, Size};
use crate::auth::demo_account;
use crate::committee::count;
use crate::helpers::TestApp;
use crate::on_both_backends;

/// A demo awardee, current on the test's day.
const AWARDEE: &str = "EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
     AND w.starts_on <= '2026-11-29' AND w.ends_on >= '2026-11-29' \
     AND w.ended_early_on IS NULL AND w.revoked_at IS NULL)";

/// A demo product team member (the demo puts each on every area).
const PRODUCT_TEAM: &str = "EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id \
     AND r.role = 'product_team')";

on_both_backends! {
    async fn feedback_goes_to_the_product_team_and_the_answer_comes_back(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let awardee = demo_account(&app.db, AWARDEE).await;
        let product_team = demo_account(&app.db, PRODUCT_TEAM).await;
        let cli = count(&app.db, "SELECT id FROM product_area WHERE slug = 'cli'").await;
        browser.run(async |page| {
            page.sign_in_as(&app, &awardee).await?;
            page.follow("Feedback").await?;
            assert_eq!(page.path().await?, "/feedback");
            page.check_accessibility("the awardee's feedback").await?;
            // A refused form says what to fix and keeps what was typed.
            page.fill("#body", "The `deploy` command hangs at 99% on large repositories.").await?;
            page.submit("#feedback-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Choose the product area"));
            assert!(page.value("#body").await?.contains("hangs at 99%"));
            page.check_accessibility("the refused feedback form").await?;
            page.choose("#product_area", &cli.to_string()).await?;
            page.fill("#title", "Deploy hangs at 99 percent").await?;
            page.choose("#severity", "high").await?;
            page.submit("#feedback-form button[type=submit]").await?;
            assert!(page.path().await?.starts_with("/feedback/"));
            let thread = page.path().await?;
            assert_eq!(page.text("h1").await?, "Deploy hangs at 99 percent");
            assert_eq!(page.text("#thread-status").await?, "New");
            page.check_accessibility("a new thread").await?;
            page.submit("form[action='/sign-out'] button").await?;

            page.sign_in_as(&app, &product_team).await?;
            page.follow("Feedback queue").await?;
            page.choose("#area", &cli.to_string()).await?;
            page.choose("#status", "new").await?;
            page.submit("form[action='/product-team/feedback'] button[type=submit]").await?;
            assert!(page.text("main").await?.contains("Deploy hangs at 99 percent"));
            page.check_accessibility("the feedback queue").await?;
            page.screenshot("feedback-queue").await?;
            page.follow("Deploy hangs at 99 percent").await?;
            assert_eq!(page.path().await?, thread);
            page.fill("#body", "Thanks! We reproduced it: the upload **retries forever**. A fix is planned.").await?;
            page.choose("#status", "planned").await?;
            page.submit("#reply-form button[type=submit]").await?;
            assert_eq!(page.text("#thread-status").await?, "Planned");
            page.check_accessibility("a thread the team answered").await?;
            page.submit("form[action='/sign-out'] button").await?;

            page.sign_in_as(&app, &awardee).await?;
            page.open(&format!("{}{thread}", app.address)).await?;
            let messages = page.text(".messages").await?;
            assert!(messages.contains("retries forever") && messages.contains("Product team"), "{messages}");
            assert_eq!(page.text("#thread-status").await?, "Planned");
            page.fill("#body", "It works again with the nightly build, thank you.").await?;
            page.submit("#reply-form button[type=submit]").await?;
            assert!(page.text(".messages").await?.contains("nightly build"));
            page.screenshot("feedback-thread").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("a thread on a phone").await?;
            page.screenshot("feedback-thread-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        }).await;
    }
}

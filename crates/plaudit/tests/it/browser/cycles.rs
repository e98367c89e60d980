//! An administrator plans next year's cycle in the browser: the form starts from this year's
//! timetable a year on, a date out of order comes back with its problem and what was typed,
//! and the planned cycle shows its phase and the rubric versions it pinned, on a desktop and a
//! phone.

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_plans_next_years_cycle(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.follow("Cycles").await?;
            page.check_accessibility("the cycles").await?;
            page.screenshot("cycles").await?;
            page.follow("New cycle").await?;
            assert_eq!(page.value("#name").await?, "Awards 2028");
            assert_eq!(page.value("#announcement").await?, "2028-07-01");
            page.check_accessibility("a new cycle").await?;

            // Contributions due before nominations close: refused, the typed date kept.
            page.fill_date("#contributions_due", "2028-01-10").await?;
            page.submit("#cycle-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Please fix the field marked below."));
            assert!(page.text("#contributions_due-error").await?.contains("the day nominations close"));
            assert_eq!(page.value("#contributions_due").await?, "2028-01-10");
            page.check_accessibility("a new cycle with a date out of order").await?;
            page.screenshot("cycle-error").await?;

            page.fill_date("#contributions_due", "2028-03-31").await?;
            page.submit("#cycle-form button[type=submit]").await?;
            assert!(page.path().await?.starts_with("/admin/cycles/"));
            assert!(page.text(".notice").await?.contains("Awards 2028"));
            assert!(page.text("#rubrics-heading").await?.contains("Rubrics"));
            page.check_accessibility("the planned cycle").await?;
            page.screenshot("cycle").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the planned cycle on a phone").await?;
            page.screenshot("cycle-phone").await?;
            Ok(())
        })
        .await;
    }
}

//! An administrator on the exports page: reached from the dashboard, a filter that does not
//! check out comes back with what was typed and what to fix; axe on each, on a phone too.

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_is_told_what_to_fix_in_an_export_filter(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.follow("Exports").await?;
            assert_eq!(page.path().await?, "/admin/exports");
            page.check_accessibility("the exports page").await?;
            page.screenshot("exports").await?;

            page.fill_date("#from", "2026-06-30").await?;
            page.fill_date("#to", "2026-01-01").await?;
            page.submit("button[formaction='/admin/exports/contributions.json']").await?;
            assert!(page.path().await?.starts_with("/admin/exports/contributions.json?"));
            assert!(page.text("#to-error").await?.contains("before the first day"));
            assert_eq!(page.value("#from").await?, "2026-06-30");
            page.check_accessibility("the exports page with a refused filter").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("exports-refused-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        }).await;
    }
}

//! An administrator reads the audit log in the browser: from the dashboard to the page, a
//! family of actions and a first day chosen in the form, older and newer pages, a filter that
//! does not check out, and the page on a phone; axe on each.

use plaudit_store::{on_db, sqlx};

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_filters_and_pages_the_audit_log(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let decisions: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'decision.finalized'").fetch_one(pool).await).unwrap();
        assert!(decisions > 50, "the demo decides enough for two pages: {decisions}");
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.follow("Audit log").await?;
            assert_eq!(page.path().await?, "/admin/audit");
            assert!(page.text("tbody tr:first-child").await?.contains("Signed in"), "the admin's sign-in is the newest");
            page.check_accessibility("the audit log").await?;
            page.screenshot("audit-log").await?;

            page.choose("#action", "decision.*").await?;
            page.fill_date("#from", "2020-01-01").await?;
            page.submit("form[action='/admin/audit'] button[type=submit]").await?;
            let path = page.path().await?;
            assert!(path.contains("action=decision.*") && path.contains("from=2020-01-01"), "{path}");
            assert_eq!(page.value("#from").await?, "2020-01-01");
            assert!(page.text("tbody").await?.contains("Decision finalized"));
            assert!(!page.text("tbody").await?.contains("Signed in"));
            let newest = page.text("tbody tr:first-child").await?;
            page.check_accessibility("the audit log filtered").await?;
            page.screenshot("audit-log-filtered").await?;
            page.eval("document.querySelector('table.audit').scrollIntoView(); return true;").await?;
            page.screenshot("audit-log-entries").await?;
            page.follow("Older entries →").await?;
            assert!(page.path().await?.contains("before="));
            assert_ne!(page.text("tbody tr:first-child").await?, newest);
            page.check_accessibility("an older page of the audit log").await?;
            page.follow("← Newer entries").await?;
            assert_eq!(page.text("tbody tr:first-child").await?, newest);

            page.resize(Size::Phone).await?;
            page.check_accessibility("the audit log on a phone").await?;
            page.screenshot("audit-log-phone").await?;
            page.eval("document.querySelector('table.audit').scrollIntoView(); return true;").await?;
            page.screenshot("audit-log-phone-entries").await?;
            page.eval("document.querySelector('.pager').scrollIntoView(); return true;").await?;
            page.screenshot("audit-log-phone-pages").await?;
            page.resize(Size::Desktop).await?;

            page.fill("#actor", "ghost@example.org").await?;
            page.submit("form[action='/admin/audit'] button[type=submit]").await?;
            assert!(page.text("#actor-error").await?.contains("No account has the address ghost@example.org"));
            assert_eq!(page.value("#actor").await?, "ghost@example.org");
            page.check_accessibility("the audit log with a refused filter").await?;
            page.screenshot("audit-log-refused").await?;
            Ok(())
        }).await;
    }
}

//! An administrator grants the reviewer role in the browser.

use plaudit_store::{on_db, sqlx};

use super::Browser;
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_finds_an_account_and_grants_it_the_reviewer_role(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let rae = make_account(&app.db, "rae@example.org", &[]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.check_accessibility("the admin dashboard").await?;
            page.follow("People and roles").await?;
            page.check_accessibility("the people page").await?;
            page.fill("#email", "rae@example.org").await?;
            page.submit("form[action='/admin/people'] button[type=submit]").await?;
            page.follow("rae").await?;
            assert_eq!(page.path().await?, format!("/admin/people/{rae}"));
            page.check_accessibility("a person's roles").await?;
            page.click("#role-reviewer").await?;
            page.click("#category-2").await?;
            page.submit("form[action$='/roles'] button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("granted reviewer"));
            assert!(page.is_checked("#role-reviewer").await?);
            assert!(page.is_checked("#category-2").await?);
            page.check_accessibility("a person's roles after saving").await?;
            page.screenshot("reviewer-granted").await?;
            Ok(())
        }).await;
        let roles: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT role FROM account_role WHERE account_id = $1").bind(rae).fetch_all(pool).await).unwrap();
        assert_eq!(roles, ["reviewer"]);
    }
}

//! An administrator publishes a new version of a category's rubric in the browser, is refused a
//! threshold nobody can reach, and reads the public page with its earlier version.

use plaudit_store::{on_db, sqlx};

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_publishes_a_rubric_version_and_anyone_reads_its_history(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let (id, slug, version): (i64, String, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.id, c.slug, MAX(v.version) FROM category c JOIN rubric_version v ON v.category_id = c.id \
             GROUP BY c.id, c.slug, c.position ORDER BY c.position, c.id LIMIT 1").fetch_one(pool).await).unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.open(&format!("{}/admin/categories/{id}", app.address)).await?;
            page.follow("Publish a new version of the rubric").await?;
            page.check_accessibility("the rubric editor").await?;
            page.screenshot("rubric-editor").await?;

            // A threshold nobody can reach is refused at its field, what was typed kept.
            page.fill("#threshold", "5000").await?;
            page.fill("#note", "Talks weigh more.").await?;
            page.submit("#rubric-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Please fix the field marked below."));
            assert!(page.text("#threshold-error").await?.contains("Nobody could reach this threshold"));
            assert_eq!(page.value("#threshold").await?, "5000");
            assert_eq!(page.value("#note").await?, "Talks weigh more.");
            page.check_accessibility("the rubric editor with an error").await?;
            page.screenshot("rubric-editor-error").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the rubric editor on a phone").await?;
            page.screenshot("rubric-editor-phone").await?;
            // The table of types scrolls inside its box; the page itself does not.
            let wide = page.eval("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;").await?;
            assert_eq!(wide, serde_json::json!(true), "the page is no wider than the phone");
            page.eval("document.getElementById('types-heading').scrollIntoView();").await?;
            page.screenshot("rubric-editor-types-phone").await?;
            page.resize(Size::Desktop).await?;

            page.fill("#threshold", "65").await?;
            page.fill("#base-speaking_conference", "10").await?;
            page.fill("#tiers-speaking_conference", "25: 1\n100: 2\n500: 3\n2000: 5").await?;
            page.fill("#note", "Talks weigh more; the threshold goes to 65.").await?;
            page.submit("#rubric-form button[type=submit]").await?;
            let notice = page.text(".notice").await?;
            assert!(notice.contains(&format!("Version {} of the rubric is published", version + 1)), "{notice}");

            // The public page shows the new version and links the earlier one.
            page.open(&format!("{}/rubrics/{slug}", app.address)).await?;
            assert!(page.text(".meter").await?.contains("65"));
            page.check_accessibility("the public rubric with its history").await?;
            page.screenshot("rubric-public").await?;
            page.follow_first(&format!("a[href='/rubrics/{slug}/versions/{version}']")).await?;
            assert_eq!(page.path().await?, format!("/rubrics/{slug}/versions/{version}"));
            assert!(page.text(".notice").await?.contains("an earlier version"));
            page.check_accessibility("an earlier rubric version").await?;
            page.screenshot("rubric-earlier").await?;
            Ok(())
        }).await;
        let threshold: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT threshold FROM rubric_version WHERE category_id = $1 ORDER BY version DESC LIMIT 1")
            .bind(id).fetch_one(pool).await).unwrap();
        assert_eq!(threshold, 65);
    }
}

//! An administrator runs the program in the browser: changes the settings, creates a category
//! with a technology area, and reads the dashboard's charts, on a desktop and a phone.

use plaudit_store::{on_db, sqlx};

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn an_admin_sets_the_program_up_adds_a_category_and_reads_the_charts(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;

            // The dashboard: three charts, each with its numbers.
            let charts = page.eval("return document.querySelectorAll('svg.chart').length;").await?;
            assert_eq!(charts, 3);
            page.check_accessibility("the dashboard with its charts").await?;
            page.screenshot("dashboard").await?;
            for size in [Size::Desktop, Size::Phone] {
                page.resize(size).await?;
                for chart in ["awardees", "funnel", "renewals"] {
                    page.eval(&format!("document.getElementById('{chart}').scrollIntoView();")).await?;
                    page.screenshot(&format!("dashboard-{chart}-{size:?}")).await?;
                }
            }
            page.click("#awardees summary").await?;
            page.eval("document.getElementById('awardees-table').scrollIntoView();").await?;
            page.check_accessibility("the dashboard on a phone, a table open").await?;
            page.screenshot("dashboard-table-phone").await?;
            page.resize(Size::Desktop).await?;
            page.check_accessibility("the dashboard, a table open").await?;
            page.screenshot("dashboard-table").await?;

            // Settings: a refused save keeps what was typed; a good one says what changed.
            page.follow("Program settings").await?;
            page.check_accessibility("the settings").await?;
            page.screenshot("settings").await?;
            for part in ["taking-part", "review", "renewal", "time"] {
                page.eval(&format!("document.getElementById('{part}-heading').scrollIntoView();")).await?;
                page.screenshot(&format!("settings-{part}")).await?;
            }
            page.fill("#time_zone", "Europe/Nowhere").await?;
            page.fill("#review_quorum", "0").await?;
            page.submit("#settings-form button[type=submit]").await?;
            assert!(page.text(".alert").await?.contains("Please fix the 2 fields marked below."));
            assert_eq!(page.value("#time_zone").await?, "Europe/Nowhere");
            page.check_accessibility("the settings with errors").await?;
            page.screenshot("settings-errors").await?;
            page.eval("document.getElementById('review_quorum').scrollIntoView();").await?;
            page.screenshot("settings-errors-quorum").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("the settings with errors on a phone").await?;
            page.screenshot("settings-errors-phone").await?;
            page.eval("document.getElementById('renewal-heading').scrollIntoView();").await?;
            page.screenshot("settings-renewal-phone").await?;
            page.resize(Size::Desktop).await?;
            page.fill("#time_zone", "Europe/Berlin").await?;
            page.fill("#review_quorum", "4").await?;
            page.click("#blind_review").await?;
            page.choose("#default_language", "de").await?;
            page.submit("#settings-form button[type=submit]").await?;
            let saved = page.text(".notice").await?;
            assert!(saved.contains("blind review") && saved.contains("time zone"), "{saved}");
            assert!(page.is_checked("#blind_review").await?);

            // The code of conduct.
            page.follow("Publish a new version").await?;
            page.check_accessibility("the code of conduct").await?;
            page.fill("#version", "3.0").await?;
            page.fill("#body", "# Code of conduct\n\nBe kind, and **credit** others' work.").await?;
            page.submit("#code-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Version 3.0"));
            page.screenshot("code-of-conduct").await?;

            // A category with an area.
            page.open(&format!("{}/admin/categories", app.address)).await?;
            page.check_accessibility("the categories").await?;
            page.screenshot("categories").await?;
            page.fill("#name", "Cloud Native").await?;
            page.fill("#description", "Kubernetes, containers and the platforms around them.").await?;
            page.submit("#category-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Cloud Native"));
            page.fill("#area_name", "Service Mesh").await?;
            page.submit("#area-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Service Mesh"));
            page.check_accessibility("a category with its area").await?;
            page.screenshot("category").await?;
            page.eval("document.getElementById('areas-heading').scrollIntoView();").await?;
            page.screenshot("category-areas").await?;
            page.resize(Size::Phone).await?;
            page.check_accessibility("a category on a phone").await?;
            page.screenshot("category-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        }).await;
        let (slug, area): (String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.slug, t.slug FROM category c JOIN technology_area t ON t.category_id = c.id \
             WHERE c.name = 'Cloud Native'").fetch_one(pool).await).unwrap();
        assert_eq!((slug.as_str(), area.as_str()), ("cloud-native", "service-mesh"));
        let (zone, quorum, language): (String, i64, Option<String>) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT time_zone, review_quorum, default_language FROM program_settings").fetch_one(pool).await).unwrap();
        assert_eq!((zone.as_str(), quorum, language.as_deref()), ("Europe/Berlin", 4, Some("de")));
    }
}

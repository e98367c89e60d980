//! Contributions that record themselves, in the browser: a person adds their blog by its home
//! page, its posts arrive as suggestions and they accept some; an admin trusts a kind of source
//! and sees two people who may be one. Every page passes axe-core in English and German, on a
//! desktop and a phone.

use plaudit::jobs::JobRunner;
use plaudit_import::fake::feeds::{FeedServer, paths};
use plaudit_store::{on_db, sqlx};

use super::{Browser, Size};
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::imports::settle;
use crate::on_both_backends;

on_both_backends! {
    async fn a_person_adds_their_blog_and_accepts_what_it_suggests(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let feeds = FeedServer::start().await.unwrap();
        let app = TestApp::spawn_with(backend, |config| config.import_allow_private_addresses = true).await;
        let account = make_account(&app.db, "writer@example.org", &[]).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let person_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE id = $1").bind(account).fetch_one(pool).await).unwrap();
        let config = plaudit::config::Config { import_allow_private_addresses: true, ..Default::default() };
        let mut runner = JobRunner::new(app.db.clone(), std::sync::Arc::new(plaudit_domain::SystemClock));
        runner.importer = Some(config.importer().unwrap());
        let blog = feeds.url(paths::WORDPRESS_HOME);
        browser.run(async |page| {
            page.sign_in_as(&app, "writer@example.org").await?;
            page.open(&format!("{}/contributions/sources", app.address)).await?;
            page.check_accessibility("the sources page, empty").await?;
            // A locator that is not one is explained, and what was typed stays.
            page.click("#kind-github").await?;
            page.fill("#locator", "not a login!").await?;
            page.submit("form[action='/contributions/sources'] button[type=submit]").await?;
            assert!(page.text("#locator-error").await?.contains("GitHub"));
            assert_eq!(page.value("#locator").await?, "not a login!");
            page.check_accessibility("the sources page with an error").await?;
            page.click("#kind-feed").await?;
            page.fill("#locator", &blog).await?;
            page.submit("form[action='/contributions/sources'] button[type=submit]").await?;
            settle(&app, &runner, person_id).await;
            page.open(&format!("{}/contributions/sources", app.address)).await?;
            page.check_accessibility("the sources page after a read").await?;
            page.screenshot("sources").await?;
            // A feed with one broken entry: the report of it, opened, reads well too.
            page.click("#kind-feed").await?;
            page.fill("#locator", &feeds.url(paths::HUNDRED)).await?;
            page.submit("form[action='/contributions/sources'] button[type=submit]").await?;
            settle(&app, &runner, person_id).await;
            page.open(&format!("{}/contributions/sources", app.address)).await?;
            page.click("#source-status details summary").await?;
            assert!(page.text("#source-status details").await?.contains("Its XML is broken"));
            page.check_accessibility("the sources page with an entry it could not read").await?;
            page.screenshot("sources-problems").await?;
            page.resize(Size::Phone).await?;
            page.eval("document.querySelector('#source-status details').scrollIntoView();").await?;
            page.screenshot("sources-problems-phone").await?;
            let fits = page.eval("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;").await?;
            assert_eq!(fits, serde_json::Value::Bool(true), "long addresses wrap on a phone");
            page.resize(Size::Desktop).await?;
            page.follow_first("a[href='/contributions/suggestions']").await?;
            page.check_accessibility("the suggestions inbox").await?;
            page.screenshot("suggestions").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("suggestions-phone").await?;
            page.check_accessibility("the suggestions inbox on a phone").await?;
            page.resize(Size::Desktop).await?;
            page.click("input[name=id]").await?;
            page.submit("button[value=accept]").await?;
            page.check_accessibility("the inbox after accepting").await?;
            page.open(&format!("{}/contributions/suggestions?tab=accepted", app.address)).await?;
            page.check_accessibility("the accepted suggestions").await?;

            page.submit("form[action='/sign-out'] button").await?;
            page.sign_in_as(&app, "boss@example.org").await?;
            page.open(&format!("{}/admin", app.address)).await?;
            page.follow("Imports and merges").await?;
            page.check_accessibility("the admin's imports page").await?;
            page.click("#trusted-youtube").await?;
            page.submit("form[action='/admin/imports/trusted'] button[type=submit]").await?;
            assert!(page.is_checked("#trusted-youtube").await?);
            page.screenshot("admin-imports").await?;
            Ok(())
        }).await;
        let accepted: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM contribution WHERE person_id = $1").bind(person_id).fetch_one(pool).await).unwrap();
        assert_eq!(accepted, 1, "the one ticked became a contribution");
    }
}

on_both_backends! {
    async fn the_source_and_merge_pages_read_well_in_german(backend: Backend) {
        let Some(browser) = Browser::start_in(module_path!(), backend, "de").await else { return };
        let app = TestApp::spawn(backend).await;
        let account = make_account(&app.db, "autorin@example.org", &[]).await;
        make_account(&app.db, "chefin@example.org", &["admin"]).await;
        let other = make_account(&app.db, "autorin.arbeit@example.org", &[]).await;
        let person = |account: i64| {
            let db = app.db.clone();
            async move {
                let id: i64 = on_db!(&db, pool => sqlx::query_scalar(
                    "SELECT person_id FROM account WHERE id = $1").bind(account).fetch_one(pool).await).unwrap();
                id
            }
        };
        let (a, b) = (person(account).await, person(other).await);
        let mut tx = app.db.begin_write().await.unwrap();
        plaudit_store::imports::suggest_merge(&mut tx, a, b, "same_github", 0).await.unwrap();
        tx.commit().await.unwrap();
        browser.run(async |page| {
            page.sign_in_as(&app, "autorin@example.org").await?;
            page.open(&format!("{}/contributions/sources", app.address)).await?;
            assert!(page.text("h1").await?.contains("Importquellen"), "{}", page.text("h1").await?);
            page.check_accessibility("die Quellen").await?;
            page.open(&format!("{}/contributions/suggestions", app.address)).await?;
            page.check_accessibility("die Vorschläge").await?;
            page.submit("form[action='/sign-out'] button").await?;
            page.sign_in_as(&app, "chefin@example.org").await?;
            page.open(&format!("{}/admin/imports", app.address)).await?;
            assert!(page.text("main").await?.contains("dasselbe GitHub-Konto"));
            page.check_accessibility("Importe und Zusammenführungen").await?;
            page.screenshot("admin-imports-de").await?;
            Ok(())
        }).await;
    }
}

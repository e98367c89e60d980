//! The public face as the world meets it, in a real browser: the directory searched, narrowed
//! by a facet and paged forward and back, a profile, and the verification pages of a valid and
//! of a revoked credential, each checked by axe in English and in German and seen on a phone.

use plaudit_store::{on_db, sqlx};

use super::{Browser, Size, Step};
use crate::helpers::{TestApp, test_now};
use crate::on_both_backends;

/// A credential of an award held today, and one of an award ended early, from the demo.
async fn credentials(app: &TestApp) -> (String, String) {
    let today = test_now().strftime("%Y-%m-%d").to_string();
    let valid: String = on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT credential_id FROM award WHERE starts_on <= $1 AND ends_on >= $1 \
         AND ended_early_on IS NULL AND revoked_at IS NULL ORDER BY id LIMIT 1")
        .bind(&today).fetch_one(pool).await)
    .unwrap();
    let revoked: String = on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT credential_id FROM award WHERE starts_on <= $1 AND ended_early_on IS NOT NULL \
         ORDER BY id LIMIT 1")
        .bind(&today).fetch_one(pool).await)
    .unwrap();
    (valid, revoked)
}

/// The names on the directory page shown, in order.
async fn names(page: &Browser) -> Step<Vec<String>> {
    let names = page
        .eval("return [...document.querySelectorAll('.person-card h3 a')].map(a => a.textContent);")
        .await?;
    Ok(serde_json::from_value(names)?)
}

on_both_backends! {
    async fn a_visitor_searches_narrows_pages_and_checks_a_badge(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let (valid, revoked) = credentials(&app).await;
        browser.run(async |page| {
            page.open(&app.address).await?;
            page.follow("Browse the awardees").await?;
            assert_eq!(page.path().await?, "/people");
            let first_page = names(page).await?;
            assert_eq!(first_page.len(), 24, "a full first page");
            page.screenshot("directory").await?;
            page.check_accessibility("the directory").await?;

            // Page 2 and back again.
            page.follow_first("a[rel=next]").await?;
            assert!(page.path().await?.starts_with("/people?after="), "a shareable cursor");
            let second_page = names(page).await?;
            assert!(!second_page.is_empty() && second_page[0] != first_page[0]);
            page.check_accessibility("the directory's second page").await?;
            page.follow_first("a[rel=prev]").await?;
            assert_eq!(names(page).await?, first_page, "back where it started");

            // A search by the start of a last name finds its person, and keeps what was typed.
            let wanted = first_page[3].clone();
            let last = wanted.split(' ').next_back().unwrap_or(&wanted).to_owned();
            let prefix: String = last.chars().take(4).collect();
            page.fill("#q", &prefix).await?;
            page.submit("form.search button[type=submit]").await?;
            assert!(names(page).await?.contains(&wanted), "{prefix} finds {wanted}");
            assert_eq!(page.value("#q").await?, prefix);
            page.check_accessibility("a search").await?;

            // A facet narrows the list, says how many, and can be taken off again.
            page.open(&format!("{}/people", app.address)).await?;
            page.click("#facet-country summary").await?;
            page.follow_first("#facet-country .facet-options a").await?;
            assert!(page.path().await?.contains("country="));
            let summary = page.text("#results-summary").await?;
            assert!(summary.contains("awardees"), "{summary}");
            assert!(page.text("#facet-country .facet-selected").await?.contains("Remove"));
            page.check_accessibility("the directory narrowed to a country").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("directory-phone").await?;
            page.resize(Size::Desktop).await?;

            // A profile, and its badge's verification page.
            page.follow_first(".person-card h3 a").await?;
            assert!(page.path().await?.starts_with("/people/"));
            let name = page.text("h1").await?;
            page.screenshot("profile").await?;
            page.check_accessibility("a public profile").await?;
            page.follow_first(".awards a[href^='/credentials/']").await?;
            assert!(page.text(".verdict").await?.contains(&name), "issued to the person shown");

            page.open(&format!("{}/credentials/{valid}", app.address)).await?;
            let verdict = page.text(".verdict-valid").await?;
            assert!(verdict.contains("This credential is valid."), "{verdict}");
            page.screenshot("credential-valid").await?;
            page.check_accessibility("a valid credential").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("credential-valid-phone").await?;
            page.resize(Size::Desktop).await?;

            page.open(&format!("{}/credentials/{revoked}", app.address)).await?;
            let verdict = page.text(".verdict-invalid").await?;
            assert!(verdict.contains("revocation list says so"), "{verdict}");
            page.screenshot("credential-revoked").await?;
            page.check_accessibility("a revoked credential").await?;
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn the_public_pages_read_well_in_german(backend: Backend) {
        let Some(browser) = Browser::start_in(module_path!(), backend, "de").await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let (valid, revoked) = credentials(&app).await;
        browser.run(async |page| {
            page.open(&format!("{}/people", app.address)).await?;
            assert_eq!(page.text("h1").await?, "Ausgezeichnete");
            page.check_accessibility("the directory in German").await?;
            page.follow_first(".person-card h3 a").await?;
            page.check_accessibility("a public profile in German").await?;
            page.screenshot("profile-de").await?;
            page.open(&format!("{}/credentials/{valid}", app.address)).await?;
            assert!(page.text(".verdict-valid").await?.contains("Dieser Nachweis ist gültig."));
            page.check_accessibility("a valid credential in German").await?;
            page.open(&format!("{}/credentials/{revoked}", app.address)).await?;
            assert!(page.text(".verdict-invalid").await?.contains("Widerrufsliste"));
            page.screenshot("credential-revoked-de").await?;
            page.check_accessibility("a revoked credential in German").await?;
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn the_api_reference_shows_every_operation_under_the_strict_policy(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        browser.run(async |page| {
            page.open(&app.address).await?;
            page.follow("The API for developers").await?;
            assert_eq!(page.path().await?, "/developers/api");
            // Swagger UI draws one block per operation once it has read the document.
            page.text(".opblock-summary-path").await?;
            let shown = page.eval("return document.querySelectorAll('.opblock').length;").await?;
            let document: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await?;
            let operations: usize = document["paths"].as_object().ok_or("paths")?
                .values().map(|methods| methods.as_object().map_or(0, |m| m.len())).sum();
            assert_eq!(shown, serde_json::json!(operations), "every operation is shown");
            page.screenshot("api-reference").await?;
            page.check_accessibility("the API reference").await?;

            // An operation opened shows its parameters and answers, still within the policy.
            page.eval("window.cspViolations = []; document.addEventListener('securitypolicyviolation', \
                       e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));").await?;
            page.click("#operations-public-directory .opblock-summary-control").await?;
            page.text("#operations-public-directory .parameters").await?;
            page.screenshot("api-reference-operation").await?;
            page.check_accessibility("an operation in the API reference").await?;
            let violations = page.eval("return window.cspViolations;").await?;
            assert_eq!(violations, serde_json::json!([]), "nothing breaks the Content-Security-Policy");
            page.resize(Size::Phone).await?;
            page.screenshot("api-reference-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        })
        .await;
    }
}

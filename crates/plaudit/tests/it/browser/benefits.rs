//! Benefits in the browser, on the demo: an admin fills a pool from a file after its dry run,
//! and an awardee claims a code from their benefits page; axe on each page, on a phone too.

use super::{Browser, Size};
use crate::auth::{demo_account, make_account};
use crate::helpers::TestApp;
use crate::on_both_backends;

/// A demo awardee, current on the test's day, who has claimed nothing yet.
const UNCLAIMED_AWARDEE: &str = "EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
     AND w.starts_on <= '2026-11-29' AND w.ends_on >= '2026-11-29' \
     AND w.ended_early_on IS NULL AND w.revoked_at IS NULL) \
     AND NOT EXISTS (SELECT 1 FROM benefit_claim k WHERE k.person_id = p.id)";

fn codes_on_disk() -> tempfile::TempPath {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let codes = "code\nNEW-IDE-0001\nNEW-IDE-0002\nNEW IDE 3\nNEW-IDE-0001\n";
    std::io::Write::write_all(&mut file, codes.as_bytes()).unwrap();
    file.into_temp_path()
}

on_both_backends! {
    async fn an_admin_fills_a_pool_and_an_awardee_claims_a_code(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let awardee = demo_account(&app.db, UNCLAIMED_AWARDEE).await;
        let file = codes_on_disk();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "boss@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("Admin").await?;
            page.follow("Benefits").await?;
            assert_eq!(page.path().await?, "/admin/benefits");
            page.check_accessibility("the benefits list").await?;
            page.screenshot("benefits-admin").await?;
            page.follow("IDE Ultimate license").await?;
            page.check_accessibility("a benefit's page").await?;
            page.screenshot("benefit-admin").await?;

            page.attach("#file", &file).await?;
            page.submit("#codes-form button[type=submit]").await?;
            assert_eq!(page.text("h1").await?, "Codes to add");
            let bad = page.text(".bad-lines").await?;
            assert!(bad.contains("Line 4") && bad.contains("Line 5"), "{bad}");
            page.check_accessibility("the codes' dry run").await?;
            page.screenshot("benefit-codes-dry-run").await?;
            page.submit("#confirm-form button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("2 codes were added"));
            page.submit("form[action='/sign-out'] button").await?;

            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", &awardee).await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;
            page.follow("My benefits").await?;
            assert_eq!(page.path().await?, "/benefits");
            page.check_accessibility("an awardee's benefits").await?;
            page.submit("form[action^='/benefits/'] button[type=submit]").await?;
            assert!(page.text(".notice").await?.contains("Your code is ready"));
            let code = page.text(".benefit-code code").await?;
            assert!(!code.trim().is_empty());
            page.check_accessibility("an awardee's claimed code").await?;
            page.resize(Size::Phone).await?;
            page.screenshot("benefits-claimed-phone").await?;
            page.resize(Size::Desktop).await?;
            Ok(())
        }).await;
    }
}

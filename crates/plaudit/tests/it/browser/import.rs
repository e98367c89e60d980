//! Importing contributions from a CSV file in a real browser: the file chosen in the file
//! input, the dry run with its two bad lines named by number, the confirmation, and the
//! contributions listed; axe checks the import page and the dry run, in English and German.

use super::Browser;
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

const PASSWORD: &str = "correct horse battery";

/// Five lines: line 3 has a date that is no date, line 6 a blog post with copies sold.
const FILE: &str = "type,title,started_on,role,url,views,copies_sold\n\
    blog_post,Tracing async Rust,2026-02-10,author,https://blog.example.org/tracing,\"4,200\",\n\
    blog_post,A bad date,2026-02-30,author,https://blog.example.org/bad,,\n\
    speaking_conference,Keynote on memory safety,2026-05-20,speaker,https://conf.example.org/k,,\n\
    book,Rust in Practice,2026-03-01,author,https://books.example.org/rust,,1200\n\
    blog_post,Copies of a post,2026-04-01,author,https://blog.example.org/copies,,500\n";

/// The file on disk, where the browser can pick it.
fn file_on_disk() -> tempfile::TempPath {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(&mut file, FILE.as_bytes()).unwrap();
    file.into_temp_path()
}

async fn app_with_member(backend: plaudit_store::Backend, email: &str) -> TestApp {
    let app = TestApp::spawn_with_demo(backend).await;
    make_account(&app.db, email, &[]).await;
    app
}

on_both_backends! {
    async fn a_member_imports_a_csv_file_after_its_dry_run(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = app_with_member(backend, "ines@example.org").await;
        let file = file_on_disk();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "ines@example.org").await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;

            page.open(&format!("{}/contributions", app.address)).await?;
            page.follow("Import from a CSV file").await?;
            assert_eq!(page.path().await?, "/contributions/import");
            page.check_accessibility("the import page").await?;
            page.screenshot("import-page").await?;

            page.attach("#file", &file).await?;
            page.submit("#import-form button[type=submit]").await?;
            assert_eq!(page.text("h1").await?, "Check before importing");
            let bad = page.text(".bad-lines").await?;
            assert!(bad.contains("Line 3: started_on") && bad.contains("Line 6: copies_sold"), "{bad}");
            assert!(!bad.contains("Line 2") && !bad.contains("Line 4"), "{bad}");
            let good = page.text(".good-lines").await?;
            assert!(good.contains("Keynote on memory safety") && !good.contains("A bad date"), "{good}");
            page.check_accessibility("the dry run").await?;
            page.screenshot("dry-run").await?;

            page.submit("#confirm-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/contributions");
            let said = page.text(".notice").await?;
            assert!(said.contains("Imported 3 contributions; 2 lines skipped."), "{said}");
            let list = page.text("table").await?;
            for title in ["Tracing async Rust", "Keynote on memory safety", "Rust in Practice"] {
                assert!(list.contains(title), "{title} is listed: {list}");
            }
            assert!(!list.contains("A bad date") && !list.contains("Copies of a post"), "{list}");
            Ok(())
        })
        .await;
    }
}

on_both_backends! {
    async fn the_import_pages_read_well_in_german(backend: Backend) {
        let Some(browser) = Browser::start_in(module_path!(), backend, "de").await else { return };
        let app = app_with_member(backend, "jonas@example.org").await;
        let file = file_on_disk();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "jonas@example.org").await?;
            page.fill("#password", PASSWORD).await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;

            page.open(&format!("{}/contributions/import", app.address)).await?;
            assert_eq!(page.text("h1").await?, "Beiträge aus einer CSV-Datei importieren");
            page.check_accessibility("die Importseite").await?;
            page.attach("#file", &file).await?;
            page.submit("#import-form button[type=submit]").await?;
            assert_eq!(page.text("h1").await?, "Vor dem Import prüfen");
            let bad = page.text(".bad-lines").await?;
            assert!(bad.contains("Zeile 3: started_on – Schreiben Sie das Datum"), "{bad}");
            assert!(bad.contains("Zeile 6: copies_sold"), "{bad}");
            assert!(page.text("#confirm-form button").await?.contains("3 Beiträge importieren"));
            page.check_accessibility("die Probe vor dem Import").await?;
            page.screenshot("probe-de").await?;
            Ok(())
        })
        .await;
    }
}

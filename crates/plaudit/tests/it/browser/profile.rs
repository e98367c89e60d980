//! The profile in a real browser: a member fills it in, picks a photo in the file input, sees
//! it shown, and axe checks the page in English and in German.

use plaudit_store::{on_db, sqlx};

use super::Browser;
use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn a_member_fills_in_the_profile_and_uploads_a_photo(backend: Backend) {
        let Some(browser) = Browser::start(module_path!(), backend).await else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        make_account(&app.db, "ada@example.org", &[]).await;
        let area: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM technology_area WHERE active ORDER BY id LIMIT 1").fetch_one(pool).await).unwrap();
        let photo_dir = tempfile::tempdir().unwrap();
        let photo = photo_dir.path().join("portrait.jpg");
        std::fs::write(&photo, plaudit_media::sample_jpeg_with_gps(640, 480)).unwrap();
        browser.run(async |page| {
            page.open(&format!("{}/sign-in", app.address)).await?;
            page.fill("#email", "ada@example.org").await?;
            page.fill("#password", "correct horse battery").await?;
            page.submit("form[action='/sign-in'] button[type=submit]").await?;

            page.follow("Profile").await?;
            assert_eq!(page.path().await?, "/profile");
            page.check_accessibility("the empty profile").await?;

            // A mistake first: the page says what is wrong next to the field.
            page.fill("#country", "Germany").await?;
            page.submit("#profile-form button[type=submit]").await?;
            assert!(page.text("#country-error").await?.contains("not a country code"));
            assert_eq!(page.value("#country").await?, "Germany", "what was typed is kept");
            page.check_accessibility("the profile with its problems").await?;

            page.fill("#name", "Ada Lovelace").await?;
            page.fill("#headline", "Analyst of engines").await?;
            page.fill("#bio", "I write about the **Analytical Engine**.\n\n- notes\n- programs").await?;
            page.fill("#country", "GB").await?;
            page.fill("#region", "London").await?;
            page.fill("#employer", "Independent").await?;
            page.fill("#links", "Notes https://ada.example.org/notes").await?;
            page.fill("#languages", "en, fr").await?;
            page.click(&format!("#area-{area}")).await?;
            page.click("#minimum_age").await?;
            page.click("#code_of_conduct").await?;
            page.submit("#profile-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/profile");
            assert_eq!(page.text(".notice").await?, "Your profile is saved.");
            assert_eq!(page.text("nav a[href='/account']").await?, "Ada Lovelace");
            assert_eq!(page.text("#bio-preview strong").await?, "Analytical Engine");

            page.attach("#photo", &photo).await?;
            page.submit("#photo-form button[type=submit]").await?;
            assert_eq!(page.path().await?, "/profile");
            assert_eq!(page.text(".notice").await?, "Your new photo is in place.");
            let shown = page.eval(
                "const img = document.querySelector('.profile-photo img'); \
                 return img && img.complete ? [img.naturalWidth, img.naturalHeight, img.alt] : null;",
            ).await?;
            assert_eq!(shown, serde_json::json!([160, 160, "Photo of Ada Lovelace"]), "the photo shows");
            page.screenshot("profile").await?;
            page.check_accessibility("the filled-in profile with its photo").await?;

            // In German, as a person who chose it reads it.
            page.open(&format!("{}/account", app.address)).await?;
            page.choose("#language", "de").await?;
            page.submit("form[action='/account/language'] button[type=submit]").await?;
            page.open(&format!("{}/profile", app.address)).await?;
            assert_eq!(page.text("h1").await?, "Ihr Profil");
            assert!(page.text("#confirmations").await?.contains("Verhaltenskodex"));
            page.screenshot("profile-de").await?;
            page.check_accessibility("the profile in German").await?;
            Ok(())
        })
        .await;
        let (name, photos): (String, i64) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT p.display_name, (SELECT COUNT(*) FROM person_photo ph WHERE ph.person_id = p.id) \
             FROM person p JOIN account a ON a.person_id = p.id WHERE a.email_normalized = 'ada@example.org'")
            .fetch_one(pool).await).unwrap();
        assert_eq!((name.as_str(), photos), ("Ada Lovelace", 3));
    }
}

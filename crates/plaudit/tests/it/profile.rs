//! The person's own profile over HTTP, on both databases: a refused form keeps what was typed
//! and writes nothing; a bio's Markdown is rendered without script or javascript: links; a
//! photo is checked by its content and size, stored in every size without its metadata, and
//! served with long caching; the photo form needs its CSRF token like every other form.

use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from};
use crate::on_both_backends;

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

/// What a profile save or a photo upload could write.
async fn profile_rows(db: &Db) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM person_area",
        "SELECT COUNT(*) FROM person_photo",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT COUNT(*) FROM person WHERE photo_version IS NOT NULL",
        "SELECT COUNT(*) FROM person WHERE age_confirmed_at IS NOT NULL",
        "SELECT COUNT(*) FROM person WHERE headline <> '' OR bio <> '' OR links <> ''",
    ] {
        counts.push(count(db, sql).await);
    }
    counts
}

async fn person_of(db: &Db, email: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT person_id FROM account WHERE email_normalized = $1").bind(email).fetch_one(pool).await)
    .unwrap()
}

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    make_account(&app.db, email, &[]).await;
    let client = browser();
    assert_eq!(sign_in(app, &client, email, "correct horse battery").await.status(), 303);
    client
}

/// Two technology areas of the demo program, by slug.
async fn two_areas(db: &Db) -> (String, String) {
    let slugs: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT slug FROM technology_area WHERE active ORDER BY id LIMIT 2").fetch_all(pool).await)
    .unwrap();
    (slugs[0].clone(), slugs[1].clone())
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/profile", app.address)).await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client.post(format!("{}/profile", app.address)).form(&form).send().await.unwrap()
}

/// A multipart body with one file field `photo`, as a browser sends the photo form.
fn photo_form(
    csrf: Option<&str>,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
) -> (String, Vec<u8>) {
    let boundary = "----plaudit-test-boundary-b9Xq2LmZ";
    let token = csrf.map_or_else(String::new, |csrf| {
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
    });
    let mut body = format!(
        "{token}--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{filename}\"\r\n\
         Content-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts a photo the way the profile page's form does: the CSRF token a part of the form.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    filename: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/profile", app.address)).await;
    let (content_type, body) = photo_form(Some(&csrf), filename, "image/jpeg", bytes);
    client
        .post(format!("{}/profile/photo", app.address))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn a_refused_profile_keeps_what_was_typed_and_writes_nothing_and_a_good_one_is_saved(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = signed_in(&app, "robin@example.org").await;
        let person = person_of(&app.db, "robin@example.org").await;
        let page = client.get(format!("{}/profile", app.address)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        assert!(page.contains("href=\"/profile\""), "the navigation links the profile");
        assert!(page.contains("No photo yet") && page.contains("at least 18 years old"), "{page}");

        let long_headline = "h".repeat(121);
        let long_bio = "b".repeat(5_001);
        let before = profile_rows(&app.db).await;
        let refused = save(&app, &client, &[
            ("name", "  "),
            ("headline", &long_headline),
            ("bio", &long_bio),
            ("country", "XX"),
            ("region", "Bavaria"),
            ("employer", "Contoso"),
            ("links", "Blog https://blog.example.org\nmy site javascript:alert(1)"),
            ("languages", "en, english"),
            ("areas", "no-such-area"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        for (field, says) in [
            ("name", "Enter the name people know you by."),
            ("headline", "Keep this under 120 characters."),
            ("bio", "Keep this under 5000 characters."),
            ("country", "“XX” is not a country code"),
            ("links", "“my site javascript:alert(1)” is not a web address"),
            ("languages", "“english” is not a language code"),
            ("minimum_age", "Confirm that you are at least 18 years old."),
            ("code_of_conduct", "Accept the code of conduct to take part."),
        ] {
            let next_to_field = format!("<p class=\"field-error\" id=\"{field}-error\">{says}");
            assert!(page.contains(&next_to_field), "{field}: {page}");
        }
        assert!(page.contains("Choose among the technology areas offered (“no-such-area” is not one)."));
        for typed in ["value=\"XX\"", "value=\"Bavaria\"", "value=\"Contoso\"", "value=\"en, english\"",
                      "Blog https://blog.example.org\nmy site javascript:alert(1)</textarea>"] {
            assert!(page.contains(typed), "{typed} is kept: {page}");
        }
        assert!(page.contains(&format!("value=\"{long_headline}\"")));
        assert_eq!(profile_rows(&app.db).await, before, "a refusal writes nothing");

        // Fixed, with both boxes ticked: saved, and the navigation says the new name.
        let (first, second) = two_areas(&app.db).await;
        let saved = save(&app, &client, &[
            ("name", "Robin Rustacean"),
            ("headline", "Rust trainer"),
            ("bio", "I teach **Rust**."),
            ("country", "de"),
            ("region", "Bavaria"),
            ("employer", "Contoso"),
            ("links", "Blog: https://blog.example.org/\nhttps://github.com/robin"),
            ("languages", "en, DE, pt-br"),
            ("areas", &first),
            ("areas", &second),
            ("minimum_age", "yes"),
            ("code_of_conduct", "yes"),
        ]).await;
        assert_eq!(saved.status(), 303);
        assert_eq!(saved.headers()["location"], "/profile");
        let page = client.get(format!("{}/profile", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your profile is saved."), "the flash says so");
        assert!(page.contains("<a href=\"/account\">Robin Rustacean</a>"), "the navigation shows the new name");
        assert!(page.contains("value=\"DE\"") && page.contains("value=\"en, de, pt-BR\""), "{page}");
        assert!(page.contains("Blog https://blog.example.org/\nhttps://github.com/robin</textarea>"), "{page}");
        assert!(page.contains("You accepted version 2.0 of the code of conduct on 29 November 2026."), "{page}");
        assert!(!page.contains("id=\"minimum_age\""), "a confirmed age is not asked again");
        assert!(page.contains(&format!("value=\"{first}\" checked")));

        let (name, country, languages, links, age, code): (String, Option<String>, String, String, Option<i64>, Option<String>) =
            on_db!(&app.db, pool => sqlx::query_as(
                "SELECT display_name, country, languages, links, age_confirmed_at, code_of_conduct_version \
                 FROM person WHERE id = $1").bind(person).fetch_one(pool).await).unwrap();
        assert_eq!((name.as_str(), country.as_deref(), languages.as_str()), ("Robin Rustacean", Some("DE"), "en,de,pt-BR"));
        assert_eq!(links, "Blog\thttps://blog.example.org/\n\thttps://github.com/robin");
        assert!(age.is_some());
        assert_eq!(code.as_deref(), Some("2.0"));
        let areas: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM person_area WHERE person_id = $1").bind(person).fetch_one(pool).await).unwrap();
        assert_eq!(areas, 2);
        let detail: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT detail FROM audit_log WHERE action = 'profile.updated' AND subject_id = $1")
            .bind(person).fetch_one(pool).await).unwrap();
        assert!(detail.starts_with("fields=name,headline,bio,country,region,employer,links,areas,languages"), "{detail}");
        assert!(detail.contains("minimum_age=confirmed code_of_conduct=2.0"), "{detail}");

        // One area fewer: the person's areas are replaced, not added to.
        let again = save(&app, &client, &[("name", "Robin Rustacean"), ("areas", &second)]).await;
        assert_eq!(again.status(), 303, "what was confirmed stays confirmed");
        let areas: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT technology_area_id FROM person_area WHERE person_id = $1").bind(person).fetch_all(pool).await).unwrap();
        assert_eq!(areas.len(), 1);
    }
}

on_both_backends! {
    async fn a_bio_is_rendered_without_its_script_or_javascript_links(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = signed_in(&app, "mallory@example.org").await;
        let bio = "Hi <script>alert(1)</script> I am **bold**.\n\n[x](javascript:alert(1)) \
                   <img src=x onerror=alert(2)> [home](https://mallory.example.org)";
        let saved = save(&app, &client, &[
            ("name", "Mallory"), ("bio", bio), ("minimum_age", "yes"), ("code_of_conduct", "yes"),
        ]).await;
        assert_eq!(saved.status(), 303);
        let page = client.get(format!("{}/profile", app.address)).send().await.unwrap().text().await.unwrap();
        let start = page.find("id=\"bio-preview\">").expect("the bio's preview");
        let preview = &page[start..start + page[start..].find("</div>").unwrap()];
        assert!(preview.contains("<strong>bold</strong>"), "{preview}");
        assert!(preview.contains("href=\"https://mallory.example.org\" rel=\"nofollow noopener\""), "{preview}");
        assert!(preview.contains("&lt;script&gt;"), "the tag is shown as text: {preview}");
        // The image tag with its handler is text now, and shown as such.
        assert!(preview.contains("&lt;img src=x onerror=alert(2)&gt;"), "{preview}");
        for never in ["<script", "javascript:", "<img"] {
            assert!(!preview.contains(never), "{never} in {preview}");
        }
        assert!(!page.contains("<script>alert"), "nor anywhere else on the page");
        assert!(!page.contains("href=\"javascript:"));
    }
}

on_both_backends! {
    async fn a_photo_is_checked_by_its_content_and_size_and_a_refusal_stores_nothing(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = signed_in(&app, "pat@example.org").await;
        let before = profile_rows(&app.db).await;

        // Text that claims to be a JPEG.
        let refused = upload(&app, &client, "me.jpg", b"I am a text file, not a photo.\n").await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains(
            "<p class=\"field-error\" id=\"photo-error\">This file is not an image. Choose a JPEG, PNG or WebP photo."),
            "{page}");
        assert_eq!(profile_rows(&app.db).await, before);

        // Just over the size a photo may be, within the body the route takes: the media check
        // refuses it, with the field's message.
        let mut big = plaudit_media::sample_jpeg_with_gps(64, 64);
        big.resize(plaudit_media::MAX_UPLOAD_BYTES + 1, 0);
        let refused = upload(&app, &client, "big.jpg", &big).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("This file is larger than 5 MB; choose a smaller one."));
        assert_eq!(profile_rows(&app.db).await, before);

        // Far over: refused as payload_too_large (413) from its length, before it is read.
        let huge = vec![0xFF_u8; plaudit::web::routes::MAX_UPLOAD_BODY_BYTES + 1];
        let refused = upload(&app, &client, "huge.jpg", &huge).await;
        assert_eq!(refused.status(), 413);
        assert!(refused.text().await.unwrap().contains("larger than"), "the error page explains it");
        assert_eq!(profile_rows(&app.db).await, before);

        // No file chosen.
        let refused = upload(&app, &client, "", b"").await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("Choose a photo to upload."));
        assert_eq!(profile_rows(&app.db).await, before);
    }
}

on_both_backends! {
    async fn a_photo_is_served_in_each_size_without_its_gps_and_with_long_caching(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = signed_in(&app, "gina@example.org").await;
        let person = person_of(&app.db, "gina@example.org").await;
        let original = plaudit_media::sample_jpeg_with_gps(800, 600);
        let contains = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
        assert!(contains(&original, b"Exif") && contains(&original, b"GPS"), "the upload carries both");

        assert_eq!(app.get(&format!("/people/{person}/photo/160")).await.status(), 404, "no photo yet");
        let sent = upload(&app, &client, "holiday.jpg", &original).await;
        assert_eq!(sent.status(), 303);
        assert_eq!(sent.headers()["location"], "/profile");
        let version: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT photo_version FROM person WHERE id = $1").bind(person).fetch_one(pool).await).unwrap();
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM person_photo").await, 3);
        let page = client.get(format!("{}/profile", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your new photo is in place."));
        let shown = format!("<img src=\"/people/{person}/photo/160?v={version}\" alt=\"Photo of gina\" width=\"160\" height=\"160\">");
        assert!(page.contains(&shown), "{page}");

        for &size in plaudit_media::SIZES {
            let served = app.get(&format!("/people/{person}/photo/{size}?v={version}")).await;
            assert_eq!(served.status(), 200);
            assert_eq!(served.headers()["content-type"], "image/jpeg");
            assert_eq!(served.headers()["cache-control"], "public, max-age=31536000, immutable");
            assert_eq!(served.headers()["x-content-type-options"], "nosniff");
            let bytes = served.bytes().await.unwrap();
            assert!(!contains(&bytes, b"Exif") && !contains(&bytes, b"GPS"), "size {size} keeps no metadata");
            let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
            assert_eq!((image.width(), image.height()), (size, size));
        }
        // An address without the version, or an old one, is sent on to the current one.
        let unversioned = app.get(&format!("/people/{person}/photo/64")).await;
        assert_eq!(unversioned.status(), 307);
        assert_eq!(unversioned.headers()["location"], format!("/people/{person}/photo/64?v={version}").as_str());
        assert_eq!(unversioned.headers()["cache-control"], "no-cache");
        for missing in ["100", "0", "160x160", "-1"] {
            let response = app.get(&format!("/people/{person}/photo/{missing}?v={version}")).await;
            assert_eq!(response.status(), 404, "{missing}");
        }
        assert_eq!(app.get(&format!("/people/999999/photo/64?v={version}")).await.status(), 404);

        // A new photo: new version, the sizes replaced, both uploads audited.
        let sent = upload(&app, &client, "new.jpg", &plaudit_media::sample_jpeg_with_gps(300, 300)).await;
        assert_eq!(sent.status(), 303);
        let newer: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT photo_version FROM person WHERE id = $1").bind(person).fetch_one(pool).await).unwrap();
        assert!(newer > version);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM person_photo").await, 3);
        let large = app.get(&format!("/people/{person}/photo/400?v={newer}")).await.bytes().await.unwrap();
        let image = image::load_from_memory_with_format(&large, image::ImageFormat::Jpeg).unwrap();
        assert_eq!(image.width(), 300, "a smaller photo is not enlarged");
        assert_eq!(app.get(&format!("/people/{person}/photo/400?v={version}")).await.status(), 307);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.photo_changed'").await, 2);
    }
}

on_both_backends! {
    async fn the_photo_form_needs_its_token_and_other_forms_do_not_take_it_from_the_address(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = signed_in(&app, "tom@example.org").await;
        let other = signed_in(&app, "eve@example.org").await;
        let others = csrf_from(&other, &format!("{}/profile", app.address)).await;
        let before = profile_rows(&app.db).await;
        let jpeg = plaudit_media::sample_jpeg_with_gps(64, 64);
        let (content_type, body) = photo_form(None, "me.jpg", "image/jpeg", &jpeg);
        let without = client.post(format!("{}/profile/photo", app.address))
            .header("content-type", content_type).body(body).send().await.unwrap();
        assert_eq!(without.status(), 403);
        let zeros = "0".repeat(64);
        let (content_type, body) = photo_form(Some(&zeros), "me.jpg", "image/jpeg", &jpeg);
        let wrong = client.post(format!("{}/profile/photo", app.address))
            .header("content-type", content_type).body(body).send().await.unwrap();
        assert_eq!(wrong.status(), 403);
        // Another session's valid token does not pass with this one.
        let (content_type, body) = photo_form(Some(&others), "me.jpg", "image/jpeg", &jpeg);
        let stolen = client.post(format!("{}/profile/photo", app.address))
            .header("content-type", content_type).body(body).send().await.unwrap();
        assert_eq!(stolen.status(), 403);
        assert_eq!(profile_rows(&app.db).await, before);

        // An ordinary form does not take its token from the address.
        let csrf = csrf_from(&client, &format!("{}/profile", app.address)).await;
        let refused = client.post(format!("{}/profile?csrf={csrf}", app.address))
            .form(&[("name", "Tom"), ("minimum_age", "yes"), ("code_of_conduct", "yes")])
            .send().await.unwrap();
        assert_eq!(refused.status(), 403);
        assert_eq!(profile_rows(&app.db).await, before);
    }
}

//! The server: health, the home page, request ids.

use plaudit_store::{Backend, on_db, sqlx};

use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends! {
    async fn healthz_answers_200_while_the_database_answers_and_503_after(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "ok\n");
        // Take the database away from under the server: its pool is closed.
        app.app_db.close().await;
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 503);
    }
}

on_both_backends! {
    async fn the_home_page_shows_the_program_and_its_real_counts_per_category(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 200);
        let page = response.text().await.unwrap();
        assert!(page.contains("<h1 id=\"program-name\">Community Champions</h1>"), "{page}");
        assert!(page.contains("<strong>Awards 2027</strong> <span class=\"badge\">Nominations open</span>"), "{page}");
        assert!(page.contains("Nominations close on 14 February 2027"), "{page}");
        let counts: Vec<(String, i64)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT c.name, (SELECT COUNT(*) FROM award a WHERE a.category_id = c.id AND a.starts_on <= '2026-11-29' \
               AND a.ends_on >= '2026-11-29' AND a.ended_early_on IS NULL) FROM category c ORDER BY c.position")
            .fetch_all(pool).await).unwrap();
        assert_eq!(counts.len(), 10);
        for (name, awardees) in counts {
            let card = format!("<h3>{name}</h3>\n      <p class=\"count\"><strong>{awardees}</strong>");
            assert!(page.contains(&card), "the card of {name} shows {awardees}");
        }
    }
}

on_both_backends! {
    async fn a_server_without_a_program_says_it_is_not_set_up(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 503);
        assert!(response.text().await.unwrap().contains("Not set up yet"));
    }
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_the_callers() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let response = app.get("/healthz").await;
    let id =
        response.headers().get("x-request-id").expect("a request id").to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let response = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "from-the-load-balancer")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "from-the-load-balancer");
    app.stop().await;
}

#[tokio::test]
async fn the_stylesheet_has_a_content_hashed_name_and_a_long_cache_life() {
    let app = TestApp::spawn_with_demo(Backend::Sqlite).await;
    let page = app.get("/").await.text().await.unwrap();
    let start = page.find("href=\"/assets/plaudit.").expect("a hashed stylesheet link") + 6;
    let href = page[start..].split('"').next().unwrap().to_owned();
    assert!(
        href.ends_with(".css") && href.len() == "/assets/plaudit.0123456789ab.css".len(),
        "{href}"
    );
    let response = app.get(&href).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(response.text().await.unwrap().contains(":root"));
    assert_eq!(
        app.get("/assets/plaudit.css").await.status(),
        404,
        "only the hashed name is served"
    );
}

#[tokio::test]
async fn a_request_body_over_the_limit_is_refused_before_it_is_read() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let response = app
        .client
        .post(format!("{}/sign-in", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 3 << 20])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn pages_are_compressed_with_gzip_or_brotli_when_the_browser_accepts_it() {
    let app = TestApp::spawn_with_demo(Backend::Sqlite).await;
    let fetch = |encoding: Option<&'static str>| {
        let mut request = app.client.get(format!("{}/", app.address));
        if let Some(encoding) = encoding {
            request = request.header("accept-encoding", encoding);
        }
        request.send()
    };
    let plain = fetch(None).await.unwrap();
    assert_eq!(plain.status(), 200);
    assert!(plain.headers().get("content-encoding").is_none(), "not asked, not compressed");
    let plain_size = plain.bytes().await.unwrap().len();
    for encoding in ["gzip", "br"] {
        let response = fetch(Some(encoding)).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
        let vary: Vec<String> = response
            .headers()
            .get_all("vary")
            .iter()
            .map(|v| v.to_str().unwrap().to_ascii_lowercase())
            .collect();
        assert!(
            vary.iter().any(|v| v.contains("accept-encoding")),
            "caches keep one copy per encoding: {vary:?}"
        );
        assert!(
            vary.iter().any(|v| v.contains("accept-language")),
            "and one per language: {vary:?}"
        );
        assert!(
            response.headers().contains_key("content-security-policy"),
            "security headers stay"
        );
        let size = response.bytes().await.unwrap().len();
        assert!(size * 2 < plain_size, "{encoding}: {size} bytes of {plain_size}");
    }
    // The stylesheet too; a tiny answer is not worth it.
    let page = app.get("/").await.text().await.unwrap();
    let start = page.find("href=\"/assets/plaudit.").unwrap() + 6;
    let href = page[start..].split('"').next().unwrap().to_owned();
    let css = app
        .client
        .get(format!("{}{href}", app.address))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(css.headers()["content-encoding"], "br");
    let health = app
        .client
        .get(format!("{}/healthz", app.address))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert!(health.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn the_favicon_is_a_real_icon_linked_from_every_page() {
    let app = TestApp::spawn_with_demo(Backend::Sqlite).await;
    let page = app.get("/").await.text().await.unwrap();
    let start = page.find("<link rel=\"icon\" href=\"").expect("an icon link") + 23;
    let href = page[start..].split('"').next().unwrap().to_owned();
    assert!(href.starts_with("/favicon.ico?v="), "{href}");
    for path in ["/favicon.ico", href.as_str()] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], "image/x-icon");
        assert!(response.headers()["cache-control"].to_str().unwrap().contains("max-age=31536000"));
        let body = response.bytes().await.unwrap();
        assert_eq!(&body[..4], &[0, 0, 1, 0], "an ICO header");
    }
}

//! The public half of /api/v1 over the demo, on both databases: the directory with its
//! filters and cursors as the page has them, profiles, awards, categories, rubrics and
//! credentials; JSON errors for every refusal, in the language asked for; ETags and 304s.

use std::collections::HashSet;

use plaudit_store::{on_db, sqlx};
use serde_json::Value;

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn json(app: &TestApp, path: &str) -> (u16, Value) {
    let answer = app.get(path).await;
    let status = answer.status().as_u16();
    if status != 304 {
        assert!(
            answer.headers()["content-type"].to_str().unwrap().starts_with("application/json"),
            "{path} answers JSON"
        );
    }
    (status, answer.json().await.unwrap_or(Value::Null))
}

async fn refused(app: &TestApp, path: &str, status: u16, code: &str) -> Value {
    let (got, body) = json(app, path).await;
    assert_eq!((got, body["error"]["code"].as_str()), (status, Some(code)), "{path}: {body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    body
}

on_both_backends! {
    async fn the_directory_api_pages_and_filters_as_the_page_does(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let listed: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM directory_entry WHERE status = 'current'").fetch_one(pool).await).unwrap();
        let (status, first) = json(&app, "/api/v1/people").await;
        assert_eq!(status, 200);
        assert_eq!(first["total"], listed);
        assert_eq!(first["current_count"], listed);
        assert!(first["previous"].is_null());

        // Every listed person once, page by page, by the cursors the answers give.
        let mut seen = HashSet::new();
        let mut page = first.clone();
        let mut pages = Vec::new();
        loop {
            for person in page["people"].as_array().unwrap() {
                assert!(seen.insert(person["slug"].as_str().unwrap().to_owned()), "listed twice: {person}");
                assert!(person["profile_url"].as_str().unwrap().ends_with(person["slug"].as_str().unwrap()));
            }
            pages.push(page.clone());
            let Some(next) = page["next"].as_str() else { break };
            let (status, answer) = json(&app, &format!("/api/v1/people?after={}", urlencode(next))).await;
            assert_eq!(status, 200);
            page = answer;
        }
        assert_eq!(seen.len() as i64, listed);
        assert!(pages.len() > 2, "the demo lists several pages");
        // `previous` leads back to the page before.
        let previous = pages[2]["previous"].as_str().unwrap();
        let (_, back) = json(&app, &format!("/api/v1/people?before={}", urlencode(previous))).await;
        assert_eq!(back["people"], pages[1]["people"]);

        // A facet's count is what filtering by it finds.
        let category = &first["facets"].as_array().unwrap().iter()
            .find(|f| f["facet"] == "category").unwrap()["options"][0];
        let (_, filtered) = json(&app, &format!("/api/v1/people?category={}", category["value"].as_str().unwrap())).await;
        assert_eq!(filtered["total"], category["count"]);
        let selected = filtered["facets"].as_array().unwrap().iter().find(|f| f["facet"] == "category").unwrap();
        assert_eq!(selected["selected"]["value"], category["value"]);

        // The API takes values as its document gives them: no blanks, nothing trimmed.
        let body = refused(&app, "/api/v1/people?country=de&status=&after=nonsense", 422, "validation_failed").await;
        let fields: Vec<&str> = body["error"]["fields"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(fields, ["after", "country", "status"]);
        refused(&app, "/api/v1/people?year=%202024", 422, "validation_failed").await;
        // A name typed into a cursor starts the page at that name.
        let (status, from_m) = json(&app, "/api/v1/people?after=1:M").await;
        assert_eq!(status, 200);
        let names: Vec<&str> = from_m["people"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(!names.is_empty());
        app.stop().await;
    }
}

on_both_backends! {
    async fn profiles_awards_categories_rubrics_and_credentials_read_as_json(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let (_, first) = json(&app, "/api/v1/people").await;
        let slug = first["people"][0]["slug"].as_str().unwrap().to_owned();
        let (status, profile) = json(&app, &format!("/api/v1/people/{slug}")).await;
        assert_eq!(status, 200);
        assert_eq!(profile["name"], first["people"][0]["name"]);
        assert_eq!(profile["status"], "current");
        assert_eq!(profile["activity"].as_array().unwrap().len(), 24);
        assert!(profile.get("email").is_none() && profile.get("employer").is_none());
        refused(&app, "/api/v1/people/nobody-by-this-name", 404, "not_found").await;

        // Awards, newest first, a page at a time.
        let (_, awards) = json(&app, "/api/v1/awards?limit=5").await;
        let listed = awards["awards"].as_array().unwrap();
        assert_eq!(listed.len(), 5);
        let (_, more) = json(&app, &format!("/api/v1/awards?limit=5&after={}", awards["next"].as_str().unwrap())).await;
        let (_, ten) = json(&app, "/api/v1/awards?limit=10").await;
        let both: Vec<&Value> = listed.iter().chain(more["awards"].as_array().unwrap()).collect();
        assert_eq!(both, ten["awards"].as_array().unwrap().iter().collect::<Vec<_>>());
        refused(&app, "/api/v1/awards?limit=0", 422, "validation_failed").await;
        refused(&app, "/api/v1/awards?limit=lots", 400, "malformed_request").await;
        refused(&app, "/api/v1/awards?after=yesterday", 422, "validation_failed").await;

        // Every category's rubric, and its versions.
        let (_, categories) = json(&app, "/api/v1/categories").await;
        let categories = categories.as_array().unwrap();
        assert!(!categories.is_empty());
        for category in categories {
            let slug = category["slug"].as_str().unwrap();
            let (status, rubric) = json(&app, &format!("/api/v1/rubrics/{slug}")).await;
            assert_eq!(status, 200, "{slug}");
            assert!(rubric["threshold"].as_u64().unwrap() > 0);
            let version = rubric["version"].as_i64().unwrap();
            let (status, same) = json(&app, &format!("/api/v1/rubrics/{slug}/versions/{version}")).await;
            assert_eq!((status, &same["types"]), (200, &rubric["types"]));
        }
        let slug = categories[0]["slug"].as_str().unwrap();
        refused(&app, &format!("/api/v1/rubrics/{slug}/versions/999"), 404, "not_found").await;
        refused(&app, &format!("/api/v1/rubrics/{slug}/versions/one"), 400, "malformed_request").await;

        // A credential, checked.
        let credential = profile["awards"][0]["credential_url"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
        let (status, checked) = json(&app, &format!("/api/v1/credentials/{credential}")).await;
        assert_eq!(status, 200);
        assert_eq!(checked["verification"]["valid"], true, "{checked}");
        assert_eq!(checked["credential"]["type"][1], "OpenBadgeCredential");
        refused(&app, "/api/v1/credentials/not-a-credential", 404, "not_found").await;
        app.stop().await;
    }
}

on_both_backends! {
    async fn every_refusal_is_json_in_the_language_asked_for_and_answers_are_cached(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        refused(&app, "/api/v1/no-such-thing", 404, "not_found").await;
        let answer = app.client.delete(format!("{}/api/v1/people", app.address)).send().await.unwrap();
        assert_eq!(answer.status(), 405);
        assert!(answer.headers().get("allow").is_some_and(|a| a.to_str().unwrap().contains("GET")));
        let body: Value = answer.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
        let german: Value = app.client.get(format!("{}/api/v1/awards?limit=0", app.address))
            .header("accept-language", "de").send().await.unwrap().json().await.unwrap();
        assert!(german["error"]["fields"]["limit"].as_str().unwrap().starts_with("Fragen Sie"), "{german}");

        // The same answer twice has the same ETag, and sending it back gets a 304.
        let answer = app.get("/api/v1/people").await;
        let etag = answer.headers()["etag"].clone();
        assert_eq!(answer.headers()["cache-control"], "public, no-cache");
        let again = app.client.get(format!("{}/api/v1/people", app.address))
            .header("if-none-match", etag).send().await.unwrap();
        assert_eq!(again.status(), 304);

        // The document lists every API route of the route table, and nothing else.
        let document: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
        let mut documented: Vec<String> = document["paths"].as_object().unwrap().iter()
            .flat_map(|(path, methods)| methods.as_object().unwrap().keys().map(move |m| format!("{} {path}", m.to_uppercase())))
            .collect();
        documented.sort();
        let mut routed: Vec<String> = plaudit::web::routes::specs().into_iter()
            .filter(|s| s.path.starts_with("/api/v1/") && s.path != "/api/v1/openapi.json")
            .map(|s| format!("{} {}", s.method, s.path))
            .collect();
        routed.sort();
        assert_eq!(documented, routed);
        app.stop().await;
    }
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)]).unwrap().trim_start_matches("v=").to_owned()
}

//! The JSON API with personal tokens: scopes, revocation, and JSON errors, on both backends.

use plaudit_store::{Db, on_db, sqlx};
use serde_json::Value;

use crate::auth::make_account;
use crate::helpers::TestApp;
use crate::helpers::{browser, csrf_from};
use crate::on_both_backends;

/// Creates a token on the tokens page and reads it off the answer, the one time it is shown.
async fn create_token(app: &TestApp, client: &reqwest::Client, name: &str, scope: &str) -> String {
    let csrf = csrf_from(client, &format!("{}/account/tokens", app.address)).await;
    let page = client
        .post(format!("{}/account/tokens", app.address))
        .form(&[("csrf", csrf.as_str()), ("name", name), ("scope", scope)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = page.find("<code class=\"secret\">").expect("the new token is shown") + 21;
    page[start..].split('<').next().unwrap().to_owned()
}

async fn error_code(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    assert_eq!(response.headers()["content-type"], "application/json", "a JSON error body");
    (status, response.json::<Value>().await.unwrap())
}

async fn audit_actions(db: &Db) -> Vec<String> {
    on_db!(db, pool => sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id").fetch_all(pool).await).unwrap()
}

on_both_backends! {
    async fn tokens_act_within_their_scope_until_revoked(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        make_account(&app.db, "api@example.org", &[]).await;
        let client = browser();
        let csrf = csrf_from(&client, &format!("{}/sign-in", app.address)).await;
        client.post(format!("{}/sign-in", app.address))
            .form(&[("csrf", csrf.as_str()), ("email", "api@example.org"), ("password", "correct horse battery")])
            .send().await.unwrap();
        let reader = create_token(&app, &client, "dashboard", "read").await;
        assert!(reader.starts_with("plaudit_") && reader.len() > 60);
        let api = reqwest::Client::new();
        let me = format!("{}/api/v1/me", app.address);

        let (status, body) = error_code(api.get(&me).send().await.unwrap()).await;
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some("unauthenticated")));
        let response = api.get(&me).bearer_auth(&reader).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["email"], "api@example.org");
        assert_eq!(body["roles"], serde_json::json!(["member"]));

        let rename = format!("{}/api/v1/me/name", app.address);
        let (status, body) = error_code(api.put(&rename).bearer_auth(&reader).json(&serde_json::json!({"name": "New"})).send().await.unwrap()).await;
        assert_eq!((status, body["error"]["code"].as_str()), (403, Some("insufficient_scope")));

        let writer = create_token(&app, &client, "sync", "read_write").await;
        let response = api.put(&rename).bearer_auth(&writer).json(&serde_json::json!({"name": "Api Person"})).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<Value>().await.unwrap()["name"], "Api Person");
        let (status, body) = error_code(api.put(&rename).bearer_auth(&writer).json(&serde_json::json!({"name": "  "})).send().await.unwrap()).await;
        assert_eq!(status, 422);
        assert_eq!(body["error"]["code"], "validation_failed");
        assert!(body["error"]["fields"]["name"].is_string());
        let (status, body) = error_code(api.put(&rename).bearer_auth(&writer).header("content-type", "application/json").body("{not json").send().await.unwrap()).await;
        assert_eq!((status, body["error"]["code"].as_str()), (400, Some("malformed_request")));

        // The tokens page shows when each was used; revoking one stops it at once.
        let page = client.get(format!("{}/account/tokens", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains(&reader), "a token is never shown twice");
        assert_eq!(page.matches("UTC").count(), 4, "created and last-used times of both tokens");
        let reader_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar("SELECT id FROM api_token WHERE name = 'dashboard'").fetch_one(pool).await).unwrap();
        let csrf = csrf_from(&client, &format!("{}/account/tokens", app.address)).await;
        client.post(format!("{}/account/tokens/{reader_id}/revoke", app.address)).form(&[("csrf", csrf)]).send().await.unwrap();
        let (status, body) = error_code(api.get(&me).bearer_auth(&reader).send().await.unwrap()).await;
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some("invalid_token")));
        assert_eq!(api.get(&me).bearer_auth(&writer).send().await.unwrap().status(), 200);

        let actions = audit_actions(&app.db).await;
        for action in ["api_token.created", "account.renamed", "api_token.revoked"] {
            assert!(actions.iter().any(|a| a == action), "{action} audited: {actions:?}");
        }
        let stored: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar("SELECT token_hash FROM api_token").fetch_all(pool).await).unwrap();
        assert!(stored.iter().all(|h| h.len() == 64 && *h != reader && *h != writer), "only hashes are stored");
    }
}

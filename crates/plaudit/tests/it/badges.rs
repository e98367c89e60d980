//! Award credentials over HTTP, on both databases: each award's Open Badges 3.0 credential is
//! served signed, as its media type, verifies against the issuer profile's key and the status
//! list, is baked into its badge image, and its verification page says so; an award ended
//! early is revoked on the list and the page says exactly that; a new key leaves earlier
//! credentials valid.

use plaudit_badges::{Problem, Verification};
use plaudit_store::{on_db, sqlx};
use serde_json::Value;

use crate::auth::{demo_account, sign_in};
use crate::helpers::{TestApp, browser, csrf_from, test_now};
use crate::on_both_backends;

async fn json(app: &TestApp, path: &str, media_type: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], media_type, "{path}");
    response.json().await.unwrap()
}

/// Checks a credential as a verifier that fetched the issuer profile and the status list.
async fn verify(app: &TestApp, credential: &Value) -> Verification {
    let profile = json(app, "/issuer", "application/ld+json").await;
    let keys = plaudit_badges::profile_keys(&profile).unwrap();
    let status_list = json(app, "/status-lists/revocation", "application/vc").await;
    plaudit_badges::verify(credential, &keys, Some(&status_list), test_now())
}

on_both_backends! {
    async fn a_credential_verifies_until_its_award_ends_early_and_survives_a_new_key(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let email = demo_account(&app.db,
            "EXISTS (SELECT 1 FROM directory_entry e WHERE e.person_id = p.id AND e.status = 'current') \
             AND (SELECT COUNT(*) FROM award w WHERE w.person_id = p.id AND w.ended_early_on IS NULL \
                  AND w.ends_on >= '2026-11-29' AND w.starts_on <= '2026-11-29') = 1").await;
        let (credential_id, slug, name): (String, String, String) = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT w.credential_id, p.slug, p.display_name FROM award w JOIN person p ON p.id = w.person_id \
             JOIN account a ON a.person_id = p.id WHERE a.email_normalized = $1 \
               AND w.ended_early_on IS NULL AND w.ends_on >= '2026-11-29' AND w.starts_on <= '2026-11-29'")
            .bind(&email).fetch_one(pool).await).unwrap();

        // The profile links its badge.
        let profile = app.get(&format!("/people/{slug}")).await.text().await.unwrap();
        assert!(profile.contains(&format!("href=\"/credentials/{credential_id}\"")), "{profile}");

        let path = format!("/credentials/{credential_id}");
        let credential = json(&app, &format!("{path}/credential.json"), "application/vc").await;
        assert_eq!(credential["type"][1], "OpenBadgeCredential");
        assert_eq!(credential["proof"]["cryptosuite"], "eddsa-rdfc-2022");
        assert_eq!(credential["credentialStatus"]["type"], "BitstringStatusListEntry");
        assert!(credential["credentialSubject"]["achievement"]["criteria"]["id"].as_str().unwrap().contains("/rubrics/"));
        match verify(&app, &credential).await {
            Verification::Valid { recipient_name, .. } => assert_eq!(recipient_name, name),
            other => panic!("a fresh credential verifies: {other:?}"),
        }
        // Signed on demand, yet the same document every time.
        assert_eq!(json(&app, &format!("{path}/credential.json"), "application/vc").await, credential);

        // The badge carries the credential inside.
        let badge = app.get(&format!("{path}/badge.svg")).await;
        assert_eq!(badge.headers()["content-type"], "image/svg+xml");
        assert_eq!(plaudit_badges::unbake_svg(&badge.text().await.unwrap()).unwrap(), credential);

        let page = app.get(&path).await.text().await.unwrap();
        assert!(page.contains("This credential is valid."), "{page}");
        assert!(page.contains(&format!("Issued to {name} for ")), "{page}");

        // Nobody's credential before it starts, and no credential for an id nobody holds.
        assert_eq!(app.get("/credentials/no-such-credential").await.status(), 404);
        assert_eq!(app.get("/credentials/no-such-credential/credential.json").await.status(), 404);

        // A new key: earlier credentials keep theirs, and the profile lists both.
        let ctx = plaudit::ops::Ctx {
            db: app.db.clone(),
            clock: std::sync::Arc::new(plaudit_domain::clock::FixedClock(test_now())),
            public_url: String::new(),
        };
        assert_eq!(plaudit::ops::badges::rotate_key(&ctx).await.unwrap(), 2);
        // Made outside the server (as `plaudit badges rotate-key` does): it reads the public
        // version again within its time to live.
        tokio::time::sleep(plaudit::web::public_cache::VERSION_TTL + std::time::Duration::from_millis(100)).await;
        let profile = json(&app, "/issuer", "application/ld+json").await;
        assert_eq!(plaudit_badges::profile_keys(&profile).unwrap().len(), 2);
        assert_eq!(json(&app, &format!("{path}/credential.json"), "application/vc").await, credential);
        assert!(matches!(verify(&app, &credential).await, Verification::Valid { .. }));

        // Joining the sponsor ends the award early: the list revokes it, the page says why.
        let client = browser();
        sign_in(&app, &client, &email, "correct horse battery").await;
        let sponsor: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT sponsor_name FROM program_settings").fetch_one(pool).await).unwrap();
        let csrf = csrf_from(&client, &format!("{}/profile", app.address)).await;
        let saved = client.post(format!("{}/profile", app.address)).form(&[
            ("csrf", csrf.as_str()), ("name", name.as_str()), ("headline", ""), ("bio", ""),
            ("country", ""), ("region", ""), ("employer", sponsor.as_str()), ("links", ""),
            ("languages", ""), ("minimum_age", "yes"), ("code_of_conduct", "yes"),
        ]).send().await.unwrap();
        assert_eq!(saved.status(), 303);
        assert_eq!(verify(&app, &credential).await, Verification::Invalid(Problem::Revoked));
        let page = app.get(&path).await.text().await.unwrap();
        assert!(page.contains("This credential is not valid."), "{page}");
        assert!(page.contains("the program&#39;s revocation list says so") || page.contains("the program's revocation list says so"), "{page}");

        // A changed credential fails, whoever checks it.
        let mut tampered = credential.clone();
        tampered["credentialSubject"]["achievement"]["name"] = Value::from("Something else 2026");
        assert!(matches!(verify(&app, &tampered).await, Verification::Invalid(Problem::BadSignature)));
    }
}

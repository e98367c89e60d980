//! Signing in with an OpenID Connect provider, against a small provider run here on loopback:
//! discovery, JWKS, an authorize endpoint that answers at once, and a token endpoint that
//! checks PKCE and client credentials and signs ID tokens with a fixture key.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType, CoreRsaPrivateSigningKey, CoreSubjectIdentifierType,
};
use openidconnect::{
    Audience, AuthUrl, EmptyAdditionalClaims, EmptyAdditionalProviderMetadata, EndUserEmail,
    EndUserName, IssuerUrl, JsonWebKeyId, JsonWebKeySetUrl, LocalizedClaim, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PrivateSigningKey, ResponseTypes, StandardClaims,
    SubjectIdentifier, TokenUrl,
};
use plaudit_store::{Backend, Db, on_db, sqlx};

use crate::helpers::browser;
use crate::helpers::{TestApp, TestDb};
use crate::on_both_backends;

const CLIENT_ID: &str = "plaudit-test";
const CLIENT_SECRET: &str = "test-secret";
const PROVIDER_KEY: &str = include_str!("../fixtures/oidc_provider_key.pem");
const OTHER_KEY: &str = include_str!("../fixtures/oidc_other_key.pem");

/// What the provider says about the next person to sign in.
#[derive(Clone)]
struct Claims {
    sub: String,
    email: Option<String>,
    email_verified: Option<bool>,
    name: Option<String>,
}

struct Pending {
    nonce: String,
    challenge: String,
    redirect_uri: String,
}

struct ProviderState {
    issuer: String,
    key: CoreRsaPrivateSigningKey,
    other_key: CoreRsaPrivateSigningKey,
    claims: Mutex<Claims>,
    pending: Mutex<HashMap<String, Pending>>,
    /// Sign the next ID tokens with a key the JWKS does not publish.
    sign_with_other_key: AtomicBool,
    /// Token requests whose PKCE verifier matched the challenge.
    pkce_matched: AtomicUsize,
}

struct Provider {
    state: Arc<ProviderState>,
}

impl Provider {
    async fn start() -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let key = |pem: &str, kid: &str| {
            CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.to_owned())))
                .unwrap()
        };
        let state = Arc::new(ProviderState {
            issuer,
            key: key(PROVIDER_KEY, "provider"),
            other_key: key(OTHER_KEY, "provider"),
            claims: Mutex::new(Claims {
                sub: "subject-1".to_owned(),
                email: Some("grace@example.org".to_owned()),
                email_verified: Some(true),
                name: Some("Grace Hopper".to_owned()),
            }),
            pending: Mutex::new(HashMap::new()),
            sign_with_other_key: AtomicBool::new(false),
            pkce_matched: AtomicUsize::new(0),
        });
        let router = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Provider { state }
    }

    fn issuer(&self) -> String {
        self.state.issuer.clone()
    }

    fn set_claims(&self, claims: Claims) {
        *self.state.claims.lock().unwrap() = claims;
    }

    fn pkce_matched(&self) -> usize {
        self.state.pkce_matched.load(Ordering::SeqCst)
    }
}

async fn discovery(State(state): State<Arc<ProviderState>>) -> Json<serde_json::Value> {
    let issuer = &state.issuer;
    let metadata = CoreProviderMetadata::new(
        IssuerUrl::new(issuer.clone()).unwrap(),
        AuthUrl::new(format!("{issuer}/authorize")).unwrap(),
        JsonWebKeySetUrl::new(format!("{issuer}/jwks")).unwrap(),
        vec![ResponseTypes::new(vec![CoreResponseType::Code])],
        vec![CoreSubjectIdentifierType::Public],
        vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256],
        EmptyAdditionalProviderMetadata {},
    )
    .set_token_endpoint(Some(TokenUrl::new(format!("{issuer}/token")).unwrap()));
    Json(serde_json::to_value(&metadata).unwrap())
}

async fn jwks(State(state): State<Arc<ProviderState>>) -> Json<serde_json::Value> {
    let set = CoreJsonWebKeySet::new(vec![state.key.as_verification_key()]);
    Json(serde_json::to_value(&set).unwrap())
}

/// Signs the visitor in at once: straight back to the client with a code.
async fn authorize(
    State(state): State<Arc<ProviderState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["code_challenge_method"], "S256", "PKCE with S256");
    assert!(query["scope"].split(' ').any(|s| s == "openid"), "{query:?}");
    let code = uuid::Uuid::new_v4().simple().to_string();
    state.pending.lock().unwrap().insert(
        code.clone(),
        Pending {
            nonce: query["nonce"].clone(),
            challenge: query["code_challenge"].clone(),
            redirect_uri: query["redirect_uri"].clone(),
        },
    );
    let url = format!("{}?code={code}&state={}", query["redirect_uri"], query["state"]);
    Redirect::to(&url).into_response()
}

fn token_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": error }))).into_response()
}

async fn token(
    State(state): State<Arc<ProviderState>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    // client_secret_basic, as openidconnect sends by default.
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let basic = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if basic != format!("Basic {expected}") {
        return token_error("invalid_client");
    }
    if form.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return token_error("unsupported_grant_type");
    }
    let Some(pending) = form.get("code").and_then(|c| state.pending.lock().unwrap().remove(c))
    else {
        return token_error("invalid_grant");
    };
    if form.get("redirect_uri") != Some(&pending.redirect_uri) {
        return token_error("invalid_grant");
    }
    let Some(verifier) = form.get("code_verifier") else {
        return token_error("invalid_grant");
    };
    let challenge =
        PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier.clone()));
    if challenge.as_str() != pending.challenge {
        return token_error("invalid_grant");
    }
    state.pkce_matched.fetch_add(1, Ordering::SeqCst);

    let claims = state.claims.lock().unwrap().clone();
    let now = chrono::Utc::now();
    let standard = StandardClaims::new(SubjectIdentifier::new(claims.sub))
        .set_email(claims.email.map(EndUserEmail::new))
        .set_email_verified(claims.email_verified)
        .set_name(claims.name.map(|n| LocalizedClaim::from(EndUserName::new(n))));
    let id_claims = CoreIdTokenClaims::new(
        IssuerUrl::new(state.issuer.clone()).unwrap(),
        vec![Audience::new(CLIENT_ID.to_owned())],
        now + chrono::Duration::minutes(5),
        now,
        standard,
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(pending.nonce)));
    let key = if state.sign_with_other_key.load(Ordering::SeqCst) {
        &state.other_key
    } else {
        &state.key
    };
    let id_token =
        CoreIdToken::new(id_claims, key, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None)
            .unwrap();
    Json(serde_json::json!({
        "access_token": "an-access-token",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

async fn app_with(backend: Backend, provider: &Provider) -> TestApp {
    let issuer = provider.issuer();
    TestApp::spawn_with(backend, move |config| {
        config.oidc_issuer = Some(issuer);
        config.oidc_client_id = Some(CLIENT_ID.to_owned());
        config.oidc_client_secret = Some(CLIENT_SECRET.to_owned());
        config.oidc_name = "Example ID".to_owned();
    })
    .await
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Goes to the provider and back; returns the callback URL on this app (the configured
/// public URL is the default one, the app listens on a random port).
async fn to_provider_and_back(app: &TestApp, client: &reqwest::Client) -> String {
    let start = client.get(format!("{}/sign-in/oidc", app.address)).send().await.unwrap();
    assert_eq!(start.status(), 303);
    let authorize = client.get(location(&start)).send().await.unwrap();
    assert!(authorize.status().is_redirection(), "{}", authorize.status());
    let back = location(&authorize);
    assert!(back.starts_with("http://127.0.0.1:8080/sign-in/oidc/callback?"), "{back}");
    back.replace("http://127.0.0.1:8080", &app.address)
}

async fn sign_in_with_provider(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    let callback = to_provider_and_back(app, client).await;
    client.get(callback).send().await.unwrap()
}

async fn signed_in_as(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let page = client.get(format!("{}/account", app.address)).send().await.unwrap();
    if page.status() != 200 {
        return None;
    }
    Some(page.text().await.unwrap())
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

/// An account with a verified address and a password, as joining makes.
async fn password_account(db: &Db, email: &str) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let normalized = email.to_lowercase();
    let member = plaudit_store::accounts::NewMember {
        display_name: "Ada Lovelace",
        email,
        email_normalized: &normalized,
        password_hash: Some("$argon2id$not-a-real-hash"),
        slug: "ada-lovelace",
    };
    let now = crate::helpers::test_now();
    let id = plaudit_store::accounts::create_member(&mut tx, &member, now).await.unwrap();
    plaudit_store::accounts::mark_email_verified(&mut tx, id, now).await.unwrap();
    tx.commit().await.unwrap();
    id
}

on_both_backends! {
    async fn a_verified_first_sign_in_creates_an_account_and_the_next_signs_into_it(backend: Backend) {
        let provider = Provider::start().await;
        let app = app_with(backend, &provider).await;

        let page = app.get("/sign-in").await.text().await.unwrap();
        assert!(page.contains("href=\"/sign-in/oidc\">Sign in with Example ID<"), "{page}");

        let client = browser();
        let response = sign_in_with_provider(&app, &client).await;
        assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
        assert_eq!(location(&response), "/");
        assert!(signed_in_as(&app, &client).await.unwrap().contains("Grace Hopper"));
        assert_eq!(provider.pkce_matched(), 1, "the provider checked the PKCE verifier");

        let (verified, password): (Option<i64>, Option<String>) = on_db!(&app.db, pool =>
            sqlx::query_as("SELECT email_verified_at, password_hash FROM account WHERE email_normalized = 'grace@example.org'")
                .fetch_one(pool).await).unwrap();
        assert!(verified.is_some(), "the provider verified the address");
        assert_eq!(password, None);

        let again = browser();
        let response = sign_in_with_provider(&app, &again).await;
        assert_eq!(response.status(), 303);
        assert!(signed_in_as(&app, &again).await.unwrap().contains("Grace Hopper"));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM account").await, 1);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM external_identity").await, 1);
        assert_eq!(
            count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND detail = 'oidc'").await,
            2
        );
        assert_eq!(provider.pkce_matched(), 2);
    }
}

on_both_backends! {
    async fn a_verified_address_links_to_the_existing_account(backend: Backend) {
        let provider = Provider::start().await;
        let app = app_with(backend, &provider).await;
        let account_id = password_account(&app.db, "ada@example.org").await;
        provider.set_claims(Claims {
            sub: "ada-at-provider".to_owned(),
            email: Some("Ada@Example.ORG".to_owned()),
            email_verified: Some(true),
            name: Some("Ada L.".to_owned()),
        });

        let client = browser();
        let response = sign_in_with_provider(&app, &client).await;
        assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
        assert!(signed_in_as(&app, &client).await.unwrap().contains("Ada Lovelace"));
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM account").await, 1);
        let linked: (i64, String, String) = on_db!(&app.db, pool =>
            sqlx::query_as("SELECT account_id, provider, subject FROM external_identity")
                .fetch_one(pool).await).unwrap();
        assert_eq!(linked, (account_id, provider.issuer(), "ada-at-provider".to_owned()));
        assert_eq!(
            count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'external_identity.linked'").await,
            1
        );

        // A disabled account cannot sign in this way either.
        on_db!(&app.db, pool => sqlx::query("UPDATE account SET disabled_at = 1").execute(pool).await.map(|_| ())).unwrap();
        let client = browser();
        let response = sign_in_with_provider(&app, &client).await;
        assert_eq!(response.status(), 403);
        assert!(response.text().await.unwrap().contains("This account is disabled"));
        assert!(signed_in_as(&app, &client).await.is_none());
    }
}

on_both_backends! {
    async fn an_unverified_address_is_refused_and_links_nothing(backend: Backend) {
        let provider = Provider::start().await;
        let app = app_with(backend, &provider).await;
        password_account(&app.db, "ada@example.org").await;
        for verified in [Some(false), None] {
            provider.set_claims(Claims {
                sub: "someone-else".to_owned(),
                email: Some("ada@example.org".to_owned()),
                email_verified: verified,
                name: None,
            });
            let client = browser();
            let response = sign_in_with_provider(&app, &client).await;
            assert_eq!(response.status(), 403);
            let page = response.text().await.unwrap();
            assert!(
                page.contains("Your provider did not confirm your e-mail address, so we cannot link it to an account."),
                "{page}"
            );
            assert!(signed_in_as(&app, &client).await.is_none());
        }
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM external_identity").await, 0);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM account").await, 1);
        assert_eq!(
            count(&app.db, "SELECT COUNT(*) FROM audit_log WHERE action IN ('sign_in', 'external_identity.linked')").await,
            0
        );
    }
}

on_both_backends! {
    async fn a_wrong_state_or_a_foreign_signature_signs_nobody_in(backend: Backend) {
        let provider = Provider::start().await;
        let app = app_with(backend, &provider).await;

        let client = browser();
        let callback = to_provider_and_back(&app, &client).await;
        let (base, query) = callback.split_once('?').unwrap();
        let forged: Vec<String> = query
            .split('&')
            .map(|pair| if pair.starts_with("state=") { "state=forged".to_owned() } else { pair.to_owned() })
            .collect();
        let response = client.get(format!("{base}?{}", forged.join("&"))).send().await.unwrap();
        assert_eq!(response.status(), 400);
        assert!(signed_in_as(&app, &client).await.is_none());
        // The pending sign-in is spent: the real callback no longer works either.
        let response = client.get(&callback).send().await.unwrap();
        assert_eq!(response.status(), 400);
        assert!(signed_in_as(&app, &client).await.is_none());

        provider.state.sign_with_other_key.store(true, Ordering::SeqCst);
        let client = browser();
        let response = sign_in_with_provider(&app, &client).await;
        assert_eq!(response.status(), 400);
        assert!(response.text().await.unwrap().contains("its answer did not check out"));
        assert!(signed_in_as(&app, &client).await.is_none());

        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM account").await, 0);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM external_identity").await, 0);
    }
}

#[tokio::test]
async fn an_unreachable_issuer_stops_the_start_naming_the_setting() {
    let db = TestDb::new(Backend::Sqlite).await;
    // A port nothing listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = plaudit::config::Config {
        database_url: db.url.clone(),
        bind: "127.0.0.1:0".to_owned(),
        oidc_issuer: Some(format!("http://127.0.0.1:{port}")),
        oidc_client_id: Some(CLIENT_ID.to_owned()),
        ..plaudit::config::Config::default()
    };
    let Err(error) = plaudit::app::Application::build(config).await else {
        panic!("the start should fail");
    };
    let line = error.to_string();
    assert!(line.contains("oidc_issuer"), "{line}");
    assert!(!line.contains('\n'), "{line}");
}

#[tokio::test]
async fn without_a_provider_there_is_no_provider_sign_in() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let page = app.get("/sign-in").await.text().await.unwrap();
    assert!(!page.contains("/sign-in/oidc"), "{page}");
    assert_eq!(app.get("/sign-in/oidc").await.status(), 404);
    assert_eq!(app.get("/sign-in/oidc/callback?code=x&state=y").await.status(), 404);
}

on_both_backends! {
    async fn a_verified_address_of_a_known_person_without_an_account_gives_that_person_the_account(backend: Backend) {
        let provider = Provider::start().await;
        let app = app_with(backend, &provider).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &crate::helpers::test_clock(), false)
            .await
            .unwrap();
        let (person_id, email) = crate::helpers::person_without_account(&app.db).await;
        let people = count(&app.db, "SELECT COUNT(*) FROM person").await;
        provider.set_claims(Claims {
            sub: "known-at-provider".to_owned(),
            email: Some(email.clone()),
            email_verified: Some(true),
            name: Some("Another Name".to_owned()),
        });

        let client = browser();
        let response = sign_in_with_provider(&app, &client).await;
        assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
        assert!(signed_in_as(&app, &client).await.is_some());
        let account_person: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT a.person_id FROM external_identity e JOIN account a ON a.id = e.account_id \
             WHERE e.subject = 'known-at-provider'").fetch_one(pool).await).unwrap();
        assert_eq!(account_person, person_id, "the known person's account, history and all");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM person").await, people, "no new person");
    }
}

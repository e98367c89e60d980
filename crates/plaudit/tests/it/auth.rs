//! Accounts and the protections around them, through the real server on both backends.

use plaudit::web::routes::{self, RouteSpec};
use plaudit_store::{Backend, Db, on_db, sqlx};

use crate::helpers::TestApp;
use crate::helpers::{browser, csrf_from, link_in, text_part};
use crate::on_both_backends;

async fn latest_mail(db: &Db, to: &str) -> (String, String) {
    on_db!(db, pool => sqlx::query_as(
        "SELECT kind, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1")
        .bind(to).fetch_one(pool).await)
    .unwrap()
}

async fn sign_up(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    email: &str,
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/sign-up", app.address)).await;
    client
        .post(format!("{}/sign-up", app.address))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("email", email),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap()
}

pub async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}/sign-in", app.address)).await;
    client
        .post(format!("{}/sign-in", app.address))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
            ("next", "/account"),
        ])
        .send()
        .await
        .unwrap()
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("plaudit_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

on_both_backends! {
    async fn a_member_joins_verifies_the_address_signs_in_and_out(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = browser();
        let response = sign_up(&app, &client, "Ada Lovelace", "ada@example.org").await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/sign-up/sent");

        // Before verifying, the right password is not enough.
        let response = sign_in(&app, &client, "ada@example.org", "correct horse battery").await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains("Verify your e-mail address first"));

        let (kind, text) = latest_mail(&app.db, "ada@example.org").await;
        assert_eq!(kind, "verify_email");
        let link = link_in(&text).replace("http://127.0.0.1:8080", &app.address);
        let response = client.get(&link).send().await.unwrap();
        assert_eq!(response.headers()["location"], "/sign-in?verified=1");
        let again = client.get(&link).send().await.unwrap();
        assert_eq!(again.status(), 400, "a verification link works once");

        let before = client.get(format!("{}/sign-in", app.address)).send().await.unwrap();
        let anonymous_cookie = session_cookie(&before);
        let response = sign_in(&app, &client, "ada@example.org", "correct horse battery").await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/account");
        let signed_in_cookie = session_cookie(&response).expect("a session cookie at sign-in");
        assert!(signed_in_cookie.len() > "plaudit_session=".len());
        assert_ne!(Some(signed_in_cookie.clone()), anonymous_cookie, "the session id rotates at sign-in");
        let cookie_header = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie_header.contains("HttpOnly") && cookie_header.contains("SameSite=Lax"), "{cookie_header}");

        let account = client.get(format!("{}/account", app.address)).send().await.unwrap();
        assert_eq!(account.status(), 200);
        let page = account.text().await.unwrap();
        assert!(page.contains("Ada Lovelace") && page.contains("ada@example.org"));

        let csrf = csrf_from(&client, &format!("{}/account", app.address)).await;
        let response = client.post(format!("{}/sign-out", app.address)).form(&[("csrf", csrf)]).send().await.unwrap();
        assert_eq!(response.status(), 303);
        let account = client.get(format!("{}/account", app.address)).send().await.unwrap();
        assert_eq!(account.status(), 303, "signed out, the account page asks to sign in");
        assert_eq!(account.headers()["location"], "/sign-in?next=/account");

        let actions: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE subject_type = 'account' ORDER BY id").fetch_all(pool).await).unwrap();
        for action in ["account.created", "account.email_verified", "sign_in", "sign_out"] {
            assert!(actions.iter().any(|a| a == action), "{action} is in the audit log: {actions:?}");
        }
    }
}

on_both_backends! {
    async fn a_form_posted_without_its_csrf_token_is_refused(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let client = browser();
        let _ = csrf_from(&client, &format!("{}/sign-up", app.address)).await;
        let response = client
            .post(format!("{}/sign-up", app.address))
            .form(&[("name", "Eve"), ("email", "eve@example.org"), ("password", "correct horse battery")])
            .send().await.unwrap();
        assert_eq!(response.status(), 403);
        let wrong = client
            .post(format!("{}/sign-up", app.address))
            .form(&[("csrf", "0".repeat(64).as_str()), ("name", "Eve"), ("email", "eve@example.org"), ("password", "correct horse battery")])
            .send().await.unwrap();
        assert_eq!(wrong.status(), 403);
        let accounts: i64 = on_db!(&app.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM account").fetch_one(pool).await).unwrap();
        assert_eq!(accounts, 0, "nothing was created");
    }
}

on_both_backends! {
    async fn joining_with_a_taken_address_looks_the_same_and_mails_the_owner(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let first = sign_up(&app, &browser(), "Grace Hopper", "grace@example.org").await;
        let second = sign_up(&app, &browser(), "Not Grace", "Grace@Example.org").await;
        assert_eq!(first.status(), second.status());
        assert_eq!(first.headers()["location"], second.headers()["location"]);
        let (kind, _) = latest_mail(&app.db, "grace@example.org").await;
        assert_eq!(kind, "already_member");
    }
}

on_both_backends! {
    async fn bad_sign_up_input_is_explained_next_to_each_field_and_kept(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let client = browser();
        let csrf = csrf_from(&client, &format!("{}/sign-up", app.address)).await;
        let response = client
            .post(format!("{}/sign-up", app.address))
            .form(&[("csrf", csrf.as_str()), ("name", "Katherine"), ("email", "katherine-at-example.org"), ("password", "short")])
            .send().await.unwrap();
        assert_eq!(response.status(), 422);
        let page = response.text().await.unwrap();
        assert!(page.contains("value=\"Katherine\""), "the name is kept");
        assert!(page.contains("value=\"katherine-at-example.org\""), "the address is kept");
        assert!(page.contains("id=\"email-error\"") && page.contains("id=\"password-error\""));
    }
}

on_both_backends! {
    async fn five_wrong_passwords_lock_the_account_with_a_clear_message(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = browser();
        sign_up(&app, &client, "Lin Lock", "lin@example.org").await;
        let (_, text) = latest_mail(&app.db, "lin@example.org").await;
        client.get(link_in(&text).replace("http://127.0.0.1:8080", &app.address)).send().await.unwrap();
        for attempt in 1..=4 {
            let response = sign_in(&app, &client, "lin@example.org", "wrong password!").await;
            assert_eq!(response.status(), 422);
            let page = response.text().await.unwrap();
            assert!(page.contains("do not match"), "attempt {attempt}");
        }
        let response = sign_in(&app, &client, "lin@example.org", "wrong password!").await;
        assert_eq!(response.status(), 429);
        assert!(response.text().await.unwrap().contains("locked for a while"));
        let right = sign_in(&app, &client, "lin@example.org", "correct horse battery").await;
        assert_eq!(right.status(), 429, "even the right password waits out the lock");
        assert!(right.text().await.unwrap().contains("Try again in 15 minutes"));
        let locks: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.locked'").fetch_one(pool).await).unwrap();
        assert_eq!(locks, 1);
    }
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::spawn_with_demo(Backend::Sqlite).await;
    for path in ["/", "/sign-in", "/no-such-page"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
        assert_eq!(headers["x-frame-options"], "DENY");
    }
}

/// An account with a verified address, the password "correct horse battery" and `roles`.
pub async fn make_account(db: &Db, email: &str, roles: &[&str]) -> i64 {
    let now = crate::helpers::test_now();
    let hash = plaudit::crypto::password::hash("correct horse battery".to_owned()).await.unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let member = plaudit_store::accounts::NewMember {
        display_name: email.split('@').next().unwrap(),
        email,
        email_normalized: &email.to_lowercase(),
        password_hash: Some(&hash),
        slug: "test-account",
    };
    let id = plaudit_store::accounts::create_member(&mut tx, &member, now).await.unwrap();
    plaudit_store::accounts::mark_email_verified(&mut tx, id, now).await.unwrap();
    for role in roles {
        plaudit_store::accounts::grant_role(&mut tx, id, role, None, now).await.unwrap();
    }
    tx.commit().await.unwrap();
    id
}

/// A demo account whose person satisfies `condition` (an SQL test on `a`, the account, and
/// `p`, its person), given the test password so it can sign in.
pub async fn demo_account(db: &Db, condition: &'static str) -> String {
    let sql = format!(
        "SELECT a.id, a.email_normalized FROM account a JOIN person p ON p.id = a.person_id \
         WHERE {condition} ORDER BY a.id LIMIT 1"
    );
    let (id, email): (i64, String) =
        on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .fetch_one(pool).await)
        .unwrap();
    let hash = plaudit::crypto::password::hash("correct horse battery".to_owned()).await.unwrap();
    let mut tx = db.begin_write().await.unwrap();
    plaudit_store::accounts::set_password(&mut tx, id, &hash, crate::helpers::test_now())
        .await
        .unwrap();
    plaudit_store::accounts::mark_email_verified(&mut tx, id, crate::helpers::test_now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    email
}

/// A read-write API token for the account with this address.
pub async fn token_for(db: &Db, email: &str) -> String {
    let id: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM account WHERE email_normalized = $1").bind(email).fetch_one(pool).await)
    .unwrap();
    let token = format!("plaudit_walk_{id}");
    let mut tx = db.begin_write().await.unwrap();
    let hash = plaudit::crypto::tokens::hash_token(&token);
    let now = crate::helpers::test_now();
    plaudit_store::api_tokens::create(&mut tx, id, "walk", &hash, "read_write", now).await.unwrap();
    tx.commit().await.unwrap();
    token
}

/// Walks every declared route as every role: visitor, member, candidate, awardee, reviewer,
/// product team and admin. What needs a role sends visitors to sign in (pages) or answers 401
/// (API), refuses accounts without the role with 403, and never refuses those with it.
#[tokio::test]
async fn every_route_answers_every_role_as_its_declared_access_says() {
    use plaudit::auth::{Access, RoleSet};
    let app = TestApp::spawn_with_demo(Backend::Sqlite).await;
    make_account(&app.db, "walker@example.org", &[]).await;
    make_account(&app.db, "rev@example.org", &["reviewer"]).await;
    make_account(&app.db, "pat@example.org", &["product_team"]).await;
    make_account(&app.db, "boss@example.org", &["admin"]).await;
    let candidate = demo_account(&app.db, "EXISTS (SELECT 1 FROM candidacy k WHERE k.person_id = p.id \
        AND k.state IN ('invited', 'accepted', 'submitted', 'in_review')) AND NOT EXISTS (SELECT 1 FROM award w \
        WHERE w.person_id = p.id AND w.ends_on >= '2026-11-29' AND w.starts_on <= '2026-11-29')").await;
    let awardee = demo_account(&app.db, "EXISTS (SELECT 1 FROM award w WHERE w.person_id = p.id \
        AND w.starts_on <= '2026-11-29' AND w.ends_on >= '2026-11-29' AND w.ended_early_on IS NULL) \
        AND NOT EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id)").await;
    let roles = [
        ("member", "walker@example.org".to_owned(), RoleSet::default()),
        ("candidate", candidate, RoleSet { candidate: true, ..RoleSet::default() }),
        ("awardee", awardee, RoleSet { awardee: true, ..RoleSet::default() }),
        (
            "reviewer",
            "rev@example.org".to_owned(),
            RoleSet { reviewer: true, ..RoleSet::default() },
        ),
        (
            "product team",
            "pat@example.org".to_owned(),
            RoleSet { product_team: true, ..RoleSet::default() },
        ),
        ("admin", "boss@example.org".to_owned(), RoleSet { admin: true, ..RoleSet::default() }),
    ];
    let mut walkers = vec![("visitor", browser(), None, None)];
    for (who, email, held) in roles {
        let client = browser();
        assert_eq!(
            sign_in(&app, &client, &email, "correct horse battery").await.status(),
            303,
            "{who} signs in"
        );
        let page = client
            .get(format!("{}/account", app.address))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if who != "member" && who != "product team" {
            assert!(
                page.contains(&format!("<span class=\"tag\">{who}</span>")),
                "{who} holds the role: {page}"
            );
        }
        let token = token_for(&app.db, &email).await;
        walkers.push((who, client, Some(held), Some(token)));
    }
    let specs: Vec<RouteSpec> = routes::specs();
    assert!(specs.len() >= 15);
    // Signing out would end the walk early; those two routes have tests of their own.
    let ends_session =
        |s: &&RouteSpec| ["/sign-out", "/account/sign-out-everywhere"].contains(&s.path);
    for spec in specs.iter().filter(|s| !ends_session(s)) {
        let api = spec.audience == plaudit::auth::Audience::Api;
        for (who, client, held, token) in &walkers {
            // A path that exists for nobody: handlers may answer 404, the check comes first.
            let url = format!("{}{}", app.address, spec.path.replace("{id}", "999999"));
            let mut request = if spec.method == "GET" {
                client.get(&url)
            } else if api {
                client.request(spec.method.clone(), &url).json(&serde_json::json!({}))
            } else {
                let csrf = csrf_from(client, &format!("{}/sign-in", app.address)).await;
                client.request(spec.method.clone(), &url).form(&[("csrf", csrf)])
            };
            if let (true, Some(token)) = (api, token) {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            let body = &body[..body.len().min(200)];
            let allowed = match held {
                None => spec.access == Access::Anyone,
                Some(roles) => plaudit::auth::access::allows(*roles, spec.access),
            };
            let what = format!("{who} {} {} answered {status}: {body}", spec.method, spec.path);
            // A server error is a bug whoever asks, allowed or not.
            assert!(status < 500, "{what}");
            if allowed {
                assert!(![401, 403].contains(&status), "{what}");
            } else if held.is_some() {
                assert_eq!(status, 403, "{what}");
            } else if api {
                assert_eq!(status, 401, "{what}: the API asks for a token");
            } else {
                assert_eq!(status, 303, "{what}: visitors are sent to sign in");
            }
        }
    }
}

on_both_backends! {
    async fn an_admin_grants_the_reviewer_role_with_categories_and_it_is_audited(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let admin = browser();
        make_account(&app.db, "boss@example.org", &["admin"]).await;
        let reviewer_id = make_account(&app.db, "rae@example.org", &[]).await;
        sign_in(&app, &admin, "boss@example.org", "correct horse battery").await;
        let found = admin.get(format!("{}/admin/people?email=RAE@example.org", app.address)).send().await.unwrap();
        let page = found.text().await.unwrap();
        assert!(page.contains(&format!("/admin/people/{reviewer_id}")), "{page}");
        let csrf = csrf_from(&admin, &format!("{}/admin/people/{reviewer_id}", app.address)).await;
        let saved = admin
            .post(format!("{}/admin/people/{reviewer_id}/roles", app.address))
            .form(&[("csrf", csrf.as_str()), ("role", "reviewer"), ("category", "1"), ("category", "3")])
            .send().await.unwrap();
        assert_eq!(saved.status(), 303);
        let page = admin.get(format!("{}/admin/people/{reviewer_id}", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Saved: granted reviewer."), "the flash says what changed");
        assert!(page.contains("id=\"role-reviewer\" name=\"role\" value=\"reviewer\" checked"));
        let scopes: Vec<i64> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT category_id FROM reviewer_scope WHERE account_id = $1 ORDER BY category_id").bind(reviewer_id).fetch_all(pool).await).unwrap();
        assert_eq!(scopes, [1, 3]);
        let audited: Vec<(Option<i64>, String)> = on_db!(&app.db, pool => sqlx::query_as(
            "SELECT actor_account_id, detail FROM audit_log WHERE action = 'role.granted' AND subject_id = $1").bind(reviewer_id).fetch_all(pool).await).unwrap();
        assert_eq!(audited.len(), 1);
        assert_eq!(audited[0].1, "role=reviewer");

        // The new reviewer signs in and is a reviewer; the admin cannot demote themselves.
        let reviewer = browser();
        sign_in(&app, &reviewer, "rae@example.org", "correct horse battery").await;
        let account = reviewer.get(format!("{}/account", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(account.contains("<span class=\"tag\">reviewer</span>"));
        let boss_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT id FROM account WHERE email_normalized = 'boss@example.org'").fetch_one(pool).await).unwrap();
        let csrf = csrf_from(&admin, &format!("{}/admin/people/{boss_id}", app.address)).await;
        admin.post(format!("{}/admin/people/{boss_id}/roles", app.address)).form(&[("csrf", csrf)]).send().await.unwrap();
        let roles: Vec<String> = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT role FROM account_role WHERE account_id = $1").bind(boss_id).fetch_all(pool).await).unwrap();
        assert_eq!(roles, ["admin"]);
    }
}

on_both_backends! {
    async fn the_verification_mail_goes_out_over_smtp_and_its_link_verifies_the_address(backend: Backend) {
        let smtp = crate::smtp::SmtpServer::start().await;
        let smtp_url = smtp.url();
        let app = TestApp::spawn_with(backend, |config| {
            config.smtp_url = Some(smtp_url);
            config.mail_from = "Champions <awards@champions.example>".to_owned();
        }).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &crate::helpers::test_clock(), false).await.unwrap();
        let client = browser();
        sign_up(&app, &client, "Mae Jemison", "mae@example.org").await;
        let received = smtp.wait_for(1, std::time::Duration::from_secs(20)).await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].to, ["mae@example.org"]);
        assert_eq!(received[0].from, "awards@champions.example");
        let link = link_in(&text_part(&received[0].data)).replace("http://127.0.0.1:8080", &app.address);
        let response = client.get(&link).send().await.unwrap();
        assert_eq!(response.headers()["location"], "/sign-in?verified=1");
        assert_eq!(sign_in(&app, &client, "mae@example.org", "correct horse battery").await.status(), 303);
    }
}

#[tokio::test]
async fn anonymous_forms_are_rate_limited_per_address_with_a_clear_page() {
    let app =
        TestApp::spawn_with(Backend::Sqlite, |config| config.anonymous_posts_per_minute = 3).await;
    let client = browser();
    for _ in 0..3 {
        let response = sign_in(&app, &client, "someone@example.org", "not the password").await;
        assert_eq!(response.status(), 422);
    }
    let response = sign_in(&app, &client, "someone@example.org", "not the password").await;
    assert_eq!(response.status(), 429);
    let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(response.text().await.unwrap().contains("Too many attempts"));
    // Pages to read are not limited.
    assert_eq!(client.get(format!("{}/sign-in", app.address)).send().await.unwrap().status(), 200);
}

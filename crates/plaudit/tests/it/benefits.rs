//! Benefit codes, on both databases: an admin defines a benefit, offers it to a category for
//! an award year and fills its pool from a file after a dry run; an awardee claims a code and
//! sees it (and only they and admins do); a second click gives the same code back; the admins
//! are told once when the pool runs low; and many awardees claiming at once never share a code.

use std::collections::HashSet;
use std::sync::Arc;

use plaudit::ops::benefits::{self, Claimed};
use plaudit::ops::{Ctx, ErrorCode, accounts};
use plaudit_store::Db;

use crate::auth::make_account;
use crate::committee::{count, exec};
use crate::contribution_import::upload_to;
use crate::helpers::{TestApp, browser, csrf_from, post_form, signed_in, test_clock};
use crate::on_both_backends;

/// A program with two categories; returns the first.
async fn first_category(db: &Db) -> i64 {
    exec(
        db,
        "INSERT INTO category (slug, name, position, created_at) \
         VALUES ('cloud', 'Cloud', 1, 0), ('data', 'Data', 2, 0)"
            .to_owned(),
    )
    .await;
    count(db, "SELECT id FROM category WHERE slug = 'cloud'").await
}

fn ctx(app: &TestApp) -> Ctx {
    Ctx { db: app.db.clone(), clock: Arc::new(test_clock()), public_url: app.address.clone() }
}

/// An account holding an award of `category` for award year 2026 (current on the test's day).
async fn awardee(db: &Db, email: &str, category: i64) -> (i64, i64) {
    let account = make_account(db, email, &[]).await;
    let person = count(db, &format!("SELECT person_id FROM account WHERE id = {account}")).await;
    exec(
        db,
        format!(
            "INSERT INTO award (person_id, category_id, award_year, starts_on, ends_on, \
             credential_id, created_at) VALUES ({person}, {category}, 2026, '2026-01-01', \
             '2026-12-31', 'cred-{account}', 0)"
        ),
    )
    .await;
    (account, person)
}

/// A benefit with codes, offered to `category` in 2026, with `codes` in its pool.
async fn benefit_with_pool(db: &Db, name: &str, category: i64, codes: usize, warning: i64) -> i64 {
    exec(
        db,
        format!(
            "INSERT INTO benefit (slug, name, kind, low_pool_warning, created_at) \
             VALUES ('{name}', '{name}', 'license_code', {warning}, 0)"
        ),
    )
    .await;
    let id = count(db, &format!("SELECT id FROM benefit WHERE slug = '{name}'")).await;
    exec(
        db,
        format!(
            "INSERT INTO benefit_offer (benefit_id, award_year, category_id) \
             VALUES ({id}, 2026, {category})"
        ),
    )
    .await;
    for n in 0..codes {
        exec(
            db,
            format!(
                "INSERT INTO benefit_code (benefit_id, code, added_at) VALUES ({id}, '{name}-{n}', 0)"
            ),
        )
        .await;
    }
    id
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

on_both_backends! {
    async fn an_admin_fills_a_pool_and_an_awardee_claims_one_code(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let category = first_category(&app.db).await;
        make_account(&app.db, "admin@example.org", &["admin"]).await;
        let admin = signed_in(&app, "admin@example.org").await;

        // A benefit without a name is refused, and what was typed stays.
        let refused = post_form(&app, &admin, "/admin/benefits", "/admin/benefits", &[
            ("name", " "), ("description", "A year of the IDE"), ("kind", "license_code"),
            ("low_pool_warning", "many"),
        ]).await;
        assert_eq!(refused.status(), 422);
        let html = refused.text().await.unwrap();
        assert!(html.contains("Give the benefit a name.") && html.contains("A year of the IDE"));
        assert!(html.contains("Write a whole number from 0 to"));

        let created = post_form(&app, &admin, "/admin/benefits", "/admin/benefits", &[
            ("name", "IDE license"), ("description", "A year of the IDE"),
            ("kind", "license_code"), ("low_pool_warning", "1"),
        ]).await;
        assert_eq!(created.status(), 303);
        let page = location(&created);
        let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();

        let year_refused = post_form(&app, &admin, &page, &format!("{page}/offers"), &[
            ("award_year", "1999"), ("category", &category.to_string()),
        ]).await;
        assert_eq!(year_refused.status(), 422);
        assert!(year_refused.text().await.unwrap().contains("Write an award year from"));
        let offered = post_form(&app, &admin, &page, &format!("{page}/offers"), &[
            ("award_year", "2026"), ("category", &category.to_string()),
        ]).await;
        assert_eq!(offered.status(), 303);

        // The dry run names each bad line and writes nothing.
        let csrf = csrf_from(&admin, &format!("{}{page}", app.address)).await;
        let file = "code\nIDE-1\nIDE-2\nIDE 3\nIDE-1\n";
        let dry =
            upload_to(&app, &admin, &format!("{page}/codes"), Some(&csrf), file.as_bytes()).await;
        assert_eq!(dry.status(), 200);
        assert_eq!(dry.headers()["cache-control"], "private, no-store");
        let html = dry.text().await.unwrap();
        assert!(html.contains("2 new codes can be added."), "{html}");
        assert!(html.contains("Line 4: the code has a space"), "{html}");
        assert!(html.contains("Line 5: the same code is on line 2 already."), "{html}");
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM benefit_code").await, 0);
        let carried = html.split("name=\"file\" value=\"").nth(1).unwrap();
        let carried = &carried[..carried.find('"').unwrap()];
        let added = post_form(&app, &admin, &page, &format!("{page}/codes/confirm"), &[
            ("file", carried),
        ]).await;
        assert_eq!(added.status(), 303);
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM benefit_code WHERE benefit_id = {id} AND claimed_at IS NULL"
        )).await, 2);
        // The same file again adds nothing, and says why.
        let again = post_form(&app, &admin, &page, &format!("{page}/codes/confirm"), &[
            ("file", carried),
        ]).await;
        assert_eq!(again.status(), 422);
        assert!(again.text().await.unwrap().contains("the pool has this code already"));

        // A member without an award has no benefits page.
        make_account(&app.db, "member@example.org", &[]).await;
        let member = signed_in(&app, "member@example.org").await;
        let refused = member.get(format!("{}/benefits", app.address)).send().await.unwrap();
        assert_eq!(refused.status(), 403);

        awardee(&app.db, "awardee@example.org", category).await;
        let holder = signed_in(&app, "awardee@example.org").await;
        let mine = holder.get(format!("{}/benefits", app.address)).send().await.unwrap();
        assert_eq!(mine.headers().get("cache-control").map(|v| v.to_str().unwrap().to_owned()), Some("private, no-store".to_owned()), "{:?}", mine.status());
        let html = mine.text().await.unwrap();
        assert!(html.contains("IDE license") && html.contains("Claim my code"), "{html}");
        let claimed = post_form(&app, &holder, "/benefits", &format!("/benefits/{id}/claim"), &[
            ("award_year", "2026"),
        ]).await;
        assert_eq!(claimed.status(), 303);
        let html = holder.get(format!("{}/benefits", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("<code>IDE-1</code>"), "{html}");
        assert!(!html.contains("Claim my code"));

        // A second click gives the same code, not another.
        let twice = post_form(&app, &holder, "/benefits", &format!("/benefits/{id}/claim"), &[
            ("award_year", "2026"),
        ]).await;
        assert_eq!(twice.status(), 303);
        assert_eq!(count(&app.db, "SELECT COUNT(*) FROM benefit_claim").await, 1);
        let html = holder.get(format!("{}/benefits", app.address)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("here is the code you got") && html.contains("<code>IDE-1</code>"));

        // One code left is the warning mark: the admins are told once.
        let low = "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'benefit_pool_low' \
                   AND to_address = 'admin@example.org'";
        assert_eq!(count(&app.db, low).await, 1);
        let list = admin.get(format!("{}/admin/benefits", app.address)).send().await.unwrap();
        assert!(list.text().await.unwrap().contains("running low"));
        // The admin's page of the benefit lists the claim with the code it took.
        let detail = admin.get(format!("{}/admin/benefits/{id}", app.address)).send().await.unwrap();
        assert_eq!(detail.headers()["cache-control"], "private, no-store");
        let html = detail.text().await.unwrap();
        let claims = &html[html.find("id=\"claims\"").expect("a list of claims")..];
        assert!(claims.contains("<td>2026</td>") && claims.contains("<code>IDE-1</code>"), "{claims}");

        // The code shows nowhere but to its holder and admins.
        for path in ["/", "/people", "/sitemap.xml", "/feeds/awardees.atom", "/api/v1/people"] {
            let body = browser().get(format!("{}{path}", app.address)).send().await.unwrap();
            assert!(!body.text().await.unwrap().contains("IDE-1"), "{path} shows the code");
        }
        let other = member.get(format!("{}/benefits", app.address)).send().await.unwrap();
        assert!(!other.text().await.unwrap().contains("IDE-1"));

        // An award year the awardee holds no award of is nothing to claim.
        let wrong_year = post_form(&app, &holder, "/benefits", &format!("/benefits/{id}/claim"), &[
            ("award_year", "2025"),
        ]).await;
        assert_eq!(wrong_year.status(), 404);
        app.stop().await;
    }
}

on_both_backends! {
    async fn sixty_four_claims_on_fifty_codes_give_fifty_distinct_codes(backend: Backend) {
        let app = TestApp::spawn(backend).await;
        let category = first_category(&app.db).await;
        let id = benefit_with_pool(&app.db, "voucher", category, 50, 0).await;
        let mut awardees = Vec::new();
        for n in 0..64 {
            let (account, _) = awardee(&app.db, &format!("awardee{n}@example.org"), category).await;
            awardees.push(accounts::current(&ctx(&app), account).await.unwrap().unwrap());
        }
        let mut claims = tokio::task::JoinSet::new();
        for account in &awardees {
            let (ctx, account) = (ctx(&app), account.clone());
            claims.spawn(async move { benefits::claim(&ctx, &account, id, 2026).await });
        }
        let mut codes = Vec::new();
        let mut empty = 0;
        while let Some(joined) = claims.join_next().await {
            match joined.unwrap() {
                Ok(Claimed { code: Some(code), new: true }) => codes.push(code),
                Err(e) if e.code == ErrorCode::PoolEmpty => empty += 1,
                other => panic!("a claim went wrong: {other:?}"),
            }
        }
        assert_eq!(codes.len(), 50, "fifty claims got a code");
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 50, "no code went out twice");
        assert_eq!(empty, 14, "the others were told the pool is empty");
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(DISTINCT person_id) FROM benefit_claim WHERE benefit_id = {id}"
        )).await, 50, "no awardee holds two");

        // One awardee clicking eight times at once gets one code, eight times the same.
        let second = benefit_with_pool(&app.db, "license", category, 5, 0).await;
        let mut clicks = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (ctx, account) = (ctx(&app), awardees[0].clone());
            clicks.spawn(async move { benefits::claim(&ctx, &account, second, 2026).await });
        }
        let mut answers = Vec::new();
        while let Some(joined) = clicks.join_next().await {
            answers.push(joined.unwrap().expect("a click is answered with the code"));
        }
        assert_eq!(answers.iter().filter(|a| a.new).count(), 1, "{answers:?}");
        assert!(answers.iter().all(|a| a.code == answers[0].code && a.code.is_some()));
        assert_eq!(count(&app.db, &format!(
            "SELECT COUNT(*) FROM benefit_code WHERE benefit_id = {second} AND claimed_at IS NULL"
        )).await, 4, "the other clicks took no code");
        app.stop().await;
    }
}

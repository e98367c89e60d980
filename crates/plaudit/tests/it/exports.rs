//! The admins' exports over the demo, on both databases: every row the filter keeps, once,
//! as a CSV file a spreadsheet opens and as a JSON array; a refused filter back on the form;
//! every download in the audit log.

use futures_util::StreamExt;
use plaudit::ops::exports::{self, ExportFormat, ExportKind};
use plaudit_store::{on_db, sqlx};
use serde_json::Value;

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, browser};
use crate::on_both_backends;

async fn admin(app: &TestApp) -> reqwest::Client {
    make_account(&app.db, "exports@example.org", &["admin"]).await;
    let client = browser();
    sign_in(app, &client, "exports@example.org", "correct horse battery").await;
    client
}

async fn count(app: &TestApp, sql: &'static str, bind: Option<&str>) -> i64 {
    on_db!(&app.db, pool => {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        if let Some(value) = bind {
            query = query.bind(value.to_owned());
        }
        query.fetch_one(pool).await
    })
    .unwrap()
}

fn csv_records(body: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    (header, reader.records().map(Result::unwrap).collect())
}

on_both_backends! {
    async fn an_admin_exports_awardees_contributions_and_decisions(backend: Backend) {
        let app = TestApp::spawn_with_demo(backend).await;
        let client = admin(&app).await;
        let get = |path: &str| client.get(format!("{}{path}", app.address)).send();

        let page = get("/admin/exports").await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("formaction=\"/admin/exports/awardees.csv\""));

        // Every award not revoked, once, with its holder's address.
        let answer = get("/admin/exports/awardees.csv").await.unwrap();
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(answer.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"awardees-"));
        let (header, rows) = csv_records(&answer.text().await.unwrap());
        assert_eq!(&header[2], "email");
        let awards = count(&app, "SELECT COUNT(*) FROM award WHERE revoked_at IS NULL", None).await;
        assert!(awards > 100);
        assert_eq!(rows.len() as i64, awards);
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
        assert_eq!(ids.len(), rows.len(), "each award once");
        assert!(rows.iter().all(|r| r[2].contains('@')), "awardees have addresses");

        // Contributions of one category's people in a span of days, as JSON.
        let slug: String = on_db!(&app.db, pool => sqlx::query_scalar(
            "SELECT slug FROM category ORDER BY id LIMIT 1").fetch_one(pool).await).unwrap();
        let path = format!("/admin/exports/contributions.json?category={slug}&from=2026-01-01&to=2026-06-30");
        let answer = get(&path).await.unwrap();
        assert_eq!(answer.headers()["content-type"], "application/json");
        let exported: Vec<Value> = answer.json().await.unwrap();
        let expected = count(&app,
            "SELECT COUNT(*) FROM contribution k WHERE k.started_on BETWEEN '2026-01-01' AND '2026-06-30' \
             AND (EXISTS (SELECT 1 FROM award a JOIN category c ON c.id = a.category_id \
                          WHERE a.person_id = k.person_id AND c.slug = $1) \
               OR EXISTS (SELECT 1 FROM candidacy d JOIN category c ON c.id = d.category_id \
                          WHERE d.person_id = k.person_id AND c.slug = $1))", Some(&slug)).await;
        assert!(expected > 0);
        assert_eq!(exported.len() as i64, expected);
        assert!(exported.iter().all(|c| c["started_on"].as_str().unwrap() >= "2026-01-01"));

        // Candidacies with their decisions; every candidacy is there.
        let answer = get("/admin/exports/decisions.csv").await.unwrap();
        let (header, rows) = csv_records(&answer.text().await.unwrap());
        assert_eq!(&header[7], "outcome");
        let candidacies: std::collections::HashSet<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
        assert_eq!(candidacies.len() as i64, count(&app, "SELECT COUNT(*) FROM candidacy", None).await);
        assert!(rows.iter().any(|r| &r[7] == "award"), "decisions are in it");

        // A refused filter comes back on the form, as typed.
        let answer = get("/admin/exports/awardees.csv?from=2026-02-30&to=2025-01-01&category=nope").await.unwrap();
        assert_eq!(answer.status(), 422);
        let page = answer.text().await.unwrap();
        assert!(page.contains("value=\"2026-02-30\""), "what was typed is kept");
        assert!(page.contains("Choose one of the listed categories."));
        assert_eq!(get("/admin/exports/awardees.xlsx").await.unwrap().status(), 404);

        // Small batches give the same files: no row lost or repeated at a batch's edge, and a
        // candidacy's decision rounds never split.
        let ctx = plaudit::ops::Ctx { db: app.db.clone(), clock: std::sync::Arc::new(crate::helpers::test_clock()), public_url: app.address.clone() };
        for kind in ExportKind::ALL {
            for format in [ExportFormat::Csv, ExportFormat::Json] {
                let file = format!("/admin/exports/{}.{}", kind.as_str(), format.extension());
                let served = get(&file).await.unwrap().bytes().await.unwrap();
                let filter = plaudit_store::exports::ExportFilter::default();
                let chunks: Vec<Vec<u8>> = exports::stream_in_batches(&ctx, kind, format, filter, 7)
                    .map(Result::unwrap).collect().await;
                assert_eq!(chunks.concat(), served.to_vec(), "{file} in batches of 7");
            }
        }

        let logged = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'export.downloaded'", None).await;
        assert_eq!(logged, 9, "every download, and no refused one");
        app.stop().await;
    }
}

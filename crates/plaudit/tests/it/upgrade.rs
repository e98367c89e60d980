//! Upgrades: a database the previous release filled is migrated by this one without losing a
//! row, and the application serves from it.

use plaudit::demo::{self, Scale};
use plaudit_store::{Db, on_db, sqlx};

use crate::auth::{make_account, sign_in};
use crate::helpers::{TestApp, TestDb, browser, test_clock};
use crate::on_both_backends;

/// The released baseline: what a database from the previous release holds.
const BASELINE: i64 = 1;

/// Row counts, and sums of the references the later migrations rebuild or constrain, of
/// tables that matter.
const CENSUS: [&str; 13] = [
    "SELECT COUNT(*) FROM person",
    "SELECT COUNT(*) FROM account",
    "SELECT COUNT(*) FROM account_role",
    "SELECT COUNT(*) FROM award",
    "SELECT COUNT(*) FROM candidacy",
    "SELECT CAST(COALESCE(SUM(renewal_of_award_id), 0) + COUNT(renewal_of_award_id) AS BIGINT) FROM candidacy",
    "SELECT COUNT(*) FROM candidacy_event",
    "SELECT COUNT(*) FROM review",
    "SELECT COUNT(*) FROM contribution",
    "SELECT COUNT(*) FROM import_suggestion",
    "SELECT COUNT(*) FROM person_merge_suggestion",
    "SELECT COUNT(*) FROM audit_log",
    "SELECT COUNT(*) FROM feedback_thread",
];

async fn census(db: &Db) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for sql in CENSUS {
        let n: i64 = on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).unwrap();
        counts.push((sql, n));
    }
    counts
}

on_both_backends! {
    async fn a_program_from_the_previous_release_survives_the_upgrade_and_is_served(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.connect().await;
        db.migrate_to(BASELINE).await.expect("the baseline schema");
        let applied: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT MAX(version) FROM _sqlx_migrations").fetch_one(pool).await).unwrap();
        assert_eq!(applied, BASELINE, "only the baseline is applied");
        demo::generate_rows(&db, Scale::Small, 7, &test_clock(), false).await.expect("the demo program");
        make_account(&db, "boss@example.org", &["admin"]).await;
        let before = census(&db).await;
        assert!(before.iter().all(|(_, n)| *n > 0), "every counted table holds rows: {before:?}");

        db.migrate().await.expect("the upgrade");
        assert_eq!(census(&db).await, before, "the upgrade kept every row");
        let applied: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT MAX(version) FROM _sqlx_migrations").fetch_one(pool).await).unwrap();
        assert_eq!(applied, db.latest_known_migration());
        let violations: i64 = match &db {
            Db::Sqlite(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM pragma_foreign_key_check")
                .fetch_one(pool).await.unwrap(),
            Db::Postgres(_) => 0,
        };
        assert_eq!(violations, 0, "no dangling reference after the rebuild");
        // Feedback written before product areas existed lands in an area its team answers for.
        let orphans: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM feedback_thread t WHERE t.product_area_id IS NULL \
             OR t.status NOT IN ('new', 'acknowledged', 'planned', 'shipped', 'wont_do') \
             OR NOT EXISTS (SELECT 1 FROM product_team_member m \
                            WHERE m.product_area_id = t.product_area_id)")
            .fetch_one(pool).await).unwrap();
        assert_eq!(orphans, 0, "every thread has an area, a state of the flow and a team");
        db.close().await;

        let app = TestApp::spawn_on(test_db, |_| {}).await;
        for path in ["/", "/healthz", "/sign-in"] {
            assert_eq!(app.get(path).await.status(), 200, "{path}");
        }
        assert!(app.get("/").await.text().await.unwrap().contains("Community Champions"));
        let admin = browser();
        assert_eq!(sign_in(&app, &admin, "boss@example.org", "correct horse battery").await.status(), 303);
        for path in ["/admin", "/admin/people", "/account", "/admin/product-areas", "/product-team/feedback"] {
            let response = admin.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path} as admin");
        }
        app.stop().await;
    }
}

on_both_backends! {
    async fn entry_problems_kept_in_english_become_kinds_the_page_words(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.connect().await;
        // 0019 is the last schema whose problems were English sentences.
        db.migrate_to(19).await.expect("the schema before problem kinds");
        make_account(&db, "ada@example.org", &[]).await;
        let person: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT person_id FROM account WHERE email = 'ada@example.org'").fetch_one(pool).await).unwrap();
        let source: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "INSERT INTO import_source (person_id, kind, locator, created_at) \
             VALUES ($1, 'feed', 'https://blog.example.org', 0) RETURNING id")
            .bind(person).fetch_one(pool).await).unwrap();
        let legacy = [
            "it has no title",
            "the event has no name",
            "no address",
            "it has no date",
            "it is not an item",
            "its XML is broken: expected `</title>`, but `</titel>` was found",
        ];
        for (position, reason) in legacy.iter().enumerate() {
            on_db!(&db, pool => sqlx::query(
                "INSERT INTO import_problem (import_source_id, position, reason, seen_at) \
                 VALUES ($1, $2, $3, 0)")
                .bind(source).bind(position as i64 + 1).bind(*reason).execute(pool).await
                .map(|done| done.rows_affected())).unwrap();
        }

        db.migrate().await.expect("the upgrade");
        let kinds: Vec<(String, Option<String>)> = on_db!(&db, pool => sqlx::query_as(
            "SELECT kind, argument FROM import_problem ORDER BY position").fetch_all(pool).await).unwrap();
        let kinds: Vec<(&str, Option<&str>)> =
            kinds.iter().map(|(k, a)| (k.as_str(), a.as_deref())).collect();
        assert_eq!(kinds, [
            ("no_title", None),
            ("no_title", None),
            ("no_link", None),
            ("no_date", None),
            ("not_an_entry", None),
            // What has no kind of its own keeps its words, shown as the detail until the next
            // read replaces it.
            ("unreadable", Some(legacy[5])),
        ]);
        db.close().await;
    }
}

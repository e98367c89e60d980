//! The store on both backends: schema, migrations, transactions, bulk loading, timestamps.

use plaudit_store::bulk::{self, Rows, Value};
use plaudit_store::schema;
use plaudit_store::{Backend, Db, StoreError, on_db, sqlx};

use crate::helpers::{TestDb, postgres_available_or_skip};
use crate::on_both_backends;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schema_parity_sqlite_and_postgres_describe_the_same_tables_columns_and_keys() {
    if !postgres_available_or_skip().await {
        return;
    }
    let sqlite = TestDb::new(Backend::Sqlite).await;
    let postgres = TestDb::new(Backend::Postgres).await;
    let sqlite = schema::describe(&sqlite.migrated().await).await.unwrap();
    let postgres = schema::describe(&postgres.migrated().await).await.unwrap();
    assert!(sqlite.len() > 50, "the whole data model is there: {} tables", sqlite.len());
    let mut drift = Vec::new();
    for table in sqlite.keys().chain(postgres.keys()) {
        match (sqlite.get(table), postgres.get(table)) {
            (Some(a), Some(b)) if a != b => {
                drift.push(format!("{table}:\n  sqlite   {a:?}\n  postgres {b:?}"))
            }
            (Some(_), None) => drift.push(format!("{table}: only in SQLite")),
            (None, Some(_)) => drift.push(format!("{table}: only in PostgreSQL")),
            _ => {}
        }
    }
    drift.dedup();
    assert!(drift.is_empty(), "the schemas drifted:\n{}", drift.join("\n"));
}

on_both_backends! {
    async fn migrations_run_twice_without_harm(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        db.migrate().await.expect("a second run is a no-op");
        let tables = schema::describe(&db).await.unwrap();
        assert!(tables.contains_key("contribution"));
        assert!(tables.contains_key("audit_log"));
    }
}

on_both_backends! {
    async fn a_database_with_a_newer_schema_is_refused(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        const FUTURE: &str = "INSERT INTO _sqlx_migrations \
             (version, description, success, checksum, execution_time) \
             VALUES (99990101, 'from the future', TRUE, $1, 1)";
        on_db!(&db, pool => sqlx::query(FUTURE).bind(vec![0u8; 48]).execute(pool).await.map(|_| ()))
            .unwrap();
        let err = db.migrate().await.unwrap_err();
        assert!(matches!(err, StoreError::SchemaNewer { version: 99990101 }), "{err:?}");
    }
}

on_both_backends! {
    async fn the_audit_log_refuses_updates_and_deletes(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        on_db!(&db, pool => sqlx::query(
            "INSERT INTO audit_log (at, action, subject_type, detail) VALUES (1, 'decision.finalized', 'candidacy', 'x')"
        ).execute(pool).await.map(|_| ())).unwrap();
        let update = on_db!(&db, pool => sqlx::query("UPDATE audit_log SET detail = 'changed'").execute(pool).await.map(|_| ()));
        assert!(update.is_err(), "an UPDATE of the audit log must fail");
        let delete = on_db!(&db, pool => sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ()));
        assert!(delete.is_err(), "a DELETE from the audit log must fail");
        let count: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(pool).await).unwrap();
        assert_eq!(count, 1);
    }
}

on_both_backends! {
    async fn bulk_loading_keeps_tabs_newlines_backslashes_and_nulls(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let tricky = "tab\there\nnew line \\ back\\slash\r and ünïcödé";
        let mut rows = Rows::new("audit_log", &["id", "at", "actor_account_id", "action", "subject_type", "detail"]);
        for id in 1..=3i64 {
            rows.push([id.into(), (id * 10).into(), Value::Null, "test".into(), "thing".into(), tricky.into()]);
        }
        let mut tx = db.begin_write().await.unwrap();
        bulk::load(&mut tx, &rows).await.unwrap();
        bulk::reset_identity(&mut tx, "audit_log").await.unwrap();
        tx.commit().await.unwrap();
        let stored: Vec<(i64, Option<i64>, String)> = on_db!(&db, pool => sqlx::query_as(
            "SELECT id, actor_account_id, detail FROM audit_log ORDER BY id").fetch_all(pool).await).unwrap();
        assert_eq!(stored.len(), 3);
        assert!(stored.iter().all(|(_, actor, detail)| actor.is_none() && detail == tricky));
        // The identity moved past the loaded ids: a plain insert gets the next one.
        let next: i64 = on_db!(&db, pool => sqlx::query_scalar(
            "INSERT INTO audit_log (at, action, subject_type) VALUES (40, 'test', 'thing') RETURNING id")
            .fetch_one(pool).await).unwrap();
        assert_eq!(next, 4);
    }
}

on_both_backends! {
    async fn instants_sort_in_time_order_whatever_their_precision(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let instants = ["2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.25Z", "2025-12-31T23:59:59.999999Z"];
        for at in instants {
            let micros = plaudit_store::timestamp::to_micros(at.parse().unwrap());
            on_db!(&db, pool => sqlx::query("INSERT INTO audit_log (at, action, subject_type) VALUES ($1, 'test', 'thing')")
                .bind(micros).execute(pool).await.map(|_| ())).unwrap();
        }
        let sorted: Vec<i64> = on_db!(&db, pool => sqlx::query_scalar("SELECT at FROM audit_log ORDER BY at").fetch_all(pool).await).unwrap();
        let sorted: Vec<String> = sorted.into_iter().map(|m| plaudit_store::timestamp::from_micros(m).unwrap().to_string()).collect();
        assert_eq!(sorted, ["2025-12-31T23:59:59.999999Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.25Z", "2026-01-01T00:00:00.5Z"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_write_transactions_queue_instead_of_failing_on_upgrade() {
    let test_db = TestDb::new(Backend::Sqlite).await;
    let db = test_db.migrated().await;
    // Two writers that each read, then write: with deferred transactions the second would
    // fail with SQLITE_BUSY on upgrade; with BEGIN IMMEDIATE it waits its turn.
    let writer = |db: Db, n: i64| async move {
        let mut tx = db.begin_write().await?;
        plaudit_store::on_tx!(&mut tx, conn => {
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(&mut *conn).await?;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            sqlx::query("INSERT INTO audit_log (at, action, subject_type, detail) VALUES ($1, 'test', 'thing', $2)")
                .bind(n).bind(count.to_string()).execute(&mut *conn).await?;
        });
        tx.commit().await?;
        Ok::<_, StoreError>(())
    };
    let (a, b) =
        tokio::join!(tokio::spawn(writer(db.clone(), 1)), tokio::spawn(writer(db.clone(), 2)));
    a.unwrap().expect("the first writer commits");
    b.unwrap().expect("the second writer commits after the first");
    let seen: Vec<String> = on_db!(&db, pool => sqlx::query_scalar("SELECT detail FROM audit_log ORDER BY detail").fetch_all(pool).await).unwrap();
    assert_eq!(seen, ["0", "1"], "the second writer saw the first one's row");
}

on_both_backends! {
    async fn sqlite_is_in_wal_mode_with_foreign_keys_and_postgres_enforces_them_too(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        if let Db::Sqlite(pool) = &db {
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await.unwrap();
            assert_eq!(mode, "wal");
        }
        let orphan = on_db!(&db, pool => sqlx::query(
            "INSERT INTO technology_area (category_id, slug, name) VALUES (12345, 'x', 'X')").execute(pool).await.map(|_| ()));
        assert!(orphan.is_err(), "a row pointing at a missing parent is refused");
    }
}

on_both_backends! {
    async fn every_foreign_key_leads_an_index_so_deleting_a_parent_never_scans_its_children(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        let missing = schema::unindexed_foreign_keys(&db).await.unwrap();
        assert!(
            missing.is_empty(),
            "foreign keys whose columns lead no index:\n  {}",
            missing.join("\n  ")
        );
        // The check itself sees a foreign key without an index.
        on_db!(&db, pool => sqlx::query(
            "CREATE TABLE fk_probe (id BIGINT PRIMARY KEY, person_id BIGINT REFERENCES person (id))")
            .execute(pool).await.map(|_| ())).unwrap();
        assert_eq!(schema::unindexed_foreign_keys(&db).await.unwrap(), ["fk_probe (person_id)"]);
    }
}

on_both_backends! {
    async fn a_contribution_accepted_from_an_import_suggestion_can_be_deleted(backend: Backend) {
        let test_db = TestDb::new(backend).await;
        let db = test_db.migrated().await;
        for sql in [
            "INSERT INTO person (id, slug, display_name, created_at, updated_at) VALUES (1, 'ada', 'Ada', 0, 0)",
            "INSERT INTO account (id, person_id, email, email_normalized, created_at, updated_at) \
             VALUES (1, 1, 'ada@example.org', 'ada@example.org', 0, 0)",
            "INSERT INTO contribution (id, person_id, contribution_type, title, started_on, person_role, \
               created_at, updated_at) VALUES (1, 1, 'blog_post', 'Imported', '2026-05-01', 'author', 0, 0)",
            "INSERT INTO import_source (id, person_id, kind, locator, created_at) \
             VALUES (1, 1, 'feed', 'https://ada.example/feed.xml', 0)",
            "INSERT INTO import_suggestion (id, import_source_id, person_id, external_id, canonical_url, \
               title, contribution_type, occurred_on, status, contribution_id, created_at) \
             VALUES (1, 1, 1, 'post-1', 'https://ada.example/post-1', 'Imported', 'blog_post', \
               '2026-05-01', 'accepted', 1, 0)",
            "INSERT INTO contribution_draft (account_id, contribution_id, fields, updated_at) VALUES (1, 1, '{}', 0)",
        ] {
            on_db!(&db, pool => sqlx::query(sql).execute(pool).await.map(|_| ())).unwrap();
        }
        on_db!(&db, pool => sqlx::query("DELETE FROM contribution WHERE id = 1").execute(pool).await.map(|_| ()))
            .expect("the contribution is deleted");
        let suggestion: (String, Option<i64>) = on_db!(&db, pool => sqlx::query_as(
            "SELECT status, contribution_id FROM import_suggestion WHERE id = 1").fetch_one(pool).await).unwrap();
        assert_eq!(suggestion, ("accepted".to_owned(), None), "the suggestion stays, so it is not offered again");
        let drafts: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contribution_draft").fetch_one(pool).await).unwrap();
        assert_eq!(drafts, 0, "a draft of the deleted contribution goes with it");
    }
}

/// Runs this test binary again, pointed at a PostgreSQL server that is not there: the tests
/// that compare both backends say they skipped, by name, instead of passing silently.
#[test]
fn without_postgres_the_cross_backend_tests_say_they_skipped() {
    for test in [
        "store::schema_parity_sqlite_and_postgres_describe_the_same_tables_columns_and_keys",
        "demo::the_same_seed_gives_the_same_demo_on_sqlite_and_postgres",
    ] {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", test, "--test-threads", "1"])
            .env("PLAUDIT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:1/test")
            .env_remove("PLAUDIT_REQUIRE_POSTGRES")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{said}");
        assert!(said.contains(&format!("SKIPPED {test}: it needs PostgreSQL")), "{said}");
    }
}

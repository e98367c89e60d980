//! The API against its own OpenAPI document: Schemathesis (from PyPI, pinned in
//! `tests/api-contract/requirements.txt`) generates valid and invalid requests for every
//! operation and fails on any server error, any status the document does not list, any answer
//! that breaks its schema, and the rest of its checks. On both databases, over the demo, with
//! a token that may do everything, so the staff and write operations are reached too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use plaudit::ops::Ctx;
use plaudit::ops::tokens::{self, NewToken};
use serde_json::Value;

use plaudit_store::{on_db, sqlx};

use crate::auth::make_account;
use crate::helpers::{TestApp, test_clock};
use crate::on_both_backends;

const SCHEMATHESIS_VERSION: &str = "4.32.5";

fn contract_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api-contract")
}

fn required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("PLAUDIT_REQUIRE_BROWSER").is_some()
}

/// The `schemathesis` program of a virtual environment kept beside the build, made on first
/// use from the pinned requirements; None (the test skips) without Python, unless CI asks.
fn schemathesis() -> Option<PathBuf> {
    // Both databases' tests ask at once; one of them makes the environment.
    static PROGRAM: OnceLock<Option<PathBuf>> = OnceLock::new();
    PROGRAM.get_or_init(install).clone()
}

fn install() -> Option<PathBuf> {
    let venv =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("schemathesis-{SCHEMATHESIS_VERSION}"));
    let program = venv.join("bin/schemathesis");
    if program.exists() {
        return Some(program);
    }
    let python =
        Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !python {
        assert!(!required(), "python3 is required for the API contract test (CI set)");
        eprintln!("skipping the API contract test: python3 is not installed");
        return None;
    }
    let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "python3 -m venv failed (Debian: apt-get install python3-venv)"
    );
    let installed = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(contract_dir().join("requirements.txt"))
        .status();
    assert!(installed.is_ok_and(|s| s.success()), "pip could not install schemathesis");
    Some(program)
}

/// An admin who reviews, with a token that reads and writes.
async fn staff_token(app: &TestApp) -> (i64, String) {
    let account = make_account(&app.db, "contract@example.org", &["admin", "reviewer"]).await;
    let ctx = Ctx {
        db: app.db.clone(),
        clock: std::sync::Arc::new(test_clock()),
        public_url: app.address.clone(),
    };
    let input = NewToken { name: "contract".to_owned(), scope: "read_write".to_owned() };
    (account, tokens::create(&ctx, account, &input).await.expect("a token").secret)
}

/// Things that exist in the demo, for the operations that read one (see schemathesis.toml):
/// a credential, a listed person, a category, a contribution of the token's own and a
/// candidacy in review.
async fn known_ids(app: &TestApp, account: i64) -> Vec<(&'static str, String)> {
    let text = |sql: &'static str| async move {
        on_db!(&app.db, pool => sqlx::query_scalar::<_, String>(sql).fetch_one(pool).await)
            .expect(sql)
    };
    let person_id: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
        "SELECT person_id FROM account WHERE id = $1").bind(account).fetch_one(pool).await)
    .expect("the person");
    let contribution: i64 = on_db!(&app.db, pool => sqlx::query_scalar(
        "INSERT INTO contribution (person_id, contribution_type, title, started_on, person_role, \
           visibility, created_at, updated_at) \
         VALUES ($1, 'blog_post', 'Contract post', '2026-10-01', 'author', 'public', 0, 0) RETURNING id")
        .bind(person_id).fetch_one(pool).await).expect("a contribution");
    vec![
        ("PLAUDIT_CONTRACT_CREDENTIAL", text("SELECT credential_id FROM award ORDER BY id LIMIT 1").await),
        ("PLAUDIT_CONTRACT_PERSON", text("SELECT slug FROM directory_entry ORDER BY person_id LIMIT 1").await),
        ("PLAUDIT_CONTRACT_CATEGORY", text("SELECT slug FROM category ORDER BY id LIMIT 1").await),
        ("PLAUDIT_CONTRACT_CONTRIBUTION", contribution.to_string()),
        ("PLAUDIT_CONTRACT_CANDIDACY", text(
            "SELECT CAST(id AS TEXT) FROM candidacy WHERE state = 'in_review' ORDER BY id LIMIT 1").await),
    ]
}

on_both_backends! {
    async fn the_api_answers_as_its_openapi_document_says(backend: Backend) {
        let Some(schemathesis) = schemathesis() else { return };
        let app = TestApp::spawn_with_demo(backend).await;
        let document: Value = app.get("/api/v1/openapi.json").await.json().await.expect("JSON");
        assert_eq!(document["openapi"], "3.1.0");
        let (account, token) = staff_token(&app).await;
        let ids = known_ids(&app, account).await;
        // Kept beside the build, so the failures of the last run can be read in full.
        let report = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("api-contract-report-{backend:?}"));
        // A fixed seed keeps CI repeatable; another explores further (PLAUDIT_CONTRACT_SEED). One
        // worker: Hypothesis parses its lambdas' source with `ast`, which CPython 3.11 does not
        // do safely from two threads at once ("AST constructor recursion depth mismatch").
        let seed = std::env::var("PLAUDIT_CONTRACT_SEED").unwrap_or_else(|_| "20261204".to_owned());
        let examples = std::env::var("PLAUDIT_CONTRACT_EXAMPLES").unwrap_or_else(|_| "40".to_owned());
        let output = tokio::task::spawn_blocking({
            let url = format!("{}/api/v1/openapi.json", app.address);
            let report = report.clone();
            move || {
                // A fresh folder each run: no reports pile up, and Hypothesis's example database
                // (kept in it) starts empty, so a run depends on its seed alone.
                let _ = std::fs::remove_dir_all(&report);
                std::fs::create_dir_all(&report).expect("the report folder");
                Command::new(schemathesis)
                    // Its cache goes to the folder it runs in.
                    .current_dir(&report)
                    .envs(ids)
                    .arg("--no-color")
                    .arg("--config-file")
                    .arg(contract_dir().join("schemathesis.toml"))
                    .args(["run", &url, "--checks", "all", "--mode", "all", "--max-examples", &examples])
                    .args(["--seed", &seed, "--workers", "1"])
                    .args(["--header", &format!("Authorization: Bearer {token}")])
                    .args(["--report", "junit,vcr", "--report-dir"])
                    .arg(report)
                    .output()
            }
        })
        .await
        .expect("the run")
        .expect("schemathesis runs");
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "schemathesis found the API and its document disagree (report in {}):\n{printed}\n{}",
            report.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        // It must have exercised every operation, not skipped them.
        let operations = document["paths"].as_object().map_or(0, |paths| {
            paths.values().map(|p| p.as_object().map_or(0, |m| m.len())).sum::<usize>()
        });
        assert!(operations >= 20, "the document lists {operations} operations");
        assert!(!printed.contains("No operations"), "{printed}");
        app.stop().await;
    }
}

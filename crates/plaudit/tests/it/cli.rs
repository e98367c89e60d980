//! The binary as an operator meets it: bad configuration gets one line and status 2,
//! configuration precedence, `plaudit config`, and a clean stop on SIGTERM.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use plaudit_store::{Backend, on_db, sqlx};

use crate::helpers::TestDb;

fn plaudit(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plaudit"));
    command.current_dir(dir).args(args).stdin(Stdio::null());
    for (key, _) in std::env::vars() {
        if key.starts_with("PLAUDIT_") {
            command.env_remove(key);
        }
    }
    command.env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("plaudit runs")
}

/// Asserts a start-up failure: status 2, one line on stderr naming `setting`, no panic.
fn assert_one_line_error(output: &Output, setting: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "exit status 2, stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "exactly one line: {stderr:?}");
    assert!(stderr.contains(setting), "the line names {setting}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    stderr
}

#[test]
fn an_unknown_key_in_the_config_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plaudit.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    let output = plaudit(dir.path(), &["config"], &[]);
    let line = assert_one_line_error(&output, "databse_url");
    assert!(line.contains("database_url"), "it lists the keys that exist: {line}");
}

#[test]
fn a_config_file_that_is_not_toml_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plaudit.toml"), "bind = \n[[[").unwrap();
    let output = plaudit(dir.path(), &["config"], &[]);
    assert_one_line_error(&output, "plaudit.toml");
}

#[test]
fn a_malformed_database_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        plaudit(dir.path(), &["migrate"], &[("PLAUDIT_DATABASE_URL", "mysql://root@localhost/x")]);
    assert_one_line_error(&output, "database_url");
}

#[test]
fn a_postgres_url_with_a_bad_port_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(
        dir.path(),
        &["--database-url", "postgres://u@localhost:notaport/db", "migrate"],
        &[],
    );
    assert_one_line_error(&output, "database_url");
}

#[test]
fn an_unreachable_database_is_named_with_its_password_masked() {
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(
        dir.path(),
        &["--database-url", "postgres://app:s3cret@127.0.0.1:1/plaudit", "migrate"],
        &[],
    );
    let line = assert_one_line_error(&output, "database_url");
    assert!(!line.contains("s3cret"), "the password is masked: {line}");
    assert!(line.contains("cannot connect"), "{line}");
}

#[test]
fn a_port_in_use_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    let output = plaudit(dir.path(), &["--database-url", &url, "serve", "--bind", &addr], &[]);
    let line = assert_one_line_error(&output, "bind");
    assert!(line.contains(&addr), "{line}");
}

#[test]
fn a_malformed_bind_address_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(dir.path(), &["serve", "--bind", "localhost"], &[]);
    assert_one_line_error(&output, "bind");
}

#[tokio::test]
async fn a_database_newer_than_the_binary_is_refused() {
    let test_db = TestDb::new(Backend::Sqlite).await;
    let db = test_db.migrated().await;
    on_db!(&db, pool => sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101, 'from the future', TRUE, x'00', 1)").execute(pool).await.map(|_| ())).unwrap();
    db.close().await;
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(dir.path(), &["--database-url", &test_db.url, "migrate"], &[]);
    let line = assert_one_line_error(&output, "database_url");
    assert!(line.contains("newer than this binary"), "{line}");
}

#[test]
fn flags_beat_the_environment_which_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plaudit.toml"),
        "database_url = \"sqlite://from-file.db\"\nbind = \"127.0.0.1:7001\"\nlog = \"warn\"\n",
    )
    .unwrap();
    let output = plaudit(
        dir.path(),
        &["--database-url", "postgres://app:hunter2@db.internal/plaudit", "config"],
        &[("PLAUDIT_DATABASE_URL", "sqlite://from-env.db"), ("PLAUDIT_BIND", "127.0.0.1:7002")],
    );
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(
        printed.contains("database_url = \"postgres://app:****@db.internal/plaudit\""),
        "{printed}"
    );
    assert!(!printed.contains("hunter2"));
    assert!(printed.contains("bind = \"127.0.0.1:7002\""), "{printed}");
    assert!(printed.contains("log = \"warn\""), "{printed}");
}

#[test]
fn an_unknown_log_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(dir.path(), &["config"], &[("PLAUDIT_LOG_FORMAT", "yaml")]);
    assert_one_line_error(&output, "log_format");
}

#[test]
fn serve_logs_json_with_request_ids_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_plaudit"))
        .current_dir(dir.path())
        .args(["--database-url", &url, "serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("PLAUDIT_LOG_FORMAT", "json")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "the server came up");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "a clean exit after SIGTERM: {status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server stopped within 10 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut logs = String::new();
    child.stderr.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(
        logs.lines().all(|l| l.starts_with('{') && l.ends_with('}')),
        "one JSON object a line: {logs}"
    );
    assert!(logs.contains("Plaudit is listening"), "{logs}");
    let request = logs.lines().find(|l| l.contains("/healthz")).expect("the request is logged");
    assert!(request.contains("\"request_id\":\""), "{request}");
    assert!(logs.contains("shutting down"), "{logs}");
}

#[test]
fn a_malformed_sender_address_is_refused_naming_mail_from() {
    let dir = tempfile::tempdir().unwrap();
    let output = plaudit(
        dir.path(),
        &["config"],
        &[
            ("PLAUDIT_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("PLAUDIT_MAIL_FROM", "awards-at-example.org"),
        ],
    );
    assert_one_line_error(&output, "mail_from");
}

#[tokio::test]
async fn the_first_admin_is_made_from_the_command_line_and_roles_change_there() {
    let test_db = TestDb::new(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let url = test_db.url.clone();
    let run = |args: &[&str]| {
        let mut all = vec!["--database-url", url.as_str(), "user"];
        all.extend_from_slice(args);
        plaudit(dir.path(), &all, &[])
    };
    let added =
        run(&["add", "--email", "Root@Example.org", "--name", "Rita Root", "--role", "admin"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let said = String::from_utf8_lossy(&added.stdout).to_string();
    assert!(said.contains("one-time password: "), "{said}");
    let granted = run(&["set-role", "--email", "root@example.org", "--role", "reviewer"]);
    assert!(String::from_utf8_lossy(&granted.stdout).contains("is now reviewer"));
    let revoked =
        run(&["set-role", "--email", "root@example.org", "--role", "reviewer", "--revoke"]);
    assert!(String::from_utf8_lossy(&revoked.stdout).contains("no longer reviewer"));
    let unknown = run(&["set-role", "--email", "root@example.org", "--role", "emperor"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown role"));

    let db = test_db.connect().await;
    let roles: Vec<String> = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT r.role FROM account_role r JOIN account a ON a.id = r.account_id WHERE a.email_normalized = 'root@example.org'")
        .fetch_all(pool).await).unwrap();
    assert_eq!(roles, ["admin"]);
    let audit: Vec<String> = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT action FROM audit_log ORDER BY id").fetch_all(pool).await)
    .unwrap();
    assert_eq!(audit, ["account.created", "role.granted", "role.granted", "role.revoked"]);
}

#[tokio::test]
async fn the_badge_key_rotates_from_the_command_line_and_its_secret_is_never_printed() {
    let test_db = TestDb::new(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let url = test_db.url.clone();
    let rotate =
        || plaudit(dir.path(), &["--database-url", url.as_str(), "badges", "rotate-key"], &[]);
    let first = rotate();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    // The first start's key is 1; the rotation makes 2, then 3.
    assert!(String::from_utf8_lossy(&first.stdout).contains("made badge signing key 2"));
    let second = rotate();
    assert!(String::from_utf8_lossy(&second.stdout).contains("made badge signing key 3"));

    let db = test_db.connect().await;
    let secrets: Vec<String> = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT value FROM server_secret WHERE name LIKE 'badge-key-%' ORDER BY name")
        .fetch_all(pool).await)
    .unwrap();
    assert_eq!(secrets.len(), 3);
    let config = plaudit(dir.path(), &["--database-url", url.as_str(), "config"], &[]);
    for output in [&first, &second, &config] {
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        for secret in &secrets {
            assert!(!printed.contains(secret.as_str()), "a signing key was printed: {printed}");
        }
    }
}

#[tokio::test]
async fn jobs_run_once_runs_what_the_schedule_says_is_due_once_and_jobs_failed_lists_failures() {
    let test_db = TestDb::new(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let url = test_db.url.clone();
    let run = |args: &[&str]| {
        let mut all = vec!["--database-url", url.as_str(), "jobs"];
        all.extend_from_slice(args);
        plaudit(dir.path(), &all, &[])
    };
    let first = run(&["run-once"]);
    let said = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(first.status.success(), "{said}{}", String::from_utf8_lossy(&first.stderr));
    assert!(said.contains("queued  purge_expired@"), "{said}");
    assert!(said.contains("recompute_standings (attempt 1): recomputed 0 standings"), "{said}");
    assert!(said.contains("purge_expired (attempt 1): purged 0 expired sessions"), "{said}");
    let again = run(&["run-once"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "no job was due\n",
        "each occurrence runs once"
    );
    let failed = run(&["failed"]);
    assert_eq!(String::from_utf8_lossy(&failed.stdout), "no job has failed\n");
}

#[test]
fn logs_written_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    // Debug logs, so that there are lines (and levels, which a terminal would see coloured).
    let output =
        plaudit(dir.path(), &["--database-url", &url, "migrate"], &[("PLAUDIT_LOG", "debug")]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("DEBUG"), "some logs were written: {logs}");
    assert!(!logs.contains("\x1b["), "no ANSI escape codes: {logs:?}");
}

// The feed server runs on this runtime while the binary blocks a thread: two workers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_reads_a_persons_sources_from_the_command_line_and_a_second_run_adds_nothing() {
    use plaudit_import::fake::feeds::{FeedServer, paths};

    let feeds = FeedServer::start().await.unwrap();
    let test_db = TestDb::new(Backend::Sqlite).await;
    let db = test_db.migrated().await;
    crate::auth::make_account(&db, "writer@example.org", &[]).await;
    let person_id: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT person_id FROM account WHERE email_normalized = 'writer@example.org'")
        .fetch_one(pool).await)
    .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let source_id = plaudit_store::imports::add_source(
        &mut tx,
        person_id,
        "feed",
        &feeds.url(paths::WORDPRESS_HOME),
        0,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let url = test_db.url.clone();
    let import = |args: &[&str]| {
        let mut all = vec!["--database-url", url.as_str(), "import"];
        all.extend_from_slice(args);
        plaudit(dir.path(), &all, &[("PLAUDIT_IMPORT_ALLOW_PRIVATE_ADDRESSES", "true")])
    };
    let first = import(&["--person", "Writer@Example.org"]);
    let said = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(first.status.success(), "{said}{}", String::from_utf8_lossy(&first.stderr));
    assert!(said.starts_with(&format!("source {source_id} (feed ")), "{said}");
    assert!(said.contains(" new of ") && !said.contains(": 0 new of"), "{said}");
    let second = import(&["--person", &person_id.to_string(), "--source", &source_id.to_string()]);
    let said = String::from_utf8_lossy(&second.stdout).to_string();
    assert!(said.contains("unchanged since the last read"), "the feed answered 304: {said}");

    let unknown = import(&["--person", "nobody@example.org"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no such person"));
    let not_theirs = import(&["--person", "writer@example.org", "--source", "999"]);
    assert!(String::from_utf8_lossy(&not_theirs.stderr).contains("has no source 999"));
    let pending: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM import_suggestion WHERE person_id = $1 AND status = 'pending'")
        .bind(person_id).fetch_one(pool).await)
    .unwrap();
    assert!(pending >= 3, "the posts wait in the inbox: {pending}");
}

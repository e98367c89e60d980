//! The test harness: the real application on port 0 with a fresh database per test, on SQLite
//! (a temporary file) and on PostgreSQL (a fresh database on the server named by
//! PLAUDIT_TEST_POSTGRES_URL, by default this machine's).

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use plaudit::app::Application;
use plaudit::config::Config;
use plaudit_domain::clock::{Clock, FixedClock};
use plaudit_store::{Db, on_db, sqlx};
use tokio::sync::{OnceCell, oneshot};

pub use plaudit_store::Backend;

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The instant every test app lives at, so date-dependent pages are deterministic.
pub fn test_now() -> Timestamp {
    "2026-11-29T12:00:00Z".parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn test_clock() -> FixedClock {
    FixedClock(test_now())
}

fn postgres_admin_url() -> String {
    std::env::var("PLAUDIT_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

fn postgres_required() -> bool {
    std::env::var("PLAUDIT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Whether the PostgreSQL tests can run. Without a server they are skipped with a message
/// printed once, unless PLAUDIT_REQUIRE_POSTGRES=1, when they fail.
pub async fn postgres_available() -> bool {
    static AVAILABLE: OnceCell<bool> = OnceCell::const_new();
    let available = *AVAILABLE
        .get_or_init(|| async {
            let reachable =
                tokio::time::timeout(Duration::from_secs(5), Db::connect(&postgres_admin_url()))
                    .await
                    .is_ok_and(|r| r.is_ok());
            if !reachable && !postgres_required() {
                // Straight to stderr: the test harness captures eprintln!, even from threads.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\nSKIPPING PostgreSQL tests: no server at {} (set PLAUDIT_TEST_POSTGRES_URL, \
                     or PLAUDIT_REQUIRE_POSTGRES=1 to fail)\n",
                    postgres_admin_url()
                );
            }
            reachable
        })
        .await;
    assert!(
        available || !postgres_required(),
        "PLAUDIT_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at {}",
        postgres_admin_url()
    );
    available
}

/// For a test that compares the two backends: true when PostgreSQL is there, otherwise false
/// after saying, by the test's name, that this test is skipped (a bare `return` would look
/// like a pass).
pub async fn postgres_available_or_skip() -> bool {
    if postgres_available().await {
        return true;
    }
    // libtest runs each test on a thread named after it.
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("this test");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {name}: it needs PostgreSQL");
    false
}

/// reqwest is built without a default TLS provider (the binary installs ring); HTTP clients in
/// tests need one installed too, once per process.
pub fn install_tls_provider() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A fresh, empty database, removed when dropped.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        install_tls_provider();
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("plaudit.db").display());
                TestDb { url, _dir: Some(dir), postgres_name: None }
            }
            Backend::Postgres => {
                let name = format!("plaudit_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Db::connect(&postgres_admin_url()).await.expect("PostgreSQL");
                if let Db::Postgres(pool) = &admin {
                    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                        .execute(pool)
                        .await
                        .expect("create a test database");
                }
                admin.close().await;
                let url = replace_database(&postgres_admin_url(), &name);
                TestDb { url, _dir: None, postgres_name: Some(name) }
            }
        }
    }

    pub async fn connect(&self) -> Db {
        Db::connect(&self.url).await.expect("the test database")
    }

    pub async fn migrated(&self) -> Db {
        let db = self.connect().await;
        db.migrate().await.expect("migrations");
        db
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    format!("{base}/{name}{query}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        // Drop runs outside async code: a thread with its own runtime drops the database.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build()
            else {
                return;
            };
            runtime.block_on(async {
                if let Ok(Db::Postgres(pool)) = Db::connect(&postgres_admin_url()).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// The real application, serving on a random port of 127.0.0.1.
pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The pool the server itself uses.
    pub app_db: Db,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _test_db: TestDb,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |_| {}).await
    }

    /// The application with settings changed by `configure`.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::spawn_full(TestDb::new(backend).await, configure, Arc::new(test_clock())).await
    }

    /// The application over `test_db`, as it is (migrated on start, like `plaudit serve`).
    pub async fn spawn_on(test_db: TestDb, configure: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::spawn_full(test_db, configure, Arc::new(test_clock())).await
    }

    /// The application over a fresh small demo program, living by `clock`.
    pub async fn spawn_with_demo_at(backend: Backend, clock: Arc<dyn Clock>) -> TestApp {
        let app = TestApp::spawn_full(TestDb::new(backend).await, |_| {}, clock).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false)
            .await
            .expect("the demo program");
        app
    }

    pub async fn spawn_full(
        test_db: TestDb,
        configure: impl FnOnce(&mut Config),
        clock: Arc<dyn Clock>,
    ) -> TestApp {
        let mut config = Config {
            database_url: test_db.url.clone(),
            bind: "127.0.0.1:0".to_owned(),
            ..Config::default()
        };
        configure(&mut config);
        let app =
            Application::build_with_clock(config, clock).await.expect("the application starts");
        let address = format!("http://{}", app.local_addr());
        let app_db = app.db();
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        let db = test_db.connect().await;
        // The answers as they come over the wire: reqwest's decoders (on for the importers)
        // would hide the server's compression from the tests of it.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_gzip()
            .no_brotli()
            .no_deflate()
            .build()
            .expect("an HTTP client");
        TestApp {
            address,
            db,
            app_db,
            client,
            shutdown: Some(tx),
            server: Some(server),
            _test_db: test_db,
        }
    }

    /// The application over a fresh small demo program.
    pub async fn spawn_with_demo(backend: Backend) -> TestApp {
        let app = TestApp::spawn(backend).await;
        plaudit::demo::generate(&app.db, plaudit::demo::Scale::Small, 7, &test_clock(), false)
            .await
            .expect("the demo program");
        app
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("a response")
    }

    /// Stops the server, waiting for requests in flight.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Declares a test that runs once per backend: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($(#[$meta:meta])* async fn $name:ident($backend:ident: Backend) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($backend: $crate::helpers::Backend) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::helpers::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::helpers::postgres_available().await {
                    run($crate::helpers::Backend::Postgres).await
                }
            }
        }
    };
}

/// A browser-like HTTP client: keeps cookies, does not follow redirects.
pub fn browser() -> reqwest::Client {
    install_tls_provider();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .no_brotli()
        .no_deflate()
        .build()
        .expect("an HTTP client")
}

/// The CSRF token in the first form of the page at `url`.
pub async fn csrf_from(client: &reqwest::Client, url: &str) -> String {
    let page = client.get(url).send().await.expect("a page").text().await.expect("its text");
    let start = page.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
    page[start..start + 64].to_owned()
}

/// A client signed in as `email` with the tests' password.
pub async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser();
    let answer = crate::auth::sign_in(app, &client, email, "correct horse battery").await;
    assert_eq!(answer.status(), 303, "{email} signs in");
    client
}

/// Posts `fields` to `action` with the CSRF token of the form on `page`, as a browser does.
pub async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = csrf_from(client, &format!("{}{page}", app.address)).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    form.extend_from_slice(fields);
    client.post(format!("{}{action}", app.address)).form(&form).send().await.expect("an answer")
}

/// The status and text of the page at `path`.
pub async fn get_page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let answer = client.get(format!("{}{path}", app.address)).send().await.expect("an answer");
    (answer.status().as_u16(), answer.text().await.expect("its text"))
}

/// The first link in a mail's text.
pub fn link_in(text: &str) -> String {
    let start = text.find("http").expect("a link");
    text[start..].split_whitespace().next().unwrap_or_default().to_owned()
}

/// The text part of a message as the SMTP server received it, decoded.
pub fn text_part(raw: &str) -> String {
    let mail = mailparse::parse_mail(raw.as_bytes()).expect("a MIME message");
    let part = std::iter::once(&mail)
        .chain(mail.subparts.iter())
        .find(|p| p.ctype.mimetype == "text/plain")
        .expect("a text part");
    part.get_body().expect("a decodable body")
}

/// A clock a test moves by hand: to a chosen instant, or forward to reach a retry time
/// without waiting for it.
pub struct TestClock(std::sync::Mutex<Timestamp>);

impl TestClock {
    pub fn at(now: Timestamp) -> Arc<TestClock> {
        Arc::new(TestClock(std::sync::Mutex::new(now)))
    }

    pub fn set(&self, now: Timestamp) {
        *self.0.lock().unwrap() = now;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap();
        *now = now.checked_add(by).unwrap();
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

/// A person of the demo program with an e-mail address and no account: someone joining must
/// not be turned away, and gets this person's account.
pub async fn person_without_account(db: &Db) -> (i64, String) {
    on_db!(db, pool => sqlx::query_as(
        "SELECT i.person_id, i.value FROM person_identity i WHERE i.kind = 'email' \
         AND NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id = i.person_id) \
         ORDER BY i.id LIMIT 1").fetch_one(pool).await)
    .unwrap()
}

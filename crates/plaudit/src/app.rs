//! The application: state shared by handlers, the router, and the server's lifecycle.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Request};
use plaudit_domain::clock::{Clock, SystemClock};

use crate::crypto::tokens::random_token;
use plaudit_store::Db;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use axum::middleware;
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::csrf::CsrfKey;
use crate::auth::oidc::OidcProvider;
use crate::auth::rate_limit::AnonymousLimiter;
use crate::auth::session_store::DbSessionStore;
use crate::auth::{access, csrf};
use crate::config::Config;
use crate::error::StartupError;
use crate::jobs::JobRunner;
use crate::mail::MailWorker;
use crate::ops::Ctx;
use crate::state::AppState;
use crate::web::{self, error::render_errors, layout::choose_language, public_cache, security};

pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    mail_worker: Option<MailWorker>,
    job_runner: JobRunner,
    /// Views of AMA questions counted by the router, and where to write them.
    views: (Arc<crate::ops::ama::ViewTally>, crate::ops::Ctx),
}

/// Larger bodies are refused before they are read; forms and API calls are far smaller, and
/// routes that take an upload declare their own limit in the route table.
const MAX_BODY_BYTES: usize = 2 << 20;

/// The largest body any route takes.
fn max_body_bytes() -> usize {
    let largest = web::routes::body_limits()
        .into_iter()
        .map(|(_, limit)| limit)
        .fold(MAX_BODY_BYTES, usize::max);
    // A little above the largest route's own limit, so that route answers an oversized body
    // with its `payload_too_large` page rather than this layer's bare 413.
    largest + (64 << 10)
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

impl Application {
    /// Connects to the database, migrates it when configured to, and binds the listener.
    pub async fn build(config: Config) -> Result<Application, StartupError> {
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> Result<Application, StartupError> {
        let db = connect(&config).await?;
        if config.migrate_on_start {
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
        }
        let addr = config.bind_addr()?;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|e| StartupError::Bind { addr: addr.to_string(), problem: e.to_string() })?;
        let mail_worker = match config.mail() {
            Some(settings) => Some(
                MailWorker::new(db.clone(), &settings, clock.clone())
                    .map_err(StartupError::from_mail)?,
            ),
            None => {
                tracing::warn!("smtp_url is not set: mail waits in the outbox until it is");
                None
            }
        };
        let mut job_runner = JobRunner::new(db.clone(), clock.clone());
        job_runner.public_url = config.public_url.clone();
        job_runner.github = crate::ops::ama_github::GithubAccess::configured(
            config.github_token.as_deref(),
            &config.github_api_url,
        );
        job_runner.schedule.push(crate::jobs::schedule::ama_github_sync());
        job_runner.importer = Some(config.importer().map_err(StartupError::importer)?);
        job_runner.schedule.push(crate::jobs::schedule::import_due());
        let oidc = OidcProvider::discover(&config).await?.map(Arc::new);
        let csrf_secret =
            plaudit_store::secrets::get_or_create(&db, "csrf", &random_token(), clock.now())
                .await
                .map_err(|e| StartupError::database(&config.database_url, e))?;
        let csrf_key = CsrfKey::new(&csrf_secret, config.secure_cookies)
            .with_uploads(web::routes::body_limits());
        let ctx = Ctx { db: db.clone(), clock, public_url: config.public_url.clone() };
        // The key that signs award credentials is made on the first start, kept with the
        // other shared secrets.
        crate::ops::badges::ensure_key(&ctx).await.map_err(|e| StartupError::Database {
            url: crate::config::mask_url(&config.database_url),
            problem: format!("the badge signing key could not be read or made: {e}"),
        })?;
        let state = AppState::new(ctx.clone(), config, oidc);
        let views = (state.ama_views.clone(), ctx);
        Ok(Application {
            listener,
            router: router(state, csrf_key),
            db,
            mail_worker,
            job_runner,
            views,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        // A bound listener always has an address; fall back to unspecified rather than panic.
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    /// The application's own pool.
    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Serves (and sends mail, and runs jobs) until `shutdown` resolves, then finishes the
    /// requests, the mail and the job in flight.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let wait = |mut stopped: tokio::sync::watch::Receiver<bool>| async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let worker = self.mail_worker.map(|worker| tokio::spawn(worker.run(wait(stopped.clone()))));
        let runner = tokio::spawn(self.job_runner.run(wait(stopped.clone())));
        let (views, ctx) = self.views;
        let views = tokio::spawn(views.run(ctx, wait(stopped.clone())));
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop.send(true);
        });
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let result =
            axum::serve(self.listener, service).with_graceful_shutdown(wait(stopped)).await;
        if let Some(worker) = worker {
            let _ = worker.await;
        }
        let _ = runner.await;
        let _ = views.await;
        self.db.close().await;
        result
    }
}

pub async fn connect(config: &Config) -> Result<Db, StartupError> {
    Db::connect(&config.database_url)
        .await
        .map_err(|e| StartupError::database(&config.database_url, e))
}

fn router(state: AppState, csrf_key: CsrfKey) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(
        state.ctx.db.clone(),
        state.ctx.clock.clone(),
    ))
    .with_name("plaudit_session")
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_secure(state.config.secure_cookies)
    .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let secure = state.config.secure_cookies;
    let limiter = AnonymousLimiter::per_minute(state.config.anonymous_posts_per_minute);
    // Outermost first on the way in: sessions, then who is asking, their language, the CSRF
    // check; errors from any of them or from a handler are rendered on the way out.
    web::router(limiter)
        .layer(middleware::from_fn_with_state(csrf_key, csrf::protect))
        .layer(middleware::from_fn_with_state(state.clone(), choose_language))
        .layer(middleware::from_fn_with_state(state.clone(), access::load_user))
        .layer(middleware::from_fn_with_state(state.clone(), render_errors))
        .layer(middleware::from_fn_with_state(state.clone(), public_cache::expire_after_writes))
        .with_state(state)
        .layer(sessions)
        .layer(RequestBodyLimitLayer::new(max_body_bytes()))
        .layer(web::compress::layer())
        .layer(middleware::from_fn_with_state(secure, security::add_headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let request_id = request
                        .headers()
                        .get(&REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                        request_id,
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

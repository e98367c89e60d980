//! The command line: `plaudit serve | migrate | demo | standings | jobs | import | export |
//! config | user | badges`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use plaudit_domain::clock::{Clock, SystemClock};

use crate::app::{self, Application};
use crate::config::{Config, Overrides};
use crate::demo::{self, Scale};
use crate::error::StartupError;
use crate::jobs::JobRunner;
use crate::ops::standings;
use crate::telemetry;

#[derive(Debug, Parser)]
#[command(name = "plaudit", version, about = "Run a community recognition program")]
pub struct Cli {
    /// A TOML configuration file (default: ./plaudit.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://plaudit.db (default) or postgres://user@host/database.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
        /// Start with a fresh small demo program (in plaudit-demo.db unless --database-url
        /// names an empty database).
        #[arg(long)]
        demo: bool,
        /// Do not apply pending migrations at start.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Fill an empty database with a realistic demo program.
    Demo {
        #[arg(long, value_enum, default_value_t = ScaleArg::Small)]
        scale: ScaleArg,
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Delete the SQLite file first (refused for PostgreSQL: drop the database yourself).
        #[arg(long)]
        reset: bool,
    },
    /// Recompute every standing against the published rubrics, and say how long it took.
    Standings,
    /// Run background jobs without serving: what a cron job or an operator calls.
    Jobs {
        #[command(subcommand)]
        action: JobsAction,
    },
    /// Manage the key that signs award credentials (Open Badges).
    Badges {
        #[command(subcommand)]
        action: BadgesAction,
    },
    /// Write the program's data out as files.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Read a person's contribution sources now, into their suggestions inbox.
    Import {
        /// The person: one of their e-mail addresses, or their number.
        #[arg(long)]
        person: String,
        /// Only this source (its number, as `plaudit import` lists it).
        #[arg(long)]
        source: Option<i64>,
    },
    /// Print the effective configuration, secrets masked.
    Config,
    /// Manage accounts and roles from the command line (the first admin starts here).
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Create an account with a verified address and print a one-time password, or grant
    /// roles to the account that already has this address.
    Add {
        #[arg(long)]
        email: String,
        /// The name shown on the site (default: the address's local part).
        #[arg(long)]
        name: Option<String>,
        /// member, reviewer, product_team or admin; repeat for several.
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
    },
    /// Grant a role to an account, or take it away with --revoke.
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        revoke: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportWhat {
    /// An AMA's answered questions as blog posts: one Markdown file each, with front matter
    /// that Jekyll and Hugo take as is, dated in the host's time zone.
    Ama {
        /// The AMA's slug, as in its address /amas/SLUG.
        #[arg(long = "ama", value_name = "SLUG")]
        slug: String,
        /// Only this question (its number); every answered one when left out.
        #[arg(long, value_name = "ID")]
        question: Option<i64>,
        /// Mark the posts as drafts (`published: false`).
        #[arg(long)]
        draft: bool,
        /// The language of the words Plaudit adds (the title's prefix, the link back): en or de.
        #[arg(long, default_value = "en")]
        language: String,
        /// The folder to write the files into (made when missing).
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum BadgesAction {
    /// Make a new signing key for the credentials of awards made from now on; earlier
    /// credentials keep the key they were signed with, which the issuer profile keeps listing.
    RotateKey,
}

#[derive(Debug, Subcommand)]
enum JobsAction {
    /// Queue the scheduled jobs that are due, run every due job, print what ran or failed and
    /// exit (status 1 when a job failed).
    RunOnce,
    /// List the jobs that failed after their last attempt, the most recent first.
    Failed {
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScaleArg {
    Small,
    Large,
}

pub const DEMO_DATABASE_URL: &str = "sqlite://plaudit-demo.db";

/// Runs the command line and returns the process's exit status: 2 for a configuration or
/// start-up problem, explained in one line.
pub async fn run(cli: Cli) -> ExitCode {
    match dispatch(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Startup(e)) => {
            eprintln!("plaudit: {e}");
            ExitCode::from(2)
        }
        Err(CliError::Runtime(message)) => {
            eprintln!("plaudit: {message}");
            ExitCode::FAILURE
        }
    }
}

enum CliError {
    Startup(StartupError),
    Runtime(String),
}

impl From<StartupError> for CliError {
    fn from(e: StartupError) -> Self {
        CliError::Startup(e)
    }
}

async fn dispatch(cli: Cli) -> Result<(), CliError> {
    let mut overrides =
        Overrides { database_url: cli.database_url.clone(), ..Overrides::default() };
    match cli.command {
        Command::Config => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            print!("{}", config.to_masked_toml());
            Ok(())
        }
        Command::Migrate => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            println!("database is at migration {}", db.latest_known_migration());
            db.close().await;
            Ok(())
        }
        Command::Demo { scale, seed, reset } => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            if reset {
                reset_sqlite(&config.database_url)?;
            }
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            let scale = match scale {
                ScaleArg::Small => Scale::Small,
                ScaleArg::Large => Scale::Large,
            };
            let report = demo::generate(&db, scale, seed, &SystemClock, true)
                .await
                .map_err(|e| CliError::Runtime(e.to_string()));
            // Closing the pool checkpoints SQLite's write-ahead log into the database file.
            db.close().await;
            println!("{}", report?);
            Ok(())
        }
        Command::Standings => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            let report = standings::recompute_all(&db, &SystemClock)
                .await
                .map_err(|e| CliError::Runtime(e.to_string()));
            db.close().await;
            println!("{}", report?);
            Ok(())
        }
        Command::Jobs { action } => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            if config.migrate_on_start {
                db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            }
            let result = run_jobs(&db, action, &config).await;
            db.close().await;
            let (output, ok) = result.map_err(|e| CliError::Runtime(e.to_string()))?;
            print!("{output}");
            if ok { Ok(()) } else { Err(CliError::Runtime("a job failed".to_owned())) }
        }
        Command::Import { person, source } => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let importer = config.importer().map_err(StartupError::importer)?;
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            let ctx = operations(&db, &config);
            let result = run_import(&ctx, &importer, &person, source).await;
            db.close().await;
            let (output, ok) = result?;
            print!("{output}");
            if ok {
                Ok(())
            } else {
                Err(CliError::Runtime("a source could not be read".to_owned()))
            }
        }
        Command::Badges { action: BadgesAction::RotateKey } => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            let ctx = operations(&db, &config);
            let result = async {
                crate::ops::badges::ensure_key(&ctx).await?;
                crate::ops::badges::rotate_key(&ctx).await
            }
            .await;
            db.close().await;
            let number = result.map_err(|e| CliError::Runtime(e.to_string()))?;
            println!(
                "made badge signing key {number}: awards made from now on are signed with it; \
                 earlier credentials keep their key, which {} keeps listing",
                ctx.link(crate::ops::badges::ISSUER_PATH)
            );
            Ok(())
        }
        Command::Export { what: ExportWhat::Ama { slug, question, draft, language, out } } => {
            let lang = crate::i18n::Lang::parse(&language).ok_or_else(|| {
                CliError::Runtime(format!("--language {language}: write en or de"))
            })?;
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            let ctx = operations(&db, &config);
            let files = match question {
                Some(id) => crate::ops::ama::blog_post(&ctx, None, &slug, id, draft, lang)
                    .await
                    .map(|file| vec![file]),
                None => crate::ops::ama::blog_posts(&ctx, None, &slug, draft, lang).await,
            };
            db.close().await;
            let files = files.map_err(|e| {
                CliError::Runtime(match e.code {
                    crate::ops::ErrorCode::NotFound => match question {
                        Some(id) => format!("no answered question {id} in the AMA {slug}"),
                        None => format!("no AMA at /amas/{slug}"),
                    },
                    _ => e.to_string(),
                })
            })?;
            std::fs::create_dir_all(&out)
                .map_err(|e| CliError::Runtime(format!("{}: {e}", out.display())))?;
            for file in &files {
                let path = out.join(&file.name);
                std::fs::write(&path, &file.contents)
                    .map_err(|e| CliError::Runtime(format!("{}: {e}", path.display())))?;
            }
            println!("wrote {} blog posts to {}", files.len(), out.display());
            Ok(())
        }
        Command::User { action } => {
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let db = app::connect(&config).await?;
            db.migrate().await.map_err(|e| StartupError::database(&config.database_url, e))?;
            let result = users::run(&db, &config.public_url, action).await;
            db.close().await;
            println!("{}", result.map_err(CliError::Runtime)?);
            Ok(())
        }
        Command::Serve { bind, demo: with_demo, no_migrate } => {
            overrides.bind = bind;
            if no_migrate {
                overrides.migrate_on_start = Some(false);
            }
            if with_demo && overrides.database_url.is_none() {
                overrides.database_url = Some(DEMO_DATABASE_URL.to_owned());
                reset_sqlite(DEMO_DATABASE_URL)?;
            }
            let config = Config::load(cli.config.as_deref(), &overrides)?;
            telemetry::init(&config.log, config.log_format);
            let application =
                Application::build_with_clock(config.clone(), Arc::new(SystemClock)).await?;
            if with_demo {
                let db = app::connect(&config).await?;
                let report = demo::generate(&db, Scale::Small, 2020, &SystemClock, false)
                    .await
                    .map_err(|e| CliError::Runtime(e.to_string()))?;
                tracing::info!(%report, "demo program ready");
                let now = SystemClock.now();
                let today = plaudit_domain::cycle::local_date(now, &jiff::tz::TimeZone::UTC);
                let sign_ins = demo::sign_ins::prepare(&db, today, now)
                    .await
                    .map_err(|e| CliError::Runtime(e.to_string()))?;
                for s in sign_ins {
                    // Printed, not only logged: it is what a newcomer needs to start.
                    println!(
                        "demo {}: sign in as {} with \"{}\" / \"{}\"",
                        s.role,
                        s.name,
                        s.email,
                        demo::sign_ins::DEMO_PASSWORD
                    );
                }
            }
            tracing::info!(address = %application.local_addr(), "Plaudit is listening; open http://{}", application.local_addr());
            application
                .run_until(app::shutdown_signal())
                .await
                .map_err(|e| CliError::Runtime(format!("server stopped: {e}")))
        }
    }
}

/// What operations run from the command line take: the database, the system clock and the
/// public address links in their output start with.
fn operations(db: &plaudit_store::Db, config: &Config) -> crate::ops::Ctx {
    crate::ops::Ctx {
        db: db.clone(),
        clock: std::sync::Arc::new(SystemClock),
        public_url: config.public_url.clone(),
    }
}

/// `plaudit import`: reads the person's sources one after the other, with a progress bar on a
/// terminal; what it prints, and false when a source could not be read.
async fn run_import(
    ctx: &crate::ops::Ctx,
    importer: &crate::ops::imports::Importer,
    person: &str,
    only: Option<i64>,
) -> Result<(String, bool), CliError> {
    use std::fmt::Write as _;
    use std::io::IsTerminal as _;

    let runtime = |e: crate::ops::OpError| CliError::Runtime(e.to_string());
    let (person_id, sources) = crate::ops::imports::sources_of_person(ctx, person)
        .await
        .map_err(runtime)?
        .ok_or_else(|| CliError::Runtime(format!("--person {person}: no such person")))?;
    let chosen: Vec<_> = sources.into_iter().filter(|s| only.is_none_or(|id| s.id == id)).collect();
    if chosen.is_empty() {
        return Err(CliError::Runtime(match only {
            Some(id) => format!("person {person_id} has no source {id}"),
            None => format!("person {person_id} has no sources to import"),
        }));
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(chosen.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut output = String::new();
    let mut ok = true;
    for source in &chosen {
        bar.set_message(format!("{} {}", source.kind, source.locator));
        let started = std::time::Instant::now();
        let report =
            crate::ops::imports::read_source(ctx, importer, source.id).await.map_err(runtime)?;
        ok &= report.claimed && report.failure.is_none();
        let _ = writeln!(
            output,
            "source {} ({} {}): {report} in {} ms",
            source.id,
            source.kind,
            source.locator,
            started.elapsed().as_millis()
        );
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok((output, ok))
}

/// `plaudit jobs …`: what it prints, and false when a job failed.
async fn run_jobs(
    db: &plaudit_store::Db,
    action: JobsAction,
    config: &Config,
) -> Result<(String, bool), plaudit_store::StoreError> {
    match action {
        JobsAction::RunOnce => {
            // Enough passes to drain a busy queue, few enough that a job that keeps coming
            // back cannot hold the command forever.
            let mut runner = JobRunner::new(db.clone(), Arc::new(SystemClock));
            runner.public_url = config.public_url.clone();
            runner.github = crate::ops::ama_github::GithubAccess::configured(
                config.github_token.as_deref(),
                &config.github_api_url,
            );
            runner.schedule.push(crate::jobs::schedule::ama_github_sync());
            // Without a working HTTP client the other jobs still run; imports say why not.
            runner.importer = config.importer().ok();
            runner.schedule.push(crate::jobs::schedule::import_due());
            let report = runner.run_until_idle(100).await?;
            Ok((report.to_string(), report.failures() == 0))
        }
        JobsAction::Failed { limit } => {
            let failed = plaudit_store::jobs::list_failed(db, limit.max(1)).await?;
            let mut out = String::new();
            for job in &failed {
                let at = plaudit_store::timestamp::from_micros(job.failed_at)?;
                let reason = job.last_error.as_deref().unwrap_or("");
                out.push_str(&format!(
                    "job {} {} failed at {at} after {} attempts: {reason}\n",
                    job.id, job.kind, job.attempts
                ));
            }
            if failed.is_empty() {
                out.push_str("no job has failed\n");
            }
            Ok((out, true))
        }
    }
}

/// Removes a SQLite database file and its WAL companions, so a demo starts fresh.
fn reset_sqlite(url: &str) -> Result<(), StartupError> {
    let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        return Err(StartupError::Config {
            setting: "database_url".to_owned(),
            problem: "--reset only deletes SQLite files; for PostgreSQL, drop and create the \
                      database yourself"
                .to_owned(),
        });
    };
    let path = path.split('?').next().unwrap_or(path);
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StartupError::Config {
                    setting: "database_url".to_owned(),
                    problem: format!("cannot delete {file} to start afresh: {e}"),
                });
            }
        }
    }
    Ok(())
}

/// `plaudit user …`: account administration without the web pages, over the same operations
/// the admin pages use.
mod users {
    use std::sync::Arc;

    use plaudit_domain::clock::SystemClock;
    use plaudit_domain::kinds::Role;
    use plaudit_domain::parse::EmailAddress;
    use plaudit_store::Db;

    use super::UserAction;
    use crate::i18n::Lang;
    use crate::ops::accounts::{self, Actor, AddUserInput};
    use crate::ops::{Ctx, ErrorCode, OpError};

    fn parse_role(role: &str) -> Result<Role, String> {
        role.parse::<Role>().map_err(|_| {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            format!("unknown role {role:?}; use one of: {}", known.join(", "))
        })
    }

    /// An operation's refusal as one line for the terminal, naming the flag to fix.
    fn explain(error: OpError) -> String {
        if error.code == ErrorCode::Internal {
            return error.to_string();
        }
        let lang = Lang::En;
        let fields: Vec<String> = error
            .fields
            .iter()
            .map(|(field, problem)| format!("--{field}: {}", lang.msg(problem)))
            .collect();
        if fields.is_empty() { lang.msg(&error.message()) } else { fields.join("; ") }
    }

    pub async fn run(db: &Db, public_url: &str, action: UserAction) -> Result<String, String> {
        let ctx =
            Ctx { db: db.clone(), clock: Arc::new(SystemClock), public_url: public_url.to_owned() };
        match action {
            UserAction::Add { email, name, roles } => {
                let roles = roles.iter().map(|r| parse_role(r)).collect::<Result<Vec<_>, _>>()?;
                let added = accounts::add_user(&ctx, AddUserInput { email, name, roles })
                    .await
                    .map_err(explain)?;
                Ok(match added.one_time_password {
                    Some(password) => format!(
                        "created {} (account {}); one-time password: {password}\n\
                         sign in with it and change it",
                        added.email, added.account_id
                    ),
                    None => format!(
                        "{} already had account {}; roles granted",
                        added.email, added.account_id
                    ),
                })
            }
            UserAction::SetRole { email, role, revoke } => {
                let email = EmailAddress::parse(&email).map_err(|e| format!("--email: {e}"))?;
                let role = parse_role(&role)?;
                let changed = accounts::set_role(&ctx, Actor::CommandLine, &email, role, !revoke)
                    .await
                    .map_err(|e| {
                        if e.code == ErrorCode::NotFound {
                            format!("no account has the address {email}")
                        } else {
                            explain(e)
                        }
                    })?;
                Ok(match (changed, revoke) {
                    (true, false) => format!("{email} is now {}", role.as_str()),
                    (true, true) => format!("{email} is no longer {}", role.as_str()),
                    (false, false) => format!("{email} already was {}", role.as_str()),
                    (false, true) => format!("{email} was not {}", role.as_str()),
                })
            }
        }
    }
}

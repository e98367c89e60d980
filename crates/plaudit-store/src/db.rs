//! The connection pool over either backend, write transactions, and migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};

use crate::StoreError;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Runs `$body` with `$pool` bound to the concrete pool of whichever backend `$db` is.
/// The body is compiled once per backend, so each gets its native types.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the connection of an open write transaction.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::Tx::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so the write lock is taken
/// up front and two writers queue on busy_timeout instead of failing when a reader upgrades.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Db {
    /// Opens a pool for `url`: `sqlite://path` (the file is created if missing) or
    /// `postgres://…`. Checks that the database answers.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        let db = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                // Writers queue for the one write lock; on a loaded machine a long batch (a
                // recompute, an announcement) may hold it for seconds, and a write that waits
                // is better than one that fails.
                .busy_timeout(Duration::from_secs(30))
                // 4 MiB of page cache per connection (the default is 2 MiB): each connection
                // keeps its own copy of what the operating system's file cache holds anyway,
                // so a large one multiplies the server's memory by the pool for little gain.
                .pragma("cache_size", "-4096")
                .pragma("temp_store", "memory");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                // As long as a writer waits for the lock: opening a connection sets WAL mode,
                // which waits for a long batch too, and should not fail before the batch ends.
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(options)
                .await
                .map_err(|e| StoreError::Unreachable(e.to_string()))?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::InvalidUrl(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .map_err(|e| StoreError::Unreachable(e.to_string()))?;
            Db::Postgres(pool)
        } else {
            return Err(StoreError::InvalidUrl(
                "it must start with sqlite:// or postgres://".to_owned(),
            ));
        };
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    fn migrator(&self) -> &'static Migrator {
        match self {
            Db::Sqlite(_) => &SQLITE_MIGRATIONS,
            Db::Postgres(_) => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies the embedded migrations. Safe to run from several replicas at once: on
    /// PostgreSQL the migrator holds an advisory lock, on SQLite the file is locked.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.run_migrations(None).await
    }

    /// Applies the embedded migrations up to and including `version`, and none after it: the
    /// schema an earlier release left behind, for testing upgrades from it.
    pub async fn migrate_to(&self, version: i64) -> Result<(), StoreError> {
        self.run_migrations(Some(version)).await
    }

    async fn run_migrations(&self, target: Option<i64>) -> Result<(), StoreError> {
        let migrator = self.migrator();
        let result = match self {
            // On a connection of its own, closed after: a migration that rebuilds tables turns
            // foreign keys off for the rebuild (SQLite ignores that pragma in a transaction, so
            // such a migration manages its own), and one that fails half-way must not hand a
            // connection in that state back to the application's pool.
            Db::Sqlite(pool) => {
                use sqlx::{ConnectOptions, Connection};
                let mut conn = pool.connect_options().connect().await?;
                let result = match target {
                    Some(version) => migrator.run_to(version, &mut conn).await,
                    None => migrator.run(&mut conn).await,
                };
                let _ = conn.close().await;
                result
            }
            Db::Postgres(pool) => match target {
                Some(version) => migrator.run_to(version, pool).await,
                None => migrator.run(pool).await,
            },
        };
        match result {
            Ok(()) => Ok(()),
            Err(MigrateError::VersionMissing(version)) => Err(StoreError::SchemaNewer { version }),
            Err(e) => Err(e.into()),
        }
    }

    /// The newest migration this binary carries.
    pub fn latest_known_migration(&self) -> i64 {
        self.migrator().iter().map(|m| m.version).max().unwrap_or_default()
    }

    pub async fn begin_write(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}

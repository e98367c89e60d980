//! Claiming queued rows under a lease, as the mail outbox and the job queue do: one statement
//! marks up to `limit` due rows leased until `now + lease` and counts the attempt. PostgreSQL
//! skips rows another worker is claiming at this moment (`FOR UPDATE SKIP LOCKED`); SQLite
//! has no row locks, and `BEGIN IMMEDIATE` serializes the claims.

use std::time::Duration;

use jiff::Timestamp;
use sqlx::FromRow;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;

use crate::timestamp::to_micros;
use crate::{Backend, Db, StoreError, on_tx};

/// The claim statement in each dialect; `$1` is now, `$2` the lease's end, `$3` the limit.
pub(crate) struct ClaimSql {
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Runs the claim and returns the claimed rows ordered by `key` (RETURNING gives no order).
pub(crate) async fn claim<T>(
    db: &Db,
    sql: &ClaimSql,
    now: Timestamp,
    lease: Duration,
    limit: i64,
    key: fn(&T) -> i64,
) -> Result<Vec<T>, StoreError>
where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let lease = i64::try_from(lease.as_micros()).unwrap_or(i64::MAX);
    let now = to_micros(now);
    let sql = match db.backend() {
        Backend::Sqlite => sql.sqlite,
        Backend::Postgres => sql.postgres,
    };
    let mut tx = db.begin_write().await?;
    let mut claimed: Vec<T> = on_tx!(&mut tx, conn => sqlx::query_as(sql)
        .bind(now)
        .bind(now.saturating_add(lease))
        .bind(limit)
        .fetch_all(conn)
        .await)?;
    tx.commit().await?;
    claimed.sort_by_key(key);
    Ok(claimed)
}

//! Background jobs. A job is written inside the transaction of the change that asks for it (or
//! by the scheduler, with a dedupe key per occurrence), claimed by a runner under a lease, and
//! marked done, due again after a backoff, or failed for good with its reason. As with the
//! mail outbox, a lease rather than a held transaction means a job claimed by a runner that
//! died is claimed again once the lease runs out.
//!
//! `attempts` doubles as the claim's fencing token: a runner marks a job only with the attempt
//! number its claim returned, so a runner whose lease ran out cannot overwrite the outcome of
//! the runner that claimed the job after it.

use std::time::Duration;

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::lease::{ClaimSql, claim};
use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A job to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob<'a> {
    /// The runner's name for what to do, e.g. `purge_expired`.
    pub kind: &'a str,
    /// JSON, read by the kind's handler.
    pub payload: &'a str,
    /// At most one job ever has this key: a second enqueue with it is ignored.
    pub dedupe_key: Option<&'a str>,
    pub run_at: Timestamp,
    /// Claims before the job ends failed.
    pub max_attempts: i64,
}

/// A job claimed for running.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    /// How many times it has been claimed, this claim included; the claim's fencing token.
    pub attempts: i64,
    pub max_attempts: i64,
}

/// A job that failed for good, for the admins' page.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FailedJob {
    pub id: i64,
    pub kind: String,
    pub attempts: i64,
    /// The last attempt's error: why it failed.
    pub last_error: Option<String>,
    pub created_at: i64,
    pub failed_at: i64,
}

const ENQUEUE: &str = "INSERT INTO job (kind, payload, dedupe_key, run_at, max_attempts, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id";

/// Writes `job` inside the caller's write transaction. Returns its id, or None when a job with
/// the same dedupe key already exists (done, failed or waiting).
#[instrument(skip_all, fields(kind = job.kind))]
pub async fn enqueue(
    tx: &mut Tx,
    job: &NewJob<'_>,
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(ENQUEUE)
        .bind(job.kind)
        .bind(job.payload)
        .bind(job.dedupe_key)
        .bind(to_micros(job.run_at))
        .bind(job.max_attempts)
        .bind(to_micros(now))
        .fetch_optional(conn)
        .await)?)
}

// The dialects differ only in the row locks (see `lease`).
const CLAIM: ClaimSql = ClaimSql {
    postgres: "UPDATE job SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM job \
       WHERE finished_at IS NULL AND run_at <= $1 \
         AND (locked_until IS NULL OR locked_until <= $1) \
       ORDER BY run_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, attempts, max_attempts",
    sqlite: "UPDATE job SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM job \
       WHERE finished_at IS NULL AND run_at <= $1 \
         AND (locked_until IS NULL OR locked_until <= $1) \
       ORDER BY run_at, id LIMIT $3) \
     RETURNING id, kind, payload, attempts, max_attempts",
};

/// Takes up to `limit` unfinished jobs that are due and not leased to another runner, leases
/// them until `now + lease` and counts the attempt. Returns them in id order.
#[instrument(skip_all)]
pub async fn claim_due(
    db: &Db,
    now: Timestamp,
    lease: Duration,
    limit: i64,
) -> Result<Vec<ClaimedJob>, StoreError> {
    claim(db, &CLAIM, now, lease, limit, |j: &ClaimedJob| j.id).await
}

const MARK_DONE: &str = "UPDATE job SET finished_at = $3, locked_until = NULL, last_error = NULL \
     WHERE id = $1 AND attempts = $2 AND finished_at IS NULL";

/// Records that attempt `attempt` succeeded: the job is never claimed again. False when the
/// claim was no longer this runner's (its lease ran out and another runner took the job).
#[instrument(skip_all)]
pub async fn mark_done(db: &Db, id: i64, attempt: i64, now: Timestamp) -> Result<bool, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(MARK_DONE)
        .bind(id)
        .bind(attempt)
        .bind(to_micros(now))
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1))?)
}

const MARK_RETRY: &str = "UPDATE job SET locked_until = NULL, run_at = $4, last_error = $3 \
     WHERE id = $1 AND attempts = $2 AND finished_at IS NULL";

/// Records a failed attempt that will be tried again: the lease is released and the job is due
/// again at `retry_at`.
#[instrument(skip_all)]
pub async fn mark_retry(
    db: &Db,
    id: i64,
    attempt: i64,
    error: &str,
    retry_at: Timestamp,
) -> Result<bool, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(MARK_RETRY)
        .bind(id)
        .bind(attempt)
        .bind(error)
        .bind(to_micros(retry_at))
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1))?)
}

const MARK_FAILED: &str = "UPDATE job \
     SET locked_until = NULL, last_error = $3, failed_at = $4, finished_at = $4 \
     WHERE id = $1 AND attempts = $2 AND finished_at IS NULL";

/// Records the last failed attempt: the job ends failed with `error` as its reason and waits
/// for an admin to retry it.
#[instrument(skip_all)]
pub async fn mark_failed(
    db: &Db,
    id: i64,
    attempt: i64,
    error: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(MARK_FAILED)
        .bind(id)
        .bind(attempt)
        .bind(error)
        .bind(to_micros(now))
        .execute(pool)
        .await
        .map(|r| r.rows_affected() == 1))?)
}

const RELEASE: &str = "UPDATE job SET locked_until = NULL, attempts = attempts - 1 \
     WHERE id = $1 AND attempts = $2 AND finished_at IS NULL";

/// Gives back a claimed job that was not started (the runner is stopping): it is due at once
/// for another runner, and the claim does not count as an attempt.
#[instrument(skip_all)]
pub async fn release(db: &Db, id: i64, attempt: i64) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(RELEASE)
        .bind(id)
        .bind(attempt)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Served by job_failed, which holds only failed jobs.
const LIST_FAILED: &str = "SELECT id, kind, attempts, last_error, created_at, failed_at FROM job \
     WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT $1";

/// Jobs that failed for good, the most recent failure first.
#[instrument(skip_all)]
pub async fn list_failed(db: &Db, limit: i64) -> Result<Vec<FailedJob>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(LIST_FAILED).bind(limit).fetch_all(pool).await)?)
}

const FAILED_COUNT: &str = "SELECT COUNT(*) FROM job WHERE failed_at IS NOT NULL";

/// How many jobs failed for good and wait for an admin.
#[instrument(skip_all)]
pub async fn failed_count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(FAILED_COUNT).fetch_one(pool).await)?)
}

const RETRY_FAILED: &str = "UPDATE job \
     SET failed_at = NULL, finished_at = NULL, locked_until = NULL, attempts = 0, run_at = $2 \
     WHERE id = $1 AND failed_at IS NOT NULL RETURNING kind";

/// Puts a failed job back in the queue, due at `now` with all its attempts again; the last
/// error stays until it runs. Returns the job's kind, or None when no failed job has this id.
#[instrument(skip_all)]
pub async fn retry_failed(
    tx: &mut Tx,
    id: i64,
    now: Timestamp,
) -> Result<Option<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(RETRY_FAILED)
        .bind(id)
        .bind(to_micros(now))
        .fetch_optional(conn)
        .await)?)
}

const PURGE_DONE: &str = "DELETE FROM job WHERE finished_at < $1 AND failed_at IS NULL";

/// Removes jobs that finished well before `before`. Failed jobs stay until an admin retries
/// them. A scheduled occurrence's job must outlive the next occurrence, or its dedupe key
/// would no longer keep a second replica from running it again.
#[instrument(skip_all)]
pub async fn purge_done(db: &Db, before: Timestamp) -> Result<u64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(PURGE_DONE)
        .bind(to_micros(before))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?)
}

//! The mail outbox. A mail is written inside the transaction of the change that causes it, so
//! it exists if and only if that change committed; a worker then claims due mails under a
//! lease, sends them, and marks each sent or failed. A lease rather than a held transaction
//! means a mail claimed by a worker that died is claimed again once the lease runs out.

use std::time::Duration;

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::lease::{ClaimSql, claim};
use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A mail to send: the rendered subject and bodies, and what kind of notification it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// What notification this is, e.g. `verify_email`; for logs and the admin's outbox view.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// A mail claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct QueuedMail {
    pub id: i64,
    pub kind: String,
    #[sqlx(rename = "to_address")]
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// How many times it has been claimed, this claim included.
    pub attempts: i64,
}

const ENQUEUE: &str = "INSERT INTO mail_outbox \
     (kind, to_address, subject, body_text, body_html, send_after_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";

/// Writes `mail` to the outbox inside the caller's write transaction; it is due at once.
#[instrument(skip_all)]
pub async fn enqueue(tx: &mut Tx, mail: &OutgoingMail, now: Timestamp) -> Result<i64, StoreError> {
    let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(ENQUEUE)
        .bind(&mail.kind)
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body_text)
        .bind(&mail.body_html)
        .bind(to_micros(now))
        .fetch_one(conn)
        .await)?;
    Ok(id)
}

// The dialects differ only in the row locks (see `lease`).
const CLAIM: ClaimSql = ClaimSql {
    postgres: "UPDATE mail_outbox SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM mail_outbox \
       WHERE sent_at IS NULL AND gave_up_at IS NULL AND send_after_at <= $1 \
         AND (locked_until IS NULL OR locked_until <= $1) \
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, to_address, subject, body_text, body_html, attempts",
    sqlite: "UPDATE mail_outbox SET locked_until = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM mail_outbox \
       WHERE sent_at IS NULL AND gave_up_at IS NULL AND send_after_at <= $1 \
         AND (locked_until IS NULL OR locked_until <= $1) \
       ORDER BY id LIMIT $3) \
     RETURNING id, kind, to_address, subject, body_text, body_html, attempts",
};

/// Takes up to `limit` unsent mails that are due and not leased to another worker, leases them
/// until `now + lease` and counts the attempt. Returns them oldest first.
#[instrument(skip_all)]
pub async fn claim_due(
    db: &Db,
    now: Timestamp,
    lease: Duration,
    limit: i64,
) -> Result<Vec<QueuedMail>, StoreError> {
    claim(db, &CLAIM, now, lease, limit, |m: &QueuedMail| m.id).await
}

const MARK_SENT: &str =
    "UPDATE mail_outbox SET sent_at = $2, locked_until = NULL WHERE id = $1 AND sent_at IS NULL";

/// Records that the mail server accepted the mail: it is never claimed again.
#[instrument(skip_all)]
pub async fn mark_sent(db: &Db, id: i64, now: Timestamp) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(MARK_SENT)
        .bind(id)
        .bind(to_micros(now))
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

const MARK_FAILED: &str = "UPDATE mail_outbox \
     SET locked_until = NULL, send_after_at = $3, last_error = $2 \
     WHERE id = $1 AND sent_at IS NULL";

/// Records a failed attempt: the lease is released and the mail is due again at `retry_at`.
#[instrument(skip_all)]
pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    retry_at: Timestamp,
) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(MARK_FAILED)
        .bind(id)
        .bind(error)
        .bind(to_micros(retry_at))
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Served by the partial index mail_outbox_due, which holds only mails still to be sent.
const PENDING_COUNT: &str =
    "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND gave_up_at IS NULL";

/// How many mails are not sent yet, due or not; mails given up on are not counted.
#[instrument(skip_all)]
pub async fn pending_count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(PENDING_COUNT).fetch_one(pool).await)?)
}

const MARK_GAVE_UP: &str = "UPDATE mail_outbox \
     SET locked_until = NULL, gave_up_at = $3, last_error = $2 \
     WHERE id = $1 AND sent_at IS NULL";

/// Records that the mail server refused the mail for good: it is not tried again unless an
/// admin retries it. `error` is the server's reply.
#[instrument(skip_all)]
pub async fn mark_gave_up(db: &Db, id: i64, error: &str, now: Timestamp) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(MARK_GAVE_UP)
        .bind(id)
        .bind(error)
        .bind(to_micros(now))
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// A mail given up on, for the admins' page.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct GaveUpMail {
    pub id: i64,
    pub kind: String,
    #[sqlx(rename = "to_address")]
    pub to: String,
    pub attempts: i64,
    /// The mail server's reply.
    pub last_error: Option<String>,
    pub gave_up_at: i64,
}

/// Served by mail_outbox_gave_up, which holds only mails given up on.
const LIST_GAVE_UP: &str = "SELECT id, kind, to_address, attempts, last_error, gave_up_at \
     FROM mail_outbox WHERE gave_up_at IS NOT NULL ORDER BY gave_up_at DESC, id DESC LIMIT $1";

/// Mails given up on, the most recent first.
#[instrument(skip_all)]
pub async fn list_gave_up(db: &Db, limit: i64) -> Result<Vec<GaveUpMail>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(LIST_GAVE_UP).bind(limit).fetch_all(pool).await)?)
}

const GAVE_UP_COUNT: &str = "SELECT COUNT(*) FROM mail_outbox WHERE gave_up_at IS NOT NULL";

/// How many mails were given up on and wait for an admin.
#[instrument(skip_all)]
pub async fn gave_up_count(db: &Db) -> Result<i64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(GAVE_UP_COUNT).fetch_one(pool).await)?)
}

const RETRY_GAVE_UP: &str = "UPDATE mail_outbox \
     SET gave_up_at = NULL, locked_until = NULL, attempts = 0, send_after_at = $2 \
     WHERE id = $1 AND gave_up_at IS NOT NULL AND sent_at IS NULL RETURNING kind";

/// Puts a mail given up on back in the outbox, due at `now` (e.g. after the address was fixed
/// at the receiving end). Returns its kind, or None when no mail given up on has this id.
#[instrument(skip_all)]
pub async fn retry_gave_up(
    tx: &mut Tx,
    id: i64,
    now: Timestamp,
) -> Result<Option<String>, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(RETRY_GAVE_UP)
        .bind(id)
        .bind(to_micros(now))
        .fetch_optional(conn)
        .await)?)
}

//! Server-side web sessions, so any replica can serve any request. Rows are keyed by a hash of
//! the session id: a copy of the table does not let anyone sign in.

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, on_db};

const SAVE: &str = "INSERT INTO web_session (id, account_id, data, expires_at) VALUES ($1, $2, $3, $4) \
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, \
     expires_at = excluded.expires_at";
const LOAD: &str = "SELECT data, expires_at FROM web_session WHERE id = $1 AND expires_at > $2";
const DELETE: &str = "DELETE FROM web_session WHERE id = $1";
const DELETE_FOR_ACCOUNT: &str = "DELETE FROM web_session WHERE account_id = $1";
const PURGE: &str = "DELETE FROM web_session WHERE expires_at <= $1";

#[instrument(skip_all)]
pub async fn save(
    db: &Db,
    id_hash: &str,
    account_id: Option<i64>,
    data: &str,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let expires = to_micros(expires_at);
    on_db!(db, pool => sqlx::query(SAVE).bind(id_hash).bind(account_id).bind(data).bind(expires)
        .execute(pool).await.map(|_| ()))?;
    Ok(())
}

const INSERT_NEW: &str = "INSERT INTO web_session (id, account_id, data, expires_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING";

/// Stores a new session; false when the id is already taken (a collision, vanishingly rare
/// with 128 random bits, but never to be resolved by overwriting someone's session).
#[instrument(skip_all)]
pub async fn insert_new(
    db: &Db,
    id_hash: &str,
    account_id: Option<i64>,
    data: &str,
    expires_at: Timestamp,
) -> Result<bool, StoreError> {
    let expires = to_micros(expires_at);
    Ok(on_db!(db, pool => sqlx::query(INSERT_NEW).bind(id_hash).bind(account_id).bind(data)
        .bind(expires).execute(pool).await.map(|r| r.rows_affected() == 1))?)
}

/// The session's data and expiry (microseconds), unless it is unknown or expired.
#[instrument(skip_all)]
pub async fn load(
    db: &Db,
    id_hash: &str,
    now: Timestamp,
) -> Result<Option<(String, i64)>, StoreError> {
    let now = to_micros(now);
    Ok(on_db!(db, pool => sqlx::query_as(LOAD).bind(id_hash).bind(now).fetch_optional(pool).await)?)
}

#[instrument(skip_all)]
pub async fn delete(db: &Db, id_hash: &str) -> Result<(), StoreError> {
    on_db!(db, pool => sqlx::query(DELETE).bind(id_hash).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere", a password change).
#[instrument(skip_all)]
pub async fn delete_for_account(db: &Db, account_id: i64) -> Result<u64, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(DELETE_FOR_ACCOUNT).bind(account_id).execute(pool).await
        .map(|r| r.rows_affected()))?)
}

/// Removes expired sessions; served by web_session_expires.
#[instrument(skip_all)]
pub async fn purge_expired(db: &Db, now: Timestamp) -> Result<u64, StoreError> {
    let now = to_micros(now);
    Ok(
        on_db!(db, pool => sqlx::query(PURGE).bind(now).execute(pool).await.map(|r| r.rows_affected()))?,
    )
}

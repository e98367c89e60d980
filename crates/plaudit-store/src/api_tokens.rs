//! Personal API tokens: shown once, stored hashed, scoped, revocable, with a last-used time.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const CREATE: &str = "INSERT INTO api_token (account_id, name, token_hash, scope, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
const LIST: &str = "SELECT id, name, scope, created_at, last_used_at, revoked_at FROM api_token \
     WHERE account_id = $1 ORDER BY id DESC";
const REVOKE: &str = "UPDATE api_token SET revoked_at = $3 WHERE id = $1 AND account_id = $2 \
     AND revoked_at IS NULL";
const AUTHENTICATE: &str =
    "SELECT id, account_id, scope FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL";
/// Written at most once a minute per token, so busy integrations do not turn reads into writes.
const TOUCH: &str = "UPDATE api_token SET last_used_at = $2 WHERE id = $1 \
     AND (last_used_at IS NULL OR last_used_at < $3)";

#[instrument(skip_all)]
pub async fn create(
    tx: &mut Tx,
    account_id: i64,
    name: &str,
    token_hash: &str,
    scope: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    Ok(on_tx!(tx, conn => sqlx::query_scalar(CREATE).bind(account_id).bind(name).bind(token_hash)
        .bind(scope).bind(to_micros(now)).fetch_one(conn).await)?)
}

#[instrument(skip_all)]
pub async fn list(db: &Db, account_id: i64) -> Result<Vec<ApiToken>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_as(LIST).bind(account_id).fetch_all(pool).await)?)
}

/// Revokes one of the account's own tokens; false when there was none to revoke.
#[instrument(skip_all)]
pub async fn revoke(
    tx: &mut Tx,
    account_id: i64,
    token_id: i64,
    now: Timestamp,
) -> Result<bool, StoreError> {
    on_tx!(tx, conn => Ok(sqlx::query(REVOKE).bind(token_id).bind(account_id).bind(to_micros(now))
        .execute(conn).await?.rows_affected() == 1))
}

/// The token's id, account and scope when the token is known and not revoked; notes its use.
#[instrument(skip_all)]
pub async fn authenticate(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<(i64, i64, String)>, StoreError> {
    let found: Option<(i64, i64, String)> = on_db!(db, pool => sqlx::query_as(AUTHENTICATE).bind(token_hash).fetch_optional(pool).await)?;
    if let Some((id, _, _)) = &found {
        let now = to_micros(now);
        on_db!(db, pool => sqlx::query(TOUCH).bind(id).bind(now).bind(now - 60_000_000)
            .execute(pool).await.map(|_| ()))?;
    }
    Ok(found)
}

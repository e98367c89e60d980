//! Secrets every replica must share, made once by whichever replica asks first.

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, on_db};

const INSERT: &str = "INSERT INTO server_secret (name, value, created_at) VALUES ($1, $2, $3) \
     ON CONFLICT (name) DO NOTHING";
const GET: &str = "SELECT value FROM server_secret WHERE name = $1";

/// The secret called `name`; `candidate` becomes it when there is none yet. Two replicas
/// starting at once agree: the first insert wins and both read it back.
#[instrument(skip_all)]
pub async fn get_or_create(
    db: &Db,
    name: &str,
    candidate: &str,
    now: Timestamp,
) -> Result<String, StoreError> {
    Ok(on_db!(db, pool => {
        sqlx::query(INSERT).bind(name).bind(candidate).bind(to_micros(now)).execute(pool).await?;
        sqlx::query_scalar(GET).bind(name).fetch_one(pool).await
    })?)
}

const ALL: &str = "SELECT name, value, created_at FROM server_secret ORDER BY created_at, name";

/// A shared secret as stored: its name, its value and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Secret {
    pub name: String,
    pub value: String,
    pub created_at: i64,
}

/// Every secret whose name starts with `prefix`, oldest first (a family such as the badge
/// signing keys, which grows by rotation).
#[instrument(skip_all)]
pub async fn with_prefix(db: &Db, prefix: &str) -> Result<Vec<Secret>, StoreError> {
    // A handful of rows: filtered here rather than by LIKE, where '_' is a wildcard.
    let all: Vec<Secret> = on_db!(db, pool => sqlx::query_as(ALL).fetch_all(pool).await)?;
    Ok(all.into_iter().filter(|s| s.name.starts_with(prefix)).collect())
}

const CREATE: &str = "INSERT INTO server_secret (name, value, created_at) VALUES ($1, $2, $3) \
     ON CONFLICT (name) DO NOTHING";

/// Stores a new secret; false when one of that name exists already (another replica made it).
#[instrument(skip_all)]
pub async fn create(db: &Db, name: &str, value: &str, now: Timestamp) -> Result<bool, StoreError> {
    Ok(on_db!(db, pool => sqlx::query(CREATE).bind(name).bind(value).bind(to_micros(now))
        .execute(pool).await.map(|r| r.rows_affected() == 1))?)
}

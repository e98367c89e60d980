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

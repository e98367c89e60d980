//! The version of what public pages show. Every change a public page shows bumps it in the
//! change's own transaction; each server compares its cached pages against it (see the web
//! layer's page cache), so no server serves a stale copy for longer than it waits to read it.

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// The version, the instant of the change that set it (the pages' Last-Modified), and the
/// program day the directory's statuses were written for ('' before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicVersion {
    pub version: i64,
    pub changed_at: i64,
    pub directory_day: String,
}

const READ: &str = "SELECT version, changed_at, directory_day FROM public_version WHERE id = 1";
const BUMP: &str = "UPDATE public_version SET version = version + 1, \
     changed_at = CASE WHEN changed_at >= $1 THEN changed_at + 1 ELSE $1 END WHERE id = 1";

#[instrument(skip_all)]
pub async fn version(db: &Db) -> Result<PublicVersion, StoreError> {
    let row: Option<(i64, i64, String)> =
        on_db!(db, pool => sqlx::query_as(READ).fetch_optional(pool).await)?;
    let (version, changed_at, directory_day) = row.unwrap_or_default();
    Ok(PublicVersion { version, changed_at, directory_day })
}

/// Marks every public page stale once the caller's transaction commits.
#[instrument(skip_all)]
pub async fn changed(tx: &mut Tx, now: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(BUMP).bind(to_micros(now)).execute(conn).await.map(|_| ()))?;
    Ok(())
}

//! Accounts' identities at OpenID Connect providers: which provider subject signs in as which
//! account. The provider is its issuer URL, so two providers' subjects never collide.

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Db, StoreError, Tx, on_db, on_tx};

const FIND: &str = "SELECT account_id FROM external_identity WHERE provider = $1 AND subject = $2";
const LINK: &str = "INSERT INTO external_identity (account_id, provider, subject, created_at) \
     VALUES ($1, $2, $3, $4)";

/// The account `subject` at `provider` signs in as, if it is linked to one.
#[instrument(skip_all)]
pub async fn find(db: &Db, provider: &str, subject: &str) -> Result<Option<i64>, StoreError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(FIND)
        .bind(provider).bind(subject).fetch_optional(pool).await)?)
}

/// Links `subject` at `provider` to `account_id`. Fails with a unique violation when that
/// subject is linked already.
#[instrument(skip_all)]
pub async fn link(
    tx: &mut Tx,
    account_id: i64,
    provider: &str,
    subject: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(LINK)
        .bind(account_id).bind(provider).bind(subject).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

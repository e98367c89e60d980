//! People: the profile a candidate fills in and what they confirm.

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{StoreError, Tx, on_tx};

const CONFIRM: &str = "UPDATE person SET \
     age_confirmed_at = COALESCE($2, age_confirmed_at), \
     code_of_conduct_version = COALESCE($3, code_of_conduct_version), \
     code_of_conduct_accepted_at = CASE WHEN $3 IS NULL THEN code_of_conduct_accepted_at \
         ELSE $4 END, \
     updated_at = $4 WHERE id = $1";

/// Records that the person confirmed the minimum age (`age_confirmed_at`) and accepted a
/// version of the code of conduct; a None leaves what was recorded before.
#[instrument(skip_all)]
pub async fn confirm(
    tx: &mut Tx,
    person_id: i64,
    age_confirmed_at: Option<Timestamp>,
    code_of_conduct_version: Option<&str>,
    now: Timestamp,
) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(CONFIRM).bind(person_id)
        .bind(age_confirmed_at.map(to_micros)).bind(code_of_conduct_version).bind(to_micros(now))
        .execute(conn).await.map(|_| ()))?;
    Ok(())
}

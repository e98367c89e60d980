//! The append-only audit log: every decision and every security-relevant event. The database
//! refuses UPDATE and DELETE on it (triggers in the migrations).

use jiff::Timestamp;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{StoreError, Tx, on_tx};

/// One entry. `subject_type` and `subject_id` name what the action was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub actor_account_id: Option<i64>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<i64>,
    pub detail: &'a str,
    pub ip: Option<&'a str>,
}

const RECORD: &str = "INSERT INTO audit_log (at, actor_account_id, action, subject_type, subject_id, \
     detail, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Records `entry` in the same transaction as the change it describes.
#[instrument(skip_all, fields(action = entry.action))]
pub async fn record(tx: &mut Tx, entry: &Entry<'_>, at: Timestamp) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query(RECORD)
        .bind(to_micros(at))
        .bind(entry.actor_account_id)
        .bind(entry.action)
        .bind(entry.subject_type)
        .bind(entry.subject_id)
        .bind(entry.detail)
        .bind(entry.ip)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

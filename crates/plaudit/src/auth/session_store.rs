//! tower-sessions' store over the `web_session` table: sessions live in the database, so any
//! replica can serve any request, and an account's sessions can all be ended at once.

use std::sync::Arc;

use async_trait::async_trait;
use plaudit_domain::clock::Clock;
use plaudit_store::{Db, sessions};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::crypto::tokens::hash_token;

pub const ACCOUNT_KEY: &str = "account_id";

#[derive(Clone)]
pub struct DbSessionStore {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSessionStore")
    }
}

impl DbSessionStore {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        DbSessionStore { db, clock }
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// When the session expires on the program's clock. tower-sessions dates the expiry by the
/// system clock; the store checks it against the program's (`load`), so the time left is
/// carried over: the two clocks differ when the program's is moved (tests, demos).
fn expires(record: &Record, clock: &dyn Clock) -> Result<jiff::Timestamp, session_store::Error> {
    let left = record.expiry_date - time::OffsetDateTime::now_utc();
    let left = jiff::SignedDuration::new(left.whole_seconds(), left.subsec_nanoseconds());
    clock.now().checked_add(left).map_err(backend)
}

fn encode(record: &Record) -> session_store::Result<(String, Option<i64>, String)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let account_id = record.data.get(ACCOUNT_KEY).and_then(serde_json::Value::as_i64);
    Ok((hash_token(&record.id.to_string()), account_id, data))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    /// A new session never overwrites another: on an id collision it draws a new id.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let (id_hash, account_id, data) = encode(record)?;
            let expires = expires(record, self.clock.as_ref())?;
            if sessions::insert_new(&self.db, &id_hash, account_id, &data, expires)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (id_hash, account_id, data) = encode(record)?;
        sessions::save(&self.db, &id_hash, account_id, &data, expires(record, self.clock.as_ref())?)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let id_hash = hash_token(&id.to_string());
        let now = self.clock.now();
        let Some((data, expires_at)) =
            sessions::load(&self.db, &id_hash, now).await.map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires_at) * 1_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sessions::delete(&self.db, &hash_token(&id.to_string())).await.map_err(backend)
    }
}

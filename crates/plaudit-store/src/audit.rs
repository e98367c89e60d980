//! The append-only audit log: every decision and every security-relevant event. The database
//! refuses UPDATE and DELETE on it (triggers in the migrations). Admins read it a page at a
//! time, newest first, and export it in batches; both walk the `(at, id)` order by keyset,
//! never by OFFSET, so the thousandth page costs what the first does.

use jiff::Timestamp;
use sqlx::FromRow;
use tracing::instrument;

use crate::timestamp::to_micros;
use crate::{Backend, Db, StoreError, Tx, on_db, on_tx};

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

// Reading ----------------------------------------------------------------------------------------

/// Which entries a listing keeps; an empty or None condition keeps every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The actions kept, as stored (one action, or the actions of a family).
    pub actions: Vec<String>,
    pub actor_account_id: Option<i64>,
    pub subject_type: Option<String>,
    /// Only with `subject_type`: the index is on the pair.
    pub subject_id: Option<i64>,
    /// Entries at or after this instant.
    pub from: Option<Timestamp>,
    /// Entries before this instant.
    pub until: Option<Timestamp>,
}

/// An entry's place in the log's order: by instant, then by id among entries of one instant
/// (the demo and bulk operations write many at the same microsecond).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub at: i64,
    pub id: i64,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The newest entries.
    Newest,
    /// The entries just older than this one.
    Before(Key),
    /// The entries just newer than this one.
    After(Key),
}

/// An entry as listed, with the name and address of the account that acted.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Row {
    pub id: i64,
    pub at: i64,
    pub actor_account_id: Option<i64>,
    /// None when no account acted, or the account is gone (the log outlives what it names).
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<i64>,
    pub detail: String,
    pub ip: Option<String>,
}

impl Row {
    pub fn key(&self) -> Key {
        Key { at: self.at, id: self.id }
    }
}

const LIST: &str = "SELECT l.id, l.at, l.actor_account_id, p.display_name AS actor_name, \
     a.email AS actor_email, l.action, l.subject_type, l.subject_id, l.detail, l.ip \
     FROM audit_log l LEFT JOIN account a ON a.id = l.actor_account_id \
     LEFT JOIN person p ON p.id = a.person_id WHERE 1 = 1";

/// The listing's query: [`LIST`] and the conditions the filter uses. It is put together per
/// call (each fragment a literal here) rather than written as one string with `$n IS NULL OR …`
/// for every condition: such an OR hides the condition from both planners, so filtering by a
/// rare action would walk the whole log by time instead of the `(action, at)` index. The keyset
/// condition is written `at <= $k AND (at < $k OR id < $i)` so both planners range-scan an
/// index on `at`; on SQLite the index on `(at)` carries the rowid (`id`) and gives the order
/// outright.
///
/// Several actions (a family) are read as one ordered part per action, each from the
/// `(action, at)` index and cut at `limit`, merged by `UNION ALL`: `action IN (…)` would make
/// SQLite sort every matching entry first (4.7 s for a family of 570,000 entries in a log of a
/// million, against half a millisecond merged).
fn list_query<DB>(
    backend: Backend,
    filter: &Filter,
    cursor: Cursor,
    limit: i64,
) -> sqlx::QueryBuilder<DB>
where
    DB: sqlx::Database,
    DB::Arguments: Default,
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    let mut query = sqlx::QueryBuilder::new("");
    match filter.actions.as_slice() {
        [] => push_part(&mut query, backend, filter, None, cursor, limit),
        [action] => push_part(&mut query, backend, filter, Some(action), cursor, limit),
        actions => {
            for (i, action) in actions.iter().enumerate() {
                if i > 0 {
                    query.push(" UNION ALL ");
                }
                query.push("SELECT * FROM (");
                push_part(&mut query, backend, filter, Some(action), cursor, limit);
                query.push(") AS part").push(i);
            }
            query.push(match cursor {
                Cursor::Newest | Cursor::Before(_) => " ORDER BY at DESC, id DESC",
                Cursor::After(_) => " ORDER BY at, id",
            });
            query.push(" LIMIT ").push_bind(limit);
        }
    }
    query
}

/// One ordered, limited select of the listing, for `action` or for any.
fn push_part<DB>(
    query: &mut sqlx::QueryBuilder<DB>,
    backend: Backend,
    filter: &Filter,
    action: Option<&String>,
    cursor: Cursor,
    limit: i64,
) where
    DB: sqlx::Database,
    i64: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
    String: for<'t> sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    query.push(LIST);
    if let Some(action) = action {
        query.push(" AND l.action = ").push_bind(action.clone());
    }
    if let Some(actor) = filter.actor_account_id {
        query.push(" AND l.actor_account_id = ").push_bind(actor);
    }
    match (&filter.subject_type, filter.subject_id, backend) {
        (Some(subject_type), Some(subject_id), _) => {
            query.push(" AND l.subject_type = ").push_bind(subject_type.clone());
            query.push(" AND l.subject_id = ").push_bind(subject_id);
        }
        // A type alone may keep most of the log (nearly every entry is about an account).
        // SQLite, which has no statistics here, would take the (subject_type, subject_id)
        // index and sort every entry of the type before the first page (33 s for `account`
        // in a log of a million); the unary `+` keeps it walking the `at` order, which stops
        // at a page. PostgreSQL picks by its statistics and knows no unary `+` for text.
        (Some(subject_type), None, Backend::Sqlite) => {
            query.push(" AND +l.subject_type = ").push_bind(subject_type.clone());
        }
        (Some(subject_type), None, Backend::Postgres) => {
            query.push(" AND l.subject_type = ").push_bind(subject_type.clone());
        }
        (None, _, _) => {}
    }
    if let Some(from) = filter.from {
        query.push(" AND l.at >= ").push_bind(to_micros(from));
    }
    if let Some(until) = filter.until {
        query.push(" AND l.at < ").push_bind(to_micros(until));
    }
    match cursor {
        Cursor::Newest => {
            query.push(" ORDER BY l.at DESC, l.id DESC");
        }
        Cursor::Before(key) => {
            query.push(" AND l.at <= ").push_bind(key.at);
            query.push(" AND (l.at < ").push_bind(key.at);
            query.push(" OR l.id < ").push_bind(key.id).push(")");
            query.push(" ORDER BY l.at DESC, l.id DESC");
        }
        Cursor::After(key) => {
            query.push(" AND l.at >= ").push_bind(key.at);
            query.push(" AND (l.at > ").push_bind(key.at);
            query.push(" OR l.id > ").push_bind(key.id).push(")");
            query.push(" ORDER BY l.at, l.id");
        }
    }
    query.push(" LIMIT ").push_bind(limit);
}

/// Up to `limit` entries that `filter` keeps from `cursor` on, newest first (an `After` page
/// is read oldest first from its key, then turned round).
#[instrument(skip_all)]
pub async fn page(
    db: &Db,
    filter: &Filter,
    cursor: Cursor,
    limit: i64,
) -> Result<Vec<Row>, StoreError> {
    let mut rows: Vec<Row> = on_db!(db, pool => {
        let mut query = list_query(db.backend(), filter, cursor, limit);
        query.build_query_as::<Row>().fetch_all(pool).await
    })?;
    if let Cursor::After(_) = cursor {
        rows.reverse();
    }
    Ok(rows)
}

/// The next batch of an export: up to `limit` entries that `filter` keeps, newest first,
/// older than `before` (None: from the newest). Each batch is its own short query, so an
/// export of the whole log holds no connection and no more than one batch in memory.
#[instrument(skip_all)]
pub async fn batch(
    db: &Db,
    filter: &Filter,
    before: Option<Key>,
    limit: i64,
) -> Result<Vec<Row>, StoreError> {
    page(db, filter, before.map_or(Cursor::Newest, Cursor::Before), limit).await
}

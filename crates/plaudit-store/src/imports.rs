//! Import sources and the suggestions inbox they fill: a person's sources with how their last
//! read went, the claim that lets one server read a source at a time, the suggestions
//! (pending, accepted, dismissed: a dismissed address is never suggested again, because its row
//! stays), the entries a read could not read, and the source kinds a program trusts.

use std::collections::HashSet;

use sqlx::FromRow;
use tracing::instrument;

use crate::bulk::{self, Rows, Value};
use crate::{Db, StoreError, Tx, on_db, on_tx};

/// A source as its person and the importer see it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SourceRow {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    pub locator: String,
    pub resolved_locator: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_fetched_at: Option<i64>,
    pub last_success_at: Option<i64>,
    pub failure_kind: Option<String>,
    pub last_error: Option<String>,
    pub failure_count: i64,
    pub next_fetch_at: Option<i64>,
    pub last_added: i64,
    pub last_read: i64,
    pub last_problems: i64,
    pub requested_at: Option<i64>,
    pub running_since: Option<i64>,
}

macro_rules! source_select {
    ($rest:literal) => {
        concat!(
            "SELECT id, person_id, kind, locator, resolved_locator, etag, last_modified, \
             last_fetched_at, last_success_at, failure_kind, last_error, failure_count, \
             next_fetch_at, last_added, last_read, last_problems, requested_at, running_since \
             FROM import_source ",
            $rest
        )
    };
}

/// The person's sources, oldest first (`import_source_person`).
#[instrument(skip_all)]
pub async fn sources_of(db: &Db, person_id: i64) -> Result<Vec<SourceRow>, StoreError> {
    const SQL: &str = source_select!("WHERE person_id = $1 AND removed_at IS NULL ORDER BY id");
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(person_id).fetch_all(pool).await)?)
}

/// One source, removed or not.
#[instrument(skip_all)]
pub async fn source(db: &Db, id: i64) -> Result<Option<SourceRow>, StoreError> {
    const SQL: &str = source_select!("WHERE id = $1");
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)?)
}

/// Adds a source, or brings back the same one the person removed; its first read is due at
/// once. None when the person already has it.
#[instrument(skip_all)]
pub async fn add_source(
    tx: &mut Tx,
    person_id: i64,
    kind: &str,
    locator: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    const FIND: &str = "SELECT id, removed_at FROM import_source \
         WHERE person_id = $1 AND kind = $2 AND locator = $3";
    // Read afresh (no validators): what was dismissed stays dismissed by its address.
    const RESTORE: &str = "UPDATE import_source SET removed_at = NULL, next_fetch_at = $2, \
         requested_at = $2, failure_kind = NULL, last_error = NULL, failure_count = 0, \
         etag = NULL, last_modified = NULL WHERE id = $1";
    const INSERT: &str = "INSERT INTO import_source (person_id, kind, locator, next_fetch_at, \
         requested_at, created_at) VALUES ($1, $2, $3, $4, $4, $4) RETURNING id";
    let found: Option<(i64, Option<i64>)> = on_tx!(tx, conn => sqlx::query_as(FIND)
        .bind(person_id).bind(kind).bind(locator).fetch_optional(conn).await)?;
    match found {
        Some((_, None)) => Ok(None),
        Some((id, Some(_))) => {
            on_tx!(tx, conn => sqlx::query(RESTORE).bind(id).bind(now).execute(conn).await.map(|done| done.rows_affected()))?;
            Ok(Some(id))
        }
        None => Ok(Some(on_tx!(tx, conn => sqlx::query_scalar(INSERT).bind(person_id)
            .bind(kind).bind(locator).bind(now).fetch_one(conn).await)?)),
    }
}

/// Removes one of the person's sources and its pending suggestions; what was accepted or
/// dismissed stays. False when it is not theirs.
#[instrument(skip_all)]
pub async fn remove_source(
    tx: &mut Tx,
    person_id: i64,
    id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    const REMOVE: &str = "UPDATE import_source SET removed_at = $3, requested_at = NULL \
         WHERE id = $1 AND person_id = $2 AND removed_at IS NULL";
    const PENDING: &str =
        "DELETE FROM import_suggestion WHERE import_source_id = $1 AND status = 'pending'";
    let removed = on_tx!(tx, conn => sqlx::query(REMOVE).bind(id).bind(person_id).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    if removed == 0 {
        return Ok(false);
    }
    on_tx!(tx, conn => sqlx::query(PENDING).bind(id).execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(true)
}

/// Whether a person's request for a read needs a job queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// Not one of the person's sources.
    NotFound,
    /// A read asked for since `stale_before` is still waiting: it will do.
    AlreadyWaiting,
    /// Marked as requested now: queue its read.
    Now,
}

/// Asks for a read of one of the person's sources now, unless one is waiting already (a request
/// older than `stale_before` is one whose job was lost, and is asked again).
#[instrument(skip_all)]
pub async fn request(
    tx: &mut Tx,
    person_id: i64,
    id: i64,
    now: i64,
    stale_before: i64,
) -> Result<Requested, StoreError> {
    const FIND: &str = "SELECT requested_at FROM import_source \
         WHERE id = $1 AND person_id = $2 AND removed_at IS NULL";
    const MARK: &str = "UPDATE import_source SET requested_at = $2 WHERE id = $1";
    let found: Option<Option<i64>> = on_tx!(tx, conn => sqlx::query_scalar(FIND).bind(id)
        .bind(person_id).fetch_optional(conn).await)?;
    match found {
        None => Ok(Requested::NotFound),
        Some(Some(at)) if at >= stale_before => Ok(Requested::AlreadyWaiting),
        Some(_) => {
            on_tx!(tx, conn => sqlx::query(MARK).bind(id).bind(now).execute(conn).await.map(|_| ()))?;
            Ok(Requested::Now)
        }
    }
}

/// The sources whose scheduled read is due, soonest first (`import_source_next_fetch`).
#[instrument(skip_all)]
pub async fn due(db: &Db, now: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    const SQL: &str = "SELECT id FROM import_source WHERE next_fetch_at <= $1 \
         AND removed_at IS NULL ORDER BY next_fetch_at LIMIT $2";
    Ok(on_db!(db, pool => sqlx::query_scalar(SQL).bind(now).bind(limit).fetch_all(pool).await)?)
}

/// Claims a source for one read: true for exactly one caller among servers racing for it. A
/// claim older than `stale_before` (a server killed mid-read) may be taken over.
#[instrument(skip_all)]
pub async fn claim(db: &Db, id: i64, now: i64, stale_before: i64) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE import_source SET running_since = $2 WHERE id = $1 \
         AND removed_at IS NULL AND (running_since IS NULL OR running_since < $3)";
    Ok(on_db!(db, pool => sqlx::query(SQL).bind(id).bind(now).bind(stale_before)
        .execute(pool).await.map(|done| done.rows_affected()))?
        == 1)
}

/// How a read went, written when it ends.
#[derive(Debug, Clone, Default)]
pub struct ReadEnd<'a> {
    pub now: i64,
    pub next_fetch_at: i64,
    /// On success (None on a failure: the validators and where it was read from stay).
    pub read: Option<ReadCounts<'a>>,
    /// On a failure: its stable kind and its English detail.
    pub failure: Option<(&'a str, &'a str)>,
}

#[derive(Debug, Clone, Default)]
pub struct ReadCounts<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub resolved_locator: Option<&'a str>,
    /// None when the source answered "not modified": the last counts stand.
    pub counts: Option<(i64, i64, i64)>,
}

/// Ends a read: releases the claim and the request, and records the outcome.
#[instrument(skip_all)]
pub async fn end_read(tx: &mut Tx, id: i64, end: &ReadEnd<'_>) -> Result<(), StoreError> {
    const SUCCESS: &str = "UPDATE import_source SET running_since = NULL, requested_at = NULL, \
         last_fetched_at = $2, last_success_at = $2, next_fetch_at = $3, failure_kind = NULL, \
         last_error = NULL, failure_count = 0, etag = $4, last_modified = $5, \
         resolved_locator = COALESCE($6, resolved_locator) WHERE id = $1";
    const COUNTS: &str = "UPDATE import_source SET last_added = $2, last_read = $3, \
         last_problems = $4 WHERE id = $1";
    const FAILURE: &str = "UPDATE import_source SET running_since = NULL, requested_at = NULL, \
         last_fetched_at = $2, next_fetch_at = $3, failure_kind = $4, last_error = $5, \
         failure_count = failure_count + 1 WHERE id = $1";
    if let Some(read) = &end.read {
        on_tx!(tx, conn => sqlx::query(SUCCESS).bind(id).bind(end.now).bind(end.next_fetch_at)
            .bind(read.etag).bind(read.last_modified).bind(read.resolved_locator)
            .execute(conn).await.map(|done| done.rows_affected()))?;
        if let Some((added, read, problems)) = read.counts {
            on_tx!(tx, conn => sqlx::query(COUNTS).bind(id).bind(added).bind(read)
                .bind(problems).execute(conn).await.map(|done| done.rows_affected()))?;
        }
    } else {
        let (kind, detail) = end.failure.unwrap_or(("network", ""));
        on_tx!(tx, conn => sqlx::query(FAILURE).bind(id).bind(end.now).bind(end.next_fetch_at)
            .bind(kind).bind(detail).execute(conn).await.map(|done| done.rows_affected()))?;
    }
    Ok(())
}

/// The addresses the person already has, as suggestions in any state or as contributions:
/// none of them is suggested again. Two index ranges (`import_suggestion`'s unique key and
/// `contribution_person_canonical_url`).
#[instrument(skip_all)]
pub async fn known_urls(tx: &mut Tx, person_id: i64) -> Result<HashSet<String>, StoreError> {
    const SUGGESTED: &str = "SELECT canonical_url FROM import_suggestion WHERE person_id = $1";
    const RECORDED: &str = "SELECT canonical_url FROM contribution \
         WHERE person_id = $1 AND canonical_url IS NOT NULL";
    let mut known: HashSet<String> = HashSet::new();
    for sql in [SUGGESTED, RECORDED] {
        let urls: Vec<String> = on_tx!(tx, conn => sqlx::query_scalar(sql).bind(person_id)
            .fetch_all(conn).await)?;
        known.extend(urls);
    }
    Ok(known)
}

/// A suggestion to write, borrowed from what the importer read.
#[derive(Debug, Clone)]
pub struct NewSuggestion<'a> {
    pub external_id: &'a str,
    pub canonical_url: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub contribution_type: &'a str,
    pub occurred_on: String,
    pub reach_metric: Option<&'a str>,
    pub reach_value: Option<i64>,
}

const SUGGESTION_COLUMNS: &[&str] = &[
    "import_source_id", "person_id", "external_id", "canonical_url", "title", "summary",
    "contribution_type", "occurred_on", "reach_metric", "reach_value", "status", "created_at",
];

/// Rows turned into statement values at a time: the values are a copy of the suggestions, so a
/// feed of ten thousand entries is copied a few hundred at a time rather than whole.
const SUGGESTIONS_PER_CHUNK: usize = 500;

/// Writes new pending suggestions in bulk (multi-row INSERTs on SQLite, one COPY on
/// PostgreSQL); the caller has left out the addresses [`known_urls`] gave.
#[instrument(skip_all, fields(rows = suggestions.len()))]
pub async fn insert_suggestions(
    tx: &mut Tx,
    source_id: i64,
    person_id: i64,
    suggestions: &[NewSuggestion<'_>],
    now: i64,
) -> Result<(), StoreError> {
    if suggestions.is_empty() {
        return Ok(());
    }
    let mut loader = bulk::Loader::open(tx, "import_suggestion", SUGGESTION_COLUMNS).await?;
    for chunk in suggestions.chunks(SUGGESTIONS_PER_CHUNK) {
        let mut rows = Rows::new("import_suggestion", SUGGESTION_COLUMNS);
        for s in chunk {
            rows.push([
                Value::Int(source_id),
                Value::Int(person_id),
                s.external_id.into(),
                s.canonical_url.into(),
                s.title.into(),
                s.summary.into(),
                s.contribution_type.into(),
                s.occurred_on.as_str().into(),
                s.reach_metric.map(str::to_owned).into(),
                s.reach_value.into(),
                "pending".into(),
                Value::Int(now),
            ]);
        }
        loader.write(&rows).await?;
    }
    loader.finish().await
}

/// One entry a source's read could not read, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProblem<'a> {
    pub position: i64,
    /// Its id or address, when it had one.
    pub entry_ref: Option<&'a str>,
    /// Why, by name (`no_date`, `xml_broken`, …); the sources page words it.
    pub kind: &'a str,
    /// What the reason quotes or adds (a date, a link, a parser's words).
    pub argument: Option<&'a str>,
}

/// Replaces the entries a source's last read could not read.
#[instrument(skip_all)]
pub async fn replace_problems(
    tx: &mut Tx,
    source_id: i64,
    problems: &[NewProblem<'_>],
    now: i64,
) -> Result<(), StoreError> {
    const CLEAR: &str = "DELETE FROM import_problem WHERE import_source_id = $1";
    const INSERT: &str = "INSERT INTO import_problem (import_source_id, position, entry_ref, \
         kind, argument, seen_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(CLEAR).bind(source_id).execute(conn).await.map(|done| done.rows_affected()))?;
    // A source that sends thousands of broken entries is reported by its first hundred.
    for p in problems.iter().take(MAX_PROBLEMS_KEPT) {
        on_tx!(tx, conn => sqlx::query(INSERT).bind(source_id).bind(p.position)
            .bind(p.entry_ref).bind(p.kind).bind(p.argument).bind(now)
            .execute(conn).await.map(|done| done.rows_affected()))?;
    }
    Ok(())
}

pub const MAX_PROBLEMS_KEPT: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ProblemRow {
    pub import_source_id: i64,
    pub position: i64,
    pub entry_ref: Option<String>,
    pub kind: String,
    pub argument: Option<String>,
}

/// The problems of the person's sources' last reads, by source and position.
#[instrument(skip_all)]
pub async fn problems_of(db: &Db, person_id: i64) -> Result<Vec<ProblemRow>, StoreError> {
    const SQL: &str = "SELECT p.import_source_id, p.position, p.entry_ref, p.kind, p.argument \
         FROM import_problem p JOIN import_source s ON s.id = p.import_source_id \
         WHERE s.person_id = $1 AND s.removed_at IS NULL \
         ORDER BY p.import_source_id, p.position";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(person_id).fetch_all(pool).await)?)
}

/// A suggestion as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SuggestionRow {
    pub id: i64,
    pub import_source_id: i64,
    pub source_kind: String,
    pub canonical_url: String,
    pub title: String,
    pub summary: String,
    pub contribution_type: String,
    pub occurred_on: String,
    pub reach_metric: Option<String>,
    pub reach_value: Option<i64>,
    pub status: String,
    pub contribution_id: Option<i64>,
}

macro_rules! suggestion_select {
    ($rest:literal) => {
        concat!(
            "SELECT g.id, g.import_source_id, s.kind AS source_kind, g.canonical_url, g.title, \
             g.summary, g.contribution_type, g.occurred_on, g.reach_metric, g.reach_value, \
             g.status, g.contribution_id \
             FROM import_suggestion g JOIN import_source s ON s.id = g.import_source_id ",
            $rest
        )
    };
}

/// A page of the person's suggestions in `status`, newest first, after the (date, id) key
/// (`import_suggestion_inbox`).
#[instrument(skip_all)]
pub async fn page(
    db: &Db,
    person_id: i64,
    status: &str,
    after: Option<(&str, i64)>,
    limit: i64,
) -> Result<Vec<SuggestionRow>, StoreError> {
    const FIRST: &str = suggestion_select!(
        "WHERE g.person_id = $1 AND g.status = $2 \
         ORDER BY g.occurred_on DESC, g.id DESC LIMIT $3"
    );
    const AFTER: &str = suggestion_select!(
        "WHERE g.person_id = $1 AND g.status = $2 \
         AND (g.occurred_on < $4 OR (g.occurred_on = $4 AND g.id < $5)) \
         ORDER BY g.occurred_on DESC, g.id DESC LIMIT $3"
    );
    Ok(match after {
        None => on_db!(db, pool => sqlx::query_as(FIRST).bind(person_id).bind(status)
            .bind(limit).fetch_all(pool).await)?,
        Some((on, id)) => on_db!(db, pool => sqlx::query_as(AFTER).bind(person_id)
            .bind(status).bind(limit).bind(on).bind(id).fetch_all(pool).await)?,
    })
}

/// How many suggestions the person has in each state.
#[instrument(skip_all)]
pub async fn counts(db: &Db, person_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
    const SQL: &str = "SELECT status, COUNT(*) FROM import_suggestion WHERE person_id = $1 \
         GROUP BY status";
    Ok(on_db!(db, pool => sqlx::query_as(SQL).bind(person_id).fetch_all(pool).await)?)
}

/// The person's pending suggestions among `ids` (all of them when `ids` is None), inside the
/// transaction that decides them.
#[instrument(skip_all)]
pub async fn pending_in(
    tx: &mut Tx,
    person_id: i64,
    ids: Option<&[i64]>,
) -> Result<Vec<SuggestionRow>, StoreError> {
    const ALL: &str = suggestion_select!(
        "WHERE g.person_id = $1 AND g.status = 'pending' ORDER BY g.occurred_on, g.id"
    );
    const ONE: &str =
        suggestion_select!("WHERE g.person_id = $1 AND g.status = 'pending' AND g.id = $2");
    match ids {
        None => Ok(on_tx!(tx, conn => sqlx::query_as(ALL).bind(person_id).fetch_all(conn).await)?),
        Some(ids) => {
            let mut rows = Vec::with_capacity(ids.len());
            for id in ids {
                let row: Option<SuggestionRow> = on_tx!(tx, conn => sqlx::query_as(ONE)
                    .bind(person_id).bind(id).fetch_optional(conn).await)?;
                rows.extend(row);
            }
            Ok(rows)
        }
    }
}

/// Marks a pending suggestion accepted as `contribution_id`, or dismissed (None).
#[instrument(skip_all)]
pub async fn decide(
    tx: &mut Tx,
    id: i64,
    contribution_id: Option<i64>,
    now: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE import_suggestion SET status = $2, contribution_id = $3, \
         decided_at = $4 WHERE id = $1 AND status = 'pending'";
    let status = if contribution_id.is_some() { "accepted" } else { "dismissed" };
    on_tx!(tx, conn => sqlx::query(SQL).bind(id).bind(status).bind(contribution_id).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// The source kinds whose suggestions become contributions without asking.
#[instrument(skip_all)]
pub async fn trusted_kinds(db: &Db) -> Result<Vec<String>, StoreError> {
    const SQL: &str = "SELECT kind FROM import_trusted_kind ORDER BY kind";
    Ok(on_db!(db, pool => sqlx::query_scalar(SQL).fetch_all(pool).await)?)
}

#[instrument(skip_all)]
pub async fn set_trusted_kinds(tx: &mut Tx, kinds: &[&str]) -> Result<(), StoreError> {
    on_tx!(tx, conn => sqlx::query("DELETE FROM import_trusted_kind").execute(conn).await.map(|done| done.rows_affected()))?;
    for kind in kinds {
        on_tx!(tx, conn => sqlx::query("INSERT INTO import_trusted_kind (kind) VALUES ($1)")
            .bind(kind).execute(conn).await.map(|done| done.rows_affected()))?;
    }
    Ok(())
}

/// Records an account the person has elsewhere. When another person already has it, returns
/// that person: the two may be the same.
#[instrument(skip_all)]
pub async fn record_identity(
    tx: &mut Tx,
    person_id: i64,
    kind: &str,
    value: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    const FIND: &str = "SELECT person_id FROM person_identity WHERE kind = $1 AND normalized = $2";
    const INSERT: &str = "INSERT INTO person_identity (person_id, kind, value, normalized, \
         created_at) VALUES ($1, $2, $3, $4, $5)";
    let normalized = value.trim().to_lowercase();
    let owner: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(FIND).bind(kind)
        .bind(&normalized).fetch_optional(conn).await)?;
    match owner {
        Some(owner) if owner == person_id => Ok(None),
        Some(owner) => Ok(Some(owner)),
        None => {
            on_tx!(tx, conn => sqlx::query(INSERT).bind(person_id).bind(kind).bind(value.trim())
                .bind(&normalized).bind(now).execute(conn).await.map(|done| done.rows_affected()))?;
            Ok(None)
        }
    }
}

/// Suggests merging two people (once per pair, whichever way round).
#[instrument(skip_all)]
pub async fn suggest_merge(
    tx: &mut Tx,
    a: i64,
    b: i64,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO person_merge_suggestion (person_a_id, person_b_id, reason, \
         created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (person_a_id, person_b_id) DO NOTHING";
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    on_tx!(tx, conn => sqlx::query(SQL).bind(low).bind(high).bind(reason).bind(now)
        .execute(conn).await.map(|done| done.rows_affected()))?;
    Ok(())
}
